import type { CueLexicon } from './claims';
import {
  commonWords,
  compileClusters,
  compileGazetteer,
  FEATURE_VERSION,
  FEATURES_PER_TOKEN,
  type ClusterLists,
  type GazetteerLists,
  type WordLists,
} from './features';

/**
 * The entity tagger's weights and its decoder. An averaged structured perceptron over BILOU tags:
 * emission weights per (hashed feature bucket, tag), quantized to int16 with one scale, and a
 * transition matrix; Viterbi decoding under the BILOU constraints.
 *
 * File layout (little-endian), written by scripts/train-ner.ts:
 *   "SAD1" | u32 header length | header JSON (UTF-8) | zero padding to 4 bytes
 *   | f32 transitions[(tags + 1) * tags] (row `tags` is the sentence start)
 *   | i16 emissions[buckets * tags]
 */

/** The header of the weights file; `extra` carries what the claim finder learned (cue words). */
export interface ModelHeader {
  featureVersion: number;
  tags: string[];
  buckets: number;
  scale: number;
  /** What the claim finder learned from PolNeAR: attribution cue words and phrases with P(cue | words). */
  cues?: CueLexicon;
  /** Words usually written in lowercase, space-separated (see features.ts, CommonWords). */
  commonWords: string;
  /** Places, nationalities, first names and companies, one entry a line (see features.ts, Gazetteer). */
  gazetteer?: GazetteerLists;
  /** Word clusters learned from unlabelled news (see features.ts, WordClusters). */
  clusters?: ClusterLists;
}

export interface TaggerModel {
  header: ModelHeader;
  transitions: Float32Array;
  emissions: Int16Array;
}

const MAGIC = 'SAD1';

/** The word lists the features read, built from the model's header (once per model). */
export function wordListsOf(header: ModelHeader): WordLists {
  return {
    common: commonWords(header.commonWords.split(' ')),
    gazetteer: compileGazetteer(header.gazetteer),
    clusters: compileClusters(header.clusters),
  };
}

export function encodeModel(model: TaggerModel): Uint8Array {
  const { out, view, headerEnd } = withFileHeader(
    MAGIC,
    model.header,
    (at) => at + model.transitions.length * 4 + model.emissions.length * 2,
  );
  model.transitions.forEach((v, i) => view.setFloat32(headerEnd + i * 4, v, true));
  const emStart = headerEnd + model.transitions.length * 4;
  model.emissions.forEach((v, i) => view.setInt16(emStart + i * 2, v, true));
  return out;
}

/**
 * Reads a weights file, without copying the emission table when the bytes are aligned (and the
 * platform little-endian, as every one the extension runs on is). Throws on a file it cannot use.
 */
export function decodeModel(bytes: Uint8Array): TaggerModel {
  const { header, view, headerEnd: start } = readFileHeader<ModelHeader>(bytes, MAGIC, 'not a Source Annotator model file');
  if (header.featureVersion !== FEATURE_VERSION)
    throw new Error(`model features v${header.featureVersion}, detector expects v${FEATURE_VERSION}`);
  const tags = header.tags.length;
  const transitions = new Float32Array((tags + 1) * tags);
  for (let i = 0; i < transitions.length; i++) transitions[i] = view.getFloat32(start + i * 4, true);
  const emStart = start + transitions.length * 4;
  const count = header.buckets * tags;
  if (bytes.length < emStart + count * 2) throw new Error('model file is truncated');
  const emissions =
    (bytes.byteOffset + emStart) % 2 === 0
      ? new Int16Array(bytes.buffer, bytes.byteOffset + emStart, count)
      : new Int16Array(bytes.slice(emStart, emStart + count * 2).buffer);
  return { header, transitions, emissions };
}

/**
 * A weights file's start: four magic bytes, the u32 length of the JSON header, the header, padding
 * to 4 bytes; `sizeAfter` gives the file's whole length from where the body starts (headerEnd).
 */
export function withFileHeader(
  magic: string,
  header: unknown,
  sizeAfter: (headerEnd: number) => number,
): { out: Uint8Array; view: DataView; headerEnd: number } {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const headerEnd = align4(8 + json.length);
  const out = new Uint8Array(sizeAfter(headerEnd));
  const view = new DataView(out.buffer);
  out.set(new TextEncoder().encode(magic), 0);
  view.setUint32(4, json.length, true);
  out.set(json, 8);
  return { out, view, headerEnd };
}

