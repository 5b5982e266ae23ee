import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runInSlices } from '../../../extension/core/corpus/slices';

/** Steps that each take about `ms` of busy time, then return 'done'. */
function* busySteps(count: number, ms: number): Generator<number, string> {
  for (let i = 1; i <= count; i++) {
    const until = performance.now() + ms;
    while (performance.now() < until);
    yield i;
  }
  return 'done';
}

test('steps run in slices of about the given time, with a pause between slices', async () => {
  const slices: { progress: number; ms: number }[] = [];
  let pauses = 0;
  const result = await runInSlices(busySteps(20, 2), {
    sliceMs: 10,
    pause: async () => {
      pauses++;
    },
    onSlice: (progress, ms) => slices.push({ progress, ms }),
  });
  assert.equal(result, 'done');
  assert.ok(pauses >= 2, `20 steps of 2 ms in slices of 10 ms pause more than once (${pauses})`);
  assert.equal(slices.length, pauses);
  // Counted in steps, not milliseconds: on a loaded machine the thread may be descheduled in a slice, which makes it
  // longer by the clock but never lets it run more steps than fit in its time.
  const stepsPerSlice = slices.map((s, k) => s.progress - (k ? slices[k - 1].progress : 0));
  assert.ok(
    stepsPerSlice.every((n) => n <= 10 / 2 + 1),
    `no slice runs a step past its time: ${stepsPerSlice.join(', ')} steps (${slices.map((s) => s.ms.toFixed(1)).join(', ')} ms)`,
  );
  assert.deepEqual(
    slices.map((s) => s.progress),
    [...slices.map((s) => s.progress)].sort((a, b) => a - b),
  );
});

test('a cancelled run stops between slices and gives nothing', async () => {
  let pauses = 0;
  const steps = busySteps(50, 1);
  const result = await runInSlices(steps, { sliceMs: 3, pause: async () => void pauses++, isCancelled: () => pauses >= 2 });
  assert.equal(result, undefined);
  assert.equal(pauses, 2);
  assert.equal(steps.next().done, false, 'the steps were left where they were');
});
