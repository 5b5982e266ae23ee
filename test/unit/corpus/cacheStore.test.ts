import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE_VERSION, encodeAnalysis, type CacheEntry } from '../../../extension/core/corpus/cache';
import { MAIN_FILE, openCacheStore, type CacheFiles } from '../../../extension/core/corpus/cacheStore';
import type { KeptClaimGroups } from '../../../extension/core/corpus/index';
import { articleFeatures, encodeArticleFeatures } from '../../../extension/core/corpus/articleFeatures';
import { createDetector } from '../../../extension/core/detect/index';
import { analysisOf, analyzeAll } from '../../../extension/core/detect/incremental';
import { openDatabase } from '../../../extension/files/sqlite';

const WASM = new Uint8Array(readFileSync(join(__dirname, '../../../../node_modules/sql.js/dist/sql-wasm.wasm')));
const MODEL = new Uint8Array(readFileSync(join(__dirname, '../../../../media/models/detector.bin')));
const open = (bytes?: Uint8Array) => openDatabase(WASM, bytes);

// An invented article.
const TEXT = 'Mayor Ilse Brandt said on Tuesday that the Valdoria Harbor Authority had closed the east pier.';
const FOUND = analysisOf(analyzeAll(createDetector(MODEL), TEXT, { format: 'plaintext' }));
const entry = (path: string, mtime = 1): CacheEntry => ({
  path,
  size: TEXT.length,
  mtime,
  hash: 'sha256:x',
  format: 'plaintext',
  analysis: encodeAnalysis(FOUND),
  features: encodeArticleFeatures(articleFeatures(TEXT, FOUND)),
});

/** A folder in memory that counts what is written to it. */
function memoryFolder(): CacheFiles & { files: Map<string, Uint8Array>; writes: string[] } {
  const files = new Map<string, Uint8Array>();
  const writes: string[] = [];
  return {
    files,
    writes,
    read: (name) => Promise.resolve(files.get(name)),
    write(name, bytes) {
      writes.push(name);
      files.set(name, bytes.slice());
      return Promise.resolve();
    },
    remove: (name) => Promise.resolve(void files.delete(name)),
    list: () => Promise.resolve([...files.keys()]),
  };
}

const GROUPS: KeptClaimGroups = {
  digest: 'd1',
  paths: ['a.txt'],
  groups: [{ label: 'The pier closed', articleCount: 1, claims: [[0, 0, 20, 'asserts', null]] }],
};

test('entries fill shards in turn, and a save writes only the shards it changed', async () => {
  const folder = memoryFolder();
  const store = await openCacheStore(folder, open, 'model-1', 3);
  assert.deepEqual(store.setAside, [], 'no cache yet is nothing to set aside');
  await store.write({ added: ['a', 'b', 'c', 'd', 'e'].map((p) => entry(`${p}.txt`)), removed: [] });
  assert.deepEqual(
    folder.writes,
    [MAIN_FILE, 'corpus-cache-0.sqlite', 'corpus-cache-1.sqlite'],
    'the main file first, then three and two entries',
  );

  folder.writes.length = 0;
  await store.write({ added: [entry('f.txt')], removed: [] });
  assert.deepEqual(folder.writes, ['corpus-cache-1.sqlite'], 'a new article goes to the shard with room');
  folder.writes.length = 0;
  await store.write({ added: [entry('b.txt', 2)], removed: [] });
  assert.deepEqual(folder.writes, ['corpus-cache-0.sqlite'], 'a changed article stays in its shard');
  folder.writes.length = 0;
  await store.write({ added: [], removed: [], groups: GROUPS });
  assert.deepEqual(folder.writes, [MAIN_FILE], 'the claim groups are in the main file');
  assert.equal((await store.readEntry('b.txt'))?.mtime, 2);
  store.close();

  const reopened = await openCacheStore(folder, open, 'model-1', 3);
  assert.deepEqual([...reopened.loaded.keys()].sort(), ['a.txt', 'b.txt', 'c.txt', 'd.txt', 'e.txt', 'f.txt']);
  assert.equal(reopened.loaded.get('b.txt')?.mtime, 2);
  assert.deepEqual(reopened.groups, GROUPS);
  assert.deepEqual(reopened.loaded.get('a.txt')?.analysis, entry('a.txt').analysis);

  folder.writes.length = 0;
  await reopened.write({ added: [], removed: ['d.txt', 'e.txt', 'f.txt'] });
  assert.equal(folder.files.has('corpus-cache-1.sqlite'), false, 'a shard left empty is removed');
  assert.equal(await reopened.readEntry('d.txt'), undefined);
  await reopened.write({ added: [entry('g.txt')], removed: [] });
  assert.ok(folder.files.has('corpus-cache-1.sqlite'), 'the next new article begins a shard again');
  reopened.close();
});

