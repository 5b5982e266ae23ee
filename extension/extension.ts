import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { CorpusService } from './corpus';
import { SECTION } from './config';
import { createDetector, type CorrectableDetector } from './core/detect';
import type { Detector } from './core/detect/types';
import { DecorationController } from './decorations';
import { registerHover } from './hover';
import { registerKnowledge } from './knowledge';
import { registerExchange } from './exchange';
import { ModelLearning } from './learning';
import { loadModel } from './model';
import { registerOrphans } from './orphans';
import { StatusBar } from './statusBar';
import { ArticleStore, isArticle } from './store';
import { createTestApi, type TestApi } from './testApi';
import { registerCorpusViews } from './views/corpusViews';
import { registerOverview } from './views/overview';

export async function activate(context: vscode.ExtensionContext): Promise<TestApi> {
  const started = performance.now();
  // The pure core localizes through @vscode/l10n; it reads the same bundle VS Code loaded for this display language.
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  // The detector's weights load after activation, off the start-up path; until then rules alone run.
  let detector: Detector = createDetector(null);
  /** The shipped model's detector, without what it learned from the researcher's tags. */
  let shipped: CorrectableDetector | null = null;
  const store = new ArticleStore(() => detector);
  const corpus = new CorpusService(store, () => detector);
  store.knowledge = corpus;
  const decorations = new DecorationController(store);
  const statusBar = new StatusBar(store);
  const views = registerCorpusViews(corpus);
  const overview = registerOverview(context, store, corpus);
  const learning = new ModelLearning(
    () => shipped,
    (next) => {
      if (next === detector) return;
      detector = next;
      store.reanalyzeAll();
    },
  );
  context.subscriptions.push(
    learning,
    store,
    corpus,
    decorations,
    statusBar,
    registerHover(store, corpus),
    ...registerCommands(store),
    ...registerOrphans(store, corpus),
    ...registerExchange(store),
    ...registerKnowledge(store, corpus),
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

  const modelReady = loadModel(context.extensionUri).then(
    (bytes) => {
      if (bytes) {
        detector = shipped = createDetector(bytes);
        store.reanalyzeAll();
        return learning.start();
      }
    },
    (error: unknown) => {
      void vscode.window.showWarningMessage(vscode.l10n.t('Source Annotator: the entity model could not be loaded ({0}); suggestions come from rules only.', String(error)));
    },
  );
  for (const document of vscode.workspace.textDocuments) void store.get(document);
  // The corpus index is background work: it starts once activation is over.
  setTimeout(() => void corpus.whenReady(), 0);
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument((d) => void store.get(d)));
  return createTestApi({ store, corpus, decorations, statusBar, learning, detector: () => detector, views: views.trees, overview: overview.lastData, overviewTimings: overview.timings }, modelReady, performance.now() - started);
}

export function deactivate(): void {}
