import * as vscode from 'vscode';
import { readSettings, SECTION } from '../settings/config';
import type { CorrectableDetector } from '../core/detect';
import { CORRECTIONS_FILE, isEmptyCorrections, readCorrections, writeCorrections, type TaggedArticle } from '../core/detect/feedback';
import { MAX_SIDECAR_BYTES, readSidecar } from '../core/sidecar/read';
import { SIDECAR_SUFFIX } from '../core/sidecar/types';
import { NEVER_ARTICLES_GLOB } from '../core/corpus/articles';
import { compare } from '../core/corpus/records';
import type { SidecarWatcher } from '../sidecarSync/sidecarWatcher';
import { deleteIfExists, readArticleFromDisk, readTextIfExists, writeAtomically } from '../files/sidecarFiles';

/** Tags usually change in bursts (a reviewer confirming suggestion after suggestion): learn once they pause. */
const RELEARN_DELAY_MS = 2000;

/**
 * Teaches the entity model from the researcher's confirmed and rejected entity tags, when the
 * `learnFromTags` setting is on. Corrections are learned afresh from every sidecar of the workspace
 * a moment after one changes (so a tag is never counted twice, and a removed tag is forgotten), kept
 * in CORRECTIONS_FILE for the next start, and handed to the editor's detector.
 */
export class ModelLearning implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> = Promise.resolve();
  /** What each sidecar gave last time, by its and its article's size and time: a relearn reads only the files that changed. */
  private readonly read = new Map<string, ReadSidecar>();
  private reads = 0;

  /** `base`: the shipped model's detector (null until loaded); `use`: puts a detector to work; `sidecars`: tags changing on disk. */
  constructor(
    private readonly base: () => CorrectableDetector | null,
    private readonly use: (detector: CorrectableDetector) => void,
    sidecars: SidecarWatcher,
  ) {
    this.disposables.push(
      sidecars.onDidChange(() => this.enabled() && this.schedule()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(`${SECTION}.learnFromTags`) && this.schedule(0)),
    );
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }

  /** Once the model has loaded: the corrections kept from last time, or (a missing or unreadable file) learned again. */
  async start(): Promise<void> {
    const base = this.base();
    const file = this.correctionsUri();
    if (!base || !file || !this.enabled()) return;
    try {
      const kept = await readTextIfExists(file);
      if (kept) {
        this.use(base.withCorrections(readCorrections(kept.text)));
        return;
      }
    } catch {
      // Corrections of another model layout or a damaged file: they are a cache of the sidecars, learned again below.
    }
    this.schedule(0);
  }

  /** Sidecars read from disk since activation (tests). */
  get sidecarsRead(): number {
    return this.reads;
  }

  /** Resolves when no learning is scheduled or under way (tests). */
  async idle(): Promise<void> {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.running = this.running.then(() => this.relearn());
    }
    await this.running;
  }

  private enabled(): boolean {
    return readSettings().learnFromTags;
  }

  private correctionsUri(): vscode.Uri | undefined {
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder && vscode.Uri.joinPath(folder.uri, CORRECTIONS_FILE);
  }

  private schedule(delay = RELEARN_DELAY_MS): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.running.then(() => this.relearn());
    }, delay);
  }

  private async relearn(): Promise<void> {
    const base = this.base();
    const file = this.correctionsUri();
    if (!base || !file) return;
    try {
      // Turned off: the shipped model again; the file stays, for turning it back on.
      if (!this.enabled()) return this.use(base);
      const corrections = base.learnCorrections(await this.taggedArticles());
      if (!corrections || isEmptyCorrections(corrections)) {
        await deleteIfExists(file);
        return this.use(base);
      }
      await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(file, '..'));
      await writeAtomically(file, writeCorrections(corrections));
      this.use(base.withCorrections(corrections));
    } catch (error) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          'Source Annotator could not learn from your tags: {0}. Suggestions come from the shipped model.',
          error instanceof Error ? error.message : String(error),
        ),
      );
      this.use(base);
    }
  }

  /** Every article of the workspace with readable entity tags, confirmed or rejected. */
  private async taggedArticles(): Promise<TaggedArticle[]> {
    const articles: TaggedArticle[] = [];
    const seen = new Set<string>();
    // Learning goes through the articles in order, each update building on the last: the same tags must teach the same
    // model whatever order the file system lists the sidecars in.
    const sidecars = (await vscode.workspace.findFiles(`**/*${SIDECAR_SUFFIX}`, NEVER_ARTICLES_GLOB)).sort((a, b) =>
      compare(a.toString(), b.toString()),
    );
    for (const uri of sidecars) {
      const key = uri.toString();
      seen.add(key);
      const articleUri = uri.with({ path: uri.path.slice(0, -SIDECAR_SUFFIX.length) });
      const sizes = await sizesAndTimes(uri, articleUri);
      const stamp = sizes && `${sizes.sidecar.size}:${sizes.sidecar.mtime} ${sizes.article.size}:${sizes.article.mtime}`;
      let known = this.read.get(key);
      if (!known || known.stamp !== stamp) {
        // A sidecar above the limit is refused by readSidecar anyway: its size says so without reading it.
        const readable = sizes && sizes.sidecar.size <= MAX_SIDECAR_BYTES;
        if (readable) this.reads++;
        known = { stamp, article: readable ? await taggedArticle(uri, articleUri) : undefined };
        this.read.set(key, known);
      }
      if (known.article) articles.push(known.article);
    }
    for (const key of this.read.keys()) if (!seen.has(key)) this.read.delete(key);
    return articles;
  }
}

interface ReadSidecar {
  /** Sizes and modification times of the sidecar and its article; undefined when either cannot be read. */
  stamp: string | undefined;
  article: TaggedArticle | undefined;
}

async function sizesAndTimes(
  sidecar: vscode.Uri,
  article: vscode.Uri,
): Promise<{ sidecar: vscode.FileStat; article: vscode.FileStat } | undefined> {
  try {
    const [s, a] = await Promise.all([vscode.workspace.fs.stat(sidecar), vscode.workspace.fs.stat(article)]);
    return { sidecar: s, article: a };
  } catch {
    return undefined;
  }
}

/** The article and its entity tags, or undefined when the sidecar is unreadable or holds no entity tag. */
async function taggedArticle(uri: vscode.Uri, articleUri: vscode.Uri): Promise<TaggedArticle | undefined> {
  const side = await readTextIfExists(uri).catch(() => undefined);
  const read = side && readSidecar(side.text, side.bytes);
  if (!read || !read.ok || !read.sidecar.tags.some((t) => t.kind === 'entity')) return undefined;
  const article = await readArticleFromDisk(articleUri).catch(() => undefined);
  return article && { ...article, tags: read.sidecar.tags };
}
