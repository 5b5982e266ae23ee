import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commonBase, mergeSidecars } from '../../../extension/core/sidecar/merge';
import { addTag, emptySidecar, removeTag, updateTag } from '../../../extension/core/sidecar/model';
import type { Sidecar, Tag } from '../../../extension/core/sidecar/types';
import { writeSidecar } from '../../../extension/core/sidecar/write';
import { readSidecar } from '../../../extension/core/sidecar/read';

const TEXT = 'Officials in Beijing denied the report. Dr. Jane Thompson said the breach began in 2023.';
const ALICE = { author: 'alice', now: '2024-05-01T10:00:00Z' };
const BOB = { author: 'bob', now: '2024-05-01T10:05:00Z' };

function tagWords(sidecar: Sidecar, words: string, stamp = ALICE): { sidecar: Sidecar; tag: Tag } {
  const start = TEXT.indexOf(words);
  return addTag(sidecar, TEXT, { kind: 'entity', label: 'Person', status: 'confirmed', start, end: start + words.length }, stamp);
}

function base(): { sidecar: Sidecar; beijing: Tag; jane: Tag } {
  const a = tagWords(emptySidecar('a.txt', TEXT), 'Beijing');
  const b = tagWords(a.sidecar, 'Jane Thompson');
  return { sidecar: b.sidecar, beijing: a.tag, jane: b.tag };
}

function ids(s: Sidecar): string[] {
  return s.tags.map((t) => t.id).sort();
}

test('two writers tagging at once: no tag from either is lost', () => {
  const { sidecar: common } = base();
  const mine = tagWords(common, 'Officials', ALICE);
  const theirs = tagWords(common, '2023', BOB);
  const { sidecar, conflicts } = mergeSidecars(common, mine.sidecar, theirs.sidecar);
  assert.deepEqual(ids(sidecar), [...ids(common), mine.tag.id, theirs.tag.id].sort());
  assert.deepEqual(conflicts, []);
  // The merged file is valid and round-trips.
  const read = readSidecar(writeSidecar(sidecar));
  assert.ok(read.ok);
});

test('two windows creating the sidecar at once (no base) keep both sets of tags', () => {
  const mine = tagWords(emptySidecar('a.txt', TEXT), 'Beijing', ALICE);
  const theirs = tagWords(emptySidecar('a.txt', TEXT), 'Beijing', BOB);
  const { sidecar, conflicts } = mergeSidecars(null, mine.sidecar, theirs.sidecar);
  assert.equal(sidecar.tags.length, 2);
  assert.deepEqual(conflicts, []);
});

test('changes to different fields of one tag on both sides are both kept', () => {
  const { sidecar: common, jane } = base();
  const mine = updateTag(common, jane.id, { note: 'check her title' }, ALICE);
  const theirs = updateTag(common, jane.id, { verdict: 'accurate' }, BOB);
  const { sidecar, conflicts } = mergeSidecars(common, mine, theirs);
  const merged = sidecar.tags.find((t) => t.id === jane.id);
  assert.equal(merged?.note, 'check her title');
  assert.equal(merged?.verdict, 'accurate');
  assert.equal(merged?.modified, BOB.now);
  assert.deepEqual(conflicts, []);
});

test('labels merge as sets: additions and removals from both sides apply', () => {
  const { sidecar: common, jane } = base();
  const labelled = updateTag(common, jane.id, { tags: ['source', 'expert'] }, ALICE);
  const mine = updateTag(labelled, jane.id, { tags: ['source', 'expert', 'named'] }, ALICE);
  const theirs = updateTag(labelled, jane.id, { tags: ['source'] }, BOB);
  const { sidecar, conflicts } = mergeSidecars(labelled, mine, theirs);
  assert.deepEqual(sidecar.tags.find((t) => t.id === jane.id)?.tags, ['source', 'named']);
  assert.deepEqual(conflicts, []);
});

test('the same field changed differently on both sides is a true conflict: this side wins and it is reported', () => {
  const { sidecar: common, jane } = base();
  const mine = updateTag(common, jane.id, { label: 'Organization' }, ALICE);
  const theirs = updateTag(common, jane.id, { label: 'Location', note: 'a place?' }, BOB);
  const { sidecar, conflicts } = mergeSidecars(common, mine, theirs);
  const merged = sidecar.tags.find((t) => t.id === jane.id);
  assert.equal(merged?.label, 'Organization');
  assert.equal(merged?.note, 'a place?');
  assert.equal(conflicts.length, 1);
  assert.equal(conflicts[0].kind, 'both-changed');
  assert.deepEqual(conflicts[0].fields, ['label']);
});

test('deleted on one side and unchanged on the other: deleted', () => {
  const { sidecar: common, beijing } = base();
  const mine = removeTag(common, beijing.id);
  assert.ok(!ids(mergeSidecars(common, mine, common).sidecar).includes(beijing.id));
  assert.ok(!ids(mergeSidecars(common, common, mine).sidecar).includes(beijing.id));
});

