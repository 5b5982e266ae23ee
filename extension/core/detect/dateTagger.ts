import type { SentenceTokens } from './document';
import { stringHash, type TokenProps } from './features';
import { allowedTransitions, bilouTags, finalAllowed, pathSpans, readFileHeader, viterbi, withFileHeader } from './tagger';
import { normalizeDate, normalizeMoney, type TemporalMatch } from './temporal';

/**
 * Which spans of a sentence are dates and amounts of money, decided by a learned tagger (an
 * averaged perceptron with BILOU tags, decoded by the entity tagger's Viterbi) that reads the
 * grammar's spans (temporal.ts) as features: the grammar proposes, the tagger draws the edges
 * OntoNotes annotators draw ("since 1982" or "1982", "$" in or out). The grammar still gives every
 * value. Only sentences holding a grammar span or a trigger word (a digit, a month, a weekday, a
 * currency) are tagged: elsewhere there is nothing to find, and the detector's time is kept for
 * the rest. Trained by `scripts/tune-date-tagger.ts --write` on the OntoNotes tuning half (the detector's
 * own tokens of its laid-out text); weights in media/models/dates.bin.
 */

export const DATE_TAGGER_TYPES = ['DATE', 'MONEY'] as const;
export const DATE_TAGS = bilouTags(DATE_TAGGER_TYPES);
/**
 * Bumped whenever the features change: a file trained on other features is refused. 2: the 31
 * templates once each (version 1 filled the entity tagger's 37 slots, six templates twice), each
 * template's value hashed between its template number.
 */
export const DATE_FEATURE_VERSION = 2;

export interface DateTaggerHeader {
  featureVersion: number;
  tags: string[];
  /** A power of two, at most 2^16 (bucket ids are stored as 16 bits). */
  buckets: number;
  /** What one unit of an int8 weight is worth. */
  scale: number;
  /**
   * A span the tagger finds whose own text does not give a whole value (a date's ISO value, an
   * amount's currency and amount) takes the value of the grammar's span of its type it overlaps;
   * where there is none, the grammar cannot normalize it: 'keep' it with what its text gives, or
   * 'drop' it (chosen by cross-validation).
   */
  unresolved: 'keep' | 'drop';
  /** Where the weights came from, for people reading the file. */
  trainedOn: string;
}

export interface DateTaggerModel {
  header: DateTaggerHeader;
  transitions: Float32Array;
  /** Dense int8 emissions, bucket * tags + tag (the file stores only the live rows). */
  emissions: Int8Array;
  /** A bit per bucket whose row holds a weight other than zero. */
  live: Uint8Array;
}

const MAGIC = 'SADT';

/**
 * The weights file: "SADT" | u32 header length | header JSON | padding to 4 | f32 transitions
 * [(tags + 1) * tags] | u32 live rows R | u16 bucket of each row [R] | padding to 4 | i8 weights [R * tags].
 * Little-endian. Most buckets are empty after pruning: only the live rows are stored.
 */
export function encodeDateTagger(model: Omit<DateTaggerModel, 'live'>): Uint8Array {
  const { header, transitions, emissions } = model;
  const T = header.tags.length;
  const rows: number[] = [];
  for (let b = 0; b < header.buckets; b++) if (emissions.subarray(b * T, (b + 1) * T).some((w) => w !== 0)) rows.push(b);
  const at = (transitionsAt: number): { rowsAt: number; weightsAt: number } => {
    const rowsAt = transitionsAt + transitions.length * 4;
    return { rowsAt, weightsAt: align4(rowsAt + 4 + rows.length * 2) };
  };
  const { out, view, headerEnd: transitionsAt } = withFileHeader(MAGIC, header, (end) => at(end).weightsAt + rows.length * T);
  const { rowsAt, weightsAt } = at(transitionsAt);
  transitions.forEach((v, i) => view.setFloat32(transitionsAt + i * 4, v, true));
  view.setUint32(rowsAt, rows.length, true);
  rows.forEach((b, r) => {
    view.setUint16(rowsAt + 4 + r * 2, b, true);
    for (let t = 0; t < T; t++) view.setInt8(weightsAt + r * T + t, emissions[b * T + t]);
  });
  return out;
}

