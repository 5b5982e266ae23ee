import * as vscode from 'vscode';
import { isArticleUri, readSettings } from './config';
import { anchorTags, followDocumentChange } from './core/anchor';
import { analysisBetween, analysisOf, analyzeAll, analyzeChanges, analyzePending, isComplete, startAnalysis, type IncrementalState, type TextChange } from './core/detect/incremental';
import type { Analysis, AnalyzeOptions, Detector, KnownEntity } from './core/detect/types';
import { mergeSidecars } from './core/sidecar/merge';
import { emptySidecar } from './core/sidecar/model';
import { overlay, type Mark } from './core/sidecar/overlay';
import { readSidecar } from './core/sidecar/read';
import type { Sidecar, Tag } from './core/sidecar/types';
import { writeSidecar } from './core/sidecar/write';
import { contentHash } from './core/text/hash';
import { analysisRefusal } from './core/text/suitability';
import { isLong, visibleWindows } from './longArticles';
import { baseName, deleteIfExists, isSidecar, readTextIfExists, sidecarUriFor, writeAtomically } from './sidecarFiles';

/** Why tagging an article is paused: its sidecar could not be read, or belongs to a newer version. */
export interface Block {
  problem: string;
  readOnly: boolean;
}

/** Everything the extension knows about one open article. */
export interface ArticleState {
  readonly document: vscode.TextDocument;
  readonly sidecarUri: vscode.Uri;
  /** The tags, with offsets into the document's current text. Null: the article has no tags. */
  sidecar: Sidecar | null;
  /** The sidecar file's text as this window last read or wrote it (undefined: no file), to tell our writes from others'. */
  diskText: string | undefined;
  /** The sidecar as last read or written: the common base when merging someone else's changes. */
  diskSidecar: Sidecar | null;
  blocked: Block | null;
  /** The detector's results per chunk, so an edit re-analyses only what it touched (null: not analysed). */
  incremental: IncrementalState | null;
  /** Edits since the last analysis, in the order they happened. */
  pendingChanges: TextChange[];
  /** Why the detector did not run (file too large, binary), or null. */
  analysisSkipped: string | null;
  /** Claims scoring below this are not suggested (the setting, read at the last analysis). */
  minClaimScore: number;
  /** Whether a name is rejected for this article, remembered until the workspace's knowledge changes. */
  rejectedNames: Map<string, boolean>;
  /** Built on first use after each change: a long article's full list of marks is costly and often not needed. */
  derived: { analysis?: Analysis; marks?: Mark[]; counts?: { suggested: number; confirmed: number; claims: number } };
  /** Tags moved by edits since the sidecar was last written; written on save. */
  tagsMoved: boolean;
  /** The older format version the sidecar was migrated from in memory; its file is backed up before the first write. */
  migratedFrom: number | null;
  /** The document version the tags and the analysis follow. */
  version: number;
  /** Why the last write of the sidecar failed (a read-only folder, a full disk), or null: the tags in memory are not on disk. */
  unsaved: string | null;
}

const ARTICLE_LANGUAGES = new Set(['plaintext', 'markdown']);
const EMPTY_ANALYSIS: Analysis = { entities: [], claims: [] };
/** Edits arriving closer together than this are analysed together; short, as an edit re-analyses only its lines. */
const ANALYSIS_DELAY_MS = 10;
/** Characters of a long article analysed per slice between keystrokes: about 20 ms of work. */
const SLICE_LENGTH = 16_000;

export function isArticle(document: vscode.TextDocument): boolean {
  return (
    ARTICLE_LANGUAGES.has(document.languageId) &&
    !document.isUntitled &&
    !isSidecar(document.uri) &&
    isArticleUri(document.uri) &&
    vscode.workspace.fs.isWritableFileSystem(document.uri.scheme) !== undefined
  );
}

/**
 * Holds the state of open articles, loads and writes their sidecars, and re-runs the detector after
 * edits. All writes to one sidecar go through one queue, and each write first merges whatever another
 * writer (a second window, git) put on disk since this window last looked.
 */
export class ArticleStore implements vscode.Disposable {
  private readonly states = new Map<string, ArticleState>();
  private readonly loading = new Map<string, Promise<ArticleState | undefined>>();
  private readonly writeQueues = new Map<string, Promise<unknown>>();
  private readonly analysisTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Long articles whose analysis goes on in slices. */
  private readonly sliceTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly changed = new vscode.EventEmitter<ArticleState>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  readonly onDidChangeArticle = this.changed.event;

