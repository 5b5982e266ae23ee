import type { NumberFact } from '../features';
import type { IdfWeight } from './idf';
import { placesIn, sharedCount, type KeyCounts, type Sentence } from './sentence';

/** Names of the pair features, in vector order (the stored weights follow it). */
export const PAIR_FEATURES = [
  'bias',
  'coverage of the shorter',
  'coverage of the longer',
  'tf-idf cosine',
  'word jaccard',
  'bigram dice',
  'longest common subsequence',
  'length ratio',
  'same numbers',
  'conflicting numbers',
  'numbers on one side',
  'negation on one side',
  'shared word negated on one side',
  'opposite predicate',
  'denial on one side',
  'names not shared',
  'shared rare words',
  'hedge on one side',
  'coverage × negation on one side',
  'coverage × conflicting numbers',
  'coverage × opposite predicate',
  'coverage × denial on one side',
  'words of the shorter in the longer',
  'words of the longer in the shorter',
  'bigrams of the shorter in the longer',
  'trigram dice',
  'length difference (words / 10)',
  'numbers all the same',
  'names of the shorter not in the longer',
  'unshared telling words of the longer (IDF / 10)',
  'unshared telling words of the shorter (IDF / 10)',
  'coverage of the shorter, squared',
  'coverage of the shorter × of the longer',
  'longest common subsequence, squared',
  'words of the longer in the shorter, squared',
  'telling words of the shorter not in the longer (count / 6)',
  'telling words of the longer not in the shorter (count / 6)',
  'rarest word of the shorter not in the longer (IDF / 10)',
  'rarest word of the longer not in the shorter (IDF / 10)',
  'letter trigram dice',
  'names both name, of all named',
  'length of the shorter (log words / 4)',
  'every telling word of the shorter in the longer',
] as const;

/** Explicit reasons two sentences may disagree: only these can make a pair "contradicts". */
export interface Disagreement {
  /**
   * One predicate with opposite signs about the same thing: the predicates as written and what they share;
   * `named`: what they share next to both predicates names someone, not only common nouns ("systems").
   */
  opposed: { here: string; there: string; about: string[]; named: boolean } | null;
  /** Shared content words one side negates. */
  negatedWords: string[];
  /** Numbers of one kind with no value in common. */
  numbers: { here: string[]; there: string[] } | null;
  /**
   * One side denies what the other states: the one denying is named there as the one who did it ("Beijing has denied
   * using hackers" / "China-linked hackers"), or what it denies is most of what the other side says.
   */
  denial: 'here' | 'there' | null;
}

export interface PairReading {
  values: number[];
  /** Shared telling words that are not names: what is said about whoever is named, for "the same claim". */
  sharedContent: number;
  sharedWords: string[];
  sharedNumbers: string[];
  disagreement: Disagreement;
}

/** A stem is telling from this IDF on: "worth", "said", "million" are below it. */
const COMMON_IDF = 2.5;
const RARE_IDF = 5;
/** How many of an assertion's words, nearest its predicate first, say who or what it is about. */
const NEAR_WORDS = 4;

