import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plainTokens, sentenceProps, tokenProps, wordKey } from '../../../extension/core/detect/features';
import { tokenize } from '../../../extension/core/detect/tokens';
import { splitSentences } from '../../../extension/core/text/sentences';
import { proseView } from '../../../extension/core/text/structure';

function words(text: string): string[] {
  return tokenize(text).map((t) => text.slice(t.start, t.end));
}

function sentences(text: string, format: 'plaintext' | 'markdown' = 'plaintext'): string[] {
  const view = proseView(text, format);
  return splitSentences(view.text, view.blocks).map((s) => text.slice(s.start, s.end));
}

test('tokens: abbreviations, initials, hyphens, ampersands, possessives, numbers', () => {
  assert.deepEqual(words('Dr. J. Smith of AT&T’s U.S. unit'), ['Dr.', 'J.', 'Smith', 'of', 'AT&T', '’s', 'U.S.', 'unit']);
  assert.deepEqual(words('T-Mobile paid $1,000.50 on 9/11.'), ['T-Mobile', 'paid', '$', '1,000.50', 'on', '9/11', '.']);
  assert.deepEqual(words('It ended. Then'), ['It', 'ended', '.', 'Then']);
  assert.deepEqual(words('“Yes,” she said'), ['“', 'Yes', ',', '”', 'she', 'said']);
});

test('tokens: CJK characters and emoji are single tokens; surrogate pairs stay whole', () => {
  assert.deepEqual(words('网络😀ok'), ['网', '络', '😀', 'ok']);
});

test('sentences do not break at titles, initials or U.S. before a name', () => {
  assert.deepEqual(sentences('Dr. Jane Thompson met J. R. Smith. U.S. officials said so.'), [
    'Dr. Jane Thompson met J. R. Smith.',
    'U.S. officials said so.',
  ]);
  assert.deepEqual(sentences('It spread across the U.S. The company said so.'), ['It spread across the U.S.', 'The company said so.']);
});

test('sentences end at quotes and at block ends (headline lines, list items, .txt lines)', () => {
  assert.deepEqual(sentences('“We are safe.” The firm said so!'), ['“We are safe.”', 'The firm said so!']);
  assert.deepEqual(sentences('Breach At Telecom Giant\nThe breach was large'), ['Breach At Telecom Giant', 'The breach was large']);
  assert.deepEqual(sentences('# Breach At Telecom Giant\n\n- first item\n- second item\n\nA paragraph\ncontinues here.', 'markdown'), [
    'Breach At Telecom Giant',
    'first item',
    'second item',
    'A paragraph\ncontinues here.',
  ]);
});

test('the tagger leaves out stretches of figures and signs with no letter near, and nothing within reach of a word', () => {
  const plainOf = (text: string) => {
    const tokens = tokenize(text);
    const plain = plainTokens(sentenceProps(text, tokens));
    return tokens.map((t, i) => [text.slice(t.start, t.end), plain[i]] as const);
  };
  // Every token is a figure or a sign: none can be part of a name.
  assert.ok(plainOf('$1,$1,$1,$1,$1,$1').every(([, p]) => p === 1));
  // Figures within two tokens of a word stay in ("Boeing 737-800", "1. FC Koeln").
  const near = plainOf('Boeing 737 - 800 and 1 . FC Koeln , 2 , 3 , 4 , 5');
  for (const token of ['737', '-', '800', '1', '.']) assert.equal(near.find(([t]) => t === token)?.[1], 0, token);
  assert.equal(near.find(([t]) => t === '4')?.[1], 1);
});

test('tokens of the same text share their properties, which equal those worked out afresh', () => {
  const text = 'The mayor said the mayor would, the Mayor said, come.';
  const tokens = tokenize(text);
  const props = sentenceProps(text, tokens);
  const the = tokens.map((t, i) => (text.slice(t.start, t.end) === 'the' ? i : -1)).filter((i) => i >= 0);
  assert.equal(props[the[0]], props[the[1]]);
  assert.notEqual(props[1], props[tokens.findIndex((t) => text.slice(t.start, t.end) === 'Mayor')]);
  assert.deepEqual({ ...props[1] }, { ...tokenProps('mayor', { start: 0, end: 5 }) });
});

test('a word met lately is known by its slot only when it is the same word: thousands of words sharing slots each keep their own properties', () => {
  const words = Array.from({ length: 6000 }, (_, i) => `w${i.toString(36)}${'xyz'[i % 3]}`);
  const first = words.map((w) => tokenProps(` ${w} `, { start: 1, end: 1 + w.length }));
  words.forEach((w, i) => {
    const again = tokenProps(`${w}.`, { start: 0, end: w.length });
    assert.equal(again.key, wordKey(w), w);
    assert.deepEqual({ ...again }, { ...first[i] }, w);
  });
});
