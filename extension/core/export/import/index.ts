/** The importers behind one call, for the CLI and the editor's "Import tags…" command. */
import * as l10n from '@vscode/l10n';
import { parseBratAnn } from './brat-import';
import { parseLabelStudio } from './labelstudio-import';
import type { ImportedArticle } from './types';
import { parseW3c } from './w3c-import';

export const IMPORT_FORMATS = ['brat', 'w3c', 'labelstudio'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export function isImportFormat(name: string): name is ImportFormat {
  return (IMPORT_FORMATS as readonly string[]).includes(name);
}

/** Parses a W3C or Label Studio JSON export; throws a readable error when it is not JSON. */
export function parseJsonExport(format: 'w3c' | 'labelstudio', raw: string): ImportedArticle[] {
  let data: unknown;
  try {
    data = JSON.parse(raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw);
  } catch (e) {
    throw new Error(l10n.t('not valid JSON ({0})', e instanceof Error ? e.message : String(e)));
  }
  return format === 'w3c' ? parseW3c(data) : parseLabelStudio(data);
}

export { anchorer, type Anchored } from './anchor';
export { mergeImported, type MergeResult, type Unanchored } from './merge';
export { parseBratAnn, parseLabelStudio, parseW3c };
export type { ImportedArticle, ImportedTag, Locator } from './types';
