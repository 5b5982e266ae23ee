import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClaimJudge } from '../../../extension/core/corpus/claimRelation';
import { createCompareModel } from '../../../extension/core/corpus/compare/model';
import type { Claim } from '../../../extension/core/corpus/records';

// Invented claims about one invented event: agreeing, denying, with other numbers, with opposite predicates, and unrelated.
const SENTENCES = [
  'The Valdoria Harbor Authority closed the east pier on March 3 after the storm.',
  'The east pier was closed by the Valdoria Harbor Authority on March 3.',
  'The Valdoria Harbor Authority denied that it closed the east pier.',
  'The storm damaged 40 fishing boats in the old port.',
  'According to the coast guard, 25 fishing boats in the old port were damaged by the storm.',
  'Officials confirmed that the fuel depot near the east pier was flooded.',
  'The fuel depot near the east pier was not flooded, officials said.',
  'The fuel depot near the east pier stayed dry during the storm.',
  'A bakery in Ostmark opened a second shop on Linden Street.',
  'The harbor authority reported that 40 boats were damaged and the pier was closed on March 3.',
];

const claimOf = (text: string): Claim => ({ doc: { text }, start: 0, end: text.length }) as unknown as Claim;

test('the claim judge says which pairs cannot contradict, and the model never finds those contradicting', () => {
  const judge = createClaimJudge();
  const model = createCompareModel();
  const claims = SENTENCES.map(claimOf);
  let contradicting = 0;
  let ruledOut = 0;
  for (const a of claims) {
    for (const b of claims) {
      if (a === b) continue;
      const relation = model.relation(SENTENCES[claims.indexOf(a)], SENTENCES[claims.indexOf(b)], 'claim').relation;
      const may = judge.mayContradict(a, b);
      assert.equal(may, judge.mayContradict(b, a), 'the same either way round');
      if (relation === 'contradicts') {
        contradicting++;
        assert.ok(may, `contradicting, yet ruled out: ${SENTENCES[claims.indexOf(a)]} / ${SENTENCES[claims.indexOf(b)]}`);
      }
      if (!may) ruledOut++;
    }
  }
  // The fixture holds both kinds, so the check above means something.
  assert.ok(contradicting > 0, 'some pairs contradict');
  assert.ok(ruledOut > 0, 'some pairs are ruled out');
});

test('once told to forget, the judge keeps only the claims it read last', () => {
  const judge = createClaimJudge();
  const claims = Array.from({ length: 1500 }, (_, i) => claimOf(`The Ostmark ferry carried ${i} passengers on Monday.`));
  const readings = claims.map((c) => judge.sentenceOf(c));
  assert.equal(judge.sentenceOf(claims[0]), readings[0], 'kept while reading');
  // Claim 0 was just used again: it is now among the most recent, claim 1 the least recent.
  judge.forgetReadings();
  assert.equal(judge.sentenceOf(claims[0]), readings[0], 'the most recently used is kept');
  assert.equal(judge.sentenceOf(claims[1499]), readings[1499]);
  const again = judge.sentenceOf(claims[1]);
  assert.notEqual(again, readings[1], 'an old reading is forgotten');
  assert.deepEqual(again, readings[1], 'and read again the same');
});
