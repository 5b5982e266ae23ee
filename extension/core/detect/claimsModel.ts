import { ATTRIBUTION_FEATURE_VERSION, ATTRIBUTION_TAGS, type AttributionModel } from './attribution';
import { WORTHINESS_FEATURE_VERSION, type WorthinessModel } from './worthiness';

/**
 * The claim finder's weights file (media/models/claims.bin), apart from the entity tagger's: the
 * attribution tagger and the check-worthiness classifier. Written by scripts/train-claims.ts.
 *
 * Layout (little-endian):
 *   "SAC1" | u32 header length | header JSON (UTF-8) | zero padding to 4 bytes
 *   | f32 attribution transitions[(tags + 1) * tags] | i16 attribution emissions[buckets * tags]
 *   | i16 worthiness weights[worthiness buckets]
 */

export interface ClaimsModel {
  attribution: AttributionModel;
  worthiness: WorthinessModel;
  /** What each part was trained on (the evaluation reports only on the rest). */
  trainedOn: { attribution: string; worthiness: string[] };
}

interface Header {
  attributionVersion: number;
  worthinessVersion: number;
  tags: string[];
  buckets: number;
  scale: number;
  worthiness: { buckets: number; scale: number; bias: number; threshold: number };
  trainedOn: ClaimsModel['trainedOn'];
  cueWords?: number[];
  /** Word keys and their cue levels, alternating. */
  cueLevels?: number[];
}

const MAGIC = 'SAC1';

function align4(n: number): number {
  return (n + 3) & ~3;
}

export function encodeClaimsModel(model: ClaimsModel): Uint8Array {
  const { attribution: a, worthiness: w } = model;
  const header: Header = {
    attributionVersion: ATTRIBUTION_FEATURE_VERSION,
    worthinessVersion: WORTHINESS_FEATURE_VERSION,
    tags: [...ATTRIBUTION_TAGS],
    buckets: a.buckets,
    scale: a.scale,
    worthiness: { buckets: w.buckets, scale: w.scale, bias: w.bias, threshold: w.threshold },
    trainedOn: model.trainedOn,
    ...(a.cueWords && { cueWords: [...a.cueWords].sort((x, y) => x - y) }),
    ...(a.cueLevels && { cueLevels: [...a.cueLevels].sort((x, y) => x[0] - y[0]).flat() }),
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const start = align4(8 + json.length);
  const out = new Uint8Array(start + a.transitions.length * 4 + (a.emissions.length + w.weights.length) * 2);
  const view = new DataView(out.buffer);
  out.set(new TextEncoder().encode(MAGIC), 0);
  view.setUint32(4, json.length, true);
  out.set(json, 8);
  let at = start;
  for (let i = 0; i < a.transitions.length; i++, at += 4) view.setFloat32(at, a.transitions[i], true);
  for (let i = 0; i < a.emissions.length; i++, at += 2) view.setInt16(at, a.emissions[i], true);
  for (let i = 0; i < w.weights.length; i++, at += 2) view.setInt16(at, w.weights[i], true);
  return out;
}

/**
 * Reads a claims weights file; throws on one this version cannot use. `forRetraining`: the
 * check-worthiness part may be of other features, for a trainer that keeps the tagger and relearns it.
 */
export function decodeClaimsModel(bytes: Uint8Array, forRetraining = false): ClaimsModel {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 8 || new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC)
    throw new Error('not a Source Annotator claims model file');
  const length = view.getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))) as Header;
  if (
    header.attributionVersion !== ATTRIBUTION_FEATURE_VERSION ||
    (header.worthinessVersion !== WORTHINESS_FEATURE_VERSION && !forRetraining)
  ) {
    throw new Error(
      `claims model features v${header.attributionVersion}/${header.worthinessVersion}, detector expects v${ATTRIBUTION_FEATURE_VERSION}/${WORTHINESS_FEATURE_VERSION}`,
    );
  }
  if (header.tags.join(' ') !== ATTRIBUTION_TAGS.join(' ')) throw new Error('claims model has other attribution tags');
  const T = header.tags.length;
  const start = align4(8 + length);
  const transitions = new Float32Array((T + 1) * T);
  for (let i = 0; i < transitions.length; i++) transitions[i] = view.getFloat32(start + i * 4, true);
  const emStart = start + transitions.length * 4;
  const count = header.buckets * T;
  const wStart = emStart + count * 2;
  if (bytes.length < wStart + header.worthiness.buckets * 2) throw new Error('claims model file is truncated');
  const int16 = (from: number, n: number): Int16Array =>
    (bytes.byteOffset + from) % 2 === 0
      ? new Int16Array(bytes.buffer, bytes.byteOffset + from, n)
      : new Int16Array(bytes.slice(from, from + n * 2).buffer);
  return {
    attribution: {
      buckets: header.buckets,
      scale: header.scale,
      transitions,
      emissions: int16(emStart, count),
      ...(header.cueWords && { cueWords: new Set(header.cueWords) }),
      ...(header.cueLevels && { cueLevels: pairsToMap(header.cueLevels) }),
    },
    worthiness: { ...header.worthiness, weights: int16(wStart, header.worthiness.buckets) },
    trainedOn: header.trainedOn,
  };
}

/** [key, value, key, value…] as a map. */
function pairsToMap(pairs: readonly number[]): Map<number, number> {
  const map = new Map<number, number>();
  for (let i = 0; i + 1 < pairs.length; i += 2) map.set(pairs[i], pairs[i + 1]);
  return map;
}
