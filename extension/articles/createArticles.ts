import type * as vscode from 'vscode';
import type { Detector } from '../core/detect/types';
import { ArticleRegistry } from '../articleRegistry/articleRegistry';
import { SidecarSync } from '../sidecarSync/sidecarSync';
import type { SidecarWatcher } from '../sidecarSync/sidecarWatcher';
import type { KnownNames } from '../workspaceKnowledge/workspaceKnowledge';
import { AnalysisScheduler } from './analysisScheduler';
import { ArticleMarks } from './articleMarks';
import { ArticleStore } from './articleStore';

/**
 * Builds the open-articles layer bottom-up, each service given what it depends on: the registry, the
 * sidecar sync and the analysis scheduler below the store. Returns the store and what to dispose.
 */
export function createArticles(
  detector: () => Detector,
  knowledge: KnownNames,
  sidecars: SidecarWatcher,
): { store: ArticleStore; disposables: vscode.Disposable[] } {
  const registry = new ArticleRegistry();
  const sync = new SidecarSync(registry, sidecars);
  const scheduler = new AnalysisScheduler(registry, detector, knowledge);
  const store = new ArticleStore(registry, sync, scheduler, new ArticleMarks(knowledge));
  return { store, disposables: [store, scheduler, sync, registry] };
}
