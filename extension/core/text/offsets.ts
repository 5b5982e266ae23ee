import { countBelow } from './sorted';

/**
 * JavaScript strings (and VS Code) count UTF-16 code units; Python tools, brat and spaCy count code
 * points. The two differ only after characters outside the Basic Multilingual Plane (emoji, rare CJK).
 */

/** Converts UTF-16 offsets of one text to code-point offsets; build once, query many times. */
export function utf16ToCodePointMapper(text: string): (utf16Offset: number) => number {
  const astral: number[] = []; // UTF-16 offsets where a surrogate pair starts
  for (let i = 0; i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        astral.push(i);
        i++;
      }
    }
  }
  return (offset) => offset - countBelow(astral, offset - 1);
}

/** Converts code-point offsets of one text to UTF-16 offsets. */
export function codePointToUtf16Mapper(text: string): (codePointOffset: number) => number {
  const astralCp: number[] = []; // code-point offsets of characters that take two UTF-16 units
  let cp = 0;
  for (let i = 0; i < text.length; i++, cp++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        astralCp.push(cp);
        i++;
      }
    }
  }
  return (offset) => offset + countBelow(astralCp, offset);
}
