import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { readSidecar } from '../../../extension/core/sidecar/read';
import type { Tag } from '../../../extension/core/sidecar/types';
import { EXTENSION_ID, fileUri, decode, api, activate, open, select, painted, hoverText, until } from '../suite/helpers';
import { testEnv } from './env';

/** Only a web worker has WorkerGlobalScope; Node has `process.versions.node`. */
const inWebWorker = (): boolean => typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope === 'function';
const nodeVersion = (): string | undefined => (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node;

suite('Source Annotator in the browser (web worker extension host)', () => {
  suiteSetup(async () => {
    await activate();
  });

  test('the extension activates from its browser entry in a web worker, without Node', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    console.log(
      `VS Code ${vscode.version}, ui ${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'}, web worker ${inWebWorker()}, node ${nodeVersion() ?? 'none'}, entry ${extension.packageJSON.browser}`,
    );
    assert.ok(inWebWorker(), 'the tests and the extension run in a web worker');
    assert.equal(nodeVersion(), undefined, 'no Node.js runtime in this extension host');
    assert.equal(vscode.env.uiKind, vscode.UIKind.Web);
    assert.ok(extension.isActive, 'activated in this host, so activate() handed back its test API');
    assert.equal(typeof api.idle, 'function');
    assert.notEqual(testEnv.SOURCE_ANNOTATOR_FORCE_FAIL, '1', 'forced failure (SOURCE_ANNOTATOR_FORCE_FAIL=1)');
  });

  test('an opened article is highlighted by type', async () => {
    const editor = await open('harbor.txt');
    assert.ok(
      painted(editor, 'Date/suggested').some((t) => t.startsWith('March 3')),
      `dates: ${painted(editor, 'Date/suggested').join(',')}`,
    );
    assert.ok(
      painted(editor, 'Money/suggested').includes('about $2 million'),
      `money (a hedge belongs to the amount, as in OntoNotes): ${painted(editor, 'Money/suggested').join(',')}`,
    );
    assert.ok(painted(editor, 'Claim/suggested').length >= 2, 'claims are suggested');
    assert.match(api.statusText(), /\d+ entities · \$\(quote\) \d+ claims to review · \$\(check\) 0 confirmed/);
  });

  test('tagging writes the sidecar through workspace.fs, signed by the browser build', async () => {
    const editor = await open('harbor.txt');
    select(editor, 'Mira Okafor');
    const person = await vscode.commands.executeCommand<Tag>('sourceAnnotator.tagEntity', 'Person');
    assert.deepEqual(painted(editor, 'Person/confirmed'), ['Mira Okafor']);
    const read = readSidecar(decode(await vscode.workspace.fs.readFile(fileUri('harbor.txt.tags.json'))));
    assert.ok(read.ok, read.ok ? '' : read.problem);
    const stored = read.sidecar.tags.find((t) => t.id === person.id);
    assert.ok(stored, 'the new tag is in the sidecar file');
    assert.equal(stored.target.quote, 'Mira Okafor');
    // env/browser.ts cannot ask git for a name: a tag signed "anonymous" proves the web build's env was bundled.
    assert.equal(stored.author, 'anonymous');
  });

  test('a hover shows the tag and what the corpus knows', async () => {
    const editor = await open('harbor.txt');
    await until('the corpus is indexed', () => api.corpus().isReady);
    const card = await hoverText(editor, 'Mira Okafor');
    assert.match(card, /\*\*Person\*\* · confirmed/);
    assert.ok(api.viewLabels('entities', 1).length > 0, 'the Entities view lists the corpus');
  });
});
