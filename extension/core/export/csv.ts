/**
 * CSV: one row per tag (and per suggestion with include 'all'), for spreadsheets, pandas and R.
 *
 * Offset unit: Unicode code points (Python and R string indices) into the article text without BOM,
 * line ends as on disk, end exclusive; every row says so in its "offset unit" column.
 *
 * Encoding: RFC 4180 — fields quoted when they hold a comma, quote, CR or LF; quotes doubled; rows
 * end with CRLF. The file starts with a UTF-8 byte order mark, which Excel needs to read UTF-8
 * (without it, accented, CJK and emoji text turns to mojibake); pandas (`encoding="utf-8-sig"`),
 * R's readr and LibreOffice all skip it. Lists (tags, hedges) are joined with "; ": JSONL is the
 * lossless format when tags themselves contain "; ".
 *
 * Formula injection (OWASP "CSV Injection"): Excel, LibreOffice and Google Sheets run a cell that
 * starts with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula, and article text, notes
 * and tags are not ours to trust. Such a text field gets a leading `'`, which spreadsheets take as
 * "this is text" and do not show; numbers (offsets, scores) are never changed.
 */
import { exportItems, type ExportDocument, type ExportOptions } from './types';
import { codePointMap } from './units';
import { collect, type FormatWriter } from './writer';

export const CSV_COLUMNS = [
  'file',
  'id',
  'kind',
  'label',
  'status',
  'start',
  'end',
  'offset unit',
  'text',
  'tags',
  'verdict',
  'note',
  'source',
  'source start',
  'source end',
  'cue',
  'cue start',
  'cue end',
  'hedges',
  'entity id',
  'author',
  'score',
] as const;

const BOM = '\ufeff';

export function csvWriter(options: ExportOptions): FormatWriter {
  return {
    stream: {
      path: 'tags.csv',
      head: () => BOM + CSV_COLUMNS.map(csvField).join(',') + '\r\n',
      part: (doc) => csvRows(doc, options),
      tail: () => '',
    },
    problems: [],
  };
}

export function exportCsv(docs: readonly ExportDocument[], options: ExportOptions): string {
  return collect(csvWriter(options), docs).files[0].content;
}

function csvRows(doc: ExportDocument, options: ExportOptions): string {
  const cp = codePointMap(doc.text);
  let out = '';
  for (const item of exportItems(doc, options)) {
    const claim = item.claim;
    const row: (string | number | null)[] = [
      doc.path,
      item.id,
      item.kind,
      item.label,
      item.status,
      cp.out(item.start),
      cp.out(item.end),
      'codepoint',
      item.quote,
      item.tags.join('; '),
      item.verdict,
      item.note,
      claim?.source?.text ?? null,
      claim?.source ? cp.out(claim.source.start) : null,
      claim?.source ? cp.out(claim.source.end) : null,
      claim?.cue?.text ?? null,
      claim?.cue ? cp.out(claim.cue.start) : null,
      claim?.cue ? cp.out(claim.cue.end) : null,
      claim ? claim.hedges.map((h) => h.text).join('; ') : null,
      item.entityId,
      item.author,
      item.score,
    ];
    out += row.map(csvField).join(',') + '\r\n';
  }
  return out;
}

/** What a spreadsheet would read as the start of a formula (OWASP's list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One RFC 4180 field; null becomes an empty field, a text that a spreadsheet would run gets a leading `'`. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const s = typeof value === 'string' && FORMULA_START.test(value) ? "'" + value : String(value);
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}
