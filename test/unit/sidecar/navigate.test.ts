import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nextSuggestion } from '../../../extension/core/sidecar/navigate';

const marks = [
  { start: 0, end: 5 },
  { start: 0, end: 40 },
  { start: 12, end: 20 },
  { start: 30, end: 35 },
];

test('from an empty cursor at the start of the file, the suggestion starting there is the next one', () => {
  assert.deepEqual(nextSuggestion(marks, { start: 0, end: 0 }, 1), { start: 0, end: 5 });
});

test('once a suggestion is selected, the next is the one after it; nested spans are each visited once', () => {
  const seen = [];
  let at = { start: 0, end: 0 };
  for (let i = 0; i < marks.length; i++) {
    at = nextSuggestion(marks, at, 1)!;
    seen.push(at);
  }
  assert.deepEqual(seen, marks);
  assert.deepEqual(nextSuggestion(marks, at, 1), marks[0], 'wraps around');
});

test('previous walks back, and from a cursor at a suggestion’s start goes to the one before it', () => {
  assert.deepEqual(nextSuggestion(marks, { start: 12, end: 12 }, -1), { start: 0, end: 40 });
  assert.deepEqual(nextSuggestion(marks, { start: 12, end: 20 }, -1), { start: 0, end: 40 });
  assert.deepEqual(nextSuggestion(marks, { start: 0, end: 5 }, -1), { start: 30, end: 35 }, 'wraps around');
  assert.equal(nextSuggestion([], { start: 0, end: 0 }, 1), undefined);
});
