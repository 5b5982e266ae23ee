// Experiment: DATE and MONEY tagged by a learned sequence tagger rather than the grammar, measured by
// five-fold cross-validation by article inside the tuning half of the OntoNotes dev copy (the report
// half is never read). The grammar of temporal.ts was written on this half, so its figures here are
// training figures; a tagger that never sees the grammar's spans is measured on articles it was not
// trained on, which makes its figure an estimate of how it does on text it has not seen.
// Usage: node scripts/run-ts.mjs scripts/tune-date-tagger.ts [DATA_DIR] [--grammar] [--epochs N] [--bits B] [--prune K] [--report-once]
//   --grammar: the grammar's spans are features too (the figure is then not a held-out one);
//   --bits B: 2^B feature buckets (18); --prune K: weights as int8 (the largest at 127), those of
//   magnitude K or less dropped, as a shipped table would be; the live rows of the model trained on
//   the whole tuning half are printed (what shipping it would weigh);
//   --report-once: then trains on the whole tuning half for the epochs cross-validation picked and
//   prints the report half's figures, the grammar's beside them (never its errors). Read it once.
import { join } from 'node:path';
import { FEATURES_PER_TOKEN } from '../extension/core/detect/features';
import { allowedTransitions, bilouTags, finalAllowed, pathSpans } from '../extension/core/detect/tagger';
import { findTemporal } from '../extension/core/detect/temporal';
import { ontonotesSentenceArticles, type OntoSentence } from './eval/ontonotes';
import { bump, f1Of, formatPrf, type Counts } from './eval/score';
import { AveragedPerceptron, type TrainingSentence } from './train/perceptron';
import { dataDir, option } from './train/paths';

const TYPES = ['DATE', 'MONEY'];
const TAGS = bilouTags(TYPES);
const ARGS = process.argv.slice(2);
const BUCKETS = 1 << Number(option(ARGS, '--bits') ?? 18);
const PRUNE = option(ARGS, '--prune');
const FOLDS = 5;

const CLASSES: [string, RegExp][] = [
  [
    'month',
    /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?$/i,
  ],
  ['weekday', /^(?:mon|tues|wednes|thurs|fri|satur|sun)day$/i],
  ['year', /^(?:1[5-9]\d\d|20\d\d)$/],
  ['decade', /^(?:'?\d0'?s|1[5-9]\d0'?s|20\d0'?s|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)$/i],
  ['unit', /^(?:days?|weeks?|weekends?|months?|quarters?|years?|decades?|centur(?:y|ies)|hours?|minutes?|nights?)$/i],
  [
    'rel',
    /^(?:ago|last|next|this|yesterday|today|tomorrow|recent(?:ly)?|earlier|later|past|coming|previous|current|now|annual(?:ly)?|daily|monthly|weekly|fiscal)$/i,
  ],
  ['season', /^(?:spring|summer|fall|autumn|winter)$/i],
  ['currency', /^(?:[A-Z]{0,3}\$|€|£|¥|dollars?|cents?|euros?|pounds?|yuan|yen|rupees?|marks|francs|pesos|won|bucks|rmb)$/i],
  ['scale', /^(?:hundred|thousand|million|billion|trillion)s?$/i],
  [
    'numword',
    /^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a|an|few|several|many|some|half|dozen)$/i,
  ],
  ['ordinal', /^(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|last|final)$/i],
  ['number', /^[\d.,/:-]+$/],
];

function classOf(word: string): string {
  for (const [name, re] of CLASSES) if (re.test(word)) return name;
  return /^\p{Lu}/u.test(word) ? 'Cap' : 'w';
}

function shapeOf(word: string): string {
  return word
    .replace(/\p{Lu}/gu, 'X')
    .replace(/\p{Ll}/gu, 'x')
    .replace(/\d/g, 'd')
    .replace(/(.)\1{2,}/g, '$1$1');
}

function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0) % BUCKETS;
}

/**
 * Each token's FEATURES_PER_TOKEN hashed features. Slots beyond this tagger's features repeat them
 * in turn (one bias only: a feature every token has is a bias, and eleven would swamp the rest).
 */
