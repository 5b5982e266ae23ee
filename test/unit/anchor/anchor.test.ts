import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anchorTags, countAnchoring, followDocumentChange, orphans, reattach } from '../../../extension/core/anchor';
import { stripBom } from '../../../extension/core/text/bom';
import type { Tag } from '../../../extension/core/sidecar/types';
import { convertLineEndings, makeTag } from '../../../scripts/stress/scenario';

const ARTICLE = [
  'Officials in Beijing denied the report on Tuesday.',
  'Dr. Jane Thompson, who led the study, said the breach began in the summer of 2023.',
  'The company paid $60 million, according to two people familiar with the matter.',
  '中国外交部发言人说，报道不实。 😀 The minister said nothing.',
].join('\r\n');

function tagOn(text: string, words: string, id = 't1', occurrence = 0): Tag {
  let start = -1;
  for (let i = 0; i <= occurrence; i++) start = text.indexOf(words, start + 1);
  assert.ok(start >= 0, words);
  return makeTag(text, start, start + words.length, id);
}

function on(text: string, tag: Tag): string {
  return text.slice(tag.target.start, tag.target.end);
}

test('a quote still at its position is exact; a shifted one is moved', () => {
  const tag = tagOn(ARTICLE, 'Jane Thompson');
  assert.equal(anchorTags([tag], ARTICLE)[0], tag);
  const changed = 'BREAKING: ' + ARTICLE;
  const [moved] = anchorTags([tag], changed);
  assert.equal(moved.anchoring, 'moved');
  assert.equal(on(changed, moved), 'Jane Thompson');
  assert.equal(moved.target.prefix.startsWith('BREAKING') || moved.target.prefix.length === 32, true);
});

test('of several exact matches, the one with the right prefix and suffix wins, for review when the others fit too', () => {
  const text = 'the minister said no. The minister said yes. And the minister said maybe.';
  const tag = tagOn(text, 'minister said', 't1', 1);
  const changed = text.replace('And the', 'And then the').replace('The minister', 'The old minister') + ' The minister said.';
  const [moved] = anchorTags([{ ...tag, target: { ...tag.target, start: 0, end: 13 } }], changed);
  // The other occurrences sit in contexts almost as alike ("the minister said …"): not certain.
  assert.equal(moved.anchoring, 'fuzzy');
  assert.equal(changed.slice(moved.target.end, moved.target.end + 5), ' yes.');
});

test('two exact matches that context cannot tell apart, far from the old position: orphaned, not guessed', () => {
  const paragraph = 'Sources said the talks had collapsed. ';
  const text = 'Intro. ' + paragraph + 'Middle. ' + paragraph + 'End.';
  const tag = tagOn(text, 'the talks', 't1', 0);
  const changed = 'X'.repeat(500) + paragraph + 'Y'.repeat(500) + paragraph;
  const [result] = anchorTags([{ ...tag, target: { ...tag.target, prefix: 'q'.repeat(32), suffix: 'z'.repeat(32) } }], changed);
  assert.equal(result.anchoring, 'orphaned');
  assert.deepEqual(result.target, { ...tag.target, prefix: 'q'.repeat(32), suffix: 'z'.repeat(32) });
});

test('a lightly edited quote is found fuzzily; its quote becomes the new text', () => {
  const tag = tagOn(ARTICLE, 'who led the study, said the breach began in the summer of 2023');
  const changed = ARTICLE.replace('who led the study', 'who had led the study').replace('summer of 2023', 'Summer of 2023');
  const [found] = anchorTags([tag], changed);
  assert.equal(found.anchoring, 'fuzzy');
  assert.equal(on(changed, found), found.target.quote);
  assert.match(found.target.quote, /^who had led the study, said the breach began in the Summer of 2023/);
});

test('fuzzy matching does not pick a lookalike in another context (Hypothesis "Linus" vs "chines")', () => {
  const text = 'Linus Torvalds wrote the kernel. Later, machines ran it everywhere.';
  const tag = tagOn(text, 'Linus');
  const changed = 'Later, machines ran it everywhere. Someone wrote the kernel.';
  const [result] = anchorTags([tag], changed);
  assert.equal(result.anchoring, 'orphaned');
});

