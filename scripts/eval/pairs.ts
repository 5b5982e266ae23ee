// The claim-pair model on real labelled pairs, each on a split it was not fitted or tuned on
// (scripts/train-compare.ts fits on the others), with a word-overlap / BM25 baseline in the same run.
import { join } from 'node:path';
import { createCompareModel, type CompareModel, type PairRelation } from '../../extension/core/corpus/compare/model';
import { createClaimRanker } from '../../extension/core/corpus/compare/rank';
import { readSentence, type Sentence } from '../../extension/core/corpus/compare/sentence';
import { precisionRecall } from './logistic';
import { clef2020, fnc1, hasPairs, mapAt, mrpc, rte3, sentencesOf, type LabelledPair } from './pairs-data';

/** Word overlap (Jaccard of content stems), the baseline of every pair figure. */
function overlap(a: Sentence, b: Sentence): number {
  let shared = 0;
  for (const stem of a.terms.keys()) if (b.terms.has(stem)) shared++;
  const union = a.terms.size + b.terms.size - shared;
  return union ? shared / union : 0;
}

/** The overlap threshold with the best accuracy on the fitting part: the baseline is tuned like the model. */
function tunedOverlap(pairs: { a: Sentence; b: Sentence; yes: boolean }[]): number {
  let best = { t: 0.5, accuracy: 0 };
  for (let t = 0.05; t < 1; t += 0.01) {
    const accuracy = pairs.filter((p) => overlap(p.a, p.b) >= t === p.yes).length / pairs.length;
    if (accuracy > best.accuracy) best = { t, accuracy };
  }
  return best.t;
}

const pct = (x: number): string => x.toFixed(3);

function evaluateMrpc(model: CompareModel, data: string, part: Part): void {
  const read = (pairs: LabelledPair[]): { a: Sentence; b: Sentence; yes: boolean }[] =>
    pairs.map((p) => ({ a: readSentence(p.a), b: readSentence(p.b), yes: p.label === '1' }));
  const threshold = tunedOverlap(read(mrpc(data, 'fit')));
  const report = read(mrpc(data, part === 'fit' ? 'fit' : 'report'));
  const gold = report.map((p) => p.yes);
  const baseline = report.map((p) => overlap(p.a, p.b) >= threshold);
  const said = report.map((p) => model.relation(p.a, p.b).relation === 'same');
  const accuracy = (predicted: boolean[]): number => predicted.filter((x, i) => x === gold[i]).length / gold.length;
  const majority = gold.filter(Boolean).length / gold.length;
  console.log(
    `MRPC (train file, ${part === 'fit' ? `fit part: ${report.length} pairs fitted on` : `report part: ${report.length} pairs never fitted on`}): accuracy ${pct(accuracy(said))}, F1 of "same" ${pct(precisionRecall(said, gold).f1)}; ` +
      `baseline word overlap ≥ ${threshold.toFixed(2)}: accuracy ${pct(accuracy(baseline))}, F1 ${pct(precisionRecall(baseline, gold).f1)}; majority ${pct(majority)}`,
  );
}

function evaluateRte(model: CompareModel, data: string, part: Part): void {
  const report = rte3(data, part).map((p) => ({ a: readSentence(p.a), b: readSentence(p.b), yes: p.label === 'contradiction' }));
  const gold = report.map((p) => p.yes);
  const said = report.map((p) => model.relation(p.a, p.b).relation === 'contradicts');
  // Baseline: a negation on one side only, between sentences sharing most of the shorter one's words.
  const baseline = report.map((p) => p.a.negations.length > 0 !== p.b.negations.length > 0 && overlap(p.a, p.b) >= 0.2);
  const m = precisionRecall(said, gold);
  const bl = precisionRecall(baseline, gold);
  console.log(
    `RTE-3 (${part === 'fit' ? 'dev pairs 1-400, fitted on' : 'dev pairs 401-800, never fitted on'}; ${bl.gold} contradictions in ${gold.length}): "contradicts" precision ${pct(m.precision)} recall ${pct(m.recall)} (${m.tp} of ${m.predicted} said); ` +
      `baseline negation on one side + overlap: precision ${pct(bl.precision)} recall ${pct(bl.recall)} (${bl.tp} of ${bl.predicted})`,
  );
}

