import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { readSidecar } from '../../../extension/core/sidecar/read';
import type { Sidecar, Tag } from '../../../extension/core/sidecar/types';
import { contentHash } from '../../../extension/core/text/hash';
import { fileUri, encode, decode, api, activate, open, select, until } from './helpers';

async function onDisk(name: string): Promise<Sidecar> {
  const read = readSidecar(decode(await vscode.workspace.fs.readFile(fileUri(name + '.tags.json'))));
  assert.ok(read.ok, read.ok ? '' : read.problem);
  return read.sidecar;
}

/** What `validate` checks: the sidecar's hash is the file's, and every placed tag sits on its quote in the file. */
async function assertDescribesDisk(name: string): Promise<Sidecar> {
  const text = decode(await vscode.workspace.fs.readFile(fileUri(name)));
  const sidecar = await onDisk(name);
  assert.equal(sidecar.contentHash, contentHash(text), 'the sidecar was written for the text on disk');
  for (const tag of sidecar.tags) {
    if (tag.anchoring !== 'orphaned')
      assert.equal(text.slice(tag.target.start, tag.target.end), tag.target.quote, `${tag.label} ${tag.target.quote}`);
  }
  return sidecar;
}

suite('Sidecars that always fit the file on disk', () => {
  suiteSetup(async () => {
    await activate();
  });

  test('a tag made with unsaved edits, then Revert File: the sidecar describes the saved text throughout', async () => {
    // The browser UI these tests run in saves a second after each edit by default (files.autoSave is "afterDelay" on
    // the web): on a busy machine the edits below were saved before the test looked, and it failed only in full runs.
    const files = () => vscode.workspace.getConfiguration('files');
    await files().update('autoSave', 'off', vscode.ConfigurationTarget.Workspace);
    try {
      await unsavedTagThenRevert();
    } finally {
      await files().update('autoSave', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  async function unsavedTagThenRevert(): Promise<void> {
    const name = 'unsaved-tag.txt';
    await vscode.workspace.fs.writeFile(fileUri(name), encode('The harbour council met on Tuesday.\nIlse Varga chaired it.\n'));
    const editor = await open(name);
    select(editor, 'Ilse Varga');
    const first = await vscode.commands.executeCommand<Tag>('sourceAnnotator.tagEntity', 'Person');
    await api.idle();
    // Unsaved: a new first line, and a tag on words that exist only in the editor.
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), 'Tomas Berg voted against the plan.\n'));
    select(editor, 'Tomas Berg');
    const second = await vscode.commands.executeCommand<Tag>('sourceAnnotator.tagEntity', 'Person');
    await api.idle();
    assert.ok(editor.document.isDirty, 'the edits are not saved');
    let sidecar = await assertDescribesDisk(name);
    assert.notEqual(sidecar.tags.find((t) => t.id === first.id)?.anchoring, 'orphaned', 'placed where its words are in the file');
    assert.equal(sidecar.tags.find((t) => t.id === second.id)?.anchoring, 'orphaned', 'its words are not in the file yet');

    await vscode.commands.executeCommand('workbench.action.files.revert');
    await until('reverted', () => !editor.document.isDirty);
    await api.idle();
    await assertDescribesDisk(name);
    // A change to a tag after the revert is written for the saved text too, not for the text the tags last saw while dirty.
    select(editor, 'Ilse Varga');
    await vscode.commands.executeCommand('sourceAnnotator.addTags', ['chair']);
    await api.idle();
    sidecar = await assertDescribesDisk(name);
    assert.deepEqual(sidecar.tags.find((t) => t.id === first.id)?.tags, ['chair']);

    // Saved edits are written for the new text.
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), 'Tomas Berg voted against the plan.\n'));
    select(editor, 'Tomas Berg');
    const third = await vscode.commands.executeCommand<Tag>('sourceAnnotator.tagEntity', 'Person');
    await editor.document.save();
    await until(
      'the sidecar written for the saved text',
      async () => (await onDisk(name)).contentHash === contentHash(editor.document.getText()),
    );
    await api.idle();
    sidecar = await assertDescribesDisk(name);
    assert.equal(sidecar.tags.find((t) => t.id === third.id)?.anchoring, 'exact', JSON.stringify(sidecar.tags));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  }

  test('an analysis stopped by its time limit is said in the status bar; with time enough it is not', async () => {
    const name = 'time-limit.txt';
    const paragraph =
      'Councillor Mara Lindqvist said on Monday that the Eastwick ferry would run twice a day from June. ' +
      'The Harbour Trust, which owns the pier, told the Eastwick Courier that repairs would cost 2.4 million crowns.\n\n';
    await vscode.workspace.fs.writeFile(fileUri(name), encode(paragraph.repeat(12)));
    const settings = () => vscode.workspace.getConfiguration('sourceAnnotator');
    await settings().update('analysisTimeLimitSeconds', 0, vscode.ConfigurationTarget.Workspace);
    try {
      const editor = await open(name);
      await api.idle();
      const state = await api.state(editor.document);
      assert.equal(state?.analysisCutShort, true, 'no time at all: the detector stopped');
      assert.match(api.statusText(), /analysis cut short/);
    } finally {
      await settings().update('analysisTimeLimitSeconds', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await api.idle();
    const editor = vscode.window.activeTextEditor!;
    assert.equal((await api.state(editor.document))?.analysisCutShort, false, 'the default limit is ample for this article');
    assert.doesNotMatch(api.statusText(), /analysis cut short/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('a verdict or free tag over the schema limit is refused in the editor; the sidecar stays valid', async () => {
    const name = 'limits.txt';
    await vscode.workspace.fs.writeFile(fileUri(name), encode('Officials said the harbour budget was stretched by repairs.\n'));
    const editor = await open(name);
    select(editor, 'Officials said the harbour budget was stretched by repairs.');
    await vscode.commands.executeCommand<Tag>('sourceAnnotator.tagClaim');
    await api.idle();
    const before = decode(await vscode.workspace.fs.readFile(fileUri(name + '.tags.json')));
    assert.equal(await vscode.commands.executeCommand('sourceAnnotator.setVerdict', 'v'.repeat(201)), undefined);
    assert.equal(await vscode.commands.executeCommand('sourceAnnotator.addTags', ['t'.repeat(201)]), undefined);
    await api.idle();
    assert.equal(decode(await vscode.workspace.fs.readFile(fileUri(name + '.tags.json'))), before);
    const verdict = await vscode.commands.executeCommand<Tag>('sourceAnnotator.setVerdict', 'v'.repeat(200));
    assert.equal(verdict.verdict?.length, 200);
    await api.idle();
    await onDisk(name);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
