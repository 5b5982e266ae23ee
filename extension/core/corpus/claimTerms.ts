import type { ClaimFeatures } from './features';
import type { KeptClaimFeatures } from './types';
import { exactly, type Claim } from './records';

/* How a claim's words are held: packed term ids with counts and negation, and the arithmetic on them. */

/**
 * A claim's text as the index reads it (same offsets): a source naming a person blanked to spaces — whose name says
 * who speaks, not what is said, and one speaker's other statements are other claims; any other source kept — an
 * agency's or a company's statement is part of which claim it is ("the FBI and CISA confirmed …", told by outlets
 * that each set the source apart differently).
 */
export function claimText(
  text: string,
  start: number,
  end: number,
  source: { start: number; end: number } | null | undefined,
  entities: readonly { start: number; end: number; type: string }[],
): string {
  const claim = text.slice(start, end);
  if (!source || source.start < start || source.end > end || source.end <= source.start) return claim;
  if (!entities.some((e) => e.type === 'Person' && e.start < source.end && source.start < e.end)) return claim;
  return claim.slice(0, source.start - start) + ' '.repeat(source.end - source.start) + claim.slice(source.end - start);
}

/** Whether two spans share at least half of the shorter one: a tag that covers the detector's sentence replaces it. */
export function overlapsMostly(aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  const overlap = Math.min(aEnd, bEnd) - Math.max(aStart, bStart);
  return overlap > 0 && overlap * 2 >= Math.min(aEnd - aStart, bEnd - bStart);
}

/** The term of a country, however named ("Beijing", "Chinese", "China-linked"): no word's stem starts with "@". */
export function placeTerm(country: string): string {
  return '@' + country;
}

/** The country a place term stands for, as people write it ("@united states" → "United States"). */
export function placeName(term: string): string {
  return term.slice(1).replace(/(^|[\s-])(\p{Ll})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
}

/**
 * A claim's terms as packed ids, with the countries it names (`places`) as terms of their own; `idOf` may leave out
 * words the corpus lacks (they cannot match anything). Features kept in the cache are read from their stored text.
 */
export function vectorOf(
  features: ClaimFeatures | KeptClaimFeatures,
  idOf: (stem: string) => number | undefined,
  places: ReadonlySet<string>,
): Pick<Claim, 'terms' | 'numbers' | 'negations'> {
  const terms: number[] = [];
  if ('storedTerms' in features) readStoredTerms(features, idOf, terms);
  else {
    for (const [stem, count] of features.terms) {
      const id = idOf(stem);
      if (id !== undefined) terms.push(packTerm(id, features.negated.has(stem), count));
    }
  }
  for (const country of places) {
    const id = idOf(placeTerm(country));
    if (id !== undefined) terms.push(packTerm(id, false, 1));
  }
  return { terms: exactly(terms), numbers: features.numbers, negations: features.negations };
}

/** Appends the packed terms of stored features ("stem stem*2 …"), in their order, as the map they were made from gave them. */
function readStoredTerms(features: KeptClaimFeatures, idOf: (stem: string) => number | undefined, out: number[]): void {
  const { storedTerms: text, storedNegated } = features;
  // Most claims negate nothing: then no set of negated stems is made.
  const negated = storedNegated ? new Set(storedNegated.split(' ')) : undefined;
  for (let at = 0; at < text.length;) {
    let end = text.indexOf(' ', at);
    if (end < 0) end = text.length;
    const star = text.lastIndexOf('*', end - 1);
    const counted = star >= at;
    const stem = text.slice(at, counted ? star : end);
    const id = idOf(stem);
    if (id !== undefined) out.push(packTerm(id, negated?.has(stem) ?? false, counted ? Number(text.slice(star + 1, end)) : 1));
    at = end + 1;
  }
}

/** A term of a claim in one integer: its id, whether the claim negates it, and how often it occurs (up to 15). */
export function packTerm(id: number, negated: boolean, count: number): number {
  return (id << 5) | (negated ? 16 : 0) | Math.min(count, 15);
}

export function termOf(packed: number): number {
  return packed >> 5;
}

export function isNegatedTerm(packed: number): boolean {
  return (packed & 16) !== 0;
}

export function grow(array: Float64Array): Float64Array {
  const bigger = new Float64Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

export function countOf(packed: number): number {
  return packed & 15;
}

/** 1 + ln(count), the sublinear weight of a repeated word, for the counts a packed term holds. */
export const COUNT_WEIGHT = Array.from({ length: 16 }, (_, n) => (n ? 1 + Math.log(n) : 0));

/** The k-th largest of the values (the smallest when there are fewer), by quickselect: O(n), for choosing candidates without sorting them all. */
export function kthLargest(values: number[], k: number): number {
  if (values.length <= k) return values.length ? Math.min(...values) : Infinity;
  let lo = 0;
  let hi = values.length - 1;
  const target = k - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i] > pivot) i++;
      while (values[j] < pivot) j--;
      if (i <= j) {
        [values[i], values[j]] = [values[j], values[i]];
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return values[target];
}

export function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
