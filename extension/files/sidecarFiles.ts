import * as vscode from 'vscode';
import { SIDECAR_SUFFIX } from '../core/sidecar/types';
import { stripBom } from '../core/text/bom';
import { formatOfPath } from '../core/text/format';

/** Where an article's tags live: `article.txt` → `article.txt.tags.json` in the same folder. */
export function sidecarUriFor(article: vscode.Uri): vscode.Uri {
  return article.with({ path: article.path + SIDECAR_SUFFIX });
}

export function isSidecar(uri: vscode.Uri): boolean {
  return uri.path.endsWith(SIDECAR_SUFFIX);
}

export function baseName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

/** The file's bytes decoded as UTF-8, or undefined when there is no such file. Other errors propagate. */
export async function readTextIfExists(uri: vscode.Uri): Promise<{ text: string; bytes: number } | undefined> {
  try {
    const bytes = await vscode.workspace.fs.readFile(uri);
    return { text: new TextDecoder('utf-8').decode(bytes), bytes: bytes.byteLength };
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
    throw error;
  }
}

/**
 * Writes through a temporary file in the same folder and a rename, so a crash or a full disk
 * mid-write leaves either the old file or the new one, never half of one.
 */
export async function writeAtomically(uri: vscode.Uri, text: string): Promise<void> {
  const random = Math.random().toString(36).slice(2, 10);
  const folder = vscode.Uri.joinPath(uri, '..');
  const temp = vscode.Uri.joinPath(folder, `.${baseName(uri)}.${random}.tmp`);
  await vscode.workspace.fs.writeFile(temp, new TextEncoder().encode(text));
  try {
    await vscode.workspace.fs.rename(temp, uri, { overwrite: true });
  } catch (error) {
    await vscode.workspace.fs.delete(temp).then(undefined, () => undefined);
    throw error;
  }
}

export async function deleteIfExists(uri: vscode.Uri): Promise<void> {
  try {
    await vscode.workspace.fs.delete(uri);
  } catch (error) {
    if (!(error instanceof vscode.FileSystemError && error.code === 'FileNotFound')) throw error;
  }
}

/** Articles larger than this are left out of background work (the corpus index, learning); the editor still tags them. */
const MAX_BACKGROUND_BYTES = 5 * 1024 * 1024;

/**
 * An article read from disk for background work: its text (after any BOM) and format, or undefined
 * when it is too large or binary. Read errors propagate.
 */
export async function readArticleFromDisk(uri: vscode.Uri): Promise<{ text: string; format: 'markdown' | 'plaintext' } | undefined> {
  const bytes = await vscode.workspace.fs.readFile(uri);
  if (bytes.byteLength > MAX_BACKGROUND_BYTES || bytes.includes(0)) return undefined;
  return { text: stripBom(new TextDecoder().decode(bytes)), format: formatOfPath(uri.path) };
}
