/**
 * Offset conversions the formats need beyond `text/offsets.ts`: code points of a whole export
 * document, the line-feed view of a CRLF text (which brat files written before we knew brat
 * counts "\r\n" as two characters count in; the importer still reads them), and quote context
 * that never splits a surrogate pair.
 */
import { codePointToUtf16Mapper, utf16ToCodePointMapper } from '../text/offsets';

/** Characters of context written beside each quote (TextQuoteSelector prefix/suffix). */
export const QUOTE_CONTEXT = 32;

export interface OffsetMap {
  /** UTF-16 offset into the original text → the other unit (or the other text's offsets). */
  out(utf16: number): number;
  /** And back to UTF-16 offsets into the original text. */
  back(offset: number): number;
}

/** UTF-16 ↔ code points of one text. */
export function codePointMap(text: string): OffsetMap {
  return { out: utf16ToCodePointMapper(text), back: codePointToUtf16Mapper(text) };
}

/**
 * The text with every "\r\n" turned into "\n" and every lone "\r" into "\n" (Python's universal
 * newlines), with maps between the original's UTF-16 offsets and that text's.
 */
export function lineFeedView(text: string): { text: string; map: OffsetMap } {
  const removed: number[] = []; // original offsets of the "\r" of each "\r\n"
  for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1)) {
    if (text.charCodeAt(i + 1) === 10) removed.push(i);
  }
  const removedInLf = removed.map((o, i) => o - i); // where each removed "\r" would sit in the LF text
  return {
    text: text.replace(/\r\n?/g, '\n'),
    map: {
      out: (utf16) => utf16 - countLess(removed, utf16),
      // An offset at a line break maps to just before its "\r", so spans keep or drop the whole "\r\n".
      back: (offset) => offset + countLess(removedInLf, offset),
    },
  };
}

/** Prefix and suffix around a span, at most QUOTE_CONTEXT units each, never cutting a surrogate pair. */
export function quoteContext(text: string, start: number, end: number): { prefix: string; suffix: string } {
  let from = Math.max(0, start - QUOTE_CONTEXT);
  if (isLowSurrogate(text.charCodeAt(from))) from++;
  let to = Math.min(text.length, end + QUOTE_CONTEXT);
  if (isLowSurrogate(text.charCodeAt(to))) to--;
  return { prefix: text.slice(from, start), suffix: text.slice(end, to) };
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** How many values of an ascending list are below `limit`. */
function countLess(sorted: readonly number[], limit: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