/** The features of a pair, symmetric in its two sides. */
export function readPair(a: Sentence, b: Sentence, idf: IdfWeight): PairReading {
  let massA = 0;
  let massB = 0;
  let shared = 0;
  let dot = 0;
  let normA = 0;
  let normB = 0;
  const sharedWords: string[] = [];
  const negatedWords: string[] = [];
  let sharedRare = 0;
  for (const [stem, count] of a.terms) {
    const w = idf(stem);
    massA += w;
    const weighted = (1 + Math.log(count)) * w;
    normA += weighted * weighted;
    const other = b.terms.get(stem);
    if (other === undefined) continue;
    shared += w;
    dot += weighted * (1 + Math.log(other)) * w;
    if (!stem.startsWith('#')) sharedWords.push(stem);
    if (w >= RARE_IDF) sharedRare++;
    if (w >= COMMON_IDF && a.negated.has(stem) !== b.negated.has(stem)) negatedWords.push(stem);
  }
  for (const [stem, count] of b.terms) {
    const w = idf(stem);
    massB += w;
    const weighted = (1 + Math.log(count)) * w;
    normB += weighted * weighted;
  }
  const union = a.terms.size + b.terms.size - sharedWords.length - sharedNumberKeys(a, b);
  const coverShort = massA && massB ? shared / Math.min(massA, massB) : 0;
  const coverLong = massA && massB ? shared / Math.max(massA, massB) : 0;
  const cosine = normA && normB ? dot / Math.sqrt(normA * normB) : 0;
  const jaccard = union > 0 ? (sharedWords.length + sharedNumberKeys(a, b)) / union : 0;
  const numbers = compareNumbers(a.numbers, b.numbers);
  const negationOneSide = a.negations.length > 0 !== b.negations.length > 0;
  // When both sides negate something, where each negation's reach ends is too rough to oppose words.
  const polarity = a.negations.length && b.negations.length ? [] : negatedWords;
  const isName = (stem: string): boolean =>
    [a, b].some((x) => x.nameWords.has((x.surfaces.get(stem) ?? stem).toLowerCase().replace(/['’]s$/, '')));
  const opposed = opposition(a, b, idf, isName);
  const sharedContent = sharedWords.filter((s) => idf(s) >= COMMON_IDF && !isName(s)).length;
  const denial = denies(a, b, idf) ? 'here' : denies(b, a, idf) ? 'there' : null;
  const namesUnion = new Set([...a.names, ...b.names]);
  let namesUnshared = 0;
  for (const n of namesUnion) if (!a.names.has(n) || !b.names.has(n)) namesUnshared++;
  const lengths = [a.terms.size, b.terms.size];
  const [short, long] = a.sequence.length <= b.sequence.length ? [a, b] : [b, a];
  const [shortMass, longMass] = a.sequence.length <= b.sequence.length ? [massA, massB] : [massB, massA];
  let shortNamesMissing = 0;
  for (const n of short.names) if (!long.names.has(n)) shortNamesMissing++;
  const values = [
    1,
    coverShort,
    coverLong,
    cosine,
    jaccard,
    ngramDice(a, b, 2),
    lcsRatio(a.sequence, b.sequence),
    Math.min(...lengths) / Math.max(1, ...lengths),
    numbers.shared.length > 0 ? 1 : 0,
    numbers.conflicts ? 1 : 0,
    a.numbers.length > 0 !== b.numbers.length > 0 ? 1 : 0,
    negationOneSide ? 1 : 0,
    polarity.length > 0 ? 1 : 0,
    opposed ? 1 : 0,
    denial ? 1 : 0,
    namesUnion.size ? namesUnshared / namesUnion.size : 0,
    Math.min(1, sharedRare / 3),
    a.hedged !== b.hedged ? 1 : 0,
    negationOneSide ? coverShort : 0,
    numbers.conflicts ? coverShort : 0,
    opposed ? coverShort : 0,
    denial ? coverShort : 0,
    ngramPrecision(short, long, 1),
    ngramPrecision(long, short, 1),
    ngramPrecision(short, long, 2),
    ngramDice(a, b, 3),
    Math.abs(a.sequence.length - b.sequence.length) / 10,
    a.numbers.length > 0 && b.numbers.length > 0 && numbers.shared.length === a.numbers.length && a.numbers.length === b.numbers.length
      ? 1
      : 0,
    short.names.size ? shortNamesMissing / short.names.size : 0,
    (longMass - shared) / 10,
    (shortMass - shared) / 10,
  ];
  // A few products, so a linear model can bend where the evidence piles up.
  values.push(coverShort * coverShort, coverShort * coverLong, values[6] * values[6], values[23] * values[23]);
  values.push(...unsharedValues(a, b, short, long, idf));
  const word = (stem: string): string => a.surfaces.get(stem) ?? b.surfaces.get(stem) ?? stem;
  return {
    values,
    sharedContent,
    sharedWords: sharedWords.map(word),
    sharedNumbers: numbers.shared,
    disagreement: {
      opposed: opposed && { ...opposed, about: opposed.about.map(word) },
      negatedWords: polarity.map(word),
      numbers: numbers.conflicts,
      denial,
    },
  };
}

/**
 * What one side says that the other does not (how many telling words, how telling the rarest), letter trigrams and
 * names in common: the last eight pair features.
 */
function unsharedValues(a: Sentence, b: Sentence, short: Sentence, long: Sentence, idf: IdfWeight): number[] {
  const missingShort = unsharedTelling(short, long, idf);
  const missingLong = unsharedTelling(long, short, idf);
  let namesBoth = 0;
  for (const n of a.names) if (b.names.has(n)) namesBoth++;
  const namesAll = a.names.size + b.names.size - namesBoth;
  return [
    Math.min(missingShort.length, 6) / 6,
    Math.min(missingLong.length, 6) / 6,
    Math.max(0, ...missingShort) / 10,
    Math.max(0, ...missingLong) / 10,
    diceOf(a.letters, b.letters),
    namesAll ? namesBoth / namesAll : 1,
    Math.log(1 + short.sequence.length) / 4,
    missingShort.length === 0 ? 1 : 0,
  ];
}

/** The IDF of each telling word (numbers left out) of `from` the other side lacks. */
function unsharedTelling(from: Sentence, to: Sentence, idf: IdfWeight): number[] {
  const out: number[] = [];
  for (const stem of from.terms.keys()) {
    if (stem.startsWith('#') || to.terms.has(stem)) continue;
    const w = idf(stem);
    if (w >= COMMON_IDF) out.push(w);
  }
  return out;
}

function diceOf(a: KeyCounts, b: KeyCounts): number {
  const total = a.total + b.total;
  return total ? (2 * sharedCount(a, b)) / total : 0;
}

function sharedNumberKeys(a: Sentence, b: Sentence): number {
  let n = 0;
  for (const key of a.terms.keys()) if (key.startsWith('#') && b.terms.has(key)) n++;
  return n;
}

/**
 * The first pair of assertions of one predicate with opposite signs sharing a telling word (one naming someone
 * first); none when another pair of that predicate agrees on the same thing.
 */
function opposition(a: Sentence, b: Sentence, idf: IdfWeight, isName: (stem: string) => boolean): Disagreement['opposed'] {
  let found: Disagreement['opposed'] = null;
  for (const x of a.assertions) {
    for (const y of b.assertions) {
      if (x.predicate !== y.predicate) continue;
      const about = [...new Set(x.about.filter((s) => y.about.includes(s) && idf(s) >= COMMON_IDF))];
      if (!about.length) continue;
      if (x.negative === y.negative) return null;
      // Named: what both clauses are about next to their predicates (the nearest words each side) names someone; common
      // nouns alone ("customer data") may be two parties' own.
      const named = about.some((w) => isName(w) && x.about.indexOf(w) < NEAR_WORDS && y.about.indexOf(w) < NEAR_WORDS);
      if (!found || (named && !found.named)) found = { here: x.words, there: y.words, about, named };
    }
  }
  return found;
}

const placesRead = new WeakMap<Sentence, Set<string>>();

function placesOf(s: Sentence): Set<string> {
  let places = placesRead.get(s);
  if (!places) placesRead.set(s, (places = placesIn(s.text)));
  return places;
}

/**
 * Whether `d` denies what `o` states: `o` does not deny, shares a telling word with what `d` denies, and either names
 * the one denying as doing the act denied (an attribution denied: "Beijing has denied using hackers to compromise …" /
 * "China-linked hackers intercepted …") or states two thirds or more of what is denied.
 */
function denies(d: Sentence, o: Sentence, idf: IdfWeight): boolean {
  if (!d.denial || o.denial) return false;
  let shared = 0;
  for (const stem of d.denied) if (o.terms.has(stem) && idf(stem) >= COMMON_IDF) shared++;
  if (!shared) return false;
  // The act denied, asserted there: a predicate the denial negates, said positively on the other side.
  const sameAct = d.assertions.some((x) => x.negative && o.assertions.some((y) => !y.negative && y.predicate === x.predicate));
  if (sameAct) {
    const places = placesOf(o);
    for (const who of d.denier) if (o.names.has(who) || places.has(who)) return true;
  }
  let denied = 0;
  for (const stem of d.denied) if (idf(stem) >= COMMON_IDF) denied++;
  return shared >= 2 && shared * 3 >= denied * 2;
}

/** Shared numbers (same kind and value) and conflicting ones (a kind both state, with no value in common). */
function compareNumbers(
  here: NumberFact[],
  there: NumberFact[],
): { shared: string[]; conflicts: { here: string[]; there: string[] } | null } {
  const shared: string[] = [];
  let conflicts: { here: string[]; there: string[] } | null = null;
  for (const h of here) if (there.some((t) => t.unit === h.unit && agree(h, t))) shared.push(h.text);
  for (const unit of new Set(here.map((h) => h.unit))) {
    const hs = here.filter((h) => h.unit === unit);
    const ts = there.filter((t) => t.unit === unit);
    if (ts.length && !hs.some((h) => ts.some((t) => agree(h, t)))) {
      conflicts ??= { here: [], there: [] };
      conflicts.here.push(...hs.map((h) => h.text));
      conflicts.there.push(...ts.map((t) => t.text));
    }
  }
  return { shared, conflicts };
}

/** Same value; a month without a day ("in December") agrees with any day of it. */
function agree(h: NumberFact, t: NumberFact): boolean {
  if (h.value === t.value) return true;
  return h.unit === 'date' && (h.value % 100 === 0 || t.value % 100 === 0) && Math.floor(h.value / 100) === Math.floor(t.value / 100);
}

/** Shared n-grams (clipped counts) over the n-grams of `from`: how much of it the other side repeats. */
function ngramPrecision(from: Sentence, to: Sentence, n: 1 | 2 | 3): number {
  const total = from.sequence.length - n + 1;
  return total > 0 ? commonGrams(from, to, n) / total : 0;
}

function ngramDice(a: Sentence, b: Sentence, n: 1 | 2 | 3): number {
  const total = a.sequence.length - n + 1 + b.sequence.length - n + 1;
  return a.sequence.length >= n && b.sequence.length >= n ? (2 * commonGrams(a, b, n)) / total : 0;
}

function commonGrams(a: Sentence, b: Sentence, n: 1 | 2 | 3): number {
  return sharedCount(a.grams[n - 1], b.grams[n - 1]);
}

/** Longest common subsequence of the two word sequences, over the longer one's length (one row of the table at a time). */
function lcsRatio(a: string[], b: string[]): number {
  if (!a.length || !b.length) return 0;
  const [long, short] = a.length >= b.length ? [a, b] : [b, a];
  if (long.length > 400) return 0;
  let previous = new Uint16Array(short.length + 1);
  let row = new Uint16Array(short.length + 1);
  for (let i = 1; i <= long.length; i++) {
    for (let j = 1; j <= short.length; j++) {
      row[j] = long[i - 1] === short[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], row[j - 1]);
    }
    [previous, row] = [row, previous];
  }
  return previous[short.length] / long.length;
}
