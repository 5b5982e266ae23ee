// Anchoring measured against ground truth, for `npm run stress` and the unit tests. Every character
// of an article carries its origin (its offset in the original text, or -1 once inserted) through
// realistic edits — typos, word insertions, rewording around a tag, duplicated paragraphs, sentence
// moves, paragraph deletions — so each tag's true span after the edits is known, or that its words
// are gone. Both anchoring paths are then judged against it: the disk path (the original tags
// anchored from their quote and context on the final text) and the editor path (the tags shifted
// along every change event). Real news texts only: random word lists hide what goes wrong (a
// phrase that occurs twice, a paragraph that repeats another's words).
import DiffMatchPatch from 'diff-match-patch';
import type { ContentChange } from '../../extension/core/anchor';
import { targetAt } from '../../extension/core/anchor';
import type { Tag } from '../../extension/core/sidecar/types';
import { makeTag } from './scenario';

/** The two anchoring paths under test; the stress test's self-check swaps in broken ones. */
export interface AnchoringPaths {
  /** Anchors tags stored for an older text on the text now on disk. */
  disk(tags: readonly Tag[], text: string): Tag[];
  /** Follows one change event of the editor; `text` is the document after it. */
  editor(tags: readonly Tag[], changes: readonly ContentChange[], text: string): Tag[];
}

/** What a path got wrong, counted over tags. */
export interface Outcome {
  tags: number;
  /** Placed (not orphaned) but not on the tag's true span, including placed although its words are gone. */
  wrongPicks: number;
  /** Wrong picks labelled `exact` or `moved`: nobody is asked to review them. */
  unflaggedWrongPicks: number;
  /**
   * Wrong picks on a place that reads exactly as the stored quote and context where the true span does not
   * (a paragraph copied, then its original deleted or edited): an anchoring that sees only the final text
   * has no reason to prefer the true span.
   */
  indistinguishable: number;
  /** Of those, labelled `exact` or `moved`. */
  unflaggedIndistinguishable: number;
  /** Orphaned although the tag's words survive. */
  misses: number;
  /** Wrong picks by cause (see causeOf). */
  causes: Record<string, number>;
  /** Wrong picks by the kind of the first edit that deleted any of the tag's characters or wrote between them ('untouched'). */
  damagedBy: Record<string, number>;
  /** Placed on the true span; orphaned with the words gone (the right answers). */
  right: number;
  /** Placements (right or wrong) by how they were labelled: `fuzzy` ones ask for a review. */
  placed: { exact: number; moved: number; fuzzy: number };
  examples: string[];
}

export interface Figures {
  articles: number;
  edits: number;
  events: number;
  /** Tags on a phrase that occurs more than once in the article. */
  repeatedPhraseTags: number;
  disk: Outcome;
  editor: Outcome;
}

/** The goals of issue 14, as fractions of all tags. */
export const GOALS = { wrongPicks: 0.005, unflaggedWrongPicks: 0.001, misses: 0.02 };

/** Deterministic random numbers (mulberry32), so a run can be repeated from its seed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rand = () => number;
const pick = <T>(r: Rand, items: readonly T[]): T => items[Math.floor(r() * items.length)];
const between = (r: Rand, min: number, max: number): number => min + Math.floor(r() * (max - min + 1));

/** The article being edited: its text, each character's origin, and the change events so far. */
export interface Doc {
  text: string;
  origin: number[];
}

/** Replaces [from, to) with `inserted`, whose characters have the given origins (new ones: -1). Returns the change event. */
function replace(doc: Doc, from: number, to: number, inserted: string, origins?: number[]): ContentChange {
  doc.text = doc.text.slice(0, from) + inserted + doc.text.slice(to);
  doc.origin.splice(from, to - from, ...(origins ?? new Array<number>(inserted.length).fill(-1)));
  return { rangeOffset: from, rangeLength: to - from, text: inserted };
}

interface WordAt {
  start: number;
  end: number;
}

