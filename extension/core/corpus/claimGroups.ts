import { whatDiffers } from './claimExplanation';
import { stanceOf, type ClaimJudge } from './claimRelation';
import { compare, type Claim, type Doc, type Scored } from './records';
import type { ClaimGroup, ClaimRef } from './types';

/**
 * Claims told in two or more articles: claims linked by a match, strongest matches first, each group labelled by
 * its most check-worthy member; the biggest groups first. A match never joins two groups holding claims that
 * contradict each other: linked transitively, "A is B" and "B is C" would otherwise put A in one group with a C
 * it contradicts (single-link chaining), and the group would both tell and deny its claim.
 */
export function groupClaims(
  docs: ReadonlyMap<string, Doc>,
  similarClaims: (query: Claim, exclude: Doc) => Scored[],
  judge: ClaimJudge,
  claimRef: (c: Claim) => ClaimRef,
): ClaimGroup[] {
  // In article and position order, whatever order the articles were read in: the same text gives the same groups.
  const all = [...docs.values()].sort((a, b) => compare(a.path, b.path)).flatMap((d) => [...d.claims].sort((a, b) => a.start - b.start));
  const index = new Map(all.map((c, i) => [c, i]));
  /** Claims of other articles contradicting each claim, with what differs. */
  const opposed = new Map<Claim, { claim: Claim; differs: string }[]>();
  /** Claims (by index) contradicting each claim, found from either side. */
  const enemies = new Map<number, Set<number>>();
  const addEnemy = (i: number, j: number): void => {
    const set = enemies.get(i);
    if (set) set.add(j);
    else enemies.set(i, new Set([j]));
  };
  const matches: { i: number; j: number; score: number }[] = [];
  /** Pairs (smaller index first) with a verdict already: the model is symmetric, so read from the other side it adds nothing. */
  const judged = new Set<number>();
  const pairKey = (i: number, j: number): number => Math.min(i, j) * all.length + Math.max(i, j);
  for (const [i, claim] of all.entries()) {
    const needless = (s: Scored): boolean => {
      const j = index.get(s.claim);
      return j !== undefined && judged.has(pairKey(i, j));
    };
    for (const { candidate: s, judged: verdict } of judge.judgeAll(claim, similarClaims(claim, claim.doc), needless)) {
      const j = index.get(s.claim);
      if (j !== undefined) judged.add(pairKey(i, j));
      if (verdict.kind === 'contradiction') {
        opposed.set(claim, [...(opposed.get(claim) ?? []), { claim: s.claim, differs: whatDiffers(verdict.pair).join('; ') }]);
        if (j === undefined) continue;
        addEnemy(i, j);
        addEnemy(j, i);
        // Told from one side only, the contradiction still shows on the other's group.
        opposed.set(s.claim, [...(opposed.get(s.claim) ?? []), { claim, differs: whatDiffers(verdict.pair).join('; ') }]);
      } else if (j !== undefined) matches.push({ i, j, score: verdict.pair.score });
    }
  }
  const parent = all.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  /** Each group's members, by its root (a claim alone is not kept). */
  const membersOf = new Map<number, number[]>();
  matches.sort((a, b) => b.score - a.score || a.i - b.i || a.j - b.j);
  for (const { i, j } of matches) {
    const [x, y] = [find(i), find(j)];
    if (x === y) continue;
    const [here, there] = [membersOf.get(x) ?? [x], membersOf.get(y) ?? [y]];
    // The smaller group's members, each against the groups of the claims it contradicts.
    const [root, child, small] = here.length >= there.length ? [x, y, there] : [y, x, here];
    if (small.some((m) => [...(enemies.get(m) ?? [])].some((e) => find(e) === root))) continue;
    parent[child] = root;
    const kept = membersOf.get(root);
    if (kept) for (const m of small) kept.push(m);
    else membersOf.set(root, [root, ...small]);
    membersOf.delete(child);
  }
  const members = new Map<number, Claim[]>();
  for (const [i, claim] of all.entries()) {
    const root = find(i);
    const list = members.get(root);
    if (list) list.push(claim);
    else members.set(root, [claim]);
  }
  return [...members.values()]
    .map((claims) => ({ claims, articles: new Set(claims.map((c) => c.doc)).size }))
    .filter((g) => g.articles > 1)
    .map(({ claims, articles }) => {
      const sorted = claims.sort((a, b) => compare(a.doc.path, b.doc.path) || a.start - b.start);
      const best = sorted.reduce((a, b) => (b.checkWorthiness > a.checkWorthiness ? b : a));
      const members = new Set(sorted);
      const tellers = new Set(sorted.map((c) => c.doc));
      // Claims contradicting a member, in articles that do not tell the claim themselves: those articles deny it.
      const denying = new Map<Claim, string>();
      for (const member of sorted)
        for (const o of opposed.get(member) ?? [])
          if (!members.has(o.claim) && !tellers.has(o.claim.doc) && !denying.has(o.claim)) denying.set(o.claim, o.differs);
      const denied = [...denying.keys()].sort((a, b) => compare(a.doc.path, b.doc.path) || a.start - b.start);
      return {
        label: best.doc.text.slice(best.start, best.end),
        claims: [
          ...sorted.map((c) => ({ ...claimRef(c), stance: stanceOf(c, false), differs: null })),
          ...denied.map((c) => ({ ...claimRef(c), stance: stanceOf(c, true), differs: denying.get(c) ?? null })),
        ],
        articleCount: articles,
      };
    })
    .sort((a, b) => b.articleCount - a.articleCount || b.claims.length - a.claims.length || compare(a.label, b.label));
}
