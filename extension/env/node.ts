import { execFile } from 'node:child_process';
import { availableParallelism, userInfo } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { parentPort, Worker } from 'node:worker_threads';
import type { WorkerChannel, WorkerHandle } from './workers';

/** The researcher's name for new tags when the setting is empty: git's user.name, else the login name. */
export function defaultAuthor(cwd: string | undefined): Promise<string> {
  return new Promise((resolve) => {
    execFile('git', ['config', 'user.name'], { cwd, timeout: 2000 }, (error, stdout) => {
      const name = error ? '' : stdout.trim();
      if (name) return resolve(name);
      try {
        resolve(userInfo().username || 'anonymous');
      } catch {
        resolve('anonymous');
      }
    });
  });
}

/** Room for the detector's model and the analysis of the largest article indexed (5 MB). */
const WORKER_HEAP_MB = 384;

/** Starts a worker thread running a bundled script (dist/analysisWorker.js). */
export function spawnWorker<In, Out>(script: string): WorkerHandle<In, Out> {
  // A bounded heap makes the worker collect its garbage as it goes rather than grow with the corpus.
  const worker = new Worker(script, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
  return {
    send: (message) => worker.postMessage(message),
    receive: (listener) => void worker.on('message', listener),
    onError: (listener) => void worker.on('error', listener),
    terminate: () => void worker.terminate(),
  };
}

/** Inside a worker thread: its messages from and to the thread that started it. */
export function workerChannel<In, Out>(): WorkerChannel<In, Out> {
  const port = parentPort;
  if (!port) throw new Error('not in a worker thread');
  return {
    receive: (listener) => void port.on('message', listener),
    send: (message, transfer) => port.postMessage(message, transfer),
  };
}

/** How many worker threads indexing may use: every core but the one the editor (or the CLI's main thread) runs on, at least one. */
export function spareCores(): number {
  return Math.max(1, availableParallelism() - 1);
}

/** The JavaScript heap in use and the most it may grow to, in bytes. */
export function heapUse(): { used: number; limit: number } | undefined {
  const { used_heap_size: used, heap_size_limit: limit } = getHeapStatistics();
  return { used, limit };
}
