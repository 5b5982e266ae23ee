import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitFreeTags, withFreeTags } from '../../../extension/core/sidecar/freeTags';

test('free tags typed with commas are separate tags, trimmed, once each', () => {
  assert.deepEqual(splitFreeTags('threat-actor, apt'), ['threat-actor', 'apt']);
  assert.deepEqual(splitFreeTags(['a,b', ' b ', ',,', 'c']), ['a', 'b', 'c']);
  assert.deepEqual(splitFreeTags('  '), []);
});

test('adding free tags keeps the old ones first and adds nothing twice', () => {
  assert.deepEqual(withFreeTags(['apt'], 'threat-actor, apt'), ['apt', 'threat-actor']);
});
