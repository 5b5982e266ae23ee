import type { CompareModel } from './model';
import { probability } from './model';
import { readSentence, type Sentence } from './sentence';

export interface RankedClaim {
  id: string;
  score: number;
}

export interface ClaimRanker {
  /** The `limit` claims most likely to tell what the query tells, best first. */
  rank(query: string, limit: number): RankedClaim[];
  /** BM25 alone (the baseline), best first. */
  bm25(query: string, limit: number): RankedClaim[];
  /** The re-ranker's features of the BM25 hits of a query, for training it. */
  hitFeatures(query: string): { id: string; values: number[] }[];
}

/** Names of the re-ranker's features, in vector order. */
export const RERANK_FEATURES = [
  'bias',
  'bm25 / best bm25',
  '1 / rank',
  'coverage of the shorter',
  'coverage of the longer',
  'tf-idf cosine',
  'bigram dice',
  'same-claim probability',
] as const;

/**
 * Claim retrieval: BM25 over the claims' content stems finds candidates, then a logistic re-ranker
 * (fitted on CLEF 2020 task 2 train queries) orders the best `depth` of them by how alike they read.
 */
export function createClaimRanker(model: CompareModel, claims: readonly { id: string; text: string }[]): ClaimRanker {
  const { k1, b, depth, weights } = model.stored.rank;
  const sentences: Sentence[] = claims.map((c) => readSentence(c.text));
  const postings = new Map<string, { doc: number; tf: number }[]>();
  const lengths = new Float64Array(claims.length);
  sentences.forEach((s, doc) => {
    let length = 0;
    for (const [stem, tf] of s.terms) {
      length += tf;
      let list = postings.get(stem);
      if (!list) postings.set(stem, (list = []));
      list.push({ doc, tf });
    }
    lengths[doc] = length;
  });
  const averageLength = lengths.reduce((x, y) => x + y, 0) / Math.max(1, claims.length) || 1;
  const scores = new Float64Array(claims.length);

  const bm25Hits = (query: Sentence, limit: number): { doc: number; score: number }[] => {
    const touched: number[] = [];
    for (const stem of query.terms.keys()) {
      const list = postings.get(stem);
      if (!list) continue;
      const idf = Math.log(1 + (claims.length - list.length + 0.5) / (list.length + 0.5));
      for (const { doc, tf } of list) {
        if (scores[doc] === 0) touched.push(doc);
        scores[doc] += (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * lengths[doc]) / averageLength));
      }
    }
    const hits = touched.map((doc) => ({ doc, score: scores[doc] }));
    for (const doc of touched) scores[doc] = 0;
    return hits.sort((x, y) => y.score - x.score || x.doc - y.doc).slice(0, limit);
  };

  const features = (query: Sentence, hits: { doc: number; score: number }[]): number[][] => {
    const best = hits[0]?.score || 1;
    return hits.map((hit, rank) => {
      const reading = model.read(query, sentences[hit.doc]);
      const v = reading.values;
      return [1, hit.score / best, 1 / (rank + 1), v[1], v[2], v[3], v[5], probability(model.stored.claim.weights, v)];
    });
  };

  return {
    bm25(query, limit) {
      return bm25Hits(readSentence(query), limit).map((h) => ({ id: claims[h.doc].id, score: round(h.score) }));
    },
    rank(query, limit) {
      const q = readSentence(query);
      const hits = bm25Hits(q, Math.max(limit, depth));
      if (!weights.length) return hits.slice(0, limit).map((h) => ({ id: claims[h.doc].id, score: round(h.score) }));
      const values = features(q, hits);
      return hits
        .map((h, i) => ({ id: claims[h.doc].id, score: probability(weights, values[i]) }))
        .sort((x, y) => y.score - x.score)
        .slice(0, limit)
        .map((h) => ({ id: h.id, score: round(h.score) }));
    },
    hitFeatures(query) {
      const q = readSentence(query);
      const hits = bm25Hits(q, depth);
      const values = features(q, hits);
      return hits.map((h, i) => ({ id: claims[h.doc].id, values: values[i] }));
    },
  };
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}
