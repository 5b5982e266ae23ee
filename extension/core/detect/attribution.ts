import { hashSlots, mix, slots, wordKey } from './features';
import { intTableGet, intTableOf, type IntTable } from './intTable';
import { bestPath, lattice } from './tagger';
import type { TokenProps } from './features';
import type { Token } from './tokens';
import type { ClaimAttribution, ClaimMention, EntityMention, Span } from './types';

/**
 * Attribution: who said what. A sequence tagger over the tokens of a sentence marks source, cue and
 * content spans in one pass (BIO tags, averaged perceptron over hashed features, trained on PolNeAR
 * by scripts/train-claims.ts); a linking step ties each source and content span to the nearest cue,
 * and content that runs on into the next sentence (a quotation) to the attribution it continues.
 * Sources that are pronouns or descriptions ("she", "the spokeswoman") are resolved to a named
 * person or organization earlier in the article where the text allows.
 */

export const ATTRIBUTION_TAGS = ['O', 'B-SOURCE', 'I-SOURCE', 'B-CUE', 'I-CUE', 'B-CONTENT', 'I-CONTENT'] as const;
/** Bump when the templates below change: weights learned on other templates must not be loaded. */
export const ATTRIBUTION_FEATURE_VERSION = 3;
export const ATTRIBUTION_FEATURES = 37;

export interface AttributionModel {
  /**
   * Keys (features.ts wordKey) of the words that open a cue often enough in training: a sentence
   * with none of them, no quotation mark, colon or dash, and not inside a quotation is not tagged
   * (the tagger finds nothing there; skipping it keeps the detector fast). Absent: every sentence is tagged.
   */
  cueWords?: ReadonlySet<number>;
  /**
   * Keys of the words that are part of a cue in training often enough, with how often (CueLevel).
   * Content and sources are told apart from the rest of a sentence by where they stand to the cue:
   * these give every token the nearest likely cue word on either side. Absent: no word is a likely cue.
   */
  cueLevels?: ReadonlyMap<number, number>;
  buckets: number;
  scale: number;
  /** f32 [(tags + 1) * tags]; row `tags` is the sentence start. */
  transitions: Float32Array;
  /** i16 [buckets * tags] (float while training). */
  emissions: ArrayLike<number>;
}

/** One attribution (offsets are UTF-16 code units into the article text); the tagger always finds its cue. */
export type Attribution = ClaimAttribution;

/** Where the quotation marks leave a sentence: whether it starts inside an open quotation. */
export interface QuoteState {
  open: boolean;
}

/** What a token is as a quotation mark: none, opening, closing, or either (a straight quote). */
export const QuoteKind = { None: 0, Open: 1, Close: 2, Toggle: 3 } as const;

export function quoteKind(prose: string, t: Token): number {
  if (t.end - t.start !== 1) return QuoteKind.None;
  const c = prose.charCodeAt(t.start);
  if (c === 0x201c || c === 0xab || c === 0x201e) return QuoteKind.Open;
  if (c === 0x201d || c === 0xbb) return QuoteKind.Close;
  if (c === 34) return QuoteKind.Toggle;
  // Quotation marks typed as two apostrophes or two backquotes (''like this'', ``or this''), read as
  // two tokens: the first of the pair is the mark, the second nothing.
  const pair = prose.charCodeAt(t.end) === c && prose.charCodeAt(t.start - 1) !== c;
  if (c === 39 && pair) return QuoteKind.Toggle;
  return c === 96 && pair ? QuoteKind.Open : QuoteKind.None;
}

/** Punctuation that separates clauses, by kind (0: none). */
function punctuationKind(prose: string, t: Token): number {
  if (t.end - t.start !== 1) return 0;
  switch (prose.charCodeAt(t.start)) {
    case 44: // ,
      return 1;
    case 58: // :
      return 2;
    case 59: // ;
      return 3;
    case 40: // (
    case 41: // )
      return 4;
    case 0x2014: // —
    case 0x2013: // –
      return 5;
    default:
      return quoteKind(prose, t) === QuoteKind.None ? 0 : 6;
  }
}

/**
 * How often a word is (part of) a cue in training, in bands: 1 from 2 %, 2 from 10 %, 3 from 30 %,
 * 4 from 60 % of its occurrences. From band CANDIDATE_LEVEL on, a word is a likely cue for the
 * tokens around it.
 */
export const CUE_LEVEL_SHARES = [0.02, 0.1, 0.3, 0.6] as const;
const CANDIDATE_LEVEL = 2;

/** What a token is of the named mentions the entity tagger found: none, person, organization, other. */
const EntityKind = { None: 0, Person: 1, Organization: 2, Other: 3 } as const;

