/**
 * Label Studio: `tasks.json` (import it into a project) and `labels-config.xml` (the project's
 * labeling interface). Each task is one article: `data.text` the full text, `data.file` its path;
 * confirmed tags are the task's `annotations`, suggestions (include 'all') its `predictions`, so a
 * team can review them in Label Studio and bring the result back with `import --format labelstudio`.
 *
 * Offset unit: Unicode code points into the article text without BOM, line ends as on disk ("\r\n"
 * counts two), end exclusive. Label Studio's editor measures in code points since
 * label-studio-frontend#308 (its own test: "Should calculate offsets by code points in text");
 * before that fix, text after an emoji was off by one per emoji (HumanSignal/label-studio#1347).
 * The config keeps white space (`white-space: pre-wrap`), which Label Studio otherwise trims.
 *
 * Mapping: every tag is a `labels` region whose id is the tag id; its note, verdict, free tags
 * (one per line) and entity id are per-region `textarea` results with the same id. A claim's
 * source, cue and hedges are regions labelled Source, Cue, Hedge, linked from the claim by
 * `relation` results labelled source, cue, hedge.
 */
import { ENTITY_TYPES, type Span } from '../detect/types';
import { escapeHtml } from '../text/escape';
import { claimParts, exportItems, type ExportDocument, type ExportFile, type ExportItem, type ExportOptions } from './types';
import { codePointMap, type OffsetMap } from './units';
import { collect, jsonItems, type FormatWriter } from './writer';

export const LS_LABELS = [...ENTITY_TYPES, 'Claim', 'Source', 'Cue', 'Hedge'] as const;
/** Per-region text areas, by the tag field they hold. */
export const LS_TEXTAREAS = { note: 'note', verdict: 'verdict', tags: 'tags', entityId: 'entity_id' } as const;
export const LS_MODEL_VERSION = 'source-annotator';

export interface LsRegionValue {
  start: number;
  end: number;
  text: string;
  labels?: string[];
}
export type LsResult =
  | { id: string; from_name: string; to_name: 'text'; type: 'labels'; value: LsRegionValue & { labels: string[] } }
  | { id: string; from_name: string; to_name: 'text'; type: 'textarea'; value: Omit<LsRegionValue, 'text'> & { text: string[] } }
  | { type: 'relation'; from_id: string; to_id: string; direction: 'right'; labels: string[] };
export interface LsTask {
  data: { text: string; file: string };
  annotations: { result: LsResult[] }[];
  predictions: { model_version: string; score?: number; result: LsResult[] }[];
}

const COLORS = ['#f4a261', '#2a9d8f', '#e9c46a', '#8ab17d', '#e76f51', '#b5838d', '#457b9d', '#a8dadc', '#cdb4db', '#ffafcc'];

export function labelStudioConfig(): string {
  const label = (value: string, i: number): string => `    <Label value="${escapeHtml(value)}" background="${COLORS[i % COLORS.length]}"/>`;
  const area = (name: string, title: string, single: boolean): string[] => [
    `    <Header value="${title}"/>`,
    `    <TextArea name="${name}" toName="text" perRegion="true" editable="true" rows="1"${single ? ' maxSubmissions="1"' : ''}/>`,
  ];
  return [
    '<View>',
    '  <Style>.htx-text { white-space: pre-wrap; }</Style>',
    '  <Relations>',
    '    <Relation value="source"/>',
    '    <Relation value="cue"/>',
    '    <Relation value="hedge"/>',
    '  </Relations>',
    '  <Labels name="label" toName="text">',
    ...LS_LABELS.map(label),
    '  </Labels>',
    '  <Text name="text" value="$text" granularity="symbol"/>',
    '  <View visibleWhen="region-selected">',
    ...area(LS_TEXTAREAS.note, 'Note', true),
    ...area(LS_TEXTAREAS.verdict, 'Verdict', true),
    ...area(LS_TEXTAREAS.tags, 'Tags (one per entry)', false),
    ...area(LS_TEXTAREAS.entityId, 'Entity id', true),
    '  </View>',
    '</View>',
    '',
  ].join('\n');
}

export function labelStudioTasks(docs: readonly ExportDocument[], options: ExportOptions): LsTask[] {
  return docs.map((doc) => labelStudioTask(doc, options));
}

function labelStudioTask(doc: ExportDocument, options: ExportOptions): LsTask {
  const cp = codePointMap(doc.text);
  const items = exportItems(doc, options);
  const confirmed = items.filter((i) => i.status === 'confirmed');
  const suggested = items.filter((i) => i.status === 'suggested');
  const task: LsTask = {
    data: { text: doc.text, file: doc.path },
    annotations: [{ result: confirmed.flatMap((i) => results(doc.text, i, cp)) }],
    predictions: [],
  };
  if (suggested.length) {
    const scores = suggested.flatMap((s) => (s.score === null ? [] : [s.score]));
    const prediction: LsTask['predictions'][number] = {
      model_version: LS_MODEL_VERSION,
      result: suggested.flatMap((i) => results(doc.text, i, cp)),
    };
    if (scores.length) prediction.score = scores.reduce((a, b) => a + b, 0) / scores.length;
    task.predictions.push(prediction);
  }
  return task;
}

export function labelStudioWriter(options: ExportOptions): FormatWriter {
  return {
    stream: jsonItems('tasks.json', (doc) => [labelStudioTask(doc, options)], { space: 1 }),
    fixed: [{ path: 'labels-config.xml', content: labelStudioConfig() }],
    problems: [],
  };
}

export function exportLabelStudio(docs: readonly ExportDocument[], options: ExportOptions): ExportFile[] {
  return collect(labelStudioWriter(options), docs).files;
}

function results(text: string, item: ExportItem, cp: OffsetMap): LsResult[] {
  const region = (span: Pick<Span, 'start' | 'end'>): Omit<LsRegionValue, 'text' | 'labels'> => ({
    start: cp.out(span.start),
    end: cp.out(span.end),
  });
  const out: LsResult[] = [
    {
      id: item.id,
      from_name: 'label',
      to_name: 'text',
      type: 'labels',
      value: { ...region(item), text: item.quote, labels: [item.label] },
    },
  ];
  const area = (name: string, values: string[]): void => {
    if (values.length)
      out.push({ id: item.id, from_name: name, to_name: 'text', type: 'textarea', value: { ...region(item), text: values } });
  };
  area(LS_TEXTAREAS.note, item.note === null ? [] : [item.note]);
  area(LS_TEXTAREAS.verdict, item.verdict === null ? [] : [item.verdict]);
  area(LS_TEXTAREAS.tags, item.tags);
  area(LS_TEXTAREAS.entityId, item.entityId === null ? [] : [item.entityId]);
  claimParts(item.claim).forEach((part, i) => {
    const id = `${item.id}-${part.role.toLowerCase()}-${i}`;
    out.push(
      {
        id,
        from_name: 'label',
        to_name: 'text',
        type: 'labels',
        value: { ...region(part.span), text: text.slice(part.span.start, part.span.end), labels: [part.role] },
      },
      { type: 'relation', from_id: item.id, to_id: id, direction: 'right', labels: [part.role.toLowerCase()] },
    );
  });
  return out;
}
