import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { anchorTags, shiftTags } from '../../../extension/core/anchor';
import { articles, sharedDir } from '../../../scripts/stress/articles';
import { makeTag } from '../../../scripts/stress/scenario';
import { brokenPaths, CAUSES, causeOf, describe, failures, measure, type Figures } from '../../../scripts/stress/groundTruth';

// A short run of `npm run stress`'s ground-truth part: on the shared report split when it is beside
// the repository (CI has it), else on an invented article of our own.
const root = process.cwd();
const shared = sharedDir(root);
const texts = shared ? articles(shared, 'report') : [readFileSync(join(root, 'test/fixtures/anchoring/harbour-council.txt'), 'utf8')];
const real = { disk: anchorTags, editor: shiftTags };

const rate = (n: number, figures: Figures) => n / Math.max(1, figures.disk.tags);

test('ground truth: both paths keep wrong picks, unflagged wrong picks and misses low', () => {
  const figures = measure(texts, real, { scenarios: shared ? 120 : 60, seed: 14 });
  const report = describe(figures).join('\n');
  // The editor path meets issue 14's goals; the disk path not yet (wrong picks on a paragraph's
  // duplicate, see the report of `npm run stress`): its bounds only stop it from getting worse.
  assert.ok(rate(figures.editor.wrongPicks, figures) <= 0.005, report);
  assert.ok(rate(figures.editor.unflaggedWrongPicks, figures) <= 0.002, report);
  assert.ok(rate(figures.editor.misses, figures) <= 0.02, report);
  assert.ok(rate(figures.disk.wrongPicks, figures) <= 0.025, report);
  assert.ok(rate(figures.disk.unflaggedWrongPicks, figures) <= 0.01, report);
  assert.ok(rate(figures.disk.misses, figures) <= 0.03, report);
});

test("ground truth: every wrong pick has one cause and one edit that first reached the tag's words (or none)", () => {
  const figures = measure(texts, real, { scenarios: shared ? 40 : 30, seed: 14 });
  for (const o of [figures.disk, figures.editor]) {
    const sum = (of: Record<string, number>) => Object.values(of).reduce((a, b) => a + b, 0);
    assert.equal(sum(o.causes), o.wrongPicks);
    assert.equal(sum(o.damagedBy), o.wrongPicks);
  }
  assert.match(describe(figures).join('\n'), /wrong picks by cause/);
});

test('ground truth: a wrong pick is told apart by what the final text and the stored tag can show', () => {
  const text = readFileSync(join(root, 'test/fixtures/anchoring/harbour-council.txt'), 'utf8');
  const at = text.indexOf('ending a dispute');
  const tag = makeTag(text, at, at + 'ending a dispute'.length, 't');
  const paragraphEnd = text.indexOf('\n\n', at);
  const paragraphStart = text.lastIndexOf('\n\n', at) + 2;
  const paragraph = text.slice(paragraphStart, paragraphEnd);
  const copyAt = paragraphEnd + 2 + (at - paragraphStart);
  const placedAt = (start: number) => ({ ...tag, target: { ...tag.target, start, end: start + 'ending a dispute'.length } });
  const truth = { start: at, end: at + 'ending a dispute'.length };
  // The paragraph copied after itself: both read as stored, only the position says the first is the tag's.
  const copied = text.slice(0, paragraphEnd) + '\n\n' + paragraph + text.slice(paragraphEnd);
  assert.equal(causeOf(copied, tag, placedAt(copyAt), truth, true), CAUSES[5]);
  // The tag's words further from the stored offset than a copy that reads as stored (and the truth not as well): nothing favours them.
  assert.equal(causeOf(copied, tag, placedAt(copyAt), { start: copyAt + 900, end: copyAt + 916 }, true), CAUSES[4]);
  // The original deleted: the copy reads exactly as stored.
  assert.equal(causeOf(copied, tag, placedAt(copyAt), null, false), CAUSES[0]);
  // The words placed on a stretch that does not read like them, the tag's own words still there.
  assert.equal(causeOf(copied, tag, placedAt(0), truth, true), CAUSES[7]);
});

test('ground truth: an anchoring broken on purpose fails the goals on both paths', () => {
  const failed = failures(measure(texts, brokenPaths, { scenarios: 10, seed: 14 }));
  assert.ok(
    failed.some((f) => f.startsWith('disk path: wrong picks')),
    failed.join('\n'),
  );
  assert.ok(
    failed.some((f) => f.startsWith('editor path: unflagged wrong picks')),
    failed.join('\n'),
  );
});

test("a quote found exactly once, but elsewhere, is not taken when the tag's own words got a typo", () => {
  const text = readFileSync(join(root, 'test/fixtures/anchoring/harbour-council.txt'), 'utf8');
  const first = text.indexOf('mayor also said');
  const tag = makeTag(text, first, first + 'mayor also said'.length, 't');
  const edited = text.slice(0, first) + 'mayor alos said' + text.slice(first + 'mayor also said'.length);
  const [anchored] = anchorTags([tag], edited);
  assert.equal(anchored.anchoring, 'fuzzy');
  assert.equal(anchored.target.start, first);
  assert.equal(anchored.target.quote, 'mayor alos said');
});

test("a deleted paragraph's tag does not land, as certain, on the same words in another paragraph", () => {
  const text = readFileSync(join(root, 'test/fixtures/anchoring/harbour-council.txt'), 'utf8');
  const paragraph = text.indexOf('The Eastmere harbour council');
  const at = text.indexOf('The mayor also said', paragraph);
  const tag = makeTag(text, at, at + 'The mayor also said'.length, 't');
  const paragraphEnd = text.indexOf('\n\n', paragraph) + 2;
  const [anchored] = anchorTags([tag], text.slice(0, paragraph) + text.slice(paragraphEnd));
  assert.notEqual(anchored.anchoring, 'moved');
  assert.notEqual(anchored.anchoring, 'exact');
});

test('a mistyped tag whose context was half rewritten is still found where it was', () => {
  const text = readFileSync(join(root, 'test/fixtures/anchoring/harbour-council.txt'), 'utf8');
  const at = text.indexOf('approve a new ferry schedule');
  const tag = makeTag(text, at, at + 'approve a new ferry schedule'.length, 't');
  const rest = text.indexOf(' The mayor', at);
  // Half the context rewritten (the day before it, the clause after): alike enough, but a diff's count of the edits between
  // the clause and the old one said nothing in common at all.
  const before = text.slice(0, at).replace(/Tuesday to $/, 'Monday to ');
  const edited = before + 'approve a nwe ferry schedule and then ended the meeting, as it had divided the town.' + text.slice(rest);
  const [anchored] = anchorTags([tag], edited);
  assert.equal(anchored.anchoring, 'fuzzy');
  assert.equal(anchored.target.quote, 'approve a nwe ferry schedule');
});

test("a long quote found once, in surroundings nothing like the tag's, is the same words said elsewhere: orphaned", () => {
  const text = readFileSync(join(root, 'test/fixtures/anchoring/harbour-council.txt'), 'utf8');
  const at = text.indexOf('the transport committee');
  const tag = makeTag(text, at, at + 'the transport committee'.length, 't');
  const paragraphStart = text.lastIndexOf('\n\n', at) + 2;
  const paragraphEnd = text.indexOf('\n\n', at) + 2;
  const [anchored] = anchorTags([tag], text.slice(0, paragraphStart) + text.slice(paragraphEnd));
  assert.equal(anchored.anchoring, 'orphaned');
});
