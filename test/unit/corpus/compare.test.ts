// The claim-pair model and claim retrieval, on invented sentences.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCompareModel } from '../../../extension/core/corpus/compare/model';
import { createClaimRanker } from '../../../extension/core/corpus/compare/rank';
import { cleanText, placesIn, readSentence, sharedCount } from '../../../extension/core/corpus/compare/sentence';
import { idTextRows, parseDelimited } from '../../../extension/core/text/delimited';

const model = createCompareModel();

test('a sentence and its close paraphrase are the same; a sentence about something else is unrelated', () => {
  const a = 'The Valdoria Harbor Authority approved a $40 million expansion of the east pier on Tuesday.';
  const b = 'On Tuesday the Valdoria Harbor Authority approved a $40 million expansion of its east pier.';
  assert.equal(model.relation(a, b).relation, 'same');
  assert.equal(model.relation(a, 'Heavy rain flooded the old mill in Ostmark overnight, officials said.').relation, 'unrelated');
});

test('the relation is symmetric and its score lies in 0..1', () => {
  const a = 'The ministry closed the border crossing at Keln for two weeks.';
  const b = 'Officials said the Keln crossing was shut by the ministry for a fortnight.';
  const ab = model.relation(a, b);
  const ba = model.relation(b, a);
  assert.equal(ab.relation, ba.relation);
  assert.equal(ab.score, ba.score);
  assert.ok(ab.score >= 0 && ab.score <= 1);
});

test('an opposed predicate about the same thing is a contradiction, with the clauses named as evidence', () => {
  const r = model.relation(
    'The Valdoria port authority said its payment system was compromised by intruders.',
    'The Valdoria port authority said its payment system was not compromised by intruders.',
  );
  assert.equal(r.relation, 'contradicts');
  assert.ok(r.evidence.disagreement.opposed);
  assert.match(r.evidence.disagreement.opposed.there + r.evidence.disagreement.opposed.here, /not … compromised/);
});

test('without explicit evidence two sentences on one subject are never "contradicts"', () => {
  const r = model.relation(
    'The Valdoria port authority said its payment system was compromised by intruders.',
    'The Valdoria port authority hired a new director for its payment system.',
  );
  assert.notEqual(r.relation, 'contradicts');
});

test('conflicting amounts for the same thing are evidence of a contradiction', () => {
  const r = model.relation(
    'The council approved a budget of $40 million for the Keln bridge repairs.',
    'The council approved a budget of $65 million for the Keln bridge repairs.',
  );
  assert.ok(r.evidence.disagreement.numbers);
  assert.notEqual(r.relation, 'same');
});

test('a month without a day agrees with any day of that month', () => {
  const r = model.relation('The pier reopened in March after the storm repairs.', 'The pier reopened on March 14 after the storm repairs.');
  assert.equal(r.evidence.disagreement.numbers, null);
});

test('a quote told inside a longer sentence is the same claim (claim sameness), not the same sentence', () => {
  const quote = '"Our systems have not been affected in any significant way," the Ostmark Telecom spokeswoman said.';
  const longer =
    'Ostmark Telecom, which has been watching the attack closely, said its systems have not been affected in any significant way and that it is working with the regional authorities on the inquiry.';
  assert.equal(model.relation(quote, longer, 'claim').relation, 'same');
});

test('a noun or a doubted predicate asserts nothing: "the breach" or "unknown whether it was accessed"', () => {
  assert.deepEqual(readSentence('The breach was discussed by the Ostmark board.').assertions, []);
  assert.deepEqual(
    readSentence('It is unknown whether the hackers accessed the Ostmark records.').assertions.filter((a) => a.predicate === 'harm'),
    [],
  );
  assert.equal(readSentence('The Ostmark records were accessed by hackers.').assertions.length, 1);
});

