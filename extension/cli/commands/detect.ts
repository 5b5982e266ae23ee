/**
 * source-annotator detect FILE_OR_DIR... [--json | --jsonl] [--model PATH] [--corrections PATH]
 *
 * Runs the detector over articles (.txt, .md; directories are searched) and prints what it finds.
 * The weights file is media/models/detector.bin, found beside the bundle: dist/cli.js reads
 * ../media/models/detector.bin relative to its own directory (__dirname), which is where the
 * package ships it; --model overrides.
 */
import { cliCommand } from '../command';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readCorrections } from '../../core/detect/feedback';
import { createDetector, type CorrectableDetector } from '../../core/detect/index';
import type { Analysis, Detector, Span } from '../../core/detect/types';
import { utf16ToCodePointMapper } from '../../core/text/offsets';
import { findArticles, readArticle } from './export';
import { formatOfPath } from '../../core/text/format';

const USAGE = `usage: source-annotator detect FILE_OR_DIR... [--json | --jsonl] [--model PATH] [--corrections PATH]
  Finds entities and claims in articles (.txt, .md; directories are searched recursively).
  --json   prints one JSON array with an object per file:
             {file, offsetUnit: "codepoint",
              entities: [{start, end, type, text}],
              claims: [{start, end, text, score, source: {start, end, text} | null,
                        cue: {start, end, text} | null, hedges: [{start, end, text}]}]}
           offsets are Unicode code points into the article (after a byte-order mark, if any), end exclusive.
  --jsonl  the same objects, one per line, each written as soon as its file is analysed (for large corpora).
  --model  the weights file (default: ../media/models/detector.bin beside dist/cli.js).
  --corrections  what the model learned from a workspace's tags (its .source-annotator/model-corrections.json,
           written by the editor when the setting learnFromTags is on).
  Without --json prints a readable summary per file.`;

export const DEFAULT_MODEL_PATH = join(__dirname, '../media/models/detector.bin');

interface FileResult {
  file: string;
  offsetUnit: 'codepoint';
  entities: { start: number; end: number; type: string; text: string }[];
  claims: { start: number; end: number; text: string; score: number; source: Span | null; cue: Span | null; hedges: Span[] }[];
}

export const run = cliCommand('detect', USAGE, async (args: string[]): Promise<number> => {
  const json = args.includes('--json');
  const jsonLines = args.includes('--jsonl');
  const modelAt = args.indexOf('--model');
  const modelPath = modelAt >= 0 ? args[modelAt + 1] : DEFAULT_MODEL_PATH;
  const correctionsAt = args.indexOf('--corrections');
  const correctionsPath = correctionsAt >= 0 ? args[correctionsAt + 1] : undefined;
  const valueAt = new Set([modelAt, correctionsAt].filter((i) => i >= 0).map((i) => i + 1));
  const inputs = args.filter((a, i) => !a.startsWith('--') && !valueAt.has(i));
  const unknown = args.find((a) => a.startsWith('--') && a !== '--json' && a !== '--jsonl' && a !== '--model' && a !== '--corrections');
  if (!inputs.length || unknown || (json && jsonLines) || (modelAt >= 0 && !modelPath) || (correctionsAt >= 0 && !correctionsPath)) {
    console.error(
      `source-annotator detect: ${unknown ? `unknown option ${unknown}` : json && jsonLines ? '--json and --jsonl exclude each other' : 'no file or directory given'}\n${USAGE}`,
    );
    return 2;
  }
  const files: string[] = [];
  for (const input of inputs) {
    if (!existsSync(input)) {
      console.error(`source-annotator detect: ${input} does not exist`);
      return 1;
    }
    if (statSync(input).isDirectory()) files.push(...findArticles(input).map((f) => join(input, f)));
    else files.push(input);
  }
  if (!existsSync(modelPath)) console.error(`source-annotator detect: no model at ${resolve(modelPath)}; finding patterns and known names only`);
  let detector: CorrectableDetector = createDetector(existsSync(modelPath) ? new Uint8Array(readFileSync(modelPath)) : null);
  if (correctionsPath !== undefined) {
    try {
      detector = detector.withCorrections(readCorrections(readFileSync(correctionsPath, 'utf8')));
    } catch (error) {
      console.error(`source-annotator detect: cannot use the corrections ${correctionsPath}: ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    }
  }
  if (jsonLines) {
    for (const file of files) await writeOut(JSON.stringify(detectFile(detector, file)) + '\n');
    return 0;
  }
  const results = files.map((file) => detectFile(detector, file));
  if (json) await writeOut(JSON.stringify(results, null, 1) + '\n');
  else for (const r of results) console.log(summary(r));
  return 0;
});

/** Writes to stdout and waits while a slow reader (a pipe) has not taken what was written, so memory stays bounded. */
function writeOut(chunk: string): Promise<void> {
  return new Promise((resolve) => {
    if (process.stdout.write(chunk)) resolve();
    else process.stdout.once('drain', resolve);
  });
}

function detectFile(detector: Detector, file: string): FileResult {
  const text = readArticle(file);
  const analysis: Analysis = detector.analyze(text, { format: formatOfPath(file) });
  const toCp = utf16ToCodePointMapper(text);
  const span = (s: Span): Span => ({ start: toCp(s.start), end: toCp(s.end), text: s.text });
  return {
    file,
    offsetUnit: 'codepoint',
    entities: analysis.entities.map((e) => ({ start: toCp(e.start), end: toCp(e.end), type: e.type, text: e.text })),
    claims: analysis.claims.map((c) => ({
      ...span(c),
      score: Math.round(c.score * 1000) / 1000,
      source: c.source && span(c.source),
      cue: c.cue && span(c.cue),
      hedges: c.hedges.map(span),
    })),
  };
}

function summary(r: FileResult): string {
  const byType = new Map<string, Set<string>>();
  for (const e of r.entities) byType.set(e.type, (byType.get(e.type) ?? new Set()).add(e.text));
  const lines = [`${r.file}: ${r.entities.length} entities, ${r.claims.length} claims`];
  for (const [type, names] of byType) lines.push(`  ${type}: ${[...names].join(', ')}`);
  for (const c of r.claims) {
    const who = c.source ? ` — ${c.source.text}${c.cue ? ` (${c.cue.text})` : ''}` : '';
    const hedged = c.hedges.length ? ` [hedged: ${c.hedges.map((h) => h.text).join(', ')}]` : '';
    lines.push(`  ${c.score.toFixed(2)}  ${c.text.length > 110 ? c.text.slice(0, 107) + '…' : c.text}${who}${hedged}`);
  }
  return lines.join('\n');
}
