import type { Token } from './tokens';

/**
 * Hashed features of the entity tagger. Training (scripts/train-ner.ts) and the detector share this
 * code, so what the model learned is what it sees. Each token gets a fixed number of features, each
 * a bucket index into the weight table; per-token string properties are hashed once and combined
 * numerically, so there is no string concatenation per feature.
 */

/** Bump when the templates change: a model trained on other templates must not be loaded. */
export const FEATURE_VERSION = 4;

/** How a sentence is cased: headlines in Title Case or CAPITALS make capitalization uninformative. */
export const Casing = { Normal: 0, Title: 1, Caps: 2 } as const;
export type Casing = (typeof Casing)[keyof typeof Casing];

/** Per-word facts gathered over the whole document (see documentFacts). */
const SEEN_LOWER = 1;
const SEEN_CAPITALIZED_MIDSENTENCE = 2;

interface TokenProps {
  word: number;
  shape: number;
  short: number;
  prefixes: [number, number, number, number];
  suffixes: [number, number, number, number];
  capitalized: boolean;
  lower: string;
}

const FNV_OFFSET = 0x811c9dc5;

function fnvStep(h: number, c: number): number {
  return Math.imul(h ^ c, 0x01000193);
}

function hashString(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = fnvStep(h, s.charCodeAt(i));
  return h >>> 0;
}

/** Murmur3's finalizer over two values: a well-spread 32-bit hash. */
function mix(a: number, b: number): number {
  let h = Math.imul(a ^ Math.imul(b, 0xcc9e2d51), 0x1b873593);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Curly quotes and dashes as CoNLL's ASCII; digits as 0 so that years and amounts generalize. */
function normalizeChar(c: number): number {
  if (c === 0x2019 || c === 0x2018 || c === 0x2032) return 39;
  if (c === 0x201c || c === 0x201d || c === 0x201e) return 34;
  if (c === 0x2013 || c === 0x2014 || c === 0x2011) return 45;
  if (c >= 48 && c <= 57) return 48;
  return c;
}

function shapeClass(ch: string, c: number): number {
  if (c >= 65 && c <= 90) return 88; // X
  if (c >= 97 && c <= 122) return 120; // x
  if (c >= 48 && c <= 57) return 100; // d
  if (c < 128) return c;
  const lower = ch.toLowerCase();
  if (lower !== ch) return 88;
  if (ch.toUpperCase() !== ch) return 120;
  return /\p{L}/u.test(ch) ? 99 : normalizeChar(c); // c: caseless letter (CJK…)
}

const WORD_LIKE = /^[\p{L}\p{N}]/u;

function tokenProps(text: string, token: Token): TokenProps {
  const raw = text.slice(token.start, token.end);
  const lower = raw.toLowerCase();
  let word = FNV_OFFSET;
  const prefixes: [number, number, number, number] = [0, 0, 0, 0];
  for (let i = 0; i < lower.length; i++) {
    word = fnvStep(word, normalizeChar(lower.charCodeAt(i)));
    if (i < 4) prefixes[i] = word >>> 0;
  }
  const suffixes: [number, number, number, number] = [0, 0, 0, 0];
  let suffix = FNV_OFFSET;
  for (let i = lower.length - 1, k = 0; i >= 0 && k < 4; i--, k++) {
    suffix = fnvStep(suffix, normalizeChar(lower.charCodeAt(i)));
    suffixes[k] = suffix >>> 0;
  }
  // Full shape caps runs at 3 ("Xxxx" for every capitalized word of 4+ letters); short collapses runs.
  let shape = FNV_OFFSET;
  let short = FNV_OFFSET;
  let last = -1;
  let run = 0;
  for (let i = 0; i < raw.length; i++) {
    const cls = shapeClass(raw[i], raw.charCodeAt(i));
    if (cls === last) run++;
    else run = 1;
    if (run <= 3) shape = fnvStep(shape, cls);
    if (run === 1) short = fnvStep(short, cls);
    last = cls;
  }
  const first = raw[0];
  const capitalized = WORD_LIKE.test(first) && first.toLowerCase() !== first;
  return { word: word >>> 0, shape: shape >>> 0, short: short >>> 0, prefixes, suffixes, capitalized, lower };
}

/** Title Case or CAPITALS, judged on the words of four letters or more (function words are often lower). */
export function sentenceCasing(text: string, tokens: readonly Token[]): Casing {
  let words = 0;
  let capital = 0;
  let caps = 0;
  for (const t of tokens) {
    if (t.end - t.start < 4) continue;
    const w = text.slice(t.start, t.end);
    if (!/^\p{L}/u.test(w)) continue;
    words++;
    if (w[0] !== w[0].toLowerCase()) capital++;
    if (w === w.toUpperCase() && w !== w.toLowerCase()) caps++;
  }
  if (words >= 2 && caps === words) return Casing.Caps;
  if (words >= 3 && capital >= words * 0.75) return Casing.Title;
  return Casing.Normal;
}

/**
 * What the whole document says about each word: whether it also occurs in lowercase, and whether it
 * occurs capitalized in the middle of an ordinary sentence. This is what tells "Breach" in a
 * headline (also written "breach" below) from "Typhoon" (always capitalized).
 */
export type DocumentFacts = Map<number, number>;

export function documentFacts(text: string, sentences: readonly { tokens: readonly Token[]; casing: Casing }[]): DocumentFacts {
  const facts: DocumentFacts = new Map();
  for (const { tokens, casing } of sentences) {
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      const first = text.charCodeAt(t.start);
      const isUpper = (first >= 65 && first <= 90) || (first > 127 && text[t.start].toLowerCase() !== text[t.start]);
      const isLower = (first >= 97 && first <= 122) || (first > 127 && text[t.start].toUpperCase() !== text[t.start]);
      if (!isUpper && !isLower) continue;
      const key = hashString(text.slice(t.start, t.end).toLowerCase());
      let flag = 0;
      if (isLower) flag = SEEN_LOWER;
      else if (casing === Casing.Normal && i > 0 && !isOpening(text, tokens[i - 1])) flag = SEEN_CAPITALIZED_MIDSENTENCE;
      if (flag) facts.set(key, (facts.get(key) ?? 0) | flag);
    }
  }
  return facts;
}

