import * as vscode from 'vscode';
import type { CorpusIndex } from '../core/corpus';
import { emptyKnowledgeBase, KB_PATH, readKnowledgeBase, writeKnowledgeBase, type KnowledgeBase } from '../core/corpus/kb';
import { analysisOf, analyzeAll } from '../core/detect/incremental';
import type { Detector } from '../core/detect/types';
import { readSidecar } from '../core/sidecar/read';
import { isSidecar, readArticleFromDisk, readTextIfExists, sidecarUriFor, writeAtomically } from '../files/sidecarFiles';
import { isLong } from '../articles/longArticles';
import type { ArticleState, ArticleStore } from '../articles/articleStore';
import type { SidecarWatcher } from '../sidecarSync/sidecarWatcher';
import type { WorkspaceKnowledge } from '../workspaceKnowledge/workspaceKnowledge';

export const ARTICLE_GLOB = '**/*.{txt,md}';
export const EXCLUDE_GLOB = '{**/node_modules/**,**/.git/**,**/.source-annotator/**}';
const REINDEX_DELAY_MS = 400;
/** A long article is re-indexed only after this long without a save or an edit (auto-save saves every second while typing). */
const LONG_REINDEX_DELAY_MS = 5000;

/**
 * The workspace's corpus: every article indexed in the background (progress in the status bar),
 * kept current by a file watcher and by edits in open editors, and the knowledge base of canonical
 * entities in .source-annotator/entities.json.
 */
export class CorpusService implements vscode.Disposable {
  kb: KnowledgeBase = emptyKnowledgeBase();
  /** Why the knowledge base cannot be changed (unreadable or from a newer version), or null. */
  kbProblem: string | null = null;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private ready: Promise<void> | undefined;
  /** True once the first indexing of the workspace has finished. */
  isReady = false;

  constructor(
    readonly index: CorpusIndex,
    private readonly knowledge: WorkspaceKnowledge,
    private readonly store: ArticleStore,
    sidecars: SidecarWatcher,
    private readonly detector: () => Detector,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher(ARTICLE_GLOB);
    const kbWatcher = vscode.workspace.createFileSystemWatcher(`**/${KB_PATH}`);
    this.disposables.push(
      watcher,
      kbWatcher,
      watcher.onDidCreate((uri) => this.schedule(uri)),
      // Open articles are followed through their editor and their saves; the watcher covers the rest.
      watcher.onDidChange((uri) => !this.isOpen(uri) && this.schedule(uri)),
      watcher.onDidDelete((uri) => this.remove(uri)),
      sidecars.onDidChange((uri) => this.schedule(articleOf(uri))),
      kbWatcher.onDidChange(() => void this.loadKnowledgeBase()),
      kbWatcher.onDidCreate(() => void this.loadKnowledgeBase()),
      // A long article is re-indexed when saved, not after every pause in typing.
      store.onDidChangeArticle((state) => (isLong(state.document) ? this.postpone(state.document.uri) : this.schedule(state.document.uri))),
      vscode.workspace.onDidSaveTextDocument((document) => this.schedule(document.uri, isLong(document) ? LONG_REINDEX_DELAY_MS : REINDEX_DELAY_MS)),
    );
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    for (const d of this.disposables) d.dispose();
  }

  /** Indexes the workspace once (later calls wait for the same run); never blocks the editor for long. */
  whenReady(): Promise<void> {
    this.ready ??= this.build().then(() => {
      this.isReady = true;
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
        await this.update(vscode.Uri.parse(key));
      }
    }
    this.afterChange();
    await this.store.idle();
  }

  /** Applies a change to the knowledge base and writes it (atomically); refused while the file is unreadable. */
  async updateKnowledgeBase(change: (kb: KnowledgeBase) => KnowledgeBase): Promise<boolean> {
    if (this.kbProblem) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Source Annotator cannot change {0}: {1}. The file is left untouched.', KB_PATH, this.kbProblem));
      return false;
    }
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) return false;
    this.kb = change(this.kb);
    const uri = vscode.Uri.joinPath(folder.uri, KB_PATH);
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
    await writeAtomically(uri, writeKnowledgeBase(this.kb));
    this.index.setKnowledgeBase(this.kb);
    this.afterChange();
    return true;
  }

  private async build(): Promise<void> {
    await this.loadKnowledgeBase();
    const uris = await vscode.workspace.findFiles(ARTICLE_GLOB, EXCLUDE_GLOB);
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Source Annotator: indexing articles') },
      async (progress) => {
        for (const [i, uri] of uris.entries()) {
          if (i % 20 === 0) {
            progress.report({ message: vscode.l10n.t('{0} of {1}', i, uris.length) });
            // Let the editor breathe between batches: indexing is background work.
            await new Promise((r) => setTimeout(r, 0));
          }
          await this.update(uri);
        }
      },
    );
    this.afterChange();
  }

  private async loadKnowledgeBase(): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) return;
    const raw = await readTextIfExists(vscode.Uri.joinPath(folder.uri, KB_PATH)).catch(() => undefined);
    if (!raw) {
      this.kb = emptyKnowledgeBase();
      this.kbProblem = null;
    } else {
      const read = readKnowledgeBase(raw.text, raw.bytes);
      if (read.ok) {
        this.kb = read.kb;
        this.kbProblem = null;
      } else {
        this.kbProblem = read.problem;
        void vscode.window.showErrorMessage(
          vscode.l10n.t(
            'Source Annotator cannot use {0}: {1}. The file is left untouched; linking entities is paused.',
            KB_PATH,
            read.problem,
          ),
        );
      }
    }
    this.index.setKnowledgeBase(this.kb);
    this.afterChange();
  }

  private schedule(uri: vscode.Uri, delay = REINDEX_DELAY_MS): void {
    if (isSidecar(uri) || !/\.(txt|md)$/i.test(uri.path)) return;
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

  private remove(uri: vscode.Uri): void {
    this.index.removeDocument(this.pathOf(uri));
    this.afterChange();
  }

  /** Indexes one article: from its open editor when open, else from disk. */
  private async update(uri: vscode.Uri): Promise<void> {
    const path = this.pathOf(uri);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const state: ArticleState | undefined = open && this.store.peek(open);
    if (state) {
      // A long article still being analysed in slices is indexed once its analysis is whole.
      if (!this.store.isAnalysisComplete(state)) this.schedule(uri, LONG_REINDEX_DELAY_MS);
      else this.index.updateDocument(path, state.document.getText(), this.store.analysis(state), state.sidecar);
      return;
    }
    try {
      const article = await readArticleFromDisk(uri);
      if (!article) return;
      const { text, format } = article;
      const side = await readTextIfExists(sidecarUriFor(uri));
      const read = side && readSidecar(side.text, side.bytes);
      const analysis = analysisOf(analyzeAll(this.detector(), text, { format, knownEntities: this.knowledge.knownEntities(), documentText: text }));
      this.index.updateDocument(path, text, analysis, read && read.ok ? read.sidecar : null);
    } catch {
      // A file deleted meanwhile, or unreadable: it simply is not in the index.
      this.index.removeDocument(path);
    }
  }

  /** Tells listeners: the open articles (through the workspace's knowledge) when the names they show changed, then the views. */
  private afterChange(): void {
    this.knowledge.indexChanged();
    this.changed.fire();
  }
}

function articleOf(sidecar: vscode.Uri): vscode.Uri {
  return sidecar.with({ path: sidecar.path.replace(/\.tags\.json$/, '') });
}
