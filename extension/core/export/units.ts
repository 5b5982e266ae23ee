/**
 * Offset conversions the formats need beyond `text/offsets.ts`: code points of a whole export
 * document, the line-feed view of a CRLF text (which brat files written before we knew brat
 * counts "\r\n" as two characters count in; the importer still reads them), and quote context
 * that never splits a surrogate pair.
 */
import { codePointToUtf16Mapper, utf16ToCodePointMapper } from '../text/offsets';
import { countBelow } from '../text/sorted';

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
      out: (utf16) => utf16 - countBelow(removed, utf16),
      // An offset at a line break maps to just before its "\r", so spans keep or drop the whole "\r\n".
      back: (offset) => offset + countBelow(removedInLf, offset),
    },
  };
}
