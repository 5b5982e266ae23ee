import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ATTRIBUTION_FEATURES,
  ATTRIBUTION_TAGS,
  attributionFeatures,
  bioSpans,
  cuePhraseKey,
  entityKinds,
  isPassiveInRelativeClause,
  linkSpans,
  QuoteKind,
  quoteKind,
  resolveSource,
} from '../../../extension/core/detect/attribution';
import { tokenize } from '../../../extension/core/detect/tokens';
import { sentenceProps, wordKey } from '../../../extension/core/detect/features';
import { decodeClaimsModel, encodeClaimsModel } from '../../../extension/core/detect/claimsModel';
import { isFurnitureLine } from '../../../extension/core/detect/furniture';
import { createDetector } from '../../../extension/core/detect/index';
import { shownClaims } from '../../../extension/core/detect/shown';
import type { ClaimMention, EntityMention } from '../../../extension/core/detect/types';

// The bundled test runs from out/test/unit/detect/; the shipped weights are in media/models/.
const models = join(__dirname, '../../../../media/models');
const detector = createDetector(
  new Uint8Array(readFileSync(join(models, 'detector.bin'))),
  null,
  new Uint8Array(readFileSync(join(models, 'claims.bin'))),
);

const tag = (name: string): number => ATTRIBUTION_TAGS.indexOf(name as (typeof ATTRIBUTION_TAGS)[number]);

test('BIO paths become spans, and each source and content span joins the nearest cue', () => {
  // Jane Thompson said the vote was close , and Tom Keller told reporters that it was fair
  const path = Uint8Array.from(
    [
      'B-SOURCE',
      'I-SOURCE',
      'B-CUE',
      'B-CONTENT',
      'I-CONTENT',
      'I-CONTENT',
      'I-CONTENT',
      'O',
      'O',
      'B-SOURCE',
      'I-SOURCE',
      'B-CUE',
      'I-CUE',
      'O',
      'B-CONTENT',
      'I-CONTENT',
      'I-CONTENT',
    ].map(tag),
  );
  const spans = bioSpans(path);
  assert.deepEqual(
    spans.map((s) => `${s.role} ${s.first}-${s.last}`),
    ['SOURCE 0-1', 'CUE 2-2', 'CONTENT 3-6', 'SOURCE 9-10', 'CUE 11-12', 'CONTENT 14-16'],
  );
  const { linked, orphanContent } = linkSpans(spans);
  assert.deepEqual(
    linked.map((l) => [l.source, l.cue, l.content]),
    [
      [{ first: 0, last: 1 }, { first: 2, last: 2 }, [{ first: 3, last: 6 }]],
      [{ first: 9, last: 10 }, { first: 11, last: 12 }, [{ first: 14, last: 16 }]],
    ],
  );
  assert.deepEqual(orphanContent, []);
  assert.deepEqual(linkSpans(bioSpans(Uint8Array.from(['B-CONTENT', 'I-CONTENT'].map(tag)))).orphanContent, [{ first: 0, last: 1 }]);
});

/** A named mention of the first occurrence of `s` in `text`. */
const mentionIn =
  (text: string) =>
  (s: string, type: EntityMention['type']): EntityMention => ({
    start: text.indexOf(s),
    end: text.indexOf(s) + s.length,
    text: s,
    type,
    origin: 'model',
  });

test('a pronoun or a description resolves to the named person or organization before it', () => {
  const text = 'Jane Thompson leads Harbor Labs. She said so. The company said more. Harbor Labs said it too.';
  const at = mentionIn(text);
  const entities = [at('Jane Thompson', 'Person'), at('Harbor Labs', 'Organization')];
  const span = (s: string, from = 0) => ({ start: text.indexOf(s, from), end: text.indexOf(s, from) + s.length, text: s });
  assert.equal(resolveSource(span('She'), entities, [])?.text, 'Jane Thompson');
  assert.equal(resolveSource(span('The company'), entities, [])?.text, 'Harbor Labs');
  assert.equal(resolveSource(span('Harbor Labs', 60), entities, []), null, 'a source that names someone stands for itself');
  assert.equal(resolveSource(span('She'), [], []), null, 'nothing to resolve to');
});

