import * as vscode from 'vscode';
import { isOverviewMessage, type OverviewData, type OverviewScope, type OverviewToWebview } from '../core/team/overview-data';
import { collectOverview } from '../core/team/overview-collect';
import { overviewHtml } from '../core/team/overview-html';
import { agreementReport, type AgreementReport, type ArticleInput } from '../core/team/agreement';
import { renderAgreementText } from '../core/team/agreement-text';
import { emptySidecar } from '../core/sidecar/model';
import { readSidecar } from '../core/sidecar/read';
import type { Sidecar } from '../core/sidecar/types';
import { readTextIfExists, sidecarUriFor } from '../files/sidecarFiles';
import { stripBom } from '../core/text/bom';
import type { CorpusService } from '../corpusService/corpusService';
import type { ArticleStore } from '../articles/articleStore';

export const OVERVIEW_COMMAND = 'sourceAnnotator.openOverview';
export const COMPARE_COMMAND = 'sourceAnnotator.compareAnnotators';
/**
 * The least time between two refreshes of the page as the corpus changes. Collecting the figures reads the whole
 * index, and the corpus changes with every analysed article and every edit: refreshing on each change would keep the
 * extension host busy (and the editor waiting) for as long as an indexing run or a typing burst lasts.
 */
const MIN_REFRESH_GAP_MS = 250;
/** A refresh may take at most this share of the extension host's time: the gap grows with what collecting costs. */
const MAX_REFRESH_SHARE = 0.2;

/** From the open command to the page showing figures, and to the figures of the whole workspace, in ms (null: not yet). */
export interface OverviewTimings {
  toContentMs: number | null;
  toCompleteMs: number | null;
  /** When (performance.now(), ms) the figures were last collected again because the corpus changed; the latest 50. */
  refreshedAt: number[];
}

