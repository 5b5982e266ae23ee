import type { Sidecar, Tag } from './types';

/**
 * A tag both sides changed in ways that cannot both hold. `both-changed`: the same fields were set
 * to different values (this side's values were kept). `deleted-and-changed`: one side deleted the
 * tag while the other changed it (the tag was kept, with the changes).
 */
export interface MergeConflict {
  id: string;
  kind: 'both-changed' | 'deleted-and-changed';
  /** The fields that disagree (for `deleted-and-changed`: the fields the other side changed). */
  fields: string[];
  mine: Tag | null;
  theirs: Tag | null;
}

export interface MergeResult {
  sidecar: Sidecar;
  conflicts: MergeConflict[];
}

/**
 * What the researcher decides about a tag. Position fields (`target`, `anchoring`) are left out: they
 * change whenever the text changes, and after a merge the caller anchors every tag against the
 * article text it has (`anchorTags`), so a difference there is not a disagreement between people.
 */
const DECIDED_FIELDS = ['kind', 'label', 'status', 'tags', 'verdict', 'note', 'claim', 'entityId'] as const;
type DecidedField = (typeof DECIDED_FIELDS)[number];

function equalJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every(
    (k) => Object.prototype.hasOwnProperty.call(b, k) && equalJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

function changedFields(from: Tag, to: Tag): DecidedField[] {
  return DECIDED_FIELDS.filter((f) => !equalJson(from[f], to[f]));
}

/** Free-form labels merge as sets: each side's additions and removals both apply. */
function mergeLabels(base: string[], mine: string[], theirs: string[]): string[] {
  const removed = new Set(base.filter((t) => !mine.includes(t) || !theirs.includes(t)));
  const all = [...mine, ...theirs.filter((t) => !mine.includes(t))];
  return all.filter((t) => !removed.has(t));
}

function newer(a: string, b: string): string {
  return a >= b ? a : b;
}

/** Three-way merge of one tag present on both sides: each field takes the side that changed it. */
function mergeTag(base: Tag | undefined, mine: Tag, theirs: Tag): { tag: Tag; conflicting: string[] } {
  if (equalJson(mine, theirs)) return { tag: mine, conflicting: [] };
  const merged: Tag = { ...mine };
  const conflicting: string[] = [];
  for (const field of DECIDED_FIELDS) {
    if (equalJson(mine[field], theirs[field])) continue;
    if (field === 'tags') {
      merged.tags = mergeLabels(base?.tags ?? [], mine.tags, theirs.tags);
    } else if (base && equalJson(base[field], mine[field])) {
      (merged as unknown as Record<string, unknown>)[field] = theirs[field];
    } else if (!(base && equalJson(base[field], theirs[field]))) {
      conflicting.push(field);
    }
  }
  const theirsDecided = base ? changedFields(base, theirs).length > 0 : false;
  const mineDecided = base ? changedFields(base, mine).length > 0 : true;
  // The position this window holds fits the text it has; the other side's only when this side did not move the tag.
  if (base && equalJson(base.target, mine.target) && !equalJson(base.target, theirs.target)) {
    merged.target = theirs.target;
    merged.anchoring = theirs.anchoring;
  }
  if (theirsDecided && !mineDecided) merged.author = theirs.author;
  merged.modified = newer(mine.modified, theirs.modified);
  merged.created = mine.created <= theirs.created ? mine.created : theirs.created;
  return { tag: merged, conflicting };
}

/**
 * Merges two versions of one article's sidecar that both started from `base` (null when there was
 * no common version, e.g. two windows creating the sidecar at once), by tag id:
 * - a tag added on one side is kept; changes made on one side only are kept;
 * - a tag deleted on one side and unchanged on the other is deleted; deleted on one side and
 *   changed on the other it is kept, and reported;
 * - a field changed differently on both sides keeps this side's (`mine`) value, and is reported;
 *   free-form labels (`tags`) merge as sets, so they never conflict.
 * Tag positions are not compared (see DECIDED_FIELDS): anchor the result against the article text.
 * Used for a sidecar changed on disk while open, and by a git merge driver.
 */
export function mergeSidecars(base: Sidecar | null, mine: Sidecar, theirs: Sidecar): MergeResult {
  const baseById = new Map((base?.tags ?? []).map((t) => [t.id, t]));
  const theirsById = new Map(theirs.tags.map((t) => [t.id, t]));
  const mineIds = new Set(mine.tags.map((t) => t.id));
  const tags: Tag[] = [];
  const conflicts: MergeConflict[] = [];

  const oneSided = (kept: Tag, baseTag: Tag | undefined, keptIsMine: boolean) => {
    if (!baseTag) {
      tags.push(kept); // added on one side
      return;
    }
    const changed = changedFields(baseTag, kept);
    if (changed.length === 0) return; // deleted on the other side, untouched here
    tags.push(kept);
    conflicts.push({
      id: kept.id,
      kind: 'deleted-and-changed',
      fields: changed,
      mine: keptIsMine ? kept : null,
      theirs: keptIsMine ? null : kept,
    });
  };

  for (const m of mine.tags) {
    const t = theirsById.get(m.id);
    const b = baseById.get(m.id);
    if (!t) {
      oneSided(m, b, true);
      continue;
    }
    const { tag, conflicting } = mergeTag(b, m, t);
    tags.push(tag);
    if (conflicting.length) conflicts.push({ id: m.id, kind: 'both-changed', fields: conflicting, mine: m, theirs: t });
  }
  for (const t of theirs.tags) {
    if (!mineIds.has(t.id)) oneSided(t, baseById.get(t.id), false);
  }
  return { sidecar: { ...mine, tags }, conflicts };
}

/** Whether `theirs` carries what `version` changed from `before`: a tag it added or changed, as it left it, or the absence of one it deleted. */
function carriesChangesOf(before: Sidecar | null, version: Sidecar | null, theirs: Map<string, Tag>): boolean | null {
  const earlier = new Map((before?.tags ?? []).map((t) => [t.id, t]));
  const later = new Map((version?.tags ?? []).map((t) => [t.id, t]));
  let changed = false;
  for (const [id, tag] of later) {
    const old = earlier.get(id);
    const fields = old ? changedFields(old, tag) : DECIDED_FIELDS;
    if (fields.length === 0) continue;
    changed = true;
    const theirTag = theirs.get(id);
    if (theirTag && fields.every((f) => equalJson(theirTag[f], tag[f]))) return true;
  }
  for (const id of earlier.keys()) {
    if (later.has(id)) continue;
    changed = true;
    if (!theirs.has(id)) return true;
  }
  return changed ? false : null;
}

/**
 * The version another writer started from, among the versions this side wrote or read in turn (oldest
 * first): the newest one whose changes `theirs` carries (see carriesChangesOf; a version that changed
 * nothing is as good as the one before it). A writer that read the file before this side's last write
 * (an import racing the editor) started from the version before it: taking the last write as the base
 * would make the tags it added look "deleted on the other side". Without a trace of any later version,
 * the oldest is the base. A writer that deliberately removed exactly what a version added leaves no
 * trace either, so callers pass only versions another writer can still have missed (written moments ago).
 */
export function commonBase(versions: readonly (Sidecar | null)[], theirs: Sidecar): Sidecar | null {
  const theirTags = new Map(theirs.tags.map((t) => [t.id, t]));
  for (let k = versions.length - 1; k > 0; k--) {
    if (carriesChangesOf(versions[k - 1], versions[k], theirTags) !== false) return versions[k];
  }
  return versions[0] ?? null;
}
