import {
  checkCache,
  createCache,
  damagedCheck,
  forgetCacheEntries,
  readCache,
  readCacheEntry,
  readClaimGroups,
  writeCacheEntries,
  writeClaimGroups,
  type CacheCheck,
  type CacheEntry,
} from './cache';
import type { SqlDatabase } from './sql';
import type { KeptClaimGroups } from './types';

/**
 * The corpus cache kept as several SQLite files rather than one: the claim groups and what the cache was made with in
 * the main file, the articles' entries in shards of at most SHARD_ENTRIES each, filled in the order articles come. sql.js
 * keeps a database in memory and can only give the whole file back, so one file meant writing the whole cache at each
 * save (64 MB at 10,000 articles, about 640 MB at 100,000), the extension host's thread busy copying it. Now a save writes
 * the shards it changed (a first index fills one shard after another, so each save writes about the articles indexed
 * since the last), and a damaged shard costs its own articles only.
 */

/** Entries a shard takes before the next is begun: about 6 MB of wire copy's analyses. */
export const SHARD_ENTRIES = 1000;
/** Shards kept open between reads and writes; the others are read from their files when asked for. */
const MAX_OPEN_SHARDS = 2;
/** The main file: what the cache was made with (checked first: another version or detector rebuilds the whole cache), and the claim groups. */
export const MAIN_FILE = 'corpus-cache.sqlite';
const SHARD_NAME = /^corpus-cache-(\d{1,9})\.sqlite$/;
const shardFile = (n: number): string => `corpus-cache-${n}.sqlite`;
/** Left by a write the window closed in the middle of (see CacheFiles.write). */
const TEMPORARY_NAME = /^corpus-cache(?:-\d{1,9})?\.sqlite\..*\.tmp$/;

/** A database the store can save: the core's SqlDatabase with the whole file's bytes. */
export interface CacheDatabase extends SqlDatabase {
  bytes(): Uint8Array;
  close(): void;
}

/** Opens a database from a file's bytes, or a new empty one (sql.js in the editor, the CLI and the benches). */
export type OpenCacheDatabase = (bytes?: Uint8Array) => Promise<CacheDatabase>;

/** The cache's folder as the editor (workspace.fs) or a script (node:fs) reaches it. */
export interface CacheFiles {
  /** The file's bytes; undefined when there is none. */
  read(name: string): Promise<Uint8Array | undefined>;
  /** Replaces the file whole: through a temporary file `NAME.RANDOM.tmp` and a rename, so a reader never meets half of it. */
  write(name: string, bytes: Uint8Array): Promise<void>;
  remove(name: string): Promise<void>;
  /** The names of the files in the folder (none when it does not exist). */
  list(): Promise<string[]>;
}

/** A file of the cache that was set aside and is rebuilt: why, and whether it was the main one (then every entry went with it). */
export interface SetAside {
  file: string;
  check: Exclude<CacheCheck, { ok: true }>;
}

export interface CacheStore {
  /** Every entry found at open, by path: the caller takes them over (the store keeps each one's shard only). */
  readonly loaded: Map<string, CacheEntry>;
  /** The claim groups found at open. */
  readonly groups: KeptClaimGroups | undefined;
  /** The files set aside at open, to tell the researcher. */
  readonly setAside: readonly SetAside[];
  /** An entry read again from its shard (undefined when the store has none for the path). */
  readEntry(path: string): Promise<CacheEntry | undefined>;
  /** Writes the changes: the shards they touch and, with groups, the main file; nothing else is rewritten. */
  write(changes: { added: readonly CacheEntry[]; removed: readonly string[]; groups?: KeptClaimGroups }): Promise<WriteFigures>;
  close(): void;
}

/** What a write wrote: files and bytes, and the time spent making the files' bytes (on the caller's thread). */
export interface WriteFigures {
  files: number;
  bytes: number;
  exportMs: number;
}

