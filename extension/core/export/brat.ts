/**
 * brat standoff: for each article `X.txt`, an `X.ann` beside a copy `X.txt` (for other articles,
 * such as `X.md`, the pair is `X.md.ann` + `X.md.txt`), plus one `annotation.conf` at the top so
 * brat shows our types.
 *
 * Offset unit: Unicode code points into the copied `.txt`, which has its line ends turned into
 * "\n": brat reads text with Python's universal newlines and so counts "\r\n" as one character
 * (nlplab/brat#853). A span that crosses a line break is written as discontinuous fragments
 * `start end;start end`, one per line, and its text field joins the fragments with a space, as brat
 * does; importers take the whole range from the first start to the last end, so it stays one tag.
 *
 * Mapping: entities and claims are `T` lines with our labels as types; a claim's source, cue and
 * hedges are `T` lines of type Source, Cue, Hedge tied to the claim by `R` relations HasSource,
 * HasCue, HasHedge. Suggestions (include 'all') carry the binary attribute `A… Suggested`. Notes,
 * verdicts, free tags and entity ids are `#` lines of types AnnotatorNotes (the one brat shows),
 * Verdict, Tag and EntityId; brat has no escape for line breaks, so those become spaces there.
 */
import { ENTITY_TYPES } from '../detect/types';
import { claimParts, exportItems, type ExportDocument, type ExportFile, type ExportOptions } from './types';
import { codePointMap, lineFeedView, type OffsetMap } from './units';

/** Relation type for each claim part role. */
export const BRAT_RELATIONS = { Source: 'HasSource', ResolvedSource: 'HasResolvedSource', Cue: 'HasCue', Content: 'HasContent', Hedge: 'HasHedge' } as const;
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

export function exportBrat(docs: readonly ExportDocument[], options: ExportOptions): ExportFile[] {
  const files: ExportFile[] = [{ path: 'annotation.conf', content: BRAT_CONF }];
  for (const doc of docs) {
    const paths = bratPaths(doc.path);
    const lf = lineFeedView(doc.text);
    files.push({ path: paths.ann, content: bratAnn(doc, options, lf.text, lf.map) }, { path: paths.txt, content: lf.text });
  }
  return files;
}

function bratAnn(doc: ExportDocument, options: ExportOptions, lfText: string, toLf: OffsetMap): string {
  const cp = codePointMap(lfText);
  const lines: string[] = [];
  let t = 0;
  let r = 0;
  let a = 0;
  let n = 0;
  const textBound = (type: string, start: number, end: number): string => {
    const id = `T${++t}`;
    const { spans, text } = fragments(lfText, toLf.out(start), toLf.out(end), cp);
    lines.push(`${id}\t${type} ${spans}\t${text}`);
    return id;
  };
  const note = (type: string, target: string, value: string): void => {
    lines.push(`#${++n}\t${type} ${target}\t${value.replace(/[\r\n\t]+/g, ' ')}`);
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
 * A span of the LF text as brat fragments: split at every line feed (the line feeds themselves left
 * out), with the text brat expects: the fragments' texts joined by a space. Offsets out in code points.
 */
function fragments(lfText: string, start: number, end: number, cp: OffsetMap): { spans: string; text: string } {
  const parts: string[] = [];
  const texts: string[] = [];
  let from = start;
  for (let i = start; i <= end; i++) {
    if (i === end || lfText.charCodeAt(i) === 10) {
      if (i > from) {
        parts.push(`${cp.out(from)} ${cp.out(i)}`);
        texts.push(lfText.slice(from, i));
      }
      from = i + 1;
    }
  }
  return { spans: parts.join(';'), text: texts.join(' ') };
}
