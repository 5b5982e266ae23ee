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
const MOST_SIMILAR = 6;
const MAYBE_OPPOSED = 4;

export interface ClaimJudge {
  /** The candidates (best first) the model finds the same claim or contradicting, with its verdict. */
  judgeAll(query: Claim, candidates: readonly Scored[]): { candidate: Scored; judged: Judged }[];
}

export function createClaimJudge(model: CompareModel = createCompareModel()): ClaimJudge {
  /** Claims read for the model, by claim (dropped with the claim record when its article changes). */
  const sentences = new WeakMap<Claim, Sentence>();
  const sentenceOf = (c: Claim): Sentence => {
    let s = sentences.get(c);
    if (!s) sentences.set(c, (s = readSentence(c.doc.text.slice(c.start, c.end))));
    return s;
  };
  const judge = (query: Claim, candidate: Scored): Judged | undefined => {
    const pair = model.relation(sentenceOf(query), sentenceOf(candidate.claim), 'claim');
    if (pair.relation === 'same') return { kind: 'match', pair };
    if (pair.relation === 'contradicts') return { kind: 'contradiction', pair };
    return undefined;
  };
  return {
    judgeAll(query, candidates) {
      // The most similar first; then, within the budget, those whose clauses the index found opposed, then the others
      // showing a sign of disagreement (a denial or a negation on either side, numbers that differ).
      const similar = candidates.filter((c) => c.score >= MIN_SCORE_TO_JUDGE).slice(0, MOST_SIMILAR);
      const rest = candidates.filter((c) => !similar.includes(c));
      const opposed = rest.filter((c) => c.opposition !== null);
      const maybeOpposed = rest.filter(
        (c) =>
          c.opposition === null &&
          (c.conflicts.here.length > 0 || c.polarityTerms.length > 0 || query.negations.length > 0 || c.claim.negations.length > 0),
      );
      const judged = new Set([...similar, ...[...opposed, ...maybeOpposed].slice(0, MAYBE_OPPOSED)]);
      const out: { candidate: Scored; judged: Judged }[] = [];
      for (const candidate of candidates) {
        if (!judged.has(candidate)) continue;
        const verdict = judge(query, candidate);
        if (verdict) out.push({ candidate, judged: verdict });
      }
      return out;
    },
  };
}

export function stanceOf(claim: { hedges: readonly string[] }, denies: boolean): Stance {
  return denies ? 'denies' : claim.hedges.length > 0 ? 'hedged' : 'asserts';
}
