import type { Analysis, EntityType } from '../../../extension/core/detect/types';

/** What a detector would give: every occurrence of the given names as entities, every sentence as a claim. */
export function namesAndSentences(text: string, names: readonly [string, EntityType][]): Analysis {
  const entities: Analysis['entities'] = [];
  for (const [name, type] of names) {
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1))
      entities.push({ start: at, end: at + name.length, text: name, type, origin: 'model' });
  }
  const claims: Analysis['claims'] = [];
  for (const m of text.matchAll(/[^.\n]+\./g)) {
    const start = m.index + m[0].length - m[0].trimStart().length;
    claims.push({ start, end: m.index + m[0].length, text: m[0].trim(), score: 0.7, source: null, cue: null, content: null, hedges: [] });
  }
  return { entities: entities.sort((a, b) => a.start - b.start), claims };
}
