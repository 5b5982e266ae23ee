/**
 * What the Corpus Overview webview draws, and the messages between it and the extension.
 * The extension gathers the inputs (sidecars, the corpus index's entity summaries and claim groups,
 * an optional agreement report), calls buildOverviewData, and posts `{ type: 'data', data }`; the
 * page (media/overview/main.ts) only draws what it is given. Everything here is plain JSON-able data,
 * aligned by index so the page needs no lookups: every row's `cells[i]` belongs to `columns[i]`.
 * A column is an article, or, in a workspace of more articles than a page can show side by side, a
 * folder or a run of articles, which the page can zoom into (OverviewScope).
 * Pure: no Node, no vscode.
 */
import { ENTITY_TYPES, type EntityType } from '../detect/types';
import type { Tag, TagKind, TagStatus } from '../sidecar/types';
import type { AgreementReport } from './agreement';

// ---- inputs ----

export interface OverviewArticleInput {
  /** Workspace-relative path: what the page posts back to open the article. */
  path: string;
  /** The sidecar's tags (empty when the article has none). */
  tags: readonly Tag[];
  /** How many claims (detected or tagged) the article has. */
  claimCount: number;
  /**
   * The claims the overview reads one by one, with the date each is about when known: at least those with a date (the
   * timeline), and all of them in an article with claim tags (those reviewed), in text order. A corpus's other claims
   * are only counted.
   */
  claims: readonly { start: number; end: number; text: string; date?: string | null }[];
}

export interface OverviewEntityInput {
  name: string;
  type: EntityType;
  /**
   * Per article that mentions it, once each: the article's place in `articles`, how often, and the UTF-16 offset of the
   * first mention (the corpus index's MentionColumns).
   */
  mentions: { articles: Int32Array; counts: Int32Array; firstOffsets: Int32Array };
}

export interface OverviewClaimGroupInput {
  label: string;
  /** Members, and claims of other articles denying them, each with its stance (and for a denial, what differs). */
  claims: readonly {
    path: string;
    start: number;
    end: number;
    text: string;
    verdict: string | null;
    stance: ClaimStance;
    differs: string | null;
  }[];
}

/** How an article tells a claim: as its own, with a hedge ("reportedly", "believed"), or the opposite. */
export type ClaimStance = 'asserts' | 'hedged' | 'denies';

export interface OverviewInput {
  /** The articles in view (the whole workspace, or the scope zoomed into), sorted by path (code units, as Array.sort). */
  articles: readonly OverviewArticleInput[];
  entities: readonly OverviewEntityInput[];
  claimGroups: readonly OverviewClaimGroupInput[];
  /** The claim groups are still being computed (claimGroups is then empty). */
  claimGroupsPending?: boolean;
  agreement?: AgreementReport | null;
  /** The zooms that led to these articles, outermost first, each with its article count (empty: the whole workspace). */
  trail?: readonly ScopeInTrail[];
  /** At most this many columns (default MAX_COLUMNS). */
  maxColumns?: number;
}

/**
 * A part of the workspace the overview is zoomed into: the articles from `first` to `last` in path order. A folder's
 * articles are such a run, since paths that share a prefix sort together.
 */
export interface OverviewScope {
  first: string;
  last: string;
  /** What the page calls it (the folder, or the run's first and last file). */
  name: string;
}

export interface ScopeInTrail extends OverviewScope {
  articleCount: number;
}

// ---- what the page receives ----

/**
 * Columns side by side on one page before they are folders or runs of articles: beyond this a heat map is a scroll,
 * not an overview, and its cells (a row each per entity and claim group) take the page seconds to draw.
 */
export const MAX_COLUMNS = 80;
/** Dated claims drawn one by one on the timeline; more are counted in bins. */
export const MAX_TIMELINE_CLAIMS = 500;
/** Bins of a timeline with more claims than MAX_TIMELINE_CLAIMS. */
const TIMELINE_BINS = 120;

/** An article, or a folder or run of articles (`articleCount` > 1) the page can zoom into. */
export interface OverviewColumn {
  /** The header: the file name, the folder's name, or the run's first file name. */
  name: string;
  /** The tooltip: the path, the folder's path, or the run's first and last paths. */
  title: string;
  /** The column's articles: from `first` to `last` in path order (one article: both are its path). */
  first: string;
  last: string;
  /** A folder (or part of one), as opposed to a run of articles cut by count. */
  folder: boolean;
  articleCount: number;
  tagCount: number;
}