/** Reads a weights file; throws on one this version cannot use. */
export function decodeDateTagger(bytes: Uint8Array): DateTaggerModel {
  const { header, view, headerEnd: transitionsAt } = readFileHeader<DateTaggerHeader>(bytes, MAGIC, 'not a date tagger file');
  if (header.featureVersion !== DATE_FEATURE_VERSION)
    throw new Error(`date tagger features v${header.featureVersion}, detector expects v${DATE_FEATURE_VERSION}`);
  if (header.tags.join(' ') !== DATE_TAGS.join(' ') || header.buckets > 1 << 16) throw new Error('date tagger of another layout');
  const T = header.tags.length;
  const transitions = new Float32Array((T + 1) * T);
  for (let i = 0; i < transitions.length; i++) transitions[i] = view.getFloat32(transitionsAt + i * 4, true);
  const rowsAt = transitionsAt + transitions.length * 4;
  const rows = view.getUint32(rowsAt, true);
  const weightsAt = align4(rowsAt + 4 + rows * 2);
  if (bytes.length < weightsAt + rows * T) throw new Error('date tagger file is truncated');
  const emissions = new Int8Array(header.buckets * T);
  const live = new Uint8Array((header.buckets + 7) >>> 3);
  for (let r = 0; r < rows; r++) {
    const b = view.getUint16(rowsAt + 4 + r * 2, true);
    live[b >>> 3] |= 1 << (b & 7);
    for (let t = 0; t < T; t++) emissions[b * T + t] = view.getInt8(weightsAt + r * T + t);
  }
  return { header, transitions, emissions, live };
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

/** Word classes, by the lowercase word: the first that matches. */
const CLASSES: readonly RegExp[] = [
  /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?$/,
  /^(?:mon|tues|wednes|thurs|fri|satur|sun)day$/,
  /^(?:1[5-9]\d\d|20\d\d)$/,
  /^(?:'?\d0'?s|1[5-9]\d0'?s|20\d0'?s|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)$/,
  /^(?:days?|weeks?|weekends?|months?|quarters?|years?|decades?|centur(?:y|ies)|hours?|minutes?|nights?)$/,
  /^(?:ago|last|next|this|yesterday|today|tomorrow|recent(?:ly)?|earlier|later|past|coming|previous|current|now|annual(?:ly)?|daily|monthly|weekly|fiscal)$/,
  /^(?:spring|summer|fall|autumn|winter)$/,
  /^(?:[a-z]{0,3}\$|€|£|¥|₹|dollars?|cents?|euros?|pounds?|yuan|yen|rupees?|marks|francs|pesos|won|bucks|rmb)$/,
  /^(?:hundred|thousand|million|billion|trillion)s?$/,
  /^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a|an|few|several|many|some|half|dozen)$/,
  /^(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|last|final)$/,
  /^[\d.,/:-]+$/,
];
const MONTH = 0;
const WEEKDAY = 1;
const DECADE = 3;
const CURRENCY = 7;
/** A capitalized word of no class, and any other word. */
const CAPITALIZED = CLASSES.length;
const OTHER = CLASSES.length + 1;

/** What the features read of one word, computed once per distinct word. */
interface WordInfo {
  word: number;
  shape: number;
  cls: number;
  prefix: number;
  suffix: number;
  /** A digit, a month, a weekday, a decade or a currency: the sentence is worth tagging. */
  trigger: boolean;
}

const wordInfos = new Map<string, WordInfo>();
/** Distinct words remembered before the memory starts afresh (a corpus has a long tail of them). */
const WORD_MEMORY = 50_000;

function infoOf(word: string): WordInfo {
  let info = wordInfos.get(word);
  if (info) return info;
  const lower = word.toLowerCase();
  let cls = CLASSES.findIndex((re) => re.test(lower));
  if (cls < 0) cls = /^\p{Lu}/u.test(word) ? CAPITALIZED : OTHER;
  info = {
    word: stringHash(lower),
    // A word of thousands of characters (a run of digits, a base64 blob) is shaped by its start.
    shape: stringHash(shapeOf(word.length > 40 ? word.slice(0, 40) : word)),
    cls,
    prefix: stringHash(lower.slice(0, 3)),
    suffix: stringHash(lower.slice(-3)),
    trigger: /\d/.test(word) || cls === MONTH || cls === WEEKDAY || cls === DECADE || cls === CURRENCY,
  };
  if (wordInfos.size >= WORD_MEMORY) wordInfos.clear();
  wordInfos.set(word, info);
  return info;
}

