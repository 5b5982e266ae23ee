import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CORRECTIONS_FILE, readCorrections } from '../../../extension/core/detect/feedback';
import { activate, api, decode, encode, fileUri, open, select, until } from './helpers';

const NEW_CONTEXT = 'Analysts said Quorrick Hale would hire forty workers next spring.';
const typeIn = (text: string, name: string): string | undefined => api.analyze(text).entities.find((e) => e.text === name)?.type;
const exists = async (uri: vscode.Uri): Promise<boolean> =>
  vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );

suite("Learning from the researcher's tags (setting learnFromTags)", () => {
  suiteSetup(async () => {
    await activate();
    await api.idle();
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('sourceAnnotator').update('learnFromTags', undefined, vscode.ConfigurationTarget.Workspace);
    await api.idle();
  });

  test('a confirmed name teaches the model, which then types it in a sentence it never saw; turning it off restores the shipped model', async function () {
    // Learning reads every sidecar of the workspace and the corpus is indexed again with the new model: slow on a loaded machine.
    this.timeout(180000);
    const shippedType = typeIn(NEW_CONTEXT, 'Quorrick Hale');
    assert.notEqual(shippedType, 'Organization', 'the shipped model gets the invented company wrong, or this test proves nothing');
    await vscode.workspace.getConfiguration('sourceAnnotator').update('learnFromTags', true, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.fs.writeFile(
      fileUri('learn-depot.txt'),
      encode('Quorrick Hale announced a new depot in the harbour on Monday.\n'),
    );
    const editor = await open('learn-depot.txt');
    select(editor, 'Quorrick Hale');
    await vscode.commands.executeCommand('sourceAnnotator.tagEntity', 'Organization');
    // Learning starts a moment after the sidecar reaches the disk; other suites' tags are learned too.
    let seen: string | undefined;
    const started = Date.now();
    // Polled as the researcher sees it: no waiting for learning's pause after a tag nor for the corpus, which indexes
    // again with the new model in the background.
    while ((seen = typeIn(NEW_CONTEXT, 'Quorrick Hale')) !== 'Organization') {
      if (Date.now() - started > 90000)
        assert.fail(`the model did not type the name as the researcher did (typed ${seen} after ${Date.now() - started} ms)`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const learnedAfter = Date.now() - started;
    await api.idle();
    // A second tag: learning reads again only the sidecar that changed, not the whole workspace's.
    const readsBefore = api.learningReads();
    select(editor, 'harbour');
    await vscode.commands.executeCommand('sourceAnnotator.tagEntity', 'Location');
    await until('the second tag is learned', async () => (await api.idle(), api.learningReads() > readsBefore), 90000);
    await api.idle();
    assert.equal(api.learningReads() - readsBefore, 1, 'only the changed sidecar is read again');
    console.log(`    learning: name typed ${learnedAfter} ms after the tag`);
    const corrections = fileUri(CORRECTIONS_FILE);
    assert.ok(await exists(corrections), 'the corrections are kept for the next start');
    assert.ok(readCorrections(decode(await vscode.workspace.fs.readFile(corrections))), 'the file is valid');
    await vscode.workspace.getConfiguration('sourceAnnotator').update('learnFromTags', false, vscode.ConfigurationTarget.Workspace);
    await until('the shipped model is back', async () => (await api.idle(), typeIn(NEW_CONTEXT, 'Quorrick Hale') === shippedType));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