export interface EntityCell {
  count: number;
  /** Articles of the column with a mention. */
  articles: number;
  /** The first mention in the column: its article and UTF-16 offset. */
  path: string;
  offset: number;
}

export interface OverviewEntity {
  name: string;
  type: EntityType;
  /** Position of the type in ENTITY_TYPES, for sorting by type. */
  typeOrder: number;
  total: number;
  articleCount: number;
  cells: (EntityCell | null)[];
}

export interface ClaimCell {
  path: string;
  start: number;
  end: number;
  text: string;
  verdict: string | null;
  stance: ClaimStance;
  differs: string | null;
}

/** Claims a claim-matrix cell quotes: a column of many articles may hold hundreds of a group's claims. */
export const MAX_CELL_CLAIMS = 5;

/** What a column's articles say of a claim group. */
export interface ClaimMatrixCell {
  /** Asserts when any of its claims asserts the claim (whatever else they say); hedged when all that tell it hedge; else denies. */
  stance: ClaimStance;
  /** Distinct verdicts of its claims, sorted. */
  verdicts: string[];
  /** The group's claims in the column's articles, and how many articles they are in. */
  count: number;
  articles: number;
  /** The first MAX_CELL_CLAIMS of them, by article then position: the tooltip quotes them, a click opens the first. */
  claims: ClaimCell[];
}

export interface OverviewClaimGroup {
  label: string;
  /** An article denies what the others tell. */
  contradiction: boolean;
  /** Distinct verdicts given to the group's members; more than one is worth a look too. */
  verdicts: string[];
  articleCount: number;
  /** Per column: what its articles say of the claim (null when none mentions it). */
  cells: (ClaimMatrixCell | null)[];
}

export interface TimelineClaim {
  /** The date as given (2024, 2024-05 or 2024-05-02, or with a time). */
  date: string;
  /** Milliseconds since the epoch (UTC), for placing it on the axis. */
  time: number;
  path: string;
  start: number;
  end: number;
  text: string;
}

/** A stretch of the timeline with the dated claims in it, for a timeline with too many to draw one by one. */
export interface TimelineBin {
  /** Milliseconds since the epoch (UTC): from (inclusive) and to (exclusive, inclusive for the last bin). */
  from: number;
  to: number;
  count: number;
  /** The bin's earliest claim, which a click opens. */
  first: TimelineClaim;
}

export interface OverviewTotals {
  articles: number;
  articlesWithTags: number;
  tags: number;
  byKindAndStatus: Record<TagKind, Record<TagStatus, number>>;
  /** Tags whose text could not be found again. */
  orphaned: number;
  claims: number;
  /** Claims a claim tag (confirmed or rejected) overlaps: someone has looked at them. */
  reviewedClaims: number;
  /** reviewedClaims / claims; null without claims. */
  reviewedShare: number | null;
  /** Claims with a date the timeline could not read. */
  undatedClaims: number;
}

export interface OverviewData {
  columns: OverviewColumn[];
  /** The zooms that led here, outermost first, each with its article count (empty: the whole workspace). */
  trail: ScopeInTrail[];
  entities: OverviewEntity[];
  claimGroups: OverviewClaimGroup[];
  /** The claim groups are still being computed: the matrix says so rather than that no claim is told twice. */
  claimGroupsPending: boolean;
  /** Every dated claim, in date order, or none when there are more than MAX_TIMELINE_CLAIMS: then `timelineBins`. */
  timeline: TimelineClaim[];
  timelineBins: TimelineBin[];
  /** Dated claims in all (those of `timeline`, or those counted in `timelineBins`). */
  datedClaims: number;
  totals: OverviewTotals;
  agreement: AgreementReport | null;
}

/** The one message the extension posts to the page (again whenever tags change). */
/** `l10n`: the extension's translations (message → translated message), absent in English; the page cannot load them itself. */
/** `indexing`: the workspace is still being indexed (so far `done` of `total` articles); the figures are what is known. */
export type OverviewToWebview = {
  type: 'data';
  data: OverviewData;
  l10n?: Record<string, string>;
  indexing?: { done: number; total: number };
};

