/**
 * schema.org ClaimReview (JSON-LD), the markup fact-checkers publish their verdicts in and that
 * search engines and fact-check aggregators read: one ClaimReview per confirmed claim that has a
 * verdict, in a JSON array.
 *
 * - `claimReviewed`: the claim's text; `itemReviewed`: a `Claim` whose `author` is the claim's
 *   source (an Organization when the source is tagged as one, else a Person) and whose
 *   `appearance` is the article (a CreativeWork with its URI: `file://` or under the base URI).
 * - `reviewRating`: a `Rating` with the verdict as `alternateName` and its place on the rating
 *   scale the user configures (`ratingValue` between `worstRating` and `bestRating`). A verdict
 *   that is not on the scale (say "unverified") is no rating: that claim is reported, not written.
 * - `author`: who set the verdict (the tag's author), `datePublished`: the day the tag was last
 *   changed, `url`: the article's URI with the tag id as fragment, which identifies the review.
 *
 * Offset unit: none; claims are identified by their text and the article.
 */
import * as l10n from '@vscode/l10n';
import { exportItems, type ExportDocument, type ExportItem, type ExportOptions, type RatingScale } from './types';
import { articleUrn } from './uris';
import { jsonItems, type FormatWriter } from './writer';

/** The scale for the editor's default verdicts; "unverified" is not a verdict on the claim, so it has no value. */
export const DEFAULT_RATING_SCALE: RatingScale = { worstRating: 1, bestRating: 3, ratings: { false: 1, disputed: 2, supported: 3 } };

export interface SchemaClaimReview {
  '@context': 'https://schema.org';
  '@type': 'ClaimReview';
  url: string;
  claimReviewed: string;
  itemReviewed: {
    '@type': 'Claim';
    author?: { '@type': 'Person' | 'Organization'; name: string };
    appearance: { '@type': 'CreativeWork'; url: string };
  };
  reviewRating: { '@type': 'Rating'; ratingValue: number; bestRating: number; worstRating: number; alternateName: string };
  author?: { '@type': 'Person'; name: string };
  datePublished?: string;
}

export function claimReviewWriter(options: ExportOptions): FormatWriter {
  const problems: string[] = [];
  const scale = options.ratingScale ?? DEFAULT_RATING_SCALE;
  const stream = jsonItems(
    'claimreview.jsonld',
    (doc) =>
      exportItems(doc, options).flatMap((item) => {
        if (item.kind !== 'claim' || item.status !== 'confirmed' || item.verdict === null) return [];
        const value = ratingOf(scale, item.verdict);
        if (value === undefined) {
          problems.push(
            l10n.t(
              '{0}: the claim {1} has the verdict "{2}", which is not on the rating scale; not exported',
              doc.path,
              JSON.stringify(item.quote.slice(0, 60)),
              item.verdict,
            ),
          );
          return [];
        }
        return [claimReview(doc, item, scale, value)];
      }),
    { space: 1 },
  );
  return { stream, problems };
}

function claimReview(doc: ExportDocument, item: ExportItem, scale: RatingScale, value: number): SchemaClaimReview {
  const articleUri = doc.uri ?? articleUrn(doc.path);
  const review: SchemaClaimReview = {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    url: `${articleUri}#${encodeURIComponent(item.id)}`,
    claimReviewed: item.quote,
    itemReviewed: { '@type': 'Claim', appearance: { '@type': 'CreativeWork', url: articleUri } },
    reviewRating: {
      '@type': 'Rating',
      ratingValue: value,
      bestRating: scale.bestRating,
      worstRating: scale.worstRating,
      alternateName: item.verdict ?? '',
    },
  };
  const source = item.claim?.source;
  if (source) review.itemReviewed.author = { '@type': sourceIsOrganization(doc, source) ? 'Organization' : 'Person', name: source.text };
  if (item.author !== null) review.author = { '@type': 'Person', name: item.author };
  if (item.modified !== null) review.datePublished = item.modified.slice(0, 10);
  return review;
}

/** The verdict's value on the scale, its case ignored. */
function ratingOf(scale: RatingScale, verdict: string): number | undefined {
  const wanted = verdict.trim().toLowerCase();
  const key = Object.keys(scale.ratings).find((k) => k.trim().toLowerCase() === wanted);
  return key === undefined ? undefined : scale.ratings[key];
}

/** Whether the article tags the source span (or a span inside it) as an Organization. */
function sourceIsOrganization(doc: ExportDocument, source: { start: number; end: number }): boolean {
  return doc.tags.some(
    (t) =>
      t.kind === 'entity' &&
      t.status === 'confirmed' &&
      t.label === 'Organization' &&
      t.target.start >= source.start &&
      t.target.end <= source.end,
  );
}

/**
 * Reads a rating scale the user wrote (a setting, or the CLI's --rating-scale file):
 * `{"worstRating": 1, "bestRating": 5, "ratings": {"false": 1, …, "true": 5}}`. Throws a readable
 * error when it is not one.
 */
export function parseRatingScale(value: unknown): RatingScale {
  const fail = (why: string): never => {
    throw new Error(
      l10n.t('not a rating scale: {0} (expected {"worstRating": 1, "bestRating": 5, "ratings": {"false": 1, "true": 5}})', why),
    );
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(l10n.t('not an object'));
  const { worstRating, bestRating, ratings } = value as Record<string, unknown>;
  if (typeof worstRating !== 'number' || typeof bestRating !== 'number' || !Number.isFinite(worstRating) || !Number.isFinite(bestRating)) {
    return fail(l10n.t('worstRating and bestRating must be numbers'));
  }
  if (worstRating === bestRating) return fail(l10n.t('worstRating and bestRating are equal'));
  if (typeof ratings !== 'object' || ratings === null || Array.isArray(ratings) || Object.keys(ratings).length === 0) {
    return fail(l10n.t('ratings must map each verdict to a number'));
  }
  const low = Math.min(worstRating, bestRating);
  const high = Math.max(worstRating, bestRating);
  const checked: Record<string, number> = {};
  for (const [verdict, rating] of Object.entries(ratings)) {
    if (typeof rating !== 'number' || rating < low || rating > high)
      return fail(l10n.t('the rating of "{0}" is not a number between worstRating and bestRating', verdict));
    checked[verdict] = rating;
  }
  return { worstRating, bestRating, ratings: checked };
}
