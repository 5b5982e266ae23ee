/**
 * Incremental analysis on a 1 MB article of generated text: re-analysis time per random single-character
 * edit, against a full re-analysis of the same document timed in the same run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { createDetector } from '../../extension/core/detect';
import { analysisOf, analyzeAll, analyzeChanges } from '../../extension/core/detect/incremental';
import { overlay } from '../../extension/core/present/overlay';

const SENTENCES = [
  'Officials at the Meridian Port Authority said on March 3 that repairs would cost $4 million.',
  'According to Dr. Helen Park, the Riverside Council approved the plan in Lisbon last week.',
  'The report was reportedly delayed until June, a spokesman for Northgate Analytics told reporters.',
  'Residents asked whether the water was safe, and the board promised an answer by Friday.',
  'Shares of Kestrel Labs fell 4% after the company confirmed the breach on November 12.',
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

export function generatedArticle(bytes: number): string {
  let text = '';
  // Numbered, so no two lines are the same and the analysis cannot reuse a repeated line's result.
  for (let i = 0; text.length < bytes; i++) {
    text += `${SENTENCES[i % SENTENCES.length]} (ref. ${i})` + (i % 4 === 3 ? '\n' : ' ');
  }
  return text;
}

export async function bench(): Promise<void> {
  const modelPath = join(__dirname, '../../media/models/detector.bin');
  const detector = createDetector(existsSync(modelPath) ? new Uint8Array(readFileSync(modelPath)) : null);
  let text = generatedArticle(1024 * 1024);
  const options = { format: 'plaintext' as const };

  const fullTimes: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    analyzeAll(detector, text, options);
    fullTimes.push(performance.now() - t0);
  }
  const full = fullTimes.sort((a, b) => a - b)[1];

  let state = analyzeAll(detector, text, options);
  let seed = 7;
  const random = (n: number): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
  const edit: number[] = [];
  const withMarks: number[] = [];
  /** The same in CPU time of this process: on a shared machine wall time also counts the waits for a core. */
  const editCpu: number[] = [];
  const withMarksCpu: number[] = [];
  const flatten: number[] = [];
  const cpuMs = (u: NodeJS.CpuUsage): number => (u.user + u.system) / 1000;
  for (let i = 0; i < 1000; i++) {
    const at = random(text.length);
    const change =
      random(3) === 0
        ? { rangeOffset: at, rangeLength: 1, text: '' }
        : { rangeOffset: at, rangeLength: 0, text: 'abcdefghij .,\n'[random(14)] };
    text = text.slice(0, change.rangeOffset) + change.text + text.slice(change.rangeOffset + change.rangeLength);
    // The editor hands the analysis one flat string (VS Code's getText joins the document's lines). The
    // concatenation above is a rope that V8 copies into one at its first character read: done here and timed
    // apart, or every edit's figure would hold a 1 MB copy the editor never asks the analysis to make.
    const f0 = performance.now();
    text.charCodeAt(text.length >> 1);
    flatten.push(performance.now() - f0);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    state = analyzeChanges(detector, state, [change], text);
    const t1 = performance.now();
    const c1 = process.cpuUsage(c0);
    overlay(analysisOf(state), []);
    const t2 = performance.now();
    const c2 = process.cpuUsage(c0);
    edit.push(t1 - t0);
    withMarks.push(t2 - t0);
    editCpu.push(cpuMs(c1));
    withMarksCpu.push(cpuMs(c2));
  }
  for (const list of [edit, withMarks, editCpu, withMarksCpu, flatten]) list.sort((a, b) => a - b);
  const p95 = percentile(edit, 0.95);
  console.log(
    `article: ${(text.length / 1048576).toFixed(2)} MB generated text, 1000 random single-character edits, detector ${existsSync(modelPath) ? 'with model' : 'rules only'}`,
  );
  console.log(`incremental edit p50: ${percentile(edit, 0.5).toFixed(2)} ms`);
  console.log(`incremental edit p95: ${p95.toFixed(2)} ms (full: ${full.toFixed(0)} ms, ${(full / p95).toFixed(0)}×)`);
  console.log(`the edited text made one string (outside the figures above and below): p95 ${percentile(flatten, 0.95).toFixed(2)} ms`);
  console.log(`incremental edit + all marks rebuilt p95: ${percentile(withMarks, 0.95).toFixed(2)} ms`);
  console.log(
    `CPU time p95: edit ${percentile(editCpu, 0.95).toFixed(2)} ms, edit + all marks rebuilt ${percentile(withMarksCpu, 0.95).toFixed(2)} ms (machine load ${loadavg()[0].toFixed(1)} on ${cpus().length} cores)`,
  );
}