test('offsets outside the text, negative or not whole numbers are re-anchored by quote or orphaned, never a crash', () => {
  const tag = tagOn(ARTICLE, '$60 million');
  for (const [start, end] of [
    [1e9, 1e9 + 11],
    [-5, 6],
    [3.5, 14.5],
    [NaN, NaN],
    [20, 10],
  ]) {
    const [result] = anchorTags([{ ...tag, target: { ...tag.target, start, end } }], ARTICLE);
    assert.equal(result.anchoring, 'moved');
    assert.equal(on(ARTICLE, result), '$60 million');
  }
  const gone = anchorTags([{ ...tag, target: { ...tag.target, start: 1e9, end: 1e9 + 11 } }], 'nothing here');
  assert.equal(gone[0].anchoring, 'orphaned');
  assert.equal(gone[0].target.start, 1e9);
});

test('CRLF to LF and back keeps every tag exact or moved, also tags across a line break', () => {
  const words = ['Beijing', 'Tuesday.\r\nDr. Jane', 'Jane Thompson', '$60 million', '中国外交部', '😀', 'matter.\r\n中国'];
  const tags = words.map((w, i) => tagOn(ARTICLE, w, `t${i}`));
  const lf = convertLineEndings(ARTICLE);
  assert.ok(!lf.includes('\r'));
  const onLf = anchorTags(tags, lf);
  for (const t of onLf) {
    assert.ok(t.anchoring === 'exact' || t.anchoring === 'moved', `${t.target.quote}: ${t.anchoring}`);
    assert.equal(on(lf, t), t.target.quote);
  }
  assert.equal(onLf[1].target.quote, 'Tuesday.\nDr. Jane');
  const crlf = convertLineEndings(lf);
  assert.equal(crlf, ARTICLE);
  const back = anchorTags(onLf, crlf);
  back.forEach((t, i) => {
    assert.ok(t.anchoring === 'exact' || t.anchoring === 'moved');
    assert.deepEqual(t.target, tags[i].target);
  });
});

test('a BOM added on disk changes nothing once stripped, as readers must; unstripped, tags are moved, not lost', () => {
  const tags = [tagOn(ARTICLE, 'Beijing'), tagOn(ARTICLE, '😀', 't2')];
  const withBom = '\uFEFF' + ARTICLE;
  assert.deepEqual(anchorTags(tags, stripBom(withBom)), tags);
  const raw = anchorTags(tags, withBom);
  assert.deepEqual(
    raw.map((t) => t.anchoring),
    ['moved', 'moved'],
  );
});

test('emoji: a tag on an emoji or next to one never splits a surrogate pair', () => {
  const text = '👩‍🔬 said 😀😀 twice';
  const tag = makeTag(text, text.indexOf('😀') + 1, text.indexOf('😀') + 3, 'e');
  assert.equal(tag.target.quote, '😀😀');
  const changed = 'Now ' + text;
  const [moved] = anchorTags([tag], changed);
  assert.equal(on(changed, moved), '😀😀');
});

test('fuzzy anchoring is fast on a 1 MB article', () => {
  const filler = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor. ';
  const big = filler.repeat(Math.ceil(1_000_000 / filler.length)).slice(0, 1_000_000);
  const sentence = 'The ministry confirmed that 4,312 accounts were compromised between March and May.';
  const text = big.slice(0, 600_000) + sentence + big.slice(600_000);
  const tags = [tagOn(text, sentence, 'long'), tagOn(text, '4,312 accounts', 'short')];
  const changed = 'X'.repeat(3000) + text.replace('4,312 accounts were', '4,321 acounts had been').replace('between March', 'from March');
  const started = performance.now();
  const result = anchorTags(tags, changed);
  const took = performance.now() - started;
  assert.deepEqual(
    result.map((t) => t.anchoring),
    ['fuzzy', 'fuzzy'],
  );
  assert.match(result[0].target.quote, /^The ministry confirmed that 4,321 acounts had been compromised from March and May\.$/);
  assert.ok(took < 1000, `${took.toFixed(0)} ms`);
});

