import * as vscode from 'vscode';
import {
  articleUriUnder,
  exportDocument,
  exportReport,
  EXPORT_FORMATS,
  FORMATS,
  parseRatingScale,
  type ExportDocument,
  type ExportFormat,
  type ExportOptions,
  type Include,
} from '../core/export';
import {
  IMPORT_FORMATS,
  mergeImported,
  parseBratAnn,
  parseJsonExport,
  type ImportedArticle,
  type ImportFormat,
} from '../core/export/import';
import { emptySidecar } from '../core/sidecar/model';
import { readSidecar } from '../core/sidecar/read';
import type { Sidecar } from '../core/sidecar/types';
import { stripBom } from '../core/text/bom';
import { findArticles } from '../settings/config';
import { EXPORTS_FOLDER } from '../core/corpus/articles';
import { baseName, readTextIfExists, sidecarUriFor, writeAtomically } from '../files/sidecarFiles';
import type { ArticleState, ArticleStore } from '../articles/articleStore';
import type { Analysis } from '../core/detect/types';
import { authorStamp } from '../settings/authorStamp';

/**
 * Articles an export reads at once: reading one is mostly waiting for the file system (and, for one changed since it
 * was indexed, for a worker), so a few overlap; the order of the export stays the articles' order.
 */
const READ_TOGETHER = 16;

export const EXCHANGE_COMMANDS = {
  exportTags: 'sourceAnnotator.exportTags',
  importTags: 'sourceAnnotator.importTags',
} as const;

/** Arguments that let a keybinding, a task or a test run an export or import without the pickers. */
export interface ExportArgs {
  format?: ExportFormat;
  scope?: 'active' | 'workspace';
  include?: Include;
  /** Output file (single-file formats) or folder (brat, Label Studio), as a URI string. */
  out?: string;
}

export interface ImportArgs {
  format?: ImportFormat;
  /** The file (W3C, Label Studio) or folder of .ann files (brat) to read, as a URI string. */
  from?: string;
}

/**
 * Where an export takes the analysis of an article no editor holds: the corpus's (see CorpusService.analysed), from its
 * cache when the file is unchanged, else analysed in a worker. Opening each article instead would have VS Code keep it
 * open for minutes and the editor analyse it on the extension host's thread.
 */
export interface SavedAnalyses {
  analysed(uri: vscode.Uri): Promise<{ text: string; analysis: Analysis } | undefined>;
}

/** "Export Tags…" and "Import Tags…": the editor's door to the exporters and importers of the core. */
export function registerImportExport(store: ArticleStore, saved: SavedAnalyses): vscode.Disposable[] {
  const channel = vscode.window.createOutputChannel(vscode.l10n.t('Source Annotator'));
  return [
    channel,
    vscode.commands.registerCommand(EXCHANGE_COMMANDS.exportTags, (args?: ExportArgs) => exportCommand(store, saved, channel, args ?? {})),
    vscode.commands.registerCommand(EXCHANGE_COMMANDS.importTags, (args?: ImportArgs) => importCommand(store, channel, args ?? {})),
  ];
}

