import { readSentences } from './document';
import { documentFacts, FEATURE_VERSION, FEATURES_PER_TOKEN, plainTokens, sentenceFeatures, type WordLists } from './features';
import { allowedTransitions, emissionScores, finalAllowed, pathSpans, viterbi, wordListsOf, type TaggerModel } from './tagger';
import type { AnalyzeOptions, EntityType } from './types';

/**
 * What the researcher's confirmed and rejected entity tags teach the tagger: perceptron updates on
 * the sentences those tags touch, kept as a sparse change to the shipped weights (which are never
 * modified). The shell persists it (see CORRECTIONS_FILE) and gives it back to createDetector.
 */

/** The corrections format this build writes and reads. */
export const CORRECTIONS_VERSION = 1;
/** Where the shell keeps a workspace's corrections, relative to the workspace folder. */
export const CORRECTIONS_FILE = '.source-annotator/model-corrections.json';

export interface TaggerCorrections {
  version: number;
  /** The layout of the model they were learned on: corrections of another layout mean nothing. */
  featureVersion: number;
  buckets: number;
  tags: string[];
  /** Emission weight index (bucket * tags.length + tag) → change, in the model's float units (int16 × scale). */
  emissions: Record<string, number>;
  /** Transition index (previous * tags.length + next; previous = tags.length is the sentence start) → change. */
  transitions: Record<string, number>;
}

/** One article the researcher tagged: its text (after any BOM), format and sidecar tags. */
export interface TaggedArticle {
  text: string;
  format: AnalyzeOptions['format'];
  tags: readonly LearnedTag[];
}

/**
 * What learning reads of a sidecar tag (a sidecar's Tag is one): declared here so that the detector
 * does not depend on the sidecar format, which depends on the detector's types.
 */
export interface LearnedTag {
  kind: string;
  label: string;
  status: string;
  anchoring: string;
  target: { start: number; end: number };
}

export interface LearnOptions {
  /** Passes over the touched sentences (updates stop early once every one is decoded right). */
  epochs?: number;
  /** Size of one perceptron update, in the model's float units (its weights are mostly within ±3). */
  step?: number;
}

/** Corrections ready for tagging: per-bucket rows of emission changes and the corrected transitions. */
export interface CompiledCorrections {
  rows: Map<number, Float32Array>;
  transitions: Float32Array;
}

/** A sentence to learn from: its feature buckets, the tokens the tagger skips, the wanted BILOU path. */
interface Example {
  feats: Int32Array;
  skip: Uint8Array;
  gold: Uint8Array;
}

/** What a tag says about a token range [first, last] of a sentence: this tagger type, or no entity (null). */
interface Constraint {
  first: number;
  last: number;
  type: string | null;
}

/** The detector's entity types as the tagger's CoNLL types; the others (Date, Money) are found by patterns. */
const CONLL_TYPE: Partial<Record<EntityType, string>> = { Person: 'PER', Organization: 'ORG', Location: 'LOC', Other: 'MISC' };
const DEFAULT_EPOCHS = 5;
const DEFAULT_STEP = 1;

export function emptyCorrections(model: TaggerModel): TaggerCorrections {
  const { featureVersion, buckets, tags } = model.header;
  return { version: CORRECTIONS_VERSION, featureVersion, buckets, tags: [...tags], emissions: {}, transitions: {} };
}

export function isEmptyCorrections(corrections: TaggerCorrections): boolean {
  return Object.keys(corrections.emissions).length === 0 && Object.keys(corrections.transitions).length === 0;
}

/** Throws when the corrections were learned on a model of another layout. */
export function compileCorrections(model: TaggerModel, corrections: TaggerCorrections): CompiledCorrections {
  const { featureVersion, buckets, tags } = model.header;
  if (corrections.featureVersion !== featureVersion || corrections.buckets !== buckets || corrections.tags.join(' ') !== tags.join(' ')) {
    throw new Error('the corrections were learned on a model of another layout');
  }
  const T = tags.length;
  const rows = new Map<number, Float32Array>();
  for (const [key, change] of Object.entries(corrections.emissions)) {
    const index = Number(key);
    const bucket = Math.floor(index / T);
    let row = rows.get(bucket);
    if (!row) rows.set(bucket, (row = new Float32Array(T)));
    row[index - bucket * T] += change;
  }
  const transitions = Float32Array.from(model.transitions);
  for (const [key, change] of Object.entries(corrections.transitions)) transitions[Number(key)] += change;
  return { rows, transitions };
}

/** Adds the emission changes to scores computed from the shipped weights (skipped tokens keep their O). */
export function addCorrectionScores(
  scores: Float32Array,
  feats: Int32Array,
  n: number,
  tags: number,
  rows: ReadonlyMap<number, Float32Array>,
  skip?: Uint8Array,
): void {
  if (rows.size === 0) return;
  for (let i = 0; i < n; i++) {
    if (skip && skip[i]) continue;
    for (let k = 0; k < FEATURES_PER_TOKEN; k++) {
      const row = rows.get(feats[i * FEATURES_PER_TOKEN + k]);
      if (row) for (let t = 0; t < tags; t++) scores[i * tags + t] += row[t];
    }
  }
}

