/**
 * JSON Lines: one JSON object per tag (and per suggestion with include 'all'), lossless, for
 * pandas (`read_json(lines=True)`), jq and scripts.
 *
 * Offset unit: Unicode code points into the article text without BOM, line ends as on disk, end
 * exclusive — for every position, including the claim's source, cue and hedges. Each line says so
 * in `"offsetUnit": "codepoint"`.
 */
import type { Span } from '../detect/types';
import { exportItems, type ExportDocument, type ExportOptions } from './types';
import { codePointMap, type OffsetMap } from './units';

export function exportJsonl(docs: readonly ExportDocument[], options: ExportOptions): string {
  let out = '';
  for (const doc of docs) {
    const cp = codePointMap(doc.text);
    for (const item of exportItems(doc, options)) {
      const line = {
        file: doc.path,
        id: item.id,
        kind: item.kind,
        label: item.label,
        status: item.status,
        start: cp.out(item.start),
        end: cp.out(item.end),
        offsetUnit: 'codepoint',
        text: item.quote,
        tags: item.tags,
        verdict: item.verdict,
        note: item.note,
        entityId: item.entityId,
        claim: item.claim && {
          source: item.claim.source && span(item.claim.source, cp),
          cue: item.claim.cue && span(item.claim.cue, cp),
          hedges: item.claim.hedges.map((h) => span(h, cp)),
        },
        score: item.score,
        value: item.value,
        author: item.author,
        created: item.created,
        modified: item.modified,
      };
      out += JSON.stringify(line) + '\n';
    }
  }
  return out;
}

function span(s: Span, cp: OffsetMap): Span {
  return { start: cp.out(s.start), end: cp.out(s.end), text: s.text };
}