function featuresOf(words: readonly string[], grammar: readonly string[] | null): Int32Array {
  const n = words.length;
  const feats = new Int32Array(n * FEATURES_PER_TOKEN);
  const lower = words.map((w) => w.toLowerCase());
  const cls = words.map(classOf);
  const at = (a: readonly string[], i: number): string => (i < 0 ? '<s>' : i >= n ? '</s>' : a[i]);
  for (let i = 0; i < n; i++) {
    const f = [
      'bias',
      `w ${lower[i]}`,
      `s ${shapeOf(words[i])}`,
      `c ${cls[i]}`,
      `p3 ${lower[i].slice(0, 3)}`,
      `s3 ${lower[i].slice(-3)}`,
      `w-1 ${at(lower, i - 1)}`,
      `w+1 ${at(lower, i + 1)}`,
      `w-2 ${at(lower, i - 2)}`,
      `w+2 ${at(lower, i + 2)}`,
      `c-1 ${at(cls, i - 1)}`,
      `c+1 ${at(cls, i + 1)}`,
      `c-2 ${at(cls, i - 2)}`,
      `c+2 ${at(cls, i + 2)}`,
      `c-1c ${at(cls, i - 1)} ${cls[i]}`,
      `cc+1 ${cls[i]} ${at(cls, i + 1)}`,
      `w-1w ${at(lower, i - 1)} ${lower[i]}`,
      `ww+1 ${lower[i]} ${at(lower, i + 1)}`,
      `w-1c ${at(lower, i - 1)} ${cls[i]}`,
      `cw+1 ${cls[i]} ${at(lower, i + 1)}`,
      `c-1cc+1 ${at(cls, i - 1)} ${cls[i]} ${at(cls, i + 1)}`,
      `w-2w-1 ${at(lower, i - 2)} ${at(lower, i - 1)}`,
      `w+1w+2 ${at(lower, i + 1)} ${at(lower, i + 2)}`,
      `w-3 ${at(lower, i - 3)}`,
      `w+3 ${at(lower, i + 3)}`,
      `c-3 ${at(cls, i - 3)}`,
      `c+3 ${at(cls, i + 3)}`,
    ];
    if (grammar) f.push(`g ${grammar[i]}`, `g-1 ${at(grammar, i - 1)}`, `g+1 ${at(grammar, i + 1)}`, `gw ${grammar[i]} ${lower[i]}`);
    for (let k = 0; k < FEATURES_PER_TOKEN; k++) feats[i * FEATURES_PER_TOKEN + k] = hash(f[k] ?? f[1 + ((k - 1) % (f.length - 1))]);
  }
  return feats;
}

/** BILOU tags of the sentence's DATE and MONEY spans (other types are O). */
function goldTags(tags: readonly string[]): Uint8Array {
  const out = new Uint8Array(tags.length);
  for (let i = 0; i < tags.length; i++) {
    const type = tags[i].slice(2);
    if (!TYPES.includes(type)) continue;
    const begins = tags[i].startsWith('B-');
    const ends = tags[i + 1] !== `I-${type}`;
    const prefix = begins ? (ends ? 'U' : 'B') : ends ? 'L' : 'I';
    out[i] = TAGS.indexOf(`${prefix}-${type}`);
  }
  return out;
}

/** The grammar's spans over the sentence's tokens, as "B-Date", "I-Money", "O". */
function grammarTags(words: readonly string[]): string[] {
  const starts: number[] = [];
  let text = '';
  for (const w of words) {
    if (text) text += ' ';
    starts.push(text.length);
    text += w;
  }
  const out = words.map(() => 'O');
  for (const m of findTemporal(text))
    words.forEach((w, i) => {
      if (starts[i] >= m.start && starts[i] + w.length <= m.end) out[i] = `${starts[i] === m.start ? 'B' : 'I'}-${m.type}`;
    });
  return out;
}

function spansOf(tags: Uint8Array): Set<string> {
  return new Set(pathSpans(tags, TAGS).map((s) => `${s.first}:${s.last}:${s.type}`));
}

const ALLOWED = allowedTransitions(TAGS);
const FINAL = finalAllowed(TAGS);

/** A decoder with the weights as a shipped table would hold them (--prune), or as trained. */
function scorerOf(model: AveragedPerceptron): AveragedPerceptron {
  const { weights, transitions } = model.averaged();
  const scorer = new AveragedPerceptron(BUCKETS, TAGS.length, ALLOWED, FINAL);
  scorer.weights.set(PRUNE === undefined ? weights : pruned(weights, Number(PRUNE)));
  scorer.transitions.set(transitions);
  return scorer;
}

/** One epoch over the sentences, in a fixed order rotated per epoch: the same data gives the same model. */
function learnEpoch(model: AveragedPerceptron, sentences: readonly TrainingSentence[], epoch: number): void {
  for (let k = 0; k < sentences.length; k++) model.learn(sentences[(k * 7919 + epoch * 104729) % sentences.length]);
}

function count(counts: Map<string, Counts>, found: ReadonlySet<string>, gold: ReadonlySet<string>): void {
  for (const key of found) bump(counts, key.split(':')[2], gold.has(key) ? 'tp' : 'fp');
  for (const key of gold) if (!found.has(key)) bump(counts, key.split(':')[2], 'fn');
}

