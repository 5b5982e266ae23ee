import type { ClaimParts, Sidecar, Tag } from './types';
import type { NormalizedValue } from '../detect/temporal';
import type { Span } from '../text/span';

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
  return { source: claim.source && orderSpan(claim.source), cue: claim.cue && orderSpan(claim.cue), hedges: claim.hedges.map(orderSpan) };
}

function orderSpan(span: Span): Span {
  return { start: span.start, end: span.end, text: span.text };
}
