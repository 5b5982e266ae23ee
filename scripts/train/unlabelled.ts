// Unlabelled news text for the word clusters (scripts/train/clusters.ts), each document as its
// lowercase words: CoNLL-2003 train, the OntoNotes dev copy's tuning half, PolNeAR train articles,
// the CLEF 2019 debates, and of the claim-pair sets the parts the compare model is fitted on (MRPC
// "fit", FNC-1 train bodies, CLEF 2020 verified claims).
// Never CoNLL dev, the OntoNotes report half, PolNeAR dev or the sample articles.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tokenize } from '../../extension/core/detect/tokens';
import { ontonotesSentenceArticles } from '../eval/ontonotes';
import { clef2020, fnc1, hasPairs, mrpc } from '../eval/pairs-data';
import { readDebates } from './clef';
import type { ConllDocument } from './conll';

function words(text: string): string[] {
  return tokenize(text).map((t) => text.slice(t.start, t.end).toLowerCase());
}

export function* unlabelledDocuments(data: string, conllTrain: readonly ConllDocument[]): Generator<string[]> {
  for (const doc of conllTrain) yield doc.sentences.flatMap((s) => s.words.map((w) => w.toLowerCase()));
  for (const article of ontonotesSentenceArticles(join(data, 'ontonotes-dev.txt'), 'tune', 'all'))
    yield article.flatMap((s) => s.words.map((w) => w.toLowerCase()));
  const polnear = join(data, 'polnear-train/text');
  for (const f of readdirSync(polnear).sort()) yield words(readFileSync(join(polnear, f), 'utf8'));
  for (const debate of readDebates(join(data, 'clef2019-train'))) yield debate.lines.flatMap((l) => words(l.text));
  if (!hasPairs(data)) return;
  const pairs = join(data, 'pairs');
  for (const pair of mrpc(pairs, 'fit')) yield [...words(pair.a), ...words(pair.b)];
  for (const body of new Set(fnc1(pairs, 'train').map((p) => p.b))) yield words(body);
  for (const claim of clef2020(pairs, 'train').claims) yield words(claim.text);
}
