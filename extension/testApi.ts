import type * as vscode from 'vscode';
import type { DecorationController } from './decorations';
import type { StatusBar } from './statusBar';
import type { ArticleState, ArticleStore } from './store';

/**
 * What activate() returns, for the integration tests: VS Code cannot read decorations back, so the
 * extension reports what it painted. Not a public API.
 */
export interface TestApi {
  /** Resolves when the model has loaded (or failed to) and no analysis or write is pending. */
  idle(): Promise<void>;
  state(document: vscode.TextDocument): Promise<ArticleState | undefined>;
  /** Painted ranges per decoration key ("Person/confirmed", "Claim/suggested"…), as offsets. */
  decorations(document: vscode.TextDocument): Record<string, { start: number; end: number }[]>;
  statusText(): string;
}

export function createTestApi(store: ArticleStore, decorations: DecorationController, statusBar: StatusBar, modelReady: Promise<void>): TestApi {
  return {
    async idle() {
      await modelReady;
      await store.idle();
    },
    state: (document) => store.get(document),
    decorations(document) {
      const out: Record<string, { start: number; end: number }[]> = {};
      for (const [key, ranges] of decorations.appliedTo(document.uri)) {
        out[key] = ranges.map((r) => ({ start: document.offsetAt(r.start), end: document.offsetAt(r.end) }));
      }
      return out;
    },
    statusText: () => statusBar.text,
  };
}
