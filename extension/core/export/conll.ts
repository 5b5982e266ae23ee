/**
 * CoNLL-2003 style IOB: one `token TAG` line per token, a blank line between sentences, and a
 * `-DOCSTART- O` line (then a blank line) before each article, as in the CoNLL-2003 files. Tags
 * are BIO (IOB2: every entity starts with B-), with the CoNLL types PER, ORG, LOC, MISC plus DATE
 * and MONEY.
 *
 * Offset unit: none — the format has tokens, not offsets. Tokens come from `tokenize.ts`; a token
 * is cut where an entity starts or ends inside it, and no sentence ends inside an entity. Only
 * entities are written (claims are sentence spans a token tag column cannot hold beside them);
 * where entities overlap, the one that starts first (then the longest) wins, as IOB allows no nesting.
 */
import type { EntityType } from '../detect/types';
import { tokenizeSentences, type Token } from './tokenize';
import { exportItems, type ExportDocument, type ExportItem, type ExportOptions } from './types';
import { collect, type FormatWriter } from './writer';

export const CONLL_TYPES: Record<EntityType, string> = {
  Person: 'PER',
  Organization: 'ORG',
  Location: 'LOC',
  Other: 'MISC',
  Date: 'DATE',
  Money: 'MONEY',
};

export function conllWriter(options: ExportOptions): FormatWriter {
  return { stream: { path: 'tags.conll', head: () => '', part: (doc) => conllLines(doc, options), tail: () => '' }, problems: [] };
}

export function exportConll(docs: readonly ExportDocument[], options: ExportOptions): string {
  return collect(conllWriter(options), docs).files[0].content;
}

function conllLines(doc: ExportDocument, options: ExportOptions): string {
  const lines: string[] = [];
  const entities = flatEntities(exportItems(doc, options));
  const sentences = tokenizeSentences(
    doc.text,
    entities.flatMap((e) => [e.start, e.end]),
    entities,
  );
  lines.push('-DOCSTART- O', '');
  let e = 0;
  for (const sentence of sentences) {
    for (const token of sentence) {
      while (e < entities.length && entities[e].end <= token.start) e++;
      const entity = entities[e];
      const tag =
        entity && entity.start <= token.start && token.end <= entity.end
          ? (token.start === entity.start ? 'B-' : 'I-') + CONLL_TYPES[entity.label as EntityType]
          : 'O';
      lines.push(`${doc.text.slice(token.start, token.end)} ${tag}`);
    }
    lines.push('');
  }
  return lines.join('\n') + '\n';
}

/** Entity items without overlaps: sorted by start, the longest first at a tie, overlapping later ones dropped. */
export function flatEntities(items: readonly ExportItem[]): (Token & { label: ExportItem['label'] })[] {
  const sorted = items.filter((i) => i.kind === 'entity').sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: (Token & { label: ExportItem['label'] })[] = [];
  for (const item of sorted) {
    if (kept.length && item.start < kept[kept.length - 1].end) continue;
    kept.push({ start: item.start, end: item.end, label: item.label });
  }
  return kept;
}
