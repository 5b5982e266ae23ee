// Fails when code under extension/core/ imports vscode or a Node built-in: the core must run in a browser too.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { builtinModules } from 'node:module';

const root = new URL('..', import.meta.url).pathname;
const core = join(root, 'extension/core');
const forbidden = new Set(['vscode', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const globals = /\b(?:Buffer|process|require|__dirname)\b\s*[.(]/;
const problems = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'generated') walk(p);
      continue;
    }
    if (!p.endsWith('.ts')) continue;
    const source = readFileSync(p, 'utf8');
    for (const m of source.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
      if (forbidden.has(m[1])) problems.push(`${relative(root, p)}: imports "${m[1]}"`);
    }
    source.split('\n').forEach((line, i) => {
      if (!line.trimStart().startsWith('//') && !line.trimStart().startsWith('*') && globals.test(line)) {
        problems.push(`${relative(root, p)}:${i + 1}: uses a Node global: ${line.trim()}`);
      }
    });
  }
})(core);
if (problems.length) {
  console.error('extension/core/ must not depend on vscode or Node:\n  ' + problems.join('\n  '));
  process.exit(1);
}
console.log('core imports: ok (no vscode, no Node built-ins)');
