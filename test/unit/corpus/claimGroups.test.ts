import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupClaims } from '../../../extension/core/corpus/claimGroups';
import type { ClaimJudge, Judged } from '../../../extension/core/corpus/claimRelation';
import type { Claim, Doc, Scored } from '../../../extension/core/corpus/records';
import type { ClaimRef } from '../../../extension/core/corpus/types';

/** The model's verdicts by pair of claim names ("a:A b:B"), with the score it gives each. */
type Verdicts = Record<string, ['same' | 'contradicts', number]>;

/**
 * Claims named "article:letter" (one claim per name, in its article's order) and the model's verdicts between them: the
 * grouping alone is tested, with every other claim offered as a candidate and judged by the table.
 */
function grouped(names: string[], verdicts: Verdicts): string[][] {
  const docs = new Map<string, Doc>();
  const claims = new Map<Claim, string>();
  for (const name of names) {
    const path = `${name.split(':')[0]}.txt`;
    const doc = docs.get(path) ?? ({ path, text: 'x'.repeat(100), claims: [] as Claim[] } as unknown as Doc);
    docs.set(path, doc);
    const start = doc.claims.length * 10;
    const claim = { doc, start, end: start + 5, hedges: [], checkWorthiness: 0.5 } as unknown as Claim;
    doc.claims.push(claim);
    claims.set(claim, name);
  }
  const verdict = (a: Claim, b: Claim): Judged | undefined => {
    const [x, y] = [claims.get(a), claims.get(b)];
    const said = verdicts[`${x} ${y}`] ?? verdicts[`${y} ${x}`];
    if (!said) return undefined;
    const disagreement = { opposed: null, numbers: null, denial: said[0] === 'contradicts' ? 'here' : null };
    return {
      kind: said[0] === 'same' ? 'match' : 'contradiction',
      pair: { relation: said[0], score: said[1], evidence: { disagreement } },
    } as unknown as Judged;
  };
  const similar = (_query: Claim, exclude: Doc): Scored[] =>
    [...claims.keys()].filter((c) => c.doc !== exclude).map((claim) => ({ claim, score: 1 }) as unknown as Scored);
  const judge = {
    judgeAll: (query: Claim, candidates: readonly Scored[], needless?: (s: Scored) => boolean) =>
      candidates.flatMap((candidate) => {
        const judged = needless?.(candidate) ? undefined : verdict(query, candidate.claim);
        return judged ? [{ candidate, judged }] : [];
      }),
    judgePair: verdict,
    mayContradict: (a: Claim, b: Claim) => verdict(a, b)?.kind === 'contradiction',
    forgetReadings: () => undefined,
  } as unknown as ClaimJudge;
  const ref = (c: Claim): ClaimRef => ({ path: c.doc.path, start: c.start, end: c.end, text: claims.get(c) }) as unknown as ClaimRef;
  return groupClaims(docs, similar, judge, ref).map((g) =>
    g.claims.map((c) => `${c.text}${c.stance === 'denies' ? ' (denies)' : ''}`).sort(),
  );
}

test('a chain of matches is not one group: A matches B, B matches C, A and C contradict each other', () => {
  const groups = grouped(['a:A', 'b:B', 'c:C'], { 'a:A b:B': ['same', 0.9], 'b:B c:C': ['same', 0.8], 'a:A c:C': ['contradicts', 0.7] });
  // C tells what B does: article c does not deny the group's claim, it only contradicts A.
  assert.deepEqual(groups, [['a:A', 'b:B']]);
});

test('a chain of matches is not one group: A matches B and B matches C, but A does not match C', () => {
  const groups = grouped(['a:A', 'b:B', 'c:C'], { 'a:A b:B': ['same', 0.9], 'b:B c:C': ['same', 0.8] });
  assert.deepEqual(groups, [['a:A', 'b:B']]);
});

test('a claim joining a group by one loose match does not hide the contradiction its article tells', () => {
  // c:X matches B alone; c:C, of the same article, contradicts A: were X taken in, article c would tell the group's claim.
  const groups = grouped(['a:A', 'b:B', 'c:C', 'c:X'], {
    'a:A b:B': ['same', 0.9],
    'b:B c:X': ['same', 0.8],
    'a:A c:C': ['contradicts', 0.7],
  });
  assert.deepEqual(groups, [['a:A', 'b:B', 'c:C (denies)']]);
});

test('a claim joins a group only when it is the same claim as each of its members, whatever the order of their articles', () => {
  // D matches two of the three; told with B, it would be in one group with a claim it does not tell.
  const verdicts: Verdicts = {
    'a:A b:B': ['same', 0.9],
    'a:A c:C': ['same', 0.85],
    'b:B c:C': ['same', 0.8],
    'a:A d:D': ['same', 0.75],
    'c:C d:D': ['same', 0.7],
  };
  const expected = [['a:A', 'b:B', 'c:C']];
  assert.deepEqual(grouped(['a:A', 'b:B', 'c:C', 'd:D'], verdicts), expected);
  assert.deepEqual(grouped(['d:D', 'c:C', 'b:B', 'a:A'], verdicts), expected);
  // Once it matches B too, it joins.
  assert.deepEqual(grouped(['a:A', 'b:B', 'c:C', 'd:D'], { ...verdicts, 'b:B d:D': ['same', 0.6] }), [['a:A', 'b:B', 'c:C', 'd:D']]);
});

test('an article denies a group only when its claim contradicts the claim of at least half of the articles telling it', () => {
  const verdicts: Verdicts = {
    'a:A b:B': ['same', 0.9],
    'a:A c:C': ['same', 0.85],
    'b:B c:C': ['same', 0.8],
    // D contradicts one teller alone: what A says beyond the others, not the group's claim.
    'a:A d:D': ['contradicts', 0.7],
    // E contradicts two of the three.
    'a:A e:E': ['contradicts', 0.7],
    'b:B e:E': ['contradicts', 0.6],
  };
  assert.deepEqual(grouped(['a:A', 'b:B', 'c:C', 'd:D', 'e:E'], verdicts), [['a:A', 'b:B', 'c:C', 'e:E (denies)']]);
});
