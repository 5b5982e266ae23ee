/**
 * Every export format behind one call, for the editor's "Export tags…" command and the CLI.
 * Each format's module says which offset unit it writes.
 */
import { bratWriter } from './brat';
import { claimReviewWriter } from './claimreview';
import { conllWriter } from './conll';
import { csvWriter } from './csv';
import { jsonlWriter } from './jsonl';
import { labelStudioWriter } from './labelstudio';
import { spacyWriter } from './spacy';
import type { ExportDocument, ExportFile, ExportOptions } from './types';
import { w3cWriter } from './w3c';
import { collect, type FormatWriter } from './writer';

export const EXPORT_FORMATS = ['csv', 'jsonl', 'w3c', 'brat', 'conll', 'spacy', 'labelstudio', 'claimreview'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface FormatInfo {
  /** Several files (written into a folder) or one. */
  multiFile: boolean;
  /** File name for a single-file format when the user gives a folder. */
  defaultName: string;
  /** What the offsets in the output count. */
  offsetUnit: string;
  /** A writer for one export (writers keep counts: one per export). */
  writer(options: ExportOptions): FormatWriter;
}

export const FORMATS: Record<ExportFormat, FormatInfo> = {
  csv: { multiFile: false, defaultName: 'tags.csv', offsetUnit: 'code points', writer: csvWriter },
  jsonl: { multiFile: false, defaultName: 'tags.jsonl', offsetUnit: 'code points', writer: jsonlWriter },
  w3c: { multiFile: false, defaultName: 'annotations.jsonld', offsetUnit: 'code points (TextPositionSelector)', writer: w3cWriter },
  brat: { multiFile: true, defaultName: 'brat', offsetUnit: 'code points of the copied .txt (CRLF counts two)', writer: bratWriter },
  conll: { multiFile: false, defaultName: 'tags.conll', offsetUnit: 'none (tokens)', writer: conllWriter },
  spacy: { multiFile: false, defaultName: 'train.json', offsetUnit: 'code points', writer: spacyWriter },
  labelstudio: { multiFile: true, defaultName: 'labelstudio', offsetUnit: 'code points', writer: labelStudioWriter },
  claimreview: { multiFile: false, defaultName: 'claimreview.jsonld', offsetUnit: 'none (claims as text)', writer: claimReviewWriter },
};

export function isExportFormat(name: string): name is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(name);
}

/** Exports the documents in one format, with what could not be written as it is (spans spaCy cannot place, verdicts off the rating scale). */
export function exportReport(
  format: ExportFormat,
  docs: readonly ExportDocument[],
  options: ExportOptions,
): { files: ExportFile[]; problems: string[] } {
  return collect(FORMATS[format].writer(options), docs);
}

/** Exports the documents in one format; single-file formats give one file named after the format. */
export function exportTags(format: ExportFormat, docs: readonly ExportDocument[], options: ExportOptions): ExportFile[] {
  return exportReport(format, docs, options).files;
}

export { collect, type DocumentStream, type FormatWriter } from './writer';
export { DEFAULT_RATING_SCALE, parseRatingScale } from './claimreview';
export { articleUriUnder, articleUrn } from './uris';
export {
  exportDocument,
  INCLUDES,
  suggestionsFrom,
  skipReason,
  type ExportDocument,
  type ExportFile,
  type ExportOptions,
  type Include,
  type RatingScale,
} from './types';
