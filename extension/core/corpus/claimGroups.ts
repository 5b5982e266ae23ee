import { whatDiffers } from './claimExplanation';
import { MOST_SIMILAR, stanceOf, type ClaimJudge } from './claimRelation';
import { compare, type Claim, type Doc, type Scored } from './records';
import type { ClaimGroup, ClaimRef, GroupingProgress } from './types';

/**
 * A claim or a group joins another group only when more than this share of the pairs between them are matches (average
 * link): one match is not enough, or "A is B" and "B is C" would put A in one group with a C it does not tell, and
 * the groups would chain into one holding half the corpus.
 */
const LINKED_SHARE = 0.5;

/** Of the progress of a computing of the groups, the part of reading each claim's candidates (the rest: joining and building them). */
const READING_SHARE = 0.8;
const JOINING_SHARE = 0.1;

/**
 * Claims told in two or more articles: claims linked by matches, strongest matches first, each group labelled by
 * its most check-worthy member; the biggest groups first. Two groups join when more than half of the pairs between
 * them are matches (each claim counted against at most as many members of the other as the model reads candidates
 * per claim, so a claim told in many articles can still join their group), and never when they hold claims that
 * contradict each other. Decided from the two groups alone, in the order of the matches: the same text gives the same
 * groups whatever the order articles were read in, and an edit elsewhere changes no group.
 */
export function groupClaims(
  docs: ReadonlyMap<string, Doc>,
  similarClaims: (query: Claim, exclude: Doc) => Scored[],
  judge: ClaimJudge,
  claimRef: (c: Claim) => ClaimRef,
): ClaimGroup[] {
  const steps = groupClaimSteps(docs, similarClaims, judge, claimRef);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * groupClaims in small steps, for a caller that must not be held up for the whole: each step has read one claim's
 * candidates, or joined one match, or built one group; the last returns the groups.
 */
export function* groupClaimSteps(
  docs: ReadonlyMap<string, Doc>,
  similarClaims: (query: Claim, exclude: Doc) => Scored[],
  judge: ClaimJudge,
  claimRef: (c: Claim) => ClaimRef,
): Generator<GroupingProgress, ClaimGroup[]> {
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
    yield { share: (READING_SHARE * (i + 1)) / all.length };
  }
  const find = yield* joinMatches(all.length, matches, enemies);
  const members = new Map<number, Claim[]>();
  for (const [i, claim] of all.entries()) {
    const root = find(i);
    const list = members.get(root);
    if (list) list.push(claim);
    else members.set(root, [claim]);
  }
  const told = [...members.values()]
    .map((claims) => ({ claims, articles: new Set(claims.map((c) => c.doc)).size }))
    .filter((g) => g.articles > 1);
  const groups: ClaimGroup[] = [];
  for (const [k, { claims, articles }] of told.entries()) {
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
    groups.push({
      label: best.doc.text.slice(best.start, best.end),
      claims: [
        ...sorted.map((c) => ({ ...claimRef(c), stance: stanceOf(c, false), differs: null })),
        ...denied.map((c) => ({ ...claimRef(c), stance: stanceOf(c, true), differs: denying.get(c) ?? null })),
      ],
      articleCount: articles,
    });
    yield { share: READING_SHARE + JOINING_SHARE + ((1 - READING_SHARE - JOINING_SHARE) * (k + 1)) / told.length };
  }
  return groups.sort((a, b) => b.articleCount - a.articleCount || b.claims.length - a.claims.length || compare(a.label, b.label));
}

/**
 * Claims (by index) joined by their matches, strongest first, into groups (see groupClaims): each claim's group, by
 * its root.
 */
function* joinMatches(
  count: number,
  matches: { i: number; j: number; score: number }[],
  enemies: ReadonlyMap<number, ReadonlySet<number>>,
): Generator<GroupingProgress, (i: number) => number> {
  const parent = Array.from({ length: count }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  /** The claims each claim matches, by index. */
  const linked = new Map<number, number[]>();
  const link = (i: number, j: number): void => {
    const list = linked.get(i);
    if (list) list.push(j);
    else linked.set(i, [j]);
  };
  for (const { i, j } of matches) {
    link(i, j);
    link(j, i);
  }
  /** Each group's members, by its root (a claim alone is not kept). */
  const membersOf = new Map<number, number[]>();
  /** Pairs of groups (by root) found too loosely linked, with their sizes then: tried again only once either has grown. */
  const refused = new Map<number, number>();
  matches.sort((a, b) => b.score - a.score || a.i - b.i || a.j - b.j);
  for (const [k, { i, j }] of matches.entries()) {
    yield { share: READING_SHARE + (JOINING_SHARE * k) / matches.length };
    const [x, y] = [find(i), find(j)];
    if (x === y) continue;
    const [here, there] = [membersOf.get(x) ?? [x], membersOf.get(y) ?? [y]];
    const [root, child, small, big] = here.length >= there.length ? [x, y, there, here] : [y, x, here, there];
    const key = Math.min(root, child) * count + Math.max(root, child);
    if (refused.get(key) === here.length + there.length) continue;
    // The smaller group's members, each against the groups of the claims it contradicts and the claims it matches.
    if (small.some((m) => [...(enemies.get(m) ?? [])].some((e) => find(e) === root))) continue;
    const links = small.reduce((n, m) => n + (linked.get(m) ?? []).filter((k) => find(k) === root).length, 0);
    if (links <= LINKED_SHARE * small.length * Math.min(big.length, MOST_SIMILAR)) {
      refused.set(key, here.length + there.length);
      continue;
    }
    parent[child] = root;
    const kept = membersOf.get(root);
    if (kept) for (const m of small) kept.push(m);
    else membersOf.set(root, [root, ...small]);
    membersOf.delete(child);
  }
  return find;
}
