import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, chmodSync, constants, readdirSync } from 'node:fs';
import * as vscode from 'vscode';
import { addTag, emptySidecar } from '../../../extension/core/sidecar/model';
import type { Sidecar, Tag } from '../../../extension/core/sidecar/types';
import { writeSidecar } from '../../../extension/core/sidecar/write';
import { activate, api, encode, folder } from './helpers';

const fileUri = (name: string): vscode.Uri => vscode.Uri.joinPath(folder(), 'bad', name);
const digest = async (name: string): Promise<string> =>
  createHash('sha256')
    .update(await vscode.workspace.fs.readFile(fileUri(name)))
    .digest('hex');
const stamp = { author: 'fixture', now: '2026-01-01T00:00:00.000Z' };
const ARTICLE = 'Greta Holm of the Norrby Port Authority said on June 3 that repairs would cost $2 million.\n';

function sidecarFor(name: string, text = ARTICLE): Sidecar {
  return addTag(emptySidecar(name, text), text, { kind: 'entity', label: 'Person', status: 'confirmed', start: 0, end: 10 }, stamp).sidecar;
}

async function openState(name: string) {
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(fileUri(name)));
  const state = await api.state(editor.document);
  await api.idle();
  return { editor, state: state! };
}

/** Opens an article whose sidecar is bad: tagging must be paused with the expected message, the file left byte-identical. */
async function assertRefused(name: string, sidecarText: string | Uint8Array, problem: RegExp): Promise<void> {
  await vscode.workspace.fs.writeFile(fileUri(name), encode(ARTICLE));
  await vscode.workspace.fs.writeFile(fileUri(name + '.tags.json'), typeof sidecarText === 'string' ? encode(sidecarText) : sidecarText);
  const before = await digest(name + '.tags.json');
  const { editor, state } = await openState(name);
  assert.ok(state.blocked, `${name}: tagging is paused`);
  assert.match(state.blocked.problem, problem);
  editor.selection = new vscode.Selection(0, 0, 0, 10);
  assert.equal(await vscode.commands.executeCommand('sourceAnnotator.tagEntity', 'Person'), undefined);
  assert.equal(await digest(name + '.tags.json'), before, `${name}: the sidecar is byte-identical`);
}

