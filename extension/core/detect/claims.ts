import { isSpace, rememberedUnitTest } from '../text/chars';
import type { Sentence } from '../text/sentences';
import { mix, wordKey, type TokenProps } from './features';
import type { Token } from './tokens';
import type { ClaimMention, EntityMention, Span } from './types';

/**
 * Claims: which sentences assert something checkable, who they are attributed to (source), the
 * attribution cue, the content, hedges, and a check-worthiness score. Cue words and their
 * probabilities are learned from PolNeAR (scripts/train/cues.ts) and shipped in the model header.
 */

/** Cue word or phrase (lowercase, space-joined tokens) → P(cue | phrase); a sentence is an attribution at `threshold`. */
export interface CueLexicon {
  cues: Record<string, number>;
  threshold: number;
  /**
   * A logistic classifier of attribution sentences over hashed sentence features (see
   * attributionFeatures), trained on PolNeAR; when present it decides instead of `threshold`.
   */
  sentence?: { weights: number[]; cutoff: number };
}

export const SENTENCE_FEATURE_BITS = 16;

/** Hashed features of a sentence for the attribution classifier: cue scores, the best cue, quotes, words. */
export function attributionFeatures(props: readonly TokenProps[], hits: readonly CueHit[]): number[] {
  const mask = (1 << SENTENCE_FEATURE_BITS) - 1;
  // The two highest scores (a tie counts twice; 0 when missing), the first hit with the highest, and how many reach 0.3.
  let first = -Infinity;
  let second = -Infinity;
  let best: CueHit | null = null;
  let strong = 0;
  for (const h of hits) {
    if (h.score > first) {
      second = first;
      first = h.score;
    } else if (h.score > second) {
      second = h.score;
    }
    if (!best || h.score > best.score) best = h;
    if (h.score >= 0.3) strong++;
  }
  if (hits.length < 1) first = 0;
  if (hits.length < 2) second = 0;
  const out = [
    mix(1, 0) & mask,
    mix(2, Math.round(first * 10)) & mask,
    mix(3, Math.round(second * 10)) & mask,
    mix(4, Math.min(3, strong)) & mask,
    mix(5, Math.min(10, Math.floor(props.length / 5))) & mask,
  ];
  if (best) {
    let key = props[best.first].key;
    for (let k = best.first + 1; k <= best.last; k++) key = mix(key, props[k].key);
    out.push(mix(6, key) & mask);
  }
  for (const p of props) out.push(mix(7, p.key) & mask);
  if (props.length) out.push(mix(8, props[0].key) & mask);
  return out;
}

/** How sure the finder is that the sentence reports what someone said: none, an attribution, or a sure one. */
const Attribution = { None: 0, Likely: 1, Sure: 2 } as const;
type Attribution = (typeof Attribution)[keyof typeof Attribution];
/** The classifier's probability above which an attribution is sure enough to be a claim on its own. */
const SURE_ATTRIBUTION = 0.8;

function attribution(props: readonly TokenProps[], hits: readonly CueHit[], lexicon: CueLexicon): Attribution {
  if (!lexicon.sentence) return hits.some((h) => h.score >= lexicon.threshold) ? Attribution.Likely : Attribution.None;
  const { weights, cutoff } = lexicon.sentence;
  let z = 0;
  for (const f of attributionFeatures(props, hits)) z += weights[f];
  const p = 1 / (1 + Math.exp(-z));
  return p < cutoff ? Attribution.None : p >= SURE_ATTRIBUTION ? Attribution.Sure : Attribution.Likely;
}

/** Used when no model file is given: the commonest reporting verbs. */
export const DEFAULT_CUES: CueLexicon = {
  cues: Object.fromEntries(
    [
      'said',
      'says',
      'told',
      'confirmed',
      'denied',
      'stated',
      'claimed',
      'announced',
      'reported',
      'revealed',
      'according to',
      'asserted',
      'added',
      'warned',
      'argued',
    ].map((w) => [w, 0.8]),
  ),
  threshold: 0.5,
};

export interface CueHit {
  first: number;
  last: number;
  score: number;
}

const MAX_CUE_WORDS = 3;

/** Lowercase with typographic apostrophes and quotes as ASCII, as the lexicon stores words. */
export function normalizeWord(word: string): string {
  const lower = word.toLowerCase();
  return /[’‘“”]/.test(lower) ? lower.replace(/[’‘]/g, "'").replace(/[“”]/g, '"') : lower;
}

