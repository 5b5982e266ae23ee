import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shiftTags, type ContentChange } from '../../../extension/core/anchor';
import { applyChanges, inverseChanges, makeTag } from '../../../scripts/stress/scenario';
import type { Tag } from '../../../extension/core/sidecar/types';

const TEXT = 'Yesterday Jane Thompson said the deal was off.';

function tagOn(text: string, words: string, id = 't1'): Tag {
  const start = text.indexOf(words);
  assert.ok(start >= 0, words);
  return makeTag(text, start, start + words.length, id);
}

function edit(text: string, tags: Tag[], changes: ContentChange[]): { text: string; tags: Tag[] } {
  const next = applyChanges(text, changes);
  return { text: next, tags: shiftTags(tags, changes, next) };
}

function at(text: string, words: string, length = 0): ContentChange {
  return { rangeOffset: text.indexOf(words), rangeLength: length, text: '' };
}

test('typing before a tag moves it; typing right at its start or end does not extend it', () => {
  const tag = tagOn(TEXT, 'Jane Thompson');
  let r = edit(TEXT, [tag], [{ rangeOffset: 0, rangeLength: 0, text: 'Late ' }]);
  assert.equal(r.tags[0].target.quote, 'Jane Thompson');
  assert.equal(r.tags[0].target.start, tag.target.start + 5);
  assert.equal(r.tags[0].target.prefix.endsWith('Late Yesterday '), true);
  r = edit(TEXT, [tag], [{ ...at(TEXT, 'Jane'), text: 'Dr. ' }]);
  assert.equal(r.tags[0].target.quote, 'Jane Thompson');
  r = edit(TEXT, [tag], [{ ...at(TEXT, ' said'), text: ' Jr.' }]);
  assert.equal(r.tags[0].target.quote, 'Jane Thompson');
  assert.equal(r.tags[0].anchoring, 'exact');
});

test('an edit inside a tag keeps the tag and updates its quote', () => {
  const tag = tagOn(TEXT, 'Jane Thompson');
  const r = edit(TEXT, [tag], [{ ...at(TEXT, 'Thompson'), rangeOffset: TEXT.indexOf('Thompson') + 5, rangeLength: 1, text: 'e' }]);
  assert.equal(r.tags[0].target.quote, 'Jane Thompeon');
  assert.equal(r.text.slice(r.tags[0].target.start, r.tags[0].target.end), 'Jane Thompeon');
  const split = edit(TEXT, [tag], [{ rangeOffset: TEXT.indexOf(' Thompson'), rangeLength: 1, text: '\r\n' }]);
  assert.equal(split.tags[0].target.quote, 'Jane\r\nThompson');
});

test('replacing exactly the tagged words (replace-all, retyping a selection) moves the tag onto the new words', () => {
  const tag = tagOn(TEXT, 'Thompson');
  const r = edit(TEXT, [tag], [{ rangeOffset: tag.target.start, rangeLength: 8, text: 'Thomson' }]);
  assert.equal(r.tags[0].target.quote, 'Thomson');
  assert.equal(r.tags[0].anchoring, 'exact');
});

test('a change that eats into one end of a tag cuts the tag to the words left', () => {
  const tag = tagOn(TEXT, 'Jane Thompson');
  const left = edit(TEXT, [tag], [{ rangeOffset: TEXT.indexOf('day Jane'), rangeLength: 8, text: 'X' }]);
  assert.equal(left.tags[0].target.quote, ' Thompson');
  const right = edit(TEXT, [tag], [{ rangeOffset: TEXT.indexOf('son said'), rangeLength: 8, text: 'Y' }]);
  assert.equal(right.tags[0].target.quote, 'Jane Thomp');
});

