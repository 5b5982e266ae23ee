import type { KnownEntity } from '../core/detect/types';

/**
 * Messages between the host (editor or CLI) and an analysis worker. Texts go in; each result comes back
 * as the cache's encoding of the analysis (a transferable buffer, not a tree of objects to copy) with
 * the text's content hash, both computed off the host's thread.
 */
export type ToWorker =
  | { kind: 'start'; model: Uint8Array | null }
  | { kind: 'known'; known: readonly KnownEntity[] }
  | { kind: 'analyze'; id: number; text: string; format: 'markdown' | 'plaintext' };

export type FromWorker = { kind: 'done'; id: number; hash: string; analysis: Uint8Array } | { kind: 'failed'; id: number; message: string };
