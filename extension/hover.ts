import * as vscode from 'vscode';
import { describeMark } from './core/sidecar/describe';
import type { ArticleStore } from './store';

/** Hover cards for the tags and suggestions under the pointer. The card's Markdown is untrusted: no command links. */
export function registerHover(store: ArticleStore): vscode.Disposable {
  return vscode.languages.registerHoverProvider([{ language: 'plaintext' }, { language: 'markdown' }], {
    async provideHover(document, position) {
      const state = await store.get(document);
      if (!state) return undefined;
      const offset = document.offsetAt(position);
      const marks = state.marks.filter((m) => m.start <= offset && offset < m.end);
      if (marks.length === 0) return undefined;
      // Innermost first: an entity inside a claim is what the pointer is on.
      marks.sort((a, b) => a.end - a.start - (b.end - b.start));
      const contents = marks.map((mark) => {
        const md = new vscode.MarkdownString(describeMark(mark, { confirmKey: 'Alt+Y', rejectKey: 'Alt+X' }));
        md.isTrusted = false;
        md.supportHtml = false;
        md.supportThemeIcons = false;
        return md;
      });
      const inner = marks[0];
      return new vscode.Hover(contents, new vscode.Range(document.positionAt(inner.start), document.positionAt(inner.end)));
    },
  });
}
