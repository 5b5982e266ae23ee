/**
 * The export pipeline behind `source-annotator export`: articles are read (and, for suggestions,
 * run through the detector) by worker threads, one article at a time each, while the main thread
 * writes each finished article into the output as soon as the ones before it are written. So a
 * corpus of any size streams to disk in article order with a bounded amount in memory, and the
 * detector, which is where the time goes, runs on every core.
 */
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createDetector } from '../../core/detect';
import type { Detector } from '../../core/detect/types';
import {
  articleUriUnder,
  exportDocument,
  skipReason,
  type ExportDocument,
  type ExportFile,
  type FormatWriter,
  type Include,
} from '../../core/export';
import { emptySidecar } from '../../core/sidecar/model';
import { SIDECAR_SUFFIX } from '../../core/sidecar/types';
import { readModelFiles } from '../modelFiles';
import { readArticle, readSidecarFile } from './export';

/** What the main thread gets back for one article. */
export type Prepared =
  { kind: 'document'; doc: ExportDocument; skipped: Record<string, number> } | { kind: 'unreadable'; problem: string } | { kind: 'none' };

export interface PrepareSettings {
  dir: string;
  include: Include;
  /** The detector's weights; null: patterns and known names only. */
  modelPath: string | null;
  /** What article URIs are made from (data, not a function, so that it crosses to the workers): the folder's absolute path, or a base URI. */
  uriBase: { kind: 'file'; root: string } | { kind: 'base'; base: string };
}

/** The absolute URI of a workspace-relative article path: its file:// URI, or under the base URI. */
export function articleUris(settings: PrepareSettings): (path: string) => string {
  const from = settings.uriBase;
  return from.kind === 'base' ? (path) => articleUriUnder(from.base, path) : (path) => pathToFileURL(join(from.root, path)).href;
}

/** One article's export input: its text, its sidecar's tags and, when asked, the detector's suggestions. */
export function prepare(settings: PrepareSettings, detector: Detector | null, path: string, uriOf: (path: string) => string): Prepared {
  const full = join(settings.dir, path);
  const sidecar = readSidecarFile(full);
  if (sidecar !== null && !sidecar.ok) return { kind: 'unreadable', problem: `${path}${SIDECAR_SUFFIX}: ${sidecar.problem}` };
  if (sidecar === null && settings.include === 'confirmed') return { kind: 'none' };
  const text = readArticle(full);
  const analysis = detector?.analyze(text, { format: path.toLowerCase().endsWith('.md') ? 'markdown' : 'plaintext' });
  const doc = exportDocument(
    path,
    text,
    sidecar?.sidecar ?? emptySidecar(path.slice(path.lastIndexOf('/') + 1), text),
    analysis,
    uriOf(path),
  );
  const skipped: Record<string, number> = {};
  if (settings.include !== 'suggestions') {
    for (const tag of doc.tags) {
      const reason = skipReason(tag, text);
      if (reason) skipped[reason] = (skipped[reason] ?? 0) + 1;
    }
  }
  return { kind: 'document', doc, skipped };
}

/** The detector of the tagger's weights at modelPath and the claims and date models beside them; patterns and known names only without. */
export function loadDetector(modelPath: string | null): Detector {
  const models = modelPath ? readModelFiles(modelPath) : { tagger: null, claims: null, dates: null };
  return createDetector(models.tagger, null, models.claims, models.dates);
}

/** Runs in a worker thread: prepares the articles the main thread sends, one at a time. */
export function exportWorker(): void {
  const settings = workerData as PrepareSettings;
  const detector = settings.include === 'confirmed' ? null : loadDetector(settings.modelPath);
  const toUri = articleUris(settings);
  parentPort?.on('message', (job: { index: number; path: string } | null) => {
    if (job === null) return void parentPort?.close();
    try {
      parentPort?.postMessage({ index: job.index, prepared: prepare(settings, detector, job.path, toUri) });
    } catch (error) {
      parentPort?.postMessage({ index: job.index, error: `${job.path}: ${error instanceof Error ? error.message : String(error)}` });
    }
  });
}

export function inWorker(): boolean {
  return !isMainThread;
}

/** Articles each worker holds at once: the next one waits in its queue, so it never idles while the main thread writes. */
const QUEUE_DEPTH = 2;

/**
 * Prepares every article with `workers` threads (the running script, started again as a worker)
 * and hands them to `write` in article order; without suggestions, in this thread. At most `workers * 4` articles are sent ahead of the
 * last one written, so a slow article holds back at most that many finished ones in memory.
 */
