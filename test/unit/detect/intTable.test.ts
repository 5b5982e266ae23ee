import { test } from 'node:test';
import assert from 'node:assert/strict';
import { intTable, intTableGet, intTableOf, intTableSet } from '../../../extension/core/detect/intTable';
import { mix, wordKey } from '../../../extension/core/detect/features';

test('an integer table answers as the Map it is made of, for hashes above 2^31 and for absent keys', () => {
  const keys = Array.from({ length: 500 }, (_, i) => mix(0x5bd1e995, wordKey(`word${i}`)));
  assert.ok(keys.some((k) => k >= 2 ** 31));
  const map = new Map(keys.slice(0, 250).map((k, i) => [k, i % 5]));
  const table = intTableOf(map);
  assert.equal(intTableOf(map), table);
  for (const k of keys) assert.equal(intTableGet(table, k, -1), map.get(k) ?? -1);
  // A key is one 32-bit integer however it is written.
  assert.equal(intTableGet(table, keys[0] | 0, -1), map.get(keys[0]));
  const set = new Set(keys.slice(0, 10));
  for (const k of keys) assert.equal(intTableGet(intTableOf(set), k, -1) === 0, set.has(k));
  assert.equal(intTableGet(intTable([]), 7, -1), -1);
});

test('an integer table set key by key grows and keeps every value, the last set of a key winning', () => {
  const table = intTable();
  const map = new Map<number, number>();
  for (let i = 0; i < 5000; i++) {
    const key = mix(i % 3000, 7);
    intTableSet(table, key, i);
    map.set(key, i);
  }
  assert.equal(table.size, map.size);
  for (const [key, value] of map) assert.equal(intTableGet(table, key, -1), value);
  assert.equal(intTableGet(table, mix(4000, 7), -1), -1);
});
