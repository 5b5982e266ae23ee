// Hostile input: texts built to make a parser or a regular expression take quadratic time or
// recurse as deep as the input nests. Each generator makes a text of about `size` UTF-16 units.
// The unit tests run them short (test/unit/detect/hostile.test.ts); `npm run bench hostile` runs
// them (256 KB by default) through the whole analysis (reading, patterns, the model, claims) and through the
// reading stages alone (the prose view, sentences, patterns, law names), one line per generator,
// next to ordinary prose timed in the same run; the worst whole analysis must stay <= 2 s per MB.
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

/** Seconds per MB a hostile text takes, through the reading stages and through the whole analysis. */
export interface HostileTiming {
  name: string;
  format: 'markdown' | 'plaintext';
  /** The reading stages (stageSeconds) per MB of text. */
  stagesPerMb: number;
  /** The whole analysis as the editor runs it (reading, patterns, the model, claims; no time limit) per MB of text. */
  analysisPerMb: number;
  /**
   * The same in CPU seconds of the process (its garbage collector's threads included): on a machine
   * busy with other work, wall time grows with the load and this much less.
   */
  analysisCpuPerMb: number;
}

/**
 * Texts of this many UTF-16 units by default: the whole analysis of some generators takes minutes per
 * MB today, so a run at 1 MB (`npm run bench hostile -- 1000000`) is for when they are fast.
 */
const DEFAULT_SIZE = 256_000;

/** The whole-analysis goal of issue 14: no input takes more than this many seconds per MB. */
export const GOAL_SECONDS_PER_MB = 2;

/** Times one text through the reading stages and through the whole analysis, in both formats. */
function timeText(detector: Detector, name: string, text: string): HostileTiming[] {
  const mb = text.length / 1_000_000;
  return (['markdown', 'plaintext'] as const).map((format) => {
    const stages = stageSeconds(text, format);
    const started = performance.now();
    const cpu = process.cpuUsage();
    detector.analyze(text, { format });
    const used = process.cpuUsage(cpu);
    return {
      name,
      format,
      stagesPerMb: stages / mb,
      analysisPerMb: (performance.now() - started) / 1000 / mb,
      analysisCpuPerMb: (used.user + used.system) / 1e6 / mb,
    };
  });
}

/** Ordinary prose of `size` units, the baseline the hostile texts are compared with: an invented paragraph repeated. */
function prose(size: number): string {
  return fill('Officials in the harbour town said on Tuesday that the ferry operator, Northwind Lines, would add two crossings. ', size);
}

/**
 * `npm run bench hostile [-- SIZE]`: every generator's text of SIZE units (default 256 KB) through the
 * reading stages and through the whole analysis, in both formats, with ordinary prose timed in the same
 * run; one line per generator as it is timed, then the worst seconds per MB against the goal.
 */
export async function bench(): Promise<void> {
  const size = Number(process.argv.slice(3).find((a) => /^\d+$/.test(a)) ?? DEFAULT_SIZE);
  const detector = shippedDetector(join(__dirname, '../..'));
  // Compiled and warm first, so that the first text measured does not pay for the start-up.
  detector.analyze('Officials in Beijing said on May 5, 2020 that $5 million went to Acme Corp. [link](x) *a*', { format: 'markdown' });
  const line = (t: HostileTiming) =>
    `  ${t.name} (${t.format}): whole analysis ${t.analysisPerMb.toFixed(2)} s/MB (CPU ${t.analysisCpuPerMb.toFixed(2)}), ` +
    `reading stages ${t.stagesPerMb.toFixed(3)} s/MB`;
  console.log(`hostile input: ${Object.keys(HOSTILE).length} generators × 2 formats, texts of ${size} UTF-16 units, no time limit:`);
  const baseline = timeText(detector, 'baseline, ordinary prose', prose(size));
  for (const t of baseline) console.log(line(t));
  // Each line as soon as it is timed: a slow generator shows which one it is.
  const timings: HostileTiming[] = [];
  for (const [name, make] of Object.entries(HOSTILE)) {
    for (const t of timeText(detector, name, make(size))) {
      console.log(line(t));
      timings.push(t);
    }
  }
  const worst = timings.reduce((a, b) => (b.analysisPerMb > a.analysisPerMb ? b : a));
  const worstStages = timings.reduce((a, b) => (b.stagesPerMb > a.stagesPerMb ? b : a));
  const worstCpu = timings.reduce((a, b) => (b.analysisCpuPerMb > a.analysisCpuPerMb ? b : a));
  console.log(
    `worst seconds per MB over the fuzz corpus: whole analysis ${worst.analysisPerMb.toFixed(2)} (${worst.name}, ${worst.format}; ` +
      `goal <= ${GOAL_SECONDS_PER_MB}), reading stages ${worstStages.stagesPerMb.toFixed(3)} (${worstStages.name}, ${worstStages.format}); ` +
      `ordinary prose ${Math.max(...baseline.map((t) => t.analysisPerMb)).toFixed(2)}; in CPU seconds per MB, worst ${worstCpu.analysisCpuPerMb.toFixed(2)} ` +
      `(${worstCpu.name}, ${worstCpu.format}), ordinary prose ${Math.max(...baseline.map((t) => t.analysisCpuPerMb)).toFixed(2)}`,
  );
  const over = timings.filter((t) => t.analysisPerMb > GOAL_SECONDS_PER_MB);
  for (const t of over) console.log(`goal not met: ${t.name} (${t.format}) ${t.analysisPerMb.toFixed(2)} s/MB`);
  if (over.length > 0) process.exitCode = 1;
}
