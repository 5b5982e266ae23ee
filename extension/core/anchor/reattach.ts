import type { Anchoring, Tag } from '../sidecar/types';
import { anchorTags } from './anchor';
import type { ContentChange } from './shift';
import { shiftTags } from './shift';
import { targetAt } from '../sidecar/target';

/**
 * Puts a tag (usually an orphan) on the researcher's selection [start, end) of `text`. The span is
 * widened so it never splits an emoji or a CRLF. Returns null when the selection is empty or not in the text.
 */
export function reattach(tag: Tag, text: string, start: number, end: number): Tag | null {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || end <= start) return null;
  return { ...tag, target: targetAt(text, start, end), anchoring: 'exact' };
}

/** The tags whose words were lost, for the Problems panel or a view. */
export function orphans(tags: readonly Tag[]): Tag[] {
  return tags.filter((t) => t.anchoring === 'orphaned');
}

export type AnchoringCounts = Record<Anchoring, number>;

/** How many tags were anchored each way, for a status message ("12 tags, 1 fuzzy to review, 2 orphaned"). */
export function countAnchoring(tags: readonly Tag[]): AnchoringCounts {
  const counts: AnchoringCounts = { exact: 0, moved: 0, fuzzy: 0, orphaned: 0 };
  for (const t of tags) counts[t.anchoring]++;
  return counts;
}

/**
 * What the editor calls on every `onDidChangeTextDocument`. An event with no content changes but a
 * different text is a change of line endings (VS Code reports the new EOL, not the replaced
 * characters): tags are then anchored again from their quotes, which ignores line endings.
 */
export function followDocumentChange(tags: readonly Tag[], changes: readonly ContentChange[], newText: string): Tag[] {
  return changes.length === 0 ? anchorTags(tags, newText) : shiftTags(tags, changes, newText);
}
