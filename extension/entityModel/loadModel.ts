import * as vscode from 'vscode';

/** Where the trained models ship inside the extension: the entity tagger, the claim finder's models, and the date and money tagger. */
export const MODEL_PATH = ['media', 'models', 'detector.bin'];
export const CLAIMS_MODEL_PATH = ['media', 'models', 'claims.bin'];
export const DATES_MODEL_PATH = ['media', 'models', 'dates.bin'];

/** A model's bytes, read through workspace.fs so the web build can load it as well; null if not shipped. */
export async function loadModel(extensionUri: vscode.Uri, path: readonly string[] = MODEL_PATH): Promise<Uint8Array | null> {
  try {
    return await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, ...path));
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return null;
    throw error;
  }
}
