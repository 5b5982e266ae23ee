import * as vscode from 'vscode';
import { startDatabase, type DatabaseArticle } from '../core/corpus/database';
import type { KnowledgeBase } from '../core/corpus/kb';
import { readSidecar } from '../core/sidecar/read';
import { openDatabase } from '../files/sqlite';
import { readTextIfExists, sidecarUriFor } from '../files/sidecarFiles';

export const WRITE_DATABASE_COMMAND = 'sourceAnnotator.writeDatabase';

/** What the command needs of the corpus: its articles, each with its analysis (from the cache where it can). */
export interface DatabaseSource {
  articles(): Promise<vscode.Uri[]>;
  pathOf(uri: vscode.Uri): string;
  knowledgeBase(): KnowledgeBase;
  /** `cached`: the analysis came from the corpus cache rather than being made again. */
  analysed(uri: vscode.Uri): Promise<(Omit<DatabaseArticle, 'path' | 'sidecar'> & { cached: boolean }) | undefined>;
  wasm(): Promise<Uint8Array>;
}

/** "Write Corpus Database…": the corpus as an SQLite file for pandas, R and DuckDB (docs/database.md), where the researcher chooses. */
export function registerDatabaseCommand(source: DatabaseSource): vscode.Disposable {
  return vscode.commands.registerCommand(WRITE_DATABASE_COMMAND, async (args?: { out?: string }) => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    const out = args?.out
      ? vscode.Uri.parse(args.out)
      : await vscode.window.showSaveDialog({
          defaultUri: folder && vscode.Uri.joinPath(folder.uri, 'corpus.sqlite'),
          filters: { [vscode.l10n.t('SQLite database')]: ['sqlite', 'db'] },
          title: vscode.l10n.t('Write the corpus as an SQLite database'),
        });
    if (!out) return undefined;
    return vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Source Annotator: writing the corpus database'),
        cancellable: true,
      },
      async (progress, token) => {
        const db = await openDatabase(await source.wasm());
        try {
          const writer = startDatabase(db, source.knowledgeBase(), 'Source Annotator (VS Code)');
          const uris = (await source.articles()).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
          const skipped: string[] = [];
          /** Articles the cache had no analysis of (new, changed, or only ever analysed in their editor), for tests. */
          const analysedAgain: string[] = [];
          for (const [i, uri] of uris.entries()) {
            if (token.isCancellationRequested) return undefined;
            if (i % 50 === 0)
              progress.report({ message: vscode.l10n.t('{0} of {1}', i, uris.length), increment: (50 * 100) / Math.max(uris.length, 1) });
            const found = await source.analysed(uri);
            const path = source.pathOf(uri);
            if (!found) {
              skipped.push(path);
              continue;
            }
            const { cached, ...article } = found;
            if (!cached) analysedAgain.push(path);
            const side = await readTextIfExists(sidecarUriFor(uri));
            const read = side && readSidecar(side.text, side.bytes);
            if (read && !read.ok) skipped.push(`${path}.tags.json`);
            writer.add({ ...article, path, sidecar: read && read.ok ? read.sidecar : null });
          }
          writer.finish();
          await vscode.workspace.fs.writeFile(out, db.bytes());
          const written = uris.length - skipped.filter((s) => !s.endsWith('.tags.json')).length;
          void vscode.window.showInformationMessage(
            skipped.length
              ? vscode.l10n.t(
                  '{0} articles written to {1}; left out (unreadable, too large or binary): {2}',
                  written,
                  out.fsPath,
                  skipped.join(', '),
                )
              : vscode.l10n.t('{0} articles written to {1}', written, out.fsPath),
          );
          return { articles: written, file: out.toString(), analysedAgain };
        } finally {
          db.close();
        }
      },
    );
  });
}
