import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ATTRIBUTION_TAGS, bioTransitions, bioViterbi } from '../../../extension/core/detect/attribution';
import { FEATURES_PER_TOKEN } from '../../../extension/core/detect/features';
import {
  allowedTransitions,
  BILOU_TYPES,
  bilouEmissionScores,
  bilouTags,
  bilouViterbi,
  emissionScores,
  finalAllowed,
  liveRows,
  rowStore,
  viterbi,
} from '../../../extension/core/detect/tagger';

// The decoders' shortcuts must give the path of the plain Viterbi search, ties included: scores
// drawn from a few small integers make many equal sums.

function random(seed: number): (n: number) => number {
  let s = seed;
  return (n) => (s = (s * 1103515245 + 12345) & 0x7fffffff) % n;
}

test('the attribution decoder finds the path of the general one under the BIO constraints, ties included', () => {
  const T = ATTRIBUTION_TAGS.length;
  const { allowed, final } = bioTransitions();
  const draw = random(11);
  for (let round = 0; round < 500; round++) {
    const n = 1 + draw(40);
    const scores = Float32Array.from({ length: n * T }, () => draw(5) - 2);
    const transitions = Float32Array.from({ length: (T + 1) * T }, () => (draw(4) - 2) / 2);
    assert.deepEqual(bioViterbi(scores, n, transitions), viterbi(scores, n, T, transitions, allowed, final), `round ${round}`);
  }
});

test('the entity decoder skipping tokens the tagger leaves out finds the path of the full search', () => {
  const tags = bilouTags(BILOU_TYPES);
  const T = tags.length;
  const allowed = allowedTransitions(tags);
  const final = finalAllowed(tags);
  const draw = random(5);
  for (let round = 0; round < 500; round++) {
    const n = 1 + draw(40);
    // Runs of skipped tokens of every length, at the start, the end and between.
    const skip = Uint8Array.from({ length: n }, () => (draw(3) === 0 ? 0 : 1));
    const scores = new Float32Array(n * T);
    for (let i = 0; i < n; i++) for (let t = 0; t < T; t++) scores[i * T + t] = skip[i] ? (t === 0 ? 0 : -1e6) : draw(5) - 2;
    const transitions = Float32Array.from({ length: (T + 1) * T }, () => (draw(4) - 2) / 2);
    assert.deepEqual(
      viterbi(scores, n, T, transitions, allowed, final, skip),
      viterbi(scores, n, T, transitions, allowed, final),
      `round ${round}`,
    );
  }
});

test('the entity decoder written out for the shipped tags finds the path of the general one, with and without skipped tokens', () => {
  const tags = bilouTags(BILOU_TYPES);
  const T = tags.length;
  const allowed = allowedTransitions(tags);
  const final = finalAllowed(tags);
  const draw = random(23);
  for (let round = 0; round < 500; round++) {
    const n = 1 + draw(40);
    const skip = round % 2 ? Uint8Array.from({ length: n }, () => (draw(3) === 0 ? 0 : 1)) : undefined;
    const scores = new Float32Array(n * T);
    for (let i = 0; i < n; i++) for (let t = 0; t < T; t++) scores[i * T + t] = skip?.[i] ? (t === 0 ? 0 : -1e6) : draw(5) - 2;
    const transitions = Float32Array.from({ length: (T + 1) * T }, () => (draw(4) - 2) / 2);
    assert.deepEqual(bilouViterbi(scores, n, transitions, skip), viterbi(scores, n, T, transitions, allowed, final), `round ${round}`);
  }
});

test('the entity emission scores read a row at a time from 8-bit rows where they fit equal those read a tag at a time, skipped tokens and zero rows included', () => {
  const T = bilouTags(BILOU_TYPES).length;
  const buckets = 256;
  const draw = random(17);
  // Rows all zero, rows of 8-bit weights and rows with wider ones (with a weight at either end of 8 bits).
  const weights = Int16Array.from({ length: buckets * T }, (_, i) => {
    const row = Math.floor(i / T) % 3;
    if (row === 0) return 0;
    if (row === 1) return i % T === 0 ? -128 : i % T === 1 ? 127 : draw(256) - 128;
    return draw(65536) - 32768;
  });
  const live = liveRows(weights, buckets, T);
  const rows = rowStore(weights, buckets, T);
  for (let round = 0; round < 50; round++) {
    const n = 1 + draw(30);
    const feats = Int32Array.from({ length: n * FEATURES_PER_TOKEN }, () => draw(buckets));
    const skip = Uint8Array.from({ length: n }, () => (draw(4) === 0 ? 1 : 0));
    const scale = 0.001 + draw(1000) / 1e5;
    const expected = emissionScores(feats, n, weights, T, scale, undefined, skip, live);
    assert.deepEqual(bilouEmissionScores(feats, n, weights, rows, scale, new Float32Array(n * T), skip), expected, `round ${round}`);
  }
});
