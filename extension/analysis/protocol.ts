import type { KnownEntity } from '../core/detect/types';

/**
 * Messages between the host (editor or CLI) and an analysis worker. Texts go in; each result comes back
 * as the cache's encoding of the analysis (a transferable buffer, not a tree of objects to copy) with
 * the text's content hash and what the corpus index reads from it (its claims' features, as JSON), all
 * computed off the host's thread.
 */
/**
 * The detector's weight files: the entity tagger's (detector.bin), the claims model's (claims.bin) and
 * the date and money tagger's (dates.bin); null where a file is missing.
 */
export interface ModelFiles {
  tagger: Uint8Array | null;
  claims: Uint8Array | null;
  dates: Uint8Array | null;
}

export type ToWorker =
  | { kind: 'start'; models: ModelFiles }
  | { kind: 'known'; known: readonly KnownEntity[] }
  | { kind: 'analyze'; id: number; text: string; format: 'markdown' | 'plaintext' };

export type FromWorker =
  { kind: 'done'; id: number; hash: string; analysis: Uint8Array; features: string } | { kind: 'failed'; id: number; message: string };
