import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeClaimLookup } from '../../../extension/core/corpus/describe';
import type { ClaimLookup, ClaimMatch } from '../../../extension/core/corpus/types';

const match = (path: string, text: string): ClaimMatch =>
  ({
    path,
    start: 0,
    end: text.length,
    text,
    origin: 'detector',
    tagId: null,
    source: null,
    cue: null,
    hedges: [],
    verdict: null,
    negative: false,
    score: 0.8,
    explanation: { summary: 'shared words: pumps' },
  }) as unknown as ClaimMatch;

const lookup: ClaimLookup = {
  claim: match('here.txt', 'The pumps failed.'),
  matches: ['a', 'b', 'c', 'd'].map((n) => match(`${n}.txt`, `"The pumps failed," said ${n}.`)),
  contradictions: [{ ...match('x.txt', 'The pumps did not fail.'), alsoIn: [] }],
};

test('a claim card leads with what may contradict it, and lists only the first few of each section', () => {
  const card = describeClaimLookup(lookup, () => undefined, { shown: 2 });
  assert.ok(card.indexOf('May contradict') < card.indexOf('Told in 4 other places'), 'contradictions first');
  assert.match(card, /Told in 4 other places/, 'the count is of all');
  assert.deepEqual(
    ['a.txt', 'b.txt', 'c.txt', 'd.txt', 'x.txt'].filter((p) => card.includes(p.replace('.', '&#46;'))),
    ['a.txt', 'b.txt', 'x.txt'],
  );
  assert.doesNotMatch(card, /“&#34;/, 'a quotation is not quoted twice');
});

test('a contradiction told in several articles is one item naming the others, each a link', () => {
  const told = { ...match('x.txt', 'The pumps did not fail.'), alsoIn: ['y.txt', 'z.txt'].map((path) => ({ path, start: 4, end: 20 })) };
  const card = describeClaimLookup({ ...lookup, contradictions: [told] }, (path, offset) => `file:///${path}#${offset}`);
  assert.match(card, /May contradict \(1\)/);
  assert.match(card, /also in \[y&#46;txt\]\(file:\/\/\/y\.txt#4\), \[z&#46;txt\]\(file:\/\/\/z\.txt#4\)/);
});
