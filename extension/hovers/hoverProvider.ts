import * as vscode from 'vscode';
import { describeClaimLookup, describeEntityInfo, type LinkTo } from '../core/corpus/describe';
import { describeMark } from '../core/present/describe';
import type { Mark } from '../core/present/overlay';
import { escapeMarkdown } from '../core/text/escape';
import type { CorpusService } from '../corpusService/corpusService';
import type { ArticleStore } from '../articles/articleStore';

/** Other articles (mentions, matching or contradicting claims) listed per section of a card; the rest are a link away. */
const SHOWN = 2;
/** The only commands a card may link to: fixed links this code writes, never built from article text. */
const CARD_COMMANDS = ['sourceAnnotator.openOverview'];

/**
 * One hover card, for what the pointer is on (the innermost tag or suggestion: an entity inside a claim
 * is the entity), leading with what matters: its type and state, its verdict, what may contradict it.
 * Each corpus list shows its first few; the rest are one link away, in the Corpus Overview, instead of a
 * card that scrolls. An enclosing claim is summed up in one line, not stacked as a second card. Article
 * text is escaped; the only links are file links this code builds and the overview command.
 */
export function registerHover(store: ArticleStore, corpus: CorpusService): vscode.Disposable {
  return vscode.languages.registerHoverProvider([{ language: 'plaintext' }, { language: 'markdown' }], {
    async provideHover(document, position) {
      const state = await store.get(document);
      if (!state) return undefined;
      const offset = document.offsetAt(position);
      const marks = store.marksBetween(state, offset, offset).filter((m) => m.start <= offset && offset < m.end);
      if (marks.length === 0) return undefined;
      marks.sort((a, b) => a.end - a.start - (b.end - b.start));
      const inner = marks[0];
      const enclosing = marks.find((m) => m !== inner && m.kind === 'claim');
      let markdown = describeMark(inner, { confirmKey: 'Alt+Y', rejectKey: 'Alt+X' }) + corpusSection(corpus, document, inner);
      if (enclosing) markdown += '\n\n---\n\n' + claimLine(corpus, document, enclosing);
      return new vscode.Hover(card(markdown), new vscode.Range(document.positionAt(inner.start), document.positionAt(inner.end)));
    },
  });
}

function card(markdown: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(markdown);
  md.isTrusted = { enabledCommands: CARD_COMMANDS };
  md.supportHtml = false;
  md.supportThemeIcons = false;
  return md;
}

const overviewLink = (): string => `[${vscode.l10n.t('the Corpus Overview')}](command:${CARD_COMMANDS[0]})`;

function linker(corpus: CorpusService): LinkTo {
  return (target, offset) => {
    const uri = corpus.uriOf(target);
    const at = corpus.index.positionIn(target, offset);
    return uri && at ? uri.with({ fragment: `L${at.line + 1},${at.character + 1}` }).toString() : undefined;
  };
}

function corpusSection(corpus: CorpusService, document: vscode.TextDocument, mark: Mark): string {
  if (!corpus.isReady) return '\n\n---\n\n' + vscode.l10n.t('_Indexing the workspace’s articles…_');
  const path = corpus.pathOf(document.uri);
  if (mark.kind === 'entity') {
    const mention = corpus.index.mentionAt(path, mark.start);
    const key =
      (mark.state === 'confirmed' ? mark.tag.entityId : null) ??
      mention?.entityId ??
      document.getText(new vscode.Range(document.positionAt(mark.start), document.positionAt(mark.end)));
    const info = corpus.index.entityLookup(key, { excludePath: path, limit: 10 });
    if (!info) return '';
    const hidden = info.others.length - SHOWN;
    const more = hidden > 0 ? '  \n' + vscode.l10n.t('{0} more articles: see {1}', hidden, overviewLink()) : '';
    return '\n\n---\n\n' + describeEntityInfo(info, linker(corpus), { shown: SHOWN }) + more;
  }
  const lookup = corpus.index.claimLookup(path, mark.start, mark.end, { limit: 10 });
  if (!lookup) return '';
  const hidden = Math.max(0, lookup.matches.length - SHOWN) + Math.max(0, lookup.contradictions.length - SHOWN);
  const more = hidden > 0 ? '  \n' + vscode.l10n.t('{0} more: see {1}', hidden, overviewLink()) : '';
  return '\n\n---\n\n' + describeClaimLookup(lookup, linker(corpus), { shown: SHOWN }) + more;
}

/** The claim around an entity, in one line: its state, verdict and what the corpus says, counted. */
function claimLine(corpus: CorpusService, document: vscode.TextDocument, claim: Mark): string {
  const state = claim.state === 'confirmed' ? vscode.l10n.t('confirmed') : vscode.l10n.t('suggested');
  const verdict =
    claim.state === 'confirmed' && claim.tag.verdict ? vscode.l10n.t(' · verdict **{0}**', escapeMarkdown(claim.tag.verdict)) : '';
  const lookup = corpus.isReady ? corpus.index.claimLookup(corpus.pathOf(document.uri), claim.start, claim.end, { limit: 10 }) : undefined;
  const counts = lookup
    ? vscode.l10n.t(' · told in {0} other places · {1} may contradict', lookup.matches.length, lookup.contradictions.length)
    : '';
  return vscode.l10n.t('_In a claim_ ({0}{1}){2}: point at its other words for its card.', state, verdict, counts);
}