test('reattach puts an orphan on a selection; helpers list and count', () => {
  const tag = { ...tagOn(ARTICLE, 'Beijing'), anchoring: 'orphaned' as const };
  assert.deepEqual(orphans([tag]), [tag]);
  const back = reattach(tag, ARTICLE, ARTICLE.indexOf('😀') + 1, ARTICLE.indexOf('😀') + 2);
  assert.ok(back);
  assert.equal(back.target.quote, '😀');
  assert.equal(back.anchoring, 'exact');
  assert.equal(reattach(tag, ARTICLE, 5, 5), null);
  assert.equal(reattach(tag, ARTICLE, 5, ARTICLE.length + 1), null);
  assert.deepEqual(countAnchoring([tag, back]), { exact: 1, moved: 0, fuzzy: 0, orphaned: 1 });
});

test('an editor event without content changes (line endings changed) re-anchors from quotes', () => {
  const tags = [tagOn(ARTICLE, 'Jane Thompson')];
  const lf = convertLineEndings(ARTICLE);
  const [moved] = followDocumentChange(tags, [], lf);
  assert.equal(on(lf, moved), 'Jane Thompson');
});

test('a fuzzy tag stays marked fuzzy on later anchoring until it is reviewed (reattached)', () => {
  const tag = { ...tagOn(ARTICLE, 'Beijing'), anchoring: 'fuzzy' as const };
  const [again] = anchorTags([tag], ARTICLE);
  assert.equal(again.anchoring, 'fuzzy');
  const reviewed = reattach(again, ARTICLE, again.target.start, again.target.end);
  assert.equal(reviewed?.anchoring, 'exact');
});

test('claim parts move with their tag on disk, or are dropped when their words are gone', () => {
  const sentence = 'Dr. Jane Thompson, who led the study, said the breach';
  const base = tagOn(ARTICLE, sentence, 'c');
  const s = base.target.start;
  const claim: Tag = {
    ...base,
    kind: 'claim',
    label: 'Claim',
    claim: {
      source: { start: s + 4, end: s + 17, text: 'Jane Thompson' },
      cue: { start: s + 38, end: s + 42, text: 'said' },
      hedges: [{ start: s + 999, end: s + 1003, text: 'may ' }],
    },
  };
  const changed = 'Update: ' + ARTICLE;
  const [moved] = anchorTags([claim], changed);
  assert.equal(moved.anchoring, 'moved');
  const parts = moved.claim;
  assert.ok(parts?.source && parts.cue);
  assert.equal(changed.slice(parts.source.start, parts.source.end), 'Jane Thompson');
  assert.equal(changed.slice(parts.cue.start, parts.cue.end), 'said');
  assert.deepEqual(parts.hedges, []);
});

test('tags placed for certain are landmarks: a repeated passage far from the stored offset is told apart by how the text around shifted', () => {
  const intro = 'The ferry operator, Northwind Lines, said on Tuesday that crossings would resume. ';
  const passage = 'Officials close to the negotiations said that the talks had collapsed overnight after the last offer. ';
  const middle =
    'Harbour officials declined to comment on the timetable or on the fares for the coming season, and the union was not reached. '.repeat(
      3,
    );
  const text = intro + passage + middle + passage + 'The end.';
  const landmark = tagOn(text, 'Northwind Lines', 'l1');
  const tag = tagOn(text, 'the talks', 't1', 0);
  const changed = 'An editor’s note. '.repeat(120) + text;
  // Alone, the two copies are too far from the stored offset to choose between: orphaned rather than guessed.
  assert.equal(anchorTags([tag], changed)[0].anchoring, 'orphaned');
  // With a landmark that shifted as much as the whole text, the first copy is where the tag's offset lands: placed, for review.
  const [l, t] = anchorTags([landmark, tag], changed);
  assert.equal(l.anchoring, 'moved');
  assert.equal(t.anchoring, 'fuzzy');
  assert.equal(t.target.start, changed.indexOf('the talks'));
});