/** "Xxxx", "dd.d", "$": letters and digits by class, runs longer than two cut to two. */
function shapeOf(word: string): string {
  let out = '';
  let last = '';
  let run = 0;
  for (const ch of word) {
    const c = /\p{Lu}/u.test(ch) ? 'X' : /\p{Ll}/u.test(ch) ? 'x' : /\d/.test(ch) ? 'd' : ch;
    run = c === last ? run + 1 : 1;
    last = c;
    if (run <= 2) out += c;
  }
  return out;
}

/** Integer mixing of a feature's template and values (murmur3's finalizer after each). */
function mix(h: number, v: number): number {
  h = Math.imul(h ^ v, 0xcc9e2d51);
  h = (h << 15) | (h >>> 17);
  return Math.imul(h, 0x1b873593) ^ (h >>> 13);
}

/** The feature templates, one bucket each per token. */
export const DATE_FEATURES_PER_TOKEN = 31;
const BEFORE_START = 0x5f5f5f01;
const AFTER_END = 0x5f5f5f02;
/** The grammar's tag of a token: outside, first or later token of a Date, of a Money span. */
export const GRAMMAR_O = 0;
const GRAMMAR_TAG = { Date: [1, 2], Money: [3, 4] } as const;

/**
 * Each token's DATE_FEATURES_PER_TOKEN feature buckets: a bias, the word, its shape, class,
 * three-letter prefix and suffix, words and classes up to three tokens away and pairs of them, and
 * the grammar's tag of the token and its neighbours. Each template's value is hashed between its
 * template number, mix(mix(k, value), k), so that equal values of two templates land apart.
 */
export function dateFeatures(infos: readonly WordInfo[], grammar: Uint8Array, buckets: number, out?: Int32Array): Int32Array {
  const n = infos.length;
  const F = DATE_FEATURES_PER_TOKEN;
  const feats = out && out.length >= n * F ? out : new Int32Array(n * F);
  const mask = buckets - 1;
  const word = (i: number): number => (i < 0 ? BEFORE_START : i >= n ? AFTER_END : infos[i].word);
  const cls = (i: number): number => (i < 0 ? 100 : i >= n ? 101 : infos[i].cls);
  const gram = (i: number): number => (i < 0 || i >= n ? 9 : grammar[i]);
  const f = templates;
  for (let i = 0; i < n; i++) {
    const t = infos[i];
    f[0] = 1;
    f[1] = t.word;
    f[2] = t.shape;
    f[3] = t.cls;
    f[4] = t.prefix;
    f[5] = t.suffix;
    f[6] = word(i - 1);
    f[7] = word(i + 1);
    f[8] = word(i - 2);
    f[9] = word(i + 2);
    f[10] = cls(i - 1);
    f[11] = cls(i + 1);
    f[12] = cls(i - 2);
    f[13] = cls(i + 2);
    f[14] = mix(cls(i - 1), t.cls);
    f[15] = mix(t.cls, cls(i + 1));
    f[16] = mix(word(i - 1), t.word);
    f[17] = mix(t.word, word(i + 1));
    f[18] = mix(word(i - 1), t.cls);
    f[19] = mix(t.cls, word(i + 1));
    f[20] = mix(mix(cls(i - 1), t.cls), cls(i + 1));
    f[21] = mix(word(i - 2), word(i - 1));
    f[22] = mix(word(i + 1), word(i + 2));
    f[23] = word(i - 3);
    f[24] = word(i + 3);
    f[25] = cls(i - 3);
    f[26] = cls(i + 3);
    f[27] = gram(i);
    f[28] = gram(i - 1);
    f[29] = gram(i + 1);
    f[30] = mix(gram(i), t.word);
    for (let k = 0; k < F; k++) feats[i * F + k] = mix(mix(k, f[k]), k) & mask;
  }
  return feats;
}

/** One token's template values before they are masked to buckets (reused: dateFeatures runs on every sentence tagged). */
const templates = new Int32Array(DATE_FEATURES_PER_TOKEN);

/**
 * The words of a sentence's tokens, as the features read them. A token's properties (tokenProps) are
 * one object per word text, shared by the tokens of that text: the word is known by them, with no
 * slice of the token made and hashed again.
 */
export function wordInfosOf(prose: string, sentence: SentenceTokens): WordInfo[] {
  const { tokens, props } = sentence;
  const infos = new Array<WordInfo>(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    let info = infoOfProps.get(props[i]);
    if (!info) infoOfProps.set(props[i], (info = infoOf(prose.slice(tokens[i].start, tokens[i].end))));
    infos[i] = info;
  }
  return infos;
}

