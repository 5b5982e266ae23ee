// Runs a TypeScript script (eval, bench, stress…) by bundling it with esbuild first.
// Usage: node scripts/run-ts.mjs scripts/NAME.ts [args…]
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { basename, join } from 'node:path';
import { generateValidators } from './build.mjs';

const [script, ...args] = process.argv.slice(2);
const root = new URL('..', import.meta.url).pathname;
generateValidators();
const outfile = join(root, 'out/scripts', basename(script).replace(/\.ts$/, '.js'));
await esbuild.build({
  entryPoints: [script],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  sourcemap: true,
  logLevel: 'warning',
  external: ['vscode'],
});
const run = spawnSync(process.execPath, ['--enable-source-maps', '--max-old-space-size=8192', outfile, ...args], { stdio: 'inherit' });
process.exit(run.status ?? 1);
