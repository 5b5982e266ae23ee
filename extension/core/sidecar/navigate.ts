/** A span of the article: what the editor selects when it moves to a suggestion. */
export interface SpanLike {
  start: number;
  end: number;
}

/**
 * The suggestion to move to from a selection, wrapping around the article; `suggestions` sorted by
 * start, then end. A suggestion that starts where an empty cursor stands is the next one (the cursor at
 * the very start of a file is before its first word, not past it); once it is selected, the next one
 * after it. Spans are ordered by start, then end, so nested suggestions (an entity inside a claim that
 * starts with it) are each visited once.
 */
export function nextSuggestion<T extends SpanLike>(suggestions: readonly T[], selection: SpanLike, direction: 1 | -1): T | undefined {
  if (suggestions.length === 0) return undefined;
  const after = (m: SpanLike): boolean => m.start > selection.start || (m.start === selection.start && m.end > selection.end);
  const before = (m: SpanLike): boolean => m.start < selection.start || (m.start === selection.start && m.end < selection.end);
  if (direction === 1) return suggestions.find(after) ?? suggestions[0];
  for (let i = suggestions.length - 1; i >= 0; i--) if (before(suggestions[i])) return suggestions[i];
  return suggestions[suggestions.length - 1];
}
