import * as l10n from '@vscode/l10n';

/**
 * The sidecar schema's longest free tag, verdict, entity id and author (sidecar-v1.schema.json,
 * maxLength). The editor's inputs hold to it, so what the researcher types is never refused later
 * by the writer (sidecarToWrite), which checks everything again.
 */
export const MAX_LABEL_LENGTH = 200;

/** Why a free tag cannot be stored, or null. */
export function freeTagProblem(tag: string): string | null {
  if (tag.trim() === '') return l10n.t('a tag cannot be empty');
  return tag.length > MAX_LABEL_LENGTH ? l10n.t('a tag can have at most {0} characters ({1} given)', MAX_LABEL_LENGTH, tag.length) : null;
}

/** Why a verdict cannot be stored, or null. */
export function verdictProblem(verdict: string): string | null {
  return verdict.length > MAX_LABEL_LENGTH
    ? l10n.t('a verdict can have at most {0} characters ({1} given)', MAX_LABEL_LENGTH, verdict.length)
    : null;
}
