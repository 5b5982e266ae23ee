/**
 * source-annotator merge-driver %O %A %B
 *
 * A git merge driver for sidecars (see docs/team.md for the setup): merges the ancestor (%O), this
 * branch's version (%A) and the other branch's (%B) tag by tag with mergeSidecars, and writes the
 * result to %A, as git expects. Exit code 0 when the merge is clean; 1 when both sides changed the
 * same tag differently (the file then holds this side's values, is valid, and stderr says which tags
 * and fields to look at; git marks the file as conflicted). When a version cannot be read, exit
 * code 2 and %A is left as it is (git then reports a conflict with this side's file).
 * Tag positions are taken as they are: the editor re-anchors them against the merged article text.
 */
import { cliCommand } from '../command';
import { readFileSync } from 'node:fs';
import { mergeSidecars, type MergeConflict } from '../../core/sidecar/merge';
import { readSidecar } from '../../core/sidecar/read';
import type { Sidecar, Tag } from '../../core/sidecar/types';
import { writeSidecar } from '../../core/sidecar/write';
import { writeFileAtomically } from './export';

const USAGE = `usage: source-annotator merge-driver ANCESTOR CURRENT OTHER
  A git merge driver for *.tags.json files: in .git/config or ~/.gitconfig
    git config merge.source-annotator.driver "node /absolute/path/to/dist/cli.js merge-driver %O %A %B"
  and in .gitattributes
    *.tags.json merge=source-annotator`;

export const run = cliCommand('merge-driver', USAGE, async (args: string[]): Promise<number> => {
  if (args.length !== 3) {
    console.error(`source-annotator merge-driver: expected 3 files, got ${args.length}\n${USAGE}`);
    return 2;
  }
  const [ancestorPath, currentPath, otherPath] = args;
  try {
    // git passes an empty ancestor when the two branches added the file independently.
    const base = load(ancestorPath, 'the common ancestor', true);
    const mine = load(currentPath, 'this branch’s version', false)!;
    const theirs = load(otherPath, 'the other branch’s version', false)!;
    const { sidecar, conflicts } = mergeSidecars(base, mine, theirs);
    const merged = writeSidecar(sidecar);
    const check = readSidecar(merged);
    if (!check.ok) throw new Error(`the merged sidecar would not be valid (${check.problem}); ${currentPath} left as it was`);
    writeFileAtomically(currentPath, merged);
    if (conflicts.length === 0) return 0;
    console.error(conflictReport(sidecar.article, conflicts));
    return 1;
  } catch (error) {
    console.error(`source-annotator merge-driver: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
});

function load(path: string, what: string, emptyIsNone: boolean): Sidecar | null {
  let raw: Buffer;
  try {
    raw = readFileSync(path);
  } catch (error) {
    throw new Error(`cannot read ${what} (${path}): ${error instanceof Error ? error.message : String(error)}`);
  }
  if (emptyIsNone && raw.length === 0) return null;
  const read = readSidecar(raw.toString('utf8'), raw.length);
  if (!read.ok) throw new Error(`${what} (${path}) cannot be merged: ${read.problem}`);
  return read.sidecar;
}

function describe(tag: Tag | null): string {
  return tag ? `${tag.label} ${JSON.stringify(tag.target.quote.slice(0, 50))}` : '';
}

function value(tag: Tag | null, field: string): string {
  return tag ? JSON.stringify((tag as unknown as Record<string, unknown>)[field]) : 'deleted';
}

/** What a researcher needs to settle each conflict: which tag, which fields, both values. */
export function conflictReport(article: string, conflicts: readonly MergeConflict[]): string {
  const lines = [
    `source-annotator merge-driver: ${conflicts.length} conflicting tag change(s) in the sidecar of ${article}; this branch's values were kept:`,
  ];
  for (const c of conflicts) {
    const tag = c.mine ?? c.theirs;
    if (c.kind === 'deleted-and-changed') {
      lines.push(
        `  tag ${c.id} (${describe(tag)}): deleted on ${c.mine ? 'the other branch' : 'this branch'}, changed (${c.fields.join(', ')}) on ${c.mine ? 'this one' : 'the other'}; kept with the changes`,
      );
      continue;
    }
    lines.push(`  tag ${c.id} (${describe(tag)}):`);
    for (const f of c.fields) lines.push(`    ${f}: this branch ${value(c.mine, f)}, other branch ${value(c.theirs, f)}`);
  }
  lines.push('Settle them in the editor (or the file), then `git add` the sidecar.');
  return lines.join('\n');
}
