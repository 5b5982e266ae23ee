import DiffMatchPatch from 'diff-match-patch';
import type { Span } from '../text/span';
import { CONTEXT_LENGTH } from '../sidecar/target';
import type { Anchoring, ClaimParts, Tag, TagTarget } from '../sidecar/types';
import { targetAt, withTarget } from '../sidecar/target';
import { countBelow, lowerBound } from '../text/sorted';
import { forEachOccurrence, occurrenceIndex, occurrences, type OccurrenceIndex } from './occurrences';

/** A quote found only approximately must be at least this similar to the stored one (1 − edit distance / length). */
export const FUZZY_MIN_SIMILARITY = 0.75;
/**
 * A match must also sit in a context at least this similar, prefix and suffix averaged: a lookalike
 * passage elsewhere (Hypothesis matching "Linus" to "chines") has the quote but not its surroundings.
 */
export const MIN_CONTEXT_SIMILARITY = 0.5;
/** Short quotes match by chance; below this length a fuzzy match needs a context this good. */
const SHORT_QUOTE = 8;
const SHORT_QUOTE_CONTEXT = 0.75;
/** Candidates whose scores differ by less than this are indistinguishable: the tag is orphaned rather than guessed. */
export const AMBIGUITY_MARGIN = 0.02;
/**
 * A placement is certain (`moved`, no review asked) only when the quote is there exactly, in a
 * context at least this similar, and no other place comes within CERTAIN_LEAD of that context.
 * Anything less sure is `fuzzy`. Tuned on PolNeAR training articles with the ground-truth stress
 * test (scripts/stress/groundTruth.ts): a quote found exactly once is not enough, as the same words
 * elsewhere (another paragraph's "The mayor also said") survive the tag's own being deleted or mistyped.
 */
export const CERTAIN_CONTEXT = 0.8;
/** Candidates scoring within this of the best all fit: the one nearest the old position is taken (see nearestPlausible). */
const PLAUSIBLE_MARGIN = 0.2;
/**
 * A quote at least this long found exactly once is a candidate (for review) in a context only this alike
 * (a sentence moved); in one less alike it is the same words said elsewhere, its own gone. Tuned on
 * PolNeAR training articles: without a floor, a third of these placements were wrong.
 */
const DISTINCTIVE_QUOTE = 16;
const DISTINCTIVE_CONTEXT = 0.3;
/**
 * A rival of an uncertain placement: another place whose quote and context read at most this much worse
 * (quote and context weighted as in a score, position left out), and less than RIVAL_DISTANCE times as far
 * from the stored offset. Between the two only position chooses, and that guess is wrong as often as a
 * paragraph's copy ends up nearer the stored offset than the original (a paragraph deleted above both):
 * the tag is orphaned rather than placed, unless its place is where the stored offset or a landmark puts
 * it (see explainedPlace). Tuned on PolNeAR training articles: each wrong pick removed orphans about three
 * right ones, which the researcher re-attaches in one step to one of the places (candidatePlaces).
 */
const RIVAL_READ_MARGIN = 0.05;
const RIVAL_DISTANCE = 4;
/**
 * How much quote, prefix, suffix and position count. Hypothesis' weights for the first three; the
 * position counts more than in Hypothesis (2, over the whole text's length): where the tag was is what
 * tells two copies of a passage apart. Tuned on PolNeAR training articles (the stress test's tune split).
 */
const WEIGHTS = { quote: 50, prefix: 20, suffix: 20, position: 20 };
/** Characters from the stored position at which the position's part of a score halves. */
const POSITION_SCALE = 500;
/** Exact matches scored in full; more are first ranked by exactly shared context (a quote like "the" occurs thousands of times). */
const MAX_SCORED = 64;
/**
 * A quote found more often than this is ranked only among its occurrences that keep at least
 * RANKED_CONTEXT characters of the stored context on one side.
 */
const MAX_RANKED = 1024;
const RANKED_CONTEXT = 8;
/** A piece of the quote found more often than this says nothing about where the quote went. */
const MAX_SEED_HITS = 32;
/**
 * How far from the position it is given diff-match-patch's Bitap matcher can accept a match: it scores
 * errors / length + distance / Match_Distance (1000) against Match_Threshold (0.5), so never beyond 500.
 */
const BITAP_REACH = 1000;
/** Places examined closely for a fuzzy match. */
const MAX_REGIONS = 4;

interface Candidate {
  start: number;
  end: number;
  /** From the stored position (see distanceFrom). */
  distance: number;
  quote: number;
  prefix: number;
  suffix: number;
  score: number;
}

/** What is looked for: the stored target with line endings normalized. */
interface Wanted {
  quote: string;
  prefix: string;
  suffix: string;
  /** The context was cut short by the start (end) of the text it was taken from: compare it with a full-length one. */
  prefixAtTextStart: boolean;
  suffixAtTextEnd: boolean;
  /** The stored start offset (any number: bad input is possible), and the same as a whole offset clamped into the text. */
  oldStart: number;
  expected: number;
}

/**
 * The text with CRLF (and lone CR) line breaks turned into LF, so that a quote survives a change of
 * line endings, and a map back. `removedCr` holds, ascending, the positions in the normalized text
 * of the line feeds that lost a CR before them.
 */
interface LfView {
  text: string;
  removedCr: number[];
}

