import { isSpace, rememberedUnitTest } from './chars';
import type { Block } from './structure';

/** A sentence: offsets (UTF-16) into the text, trimmed of surrounding whitespace, inside one block. */
export interface Sentence {
  start: number;
  end: number;
  /** The kind of block the sentence is in: headings are read differently (Title Case, no period). */
  kind: Block['kind'];
}

/**
 * Titles before a name, and month abbreviations, lowercase without their period: a period after them
 * never ends a sentence ("Dr. Jane Thompson", "Jan. 5"), and the tokenizer keeps it with the word.
 */
export const TITLE_ABBREVIATIONS: readonly string[] = [
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'sen',
  'rep',
  'gov',
  'gen',
  'col',
  'lt',
  'sgt',
  'capt',
  'adm',
  'maj',
  'rev',
  'hon',
  'pres',
  'st',
  'mt',
  'no',
  'vs',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
];

/** Where a period never ends a sentence: titles, months, and "Fig." before its number. */
const TITLES = new Set([...TITLE_ABBREVIATIONS, 'fig']);
/** Abbreviations that may end a sentence too ("…in the U.S. The company…"): break only before a typical sentence opener. */
const MAY_END = new Set(['inc', 'corp', 'co', 'ltd', 'llc', 'plc', 'jr', 'sr', 'etc', 'bros']);
const OPENERS = new Set([
  'The',
  'This',
  'That',
  'These',
  'Those',
  'It',
  'Its',
  'He',
  'She',
  'They',
  'We',
  'I',
  'You',
  'But',
  'And',
  'In',
  'On',
  'At',
  'A',
  'An',
  'As',
  'After',
  'However',
  'According',
  'Meanwhile',
  'There',
  'His',
  'Her',
  'Their',
  'Our',
  'If',
  'When',
  'While',
  'Some',
  'Many',
]);

const PERIOD = 46;
// Tested on one UTF-16 unit at a time, per character around every sentence end: remembered per unit.
const isCloser = rememberedUnitTest((unit) => /["'”’)\]»*_]/.test(unit));
const isOpening = rememberedUnitTest((unit) => /["'“‘([«*_\p{Lu}\p{N}¿¡]/u.test(unit));
const isLetterOrPeriod = rememberedUnitTest((unit) => /[\p{L}.]/u.test(unit));

/**
 * Splits each block into sentences. A sentence ends at . ! ? or … (with any closing quotes and
 * brackets) followed by space and a capital, digit or opening quote, unless the period belongs to a
 * title ("Dr."), an initial ("J."), or an abbreviation that is not followed by a sentence opener
 * ("U.S. officials"). A block end always ends a sentence.
 */
export function splitSentences(text: string, blocks: readonly Block[]): Sentence[] {
  const out: Sentence[] = [];
  for (const block of blocks) {
    let start = skipSpace(text, block.start, block.end);
    for (let i = start; i < block.end; i++) {
      const c = text.charCodeAt(i);
      if (c !== PERIOD && c !== 33 && c !== 63 && c !== 0x2026) continue;
      let end = i + 1;
      while (end < block.end && (text[end] === '.' || text[end] === '!' || text[end] === '?')) end++;
      while (end < block.end && isCloser(text.charCodeAt(end))) end++;
      const next = skipSpace(text, end, block.end);
      if (next >= block.end) break;
      if (next === end || !isOpening(text.charCodeAt(next))) continue;
      if (c === PERIOD && !periodEnds(text, start, i, next)) continue;
      out.push({ start, end, kind: block.kind });
      start = next;
      i = next - 1;
    }
    const end = trimEnd(text, start, block.end);
    if (end > start) out.push({ start, end, kind: block.kind });
  }
  return out;
}

function periodEnds(text: string, sentenceStart: number, dot: number, next: number): boolean {
  let w = dot;
  while (w > sentenceStart && isLetterOrPeriod(text.charCodeAt(w - 1))) w--;
  const word = text.slice(w, dot);
  const bare = word.replace(/\./g, '').toLowerCase();
  if (TITLES.has(bare)) return false;
  if (/^\p{Lu}$/u.test(word)) return false;
  const nextWord = /^[\p{L}]+/u.exec(text.slice(next, next + 20))?.[0] ?? '';
  if (/^(?:\p{L}\.)+\p{L}$/u.test(word) || MAY_END.has(bare)) return OPENERS.has(nextWord);
  return true;
}

function skipSpace(text: string, i: number, end: number): number {
  while (i < end && isSpace(text, i)) i++;
  return i;
}

function trimEnd(text: string, start: number, end: number): number {
  while (end > start && isSpace(text, end - 1)) end--;
  return end;
}
