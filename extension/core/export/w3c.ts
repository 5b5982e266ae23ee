/**
 * W3C Web Annotation Data Model (JSON-LD): one AnnotationCollection whose first (and only) page
 * holds an Annotation per tag, for Hypothesis-style viewers, Recogito and triple stores.
 *
 * Offset unit: TextPositionSelector counts Unicode code points, as the Recommendation requires
 * ("the selection of the text MUST be in terms of unicode code points ... not in terms of code
 * units"; w3c/web-annotation#206), into the article text without BOM, line ends as on disk, end
 * exclusive. Every target also carries a TextQuoteSelector (exact, prefix, suffix), so a reader
 * that counts otherwise can still anchor by quote.
 *
 * Mapping: the label is a `classifying` body, each free tag a `tagging` body, the note a
 * `commenting` body, the verdict an `assessing` body, the entity id an `identifying` body. What the
 * model has no term for lives under the `sa:` prefix declared in the context: `sa:kind`,
 * `sa:status`, `sa:score` and a claim's `sa:source`, `sa:cue` and `sa:hedge` (SpecificResources
 * with their own selectors, so attribution links survive).
 */
import type { NormalizedValue } from '../detect/temporal';
import type { Span } from '../detect/types';
import { exportItems, type ExportDocument, type ExportItem, type ExportOptions } from './types';
import { quoteContext } from '../sidecar/target';
import { codePointMap, type OffsetMap } from './units';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
export const SA_NAMESPACE = 'https://github.com/source-annotator/source-annotator/ns#';
/** Annotation ids are URNs made of this prefix and the tag id. */
export const ID_PREFIX = 'urn:source-annotator:tag:';

export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}
export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}
export interface SpecificResource {
  type?: 'SpecificResource';
  source: string;
  selector: (TextQuoteSelector | TextPositionSelector)[];
}
export interface TextualBody {
  type: 'TextualBody';
  purpose: 'classifying' | 'tagging' | 'commenting' | 'assessing' | 'identifying';
  value: string;
}
export interface WebAnnotation {
  id: string;
  type: 'Annotation';
  motivation: 'classifying';
  body: TextualBody[];
  target: SpecificResource;
  creator?: { type: 'Person' | 'Software'; name: string };
  created?: string;
  modified?: string;
  'sa:kind': string;
  'sa:status': string;
  'sa:score'?: number;
  'sa:source'?: SpecificResource;
  'sa:cue'?: SpecificResource;
  'sa:hedge'?: SpecificResource[];
  'sa:value'?: NormalizedValue;
}

export function exportW3c(docs: readonly ExportDocument[], options: ExportOptions): string {
  const items: WebAnnotation[] = [];
  for (const doc of docs) {
    const cp = codePointMap(doc.text);
    for (const item of exportItems(doc, options)) items.push(annotation(doc, item, cp));
  }
  const collection = {
    '@context': [ANNO_CONTEXT, { sa: SA_NAMESPACE }],
    type: 'AnnotationCollection',
    label: 'Source Annotator tags',
    total: items.length,
    first: { type: 'AnnotationPage', startIndex: 0, items },
  };
  return JSON.stringify(collection, null, 1) + '\n';
}

function annotation(doc: ExportDocument, item: ExportItem, cp: OffsetMap): WebAnnotation {
  const body: TextualBody[] = [{ type: 'TextualBody', purpose: 'classifying', value: item.label }];
  for (const tag of item.tags) body.push({ type: 'TextualBody', purpose: 'tagging', value: tag });
  if (item.note !== null) body.push({ type: 'TextualBody', purpose: 'commenting', value: item.note });
  if (item.verdict !== null) body.push({ type: 'TextualBody', purpose: 'assessing', value: item.verdict });
  if (item.entityId !== null) body.push({ type: 'TextualBody', purpose: 'identifying', value: item.entityId });
  const anno: WebAnnotation = {
    id: ID_PREFIX + item.id,
    type: 'Annotation',
    motivation: 'classifying',
    body,
    target: resource(doc, item, cp),
    creator: item.author !== null ? { type: 'Person', name: item.author } : { type: 'Software', name: 'Source Annotator detector' },
    'sa:kind': item.kind,
    'sa:status': item.status,
  };
  if (item.created !== null) anno.created = item.created;
  if (item.modified !== null) anno.modified = item.modified;
  if (item.score !== null) anno['sa:score'] = item.score;
  if (item.value !== null) anno['sa:value'] = item.value;
  if (item.claim?.source) anno['sa:source'] = { type: 'SpecificResource', ...resource(doc, item.claim.source, cp) };
  if (item.claim?.cue) anno['sa:cue'] = { type: 'SpecificResource', ...resource(doc, item.claim.cue, cp) };
  if (item.claim && item.claim.hedges.length > 0) {
    anno['sa:hedge'] = item.claim.hedges.map((h) => ({ type: 'SpecificResource', ...resource(doc, h, cp) }));
  }
  return anno;
}

function resource(doc: ExportDocument, span: Pick<Span, 'start' | 'end'>, cp: OffsetMap): SpecificResource {
  return {
    source: encodeURI(doc.path),
    selector: [
      { type: 'TextQuoteSelector', exact: doc.text.slice(span.start, span.end), ...quoteContext(doc.text, span.start, span.end) },
      { type: 'TextPositionSelector', start: cp.out(span.start), end: cp.out(span.end) },
    ],
  };
}
