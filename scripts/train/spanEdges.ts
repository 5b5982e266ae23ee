import type { TemporalMatch } from '../../extension/core/detect/temporal';

/**
 * Experiment (scripts/tune-span-edges.ts), not shipped: where a date or an amount of money starts
 * and ends, learned rather than written. The grammar of temporal.ts proposes a span, and a linear
 * model picks among that span, the same span with its edges moved a few tokens either way
 * ("about", "some", "since", "the", "$" before "2 a barrel", "'s" after "next week"), or no span
 * at all (a "today" or "recent years" that OntoNotes does not annotate). Cross-validation inside the
 * tuning half preferred the grammar's own edges (media/models/README.md, "Dates and money").
 *
 * The score of a choice is a sum of three parts, so that each edge is scored once and not once per
 * pair: what its left edge adds or removes and the words on each side of it, the same for its right
 * edge, and the first word inside with the first word after (a "$" before "2 a barrel").
 */

/** A span the grammar found. */
export type EdgeSpan = TemporalMatch;

/** Learned weights by feature; features missing weigh nothing. */
export interface EdgeModel {
  readonly weights: ReadonlyMap<string, number>;
}

/** How many tokens an edge may move outwards and inwards. */
const MAX_WIDEN = 3;
const MAX_NARROW = 2;
/** How far around a span its tokens are read, in characters. */
const REACH = 60;

interface Token {
  start: number;
  end: number;
  key: string;
}

/** A choice for one span: its new edges, or none (the span is dropped). */
export interface EdgeChoice {
  start: number;
  end: number;
  dropped: boolean;
}

/** Features of one span's choices, split as they are scored. */
export interface EdgeCandidates {
  /** Left edges, each with its features. */
  lefts: { at: number; features: string[] }[];
  rights: { at: number; features: string[] }[];
  /** joint[l][r]: the features of left edge l with right edge r (l's first token with the token after r). */
  joint: string[][][];
  /** Whether left edge l and right edge r make a span (it holds a token). */
  valid: boolean[][];
  drop: string[];
}

const OPENING = new Set(['(', '"', "'", '“', '‘', '[', '{']);
const CLOSING = new Set([',', ';', ':', '!', '?', ')', '"', "'", '”', '’', ']', '}']);
/** Words whose final period is part of them. */
const KEEPS_PERIOD = /^(?:[A-Za-z]|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|mr|mrs|ms|dr|st|inc|corp|co|ltd|jr|sr|vs)$/iu;
const SYMBOL_THEN_DIGIT = /^([A-Za-z]{0,3}[$€£¥₹₩₽₪₺₱₫฿])(\d.*)$/u;

/** A token as the features see it: lowercase, digits by their count ("1990" → "dddd", "1.69" → "d.dd"). */
export function wordKey(token: string): string {
  if (/\d/u.test(token)) return token.replace(/\d+/gu, (d) => (d.length >= 4 ? 'dddd' : 'd'.repeat(d.length))).toLowerCase();
  return token.length > 24 ? token.slice(0, 24).toLowerCase() : token.toLowerCase();
}

/**
 * The tokens of text[from, to): words, numbers, punctuation and currency symbols apart, hyphens
 * apart ("14-year-old" has an edge after "year"), a final period apart unless the word keeps it.
 * Finer than Penn Treebank tokens, so that each of their edges is an edge here.
 */
export function edgeTokens(text: string, from: number, to: number): Token[] {
  const out: Token[] = [];
  const push = (start: number, end: number): void => {
    if (end > start) out.push({ start, end, key: wordKey(text.slice(start, end)) });
  };
  const chunk = /[^\s-]+|-/gu;
  chunk.lastIndex = from;
  for (let m = chunk.exec(text); m && m.index < to; m = chunk.exec(text)) {
    let start = m.index;
    let end = Math.min(to, start + m[0].length);
    while (start < end && OPENING.has(text[start])) push(start, ++start);
    const closing: number[] = [];
    while (end > start && CLOSING.has(text[end - 1])) closing.unshift(--end);
    if (
      end - start > 1 &&
      text[end - 1] === '.' &&
      !KEEPS_PERIOD.test(text.slice(start, end - 1)) &&
      !text.slice(start, end - 1).includes('.')
    )
      closing.unshift(--end);
    const symbol = SYMBOL_THEN_DIGIT.exec(text.slice(start, end));
    if (symbol) {
      push(start, start + symbol[1].length);
      push(start + symbol[1].length, end);
    } else push(start, end);
    for (const c of closing) push(c, c + 1);
  }
  return out;
}

