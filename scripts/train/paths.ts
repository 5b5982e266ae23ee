// Where the scripts find the repository and the shared evaluation data.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root (scripts run bundled from out/scripts/). */
export const repoRoot = resolve(__dirname, '../..');

/** The data directory: the first non-option argument, else /work/shared/eval, else ../shared/eval beside the repo. */
export function dataDir(args: readonly string[]): string {
  const given = args.find((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--')));
  if (given) return resolve(given);
  for (const dir of ['/work/shared/eval', join(repoRoot, '../shared/eval')]) if (existsSync(dir)) return dir;
  throw new Error('evaluation data not found: pass its directory as the first argument');
}

/** The value after `--name`, if given. */
export function option(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}
