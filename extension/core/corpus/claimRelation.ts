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
      const out: { candidate: Scored; judged: Judged }[] = [];
      let similar = 0;
      let opposed = 0;
      for (const candidate of candidates) {
        const maybeOpposed =
          candidate.opposition !== null ||
          candidate.conflicts.here.length > 0 ||
          candidate.polarityTerms.length > 0 ||
          query.negations.length > 0 ||
          candidate.claim.negations.length > 0;
        if (similar < MOST_SIMILAR && candidate.score >= MIN_SCORE_TO_JUDGE) similar++;
        else if (maybeOpposed && opposed < MAYBE_OPPOSED) opposed++;
        else continue;
        const judged = judge(query, candidate);
        if (judged) out.push({ candidate, judged });
      }
      return out;
    },
  };
}

export function stanceOf(claim: { hedges: readonly string[] }, denies: boolean): Stance {
  return denies ? 'denies' : claim.hedges.length > 0 ? 'hedged' : 'asserts';
}
