/**
 * Runs `steps` to the end in slices: after each step, once the slice has run `sliceMs`, it waits for `pause`
 * (a zero timeout), so that a thread shared with the editor answers hovers and keys between slices. `onSlice`
 * hears the last step's progress and how long the slice ran. A step longer than a slice is not cut: steps are
 * small (one claim's candidates read, one match joined). Undefined when `isCancelled` says so between slices.
 */
export async function runInSlices<Progress, Result>(
  steps: Generator<Progress, Result>,
  options: {
    sliceMs: number;
    pause: () => Promise<void>;
    onSlice?: (progress: Progress, ms: number) => void;
    isCancelled?: () => boolean;
  },
): Promise<Result | undefined> {
  for (;;) {
    const started = performance.now();
    let step = steps.next();
    while (!step.done && performance.now() - started < options.sliceMs) step = steps.next();
    if (step.done) return step.value;
    options.onSlice?.(step.value, performance.now() - started);
    await options.pause();
    if (options.isCancelled?.()) return undefined;
  }
}
