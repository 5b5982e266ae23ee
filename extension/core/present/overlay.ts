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
  const ruled = new Set(tags.filter((t) => t.anchoring !== 'orphaned').map((t) => key(t.kind, t.target.start, t.target.end)));
  const claimAt = new Map(analysis.claims.map((c) => [key('claim', c.start, c.end), c]));
  const marks: Mark[] = [];
  for (const tag of tags) {
    if (tag.status !== 'confirmed' || tag.anchoring === 'orphaned') continue;
    const { start, end } = tag.target;
    marks.push({ state: 'confirmed', kind: tag.kind, label: tag.label, start, end, tag, claim: claimAt.get(key(tag.kind, start, end)) ?? null });
  }
  for (const entity of analysis.entities) {
    if (!ruled.has(key('entity', entity.start, entity.end))) {
      marks.push({ state: 'suggested', kind: 'entity', label: entity.type, start: entity.start, end: entity.end, entity });
    }
  }
  for (const claim of analysis.claims) {
    if (!ruled.has(key('claim', claim.start, claim.end))) {
      marks.push({ state: 'suggested', kind: 'claim', label: 'Claim', start: claim.start, end: claim.end, claim });
    }
  }
  return marks.sort((a, b) => a.start - b.start || a.end - b.end);
}
