/**
 * brat standoff: for each article `X.txt`, an `X.ann` beside a copy `X.txt` (for other articles,
 * such as `X.md`, the pair is `X.md.ann` + `X.md.txt`), plus one `annotation.conf` at the top so
 * brat shows our types.
 *
 * Offset unit: Unicode code points into the copied `.txt`, which is the article as it is (BOM
 * left out): brat reads the text without translating line ends, so "\r\n" counts two characters,
 * as in every other format here. brat reads the `.ann` file line by line the way Python's
 * `str.splitlines()` does: LF, CR, VT, FF, U+001C–U+001E, U+0085, U+2028 and U+2029 all end a line.
 * So no text field may hold one: a span that crosses any of them is written as discontinuous
 * fragments `start end;start end`, and its text field joins the fragments with a space, as brat
 * does; importers take the whole range from the first start to the last end, so it stays one tag.
 * Notes, verdicts and free tags have them (and tabs, the column separator) replaced by spaces.
 *
 * Mapping: entities and claims are `T` lines with our labels as types; a claim's source, cue and
 * hedges are `T` lines of type Source, Cue, Hedge tied to the claim by `R` relations HasSource,
 * HasCue, HasHedge. Suggestions (include 'suggestions' or 'all') carry the binary attribute
 * `A… Suggested`. Notes, verdicts, free tags and entity ids are `#` lines of types AnnotatorNotes
 * (the one brat shows), Verdict, Tag and EntityId.
 */
import { ENTITY_TYPES } from '../detect/types';
import { claimParts, exportItems, type ExportDocument, type ExportFile, type ExportOptions } from './types';
import { codePointMap, type OffsetMap } from './units';
import { collect, type FormatWriter } from './writer';

/** What ends a line for brat (Python's `str.splitlines()`), so what no `.ann` text field may hold. */
export const BRAT_LINE_BREAK = /[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/;
const BRAT_LINE_BREAKS = new RegExp(`(?:${BRAT_LINE_BREAK.source}|\t)+`, 'g');

/** Relation type for each claim part role. */
export const BRAT_RELATIONS = {
  Source: 'HasSource',
  ResolvedSource: 'HasResolvedSource',
  Cue: 'HasCue',
  Content: 'HasContent',
  Hedge: 'HasHedge',
} as const;
/** `#` note type for each tag field. */
export const BRAT_NOTES = { note: 'AnnotatorNotes', verdict: 'Verdict', tag: 'Tag', entityId: 'EntityId' } as const;

export const BRAT_CONF = [
  '# Written by Source Annotator for its brat export.',
  '[entities]',
  ...ENTITY_TYPES,
  'Claim',
  'Source',
  'Cue',
  'Hedge',
  '[relations]',
  ...Object.entries(BRAT_RELATIONS).map(([role, rel]) => `${rel}\tArg1:Claim, Arg2:${role}`),
  '<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>',
  '[events]',
  '[attributes]',
  'Suggested\tArg:<ENTITY>',
  '',
].join('\n');

/** The .ann and .txt names brat pairs for an article path. */
export function bratPaths(articlePath: string): { ann: string; txt: string } {
  const base = articlePath.endsWith('.txt') ? articlePath.slice(0, -4) : articlePath;
  return { ann: base + '.ann', txt: base + '.txt' };
}

export function bratWriter(options: ExportOptions): FormatWriter {
  return {
    fixed: [{ path: 'annotation.conf', content: BRAT_CONF }],
    files: (doc) => {
      const paths = bratPaths(doc.path);
      return [
        { path: paths.ann, content: bratAnn(doc, options) },
        { path: paths.txt, content: doc.text },
      ];
    },
    problems: [],
  };
}

export function exportBrat(docs: readonly ExportDocument[], options: ExportOptions): ExportFile[] {
  return collect(bratWriter(options), docs).files;
}

function bratAnn(doc: ExportDocument, options: ExportOptions): string {
  const cp = codePointMap(doc.text);
  const lines: string[] = [];
  let t = 0;
  let r = 0;
  let a = 0;
  let n = 0;
  const textBound = (type: string, start: number, end: number): string => {
    const id = `T${++t}`;
    const { spans, text } = fragments(doc.text, start, end, cp);
    lines.push(`${id}\t${type} ${spans}\t${text}`);
    return id;
  };
  const note = (type: string, target: string, value: string): void => {
    lines.push(`#${++n}\t${type} ${target}\t${value.replace(BRAT_LINE_BREAKS, ' ')}`);
  };
  for (const item of exportItems(doc, options)) {
    const id = textBound(item.label, item.start, item.end);
    if (item.status === 'suggested') lines.push(`A${++a}\tSuggested ${id}`);
    for (const part of claimParts(item.claim)) {
      const partId = textBound(part.role, part.span.start, part.span.end);
      lines.push(`R${++r}\t${BRAT_RELATIONS[part.role]} Arg1:${id} Arg2:${partId}`);
    }
    if (item.note !== null) note(BRAT_NOTES.note, id, item.note);
    if (item.verdict !== null) note(BRAT_NOTES.verdict, id, item.verdict);
    for (const tag of item.tags) note(BRAT_NOTES.tag, id, tag);
    if (item.entityId !== null) note(BRAT_NOTES.entityId, id, item.entityId);
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

/**
 * A span as brat fragments: split at every character that ends a line for brat (those left out),
 * with the text brat expects: the fragments' texts joined by a space. Offsets out in code points.
 */
function fragments(text: string, start: number, end: number, cp: OffsetMap): { spans: string; text: string } {
  const parts: string[] = [];
  const texts: string[] = [];
  let from = start;
  for (let i = start; i <= end; i++) {
    if (i === end || BRAT_LINE_BREAK.test(text[i])) {
      if (i > from) {
        parts.push(`${cp.out(from)} ${cp.out(i)}`);
        texts.push(text.slice(from, i));
      }
      from = i + 1;
    }
  }
  return { spans: parts.join(';'), text: texts.join(' ') };
}
