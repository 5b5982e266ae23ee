import * as vscode from 'vscode';
import type { ArticleState } from './articleState';

/**
 * The open articles, by document URI, and the one event that says one of them changed (its tags, its
 * analysis, whether its sidecar could be written). The services that change an article report here;
 * the views, decorations and the corpus listen.
 */
export class ArticleRegistry implements vscode.Disposable {
  private readonly states = new Map<string, ArticleState>();
  private readonly changed = new vscode.EventEmitter<ArticleState>();
  readonly onDidChangeArticle = this.changed.event;

  dispose(): void {
    this.changed.dispose();
  }

  peek(document: vscode.TextDocument): ArticleState | undefined {
    return this.states.get(document.uri.toString());
  }

  all(): ArticleState[] {
    return [...this.states.values()];
  }

  /** The open article whose tags live in this sidecar file. */
  bySidecar(uri: vscode.Uri): ArticleState | undefined {
    const key = uri.toString();
    return this.all().find((s) => s.sidecarUri.toString() === key);
  }

  add(state: ArticleState): void {
    this.states.set(state.document.uri.toString(), state);
  }

  remove(document: vscode.TextDocument): void {
    this.states.delete(document.uri.toString());
  }

  /** False once the article was closed (or reopened as a new state): work scheduled for it is dropped. */
  isOpen(state: ArticleState): boolean {
    return this.states.get(state.document.uri.toString()) === state;
  }

  /** The tags or the analysis changed: the marks are built again on next use, and listeners are told. */
  refresh(state: ArticleState): void {
    state.derived = {};
    this.changed.fire(state);
  }

  /** Something else listeners show changed (a write failed or succeeded again, tagging paused). */
  announce(state: ArticleState): void {
    this.changed.fire(state);
  }
}
