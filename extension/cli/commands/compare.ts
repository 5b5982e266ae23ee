/**
 * source-annotator compare "SENTENCE A" "SENTENCE B"
 * source-annotator compare --pairs FILE.tsv
 * source-annotator compare --rank CLAIMS.tsv QUERIES.tsv
 *
 * How two claims relate (same / contradicts / related / unrelated, with a score and the evidence), for
 * one pair, for a file of pairs (one JSON result per line, in input order), or the five claims of a
 * collection that best match each query, as a TREC run. The very model the editor's corpus uses.
 */
import { readFileSync } from 'node:fs';
import { createCompareModel, type CompareModel, type Sameness } from '../../core/corpus/compare/model';
import { createClaimRanker } from '../../core/corpus/compare/rank';
import { idTextRows } from '../../core/text/delimited';
import { cliCommand, UsageError } from '../command';

const USAGE = [
  'usage: source-annotator compare "SENTENCE A" "SENTENCE B"',
  '       source-annotator compare --pairs FILE.tsv [--claims]   one "a<TAB>b" per line; one JSON result per line',
  '       source-annotator compare --rank CLAIMS.tsv QUERIES.tsv   both "id<TAB>text"; TREC run of the 5 best claims per query',
  '  A result is {"relation": "same"|"contradicts"|"related"|"unrelated", "score": 0..1, "evidence": {...}}.',
  '  "same": the two sentences say the same thing; with --claims, they tell one claim whatever else either says (as the corpus groups claims).',
].join('\n');

/** Claims listed per query in a ranking run, and the run's tag. */
const RANKED = 5;
const RUN_TAG = 'source-annotator';

export const run = cliCommand('compare', USAGE, compareCommand);

function compareCommand(given: string[]): number {
  const model = createCompareModel();
  const sameness: Sameness = given.includes('--claims') ? 'claim' : 'sentence';
  const args = given.filter((a) => a !== '--claims');
  if (args[0] === '--pairs') {
    if (args.length !== 2) throw new UsageError('--pairs takes one file');
    return comparePairs(model, readText(args[1]), sameness);
  }
  if (args[0] === '--rank') {
    if (args.length !== 3) throw new UsageError('--rank takes a claims file and a queries file');
    const claims = idTextRows(readText(args[1]));
    const queries = idTextRows(readText(args[2]));
    const ranker = createClaimRanker(model, claims);
    const out: string[] = [];
    for (const q of queries)
      ranker.rank(q.text, RANKED).forEach((hit, i) => out.push(`${q.id} Q0 ${hit.id} ${i + 1} ${hit.score} ${RUN_TAG}`));
    process.stdout.write(out.length ? out.join('\n') + '\n' : '');
    return 0;
  }
  if (args.length !== 2 || args.some((a) => a.startsWith('--')))
    throw new UsageError('give two sentences, --pairs FILE or --rank CLAIMS QUERIES');
  console.log(JSON.stringify(model.relation(args[0], args[1], sameness)));
  return 0;
}

/** One JSON line per input line; a line without a tab gets an error line in its place (so outputs stay aligned) and exit code 1. */
function comparePairs(model: CompareModel, text: string, sameness: Sameness): number {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  let bad = 0;
  const out: string[] = [];
  lines.forEach((line, i) => {
    const tab = line.indexOf('\t');
    if (tab < 0) {
      bad++;
      console.error(`source-annotator compare: line ${i + 1}: no tab between the two sentences`);
      out.push(JSON.stringify({ error: `line ${i + 1}: no tab between the two sentences` }));
      return;
    }
    const b = line.slice(tab + 1);
    out.push(JSON.stringify(model.relation(line.slice(0, tab), b.includes('\t') ? b.slice(0, b.indexOf('\t')) : b, sameness)));
  });
  process.stdout.write(out.length ? out.join('\n') + '\n' : '');
  return bad ? 1 : 0;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}
