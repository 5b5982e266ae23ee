import * as vscode from 'vscode';
import { commonBase, mergeSidecars } from '../core/sidecar/merge';
import { emptySidecar } from '../core/sidecar/model';
import { readSidecar, type SidecarRead } from '../core/sidecar/read';
import type { Sidecar } from '../core/sidecar/types';
import { sidecarToWrite } from '../core/sidecar/write';
import { anchorTags } from '../core/anchor';
import { anchorIfStale } from '../core/tags/reanchor';
import { stripBom } from '../core/text/bom';
import { contentHash } from '../core/text/hash';
import type { ArticleRegistry } from '../articleRegistry/articleRegistry';
import { blockedMessage, type ArticleState } from '../articleRegistry/articleState';
import { baseName, deleteIfExists, readTextIfExists, sidecarUriFor, writeAtomically } from '../files/sidecarFiles';
import type { SidecarWatcher } from './sidecarWatcher';

/**
 * Keeps each open article's tags and its sidecar file in step: reads the file when the article opens,
 * writes every change, and folds in what another writer (a second window, git) put on disk. All writes
 * to one sidecar go through one queue, and each write first merges whatever reached the disk since
 * this window last looked. A sidecar that cannot be read is never overwritten: tagging pauses instead.
 */
export class SidecarSync implements vscode.Disposable {
  private readonly writeQueues = new Map<string, Promise<unknown>>();
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly registry: ArticleRegistry,
    watcher: SidecarWatcher,
  ) {
    this.disposables = [
      watcher.onDidChange((uri) => this.sidecarChangedOnDisk(uri)),
      // Tags that only moved with edits are written when the article is saved.
      vscode.workspace.onDidSaveTextDocument((d) => this.articleSaved(d)),
    ];
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  /** True when no write is under way. */
  isIdle(): boolean {
    return this.writeQueues.size === 0;
  }

  /** Resolves once the writes under way now have finished. */
  async idle(): Promise<void> {
    await Promise.all([...this.writeQueues.values()].map((p) => p.catch(() => undefined)));
  }

  /**
   * Applies a change to the article's tags and writes the sidecar. Refused (with the reason shown)
   * while the article's sidecar is unreadable or read-only. Resolves to false when nothing was written.
   */
  async update(state: ArticleState, change: (sidecar: Sidecar, text: string) => Sidecar): Promise<boolean> {
    if (state.blocked) {
      void vscode.window.showErrorMessage(blockedMessage(state));
      return false;
    }
    const text = state.document.getText();
    state.sidecar = { ...change(state.sidecar ?? emptySidecar(baseName(state.document.uri), text), text), contentHash: contentHash(text) };
    this.registry.refresh(state);
    return this.persist(state);
  }

  /** Reads the article's sidecar into its state: its tags found again in the current text, or why it cannot be used. */
  async read(state: ArticleState): Promise<void> {
    let onDisk: SettledSidecar | undefined;
    try {
      onDisk = await readSettled(state.sidecarUri);
    } catch (error) {
      state.blocked = {
        problem: vscode.l10n.t('it cannot be read ({0})', error instanceof Error ? error.message : String(error)),
        readOnly: false,
      };
      void vscode.window.showErrorMessage(blockedMessage(state));
      return;
    }
    state.diskText = onDisk?.text;
    if (!onDisk) return;
    const result = onDisk.read;
    if (!result.ok) {
      state.blocked = { problem: result.problem, readOnly: result.readOnly };
      if (result.readOnly && result.sidecar) state.sidecar = result.sidecar;
      void vscode.window.showErrorMessage(blockedMessage(state));
      return;
    }
    state.sidecar = anchorIfStale(result.sidecar, state.document.getText());
    remember(state, result.sidecar);
    state.migratedFrom = result.migratedFrom;
  }

  private articleSaved(document: vscode.TextDocument): void {
    const state = this.registry.peek(document);
    // Also when the file on disk was written for the text before this save (tags made with unsaved edits).
    const stale = state?.diskSidecar && state.diskSidecar.contentHash !== contentHash(document.getText());
    if (state && (state.tagsMoved || stale) && !state.blocked && state.sidecar) {
      state.sidecar = { ...state.sidecar, contentHash: contentHash(document.getText()) };
      void this.persist(state);
    }
  }

  /**
   * Applies a change to the tags of an article no editor holds, in its sidecar on disk, without opening the article:
   * compare-and-swap as for an open one (the change made again on what another writer wrote meanwhile), in the
   * article's write queue. `change` returns null when it changes nothing. Resolves to why nothing was written (a
   * sidecar that cannot be read or is from a newer version, which is never overwritten; a refused write), or null.
   */
  updateClosed(article: vscode.Uri, change: (sidecar: Sidecar, text: string) => Sidecar | null): Promise<string | null> {
    return this.queued(article, () => this.writeClosed(article, change));
  }

  /** Writes the in-memory tags, merged with whatever reached the disk meanwhile. */
  private persist(state: ArticleState): Promise<boolean> {
    return this.queued(state.document.uri, () => this.writeNow(state));
  }

  /** Runs one write to the article's sidecar after those already queued for it. */
  private queued<T>(article: vscode.Uri, write: () => Promise<T>): Promise<T> {
    const key = article.toString();
    const previous = this.writeQueues.get(key) ?? Promise.resolve();
    const next = previous.then(write);
    const tracked = next.finally(() => {
      if (this.writeQueues.get(key) === tracked) this.writeQueues.delete(key);
    });
    this.writeQueues.set(key, tracked);
    return next;
  }

  private async writeClosed(article: vscode.Uri, change: (sidecar: Sidecar, text: string) => Sidecar | null): Promise<string | null> {
    const sidecarUri = sidecarUriFor(article);
    try {
      const text = stripBom(new TextDecoder().decode(await vscode.workspace.fs.readFile(article)));
      for (let attempt = 0; ; attempt++) {
        const onDisk = await readSettled(sidecarUri);
        const read = onDisk?.read;
        if (read && !read.ok) return read.problem;
        // Tags of an older text found again in this one, as when the article is opened.
        const changed = change(read ? anchorIfStale(read.sidecar, text) : emptySidecar(baseName(article), text), text);
        if (!changed) return null;
        const checked = sidecarToWrite({ ...changed, contentHash: contentHash(text) });
        if (!checked.ok) return checked.problem;
        const now = await readTextIfExists(sidecarUri);
        if (now?.text !== onDisk?.text && attempt < MAX_WRITE_ATTEMPTS) continue;
        if (read && read.migratedFrom !== null && onDisk) await keepBeforeMigration(sidecarUri, onDisk.text, read.migratedFrom);
        if (checked.text !== onDisk?.text) await writeAtomically(sidecarUri, checked.text);
        return null;
      }
    } catch (error) {
      return writeProblem(error);
    }
  }

  /**
   * Writes compare-and-swap: the tags are merged with what is on disk, and just before the write the
   * file is read again; if another writer (a second window, an import) wrote meanwhile, its tags are
   * merged in again first, so neither loses the other's. What is written is checked as readers check
   * it: a sidecar they would refuse is not written, and the researcher is told why.
   */
  private async writeNow(state: ArticleState): Promise<boolean> {
    try {
      for (let attempt = 0; ; attempt++) {
        const read = await readTextIfExists(state.sidecarUri);
        let onDisk: { text: string } | undefined = read;
        if (read !== undefined && read.text !== state.diskText) {
          const settled = await readSettled(state.sidecarUri, read);
          onDisk = settled;
          if (settled && !this.mergeFromDisk(state, settled.text, settled.read)) return false;
        }
        const sidecar = state.sidecar;
        if (!sidecar || sidecar.tags.length === 0) {
          // An article without tags has no sidecar: removing the last tag removes the file.
          if (onDisk !== undefined) await deleteIfExists(state.sidecarUri);
          state.diskText = undefined;
          remember(state, null);
          return true;
        }
        const saved = await this.asSaved(state, sidecar);
        const checked = sidecarToWrite(saved);
        if (!checked.ok) {
          this.setUnsaved(state, checked.problem);
          void vscode.window.showErrorMessage(
            vscode.l10n.t(
              'Source Annotator did not write {0}: {1}. Undo the last change to the tags.',
              vscode.workspace.asRelativePath(state.sidecarUri),
              checked.problem,
            ),
          );
          return false;
        }
        const text = checked.text;
        const now = await readTextIfExists(state.sidecarUri);
        if (now?.text !== onDisk?.text && attempt < MAX_WRITE_ATTEMPTS) continue;
        if (state.migratedFrom !== null && onDisk) {
          await keepBeforeMigration(state.sidecarUri, onDisk.text, state.migratedFrom);
          state.migratedFrom = null;
        }
        if (text !== onDisk?.text) await writeAtomically(state.sidecarUri, text);
        state.diskText = text;
        remember(state, saved);
        state.tagsMoved = false;
        this.setUnsaved(state, null);
        return true;
      }
    } catch (error) {
      const reason = writeProblem(error);
      // Said once per problem; the status bar keeps saying it until a write succeeds.
      if (reason !== state.unsaved) {
        void vscode.window.showErrorMessage(
          vscode.l10n.t(
            'Source Annotator could not write {0}: {1}. Your tags are kept in this window; the next change retries.',
            vscode.workspace.asRelativePath(state.sidecarUri),
            reason,
          ),
        );
      }
      this.setUnsaved(state, reason);
      return false;
    }
  }

  /**
   * The sidecar describes the article as saved on disk, never the editor's unsaved text: while the
   * article has unsaved edits, the tags are anchored on the saved text for the file (a tag on words
   * not saved yet is orphaned there, and found again once they are). "Revert File" then leaves a
   * sidecar that still fits the file; saving writes it again for the new text.
   */
  private async asSaved(state: ArticleState, sidecar: Sidecar): Promise<Sidecar> {
    // Saved or reverted since the tags last changed: the tags follow the editor's text, which is the file's; the
    // hash is taken from that text now, never kept from when it was dirty.
    if (!state.document.isDirty || state.document.isUntitled) return { ...sidecar, contentHash: contentHash(state.document.getText()) };
    const saved = stripBom(new TextDecoder().decode(await vscode.workspace.fs.readFile(state.document.uri)));
    return { ...sidecar, tags: anchorTags(sidecar.tags, saved), contentHash: contentHash(saved) };
  }

  private setUnsaved(state: ArticleState, reason: string | null): void {
    if (state.unsaved === reason) return;
    state.unsaved = reason;
    this.registry.announce(state);
  }

  /**
   * Folds another writer's sidecar into this window's tags. Returns false (and pauses tagging) when
   * the file on disk cannot be read: it is then never overwritten.
   */
  private mergeFromDisk(state: ArticleState, raw: string, result: SidecarRead): boolean {
    if (!result.ok) {
      state.blocked = { problem: result.problem, readOnly: result.readOnly };
      this.registry.announce(state);
      void vscode.window.showErrorMessage(blockedMessage(state));
      return false;
    }
    const text = state.document.getText();
    const theirs = anchorIfStale(result.sidecar, text);
    const mine = state.sidecar ?? emptySidecar(baseName(state.document.uri), text);
    // The base is what the other writer started from: the last version this window wrote, or one before it
    // when the other writer read the file just before that write (an import racing the editor).
    const versions = candidateBases(state);
    const base =
      versions.length > 0
        ? commonBase(
            versions.map((v) => v.sidecar),
            theirs,
          )
        : state.diskSidecar;
    const { sidecar, conflicts } = mergeSidecars(base, mine, theirs);
    state.sidecar = sidecar;
    state.diskText = raw;
    remember(state, theirs);
    if (conflicts.length > 0) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          "Source Annotator merged tags changed in another window or by git into {0}; {1} tag(s) were changed on both sides and this window's version was kept.",
          baseName(state.document.uri),
          conflicts.length,
        ),
      );
    }
    this.registry.refresh(state);
    return true;
  }

  private async sidecarChangedOnDisk(uri: vscode.Uri): Promise<void> {
    const state = this.registry.bySidecar(uri);
    if (!state) return;
    const key = state.document.uri.toString();
    // Our own writes come back as change events: wait for them, then compare with what we wrote.
    await (this.writeQueues.get(key) ?? Promise.resolve());
    const onDisk = await readTextIfExists(uri).catch(() => undefined);
    if (onDisk?.text === state.diskText) return;
    if (!onDisk) {
      state.diskText = undefined;
      remember(state, null);
      // The unreadable file that paused tagging is gone: nothing is left to protect. Were it to come back, it is read again.
      if (state.blocked && !state.blocked.readOnly) {
        state.blocked = null;
        state.sidecar = null;
        this.registry.refresh(state);
        return;
      }
      if (state.sidecar && state.sidecar.tags.length > 0 && !state.blocked) {
        const restore = vscode.l10n.t('Restore the file');
        const choice = await vscode.window.showWarningMessage(
          vscode.l10n.t(
            'The tags file of {0} was deleted. Its {1} tag(s) are still in this window.',
            baseName(state.document.uri),
            state.sidecar.tags.length,
          ),
          restore,
        );
        if (choice === restore) await this.persist(state);
      }
      return;
    }
    if (state.blocked) {
      // The file may have been repaired: read it afresh.
      state.blocked = null;
      state.sidecar = null;
      await this.read(state);
      this.registry.refresh(state);
      return;
    }
    const settled = await readSettled(uri, onDisk).catch(() => undefined);
    if (settled && settled.text !== state.diskText) this.mergeFromDisk(state, settled.text, settled.read);
  }
}

