import { mix, type TokenProps } from './features';

/**
 * Check-worthiness: how much a sentence asks to be fact-checked, as a logistic score over hashed
 * words, word pairs and word shapes (numbers, capitals), learned from CLEF 2019 CheckThat! debate
 * sentences (scripts/train-claims.ts). Only the sentence's own words count: no speaker, no context.
 */

/** Bump when the features change: weights learned on other features must not be loaded. */
export const WORTHINESS_FEATURE_VERSION = 1;

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

/** Feature buckets of a sentence's tokens (`question`: it ends with "?"), appended to `out`. */
export function worthinessFeatures(props: readonly TokenProps[], question: boolean, buckets: number, out: number[] = []): number[] {
  const mask = buckets - 1;
  out.length = 0;
  out.push(mix(1, question ? 1 : 0) & mask, mix(2, Math.min(8, props.length >> 2)) & mask);
  let previous = BOS;
  for (const p of props) {
    out.push(mix(3, p.key) & mask, mix(4, mix(previous, p.key)) & mask, mix(5, p.short) & mask);
    previous = p.key;
  }
  return out;
}

/** The probability that the sentence is check-worthy. */
export function worthinessScore(model: WorthinessModel, features: readonly number[]): number {
  let z = model.bias;
  for (const f of features) z += model.weights[f] * model.scale;
  return 1 / (1 + Math.exp(-z));
}