/** The header of a file withFileHeader began, and where its body starts; throws `notThis` on other bytes. */
export function readFileHeader<H>(bytes: Uint8Array, magic: string, notThis: string): { header: H; view: DataView; headerEnd: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 8 || new TextDecoder().decode(bytes.subarray(0, 4)) !== magic) throw new Error(notThis);
  const length = view.getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))) as H;
  return { header, view, headerEnd: align4(8 + length) };
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

/** BILOU tags for the CoNLL types: O, then B-, I-, L-, U- of each type. */
export function bilouTags(types: readonly string[]): string[] {
  return ['O', ...types.flatMap((t) => ['B', 'I', 'L', 'U'].map((p) => `${p}-${t}`))];
}

/** allowed[prev * tags + next]; prev === tags is the sentence start. */
export function allowedTransitions(tags: readonly string[]): Uint8Array {
  const n = tags.length;
  const allowed = new Uint8Array((n + 1) * n);
  for (let prev = 0; prev <= n; prev++) {
    const p = prev === n ? 'O' : tags[prev];
    for (let next = 0; next < n; next++) {
      const q = tags[next];
      const open = p[0] === 'B' || p[0] === 'I';
      const ok = open ? (q[0] === 'I' || q[0] === 'L') && q.slice(2) === p.slice(2) : q === 'O' || q[0] === 'B' || q[0] === 'U';
      allowed[prev * n + next] = ok ? 1 : 0;
    }
  }
  return allowed;
}

/** Tags that may end a sentence (not inside an open span). */
export function finalAllowed(tags: readonly string[]): Uint8Array {
  return Uint8Array.from(tags, (t) => (t[0] === 'B' || t[0] === 'I' ? 0 : 1));
}

/** The weight-table offsets of one token's features. */
const featureRows = new Int32Array(FEATURES_PER_TOKEN);

/**
 * A bit per bucket of a weight table, set where the bucket's row has a weight other than zero. A
 * third of the entity tagger's rows are all zero (no training feature ever moved them), and a
 * feature of unseen words lands on one as often: its row need not be fetched from memory.
 */
export function liveRows(weights: Int16Array, buckets: number, tags: number): Uint8Array {
  const known = liveRowsOf.get(weights);
  if (known) return known;
  const live = new Uint8Array((buckets + 7) >>> 3);
  for (let b = 0; b < buckets; b++) {
    for (let t = 0; t < tags; t++) {
      if (weights[b * tags + t] !== 0) {
        live[b >>> 3] |= 1 << (b & 7);
        break;
      }
    }
  }
  liveRowsOf.set(weights, live);
  return live;
}

/** liveRows per shipped table (a detector with other corrections shares its model's). */
const liveRowsOf = new WeakMap<Int16Array, Uint8Array>();

/**
 * Emission scores of each token (tokens × tags) from the feature buckets; `weights` is any table
 * indexed bucket * tags + tag (int16 at run time, float while training). Tokens marked in `skip`
 * are given O. Tag by tag, each sum adds the features in order (as training does); reading the
 * first tag of every feature's row first lets the memory loads of the rows overlap. With `live`
 * (liveRows of these weights, which must not change), all-zero rows are left out: adding zeros to
 * a sum changes nothing.
 */
export function emissionScores(
  feats: Int32Array,
  n: number,
  weights: ArrayLike<number>,
  tags: number,
  scale: number,
  out?: Float32Array,
  skip?: Uint8Array,
  live?: Uint8Array,
): Float32Array {
  const scores = out && out.length >= n * tags ? out : new Float32Array(n * tags);
  const rows = featureRows;
  for (let i = 0; i < n; i++) {
    if (skip && skip[i]) {
      // A skipped token is outside every entity (tag 0 is O).
      for (let t = 0; t < tags; t++) scores[i * tags + t] = t === 0 ? 0 : -1e6;
      continue;
    }
    const base = i * FEATURES_PER_TOKEN;
    let used = 0;
    for (let k = 0; k < FEATURES_PER_TOKEN; k++) {
      const bucket = feats[base + k];
      if (!live || (live[bucket >>> 3] >> (bucket & 7)) & 1) rows[used++] = bucket * tags;
    }
    for (let t = 0; t < tags; t++) {
      let sum = 0;
      for (let k = 0; k < used; k++) sum += weights[rows[k] + t];
      scores[i * tags + t] = sum * scale;
    }
  }
  return scores;
}

