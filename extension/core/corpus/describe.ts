import * as l10n from '@vscode/l10n';
import { escapeMarkdown, quoteForCard } from '../text/escape';
import type { ClaimLookup, ClaimMatch, ClaimPlace, EntityInfo } from './index';

/** Builds the link that opens an article at an offset; the editor makes it a file URI with a line fragment. */
export type LinkTo = (path: string, offset: number) => string | undefined;

/**
 * A URI as a Markdown link destination. It is already percent-encoded (the editor's Uri.toString()):
 * encoding it again turned "%20" into "%2520", so articles whose names have spaces or brackets did
 * not open, and the column of the fragment "L3%2C5" was lost. Only what would end or break the
 * destination is encoded here: spaces, parentheses, angle brackets, backslashes, control characters.
 */
function destination(uri: string): string {
  return uri.replace(/[\s()<>\\\u0000-\u001f\u007f]/g, (c) => (c === '(' ? '%28' : c === ')' ? '%29' : encodeURIComponent(c)));
}

const link = (linkTo: LinkTo, path: string, offset: number, label: string): string => {
  const target = linkTo(path, offset);
  // The target is a URI this code built, never text from an article; the label is escaped text.
  return target ? `[${escapeMarkdown(label)}](${destination(target)})` : escapeMarkdown(label);
};

/** The corpus part of an entity's hover card: canonical name, counts, other articles with a line of context. */
export function describeEntityInfo(info: EntityInfo, linkTo: LinkTo, { shown = info.others.length }: { shown?: number } = {}): string {
  const lines: string[] = [];
  const name = escapeMarkdown(info.name);
  lines.push(
    info.entityId
      ? l10n.t('**{0}** · {1}', name, info.type)
      : l10n.t('**{0}** · {1} · _not linked to a canonical entity_', name, info.type),
  );
  if (info.aliases.length > 0) lines.push(l10n.t('Also: {0}', info.aliases.map(escapeMarkdown).join(', ')));
  if (info.description) lines.push(escapeMarkdown(info.description));
  if (info.externalId) lines.push(l10n.t('External id: {0}', escapeMarkdown(info.externalId)));
  lines.push(mentionCount(info.mentionCount, info.articleCount));
  for (const other of info.others.slice(0, shown))
    lines.push(`- ${link(linkTo, other.path, other.start, other.path)}: ${escapeMarkdown(other.line)}`);
  return lines.join('  \n');
}

/**
 * The corpus part of a claim's hover card: what may contradict it first (what a fact-checker looks for),
 * then the same claim told elsewhere, each explained; `shown` of each, the counts say how many there are.
 */
export function describeClaimLookup(lookup: ClaimLookup, linkTo: LinkTo, { shown = Infinity }: { shown?: number } = {}): string {
  const lines: string[] = [];
  const section = (title: string, matches: (ClaimMatch & { alsoIn?: ClaimPlace[] })[]): void => {
    if (matches.length === 0) return;
    lines.push(`**${title}**`);
    for (const m of matches.slice(0, shown)) {
      const where = link(linkTo, m.path, m.start, m.path);
      const score = Math.round(m.score * 100);
      const said = quoteForCard(m.text, 140);
      const source = m.source && escapeMarkdown(m.source);
      const verdict = m.verdict && escapeMarkdown(m.verdict);
      lines.push(
        source && verdict
          ? l10n.t('- {0} ({1}, {2}% · verdict: {3}): {4}', where, source, score, verdict, said)
          : source
            ? l10n.t('- {0} ({1}, {2}%): {3}', where, source, score, said)
            : verdict
              ? l10n.t('- {0} ({1}% · verdict: {2}): {3}', where, score, verdict, said)
              : l10n.t('- {0} ({1}%): {2}', where, score, said),
      );
      // The same contradicting claim told elsewhere too: one item, with where else, rather than one item per article.
      if (m.alsoIn?.length) lines.push('  ' + l10n.t('also in {0}', m.alsoIn.map((p) => link(linkTo, p.path, p.start, p.path)).join(', ')));
      lines.push(`  _${escapeMarkdown(m.explanation.summary)}_`);
    }
  };
  const told = lookup.matches.length;
  section(l10n.t('May contradict ({0})', lookup.contradictions.length), lookup.contradictions);
  section(told === 1 ? l10n.t('Told in 1 other place') : l10n.t('Told in {0} other places', told), lookup.matches);
  if (lines.length === 0) lines.push(l10n.t('_No matching or contradicting claim in the other articles._'));
  return lines.join('  \n');
}

function mentionCount(mentions: number, articles: number): string {
  if (mentions === 1) return articles === 1 ? l10n.t('1 mention in 1 article') : l10n.t('1 mention in {0} articles', articles);
  return articles === 1 ? l10n.t('{0} mentions in 1 article', mentions) : l10n.t('{0} mentions in {1} articles', mentions, articles);
}
