import * as vscode from 'vscode';
import { decodeAnalysis, isUnchanged, type ArticleStamp, type CacheEntry } from '../core/corpus/cache';
import { MAIN_FILE, openCacheStore, type CacheFiles, type CacheStore, type SetAside } from '../core/corpus/cacheStore';
import type { KeptClaimGroups } from '../core/corpus';
import { decodeArticleFeatures, type ArticleFeatures } from '../core/corpus/articleFeatures';
import type { Analysis } from '../core/detect/types';
import { contentHash } from '../core/text/hash';
import { openDatabase } from '../files/sqlite';

/** Changes are written at most this often while the corpus changes (each write is every shard they touched). */
const SAVE_DELAY_MS = 10_000;

/** What a file on disk is now, as the cache compares it. */
export interface FileStamp {
  size: number;
  mtime: number;
}

/**
 * The corpus cache as the editor keeps it: loaded from the workspace storage at start, asked for each
 * article whether its analysis can be reused, told of new analyses, and written back (through a
 * temporary file and a rename) a little after changes. A cache that cannot be trusted is set aside and
 * rebuilt with a line in the output channel; it only ever holds what can be computed again.
 */
export class CorpusCache implements vscode.Disposable {
  private readonly added = new Map<string, CacheEntry>();
  /**
   * Articles whose entry was used (or written) and let go of: the index holds their analysis decoded, and the database
   * holds the entry, read again if it is asked for. Keeping every entry loaded held about 48 MB at 10,000 articles for
   * the whole session. Each path is either here or in `entries`, never both.
   */
  private readonly released = new Map<string, ArticleStamp>();
  private readonly removed = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private saving: Promise<void> = Promise.resolve();
  /** Claim groups computed since the last write, to keep. */
  private groupsToWrite: KeptClaimGroups | undefined;

  private constructor(
    /** Undefined when SQLite could not start here: then nothing is cached and every start analyses everything, as before the cache. */
    private readonly store: CacheStore | undefined,
    private readonly entries: Map<string, CacheEntry>,
    /** The claim groups kept by the last session, if any. */
    private keptGroups: KeptClaimGroups | undefined,
  ) {}

  /**
   * Opens the cache for this workspace (`storage`: the context's storageUri, undefined without a folder:
   * then the cache lives in memory only). `detector` names the model: a cache made with another is rebuilt.
   */
  static async open(
    storage: vscode.Uri | undefined,
    wasm: Uint8Array,
    detector: string,
    log: (message: string) => void,
  ): Promise<CorpusCache> {
    try {
      const store = await openCacheStore(storage ? folderFiles(storage) : memoryFiles(), (bytes) => openDatabase(wasm, bytes), detector);
      for (const aside of store.setAside) log(rebuildMessage(storage ? vscode.Uri.joinPath(storage, aside.file) : undefined, aside));
      return new CorpusCache(store, store.loaded, store.groups);
    } catch (error) {
      log(
        vscode.l10n.t(
          'The corpus cache cannot be used here ({0}): every article is analysed at each start.',
          error instanceof Error ? error.message : String(error),
        ),
      );
      return new CorpusCache(undefined, new Map(), undefined);
    }
  }

  get size(): number {
    return this.entries.size + this.released.size;
  }

  /**
   * The cached analysis, with what the index reads from it, when the article is as it was cached (size and time,
   * else the hash of `text`), else undefined. Features that cannot be read are left for the index to work out.
   */
  async analysisFor(
    path: string,
    stamp: FileStamp,
    text: string,
  ): Promise<{ analysis: Analysis; features: ArticleFeatures | undefined } | undefined> {
    const entry = await this.entry(path, stamp, text);
    if (!entry) return undefined;
    const analysis = decodeAnalysis(entry.analysis, text);
    return analysis && { analysis, features: decodeArticleFeatures(entry.features, analysis.claims.length) };
  }

  /** The article's entry if it is as it was cached: pending a write, loaded, or (released) read again from its shard. */
  private async entry(path: string, stamp: FileStamp, text: string): Promise<CacheEntry | undefined> {
    const pending = this.added.get(path);
    const loaded = this.entries.get(path);
    const known = pending ?? loaded ?? this.released.get(path);
    if (!known || !isUnchanged(known, stamp, () => contentHash(text))) return undefined;
    if (pending) return pending;
    if (!this.store) return loaded;
    this.release(path, known);
    return loaded ?? this.store.readEntry(path);
  }

