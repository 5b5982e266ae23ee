// The corpus index: `bench()` (npm run bench) indexes 10,000 synthetic articles and times hover lookups;
// run directly with `sample` (or npm run bench -- corpus-sample), it checks the index against the hand labels of
// the sample corpus's cross-source claim pairs (test/unit/corpus/sample-pairs.ts; ../shared/corpus read by path, never copied):
//   node scripts/run-ts.mjs scripts/bench/corpus.ts sample
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createDetector } from '../../extension/core/detect/index';
import { analysisOf, analyzeAll } from '../../extension/core/detect/incremental';
import type { Analysis, ClaimMention, EntityMention, EntityType } from '../../extension/core/detect/types';
import { createCorpusIndex, type ClaimGroup, type ClaimRef, type CorpusIndex } from '../../extension/core/corpus/index';
import { claimFeatures } from '../../extension/core/corpus/features';
import { addTag, emptySidecar } from '../../extension/core/sidecar/model';
import type { Sidecar } from '../../extension/core/sidecar/types';
import { codePointToUtf16Mapper } from '../../extension/core/text/offsets';
import { dataDir } from '../train/paths';
import { buildOverviewData, type ClaimStance } from '../../extension/core/team/overview-data';
import {
  ALSO_CONTRADICTING,
  CONTRADICTION_PAIRS,
  SAME_PAIRS,
  SAMPLE_ARTICLES,
  SAMPLE_CLAIMS,
  sampleFigures,
  type SampleClaim,
} from '../../test/unit/corpus/sample-pairs';
import { readClaimsModelFile, readDatesModelFile, readModelFile } from '../eval/model';

const ARTICLES = 10_000;
const LOOKUPS = 2_000;

// ---------------------------------------------------------------- synthetic benchmark

/** A tiny deterministic generator (mulberry32), so every run indexes the same corpus. */
export function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ['ka', 'lo', 'mer', 'tan', 'vi', 'dor', 'sel', 'ru', 'fen', 'qua', 'bri', 'zol', 'pe', 'nak', 'tor', 'gil'];
const NOUNS = [
  'harbor',
  'council',
  'budget',
  'bridge',
  'contract',
  'report',
  'inquiry',
  'factory',
  'election',
  'pipeline',
  'reservoir',
  'tariff',
  'vaccine',
  'railway',
  'subsidy',
  'border',
  'audit',
  'merger',
  'strike',
  'drought',
];
const VERBS = [
  'approved',
  'blocked',
  'funded',
  'delayed',
  'inspected',
  'cancelled',
  'expanded',
  'audited',
  'sold',
  'closed',
  'opened',
  'reviewed',
];
const FILLER = [
  'residents',
  'officials',
  'analysts',
  'farmers',
  'workers',
  'observers',
  'the region',
  'local businesses',
  'the committee',
  'investors',
];
const ADJECTIVES = ['new', 'long-delayed', 'controversial', 'regional', 'national', 'costly', 'disputed', 'modest'];

interface SyntheticWorld {
  people: string[];
  organizations: string[];
  places: string[];
  /** Claims told in several articles: subject, verb, object, number. */
  events: { who: string; verb: string; what: string; where: string; amount: number }[];
}

export function makeWorld(rand: () => number): SyntheticWorld {
  const word = (n: number): string => {
    let w = '';
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(rand() * SYLLABLES.length)];
    return w[0].toUpperCase() + w.slice(1);
  };
  const people = Array.from({ length: 2000 }, () => `${word(2)} ${word(3)}`);
  const organizations = Array.from(
    { length: 600 },
    () => `${word(2)} ${['Agency', 'Group', 'Institute', 'Ministry', 'Corp'][Math.floor(rand() * 5)]}`,
  );
  const places = Array.from({ length: 300 }, () => word(3));
  const pick = <T>(list: T[]): T => list[Math.floor(rand() * list.length)];
  const events = Array.from({ length: 5000 }, () => ({
    who: pick(organizations),
    verb: pick(VERBS),
    what: `${pick(ADJECTIVES)} ${pick(NOUNS)}`,
    where: pick(places),
    amount: 1 + Math.floor(rand() * 900),
  }));
  return { people, organizations, places, events };
}

