import assert from 'node:assert/strict';
import { test } from 'node:test';
import { targetAt } from '../../../extension/core/sidecar/target';
import { addTag, emptySidecar, removeTag, updateTag } from '../../../extension/core/sidecar/model';
import { readSidecar, MAX_SIDECAR_BYTES } from '../../../extension/core/sidecar/read';
import { writeSidecar } from '../../../extension/core/sidecar/write';
import type { Sidecar, Tag } from '../../../extension/core/sidecar/types';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const TEXT = 'Dr. Ada Ruiz of Kestrel Labs said on May 2 that 🎉 $4 million was spent.';
const stamp = { author: 'tester', now: '2026-01-02T03:04:05.000Z' };

function tagged(): Sidecar {
  let s = emptySidecar('a.txt', TEXT);
  s = addTag(s, TEXT, { kind: 'entity', label: 'Organization', status: 'confirmed', start: 16, end: 28 }, stamp).sidecar;
  s = addTag(s, TEXT, { kind: 'entity', label: 'Person', status: 'confirmed', start: 4, end: 12 }, stamp).sidecar;
  return s;
}

test('a written sidecar reads back identically and validates', () => {
  const s = tagged();
  const raw = writeSidecar(s);
  const read = readSidecar(raw);
  assert.ok(read.ok, read.ok ? '' : read.problem);
  assert.equal(writeSidecar(read.sidecar), raw, 'serialization is stable');
  assert.ok(raw.endsWith('\n'));
});

