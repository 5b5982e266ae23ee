import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SIDECAR_VERSION } from '../../../extension/core/sidecar/types';
import { escapeMarkdown } from '../../../extension/core/text/escape';
import { EXTENSION_ID, activate, api, decode, open } from './helpers';

/** The message a user reads for `key`: the loaded translation when VS Code runs in another language, else the source's English. */
function shown(key: string, ...args: (string | number)[]): string {
  const template = vscode.l10n.bundle?.[key] ?? key;
  return template.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));
}

async function extensionFile(path: string): Promise<unknown> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
  return JSON.parse(decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension.extensionUri, path))));
}

suite('Localization', () => {
  suiteSetup(async () => {
    await activate();
  });

  test('package.json texts reach VS Code resolved from package.nls.json: no %key% is left', async () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
      displayName: string;
      contributes: {
        commands: { command: string; title: string; category: string }[];
        views: Record<string, { name: string }[]>;
        configuration: { properties: Record<string, { description: string }> };
      };
    };
    const nls = (await extensionFile('package.nls.json')) as Record<string, string>;
    const english = new Set(Object.values(nls));
    const texts = [
      pkg.displayName,
      ...pkg.contributes.commands.flatMap((c) => [c.title, c.category]),
      ...Object.values(pkg.contributes.views)
        .flat()
        .map((v) => v.name),
      ...Object.values(pkg.contributes.configuration.properties).map((p) => p.description),
    ];
    assert.ok(texts.length > 40, `${texts.length} texts`);
    for (const text of texts) {
      assert.doesNotMatch(text, /^%.*%$/, 'a placeholder reached the user');
      if (!vscode.l10n.bundle) assert.ok(english.has(text), `"${text}" is the English of package.nls.json`);
    }
    const overview = pkg.contributes.commands.find((c) => c.command === 'sourceAnnotator.openOverview')!;
    if (!vscode.l10n.bundle) assert.deepEqual([overview.category, overview.title], ['Source Annotator', 'Open Corpus Overview']);
  });

  test('the shipped bundle holds the messages, and what the status bar shows is its message, formatted', async () => {
    const bundle = (await extensionFile('l10n/bundle.l10n.json')) as Record<string, unknown>;
    const key = '$(lightbulb) {0} entities · $(quote) {1} claims to review · $(check) {2} confirmed';
    assert.equal(bundle[key], key, 'the translators’ file lists the status bar message');
    console.log(
      `display language ${vscode.env.language}; ${Object.keys(bundle).length} messages in l10n/bundle.l10n.json; translations loaded: ${vscode.l10n.bundle ? Object.keys(vscode.l10n.bundle).length : 'none (English)'}`,
    );
    await open('harbor.txt');
    const template = vscode.l10n.bundle?.[key] ?? key;
    const pattern = new RegExp('^' + template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\d+)\}/g, '(?<n$1>\\d+)') + '$');
    const counts = pattern.exec(api.statusText())?.groups;
    assert.ok(counts, `"${api.statusText()}" has the form of "${template}"`);
    assert.equal(api.statusText(), vscode.l10n.t(key, Number(counts.n0), Number(counts.n1), Number(counts.n2)));
  });

  test('the core’s messages (hover cards, sidecar problems) come through the same bundle', async () => {
    const editor = await open('harbor.txt');
    const marks = await api.freshMarks(editor.document);
    const suggestion = marks.find((m) => m.key.endsWith('/suggested') && !m.key.startsWith('Claim'));
    assert.ok(suggestion, 'harbor.txt has an entity suggestion');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      editor.document.uri,
      editor.document.positionAt(suggestion.start + 1),
    );
    const cards = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''));
    const label = suggestion.key.split('/')[0];
    const first = shown(
      '**{0}** · _suggestion_ — confirm with {1}, reject with {2}',
      label,
      escapeMarkdown('Alt+Y'),
      escapeMarkdown('Alt+X'),
    );
    assert.ok(
      cards.some((card) => card.split('  \n')[0] === first),
      `a card starts with ${first}:\n${cards.join('\n---\n')}`,
    );

    const future = await open('future.txt');
    const state = await api.state(future.document);
    const problem = shown(
      'it was written by a newer Source Annotator (format version {0}; this one reads up to {1}). Update the extension to change its tags',
      7,
      SIDECAR_VERSION,
    );
    assert.equal(state!.blocked!.problem, problem);
  });
});
