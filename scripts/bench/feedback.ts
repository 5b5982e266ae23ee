/**
 * What learning from the researcher's tags is worth, on CoNLL-2003 dev: a simulated researcher tags
 * the first N articles (confirms every gold entity with its type, rejects every model suggestion
 * that overlaps no gold entity); the corrections learned from those tags are measured on held-out
 * articles (the ones after the largest N), exact span and type, against the shipped weights alone in
 * the same run; and, among the held-out gold entities whose name the researcher confirmed, how many
 * are found exactly, before and after. The dev file has no -DOCSTART- lines: an article starts at
 * the headline before each dateline ("LONDON 1996-08-30").
 * Usage: npm run bench -- feedback
 */
import { join } from 'node:path';
import type { TaggedArticle } from '../../extension/core/detect/feedback';
import { createDetector, type CorrectableDetector } from '../../extension/core/detect/index';
import type { EntityType } from '../../extension/core/detect/types';
import { writeCorrections } from '../../extension/core/detect/feedback';
import type { Tag } from '../../extension/core/sidecar/types';
import { readModelFile } from '../eval/model';
import { formatPrf, type Counts, addCounts, matchKeys, prf } from '../eval/score';
import { goldSpans, layOut, readConll, type ConllDocument, type GoldSpan } from '../train/conll';
import { dataDir } from '../train/paths';
import { CONLL_TYPES } from '../../extension/core/export/conll';

const LEARN_COUNTS = [5, 20, 50, 100];
const DATELINE = /^\p{Lu}[\p{Lu} .-]* \d{4}-\d{2}-\d{2}$/u;
const ENTITY_TYPE: Record<string, EntityType> = { PER: 'Person', ORG: 'Organization', LOC: 'Location', MISC: 'Other' };
interface Article {
  text: string;
  gold: GoldSpan[];
}

function articles(path: string): Article[] {
  const sentences = readConll(path).flatMap((d) => d.sentences);
  const docs: ConllDocument[] = [];
  sentences.forEach((s, i) => {
    const startsArticle = i + 1 < sentences.length && DATELINE.test(sentences[i + 1].words.join(' '));
    if (startsArticle || !docs.length) docs.push({ sentences: [] });
    docs[docs.length - 1].sentences.push(s);
  });
  return docs.map((doc) => {
    const laid = layOut(doc);
    return { text: laid.text, gold: laid.sentences.flatMap((s) => goldSpans(s.tokens, s.tags)) };
  });
}

function tag(start: number, end: number, text: string, label: EntityType, status: Tag['status']): Tag {
  return {
    id: `t${start}`,
    kind: 'entity',
    label,
    status,
    target: { start, end, quote: text.slice(start, end), prefix: '', suffix: '' },
    anchoring: 'exact',
    tags: [],
    verdict: null,
    note: null,
    claim: null,
    entityId: null,
    author: 'sim',
    created: '',
    modified: '',
  };
}

/** The simulated researcher's tags on one article, given the detector's suggestions. */
function researcherTags(detector: CorrectableDetector, article: Article): Omit<TaggedArticle, 'tags'> & { tags: Tag[] } {
  const confirmed = article.gold.map((g) => tag(g.start, g.end, article.text, ENTITY_TYPE[g.type], 'confirmed'));
  const rejected = detector
    .analyze(article.text, { format: 'plaintext' })
    .entities.filter((e) => e.origin === 'model' && !article.gold.some((g) => g.start < e.end && e.start < g.end))
    .map((e) => tag(e.start, e.end, article.text, e.type, 'rejected'));
  return { text: article.text, format: 'plaintext', tags: [...confirmed, ...rejected] };
}

/** Exact span-and-type counts on the held-out articles, and the recall of the gold entities whose name the researcher tagged (`seen`). */
function score(
  detector: CorrectableDetector,
  held: readonly Article[],
  seen: ReadonlySet<string>,
): { counts: Counts; seenFound: number; seenTotal: number } {
  const counts: Counts = { tp: 0, fp: 0, fn: 0 };
  let seenFound = 0;
  let seenTotal = 0;
  for (const article of held) {
    const predicted = detector
      .analyze(article.text, { format: 'plaintext' })
      .entities.filter((e) => e.origin !== 'pattern')
      .map((e) => `${e.start}:${e.end}:${CONLL_TYPES[e.type]}`);
    const gold = article.gold.map((g) => `${g.start}:${g.end}:${g.type}`);
    addCounts(counts, matchKeys(predicted, gold));
    const found = new Set(predicted);
    article.gold.forEach((g, i) => {
      if (!seen.has(article.text.slice(g.start, g.end))) return;
      seenTotal++;
      if (found.has(gold[i])) seenFound++;
    });
  }
  return { counts, seenFound, seenTotal };
}

function percent(part: number, whole: number): string {
  return `${whole ? ((100 * part) / whole).toFixed(1) : '0'}%`;
}

export async function bench(): Promise<void> {
  const model = readModelFile();
  if (!model) {
    console.log('feedback: no model file (media/models/detector.bin), nothing to correct');
    return;
  }
  const base = createDetector(model);
  const all = articles(join(dataDir([]), 'conll2003-dev.txt'));
  const pool = all.slice(0, Math.max(...LEARN_COUNTS));
  const held = all.slice(pool.length);
  const baseCounts = score(base, held, new Set()).counts;
  console.log(
    `feedback: CoNLL-2003 dev as ${all.length} articles; held out ${held.length} (${held.reduce((n, a) => n + a.gold.length, 0)} gold entities)`,
  );
  console.log(`  ${formatPrf('base (shipped weights)', baseCounts)}`);
  const tagged = pool.map((a) => researcherTags(base, a));
  for (const n of LEARN_COUNTS) {
    const learnedFrom = tagged.slice(0, n);
    const t0 = performance.now();
    const corrections = base.learnCorrections(learnedFrom);
    const ms = performance.now() - t0;
    if (!corrections) return;
    const names = new Set(learnedFrom.flatMap((a) => a.tags.filter((t) => t.status === 'confirmed').map((t) => t.target.quote)));
    const before = score(base, held, names);
    const { counts, seenFound, seenTotal } = score(base.withCorrections(corrections), held, names);
    const tags = learnedFrom.reduce((k, a) => k + a.tags.length, 0);
    const rejected = learnedFrom.reduce((k, a) => k + a.tags.filter((t) => t.status === 'rejected').length, 0);
    const size = Buffer.byteLength(writeCorrections(corrections));
    const delta = prf(counts).f1 - prf(baseCounts).f1;
    console.log(`  ${formatPrf(`learned from ${n} articles`, counts)}  ΔF1 ${delta >= 0 ? '+' : ''}${(delta * 100).toFixed(2)} pt`);
    console.log(
      `    ${tags} tags (${rejected} rejections), learned in ${ms.toFixed(0)} ms, ${Object.keys(corrections.emissions).length} weight changes, ${(size / 1024).toFixed(0)} KB of JSON`,
    );
    console.log(
      `    held-out entities whose name was confirmed: ${seenTotal}, found with span and type: base ${percent(before.seenFound, seenTotal)}, corrected ${percent(seenFound, seenTotal)}`,
    );
  }
}
