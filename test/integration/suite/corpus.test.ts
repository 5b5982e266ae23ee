import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CanonicalEntity } from '../../../extension/core/corpus/kb';
import type { TestApi } from '../../../extension/testApi';

const EXTENSION_ID = 'source-annotator.source-annotator';
const folder = (): vscode.Uri => vscode.workspace.workspaceFolders![0].uri;
const fileUri = (name: string): vscode.Uri => vscode.Uri.joinPath(folder(), name);
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

let api: TestApi;

async function open(name: string): Promise<vscode.TextEditor> {
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(fileUri(name)));
  await api.state(editor.document);
  await api.idle();
  return editor;
}

function select(editor: vscode.TextEditor, needle: string, from = 0): void {
  const at = editor.document.getText().indexOf(needle, from);
  assert.ok(at >= 0, `"${needle}" is in ${editor.document.fileName}`);
  editor.selection = new vscode.Selection(editor.document.positionAt(at), editor.document.positionAt(at + needle.length));
}

async function hoverText(editor: vscode.TextEditor, needle: string): Promise<string> {
  const at = editor.document.getText().indexOf(needle);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, editor.document.positionAt(at + 1));
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

function painted(editor: vscode.TextEditor, key: string): string[] {
  return (api.decorations(editor.document)[key] ?? []).map((r) => editor.document.getText().slice(r.start, r.end));
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 15000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) assert.fail(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 150));
    await api.idle();
  }
}

suite('The corpus: who said what, where else', () => {
  suiteSetup(async () => {
    api = await vscode.extensions.getExtension<TestApi>(EXTENSION_ID)!.activate();
    await vscode.workspace.fs.createDirectory(fileUri('corpus'));
    await vscode.workspace.fs.writeFile(fileUri('corpus/first.txt'), encode('Rosa Lind of the Kelby Water Board spoke to reporters on May 3.\nThe Kelby Water Board said on May 3 that the pumps failed because of a power cut at the north station.\n'));
    await vscode.workspace.fs.writeFile(fileUri('corpus/second.txt'), encode('Yesterday R. Lind visited the plant again.\nAccording to the Kelby Water Board, the pumps failed on May 3 because of a power cut at the north station.\n'));
    await until('both articles are indexed', () => api.corpus().index.documents().includes('corpus/second.txt'));
  });

  test('linking a mention and adding an alias propagate to the other article', async () => {
    const first = await open('corpus/first.txt');
    select(first, 'Rosa Lind');
    await vscode.commands.executeCommand('sourceAnnotator.tagEntity', 'Person');
    const entity = await vscode.commands.executeCommand<CanonicalEntity>('sourceAnnotator.linkEntity', { createName: 'Rosa Lind' });
    assert.equal(entity.name, 'Rosa Lind');
    const kb = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(fileUri('.source-annotator/entities.json'))));
    assert.equal(kb.entities[0].name, 'Rosa Lind');
    const tag = (await api.state(first.document))!.sidecar!.tags.find((t) => t.target.quote === 'Rosa Lind')!;
    assert.equal(tag.entityId, entity.id, 'the tag is linked to the canonical entity');

    await vscode.commands.executeCommand('sourceAnnotator.addAlias', entity.id, 'R. Lind');
    const second = await open('corpus/second.txt');
    await until('the alias is suggested in the other article', () => painted(second, 'Person/suggested').includes('R. Lind'));

    const card = await hoverText(second, 'R. Lind');
    assert.match(card, /Rosa Lind/);
    assert.match(card, /first\.txt/, 'the entity card lists the other article');
    assert.match(card, /\]\(file:\/\/[^)]*first\.txt#L1/, 'with a link that opens it at the mention');

    const mentions = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', second.document.uri, second.document.positionAt(second.document.getText().indexOf('R. Lind') + 1));
    assert.deepEqual([...new Set(mentions.map((l) => l.uri.path.split('/').pop()))].sort(), ['first.txt', 'second.txt']);
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
    const groups = api.viewLabels('claims', 2).join('\n');
    assert.match(groups, /2 articles/);
    await vscode.commands.executeCommand('sourceAnnotator.showClaimsByArticle');
  });

  test('the index follows files added and deleted', async () => {
    await vscode.workspace.fs.writeFile(fileUri('corpus/third.txt'), encode('Officials of the Kelby Water Board denied that the pumps failed because of a power cut.\n'));
    await until('the new article is indexed', () => api.corpus().index.documents().includes('corpus/third.txt'));
    await vscode.workspace.fs.delete(fileUri('corpus/second.txt'));
    await until('the deleted article leaves the index', () => !api.corpus().index.documents().includes('corpus/second.txt'));
    const first = await open('corpus/first.txt');
    const card = await hoverText(first, 'pumps failed');
    assert.ok(!card.includes('second.txt'), 'a deleted article is no longer offered');
  });

  test('the corpus overview opens, receives its data and opens articles', async () => {
    await vscode.commands.executeCommand('sourceAnnotator.openOverview');
    await until('the overview page asked for its data', () => api.overviewData() !== undefined, 30000);
    const data = api.overviewData()!;
    assert.ok(data.articles.some((a) => a.path === 'corpus/first.txt'));
    await vscode.commands.executeCommand('sourceAnnotator.openAt', 'corpus/third.txt', 0, 9);
    assert.equal(vscode.window.activeTextEditor?.document.uri.path.split('/').pop(), 'third.txt');
  });
});
