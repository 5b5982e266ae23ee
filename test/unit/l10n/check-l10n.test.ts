import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';

// The bundled test runs from out/test/unit/l10n; the checker is the repository's scripts/check-l10n.mjs.
const checker = resolve(__dirname, '../../../../scripts/check-l10n.mjs');
const temps: string[] = [];
after(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

interface Fixture {
  title?: string;
  nls?: Record<string, string>;
  source?: string;
  bundle?: Record<string, string> | null;
}

/** A tiny extension: one command, one message in its source, and the translators' files. */
function project({
  title = '%command.hello.title%',
  nls = { 'command.hello.title': 'Say Hello', category: 'Demo' },
  source = "vscode.l10n.t('Hello {0}', name);",
  bundle = { 'Hello {0}': 'Hello {0}' },
}: Fixture = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'check-l10n-'));
  temps.push(root);
  const pkg = {
    name: 'demo',
    l10n: './l10n',
    scripts: { l10n: 'vscode-l10n-dev export --outDir ./l10n ./src' },
    contributes: { commands: [{ command: 'demo.hello', title, category: '%category%' }] },
  };
  writeFileSync(join(root, 'package.json'), JSON.stringify(pkg));
  writeFileSync(join(root, 'package.nls.json'), JSON.stringify(nls));
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src', 'a.ts'), `import * as vscode from 'vscode';\nexport const say = (name: string) => ${source}\n`);
  if (bundle) {
    mkdirSync(join(root, 'l10n'));
    writeFileSync(join(root, 'l10n', 'bundle.l10n.json'), JSON.stringify(bundle));
  }
  return root;
}

function check(root: string): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [checker, '--root', root], { encoding: 'utf8' });
  return { status: run.status, output: run.stdout + run.stderr };
}

test('a project whose texts are all keys and whose bundle is current passes', () => {
  const { status, output } = check(project());
  assert.equal(status, 0, output);
  assert.match(output, /l10n: ok \(2 package.json texts in package.nls.json, 1 messages in the bundle\)/);
});

test('a command title written in package.json fails', () => {
  const { status, output } = check(project({ title: 'Say Hello', nls: { category: 'Demo' } }));
  assert.equal(status, 1);
  assert.match(output, /commands\[demo\.hello\]\.title is not localized: "Say Hello"/);
});

test('a %key% missing from package.nls.json, and a key nothing uses, fail', () => {
  const { status, output } = check(project({ nls: { category: 'Demo', 'command.bye.title': 'Bye' } }));
  assert.equal(status, 1);
  assert.match(output, /%command\.hello\.title% is used in package\.json but package\.nls\.json has no "command\.hello\.title"/);
  assert.match(output, /package\.nls\.json has "command\.bye\.title", which package\.json never uses/);
});

test('a bundle that lags behind the sources fails, both ways', () => {
  const added = check(project({ source: "vscode.l10n.t('Hello {0}', name) + vscode.l10n.t('Goodbye');" }));
  assert.equal(added.status, 1);
  assert.match(added.output, /out of date \(run npm run l10n\): "Goodbye" is in the sources but not in the bundle/);
  const removed = check(project({ source: "vscode.l10n.t('Hi {0}', name);" }));
  assert.equal(removed.status, 1);
  assert.match(removed.output, /"Hello \{0\}" is no longer in the sources/);
  const missing = check(project({ bundle: null }));
  assert.match(missing.output, /l10n\/bundle\.l10n\.json is missing/);
});
