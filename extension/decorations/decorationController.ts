import * as vscode from 'vscode';
import { ENTITY_TYPES } from '../core/detect/types';
import { isQuietDate, type Mark } from '../core/present/overlay';
import type { TagLabel } from '../core/sidecar/types';
import { documentLength, isLong, visibleOffsets } from '../articles/longArticles';
import type { ArticleState, ArticleStore } from '../articles/articleStore';
import { readSettings, SECTION } from '../settings/config';

type MarkState = Mark['state'];

/** Relative dates and durations suggested, when the researcher wants them quiet (see isQuietDate). */
const QUIET_DATE = 'Date/quiet';

/** Decoration type names, also what the test API reports: "Person/confirmed", "Claim/suggested"… and "Date/quiet". */
export type DecorationKey = `${TagLabel}/${MarkState}` | typeof QUIET_DATE;

const colorId = (label: TagLabel): string => `sourceAnnotator.${label.charAt(0).toLowerCase()}${label.slice(1)}`;

/**
 * Confirmed entities get a background in their type's colour; suggestions only a dashed outline in it,
 * so reviewed and unreviewed text read differently at a glance. Claims use a bottom border (solid when
 * confirmed, dotted when suggested), which never collides with an entity's outline or background.
 */
function renderOptions(label: TagLabel, state: MarkState): vscode.DecorationRenderOptions {
  const color = new vscode.ThemeColor(colorId(label));
  const background = new vscode.ThemeColor(`${colorId(label)}Background`);
  if (label === 'Claim') {
    return {
      borderWidth: state === 'confirmed' ? '0 0 2px 0' : '0 0 1px 0',
      borderStyle: state === 'confirmed' ? 'solid' : 'dotted',
      borderColor: color,
      overviewRulerColor: color,
      overviewRulerLane: vscode.OverviewRulerLane.Right,
      backgroundColor: state === 'confirmed' ? background : undefined,
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    };
  }
  return state === 'confirmed'
    ? {
        backgroundColor: background,
        overviewRulerColor: color,
        overviewRulerLane: vscode.OverviewRulerLane.Center,
        rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
      }
    : { outlineColor: color, outlineStyle: 'dashed', outlineWidth: '1px', rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed };
}

/** A faint dotted outline in the date colour's translucent background shade. */
const QUIET_DATE_OPTIONS: vscode.DecorationRenderOptions = {
  outlineColor: new vscode.ThemeColor(`${colorId('Date')}Background`),
  outlineStyle: 'dotted',
  outlineWidth: '1px',
  rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
};

const FULL_PAINT_DELAY_MS = 400;
/**
 * A long article's full paint turns this many characters' marks into ranges per step, and lets the
 * editor handle a keystroke between steps: no step blocks for more than a few milliseconds.
 */
const FULL_PAINT_STEP = 100_000;

/**
 * Paints every visible article's marks; decoration types are created once and reused. VS Code moves
 * painted decorations along with edits by itself, so nothing flickers between two paints.
 */
export class DecorationController implements vscode.Disposable {
  private readonly types = new Map<DecorationKey, vscode.TextEditorDecorationType>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly fullPaints = new Map<string, ReturnType<typeof setTimeout>>();
  /** Time from the last edit to the paint that followed it, in ms (the benchmark and tests read it). */
  readonly paintLatencies: number[] = [];
  private lastEditAt = new Map<string, number>();
  /** What was last set per document, by decoration key: decorations cannot be read back from VS Code. */
  private readonly applied = new Map<string, Map<DecorationKey, vscode.Range[]>>();
  private quietDates = readSettings().quietRelativeDates;

