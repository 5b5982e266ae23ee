// Trains the entity tagger on CoNLL-2003 and writes media/models/detector.bin (with the cue words
// learned from PolNeAR by scripts/train/cues.ts in its header).
// Usage: node scripts/run-ts.mjs scripts/train-ner.ts [DATA_DIR] [--epochs N] [--bits B] [--headlines F] [--hyphens F]
//          [--ontonotes K] [--clusters FINE/COARSE] [--runs R] [--no-gazetteer] [--no-refit] [--fold F] [--out PATH]
//   --headlines: share of sentences also trained as Title Case headlines; --hyphens: see hyphenateOrganizations;
//   --ontonotes: how many times each sentence of the OntoNotes dev copy's TUNING half is seen per epoch
//   (0: CoNLL only; its names drawn as CoNLL draws them, see nameConventions in eval/ontonotes.ts);
//   --clusters: how many word clusters, fine and coarse (0: none; see train/clusters.ts).
//   DATA_DIR defaults to ../shared/eval beside the repository. Every tenth CoNLL train
//   document and every fourth block of the OntoNotes tuning half (TAGGER_HELD_OUT_EVERY) are held out to pick the epoch (and stop early);
//   CoNLL dev and the OntoNotes report half are never read, so they stay held-out reports. The
//   chosen epochs are then trained again on everything, held-out parts included, R times in other
//   orders (--runs, default 8), and the R weight tables averaged; --no-refit leaves the held-out
//   parts out of that, to compare settings on them (`npm run eval -- --ontonotes-half held-out`).
//   --fold F (0-3): which fold of the OntoNotes tuning blocks is held out (default the last, as shipped);
//   with --no-refit, one model per fold scored with `npm run eval -- --ontonotes-half held-out --fold F`
//   compares settings by cross-validation over the whole tuning half.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  commonWords,
  compileClusters,
  compileGazetteer,
  documentFacts,
  FEATURE_VERSION,
  sentenceCasing,
  sentenceFeatures,
  sentenceProps,
  type ClusterLists,
  type GazetteerLists,
  type WordLists,
} from '../extension/core/detect/features';
import {
  allowedTransitions,
  bilouTags,
  encodeModel,
  finalAllowed,
  pathSpans,
  type ModelHeader,
  type TaggerModel,
} from '../extension/core/detect/tagger';
import { emissionScores, viterbi } from '../extension/core/detect/tagger';
import { goldSpans, layOut, readConll, toBilou, type ConllDocument, type ConllSentence } from './train/conll';
import { learnCues } from './train/cues';
import { learnClusters } from './train/clusters';
import { buildGazetteer } from './train/gazetteer';
import { ontonotesTrainingDocuments } from './train/ontonotes';
import { SHIPPED_FOLD } from './eval/ontonotes';
import { unlabelledDocuments } from './train/unlabelled';
import { dataDir, option, repoRoot } from './train/paths';
import { AveragedPerceptron, quantize, type TrainingSentence } from './train/perceptron';
import { prf, type Counts } from './eval/score';

const TYPES = ['PER', 'ORG', 'LOC', 'MISC'];
/** Every HELD_OUT_EVERY-th training document picks the epoch; training stops PATIENCE epochs after the best. */
const HELD_OUT_EVERY = 10;
const PATIENCE = 2;
/**
 * The largest emission weight maps to this: 256 levels each way instead of 32767 left the figures
 * as they were (CoNLL dev 0.915, OntoNotes report half 0.650, seeds 0.940-0.943) and shrank the
 * deflated weights from 1,153 KB to 743 KB (the .vsix must stay under 3 MB).
 */
const EMISSION_LEVELS = 256;
const SMALL_WORDS = new Set(['a', 'an', 'the', 'of', 'in', 'on', 'for', 'and', 'or', 'to', 'at', 'by', 'with', 'from', 'as', 'is', 'are']);

interface Example extends TrainingSentence {
  spans: { first: number; last: number; type: string }[];
}

/** A random generator with a seed, so runs are repeatable. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The sentence as a Title Case headline, the way web articles write them (CoNLL has capitals instead). */
function titleCase(sentence: ConllSentence): ConllSentence {
  const words = sentence.words.map((w, i) =>
    i > 0 && SMALL_WORDS.has(w.toLowerCase()) ? w : w.replace(/^\p{Ll}/u, (c) => c.toUpperCase()),
  );
  return { words, tags: sentence.tags };
}

