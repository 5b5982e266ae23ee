import { escapeMarkdown } from '../text/escape';
import type { ClaimLookup, ClaimMatch, EntityInfo } from './index';

/** Builds the link that opens an article at an offset; the editor makes it a file URI with a line fragment. */
export type LinkTo = (path: string, offset: number) => string | undefined;

const link = (linkTo: LinkTo, path: string, offset: number, label: string): string => {
  const target = linkTo(path, offset);
  // The target is a URI this code built, never text from an article; the label is escaped text.
  return target ? `[${escapeMarkdown(label)}](${encodeURI(target)})` : escapeMarkdown(label);
};

/** The corpus part of an entity's hover card: canonical name, counts, other articles with a line of context. */
export function describeEntityInfo(info: EntityInfo, linkTo: LinkTo): string {
  const lines: string[] = [];
  const head = `**${escapeMarkdown(info.name)}** · ${info.type}` + (info.entityId ? '' : ' · _not linked to a canonical entity_');
  lines.push(head);
  if (info.aliases.length > 0) lines.push(`Also: ${info.aliases.map(escapeMarkdown).join(', ')}`);
  if (info.description) lines.push(escapeMarkdown(info.description));
  if (info.externalId) lines.push(`External id: ${escapeMarkdown(info.externalId)}`);
  lines.push(`${info.mentionCount} mention${info.mentionCount === 1 ? '' : 's'} in ${info.articleCount} article${info.articleCount === 1 ? '' : 's'}`);
  for (const other of info.others) lines.push(`- ${link(linkTo, other.path, other.start, other.path)}: ${escapeMarkdown(other.line)}`);
  return lines.join('  \n');
}

/** The corpus part of a claim's hover card: the same claim told elsewhere, and what may contradict it, each explained. */
export function describeClaimLookup(lookup: ClaimLookup, linkTo: LinkTo): string {
  const lines: string[] = [];
  const section = (title: string, matches: ClaimMatch[]): void => {
    if (matches.length === 0) return;
    lines.push(`**${title}**`);
    for (const m of matches) {
      const source = m.source ? `${escapeMarkdown(m.source)}, ` : '';
      const verdict = m.verdict ? ` · verdict: ${escapeMarkdown(m.verdict)}` : '';
      lines.push(`- ${link(linkTo, m.path, m.start, m.path)} (${source}${Math.round(m.score * 100)}%${verdict}): “${escapeMarkdown(m.text.length > 140 ? m.text.slice(0, 139) + '…' : m.text)}”`);
      lines.push(`  _${escapeMarkdown(m.explanation.summary)}_`);
    }
  };
  section(`Told in ${lookup.matches.length} other place${lookup.matches.length === 1 ? '' : 's'}`, lookup.matches);
  section(`May contradict (${lookup.contradictions.length})`, lookup.contradictions);
  if (lines.length === 0) lines.push('_No matching or contradicting claim in the other articles._');
  return lines.join('  \n');
}
