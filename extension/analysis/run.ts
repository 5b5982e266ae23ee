import type { AnalysisPool, WorkerResult } from './pool';

/** An article as read for analysis: at least its text and format (the caller may carry more, such as its sidecar). */
export interface ReadArticle {
  text: string;
  format: 'markdown' | 'plaintext';
}

export interface AnalysisRun<T, A extends ReadArticle> {
  /** Reads an item just before it is handed to a worker; undefined skips it. */
  read(item: T): Promise<A | undefined> | A | undefined;
  /** Called in the items' order (a slower article holds back the ones after it), so what is written is the same whatever the timing. */
  done(item: T, article: A, result: WorkerResult): void | Promise<void>;
  progress?(done: number, total: number): void;
  isCancelled?(): boolean;
}

/**
 * Analyses items through a pool, keeping a few texts per worker in flight (enough to keep every worker
 * busy, few enough that memory does not grow with the corpus). Resolves false when cancelled.
 */
export async function analyzeInPool<T, A extends ReadArticle>(
  pool: AnalysisPool,
  items: readonly T[],
  run: AnalysisRun<T, A>,
): Promise<boolean> {
  const inFlight = Math.max(2, pool.size * 4);
  const results: (Promise<{ article: A; result: WorkerResult } | undefined> | undefined)[] = [];
  let started = 0;
  const start = (): void => {
    const i = started++;
    const outcome = (async () => {
      const article = await run.read(items[i]);
      if (!article) return undefined;
      return { article, result: await pool.analyze(article.text, article.format) };
    })();
    // Failures are read in order below; this only keeps an early rejection from being reported as unhandled.
    outcome.catch(() => undefined);
    results[i] = outcome;
  };
  for (let i = 0; i < items.length; i++) {
    while (started < items.length && started < i + inFlight) start();
    if (run.isCancelled?.()) {
      pool.cancel();
      return false;
    }
    const outcome = await results[i];
    results[i] = undefined;
    if (outcome) await run.done(items[i], outcome.article, outcome.result);
    run.progress?.(i + 1, items.length);
  }
  return true;
}
