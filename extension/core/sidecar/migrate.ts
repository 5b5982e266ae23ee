import * as l10n from '@vscode/l10n';
import { SIDECAR_VERSION } from './types';

/**
 * Turns the parsed JSON of a sidecar written in format version n into version n + 1. A step gets
 * data that has passed nothing but the version check, and must return data with `version: n + 1`.
 */
export type MigrationStep = (data: Record<string, unknown>) => Record<string, unknown>;

/**
 * Steps keyed by the version they start from. Version 1 is the first format, so there are none
 * yet. When format 2 comes: add `1: (v1) => ({ ...v1, version: 2, ... })`, raise SIDECAR_VERSION,
 * add sidecar-v2.schema.json, and keep a test that a v1 file migrates to a valid v2 one.
 */
export const MIGRATIONS: Readonly<Record<number, MigrationStep>> = {};

export type Migration = { ok: true; data: Record<string, unknown>; migratedFrom: number | null } | { ok: false; problem: string };

/**
 * Brings parsed sidecar data of an older format version up to `target` (this build's version) in
 * memory, one step at a time. The caller validates the result as usual, and writes it back (keeping
 * the old file as a backup once) only when the tags next change. `migratedFrom` is null when the
 * data was already current. Newer versions are not this function's business: they are read-only.
 */
export function migrate(
  data: Record<string, unknown>,
  fromVersion: number,
  steps: Readonly<Record<number, MigrationStep>> = MIGRATIONS,
  target: number = SIDECAR_VERSION,
): Migration {
  if (!Number.isInteger(fromVersion) || fromVersion > target) {
    return { ok: false, problem: l10n.t('format version {0} cannot be migrated to {1}', String(fromVersion), target) };
  }
  let current = data;
  for (let version = fromVersion; version < target; version++) {
    const step = steps[version];
    if (!step)
      return { ok: false, problem: l10n.t('format version {0} is not supported any more (no migration to {1})', version, version + 1) };
    try {
      current = step(current);
    } catch (e) {
      return {
        ok: false,
        problem: l10n.t('it could not be migrated from format version {0}: {1}', version, e instanceof Error ? e.message : String(e)),
      };
    }
    if (current.version !== version + 1)
      return { ok: false, problem: l10n.t('the migration from format version {0} did not produce version {1}', version, version + 1) };
  }
  return { ok: true, data: current, migratedFrom: fromVersion === target ? null : fromVersion };
}
