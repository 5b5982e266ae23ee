// Experiment: learns where OntoNotes puts the edges of DATE and MONEY spans (scripts/train/spanEdges.ts)
// from the tuning half of the OntoNotes dev copy; the report half is never read here. The grammar
// proposes each span; an averaged perceptron learns to pick it, a span with its edges moved a few
// tokens, or none. Epochs, the feature count cutoff and the margin the grammar's span keeps are
// chosen by five-fold cross-validation by article inside the tuning half, which prints the grammar's
// figures and the model's on articles it was not trained on. Nothing is shipped: the pick kept every
// grammar span (media/models/README.md, "Dates and money").
// Usage: node scripts/run-ts.mjs scripts/tune-span-edges.ts [DATA_DIR]
//   AUGMENT=1: also train on the grammar's spans with an edge moved by a token;
//   VERBOSE=1 prints every setting; VERBOSE="cutoff 1, 5 epochs, margin 0" lists what that setting changed.
import { join } from 'node:path';
import { findTemporal } from '../extension/core/detect/temporal';
import { choiceFeatures, edgeCandidates, placeEdges, type EdgeCandidates, type EdgeSpan } from './train/spanEdges';
import { ontonotesArticles, type OntoArticle } from './eval/ontonotes';
import { bump, f1Of, formatPrf, type Counts } from './eval/score';
import { dataDir } from './train/paths';

const FOLDS = 5;
const AUGMENT = process.env.AUGMENT === '1';
const MAX_EPOCHS = 12;
const CUTOFFS = [1, 2, 3];
/**
 * How much more than the grammar's own span a choice must score to replace it (half on each edge
 * the grammar placed): the tuning half is small, and the grammar was written on it.
 */
const MARGINS = [0, 0.5, 1, 2, 4];

/** The weights with the grammar's edges favoured by `margin`. */
function withMargin(weights: ReadonlyMap<string, number>, margin: number): Map<string, number> {
  const out = new Map(weights);
  for (const f of ['Date l0', 'Date r0', 'Money l0', 'Money r0']) out.set(f, (out.get(f) ?? 0) + margin / 2);
  return out;
}
const TYPE_OF_GOLD: Record<string, EdgeSpan['type']> = { DATE: 'Date', MONEY: 'Money' };

interface Example {
  span: EdgeSpan;
  candidates: EdgeCandidates;
  /** The gold choice's features. */
  gold: string[];
}

interface Prepared {
  article: OntoArticle;
  spans: EdgeSpan[];
  examples: Example[];
}

/**
 * The grammar's spans of one article and, for each whose right answer is among its choices, that
 * answer: the one gold span of its type it overlaps, or none (dropped) when it overlaps no gold
 * span of its type. Spans overlapping two gold spans, or one the edges cannot reach, teach nothing.
 */
function prepare(article: OntoArticle): Prepared {
  const spans = findTemporal(article.text);
  return { article, spans, examples: examplesOf(article, spans) };
}

function examplesOf(article: OntoArticle, spans: readonly EdgeSpan[]): Example[] {
  const examples: Example[] = [];
  spans.forEach((span, i) => {
    const candidates = edgeCandidates(article.text, spans, i);
    const overlapping = article.gold.filter((g) => TYPE_OF_GOLD[g.type] === span.type && g.start < span.end && span.start < g.end);
    if (overlapping.length > 1) return;
    const gold = overlapping.length
      ? choiceFeatures(candidates, { start: overlapping[0].start, end: overlapping[0].end, dropped: false })
      : candidates.drop;
    if (gold) examples.push({ span, candidates, gold });
  });
  return examples;
}

/**
 * Examples from the grammar's spans with one edge moved by a token (each way, each edge): the
 * grammar was written on these articles, so its own spans are nearly always right here and teach
 * the model to trust it; moved ones teach where the edges go.
 */
function perturbed(article: OntoArticle, spans: readonly EdgeSpan[]): Example[] {
  const out: Example[] = [];
  spans.forEach((span, i) => {
    const candidates = edgeCandidates(article.text, spans, i);
    const l0 = candidates.lefts.findIndex((x) => x.at === span.start);
    const r0 = candidates.rights.findIndex((x) => x.at === span.end);
    const moves = [
      ...candidates.lefts.filter((_, k) => Math.abs(k - l0) === 1).map((l) => ({ start: l.at, end: span.end })),
      ...candidates.rights.filter((_, k) => Math.abs(k - r0) === 1).map((r) => ({ start: span.start, end: r.at })),
    ];
    for (const move of moves) {
      if (move.end <= move.start) continue;
      const moved = spans.map((s, j) => (j === i ? { ...s, ...move } : s));
      out.push(...examplesOf(article, moved).filter((e) => e.span.start === move.start && e.span.end === move.end));
    }
  });
  return out;
}

