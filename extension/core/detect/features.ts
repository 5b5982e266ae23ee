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
export const SEEN_CAPITALIZED_MIDSENTENCE = 2;

/** What the features need of one token, computed once per token (one slice, one lowercase). */
export interface TokenProps {
  word: number;
  /** Hash of the plain lowercase word: the key of DocumentFacts and CommonWords. */
  key: number;
  shape: number;
  short: number;
  prefixes: [number, number, number, number];
  suffixes: [number, number, number, number];
  /** Starts with an uppercase letter / a lowercase letter (neither for digits, punctuation, CJK). */
  capitalized: boolean;
  lowercase: boolean;
  /** Four letters or more, starting with a letter: the words that decide a sentence's casing. */
  long: boolean;
  allCaps: boolean;
  /** An opening quote, colon, bracket or dash: a capital after it says nothing. */
  opening: boolean;
  /** Has an uppercase letter, a digit or a caseless letter: could be (part of) a name. */
  marked: boolean;
  length: number;
}

const FNV_OFFSET = 0x811c9dc5;

function fnvStep(h: number, c: number): number {
  return Math.imul(h ^ c, 0x01000193);
}

/** Typographic apostrophes and quotes as ASCII, so that "T-Mobile’s" and "T-Mobile's" are one word. */
function normalizeQuote(c: number): number {
  if (c === 0x2019 || c === 0x2018) return 39;
  if (c === 0x201c || c === 0x201d) return 34;
  return c;
}

/** The key of a word in DocumentFacts, CommonWords and the cue lexicon: its lowercase, quotes as ASCII. */
export function wordKey(word: string): number {
  const lower = word.toLowerCase();
  let h = FNV_OFFSET;
  for (let i = 0; i < lower.length; i++) h = fnvStep(h, normalizeQuote(lower.charCodeAt(i)));
  return h >>> 0;
}

/** Murmur3's finalizer over two values: a well-spread 32-bit hash. */
export function mix(a: number, b: number): number {
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

const UPPER = 88; // X
const LOWER = 120; // x
const CASELESS = 99; // c: a letter without case (CJK…)

function shapeClass(raw: string, lower: string, i: number): number {
  const c = raw.charCodeAt(i);
  if (c >= 65 && c <= 90) return UPPER;
  if (c >= 97 && c <= 122) return LOWER;
  if (c >= 48 && c <= 57) return 100; // d
  if (c < 128) return c;
  if (lower.charCodeAt(i) !== c) return UPPER;
  if (raw[i].toUpperCase() !== raw[i]) return LOWER;
  return /\p{L}/u.test(raw[i]) ? CASELESS : normalizeChar(c);
}

function isOpeningChar(c: number): boolean {
  return c === 34 || c === 0x201c || c === 0x2018 || c === 39 || c === 58 || c === 40 || c === 45 || c === 0x2014;
}

/** Whether text[start, end) is all ASCII. */
function isAscii(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) >= 128) return false;
  return true;
}

export function tokenProps(text: string, token: Token): TokenProps {
  // Nearly every token is ASCII: it is read in place and lowercased by hand, with no copies. Others
  // are copied and lowercased (which may change their length); `at` is where the token starts in `raw`.
  const ascii = isAscii(text, token.start, token.end);
  const raw = ascii ? text : text.slice(token.start, token.end);
  const lower = ascii ? text : raw.toLowerCase();
  const at = ascii ? token.start : 0;
  const rawLength = ascii ? token.end - token.start : raw.length;
  const lowerLength = ascii ? rawLength : lower.length;
  const lowerAt = (i: number): number => {
    const c = lower.charCodeAt(at + i);
    return ascii && c >= 65 && c <= 90 ? c + 32 : c;
  };
  let word = FNV_OFFSET;
  let key = FNV_OFFSET;
  const prefixes: [number, number, number, number] = [0, 0, 0, 0];
  for (let i = 0; i < lowerLength; i++) {
    const c = lowerAt(i);
    key = fnvStep(key, normalizeQuote(c));
    word = fnvStep(word, normalizeChar(c));
    if (i < 4) prefixes[i] = word >>> 0;
  }
  const suffixes: [number, number, number, number] = [0, 0, 0, 0];
  let suffix = FNV_OFFSET;
  for (let i = lowerLength - 1, k = 0; i >= 0 && k < 4; i--, k++) {
    suffix = fnvStep(suffix, normalizeChar(lowerAt(i)));
    suffixes[k] = suffix >>> 0;
  }
  // Full shape caps runs at 3 ("Xxxx" for every capitalized word of 4+ letters); short collapses runs.
  let shape = FNV_OFFSET;
  let short = FNV_OFFSET;
  let last = -1;
  let run = 0;
  let uppers = 0;
  let lowers = 0;
  let others = 0;
  for (let i = 0; i < rawLength; i++) {
    const cls = shapeClass(raw, lower, at + i);
    if (cls === UPPER) uppers++;
    else if (cls === LOWER) lowers++;
    else if (cls === 100 || cls === CASELESS) others++;
    if (cls === last) run++;
    else run = 1;
    if (run <= 3) shape = fnvStep(shape, cls);
    if (run === 1) short = fnvStep(short, cls);
    last = cls;
  }
  const first = rawLength ? shapeClass(raw, lower, at) : 0;
  const startsWithLetter = first === UPPER || first === LOWER || first === CASELESS;
  return {
    word: word >>> 0,
    key: key >>> 0,
    shape: shape >>> 0,
    short: short >>> 0,
    prefixes,
    suffixes,
    capitalized: first === UPPER,
    lowercase: first === LOWER,
    long: startsWithLetter && rawLength >= 4,
    allCaps: uppers > 0 && lowers === 0,
    opening: rawLength === 1 && isOpeningChar(raw.charCodeAt(at)),
    marked: uppers + others > 0,
    length: rawLength,
  };
}

