import * as vscode from 'vscode';
import { COMMANDS } from './commands';
import type { ArticleStore } from './store';

const COUNT_DELAY_MS = 300;

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
        if (s.document !== vscode.window.activeTextEditor?.document) return;
        // Counting needs every mark of the article: wait until typing pauses.
        clearTimeout(this.pending);
        this.pending = setTimeout(() => void this.update(), COUNT_DELAY_MS);
      }),
    );
    void this.update();
  }

  private pending: ReturnType<typeof setTimeout> | undefined;

  dispose(): void {
    clearTimeout(this.pending);
    for (const d of this.disposables) d.dispose();
  }

  /** Brings the counts up to date now (tests call it instead of waiting). */
  async flush(): Promise<void> {
    clearTimeout(this.pending);
    await this.update();
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
    const { suggested, confirmed, claims } = this.store.counts(state);
    const counts = `$(lightbulb) ${suggested} suggested · $(check) ${confirmed} confirmed · $(quote) ${claims} claims`;
    this.item.text = state.blocked ? `$(warning) tags paused` : state.unsaved ? `$(warning) tags not saved · ${counts}` : counts;
    this.item.tooltip = state.blocked
      ? state.blocked.problem
      : state.unsaved
        ? `The tags of this article could not be written: ${state.unsaved}. They are kept in this window; the next change retries.`
        : `${suggested} suggestions to review, ${confirmed} confirmed tags, ${claims} claims${state.analysisSkipped ? ` — ${state.analysisSkipped}` : ''}. Click to list them.`;
    this.item.backgroundColor = state.blocked || state.unsaved ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }
}