/** The entity kind of each token of a sentence (entities in order of start), written into `out`. */
export function entityKinds(tokens: readonly Token[], entities: readonly EntityMention[], out: Uint8Array): Uint8Array {
  const n = tokens.length;
  const kindsOut = out.length >= n ? out : new Uint8Array(n * 2);
  kindsOut.fill(0, 0, n);
  if (!n) return kindsOut;
  let e = firstAtOrAfter(entities, tokens[0].start);
  // A mention that began before the sentence may still cover its first tokens.
  if (e > 0 && entities[e - 1].end > tokens[0].start) e--;
  for (let i = 0; i < n && e < entities.length; i++) {
    const t = tokens[i];
    while (e < entities.length && entities[e].end <= t.start) e++;
    const m = entities[e];
    if (!m || m.start >= t.end) continue;
    kindsOut[i] = m.type === 'Person' ? EntityKind.Person : m.type === 'Organization' ? EntityKind.Organization : EntityKind.Other;
  }
  return kindsOut;
}

/** A distance in tokens as one of six bands (7: none). */
function distanceBand(d: number): number {
  if (d <= 0) return 7;
  if (d <= 3) return d - 1;
  if (d <= 5) return 3;
  return d <= 9 ? 4 : 5;
}

/** Reused per sentence: each token's cue level, and the nearest likely cue before and after it (-1: none). */
let levels = new Uint8Array(256);
/** Reused per sentence: where each token stands in a cue phrase of training (cuePhraseKey), with the phrase's level; 0: in none. */
let phrases = new Uint8Array(256);
let cueBefore = new Int32Array(256);
let cueAfter = new Int32Array(256);

/** Fills `levels`, `cueBefore` and `cueAfter` for the tokens of a sentence. */
function markCueWords(props: readonly TokenProps[], cueLevels: ReadonlyMap<number, number> | undefined): void {
  const n = props.length;
  if (levels.length < n) {
    levels = new Uint8Array(n * 2);
    phrases = new Uint8Array(n * 2);
    cueBefore = new Int32Array(n * 2);
    cueAfter = new Int32Array(n * 2);
  }
  const table = cueLevels && intTableOf(cueLevels);
  let last = -1;
  for (let i = 0; i < n; i++) {
    const level = table ? intTableGet(table, props[i].key, 0) : 0;
    levels[i] = level;
    cueBefore[i] = last;
    if (level >= CANDIDATE_LEVEL) last = i;
  }
  last = -1;
  for (let i = n - 1; i >= 0; i--) {
    cueAfter[i] = last;
    if (levels[i] >= CANDIDATE_LEVEL) last = i;
  }
  markCuePhrases(props, table);
}

/** The longest cue phrase of training. */
export const MAX_CUE_PHRASE = 4;

/**
 * The key of a phrase of two to MAX_CUE_PHRASE words in the cue levels (words have their word key;
 * a phrase, the keys of its words folded with mix: "said in a statement", "according to").
 */
export function cuePhraseKey(keys: readonly number[]): number {
  let h = CUE_PHRASE_SEED;
  for (const k of keys) h = mix(h, k);
  return h;
}
const CUE_PHRASE_SEED = 0x5bd1e995;

/**
 * Fills `phrases`: left to right, the longest cue phrase starting at each token not already in one
 * marks its tokens as first, inside or last (1, 2, 3), plus 4 × the phrase's level.
 */
function markCuePhrases(props: readonly TokenProps[], cueLevels: IntTable | undefined): void {
  const n = props.length;
  phrases.fill(0, 0, n);
  if (!cueLevels) return;
  for (let i = 0; i + 1 < n; i++) {
    let h = mix(CUE_PHRASE_SEED, props[i].key);
    let found = 0;
    let level = 0;
    for (let len = 2; len <= MAX_CUE_PHRASE && i + len <= n; len++) {
      h = mix(h, props[i + len - 1].key);
      const l = intTableGet(cueLevels, h, -1);
      if (l >= 0) {
        found = len;
        level = l;
      }
    }
    if (!found) continue;
    for (let j = i; j < i + found; j++) phrases[j] = level * 4 + (j === i ? 1 : j === i + found - 1 ? 3 : 2);
    i += found - 1;
  }
}

const BOS = 0x9e3779b1;
const EOS = 0x7f4a7c15;

/** One token's slots (see features.ts hashSlots). */
const attributionSlots = slots(ATTRIBUTION_FEATURES, [6, 7, 11, 14, 16, 17, 18, 21, 22, 24, 27, 28, 32, 33, 34, 35]);

/** Reused per sentence: the quote state, punctuation and casing of each token. */
let inQuote = new Uint8Array(256);
let kinds = new Uint8Array(256);
let punct = new Uint8Array(256);

/**
 * Fills `kinds`, `punct` and `inQuote` for the tokens of a sentence, carries the quote state on to
 * the next one, and returns how many quotation marks the sentence has.
 */