async function exportCommand(
  store: ArticleStore,
  saved: SavedAnalyses,
  channel: vscode.OutputChannel,
  args: ExportArgs,
): Promise<{ files: string[]; tags: number } | undefined> {
  const format =
    args.format ??
    (
      await pick(
        EXPORT_FORMATS.map((f) => ({ label: f, description: vscode.l10n.t('offsets: {0}', FORMATS[f].offsetUnit) })),
        vscode.l10n.t('Export format'),
      )
    )?.label;
  if (!format) return undefined;
  const active = vscode.window.activeTextEditor?.document;
  const activeArticle = active && (await store.get(active)) ? active : undefined;
  const scope =
    args.scope ??
    (
      await pick(
        [
          ...(activeArticle ? [{ label: vscode.l10n.t('This article'), value: 'active' as const }] : []),
          { label: vscode.l10n.t('Every article in the workspace'), value: 'workspace' as const },
        ],
        vscode.l10n.t('Which articles?'),
      )
    )?.value;
  if (!scope) return undefined;
  const include =
    args.include ??
    (
      await pick(
        [
          { label: vscode.l10n.t('Confirmed tags only'), value: 'confirmed' as const },
          { label: vscode.l10n.t('Confirmed tags and unreviewed suggestions'), value: 'all' as const },
          { label: vscode.l10n.t('Unreviewed suggestions only (pre-annotation)'), value: 'suggestions' as const },
        ],
        vscode.l10n.t('What to export?'),
      )
    )?.value;
  if (!include) return undefined;

  const uris = scope === 'active' && activeArticle ? [activeArticle.uri] : await findArticles();
  const docs: ExportDocument[] = [];
  const unreadable: string[] = [];
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Source Annotator: collecting tags'), cancellable: false },
    async (progress) => {
      for (let from = 0; from < uris.length; from += READ_TOGETHER) {
        const batch = uris.slice(from, from + READ_TOGETHER);
        const inputs = await Promise.all(batch.map((uri) => exportInput(store, saved, uri, include)));
        for (const [i, doc] of inputs.entries()) {
          if (doc === 'unreadable') unreadable.push(vscode.workspace.asRelativePath(sidecarUriFor(batch[i])));
          else if (doc) docs.push(doc);
        }
        progress.report({
          message: vscode.l10n.t('{0} of {1}', from + batch.length, uris.length),
          increment: (100 * batch.length) / uris.length,
        });
      }
    },
  );
  if (unreadable.length > 0) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t(
        'Source Annotator did not export: {0} sidecar(s) cannot be read ({1}). Fix them or run “source-annotator validate”.',
        unreadable.length,
        unreadable.slice(0, 3).join(', '),
      ),
    );
    return undefined;
  }
  const info = FORMATS[format];
  let out = args.out ? vscode.Uri.parse(args.out) : undefined;
  if (!out) {
    // Offered in a folder that is never an article folder: an export (brat writes .txt copies) must not become articles.
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const base = folder && vscode.Uri.joinPath(folder, EXPORTS_FOLDER);
    if (base) await vscode.workspace.fs.createDirectory(base);
    out = info.multiFile
      ? (
          await vscode.window.showOpenDialog({
            canSelectFolders: true,
            canSelectFiles: false,
            defaultUri: base,
            openLabel: vscode.l10n.t('Export {0} here', format),
          })
        )?.[0]
      : await vscode.window.showSaveDialog({
          defaultUri: base && vscode.Uri.joinPath(base, info.defaultName),
          saveLabel: vscode.l10n.t('Export {0}', format),
        });
  }
  if (!out) return undefined;
  const options: ExportOptions = { include, collectionUri: exportUri(out) };
  const scale = vscode.workspace.getConfiguration('sourceAnnotator').get<unknown>('claimReviewRatingScale');
  try {
    if (scale !== undefined && scale !== null) options.ratingScale = parseRatingScale(scale);
  } catch (error) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t(
        'Source Annotator did not export: the setting sourceAnnotator.claimReviewRatingScale is {0}',
        error instanceof Error ? error.message : String(error),
      ),
    );
    return undefined;
  }
  const { files, problems } = exportReport(format, docs, options);
  const written: string[] = [];
  for (const file of files) {
    const target = info.multiFile ? vscode.Uri.joinPath(out, file.path) : out;
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(target, '..'));
    await writeAtomically(target, file.content);
    written.push(target.toString());
  }
  if (problems.length > 0) {
    channel.appendLine(vscode.l10n.t('Export as {0}: {1} item(s) need a look', format, problems.length));
    problems.forEach((line) => channel.appendLine('  ' + line));
    channel.show(true);
  }
  const tags = docs.reduce((n, d) => n + d.tags.filter((t) => t.status === 'confirmed').length, 0);
  void vscode.window.showInformationMessage(
    vscode.l10n.t(
      'Source Annotator exported {0} tag(s) from {1} article(s) as {2} (offsets: {3}).',
      tags,
      docs.length,
      format,
      info.offsetUnit,
    ),
  );
  return { files: written, tags };
}

