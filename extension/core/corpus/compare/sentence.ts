import { stemmer } from 'stemmer';
import { claimFeatures, type Assertion, type NumberFact } from '../features';

/**
 * One side of a pair, read once: the claim features the corpus index uses (content stems, numbers,
 * negations, opposable predicates), plus the word sequence and names that paraphrase detection needs.
 */
export interface Sentence {
  text: string;
  /** Content stems (stopwords, attribution and hedge words left out; numbers as "#unit:value") with counts. */
  terms: Map<string, number>;
  /** The first surface form of each stem, to explain in the words people read. */
  surfaces: Map<string, string>;
  /** Stems negated in the sentence. */
  negated: Set<string>;
  negations: string[];
  numbers: NumberFact[];
  assertions: Assertion[];
  /** Every word's plain stem, in order (stopwords kept): for bigrams and the longest common subsequence. */
  sequence: string[];
  /** Counts of the sequence's 1-, 2- and 3-grams. */
  grams: [Map<string, number>, Map<string, number>, Map<string, number>];
  /** Lowercased capitalized words that do not start the sentence: names, mostly. */
  names: Set<string>;
  /** Whether the sentence denies or rejects something said ("denied", "dismissed the claims", "false"). */
  denial: boolean;
  /** Hedging words ("reportedly", "believed", "may"): the sentence asserts with less certainty. */
  hedged: boolean;
}

const WORD = /[\p{L}\p{N}]+(?:[-'’.][\p{L}\p{N}]+)*/gu;
const DENIAL =
  /\b(?:den(?:y|ies|ied|ying)|refut(?:e|es|ed|ing)|reject(?:s|ed|ing)? (?:the |these |those |such )?(?:claims?|allegations?|accusations?|reports?)|dismiss(?:es|ed|ing)? (?:the |these |those |such )?(?:claims?|allegations?|accusations?|reports?)|false|untrue|baseless|unfounded|fake)\b/i;
const HEDGES =
  /\b(?:reportedly|allegedly|believed|may|might|could|possibly|apparently|likely|suspect(?:s|ed)?|suggest(?:s|ed)?|unconfirmed|purportedly|seems?)\b/i;
/** Links, handles and picture links say nothing about the claim: tweets and web copy carry many. */
const NOISE = /https?:\/\/\S+|pic\.twitter\.com\/\S+|www\.\S+/g;

/** Reads one side of a pair. Pure and deterministic; about 20 µs for a news sentence. */
export function readSentence(raw: string): Sentence {
  const text = cleanText(raw);
  const features = claimFeatures(text);
  const sequence: string[] = [];
  const names = new Set<string>();
  for (const m of text.matchAll(WORD)) {
    const word = m[0].replace(/’/g, "'").replace(/\.$/, '');
    const lower = word.toLowerCase();
    sequence.push(plainStem(lower));
    const code = word.charCodeAt(0);
    const startsSentence = m.index === 0 || /[.!?:"“”(]\s*$/.test(text.slice(Math.max(0, m.index - 3), m.index));
    if (!startsSentence && code >= 65 && code <= 90 && !SENTENCE_STARTERS.has(lower)) names.add(lower.replace(/'s$/, ''));
  }
  return {
    text,
    terms: features.terms,
    surfaces: features.surfaces,
    negated: features.negated,
    negations: features.negations,
    numbers: features.numbers,
    assertions: features.assertions.filter((a) => isAsserted(text, a)),
    sequence,
    grams: [ngrams(sequence, 1), ngrams(sequence, 2), ngrams(sequence, 3)],
    names,
    denial: DENIAL.test(text),
    hedged: HEDGES.test(text),
  };
}

/** Past forms of predicate words the -ed/-en/-ing test misses. */
const IRREGULAR_PAST = new Set('stole stolen rose risen grew grown fell fallen began begun shut won lost hit'.split(' '));
/** Words that put what follows in doubt: "unknown whether hackers had access" asserts no access either way. */
const IN_DOUBT = /\b(?:whether|if|unknown|unclear|uncertain|not known|not clear|questions?|concerns?)\b[^.;:!?]*$/i;

/**
 * Whether a clause's predicate is asserted: said as a verb or a state ("was compromised", "remained secure",
 * "did not have access"), not a noun ("the breach", "T-Mobile Hack"), and not put in doubt before it.
 */
function isAsserted(text: string, a: Assertion): boolean {
  const word = a.words.replace(/^not … /, '');
  const at = text.indexOf(word, a.start);
  const lower = word.toLowerCase();
  const negated = a.words.startsWith('not … ');
  const verbal =
    negated ||
    /(?:ed|en|ing)$/.test(lower) ||
    IRREGULAR_PAST.has(lower) ||
    /^(?:un|in)|(?:secure|safe|protected|wrong|true|dead|alive|guilty|innocent)$/.test(lower);
  if (!verbal) return false;
  const before = text.slice(Math.max(0, (at < 0 ? a.start : at) - 80), at < 0 ? a.start : at);
  // "steps to secure their networks": an aim, not a state.
  if (!negated && /\bto\s+$/i.test(before)) return false;
  return !IN_DOUBT.test(before);
}

function ngrams(words: string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = n; i <= words.length; i++) {
    const key = n === 1 ? words[i - 1] : words.slice(i - n, i).join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Links removed, hashtags and handles split into words ("#SaltTyphoon" → "Salt Typhoon"). */
export function cleanText(raw: string): string {
  return raw
    .replace(NOISE, ' ')
    .replace(/[#@]([A-Za-z0-9_]+)/g, (_, tag: string) => tag.replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2'))
    .replace(/\s+/g, ' ')
    .trim();
}

/** Capitalized words that are not names wherever they stand. */
const SENTENCE_STARTERS = new Set('i the a an in on at he she it they we you this that these those but and or mr mrs ms dr'.split(' '));

const stems = new Map<string, string>();

function plainStem(word: string): string {
  let stem = stems.get(word);
  if (stem === undefined) {
    if (stems.size > 100_000) stems.clear();
    stem = stemmer(word);
    stems.set(word, stem);
  }
  return stem;
}
