import * as vscode from 'vscode';

/**
 * Articles longer than this (UTF-16 units, about 200 KB) are handled piecemeal so that typing never
 * waits for the whole text: analysed on screen first and the rest in slices, painted on screen first,
 * and re-indexed for the corpus only on save.
 */
export const LONG_ARTICLE_LENGTH = 200_000;

/** Lines handled beyond the visible ones, so scrolling a little shows no gap. */
const MARGIN_LINES = 150;

/** The document's length without building its text (a copy of a long article costs milliseconds). */
export function documentLength(document: vscode.TextDocument): number {
  return document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
}

export function isLong(document: vscode.TextDocument): boolean {
  return documentLength(document) > LONG_ARTICLE_LENGTH;
}

/** The offsets shown in an editor, widened by a margin of lines. */
export function visibleOffsets(editor: vscode.TextEditor): [number, number] {
  const document = editor.document;
  const first = Math.min(...editor.visibleRanges.map((r) => r.start.line));
  const last = Math.max(...editor.visibleRanges.map((r) => r.end.line));
  const from = new vscode.Position(Math.max(0, first - MARGIN_LINES), 0);
  const to = document.lineAt(Math.min(document.lineCount - 1, last + MARGIN_LINES)).range.end;
  return [document.offsetAt(from), document.offsetAt(to)];
}

/** What every editor showing the document shows, widened by the margin. */
export function visibleWindows(document: vscode.TextDocument): [number, number][] {
  return vscode.window.visibleTextEditors.filter((e) => e.document === document && e.visibleRanges.length > 0).map(visibleOffsets);
}

/**
 * Whether the document is in an editor tab, shown or not. VS Code keeps a document open for minutes after its
 * tab closes (and keeps those that extensions opened without a tab): no one sees those, so they are not worth
 * analysing a long article for.
 */
export function isInTab(document: vscode.TextDocument): boolean {
  const key = document.uri.toString();
  return vscode.window.tabGroups.all.some((group) =>
    group.tabs.some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === key),
  );
}
