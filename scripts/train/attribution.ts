// Trains the attribution tagger (extension/core/detect/attribution.ts) on PolNeAR: an averaged
// perceptron over BIO tags of source, cue and content spans, sentence by sentence in article order
// (an open quotation carries into the next sentence). The epoch is picked on a held-out part of the
// training split; the development split is never seen here.
import {
  ATTRIBUTION_FEATURES,
  ATTRIBUTION_TAGS,
  attributionFeatures,
  attributionScores,
  bioSpans,
  bioTransitions,
  CUE_LEVEL_SHARES,
  cuePhraseKey,
  MAX_CUE_PHRASE,
  entityKinds,
  mayAttribute,
  type AttributionModel,
  type QuoteState,
} from '../../extension/core/detect/attribution';
import { createDetector } from '../../extension/core/detect/index';
import { readModelFile } from '../eval/model';
import { quantize } from './perceptron';
import { sentenceProps, wordKey } from '../../extension/core/detect/features';
import { viterbi } from '../../extension/core/detect/tagger';
import { tokenize } from '../../extension/core/detect/tokens';
import type { EntityMention } from '../../extension/core/detect/types';
import { splitSentences } from '../../extension/core/text/sentences';
import { proseView } from '../../extension/core/text/structure';
import type { PolnearArticle } from './polnear';
import { prf } from '../eval/score';

interface Example {
  feats: Int32Array;
  gold: Uint8Array;
  /** Character offsets of each token: [start, end] pairs, to score spans. */
  offsets: Int32Array;
}

const ROLE_PRIORITY = { Content: 1, Source: 2, Cue: 3 } as const;
const TAG_OF = { Content: 5, Source: 1, Cue: 3 } as const;

/** Sentences of an article as training examples: features, and gold BIO tags (cue over source over content where spans nest). */
export function attributionExamples(
  a: PolnearArticle,
  buckets: number,
  cueLevels: ReadonlyMap<number, number>,
  entities: readonly EntityMention[],
): Example[] {
  const view = proseView(a.text, 'plaintext');
  const role = new Uint8Array(a.text.length);
  const id = new Int32Array(a.text.length).fill(-1);
  let next = 0;
  for (const roleName of ['Content', 'Source', 'Cue'] as const) {
    for (const attr of a.attributions) {
      for (const f of attr.fragments) {
        if (f.role !== roleName) continue;
        const span = next++;
        for (let i = f.start; i < f.end && i < role.length; i++) {
          role[i] = ROLE_PRIORITY[roleName];
          id[i] = span;
        }
      }
    }
  }
  const roleNames = ['', 'Content', 'Source', 'Cue'] as const;
  const out: Example[] = [];
  const state: QuoteState = { open: false };
  let previousEnd = 0;
  for (const s of splitSentences(view.text, view.blocks)) {
    const tokens = tokenize(view.text, s.start, s.end);
    if (!tokens.length) continue;
    // As the detector reads it (findAttributions): a quotation does not run on past a line break.
    if (view.text.slice(previousEnd, s.start).includes('\n')) state.open = false;
    previousEnd = s.end;
    const props = sentenceProps(view.text, tokens);
    // As the detector reads it (tagSentence): never as a heading.
    const context = { cueLevels, entities: entityKinds(tokens, entities, new Uint8Array(tokens.length)) };
    const feats = attributionFeatures(view.text, tokens, props, false, state, buckets, context).slice(
      0,
      tokens.length * ATTRIBUTION_FEATURES,
    );
    const gold = new Uint8Array(tokens.length);
    const offsets = new Int32Array(tokens.length * 2);
    tokens.forEach((t, i) => {
      offsets[i * 2] = t.start;
      offsets[i * 2 + 1] = t.end;
      const r = role[t.start];
      if (!r) return;
      const begin = i === 0 || id[tokens[i - 1].start] !== id[t.start];
      gold[i] = TAG_OF[roleNames[r] as keyof typeof TAG_OF] + (begin ? 0 : 1);
    });
    out.push({ feats, gold, offsets });
  }
  return out;
}