test('deleted on one side, changed on the other: kept and reported', () => {
  const { sidecar: common, beijing } = base();
  const deleted = removeTag(common, beijing.id);
  const changed = updateTag(common, beijing.id, { label: 'Location' }, BOB);
  for (const [mine, theirs] of [
    [deleted, changed],
    [changed, deleted],
  ]) {
    const { sidecar, conflicts } = mergeSidecars(common, mine, theirs);
    assert.equal(sidecar.tags.find((t) => t.id === beijing.id)?.label, 'Location');
    assert.deepEqual(
      conflicts.map((c) => [c.id, c.kind, c.fields]),
      [[beijing.id, 'deleted-and-changed', ['label']]],
    );
  }
});

test('a tag only moved by text edits counts as unchanged: a deletion on the other side wins', () => {
  const { sidecar: common, beijing } = base();
  const moved: Sidecar = {
    ...common,
    tags: common.tags.map((t) =>
      t.id === beijing.id ? { ...t, target: { ...t.target, start: t.target.start + 4, end: t.target.end + 4 }, anchoring: 'moved' } : t,
    ),
  };
  const { sidecar, conflicts } = mergeSidecars(common, moved, removeTag(common, beijing.id));
  assert.ok(!ids(sidecar).includes(beijing.id));
  assert.deepEqual(conflicts, []);
});

test('positions: this side keeps its own unless only the other side moved the tag', () => {
  const { sidecar: common, jane } = base();
  const shift = (s: Sidecar, by: number): Sidecar => ({
    ...s,
    tags: s.tags.map((t) => ({ ...t, target: { ...t.target, start: t.target.start + by, end: t.target.end + by } })),
  });
  const onlyTheirs = mergeSidecars(common, common, shift(common, 3)).sidecar.tags.find((t) => t.id === jane.id);
  assert.equal(onlyTheirs?.target.start, jane.target.start + 3);
  const both = mergeSidecars(common, shift(common, 5), shift(common, 3)).sidecar.tags.find((t) => t.id === jane.id);
  assert.equal(both?.target.start, jane.target.start + 5);
});

test('merging is symmetric in what survives', () => {
  const { sidecar: common, beijing, jane } = base();
  const mine = tagWords(updateTag(common, jane.id, { note: 'n' }, ALICE), 'report', ALICE).sidecar;
  const theirs = tagWords(removeTag(common, beijing.id), 'breach', BOB).sidecar;
  assert.deepEqual(ids(mergeSidecars(common, mine, theirs).sidecar), ids(mergeSidecars(common, theirs, mine).sidecar));
});

test('a writer that started from the file before the editor last wrote it: the editor keeps its newest tag, and theirs', () => {
  const { sidecar: before } = base();
  // The editor writes its newest tag; an import had read the file just before, and writes its own tag on top.
  const written = tagWords(before, 'Officials', ALICE);
  const imported = tagWords(before, '2023', BOB);
  // With the editor's last write as the base, the newest tag looks deleted by the import: the lost update.
  assert.ok(!ids(mergeSidecars(written.sidecar, written.sidecar, imported.sidecar).sidecar).includes(written.tag.id));
  const common = commonBase([before, written.sidecar], imported.sidecar);
  assert.equal(common, before, 'the import carries nothing of the last write: it started from the version before');
  const { sidecar, conflicts } = mergeSidecars(common, written.sidecar, imported.sidecar);
  assert.deepEqual(ids(sidecar), [...ids(before), written.tag.id, imported.tag.id].sort());
  assert.deepEqual(conflicts, []);
});

test('the common base: a writer that saw the last write is merged against it, so its deletions and changes hold', () => {
  const { sidecar: before, jane, beijing } = base();
  const written = tagWords(before, 'Officials', ALICE);
  // It saw the last write (it keeps the newest tag) and deleted another tag: the deletion holds.
  const deleted = removeTag(written.sidecar, jane.id);
  assert.equal(commonBase([before, written.sidecar], deleted), written.sidecar);
  assert.deepEqual(ids(mergeSidecars(commonBase([before, written.sidecar], deleted), written.sidecar, deleted).sidecar), ids(deleted));
  // A last write that only changed a verdict is seen in theirs by that verdict.
  const judged = updateTag(before, beijing.id, { verdict: 'disputed' }, ALICE);
  const theirs = tagWords(judged, '2023', BOB).sidecar;
  assert.equal(commonBase([before, judged], theirs), judged);
  // A writer that read before the verdict was set keeps the old one: it started from the version before.
  assert.equal(commonBase([before, judged], tagWords(before, '2023', BOB).sidecar), before);
  // One version only (the last write is not recent: every writer has seen it), or none.
  assert.equal(commonBase([written.sidecar], before), written.sidecar);
  assert.equal(commonBase([], before), null);
});
