import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CanonicalEntity } from '../../../extension/core/corpus/kb';
import { addTag, emptySidecar } from '../../../extension/core/sidecar/model';
import { writeSidecar } from '../../../extension/core/sidecar/write';
import type { AgreementReport } from '../../../extension/core/team/agreement';
import { fileUri, encode, decode, api, activate, open, select, painted, hoverText, until, deleteFolder } from './helpers';

suite('The corpus: who said what, where else', () => {
  suiteSetup(async () => {
    await activate();
    await vscode.workspace.fs.createDirectory(fileUri('corpus'));
    await vscode.workspace.fs.writeFile(
      fileUri('corpus/first.txt'),
      encode(
        'Rosa Lind of the Kelby Water Board spoke to reporters on May 3.\nThe Kelby Water Board said on May 3 that the pumps failed because of a power cut at the north station.\n',
      ),
    );
    await vscode.workspace.fs.writeFile(
      fileUri('corpus/second.txt'),
      encode(
        'Yesterday R. Lind visited the plant again.\nAccording to the Kelby Water Board, the pumps failed on May 3 because of a power cut at the north station.\n',
      ),
    );
    await until('both articles are indexed', () => api.corpus().index.documents().includes('corpus/second.txt'));
  });

  test('linking a mention and adding an alias propagate to the other article', async () => {
    const first = await open('corpus/first.txt');
    select(first, 'Rosa Lind');
    await vscode.commands.executeCommand('sourceAnnotator.tagEntity', 'Person');
    // After a heavy suite the host may still be writing the tag or analysing: link once the tag is in place and its
    // editor in front, as a researcher would.
    await until(
      'the tag is in place, in the editor in front',
      async () =>
        vscode.window.activeTextEditor?.document === first.document &&
        ((await api.state(first.document))?.sidecar?.tags.some((t) => t.target.quote === 'Rosa Lind' && t.status === 'confirmed') ?? false),
    );
    const entity = await vscode.commands.executeCommand<CanonicalEntity>('sourceAnnotator.linkEntity', { createName: 'Rosa Lind' });
    assert.ok(entity, 'the mention under the cursor was linked');
    assert.equal(entity.name, 'Rosa Lind');
    const kb = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(fileUri('.source-annotator/entities.json'))));
    assert.equal(kb.entities[0].name, 'Rosa Lind');
    const tag = (await api.state(first.document))!.sidecar!.tags.find((t) => t.target.quote === 'Rosa Lind')!;
    assert.equal(tag.entityId, entity.id, 'the tag is linked to the canonical entity');

    await vscode.commands.executeCommand('sourceAnnotator.addAlias', entity.id, 'R. Lind');
    const second = await open('corpus/second.txt');
    await until('the alias is suggested in the other article', () => painted(second, 'Person/suggested').includes('R. Lind'));

    // The alias reaches the painted suggestions before the corpus index has linked the mention: wait for both.
    let card = '';
    await until(
      () => `the hover names the canonical entity (its card: ${JSON.stringify(card.slice(0, 300))})`,
      async () => /Rosa Lind/.test((card = await hoverText(second, 'R. Lind'))),
    );
    assert.match(card, /first\.txt/, 'the entity card lists the other article');
    assert.match(card, /\]\(file:\/\/[^)]*first\.txt#L1/, 'with a link that opens it at the mention');

    const mentions = await vscode.commands.executeCommand<vscode.Location[]>(
      'vscode.executeReferenceProvider',
      second.document.uri,
      second.document.positionAt(second.document.getText().indexOf('R. Lind') + 1),
    );
    assert.deepEqual([...new Set(mentions.map((l) => l.uri.path.split('/').pop()))].sort(), ['first.txt', 'second.txt']);
  });

  test('changes to the knowledge base in quick succession are all kept, in memory and on disk', async () => {
    // Each write makes the file watcher read the file again a moment later: a read that began before the next write must
    // not put the older file back in memory, where the next change would build on it and write the loss to disk.
    const id = api.corpus().kb.entities.find((e) => e.name === 'Rosa Lind')!.id;
    const aliases = Array.from({ length: 12 }, (_, i) => `Lind Alias ${i + 1}`);
    for (const alias of aliases) await vscode.commands.executeCommand('sourceAnnotator.addAlias', id, alias);
    const onDisk = async (): Promise<string[]> =>
      JSON.parse(decode(await vscode.workspace.fs.readFile(fileUri('.source-annotator/entities.json')))).entities.find(
        (e: CanonicalEntity) => e.id === id,
      ).aliases;
    const inMemory = (): string[] => api.corpus().kb.entities.find((e) => e.id === id)!.aliases;
    // Let the watcher's reads of the last writes land before looking.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    for (const alias of aliases) {
      assert.ok((await onDisk()).includes(alias), `the file keeps "${alias}"`);
      assert.ok(inMemory().includes(alias), `the index keeps "${alias}"`);
    }
    assert.equal(api.corpus().index.entityLookup(aliases[5])?.name, 'Rosa Lind', 'an alias finds its entity in the index');
  });

  test('a knowledge base file that cannot be read is never written over, and is used again once mended', async () => {
    const uri = fileUri('.source-annotator/entities.json');
    const good = await vscode.workspace.fs.readFile(uri);
    const id = api.corpus().kb.entities.find((e) => e.name === 'Rosa Lind')!.id;
    const damaged = '{"version": 1, "entities": [';
    await vscode.workspace.fs.writeFile(uri, encode(damaged));
    await until('the damage is seen', () => api.corpus().kbProblem !== null);
    const added = await vscode.commands.executeCommand('sourceAnnotator.addAlias', id, 'Lind While Damaged');
    assert.equal(added, undefined, 'the change is refused');
    assert.equal(decode(await vscode.workspace.fs.readFile(uri)), damaged, 'the damaged file is left as it was');
    await vscode.workspace.fs.writeFile(uri, good);
    await until('the mended file is used again', () => api.corpus().kbProblem === null);
    const entity = await vscode.commands.executeCommand<CanonicalEntity>('sourceAnnotator.addAlias', id, 'Lind After Mending');
    assert.ok(entity?.aliases.includes('Lind After Mending'), 'changes are accepted again');
    assert.ok(entity.aliases.includes('Lind Alias 12'), 'on top of what the file held');
  });

  test('a claim hover lists the same claim told in another article, explained', async () => {
    const first = await open('corpus/first.txt');
    const card = await hoverText(first, 'pumps failed');
    assert.match(card, /Told in \d+ other place/);
    assert.match(card, /second\.txt/);
    assert.match(card, /shared|words|numbers/i, 'the match is explained');
  });

  test('the views show entities, claims and tags', async () => {
    await api.idle();
    const entities = api.viewLabels('entities', 2).join('\n');
    assert.match(entities, /Person/);
    assert.match(entities, /Rosa Lind/);
    const claims = api.viewLabels('claims', 1).join('\n');
    assert.match(claims, /corpus\/first\.txt/);
    await vscode.commands.executeCommand('sourceAnnotator.showClaimsByGroup');
    await api.corpus().whenClaimGroups();
    const groups = api.viewLabels('claims', 2).join('\n');
    assert.match(groups, /2 articles/);
    await vscode.commands.executeCommand('sourceAnnotator.showClaimsByArticle');
  });

  test('an entity named in more places than a view lists shows the first 500, then how many more', async () => {
    const text = Array.from({ length: 600 }, (_, i) => `Mira Holt inspected berth ${i + 1} of the Osterby harbour.`).join('\n');
    await vscode.workspace.fs.writeFile(fileUri('many-mentions/harbour.txt'), encode(text));
    await until('the article is indexed', () => api.corpus().index.documents().includes('many-mentions/harbour.txt'), 30000);
    const mentions = api.corpus().index.allMentions('Mira Holt').length;
    assert.ok(mentions > 500, `${mentions} mentions`);
    const lines = api.viewLabels('entities', 3);
    const at = lines.findIndex((line) => /^ {2}Mira Holt\b/.test(line));
    const listed = lines.slice(at + 1).findIndex((line) => !line.startsWith('    '));
    const under = lines.slice(at + 1, listed < 0 ? undefined : at + 1 + listed);
    assert.equal(under.length, 501, 'the first 500 mentions and one line more');
    assert.equal(under[500].trim(), `${mentions - 500} more mentions`);
    await deleteFolder('many-mentions');
  });

  test('the index follows files added and deleted', async () => {
    await vscode.workspace.fs.writeFile(
      fileUri('corpus/third.txt'),
      encode('Officials of the Kelby Water Board denied that the pumps failed because of a power cut.\n'),
    );
    await until('the new article is indexed', () => api.corpus().index.documents().includes('corpus/third.txt'));
    await vscode.workspace.fs.delete(fileUri('corpus/second.txt'));
    await until('the deleted article leaves the index', () => !api.corpus().index.documents().includes('corpus/second.txt'));
    const first = await open('corpus/first.txt');
    const card = await hoverText(first, 'pumps failed');
    assert.ok(!card.includes('second.txt'), 'a deleted article is no longer offered');
    assert.match(card, /May contradict \(1\)/, 'the denial in the new article is a contradiction');
    assert.match(card, /third\.txt[^]*denies what this one states/, 'named with what differs');
  });

  test('a folder moved into the workspace has its articles indexed, though the file watcher reports the folder alone', async () => {
    // Written where the watcher does not look (files.watcherExclude leaves out node_modules' folders), then moved in.
    const outside = fileUri('node_modules/moving-in');
    const articles = {
      'desk/one.txt': 'Mira Holt chairs the Osterby ferry board.\n',
      'two.txt': 'The Osterby ferry board met on Tuesday.\n',
    };
    for (const [path, text] of Object.entries(articles))
      await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(outside, path), encode(text));
    await vscode.workspace.fs.rename(outside, fileUri('moved-in'));
    const paths = Object.keys(articles).map((path) => `moved-in/${path}`);
    await until('the moved folder’s articles are indexed', () => paths.every((p) => api.corpus().index.documents().includes(p)), 30000);
    await deleteFolder('moved-in');
    await deleteFolder('node_modules');
  });

  test('past the memory the editor allows, new articles are left out with a warning; indexed once there is memory again', async () => {
    const corpus = api.corpus();
    const real = corpus.heapUse;
    const paths = ['full/one.txt', 'full/two.txt'];
    corpus.heapUse = () => ({ used: 3.5e9, limit: 4e9 });
    try {
      for (const path of paths) await vscode.workspace.fs.writeFile(fileUri(path), encode('Mira Holt chairs the Osterby ferry board.\n'));
      await until(
        'the output channel says indexing stopped',
        () => corpus.indexingLog().some((line) => line.includes('stopped indexing')),
        30000,
      );
      // The second article comes a moment after the first: give it the time to be left out too.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.deepEqual(
        paths.filter((p) => corpus.index.documents().includes(p)),
        [],
        'neither is indexed',
      );
      assert.match(corpus.indexingLog().join('\n'), /\(3338 of 3815 MB in use\)/);
    } finally {
      corpus.heapUse = real;
    }
    await vscode.workspace.fs.writeFile(fileUri(paths[0]), encode('Mira Holt chairs the Osterby ferry board again.\n'));
    await until('a change to it indexes it, with memory to spare', () => corpus.index.documents().includes(paths[0]), 30000);
    await deleteFolder('full');
  });

  test('agreement with another annotator’s copy is reported and drawn in the overview', async function () {
    // Its waits (a busy indexing worker up to 60 s, the overview up to 30 s) must be able to run out before mocha's 60 s.
    this.timeout(120000);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(fileUri('corpus/first.txt')));
    const at = text.indexOf('Rosa Lind');
    const theirs = addTag(
      emptySidecar('first.txt', text),
      text,
      { kind: 'entity', label: 'Person', status: 'confirmed', start: at, end: at + 9 },
      { author: 'colleague', now: new Date().toISOString() },
    );
    await vscode.workspace.fs.createDirectory(fileUri('colleague/corpus'));
    await vscode.workspace.fs.writeFile(fileUri('colleague/corpus/first.txt.tags.json'), encode(writeSidecar(theirs.sidecar)));
    // An article only the colleague tagged, which nobody has open.
    const solo = 'Tomas Vey chairs the Osterby ferry board.\n';
    await vscode.workspace.fs.writeFile(fileUri('agree/solo.txt'), encode(solo));
    const theirsSolo = addTag(
      emptySidecar('solo.txt', solo),
      solo,
      { kind: 'entity', label: 'Person', status: 'confirmed', start: 0, end: 9 },
      { author: 'colleague', now: new Date().toISOString() },
    );
    await vscode.workspace.fs.createDirectory(fileUri('colleague/agree'));
    await vscode.workspace.fs.writeFile(fileUri('colleague/agree/solo.txt.tags.json'), encode(writeSidecar(theirsSolo.sidecar)));
    // Indexed in a worker, which may still be busy with a long article of the suites before.
    await until('the new article is indexed', () => api.corpus().index.documents().includes('agree/solo.txt'), 60000);
    const report = await vscode.commands.executeCommand<AgreementReport>(
      'sourceAnnotator.compareAnnotators',
      fileUri('colleague').toString(),
    );
    const first = report.articles.find((a) => a.path === 'corpus/first.txt')!;
    assert.ok(first, 'the article both annotated is compared');
    assert.ok(report.labels.some((l) => l.label === 'Person'));
    assert.ok(
      report.articles.some((a) => a.path === 'agree/solo.txt'),
      'the article only the colleague tagged is compared',
    );
    assert.ok(
      !vscode.workspace.textDocuments.some((d) => d.uri.path.endsWith('/agree/solo.txt')),
      'it was read from disk, not opened (an opened article is analysed in the editor)',
    );
    await until('the overview shows the agreement', () => api.overviewData()?.agreement != null, 30000);
    await deleteFolder('agree');
  });

  test('the corpus overview opens with its data; a click or Enter on a heat-map cell opens the article beside it at the first mention', async function () {
    if (!process.env.SOURCE_ANNOTATOR_WEBVIEW_ACTIONS) this.skip();
    await vscode.commands.executeCommand('sourceAnnotator.openOverview');
    await overviewOpensAtFirstMention(`click ${cell('Kelby Water Board', 'first.txt')}`, 'corpus/first.txt', 'Kelby Water Board');
    assert.deepEqual(
      api
        .overviewData()!
        .columns.map((c) => c.first)
        .filter((p) => p.startsWith('corpus/')),
      ['corpus/first.txt', 'corpus/third.txt'],
    );

    await vscode.commands.executeCommand('sourceAnnotator.openOverview');
    const third = await overviewOpensAtFirstMention(
      `press Enter ${cell('Kelby Water Board', 'third.txt')}`,
      'corpus/third.txt',
      'Kelby Water Board',
    );

    // A tag changes the figures, so the overview is redrawn: back in it, the next Enter still lands on the cell used last.
    select(third, 'Kelby Water Board');
    await vscode.commands.executeCommand('sourceAnnotator.tagEntity', 'Organization');
    await until('the index has the new tag', () => api.corpus().index.tagsOf('corpus/third.txt').length > 0);
    third.selection = new vscode.Selection(third.document.positionAt(0), third.document.positionAt(0));
    await vscode.commands.executeCommand('sourceAnnotator.openOverview');
    await overviewOpensAtFirstMention('press Enter', 'corpus/third.txt', 'Kelby Water Board');
  });

  test('with the overview open, a burst of new articles redraws it at most every quarter second, and it ends up whole', async function () {
    // It waits up to 60 s for a busy indexing worker: that wait must be able to run out before mocha's 60 s.
    this.timeout(120000);
    await vscode.commands.executeCommand('sourceAnnotator.openOverview');
    const before = api.overviewTimings().refreshedAt.length;
    const paths = Array.from({ length: 15 }, (_, i) => `burst/harbour-${i}.txt`);
    await Promise.all(
      paths.map((path, i) =>
        vscode.workspace.fs.writeFile(
          fileUri(path),
          encode(`Mira Holt of the Osterby Port Authority said berth ${i} reopened on June ${i + 1}.\n`),
        ),
      ),
    );
    const started = Date.now();
    await until(
      () => {
        const indexed = paths.filter((p) => api.corpus().index.documents().includes(p)).length;
        const shown = paths.filter((p) => api.overviewData()?.columns.some((c) => c.first <= p && p <= c.last)).length;
        const redraws = api.overviewTimings().refreshedAt.length - before;
        return `the overview shows every new article (after ${Date.now() - started} ms: ${indexed} of 15 indexed, ${shown} shown, ${redraws} redraws)`;
      },
      () => paths.every((p) => api.overviewData()?.columns.some((c) => c.first <= p && p <= c.last)),
      // Indexed in a worker, which may still be busy with a long article of the suites before (as in the agreement test).
      60000,
    );
    const refreshed = api.overviewTimings().refreshedAt.slice(before);
    assert.ok(refreshed.length > 0, 'the overview was redrawn');
    const gaps = refreshed.slice(1).map((t, i) => Math.round(t - refreshed[i]));
    assert.ok(
      gaps.every((gap) => gap >= 240),
      `redrawn at most every 250 ms, not for each of the changes (gaps in ms: ${gaps.join(' ')})`,
    );
    await deleteFolder('burst');
  });

  test('more articles than columns fit are grouped by folder; a column’s header zooms into its articles, the trail back out', async function () {
    if (!process.env.SOURCE_ANNOTATOR_WEBVIEW_ACTIONS) this.skip();
    this.timeout(120000);
    const paths = ['a', 'b'].flatMap((folder) =>
      Array.from({ length: 45 }, (_, i) => `many/${folder}/berth-${String(i).padStart(2, '0')}.txt`),
    );
    await Promise.all(
      paths.map((path, i) =>
        vscode.workspace.fs.writeFile(fileUri(path), encode(`Mira Holt said berth ${i} of the Osterby Port Authority reopened.\n`)),
      ),
    );
    await until('the new articles are indexed', () => paths.every((p) => api.corpus().index.documents().includes(p)), 60000);
    await vscode.commands.executeCommand('sourceAnnotator.openOverview');
    const columnOf = (title: string) => api.overviewData()?.columns.find((c) => c.title === title);
    await until('the overview shows each folder of new articles as one column', () => columnOf('many/a/')?.articleCount === 45, 30000);
    assert.ok(api.overviewData()!.columns.length <= 80, 'no more columns than fit');
    const mira = api.overviewData()!.entities.find((e) => e.name === 'Mira Holt')!;
    const folderColumn = api.overviewData()!.columns.findIndex((c) => c.title === 'many/a/');
    assert.deepEqual(mira.cells[folderColumn], { count: 45, articles: 45, path: 'many/a/berth-00.txt', offset: 0 });

    console.log('source-annotator: click table.heat th.article button.zoom[title^="many/a/:"]');
    await until(
      'a click on the folder’s header shows its articles one by one',
      () => {
        const data = api.overviewData();
        return (
          data?.trail.length === 1 &&
          data.columns.length === 45 &&
          data.columns.every((c) => c.articleCount === 1 && c.first.startsWith('many/a/'))
        );
      },
      30000,
    );
    assert.deepEqual(api.overviewData()!.trail[0], {
      first: 'many/a/berth-00.txt',
      last: 'many/a/berth-44.txt',
      name: 'many/a/',
      articleCount: 45,
    });

    console.log('source-annotator: click nav.trail button.link');
    await until(
      'the trail’s first step shows the whole workspace again',
      () => api.overviewData()?.trail.length === 0 && columnOf('many/b/') !== undefined,
      30000,
    );
    // Back out, the keyboard focus is on the header of the folder the page came out of: Enter zooms into it again.
    console.log('source-annotator: press Enter');
    await until('Enter on the focused header zooms into the folder again', () => api.overviewData()?.trail[0]?.name === 'many/a/', 30000);
    console.log('source-annotator: click nav.trail button.link');
    await until('and back out', () => api.overviewData()?.trail.length === 0, 30000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await deleteFolder('many');
  });
});

