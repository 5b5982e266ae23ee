// Runs the extension's mocha suites in a REAL VS Code extension host without downloading VS Code:
// the VS Code server build from the npm package code-server (installed by setup-vscode-server.sh) is
// started with --enable-smoke-test-driver, and Debian's Chromium (driven by playwright-core) opens its
// workbench with extensionDevelopmentPath / extensionTestsPath in the `payload` query parameter. When
// the suites end the workbench calls window.codeAutomationExit(code): that is our exit code.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import { chromium } from 'playwright-core';

const NOISE =
  /AgentHost|ChatModelSelection|ENOTFOUND|authentication provider|AccountPolicyGate|Service Worker|^\s+at |connection token|Creating a socket|grace time|builtin extensions cache/;

/** `source-annotator: click SELECTOR`, `… press KEY SELECTOR` or `… press KEY` (on the focused element), printed by a suite (see actInWebview). */
const WEBVIEW_ACTION = /source-annotator: (?:click(?= )|press (\S+))(?: (.+))?$/;
/** How long the page in a webview may take to load and draw the element a suite asked to act on. */
const WEBVIEW_WAIT_MS = 15000;

/**
 * A suite cannot reach into a webview's page (it runs in the extension host), so it prints what a user
 * would do there and waits for the effect. VS Code draws a webview as an iframe holding another iframe
 * (`active-frame`) with the page: the element is looked for in every frame until it is there, then
 * clicked with the mouse, or focused and sent the key, through Chromium's real input events. A key
 * without a selector goes to whatever has the focus, as a keyboard user's next key would.
 */