  constructor(private readonly store: ArticleStore) {
    for (const label of [...ENTITY_TYPES, 'Claim'] as TagLabel[]) {
      for (const state of ['confirmed', 'suggested'] as MarkState[]) {
        this.types.set(`${label}/${state}`, vscode.window.createTextEditorDecorationType(renderOptions(label, state)));
      }
    }
    this.types.set(QUIET_DATE, vscode.window.createTextEditorDecorationType(QUIET_DATE_OPTIONS));
    this.disposables.push(
      ...this.types.values(),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration(`${SECTION}.quietRelativeDates`)) return;
        this.quietDates = readSettings().quietRelativeDates;
        vscode.window.visibleTextEditors.forEach((editor) => this.paintEditor(editor));
      }),
      store.onDidChangeArticle((s) => this.paint(s)),
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.paintEditor(e))),
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => {
        const state = this.store.peek(e.textEditor.document);
        if (state && isLong(state.document)) this.paint(state);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        const key = e.document.uri.toString();
        this.lastEditAt.set(key, Date.now());
        // A full paint under way would set ranges computed on the text before the edit.
        clearTimeout(this.fullPaints.get(key));
        this.fullPaints.delete(key);
      }),
    );
    vscode.window.visibleTextEditors.forEach((e) => this.paintEditor(e));
  }

  dispose(): void {
    for (const timer of this.fullPaints.values()) clearTimeout(timer);
    for (const d of this.disposables) d.dispose();
  }

  /** Paints now what is waiting for typing to pause (tests call it instead of waiting). */
  flush(): void {
    for (const [key, timer] of this.fullPaints) {
      clearTimeout(timer);
      this.fullPaints.delete(key);
      const state = this.store.all().find((s) => s.document.uri.toString() === key);
      if (!state) continue;
      const steps = this.fullPaintSteps(state);
      let step = steps.next();
      while (!step.done) step = steps.next();
      this.setAll(state, step.value);
    }
  }

  /** The ranges last painted on a document, by decoration key. */
  appliedTo(uri: vscode.Uri): Map<DecorationKey, vscode.Range[]> {
    return this.applied.get(uri.toString()) ?? new Map<DecorationKey, vscode.Range[]>();
  }

  /** Paints an editor once its article is loaded; one that cannot be loaded stays bare (its sidecar sync says why). */
  private paintEditor(editor: vscode.TextEditor): void {
    this.store.get(editor.document).then(
      (state) => state && this.paint(state),
      (error: unknown) => console.error(`Source Annotator: ${editor.document.uri.toString()} not painted:`, error),
    );
  }

  private paint(state: ArticleState): void {
    const document = state.document;
    const key = document.uri.toString();
    clearTimeout(this.fullPaints.get(key));
    this.fullPaints.delete(key);
    const editors = vscode.window.visibleTextEditors.filter((e) => e.document === document);
    const editedAt = this.lastEditAt.get(key);
    if (isLong(document) && editors.length > 0) {
      // Large article: what is on screen now, everything once typing pauses.
      for (const editor of editors) this.apply(editor, state, visibleOffsets(editor));
      const steps = this.fullPaintSteps(state);
      const step = (): void => {
        const next = steps.next();
        if (!next.done) {
          this.fullPaints.set(key, setTimeout(step, 0));
          return;
        }
        this.fullPaints.delete(key);
        this.setAll(state, next.value);
      };
      // A new paint (an edit, a scroll) cancels this one between two steps.
      this.fullPaints.set(key, setTimeout(step, FULL_PAINT_DELAY_MS));
    } else {
      for (const editor of editors) this.apply(editor, state, null);
      if (editors.length === 0) this.applied.set(key, this.rangesByKey(state, null));
    }
    if (editedAt !== undefined) {
      this.paintLatencies.push(Date.now() - editedAt);
      this.lastEditAt.delete(key);
    }
  }

  /**
   * Every mark of a long article as ranges, built a stretch of text at a time from the marks there
   * (each counted in the stretch where it starts); yields between stretches.
   */
  private *fullPaintSteps(state: ArticleState): Generator<void, Map<DecorationKey, vscode.Range[]>> {
    const document = state.document;
    const length = documentLength(document);
    const byKey = this.emptyRanges();
    for (let from = 0; from < length; from += FULL_PAINT_STEP) {
      const to = Math.min(length, from + FULL_PAINT_STEP);
      const startingHere = this.store.marksBetween(state, from, to).filter((m) => m.start >= from && (m.start < to || to === length));
      addRanges(byKey, document, startingHere, this.quietDates);
      yield;
    }
    return byKey;
  }

  private setAll(state: ArticleState, byKey: Map<DecorationKey, vscode.Range[]>): void {
    this.applied.set(state.document.uri.toString(), byKey);
    for (const editor of vscode.window.visibleTextEditors.filter((e) => e.document === state.document)) {
      for (const [key, ranges] of byKey) editor.setDecorations(this.types.get(key)!, ranges);
    }
  }

  private apply(editor: vscode.TextEditor, state: ArticleState, window: [number, number] | null): void {
    const byKey = this.rangesByKey(state, window);
    if (!window) this.applied.set(state.document.uri.toString(), byKey);
    for (const [key, ranges] of byKey) editor.setDecorations(this.types.get(key)!, ranges);
  }

  private rangesByKey(state: ArticleState, window: [number, number] | null): Map<DecorationKey, vscode.Range[]> {
    const marks = window ? this.store.marksBetween(state, window[0], window[1]) : this.store.marks(state);
    return addRanges(this.emptyRanges(), state.document, marks, this.quietDates);
  }

  /** An empty list of ranges for every decoration type: a type left out would keep its old ranges. */
  private emptyRanges(): Map<DecorationKey, vscode.Range[]> {
    return new Map<DecorationKey, vscode.Range[]>([...this.types.keys()].map((k) => [k, []]));
  }
}

/** Adds each mark's range to the list of its decoration type. */
function addRanges(
  byKey: Map<DecorationKey, vscode.Range[]>,
  document: vscode.TextDocument,
  marks: readonly Mark[],
  quietDates: boolean,
): Map<DecorationKey, vscode.Range[]> {
  for (const mark of marks) {
    const key: DecorationKey = quietDates && isQuietDate(mark) ? QUIET_DATE : `${mark.label}/${mark.state}`;
    byKey.get(key)?.push(new vscode.Range(document.positionAt(mark.start), document.positionAt(mark.end)));
  }
  return byKey;
}