/**
 * Learns corrections from tagged articles, starting from `start` (none: the shipped weights). Only
 * the sentences that entity tags touch are learned from: there a confirmed tag's tokens are its type,
 * a rejected tag's tokens are no entity, and the rest keeps what the tagger (with `start`) predicts,
 * minus its spans that overlap a tag. Orphaned tags and claim tags are ignored.
 */
export function learnCorrections(
  model: TaggerModel,
  start: TaggerCorrections | null,
  articles: readonly TaggedArticle[],
  options: LearnOptions = {},
): TaggerCorrections {
  const learned = new Learner(model, start ?? emptyCorrections(model));
  const examples = articles.flatMap((article) => learned.examples(article));
  const epochs = options.epochs ?? DEFAULT_EPOCHS;
  const step = options.step ?? DEFAULT_STEP;
  for (let epoch = 0; epoch < epochs; epoch++) {
    let errors = 0;
    for (const example of examples) errors += learned.update(example, step);
    if (errors === 0) break;
  }
  return learned.corrections();
}

class Learner {
  private readonly tags: string[];
  private readonly allowed: Uint8Array;
  private readonly final: Uint8Array;
  private readonly lists: WordLists;
  private readonly rows: Map<number, Float32Array>;
  private readonly transitionChanges: Float32Array;
  private readonly transitions: Float32Array;
  /**
   * For the averaged perceptron: each change times the count of sentence steps when it was made
   * (from 1), so that the average of the weights over all steps is current − sum / seen (what generalizes,
   * where the last weights fit the few tagged sentences too closely).
   */
  private readonly rowSums = new Map<number, Float64Array>();
  private readonly transitionSums: Float64Array;
  private seen = 1;

  constructor(
    private readonly model: TaggerModel,
    start: TaggerCorrections,
  ) {
    this.tags = model.header.tags;
    this.allowed = allowedTransitions(this.tags);
    this.final = finalAllowed(this.tags);
    this.lists = wordListsOf(model.header);
    const compiled = compileCorrections(model, start);
    this.rows = compiled.rows;
    this.transitions = compiled.transitions;
    this.transitionChanges = Float32Array.from(compiled.transitions, (v, i) => v - model.transitions[i]);
    this.transitionSums = new Float64Array(compiled.transitions.length);
  }

  examples(article: TaggedArticle): Example[] {
    const { sentences } = readSentences(article.text, article.format);
    const facts = documentFacts(sentences);
    const constraints = sentences.map((): Constraint[] => []);
    for (const tag of article.tags) {
      if (tag.kind !== 'entity' || tag.anchoring === 'orphaned') continue;
      const { start, end } = tag.target;
      sentences.forEach((s, at) => {
        const inside = s.tokens.flatMap((t, i) => (t.start < end && t.end > start ? [i] : []));
        if (!inside.length) return;
        const type = tag.status === 'confirmed' ? (CONLL_TYPE[tag.label as EntityType] ?? null) : null;
        constraints[at].push({ first: inside[0], last: inside[inside.length - 1], type });
      });
    }
    const out: Example[] = [];
    sentences.forEach((s, at) => {
      if (!constraints[at].length) return;
      const skip = plainTokens(s.props);
      const feats = sentenceFeatures(s.props, s.casing, facts, this.lists, this.model.header.buckets, undefined, skip);
      const predicted = this.decode(feats, skip);
      out.push({ feats, skip, gold: this.goldPath(predicted, constraints[at], skip) });
    });
    return out;
  }

  /** One perceptron step on a sentence; returns the number of tokens it got wrong. */
  update(example: Example, step: number): number {
    const predicted = this.decode(example.feats, example.skip);
    const T = this.tags.length;
    let errors = 0;
    for (let i = 0; i < predicted.length; i++) {
      const [gold, guess] = [example.gold[i], predicted[i]];
      const [goldPrev, guessPrev] = i === 0 ? [T, T] : [example.gold[i - 1], predicted[i - 1]];
      if (gold === guess && goldPrev === guessPrev) continue;
      this.changeTransition(goldPrev * T + gold, step);
      this.changeTransition(guessPrev * T + guess, -step);
      if (gold === guess || example.skip[i]) continue;
      errors++;
      for (let k = 0; k < FEATURES_PER_TOKEN; k++) {
        const bucket = example.feats[i * FEATURES_PER_TOKEN + k];
        let row = this.rows.get(bucket);
        if (!row) this.rows.set(bucket, (row = new Float32Array(T)));
        let sums = this.rowSums.get(bucket);
        if (!sums) this.rowSums.set(bucket, (sums = new Float64Array(T)));
        row[gold] += step;
        row[guess] -= step;
        sums[gold] += this.seen * step;
        sums[guess] -= this.seen * step;
      }
    }
    this.seen++;
    return errors;
  }

