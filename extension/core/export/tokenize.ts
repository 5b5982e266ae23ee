/**
 * A small tokenizer and sentence splitter for the token-based formats (CoNLL). Good enough for
 * news prose: words keep inner apostrophes, hyphens and dots ("O'Brien", "U.S."), abbreviations and
 * initials keep their final dot ("Dr.", "J."), and invisible joiners (ZWNJ in Persian, soft
 * hyphens) between their letters; every other symbol and each CJK character is a token of its own,
 * and such a token is a whole grapheme cluster (`Intl.Segmenter`), so a ZWJ emoji sequence or a
 * flag is one token. Tokens are separated by white space as Python's `str.split()` sees it (which
 * also splits at U+0085 and U+001C–U+001F, where JavaScript's `\s` does not), and a cluster made
 * only of invisible format or control characters (ZWJ, directional marks) is no token at all:
 * readers that split lines on white space would otherwise get empty or broken token lines.
 * A sentence ends at a line break or at . ! ? followed by a space, except after common
 * abbreviations and initials — and never inside a span the caller marks, so a tagged name is never
 * cut in two.
 */

export interface Token {
  /** UTF-16 offsets into the text, end exclusive. */
  start: number;
  end: number;
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/uy;
const WORD = /[\p{L}\p{N}\p{M}]+(?:(?:['’.-]|\p{Cf}+)[\p{L}\p{N}\p{M}]+)*\.?/uy;
/** White space as Python's str.isspace() sees it. */
export const SEPARATOR = /[\s\x85\x1c-\x1f]/;
const LINE_BREAK = /[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/;
const INVISIBLE = /^[\p{Cf}\p{Cc}]+$/u;
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
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
  for (const { start, end } of rawTokens(text)) {
    const token = text.slice(start, end);
    if (LINE_BREAK.test(text.slice(lastEnd, start)) && !inside(protectedSpans, start)) endSentence();
    lastEnd = end;
    const splitDot = splitFinalDot(token);
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
    const closes = splitDot || token === '.' || token === '!' || token === '?';
    if (closes && (end === text.length || SEPARATOR.test(text[end])) && !inside(protectedSpans, end)) endSentence();
  }
  endSentence();
  return sentences;
}

/** Words, CJK characters and other grapheme clusters, in order; white space and invisible clusters skipped. */
function* rawTokens(text: string): Generator<Token> {
  let i = 0;
  while (i < text.length) {
    if (SEPARATOR.test(text[i])) {
      i++;
      continue;
    }
    CJK.lastIndex = i;
    WORD.lastIndex = i;
    const end = CJK.test(text) ? graphemeEnd(text, i) : WORD.test(text) ? WORD.lastIndex : graphemeEnd(text, i);
    if (!INVISIBLE.test(text.slice(i, end))) yield { start: i, end };
    i = end;
  }
}

/** Where the grapheme cluster starting at `at` ends. */
function graphemeEnd(text: string, at: number): number {
  // Fast path: nothing below U+0300 extends a cluster (line ends never reach here), so most symbols end at once.
  const next = at + ((text.codePointAt(at) ?? 0) > 0xffff ? 2 : 1);
  if (next >= text.length || text.charCodeAt(next) < 0x300) return next;
  for (let window = 64; ; window *= 4) {
    const slice = text.slice(at, at + window);
    const first = graphemes.segment(slice)[Symbol.iterator]().next().value;
    const length = first ? first.segment.length : 1;
    if (length < slice.length || at + window >= text.length) return at + length;
  }
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
