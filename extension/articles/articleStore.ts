import * as vscode from 'vscode';
import type { Analysis } from '../core/detect/types';
import type { Mark } from '../core/present/overlay';
import { EMPTY_ANALYSIS, type MarkCounts } from '../core/present/suggestions';
import { analysisRefusal } from '../core/text/suitability';
import { readSettings } from '../settings/config';
import type { Sidecar } from '../core/sidecar/types';
import { followDocumentChange } from '../core/anchor';
import { rescueOrphans } from '../core/tags/reanchor';
import type { ArticleRegistry } from '../articleRegistry/articleRegistry';
import { isArticle, newArticleState, type ArticleState } from '../articleRegistry/articleState';
import type { SidecarSync } from '../sidecarSync/sidecarSync';
import type { AnalysisScheduler } from './analysisScheduler';
import type { ArticleMarks } from './articleMarks';

export { blockedMessage, isArticle, type ArticleState } from '../articleRegistry/articleState';

/**
 * The open articles as the rest of the editor sees them: opens an article on first use (its sidecar
 * read, then analysed), follows each edit (tags move with the text, the analysis is scheduled), and
 * answers what an article shows. The work is done by the services it is given: the registry of open
 * articles, the sidecar sync, the analysis scheduler and the marks.
 */
export class ArticleStore implements vscode.Disposable {
  private readonly loading = new Map<string, Promise<ArticleState | undefined>>();
  private readonly disposables: vscode.Disposable[];
  readonly onDidChangeArticle: vscode.Event<ArticleState>;

  constructor(
    private readonly registry: ArticleRegistry,
    private readonly sync: SidecarSync,
    private readonly scheduler: AnalysisScheduler,
    private readonly shown: ArticleMarks,
  ) {
    this.onDidChangeArticle = registry.onDidChangeArticle;
    this.disposables = [
      vscode.workspace.onDidChangeTextDocument((e) => this.documentChanged(e)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d)),
    ];
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  peek(document: vscode.TextDocument): ArticleState | undefined {
    return this.registry.peek(document);
  }

  all(): ArticleState[] {
    return this.registry.all();
  }

  /** The article's state, loading its sidecar and analysing it on first use. Undefined for non-articles. */
  get(document: vscode.TextDocument): Promise<ArticleState | undefined> {
    const key = document.uri.toString();
    const known = this.registry.peek(document);
    if (known) return Promise.resolve(known);
    if (!isArticle(document)) return Promise.resolve(undefined);
    let pending = this.loading.get(key);
    if (!pending) {
      pending = this.load(document).finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
    }
    return pending;
  }

  /** Resolves when no article is loading, no analysis is scheduled and no write is under way (tests, batch paths). */
  async idle(): Promise<void> {
    for (;;) {
      if (this.loading.size === 0 && this.sync.isIdle() && this.scheduler.isIdle()) return;
      await Promise.all([...this.loading.values()].map((p) => p.catch(() => undefined)));
      await this.sync.idle();
      await this.scheduler.idle();
    }
  }

  /** Applies a change to the article's tags and writes the sidecar (see SidecarSync.update). */
  update(state: ArticleState, change: (sidecar: Sidecar, text: string) => Sidecar): Promise<boolean> {
    return this.sync.update(state, change);
  }

  /** Applies a change to the tags of an article no editor holds, on disk, without opening it (see SidecarSync.updateClosed). */
  updateClosed(article: vscode.Uri, change: (sidecar: Sidecar, text: string) => Sidecar | null): Promise<string | null> {
    return this.sync.updateClosed(article, change);
  }

  /** Re-runs the detector from scratch (new model, changed settings) on every open article. */
  reanalyzeAll(): void {
    this.scheduler.reanalyzeAll();
  }

  /** False while a long article is still being analysed in slices. */
  isAnalysisComplete(state: ArticleState): boolean {
    return this.scheduler.isAnalysisComplete(state);
  }

  /** The detector's findings on the whole article, claims below the score threshold left out. */
  analysis(state: ArticleState): Analysis {
    return this.shown.analysis(state);
  }

  /**
   * The suggestions a closed article would show once opened, from an analysis of its saved `text` made elsewhere (the
   * corpus's), under the settings the editor would analyse it with.
   */
  savedAnalysis(uri: vscode.Uri, text: string, sidecar: Sidecar | null, analysis: Analysis): Analysis {
    const settings = readSettings(uri);
    if (!settings.showSuggestions || analysisRefusal(text, settings.maxAnalysisSizeMB)) return EMPTY_ANALYSIS;
    return this.shown.savedAnalysis(analysis, text, sidecar, settings);
  }

  counts(state: ArticleState): MarkCounts {
    return this.shown.counts(state);
  }

  /** Every tag and suggestion of the article, by position. */
  marks(state: ArticleState): Mark[] {
    return this.shown.marks(state);
  }

  /** The marks overlapping [from, to], built from the chunks there only. */
  marksBetween(state: ArticleState, from: number, to: number): Mark[] {
    return this.shown.marksBetween(state, from, to);
  }

  /** The marks a from-scratch analysis of the current text gives: what incremental updates must equal. */
  freshMarks(state: ArticleState): Mark[] {
    return this.shown.marksOf(state, this.scheduler.analyzeFromScratch(state));
  }

  private async load(document: vscode.TextDocument): Promise<ArticleState | undefined> {
    const state = newArticleState(document);
    await this.sync.read(state);
    if (document.isClosed) return undefined;
    state.version = document.version;
    this.registry.add(state);
    this.scheduler.analyzeNow(state, false);
    return state;
  }

  /** Tags follow the edit at once (they are painted at their new place); the analysis waits for a pause. */
  private documentChanged(event: vscode.TextDocumentChangeEvent): void {
    const state = this.registry.peek(event.document);
    if (!state) return;
    // Saving or undoing back to the saved text flips the dirty flag, which VS Code reports as a change
    // without content changes and without a new version: there is nothing to follow or analyse again.
    if (event.contentChanges.length === 0 && event.document.version === state.version) return;
    state.version = event.document.version;
    if (state.sidecar && state.sidecar.tags.length > 0) {
      const text = event.document.getText();
      // No content changes but a new text: the line endings were converted; tags are found again by quote.
      const followed = followDocumentChange(state.sidecar.tags, event.contentChanges, text);
      state.sidecar = { ...state.sidecar, tags: rescueOrphans(state.sidecar.tags, followed, event.contentChanges, text) };
      state.tagsMoved = true;
    }
    if (event.contentChanges.length === 0) state.incremental = null;
    state.pendingChanges.push(
      ...event.contentChanges.map((c) => ({ rangeOffset: c.rangeOffset, rangeLength: c.rangeLength, text: c.text })),
    );
    this.scheduler.schedule(state);
  }

  private forget(document: vscode.TextDocument): void {
    this.scheduler.forget(document);
    this.registry.remove(document);
  }
}
