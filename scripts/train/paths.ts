// Where the scripts find the repository and the shared evaluation data.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The repository root (scripts run bundled from out/scripts/). */
export const repoRoot = resolve(__dirname, '../..');

/**
 * The shared folder (evaluation data, format test suites) beside a checkout: `../shared`, or, in a
 * git worktree made elsewhere, the one beside the main checkout. Null when there is none.
 */
export function sharedDir(root = repoRoot): string | null {
  const candidates = [join(root, '../shared')];
  const dotGit = join(root, '.git');
  if (existsSync(dotGit) && statSync(dotGit).isFile()) {
    // A worktree's .git file says "gitdir: <main checkout>/.git/worktrees/<name>".
    const gitdir = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, 'utf8'))?.[1].trim();
    if (gitdir) candidates.push(join(dirname(resolve(root, gitdir, '../..')), '../shared'));
  }
  return candidates.find((dir) => existsSync(dir)) ?? null;
}

/** The data directory: the first non-option argument, else ../shared/eval beside the repository. */
export function dataDir(args: readonly string[]): string {
  const given = args.find((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--')));
  if (given) return resolve(given);
  const shared = sharedDir();
  if (shared && existsSync(join(shared, 'eval'))) return join(shared, 'eval');
  throw new Error(`evaluation data not found in ${join(repoRoot, '../shared/eval')}: pass its directory as the first argument`);
}

/** The value after `--name`, if given. */
export function option(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}