/** The lexicon as hashed word keys (see features.ts wordKey), built once per lexicon. */
interface CompiledCues {
  /** Phrase key (word keys folded with mix) → score. */
  scores: Map<number, number>;
  /** Keys of the first words of multi-word phrases. */
  starts: Set<number>;
}

const compiled = new WeakMap<CueLexicon, CompiledCues>();

function compile(lexicon: CueLexicon): CompiledCues {
  let c = compiled.get(lexicon);
  if (!c) {
    c = { scores: new Map(), starts: new Set() };
    for (const [phrase, score] of Object.entries(lexicon.cues)) {
      const keys = phrase.split(' ').map(wordKey);
      c.scores.set(keys.reduce(mix), score);
      if (keys.length > 1) c.starts.add(keys[0]);
    }
    compiled.set(lexicon, c);
  }
  return c;
}

/** Every lexicon phrase found in the sentence (the longest at each position), with its score. */
export function cueScores(props: readonly TokenProps[], lexicon: CueLexicon): CueHit[] {
  const { scores, starts } = compile(lexicon);
  const hits: CueHit[] = [];
  for (let i = 0; i < props.length; i++) {
    const longest = starts.has(props[i].key) ? Math.min(MAX_CUE_WORDS, props.length - i) : 1;
    for (let n = longest; n >= 1; n--) {
      let key = props[i].key;
      for (let k = 1; k < n; k++) key = mix(key, props[i + k].key);
      const score = scores.get(key);
      if (score !== undefined) {
        hits.push({ first: i, last: i + n - 1, score });
        break;
      }
    }
  }
  return hits;
}