/** A token after which a capital letter says nothing: an opening quote, a colon, a bullet. */
function isOpening(text: string, t: Token): boolean {
  const c = text.charCodeAt(t.start);
  return t.end - t.start === 1 && (c === 34 || c === 0x201c || c === 0x2018 || c === 39 || c === 58 || c === 40 || c === 45 || c === 0x2014);
}

export const FEATURES_PER_TOKEN = 32;

/**
 * Words usually written in lowercase (learned from the training text, shipped in the model): a
 * capitalized "However" or "Hacked" at a sentence start or in a headline is most likely not a name.
 */
export type CommonWords = Set<number>;

export function commonWords(words: Iterable<string>): CommonWords {
  const set: CommonWords = new Set();
  for (const w of words) set.add(hashString(w));
  return set;
}

/**
 * Bucket indices for every token of one sentence: FEATURES_PER_TOKEN per token, in token order.
 * `buckets` must be a power of two.
 */
export function sentenceFeatures(text: string, tokens: readonly Token[], casing: Casing, facts: DocumentFacts, common: CommonWords, buckets: number, out?: Int32Array): Int32Array {
  const n = tokens.length;
  const feats = out && out.length >= n * FEATURES_PER_TOKEN ? out : new Int32Array(n * FEATURES_PER_TOKEN);
  const props = tokens.map((t) => tokenProps(text, t));
  const mask = buckets - 1;
  const BOS = 0x5eed0001;
  const EOS = 0x5eed0002;
  const word = (i: number): number => (i < 0 ? BOS : i >= n ? EOS : props[i].word);
  const short = (i: number): number => (i < 0 ? BOS : i >= n ? EOS : props[i].short);
  for (let i = 0; i < n; i++) {
    const p = props[i];
    const docFlag = p.capitalized ? 4 | (facts.get(hashString(p.lower)) ?? 0) : 0;
    const firstWord = i === 0 || (i === 1 && isOpening(text, tokens[0])) ? 1 : 0;
    const length = Math.min(tokens[i].end - tokens[i].start, 8);
    const usuallyLower = p.capitalized && common.has(hashString(p.lower)) ? 1 : 0;
    const base = i * FEATURES_PER_TOKEN;
    let k = 0;
    const put = (value: number): void => {
      feats[base + k] = mix(k + 0x9e37, value) & mask;
      k++;
    };
    put(0);
    put(p.word);
    put(word(i - 1));
    put(word(i + 1));
    put(word(i - 2));
    put(word(i + 2));
    put(p.shape);
    put(i > 0 ? props[i - 1].shape : BOS);
    put(i + 1 < n ? props[i + 1].shape : EOS);
    put(p.short);
    put(p.prefixes[0]);
    put(p.prefixes[1]);
    put(p.prefixes[2]);
    put(p.prefixes[3]);
    put(p.suffixes[0]);
    put(p.suffixes[1]);
    put(p.suffixes[2]);
    put(p.suffixes[3]);
    put(mix(word(i - 1), p.word));
    put(mix(p.word, word(i + 1)));
    put(mix(mix(short(i - 1), p.short), short(i + 1)));
    put(mix(casing, p.short));
    put(mix(casing, p.word));
    put(mix(firstWord, p.short));
    put(mix(firstWord, p.word));
    put(mix(docFlag, p.short));
    put(mix(mix(casing, docFlag), mix(firstWord, p.short)));
    put(mix(word(i - 1), p.short));
    put(mix(p.short, word(i + 1)));
    put(mix(length, p.short));
    put(mix(usuallyLower, p.short));
    put(mix(mix(usuallyLower, casing), mix(firstWord, docFlag)));
  }
  return feats;
}
