// Reads CoNLL-2003 files (`token TAG` per line, BIO tags, blank line between sentences, -DOCSTART-
// between documents) and lays each document out as text, one sentence a line, tokens joined by spaces.
import { readFileSync } from 'node:fs';
import type { Token } from '../../extension/core/detect/tokens';

export interface ConllSentence {
  words: string[];
  /** BIO tags as in the file (IOB1 files are converted: a span starts at B- or at a change of type). */
  tags: string[];
}

export interface ConllDocument {
  sentences: ConllSentence[];
}

export interface LaidOutDocument {
  text: string;
  sentences: { tokens: Token[]; tags: string[] }[];
}

export interface GoldSpan {
  start: number;
  end: number;
  type: string;
}

export function readConll(path: string): ConllDocument[] {
  const docs: ConllDocument[] = [];
  let doc: ConllDocument = { sentences: [] };
  let sentence: ConllSentence = { words: [], tags: [] };
  const endSentence = (): void => {
    if (sentence.words.length) doc.sentences.push(sentence);
    sentence = { words: [], tags: [] };
  };
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const parts = line.trim().split(/\s+/);
    if (parts[0] === '-DOCSTART-') {
      endSentence();
      if (doc.sentences.length) docs.push(doc);
      doc = { sentences: [] };
    } else if (!line.trim()) endSentence();
    else {
      sentence.words.push(parts[0]);
      sentence.tags.push(parts[parts.length - 1]);
    }
  }
  endSentence();
  if (doc.sentences.length) docs.push(doc);
  return docs.length === 1 ? splitAtDatelines(docs[0]) : docs;
}

/** A Reuters dateline: a short sentence ending in a date ("BRUSSELS 1996-08-22"). */
const DATELINE_DATE = /^\d{4}-\d\d-\d\d$/;
const MAX_DATELINE_WORDS = 8;

/**
 * The shared copies of CoNLL-2003 have no -DOCSTART- lines: a file would be one document, and the
 * document-level features would see a whole split at once. Each Reuters story starts with its
 * headline, followed by a dateline; the documents are cut before the headline (and byline) of each dateline.
 */
export function splitAtDatelines(doc: ConllDocument): ConllDocument[] {
  const starts = [0];
  const isByline = (s: ConllSentence): boolean => s.words.length <= 3 && s.words.every((w) => /^\p{Lu}/u.test(w));
  doc.sentences.forEach((s, i) => {
    if (i < 1 || s.words.length > MAX_DATELINE_WORDS || !DATELINE_DATE.test(s.words[s.words.length - 1])) return;
    const start = i >= 2 && isByline(doc.sentences[i - 1]) ? i - 2 : i - 1;
    if (start > starts[starts.length - 1]) starts.push(start);
  });
  return starts.map((start, k) => ({ sentences: doc.sentences.slice(start, starts[k + 1] ?? doc.sentences.length) }));
}

export function layOut(doc: ConllDocument): LaidOutDocument {
  let text = '';
  const sentences = doc.sentences.map((s) => {
    if (text) text += '\n';
    const tokens = s.words.map((w, i) => {
      if (i) text += ' ';
      const start = text.length;
      text += w;
      return { start, end: text.length };
    });
    return { tokens, tags: s.tags };
  });
  return { text, sentences };
}

/** Gold spans (character offsets into the laid-out text) from BIO/IOB1 tags. */
export function goldSpans(tokens: readonly Token[], tags: readonly string[]): GoldSpan[] {
  const spans: GoldSpan[] = [];
  let open: GoldSpan | null = null;
  tags.forEach((tag, i) => {
    const type = tag === 'O' ? '' : tag.slice(2);
    const continues = open && type === open.type && tag[0] === 'I';
    if (open && !continues) {
      spans.push(open);
      open = null;
    }
    if (type && !continues) open = { start: tokens[i].start, end: tokens[i].end, type };
    else if (type && open) open.end = tokens[i].end;
  });
  if (open) spans.push(open);
  return spans;
}

/** BIO tags as BILOU. */
export function toBilou(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tags.length; i++) {
    const type = tags[i] === 'O' ? '' : tags[i].slice(2);
    if (!type) {
      out.push('O');
      continue;
    }
    const prevSame = i > 0 && tags[i - 1] !== 'O' && tags[i - 1].slice(2) === type && tags[i][0] === 'I';
    const nextSame = i + 1 < tags.length && tags[i + 1][0] === 'I' && tags[i + 1].slice(2) === type;
    out.push(`${prevSame ? (nextSame ? 'I' : 'L') : nextSame ? 'B' : 'U'}-${type}`);
  }
  return out;
}