test('claims: an attribution denied contradicts the report naming the denier, and only that report', () => {
  const denial = 'Moscow has repeatedly denied accusations that it uses hackers to break into foreign networks.';
  const report = model.relation(denial, 'Investigators said Russian state-linked hackers breached the Valdoria port network.', 'claim');
  assert.equal(report.relation, 'contradicts');
  assert.equal(report.evidence.disagreement.denial, 'here');
  const unnamed = model.relation(denial, 'Hackers breached the Valdoria port network last week, investigators said.', 'claim');
  assert.notEqual(unnamed.relation, 'contradicts');
  const onMonday = model.relation(
    'On Monday, the ministry denied that it uses hackers to break into networks.',
    'On Monday, hackers breached the Valdoria port network, investigators said.',
    'claim',
  );
  assert.notEqual(onMonday.relation, 'contradicts', 'a day of the week names no one');
});

test('claims: a denial contradicts a report naming the denier only when that report states the act denied', () => {
  const generic = model.relation(
    'Moscow persists in denying any involvement in cyber espionage activities abroad.',
    'A Russian cyber espionage crew breached the Keln port network, investigators said.',
    'claim',
  );
  assert.equal(generic.evidence.disagreement.denial, null);
  assert.notEqual(generic.relation, 'contradicts');
});

test('claims: one predicate with opposite signs about someone both name contradicts; about common nouns only, it does not', () => {
  const named = model.relation(
    'Ostmark Telecom confirmed that its network was compromised.',
    'Ostmark Telecom said its network remained secure.',
    'claim',
  );
  assert.equal(named.relation, 'contradicts');
  assert.equal(named.evidence.disagreement.opposed?.named, true);
  const unnamed = model.relation(
    'Customer data was exposed in the breach, the report said.',
    'The attackers did not access customer data, a regulator said.',
    'claim',
  );
  assert.notEqual(unnamed.relation, 'contradicts');
});

test('claims: "broke into" asserts a breach, so a report of one is not the same claim as a network said to remain secure', () => {
  assert.equal(readSentence('Intruders broke into the Ostmark Telecom billing network last spring.').assertions.length, 1);
  const pair = model.relation(
    'A band of intruders broke into the Ostmark Telecom billing network last spring.',
    'Ostmark Telecom insisted that its billing network remained secure last spring.',
    'claim',
  );
  assert.notEqual(pair.relation, 'same');
});

test('a negated degree ("not significantly affected") and a participle before a noun ("affected customers") assert no predicate', () => {
  assert.deepEqual(readSentence('The Ostmark grid was not significantly affected by the storm.').assertions, []);
  assert.deepEqual(readSentence('The utility is notifying affected customers by mail.').assertions, []);
  assert.equal(readSentence('The Ostmark grid was not affected by the storm.').assertions.length, 1);
});

test('claims: a speaker named at the start of both sentences is whom they name, not something both say', () => {
  assert.ok(readSentence('Ilse Brandt said the harbor fee rose.').nameWords.has('ilse'));
  assert.ok(!readSentence('Fishermen said the harbor fee rose.').nameWords.has('fishermen'));
  const pair = model.relation(
    'Ilse Brandt said the harbor fee rose to $40 in March.',
    'Ilse Brandt said the ferry company sold 25 boats.',
    'claim',
  );
  assert.notEqual(pair.relation, 'same');
});

test('a negated certainty ("not definitively identified") asserts no predicate, so a hedged report agrees with it', () => {
  assert.deepEqual(readSentence('The intruders have not been definitively identified as the Marsh Wolves group.').assertions, []);
  assert.equal(readSentence('The intruders have not been identified as the Marsh Wolves group.').assertions.length, 1);
  const pair = model.relation(
    'The Ostmark port breach is reportedly the work of a crew identified as the Marsh Wolves.',
    'Ostmark port cut its link to the breached vendor, although the crew has not been conclusively identified as the Marsh Wolves.',
    'claim',
  );
  assert.equal(pair.evidence.disagreement.opposed, null);
  assert.notEqual(pair.relation, 'contradicts');
});

test('countries are found by name, capital and demonym, also inside compounds; "US" is not the verb "use"', () => {
  assert.deepEqual([...placesIn('Beijing-backed groups and North Korean hackers')].sort(), ['china', 'north korea']);
  assert.ok(!readSentence('US officials said so.').terms.has(readSentence('They use it.').terms.keys().next().value as string));
});

