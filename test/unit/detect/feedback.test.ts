import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCorrections, writeCorrections, type TaggedArticle } from '../../../extension/core/detect/feedback';
import { createDetector } from '../../../extension/core/detect/index';
import { decodeModel } from '../../../extension/core/detect/tagger';
import type { EntityMention, EntityType } from '../../../extension/core/detect/types';
import { addTag, emptySidecar } from '../../../extension/core/sidecar/model';
import type { TagStatus } from '../../../extension/core/sidecar/types';

// The bundled test runs from out/test/unit/detect/; the shipped weights are in media/models/.
const bytes = new Uint8Array(readFileSync(join(__dirname, '../../../../media/models/detector.bin')));
const detector = createDetector(bytes);
const stamp = { author: 'tester', now: '2026-01-01T00:00:00Z' };

/** An article with entity tags on the first occurrence of each name. */
function tagged(text: string, tags: { name: string; label: EntityType; status: TagStatus }[]): TaggedArticle {
  let sidecar = emptySidecar('a.txt', text);
  for (const { name, label, status } of tags) {
    const start = text.indexOf(name);
    sidecar = addTag(sidecar, text, { kind: 'entity', label, status, start, end: start + name.length }, stamp).sidecar;
  }
  return { text, format: 'plaintext', tags: sidecar.tags };
}

function entities(text: string, d = detector): [string, string][] {
  return d.analyze(text, { format: 'plaintext' }).entities.map((e: EntityMention) => [e.text, e.type]);
}

test('a confirmed organization the model mistypes is typed right in another article', () => {
  const elsewhere = 'A spokesperson for Halvard Pemberton declined to comment on the outage.';
  assert.deepEqual(
    entities(elsewhere),
    [['Halvard Pemberton', 'Person']],
    'the base model must get it wrong for this test to mean anything',
  );
  // Confirmed where the model typed it a person too: what it learns there is what it was missing.
  const corrections = detector.learnCorrections([
    tagged('Halvard Pemberton, the broadband provider, said its customers were affected.', [
      { name: 'Halvard Pemberton', label: 'Organization', status: 'confirmed' },
    ]),
  ]);
  assert.ok(corrections);
  assert.deepEqual(entities(elsewhere, detector.withCorrections(corrections)), [['Halvard Pemberton', 'Organization']]);
});

test('a rejected suggestion disappears in a new context', () => {
  const elsewhere = 'Meanwhile Folks at the council answered the letters sent in March.';
  assert.ok(
    entities(elsewhere).some(([text]) => text.includes('Folks')),
    'the base model must suggest it for this test to mean anything',
  );
  const corrections = detector.learnCorrections([
    tagged('Meanwhile Folks at the agency replied.', [{ name: 'Meanwhile Folks', label: 'Organization', status: 'rejected' }]),
  ]);
  assert.ok(corrections);
  const corrected = entities(elsewhere, detector.withCorrections(corrections));
  assert.ok(!corrected.some(([text]) => text.includes('Folks')), JSON.stringify(corrected));
});

test('learning keeps what was right and what it was not told about', () => {
  const corrections = detector.learnCorrections([
    tagged('Officials at Halvard Pemberton said the network was restored on Tuesday.', [
      { name: 'Halvard Pemberton', label: 'Organization', status: 'confirmed' },
    ]),
  ]);
  const text = 'Angela Merkel met officials of Siemens in Munich on Friday.';
  assert.deepEqual(entities(text, detector.withCorrections(corrections)), entities(text));
});

test('no tags, claim tags and orphaned tags teach nothing', () => {
  const text = 'Officials at Halvard Pemberton said the network was restored on Tuesday.';
  const none = detector.learnCorrections([{ text, format: 'plaintext', tags: [] }]);
  assert.ok(none);
  assert.deepEqual([none.emissions, none.transitions], [{}, {}]);
  const article = tagged(text, [{ name: 'Halvard Pemberton', label: 'Organization', status: 'confirmed' }]);
  const orphaned = detector.learnCorrections([{ ...article, tags: article.tags.map((t) => ({ ...t, anchoring: 'orphaned' as const })) }]);
  const claims = detector.learnCorrections([
    { ...article, tags: article.tags.map((t) => ({ ...t, kind: 'claim' as const, label: 'Claim' as const })) },
  ]);
  assert.deepEqual([orphaned?.emissions, claims?.emissions], [{}, {}]);
});

test('the shipped weights are never changed, and no corrections tag exactly as before', () => {
  const before = bytes.slice();
  const model = decodeModel(bytes);
  const emissions = model.emissions.slice();
  const text = 'A spokesperson for Halvard Pemberton declined to comment. Meanwhile Nobody from the council answered.';
  const plain = JSON.stringify(detector.analyze(text, { format: 'plaintext' }));
  const corrections = detector.learnCorrections([
    tagged('Officials at Halvard Pemberton said so. Meanwhile Nobody at the agency replied.', [
      { name: 'Halvard Pemberton', label: 'Organization', status: 'confirmed' },
      { name: 'Meanwhile Nobody', label: 'Person', status: 'rejected' },
    ]),
  ]);
  assert.deepEqual(bytes, before);
  assert.deepEqual(decodeModel(bytes).emissions, emissions);
  assert.equal(JSON.stringify(detector.analyze(text, { format: 'plaintext' })), plain);
  assert.equal(JSON.stringify(createDetector(bytes).analyze(text, { format: 'plaintext' })), plain);
  assert.equal(JSON.stringify(detector.withCorrections(null).analyze(text, { format: 'plaintext' })), plain);
  assert.notEqual(JSON.stringify(detector.withCorrections(corrections).analyze(text, { format: 'plaintext' })), plain);
});

test('corrections survive their file format and are learned the same way twice', () => {
  const article = tagged('Officials at Halvard Pemberton said the network was restored on Tuesday.', [
    { name: 'Halvard Pemberton', label: 'Organization', status: 'confirmed' },
  ]);
  const corrections = detector.learnCorrections([article]);
  assert.ok(corrections);
  const raw = writeCorrections(corrections);
  assert.deepEqual(readCorrections(raw), corrections);
  assert.equal(writeCorrections(detector.learnCorrections([article]) ?? corrections), raw);
  const text = 'A spokesperson for Halvard Pemberton declined to comment.';
  assert.deepEqual(entities(text, createDetector(bytes, readCorrections(raw))), entities(text, detector.withCorrections(corrections)));
});

test('a corrections file of another version or layout is refused', () => {
  const corrections = detector.learnCorrections([]);
  assert.ok(corrections);
  assert.throws(() => readCorrections(JSON.stringify({ ...corrections, version: 2 })), /version/);
  assert.throws(() => readCorrections(JSON.stringify({ ...corrections, emissions: { '-1': 1 } })), /emissions/);
  assert.throws(() => readCorrections('[]'), /not an object/);
  assert.throws(() => detector.withCorrections({ ...corrections, buckets: 1024, emissions: { '1': 1 } }), /layout/);
});

test('without a model there is nothing to learn', () => {
  assert.equal(createDetector(null).learnCorrections([]), null);
});
