/** A worker (a Node worker thread, or a web worker), seen from the thread that started it: the same in both builds. */
export interface WorkerHandle<In, Out> {
  send(message: In): void;
  receive(listener: (message: Out) => void): void;
  onError(listener: (error: Error) => void): void;
  terminate(): void;
}

/** Inside a worker: its messages from and to the thread that started it. */
export interface WorkerChannel<In, Out> {
  receive(listener: (message: In) => void): void;
  send(message: Out, transfer?: ArrayBuffer[]): void;
}
