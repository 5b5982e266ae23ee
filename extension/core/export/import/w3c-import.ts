/**
 * Reads W3C Web Annotations (an AnnotationCollection, an AnnotationPage, a list, or one Annotation)
 * into imported tags, grouped by target source: an article URI (`file://`, a base URI, our URN)
 * or, in files written before identifiers were absolute, a relative path. TextPositionSelector offsets are code points, as
 * the Recommendation says; the TextQuoteSelector (exact, prefix, suffix) anchors when they do not
 * match. The label comes from a `classifying` body naming one of our labels (or `sa:kind` Claim);
 * `tagging`, `commenting`, `assessing` and `identifying` bodies become free tags, note, verdict and
 * entity id. Annotations with `sa:status` "suggested" are not imported.
 */
import * as l10n from '@vscode/l10n';
import { ENTITY_TYPES } from '../../detect/types';
import type { TagLabel } from '../../sidecar/types';
import { articleNameFromUri } from '../uris';
import { asList, isObject, type Json } from './json';
import type { ImportedArticle, ImportedTag, Locator } from './types';

const LABELS = new Set<string>([...ENTITY_TYPES, 'Claim']);

export function parseW3c(data: unknown): ImportedArticle[] {
  const byArticle = new Map<string, ImportedArticle>();
  const loose: string[] = [];
  annotationsIn(data).forEach((anno, index) => {
    const origin = typeof anno.id === 'string' ? anno.id : `annotation ${index + 1}`;
    const target = firstTarget(anno.target);
    if (!target) return void loose.push(l10n.t('{0}: no target with a source and a text selector', origin));
    const article = byArticle.get(target.source) ?? { article: target.source, text: null, tags: [], problems: [] };
    byArticle.set(target.source, article);
    if (anno['sa:status'] === 'suggested') return;
    const bodies = asList(anno.body).filter(isObject);
    const valuesOf = (purpose: string): string[] =>
      bodies.filter((b) => b.purpose === purpose && typeof b.value === 'string').map((b) => b.value as string);
    const label = valuesOf('classifying').find((v) => LABELS.has(v)) ?? (anno['sa:kind'] === 'claim' ? 'Claim' : undefined);
    if (!label) return void article.problems.push(l10n.t('{0}: no classifying body with a Source Annotator label', origin));
    const kind = label === 'Claim' ? 'claim' : 'entity';
    const part = (value: unknown): Locator | null => firstTarget(value)?.at ?? null;
    const creator = isObject(anno.creator) && typeof anno.creator.name === 'string' ? anno.creator.name : null;
    const tag: ImportedTag = {
      origin,
      kind,
      label: label as TagLabel,
      at: target.at,
      tags: valuesOf('tagging'),
      verdict: valuesOf('assessing')[0] ?? null,
      note: valuesOf('commenting').join('\n') || null,
      entityId: valuesOf('identifying')[0] ?? null,
      claim:
        kind === 'claim'
          ? {
              source: part(anno['sa:source']),
              cue: part(anno['sa:cue']),
              hedges: asList(anno['sa:hedge']).flatMap((h) => part(h) ?? []),
              resolvedSource: part(anno['sa:resolvedSource']),
              content: part(anno['sa:content']),
            }
          : null,
      author: creator,
    };
    article.tags.push(tag);
  });
  const articles = [...byArticle.values()];
  if (loose.length) {
    if (articles.length) articles[0].problems = articles[0].problems.concat(loose);
    else articles.push({ article: '', text: null, tags: [], problems: loose });
  }
  return articles;
}

function annotationsIn(data: unknown): Json[] {
  if (Array.isArray(data)) return data.filter(isObject);
  if (!isObject(data)) return [];
  if (data.type === 'AnnotationCollection') return annotationsIn(data.first);
  if (data.type === 'AnnotationPage') return [...annotationsIn(data.items), ...(isObject(data.next) ? annotationsIn(data.next) : [])];
  return data.type === 'Annotation' ? [data] : [];
}

function firstTarget(value: unknown): { source: string; at: Locator } | null {
  for (const target of asList(value)) {
    if (!isObject(target) || typeof target.source !== 'string') continue;
    const selectors = asList(target.selector).filter(isObject);
    const quote = selectors.find((s) => s.type === 'TextQuoteSelector' && typeof s.exact === 'string');
    const position = selectors.find((s) => s.type === 'TextPositionSelector' && Number.isInteger(s.start) && Number.isInteger(s.end));
    if (!quote) continue;
    const at: Locator = {
      start: position ? (position.start as number) : null,
      end: position ? (position.end as number) : null,
      unit: 'codepoint',
      quote: quote.exact as string,
    };
    if (typeof quote.prefix === 'string') at.prefix = quote.prefix;
    if (typeof quote.suffix === 'string') at.suffix = quote.suffix;
    return { source: articleNameFromUri(target.source), at };
  }
  return null;
}