/**
 * The rows of a weight table by how they are stored for reading: an int8 copy of the table, and per
 * bucket whether its row is all zero (ROW_ZERO, never read), fits the copy (ROW_NARROW) or holds a
 * weight beyond 8 bits (ROW_WIDE, read from the table). Nearly every row of the shipped entity tagger
 * fits in 8 bits (all but 19 of 65,536 in the weights of December 2026): the rows the features name
 * come from a table of half the bytes, and fetching them from memory is most of the time its emission
 * scores take.
 */
export interface RowStore {
  narrow: Int8Array;
  /** Two bits per bucket, four buckets a byte (a table small enough to stay in the nearest cache). */
  kinds: Uint8Array;
}

export const ROW_ZERO = 0;
export const ROW_NARROW = 1;
export const ROW_WIDE = 2;

/** The row store of a table that never changes, made once per table. */
export function rowStore(weights: Int16Array, buckets: number, tags: number): RowStore {
  let store = rowStores.get(weights);
  if (store) return store;
  const narrow = new Int8Array(weights.length);
  const kinds = new Uint8Array((buckets + 3) >>> 2);
  for (let b = 0; b < buckets; b++) {
    let zero = true;
    let fits = true;
    for (let t = b * tags; t < (b + 1) * tags; t++) {
      if (weights[t] !== 0) zero = false;
      if (weights[t] < -128 || weights[t] > 127) fits = false;
    }
    kinds[b >>> 2] |= (zero ? ROW_ZERO : fits ? ROW_NARROW : ROW_WIDE) << ((b & 3) << 1);
    if (fits) for (let t = b * tags; t < (b + 1) * tags; t++) narrow[t] = weights[t];
  }
  store = { narrow, kinds };
  rowStores.set(weights, store);
  return store;
}

const rowStores = new WeakMap<Int16Array, RowStore>();

/**
 * emissionScores for the 17 tags of bilouTags(BILOU_TYPES) (the shipped entity tagger), its rows read
 * through `rows` (rowStore of `weights`): the sums kept in locals and each row read once, all its tags
 * at a time, rather than one pass over the rows per tag. Every tag's sum adds the same integer weights
 * in the same order, and all-zero rows add nothing, so the scores are the same.
 */
export function bilouEmissionScores(
  feats: Int32Array,
  n: number,
  weights: Int16Array,
  rows: RowStore,
  scale: number,
  out: Float32Array,
  skip: Uint8Array,
): Float32Array {
  const T = BILOU_TAGS;
  const F = FEATURES_PER_TOKEN;
  const { narrow, kinds } = rows;
  const scores = out.length >= n * T ? out : new Float32Array(n * T);
  for (let i = 0; i < n; i++) {
    const at = i * T;
    if (skip[i]) {
      scores[at] = 0;
      for (let t = 1; t < T; t++) scores[at + t] = -1e6;
      continue;
    }
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    let s5 = 0;
    let s6 = 0;
    let s7 = 0;
    let s8 = 0;
    let s9 = 0;
    let s10 = 0;
    let s11 = 0;
    let s12 = 0;
    let s13 = 0;
    let s14 = 0;
    let s15 = 0;
    let s16 = 0;
    for (let k = i * F, end = k + F; k < end; k++) {
      const bucket = feats[k];
      const kind = (kinds[bucket >>> 2] >> ((bucket & 3) << 1)) & 3;
      if (kind === ROW_ZERO) continue;
      const row = bucket * T;
      if (kind === ROW_NARROW) {
        s0 += narrow[row];
        s1 += narrow[row + 1];
        s2 += narrow[row + 2];
        s3 += narrow[row + 3];
        s4 += narrow[row + 4];
        s5 += narrow[row + 5];
        s6 += narrow[row + 6];
        s7 += narrow[row + 7];
        s8 += narrow[row + 8];
        s9 += narrow[row + 9];
        s10 += narrow[row + 10];
        s11 += narrow[row + 11];
        s12 += narrow[row + 12];
        s13 += narrow[row + 13];
        s14 += narrow[row + 14];
        s15 += narrow[row + 15];
        s16 += narrow[row + 16];
      } else {
        s0 += weights[row];
        s1 += weights[row + 1];
        s2 += weights[row + 2];
        s3 += weights[row + 3];
        s4 += weights[row + 4];
        s5 += weights[row + 5];
        s6 += weights[row + 6];
        s7 += weights[row + 7];
        s8 += weights[row + 8];
        s9 += weights[row + 9];
        s10 += weights[row + 10];
        s11 += weights[row + 11];
        s12 += weights[row + 12];
        s13 += weights[row + 13];
        s14 += weights[row + 14];
        s15 += weights[row + 15];
        s16 += weights[row + 16];
      }
    }
    scores[at] = s0 * scale;
    scores[at + 1] = s1 * scale;
    scores[at + 2] = s2 * scale;
    scores[at + 3] = s3 * scale;
    scores[at + 4] = s4 * scale;
    scores[at + 5] = s5 * scale;
    scores[at + 6] = s6 * scale;
    scores[at + 7] = s7 * scale;
    scores[at + 8] = s8 * scale;
    scores[at + 9] = s9 * scale;
    scores[at + 10] = s10 * scale;
    scores[at + 11] = s11 * scale;
    scores[at + 12] = s12 * scale;
    scores[at + 13] = s13 * scale;
    scores[at + 14] = s14 * scale;
    scores[at + 15] = s15 * scale;
    scores[at + 16] = s16 * scale;
  }
  return scores;
}

