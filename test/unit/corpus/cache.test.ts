import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CACHE_VERSION,
  checkCache,
  createCache,
  decodeAnalysis,
  encodeAnalysis,
  forgetCacheEntries,
  isUnchanged,
  readCache,
  readCacheEntry,
  readClaimGroups,
  writeCacheEntries,
  writeClaimGroups,
} from '../../../extension/core/corpus/cache';
import { articleFeatures, decodeArticleFeatures, encodeArticleFeatures } from '../../../extension/core/corpus/articleFeatures';
import { createCorpusIndex, type KeptClaimGroups } from '../../../extension/core/corpus/index';
import { vectorOf } from '../../../extension/core/corpus/claimTerms';
import { startDatabase } from '../../../extension/core/corpus/database';
import { createEntity, emptyKnowledgeBase } from '../../../extension/core/corpus/kb';
import { createDetector } from '../../../extension/core/detect/index';
import { analysisOf, analyzeAll } from '../../../extension/core/detect/incremental';
import { addTag, emptySidecar } from '../../../extension/core/sidecar/model';
import { openDatabase } from '../../../extension/files/sqlite';
import type { Analysis } from '../../../extension/core/detect/types';

const WASM = new Uint8Array(readFileSync(join(__dirname, '../../../../node_modules/sql.js/dist/sql-wasm.wasm')));
const MODEL = new Uint8Array(readFileSync(join(__dirname, '../../../../media/models/detector.bin')));

// An invented article, with a character outside the BMP so UTF-16 and code point offsets differ.
const TEXT = [
  'Mayor Ilse Brandt said on Tuesday that the Valdoria Harbor Authority had closed the east pier. 🌊',
  'According to the coast guard, 25 fishing boats were probably damaged by the storm, officials said.',
].join('\n');

test('an analysis survives the cache encoding, every span read back from the text', () => {
  const analysis = analysisOf(analyzeAll(createDetector(MODEL), TEXT, { format: 'plaintext' }));
  assert.ok(analysis.entities.length >= 2 && analysis.claims.length > 0);
  // Scores are kept to a millionth.
  const expected = { ...analysis, claims: analysis.claims.map((c) => ({ ...c, score: Math.round(c.score * 1e6) / 1e6 })) };
  assert.deepEqual(decodeAnalysis(encodeAnalysis(analysis), TEXT), expected);
});

test('bytes that do not make a sound analysis of the text are refused, not trusted', () => {
  const analysis = analysisOf(analyzeAll(createDetector(MODEL), TEXT, { format: 'plaintext' }));
  const bytes = encodeAnalysis(analysis);
  assert.equal(decodeAnalysis(bytes.slice(0, bytes.length - 4), TEXT), undefined, 'truncated');
  assert.equal(decodeAnalysis(bytes, TEXT.slice(0, 20)), undefined, 'offsets beyond a shorter text');
  const garbage = new Uint8Array(bytes.length).fill(0xff);
  assert.equal(decodeAnalysis(garbage, TEXT), undefined, 'garbage');
});

test('an article is unchanged when size and time agree, or only the time differs and the hash agrees', () => {
  const cached = { size: 10, mtime: 1000, hash: 'sha256:a' };
  let hashed = 0;
  const hash = (h: string) => () => (hashed++, h);
  assert.equal(isUnchanged(cached, { size: 10, mtime: 1000 }, hash('sha256:b')), true);
  assert.equal(hashed, 0, 'no hashing when size and time agree');
  assert.equal(isUnchanged(cached, { size: 10, mtime: 2000 }, hash('sha256:a')), true);
  assert.equal(isUnchanged(cached, { size: 10, mtime: 2000 }, hash('sha256:b')), false);
  assert.equal(isUnchanged(cached, { size: 11, mtime: 1000 }, hash('sha256:a')), false);
  assert.equal(isUnchanged(undefined, { size: 10, mtime: 1000 }, hash('sha256:a')), false);
});

