// Claim evaluation: which sentences are claims (or attributions), and their source, cue and hedge spans.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClaimMention, Detector } from '../../extension/core/detect/types';
import { utf16ToCodePointMapper } from '../../extension/core/text/offsets';
import { splitSentences } from '../../extension/core/text/sentences';
import { proseView } from '../../extension/core/text/structure';
import { readPolnear } from '../train/polnear';
import { formatOf, type Article } from './entities';
import { formatPrf, matchKeys, addCounts, type Counts } from './score';

interface SeedClaim {
  doc: string;
  start: number;
  end: number;
  text: string;
  source: string | null;
  hedge: string | null;
}

interface Range {
  start: number;
  end: number;
}

/** Two sentence spans are the same sentence when they share at least half of their union. */
function sameSentence(a: Range, b: Range): boolean {
  const inter = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  const union = Math.max(a.end, b.end) - Math.min(a.start, b.start);
  return inter > 0 && inter / union >= 0.5;
}

/** One-to-one pairs of predicted and gold sentences, in order. */
function pairSentences<P extends Range, G extends Range>(predicted: P[], gold: G[]): [P, G][] {
  const used = new Set<G>();
  const pairs: [P, G][] = [];
  for (const p of predicted) {
    const g = gold.find((x) => !used.has(x) && sameSentence(p, x));
    if (g) {
      used.add(g);
      pairs.push([p, g]);
    }
  }
  return pairs;
}

