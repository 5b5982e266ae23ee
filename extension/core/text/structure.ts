import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { isSpace, rememberedUnitTest } from './chars';

/** A block of prose: a heading, paragraph, list item or (in plain text) a line. Sentences never cross one. */
export interface Block {
  start: number;
  end: number;
  kind: 'heading' | 'paragraph' | 'line';
}

/**
 * The article as the detectors see it: the same length and offsets as the original, with Markdown
 * markup (emphasis marks, heading hashes, list bullets, link targets, code, HTML) blanked to spaces,
 * so that "**Dr. Thompson:**" yields a span over "Dr. Thompson" and nothing else.
 */
export interface ProseView {
  text: string;
  blocks: Block[];
}

interface MdNode {
  type: string;
  children?: MdNode[];
  position?: { start: { offset?: number }; end: { offset?: number } };
}

const PROSE_BLOCKS = new Set(['heading', 'paragraph', 'tableCell']);
const OPAQUE = new Set(['code', 'html', 'inlineCode', 'definition', 'thematicBreak', 'image', 'imageReference']);

function span(node: MdNode): [number, number] | undefined {
  const s = node.position?.start.offset;
  const e = node.position?.end.offset;
  return s === undefined || e === undefined ? undefined : [s, e];
}

/**
 * Builds the prose view. Plain-text articles are parsed as Markdown too (scraped pages carry stray
 * markup), but every line is its own block: in a .txt article a line end is a paragraph end.
 * Parsing is the costliest step for a long article, so text without markup skips it, and text
 * whose only markup is emphasis and Setext underlines is read by a small exact reader (lightView).
 */
export function proseView(text: string, format: 'markdown' | 'plaintext'): ProseView {
  if (!MAYBE_MARKUP.test(text) && !(PLAIN_VIEW_DIFFERS.test(text) && ONCE_PARSED.test(text))) return plainView(text, format);
  // Hostile or machine-made text is read as plain prose: its markup stays visible, but no input can stall the parser.
  if (!parsesInLinearTime(text)) return plainView(text, format);
  return lightView(text, format) ?? parsedProseView(text, format);
}

/** Block quotes and list items nested deeper than this make no article; the parser's time grows with the depth on every line. */
const MAX_NESTING = 32;
/**
 * Matching brackets, backticks, emphasis runs and HTML is pairwise inside a block, so the parser's
 * time (and the light reader's) grows with the square of a block's markup characters. Texts whose
 * blocks together square to more than this per character are read without parsing: ordinary
 * Markdown stays far below (a 1,000-character paragraph with 20 links squares to about 6 per character).
 */
const MARKUP_SQUARED_PER_CHARACTER = 64;

/** Whether the Markdown parser is safe on this text: shallow nesting and markup characters spread thin (one linear pass). */
function parsesInLinearTime(text: string): boolean {
  let squared = 0;
  let inBlock = 0;
  let lineStart = true;
  let blank = true;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      if (blank) {
        squared += inBlock * inBlock;
        inBlock = 0;
      }
      lineStart = true;
      blank = true;
      depth = 0;
      continue;
    }
    if (lineStart) {
      // Leading indentation and container markers: ">", "-", "+", "*", "1." and "1)" followed by a space.
      if (c === 32 || c === 9) {
        depth += c === 9 ? 2 : 0.5;
      } else if (c === 62) {
        depth++;
      } else if ((c === 45 || c === 43 || c === 42) && (text.charCodeAt(i + 1) === 32 || text.charCodeAt(i + 1) === 9)) {
        depth++;
      } else if (c >= 48 && c <= 57) {
        let j = i;
        while (j < text.length && j - i < 9 && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
        const after = text.charCodeAt(j);
        if ((after === 46 || after === 41) && (text.charCodeAt(j + 1) === 32 || text.charCodeAt(j + 1) === 9)) {
          depth++;
          i = j;
        } else lineStart = false;
      } else lineStart = false;
      if (depth > MAX_NESTING) return false;
    }
    if (c !== 32 && c !== 9) blank = false;
    // [ ] ` < * _ & ! \
    if (c === 91 || c === 93 || c === 96 || c === 60 || c === 42 || c === 95 || c === 38 || c === 33 || c === 92) inBlock++;
  }
  squared += inBlock * inBlock;
  return squared <= MARKUP_SQUARED_PER_CHARACTER * Math.max(1, text.length);
}

