/**
 * How every format writes: document by document, so the CLI can stream 10,000 articles to disk
 * without holding them, and the editor and tests can still ask for all files at once (`collect`).
 */
import type { ExportDocument, ExportFile } from './types';

/** The one file the documents stream into: a head, a part per document, a tail written last. */
export interface DocumentStream {
  /** Its name (single-file formats: the default file name). */
  path: string;
  head(): string;
  part(doc: ExportDocument): string;
  tail(): string;
}

/** One export under way. Stateful (counts, separators): make one per export. */
export interface FormatWriter {
  stream?: DocumentStream;
  /** Files written once whatever the documents (brat's annotation.conf, Label Studio's config). */
  fixed?: ExportFile[];
  /** Files of a document's own (brat's .ann and .txt). */
  files?(doc: ExportDocument): ExportFile[];
  /** What could not be written as it is, one line each, filled as documents are written. */
  problems: string[];
}

/** Every file of an export of these documents, in a stable order: the streamed file, the fixed ones, each document's own. */
export function collect(writer: FormatWriter, docs: readonly ExportDocument[]): { files: ExportFile[]; problems: string[] } {
  const files: ExportFile[] = [];
  const own: ExportFile[] = [];
  let content = writer.stream?.head() ?? '';
  for (const doc of docs) {
    if (writer.stream) content += writer.stream.part(doc);
    if (writer.files) own.push(...writer.files(doc));
  }
  if (writer.stream) files.push({ path: writer.stream.path, content: content + writer.stream.tail() });
  files.push(...(writer.fixed ?? []), ...own);
  return { files, problems: writer.problems };
}

/**
 * A stream that is a JSON array (or ends in one): `open` before the first item, items separated by
 * commas, one a line, `close` after the last. `items` gives a document's items.
 */
export function jsonItems<T>(
  path: string,
  items: (doc: ExportDocument) => T[],
  options: { open?: () => string; close?: (count: number) => string; space?: number } = {},
): DocumentStream {
  let count = 0;
  return {
    path,
    head: () => options.open?.() ?? '[\n',
    part: (doc) => {
      let out = '';
      for (const item of items(doc)) out += (count++ === 0 ? '' : ',\n') + JSON.stringify(item, null, options.space);
      return out;
    },
    tail: () => (count > 0 ? '\n' : '') + (options.close?.(count) ?? ']\n'),
  };
}