/**
 * One article's export input: from its editor when that holds its analysis (unsaved edits included), else from disk
 * with the corpus's analysis of the saved text.
 */
async function exportInput(
  store: ArticleStore,
  saved: SavedAnalyses,
  uri: vscode.Uri,
  include: Include,
): Promise<ExportDocument | 'unreadable' | undefined> {
  const path = vscode.workspace.asRelativePath(uri, false);
  const state = await editorState(store, uri);
  if (state) {
    if (state.blocked && !state.blocked.readOnly) return 'unreadable';
    const sidecar = state.sidecar ?? emptySidecar(baseName(uri), state.document.getText());
    if (sidecar.tags.length === 0 && include === 'confirmed') return undefined;
    return exportDocument(
      path,
      state.document.getText(),
      sidecar,
      include !== 'confirmed' ? store.analysis(state) : undefined,
      articleUri(uri, path),
    );
  }
  const side = await readTextIfExists(sidecarUriFor(uri));
  if (!side && include === 'confirmed') return undefined;
  let sidecar: Sidecar | null = null;
  if (side) {
    const read = readSidecar(side.text, side.bytes);
    if (!read.ok) return 'unreadable';
    sidecar = read.sidecar;
  }
  // Without an analysis (a file too large or binary for the corpus), its tags alone, as the editor shows such a file.
  const found = include !== 'confirmed' ? await saved.analysed(uri).catch(() => undefined) : undefined;
  const text = found?.text ?? stripBom(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
  const analysis = found && store.savedAnalysis(uri, text, sidecar, found.analysis);
  return exportDocument(path, text, sidecar ?? emptySidecar(baseName(uri), text), analysis, articleUri(uri, path));
}

/**
 * The article's editor state when the export takes it from the editor: one with unsaved edits, or one whose analysis
 * is whole. A long article VS Code keeps open without a tab is analysed no further (see AnalysisScheduler): as saved,
 * the corpus has it whole.
 */
async function editorState(store: ArticleStore, uri: vscode.Uri): Promise<ArticleState | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (!open) return undefined;
  if (open.isDirty) return store.get(open);
  const state = store.peek(open);
  return state && store.isAnalysisComplete(state) ? state : undefined;
}

/** The article's absolute URI in exports: under the base URI the user set, else its own URI. */
function articleUri(uri: vscode.Uri, path: string): string {
  const base = vscode.workspace.getConfiguration('sourceAnnotator').get<string>('exportBaseUri', '').trim();
  return base ? articleUriUnder(base, path) : uri.toString();
}

/** The export file's URI (the W3C collection's id): under the base URI when set, else the file's own. */
function exportUri(out: vscode.Uri): string {
  const base = vscode.workspace.getConfiguration('sourceAnnotator').get<string>('exportBaseUri', '').trim();
  return base ? articleUriUnder(base, out.path.slice(out.path.lastIndexOf('/') + 1)) : out.toString();
}