// Sentence tests: ASCII-only regular expressions (no `u` flag, which is slower), run on every sentence.
export const HEDGES =
  /\b(?:reportedly|allegedly|alleged|purportedly|apparently|possibly|presumably|likely|unlikely|suspected|believed(?: to)?|thought to|said to be|appears? to|seems? to|may|might|could|it(?:’|')s been suggested|suggests?|suggested|rumou?red|unconfirmed|unverified)\b/gi;
/** HEDGES' matches in `body`, by exec on the shared pattern: matchAll copies the pattern on every call, and this runs per claim. */
export function hedgeMatches(body: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  HEDGES.lastIndex = 0;
  for (let m = HEDGES.exec(body); m; m = HEDGES.exec(body)) out.push(m);
  return out;
}
export const ADVICE =
  /^(?:\W*)(?:(?:please|always|never|don['’]t|do not|make sure|be sure|consider|ensure|remember|stay|keep|avoid|use|enable|update|contact|click|subscribe|follow|share|sign up|learn|read|check|visit|download|join)\b)|\b(?:must|should|ought to|need to|needs to|have to|has to)\b/i;
export const FIRST_PERSON_OPINION = /\b(?:I|we) (?:think|believe|feel|hope|guess)\b|\b(?:in my opinion|i['’]m sure)\b/i;
const EVALUATIVE =
  /\b(?:is|are|was|were|be|remains?) (?:(?:very|so|truly|really|more|most|also|indeed|particularly|increasingly|absolutely) )*(?:crucial|important|essential|vital|critical|key|concerning|alarming|worrying|great|good|bad|clear|necessary|imperative|paramount|unacceptable|interesting)\b/i;
const NUMBER =
  /\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|hundreds?|thousands?|millions?|billions?|dozens?|percent|half|twice|double|triple)\b/i;
const PAST_ACTION =
  /\b[a-z]{3,}ed\b|\b(?:was|were|has been|have been|had|did|took|made|began|broke|stole|hit|won|lost|paid|sold|bought|sent|found|left|met)\b/i;
const OPEN_QUOTES = new Set(['“', '"', '‘']);
const PRONOUNS = /^(?:he|she|they|we|i|it|you)$/i;
/** Words a source phrase does not extend over when walking back from the cue. */
const CLAUSE_BREAK = new Set([
  ',',
  ';',
  ':',
  '"',
  '“',
  '”',
  '(',
  ')',
  '—',
  '–',
  'that',
  'which',
  'who',
  'but',
  'while',
  'although',
  'though',
  'because',
  'as',
  'when',
  'after',
  'if',
]);
const AUXILIARIES = new Set([
  'has',
  'have',
  'had',
  'was',
  'were',
  'is',
  'are',
  'also',
  'later',
  'then',
  'previously',
  'publicly',
  'recently',
  'repeatedly',
  'reportedly',
  'allegedly',
  'not',
  "n't",
  'never',
  'would',
  'will',
  'did',
  'does',
  'do',
  'once',
  'first',
  'separately',
  'already',
  'always',
  'even',
  'still',
  'now',
  'just',
]);

export interface ClaimOptions {
  lexicon: CueLexicon;
  /** Sentences scoring below this are not offered as claims (bare opinions, furniture). */
  minScore: number;
}

/**
 * Claims in the sentences. `prose` is the text with Markdown markup blanked (same offsets as
 * `text`); entities are the ones found in the same text, in order.
 */
export function findClaims(
  text: string,
  prose: string,
  sentences: readonly { sentence: Sentence; tokens: readonly Token[]; props: readonly TokenProps[] }[],
  entities: readonly EntityMention[],
  options: ClaimOptions,
): ClaimMention[] {
  const claims: ClaimMention[] = [];
  let e = 0;
  for (const { sentence: s, tokens, props } of sentences) {
    while (e < entities.length && entities[e].end <= s.start) e++;
    const inside: EntityMention[] = [];
    for (let k = e; k < entities.length && entities[k].start < s.end; k++) if (entities[k].end <= s.end) inside.push(entities[k]);
    const claim = analyzeSentence(text, prose, s, tokens, props, inside, options);
    if (claim) claims.push(claim);
  }
  return claims;
}

function analyzeSentence(
  text: string,
  prose: string,
  s: Sentence,
  tokens: readonly Token[],
  props: readonly TokenProps[],
  entities: readonly EntityMention[],
  options: ClaimOptions,
): ClaimMention | null {
  const body = prose.slice(s.start, s.end);
  let wordCount = 0;
  for (const t of tokens) if (isLetterOrDigit(prose, t.start)) wordCount++;
  if (wordCount < 3 || isQuestion(body)) return null;

  const hits = cueScores(props, options.lexicon);
  const confidence = attribution(props, hits, options.lexicon);
  const attributed = confidence !== Attribution.None;
  const cueHit = attributed ? hits.reduce<CueHit | null>((best, h) => (!best || h.score > best.score ? h : best), null) : null;
  let cue: Span | null = null;
  if (cueHit) {
    const start = tokens[cueHit.first].start;
    const end = tokens[cueHit.last].end;
    cue = { start, end, text: text.slice(start, end) };
  } else if (attributed || !options.lexicon.sentence) {
    const quote = tokens.find((t) => OPEN_QUOTES.has(prose[t.start]));
    if (quote) cue = { start: quote.start, end: quote.end, text: text.slice(quote.start, quote.end) };
  }
  // A weak cue word ("opposed", "launched") marks a likely attribution but says nothing of check-worthiness.
  const strongCue = cue !== null && (!cueHit || cueHit.score >= SOURCE_CUE_SCORE);
  const score = checkWorthiness(body, entities, strongCue, s.kind === 'heading');
  const advice = !cueHit && ADVICE.test(body);
  // Who said what is checkable: a sure attribution with its cue is a claim even when it says little else.
  const sureReport = confidence === Attribution.Sure && cueHit !== null;
  if (advice || (score < options.minScore && !sureReport)) return null;
  // Only for the sentences kept: the source, the content and the hedges.
  const source = cueHit ? findSource(text, prose, tokens, cueHit, entities) : null;
  const content = cueHit ? findContent(text, prose, tokens, cueHit, s) : null;
  const hedges: Span[] = [];
  for (const m of hedgeMatches(body)) {
    const start = s.start + m.index;
    hedges.push({ start, end: start + m[0].length, text: text.slice(start, start + m[0].length) });
  }
  return { start: s.start, end: s.end, text: text.slice(s.start, s.end), score, source, cue, content, hedges };
}

/** Whether text[i] (one UTF-16 unit) is a letter or digit (\p{L}, \p{N}), with an ASCII fast path: this runs per token. */
export function isLetterOrDigit(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return isNonAsciiLetterOrDigit(c);
}

const isNonAsciiLetterOrDigit = rememberedUnitTest((unit) => /[\p{L}\p{N}]/u.test(unit));

/** Closing quotes, brackets and emphasis marks that may follow a question mark at the end of a sentence. */
const AFTER_QUESTION = new Set(['"', "'", '”', '’', ')', '*', '_']);

/** Whether the sentence ends with "?" (then closing quotes, brackets, emphasis marks, spaces). */
export function isQuestion(body: string): boolean {
  let i = body.length - 1;
  while (i >= 0 && (AFTER_QUESTION.has(body[i]) || isSpace(body, i))) i--;
  return i >= 0 && body[i] === '?';
}

/** body.split(/\s+/).length, without building the pieces: one more than the runs of white space. */
function pieceCount(body: string): number {
  let pieces = 1;
  for (let i = 0; i < body.length; i++) if (isSpace(body, i) && (i === 0 || !isSpace(body, i - 1))) pieces++;
  return pieces;
}

/**
 * Check-worthiness in [0, 1]: a logistic score over what makes a sentence checkable (numbers,
 * dates, named entities, attribution, concrete past actions) against what makes it an opinion.
 */
export function checkWorthiness(body: string, entities: readonly EntityMention[], attributed: boolean, heading: boolean): number {
  const named = entities.filter((m) => m.type !== 'Date' && m.type !== 'Money').length;
  const dated = entities.some((m) => m.type === 'Date');
  const money = entities.some((m) => m.type === 'Money');
  const words = pieceCount(body);
  let z = -1.6;
  z += NUMBER.test(body) ? 0.9 : 0;
  z += dated ? 0.5 : 0;
  z += money ? 0.6 : 0;
  z += 0.45 * Math.min(named, 3);
  z += attributed ? 0.6 : 0;
  z += PAST_ACTION.test(body) ? 0.6 : 0;
  z += words >= 8 ? 0.4 : words >= 5 ? 0.2 : -0.4;
  z -= FIRST_PERSON_OPINION.test(body) ? 1.0 : 0;
  z -= EVALUATIVE.test(body) ? 0.8 : 0;
  z -= heading && named === 0 ? 0.3 : 0;
  return 1 / (1 + Math.exp(-z));
}

/** A cue this likely to be an attribution is trusted to point at a source; weaker ones only mark the sentence. */
const SOURCE_CUE_SCORE = 0.3;
const MAX_SOURCE_WORDS = 8;
/** Reports and documents that carry a source: "a report published by X" names X. */
const BY_AGENT = /\b(?:by|from)\s+$/i;

interface SourceContext {
  text: string;
  prose: string;
  tokens: readonly Token[];
  entities: readonly EntityMention[];
}

function word(c: SourceContext, i: number): string {
  return normalizeWord(c.prose.slice(c.tokens[i].start, c.tokens[i].end));
}

/** Tokens a..b as a span, without punctuation at either end. */
function tokenSpan(c: SourceContext, a: number, b: number): Span | null {
  while (a <= b && !isLetterOrDigit(c.prose, c.tokens[a].start)) a++;
  while (b >= a && !isLetterOrDigit(c.prose, c.tokens[b].start)) b--;
  if (a > b) return null;
  return { start: c.tokens[a].start, end: c.tokens[b].end, text: c.text.slice(c.tokens[a].start, c.tokens[b].end) };
}

/** The entity covering token i, if any. */
function entityAt(c: SourceContext, i: number): EntityMention | undefined {
  const at = c.tokens[i].start;
  return c.entities.find((m) => m.start <= at && at < m.end && m.type !== 'Date' && m.type !== 'Money');
}

/**
 * The source: "according to X"; the subject before the cue ("A spokeswoman for T-Mobile said",
 * "Jeff Simon, T-Mobile's security chief, said"); or the phrase after it ("…,” said X). A phrase
 * naming its agent ("a report published by the WSJ") gives the agent.
 */
function findSource(text: string, prose: string, tokens: readonly Token[], cue: CueHit, entities: readonly EntityMention[]): Span | null {
  if (cue.score < SOURCE_CUE_SCORE) return null;
  const c: SourceContext = { text, prose, tokens, entities };
  if (word(c, cue.first) === 'according') return agent(c, phraseAfter(c, cue.last + 1));

  let end = cue.first - 1;
  while (end >= 0 && (AUXILIARIES.has(word(c, end)) || /^[a-z]+ly$/.test(word(c, end)))) end--;
  // An appositive before the cue: "Jeff Simon, T-Mobile's chief security officer, said".
  if (end >= 1 && word(c, end) === ',') {
    const close = end;
    let open = close - 1;
    while (open > 0 && word(c, open) !== ',' && close - open < MAX_SOURCE_WORDS) open--;
    if (open > 0 && word(c, open) === ',') {
      const named = entityAt(c, open - 1);
      if (named) return { start: named.start, end: named.end, text: text.slice(named.start, named.end) };
    }
    const named = entityAt(c, close - 1);
    if (named) return { start: named.start, end: named.end, text: text.slice(named.start, named.end) };
  }
  if (end >= 0 && !CLAUSE_BREAK.has(word(c, end))) {
    let start = end;
    while (start > 0 && end - start < MAX_SOURCE_WORDS && !CLAUSE_BREAK.has(word(c, start - 1))) start--;
    // Never cut a name in two.
    const first = entityAt(c, start);
    let phrase = tokenSpan(c, start, end);
    if (phrase && first && first.start < phrase.start)
      phrase = { start: first.start, end: phrase.end, text: text.slice(first.start, phrase.end) };
    if (phrase) return agent(c, subject(c, phrase));
  }
  // Inverted order: "…,” said the spokeswoman.
  return agent(c, phraseAfter(c, cue.last + 1));
}

/** The noun phrase after a cue, up to a clause break, extended to the end of a name it cuts. */
function phraseAfter(c: SourceContext, from: number): Span | null {
  if (from >= c.tokens.length) return null;
  let end = from;
  while (
    end + 1 < c.tokens.length &&
    end - from < MAX_SOURCE_WORDS - 1 &&
    !CLAUSE_BREAK.has(word(c, end + 1)) &&
    c.prose[c.tokens[end + 1].start] !== '.'
  )
    end++;
  const phrase = tokenSpan(c, from, end);
  if (!phrase) return null;
  const cut = c.entities.find((m) => m.start < phrase.end && m.end > phrase.end);
  return cut ? { start: phrase.start, end: cut.end, text: c.text.slice(phrase.start, cut.end) } : phrase;
}

/** "a report published by The Wall Street Journal" → "The Wall Street Journal". */
function agent(c: SourceContext, phrase: Span | null): Span | null {
  if (!phrase) return null;
  const named = c.entities.filter((m) => m.start > phrase.start && m.end <= phrase.end && m.type !== 'Date' && m.type !== 'Money');
  for (const m of named) {
    let start = m.start;
    const before = c.prose.slice(phrase.start, m.start);
    const det = /\b(?:the)\s+$/i.exec(before);
    if (det) start -= det[0].length;
    if (BY_AGENT.test(c.prose.slice(phrase.start, start))) {
      const end = c.entities
        .filter((x) => x.start >= m.start && x.end <= phrase.end)
        .reduce((e, x) => (/^\s*(?:and|&)\s*(?:the\s+)?$/i.test(c.prose.slice(e, x.start)) || x === m ? x.end : e), m.end);
      return { start, end, text: c.text.slice(start, end) };
    }
  }
  return /^(?:by|from|with)\s/i.test(phrase.text)
    ? { start: phrase.start + phrase.text.indexOf(' ') + 1, end: phrase.end, text: phrase.text.slice(phrase.text.indexOf(' ') + 1) }
    : phrase;
}

/**
 * The subject within a walked-back phrase: from its last determiner (with the name after it), or a
 * name that a bare descriptor precedes ("U.S. telecommunication giant T-Mobile" → "T-Mobile").
 */
function subject(c: SourceContext, phrase: Span): Span {
  if (PRONOUNS.test(phrase.text)) return phrase;
  const det = /(?:^|\s)(?:the|a|an|his|her|their|its|our|some|several|many)\s/giu;
  let start = -1;
  for (let m = det.exec(phrase.text); m; m = det.exec(phrase.text)) {
    start = phrase.start + m.index + (m[0].startsWith(' ') ? 1 : 0);
    break;
  }
  const inner = c.entities.filter((m) => m.start >= phrase.start && m.end <= phrase.end && m.type !== 'Date' && m.type !== 'Money');
  const last = inner[inner.length - 1];
  if (start < 0 && last && last.end === phrase.end && !/\b(?:for|of|at|from|with|in)\s/i.test(c.prose.slice(phrase.start, last.start)))
    start = last.start;
  if (start < 0 || (inner.length && inner[0].start < start && inner[0].end > start)) start = phrase.start;
  return { start, end: phrase.end, text: c.text.slice(start, phrase.end) };
}

/** What follows the cue (after "that"), or the quotation when the cue comes after it. */
function findContent(text: string, prose: string, tokens: readonly Token[], cue: CueHit, s: Sentence): Span | null {
  let from = cue.last + 1;
  if (from < tokens.length && /^(?:that|:|,)$/i.test(prose.slice(tokens[from].start, tokens[from].end))) from++;
  let start: number;
  let end: number;
  if (from < tokens.length && cue.first > 2) {
    start = tokens[from].start;
    end = s.end;
  } else {
    start = s.start;
    end = tokens[Math.max(0, cue.first - 1)].start;
  }
  while (end > start && /[\s.,;:"”’]/u.test(prose[end - 1])) end--;
  while (start < end && /[\s"“‘]/u.test(prose[start])) start++;
  return end > start ? { start, end, text: text.slice(start, end) } : null;
}
