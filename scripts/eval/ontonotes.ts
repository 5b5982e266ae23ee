// OntoNotes 5 entity evaluation: PERSON, ORG, GPE+LOC, DATE (split by kind) and MONEY, exact span
// and type, on one half of ../shared/eval/ontonotes-dev.txt. The file is cut into blocks of 200
// sentences; even blocks are the tuning half (the date and money grammar was written against it),
// odd blocks the report half (`npm run eval` prints only that one).
import { readFileSync } from 'node:fs';
import { normalizeDate, type DateKind } from '../../extension/core/detect/temporal';
import type { Detector, EntityMention, EntityType } from '../../extension/core/detect/types';
import { bump, f1Of, formatPrf, type Counts } from './score';

/**
 * 'held-out' is the part of the tuning half the tagger is not trained on (every
 * TAGGER_HELD_OUT_EVERY-th block): where its training settings are chosen.
 */
export type Half = 'tune' | 'report' | 'held-out';
/**
 * Every TAGGER_HELD_OUT_EVERY-th block of the tuning half is held out of the tagger's training.
 * Whole blocks, not runs: a run held out beside runs of its own document trained on shares its
 * names with them, and scored 12 points above the report half on people and 20 on organizations.
 */
export const TAGGER_HELD_OUT_EVERY = 4;
/**
 * Which of the TAGGER_HELD_OUT_EVERY folds of blocks is held out: the last one for the shipped
 * model's epoch choice; each in turn (`--fold F` of the trainer and of `npm run eval`) to compare
 * settings by cross-validation over the whole tuning half.
 */
export const SHIPPED_FOLD = TAGGER_HELD_OUT_EVERY - 1;
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
  /** Penn Treebank part-of-speech tags, where the file gives them. */
  pos?: string[];
}

export function readOntonotes(path: string): OntoSentence[] {
  const sentences: OntoSentence[] = [];
  const empty = (): Required<OntoSentence> => ({ words: [], tags: [], pos: [] });
  let current = empty();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const parts = line.trim().split(/\s+/);
    if (!line.trim()) {
      if (current.words.length) sentences.push(current);
      current = empty();
      continue;
    }
    current.words.push(PTB[parts[0]] ?? parts[0]);
    current.pos.push(parts[1]);
    current.tags.push(parts[parts.length - 1]);
  }
  if (current.words.length) sentences.push(current);
  return sentences;
}

export interface GoldSpan {
  start: number;
  end: number;
  type: string;
  text: string;
}

