// Averaged structured perceptron over hashed features (Collins 2002), with the lazy averaging trick:
// the average is w - u / c, where u accumulates c * every update.
import { FEATURES_PER_TOKEN } from '../../extension/core/detect/features';
import { emissionScores, viterbi } from '../../extension/core/detect/tagger';

export interface TrainingSentence {
  feats: Int32Array;
  gold: Uint8Array;
}

export class AveragedPerceptron {
  readonly weights: Float32Array;
  readonly transitions: Float32Array;
  private readonly weightSums: Float64Array;
  private readonly transitionSums: Float64Array;
  private step = 1;

  constructor(
    readonly buckets: number,
    readonly tags: number,
    private readonly allowed: Uint8Array,
    private readonly final: Uint8Array,
    /** Feature buckets per token (the entity tagger's FEATURES_PER_TOKEN unless given). */
    readonly featuresPerToken = FEATURES_PER_TOKEN,
  ) {
    this.weights = new Float32Array(buckets * tags);
    this.weightSums = new Float64Array(buckets * tags);
    this.transitions = new Float32Array((tags + 1) * tags);
    this.transitionSums = new Float64Array((tags + 1) * tags);
  }

  decode(feats: Int32Array, n: number): Uint8Array {
    const scores =
      this.featuresPerToken === FEATURES_PER_TOKEN ? emissionScores(feats, n, this.weights, this.tags, 1) : this.scores(feats, n);
    return viterbi(scores, n, this.tags, this.transitions, this.allowed, this.final);
  }

  /** Emission scores for another number of features per token than the entity tagger's. */
  private scores(feats: Int32Array, n: number): Float32Array {
    const T = this.tags;
    const F = this.featuresPerToken;
    const out = new Float32Array(n * T);
    for (let i = 0; i < n; i++)
      for (let k = 0; k < F; k++) {
        const row = feats[i * F + k] * T;
        for (let t = 0; t < T; t++) out[i * T + t] += this.weights[row + t];
      }
    return out;
  }

  /** One example: decode, and move the weights towards the gold path where the prediction differs. */
  learn(example: TrainingSentence): void {
    const n = example.gold.length;
    const predicted = this.decode(example.feats, n);
    const T = this.tags;
    for (let i = 0; i < n; i++) {
      const g = example.gold[i];
      const p = predicted[i];
      const gPrev = i ? example.gold[i - 1] : T;
      const pPrev = i ? predicted[i - 1] : T;
      if (g !== p) {
        for (let k = 0; k < this.featuresPerToken; k++) {
          const b = example.feats[i * this.featuresPerToken + k] * T;
          this.update(this.weights, this.weightSums, b + g, 1);
          this.update(this.weights, this.weightSums, b + p, -1);
        }
      }
      if (g !== p || gPrev !== pPrev) {
        this.update(this.transitions, this.transitionSums, gPrev * T + g, 1);
        this.update(this.transitions, this.transitionSums, pPrev * T + p, -1);
      }
    }
    this.step++;
  }

  private update(w: Float32Array, sums: Float64Array, index: number, delta: number): void {
    w[index] += delta;
    sums[index] += this.step * delta;
  }

  averaged(): { weights: Float32Array; transitions: Float32Array } {
    const avg = (w: Float32Array, sums: Float64Array): Float32Array => Float32Array.from(w, (v, i) => v - sums[i] / this.step);
    return { weights: avg(this.weights, this.weightSums), transitions: avg(this.transitions, this.transitionSums) };
  }
}

/**
 * Int16 emissions with one scale: the largest weight maps to `levels` (32767 by default, so that
 * small ones keep their resolution). Fewer levels leave the high bytes nearly constant, which the
 * .vsix's deflate compresses far better.
 */
export function quantize(weights: Float32Array, levels = 32767): { emissions: Int16Array; scale: number } {
  let max = 0;
  for (let i = 0; i < weights.length; i++) max = Math.max(max, Math.abs(weights[i]));
  const scale = (max || 1) / levels;
  return { emissions: Int16Array.from(weights, (v) => Math.round(v / scale)), scale };
}