test('a cache is written, read back after a round trip through its file, and entries forgotten', async () => {
  const db = await openDatabase(WASM);
  createCache(db, 'model-1');
  const found = analysisOf(analyzeAll(createDetector(MODEL), TEXT, { format: 'plaintext' }));
  const analysis = encodeAnalysis(found);
  const features = encodeArticleFeatures(articleFeatures(TEXT, found));
  writeCacheEntries(db, [
    { path: 'a.txt', size: 1, mtime: 2, hash: 'sha256:x', format: 'plaintext', analysis, features },
    { path: 'b.md', size: 3, mtime: 4, hash: 'sha256:y', format: 'markdown', analysis, features },
  ]);
  forgetCacheEntries(db, ['a.txt']);
  const reopened = await openDatabase(WASM, db.bytes());
  assert.deepEqual(checkCache(reopened, 'model-1'), { ok: true });
  const entries = readCache(reopened);
  assert.deepEqual([...entries.keys()], ['b.md']);
  assert.equal(entries.get('b.md')?.format, 'markdown');
  assert.deepEqual(entries.get('b.md')?.analysis, analysis);
  assert.equal(entries.get('b.md')?.features, features);
  assert.deepEqual(readCacheEntry(reopened, 'b.md'), entries.get('b.md'), 'one entry read alone, as read with all');
  assert.equal(readCacheEntry(reopened, 'a.txt'), undefined, 'a forgotten one is gone');
});

test('claim groups are kept in the cache, replaced by the next ones, and survive its file', async () => {
  const db = await openDatabase(WASM);
  createCache(db, 'model-1');
  assert.equal(readClaimGroups(db), undefined);
  const first: KeptClaimGroups = {
    digest: 'd1',
    paths: ['a.txt', 'b.txt'],
    groups: [
      {
        label: 'The pier closed',
        articleCount: 2,
        claims: [
          [0, 4, 20, 'asserts', null],
          [1, 0, 17, 'denies', 'closed / not closed'],
        ],
      },
    ],
  };
  writeClaimGroups(db, first);
  writeClaimGroups(db, { ...first, digest: 'd2' });
  const reopened = await openDatabase(WASM, db.bytes());
  assert.deepEqual(readClaimGroups(reopened), { ...first, digest: 'd2' });
  // Unreadable groups are computed again, not trusted.
  reopened.run('UPDATE cached_claim_groups SET groups = ?', ['{not json']);
  assert.equal(readClaimGroups(reopened), undefined);
});

test('a damaged file, a cache of another version, another detector or a stranger database are each told apart and not read', async () => {
  const db = await openDatabase(WASM);
  createCache(db, 'model-1');
  const file = db.bytes();
  assert.equal(checkCache(db, 'model-2').ok, false);
  assert.equal((checkCache(db, 'model-2') as { problem: string }).problem, 'detector');

  const damaged = file.slice();
  damaged.fill(0x41, 0, 100);
  const broken = await openDatabase(WASM, damaged);
  assert.equal((checkCache(broken, 'model-1') as { problem: string }).problem, 'damaged');

  const old = await openDatabase(WASM, file);
  old.exec(`PRAGMA user_version = ${CACHE_VERSION - 1}`);
  assert.equal((checkCache(old, 'model-1') as { problem: string }).problem, 'version');

  const stranger = await openDatabase(WASM);
  stranger.exec('CREATE TABLE t (x)');
  assert.equal((checkCache(stranger, 'model-1') as { problem: string }).problem, 'foreign');
});

test("the researchers' database holds articles, mentions, claims with attribution, tags and verdicts, offsets in code points", async () => {
  const db = await openDatabase(WASM);
  const kb = createEntity(
    emptyKnowledgeBase(),
    { name: 'Valdoria Harbor Authority', type: 'Organization', aliases: ['the Authority'] },
    'ent1',
  ).kb;
  const analysis = analysisOf(analyzeAll(createDetector(MODEL), TEXT, { format: 'plaintext' }));
  const claimAt = TEXT.indexOf('25 fishing boats');
  const { sidecar } = addTag(
    emptySidecar('a.txt', TEXT),
    TEXT,
    { kind: 'claim', label: 'Claim', status: 'confirmed', start: claimAt, end: TEXT.indexOf(', officials') },
    { author: 'Ana', now: '2026-01-01T00:00:00Z' },
  );
  sidecar.tags[0].verdict = 'false';
  sidecar.tags[0].tags = ['storm'];
  const writer = startDatabase(db, kb, 'test');
  writer.add({ path: 'a.txt', format: 'plaintext', text: TEXT, hash: 'sha256:x', analysis, sidecar });
  writer.finish();
  const one = (sql: string) => db.all(sql)[0];
  assert.equal(one("SELECT value FROM meta WHERE key = 'offset_unit'").value, 'codepoint');
  assert.equal(one('SELECT chars FROM articles').chars, [...TEXT].length);
  // After the emoji, a code point offset is one less than the UTF-16 one.
  const tagged = one("SELECT start, text, origin, verdict FROM claims WHERE origin = 'tag'");
  assert.equal(tagged.start, claimAt - 1);
  assert.equal(tagged.verdict, 'false');
  assert.equal([...TEXT].slice(Number(tagged.start)).join('').startsWith('25 fishing boats'), true);
  assert.equal(one('SELECT count(*) AS n FROM verdicts').n, 1);
  assert.equal(one('SELECT label FROM tag_labels').label, 'storm');
  assert.equal(one('SELECT alias FROM entity_aliases').alias, 'the Authority');
  assert.ok(Number(one("SELECT count(*) AS n FROM mentions WHERE text LIKE '%Ilse Brandt'").n) >= 1);
  assert.ok(Number(one("SELECT count(*) AS n FROM claims WHERE origin = 'detector'").n) >= 1);
});

