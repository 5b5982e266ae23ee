import assert from 'node:assert/strict';
import { test } from 'node:test';
import { quoteForCard } from '../../../extension/core/text/escape';

const plain = (md: string): string => md.replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)));

test('a quotation from the article is not wrapped in a second pair of quotation marks', () => {
  assert.equal(plain(quoteForCard('"At this time we see no risk to residents."')), '“At this time we see no risk to residents.”');
  assert.equal(plain(quoteForCard('“At this time we see no risk,” the mayor said.')), '“‘At this time we see no risk,’ the mayor said.”');
  assert.equal(plain(quoteForCard('The mayor said "no risk" twice.')), '“The mayor said ‘no risk’ twice.”');
  assert.equal(plain(quoteForCard('Kelby Water Board')), '“Kelby Water Board”');
});

test('long text is cut, and stays escaped', () => {
  assert.equal(plain(quoteForCard('a'.repeat(50), 10)), `“${'a'.repeat(9)}…”`);
  assert.doesNotMatch(quoteForCard('[x](command:y)'), /\[|\(/);
});
