import { relation, type RelationThresholds } from './contradiction';
import { compare, type Claim, type Doc, type Scored } from './records';
import type { ClaimGroup, ClaimRef } from './types';

/**
 * Claims told in two or more articles: claims linked by a match, transitively (union-find), each group
 * labelled by its most check-worthy member; the biggest groups first.
 */
export function groupClaims(
  docs: ReadonlyMap<string, Doc>,
  similarClaims: (query: Claim, exclude: Doc) => Scored[],
  thresholds: RelationThresholds,
  claimRef: (c: Claim) => ClaimRef,
): ClaimGroup[] {
  const all = [...docs.values()].flatMap((d) => d.claims);
  const index = new Map(all.map((c, i) => [c, i]));
  const parent = all.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  for (const [i, claim] of all.entries()) {
    for (const s of similarClaims(claim, claim.doc)) {
      if (s.score < thresholds.match) break;
      if (relation(s, thresholds) !== 'match') continue;
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
      return { label: best.doc.text.slice(best.start, best.end), claims: sorted.map(claimRef), articleCount: articles };
    })
    .sort((a, b) => b.articleCount - a.articleCount || b.claims.length - a.claims.length || compare(a.label, b.label));
}
