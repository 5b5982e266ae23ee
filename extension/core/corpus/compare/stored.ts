/** A logistic regression over the pair features, and the probability from which it says yes. */
export interface Classifier {
  weights: number[];
  threshold: number;
}

/** What scripts/train-compare.ts fits and stores in weights.ts. */
export interface StoredModel {
  /** Same content, sentence for sentence (fitted on MRPC paraphrases). */
  same: Classifier;
  /**
   * Same claim told in other words, however much else either side says (fitted on CLEF 2020 task 2 train
   * tweets against the fact-checked claim they repeat, and against the other claims BM25 finds for them).
   */
  claim: Classifier;
  /** Contradiction (fitted on RTE-3 contradictions), said only with explicit evidence. */
  contradicts: Classifier;
  /** Coverage of the shorter side from which two sentences are about the same thing ("related"). */
  related: number;
  /** Claim retrieval: BM25 parameters, how many hits are re-ranked, and the re-ranker's weights (see rank.ts). */
  rank: { k1: number; b: number; depth: number; weights: number[] };
}
