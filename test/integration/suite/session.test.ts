// Issue 15: what a researcher's session in the real VS Code found, one test per defect.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { addTag, emptySidecar } from '../../../extension/core/sidecar/model';
import type { Tag } from '../../../extension/core/sidecar/types';
import { writeSidecar } from '../../../extension/core/sidecar/write';
import { activate, api, encode, EXTENSION_ID, fileUri, open, painted, until } from './helpers';

async function write(name: string, text: string): Promise<vscode.Uri> {
  const uri = fileUri(name);
  await vscode.workspace.fs.writeFile(uri, encode(text));
  return uri;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

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
    assert.ok(api.overviewData()!.columns.length > 0, 'the page got the articles');
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
    await vscode.workspace
      .getConfiguration('sourceAnnotator')
      .update('articles', '**/s15-*.markdown', vscode.ConfigurationTarget.Workspace);
    try {
      // A .txt no suite opened before: one still open from an earlier suite (crlf.txt) is already known as an article.
      await write('s15-outside.txt', 'Mira Okafor met the Kelby Water Board.\n');
      const outside = await vscode.workspace.openTextDocument(fileUri('s15-outside.txt'));
      assert.equal(await api.state(outside), undefined, 'outside the configured glob a .txt is no article');
    } finally {
      await vscode.workspace.fs.delete(fileUri('s15-outside.txt'));
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
    const tagged = addTag(
      emptySidecar('s15-orphan.txt', before),
      before,
      { kind: 'entity', label: 'Person', status: 'confirmed', start: 0, end: 13 },
      { author: 't', now: '2026-11-30T00:00:00.000Z' },
    );
    const sidecar = { ...tagged.sidecar, tags: tagged.sidecar.tags.map((t) => ({ ...t, anchoring: 'orphaned' as const })) };
    await write('s15-orphan.txt.tags.json', writeSidecar(sidecar));
    const article = await write('s15-orphan.txt', now);
    await until('the Orphaned Tags view lists it', () => api.viewLabels('orphans', 1).some((l) => l.includes('Zebulon Quark')), 20000);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === article.toString()), 'the article is not open');
    await until('the Problems panel lists it', () =>
      vscode.languages
        .getDiagnostics(article)
        .some((d) => d.severity === vscode.DiagnosticSeverity.Warning && d.message.includes('Zebulon Quark')),
    );
  });

  test('claims in the Claims view are short enough for the sidebar; the whole claim is in the tooltip; the Tags view says how to fill it', async () => {
    await write(
      's15-claims.txt',
      'Officials at the Harwick Ferry Company said on Tuesday that the new ferry would carry 400 passengers a day from June.\n',
    );
    await until('the claim is indexed', () => api.viewLabels('claims', 2).some((l) => l.includes('Officials at')), 20000);
    const claims = api.viewLabels('claims', 2).filter((l) => l.startsWith('  '));
    assert.ok(claims.length > 0);
    for (const line of claims) {
      const label = line.trim().replace(/ \(.*\)$/, '');
      assert.ok(label.length <= 30, `“${label}” fits the sidebar`);
    }
    const welcome = (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.viewsWelcome as { view: string }[]).map(
      (w) => w.view,
    );
    assert.ok(welcome.includes('sourceAnnotator.tags'), 'the Tags view has a welcome text');
  });

  test('a verdict is chosen before a suggested claim is confirmed; Esc changes nothing; the verdict shows in the editor', async () => {
    await write('s15-verdict.txt', 'Harbor officials said on Monday that the new bridge would cost $40 million.\n');
    const editor = await open('s15-verdict.txt');
    const claim = (api.decorations(editor.document)['Claim/suggested'] ?? [])[0];
    assert.ok(claim, 'the sentence is a suggested claim');
    cursorAt(editor, claim.start + 1);
    const picking = vscode.commands.executeCommand<Tag | undefined>('sourceAnnotator.setVerdict');
    await pause(1000);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(await picking, undefined, 'Esc picks nothing');
    await api.idle();
    assert.equal((await api.state(editor.document))!.sidecar?.tags.length ?? 0, 0, 'the claim was not confirmed');
    assert.ok(
      (api.decorations(editor.document)['Claim/suggested'] ?? []).some((r) => r.start === claim.start),
      'it is still a suggestion',
    );

    const judged = await vscode.commands.executeCommand<Tag>('sourceAnnotator.setVerdict', 'disputed');
    assert.equal(judged.status, 'confirmed');
    assert.equal(judged.verdict, 'disputed');
    assert.deepEqual(api.verdicts(editor.document), [{ verdict: 'disputed', tone: 'disputed', start: claim.start, end: claim.end }]);
    console.log('source-annotator: screenshot now');
  });

  test('a rejection that removes more than one suggestion says so and offers Undo; by default only in this article', async () => {
    assert.equal(vscode.workspace.getConfiguration('sourceAnnotator').get('rejectionScope'), 'article');
    await write(
      's15-reject.txt',
      'Dr. Helen Park runs the lab in Kelby. Colleagues say Helen Park rarely speaks to reporters.\nHelen Park declined to comment on Monday.\n',
    );
    const editor = await open('s15-reject.txt');
    const before = painted(editor, 'Person/suggested').filter((t) => t === 'Helen Park').length;
    assert.ok(before >= 2, `Helen Park is suggested more than once (${painted(editor, 'Person/suggested').join(', ')})`);
    cursorAt(editor, editor.document.getText().indexOf('Helen Park') + 1);
    const rejected = await vscode.commands.executeCommand<Tag>('sourceAnnotator.rejectSuggestion');
    assert.equal(rejected.status, 'rejected');
    await api.idle();
    assert.equal(painted(editor, 'Person/suggested').filter((t) => t === 'Helen Park').length, 0);
    const notice = api.lastRejectionNotice();
    assert.ok(notice, 'the rejection was announced');
    assert.match(notice.message, /Helen Park/);
    assert.match(
      notice.message,
      new RegExp(`in this article: its ${before - 1 === 1 ? 'other suggestion' : `${before - 1} other suggestions`}`),
    );
    assert.ok(await notice.undo(), 'Undo writes');
    await until(
      'the name is suggested again',
      () => painted(editor, 'Person/suggested').filter((t) => t === 'Helen Park').length === before,
    );
  });

  test('the hover is one card: an entity inside a claim leads, the claim is one line; quotes are not doubled', async () => {
    await write('s15-hover.txt', '"At this time we see no risk to residents," said Mayor Tomas Reyes of Kelby on Monday.\n');
    const editor = await open('s15-hover.txt');
    const text = editor.document.getText();
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      editor.document.uri,
      editor.document.positionAt(text.indexOf('Tomas Reyes') + 1),
    );
    const contents = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value));
    assert.equal(contents.length, 1, 'one card, not one per mark under the pointer');
    assert.match(contents[0], /\*\*Person\*\*/);
    assert.match(contents[0], /_In a claim_/);
    const claimCard = (
      await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        editor.document.uri,
        editor.document.positionAt(text.indexOf('this time') + 1),
      )
    )
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : c.value))
      .join('\n');
    assert.match(claimCard, /\*\*Claim\*\*/);
    assert.doesNotMatch(claimCard, /“&#34;|&#34;”/, 'the article’s quotation marks are not doubled');
  });

  test('the status bar says entities and claims to review apart', async () => {
    const editor = await open('s15-hover.txt');
    const painted = api.decorations(editor.document);
    const claims = (painted['Claim/suggested'] ?? []).length;
    const entities = Object.entries(painted)
      .filter(([key]) => key.endsWith('/suggested') && !key.startsWith('Claim/'))
      .reduce((n, [, ranges]) => n + ranges.length, 0);
    assert.match(
      api.statusText(),
      new RegExp(`^\\$\\(lightbulb\\) ${entities} entities · \\$\\(quote\\) ${claims} claims to review · \\$\\(check\\) 0 confirmed$`),
    );
  });
});
