// Word clusters learned from unlabelled news text, for the entity tagger (features.ts, WordClusters):
// words that occur between the same neighbours fall in one cluster, so a name never seen in CoNLL
// ("Norilsk") is read like the names it keeps company with. A cheap stand-in for Brown clusters
// (Ratinov & Roth 2009): each word's left and right neighbours among the most frequent words,
// weighted by positive pointwise mutual information, grouped by spherical k-means twice: fine
// clusters, and coarse ones (each fine cluster belongs to the coarse cluster most of its words are in).

/** Words seen fewer times have too little context to place. */
const MIN_COUNT = 3;
/** At most this many words get a cluster (the most frequent). */
const MAX_WORDS = 60_000;
/** The neighbours that describe a word: the most frequent words (all others are one "other" neighbour). */
const CONTEXT_WORDS = 600;
const ITERATIONS = 12;

export interface ClusterOptions {
  fine: number;
  coarse: number;
  seed?: number;
}

export interface LearnedClusters {
  /** Each fine cluster's words, one cluster a line (line i is cluster i), space-separated. */
  lines: string[];
  /** The coarse cluster of each fine one. */
  groups: number[];
}

/** A random generator with a seed, so runs are repeatable. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Sparse rows: for row r, indices and values in [starts[r], starts[r + 1]). */
interface SparseRows {
  starts: Int32Array;
  indices: Int32Array;
  values: Float32Array;
  width: number;
}

/**
 * Clusters of the words of `documents` (each a list of lowercase words in reading order). Words
 * with spaces are not kept (the model stores clusters space-separated).
 */