test('a damaged shard is set aside alone: its articles are analysed again, the others kept', async () => {
  const folder = memoryFolder();
  const store = await openCacheStore(folder, open, 'model-1', 2);
  await store.write({ added: ['a', 'b', 'c', 'd'].map((p) => entry(`${p}.txt`)), removed: [], groups: GROUPS });
  store.close();
  // A page inside the file spoiled, not its header: found when the entries are read, never half read.
  const shard = folder.files.get('corpus-cache-1.sqlite')!;
  folder.files.set(
    'corpus-cache-1.sqlite',
    shard.map((b, i) => (i >= 2 * 4096 ? 0xff : b)),
  );
  const reopened = await openCacheStore(folder, open, 'model-1', 2);
  assert.deepEqual(
    reopened.setAside.map((a) => [a.file, a.check.problem]),
    [['corpus-cache-1.sqlite', 'damaged']],
  );
  assert.deepEqual([...reopened.loaded.keys()].sort(), ['a.txt', 'b.txt']);
  assert.deepEqual(reopened.groups, GROUPS, 'the claim groups are kept (their digest decides whether they still hold)');
  assert.equal(folder.files.has('corpus-cache-1.sqlite'), false, 'the damaged shard is removed');
  reopened.close();
});

test('a main file of another version, another detector or damaged sets the whole cache aside at once', async () => {
  for (const [spoil, problem, detector] of [
    [(db: Uint8Array) => db.map((b, i) => (i >= 60 && i < 64 ? (i === 63 ? CACHE_VERSION - 1 : 0) : b)), 'version', 'model-1'],
    [(db: Uint8Array) => db, 'detector', 'model-2'],
    [(db: Uint8Array) => db.map((b, i) => (i < 100 ? 0x41 : b)), 'damaged', 'model-1'],
  ] as const) {
    const folder = memoryFolder();
    const store = await openCacheStore(folder, open, 'model-1', 2);
    await store.write({ added: ['a', 'b', 'c'].map((p) => entry(`${p}.txt`)), removed: [], groups: GROUPS });
    store.close();
    folder.files.set(MAIN_FILE, spoil(folder.files.get(MAIN_FILE)!));
    folder.files.set('corpus-cache-0.sqlite.1234.tmp', new Uint8Array(3));
    const rebuilt = await openCacheStore(folder, open, detector, 2);
    assert.deepEqual(
      rebuilt.setAside.map((a) => [a.file, a.check.problem]),
      [[MAIN_FILE, problem]],
      problem,
    );
    assert.equal(rebuilt.loaded.size, 0, `${problem}: no entry trusted`);
    assert.equal(rebuilt.groups, undefined);
    assert.deepEqual(
      [...folder.files.keys()],
      [MAIN_FILE],
      `${problem}: shards and a temporary file left by a cut write are removed, an empty main file written`,
    );
    rebuilt.close();
    const next = await openCacheStore(folder, open, detector, 2);
    assert.deepEqual(next.setAside, [], `${problem}: the next start meets the rebuilt cache`);
    next.close();
  }
});

test('shards are read into memory when asked for, at most two at a time, and closed again', async () => {
  let openNow = 0;
  let mostOpen = 0;
  const counted = async (bytes?: Uint8Array) => {
    const db = await open(bytes);
    mostOpen = Math.max(mostOpen, ++openNow);
    return { ...db, close: () => (openNow--, db.close()) };
  };
  const folder = memoryFolder();
  const paths = Array.from({ length: 10 }, (_, i) => `${i}.txt`);
  const store = await openCacheStore(folder, counted, 'model-1', 2);
  await store.write({ added: paths.map((p) => entry(p)), removed: [] });
  assert.equal(folder.writes.length, 6, 'the main file and five shards');
  store.close();
  assert.equal(openNow, 0);
  mostOpen = 0;
  const reopened = await openCacheStore(folder, counted, 'model-1', 2);
  assert.equal(reopened.loaded.size, 10);
  assert.equal(openNow, 1, 'once read, only the main file stays open');
  for (const path of [...paths].reverse()) assert.equal((await reopened.readEntry(path))?.path, path);
  assert.ok(mostOpen <= 3, `at most the main file and two shards open (${mostOpen})`);
  reopened.close();
  assert.equal(openNow, 0);
});

test('shards without their main file are not trusted', async () => {
  const folder = memoryFolder();
  const store = await openCacheStore(folder, open, 'model-1', 2);
  await store.write({ added: [entry('a.txt')], removed: [] });
  store.close();
  folder.files.delete(MAIN_FILE);
  const reopened = await openCacheStore(folder, open, 'model-1', 2);
  assert.equal(reopened.loaded.size, 0);
  assert.deepEqual([...folder.files.keys()], []);
  reopened.close();
});
