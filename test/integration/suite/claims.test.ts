import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, activate, api, fileUri, hoverText, open, painted, until } from './helpers';

const ARTICLE = 'attribution.txt';

interface CliClaim {
  start: number;
  end: number;
  text: string;
  source: { text: string } | null;
  resolvedSource: { text: string } | null;
}

/** `detect --json` of the command line on a workspace file (code points: the fixture has no character outside the BMP). */
async function cliClaims(name: string, ...options: string[]): Promise<CliClaim[]> {
  const cli = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist/cli.js');
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(process.execPath, [cli, 'detect', fileUri(name).fsPath, '--json', ...options], { maxBuffer: 1 << 24 }, (error, out, err) =>
      error ? reject(new Error(err || error.message)) : resolve(out),
    ),
  );
  return (JSON.parse(stdout) as { claims: CliClaim[] }[])[0].claims;
}

function claimRanges(editor: vscode.TextEditor): string[] {
  return (api.decorations(editor.document)['Claim/suggested'] ?? []).map((r) => `${r.start}:${r.end}`).sort();
}

suite('Claims: who said what, the same in the editor and the command line', () => {
  // The command line runs as a Node process beside the editor: this suite is for the Node extension host only.
  suiteSetup(async () => {
    await activate();
  });

  test('the editor underlines the claims detect --json gives for the same file, by default and with all claims', async () => {
    const editor = await open(ARTICLE);
    const cli = await cliClaims(ARTICLE);
    assert.ok(cli.length >= 5, `claims from the command line: ${cli.length}`);
    assert.deepEqual(claimRanges(editor), cli.map((c) => `${c.start}:${c.end}`).sort());

    const all = await cliClaims(ARTICLE, '--all-claims');
    assert.ok(all.length >= cli.length);
    const shown = await vscode.commands.executeCommand<boolean>('sourceAnnotator.toggleAllClaims');
    try {
      assert.equal(shown, true);
      await until('all claims are painted', () => claimRanges(editor).length === all.length);
      assert.deepEqual(claimRanges(editor), all.map((c) => `${c.start}:${c.end}`).sort());
    } finally {
      await vscode.commands.executeCommand('sourceAnnotator.toggleAllClaims');
    }
    await until('the default claims are painted again', () => claimRanges(editor).length === cli.length);
  });

  test('no claim in page furniture, none holds a speaker label or markup, and the label is the source', async () => {
    const editor = await open(ARTICLE);
    const claims = painted(editor, 'Claim/suggested');
    for (const c of claims) {
      assert.doesNotMatch(c, /\*\*|Interviewer:|Elena Vasquez:/, `claim "${c}"`);
      assert.doesNotMatch(c, /hours ago|天前|Subscribe/, `claim in page furniture: "${c}"`);
    }
    const all = await cliClaims(ARTICLE, '--all-claims');
    const labelled = all.find((c) => c.text.startsWith('The dredging will pause'));
    assert.equal(labelled?.source?.text, 'Elena Vasquez');
    const entities = Object.entries(api.decorations(editor.document))
      .filter(([key]) => !key.startsWith('Claim'))
      .flatMap(([, ranges]) => ranges);
    const furnitureAt = editor.document.getText().indexOf('3 hours ago');
    assert.ok(!entities.some((r) => r.start >= furnitureAt), 'no entity suggestion in the comments and the page footer');
  });

  test('a pronoun source is shown with the person it stands for, in the hover and the command line', async () => {
    const editor = await open(ARTICLE);
    const cli = await cliClaims(ARTICLE);
    const he = cli.find((c) => c.text.startsWith('He said'));
    assert.equal(he?.resolvedSource?.text, 'Tom Keller');
    const hover = await hoverText(editor, 'He said the board');
    assert.match(hover, /Source: “He” → “Tom Keller”/);
    assert.match(hover, /Check-worthiness: \d+%/);
  });
});