/** What a synthetic claim tells, known by construction: which repeated event (or none), and whether it denies it. */
interface ClaimTruth {
  event: number | null;
  negated: boolean;
}

interface SyntheticArticle {
  text: string;
  analysis: Analysis;
  /** One per claim of the analysis, in the same order. */
  truth: ClaimTruth[];
}

/** One article of at least 2 KB with its analysis, as a detector would give it: entity mentions and claim sentences. */
export function makeArticle(world: SyntheticWorld, rand: () => number): SyntheticArticle {
  const pick = <T>(list: T[]): T => list[Math.floor(rand() * list.length)];
  let text = '';
  const entities: EntityMention[] = [];
  const claims: ClaimMention[] = [];
  const truth: ClaimTruth[] = [];
  const put = (s: string, type?: EntityType): void => {
    if (type) entities.push({ start: text.length, end: text.length + s.length, text: s, type, origin: 'model' });
    text += s;
  };
  const claimSentence = (write: () => void, told: ClaimTruth = { event: null, negated: false }): void => {
    truth.push(told);
    const start = text.length;
    write();
    const cueAt = text.indexOf(' said', start);
    // As the detector gives it: the speaker opening "X said that …" is the claim's source.
    const speaker = entities.find((e) => e.start === start && e.type === 'Person' && e.end === cueAt);
    claims.push({
      start,
      end: text.length,
      text: text.slice(start, text.length),
      score: 0.8,
      source: speaker ? { start: speaker.start, end: speaker.end, text: speaker.text } : null,
      cue: cueAt >= 0 ? { start: cueAt + 1, end: cueAt + 5, text: 'said' } : null,
      content: null,
      hedges: [],
    });
  };
  while (text.length < 2200) {
    const roll = rand();
    if (roll < 0.45) {
      // A repeated event, told with varying words around the same facts; sometimes denied.
      const event = Math.floor(Math.pow(rand(), 2) * world.events.length);
      const e = world.events[event];
      const speaker = pick(world.people);
      const negated = rand() < 0.15;
      claimSentence(
        () => {
          put(speaker, 'Person');
          put(` said that the `);
          put(e.who, 'Organization');
          put(negated ? ` had not ${e.verb} the ${e.what} in ` : ` ${e.verb} the ${e.what} in `);
          put(e.where, 'Location');
          put(` worth $${e.amount} million, ${pick(FILLER)} said.`);
        },
        { event, negated },
      );
    } else if (roll < 0.7) {
      claimSentence(() => {
        put(`According to `);
        put(pick(world.organizations), 'Organization');
        put(`, ${Math.floor(rand() * 90) + 2} ${pick(NOUNS)}s near `);
        put(pick(world.places), 'Location');
        put(` were ${pick(VERBS)} last year, ${pick(FILLER)} said.`);
      });
    } else {
      put(`The ${pick(ADJECTIVES)} ${pick(NOUNS)} worried ${pick(FILLER)} as `);
      put(pick(world.people), 'Person');
      put(` visited ${pick(FILLER)} and ${pick(FILLER)} in `);
      put(pick(world.places), 'Location');
      put(`.`);
    }
    put(rand() < 0.2 ? '\n\n' : ' ');
  }
  return { text, analysis: { entities, claims }, truth };
}

/** global.gc, exposed at run time when node was not started with --expose-gc, so heap deltas count live objects only. */
function collector(): (() => void) | undefined {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}

/** `count` synthetic articles telling a shared pool of events, with their analyses. */
export function syntheticArticles(count: number, rand: () => number): SyntheticArticle[] {
  const world = makeWorld(rand);
  return Array.from({ length: count }, () => makeArticle(world, rand));
}