test('tags are written sorted by position, one block each, with a fixed key order', () => {
  const raw = writeSidecar(tagged());
  const parsed = JSON.parse(raw) as Sidecar;
  assert.deepEqual(
    parsed.tags.map((t) => t.label),
    ['Person', 'Organization'],
  );
  assert.deepEqual(Object.keys(parsed), ['version', 'article', 'contentHash', 'offsetUnit', 'tags']);
  assert.deepEqual(Object.keys(parsed.tags[0]).slice(0, 5), ['id', 'kind', 'label', 'status', 'target']);
  assert.match(raw, /\n {4}\{\n {6}"id"/, 'each tag opens its own block');
});

test('targets carry the quote and up to 32 characters of context', () => {
  const t = targetAt(TEXT, 16, 28);
  assert.equal(t.quote, 'Kestrel Labs');
  assert.equal(t.prefix, 'Dr. Ada Ruiz of ');
  assert.equal(t.suffix.length, 32);
});

test('update and remove', () => {
  let s = tagged();
  const person = s.tags.find((t) => t.label === 'Person')!;
  s = updateTag(s, person.id, { tags: ['source'], note: 'called twice' }, { author: 'b', now: '2026-02-02T00:00:00.000Z' });
  const updated = s.tags.find((t) => t.id === person.id)!;
  assert.deepEqual(updated.tags, ['source']);
  assert.equal(updated.modified, '2026-02-02T00:00:00.000Z');
  assert.equal(updated.created, stamp.now);
  s = removeTag(s, person.id);
  assert.equal(s.tags.length, 1);
});

test('ids are unique and schema-safe', () => {
  const ids = new Set(
    Array.from(
      { length: 2000 },
      () => addTag(emptySidecar('a', TEXT), TEXT, { kind: 'entity', label: 'Other', status: 'confirmed', start: 0, end: 2 }, stamp).tag.id,
    ),
  );
  assert.equal(ids.size, 2000);
  for (const id of ids) assert.match(id, /^[A-Za-z0-9_-]{1,64}$/);
});

const problemOf = (raw: string): string => {
  const r = readSidecar(raw);
  assert.equal(r.ok, false);
  return r.ok ? '' : r.problem;
};

test('bad sidecars are explained, never thrown', () => {
  const good = JSON.parse(writeSidecar(tagged()));
  assert.match(problemOf(''), /empty/);
  assert.match(problemOf(writeSidecar(tagged()).slice(0, 80)), /not valid JSON/);
  assert.match(problemOf('[1,2]'), /not a JSON object/);
  assert.match(problemOf('{"tags":[]}'), /version/);
  assert.match(
    problemOf(JSON.stringify({ ...good, tags: [{ ...good.tags[0], target: { ...good.tags[0].target, start: 'x' } }] })),
    /tags\.0\.target\.start must be integer/,
  );
  assert.match(problemOf(JSON.stringify({ ...good, tags: [good.tags[0], good.tags[0]] })), /appears more than once/);
  assert.match(
    problemOf(JSON.stringify({ ...good, tags: [{ ...good.tags[0], kind: 'person' }] })),
    /tags\.0\.kind must be equal to one of the allowed values/,
  );
  assert.match(
    problemOf(JSON.stringify({ ...good, tags: [{ ...good.tags[0], target: { ...good.tags[0].target, end: 1 } }] })),
    /ends \(1\) before it starts/,
  );
  assert.match(
    problemOf(JSON.stringify({ ...good, tags: [{ ...good.tags[0], target: { ...good.tags[0].target, quote: 'x' } }] })),
    /quote of 1 characters/,
  );
});

test('__proto__ and constructor keys are refused, and pollute nothing', () => {
  const good = writeSidecar(tagged());
  const evil = good.replace(
    '"version": 1,',
    '"version": 1, "__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}},',
  );
  assert.match(problemOf(evil), /unknown key "__proto__"|unknown key "constructor"/);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  const inTag = good.replace('"kind": "entity"', '"__proto__": {"x": 1}, "kind": "entity"');
  assert.match(problemOf(inTag), /unknown key "__proto__"/);
});

test('a newer format version is read-only with a clear message', () => {
  const r = readSidecar('{"version": 3, "whatever": true}');
  assert.equal(r.ok, false);
  assert.ok(!r.ok && r.readOnly);
  assert.match(!r.ok ? r.problem : '', /newer Source Annotator \(format version 3; this one reads up to 1\)/);
});

test('a huge sidecar is refused before parsing', () => {
  const r = readSidecar('{}', MAX_SIDECAR_BYTES + 1);
  assert.ok(!r.ok && !r.readOnly);
  assert.match(r.ok ? '' : r.problem, /above the 20 MB limit/);
});

test('a BOM at the start of a sidecar is accepted', () => {
  assert.ok(readSidecar('\ufeff' + writeSidecar(tagged())).ok);
});

test('writers refuse a sidecar readers would refuse: an empty free tag, a verdict or author over the limit, a 21 MB note', async () => {
  const { sidecarToWrite } = await import('../../../extension/core/sidecar/write');
  const { MAX_LABEL_LENGTH, freeTagProblem, verdictProblem } = await import('../../../extension/core/sidecar/limits');
  const schema = JSON.parse(readFileSync(join(process.cwd(), 'extension/core/sidecar/sidecar-v1.schema.json'), 'utf8'));
  const tagSchema = schema.definitions.tag.properties;
  assert.equal(tagSchema.verdict.maxLength, MAX_LABEL_LENGTH);
  assert.equal(tagSchema.author.maxLength, MAX_LABEL_LENGTH);
  assert.equal(tagSchema.tags.items.maxLength, MAX_LABEL_LENGTH);
  const text = 'Ilse Varga chaired the meeting.';
  const { sidecar } = addTag(
    emptySidecar('a.txt', text),
    text,
    { kind: 'entity', label: 'Person', status: 'confirmed', start: 0, end: 10 },
    { author: 'me', now: '2024-01-01T00:00:00Z' },
  );
  assert.ok(sidecarToWrite(sidecar).ok);
  const withTag = (patch: Partial<Tag>) => ({ ...sidecar, tags: [{ ...sidecar.tags[0], ...patch }] });
  for (const [what, bad] of [
    ['empty free tag', withTag({ tags: [''] })],
    ['long verdict', withTag({ verdict: 'v'.repeat(MAX_LABEL_LENGTH + 1) })],
    ['long author', withTag({ author: 'a'.repeat(MAX_LABEL_LENGTH + 1) })],
    ['21 MB note', withTag({ note: 'n'.repeat(21 * 1024 * 1024) })],
  ] as const) {
    const out = sidecarToWrite(bad);
    assert.equal(out.ok, false, what);
    if (!out.ok) assert.match(out.problem, /would not be valid/, what);
  }
  assert.notEqual(freeTagProblem(''), null);
  assert.notEqual(freeTagProblem('t'.repeat(MAX_LABEL_LENGTH + 1)), null);
  assert.equal(freeTagProblem('disputed'), null);
  assert.notEqual(verdictProblem('v'.repeat(MAX_LABEL_LENGTH + 1)), null);
});