/**
 * Modern brand names are often a letter and a hyphen before a word (T-Mobile, E-Trade); 1996 Reuters
 * has almost none, and its hyphenated capitals are mostly MISC adjectives (Anglo-French). Some
 * one-word organizations get such a prefix so that the hyphen shape does not decide the type alone.
 */
function hyphenateOrganizations(sentence: ConllSentence, share: number, random: () => number): ConllSentence {
  const words = sentence.words.map((w, i) =>
    sentence.tags[i] === 'B-ORG' && sentence.tags[i + 1] !== 'I-ORG' && /^\p{Lu}\p{Ll}+$/u.test(w) && random() < share
      ? `${String.fromCharCode(65 + Math.floor(random() * 26))}-${w}`
      : w,
  );
  return { words, tags: sentence.tags };
}

function examples(
  docs: ConllDocument[],
  tags: string[],
  lists: WordLists,
  buckets: number,
  augment: { headlines: number; hyphens: number },
  random: () => number,
): Example[] {
  const out: Example[] = [];
  for (const original of docs) {
    const doc =
      augment.hyphens > 0 ? { sentences: original.sentences.map((s) => hyphenateOrganizations(s, augment.hyphens, random)) } : original;
    const headlineShare = augment.headlines;
    const extra = headlineShare > 0 ? doc.sentences.filter((s) => s.words.length >= 4 && random() < headlineShare).map(titleCase) : [];
    const laid = layOut({ sentences: [...doc.sentences, ...extra] });
    const sentences = laid.sentences.map((s) => {
      const props = sentenceProps(laid.text, s.tokens);
      return { ...s, props, casing: sentenceCasing(props) };
    });
    const facts = documentFacts(sentences);
    for (const s of sentences) {
      const feats = sentenceFeatures(s.props, s.casing, facts, lists, buckets);
      const gold = Uint8Array.from(toBilou(s.tags), (t) => tags.indexOf(t));
      const spans = goldSpans(s.tokens, s.tags).map((g) => ({
        first: s.tokens.findIndex((t) => t.start === g.start),
        last: s.tokens.findIndex((t) => t.end === g.end),
        type: g.type,
      }));
      out.push({ feats, gold, spans });
    }
  }
  return out;
}

function evaluate(model: TaggerModel, dev: Example[], allowed: Uint8Array, final: Uint8Array): { f1: number; counts: Counts } {
  const T = model.header.tags.length;
  const counts: Counts = { tp: 0, fp: 0, fn: 0 };
  for (const ex of dev) {
    const n = ex.gold.length;
    const path = viterbi(emissionScores(ex.feats, n, model.emissions, T, model.header.scale), n, T, model.transitions, allowed, final);
    const predicted = new Set(pathSpans(path, model.header.tags).map((s) => `${s.first}:${s.last}:${s.type}`));
    const gold = new Set(ex.spans.map((s) => `${s.first}:${s.last}:${s.type}`));
    for (const p of predicted)
      if (gold.has(p)) counts.tp++;
      else counts.fp++;
    for (const g of gold) if (!predicted.has(g)) counts.fn++;
  }
  return { f1: prf(counts).f1, counts };
}

/**
 * Words written in lowercase at least MIN_LOWERCASE times and more often lowercase than capitalized
 * in the training text (CoNLL train and the PolNeAR train articles).
 */
