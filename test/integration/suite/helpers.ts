import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../../extension/testApi';

export const EXTENSION_ID = 'source-annotator.source-annotator';
export const folder = (): vscode.Uri => vscode.workspace.workspaceFolders![0].uri;
export const fileUri = (name: string): vscode.Uri => vscode.Uri.joinPath(folder(), name);
export const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
export const decode = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

/** The extension's test API; set by activate() in each suite's setup. */
export let api: TestApi;

export async function activate(): Promise<TestApi> {
  const extension = vscode.extensions.getExtension<TestApi>(EXTENSION_ID);
  assert.ok(extension, 'the extension is installed in the host');
  api = await extension.activate();
  return api;
}

/** Opens a workspace file in an editor and waits until its analysis is done. */
export async function open(name: string | vscode.Uri): Promise<vscode.TextEditor> {
  const editor = await vscode.window.showTextDocument(
    await vscode.workspace.openTextDocument(typeof name === 'string' ? fileUri(name) : name),
  );
  await api.state(editor.document);
  await api.idle();
  return editor;
}

export function select(editor: vscode.TextEditor, needle: string, from = 0): void {
  const at = editor.document.getText().indexOf(needle, from);
  assert.ok(at >= 0, `"${needle}" is in ${editor.document.fileName}`);
  editor.selection = new vscode.Selection(editor.document.positionAt(at), editor.document.positionAt(at + needle.length));
}

/** The texts painted with one decoration key ("Person/confirmed"…). */
export function painted(editor: vscode.TextEditor, key: string): string[] {
  return (api.decorations(editor.document)[key] ?? []).map((r) => editor.document.getText().slice(r.start, r.end));
}

/** The Markdown of every hover card at the first occurrence of `needle`. */
export async function hoverText(editor: vscode.TextEditor, needle: string): Promise<string> {
  const at = editor.document.getText().indexOf(needle);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
    'vscode.executeHoverProvider',
    editor.document.uri,
    editor.document.positionAt(at + 1),
  );
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

export async function until(what: string | (() => string), check: () => boolean | Promise<boolean>, ms = 15000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) assert.fail(`timed out waiting until ${typeof what === 'string' ? what : what()}`);
    await new Promise((r) => setTimeout(r, 150));
    await api.idle();
  }
  await api.idle();
}

/** Deletes a folder of the workspace and waits until the corpus index holds none of its articles. */
export async function deleteFolder(folder: string): Promise<void> {
  await vscode.workspace.fs.delete(fileUri(folder), { recursive: true });
  await until(`the articles under ${folder}/ are gone from the index`, () =>
    api
      .corpus()
      .index.documents()
      .every((p) => !p.startsWith(`${folder}/`)),
  );
}