export interface OntoArticle {
  text: string;
  /** The scored spans, names under the project's conventions (nameConventions). */
  gold: GoldSpan[];
  /** The scored spans as the file draws them: what a scorer that knows nothing of the conventions counts. */
  strictGold: GoldSpan[];
  /** Names of the types not scored (NORP, FAC, PRODUCT…): what a found name may have hit instead. */
  unscored: GoldSpan[];
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
export function ontonotesSentenceArticles(path: string, half: Half, text: 'annotated' | 'all' = 'annotated'): OntoSentence[][] {
  return ontonotesRuns(path, half, text).map((r) => r.sentences);
}

/** The half's runs and the block of the file each comes from (its number within the half). */
export function ontonotesRuns(
  path: string,
  half: Half,
  text: 'annotated' | 'all' = 'annotated',
  fold = SHIPPED_FOLD,
): { block: number; sentences: OntoSentence[] }[] {
  if (half === 'held-out') return ontonotesRuns(path, 'tune', text).filter((r) => isTaggerHeldOut(r.block, fold));
  const sentences = readOntonotes(path);
  const runs: { block: number; sentences: OntoSentence[] }[] = [];
  for (let b = 0; b * BLOCK < sentences.length; b++) {
    if ((b % 2 === 0) !== (half === 'tune')) continue;
    const block = sentences.slice(b * BLOCK, (b + 1) * BLOCK);
    for (let a = 0; a < block.length; a += ARTICLE_SENTENCES) {
      const run = block.slice(a, a + ARTICLE_SENTENCES);
      if (run.some(isAnnotated)) runs.push({ block: Math.floor(b / 2), sentences: text === 'all' ? run : annotatedPart(run) });
    }
  }
  return runs;
}

/** Whether the tuning half's block (its number within the half) is in the fold held out of the tagger's training. */
export function isTaggerHeldOut(block: number, fold = SHIPPED_FOLD): boolean {
  return block % TAGGER_HELD_OUT_EVERY === fold;
}

/**
 * A stretch of sentences without a single annotation that has at least this many sentences with
 * a proper noun (Penn tag NNP/NNPS) is text that was never annotated. Annotated news and
 * conversation rarely go four sentences naming someone or something without an annotation; the
 * copy's unannotated web threads do it in nearly every sentence.
 */
export const UNANNOTATED_PROPER_SENTENCES = 4;

function isAnnotated(sentence: OntoSentence): boolean {
  return sentence.tags.some((t) => t !== 'O');
}

/**
 * The run without the stretches of unannotated text it holds (where an annotated block meets an
 * unannotated thread): every name found there would count as wrong, and a tagger trained on it
 * would learn that names are no names. The same cut for both halves, from the gold annotations alone.
 */
export function annotatedPart(run: readonly OntoSentence[]): OntoSentence[] {
  const kept: OntoSentence[] = [];
  for (let i = 0; i < run.length;) {
    if (isAnnotated(run[i])) {
      kept.push(run[i++]);
      continue;
    }
    let end = i;
    let proper = 0;
    for (; end < run.length && !isAnnotated(run[end]); end++) if (run[end].pos?.some((p) => p.startsWith('NNP'))) proper++;
    if (proper < UNANNOTATED_PROPER_SENTENCES) kept.push(...run.slice(i, end));
    i = end;
  }
  return kept;
}

/** OntoNotes' name types (the rest are numbers and times: DATE, MONEY, CARDINAL…). */
export const NAME_TYPES: ReadonlySet<string> = new Set([
  'PERSON',
  'ORG',
  'GPE',
  'LOC',
  'NORP',
  'FAC',
  'EVENT',
  'PRODUCT',
  'WORK_OF_ART',
  'LAW',
  'LANGUAGE',
]);

/**
 * The sentence's names drawn as this project draws them (CoNLL-2003 and the sample articles'
 * annotations): without a leading "the" ("the Federal Reserve" → "Federal Reserve"), which
 * OntoNotes keeps in about half its organization names and a third of its places, except a capital
 * "The" inside a sentence, which is part of the name ("published by The Wall Street Journal", as the
 * detector draws it); without a
 * trailing possessive "'s", which its guidelines leave out but a few spans keep. Applied alike to
 * what the tagger trains on and to the gold of both halves; dates and amounts keep OntoNotes'
 * conventions (the date grammar follows them).
 */
export function nameConventions(sentence: OntoSentence): OntoSentence {
  const tags = [...sentence.tags];
  const isName = (tag: string): boolean => tag !== 'O' && NAME_TYPES.has(tag.slice(2));
  for (let i = 0; i < tags.length; i++) {
    if (!tags[i].startsWith('B-') || !isName(tags[i])) continue;
    const inside = `I-${tags[i].slice(2)}`;
    let last = i;
    while (tags[last + 1] === inside) last++;
    let first = i;
    if (last > first && (sentence.words[first] === 'the' || (first === 0 && sentence.words[first] === 'The'))) tags[first++] = 'O';
    if (last > first && /^['’]s$/iu.test(sentence.words[last])) tags[last--] = 'O';
    tags[first] = `B-${tags[first].slice(2)}`;
    i = last;
  }
  return { ...sentence, tags };
}

/** The half's articles, one sentence a line, tokens joined by spaces, with their scored gold spans. */
export function ontonotesArticles(path: string, half: Half, fold = SHIPPED_FOLD): OntoArticle[] {
  return ontonotesRuns(path, half, 'annotated', fold).map((r) => layOut(r.sentences));
}

function layOut(sentences: OntoSentence[]): OntoArticle {
  const { text, gold, unscored } = layOutText(sentences.map(nameConventions));
  return { text, gold, strictGold: layOutText(sentences).gold, unscored, genre: genreOf(sentences), ...dollarConvention(sentences) };
}

/**
 * The sentences as one article's text with its gold spans, those scored and the names of other
 * types. This copy splits hyphenated words ("26 - year - old"); `joinHyphens` writes them as
 * articles do ("26-year-old"), for a model that must meet them in that form too.
 */
export function layOutText(sentences: readonly OntoSentence[], joinHyphens = false): Pick<OntoArticle, 'text' | 'gold' | 'unscored'> {
  let text = '';
  const gold: GoldSpan[] = [];
  const unscored: GoldSpan[] = [];
  for (const s of sentences) {
    if (text) text += '\n';
    let open: { start: number; end: number; type: string } | null = null;
    const close = (): void => {
      if (open && TYPE_OF[open.type]) gold.push({ ...open, type: TYPE_OF[open.type], text: text.slice(open.start, open.end) });
      else if (open && NAME_TYPES.has(open.type)) unscored.push({ ...open, text: text.slice(open.start, open.end) });
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
  return { text, gold, unscored };
}

/** A span found or annotated, as scored. */
interface Scored {
  key: string;
  start: number;
  end: number;
  type: string;
  kind?: DateKind;
  text: string;
}

/**
 * What an error is: a span found with the wrong edges, the wrong type or both next to a gold one;
 * a name found where OntoNotes marks one of the types not scored (NORP, FAC, PRODUCT…); a span
 * found where nothing is marked; a gold span nothing found overlaps.
 */
export type ErrorKind = 'boundary' | 'type' | 'type and boundary' | 'unscored type' | 'invented' | 'missed';

export interface OntoError {
  side: 'fp' | 'fn';
  span: Scored;
  kind: ErrorKind;
  /** The overlapping span of the other side (for 'unscored type', the unscored gold name). */
  versus?: Scored;
  genre: Genre;
  /** The words around it, the span in brackets. */
  around: string;
}

export interface OntoResult {
  counts: Map<string, Counts>;
  /** PERSON, ORG and GPE+LOC against the file's own spans (a leading "the" and all). */
  strictCounts: Map<string, Counts>;
  /** DATE and MONEY counts by guessed genre, keyed "DATE written". */
  byGenre: Map<string, Counts>;
  errors: OntoError[];
  articles: OntoArticle[];
}

const NAMES_SCORED = ['PERSON', 'ORG', 'GPE+LOC'];

function scored(span: { start: number; end: number; type: string; text: string }, kind?: DateKind): Scored {
  return { key: `${span.start}:${span.end}:${span.type}`, start: span.start, end: span.end, type: span.type, kind, text: span.text };
}

/** Scores the detector on one half: per type, all types together, and DATE per kind (gold kind by normalizeDate). */
export function scoreOntonotes(detector: Detector, path: string, half: Half, fold = SHIPPED_FOLD): OntoResult {
  const counts = new Map<string, Counts>();
  const strictCounts = new Map<string, Counts>();
  const byGenre = new Map<string, Counts>();
  const errors: OntoError[] = [];
  const articles = ontonotesArticles(path, half, fold);
  for (const article of articles) {
    const count = (type: string, kind: DateKind | undefined, field: keyof Counts): void => {
      for (const label of labels(type, kind)) bump(counts, label, field);
      if (type === 'DATE' || type === 'MONEY') bump(byGenre, `${type} ${article.genre}`, field);
    };
    const found = detector.analyze(article.text, { format: 'plaintext' }).entities;
    const predicted = found.filter((e) => DETECTED_AS[e.type]).map((e) => scored({ ...e, type: DETECTED_AS[e.type]! }, dateKind(e)));
    const gold = article.gold.map((g) => scored(g, g.type === 'DATE' ? normalizeDate(g.text).kind : undefined));
    const goldKeys = new Set(gold.map((g) => g.key));
    const predKeys = new Set(predicted.map((p) => p.key));
    const error = (side: OntoError['side'], span: Scored): void => {
      errors.push(classify(side, span, side === 'fp' ? gold : predicted, article));
    };
    for (const p of predicted) {
      const field = goldKeys.has(p.key) ? 'tp' : 'fp';
      const goldKind = gold.find((g) => g.key === p.key)?.kind;
      count(p.type, goldKind ?? p.kind, field);
      if (field === 'fp') error('fp', p);
    }
    for (const g of gold) {
      if (predKeys.has(g.key)) continue;
      count(g.type, g.kind, 'fn');
      error('fn', g);
    }
    const names = (spans: readonly Scored[]): string[] => spans.filter((x) => NAMES_SCORED.includes(x.type)).map((x) => x.key);
    const strict = new Set(names(article.strictGold.map((g) => scored(g))));
    for (const key of names(predicted)) bump(strictCounts, key.split(':')[2], strict.delete(key) ? 'tp' : 'fp');
    for (const key of strict) bump(strictCounts, key.split(':')[2], 'fn');
  }
  return { counts, strictCounts, byGenre, errors, articles };
}

/** How many characters of the article each side of an error the verbose listing shows. */
const MISS_CONTEXT = 40;

function overlaps(a: Scored, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/** One error, what kind it is, and the overlapping span of the other side. */
function classify(side: OntoError['side'], span: Scored, others: readonly Scored[], article: OntoArticle): OntoError {
  const around = `${article.text.slice(Math.max(0, span.start - MISS_CONTEXT), span.start)}[${span.text}]${article.text.slice(span.end, span.end + MISS_CONTEXT)}`;
  const base = { side, span, genre: article.genre, around: around.replace(/\n/g, ' ') };
  const versus = others.find((o) => overlaps(span, o));
  if (versus) {
    const sameEdges = versus.start === span.start && versus.end === span.end;
    const kind = sameEdges ? 'type' : versus.type === span.type ? 'boundary' : 'type and boundary';
    return { ...base, kind, versus };
  }
  const unscored = side === 'fp' ? article.unscored.find((u) => overlaps(span, u)) : undefined;
  if (unscored) return { ...base, kind: 'unscored type', versus: scored(unscored) };
  return { ...base, kind: side === 'fp' ? 'invented' : 'missed' };
}

/** One error for the verbose listing: its type and text, the overlapping span of the other side and the words around it. */
function formatError(e: OntoError): string {
  const other = e.kind === 'unscored type' ? 'gold' : e.side === 'fp' ? 'gold' : 'found';
  const versus = e.versus ? ` (${other} ${e.versus.type} "${e.versus.text}")` : '';
  return `${e.side} ${e.span.type} "${e.span.text}"${versus}  …${e.around}…`;
}

/**
 * The errors of each type counted by kind, with the other side's types where the type is wrong
 * ("type: 5 (GPE+LOC 3, PERSON 2)"), and how many are in lowercase text or a transcript: where the
 * precision and recall of each type go.
 */
export function errorKinds(errors: readonly OntoError[]): string[] {
  const lines: string[] = [];
  const types = [...new Set(errors.map((e) => e.span.type))].sort();
  for (const type of types)
    for (const side of ['fp', 'fn'] as const) {
      const mine = errors.filter((e) => e.span.type === type && e.side === side);
      if (!mine.length) continue;
      const kinds = [...new Set(mine.map((e) => e.kind))].map((kind) => {
        const these = mine.filter((e) => e.kind === kind);
        const others = tally(these.filter((e) => e.kind !== 'boundary' && e.versus).map((e) => e.versus!.type));
        return `${kind} ${these.length}${others ? ` (${others})` : ''}`;
      });
      const lowercase = mine.filter((e) => !/\p{Lu}/u.test(e.span.text)).length;
      const spoken = mine.filter((e) => e.genre !== 'written').length;
      lines.push(`${type} ${side} ${mine.length}: ${kinds.join(', ')}; in lowercase ${lowercase}, in transcripts ${spoken}`);
    }
  return lines;
}

/** "GPE+LOC 3, PERSON 2": how often each value occurs, most frequent first. */
function tally(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([v, n]) => `${v} ${n}`)
    .join(', ');
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

export function evaluateOntonotes(detector: Detector, path: string, half: Half, fold = SHIPPED_FOLD): void {
  const { counts, strictCounts, byGenre, errors, articles } = scoreOntonotes(detector, path, half, fold);
  console.log(
    `entities, OntoNotes 5 dev copy, ${HALF_TITLE[half]}, annotated text of runs of 40 sentences; exact span and type, names without a leading "the" or a trailing "'s", DATE kinds by the gold text:`,
  );
  for (const type of ORDER) if (counts.has(type)) console.log('  ' + formatPrf(type, counts.get(type)!));
  // What a scorer that keeps OntoNotes' own name spans counts: the gap is the convention alone.
  const strict = NAMES_SCORED.filter((t) => strictCounts.has(t)).map((t) => `${t} ${f1Of(strictCounts.get(t)).toFixed(3)}`);
  console.log(`  names against the file's own spans (a leading "the" kept, as OntoNotes draws them): F1 ${strict.join(', ')}`);
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
  // VERBOSE=1 counts the errors by kind and lists every one; VERBOSE=DATE,MONEY only those of the
  // types named. Never the report half's: rules written against its errors would make it one more tuning set.
  const listed = process.env.VERBOSE?.split(',');
  if (listed && half === 'report') {
    console.log('  (errors are listed for the tuning half only: --ontonotes-half tune or held-out)');
    return;
  }
  if (!listed) return;
  const shown = errors.filter((e) => listed[0] === '1' || listed.includes(e.span.type));
  console.log('  errors by kind:');
  for (const line of errorKinds(shown)) console.log('    ' + line);
  console.log(shown.map(formatError).join('\n'));
}