/** The allowed predecessors of each tag (compressed rows: preds[starts[t]..starts[t + 1]), in increasing order). */
interface Predecessors {
  starts: Int32Array;
  preds: Uint8Array;
}

/** Per transition-constraint table (built once by allowedTransitions and never changed). */
const predecessorCache = new WeakMap<Uint8Array, Predecessors>();

function predecessors(allowed: Uint8Array, tags: number): Predecessors {
  let p = predecessorCache.get(allowed);
  if (!p) {
    const starts = new Int32Array(tags + 1);
    const preds: number[] = [];
    for (let t = 0; t < tags; t++) {
      starts[t] = preds.length;
      for (let q = 0; q < tags; q++) if (allowed[q * tags + t]) preds.push(q);
    }
    starts[tags] = preds.length;
    p = { starts, preds: Uint8Array.from(preds) };
    predecessorCache.set(allowed, p);
  }
  return p;
}

/** Lattice buffers reused from sentence to sentence (a sentence is decoded at a time). */
let latticeBest = new Float64Array(0);
let latticeBack = new Uint8Array(0);
let packedTransitions = new Float64Array(0);

/**
 * The best tag sequence under the transition constraints. Only the allowed predecessors of each tag
 * are visited (BILOU allows about a third of the pairs), in increasing order as a full scan would,
 * so that ties resolve the same way; their transition weights are packed in that order (per call:
 * training changes them between calls). Tokens marked in `skip` are O (emissionScores gave every
 * other tag -1e6 there, which no path survives): only their O cell is computed, the same sum over
 * the same predecessors in the same order, and the other cells are left out of every later maximum.
 * Most of an article's tokens are such, so this is most of the decoder's time saved.
 */
export function viterbi(
  scores: Float32Array,
  n: number,
  tags: number,
  transitions: ArrayLike<number>,
  allowed: Uint8Array,
  final: Uint8Array,
  skip?: Uint8Array,
): Uint8Array {
  if (n === 0) return new Uint8Array(0);
  const { best, back } = lattice(n, tags);
  const { starts, preds } = predecessors(allowed, tags);
  if (packedTransitions.length < preds.length) packedTransitions = new Float64Array(preds.length);
  const packed = packedTransitions;
  for (let t = 0; t < tags; t++) for (let k = starts[t]; k < starts[t + 1]; k++) packed[k] = transitions[preds[k] * tags + t];
  const skipped = (i: number): boolean => skip !== undefined && skip[i] === 1;
  for (let t = 0; t < tags; t++)
    best[t] = allowed[tags * tags + t] && (t === 0 || !skipped(0)) ? scores[t] + transitions[tags * tags + t] : -Infinity;
  // O after O: the first predecessor of O is O (predecessors are in increasing order).
  const oAfterO = packed[starts[0]];
  for (let i = 1; i < n; i++) {
    const prev = (i - 1) * tags;
    const row = i * tags;
    if (passSkipped(best, back, scores, skipped, i, n, tags, oAfterO)) continue;
    const last = skipped(i) ? 1 : tags;
    for (let t = 0; t < last; t++) {
      let max = -Infinity;
      let arg = 0;
      for (let k = starts[t], end = starts[t + 1]; k < end; k++) {
        const p = preds[k];
        const v = best[prev + p] + packed[k];
        if (v > max) {
          max = v;
          arg = p;
        }
      }
      best[row + t] = max + scores[row + t];
      back[row + t] = arg;
    }
    clearCells(best, back, row, last, tags);
  }
  return bestPath(best, back, final, n, tags);
}

