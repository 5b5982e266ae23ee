import type { WorkerChannel, WorkerHandle } from './workers';

/** In the browser there is no git or login name to ask: tags are signed "anonymous" unless the setting names someone. */
export function defaultAuthor(_cwd: string | undefined): Promise<string> {
  return Promise.resolve('anonymous');
}

/** Starts a web worker running a bundled script (dist/web/analysisWorker.js), by URL. */
export function spawnWorker<In, Out>(script: string): WorkerHandle<In, Out> {
  const worker = new Worker(script);
  return {
    send: (message) => worker.postMessage(message),
    receive: (listener) => worker.addEventListener('message', (event) => listener((event as MessageEvent<Out>).data)),
    onError: (listener) => worker.addEventListener('error', (event) => listener(new Error(event.message))),
    terminate: () => worker.terminate(),
  };
}

/** Inside a web worker: its messages from and to the page or worker that started it. */
export function workerChannel<In, Out>(): WorkerChannel<In, Out> {
  const scope = globalThis as unknown as {
    addEventListener(type: 'message', listener: (event: MessageEvent<In>) => void): void;
    postMessage(message: Out, transfer?: ArrayBuffer[]): void;
  };
  return {
    receive: (listener) => scope.addEventListener('message', (event) => listener(event.data)),
    send: (message, transfer) => scope.postMessage(message, transfer ?? []),
  };
}

/**
 * The web extension host is itself a web worker, and whether it may start workers of its own depends on
 * the browser and on VS Code for the Web: untested, so the browser build analyses on its own thread (0 workers).
 */
export function spareCores(): number {
  return 0;
}

/** A browser does not say how much of its heap a worker may use (performance.memory is Chrome's, and deprecated). */
export function heapUse(): { used: number; limit: number } | undefined {
  return undefined;
}
