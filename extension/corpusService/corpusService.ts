import * as vscode from 'vscode';
import type { ClaimGroup, CorpusIndex } from '../core/corpus';
import { emptyKnowledgeBase, KB_PATH, readKnowledgeBase, writeKnowledgeBase, type KnowledgeBase } from '../core/corpus/kb';
import { decodeAnalysis, encodeAnalysis } from '../core/corpus/cache';
import { runInSlices } from '../core/corpus/slices';
import { analysisOf, analyzeAll } from '../core/detect/incremental';
import type { Analysis, Detector } from '../core/detect/types';
import { readSidecar } from '../core/sidecar/read';
import { articleGlob, findArticles, findArticlesIn, isArticleUri } from '../settings/config';
import type { Sidecar } from '../core/sidecar/types';
import { contentHash } from '../core/text/hash';
import { analyzeInPool } from '../analysis/run';
import type { WorkerResult } from '../analysis/pool';
import { articleFeatures, decodeArticleFeatures, encodeArticleFeatures, type ArticleFeatures } from '../core/corpus/articleFeatures';
import type { CorpusCache, FileStamp } from './corpusCache';
import type { CorpusIndexing } from './corpusIndexing';
import { isSidecar, readArticleFromDisk, readTextIfExists, sidecarUriFor, writeAtomically } from '../files/sidecarFiles';
import { isInTab, isLong } from '../articles/longArticles';
import type { ArticleState, ArticleStore } from '../articles/articleStore';
import type { SidecarWatcher } from '../sidecarSync/sidecarWatcher';
import type { WorkspaceKnowledge } from '../workspaceKnowledge/workspaceKnowledge';
import { heapUse } from '../env/node';

const REINDEX_DELAY_MS = 400;
/** A long article is re-indexed only after this long without a save or an edit (auto-save saves every second while typing). */
const LONG_REINDEX_DELAY_MS = 5000;
/**
 * A new folder's articles are looked for when it appears and once more this much later: a copy or an unzip may still
 * be writing into it, unwatched (see scanNewFolder).
 */
const NEW_FOLDER_RESCAN_MS = 2000;
/**
 * No new article is indexed once the heap holds this share of its limit: the extension host (4 GB at most under
 * Electron) would otherwise end in an out-of-memory crash that takes every extension with it. The index of 100,000
 * articles of wire copy needs more than that.
 */
const MAX_HEAP_SHARE = 0.75;
/** From this many articles to analyse, indexing shows a notification that can be cancelled; fewer go by in the status bar. */
const MANY_TO_ANALYSE = 200;

/** Where the last indexing of the whole workspace took each article from (tests count them). */
export interface BuildReport {
  cached: Set<string>;
  /** Analysed by the detector while the indexing ran (a change the file watcher saw meanwhile counts once). */
  analysed: Set<string>;
  /** Open in an editor: indexed from what the editor analysed. */
  open: Set<string>;
  /** From the cache, but with claims read again from the text: the features the cache kept for them could not be read. */
  claimsReadAgain: Set<string>;
  /** Whether the claim groups were taken from the cache (computed from exactly what was indexed) rather than left to compute. */
  groupsKept: boolean;
}

/** How long the claim grouping holds the extension host's thread at a time (one claim's candidates may take longer). */
const GROUPING_SLICE_MS = 20;

/**
 * The workspace's corpus: every article indexed in the background (progress in the status bar),
 * kept current by a file watcher and by edits in open editors, and the knowledge base of canonical
 * entities in .source-annotator/entities.json.
 */
