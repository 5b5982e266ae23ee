/**
 * Where a string occurs in a text, without scanning the whole text for each string: every position is
 * filed once under a hash of the three code units starting there, and a string is looked up under its
 * rarest three units, each position of that bucket checked. Anchoring looks up a few strings per tag
 * (its quote, pieces of it, its surroundings), and a long article's tags all move when a paragraph is
 * written on top of it: one scan of the text per lookup made that quadratic in the article's length.
 */
export interface OccurrenceIndex {
  text: string;
  /** Hash bucket → the first index into `positions` of its positions; bucket b's run ends at starts[b + 1]. */
  starts: Int32Array;
  /** Every position at which a full gram starts, grouped by bucket, ascending within one. */
  positions: Int32Array;
  mask: number;
}

const GRAM = 3;

function gramHash(text: string, at: number, mask: number): number {
  return (
    (Math.imul(text.charCodeAt(at), 0x9e3779b1) ^ Math.imul(text.charCodeAt(at + 1), 0x85ebca6b) ^ (text.charCodeAt(at + 2) * 31)) & mask
  );
}

/** Linear in the text's length: a counting sort of its positions by hash. */
export function occurrenceIndex(text: string): OccurrenceIndex {
  const grams = Math.max(0, text.length - GRAM + 1);
  let size = 1024;
  while (size < grams) size *= 2;
  const mask = size - 1;
  const hashes = new Int32Array(grams);
  const starts = new Int32Array(size + 1);
  for (let i = 0; i < grams; i++) {
    hashes[i] = gramHash(text, i, mask);
    starts[hashes[i] + 1]++;
  }
  for (let b = 0; b < size; b++) starts[b + 1] += starts[b];
  const next = starts.slice(0, size);
  const positions = new Int32Array(grams);
  for (let i = 0; i < grams; i++) positions[next[hashes[i]]++] = i;
  return { text, starts, positions, mask };
}

/**
 * Calls `visit` with each start of `s` in the text, ascending (overlapping ones included), until it
 * returns false. Work: the positions of the rarest bucket among `s`'s three-unit grams (strings shorter
 * than that are scanned for).
 */
export function forEachOccurrence(index: OccurrenceIndex, s: string, visit: (start: number) => boolean): void {
  const { text, starts, positions, mask } = index;
  if (s.length === 0) return;
  if (s.length < GRAM) {
    for (let i = text.indexOf(s); i >= 0; i = text.indexOf(s, i + 1)) if (!visit(i)) return;
    return;
  }
  let rarest = 0;
  let rarestBucket = gramHash(s, 0, mask);
  for (let o = 1; o + GRAM <= s.length; o++) {
    const bucket = gramHash(s, o, mask);
    if (starts[bucket + 1] - starts[bucket] < starts[rarestBucket + 1] - starts[rarestBucket]) {
      rarest = o;
      rarestBucket = bucket;
    }
  }
  for (let k = starts[rarestBucket]; k < starts[rarestBucket + 1]; k++) {
    const start = positions[k] - rarest;
    if (start >= 0 && start + s.length <= text.length && text.startsWith(s, start) && !visit(start)) return;
  }
}

/** Every start of `s` in the text, ascending; at most `limit` of them (the first ones). */
export function occurrences(index: OccurrenceIndex, s: string, limit = Infinity): number[] {
  const found: number[] = [];
  forEachOccurrence(index, s, (start) => {
    found.push(start);
    return found.length < limit;
  });
  return found;
}