export interface TrainedAttribution {
  buckets: number;
  weights: Float32Array;
  transitions: Float32Array;
  epoch: number;
}

/** Span F1 of one role over examples decoded with the given weights (exact, or overlap). */
function spanScores(examples: Example[], weights: Float32Array, transitions: Float32Array): Record<string, number> {
  const T = ATTRIBUTION_TAGS.length;
  const { allowed, final } = bioTransitions();
  const counts: Record<string, { tp: number; fp: number; fn: number }> = {};
  for (const role of ['SOURCE', 'CUE', 'CONTENT'])
    for (const kind of ['exact', 'overlap']) counts[`${role} ${kind}`] = { tp: 0, fp: 0, fn: 0 };
  for (const ex of examples) {
    const n = ex.gold.length;
    const path = viterbi(attributionScores(ex.feats, n, weights, 1), n, T, transitions, allowed, final);
    const predicted = bioSpans(path);
    const gold = bioSpans(ex.gold);
    for (const role of ['SOURCE', 'CUE', 'CONTENT']) {
      const p = predicted.filter((s) => s.role === role);
      const g = gold.filter((s) => s.role === role);
      const same = (a: { first: number; last: number }, b: { first: number; last: number }): boolean =>
        a.first === b.first && a.last === b.last;
      const overlap = (a: { first: number; last: number }, b: { first: number; last: number }): boolean =>
        a.first <= b.last && b.first <= a.last;
      for (const [kind, match] of [
        ['exact', same],
        ['overlap', overlap],
      ] as const) {
        const c = counts[`${role} ${kind}`];
        const tp = p.filter((x) => g.some((y) => match(x, y))).length;
        c.tp += tp;
        c.fp += p.length - tp;
        c.fn += g.filter((y) => !p.some((x) => match(x, y))).length;
      }
    }
  }
  return Object.fromEntries(Object.entries(counts).map(([k, c]) => [k, prf(c).f1]));
}

/**
 * Averaged structured perceptron (Collins 2002) with lazy averaging; examples shuffled each epoch
 * with a fixed seed. Returns the averaged weights of the epoch with the best mean of cue exact,
 * source overlap and content overlap F1 on `heldOut`.
 */
export function trainAttribution(
  train: Example[],
  heldOut: Example[],
  buckets: number,
  epochs: number,
  log: (line: string) => void,
): TrainedAttribution {
  const T = ATTRIBUTION_TAGS.length;
  const F = ATTRIBUTION_FEATURES;
  const { allowed, final } = bioTransitions();
  const w = new Float32Array(buckets * T);
  const wSum = new Float64Array(buckets * T);
  const tr = new Float32Array((T + 1) * T);
  const trSum = new Float64Array((T + 1) * T);
  let step = 1;
  const update = (arr: Float32Array, sums: Float64Array, i: number, d: number): void => {
    arr[i] += d;
    sums[i] += step * d;
  };
  let best: TrainedAttribution & { score: number } = { buckets, weights: w, transitions: tr, epoch: 0, score: -1 };
  let seed = 12345;
  const random = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const order = train.map((_, i) => i);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let errors = 0;
    for (const index of order) {
      const ex = train[index];
      const n = ex.gold.length;
      const predicted = viterbi(attributionScores(ex.feats, n, w, 1), n, T, tr, allowed, final);
      for (let i = 0; i < n; i++) {
        const g = ex.gold[i];
        const p = predicted[i];
        const gPrev = i ? ex.gold[i - 1] : T;
        const pPrev = i ? predicted[i - 1] : T;
        if (g !== p) {
          errors++;
          for (let k = 0; k < F; k++) {
            const b = ex.feats[i * F + k] * T;
            update(w, wSum, b + g, 1);
            update(w, wSum, b + p, -1);
          }
        }
        if (g !== p || gPrev !== pPrev) {
          update(tr, trSum, gPrev * T + g, 1);
          update(tr, trSum, pPrev * T + p, -1);
        }
      }
      step++;
    }
    const avg = (arr: Float32Array, sums: Float64Array): Float32Array => Float32Array.from(arr, (v, i) => v - sums[i] / step);
    const weights = avg(w, wSum);
    const transitions = avg(tr, trSum);
    const scores = spanScores(heldOut, weights, transitions);
    const score = (scores['CUE exact'] + scores['SOURCE overlap'] + scores['CONTENT overlap']) / 3;
    log(
      `epoch ${epoch}: ${errors} token errors; held out: ${Object.entries(scores)
        .map(([k, v]) => `${k} ${v.toFixed(3)}`)
        .join(', ')}`,
    );
    if (score > best.score) best = { buckets, weights, transitions, epoch, score };
  }
  return best;
}