export async function prepareAll(
  settings: PrepareSettings,
  articles: readonly string[],
  workers: number,
  write: (prepared: Prepared, index: number) => void,
): Promise<void> {
  if (articles.length === 0) return;
  if (settings.include === 'confirmed') {
    // Reading sidecars needs no detector: a thread would only add its start-up.
    const toUri = articleUris(settings);
    articles.forEach((path, index) => write(prepare(settings, null, path, toUri), index));
    return;
  }
  const window = workers * 4;
  const done = new Map<number, Prepared>();
  let next = 0; // next article to send
  let written = 0; // next article to write
  const pool = Array.from(
    { length: Math.min(workers, articles.length) },
    () => new Worker(process.argv[1], { workerData: settings, argv: [] }),
  );
  const held = new Map<Worker, number>(pool.map((w) => [w, 0]));
  const fill = (): void => {
    for (const worker of pool) {
      while ((held.get(worker) ?? 0) < QUEUE_DEPTH && next < articles.length && next < written + window) {
        worker.postMessage({ index: next, path: articles[next] });
        next++;
        held.set(worker, (held.get(worker) ?? 0) + 1);
      }
    }
  };
  try {
    await new Promise<void>((resolve, reject) => {
      for (const worker of pool) {
        worker.on('error', reject);
        worker.on('message', (message: { index: number; prepared?: Prepared; error?: string }) => {
          if (message.error !== undefined) return reject(new Error(message.error));
          held.set(worker, (held.get(worker) ?? 1) - 1);
          done.set(message.index, message.prepared as Prepared);
          try {
            while (done.has(written)) {
              const prepared = done.get(written) as Prepared;
              done.delete(written);
              write(prepared, written++);
            }
          } catch (error) {
            return reject(error instanceof Error ? error : new Error(String(error)));
          }
          if (written === articles.length) return resolve();
          fill();
        });
      }
      fill();
    });
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}

/** Where an export goes, written through a temp file or folder that is renamed when all went well. */
export interface Output {
  /** Appends to the streamed file. */
  append(text: string): void;
  /** Writes a whole file of a multi-file format. */
  file(file: ExportFile): void;
  /** Renames the temp file or folder into place. */
  commit(): string;
  /** Removes the temp file or folder. */
  discard(): void;
}

export function openOutput(out: string, multiFile: boolean, streamPath: string | undefined): Output {
  if (!multiFile) {
    const path = existsSync(out) && statSync(out).isDirectory() ? join(out, streamPath ?? 'export') : out;
    mkdirSync(dirname(path), { recursive: true });
    const temp = `${path}.tmp-${process.pid}`;
    const fd = openSync(temp, 'w');
    let open = true;
    const close = (): void => {
      if (open) closeSync(fd);
      open = false;
    };
    return {
      append: (text) => void writeSync(fd, text),
      file: () => {
        throw new Error('a single-file format has no other files');
      },
      commit: () => {
        close();
        renameSync(temp, path);
        return path;
      },
      discard: () => {
        close();
        rmSync(temp, { force: true });
      },
    };
  }
  if (existsSync(out) && (!statSync(out).isDirectory() || readdirSync(out).length > 0)) {
    throw new Error(`${out} already exists and is not an empty folder; give a new folder for this format`);
  }
  const temp = `${out.replace(/[\\/]+$/, '')}.tmp-${process.pid}`;
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(temp, { recursive: true });
  const write = (file: ExportFile): void => {
    const path = join(temp, ...file.path.split('/'));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
  };
  let stream = streamPath === undefined ? null : openSync(join(temp, streamPath), 'w');
  const closeStream = (): void => {
    if (stream !== null) closeSync(stream);
    stream = null;
  };
  return {
    append: (text) => {
      if (stream === null) throw new Error('this format streams into no file');
      writeSync(stream, text);
    },
    file: write,
    commit: () => {
      closeStream();
      if (existsSync(out)) rmSync(out, { recursive: true });
      renameSync(temp, out);
      return out;
    },
    discard: () => {
      closeStream();
      rmSync(temp, { recursive: true, force: true });
    },
  };
}

/** Writes one prepared document through a format's writer. */
export function writeDocument(writer: FormatWriter, output: Output, doc: ExportDocument): void {
  if (writer.stream) output.append(writer.stream.part(doc));
  for (const file of writer.files?.(doc) ?? []) output.file(file);
}
