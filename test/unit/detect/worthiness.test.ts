import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeClaimsModel, encodeClaimsModel, type ClaimsModel } from '../../../extension/core/detect/claimsModel';
import { sentenceProps } from '../../../extension/core/detect/features';
import { decodeModel, wordListsOf } from '../../../extension/core/detect/tagger';
import { tokenize } from '../../../extension/core/detect/tokens';
import type { EntityMention } from '../../../extension/core/detect/types';
import { worthinessFeatures, WORTHINESS_FEATURE_VERSION } from '../../../extension/core/detect/worthiness';

const BUCKETS = 1 << 15;
const models = join(__dirname, '../../../../media/models');

function features(text: string, entities: readonly EntityMention[] = [], withClusters = false): Set<number> {
  const tokens = tokenize(text);
  const clusters = withClusters
    ? wordListsOf(decodeModel(new Uint8Array(readFileSync(join(models, 'detector.bin')))).header).clusters
    : null;
  return new Set(worthinessFeatures(text, tokens, sentenceProps(text, tokens), false, entities, clusters, BUCKETS));
}

/** Buckets of `a` that `b` does not have. */
function only(a: Set<number>, b: Set<number>): number[] {
  return [...a].filter((f) => !b.has(f));
}

test('a checkable word counts beyond its own word features (the keyword count)', () => {
  const checkable = features('The mayor said the deficit grew again.');
  const plain = features('The mayor said the garden grew again.');
  // The word itself, its shape and its beginning are three buckets; the counts of checkable words are more.
  assert.ok(only(checkable, plain).length > 3, `${only(checkable, plain).length} buckets differ`);
});

test('every digit of a number counts, as in the keyword baseline', () => {
  const sevenThousand = features('Prices rose 7000 points.');
  // Another number of as many digits differs by its own word only; one of fewer digits by the count too.
  assert.ok(
    only(sevenThousand, features('Prices rose 7 points.')).length > only(sevenThousand, features('Prices rose 7001 points.')).length,
  );
});

test('the types of the names the entity tagger found are features', () => {
  const text = 'Jane Thompson left Orbital Dynamics.';
  const person: EntityMention = { start: 0, end: 13, type: 'Person', text: 'Jane Thompson', origin: 'model' };
  const organization: EntityMention = { start: 19, end: 35, type: 'Organization', text: 'Orbital Dynamics', origin: 'model' };
  assert.equal(only(features(text, [person, organization]), features(text)).length, 2);
  assert.notDeepEqual(features(text, [person]), features(text, [organization]));
});

test("a word's cluster is a feature when the tagger's clusters are given", () => {
  assert.ok(
    only(features('The senators voted against the budget.', [], true), features('The senators voted against the budget.')).length > 0,
  );
});

test('a trainer keeping the tagger reads a file whose check-worthiness part has other features', () => {
  const model: ClaimsModel = {
    attribution: { buckets: 2, scale: 1, transitions: new Float32Array(56), emissions: new Int16Array(14) },
    worthiness: { buckets: 2, scale: 1, bias: 0, weights: new Int16Array(2), threshold: 0.5 },
    trainedOn: { attribution: 'invented', worthiness: [] },
  };
  const bytes = encodeClaimsModel(model);
  const header = new TextDecoder().decode(bytes);
  const at = header.indexOf(`"worthinessVersion":${WORTHINESS_FEATURE_VERSION}`);
  assert.ok(at > 0);
  const older = bytes.slice();
  older[at + '"worthinessVersion":'.length] = '0'.charCodeAt(0) + WORTHINESS_FEATURE_VERSION - 1;
  assert.throws(() => decodeClaimsModel(older), /detector expects/);
  assert.equal(decodeClaimsModel(older, true).attribution.buckets, 2);
});