  /** The averaged changes (rounded: they are sums of steps over counts, and the file should not show float noise). */
  corrections(): TaggerCorrections {
    const out = emptyCorrections(this.model);
    const T = this.tags.length;
    const average = (current: number, sum: number): number => Math.round((current - sum / this.seen) * 1e6) / 1e6;
    const buckets = [...this.rows.keys()].sort((a, b) => a - b);
    for (const bucket of buckets) {
      const sums = this.rowSums.get(bucket);
      this.rows.get(bucket)?.forEach((current, t) => {
        const change = average(current, sums ? sums[t] : 0);
        if (change !== 0) out.emissions[bucket * T + t] = change;
      });
    }
    this.transitionChanges.forEach((current, i) => {
      const change = average(current, this.transitionSums[i]);
      if (change !== 0) out.transitions[i] = change;
    });
    return out;
  }

  private changeTransition(index: number, change: number): void {
    this.transitionChanges[index] += change;
    this.transitions[index] += change;
    this.transitionSums[index] += this.seen * change;
  }

  private decode(feats: Int32Array, skip: Uint8Array): Uint8Array {
    const n = skip.length;
    const T = this.tags.length;
    const scores = emissionScores(feats, n, this.model.emissions, T, this.model.header.scale, undefined, skip);
    addCorrectionScores(scores, feats, n, T, this.rows, skip);
    return viterbi(scores, n, T, this.transitions, this.allowed, this.final);
  }

  /** The predicted path with the tags laid over it, as BILOU tag indices. */
  private goldPath(predicted: Uint8Array, constraints: readonly Constraint[], skip: Uint8Array): Uint8Array {
    const overlaps = (a: { first: number; last: number }, b: { first: number; last: number }): boolean =>
      a.first <= b.last && b.first <= a.last;
    // A tag over tokens the tagger never labels cannot be learned; it still removes the spans it overlaps.
    const learnable = (c: Constraint): boolean => c.type === null || !skip.subarray(c.first, c.last + 1).some((s) => s === 1);
    const spans = pathSpans(predicted, this.tags).filter((span) => !constraints.some((c) => overlaps(span, c)));
    const confirmed: Constraint[] = [];
    for (const c of constraints) if (c.type !== null && learnable(c) && !confirmed.some((d) => overlaps(c, d))) confirmed.push(c);
    const gold = new Uint8Array(predicted.length);
    for (const span of [...spans, ...confirmed]) {
      const type = span.type ?? '';
      if (span.first === span.last) gold[span.first] = this.tags.indexOf(`U-${type}`);
      else {
        gold[span.first] = this.tags.indexOf(`B-${type}`);
        for (let i = span.first + 1; i < span.last; i++) gold[i] = this.tags.indexOf(`I-${type}`);
        gold[span.last] = this.tags.indexOf(`L-${type}`);
      }
    }
    return gold;
  }
}

/** The corrections as stable JSON (sorted indices, one file per workspace). */
export function writeCorrections(corrections: TaggerCorrections): string {
  const sorted = (record: Record<string, number>): Record<string, number> =>
    Object.fromEntries(
      Object.keys(record)
        .sort((a, b) => Number(a) - Number(b))
        .map((k) => [k, record[k]]),
    );
  const { version, featureVersion, buckets, tags } = corrections;
  return `${JSON.stringify({ version, featureVersion, buckets, tags, emissions: sorted(corrections.emissions), transitions: sorted(corrections.transitions) }, null, 1)}\n`;
}

/** Reads a corrections file; throws with a reason when it is not one this build can use. */
export function readCorrections(raw: string): TaggerCorrections {
  const value: unknown = JSON.parse(raw);
  const fail = (why: string): never => {
    throw new Error(`not a corrections file: ${why}`);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('not an object');
  const c = value as Partial<TaggerCorrections>;
  if (c.version !== CORRECTIONS_VERSION) return fail(`version ${String(c.version)}, expected ${CORRECTIONS_VERSION}`);
  if (c.featureVersion !== FEATURE_VERSION) return fail(`features v${String(c.featureVersion)}, expected v${FEATURE_VERSION}`);
  if (typeof c.buckets !== 'number' || !Number.isInteger(c.buckets) || c.buckets <= 0) return fail('bad buckets');
  if (!Array.isArray(c.tags) || !c.tags.every((t) => typeof t === 'string')) return fail('bad tags');
  const checkRecord = (record: unknown, size: number, name: string): Record<string, number> => {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) return fail(`${name} is not an object`);
    for (const [key, change] of Object.entries(record)) {
      const index = Number(key);
      if (!/^\d+$/.test(key) || index >= size || typeof change !== 'number' || !Number.isFinite(change))
        return fail(`bad ${name} entry ${key}`);
    }
    return record as Record<string, number>;
  };
  const T = c.tags.length;
  return {
    version: c.version,
    featureVersion: c.featureVersion,
    buckets: c.buckets,
    tags: c.tags,
    emissions: checkRecord(c.emissions, c.buckets * T, 'emissions'),
    transitions: checkRecord(c.transitions, (T + 1) * T, 'transitions'),
  };
}