test('a quote found exactly where the text around it did not go is only fuzzy', () => {
  const intro = 'Harbour news from the old town, as reported by our own correspondent on the quay. ';
  const first = 'The council approved the harbour budget on Monday after a long debate about the ferry fares. ';
  const second = 'Residents of the old town asked again for a second crossing in the morning hours, as in the past years. ';
  const text = intro + first + second;
  const landmark = tagOn(text, 'own correspondent', 'l1');
  const tag = tagOn(text, 'second crossing', 't1');
  // The last sentence moved before the one above it: its quote, context nearly intact, now stands where the text around it did not go.
  const changed = intro + second + first;
  const [l, t] = anchorTags([landmark, tag], changed);
  assert.equal(l.anchoring, 'exact');
  assert.equal(on(changed, t), 'second crossing');
  assert.equal(t.anchoring, 'fuzzy');
  // Alone, the same tag is moved: nothing says the rest of the text went elsewhere.
  assert.equal(anchorTags([tag], changed)[0].anchoring, 'moved');
});

test('a quote whose surrounding words occur elsewhere too is only fuzzy', () => {
  const paragraph = 'The council approved the harbour budget on Monday after a long debate about fares.';
  const text = `Intro line of the article.\n\n${paragraph}\n\nClosing line of the article.`;
  const tag = tagOn(text, 'approved');
  // The paragraph copied to write a variant, then the original's verb rewritten: two places read alike around the tag.
  const changed = text.replace(paragraph, `${paragraph.replace('approved', 'passed')}\n\n${paragraph}`);
  const [t] = anchorTags([tag], changed);
  assert.equal(on(changed, t), 'approved');
  assert.equal(t.anchoring, 'fuzzy');
});

test('a paragraph and its copy fit alike: the landmark before the tag chooses, as the copy went after its original', () => {
  const opening = 'The Eastmere harbour council met on Tuesday evening in the old customs house by the quay.';
  const removed = 'Residents queued outside for an hour before the doors opened, many of them carrying hand-written signs.';
  const before = 'Council member Ilse Varga opened the session with a report on the winter storms and the damage to the pier.';
  const paragraph = 'The mayor also said the vote on the ferry timetable would come in March, after a second round of hearings.';
  const after = 'Varga said the budget for repairs would be published next week, and that the council would meet again.';
  const text = [opening, removed, before, paragraph, after].join('\n\n');
  const landmark = tagOn(text, 'report on the winter storms', 'landmark');
  const tag = tagOn(text, 'vote on the ferry timetable', 'tag');
  // A paragraph above deleted; the tag's paragraph copied after itself and its original edited just before the tag,
  // so the copy (nearer the stored offset, and in the very stored context) looks the better fit.
  const edited = [opening, before, paragraph.replace('said the vote', 'said that the vote'), paragraph, after].join('\n\n');
  const [placedLandmark, placed] = anchorTags([landmark, tag], edited);
  assert.equal(placedLandmark.anchoring, 'moved');
  assert.equal(placed.anchoring, 'fuzzy');
  assert.equal(placed.target.start, edited.indexOf('vote on the ferry timetable'));
});

/** A list of near-identical lines (one a day), each naming a town, and tags on the town names. */
function minutes(line: (town: string, i: number) => string): { text: string; tags: Tag[] } {
  const towns = ['Eastmere', 'Norrholm', 'Kilbride', 'Ashcombe', 'Dunmore', 'Fennick', 'Glenrow', 'Harlow', 'Ivesby', 'Jarrow'];
  const lines = Array.from(
    { length: 40 },
    (_, i) => `- ${String(1 + (i % 28)).padStart(2, '0')} March: ${line(towns[i % towns.length], i)}`,
  );
  const text = 'Council meetings this spring\n\n' + lines.join('\n') + '\n';
  return { text, tags: lines.map((_, i) => tagOn(text, towns[i % towns.length], `t${i}`, Math.floor(i / towns.length))) };
}

const LONG_INTRODUCTION = 'A long introduction was written on top of the list, '.repeat(6) + '\n\n';

test('a list of lines alike but for a date and a town, a paragraph written on top: no tag is orphaned', () => {
  const { text, tags } = minutes((town) => `the ${town} harbour council met and approved the minutes.`);
  const edited = LONG_INTRODUCTION + text;
  const anchored = anchorTags(tags, edited);
  assert.deepEqual(
    anchored.map((t) => t.target.start),
    tags.map((t) => t.target.start + LONG_INTRODUCTION.length),
  );
  assert.ok(anchored.every((t) => t.anchoring !== 'orphaned'));
});

