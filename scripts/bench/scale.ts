/**
 * A year of news: the corpus indexed as the editor indexes it (articles read from disk, analysed in worker
 * threads, kept in the SQLite cache, fed to the corpus index), for 10,000 and 100,000 generated articles of
 * wire-copy length (about 2.3 KB). Each phase runs in a child process of its own, so its peak RSS is its own:
 *   first index with 1 and with 2 workers (wall, CPU of all threads, peak RSS of the process: host and workers are threads of it),
 *   reopen with the cache (to every article indexed: "hover ready"), re-index after 100 changed files,
 *   hover p95 (entity and claim lookups), overview open-to-content (its data collected and serialized: first
 *   without the claim groups, which the editor then computes in the background, timed apart; then, reopened
 *   again, with the groups the cache kept, as the editor keeps them).
 * The cache is written as the editor writes it (core/corpus/cacheStore.ts): the changed files' write says how much.
 * Usage: npm run bench -- scale [SIZES...]   (default 10000 100000; the articles are generated once under /tmp)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAnalysisPool } from '../../extension/analysis/pool';
import type { FromWorker, ToWorker } from '../../extension/analysis/protocol';
import { analyzeInPool } from '../../extension/analysis/run';
import { decodeAnalysis, isUnchanged, type CacheEntry } from '../../extension/core/corpus/cache';
import { openCacheStore, type CacheFiles, type CacheStore, type WriteFigures } from '../../extension/core/corpus/cacheStore';
import { decodeArticleFeatures } from '../../extension/core/corpus/articleFeatures';
import { createCorpusIndex, type CorpusIndex } from '../../extension/core/corpus/index';
import { collectOverview } from '../../extension/core/team/overview-collect';
import { contentHash } from '../../extension/core/text/hash';
import { spawnWorker } from '../../extension/env/node';
import { openDatabase } from '../../extension/files/sqlite';
import { makeArticle, makeWorld, percentile, random } from './corpus';

const ROOT = join(__dirname, '../..');
const WORKER = join(ROOT, 'dist/analysisWorker.js');
const WASM = join(ROOT, 'dist/sql-wasm.wasm');
const MODEL = join(ROOT, 'media/models/detector.bin');
const DETECTOR = `bench:${statSync(MODEL).size}`;
const PER_FOLDER = 1000;
const CHANGED = 100;
const LOOKUPS = 1000;
/**
 * The claim groups are computed (as the editor does in the background) up to this many articles: 10,000 take four
 * minutes and 2 GB at the peak, and the work grows faster than the articles.
 */
const GROUPING_MAX_ARTICLES = 20_000;

interface PhaseReport {
  wallS: number;
  cpuS: number;
  peakRssMB: number;
  analysed: number;
  hoverP95Ms?: number;
  /** The same lookups' CPU time p95, of the whole process (V8's GC threads count too): what they cost when the machine is not shared. */
  hoverCpuP95Ms?: number;
  overviewMs?: number;
  /** CPU time of the overview (one thread): the wall time above also counts waiting for a loaded machine. */
  overviewCpuMs?: number;
  /** What the page is posted (its JSON), KB. */
  overviewKB?: number;
  /** Whether the claim groups were taken from the cache rather than computed. */
  groupsKept?: boolean;
  /** When they were not: how long computing them took (in the editor, in the background, the overview showing the rest meanwhile). */
  groupingS?: number;
  /** At the end of the phase: the host thread's JS heap in use, and memory outside it (SQLite's WebAssembly memory, buffers). */
  heapMB: number;
  stages: ReopenStages;
  externalMB: number;
  /** What the cache's write at the end of the phase wrote (none when nothing was analysed). */
  written?: WriteFigures;
}

const folderOf = (n: number): string => join(tmpdir(), 'source-annotator-scale', String(n));
const articlePath = (i: number): string => `${String(Math.floor(i / PER_FOLDER)).padStart(3, '0')}/a${String(i).padStart(6, '0')}.txt`;

