/**
 * The key under which a name is looked up: "T-Mobile’s", "T Mobile" and "t-mobile" are one entity,
 * "U.S." and "US" too, and a leading "the" is dropped ("The Wall Street Journal").
 */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/'s?$/, '')
    .replace(/\./g, '')
    .replace(/[^\p{L}\p{N}&']+/gu, ' ')
    .trim()
    .replace(/^the /, '');
}

/** Whether `name` occurs in `text` at `at` as whole words (not inside "Verizonian" or "AT&Tx"). */
export function isWholeWord(text: string, at: number, length: number): boolean {
  return !isWordChar(text.charCodeAt(at - 1)) && !isWordChar(text.charCodeAt(at + length));
}

function isWordChar(code: number): boolean {
  if (Number.isNaN(code)) return false;
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code > 191;
}

/** A line of context around a span: the line it sits on, cut at word boundaries to about `width` characters each side. */
export function contextLine(text: string, start: number, end: number, width = 60): { line: string; lineStart: number } {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const nl = text.indexOf('\n', end);
  const lineEnd = nl < 0 ? text.length : nl;
  let from = Math.max(lineStart, start - width);
  let to = Math.min(lineEnd, end + width);
  if (from > lineStart) from = Math.min(start, text.indexOf(' ', from) + 1 || start);
  if (to < lineEnd) to = Math.max(end, text.lastIndexOf(' ', to));
  const line = (from > lineStart ? '…' : '') + text.slice(from, to).trim() + (to < lineEnd ? '…' : '');
  return { line, lineStart: from };
}