test('a list of near-identical lines, a paragraph written on top: tags moved as their neighbours did stay certain', () => {
  const people = ['Ilse Varga', 'Tomas Brink', 'Ada Pell', 'Rui Costa', 'Mina Holt', 'Oskar Lund', 'Petra Sahl'];
  const { text, tags } = minutes(
    (town, i) => `the ${town} council met; ${people[i % people.length]} chaired and the minutes were approved.`,
  );
  const edited = LONG_INTRODUCTION + text;
  const anchored = anchorTags(tags, edited);
  assert.deepEqual(
    anchored.map((t) => t.target.start),
    tags.map((t) => t.target.start + LONG_INTRODUCTION.length),
  );
  // Each town is named in four lines that read almost alike: every tag has lookalikes (all 40 were fuzzy). Those with
  // fewer than two neighbours on a side, or whose neighbours' lookalikes read as stored too, stay fuzzy.
  assert.ok(anchored.filter((t) => t.anchoring === 'fuzzy').length <= 12, JSON.stringify(anchored.map((t) => t.anchoring)));
});

test('a short quote is not left in place when characters deleted before it put another word’s letters there', () => {
  const text = 'Does that sound to you like the temperament of a man we should elect as president?';
  const tag = tagOn(text, ' a ');
  const onA = makeTag(text, tag.target.start + 1, tag.target.start + 2, 'a');
  const edited = text.replace('sound to you', 'sound you');
  const [anchored] = anchorTags([onA], edited);
  assert.equal(anchored.target.start, edited.indexOf(' a man') + 1);
  assert.notEqual(anchored.anchoring, 'exact');
});

test('a quote at its stored offset with its surroundings rewritten on both sides is kept there, for review', () => {
  const text = 'Officials in the port town of Eastmere said on Monday that the ferry Aurora would sail again in June after repairs.';
  const tag = tagOn(text, 'Aurora');
  // Words on both sides replaced by others of the same length: the quote is at its offset, its context only half alike.
  const edited = 'Officials in the port city of Westholm told us Sunday that our ferry Aurora might sail again by July after repairs.';
  assert.equal(edited.indexOf('Aurora'), tag.target.start);
  const [anchored] = anchorTags([tag], edited);
  assert.equal(anchored.target.start, tag.target.start);
  assert.equal(anchored.anchoring, 'fuzzy');
});

test('line endings changed on a short text: a tag that ended the text is not left in place on another copy of its words', () => {
  // Found by the line-endings property test: the stored offset of the tag on the last " the the", its suffix empty as it
  // ended the text, fell on the copy before it once LF became CRLF; compared over no characters, the suffix matched there.
  const text = ' the the  \n \n\n \n the the  the the the';
  const tags = [makeTag(text, 16, 17, 'space'), makeTag(text, 29, 37, 'end')];
  const anchored = anchorTags(tags, convertLineEndings(text));
  assert.deepEqual(
    anchored.map((t) => [t.anchoring, t.target.start]),
    [
      ['moved', 20],
      ['moved', 33],
    ],
  );
});

test('a copy of its words a few characters after its stored offset, in its very context, is not certain: line endings cannot put it there', () => {
  const headline = 'Harbour council delays pier vote\n\nBy a staff writer\n\nEastmere, Tuesday\n\n';
  const sentence = 'The mayor said the north pier would reopen in May, after repairs to its old timber deck. ';
  const text = headline + sentence + 'Yes.\n\nResidents asked for a second crossing. They also asked for a bus.\n';
  const tag = tagOn(text, 'would reopen');
  // The paragraph copied after itself, then its original first sentence moved into the next paragraph: the copy sits
  // six characters after the stored offset in exactly the stored context, the tag's own words further on.
  const edited =
    headline + 'Yes.\n\n' + sentence + 'Yes.\n\nResidents asked for a second crossing. ' + sentence + 'They also asked for a bus.\n';
  const [anchored] = anchorTags([tag], edited);
  assert.equal(anchored.target.start, tag.target.start + 'Yes.\n\n'.length);
  assert.equal(anchored.anchoring, 'fuzzy');
});