export class CorpusService implements vscode.Disposable {
  kb: KnowledgeBase = emptyKnowledgeBase();
  /** Why the knowledge base cannot be changed (unreadable or from a newer version), or null. */
  kbProblem: string | null = null;
  /** The knowledge base file's text as last read or written (null: there was none; undefined: not read yet). */
  private kbText: string | null | undefined;
  private kbTurn: Promise<unknown> = Promise.resolve();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private ready: Promise<void> | undefined;
  /** True once the first indexing of the workspace has finished. */
  isReady = false;
  /** How far the first indexing is: articles indexed so far, of how many. */
  readonly progress = { done: 0, total: 0 };
  private report: BuildReport = emptyReport();
  /** The claim groups last handed to the cache, so each computation is kept once. */
  private keptGroups: ClaimGroup[] | undefined;
  private grouping: Promise<void> | undefined;
  /** Set on dispose: a computing of the claim groups in progress stops at its next pause. */
  private disposed = false;
  /** The heap in use and its limit, in bytes; undefined where it cannot be known (the browser). Tests replace it. */
  heapUse: () => { used: number; limit: number } | undefined = heapUse;
  /** Articles not indexed because the index had taken the memory it may (see MAX_HEAP_SHARE). */
  private readonly leftOut = new Set<string>();

  constructor(
    readonly index: CorpusIndex,
    private readonly knowledge: WorkspaceKnowledge,
    private readonly store: ArticleStore,
    sidecars: SidecarWatcher,
    private readonly detector: () => Detector,
    private readonly indexing: CorpusIndexing,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher(articleGlob());
    const kbWatcher = vscode.workspace.createFileSystemWatcher(`**/${KB_PATH}`);
    const anything = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
    this.disposables.push(
      watcher,
      kbWatcher,
      anything,
      watcher.onDidCreate((uri) => this.schedule(uri)),
      // Open articles are followed through their editor and their saves; the watcher covers the rest.
      watcher.onDidChange((uri) => !this.isOpen(uri) && this.schedule(uri)),
      // Deletions of anything: a deleted folder is reported as the folder alone, not as each article in it.
      anything.onDidDelete((uri) => this.removeUnder(uri)),
      anything.onDidCreate((uri) => void this.scanNewFolder(uri)),
      sidecars.onDidChange((uri) => this.schedule(articleOf(uri))),
      kbWatcher.onDidChange(() => void this.loadKnowledgeBase()),
      kbWatcher.onDidCreate(() => void this.loadKnowledgeBase()),
      // A long article is re-indexed when saved, not after every pause in typing.
      store.onDidChangeArticle((state) => (isLong(state.document) ? this.postpone(state.document.uri) : this.schedule(state.document.uri))),
      vscode.workspace.onDidSaveTextDocument((document) =>
        this.schedule(document.uri, isLong(document) ? LONG_REINDEX_DELAY_MS : REINDEX_DELAY_MS),
      ),
    );
  }

  dispose(): void {
    this.disposed = true;
    for (const timer of this.pending.values()) clearTimeout(timer);
    for (const d of this.disposables) d.dispose();
  }

  /**
   * Indexes the workspace again from an empty index and the cache file, as a new window would, and says what came from
   * where (tests use it). `whileClosed` runs between the two windows, the cache file let go of.
   */
  async reopen(whileClosed?: () => Promise<void>): Promise<BuildReport> {
    await this.whenReady();
    await this.indexing.reopenCache(whileClosed);
    for (const path of this.index.documents()) this.index.removeDocument(path);
    this.isReady = false;
    this.ready = undefined;
    await this.whenReady();
    return this.report;
  }

  /** Writes the cache's pending changes now (tests use it; otherwise a little after changes). */
  async saveCache(): Promise<void> {
    await (await this.indexing.cache()).save();
  }

  cacheFile(): vscode.Uri | undefined {
    return this.indexing.cacheFile();
  }

  /** What indexing told the researcher in the output channel (tests read it). */
  indexingLog(): readonly string[] {
    return this.indexing.logged();
  }

  /**
   * An article's text, format, hash and analysis, from the cache when it is unchanged (`cached`), else analysed again
   * (the Write Corpus Database and export commands).
   */
  async analysed(
    uri: vscode.Uri,
  ): Promise<{ text: string; format: 'markdown' | 'plaintext'; hash: string; analysis: Analysis; cached: boolean } | undefined> {
    const article = await this.readForIndex(uri).catch(() => undefined);
    if (!article) return undefined;
    const cached = this.indexing.usesShippedModel()
      ? await (await this.indexing.cache()).analysisFor(this.pathOf(uri), article.stamp, article.text)
      : undefined;
    const { text, format } = article;
    if (cached) return { text, format, hash: contentHash(text), analysis: cached.analysis, cached: true };
    const fresh = await this.analyse(text, format);
    return { text, format, hash: fresh.result.hash, analysis: fresh.analysis, cached: false };
  }

