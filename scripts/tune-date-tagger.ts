// The DATE and MONEY tagger of core/detect/dateTagger.ts: trained on the tuning half of the OntoNotes
// dev copy only, on the detector's own sentences and tokens of the laid-out articles (as `npm run eval`
// lays them out), with the grammar's spans (findPatterns) as features. Settings are chosen by five-fold
// cross-validation by article inside the tuning half: the number of epochs, and what becomes of a span
// the grammar cannot normalize (kept with the value of the grammar's nearest span, or dropped). The
// grammar's figures in the same folds are printed beside (training figures: it was written on this half).
// The report half is never read here; `npm run eval` reads it.
// Usage: node scripts/run-ts.mjs scripts/tune-date-tagger.ts [DATA_DIR] [--epochs N] [--bits B] [--prune K] [--runs R]
//          [--errors N [--errors-out PATH]] [--write]
//   --bits B: 2^B buckets (16); --prune K: int8 weights of magnitude K or less dropped (2);
//   --runs R: R perceptrons trained in other orders of the sentences, their weights averaged (4);
//   --errors N: writes the held-out errors of the fold models after N epochs (tuning half only) to PATH;
//   --spaced-only: trains only on the articles as the evaluation lays them out (hyphenated words split);
//   --write: trains on the whole tuning half with the picked settings and writes media/models/dates.bin.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  dateFeatures,
  DATE_FEATURES_PER_TOKEN,
  DATE_FEATURE_VERSION,
  DATE_TAGS,
  encodeDateTagger,
  grammarTagsOf,
  tagDatesAndMoney,
  wordInfosOf,
  worthTagging,
  type DateTaggerHeader,
  type DateTaggerModel,
} from '../extension/core/detect/dateTagger';
import { readSentences } from '../extension/core/detect/document';
import { normalizeDate } from '../extension/core/detect/temporal';
import { findPatterns } from '../extension/core/detect/rules';
import { allowedTransitions, finalAllowed } from '../extension/core/detect/tagger';
import type { TemporalMatch } from '../extension/core/detect/temporal';
import { layOutText, ontonotesSentenceArticles } from './eval/ontonotes';
import { bump, f1Of, formatPrf, type Counts } from './eval/score';
import { AveragedPerceptron, type TrainingSentence } from './train/perceptron';
import { dataDir, option, repoRoot } from './train/paths';

const ARGS = process.argv.slice(2);
const BUCKETS = 1 << Number(option(ARGS, '--bits') ?? 16);
const PRUNE = Number(option(ARGS, '--prune') ?? 2);
const MAX_EPOCHS = Number(option(ARGS, '--epochs') ?? 8);
const FOLDS = 5;
/** --errors N: each held-out error of the fold models after N epochs (unresolved spans kept), written to --errors-out. */
const ERROR_EPOCH = Number(option(ARGS, '--errors') ?? 0);
const GOLD_TYPE: Record<string, TemporalMatch['type']> = { DATE: 'Date', MONEY: 'Money' };
const POLICIES: DateTaggerHeader['unresolved'][] = ['keep', 'drop'];
/** Perceptrons trained on the same sentences in other orders, their averaged weights averaged (--runs; 4 picked by cross-validation). */
const RUNS = Number(option(ARGS, '--runs') ?? 4);

/** One laid-out article: its detector sentences, the grammar's spans, the gold spans, and its training sentences. */
interface Article {
  prose: string;
  sentences: ReturnType<typeof readSentences>['sentences'];
  grammar: TemporalMatch[];
  gold: Set<string>;
  goldKind: Map<string, string>;
  examples: TrainingSentence[];
}

function articleOf(text: string, goldSpans: { start: number; end: number; type: string }[]): Article {
  const { prose, sentences } = readSentences(text, 'plaintext');
  const grammar = findPatterns(prose).filter((m): m is TemporalMatch => m.type === 'Date' || m.type === 'Money');
  const gold = goldSpans.filter((g) => GOLD_TYPE[g.type]).map((g) => ({ ...g, type: GOLD_TYPE[g.type] }));
  const examples: TrainingSentence[] = [];
  for (const sentence of sentences) {
    if (!sentence.tokens.length) continue;
    const infos = wordInfosOf(prose, sentence);
    const { tags, any } = grammarTagsOf(
      sentence,
      grammar.filter((g) => g.start >= sentence.sentence.start && g.start < sentence.sentence.end),
    );
    if (!worthTagging(infos, any)) continue;
    examples.push({ feats: dateFeatures(infos, tags, BUCKETS), gold: goldTags(sentence.tokens, gold) });
  }
  const goldKind = new Map(gold.filter((g) => g.type === 'Date').map((g) => [keyOf(g), normalizeDate(prose.slice(g.start, g.end)).kind]));
  return { prose, sentences, grammar, gold: new Set(gold.map(keyOf)), goldKind, examples };
}

