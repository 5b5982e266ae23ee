import * as vscode from 'vscode';
import { analyzeAll, analyzeChanges, analyzePending, isComplete, startAnalysis, type IncrementalState } from '../core/detect/incremental';
import type { AnalyzeOptions, Detector } from '../core/detect/types';
import { analysisRefusal } from '../core/text/suitability';
import type { ArticleRegistry } from '../articleRegistry/articleRegistry';
import { formatOf, type ArticleState } from '../articleRegistry/articleState';
import { baseName } from '../files/sidecarFiles';
import { readSettings } from '../settings/config';
import type { KnownNames } from '../workspaceKnowledge/workspaceKnowledge';
import { isInTab, isLong, visibleWindows } from './longArticles';

/** Edits arriving closer together than this are analysed together; short, as an edit re-analyses only its lines. */
export const ANALYSIS_DELAY_MS = 10;
/** Characters of a long article analysed per slice between keystrokes: about 20 ms of work. */
const SLICE_LENGTH = 16_000;

/**
 * Runs the detector on open articles: a moment after edits (only the lines they touched), from
 * scratch when the model, the settings or the names to find everywhere change, and for a long
 * article what is on screen first and the rest in slices between keystrokes. One analysis (one
 * chunk of an article) holds the extension host at most sourceAnnotator.analysisTimeLimitSeconds:
 * past it the detector stops and shows what it found so far, and the researcher is told.
 */
