/**
 * Agreement between two annotators (or two versions) of the same article's sidecar.
 *
 * What counts: confirmed tags that are not orphaned. An orphaned tag has no position, so it is left
 * out (and counted, so the report says how many). A rejected tag is the decision "this span is not
 * this label": for the statistics it is the same as no tag (a "no" for each of its characters), but
 * when the other side confirmed that very span, the disagreement is reported as `status` (a
 * confirmed-versus-rejected decision) rather than as a span only one side has.
 *
 * Units for kappa and AC1: characters (code points) of the article text that are not whitespace.
 * For each label, each side says yes or no for every unit (yes = inside one of its counted tags
 * of that label), which gives a 2×2 table per label. Whitespace is left out so that a span that
 * does or does not take the space after a word is not a disagreement, and so that long stretches
 * of blank lines do not inflate chance agreement. Without the article text, every UTF-16 offset
 * from 0 to the furthest tag end is a unit (an approximation the report flags).
 * Kappa collapses when a label is rare (chance agreement near 1), so Gwet's AC1 is given beside it.
 * `overall` pools every label's table into one (pooled kappa / AC1).
 *
 * Spans: side A is the reference (recall = matched / A's spans, precision = matched / B's spans;
 * F1 is symmetric). `exact`: same start, end and label. `relaxed`: same label and same span once
 * whitespace and punctuation are trimmed from both edges of the quote ("Reuters," = "Reuters").
 *
 * Disagreements: `only-a` / `only-b` (a span one side has and the other does not touch), `label`
 * (the same relaxed span with another label), `boundary` (overlapping spans of the same label with
 * different edges), `status` (confirmed on one side, rejected on the other), `verdict` (the same
 * claim with another verdict). Notes and free-form labels are not decisions about the text: an
 * otherwise identical tag with another note is not a disagreement.
 *
 * Offsets are the sidecar's UTF-16 offsets. Pure: no Node, no vscode.
 */
import type { Sidecar, Tag, TagLabel } from '../sidecar/types';

export interface UnitTable {
  /** Units both sides marked with the label. */
  both: number;
  onlyA: number;
  onlyB: number;
  neither: number;
}

export interface SpanScores {
  /** Counted spans on each side, and the one-to-one matches between them. */
  a: number;
  b: number;
  matched: number;
  /** null when undefined (no spans on the side it divides by). */
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

export interface LabelAgreement {
  label: TagLabel | 'all';
  units: UnitTable;
  /** Share of units both sides decided alike. */
  observed: number | null;
  /** null when chance agreement is 1 (both sides marked nothing, or everything): the statistic is undefined. */
  kappa: number | null;
  ac1: number | null;
  exact: SpanScores;
  relaxed: SpanScores;
}

export type DisagreementKind = 'only-a' | 'only-b' | 'label' | 'boundary' | 'status' | 'verdict';

/** One side's view of a disagreement. */
export interface TagView {
  id: string;
  label: TagLabel;
  status: Tag['status'];
  start: number;
  end: number;
  quote: string;
  verdict: string | null;
}

export interface Disagreement {
  path: string;
  kind: DisagreementKind;
  a: TagView | null;
  b: TagView | null;
}

export interface ArticleAgreement {
  path: string;
  labels: LabelAgreement[];
  overall: LabelAgreement;
  disagreements: Disagreement[];
  /** Tags left out of the statistics, per side. */
  ignored: { a: { orphaned: number; rejected: number }; b: { orphaned: number; rejected: number } };
  /** 'text': units are the article's non-space characters; 'offsets': no text was given (see above). */
  unitBasis: 'text' | 'offsets';
  /** How many units the article has. */
  unitCount: number;
  /** False when the two sidecars were written against different texts: offsets may not line up. */
  sameText: boolean;
}

export interface AgreementReport {
  nameA: string;
  nameB: string;
  articles: ArticleAgreement[];
  /** Every article's tables and span counts summed (units pooled across articles). */
  labels: LabelAgreement[];
  overall: LabelAgreement;
  disagreements: Disagreement[];
}

export interface ArticleInput {
  /** Workspace-relative path, to name the article in the report. */
  path: string;
  a: Sidecar;
  b: Sidecar;
  /** The article text the offsets refer to; without it, units are raw offsets (see above). */
  text?: string | null;
}

const EDGE = /[\s\p{P}]/u;
const SPACE = /\s/u;

interface Counted {
  tag: Tag;
  /** Start and end once whitespace and punctuation are trimmed from the quote's edges. */
  relaxedStart: number;
  relaxedEnd: number;
}

function trimmed(tag: Tag): Counted {
  const { start, end, quote } = tag.target;
  let s = 0;
  let e = quote.length;
  while (s < e && EDGE.test(quote[s])) s++;
  while (e > s && EDGE.test(quote[e - 1])) e--;
  // A span of nothing but punctuation keeps its edges: trimming it away would match it to nothing.
  return s === e ? { tag, relaxedStart: start, relaxedEnd: end } : { tag, relaxedStart: start + s, relaxedEnd: start + e };
}

function view(tag: Tag): TagView {
  return {
    id: tag.id,
    label: tag.label,
    status: tag.status,
    start: tag.target.start,
    end: tag.target.end,
    quote: tag.target.quote,
    verdict: tag.verdict,
  };
}

function ratio(n: number, d: number): number | null {
  return d === 0 ? null : n / d;
}

function spanScores(a: number, b: number, matched: number): SpanScores {
  const precision = ratio(matched, b);
  const recall = ratio(matched, a);
  const f1 = a + b === 0 ? null : (2 * matched) / (a + b);
  return { a, b, matched, precision, recall, f1 };
}

/** Cohen's kappa and Gwet's AC1 of a 2×2 table. */
function statistics(t: UnitTable): Pick<LabelAgreement, 'observed' | 'kappa' | 'ac1'> {
  const n = t.both + t.onlyA + t.onlyB + t.neither;
  if (n === 0) return { observed: null, kappa: null, ac1: null };
  const observed = (t.both + t.neither) / n;
  const pA = (t.both + t.onlyA) / n;
  const pB = (t.both + t.onlyB) / n;
  const chanceKappa = pA * pB + (1 - pA) * (1 - pB);
  const pi = (pA + pB) / 2;
  const chanceAc1 = 2 * pi * (1 - pi);
  return {
    observed,
    kappa: chanceKappa >= 1 ? null : (observed - chanceKappa) / (1 - chanceKappa),
    ac1: chanceAc1 >= 1 ? null : (observed - chanceAc1) / (1 - chanceAc1),
  };
}

function labelAgreement(
  label: LabelAgreement['label'],
  units: UnitTable,
  exact: [number, number, number],
  relaxed: [number, number, number],
): LabelAgreement {
  return { label, units, ...statistics(units), exact: spanScores(...exact), relaxed: spanScores(...relaxed) };
}

/** Offsets of the units: code point starts of non-space characters, or every offset below `length`. */
function unitOffsets(text: string | null, length: number): Int32Array {
  if (text === null) return Int32Array.from({ length }, (_, i) => i);
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff) continue;
    if (!SPACE.test(text[i])) out.push(i);
  }
  return Int32Array.from(out);
}