export function learnClusters(documents: Iterable<readonly string[]>, options: ClusterOptions): LearnedClusters {
  const counts = new Map<string, number>();
  const docs: (readonly string[])[] = [];
  for (const words of documents) {
    docs.push(words);
    for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  const byFrequency = [...counts].filter(([w]) => !/\s/.test(w)).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const vocabulary = byFrequency
    .filter(([, c]) => c >= MIN_COUNT)
    .slice(0, MAX_WORDS)
    .map(([w]) => w);
  const rowOf = new Map(vocabulary.map((w, i) => [w, i]));
  const contextOf = new Map(byFrequency.slice(0, CONTEXT_WORDS).map(([w], i) => [w, i]));
  const other = CONTEXT_WORDS;
  // Dimensions: left neighbour (0..CONTEXT_WORDS, the last "other" or the document's edge), then right.
  const width = 2 * (CONTEXT_WORDS + 1);
  const cells = vocabulary.map(() => new Map<number, number>());
  for (const words of docs)
    for (let i = 0; i < words.length; i++) {
      const row = rowOf.get(words[i]);
      if (row === undefined) continue;
      const left = i > 0 ? (contextOf.get(words[i - 1]) ?? other) : other;
      const right = i + 1 < words.length ? (contextOf.get(words[i + 1]) ?? other) : other;
      const cell = cells[row];
      cell.set(left, (cell.get(left) ?? 0) + 1);
      cell.set(CONTEXT_WORDS + 1 + right, (cell.get(CONTEXT_WORDS + 1 + right) ?? 0) + 1);
    }
  const rows = ppmiRows(cells, width);
  const fine = sphericalKMeans(rows, Math.min(options.fine, vocabulary.length), seeded(options.seed ?? 7));
  const coarse = sphericalKMeans(rows, Math.min(options.coarse, vocabulary.length), seeded((options.seed ?? 7) + 1));
  // A fine cluster's coarse cluster: the one most of its words fall in.
  const votes = fine.centres.map(() => new Int32Array(coarse.centres.length));
  vocabulary.forEach((_, i) => votes[fine.assignment[i]][coarse.assignment[i]]++);
  const groups = votes.map((v) => v.indexOf(Math.max(...v)));
  const lines = fine.centres.map(() => [] as string[]);
  vocabulary.forEach((w, i) => lines[fine.assignment[i]].push(w));
  return { lines: lines.map((words) => words.join(' ')), groups };
}

/** Counts as positive pointwise mutual information, each row scaled to length 1. */
function ppmiRows(cells: readonly Map<number, number>[], width: number): SparseRows {
  const columnTotals = new Float64Array(width);
  let total = 0;
  for (const cell of cells)
    for (const [d, c] of cell) {
      columnTotals[d] += c;
      total += c;
    }
  const starts = new Int32Array(cells.length + 1);
  const indices: number[] = [];
  const values: number[] = [];
  cells.forEach((cell, r) => {
    let rowTotal = 0;
    for (const c of cell.values()) rowTotal += c;
    const from = indices.length;
    let norm = 0;
    for (const [d, c] of [...cell].sort((a, b) => a[0] - b[0])) {
      const pmi = Math.log((c * total) / (rowTotal * columnTotals[d]));
      if (pmi <= 0) continue;
      indices.push(d);
      values.push(pmi);
      norm += pmi * pmi;
    }
    norm = Math.sqrt(norm) || 1;
    for (let k = from; k < values.length; k++) values[k] /= norm;
    starts[r + 1] = indices.length;
  });
  return { starts, indices: Int32Array.from(indices), values: Float32Array.from(values), width };
}

/**
 * Spherical k-means (cosine similarity) over unit-length rows: k centres started on rows chosen
 * far from the centres so far (k-means++ on 1 - cosine), then ITERATIONS rounds of assigning and
 * re-centring. A centre left without rows keeps its place.
 */
export function sphericalKMeans(rows: SparseRows, k: number, random: () => number): { assignment: Int32Array; centres: Float32Array[] } {
  const n = rows.starts.length - 1;
  const { starts, indices, values, width } = rows;
  const dot = (r: number, centre: Float32Array): number => {
    let s = 0;
    for (let j = starts[r]; j < starts[r + 1]; j++) s += values[j] * centre[indices[j]];
    return s;
  };
  const rowAsCentre = (r: number): Float32Array => {
    const c = new Float32Array(width);
    for (let j = starts[r]; j < starts[r + 1]; j++) c[indices[j]] = values[j];
    return c;
  };
  const centres: Float32Array[] = [rowAsCentre(Math.floor(random() * n))];
  const distance = new Float64Array(n).fill(Infinity);
  while (centres.length < k) {
    const last = centres[centres.length - 1];
    let sum = 0;
    for (let r = 0; r < n; r++) {
      distance[r] = Math.min(distance[r], Math.max(0, 1 - dot(r, last)));
      sum += distance[r];
    }
    let pick = random() * sum;
    let chosen = n - 1;
    for (let r = 0; r < n; r++) {
      pick -= distance[r];
      if (pick <= 0) {
        chosen = r;
        break;
      }
    }
    centres.push(rowAsCentre(chosen));
  }
  const assignment = new Int32Array(n);
  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    for (let r = 0; r < n; r++) {
      let best = 0;
      let bestScore = -Infinity;
      for (let c = 0; c < k; c++) {
        const s = dot(r, centres[c]);
        if (s > bestScore) {
          bestScore = s;
          best = c;
        }
      }
      assignment[r] = best;
    }
    const sums = centres.map(() => new Float32Array(width));
    const sizes = new Int32Array(k);
    for (let r = 0; r < n; r++) {
      const sum = sums[assignment[r]];
      sizes[assignment[r]]++;
      for (let j = starts[r]; j < starts[r + 1]; j++) sum[indices[j]] += values[j];
    }
    for (let c = 0; c < k; c++) {
      if (!sizes[c]) continue;
      let norm = 0;
      for (let d = 0; d < width; d++) norm += sums[c][d] * sums[c][d];
      norm = Math.sqrt(norm) || 1;
      for (let d = 0; d < width; d++) sums[c][d] /= norm;
      centres[c] = sums[c];
    }
  }
  return { assignment, centres };
}
