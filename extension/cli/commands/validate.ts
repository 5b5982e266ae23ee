/**
 * source-annotator validate DIR
 *
 * Checks every sidecar (X.txt.tags.json) under DIR against the schema and against its article:
 * the article exists, the sidecar names it, its contentHash matches the text, and every tag's
 * quote (and every claim part's text) sits at its offsets. One line per problem, prefixed with the
 * sidecar's path; exit code 1 when there is any — for a research team's CI.
 */
import { cliCommand } from '../command';
import { lstatSync, readdirSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import type { Span } from '../../core/detect/types';
import { SIDECAR_SUFFIX, type Sidecar } from '../../core/sidecar/types';
import { contentHash } from '../../core/text/hash';
import { notARegularFile } from '../files';
import { parseArgs, progress, readArticle, readSidecarFile, requireDir } from './export';

const USAGE =
  'usage: source-annotator validate DIR\n  Checks every sidecar under DIR against the schema and its article; exit code 1 on problems.';

export const run = cliCommand('validate', USAGE, validateCommand);

function validateCommand(args: string[]): number {
  const dir = requireDir(parseArgs(args, []).positional[0]);
  const { sidecars, unlisted } = findSidecars(dir);
  for (const problem of unlisted) console.log(problem);
  let bad = unlisted.length;
  const tick = progress('checked', sidecars.length);
  sidecars.forEach((path, i) => {
    tick(i + 1);
    const problems = checkSidecar(dir, path);
    for (const p of problems) console.log(`${path}: ${p}`);
    if (problems.length) bad++;
  });
  console.error(`validate: ${sidecars.length} sidecar(s) checked, ${bad} with problems`);
  return bad ? 1 : 0;
}

/**
 * Everything under dir named like a sidecar, whatever it is (a symbolic link, a folder, a FIFO are
 * reported by checkSidecar, never opened), workspace-relative and sorted; and the folders that
 * could not be listed. Dot folders and node_modules are skipped; symbolic links are not followed.
 */
function findSidecars(dir: string): { sidecars: string[]; unlisted: string[] } {
  const sidecars: string[] = [];
  const unlisted: string[] = [];
  const visit = (folder: string): void => {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      unlisted.push(
        `${relative(dir, folder) || '.'}: the folder cannot be read (${error instanceof Error ? error.message : String(error)}); its sidecars were not checked`,
      );
      return;
    }
    for (const entry of entries) {
      const full = join(folder, entry.name);
      if (entry.name.endsWith(SIDECAR_SUFFIX)) sidecars.push(relative(dir, full).split(sep).join('/'));
      else if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules') visit(full);
    }
  };
  visit(dir);
  return { sidecars: sidecars.sort(), unlisted };
}

function checkSidecar(dir: string, path: string): string[] {
  const articlePath = path.slice(0, -SIDECAR_SUFFIX.length);
  let article;
  try {
    article = lstatSync(join(dir, articlePath));
  } catch {
    return [`its article ${articlePath} does not exist`];
  }
  const read = readSidecarFile(join(dir, articlePath));
  if (!read) return ['cannot be read'];
  if (!read.ok) return [read.problem];
  const kind = notARegularFile(article);
  if (kind) return [`its article ${articlePath} cannot be checked: ${kind}`];
  let text: string;
  try {
    text = readArticle(join(dir, articlePath));
  } catch (error) {
    return [`its article ${articlePath} cannot be checked: ${error instanceof Error ? error.message : String(error)}`];
  }
  return checkAgainstArticle(read.sidecar, basename(articlePath), text);
}

/** What the schema cannot check: that the tags still fit the article's text. */
export function checkAgainstArticle(sidecar: Sidecar, articleName: string, text: string): string[] {
  const problems: string[] = [];
  if (sidecar.article !== articleName) problems.push(`it names the article "${sidecar.article}", but sits beside "${articleName}"`);
  if (sidecar.contentHash !== contentHash(text))
    problems.push(
      'contentHash does not match the article: the text changed since the tags were written (open it in the editor to re-anchor)',
    );
  const at = (span: Pick<Span, 'start' | 'end'>): string => text.slice(span.start, span.end);
  for (const tag of sidecar.tags) {
    if (tag.anchoring === 'orphaned') continue;
    const where = `tag ${tag.id} (${tag.label} ${JSON.stringify(tag.target.quote.slice(0, 40))})`;
    if (tag.target.end > text.length) problems.push(`${where} ends at ${tag.target.end}, past the article's end (${text.length})`);
    else if (at(tag.target) !== tag.target.quote)
      problems.push(`${where}: the text at ${tag.target.start}–${tag.target.end} is ${JSON.stringify(at(tag.target).slice(0, 40))}`);
    const parts = tag.claim ? [tag.claim.source, tag.claim.cue, ...tag.claim.hedges].filter((s): s is Span => s !== null) : [];
    for (const part of parts) {
      if (at(part) !== part.text) problems.push(`${where}: claim part ${JSON.stringify(part.text)} is not at ${part.start}–${part.end}`);
    }
  }
  return problems;
}