/** BILOU tags of the tokens inside gold spans (a gold edge inside a token leaves that token out). */
function goldTags(tokens: readonly { start: number; end: number }[], gold: readonly TemporalMatch[]): Uint8Array {
  const out = new Uint8Array(tokens.length);
  for (const g of gold) {
    const inside = tokens.map((t, i) => (t.start >= g.start && t.end <= g.end ? i : -1)).filter((i) => i >= 0);
    if (!inside.length) continue;
    const type = g.type === 'Date' ? 'DATE' : 'MONEY';
    inside.forEach((i, k) => {
      const prefix = inside.length === 1 ? 'U' : k === 0 ? 'B' : k === inside.length - 1 ? 'L' : 'I';
      out[i] = DATE_TAGS.indexOf(`${prefix}-${type}`);
    });
  }
  return out;
}

function keyOf(s: TemporalMatch): string {
  return `${s.start}:${s.end}:${s.type}`;
}

const ERRORS: string[] = [];
function count(counts: Map<string, Counts>, found: readonly TemporalMatch[], a: Article, errors = false): void {
  const { gold } = a;
  const keys = new Set(found.map(keyOf));
  const kindOf = (key: string): string | undefined => {
    if (!key.endsWith('Date')) return undefined;
    const [s, e] = key.split(':').map(Number);
    return a.goldKind.get(key) ?? normalizeDate(a.prose.slice(s, e)).kind;
  };
  const show = (side: string, key: string): void => {
    if (!errors) return;
    const [s, e, type] = key.split(':');
    const ctx = `${a.prose.slice(Math.max(0, +s - 50), +s)}[${a.prose.slice(+s, +e)}]${a.prose.slice(+e, +e + 40)}`.replace(/\n/g, ' ');
    ERRORS.push(`${side} ${type} ${kindOf(key) ?? ''}  …${ctx}…`);
  };
  for (const key of keys) {
    const field = gold.has(key) ? 'tp' : 'fp';
    bump(counts, key.split(':')[2], field);
    const kind = kindOf(key);
    if (kind) bump(counts, `Date ${kind}`, field);
    if (field === 'fp') show('fp', key);
  }
  for (const key of gold)
    if (!keys.has(key)) {
      bump(counts, key.split(':')[2], 'fn');
      const kind = kindOf(key);
      if (kind) bump(counts, `Date ${kind}`, 'fn');
      show('fn', key);
    }
}

const ALLOWED = allowedTransitions(DATE_TAGS);
const FINAL = finalAllowed(DATE_TAGS);

/** The model as the file holds it: int8 weights (the largest magnitude at 127), those of magnitude PRUNE or less zero. */
function shippable(perceptrons: AveragedPerceptron[], unresolved: DateTaggerHeader['unresolved'], trainedOn: string): DateTaggerModel {
  const runs = perceptrons.map((p) => p.averaged());
  const weights = runs[0].weights.map((_, i) => runs.reduce((sum, r) => sum + r.weights[i], 0) / runs.length);
  const transitions = runs[0].transitions.map((_, i) => runs.reduce((sum, r) => sum + r.transitions[i], 0) / runs.length);
  let max = 0;
  for (const w of weights) max = Math.max(max, Math.abs(w));
  const scale = (max || 1) / 127;
  const emissions = Int8Array.from(weights, (w) => {
    const q = Math.round(w / scale);
    return Math.abs(q) > PRUNE ? q : 0;
  });
  const T = DATE_TAGS.length;
  const live = new Uint8Array((BUCKETS + 7) >>> 3);
  for (let b = 0; b < BUCKETS; b++) if (emissions.subarray(b * T, (b + 1) * T).some((w) => w !== 0)) live[b >>> 3] |= 1 << (b & 7);
  return {
    header: { featureVersion: DATE_FEATURE_VERSION, tags: DATE_TAGS, buckets: BUCKETS, scale, unresolved, trainedOn },
    transitions: Float32Array.from(transitions),
    emissions,
    live,
  };
}