/** CommonMark without extensions (no tables, no strikethrough): what the fast paths below rely on. */
const markdown = unified().use(remarkParse).freeze();

/** The prose view through a full Markdown parse (exported for the test that checks the fast paths against it). */
export function parsedProseView(text: string, format: 'markdown' | 'plaintext'): ProseView {
  const tree = markdown.parse(text) as unknown as MdNode;
  const visible = new Uint8Array(text.length);
  const blocks: Block[] = [];

  // Depth first, in document order, with a stack of its own: nesting as deep as the input wants never overflows the call stack.
  const pending: MdNode[] = [tree];
  while (pending.length) {
    const node = pending.pop() as MdNode;
    const range = span(node);
    // Plain text has no code spans: backticks there are quotation marks (``like this''), and what they enclose is prose.
    if (range && node.type === 'inlineCode' && format === 'plaintext') {
      visible.fill(1, range[0], range[1]);
      continue;
    }
    if (range && OPAQUE.has(node.type)) continue;
    if (range && node.type === 'text') {
      visible.fill(1, range[0], range[1]);
      continue;
    }
    if (range && PROSE_BLOCKS.has(node.type)) {
      blocks.push({ start: range[0], end: range[1], kind: node.type === 'heading' ? 'heading' : 'paragraph' });
    }
    const children = node.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) pending.push(children[i]);
  }

  let masked = '';
  let runStart = 0;
  for (let i = 0; i <= text.length; i++) {
    const keep = i < text.length && (visible[i] === 1 || text[i] === '\n' || text[i] === '\r');
    if (i === text.length || !keep) {
      masked += text.slice(runStart, i);
      if (i < text.length) masked += ' ';
      runStart = i + 1;
    }
  }
  // Blocks are trimmed on the masked text, so a heading's block starts at its words, not at its hashes.
  return { text: masked, blocks: format === 'plaintext' ? splitLines(blocks, masked) : splitHardLines(blocks, masked) };
}

/**
 * What can make CommonMark (remark-parse without extensions) read a text as more than paragraphs:
 * inline markup characters anywhere, a character reference ("&amp;", not the "&" of "AT&T"), and
 * block markers (heading hashes, quotes, fences, list markers, Setext underlines, indented code)
 * at a line start. Without any of them the text is plain prose.
 */
