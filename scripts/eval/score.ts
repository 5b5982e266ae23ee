// Precision, recall and F1 from counts, and span matching the way conlleval does (exact span and type).
export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export function prf(c: Counts): { p: number; r: number; f1: number } {
  const p = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
  const r = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
}

/** F1 of the counts, 0 without any. */
export function f1Of(c: Counts | undefined): number {
  return c ? prf(c).f1 : 0;
}

export function addCounts(into: Counts, c: Counts): void {
  into.tp += c.tp;
  into.fp += c.fp;
  into.fn += c.fn;
}

/** One true positive, false positive or miss more for `label`. */
export function bump(counts: Map<string, Counts>, label: string, field: keyof Counts): void {
  const c = counts.get(label) ?? { tp: 0, fp: 0, fn: 0 };
  c[field]++;
  counts.set(label, c);
}

/** Exact matches between two lists of keys (each key once per list, as spans are). */
export function matchKeys(predicted: readonly string[], gold: readonly string[]): Counts {
  const goldSet = new Set(gold);
  const tp = new Set(predicted.filter((p) => goldSet.has(p))).size;
  return { tp, fp: new Set(predicted).size - tp, fn: goldSet.size - tp };
}

export function formatPrf(label: string, c: Counts): string {
  const { p, r, f1 } = prf(c);
  return `${label.padEnd(28)} P ${p.toFixed(3)}  R ${r.toFixed(3)}  F1 ${f1.toFixed(3)}  (tp ${c.tp}, fp ${c.fp}, fn ${c.fn})`;
}