/** The highest-scoring choice's features (the grammar's span first on ties, as spanEdges.ts decides). */
function predicted(candidates: EdgeCandidates, weights: ReadonlyMap<string, number>, span: { start: number; end: number }): string[] {
  const l0 = candidates.lefts.findIndex((l) => l.at === span.start);
  const r0 = candidates.rights.findIndex((r) => r.at === span.end);
  let best = choiceFeatures(candidates, { ...span, dropped: false }) ?? candidates.drop;
  let bestScore = l0 >= 0 && r0 >= 0 ? score(weights, best) : -Infinity;
  candidates.lefts.forEach((left, l) =>
    candidates.rights.forEach((right, r) => {
      if (!candidates.valid[l][r]) return;
      const features = [...left.features, ...right.features, ...candidates.joint[l][r]];
      const s = score(weights, features);
      if (s > bestScore) {
        bestScore = s;
        best = features;
      }
    }),
  );
  return score(weights, candidates.drop) > bestScore ? candidates.drop : best;
}

function score(weights: ReadonlyMap<string, number>, features: readonly string[]): number {
  let s = 0;
  for (const f of features) s += weights.get(f) ?? 0;
  return s;
}

/** Features seen in at least `cutoff` gold choices: the only ones the model may weigh. */
function allowedFeatures(examples: readonly Example[], cutoff: number): Set<string> {
  const counts = new Map<string, number>();
  for (const e of examples) for (const f of new Set(e.gold)) counts.set(f, (counts.get(f) ?? 0) + 1);
  return new Set([...counts].filter(([, n]) => n >= cutoff).map(([f]) => f));
}

/** An averaged perceptron; the averaged weights after each epoch (rounded as spanEdges.json stores them). */
function train(examples: readonly Example[], cutoff: number, epochs: number): Map<string, number>[] {
  const allowed = allowedFeatures(examples, cutoff);
  const weights = new Map<string, number>();
  const totals = new Map<string, number>();
  const stamps = new Map<string, number>();
  let step = 0;
  const add = (f: string, by: number): void => {
    if (!allowed.has(f)) return;
    const w = weights.get(f) ?? 0;
    totals.set(f, (totals.get(f) ?? 0) + w * (step - (stamps.get(f) ?? 0)));
    stamps.set(f, step);
    weights.set(f, w + by);
  };
  const averaged = (): Map<string, number> => {
    const out = new Map<string, number>();
    for (const [f, w] of weights) {
      const total = (totals.get(f) ?? 0) + w * (step - (stamps.get(f) ?? 0));
      const mean = Math.round((total / Math.max(1, step)) * 1000) / 1000;
      if (mean !== 0) out.set(f, mean);
    }
    return out;
  };
  const snapshots: Map<string, number>[] = [];
  // A fixed order, shuffled per epoch by a seeded generator: the same data gives the same weights.
  let seed = 12345;
  const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const order = examples.map((_, i) => i);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const i of order) {
      step++;
      const { span, candidates, gold } = examples[i];
      const guess = predicted(candidates, weights, span);
      if (guess === gold || sameFeatures(guess, gold)) continue;
      for (const f of gold) add(f, 1);
      for (const f of guess) add(f, -1);
    }
    snapshots.push(averaged());
  }
  return snapshots;
}

function sameFeatures(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((f, i) => f === b[i]);
}

/** Exact span and type counts of DATE and MONEY for the articles, spans placed by `weights` (null: the grammar's). */
function scoreArticles(
  prepared: readonly Prepared[],
  weights: ReadonlyMap<string, number> | null,
  counts: Map<string, Counts>,
  changes?: string[],
): void {
  for (const { article, spans } of prepared) {
    const placed = weights ? placeEdges(article.text, spans, { weights }) : spans;
    if (changes) listChanges(article, spans, placed, changes);
    const found = new Set(placed.map((s) => `${s.start}:${s.end}:${s.type}`));
    const gold = new Set(article.gold.filter((g) => TYPE_OF_GOLD[g.type]).map((g) => `${g.start}:${g.end}:${TYPE_OF_GOLD[g.type]}`));
    for (const key of found) bump(counts, key.split(':')[2], gold.has(key) ? 'tp' : 'fp');
    for (const key of gold) if (!found.has(key)) bump(counts, key.split(':')[2], 'fn');
  }
}