test('a claim shown only on request stays so through the cache', () => {
  const analysis = analysisOf(analyzeAll(createDetector(MODEL), TEXT, { format: 'plaintext' }));
  const mixed = { ...analysis, claims: analysis.claims.map((c, i) => ({ ...c, prominent: i % 2 === 0 })) };
  const decoded = decodeAnalysis(encodeAnalysis(mixed), TEXT);
  assert.deepEqual(
    decoded?.claims.map((c) => c.prominent),
    mixed.claims.map((c) => c.prominent),
  );
});

test('dates and amounts read back from the cache carry their normalized values, relative dates against the article date', () => {
  const text = 'Published 3 March 2025. The council met on Tuesday and approved $2.5 million for the pier.';
  const analysis = analysisOf(analyzeAll(createDetector(MODEL), text, { format: 'plaintext', documentText: text }));
  const values = (a: typeof analysis | undefined) => a?.entities.filter((e) => e.date || e.money).map((e) => [e.text, e.date, e.money]);
  assert.deepEqual(values(analysis)?.length, 3, 'the article date, the relative date and the amount');
  assert.deepEqual(values(decodeAnalysis(encodeAnalysis(analysis), text)), values(analysis));
});

test('a date or amount whose value does not follow from its own text keeps the value the detector gave it through the cache', () => {
  // As the detector gives them: a relative date against a dateline the mentions do not hold (read from the head of a
  // longer text), and an amount whose currency came from the grammar's wider span ("$ 18 a barrel").
  const text = 'The board met on Tuesday. Oil sold at 18 a barrel.';
  const analysis: Analysis = {
    entities: [
      { start: 17, end: 24, text: 'Tuesday', type: 'Date', origin: 'model', date: { kind: 'relative', iso: '2025-02-25' } },
      { start: 38, end: 40, text: '18', type: 'Money', origin: 'pattern', money: { currency: 'USD', amount: 18 } },
      { start: 4, end: 9, text: 'board', type: 'Organization', origin: 'model' },
    ],
    claims: [],
  };
  const decoded = decodeAnalysis(encodeAnalysis(analysis), text);
  assert.deepEqual(decoded?.entities, analysis.entities);
  // A stored value that is no JSON object is a damaged entry: the article is analysed again.
  const bytes = new Int32Array(encodeAnalysis(analysis).buffer);
  const at = bytes.indexOf('{'.charCodeAt(0));
  bytes[at] = 'x'.charCodeAt(0);
  assert.equal(decodeAnalysis(new Uint8Array(bytes.buffer), text), undefined);
});

/** Indexes articles twice: as analysed, and as a reopen gives them (analysis and features read back from the cache's encodings). */
function indexBothWays(articles: { path: string; text: string }[]) {
  const detector = createDetector(MODEL);
  const fresh = createCorpusIndex();
  const fromCache = createCorpusIndex();
  /** Fed the decoded analysis without features (as when they cannot be read): the index reads the claims itself. */
  const decodedOnly = createCorpusIndex();
  for (const { path, text } of articles) {
    const analysis = analysisOf(analyzeAll(detector, text, { format: 'plaintext', documentText: text }));
    fresh.updateDocument(path, text, analysis, null);
    const decoded = decodeAnalysis(encodeAnalysis(analysis), text);
    assert.ok(decoded);
    const features = decodeArticleFeatures(encodeArticleFeatures(articleFeatures(text, analysis)), decoded.claims.length);
    assert.ok(features, 'the features read back');
    fromCache.updateDocument(path, text, decoded, null, features);
    decodedOnly.updateDocument(path, text, decoded, null);
  }
  const lookups = (index: typeof fresh) =>
    articles.flatMap(({ path }) => index.claimsOf(path).map((c) => index.claimLookup(path, c.start, c.end)));
  const entities = (index: typeof fresh) => index.entities().map((e) => index.entityLookup(e.entityId ?? e.name));
  return { fresh, fromCache, decodedOnly, lookups, entities };
}

