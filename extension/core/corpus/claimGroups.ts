import TinyQueue from 'tinyqueue';
import { whatDiffers } from './claimExplanation';
import { stanceOf, type ClaimJudge, type Judged } from './claimRelation';
import type { PairRelation } from './compare/model';
import { compare, type Claim, type Doc, type Scored } from './records';
import type { ClaimGroup, ClaimRef, GroupingProgress } from './types';

/**
 * A claim joins a group only when the model finds it the same claim as each of the group's first members (those
 * joined by its strongest matches, the group's claim), whatever it says of the others: were one match enough, "A is
 * B" and "B is C" would put A in one group with a C it does not tell, and an article agreeing with C would seem to
 * deny A. Only the first few, so that joining a claim told in a thousand articles costs the model a few readings.
 */
const GROUP_CORE = 6;

/** What the model said of a pair: the same claim (true), neither (false), or a contradiction, with its evidence. */
type Verdict = boolean | PairRelation;

/** A pair of claims (by index) the model found telling the same claim, with its score. */
interface Match {
  i: number;
  j: number;
  score: number;
}

/** Strongest first; equal scores in claim order, so that the order, and with it the groups, never depends on chance. */
const strongerFirst = (a: Match, b: Match): number => b.score - a.score || a.i - b.i || a.j - b.j;

/** Of the progress of a computing of the groups, the part of reading each claim's candidates (the rest: joining and building them). */
const READING_SHARE = 0.8;
const JOINING_SHARE = 0.1;
/** From this share of the progress on, the groups are being built. */
export const BUILDING_SHARE = READING_SHARE + JOINING_SHARE;

/**
 * Claims told in two or more articles: claims linked by matches, strongest matches first, each group labelled by
 * its most check-worthy member; the biggest groups first. Two groups join when each member of the smaller is the same
 * claim as each of the bigger's first members (GROUP_CORE) of other articles, as the model judged them or judges them
 * then, and never when they hold claims that contradict each other. A claim of an article telling none of it denies
 * the group when it contradicts those first members in at least half of their articles and is the same claim as
 * none of them: what one member alone says is not the group's claim. Decided from the two groups alone, in the order
 * of the matches: the same text gives the same groups whatever the order articles were read in, and an edit elsewhere
 * changes no group.
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
  yield { share: 0 };
  /** Claims (by index) contradicting each claim, found from either side. */
  const enemies = new Map<number, Set<number>>();
  const addEnemy = (i: number, j: number): void => {
    const set = enemies.get(i);
    if (set) set.add(j);
    else enemies.set(i, new Set([j]));
  };
  // A heap rather than one sort once every claim is read: sorting hundreds of thousands of matches at once would
  // hold the editor's thread for a step of half a second; each push and pop is a small part of a step.
  const matches = new TinyQueue<Match>([], strongerFirst);
  /**
   * The model's verdicts by pair (smaller index first): the same claim (true), neither (false), or a contradiction
   * with its evidence, kept for what differs (a verdict's evidence is kept for contradictions only: grouping reads millions
   * of pairs). The model is symmetric, so a pair read from one side is not read again from the other.
   */
  const verdicts = new Map<number, Verdict>();
  const verdictOfJudged = (judged: Judged | undefined): Verdict =>
    judged === undefined ? false : judged.kind === 'match' ? true : judged.pair;
  const pairKey = (i: number, j: number): number => Math.min(i, j) * all.length + Math.max(i, j);
  for (const [i, claim] of all.entries()) {
    const needless = (s: Scored): boolean => {
      const j = index.get(s.claim);
      return j !== undefined && verdicts.has(pairKey(i, j));
    };
    for (const { candidate: s, judged: verdict } of judge.judgeAll(claim, similarClaims(claim, claim.doc), needless)) {
      const j = index.get(s.claim);
      if (j === undefined) continue;
      verdicts.set(pairKey(i, j), verdictOfJudged(verdict));
      if (verdict.kind === 'contradiction') {
        addEnemy(i, j);
        addEnemy(j, i);
      } else matches.push({ i, j, score: verdict.pair.score });
    }
    yield { share: (READING_SHARE * (i + 1)) / all.length };
  }
  const verdictOf = (i: number, j: number): Verdict => {
    const key = pairKey(i, j);
    let verdict = verdicts.get(key);
    if (verdict === undefined) verdicts.set(key, (verdict = verdictOfJudged(judge.judgePair(all[i], all[j]))));
    return verdict;
  };
  const sameClaim = (i: number, j: number): boolean => all[i].doc === all[j].doc || verdictOf(i, j) === true;
  const knownOther = (i: number, j: number): boolean => all[i].doc !== all[j].doc && (verdicts.get(pairKey(i, j)) ?? true) !== true;
  const told = (yield* joinMatches(all.length, matches, enemies, sameClaim, knownOther)).filter(
    (g) => new Set(g.map((i) => all[i].doc)).size > 1,
  );
  /** A group with its claims and the claims denying it; a step for each member, and for each claim that may deny it (the model may read it). */
  function* buildGroup(group: number[], share: number): Generator<GroupingProgress, ClaimGroup> {
    const sorted = group.map((i) => all[i]).sort((a, b) => compare(a.doc.path, b.doc.path) || a.start - b.start);
    const best = sorted.reduce((a, b) => (b.checkWorthiness > a.checkWorthiness ? b : a));
    const tellers = new Set(sorted.map((c) => c.doc));
    const core = group.slice(0, GROUP_CORE);
    // Claims contradicting a member, in articles that do not tell the claim themselves: those articles deny it when
    // they contradict the group's claim as told by at least half of the articles of its first members, and are not
    // found the same claim as any of them.
    const denying = new Map<Claim, string>();
    for (const d of new Set(group.flatMap((m) => [...(enemies.get(m) ?? [])]))) {
      if (tellers.has(all[d].doc)) continue;
      // The model reads only pairs it may find contradicting (explicit evidence on their own words); a match is
      // known from the candidates it judged.
      if (core.some((c) => verdicts.get(pairKey(c, d)) === true)) continue;
      const against = core.flatMap((c) => {
        const verdict = verdicts.has(pairKey(c, d)) || judge.mayContradict(all[c], all[d]) ? verdictOf(c, d) : false;
        return typeof verdict === 'object' ? [{ doc: all[c].doc, pair: verdict }] : [];
      });
      if (against.length && 2 * new Set(against.map((r) => r.doc)).size >= new Set(core.map((c) => all[c].doc)).size)
        denying.set(all[d], whatDiffers(against[0].pair).join('; '));
      yield { share };
    }
    const denied = [...denying.keys()].sort((a, b) => compare(a.doc.path, b.doc.path) || a.start - b.start);
    const claims: ClaimGroup['claims'] = [];
    for (const c of sorted) {
      claims.push({ ...claimRef(c), stance: stanceOf(c, false), differs: null });
      yield { share };
    }
    for (const c of denied) claims.push({ ...claimRef(c), stance: stanceOf(c, true), differs: denying.get(c) ?? null });
    return {
      label: best.doc.text.slice(best.start, best.end),
      claims,
      articleCount: tellers.size,
      paths: [...new Set(claims.map((c) => c.path))],
    };
  }
  const groups: ClaimGroup[] = [];
  for (const [k, group] of told.entries()) {
    groups.push(yield* buildGroup(group, BUILDING_SHARE + ((1 - BUILDING_SHARE) * k) / told.length));
    yield { share: BUILDING_SHARE + ((1 - BUILDING_SHARE) * (k + 1)) / told.length };
  }
  judge.forgetReadings();
  return groups.sort((a, b) => b.articleCount - a.articleCount || b.claims.length - a.claims.length || compare(a.label, b.label));
}

