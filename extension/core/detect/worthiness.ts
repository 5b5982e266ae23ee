import { bucketOf, clusterOf, fineCluster, mix, wordKey, type TokenProps, type WordClusters } from './features';
import { intTable, intTableGet } from './intTable';
import type { Token } from './tokens';
import type { EntityMention } from './types';

/**
 * Check-worthiness: how much a sentence asks to be fact-checked, as a logistic score over hashed
 * words, their clusters and shapes, and counts (numbers, names, checkable words, length), learned
 * from CLEF 2019 CheckThat! debate sentences (scripts/train-claims.ts). Only the sentence's own
 * words count: no speaker, no context.
 */

/** Bump when the features change: weights learned on other features must not be loaded. */
export const WORTHINESS_FEATURE_VERSION = 3;

export interface WorthinessModel {
  buckets: number;
  scale: number;
  bias: number;
  /** i16 [buckets] (float while training). */
  weights: ArrayLike<number>;
  /** The score from which a claim without attribution is shown by default. */
  threshold: number;
}

const BOS = 0x2545f491;

/**
 * Words of checkable statements (amounts, economy, records, votes, crime, law): a keyword list that
 * ranks CLEF debate sentences well on its own (scripts/eval/claims.ts's baseline), read here by word
 * key so that the model learns how much to trust it. "more than" and "less than" count by their second word.
 */
export const CHECKABLE_WORDS: readonly string[] = [
  'percent',
  'million',
  'billion',
  'trillion',
  'thousand',
  'thousands',
  'hundred',
  'hundreds',
  'dollar',
  'dollars',
  'tax',
  'taxes',
  'job',
  'jobs',
  'increase',
  'increased',
  'decrease',
  'decreased',
  'never',
  'always',
  'every',
  'first',
  'largest',
  'highest',
  'lowest',
  'voted',
  'cut',
  'debt',
  'deficit',
  'unemployment',
  'crime',
  'law',
];
/** Integer tables, not Sets: a word key is above 2^30 as often as not (see intTable.ts). */
const CHECKABLE_KEYS = intTable(CHECKABLE_WORDS.map((w) => [wordKey(w), 0] as const));
const THAN = wordKey('than');
const COMPARED = intTable(['more', 'less'].map((w) => [wordKey(w), 0] as const));

/**
 * Feature buckets of a sentence's tokens (`question`: it ends with "?"), into `out`: words, their
 * word clusters (`clusters`: the entity tagger's, when there is one), shapes, word beginnings (a
 * crude stem), its length, how many numbers and capitalized words it has, how many checkable words
 * (CHECKABLE_WORDS and numbers) and digits, and how many names, dates and amounts of each type the
 * entity tagger found in it (`entities`: those of the sentence). Word pairs were dropped: on
 * cross-validation over the training debates they lowered MAP (0.237 without, 0.223 with).
 */
export function worthinessFeatures(
  text: string,
  tokens: readonly Token[],
  props: readonly TokenProps[],
  question: boolean,
  entities: readonly EntityMention[],
  clusters: WordClusters | null,
  buckets: number,
  out: number[] = [],
): number[] {
  const mask = buckets - 1;
  // Written by index and cut to length at the end: `out` is reused sentence after sentence, and emptied
  // first (length 0) it gave up its storage and grew it again with every sentence's pushes.
  let count = 0;
  out[count++] = mix(1, question ? 1 : 0) & mask;
  out[count++] = mix(2, Math.min(8, props.length >> 2)) & mask;
  let previous = BOS;
  let numbers = 0;
  let names = 0;
  let checkable = 0;
  let digits = 0;
  // A loop rather than forEach: `previous`, a word key above 2^30 as often as not, stays out of a closure.
  for (let i = 0; i < props.length; i++) {
    const p = props[i];
    out[count++] = bucketOf(3, p.key, mask);
    out[count++] = bucketOf(5, p.short, mask);
    out[count++] = bucketOf(6, p.prefixes[3], mask);
    const code = clusters ? clusterOf(clusters, p.key) : 0;
    if (code) out[count++] = bucketOf(14, fineCluster(code), mask);
    const c = text.charCodeAt(tokens[i].start);
    if (c >= 48 && c <= 57) {
      for (let k = tokens[i].start; k < tokens[i].end; k++) if (text.charCodeAt(k) >= 48 && text.charCodeAt(k) <= 57) digits++;
      numbers++;
      checkable++;
    } else if (intTableGet(CHECKABLE_KEYS, p.key, -1) === 0 || (p.key === THAN && intTableGet(COMPARED, previous, -1) === 0)) checkable++;
    previous = p.key;
    if (i > 0 && p.capitalized) names++;
  }
  out[count++] = mix(7, Math.min(3, numbers)) & mask;
  out[count++] = mix(8, Math.min(3, names)) & mask;
  out[count++] = mix(9, Math.min(4, checkable)) & mask;
  // The keyword baseline's own count: every digit and every checkable word.
  out[count++] = mix(13, Math.min(12, digits + checkable - numbers)) & mask;
  out[count++] = mix(12, Math.min(12, Math.round(2 * Math.log2(1 + props.length)))) & mask;
  const counts = new Map<string, number>();
  for (const m of entities) counts.set(m.type, (counts.get(m.type) ?? 0) + 1);
  for (const [type, n] of counts) out[count++] = bucketOf(10, mix(wordKey(type), Math.min(3, n)), mask);
  out.length = count;
  return out;
}

/** The probability that the sentence is check-worthy. */
export function worthinessScore(model: WorthinessModel, features: readonly number[]): number {
  let z = model.bias;
  for (const f of features) z += model.weights[f] * model.scale;
  return 1 / (1 + Math.exp(-z));
}