const MAYBE_MARKUP = /[*_`[\]<\\]|&(?=#|[A-Za-z0-9]+;)|^[^\S\r\n]*(?:[-+=>#~]|\d+[.)])|^ {4}|\t/m;
/**
 * Where plainView and the parser disagree: a lone CR ends a line for plainView only, a line of
 * no-break spaces is blank for plainView only, and the parser skips a byte-order mark. A text with one of these and a character that used
 * to send every text to the parser ("&", "#", "|", "~", ">") still goes there, so that no article's
 * view changes.
 */
const PLAIN_VIEW_DIFFERS = /\r(?!\n)|\ufeff|^[^\S\r\n]*[^\S \r\n][^\S\r\n]*$/m;
const ONCE_PARSED = /[&#|~>]/;

/** What lightView cannot read: inline markup other than emphasis, tabs, lone CRs, a byte-order mark, NUL (read as U+FFFD). */
const BEYOND_LIGHT = /[`[\]<\\\t\ufeff\0]|&(?=#|[A-Za-z0-9]+;)|\r(?!\n)/;
/** A line the light reader must leave to the parser: a block marker or indented code. */
const BLOCK_MARKER = /^ {0,3}(?:[-+=>#~]|\d+[.)]|[*_][ *_]*$|\*[ ])|^ {4}/;
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+) *$/;

/**
 * The prose view of a text whose only markup is emphasis (`*`, `_`) and Setext heading underlines,
 * as CommonMark (micromark) reads it: paragraphs separated by blank lines, a paragraph followed by
 * an underline is a heading, and the delimiter runs that pair up as emphasis are blanked. Undefined
 * for any other text, which then goes to the full parse.
 */
function lightView(text: string, format: 'markdown' | 'plaintext'): ProseView | undefined {
  if (BEYOND_LIGHT.test(text)) return undefined;
  const hidden: [number, number][] = [];
  const blocks: Block[] = [];
  let paragraph = -1;
  const close = (end: number, kind: Block['kind']): void => {
    blocks.push({ start: paragraph, end, kind });
    for (const mark of emphasisMarks(text, paragraph, end)) hidden.push(mark);
    paragraph = -1;
  };
  for (let start = 0; start <= text.length;) {
    const nl = text.indexOf('\n', start);
    const next = nl < 0 ? text.length + 1 : nl + 1;
    const end = nl < 0 ? text.length : text[nl - 1] === '\r' ? nl - 1 : nl;
    const line = text.slice(start, end);
    // Blank for CommonMark means spaces only (tabs are refused above): a line of no-break spaces is prose.
    if (/^ *$/.test(line)) {
      if (paragraph >= 0) close(start, 'paragraph');
    } else if (paragraph >= 0 && SETEXT_UNDERLINE.test(line)) {
      close(start, 'heading');
      // The heading's block reaches over its underline, which is all markup.
      blocks[blocks.length - 1].end = end;
      hidden.push([start, end]);
    } else if (BLOCK_MARKER.test(line)) {
      return undefined;
    } else if (paragraph < 0) {
      paragraph = start;
    }
    start = next;
  }
  if (paragraph >= 0) close(text.length, 'paragraph');

  let masked = '';
  let from = 0;
  for (const [s, e] of hidden) {
    masked += text.slice(from, s) + ' '.repeat(e - s);
    from = e;
  }
  masked += text.slice(from);
  const trimmed = blocks.map((b) => trimRange(masked, b.start, b.end));
  // A block that is all markup keeps its exact parsed bounds in Markdown: leave it to the parser.
  if (trimmed.some((t) => !t)) return undefined;
  return { text: masked, blocks: format === 'plaintext' ? splitLines(blocks, masked) : splitHardLines(blocks, masked) };
}

interface DelimiterRun {
  marker: number;
  /** The part of the run not yet paired (pairing takes from the opener's end and the closer's start). */
  start: number;
  end: number;
  open: boolean;
  close: boolean;
  /** False once inside a pair: an unpaired run there stays literal text. */
  live: boolean;
}

/** micromark's character classes for flanking: 1 whitespace (or text edge), 2 punctuation or symbol. */
function characterClass(text: string, i: number): number {
  if (i < 0 || i >= text.length || isSpace(text, i)) return 1;
  return isPunctuationOrSymbol(text.charCodeAt(i)) ? 2 : 0;
}

const isPunctuationOrSymbol = rememberedUnitTest((unit) => /\p{P}|\p{S}/u.test(unit));

/**
 * The delimiter characters of text[start, end) that pair up as emphasis or strong emphasis, by
 * micromark's algorithm (resolveAllAttention): each closer, left to right, takes the nearest live
 * opener with the same marker that the rule of three allows, two markers if both runs have two.
 */
function emphasisMarks(text: string, start: number, end: number): [number, number][] {
  const runs: DelimiterRun[] = [];
  for (let i = start; i < end;) {
    const marker = text.charCodeAt(i);
    if (marker !== 42 && marker !== 95) {
      i++;
      continue;
    }
    let e = i + 1;
    while (e < end && text.charCodeAt(e) === marker) e++;
    const before = characterClass(text, i - 1);
    const after = characterClass(text, e);
    const open = !after || (after === 2 && before > 0);
    const close = !before || (before === 2 && after > 0);
    runs.push({
      marker,
      start: i,
      end: e,
      open: marker === 42 ? open : open && (before > 0 || !close),
      close: marker === 42 ? close : close && (after > 0 || !open),
      live: true,
    });
    i = e;
  }
  const marks: [number, number][] = [];
  for (let i = 0; i < runs.length; i++) {
    const closer = runs[i];
    while (closer.close && closer.end > closer.start) {
      let j = i - 1;
      for (; j >= 0; j--) {
        const opener = runs[j];
        if (!opener.live || !opener.open || opener.marker !== closer.marker || opener.end === opener.start) continue;
        const ol = opener.end - opener.start;
        const cl = closer.end - closer.start;
        if ((opener.close || closer.open) && cl % 3 && !((ol + cl) % 3)) continue;
        const use = ol > 1 && cl > 1 ? 2 : 1;
        opener.end -= use;
        marks.push([opener.end, opener.end + use], [closer.start, closer.start + use]);
        closer.start += use;
        for (let k = j + 1; k < i; k++) runs[k].live = false;
        break;
      }
      if (j < 0) break;
    }
  }
  return marks.sort((a, b) => a[0] - b[0]);
}

/**
 * Blocks without parsing: in plain text every line, in Markdown every run of lines that are not
 * blank (a lone CR ends one). One pass over the text; no pattern that could backtrack.
 */
function plainView(text: string, format: 'markdown' | 'plaintext'): ProseView {
  const blocks: Block[] = [];
  const kind = format === 'plaintext' ? 'line' : 'paragraph';
  // The open paragraph as [from, to), from < 0 when there is none; no object per line (a text can have a million).
  let from = -1;
  let to = -1;
  const close = (): void => {
    let s = from;
    let e = to;
    while (s < e && isSpace(text, s)) s++;
    while (e > s && isSpace(text, e - 1)) e--;
    if (from >= 0 && e > s) blocks.push({ start: s, end: e, kind });
    from = -1;
  };
  for (let start = 0; start < text.length;) {
    let end = start;
    let blank = true;
    for (; end < text.length; end++) {
      const c = text.charCodeAt(end);
      if (c === 10 || c === 13) break;
      if (blank && !isSpace(text, end)) blank = false;
    }
    if (blank) close();
    else if (format === 'plaintext' || from < 0) {
      close();
      from = start;
      to = end;
    } else to = end;
    if (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) !== 10) close();
    start = text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
  }
  close();
  return { text, blocks };
}

/** Every line of a plain-text article is a block of its own. */
function splitLines(blocks: Block[], text: string): Block[] {
  const out: Block[] = [];
  for (const block of blocks) {
    let start = block.start;
    for (let i = block.start; i <= block.end; i++) {
      if (i === block.end || text[i] === '\n') {
        const trimmed = trimRange(text, start, i);
        if (trimmed) out.push({ ...trimmed, kind: block.kind === 'heading' ? 'heading' : 'line' });
        start = i + 1;
      }
    }
  }
  return out;
}

/** In Markdown a soft line break continues the paragraph, so blocks stay whole. */
function splitHardLines(blocks: Block[], text: string): Block[] {
  return blocks.map((b) => ({ ...b, ...(trimRange(text, b.start, b.end) ?? { start: b.start, end: b.end }) }));
}

function trimRange(text: string, start: number, end: number): { start: number; end: number } | undefined {
  while (start < end && isSpace(text, start)) start++;
  while (end > start && isSpace(text, end - 1)) end--;
  return end > start ? { start, end } : undefined;
}
