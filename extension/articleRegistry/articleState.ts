import * as vscode from 'vscode';
import type { IncrementalState, TextChange } from '../core/detect/incremental';
import type { Analysis } from '../core/detect/types';
import type { Mark } from '../core/present/overlay';
import type { MarkCounts } from '../core/present/suggestions';
import type { Sidecar } from '../core/sidecar/types';
import { isSidecar, sidecarUriFor } from '../files/sidecarFiles';
import { isArticleUri } from '../settings/config';

/** Why tagging an article is paused: its sidecar could not be read, or belongs to a newer version. */
export interface Block {
  problem: string;
  readOnly: boolean;
}

/** Everything the extension knows about one open article. */
export interface ArticleState {
  readonly document: vscode.TextDocument;
  readonly sidecarUri: vscode.Uri;
  /** The tags, with offsets into the document's current text. Null: the article has no tags. */
  sidecar: Sidecar | null;
  /** The sidecar file's text as this window last read or wrote it (undefined: no file), to tell our writes from others'. */
  diskText: string | undefined;
  /** The sidecar as last read or written: the common base when merging someone else's changes. */
  diskSidecar: Sidecar | null;
  /**
   * The versions read or written in the last moments, oldest first, with the one before them: a writer
   * that was already under way may have started from any of them (see commonBase).
   */
  recentVersions: { sidecar: Sidecar | null; at: number }[];
  blocked: Block | null;
  /** The detector's results per chunk, so an edit re-analyses only what it touched (null: not analysed). */
  incremental: IncrementalState | null;
  /** Edits since the last analysis, in the order they happened. */
  pendingChanges: TextChange[];
  /** Why the detector did not run (file too large, binary), or null. */
  analysisSkipped: string | null;
  /** The time limit of an analysis stopped the detector in part of the article: suggestions there may be missing. */
  analysisCutShort: boolean;
  /** The researcher was told once that this article's analysis was cut short. */
  cutShortToldOnce: boolean;
  /** Claims scoring below this are not suggested (the setting, read at the last analysis). */
  minClaimScore: number;
  /** Every claim is shown, not only the attributed and check-worthy ones (the setting showAllClaims). */
  showAllClaims: boolean;
  /**
   * Whether a name is rejected for every article (knowledge base, or workspace-wide rejections), remembered
   * until the workspace's knowledge changes; the article's own rejections are read from its tags.
   */
  rejectedNames: Map<string, boolean>;
  /** Built on first use after each change: a long article's full list of marks is costly and often not needed. */
  derived: { analysis?: Analysis; marks?: Mark[]; counts?: MarkCounts };
  /** Tags moved by edits since the sidecar was last written; written on save. */
  tagsMoved: boolean;
  /** The older format version the sidecar was migrated from in memory; its file is backed up before the first write. */
  migratedFrom: number | null;
  /** The document version the tags and the analysis follow. */
  version: number;
  /** Why the last write of the sidecar failed (a read-only folder, a full disk), or null: the tags in memory are not on disk. */
  unsaved: string | null;
}

const ARTICLE_LANGUAGES = new Set(['plaintext', 'markdown']);

export function isArticle(document: vscode.TextDocument): boolean {
  return (
    ARTICLE_LANGUAGES.has(document.languageId) &&
    !document.isUntitled &&
    !isSidecar(document.uri) &&
    isArticleUri(document.uri) &&
    vscode.workspace.fs.isWritableFileSystem(document.uri.scheme) !== undefined
  );
}

/** A just-opened article's state: no tags read, not analysed. */
export function newArticleState(document: vscode.TextDocument): ArticleState {
  return {
    document,
    sidecarUri: sidecarUriFor(document.uri),
    sidecar: null,
    diskText: undefined,
    diskSidecar: null,
    recentVersions: [],
    blocked: null,
    incremental: null,
    pendingChanges: [],
    analysisSkipped: null,
    analysisCutShort: false,
    cutShortToldOnce: false,
    minClaimScore: 0,
    showAllClaims: false,
    derived: {},
    rejectedNames: new Map(),
    tagsMoved: false,
    migratedFrom: null,
    version: document.version,
    unsaved: null,
  };
}

export function formatOf(document: vscode.TextDocument): 'markdown' | 'plaintext' {
  return document.languageId === 'markdown' ? 'markdown' : 'plaintext';
}

export function blockedMessage(state: ArticleState): string {
  const file = vscode.workspace.asRelativePath(state.sidecarUri);
  return state.blocked?.readOnly
    ? vscode.l10n.t('Source Annotator: {0} is read-only here: {1}.', file, state.blocked.problem)
    : vscode.l10n.t(
        'Source Annotator cannot use {0}: {1}. The file is left untouched and tagging this article is paused until it is fixed.',
        file,
        state.blocked?.problem ?? vscode.l10n.t('unknown problem'),
      );
}
