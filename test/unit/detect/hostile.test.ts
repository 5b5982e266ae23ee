import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDetector } from '../../../extension/core/detect';
import { findPatterns } from '../../../extension/core/detect/rules';
import { HOSTILE, stageSeconds } from '../../../scripts/bench/hostile';

// The fuzz corpus of scripts/bench/hostile.ts, short: 100 KB each. The quadratic versions took
// seconds to minutes at this size ("1,1,1…" 100 KB: 6.5 s; "[" × 100k: 32 s); linear ones take
// milliseconds, so the bound below leaves a busy machine a wide margin.
const SIZE = 100_000;
const MAX_SECONDS = 1.5;

for (const [name, make] of Object.entries(HOSTILE)) {
  test(`hostile input, ${name}: the prose view, sentences, patterns and law names take linear time`, () => {
    const text = make(SIZE);
    for (const format of ['markdown', 'plaintext'] as const) {
      const seconds = stageSeconds(text, format);
      assert.ok(seconds < MAX_SECONDS, `${format}: ${seconds.toFixed(2)} s for ${text.length} characters`);
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

test('many pattern matches are kept apart in time linear in their number', () => {
  const matches = findPatterns('5% '.repeat(50_000) + 'write to a@b.org');
  assert.equal(matches.length, 50_001);
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
