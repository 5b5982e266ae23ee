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
import { shownClaims } from '../../core/detect/shown';
import type { Analysis, ClaimAttribution, Detector, Span } from '../../core/detect/types';
import type { NormalizedValue } from '../../core/detect/temporal';
import { utf16ToCodePointMapper } from '../../core/text/offsets';
import { DEFAULT_MODEL_PATH, readModelFiles } from '../modelFiles';
import { analysisRefusal } from '../../core/text/suitability';
import { stripBom } from '../../core/text/bom';
import { readTextFile } from '../files';
import { findArticles } from './export';

const USAGE = `usage: source-annotator detect FILE_OR_DIR... [--json | --jsonl] [--all-claims] [--model PATH] [--corrections PATH]
  Finds entities and claims in articles (.txt, .md; directories are searched recursively).
  --json   prints one JSON array with an object per file:
             {file, offsetUnit: "codepoint",
              entities: [{start, end, type, text}],
              claims: [{start, end, text, score (check-worthiness, 0 to 1),
                        source, resolvedSource (who a "she" or "the company" stands for), cue, content: {start, end, text} | null,
                        hedges: [{start, end, text}], attributions: [{source, resolvedSource, cue, content}]}]}
           offsets are Unicode code points into the article (after a byte-order mark, if any), end exclusive.
  --jsonl  the same objects, one per line, each written as soon as its file is analysed (for large corpora).
  --all-claims  every claim found; by default only those the editor underlines by default
           (attributed to someone, or rated check-worthy).
  --model  the weights file (default: ../media/models/detector.bin beside dist/cli.js); the claim
           finder's weights are read from claims.bin beside it, the date and money tagger's from dates.bin.
  --corrections  what the model learned from a workspace's tags (its .source-annotator/model-corrections.json,
           written by the editor when the setting learnFromTags is on).
  Without --json prints a readable summary per file. An article above the size limit the editor uses
  (5 MB), or that looks binary, is not analysed: it is named with the reason, and the exit code is 1.`;

/** The editor's default for sourceAnnotator.maxAnalysisSizeMB: the CLI refuses the same articles, before reading them. */
const MAX_ANALYSIS_MB = 5;
/** One article's analysis may take this long before it stops and says so (a hostile text, a giant single line). */
const TIME_LIMIT_MS = 60_000;

interface FileResult {
  file: string;
  offsetUnit: 'codepoint';
  /** Date and Money mentions carry their normalized `value` (a date's kind and ISO value; an amount's currency and amount). */
  entities: { start: number; end: number; type: string; text: string; value?: NormalizedValue }[];
  claims: {
    start: number;
    end: number;
    text: string;
    score: number;
    source: Span | null;
    resolvedSource: Span | null;
    cue: Span | null;
    content: Span | null;
    hedges: Span[];
    attributions: ClaimAttribution[];
  }[];
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
  const unknown = args.find((a) => a.startsWith('--') && !['--json', '--jsonl', '--model', '--corrections', '--all-claims'].includes(a));
  if (!inputs.length || unknown || (json && jsonLines) || (modelAt >= 0 && !modelPath) || (correctionsAt >= 0 && !correctionsPath)) {
    console.error(
      `source-annotator detect: ${unknown ? `unknown option ${unknown}` : json && jsonLines ? '--json and --jsonl exclude each other' : 'no file or directory given'}\n${USAGE}`,
    );
    return 2;
  }
  let files: string[] = [];
  for (const input of inputs) {
    if (!existsSync(input)) {
      console.error(`source-annotator detect: ${input} does not exist`);
      return 1;
    }
    // concat, not push(...): spreading a folder of 150,000 articles into push() overflows the stack.
    if (statSync(input).isDirectory()) files = files.concat(findArticles(input).map((f) => join(input, f)));
    else files.push(input);
  }
  if (!existsSync(modelPath))
    console.error(`source-annotator detect: no model at ${resolve(modelPath)}; finding patterns and known names only`);
  const models = readModelFiles(modelPath);
  let detector: CorrectableDetector = createDetector(models.tagger, null, models.claims, models.dates);
  if (correctionsPath !== undefined) {
    if (!existsSync(correctionsPath)) {
      console.error(
        `source-annotator detect: ${correctionsPath} does not exist (the editor writes .source-annotator/model-corrections.json once the setting sourceAnnotator.learnFromTags is on and you confirm or reject entities)`,
      );
      return 1;
    }
    try {
      detector = detector.withCorrections(readCorrections(readFileSync(correctionsPath, 'utf8')));
    } catch (error) {
      console.error(
        `source-annotator detect: cannot use the corrections ${correctionsPath}: ${error instanceof Error ? error.message : String(error)}`,
      );
      return 1;
    }
  }
  const allClaims = args.includes('--all-claims');
  let refused = 0;
  /** The file's result, or null (said on stderr) when it is refused. */
  const detectOrRefuse = (file: string): FileResult | null => {
    const result = detectFile(detector, file, allClaims);
    if (!('refused' in result)) return result;
    console.error(`source-annotator detect: ${file} not analysed: ${result.refused}`);
    refused++;
    return null;
  };
  if (jsonLines) {
    for (const file of files) {
      const result = detectOrRefuse(file);
      if (result) await writeOut(JSON.stringify(result) + '\n');
    }
    return refused ? 1 : 0;
  }
  const results = files.map(detectOrRefuse).filter((r): r is FileResult => r !== null);
  if (json) await writeOut(JSON.stringify(results, null, 1) + '\n');
  else for (const r of results) console.log(summary(r));
  return refused ? 1 : 0;
});