  /**
   * Claims told in two or more articles (see CorpusIndex.claimGroups), when computed since the last change; else
   * undefined, and they are computed in the background (onDidChange fires when they are ready). Computing them reads
   * every claim's candidates with a model, minutes for 10,000 articles: on the extension host's thread, in slices
   * between which the editor answers. Kept in the cache once computed, so a reopened workspace takes them from there.
   */
  claimGroups(): ClaimGroup[] | undefined {
    const groups = this.index.computedClaimGroups();
    if (!groups) {
      void this.computeClaimGroups();
      return undefined;
    }
    if (groups !== this.keptGroups && this.isReady) {
      this.keptGroups = groups;
      const kept = this.index.keptClaimGroups();
      if (kept) void this.indexing.cache().then((cache) => cache.rememberClaimGroups(kept));
    }
    return groups;
  }

  /** The claim groups of the index as it is once they are computed (again, if it changes meanwhile). */
  async whenClaimGroups(): Promise<ClaimGroup[]> {
    while (!this.disposed) {
      const groups = this.claimGroups();
      if (groups) return groups;
      await this.computeClaimGroups();
    }
    throw new Error('the corpus was closed before its claim groups were computed');
  }

  /** The background computing of the claim groups (one at a time), with its progress in the status bar. */
  private computeClaimGroups(): Promise<void> {
    this.grouping ??= Promise.resolve(
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Grouping claims across articles') },
        async (progress) => {
          let reported = 0;
          await runInSlices(this.index.claimGroupSteps(), {
            sliceMs: GROUPING_SLICE_MS,
            pause: () => new Promise((resolve) => setTimeout(resolve, 0)),
            isCancelled: () => this.disposed,
            onSlice: ({ share }) => {
              const percent = Math.floor(100 * share);
              progress.report({ message: `${percent}%`, increment: percent - reported });
              reported = percent;
            },
          });
        },
      ),
    ).finally(() => {
      this.grouping = undefined;
      // Views waiting for the groups redraw: with them, or, when the index changed meanwhile, to ask again.
      this.changed.fire();
    });
    return this.grouping;
  }

  /** Indexes the workspace once (later calls wait for the same run); never blocks the editor for long. */
  whenReady(): Promise<void> {
    this.ready ??= this.build().then(() => {
      this.isReady = true;
      this.knowledge.indexChanged();
    });
    return this.ready;
  }

  /** The workspace-relative path the index knows an article by. */
  pathOf(uri: vscode.Uri): string {
    return this.knowledge.pathOf(uri);
  }

  uriOf(path: string): vscode.Uri | undefined {
    return this.knowledge.uriOf(path);
  }

  /**
   * Waits for the open articles and for scheduled re-indexing, then for the analyses the index's
   * changes caused (tests use it). The corpus waits on the articles below it, never the other way.
   */
  async idle(): Promise<void> {
    await this.store.idle();
    await this.whenReady();
    while (this.pending.size > 0) {
      // A long article still analysed in slices would only be scheduled again: let its analysis finish first.
      await this.store.idle();
      const uris = [...this.pending.keys()];
      for (const key of uris) {
        clearTimeout(this.pending.get(key));
        this.pending.delete(key);
      }
      // Together, not one after another: a long article read again from disk waits for a worker, and the others
      // should not wait behind it.
      await Promise.all(uris.map((key) => this.update(vscode.Uri.parse(key))));
    }
    this.afterChange();
    await this.store.idle();
  }

  /**
   * Applies a change to the knowledge base as the file is now on disk (a change made outside since the last read is
   * kept) and writes it atomically; refused while the file is unreadable.
   */
  updateKnowledgeBase(change: (kb: KnowledgeBase) => KnowledgeBase): Promise<boolean> {
    return this.inKnowledgeBaseTurn(async () => {
      const folder = vscode.workspace.workspaceFolders?.[0];
      if (!folder) return false;
      const changedOutside = await this.readKnowledgeBaseFile();
      if (this.kbProblem) {
        void vscode.window.showErrorMessage(
          vscode.l10n.t('Source Annotator cannot change {0}: {1}. The file is left untouched.', KB_PATH, this.kbProblem),
        );
        return false;
      }
      try {
        this.kb = change(this.kb);
      } catch (error) {
        // The file as read is known now and the watcher's read of it will be skipped: the index must have it anyway.
        if (changedOutside) {
          this.index.setKnowledgeBase(this.kb);
          this.afterChange();
        }
        throw error;
      }
      const text = writeKnowledgeBase(this.kb);
      const uri = vscode.Uri.joinPath(folder.uri, KB_PATH);
      await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
      await writeAtomically(uri, text);
      this.kbText = text;
      this.index.setKnowledgeBase(this.kb);
      this.afterChange();
      return true;
    });
  }

  /**
   * Runs reads and changes of the knowledge base one after another. The file watcher reads the file again after each
   * write; a read that began before the next write would otherwise put the older file back in memory, and the change
   * after it would build on that and write the loss to disk.
   */
  private inKnowledgeBaseTurn<T>(work: () => Promise<T>): Promise<T> {
    const turn = this.kbTurn.then(work);
    this.kbTurn = turn.catch(() => undefined);
    return turn;
  }

  /**
   * Indexes every article: first those the cache knows unchanged (no analysis: this is what makes a reopened
   * workspace ready in moments), then the others, analysed in worker threads when there are any, with
   * progress and a Cancel button when there are many. The cache is written at the end.
   */
  private async build(): Promise<void> {
    await this.loadKnowledgeBase();
    const cache = await this.indexing.cache();
    const uris = await findArticles();
    this.report = emptyReport();
    this.leftOut.clear();
    const stale: vscode.Uri[] = [];
    this.progress.total = uris.length;
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Source Annotator: indexing articles') },
      async (progress) => {
        for (const [i, uri] of uris.entries()) {
          if (i % 50 === 0) {
            progress.report({ message: vscode.l10n.t('{0} of {1}', i, uris.length) });
            // Let the editor breathe between batches: indexing is background work.
            await new Promise((r) => setTimeout(r, 0));
          }
          if (this.leftOut.size > 0) this.leftOut.add(this.pathOf(uri));
          else if (!(await this.indexFromCache(uri, cache))) stale.push(uri);
          this.progress.done = i + 1;
        }
      },
    );
    if (!stale.length) this.restoreClaimGroups(cache);
    this.afterChange();
    if (stale.length && !this.leftOut.size) await this.analyseAll(stale, cache);
    await cache.save();
    // Articles analysed again to what they were may make the kept groups good again; groups taken above stand unless the
    // index changed meanwhile (checking them again read every member of them a second time).
    if (!this.index.computedClaimGroups()) this.restoreClaimGroups(cache);
    this.afterChange();
  }

  /**
   * Takes the claim groups the cache kept when they were computed from exactly what is indexed now. They are made into
   * claim records when first asked for (see claimGroups), and not handed back to the cache then: it holds them already.
   */
  private restoreClaimGroups(cache: CorpusCache): void {
    const kept = cache.claimGroups();
    if (!kept || !this.index.restoreClaimGroups(kept)) return;
    this.report.groupsKept = true;
  }

  /** Indexes an article from the cache when it is unchanged (or from its editor when open); false when it must be analysed. */
  private async indexFromCache(uri: vscode.Uri, cache: CorpusCache): Promise<boolean> {
    const path = this.pathOf(uri);
    const open = this.openState(uri);
    // An open article whose editor has not finished analysing it (a long one, in slices) is, as saved, the cache's to
    // give: waiting for the editor would leave it out of this run's index, and the kept claim groups with it.
    if (open && (open.document.isDirty || this.store.isAnalysisComplete(open))) {
      await this.update(uri);
      this.report.open.add(path);
      return true;
    }
    if (!this.indexing.usesShippedModel()) return false;
    const article = await this.readForIndex(uri).catch(() => undefined);
    const cached = article && (await cache.analysisFor(path, article.stamp, article.text));
    if (!article || !cached) return false;
    if (!this.indexDocument(path, article.text, cached.analysis, article.sidecar, cached.features)) return true;
    if (!cached.features) this.report.claimsReadAgain.add(path);
    // The file watcher may have analysed it during this run (a change seen meanwhile): then it counts as analysed.
    if (!this.report.analysed.has(path)) this.report.cached.add(path);
    return true;
  }

  /** Analyses articles the cache could not give, in the workers when there are any, else here between breaths. */
  private async analyseAll(uris: vscode.Uri[], cache: CorpusCache): Promise<void> {
    const many = uris.length >= MANY_TO_ANALYSE;
    await vscode.window.withProgress(
      {
        location: many ? vscode.ProgressLocation.Notification : vscode.ProgressLocation.Window,
        title: vscode.l10n.t('Source Annotator: analysing {0} articles', uris.length),
        cancellable: many,
      },
      async (progress, token) => {
        const report = (done: number): void => {
          if (done % 20 === 0)
            progress.report({ message: vscode.l10n.t('{0} of {1}', done, uris.length), increment: (20 * 100) / uris.length });
        };
        const pool = this.indexing.pool();
        let finished = true;
        if (pool) {
          pool.setKnownEntities(this.index.knownEntities());
          finished = await analyzeInPool(pool, uris, {
            read: (uri) => this.readForIndex(uri).catch(() => undefined),
            done: (uri, article, result) => {
              const analysis = decodeAnalysis(result.analysis, article.text);
              if (analysis) this.indexAnalysed(uri, article, analysis, cache, result);
            },
            progress: report,
            isCancelled: () => token.isCancellationRequested || this.leftOut.size > 0,
          });
        } else {
          for (const [i, uri] of uris.entries()) {
            if (token.isCancellationRequested || this.leftOut.size > 0) {
              finished = false;
              break;
            }
            await this.update(uri);
            report(i + 1);
            await new Promise((r) => setTimeout(r, 0));
          }
        }
        if (!finished && !this.leftOut.size)
          this.indexing.log(
            vscode.l10n.t(
              'Indexing was cancelled: {0} of {1} articles were not analysed. They are indexed when they change or when the workspace is opened again.',
              uris.length - this.report.analysed.size,
              uris.length,
            ),
          );
      },
    );
  }

  /** An article on disk as the index reads it: text, format, sidecar and what the cache compares. */
  private async readForIndex(
    uri: vscode.Uri,
  ): Promise<{ text: string; format: 'markdown' | 'plaintext'; sidecar: Sidecar | null; stamp: FileStamp } | undefined> {
    const stat = await vscode.workspace.fs.stat(uri);
    const article = await readArticleFromDisk(uri);
    if (!article) return undefined;
    const side = await readTextIfExists(sidecarUriFor(uri));
    const read = side && readSidecar(side.text, side.bytes);
    return { ...article, sidecar: read && read.ok ? read.sidecar : null, stamp: { size: stat.size, mtime: stat.mtime } };
  }

  /** What the detector finds, with the text's hash and the cache's encoding: in a worker when there is one. */
  private async analyse(text: string, format: 'markdown' | 'plaintext'): Promise<{ analysis: Analysis; result: WorkerResult }> {
    const pool = this.indexing.pool();
    if (pool) {
      pool.setKnownEntities(this.index.knownEntities());
      const result = await pool.analyze(text, format);
      const analysis = decodeAnalysis(result.analysis, text);
      if (analysis) return { analysis, result };
    }
    const analysis = analysisOf(
      analyzeAll(this.detector(), text, { format, knownEntities: this.index.knownEntities(), documentText: text }),
    );
    const features = encodeArticleFeatures(articleFeatures(text, analysis));
    return { analysis, result: { hash: contentHash(text), analysis: encodeAnalysis(analysis), features } };
  }

  private indexAnalysed(
    uri: vscode.Uri,
    article: { text: string; format: 'markdown' | 'plaintext'; sidecar: Sidecar | null; stamp: FileStamp },
    analysis: Analysis,
    cache: CorpusCache,
    result: WorkerResult,
  ): void {
    const path = this.pathOf(uri);
    const features = decodeArticleFeatures(result.features, analysis.claims.length);
    if (!this.indexDocument(path, article.text, analysis, article.sidecar, features)) return;
    if (this.indexing.usesShippedModel()) cache.remember({ path, ...article.stamp, format: article.format, ...result });
    this.report.analysed.add(path);
    this.report.cached.delete(path);
  }

  /** Adds or replaces an article in the index; false when it is new and the index has taken the memory it may. */
  private indexDocument(path: string, text: string, analysis: Analysis, sidecar: Sidecar | null, features?: ArticleFeatures): boolean {
    const heap = this.index.digestOf(path) === undefined ? this.heapUse() : undefined;
    if (heap && heap.used > MAX_HEAP_SHARE * heap.limit) {
      this.leaveOut(path, heap);
      return false;
    }
    this.index.updateDocument(path, text, analysis, sidecar, features);
    this.leftOut.delete(path);
    return true;
  }

  /** Leaves an article out of the index, and says so, once, in a warning and the output channel. */
  private leaveOut(path: string, heap: { used: number; limit: number }): void {
    this.leftOut.add(path);
    if (this.leftOut.size > 1) return;
    const mb = (bytes: number): number => Math.round(bytes / 1048576);
    const message = vscode.l10n.t(
      'Source Annotator stopped indexing at {0} articles: more would take more memory than the editor allows ({1} of {2} MB in use). Hovers, views and the Corpus Overview cover the articles indexed so far; the setting sourceAnnotator.articles can narrow the workspace to the part you study.',
      this.index.documents().length,
      mb(heap.used),
      mb(heap.limit),
    );
    this.indexing.log(message);
    void vscode.window.showWarningMessage(message);
  }

  /** Reads the knowledge base into the index, unless the file is as last read or written (the watcher's echo of a write). */
  private loadKnowledgeBase(): Promise<void> {
    return this.inKnowledgeBaseTurn(async () => {
      const problemBefore = this.kbProblem;
      if (!(await this.readKnowledgeBaseFile())) return;
      if (this.kbProblem && this.kbProblem !== problemBefore)
        void vscode.window.showErrorMessage(
          vscode.l10n.t(
            'Source Annotator cannot use {0}: {1}. The file is left untouched; linking entities is paused.',
            KB_PATH,
            this.kbProblem,
          ),
        );
      this.index.setKnowledgeBase(this.kb);
      this.afterChange();
    });
  }

  /**
   * Reads .source-annotator/entities.json into `kb` (or `kbProblem` when it cannot be used, `kb` then kept as it was).
   * Returns whether the file differs from what was last read or written. A file that cannot be read is a problem, never an
   * empty knowledge base: the next change would otherwise write the empty one over it.
   */
  private async readKnowledgeBaseFile(): Promise<boolean> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) return false;
    let raw: { text: string; bytes: number } | undefined;
    try {
      raw = await readTextIfExists(vscode.Uri.joinPath(folder.uri, KB_PATH));
    } catch (error) {
      this.kbText = undefined;
      this.kbProblem = vscode.l10n.t('it cannot be read ({0})', error instanceof Error ? error.message : String(error));
      return true;
    }
    const text = raw?.text ?? null;
    if (text === this.kbText) return false;
    this.kbText = text;
    if (!raw) {
      this.kb = emptyKnowledgeBase();
      this.kbProblem = null;
      return true;
    }
    const read = readKnowledgeBase(raw.text, raw.bytes);
    if (read.ok) {
      this.kb = read.kb;
      this.kbProblem = null;
    } else {
      this.kbProblem = read.problem;
    }
    return true;
  }

  private schedule(uri: vscode.Uri, delay = REINDEX_DELAY_MS): void {
    if (isSidecar(uri) || !isArticleUri(uri)) return;
    const key = uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        void this.update(uri).then(() => this.afterChange());
      }, delay),
    );
  }

  /** Pushes a long article's pending re-index back while it is being edited: indexing it takes a moment the typist should not feel. */
  private postpone(uri: vscode.Uri): void {
    if (this.pending.has(uri.toString())) this.schedule(uri, LONG_REINDEX_DELAY_MS);
  }

  private isOpen(uri: vscode.Uri): boolean {
    return vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
  }

  /**
   * A folder appeared (a copy, an unzip, a checkout, a folder moved in): its articles are indexed. On Linux the file
   * watcher starts watching a new folder only once it reports it, and never its subfolders created meanwhile, so
   * articles written there at once are never reported (parcel-bundler/watcher#97 and #243; VS Code has no workaround).
   */
  private async scanNewFolder(uri: vscode.Uri): Promise<void> {
    // Articles and sidecars have watchers of their own; most other creations are files, which one stat tells.
    if (isSidecar(uri) || isArticleUri(uri)) return;
    const stat = await vscode.workspace.fs.stat(uri).then(
      (s) => s,
      () => undefined,
    );
    if (!stat || !(stat.type & vscode.FileType.Directory)) return;
    for (const delay of [0, NEW_FOLDER_RESCAN_MS]) {
      if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
      if (this.disposed) return;
      for (const article of await findArticlesIn(uri)) if (this.index.digestOf(this.pathOf(article)) === undefined) this.schedule(article);
    }
  }

  /** The article, or every article in the folder, at `uri` was deleted. */
  private removeUnder(uri: vscode.Uri): void {
    const deleted = this.pathOf(uri);
    const paths = this.index.documents().filter((path) => path === deleted || path.startsWith(`${deleted}/`));
    if (!paths.length) return;
    for (const path of paths) this.index.removeDocument(path);
    void this.indexing.cache().then((cache) => paths.forEach((path) => cache.forget(path)));
    this.afterChange();
  }

  /** The article's editor state, when it is open in an editor. */
  private openState(uri: vscode.Uri): ArticleState | undefined {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    return open && this.store.peek(open);
  }

  /** Indexes one article: from its open editor when open, else from disk. */
  private async update(uri: vscode.Uri): Promise<void> {
    const path = this.pathOf(uri);
    const state = this.openState(uri);
    // VS Code keeps an article's editor open after its file is deleted: the corpus holds files, not editors.
    if (
      state &&
      !(await vscode.workspace.fs.stat(uri).then(
        () => true,
        () => false,
      ))
    ) {
      this.index.removeDocument(path);
      return;
    }
    if (state && this.store.isAnalysisComplete(state)) {
      this.indexDocument(path, state.document.getText(), this.store.analysis(state), state.sidecar);
      return;
    }
    // A long article still being analysed in slices is indexed once its analysis is whole. One in no tab is not
    // analysed further (see AnalysisScheduler): unless edited, it is indexed as saved.
    if (state && (state.document.isDirty || isInTab(state.document))) {
      this.schedule(uri, LONG_REINDEX_DELAY_MS);
      return;
    }
    try {
      const article = await this.readForIndex(uri);
      if (!article) return;
      const cache = await this.indexing.cache();
      const fresh = await this.analyse(article.text, article.format);
      this.indexAnalysed(uri, article, fresh.analysis, cache, fresh.result);
    } catch {
      // A file deleted meanwhile, or unreadable: it simply is not in the index.
      this.index.removeDocument(path);
    }
  }

  /**
   * Tells listeners: the open articles (through the workspace's knowledge) when the names they show changed, once the
   * index is whole; then the views.
   */
  private afterChange(): void {
    if (this.isReady) this.knowledge.indexChanged();
    this.changed.fire();
  }
}

function emptyReport(): BuildReport {
  return { cached: new Set(), analysed: new Set(), open: new Set(), claimsReadAgain: new Set(), groupsKept: false };
}

function articleOf(sidecar: vscode.Uri): vscode.Uri {
  return sidecar.with({ path: sidecar.path.replace(/\.tags\.json$/, '') });
}