async function importCommand(
  store: ArticleStore,
  channel: vscode.OutputChannel,
  args: ImportArgs,
): Promise<{ added: number; updated: number; unanchored: number } | undefined> {
  const format =
    args.format ??
    (
      await pick(
        IMPORT_FORMATS.map((f) => ({ label: f })),
        vscode.l10n.t('Import from which format?'),
      )
    )?.label;
  if (!format) return undefined;
  let from = args.from ? vscode.Uri.parse(args.from) : undefined;
  if (!from) {
    from = (
      await vscode.window.showOpenDialog(
        format === 'brat'
          ? { canSelectFolders: true, canSelectFiles: false, openLabel: vscode.l10n.t('Import brat .ann files from this folder') }
          : { canSelectFiles: true, filters: { JSON: ['json', 'jsonld', 'jsonl'] }, openLabel: vscode.l10n.t('Import {0}', format) },
      )
    )?.[0];
  }
  if (!from) return undefined;

  const articles: ImportedArticle[] = [];
  if (format === 'brat') {
    for (const [name, type] of await vscode.workspace.fs.readDirectory(from)) {
      if (type !== vscode.FileType.File || !name.endsWith('.ann')) continue;
      const ann = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(from, name)));
      // The .txt brat annotated, beside the .ann: its offsets count in it (see anchor.ts).
      const txt = await readTextIfExists(vscode.Uri.joinPath(from, name.replace(/\.ann$/, '.txt')));
      articles.push(parseBratAnn(name.replace(/\.ann$/, '.txt'), ann, txt?.text));
    }
  } else {
    // One by one: spreading an export of 150,000 articles into push() overflows the stack.
    for (const article of parseJsonExport(format, new TextDecoder().decode(await vscode.workspace.fs.readFile(from))))
      articles.push(article);
  }

  const workspaceArticles = await findArticles();
  const stamp = await authorStamp();
  const totals = { added: 0, updated: 0, unanchored: 0 };
  const report: string[] = [];
  for (const article of articles) {
    const uri = matchArticle(article.article, workspaceArticles);
    if (!uri) {
      report.push(vscode.l10n.t('{0}: no such article in the workspace ({1} tag(s) not imported)', article.article, article.tags.length));
      totals.unanchored += article.tags.length;
      continue;
    }
    let result: ReturnType<typeof mergeImported> | undefined;
    const merge = (sidecar: Sidecar, text: string): ReturnType<typeof mergeImported> =>
      (result = mergeImported(sidecar, text, article.tags, stamp, article.offsetsText));
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) {
      const state = await store.get(open);
      if (!state) continue;
      const ok = await store.update(state, (sidecar, text) => merge(sidecar, text).sidecar);
      if (!ok || !result) {
        report.push(vscode.l10n.t('{0}: its sidecar cannot be written (see the message above)', article.article));
        continue;
      }
    } else {
      // Imported on disk: opening the article would have VS Code keep it open for minutes and the editor analyse it.
      const problem = await store.updateClosed(uri, (sidecar, text) => {
        const merged = merge(sidecar, text);
        return merged.added + merged.updated > 0 ? merged.sidecar : null;
      });
      if (problem !== null || !result) {
        report.push(vscode.l10n.t('{0}: its sidecar cannot be written: {1}', article.article, problem ?? ''));
        continue;
      }
    }
    totals.added += result.added;
    totals.updated += result.updated;
    totals.unanchored += result.unanchored.length;
    for (const u of result.unanchored)
      report.push(vscode.l10n.t('{0} {1} “{2}”: {3}', article.article, u.origin, u.quote.slice(0, 40), u.problem));
    for (const p of article.problems) report.push(vscode.l10n.t('{0}: {1}', article.article, p));
  }
  const summary = vscode.l10n.t(
    'Source Annotator imported {0} new and {1} updated tag(s) from {2}; {3} could not be anchored.',
    totals.added,
    totals.updated,
    format,
    totals.unanchored,
  );
  if (report.length > 0) {
    channel.appendLine(summary);
    report.forEach((line) => channel.appendLine('  ' + line));
    void vscode.window.showWarningMessage(summary, vscode.l10n.t('Show Report')).then((c) => c && channel.show());
  } else {
    void vscode.window.showInformationMessage(summary);
  }
  return totals;
}

/** Matches how an exported file names an article (a relative path, a URL, brat's file name) to a workspace file. */
function matchArticle(name: string, candidates: readonly vscode.Uri[]): vscode.Uri | undefined {
  const wanted = decodeURIComponent(name)
    .replace(/\\/g, '/')
    .replace(/^file:\/\//, '');
  const byPath = candidates.find(
    (u) => wanted.endsWith('/' + vscode.workspace.asRelativePath(u, false)) || wanted === vscode.workspace.asRelativePath(u, false),
  );
  return byPath ?? candidates.find((u) => baseName(u) === wanted.slice(wanted.lastIndexOf('/') + 1));
}

async function pick<T extends vscode.QuickPickItem>(items: T[], placeHolder: string): Promise<T | undefined> {
  return vscode.window.showQuickPick(items, { placeHolder });
}