const BEFORE = '<s>';
const AFTER = '</s>';

/**
 * The choices for spans[i] and their features. An edge moves only over tokens of its line that no
 * other span holds.
 */
export function edgeCandidates(text: string, spans: readonly EdgeSpan[], i: number): EdgeCandidates {
  const span = spans[i];
  const lineStart = text.lastIndexOf('\n', span.start - 1) + 1;
  const newline = text.indexOf('\n', span.end);
  const lineEnd = newline < 0 ? text.length : newline;
  const from = Math.max(lineStart, span.start - REACH, i > 0 ? spans[i - 1].end : 0);
  const to = Math.min(lineEnd, span.end + REACH, i + 1 < spans.length ? spans[i + 1].start : text.length);
  const before = edgeTokens(text, from, span.start).slice(-MAX_WIDEN - 1);
  const inside = edgeTokens(text, span.start, span.end);
  const after = edgeTokens(text, span.end, to).slice(0, MAX_WIDEN + 1);
  const t = span.type;
  const { edges: lefts, words: leftFirst } = leftEdges(t, span, before, inside);
  const { edges: rights, words: rightNext } = rightEdges(t, span, inside, after);
  const joint = lefts.map((_, l) => rights.map((_, r) => [`${t} lr ${leftFirst[l]} ${rightNext[r]}`]));
  const valid = lefts.map((left) => rights.map((right) => right.at > left.at));
  const prev = keyOf(before, before.length - 1, BEFORE);
  const next = keyOf(after, 0, AFTER);
  const whole = inside.length <= 3 ? inside.map((w) => w.key).join(' ') : `${inside.length} tokens`;
  const drop = [
    `${t} drop`,
    `${t} drop n${Math.min(inside.length, 4)}`,
    `${t} drop first ${keyOf(inside, 0, AFTER)}`,
    `${t} drop last ${keyOf(inside, inside.length - 1, BEFORE)}`,
    `${t} drop prev ${prev}`,
    `${t} drop next ${next}`,
    `${t} drop prev2 ${keyOf(before, before.length - 2, BEFORE)} ${prev}`,
    `${t} drop whole ${whole}`,
  ];
  return { lefts, rights, joint, valid, drop };
}

function keyOf(tokens: readonly Token[], at: number, outside: string): string {
  return tokens[at]?.key ?? outside;
}

/** Left edges: k tokens taken in from before (k > 0) or k tokens of the span left out (k < 0); with each, the first word inside. */
function leftEdges(
  t: string,
  span: EdgeSpan,
  before: readonly Token[],
  inside: readonly Token[],
): { edges: EdgeCandidates['lefts']; words: string[] } {
  const edges: EdgeCandidates['lefts'] = [];
  const words: string[] = [];
  for (let k = Math.min(MAX_WIDEN, before.length); k >= -Math.min(MAX_NARROW, inside.length - 1); k--) {
    const taken = k > 0 ? before.slice(before.length - k) : [];
    const left = k < 0 ? inside.slice(0, -k) : [];
    const at = k > 0 ? taken[0].start : k < 0 ? inside[-k].start : span.start;
    const first = k > 0 ? taken[0].key : keyOf(inside, -Math.min(k, 0), AFTER);
    const prev = k >= 0 ? keyOf(before, before.length - k - 1, BEFORE) : inside[-k - 1].key;
    const features = [`${t} l${k}`, `${t} lo ${prev}`, `${t} li ${first}`, `${t} l ${prev} ${first}`];
    for (const w of taken) features.push(`${t} +l ${w.key}`);
    for (const w of left) features.push(`${t} -l ${w.key}`);
    edges.push({ at, features });
    words.push(first);
  }
  return { edges, words };
}