/** Writes the generated corpus once (the same seed gives the same articles); later runs reuse it. */
function generate(n: number): void {
  const dir = join(folderOf(n), 'articles');
  if (existsSync(join(dir, 'complete'))) return;
  rmSync(dir, { recursive: true, force: true });
  const rand = random(20261130);
  const world = makeWorld(rand);
  for (let i = 0; i < n; i++) {
    if (i % PER_FOLDER === 0) mkdirSync(join(dir, articlePath(i), '..'), { recursive: true });
    writeFileSync(join(dir, articlePath(i)), makeArticle(world, rand).text);
  }
  writeFileSync(join(dir, 'complete'), '');
}

function paths(n: number): string[] {
  return Array.from({ length: n }, (_, i) => articlePath(i));
}

/** The cache's folder on disk, as the editor's is in its workspace storage: each file replaced through a temporary one. */
function folderFiles(folder: string): CacheFiles {
  return {
    read: (name) => Promise.resolve(existsSync(join(folder, name)) ? new Uint8Array(readFileSync(join(folder, name))) : undefined),
    write(name, bytes) {
      mkdirSync(folder, { recursive: true });
      const temp = join(folder, `${name}.${process.pid}.tmp`);
      writeFileSync(temp, bytes);
      renameSync(temp, join(folder, name));
      return Promise.resolve();
    },
    remove: (name) => Promise.resolve(rmSync(join(folder, name), { force: true })),
    list: () => Promise.resolve(existsSync(folder) ? readdirSync(folder) : []),
  };
}

const cacheFolder = (n: number): string => join(folderOf(n), 'cache');

function openStore(n: number): Promise<CacheStore> {
  const wasm = new Uint8Array(readFileSync(WASM));
  return openCacheStore(folderFiles(cacheFolder(n)), (bytes) => openDatabase(wasm, bytes), DETECTOR);
}

/** The index as the editor keeps it, fed from the cache where an article is unchanged and from the workers where not. */
async function indexCorpus(
  n: number,
  workers: number,
): Promise<{ index: CorpusIndex; analysed: number; groupsKept: boolean; stages: ReopenStages; written: WriteFigures | undefined }> {
  const stages: ReopenStages = { cacheS: 0, filesS: 0, decodeS: 0, indexS: 0 };
  const since = performance.now();
  const store = await openStore(n);
  const cached = store.loaded;
  const kept = store.groups;
  stages.cacheS += (performance.now() - since) / 1000;
  const index = createCorpusIndex();
  const stale = indexFromCache(n, index, cached, stages);
  const written = stale.length ? await store.write({ added: await analyseInWorkers(n, index, stale, workers), removed: [] }) : undefined;
  store.close();
  // As the editor does once every article is indexed: the groups kept by the last session, if computed from this very corpus.
  const groupsKept = !!kept && index.restoreClaimGroups(kept);
  return { index, analysed: stale.length, groupsKept, stages, written };
}

/**
 * Adds the time since `since` (performance.now(), ms) to a stage, and returns now. The wall time of the host thread's
 * work: process.cpuUsage, a system call, cost more than half a second at four calls an article.
 */
function lap(stages: ReopenStages, stage: keyof ReopenStages, since: number): number {
  const now = performance.now();
  stages[stage] += (now - since) / 1000;
  return now;
}

/** Indexes the articles the cache has unchanged (as the editor: size and time, else the hash); returns the others. */
function indexFromCache(n: number, index: CorpusIndex, cached: Map<string, CacheEntry>, stages: ReopenStages): string[] {
  const dir = join(folderOf(n), 'articles');
  const stale: string[] = [];
  for (const path of paths(n)) {
    let since = performance.now();
    const file = join(dir, path);
    const stat = statSync(file);
    const entry = cached.get(path);
    let text: string | undefined;
    const read = (): string => (text ??= readFileSync(file, 'utf8'));
    const unchanged = entry && isUnchanged(entry, { size: stat.size, mtime: Math.floor(stat.mtimeMs) }, () => contentHash(read()));
    if (unchanged) read();
    since = lap(stages, 'filesS', since);
    const analysis = unchanged ? decodeAnalysis(entry.analysis, read()) : undefined;
    const features = analysis && entry && decodeArticleFeatures(entry.features, analysis.claims.length);
    since = lap(stages, 'decodeS', since);
    if (analysis) index.updateDocument(path, read(), analysis, null, features);
    else stale.push(path);
    lap(stages, 'indexS', since);
  }
  return stale;
}

