import type { Analysis } from '../detect/types';
import { quickDigest } from '../text/hash';
import { claimText } from './claimTerms';
import { exactly } from './records';
import { claimFeatures, type Assertion, type ClaimFeatures, type NumberFact } from './features';
import type { ArticleFeatures, KeptClaimFeatures } from './types';

export type { ArticleFeatures } from './types';

/** Features as worked out from the text (in the analysis worker), with every claim's features whole: what the cache keeps. */
export interface MadeArticleFeatures extends ArticleFeatures {
  claims: ClaimFeatures[];
}

/* What the corpus index reads from an article (ArticleFeatures), worked out in the analysis worker and kept in the corpus cache. */

/** The features of an article's claims and its digest, as the corpus index would work them out itself. */
export function articleFeatures(text: string, analysis: Analysis): MadeArticleFeatures {
  return {
    digest: analysisDigest(text, analysis),
    claims: analysis.claims.map((c) => claimFeatures(claimText(text, c.start, c.end, c.source, analysis.entities))),
  };
}

/** The text and the analysis's spans, digested: what an article's index entries are made from, less its sidecar. */
export function analysisDigest(text: string, analysis: Analysis): string {
  const spans: (string | number)[] = [];
  for (const e of analysis.entities) spans.push(e.start, e.end, e.type, e.origin);
  for (const c of analysis.claims) {
    // The score as the cache keeps it (to a millionth), so an analysis digests the same before and after the cache.
    spans.push(c.start, c.end, Math.round(c.score * 1e6), c.source?.start ?? -1, c.cue?.start ?? -1, c.content?.start ?? -1);
    for (const h of c.hedges) spans.push(h.start, h.end);
  }
  return `${text.length}:${quickDigest(text)}:${quickDigest(spans.join(','))}`;
}

/**
 * One claim's features as JSON: its terms as one text ("stem stem*2 …": a count after "*" when above one; stems hold
 * no space and no "*"), its negated stems likewise, its numbers as [value, unit, text, …], its negations as one text,
 * its assertions as arrays (the words they are about as one text). Texts rather than arrays of strings: a cache of
 * 100,000 articles holds a million claims, and the file and its memory shrink by a third.
 */
type StoredClaim = [string, string, (string | number)[], string, StoredAssertion[]];
type StoredAssertion = [string, boolean, string, string, number, number, number];

/** The features as a JSON text (one row of the cache). The surface forms of the words are left out: the index does not keep them. */
export function encodeArticleFeatures(features: MadeArticleFeatures): string {
  const claims = features.claims.map((f): StoredClaim => {
    const terms: string[] = [];
    for (const [stem, count] of f.terms) terms.push(count === 1 ? stem : `${stem}*${count}`);
    const numbers: (string | number)[] = [];
    for (const n of f.numbers) numbers.push(n.value, n.unit, n.text);
    const assertions = f.assertions.map((a): StoredAssertion => [
      a.predicate,
      a.negative,
      a.words,
      a.about.join(' '),
      a.start,
      a.end,
      a.pronounAt,
    ]);
    return [terms.join(' '), [...f.negated].join(' '), numbers, f.negations.join(' '), assertions];
  });
  return JSON.stringify([features.digest, claims]);
}

/**
 * The features back, for an analysis of `claimCount` claims; undefined when the text is no such record
 * (damaged, or of another analysis): then the index works them out from the article's text.
 */
export function decodeArticleFeatures(json: string, claimCount: number): ArticleFeatures | undefined {
  try {
    const [digest, stored] = JSON.parse(json) as [unknown, unknown];
    if (typeof digest !== 'string' || !Array.isArray(stored) || stored.length !== claimCount) return undefined;
    const claims: KeptClaimFeatures[] = [];
    for (const claim of stored as StoredClaim[]) {
      const decoded = decodeClaim(claim);
      if (!decoded) return undefined;
      claims.push(decoded);
    }
    return { digest, claims };
  } catch {
    return undefined;
  }
}

/**
 * Empty parts shared by every decoded claim that has none (most have no negation, number or assertion): a reopen decodes
 * a million claims at 100,000 articles, and each object made is one more for the collector. Nothing changes features once made.
 */
// Not frozen: a frozen array has another elements kind than the empty arrays claimFeatures makes, and the scoring loops
// that read claims' numbers and negations would then meet two kinds where they met one.
const NONE: never[] = [];

/** The words of a space-joined text. */
const spaced = (text: string): string[] => (text ? text.split(' ') : NONE);

/** The claim's parts checked and read; its words stay as stored, for the index to read into its term ids (see vectorOf). */
function decodeClaim(claim: StoredClaim): KeptClaimFeatures | undefined {
  if (!Array.isArray(claim) || claim.length !== 5) return undefined;
  const [storedTerms, storedNegated, storedNumbers, negations, storedAssertions] = claim;
  if (typeof storedTerms !== 'string' || typeof storedNegated !== 'string' || typeof negations !== 'string') return undefined;
  if (!Array.isArray(storedNumbers) || !Array.isArray(storedAssertions)) return undefined;
  const read: NumberFact[] = [];
  for (let i = 0; i + 2 < storedNumbers.length; i += 3)
    read.push({ value: Number(storedNumbers[i]), unit: String(storedNumbers[i + 1]), text: String(storedNumbers[i + 2]) });
  // The index keeps them as long as the claim is indexed: one or two numbers, in an array with no room to spare.
  const numbers = read.length ? exactly(read) : NONE;
  const assertions = !storedAssertions.length
    ? NONE
    : storedAssertions.map(([predicate, negative, words, about, start, end, pronounAt]): Assertion => ({
        predicate,
        negative,
        words,
        about: spaced(about),
        start,
        end,
        pronounAt,
      }));
  return { storedTerms, storedNegated, numbers, negations: spaced(negations), assertions };
}
