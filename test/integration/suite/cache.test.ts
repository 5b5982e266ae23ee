import * as assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { fileUri, encode, api, activate, open, hoverText, until } from './helpers';

// Invented articles: one event told twice, so a hover in one lists the other, which only the cache knows after a reopen.
const ARTICLES: Record<string, string> = {
  'cache/north.txt': 'Mara Quell of the Ostvik Port Council said on June 9 that the ferry terminal would close for repairs.\n',
  'cache/south.txt': 'The Ostvik Port Council confirmed that the ferry terminal would close for repairs, Mara Quell told reporters.\n',
  'cache/east.txt': 'Farmers near Lindholm asked the Ostvik Port Council for a second grain pier.\n',
};

/** The cache file's SQLite header: user_version (the cache's version) is the big-endian integer at byte 60. */
const USER_VERSION_AT = 60;

suite('The corpus cache: reopening reuses what was analysed', function () {
  // Each test re-indexes the whole test workspace from a reopened cache: about 30–45 s on a loaded 2-core machine.
  this.timeout(180000);
  suiteSetup(async () => {
    await activate();
    await vscode.workspace.fs.createDirectory(fileUri('cache'));
    for (const [path, text] of Object.entries(ARTICLES)) await vscode.workspace.fs.writeFile(fileUri(path), encode(text));
    await until('the articles are indexed', () => Object.keys(ARTICLES).every((p) => api.corpus().index.documents().includes(p)));
    await api.corpus().saveCache();
  });

  const ours = (...sets: ReadonlySet<string>[]): string[] => [...new Set(sets.flatMap((s) => [...s]))].filter((p) => p in ARTICLES).sort();

  test('a reopened workspace shows hovers from the cache without analysing unchanged articles again', async () => {
    const reopened = await api.reopenCorpus();
    assert.deepEqual(ours(reopened.analysed), [], 'no unchanged article is analysed again');
    assert.deepEqual(ours(reopened.cached, reopened.open), Object.keys(ARTICLES).sort(), 'each comes from the cache (or its editor)');
    assert.deepEqual(ours(reopened.claimsReadAgain), [], "the claims' features come from the cache too, not read again from the text");
    const north = await open('cache/north.txt');
    const card = await hoverText(north, 'Ostvik Port Council');
    assert.match(card, /south\.txt/, 'the entity card lists the other article, known from the cache');
  });

  test('the corpus database is written from the cache: no cached article is analysed again', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await api.idle();
    // Reopened, every entry has been read once to index its article, and let go of: the command reads it again.
    await api.reopenCorpus();
    const out = vscode.Uri.file(join(tmpdir(), `source-annotator-corpus-${Date.now()}.sqlite`));
    const written = await vscode.commands.executeCommand<{ articles: number; analysedAgain: string[] }>('sourceAnnotator.writeDatabase', {
      out: out.toString(),
    });
    try {
      assert.ok(written.articles >= Object.keys(ARTICLES).length, `${written.articles} articles written`);
      // Articles of the suites before that were only ever analysed in their editor have no cache entry: ours all do.
      assert.deepEqual(
        written.analysedAgain.filter((p) => p in ARTICLES),
        [],
        'each analysis taken from the cache',
      );
      const header = new TextDecoder().decode((await vscode.workspace.fs.readFile(out)).subarray(0, 15));
      assert.equal(header, 'SQLite format 3');
    } finally {
      await vscode.workspace.fs.delete(out);
    }
  });

  test('claim groups computed once are taken from the cache at the next reopen', async () => {
    // Every article from the cache: an open one is indexed from its editor, whose analysis may still be running (a long article's, in slices).
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await api.idle();
    await api.reopenCorpus();
    // The shared test workspace may still settle after the suites before (a sidecar rewritten, an editor's analysis
    // landing): groups computed from what changed since are rightly not taken, so they are computed again, at most twice.
    let groups = await api.corpus().whenClaimGroups();
    let digest = api.corpus().index.keptClaimGroups()?.digest;
    let reopened: Awaited<ReturnType<typeof api.reopenCorpus>> | undefined;
    const digestsByPath = () =>
      new Map(
        api
          .corpus()
          .index.documents()
          .map((p) => [p, api.corpus().index.digestOf(p)]),
      );
    let indexedFrom = digestsByPath();
    for (let attempt = 0; attempt < 3 && !reopened?.groupsKept; attempt++) {
      if (reopened) {
        groups = await api.corpus().whenClaimGroups();
        digest = api.corpus().index.keptClaimGroups()?.digest;
      }
      indexedFrom = digestsByPath();
      await api.corpus().saveCache();
      reopened = await api.reopenCorpus();
    }
    assert.ok(
      reopened?.groupsKept,
      `nothing changed: the groups come from the cache, not computed again (kept ${digest}, now ${api.corpus().index.keptClaimGroups()?.digest ?? 'not computed'}; indexed from something else: ${[
        ...new Set([...indexedFrom.keys(), ...api.corpus().index.documents()]),
      ]
        .filter((p) => indexedFrom.get(p) !== api.corpus().index.digestOf(p))
        .map((p) => `${p} ${indexedFrom.get(p)} ${api.corpus().index.digestOf(p)}`)
        .join(', ')}; open ${[...(reopened?.open ?? [])].join(' ')})`,
    );
    assert.deepEqual(await api.corpus().whenClaimGroups(), groups);
  });

  test('an article changed while the workspace was closed is analysed again, the others not', async () => {
    // Changed between two windows: a change made before the closing one would be indexed by it whenever the machine is
    // slow enough for its re-index to come before the close, and the new window would rightly take it from the cache.
    const reopened = await api.reopenCorpus(async () =>
      vscode.workspace.fs.writeFile(
        fileUri('cache/east.txt'),
        encode(ARTICLES['cache/east.txt'] + 'The council said it would answer by July.\n'),
      ),
    );
    assert.deepEqual(ours(reopened.analysed), ['cache/east.txt']);
    assert.deepEqual(ours(reopened.cached, reopened.open), ['cache/north.txt', 'cache/south.txt']);
  });

  for (const [what, files, spoil, message] of [
    ['a damaged cache', /^corpus-cache\.sqlite$/, (bytes: Uint8Array) => bytes.map((b, i) => (i < 100 ? 0x41 : b)), /damaged.*rebuilt/],
    [
      'a cache from an older version',
      /^corpus-cache\.sqlite$/,
      (bytes: Uint8Array) => bytes.map((b, i) => (i >= USER_VERSION_AT && i < USER_VERSION_AT + 4 ? 0 : b)),
      /another version.*rebuilt/,
    ],
    // Every shard of entries: the earlier suites' articles may fill more than one.
    [
      'a cache whose files of articles are damaged',
      /^corpus-cache-\d+\.sqlite$/,
      (bytes: Uint8Array) => bytes.map((b, i) => (i < 100 ? 0x41 : b)),
      /A part of the corpus cache.*damaged.*analysed again/,
    ],
  ] as const) {
    test(`${what} is rebuilt with a message in the output channel, and nothing is lost`, async () => {
      await api.idle();
      const main = api.corpus().cacheFile();
      assert.ok(main, 'the workspace has a storage folder');
      const folder = vscode.Uri.joinPath(main, '..');
      const sidecarsBefore = await sidecarTexts();
      const logged = api.corpusLog().length;

      // Spoiled between two windows: the closing one writes what it still held, so a file spoiled before it closes is
      // written over whenever a change from the suites before is still pending, and the new window finds nothing wrong.
      const rebuilt = await api.reopenCorpus(async () => {
        for (const [name] of await vscode.workspace.fs.readDirectory(folder)) {
          if (!files.test(name)) continue;
          const file = vscode.Uri.joinPath(folder, name);
          await vscode.workspace.fs.writeFile(file, spoil(await vscode.workspace.fs.readFile(file)));
        }
      });
      const lines = api.corpusLog().slice(logged).join('\n');
      assert.match(lines, message, 'the output channel says why the cache was not used');
      assert.deepEqual(ours(rebuilt.analysed, rebuilt.open), Object.keys(ARTICLES).sort(), 'every article is analysed again');
      assert.ok(ours(rebuilt.analysed).length >= 2, 'closed articles are analysed, not taken from the untrusted cache');
      assert.deepEqual(await sidecarTexts(), sidecarsBefore, 'no sidecar was touched');
      const north = await open('cache/north.txt');
      assert.match(await hoverText(north, 'Ostvik Port Council'), /south\.txt/, 'hovers know the corpus again');

      const again = await api.reopenCorpus();
      assert.deepEqual(ours(again.analysed), [], 'the rebuilt cache is used at the next reopen');
    });
  }
});

/** Every sidecar of the workspace's folder, by name. */
async function sidecarTexts(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const uri of await vscode.workspace.findFiles('**/*.tags.json'))
    out[uri.path] = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  return out;
}