test('quotation marks typed as two apostrophes or two backquotes are one mark, a lone apostrophe none', () => {
  const text = "``Yes,'' he said. ''No,'' she said. A 'fine' day.";
  const marks = tokenize(text)
    .filter((t) => /['`]/.test(text[t.start]))
    .map((t) => quoteKind(text, t));
  const { None, Open, Toggle } = QuoteKind;
  assert.deepEqual(marks, [Open, None, Toggle, None, Toggle, None, Toggle, None, None, None]);
});

test('each token knows the kind of named mention it is in, also one that began before the sentence', () => {
  const text = 'Harbor Labs hired Jane Thompson in Oslo.';
  const mention = mentionIn(text);
  const entities = [mention('Harbor Labs', 'Organization'), mention('Jane Thompson', 'Person'), mention('Oslo', 'Location')];
  const tokens = tokenize(text);
  assert.deepEqual(Array.from(entityKinds(tokens, entities, new Uint8Array(0)).subarray(0, tokens.length)), [2, 2, 0, 1, 1, 0, 3, 0]);
  assert.deepEqual(Array.from(entityKinds(tokens.slice(1), entities, new Uint8Array(8)).subarray(0, 3)), [2, 0, 1]);
});

test('page furniture: comments opening with a relative time, bar-separated fields, lines without words', () => {
  for (const line of [
    '22 hours ago Seems like nobody is safe.',
    '4 天前I was a customer until last year.',
    '1 天前So much for security',
    'Head of IT | Digital Transformation | Innovation',
    '--',
    'hace 3 días Muy bien.',
  ])
    assert.ok(isFurnitureLine(line), line);
  for (const line of [
    '3 years after the war, the port reopened.',
    'The board voted 5 to 2 on Tuesday.',
    'Chinese Hackers Target T-Mobile in Latest Cyberattack',
    'He paid $3 | $4 at most.',
  ])
    assert.ok(!isFurnitureLine(line), line);
});

test('the claims weights file reads back what was written, and a foreign file is refused', () => {
  const model = {
    attribution: {
      buckets: 4,
      scale: 0.5,
      transitions: new Float32Array((ATTRIBUTION_TAGS.length + 1) * ATTRIBUTION_TAGS.length).fill(0.25),
      emissions: Int16Array.from({ length: 4 * ATTRIBUTION_TAGS.length }, (_, i) => i - 10),
      cueLevels: new Map([
        [17, 4],
        [3, 1],
      ]),
    },
    worthiness: { buckets: 8, scale: 0.01, bias: -2, weights: Int16Array.from({ length: 8 }, (_, i) => i * 3), threshold: 0.2 },
    trainedOn: { attribution: 'invented', worthiness: ['a.tsv'] },
  };
  const back = decodeClaimsModel(encodeClaimsModel(model));
  assert.deepEqual(new Map(back.attribution.cueLevels), model.attribution.cueLevels);
  assert.deepEqual(Array.from(back.attribution.emissions), Array.from(model.attribution.emissions));
  assert.deepEqual(Array.from(back.attribution.transitions), Array.from(model.attribution.transitions));
  assert.deepEqual(Array.from(back.worthiness.weights), Array.from(model.worthiness.weights));
  assert.deepEqual([back.worthiness.threshold, back.worthiness.bias, back.trainedOn], [0.2, -2, model.trainedOn]);
  assert.throws(() => decodeClaimsModel(new TextEncoder().encode('SAD1xxxxxxxx')), /not a Source Annotator claims model/);
});

test('by default only attributed and check-worthy claims are shown; all on request', () => {
  const claim = (prominent: boolean | undefined): ClaimMention => ({
    start: 0,
    end: 1,
    text: 'x',
    score: 0,
    source: null,
    cue: null,
    content: null,
    hedges: [],
    prominent,
  });
  const claims = [claim(true), claim(false), claim(undefined)];
  assert.equal(shownClaims(claims, false).length, 2);
  assert.equal(shownClaims(claims, true).length, 3);
});

test('the trained claim finder: who said what, several per sentence, speaker labels, furniture left out', () => {
  const text = [
    '"The channel has silted up," Mayor Elena Vasquez said on Tuesday, and the harbor master told reporters that ships wait for hours.',
    '**Interviewer:** Did the board vote?',
    '**Elena Vasquez:** The dredging will pause during the spawning season in May.',
    '3 hours ago Great news, the mayor finally said something.',
  ].join('\n');
  const { claims, entities } = detector.analyze(text, { format: 'markdown' });
  const first = claims.find((c) => c.text.startsWith('"The channel'));
  assert.ok(first, claims.map((c) => c.text).join(' | '));
  assert.ok((first.attributions?.length ?? 0) >= 2, `attributions: ${JSON.stringify(first.attributions?.map((a) => a.cue?.text))}`);
  assert.equal(first.source?.text, 'Mayor Elena Vasquez');
  const labelled = claims.find((c) => c.text.startsWith('The dredging'));
  assert.equal(labelled?.source?.text, 'Elena Vasquez');
  assert.ok(!claims.some((c) => /\*\*|Interviewer|hours ago/.test(c.text)), claims.map((c) => c.text).join(' | '));
  assert.ok(!entities.some((e) => e.start >= text.indexOf('3 hours ago')), 'no entity suggestion in a reader comment');
  for (const c of claims)
    for (const s of [c.source, c.cue, c.content, c.resolvedSource, ...c.hedges]) if (s) assert.equal(text.slice(s.start, s.end), s.text);
});

test('a cue keeps the colon it ends with, as PolNeAR marks it; a source keeps none', () => {
  const text = 'The harbor master, Tom Keller, said: "Ships wait for hours at the silted channel."';
  const cues = detector.analyze(text, { format: 'plaintext' }).claims.flatMap((c) => c.attributions ?? []);
  assert.deepEqual(
    cues.map((a) => a.cue?.text),
    ['said:'],
  );
  // Where the source starts is the tagger's call ("The harbor master, Tom Keller" or "Tom Keller"); it ends at the name, without the comma.
  assert.match(cues[0].source?.text ?? '', /(?:^|, )Tom Keller$/);
});

test("a speaker label's colon is the cue of what follows it", () => {
  const [claim] = detector.analyze('**Maria Lopez:** The budget grew by a third last year.\n', { format: 'markdown' }).claims;
  assert.equal(claim.text, 'The budget grew by a third last year.');
  assert.deepEqual([claim.source?.text, claim.cue?.text], ['Maria Lopez', ':']);
});

test('a headline colon after the words opening it is a cue, named or not', () => {
  const [claim] = detector.analyze('Survey: Most Voters Oppose the New Stadium Tax\n', { format: 'plaintext' }).claims;
  assert.deepEqual([claim.attributions?.[0].source?.text, claim.attributions?.[0].cue?.text], ['Survey', ':']);
});

test('a question is a claim when it reports who asked it, and only then', () => {
  const claims = detector.analyze(
    'The senator asked reporters on Tuesday, "Who pays for the bridge?"\n\nWho pays for the bridge?\n\n' +
      'How much do you believe the new levy will raise for the harbor?\n',
    { format: 'plaintext' },
  ).claims;
  // The last is put to the one who reads or answers it: "you believe" asks for a claim, it reports none.
  assert.deepEqual(
    claims.map((c) => [c.source?.text, c.cue?.text]),
    [['The senator', 'asked']],
  );
});

test('a passive verb opening a relative clause is no attribution cue', () => {
  // Both gave the claim the cue "was announced" / "was revealed" and no source (shown as the author) before.
  const text = [
    'The power cut, which was announced on Sunday, left four villages without heating.',
    'The flaw, which was revealed in a patch note, let strangers read private messages.',
  ].join('\n\n');
  const cues = detector
    .analyze(text, { format: 'plaintext' })
    .claims.flatMap((c) => c.attributions ?? [])
    .map((a) => a.cue?.text);
  assert.ok(!cues.some((cue) => /^was /.test(cue ?? '')), JSON.stringify(cues));
});

test('a passive verb is read as opening a relative clause after which, that or who, auxiliaries in the cue or not', () => {
  const passive = (sentence: string, cue: string): boolean => {
    const tokens = tokenize(sentence);
    const words = tokens.map((t) => sentence.slice(t.start, t.end));
    const cueWords = cue.split(' ');
    const first = words.findIndex((_, i) => cueWords.every((w, k) => words[i + k] === w));
    return isPassiveInRelativeClause(sentenceProps(sentence, tokens), { first, last: first + cueWords.length - 1 });
  };
  assert.equal(passive('The fault, which was traced on Friday, stopped the pumps.', 'was traced'), true);
  assert.equal(passive('A cable that has been replaced twice failed again.', 'been replaced'), true);
  assert.equal(passive('A cable that has been replaced twice failed again.', 'has been replaced'), true);
  assert.equal(passive('The porter, who was told to wait, left.', 'was told'), true);
  // Not a relative clause, or not passive: the tagger decides.
  assert.equal(passive('The fault was traced on Friday.', 'was traced'), false);
  assert.equal(passive('The porter, who told the guard, left.', 'told'), false);
  assert.equal(passive('The porter, who has warned the guard, left.', 'has warned'), false);
});

test('a cue phrase of training marks where each of its words stands in it', () => {
  const text = 'The budget grew, according to the mayor.';
  const tokens = tokenize(text);
  const props = sentenceProps(text, tokens);
  const keys = ['according', 'to'].map(wordKey);
  const featuresWith = (cueLevels: Map<number, number>): Int32Array =>
    attributionFeatures(text, tokens, props, false, { open: false }, 1 << 16, {
      cueLevels,
      entities: new Uint8Array(tokens.length),
    }).slice();
  const words = new Map(keys.map((k) => [k, 2]));
  const plain = featuresWith(words);
  const phrase = featuresWith(new Map([...words, [cuePhraseKey(keys), 3]]));
  const changed = tokens
    .map((t, i) => [text.slice(t.start, t.end), plain.subarray(i * ATTRIBUTION_FEATURES, (i + 1) * ATTRIBUTION_FEATURES)] as const)
    .filter(([, row], i) => row.some((f, k) => f !== phrase[i * ATTRIBUTION_FEATURES + k]))
    .map(([word]) => word);
  // The phrase's words, and the word after it (which reads where the word before it stood).
  assert.deepEqual(changed, ['according', 'to', 'the']);
});
