import * as vscode from 'vscode';
import { describeClaimLookup, describeEntityInfo } from '../core/corpus/describe';
import { describeMark } from '../core/present/describe';
import type { Mark } from '../core/present/overlay';
import type { CorpusService } from '../corpusService/corpusService';
import type { ArticleStore } from '../articles/articleStore';

/**
 * Hover cards for the tags and suggestions under the pointer, with what the rest of the corpus says
 * about them. The Markdown is untrusted (no command links run); the only links are file links this
 * code builds to open other articles at a mention.
 */
export function registerHover(store: ArticleStore, corpus: CorpusService): vscode.Disposable {
  return vscode.languages.registerHoverProvider([{ language: 'plaintext' }, { language: 'markdown' }], {
    async provideHover(document, position) {
      const state = await store.get(document);
      if (!state) return undefined;
      const offset = document.offsetAt(position);
      const marks = store.marksBetween(state, offset, offset).filter((m) => m.start <= offset && offset < m.end);
      if (marks.length === 0) return undefined;
      // Innermost first: an entity inside a claim is what the pointer is on.
      marks.sort((a, b) => a.end - a.start - (b.end - b.start));
      const contents = marks.map((mark) => untrusted(describeMark(mark, { confirmKey: 'Alt+Y', rejectKey: 'Alt+X' }) + corpusSection(corpus, document, mark)));
      const inner = marks[0];
      return new vscode.Hover(contents, new vscode.Range(document.positionAt(inner.start), document.positionAt(inner.end)));
    },
  });
}

function untrusted(markdown: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(markdown);
  md.isTrusted = false;
  md.supportHtml = false;
  md.supportThemeIcons = false;
  return md;
}

function corpusSection(corpus: CorpusService, document: vscode.TextDocument, mark: Mark): string {
  if (!corpus.isReady) return '\n\n---\n\n' + vscode.l10n.t('_Indexing the workspace’s articles…_');
  const path = corpus.pathOf(document.uri);
  const linkTo = (target: string, offset: number): string | undefined => {
    const uri = corpus.uriOf(target);
    const at = corpus.index.positionIn(target, offset);
    return uri && at ? uri.with({ fragment: `L${at.line + 1},${at.character + 1}` }).toString() : undefined;
  };
  if (mark.kind === 'entity') {
    const mention = corpus.index.mentionAt(path, mark.start);
    const key =
      (mark.state === 'confirmed' ? mark.tag.entityId : null) ??
      mention?.entityId ??
      document.getText(new vscode.Range(document.positionAt(mark.start), document.positionAt(mark.end)));
    const info = corpus.index.entityLookup(key, { excludePath: path, limit: 5 });
    return info ? '\n\n---\n\n' + describeEntityInfo(info, linkTo) : '';
  }
  const lookup = corpus.index.claimLookup(path, mark.start, mark.end, { limit: 5 });
  return lookup ? '\n\n---\n\n' + describeClaimLookup(lookup, linkTo) : '';
}
