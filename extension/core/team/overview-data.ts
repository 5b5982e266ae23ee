/**
 * What the Corpus Overview webview draws, and the messages between it and the extension.
 * The extension gathers the inputs (sidecars, the corpus index's entity summaries and claim groups,
 * an optional agreement report), calls buildOverviewData, and posts `{ type: 'data', data }`; the
 * page (media/overview/main.ts) only draws what it is given. Everything here is plain JSON-able data,
 * aligned by index so the page needs no lookups: every row's `cells[i]` belongs to `articles[i]`.
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
  /** The article's claims (detected or tagged), with the date each is about when known. */
  claims: readonly { start: number; end: number; text: string; date?: string | null }[];
}

export interface OverviewEntityInput {
  name: string;
  type: EntityType;
  /** Keyed by article path; `firstOffset` is the UTF-16 offset of the first mention. */
  mentionsByArticle: Readonly<Record<string, { count: number; firstOffset: number }>>;
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
  articles: readonly OverviewArticleInput[];
  entities: readonly OverviewEntityInput[];
  claimGroups: readonly OverviewClaimGroupInput[];
  /** The claim groups are still being computed (claimGroups is then empty). */
  claimGroupsPending?: boolean;
  agreement?: AgreementReport | null;
}

// ---- what the page receives ----

export interface OverviewArticle {
  path: string;
  /** The file name, for narrow column headers (the path goes in the tooltip). */
  name: string;
  tagCount: number;
}

export interface EntityCell {
  count: number;
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
  start: number;
  end: number;
  text: string;
  verdict: string | null;
  stance: ClaimStance;
  differs: string | null;
}

export interface OverviewClaimGroup {
  label: string;
  /** An article denies what the others tell. */
  contradiction: boolean;
  /** Distinct verdicts given to the group's members; more than one is worth a look too. */
  verdicts: string[];
  articleCount: number;
  /** Per article: the group's claims in it (empty when the article does not mention the claim). */
  cells: ClaimCell[][];
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
  articles: OverviewArticle[];
  entities: OverviewEntity[];
  claimGroups: OverviewClaimGroup[];
  /** The claim groups are still being computed: the matrix says so rather than that no claim is told twice. */
  claimGroupsPending: boolean;
  timeline: TimelineClaim[];
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

/** What the page posts: `ready` once its listener is installed; `open` on a click or Enter on a cell. */
export type OverviewFromWebview = { type: 'ready' } | { type: 'open'; path: string; offset: number };

/** Type guard for messages from the page (they cross a trust boundary: check before use). */
export function isOverviewMessage(value: unknown): value is OverviewFromWebview {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  if (m.type === 'ready') return true;
  return m.type === 'open' && typeof m.path === 'string' && typeof m.offset === 'number' && Number.isInteger(m.offset) && m.offset >= 0;
}

// ---- builder ----

/** The cell of an article where a claim group has no member (shared: it is only read, and serialized as []). */
const NO_CLAIMS: ClaimCell[] = Object.freeze([]) as unknown as ClaimCell[];

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
    const claimTags = article.tags.filter((t) => t.kind === 'claim' && t.anchoring !== 'orphaned');
    for (const claim of article.claims) {
      claims++;
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
  const articles = input.articles.map((a) => ({ path: a.path, name: fileName(a.path), tagCount: a.tags.length }));
  const column = new Map(articles.map((a, i) => [a.path, i]));

  // Cells are filled where an entity or group has members and left null or empty elsewhere, without visiting every
  // column per row: with 10,000 articles and 150 rows each, building and scanning whole rows was most of the overview's time.
  const entities = input.entities
    .map((e): OverviewEntity => {
      const cells: (EntityCell | null)[] = new Array<EntityCell | null>(articles.length).fill(null);
      let total = 0;
      let articleCount = 0;
      for (const [path, m] of Object.entries(e.mentionsByArticle)) {
        const i = column.get(path);
        // Each path once (the keys of a record), each in its own column.
        if (i === undefined || m.count <= 0) continue;
        cells[i] = { count: m.count, offset: m.firstOffset };
        articleCount++;
        total += m.count;
      }
      return { name: e.name, type: e.type, typeOrder: ENTITY_TYPES.indexOf(e.type), total, articleCount, cells };
    })
    .filter((e) => e.total > 0)
    .sort((a, b) => b.total - a.total || b.articleCount - a.articleCount || a.name.localeCompare(b.name));

  const claimGroups = input.claimGroups
    .map((g): OverviewClaimGroup => {
      const cells: ClaimCell[][] = new Array<ClaimCell[]>(articles.length).fill(NO_CLAIMS);
      const filled: number[] = [];
      for (const c of g.claims) {
        const i = column.get(c.path);
        if (i === undefined) continue;
        if (cells[i] === NO_CLAIMS) {
          cells[i] = [];
          filled.push(i);
        }
        cells[i].push({ start: c.start, end: c.end, text: c.text, verdict: c.verdict, stance: c.stance, differs: c.differs });
      }
      filled.sort((a, b) => a - b);
      const members: ClaimCell[] = [];
      for (const i of filled) members.push(...cells[i].sort((a, b) => a.start - b.start));
      return {
        label: g.label,
        contradiction: members.some((c) => c.stance === 'denies'),
        verdicts: [...new Set(members.map((c) => c.verdict).filter((v): v is string => v !== null))].sort(),
        articleCount: filled.length,
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
  // One collator for the whole sort: localeCompare's order, without setting up the locale at each comparison.
  const byLocale = new Intl.Collator().compare;
  timeline.sort((a, b) => a.time - b.time || byLocale(a.path, b.path) || a.start - b.start);

  return {
    articles,
    entities,
    claimGroups,
    claimGroupsPending: input.claimGroupsPending ?? false,
    timeline,
    totals: totals(input.articles),
    agreement: input.agreement ?? null,
  };
}
