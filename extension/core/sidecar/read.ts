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
    return fail(raw.trim() === '' ? 'it is empty' : `it is not valid JSON (${detail})`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return fail('it is not a JSON object');
  const version = (data as { version?: unknown }).version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fail('its "version" is missing or not a positive whole number');
  }
  if (version > SIDECAR_VERSION) {
    return {
      ok: false,
      readOnly: true,
      sidecar: null,
      problem: `it was written by a newer Source Annotator (format version ${version}; this one reads up to ${SIDECAR_VERSION}). Update the extension to change its tags`,
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
    return fail(`it does not match the sidecar schema: ${errors.map(describeError).join('; ')}`);
  }
  const sidecar = data as Sidecar;
  const problem = checkConsistency(sidecar);
  return problem ? fail(problem) : { ok: true, sidecar, migratedFrom };
}

function fail(problem: string): SidecarRead {
  return { ok: false, readOnly: false, problem };
}

function describeError(error: AjvError): string {
  const where = error.instancePath ? error.instancePath.replace(/^\//, '').replace(/\//g, '.') : 'the top level';
  if (error.params && 'additionalProperty' in error.params) {
    return `${where} has an unknown key "${String(error.params.additionalProperty)}"`;
  }
  if (error.params && 'allowedValues' in error.params) {
    return `${where} ${error.message} (${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')})`;
  }
  return `${where} ${error.message ?? 'is invalid'}`;
}

/** What a schema cannot say: unique ids, ordered spans, quotes as long as their spans. */
function checkConsistency(sidecar: Sidecar): string | undefined {
  const seen = new Set<string>();
  for (const [i, tag] of sidecar.tags.entries()) {
    if (seen.has(tag.id)) return `tag id "${tag.id}" appears more than once`;
    seen.add(tag.id);
    const { start, end, quote } = tag.target;
    if (end <= start) return `tags.${i} ends (${end}) before it starts (${start})`;
    if (quote.length !== end - start) return `tags.${i} has a quote of ${quote.length} characters for a span of ${end - start}`;
  }
  return undefined;
}
