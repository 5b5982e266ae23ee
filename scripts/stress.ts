// npm run stress [-- COUNT [SEED]] [--self-check] [--tune]: two parts.
// 1. Invariants: plays COUNT (default 100,000) random edit sequences on random articles through both
//    anchoring paths and prints what became of the tags ("tags lost: N of M"; N must be 0). The
//    scenarios are the property tests' (scripts/stress/scenario.ts).
// 2. Ground truth: realistic edits of real news articles (the shared data's `report` split, see
//    scripts/stress/articles.ts) with every character's origin tracked, printing wrong picks,
//    unflagged wrong picks and misses for both paths against the goals of GOALS; then the same on a
//    deliberately broken anchoring, which must fail (the test's own check). --self-check runs only that.
// --tune runs only the ground truth, on the `tune` split (PolNeAR training articles): the figures to tune
// anchoring's thresholds on. The `report` split's figures are never tuned on.
import fc from 'fast-check';
import { anchorTags, countAnchoring, shiftTags, type AnchoringCounts } from '../extension/core/anchor';
import { articles, sharedDir, type Split } from './stress/articles';
import { brokenPaths, describe, failures, measure } from './stress/groundTruth';
import { runScenario, scenarioArb } from './stress/scenario';
import { repoRoot } from './train/paths';

const args = process.argv.slice(2).filter((a) => a !== '--self-check' && a !== '--tune');
const selfCheckOnly = process.argv.includes('--self-check');
const split: Split = process.argv.includes('--tune') ? 'tune' : 'report';
const count = Number(args[0] ?? 100_000);
const seed = Number(args[1] ?? 20240601);
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(seed)) {
  console.error('usage: npm run stress -- [COUNT] [SEED] [--self-check]');
  process.exit(2);
}
/** Edit sequences of the ground-truth part: 3,000 × 7 edits × 16 tags ≈ 21,000 edits and 48,000 tags. */
const GROUND_TRUTH_SEQUENCES = 3_000;

function groundTruth(): boolean {
  const shared = sharedDir(repoRoot);
  if (!shared) {
    console.error('ground truth: the shared data (../shared or /work/shared) is not there');
    return false;
  }
  const texts = articles(shared, split);
  let ok = true;
  if (!selfCheckOnly) {
    const started = performance.now();
    const figures = measure(texts, { disk: anchorTags, editor: shiftTags }, { scenarios: GROUND_TRUTH_SEQUENCES, seed });
    console.log(
      split === 'report'
        ? `ground truth, ${texts.length} articles of the report split (sample articles, PolNeAR dev, CoNLL-2003 dev):`
        : `ground truth, ${texts.length} articles of the tune split (PolNeAR training articles; not for reporting):`,
    );
    for (const line of describe(figures)) console.log(`  ${line}`);
    console.log(`  ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const failed = failures(figures);
    for (const f of failed) console.log(`  goal not met: ${f}`);
    for (const example of [...figures.disk.examples.slice(0, 5), ...figures.editor.examples.slice(0, 5)])
      console.log(`  example: ${example}`);
    ok = failed.length === 0;
  }
  const broken = measure(texts, brokenPaths, { scenarios: 50, seed });
  const caught = failures(broken).length > 0;
  console.log(
    `self-check: anchoring broken on purpose (every tag moved onto the text's first characters) ${caught ? 'fails the goals, as it must' : 'PASSES the goals: the stress test is blind'}`,
  );
  return ok && caught;
}

if (selfCheckOnly || split === 'tune') process.exit(groundTruth() ? 0 : 1);

const CHUNK = 2_000;
const editor: AnchoringCounts = { exact: 0, moved: 0, fuzzy: 0, orphaned: 0 };
const disk: AnchoringCounts = { exact: 0, moved: 0, fuzzy: 0, orphaned: 0 };
let tags = 0;
let events = 0;
let textUnits = 0;
let lost = 0;
let samePlace = 0;
let elsewhere = 0;
let editorMs = 0;
let diskMs = 0;
const examples: string[] = [];

function add(into: AnchoringCounts, counts: AnchoringCounts): void {
  for (const k of Object.keys(into) as (keyof AnchoringCounts)[]) into[k] += counts[k];
}

const started = performance.now();
for (let done = 0; done < count; done += CHUNK) {
  const scenarios = fc.sample(scenarioArb, { numRuns: Math.min(CHUNK, count - done), seed: seed + done });
  for (const scenario of scenarios) {
    const run = runScenario(scenario);
    tags += run.disk.length;
    events += run.events;
    textUnits += run.text.length;
    editorMs += run.editorMs;
    diskMs += run.diskMs;
    lost += run.lostEditor + run.lostDisk;
    if (run.problems.length && examples.length < 3) examples.push(`${run.problems[0]}\n  in ${JSON.stringify(scenario)}`);
    add(editor, countAnchoring(run.editor));
    add(disk, countAnchoring(run.disk));
    // Where both paths placed a tag, do they agree? The editor path knows every edit; the disk path only the final text.
    run.disk.forEach((d, i) => {
      const e = run.editor[i];
      if (d.anchoring === 'orphaned' || e.anchoring === 'orphaned') return;
      if (d.target.start === e.target.start && d.target.end === e.target.end) samePlace++;
      else elsewhere++;
    });
  }
}
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage();

const pct = (n: number, of: number) => `${((100 * n) / Math.max(1, of)).toFixed(2)}%`;
const line = (name: string, c: AnchoringCounts, ms: number, calls: number) =>
  `${name}: exact ${c.exact} (${pct(c.exact, tags)}), moved ${c.moved} (${pct(c.moved, tags)}), fuzzy ${c.fuzzy} (${pct(c.fuzzy, tags)}), ` +
  `orphaned ${c.orphaned} (${pct(c.orphaned, tags)}); ${ms.toFixed(0)} ms in anchoring, ${((1000 * ms) / Math.max(1, calls)).toFixed(1)} µs per call`;

console.log(
  `stress: ${count} edit sequences (seed ${seed}), ${events} editor events, ${tags} tags per path, final texts ${(textUnits / count).toFixed(0)} UTF-16 units on average`,
);
console.log(line('editor path (shiftTags per event)', editor, editorMs, events));
console.log(line('disk path (anchorTags on the final text)', disk, diskMs, count));
console.log(
  `tags placed by both paths: ${samePlace + elsewhere}; same span ${samePlace} (${pct(samePlace, samePlace + elsewhere)}), another span ${elsewhere} (a repeated passage or a fuzzy boundary)`,
);
console.log(
  `time taken: ${seconds.toFixed(1)} s in all (${((cpu.user + cpu.system) / 1e6).toFixed(1)} s of CPU; the rest is waiting for a busy machine)`,
);
for (const example of examples) console.log(`example of a lost tag: ${example}`);
console.log(`tags lost: ${lost} of ${2 * tags}`);
const groundTruthOk = groundTruth();
process.exitCode = lost === 0 && groundTruthOk ? 0 : 1;
