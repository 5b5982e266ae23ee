import { storedIdf, type IdfWeight } from './idf';
import { readPair, type Disagreement, type PairReading } from './pair';
import { readSentence, type Sentence } from './sentence';
import type { StoredModel } from './stored';
import { STORED_MODEL } from './weights';

export type Relation = 'same' | 'contradicts' | 'related' | 'unrelated';

export interface PairEvidence {
  /** Content stems both sides share (numbers left out). */
  sharedWords: string[];
  sharedNumbers: string[];
  /** Why the sides may disagree; when "contradicts", at least one of these is set. */
  disagreement: Disagreement;
  /** The models' probabilities, for sorting and for explaining: paraphrase, same claim, contradiction. */
  same: number;
  claim: number;
  contradicts: number;
}

export interface PairRelation {
  relation: Relation;
  /** 0..1: the probability of the relation said ("same", "contradicts"), else of "same". */
  score: number;
  evidence: PairEvidence;
}

/**
 * What "same" means. "sentence": the two say the same thing and nothing else (as MRPC labels paraphrases);
 * "claim": they tell one claim, however much else either says and whatever the wording (a quote and its
 * paraphrase in a longer sentence) — what the corpus groups across articles.
 */
export type Sameness = 'sentence' | 'claim';

export interface CompareModel {
  /**
   * How two claims relate, symmetric in a and b. `sameSubject`: the caller, knowing the articles, found their opposed
   * clauses about one organization or person, named in the claims or not (see decide).
   */
  relation(a: string | Sentence, b: string | Sentence, sameness?: Sameness, sameSubject?: boolean): PairRelation;
  /** The features of a pair, for training and explaining. */
  read(a: Sentence, b: Sentence): PairReading;
  idf: IdfWeight;
  stored: StoredModel;
}

/** The model as trained and stored; `idf` may be swapped for a corpus's own statistics. */
export function createCompareModel(options: { stored?: StoredModel; idf?: IdfWeight } = {}): CompareModel {
  const stored = options.stored ?? STORED_MODEL;
  const idf = options.idf ?? storedIdf();
  const read = (a: Sentence, b: Sentence): PairReading => readPair(a, b, idf);
  return {
    idf,
    stored,
    read,
    relation(a, b, sameness = 'sentence', sameSubject = false) {
      const reading = read(typeof a === 'string' ? readSentence(a) : a, typeof b === 'string' ? readSentence(b) : b);
      return decide(reading, stored, sameness, sameSubject);
    },
  };
}

/**
 * The decision, precision first: "contradicts" only with explicit evidence and the contradiction model
 * sure enough; "same" when the paraphrase model is and nothing opposes the sides; "related" when they
 * share enough of their telling words; else "unrelated".
 */
export function decide(reading: PairReading, stored: StoredModel, sameness: Sameness = 'sentence', sameSubject = false): PairRelation {
  const paraphrase = probability(stored.same.weights, reading.values);
  const claim = probability(stored.claim.weights, reading.values);
  // How sure the model of that sameness is, on its own threshold's scale (0.5 at its threshold).
  // One claim is something said about someone: sharing only names ("the harbor authority said …") is not enough.
  const sameClaim = reading.sharedContent > 0 ? claim / stored.claim.threshold : 0;
  const same = sameness === 'claim' ? Math.max(paraphrase / stored.same.threshold, sameClaim) / 2 : paraphrase / stored.same.threshold / 2;
  const contradicts = probability(stored.contradicts.weights, reading.values);
  const d = reading.disagreement;
  const explicit = d.opposed !== null || d.negatedWords.length > 0 || d.numbers !== null || d.denial !== null;
  const evidence: PairEvidence = {
    sharedWords: reading.sharedWords,
    sharedNumbers: reading.sharedNumbers,
    disagreement: d,
    same: round(paraphrase),
    claim: round(claim),
    contradicts: round(contradicts),
  };
  // Both sides must be about the same thing: as much of the shorter told by the longer as in nearly all paraphrases.
  const coverShort = reading.values[1];
  const aboutTheSame = coverShort >= stored.related;
  // Claims of two articles differ in all they say around the point: one predicate asserted with opposite signs
  // about the same thing, or a denial of what the other states, is evidence enough however little else they share.
  // Shared words one side negates are too rough for that (a negation's reach, "not the only one").
  // Different numbers count for claims that would otherwise tell the same thing (else they are two events).
  // Claims of two articles share little but their point, unlike the sentence pairs the contradiction model learned
  // from, where an opposed predicate or a denial scarcely occurs: for claims, that is the evidence the decision rests on.
  if (sameness === 'claim' && opposedForClaims(d, sameSubject))
    return { relation: 'contradicts', score: round(Math.max(contradicts, stored.contradicts.threshold)), evidence };
  const evidenced =
    sameness === 'claim' ? d.numbers !== null && (aboutTheSame || claim >= stored.claim.threshold) : explicit && aboutTheSame;
  if (evidenced && contradicts >= stored.contradicts.threshold) return { relation: 'contradicts', score: round(contradicts), evidence };
  // A predicate said with opposite signs blocks "same"; other evidence is too rough for that (negation scopes,
  // "failed to" against "did not", numbers that paraphrases round differently).
  if (same >= 0.5 && d.opposed === null) return { relation: 'same', score: round(Math.min(1, same)), evidence };
  return { relation: aboutTheSame ? 'related' : 'unrelated', score: round(Math.min(1, same)), evidence };
}

/**
 * One predicate said with opposite signs about someone both name, or a denial of what the other states. Who a clause is
 * about may be named in its article rather than in the claim ("The breach …"): `sameSubject`, from the caller.
 */
function opposedForClaims(d: Disagreement, sameSubject: boolean): boolean {
  return (d.opposed !== null && (d.opposed.named || sameSubject)) || d.denial !== null;
}

export function probability(weights: number[], values: number[]): number {
  if (!weights.length) return 0;
  let z = 0;
  for (let i = 0; i < weights.length; i++) z += weights[i] * values[i];
  return 1 / (1 + Math.exp(-z));
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