/** The spans the model moved or dropped, each marked right or wrong by the gold (tuning half only). */
function listChanges(article: OntoArticle, before: readonly EdgeSpan[], after: readonly EdgeSpan[], out: string[]): void {
  const gold = new Set(article.gold.map((g) => `${g.start}:${g.end}`));
  const kept = new Set(after.map((s) => `${s.start}:${s.end}`));
  const show = (s: { start: number; end: number }): string => `"${article.text.slice(s.start, s.end)}"`;
  for (const s of before) {
    if (kept.has(`${s.start}:${s.end}`)) continue;
    const moved = after.find((a) => a.start < s.end && s.start < a.end);
    const was = gold.has(`${s.start}:${s.end}`) ? 'right' : 'wrong';
    const now = moved ? (gold.has(`${moved.start}:${moved.end}`) ? 'right' : 'wrong') : gold.has(`${s.start}:${s.end}`) ? 'wrong' : 'right';
    const around = article.text.slice(Math.max(0, s.start - 30), s.end + 30).replace(/\n/g, ' ');
    out.push(`${was}→${now} ${s.type} ${show(s)} → ${moved ? show(moved) : 'dropped'}   …${around}…`);
  }
}

function main(): void {
  const args = process.argv.slice(2);
  const path = join(dataDir(args), 'ontonotes-dev.txt');
  const prepared = ontonotesArticles(path, 'tune').map(prepare);
  const examples = prepared.flatMap((p) => p.examples);
  console.log(
    `tuning half: ${prepared.length} articles, ${prepared.reduce((n, p) => n + p.spans.length, 0)} grammar spans, ${examples.length} with a reachable answer`,
  );

  // Cross-validation: each fold's articles scored by models trained on the other folds, for every setting.
  const grammar = new Map<string, Counts>();
  const bySetting = new Map<string, Map<string, Counts>>();
  // VERBOSE="cutoff 1, 5 epochs" lists what that setting changed on the folds.
  const changes: string[] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const held = prepared.filter((_, i) => i % FOLDS === fold);
    const rest = prepared
      .filter((_, i) => i % FOLDS !== fold)
      .flatMap((p) => (AUGMENT ? [...p.examples, ...perturbed(p.article, p.spans)] : p.examples));
    scoreArticles(held, null, grammar);
    for (const cutoff of CUTOFFS)
      train(rest, cutoff, MAX_EPOCHS).forEach((weights, epoch) => {
        for (const margin of MARGINS) {
          const key = `cutoff ${cutoff}, ${epoch + 1} epochs, margin ${margin}`;
          if (!bySetting.has(key)) bySetting.set(key, new Map());
          scoreArticles(held, withMargin(weights, margin), bySetting.get(key)!, process.env.VERBOSE === key ? changes : undefined);
        }
      });
  }
  if (changes.length) console.log(changes.sort().join('\n'));
  const goodness = (c: Map<string, Counts>): number => f1Of(c.get('Date')) + f1Of(c.get('Money'));
  console.log('five-fold cross-validation inside the tuning half (each article scored by a model not trained on it), exact span:');
  console.log(
    `  grammar alone                 DATE ${f1Of(grammar.get('Date')).toFixed(3)}  MONEY ${f1Of(grammar.get('Money')).toFixed(3)}`,
  );
  let best = '';
  for (const [key, counts] of bySetting) {
    if (process.env.VERBOSE)
      console.log(`  ${key.padEnd(30)}DATE ${f1Of(counts.get('Date')).toFixed(3)}  MONEY ${f1Of(counts.get('Money')).toFixed(3)}`);
    if (!best || goodness(counts) > goodness(bySetting.get(best)!)) best = key;
  }
  console.log(
    `picked ${best} (the best sum of DATE and MONEY F1 over the folds, the first of equals; the figures below are of that pick, so slightly optimistic):`,
  );
  for (const [type, counts] of [
    ['grammar', grammar],
    ['learned edges', bySetting.get(best)!],
  ] as const)
    for (const t of ['Date', 'Money']) console.log('  ' + formatPrf(`${type}, ${t}`, counts.get(t)!));
}

main();
