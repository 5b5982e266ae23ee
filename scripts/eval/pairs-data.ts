// Readers of the labelled pair sets in ../shared/eval/pairs (see the README there), and the fixed splits
// the compare model is fitted, tuned and reported on. Read by path, never copied.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { idTextRows, parseDelimited } from '../../extension/core/text/delimited';

export interface LabelledPair {
  a: string;
  b: string;
  label: string;
}

export interface Retrieval {
  claims: { id: string; text: string }[];
  queries: { id: string; text: string }[];
  /** Query id → ids of the claims it repeats. */
  relevant: Map<string, Set<string>>;
}

function read(path: string): string {
  return readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
}

/** A stable hash of a string, for splits that do not depend on file order. */
export function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * MRPC train (the test split is held out): "fit" (about 75%, by pair id) for fitting, "report" for the
 * figures. Label "1" = same content.
 */
export function mrpc(dir: string, part: 'fit' | 'report'): LabelledPair[] {
  const lines = read(join(dir, 'mrpc/msr_paraphrase_train.txt'))
    .split('\n')
    .filter((l) => l.trim());
  return lines
    .map((line) => line.split('\t'))
    .filter((f) => f.length >= 5 && /^[01]$/.test(f[0]))
    .filter((f) => (hash(f[1] + '-' + f[2]) % 4 !== 0) === (part === 'fit'))
    .map((f) => ({ a: f[3], b: f[4], label: f[0] }));
}

/**
 * RTE-3 dev with 3-way labels (its test split is held out): pairs 1-400 for fitting, 401-800 for the
 * figures (consecutive pairs share premises, so the split is by range, not by alternation).
 */
export function rte3(dir: string, part: 'fit' | 'report'): LabelledPair[] {
  const rows = read(join(dir, 'rte3/rte3_dev_3way.tsv'))
    .split('\n')
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => l.split('\t'));
  return rows.filter((f) => Number(f[0]) <= 400 === (part === 'fit')).map((f) => ({ a: f[6], b: f[7], label: f[1] }));
}

/** FNC-1: headline against article body; "train" (standard split) for fitting, "holdout" for the figures. */
export function fnc1(dir: string, part: 'train' | 'holdout'): LabelledPair[] {
  const bodies = new Map(
    parseDelimited(read(join(dir, 'fnc1/train_bodies.csv')), ',')
      .slice(1)
      .map((r) => [r[0], r[1]] as const),
  );
  const file = part === 'train' ? 'train_stances.split_train.csv' : 'train_stances.split_holdout.csv';
  return parseDelimited(read(join(dir, 'fnc1', file)), ',')
    .slice(1)
    .filter((r) => r.length >= 3 && bodies.has(r[1]))
    .map((r) => ({ a: r[0], b: bodies.get(r[1]) as string, label: r[2] }));
}

/** CLEF 2020 CheckThat! task 2: the verified claims (claim and title together) and one split's tweets with their qrels. */
export function clef2020(dir: string, part: 'train' | 'dev'): Retrieval {
  const base = join(dir, 'clef2020-task2');
  const claims = idTextRows(read(join(base, 'verified_claims.docs.tsv')));
  const queries = idTextRows(read(join(base, part, 'tweets.queries.tsv')));
  const relevant = new Map<string, Set<string>>();
  for (const line of read(join(base, part, 'tweet-vclaim-pairs.qrels')).split('\n')) {
    const [q, , c, rel] = line.trim().split(/\s+/);
    if (!q || rel === '0') continue;
    if (!relevant.has(q)) relevant.set(q, new Set());
    relevant.get(q)?.add(c);
  }
  return { claims, queries, relevant };
}

export function hasPairs(dir: string): boolean {
  return existsSync(join(dir, 'pairs/mrpc/msr_paraphrase_train.txt'));
}

/** Splits a body into sentences for comparing a headline with each of them. */
export function sentencesOf(body: string): string[] {
  return body
    .split(/(?<=[.!?])\s+(?=[A-Z"“])|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 20);
}

/** Mean average precision at k of a ranking against the relevant ids. */
export function mapAt(k: number, rankings: Map<string, string[]>, relevant: Map<string, Set<string>>): number {
  let total = 0;
  let n = 0;
  for (const [query, rel] of relevant) {
    const ranked = rankings.get(query) ?? [];
    let hits = 0;
    let sum = 0;
    ranked.slice(0, k).forEach((id, i) => {
      if (rel.has(id)) {
        hits++;
        sum += hits / (i + 1);
      }
    });
    total += sum / Math.min(rel.size, k);
    n++;
  }
  return n ? total / n : 0;
}
