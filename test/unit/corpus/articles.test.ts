import assert from 'node:assert/strict';
import { test } from 'node:test';
import { articleMatcher } from '../../../extension/core/corpus/articles';

test('by default .txt, .md and .markdown files are articles; exports, sidecars and tool folders are not', () => {
  const isArticle = articleMatcher();
  for (const path of ['a.txt', 'news/2026/b.md', 'C.MARKDOWN', '/tmp/outside.txt']) assert.ok(isArticle(path), path);
  for (const path of [
    'tags.csv',
    'a.txt.tags.json',
    'a.txt.tags.json.v0.bak',
    '.source-annotator/exports/brat/a.txt',
    'node_modules/x/readme.md',
    'notes.json',
  ]) {
    assert.ok(!isArticle(path), path);
  }
});

test('the glob is configurable', () => {
  const isArticle = articleMatcher('corpus/**/*.txt');
  assert.ok(isArticle('corpus/x/a.txt'));
  assert.ok(!isArticle('notes/a.txt'));
  assert.ok(!isArticle('corpus/a.md'));
  assert.ok(articleMatcher('  ')('a.md'), 'an empty setting means the default');
});
