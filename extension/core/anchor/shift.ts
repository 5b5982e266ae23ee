import type { Span } from '../detect/types';
import type { Anchoring, ClaimParts, Tag, TagTarget } from '../sidecar/types';
import { orphanAt, targetAt, withTarget } from '../sidecar/target';
import { lowerBound } from '../text/sorted';

/** One entry of VS Code's `TextDocumentChangeEvent.contentChanges` (the fields used here). */
export interface ContentChange {
  /** UTF-16 offset of the replaced range in the document as it was before this change. */
  rangeOffset: number;
  rangeLength: number;
  /** The text that replaced the range (empty for a deletion). */
  text: string;
}

/**
 * Changes that all refer to one version of the document: sorted by offset, not overlapping.
 * `before[i]` is how much the changes ahead of change i lengthened the text (one more entry: all of them).
 */
interface Batch {
  starts: number[];
  ends: number[];
  inserted: number[];
  texts: string[];
  before: number[];
}

/**
 * Which version of the document each change refers to. VS Code's own mirror of a document
 * (`MirrorTextModel`, which backs `TextDocument` in the extension host) applies the entries of
 * `contentChanges` one after another, each to the result of the previous one, as the LSP spec says
 * for `didChange`. For one edit operation (multi-cursor typing, replace-all, undo of either) VS Code
 * reports the changes sorted by descending offset (microsoft/vscode#11487, #88570), so each also
 * holds for the document before the event. Consecutive entries that are descending and do not
 * overlap therefore form one batch, mapped in a single pass; any other order (another extension
 * re-sorted the array) falls back to one batch per change, which is still right, only slower.
 */
function toBatches(changes: readonly ContentChange[]): Batch[] {
  const runs: ContentChange[][] = [];
  let run: ContentChange[] = [];
  for (const change of changes) {
    const previous = run[run.length - 1];
    if (previous && change.rangeOffset + change.rangeLength > previous.rangeOffset) {
      runs.push(run);
      run = [];
    }
    run.push(change);
  }
  if (run.length) runs.push(run);
  return runs.map((descending) => {
    const batch: Batch = { starts: [], ends: [], inserted: [], texts: [], before: [] };
    let delta = 0;
    for (let i = descending.length - 1; i >= 0; i--) {
      const c = descending[i];
      batch.starts.push(c.rangeOffset);
      batch.ends.push(c.rangeOffset + c.rangeLength);
      batch.inserted.push(c.text.length);
      batch.texts.push(c.text);
      batch.before.push(delta);
      delta += c.text.length - c.rangeLength;
    }
    batch.before.push(delta);
    return batch;
  });
}

/** How many of the sorted values are <= limit (or < limit when `strict`). */
function countUpTo(sorted: number[], limit: number, strict: boolean): number {
  return lowerBound(sorted.length, strict ? (i) => sorted[i] < limit : (i) => sorted[i] <= limit);
}

/**
 * Where a span's first character goes. Text inserted exactly at the start goes before the span
 * (typing in front of a name does not extend its tag); a change that begins at the start replaces
 * the span's own first words, so its new text belongs to the span; a change that begins before it
 * and eats into it leaves the span starting after the new text.
 */
function mapStart(batch: Batch, p: number): number {
  const i = countUpTo(batch.ends, p, false);
  if (i < batch.starts.length && batch.starts[i] < p) return batch.starts[i] + batch.before[i] + batch.inserted[i];
  return p + batch.before[i];
}

/** Where a span's end goes: text inserted exactly at the end stays outside; a change across the end cuts the span there. */
function mapEnd(batch: Batch, p: number): number {
  const j = countUpTo(batch.starts, p, true);
  if (j > 0 && batch.ends[j - 1] > p) return batch.starts[j - 1] + batch.before[j - 1];
  return p + batch.before[j];
}

/** Exact characters of context a pasted copy of an orphan's words must share with it to be taken for them. */
const PASTED_CONTEXT = 8;

/** How many characters of the stored context sit exactly around `at` in `text`. */
function sharedContext(text: string, at: number, target: TagTarget): number {
  let before = 0;
  while (before < target.prefix.length && at - before > 0 && text[at - before - 1] === target.prefix[target.prefix.length - before - 1])
    before++;
  const end = at + target.quote.length;
  let after = 0;
  while (after < target.suffix.length && end + after < text.length && text[end + after] === target.suffix[after]) after++;
  return before + after;
}

/**
 * An orphan comes back when a change puts its exact words back. The usual cases are undo (the words
 * come back where they were deleted) and cut and paste (a sentence moved elsewhere). Text inserted
 * at the orphan's position is searched first (changes that touch each other count as one insertion:
 * undoing two adjacent deletions inserts two pieces); of several occurrences there, the one with
 * the orphan's own prefix and suffix around it wins, else none. Text inserted elsewhere brings the
 * orphan back only when a single occurrence there has some of its context with it: the paste of a
 * passage that held the tag, not the same word typed anew.
 */
