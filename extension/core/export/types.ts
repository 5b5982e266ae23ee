/**
 * What every exporter takes and gives. Offsets inside these types are UTF-16 code units (JS string
 * indices), as everywhere in memory; each format module converts to its own unit at the boundary.
 */
import type { NormalizedValue } from '../detect/temporal';
import type { Analysis, Span } from '../detect/types';
import { overlay } from '../present/overlay';
import type { ClaimParts, Sidecar, Tag, TagKind, TagLabel } from '../sidecar/types';

/** A detector finding nobody has ruled on: exported only with `include: 'suggestions'` or `'all'`. */
export interface Suggestion {
  kind: TagKind;
  label: TagLabel;
  start: number;
  end: number;
  /** Check-worthiness of a claim in [0, 1]; null for entities. */
  score: number | null;
  claim: ClaimParts | null;
  /** A Date's or Money's normalized value (see sidecar Tag.value). */
  value?: NormalizedValue;
}

/** One article to export. */
export interface ExportDocument {
  /** Workspace-relative, forward slashes ("news/2024/article.txt"). */
  path: string;
  /**
   * The article's absolute URI (its `file://` URI, or a base URI plus `path`), for formats that link
   * to it (W3C targets, ClaimReview); without one they use a URN made of `path` (see uris.ts).
   */
  uri?: string;
  /** The article text, BOM stripped, line ends as on disk. */
  text: string;
  tags: Tag[];
  suggestions?: Suggestion[];
}

/** Confirmed tags only, the detector's suggestions only (pre-annotation), or both. */
export type Include = 'confirmed' | 'suggestions' | 'all';
export const INCLUDES: readonly Include[] = ['confirmed', 'suggestions', 'all'];

/** A rating scale for ClaimReview: each verdict's value between worst and best (schema.org Rating). */
export interface RatingScale {
  worstRating: number;
  bestRating: number;
  /** Verdict (as tagged) → ratingValue. */
  ratings: Record<string, number>;
}

export interface ExportOptions {
  include: Include;
  /** The absolute URI of the export file itself (the W3C collection's id); a URN when not given. */
  collectionUri?: string;
  /** ClaimReview's scale; without one, verdicts are rated on the default scale (claimreview.ts). */
  ratingScale?: RatingScale;
}

/** One output file; `path` is relative to the output folder (multi-file formats) or a default name. */
export interface ExportFile {
  path: string;
  content: string;
}

/** A tag or a suggestion, flattened for the exporters. */
export interface ExportItem {
  /** The tag's id; suggestions get a stable id made of kind and position. */
  id: string;
  status: 'confirmed' | 'suggested';
  kind: TagKind;
  label: TagLabel;
  start: number;
  end: number;
  quote: string;
  tags: string[];
  verdict: string | null;
  note: string | null;
  entityId: string | null;
  claim: ClaimParts | null;
  score: number | null;
  /** Date and Money: the normalized value (see sidecar Tag.value); null when there is none. */
  value: NormalizedValue | null;
  author: string | null;
  created: string | null;
  modified: string | null;
}

/** Builds the export input for one article from its sidecar and, when given, the detector's findings on it. */
export function exportDocument(path: string, text: string, sidecar: Sidecar, analysis?: Analysis, uri?: string): ExportDocument {
  const doc: ExportDocument = { path, text, tags: sidecar.tags };
  if (uri !== undefined) doc.uri = uri;
  if (analysis) doc.suggestions = suggestionsFrom(analysis, sidecar.tags);
  return doc;
}

/** The detector's findings that no tag (confirmed or rejected) has ruled on. */
export function suggestionsFrom(analysis: Analysis, tags: readonly Tag[]): Suggestion[] {
  const out: Suggestion[] = [];
  for (const mark of overlay(analysis, tags)) {
    if (mark.state !== 'suggested') continue;
    if (mark.kind === 'entity') {
      const value = mark.entity.date ?? mark.entity.money;
      out.push({
        kind: 'entity',
        label: mark.label,
        start: mark.start,
        end: mark.end,
        score: null,
        claim: null,
        ...(value ? { value } : {}),
      });
    } else {
      const { source, cue, hedges } = mark.claim;
      // In millionths, as the corpus keeps scores (cache.ts): an article exports the same whether its analysis comes
      // from its editor or from the corpus.
      const score = Math.round(mark.claim.score * 1e6) / 1e6;
      out.push({ kind: 'claim', label: 'Claim', start: mark.start, end: mark.end, score, claim: { source, cue, hedges } });
    }
  }
  return out;
}

/**
 * Why a stored tag is left out of every export: rejected tags are a researcher's "no", orphaned
 * ones have no trustworthy position, and a tag whose quote no longer sits at its offsets belongs to
 * an older version of the text (re-open the article in the editor to re-anchor it).
 */
export function skipReason(tag: Tag, text: string): string | null {
  if (tag.status === 'rejected') return 'rejected';
  if (tag.anchoring === 'orphaned') return 'orphaned';
  if (text.slice(tag.target.start, tag.target.end) !== tag.target.quote) return 'quote not at its offsets';
  return null;
}

/** The tags and/or suggestions (as `include` says) to write, sorted by position. */
export function exportItems(doc: ExportDocument, options: ExportOptions): ExportItem[] {
  const items: ExportItem[] = [];
  for (const tag of options.include === 'suggestions' ? [] : doc.tags) {
    if (skipReason(tag, doc.text) !== null) continue;
    items.push({
      id: tag.id,
      status: 'confirmed',
      kind: tag.kind,
      label: tag.label,
      start: tag.target.start,
      end: tag.target.end,
      quote: tag.target.quote,
      tags: tag.tags,
      verdict: tag.verdict,
      note: tag.note,
      entityId: tag.entityId,
      claim: tag.claim,
      score: null,
      value: tag.value ?? null,
      author: tag.author,
      created: tag.created,
      modified: tag.modified,
    });
  }
  if (options.include !== 'confirmed') {
    for (const s of doc.suggestions ?? []) {
      items.push({
        id: `s-${s.kind}-${s.start}-${s.end}`,
        status: 'suggested',
        kind: s.kind,
        label: s.label,
        start: s.start,
        end: s.end,
        quote: doc.text.slice(s.start, s.end),
        tags: [],
        verdict: null,
        note: null,
        entityId: null,
        claim: s.claim,
        score: s.score,
        value: s.value ?? null,
        author: null,
        created: null,
        modified: null,
      });
    }
  }
  return items.sort((a, b) => a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The single-span parts of a claim by role, and the field of ClaimParts each fills. */
export const CLAIM_PART_FIELD = { Source: 'source', ResolvedSource: 'resolvedSource', Cue: 'cue', Content: 'content' } as const;
export type ClaimPartRole = keyof typeof CLAIM_PART_FIELD | 'Hedge';

/** The parts of a claim that point into the text, each with the role it plays. */
export function claimParts(claim: ClaimParts | null): { role: ClaimPartRole; span: Span }[] {
  if (!claim) return [];
  const parts: { role: ClaimPartRole; span: Span }[] = [];
  for (const [role, field] of Object.entries(CLAIM_PART_FIELD) as [
    keyof typeof CLAIM_PART_FIELD,
    (typeof CLAIM_PART_FIELD)[keyof typeof CLAIM_PART_FIELD],
  ][]) {
    const span = claim[field];
    if (span) parts.push({ role, span });
  }
  for (const h of claim.hedges) parts.push({ role: 'Hedge', span: h });
  return parts;
}
