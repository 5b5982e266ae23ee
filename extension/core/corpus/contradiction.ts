import { PREDICATE_KINDS, type Assertion, type NumberFact } from './features';
import type { ClaimAssertion, Opposition } from './records';

/*
 * When two claims may tell opposite things: assertions of one predicate with opposite signs about the same
 * thing, different numbers of the same kind, or opposite polarity on a shared word.
 */

/** Words two opposed assertions must share, when they name no entity in common, to be about the same thing. */
const MIN_SHARED_ABOUT_WORDS = 2;

/** The subjects of an assertion naming none, shared by all such assertions (never changed in place). */
export const NO_SUBJECTS: string[] = [];

/** Shared entities, then shared words that are not part of their names ("Harbor" of "Valdoria Harbor Authority"). */
export function aboutWords(entities: string[], words: string[]): string[] {
  const inNames = new Set(entities.flatMap((e) => e.toLowerCase().split(/\s+/)));
  return [...entities, ...new Set(words.filter((w) => !inNames.has(w.toLowerCase())))];
}

/** An assertion with its words as term ids (those the corpus knows) and its offsets moved from the claim's text to the article's. */
export function assertionOf(a: Assertion, claimStart: number, idOf: (stem: string) => number | undefined): ClaimAssertion {
  const about: number[] = [];
  for (const stem of a.about) {
    const id = idOf(stem);
    if (id !== undefined && !about.includes(id)) about.push(id);
  }
  return {
    predicate: a.predicate,
    negative: a.negative,
    words: a.words,
    about,
    subjects: NO_SUBJECTS,
    start: claimStart + a.start,
    end: claimStart + a.end,
    pronounAt: a.pronounAt < 0 ? -1 : claimStart + a.pronounAt,
  };
}

/** One bit per predicate kind and sign, so claims asserting the opposite of the query are found with one test. */
export function assertionBit(a: { predicate: string; negative: boolean }): number {
  return 1 << (PREDICATE_KINDS.indexOf(a.predicate) * 2 + (a.negative ? 1 : 0));
}

/** The bits of the same predicates with the other sign. */
export function opposite(bits: number): number {
  return ((bits & 0x15555555) << 1) | ((bits >> 1) & 0x15555555);
}

/**
 * The first pair of assertions, one each side, of one predicate with opposite signs about the same thing (an
 * entity in common, or enough words other than common ones: "worth", "million"); none when another pair agrees about the same thing (then both claims
 * tell both sides, and the one shared is a repeat).
 */
export function opposition(here: ClaimAssertion[], there: ClaimAssertion[], isCommon: (term: number) => boolean): Opposition | null {
  let found: [ClaimAssertion, ClaimAssertion] | null = null;
  for (const a of here) {
    for (const b of there) {
      if (a.predicate !== b.predicate || !aboutTheSame(a, b, isCommon)) continue;
      if (a.negative === b.negative) return null;
      found ??= [a, b];
    }
  }
  if (!found) return null;
  const [a, b] = found;
  return {
    here: a,
    there: b,
    sharedSubjects: a.subjects.filter((x) => b.subjects.includes(x)),
    sharedTerms: a.about.filter((x) => b.about.includes(x) && !isCommon(x)),
  };
}

/** Whether two assertions are about the same thing: an entity in common, or enough words. Called for many candidates, so it allocates nothing. */
function aboutTheSame(a: ClaimAssertion, b: ClaimAssertion, isCommon: (term: number) => boolean): boolean {
  for (const x of a.subjects) if (b.subjects.includes(x)) return true;
  let shared = 0;
  for (const x of a.about) if (b.about.includes(x) && !isCommon(x) && ++shared >= MIN_SHARED_ABOUT_WORDS) return true;
  return false;
}

const NO_NUMBERS_IN_COMMON = Object.freeze({ overlap: 0, shared: [], conflicts: Object.freeze({ here: [], there: [] }) }) as ReturnType<
  typeof compareNumbers
>;

/** Shared numbers (same kind, same value) and conflicting ones (same kind, no value in common). */
export function compareNumbers(
  here: NumberFact[],
  there: NumberFact[],
): { overlap: number; shared: string[]; conflicts: { here: string[]; there: string[] } } {
  if (!here.length || !there.length || !here.some((h) => there.some((t) => t.unit === h.unit))) return NO_NUMBERS_IN_COMMON;
  const conflicts = { here: [] as string[], there: [] as string[] };
  const shared: string[] = [];
  for (const h of here) if (there.some((t) => t.unit === h.unit && t.value === h.value)) shared.push(h.text);
  for (const unit of new Set(here.map((h) => h.unit))) {
    const hs = here.filter((h) => h.unit === unit);
    const ts = there.filter((t) => t.unit === unit);
    if (ts.length && !hs.some((h) => ts.some((t) => t.value === h.value))) {
      conflicts.here.push(...hs.map((h) => h.text));
      conflicts.there.push(...ts.map((t) => t.text));
    }
  }
  return { overlap: shared.length / Math.max(here.length, there.length), shared, conflicts };
}
