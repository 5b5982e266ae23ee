import { test } from 'node:test';
import assert from 'node:assert/strict';
import { migrate, MIGRATIONS, type MigrationStep } from '../../../extension/core/sidecar/migrate';
import { readSidecar } from '../../../extension/core/sidecar/read';
import { SIDECAR_VERSION } from '../../../extension/core/sidecar/types';

// A made-up "version 0" for these tests only: tags had `offsets: [start, end]` and `text` instead of a target.
const V0 = {
  version: 0,
  article: 'a.txt',
  contentHash: 'sha256:' + '0'.repeat(64),
  tags: [{ id: 't1', type: 'Person', offsets: [4, 8], text: 'Jane', created: '2024-01-01T00:00:00Z' }],
};

const fromV0: MigrationStep = (data) => ({
  version: 1,
  article: data.article,
  contentHash: data.contentHash,
  offsetUnit: 'utf16',
  tags: (data.tags as { id: string; type: string; offsets: [number, number]; text: string; created: string }[]).map((t) => ({
    id: t.id,
    kind: 'entity',
    label: t.type,
    status: 'confirmed',
    target: { start: t.offsets[0], end: t.offsets[1], quote: t.text, prefix: '', suffix: '' },
    anchoring: 'exact',
    tags: [],
    verdict: null,
    note: null,
    claim: null,
    entityId: null,
    author: '',
    created: t.created,
    modified: t.created,
  })),
});

test('current data passes through unchanged', () => {
  const data = { version: SIDECAR_VERSION, tags: [] };
  assert.deepEqual(migrate(data, SIDECAR_VERSION), { ok: true, data, migratedFrom: null });
});

test('there are no migrations yet: version 1 is the first format', () => {
  assert.deepEqual(Object.keys(MIGRATIONS), []);
});

test('an older version is migrated step by step into a valid current sidecar', () => {
  const result = migrate(V0, 0, { 0: fromV0 });
  assert.ok(result.ok);
  assert.equal(result.migratedFrom, 0);
  const read = readSidecar(JSON.stringify(result.data));
  assert.ok(read.ok, read.ok ? '' : read.problem);
  assert.equal(read.sidecar.tags[0].target.quote, 'Jane');
});

test('a missing step, a step that throws or one that forgets the version says so', () => {
  const missing = migrate(V0, 0, {});
  assert.ok(!missing.ok && /not supported/.test(missing.problem));
  const throws = migrate(V0, 0, {
    0: () => {
      throw new Error('bad tags');
    },
  });
  assert.ok(!throws.ok && /bad tags/.test(throws.problem));
  const forgets = migrate(V0, 0, { 0: (d) => d });
  assert.ok(!forgets.ok && /did not produce version 1/.test(forgets.problem));
  const newer = migrate({ version: 9 }, 9);
  assert.ok(!newer.ok);
});
