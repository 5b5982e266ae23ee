import type { Analysis, AnalyzeOptions, ClaimAttribution, ClaimMention, Detector, EntityMention, Span } from './types';
import { lowerBound } from '../text/sorted';

/**
 * Incremental analysis: the article is cut into chunks that no sentence or entity crosses (each line
 * of a plain-text article; runs of lines between blank lines in Markdown, never inside a code fence),
 * each chunk is analysed on its own, and after an edit only the chunks the edit touched are analysed
 * again. The rest keep their results and move by the edit's length. Results are stored relative to
 * their chunk, so moving a chunk costs one number.
 */
export interface Chunk {
  start: number;
  end: number;
  /** Entities and claims with offsets relative to `start` (empty while `pending`). */
  analysis: Analysis;
  /** Cut but not analysed yet: a long article is analysed in slices, what is on screen first (see analyzePending). */
  pending?: true;
}

export interface IncrementalState {
  text: string;
  options: AnalyzeOptions;
  chunks: Chunk[];
}

/** One replaced range, as VS Code reports it: offsets into the text before the change. */
export interface TextChange {
  rangeOffset: number;
  rangeLength: number;
  text: string;
}

export function analyzeAll(detector: Detector, text: string, options: AnalyzeOptions): IncrementalState {
  return { text, options, chunks: analyzeRange(detector, text, 0, text.length, options) };
}

const NOT_ANALYSED: Analysis = Object.freeze({
  entities: Object.freeze([]) as unknown as EntityMention[],
  claims: Object.freeze([]) as unknown as ClaimMention[],
});

/**
 * The article cut into chunks, none analysed yet: the editor then analyses what is on screen at once
 * and the rest in slices between keystrokes (analyzePending), so opening a long article never runs
 * the whole detector in one go. Edits may arrive meanwhile: analyzeChanges keeps untouched chunks pending.
 */
export function startAnalysis(text: string, options: AnalyzeOptions): IncrementalState {
  return {
    text,
    options,
    chunks: cutChunks(text, 0, text.length, options.format).map(([start, end]) => ({ start, end, analysis: NOT_ANALYSED, pending: true })),
  };
}

/** Whether every chunk (overlapping [from, to] when given) has been analysed. */
export function isComplete(state: IncrementalState, from = 0, to = state.text.length): boolean {
  for (let i = firstChunkEndingAtOrAfter(state.chunks, from); i < state.chunks.length && state.chunks[i].start <= to; i++) {
    if (state.chunks[i].pending) return false;
  }
  return true;
}

/**
 * Analyses pending chunks: every one overlapping a window (what the editor shows), then others in
 * order of position until about `budget` characters have been analysed. Returns the same state when
 * nothing was pending; otherwise a new one (the old one is not changed).
 */
export function analyzePending(
  detector: Detector,
  state: IncrementalState,
  budget: number,
  windows: readonly [number, number][] = [],
): IncrementalState {
  const chunks = state.chunks;
  const chosen: number[] = [];
  for (const [from, to] of windows) {
    for (let i = firstChunkEndingAtOrAfter(chunks, from); i < chunks.length && chunks[i].start <= to; i++)
      if (chunks[i].pending) chosen.push(i);
  }
  let spent = 0;
  for (let i = 0; i < chunks.length && spent < budget; i++) {
    if (!chunks[i].pending) continue;
    chosen.push(i);
    spent += chunks[i].end - chunks[i].start;
  }
  if (chosen.length === 0) return state;
  const result = chunks.slice();
  const seen = new Map<string, Analysis>();
  for (const i of chosen) {
    const { start, end } = chunks[i];
    if (!result[i].pending) continue;
    const body = state.text.slice(start, end);
    let analysis = seen.get(body);
    if (!analysis) seen.set(body, (analysis = detector.analyze(body, state.options)));
    result[i] = { start, end, analysis };
  }
  return { text: state.text, options: state.options, chunks: result };
}

/**
 * Applies content changes (in the order reported, each relative to the text after the previous one)
 * and re-analyses only the touched chunks. `newText` is the text after all the changes.
 */
export function analyzeChanges(
  detector: Detector,
  state: IncrementalState,
  changes: readonly TextChange[],
  newText: string,
): IncrementalState {
  // A fence opened or closed in Markdown changes how everything after it is cut: start afresh.
  if (
    state.options.format === 'markdown' &&
    changes.some((c) => FENCE.test(c.text) || FENCE.test(state.text.substr(c.rangeOffset - 3, c.rangeLength + 6)))
  ) {
    return analyzeAll(detector, newText, state.options);
  }
  // Chunks: analysed ones (analysis set) and stale stretches (analysis null) waiting to be re-cut.
  let chunks: { start: number; end: number; analysis: Analysis | null; pending?: true }[] = state.chunks;
  for (const change of changes) {
    const delta = change.text.length - change.rangeLength;
    const changeEnd = change.rangeOffset + change.rangeLength;
    let first = firstChunkEndingAtOrAfter(chunks, change.rangeOffset);
    // A clean chunk other than the last ends with a line end, so an edit just after it leaves it whole.
    if (first < chunks.length - 1 && chunks[first].end === change.rangeOffset && chunks[first].analysis) first++;
    let last = first;
    while (last < chunks.length && chunks[last].start <= changeEnd) last++;
    const from = first < last ? Math.min(chunks[first].start, change.rangeOffset) : change.rangeOffset;
    const to = first < last ? Math.max(chunks[last - 1].end, changeEnd) : changeEnd;
    const moved = chunks
      .slice(last)
      .map((c) =>
        c.pending
          ? { start: c.start + delta, end: c.end + delta, analysis: c.analysis, pending: c.pending }
          : { start: c.start + delta, end: c.end + delta, analysis: c.analysis },
      );
    chunks = [...chunks.slice(0, first), { start: from, end: to + delta, analysis: null }, ...moved];
  }
  const last = chunks[chunks.length - 1];
  if ((last ? last.end : 0) !== newText.length) return analyzeAll(detector, newText, state.options);
  const result: Chunk[] = [];
  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i];
    if (chunk.analysis) {
      result.push(chunk as Chunk);
      continue;
    }
    let end = chunk.end;
    while (i + 1 < chunks.length && !chunks[i + 1].analysis) end = chunks[++i].end;
    result.push(...analyzeRange(detector, newText, chunk.start, end, state.options));
  }
  return { text: newText, options: state.options, chunks: result };
}

