/**
 * source-annotator import DIR --format brat|w3c|labelstudio [--from PATH] [--author NAME]
 *
 * Reads tags made in another tool into the sidecars of the matching articles under DIR, anchored
 * by quote, and reports what could not be placed. brat: `X.ann` beside `X.txt` in DIR (or in the
 * folder --from, laid out like DIR). w3c, labelstudio: the export file --from. Sidecars are
 * written atomically; an unreadable sidecar is never overwritten. Exit code 1 when anything was
 * left out.
 */
import { cliCommand, UsageError } from '../command';
import { existsSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { bratPaths } from '../../core/export/brat';
import {
  IMPORT_FORMATS,
  isImportFormat,
  mergeImported,
  parseBratAnn,
  parseJsonExport,
  type ImportedArticle,
} from '../../core/export/import';
import { emptySidecar } from '../../core/sidecar/model';
import { SIDECAR_SUFFIX } from '../../core/sidecar/types';
import { sidecarToWrite } from '../../core/sidecar/write';
import { stripBom } from '../../core/text/bom';
import { defaultAuthor } from '../../env/node';
import { readSidecarBytes, readTextFile, updateFileAtomically } from '../files';
import { findArticles, parseArgs, progress, readArticle, requireDir } from './export';

const USAGE = `usage: source-annotator import DIR --format ${IMPORT_FORMATS.join('|')} [--from PATH] [--author NAME]
  brat: reads X.ann beside each X.txt in DIR (or under the folder --from).
  w3c, labelstudio: reads the export file --from (required).
  Tags land in the sidecars (X.txt.tags.json) of the matching articles.`;

export const run = cliCommand('import', USAGE, importCommand);

async function importCommand(args: string[]): Promise<number> {
  const { positional, flags } = parseArgs(args, ['format', 'from', 'author']);
  const dir = requireDir(positional[0]);
  const format = flags.get('format') ?? '';
  if (!isImportFormat(format)) throw new UsageError(`--format must be one of ${IMPORT_FORMATS.join(', ')}`);
  const from = flags.get('from');
  const articles = findArticles(dir);

  let imported: ImportedArticle[];
  if (format === 'brat') {
    const annDir = from ?? dir;
    if (!existsSync(annDir) || !statSync(annDir).isDirectory()) throw new Error(`${annDir} is not a folder`);
    imported = articles.flatMap((path) => {
      const { ann, txt } = bratPaths(path);
      const annPath = join(annDir, ann);
      if (!existsSync(annPath)) return [];
      const read = readTextFile(annPath);
      if (!read.ok) throw new Error(`${annPath}: ${read.problem}`);
      // The .txt brat annotated, when it is not the article itself: the offsets count in it.
      const bratTxt = annDir !== dir && existsSync(join(annDir, txt)) ? readTextFile(join(annDir, txt)) : undefined;
      if (bratTxt && !bratTxt.ok) throw new Error(`${join(annDir, txt)}: ${bratTxt.problem}`);
      return [parseBratAnn(path, stripBom(read.text), bratTxt?.ok ? bratTxt.text : undefined)];
    });
    if (imported.length === 0) console.error(`no .ann file beside any article in ${annDir}`);
  } else {
    if (!from) throw new UsageError(`--from PATH is required for ${format}`);
    if (!existsSync(from)) throw new Error(`${from} does not exist`);
    const read = readTextFile(from);
    if (!read.ok) throw new Error(`${from}: ${read.problem}`);
    try {
      imported = parseJsonExport(format, read.text);
    } catch (error) {
      throw new Error(`${from}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  const author = flags.get('author') ?? (await defaultAuthor(dir));
  const stamp = { author, now: new Date().toISOString() };
  const match = articleMatcher(dir, articles);
  let leftOut = 0;
  let added = 0;
  let updated = 0;
  const tick = progress('imported', imported.length);
  imported.forEach((item, i) => {
    tick(i + 1);
    const name = item.article || '(a task without data.file)';
    for (const problem of item.problems) console.error(`${name}: ${problem}`);
    leftOut += item.problems.length;
    const path = match(item);
    if (!path) {
      console.error(`${name}: no matching article under ${dir}; ${item.tags.length} tag(s) not imported`);
      leftOut += item.tags.length;
      return;
    }
    const text = readArticle(join(dir, path));
    let result: ReturnType<typeof mergeImported> | undefined;
    let refused: string | undefined;
    // Compare-and-swap: merged again from what another writer (a second import, the editor) wrote meanwhile.
    updateFileAtomically(join(dir, path) + SIDECAR_SUFFIX, (bytes) => {
      const current = bytes === null ? null : readSidecarBytes(bytes);
      if (current && !current.ok) {
        refused = `${current.problem}; left as it is`;
        return null;
      }
      result = mergeImported(current?.sidecar ?? emptySidecar(basename(path), text), text, item.tags, stamp, item.offsetsText);
      if (result.added + result.updated === 0) return null;
      const out = sidecarToWrite(result.sidecar);
      if (!out.ok) refused = `${out.problem}; nothing written`;
      return out.ok ? out.text : null;
    });
    if (refused || !result) {
      console.error(`${path}${SIDECAR_SUFFIX}: ${refused}, ${item.tags.length} tag(s) not imported`);
      leftOut += item.tags.length;
      return;
    }
    console.error(
      `${path}: ${result.added} added, ${result.updated} updated, ${result.unchanged} already there, ${result.unanchored.length} not anchored`,
    );
    for (const u of result.unanchored) console.error(`  ${u.origin}: ${u.problem}`);
    leftOut += result.unanchored.length;
    added += result.added;
    updated += result.updated;
  });
  console.error(`import: ${added} tag(s) added, ${updated} updated${leftOut ? `, ${leftOut} left out (see above)` : ''}`);
  return leftOut ? 1 : 0;
}

/**
 * Finds the article an imported file means: the same workspace-relative path, else the one
 * article whose path ends the given name (an absolute path or URL), else (Label Studio tasks
 * without a path) the one article with the same text.
 */
function articleMatcher(dir: string, articles: readonly string[]): (item: ImportedArticle) => string | null {
  const known = new Set(articles);
  let byText: Map<string, string[]> | undefined;
  return (item) => {
    const name = item.article.replace(/^file:\/\//, '').replace(/\\/g, '/');
    if (known.has(name)) return name;
    if (name) {
      const endings = articles.filter((a) => name.endsWith('/' + a));
      if (endings.length === 1) return endings[0];
    }
    if (item.text === null) return null;
    if (!byText) {
      byText = new Map();
      for (const a of articles) {
        const text = readArticle(join(dir, a));
        byText.set(text, [...(byText.get(text) ?? []), a]);
      }
    }
    const same = byText.get(item.text) ?? [];
    return same.length === 1 ? same[0] : null;
  };
}
