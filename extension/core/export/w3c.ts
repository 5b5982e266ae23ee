/**
 * W3C Web Annotation Data Model (JSON-LD): one AnnotationCollection whose first (and only) page
 * holds an Annotation per tag, for Hypothesis-style viewers, Recogito and triple stores. It passes
 * the W3C test suite's MUST assertions (annotationMusts, collectionMusts, pageMusts; checked in
 * test/unit/export/w3c-suite.test.ts): every identifier is an absolute URI — the collection's is
 * the export file's URI, its page's that plus `#page1`, an annotation's a URN of the tag id, and
 * every target's `source` the article's URI (`file://`, or under the base URI the user gave).
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
import { articleUrn } from './uris';
import { collect, jsonItems, type FormatWriter } from './writer';

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
  'sa:resolvedSource'?: SpecificResource;
  'sa:content'?: SpecificResource;
  'sa:checkWorthiness'?: number;
  'sa:hedge'?: SpecificResource[];
  'sa:value'?: NormalizedValue;
}

/** The collection's id when the caller gave no URI for the export file. */
export const DEFAULT_COLLECTION_ID = 'urn:source-annotator:annotations';

/**
 * The collection is written as a stream: its head, the annotations of each document (one a line),
 * then `total`, which is known only at the end (JSON-LD does not care where a key stands).
 */
export function w3cWriter(options: ExportOptions): FormatWriter {
  const id = options.collectionUri ?? DEFAULT_COLLECTION_ID;
  const head = {
    '@context': [ANNO_CONTEXT, { sa: SA_NAMESPACE }],
    id,
    type: 'AnnotationCollection',
    label: 'Source Annotator tags',
  };
  const page = { id: `${id}#page1`, type: 'AnnotationPage', startIndex: 0 };
  const stream = jsonItems(
    'annotations.jsonld',
    (doc) => {
      const cp = codePointMap(doc.text);
      return exportItems(doc, options).map((item) => annotation(doc, item, cp));
    },
    {
      open: () => `${JSON.stringify(head).slice(0, -1)},\n"first":${JSON.stringify(page).slice(0, -1)},"items":[\n`,
      close: (total) => `]},\n"total":${total}}\n`,
    },
  );
  return { stream, problems: [] };
}

export function exportW3c(docs: readonly ExportDocument[], options: ExportOptions): string {
  return collect(w3cWriter(options), docs).files[0].content;
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
  if (item.claim?.resolvedSource) anno['sa:resolvedSource'] = { type: 'SpecificResource', ...resource(doc, item.claim.resolvedSource, cp) };
  if (item.claim?.content) anno['sa:content'] = { type: 'SpecificResource', ...resource(doc, item.claim.content, cp) };
  if (typeof item.claim?.checkWorthiness === 'number') anno['sa:checkWorthiness'] = item.claim.checkWorthiness;
  if (item.claim && item.claim.hedges.length > 0) {
    anno['sa:hedge'] = item.claim.hedges.map((h) => ({ type: 'SpecificResource', ...resource(doc, h, cp) }));
  }
  return anno;
}

function resource(doc: ExportDocument, span: Pick<Span, 'start' | 'end'>, cp: OffsetMap): SpecificResource {
  return {
    source: doc.uri ?? articleUrn(doc.path),
    selector: [
      { type: 'TextQuoteSelector', exact: doc.text.slice(span.start, span.end), ...quoteContext(doc.text, span.start, span.end) },
      { type: 'TextPositionSelector', start: cp.out(span.start), end: cp.out(span.end) },
    ],
  };
}