/** "part/whole (NN%)"; `none` is the percentage shown when the whole is empty. */
function fraction(part: number, whole: number, none: number): string {
  return `${part}/${whole} (${whole ? Math.round((100 * part) / whole) : none}%)`;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

/**
 * The claim groups against what the generator knows: two claims of different articles tell the same claim when they
 * tell one event the same way. Such pairs in one group, all pairs in one group, and such pairs in the corpus.
 */
function groupTruth(
  groups: readonly { claims: readonly { path: string; start: number; stance: string }[] }[],
  articles: readonly SyntheticArticle[],
  truthAt: (path: string, start: number) => ClaimTruth | undefined,
): { grouped: number; groupedRight: number; sameInCorpus: number } {
  const told = (c: { path: string; start: number }): string | null => {
    const truth = truthAt(c.path, c.start);
    return truth && truth.event !== null ? `${truth.event}${truth.negated ? '-' : '+'}` : null;
  };
  const crossPairs = (claims: { path: string }[]): number => {
    const perArticle = new Map<string, number>();
    for (const c of claims) perArticle.set(c.path, (perArticle.get(c.path) ?? 0) + 1);
    return (claims.length * (claims.length - 1) - [...perArticle.values()].reduce((n, k) => n + k * (k - 1), 0)) / 2;
  };
  const byTold = (claims: { path: string; start: number }[]): Map<string, { path: string }[]> => {
    const by = new Map<string, { path: string }[]>();
    for (const c of claims) {
      const key = told(c);
      const list = key === null ? undefined : by.get(key);
      if (list) list.push(c);
      else if (key !== null) by.set(key, [c]);
    }
    return by;
  };
  let grouped = 0;
  let groupedRight = 0;
  for (const g of groups) {
    const members = g.claims.filter((c) => c.stance !== 'denies');
    grouped += crossPairs(members);
    for (const same of byTold(members).values()) groupedRight += crossPairs(same);
  }
  const everyClaim = articles.flatMap((a, n) => a.analysis.claims.map((c) => ({ path: `a${n}.txt`, start: c.start })));
  const sameInCorpus = [...byTold(everyClaim).values()].reduce((n, same) => n + crossPairs(same), 0);
  return { grouped, groupedRight, sameInCorpus };
}

export async function bench(): Promise<void> {
  const rand = random(20261123);
  const articles = syntheticArticles(ARTICLES, rand);
  const bytes = articles.reduce((n, a) => n + a.text.length, 0);

  // Baseline: what reading every claim's words costs, without any index.
  let t = performance.now();
  let words = 0;
  for (const a of articles) for (const c of a.analysis.claims) words += claimFeatures(c.text).terms.size;
  const baseline = (performance.now() - t) / 1000;

  const gc = collector();
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const index = createCorpusIndex();
  const indexCpu = process.cpuUsage();
  t = performance.now();
  articles.forEach((a, i) => index.updateDocument(`a${i}.txt`, a.text, a.analysis, null));
  const seconds = (performance.now() - t) / 1000;
  const indexCpuUsed = process.cpuUsage(indexCpu);
  gc?.();
  const heapMB = (process.memoryUsage().heapUsed - heapBefore) / 1048576;

  const entityTimes: number[] = [];
  const claimTimes: number[] = [];
  /** The same lookups' CPU time: on a loaded machine wall time also counts the waits for a core. */
  const cpuTimes: number[] = [];
  const cpuMs = (since: NodeJS.CpuUsage): number => {
    const used = process.cpuUsage(since);
    return (used.user + used.system) / 1000;
  };
  let found = 0;
  const judged = { matches: 0, rightMatches: 0, contradictions: 0, rightContradictions: 0 };
  const truthAt = (path: string, start: number): ClaimTruth | undefined => {
    const a = articles[Number(path.slice(1, -4))];
    return a.truth[a.analysis.claims.findIndex((c) => c.start === start)];
  };
  for (let i = 0; i < LOOKUPS; i++) {
    const n = Math.floor(rand() * ARTICLES);
    const path = `a${n}.txt`;
    const { analysis } = articles[n];
    const mention = analysis.entities[Math.floor(rand() * analysis.entities.length)];
    let cpu = process.cpuUsage();
    t = performance.now();
    const at = index.mentionAt(path, mention.start);
    const info = at && index.entityLookup(at.entityId ?? at.text, { excludePath: path });
    entityTimes.push(performance.now() - t);
    cpuTimes.push(cpuMs(cpu));
    const c = Math.floor(rand() * analysis.claims.length);
    const claim = analysis.claims[c];
    cpu = process.cpuUsage();
    t = performance.now();
    const lookup = index.claimLookup(path, claim.start, claim.start);
    claimTimes.push(performance.now() - t);
    cpuTimes.push(cpuMs(cpu));
    found += (info?.others.length ?? 0) > 0 && (lookup?.matches.length ?? 0) > 0 ? 1 : 0;
    // Precision against what the generator knows: a match tells the same event the same way, a contradiction the same event denied (or the other way round).
    const here = articles[n].truth[c];
    if (here.event === null) continue;
    for (const m of lookup?.matches ?? []) {
      const there = truthAt(m.path, m.start);
      judged.matches++;
      if (there?.event === here.event && there.negated === here.negated) judged.rightMatches++;
    }
    for (const m of lookup?.contradictions ?? []) {
      const there = truthAt(m.path, m.start);
      judged.contradictions++;
      if (there?.event === here.event && there.negated !== here.negated) judged.rightContradictions++;
    }
  }
  const all = [...entityTimes, ...claimTimes].sort((a, b) => a - b);
  entityTimes.sort((a, b) => a - b);
  claimTimes.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  const ms = (x: number): string => x.toFixed(3);
  const share = (part: number, whole: number): string => fraction(part, whole, 0);
  const stats = index.stats();
  console.log(`baseline: reading the words of every claim (${words} distinct words per claim summed) in ${baseline.toFixed(2)} s`);
  console.log(
    `index: ${ARTICLES} articles in ${seconds.toFixed(2)} s (${(bytes / 1048576).toFixed(1)} MB of text, ${stats.claims} claims, ${stats.mentions} mentions; ${(seconds / baseline).toFixed(1)}× the baseline; CPU time ${((indexCpuUsed.user + indexCpuUsed.system) / 1e6).toFixed(2)} s, all threads)`,
  );
  console.log(
    `hover p95: ${ms(percentile(all, 0.95))} ms (p50 ${ms(percentile(all, 0.5))} ms; entity p50 ${ms(percentile(entityTimes, 0.5))} / p95 ${ms(percentile(entityTimes, 0.95))} ms, claim p50 ${ms(percentile(claimTimes, 0.5))} / p95 ${ms(percentile(claimTimes, 0.95))} ms; ${LOOKUPS} of each, ${found} with other articles and matches)`,
  );
  console.log(
    `hover CPU time p95: ${ms(percentile(cpuTimes, 0.95))} ms (p50 ${ms(percentile(cpuTimes, 0.5))} ms; the process's own time, without waits for a core; machine load ${loadavg()[0].toFixed(1)} on ${cpus().length} cores)`,
  );
  console.log(
    `synthetic precision, lookups of repeated events: matches right ${share(judged.rightMatches, judged.matches)}, contradictions right ${share(judged.rightContradictions, judged.contradictions)}`,
  );
  console.log(`index memory: ${heapMB.toFixed(0)} MB${gc ? '' : ' (no global.gc: heap delta without collection, an upper bound)'}`);
  // The Claims tree and the overview group every claim of the corpus: each claim judged against its candidates, then linked.
  const { groups, seconds: groupsS, cpu: groupsCpuUsed, stepTimes } = groupStepwise(index);
  const largest = groups.reduce((n, g) => Math.max(n, g.claims.filter((c) => c.stance !== 'denies').length), 0);
  const { grouped, groupedRight, sameInCorpus } = groupTruth(groups, articles, truthAt);
  console.log(
    `claim groups: ${groups.length} over ${ARTICLES} articles in ${groupsS.toFixed(2)} s (CPU ${((groupsCpuUsed.user + groupsCpuUsed.system) / 1e6).toFixed(2)} s), largest ${largest} claims; ` +
      `pairs of claims of different articles in one group telling one event the same way: precision ${share(groupedRight, grouped)}, recall ${share(groupedRight, sameInCorpus)}`,
  );
  console.log(
    `claim groups computed in the background, a claim read, a match joined or a group built a step: step p50 ${ms(percentile(stepTimes, 0.5))} ms, p99 ${ms(percentile(stepTimes, 0.99))} ms, longest ${ms(percentile(stepTimes, 1))} ms (the editor's thread is held at most a 20 ms slice plus one step)`,
  );
  // Synthetic text is made by the same kind of rules that detect: quality is measured on the real sample articles.
  await sample(false);
}

/**
 * The claim groups computed in small steps, as the editor computes them between its other work: the longest
 * step is the longest the extension host's thread is held beyond a slice. Step times sorted.
 */
function groupStepwise(index: CorpusIndex): { groups: ClaimGroup[]; seconds: number; cpu: NodeJS.CpuUsage; stepTimes: number[] } {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const steps = index.claimGroupSteps();
  const stepTimes: number[] = [];
  let step: ReturnType<typeof steps.next>;
  do {
    const at = performance.now();
    step = steps.next();
    stepTimes.push(performance.now() - at);
  } while (!step.done);
  return {
    groups: step.value ?? [],
    seconds: (performance.now() - t) / 1000,
    cpu: process.cpuUsage(cpu),
    stepTimes: stepTimes.sort((a, b) => a - b),
  };
}

// ---------------------------------------------------------------- sample corpus check

/** The shared folder holding corpus/ and eval/ (found as the evaluation scripts find it, also from a git worktree). */
const SHARED = dirname(dataDir([]));
const SAMPLE_DOCS: readonly string[] = SAMPLE_ARTICLES;

interface GoldClaim {
  doc: string;
  start: number;
  end: number;
}

/** Gold claim sentences as confirmed claim tags: what the index shows once a researcher has tagged the claims. */
function goldSidecar(doc: string, text: string, gold: GoldClaim[]): Sidecar {
  const toUtf16 = codePointToUtf16Mapper(text);
  let sidecar = emptySidecar(doc, text);
  for (const g of gold.filter((g) => g.doc === doc)) {
    sidecar = addTag(
      sidecar,
      text,
      { kind: 'claim', label: 'Claim', status: 'confirmed', start: toUtf16(g.start), end: toUtf16(g.end) },
      { author: 'gold', now: '2026-01-01T00:00:00Z' },
    ).sidecar;
  }
  return sidecar;
}

/**
 * The sample figures against the hand labels (test/unit/corpus/sample-pairs.ts): same-claim pairs found
 * (listed as a match from either side), the required contradictions found, and every distinct pair the
 * index lists as a possible contradiction, with how many of them are labelled contradictions.
 */
function checkHandFound(index: CorpusIndex, label: string, verbose: boolean): void {
  const shown = (x: SampleClaim, y: SampleClaim): string => {
    const look = (from: SampleClaim, to: SampleClaim): string | undefined => {
      const result = index.claimLookup(SAMPLE_DOCS[from.article], from.at, from.at);
      const inTo = (c: ClaimRef): boolean => c.path === SAMPLE_DOCS[to.article] && c.start <= to.at && to.at < c.end;
      if (result?.matches.some(inTo)) return 'same';
      if (result?.contradictions.some(inTo)) return 'contradicts';
      return undefined;
    };
    return look(x, y) ?? look(y, x) ?? 'none';
  };
  const listed: [ClaimRef, ClaimRef][] = [];
  /** What the hovers show: contradictions listed over all claims' hovers, and the longest list in one. */
  const hovers = { shown: 0, longest: 0 };
  for (const path of index.documents()) {
    for (const claim of index.claimsOf(path)) {
      const contradictions = index.claimLookup(path, claim.start, claim.end)?.contradictions ?? [];
      for (const c of contradictions) listed.push([claim, c]);
      hovers.shown += contradictions.length;
      hovers.longest = Math.max(hovers.longest, contradictions.length);
    }
  }
  // The group of each claim the index groups (as a member telling the claim, not as one denying it); others stand alone.
  const groupOf = new Map<string, string>();
  for (const [i, g] of index.claimGroups().entries())
    for (const c of g.claims) if (c.stance !== 'denies') groupOf.set(`${c.path}@${c.start}`, `group ${i} “${g.label.slice(0, 50)}”`);
  const groupName = (c: { path: string; start: number }): string =>
    groupOf.get(`${c.path}@${c.start}`) ?? `${c.path.slice(0, 3)}@${c.start}`;
  const f = sampleFigures(shown, listed, groupName);
  const share = (right: number, all: number): number => (all ? Math.round((100 * right) / all) : 100);
  console.log(
    `${label}: same-claim pairs found ${f.sameFound} of ${SAME_PAIRS.length} (goal ≥ 32), contradictions found ${f.contradictionsFound} of ${CONTRADICTION_PAIRS.length} (goal ≥ 3); ` +
      `contradiction pairs listed ${f.contradictionsListed} (goal ≤ 10), ${f.contradictionsRight} of them labelled contradictions ` +
      `(${share(f.contradictionsRight, f.contradictionsListed)}%, goal ≥ 85%); counted once per pair of claim groups: ` +
      `${f.groupPairsListed}, ${f.groupPairsRight} of them all labelled contradictions (${share(f.groupPairsRight, f.groupPairsListed)}%); ` +
      `shown in the hovers of all claims ${hovers.shown} times, at most ${hovers.longest} in one hover`,
  );
  const at = (c: ClaimRef): string => `${c.path.slice(0, 3)}@${c.start}`;
  for (const [p, q] of f.wrong)
    console.log(
      `  listed as contradicting, not labelled so: ${at(p as ClaimRef)} / ${at(q as ClaimRef)}${verbose ? `: “${(p as ClaimRef).text.slice(0, 70)}” / “${(q as ClaimRef).text.slice(0, 70)}”` : ''}`,
    );
  if (verbose) {
    const printed = new Set<string>();
    for (const [p, q] of listed) {
      const line = [`${at(p)} in ${groupName(p)}`, `${at(q)} in ${groupName(q)}`].sort().join(' / ');
      if (!printed.has(line) && p.path !== q.path) console.log(`  listed: ${line}`);
      printed.add(line);
    }
    for (const [x, y] of f.missedSame) console.log(`  same claim missed: ${x} / ${y}`);
    for (const [x, y] of f.missedContradictions) console.log(`  contradiction missed: ${x} / ${y}`);
  }
}

/**
 * The claim groups (the Claims tree, the overview's claim matrix) against the hand labels: of the pairs of labelled
 * claims of different articles that one group holds as telling its claim, how many are labelled the same claim
 * (precision: a lower bound, the labels name same-claim pairs only among the claims they label), and how many
 * labelled same-claim pairs one group holds (recall); the largest group; and how many labelled contradictions a
 * group shows, as the tree and the overview do (the group of one side lists the other as denying it).
 */
function checkGroups(index: CorpusIndex, label: string, verbose: boolean): void {
  const groups = index.claimGroups();
  const holds = (c: ClaimRef, h: SampleClaim): boolean => c.path === SAMPLE_DOCS[h.article] && c.start <= h.at && h.at < c.end;
  /** Each group telling a labelled claim (a claim in no group is in none), by the label's name. */
  const groupOf = new Map<string, number>();
  for (const [name, h] of Object.entries(SAMPLE_CLAIMS)) {
    const g = groups.findIndex((g) => g.claims.some((c) => c.stance !== 'denies' && holds(c, h)));
    if (g >= 0) groupOf.set(name, g);
  }
  const same = new Set(SAME_PAIRS.flatMap(([x, y]) => [`${x} ${y}`, `${y} ${x}`]));
  const names = [...groupOf.keys()];
  let together = 0;
  let right = 0;
  for (const [i, x] of names.entries())
    for (const y of names.slice(i + 1)) {
      if (SAMPLE_CLAIMS[x].article === SAMPLE_CLAIMS[y].article || groupOf.get(x) !== groupOf.get(y)) continue;
      together++;
      if (same.has(`${x} ${y}`)) right++;
    }
  const found = SAME_PAIRS.filter(([x, y]) => groupOf.has(x) && groupOf.get(x) === groupOf.get(y)).length;
  const shown = CONTRADICTION_PAIRS.filter((pair) =>
    [pair, [pair[1], pair[0]]].some(([x, y]) => {
      const g = groupOf.get(x);
      return g !== undefined && groups[g].claims.some((c) => c.stance === 'denies' && holds(c, SAMPLE_CLAIMS[y]));
    }),
  ).length;
  const telling = (g: (typeof groups)[number]): number => g.claims.filter((c) => c.stance !== 'denies').length;
  const largest = groups.reduce<(typeof groups)[number] | undefined>((a, g) => (!a || telling(g) > telling(a) ? g : a), undefined);
  const pct = (part: number, whole: number): string => fraction(part, whole, 100);
  console.log(
    `${label}: claim groups ${groups.length}; same group, labelled claims of different articles: precision ${pct(right, together)}, ` +
      `recall ${pct(found, SAME_PAIRS.length)}; largest group ${largest ? telling(largest) : 0} claims ` +
      `in ${largest?.articleCount ?? 0} articles; labelled contradictions shown at group level ${shown} of ${CONTRADICTION_PAIRS.length}`,
  );
  if (verbose)
    for (const [i, g] of groups.entries()) {
      const held = names.filter((n) => groupOf.get(n) === i);
      console.log(`  [${g.articleCount} articles, ${g.claims.length} claims] ${held.join(' ') || '(no labelled claim)'}`);
    }
  printMatrix(groups, label);
}

/** The overview's cell marks: asserts, asserts with a hedge, denies; "—" where the article does not mention the claim. */
const STANCE_MARK: Record<ClaimStance, string> = { asserts: '●', hedged: '◐', denies: '✕' };

/**
 * The Corpus Overview's claim × article matrix on the samples, as the page receives it (buildOverviewData): per group
 * row, per article, the stances of its claims there. Each "denies" cell is checked against the hand labels, as the
 * group's claim is told by the articles whose members hold labelled claims: backed when its labelled claims are
 * labelled contradicting those of at least half of these articles; contradicting a minority only (a loose member's
 * claim, not the group's); against the labels when they contradict none; else unlabelled.
 */
function printMatrix(groups: ClaimGroup[], label: string): void {
  const data = buildOverviewData({
    articles: SAMPLE_DOCS.map((path) => ({ path, tags: [], claimCount: 0, claims: [] })),
    entities: [],
    claimGroups: groups,
  });
  const labelled = [...CONTRADICTION_PAIRS, ...ALSO_CONTRADICTING].flatMap(([x, y]) => [`${x} ${y}`, `${y} ${x}`]);
  const opposedLabels = new Set(labelled);
  /** The labelled claims a claim of an article holds. */
  const heldBy = (path: string, c: { start: number; end: number }): string[] =>
    Object.entries(SAMPLE_CLAIMS)
      .filter(([, h]) => SAMPLE_DOCS[h.article] === path && c.start <= h.at && h.at < c.end)
      .map(([name]) => name);
  const denies = { cells: 0, backed: 0, minority: 0, againstLabels: 0 };
  console.log(
    `${label}, the overview's claim matrix (● asserts, ◐ hedged, ✕ denies, — not mentioned; columns: ${data.columns.map((a) => a.name.slice(0, 3)).join(' ')}):`,
  );
  for (const row of data.claimGroups) {
    // A column per sample article, whose cell quotes all of the group's claims in it unless they are more than MAX_CELL_CLAIMS.
    if (row.cells.some((cell) => cell && cell.count > cell.claims.length))
      throw new Error(`a cell of "${row.label}" quotes only some of its claims`);
    const cells = row.cells.map((cell) => cell?.claims ?? []);
    /** The labelled claims the group's members hold, per article. */
    const told = cells
      .map((cell, i) => cell.filter((c) => c.stance !== 'denies').flatMap((c) => heldBy(data.columns[i].first, c)))
      .filter((names) => names.length > 0);
    const marks = cells.map((cell, i) => {
      if (!cell.length) return ' — ';
      const mark = [...new Set(cell.map((c) => STANCE_MARK[c.stance]))].join('');
      if (!cell.some((c) => c.stance === 'denies')) return mark.padEnd(3);
      denies.cells++;
      const held = cell.filter((c) => c.stance === 'denies').flatMap((c) => heldBy(data.columns[i].first, c));
      const contradicted = told.filter((names) => names.some((x) => held.some((y) => opposedLabels.has(`${x} ${y}`)))).length;
      if (!held.length) return `${mark}?`.padEnd(3);
      if (contradicted > 0 && 2 * contradicted >= told.length) {
        denies.backed++;
        return `${mark}+`.padEnd(3);
      }
      if (contradicted > 0) denies.minority++;
      else denies.againstLabels++;
      return `${mark}${contradicted > 0 ? '~' : '!'}`.padEnd(3);
    });
    console.log(`  ${marks.join(' ')}  ${row.label.slice(0, 70).replace(/\s+/g, ' ')}`);
  }
  console.log(
    `${label}: "denies" cells ${denies.cells}, ${denies.backed} backed by labelled contradictions with the group's claim (+), ` +
      `${denies.minority} contradicting a minority of its labelled articles only (~), ${denies.againstLabels} against the labels (!), ` +
      `${denies.cells - denies.backed - denies.minority - denies.againstLabels} on unlabelled claims (?)`,
  );
}

function printLookups(index: CorpusIndex): void {
  let matches = 0;
  let contradictions = 0;
  for (const path of index.documents()) {
    for (const claim of index.claimsOf(path)) {
      const result = index.claimLookup(path, claim.start, claim.end);
      if (!result || (!result.matches.length && !result.contradictions.length)) continue;
      matches += result.matches.length;
      contradictions += result.contradictions.length;
      console.log(`\n${path.slice(0, 3)}@${claim.start} ${claim.text.slice(0, 110)}`);
      for (const m of result.matches)
        console.log(`   = ${m.score} ${m.path.slice(0, 3)}@${m.start} ${m.text.slice(0, 90)}\n       ${m.explanation.summary}`);
      for (const m of result.contradictions) {
        const also = m.alsoIn.length ? ` (also in ${m.alsoIn.map((p) => `${p.path.slice(0, 3)}@${p.start}`).join(', ')})` : '';
        console.log(`   ≠ ${m.score} ${m.path.slice(0, 3)}@${m.start}${also} ${m.text.slice(0, 90)}\n       ${m.explanation.summary}`);
      }
    }
  }
  console.log(
    `\n${matches} matches and ${contradictions} possible contradictions listed over all claims (each pair counted from both sides)`,
  );
}

export async function sample(verbose: boolean): Promise<void> {
  const dir = join(SHARED, 'corpus');
  if (!existsSync(dir)) {
    console.log(`corpus sample: ${dir} not found`);
    return;
  }
  const detector = createDetector(readModelFile());
  const texts = SAMPLE_DOCS.map((d) => readFileSync(join(dir, d), 'utf8'));
  const analyses = texts.map((text) => detector.analyze(text, { format: 'plaintext' }));
  const detected = createCorpusIndex();
  SAMPLE_DOCS.forEach((d, i) => detected.updateDocument(d, texts[i], analyses[i], null));
  console.log(
    `detector: ${analyses.reduce((n, a) => n + a.claims.length, 0)} claims, ${analyses.reduce((n, a) => n + a.entities.length, 0)} entity mentions`,
  );
  checkHandFound(detected, "with the detector's claims", verbose);
  // What the editor shows differs: its analysis workers add the shipped claims and dates models (more claims, other
  // spans) and read an article by line chunks, as the editor does.
  const editorDetector = createDetector(readModelFile(), null, readClaimsModelFile(), readDatesModelFile());
  const editor = createCorpusIndex();
  SAMPLE_DOCS.forEach((d, i) =>
    editor.updateDocument(
      d,
      texts[i],
      analysisOf(analyzeAll(editorDetector, texts[i], { format: 'plaintext', documentText: texts[i] })),
      null,
    ),
  );
  checkHandFound(editor, `as the editor analyses (${editor.stats().claims} claims)`, verbose);
  checkGroups(editor, 'groups as the editor analyses', verbose);
  const goldPath = join(SHARED, 'eval/seeds-claims.json');
  if (existsSync(goldPath)) {
    const gold = JSON.parse(readFileSync(goldPath, 'utf8')) as GoldClaim[];
    const tagged = createCorpusIndex();
    SAMPLE_DOCS.forEach((d, i) => tagged.updateDocument(d, texts[i], analyses[i], goldSidecar(d, texts[i], gold)));
    checkHandFound(tagged, 'with the gold claims confirmed as tags', verbose);
    checkGroups(tagged, 'groups with the gold claims', verbose);
    if (verbose) printLookups(tagged);
    const groups = tagged.claimGroups();
    console.log(
      `claim groups (gold claims): ${groups.length}, ${groups.filter((g) => g.articleCount >= 3).length} told in 3 or more articles`,
    );
    if (verbose) for (const g of groups) console.log(`  [${g.articleCount}] ${g.label.slice(0, 100)}`);
  }
}

if (/corpus\.js$/.test(process.argv[1] ?? '')) {
  const verbose = process.argv.includes('-v');
  void (process.argv.includes('sample') ? sample(verbose) : bench());
}
