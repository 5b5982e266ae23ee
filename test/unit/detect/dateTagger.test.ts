import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  dateFeatures,
  DATE_FEATURE_VERSION,
  DATE_FEATURES_PER_TOKEN,
  DATE_TAGS,
  decodeDateTagger,
  encodeDateTagger,
  grammarTagsOf,
  tagPath,
  wordInfosOf,
  type DateTaggerHeader,
} from '../../../extension/core/detect/dateTagger';
import { readSentences } from '../../../extension/core/detect/document';
import { createDetector } from '../../../extension/core/detect/index';
import { allowedTransitions, finalAllowed, viterbi } from '../../../extension/core/detect/tagger';
import { findTemporal } from '../../../extension/core/detect/temporal';
import type { EntityMention } from '../../../extension/core/detect/types';

const BUCKETS = 1 << 16;
const T = DATE_TAGS.length;

/**
 * A date tagger file that tags each `word` of `text` with `tag` (a BILOU tag of DATE_TAGS) and
 * leaves every other token to ties, which the decoder resolves to O: the weight sits on the word
 * feature's bucket, computed as the detector computes it.
 */
function taggerFile(text: string, tagOf: Record<string, string>, unresolved: DateTaggerHeader['unresolved'] = 'drop'): Uint8Array {
  const emissions = new Int8Array(BUCKETS * T);
  const { prose, sentences } = readSentences(text, 'plaintext');
  for (const sentence of sentences) {
    const infos = wordInfosOf(prose, sentence);
    const grammar = findTemporal(prose).filter((m) => m.start < sentence.sentence.end && m.end > sentence.sentence.start);
    const feats = dateFeatures(infos, grammarTagsOf(sentence, grammar).tags, BUCKETS);
    sentence.tokens.forEach((token, i) => {
      const tag = tagOf[prose.slice(token.start, token.end)];
      if (tag) emissions[feats[i * DATE_FEATURES_PER_TOKEN + 1] * T + DATE_TAGS.indexOf(tag)] = 100;
    });
  }
  return encodeDateTagger({
    header: { featureVersion: DATE_FEATURE_VERSION, tags: DATE_TAGS, buckets: BUCKETS, scale: 1, unresolved, trainedOn: 'test' },
    transitions: new Float32Array((T + 1) * T),
    emissions,
  });
}

function datesAndMoney(entities: readonly EntityMention[]): string[] {
  return entities
    .filter((e) => e.type === 'Date' || e.type === 'Money')
    .map((e) => `${e.type} ${e.text} ${JSON.stringify(e.date ?? e.money)}`);
}

test('the date tagger file keeps only the rows with a weight, and reads back the same model', () => {
  const bytes = taggerFile('Oil rose to $ 18 a barrel in May.', { '18': 'U-MONEY', May: 'U-DATE' });
  const model = decodeDateTagger(bytes);
  assert.equal(model.header.tags.join(' '), DATE_TAGS.join(' '));
  const liveRows = Array.from({ length: BUCKETS }, (_, b) => model.emissions.subarray(b * T, (b + 1) * T).some((w) => w !== 0)).filter(
    Boolean,
  ).length;
  assert.equal(liveRows, 2);
  // Two rows of nine int8 weights, not a dense table of 65,536 rows.
  assert.ok(bytes.length < 1000, `${bytes.length} bytes`);
  assert.deepEqual(decodeDateTagger(encodeDateTagger(model)).emissions, model.emissions);
  const other = new Uint8Array(bytes);
  other.set(new TextEncoder().encode('SAD1'), 0);
  assert.throws(() => decodeDateTagger(other), /not a date tagger file/);
});

test('the tagger decides the span, the grammar still gives its value', () => {
  const text = 'Crude oil fell to $ 18 a barrel on Monday.';
  const grammarOnly = createDetector(null).analyze(text, { format: 'plaintext' }).entities;
  assert.deepEqual(datesAndMoney(grammarOnly), ['Money $ 18 {"currency":"USD","amount":18}', 'Date Monday {"kind":"relative"}']);
  // A tagger that leaves the "$" out, as some OntoNotes annotators do: "18" alone has no currency,
  // the grammar's "$ 18" it overlaps gives the value.
  const tagged = createDetector(null, null, null, taggerFile(text, { '18': 'U-MONEY', Monday: 'U-DATE' })).analyze(text, {
    format: 'plaintext',
  }).entities;
  assert.deepEqual(datesAndMoney(tagged), ['Money 18 {"currency":"USD","amount":18}', 'Date Monday {"kind":"relative"}']);
  assert.equal(tagged.find((e) => e.text === '18')?.origin, 'model');
  assert.equal(tagged.find((e) => e.text === 'Monday')?.origin, 'pattern');
});

test('a currency sign written onto the number stays in the amount the tagger finds', () => {
  const text = 'A season pass costs $1,200 and a day pass € 30.';
  const entities = createDetector(null, null, null, taggerFile(text, { '1,200': 'U-MONEY', '30': 'U-MONEY' })).analyze(text, {
    format: 'plaintext',
  }).entities;
  assert.deepEqual(datesAndMoney(entities), ['Money $1,200 {"currency":"USD","amount":1200}', 'Money 30 {"currency":"EUR","amount":30}']);
});

test('a span the grammar cannot normalize is dropped or kept as the file says', () => {
  const text = 'The harbour was rebuilt in 1987 after the long storm season.';
  const tags = { storm: 'B-DATE', season: 'L-DATE', '1987': 'U-DATE' };
  const found = (unresolved: DateTaggerHeader['unresolved']): string[] =>
    datesAndMoney(createDetector(null, null, null, taggerFile(text, tags, unresolved)).analyze(text, { format: 'plaintext' }).entities);
  assert.deepEqual(found('drop'), ['Date 1987 {"kind":"absolute","iso":"1987"}']);
  assert.deepEqual(found('keep'), ['Date 1987 {"kind":"absolute","iso":"1987"}', 'Date storm season {"kind":"relative"}']);
});