  /** What the workspace knows (set by the corpus once it has loaded): names to find everywhere, names rejected. */
  knowledge: { knownEntities(): KnownEntity[]; isRejected(uri: vscode.Uri, name: string): boolean } = {
    knownEntities: () => [],
    isRejected: () => false,
  };

  constructor(private readonly detector: () => Detector) {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => this.documentChanged(e)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d)),
      vscode.workspace.onDidSaveTextDocument((d) => this.documentSaved(d)),
    );
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.tags.json');
    this.disposables.push(
      watcher,
      watcher.onDidChange((uri) => this.sidecarChangedOnDisk(uri)),
      watcher.onDidCreate((uri) => this.sidecarChangedOnDisk(uri)),
      watcher.onDidDelete((uri) => this.sidecarChangedOnDisk(uri)),
    );
  }

  dispose(): void {
    for (const timer of [...this.analysisTimers.values(), ...this.sliceTimers.values()]) clearTimeout(timer);
    for (const d of this.disposables) d.dispose();
  }

  peek(document: vscode.TextDocument): ArticleState | undefined {
    return this.states.get(document.uri.toString());
  }

  all(): ArticleState[] {
    return [...this.states.values()];
  }

  /** The article's state, loading its sidecar and analysing it on first use. Undefined for non-articles. */
  get(document: vscode.TextDocument): Promise<ArticleState | undefined> {
    const key = document.uri.toString();
    const known = this.states.get(key);
    if (known) return Promise.resolve(known);
    if (!isArticle(document)) return Promise.resolve(undefined);
    let pending = this.loading.get(key);
    if (!pending) {
      pending = this.load(document).finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
    }
    return pending;
  }

  /** Resolves when no analysis is scheduled and no write is under way (used by tests and the CLI-like batch paths). */
  async idle(): Promise<void> {
    for (;;) {
      const pending = [...this.loading.values(), ...this.writeQueues.values()];
      if (pending.length === 0 && this.analysisTimers.size === 0 && this.sliceTimers.size === 0) return;
      await Promise.all(pending.map((p) => p.catch(() => undefined)));
      if (this.analysisTimers.size > 0 || this.sliceTimers.size > 0) await new Promise((r) => setTimeout(r, ANALYSIS_DELAY_MS));
    }
  }

  /**
   * Applies a change to the article's tags and writes the sidecar. Refused (with the reason shown)
   * while the article's sidecar is unreadable or read-only. Resolves to false when nothing was written.
   */
  async update(state: ArticleState, change: (sidecar: Sidecar, text: string) => Sidecar): Promise<boolean> {
    if (state.blocked) {
      void vscode.window.showErrorMessage(blockedMessage(state));
      return false;
    }
    const text = state.document.getText();
    state.sidecar = { ...change(state.sidecar ?? emptySidecar(baseName(state.document.uri), text), text), contentHash: contentHash(text) };
    this.refreshMarks(state);
    return this.persist(state);
  }

  /** Writes the in-memory tags, merged with whatever reached the disk meanwhile. */
  private persist(state: ArticleState): Promise<boolean> {
    const key = state.document.uri.toString();
    const previous = this.writeQueues.get(key) ?? Promise.resolve();
    const next = previous.then(() => this.writeNow(state));
    const tracked = next.finally(() => {
      if (this.writeQueues.get(key) === tracked) this.writeQueues.delete(key);
    });
    this.writeQueues.set(key, tracked);
    return next;
  }

  private async writeNow(state: ArticleState): Promise<boolean> {
    try {
      const onDisk = await readTextIfExists(state.sidecarUri);
      if (onDisk?.text !== state.diskText && onDisk !== undefined) {
        if (!this.mergeFromDisk(state, onDisk.text, onDisk.bytes)) return false;
      }
      const sidecar = state.sidecar;
      if (!sidecar || sidecar.tags.length === 0) {
        // An article without tags has no sidecar: removing the last tag removes the file.
        if (onDisk !== undefined) await deleteIfExists(state.sidecarUri);
        state.diskText = undefined;
        state.diskSidecar = null;
        return true;
      }
      const text = writeSidecar(sidecar);
      if (state.migratedFrom !== null && onDisk) {
        // The first write after a migration keeps the old file, once, for a researcher who downgrades.
        const backup = state.sidecarUri.with({ path: `${state.sidecarUri.path}.v${state.migratedFrom}.bak` });
        if (!(await readTextIfExists(backup))) await writeAtomically(backup, onDisk.text);
        state.migratedFrom = null;
      }
      if (text !== onDisk?.text) await writeAtomically(state.sidecarUri, text);
      state.diskText = text;
      state.diskSidecar = sidecar;
      state.tagsMoved = false;
      this.setUnsaved(state, null);
      return true;
    } catch (error) {
      const reason = writeProblem(error);
      // Said once per problem; the status bar keeps saying it until a write succeeds.
      if (reason !== state.unsaved) {
        void vscode.window.showErrorMessage(
          vscode.l10n.t('Source Annotator could not write {0}: {1}. Your tags are kept in this window; the next change retries.', vscode.workspace.asRelativePath(state.sidecarUri), reason),
        );
      }
      this.setUnsaved(state, reason);
      return false;
    }
  }

  private setUnsaved(state: ArticleState, reason: string | null): void {
    if (state.unsaved === reason) return;
    state.unsaved = reason;
    this.changed.fire(state);
  }

  /**
   * Folds another writer's sidecar into this window's tags. Returns false (and pauses tagging) when
   * the file on disk cannot be read: it is then never overwritten.
   */
  private mergeFromDisk(state: ArticleState, raw: string, bytes: number): boolean {
    const result = readSidecar(raw, bytes);
    if (!result.ok) {
      state.blocked = { problem: result.problem, readOnly: result.readOnly };
      this.changed.fire(state);
      void vscode.window.showErrorMessage(blockedMessage(state));
      return false;
    }
    const text = state.document.getText();
    const theirs = anchorIfStale(result.sidecar, text);
    const mine = state.sidecar ?? emptySidecar(baseName(state.document.uri), text);
    const { sidecar, conflicts } = mergeSidecars(state.diskSidecar, mine, theirs);
    state.sidecar = sidecar;
    state.diskText = raw;
    state.diskSidecar = theirs;
    if (conflicts.length > 0) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          "Source Annotator merged tags changed in another window or by git into {0}; {1} tag(s) were changed on both sides and this window's version was kept.",
          baseName(state.document.uri),
          conflicts.length,
        ),
      );
    }
    this.refreshMarks(state);
    return true;
  }

  private async load(document: vscode.TextDocument): Promise<ArticleState | undefined> {
    const sidecarUri = sidecarUriFor(document.uri);
    const state: ArticleState = {
      document,
      sidecarUri,
      sidecar: null,
      diskText: undefined,
      diskSidecar: null,
      blocked: null,
      incremental: null,
      pendingChanges: [],
      analysisSkipped: null,
      minClaimScore: 0,
      derived: {},
      rejectedNames: new Map(),
      tagsMoved: false,
      migratedFrom: null,
      version: document.version,
      unsaved: null,
    };
    await this.readFromDisk(state);
    if (document.isClosed) return undefined;
    state.version = document.version;
    this.states.set(document.uri.toString(), state);
    this.analyzeNow(state, false);
    return state;
  }

  private async readFromDisk(state: ArticleState): Promise<void> {
    let onDisk: { text: string; bytes: number } | undefined;
    try {
      onDisk = await readTextIfExists(state.sidecarUri);
    } catch (error) {
      state.blocked = { problem: vscode.l10n.t('it cannot be read ({0})', error instanceof Error ? error.message : String(error)), readOnly: false };
      void vscode.window.showErrorMessage(blockedMessage(state));
      return;
    }
    state.diskText = onDisk?.text;
    if (!onDisk) return;
    const result = readSidecar(onDisk.text, onDisk.bytes);
    if (!result.ok) {
      state.blocked = { problem: result.problem, readOnly: result.readOnly };
      if (result.readOnly && result.sidecar) state.sidecar = result.sidecar;
      void vscode.window.showErrorMessage(blockedMessage(state));
      return;
    }
    state.sidecar = anchorIfStale(result.sidecar, state.document.getText());
    state.diskSidecar = result.sidecar;
    state.migratedFrom = result.migratedFrom;
  }

  private documentChanged(event: vscode.TextDocumentChangeEvent): void {
    const state = this.peek(event.document);
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
    state.pendingChanges.push(...event.contentChanges.map((c) => ({ rangeOffset: c.rangeOffset, rangeLength: c.rangeLength, text: c.text })));
    this.scheduleAnalysis(state);
  }

  private documentSaved(document: vscode.TextDocument): void {
    const state = this.peek(document);
    if (state?.tagsMoved && !state.blocked && state.sidecar) {
      state.sidecar = { ...state.sidecar, contentHash: contentHash(document.getText()) };
      void this.persist(state);
    }
  }

  private scheduleAnalysis(state: ArticleState): void {
    const key = state.document.uri.toString();
    clearTimeout(this.analysisTimers.get(key));
    this.analysisTimers.set(
      key,
      setTimeout(() => {
        this.analysisTimers.delete(key);
        if (this.states.get(key) !== state) return;
        this.analyzeNow(state, true);
      }, ANALYSIS_DELAY_MS),
    );
  }

  /** The marks a from-scratch analysis of the current text gives: what incremental updates must equal. */
  freshMarks(state: ArticleState): Mark[] {
    // The same options (and document snapshot) as the incremental state, so the two must agree exactly.
    const text = state.document.getText();
    const options = state.incremental?.options ?? this.analyzeOptions(state, text);
    const analysis = analysisOf(analyzeAll(this.detector(), text, options));
    return overlay(this.suggestable(state, analysis), state.sidecar?.tags ?? []);
  }

  /**
   * The names to find everywhere or to stop suggesting changed: articles are analysed again, except long
   * ones, which keep their suggestions until they are reopened (a full analysis of a long article is
   * not worth a pause for every name confirmed elsewhere).
   */
  knowledgeChanged(): void {
    for (const state of this.states.values()) {
      state.rejectedNames.clear();
      if (!isLong(state.document)) this.analyzeNow(state, false);
      else this.refreshMarks(state);
    }
  }

  /** A name may have been rejected (or un-rejected) somewhere: suggestions are filtered afresh. */
  rejectionsChanged(): void {
    for (const state of this.states.values()) {
      state.rejectedNames.clear();
      this.refreshMarks(state);
    }
  }

  /** Re-runs the detector from scratch (new model, changed settings) on every open article. */
  reanalyzeAll(): void {
    for (const state of this.states.values()) this.analyzeNow(state, false);
  }

  /** Analyses the article: only what changed since last time when `incremental`, else all of it. */
  private analyzeNow(state: ArticleState, incremental: boolean): void {
    const settings = readSettings(state.document.uri);
    const text = state.document.getText();
    const changes = state.pendingChanges;
    state.pendingChanges = [];
    const refusal = analysisRefusal(text, settings.maxAnalysisSizeMB);
    if (refusal && refusal !== state.analysisSkipped) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Source Annotator does not analyse {0}: {1}.', baseName(state.document.uri), refusal));
    }
    state.analysisSkipped = refusal;
    state.minClaimScore = settings.minClaimScore;
    if (state.analysisSkipped || !settings.showSuggestions) {
      state.incremental = null;
    } else {
      if (incremental && state.incremental && state.incremental.options.format === formatOf(state.document)) {
        state.incremental = analyzeChanges(this.detector(), state.incremental, changes, text);
      } else if (isLong(state.document)) {
        // What is on screen now, the rest in slices: the whole detector never runs between two keystrokes.
        state.incremental = analyzePending(this.detector(), startAnalysis(text, this.analyzeOptions(state, text)), 0, visibleWindows(state.document));
      } else {
        state.incremental = analyzeAll(this.detector(), text, this.analyzeOptions(state, text));
      }
      if (!isComplete(state.incremental)) this.continueAnalysis(state);
    }
    this.refreshMarks(state);
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
        if (this.states.get(key) !== state || !analysis || isComplete(analysis)) return;
        const windows = visibleWindows(state.document);
        const windowsPending = windows.some(([from, to]) => !isComplete(analysis, from, to));
        state.incremental = analyzePending(this.detector(), analysis, SLICE_LENGTH, windows);
        const done = isComplete(state.incremental);
        if (!done) this.continueAnalysis(state);
        if (done || windowsPending) this.refreshMarks(state);
      }, 0),
    );
  }

  /** False while a long article is still being analysed in slices. */
  isAnalysisComplete(state: ArticleState): boolean {
    return !state.incremental || isComplete(state.incremental);
  }

  private refreshMarks(state: ArticleState): void {
    state.derived = {};
    this.changed.fire(state);
  }

  /** The detector's findings on the whole article, claims below the score threshold left out. */
  analysis(state: ArticleState): Analysis {
    state.derived.analysis ??= state.incremental ? this.suggestable(state, analysisOf(state.incremental)) : EMPTY_ANALYSIS;
    return state.derived.analysis;
  }

  /**
   * The detector's options for a full analysis: the names to find everywhere, and the whole text as the
   * document snapshot whose word statistics every later chunk of this article is analysed with.
   */
  private analyzeOptions(state: ArticleState, text: string): AnalyzeOptions {
    return { format: formatOf(state.document), knownEntities: this.knowledge.knownEntities(), documentText: text };
  }

  /** Leaves out what the researcher does not want suggested: weak claims and rejected names. */
  private suggestable(state: ArticleState, analysis: Analysis): Analysis {
    const rejected = (name: string): boolean => {
      let known = state.rejectedNames.get(name);
      if (known === undefined) state.rejectedNames.set(name, (known = this.knowledge.isRejected(state.document.uri, name)));
      return known;
    };
    const entities = analysis.entities.filter((e) => e.origin === 'knowledge' || !rejected(e.text));
    const claims = state.minClaimScore > 0 ? analysis.claims.filter((c) => c.score >= state.minClaimScore) : analysis.claims;
    return entities.length === analysis.entities.length && claims === analysis.claims ? analysis : { entities, claims };
  }

  /** How many suggestions, confirmed tags and claims the article shows, without building every mark. */
  counts(state: ArticleState): { suggested: number; confirmed: number; claims: number } {
    state.derived.counts ??= this.countMarks(state);
    return state.derived.counts;
  }

  private countMarks(state: ArticleState): { suggested: number; confirmed: number; claims: number } {
    if (state.derived.marks) {
      const marks = state.derived.marks;
      return {
        suggested: marks.filter((m) => m.state === 'suggested').length,
        confirmed: marks.filter((m) => m.state === 'confirmed').length,
        claims: marks.filter((m) => m.kind === 'claim').length,
      };
    }
    let entities = 0;
    let claims = 0;
    for (const chunk of state.incremental?.chunks ?? []) {
      const shown = this.suggestable(state, chunk.analysis);
      entities += shown.entities.length;
      claims += shown.claims.length;
    }
    const tags = (state.sidecar?.tags ?? []).filter((t) => t.anchoring !== 'orphaned');
    // A tag on a suggestion's exact span replaces it: subtract those, found through the chunks they sit in.
    let ruledEntities = 0;
    let ruledClaims = 0;
    const confirmed = tags.filter((t) => t.status === 'confirmed');
    for (const tag of tags) {
      const found = state.incremental ? analysisBetween(state.incremental, tag.target.start, tag.target.end) : EMPTY_ANALYSIS;
      const same = (m: { start: number; end: number }) => m.start === tag.target.start && m.end === tag.target.end;
      if (tag.kind === 'entity' && found.entities.some(same)) ruledEntities++;
      if (tag.kind === 'claim' && found.claims.some((c) => same(c) && c.score >= state.minClaimScore)) ruledClaims++;
    }
    return {
      suggested: entities - ruledEntities + claims - ruledClaims,
      confirmed: confirmed.length,
      claims: claims - ruledClaims + confirmed.filter((t) => t.kind === 'claim').length,
    };
  }

  /** Every tag and suggestion of the article, by position. */
  marks(state: ArticleState): Mark[] {
    state.derived.marks ??= overlay(this.analysis(state), state.sidecar?.tags ?? []);
    return state.derived.marks;
  }

  /** The marks overlapping [from, to], built from the chunks there only: cheap on any article size. */
  marksBetween(state: ArticleState, from: number, to: number): Mark[] {
    if (state.derived.marks) return state.derived.marks.filter((m) => m.end >= from && m.start <= to);
    const analysis = state.incremental ? this.suggestable(state, analysisBetween(state.incremental, from, to)) : EMPTY_ANALYSIS;
    const tags = (state.sidecar?.tags ?? []).filter((t) => t.target.end >= from && t.target.start <= to);
    return overlay(analysis, tags).filter((m) => m.end >= from && m.start <= to);
  }

  private forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.analysisTimers.get(key));
    clearTimeout(this.sliceTimers.get(key));
    this.analysisTimers.delete(key);
    this.sliceTimers.delete(key);
    this.states.delete(key);
  }

  private async sidecarChangedOnDisk(uri: vscode.Uri): Promise<void> {
    const state = this.all().find((s) => s.sidecarUri.toString() === uri.toString());
    if (!state) return;
    const key = state.document.uri.toString();
    // Our own writes come back as change events: wait for them, then compare with what we wrote.
    await (this.writeQueues.get(key) ?? Promise.resolve());
    const onDisk = await readTextIfExists(uri).catch(() => undefined);
    if (onDisk?.text === state.diskText) return;
    if (!onDisk) {
      state.diskText = undefined;
      state.diskSidecar = null;
      if (state.sidecar && state.sidecar.tags.length > 0 && !state.blocked) {
        const restore = vscode.l10n.t('Restore the file');
        const choice = await vscode.window.showWarningMessage(
          vscode.l10n.t('The tags file of {0} was deleted. Its {1} tag(s) are still in this window.', baseName(state.document.uri), state.sidecar.tags.length),
          restore,
        );
        if (choice === restore) await this.persist(state);
      }
      return;
    }
    if (state.blocked) {
      // The file may have been repaired: read it afresh.
      state.blocked = null;
      state.sidecar = null;
      await this.readFromDisk(state);
      this.refreshMarks(state);
      return;
    }
    this.mergeFromDisk(state, onDisk.text, onDisk.bytes);
  }
}

