// OntoNotes 5 entity evaluation: PERSON, ORG, GPE+LOC, DATE (split by kind) and MONEY, exact span
// and type, on one half of ../shared/eval/ontonotes-dev.txt. The file is cut into blocks of 200
// sentences; even blocks are the tuning half (the date and money grammar was written against it),
// odd blocks the report half (`npm run eval` prints only that one).
import { readFileSync } from 'node:fs';
import { normalizeDate, type DateKind } from '../../extension/core/detect/temporal';
import type { Detector, EntityMention, EntityType } from '../../extension/core/detect/types';
import { bump, formatPrf, type Counts } from './score';

/**
 * 'held-out' is the part of the tuning half the tagger is not trained on (every
 * TAGGER_HELD_OUT_EVERY-th article): where its training settings are chosen.
 */
export type Half = 'tune' | 'report' | 'held-out';
/** Every TAGGER_HELD_OUT_EVERY-th article of the tuning half is held out of the tagger's training. */
export const TAGGER_HELD_OUT_EVERY = 5;
const BLOCK = 200;
/** Sentences laid out together as one article (the file has no document boundaries). */
const ARTICLE_SENTENCES = 40;

const TYPE_OF: Record<string, string> = { PERSON: 'PERSON', ORG: 'ORG', GPE: 'GPE+LOC', LOC: 'GPE+LOC', DATE: 'DATE', MONEY: 'MONEY' };
const DETECTED_AS: Partial<Record<EntityType, string>> = {
  Person: 'PERSON',
  Organization: 'ORG',
  Location: 'GPE+LOC',
  Date: 'DATE',
  Money: 'MONEY',
};
/** Penn Treebank tokens as the characters an article would have. */
const PTB: Record<string, string> = {
  '-LRB-': '(',
  '-RRB-': ')',
  '-LSB-': '[',
  '-RSB-': ']',
  '-LCB-': '{',
  '-RCB-': '}',
  '``': '"',
  "''": '"',
};

export interface OntoSentence {
  words: string[];
  tags: string[];
}

export function readOntonotes(path: string): OntoSentence[] {
  const sentences: OntoSentence[] = [];
  let current: OntoSentence = { words: [], tags: [] };
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const parts = line.trim().split(/\s+/);
    if (!line.trim()) {
      if (current.words.length) sentences.push(current);
      current = { words: [], tags: [] };
      continue;
    }
    current.words.push(PTB[parts[0]] ?? parts[0]);
    current.tags.push(parts[parts.length - 1]);
  }
  if (current.words.length) sentences.push(current);
  return sentences;
}

export interface OntoArticle {
  text: string;
  gold: { start: number; end: number; type: string; text: string }[];
  genre: Genre;
  /** Gold amounts of money right after a "$" that the span leaves out ("$ [2] a barrel"). */
  dollarOutside: number;
  /** Gold amounts of money that start with a currency sign or follow one. */
  afterDollar: number;
}

/**
 * The file carries no document ids, so the genre is guessed from how a run of sentences is
 * transcribed: disfluencies written "%uh", "%um" (telephone and broadcast conversation), or
 * sentences ending in "/." (broadcast news transcripts); the rest is written text (newswire,
 * magazine, web).
 */
export type Genre = 'conversation' | 'broadcast' | 'written';
export const GENRES: readonly Genre[] = ['written', 'broadcast', 'conversation'];
/** A run with more sentences than this ending in "/." is a broadcast transcript. */
const BROADCAST_MARKS = 5;

export function genreOf(article: readonly OntoSentence[]): Genre {
  if (article.some((s) => s.words.some((w) => /^%(?:uh|um|eh|mm|ah|hm)$/iu.test(w)))) return 'conversation';
  if (article.filter((s) => s.words.includes('/.')).length > BROADCAST_MARKS) return 'broadcast';
  return 'written';
}

/** How many gold amounts follow a "$" and how many of them leave it outside. */
export function dollarConvention(article: readonly OntoSentence[]): { afterDollar: number; dollarOutside: number } {
  let afterDollar = 0;
  let dollarOutside = 0;
  for (const s of article)
    s.words.forEach((w, i) => {
      if (!/^[A-Z]{0,3}\$$/u.test(w)) return;
      if (s.tags[i].endsWith('-MONEY')) afterDollar++;
      else if (s.tags[i + 1] === 'B-MONEY') {
        afterDollar++;
        dollarOutside++;
      }
    });
  return { afterDollar, dollarOutside };
}

