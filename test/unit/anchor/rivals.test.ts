import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anchorTags, candidatePlaces, reattach } from '../../../extension/core/anchor';
import { makeTag } from '../../../scripts/stress/scenario';

const removed =
  'Residents queued outside the old customs house for an hour before the doors opened, many of them carrying signs ' +
  'about the ferry fares, the closed pier and the bus that no longer stops at the quay on Sundays.\n\n';
const opening = 'The Eastmere harbour council met on Tuesday evening.\n\n';
const paragraph =
  'The mayor said the vote on the ferry timetable would come in March, after a second round of hearings in the town hall and at the quay.';
const closing = '\n\nVarga said the budget for repairs would be published next week.\n';

/** A tag on the paragraph's words; then the paragraph above removed and the tag's paragraph copied after itself. */
function copiedParagraph() {
  const text = opening + removed + paragraph + closing;
  const at = text.indexOf('the ferry timetable');
  const tag = makeTag(text, at, at + 'the ferry timetable'.length, 't');
  const edited = opening + paragraph + '\n\n' + paragraph + closing;
  const original = edited.indexOf('the ferry timetable');
  const copy = edited.indexOf('the ferry timetable', original + 1);
  return { tag, edited, original, copy };
}

test('a paragraph and its copy that read alike, neither where the stored offset or a landmark puts the tag: orphaned, not guessed', () => {
  const { tag, edited, original, copy } = copiedParagraph();
  // The copy is now nearer the stored offset than the tag's own words (the paragraph above is gone): only position
  // would choose, and it would choose the copy.
  assert.ok(Math.abs(copy - tag.target.start) < Math.abs(original - tag.target.start));
  const [anchored] = anchorTags([tag], edited);
  assert.equal(anchored.anchoring, 'orphaned');
  // The orphan keeps its stored target, from which the places that fit are worked out again.
  assert.deepEqual(anchored.target, tag.target);
});

test('the places an orphan fits are offered, the one anchoring would have taken first, and re-attaching takes one step', () => {
  const { tag, edited, original, copy } = copiedParagraph();
  const [orphan] = anchorTags([tag], edited);
  const places = candidatePlaces(orphan, edited);
  assert.deepEqual(places, [
    { start: copy, end: copy + 'the ferry timetable'.length },
    { start: original, end: original + 'the ferry timetable'.length },
  ]);
  const back = reattach(orphan, edited, places[1].start, places[1].end);
  assert.equal(back?.anchoring, 'exact');
  assert.equal(back?.target.start, original);
});

test('a place much nearer the stored offset than any other that reads alike is still taken, for review', () => {
  const text = opening + paragraph + closing;
  const at = text.indexOf('the ferry timetable');
  const tag = makeTag(text, at, at + 'the ferry timetable'.length, 't');
  // The paragraph copied after itself, nothing above it changed: the original is a few characters from the stored offset.
  const edited = opening + 'On ' + paragraph + '\n\n' + paragraph + closing;
  const [anchored] = anchorTags([tag], edited);
  assert.equal(anchored.target.start, edited.indexOf('the ferry timetable'));
  assert.notEqual(anchored.anchoring, 'orphaned');
});

test('nothing fits an orphan whose words are gone: no place is offered', () => {
  const { tag } = copiedParagraph();
  assert.deepEqual(candidatePlaces(tag, opening + closing), []);
});
