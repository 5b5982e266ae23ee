/**
 * source-annotator agree A.tags.json B.tags.json [--article FILE] [--json]
 * source-annotator agree DIR_A DIR_B [--json]
 *
 * Agreement between two annotators' (or two versions') sidecars: per label Cohen's kappa, Gwet's
 * AC1 and span precision/recall/F1, and every disagreement (see core/team/agreement.ts). With two
 * folders, sidecars are matched by their path relative to each folder; the article text is read
 * from beside the sidecar (A's folder first, then B's). Prints the report; exit code 0.
 */
import { cliCommand, UsageError } from '../command';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readSidecar } from '../../core/sidecar/read';
import { SIDECAR_SUFFIX, type Sidecar } from '../../core/sidecar/types';
import { agreementReport, type ArticleInput } from '../../core/team/agreement';
import { renderAgreementText } from '../../core/team/agreement-text';
import { parseArgs, readArticle, walk } from './export';

const USAGE = `usage: source-annotator agree A.tags.json B.tags.json [--article FILE] [--json]
       source-annotator agree DIR_A DIR_B [--json]
  Per-label kappa, AC1 and span F1 between two annotators' sidecars, and their disagreements.`;

export const run = cliCommand('agree', USAGE, agreeCommand);

function agreeCommand(args: string[]): number {
  const json = args.includes('--json');
  const { positional, flags } = parseArgs(
    args.filter((a) => a !== '--json'),
    ['article'],
  );
  if (positional.length !== 2) throw new UsageError('give two sidecars or two folders');
  const [a, b] = positional;
  for (const p of positional) if (!existsSync(p)) throw new Error(`${p} does not exist`);
  const bothDirs = statSync(a).isDirectory() && statSync(b).isDirectory();
  if (!bothDirs && (statSync(a).isDirectory() || statSync(b).isDirectory()))
    throw new UsageError('give two sidecars or two folders, not one of each');
  if (bothDirs && flags.has('article')) throw new UsageError('--article is for two sidecar files');
  const inputs = bothDirs ? folderInputs(a, b) : [fileInput(a, b, flags.get('article'))];
  const report = agreementReport(inputs, { a, b });
  process.stdout.write(json ? JSON.stringify(report, null, 2) + '\n' : renderAgreementText(report));
  return 0;
}

function loadSidecar(path: string): Sidecar {
  const raw = readFileSync(path);
  const read = readSidecar(raw.toString('utf8'), raw.length);
  if (!read.ok) throw new Error(`${path} cannot be read: ${read.problem}`);
  return read.sidecar;
}

/** The article a sidecar belongs to, when it sits beside it. */
function articleBeside(sidecarPath: string): string | null {
  const article = sidecarPath.endsWith(SIDECAR_SUFFIX) ? sidecarPath.slice(0, -SIDECAR_SUFFIX.length) : null;
  return article && existsSync(article) ? readArticle(article) : null;
}

function fileInput(a: string, b: string, article: string | undefined): ArticleInput {
  const sa = loadSidecar(a);
  const text = article !== undefined ? readArticle(article) : (articleBeside(a) ?? articleBeside(b));
  return { path: article ?? sa.article ?? basename(a), a: sa, b: loadSidecar(b), text };
}

function folderInputs(dirA: string, dirB: string): ArticleInput[] {
  const inB = new Set(walk(dirB).filter((p) => p.endsWith(SIDECAR_SUFFIX)));
  const shared = walk(dirA).filter((p) => p.endsWith(SIDECAR_SUFFIX) && inB.has(p));
  const unmatched =
    [...inB].filter((p) => !shared.includes(p)).length + walk(dirA).filter((p) => p.endsWith(SIDECAR_SUFFIX) && !inB.has(p)).length;
  if (unmatched) console.error(`agree: ${unmatched} sidecar(s) in only one of the folders, left out`);
  if (shared.length === 0) throw new Error('the two folders have no sidecar in common (matched by relative path)');
  return shared.map((p) => ({
    path: p.slice(0, -SIDECAR_SUFFIX.length),
    a: loadSidecar(join(dirA, p)),
    b: loadSidecar(join(dirB, p)),
    text: articleBeside(join(dirA, p)) ?? articleBeside(join(dirB, p)),
  }));
}
