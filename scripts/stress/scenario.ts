// Random articles, tags and edit sequences for the anchoring property tests (test/unit/anchor/) and
// `npm run stress`. fast-check arbitraries, so a failing case shrinks to a small one.
import fc from 'fast-check';
import { anchorTags, shiftTags, splitsUnit, targetAt, type ContentChange } from '../../extension/core/anchor';
import type { Tag } from '../../extension/core/sidecar/types';

/** A tag as the editor makes one, with only what anchoring looks at being varied. */
export function makeTag(text: string, start: number, end: number, id: string): Tag {
  return {
    id,
    kind: 'entity',
    label: 'Person',
    status: 'confirmed',
    target: targetAt(text, start, end),
    anchoring: 'exact',
    tags: [],
    verdict: null,
    note: null,
    claim: null,
    entityId: null,
    author: 'stress',
    created: '2024-01-01T00:00:00Z',
    modified: '2024-01-01T00:00:00Z',
  };
}

/** Applies changes the way VS Code's document mirror does: in order, each to the result of the previous one. */
export function applyChanges(text: string, changes: readonly ContentChange[]): string {
  let out = text;
  for (const c of changes) out = out.slice(0, c.rangeOffset) + c.text + out.slice(c.rangeOffset + c.rangeLength);
  return out;
}

/** The changes that undo `changes` (given for `before`), in VS Code's order: descending offsets. */
export function inverseChanges(before: string, changes: readonly ContentChange[]): ContentChange[] {
  // Descending, non-overlapping changes all refer to `before`; walk them ascending to find where each landed.
  const ascending = [...changes].reverse();
  let delta = 0;
  const inverse: ContentChange[] = [];
  for (const c of ascending) {
    inverse.push({
      rangeOffset: c.rangeOffset + delta,
      rangeLength: c.text.length,
      text: before.slice(c.rangeOffset, c.rangeOffset + c.rangeLength),
    });
    delta += c.text.length - c.rangeLength;
  }
  return inverse.reverse();
}

const WORDS = [
  'the',
  'minister',
  'said',
  'on',
  'Tuesday',
  'that',
  'Beijing',
  'denied',
  'reports',
  'of',
  'a',
  '$60 million',
  'deal',
  'Dr. Jane Thompson',
  'Salt Typhoon',
  'according to',
  'sources',
  'allegedly',
  '中国外交部',
  '北京',
  '发言人',
  'café',
  'naïve',
  '😀',
  '👩‍🔬',
  '🇫🇷',
  '𝔸𝕓𝕔',
  'U.S.',
  '"quoted"',
  '—',
  '«',
  '»',
];
const BREAKS = ['\n', '\r\n', '\n\n', '\r\n\r\n'];

/** An article: words, punctuation and line breaks (LF, CRLF or mixed), emoji, CJK, and repeated passages. */
export const articleArb: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(
      fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom(...WORDS) },
        { weight: 2, arbitrary: fc.constantFrom(...BREAKS) },
        { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
      ),
      {
        minLength: 4,
        maxLength: 400,
        size: 'medium',
      },
    ),
    fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { maxLength: 3 }),
  )
  .map(([pieces, repeats]) => {
    let text = pieces.join(' ');
    // Repeat passages so that quotes occur more than once, as names and stock phrases do.
    for (const [from, length, to] of repeats) {
      const start = from % text.length;
      const passage = text.slice(start, start + 10 + (length % 60));
      const at = to % (text.length + 1);
      text = text.slice(0, at) + passage + text.slice(at);
    }
    return text;
  });

/** A place in a text of any length, as a fraction; spread evenly (a double would cluster near 0). */
const fractionArb = fc.integer({ min: 0, max: 1_000_000 }).map((n) => n / 1_000_000);

/** What a tag covers: where it starts, as a fraction of the article, and how long it is. */
const spanArb = fc.tuple(fractionArb, fc.integer({ min: 1, max: 60 }));

/** One edit, as VS Code reports it, positioned by fractions of the current text. */
const rawChangeArb = fc.record({
  at: fractionArb,
  deleted: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 80 })),
  inserted: fc.oneof(
    fc.constant(''),
    fc.constantFrom(...WORDS),
    fc.constantFrom(...BREAKS),
    fc.string({ maxLength: 12 }),
    fc.constantFrom(' the ', 'x', '😀'),
  ),
});

export type RawEvent = { kind: 'edit'; changes: { at: number; deleted: number; inserted: string }[] } | { kind: 'undo' } | { kind: 'eol' };

/** Typing, deleting, pasting, multi-cursor and replace-all edits, undo of the previous event, and line-ending conversion. */
export const eventArb: fc.Arbitrary<RawEvent> = fc.oneof(
  { weight: 10, arbitrary: fc.array(rawChangeArb, { minLength: 1, maxLength: 4 }).map((changes) => ({ kind: 'edit' as const, changes })) },
  { weight: 2, arbitrary: fc.constant({ kind: 'undo' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'eol' as const }) },
);

export interface Scenario {
  article: string;
  spans: [number, number][];
  events: RawEvent[];
}

export const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  article: articleArb,
  spans: fc.array(spanArb, { minLength: 1, maxLength: 8 }),
  events: fc.array(eventArb, { minLength: 1, maxLength: 6 }),
});

/** The tags of a scenario on its article: spans placed by fraction, never empty. */
export function scenarioTags(s: Scenario): Tag[] {
  return s.spans.map(([at, length], i) => {
    const start = Math.min(Math.floor(at * s.article.length), s.article.length - 1);
    return makeTag(s.article, start, Math.min(s.article.length, start + length), `t${i}`);
  });
}

