import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CanonicalEntity } from '../../../extension/core/corpus/kb';
import { addTag, emptySidecar } from '../../../extension/core/sidecar/model';
import { writeSidecar } from '../../../extension/core/sidecar/write';
import type { AgreementReport } from '../../../extension/core/team/agreement';
import { fileUri, encode, api, activate, open, select, painted, hoverText, until } from './helpers';

suite('The corpus: who said what, where else', () => {
  suiteSetup(async () => {
    await activate();
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

  test('agreement with another annotator’s copy is reported and drawn in the overview', async () => {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(fileUri('corpus/first.txt')));
    const at = text.indexOf('Rosa Lind');
    const theirs = addTag(emptySidecar('first.txt', text), text, { kind: 'entity', label: 'Person', status: 'confirmed', start: at, end: at + 9 }, { author: 'colleague', now: new Date().toISOString() });
    await vscode.workspace.fs.createDirectory(fileUri('colleague/corpus'));
    await vscode.workspace.fs.writeFile(fileUri('colleague/corpus/first.txt.tags.json'), encode(writeSidecar(theirs.sidecar)));
    const report = await vscode.commands.executeCommand<AgreementReport>('sourceAnnotator.compareAnnotators', fileUri('colleague').toString());
    const first = report.articles.find((a) => a.path === 'corpus/first.txt')!;
    assert.ok(first, 'the article both annotated is compared');
    assert.ok(report.labels.some((l) => l.label === 'Person'));
    await until('the overview shows the agreement', () => api.overviewData()?.agreement != null, 30000);
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