export function registerOverview(
  context: vscode.ExtensionContext,
  store: ArticleStore,
  corpus: CorpusService,
): { disposables: vscode.Disposable[]; lastData: () => OverviewData | undefined; timings: () => OverviewTimings } {
  // The Corpus Overview webview: one panel, refreshed when the corpus changes; its clicks open articles.
  let panel: vscode.WebviewPanel | undefined;
  let lastData: OverviewData | undefined;
  /** lastData as posted, to tell new figures from the same ones again. */
  let lastJson = '';
  let agreement: AgreementReport | null = null;
  /** When the last open was asked for, and how long until the page first showed figures and until they were whole (ms; the bench reads them). */
  let openedAt = 0;
  const timings: OverviewTimings = { toContentMs: null, toCompleteMs: null, refreshedAt: [] };
  /** When the figures were last collected (performance.now(), ms) and how long collecting took. */
  let lastRefresh = { at: 0, cost: 0 };
  /** The columns zoomed into, outermost first (empty: the whole workspace); kept while the panel is hidden and its page reloaded. */
  let trail: OverviewScope[] = [];
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  const channel = vscode.window.createOutputChannel(vscode.l10n.t('Source Annotator: Agreement'));

  const collect = (): OverviewData => {
    const openSidecars = new Map(store.all().map((s) => [corpus.pathOf(s.document.uri), s.sidecar]));
    const data = collectOverview(corpus.index, {
      trail,
      claimGroups: corpus.claimGroups(),
      openTags: (path) => openSidecars.get(path)?.tags,
      agreement,
    });
    trail = data.trail.map(({ first, last, name }) => ({ first, last, name }));
    return data;
  };

  /**
   * Hands the page the figures (a page that was just loaded always: `fresh`), and resolves once it has them.
   * The corpus changes many times a second while articles are analysed, mostly to the same figures: the page
   * redrawn for those would lose the cell under the pointer between press and release (no click at all).
   */
  const post = async (fresh = false): Promise<void> => {
    if (!panel) return;
    const started = performance.now();
    const data = collect();
    const collected = performance.now();
    lastRefresh = { at: collected, cost: collected - started };
    const json = JSON.stringify([data, corpus.isReady, corpus.progress]);
    if (json === lastJson && !fresh) return;
    lastData = data;
    lastJson = json;
    // The page localizes with the same bundle as the extension (none in English): its CSP lets it fetch nothing.
    const indexing = corpus.isReady ? undefined : { ...corpus.progress };
    const message: OverviewToWebview = { type: 'data', data, l10n: vscode.l10n.bundle, indexing };
    await panel.webview.postMessage(message);
  };

  /**
   * The corpus changed: the page gets the new figures once the gap since the last refresh has passed, all the changes
   * meanwhile at once. A hidden page gets none: it is loaded again when shown, and then asks for them ('ready').
   */
  const refreshSoon = (): void => {
    if (!panel?.visible || refreshTimer) return;
    const gap = Math.max(MIN_REFRESH_GAP_MS, lastRefresh.cost / MAX_REFRESH_SHARE);
    refreshTimer = setTimeout(
      () => {
        refreshTimer = undefined;
        timings.refreshedAt = [...timings.refreshedAt.slice(-49), performance.now()];
        void post();
      },
      Math.max(0, lastRefresh.at + gap - performance.now()),
    );
  };

  /**
   * Opens the panel at once with what the index knows (the page says when indexing is still under way);
   * the figures fill in as articles are indexed. Resolves once the panel shows the whole workspace.
   */
  const open = async (): Promise<void> => {
    openedAt = performance.now();
    timings.toContentMs = timings.toCompleteMs = null;
    const complete = corpus.whenReady();
    show();
    await complete;
    await post();
    timings.toCompleteMs ??= performance.now() - openedAt;
  };

  const show = (): void => {
    if (panel) {
      panel.reveal();
      void post();
      return;
    }
    const roots = [vscode.Uri.joinPath(context.extensionUri, 'dist'), vscode.Uri.joinPath(context.extensionUri, 'media', 'overview')];
    const title = vscode.l10n.t('Corpus Overview');
    panel = vscode.window.createWebviewPanel('sourceAnnotator.overview', title, vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: roots,
      retainContextWhenHidden: false,
    });
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'icon.png');
    panel.webview.html = overviewHtml({
      cspSource: panel.webview.cspSource,
      title,
      lang: vscode.env.language,
      nonce: nonce(),
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(context.extensionUri, 'dist', 'overview.js')).toString(),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(context.extensionUri, 'media', 'overview', 'overview.css')).toString(),
    });
    panel.webview.onDidReceiveMessage(async (message: unknown) => {
      // Messages come from a page that shows user text: check their shape before acting on them.
      if (!isOverviewMessage(message)) return;
      if (message.type === 'ready') {
        await post(true);
        timings.toContentMs ??= performance.now() - openedAt;
        return;
      }
      if (message.type === 'zoom') {
        trail = 'into' in message ? [...trail, message.into] : trail.slice(0, message.depth);
        await post();
        return;
      }
      // In another column than the overview's, so that it stays in view for the next cell.
      const column = panel?.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
      await vscode.commands.executeCommand('sourceAnnotator.openAt', message.path, message.offset, message.offset, column);
    });
    panel.onDidDispose(() => {
      panel = undefined;
      // A new panel opens on the whole workspace.
      trail = [];
    });
  };

  /** Agreement between this workspace's tags and another annotator's copy of the same articles. */
  const compare = async (other?: string): Promise<AgreementReport | undefined> => {
    const otherRoot = other
      ? vscode.Uri.parse(other)
      : (
          await vscode.window.showOpenDialog({
            canSelectFolders: true,
            canSelectFiles: false,
            openLabel: vscode.l10n.t('Compare with this annotator’s folder'),
          })
        )?.[0];
    if (!otherRoot) return undefined;
    await corpus.whenReady();
    const inputs: ArticleInput[] = [];
    for (const path of corpus.index.documents().sort()) {
      const open = store.all().find((s) => corpus.pathOf(s.document.uri) === path);
      const ours = open?.sidecar ?? (await readSidecarAt(sidecarUriFor(corpus.uriOf(path)!)));
      const theirs = await readSidecarAt(sidecarUriFor(vscode.Uri.joinPath(otherRoot, path)));
      if (!ours && !theirs) continue;
      // An article that is not open is read from disk: opening it would have it analysed in the editor for nothing.
      const text = open
        ? open.document.getText()
        : stripBom(new TextDecoder().decode(await vscode.workspace.fs.readFile(corpus.uriOf(path)!)));
      const none = emptySidecar(path, text);
      inputs.push({ path, a: ours ?? none, b: theirs ?? none, text });
    }
    agreement = agreementReport(inputs, {
      a: vscode.l10n.t('this workspace'),
      b: otherRoot.path.split('/').pop() || vscode.l10n.t('other'),
    });
    channel.replace(renderAgreementText(agreement));
    channel.show(true);
    await open();
    return agreement;
  };

  return {
    disposables: [
      channel,
      vscode.commands.registerCommand(OVERVIEW_COMMAND, open),
      vscode.commands.registerCommand(COMPARE_COMMAND, compare),
      corpus.onDidChange(refreshSoon),
      {
        dispose: () => {
          clearTimeout(refreshTimer);
          panel?.dispose();
        },
      },
    ],
    lastData: () => lastData,
    timings: () => ({ ...timings, refreshedAt: [...timings.refreshedAt] }),
  };
}

/** A sidecar on disk, or null when there is none or it cannot be read (the report then counts no tags for it). */
async function readSidecarAt(uri: vscode.Uri): Promise<Sidecar | null> {
  const raw = await readTextIfExists(uri).catch(() => undefined);
  const read = raw && readSidecar(raw.text, raw.bytes);
  return read && read.ok ? read.sidecar : null;
}

function nonce(): string {
  const bytes = new Uint8Array(24);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'[b % 62]).join('');
}
