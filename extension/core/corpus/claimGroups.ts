import { whatDiffers } from './claimExplanation';
import { stanceOf, type ClaimJudge } from './claimRelation';
import { compare, type Claim, type Doc, type Scored } from './records';
import type { ClaimGroup, ClaimRef } from './types';

/**
 * Claims told in two or more articles: claims linked by a match, transitively (union-find), each group
 * labelled by its most check-worthy member; the biggest groups first.
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
  const parent = all.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  /** Claims of other articles contradicting each claim, with what differs. */
  const opposed = new Map<Claim, { claim: Claim; differs: string }[]>();
  for (const [i, claim] of all.entries()) {
    // A pair already in one group needs the model only if it may contradict: another match would join nothing.
    const needless = (s: Scored): boolean => {
      const j = index.get(s.claim);
      return j !== undefined && find(i) === find(j) && !judge.mayContradict(claim, s.claim);
    };
    for (const { candidate: s, judged } of judge.judgeAll(claim, similarClaims(claim, claim.doc), needless)) {
      if (judged.kind === 'contradiction')
        opposed.set(claim, [...(opposed.get(claim) ?? []), { claim: s.claim, differs: whatDiffers(judged.pair).join('; ') }]);
      if (judged.kind !== 'match') continue;
      const j = index.get(s.claim);
      if (j !== undefined) parent[find(i)] = find(j);
    }
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