interface Search {
  view: LfView;
  dmp: DiffMatchPatch;
  /** Positions of the line feeds in the normalized text, built when first needed. */
  lineFeeds?: number[];
  /** Where strings occur in the normalized text, built when first needed. */
  index?: OccurrenceIndex;
}

function indexOf(search: Search): OccurrenceIndex {
  search.index ??= occurrenceIndex(search.view.text);
  return search.index;
}

function lfView(text: string): LfView {
  if (!text.includes('\r')) return { text, removedCr: [] };
  const removedCr: number[] = [];
  let out = '';
  let from = 0;
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) {
    out += text.slice(from, i);
    if (text.charCodeAt(i + 1) === 10) {
      removedCr.push(out.length);
      from = i + 1;
    } else {
      out += '\n';
      from = i + 1;
    }
  }
  return { text: out + text.slice(from), removedCr };
}

function normalize(s: string): string {
  return s.replace(/\r\n?/g, '\n');
}

/** Position in the original text of position `i` of the normalized one; a span never splits a CRLF. */
function toOriginal(view: LfView, i: number): number {
  return i + countBelow(view.removedCr, i);
}

/** Strings whose lengths multiply to at most this are compared by their exact edit distance. */
const EXACT_DISTANCE_CELLS = 1 << 16;

/**
 * 1 − edit distance / the longer length. diff-match-patch's distance (the larger of insertions and
 * deletions, summed between the equalities of a diff) overstates it between unlike strings, whose chance
 * equalities split the edits: two half-rewritten contexts of 32 characters came out 38 apart, below
 * nothing in common, and the words of a tag whose neighbours were rewritten were orphaned. Contexts and
 * short quotes get the exact distance; long quotes, compared only with lookalikes, the diff's.
 */
function similarity(dmp: DiffMatchPatch, a: string, b: string): number {
  if (a === b) return 1;
  const longest = Math.max(a.length, b.length);
  const distance = a.length * b.length <= EXACT_DISTANCE_CELLS ? levenshtein(a, b) : dmp.diff_levenshtein(dmp.diff_main(a, b, false));
  return Math.max(0, 1 - distance / longest);
}

