import * as vscode from 'vscode';
import { COMMANDS } from '../commands/tagCommands';
import type { ArticleStore } from '../articles/articleStore';

const COUNT_DELAY_MS = 300;

/** "12 entities · 5 claims to review · 3 confirmed" for the active article; a click lists them. */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('sourceAnnotator.counts', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [this.item];

  constructor(private readonly store: ArticleStore) {
    this.item.name = vscode.l10n.t('Source Annotator');
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
    const { suggested, suggestedClaims, confirmed } = this.store.counts(state);
    // Entities and claims to review apart: a claim suggestion is not an entity suggestion.
    const entities = suggested - suggestedClaims;
    const counts = vscode.l10n.t(
      '$(lightbulb) {0} entities · $(quote) {1} claims to review · $(check) {2} confirmed',
      entities,
      suggestedClaims,
      confirmed,
    );
    const cutShort = vscode.l10n.t('$(watch) analysis cut short');
    this.item.text = state.blocked
      ? vscode.l10n.t('$(warning) tags paused')
      : state.unsaved
        ? vscode.l10n.t('$(warning) tags not saved · {0}', counts)
        : state.analysisCutShort
          ? `${cutShort} · ${counts}`
          : counts;
    this.item.tooltip = state.blocked
      ? state.blocked.problem
      : state.unsaved
        ? vscode.l10n.t(
            'The tags of this article could not be written: {0}. They are kept in this window; the next change retries.',
            state.unsaved,
          )
        : state.analysisCutShort
          ? vscode.l10n.t(
              'To review: {0} suggested entities and {1} suggested claims; {2} confirmed tags. The analysis of part of this article took longer than its time limit (setting sourceAnnotator.analysisTimeLimitSeconds) and was stopped: suggestions there may be missing. Click to list them.',
              entities,
              suggestedClaims,
              confirmed,
            )
          : state.analysisSkipped
            ? vscode.l10n.t(
                'To review: {0} suggested entities and {1} suggested claims; {2} confirmed tags — {3}. Click to list them.',
                entities,
                suggestedClaims,
                confirmed,
                state.analysisSkipped,
              )
            : vscode.l10n.t(
                'To review: {0} suggested entities and {1} suggested claims; {2} confirmed tags. Click to list them.',
                entities,
                suggestedClaims,
                confirmed,
              );
    this.item.backgroundColor = state.blocked || state.unsaved ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }
}
