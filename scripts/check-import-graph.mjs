// Fails when the import graph has a loop: between files of the editor layer (extension/, outside core/ and cli/),
// between its feature folders, or between the core's folders. Services get what they use through their
// constructor, so an import loop is the only way a runtime cycle between editor services could form.
// In the editor layer type-only imports count too: a loop of types is the same tangle, one refactoring away
// from a runtime one. Between the core's folders only imports that run count (its data types are shared
// across folders: sidecar/types uses detect's spans, detect's learning reads tags); type-only loops are listed.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

// Usage: node scripts/check-import-graph.mjs [EXTENSION_DIR]   (default: the repository's extension/)
const extension = resolve(process.argv[2] ?? join(new URL('..', import.meta.url).pathname, 'extension'));

function sources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'generated' ? [] : sources(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

/** True for `import type …` and `import { type A, type B } …`: nothing of the target runs. */
function typeOnly(clause) {
  if (/^\s*type\s/.test(clause)) return true;
  const named = /^\s*\{([^}]*)\}\s*$/.exec(clause);
  return !!named && named[1].split(',').every((s) => !s.trim() || /^\s*type\s/.test(s));
}

/** file (relative to extension/, no extension) → the files it imports (`runtime`: only imports that run). */
function importGraph(files, runtime = false) {
  const known = new Set(files.map((f) => relative(extension, f).replace(/\.ts$/, '')));
  const graph = new Map();
  for (const file of files) {
    const from = relative(extension, file).replace(/\.ts$/, '');
    const targets = new Set();
    for (const m of readFileSync(file, 'utf8').matchAll(
      /(?:(import|export)\s+([^'";]*?)\s*from|import\s*\(?)\s*['"](\.{1,2}\/[^'"]+)['"]/g,
    )) {
      if (runtime && m[2] !== undefined && typeOnly(m[2])) continue;
      const target = relative(extension, resolve(dirname(file), m[3])).replace(/\.(ts|js)$/, '');
      if (known.has(target)) targets.add(target);
      else if (known.has(`${target}/index`)) targets.add(`${target}/index`);
    }
    graph.set(from, targets);
  }
  return graph;
}

/** One loop of the graph, as the nodes along it, or null. */
function findLoop(graph) {
  const state = new Map();
  const path = [];
  const visit = (node) => {
    state.set(node, 'open');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') return [...path.slice(path.indexOf(next)), next];
      if (!state.has(next)) {
        const loop = visit(next);
        if (loop) return loop;
      }
    }
    path.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of graph.keys()) {
    if (!state.has(node)) {
      const loop = visit(node);
      if (loop) return loop;
    }
  }
  return null;
}

/** The graph between folders (`depth` path segments), a folder's imports of itself left out. */
function folderGraph(graph, folderOf) {
  const folders = new Map();
  for (const [from, targets] of graph) {
    const a = folderOf(from);
    if (!folders.has(a)) folders.set(a, new Set());
    for (const t of targets) if (folderOf(t) !== a) folders.get(a).add(folderOf(t));
  }
  return folders;
}

const files = sources(extension);
const inCore = (f) => f.startsWith('core/');
const inEditor = (f) => !inCore(f) && !f.startsWith('cli/');
const only = (graph, keep) => new Map([...graph].filter(([f]) => keep(f)).map(([f, t]) => [f, new Set([...t].filter(keep))]));
const editor = only(importGraph(files), inEditor);
const core = only(importGraph(files), inCore);
const coreAtRunTime = only(importGraph(files, true), inCore);
const coreFolder = (f) => f.split('/').slice(0, 2).join('/');

const problems = [];
const editorFileLoop = findLoop(editor);
if (editorFileLoop) problems.push(`editor files import one another in a loop: ${editorFileLoop.join(' → ')}`);
const editorFolderLoop = findLoop(folderGraph(editor, (f) => (f.includes('/') ? f.split('/')[0] : '(top)')));
if (editorFolderLoop) problems.push(`editor folders import one another in a loop: ${editorFolderLoop.join(' → ')}`);
const coreFileLoop = findLoop(core);
if (coreFileLoop) problems.push(`core files import one another in a loop: ${coreFileLoop.join(' → ')}`);
const coreFolderLoop = findLoop(folderGraph(coreAtRunTime, coreFolder));
if (coreFolderLoop) problems.push(`core folders import one another in a loop: ${coreFolderLoop.join(' → ')}`);
const coreTypeLoop = findLoop(folderGraph(core, coreFolder));
if (coreTypeLoop) console.log(`import graph: note: core folders share types in a loop: ${coreTypeLoop.join(' → ')}`);
if (problems.length) {
  console.error('import graph:\n  ' + problems.join('\n  '));
  process.exit(1);
}
console.log(
  `import graph: ok (no loop between ${editor.size} editor files or their folders, nor between ${core.size} core files, nor between core folders at run time)`,
);
