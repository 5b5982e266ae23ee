// Real news texts for the ground-truth stress test, read by path from the shared data beside the
// repository (never copied into it). The anchoring thresholds were tuned on the `tune` split
// (PolNeAR training articles); figures are reported on the `report` split (the sample articles,
// PolNeAR development articles, CoNLL-2003 development documents joined into text).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The shared folder (corpus/, eval/): /work/shared, else ../shared beside the repository; null when absent. */
export function sharedDir(repoRoot: string): string | null {
  for (const dir of ['/work/shared', resolve(repoRoot, '../shared')]) if (existsSync(join(dir, 'eval'))) return dir;
  return null;
}

function textsIn(dir: string, limit = Infinity): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .slice(0, limit)
    .map((f) => readFileSync(join(dir, f), 'utf8').replace(/^\uFEFF/, ''));
}

/** Sentences per document when the file marks no document boundaries (this copy has no -DOCSTART- lines). */
const SENTENCES_PER_DOCUMENT = 30;

/** CoNLL-2003 documents as running text: tokens joined with the usual spacing, three sentences a paragraph. */
function conllDocuments(file: string): string[] {
  if (!existsSync(file)) return [];
  const documents: string[] = [];
  let sentences: string[] = [];
  let tokens: string[] = [];
  const endSentence = () => {
    if (tokens.length)
      sentences.push(
        tokens
          .join(' ')
          .replace(/ ([.,;:!?')%])/g, '$1')
          .replace(/([($]) /g, '$1'),
      );
    tokens = [];
  };
  const endDocument = (): void => {
    endSentence();
    const paragraphs: string[] = [];
    for (let i = 0; i < sentences.length; i += 3) paragraphs.push(sentences.slice(i, i + 3).join(' '));
    const text = paragraphs.join('\n\n');
    if (text.length >= 800) documents.push(text + '\n');
    sentences = [];
  };
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const token = line.split(' ')[0];
    if (token === '-DOCSTART-') endDocument();
    else if (token === '') {
      endSentence();
      if (sentences.length >= SENTENCES_PER_DOCUMENT) endDocument();
    } else tokens.push(token);
  }
  endDocument();
  return documents;
}

export type Split = 'tune' | 'report';

/** The articles of a split; empty when the shared data is not there. */
export function articles(shared: string, split: Split): string[] {
  if (split === 'tune') return textsIn(join(shared, 'eval/polnear-train/text'), 300);
  return [
    ...textsIn(join(shared, 'corpus')),
    ...textsIn(join(shared, 'eval/polnear-dev/text')),
    ...conllDocuments(join(shared, 'eval/conll2003-dev.txt')),
  ];
}