/**
 * The half's articles as sentences: runs of ARTICLE_SENTENCES sentences inside one block. Runs
 * without a single annotation are left out: the copy holds text that was never annotated (Bible
 * text, web forum threads), whole blocks of it and parts of annotated blocks (three forum runs in
 * the tuning half), where every name the detector finds would count as wrong.
 */
export function ontonotesSentenceArticles(path: string, half: Half): OntoSentence[][] {
  if (half === 'held-out')
    return ontonotesSentenceArticles(path, 'tune').filter((_, i) => i % TAGGER_HELD_OUT_EVERY === TAGGER_HELD_OUT_EVERY - 1);
  const sentences = readOntonotes(path);
  const articles: OntoSentence[][] = [];
  for (let b = 0; b * BLOCK < sentences.length; b++) {
    if ((b % 2 === 0) !== (half === 'tune')) continue;
    const block = sentences.slice(b * BLOCK, (b + 1) * BLOCK);
    for (let a = 0; a < block.length; a += ARTICLE_SENTENCES) {
      const article = block.slice(a, a + ARTICLE_SENTENCES);
      if (article.some((s) => s.tags.some((t) => t !== 'O'))) articles.push(article);
    }
  }
  return articles;
}

/** The half's articles, one sentence a line, tokens joined by spaces, with their scored gold spans. */
export function ontonotesArticles(path: string, half: Half): OntoArticle[] {
  return ontonotesSentenceArticles(path, half).map(layOut);
}

function layOut(sentences: OntoSentence[]): OntoArticle {
  return { ...layOutText(sentences), genre: genreOf(sentences), ...dollarConvention(sentences) };
}

/**
 * The sentences as one article's text with its gold spans. This copy splits hyphenated words
 * ("26 - year - old"); `joinHyphens` writes them as articles do ("26-year-old"), for a model that
 * must meet them in that form too.
 */
export function layOutText(sentences: readonly OntoSentence[], joinHyphens = false): Pick<OntoArticle, 'text' | 'gold'> {
  let text = '';
  const gold: OntoArticle['gold'] = [];
  for (const s of sentences) {
    if (text) text += '\n';
    let open: { start: number; end: number; type: string } | null = null;
    const close = (): void => {
      if (open && TYPE_OF[open.type]) gold.push({ ...open, type: TYPE_OF[open.type], text: text.slice(open.start, open.end) });
      open = null;
    };
    const glued = (i: number): boolean => joinHyphens && i > 0 && (s.words[i] === '-' || s.words[i - 1] === '-');
    s.words.forEach((w, i) => {
      if (i && !glued(i)) text += ' ';
      const start = text.length;
      text += w;
      const tag = s.tags[i];
      if (tag.startsWith('I-') && open && open.type === tag.slice(2)) open.end = text.length;
      else {
        close();
        if (tag !== 'O') open = { start, end: text.length, type: tag.slice(2) };
      }
    });
    close();
  }
  return { text, gold };
}

export interface OntoResult {
  counts: Map<string, Counts>;
  /** DATE and MONEY counts by guessed genre, keyed "DATE written". */
  byGenre: Map<string, Counts>;
  misses: string[];
  articles: OntoArticle[];
}

/** Scores the detector on one half: per type, all types together, and DATE per kind (gold kind by normalizeDate). */
export function scoreOntonotes(detector: Detector, path: string, half: Half): OntoResult {
  const counts = new Map<string, Counts>();
  const byGenre = new Map<string, Counts>();
  const misses: string[] = [];
  const articles = ontonotesArticles(path, half);
  for (const article of articles) {
    const count = (type: string, kind: DateKind | undefined, field: keyof Counts): void => {
      for (const label of labels(type, kind)) bump(counts, label, field);
      if (type === 'DATE' || type === 'MONEY') bump(byGenre, `${type} ${article.genre}`, field);
    };
    const found = detector.analyze(article.text, { format: 'plaintext' }).entities;
    const predicted = found
      .filter((e) => DETECTED_AS[e.type])
      .map((e) => ({ key: `${e.start}:${e.end}:${DETECTED_AS[e.type]}`, type: DETECTED_AS[e.type]!, kind: dateKind(e), text: e.text }));
    const gold = article.gold.map((g) => ({
      key: `${g.start}:${g.end}:${g.type}`,
      type: g.type,
      kind: g.type === 'DATE' ? normalizeDate(g.text).kind : undefined,
      text: g.text,
    }));
    const goldKeys = new Set(gold.map((g) => g.key));
    const predKeys = new Set(predicted.map((p) => p.key));
    for (const p of predicted) {
      const field = goldKeys.has(p.key) ? 'tp' : 'fp';
      const goldKind = gold.find((g) => g.key === p.key)?.kind;
      count(p.type, goldKind ?? p.kind, field);
      if (field === 'fp') misses.push(miss('fp', p, gold, article.text));
    }
    for (const g of gold) {
      if (predKeys.has(g.key)) continue;
      count(g.type, g.kind, 'fn');
      misses.push(miss('fn', g, predicted, article.text));
    }
  }
  return { counts, byGenre, misses, articles };
}

