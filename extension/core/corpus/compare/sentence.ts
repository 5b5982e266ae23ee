import { stemmer } from 'stemmer';
import { mix, stringHash } from '../../detect/features';
import { claimFeatures, type Assertion, type NumberFact } from '../features';
import { PLACES_TABLE } from './places-table';

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
  /** Counts of the sequence's 1-, 2- and 3-grams, each n-gram by a 32-bit hash of its stems. */
  grams: [KeyCounts, KeyCounts, KeyCounts];
  /** Counts of the letter trigrams of the lowercased text, letters and digits only: spelling variants still meet. */
  letters: KeyCounts;
  /** Lowercased capitalized words that do not start the sentence: names, mostly. */
  names: Set<string>;
  /**
   * The names, and a capitalized word starting the sentence right before one ("Ilse" of "Ilse Brandt said …"): what a
   * claim says is told apart from whom it names by these (the features keep to `names`, as the weights were fitted).
   */
  nameWords: Set<string>;
  /** Whether the sentence denies or rejects something said ("denied", "dismissed the claims", "false"). */
  denial: boolean;
  /** Hedging words ("reportedly", "believed", "may"): the sentence asserts with less certainty. */
  hedged: boolean;
  /** Who denies, when the sentence denies: the lowercased names and the countries said before its denial word. */
  denier: ReadonlySet<string>;
  /** Content stems of what the sentence denies: the rest of the clause after a denial verb, or all of it ("the claims are false"). */
  denied: ReadonlySet<string>;
}

/**
 * Keys with their counts, the keys in ascending order. A read claim is kept for the model, tens of thousands at
 * once while the claim groups are computed: as Maps its n-grams and letter trigrams took 7.5 KB, as arrays a tenth.
 */
export interface KeyCounts {
  keys: Int32Array;
  counts: Uint16Array;
  /** The counts summed. */
  total: number;
}

/** The counts of the first `n` keys of `keys` (which it sorts). */
function keyCounts(keys: Int32Array, n: number): KeyCounts {
  const sorted = keys.subarray(0, n).sort();
  let distinct = 0;
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
  const out = { keys: new Int32Array(distinct), counts: new Uint16Array(distinct), total: n };
  for (let i = 0, k = -1; i < n; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) out.keys[++k] = sorted[i];
    if (out.counts[k] < 0xffff) out.counts[k]++;
  }
  return out;
}

