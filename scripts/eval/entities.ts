// Entity evaluation: exact span and type, per type and overall.
import { readFileSync } from 'node:fs';
import type { Detector } from '../../extension/core/detect/types';
import { utf16ToCodePointMapper } from '../../extension/core/text/offsets';
import { goldSpans, layOut, readConll } from '../train/conll';
import { formatPrf, type Counts } from './score';
import { formatOfPath as formatOf } from '../../extension/core/text/format';
import { CONLL_TYPES } from '../../extension/core/export/conll';

export interface Article {
  name: string;
  text: string;
}

export { formatOf };

function perType(predicted: { key: string; type: string }[], gold: { key: string; type: string }[], into: Map<string, Counts>): void {
  const goldKeys = new Set(gold.map((g) => g.key));
  const predKeys = new Set(predicted.map((p) => p.key));
  const bump = (type: string, field: keyof Counts): void => {
    for (const t of [type, 'overall']) {
      const c = into.get(t) ?? { tp: 0, fp: 0, fn: 0 };
      c[field]++;
      into.set(t, c);
    }
  };
  for (const p of predicted) bump(p.type, goldKeys.has(p.key) ? 'tp' : 'fp');
  for (const g of gold) if (!predKeys.has(g.key)) bump(g.type, 'fn');
}

function print(title: string, counts: Map<string, Counts>): void {
  console.log(title);
  for (const type of [...counts.keys()].sort((a, b) => (a === 'overall' ? 1 : b === 'overall' ? -1 : a.localeCompare(b))))
    console.log('  ' + formatPrf(type, counts.get(type)!));
}

/**
 * CoNLL-2003 dev, each document laid out one sentence a line and analyzed as a plain-text article.
 * Pattern entities (URLs, e-mail addresses…) and dates and money (found by the grammar or decided by
 * the date tagger, whose spans are the model's) are left out: CoNLL does not annotate them.
 */
export function evaluateConll(detector: Detector, path: string): void {
  const counts = new Map<string, Counts>();
  let tokens = 0;
  for (const doc of readConll(path)) {
    const laid = layOut(doc);
    const gold = laid.sentences
      .flatMap((s) => goldSpans(s.tokens, s.tags))
      .map((g) => ({ key: `${g.start}:${g.end}:${g.type}`, type: g.type }));
    tokens += laid.sentences.reduce((n, s) => n + s.tokens.length, 0);
    const predicted = detector
      .analyze(laid.text, { format: 'plaintext' })
      .entities.filter((e) => e.origin !== 'pattern' && e.type !== 'Date' && e.type !== 'Money')
      .map((e) => ({ key: `${e.start}:${e.end}:${CONLL_TYPES[e.type]}`, type: CONLL_TYPES[e.type] }));
    perType(predicted, gold, counts);
  }
  print(`entities, CoNLL-2003 dev (${tokens} tokens; exact span and type; not tuned on: the epoch is chosen on a part of train):`, counts);
}

interface SeedEntity {
  doc: string;
  start: number;
  end: number;
  text: string;
  type: string;
}

/** The seed annotations of the sample articles (code points), every type including DATE and MONEY. */
export function evaluateEntitySeeds(detector: Detector, articles: Article[], path: string): void {
  const seeds = JSON.parse(readFileSync(path, 'utf8')) as SeedEntity[];
  const counts = new Map<string, Counts>();
  const misses: string[] = [];
  for (const article of articles) {
    const toCp = utf16ToCodePointMapper(article.text);
    const gold = seeds
      .filter((s) => s.doc === article.name)
      .map((s) => ({ key: `${s.start}:${s.end}:${s.type}`, type: s.type, text: s.text }));
    // The seeds mark calendar dates only (their README): relative dates and durations are left out here.
    const predicted = detector
      .analyze(article.text, { format: formatOf(article.name) })
      .entities.filter((e) => e.type !== 'Date' || (e.date?.kind ?? 'absolute') === 'absolute')
      .map((e) => ({ key: `${toCp(e.start)}:${toCp(e.end)}:${CONLL_TYPES[e.type]}`, type: CONLL_TYPES[e.type], text: e.text }));
    perType(predicted, gold, counts);
    const goldKeys = new Set(gold.map((g) => g.key));
    const predKeys = new Set(predicted.map((p) => p.key));
    for (const p of predicted) if (!goldKeys.has(p.key)) misses.push(`    fp ${p.type} "${p.text}"`);
    for (const g of gold) if (!predKeys.has(g.key)) misses.push(`    fn ${g.type} "${g.text}"`);
  }
  print(
    `entities, seeds-entities.json (${seeds.length} mentions in ${articles.length} articles; code points; calendar dates only; not tuned on):`,
    counts,
  );
  if (process.env.VERBOSE) console.log(misses.join('\n'));
}