/**
 * Concrete changes for a raw edit on `text`: disjoint, reported in descending offset order as VS
 * Code does for one multi-cursor or replace-all operation.
 */
export function concreteChanges(text: string, raw: { at: number; deleted: number; inserted: string }[]): ContentChange[] {
  const ranges = raw
    .map((r) => {
      const offset = Math.min(Math.floor(r.at * (text.length + 1)), text.length);
      return { rangeOffset: offset, rangeLength: Math.min(r.deleted, text.length - offset), text: r.inserted };
    })
    .sort((a, b) => a.rangeOffset - b.rangeOffset);
  const disjoint: ContentChange[] = [];
  for (const r of ranges) {
    const last = disjoint[disjoint.length - 1];
    if (!last || r.rangeOffset >= last.rangeOffset + last.rangeLength + (last.rangeLength === 0 && r.rangeLength === 0 ? 1 : 0))
      disjoint.push(r);
  }
  return disjoint.reverse();
}

/** Line-ending conversion as editors and git do it: every line break (CR, LF or CRLF) to LF if the text has a CR, else to CRLF. */
export function convertLineEndings(text: string): string {
  return text.replace(/\r\n|\r|\n/g, text.includes('\r') ? '\n' : '\r\n');
}

export interface TagProblem {
  id: string;
  message: string;
}

/**
 * Each broken promise about tags: a tag missing (or an extra one), or not orphaned yet not on its
 * quote, or splitting a character. Empty when all hold.
 */
export function tagProblems(before: readonly Tag[], after: readonly Tag[], text: string): TagProblem[] {
  const problems: TagProblem[] = [];
  const byId = new Map(after.map((t) => [t.id, t]));
  for (const extra of after.filter((t) => !before.some((b) => b.id === t.id)))
    problems.push({ id: extra.id, message: 'appeared from nowhere' });
  for (const original of before) {
    const tag = byId.get(original.id);
    const { start, end, quote } = tag?.target ?? original.target;
    let message: string | null = null;
    if (!tag) message = 'disappeared';
    else if (end - start !== quote.length || quote.length === 0) message = `has a span ${start}-${end} for a quote of ${quote.length}`;
    else if (tag.anchoring !== 'orphaned' && text.slice(start, end) !== quote) {
      message = `(${tag.anchoring}) is on ${JSON.stringify(text.slice(start, end))}, not its quote ${JSON.stringify(quote)}`;
    } else if (tag.anchoring !== 'orphaned' && (splitsUnit(text, start) || splitsUnit(text, end)))
      message = `splits a surrogate pair or CRLF at ${start}-${end}`;
    if (message) problems.push({ id: original.id, message });
  }
  return problems;
}

export function tagProblem(before: readonly Tag[], after: readonly Tag[], text: string): string | null {
  const first = tagProblems(before, after, text)[0];
  return first ? `tag ${first.id} ${first.message}` : null;
}

export interface Run {
  /** The tags after the last event, through the editor path. */
  editor: Tag[];
  /** The original tags anchored on the final text in one go, as when the file changed on disk. */
  disk: Tag[];
  text: string;
  events: number;
  /** Broken promises, prefixed by the path. */
  problems: string[];
  /** Tags lost (missing or off their quote without being orphaned) on each path. */
  lostEditor: number;
  lostDisk: number;
  editorMs: number;
  diskMs: number;
}

/**
 * Plays a scenario through both paths. The editor path follows every event with `shiftTags` (and,
 * for a line-ending conversion, which VS Code reports without content changes, with `anchorTags`);
 * the disk path anchors the original tags on the final text in one go.
 */
export function runScenario(s: Scenario): Run {
  const original = scenarioTags(s);
  let text = s.article;
  let tags = original;
  let events = 0;
  let editorMs = 0;
  const lostOnEditor = new Set<string>();
  const problems: string[] = [];
  const history: { before: string; changes: ContentChange[] }[] = [];
  for (const event of s.events) {
    let started: number;
    if (event.kind === 'eol') {
      text = convertLineEndings(text);
      started = performance.now();
      tags = anchorTags(tags, text);
      history.length = 0; // undo positions refer to the old line endings
    } else {
      const previous = event.kind === 'undo' ? history.pop() : undefined;
      if (event.kind === 'undo' && !previous) continue;
      const changes = previous
        ? inverseChanges(previous.before, previous.changes)
        : concreteChanges(text, event.kind === 'edit' ? event.changes : []);
      const next = applyChanges(text, changes);
      if (!previous) history.push({ before: text, changes });
      text = next;
      started = performance.now();
      tags = shiftTags(tags, changes, text);
    }
    editorMs += performance.now() - started;
    events++;
    for (const problem of tagProblems(original, tags, text)) {
      lostOnEditor.add(problem.id);
      problems.push(`editor path, event ${events}: tag ${problem.id} ${problem.message}`);
    }
  }
  const started = performance.now();
  const disk = anchorTags(original, text);
  const diskMs = performance.now() - started;
  const diskProblems = tagProblems(original, disk, text);
  problems.push(...diskProblems.map((p) => `disk path: tag ${p.id} ${p.message}`));
  return { editor: tags, disk, text, events, problems, lostEditor: lostOnEditor.size, lostDisk: diskProblems.length, editorMs, diskMs };
}