test("the index reads an article's claims from the features the cache kept as it would from the text: same lookups, same groups digest", () => {
  const other = 'Officials denied that 25 fishing boats were damaged by the storm, the coast guard said on Wednesday.';
  const { fresh, fromCache, decodedOnly, lookups, entities } = indexBothWays([
    { path: '0.txt', text: TEXT },
    { path: '1.txt', text: other },
  ]);
  assert.ok(
    lookups(fresh).some((l) => l && l.matches.length + l.contradictions.length > 0),
    'the articles meet',
  );
  assert.deepEqual(lookups(fromCache), lookups(fresh));
  assert.deepEqual(entities(fromCache), entities(fresh));
  assert.deepEqual(fromCache.stats(), fresh.stats());
  for (const index of [fresh, fromCache, decodedOnly]) index.claimGroups();
  assert.equal(fromCache.keptClaimGroups()?.digest, fresh.keptClaimGroups()?.digest, 'kept groups are taken back after a reopen');
  // Scores are kept to a millionth: the digest reads them so, or an article indexed from its editor would never match its cached self.
  assert.equal(decodedOnly.keptClaimGroups()?.digest, fresh.keptClaimGroups()?.digest, 'the same digest from a decoded analysis');
});

/** The shared sample articles (real news, never copied here), where they lie; absent, the test skips. */
const SAMPLES = ['/work/shared/corpus', join(__dirname, '../../../../../shared/corpus')].find((d) => existsSync(d));

test(
  'on the sample articles too, an index fed from the cache answers every claim and entity lookup as one fed from the analysis',
  { skip: SAMPLES ? false : 'no shared corpus' },
  () => {
    const dir = SAMPLES as string;
    const articles = readdirSync(dir)
      .filter((f) => /\.(txt|md)$/.test(f))
      .map((path) => ({ path, text: readFileSync(join(dir, path), 'utf8') }));
    assert.ok(articles.length >= 2);
    const { fresh, fromCache, lookups, entities } = indexBothWays(articles);
    assert.deepEqual(lookups(fromCache), lookups(fresh));
    assert.deepEqual(entities(fromCache), entities(fresh));
    assert.deepEqual(fromCache.claimGroups(), fresh.claimGroups());
  },
);

test('features read back keep their words as stored, and give the index the very terms the features made from the text give', () => {
  // Words negated, and a word told twice in one claim: the stored text's two marks.
  const text = `${TEXT}\nThe Valdoria Harbor Authority denied that the old pier and the east pier were damaged by the storm, officials said.`;
  const analysis = analysisOf(analyzeAll(createDetector(MODEL), text, { format: 'plaintext' }));
  const made = articleFeatures(text, analysis);
  const kept = decodeArticleFeatures(encodeArticleFeatures(made), analysis.claims.length);
  assert.ok(kept && kept.claims.length > 0);
  // No map of stems nor set of negated stems made per claim: a reopen reads 200,000 claims.
  assert.ok(kept.claims.every((c) => 'storedTerms' in c && !('terms' in c)));
  assert.ok(made.claims.some((c) => c.negated.size > 0) && made.claims.some((c) => [...c.terms.values()].some((n) => n > 1)));
  const ids = new Map<string, number>();
  const idOf = (stem: string): number => ids.get(stem) ?? ids.set(stem, ids.size).get(stem)!;
  for (const [i, features] of made.claims.entries()) {
    const places = new Set(['Valdoria']);
    assert.deepEqual(vectorOf(kept.claims[i], idOf, places), vectorOf(features, idOf, places));
  }
});

test('features that do not belong to the analysis are refused: the index reads the claims from the text', () => {
  const analysis = analysisOf(analyzeAll(createDetector(MODEL), TEXT, { format: 'plaintext' }));
  const json = encodeArticleFeatures(articleFeatures(TEXT, analysis));
  assert.ok(decodeArticleFeatures(json, analysis.claims.length));
  assert.equal(decodeArticleFeatures(json, analysis.claims.length + 1), undefined, 'another number of claims');
  assert.equal(decodeArticleFeatures('{not json', analysis.claims.length), undefined, 'damaged');
  assert.equal(decodeArticleFeatures('["d", [[1, 2]]]', 1), undefined, 'not of the shape');
});