export function sentenceProps(text: string, tokens: readonly Token[]): TokenProps[] {
  return tokens.map((t) => tokenProps(text, t));
}

/** Title Case or CAPITALS, judged on the words of four letters or more (function words are often lower). */
export function sentenceCasing(props: readonly TokenProps[]): Casing {
  let words = 0;
  let capital = 0;
  let caps = 0;
  for (const p of props) {
    if (!p.long) continue;
    words++;
    if (p.capitalized) capital++;
    if (p.allCaps) caps++;
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

export function documentFacts(sentences: readonly { props: readonly TokenProps[]; casing: Casing }[]): DocumentFacts {
  const facts: DocumentFacts = new Map();
  for (const { props, casing } of sentences) {
    for (let i = 0; i < props.length; i++) {
      const p = props[i];
      let flag = 0;
      if (p.lowercase) flag = SEEN_LOWER;
      else if (p.capitalized && casing === Casing.Normal && i > 0 && !props[i - 1].opening) flag = SEEN_CAPITALIZED_MIDSENTENCE;
      if (flag) facts.set(p.key, (facts.get(p.key) ?? 0) | flag);
    }
  }
  return facts;
}

export const FEATURES_PER_TOKEN = 32;

/**
 * Words usually written in lowercase (learned from the training text, shipped in the model): a
 * capitalized "However" or "Hacked" at a sentence start or in a headline is most likely not a name.
 */
export type CommonWords = Set<number>;

export function commonWords(words: Iterable<string>): CommonWords {
  const set: CommonWords = new Set();
  for (const w of words) set.add(wordKey(w));
  return set;
}

/**
 * Tokens the tagger can leave out (1): neither they nor their neighbours have a capital, a digit or
 * a caseless letter. CoNLL has next to no entities there, and most of an article's tokens are such;
 * skipping them is most of the detector's speed.
 */
export function plainTokens(props: readonly TokenProps[], out?: Uint8Array): Uint8Array {
  const n = props.length;
  const plain = out && out.length >= n ? out : new Uint8Array(n);
  for (let i = 0; i < n; i++) plain[i] = props[i].marked || (i > 0 && props[i - 1].marked) || (i + 1 < n && props[i + 1].marked) ? 0 : 1;
  return plain;
}

/**
 * Bucket indices for every token of one sentence: FEATURES_PER_TOKEN per token, in token order.
 * `buckets` must be a power of two. Tokens marked in `skip` get no features (their slots are stale).
 */
export function sentenceFeatures(
  props: readonly TokenProps[],
  casing: Casing,
  facts: DocumentFacts,
  common: CommonWords,
  buckets: number,
  out?: Int32Array,
  skip?: Uint8Array,
): Int32Array {
  const n = props.length;
  const feats = out && out.length >= n * FEATURES_PER_TOKEN ? out : new Int32Array(n * FEATURES_PER_TOKEN);
  const mask = buckets - 1;
  const BOS = 0x5eed0001;
  const EOS = 0x5eed0002;
  const word = (i: number): number => (i < 0 ? BOS : i >= n ? EOS : props[i].word);
  const short = (i: number): number => (i < 0 ? BOS : i >= n ? EOS : props[i].short);
  let at = 0;
  const put = (value: number): void => {
    feats[at] = mix((at % FEATURES_PER_TOKEN) + 0x9e37, value) & mask;
    at++;
  };
  for (let i = 0; i < n; i++) {
    if (skip && skip[i]) {
      at += FEATURES_PER_TOKEN;
      continue;
    }
    const p = props[i];
    const docFlag = p.capitalized ? 4 | (facts.get(p.key) ?? 0) : 0;
    const firstWord = i === 0 || (i === 1 && props[0].opening) ? 1 : 0;
    const usuallyLower = p.capitalized && common.has(p.key) ? 1 : 0;
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
    put(mix(Math.min(p.length, 8), p.short));
    put(mix(usuallyLower, p.short));
    put(mix(mix(usuallyLower, casing), mix(firstWord, docFlag)));
  }
  return feats;
}
