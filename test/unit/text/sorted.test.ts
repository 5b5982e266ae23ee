import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countBelow, lowerBound } from '../../../extension/core/text/sorted';
import { randomId } from '../../../extension/core/text/randomId';

test('lowerBound finds where a predicate true on a prefix stops holding', () => {
  const values = [1, 3, 3, 7];
  assert.equal(
    lowerBound(values.length, (i) => values[i] < 3),
    1,
  );
  assert.equal(
    lowerBound(values.length, (i) => values[i] <= 3),
    3,
  );
  assert.equal(
    lowerBound(values.length, () => true),
    4,
  );
  assert.equal(
    lowerBound(0, () => true),
    0,
  );
});

test('countBelow counts the values under a limit, as a scan does', () => {
  const values = [2, 4, 4, 9, 12];
  for (let limit = 0; limit <= 13; limit++) {
    assert.equal(countBelow(values, limit), values.filter((v) => v < limit).length, `limit ${limit}`);
  }
});

test('randomId: the prefix, then 18 letters and digits, different each time', () => {
  const a = randomId('t');
  assert.match(a, /^t[a-z2-7]{18}$/);
  assert.notEqual(a, randomId('t'));
});
