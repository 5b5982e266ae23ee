import * as vscode from 'vscode';
import type { Mark } from '../core/present/overlay';
import type { ArticleState } from '../articleRegistry/articleState';
import type { ArticleStore } from './articleStore';

/** The active editor, its article and the cursor's offset in it. */
export interface ActiveArticle {
  editor: vscode.TextEditor;
  state: ArticleState;
  offset: number;
}

/** What the command at hand works on: undefined when the active editor shows no article (or there is none). */
export async function activeArticle(store: ArticleStore): Promise<ActiveArticle | undefined> {
  const editor = vscode.window.activeTextEditor;
  const state = editor && (await store.get(editor.document));
  if (!editor || !state) return undefined;
  return { editor, state, offset: editor.document.offsetAt(editor.selection.active) };
}

/** The marks at `offset`, innermost first: entities sit inside claims, and the shorter span is what the researcher means. */
export function marksUnderCursor(store: ArticleStore, state: ArticleState, offset: number): Mark[] {
  return [...store.marksBetween(state, offset, offset)].sort((a, b) => a.end - a.start - (b.end - b.start));
}
