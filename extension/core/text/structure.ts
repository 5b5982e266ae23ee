import { unified } from 'unified';
import remarkParse from 'remark-parse';

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
 */
export function proseView(text: string, format: 'markdown' | 'plaintext'): ProseView {
  return MAYBE_MARKUP.test(text) ? parsedProseView(text, format) : plainView(text, format);
}

/** The prose view through a full Markdown parse (exported for the test that checks the fast path against it). */
export function parsedProseView(text: string, format: 'markdown' | 'plaintext'): ProseView {
  const tree = unified().use(remarkParse).parse(text) as unknown as MdNode;
  const visible = new Uint8Array(text.length);
  const blocks: Block[] = [];

  const walk = (node: MdNode): void => {
    const range = span(node);
    if (range && OPAQUE.has(node.type)) return;
    if (range && node.type === 'text') {
      visible.fill(1, range[0], range[1]);
      return;
    }
    if (range && PROSE_BLOCKS.has(node.type)) {
      blocks.push({ start: range[0], end: range[1], kind: node.type === 'heading' ? 'heading' : 'paragraph' });
    }
    for (const child of node.children ?? []) walk(child);
  };
  walk(tree);

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
 * Characters that can start Markdown markup anywhere in a text: without any of them, and no line
 * opening with a list marker, heading underline or indented code, the text is plain prose, and
 * parsing it (the costliest step for a long article) can be skipped.
 */
const MAYBE_MARKUP = /[*_`#[\]<>|~\\&]|^\s*(?:[-+=]|\d+[.)])|^ {4}|\t/m;

function plainView(text: string, format: 'markdown' | 'plaintext'): ProseView {
  const blocks: Block[] = [];
  const paragraph = /[^\r\n]*\S[^\r\n]*(?:\r?\n[^\r\n]*\S[^\r\n]*)*/g;
  const line = /[^\r\n]+/g;
  for (const m of text.matchAll(format === 'plaintext' ? line : paragraph)) {
    const range = trimRange(text, m.index, m.index + m[0].length);
    if (range) blocks.push({ ...range, kind: format === 'plaintext' ? 'line' : 'paragraph' });
  }
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
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end > start ? { start, end } : undefined;
}
