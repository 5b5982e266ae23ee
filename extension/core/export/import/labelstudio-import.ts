/**
 * Reads a Label Studio JSON export (a list of tasks with `data` and `annotations`) into imported
 * tags. The article is `data.file` when the tasks came from our export, else the caller matches
 * `data.text` against the workspace. Offsets are code points of `data.text`. Every annotation that
 * was not cancelled counts (one per annotator; the same span twice merges into one tag);
 * `predictions` are not imported — they are machine suggestions, not decisions. Regions labelled
 * Source, Cue or Hedge join the claim a relation points from.
 */
import * as l10n from '@vscode/l10n';
import { ENTITY_TYPES } from '../../detect/types';
import type { TagLabel } from '../../sidecar/types';
import { LS_TEXTAREAS } from '../labelstudio';
import { CLAIM_PART_FIELD } from '../types';
import { asList, isObject, type Json } from './json';
import type { ImportedArticle, ImportedTag, Locator } from './types';

const LABELS = new Set<string>([...ENTITY_TYPES, 'Claim']);
const PARTS = new Set(['Hedge', ...Object.keys(CLAIM_PART_FIELD)]);

export function parseLabelStudio(data: unknown): ImportedArticle[] {
  const tasks = Array.isArray(data) ? data : isObject(data) ? [data] : [];
  return tasks.filter(isObject).map((task, t) => {
    const fields = isObject(task.data) ? task.data : {};
    const text = typeof fields.text === 'string' ? fields.text : null;
    const article: ImportedArticle = { article: typeof fields.file === 'string' ? fields.file : '', text, tags: [], problems: [] };
    const taskName = `task ${typeof task.id === 'number' ? task.id : t + 1}`;
    if (text === null) article.problems.push(l10n.t('{0}: no data.text', taskName));
    for (const annotation of asList(task.annotations).filter(isObject)) {
      if (annotation.was_cancelled === true) continue;
      article.tags.push(...tagsOf(asList(annotation.result).filter(isObject), authorOf(annotation), taskName, article.problems));
    }
    return article;
  });
}

function tagsOf(results: Json[], author: string | null, taskName: string, problems: string[]): ImportedTag[] {
  const regions = new Map<string, { label: string; at: Locator }>();
  const areas = new Map<string, Map<string, string[]>>();
  for (const r of results) {
    const id = idText(r.id);
    const value = isObject(r.value) ? r.value : {};
    if (r.type === 'labels' || r.type === 'hypertextlabels') {
      const label = asList(value.labels).find((l): l is string => typeof l === 'string');
      if (!label || !Number.isInteger(value.start) || !Number.isInteger(value.end) || typeof value.text !== 'string') {
        problems.push(l10n.t('{0}, region {1}: no label, start, end or text', taskName, id));
        continue;
      }
      regions.set(id, { label, at: { start: value.start as number, end: value.end as number, unit: 'codepoint', quote: value.text } });
    } else if (r.type === 'textarea' && typeof r.from_name === 'string') {
      const byName = areas.get(id) ?? new Map<string, string[]>();
      byName.set(
        r.from_name,
        asList(value.text).filter((v): v is string => typeof v === 'string'),
      );
      areas.set(id, byName);
    }
  }
  const tags = new Map<string, ImportedTag>();
  for (const [id, region] of regions) {
    if (PARTS.has(region.label)) continue;
    if (!LABELS.has(region.label)) {
      problems.push(l10n.t('{0}, region {1}: label "{2}" is not a Source Annotator label', taskName, id, region.label));
      continue;
    }
    const area = (name: string): string[] => areas.get(id)?.get(name) ?? [];
    const kind = region.label === 'Claim' ? 'claim' : 'entity';
    tags.set(id, {
      origin: `${taskName}, region ${id}`,
      kind,
      label: region.label as TagLabel,
      at: region.at,
      tags: area(LS_TEXTAREAS.tags).filter((t) => t !== ''),
      verdict: area(LS_TEXTAREAS.verdict)[0] ?? null,
      note: area(LS_TEXTAREAS.note).join('\n') || null,
      entityId: area(LS_TEXTAREAS.entityId)[0] ?? null,
      claim: kind === 'claim' ? { source: null, cue: null, hedges: [] } : null,
      author,
    });
  }
  for (const r of results) {
    if (r.type !== 'relation') continue;
    const claim = tags.get(String(r.from_id))?.claim;
    const part = regions.get(String(r.to_id));
    if (!claim || !part || !PARTS.has(part.label)) continue;
    if (part.label === 'Hedge') claim.hedges.push(part.at);
    else claim[CLAIM_PART_FIELD[part.label as keyof typeof CLAIM_PART_FIELD]] = part.at;
  }
  return [...tags.values()];
}

function authorOf(annotation: Json): string | null {
  const by = annotation.completed_by;
  if (isObject(by) && typeof by.email === 'string') return by.email;
  return null;
}

/** A result's id as text: Label Studio writes strings, older exports numbers. */
function idText(id: unknown): string {
  return typeof id === 'string' || typeof id === 'number' || typeof id === 'boolean' ? String(id) : '';
}
