import { rememberedUnitTest } from '../text/chars';
import { TITLE_ABBREVIATIONS } from '../text/sentences';
/**
 * Word tokens of one sentence, as the tagger sees them. Offsets are UTF-16 code units into the
 * text given. The rules follow CoNLL-2003's tokenization (which the model was trained on) where
 * real articles differ from it: "U.S.", "Dr." and initials keep their dot, "T-Mobile" and "AT&T"
 * stay whole, a possessive "’s" is a token of its own, and curly quotes are punctuation.
 */
export interface Token {
  start: number;
  end: number;
}

/** Abbreviations that keep their period (lowercase, without the dot): titles, months, and those of companies, streets and Latin. */
const ABBREVIATIONS = new Set([
  ...TITLE_ABBREVIATIONS,
  'cmdr',
  'jr',
  'sr',
  'inc',
  'corp',
  'co',
  'ltd',
  'llc',
  'plc',
  'bros',
  'dept',
  'univ',
  'assn',
  'etc',
  'approx',
  'est',
  'ft',
  'ave',
  'blvd',
]);

const LETTER_OR_DIGIT = /[\p{L}\p{N}\p{M}]/u;
const HAN_LIKE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;

/** Letters, digits and combining marks, with an ASCII fast path (this runs on every character). */
export function isWordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (c >= 0xd800 && c <= 0xdfff) return false;
  return isNonAsciiWordChar(c);
}

const isNonAsciiWordChar = rememberedUnitTest((unit) => LETTER_OR_DIGIT.test(unit) && !HAN_LIKE.test(unit));

function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019;
}

/** Characters that join two word parts into one token: T-Mobile, AT&T, 3.5, 1,000, O'Brien, 9/11. */
function isJoiner(c: number): boolean {
  return c === 45 || c === 38 || c === 46 || c === 44 || c === 47 || c === 0x2011 || isApostrophe(c);
}

/** Tokens of text[start, end). */
export function tokenize(text: string, start = 0, end = text.length): Token[] {
  const tokens: Token[] = [];
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c <= 32 || c === 0xa0 || (c >= 0x2000 && c <= 0x200b) || c === 0x3000) {
      i++;
      continue;
    }
    if (!isWordChar(text, i)) {
      // Punctuation, symbols, CJK characters and emoji are one token each (a surrogate pair stays whole).
      const width = c >= 0xd800 && c <= 0xdbff && i + 1 < end ? 2 : 1;
      tokens.push({ start: i, end: i + width });
      i += width;
      continue;
    }
    const s = i;
    i++;
    for (;;) {
      while (i < end && isWordChar(text, i)) i++;
      if (i + 1 < end && isJoiner(text.charCodeAt(i)) && isWordChar(text, i + 1)) {
        const joiner = text.charCodeAt(i);
        // A possessive or contraction "’s" / "’re" ends the word; the clitic becomes its own token.
        if (isApostrophe(joiner) && isClitic(text, i + 1, end)) break;
        // "1,000" and "3.5" join digits only; "e.g" and "U.S" join single letters.
        if ((joiner === 44 || joiner === 46) && !joinsAtPeriod(text, s, i, end)) break;
        i++;
        continue;
      }
      break;
    }
    // Keep the period of abbreviations and initials ("Dr.", "U.S.", "J.").
    if (i < end && text.charCodeAt(i) === 46 && keepsPeriod(text, s, i)) i++;
    tokens.push({ start: s, end: i });
    if (i + 1 < end && isApostrophe(text.charCodeAt(i)) && isClitic(text, i + 1, end)) {
      let e = i + 1;
      while (e < end && isWordChar(text, e)) e++;
      tokens.push({ start: i, end: e });
      i = e;
    }
  }
  return tokens;
}

function isClitic(text: string, at: number, end: number): boolean {
  let e = at;
  while (e < end && isWordChar(text, e)) e++;
  const w = text.slice(at, e).toLowerCase();
  return w === 's' || w === 're' || w === 've' || w === 'll' || w === 'd' || w === 'm';
}

/** Whether a comma or period at `at` continues the token begun at `s`. */
function joinsAtPeriod(text: string, s: number, at: number, end: number): boolean {
  const before = text.charCodeAt(at - 1);
  const after = text.charCodeAt(at + 1);
  const digits = before >= 48 && before <= 57 && after >= 48 && after <= 57;
  if (digits) return true;
  if (text.charCodeAt(at) !== 46) return false;
  // Single-letter segments: "U.S", "e.g", "a.m".
  const segStart = lastSegmentStart(text, s, at);
  const nextIsSingle = at + 2 >= end || !isWordChar(text, at + 2);
  return at - segStart === 1 && nextIsSingle;
}

function lastSegmentStart(text: string, s: number, at: number): number {
  let k = at;
  while (k > s && isWordChar(text, k - 1)) k--;
  return k;
}

function keepsPeriod(text: string, s: number, at: number): boolean {
  const word = text.slice(s, at);
  if (word.length === 1 && /\p{Lu}/u.test(word)) return true;
  if (/^(?:\p{L}\.)+\p{L}$/u.test(word)) return true;
  return ABBREVIATIONS.has(word.toLowerCase());
}
