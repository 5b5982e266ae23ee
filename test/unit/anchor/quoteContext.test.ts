import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONTEXT_LENGTH, quoteContext } from '../../../extension/core/sidecar/target';

test('quoteContext takes CONTEXT_LENGTH units each side, cut short rather than split a surrogate pair or a CRLF', () => {
  const pad = 'x'.repeat(CONTEXT_LENGTH - 1);
  const emoji = '😀';
  const before = `${emoji}${pad}`;
  const after = `${pad}${emoji}`;
  assert.deepEqual(quoteContext(`${before}QUOTE${after}`, before.length, before.length + 5), { prefix: pad, suffix: pad });
  const crlfBefore = `\r\n${pad}`;
  const crlfAfter = `${pad}\r\n`;
  const text = `${crlfBefore}QUOTE${crlfAfter}`;
  assert.deepEqual(quoteContext(text, crlfBefore.length, crlfBefore.length + 5), { prefix: pad, suffix: pad });
  assert.deepEqual(quoteContext('QUOTE', 0, 5), { prefix: '', suffix: '' });
});
