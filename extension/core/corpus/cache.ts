import { firstFullDate, normalizeDate, normalizeMoney, type DateValue, type MoneyValue } from '../detect/temporal';
import { ENTITY_TYPES, type Analysis, type ClaimMention, type EntityMention, type Span } from '../detect/types';
import { inTransaction, type SqlDatabase, type SqlValue } from './sql';
import type { KeptClaimGroups } from './types';

/**
 * The corpus cache: what the detector found in each article, kept in an SQLite database in the
 * editor's workspace storage, so that reopening a workspace re-analyses only the articles whose
 * content changed (size and modification time first, then the content hash). Derived data only:
 * the articles and their sidecars stay the truth, so a cache that is damaged, from another version
 * or from another detector is rebuilt, never trusted, and nothing is lost by rebuilding it. Each file
 * of the cache (see cacheStore.ts) is such a database; the functions here read and write one.
 */

/**
 * Bumped whenever the tables or the encoding below change, or what they keep would be computed otherwise (6: claim
 * groups no longer join claims that contradict each other; 7: a clause referring back to an event is about who
 * suffered it, which changes contradictions and so the groups kept; 8: a claim joins a group only by matching more
 * than half of it; 9: a title written out, "Mister", is left out of a person's name as "Mr." is; a new model is
 * caught by the detector's signature; 10: an attribution cue with neither source nor content, or a passive verb opening a
 * relative clause without a source, is no attribution; 11: a claim joins a group only as the same claim as each of
 * its first members, an article denies a group only by contradicting its claim, and "broke into" asserts a breach; 12:
 * the entries kept in shards beside the main file, see cacheStore.ts; 13: a date's or amount's value stored when it does
 * not follow from the mention's text): a cache of another version is rebuilt.
 */
export const CACHE_VERSION = 13;
/** Marks the file as this extension's cache (SQLite's application_id), so a stranger's database is not read as one. */
const APPLICATION_ID = 0x5341_4331;

export interface ArticleStamp {
  /** Bytes on disk. */
  size: number;
  /** Last modification, milliseconds since 1970. */
  mtime: number;
  /** contentHash of the text the analysis was made from. */
  hash: string;
}

export interface CacheEntry extends ArticleStamp {
  path: string;
  format: 'markdown' | 'plaintext';
  /** The analysis, encoded (see encodeAnalysis); decoded against the article's text when it is needed. */
  analysis: Uint8Array;
  /** What the index reads from the text and the analysis (see encodeArticleFeatures), so a reopen does not read it again. */
  features: string;
}

export type CacheCheck = { ok: true } | { ok: false; problem: 'damaged' | 'version' | 'detector' | 'foreign'; detail: string };

const SCHEMA = `
CREATE TABLE cache_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE cached_articles (
  path TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  mtime INTEGER NOT NULL,
  hash TEXT NOT NULL,
  format TEXT NOT NULL,
  analysis BLOB NOT NULL,
  features TEXT NOT NULL
);
CREATE TABLE cached_claim_groups (digest TEXT NOT NULL, groups TEXT NOT NULL);`;

/**
 * Whether a database is a cache this build may read: ours (application id), of this version and written
 * for this detector (`detector`: a signature of the model, since another model finds other things). A file
 * that is no database at all throws in sql.js: damaged too. SQLite's integrity check is not run here: it reads
 * every page, which cost a reopen more than anything else the cache saves; a damaged page is met when the
 * entries are read instead (see openCacheStore), and each entry is checked against its article when decoded.
 */
export function checkCache(db: SqlDatabase, detector: string): CacheCheck {
  try {
    const appId = Number(db.all('PRAGMA application_id')[0]?.application_id ?? 0);
    const version = Number(db.all('PRAGMA user_version')[0]?.user_version ?? 0);
    if (appId !== APPLICATION_ID) return { ok: false, problem: 'foreign', detail: `application id ${appId}` };
    if (version !== CACHE_VERSION)
      return { ok: false, problem: 'version', detail: `version ${version}, this build reads ${CACHE_VERSION}` };
    const written = db.all("SELECT value FROM cache_meta WHERE key = 'detector'")[0]?.value;
    if (written !== detector) return { ok: false, problem: 'detector', detail: `made with detector ${String(written)}` };
    return { ok: true };
  } catch (error) {
    return damagedCheck(error);
  }
}

/** A database SQLite could not read, with its message. */
export function damagedCheck(error: unknown): Exclude<CacheCheck, { ok: true }> {
  return { ok: false, problem: 'damaged', detail: error instanceof Error ? error.message : String(error) };
}