export class AnalysisScheduler implements vscode.Disposable {
  private readonly analysisTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Long articles whose analysis goes on in slices. */
  private readonly sliceTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Articles waiting for an analysis from scratch (a new model or settings): an edit meanwhile must not make it incremental. */
  private readonly fullAnalysisDue = new Set<string>();
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly registry: ArticleRegistry,
    private readonly detector: () => Detector,
    private readonly knowledge: KnownNames,
  ) {
    this.disposables = [
      knowledge.onDidChangeKnownEntities(() => this.knowledgeChanged()),
      knowledge.onDidChangeRejections(() => this.rejectionsChanged()),
      // A long article whose slices stopped when it left every tab goes on once it is shown again.
      vscode.window.onDidChangeVisibleTextEditors((editors) => {
        for (const editor of editors) {
          const state = registry.peek(editor.document);
          if (state && !this.isAnalysisComplete(state)) this.continueAnalysis(state);
        }
      }),
    ];
  }

  dispose(): void {
    for (const timer of [...this.analysisTimers.values(), ...this.sliceTimers.values()]) clearTimeout(timer);
    for (const d of this.disposables) d.dispose();
  }

  /** True when no analysis is scheduled. */
  isIdle(): boolean {
    return this.analysisTimers.size === 0 && this.sliceTimers.size === 0;
  }

  /** Resolves after the analyses scheduled now had their turn (more may follow: see `isIdle`). */
  async idle(): Promise<void> {
    if (!this.isIdle()) await new Promise((r) => setTimeout(r, ANALYSIS_DELAY_MS));
  }

  /** Analyses the article's pending edits once they pause. */
  schedule(state: ArticleState): void {
    const key = state.document.uri.toString();
    clearTimeout(this.analysisTimers.get(key));
    this.analysisTimers.set(
      key,
      setTimeout(() => {
        this.analysisTimers.delete(key);
        if (!this.registry.isOpen(state)) return;
        this.analyzeNow(state, !this.fullAnalysisDue.has(key));
      }, ANALYSIS_DELAY_MS),
    );
  }

  /** The article was closed: its scheduled work is dropped. */
  forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.analysisTimers.get(key));
    clearTimeout(this.sliceTimers.get(key));
    this.analysisTimers.delete(key);
    this.sliceTimers.delete(key);
    this.fullAnalysisDue.delete(key);
  }

  /**
   * Re-runs the detector from scratch (new model, changed settings) on every open article: at once where
   * the researcher looks, and the articles open in hidden tabs one at a time after, each its own task,
   * so that the editor answers in between.
   */
  reanalyzeAll(): void {
    const visible = visibleDocuments();
    for (const state of this.registry.all()) this.analyzeAgain(state, visible);
  }

  private analyzeAgain(state: ArticleState, visible: Set<vscode.TextDocument>): void {
    if (visible.has(state.document)) {
      this.analyzeNow(state, false);
    } else {
      this.fullAnalysisDue.add(state.document.uri.toString());
      this.schedule(state);
    }
  }

  /** False while a long article is still being analysed in slices. */
  isAnalysisComplete(state: ArticleState): boolean {
    return !state.incremental || isComplete(state.incremental);
  }

  /** A from-scratch analysis of the current text, with the options the incremental state follows: what incremental updates must equal. */
  analyzeFromScratch(state: ArticleState): IncrementalState {
    const text = state.document.getText();
    const options = state.incremental?.options ?? this.analyzeOptions(state, text);
    return analyzeAll(this.detector(), text, options);
  }

  /** Analyses the article: only what changed since last time when `incremental`, else all of it. */
  analyzeNow(state: ArticleState, incremental: boolean): void {
    if (!incremental) this.fullAnalysisDue.delete(state.document.uri.toString());
    const settings = readSettings(state.document.uri);
    const text = state.document.getText();
    const changes = state.pendingChanges;
    state.pendingChanges = [];
    const refusal = analysisRefusal(text, settings.maxAnalysisSizeMB);
    if (refusal && refusal !== state.analysisSkipped) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Source Annotator does not analyse {0}: {1}.', baseName(state.document.uri), refusal),
      );
    }
    state.analysisSkipped = refusal;
    state.minClaimScore = settings.minClaimScore;
    state.showAllClaims = settings.showAllClaims;
    if (state.analysisSkipped || !settings.showSuggestions) {
      state.incremental = null;
    } else {
      if (incremental && state.incremental && state.incremental.options.format === formatOf(state.document)) {
        state.incremental = analyzeChanges(this.detector(), state.incremental, changes, text);
      } else if (isLong(state.document)) {
        // What is on screen now, the rest in slices: the whole detector never runs between two keystrokes.
        state.incremental = analyzePending(
          this.detector(),
          startAnalysis(text, this.analyzeOptions(state, text)),
          0,
          visibleWindows(state.document),
        );
      } else {
        state.incremental = analyzeAll(this.detector(), text, this.analyzeOptions(state, text));
      }
      if (!isComplete(state.incremental)) this.continueAnalysis(state);
    }
    this.noteCutShort(state);
    this.registry.refresh(state);
  }

  /**
   * Whether the time limit stopped the detector somewhere in the article. The first time it does for
   * an article, the researcher is told why suggestions may be missing and where to give it more time;
   * the status bar says so for as long as it holds.
   */
  private noteCutShort(state: ArticleState): void {
    state.analysisCutShort = state.incremental?.chunks.some((c) => c.analysis.incomplete === true) ?? false;
    if (!state.analysisCutShort || state.cutShortToldOnce) return;
    state.cutShortToldOnce = true;
    const openSetting = vscode.l10n.t('Open Setting');
    void vscode.window
      .showWarningMessage(
        vscode.l10n.t(
          'Source Annotator stopped analysing part of {0} after {1} s so that the editor stays responsive: suggestions there may be missing.',
          baseName(state.document.uri),
          readSettings(state.document.uri).analysisTimeLimitSeconds,
        ),
        openSetting,
      )
      .then((choice) => {
        if (choice === openSetting)
          void vscode.commands.executeCommand('workbench.action.openSettings', 'sourceAnnotator.analysisTimeLimitSeconds');
      });
  }

  /**
   * The names to find everywhere changed: articles are analysed again, except long ones, which keep
   * their suggestions until they are reopened (a full analysis of a long article is not worth a pause
   * for every name confirmed elsewhere).
   */
  private knowledgeChanged(): void {
    const visible = visibleDocuments();
    for (const state of this.registry.all()) {
      state.rejectedNames.clear();
      if (!isLong(state.document)) this.analyzeAgain(state, visible);
      else this.registry.refresh(state);
    }
  }

  /** A name may have been rejected (or un-rejected) somewhere: suggestions are filtered afresh. */
  private rejectionsChanged(): void {
    for (const state of this.registry.all()) {
      state.rejectedNames.clear();
      this.registry.refresh(state);
    }
  }

  /**
   * Analyses the next slice of a long article once the editor is free, what scrolled into view
   * first. Marks are refreshed when the visible part gained some, and when the whole article is done.
   */
  private continueAnalysis(state: ArticleState): void {
    const key = state.document.uri.toString();
    if (this.sliceTimers.has(key)) return;
    this.sliceTimers.set(
      key,
      setTimeout(() => {
        this.sliceTimers.delete(key);
        const analysis = state.incremental;
        if (!this.registry.isOpen(state) || !analysis || isComplete(analysis)) return;
        // Kept open by VS Code without a tab: nobody sees it (the corpus takes it from its cache meanwhile).
        if (!isInTab(state.document)) return;
        const windows = visibleWindows(state.document);
        const windowsPending = windows.some(([from, to]) => !isComplete(analysis, from, to));
        state.incremental = analyzePending(this.detector(), analysis, SLICE_LENGTH, windows);
        const done = isComplete(state.incremental);
        if (!done) this.continueAnalysis(state);
        this.noteCutShort(state);
        if (done || windowsPending) this.registry.refresh(state);
      }, 0),
    );
  }

  /**
   * The detector's options for a full analysis: the names to find everywhere, and the whole text as the
   * document snapshot whose word statistics every later chunk of this article is analysed with.
   */
  private analyzeOptions(state: ArticleState, text: string): AnalyzeOptions {
    return {
      format: formatOf(state.document),
      knownEntities: this.knowledge.knownEntities(),
      documentText: text,
      timeLimitMs: readSettings(state.document.uri).analysisTimeLimitSeconds * 1000,
    };
  }
}

function visibleDocuments(): Set<vscode.TextDocument> {
  return new Set(vscode.window.visibleTextEditors.map((editor) => editor.document));
}