function unitTable(units: Int32Array, length: number, a: readonly Counted[], b: readonly Counted[]): UnitTable {
  const marks = new Uint8Array(length);
  for (const c of a) marks.fill(1, c.tag.target.start, Math.min(c.tag.target.end, length));
  for (const c of b) for (let i = c.tag.target.start; i < Math.min(c.tag.target.end, length); i++) marks[i] |= 2;
  const table: UnitTable = { both: 0, onlyA: 0, onlyB: 0, neither: 0 };
  for (const u of units) {
    const m = marks[u];
    if (m === 3) table.both++;
    else if (m === 1) table.onlyA++;
    else if (m === 2) table.onlyB++;
    else table.neither++;
  }
  return table;
}

/** One-to-one matches of a and b by key; returns the matched pairs and removes them from the lists. */
function matchBy(a: Counted[], b: Counted[], key: (c: Counted) => string): [Counted, Counted][] {
  const waiting = new Map<string, Counted[]>();
  for (const c of b) {
    const k = key(c);
    const list = waiting.get(k);
    if (list) list.push(c);
    else waiting.set(k, [c]);
  }
  const pairs: [Counted, Counted][] = [];
  for (const c of a) {
    const other = waiting.get(key(c))?.shift();
    if (other) pairs.push([c, other]);
  }
  const paired = new Set(pairs.flatMap(([x, y]) => [x, y]));
  removeWhere(a, (c) => paired.has(c));
  removeWhere(b, (c) => paired.has(c));
  return pairs;
}

function removeWhere<T>(list: T[], drop: (item: T) => boolean): void {
  const kept = list.filter((x) => !drop(x));
  list.length = 0;
  list.push(...kept);
}

function overlaps(x: Counted, y: Counted): boolean {
  return x.tag.target.start < y.tag.target.end && y.tag.target.start < x.tag.target.end;
}

const exactKey = (c: Counted) => `${c.tag.label}\u0000${c.tag.target.start}\u0000${c.tag.target.end}`;
const relaxedKey = (c: Counted) => `${c.tag.label}\u0000${c.relaxedStart}\u0000${c.relaxedEnd}`;
const relaxedSpanKey = (c: Counted) => `${c.relaxedStart}\u0000${c.relaxedEnd}`;