/** Analyses articles in the workers and indexes them as they come; returns their cache entries. */
async function analyseInWorkers(n: number, index: CorpusIndex, stale: string[], workers: number): Promise<CacheEntry[]> {
  const dir = join(folderOf(n), 'articles');
  const pool = createAnalysisPool(() => spawnWorker<ToWorker, FromWorker>(WORKER), workers, {
    tagger: new Uint8Array(readFileSync(MODEL)),
    claims: new Uint8Array(readFileSync(join(ROOT, 'media/models/claims.bin'))),
    dates: new Uint8Array(readFileSync(join(ROOT, 'media/models/dates.bin'))),
  });
  const written: CacheEntry[] = [];
  try {
    await analyzeInPool(pool, stale, {
      read: (path) => ({ text: readFileSync(join(dir, path), 'utf8'), format: 'plaintext' }),
      done(path, { text, format }, result) {
        const analysis = decodeAnalysis(result.analysis, text);
        if (!analysis) throw new Error(`damaged analysis of ${path}`);
        index.updateDocument(path, text, analysis, null, decodeArticleFeatures(result.features, analysis.claims.length));
        const stat = statSync(join(dir, path));
        written.push({ path, size: stat.size, mtime: Math.floor(stat.mtimeMs), format, ...result });
      },
    });
  } finally {
    pool.dispose();
  }
  return written;
}

/**
 * Where a reopen's time goes (the host thread's work, wall seconds): opening and reading the cache, stat and read of the
 * articles, decoding their entries, indexing them.
 */
interface ReopenStages {
  cacheS: number;
  filesS: number;
  decodeS: number;
  indexS: number;
}

/** Keeps the claim groups computed in this phase in the cache, as the editor does once they are computed. */
async function keepGroups(n: number, index: CorpusIndex): Promise<void> {
  const kept = index.keptClaimGroups();
  if (!kept) return;
  const store = await openStore(n);
  await store.write({ added: [], removed: [], groups: kept });
  store.close();
}

/** Entity and claim hovers at random places, as the hover provider asks the index: p95 of wall and of CPU time, ms. */
function hoverP95(index: CorpusIndex, n: number): { wall: number; cpu: number } {
  const rand = random(7);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  const timed = (lookup: () => unknown): void => {
    const t = performance.now();
    const cpu = process.cpuUsage();
    lookup();
    const used = process.cpuUsage(cpu);
    times.push(performance.now() - t);
    cpuTimes.push((used.user + used.system) / 1000);
  };
  for (let i = 0; i < LOOKUPS; i++) {
    const path = articlePath(Math.floor(rand() * n));
    const claims = index.claimsOf(path);
    const claim = claims[Math.floor(rand() * claims.length)];
    timed(() => {
      const at = claim && index.mentionAt(path, claim.start + 1);
      if (at) index.entityLookup(at.entityId ?? at.text, { excludePath: path });
    });
    if (claim) timed(() => index.claimLookup(path, claim.start, claim.start));
  }
  const p95 = (xs: number[]): number =>
    percentile(
      xs.sort((a, b) => a - b),
      0.95,
    );
  return { wall: p95(times), cpu: p95(cpuTimes) };
}

/**
 * What the Corpus Overview collects when it opens (see extension/views/overview.ts: its 150 most mentioned
 * entities and biggest claim groups), serialized as it is posted to the page: wall and CPU ms.
 */
function overviewMs(index: CorpusIndex): { wall: number; cpu: number; postedKB: number } {
  const t = performance.now();
  const cpu = process.cpuUsage();
  // As the editor does: groups not computed yet are computed in the background, and the overview says it is grouping.
  const posted = JSON.stringify(collectOverview(index, { trail: [], claimGroups: index.computedClaimGroups() }));
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - t, cpu: (used.user + used.system) / 1000, postedKB: posted.length / 1024 };
}