/** The counts two sides share, each key counted as often as the side with fewer of it has it. */
export function sharedCount(a: KeyCounts, b: KeyCounts): number {
  let common = 0;
  for (let i = 0, j = 0; i < a.keys.length && j < b.keys.length;) {
    if (a.keys[i] < b.keys[j]) i++;
    else if (a.keys[i] > b.keys[j]) j++;
    else common += Math.min(a.counts[i++], b.counts[j++]);
  }
  return common;
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
  const nameWords = new Set<string>();
  /** A capitalized word starting the sentence, with where it ends: a name's first word if a name follows it at once. */
  let starter: { word: string; end: number } | null = null;
  for (const m of text.matchAll(WORD)) {
    // Replaced only when there is something to replace (read for every word of every claim read); a WORD never ends with a dot.
    const word = m[0].includes('’') ? m[0].replace(/’/g, "'") : m[0];
    const lower = word.toLowerCase();
    sequence.push(plainStem(lower));
    const code = word.charCodeAt(0);
    // Only a capitalized word may be a name: whether it starts a sentence is read for those alone.
    const previous = starter;
    starter = null;
    if (code < 65 || code > 90 || SENTENCE_STARTERS.has(lower)) continue;
    const startsSentence = m.index === 0 || /[.!?:"“”(]\s*$/.test(text.slice(Math.max(0, m.index - 3), m.index));
    const name = lower.replace(/'s$/, '');
    if (startsSentence) {
      starter = { word: name, end: m.index + m[0].length };
      continue;
    }
    names.add(name);
    nameWords.add(name);
    if (previous && m.index === previous.end + 1) nameWords.add(previous.word);
  }
  const denial = DENIAL.exec(text);
  return {
    text,
    terms: features.terms,
    surfaces: features.surfaces,
    negated: features.negated,
    negations: features.negations,
    numbers: features.numbers,
    assertions: features.assertions.filter((a) => isAsserted(text, a)),
    sequence,
    grams: ngrams(sequence),
    letters: letterTrigrams(text),
    names,
    nameWords,
    denial: denial !== null,
    hedged: HEDGES.test(text),
    denier: denial ? denierOf(text.slice(0, denial.index)) : NOTHING,
    denied: denial ? deniedBy(text, denial, features.terms) : NOTHING,
  };
}

const NOTHING: ReadonlySet<string> = new Set();
/** A denial verb: what it denies follows it, to the end of its clause. */
const DENIAL_VERB = /^(?:den|refut|reject|dismiss)/i;

/** The names and countries before a denial word: who denies ("Beijing has denied", "The Chinese government denied"). */
function denierOf(before: string): Set<string> {
  const who = placesIn(before);
  for (const m of before.matchAll(WORD)) {
    const code = m[0].charCodeAt(0);
    const lower = m[0].toLowerCase();
    if (code >= 65 && code <= 90 && !SENTENCE_STARTERS.has(lower) && !CALENDAR.test(lower)) who.add(lower.replace(/['’]s$/, ''));
  }
  return who;
}

/** Days and months are capitalized but name no one ("On Monday, the ministry denied …"). */
const CALENDAR =
  /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december)$/;

function deniedBy(text: string, denial: RegExpExecArray, terms: Map<string, number>): Set<string> {
  if (!DENIAL_VERB.test(denial[0])) return new Set([...terms.keys()].filter((t) => !t.startsWith('#')));
  const rest = text.slice(denial.index + denial[0].length);
  // The clause ends at a stop that is not an abbreviation's ("U.S. government and other claims that …").
  const clause = rest.slice(0, rest.search(/[;:!?]|\.(?=\s+\p{Lu}|\s*$)|$/u));
  return new Set([...claimFeatures(clause).terms.keys()].filter((t) => !t.startsWith('#')));
}

let placeOf: Map<string, string> | undefined;
/** The first words and word pairs of the places' names of more than one word ("north", "north korean"): only these are read on. */
let placePrefixes: Set<string> | undefined;

/**
 * Countries named in a text, by name, capital or demonym ("Beijing", "Chinese", "China-linked" → "china"): its capitalized
 * words, pairs and triples of them looked up in the places table. Read for every claim the corpus indexes, so cheaply.
 */
export function placesIn(text: string): Set<string> {
  if (!placeOf) {
    placeOf = new Map(
      PLACES_TABLE.split('\n').flatMap((line) => {
        const [country, ...aliases] = line.split('|');
        return [country, ...aliases].map((alias) => [alias, country] as const);
      }),
    );
    placePrefixes = new Set(
      [...placeOf.keys()].flatMap((name) =>
        name
          .split(' ')
          .slice(0, -1)
          .map((_, n, all) => all.slice(0, n + 1).join(' ')),
      ),
    );
  }
  const prefixes = placePrefixes as Set<string>;
  const found = new Set<string>();
  const words = capitalizedWords(text);
  for (let i = 0; i < words.length; i++) {
    let phrase = words[i].word;
    let country = placeOf.get(phrase);
    if (country) found.add(country);
    for (let n = 1; n < 3 && i + n < words.length && prefixes.has(phrase); n++) {
      // Only capitalized words next to each other make one name ("North Korea", "South Korean").
      if (!/^[\s-]+$/.test(text.slice(words[i + n - 1].at + words[i + n - 1].word.length, words[i + n].at))) break;
      phrase = `${phrase} ${words[i + n].word}`;
      country = placeOf.get(phrase);
      if (country) found.add(country);
    }
  }
  return found;
}

/** The words of a text starting with a capital, lowercased, a final dot left out ("U.S." → "u.s"): a scan, not a regular expression. */
function capitalizedWords(text: string): { word: string; at: number }[] {
  const out: { word: string; at: number }[] = [];
  for (let i = 0; i < text.length; i++) {
    if (!isUpper(text.charCodeAt(i)) || (i > 0 && isWordCode(text.charCodeAt(i - 1)))) continue;
    let end = i + 1;
    while (end < text.length && (isWordCode(text.charCodeAt(end)) || text.charCodeAt(end) === 46)) end++;
    out.push({ word: text.slice(i, text.charCodeAt(end - 1) === 46 ? end - 1 : end).toLowerCase(), at: i });
    i = end - 1;
  }
  return out;
}

function isUpper(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 0xc0 && /\p{Lu}/u.test(String.fromCharCode(code)));
}

function isWordCode(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 0xc0 && /\p{L}/u.test(String.fromCharCode(code)));
}

/** Past forms of predicate words the -ed/-en/-ing test misses. */
const IRREGULAR_PAST = new Set('stole stolen broke broken rose risen grew grown fell fallen began begun shut won lost hit'.split(' '));
/** Words that put what follows in doubt: "unknown whether hackers had access" asserts no access either way. */
const IN_DOUBT = /\b(?:whether|if|unknown|unclear|uncertain|not known|not clear|questions?|concerns?)\b/i;

/** Where the last sentence or clause stop of a text is (-1 if none): what a predicate's doubt or degree may reach back to. */
function lastBreak(text: string): number {
  for (let i = text.length - 1; i >= 0; i--) if ('.;:!?'.includes(text[i])) return i;
  return -1;
}

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
  const from = at < 0 ? a.start : at;
  const before = text.slice(Math.max(0, from - 300), from);
  // "steps to secure their networks": an aim, not a state.
  if (!negated && /\bto\s+$/i.test(before)) return false;
  // "notifying affected customers", "the compromised accounts": a participle describing a noun asserts nothing of its own.
  if (!negated && /ed$/.test(lower) && attributive(before) && /^\s+\p{Ll}/u.test(text.slice(from + word.length))) return false;
  // "not impacted in any significant way", "not significantly affected": a degree denied, not the predicate; "not
  // definitively identified": how surely, not whether (it may still be so).
  const clauseBefore = before.slice(lastBreak(before) + 1);
  if (negated && DEGREE.test(clauseBefore.slice(-30) + text.slice(from, from + word.length + 40).split(/[.;:!?,]/)[0])) return false;
  return !IN_DOUBT.test(clauseBefore);
}

/** Words after which a participle describes the noun that follows it. */
const ATTRIBUTIVE_BEFORE = new Set('the a an its their his her our these those all any some every'.split(' '));

function attributive(before: string): boolean {
  const last = /([\p{L}]+)\s+$/u.exec(before.slice(-30))?.[1].toLowerCase();
  return last !== undefined && (ATTRIBUTIVE_BEFORE.has(last) || last.endsWith('ing'));
}

/** Degree and certainty words: a negation reaching one of them denies how much or how surely, not whether. */
const DEGREE =
  /\b(?:significant(?:ly)?|material(?:ly)?|substantial(?:ly)?|major|serious(?:ly)?|meaningful(?:ly)?|greatly|entirely|fully|completely|much|definitive(?:ly)?|conclusive(?:ly)?|firmly|positively|formally|officially|certainly)\b/i;

/** Reused for every claim read: the keys of one sentence before they are counted. */
let keyBuffer = new Int32Array(1024);

/** Letter trigrams as numbers (three character codes), punctuation left out: built for every claim read, so kept cheap. */
function letterTrigrams(text: string): KeyCounts {
  const lower = text.toLowerCase();
  if (keyBuffer.length < lower.length) keyBuffer = new Int32Array(lower.length * 2);
  let n = 0;
  let a = -1;
  let b = -1;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    const kept = c === 32 || (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 192 && (c < 0x2000 || c > 0x206f));
    if (!kept) continue;
    if (a >= 0) {
      // Ten bits a letter: a small integer key, exact for the Latin letters news text is written in.
      keyBuffer[n++] = ((a & 1023) << 20) | ((b & 1023) << 10) | (c & 1023);
    }
    a = b;
    b = c;
  }
  return keyCounts(keyBuffer, n);
}

/**
 * The 1-, 2- and 3-grams of a word sequence, each by a hash of its words: two different n-grams of two sentences
 * compared share a 32-bit hash about once in a hundred million pairs.
 */
function ngrams(words: string[]): [KeyCounts, KeyCounts, KeyCounts] {
  if (keyBuffer.length < words.length) keyBuffer = new Int32Array(words.length * 2);
  const hashes = words.map(stringHash);
  const gramsOf = (n: 1 | 2 | 3): KeyCounts => {
    let count = 0;
    for (let i = n; i <= hashes.length; i++) {
      let key = hashes[i - 1];
      if (n > 1) key = mix(hashes[i - 2], key);
      if (n > 2) key = mix(hashes[i - 3], key);
      keyBuffer[count++] = key;
    }
    return keyCounts(keyBuffer, count);
  };
  return [gramsOf(1), gramsOf(2), gramsOf(3)];
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
