// Shared by the export tests: the fixture articles with tags made through the sidecar model.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addTag, emptySidecar, updateTag, type Stamp } from '../../../extension/core/sidecar/model';
import type { Sidecar, TagLabel } from '../../../extension/core/sidecar/types';
import type { Span } from '../../../extension/core/detect/types';
import type { ExportDocument } from '../../../extension/core/export/types';

export const FIXTURES = join(__dirname, '../../../../test/fixtures/export');
export const STAMP: Stamp = { author: 'Ana Tester', now: '2025-01-02T03:04:05.000Z' };

export function readFixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

/** The UTF-16 span of the n-th (0-based) occurrence of `quote`, or of the text from `quote` through `through`. */
export function find(text: string, quote: string, nth = 0, through?: string): Span {
  let start = -1;
  for (let i = 0; i <= nth; i++) start = text.indexOf(quote, start + 1);
  if (start < 0) throw new Error(`fixture has no ${JSON.stringify(quote)} #${nth}`);
  const end = through === undefined ? start + quote.length : text.indexOf(through, start) + through.length;
  return { start, end, text: text.slice(start, end) };
}

interface TagSpec {
  label: TagLabel;
  span: Span;
  tags?: string[];
  verdict?: string;
  note?: string;
  entityId?: string;
  claim?: { source: Span | null; cue: Span | null; hedges: Span[] };
}

export function tagged(text: string, name: string, specs: TagSpec[]): Sidecar {
  let sidecar = emptySidecar(name, text);
  for (const spec of specs) {
    const kind = spec.label === 'Claim' ? 'claim' : 'entity';
    const added = addTag(
      sidecar,
      text,
      { kind, label: spec.label, status: 'confirmed', start: spec.span.start, end: spec.span.end, claim: spec.claim ?? null },
      STAMP,
    );
    sidecar = updateTag(
      added.sidecar,
      added.tag.id,
      { tags: spec.tags ?? [], verdict: spec.verdict ?? null, note: spec.note ?? null, entityId: spec.entityId ?? null },
      STAMP,
    );
  }
  return sidecar;
}

/** mixed.txt: CRLF lines, emoji before and inside spans, CJK, a claim across a line break. */
export function mixedDoc(): ExportDocument & { sidecar: Sidecar } {
  const text = readFixture('mixed.txt');
  const sidecar = tagged(text, 'mixed.txt', [
    { label: 'Person', span: find(text, 'Li Wei'), entityId: 'Q-li-wei', tags: ['mayor'] },
    { label: 'Location', span: find(text, '北京') },
    { label: 'Date', span: find(text, 'Monday') },
    { label: 'Organization', span: find(text, 'Reuters') },
    { label: 'Money', span: find(text, '$60 million 💰') },
    {
      label: 'Claim',
      span: find(text, 'According to Reuters', 0, 'parks,'),
      tags: ['budget', 'needs "source", check', '🌳'],
      verdict: 'Mostly true',
      note: 'Council minutes say $58 million.\nAsk the press office.',
      claim: { source: find(text, 'Reuters'), cue: find(text, 'According to'), hedges: [] },
    },
    {
      label: 'Claim',
      span: find(text, 'officials called', 0, 'reportedly'),
      claim: { source: find(text, 'Li Wei', 1), cue: find(text, 'said'), hedges: [find(text, 'reportedly')] },
    },
    { label: 'Person', span: find(text, 'Li Wei', 1), entityId: 'Q-li-wei' },
  ]);
  return { path: 'news/mixed.txt', text, tags: sidecar.tags, sidecar };
}

/** notes.md: Markdown, LF, emoji in a heading, CJK. */
export function notesDoc(): ExportDocument & { sidecar: Sidecar } {
  const text = readFixture('notes.md');
  const sidecar = tagged(text, 'notes.md', [
    { label: 'Person', span: find(text, 'Ana Souza') },
    { label: 'Organization', span: find(text, 'Port Authority') },
    { label: 'Location', span: find(text, '東京') },
    { label: 'Location', span: find(text, 'Lisbon') },
    { label: 'Date', span: find(text, '2024-05-01') },
    {
      label: 'Claim',
      span: find(text, 'Dr. Ana Souza', 0, 'in 2023.'),
      claim: { source: find(text, 'Dr. Ana Souza'), cue: find(text, 'said'), hedges: [] },
    },
  ]);
  return { path: 'notes.md', text, tags: sidecar.tags, sidecar };
}

/** Code-point slice, the way Python reads offsets. */
export function cpSlice(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('');
}
