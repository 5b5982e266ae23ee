import type * as vscode from 'vscode';
import type { Analysis, Detector } from './core/detect/types';
import type { OverviewData } from './core/team/overview-data';
import type { BuildReport, CorpusService } from './corpusService/corpusService';
import type { CorpusTree } from './views/corpusViews';
import type { OverviewTimings } from './views/overview';
import { lastRejectionNotice, type RejectionNotice } from './commands/rejectionNotice';
import type { DecorationController } from './decorations/decorationController';
import type { PaintedVerdict, VerdictDecorations } from './decorations/verdictDecorations';
import type { ModelLearning } from './entityModel/learnFromTags';
import type { StatusBar } from './statusbar/statusBar';
import type { ArticleState, ArticleStore } from './articles/articleStore';

/**
 * What activate() returns, for the integration tests: VS Code cannot read decorations back, so the
 * extension reports what it painted. Not a public API.
 */
export interface TestApi {
  /** Resolves when the model has loaded (or failed to) and no analysis or write is pending. */
  idle(): Promise<void>;
  /** Paints now the full decorations a long article gets once typing pauses. */
  paintNow(): void;
  state(document: vscode.TextDocument): Promise<ArticleState | undefined>;
  /** Painted ranges per decoration key ("Person/confirmed", "Claim/suggested"…), as offsets. */
  decorations(document: vscode.TextDocument): Record<string, { start: number; end: number }[]>;
  statusText(): string;
  /** Marks from a fresh full analysis of the document's current text, to compare with what incremental updates painted. */
  freshMarks(document: vscode.TextDocument): Promise<{ key: string; start: number; end: number }[]>;
  /** Milliseconds from each edit to the decoration paint that followed it. */
  paintLatencies(): number[];
  /** How long activate() took, in ms. */
  activationMs: number;
  /** A view's items as indented lines "label (description)", down to `depth` levels. */
  viewLabels(view: 'entities' | 'claims' | 'tags' | 'orphans', depth?: number): string[];
  /** The data last sent to the Corpus Overview panel. */
  overviewData(): OverviewData | undefined;
  /** The verdicts painted after judged claims. */
  verdicts(document: vscode.TextDocument): PaintedVerdict[];
  /** What the last rejection that reached further than one suggestion said, and its Undo. */
  lastRejectionNotice(): RejectionNotice | undefined;
  /** How long the last opening of the Corpus Overview took to show figures, and the whole workspace's. */
  overviewTimings(): OverviewTimings;
  corpus(): CorpusService;
  /**
   * Indexes the workspace again from an empty index and the cache file, as a new window does; says where each article
   * came from. `whileClosed` runs between the two windows (to damage the cache file, say).
   */
  reopenCorpus(whileClosed?: () => Promise<void>): Promise<BuildReport>;
  /** The lines indexing wrote to the output channel. */
  corpusLog(): readonly string[];
  /** What the editor's detector (with any corrections learned from tags) finds in a plain text. */
  analyze(text: string): Analysis;
  /** How many sidecars learning from tags has read from disk since activation. */
  learningReads(): number;
}

export interface Parts {
  store: ArticleStore;
  corpus: CorpusService;
  decorations: DecorationController;
  verdicts: VerdictDecorations;
  statusBar: StatusBar;
  learning: ModelLearning;
  detector: () => Detector;
  views: Record<'entities' | 'claims' | 'tags' | 'orphans', CorpusTree>;
  overview: () => OverviewData | undefined;
  overviewTimings: () => OverviewTimings;
}

export function createTestApi(
  { store, corpus, decorations, verdicts, statusBar, learning, detector, views, overview, overviewTimings }: Parts,
  modelReady: Promise<void>,
  activationMs: number,
): TestApi {
  const labels = (tree: CorpusTree, depth: number): string[] => {
    const walk = (nodes: ReturnType<CorpusTree['getChildren']>, level: number): string[] =>
      nodes.flatMap((n) => {
        const item = tree.getTreeItem(n);
        const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
        const line = `${'  '.repeat(level)}${label}${item.description ? ` (${String(item.description)})` : ''}`;
        return level + 1 < depth ? [line, ...walk(tree.getChildren(n), level + 1)] : [line];
      });
    return walk(tree.getChildren(), 0);
  };
  return {
    viewLabels: (view, depth = 2) => labels(views[view], depth),
    overviewData: () => overview(),
    overviewTimings: () => overviewTimings(),
    lastRejectionNotice,
    verdicts: (document) => verdicts.paintedOn(document.uri),
    corpus: () => corpus,
    reopenCorpus: (whileClosed) => corpus.reopen(whileClosed),
    corpusLog: () => corpus.indexingLog(),
    activationMs,
    async idle() {
      await modelReady;
      await learning.idle();
      // The corpus waits for the open articles below it, before and after its own work.
      await corpus.idle();
      await statusBar.flush();
    },
    paintNow: () => decorations.flush(),
    state: (document) => store.get(document),
    decorations(document) {
      const out: Record<string, { start: number; end: number }[]> = {};
      for (const [key, ranges] of decorations.appliedTo(document.uri)) {
        out[key] = ranges.map((r) => ({ start: document.offsetAt(r.start), end: document.offsetAt(r.end) }));
      }
      return out;
    },
    statusText: () => statusBar.text,
    async freshMarks(document) {
      const state = await store.get(document);
      return state ? store.freshMarks(state).map((m) => ({ key: `${m.label}/${m.state}`, start: m.start, end: m.end })) : [];
    },
    paintLatencies: () => [...decorations.paintLatencies],
    analyze: (text) => detector().analyze(text, { format: 'plaintext' }),
    learningReads: () => learning.sidecarsRead,
  };
}