/** Minimum occurrences of a word for its cue level. */
const CUE_LEVEL_MIN_COUNT = 3;

/** The cue level (CUE_LEVEL_SHARES) of each word seen often enough inside the articles' gold cues. */
export function learnCueLevels(articles: readonly PolnearArticle[]): Map<number, number> {
  const inCue = new Map<number, number>();
  const seen = new Map<number, number>();
  for (const a of articles) {
    const covered = new Uint8Array(a.text.length);
    for (const attr of a.attributions) for (const f of attr.fragments) if (f.role === 'Cue') covered.fill(1, f.start, f.end);
    for (const t of tokenize(a.text)) {
      const key = wordKey(a.text.slice(t.start, t.end));
      seen.set(key, (seen.get(key) ?? 0) + 1);
      if (covered[t.start]) inCue.set(key, (inCue.get(key) ?? 0) + 1);
    }
  }
  const levels = new Map<number, number>();
  for (const [key, n] of inCue) {
    const share = n / (seen.get(key) ?? n);
    const level = CUE_LEVEL_SHARES.filter((s) => share >= s).length;
    if (n >= CUE_LEVEL_MIN_COUNT && level > 0) levels.set(key, level);
  }
  for (const [key, level] of learnCuePhrases(articles)) levels.set(key, level);
  return levels;
}

/** Minimum times a phrase is a whole gold cue for its cue level. */
const CUE_PHRASE_MIN_COUNT = 2;

/**
 * The cue phrases of the articles: every gold cue of two to MAX_CUE_PHRASE words ("said in a
 * statement", "according to", "goal of") seen at least CUE_PHRASE_MIN_COUNT times, keyed by
 * cuePhraseKey, with its level (CUE_LEVEL_SHARES of how often the words, wherever they occur, are that cue).
 */
export function learnCuePhrases(articles: readonly PolnearArticle[]): Map<number, number> {
  const asCue = new Map<number, number>();
  for (const a of articles) {
    for (const attr of a.attributions) {
      for (const f of attr.fragments) {
        if (f.role !== 'Cue') continue;
        const words = tokenize(a.text, f.start, f.end).filter((t) => /[\p{L}\p{N}]/u.test(a.text.slice(t.start, t.end)));
        if (words.length < 2 || words.length > MAX_CUE_PHRASE) continue;
        const key = cuePhraseKey(words.map((t) => wordKey(a.text.slice(t.start, t.end))));
        asCue.set(key, (asCue.get(key) ?? 0) + 1);
      }
    }
  }
  const seen = new Map<number, number>();
  for (const a of articles) {
    const keys = tokenize(a.text).map((t) => wordKey(a.text.slice(t.start, t.end)));
    for (let i = 0; i < keys.length; i++) {
      for (let len = 2; len <= MAX_CUE_PHRASE && i + len <= keys.length; len++) {
        const key = cuePhraseKey(keys.slice(i, i + len));
        if (asCue.has(key)) seen.set(key, (seen.get(key) ?? 0) + 1);
      }
    }
  }
  const levels = new Map<number, number>();
  for (const [key, n] of asCue) {
    const level = CUE_LEVEL_SHARES.filter((s) => n / (seen.get(key) ?? n) >= s).length;
    if (n >= CUE_PHRASE_MIN_COUNT && level > 0) levels.set(key, level);
  }
  return levels;
}

