import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { createDetector } from '../../../extension/core/detect';
import {
  analysisBetween,
  analysisOf,
  analyzeAll,
  analyzeChanges,
  analyzePending,
  cutChunks,
  isComplete,
  startAnalysis,
  type TextChange,
} from '../../../extension/core/detect/incremental';
import type { AnalyzeOptions, Detector } from '../../../extension/core/detect/types';

/** A detector whose every decision depends on the chunk it is given, so a stale chunk shows. */
const capitals: Detector = {
  analyze(text) {
    const entities = [...text.matchAll(/[A-Z][a-z]+/g)].map((m) => ({
      start: m.index,
      end: m.index + m[0].length,
      text: m[0],
      type: 'Other' as const,
      origin: 'pattern' as const,
    }));
    const claims = [...text.matchAll(/[^\n.]*said[^\n.]*\./g)].map((m) => ({
      start: m.index,
      end: m.index + m[0].length,
      text: m[0],
      score: 0.5,
      source: null,
      cue: null,
      content: null,
      hedges: [],
    }));
    return { entities, claims };
  },
};

const words = fc.constantFrom(
  'Ana',
  'said',
  'the',
  'Board',
  'paid',
  '$3',
  'million',
  '.',
  ' ',
  '\n',
  '\n\n',
  '🎉',
  '中文',
  '\r\n',
  '```',
  'Lisbon',
);
const textArb = fc.array(words, { maxLength: 60 }).map((w) => w.join(' '));
const editArb = fc.record({ at: fc.nat(), remove: fc.nat({ max: 12 }), insert: fc.array(words, { maxLength: 4 }).map((w) => w.join('')) });

function apply(text: string, edit: { at: number; remove: number; insert: string }): { text: string; change: TextChange } {
  const at = edit.at % (text.length + 1);
  const remove = Math.min(edit.remove, text.length - at);
  return {
    text: text.slice(0, at) + edit.insert + text.slice(at + remove),
    change: { rangeOffset: at, rangeLength: remove, text: edit.insert },
  };
}

for (const format of ['plaintext', 'markdown'] as const) {
  test(`incremental analysis equals a fresh analysis after random edits (${format})`, () => {
    const options: AnalyzeOptions = { format };
    fc.assert(
      fc.property(textArb, fc.array(editArb, { minLength: 1, maxLength: 8 }), fc.boolean(), (initial, edits, batched) => {
        let state = analyzeAll(capitals, initial, options);
        let text = initial;
        const pending: TextChange[] = [];
        for (const edit of edits) {
          const next = apply(text, edit);
          text = next.text;
          if (batched) pending.push(next.change);
          else state = analyzeChanges(capitals, state, [next.change], text);
        }
        if (batched) state = analyzeChanges(capitals, state, pending, text);
        assert.deepEqual(analysisOf(state), analysisOf(analyzeAll(capitals, text, options)));
      }),
      { numRuns: 400 },
    );
  });
}

test('analysed in slices with edits in between, the result equals a fresh analysis', () => {
  for (const format of ['plaintext', 'markdown'] as const) {
    const options: AnalyzeOptions = { format };
    fc.assert(
      fc.property(textArb, fc.array(fc.tuple(editArb, fc.nat({ max: 40 })), { maxLength: 6 }), (initial, steps) => {
        let state = startAnalysis(initial, options);
        let text = initial;
        for (const [edit, budget] of steps) {
          state = analyzePending(capitals, state, budget);
          const next = apply(text, edit);
          text = next.text;
          state = analyzeChanges(capitals, state, [next.change], text);
        }
        while (!isComplete(state)) state = analyzePending(capitals, state, 10);
        assert.deepEqual(analysisOf(state), analysisOf(analyzeAll(capitals, text, options)));
      }),
      { numRuns: 300 },
    );
  }
});

test('what is on screen is analysed first, and a slice stops near its budget', () => {
  let analysed = 0;
  const counting: Detector = { analyze: (t, o) => ((analysed += t.length), capitals.analyze(t, o)) };
  const text = Array.from({ length: 1000 }, (_, i) => `Line ${i}: Ana said the Board paid.`).join('\n');
  const screen: [number, number] = [text.indexOf('Line 700:'), text.indexOf('Line 720:')];
  let state = analyzePending(counting, startAnalysis(text, { format: 'plaintext' }), 0, [screen]);
  assert.ok(analysed < 30 * 40, `only the window was analysed (${analysed} characters)`);
  assert.deepEqual(analysisBetween(state, ...screen), analysisBetween(analyzeAll(capitals, text, { format: 'plaintext' }), ...screen));
  assert.deepEqual(analysisBetween(state, 0, 100).entities, [], 'nothing outside the window yet');
  analysed = 0;
  state = analyzePending(counting, state, 2000);
  assert.ok(analysed >= 2000 && analysed < 2100, `one slice analyses about its budget (${analysed} characters)`);
  assert.equal(isComplete(state), false);
  assert.equal(
    analyzePending(counting, analyzeAll(counting, text, { format: 'plaintext' }), 100).chunks.length,
    1000,
    'a complete analysis has nothing pending',
  );
});

test('chunks tile the text: lines in plain text, blank-line runs outside fences in Markdown', () => {
  const txt = 'a\nb\r\n\nc';
  assert.deepEqual(
    cutChunks(txt, 0, txt.length, 'plaintext').map(([s, e]) => txt.slice(s, e)),
    ['a\n', 'b\r\n', '\n', 'c'],
  );
  const md = 'p1\n\n```\nx\n\ny\n```\n\np2';
  assert.deepEqual(
    cutChunks(md, 0, md.length, 'markdown').map(([s, e]) => md.slice(s, e)),
    ['p1\n\n', '```\nx\n\ny\n```\n\n', 'p2'],
  );
});

test('only the touched line is analysed again', () => {
  let calls = 0;
  const counting: Detector = { analyze: (t, o) => (calls++, createDetector(null).analyze(t, o)) };
  const text = Array.from({ length: 200 }, (_, i) => `Line ${i}: Officials in Lisbon said on May ${(i % 28) + 1} that costs rose.`).join(
    '\n',
  );
  const state = analyzeAll(counting, text, { format: 'plaintext' });
  calls = 0;
  const at = text.indexOf('Line 100');
  const next = analyzeChanges(counting, state, [{ rangeOffset: at, rangeLength: 0, text: 'X' }], text.slice(0, at) + 'X' + text.slice(at));
  assert.equal(calls, 1);
  assert.deepEqual(analysisOf(next), analysisOf(analyzeAll(createDetector(null), next.text, { format: 'plaintext' })));
});

test('a claim keeps what the detector says of it through the chunks: its prominence and attributions', () => {
  const weak: Detector = {
    analyze: (t, o) => {
      const analysis = capitals.analyze(t, o);
      return { ...analysis, claims: analysis.claims.map((c) => ({ ...c, prominent: false })) };
    },
  };
  const text = 'Intro line.\nAna said the Board paid.\nBo said it did not.';
  const whole = weak.analyze(text, { format: 'plaintext' });
  assert.equal(whole.claims.length, 2);
  assert.deepEqual(analysisOf(analyzeAll(weak, text, { format: 'plaintext' })).claims, whole.claims);
});
