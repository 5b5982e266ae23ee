import type { EntityType } from './types';

/**
 * Entities that follow patterns rather than context: dates, money, percentages, and what
 * researchers of this field meet in articles — e-mail addresses, URLs, CVE ids, IP addresses.
 * Percentages and the technical identifiers are typed Other.
 */
export interface PatternMatch {
  start: number;
  end: number;
  type: EntityType;
}

const MONTH =
  '(?:January|February|March|April|June|July|August|September|October|November|December|Jan\\.|Feb\\.|Mar\\.|Apr\\.|Jun\\.|Jul\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.)';
const DAY = '(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?';
const YEAR = '(?:1[89]\\d\\d|20\\d\\d)';
const SEASON = '(?:[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)';

/** "May" is a month only with a day or year next to it; alone it is the modal verb. */
const DATE = new RegExp(
  [
    `\\b${MONTH}(?:\\s+${DAY})?(?:,?\\s+${YEAR})?\\b`,
    `\\bMay\\s+${DAY}(?:,?\\s+${YEAR})?\\b`,
    `\\bMay,?\\s+${YEAR}\\b`,
    `\\b${DAY}\\s+(?:${MONTH}|May)(?:,?\\s+${YEAR})?\\b`,
    `\\b${SEASON}(?:\\s+of)?\\s+${YEAR}\\b`,
    `\\b${YEAR}-[01]\\d-[0-3]\\d\\b`,
    `\\b[01]?\\d/[0-3]?\\d/${YEAR}\\b`,
  ].join('|'),
  'g',
);
const SCALE = '(?:\\s?(?:thousand|million|billion|trillion|mn|bn|[mbk])\\b)?';
const MONEY = new RegExp(
  [
    `(?:US|C|A|HK)?[$€£¥](?:\\s?\\d[\\d,]*(?:\\.\\d+)?)${SCALE}`,
    `\\b\\d[\\d,]*(?:\\.\\d+)?(?:\\s(?:thousand|million|billion|trillion))?\\s(?:dollars|euros|pounds|yuan|yen|rupees|USD|EUR|GBP)\\b`,
  ].join('|'),
  'gi',
);
const PERCENT = /\b\d+(?:[.,]\d+)?\s?(?:%|percent\b|per cent\b)/g;
const EMAIL = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g;
const URL = /\b(?:https?:\/\/|www\.)[^\s<>()"“”]+[^\s<>()"“”.,;:!?'’]/g;
const CVE = /\bCVE-\d{4}-\d{4,}\b/g;
const IPV4 = /\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b/g;

const PATTERNS: readonly [RegExp, EntityType][] = [
  [URL, 'Other'],
  [EMAIL, 'Other'],
  [CVE, 'Other'],
  [IPV4, 'Other'],
  [MONEY, 'Money'],
  [PERCENT, 'Other'],
  [DATE, 'Date'],
];

/** Every pattern match, earlier patterns first where they overlap (a URL's digits are not a date). */
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
  return taken.sort((a, b) => a.start - b.start);
}

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