/**
 * The tagger trained on nine of every ten articles, the epoch picked on the tenth, quantized as
 * claims.bin holds it. `entitiesOf` gives the entity tagger's mentions of an article (a feature).
 */
export function learnAttribution(
  articles: PolnearArticle[],
  entitiesOf: (a: PolnearArticle) => readonly EntityMention[],
  buckets: number,
  epochs: number,
  log: (line: string) => void,
): AttributionModel {
  const t0 = Date.now();
  const cueLevels = learnCueLevels(articles.filter((a, i) => !isHeldOutArticle(a, i)));
  log(`attribution: ${cueLevels.size} words with a cue level`);
  const examples = (a: PolnearArticle): Example[] => attributionExamples(a, buckets, cueLevels, entitiesOf(a));
  const heldOut = articles.filter(isHeldOutArticle).flatMap(examples);
  const train = articles.filter((a, i) => !isHeldOutArticle(a, i)).flatMap(examples);
  log(`attribution: ${train.length} training sentences, ${heldOut.length} held out (PolNeAR train, every tenth article)`);
  const tagger = trainAttribution(train, heldOut, buckets, epochs, log);
  log(`attribution: picked epoch ${tagger.epoch} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  const { emissions, scale } = quantize(tagger.weights);
  return { buckets, scale, transitions: tagger.transitions, emissions, cueLevels };
}

/** Every tenth PolNeAR train article is held out from the tagger's training: it picks the epoch. */
export function isHeldOutArticle(_: PolnearArticle, i: number): boolean {
  return i % 10 === 9;
}

/** A word opens a cue this often (relative to its occurrences) to make a sentence worth tagging. */
const CUE_WORD_SHARE = 0.01;

/**
 * The words that open a cue at least twice and in at least CUE_WORD_SHARE of their occurrences in
 * the articles, as word keys; `heldOut` reports how many sentences with a gold cue the filter keeps.
 */
export function learnCueWords(articles: PolnearArticle[], heldOut: PolnearArticle[], log: (line: string) => void): Set<number> {
  const opens = new Map<number, number>();
  const seen = new Map<number, number>();
  for (const a of articles) {
    for (const t of tokenize(a.text)) {
      const key = wordKey(a.text.slice(t.start, t.end));
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    for (const attr of a.attributions) {
      const cue = attr.fragments.find((f) => f.role === 'Cue');
      const first = cue && tokenize(a.text, cue.start, cue.end)[0];
      if (first) {
        const key = wordKey(a.text.slice(first.start, first.end));
        opens.set(key, (opens.get(key) ?? 0) + 1);
      }
    }
  }
  const words = new Set([...opens].filter(([key, n]) => n >= 2 && n / (seen.get(key) ?? n) >= CUE_WORD_SHARE).map(([key]) => key));
  let sentences = 0;
  let kept = 0;
  let gold = 0;
  let goldKept = 0;
  const model = { cueWords: words, buckets: 2, scale: 1, transitions: new Float32Array(0), emissions: [] };
  for (const a of heldOut) {
    const view = proseView(a.text, 'plaintext');
    for (const s of splitSentences(view.text, view.blocks)) {
      const tokens = tokenize(view.text, s.start, s.end);
      const keep =
        tokens.length > 0 && mayAttribute(view.text, { sentence: s, tokens, props: sentenceProps(view.text, tokens) }, model.cueWords);
      const hasGold = a.attributions.some((x) => x.cue && x.cue.start >= s.start && x.cue.start < s.end);
      sentences++;
      if (keep) kept++;
      if (hasGold) gold++;
      if (hasGold && keep) goldKept++;
    }
  }
  log(`cue words: ${words.size}; held out: ${kept} of ${sentences} sentences tagged, ${goldKept} of ${gold} with a gold cue among them`);
  return words;
}

/** The shipped entity tagger's mentions of an article (no claims model: entities do not depend on it). */
export function entityFinder(): (a: PolnearArticle) => readonly EntityMention[] {
  const detector = createDetector(readModelFile());
  return (a) => detector.analyze(a.text, { format: 'plaintext' }).entities;
}
