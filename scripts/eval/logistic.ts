// Logistic regression by full-batch gradient descent with L2, for the compare model's small feature vectors.

export function fitLogistic(
  rows: number[][],
  labels: number[],
  options: { l2?: number; epochs?: number; positiveWeight?: number } = {},
): number[] {
  const { l2 = 1e-3, epochs = 3000, positiveWeight = 1 } = options;
  const d = rows[0]?.length ?? 0;
  const w = new Array<number>(d).fill(0);
  // Adam keeps the steps sane on features of different scales.
  const m = new Array<number>(d).fill(0);
  const v = new Array<number>(d).fill(0);
  const rate = 0.05;
  let total = 0;
  for (const y of labels) total += y ? positiveWeight : 1;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const grad = new Array<number>(d).fill(0);
    for (let i = 0; i < rows.length; i++) {
      const x = rows[i];
      let z = 0;
      for (let j = 0; j < d; j++) z += w[j] * x[j];
      const p = 1 / (1 + Math.exp(-z));
      const weight = labels[i] ? positiveWeight : 1;
      const err = (p - labels[i]) * weight;
      for (let j = 0; j < d; j++) grad[j] += err * x[j];
    }
    for (let j = 0; j < d; j++) {
      const g = grad[j] / total + (j > 0 ? l2 * w[j] : 0);
      m[j] = 0.9 * m[j] + 0.1 * g;
      v[j] = 0.999 * v[j] + 0.001 * g * g;
      const mh = m[j] / (1 - 0.9 ** epoch);
      const vh = v[j] / (1 - 0.999 ** epoch);
      w[j] -= (rate * mh) / (Math.sqrt(vh) + 1e-8);
    }
  }
  return w.map((x) => Math.round(x * 10000) / 10000);
}

/**
 * Predictions for each row from models fitted on the other folds: for choosing a threshold on data the
 * weights did not see. `group` keeps rows of one group (a query's hits) in one fold.
 */
export function crossValidated(
  rows: number[][],
  labels: number[],
  folds: number,
  fit: (rows: number[][], labels: number[]) => number[],
  group: (i: number) => number = (i) => i,
): number[] {
  const out = new Array<number>(rows.length).fill(0);
  const foldOf = (i: number): number => group(i) % folds;
  for (let f = 0; f < folds; f++) {
    const trainRows = rows.filter((_, i) => foldOf(i) !== f);
    const trainLabels = labels.filter((_, i) => foldOf(i) !== f);
    const w = fit(trainRows, trainLabels);
    rows.forEach((x, i) => {
      if (foldOf(i) !== f) return;
      let z = 0;
      for (let j = 0; j < w.length; j++) z += w[j] * x[j];
      out[i] = 1 / (1 + Math.exp(-z));
    });
  }
  return out;
}

export function precisionRecall(
  predicted: boolean[],
  gold: boolean[],
): { precision: number; recall: number; f1: number; tp: number; predicted: number; gold: number } {
  let tp = 0;
  let p = 0;
  let g = 0;
  predicted.forEach((x, i) => {
    if (x) p++;
    if (gold[i]) g++;
    if (x && gold[i]) tp++;
  });
  const precision = p ? tp / p : 0;
  const recall = g ? tp / g : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, tp, predicted: p, gold: g };
}