function markQuotes(prose: string, tokens: readonly Token[], state: QuoteState): number {
  const n = tokens.length;
  if (inQuote.length < n) {
    inQuote = new Uint8Array(n * 2);
    kinds = new Uint8Array(n * 2);
    punct = new Uint8Array(n * 2);
  }
  let open = state.open;
  let quotes = 0;
  for (let i = 0; i < n; i++) {
    const k = quoteKind(prose, tokens[i]);
    kinds[i] = k;
    punct[i] = punctuationKind(prose, tokens[i]);
    if (k === QuoteKind.Open || (k === QuoteKind.Toggle && !open)) open = true;
    else if (k === QuoteKind.Close || k === QuoteKind.Toggle) open = false;
    inQuote[i] = open ? 1 : 0;
    if (k !== QuoteKind.None) quotes++;
  }
  state.open = open;
  return quotes;
}

/**
 * Slots 24 to 36 of token i: its cue level, the nearest likely cue word before and after it, the
 * kinds of named mention around it, word endings around it, the word between its neighbours, and
 * where it and the token before stand in a cue phrase of training.
 */
function cueAndNameSlots(props: readonly TokenProps[], ent: Uint8Array, i: number, q: number): void {
  const { values, seconds } = attributionSlots;
  const n = props.length;
  const p = props[i];
  // The keys are read here, not passed: a key above 2^30 passed to a call is boxed in a fresh heap number.
  const w = p.key;
  const keyBefore = i > 0 ? props[i - 1].key : BOS;
  const keyAfter = i + 1 < n ? props[i + 1].key : EOS;
  const after = i + 1 < n ? props[i + 1] : undefined;
  const cueAt = cueBefore[i];
  const cueNext = cueAfter[i];
  const bandBefore = cueAt < 0 ? 7 : distanceBand(i - cueAt);
  const bandAfter = cueNext < 0 ? 7 : distanceBand(cueNext - i);
  values[24] = levels[i];
  seconds[24] = q;
  values[25] = (cueAt < 0 ? 0 : levels[cueAt]) * 8 + bandBefore;
  values[26] = (cueNext < 0 ? 0 : levels[cueNext]) * 8 + bandAfter;
  values[27] = cueAt < 0 ? BOS : props[cueAt].key;
  seconds[27] = Math.min(bandBefore, 4);
  values[28] = cueNext < 0 ? EOS : props[cueNext].key;
  seconds[28] = Math.min(bandAfter, 4);
  values[29] = (i > 0 ? ent[i - 1] : 4) * 32 + ent[i] * 8 + (i + 1 < n ? ent[i + 1] : 4);
  values[30] = ent[i] * 64 + bandBefore * 8 + bandAfter;
  // Word endings around the token ("-ly said", "-ed by") and the word between its neighbours.
  values[31] = p.suffixes[1];
  values[32] = i > 0 ? props[i - 1].suffixes[2] : BOS;
  seconds[32] = p.suffixes[2];
  values[33] = after ? after.suffixes[2] : EOS;
  seconds[33] = w;
  values[34] = w;
  seconds[34] = Math.imul(keyBefore, 31) + keyAfter;
  values[35] = w;
  seconds[35] = (i > 0 ? ent[i - 1] : 4) * 8 + (i + 1 < n ? ent[i + 1] : 4);
  values[36] = phrases[i] * 4 + (i > 0 ? phrases[i - 1] & 3 : 0);
}

/**
 * The hashed features of each token of one sentence (ATTRIBUTION_FEATURES per token, bucket
 * indices), shared by training and tagging. `state` carries an open quotation from the sentence
 * before and is updated for the next one.
 */