/** One epoch over the sentences, in a fixed order rotated per epoch: the same data gives the same model. */
function learnEpoch(model: AveragedPerceptron, sentences: readonly TrainingSentence[], epoch: number, run = 0): void {
  if (!run) {
    for (let k = 0; k < sentences.length; k++) model.learn(sentences[(k * 7919 + epoch * 104729) % sentences.length]);
    return;
  }
  // Other runs: a shuffle seeded by the run and the epoch.
  const order = sentences.map((_, i) => i);
  let seed = (run * 1000003 + epoch * 7919 + 1) >>> 0;
  for (let i = order.length - 1; i > 0; i--) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    const j = Math.floor((seed / 2 ** 32) * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  for (const k of order) model.learn(sentences[k]);
}

function perceptrons(): AveragedPerceptron[] {
  return Array.from({ length: RUNS }, () => new AveragedPerceptron(BUCKETS, DATE_TAGS.length, ALLOWED, FINAL, DATE_FEATURES_PER_TOKEN));
}

/** Counts per epoch and policy, each article tagged by the model trained on the other folds; the grammar's beside. */
function crossValidate(articles: readonly Article[]): { byEpoch: Map<string, Counts>[][]; grammar: Map<string, Counts> } {
  const byEpoch = Array.from({ length: MAX_EPOCHS }, () => POLICIES.map(() => new Map<string, Counts>()));
  const grammar = new Map<string, Counts>();
  for (const a of articles) count(grammar, a.grammar, a);
  for (let fold = 0; fold < FOLDS; fold++) {
    const train = articles.filter((_, i) => i % FOLDS !== fold).flatMap((a) => a.examples);
    const held = articles.filter((_, i) => i % FOLDS === fold);
    const models = perceptrons();
    for (let epoch = 0; epoch < MAX_EPOCHS; epoch++) {
      models.forEach((m, run) => learnEpoch(m, train, epoch, run));
      POLICIES.forEach((policy, p) => {
        const model = shippable(models, policy, 'fold');
        for (const a of held)
          count(byEpoch[epoch][p], tagDatesAndMoney(a.prose, a.sentences, a.grammar, model), a, epoch + 1 === ERROR_EPOCH && p === 0);
      });
    }
    console.error(`fold ${fold + 1} of ${FOLDS} done`);
  }
  return { byEpoch, grammar };
}

function main(): void {
  const path = join(dataDir(ARGS), 'ontonotes-dev.txt');
  // Scored as `npm run eval` lays the articles out; trained also on them with hyphenated words
  // joined, as articles write them (the copy splits them: "26 - year - old"), unless --spaced-only.
  const runs = ontonotesSentenceArticles(path, 'tune');
  const joined = !ARGS.includes('--spaced-only');
  const articles = runs.map((run) => {
    const spaced = layOutText(run);
    const article = articleOf(spaced.text, spaced.gold);
    if (!joined) return article;
    const glued = layOutText(run, true);
    return { ...article, examples: [...article.examples, ...articleOf(glued.text, glued.gold).examples] };
  });
  const sentences = articles.reduce((n, a) => n + a.sentences.length, 0);
  const tagged = articles.reduce((n, a) => n + a.examples.length, 0);
  console.log(
    `tuning half: ${articles.length} articles, ${sentences} detector sentences, ${tagged} training sentences worth tagging${joined ? ' (both layouts)' : ''}`,
  );
  const { byEpoch, grammar } = crossValidate(articles);
  const zero = { tp: 0, fp: 0, fn: 0 };
  console.log(
    `five-fold cross-validation by article, tuning half, exact span; 2^${Math.log2(BUCKETS)} buckets, int8, |w| <= ${PRUNE} dropped:`,
  );
  for (const type of ['Date', 'Money']) console.log('  ' + formatPrf(`grammar alone, ${type}`, grammar.get(type) ?? zero));
  const goodness = (c: Map<string, Counts>): number => f1Of(c.get('Date')) + f1Of(c.get('Money'));
  let best = { epoch: 0, policy: 0 };
  byEpoch.forEach((perPolicy, epoch) =>
    perPolicy.forEach((counts, policy) => {
      const f = (type: string): string => f1Of(counts.get(type) ?? zero).toFixed(3);
      console.log(
        `  ${epoch + 1} ep, ${POLICIES[policy]}: Date ${f('Date')} (abs ${f('Date absolute')} rel ${f('Date relative')} dur ${f('Date duration')})  Money ${f('Money')}   sum ${(f1Of(counts.get('Date')) + f1Of(counts.get('Money'))).toFixed(3)}`,
      );
      if (goodness(counts) > goodness(byEpoch[best.epoch][best.policy])) best = { epoch, policy };
    }),
  );
  const epochs = best.epoch + 1;
  const policy = POLICIES[best.policy];
  console.log(`picked: ${epochs} epochs, unresolved spans: ${policy}`);
  if (ERRORS.length) writeFileSync(option(ARGS, '--errors-out') ?? '/tmp/date-errors.txt', ERRORS.sort().join('\n') + '\n');
  if (!ARGS.includes('--write')) return;
  const models = perceptrons();
  const all = articles.flatMap((a) => a.examples);
  for (let epoch = 0; epoch < epochs; epoch++) models.forEach((m, run) => learnEpoch(m, all, epoch, run));
  const model = shippable(
    models,
    policy,
    `OntoNotes dev copy, tuning half (${articles.length} articles), ${epochs} epochs, 2^${Math.log2(BUCKETS)} buckets, |w| <= ${PRUNE} dropped`,
  );
  const bytes = encodeDateTagger(model);
  const out = join(repoRoot, 'media/models/dates.bin');
  writeFileSync(out, bytes);
  console.log(`wrote ${out}: ${bytes.length} bytes`);
}

main();