/** Counts after each epoch, each article scored by the model trained on the other folds. */
function crossValidate(examples: readonly TrainingSentence[][], maxEpochs: number): Map<string, Counts>[] {
  const byEpoch = Array.from({ length: maxEpochs }, () => new Map<string, Counts>());
  for (let fold = 0; fold < FOLDS; fold++) {
    const train = examples.filter((_, i) => i % FOLDS !== fold).flat();
    const held = examples.filter((_, i) => i % FOLDS === fold).flat();
    const model = new AveragedPerceptron(BUCKETS, TAGS.length, ALLOWED, FINAL);
    for (let epoch = 0; epoch < maxEpochs; epoch++) {
      learnEpoch(model, train, epoch);
      const scorer = scorerOf(model);
      for (const s of held) count(byEpoch[epoch], spansOf(scorer.decode(s.feats, s.gold.length)), spansOf(s.gold));
    }
  }
  return byEpoch;
}

/** The report half's figures, the tagger's and the grammar's on the same sentences. */
function reportOnce(path: string, asExample: (s: OntoSentence) => TrainingSentence, scorer: AveragedPerceptron, epochs: number): void {
  const tagger = new Map<string, Counts>();
  const grammar = new Map<string, Counts>();
  for (const s of ontonotesSentenceArticles(path, 'report').flat()) {
    const gold = spansOf(goldTags(s.tags));
    count(tagger, spansOf(scorer.decode(asExample(s).feats, s.words.length)), gold);
    const fromGrammar = grammarTags(s.words).map((t) => (t === 'O' ? 'O' : `${t[0]}-${t.slice(2) === 'Date' ? 'DATE' : 'MONEY'}`));
    count(grammar, new Set(asBilouSpans(fromGrammar)), gold);
  }
  console.log(
    `REPORT half, read once: trained on the whole tuning half for ${epochs} epochs (the cross-validation pick); sentence by sentence:`,
  );
  for (const type of TYPES) console.log('  ' + formatPrf(`tagger, ${type}`, tagger.get(type) ?? { tp: 0, fp: 0, fn: 0 }));
  for (const type of TYPES) console.log('  ' + formatPrf(`grammar, ${type}`, grammar.get(type) ?? { tp: 0, fp: 0, fn: 0 }));
}

function main(): void {
  const path = join(dataDir(ARGS), 'ontonotes-dev.txt');
  const useGrammar = ARGS.includes('--grammar');
  const asExample = (s: OntoSentence): TrainingSentence => ({
    feats: featuresOf(s.words, useGrammar ? grammarTags(s.words) : null),
    gold: goldTags(s.tags),
  });
  const examples = ontonotesSentenceArticles(path, 'tune').map((a) => a.map(asExample));
  const byEpoch = crossValidate(examples, Number(option(ARGS, '--epochs') ?? 10));
  console.log(
    `tagger ${useGrammar ? 'WITH the grammar as features (not a held-out figure)' : 'without the grammar'}, five-fold cross-validation by article, tuning half, exact span:`,
  );
  byEpoch.forEach((counts, epoch) => {
    for (const type of TYPES) console.log('  ' + formatPrf(`${epoch + 1} epochs, ${type}`, counts.get(type) ?? { tp: 0, fp: 0, fn: 0 }));
  });
  const goodness = (c: Map<string, Counts>): number => TYPES.reduce((sum, t) => sum + f1Of(c.get(t)), 0);
  const epochs = 1 + byEpoch.reduce((best, c, i) => (goodness(c) > goodness(byEpoch[best]) ? i : best), 0);
  const model = new AveragedPerceptron(BUCKETS, TAGS.length, ALLOWED, FINAL);
  for (let epoch = 0; epoch < epochs; epoch++) learnEpoch(model, examples.flat(), epoch);
  const rows = liveRows(pruned(model.averaged().weights, Number(PRUNE ?? 0)));
  console.log(
    `trained on the whole tuning half for ${epochs} epochs (the cross-validation pick): ${rows} live rows of ${TAGS.length} int8 weights`,
  );
  if (ARGS.includes('--report-once')) reportOnce(path, asExample, scorerOf(model), epochs);
}

/** The weights as int8 would store them (the largest magnitude at 127), those of magnitude `keep` or less zero. */
function pruned(weights: Float32Array, keep: number): Float32Array {
  let max = 0;
  for (const w of weights) max = Math.max(max, Math.abs(w));
  const scale = (max || 1) / 127;
  return Float32Array.from(weights, (w) => {
    const q = Math.round(w / scale);
    return Math.abs(q) > keep ? q * scale : 0;
  });
}

/** Buckets with any weight other than zero: the rows a sparse table would store. */
function liveRows(weights: Float32Array): number {
  let rows = 0;
  for (let b = 0; b < BUCKETS; b++)
    for (let t = 0; t < TAGS.length; t++)
      if (weights[b * TAGS.length + t] !== 0) {
        rows++;
        break;
      }
  return rows;
}

/** "first:last:TYPE" of spans given as B-/I- tags. */
function asBilouSpans(tags: readonly string[]): string[] {
  const out: string[] = [];
  tags.forEach((t, i) => {
    if (t[0] !== 'B') return;
    let last = i;
    while (tags[last + 1] === `I-${t.slice(2)}`) last++;
    out.push(`${i}:${last}:${t.slice(2)}`);
  });
  return out;
}

main();
