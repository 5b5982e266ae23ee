import * as vscode from 'vscode';
import { createAnalysisPool, type AnalysisPool } from '../analysis/pool';
import type { FromWorker, ModelFiles, ToWorker } from '../analysis/protocol';
import { spareCores, spawnWorker } from '../env/node';
import { MAIN_FILE } from '../core/corpus/cacheStore';
import { CorpusCache } from './corpusCache';

/**
 * What indexing the corpus needs besides the index: the cache (opened once the detector's model is
 * known, since a cache belongs to one model), the worker threads that analyse articles off the
 * extension host's thread, and a log (the output channel) for what the researcher should know.
 */
export interface CorpusIndexing extends vscode.Disposable {
  cache(): Promise<CorpusCache>;
  /**
   * Workers running the shipped model; undefined when analysis must stay on this thread (the browser build,
   * no model, or a model corrected by the researcher's tags).
   */
  pool(): AnalysisPool | undefined;
  /** Whether the analyses made now are the shipped model's, which the cache keeps (not those of a model corrected by the researcher's tags). */
  usesShippedModel(): boolean;
  /**
   * Opens the cache again from its file, as a new window would (tests use it). `whileClosed` runs once the cache has
   * written what it held and let go of the file, as between two windows.
   */
  reopenCache(whileClosed?: () => Promise<void>): Promise<CorpusCache>;
  log(message: string): void;
  /** The messages logged so far (tests read them; the researcher reads the output channel). */
  logged(): readonly string[];
  /** The cache's main file in the workspace storage (never in the researcher's folder); its shards lie beside it. */
  cacheFile(): vscode.Uri | undefined;
  /** SQLite's WebAssembly module, shipped beside the bundles. */
  wasm(): Promise<Uint8Array>;
}

export function createCorpusIndexing(
  context: vscode.ExtensionContext,
  models: Promise<ModelFiles>,
  usesShippedModel: () => boolean,
  channel: vscode.OutputChannel,
): CorpusIndexing {
  const lines: string[] = [];
  const log = (message: string): void => {
    lines.push(message);
    channel.appendLine(message);
  };
  let pool: AnalysisPool | undefined;
  let poolModels: ModelFiles | undefined;
  const wasm = async (): Promise<Uint8Array> =>
    vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'dist', 'sql-wasm.wasm'));
  const open = async (): Promise<CorpusCache> => {
    const files = await models.then(
      (m) => m,
      (): ModelFiles => ({ tagger: null, claims: null, dates: null }),
    );
    poolModels = files;
    return CorpusCache.open(context.storageUri, await wasm(), signature(context, files), log);
  };
  let cache = open();
  return {
    cache: () => cache,
    usesShippedModel,
    pool() {
      const workers = spareCores();
      if (!workers || !poolModels?.tagger || !usesShippedModel()) return undefined;
      pool ??= createAnalysisPool(
        () => spawnWorker<ToWorker, FromWorker>(vscode.Uri.joinPath(context.extensionUri, 'dist', 'analysisWorker.js').fsPath),
        workers,
        poolModels,
      );
      return pool;
    },
    reopenCache(whileClosed) {
      // Whoever asks for the cache meanwhile waits for the new one, rather than writing to the closed one.
      cache = cache
        .then((closing) => closing.close())
        .then(async () => {
          await whileClosed?.();
          return open();
        });
      return cache;
    },
    log,
    logged: () => lines,
    wasm,
    cacheFile: () => context.storageUri && vscode.Uri.joinPath(context.storageUri, MAIN_FILE),
    dispose() {
      pool?.dispose();
      void cache.then((c) => c.dispose());
    },
  };
}

/** Which models made an analysis: the extension's version and each model's size and sampled bytes (hashing megabytes at each start would cost more). */
function signature(context: vscode.ExtensionContext, models: ModelFiles): string {
  const version = String((context.extension.packageJSON as { version?: unknown }).version);
  if (!models.tagger && !models.claims && !models.dates) return `rules:${version}`;
  return `model:${version}:${fingerprint(models.tagger)}:${fingerprint(models.claims)}:${fingerprint(models.dates)}`;
}

function fingerprint(model: Uint8Array | null): string {
  if (!model) return 'none';
  let sample = 0;
  for (let i = 0; i < model.length; i += 4099) sample = (sample * 31 + model[i]) | 0;
  return `${model.length}.${sample}`;
}