function lowercaseWords(docs: ConllDocument[], polnearText: string): string[] {
  const MIN_LOWERCASE = 3;
  const counts = new Map<string, { lower: number; upper: number }>();
  const count = (word: string): void => {
    if (!/^\p{L}[\p{L}'-]*$/u.test(word)) return;
    const key = word.toLowerCase();
    const c = counts.get(key) ?? { lower: 0, upper: 0 };
    if (word === key) c.lower++;
    else c.upper++;
    counts.set(key, c);
  };
  for (const doc of docs) for (const s of doc.sentences) s.words.forEach(count);
  for (const f of readdirSync(polnearText))
    for (const w of readFileSync(join(polnearText, f), 'utf8').split(/[^\p{L}'-]+/u)) count(w.replace(/^'+|'+$/g, ''));
  return [...counts]
    .filter(([, c]) => c.lower >= MIN_LOWERCASE && c.lower > c.upper)
    .map(([w]) => w)
    .sort();
}

function shuffled(n: number, random: () => number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/**
 * The weights learned `runs` times over, each time in other random orders, and averaged: one run's
 * weights depend on the order it saw the sentences in (a few names of the sample articles change
 * type from one order to the next); their mean depends on it less.
 */
function retrain(
  examples: Example[],
  epochs: number,
  runs: number,
  buckets: number,
  decoding: Decoding,
  random: () => number,
): { weights: Float32Array; transitions: Float32Array } {
  let sum: { weights: Float32Array; transitions: Float32Array } | null = null;
  for (let run = 0; run < runs; run++) {
    const perceptron = new AveragedPerceptron(buckets, decoding.tags.length, decoding.allowed, decoding.final);
    for (let epoch = 1; epoch <= epochs; epoch++) for (const i of shuffled(examples.length, random)) perceptron.learn(examples[i]);
    const learned = perceptron.averaged();
    if (!sum) sum = learned;
    else {
      for (let i = 0; i < sum.weights.length; i++) sum.weights[i] += learned.weights[i];
      for (let i = 0; i < sum.transitions.length; i++) sum.transitions[i] += learned.transitions[i];
    }
  }
  if (!sum) throw new Error('runs must be at least 1');
  return { weights: sum.weights.map((w) => w / runs), transitions: sum.transitions.map((w) => w / runs) };
}

/** The words the features read beyond the token: lowercase words, the gazetteer, the word clusters. */
function wordLists(
  args: readonly string[],
  data: string,
  conllTrain: ConllDocument[],
): { lists: WordLists; lowercase: string[]; gazetteer: GazetteerLists; clusters: ClusterLists | undefined } {
  const t0 = Date.now();
  const lowercase = lowercaseWords(conllTrain, join(data, 'polnear-train/text'));
  const gazetteer = args.includes('--no-gazetteer')
    ? { places: '', nationalities: '', firstNames: '', companies: '' }
    : buildGazetteer(new Set(lowercase));
  const [fine, coarse] = (option(args, '--clusters') ?? '512/64').split('/').map(Number);
  const learned = fine > 0 ? learnClusters(unlabelledDocuments(data, conllTrain), { fine, coarse: coarse ?? 64 }) : null;
  const clusters = learned ? { words: learned.lines.join('\n'), groups: learned.groups } : undefined;
  const lists: WordLists = { common: commonWords(lowercase), gazetteer: compileGazetteer(gazetteer), clusters: compileClusters(clusters) };
  console.log(
    `clusters: ${lists.clusters.size} words in ${learned?.lines.length ?? 0} clusters, ${new Set(learned?.groups).size} coarse (${Date.now() - t0} ms)`,
  );
  console.log(`common words: ${lowercase.length} words usually written in lowercase`);
  console.log(
    `gazetteer: ${Object.entries(gazetteer)
      .map(([k, v]) => `${v.split('\n').length} ${k}`)
      .join(', ')}`,
  );
  return { lists, lowercase, gazetteer, clusters };
}

interface Decoding {
  tags: string[];
  allowed: Uint8Array;
  final: Uint8Array;
}

/**
 * Trains epoch after epoch and keeps the best on the held-out parts (with OntoNotes, the mean of
 * the two F1s), stopping PATIENCE epochs after the best.
 */
function chooseEpoch(
  train: Example[],
  heldOut: { conll: Example[]; ontonotes: Example[] },
  header: Omit<ModelHeader, 'scale'>,
  epochs: number,
  decoding: Decoding,
  random: () => number,
): { f1: number; model: TaggerModel; epoch: number } | null {
  const { tags, allowed, final } = decoding;
  const perceptron = new AveragedPerceptron(header.buckets, tags.length, allowed, final);
  let best: { f1: number; model: TaggerModel; epoch: number } | null = null;
  for (let epoch = 1; epoch <= epochs && (!best || epoch - best.epoch <= PATIENCE); epoch++) {
    const t0 = Date.now();
    for (const i of shuffled(train.length, random)) perceptron.learn(train[i]);
    const avg = perceptron.averaged();
    const { emissions, scale } = quantize(avg.weights, EMISSION_LEVELS);
    const model: TaggerModel = { header: { ...header, scale }, transitions: avg.transitions, emissions };
    const conllF1 = evaluate(model, heldOut.conll, allowed, final).f1;
    const ontonotesF1 = heldOut.ontonotes.length ? evaluate(model, heldOut.ontonotes, allowed, final).f1 : null;
    const f1 = ontonotesF1 === null ? conllF1 : (conllF1 + ontonotesF1) / 2;
    console.log(
      `epoch ${epoch}: held-out F1 ${f1.toFixed(4)} (CoNLL train ${conllF1.toFixed(4)}${ontonotesF1 === null ? '' : `, OntoNotes tuning ${ontonotesF1.toFixed(4)}`}; spans, quantized weights; ${Date.now() - t0} ms)`,
    );
    if (!best || f1 > best.f1) best = { f1, model, epoch };
  }
  return best;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const data = dataDir(args);
  const epochs = Number(option(args, '--epochs') ?? 12);
  const bits = Number(option(args, '--bits') ?? 16);
  const augment = { headlines: Number(option(args, '--headlines') ?? 0.3), hyphens: Number(option(args, '--hyphens') ?? 0.2) };
  const ontonotesRepeats = Number(option(args, '--ontonotes') ?? 4);
  const runs = Number(option(args, '--runs') ?? 8);
  const buckets = 2 ** bits;
  const tags = bilouTags(TYPES);
  const decoding: Decoding = { tags, allowed: allowedTransitions(tags), final: finalAllowed(tags) };
  const random = seeded(20031);

  const t0 = Date.now();
  const allTrain = readConll(join(data, 'conll2003-train.txt'));
  const trainDocs = allTrain.filter((_, i) => i % HELD_OUT_EVERY !== HELD_OUT_EVERY - 1);
  const heldOutDocs = allTrain.filter((_, i) => i % HELD_OUT_EVERY === HELD_OUT_EVERY - 1);
  const { lists, lowercase, gazetteer, clusters } = wordLists(args, data, allTrain);
  const plain = { headlines: 0, hyphens: 0 };
  const train = examples(trainDocs, tags, lists, buckets, augment, random);
  const heldOut = examples(heldOutDocs, tags, lists, buckets, plain, random);
  const ontonotesDocs =
    ontonotesRepeats > 0
      ? ontonotesTrainingDocuments(join(data, 'ontonotes-dev.txt'), Number(option(args, '--fold') ?? SHIPPED_FOLD))
      : { train: [], heldOut: [] };
  const ontonotesTrain = examples(ontonotesDocs.train, tags, lists, buckets, plain, random);
  const ontonotesHeldOut = examples(ontonotesDocs.heldOut, tags, lists, buckets, plain, random);
  for (let k = 0; k < ontonotesRepeats; k++) train.push(...ontonotesTrain);
  console.log(
    `features: ${train.length} training sentences (OntoNotes tuning sentences ${ontonotesTrain.length} x ${ontonotesRepeats}), ${heldOut.length} held-out CoNLL train sentences (every ${HELD_OUT_EVERY}th document), ${ontonotesHeldOut.length} held-out OntoNotes tuning sentences, ${buckets} buckets (${Date.now() - t0} ms)`,
  );

  const cues = learnCues(join(data, 'polnear-train'));
  console.log(
    `cues: ${Object.keys(cues.cues).length} cue words and phrases learned from PolNeAR train, attribution threshold ${cues.threshold}, sentence classifier cutoff ${cues.sentence?.cutoff}`,
  );
  const header = { featureVersion: FEATURE_VERSION, tags, buckets, cues, commonWords: lowercase.join(' '), gazetteer, clusters };
  const best = chooseEpoch(train, { conll: heldOut, ontonotes: ontonotesHeldOut }, header, epochs, decoding, random);
  if (!best) return;
  // The epoch count chosen, the weights are learned again on all of train (the held-out parts too),
  // unless the model is for choosing settings on the held-out parts (--no-refit).
  const refit = !args.includes('--no-refit');
  const all = [...train];
  if (refit) {
    all.push(...heldOut);
    for (let k = 0; k < ontonotesRepeats; k++) all.push(...ontonotesHeldOut);
  }
  const final = retrain(all, best.epoch, runs, buckets, decoding, random);
  const { emissions, scale } = quantize(final.weights, EMISSION_LEVELS);
  const model: TaggerModel = { header: { ...header, scale }, transitions: final.transitions, emissions };
  const bytes = encodeModel(model);
  const out = option(args, '--out') ?? join(repoRoot, 'media/models/detector.bin');
  writeFileSync(out, bytes);
  console.log(
    `wrote ${out}: ${best.epoch} epochs on ${refit ? 'all of train' : 'train without its held-out parts'}, the mean of ${runs} runs (held-out F1 at that epoch ${best.f1.toFixed(4)}), ${(bytes.length / 1024).toFixed(0)} KB raw, ${(gzipSync(bytes, { level: 9 }).length / 1024).toFixed(0)} KB gzip`,
  );
}

void main();