suite('Bad input: a clear message, and nothing lost', () => {
  suiteSetup(async () => {
    await activate();
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(folder(), 'bad'));
  });

  test('valid JSON with wrong types', async () => {
    const side = JSON.parse(writeSidecar(sidecarFor('types.txt')));
    side.tags[0].target.start = 'zero';
    await assertRefused('types.txt', JSON.stringify(side, null, 2), /tags\.0\.target\.start must be integer/);
  });

  test('__proto__ and constructor keys', async () => {
    const raw = writeSidecar(sidecarFor('proto.txt')).replace('"version": 1,', '"version": 1, "__proto__": {"polluted": true},');
    await assertRefused('proto.txt', raw, /unknown key "__proto__"/);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  test('duplicated tag ids', async () => {
    const side = JSON.parse(writeSidecar(sidecarFor('dupes.txt')));
    side.tags.push(side.tags[0]);
    await assertRefused('dupes.txt', JSON.stringify(side, null, 2), /appears more than once/);
  });

  test('a 50 MB sidecar', async function () {
    this.timeout(120000);
    const big = new Uint8Array(50 * 1024 * 1024).fill(0x20);
    big.set(encode('{"version": 1, "tags": ['), 0);
    await assertRefused('huge.txt', big, /above the 20 MB limit/);
  });

  test('a tag whose offsets are outside the text is found again by its quote', async () => {
    const side = sidecarFor('outside.txt');
    const tag: Tag = { ...side.tags[0], target: { ...side.tags[0].target, start: 5000, end: 5010 } };
    await vscode.workspace.fs.writeFile(fileUri('outside.txt'), encode(ARTICLE));
    await vscode.workspace.fs.writeFile(fileUri('outside.txt.tags.json'), encode(writeSidecar({ ...side, tags: [tag] })));
    const { state } = await openState('outside.txt');
    assert.equal(state.blocked, null);
    const found = state.sidecar!.tags[0];
    assert.deepEqual([found.target.start, found.target.end, found.anchoring], [0, 10, 'moved']);
  });

  test('a binary, a non-UTF-8 and an over-limit article keep their tags and get no suggestions', async () => {
    await vscode.workspace.fs.writeFile(
      fileUri('latin1.txt'),
      new Uint8Array([...Array(30)].flatMap(() => [0x43, 0x61, 0x66, 0xe9, 0x20, 0x63, 0x72, 0xe8, 0x6d, 0x65, 0x0a])),
    );
    const latin = await openState('latin1.txt');
    assert.match(latin.state.analysisSkipped ?? '', /not look like UTF-8/);

    await vscode.workspace.fs.writeFile(fileUri('binary.txt'), new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 0x41, 0x42, 0x0a]));
    try {
      const binary = await openState('binary.txt');
      assert.match(binary.state.analysisSkipped ?? '', /binary/);
    } catch (error) {
      // VS Code itself may refuse to open a binary file as text: then there is nothing to analyse either.
      assert.match(String(error), /binary/i);
    }

    const long = ARTICLE.repeat(2000);
    await vscode.workspace.fs.writeFile(fileUri('long.txt'), encode(long));
    await vscode.workspace.fs.writeFile(fileUri('long.txt.tags.json'), encode(writeSidecar(sidecarFor('long.txt', long))));
    await vscode.workspace.getConfiguration('sourceAnnotator').update('maxAnalysisSizeMB', 0.1, vscode.ConfigurationTarget.Workspace);
    try {
      const { editor, state } = await openState('long.txt');
      await api.idle();
      assert.match(state.analysisSkipped ?? '', /larger than 0\.1 MB/);
      assert.equal(api.decorations(editor.document)['Person/confirmed']?.length, 1, 'the tag is shown');
      assert.equal(
        Object.entries(api.decorations(editor.document)).filter(([k, v]) => k.endsWith('/suggested') && v.length > 0).length,
        0,
        'no suggestions',
      );
    } finally {
      await vscode.workspace
        .getConfiguration('sourceAnnotator')
        .update('maxAnalysisSizeMB', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('a read-only folder: tags are kept in the window, the status bar says they are not saved, nothing is written', async function () {
    const dir = vscode.Uri.joinPath(folder(), 'bad', 'readonly');
    await vscode.workspace.fs.createDirectory(dir);
    const article = vscode.Uri.joinPath(dir, 'locked.txt');
    await vscode.workspace.fs.writeFile(article, encode(ARTICLE));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(article));
    const state = (await api.state(editor.document))!;
    await api.idle();
    const unlock = lockFolder(dir.fsPath);
    if (!unlock) {
      // Neither permissions nor the immutable attribute stop this user (root on a file system without chattr).
      this.skip();
    }
    try {
      const at = ARTICLE.indexOf('Norrby Port Authority');
      editor.selection = new vscode.Selection(editor.document.positionAt(at), editor.document.positionAt(at + 21));
      await vscode.commands.executeCommand('sourceAnnotator.tagEntity', 'Organization');
      await api.idle();
      assert.equal(state.sidecar?.tags.length, 1, 'the tag is kept in the window');
      assert.match(state.unsaved ?? '', /read-only or you may not write/);
      assert.match(api.statusText(), /tags not saved/);
      assert.deepEqual(readdirSync(dir.fsPath), ['locked.txt'], 'no sidecar and no temporary file in the folder');
    } finally {
      unlock();
    }
    editor.selection = new vscode.Selection(0, 0, 0, 10);
    await vscode.commands.executeCommand('sourceAnnotator.tagEntity', 'Person');
    await api.idle();
    assert.equal(state.unsaved, null);
    assert.doesNotMatch(api.statusText(), /not saved/);
    const written = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(sidecarUriOf(article)))) as Sidecar;
    assert.equal(written.tags.length, 2, 'once the folder is writable, the next change writes both tags');
  });

  test('a sidecar deleted while its article is open: tags are kept and written back with the next change', async () => {
    await vscode.workspace.fs.writeFile(fileUri('deleted.txt'), encode(ARTICLE));
    await vscode.workspace.fs.writeFile(fileUri('deleted.txt.tags.json'), encode(writeSidecar(sidecarFor('deleted.txt'))));
    const { editor, state } = await openState('deleted.txt');
    await vscode.workspace.fs.delete(fileUri('deleted.txt.tags.json'));
    await new Promise((r) => setTimeout(r, 1500));
    await api.idle();
    assert.equal(state.sidecar!.tags.length, 1, 'the tag is still in the window');
    const at = ARTICLE.indexOf('Norrby Port Authority');
    editor.selection = new vscode.Selection(editor.document.positionAt(at), editor.document.positionAt(at + 21));
    await vscode.commands.executeCommand('sourceAnnotator.tagEntity', 'Organization');
    const rewritten = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(fileUri('deleted.txt.tags.json')))) as Sidecar;
    assert.equal(rewritten.tags.length, 2, 'both tags are on disk again');
  });
});

const sidecarUriOf = (article: vscode.Uri): vscode.Uri => article.with({ path: `${article.path}.tags.json` });

/**
 * Makes a folder unwritable and returns how to undo it, or null when this user can write anyway:
 * permissions first; root ignores them, so then the immutable attribute, which binds root too.
 */
function lockFolder(path: string): (() => void) | null {
  const writable = (): boolean => {
    try {
      accessSync(path, constants.W_OK);
      const probe = `${path}/.probe`;
      execFileSync('touch', [probe]);
      execFileSync('rm', ['-f', probe]);
      return true;
    } catch {
      return false;
    }
  };
  chmodSync(path, 0o555);
  if (!writable()) return () => chmodSync(path, 0o755);
  chmodSync(path, 0o755);
  try {
    execFileSync('chattr', ['+i', path], { stdio: 'ignore' });
  } catch {
    return null;
  }
  if (!writable()) return () => execFileSync('chattr', ['-i', path], { stdio: 'ignore' });
  execFileSync('chattr', ['-i', path], { stdio: 'ignore' });
  return null;
}
