import { test } from 'node:test';
import assert from 'node:assert/strict';
import { annotatedPart, dollarConvention, genreOf, UNANNOTATED_PROPER_SENTENCES, type OntoSentence } from '../../../scripts/eval/ontonotes';
import { edgeTokens, placeEdges } from '../../../scripts/train/spanEdges';

const sentence = (text: string, tags?: string[]): OntoSentence => {
  const words = text.split(' ');
  return { words, tags: tags ?? words.map(() => 'O') };
};

test('the genre of a run of sentences is guessed from how it is transcribed', () => {
  assert.equal(genreOf([sentence('so %uh we moved in March'), sentence('right')]), 'conversation');
  const broadcast = Array.from({ length: 6 }, () => sentence('Good evening and welcome /.'));
  assert.equal(genreOf(broadcast), 'broadcast');
  // Five marked sentences are not yet a transcript.
  assert.equal(genreOf(broadcast.slice(1)), 'written');
  assert.equal(genreOf([sentence('The mill closed in 1998 .')]), 'written');
});

test('a stretch of unannotated sentences naming things is left out of a run; one with few names stays', () => {
  const named = (word: string): OntoSentence => ({ words: [word, 'spoke'], tags: ['B-PERSON', 'O'], pos: ['NNP', 'VBD'] });
  const unmarked = (word: string): OntoSentence => ({ words: [word, 'spoke'], tags: ['O', 'O'], pos: ['NNP', 'VBD'] });
  const plain: OntoSentence = { words: ['it', 'rained'], tags: ['O', 'O'], pos: ['PRP', 'VBD'] };
  const forum = Array.from({ length: UNANNOTATED_PROPER_SENTENCES }, (_, i) => unmarked(`Poster${i}`));
  const run = [named('Ana'), plain, ...forum, plain, named('Bo')];
  assert.deepEqual(
    annotatedPart(run).map((s) => s.words[0]),
    ['Ana', 'Bo'],
  );
  // One proper noun fewer is annotated text with a few names its annotators did not mark.
  const fewer = [named('Ana'), ...forum.slice(1), named('Bo')];
  assert.equal(annotatedPart(fewer).length, fewer.length);
});

test('gold amounts after a "$" are counted, and those leaving it outside the span', () => {
  const counted = dollarConvention([
    sentence('Tea sold for $ 3 a pound , up from $ 2 million .', [
      'O',
      'O',
      'O',
      'O',
      'B-MONEY',
      'O',
      'O',
      'O',
      'O',
      'O',
      'B-MONEY',
      'I-MONEY',
      'I-MONEY',
      'O',
    ]),
    // A "$" before no amount at all (a share symbol, say) is neither.
    sentence('The $ sign .'),
  ]);
  assert.deepEqual(counted, { afterDollar: 2, dollarOutside: 1 });
});

test('span edges can fall between a currency sign and its digits, around hyphens and before a final period', () => {
  const text = 'Costs hit $5, then 14-year-old Sept. figures fell.';
  const tokens = edgeTokens(text, 0, text.length).map((t) => text.slice(t.start, t.end));
  assert.deepEqual(tokens, ['Costs', 'hit', '$', '5', ',', 'then', '14', '-', 'year', '-', 'old', 'Sept.', 'figures', 'fell', '.']);
});

test('learned weights move a span edge or drop the span; without weights the grammar span stands', () => {
  const text = 'Crude sold at $ 2 a barrel last week .';
  const money = { start: text.indexOf('$'), end: text.indexOf(' a barrel'), type: 'Money' as const };
  const date = { start: text.indexOf('last'), end: text.indexOf(' .'), type: 'Date' as const };
  const weights = new Map([
    ['Money l-1', 3],
    ['Date drop', 1],
  ]);
  const placed = placeEdges(text, [money, date], { weights }).map((s) => text.slice(s.start, s.end));
  assert.deepEqual(placed, ['2']);
  const unchanged = placeEdges(text, [money, date], { weights: new Map() }).map((s) => text.slice(s.start, s.end));
  assert.deepEqual(unchanged, ['$ 2', 'last week']);
});