/** What a write of the cache wrote, and how long making its files' bytes held the thread. */
function writeFigure(written: WriteFigures | undefined): string {
  if (!written) return 'nothing';
  return `${written.files} files, ${(written.bytes / 1048576).toFixed(1)} MB, ${written.exportMs.toFixed(0)} ms making their bytes`;
}

/** How the claim groups of a reopen came. */
function groupingFigure(reopen: PhaseReport): string {
  if (reopen.groupsKept) return 'from the cache';
  if (reopen.groupingS === undefined) return `not computed: the bench computes them up to ${GROUPING_MAX_ARTICLES} articles`;
  return `computed in the background in ${reopen.groupingS.toFixed(0)} s`;
}

/** The overview's figures of a phase, as its report lines print them. */
function overviewFigures(report: PhaseReport): string {
  return `${report.overviewMs?.toFixed(0)} ms (CPU ${report.overviewCpuMs?.toFixed(0)} ms, ${report.overviewKB?.toFixed(0)} KB posted`;
}

/** One phase, in this (child) process: prints its report as JSON on the last line. */
async function phase(kind: string, n: number, workers: number): Promise<void> {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const fresh = kind === 'index';
  if (fresh) rmSync(cacheFolder(n), { recursive: true, force: true });
  const { index, analysed, groupsKept, stages, written } = await indexCorpus(n, workers);
  const wallS = (performance.now() - t) / 1000;
  const used = process.cpuUsage(cpu);
  const memory = process.memoryUsage();
  const report: PhaseReport = {
    wallS,
    cpuS: (used.user + used.system) / 1e6,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    analysed,
    groupsKept,
    heapMB: memory.heapUsed / 1048576,
    externalMB: memory.external / 1048576,
    stages,
    written,
  };
  if (kind === 'reopen' || kind === 'reopen-kept') {
    const hover = hoverP95(index, n);
    report.hoverP95Ms = hover.wall;
    report.hoverCpuP95Ms = hover.cpu;
    const overview = overviewMs(index);
    report.overviewMs = overview.wall;
    report.overviewCpuMs = overview.cpu;
    report.overviewKB = overview.postedKB;
    if (!groupsKept && n <= GROUPING_MAX_ARTICLES) {
      const started = performance.now();
      index.claimGroups();
      report.groupingS = (performance.now() - started) / 1000;
      await keepGroups(n, index);
    }
  }
  console.log(JSON.stringify(report));
}

/**
 * Runs a phase in a child process with the heap limit this one was given (scripts/run-ts.mjs: 8 GB). V8's default is
 * about 4 GB, as in VS Code's extension host, and 100,000 articles need more.
 */