const FENCE = /```|~~~/;

/** The whole article's analysis, with absolute offsets, built from the chunks. */
export function analysisOf(state: IncrementalState): Analysis {
  return analysisBetween(state, 0, state.text.length);
}

/** The analysis of the chunks that overlap [from, to]: what a window of the editor needs, without building the rest. */
export function analysisBetween(state: IncrementalState, from: number, to: number): Analysis {
  const entities: EntityMention[] = [];
  const claims: ClaimMention[] = [];
  for (let i = firstChunkEndingAtOrAfter(state.chunks, from); i < state.chunks.length && state.chunks[i].start <= to; i++) {
    const chunk = state.chunks[i];
    const by = chunk.start;
    // Object literals, their optional fields set after, not spreads: this runs for every mention of
    // the article after each edit when all marks are rebuilt, and a spread builds an object to copy.
    for (const e of chunk.analysis.entities) {
      const shifted: EntityMention = { start: e.start + by, end: e.end + by, text: e.text, type: e.type, origin: e.origin };
      if (e.date) shifted.date = e.date;
      if (e.money) shifted.money = e.money;
      entities.push(shifted);
    }
    for (const c of chunk.analysis.claims) {
      const shifted: ClaimMention = {
        start: c.start + by,
        end: c.end + by,
        text: c.text,
        score: c.score,
        source: c.source && shiftSpan(c.source, by),
        cue: c.cue && shiftSpan(c.cue, by),
        content: c.content && shiftSpan(c.content, by),
        hedges: c.hedges.length ? c.hedges.map((h) => shiftSpan(h, by)) : [],
      };
      if (c.resolvedSource !== undefined) shifted.resolvedSource = c.resolvedSource && shiftSpan(c.resolvedSource, by);
      if (c.attributions) shifted.attributions = c.attributions.map((a) => shiftAttribution(a, by));
      if (c.prominent !== undefined) shifted.prominent = c.prominent;
      claims.push(shifted);
    }
  }
  return { entities, claims };
}

function shiftAttribution(a: ClaimAttribution, by: number): ClaimAttribution {
  const shift = (s: Span | null): Span | null => s && shiftSpan(s, by);
  return { source: shift(a.source), resolvedSource: shift(a.resolvedSource), cue: shift(a.cue), content: shift(a.content) };
}

function shiftSpan(span: Span, by: number): Span {
  return { start: span.start + by, end: span.end + by, text: span.text };
}

function firstChunkEndingAtOrAfter(chunks: readonly { end: number }[], offset: number): number {
  return lowerBound(chunks.length, (i) => chunks[i].end < offset);
}

/** Cuts [start, end) of the text into chunks and analyses each; identical chunk texts share one analysis. */
function analyzeRange(detector: Detector, text: string, start: number, end: number, options: AnalyzeOptions): Chunk[] {
  const chunks: Chunk[] = [];
  const seen = new Map<string, Analysis>();
  for (const [s, e] of cutChunks(text, start, end, options.format)) {
    const body = text.slice(s, e);
    let analysis = seen.get(body);
    if (!analysis) {
      analysis = detector.analyze(body, options);
      seen.set(body, analysis);
    }
    chunks.push({ start: s, end: e, analysis });
  }
  return chunks;
}

/**
 * Chunk boundaries within [start, end): after every line end in plain text; in Markdown after a blank
 * line outside fenced code. Each chunk keeps its trailing line end so chunks tile the range exactly.
 */
export function cutChunks(text: string, start: number, end: number, format: AnalyzeOptions['format']): [number, number][] {
  const out: [number, number][] = [];
  let chunkStart = start;
  let inFence = false;
  let lineStart = start;
  for (let i = start; i < end; i++) {
    if (text.charCodeAt(i) !== 10) continue;
    const line = text.slice(lineStart, i);
    if (format === 'markdown') {
      if (/^\s{0,3}(```|~~~)/.test(line)) inFence = !inFence;
      if (!inFence && line.trim() === '' && i + 1 > chunkStart) {
        out.push([chunkStart, i + 1]);
        chunkStart = i + 1;
      }
    } else {
      out.push([chunkStart, i + 1]);
      chunkStart = i + 1;
    }
    lineStart = i + 1;
  }
  if (chunkStart < end) out.push([chunkStart, end]);
  return out;
}
