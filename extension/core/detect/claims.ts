import type { Sentence } from '../text/sentences';
import { tokenize, type Token } from './tokens';
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
}

/** Used when no model file is given: the commonest reporting verbs. */
export const DEFAULT_CUES: CueLexicon = {
  cues: Object.fromEntries(
    ['said', 'says', 'told', 'confirmed', 'denied', 'stated', 'claimed', 'announced', 'reported', 'revealed', 'according to', 'asserted', 'added', 'warned', 'argued'].map((w) => [w, 0.8]),
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

/** First words of the lexicon's multi-word phrases, so that most positions need one lookup. */
const phraseStarts = new WeakMap<CueLexicon, Set<string>>();

function startsOfPhrases(lexicon: CueLexicon): Set<string> {
  let starts = phraseStarts.get(lexicon);
  if (!starts) {
    starts = new Set(Object.keys(lexicon.cues).filter((k) => k.includes(' ')).map((k) => k.slice(0, k.indexOf(' '))));
    phraseStarts.set(lexicon, starts);
  }
  return starts;
}

/** Every lexicon phrase found in the tokens (the longest at each position), with its score. */
export function cueScores(text: string, tokens: readonly Token[], lexicon: CueLexicon): CueHit[] {
  const words = tokens.map((t) => normalizeWord(text.slice(t.start, t.end)));
  const starts = startsOfPhrases(lexicon);
  const hits: CueHit[] = [];
  for (let i = 0; i < words.length; i++) {
    const longest = starts.has(words[i]) ? Math.min(MAX_CUE_WORDS, words.length - i) : 1;
    for (let n = longest; n >= 1; n--) {
      const score = lexicon.cues[n === 1 ? words[i] : words.slice(i, i + n).join(' ')];
      if (score !== undefined) {
        hits.push({ first: i, last: i + n - 1, score });
        break;
      }
    }
  }
  return hits;
}

const HEDGES = /\b(?:reportedly|allegedly|alleged|purportedly|apparently|possibly|presumably|likely|unlikely|suspected|believed(?: to)?|thought to|said to be|appears? to|seems? to|may|might|could|it(?:’|')s been suggested|suggests?|suggested|rumou?red|unconfirmed|unverified)\b/giu;
const ADVICE = /^(?:\W*)(?:(?:please|always|never|don['’]t|do not|make sure|be sure|consider|ensure|remember|stay|keep|avoid|use|enable|update|contact|click|subscribe|follow|share|sign up|learn|read|check|visit|download|join)\b)|\b(?:must|should|ought to|need to|needs to|have to|has to)\b/iu;
const FIRST_PERSON_OPINION = /\b(?:I|we) (?:think|believe|feel|hope|guess)\b|\b(?:in my opinion|i['’]m sure)\b/iu;
const EVALUATIVE = /\b(?:is|are|was|were|be|remains?) (?:(?:very|so|truly|really|more|most|also|indeed|particularly|increasingly|absolutely) )*(?:crucial|important|essential|vital|critical|key|concerning|alarming|worrying|great|good|bad|clear|necessary|imperative|paramount|unacceptable|interesting)\b/iu;
const NUMBER = /\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|hundreds?|thousands?|millions?|billions?|dozens?|percent|half|twice|double|triple)\b/iu;
const PAST_ACTION = /\b\p{L}{3,}ed\b|\b(?:was|were|has been|have been|had|did|took|made|began|broke|stole|hit|won|lost|paid|sold|bought|sent|found|left|met)\b/iu;
const OPEN_QUOTES = new Set(['“', '"', '‘']);
const PRONOUNS = /^(?:he|she|they|we|i|it|you)$/i;
/** Words a source phrase does not extend over when walking back from the cue. */
const CLAUSE_BREAK = new Set([',', ';', ':', '"', '“', '”', '(', ')', '—', '–', 'that', 'which', 'who', 'and', 'but', 'while', 'although', 'though', 'because', 'as', 'when', 'after', 'if']);
const AUXILIARIES = new Set(['has', 'have', 'had', 'was', 'were', 'is', 'are', 'also', 'later', 'then', 'previously', 'publicly', 'recently', 'repeatedly', 'reportedly', 'allegedly', 'not', "n't", 'never', 'had', 'would', 'will', 'did', 'does', 'do', 'once', 'first', 'separately', 'already']);

export interface ClaimOptions {
  lexicon: CueLexicon;
  /** Sentences scoring below this are not offered as claims (bare opinions, furniture). */
  minScore: number;
}

/**
 * Claims in the sentences. `prose` is the text with Markdown markup blanked (same offsets as
 * `text`); entities are the ones found in the same text, in order.
 */
export function findClaims(text: string, prose: string, sentences: readonly Sentence[], entities: readonly EntityMention[], options: ClaimOptions): ClaimMention[] {
  const claims: ClaimMention[] = [];
  let e = 0;
  for (const s of sentences) {
    while (e < entities.length && entities[e].end <= s.start) e++;
    const inside: EntityMention[] = [];
    for (let k = e; k < entities.length && entities[k].start < s.end; k++) if (entities[k].end <= s.end) inside.push(entities[k]);
    const claim = analyzeSentence(text, prose, s, inside, options);
    if (claim) claims.push(claim);
  }
  return claims;
}

function analyzeSentence(text: string, prose: string, s: Sentence, entities: readonly EntityMention[], options: ClaimOptions): ClaimMention | null {
  const body = prose.slice(s.start, s.end);
  const tokens = tokenize(prose, s.start, s.end);
  const wordCount = tokens.filter((t) => /[\p{L}\p{N}]/u.test(prose[t.start])).length;
  if (wordCount < 3 || /\?["'”’)\s*_]*$/u.test(body)) return null;

  const hits = cueScores(prose, tokens, options.lexicon).filter((h) => h.score >= options.lexicon.threshold);
  const cueHit = hits.reduce<CueHit | null>((best, h) => (!best || h.score > best.score ? h : best), null);
  let cue: Span | null = null;
  let source: Span | null = null;
  let content: Span | null = null;
  if (cueHit) {
    const start = tokens[cueHit.first].start;
    const end = tokens[cueHit.last].end;
    cue = { start, end, text: text.slice(start, end) };
    source = findSource(text, prose, tokens, cueHit, entities);
    content = findContent(text, prose, tokens, cueHit, s);
  } else {
    const quote = tokens.find((t) => OPEN_QUOTES.has(prose[t.start]));
    if (quote) cue = { start: quote.start, end: quote.end, text: text.slice(quote.start, quote.end) };
  }
  const hedges: Span[] = [];
  for (const m of body.matchAll(HEDGES)) {
    const start = s.start + (m.index ?? 0);
    hedges.push({ start, end: start + m[0].length, text: text.slice(start, start + m[0].length) });
  }
  const score = checkWorthiness(body, entities, cue !== null, s.kind === 'heading');
  const advice = ADVICE.test(body) && !cueHit;
  if (advice || score < options.minScore) return null;
  return { start: s.start, end: s.end, text: text.slice(s.start, s.end), score, source, cue, content, hedges };
}

/**
 * Check-worthiness in [0, 1]: a logistic score over what makes a sentence checkable (numbers,
 * dates, named entities, attribution, concrete past actions) against what makes it an opinion.
 */
export function checkWorthiness(body: string, entities: readonly EntityMention[], attributed: boolean, heading: boolean): number {
  const named = entities.filter((m) => m.type !== 'Date' && m.type !== 'Money').length;
  const dated = entities.some((m) => m.type === 'Date');
  const money = entities.some((m) => m.type === 'Money');
  const words = body.split(/\s+/).length;
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

/** The source: "according to X"; an entity or noun phrase before the cue; or one after it ("…,” said X). */
function findSource(text: string, prose: string, tokens: readonly Token[], cue: CueHit, entities: readonly EntityMention[]): Span | null {
  const span = (a: number, b: number): Span | null => {
    while (a <= b && /^[\p{P}\s]/u.test(prose[tokens[a].start]) && !/^[\p{L}\p{N}]/u.test(prose[tokens[a].start])) a++;
    while (b >= a && /^[\p{P}]$/u.test(prose.slice(tokens[b].start, tokens[b].end))) b--;
    if (a > b) return null;
    return { start: tokens[a].start, end: tokens[b].end, text: text.slice(tokens[a].start, tokens[b].end) };
  };
  const cueWords = prose.slice(tokens[cue.first].start, tokens[cue.last].end).toLowerCase();
  if (cueWords.startsWith('according to')) return phraseAfter(prose, tokens, cue.last + 1, span, entities);

  // Walk back over auxiliaries and adverbs ("has repeatedly denied"), then take the phrase before.
  let end = cue.first - 1;
  while (end >= 0 && AUXILIARIES.has(normalizeWord(prose.slice(tokens[end].start, tokens[end].end)))) end--;
  if (end >= 0 && !CLAUSE_BREAK.has(normalizeWord(prose.slice(tokens[end].start, tokens[end].end)))) {
    let start = end;
    while (start > 0 && end - start < 7 && !CLAUSE_BREAK.has(normalizeWord(prose.slice(tokens[start - 1].start, tokens[start - 1].end)))) start--;
    // Keep a named source whole and start the phrase no earlier than the nearest entity group.
    const phrase = span(start, end);
    if (phrase) return trimToEntities(phrase, entities, text);
  }
  // Inverted order: "…,” said the spokeswoman.
  return phraseAfter(prose, tokens, cue.last + 1, span, entities);
}

function phraseAfter(prose: string, tokens: readonly Token[], from: number, span: (a: number, b: number) => Span | null, entities: readonly EntityMention[]): Span | null {
  if (from >= tokens.length) return null;
  const entity = entities.find((m) => m.start === tokens[from].start || (from + 1 < tokens.length && m.start === tokens[from + 1].start && /^(?:the|a|an)$/i.test(prose.slice(tokens[from].start, tokens[from].end))));
  let end = from;
  while (end + 1 < tokens.length && end - from < 6 && !CLAUSE_BREAK.has(normalizeWord(prose.slice(tokens[end + 1].start, tokens[end + 1].end))) && prose[tokens[end + 1].start] !== '.') end++;
  const phrase = span(from, end);
  if (entity && phrase && entity.end <= phrase.end) return { start: phrase.start, end: entity.end, text: phrase.text.slice(0, entity.end - phrase.start) };
  return phrase;
}

/** A long walk-back phrase ending in a name ("on Monday T-Mobile") is cut to start at a determiner or the name. */
function trimToEntities(phrase: Span, entities: readonly EntityMention[], text: string): Span {
  if (PRONOUNS.test(phrase.text)) return phrase;
  const inner = entities.filter((m) => m.start >= phrase.start && m.end <= phrase.end);
  const det = /\b(?:the|a|an|his|her|their|its|our)\s/giu;
  let start = phrase.start;
  let m: RegExpExecArray | null;
  while ((m = det.exec(phrase.text))) {
    start = phrase.start + m.index;
    break;
  }
  if (inner.length && inner[0].start < start) start = inner[0].start;
  return { start, end: phrase.end, text: text.slice(start, phrase.end) };
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
