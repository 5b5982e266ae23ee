import type { ClaimMention, Span } from '../detect/types';
import { escapeMarkdown } from '../text/escape';
import type { Mark } from './overlay';
import type { ClaimParts } from './types';

const quote = (text: string, max = 160): string => `“${escapeMarkdown(text.length > max ? text.slice(0, max - 1) + '…' : text)}”`;

/**
 * The hover card of a mark, as Markdown. Every piece of user or article text is escaped, so the card
 * can show no link, image, HTML or command that the text did not come from this code.
 */
export function describeMark(mark: Mark, hints: { confirmKey?: string; rejectKey?: string } = {}): string {
  const lines: string[] = [];
  const kindName = mark.kind === 'claim' ? 'Claim' : `${mark.label}`;
  if (mark.state === 'suggested') {
    const keys = hints.confirmKey && hints.rejectKey ? ` — confirm with ${hints.confirmKey}, reject with ${hints.rejectKey}` : '';
    lines.push(`**${kindName}** · _suggestion_${escapeMarkdown(keys)}`);
  } else {
    lines.push(`**${kindName}** · confirmed`);
  }
  if (mark.kind === 'entity') lines.push(quote(mark.state === 'suggested' ? mark.entity.text : mark.tag.target.quote));
  if (mark.state === 'confirmed') {
    const tag = mark.tag;
    if (tag.anchoring === 'fuzzy') lines.push('⚠ re-attached by a fuzzy match after the text changed: check it');
    if (tag.tags.length > 0) lines.push(`Tags: ${tag.tags.map(escapeMarkdown).join(', ')}`);
    if (tag.verdict) lines.push(`Verdict: **${escapeMarkdown(tag.verdict)}**`);
    if (tag.note) lines.push(`Note: ${escapeMarkdown(tag.note)}`);
    if (tag.kind === 'claim') lines.push(...describeClaim(tag.claim ?? mark.claim));
    lines.push(`Tagged by ${escapeMarkdown(tag.author || 'unknown')} on ${escapeMarkdown(tag.created.slice(0, 10))}` +
      (tag.modified !== tag.created ? `, changed ${escapeMarkdown(tag.modified.slice(0, 10))}` : ''));
  } else if (mark.kind === 'claim') {
    lines.push(...describeClaim(mark.claim));
    lines.push(`Check-worthiness: ${Math.round(mark.claim.score * 100)}%`);
  }
  return lines.join('  \n');
}

function describeClaim(claim: ClaimParts | ClaimMention | null): string[] {
  if (!claim) return [];
  const span = (s: Span | null): string => (s ? quote(s.text, 80) : '—');
  const lines = [`Source: ${claim.source ? span(claim.source) : '_the author_'}`, `Cue: ${span(claim.cue)}`];
  if (claim.hedges.length > 0) lines.push(`Hedges: ${claim.hedges.map((h) => quote(h.text, 40)).join(', ')}`);
  return lines;
}
