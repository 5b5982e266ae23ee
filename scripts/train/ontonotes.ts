// The tuning half of the OntoNotes dev copy as tagger training documents (domain adaptation: broadcast,
// web, magazine and telephone text next to 1996 Reuters). The report half is never read here.
import { isTaggerHeldOut, nameConventions, ontonotesRuns, SHIPPED_FOLD, type OntoSentence } from '../eval/ontonotes';
import type { ConllDocument } from './conll';

/**
 * OntoNotes name types as the tagger's CoNLL types. FAC is Other rather than a place: OntoNotes
 * scores places as GPE and LOC only, and CoNLL's MISC is where named buildings and roads fit
 * least badly. Numeric types (DATE, MONEY, CARDINAL…) are the grammar's job: outside for the tagger.
 */
const CONLL_TYPE_OF: Record<string, string> = {
  PERSON: 'PER',
  ORG: 'ORG',
  GPE: 'LOC',
  LOC: 'LOC',
  NORP: 'MISC',
  FAC: 'MISC',
  EVENT: 'MISC',
  PRODUCT: 'MISC',
  WORK_OF_ART: 'MISC',
  LAW: 'MISC',
  LANGUAGE: 'MISC',
};

/** One OntoNotes BIO tag as a CoNLL one ("B-GPE" → "B-LOC", "I-DATE" → "O"). */
export function conllTagOf(tag: string): string {
  if (tag === 'O') return 'O';
  const type = CONLL_TYPE_OF[tag.slice(2)];
  return type ? `${tag.slice(0, 2)}${type}` : 'O';
}

/** The sentence with CoNLL tags, its names drawn as the project draws them (nameConventions). */
export function conllSentenceOf(sentence: OntoSentence): { words: string[]; tags: string[] } {
  return { words: sentence.words, tags: nameConventions(sentence).tags.map(conllTagOf) };
}

/**
 * The tuning half's articles (their annotated text only) as CoNLL documents: those to train on, and
 * those held out to pick the epoch and the settings (`npm run eval -- --ontonotes-half held-out`).
 */
export function ontonotesTrainingDocuments(path: string, fold = SHIPPED_FOLD): { train: ConllDocument[]; heldOut: ConllDocument[] } {
  const asDocument = (article: OntoSentence[]): ConllDocument => ({ sentences: article.map(conllSentenceOf) });
  const tune = ontonotesRuns(path, 'tune');
  return {
    train: tune.filter((r) => !isTaggerHeldOut(r.block, fold)).map((r) => asDocument(r.sentences)),
    heldOut: tune.filter((r) => isTaggerHeldOut(r.block, fold)).map((r) => asDocument(r.sentences)),
  };
}
