import * as vscode from 'vscode';

/** What the researcher is told after a rejection that removed more than the suggestion under the cursor. */
export interface RejectionNotice {
  message: string;
  /** Takes the rejection back: the name is suggested again. */
  undo(): Promise<boolean>;
}

let last: RejectionNotice | undefined;

/** The last notice shown (for the tests: a notification's buttons cannot be pressed from an extension host). */
export function lastRejectionNotice(): RejectionNotice | undefined {
  return last;
}

/**
 * Says what a rejection did when it reached further than the suggestion under the cursor, and offers
 * Undo. A rejection that removed only that suggestion says nothing: reviewing by keyboard stays quiet.
 */
export function announceRejection(name: string, scope: 'workspace' | 'article', othersHere: number, undo: () => Promise<boolean>): void {
  if (scope === 'article' && othersHere === 0) return;
  const message =
    scope === 'workspace'
      ? vscode.l10n.t(
          'Source Annotator: “{0}” is rejected in every article of the workspace: it is no longer suggested anywhere (setting Rejection Scope).',
          name,
        )
      : othersHere === 1
        ? vscode.l10n.t('Source Annotator: “{0}” is rejected in this article: its other suggestion here is gone too.', name)
        : vscode.l10n.t(
            'Source Annotator: “{0}” is rejected in this article: its {1} other suggestions here are gone too.',
            name,
            othersHere,
          );
  last = { message, undo };
  const undoLabel = vscode.l10n.t('Undo');
  void vscode.window.showInformationMessage(message, undoLabel).then((choice) => (choice === undoLabel ? undo() : undefined));
}