/** The lattice buffers, grown to n tokens of `tags` cells. */
export function lattice(n: number, tags: number): { best: Float64Array; back: Uint8Array } {
  if (latticeBest.length < n * tags) {
    latticeBest = new Float64Array(n * tags * 2);
    latticeBack = new Uint8Array(n * tags * 2);
  }
  return { best: latticeBest, back: latticeBack };
}

/**
 * A skipped token after a skipped one, where only O was left: its O cell is O after O (the maximum
 * over O's predecessors, the sum the full search makes), and its other cells are cleared only where
 * a later token reads them (one not skipped, or the last). False, doing nothing, for other tokens.
 */
function passSkipped(
  best: Float64Array,
  back: Uint8Array,
  scores: Float32Array,
  skipped: (i: number) => boolean,
  i: number,
  n: number,
  tags: number,
  oAfterO: number,
): boolean {
  if (!skipped(i) || !skipped(i - 1)) return false;
  const row = i * tags;
  best[row] = best[row - tags] + oAfterO + scores[row];
  back[row] = 0;
  if (i + 1 === n || !skipped(i + 1)) clearCells(best, back, row, 1, tags);
  return true;
}

/** Cells [from, tags) of a token out of every later maximum. */
function clearCells(best: Float64Array, back: Uint8Array, row: number, from: number, tags: number): void {
  for (let t = from; t < tags; t++) {
    best[row + t] = -Infinity;
    back[row + t] = 0;
  }
}

