/**
 * Every export format behind one call, for the editor's "Export tags…" command and the CLI.
 * Each format's module says which offset unit it writes.
 */
import { exportBrat } from './brat';
import { exportConll } from './conll';
import { exportCsv } from './csv';
import { exportJsonl } from './jsonl';
import { exportLabelStudio } from './labelstudio';
import { exportSpacy } from './spacy';
import type { ExportDocument, ExportFile, ExportOptions } from './types';
import { exportW3c } from './w3c';

export const EXPORT_FORMATS = ['csv', 'jsonl', 'w3c', 'brat', 'conll', 'spacy', 'labelstudio'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface FormatInfo {
  /** Several files (written into a folder) or one. */
  multiFile: boolean;
  /** File name for a single-file format when the user gives a folder. */
  defaultName: string;
  /** What the offsets in the output count. */
  offsetUnit: string;
  run(docs: readonly ExportDocument[], options: ExportOptions): ExportFile[];
}

const single = (defaultName: string, offsetUnit: string, fn: (docs: readonly ExportDocument[], options: ExportOptions) => string): FormatInfo => ({
  multiFile: false,
  defaultName,
  offsetUnit,
  run: (docs, options) => [{ path: defaultName, content: fn(docs, options) }],
});

export const FORMATS: Record<ExportFormat, FormatInfo> = {
  csv: single('tags.csv', 'code points', exportCsv),
  jsonl: single('tags.jsonl', 'code points', exportJsonl),
  w3c: single('annotations.jsonld', 'code points (TextPositionSelector)', exportW3c),
  brat: { multiFile: true, defaultName: 'brat', offsetUnit: 'code points into the copied .txt, line ends as "\\n"', run: exportBrat },
  conll: single('tags.conll', 'none (tokens)', exportConll),
  spacy: single('train.json', 'code points', exportSpacy),
  labelstudio: { multiFile: true, defaultName: 'labelstudio', offsetUnit: 'code points', run: exportLabelStudio },
};

export function isExportFormat(name: string): name is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(name);
}

/** Exports the documents in one format; single-file formats give one file named after the format. */
export function exportTags(format: ExportFormat, docs: readonly ExportDocument[], options: ExportOptions): ExportFile[] {
  return FORMATS[format].run(docs, options);
}

export { exportDocument, suggestionsFrom, skipReason, type ExportDocument, type ExportFile, type ExportOptions, type Include } from './types';
