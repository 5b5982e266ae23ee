import { createCompareModel, type CompareModel, type PairRelation } from './compare/model';
import { readSentence, type Sentence } from './compare/sentence';
import type { Claim, Scored } from './records';
import type { Stance } from './types';

/*
 * How the corpus decides between two claims of different articles: the claim-pair model (compare/), in
 * "claim" sameness — one claim told by both, whatever else each says — and contradiction only with
 * explicit evidence. The index's own scoring only finds and orders the candidates.
 */

/** What the index shows for a candidate: the same claim, a contradiction, or nothing (related or unrelated). */
export interface Judged {
  kind: 'match' | 'contradiction';
  pair: PairRelation;
}

/** Below this combined similarity a candidate with no sign of disagreement is not worth the model's time. */
const MIN_SCORE_TO_JUDGE = 0.08;
/** Candidates the model reads per query, at most: the most similar, then those showing a sign of disagreement (a hover stays within its time). */
export const MOST_SIMILAR = 6;
const MAYBE_OPPOSED = 4;

/** Claims kept read for the model at most: about 5 KB each, so about 160 MB while the claim groups are computed. */
const MAX_SENTENCES = 30_000;
/** Claims kept read once the groups are computed: what a hundred hovers read, a few megabytes. */
const HOVER_SENTENCES = 1_000;

export interface ClaimJudge {
  /**
   * The candidates (best first) the model finds the same claim or contradicting, with its verdict. `needless`:
   * candidates whose verdict the caller already knows it does not need; they still take their place among those
   * the model would read, so the others judged are the same with or without it.
   */
  judgeAll(query: Claim, candidates: readonly Scored[], needless?: (candidate: Scored) => boolean): { candidate: Scored; judged: Judged }[];
  /**
   * False when the model cannot find the two claims contradicting ("claim" sameness asks for explicit evidence:
   * a denial on one side only, numbers of one kind on both sides with no value in common, or one predicate asserted on both sides with
   * opposite signs): read from each claim alone, so much cheaper than the model.
   */
  mayContradict(a: Claim, b: Claim): boolean;
  /** Whether the model finds two claims telling the same claim (as judgeAll finds a match). */
  sameClaim(a: Claim, b: Claim): boolean;
  /**
   * The model's verdict on two claims however similar the index finds them, as judgeAll gives it but without the
   * index's reading of who an unnamed clause is about: a contradiction needs the claims' own words.
   */
  judgePair(a: Claim, b: Claim): Judged | undefined;
  /** The claim as the model reads it, kept from its last reading (a hover's query was just read to judge its candidates). */
  sentenceOf(claim: Claim): Sentence;
  /**
   * Forgets the claims read but the most recently used few: computing the groups reads every claim of the corpus,
   * and most of them are not needed again until the groups are computed again.
   */
  forgetReadings(): void;
}

export function createClaimJudge(model: CompareModel = createCompareModel()): ClaimJudge {
  /** Claims read for the model, by claim, the most recently used kept (a read claim weighs kilobytes: grouping reads every claim of the corpus). */
  const sentences = new Map<Claim, Sentence>();
  const sentenceOf = (c: Claim): Sentence => {
    let s = sentences.get(c);
    if (s) {
      // Most recently used last, so the least recently used goes first when the cache is full.
      sentences.delete(c);
      sentences.set(c, s);
      return s;
    }
    s = readSentence(c.doc.text.slice(c.start, c.end));
    if (sentences.size >= MAX_SENTENCES) sentences.delete(sentences.keys().next().value as Claim);
    sentences.set(c, s);
    return s;
  };
  const verdictOf = (a: Claim, b: Claim, sameSubject: boolean): Judged | undefined => {
    const pair = model.relation(sentenceOf(a), sentenceOf(b), 'claim', sameSubject);
    if (pair.relation === 'same') return { kind: 'match', pair };
    if (pair.relation === 'contradicts') return { kind: 'contradiction', pair };
    return undefined;
  };
  // The index read both claims in their articles: it knows who a clause naming no one is about.
  const judge = (query: Claim, candidate: Scored): Judged | undefined =>
    verdictOf(query, candidate.claim, (candidate.opposition?.sharedSubjects.length ?? 0) > 0);
  return {
    judgeAll(query, candidates, needless) {
      // The most similar first; then, within the budget, those whose clauses the index found opposed, then those denying
      // what may be an attribution of the other (both name one country), then the others showing a sign of
      // disagreement (a denial or a negation on either side, numbers that differ).
      const similar = candidates.filter((c) => c.score >= MIN_SCORE_TO_JUDGE).slice(0, MOST_SIMILAR);
      const rest = candidates.filter((c) => !similar.includes(c));
      const opposed = rest.filter((c) => c.opposition !== null);
      const denied = rest.filter((c) => c.opposition === null && c.deniedAttribution);
      const maybeOpposed = rest.filter(
        (c) =>
          c.opposition === null &&
          !c.deniedAttribution &&
          (c.conflicts.here.length > 0 || c.polarityTerms.length > 0 || query.negations.length > 0 || c.claim.negations.length > 0),
      );
      const judged = new Set([...similar, ...[...opposed, ...denied, ...maybeOpposed].slice(0, MAYBE_OPPOSED)]);
      const out: { candidate: Scored; judged: Judged }[] = [];
      for (const candidate of candidates) {
        if (!judged.has(candidate) || needless?.(candidate)) continue;
        const verdict = judge(query, candidate);
        if (verdict) out.push({ candidate, judged: verdict });
      }
      return out;
    },
    mayContradict(a, b) {
      const x = sentenceOf(a);
      const y = sentenceOf(b);
      return (
        x.denial !== y.denial ||
        x.numbers.some(
          (h) => y.numbers.some((t) => t.unit === h.unit) && !y.numbers.some((t) => t.unit === h.unit && t.value === h.value),
        ) ||
        x.assertions.some((p) => y.assertions.some((q) => p.predicate === q.predicate && p.negative !== q.negative))
      );
    },
    sameClaim: (a, b) => model.relation(sentenceOf(a), sentenceOf(b), 'claim').relation === 'same',
    judgePair: (a, b) => verdictOf(a, b, false),
    sentenceOf,
    forgetReadings() {
      for (const c of sentences.keys()) {
        if (sentences.size <= HOVER_SENTENCES) break;
        sentences.delete(c);
      }
    },
  };
}

export function stanceOf(claim: { hedges: readonly string[] }, denies: boolean): Stance {
  return denies ? 'denies' : claim.hedges.length > 0 ? 'hedged' : 'asserts';
}
