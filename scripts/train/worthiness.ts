// Trains the check-worthiness classifier (extension/core/detect/worthiness.ts) on CLEF 2019 debates:
// logistic regression by SGD over hashed features. Epochs and regularization are picked by MAP on a
// few of the training debates (tune), then the model is trained on all training debates.
import { sentenceProps } from '../../extension/core/detect/features';
import { createDetector } from '../../extension/core/detect/index';
import { decodeModel, wordListsOf } from '../../extension/core/detect/tagger';
import { tokenize } from '../../extension/core/detect/tokens';
import { worthinessFeatures } from '../../extension/core/detect/worthiness';
import { meanAveragePrecision, type Debate } from './clef';
import { readModelFile } from '../eval/model';
import { prf } from '../eval/score';

interface Example {
  features: number[];
  gold: boolean;
}

export function isQuestion(text: string): boolean {
  return /\?["'”’)\s]*$/.test(text);
}

/** Hashed buckets of the check-worthiness weights. */
export const WORTHINESS_BUCKETS = 1 << 15;

const entityDetector = createDetector(readModelFile());
const clusters = wordListsOf(decodeModel(readModelFile()!).header).clusters;

/** A debate line's features, with the names, dates and amounts the entity tagger finds in it as the detector sees them. */
const featuresOfLine = new Map<string, number[]>();

function lineFeatures(text: string, buckets: number): number[] {
  const known = featuresOfLine.get(text);
  if (known) return known;
  const tokens = tokenize(text);
  const entities = entityDetector.analyze(text, { format: 'plaintext' }).entities;
  const features = [...worthinessFeatures(text, tokens, sentenceProps(text, tokens), isQuestion(text), entities, clusters, buckets)];
  featuresOfLine.set(text, features);
  return features;
}

function examples(debate: Debate, buckets: number): Example[] {
  return debate.lines.map((l) => ({ features: lineFeatures(l.text, buckets), gold: l.checkWorthy }));
}

interface Fitted {
  weights: Float64Array;
  bias: number;
}

/**
 * Logistic regression by SGD, returning the average of the weights over every step (Polyak
 * averaging): the last step's weights swing with the last few sentences seen, most of all the
 * weights of features every sentence has.
 */
function fit(data: Example[], buckets: number, epochs: number, l2: number, positiveWeight: number): Fitted {
  const weights = new Float64Array(buckets);
  // Each step's change weighted by the step's number: the average is weights - changes / steps.
  const changes = new Float64Array(buckets);
  let bias = 0;
  let biasChanges = 0;
  let step = 1;
  let seed = 7;
  const random = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const order = data.map((_, i) => i);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const rate = 0.05 / (1 + epoch);
    for (const index of order) {
      const { features, gold } = data[index];
      let z = bias;
      for (const f of features) z += weights[f];
      const g = ((gold ? 1 : 0) - 1 / (1 + Math.exp(-z))) * (gold ? positiveWeight : 1);
      bias += rate * g;
      biasChanges += step * rate * g;
      for (const f of features) {
        const change = rate * (g - l2 * weights[f]);
        weights[f] += change;
        changes[f] += step * change;
      }
      step++;
    }
  }
  for (let f = 0; f < buckets; f++) weights[f] -= changes[f] / step;
  return { weights, bias: bias - biasChanges / step };
}

function score(model: Fitted, features: number[]): number {
  let z = model.bias;
  for (const f of features) z += model.weights[f];
  return 1 / (1 + Math.exp(-z));
}

/** MAP of debates whose examples hold their score as their only feature. */
function rankedMap(debates: Example[][]): number {
  return meanAveragePrecision(
    debates.map((d) =>
      d
        .map((e, i) => ({ s: e.features[0], i, gold: e.gold }))
        .sort((a, b) => b.s - a.s || a.i - b.i)
        .map((x) => x.gold),
    ),
  ).map;
}

const TUNING_FOLDS = 4;

export function trainWorthiness(
  debates: Debate[],
  buckets: number,
  log: (line: string) => void,
): { weights: Float64Array; bias: number; threshold: number; scoreText: (text: string) => number } {
  const byDebate = debates.map((d) => examples(d, buckets));
  // Settings are picked by cross-validation over the debates (each scored by a model fitted on the
  // others): a few tuning debates hold too few check-worthy lines to choose among settings.
  const folds = Math.min(TUNING_FOLDS, byDebate.length);
  const outOfFold = (epochs: number, l2: number, positiveWeight: number): Example[][] => {
    const scored: Example[][] = [];
    for (let fold = 0; fold < folds; fold++) {
      const model = fit(byDebate.filter((_, i) => i % folds !== fold).flat(), buckets, epochs, l2, positiveWeight);
      for (const d of byDebate.filter((_, i) => i % folds === fold))
        scored.push(d.map((e) => ({ features: [score(model, e.features)], gold: e.gold })));
    }
    return scored;
  };
  let best = { map: -1, epochs: 0, l2: 0, positiveWeight: 1, scored: [] as Example[][] };
  for (const epochs of [1, 2, 4]) {
    for (const l2 of [0.1, 0.3, 1, 3]) {
      for (const positiveWeight of [2, 4, 8]) {
        const scored = outOfFold(epochs, l2, positiveWeight);
        const m = rankedMap(scored);
        log(`  epochs ${epochs}, l2 ${l2}, positive weight ${positiveWeight}: cross-validated MAP ${m.toFixed(4)}`);
        if (m > best.map) best = { map: m, epochs, l2, positiveWeight, scored };
      }
    }
  }
  log(`picked epochs ${best.epochs}, l2 ${best.l2}, positive weight ${best.positiveWeight} (cross-validated MAP ${best.map.toFixed(4)})`);
  // The threshold: best F1 of the check-worthy class on the same out-of-fold scores.
  const scored = best.scored.flat().map((e) => ({ s: e.features[0], gold: e.gold }));
  let threshold = { f1: -1, at: 0.5 };
  for (let t = 0.02; t < 0.98; t += 0.01) {
    const tp = scored.filter((x) => x.gold && x.s >= t).length;
    const fp = scored.filter((x) => !x.gold && x.s >= t).length;
    const fn = scored.filter((x) => x.gold && x.s < t).length;
    const { f1 } = prf({ tp, fp, fn });
    if (f1 > threshold.f1) threshold = { f1, at: Math.round(t * 100) / 100 };
  }
  log(`threshold ${threshold.at} (cross-validated F1 of check-worthy sentences ${threshold.f1.toFixed(3)})`);
  const final = fit(byDebate.flat(), buckets, best.epochs, best.l2, best.positiveWeight);
  return { ...final, threshold: threshold.at, scoreText: (text) => score(final, lineFeatures(text, buckets)) };
}
