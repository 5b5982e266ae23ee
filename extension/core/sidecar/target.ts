/** Characters of context stored on each side of a quote, for re-anchoring after edits. */
export const CONTEXT_LENGTH = 32;

import type { Anchoring, Tag, TagTarget } from './types';

/**
 * True when offset `i` falls between two code units that must stay together: the halves of a
 * surrogate pair (an emoji, a rare CJK character) or the CR and LF of a Windows line break (VS Code
 * treats CRLF as one character and never puts a cursor between them).
 */
export function splitsUnit(text: string, i: number): boolean {
  if (i <= 0 || i >= text.length) return false;
  const before = text.charCodeAt(i - 1);
  const after = text.charCodeAt(i);
  return (before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff) || (before === 13 && after === 10);
}

/**
 * The target of the span [start, end) of `text` (clamped into the text), widened outward so that
 * neither end splits a surrogate pair or a CRLF, with fresh quote and context. Context is cut short
 * rather than split a pair. Callers make sure the span is not empty.
 */
export function targetAt(text: string, start: number, end: number): TagTarget {
  const from = Math.max(0, Math.min(start, text.length));
  const to = Math.max(from, Math.min(end, text.length));
  const s = splitsUnit(text, from) ? from - 1 : from;
  const e = splitsUnit(text, to) ? to + 1 : to;
  return { start: s, end: e, quote: text.slice(s, e), ...quoteContext(text, s, e) };
}

/**
 * The context of the span [start, end): up to CONTEXT_LENGTH code units on each side, cut short rather
 * than split a surrogate pair or a CRLF. Tags and exported quote selectors (W3C) carry the same.
 */
export function quoteContext(text: string, start: number, end: number): { prefix: string; suffix: string } {
  let prefixStart = Math.max(0, start - CONTEXT_LENGTH);
  if (splitsUnit(text, prefixStart)) prefixStart++;
  let suffixEnd = Math.min(text.length, end + CONTEXT_LENGTH);
  if (splitsUnit(text, suffixEnd)) suffixEnd--;
  return { prefix: text.slice(prefixStart, start), suffix: text.slice(end, suffixEnd) };
}

function sameTarget(a: TagTarget, b: TagTarget): boolean {
  return a.start === b.start && a.end === b.end && a.quote === b.quote && a.prefix === b.prefix && a.suffix === b.suffix;
}

/** The tag with a new target and anchoring; the same object when nothing changed, so callers can skip redraws. */
export function withTarget(tag: Tag, target: TagTarget, anchoring: Anchoring): Tag {
  return sameTarget(tag.target, target) && tag.anchoring === anchoring ? tag : { ...tag, target, anchoring };
}

/**
 * An orphan keeps its quote and context; `start` is where its words were last seen. `end` stays
 * `start + quote.length` because the sidecar schema ties the two (it may lie past the text's end).
 */
export function orphanAt(tag: Tag, start: number): Tag {
  const at = Math.max(0, start);
  if (tag.anchoring === 'orphaned' && tag.target.start === at) return tag;
  return { ...tag, anchoring: 'orphaned', target: { ...tag.target, start: at, end: at + tag.target.quote.length } };
}
