import * as assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as vscode from 'vscode';
import type { Sidecar, Tag } from '../../../extension/core/sidecar/types';
import { fileUri, api, activate, open, select, painted, hoverText, until } from './helpers';

function placeCursor(editor: vscode.TextEditor, needle: string, offsetInNeedle = 1): void {
  const at = editor.document.getText().indexOf(needle);
  assert.ok(at >= 0, `"${needle}" is in ${editor.document.fileName}`);
  const pos = editor.document.positionAt(at + offsetInNeedle);
  editor.selection = new vscode.Selection(pos, pos);
}

async function bytesOf(name: string): Promise<Uint8Array | undefined> {
  try {
    return await vscode.workspace.fs.readFile(fileUri(name));
  } catch {
    return undefined;
  }
}

async function sidecarOf(name: string): Promise<Sidecar | undefined> {
  const bytes = await bytesOf(name + '.tags.json');
  return bytes && (JSON.parse(new TextDecoder().decode(bytes)) as Sidecar);
}

suite('Source Annotator in a real VS Code', () => {
  suiteSetup(async () => {
    await activate();
  });

  test('runs in a real extension host', () => {
    console.log(
      `VS Code ${vscode.version}, ui ${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'}, remote ${vscode.env.remoteName ?? 'none'}`,
    );
    assert.notEqual(process.env.SOURCE_ANNOTATOR_FORCE_FAIL, '1', 'forced failure (SOURCE_ANNOTATOR_FORCE_FAIL=1)');
  });

  test('an opened article gets suggestions painted by type, and no sidecar', async () => {
    const editor = await open('harbor.txt');
    assert.ok(
      painted(editor, 'Date/suggested').some((t) => t.startsWith('March 3')),
      `dates: ${painted(editor, 'Date/suggested').join(',')}`,
    );
    assert.ok(
      painted(editor, 'Money/suggested').includes('about $2 million'),
      `money (a hedge belongs to the amount, as in OntoNotes): ${painted(editor, 'Money/suggested').join(',')}`,
    );
    assert.ok(painted(editor, 'Claim/suggested').length >= 2, 'claims are suggested');
    assert.ok(!painted(editor, 'Claim/suggested').some((t) => t.includes('?')), 'a question is not a claim');
    assert.equal(painted(editor, 'Money/confirmed').length, 0);
    assert.equal(await bytesOf('harbor.txt.tags.json'), undefined, 'no sidecar before the first tag');
    assert.match(api.statusText(), /\d+ entities · \$\(quote\) \d+ claims to review · \$\(check\) 0 confirmed/);
  });

  test('confirm and reject suggestions by command; both are written at once', async () => {
    const editor = await open('harbor.txt');
    placeCursor(editor, '$2 million');
    const confirmed = await vscode.commands.executeCommand<Tag>('sourceAnnotator.confirmSuggestion');
    assert.equal(confirmed.label, 'Money');
    assert.equal(confirmed.status, 'confirmed');
    assert.deepEqual(painted(editor, 'Money/confirmed'), ['about $2 million']);
    assert.ok(!painted(editor, 'Money/suggested').includes('about $2 million'));

    placeCursor(editor, 'March 3');
    const rejected = await vscode.commands.executeCommand<Tag>('sourceAnnotator.rejectSuggestion');
    assert.equal(rejected.status, 'rejected');
    assert.ok(!painted(editor, 'Date/suggested').some((t) => t.startsWith('March 3')), 'a rejected suggestion disappears');

    const sidecar = await sidecarOf('harbor.txt');
    assert.ok(sidecar);
    assert.equal(sidecar.version, 1);
    assert.equal(sidecar.offsetUnit, 'utf16');
    assert.equal(sidecar.article, 'harbor.txt');
    assert.match(sidecar.contentHash, /^sha256:[0-9a-f]{64}$/);
    assert.deepEqual(
      sidecar.tags.map((t) => [t.label, t.status]),
      [
        ['Date', 'rejected'],
        ['Money', 'confirmed'],
      ],
    );
    for (const tag of sidecar.tags) assert.equal(editor.document.getText().slice(tag.target.start, tag.target.end), tag.target.quote);

    // Re-analysis (any edit, or a settings change) must not bring a rejected suggestion back.
    await vscode.workspace.getConfiguration('sourceAnnotator').update('minClaimScore', 0.01, vscode.ConfigurationTarget.Workspace);
    await api.idle();
    assert.ok(!painted(editor, 'Date/suggested').some((t) => t.startsWith('March 3')));
    await vscode.workspace.getConfiguration('sourceAnnotator').update('minClaimScore', undefined, vscode.ConfigurationTarget.Workspace);
  });

  test('tag a selection as an entity and as a claim, add tags, verdict and note', async () => {
    const editor = await open('harbor.txt');
    select(editor, 'Mira Okafor');
    const person = await vscode.commands.executeCommand<Tag>('sourceAnnotator.tagEntity', 'Person');
    assert.equal(person.label, 'Person');
    assert.deepEqual(painted(editor, 'Person/confirmed'), ['Mira Okafor']);

    const sentence = 'Okafor told reporters that about $2 million in customer payments were reportedly diverted to accounts in Lisbon.';
    select(editor, sentence);
    const claim = await vscode.commands.executeCommand<Tag>('sourceAnnotator.tagClaim');
    assert.equal(claim.kind, 'claim');
    placeCursor(editor, 'customer payments');
    await vscode.commands.executeCommand('sourceAnnotator.addTags', ['fraud', 'money-trail']);
    await vscode.commands.executeCommand('sourceAnnotator.setVerdict', 'disputed');
    const noted = await vscode.commands.executeCommand<Tag>(
      'sourceAnnotator.editNote',
      'See [the board](command:workbench.action.quit) <img src=x onerror=alert(1)> *now*',
    );
    assert.deepEqual(noted.tags, ['fraud', 'money-trail']);
    assert.equal(noted.verdict, 'disputed');

    const stored = (await sidecarOf('harbor.txt'))!.tags.find((t) => t.id === claim.id)!;
    assert.equal(stored.verdict, 'disputed');
    assert.deepEqual(stored.tags, ['fraud', 'money-trail']);
    assert.match(stored.note!, /command:workbench/);
    assert.equal(stored.target.quote, sentence);
    assert.ok(stored.author.length > 0);

    const card = await hoverText(editor, 'customer payments');
    assert.match(card, /\*\*Claim\*\*/);
    assert.match(card, /Verdict: \*\*disputed\*\*/);
    assert.match(card, /money&#45;trail/);
    assert.doesNotMatch(
      card,
      /\]\(command:(?!sourceAnnotator\.openOverview\))/,
      'no command link from the note survives in the card (only the card’s own link to the overview)',
    );
    assert.ok(!card.includes('<img'), 'no HTML survives in the card');
    const entityCard = await hoverText(editor, 'Mira Okafor');
    assert.match(entityCard, /\*\*Person\*\* · confirmed/);
  });

  test('next and previous suggestion walk the article', async () => {
    const editor = await open('harbor.txt');
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const first = await vscode.commands.executeCommand<{ start: number; end: number }>('sourceAnnotator.nextSuggestion');
    const second = await vscode.commands.executeCommand<{ start: number; end: number }>('sourceAnnotator.nextSuggestion');
    // Suggestions are walked by start, then end: a claim opening with the entity just visited comes next.
    assert.ok(second.start > first.start || (second.start === first.start && second.end > first.end));
    assert.equal(editor.document.offsetAt(editor.selection.start), second.start);
    const back = await vscode.commands.executeCommand<{ start: number }>('sourceAnnotator.previousSuggestion');
    assert.equal(back.start, first.start);
  });

  test('a second article loads the same tags from its sidecar', async () => {
    const text = await bytesOf('harbor.txt');
    const side = await bytesOf('harbor.txt.tags.json');
    await vscode.workspace.fs.writeFile(fileUri('harbor-copy.txt'), text!);
    await vscode.workspace.fs.writeFile(fileUri('harbor-copy.txt.tags.json'), side!);
    const original = (await sidecarOf('harbor.txt'))!.tags;
    const editor = await open('harbor-copy.txt');
    const state = await api.state(editor.document);
    assert.deepEqual(state!.sidecar!.tags, original);
    assert.deepEqual(painted(editor, 'Person/confirmed'), ['Mira Okafor']);
    assert.ok(painted(editor, 'Claim/confirmed').length === 1);
  });

  test('removing the last tag removes the sidecar file', async () => {
    const editor = await open('emoji.txt');
    select(editor, 'Valencia');
    await vscode.commands.executeCommand('sourceAnnotator.tagEntity', 'Location');
    const sidecar = await sidecarOf('emoji.txt');
    const tag = sidecar!.tags[0];
    assert.equal(tag.target.quote, 'Valencia');
    assert.equal(editor.document.getText().slice(tag.target.start, tag.target.end), 'Valencia', 'UTF-16 offsets after emoji');
    placeCursor(editor, 'Valencia');
    await vscode.commands.executeCommand('sourceAnnotator.removeTag');
    assert.equal(await bytesOf('emoji.txt.tags.json'), undefined);
  });

  test('CRLF and BOM articles keep exact offsets; Markdown markup stays out of spans', async () => {
    const crlf = await open('crlf.txt');
    select(crlf, 'Jonas Varga');
    await vscode.commands.executeCommand('sourceAnnotator.tagEntity', 'Person');
    const tag = (await sidecarOf('crlf.txt'))!.tags[0];
    const raw = new TextDecoder().decode(await bytesOf('crlf.txt'));
    assert.ok(raw.includes('\r\n'));
    assert.equal(raw.slice(tag.target.start, tag.target.end), 'Jonas Varga', 'offsets count the CR of CRLF as on disk');

    const md = await open('markup.md');
    for (const [key, spans] of Object.entries(api.decorations(md.document))) {
      if (key.startsWith('Claim/')) continue;
      for (const r of spans) assert.ok(!/[*#[\]]/.test(md.document.getText().slice(r.start, r.end)), `no markup inside ${key} spans`);
    }
    select(md, 'Meridian Institute');
    await vscode.commands.executeCommand('sourceAnnotator.tagEntity', 'Organization');
    const raw2 = await bytesOf('markup.md');
    const bomless = new TextDecoder().decode(raw2!.subarray(3));
    const mdTag = (await sidecarOf('markup.md'))!.tags[0];
    assert.equal(bomless.slice(mdTag.target.start, mdTag.target.end), 'Meridian Institute', 'offsets count from after the BOM');
  });

  test('a corrupt sidecar is reported, never overwritten, and tagging is paused', async () => {
    const before = await bytesOf('corrupt.txt.tags.json');
    const editor = await open('corrupt.txt');
    const state = await api.state(editor.document);
    assert.ok(state!.blocked, 'tagging is paused');
    assert.match(state!.blocked.problem, /not valid JSON/);
    select(editor, 'Carla Mendes');
    const result = await vscode.commands.executeCommand('sourceAnnotator.tagEntity', 'Person');
    assert.equal(result, undefined);
    assert.deepEqual(await bytesOf('corrupt.txt.tags.json'), before, 'the file is byte-identical');
    assert.match(api.statusText(), /tags paused/);
  });

  test('a sidecar from a newer version is read-only', async () => {
    const before = await bytesOf('future.txt.tags.json');
    const editor = await open('future.txt');
    const state = await api.state(editor.document);
    assert.equal(state!.blocked?.readOnly, true);
    assert.match(state!.blocked.problem, /newer Source Annotator/);
    select(editor, 'Petra Lind');
    await vscode.commands.executeCommand('sourceAnnotator.tagEntity', 'Person');
    assert.deepEqual(await bytesOf('future.txt.tags.json'), before);
  });

  test('saving, which flips the dirty flag, neither analyses the article again nor moves its tags', async () => {
    const editor = await open('harbor.txt');
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), ' '));
    await api.idle();
    const state = (await api.state(editor.document))!;
    const analysis = state.incremental;
    const tags = state.sidecar?.tags;
    assert.ok(await editor.document.save());
    await api.idle();
    assert.equal(state.incremental, analysis, 'the analysis is the same object: nothing was analysed again');
    assert.equal(state.sidecar?.tags, tags);
    await editor.edit((e) => e.delete(new vscode.Range(0, 0, 0, 1)));
    assert.ok(await editor.document.save());
    await api.idle();
  });

  test('typing before a tag moves it with the text', async () => {
    const editor = await open('harbor.txt');
    const before = (await api.state(editor.document))!.sidecar!.tags.find((t) => t.label === 'Person')!;
    await editor.edit((e) => e.insert(new vscode.Position(1, 0), 'UPDATE: '));
    await api.idle();
    const after = (await api.state(editor.document))!.sidecar!.tags.find((t) => t.id === before.id)!;
    assert.equal(after.target.start, before.target.start + 'UPDATE: '.length);
    assert.deepEqual(painted(editor, 'Person/confirmed'), ['Mira Okafor']);
    assert.ok(await editor.document.save());
    await api.idle();
    const saved = (await sidecarOf('harbor.txt'))!.tags.find((t) => t.id === before.id)!;
    assert.equal(saved.target.start, after.target.start, 'saving the article writes the moved offsets');
  });

  test('with quietRelativeDates, relative dates and durations get the faint outline and calendar dates keep theirs', async () => {
    await vscode.workspace.fs.writeFile(
      fileUri('quiet-dates.txt'),
      new TextEncoder().encode('Published 3 March 2025. The ferry pier reopened yesterday after three years of repairs.\n'),
    );
    const editor = await open('quiet-dates.txt');
    const settings = vscode.workspace.getConfiguration('sourceAnnotator');
    assert.deepEqual(painted(editor, 'Date/quiet'), [], 'off by default');
    try {
      await settings.update('quietRelativeDates', true, vscode.ConfigurationTarget.Workspace);
      await until('the relative date and the duration are quiet', () => painted(editor, 'Date/quiet').length === 2);
      assert.deepEqual(painted(editor, 'Date/quiet'), ['yesterday', 'three years']);
      assert.deepEqual(painted(editor, 'Date/suggested'), ['3 March 2025']);
    } finally {
      await settings.update('quietRelativeDates', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await until('every date is painted alike again', () => painted(editor, 'Date/suggested').length === 3);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.workspace.fs.delete(fileUri('quiet-dates.txt'));
  });
});

suite('Large articles', () => {
  suiteSetup(async () => {
    await activate();
  });

  // The megabyte article would otherwise be indexed again by every later suite that changes the detector.
  suiteTeardown(async () => {
    await vscode.workspace.fs.delete(fileUri('large.txt')).then(undefined, () => undefined);
    await api.idle();
  });

  test('a 1 MB article: typing keeps decorations equal to a fresh analysis, and fast', async function () {
    this.timeout(180000);
    const sentences = [
      'Officials at the Meridian Port Authority said on March 3 that repairs would cost $4 million.',
      'According to Dr. Helen Park, the Riverside Council approved the plan in Lisbon.',
      'The report was reportedly delayed until June, a spokesman for Northgate Analytics told reporters.',
      'Residents asked whether the water was safe?',
    ];
    let text = '';
    for (let i = 0; text.length < 1024 * 1024; i++) text += `${sentences[i % 4]} Item ${i}.\n`;
    const uri = fileUri('large.txt');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    const heapBefore = retainedHeapMB();
    const started = Date.now();
    const editor = await open('large.txt');
    await api.idle();
    console.log(`      extension host heap: ${heapBefore} MB before opening, ${retainedHeapMB()} MB after`);
    console.log(
      `      opened and analysed a ${(text.length / 1048576).toFixed(2)} MB article in ${Date.now() - started} ms; activation took ${api.activationMs.toFixed(1)} ms`,
    );
    const before = api.paintLatencies().length;
    for (let i = 0; i < 30; i++) {
      const line = (i * 977) % editor.document.lineCount;
      await editor.edit((e) => e.insert(new vscode.Position(line, 0), i % 3 === 0 ? 'Paris ' : i % 3 === 1 ? 'X' : '\n'));
      await api.idle();
      if (i % 10 === 9) console.log(`      ${i + 1} edits done at ${Date.now() - started} ms`);
    }
    await api.idle();
    api.paintNow(); // the full paint that otherwise waits for typing to pause
    const fresh = await api.freshMarks(editor.document);
    const paintedNow = api.decorations(editor.document);
    const flat = Object.entries(paintedNow).flatMap(([key, spans]) => spans.map((s) => ({ key, start: s.start, end: s.end })));
    const order = (a: { key: string; start: number; end: number }, b: { key: string; start: number; end: number }) =>
      a.start - b.start || a.end - b.end || a.key.localeCompare(b.key);
    // Compared by hand: a failing deepEqual would print a diff of tens of thousands of marks.
    flat.sort(order);
    fresh.sort(order);
    const differ = flat.filter((m, i) => order(m, fresh[i] ?? { key: '', start: -1, end: -1 }) !== 0);
    assert.equal(flat.length, fresh.length, 'as many marks painted as a fresh analysis finds');
    assert.deepEqual(differ.slice(0, 5), [], `${differ.length} painted marks differ from a fresh analysis`);
    const latencies = api
      .paintLatencies()
      .slice(before)
      .sort((a, b) => a - b);
    const p95 = latencies[Math.floor(latencies.length * 0.95)];
    console.log(`      latencies (ms): ${latencies.join(' ')}`);
    console.log(
      `      edit → decorations on 1 MB: p50 ${latencies[Math.floor(latencies.length / 2)]} ms, p95 ${p95} ms over ${latencies.length} edits (${flat.length} marks)`,
    );
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});

/**
 * The extension host's heap after a full garbage collection, in MB: what is kept, not what awaits
 * collection. The host runs without --expose-gc; V8 lets the flag be set at run time.
 */
function retainedHeapMB(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return Math.round(process.memoryUsage().heapUsed / 1048576);
}
