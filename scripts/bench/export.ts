/**
 * Export benchmark: 10,000 synthetic tagged articles (≥ 2 KB each, ~10 tags each, with emoji, CJK
 * and CRLF) exported to every format, timed against a baseline in the same run: JSON.stringify of
 * the same sidecars, the least any export of them must do.
 */
import { EXPORT_FORMATS, exportTags, type ExportDocument } from '../../extension/core/export';
import { targetAt } from '../../extension/core/sidecar/target';
import type { Tag, TagLabel } from '../../extension/core/sidecar/types';

const ARTICLES = 10_000;
const NAMES: [string, TagLabel][] = [
  ['Maria Okafor', 'Person'], ['Li Wei', 'Person'], ['Reuters', 'Organization'], ['the Port Authority', 'Organization'],
  ['北京', 'Location'], ['Lisbon', 'Location'], ['Monday', 'Date'], ['$60 million', 'Money'], ['Bundestag', 'Other'],
];

/** A deterministic pseudo-random sequence, so every run measures the same articles. */
function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
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
  const picked = Array.from({ length: Math.min(10, spans.length) }, (_, k) => spans[Math.floor((k * spans.length) / Math.min(10, spans.length))]);
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
  console.log(`export: ${ARTICLES} articles, ${(bytes / 1048576).toFixed(1)} MB of text (${(bytes / ARTICLES / 1024).toFixed(1)} KB each), ${tags} tags`);
  const baseline = time(() => docs.map((d) => JSON.stringify({ version: 1, article: d.path, tags: d.tags })).join('\n'));
  console.log(`export: baseline JSON.stringify of the sidecars: ${baseline.ms.toFixed(0)} ms, ${(baseline.value.length / 1048576).toFixed(1)} MB`);
  for (const format of EXPORT_FORMATS) {
    const run = time(() => exportTags(format, docs, { include: 'confirmed' }));
    const size = run.value.reduce((n, f) => n + f.content.length, 0);
    console.log(
      `export: ${format.padEnd(11)} ${run.ms.toFixed(0).padStart(6)} ms  ${(size / 1048576).toFixed(1).padStart(6)} MB  ` +
        `${(run.ms / baseline.ms).toFixed(1)}× baseline  ${((run.ms * 1000) / ARTICLES).toFixed(0)} µs/article`,
    );
  }
}
