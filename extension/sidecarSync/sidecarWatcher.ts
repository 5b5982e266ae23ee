import * as vscode from 'vscode';
import { SIDECAR_SUFFIX } from '../core/sidecar/types';

/**
 * The one watcher of the workspace's sidecar files. Whoever cares about tags changing on disk (open
 * articles merging them, the corpus index, learning from tags) subscribes to its event: one file
 * event is reported once, to everyone, in the same order.
 */
export class SidecarWatcher implements vscode.Disposable {
  private readonly watcher = vscode.workspace.createFileSystemWatcher(`**/*${SIDECAR_SUFFIX}`);
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** A sidecar file was created, changed or deleted (by this window too). */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [
    this.watcher,
    this.changed,
    this.watcher.onDidChange((uri) => this.changed.fire(uri)),
    this.watcher.onDidCreate((uri) => this.changed.fire(uri)),
    this.watcher.onDidDelete((uri) => this.changed.fire(uri)),
  ];

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