test('links are dropped and hashtags split into words', () => {
  assert.equal(cleanText('Read #SaltMarshFire news https://t.co/abc pic.twitter.com/xyz now'), 'Read Salt Marsh Fire news now');
});

test('TSV rows keep quoted fields with tabs, newlines and doubled quotes; headers without an id are skipped', () => {
  assert.deepEqual(parseDelimited('a\t"b\tc"\n"x ""y"""\tz\r\n', '\t'), [
    ['a', 'b\tc'],
    ['x "y"', 'z'],
  ]);
  assert.deepEqual(idTextRows('\ttext\ttitle\n7\tThe pier closed.\tPier closes\n'), [{ id: '7', text: 'The pier closed. Pier closes' }]);
});

test('the ranker finds the claim a query repeats first, and re-ranks BM25 hits', () => {
  const claims = [
    { id: 'c1', text: 'The Valdoria harbor expansion will cost $40 million.' },
    { id: 'c2', text: 'A drought has cut the Keln reservoir to a third of its capacity.' },
    { id: 'c3', text: 'The Ostmark mayor resigned after the bridge scandal.' },
  ];
  const ranker = createClaimRanker(model, claims);
  assert.equal(ranker.rank('Wow, the Keln reservoir is down to one third because of the drought #Keln', 5)[0].id, 'c2');
  assert.equal(ranker.bm25('Ostmark mayor resigns', 5)[0].id, 'c3');
  assert.ok(ranker.rank('Ostmark mayor resigns', 1).length <= 1);
});

const CLI = join(__dirname, '../../../../dist/cli.js');

function cli(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, 'compare', ...args], { encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

test('CLI compare: one pair, a file of pairs (one JSON line each, a bad line explained in place), a TREC run', () => {
  const one = cli('The pier was closed by the ministry.', 'The ministry closed the pier.');
  assert.equal(one.code, 0);
  assert.match(JSON.parse(one.stdout).relation, /^(same|contradicts|related|unrelated)$/);
  const dir = mkdtempSync(join(tmpdir(), 'sa-compare-'));
  writeFileSync(join(dir, 'pairs.tsv'), 'The pier was closed.\tThe pier is shut.\nno tab here\nThe dam held.\tThe dam did not hold.\n');
  const many = cli('--pairs', join(dir, 'pairs.tsv'));
  assert.equal(many.code, 1);
  const lines = many.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.equal(lines.length, 3);
  assert.ok(lines[1].error && /line 2/.test(many.stderr));
  assert.ok('relation' in lines[0] && 'evidence' in lines[2]);
  writeFileSync(
    join(dir, 'claims.tsv'),
    '\tvclaim\ttitle\nc1\tThe Keln reservoir is a third full.\tDrought\nc2\tThe Ostmark mayor resigned.\tResignation\n',
  );
  writeFileSync(join(dir, 'queries.tsv'), '\ttweet\nq1\tOstmark mayor resigns!\n');
  const run = cli('--rank', join(dir, 'claims.tsv'), join(dir, 'queries.tsv'));
  assert.equal(run.code, 0);
  assert.match(run.stdout.split('\n')[0], /^q1 Q0 c2 1 [\d.]+ source-annotator$/);
  assert.equal(cli('only one').code, 2);
});

test('n-grams and letter trigrams shared by two sentences are counted as often as the side with fewer has them', () => {
  const twice = readSentence('The pier closed, the pier');
  const once = readSentence('The pier closed');
  const shared = (n: 1 | 2 | 3): number => sharedCount(twice.grams[n - 1], once.grams[n - 1]);
  assert.deepEqual([shared(1), shared(2), shared(3)], [3, 2, 1]);
  assert.equal(sharedCount(twice.grams[1], twice.grams[1]), 4, '"the pier" twice, "pier closed", "closed the"');
  // Word order counts from two words on.
  const swapped = readSentence('Pier the closed');
  assert.equal(sharedCount(swapped.grams[0], once.grams[0]), 3);
  assert.equal(sharedCount(swapped.grams[1], once.grams[1]), 0);
  assert.equal(sharedCount(once.letters, once.letters), once.letters.total);
  assert.equal(once.letters.total, 'the pier closed'.length - 2);
});
