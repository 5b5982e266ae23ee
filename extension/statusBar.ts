import * as vscode from 'vscode';
import { COMMANDS } from './commands';
import type { ArticleStore } from './store';

/** "12 suggested · 3 confirmed · 5 claims" for the active article; a click lists them. */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('sourceAnnotator.counts', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [this.item];

  constructor(private readonly store: ArticleStore) {
    this.item.name = 'Source Annotator';
    this.item.command = COMMANDS.showArticleTags;
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => void this.update()),
      store.onDidChangeArticle((s) => {
        if (s.document === vscode.window.activeTextEditor?.document) void this.update();
      }),
    );
    void this.update();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  /** The text shown, for tests. */
  get text(): string {
    return this.item.text;
  }

  private async update(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const state = editor && (await this.store.get(editor.document));
    if (!state) {
      this.item.hide();
      return;
    }
    const suggested = state.marks.filter((m) => m.state === 'suggested').length;
    const confirmed = state.marks.filter((m) => m.state === 'confirmed').length;
    const claims = state.marks.filter((m) => m.kind === 'claim').length;
    this.item.text = state.blocked
      ? `$(warning) tags paused`
      : `$(lightbulb) ${suggested} suggested · $(check) ${confirmed} confirmed · $(quote) ${claims} claims`;
    this.item.tooltip = state.blocked
      ? state.blocked.problem
      : `${suggested} suggestions to review, ${confirmed} confirmed tags, ${claims} claims${state.analysisSkipped ? ` — ${state.analysisSkipped}` : ''}. Click to list them.`;
    this.item.show();
  }
}