function runPhase(kind: string, n: number, workers: number): PhaseReport {
  const child = spawnSync(process.execPath, [...process.execArgv, __filename, 'scale-phase', kind, String(n), String(workers)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const last = child.stdout.trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !last.startsWith('{'))
    throw new Error(
      `scale ${kind} ${n}: exit ${child.status} (signal ${child.signal}, ${child.error?.message ?? 'no error'})\n${child.stdout}`,
    );
  return JSON.parse(last) as PhaseReport;
}

/** Appends a sentence to `count` articles spread over the corpus (and gives the originals back afterwards). */
function changeArticles(n: number, count: number): () => void {
  const dir = join(folderOf(n), 'articles');
  const originals = new Map<string, string>();
  for (let k = 0; k < count; k++) {
    const path = articlePath(Math.floor((k * n) / count));
    const file = join(dir, path);
    originals.set(file, readFileSync(file, 'utf8'));
    writeFileSync(file, originals.get(file) + ' A correction was appended by the editors on Friday.');
  }
  return () => {
    for (const [file, text] of originals) writeFileSync(file, text);
  };
}

export async function bench(): Promise<void> {
  if (!existsSync(WORKER) || !existsSync(WASM))
    throw new Error('run npm run build first: the bench uses dist/analysisWorker.js and dist/sql-wasm.wasm');
  const sizes = process.argv
    .slice(3)
    .map(Number)
    .filter((x) => x > 0);
  const lines: string[] = [];
  for (const n of sizes.length ? sizes : [10_000, 100_000]) {
    const t = performance.now();
    generate(n);
    console.log(`${n} articles under ${folderOf(n)} (generated or found in ${((performance.now() - t) / 1000).toFixed(1)} s)`);
    const one = runPhase('index', n, 1);
    console.log(
      `  first index, 1 worker:  ${one.wallS.toFixed(1)} s wall, ${one.cpuS.toFixed(1)} s CPU (all threads), peak RSS ${one.peakRssMB.toFixed(0)} MB (host and worker threads: one process; at the end host heap ${one.heapMB.toFixed(0)} MB, outside the heap ${one.externalMB.toFixed(0)} MB)`,
    );
    const two = runPhase('index', n, 2);
    console.log(
      `  first index, 2 workers: ${two.wallS.toFixed(1)} s wall, ${two.cpuS.toFixed(1)} s CPU (all threads), peak RSS ${two.peakRssMB.toFixed(0)} MB`,
    );
    const reopen = runPhase('reopen', n, 2);
    console.log(
      `  reopen with the cache to every article indexed: ${reopen.wallS.toFixed(2)} s wall, ${reopen.cpuS.toFixed(1)} s CPU, peak RSS ${reopen.peakRssMB.toFixed(0)} MB (host heap ${reopen.heapMB.toFixed(0)} MB), ${reopen.analysed} analysed again`,
    );
    console.log(
      `  hover p95 ${reopen.hoverP95Ms?.toFixed(2)} ms (process CPU p95 ${reopen.hoverCpuP95Ms?.toFixed(2)} ms, GC threads included; ${LOOKUPS} entity and ${LOOKUPS} claim lookups), overview open-to-content ${overviewFigures(reopen)}; claim groups ${groupingFigure(reopen)})`,
    );
    const kept = runPhase('reopen-kept', n, 2);
    const { cacheS, filesS, decodeS, indexS } = kept.stages;
    console.log(
      `  reopen again, claim groups kept: ${kept.wallS.toFixed(2)} s wall, ${kept.cpuS.toFixed(1)} s CPU (host thread: cache opened and read ${cacheS.toFixed(2)} s, articles stat and read ${filesS.toFixed(2)} s, entries decoded ${decodeS.toFixed(2)} s, indexed ${indexS.toFixed(2)} s), hover p95 ${kept.hoverP95Ms?.toFixed(2)} ms (process CPU p95 ${kept.hoverCpuP95Ms?.toFixed(2)} ms), overview open-to-content ${overviewFigures(kept)}; claim groups ${kept.groupsKept ? 'from the cache' : 'not kept'})`,
    );
    const restore = changeArticles(n, CHANGED);
    let changed: PhaseReport;
    try {
      changed = runPhase('changed', n, 2);
    } finally {
      restore();
    }
    console.log(
      `  reopen after ${CHANGED} changed files: ${changed.wallS.toFixed(2)} s wall, ${changed.analysed} analysed again; the cache's write: ${writeFigure(changed.written)} (the first index's: ${writeFigure(two.written)})`,
    );
    const peak = Math.max(one.peakRssMB, two.peakRssMB, reopen.peakRssMB, kept.peakRssMB, changed.peakRssMB);
    lines.push(
      `scale: ${n} articles, index ${two.wallS.toFixed(1)} s (2 workers), peak RSS ${peak.toFixed(0)} MB, reopen ${kept.wallS.toFixed(1)} s, hover p95 ${kept.hoverP95Ms?.toFixed(1)} ms, overview ${kept.overviewMs?.toFixed(0)} ms (claim groups ${groupingFigure(reopen)})`,
    );
  }
  console.log(
    `machine: ${cpus().length} cores, load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')} (the bench shares them)`,
  );
  for (const line of lines) console.log(line);
}

if (process.argv[2] === 'scale-phase') void phase(process.argv[3], Number(process.argv[4]), Number(process.argv[5]));
