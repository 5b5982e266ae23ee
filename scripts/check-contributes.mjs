// Fails when a command declared in package.json is never registered in the source, or the other way round,
// or when a contributed command lacks a title or category.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const declared = new Set(pkg.contributes.commands.map((c) => c.command));
const registered = new Set();
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (p.endsWith('.ts'))
      for (const m of readFileSync(p, 'utf8').matchAll(/['"](sourceAnnotator\.[A-Za-z.]+)['"]/g)) registered.add(m[1]);
  }
})(join(root, 'extension'));
const problems = [];
for (const c of pkg.contributes.commands) {
  if (!registered.has(c.command)) problems.push(`${c.command} is declared in package.json but never named in extension/`);
  if (!c.title || !c.category) problems.push(`${c.command} needs a title and a category`);
}
const commandsDir = join(root, 'extension/commands');
for (const file of readdirSync(commandsDir).filter((f) => f.endsWith('.ts'))) {
  const commandIds = readFileSync(join(commandsDir, file), 'utf8').matchAll(/:\s*'(sourceAnnotator\.[A-Za-z]+)'/g);
  for (const [, id] of commandIds)
    if (!declared.has(id))
      problems.push(`${id} (extension/commands/${file}) is registered but not declared in package.json contributes.commands`);
}
for (const [key, setting] of Object.entries(pkg.contributes.configuration.properties)) {
  if (!setting.description && !setting.markdownDescription) problems.push(`setting ${key} has no description`);
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`contributes: ok (${declared.size} commands declared and registered)`);