  /** Lets go of an entry's encoded analysis, keeping what tells whether it is still the article's. */
  private release(path: string, { size, mtime, hash }: ArticleStamp): void {
    this.entries.delete(path);
    this.released.set(path, { size, mtime, hash });
  }

  /** The claim groups kept last (the index takes them only if computed from what it holds now). */
  claimGroups(): KeptClaimGroups | undefined {
    return this.keptGroups;
  }

  /** Keeps newly computed claim groups (written with the next save). */
  rememberClaimGroups(kept: KeptClaimGroups): void {
    if (kept.digest === this.keptGroups?.digest) return;
    this.keptGroups = kept;
    this.groupsToWrite = kept;
    this.scheduleSave();
  }

  remember(entry: CacheEntry): void {
    // Without a database the loaded entries are the only copy; with one, the entry is there once written.
    if (this.store) this.release(entry.path, entry);
    else this.entries.set(entry.path, entry);
    this.added.set(entry.path, entry);
    this.removed.delete(entry.path);
    this.scheduleSave();
  }

  forget(path: string): void {
    if (!this.entries.delete(path) && !this.released.delete(path)) return;
    this.added.delete(path);
    this.removed.add(path);
    this.scheduleSave();
  }

  /** Writes what changed into the shards it touches (and the claim groups into the main file), one write at a time. */
  save(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.saving = this.saving.then(() => this.write());
    return this.saving;
  }

  /** Writes the last changes and closes the database. */
  close(): Promise<void> {
    return this.save().finally(() => this.store?.close());
  }

  dispose(): void {
    // When the window closes a write still running may be lost: the cache is only a cache.
    void this.close();
  }

  private scheduleSave(): void {
    this.timer ??= setTimeout(() => void this.save(), SAVE_DELAY_MS);
  }

  private async write(): Promise<void> {
    if (!this.store || (!this.added.size && !this.removed.size && !this.groupsToWrite)) return;
    const changes = { added: [...this.added.values()], removed: [...this.removed], groups: this.groupsToWrite };
    this.added.clear();
    this.removed.clear();
    this.groupsToWrite = undefined;
    await this.store.write(changes);
  }
}

/** The workspace storage folder as the cache's files (created at the first write). */
function folderFiles(folder: vscode.Uri): CacheFiles {
  const uri = (name: string) => vscode.Uri.joinPath(folder, name);
  return {
    read: (name) =>
      Promise.resolve(vscode.workspace.fs.readFile(uri(name))).then(
        (bytes) => bytes,
        () => undefined,
      ),
    async write(name, bytes) {
      await vscode.workspace.fs.createDirectory(folder);
      const temp = uri(`${name}.${Math.random().toString(36).slice(2, 10)}.tmp`);
      await vscode.workspace.fs.writeFile(temp, bytes);
      await vscode.workspace.fs.rename(temp, uri(name), { overwrite: true });
    },
    remove: (name) =>
      Promise.resolve(vscode.workspace.fs.delete(uri(name))).then(
        () => undefined,
        () => undefined,
      ),
    list: () =>
      Promise.resolve(vscode.workspace.fs.readDirectory(folder)).then(
        (entries) => entries.filter(([, type]) => type === vscode.FileType.File).map(([name]) => name),
        () => [],
      ),
  };
}

/** Files kept in memory, for a window without a folder: the cache lasts as long as the window. */
function memoryFiles(): CacheFiles {
  const files = new Map<string, Uint8Array>();
  return {
    read: (name) => Promise.resolve(files.get(name)),
    write: (name, bytes) => Promise.resolve(void files.set(name, bytes)),
    remove: (name) => Promise.resolve(void files.delete(name)),
    list: () => Promise.resolve([...files.keys()]),
  };
}

function rebuildMessage(file: vscode.Uri | undefined, { file: name, check }: SetAside): string {
  const why = {
    damaged: vscode.l10n.t('it is damaged ({0})', check.detail),
    version: vscode.l10n.t('it was written by another version of Source Annotator ({0})', check.detail),
    detector: vscode.l10n.t('it was made with another detector model'),
    foreign: vscode.l10n.t('it is not a Source Annotator cache ({0})', check.detail),
  }[check.problem];
  return name === MAIN_FILE
    ? vscode.l10n.t(
        'The corpus cache {0} was not used: {1}. It is rebuilt from the articles; no article or tag is affected.',
        file?.fsPath || name,
        why,
      )
    : vscode.l10n.t(
        'A part of the corpus cache, {0}, was not used: {1}. Its articles are analysed again; no article or tag is affected.',
        file?.fsPath || name,
        why,
      );
}