function revivedStart(batch: Batch, point: number, target: TagTarget, newText: string): { at: number; anchoring: Anchoring } | null {
  const { quote, prefix, suffix } = target;
  const insertedRange = (first: number, last: number): [number, number] => [
    batch.starts[first] + batch.before[first],
    batch.starts[last] + batch.before[last] + batch.inserted[last],
  ];
  const occurrences = (from: number, to: number, limit = Infinity): number[] => {
    const found: number[] = [];
    for (
      let at = newText.indexOf(quote, from);
      at >= 0 && at + quote.length <= to && found.length < limit;
      at = newText.indexOf(quote, at + 1)
    )
      found.push(at);
    return found;
  };
  let first = countUpTo(batch.ends, point, true);
  if (first < batch.starts.length && batch.starts[first] <= point) {
    let last = first;
    while (first > 0 && batch.ends[first - 1] === batch.starts[first]) first--;
    while (last + 1 < batch.starts.length && batch.starts[last + 1] === batch.ends[last]) last++;
    const found = occurrences(...insertedRange(first, last));
    if (found.length === 1) return { at: found[0], anchoring: 'exact' };
    const inContext = found.filter(
      (at) =>
        newText.slice(at - prefix.length, at) === prefix && newText.slice(at + quote.length, at + quote.length + suffix.length) === suffix,
    );
    if (inContext.length === 1) return { at: inContext[0], anchoring: 'exact' };
    if (found.length > 1) return null;
  }
  let pasted: number | null = null;
  for (let i = 0; i < batch.starts.length; i++) {
    if (batch.inserted[i] < quote.length) continue;
    // Two are enough to know the paste is ambiguous: a long paste of common words is not searched to its end.
    const found = occurrences(...insertedRange(i, i), 2);
    if (found.length > 1 || (found.length === 1 && pasted !== null)) return null;
    if (found.length === 1) pasted = found[0];
  }
  // The paste may hold a copy of the words rather than the words cut: it is for the researcher to confirm.
  return pasted !== null && sharedContext(newText, pasted, target) >= PASTED_CONTEXT ? { at: pasted, anchoring: 'fuzzy' } : null;
}

/** Claim parts follow the text like tags do; a part whose words were all deleted is dropped (it is the detector's guess, not a tag). */
function shiftClaim(claim: ClaimParts, batches: Batch[], newText: string): ClaimParts {
  let changed = false;
  const shiftSpan = (span: Span): Span | null => {
    let { start, end } = span;
    for (const batch of batches) {
      start = mapStart(batch, start);
      end = mapEnd(batch, end);
      if (end <= start) {
        changed = true;
        return null;
      }
    }
    const target = targetAt(newText, start, end);
    if (target.start === span.start && target.end === span.end && target.quote === span.text) return span;
    changed = true;
    return { start: target.start, end: target.end, text: target.quote };
  };
  const shifted: ClaimParts = {
    source: claim.source && shiftSpan(claim.source),
    cue: claim.cue && shiftSpan(claim.cue),
    hedges: claim.hedges.map(shiftSpan).filter((s): s is Span => s !== null),
    ...(claim.resolvedSource !== undefined && { resolvedSource: claim.resolvedSource && shiftSpan(claim.resolvedSource) }),
    ...(claim.content !== undefined && { content: claim.content && shiftSpan(claim.content) }),
    ...(claim.checkWorthiness !== undefined && { checkWorthiness: claim.checkWorthiness }),
  };
  return changed ? shifted : claim;
}

/**
 * Whether a tag's words were mostly replaced: less than half of the longer of its old and new quote
 * is kept at their two ends. Fixing a typo or inserting a word keeps most; rewriting the passage
 * does not, and the tag then sits on what is left of its words or on new ones: it asks for review.
 */
function mostlyReplaced(before: string, after: string): boolean {
  if (before === after) return false;
  const shorter = Math.min(before.length, after.length);
  let head = 0;
  while (head < shorter && before.charCodeAt(head) === after.charCodeAt(head)) head++;
  let tail = 0;
  while (tail < shorter - head && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return 2 * (head + tail) < Math.max(before.length, after.length);
}

/**
 * The editor path: moves tags along with one `onDidChangeTextDocument` event, without searching
 * the text. `newText` is the document after the event.
 *
 * A tag follows the words the researcher tagged: edits inside its span (fixing a typo, inserting a
 * word, replacing exactly its words as replace-all does) keep the tag and its quote is updated from
 * the new text. A tag whose every character is deleted becomes `orphaned`, never removed; it keeps
 * its quote, and its position follows later edits so that undo puts it back. Quote, prefix and
 * suffix are refreshed from `newText`. A tag whose words were mostly replaced becomes `fuzzy`, for
 * review; anchoring is otherwise unchanged (a fuzzy anchor stays for review).
 *
 * Cost: O((tags + changes) · log changes) per event, plus the slices of each target.
 */
export function shiftTags(tags: readonly Tag[], changes: readonly ContentChange[], newText: string): Tag[] {
  if (changes.length === 0) return [...tags];
  const batches = toBatches(changes);
  const last = batches[batches.length - 1];
  return tags.map((tag) => {
    let { start, end } = tag.target;
    let orphaned = tag.anchoring === 'orphaned';
    for (const batch of batches) {
      if (orphaned) {
        const revived = batch === last ? revivedStart(batch, start, tag.target, newText) : null;
        if (revived) return withTarget(tag, targetAt(newText, revived.at, revived.at + tag.target.quote.length), revived.anchoring);
        start = mapStart(batch, start);
        continue;
      }
      start = mapStart(batch, start);
      end = mapEnd(batch, end);
      // Every character of the span was deleted: the orphan stays where its words were.
      if (end <= start) {
        orphaned = true;
        start = end;
      }
    }
    if (orphaned) return orphanAt(tag, start);
    const target = targetAt(newText, start, end);
    const moved = withTarget(
      tag,
      target,
      tag.anchoring !== 'fuzzy' && mostlyReplaced(tag.target.quote, target.quote) ? 'fuzzy' : tag.anchoring,
    );
    if (!moved.claim) return moved;
    const claim = shiftClaim(moved.claim, batches, newText);
    return claim === moved.claim ? moved : { ...moved, claim };
  });
}