/** The path to the best final tag (the first of equal ones), read back through the lattice. */
export function bestPath(best: Float64Array, back: Uint8Array, final: Uint8Array, n: number, tags: number): Uint8Array {
  const path = new Uint8Array(n);
  let max = -Infinity;
  let arg = 0;
  for (let t = 0; t < tags; t++) {
    const v = best[(n - 1) * tags + t];
    if (final[t] && v > max) {
      max = v;
      arg = t;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    path[i] = arg;
    arg = back[i * tags + arg];
  }
  return path;
}

/** The types of the BILOU tags the shipped entity tagger decodes with bilouViterbi. */
export const BILOU_TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;

/** Whether bilouViterbi decodes these tags (as viterbi under allowedTransitions would). */
export function isBilouOfFourTypes(tags: readonly string[]): boolean {
  return tags.join(' ') === bilouTags(BILOU_TYPES).join(' ');
}

/** The tags that may follow O, L- and U- (and start a sentence): O, B- and U- of each type. */
const OUTSIDE_NEXT = [0, 1, 4, 5, 8, 9, 12, 13, 16];
const BILOU_TAGS = 17;
/** A sentence ends on O, an L- or a U- tag. */
const BILOU_FINAL = finalAllowed(bilouTags(BILOU_TYPES));

/**
 * viterbi under allowedTransitions(bilouTags(BILOU_TYPES)), written out for those 17 tags: O, B- and
 * U- tags follow O, L- and U- tags (0, 3, 4, 7, 8, 11, 12, 15, 16), an I- or L- tag only the B- and
 * I- tag of its type, and a sentence ends outside a span. The same sums are compared in the same
 * order (predecessors in increasing order, the first maximum kept), with the same treatment of
 * `skip`, so the path is the same.
 */
export function bilouViterbi(scores: Float32Array, n: number, transitions: ArrayLike<number>, skip?: Uint8Array): Uint8Array {
  const T = BILOU_TAGS;
  if (n === 0) return new Uint8Array(0);
  const { best, back } = lattice(n, T);
  const skipped = (i: number): boolean => skip !== undefined && skip[i] === 1;
  const start = T * T;
  for (let t = 0; t < T; t++) {
    const outside = t === 0 || t % 4 === 0 || t % 4 === 1;
    best[t] = outside && (t === 0 || !skipped(0)) ? scores[t] + transitions[start + t] : -Infinity;
  }
  const oAfterO = transitions[0];
  for (let i = 1; i < n; i++) {
    const prev = (i - 1) * T;
    const row = i * T;
    if (passSkipped(best, back, scores, skipped, i, n, T, oAfterO)) continue;
    const here = skipped(i);
    bilouOutsideCells(best, back, scores, transitions, prev, row, here ? 1 : OUTSIDE_NEXT.length);
    if (here) clearCells(best, back, row, 1, T);
    else bilouInsideCells(best, back, scores, transitions, prev, row);
  }
  return bestPath(best, back, BILOU_FINAL, n, T);
}

/** The cells of the first `count` tags of OUTSIDE_NEXT: each after O, an L- or a U- tag. */
function bilouOutsideCells(
  best: Float64Array,
  back: Uint8Array,
  scores: Float32Array,
  transitions: ArrayLike<number>,
  prev: number,
  row: number,
  count: number,
): void {
  const T = BILOU_TAGS;
  const c0 = best[prev];
  const c3 = best[prev + 3];
  const c4 = best[prev + 4];
  const c7 = best[prev + 7];
  const c8 = best[prev + 8];
  const c11 = best[prev + 11];
  const c12 = best[prev + 12];
  const c15 = best[prev + 15];
  const c16 = best[prev + 16];
  for (let k = 0; k < count; k++) {
    const t = OUTSIDE_NEXT[k];
    // The first candidate (through O) is the maximum so far whatever it is: the search starts from -Infinity with predecessor 0.
    let max = c0 + transitions[t];
    let arg = 0;
    let v = c3 + transitions[3 * T + t];
    if (v > max) {
      max = v;
      arg = 3;
    }
    v = c4 + transitions[4 * T + t];
    if (v > max) {
      max = v;
      arg = 4;
    }
    v = c7 + transitions[7 * T + t];
    if (v > max) {
      max = v;
      arg = 7;
    }
    v = c8 + transitions[8 * T + t];
    if (v > max) {
      max = v;
      arg = 8;
    }
    v = c11 + transitions[11 * T + t];
    if (v > max) {
      max = v;
      arg = 11;
    }
    v = c12 + transitions[12 * T + t];
    if (v > max) {
      max = v;
      arg = 12;
    }
    v = c15 + transitions[15 * T + t];
    if (v > max) {
      max = v;
      arg = 15;
    }
    v = c16 + transitions[16 * T + t];
    if (v > max) {
      max = v;
      arg = 16;
    }
    best[row + t] = max + scores[row + t];
    back[row + t] = arg;
  }
}

/** The cells of the I- (2, 6, 10, 14) and L- (3, 7, 11, 15) tags: after the B- (1, 5, 9, 13) or I- tag of their type. */
function bilouInsideCells(
  best: Float64Array,
  back: Uint8Array,
  scores: Float32Array,
  transitions: ArrayLike<number>,
  prev: number,
  row: number,
): void {
  const T = BILOU_TAGS;
  for (let b = 1; b < T; b += 4) {
    const fromBegin = best[prev + b];
    const fromInside = best[prev + b + 1];
    for (let t = b + 1; t <= b + 2; t++) {
      let max = -Infinity;
      let arg = 0;
      let v = fromBegin + transitions[b * T + t];
      if (v > max) {
        max = v;
        arg = b;
      }
      v = fromInside + transitions[(b + 1) * T + t];
      if (v > max) {
        max = v;
        arg = b + 1;
      }
      best[row + t] = max + scores[row + t];
      back[row + t] = arg;
    }
  }
}

/** Spans [first token, last token] with their type from a BILOU path. */
export function pathSpans(path: Uint8Array, tags: readonly string[]): { first: number; last: number; type: string }[] {
  const spans: { first: number; last: number; type: string }[] = [];
  let open = -1;
  for (let i = 0; i < path.length; i++) {
    const tag = tags[path[i]];
    const kind = tag[0];
    if (kind === 'U') spans.push({ first: i, last: i, type: tag.slice(2) });
    else if (kind === 'B') open = i;
    else if (kind === 'L' && open >= 0) {
      spans.push({ first: open, last: i, type: tag.slice(2) });
      open = -1;
    }
  }
  return spans;
}
