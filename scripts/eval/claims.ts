// Claim evaluation: which sentences are claims (or attributions), and their source, cue and hedge spans.
import { readFileSync } from 'node:fs';
import type { ClaimMention, Detector } from '../../extension/core/detect/types';
import { shownClaims } from '../../extension/core/detect/shown';
import { utf16ToCodePointMapper } from '../../extension/core/text/offsets';
import { splitSentences } from '../../extension/core/text/sentences';
import { proseView } from '../../extension/core/text/structure';
import { decodeClaimsModel } from '../../extension/core/detect/claimsModel';
import { isHeldOutDebate, meanAveragePrecision, readDebates } from '../train/clef';
import { readPolnear, type PolnearArticle } from '../train/polnear';
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
 * Seed claims of the sample articles (a development set: looked at, never trained on), against the
 * claims shown by default: sentence P/R/F1 (sentences sharing half their span match);
 * the source and hedge of each matched claim against the seed's, by text.
 */
export function evaluateClaimsSeeds(detector: Detector, articles: Article[], path: string, label = ''): void {
  const seeds = JSON.parse(readFileSync(path, 'utf8')) as SeedClaim[];
  const sentences: Counts = { tp: 0, fp: 0, fn: 0 };
  const exact: Counts = { tp: 0, fp: 0, fn: 0 };
  const sources: Counts = { tp: 0, fp: 0, fn: 0 };
  const hedges: Counts = { tp: 0, fp: 0, fn: 0 };
  const misses: string[] = [];
  const marked: string[] = [];
  let sourceAgrees = 0;
  for (const article of articles) {
    const toCp = utf16ToCodePointMapper(article.text);
    const gold = seeds.filter((s) => s.doc === article.name);
    // What the editor underlines by default: attributed claims and check-worthy ones.
    const shown = shownClaims(detector.analyze(article.text, { format: formatOf(article.name) }).claims, false);
    for (const c of shown) if (/[*_#`]|^\s*\p{Lu}[\p{L}. ]{0,30}:/u.test(c.text)) marked.push(c.text.slice(0, 60));
    const claims = shown.map((c) => ({ ...c, start: toCp(c.start), end: toCp(c.end) }));
    const pairs = pairSentences(claims, gold);
    addCounts(sentences, { tp: pairs.length, fp: claims.length - pairs.length, fn: gold.length - pairs.length });
    addCounts(
      exact,
      matchKeys(
        claims.map((c) => `${c.start}:${c.end}`),
        gold.map((g) => `${g.start}:${g.end}`),
      ),
    );
    for (const c of claims) if (!pairs.some(([p]) => p === c)) misses.push(`    fp claim ${c.score.toFixed(2)} "${c.text.slice(0, 100)}"`);
    for (const g of gold) if (!pairs.some(([, x]) => x === g)) misses.push(`    fn claim "${g.text.slice(0, 100)}"`);
    for (const [p, g] of pairs) {
      const ps = p.source ? normalize(p.source.text) : null;
      const gs = g.source ? normalize(g.source) : null;
      const resolved = p.resolvedSource ? normalize(p.resolvedSource.text) : null;
      if (ps === gs || (gs && resolved === gs)) sourceAgrees++;
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
  console.log(`claims${label}, seeds-claims.json (${seeds.length} claims; shown by default):`);
  console.log('  ' + formatPrf('claim sentences (overlap)', sentences));
  console.log('  ' + formatPrf('claim sentences (exact)', exact));
  console.log('  ' + formatPrf('sources (text, matched)', sources));
  console.log(
    `  source accuracy (matched claims, none = none, as written or resolved): ${(sourceAgrees / (sentences.tp || 1)).toFixed(3)} (${sourceAgrees} of ${sentences.tp})`,
  );
  console.log(`  claim spans holding markup or a speaker label: ${marked.length}${marked.length ? ` (${marked.join(' | ')})` : ''}`);
  console.log('  ' + formatPrf('hedges (text, matched)', hedges));
  if (process.env.VERBOSE) console.log(misses.join('\n'));
}

/** Exact and overlap matches between predicted and gold spans (each span once per list). */
function spanCounts(predicted: readonly Range[], gold: readonly Range[]): { exact: Counts; overlap: Counts } {
  const key = (r: Range): string => `${r.start}:${r.end}`;
  const unique = (list: readonly Range[]): Range[] => [...new Map(list.map((r) => [key(r), r])).values()];
  const p = unique(predicted);
  const g = unique(gold);
  const overlaps = (r: Range, list: Range[]): boolean => list.some((x) => x.start < r.end && r.start < x.end);
  const tp = p.filter((r) => overlaps(r, g)).length;
  return { exact: matchKeys(p.map(key), g.map(key)), overlap: { tp, fp: p.length - tp, fn: g.filter((r) => !overlaps(r, p)).length } };
}

/** Every attribution a claim reports (the claim's own source and cue when the detector gives no list). */
function attributionsOf(c: ClaimMention): { source: Range | null; cue: Range | null; content: Range | null }[] {
  return c.attributions ?? [{ source: c.source, cue: c.cue, content: c.content }];
}

/** Attribution sentence and span counts of a detector over PolNeAR articles; `errors` collects cue misses and false cues. */
export function scorePolnear(
  detector: Detector,
  articles: readonly PolnearArticle[],
  errors?: { fp: string[]; fn: string[] },
): { sentences: Counts; spans: Record<string, Counts> } {
  const sentences: Counts = { tp: 0, fp: 0, fn: 0 };
  const roles = ['cue', 'source', 'content'] as const;
  const spans = Object.fromEntries(
    roles.flatMap((r) => [
      [`${r} exact`, { tp: 0, fp: 0, fn: 0 }],
      [`${r} overlap`, { tp: 0, fp: 0, fn: 0 }],
    ]),
  ) as Record<string, Counts>;
  for (const a of articles) {
    const view = proseView(a.text, 'plaintext');
    const found = detector
      .analyze(a.text, { format: 'plaintext' })
      .claims.flatMap(attributionsOf)
      .filter((x) => x.cue);
    for (const s of splitSentences(view.text, view.blocks)) {
      const inS = (r: Range | null): boolean => !!r && r.start >= s.start && r.start < s.end;
      const gold = a.attributions.some((x) => inS(x.cue));
      const predicted = found.some((x) => inS(x.cue));
      if (gold && predicted) sentences.tp++;
      else if (predicted) sentences.fp++;
      else if (gold) sentences.fn++;
    }
    for (const role of roles) {
      const predicted = found.flatMap((x) => (x[role] ? [x[role]] : []));
      const gold = a.attributions.flatMap((x) => (x[role] ? [x[role]] : []));
      const c = spanCounts(predicted, gold);
      addCounts(spans[`${role} exact`], c.exact);
      addCounts(spans[`${role} overlap`], c.overlap);
      if (errors && role === 'cue') spanErrors(a.text, predicted, gold, errors);
    }
  }
  return { sentences, spans };
}

/** Cue spans predicted but not in the gold (fp) and gold ones not predicted exactly (fn), each with the nearest other-side span and its sentence context. */
function spanErrors(text: string, predicted: readonly Range[], gold: readonly Range[], errors: { fp: string[]; fn: string[] }): void {
  const key = (r: Range): string => `${r.start}:${r.end}`;
  const goldKeys = new Set(gold.map(key));
  const predictedKeys = new Set(predicted.map(key));
  const show = (r: Range, others: readonly Range[]): string => {
    const near = others.find((x) => x.start < r.end && r.start < x.end);
    const context = text.slice(Math.max(0, r.start - 60), r.end + 40).replace(/\s+/g, ' ');
    return `[${text.slice(r.start, r.end)}]${near ? ` vs [${text.slice(near.start, near.end)}]` : ' (none)'} … ${context}`;
  };
  for (const r of predicted) if (!goldKeys.has(key(r))) errors.fp.push(show(r, gold));
  for (const r of gold) if (!predictedKeys.has(key(r))) errors.fn.push(show(r, predicted));
}

export function printPolnear(title: string, scores: { sentences: Counts; spans: Record<string, Counts> }): void {
  console.log(title);
  console.log('  ' + formatPrf('attribution sentences', scores.sentences));
  for (const [label, c] of Object.entries(scores.spans)) console.log('  ' + formatPrf(`${label.replace(' ', ' spans (')})`, c));
}

/**
 * PolNeAR dev: the articles split into sentences by the detector's splitter; a sentence is an
 * attribution when a gold cue starts in it, and predicted one when an attribution the detector
 * reports has its cue there. Cue, source and content spans over each article, exact and overlapping.
 */
export function evaluateClaimsPolnear(detector: Detector, dir: string, label = ''): void {
  const articles = readPolnear(dir);
  printPolnear(`claims${label}, PolNeAR dev (${articles.length} articles; never trained or tuned on):`, scorePolnear(detector, articles));
}

/** The keyword baseline of check-worthiness: how many words that tend to go with checkable statements. */
const CHECKABLE_WORDS =
  /\d|\b(?:percent|million|billion|trillion|thousands?|hundreds?|dollars?|tax(?:es)?|jobs?|increased?|decreased?|more than|less than|never|always|every|first|largest|highest|lowest|voted|cut|debt|deficit|unemployment|crime|law)\b/gi;

export function keywordScore(sentence: string): number {
  return sentence.match(CHECKABLE_WORDS)?.length ?? 0;
}

/**
 * CLEF 2019 check-worthiness on the debates the model was not trained on (the others are left out):
 * every sentence analyzed alone and ranked by its claim score (sentences not returned as claims rank
 * last, in order); mean average precision over debates, with the keyword baseline on the same debates.
 */
export function evaluateClef(detector: Detector, dir: string, claimsModel: Uint8Array | null, label = ''): void {
  const trainedOn = new Set(claimsModel ? decodeClaimsModel(claimsModel).trainedOn.worthiness : []);
  const debates = readDebates(dir).filter((d, i) => (claimsModel ? !trainedOn.has(d.file) : isHeldOutDebate(i)));
  const rank = (score: (text: string) => number): boolean[][] =>
    debates.map((d) =>
      d.lines
        .map((l, i) => ({ i, label: l.checkWorthy, score: score(l.text) }))
        .sort((a, b) => b.score - a.score || a.i - b.i)
        .map((r) => r.label),
    );
  const model = meanAveragePrecision(
    rank((text) => detector.analyze(text, { format: 'plaintext' }).claims.reduce((m, c) => Math.max(m, c.score), -1)),
  );
  const baseline = label ? null : meanAveragePrecision(rank(keywordScore));
  console.log(
    `check-worthiness${label}, CLEF 2019 train debates held out from training (${debates.map((d) => d.file.replace(/\.tsv$/, '')).join(', ')}):`,
  );
  console.log(`  detector claim score        MAP ${model.map.toFixed(4)} (${model.debates} debates)`);
  if (baseline) console.log(`  keyword baseline            MAP ${baseline.map.toFixed(4)}`);
}
