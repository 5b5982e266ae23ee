/**
 * Editor figures from a real VS Code (the integration harness, offline server build): activation
 * time and the time from an edit to the decorations being updated on a 1 MB article.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export async function bench(): Promise<void> {
  const root = join(__dirname, '../..');
  const run = spawnSync(process.execPath, [join(root, 'test/integration/run.mjs')], {
    env: { ...process.env, SOURCE_ANNOTATOR_TEST_GREP: '1 MB' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const out = run.stdout + run.stderr;
  const activation = /activation took ([\d.]+) ms/.exec(out);
  const opened = /opened and analysed a ([\d.]+) MB article in (\d+) ms/.exec(out);
  const edits = /edit → decorations on 1 MB: p50 (\d+) ms, p95 (\d+) ms over (\d+) edits \((\d+) marks\)/.exec(out);
  if (!activation || !edits || run.status !== 0) {
    console.log(`editor: the VS Code run failed (exit ${run.status}); its output ends:\n${out.slice(-2000)}`);
    return;
  }
  console.log(`activation: ${activation[1]} ms`);
  const heap = /extension host heap: (\d+) MB before opening, (\d+) MB after/.exec(out);
  if (heap) console.log(`extension host heap: ${heap[1]} MB before, ${heap[2]} MB after opening the 1 MB article`);
  if (opened) console.log(`open and analyse ${opened[1]} MB article: ${opened[2]} ms`);
  console.log(`editor edit → decorations p95: ${edits[2]} ms (p50 ${edits[1]} ms, ${edits[3]} edits, ${edits[4]} marks on a 1 MB article)`);
  overview(root);
}

/**
 * The Corpus Overview opened right after activation, while the workspace (test/fixtures/workspace) is
 * still indexed: from the command to the page showing figures, and, the baseline, to the figures of the
 * whole workspace (until which the overview used to show nothing).
 */
function overview(root: string): void {
  const run = spawnSync(process.execPath, [join(root, 'test/integration/run.mjs')], {
    env: { ...process.env, SOURCE_ANNOTATOR_TEST_GREP: 'Corpus Overview opens at once' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const out = run.stdout + run.stderr;
  const timing = /overview open → content (\d+) ms, whole workspace (\d+) ms/.exec(out);
  if (!timing || run.status !== 0) {
    console.log(`overview: the VS Code run failed (exit ${run.status}); its output ends:\n${out.slice(-2000)}`);
    return;
  }
  console.log(`overview open → content: ${timing[1]} ms (baseline, open → whole workspace indexed: ${timing[2]} ms)`);
}
