import { anchorTags } from '../anchor';
import type { Sidecar, Tag } from '../sidecar/types';
import { contentHash } from '../text/hash';

/**
 * Tags an edit orphaned get one more chance, by quote and context: a file rewritten on disk reaches an
 * open editor as one replacement of everything, and a paste over a paragraph may put the same words
 * back. So do older orphans whose words an edit (an undo, a paste) brings back.
 */
export function rescueOrphans(before: readonly Tag[], after: Tag[], changes: readonly { text: string }[], text: string): Tag[] {
  const wasOrphan = new Set(before.filter((t) => t.anchoring === 'orphaned').map((t) => t.id));
  const candidates = after.filter(
    (t) => t.anchoring === 'orphaned' && (!wasOrphan.has(t.id) || changes.some((c) => c.text.includes(t.target.quote))),
  );
  if (candidates.length === 0) return after;
  const found = new Map(anchorTags(candidates, text).map((t) => [t.id, t]));
  return after.map((t) => found.get(t.id) ?? t);
}

/**
 * The sidecar's offsets hold for the text it was written with, if every quote is where it says; for any
 * other text (or a hand-edited file with offsets out of place), each tag is found again by its quote.
 */
export function anchorIfStale(sidecar: Sidecar, text: string): Sidecar {
  const inPlace = sidecar.tags.every((t) => t.anchoring === 'orphaned' || text.slice(t.target.start, t.target.end) === t.target.quote);
  if (inPlace && sidecar.contentHash === contentHash(text)) return sidecar;
  return { ...sidecar, tags: anchorTags(sidecar.tags, text) };
}
