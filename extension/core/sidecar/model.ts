import { targetAt } from './target';
import type { ClaimMention } from '../detect/types';
import { articleDate, normalizedValue } from '../detect/temporal';
import { contentHash } from '../text/hash';
import { SIDECAR_VERSION, type ClaimParts, type Sidecar, type Tag, type TagKind, type TagLabel, type TagStatus } from './types';
import { randomId } from '../text/randomId';

export function emptySidecar(articleName: string, text: string): Sidecar {
  return { version: SIDECAR_VERSION, article: articleName, contentHash: contentHash(text), offsetUnit: 'utf16', tags: [] };
}

/** A random id, unique across researchers and windows, so concurrent sidecars merge by id. */
export function newTagId(): string {
  return randomId('t');
}

export interface NewTag {
  kind: TagKind;
  label: TagLabel;
  status: TagStatus;
  start: number;
  end: number;
  claim?: ClaimParts | null;
}

export interface Stamp {
  author: string;
  /** ISO 8601 time of the change. */
  now: string;
}

export function addTag(sidecar: Sidecar, text: string, input: NewTag, stamp: Stamp): { sidecar: Sidecar; tag: Tag } {
  const tag: Tag = {
    id: newTagId(),
    kind: input.kind,
    label: input.label,
    status: input.status,
    target: targetAt(text, input.start, input.end),
    anchoring: 'exact',
    tags: [],
    verdict: null,
    note: null,
    claim: input.kind === 'claim' ? (input.claim ?? { source: null, cue: null, hedges: [] }) : null,
    entityId: null,
    author: stamp.author,
    created: stamp.now,
    modified: stamp.now,
  };
  const value = normalizedValue(tag.label, tag.target.quote, tag.label === 'Date' ? articleDate(text) : undefined);
  if (value) tag.value = value;
  return { sidecar: { ...sidecar, contentHash: contentHash(text), tags: [...sidecar.tags, tag] }, tag };
}

export type TagChange = Partial<Pick<Tag, 'label' | 'status' | 'tags' | 'verdict' | 'note' | 'entityId'>>;

export function updateTag(sidecar: Sidecar, id: string, change: TagChange, stamp: Stamp): Sidecar {
  return {
    ...sidecar,
    tags: sidecar.tags.map((t) => (t.id === id ? { ...t, ...change, author: stamp.author, modified: stamp.now } : t)),
  };
}

export function removeTag(sidecar: Sidecar, id: string): Sidecar {
  return { ...sidecar, tags: sidecar.tags.filter((t) => t.id !== id) };
}

/** What a confirmed claim keeps of the detector's findings: its attribution, content, hedges and check-worthiness. */
export function claimParts(claim: ClaimMention): ClaimParts {
  return {
    source: claim.source,
    cue: claim.cue,
    hedges: claim.hedges,
    ...(claim.resolvedSource !== undefined && { resolvedSource: claim.resolvedSource }),
    ...(claim.content && { content: claim.content }),
    checkWorthiness: Math.round(claim.score * 1000) / 1000,
  };
}
