import * as vscode from 'vscode';
import { ENTITY_TYPES } from './core/detect/types';
import type { Mark } from './core/sidecar/overlay';
import type { TagLabel } from './core/sidecar/types';
import type { ArticleState, ArticleStore } from './store';

type MarkState = Mark['state'];

/** Decoration type names, also what the test API reports: "Person/confirmed", "Claim/suggested"… */
export type DecorationKey = `${TagLabel}/${MarkState}`;

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
    ? { backgroundColor: background, overviewRulerColor: color, overviewRulerLane: vscode.OverviewRulerLane.Center, rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed }
    : { outlineColor: color, outlineStyle: 'dashed', outlineWidth: '1px', rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed };
}

/** Paints every visible article's marks; decoration types are created once and reused. */
export class DecorationController implements vscode.Disposable {
  private readonly types = new Map<DecorationKey, vscode.TextEditorDecorationType>();
  private readonly disposables: vscode.Disposable[] = [];
  /** What was last set per document, by decoration key: decorations cannot be read back from VS Code. */
  private readonly applied = new Map<string, Map<DecorationKey, vscode.Range[]>>();

  constructor(private readonly store: ArticleStore) {
    for (const label of [...ENTITY_TYPES, 'Claim'] as TagLabel[]) {
      for (const state of ['confirmed', 'suggested'] as MarkState[]) {
        this.types.set(`${label}/${state}`, vscode.window.createTextEditorDecorationType(renderOptions(label, state)));
      }
    }
    this.disposables.push(
      ...this.types.values(),
      store.onDidChangeArticle((s) => this.paint(s)),
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.paintEditor(e))),
    );
    vscode.window.visibleTextEditors.forEach((e) => this.paintEditor(e));
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  /** The ranges last painted on a document, by decoration key. */
  appliedTo(uri: vscode.Uri): Map<DecorationKey, vscode.Range[]> {
    return this.applied.get(uri.toString()) ?? new Map();
  }

  private async paintEditor(editor: vscode.TextEditor): Promise<void> {
    const state = await this.store.get(editor.document);
    if (state) this.paint(state);
  }

  private paint(state: ArticleState): void {
    const document = state.document;
    const byKey = new Map<DecorationKey, vscode.Range[]>([...this.types.keys()].map((k) => [k, []]));
    for (const mark of state.marks) {
      byKey.get(`${mark.label}/${mark.state}`)?.push(new vscode.Range(document.positionAt(mark.start), document.positionAt(mark.end)));
    }
    this.applied.set(document.uri.toString(), byKey);
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document !== document) continue;
      for (const [key, ranges] of byKey) editor.setDecorations(this.types.get(key)!, ranges);
    }
  }
}
