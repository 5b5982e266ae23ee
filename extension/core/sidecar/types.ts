import type { NormalizedValue } from '../detect/temporal';
import type { EntityType, Span } from '../detect/types';

/** The sidecar format this build writes. Files with a higher version are opened read-only. */
export const SIDECAR_VERSION = 1;
/** Sidecar file name: the article's file name plus this suffix, in the same folder. */
export const SIDECAR_SUFFIX = '.tags.json';

export type TagKind = 'entity' | 'claim';
export type TagStatus = 'confirmed' | 'rejected';
export type ClaimLabel = 'Claim';
export type TagLabel = EntityType | ClaimLabel;

/** How a tag's target was last found in the article's text (see anchor/). */
export type Anchoring = 'exact' | 'moved' | 'fuzzy' | 'orphaned';

/** Where a tag sits: a text position plus a quote with context, so it can be found again after edits. */
export interface TagTarget {
  /** UTF-16 code units from the start of the article text (after any BOM), end exclusive. */
  start: number;
  end: number;
  quote: string;
  prefix: string;
  suffix: string;
}

export interface ClaimParts {
  source: Span | null;
  cue: Span | null;
  hedges: Span[];
}

export interface Tag {
  id: string;
  kind: TagKind;
  label: TagLabel;
  status: TagStatus;
  target: TagTarget;
  anchoring: Anchoring;
  tags: string[];
  verdict: string | null;
  note: string | null;
  /** For claims: the attribution the detector found (or the researcher edited), positions as in target. */
  claim: ClaimParts | null;
  entityId: string | null;
  /**
   * Date and Money tags: the normalized value of the quote (a date's kind and ISO value, an amount's
   * currency and value). Optional: sidecars written before it, and other labels, have none.
   */
  value?: NormalizedValue;
  author: string;
  created: string;
  modified: string;
}

export interface Sidecar {
  version: number;
  /** The article's file name (no folder), so a moved sidecar still says what it belongs to. */
  article: string;
  /** "sha256:" + hex of the article text encoded as UTF-8 (without BOM), when the tags were last written. */
  contentHash: string;
  offsetUnit: 'utf16';
  tags: Tag[];
}
