import { test } from 'node:test';
import assert from 'node:assert/strict';
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