/** Makes an empty cache in an empty database (a new one, or one whose contents were judged unusable and dropped). */
export function createCache(db: SqlDatabase, detector: string): void {
  db.exec(`PRAGMA application_id = ${APPLICATION_ID}; PRAGMA user_version = ${CACHE_VERSION};`);
  db.exec(SCHEMA);
  db.run("INSERT INTO cache_meta (key, value) VALUES ('detector', ?)", [detector]);
}

const ENTRY_COLUMNS = 'path, size, mtime, hash, format, analysis, features';

/** Every cached article, by path (the analysis still encoded: decoding waits until the article's text is read). */
export function readCache(db: SqlDatabase): Map<string, CacheEntry> {
  const out = new Map<string, CacheEntry>();
  for (const row of db.all(`SELECT ${ENTRY_COLUMNS} FROM cached_articles`)) {
    const entry = entryOf(row);
    if (entry) out.set(entry.path, entry);
  }
  return out;
}

/** One cached article, or undefined when the cache has none (or a damaged row) for it. */
export function readCacheEntry(db: SqlDatabase, path: string): CacheEntry | undefined {
  const [row] = db.all(`SELECT ${ENTRY_COLUMNS} FROM cached_articles WHERE path = ?`, [path]);
  return row && entryOf(row);
}

function entryOf(row: Record<string, SqlValue>): CacheEntry | undefined {
  if (!(row.analysis instanceof Uint8Array)) return undefined;
  const { size, mtime, hash, analysis, features } = row;
  const format = row.format === 'markdown' ? 'markdown' : 'plaintext';
  return {
    path: String(row.path),
    size: Number(size),
    mtime: Number(mtime),
    hash: String(hash),
    format,
    analysis,
    features: String(features),
  };
}

/** Adds or replaces articles' entries, in one transaction. */
export function writeCacheEntries(db: SqlDatabase, entries: readonly CacheEntry[]): void {
  if (!entries.length) return;
  const insert = db.prepare(
    'INSERT OR REPLACE INTO cached_articles (path, size, mtime, hash, format, analysis, features) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  try {
    inTransaction(db, () => {
      for (const e of entries) insert.run([e.path, e.size, e.mtime, e.hash, e.format, e.analysis, e.features]);
    });
  } finally {
    insert.free();
  }
}

export function forgetCacheEntries(db: SqlDatabase, paths: readonly string[]): void {
  if (!paths.length) return;
  const remove = db.prepare('DELETE FROM cached_articles WHERE path = ?');
  try {
    inTransaction(db, () => {
      for (const path of paths) remove.run([path]);
    });
  } finally {
    remove.free();
  }
}

/**
 * The claim groups last computed (see CorpusIndex.keptClaimGroups): computing them reads every claim's
 * candidates with a model, so a reopened workspace whose articles did not change takes them from here.
 * Undefined when none are kept or they cannot be read (then they are computed again).
 */
