import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDetector } from '../../../extension/core/detect/index';
import { isQuietDate, overlay } from '../../../extension/core/present/overlay';
import { addTag, emptySidecar } from '../../../extension/core/sidecar/model';

test('relative dates and durations are the quiet ones; calendar dates, confirmed dates and other types are not', () => {
  const text = 'Published 3 March 2025. The pier reopened yesterday after three years of repairs, the mayor said in Lisbon.';
  const analysis = createDetector(null).analyze(text, { format: 'plaintext' });
  const quiet = (marks: ReturnType<typeof overlay>) => marks.filter(isQuietDate).map((m) => text.slice(m.start, m.end));
  assert.deepEqual(quiet(overlay(analysis, [])), ['yesterday', 'three years']);
  const at = text.indexOf('yesterday');
  const tagged = addTag(
    emptySidecar('a.txt', text),
    text,
    { kind: 'entity', label: 'Date', status: 'confirmed', start: at, end: at + 'yesterday'.length },
    { author: 't', now: '2026-01-01T00:00:00Z' },
  ).sidecar;
  assert.deepEqual(quiet(overlay(analysis, tagged.tags)), ['three years'], 'a date the researcher confirmed is shown as confirmed');
});
