/**
 * Export benchmark: 10,000 synthetic tagged articles (≥ 2 KB each, ~10 tags each, with emoji, CJK
 * and CRLF) exported to every format, timed against a baseline in the same run: JSON.stringify of
 * the same sidecars, the least any export of them must do.
 *
 * Then pre-annotation: the built CLI (`dist/cli.js export --include suggestions`) on a folder of
 * untagged synthetic articles, with one worker thread and with two, in the same run: articles per
 * second, end to end (start-up and model loading included, as a user sees it).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXPORT_FORMATS, exportTags, type ExportDocument } from '../../extension/core/export';
import { targetAt } from '../../extension/core/sidecar/target';
import type { Tag, TagLabel } from '../../extension/core/sidecar/types';

const ARTICLES = 10_000;
const NAMES: [string, TagLabel][] = [
  ['Maria Okafor', 'Person'],
  ['Li Wei', 'Person'],
  ['Reuters', 'Organization'],
  ['the Port Authority', 'Organization'],
  ['北京', 'Location'],
  ['Lisbon', 'Location'],
  ['Monday', 'Date'],
  ['$60 million', 'Money'],
  ['Bundestag', 'Other'],
];

/** A deterministic pseudo-random sequence, so every run measures the same articles. */
function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

function article(i: number, next: () => number): ExportDocument {
  const spans: { start: number; end: number; label: TagLabel }[] = [];
  let text = `Report ${i} 📰\r\n`;
  while (text.length < 2048) {
    const [name, label] = NAMES[Math.floor(next() * NAMES.length)];
    const before = `According to officials, ${next() < 0.2 ? 'the 🚢 fleet' : 'the council'} met with `;
    const start = text.length + before.length;
    spans.push({ start, end: start + name.length, label });
    text += `${before}${name} on a grey morning and discussed the budget at length; nobody disputed the figures.${next() < 0.5 ? '\r\n' : ' '}`;
  }
  const picked = Array.from(
    { length: Math.min(10, spans.length) },
    (_, k) => spans[Math.floor((k * spans.length) / Math.min(10, spans.length))],
  );
  const tags: Tag[] = picked.map((s, k) => ({
    id: `t${i}x${k}`,
    kind: 'entity',
    label: s.label,
    status: 'confirmed',
    target: targetAt(text, s.start, s.end),
    anchoring: 'exact',
    tags: k % 3 === 0 ? ['checked'] : [],
    verdict: null,
    note: k % 4 === 0 ? 'Seen in two sources, "confirmed", by phone.' : null,
    claim: null,
    entityId: null,
    author: 'Bench',
    created: '2025-01-01T00:00:00Z',
    modified: '2025-01-01T00:00:00Z',
  }));
  return { path: `bench/${i}.txt`, text, tags };
}

function time<T>(fn: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}

export async function bench(): Promise<void> {
  const next = random(42);
  const docs = Array.from({ length: ARTICLES }, (_, i) => article(i, next));
  const bytes = docs.reduce((n, d) => n + d.text.length, 0);
  const tags = docs.reduce((n, d) => n + d.tags.length, 0);
  console.log(
    `export: ${ARTICLES} articles, ${(bytes / 1048576).toFixed(1)} MB of text (${(bytes / ARTICLES / 1024).toFixed(1)} KB each), ${tags} tags`,
  );
  const baseline = time(() => docs.map((d) => JSON.stringify({ version: 1, article: d.path, tags: d.tags })).join('\n'));
  console.log(
    `export: baseline JSON.stringify of the sidecars: ${baseline.ms.toFixed(0)} ms, ${(baseline.value.length / 1048576).toFixed(1)} MB`,
  );
  for (const format of EXPORT_FORMATS) {
    const run = time(() => exportTags(format, docs, { include: 'confirmed' }));
    const size = run.value.reduce((n, f) => n + f.content.length, 0);
    console.log(
      `export: ${format.padEnd(11)} ${run.ms.toFixed(0).padStart(6)} ms  ${(size / 1048576).toFixed(1).padStart(6)} MB  ` +
        `${(run.ms / baseline.ms).toFixed(1)}× baseline  ${((run.ms * 1000) / ARTICLES).toFixed(0)} µs/article`,
    );
  }
  preAnnotation(docs.slice(0, PRE_ANNOTATED));
}

/** Articles the pre-annotation runs detect in (the detector, not the writing, is what takes time). */
const PRE_ANNOTATED = 400;

function preAnnotation(docs: readonly ExportDocument[]): void {
  const cli = join(__dirname, '../../dist/cli.js');
  if (!existsSync(cli)) {
    console.log('export: pre-annotation skipped: dist/cli.js is not built (npm run build)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'sa-bench-preannotate-'));
  try {
    mkdirSync(join(dir, 'in'));
    for (const d of docs) writeFileSync(join(dir, 'in', d.path.replace('/', '-')), d.text);
    const kb = docs.reduce((n, d) => n + d.text.length, 0) / 1024;
    const rates: number[] = [];
    for (const workers of [1, 2]) {
      const out = join(dir, `out-${workers}.jsonl`);
      const t0 = performance.now();
      const run = spawnSync(
        process.execPath,
        [cli, 'export', join(dir, 'in'), '--include', 'suggestions', '--format', 'jsonl', '--out', out, '--workers', String(workers)],
        { encoding: 'utf8' },
      );
      const seconds = (performance.now() - t0) / 1000;
      if (run.status !== 0) throw new Error(`pre-annotation with ${workers} worker(s) failed: ${run.stderr}`);
      rates.push(docs.length / seconds);
      console.log(
        `export: pre-annotation, ${workers} worker(s): ${docs.length} untagged articles (${kb.toFixed(0)} KB) → suggestions as jsonl in ${seconds.toFixed(1)} s, ` +
          `${(docs.length / seconds).toFixed(1)} articles/s, ${(kb / seconds).toFixed(0)} KB/s`,
      );
    }
    // Threads share the cores with everything else running: the load average says how much of them this run could have.
    console.log(
      `export: pre-annotation, 2 workers vs 1: ${(rates[1] / rates[0]).toFixed(2)}× the throughput ` +
        `(this machine: ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)})`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
