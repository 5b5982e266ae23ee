/**
 * A small tokenizer and sentence splitter for the token-based formats (CoNLL). Good enough for
 * news prose: words keep inner apostrophes, hyphens and dots ("O'Brien", "U.S."), abbreviations and
 * initials keep their final dot ("Dr.", "J."); every other
 * symbol, each emoji and each CJK character is a token of its own; a sentence ends at a line break
 * or at . ! ? followed by a space, except after common abbreviations and initials — and never
 * inside a span the caller marks, so a tagged name is never cut in two.
 */

export interface Token {
  /** UTF-16 offsets into the text, end exclusive. */
  start: number;
  end: number;
}

const TOKEN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{N}\p{M}]+(?:['’.-][\p{L}\p{N}\p{M}]+)*\.?|\S/gu;
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'st',
  'jr',
  'sr',
  'inc',
  'ltd',
  'co',
  'corp',
  'gen',
  'gov',
  'sen',
  'rep',
  'no',
  'vs',
  'etc',
  'jan',
  'feb',
  'mar',
  'apr',
  'aug',
  'sept',
  'oct',
  'nov',
  'dec',
]);

/**
 * Sentences as lists of tokens. `boundaries` are offsets where a token must start or end (span
 * edges); `protectedSpans` are ranges a sentence must not end inside.
 */
export function tokenizeSentences(text: string, boundaries: readonly number[], protectedSpans: readonly Token[]): Token[][] {
  const cuts = [...new Set(boundaries)].sort((a, b) => a - b);
  const sentences: Token[][] = [];
  let current: Token[] = [];
  const endSentence = (): void => {
    if (current.length) sentences.push(current);
    current = [];
  };
  let lastEnd = 0;
  for (const match of text.matchAll(TOKEN)) {
    const start = match.index;
    const end = start + match[0].length;
    if (/[\r\n]/.test(text.slice(lastEnd, start)) && !inside(protectedSpans, start)) endSentence();
    lastEnd = end;
    const splitDot = splitFinalDot(match[0]);
    const pieces = splitDot ? [end - 1, end] : [end];
    let from = start;
    for (const pieceEnd of pieces) {
      for (const cut of cutsWithin(cuts, from, pieceEnd)) {
        current.push({ start: from, end: cut });
        from = cut;
      }
      current.push({ start: from, end: pieceEnd });
      from = pieceEnd;
    }
    const closes = splitDot || match[0] === '.' || match[0] === '!' || match[0] === '?';
    if (closes && (end === text.length || /\s/.test(text[end])) && !inside(protectedSpans, end)) endSentence();
  }
  endSentence();
  return sentences;
}

/** "said." splits into "said" and "."; abbreviations ("Dr.", "etc.") and initials ("J.", "U.S.") keep their dot. */
function splitFinalDot(token: string): boolean {
  if (token.length < 2 || !token.endsWith('.')) return false;
  const word = token.slice(0, -1);
  return !(/^\p{Lu}$/u.test(word) || word.includes('.') || ABBREVIATIONS.has(word.toLowerCase()));
}

function inside(spans: readonly Token[], offset: number): boolean {
  return spans.some((s) => s.start < offset && offset < s.end);
}

function cutsWithin(sortedCuts: readonly number[], start: number, end: number): number[] {
  return sortedCuts.filter((c) => c > start && c < end);
}
