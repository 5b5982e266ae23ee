import * as vscode from 'vscode';

/** Where the trained entity model ships inside the extension. */
export const MODEL_PATH = ['media', 'models', 'detector.bin'];

/** The model's bytes, read through workspace.fs so the web build can load it as well; null if not shipped. */
export async function loadModel(extensionUri: vscode.Uri): Promise<Uint8Array | null> {
  try {
    return await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, ...MODEL_PATH));
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return null;
    throw error;
  }
}