/** What a failed write means for the researcher: a folder they may not write to says so in plain words. */
function writeProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const denied = (error instanceof vscode.FileSystemError && error.code === 'NoPermissions') || /\b(EACCES|EPERM|EROFS)\b|permission|not permitted|read-only/i.test(message);
  return denied ? vscode.l10n.t('the folder is read-only or you may not write to it ({0})', message) : message;
}

/**
 * Tags an edit orphaned get one more chance, by quote and context: a file rewritten on disk reaches an
 * open editor as one replacement of everything, and a paste over a paragraph may put the same words
 * back. So do older orphans whose words an edit (an undo, a paste) brings back.
 */
function rescueOrphans(before: readonly Tag[], after: Tag[], changes: readonly { text: string }[], text: string): Tag[] {
  const wasOrphan = new Set(before.filter((t) => t.anchoring === 'orphaned').map((t) => t.id));
  const candidates = after.filter(
    (t) => t.anchoring === 'orphaned' && (!wasOrphan.has(t.id) || changes.some((c) => c.text.includes(t.target.quote))),
  );
  if (candidates.length === 0) return after;
  const found = new Map(anchorTags(candidates, text).map((t) => [t.id, t]));
  return after.map((t) => found.get(t.id) ?? t);
}

function formatOf(document: vscode.TextDocument): 'markdown' | 'plaintext' {
  return document.languageId === 'markdown' ? 'markdown' : 'plaintext';
}

/**
 * The sidecar's offsets hold for the text it was written with, if every quote is where it says; for any
 * other text (or a hand-edited file with offsets out of place), each tag is found again by its quote.
 */
function anchorIfStale(sidecar: Sidecar, text: string): Sidecar {
  const inPlace = sidecar.tags.every((t) => t.anchoring === 'orphaned' || text.slice(t.target.start, t.target.end) === t.target.quote);
  if (inPlace && sidecar.contentHash === contentHash(text)) return sidecar;
  return { ...sidecar, tags: anchorTags(sidecar.tags, text) };
}

export function blockedMessage(state: ArticleState): string {
  const file = vscode.workspace.asRelativePath(state.sidecarUri);
  return state.blocked?.readOnly
    ? vscode.l10n.t('Source Annotator: {0} is read-only here: {1}.', file, state.blocked.problem)
    : vscode.l10n.t(
        'Source Annotator cannot use {0}: {1}. The file is left untouched and tagging this article is paused until it is fixed.',
        file,
        state.blocked?.problem ?? vscode.l10n.t('unknown problem'),
      );
}
