import { analysisBetween, type IncrementalState } from '../detect/incremental';
import type { Analysis } from '../detect/types';
import type { Tag } from '../sidecar/types';
import type { Mark } from './overlay';

export const EMPTY_ANALYSIS: Analysis = { entities: [], claims: [] };

/** How many suggestions, confirmed tags and claims an article shows. */
export interface MarkCounts {
  suggested: number;
  confirmed: number;
  claims: number;
}

/**
 * Leaves out what the researcher does not want suggested: weak claims (below `minClaimScore`) and
 * rejected names (names from the knowledge base are always found). Returns `analysis` itself when nothing is left out.
 */
export function suggestable(analysis: Analysis, minClaimScore: number, isRejected: (name: string) => boolean): Analysis {
  const entities = analysis.entities.filter((e) => e.origin === 'knowledge' || !isRejected(e.text));
  const claims = minClaimScore > 0 ? analysis.claims.filter((c) => c.score >= minClaimScore) : analysis.claims;
  return entities.length === analysis.entities.length && claims === analysis.claims ? analysis : { entities, claims };
}

/** What counting an article's marks needs: the marks when already built, else the analysis chunks and the tags. */
export interface CountInput {
  marks?: readonly Mark[];
  incremental: IncrementalState | null;
  tags: readonly Tag[];
  minClaimScore: number;
  /** The suggestions of one chunk the researcher sees (see `suggestable`). */
  shown: (analysis: Analysis) => Analysis;
}

/**
 * The counts the status bar shows, without building every mark of a long article: suggestions per
 * chunk, minus those a tag on the same span replaces, plus confirmed tags.
 */
export function countMarks({ marks, incremental, tags, minClaimScore, shown }: CountInput): MarkCounts {
  if (marks) {
    return {
      suggested: marks.filter((m) => m.state === 'suggested').length,
      confirmed: marks.filter((m) => m.state === 'confirmed').length,
      claims: marks.filter((m) => m.kind === 'claim').length,
    };
  }
  let entities = 0;
  let claims = 0;
  for (const chunk of incremental?.chunks ?? []) {
    const visible = shown(chunk.analysis);
    entities += visible.entities.length;
    claims += visible.claims.length;
  }
  const live = tags.filter((t) => t.anchoring !== 'orphaned');
  // A tag on a suggestion's exact span replaces it: subtract those, found through the chunks they sit in.
  let ruledEntities = 0;
  let ruledClaims = 0;
  const confirmed = live.filter((t) => t.status === 'confirmed');
  for (const tag of live) {
    const found = incremental ? analysisBetween(incremental, tag.target.start, tag.target.end) : EMPTY_ANALYSIS;
    const same = (m: { start: number; end: number }) => m.start === tag.target.start && m.end === tag.target.end;
    if (tag.kind === 'entity' && found.entities.some(same)) ruledEntities++;
    if (tag.kind === 'claim' && found.claims.some((c) => same(c) && c.score >= minClaimScore)) ruledClaims++;
  }
  return {
    suggested: entities - ruledEntities + claims - ruledClaims,
    confirmed: confirmed.length,
    claims: claims - ruledClaims + confirmed.filter((t) => t.kind === 'claim').length,
  };
}
