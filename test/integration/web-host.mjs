// Runs the web suite (test/integration/web) in the browser's WEB WORKER extension host of the same VS Code
// server build the Node suites use: the extension loads from its `browser` entry (dist/web/extension.js)
// in a worker without Node, as in VS Code for the Web; files are the server's, reached through
// vscode.workspace.fs. A workbench connected to a server runs an extension that has both entries in the
// server's Node host, and neither the payload's extensionDevelopmentKind (unread by the browser workbench)
// nor a manifest `extensionKind` (its "web" is filtered out) changes that. So the extension is copied to a
// temporary folder whose package.json lacks `main`, as VS Code for the Web sees it: an extension with only
// a `browser` entry runs in the web worker. Nothing else in the manifest differs.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInVsCodeServer } from './vscode-server-runner.mjs';

/** What the web build needs at run time (package.json is written separately). */
const SHIPPED = ['dist', 'media'];
/** The web suite's bundle; VS Code runs tests in the host of the extension whose folder holds them. */
const WEB_TESTS_DIR = 'out/test/integration/web';
const WEB_TESTS = join(WEB_TESTS_DIR, 'index.js');

/** options: those of runInVsCodeServer, without testsPath. Resolves to the suites' exit code. */
export async function runInWebWorkerHost(options) {
  const copy = mkdtempSync(join(tmpdir(), 'source-annotator-web-'));
  try {
    for (const part of SHIPPED) cpSync(join(options.extensionPath, part), join(copy, part), { recursive: true });
    mkdirSync(join(copy, WEB_TESTS_DIR), { recursive: true });
    cpSync(join(options.extensionPath, WEB_TESTS), join(copy, WEB_TESTS));
    // A web worker has no process.env: the suite reads its environment from this file (test/integration/web/env.ts).
    writeFileSync(join(copy, WEB_TESTS_DIR, 'env.json'), JSON.stringify(options.extensionEnv ?? {}));
    const { main: _nodeEntry, ...webManifest } = JSON.parse(readFileSync(join(options.extensionPath, 'package.json'), 'utf8'));
    writeFileSync(join(copy, 'package.json'), JSON.stringify(webManifest, null, 2));
    return await runInVsCodeServer({ ...options, extensionPath: copy, testsPath: join(copy, WEB_TESTS) });
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}