/** How many characters of the article each side of an error the verbose listing shows. */
const MISS_CONTEXT = 40;

/**
 * One error for the verbose listing: its type and text, the overlapping span of the other side
 * (a boundary error rather than a missed or invented mention) and the words around it.
 */
function miss(
  side: 'fp' | 'fn',
  span: { key: string; type: string; text: string },
  others: readonly { key: string; type: string; text: string }[],
  text: string,
): string {
  const [start, end] = span.key.split(':').map(Number);
  const overlapping = others.find((o) => {
    const [s, e] = o.key.split(':').map(Number);
    return s < end && start < e;
  });
  const versus = overlapping ? ` (${side === 'fp' ? 'gold' : 'found'} ${overlapping.type} "${overlapping.text}")` : '';
  const around = `${text.slice(Math.max(0, start - MISS_CONTEXT), start)}[${span.text}]${text.slice(end, end + MISS_CONTEXT)}`.replace(
    /\n/g,
    ' ',
  );
  return `${side} ${span.type} "${span.text}"${versus}  …${around}…`;
}

function dateKind(e: EntityMention): DateKind | undefined {
  if (e.type !== 'Date') return undefined;
  return e.date?.kind ?? normalizeDate(e.text).kind;
}

function labels(type: string, kind: DateKind | undefined): string[] {
  return ['overall', type, ...(type === 'DATE' && kind ? [`DATE ${kind}`] : [])];
}

const ORDER = ['PERSON', 'ORG', 'GPE+LOC', 'DATE', 'DATE absolute', 'DATE relative', 'DATE duration', 'MONEY', 'overall'];

const HALF_TITLE: Record<Half, string> = {
  report: 'report half (odd blocks of 200 sentences; not tuned on)',
  tune: 'TUNING half (even blocks; the grammar was written on it and the tagger trained on it: do not report)',
  'held-out':
    "tuning half's articles held out of the tagger's training (where its settings are chosen; the grammar was written on them: do not report)",
};

export function evaluateOntonotes(detector: Detector, path: string, half: Half): void {
  const { counts, byGenre, misses, articles } = scoreOntonotes(detector, path, half);
  console.log(
    `entities, OntoNotes 5 dev copy, ${HALF_TITLE[half]}, annotated runs of 40 sentences only; exact span and type, DATE kinds by the gold text:`,
  );
  for (const type of ORDER) if (counts.has(type)) console.log('  ' + formatPrf(type, counts.get(type)!));
  // What the figures are made of: the file has no document ids, so genres are guessed (genreOf).
  const runs = (genre: Genre): number => articles.filter((a) => a.genre === genre).length;
  console.log(`  by genre, guessed from the transcription (runs of 40 sentences: ${GENRES.map((g) => `${g} ${runs(g)}`).join(', ')}):`);
  for (const type of ['DATE', 'MONEY'])
    for (const genre of GENRES)
      if (byGenre.has(`${type} ${genre}`)) console.log('    ' + formatPrf(`${type} ${genre}`, byGenre.get(`${type} ${genre}`)!));
  const after = articles.reduce((n, a) => n + a.afterDollar, 0);
  const outside = articles.reduce((n, a) => n + a.dollarOutside, 0);
  console.log(
    `  gold amounts after a "$": ${after}, of which ${outside} leave the "$" outside the span (an annotation convention no span rule can follow both ways)`,
  );
  // VERBOSE=1 lists every error; VERBOSE=DATE,MONEY only those of the types named. Never the report
  // half's: rules written against its errors would make it one more tuning set.
  const listed = process.env.VERBOSE?.split(',');
  if (listed && half === 'report') console.log('  (errors are listed for the tuning half only: --ontonotes-half tune or held-out)');
  else if (listed) console.log(misses.filter((m) => listed[0] === '1' || listed.includes(m.split(' ')[1])).join('\n'));
}