async function actInWebview(page, message) {
  const action = WEBVIEW_ACTION.exec(message.split('\n')[0]);
  if (!action) return;
  const [, key, selector] = action;
  const end = Date.now() + WEBVIEW_WAIT_MS;
  if (!selector) return pressOnFocusedWebviewElement(page, key, end);
  try {
    for (;;) {
      for (const frame of page.frames()) {
        if (frame === page.mainFrame()) continue;
        const target = frame.locator(selector);
        if ((await target.count().catch(() => 0)) !== 1) continue;
        const timeout = Math.max(1000, end - Date.now());
        if (key) await target.press(key, { timeout });
        else await target.click({ timeout });
        return;
      }
      if (Date.now() > end) throw new Error(`no webview shows exactly one ${selector}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } catch (error) {
    console.error(
      `ERROR ${key ? `pressing ${key} on` : 'clicking'} ${selector} in a webview: ${error.message
        // eslint-disable-next-line no-control-regex -- Playwright's messages carry terminal colour codes
        .replace(/\x1b\[\d+m/g, '')
        .split('\n')
        .slice(0, 12)
        .join('\n')}`,
    );
  }
}

/**
 * A key for "whatever has the focus" waits, as a user would, until the focus is on an element of a
 * webview's page: VS Code moves it into a revealed webview's inner frame a moment after the reveal,
 * and a key pressed before that goes to the workbench (an Enter would type a line break into the
 * editor behind the webview).
 */
async function pressOnFocusedWebviewElement(page, key, end) {
  // Evaluated in the frame's page, where `document` is the page's own.
  const focusedInPage = () =>
    globalThis.document.hasFocus() &&
    globalThis.document.activeElement !== null &&
    globalThis.document.activeElement !== globalThis.document.body &&
    globalThis.document.activeElement.tagName !== 'IFRAME';
  try {
    for (;;) {
      for (const frame of page.frames()) {
        if (frame === page.mainFrame()) continue;
        if (await frame.evaluate(focusedInPage).catch(() => false)) return await page.keyboard.press(key);
      }
      if (Date.now() > end) throw new Error('no element of a webview has the focus');
      await new Promise((r) => setTimeout(r, 100));
    }
  } catch (error) {
    console.error(`ERROR pressing ${key}: ${error.message}`);
  }
}

const freePort = () =>
  new Promise((done) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => done(port));
    });
  });

/**
 * options: { node24, vscodeRoot, extensionPath, testsPath, workspace (copied to a temp folder),
 *            extensionEnv (object), timeoutMs, screenshot (PNG path taken when the suites end),
 *            screenshotDir (where named pictures go), verbose }
 * Resolves to the suites' exit code (0 = all passed).
 */
export async function runInVsCodeServer(options) {
  const port = await freePort();
  const tmp = mkdtempSync(join(tmpdir(), 'source-annotator-it-'));
  const ws = join(tmp, 'workspace');
  cpSync(resolve(options.workspace), ws, { recursive: true });
  const server = spawn(
    options.node24,
    [
      join(options.vscodeRoot, 'out/server-main.js'),
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--without-connection-token',
      '--accept-server-license-terms',
      '--server-data-dir',
      join(tmp, 'server-data'),
      '--user-data-dir',
      join(tmp, 'user-data'),
      '--extensions-dir',
      join(tmp, 'extensions'),
      '--disable-telemetry',
      '--disable-workspace-trust',
      '--enable-smoke-test-driver',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let serverLog = '';
  const ready = new Promise((resolveReady, reject) => {
    const onData = (d) => {
      serverLog += d;
      if (options.verbose) process.stdout.write('[server] ' + d);
      if (/Extension host agent listening/.test(serverLog)) resolveReady();
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', onData);
    server.on('exit', (c) => reject(new Error(`VS Code server exited with ${c}\n${serverLog}`)));
    setTimeout(() => reject(new Error(`VS Code server did not start in 60 s\n${serverLog}`)), 60000);
  });
  let code = 1;
  let browser;
  /** The suites' own closing line; without it a run did not finish, whatever exit code the workbench reports. */
  let finalSummary = null;
  let tookScreenshot = false;
  try {
    await ready;
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    const finished = new Promise((done) =>
      page.exposeFunction('codeAutomationExit', async (c) => {
        if (options.screenshot && !tookScreenshot)
          await page.screenshot({ path: options.screenshot }).catch((e) => console.error('screenshot failed:', e.message));
        done(c);
      }),
    );
    await page.exposeFunction('codeAutomationLog', async (_type, args) => {
      const message = format(...(args || []));
      // A suite asks for the picture while its editor is still decorated (they go when the host shuts down).
      if (options.screenshot && message.includes('source-annotator: screenshot now')) {
        await page.screenshot({ path: options.screenshot }).catch((e) => console.error('screenshot failed:', e.message));
        tookScreenshot = true;
      }
      // Several pictures in one run: `source-annotator: screenshot NAME.png` writes options.screenshotDir/NAME.png.
      const named = /source-annotator: screenshot ([\w.-]+\.png)/.exec(message);
      if (options.screenshotDir && named) {
        await page.screenshot({ path: join(options.screenshotDir, named[1]) }).catch((e) => console.error('screenshot failed:', e.message));
      }
      void actInWebview(page, message);
      const summary = /^integration: (\d+) passed, (\d+) failed/.exec(message);
      if (summary) finalSummary = { passed: Number(summary[1]), failed: Number(summary[2]) };
      if (options.verbose) return console.log(message);
      if (NOISE.test(message.split('\n')[0]) || /^Canceled/.test(message)) return;
      console.log(
        message
          .split('\n')
          .filter((l) => !/^\s+at .*\/static\/out\//.test(l))
          .join('\n'),
      );
    });
    page.on('pageerror', (e) => console.log('[pageerror]', e.message));
    const authority = `127.0.0.1:${port}`;
    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://${authority}${resolve(options.extensionPath)}`],
      ['extensionTestsPath', `vscode-remote://${authority}${resolve(options.testsPath)}`],
    ];
    // The suites' webview tests run only where this runner acts on their `source-annotator: click …` lines.
    payload.push(['extensionEnvironment', JSON.stringify({ ...options.extensionEnv, SOURCE_ANNOTATOR_WEBVIEW_ACTIONS: '1' })]);
    await page.goto(`http://${authority}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the extension tests did not finish in ${options.timeoutMs / 1000} s`)), options.timeoutMs);
    });
    code = await Promise.race([finished, timeout]).finally(() => clearTimeout(timer));
    if (options.requireSummary !== false && code === 0 && (!finalSummary || finalSummary.failed > 0 || finalSummary.passed === 0)) {
      console.error('ERROR the extension host exited without the suites reporting that they all passed');
      code = 1;
    }
  } catch (error) {
    console.error('ERROR', error.message);
    code = 1;
  } finally {
    if (browser) await browser.close().catch(() => {});
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // The server has already gone.
    }
    setTimeout(() => rmSync(tmp, { recursive: true, force: true }), 500).unref();
  }
  return typeof code === 'number' ? code : 1;
}
