// Hostile input: texts built to make a parser or a regular expression take quadratic time or
// recurse as deep as the input nests. Each generator makes a text of about `size` UTF-16 units.
// The unit tests run them short (test/unit/detect/hostile.test.ts); `npm run bench hostile` runs
// them at 1 MB and prints the worst seconds per MB of the reading stages (the prose view,
// sentences, patterns, law names), which must stay <= 2, and of the whole analysis next to
// ordinary prose timed in the same run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDetector } from '../../extension/core/detect';
import { findLaws, findPatterns } from '../../extension/core/detect/rules';
import type { Detector } from '../../extension/core/detect/types';
import { splitSentences } from '../../extension/core/text/sentences';
import { proseView } from '../../extension/core/text/structure';

const fill = (unit: string, size: number, tail = ''): string =>
  unit.repeat(Math.max(1, Math.floor((size - tail.length) / unit.length))) + tail;

/** Name → generator. Each was, or is close to, an input that stalled or crashed the analysis. */
export const HOSTILE: Record<string, (size: number) => string> = {
  'nested block quotes': (n) => fill('> ', n, 'deep'),
  'nested list items': (n) => fill('- ', n, 'deep'),
  'nested ordered list items': (n) => fill('1. ', n, 'deep'),
  'nested quote lines': (n) => {
    let out = '';
    for (let depth = 1; out.length < n; depth++) out += '>'.repeat(depth % 20_000) + ' line\n';
    return out;
  },
  'opening brackets': (n) => fill('[', n),
  'brackets and text': (n) => fill('[a', n),
  'image openers': (n) => fill('![', n),
  backticks: (n) => fill('`a', n),
  'emphasis openers': (n) => fill('*a ', n),
  underscores: (n) => fill('_a', n),
  'angle brackets': (n) => fill('<a', n),
  'character references': (n) => fill('&amp', n),
  'capitalized words ending in Act': (n) => fill('Clean Water ', n, 'Act Now'),
  'capitalized words and Acts': (n) => fill('Public Health Act Reform ', n),
  'digits and commas': (n) => fill('1,', n),
  'dollar digits and commas': (n) => fill('$1,', n),
  'dotted words with one @': (n) => fill('a.', n, '@'),
  'dotted words before @': (n) => fill('a.', n, '@b'),
  'many pattern matches': (n) => fill('5% ', n),
  'many dates': (n) => fill('May 5, 2020 ', n),
  'many money amounts': (n) => fill('$5 million ', n),
  'one long word': (n) => fill('a', n),
  'blank lines': (n) => fill('\n', n),
  'a line of spaces': (n) => fill(' ', n, 'x'),
  'lone carriage returns': (n) => fill('a\r', n),
  'www runs': (n) => fill('www.', n),
  'hyphenated capitals': (n) => fill('A-', n, 'Act'),
  'one long line of words': (n) => fill('Word said ', n),
};

/** The detector with the shipped model, as the editor runs it. */
export function shippedDetector(repoRoot: string): Detector {
  return createDetector(new Uint8Array(readFileSync(join(repoRoot, 'media/models/detector.bin'))));
}

/**
 * Seconds the text-reading stages named in issue 14 take on a text: the prose view (Markdown
 * structure), sentences, the patterns (money, e-mail, dates…) and the law names.
 */
export function stageSeconds(text: string, format: 'markdown' | 'plaintext'): number {
  const started = performance.now();
  const view = proseView(text, format);
  const sentences = splitSentences(view.text, view.blocks);
  findPatterns(view.text);
  findLaws(view.text, sentences);
  return (performance.now() - started) / 1000;
}

export interface HostileTiming {
  name: string;
  format: 'markdown' | 'plaintext';
  /** The reading stages (stageSeconds) per MB of text. */
  stagesPerMb: number;
  /** The whole analysis, with the model, per MB of text. */
  analysisPerMb: number;
}

/** Times every hostile text of `size` units in both formats, the reading stages and the whole analysis, slowest stages first. */
export function timeHostile(detector: Detector, size: number, only?: readonly string[]): HostileTiming[] {
  const out: HostileTiming[] = [];
  // Compiled and warm first, so that the first text measured does not pay for the start-up.
  detector.analyze('Officials in Beijing said on May 5, 2020 that $5 million went to Acme Corp. [link](x) *a*', { format: 'markdown' });
  for (const [name, make] of Object.entries(HOSTILE)) {
    if (only && !only.includes(name)) continue;
    const text = make(size);
    const mb = text.length / 1_000_000;
    for (const format of ['markdown', 'plaintext'] as const) {
      const stages = stageSeconds(text, format);
      const started = performance.now();
      detector.analyze(text, { format });
      out.push({ name, format, stagesPerMb: stages / mb, analysisPerMb: (performance.now() - started) / 1000 / mb });
    }
  }
  return out.sort((a, b) => b.stagesPerMb - a.stagesPerMb);
}

/** Ordinary prose of `size` units, the baseline the whole analysis is compared with: an invented paragraph repeated. */
function prose(size: number): string {
  return fill('Officials in the harbour town said on Tuesday that the ferry operator, Northwind Lines, would add two crossings. ', size);
}

/** `npm run bench hostile`: every generator at 1 MB through the reading stages, and at 256 KB through the whole analysis. */
export async function bench(): Promise<void> {
  const detector = shippedDetector(join(__dirname, '../..'));
  const stages: HostileTiming[] = [];
  for (const [name, make] of Object.entries(HOSTILE)) {
    const text = make(1_000_000);
    for (const format of ['markdown', 'plaintext'] as const)
      stages.push({ name, format, stagesPerMb: stageSeconds(text, format) / (text.length / 1e6), analysisPerMb: NaN });
  }
  stages.sort((a, b) => b.stagesPerMb - a.stagesPerMb);
  console.log(`reading stages (prose view, sentences, patterns, law names), ${stages.length} hostile texts of 1 MB:`);
  for (const t of stages.slice(0, 5)) console.log(`  ${t.name} (${t.format}): ${t.stagesPerMb.toFixed(3)} s/MB`);
  const baseline = prose(1_000_000);
  console.log(`  baseline, ordinary prose: ${(stageSeconds(baseline, 'markdown') / (baseline.length / 1e6)).toFixed(3)} s/MB`);
  const analysis = timeHostile(detector, 256_000).sort((a, b) => b.analysisPerMb - a.analysisPerMb);
  console.log(`whole analysis with the model, ${analysis.length} hostile texts of 256 KB:`);
  for (const t of analysis.slice(0, 5)) console.log(`  ${t.name} (${t.format}): ${t.analysisPerMb.toFixed(2)} s/MB`);
  const text = prose(256_000);
  const started = performance.now();
  detector.analyze(text, { format: 'markdown' });
  console.log(`  baseline, ordinary prose: ${((performance.now() - started) / 1000 / (text.length / 1e6)).toFixed(2)} s/MB`);
  console.log(
    `worst seconds per MB over the fuzz corpus: reading stages ${stages[0].stagesPerMb.toFixed(3)} (goal <= 2), whole analysis ${analysis[0].analysisPerMb.toFixed(2)}`,
  );
}