/** Writes to stdout and waits while a slow reader (a pipe) has not taken what was written, so memory stays bounded. */
function writeOut(chunk: string): Promise<void> {
  return new Promise((resolve) => {
    if (process.stdout.write(chunk)) resolve();
    else process.stdout.once('drain', resolve);
  });
}

function detectFile(detector: Detector, file: string, allClaims: boolean): FileResult | { refused: string } {
  const read = readTextFile(file, MAX_ANALYSIS_MB * 1024 * 1024);
  if (!read.ok) return { refused: read.problem };
  const text = stripBom(read.text);
  const refusal = analysisRefusal(text, MAX_ANALYSIS_MB);
  if (refusal) return { refused: refusal };
  const analysis: Analysis = detector.analyze(text, {
    format: /\.(?:md|markdown)$/i.test(file) ? 'markdown' : 'plaintext',
    timeLimitMs: TIME_LIMIT_MS,
  });
  if (analysis.incomplete)
    console.error(
      `source-annotator detect: ${file}: the analysis stopped after ${TIME_LIMIT_MS / 1000} s; what it found so far is printed`,
    );
  const toCp = utf16ToCodePointMapper(text);
  const span = (s: Span): Span => ({ start: toCp(s.start), end: toCp(s.end), text: s.text });
  return {
    file,
    offsetUnit: 'codepoint',
    entities: analysis.entities.map((e) => {
      const value = e.date ?? e.money;
      return { start: toCp(e.start), end: toCp(e.end), type: e.type, text: e.text, ...(value && { value }) };
    }),
    claims: shownClaims(analysis.claims, allClaims).map((c) => ({
      ...span(c),
      score: Math.round(c.score * 1000) / 1000,
      source: c.source && span(c.source),
      resolvedSource: c.resolvedSource ? span(c.resolvedSource) : null,
      cue: c.cue && span(c.cue),
      content: c.content && span(c.content),
      hedges: c.hedges.map(span),
      attributions: (c.attributions ?? []).map((a) => ({
        source: a.source && span(a.source),
        resolvedSource: a.resolvedSource && span(a.resolvedSource),
        cue: a.cue && span(a.cue),
        content: a.content && span(a.content),
      })),
    })),
  };
}

function summary(r: FileResult): string {
  const byType = new Map<string, Set<string>>();
  for (const e of r.entities) byType.set(e.type, (byType.get(e.type) ?? new Set()).add(e.text));
  const lines = [`${r.file}: ${r.entities.length} entities, ${r.claims.length} claims`];
  for (const [type, names] of byType) lines.push(`  ${type}: ${[...names].join(', ')}`);
  for (const c of r.claims) {
    const who = c.source
      ? ` — ${c.source.text}${c.resolvedSource ? ` → ${c.resolvedSource.text}` : ''}${c.cue ? ` (${c.cue.text})` : ''}`
      : '';
    const hedged = c.hedges.length ? ` [hedged: ${c.hedges.map((h) => h.text).join(', ')}]` : '';
    lines.push(`  ${c.score.toFixed(2)}  ${c.text.length > 110 ? c.text.slice(0, 107) + '…' : c.text}${who}${hedged}`);
  }
  return lines.join('\n');
}