export function attributionFeatures(
  prose: string,
  tokens: readonly Token[],
  props: readonly TokenProps[],
  heading: boolean,
  state: QuoteState,
  buckets: number,
  context: { cueLevels?: ReadonlyMap<number, number>; entities: Uint8Array },
  out?: Int32Array,
): Int32Array {
  const n = tokens.length;
  const F = ATTRIBUTION_FEATURES;
  const feats = out && out.length >= n * F ? out : new Int32Array(n * F);
  const startsInQuote = state.open ? 1 : 0;
  let quotesAhead = markQuotes(prose, tokens, state);
  markCueWords(props, context.cueLevels);
  const mask = buckets - 1;
  // One token at a time with its neighbours' keys held in locals: no closure, no lookup twice.
  const first = n > 0 ? props[0].key : EOS;
  let keyBefore2 = BOS;
  let keyBefore = BOS;
  let shortBefore = BOS;
  let capsBefore = 0;
  let w = first;
  let short = n > 0 ? props[0].short : EOS;
  let caps = n > 0 && props[0].capitalized ? 1 : 0;
  let keyAfter = n > 1 ? props[1].key : EOS;
  let seen = 0;
  let lastPunct = 0;
  let lastPunctAt = -10;
  let nextPunctAt = -1;
  for (let i = 0; i < n; i++) {
    const p = props[i];
    const after = i + 1 < n ? props[i + 1] : undefined;
    const keyAfter2 = i + 2 < n ? props[i + 2].key : EOS;
    const shortAfter = after ? after.short : EOS;
    const capsAfter = after?.capitalized ? 1 : 0;
    const kind = kinds[i];
    if (kind !== QuoteKind.None) quotesAhead--;
    if (nextPunctAt < i) {
      nextPunctAt = i + 1;
      while (nextPunctAt < n && !punct[nextPunctAt]) nextPunctAt++;
    }
    const q = inQuote[i];
    const nextKind = nextPunctAt < n ? punct[nextPunctAt] : 7;
    const base = i * F;
    const { values, seconds } = attributionSlots;
    values[0] = 0;
    values[1] = w;
    values[2] = keyBefore;
    values[3] = keyAfter;
    values[4] = keyBefore2;
    values[5] = keyAfter2;
    values[6] = keyBefore;
    seconds[6] = w;
    values[7] = w;
    seconds[7] = keyAfter;
    values[8] = short;
    values[9] = p.suffixes[2];
    values[10] = q * 4 + kind;
    values[11] = w;
    seconds[11] = q;
    values[12] = seen * 2 + (quotesAhead > 0 ? 1 : 0);
    values[13] = i === 0 ? 0 : i === n - 1 ? 1 : 2 + Math.floor((4 * i) / n);
    values[14] = heading ? 1 : 0;
    seconds[14] = short;
    values[15] = capsBefore * 4 + caps * 2 + capsAfter;
    values[16] = shortBefore;
    seconds[16] = w;
    values[17] = w;
    seconds[17] = shortAfter;
    values[18] = keyBefore;
    seconds[18] = keyAfter;
    values[19] = lastPunct * 8 + Math.min(4, i - lastPunctAt);
    values[20] = nextKind * 8 + Math.min(4, nextPunctAt - i);
    values[21] = w;
    seconds[21] = lastPunct;
    values[22] = first;
    seconds[22] = i * 2 < n ? 1 : 0;
    values[23] = startsInQuote * 2 + q;
    cueAndNameSlots(props, context.entities, i, q);
    // Slot k is seeded with k + 1.
    hashSlots(attributionSlots, F, 1, mask, feats, base);
    if (kind !== QuoteKind.None) seen = q ? 1 : 2;
    if (punct[i]) {
      lastPunct = punct[i];
      lastPunctAt = i;
    }
    keyBefore2 = keyBefore;
    keyBefore = w;
    shortBefore = short;
    capsBefore = caps;
    w = keyAfter;
    keyAfter = keyAfter2;
    short = shortAfter;
    caps = capsAfter;
  }
  return feats;
}

/**
 * Emission scores (tokens × tags) from the feature buckets; `weights` indexed bucket * tags + tag.
 * The seven sums are kept in locals and each feature's row read once, in order: every tag's sum adds
 * the same numbers in the same order as a loop per tag would.
 */
export function attributionScores(
  feats: Int32Array,
  n: number,
  weights: ArrayLike<number>,
  scale: number,
  out?: Float32Array,
): Float32Array {
  const T = 7;
  const F = ATTRIBUTION_FEATURES;
  const scores = out && out.length >= n * T ? out : new Float32Array(n * T);
  for (let i = 0; i < n; i++) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    let s5 = 0;
    let s6 = 0;
    for (let k = i * F, end = k + F; k < end; k++) {
      const row = feats[k] * T;
      s0 += weights[row];
      s1 += weights[row + 1];
      s2 += weights[row + 2];
      s3 += weights[row + 3];
      s4 += weights[row + 4];
      s5 += weights[row + 5];
      s6 += weights[row + 6];
    }
    const at = i * T;
    scores[at] = s0 * scale;
    scores[at + 1] = s1 * scale;
    scores[at + 2] = s2 * scale;
    scores[at + 3] = s3 * scale;
    scores[at + 4] = s4 * scale;
    scores[at + 5] = s5 * scale;
    scores[at + 6] = s6 * scale;
  }
  return scores;
}

/** BIO constraints: I-X only after B-X or I-X. allowed[prev * tags + next]; prev === tags is the start. */
export function bioTransitions(): { allowed: Uint8Array; final: Uint8Array } {
  const tags = ATTRIBUTION_TAGS;
  const n = tags.length;
  const allowed = new Uint8Array((n + 1) * n);
  for (let prev = 0; prev <= n; prev++) {
    for (let next = 0; next < n; next++) {
      const q = tags[next];
      allowed[prev * n + next] = q[0] !== 'I' || (prev < n && tags[prev] !== 'O' && tags[prev].slice(2) === q.slice(2)) ? 1 : 0;
    }
  }
  return { allowed, final: new Uint8Array(n).fill(1) };
}

export type SpanRole = 'SOURCE' | 'CUE' | 'CONTENT';

