import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { createArticles } from './articles/createArticles';
import { isArticle } from './articles/articleStore';
import { registerClaimsToggle } from './commands/claimsCommands';
import { registerImportExport } from './commands/importExportCommands';
import { registerKnowledgeBaseCommands } from './commands/knowledgeBaseCommands';
import { registerOrphans } from './commands/orphanCommands';
import { registerCommands } from './commands/tagCommands';
import { createCorpusIndex } from './core/corpus';
import { createDetector, type CorrectableDetector } from './core/detect';
import type { Detector } from './core/detect/types';
import { CorpusService } from './corpusService/corpusService';
import { createCorpusIndexing } from './corpusService/corpusIndexing';
import { registerDatabaseCommand } from './commands/databaseCommands';
import { DecorationController } from './decorations/decorationController';
import { VerdictDecorations } from './decorations/verdictDecorations';
import { ModelLearning } from './entityModel/learnFromTags';
import { CLAIMS_MODEL_PATH, DATES_MODEL_PATH, loadModel } from './entityModel/loadModel';
import { registerHover } from './hovers/hoverProvider';
import { findArticles, readSettings, SECTION } from './settings/config';
import { SidecarWatcher } from './sidecarSync/sidecarWatcher';
import { StatusBar } from './statusbar/statusBar';
import { createTestApi, type TestApi } from './testApi';
import { registerCorpusViews } from './views/corpusViews';
import { registerOverview } from './views/overview';
import { WorkspaceKnowledge } from './workspaceKnowledge/workspaceKnowledge';

/**
 * Wiring only. Services are built in the order they depend on one another, each given what it uses
 * (nothing is set afterwards): the corpus index and what it knows → the open articles → the corpus
 * service → the editor UI. Events flow back up; calls go down.
 */
export async function activate(context: vscode.ExtensionContext): Promise<TestApi> {
  const started = performance.now();
  // The pure core localizes through @vscode/l10n; it reads the same bundle VS Code loaded for this display language.
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  // The detector's weights load after activation, off the start-up path; until then rules alone run.
  let detector: Detector = createDetector(null);
  /** The shipped model's detector, without what it learned from the researcher's tags. */
  let shipped: CorrectableDetector | null = null;

  const index = createCorpusIndex({ rejectionScope: readSettings().rejectionScope });
  const knowledge = new WorkspaceKnowledge(index);
  const sidecars = new SidecarWatcher();
  const articles = createArticles(() => detector, knowledge, sidecars);
  const store = articles.store;
  const models = Promise.all([
    loadModel(context.extensionUri),
    loadModel(context.extensionUri, CLAIMS_MODEL_PATH),
    loadModel(context.extensionUri, DATES_MODEL_PATH),
  ]).then(([tagger, claims, dates]) => ({ tagger, claims, dates }));
  const channel = vscode.window.createOutputChannel(vscode.l10n.t('Source Annotator: Corpus'));
  const indexing = createCorpusIndexing(context, models, () => !!shipped && detector === shipped, channel);
  const corpus = new CorpusService(index, knowledge, store, sidecars, () => detector, indexing);
  const learning = new ModelLearning(
    () => shipped,
    (next) => {
      if (next === detector) return;
      detector = next;
      store.reanalyzeAll();
    },
    sidecars,
  );
  const decorations = new DecorationController(store);
  const verdicts = new VerdictDecorations(store);
  const statusBar = new StatusBar(store);
  const views = registerCorpusViews(corpus);
  const overview = registerOverview(context, store, corpus);
  context.subscriptions.push(
    learning,
    ...articles.disposables,
    corpus,
    indexing,
    channel,
    registerDatabaseCommand({
      articles: findArticles,
      pathOf: (uri) => corpus.pathOf(uri),
      knowledgeBase: () => corpus.kb,
      analysed: (uri) => corpus.analysed(uri),
      wasm: () => indexing.wasm(),
    }),
    knowledge,
    sidecars,
    decorations,
    verdicts,
    statusBar,
    registerHover(store, corpus),
    registerClaimsToggle(),
    ...registerCommands(store),
    ...registerOrphans(store, corpus),
    ...registerImportExport(store, corpus),
    ...registerKnowledgeBaseCommands(store, corpus),
    ...views.disposables,
    ...overview.disposables,
  );

  const updateContext = (editor: vscode.TextEditor | undefined): void =>
    void vscode.commands.executeCommand('setContext', 'sourceAnnotator.articleActive', !!editor && isArticle(editor.document));
  updateContext(vscode.window.activeTextEditor);
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(updateContext),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SECTION)) store.reanalyzeAll();
    }),
  );

  const modelReady = models.then(
    ({ tagger, claims, dates }) => {
      if (tagger || claims || dates) {
        detector = shipped = createDetector(tagger, null, claims, dates);
        store.reanalyzeAll();
        return learning.start();
      }
    },
    (error: unknown) => {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Source Annotator: the entity model could not be loaded ({0}); suggestions come from rules only.', String(error)),
      );
    },
  );
  for (const document of vscode.workspace.textDocuments) void store.get(document);
  // The corpus index is background work: it starts once activation is over.
  setTimeout(() => void corpus.whenReady(), 0);
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument((d) => void store.get(d)));
  return createTestApi(
    {
      store,
      corpus,
      decorations,
      verdicts,
      statusBar,
      learning,
      detector: () => detector,
      views: views.trees,
      overview: overview.lastData,
      overviewTimings: overview.timings,
    },
    modelReady,
    performance.now() - started,
  );
}

export function deactivate(): void {}