/**
 * What the page posts: `ready` once its listener is installed; `open` on a click or Enter on a cell; `zoom` to show
 * a column's articles (`into`), or to go back out to `depth` zooms of the trail (0: the whole workspace).
 */
export type OverviewFromWebview =
  | { type: 'ready' }
  | { type: 'open'; path: string; offset: number }
  | { type: 'zoom'; into: OverviewScope }
  | { type: 'zoom'; depth: number };

/** Longer paths or names in a message than any file system allows are not from our page. */
const MAX_MESSAGE_STRING = 4096;

/** Type guard for messages from the page (they cross a trust boundary: check before use). */
export function isOverviewMessage(value: unknown): value is OverviewFromWebview {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  if (m.type === 'ready') return true;
  if (m.type === 'zoom') return isScope(m.into) || isCount(m.depth);
  return m.type === 'open' && isShortString(m.path) && isCount(m.offset);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isShortString(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_MESSAGE_STRING;
}

function isScope(value: unknown): value is OverviewScope {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Record<string, unknown>;
  return isShortString(s.first) && isShortString(s.last) && isShortString(s.name) && s.first <= s.last;
}

/** The articles of `sorted` (paths in code-unit order) within the scope; all of them without one. */
export function articlesInScope(sorted: readonly string[], scope: OverviewScope | undefined): string[] {
  if (!scope) return [...sorted];
  return sorted.filter((path) => scope.first <= path && path <= scope.last);
}

interface ColumnRun {
  /** Index of the column's first article, and one past its last. */
  start: number;
  end: number;
  /** The folder the run shares, or null for a run cut by count. */
  folder: string | null;
}

/** The folder of a path down to `depth` levels; a file above that depth is a run of its own (its path). */
function folderKey(path: string, depth: number): string {
  let end = -1;
  for (let level = 0; level < depth; level++) {
    end = path.indexOf('/', end + 1);
    if (end < 0) return path;
  }
  return path.slice(0, end);
}

/** How many folders deep a path is. */
function folderDepth(path: string): number {
  let depth = 0;
  for (let at = path.indexOf('/'); at >= 0; at = path.indexOf('/', at + 1)) depth++;
  return depth;
}

function runsByKey(paths: readonly string[], key: (path: string) => string): ColumnRun[] {
  const runs: ColumnRun[] = [];
  let previous: string | undefined;
  paths.forEach((path, i) => {
    const k = key(path);
    if (k === previous) runs[runs.length - 1].end = i + 1;
    else runs.push({ start: i, end: i + 1, folder: k });
    previous = k;
  });
  return runs;
}

/**
 * How the articles (sorted by path) fall into at most `max` columns: one each when they fit; else by folder, at the
 * deepest level that gives at most `max` (and more than one); else in runs of equal size in path order.
 */
export function columnRuns(paths: readonly string[], max: number): ColumnRun[] {
  if (paths.length <= max) return paths.map((_, i) => ({ start: i, end: i + 1, folder: null }));
  let best: ColumnRun[] | undefined;
  const deepest = paths.reduce((deepest, p) => Math.max(deepest, folderDepth(p)), 0);
  // Deeper folders only split runs, so the count grows with the depth: stop at the first depth with too many.
  for (let depth = 1; depth <= deepest; depth++) {
    const runs = runsByKey(paths, (p) => folderKey(p, depth));
    if (runs.length > max) break;
    if (runs.length > 1) best = runs;
  }
  if (best) return best;
  const size = Math.ceil(paths.length / max);
  const runs: ColumnRun[] = [];
  for (let start = 0; start < paths.length; start += size) runs.push({ start, end: Math.min(paths.length, start + size), folder: null });
  return runs;
}

// ---- builder ----

function fileName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** 2024, 2024-05, 2024-05-02 and full ISO times, read as UTC; anything else is null. */
export function parseClaimDate(date: string): number | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date.trim());
  if (m) {
    const [year, month, day] = [Number(m[1]), Number(m[2] ?? 1), Number(m[3] ?? 1)];
    if (month < 1 || month > 12 || day < 1 || day > 31) return null;
    return Date.UTC(year, month - 1, day);
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(date.trim())) return null;
  const time = Date.parse(date);
  return Number.isNaN(time) ? null : time;
}

