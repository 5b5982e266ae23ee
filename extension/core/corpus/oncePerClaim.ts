import { compare } from './records';
import type { ClaimContradiction, ClaimMatch, ClaimPlace } from './types';

/**
 * Claims found contradicting one claim, listed once per claim they tell and once per article: each is kept under the
 * first one (best first) of its own article or that it tells the same claim as, linked to any of those already kept
 * under it, and the first stands for them all with the other articles they are in. Four outlets quoting one
 * spokeswoman are one contradiction in four articles, not four to read; an article contradicting it in three
 * sentences is one source, its best-scored sentence shown, and the few items a hover lists name more sources. A claim
 * telling the same as none, in an article none is in, stays on its own. `same(i, j)`: whether the i-th and j-th tell
 * the same claim (asked at most once per pair, and not once a claim is kept under one).
 */
export function oncePerClaim(found: readonly ClaimMatch[], same: (i: number, j: number) => boolean): ClaimContradiction[] {
  const kept: { first: number; members: number[] }[] = [];
  for (let i = 0; i < found.length; i++) {
    const under = kept.find((k) => found[k.first].path === found[i].path || k.members.some((j) => same(j, i)));
    if (under) under.members.push(i);
    else kept.push({ first: i, members: [i] });
  }
  return kept.map(({ first, members }) => {
    const alsoIn: ClaimPlace[] = [];
    for (const i of members) {
      const { path, start, end } = found[i];
      if (path !== found[first].path && !alsoIn.some((p) => p.path === path)) alsoIn.push({ path, start, end });
    }
    return { ...found[first], alsoIn: alsoIn.sort((a, b) => compare(a.path, b.path)) };
  });
}