test('a sentence without a grammar span or a digit, month, weekday or currency is not tagged', () => {
  const text = 'The storm season was long. The storm season of 1987 was longer.';
  const tags = { storm: 'B-DATE', season: 'L-DATE' };
  const entities = createDetector(null, null, null, taggerFile(text, tags, 'keep')).analyze(text, { format: 'plaintext' }).entities;
  // The first sentence is left alone; in the second the tagger's span replaces the grammar's "1987".
  assert.deepEqual(datesAndMoney(entities), ['Date storm season {"kind":"relative"}']);
  assert.equal(entities.find((e) => e.type === 'Date')?.start, text.lastIndexOf('storm'));
});

test('the shipped date tagger gives every date and amount it finds a value', () => {
  const models = join(__dirname, '../../../../media/models');
  const detector = createDetector(
    new Uint8Array(readFileSync(join(models, 'detector.bin'))),
    null,
    null,
    new Uint8Array(readFileSync(join(models, 'dates.bin'))),
  );
  const text =
    'The ferry company Nordlys Lines said on Tuesday it would spend $ 40 million on two boats by 2027.\n' +
    'Fares rose 12 euros last spring, and a season ticket now costs 1,200 kroner.';
  const entities = detector.analyze(text, { format: 'plaintext' }).entities.filter((e) => e.type === 'Date' || e.type === 'Money');
  assert.ok(entities.length >= 4, datesAndMoney(entities).join('; '));
  for (const e of entities) assert.ok(e.type === 'Date' ? e.date : e.money, `${e.text} has no value`);
  assert.ok(entities.some((e) => e.type === 'Money' && e.money?.amount === 40_000_000 && e.money.currency === 'USD'));
});

/** The emission scores of date features, summed plainly: every slot's row once, for every tag. */
function plainScores(feats: Int32Array, n: number, emissions: Int8Array, scale: number): Float32Array {
  const scores = new Float32Array(n * T);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < DATE_FEATURES_PER_TOKEN; k++)
      for (let t = 0; t < T; t++) scores[i * T + t] += emissions[feats[i * DATE_FEATURES_PER_TOKEN + k] * T + t] * scale;
  return scores;
}

test('each token has DATE_FEATURES_PER_TOKEN buckets, each template once: a weight on the word counts once', () => {
  const { prose, sentences } = readSentences('Sales rose in May.', 'plaintext');
  const sentence = sentences[0];
  const n = sentence.tokens.length;
  const feats = dateFeatures(wordInfosOf(prose, sentence), grammarTagsOf(sentence, findTemporal(prose)).tags, BUCKETS);
  assert.equal(feats.length, n * DATE_FEATURES_PER_TOKEN);
  for (let i = 0; i < n; i++) {
    const slots = [...feats.subarray(i * DATE_FEATURES_PER_TOKEN, (i + 1) * DATE_FEATURES_PER_TOKEN)];
    assert.ok(slots.every((b) => b >= 0 && b < BUCKETS));
    // The word's bucket is slot 1 only (another template landing on it would count it twice).
    assert.equal(slots.filter((b) => b === slots[1]).length, 1);
  }
  // Equal values of two templates land apart: the word before and the word after the middle token
  // are other templates than the word itself.
  const word = (i: number): number => feats[i * DATE_FEATURES_PER_TOKEN + 1];
  const before = (i: number): number => feats[i * DATE_FEATURES_PER_TOKEN + 6];
  assert.notEqual(word(1), before(2));
  const model = decodeDateTagger(taggerFile('Sales rose in May.', { May: 'U-DATE' }));
  const mayAt = sentence.tokens.findIndex((t) => prose.slice(t.start, t.end) === 'May');
  const scores = plainScores(feats, n, model.emissions, model.header.scale);
  assert.equal(scores[mayAt * T + DATE_TAGS.indexOf('U-DATE')], 100);
});

test('a date tagger file of other features (version 1) is refused', () => {
  const bytes = encodeDateTagger({
    header: { featureVersion: 1, tags: DATE_TAGS, buckets: BUCKETS, scale: 1, unresolved: 'keep', trainedOn: 'test' },
    transitions: new Float32Array((T + 1) * T),
    emissions: new Int8Array(BUCKETS * T),
  });
  assert.throws(() => decodeDateTagger(bytes), /features v1/);
});

test('the shipped date tagger tags as plain emission scores over every feature slot say', () => {
  const model = decodeDateTagger(new Uint8Array(readFileSync(join(__dirname, '../../../../media/models/dates.bin'))));
  const text = [
    'On March 3, 2021, the company paid $4.5 million, up from 300 million yen in the fourth quarter of 2019.',
    'Sales rose 12% last week; the 1990s were harder, and by next Tuesday the fund may hold €2bn.',
    'He was 54 when he left in the spring of 1987, two days after the vote and 40 years before this one.',
  ].join('\n');
  const { prose, sentences } = readSentences(text, 'plaintext');
  const grammar = findTemporal(prose);
  for (const sentence of sentences) {
    const n = sentence.tokens.length;
    const feats = dateFeatures(wordInfosOf(prose, sentence), grammarTagsOf(sentence, grammar).tags, model.header.buckets);
    const scores = plainScores(feats, n, model.emissions, model.header.scale);
    const expected = viterbi(scores, n, T, model.transitions, allowedTransitions(DATE_TAGS), finalAllowed(DATE_TAGS));
    assert.deepEqual([...tagPath(model, feats, n)], [...expected]);
    assert.ok(expected.some((tag) => tag !== 0));
  }
});