function totals(articles: readonly OverviewArticleInput[]): OverviewTotals {
  const byKindAndStatus: OverviewTotals['byKindAndStatus'] = {
    entity: { confirmed: 0, rejected: 0 },
    claim: { confirmed: 0, rejected: 0 },
  };
  let tags = 0;
  let orphaned = 0;
  let claims = 0;
  let reviewedClaims = 0;
  let undatedClaims = 0;
  for (const article of articles) {
    for (const tag of article.tags) {
      tags++;
      byKindAndStatus[tag.kind][tag.status]++;
      if (tag.anchoring === 'orphaned') orphaned++;
    }
    claims += article.claimCount;
    const claimTags = article.tags.filter((t) => t.kind === 'claim' && t.anchoring !== 'orphaned');
    for (const claim of article.claims) {
      if (claimTags.some((t) => t.target.start < claim.end && claim.start < t.target.end)) reviewedClaims++;
      if (claim.date && parseClaimDate(claim.date) === null) undatedClaims++;
    }
  }
  return {
    articles: articles.length,
    articlesWithTags: articles.filter((a) => a.tags.length > 0).length,
    tags,
    byKindAndStatus,
    orphaned,
    claims,
    reviewedClaims,
    reviewedShare: claims === 0 ? null : reviewedClaims / claims,
    undatedClaims,
  };
}

/**
 * Aligns everything on the article list (columns in the given order). Entities are sorted by total
 * mentions (the page re-sorts), claim groups by how many articles make them; articles the corpus
 * index knows but the list does not are left out, so every cell has a column.
 */
