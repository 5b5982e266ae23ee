import * as l10n from '@vscode/l10n';
import type { ClaimParts, Sidecar, Tag } from './types';
import type { NormalizedValue } from '../detect/temporal';
import type { Span } from '../detect/types';
import { readSidecar } from './read';

export type SidecarText = { ok: true; text: string } | { ok: false; problem: string };

/**
 * The text every writer (CLI and editor) writes for a sidecar, once it has passed the same checks
 * readers make (schema, consistency, size): a writer that would produce a file `validate`, `export`,
 * the merge driver or the editor refuse says why and writes nothing, so the tags already in the file stay readable.
 */
export function sidecarToWrite(sidecar: Sidecar): SidecarText {
  const text = writeSidecar(sidecar);
  const check = readSidecar(text, utf8Length(text));
  return check.ok ? { ok: true, text } : { ok: false, problem: l10n.t('the sidecar would not be valid: {0}', check.problem) };
}

/** Bytes of `text` in UTF-8, without encoding it. */
function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Two bytes up to U+07FF, three beyond; a surrogate pair (four bytes) is two units of three counted as two.
    if (c >= 0x80) bytes += c >= 0x800 && (c < 0xd800 || c > 0xdfff) ? 2 : 1;
  }
  return bytes;
}

/**
 * Serializes a sidecar for git: keys in a fixed order, tags sorted by position (ties by id), two-space
 * indentation so every tag is its own block, and a final newline. The same tags always give the same bytes.
 */
export function writeSidecar(sidecar: Sidecar): string {
  const tags = [...sidecar.tags].sort(
    (a, b) => a.target.start - b.target.start || a.target.end - b.target.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const ordered = {
    version: sidecar.version,
    article: sidecar.article,
    contentHash: sidecar.contentHash,
    offsetUnit: sidecar.offsetUnit,
    tags: tags.map(orderTag),
  };
  return JSON.stringify(ordered, null, 2) + '\n';
}

function orderTag(tag: Tag): Tag {
  const ordered: Tag = {
    id: tag.id,
    kind: tag.kind,
    label: tag.label,
    status: tag.status,
    target: {
      start: tag.target.start,
      end: tag.target.end,
      quote: tag.target.quote,
      prefix: tag.target.prefix,
      suffix: tag.target.suffix,
    },
    anchoring: tag.anchoring,
    tags: [...tag.tags].sort(),
    verdict: tag.verdict,
    note: tag.note,
    claim: tag.claim && orderClaim(tag.claim),
    entityId: tag.entityId,
    author: tag.author,
    created: tag.created,
    modified: tag.modified,
  };
  // Only tags that have a value get the key, so sidecars without values keep their bytes.
  return tag.value ? { ...ordered, value: orderValue(tag.value) } : ordered;
}

function orderValue(value: NormalizedValue): NormalizedValue {
  if ('kind' in value) return value.iso === undefined ? { kind: value.kind } : { kind: value.kind, iso: value.iso };
  return {
    ...(value.currency !== undefined ? { currency: value.currency } : {}),
    ...(value.amount !== undefined ? { amount: value.amount } : {}),
    ...(value.upTo !== undefined ? { upTo: value.upTo } : {}),
  };
}

function orderClaim(claim: ClaimParts): ClaimParts {
  return {
    source: claim.source && orderSpan(claim.source),
    cue: claim.cue && orderSpan(claim.cue),
    hedges: claim.hedges.map(orderSpan),
    ...(claim.resolvedSource !== undefined && { resolvedSource: claim.resolvedSource && orderSpan(claim.resolvedSource) }),
    ...(claim.content !== undefined && { content: claim.content && orderSpan(claim.content) }),
    ...(claim.checkWorthiness !== undefined && { checkWorthiness: claim.checkWorthiness }),
  };
}

function orderSpan(span: Span): Span {
  return { start: span.start, end: span.end, text: span.text };
}
