import { test } from 'node:test';
import assert from 'node:assert/strict';
import { followDocumentChange } from '../../../extension/core/anchor';
import { addTag, emptySidecar } from '../../../extension/core/sidecar/model';
import type { Sidecar } from '../../../extension/core/sidecar/types';
import { anchorIfStale, rescueOrphans } from '../../../extension/core/tags/reanchor';

// An invented article.
const TEXT = 'The harbour master, Lena Ortiz, said ferries will run again on Monday. Traders welcomed the news.';
const STAMP = { author: 'tester', now: '2026-01-01T00:00:00Z' };

function tagWords(text: string, words: string[]): Sidecar {
  let sidecar = emptySidecar('article.txt', text);
  for (const w of words) {
    const start = text.indexOf(w);
    sidecar = addTag(sidecar, text, { kind: 'entity', label: 'Other', status: 'confirmed', start, end: start + w.length }, STAMP).sidecar;
  }
  return sidecar;
}

test('anchorIfStale keeps a sidecar written for this very text as it is', () => {
  const sidecar = tagWords(TEXT, ['Lena Ortiz', 'Monday']);
  assert.equal(anchorIfStale(sidecar, TEXT), sidecar);
});

test('anchorIfStale finds the tags again by quote in a text edited elsewhere', () => {
  const sidecar = tagWords(TEXT, ['Lena Ortiz', 'Monday']);
  const edited = 'Update: ' + TEXT;
  const moved = anchorIfStale(sidecar, edited);
  assert.notEqual(moved, sidecar);
  for (const tag of moved.tags) assert.equal(edited.slice(tag.target.start, tag.target.end), tag.target.quote);
});

test('anchorIfStale re-anchors offsets a hand edit put out of place, even with a matching hash', () => {
  const sidecar = tagWords(TEXT, ['Lena Ortiz']);
  const broken = {
    ...sidecar,
    tags: sidecar.tags.map((t) => ({ ...t, target: { ...t.target, start: t.target.start + 2, end: t.target.end + 2 } })),
  };
  const fixed = anchorIfStale(broken, TEXT);
  assert.equal(TEXT.slice(fixed.tags[0].target.start, fixed.tags[0].target.end), 'Lena Ortiz');
});

test('rescueOrphans finds a tag again when the whole text is replaced by itself (a file rewritten on disk)', () => {
  const sidecar = tagWords(TEXT, ['Lena Ortiz']);
  const change = { range: undefined, rangeOffset: 0, rangeLength: TEXT.length, text: TEXT };
  const followed = followDocumentChange(sidecar.tags, [change] as never, TEXT);
  assert.equal(followed[0].anchoring, 'orphaned', 'following the edit alone loses the tag');
  const rescued = rescueOrphans(sidecar.tags, followed, [change], TEXT);
  assert.notEqual(rescued[0].anchoring, 'orphaned');
  assert.equal(TEXT.slice(rescued[0].target.start, rescued[0].target.end), 'Lena Ortiz');
});

test('rescueOrphans leaves an old orphan alone unless an edit brings its words back', () => {
  const sidecar = tagWords(TEXT, ['Lena Ortiz']);
  const orphan = { ...sidecar.tags[0], anchoring: 'orphaned' as const };
  const unrelated = [{ text: 'Traders' }];
  assert.equal(rescueOrphans([orphan], [orphan], unrelated, TEXT)[0], orphan);
  const bringsBack = [{ text: 'master, Lena Ortiz, said' }];
  assert.notEqual(rescueOrphans([orphan], [orphan], bringsBack, TEXT)[0].anchoring, 'orphaned');
});