export function readClaimGroups(db: SqlDatabase): KeptClaimGroups | undefined {
  const row = db.all('SELECT digest, groups FROM cached_claim_groups')[0];
  if (!row) return undefined;
  try {
    const kept = JSON.parse(String(row.groups)) as { paths: string[]; groups: KeptClaimGroups['groups'] };
    return Array.isArray(kept.paths) && Array.isArray(kept.groups) ? { digest: String(row.digest), ...kept } : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps the groups in place of those kept before. */
export function writeClaimGroups(db: SqlDatabase, kept: KeptClaimGroups): void {
  inTransaction(db, () => {
    db.run('DELETE FROM cached_claim_groups');
    db.run('INSERT INTO cached_claim_groups (digest, groups) VALUES (?, ?)', [
      kept.digest,
      JSON.stringify({ paths: kept.paths, groups: kept.groups }),
    ]);
  });
}

/**
 * Whether an article is as it was cached: same size and modification time; or, when only the time
 * differs (a touch, a checkout rewriting the same bytes), the same content hash. `hashNow` is only
 * called then, since hashing every article at each start would cost what the cache saves.
 */
export function isUnchanged(cached: ArticleStamp | undefined, now: { size: number; mtime: number }, hashNow: () => string): boolean {
  if (!cached || cached.size !== now.size) return false;
  return cached.mtime === now.mtime || cached.hash === hashNow();
}

const ORIGINS: readonly EntityMention['origin'][] = ['model', 'pattern', 'knowledge'];
/**
 * One mention: start, end, type, and its origin plus 8 times the length of its stored value (0 for none), then the
 * value's JSON as UTF-16 code units: a date or amount whose value is not what the cache would work out again from its
 * text (see storedValue). In the origin's integer, so the few stored values cost the others nothing.
 */
const ENTITY_INTS = 4;
const ORIGIN_BITS = 3;
/**
 * One claim before its hedges: start, end, score in millionths, prominence (1, 0; -1 when unset),
 * source, cue and content (start, end; -1 when none), hedge count.
 */
const CLAIM_INTS = 11;

/**
 * An analysis as 32-bit integers (a few hundred bytes an article): offsets only, since every span's text
 * is the article's text between them, so the cache never holds a second copy of the corpus.
 */
export function encodeAnalysis(analysis: Analysis): Uint8Array {
  const anchor = articleDateOf(analysis.entities);
  const stored = analysis.entities.map((e) => storedValue(e, anchor));
  let length = 2 + analysis.entities.length * ENTITY_INTS + stored.reduce((sum, value) => sum + value.length, 0);
  for (const c of analysis.claims) length += CLAIM_INTS + 2 * c.hedges.length;
  const out = new Int32Array(length);
  let at = 0;
  out[at++] = analysis.entities.length;
  analysis.entities.forEach((e, i) => {
    out[at++] = e.start;
    out[at++] = e.end;
    out[at++] = ENTITY_TYPES.indexOf(e.type);
    out[at++] = ORIGINS.indexOf(e.origin) + (stored[i].length << ORIGIN_BITS);
    for (let k = 0; k < stored[i].length; k++) out[at++] = stored[i].charCodeAt(k);
  });
  out[at++] = analysis.claims.length;
  const span = (s: Span | null): void => {
    out[at++] = s ? s.start : -1;
    out[at++] = s ? s.end : -1;
  };
  for (const c of analysis.claims) {
    span(c);
    out[at++] = Math.round(c.score * 1e6);
    out[at++] = c.prominent === undefined ? -1 : Number(c.prominent);
    span(c.source);
    span(c.cue);
    span(c.content);
    out[at++] = c.hedges.length;
    for (const h of c.hedges) span(h);
  }
  return new Uint8Array(out.buffer);
}

/** Reads the integers of an encoded analysis in order. */
interface IntReader {
  ints: Int32Array;
  /** The next integer; NaN past the end. */
  next(): number;
  /** A span of the text; null for an optional span stored as none; undefined when it is not a span of this text. */
  span(optional: boolean): Span | null | undefined;
  /** How many integers were read. */
  read(): number;
}

function intReader(ints: Int32Array, text: string): IntReader {
  let at = 0;
  const next = (): number => (at < ints.length ? ints[at++] : Number.NaN);
  return {
    ints,
    next,
    read: () => at,
    span(optional) {
      const start = next();
      const end = next();
      if (optional && start === -1 && end === -1) return null;
      if (!(start >= 0 && start <= end && end <= text.length)) return undefined;
      return { start, end, text: text.slice(start, end) };
    },
  };
}

/**
 * The analysis back, its spans' text read from the article; undefined when the bytes do not make a
 * sound analysis of that text (a damaged entry, or one for another text): then the article is analysed again.
 */
export function decodeAnalysis(bytes: Uint8Array, text: string): Analysis | undefined {
  if (bytes.byteLength % 4 !== 0) return undefined;
  // Read in place when the bytes are aligned for 32-bit integers (as SQLite's blobs come): a reopen decodes every article.
  const ints =
    bytes.byteOffset % 4 === 0
      ? new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4)
      : new Int32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const reader = intReader(ints, text);
  const entities = decodeEntities(reader);
  const claims = entities && decodeClaims(reader);
  return entities && claims && reader.read() === reader.ints.length ? { entities, claims } : undefined;
}

function decodeEntities(reader: IntReader): EntityMention[] | undefined {
  const entities: EntityMention[] = [];
  const entityCount = reader.next();
  if (!(entityCount >= 0 && entityCount * ENTITY_INTS < reader.ints.length)) return undefined;
  const stored = new Map<EntityMention, string>();
  // Object literals of one shape, not spreads: a reopened workspace decodes every article's analysis.
  for (let i = 0; i < entityCount; i++) {
    const span = reader.span(false);
    const type = ENTITY_TYPES[reader.next()];
    const originAndValue = reader.next();
    const origin = ORIGINS[originAndValue & ((1 << ORIGIN_BITS) - 1)];
    const valueLength = originAndValue >>> ORIGIN_BITS;
    if (!span || !type || !origin || !(valueLength >= 0 && reader.read() + valueLength <= reader.ints.length)) return undefined;
    const entity: EntityMention = { start: span.start, end: span.end, text: span.text, type, origin };
    entities.push(entity);
    if (valueLength > 0) stored.set(entity, String.fromCharCode(...reader.ints.subarray(reader.read(), reader.read() + valueLength)));
    for (let k = 0; k < valueLength; k++) reader.next();
  }
  return restoreValues(entities, stored) ? entities : undefined;
}

function decodeClaims(reader: IntReader): ClaimMention[] | undefined {
  const claims: ClaimMention[] = [];
  const claimCount = reader.next();
  if (!(claimCount >= 0)) return undefined;
  for (let i = 0; i < claimCount; i++) {
    const s = reader.span(false);
    const score = reader.next() / 1e6;
    const prominence = reader.next();
    const source = reader.span(true);
    const cue = reader.span(true);
    const content = reader.span(true);
    const hedgeCount = reader.next();
    if (
      !s ||
      source === undefined ||
      cue === undefined ||
      content === undefined ||
      !(score >= 0 && score <= 1) ||
      !(prominence >= -1 && prominence <= 1) ||
      !(hedgeCount >= 0 && reader.read() + 2 * hedgeCount <= reader.ints.length)
    )
      return undefined;
    const hedges: Span[] = [];
    for (let h = 0; h < hedgeCount; h++) {
      const hedge = reader.span(false);
      if (!hedge) return undefined;
      hedges.push(hedge);
    }
    claims.push({
      start: s.start,
      end: s.end,
      text: s.text,
      score,
      source,
      cue,
      content,
      hedges,
      ...(prominence !== -1 && { prominent: prominence === 1 }),
    });
  }
  return claims;
}

/** Values already worked out, by mention text (amounts) or article date and text (dates): a corpus repeats them. */
const MAX_REMEMBERED_VALUES = 50_000;
let moneyValues = new Map<string, MoneyValue>();
let dateValues = new Map<string, DateValue>();

function moneyValue(text: string): MoneyValue {
  let value = moneyValues.get(text);
  if (!value) {
    if (moneyValues.size >= MAX_REMEMBERED_VALUES) moneyValues = new Map();
    moneyValues.set(text, (value = normalizeMoney(text)));
  }
  return value;
}

function dateValue(text: string, anchor?: string): DateValue {
  const key = anchor ? `${anchor} ${text}` : text;
  let value = dateValues.get(key);
  if (!value) {
    if (dateValues.size >= MAX_REMEMBERED_VALUES) dateValues = new Map();
    dateValues.set(key, (value = normalizeDate(text, anchor)));
  }
  return value;
}

/**
 * Dates and amounts get their normalized values back: most follow from the mention's text and the article's date, the
 * first full date among its mentions (read from the mentions, not by scanning the text again: a reopen decodes every
 * article), so the cache stores offsets only. The others were stored (see storedValue). The values worked out are
 * shared between mentions of the same text: nothing changes them. False when a stored value cannot be read.
 */
function restoreValues(entities: EntityMention[], stored: ReadonlyMap<EntityMention, string>): boolean {
  let anchor: string | undefined | null = null;
  for (const e of entities) {
    const kept = stored.get(e);
    if (kept !== undefined) {
      const value = readValue(kept);
      if (!value) return false;
      if (e.type === 'Money') e.money = value;
      else e.date = value as DateValue;
    } else if (e.type === 'Money') e.money = moneyValue(e.text);
    else if (e.type === 'Date') e.date = dateValue(e.text, anchor === null ? (anchor = articleDateOf(entities)) : anchor);
  }
  return true;
}

/** The article's date as restoreValues takes it. */
function articleDateOf(entities: readonly EntityMention[]): string | undefined {
  return firstFullDate(entities, dateValue);
}

/**
 * A date's or amount's value as JSON when working it out again from the mention's text would give another, else ''. The
 * detector reads the article's date from the head of the whole text and a span's value from the grammar's span under it
 * ("18" of "$ 18 a barrel"), which the mentions alone do not always give back (38 of 840 PolNeAR training articles).
 */
function storedValue(e: EntityMention, anchor: string | undefined): string {
  const value = e.type === 'Money' ? e.money : e.type === 'Date' ? e.date : undefined;
  if (!value) return '';
  const again = e.type === 'Money' ? moneyValue(e.text) : dateValue(e.text, anchor);
  const json = JSON.stringify(value);
  return json === JSON.stringify(again) ? '' : json;
}

/** A stored value back; undefined when it is no JSON object. */
function readValue(json: string): object | undefined {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