/**
 * How long after this window read or wrote the sidecar another writer may still be finishing a write it
 * began from the file before (an import, another window's write racing this one): those versions stay
 * candidates for the base of a merge. Later, a writer has seen this window's last version.
 */
const RACE_WINDOW_MS = 5_000;

/** The versions another writer finishing now may have started from: those of the last moments and the one before them. */
function candidateBases(state: ArticleState): ArticleState['recentVersions'] {
  const now = Date.now();
  const recent = state.recentVersions.filter((v) => now - v.at < RACE_WINDOW_MS);
  const before = state.recentVersions[state.recentVersions.length - recent.length - 1];
  return before ? [before, ...recent] : recent;
}

/** The sidecar now on disk as this window knows it (read or written), kept with the versions a racing writer may have started from. */
function remember(state: ArticleState, sidecar: Sidecar | null): void {
  state.recentVersions = [...candidateBases(state), { sidecar, at: Date.now() }];
  state.diskSidecar = sidecar;
}

/**
 * Pauses before a sidecar that does not read as one is read again, and judged unreadable only then. Other programs
 * write files in place (truncated, then filled: most editors, VS Code's own file API, git checkout): read at that
 * moment, a whole sidecar looks like half a JSON file, and tagging would pause for a file that is fine a moment later.
 */
