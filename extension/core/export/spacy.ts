/**
 * spaCy's JSON training format: an array of `[text, {"entities": [[start, end, label]], "spans": {…}}]`,
 * one per article — what `Example.from_dict(nlp.make_doc(text), annotations)` takes, and what
 * spaCy v2's `nlp.update` took as a list of tuples.
 *
 * Offset unit: Unicode code points (Python string indices) into the article text without BOM,
 * line ends as on disk, end exclusive. `entities` holds no overlaps (a spaCy Doc cannot): where
 * entities overlap, the one that starts first (then the longest) wins. Claims and their parts, which
 * overlap entities, go to span groups: `spans.claims` ([start, end, "Claim"]) and `spans.attribution`
 * ([start, end, "Source" | "Cue" | "Hedge"]); spaCy has no relations, so the link from a part to its
 * claim is its position inside the claim's span.
 */
import { flatEntities } from './conll';
import { claimParts, exportItems, type ExportDocument, type ExportOptions } from './types';
import { codePointMap } from './units';

export type SpacySpan = [number, number, string];
export type SpacyExample = [string, { entities: SpacySpan[]; spans: { claims: SpacySpan[]; attribution: SpacySpan[] } }];

export function spacyExamples(docs: readonly ExportDocument[], options: ExportOptions): SpacyExample[] {
  return docs.map((doc) => {
    const cp = codePointMap(doc.text);
    const items = exportItems(doc, options);
    const span = (start: number, end: number, label: string): SpacySpan => [cp.out(start), cp.out(end), label];
    const claims = items.filter((i) => i.kind === 'claim');
    return [
      doc.text,
      {
        entities: flatEntities(items).map((e) => span(e.start, e.end, e.label)),
        spans: {
          claims: claims.map((c) => span(c.start, c.end, 'Claim')),
          attribution: claims.flatMap((c) => claimParts(c.claim).map((p) => span(p.span.start, p.span.end, p.role))),
        },
      },
    ];
  });
}

export function exportSpacy(docs: readonly ExportDocument[], options: ExportOptions): string {
  return JSON.stringify(spacyExamples(docs, options)) + '\n';
}
