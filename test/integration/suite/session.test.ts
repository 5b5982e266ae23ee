// Issue 15: what a researcher's session in the real VS Code found, one test per defect.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { addTag, emptySidecar } from '../../../extension/core/sidecar/model';
import type { Tag } from '../../../extension/core/sidecar/types';
import { writeSidecar } from '../../../extension/core/sidecar/write';
import { activate, api, encode, EXTENSION_ID, fileUri, open, until } from './helpers';

async function write(name: string, text: string): Promise<vscode.Uri> {
  const uri = fileUri(name);
  await vscode.workspace.fs.writeFile(uri, encode(text));
  return uri;
}

function cursorAt(editor: vscode.TextEditor, offset: number): void {
  const at = editor.document.positionAt(offset);
  editor.selection = new vscode.Selection(at, at);
}

suite('A researcher’s session (issue 15)', () => {
  suiteSetup(async () => {
    await activate();
  });

  test('the Corpus Overview opens at once with what is known, then fills in', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('sourceAnnotator.openOverview');
    await until('the page showed figures', () => api.overviewTimings().toContentMs !== null, 30000);
    const { toContentMs, toCompleteMs } = api.overviewTimings();
    // The bench (npm run bench -- editor) reads this line; "whole workspace" is how long the overview used to show nothing.
    console.log(`overview open → content ${Math.round(toContentMs!)} ms, whole workspace ${Math.round(toCompleteMs!)} ms`);
    assert.ok(api.overviewData()!.articles.length > 0, 'the page got the articles');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('articles are .txt, .md and .markdown files by the setting’s glob: an exported CSV is no article', async () => {
    await write('s15-export.csv', 'article,start,end,label\nharbor.txt,0,5,Person\n');
    await write('s15-notes.markdown', 'Mira Okafor met the Kelby Water Board in Oslo on March 4.\n');
    const csv = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(fileUri('s15-export.csv')));
    assert.equal(await api.state(csv.document), undefined, 'a CSV opened as plain text is not an article');
    assert.deepEqual(api.decorations(csv.document), {}, 'nothing is painted on it');
    const md = await open('s15-notes.markdown');
    assert.ok(await api.state(md.document), 'a .markdown file is an article');
    await until('the index has the .markdown article and not the CSV', () => {
      const docs = api.corpus().index.documents();
      return docs.includes('s15-notes.markdown') && !docs.includes('s15-export.csv');
    });
    await vscode.workspace.getConfiguration('sourceAnnotator').update('articles', '**/s15-*.markdown', vscode.ConfigurationTarget.Workspace);
    try {
      const harbor = await vscode.workspace.openTextDocument(fileUri('crlf.txt'));
      assert.equal(await api.state(harbor), undefined, 'outside the configured glob a .txt is no article');
    } finally {
      await vscode.workspace.getConfiguration('sourceAnnotator').update('articles', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('free tags typed with a comma are separate tags', async () => {
    const editor = await open('s15-notes.markdown');
    cursorAt(editor, editor.document.getText().indexOf('Okafor'));
    const tag = await vscode.commands.executeCommand<Tag>('sourceAnnotator.addTags', 'threat-actor, apt');
    assert.deepEqual(tag.tags, ['threat-actor', 'apt']);
    const again = await vscode.commands.executeCommand<Tag>('sourceAnnotator.addTags', ['apt,source']);
    assert.deepEqual(again.tags, ['threat-actor', 'apt', 'source']);
  });

  test('Alt+. from the start of the file goes to the suggestion that starts there', async () => {
    await write('s15-start.txt', 'Helen Park said the Kelby Water Board spent $2 million in Oslo.\n');
    const editor = await open('s15-start.txt');
    const first = api.decorations(editor.document);
    const starts = Object.entries(first).flatMap(([key, ranges]) => (key.endsWith('/suggested') ? ranges.map((r) => r.start) : []));
    assert.ok(starts.includes(0), `a suggestion starts at the start of the file (${JSON.stringify(first)})`);
    cursorAt(editor, 0);
    await vscode.commands.executeCommand('sourceAnnotator.nextSuggestion');
    assert.equal(editor.document.offsetAt(editor.selection.start), 0, 'the suggestion at the cursor is selected, not skipped');
    await vscode.commands.executeCommand('sourceAnnotator.nextSuggestion');
    assert.ok(editor.document.offsetAt(editor.selection.start) > 0 || !editor.selection.isEmpty, 'the next one follows');
  });

  test('long .txt paragraphs wrap, and sidecars nest under their article, by default', () => {
    assert.equal(vscode.workspace.getConfiguration('editor', { languageId: 'plaintext' }).get('wordWrap'), 'on');
    const nesting = vscode.workspace.getConfiguration('explorer.fileNesting');
    assert.equal(nesting.get('enabled'), true);
    const patterns = nesting.get<Record<string, string>>('patterns') ?? {};
    assert.match(patterns['*.txt'] ?? '', /\$\{capture\}\.txt\.tags\.json/);
    assert.match(patterns['*.md'] ?? '', /\$\{capture\}\.md\.tags\.json/);
    assert.ok(patterns['*.ts'], 'VS Code’s own nesting patterns are kept');
  });

  test('an orphan in an article that is not open is in the Problems panel, as in the Orphaned Tags view', async () => {
    const before = 'Zebulon Quark runs the Harwick Ferry Company.\n';
    const now = 'The Harwick Ferry Company has a new director.\n';
    const tagged = addTag(emptySidecar('s15-orphan.txt', before), before, { kind: 'entity', label: 'Person', status: 'confirmed', start: 0, end: 13 }, { author: 't', now: '2026-11-30T00:00:00.000Z' });
    const sidecar = { ...tagged.sidecar, tags: tagged.sidecar.tags.map((t) => ({ ...t, anchoring: 'orphaned' as const })) };
    await write('s15-orphan.txt.tags.json', writeSidecar(sidecar));
    const article = await write('s15-orphan.txt', now);
    await until('the Orphaned Tags view lists it', () => api.viewLabels('orphans', 1).some((l) => l.includes('Zebulon Quark')), 20000);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === article.toString()), 'the article is not open');
    await until('the Problems panel lists it', () =>
      vscode.languages.getDiagnostics(article).some((d) => d.severity === vscode.DiagnosticSeverity.Warning && d.message.includes('Zebulon Quark')),
    );
  });

  test('claims in the Claims view are short enough for the sidebar; the whole claim is in the tooltip; the Tags view says how to fill it', async () => {
    await write('s15-claims.txt', 'Officials at the Harwick Ferry Company said on Tuesday that the new ferry would carry 400 passengers a day from June.\n');
    await until('the claim is indexed', () => api.viewLabels('claims', 2).some((l) => l.includes('Officials at')), 20000);
    const claims = api.viewLabels('claims', 2).filter((l) => l.startsWith('  '));
    assert.ok(claims.length > 0);
    for (const line of claims) {
      const label = line.trim().replace(/ \(.*\)$/, '');
      assert.ok(label.length <= 40, `“${label}” fits the sidebar`);
    }
    const welcome = (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.viewsWelcome as { view: string }[]).map((w) => w.view);
    assert.ok(welcome.includes('sourceAnnotator.tags'), 'the Tags view has a welcome text');
  });
});
