/**
 * source-annotator export DIR --format FORMAT --out PATH [--include confirmed|suggestions|all] [--workers N] …
 * (the pipeline is in export-run.ts)
 *
 * Also home of the helpers the import and validate commands share: reading the arguments, walking
 * a folder for articles and sidecars, and writing files atomically (temp file, then rename), so a
 * failed run never leaves half a file behind.
 */
import { cliCommand, UsageError } from '../command';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { articleMatcher } from '../../core/corpus/articles';
import {
  EXPORT_FORMATS,
  FORMATS,
  INCLUDES,
  articleUriUnder,
  isExportFormat,
  parseRatingScale,
  type ExportOptions,
  type Include,
} from '../../core/export';
import { MAX_SIDECAR_BYTES, type SidecarRead } from '../../core/sidecar/read';
import { readRegularFile, readSidecarBytes, readTextFile, samePath } from '../files';
import { SIDECAR_SUFFIX } from '../../core/sidecar/types';
import { stripBom } from '../../core/text/bom';
import { DEFAULT_MODEL_PATH } from '../modelFiles';
import { openOutput, prepareAll, writeDocument, type PrepareSettings } from './export-run';

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

const SKIP_DIRS = new Set(['node_modules', '.git']);

/** Workspace-relative paths (forward slashes) of every article under dir, sorted: what the editor calls an article by default. */
export function findArticles(dir: string): string[] {
  return walk(dir).filter(articleMatcher());
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

/** An article's text without BOM; throws, saying why, when it is not a regular file of UTF-8 text (see ../files). */
export function readArticle(path: string): string {
  const read = readTextFile(path);
  if (!read.ok) throw new Error(`${path}: ${read.problem}`);
  return stripBom(read.text);
}

/** The sidecar beside an article, read and checked; null when there is none. Only a regular file is opened. */
export function readSidecarFile(articlePath: string): SidecarRead | null {
  const path = articlePath + SIDECAR_SUFFIX;
  try {
    lstatSync(path);
  } catch {
    return null;
  }
  const read = readRegularFile(path, MAX_SIDECAR_BYTES);
  return read.ok ? readSidecarBytes(read.bytes) : { ok: false, readOnly: false, problem: read.problem };
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

const USAGE = `usage: source-annotator export DIR --format ${EXPORT_FORMATS.join('|')} --out PATH
         [--include confirmed|suggestions|all] [--workers N] [--base-uri URI] [--rating-scale FILE] [--model PATH]
  Exports the tags of every article under DIR (X.txt or X.md with X.txt.tags.json beside it).
  --include suggestions  runs the detector on every article, sidecar or not, and exports its
                 suggestions nobody has ruled on (pre-annotation); all: confirmed tags and suggestions.
  --workers N    threads running the detector (default: one per core, here ${availableParallelism()}).
  --base-uri URI articles are identified as URI + their path under DIR (W3C targets, ClaimReview);
                 default: their file:// URIs.
  --rating-scale FILE  claimreview: JSON {"worstRating": 1, "bestRating": 3, "ratings": {"false": 1, "disputed": 2, "supported": 3}}
                 (that is the default); claims whose verdict is not on it are listed and left out.
  --model PATH   the detector's weights (default: ../media/models/detector.bin beside dist/cli.js).
  brat and labelstudio write several files: PATH is a new (or empty) folder. The output is written
  to a temp file (or folder) and renamed at the end; progress goes to stderr.`;

export const run = cliCommand('export', USAGE, exportCommand);

async function exportCommand(args: string[]): Promise<number> {
  const { positional, flags } = parseArgs(args, ['format', 'out', 'include', 'workers', 'base-uri', 'rating-scale', 'model']);
  const dir = requireDir(positional[0]);
  const format = flags.get('format') ?? '';
  if (!isExportFormat(format)) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}`);
  const out = flags.get('out');
  if (!out) throw new UsageError('--out PATH is required');
  const include = flags.get('include') ?? 'confirmed';
  if (!(INCLUDES as readonly string[]).includes(include)) throw new UsageError(`--include must be one of ${INCLUDES.join(', ')}`);
  const workers = Number(flags.get('workers') ?? availableParallelism());
  if (!Number.isInteger(workers) || workers < 1) throw new UsageError('--workers must be a whole number of at least 1');
  const base = flags.get('base-uri');
  if (base !== undefined && !/^[a-z][a-z0-9+.-]*:/i.test(base))
    throw new UsageError('--base-uri must be an absolute URI (https://…, file:///…)');
  const modelPath = flags.get('model') ?? DEFAULT_MODEL_PATH;
  if (include !== 'confirmed' && !existsSync(modelPath))
    console.error(`source-annotator export: no model at ${resolve(modelPath)}; suggestions from patterns and known names only`);
  const info = FORMATS[format];
  const options: ExportOptions = { include: include as Include };
  const scalePath = flags.get('rating-scale');
  if (scalePath !== undefined) {
    if (!existsSync(scalePath)) throw new Error(`--rating-scale: ${scalePath} does not exist`);
    try {
      options.ratingScale = parseRatingScale(JSON.parse(readFileSync(scalePath, 'utf8')));
    } catch (error) {
      throw new Error(`--rating-scale ${scalePath}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  const articles = findArticles(dir);
  const settings: PrepareSettings = {
    dir: resolve(dir),
    include: options.include,
    modelPath: include === 'confirmed' ? null : resolve(modelPath),
    uriBase: base !== undefined ? { kind: 'base', base } : { kind: 'file', root: resolve(dir) },
  };
  const outputName = info.multiFile || !(existsSync(out) && statSync(out).isDirectory()) ? out : join(out, info.defaultName);
  const read = articles.flatMap((path) => [join(dir, path), join(dir, path) + SIDECAR_SUFFIX]);
  const overwritten = info.multiFile ? undefined : read.find((path) => samePath(path, outputName));
  if (overwritten) {
    console.error(`source-annotator export: --out ${out} is ${overwritten}, which this export reads; give another path`);
    return 1;
  }
  options.collectionUri = base !== undefined ? articleUriUnder(base, basename(outputName)) : pathToFileURL(resolve(outputName)).href;
  const writer = info.writer(options);
  const output = openOutput(out, info.multiFile, writer.stream?.path);
  const unreadable: string[] = [];
  const skipped = new Map<string, number>();
  let exported = 0;
  let tagCount = 0;
  let suggestionCount = 0;
  const started = Date.now();
  const report = progressLine(articles.length, started);
  try {
    if (writer.stream) output.append(writer.stream.head());
    for (const file of writer.fixed ?? []) output.file(file);
    await prepareAll(settings, articles, workers, (prepared, index) => {
      report(index + 1);
      if (prepared.kind === 'unreadable') return void unreadable.push(prepared.problem);
      if (prepared.kind === 'none' || unreadable.length > 0) return;
      const left = Object.values(prepared.skipped).reduce((a, b) => a + b, 0);
      for (const [reason, n] of Object.entries(prepared.skipped)) skipped.set(reason, (skipped.get(reason) ?? 0) + n);
      exported++;
      if (include !== 'suggestions') tagCount += prepared.doc.tags.length - left;
      suggestionCount += prepared.doc.suggestions?.length ?? 0;
      writeDocument(writer, output, prepared.doc);
    });
    if (unreadable.length) {
      output.discard();
      for (const line of unreadable) console.error(line);
      console.error(`source-annotator export: ${unreadable.length} sidecar(s) could not be read; nothing was written`);
      return 1;
    }
    if (writer.stream) output.append(writer.stream.tail());
  } catch (error) {
    output.discard();
    throw error;
  }
  const target = output.commit();
  const seconds = (Date.now() - started) / 1000;
  const left = [...skipped].map(([reason, n]) => `${n} ${reason}`).join(', ');
  console.error(
    `exported ${exported} article(s), ` +
      (include === 'suggestions'
        ? `${suggestionCount} suggestion(s)`
        : `${tagCount} tag(s)` + (include === 'all' ? ` and ${suggestionCount} suggestion(s)` : '')) +
      (left ? ` (left out: ${left})` : '') +
      ` as ${format} (offsets: ${info.offsetUnit}) to ${target}` +
      (include !== 'confirmed' ? ` in ${seconds.toFixed(1)} s with ${Math.min(workers, Math.max(articles.length, 1))} worker(s)` : ''),
  );
  const shown = writer.problems.slice(0, 20);
  for (const problem of shown) console.error(`  ${problem}`);
  if (writer.problems.length > shown.length) console.error(`  … and ${writer.problems.length - shown.length} more`);
  return 0;
}

/** Progress on stderr, at most once a second: on a terminal one line rewritten, else a line each time. */
function progressLine(total: number, started: number): (done: number) => void {
  let last = started;
  const tty = process.stderr.isTTY === true;
  return (done) => {
    const now = Date.now();
    if (now - last < 1000 && done !== total) return;
    if (done === total && last === started) return; // a run shorter than a second needs no progress
    last = now;
    const rate = done / Math.max((now - started) / 1000, 0.001);
    const line = `export: ${done}/${total} articles, ${rate.toFixed(1)} articles/s`;
    process.stderr.write(tty ? `\r${line}${done === total ? '\n' : ''}` : `${line}\n`);
  };
}
