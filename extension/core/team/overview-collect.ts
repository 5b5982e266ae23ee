/**
 * What the Corpus Overview shows, read from the corpus index: shared by the editor's page and the scale bench, so
 * the bench times what the page is given. Pure: no Node, no vscode.
 */
import type { ClaimGroup, CorpusIndex } from '../corpus/types';
import type { Tag } from '../sidecar/types';
import type { AgreementReport } from './agreement';
import {
  articlesInScope,
  buildOverviewData,
  type OverviewArticleInput,
  type OverviewData,
  type OverviewEntityInput,
  type OverviewScope,
} from './overview-data';

/** The heat map shows the most mentioned entities; more would make an unreadable page. */
export const MAX_ENTITIES = 150;
/** Likewise the claim groups told by the most articles. */
export const MAX_CLAIM_GROUPS = 150;

export interface OverviewSources {
  /** The zooms the page asked for, outermost first; empty: the whole workspace. */
  trail: readonly OverviewScope[];
  /** The claim groups, or undefined while they are computed. */
  claimGroups: readonly ClaimGroup[] | undefined;
  /** Tags of an article newer than the index's (an open article's sidecar), if any. */
  openTags?: (path: string) => readonly Tag[] | undefined;
  agreement?: AgreementReport | null;
}

/**
 * The figures of the articles in the innermost zoom: the entities they mention most, and the claim groups they tell
 * (those told by the most articles first). A zoom whose articles are all gone (renamed, deleted) is left
 * for the nearest one out that still has some: `trail` in the result is the one used.
 */
export function collectOverview(index: CorpusIndex, sources: OverviewSources): OverviewData {
  const all = index.documents();
  let trail = [...sources.trail];
  while (trail.length > 0 && articlesInScope(all, trail[trail.length - 1]).length === 0) trail = trail.slice(0, -1);
  const articles = articlesInScope(all, trail[trail.length - 1]).map((path): OverviewArticleInput => {
    const tags = sources.openTags?.(path) ?? index.tagsOf(path);
    // Each claim is read only where a claim tag may have reviewed it; elsewhere only the dated ones, for the timeline.
    const reviewed = tags.some((t) => t.kind === 'claim');
    return { path, tags, claimCount: index.claimCount(path), claims: reviewed ? index.claimsOf(path) : index.datedClaims(path) };
  });
  // In a zoom, the entities and groups of its articles: the workspace's top ones would leave out those of a folder of its own.
  const zoomed = trail.length > 0;
  const inView = new Set(zoomed ? articles.map((a) => a.path) : []);
  const top = index.entities(zoomed ? { paths: [...inView], limit: MAX_ENTITIES } : { limit: MAX_ENTITIES });
  const columns = index.mentionColumns(
    top.map((e) => e.entityId ?? e.name),
    articles.map((a) => a.path),
  );
  const entities = top.map((e, i): OverviewEntityInput => ({ name: e.name, type: e.type, mentions: columns[i] }));
  return buildOverviewData({
    articles,
    entities,
    claimGroups: (zoomed
      ? (sources.claimGroups ?? []).filter((g) => g.paths.some((path) => inView.has(path)))
      : (sources.claimGroups ?? [])
    ).slice(0, MAX_CLAIM_GROUPS),
    claimGroupsPending: !sources.claimGroups,
    agreement: sources.agreement ?? null,
    trail: trail.map((scope) => ({ ...scope, articleCount: articlesInScope(all, scope).length })),
  });
}
