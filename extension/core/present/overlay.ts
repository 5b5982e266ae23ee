import type { Analysis, ClaimMention, EntityMention } from '../detect/types';
import type { Tag, TagKind, TagLabel } from '../sidecar/types';

/** One thing to show in the editor: a stored tag, or a detector suggestion nobody has ruled on yet. */
export type Mark =
  | { state: 'confirmed'; kind: TagKind; label: TagLabel; start: number; end: number; tag: Tag; claim: ClaimMention | null }
  | { state: 'suggested'; kind: 'entity'; label: TagLabel; start: number; end: number; entity: EntityMention }
  | { state: 'suggested'; kind: 'claim'; label: 'Claim'; start: number; end: number; claim: ClaimMention };

const key = (kind: TagKind, start: number, end: number): string => `${kind}:${start}:${end}`;

/**
 * Lays the researcher's tags over the detector's findings: a suggestion on a span that already has a
 * tag of its kind (confirmed or rejected) is not shown again; confirmed tags always show; rejected
 * tags never do. Sorted by position.
 */
export function overlay(analysis: Analysis, tags: readonly Tag[]): Mark[] {
  const placed = tags.filter((t) => t.anchoring !== 'orphaned');
  // Without tags (most articles, and every keystroke in an untagged long one) nothing is ruled: no keys to build.
  const ruled = placed.length ? new Set(placed.map((t) => key(t.kind, t.target.start, t.target.end))) : undefined;
  const confirmed: Mark[] = [];
  const claimTags = placed.filter((t) => t.status === 'confirmed' && t.kind === 'claim');
  const claimAt = claimTags.length ? new Map(analysis.claims.map((c) => [key('claim', c.start, c.end), c])) : undefined;
  for (const tag of placed) {
    if (tag.status !== 'confirmed') continue;
    const { start, end } = tag.target;
    confirmed.push({
      state: 'confirmed',
      kind: tag.kind,
      label: tag.label,
      start,
      end,
      tag,
      claim: claimAt?.get(key(tag.kind, start, end)) ?? null,
    });
  }
  const entities: Mark[] = [];
  for (const entity of analysis.entities) {
    if (!ruled?.has(key('entity', entity.start, entity.end))) {
      entities.push({ state: 'suggested', kind: 'entity', label: entity.type, start: entity.start, end: entity.end, entity });
    }
  }
  const claims: Mark[] = [];
  for (const claim of analysis.claims) {
    if (!ruled?.has(key('claim', claim.start, claim.end))) {
      claims.push({ state: 'suggested', kind: 'claim', label: 'Claim', start: claim.start, end: claim.end, claim });
    }
  }
  return merge(merge(sorted(confirmed), sorted(entities)), sorted(claims));
}

/**
 * A suggested date that is relative ("last week", "yesterday") or a duration ("three years"): the
 * editor may show these more faintly than calendar dates (the setting quietRelativeDates), as they
 * are many in news and seldom what a researcher tags.
 */
export function isQuietDate(mark: Mark): boolean {
  if (mark.state !== 'suggested' || mark.kind !== 'entity' || mark.label !== 'Date') return false;
  const kind = mark.entity.date?.kind;
  return kind === 'relative' || kind === 'duration';
}

const byPosition = (a: Mark, b: Mark): number => a.start - b.start || a.end - b.end;

/** The list in position order: the detector's findings nearly always come in order already, and checking costs less than sorting. */
function sorted(marks: Mark[]): Mark[] {
  for (let i = 1; i < marks.length; i++) if (byPosition(marks[i - 1], marks[i]) > 0) return marks.sort(byPosition);
  return marks;
}

/** Two lists in position order as one; on a tie the first list's mark comes first, as a stable sort of both would put it. */
function merge(a: Mark[], b: Mark[]): Mark[] {
  if (!a.length) return b;
  if (!b.length) return a;
  const out = new Array<Mark>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = byPosition(a[i], b[j]) <= 0 ? a[i++] : b[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}
