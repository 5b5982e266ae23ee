import * as l10n from '@vscode/l10n';
import { stripBom } from '../text/bom';
import { migrate } from './migrate';
import { SIDECAR_VERSION, type Sidecar } from './types';
// Generated at build time by scripts/build.mjs from sidecar-v1.schema.json (ajv standalone code):
// no schema compilation at start-up and no eval, which a web extension host forbids.
import validateSidecarV1 from './generated/validate-sidecar-v1.js';

/** Sidecars above this size are not opened: no article has that many tags, and parsing would stall the editor. */
export const MAX_SIDECAR_BYTES = 20 * 1024 * 1024;

export type SidecarRead =
  | { ok: true; sidecar: Sidecar; migratedFrom: number | null }
  /** readOnly: the file is fine but written by a newer Source Annotator; show its tags, never write it. */
  | { ok: false; problem: string; readOnly: false }
  | { ok: false; problem: string; readOnly: true; sidecar: Sidecar | null };

interface AjvError {
  instancePath: string;
  message?: string;
  params?: Record<string, unknown>;
}

/**
 * Parses and validates a sidecar's text. Never throws: every failure becomes a sentence that names
 * what is wrong and where, for a message to the user.
 */
export function readSidecar(raw: string, byteLength = raw.length): SidecarRead {
  if (byteLength > MAX_SIDECAR_BYTES) {
    return fail(`it is ${(byteLength / 1048576).toFixed(1)} MB, above the ${MAX_SIDECAR_BYTES / 1048576} MB limit`);
  }
  let data: unknown;
  try {
    data = JSON.parse(stripBom(raw));
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return fail(raw.trim() === '' ? l10n.t('it is empty') : l10n.t('it is not valid JSON ({0})', detail));
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return fail(l10n.t('it is not a JSON object'));
  const version = (data as { version?: unknown }).version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fail(l10n.t('its "version" is missing or not a positive whole number'));
  }
  if (version > SIDECAR_VERSION) {
    return {
      ok: false,
      readOnly: true,
      sidecar: null,
      problem: l10n.t(
        'it was written by a newer Source Annotator (format version {0}; this one reads up to {1}). Update the extension to change its tags',
        version,
        SIDECAR_VERSION,
      ),
    };
  }
  let migratedFrom: number | null = null;
  if (version < SIDECAR_VERSION) {
    const migration = migrate(data as Record<string, unknown>, version);
    if (!migration.ok) return fail(migration.problem);
    data = migration.data;
    migratedFrom = migration.migratedFrom;
  }
  if (!validateSidecarV1(data)) {
    const errors = ((validateSidecarV1 as unknown as { errors?: AjvError[] }).errors ?? []).slice(0, 3);
    return fail(l10n.t('it does not match the sidecar schema: {0}', errors.map(describeError).join('; ')));
  }
  const sidecar = data as Sidecar;
  const problem = checkConsistency(sidecar);
  return problem ? fail(problem) : { ok: true, sidecar, migratedFrom };
}

function fail(problem: string): SidecarRead {
  return { ok: false, readOnly: false, problem };
}

function describeError(error: AjvError): string {
  // ajv's own messages ("must be string") stay English: they come from the library.
  const where = error.instancePath ? error.instancePath.replace(/^\//, '').replace(/\//g, '.') : l10n.t('the top level');
  if (error.params && 'additionalProperty' in error.params) {
    return l10n.t('{0} has an unknown key "{1}"', where, String(error.params.additionalProperty));
  }
  if (error.params && 'allowedValues' in error.params) {
    return `${where} ${error.message} (${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')})`;
  }
  return `${where} ${error.message ?? l10n.t('is invalid')}`;
}

/** What a schema cannot say: unique ids, ordered spans, quotes as long as their spans. */
function checkConsistency(sidecar: Sidecar): string | undefined {
  const seen = new Set<string>();
  for (const [i, tag] of sidecar.tags.entries()) {
    if (seen.has(tag.id)) return l10n.t('tag id "{0}" appears more than once', tag.id);
    seen.add(tag.id);
    const { start, end, quote } = tag.target;
    if (end <= start) return l10n.t('tags.{0} ends ({1}) before it starts ({2})', i, end, start);
    if (quote.length !== end - start)
      return l10n.t('tags.{0} has a quote of {1} characters for a span of {2}', i, quote.length, end - start);
  }
  return undefined;
}
