import * as vscode from 'vscode';
import type { CorpusIndex } from '../core/corpus';
import type { KnownEntity } from '../core/detect/types';

/**
 * What the workspace knows that changes what is suggested in one article: the names to find everywhere
 * (the knowledge base, names confirmed anywhere) and the names rejected. Read from the corpus index; it
 * is built before the open articles, which read it and listen to its events, and never call the corpus.
 */
/** A path no article has: the index then answers for the workspace as a whole. */
const NO_ARTICLE = '';

export interface KnownNames {
  knownEntities(): KnownEntity[];
  /**
   * Whether a name is rejected for every article: in the knowledge base, or, when rejections reach the
   * whole workspace, in any article's tags. (An article's own rejections are read from its tags, which
   * change before the index hears of them.)
   */
  isRejectedEverywhere(name: string): boolean;
  /** The names to find everywhere changed. */
  readonly onDidChangeKnownEntities: vscode.Event<void>;
  /** A name was rejected or un-rejected somewhere. */
  readonly onDidChangeRejections: vscode.Event<void>;
}

/** The corpus index seen through `KnownNames`, and the workspace paths the index knows articles by. */
export class WorkspaceKnowledge implements KnownNames, vscode.Disposable {
  private readonly knownChanged = new vscode.EventEmitter<void>();
  private readonly rejectionsChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeKnownEntities = this.knownChanged.event;
  readonly onDidChangeRejections = this.rejectionsChanged.event;
  private announced: KnownEntity[];
  private knownSignature = '';
  private rejectedSignature = '';
  private readonly paths = new Map<string, string>();

  constructor(private readonly index: CorpusIndex) {
    this.announced = index.knownEntities();
  }

  dispose(): void {
    this.knownChanged.dispose();
    this.rejectionsChanged.dispose();
  }

  /**
   * What the detector finds everywhere: the knowledge base and names confirmed anywhere, as last announced (see
   * indexChanged), so that every analysis between two announcements finds the same names.
   */
  knownEntities(): KnownEntity[] {
    return this.announced;
  }

  isRejectedEverywhere(name: string): boolean {
    return this.index.isRejected(NO_ARTICLE, name);
  }

  /** The workspace-relative path the index knows an article by. */
  pathOf(uri: vscode.Uri): string {
    const key = uri.toString();
    let path = this.paths.get(key);
    if (path === undefined) this.paths.set(key, (path = vscode.workspace.asRelativePath(uri, false)));
    return path;
  }

  uriOf(path: string): vscode.Uri | undefined {
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder && vscode.Uri.joinPath(folder.uri, path);
  }

  /**
   * The index changed: tells listeners when the names to find everywhere, or the rejected ones, differ from last time.
   * The corpus calls it once the index is whole, not while it is being built: open articles would be analysed again
   * for every batch of articles read, each time with a different part of the names.
   */
  indexChanged(): void {
    const known = this.index.knownEntities();
    const signature = known
      .map((k) => `${k.type}:${k.name}:${(k.aliases ?? []).join('|')}`)
      .sort()
      .join('\n');
    if (signature !== this.knownSignature) {
      this.knownSignature = signature;
      this.announced = known;
      this.knownChanged.fire();
    }
    const rejected = this.index.rejectedNames().join('\n');
    if (rejected !== this.rejectedSignature) {
      this.rejectedSignature = rejected;
      this.rejectionsChanged.fire();
    }
  }
}
