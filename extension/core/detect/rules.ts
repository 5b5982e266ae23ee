import { findTemporal } from './temporal';
import type { EntityType } from './types';

/**
 * Entities that follow patterns rather than context: dates and money (temporal.ts), and what
 * researchers of this field meet in articles — e-mail addresses, URLs, CVE ids, IP addresses, typed
 * Other. Percentages are quantities, not names: neither CoNLL nor OntoNotes (which has a type of
 * its own for them, that the detector lacks) counts them as Other, so they are not marked.
 */
export interface PatternMatch {
  start: number;
  end: number;
  type: EntityType;
}

/**
 * The local part starts where no character of one precedes it and is at most 64 characters long (RFC
 * 5321): a long "a.a.a…" before an "@" is tried once, not once from each of its characters.
 */
const EMAIL = /(?<![\w.+-])[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)+\b/g;
const URL = /\b(?:https?:\/\/|www\.)[^\s<>()"“”]+[^\s<>()"“”.,;:!?'’]/g;
const CVE = /\bCVE-\d{4}-\d{4,}\b/g;
const IPV4 = /\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b/g;

const PATTERNS: readonly [RegExp, EntityType][] = [
  [URL, 'Other'],
  [EMAIL, 'Other'],
  [CVE, 'Other'],
  [IPV4, 'Other'],
];

/**
 * Every pattern match, earlier patterns first where they overlap (a URL's digits are not a date), then
 * dates and money (temporal.ts). What is taken is marked per character: the matches of one pattern
 * do not overlap each other, so the marking costs at most the text's length per pattern, however many matches there are.
 */
export function findPatterns(text: string): PatternMatch[] {
  const found: PatternMatch[] = [];
  const covered = new Uint8Array(text.length);
  for (const [pattern, type] of PATTERNS) {
    // An e-mail address needs an "@": without one, skip the pattern that tries every word.
    if (pattern === EMAIL && !text.includes('@')) continue;
    const fromThisPattern: PatternMatch[] = [];
    for (const m of text.matchAll(pattern)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      if (covered.subarray(start, end).indexOf(1) < 0) fromThisPattern.push({ start, end, type });
    }
    // One by one: spreading hundreds of thousands of matches into push() overflows the call stack.
    for (const m of fromThisPattern) {
      covered.fill(1, m.start, m.end);
      found.push(m);
    }
  }
  for (const m of findTemporal(text)) {
    if (covered.subarray(m.start, m.end).indexOf(1) >= 0) continue;
    covered.fill(1, m.start, m.end);
    found.push(m);
  }
  return found.sort((a, b) => a.start - b.start);
}

const YEAR = '(?:1[89]\\d\\d|20\\d\\d)';

/** The longest name of a law in capitalized words before its head ("Patient Protection and Affordable Care Act" has five). */
const MAX_LAW_WORDS = 12;
/** Capitalized words (with "of", "and", "on"… between them) ending in a word that names a law or treaty. */
const LAW_HEADS = '(?:Act|Bill|Law|Code|Treaty|Accords?|Convention|Charter|Directive|Amendment|Protocol)';
const LAW = new RegExp(
  [
    `\\bPublic\\s+Law\\s+\\d+-\\d+\\b`,
    // At most MAX_LAW_WORDS capitalized words: unbounded, a long run of them not ending in a head was tried from each word, in quadratic time.
    `(?<![\\p{L}\\p{N}'’-])(?:\\p{Lu}[\\p{L}'’-]*\\s+(?:(?:of|and|for|on|the|to|&)\\s+){0,3}){1,${MAX_LAW_WORDS}}${LAW_HEADS}\\b(?!\\s+\\p{Lu})(?:\\s+of\\s+${YEAR}\\b)?`,
  ].join('|'),
  'gu',
);
/** Every match of LAW holds one of its head words as a whole word: a cheap test first, as LAW backtracks over every capitalized run. */
const LAW_HEAD = new RegExp(`\\b${LAW_HEADS}\\b`, 'u');
const LEADING_ARTICLE = /^(?:The|A|An|This|That)\s+/u;

/**
 * Laws and treaties by name ("the Clean Water Act of 1972", "Public Law 101-336"), typed Other, in
 * the given sentences (leave out Title Case headlines, where every word is capitalized).
 */
export function findLaws(text: string, sentences: readonly { start: number; end: number }[]): PatternMatch[] {
  const out: PatternMatch[] = [];
  if (!LAW_HEAD.test(text)) return out;
  for (const s of sentences) {
    const body = text.slice(s.start, s.end);
    if (!LAW_HEAD.test(body)) continue;
    for (const m of body.matchAll(LAW)) {
      const at = s.start + (m.index ?? 0);
      const start = at + (LEADING_ARTICLE.exec(m[0])?.[0].length ?? 0);
      const end = at + m[0].length;
      // A name needs a word of its own before the head: "The Act" alone is not one.
      if (/\s/u.test(text.slice(start, end))) out.push({ start, end, type: 'Other' });
    }
  }
  return out;
}
