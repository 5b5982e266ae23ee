/** The agreement report as plain text, for the CLI (fixed-width columns, one line per disagreement). */
import * as l10n from '@vscode/l10n';
import type { AgreementReport, Disagreement, LabelAgreement, TagView } from './agreement';

function num(x: number | null, digits = 3): string {
  const scale = 10 ** digits;
  // Rounding a tiny negative gives -0, which toFixed prints as "-0.000".
  return x === null ? 'n/a' : (Math.round(x * scale) / scale || 0).toFixed(digits);
}

function pad(s: string, width: number): string {
  return s.length >= width ? s : s + ' '.repeat(width - s.length);
}

const header = (): string[] => [
  l10n.t('label'),
  'kappa',
  'AC1',
  l10n.t('observed'),
  l10n.t('exact P/R/F1'),
  l10n.t('relaxed P/R/F1'),
  l10n.t('spans A/B'),
];
const WIDTHS = [14, 7, 7, 9, 20, 20, 10];

function row(l: LabelAgreement): string[] {
  const prf = (s: LabelAgreement['exact']) => `${num(s.precision, 2)}/${num(s.recall, 2)}/${num(s.f1, 2)}`;
  return [l.label, num(l.kappa), num(l.ac1), num(l.observed), prf(l.exact), prf(l.relaxed), `${l.exact.a}/${l.exact.b}`];
}

function table(labels: readonly LabelAgreement[], overall: LabelAgreement): string[] {
  const line = (cells: string[]) =>
    cells
      .map((c, i) => pad(c, WIDTHS[i]))
      .join(' ')
      .trimEnd();
  return [line(header()), ...labels.map((l) => line(row(l))), line(row(overall))];
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
      return l10n.t('{0} {1} only in {2}', a.label, quoted(a), nameA);
    case 'only-b':
      return l10n.t('{0} {1} only in {2}', b.label, quoted(b), nameB);
    case 'label':
      return l10n.t('{0}: {1} in {2}, {3} in {4}', quoted(a), a.label, nameA, b.label, nameB);
    case 'boundary':
      return l10n.t(
        '{0} with other edges: {1} ({2}-{3}) in {4}, {5} ({6}-{7}) in {8}',
        a.label,
        quoted(a),
        a.start,
        a.end,
        nameA,
        quoted(b),
        b.start,
        b.end,
        nameB,
      );
    case 'status':
      return l10n.t('{0} {1}: {2} in {3}, {4} in {5}', a.label, quoted(a), a.status, nameA, b.status, nameB);
    case 'verdict':
      return l10n.t(
        'claim {0}: verdict {1} in {2}, {3} in {4}',
        quoted(a),
        JSON.stringify(a.verdict),
        nameA,
        JSON.stringify(b.verdict),
        nameB,
      );
  }
}

export function renderAgreementText(report: AgreementReport): string {
  const { nameA, nameB } = report;
  const lines = [l10n.t('Agreement between {0} (A, reference) and {1} (B)', nameA, nameB)];
  const many = report.articles.length > 1;
  for (const article of report.articles) {
    lines.push(
      '',
      article.unitBasis === 'text'
        ? l10n.t('{0}: {1} units (non-space characters)', article.path, article.unitCount)
        : l10n.t('{0}: {1} units (offsets; no article text)', article.path, article.unitCount),
    );
    if (!article.sameText) lines.push(l10n.t('  warning: the two sidecars were written against different texts; offsets may not line up'));
    const { a, b } = article.ignored;
    lines.push(
      l10n.t(
        '  left out: {0} orphaned and {1} rejected in A, {2} orphaned and {3} rejected in B',
        a.orphaned,
        a.rejected,
        b.orphaned,
        b.rejected,
      ),
    );
    if (!many) lines.push(...table(article.labels, article.overall).map((l) => '  ' + l));
  }
  if (many)
    lines.push('', l10n.t('All {0} articles:', report.articles.length), ...table(report.labels, report.overall).map((l) => '  ' + l));
  lines.push(
    '',
    report.disagreements.length === 0 ? l10n.t('No disagreements.') : l10n.t('{0} disagreement(s):', report.disagreements.length),
  );
  for (const d of report.disagreements) {
    lines.push(`  ${d.path}:${(d.a ?? d.b)!.start} ${d.kind}: ${describeDisagreement(d, nameA, nameB)}`);
  }
  return lines.join('\n') + '\n';
}