/**
 * Claims (by index) joined by their matches, strongest first, into groups (see groupClaims): each group's members in
 * the order they joined it, so that its first members are those its strongest matches joined. `sameClaim`: whether
 * two claims tell the same claim, asking the model when it has not read them; `knownOther`: whether the model
 * has already found two claims of different articles telling other claims.
 */
function* joinMatches(
  count: number,
  matches: TinyQueue<Match>,
  enemies: ReadonlyMap<number, ReadonlySet<number>>,
  sameClaim: (i: number, j: number) => boolean,
  knownOther: (i: number, j: number) => boolean,
): Generator<GroupingProgress, number[][]> {
  const parent = Array.from({ length: count }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  /** Each group's members, by its root (a claim alone is not kept). */
  const membersOf = new Map<number, number[]>();
  /** Pairs of groups (by root) found not to tell one claim, with their sizes then: tried again only once either has grown. */
  const refused = new Map<number, number>();
  const total = matches.length;
  for (let match = matches.pop(); match; match = matches.pop()) {
    const { i, j } = match;
    yield { share: READING_SHARE + (JOINING_SHARE * (total - matches.length - 1)) / total };
    const [x, y] = [find(i), find(j)];
    if (x === y) continue;
    const [here, there] = [membersOf.get(x) ?? [x], membersOf.get(y) ?? [y]];
    const [root, child, small, big] = here.length >= there.length ? [x, y, there, here] : [y, x, here, there];
    const key = Math.min(root, child) * count + Math.max(root, child);
    if (refused.get(key) === here.length + there.length) continue;
    // The smaller group's members, each against the groups of the claims it contradicts and the bigger group's claim.
    if (small.some((m) => [...(enemies.get(m) ?? [])].some((e) => find(e) === root))) continue;
    const core = big.slice(0, GROUP_CORE);
    // Pairs the model already found telling other claims first: most groups that do not join are refused without
    // reading any pair again.
    if (small.some((m) => core.some((c) => knownOther(m, c))) || !small.every((m) => core.every((c) => sameClaim(m, c)))) {
      refused.set(key, here.length + there.length);
      continue;
    }
    parent[child] = root;
    // In place: a group told in many articles grows one claim at a time.
    if (!membersOf.has(root)) membersOf.set(root, big);
    for (const m of small) big.push(m);
    membersOf.delete(child);
  }
  return [...membersOf.values()];
}