function disagreements(path: string, a: Counted[], b: Counted[], rejectedA: Counted[], rejectedB: Counted[]): Disagreement[] {
  const out: Disagreement[] = [];
  const restA = [...a];
  const restB = [...b];
  for (const [x, y] of matchBy(restA, restB, relaxedKey)) {
    if (x.tag.kind === 'claim' && (x.tag.verdict ?? null) !== (y.tag.verdict ?? null))
      out.push({ path, kind: 'verdict', a: view(x.tag), b: view(y.tag) });
  }
  for (const [x, y] of matchBy(restA, restB, relaxedSpanKey)) out.push({ path, kind: 'label', a: view(x.tag), b: view(y.tag) });
  for (const x of [...restA]) {
    const y = restB.find((c) => c.tag.label === x.tag.label && overlaps(x, c));
    if (!y) continue;
    out.push({ path, kind: 'boundary', a: view(x.tag), b: view(y.tag) });
    removeWhere(restA, (c) => c === x);
    removeWhere(restB, (c) => c === y);
  }
  const rejectedIn = (list: Counted[], c: Counted) => list.find((r) => relaxedKey(r) === relaxedKey(c));
  for (const x of restA) {
    const r = rejectedIn(rejectedB, x);
    out.push(r ? { path, kind: 'status', a: view(x.tag), b: view(r.tag) } : { path, kind: 'only-a', a: view(x.tag), b: null });
  }
  for (const y of restB) {
    const r = rejectedIn(rejectedA, y);
    out.push(r ? { path, kind: 'status', a: view(r.tag), b: view(y.tag) } : { path, kind: 'only-b', a: null, b: view(y.tag) });
  }
  const at = (d: Disagreement) => (d.a ?? d.b)!.start;
  return out.sort((x, y) => at(x) - at(y));
}

function split(sidecar: Sidecar): { counted: Counted[]; rejected: Counted[]; orphaned: number } {
  const placed = sidecar.tags.filter((t) => t.anchoring !== 'orphaned');
  return {
    counted: placed.filter((t) => t.status === 'confirmed').map(trimmed),
    rejected: placed.filter((t) => t.status === 'rejected').map(trimmed),
    orphaned: sidecar.tags.length - placed.length,
  };
}

function spanCounts(a: readonly Counted[], b: readonly Counted[], key: (c: Counted) => string): [number, number, number] {
  return [a.length, b.length, matchBy([...a], [...b], key).length];
}

/** Agreement between two sidecars of one article. */
export function articleAgreement(input: ArticleInput): ArticleAgreement {
  const A = split(input.a);
  const B = split(input.b);
  const text = input.text ?? null;
  const furthest = [...A.counted, ...B.counted].reduce((end, c) => Math.max(end, c.tag.target.end), 0);
  const length = text === null ? furthest : text.length;
  const units = unitOffsets(text, length);
  const labelNames = [...new Set([...A.counted, ...B.counted].map((c) => c.tag.label))].sort();
  const labels = labelNames.map((label) => {
    const a = A.counted.filter((c) => c.tag.label === label);
    const b = B.counted.filter((c) => c.tag.label === label);
    return labelAgreement(label, unitTable(units, length, a, b), spanCounts(a, b, exactKey), spanCounts(a, b, relaxedKey));
  });
  return {
    path: input.path,
    labels,
    overall: pool(labels),
    disagreements: disagreements(input.path, A.counted, B.counted, A.rejected, B.rejected),
    ignored: { a: { orphaned: A.orphaned, rejected: A.rejected.length }, b: { orphaned: B.orphaned, rejected: B.rejected.length } },
    unitBasis: text === null ? 'offsets' : 'text',
    unitCount: units.length,
    sameText: input.a.contentHash === input.b.contentHash,
  };
}

/** Sums tables and span counts (of one label across articles, or of every label into `all`). */
function pool(rows: readonly LabelAgreement[], label: LabelAgreement['label'] = 'all'): LabelAgreement {
  const units: UnitTable = { both: 0, onlyA: 0, onlyB: 0, neither: 0 };
  const exact: [number, number, number] = [0, 0, 0];
  const relaxed: [number, number, number] = [0, 0, 0];
  for (const r of rows) {
    units.both += r.units.both;
    units.onlyA += r.units.onlyA;
    units.onlyB += r.units.onlyB;
    units.neither += r.units.neither;
    exact[0] += r.exact.a;
    exact[1] += r.exact.b;
    exact[2] += r.exact.matched;
    relaxed[0] += r.relaxed.a;
    relaxed[1] += r.relaxed.b;
    relaxed[2] += r.relaxed.matched;
  }
  return labelAgreement(label, units, exact, relaxed);
}

/**
 * Agreement across many articles. Per label, the tables are summed over the articles where either
 * side used the label; in an article where neither did, its units are all "neither" for that
 * label, and they are added too, so a rare label is judged against the whole corpus.
 */
export function agreementReport(inputs: readonly ArticleInput[], names: { a: string; b: string } = { a: 'A', b: 'B' }): AgreementReport {
  const articles = inputs.map(articleAgreement);
  const labelNames = [...new Set(articles.flatMap((a) => a.labels.map((l) => l.label)))].sort();
  const labels = labelNames.map((label) =>
    pool(
      articles.map((article) => article.labels.find((l) => l.label === label) ?? absent(label, article.unitCount)),
      label,
    ),
  );
  return {
    nameA: names.a,
    nameB: names.b,
    articles,
    labels,
    overall: pool(labels),
    disagreements: articles.flatMap((a) => a.disagreements),
  };
}

/** A label neither side used in an article: every unit of it is "neither". */
function absent(label: LabelAgreement['label'], unitCount: number): LabelAgreement {
  return labelAgreement(label, { both: 0, onlyA: 0, onlyB: 0, neither: unitCount }, [0, 0, 0], [0, 0, 0]);
}
