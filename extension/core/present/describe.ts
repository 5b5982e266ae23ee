import * as l10n from '@vscode/l10n';
import { describeValue } from '../detect/temporal';
import type { ClaimMention, Span } from '../detect/types';
import { escapeMarkdown, quoteForCard as quote } from '../text/escape';
import type { Mark } from './overlay';
import type { ClaimParts } from '../sidecar/types';

/**
 * The hover card of a mark, as Markdown. Every piece of user or article text is escaped, so the card
 * can show no link, image, HTML or command that the text did not come from this code. The sentences go
 * through l10n.t (English unless the editor configured a bundle); what fills them is escaped first.
 */
export function describeMark(mark: Mark, hints: { confirmKey?: string; rejectKey?: string } = {}): string {
  const lines: string[] = [];
  const kindName = mark.kind === 'claim' ? l10n.t('Claim') : `${mark.label}`;
  if (mark.state === 'suggested') {
    lines.push(
      hints.confirmKey && hints.rejectKey
        ? l10n.t(
            '**{0}** · _suggestion_ — confirm with {1}, reject with {2}',
            kindName,
            escapeMarkdown(hints.confirmKey),
            escapeMarkdown(hints.rejectKey),
          )
        : l10n.t('**{0}** · _suggestion_', kindName),
    );
  } else {
    lines.push(l10n.t('**{0}** · confirmed', kindName));
  }
  if (mark.kind === 'entity') lines.push(quote(mark.state === 'suggested' ? mark.entity.text : mark.tag.target.quote));
  const value =
    mark.state === 'suggested' ? (mark.kind === 'entity' ? (mark.entity.date ?? mark.entity.money) : undefined) : mark.tag.value;
  if (value && describeValue(value)) lines.push(l10n.t('Value: {0}', escapeMarkdown(describeValue(value))));
  if (mark.state === 'confirmed') {
    const tag = mark.tag;
    if (tag.anchoring === 'fuzzy') lines.push(l10n.t('⚠ re-attached by a fuzzy match after the text changed: check it'));
    if (tag.tags.length > 0) lines.push(l10n.t('Tags: {0}', tag.tags.map(escapeMarkdown).join(', ')));
    if (tag.verdict) lines.push(l10n.t('Verdict: **{0}**', escapeMarkdown(tag.verdict)));
    if (tag.note) lines.push(l10n.t('Note: {0}', escapeMarkdown(tag.note)));
    if (tag.kind === 'claim') lines.push(...describeClaim(tag.claim ?? mark.claim));
    if (tag.kind === 'claim' && typeof tag.claim?.checkWorthiness === 'number')
      lines.push(l10n.t('Check-worthiness: {0}%', Math.round(tag.claim.checkWorthiness * 100)));
    const author = escapeMarkdown(tag.author || l10n.t('unknown'));
    const created = escapeMarkdown(tag.created.slice(0, 10));
    lines.push(
      tag.modified !== tag.created
        ? l10n.t('Tagged by {0} on {1}, changed {2}', author, created, escapeMarkdown(tag.modified.slice(0, 10)))
        : l10n.t('Tagged by {0} on {1}', author, created),
    );
  } else if (mark.kind === 'claim') {
    lines.push(...describeClaim(mark.claim));
    lines.push(l10n.t('Check-worthiness: {0}%', Math.round(mark.claim.score * 100)));
  }
  return lines.join('  \n');
}

function describeClaim(claim: ClaimParts | ClaimMention | null): string[] {
  if (!claim) return [];
  const span = (s: Span | null): string => (s ? quote(s.text, 80) : '—');
  // With a cue and no source, someone is reported ("it was announced that …") whom the sentence does not name: the
  // author only asserts what nobody is said to have said.
  const source = !claim.source
    ? claim.cue
      ? l10n.t('_not named_')
      : l10n.t('_the author_')
    : claim.resolvedSource
      ? l10n.t('{0} → {1}', span(claim.source), span(claim.resolvedSource))
      : span(claim.source);
  const lines = [l10n.t('Source: {0}', source), l10n.t('Cue: {0}', span(claim.cue))];
  if (claim.content) lines.push(l10n.t('Content: {0}', span(claim.content)));
  if (claim.hedges.length > 0) lines.push(l10n.t('Hedges: {0}', claim.hedges.map((h) => quote(h.text, 40)).join(', ')));
  return lines;
}
