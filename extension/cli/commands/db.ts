/**
 * source-annotator db DIR --out FILE [--workers N] [--model PATH]
 *
 * Writes the corpus (articles, mentions, entities, claims with source, cue and content, tags, verdicts)
 * as an SQLite database file for pandas, R and DuckDB; the schema is in docs/database.md. Detection runs
 * in worker threads, one per core unless --workers says otherwise.
 */
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { decodeAnalysis } from '../../core/corpus/cache';
import { startDatabase } from '../../core/corpus/database';
import { emptyKnowledgeBase, KB_PATH, readKnowledgeBase } from '../../core/corpus/kb';
import { analyzeInPool } from '../../analysis/run';
import { createAnalysisPool } from '../../analysis/pool';
import type { FromWorker, ToWorker } from '../../analysis/protocol';
import { spawnWorker } from '../../env/node';
import { openDatabase } from '../../files/sqlite';
import { cliCommand, UsageError } from '../command';
import { DEFAULT_MODEL_PATH } from './detect';
import { findArticles, parseArgs, progress, readArticle, readSidecarFile, requireDir } from './export';

const USAGE = `usage: source-annotator db DIR --out FILE [--workers N] [--model PATH]
  Writes every article under DIR with what the detector finds and the researchers' tags as one SQLite
  database (tables articles, entities, entity_aliases, mentions, claims, tags, tag_labels; view verdicts),
  offsets in Unicode code points. Open it with pandas (sqlite3), R (RSQLite) or DuckDB; schema: docs/database.md.
  --workers  worker threads for detection (default: one per core).
  --model    the weights file (default: ../media/models/detector.bin beside dist/cli.js).`;

/** Beside the bundle, as the build leaves them: dist/sql-wasm.wasm and dist/analysisWorker.js. */
const WASM_PATH = join(__dirname, 'sql-wasm.wasm');
const WORKER_PATH = join(__dirname, 'analysisWorker.js');

export const run = cliCommand('db', USAGE, async (args: string[]): Promise<number> => {
  const parsed = parseArgs(args, ['out', 'workers', 'model']);
  const dir = requireDir(parsed.positional[0]);
  const out = parsed.flags.get('out');
  if (!out) throw new UsageError('give the database file to write with --out');
  const workers = Number(parsed.flags.get('workers') ?? availableParallelism());
  if (!Number.isInteger(workers) || workers < 1) throw new UsageError('--workers takes a whole number from 1');
  const modelPath = parsed.flags.get('model') ?? DEFAULT_MODEL_PATH;
  if (!existsSync(modelPath)) console.error(`source-annotator db: no model at ${modelPath}; finding patterns and known names only`);
  const model = existsSync(modelPath) ? new Uint8Array(readFileSync(modelPath)) : null;

  let kb = emptyKnowledgeBase();
  const kbFile = join(dir, KB_PATH);
  if (existsSync(kbFile)) {
    const read = readKnowledgeBase(readFileSync(kbFile, 'utf8'), statSync(kbFile).size);
    if (!read.ok) throw new Error(`cannot use ${kbFile}: ${read.problem}`);
    kb = read.kb;
  }
  const db = await openDatabase(new Uint8Array(readFileSync(WASM_PATH)));
  const writer = startDatabase(db, kb, 'source-annotator db');
  const pool = createAnalysisPool(() => spawnWorker<ToWorker, FromWorker>(WORKER_PATH), workers, model);
  const articles = findArticles(dir);
  const problems: string[] = [];
  try {
    pool.setKnownEntities(kb.entities.map((e) => ({ name: e.name, type: e.type, aliases: e.aliases })));
    await analyzeInPool(pool, articles, {
      read: (path) => ({ text: readArticle(join(dir, path)), format: /\.md$/i.test(path) ? 'markdown' : 'plaintext' }),
      done(path, { text, format }, result) {
        const analysis = decodeAnalysis(result.analysis, text);
        if (!analysis) throw new Error(`the analysis of ${path} came back damaged`);
        const side = readSidecarFile(join(dir, path));
        if (side && !side.ok) problems.push(`${path}.tags.json: ${side.problem}; its tags are left out`);
        writer.add({ path, format, text, hash: result.hash, analysis, sidecar: side?.ok ? side.sidecar : null });
      },
      progress: progress('db: analysed', articles.length),
    });
  } finally {
    pool.dispose();
  }
  writer.finish();
  const temp = `${out}.tmp-${process.pid}`;
  try {
    writeFileSync(temp, db.bytes());
    renameSync(temp, out);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  } finally {
    db.close();
  }
  for (const p of problems) console.error(`source-annotator db: ${p}`);
  console.error(`source-annotator db: ${articles.length} articles written to ${out}`);
  return 0;
});