const infoOfProps = new WeakMap<TokenProps, WordInfo>();

/**
 * The grammar's tags of a sentence's tokens (GRAMMAR_O outside its spans); `spans` sorted by start.
 * Whether any token is inside one.
 */
export function grammarTagsOf(sentence: SentenceTokens, spans: readonly TemporalMatch[]): { tags: Uint8Array; any: boolean } {
  const { tokens } = sentence;
  const tags = new Uint8Array(tokens.length);
  let any = false;
  let s = lowerBound(spans, sentence.sentence.start);
  for (let i = 0; i < tokens.length; i++) {
    while (s < spans.length && spans[s].end <= tokens[i].start) s++;
    const span = spans[s];
    if (!span || span.start >= tokens[i].end) continue;
    tags[i] = GRAMMAR_TAG[span.type][tokens[i].start <= span.start ? 0 : 1];
    any = true;
  }
  return { tags, any };
}

/** The first span ending after `at` (spans sorted by start, not overlapping). */
function lowerBound(spans: readonly TemporalMatch[], at: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (spans[mid].end <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether the sentence is worth tagging: a grammar span or a trigger word in it. */
export function worthTagging(infos: readonly WordInfo[], grammarFound: boolean): boolean {
  return grammarFound || infos.some((i) => i.trigger);
}

const ALLOWED = allowedTransitions(DATE_TAGS);
const FINAL = finalAllowed(DATE_TAGS);

/** The best BILOU path of a sentence's features under the model. */
export function tagPath(model: DateTaggerModel, feats: Int32Array, n: number): Uint8Array {
  const T = DATE_TAGS.length;
  if (scoreBuffer.length < n * T) scoreBuffer = new Float32Array(n * 2 * T);
  return viterbi(dateScores(model, feats, n, scoreBuffer), n, T, model.transitions, ALLOWED, FINAL);
}

/** Reused per sentence: the features and the emission scores of the sentence being tagged. */
let featureBuffer = new Int32Array(64 * DATE_FEATURES_PER_TOKEN);
let scoreBuffer = new Float32Array(64 * DATE_TAGS.length);

/**
 * The emission scores of the date features (DATE_FEATURES_PER_TOKEN a token), summed in a local per
 * tag (the nine of DATE_TAGS), each live row read once. The sums are of integers (int8 weights), so
 * adding them in another order or as a double changes none of them.
 */
function dateScores(model: DateTaggerModel, feats: Int32Array, n: number, out: Float32Array): Float32Array {
  const T = 9;
  const F = DATE_FEATURES_PER_TOKEN;
  const { emissions, live } = model;
  const scale = model.header.scale;
  for (let i = 0; i < n; i++) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    let s5 = 0;
    let s6 = 0;
    let s7 = 0;
    let s8 = 0;
    for (let k = 0; k < F; k++) {
      const bucket = feats[i * F + k];
      if (((live[bucket >>> 3] >> (bucket & 7)) & 1) === 0) continue;
      const row = bucket * T;
      s0 += emissions[row];
      s1 += emissions[row + 1];
      s2 += emissions[row + 2];
      s3 += emissions[row + 3];
      s4 += emissions[row + 4];
      s5 += emissions[row + 5];
      s6 += emissions[row + 6];
      s7 += emissions[row + 7];
      s8 += emissions[row + 8];
    }
    const at = i * T;
    out[at] = s0 * scale;
    out[at + 1] = s1 * scale;
    out[at + 2] = s2 * scale;
    out[at + 3] = s3 * scale;
    out[at + 4] = s4 * scale;
    out[at + 5] = s5 * scale;
    out[at + 6] = s6 * scale;
    out[at + 7] = s7 * scale;
    out[at + 8] = s8 * scale;
  }
  return out;
}

/** A date or amount the tagger found, with the grammar's span whose value stands for it when its own text gives no whole one. */
export interface TaggedSpan extends TemporalMatch {
  valueFrom?: { start: number; end: number };
}

const CURRENCY_SIGN = /^\p{Sc}$/u;

/**
 * The dates and amounts of the prose: the tagger's spans in the sentences worth tagging, the
 * grammar's (`grammar`: findTemporal's spans, sorted by start) elsewhere.
 */
export function tagDatesAndMoney(
  prose: string,
  sentences: readonly SentenceTokens[],
  grammar: readonly TemporalMatch[],
  model: DateTaggerModel,
): TaggedSpan[] {
  const out: TaggedSpan[] = [];
  let g = 0;
  for (const sentence of sentences) {
    const { start, end } = sentence.sentence;
    // The grammar's spans before this sentence (between sentences, or in text no sentence holds) stay.
    while (g < grammar.length && grammar[g].start < start) out.push(grammar[g++]);
    const inSentence: TemporalMatch[] = [];
    while (g < grammar.length && grammar[g].start < end) inSentence.push(grammar[g++]);
    const n = sentence.tokens.length;
    if (!n) {
      for (const m of inSentence) out.push(m);
      continue;
    }
    const infos = wordInfosOf(prose, sentence);
    const { tags, any } = grammarTagsOf(sentence, inSentence);
    if (!worthTagging(infos, any)) {
      for (const m of inSentence) out.push(m);
      continue;
    }
    if (featureBuffer.length < n * DATE_FEATURES_PER_TOKEN) featureBuffer = new Int32Array(n * 2 * DATE_FEATURES_PER_TOKEN);
    const path = tagPath(model, dateFeatures(infos, tags, model.header.buckets, featureBuffer), n);
    for (const span of pathSpans(path, DATE_TAGS)) {
      const found: TaggedSpan = {
        start: sentence.tokens[span.first].start,
        end: sentence.tokens[span.last].end,
        type: span.type === 'DATE' ? 'Date' : 'Money',
      };
      // A currency sign written onto the number ("$1,000") is part of the amount as a reader sees it. The tagger
      // learned from text that writes it apart ("$ 18"), where OntoNotes' annotators often left it out.
      if (found.type === 'Money' && CURRENCY_SIGN.test(prose.charAt(found.start - 1))) found.start--;
      const kept = withValue(prose, found, inSentence, model.header.unresolved);
      if (kept) out.push(kept);
    }
  }
  while (g < grammar.length) out.push(grammar[g++]);
  return out;
}

/**
 * The tagger's span as it is kept: as it is where the grammar's own span is the same or its own text
 * gives a whole value; with the value of the grammar's span it overlaps otherwise; where there is
 * none, kept or dropped as `unresolved` says.
 */
function withValue(
  prose: string,
  found: TemporalMatch,
  grammar: readonly TemporalMatch[],
  unresolved: DateTaggerHeader['unresolved'],
): TaggedSpan | undefined {
  const overlaps = overlapping(grammar, found);
  // Most spans are the grammar's own, whose value is the grammar's: no need to read them again.
  if (overlaps.some((g) => g.start === found.start && g.end === found.end)) return found;
  if (complete(found.type, prose.slice(found.start, found.end))) return found;
  const grammarSpan = overlaps.reduce<TemporalMatch | undefined>(
    (best, g) => (!best || overlap(g, found) > overlap(best, found) ? g : best),
    undefined,
  );
  if (grammarSpan) return { ...found, valueFrom: { start: grammarSpan.start, end: grammarSpan.end } };
  return unresolved === 'keep' ? found : undefined;
}

/**
 * A date whose ISO value the grammar can give (against some article date), an amount whose currency
 * and amount it can read: the span's own text gives its value.
 */
function complete(type: TemporalMatch['type'], text: string): boolean {
  if (type === 'Date') return normalizeDate(text, '2000-06-15').iso !== undefined;
  const money = normalizeMoney(text);
  return money.amount !== undefined && money.currency !== undefined;
}

/**
 * The grammar's spans of the same type that overlap `span` (`spans` sorted by start, not overlapping
 * each other: found by bisection, so that a sentence of thousands of amounts costs no more per span).
 * A span apart from it is another expression, whose value would be wrong for this one.
 */
function overlapping(spans: readonly TemporalMatch[], span: TemporalMatch): TemporalMatch[] {
  const out: TemporalMatch[] = [];
  for (let i = lowerBound(spans, span.start); i < spans.length && spans[i].start < span.end; i++)
    if (spans[i].type === span.type && overlap(spans[i], span) > 0) out.push(spans[i]);
  return out;
}

function overlap(a: TemporalMatch, b: TemporalMatch): number {
  return Math.min(a.end, b.end) - Math.max(a.start, b.start);
}
