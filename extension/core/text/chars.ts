/** Whether text[i] is white space as JavaScript's \s has it, with an ASCII fast path: this runs per character. */
export function isSpace(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return /\s/.test(text[i]);
}
