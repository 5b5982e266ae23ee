import * as vscode from 'vscode';
import { EXTENSION_ID } from '../suite/helpers';

/**
 * The launcher's extensionEnv (SOURCE_ANNOTATOR_TEST_GREP, SOURCE_ANNOTATOR_FORCE_FAIL): a web worker has
 * no process.env, so test/integration/web-host.mjs writes them to env.json beside this suite's bundle.
 */
export const testEnv: Record<string, string> = {};

export async function loadTestEnv(): Promise<void> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) return;
  try {
    const raw = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension.extensionUri, 'out/test/integration/web/env.json'));
    Object.assign(testEnv, JSON.parse(new TextDecoder().decode(raw)));
  } catch (error) {
    if (!(error instanceof vscode.FileSystemError)) throw error;
  }
}