/** Spans [first, last] token with their role from a BIO path. */
export function bioSpans(path: Uint8Array): { first: number; last: number; role: SpanRole }[] {
  const spans: { first: number; last: number; role: SpanRole }[] = [];
  for (let i = 0; i < path.length; i++) {
    const tag = ATTRIBUTION_TAGS[path[i]];
    if (tag === 'O') continue;
    const role = ROLE_OF_TAG[path[i]];
    const last = spans[spans.length - 1];
    if (tag[0] === 'I' && last && last.last === i - 1 && last.role === role) last.last = i;
    else spans.push({ first: i, last: i, role });
  }
  return spans;
}

/** The role of each tag after its "B-" or "I-", made once rather than sliced from the tag at every token. */
const ROLE_OF_TAG = ATTRIBUTION_TAGS.map((tag) => tag.slice(2) as SpanRole);

/** The distance in tokens between two token ranges (0 when they touch or overlap). */
function gap(a: { first: number; last: number }, b: { first: number; last: number }): number {
  return Math.max(0, b.first - a.last - 1, a.first - b.last - 1);
}

export interface LinkedSpans {
  cue: { first: number; last: number };
  source: { first: number; last: number } | null;
  content: { first: number; last: number }[];
}

/**
 * Ties each source and content span to the nearest cue of the sentence (a source takes the cue it
 * is closest to, one source per cue); content without a cue is returned apart: it continues the
 * previous attribution when a quotation runs on.
 */
export function linkSpans(spans: readonly { first: number; last: number; role: SpanRole }[]): {
  linked: LinkedSpans[];
  orphanContent: { first: number; last: number }[];
} {
  const cues = spans.filter((s) => s.role === 'CUE');
  const linked: LinkedSpans[] = cues.map((c) => ({ cue: { first: c.first, last: c.last }, source: null, content: [] }));
  const orphanContent: { first: number; last: number }[] = [];
  const nearest = (s: { first: number; last: number }, candidates: LinkedSpans[]): LinkedSpans | null => {
    let best: LinkedSpans | null = null;
    for (const l of candidates) if (!best || gap(s, l.cue) < gap(s, best.cue)) best = l;
    return best;
  };
  for (const s of spans) {
    if (s.role === 'SOURCE') {
      const l =
        nearest(
          s,
          linked.filter((x) => !x.source),
        ) ?? nearest(s, linked);
      if (l && (!l.source || gap(s, l.cue) < gap(l.source, l.cue))) l.source = { first: s.first, last: s.last };
    } else if (s.role === 'CONTENT') {
      const l = nearest(s, linked);
      if (l) l.content.push({ first: s.first, last: s.last });
      else orphanContent.push({ first: s.first, last: s.last });
    }
  }
  return { linked, orphanContent };
}

const PERSON_PRONOUNS = new Set(['he', 'she', 'him', 'her', 'his']);
const GROUP_PRONOUNS = new Set(['it', 'they', 'we', 'its', 'their']);
/** Head nouns of descriptions that stand for an organization or a person ("the company", "the spokeswoman"). */
const ORGANIZATION_NOUNS = new Set([
  'company',
  'firm',
  'agency',
  'group',
  'government',
  'department',
  'ministry',
  'administration',
  'campaign',
  'committee',
  'party',
  'carrier',
  'bureau',
  'office',
  'organization',
  'organisation',
  'newspaper',
  'paper',
  'network',
  'outlet',
  'statement',
  'report',
  'court',
  'board',
  'union',
  'council',
  'regulator',
  'team',
  'operator',
  'provider',
  'giant',
]);
const PERSON_NOUNS = new Set([
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'official',
  'president',
  'candidate',
  'senator',
  'governor',
  'minister',
  'secretary',
  'director',
  'chief',
  'executive',
  'ceo',
  'founder',
  'researcher',
  'expert',
  'analyst',
  'lawmaker',
  'congressman',
  'congresswoman',
  'nominee',
  'leader',
  'chairman',
  'chairwoman',
  'professor',
  'author',
  'lawyer',
  'attorney',
  'judge',
  'mayor',
  'businessman',
  'woman',
  'man',
  'representative',
  'aide',
  'adviser',
  'advisor',
  'officer',
  'manager',
  'head',
]);
const DETERMINERS = /^(?:the|this|that|these|those|a|an|our|its|their)\s/i;

/** How many earlier attributions a description is looked up in, and how far back (UTF-16 units) a named mention. */
const LOOK_BACK = 50;
const LOOK_BACK_CHARS = 5000;

const lowered = new WeakMap<Span, string>();

/** A source's text in lowercase with a space at either end, to look a word up in it (cached: asked again for every later source). */
function lowerWords(span: Span): string {
  let lower = lowered.get(span);
  if (lower === undefined) lowered.set(span, (lower = ` ${span.text.toLowerCase().replace(/\s+/g, ' ')} `));
  return lower;
}