/** The heat-map cell of an entity in an article's column, by its accessible name ("Kelby Water Board: 2 mentions in first.txt; open the first"). */
const cell = (name: string, file: string): string => `td.opener[aria-label^="${name}:"][aria-label*=" in ${file};"]`;

/**
 * Has the runner act in the overview page as a user would (`click SELECTOR`, `press KEY SELECTOR`, or
 * `press KEY` on what has the focus), and waits until the page's message has opened `path` at the
 * first mention of `name`, in another column than the overview, which stays in view.
 */
async function overviewOpensAtFirstMention(action: string, path: string, name: string): Promise<vscode.TextEditor> {
  const first = decode(await vscode.workspace.fs.readFile(fileUri(path))).indexOf(name);
  const there = (): boolean => {
    const editor = vscode.window.activeTextEditor;
    return editor?.document.uri.path.endsWith(`/${path}`) === true && editor.document.offsetAt(editor.selection.start) === first;
  };
  assert.ok(!there(), `${path} is not open at the first ${name} before the overview is used`);
  console.log(`source-annotator: ${action}`);
  await until(`${action} in the overview opens ${path} at the first ${name}`, there, 30000);
  const editor = vscode.window.activeTextEditor!;
  const overview = vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('sourceAnnotator.overview'));
  assert.ok(overview?.isActive, 'the overview is still in view');
  assert.notEqual(overview.group.viewColumn, editor.viewColumn, 'the article opened beside the overview');
  return editor;
}
