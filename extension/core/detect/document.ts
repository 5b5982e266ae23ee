import { splitSentences, type Sentence } from '../text/sentences';
import { proseView } from '../text/structure';
import { Casing, sentenceCasing, sentenceProps, type TokenProps } from './features';
import { tokenize, type Token } from './tokens';
import type { AnalyzeOptions } from './types';

export interface SentenceTokens {
  sentence: Sentence;
  tokens: Token[];
  props: TokenProps[];
  casing: Casing;
}

/** The article's sentences with their tokens, token properties and casing. */
export function readSentences(text: string, format: AnalyzeOptions['format']): { prose: string; sentences: SentenceTokens[] } {
  const view = proseView(text, format);
  const prose = view.text;
  const sentences = splitSentences(prose, view.blocks).map((sentence) => {
    const tokens = tokenize(prose, sentence.start, sentence.end);
    const props = sentenceProps(prose, tokens);
    return { sentence, tokens, props, casing: sentenceCasing(props) };
  });
  return { prose, sentences };
}