/** Right edges, the same way; with each, the first word after. */
function rightEdges(
  t: string,
  span: EdgeSpan,
  inside: readonly Token[],
  after: readonly Token[],
): { edges: EdgeCandidates['rights']; words: string[] } {
  const edges: EdgeCandidates['rights'] = [];
  const words: string[] = [];
  for (let k = -Math.min(MAX_NARROW, inside.length - 1); k <= Math.min(MAX_WIDEN, after.length); k++) {
    const taken = k > 0 ? after.slice(0, k) : [];
    const left = k < 0 ? inside.slice(inside.length + k) : [];
    const at = k > 0 ? taken[k - 1].end : k < 0 ? inside[inside.length + k - 1].end : span.end;
    const last = k > 0 ? taken[k - 1].key : keyOf(inside, inside.length - 1 + Math.min(k, 0), BEFORE);
    const next = k >= 0 ? keyOf(after, k, AFTER) : inside[inside.length + k].key;
    const features = [`${t} r${k}`, `${t} ro ${next}`, `${t} ri ${last}`, `${t} r ${last} ${next}`];
    for (const w of taken) features.push(`${t} +r ${w.key}`);
    for (const w of left) features.push(`${t} -r ${w.key}`);
    edges.push({ at, features });
    words.push(next);
  }
  return { edges, words };
}

function sum(weights: ReadonlyMap<string, number>, features: readonly string[]): number {
  let s = 0;
  for (const f of features) s += weights.get(f) ?? 0;
  return s;
}

/** The best choice under the weights (ties keep the grammar's span: it is scored first). */
export function bestChoice(candidates: EdgeCandidates, weights: ReadonlyMap<string, number>, span: EdgeSpan): EdgeChoice {
  const leftScores = candidates.lefts.map((l) => sum(weights, l.features));
  const rightScores = candidates.rights.map((r) => sum(weights, r.features));
  const l0 = candidates.lefts.findIndex((l) => l.at === span.start);
  const r0 = candidates.rights.findIndex((r) => r.at === span.end);
  let best: EdgeChoice = { start: span.start, end: span.end, dropped: false };
  let bestScore = l0 >= 0 && r0 >= 0 ? leftScores[l0] + rightScores[r0] + sum(weights, candidates.joint[l0][r0]) : -Infinity;
  candidates.lefts.forEach((left, l) =>
    candidates.rights.forEach((right, r) => {
      if (!candidates.valid[l][r]) return;
      const score = leftScores[l] + rightScores[r] + sum(weights, candidates.joint[l][r]);
      if (score > bestScore) {
        bestScore = score;
        best = { start: left.at, end: right.at, dropped: false };
      }
    }),
  );
  if (sum(weights, candidates.drop) > bestScore) return { start: span.start, end: span.end, dropped: true };
  return best;
}

/** The features of one choice (for training: the same parts bestChoice sums). */
export function choiceFeatures(candidates: EdgeCandidates, choice: EdgeChoice): string[] | null {
  if (choice.dropped) return candidates.drop;
  const l = candidates.lefts.findIndex((c) => c.at === choice.start);
  const r = candidates.rights.findIndex((c) => c.at === choice.end);
  if (l < 0 || r < 0 || !candidates.valid[l][r]) return null;
  return [...candidates.lefts[l].features, ...candidates.rights[r].features, ...candidates.joint[l][r]];
}

/** The spans with their edges as the model places them, dropped ones left out. */
export function placeEdges<T extends EdgeSpan>(text: string, spans: readonly T[], model: EdgeModel | null): T[] {
  if (!model) return [...spans];
  const out: T[] = [];
  spans.forEach((span, i) => {
    const choice = bestChoice(edgeCandidates(text, spans, i), model.weights, span);
    if (choice.dropped) return;
    // A span widened to the right may have reached the tokens this one takes in on its left: it keeps its own start then.
    const start = out.length && out[out.length - 1].end > choice.start ? span.start : choice.start;
    out.push({ ...span, start, end: choice.end });
  });
  return out;
}
