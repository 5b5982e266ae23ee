import { test } from 'node:test';
import assert from 'node:assert/strict';
import { oncePerClaim } from '../../../extension/core/corpus/oncePerClaim';
import type { ClaimMatch } from '../../../extension/core/corpus/types';

const found = (path: string, start: number, score: number): ClaimMatch =>
  ({ path, start, end: start + 10, text: `${path}@${start}`, score }) as unknown as ClaimMatch;

test('contradictions telling one claim are kept once, under the first, with the other articles each named once', () => {
  const list = [found('d.txt', 0, 0.9), found('lone.txt', 5, 0.8), found('b.txt', 7, 0.7), found('d.txt', 40, 0.6), found('c.txt', 3, 0.5)];
  // d@0, b@7 and d@40 tell one statement; c@3 tells it as d@40 does only (linked through it); lone tells another.
  const tellsOne = new Set(['d.txt@0', 'b.txt@7', 'd.txt@40']);
  const asked: string[] = [];
  const kept = oncePerClaim(list, (i, j) => {
    const [x, y] = [list[i].text, list[j].text];
    asked.push([x, y].sort().join(' '));
    return (tellsOne.has(x) && tellsOne.has(y)) || [x, y].sort().join(' ') === 'c.txt@3 d.txt@40';
  });
  assert.deepEqual(
    kept.map((k) => [k.text, k.alsoIn.map((p) => `${p.path}@${p.start}`)]),
    [
      ['d.txt@0', ['b.txt@7', 'c.txt@3']],
      ['lone.txt@5', []],
    ],
  );
  assert.equal(new Set(asked).size, asked.length, 'no pair asked twice');
});

test('contradictions telling different claims are all kept, in their order', () => {
  const list = [found('a.txt', 0, 0.9), found('b.txt', 0, 0.5)];
  assert.deepEqual(
    oncePerClaim(list, () => false).map((k) => [k.path, k.alsoIn]),
    [
      ['a.txt', []],
      ['b.txt', []],
    ],
  );
});

test('contradictions in one article are one item, its best-scored, whatever claims they tell', () => {
  const list = [found('a.txt', 40, 0.9), found('b.txt', 0, 0.7), found('a.txt', 0, 0.5)];
  assert.deepEqual(
    oncePerClaim(list, () => false).map((k) => [k.text, k.alsoIn]),
    [
      ['a.txt@40', []],
      ['b.txt@0', []],
    ],
  );
});