/** A headline against a body: "contradicts" if a sentence of the body contradicts it, else the relation of the sentence most like it. */
export function headlineVsBody(model: CompareModel, headline: Sentence, body: Sentence[]): PairRelation {
  let best: PairRelation | undefined;
  for (const sentence of body) {
    const r = model.relation(headline, sentence);
    if (r.relation === 'contradicts' && (best?.relation !== 'contradicts' || r.score > best.score)) best = r;
    else if (best?.relation !== 'contradicts' && (!best || r.evidence.same > best.evidence.same)) best = r;
  }
  return best ?? model.relation(headline, '');
}

function evaluateFnc(model: CompareModel, data: string, part: Part): void {
  const pairs = fnc1(data, part === 'fit' ? 'train' : 'holdout');
  const bodies = new Map<string, Sentence[]>();
  const headlines = new Map<string, Sentence>();
  const gold: boolean[] = [];
  const said: boolean[] = [];
  const baseline: boolean[] = [];
  const REFUTING = /\b(?:fake|fraud|hoax|false|deny|denies|denied|not|despite|nope|doubt|doubts|bogus|debunk|pranks|retract)\b/i;
  for (const p of pairs) {
    let body = bodies.get(p.b);
    if (!body) bodies.set(p.b, (body = sentencesOf(p.b).map(readSentence)));
    let headline = headlines.get(p.a);
    if (!headline) headlines.set(p.a, (headline = readSentence(p.a)));
    gold.push(p.label === 'disagree');
    said.push(headlineVsBody(model, headline, body).relation === 'contradicts');
    // Baseline (the FNC-1 organisers' kind): a refuting word in the body and overlap with the headline.
    const best = Math.max(0, ...body.map((s) => overlap(headline, s)));
    baseline.push(best >= 0.25 && body.some((s) => REFUTING.test(s.text)));
  }
  const m = precisionRecall(said, gold);
  const bl = precisionRecall(baseline, gold);
  console.log(
    `FNC-1 (${part === 'fit' ? 'train split, its bodies in the IDF table' : 'standard hold-out'}, ${pairs.length} headline/body pairs, ${m.gold} disagree): "disagree" precision ${pct(m.precision)} recall ${pct(m.recall)} (${m.tp} of ${m.predicted} said); ` +
      `baseline refuting word + overlap: precision ${pct(bl.precision)} recall ${pct(bl.recall)}`,
  );
}

function evaluateClef2020(model: CompareModel, data: string, part: Part): void {
  const dev = clef2020(data, part === 'fit' ? 'train' : 'dev');
  let t = performance.now();
  const ranker = createClaimRanker(model, dev.claims);
  const indexMs = performance.now() - t;
  t = performance.now();
  const bm25 = new Map(dev.queries.map((q) => [q.id, ranker.bm25(q.text, 5).map((h) => h.id)]));
  const bm25Ms = performance.now() - t;
  t = performance.now();
  const ranked = new Map(dev.queries.map((q) => [q.id, ranker.rank(q.text, 5).map((h) => h.id)]));
  const rankMs = performance.now() - t;
  console.log(
    `CLEF 2020 task 2 (${part === 'fit' ? 'train, tuned on' : 'dev, never tuned on'}: ${dev.queries.length} tweets against ${dev.claims.length} claims): MAP@5 ${pct(mapAt(5, ranked, dev.relevant))} (${(rankMs / dev.queries.length).toFixed(1)} ms a query); ` +
      `baseline BM25 ${pct(mapAt(5, bm25, dev.relevant))} (${(bm25Ms / dev.queries.length).toFixed(1)} ms); index built in ${(indexMs / 1000).toFixed(1)} s`,
  );
}

/**
 * Which part of each set: "report", never fitted or tuned on (the figures); "fit", what scripts/train-compare.ts fits
 * and tunes on, where a change to the features or rules is checked before its figures are read on the other.
 */
export type Part = 'fit' | 'report';

/** Prints the pair figures; `data` is the evaluation folder holding pairs/. */
export function evaluatePairs(data: string, only?: string, part: Part = 'report'): void {
  if (!hasPairs(data)) {
    console.log(`pairs: ${join(data, 'pairs')} not found, pair figures skipped`);
    return;
  }
  const model = createCompareModel();
  const dir = join(data, 'pairs');
  if (!only || only === 'mrpc') evaluateMrpc(model, dir, part);
  if (!only || only === 'rte') evaluateRte(model, dir, part);
  if (!only || only === 'clef') evaluateClef2020(model, dir, part);
  if (!only || only === 'fnc') evaluateFnc(model, dir, part);
}