/** The edit distance (insertions, deletions, substitutions of code units), one row at a time. */
function levenshtein(a: string, b: string): number {
  const row = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) row[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    const c = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(above + 1, row[j - 1] + 1, diagonal + (c === b.charCodeAt(j - 1) ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/**
 * How far position `at` of the normalized text is from the stored offset. The stored offset counted
 * the line breaks of the text it was made on, which may have had other line endings than this one:
 * the distance is the least under each guess (LF only, CRLF throughout, the same as now), so a
 * change of line endings alone never makes a tag look far from where it was.
 */
function distanceFrom(search: Search, at: number, oldStart: number): number {
  if (!Number.isFinite(oldStart)) return 0;
  if (!search.lineFeeds) {
    search.lineFeeds = [];
    for (let i = search.view.text.indexOf('\n'); i >= 0; i = search.view.text.indexOf('\n', i + 1)) search.lineFeeds.push(i);
  }
  return Math.min(
    Math.abs(oldStart - at),
    Math.abs(oldStart - (at + countBelow(search.lineFeeds, at))),
    Math.abs(oldStart - toOriginal(search.view, at)),
  );
}

/** Whether position `at` of the normalized text is where the stored offset lands if only line endings changed above it. */
function shiftedByLineEndings(search: Search, at: number, oldStart: number): boolean {
  if (!Number.isFinite(oldStart)) return true;
  const crsAbove = oldStart - at;
  return crsAbove >= 0 && crsAbove <= countBelow(search.lineFeeds ?? [], at);
}

/**
 * How well a place in the (normalized) text fits the stored quote, context and position. Context
 * is compared over the stored context's length, so that line breaks that lost their CR do not
 * count as a difference, unless the stored context stopped at the edge of its text.
 */
function score(search: Search, start: number, end: number, w: Wanted, minQuote = 0): Candidate | null {
  const text = search.view.text;
  // The length difference alone bounds the similarity from above: skip the diff when it cannot pass.
  if (1 - Math.abs(end - start - w.quote.length) / Math.max(end - start, w.quote.length) < minQuote) return null;
  const q = similarity(search.dmp, w.quote, text.slice(start, end));
  if (q < minQuote) return null;
  const prefixFrom = Math.max(0, start - (w.prefixAtTextStart ? CONTEXT_LENGTH : w.prefix.length));
  const suffixTo = end + (w.suffixAtTextEnd ? CONTEXT_LENGTH : w.suffix.length);
  const p = similarity(search.dmp, w.prefix, text.slice(prefixFrom, start));
  const s = similarity(search.dmp, w.suffix, text.slice(end, suffixTo));
  const distance = distanceFrom(search, start, w.oldStart);
  const position = 1 / (1 + distance / POSITION_SCALE);
  const total =
    (WEIGHTS.quote * q + WEIGHTS.prefix * p + WEIGHTS.suffix * s + WEIGHTS.position * position) /
    (WEIGHTS.quote + WEIGHTS.prefix + WEIGHTS.suffix + WEIGHTS.position);
  return { start, end, distance, quote: q, prefix: p, suffix: s, score: total };
}

function context(c: Candidate): number {
  return (c.prefix + c.suffix) / 2;
}

/**
 * The one candidate that clearly beats the others, or null. When the best ones tie (a repeated
 * passage with the same surroundings), the one nearest the old position wins only if it is at most
 * half as far as the next; otherwise nothing is guessed.
 */
function clearWinner(ranked: Candidate[]): Candidate | null {
  const best = ranked[0];
  const rivals = ranked.filter((c) => c !== best && c.score > best.score - AMBIGUITY_MARGIN && !overlaps(c, best));
  if (rivals.length === 0) return best;
  const tied = [best, ...rivals].sort((a, b) => a.distance - b.distance);
  return tied[0].distance * 2 < tied[1].distance ? tied[0] : null;
}

/**
 * Of candidates that all fit (their scores within PLAUSIBLE_MARGIN of the best), the one nearest
 * the old position, if it is at most half as far as the next: a paragraph duplicated to write a
 * variant leaves its copy further away than the original, whose words may since have been edited.
 * Otherwise the clear winner on score, if any.
 */
function nearestPlausible(ranked: Candidate[]): Candidate | null {
  const best = ranked[0];
  const close = ranked.filter((c) => c.score >= best.score - PLAUSIBLE_MARGIN).sort((a, b) => a.distance - b.distance);
  const distinct = close.filter((c, i) => !close.slice(0, i).some((o) => overlaps(o, c)));
  if (distinct.length > 1 && distinct[0].distance * 2 < distinct[1].distance) return distinct[0];
  return clearWinner(ranked);
}

/** Every exact occurrence of the quote, scored; null when there is none. */
function exactCandidates(search: Search, w: Wanted): Candidate[] {
  const { quote, prefix, suffix, expected } = w;
  const text = search.view.text;
  const index = indexOf(search);
  let starts = occurrences(index, quote, MAX_RANKED + 1);
  if (starts.length > MAX_RANKED) {
    // Ranking every occurrence of a quote like "the" for every tag on it would make a long article's anchoring quadratic.
    const before = prefix.slice(-RANKED_CONTEXT);
    const withContext = [
      ...occurrences(index, before + quote, MAX_RANKED).map((i) => i + before.length),
      ...occurrences(index, quote + suffix.slice(0, RANKED_CONTEXT), MAX_RANKED),
    ];
    starts = [...new Set(withContext)].sort((a, b) => a - b);
  }
  // A quote stored as a whole word is not looked for inside other words ("a" in "man").
  starts = starts.filter((i) => !insideAnotherWord(text, i, i + quote.length, w));
  let kept = starts;
  if (starts.length > MAX_SCORED) {
    const shared = (i: number) =>
      search.dmp.diff_commonSuffix(prefix, text.slice(Math.max(0, i - CONTEXT_LENGTH), i)) +
      search.dmp.diff_commonPrefix(suffix, text.slice(i + quote.length, i + quote.length + CONTEXT_LENGTH)) -
      Math.abs(i - expected) / Math.max(1, text.length);
    kept = starts
      .map((i) => ({ i, shared: shared(i) }))
      .sort((a, b) => b.shared - a.shared)
      .slice(0, MAX_SCORED)
      .map((x) => x.i);
  }
  return kept.map((i) => score(search, i, i + quote.length, w)).filter((c): c is Candidate => c !== null);
}

/**
 * Where an edited quote may now start. diff-match-patch's Bitap matcher takes patterns of at most
 * 32 characters, so it is only used near the old position for short quotes; elsewhere seeds come
 * from exact hits of pieces of the quote (a quote with fewer edits than pieces keeps one piece
 * intact) and of the context on either side (the quote rewritten, its surroundings not).
 */
function seedStarts(search: Search, w: Wanted): number[] {
  const { quote, prefix, suffix, expected } = w;
  const text = search.view.text;
  const seeds: number[] = [];
  const addHits = (piece: string, offsetInQuote: number) => {
    if (piece.length < 3) return;
    const hits = occurrences(indexOf(search), piece, MAX_SEED_HITS + 1);
    if (hits.length > MAX_SEED_HITS) return;
    for (const hit of hits) seeds.push(hit - offsetInQuote);
  };
  const pieceLength = Math.min(32, Math.max(4, Math.ceil(quote.length / 8)));
  for (let o = 0; o + pieceLength <= quote.length; o += pieceLength) addHits(quote.slice(o, o + pieceLength), o);
  if (quote.length > pieceLength) addHits(quote.slice(-pieceLength), quote.length - pieceLength);
  const before = prefix.slice(-16);
  addHits(before, -before.length);
  addHits(suffix.slice(0, 16), quote.length);
  if (quote.length <= search.dmp.Match_MaxBits) {
    // Bitap accepts nothing further than BITAP_REACH from `expected`; the window spares it a scan of the whole text.
    const from = Math.max(0, expected - BITAP_REACH);
    const near = search.dmp.match_main(
      text.slice(from, expected + BITAP_REACH + quote.length),
      quote,
      Math.min(expected, text.length) - from,
    );
    if (near >= 0) seeds.push(from + near);
  }
  return seeds;
}

/** Seeds within a few characters of each other are one region; the regions most seeds agree on are examined. */
function regions(seeds: number[], slack: number, expected: number): number[] {
  const sorted = seeds.filter((s) => Number.isFinite(s)).sort((a, b) => a - b);
  const groups: { at: number; votes: number }[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] - sorted[j] <= slack) j++;
    groups.push({ at: sorted[(i + j) >> 1], votes: j - i + 1 });
    i = j + 1;
  }
  return groups
    .sort((a, b) => b.votes - a.votes || Math.abs(a.at - expected) - Math.abs(b.at - expected))
    .slice(0, MAX_REGIONS)
    .map((g) => g.at);
}

/** How much of `text`, from its start, the whole of `quote` aligns with. */
function alignedLength(dmp: DiffMatchPatch, quote: string, text: string): number {
  return dmp.diff_xIndex(dmp.diff_main(quote, text, false), quote.length - 1) + 1;
}

/** Code units reversed: only lengths of the result are used, so split surrogate pairs do not matter. */
function reverse(s: string): string {
  let out = '';
  for (let i = s.length - 1; i >= 0; i--) out += s[i];
  return out;
}

/**
 * The span around a region that best matches the quote: its start from Bitap on the quote's head
 * (up to 32 characters), its end from aligning the whole quote with the text after that start, and
 * a second start from aligning it backwards from that end; the better-scoring span wins.
 */
function fuzzyCandidates(search: Search, w: Wanted): Candidate[] {
  const { quote, expected } = w;
  const text = search.view.text;
  const dmp = search.dmp;
  const slack = Math.max(8, Math.ceil(quote.length / 4));
  const head = quote.slice(0, dmp.Match_MaxBits);
  const found: Candidate[] = [];
  for (const seed of regions(seedStarts(search, w), slack, expected)) {
    const w0 = Math.max(0, seed - slack);
    const window = text.slice(w0, Math.min(text.length, seed + quote.length + slack));
    const headAt = dmp.match_main(window, head, Math.max(0, seed - w0));
    if (headAt < 0) continue;
    const headStart = w0 + headAt;
    const end = Math.min(text.length, headStart + alignedLength(dmp, quote, text.slice(headStart, headStart + quote.length + slack)));
    // Bitap may take an edit at the quote's start for a substitution; aligning backwards from the end settles it.
    const tailStart = end - alignedLength(dmp, reverse(quote), reverse(text.slice(Math.max(0, end - quote.length - slack), end)));
    for (const start of new Set([headStart, tailStart])) {
      if (end <= start || found.some((c) => c.start === start && c.end === end)) continue;
      const candidate = score(search, start, end, w, FUZZY_MIN_SIMILARITY);
      if (candidate) found.push(candidate);
    }
  }
  return found.filter((c) => context(c) >= minContext(w));
}

/** The context a match must sit in: short quotes match by chance, so theirs must be more alike. */
function minContext(w: Wanted): number {
  return w.quote.length < SHORT_QUOTE ? SHORT_QUOTE_CONTEXT : MIN_CONTEXT_SIMILARITY;
}

/** A place in the text (offsets of the text as given, not the normalized one). */
export interface Place {
  start: number;
  end: number;
}

/**
 * Where the tag's words are in the text now, and how they were found; null: orphaned. A `fuzzy` find
 * lists the other places that fit about as well (see alternatives), for the landmarks to choose among.
 */
interface Found extends Place {
  anchoring: Anchoring;
  alternatives?: Place[];
  /** The quote is there exactly, in exactly the stored context, and nowhere else is. */
  readsAsStored?: boolean;
  /** Of a `fuzzy` find, the places that read about as well and are not much further (see RIVAL_READ_MARGIN). */
  rivals?: Place[];
}

function locate(search: Search, target: TagTarget): Found | null {
  const quote = normalize(target.quote);
  if (quote.length === 0) return null;
  const w: Wanted = {
    quote,
    prefix: normalize(target.prefix),
    suffix: normalize(target.suffix),
    prefixAtTextStart: target.prefix.length < CONTEXT_LENGTH - 1,
    suffixAtTextEnd: target.suffix.length < CONTEXT_LENGTH - 1,
    oldStart: target.start,
    expected: Number.isFinite(target.start) ? Math.max(0, Math.min(Math.floor(target.start), search.view.text.length)) : 0,
  };
  const view = search.view;
  const place = (c: Candidate): Place => ({ start: toOriginal(view, c.start), end: toOriginal(view, c.end) });
  const back = (c: Candidate, anchoring: Anchoring): Found => ({ ...place(c), anchoring });

  const byScore = (a: Candidate, b: Candidate) => b.score - a.score;
  const exact = exactCandidates(search, w).sort(byScore);
  const best = exact[0];
  // A long quote found exactly once is worth a review even where its surroundings were rewritten (a sentence moved).
  const plausible = exact.filter(
    (c) =>
      context(c) >= MIN_CONTEXT_SIMILARITY ||
      (exact.length === 1 && w.quote.length >= DISTINCTIVE_QUOTE && context(c) >= DISTINCTIVE_CONTEXT),
  );
  // Still in place but for line endings: the one occurrence in the very same context no further from the old offset than
  // a changed line ending per line above it can have moved it (mixed line endings converted). The stored offset counted
  // the CRs above the tag, the normalized text none: it is after the place in the normalized text, never before it. A
  // place that line endings cannot explain (a copy a few characters after the stored offset, moved there by an edit) is
  // certain only with no other copy of the quote fitting about as well and surroundings found nowhere else.
  const intact = exact.filter((c) => context(c) === 1 && c.distance <= countBelow(search.lineFeeds ?? [], c.start));
  if (
    intact.length === 1 &&
    (shiftedByLineEndings(search, intact[0].start, w.oldStart) ||
      (!hasRival(intact[0], exact, w.quote.length >= SHORT_QUOTE ? exact : []) && !surroundingsRepeat(search, intact[0], w)))
  )
    return back(intact[0], 'moved');
  const candidates = [...plausible, ...fuzzyCandidates(search, w)]
    .filter((c, i, all) => all.findIndex((o) => o.start === c.start && o.end === c.end) === i)
    .sort(byScore);
  if (
    best &&
    context(best) >= CERTAIN_CONTEXT &&
    !hasRival(best, candidates, w.quote.length >= SHORT_QUOTE ? exact : []) &&
    !surroundingsRepeat(search, best, w)
  )
    return back(best, 'moved');
  // Not certain: the exact occurrences compete with approximate matches, and whatever wins is for review.
  const winner = candidates.length ? nearestPlausible(candidates) : null;
  if (!winner) return null;
  const readsAsStored = winner.quote === 1 && context(winner) === 1 && !exact.some((c) => !overlaps(c, winner) && context(c) === 1);
  // The one place that reads exactly as stored has no rival that reads as well.
  const rivals = readsAsStored
    ? []
    : candidates.filter(
        (c) =>
          !overlaps(c, winner) &&
          reads(c) >= reads(winner) - RIVAL_READ_MARGIN &&
          c.distance < RIVAL_DISTANCE * Math.max(1, winner.distance),
      );
  return { ...back(winner, 'fuzzy'), alternatives: alternatives(winner, candidates).map(place), readsAsStored, rivals: rivals.map(place) };
}

/** How well a candidate's quote and context read as the stored ones, weighted as in its score, its position left out. */
function reads(c: Candidate): number {
  return (
    (WEIGHTS.quote * c.quote + WEIGHTS.prefix * c.prefix + WEIGHTS.suffix * c.suffix) / (WEIGHTS.quote + WEIGHTS.prefix + WEIGHTS.suffix)
  );
}

/** The places other than the winner that fit about as well (within PLAUSIBLE_MARGIN of its score), one per span of text. */
function alternatives(winner: Candidate, candidates: Candidate[]): Candidate[] {
  const others: Candidate[] = [];
  for (const c of candidates)
    if (c.score >= winner.score - PLAUSIBLE_MARGIN && !overlaps(c, winner) && !others.some((o) => overlaps(o, c))) others.push(c);
  return others;
}

/**
 * Whether another place comes near enough the best exact occurrence to make it uncertain: a candidate
 * (exact, or an approximate match: the tag's own words with a typo, beside an intact copy of them)
 * scoring within PLAUSIBLE_MARGIN of it, or any other exact occurrence of a quote long enough not to
 * repeat by chance (a copied paragraph whose surroundings changed).
 */
function hasRival(best: Candidate, candidates: Candidate[], otherCopies: Candidate[]): boolean {
  return [...candidates.filter((c) => c.score >= best.score - PLAUSIBLE_MARGIN), ...otherCopies].some((c) => !overlaps(c, best));
}

/** Characters of the stored context next to the quote looked for elsewhere (see surroundingsRepeat). */
const SURROUNDING_PIECE = 16;

/**
 * Whether the words just before or just after the quote's stored place occur elsewhere too: a passage
 * copied, then one copy edited, leaves two places that read alike, and which one held the tag is a guess.
 */
function surroundingsRepeat(search: Search, best: Candidate, w: Wanted): boolean {
  const pieces: [string, number][] = [
    [w.prefix.slice(-SURROUNDING_PIECE), best.start - Math.min(SURROUNDING_PIECE, w.prefix.length)],
    [w.suffix.slice(0, SURROUNDING_PIECE), best.end],
  ];
  return pieces.some(([piece, own]) => {
    if (piece.length < SURROUNDING_PIECE) return false;
    let elsewhere = false;
    forEachOccurrence(indexOf(search), piece, (i) => {
      elsewhere = i !== own;
      return !elsewhere;
    });
    return elsewhere;
  });
}

function overlaps(a: Candidate, b: Candidate): boolean {
  return a.end > b.start && a.start < b.end;
}

function isOffset(n: number, text: string): boolean {
  return Number.isInteger(n) && n >= 0 && n <= text.length;
}

/**
 * Claim parts move with their tag when their words are still the same distance away; otherwise
 * they are looked for inside the tag's new span, and dropped (they are the detector's guess) if absent.
 */
function relocateClaim(claim: ClaimParts, text: string, delta: number, target: TagTarget): ClaimParts {
  const relocate = (span: Span): Span | null => {
    if (text.slice(span.start + delta, span.end + delta) === span.text && span.text !== '') {
      return delta === 0 ? span : { ...span, start: span.start + delta, end: span.end + delta };
    }
    const at = span.text === '' ? -1 : target.quote.indexOf(span.text);
    return at < 0 ? null : { start: target.start + at, end: target.start + at + span.text.length, text: span.text };
  };
  return {
    source: claim.source && relocate(claim.source),
    cue: claim.cue && relocate(claim.cue),
    hedges: claim.hedges.map(relocate).filter((s): s is Span => s !== null),
    ...(claim.resolvedSource !== undefined && { resolvedSource: claim.resolvedSource && relocate(claim.resolvedSource) }),
    ...(claim.content !== undefined && { content: claim.content && relocate(claim.content) }),
    ...(claim.checkWorthiness !== undefined && { checkWorthiness: claim.checkWorthiness }),
  };
}

/**
 * The quote is still at its stored offset in a context as like the stored one as a certain move needs
 * (CERTAIN_CONTEXT), or with one side exactly as stored: that is its place. With its surroundings much
 * rewritten it is looked for like any other tag (the stored offset still counts there), as the same
 * words may have shifted there by chance after its own paragraph went: a place kept for certain would
 * also mislead the tags that take it as a landmark.
 */
function stillInContext(search: () => Search, text: string, target: TagTarget): boolean {
  const { start, end, prefix, suffix } = target;
  // A context cut short by the edge of its text is compared over a full one: a tag that ended the text no longer does.
  const before = text.slice(Math.max(0, start - (prefix.length < CONTEXT_LENGTH - 1 ? CONTEXT_LENGTH : prefix.length)), start);
  const after = text.slice(end, end + (suffix.length < CONTEXT_LENGTH - 1 ? CONTEXT_LENGTH : suffix.length));
  if (before === prefix && after === suffix) return true;
  const { dmp } = search();
  const sides = [similarity(dmp, normalize(prefix), normalize(before)), similarity(dmp, normalize(suffix), normalize(after))];
  const alike = (sides[0] + sides[1]) / 2;
  // One side exactly as stored, as well as the quote at its very offset, is no coincidence: the other side was rewritten.
  return alike >= CERTAIN_CONTEXT || (sides.includes(1) && alike >= MIN_CONTEXT_SIMILARITY);
}

const WORD_CHARACTER = /[\p{L}\p{N}]/u;

/**
 * Whether the quote, stored with a word's edge on a side, now has a letter or digit beside it there: a
 * few characters deleted before a tag on "a" leave the "a" of "man" at its stored offset.
 */
function insideAnotherWord(text: string, start: number, end: number, stored: { quote: string; prefix: string; suffix: string }): boolean {
  const { quote, prefix, suffix } = stored;
  const joined = (stored: string, now: string, edge: string) =>
    WORD_CHARACTER.test(edge) && WORD_CHARACTER.test(now) && !WORD_CHARACTER.test(stored);
  return (
    joined(prefix.slice(-1), text.charAt(start - 1), quote.charAt(0)) ||
    joined(suffix.charAt(0), text.charAt(end), quote.charAt(quote.length - 1))
  );
}

/** A tag's place on the text now, as the first reading found it, and whether it was in place. */
interface Reading {
  tag: Tag;
  inPlace: boolean;
  /** Of a `fuzzy` placement, the other places that fit about as well. */
  alternatives: Place[];
  readsAsStored: boolean;
  rivalled: boolean;
}

function readTag(tag: Tag, text: string, search: () => Search): Reading {
  const { start, end, quote } = tag.target;
  const inPlace =
    isOffset(start, text) &&
    isOffset(end, text) &&
    end > start &&
    text.slice(start, end) === quote &&
    !insideAnotherWord(text, start, end, tag.target) &&
    stillInContext(search, text, tag.target);
  // In place, a tag keeps how it was last found, as the editor's shifts do: anchoring its own result again changes
  // nothing, so a reopened workspace never rewrites a sidecar. A fuzzy anchor stays marked until the researcher reviews it.
  const found: Found | null = inPlace
    ? { start, end, anchoring: tag.anchoring === 'orphaned' ? ('exact' as const) : tag.anchoring }
    : locate(search(), tag.target);
  return {
    tag: placed(tag, text, found),
    inPlace,
    alternatives: found?.alternatives ?? [],
    readsAsStored: found?.readsAsStored ?? false,
    rivalled: (found?.rivals?.length ?? 0) > 0,
  };
}

function placed(tag: Tag, text: string, found: Found | null): Tag {
  if (!found) return tag.anchoring === 'orphaned' ? tag : { ...tag, anchoring: 'orphaned' };
  const anchored = withTarget(tag, targetAt(text, found.start, found.end), found.anchoring);
  if (!anchored.claim || anchored === tag) return anchored;
  return { ...anchored, claim: relocateClaim(anchored.claim, text, anchored.target.start - tag.target.start, anchored.target) };
}

/**
 * How far from where its nearest landmark's shift puts it a `moved` placement may be and still be
 * certain (plus a unit per line between them, for a change of line endings). Tuned on PolNeAR training articles.
 */
const LANDMARK_SLACK = 3;

/** Where a certain placement (in place, or `moved`) of a quote too long to be there by chance took a tag: old offset → new offset. */
interface Landmark {
  old: number;
  /** The stored end. */
  oldEnd: number;
  now: number;
  /** The tag's index in anchorTags' list. */
  tag: number;
}

/**
 * The certain placement stored nearest before a tag's stored offset (else nearest after it; among
 * several at one offset, the first tag), `self` left out: the tag's words are now where its stored
 * offset lands shifted as that landmark's was, as edits elsewhere (a paragraph deleted above, one
 * copied) move every offset after them, which the stored offset alone does not know. Undefined when no
 * other tag was placed for certain. `landmarks` are sorted by stored offset, then tag: a binary search,
 * as every tag of a long article may ask.
 */
function nearestLandmark(old: number, landmarks: readonly Landmark[], self: number): Landmark | undefined {
  const after = lowerBound(landmarks.length, (k) => landmarks[k].old <= old);
  let last = after - 1;
  while (last >= 0 && landmarks[last].tag === self) last--;
  if (last >= 0) {
    let first = last;
    while (first > 0 && landmarks[first - 1].old === landmarks[last].old) first--;
    while (landmarks[first].tag === self) first++;
    return landmarks[first];
  }
  return landmarkAfter(old, landmarks, self);
}

/** The certain placement stored nearest after a tag's stored offset (the first tag among several there), `self` left out. */
function landmarkAfter(old: number, landmarks: readonly Landmark[], self: number): Landmark | undefined {
  let next = lowerBound(landmarks.length, (k) => landmarks[k].old <= old);
  while (next < landmarks.length && landmarks[next].tag === self) next++;
  return landmarks[next];
}

/**
 * Whether a place (its start `now`) is where the stored offset is, or where a landmark's shift puts the
 * stored offset: no coincidence, unlike a place that is merely the nearest of two that read alike.
 */
function explainedPlace(now: number, old: number, text: string, landmarks: readonly (Landmark | undefined)[]): boolean {
  if (Math.abs(now - old) <= LANDMARK_SLACK) return true;
  return landmarks.some(
    (l) => l !== undefined && Math.abs(now - (old + l.now - l.old)) <= LANDMARK_SLACK + lineFeedsBetween(text, l.now, now),
  );
}

/** Line feeds in text[from, to) (either order): a change of line endings shifts a place by at most one per line. */
function lineFeedsBetween(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', Math.min(from, to)); i >= 0 && i < Math.max(from, to); i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/**
 * Neighbours on each side that must have moved alike (see shiftedAsNeighbours). Tuned on PolNeAR
 * training articles: with one a side, a copy's neighbours often vouched for it.
 */
const NEIGHBOURS = 2;

/**
 * Whether the tags stored nearest before and after this one, each on a place that reads exactly as
 * stored, moved by the same amount as this one (now at `now`): a list of near-identical lines after a
 * paragraph written on top has lookalikes of every tag elsewhere, which alone leave each tag only
 * `fuzzy`, while a passage copied and its original edited shifts the copy alone. Only neighbours whose
 * stored context does not reach this one's count: one edit of the original spoils the context of every
 * tag around it, and those would all vouch for the copy.
 */
function shiftedAsNeighbours(stored: TagTarget, now: number, shifts: readonly Landmark[], text: string): boolean {
  const neighbours: Landmark[] = [];
  let from = stored.start;
  let before = lowerBound(shifts.length, (k) => shifts[k].old < from - CONTEXT_LENGTH) - 1;
  for (let n = 0; n < NEIGHBOURS; n++) {
    while (before >= 0 && shifts[before].oldEnd + CONTEXT_LENGTH > from - CONTEXT_LENGTH) before--;
    if (before < 0) return false;
    neighbours.push(shifts[before]);
    from = shifts[before].old;
  }
  let to = stored.end;
  for (let n = 0; n < NEIGHBOURS; n++) {
    const next = lowerBound(shifts.length, (k) => shifts[k].old - CONTEXT_LENGTH < to + CONTEXT_LENGTH);
    if (next >= shifts.length) return false;
    neighbours.push(shifts[next]);
    to = shifts[next].oldEnd;
  }
  const old = stored.start;
  return neighbours.every((n) => Math.abs(n.now - n.old - (now - old)) <= LANDMARK_SLACK + lineFeedsBetween(text, n.now, now));
}

/**
 * Of a `fuzzy` placement and the places that fit about as well (a paragraph and its copy), the only one
 * where the landmark stored before the tag puts its words, if any (still `fuzzy`): edits above both
 * copies move them alike, a copy pasted after its original does not move what comes before it. A
 * landmark after the tag says nothing here, as the copy may lie between. Tuned on PolNeAR training articles.
 */
function placeOfLandmark(reading: Reading, tag: Tag, text: string, landmark: Landmark): Tag {
  if (reading.alternatives.length === 0 || landmark.old > tag.target.start) return reading.tag;
  const expected = tag.target.start + landmark.now - landmark.old;
  const fits = [reading.tag.target, ...reading.alternatives].filter(
    (p) => Math.abs(p.start - expected) <= LANDMARK_SLACK + lineFeedsBetween(text, landmark.now, p.start),
  );
  return fits.length === 1 && fits[0] !== reading.tag.target ? placed(tag, text, { ...fits[0], anchoring: 'fuzzy' }) : reading.tag;
}

function newSearch(text: string): Search {
  const dmp = new DiffMatchPatch();
  // No time limit: a diff cut short by a busy machine would score differently, and anchoring must
  // give the same answer every time. The strings compared are a quote and its context.
  dmp.Diff_Timeout = 0;
  return { view: lfView(text), dmp };
}

/**
 * The places of `text` where an orphan's stored quote and context fit, best first: the place anchoring
 * would have taken, then those that fit about as well (a paragraph and its copy), one per span of text.
 * Empty when nothing fits. Anchoring orphans a tag rather than guess between such places; the researcher
 * re-attaches it to one of them in one step. Worked out from the tag's stored target when asked, so the
 * sidecar stores no more than before.
 */
export function candidatePlaces(tag: Tag, text: string): Place[] {
  const found = locate(newSearch(text), tag.target);
  if (!found) return [];
  const places: Place[] = [];
  for (const p of [found, ...(found.rivals ?? []), ...(found.alternatives ?? [])])
    if (!places.some((o) => o.end > p.start && o.start < p.end)) places.push({ start: p.start, end: p.end });
  return places;
}

/**
 * The "changed on disk" path, in the way Hypothesis anchors annotations on changed pages: each
 * tag is put back at its stored position if its quote is still there (`exact`), else at the exact
 * occurrence of its quote with the best prefix and suffix (`moved`), else at an approximate match
 * above FUZZY_MIN_SIMILARITY in a matching context (`fuzzy`, for the researcher to review), else it
 * is `orphaned` and keeps its last known target. When candidates are weak or too close to call, the
 * tag is orphaned rather than guessed. Line endings do not count: a quote with CRLF is found in a
 * text with LF and the other way round. Offsets outside the text are bad input and only mean the
 * quote is searched for. `text` is the article without BOM, as everywhere. No tag is ever dropped.
 *
 * The tags placed for certain are landmarks: the others are looked for again where their stored
 * offset lands once shifted as their nearest landmark's was, and a `moved` placement the second
 * reading does not confirm is only `fuzzy`. A `fuzzy` one with rivals (a paragraph and its copy) takes
 * the one place where the landmark before it points; where none does and a rival reads about as well, it is
 * orphaned unless its place is where the stored offset or a landmark puts it (see RIVAL_READ_MARGIN and
 * candidatePlaces). One that reads exactly as stored is `moved` when its neighbours moved alike (see
 * shiftedAsNeighbours). Strings are looked up in an index of the text,
 * so that anchoring stays near-linear when every tag of a long article moved.
 */
export function anchorTags(tags: readonly Tag[], text: string): Tag[] {
  let search: Search | undefined;
  const lazySearch = () => (search ??= newSearch(text));
  const first = tags.map((tag) => readTag(tag, text, lazySearch));
  const landmarks = first
    .flatMap(({ tag }, i): Landmark[] =>
      (tag.anchoring === 'exact' || tag.anchoring === 'moved') &&
      tag.target.quote.length >= SHORT_QUOTE &&
      Number.isFinite(tags[i].target.start)
        ? [{ old: tags[i].target.start, oldEnd: tags[i].target.end, now: tag.target.start, tag: i }]
        : [],
    )
    .sort((a, b) => a.old - b.old || a.tag - b.tag);
  const shifts = first
    .flatMap((reading, i): Landmark[] =>
      (reading.tag.anchoring === 'exact' || reading.tag.anchoring === 'moved' || reading.readsAsStored) &&
      reading.tag.target.quote.length >= SHORT_QUOTE &&
      Number.isFinite(tags[i].target.start)
        ? [{ old: tags[i].target.start, oldEnd: tags[i].target.end, now: reading.tag.target.start, tag: i }]
        : [],
    )
    .sort((a, b) => a.old - b.old || a.tag - b.tag);
  return first.map((reading, i) => {
    const tag = tags[i];
    if (reading.inPlace || !Number.isFinite(tag.target.start)) return reading.tag;
    if (reading.readsAsStored && shiftedAsNeighbours(tag.target, reading.tag.target.start, shifts, text))
      return withTarget(reading.tag, reading.tag.target, 'moved');
    // With no tag placed for certain, an orphan follows the shift of the nearest that reads exactly as stored.
    const landmark =
      nearestLandmark(tag.target.start, landmarks, i) ??
      (reading.tag.anchoring === 'orphaned' ? nearestLandmark(tag.target.start, shifts, i) : undefined);
    if (reading.tag.anchoring === 'fuzzy') {
      const chosen = landmark ? placeOfLandmark(reading, tag, text, landmark) : reading.tag;
      if (chosen !== reading.tag || !reading.rivalled) return chosen;
      const explained = explainedPlace(chosen.target.start, tag.target.start, text, [
        landmark,
        landmarkAfter(tag.target.start, landmarks, i),
      ]);
      return explained ? chosen : placed(tag, text, null);
    }
    if (!landmark) return reading.tag;
    const start = tag.target.start + landmark.now - landmark.old;
    // Words that went elsewhere than the text around them did are for review.
    const slack = LANDMARK_SLACK + lineFeedsBetween(text, landmark.now, reading.tag.target.start);
    if (reading.tag.anchoring === 'moved')
      return Math.abs(reading.tag.target.start - start) > slack ? withTarget(reading.tag, reading.tag.target, 'fuzzy') : reading.tag;
    if (start === tag.target.start) return reading.tag;
    const again = locate(lazySearch(), { ...tag.target, start, end: start + tag.target.quote.length });
    const second = placed(tag, text, again);
    // An orphan takes what the second reading found, for review.
    return second.anchoring === 'moved' ? withTarget(second, second.target, 'fuzzy') : second;
  });
}
