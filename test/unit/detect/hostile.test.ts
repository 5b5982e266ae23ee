import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDetector } from '../../../extension/core/detect';
import { furnitureAt } from '../../../extension/core/detect/furniture';
import { decodeDateTagger, tagDatesAndMoney } from '../../../extension/core/detect/dateTagger';
import { readSentences } from '../../../extension/core/detect/document';
import { findPatterns } from '../../../extension/core/detect/rules';
import type { TemporalMatch } from '../../../extension/core/detect/temporal';
import { HOSTILE, stageSeconds } from '../../../scripts/bench/hostile';

// The fuzz corpus of scripts/bench/hostile.ts, short: 100 KB each. The quadratic versions took
// seconds to minutes at this size ("1,1,1…" 100 KB: 6.5 s; "[" × 100k: 32 s); linear ones take
// milliseconds. The bound is relative to ordinary prose read in the same run, so that a busy
// machine slows both alike, with a floor for a machine too busy to time the prose at all.
const SIZE = 100_000;
const TIMES_PROSE = 20;
const FLOOR_SECONDS = 1.5;
let bound: number | undefined;

function boundSeconds(): number {
  const prose = 'Officials in the harbour town said on Tuesday that the ferry operator would add two crossings. '.repeat(SIZE / 90);
  bound ??= Math.max(FLOOR_SECONDS, TIMES_PROSE * stageSeconds(prose, 'markdown'));
  return bound;
}

for (const [name, make] of Object.entries(HOSTILE)) {
  test(`hostile input, ${name}: the prose view, sentences, patterns and law names take linear time`, () => {
    const text = make(SIZE);
    for (const format of ['markdown', 'plaintext'] as const) {
      const seconds = stageSeconds(text, format);
      assert.ok(
        seconds < boundSeconds(),
        `${format}: ${seconds.toFixed(2)} s for ${text.length} characters (bound ${boundSeconds().toFixed(2)} s)`,
      );
    }
  });
}

test('10,000 nested quotes or list items are analysed without overflowing the stack', () => {
  const detector = createDetector();
  for (const text of ['> '.repeat(10_000) + 'Officials said so.', '- '.repeat(10_000) + 'Officials said so.', '1. '.repeat(10_000) + 'x']) {
    const analysis = detector.analyze(text, { format: 'markdown' });
    assert.ok(Array.isArray(analysis.entities));
  }
});

test('one sentence of many amounts: the date tagger finds each one’s grammar span in time linear in their number', () => {
  const model = decodeDateTagger(new Uint8Array(readFileSync(join(process.cwd(), 'media/models/dates.bin'))));
  const { prose, sentences } = readSentences('$1,'.repeat(40_000), 'plaintext');
  const grammar = findPatterns(prose).filter((m): m is TemporalMatch => m.type === 'Date' || m.type === 'Money');
  const started = performance.now();
  const spans = tagDatesAndMoney(prose, sentences, grammar, model);
  const seconds = (performance.now() - started) / 1000;
  // Looking for each span's grammar span among all of the sentence's took 40,000 × 40,000 steps.
  assert.ok(spans.length >= 20_000, `${spans.length} spans`);
  assert.ok(seconds < boundSeconds(), `${seconds.toFixed(2)} s (bound ${boundSeconds().toFixed(2)} s)`);
});

test('many pattern matches are kept apart in time linear in their number', () => {
  const matches = findPatterns('mail a@b.org or 10.0.0.1 on May 5, 2020 for $5. '.repeat(40_000));
  assert.equal(matches.length, 160_000);
});

test('an analysis past its time limit stops and says it is incomplete; without a limit it is complete', () => {
  const detector = createDetector(new Uint8Array(readFileSync(join(process.cwd(), 'media/models/detector.bin'))));
  const text = 'Officials in Beijing said on Tuesday that Jane Thompson met Acme Corp. '.repeat(2_000);
  const limited = detector.analyze(text, { format: 'plaintext', timeLimitMs: 0 });
  assert.equal(limited.incomplete, true);
  assert.deepEqual(limited.claims, []);
  const full = detector.analyze(text, { format: 'plaintext' });
  assert.equal(full.incomplete, undefined);
  assert.ok(full.entities.length > limited.entities.length);
});

test('page furniture is judged per mention in time linear in a long line (one line of 200,000 characters)', () => {
  const line = '$1,'.repeat(70_000);
  const cache = new Map<number, boolean>();
  const started = performance.now();
  for (let at = 0; at < line.length; at += 3) furnitureAt(line, at, cache);
  const seconds = (performance.now() - started) / 1000;
  // A scan back to the line start from each of the 70,000 mentions took seconds; a binary search takes milliseconds.
  assert.ok(seconds < 1, `${seconds.toFixed(2)} s`);
  assert.equal(furnitureAt('Officials said so.\n22 hours ago great article', 25, new Map()), true);
  assert.equal(furnitureAt('Officials said so.\n22 hours ago great article', 3, new Map()), false);
});

test('one long line of many short sentences: the claims model reads speaker labels in time linear in the line', () => {
  const models = join(process.cwd(), 'media/models');
  const detector = createDetector(
    new Uint8Array(readFileSync(join(models, 'detector.bin'))),
    null,
    new Uint8Array(readFileSync(join(models, 'claims.bin'))),
  );
  const seconds = (text: string): number => {
    const started = performance.now();
    detector.analyze(text, { format: 'plaintext' });
    return (performance.now() - started) / 1000;
  };
  // Each "1." is a sentence on the same line: looking back to the line start for each was quadratic
  // (256 KB: 19 s). Four times the text may take about four times as long, not sixteen.
  // One word at the end keeps the line from being page furniture (a line without letters is).
  const lineOf = (characters: number): string => '1. '.repeat(characters / 3) + 'deep';
  seconds(lineOf(10_000));
  const quarter = seconds(lineOf(50_000));
  const taken = seconds(lineOf(200_000));
  const bound = Math.max(FLOOR_SECONDS, 8 * quarter);
  assert.ok(taken < bound, `${taken.toFixed(2)} s (bound ${bound.toFixed(2)} s)`);
});
