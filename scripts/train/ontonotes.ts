// The tuning half of the OntoNotes dev copy as tagger training documents (domain adaptation: broadcast,
// web, magazine and telephone text next to 1996 Reuters). The report half is never read here.
import { ontonotesSentenceArticles, TAGGER_HELD_OUT_EVERY, type OntoSentence } from '../eval/ontonotes';
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

/**
 * The sentence with CoNLL tags. A leading "the" is left out of the names whose (CoNLL) type is in
 * `withoutThe`, as CoNLL does ("the United States" → "United States"); OntoNotes keeps it in about
 * a third of its places and half its organizations.
 */
export function conllSentenceOf(sentence: OntoSentence, withoutThe: ReadonlySet<string> = new Set()): { words: string[]; tags: string[] } {
  const tags = sentence.tags.map(conllTagOf);
  for (let i = 0; i + 1 < tags.length; i++)
    if (
      tags[i].startsWith('B-') &&
      withoutThe.has(tags[i].slice(2)) &&
      tags[i + 1] === `I-${tags[i].slice(2)}` &&
      sentence.words[i].toLowerCase() === 'the'
    ) {
      tags[i] = 'O';
      tags[i + 1] = `B-${tags[i + 1].slice(2)}`;
    }
  return { words: sentence.words, tags };
}

/**
 * The tuning half's articles (annotated runs only) as CoNLL documents: those to train on, and
 * those held out to pick the epoch and the settings (`npm run eval -- --ontonotes-half held-out`).
 */
export function ontonotesTrainingDocuments(
  path: string,
  withoutThe: ReadonlySet<string> = new Set(),
): { train: ConllDocument[]; heldOut: ConllDocument[] } {
  const asDocument = (article: OntoSentence[]): ConllDocument => ({ sentences: article.map((s) => conllSentenceOf(s, withoutThe)) });
  const isHeldOut = (i: number): boolean => i % TAGGER_HELD_OUT_EVERY === TAGGER_HELD_OUT_EVERY - 1;
  const tune = ontonotesSentenceArticles(path, 'tune');
  return { train: tune.filter((_, i) => !isHeldOut(i)).map(asDocument), heldOut: tune.filter((_, i) => isHeldOut(i)).map(asDocument) };
}
