/**
 * source-annotator export DIR --format FORMAT --out PATH [--include confirmed|all]
 *
 * Also home of the helpers the import and validate commands share: reading the arguments, walking
 * a folder for articles and sidecars, and writing files atomically (temp file, then rename), so a
 * failed run never leaves half a file behind.
 */
import { cliCommand, UsageError } from '../command';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { createDetector } from '../../core/detect';
import { EXPORT_FORMATS, FORMATS, exportDocument, exportTags, isExportFormat, skipReason, type ExportDocument } from '../../core/export';
import { readSidecar, type SidecarRead } from '../../core/sidecar/read';
import { SIDECAR_SUFFIX } from '../../core/sidecar/types';
import { stripBom } from '../../core/text/bom';
import { formatOfPath } from '../../core/text/format';

export interface Args {
  positional: string[];
  flags: Map<string, string>;
}

/** `--name value` pairs and positional arguments; throws on a flag without a value or one not allowed. */
export function parseArgs(args: readonly string[], allowed: readonly string[]): Args {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
    if (!allowed.includes(name)) throw new UsageError(`unknown option --${name}`);
    const value = inline ?? args[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    flags.set(name, value);
  }
  return { positional, flags };
}

/** A mistake in how the command was called: exit code 2 and the usage line. */

export const ARTICLE_EXTENSIONS = ['.txt', '.md'];
const SKIP_DIRS = new Set(['node_modules', '.git']);

/** Workspace-relative paths (forward slashes) of every article under dir, sorted. */
export function findArticles(dir: string): string[] {
  return walk(dir).filter((p) => ARTICLE_EXTENSIONS.some((ext) => p.toLowerCase().endsWith(ext)));
}

/** Every file under dir, workspace-relative with forward slashes, sorted; dot folders and node_modules skipped. */
export function walk(dir: string): string[] {
  const out: string[] = [];
  const visit = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && !SKIP_DIRS.has(entry.name)) visit(full);
      } else if (entry.isFile()) out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  visit(dir);
  return out.sort();
}

export function readArticle(path: string): string {
  return stripBom(readFileSync(path, 'utf8'));
}

/** The sidecar beside an article, read and checked; null when there is none. */
export function readSidecarFile(articlePath: string): SidecarRead | null {
  const path = articlePath + SIDECAR_SUFFIX;
  if (!existsSync(path)) return null;
  const raw = readFileSync(path);
  return readSidecar(raw.toString('utf8'), raw.length);
}

/** Writes a file through a temp file and a rename, so readers never see half of it. */
export function writeFileAtomically(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(temp, content);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

export function requireDir(dir: string | undefined): string {
  if (!dir) throw new UsageError('give the folder of articles');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`${dir} is not a folder`);
  return dir;
}

/** Progress on stderr for long runs: a line every `every` items, only when there are many. */
export function progress(label: string, total: number, every = 500): (done: number) => void {
  return (done) => {
    if (total >= every && done % every === 0) process.stderr.write(`${label} ${done}/${total}\n`);
  };
}

const USAGE = `usage: source-annotator export DIR --format ${EXPORT_FORMATS.join('|')} --out PATH [--include confirmed|all]
  Exports the tags of every article under DIR (X.txt or X.md with X.txt.tags.json beside it).
  --include all also exports the detector's suggestions nobody has ruled on yet.
  brat and labelstudio write several files: PATH is a new (or empty) folder.`;

export const run = cliCommand('export', USAGE, exportCommand);

function exportCommand(args: string[]): number {
  const { positional, flags } = parseArgs(args, ['format', 'out', 'include']);
  const dir = requireDir(positional[0]);
  const format = flags.get('format') ?? '';
  if (!isExportFormat(format)) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}`);
  const out = flags.get('out');
  if (!out) throw new UsageError('--out PATH is required');
  const include = flags.get('include') ?? 'confirmed';
  if (include !== 'confirmed' && include !== 'all') throw new UsageError('--include must be confirmed or all');

  const articles = findArticles(dir);
  const detector = include === 'all' ? createDetector() : null;
  const docs: ExportDocument[] = [];
  const unreadable: string[] = [];
  const skipped = new Map<string, number>();
  const tick = progress('read', articles.length);
  articles.forEach((path, i) => {
    tick(i + 1);
    const sidecar = readSidecarFile(join(dir, path));
    if (sidecar === null) return;
    if (!sidecar.ok) return void unreadable.push(`${path}${SIDECAR_SUFFIX}: ${sidecar.problem}`);
    const text = readArticle(join(dir, path));
    const analysis = detector?.analyze(text, { format: formatOfPath(path) });
    const doc = exportDocument(path, text, sidecar.sidecar, analysis);
    for (const tag of doc.tags) {
      const reason = skipReason(tag, text);
      if (reason) skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
    }
    docs.push(doc);
  });
  if (unreadable.length) {
    for (const line of unreadable) console.error(line);
    console.error(`source-annotator export: ${unreadable.length} sidecar(s) could not be read; nothing was written`);
    return 1;
  }

  const files = exportTags(format, docs, { include });
  const info = FORMATS[format];
  const target = info.multiFile ? writeFolder(out, files) : writeSingle(out, info.defaultName, files[0].content);
  const tagCount = docs.reduce((n, d) => n + d.tags.length, 0) - [...skipped.values()].reduce((a, b) => a + b, 0);
  const suggestionCount = docs.reduce((n, d) => n + (d.suggestions?.length ?? 0), 0);
  const left = [...skipped].map(([reason, n]) => `${n} ${reason}`).join(', ');
  console.error(
    `exported ${docs.length} article(s), ${tagCount} tag(s)` +
      (detector ? ` and ${suggestionCount} suggestion(s)` : '') +
      (left ? ` (left out: ${left})` : '') +
      ` as ${format} (offsets: ${info.offsetUnit}) to ${target}`,
  );
  return 0;
}

function writeSingle(out: string, defaultName: string, content: string): string {
  const path = existsSync(out) && statSync(out).isDirectory() ? join(out, defaultName) : out;
  writeFileAtomically(path, content);
  return path;
}

/** Writes every file into a temp folder, then renames it to `out` (which must be new or empty). */
function writeFolder(out: string, files: readonly { path: string; content: string }[]): string {
  if (existsSync(out) && (!statSync(out).isDirectory() || readdirSync(out).length > 0)) {
    throw new Error(`${out} already exists and is not an empty folder; give a new folder for this format`);
  }
  const temp = `${out.replace(/[\\/]+$/, '')}.tmp-${process.pid}`;
  try {
    for (const file of files) {
      const path = join(temp, ...file.path.split('/'));
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.content);
    }
    if (existsSync(out)) rmSync(out, { recursive: true });
    renameSync(temp, out);
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
  return out;
}
