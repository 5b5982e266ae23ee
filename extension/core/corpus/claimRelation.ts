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

export interface ClaimJudge {
  judge(query: Claim, candidate: Scored): Judged | undefined;
}

export function createClaimJudge(model: CompareModel = createCompareModel()): ClaimJudge {
  /** Claims read for the model, by claim (dropped with the claim record when its article changes). */
  const sentences = new WeakMap<Claim, Sentence>();
  const sentenceOf = (c: Claim): Sentence => {
    let s = sentences.get(c);
    if (!s) sentences.set(c, (s = readSentence(c.doc.text.slice(c.start, c.end))));
    return s;
  };
  return {
    judge(query, candidate) {
      const maybeOpposed = candidate.opposition !== null || candidate.conflicts.here.length > 0 || candidate.polarityTerms.length > 0 || query.negations.length > 0 || candidate.claim.negations.length > 0;
      if (candidate.score < MIN_SCORE_TO_JUDGE && !maybeOpposed) return undefined;
      const pair = model.relation(sentenceOf(query), sentenceOf(candidate.claim), 'claim');
      if (pair.relation === 'same') return { kind: 'match', pair };
      if (pair.relation === 'contradicts') return { kind: 'contradiction', pair };
      return undefined;
    },
  };
}

export function stanceOf(claim: { hedges: readonly string[] }, denies: boolean): Stance {
  return denies ? 'denies' : claim.hedges.length > 0 ? 'hedged' : 'asserts';
}