function words(text: string, from = 0, to = text.length): WordAt[] {
  const out: WordAt[] = [];
  const re = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;
  re.lastIndex = from;
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

/** Paragraphs (blocks between blank lines, else lines) as [start, end) without their line breaks. */
function paragraphs(text: string): WordAt[] {
  const separator = /\n\s*\n/.test(text) ? /\n\s*\n/g : /\n+/g;
  const out: WordAt[] = [];
  let from = 0;
  for (let m = separator.exec(text); m; m = separator.exec(text)) {
    if (m.index > from) out.push({ start: from, end: m.index });
    from = m.index + m[0].length;
  }
  if (from < text.length) out.push({ start: from, end: text.length });
  return out;
}

/** Sentences: up to a full stop, question or exclamation mark (and a closing quote) before a space. */
function sentences(text: string): WordAt[] {
  const out: WordAt[] = [];
  const re = /[^\n.!?]+(?:[.!?]+["”’)]?)?/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const lead = m[0].length - m[0].trimStart().length;
    const body = m[0].trim();
    if (body.length >= 20) out.push({ start: m.index + lead, end: m.index + lead + body.length });
  }
  return out;
}

/** A span to edit near: one of the tags' current true spans half of the time, else anywhere. */
type Focus = { start: number; end: number } | null;

const TYPO_LETTERS = 'etaoinshrdlu';

/** One character inserted, deleted, replaced, or two swapped, inside a word. */
function typo(doc: Doc, r: Rand, focus: Focus): ContentChange[] {
  const all = words(doc.text).filter((w) => w.end - w.start >= 2);
  const near = focus ? all.filter((w) => w.end > focus.start && w.start < focus.end) : [];
  const word = near.length ? pick(r, near) : all.length ? pick(r, all) : null;
  if (!word) return [];
  const at = between(r, word.start, word.end - 1);
  switch (between(r, 0, 3)) {
    case 0:
      return [replace(doc, at, at, pick(r, [...TYPO_LETTERS]))];
    case 1:
      return [replace(doc, at, at + 1, '')];
    case 2:
      return [replace(doc, at, at + 1, pick(r, [...TYPO_LETTERS]))];
    default: {
      if (at + 1 >= word.end) return [replace(doc, at, at + 1, '')];
      // A swap keeps both characters: they move, they are not new.
      const swapped = doc.text[at + 1] + doc.text[at];
      return [replace(doc, at, at + 2, swapped, [doc.origin[at + 1], doc.origin[at]])];
    }
  }
}

/** A word of the article's own vocabulary inserted before a word (inside or beside a tag when focused). */
function insertWord(doc: Doc, r: Rand, focus: Focus, vocabulary: string[]): ContentChange[] {
  const all = words(doc.text);
  const near = focus ? all.filter((w) => w.start >= focus.start - 20 && w.start <= focus.end + 20) : [];
  const word = near.length ? pick(r, near) : all.length ? pick(r, all) : null;
  if (!word) return [];
  return [replace(doc, word.start, word.start, `${pick(r, vocabulary)} `)];
}

/** One to three words just before or after a tag (or anywhere) replaced by one to three others. */
function reword(doc: Doc, r: Rand, focus: Focus, vocabulary: string[]): ContentChange[] {
  const all = words(doc.text);
  if (all.length < 4) return [];
  let first: number;
  const count = between(r, 1, 3);
  if (focus) {
    const before = all.filter((w) => w.end <= focus.start).length;
    const after = all.findIndex((w) => w.start >= focus.end);
    first = r() < 0.5 || after < 0 ? Math.max(0, before - count) : after;
  } else first = between(r, 0, all.length - 1);
  const last = Math.min(all.length - 1, first + count - 1);
  const replacement = Array.from({ length: between(r, 1, 3) }, () => pick(r, vocabulary)).join(' ');
  return [replace(doc, all[first].start, all[last].end, replacement)];
}

/** A paragraph copied right after itself, as when one is duplicated to write a variant. */
function duplicateParagraph(doc: Doc, r: Rand): ContentChange[] {
  const all = paragraphs(doc.text);
  if (!all.length) return [];
  const p = pick(r, all);
  return [replace(doc, p.end, p.end, '\n\n' + doc.text.slice(p.start, p.end))];
}

/** A sentence cut and pasted at another sentence's start: two events, as in the editor. */
function moveSentence(doc: Doc, r: Rand): ContentChange[] {
  const all = sentences(doc.text);
  if (all.length < 3) return [];
  const s = pick(r, all);
  const cutTo = doc.text[s.end] === ' ' ? s.end + 1 : s.end;
  const moved = doc.text.slice(s.start, cutTo);
  const origins = doc.origin.slice(s.start, cutTo);
  const cut = replace(doc, s.start, cutTo, '');
  const targets = sentences(doc.text);
  const to = pick(r, targets);
  const paste = replace(
    doc,
    to.start,
    to.start,
    moved.endsWith(' ') ? moved : moved + ' ',
    moved.endsWith(' ') ? origins : [...origins, -1],
  );
  return [cut, paste];
}

/** A paragraph deleted with its line break. */
function deleteParagraph(doc: Doc, r: Rand): ContentChange[] {
  const all = paragraphs(doc.text);
  if (all.length < 3) return [];
  const p = pick(r, all);
  let end = p.end;
  while (end < doc.text.length && /\s/.test(doc.text[end])) end++;
  return [replace(doc, p.start, end, '')];
}

const EDITS = [
  { name: 'typo', weight: 30 },
  { name: 'insert word', weight: 20 },
  { name: 'reword around a tag', weight: 22 },
  { name: 'duplicate paragraph', weight: 8 },
  { name: 'move sentence', weight: 12 },
  { name: 'delete paragraph', weight: 8 },
] as const;

type EditKind = (typeof EDITS)[number]['name'];

function edit(doc: Doc, r: Rand, focus: Focus, vocabulary: string[], kind: EditKind): ContentChange[][] {
  // Each inner array is one change event; a sentence move is a cut and a paste.
  switch (kind) {
    case 'typo':
      return [typo(doc, r, focus)];
    case 'insert word':
      return [insertWord(doc, r, focus, vocabulary)];
    case 'reword around a tag':
      return [reword(doc, r, focus, vocabulary)];
    // Whole sentences and paragraphs are moved, copied and deleted for what they say, wherever the tags are.
    case 'duplicate paragraph':
      return [duplicateParagraph(doc, r)];
    case 'move sentence':
      return moveSentence(doc, r).map((c) => [c]);
    default:
      return [deleteParagraph(doc, r)];
  }
}

/** Phrases of one to four words that occur more than once in the text, as [start, end) of their first occurrence. */
function repeatedPhrases(text: string): WordAt[] {
  const all = words(text);
  const seen = new Map<string, WordAt[]>();
  for (let i = 0; i < all.length; i++) {
    for (let n = 1; n <= 4 && i + n <= all.length; n++) {
      const span = { start: all[i].start, end: all[i + n - 1].end };
      const phrase = text.slice(span.start, span.end);
      if (phrase.length < 3 || phrase.includes('\n')) continue;
      const list = seen.get(phrase) ?? [];
      list.push(span);
      seen.set(phrase, list);
    }
  }
  return [...seen.values()].filter((l) => l.length > 1).flat();
}

/** Where a tag's characters are now: the largest group of its surviving characters, and how much of it survived. */
function truth(positions: Int32Array, from: number, to: number): { start: number; end: number; kept: number } | null {
  const at: number[] = [];
  for (let id = from; id < to; id++) if (positions[id] >= 0) at.push(positions[id]);
  if (at.length === 0) return null;
  at.sort((a, b) => a - b);
  let best = { start: at[0], end: at[0] + 1, count: 1 };
  let group = { ...best };
  for (let i = 1; i < at.length; i++) {
    if (at[i] - at[i - 1] <= 30) group = { start: group.start, end: at[i] + 1, count: group.count + 1 };
    else group = { start: at[i], end: at[i] + 1, count: 1 };
    if (group.count > best.count) best = group;
  }
  return { start: best.start, end: best.end, kept: best.count / (to - from) };
}

const dmp = new DiffMatchPatch();
dmp.Diff_Timeout = 0;

function similarity(a: string, b: string): number {
  if (a === b) return 1;
  return 1 - dmp.diff_levenshtein(dmp.diff_main(a, b, false)) / Math.max(a.length, b.length, 1);
}

function emptyOutcome(): Outcome {
  return {
    tags: 0,
    wrongPicks: 0,
    unflaggedWrongPicks: 0,
    indistinguishable: 0,
    unflaggedIndistinguishable: 0,
    misses: 0,
    right: 0,
    placed: { exact: 0, moved: 0, fuzzy: 0 },
    causes: {},
    damagedBy: {},
    examples: [],
  };
}

/** Whether [from, to) of the text reads exactly as the tag's stored quote with its stored context on both sides. */
function readsAsStored(text: string, tag: Tag, from: number, to: number): boolean {
  const { prefix, quote, suffix } = tag.target;
  return from >= prefix.length && text.slice(from - prefix.length, to + suffix.length) === prefix + quote + suffix;
}

/** Counts a wrong pick: unflagged or not, indistinguishable or not, with an example. `t`: the true span, null when the words are gone. */
function countWrongPick(
  into: Outcome,
  doc: Doc,
  original: Tag,
  tag: Tag,
  t: { start: number; end: number } | null,
  label: string,
  cause: string,
  damagedBy: string | null,
): void {
  const text = doc.text;
  const { start, end } = tag.target;
  const quote = original.target.quote;
  into.wrongPicks++;
  into.causes[cause] = (into.causes[cause] ?? 0) + 1;
  into.damagedBy[damagedBy ?? 'untouched'] = (into.damagedBy[damagedBy ?? 'untouched'] ?? 0) + 1;
  const unflagged = tag.anchoring === 'exact' || tag.anchoring === 'moved';
  if (unflagged) into.unflaggedWrongPicks++;
  if (readsAsStored(text, original, start, end) && (!t || !readsAsStored(text, original, t.start, t.end))) {
    into.indistinguishable++;
    if (unflagged) into.unflaggedIndistinguishable++;
  }
  if (into.examples.length < 400) {
    const where = t ? `its words at ${t.start} ${JSON.stringify(text.slice(t.start, t.end))}` : 'its words gone';
    into.examples.push(
      `${label} [${cause}]: ${JSON.stringify(quote)} (stored at ${original.target.start}) placed (${tag.anchoring}) at ${start} on ${JSON.stringify(text.slice(Math.max(0, start - 20), end + 20))}, ${where}`,
    );
  }
}

/** How alike the text around [from, to) is to the tag's stored context, both sides averaged. */
function contextSimilarity(text: string, tag: Tag, from: number, to: number): number {
  const { prefix, suffix } = tag.target;
  return (
    (similarity(prefix, text.slice(Math.max(0, from - prefix.length), from)) + similarity(suffix, text.slice(to, to + suffix.length))) / 2
  );
}

/** How well [from, to) reads as the tag's stored quote and context, weighted as anchoring weighs them (quote 5, each side 2). */
function readsLike(text: string, tag: Tag, from: number, to: number): number {
  return (5 * similarity(tag.target.quote, text.slice(from, to)) + 4 * contextSimilarity(text, tag, from, to)) / 9;
}

/** Causes of wrong picks, in the order the report lists them. */
export const CAUSES = [
  'words gone, placed on a place reading as stored',
  'words gone, placed on a lookalike',
  'words partly gone',
  'boundary',
  'identical: the pick reads as well and is as near',
  'position only: the pick reads as well, the truth is nearer',
  'context against position: the truth reads better, the pick is nearer',
  'distinguishable: the truth reads better and is nearer',
] as const;

/**
 * Why a wrong pick was made, judged by what an anchoring that sees only the final text and the stored
 * target could know: the tag's words gone (the pick reading exactly as stored, or only like it), partly
 * gone, or still there and the pick reading at least as well as them (identical copies, when it is also
 * no further from the stored offset), or worse (the truth was distinguishable, by context or by both).
 */
export function causeOf(
  text: string,
  original: Tag,
  tag: Tag,
  t: { start: number; end: number } | null,
  survives: boolean,
): (typeof CAUSES)[number] {
  const { start, end } = tag.target;
  if (!t) return readsAsStored(text, original, start, end) ? CAUSES[0] : CAUSES[1];
  if (!survives) return CAUSES[2];
  if (end > t.start && start < t.end) return CAUSES[3];
  const truthNearer = Math.abs(t.start - original.target.start) < Math.abs(start - original.target.start);
  if (readsLike(text, original, start, end) >= readsLike(text, original, t.start, t.end)) return truthNearer ? CAUSES[5] : CAUSES[4];
  return truthNearer ? CAUSES[7] : CAUSES[6];
}

/**
 * Judges one path's tags against the truth. A tag's words survive when at least 80% of its
 * characters are still together and read at least 80% like the original quote; they are gone when
 * fewer than a quarter are left. A placement is right when it overlaps the true span (what is left
 * of the words) by at least half of their union; anything placed on a tag whose words are gone is a
 * wrong pick.
 */
function judge(
  into: Outcome,
  doc: Doc,
  positions: Int32Array,
  originals: readonly Tag[],
  anchored: readonly Tag[],
  label: string,
  damagedBy: readonly (string | null)[],
): void {
  originals.forEach((original, i) => {
    const tag = anchored[i];
    into.tags++;
    const t = truth(positions, original.target.start, original.target.end);
    const quote = original.target.quote;
    const gone = !t || t.kept < 0.25;
    const survives = !!t && t.kept >= 0.8 && similarity(doc.text.slice(t.start, t.end), quote) >= 0.8;
    if (tag.anchoring === 'orphaned') {
      if (survives) {
        into.misses++;
        if (into.examples.length < 400)
          into.examples.push(
            `${label}: missed ${JSON.stringify(quote)}, still at ${t.start} as ${JSON.stringify(doc.text.slice(t.start, t.end))}`,
          );
      } else into.right++;
      return;
    }
    into.placed[tag.anchoring]++;
    const { start, end } = tag.target;
    const overlap = t ? Math.max(0, Math.min(end, t.end) - Math.max(start, t.start)) : 0;
    const union = t ? Math.max(end, t.end) - Math.min(start, t.start) : 1;
    if (!gone && overlap / union >= 0.5) {
      into.right++;
      return;
    }
    countWrongPick(
      into,
      doc,
      original,
      tag,
      gone ? null : t,
      label,
      causeOf(doc.text, original, tag, gone ? null : t, survives),
      damagedBy[i],
    );
  });
}

export interface RunOptions {
  /** Edit sequences played in all (one article each, taken in turn). */
  scenarios: number;
  seed: number;
  tagsPerArticle?: number;
  editsPerArticle?: number;
}

/** One edit sequence on an article: the tags made on it, the change events in order with the text after each, and the result. */
export interface EditedArticle {
  originals: Tag[];
  events: { changes: ContentChange[]; text: string }[];
  edits: number;
  repeatedPhraseTags: number;
  doc: Doc;
  /** Per tag, the kind of the first edit that deleted any of its characters or wrote between them; null: untouched. */
  damagedBy: (EditKind | null)[];
}

/** Whether a tag's characters are all still there, side by side. */
function intact(positions: Int32Array, from: number, to: number): boolean {
  for (let id = from; id < to; id++) if (positions[id] < 0 || (id > from && positions[id] !== positions[id - 1] + 1)) return false;
  return true;
}

/**
 * Tags an article (30% of them on phrases it repeats, when it has some) and edits it realistically,
 * drawing from `r`; null when the article is too short to edit (under 30 words).
 */
export function editArticle(article: string, r: Rand, tagCount = 16, editCount = 7): EditedArticle | null {
  const all = words(article);
  if (all.length < 30) return null;
  const vocabulary = all.map((w) => article.slice(w.start, w.end));
  const repeated = repeatedPhrases(article);
  const originals: Tag[] = [];
  let repeatedPhraseTags = 0;
  for (let i = 0; i < tagCount; i++) {
    let span: WordAt;
    if (repeated.length && r() < 0.3) {
      span = pick(r, repeated);
      repeatedPhraseTags++;
    } else {
      // A tag covers one to seven words of one sentence, as a name or a clause does.
      const first = between(r, 0, all.length - 1);
      let last = Math.min(all.length - 1, first + between(r, 0, 6));
      while (last > first && /\n|[.!?]["”’)]?\s/.test(article.slice(all[first].start, all[last].end))) last--;
      span = { start: all[first].start, end: all[last].end };
    }
    originals.push(makeTag(article, span.start, span.end, `t${i}`));
  }
  const doc: Doc = { text: article, origin: Array.from({ length: article.length }, (_, i) => i) };
  const damagedBy: (EditKind | null)[] = originals.map(() => null);
  const played: EditedArticle['events'] = [];
  for (let e = 0; e < editCount; e++) {
    let focus: Focus = null;
    if (r() < 0.6) {
      // Edits cluster where the tags are, which is where they matter.
      const positions = positionsOf(doc, article.length);
      const tag = pick(r, originals);
      focus = truth(positions, tag.target.start, tag.target.end);
    }
    let roll = r() * EDITS.reduce((sum, e) => sum + e.weight, 0);
    const kind = EDITS.find((e) => (roll -= e.weight) < 0)?.name ?? 'typo';
    const events = edit(doc, r, focus, vocabulary, kind);
    for (const changes of events) if (changes.length > 0) played.push({ changes, text: textAfter(events, changes, doc) });
    const positions = positionsOf(doc, article.length);
    originals.forEach((tag, i) => {
      if (!damagedBy[i] && !intact(positions, tag.target.start, tag.target.end)) damagedBy[i] = kind;
    });
  }
  return { originals, events: played, edits: editCount, repeatedPhraseTags, doc, damagedBy };
}

/** Plays edit sequences on the articles through both paths and counts what each got wrong. */
export function measure(articles: readonly string[], paths: AnchoringPaths, options: RunOptions): Figures {
  const r = random(options.seed);
  const figures: Figures = { articles: 0, edits: 0, events: 0, repeatedPhraseTags: 0, disk: emptyOutcome(), editor: emptyOutcome() };
  for (let n = 0; n < options.scenarios; n++) {
    const article = articles[n % articles.length];
    const edited = editArticle(article, r, options.tagsPerArticle, options.editsPerArticle);
    if (!edited) continue;
    const { originals, events, doc, damagedBy } = edited;
    figures.articles++;
    figures.repeatedPhraseTags += edited.repeatedPhraseTags;
    figures.edits += edited.edits;
    figures.events += events.length;
    let editorTags: Tag[] = originals;
    for (const { changes, text } of events) editorTags = paths.editor(editorTags, changes, text);
    const positions = positionsOf(doc, article.length);
    judge(figures.disk, doc, positions, originals, paths.disk(originals, doc.text), 'disk', damagedBy);
    judge(figures.editor, doc, positions, originals, editorTags, 'editor', damagedBy);
  }
  return figures;
}

/**
 * The text after one event of an edit made of several (a cut and a paste): the edit was applied to
 * the document as a whole, so the events after this one are undone from its final text.
 */
function textAfter(events: ContentChange[][], current: ContentChange[], doc: Doc): string {
  let text = doc.text;
  for (let i = events.length - 1; events[i] !== current; i--) {
    for (const c of [...events[i]].reverse()) {
      // Undo c: its inserted text goes, the replaced text came back — only insertions and deletions occur in multi-event edits.
      text = text.slice(0, c.rangeOffset) + text.slice(c.rangeOffset + c.text.length);
    }
  }
  return text;
}

function positionsOf(doc: Doc, originalLength: number): Int32Array {
  const positions = new Int32Array(originalLength).fill(-1);
  doc.origin.forEach((id, at) => {
    if (id >= 0) positions[id] = at;
  });
  return positions;
}

/** A deliberately broken anchoring (every tag moved onto the text's first characters): the stress test must fail on it. */
export const brokenPaths: AnchoringPaths = {
  disk: (tags, text) => tags.map((t) => ({ ...t, target: targetAt(text, 0, Math.max(1, t.target.quote.length)), anchoring: 'moved' })),
  editor: (tags, _changes, text) =>
    tags.map((t) => ({ ...t, target: targetAt(text, 0, Math.max(1, t.target.quote.length)), anchoring: 'moved' })),
};

/** Whether a path meets the goals, with the figure that does not. */
export function failures(figures: Figures): string[] {
  const out: string[] = [];
  for (const [name, o] of [
    ['disk', figures.disk],
    ['editor', figures.editor],
  ] as const) {
    const rate = (n: number) => n / Math.max(1, o.tags);
    if (rate(o.wrongPicks) > GOALS.wrongPicks)
      out.push(`${name} path: wrong picks ${percent(rate(o.wrongPicks))} > ${percent(GOALS.wrongPicks)}`);
    if (rate(o.unflaggedWrongPicks) > GOALS.unflaggedWrongPicks) {
      out.push(`${name} path: unflagged wrong picks ${percent(rate(o.unflaggedWrongPicks))} > ${percent(GOALS.unflaggedWrongPicks)}`);
    }
    if (rate(o.misses) > GOALS.misses) out.push(`${name} path: misses ${percent(rate(o.misses))} > ${percent(GOALS.misses)}`);
  }
  return out;
}

export function percent(x: number): string {
  return `${(100 * x).toFixed(2)}%`;
}

/** One line per path, for the stress test's report. */
export function describe(figures: Figures): string[] {
  const line = (name: string, o: Outcome) =>
    `${name}: wrong picks ${o.wrongPicks} (${percent(o.wrongPicks / Math.max(1, o.tags))}), unflagged wrong picks ${o.unflaggedWrongPicks} ` +
    `(${percent(o.unflaggedWrongPicks / Math.max(1, o.tags))}; indistinguishable from the truth ${o.indistinguishable}, ${o.unflaggedIndistinguishable} of them unflagged), misses ${o.misses} (${percent(o.misses / Math.max(1, o.tags))}) of ${o.tags} tags; ` +
    `placed exact ${o.placed.exact}, moved ${o.placed.moved}, fuzzy ${o.placed.fuzzy} ` +
    `(${percent(o.placed.fuzzy / Math.max(1, o.placed.exact + o.placed.moved + o.placed.fuzzy))} of placements for review)`;
  const counts = (of: Record<string, number>, order: readonly string[]) =>
    order
      .filter((k) => of[k])
      .map((k) => `${k} ${of[k]}`)
      .join('; ');
  return [
    `${figures.articles} edit sequences, ${figures.edits} edits (${figures.events} editor events), ${figures.disk.tags} tags per path, ${figures.repeatedPhraseTags} on repeated phrases`,
    line('disk path (anchorTags on the final text)', figures.disk),
    `disk path's wrong picks by cause: ${counts(figures.disk.causes, CAUSES)}`,
    `  by the edit that first cut into or deleted the tag's words: ${counts(figures.disk.damagedBy, [...EDITS.map((e) => e.name), 'untouched'])}`,
    line('editor path (shiftTags per event)', figures.editor),
  ];
}