export function buildOverviewData(input: OverviewInput): OverviewData {
  const paths = input.articles.map((a) => a.path);
  const runs = columnRuns(paths, input.maxColumns ?? MAX_COLUMNS);
  const columns = runs.map((run): OverviewColumn => {
    const first = paths[run.start];
    const last = paths[run.end - 1];
    const articleCount = run.end - run.start;
    let tagCount = 0;
    for (let i = run.start; i < run.end; i++) tagCount += input.articles[i].tags.length;
    const single = articleCount === 1;
    const folder = !single && run.folder !== null;
    return {
      name: single ? fileName(first) : folder ? fileName(run.folder!) : fileName(first),
      title: single ? first : folder ? `${run.folder}/` : `${first} … ${last}`,
      first,
      last,
      folder,
      articleCount,
      tagCount,
    };
  });
  /** Article (by path) → its index in the list: made only when claim groups ask (100,000 paths took 150 ms). */
  let articleIndexMap: Map<string, number> | undefined;
  const articleIndex = (): Map<string, number> => (articleIndexMap ??= new Map(paths.map((p, i) => [p, i])));
  /** Each article's column. */
  const columnOfArticle = new Int32Array(paths.length);
  runs.forEach((run, c) => columnOfArticle.fill(c, run.start, run.end));

  // Cells are filled where an entity or group has members and left null or empty elsewhere, without visiting every
  // column per row: with 10,000 articles and 150 rows each, building and scanning whole rows was most of the overview's time.
  const entities = input.entities
    .map((e): OverviewEntity => {
      const cells: (EntityCell | null)[] = new Array<EntityCell | null>(columns.length).fill(null);
      /** The article of each cell's first mention, to keep the earliest when a column has several. */
      const firstArticle: number[] = [];
      let total = 0;
      let articleCount = 0;
      const { articles, counts, firstOffsets } = e.mentions;
      for (let k = 0; k < articles.length; k++) {
        const a = articles[k];
        const count = counts[k];
        if (a < 0 || a >= paths.length || count <= 0) continue;
        const c = columnOfArticle[a];
        const cell = cells[c];
        if (!cell) {
          cells[c] = { count, articles: 1, path: paths[a], offset: firstOffsets[k] };
          firstArticle[c] = a;
        } else {
          cell.count += count;
          cell.articles++;
          if (a < firstArticle[c]) {
            firstArticle[c] = a;
            cell.path = paths[a];
            cell.offset = firstOffsets[k];
          }
        }
        articleCount++;
        total += count;
      }
      return { name: e.name, type: e.type, typeOrder: ENTITY_TYPES.indexOf(e.type), total, articleCount, cells };
    })
    .filter((e) => e.total > 0)
    .sort((a, b) => b.total - a.total || b.articleCount - a.articleCount || a.name.localeCompare(b.name));

  const claimGroups = input.claimGroups
    .map((g): OverviewClaimGroup => {
      const byColumn = new Map<number, ClaimCell[]>();
      const articles = new Set<number>();
      for (const c of g.claims) {
        const a = articleIndex().get(c.path);
        if (a === undefined) continue;
        articles.add(a);
        const column = columnOfArticle[a];
        let claims = byColumn.get(column);
        if (!claims) byColumn.set(column, (claims = []));
        claims.push({ path: c.path, start: c.start, end: c.end, text: c.text, verdict: c.verdict, stance: c.stance, differs: c.differs });
      }
      const cells: (ClaimMatrixCell | null)[] = new Array<ClaimMatrixCell | null>(columns.length).fill(null);
      const byArticleThenStart = (a: ClaimCell, b: ClaimCell) =>
        articleIndex().get(a.path)! - articleIndex().get(b.path)! || a.start - b.start;
      for (const [column, claims] of byColumn) {
        claims.sort(byArticleThenStart);
        cells[column] = {
          stance: claims.some((c) => c.stance === 'asserts') ? 'asserts' : claims.some((c) => c.stance === 'hedged') ? 'hedged' : 'denies',
          verdicts: verdictsOf(claims),
          count: claims.length,
          articles: new Set(claims.map((c) => c.path)).size,
          claims: claims.slice(0, MAX_CELL_CLAIMS),
        };
      }
      const members = [...byColumn.values()].flat();
      return {
        label: g.label,
        contradiction: members.some((c) => c.stance === 'denies'),
        verdicts: verdictsOf(members),
        articleCount: articles.size,
        cells,
      };
    })
    .filter((g) => g.articleCount > 0)
    .sort((a, b) => b.articleCount - a.articleCount || Number(b.contradiction) - Number(a.contradiction) || a.label.localeCompare(b.label));

  const timeline: TimelineClaim[] = [];
  for (const article of input.articles) {
    for (const c of article.claims) {
      const time = c.date ? parseClaimDate(c.date) : null;
      if (time !== null) timeline.push({ date: c.date!, time, path: article.path, start: c.start, end: c.end, text: c.text });
    }
  }
  // A stable sort: claims of one time stay in the articles' order (by path, as the columns), then in text order.
  timeline.sort((a, b) => a.time - b.time);

  const binned = timeline.length > MAX_TIMELINE_CLAIMS;
  return {
    columns,
    trail: [...(input.trail ?? [])],
    entities,
    claimGroups,
    claimGroupsPending: input.claimGroupsPending ?? false,
    timeline: binned ? [] : timeline,
    timelineBins: binned ? timelineBins(timeline) : [],
    datedClaims: timeline.length,
    totals: totals(input.articles),
    agreement: input.agreement ?? null,
  };
}

function verdictsOf(claims: readonly ClaimCell[]): string[] {
  return [...new Set(claims.map((c) => c.verdict).filter((v): v is string => v !== null))].sort();
}

/** Dated claims (in date order) counted in TIMELINE_BINS stretches of equal length; empty stretches are left out. */
function timelineBins(claims: readonly TimelineClaim[]): TimelineBin[] {
  const from = claims[0].time;
  const to = claims[claims.length - 1].time;
  const width = Math.max(1, (to - from) / TIMELINE_BINS);
  const bins: TimelineBin[] = [];
  for (const claim of claims) {
    const i = Math.min(TIMELINE_BINS - 1, Math.floor((claim.time - from) / width));
    const last = bins[bins.length - 1];
    const binFrom = from + i * width;
    if (last && last.from === binFrom) last.count++;
    else bins.push({ from: binFrom, to: i === TIMELINE_BINS - 1 ? to : binFrom + width, count: 1, first: claim });
  }
  return bins;
}
