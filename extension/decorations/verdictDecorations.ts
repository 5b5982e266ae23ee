import * as vscode from 'vscode';
import { verdictTone, type VerdictTone } from '../core/sidecar/verdicts';
import type { ArticleState, ArticleStore } from '../articles/articleStore';

const TONES: VerdictTone[] = ['supported', 'disputed', 'false', 'other'];
const colourOf = (tone: VerdictTone): string => `sourceAnnotator.verdict${tone.charAt(0).toUpperCase()}${tone.slice(1)}`;

/** A verdict as painted: on which claim, with which words. */
export interface PaintedVerdict {
  verdict: string;
  tone: VerdictTone;
  start: number;
  end: number;
}

/**
 * Shows a judged claim's verdict in the editor: its name after the claim, in the verdict's colour
 * (supported, disputed, false, or any other), and a mark in the overview ruler. A claim judged
 * "disputed" no longer looks like one nobody has judged. Painted from the tags alone: cheap on any
 * article size, and independent of the detector's suggestions.
 */
export class VerdictDecorations implements vscode.Disposable {
  private readonly types = new Map<VerdictTone, vscode.TextEditorDecorationType>(
    TONES.map((tone) => {
      const color = new vscode.ThemeColor(colourOf(tone));
      return [
        tone,
        vscode.window.createTextEditorDecorationType({
          after: { color, fontStyle: 'italic', margin: '0 0 0 0.4em' },
          overviewRulerColor: color,
          overviewRulerLane: vscode.OverviewRulerLane.Left,
          rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
        }),
      ];
    }),
  );
  private readonly painted = new Map<string, PaintedVerdict[]>();
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly store: ArticleStore) {
    this.disposables = [
      ...this.types.values(),
      store.onDidChangeArticle((state) => this.paint(state)),
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => void this.paintEditor(e))),
    ];
    vscode.window.visibleTextEditors.forEach((e) => void this.paintEditor(e));
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  /** The verdicts last painted on a document (the test API reads them). */
  paintedOn(uri: vscode.Uri): PaintedVerdict[] {
    return this.painted.get(uri.toString()) ?? [];
  }

  private async paintEditor(editor: vscode.TextEditor): Promise<void> {
    const state = await this.store.get(editor.document);
    if (state) this.paint(state);
  }

  private paint(state: ArticleState): void {
    const document = state.document;
    const verdicts: PaintedVerdict[] = (state.sidecar?.tags ?? [])
      .filter((t) => t.kind === 'claim' && t.status === 'confirmed' && t.verdict && t.anchoring !== 'orphaned')
      .map((t) => ({ verdict: t.verdict!, tone: verdictTone(t.verdict!), start: t.target.start, end: t.target.end }));
    this.painted.set(document.uri.toString(), verdicts);
    const editors = vscode.window.visibleTextEditors.filter((e) => e.document === document);
    for (const tone of TONES) {
      const options = verdicts
        .filter((v) => v.tone === tone)
        .map((v) => ({
          range: new vscode.Range(document.positionAt(v.start), document.positionAt(v.end)),
          renderOptions: { after: { contentText: `⚖ ${v.verdict}` } },
        }));
      for (const editor of editors) editor.setDecorations(this.types.get(tone)!, options);
    }
  }
}
