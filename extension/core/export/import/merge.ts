/**
 * Puts imported tags into an article's sidecar. A tag already there on the same span and kind is
 * updated (label, status, note, verdict, entity id when the import has them; free tags united),
 * so importing the same file twice changes nothing. What cannot be anchored is reported, never guessed.
 */
import type { Span } from '../../detect/types';
import { addTag, updateTag, type Stamp, type TagChange } from '../../sidecar/model';
import type { ClaimParts, Sidecar, Tag } from '../../sidecar/types';
import { anchorer } from './anchor';
import type { ImportedTag, Locator } from './types';

export interface Unanchored {
  origin: string;
  quote: string;
  problem: string;
}

export interface MergeResult {
  sidecar: Sidecar;
  added: number;
  updated: number;
  unchanged: number;
  /** Tags that could not be placed, and claim parts dropped from claims that could. */
  unanchored: Unanchored[];
}

/** `offsetsText`: the text the imported offsets count in, when not the article (see anchorer). */
export function mergeImported(
  sidecar: Sidecar,
  text: string,
  imported: readonly ImportedTag[],
  stamp: Stamp,
  offsetsText?: string,
): MergeResult {
  const find = anchorer(text, offsetsText);
  const result: MergeResult = { sidecar, added: 0, updated: 0, unchanged: 0, unanchored: [] };
  for (const tag of imported) {
    const placed = find(tag.at);
    if ('problem' in placed) {
      result.unanchored.push({ origin: tag.origin, quote: tag.at.quote, problem: placed.problem });
      continue;
    }
    const tagStamp = { ...stamp, author: tag.author ?? stamp.author };
    const existing = result.sidecar.tags.find(
      (t) => t.kind === tag.kind && t.anchoring !== 'orphaned' && t.target.start === placed.start && t.target.end === placed.end,
    );
    if (existing) {
      const change = changeFor(existing, tag);
      if (Object.keys(change).length === 0) result.unchanged++;
      else {
        result.sidecar = updateTag(result.sidecar, existing.id, change, tagStamp);
        result.updated++;
      }
      continue;
    }
    const claim = tag.claim && claimParts(tag, find, result.unanchored, text);
    const { sidecar: next, tag: added } = addTag(
      result.sidecar,
      text,
      { kind: tag.kind, label: tag.label, status: 'confirmed', start: placed.start, end: placed.end, claim },
      tagStamp,
    );
    const fields: TagChange = { tags: [...new Set(tag.tags)], verdict: tag.verdict, note: tag.note, entityId: tag.entityId };
    result.sidecar = updateTag(next, added.id, fields, tagStamp);
    if (placed.anchoring !== 'exact') {
      result.sidecar = {
        ...result.sidecar,
        tags: result.sidecar.tags.map((t) => (t.id === added.id ? { ...t, anchoring: placed.anchoring } : t)),
      };
    }
    result.added++;
  }
  return result;
}

/** The fields the import would change on a tag that is already there. */
function changeFor(existing: Tag, tag: ImportedTag): TagChange {
  const change: TagChange = {};
  if (existing.label !== tag.label) change.label = tag.label;
  if (existing.status !== 'confirmed') change.status = 'confirmed';
  if (tag.note !== null && tag.note !== existing.note) change.note = tag.note;
  if (tag.verdict !== null && tag.verdict !== existing.verdict) change.verdict = tag.verdict;
  if (tag.entityId !== null && tag.entityId !== existing.entityId) change.entityId = tag.entityId;
  const united = [...new Set([...existing.tags, ...tag.tags])];
  if (united.length !== existing.tags.length) change.tags = united;
  return change;
}

function claimParts(tag: ImportedTag, find: ReturnType<typeof anchorer>, unanchored: Unanchored[], text: string): ClaimParts {
  const place = (at: Locator | null, role: string): Span | null => {
    if (!at) return null;
    const placed = find(at);
    if ('problem' in placed) {
      unanchored.push({ origin: `${tag.origin} (${role})`, quote: at.quote, problem: placed.problem });
      return null;
    }
    return { start: placed.start, end: placed.end, text: text.slice(placed.start, placed.end) };
  };
  const parts = tag.claim;
  return {
    source: place(parts?.source ?? null, 'source'),
    cue: place(parts?.cue ?? null, 'cue'),
    hedges: (parts?.hedges ?? []).flatMap((h) => place(h, 'hedge') ?? []),
    ...(parts?.resolvedSource && { resolvedSource: place(parts.resolvedSource, 'resolved source') }),
    ...(parts?.content && { content: place(parts.content, 'content') }),
  };
}
