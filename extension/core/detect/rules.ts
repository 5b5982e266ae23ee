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

const EMAIL = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g;
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
 * dates and money (temporal.ts).
 */
export function findPatterns(text: string): PatternMatch[] {
  const taken: PatternMatch[] = [];
  for (const [pattern, type] of PATTERNS) {
    // An e-mail address needs an "@": without one, skip the pattern that tries every word.
    if (pattern === EMAIL && !text.includes('@')) continue;
    for (const m of text.matchAll(pattern)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      if (!taken.some((t) => t.start < end && start < t.end)) taken.push({ start, end, type });
    }
  }
  for (const m of findTemporal(text)) if (!taken.some((t) => t.start < m.end && m.start < t.end)) taken.push(m);
  return taken.sort((a, b) => a.start - b.start);
}

const YEAR = '(?:1[89]\\d\\d|20\\d\\d)';

/** Capitalized words (with "of", "and", "on"… between them) ending in a word that names a law or treaty. */
const LAW_HEADS = '(?:Act|Bill|Law|Code|Treaty|Accords?|Convention|Charter|Directive|Amendment|Protocol)';
const LAW = new RegExp(
  [
    `\\bPublic\\s+Law\\s+\\d+-\\d+\\b`,
    `(?<![\\p{L}\\p{N}])(?:\\p{Lu}[\\p{L}'’-]*\\s+(?:(?:of|and|for|on|the|to|&)\\s+)*)+${LAW_HEADS}\\b(?!\\s+\\p{Lu})(?:\\s+of\\s+${YEAR}\\b)?`,
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