/** The index of the first entity (in order of start) starting at or after `at`. */
function firstAtOrAfter(entities: readonly EntityMention[], at: number): number {
  let lo = 0;
  let hi = entities.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (entities[mid].start < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The named person or organization a source stands for: for a pronoun or a description without a
 * name in it, the latest earlier source that names one with the same head word, else the latest
 * earlier named mention of the right kind. Null when the source names someone itself or nothing fits.
 */
export function resolveSource(source: Span, entities: readonly EntityMention[], earlier: readonly Attribution[]): Span | null {
  const named = (m: EntityMention): boolean => m.type === 'Person' || m.type === 'Organization';
  const namedWithin = (r: Span): EntityMention | undefined => {
    for (let k = firstAtOrAfter(entities, r.start); k < entities.length && entities[k].start < r.end; k++)
      if (named(entities[k]) && entities[k].end <= r.end) return entities[k];
    return undefined;
  };
  const words = source.text
    .toLowerCase()
    .replace(/[’']s\b/g, '')
    .split(/\s+/);
  const head = words[words.length - 1];
  const pronoun = words.length === 1 && (PERSON_PRONOUNS.has(head) || GROUP_PRONOUNS.has(head));
  if ((!pronoun && !DETERMINERS.test(source.text)) || namedWithin(source)) return null;
  const recent = (e: Attribution): boolean => !e.source || e.source.start >= source.start - LOOK_BACK_CHARS;
  for (let k = earlier.length - 1; k >= Math.max(0, earlier.length - LOOK_BACK) && recent(earlier[k]); k--) {
    const e = earlier[k];
    const before = e.resolvedSource ?? e.source;
    if (!pronoun && e.source && e.source.end <= source.start && lowerWords(e.source).includes(` ${head} `)) {
      if (namedWithin(e.source)) return e.resolvedSource ?? { start: e.source.start, end: e.source.end, text: e.source.text };
      if (before && before !== e.source) return before;
    }
  }
  const wantPerson = pronoun ? PERSON_PRONOUNS.has(head) : PERSON_NOUNS.has(head);
  const wantOrganization = pronoun ? GROUP_PRONOUNS.has(head) : ORGANIZATION_NOUNS.has(head);
  if (!wantPerson && !wantOrganization) return null;
  // A pronoun or description stands for a recent mention: look back a few paragraphs, not the whole article.
  for (let k = firstAtOrAfter(entities, source.start) - 1; k >= 0 && entities[k].start >= source.start - LOOK_BACK_CHARS; k--) {
    const m = entities[k];
    if (m.end > source.start) continue;
    if ((wantPerson && m.type === 'Person') || (wantOrganization && m.type === 'Organization'))
      return { start: m.start, end: m.end, text: m.text };
  }
  // No name of that kind (the entity tagger may have typed it otherwise): the latest source that names someone.
  for (let k = earlier.length - 1; k >= Math.max(0, earlier.length - LOOK_BACK) && recent(earlier[k]); k--) {
    const e = earlier[k].source;
    const inner = e && e.end <= source.start ? namedWithin(e) : undefined;
    if (inner) return { start: inner.start, end: inner.end, text: inner.text };
  }
  return null;
}

/** Whether a sentence has a cue word, a quotation mark or a colon or dash a headline attribution may hang on. */
export function mayAttribute(prose: string, s: TaggableSentence, cueWords: ReadonlySet<number>): boolean {
  const table = intTableOf(cueWords);
  for (let i = 0; i < s.tokens.length; i++) {
    if (intTableGet(table, s.props[i].key, -1) >= 0) return true;
    const p = punctuationKind(prose, s.tokens[i]);
    if (p === 2 || p >= 5) return true;
  }
  return false;
}

/** What the tagger needs of each sentence: as readSentences gives it. */
export interface TaggableSentence {
  sentence: { start: number; end: number; kind: string };
  tokens: readonly Token[];
  props: readonly TokenProps[];
}

let featureBuffer = new Int32Array(256 * ATTRIBUTION_FEATURES);
let scoreBuffer = new Float32Array(256 * ATTRIBUTION_TAGS.length);
let kindBuffer: Uint8Array = new Uint8Array(256);

/** The BIO path of one sentence. */
export function tagSentence(
  prose: string,
  s: TaggableSentence,
  state: QuoteState,
  model: AttributionModel,
  entities: readonly EntityMention[],
): Uint8Array {
  const n = s.tokens.length;
  if (featureBuffer.length < n * ATTRIBUTION_FEATURES) featureBuffer = new Int32Array(n * 2 * ATTRIBUTION_FEATURES);
  if (scoreBuffer.length < n * ATTRIBUTION_TAGS.length) scoreBuffer = new Float32Array(n * 2 * ATTRIBUTION_TAGS.length);
  // Whether a line is a heading can depend on the lines around it (a Setext underline), which the
  // editor, analysing a line at a time, does not see: the tagger reads every sentence as a body line.
  kindBuffer = entityKinds(s.tokens, entities, kindBuffer);
  const context = { cueLevels: model.cueLevels, entities: kindBuffer };
  const feats = attributionFeatures(prose, s.tokens, s.props, false, state, model.buckets, context, featureBuffer);
  const scores = attributionScores(feats, n, model.emissions, model.scale, scoreBuffer);
  return bioViterbi(scores, n, model.transitions);
}

const BIO_CONSTRAINTS = bioTransitions();

/** The cell of I- tag `t` from its two candidates, through its B- tag (t - 1) and through itself. */
function insideCell(
  best: Float64Array,
  back: Uint8Array,
  scores: Float32Array,
  row: number,
  t: number,
  fromBegin: number,
  fromInside: number,
): void {
  let max = -Infinity;
  let arg = 0;
  if (fromBegin > max) {
    max = fromBegin;
    arg = t - 1;
  }
  if (fromInside > max) {
    max = fromInside;
    arg = t;
  }
  best[row + t] = max + scores[row + t];
  back[row + t] = arg;
}

/**
 * viterbi (tagger.ts) under bioTransitions' constraints, written out for the seven tags: O and the
 * B- tags follow any tag, an I- tag only its B- and itself, and no I- tag starts a sentence. The
 * same sums are compared in the same order (predecessors in increasing order, the first maximum
 * kept), so the path is the same; it runs on nearly every token of an article.
 */
export function bioViterbi(scores: Float32Array, n: number, transitions: Float32Array): Uint8Array {
  const T = 7;
  if (n === 0) return new Uint8Array(0);
  const { best, back } = lattice(n, T);
  const start = T * T;
  for (let t = 0; t < T; t++) best[t] = t === 2 || t === 4 || t === 6 ? -Infinity : scores[t] + transitions[start + t];
  for (let i = 1; i < n; i++) {
    const prev = (i - 1) * T;
    const row = i * T;
    const b0 = best[prev];
    const b1 = best[prev + 1];
    const b2 = best[prev + 2];
    const b3 = best[prev + 3];
    const b4 = best[prev + 4];
    const b5 = best[prev + 5];
    const b6 = best[prev + 6];
    // O and the B- tags (0, 1, 3, 5) follow any tag: the first candidate is the maximum so far
    // whatever it is (the search starts from -Infinity with predecessor 0).
    for (let t = 0; t < T; t += t === 0 ? 1 : 2) {
      let max = b0 + transitions[t];
      let arg = 0;
      let v = b1 + transitions[T + t];
      if (v > max) {
        max = v;
        arg = 1;
      }
      v = b2 + transitions[2 * T + t];
      if (v > max) {
        max = v;
        arg = 2;
      }
      v = b3 + transitions[3 * T + t];
      if (v > max) {
        max = v;
        arg = 3;
      }
      v = b4 + transitions[4 * T + t];
      if (v > max) {
        max = v;
        arg = 4;
      }
      v = b5 + transitions[5 * T + t];
      if (v > max) {
        max = v;
        arg = 5;
      }
      v = b6 + transitions[6 * T + t];
      if (v > max) {
        max = v;
        arg = 6;
      }
      best[row + t] = max + scores[row + t];
      back[row + t] = arg;
    }
    // An I- tag (2, 4, 6) follows only its B- tag and itself.
    insideCell(best, back, scores, row, 2, b1 + transitions[T + 2], b2 + transitions[2 * T + 2]);
    insideCell(best, back, scores, row, 4, b3 + transitions[3 * T + 4], b4 + transitions[4 * T + 4]);
    insideCell(best, back, scores, row, 6, b5 + transitions[5 * T + 6], b6 + transitions[6 * T + 6]);
  }
  return bestPath(best, back, BIO_CONSTRAINTS.final, n, T);
}

const RELATIVE_PRONOUNS = new Set(['which', 'that', 'who'].map(wordKey));
const BE_FORMS = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being'].map(wordKey));
const HAVE_FORMS = new Set(['has', 'have', 'had'].map(wordKey));

/**
 * Whether a cue is a passive verb opening a relative clause ("the outage, which was detected on
 * Monday, …", "a flaw that has been found"): what was detected is the noun before it, not a
 * statement anyone made. PolNeAR sometimes marks these as cues; without a source ("by the
 * operator") they give a claim an attribution that names nobody and reports nothing.
 */
export function isPassiveInRelativeClause(props: readonly TokenProps[], cue: { first: number; last: number }): boolean {
  let first = cue.first;
  while (first > 0 && (BE_FORMS.has(props[first - 1].key) || HAVE_FORMS.has(props[first - 1].key))) first--;
  if (first === 0 || !RELATIVE_PRONOUNS.has(props[first - 1].key)) return false;
  for (let i = first; i <= cue.last; i++) {
    if (BE_FORMS.has(props[i].key)) return true;
    if (!HAVE_FORMS.has(props[i].key)) return false;
  }
  return false;
}

/**
 * Every attribution of the article's sentences, in order, with the index of the sentence its cue is
 * in, and the sentences that only continue the quotation of an attribution before them (`continued`,
 * sentence index → that attribution). `text` gives the spans' text; `prose` (markup blanked, same
 * offsets) is what is tagged.
 */
export function findAttributions(
  text: string,
  prose: string,
  sentences: readonly TaggableSentence[],
  model: AttributionModel,
  entities: readonly EntityMention[],
): { found: { attribution: Attribution; sentence: number }[]; continued: Map<number, Attribution> } {
  const out: { attribution: Attribution; sentence: number }[] = [];
  const continued = new Map<number, Attribution>();
  const state: QuoteState = { open: false };
  let previousBlockEnd = -1;
  for (let k = 0; k < sentences.length; k++) {
    const s = sentences[k];
    const { tokens } = s;
    if (!tokens.length) continue;
    // A quotation does not run on past a line break: the editor analyses an article a line (or a
    // paragraph) at a time, and what it finds must not depend on how the article was cut.
    const newLine = previousBlockEnd < 0 || prose.slice(previousBlockEnd, s.sentence.start).includes('\n');
    if (newLine) state.open = false;
    previousBlockEnd = s.sentence.end;
    const startsInQuote = state.open;
    if (model.cueWords && !startsInQuote && !mayAttribute(prose, s, model.cueWords)) continue;
    const path = tagSentence(prose, s, state, model, entities);
    const { linked, orphanContent } = linkSpans(bioSpans(path));
    const last = out[out.length - 1];
    if (
      orphanContent.length &&
      last &&
      !newLine &&
      (last.sentence === k - 1 || continued.get(k - 1) === last.attribution) &&
      (startsInQuote || orphanContent[0].first === 0)
    ) {
      const end = tokens[orphanContent[orphanContent.length - 1].last].end;
      const start = last.attribution.content?.start ?? tokens[orphanContent[0].first].start;
      last.attribution.content = { start, end, text: text.slice(start, end) };
      if (!linked.length) continued.set(k, last.attribution);
    }
    for (const l of linked) {
      // A cue that tells neither who nor what reports nothing.
      if (!l.source && !l.content.length) continue;
      if (!l.source && isPassiveInRelativeClause(s.props, l.cue)) continue;
      const content = l.content.length
        ? { start: tokens[l.content[0].first].start, end: tokens[l.content[l.content.length - 1].last].end }
        : null;
      const source = l.source ? words(text, prose, tokens, l.source, false) : null;
      const attribution: Attribution = {
        source,
        resolvedSource: null,
        cue: words(text, prose, tokens, l.cue, true) ?? span(text, tokens, l.cue),
        content: content && { ...content, text: text.slice(content.start, content.end) },
      };
      out.push({ attribution, sentence: k });
    }
  }
  return { found: out, continued };
}

/** The span of the tokens r.first to r.last. */
function span(text: string, tokens: readonly Token[], r: { first: number; last: number }): Span {
  return { start: tokens[r.first].start, end: tokens[r.last].end, text: text.slice(tokens[r.first].start, tokens[r.last].end) };
}

/**
 * Sources and cues are words: punctuation the tagger took in at either end is left out.
 * A cue keeps the colon it ends with ("said:"), as PolNeAR marks it.
 */
function words(text: string, prose: string, tokens: readonly Token[], r: { first: number; last: number }, keepColon: boolean): Span | null {
  let { first, last } = r;
  while (first <= last && punctuationKind(prose, tokens[first])) first++;
  const colonEnd = keepColon && last > first && punctuationKind(prose, tokens[last]) === 2;
  while (last >= first && punctuationKind(prose, tokens[last])) last--;
  return first <= last ? span(text, tokens, { first, last: colonEnd && last === r.last - 1 ? r.last : last }) : null;
}

/**
 * The claims with every source resolved against the whole article (its entities, in order, and the
 * attributions before): a pass over the article's analysis, so that the editor, which analyses an
 * article in chunks, and the command line, which analyses it whole, resolve alike.
 */
export function resolveClaimSources(claims: readonly ClaimMention[], entities: readonly EntityMention[]): ClaimMention[] {
  const earlier: Attribution[] = [];
  return claims.map((claim) => {
    if (!claim.attributions?.length) return claim;
    const attributions = claim.attributions.map((a) => {
      const resolved = { ...a, resolvedSource: a.source ? resolveSource(a.source, entities, earlier) : null };
      earlier.push(resolved);
      return resolved;
    });
    return { ...claim, attributions, resolvedSource: attributions[0].resolvedSource };
  });
}