/**
 * Opens the cache in `files` for this detector. A main file of another version, of another detector, or damaged sets
 * the whole cache aside (every file removed, an empty main file written at once, so the next start does not meet it
 * again); without a main file no shard is trusted either; a shard that cannot be read sets aside that shard only.
 * Temporary files left by an interrupted write are removed.
 */
export async function openCacheStore(
  files: CacheFiles,
  open: OpenCacheDatabase,
  detector: string,
  shardEntries = SHARD_ENTRIES,
): Promise<CacheStore> {
  const setAside: SetAside[] = [];
  const names = await files.list();
  for (const name of names) if (TEMPORARY_NAME.test(name)) await files.remove(name);
  const shardNumbers = names
    .map((name) => SHARD_NAME.exec(name)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b);

  const main = await readable(files, MAIN_FILE, open, detector);
  /** Whether the main file on disk is this one: shards are only trusted beside it, so it is written before any shard. */
  let mainOnDisk = main.ok;
  let mainDb: CacheDatabase;
  if (main.ok) mainDb = main.db;
  else {
    if (main.check) setAside.push({ file: MAIN_FILE, check: main.check });
    for (const n of shardNumbers) await files.remove(shardFile(n));
    shardNumbers.length = 0;
    mainDb = await open();
    createCache(mainDb, detector);
    if (main.check) {
      await files.write(MAIN_FILE, mainDb.bytes());
      mainOnDisk = true;
    }
  }
  const groups = readGroups(mainDb);

  /** Entries by shard: the shards on disk, and those begun since (written by the write that begins them). */
  const counts = new Map<number, number>();
  const shardOf = new Map<string, number>();
  const loaded = new Map<string, CacheEntry>();
  /** The shards open in memory, least recently used first: sql.js holds an open database whole, 6 MB a shard. */
  const openShards = new Map<number, CacheDatabase>();
  const opening = new Map<number, Promise<CacheDatabase>>();

  /** Closes the least recently used shards until another can be opened. */
  const makeRoom = (): void => {
    for (const [oldest, old] of openShards) {
      if (openShards.size < MAX_OPEN_SHARDS) break;
      old.close();
      openShards.delete(oldest);
    }
  };
  const closeShard = (n: number): void => {
    openShards.get(n)?.close();
    openShards.delete(n);
  };
  /** A shard's database, opened from its file; an empty one when the file is gone or no longer readable (its entries are then lost, and analysed again). */
  const shardDb = (n: number): Promise<CacheDatabase> => {
    const db = openShards.get(n);
    if (db) {
      openShards.delete(n);
      openShards.set(n, db);
      return Promise.resolve(db);
    }
    let pending = opening.get(n);
    if (!pending) {
      makeRoom();
      pending = readable(files, shardFile(n), open, detector)
        .then(async (file) => {
          if (file.ok) return file.db;
          const fresh = await open();
          createCache(fresh, detector);
          return fresh;
        })
        .then((opened) => {
          makeRoom();
          openShards.set(n, opened);
          return opened;
        })
        .finally(() => opening.delete(n));
      opening.set(n, pending);
    }
    return pending;
  };

  for (const n of shardNumbers) {
    const shard = await readable(files, shardFile(n), open, detector);
    const entries = shard.ok ? readEntries(shard.db) : undefined;
    if (shard.ok) shard.db.close();
    if (!shard.ok || !entries?.ok) {
      const check = !shard.ok ? shard.check : entries && !entries.ok ? entries.check : undefined;
      if (check) setAside.push({ file: shardFile(n), check });
      await files.remove(shardFile(n));
      continue;
    }
    counts.set(n, entries.entries.length);
    // A path in two shards (a write cut between two files): the later shard's entry, which the stamp check still
    // verifies. The earlier copy is never read: at every open the later shard wins again.
    for (const entry of entries.entries) {
      const before = shardOf.get(entry.path);
      if (before !== undefined) counts.set(before, counts.get(before)! - 1);
      shardOf.set(entry.path, n);
      loaded.set(entry.path, entry);
    }
  }

  /** The shard a new entry goes to: the last one while it has room, else a new one. */
  const shardForNew = (): number => {
    const last = Math.max(-1, ...counts.keys());
    if (last >= 0 && counts.get(last)! < shardEntries) return last;
    counts.set(last + 1, 0);
    return last + 1;
  };

  return {
    loaded,
    groups,
    setAside,
    async readEntry(path) {
      const n = shardOf.get(path);
      return n === undefined ? undefined : readCacheEntry(await shardDb(n), path);
    },

    async write({ added, removed, groups: newGroups }) {
      const removedFrom = new Map<number, string[]>();
      for (const path of removed) {
        const n = shardOf.get(path);
        if (n === undefined) continue;
        counts.set(n, counts.get(n)! - 1);
        shardOf.delete(path);
        push(removedFrom, n, path);
      }
      const addedTo = new Map<number, CacheEntry[]>();
      for (const entry of added) {
        let n = shardOf.get(entry.path);
        if (n === undefined) {
          n = shardForNew();
          counts.set(n, counts.get(n)! + 1);
          shardOf.set(entry.path, n);
        }
        push(addedTo, n, entry);
      }

      const figures: WriteFigures = { files: 0, bytes: 0, exportMs: 0 };
      const save = async (name: string, db: CacheDatabase): Promise<void> => {
        const started = performance.now();
        const bytes = db.bytes();
        figures.exportMs += performance.now() - started;
        await files.write(name, bytes);
        figures.files++;
        figures.bytes += bytes.length;
      };
      if (newGroups) writeClaimGroups(mainDb, newGroups);
      if (newGroups || !mainOnDisk) await save(MAIN_FILE, mainDb);
      mainOnDisk = true;
      // One shard at a time, each written before the next is opened: at most MAX_OPEN_SHARDS are ever in memory.
      for (const n of [...new Set([...removedFrom.keys(), ...addedTo.keys()])].sort((a, b) => a - b)) {
        if (counts.get(n) === 0) {
          closeShard(n);
          counts.delete(n);
          await files.remove(shardFile(n));
          continue;
        }
        const db = await shardDb(n);
        forgetCacheEntries(db, removedFrom.get(n) ?? []);
        writeCacheEntries(db, addedTo.get(n) ?? []);
        await save(shardFile(n), db);
      }
      return figures;
    },

    close() {
      mainDb.close();
      for (const n of [...openShards.keys()]) closeShard(n);
    },
  };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A file opened and checked: `ok` with its database, or not (`check` says why; undefined when there is no such file). */
async function readable(
  files: CacheFiles,
  name: string,
  open: OpenCacheDatabase,
  detector: string,
): Promise<{ ok: true; db: CacheDatabase } | { ok: false; check: SetAside['check'] | undefined }> {
  const bytes = await files.read(name);
  if (!bytes) return { ok: false, check: undefined };
  let db: CacheDatabase;
  try {
    db = await open(bytes);
  } catch (error) {
    return { ok: false, check: damagedCheck(error) };
  }
  const check = checkCache(db, detector);
  if (check.ok) return { ok: true, db };
  db.close();
  return { ok: false, check };
}

/** A shard's entries; a file SQLite finds damaged while reading is reported so, not half read. */
function readEntries(db: CacheDatabase): { ok: true; entries: CacheEntry[] } | { ok: false; check: SetAside['check'] } {
  try {
    return { ok: true, entries: [...readCache(db).values()] };
  } catch (error) {
    return { ok: false, check: damagedCheck(error) };
  }
}

/** The kept claim groups; groups that cannot be read are computed again, so they are no reason to set the cache aside. */
function readGroups(db: CacheDatabase): KeptClaimGroups | undefined {
  try {
    return readClaimGroups(db);
  } catch {
    return undefined;
  }
}