const SETTLE_DELAYS_MS = [50, 100, 200, 400];

interface SettledSidecar {
  text: string;
  bytes: number;
  read: SidecarRead;
}

/**
 * The sidecar on disk (`first`: as just read, when the caller has read it), read again after each of the pauses while
 * it does not read as a sidecar (see SETTLE_DELAYS_MS).
 */
async function readSettled(uri: vscode.Uri, first?: { text: string; bytes: number }): Promise<SettledSidecar | undefined> {
  let onDisk = first ?? (await readTextIfExists(uri));
  for (let attempt = 0; onDisk; attempt++) {
    const read = readSidecar(onDisk.text, onDisk.bytes);
    // A sidecar from a newer version reads well: waiting will not change it.
    if (read.ok || read.readOnly || attempt >= SETTLE_DELAYS_MS.length) return { ...onDisk, read };
    await new Promise((resolve) => setTimeout(resolve, SETTLE_DELAYS_MS[attempt]));
    onDisk = await readTextIfExists(uri);
  }
  return undefined;
}

/** Times a write starts again because another writer changed the file between its read and its write. */
const MAX_WRITE_ATTEMPTS = 5;

/** The first write after a migration keeps the old file, once, for a researcher who downgrades. */
async function keepBeforeMigration(sidecarUri: vscode.Uri, old: string, version: number): Promise<void> {
  const backup = sidecarUri.with({ path: `${sidecarUri.path}.v${version}.bak` });
  if (!(await readTextIfExists(backup))) await writeAtomically(backup, old);
}

/** What a failed write means for the researcher: a folder they may not write to says so in plain words. */
function writeProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const denied =
    (error instanceof vscode.FileSystemError && error.code === 'NoPermissions') ||
    /\b(EACCES|EPERM|EROFS)\b|permission|not permitted|read-only/i.test(message);
  return denied ? vscode.l10n.t('the folder is read-only or you may not write to it ({0})', message) : message;
}
