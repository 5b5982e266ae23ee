import type { KnownEntity } from '../core/detect/types';
import type { WorkerHandle } from '../env/workers';
import type { FromWorker, ModelFiles, ToWorker } from './protocol';

/** A text analysed in a worker: the cache's encoding of its analysis, its content hash and the index's features (encodeArticleFeatures). */
export interface WorkerResult {
  hash: string;
  analysis: Uint8Array;
  features: string;
}

/**
 * Analysis spread over worker threads, one per core the host can spare. Work is handed to the least
 * busy worker; `analyze` resolves when that text is done. Cancelling rejects what is still waiting
 * (the texts already in a worker finish and are dropped), so a cancelled indexing run ends at once.
 */
export interface AnalysisPool {
  readonly size: number;
  analyze(text: string, format: 'markdown' | 'plaintext'): Promise<WorkerResult>;
  /** Names the detector should find everywhere (sent to every worker once, not with each text). */
  setKnownEntities(known: readonly KnownEntity[]): void;
  /** Texts handed over and not yet done. */
  pending(): number;
  cancel(): void;
  dispose(): void;
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
  }
}

export function createAnalysisPool(spawn: () => WorkerHandle<ToWorker, FromWorker>, size: number, models: ModelFiles): AnalysisPool {
  const waiting = new Map<number, { resolve: (r: WorkerResult) => void; reject: (e: Error) => void; worker: number }>();
  const load: number[] = [];
  const workers = Array.from({ length: size }, (_, i) => {
    const worker = spawn();
    load.push(0);
    worker.receive((message) => {
      const job = waiting.get(message.id);
      if (!job) return;
      waiting.delete(message.id);
      load[i]--;
      if (message.kind === 'done') job.resolve({ hash: message.hash, analysis: message.analysis, features: message.features });
      else job.reject(new Error(message.message));
    });
    worker.onError((error) => {
      for (const [id, job] of waiting) {
        if (job.worker !== i) continue;
        waiting.delete(id);
        job.reject(error);
      }
    });
    worker.send({ kind: 'start', models });
    return worker;
  });
  let nextId = 0;
  return {
    size,
    analyze(text, format) {
      let best = 0;
      for (let i = 1; i < load.length; i++) if (load[i] < load[best]) best = i;
      const id = nextId++;
      load[best]++;
      return new Promise<WorkerResult>((resolve, reject) => {
        waiting.set(id, { resolve, reject, worker: best });
        workers[best].send({ kind: 'analyze', id, text, format });
      });
    },
    setKnownEntities(known) {
      for (const w of workers) w.send({ kind: 'known', known });
    },
    pending: () => waiting.size,
    cancel() {
      for (const job of waiting.values()) {
        load[job.worker]--;
        job.reject(new CancelledError());
      }
      waiting.clear();
    },
    dispose() {
      this.cancel();
      for (const w of workers) w.terminate();
    },
  };
}
