/**
 * Detector throughput on one core, on a corpus made by repeating the sample articles (each copy
 * analyzed as its own document, as the editor does on open), with wink-nlp's tokenizer + POS tagger
 * timed on the same corpus in the same run as the reference; cold load of the weights; sizes of
 * the weights file and the bundles (raw and gzip).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { createDetector } from '../../extension/core/detect/index';
import { CLAIMS_MODEL_PATH, DATES_MODEL_PATH, MODEL_PATH, readClaimsModelFile, readDatesModelFile } from '../eval/model';
import { dataDir, repoRoot } from '../train/paths';

const TARGET_BYTES = 2 * 1024 * 1024;

function corpus(): string[] {
  const dir = join(dataDir([]), '../corpus');
  const articles = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(join(dir, f), 'utf8'));
  const docs: string[] = [];
  for (let bytes = 0, i = 0; bytes < TARGET_BYTES; i++) {
    const a = articles[i % articles.length];
    docs.push(a);
    bytes += Buffer.byteLength(a);
  }
  return docs;
}

interface Rate {
  wall: number;
  cpu: number;
}

/**
 * MB/s (UTF-8 bytes) of each runner after a warm-up pass of every one, best of three rounds, by wall clock and by this
 * process's CPU time (which a busy machine inflates less: the figure for one core). The runners take turns within a
 * round: timed one after the other, the first read up to a third lower than alone (the collector still busy with
 * what the one before left).
 */
function throughputs(docs: string[], runs: ((doc: string) => void)[]): Rate[] {
  const mb = docs.reduce((n, d) => n + Buffer.byteLength(d), 0) / 1024 / 1024;
  for (const run of runs) for (const d of docs.slice(0, 50)) run(d);
  const best = runs.map(() => ({ wall: Infinity, cpu: Infinity }));
  for (let r = 0; r < 3; r++) {
    runs.forEach((run, k) => {
      const t0 = process.hrtime.bigint();
      const c0 = process.cpuUsage();
      for (const d of docs) run(d);
      const c = process.cpuUsage(c0);
      best[k].wall = Math.min(best[k].wall, Number(process.hrtime.bigint() - t0) / 1e9);
      best[k].cpu = Math.min(best[k].cpu, (c.user + c.system) / 1e6);
    });
  }
  return best.map((b) => ({ wall: mb / b.wall, cpu: mb / b.cpu }));
}

function rate(r: Rate): string {
  return `${r.wall.toFixed(2)} MB/s wall, ${r.cpu.toFixed(2)} MB/s CPU`;
}

function size(path: string): string {
  if (!existsSync(path)) return 'not built';
  const raw = readFileSync(path);
  return `${(raw.length / 1024).toFixed(0)} KB raw, ${(gzipSync(raw, { level: 9 }).length / 1024).toFixed(0)} KB gzip`;
}

export async function bench(): Promise<void> {
  const docs = corpus();
  const mb = docs.reduce((n, d) => n + Buffer.byteLength(d), 0) / 1024 / 1024;

  const t0 = process.hrtime.bigint();
  const bytes = new Uint8Array(readFileSync(MODEL_PATH));
  const detector = createDetector(bytes, null, readClaimsModelFile(), readDatesModelFile());
  detector.analyze('Cold start: T-Mobile said so.', { format: 'plaintext' });
  const coldMs = Number(process.hrtime.bigint() - t0) / 1e6;

  const nlp = winkNLP(model, ['pos']);
  const its = nlp.its;
  // The same detector with the grammar alone deciding dates and amounts: what the date tagger costs.
  const grammarDates = createDetector(bytes, null, readClaimsModelFile());
  const [wink, ours, md, withoutDates] = throughputs(docs, [
    // eslint-disable-next-line @typescript-eslint/unbound-method -- wink-nlp's its.* are plain functions, passed by design
    (d) => nlp.readDoc(d).tokens().out(its.pos),
    (d) => detector.analyze(d, { format: 'plaintext' }),
    (d) => detector.analyze(d, { format: 'markdown' }),
    (d) => grammarDates.analyze(d, { format: 'plaintext' }),
  ]);

  console.log(
    `detect: corpus ${mb.toFixed(2)} MB (${docs.length} copies of the sample articles), one core, best of 3 rounds, taking turns`,
  );
  console.log(`  detector (plaintext)        ${rate(ours)}`);
  console.log(`  detector (markdown)         ${rate(md)}`);
  console.log(`  detector without dates.bin  ${rate(withoutDates)} (plaintext; dates and amounts by the grammar alone)`);
  console.log(`  wink-nlp tokens+POS         ${rate(wink)} (reference; detector/wink CPU ratio ${(ours.cpu / wink.cpu).toFixed(2)})`);
  console.log(`  cold load (read weights, decode, first analysis): ${coldMs.toFixed(0)} ms`);
  console.log(
    `  weights media/models/detector.bin: ${size(MODEL_PATH)}; media/models/claims.bin: ${size(CLAIMS_MODEL_PATH)}; media/models/dates.bin: ${size(DATES_MODEL_PATH)}`,
  );
  console.log(
    `  bundle dist/extension.js: ${size(join(repoRoot, 'dist/extension.js'))}; dist/web/extension.js: ${size(join(repoRoot, 'dist/web/extension.js'))}`,
  );
}
