/** The agreement report as plain text, for the CLI (fixed-width columns, one line per disagreement). */
import type { AgreementReport, Disagreement, LabelAgreement, TagView } from './agreement';

function num(x: number | null, digits = 3): string {
  const scale = 10 ** digits;
  // Rounding a tiny negative gives -0, which toFixed prints as "-0.000".
  return x === null ? 'n/a' : (Math.round(x * scale) / scale || 0).toFixed(digits);
}

function pad(s: string, width: number): string {
  return s.length >= width ? s : s + ' '.repeat(width - s.length);
}

const HEADER = ['label', 'kappa', 'AC1', 'observed', 'exact P/R/F1', 'relaxed P/R/F1', 'spans A/B'];
const WIDTHS = [14, 7, 7, 9, 20, 20, 10];

function row(l: LabelAgreement): string[] {
  const prf = (s: LabelAgreement['exact']) => `${num(s.precision, 2)}/${num(s.recall, 2)}/${num(s.f1, 2)}`;
  return [l.label, num(l.kappa), num(l.ac1), num(l.observed), prf(l.exact), prf(l.relaxed), `${l.exact.a}/${l.exact.b}`];
}

function table(labels: readonly LabelAgreement[], overall: LabelAgreement): string[] {
  const line = (cells: string[]) => cells.map((c, i) => pad(c, WIDTHS[i])).join(' ').trimEnd();
  return [line(HEADER), ...labels.map((l) => line(row(l))), line(row(overall))];
}

function quoted(v: TagView): string {
  const q = v.quote.replace(/\s+/g, ' ');
  return JSON.stringify(q.length > 60 ? q.slice(0, 57) + '...' : q);
}

/** One line saying what differs, naming the sides as the report names them. */
export function describeDisagreement(d: Disagreement, nameA: string, nameB: string): string {
  const a = d.a!;
  const b = d.b!;
  switch (d.kind) {
    case 'only-a':
      return `${a.label} ${quoted(a)} only in ${nameA}`;
    case 'only-b':
      return `${b.label} ${quoted(b)} only in ${nameB}`;
    case 'label':
      return `${quoted(a)}: ${a.label} in ${nameA}, ${b.label} in ${nameB}`;
    case 'boundary':
      return `${a.label} with other edges: ${quoted(a)} (${a.start}-${a.end}) in ${nameA}, ${quoted(b)} (${b.start}-${b.end}) in ${nameB}`;
    case 'status':
      return `${a.label} ${quoted(a)}: ${a.status} in ${nameA}, ${b.status} in ${nameB}`;
    case 'verdict':
      return `claim ${quoted(a)}: verdict ${JSON.stringify(a.verdict)} in ${nameA}, ${JSON.stringify(b.verdict)} in ${nameB}`;
  }
}

export function renderAgreementText(report: AgreementReport): string {
  const { nameA, nameB } = report;
  const lines = [`Agreement between ${nameA} (A, reference) and ${nameB} (B)`];
  const many = report.articles.length > 1;
  for (const article of report.articles) {
    lines.push('', `${article.path}: ${article.unitCount} units (${article.unitBasis === 'text' ? 'non-space characters' : 'offsets; no article text'})`);
    if (!article.sameText) lines.push('  warning: the two sidecars were written against different texts; offsets may not line up');
    const { a, b } = article.ignored;
    lines.push(`  left out: ${a.orphaned} orphaned and ${a.rejected} rejected in A, ${b.orphaned} orphaned and ${b.rejected} rejected in B`);
    if (!many) lines.push(...table(article.labels, article.overall).map((l) => '  ' + l));
  }
  if (many) lines.push('', `All ${report.articles.length} articles:`, ...table(report.labels, report.overall).map((l) => '  ' + l));
  lines.push('', report.disagreements.length === 0 ? 'No disagreements.' : `${report.disagreements.length} disagreement(s):`);
  for (const d of report.disagreements) {
    lines.push(`  ${d.path}:${(d.a ?? d.b)!.start} ${d.kind}: ${describeDisagreement(d, nameA, nameB)}`);
  }
  return lines.join('\n') + '\n';
}