test('a tag whose words are deleted is orphaned, kept, and comes back on undo', () => {
  const tag = tagOn(TEXT, 'Jane Thompson');
  const other = tagOn(TEXT, 'deal', 't2');
  const deletion: ContentChange[] = [{ rangeOffset: TEXT.indexOf('Jane'), rangeLength: 'Jane Thompson said '.length, text: '' }];
  const r = edit(TEXT, [tag, other], deletion);
  assert.deepEqual(
    r.tags.map((t) => t.id),
    ['t1', 't2'],
  );
  assert.equal(r.tags[0].anchoring, 'orphaned');
  assert.equal(r.tags[0].target.quote, 'Jane Thompson');
  assert.equal(r.tags[1].target.quote, 'deal');
  // Typing elsewhere moves the orphan's last known position along with the text.
  const typed = edit(r.text, r.tags, [{ rangeOffset: 0, rangeLength: 0, text: 'Hi. ' }]);
  assert.equal(typed.tags[0].target.start, TEXT.indexOf('Jane') + 4);
  const undone = edit(typed.text, typed.tags, [{ rangeOffset: 0, rangeLength: 4, text: '' }]);
  const back = edit(undone.text, undone.tags, inverseChanges(TEXT, deletion));
  assert.equal(back.text, TEXT);
  assert.deepEqual(back.tags[0].target, tag.target);
  assert.equal(back.tags[0].anchoring, 'exact');
  assert.deepEqual(back.tags[1].target, other.target);
});

test('multi-cursor changes in VS Code order (descending offsets) map in one pass', () => {
  const text = 'ab cd ab cd ab';
  const tags = [makeTag(text, 3, 5, 'a'), makeTag(text, 9, 11, 'b')];
  // Replace-all of "ab" with "xyz": VS Code lists the last occurrence first.
  const changes: ContentChange[] = [12, 6, 0].map((o) => ({ rangeOffset: o, rangeLength: 2, text: 'xyz' }));
  const r = edit(text, tags, changes);
  assert.equal(r.text, 'xyz cd xyz cd xyz');
  assert.deepEqual(
    r.tags.map((t) => [t.target.start, t.target.quote]),
    [
      [4, 'cd'],
      [11, 'cd'],
    ],
  );
});

test("changes in another order are applied one after another, as VS Code's document does", () => {
  const text = 'ab cd ab cd';
  const tags = [makeTag(text, 9, 11, 'b')];
  // Ascending: each offset refers to the text after the previous change.
  const changes: ContentChange[] = [
    { rangeOffset: 0, rangeLength: 0, text: '12' },
    { rangeOffset: 6, rangeLength: 0, text: '345' },
  ];
  const r = edit(text, tags, changes);
  assert.equal(r.text, '12ab c345d ab cd');
  assert.equal(r.tags[0].target.quote, 'cd');
  assert.equal(r.text.slice(r.tags[0].target.start, r.tags[0].target.end), 'cd');
});

test('a tag never ends up splitting an emoji or a CRLF', () => {
  const text = 'say 😀 now\r\nthen';
  const tag = makeTag(text, 5, 6, 'e'); // the low half of the emoji
  assert.equal(tag.target.quote, '😀');
  const crlf = makeTag(text, text.indexOf('\n'), text.indexOf('\n') + 3, 'n');
  assert.equal(crlf.target.quote, '\r\nth');
  const r = edit(text, [tag], [{ rangeOffset: 4, rangeLength: 0, text: '\uD83D' }]);
  assert.equal(r.text.slice(r.tags[0].target.start, r.tags[0].target.end), r.tags[0].target.quote);
});

test('claim parts move with the text and are dropped when their words go', () => {
  const text = 'The minister said the plan failed.';
  const base = makeTag(text, 0, text.length, 'c');
  const claim: Tag = {
    ...base,
    kind: 'claim',
    label: 'Claim',
    claim: { source: { start: 4, end: 12, text: 'minister' }, cue: { start: 13, end: 17, text: 'said' }, hedges: [] },
  };
  const r = edit(
    text,
    [claim],
    [
      { rangeOffset: 0, rangeLength: 0, text: 'Yes. ' },
      { rangeOffset: 13, rangeLength: 5, text: '' },
    ].reverse(),
  );
  const parts = r.tags[0].claim;
  assert.ok(parts);
  assert.equal(parts.cue, null);
  assert.deepEqual(parts.source, { start: 9, end: 17, text: 'minister' });
});

test('no changes, no work: tags are returned as they were', () => {
  const tag = tagOn(TEXT, 'deal');
  assert.equal(shiftTags([tag], [], TEXT)[0], tag);
  assert.equal(shiftTags([tag], [{ rangeOffset: 0, rangeLength: 0, text: '' }], TEXT)[0], tag);
});