function normalize(s: string): string {
  return s.replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * Seed claims of the sample articles: sentence P/R/F1 (sentences sharing half their span match);
 * the source and hedge of each matched claim against the seed's, by text.
 */
export function evaluateClaimsSeeds(detector: Detector, articles: Article[], path: string): void {
  const seeds = JSON.parse(readFileSync(path, 'utf8')) as SeedClaim[];
  const sentences: Counts = { tp: 0, fp: 0, fn: 0 };
  const exact: Counts = { tp: 0, fp: 0, fn: 0 };
  const sources: Counts = { tp: 0, fp: 0, fn: 0 };
  const hedges: Counts = { tp: 0, fp: 0, fn: 0 };
  const misses: string[] = [];
  for (const article of articles) {
    const toCp = utf16ToCodePointMapper(article.text);
    const gold = seeds.filter((s) => s.doc === article.name);
    const claims = detector.analyze(article.text, { format: formatOf(article.name) }).claims.map((c) => ({ ...c, start: toCp(c.start), end: toCp(c.end) }));
    const pairs = pairSentences(claims, gold);
    addCounts(sentences, { tp: pairs.length, fp: claims.length - pairs.length, fn: gold.length - pairs.length });
    addCounts(exact, matchKeys(claims.map((c) => `${c.start}:${c.end}`), gold.map((g) => `${g.start}:${g.end}`)));
    for (const c of claims) if (!pairs.some(([p]) => p === c)) misses.push(`    fp claim ${c.score.toFixed(2)} "${c.text.slice(0, 100)}"`);
    for (const g of gold) if (!pairs.some(([, x]) => x === g)) misses.push(`    fn claim "${g.text.slice(0, 100)}"`);
    for (const [p, g] of pairs) {
      const ps = p.source ? normalize(p.source.text) : null;
      const gs = g.source ? normalize(g.source) : null;
      if (ps && gs && ps === gs) sources.tp++;
      else {
        if (ps) sources.fp++;
        if (gs) sources.fn++;
        if (ps || gs) misses.push(`    source: got "${p.source?.text ?? ''}" want "${g.source ?? ''}"`);
      }
      const ph = new Set(p.hedges.map((h) => normalize(h.text)));
      const gh = g.hedge ? normalize(g.hedge) : null;
      if (gh && ph.has(gh)) {
        hedges.tp++;
        hedges.fp += ph.size - 1;
      } else {
        hedges.fp += ph.size;
        if (gh) hedges.fn++;
      }
    }
  }
  console.log(`claims, seeds-claims.json (${seeds.length} claims):`);
  console.log('  ' + formatPrf('claim sentences (overlap)', sentences));
  console.log('  ' + formatPrf('claim sentences (exact)', exact));
  console.log('  ' + formatPrf('sources (text, matched)', sources));
  console.log('  ' + formatPrf('hedges (text, matched)', hedges));
  if (process.env.VERBOSE) console.log(misses.join('\n'));
}

/**
 * PolNeAR dev: the articles split into sentences by the detector's splitter; a sentence is an
 * attribution when a gold cue lies in it, and predicted one when the detector returns a claim with
 * a cue there. Cue and source spans are compared exactly (and cues also by overlap).
 */
export function evaluateClaimsPolnear(detector: Detector, dir: string): void {
  const sentences: Counts = { tp: 0, fp: 0, fn: 0 };
  const cues: Counts = { tp: 0, fp: 0, fn: 0 };
  const cuesOverlap: Counts = { tp: 0, fp: 0, fn: 0 };
  const sources: Counts = { tp: 0, fp: 0, fn: 0 };
  const articles = readPolnear(dir);
  for (const a of articles) {
    const view = proseView(a.text, 'plaintext');
    const claims: ClaimMention[] = detector.analyze(a.text, { format: 'plaintext' }).claims.filter((c) => c.cue);
    for (const s of splitSentences(view.text, view.blocks)) {
      const inS = (r: Range | null): boolean => !!r && r.start >= s.start && r.start < s.end;
      const gold = a.attributions.filter((x) => inS(x.cue));
      const predicted = claims.filter((c) => inS(c));
      if (gold.length && predicted.length) sentences.tp++;
      else if (predicted.length) sentences.fp++;
      else if (gold.length) sentences.fn++;
      const key = (r: Range): string => `${r.start}:${r.end}`;
      addCounts(cues, matchKeys(predicted.map((c) => key(c.cue!)), gold.map((x) => key(x.cue!))));
      addCounts(sources, matchKeys(predicted.flatMap((c) => (c.source ? [key(c.source)] : [])), gold.flatMap((x) => (x.source ? [key(x.source)] : []))));
      const predCues = predicted.map((c) => c.cue!);
      const goldCues = gold.map((x) => x.cue!);
      const overlaps = (r: Range, list: Range[]): boolean => list.some((x) => x.start < r.end && r.start < x.end);
      const tp = predCues.filter((c) => overlaps(c, goldCues)).length;
      addCounts(cuesOverlap, { tp, fp: predCues.length - tp, fn: goldCues.filter((g) => !overlaps(g, predCues)).length });
    }
  }
  console.log(`claims, PolNeAR dev (${articles.length} articles):`);
  console.log('  ' + formatPrf('attribution sentences', sentences));
  console.log('  ' + formatPrf('cue spans (exact)', cues));
  console.log('  ' + formatPrf('cue spans (overlap)', cuesOverlap));
  console.log('  ' + formatPrf('source spans (exact)', sources));
}

/**
 * CLEF 2019 check-worthiness: every sentence of a debate analyzed alone and ranked by its claim
 * score (sentences not returned as claims rank last, in order); mean average precision over debates.
 */
export function evaluateClef(detector: Detector, dir: string): void {
  const aps: number[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.tsv')).sort()) {
    const rows = readFileSync(join(dir, file), 'utf8')
      .split('\n')
      .map((line) => line.split('\t'))
      .filter((cols) => cols.length >= 4);
    const ranked = rows
      .map((cols, i) => ({
        i,
        label: cols[3].trim() === '1',
        score: detector.analyze(cols[2], { format: 'plaintext' }).claims.reduce((m, c) => Math.max(m, c.score), -1),
      }))
      .sort((a, b) => b.score - a.score || a.i - b.i);
    let hits = 0;
    let sum = 0;
    ranked.forEach((r, k) => {
      if (r.label) {
        hits++;
        sum += hits / (k + 1);
      }
    });
    if (hits) aps.push(sum / hits);
  }
  const map = aps.reduce((a, b) => a + b, 0) / (aps.length || 1);
  console.log(`check-worthiness, CLEF 2019 train (${aps.length} debates): MAP ${map.toFixed(4)}`);
}
