// Runs the built CLI (dist/cli.js) on hostile workspaces: what it writes is valid, concurrent writers
// keep each other's tags, nothing but regular files is opened, nothing it reads is overwritten.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSidecar } from '../../../extension/core/sidecar/read';
import { addTag, emptySidecar } from '../../../extension/core/sidecar/model';
import { writeSidecar } from '../../../extension/core/sidecar/write';

const CLI = join(__dirname, '../../../../dist/cli.js');
/** Long enough for a slow machine; a hang (a FIFO opened) would exceed it. */
const TIMEOUT_MS = 60_000;

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const ARTICLE = 'The harbour council met on Tuesday. Ilse Varga chaired the meeting. Tomas Berg voted against the plan.\n';

function span(words: string): [number, number] {
  const at = ARTICLE.indexOf(words);
  return [at, at + words.length];
}

/** A workspace with a.txt and a sidecar holding one tag on "Ilse Varga". */
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sa-integrity-'));
  writeFileSync(join(dir, 'a.txt'), ARTICLE);
  const [start, end] = span('Ilse Varga');
  const sidecar = addTag(
    emptySidecar('a.txt', ARTICLE),
    ARTICLE,
    { kind: 'entity', label: 'Person', status: 'confirmed', start, end },
    { author: 'test', now: '2024-01-01T00:00:00Z' },
  ).sidecar;
  writeFileSync(join(dir, 'a.txt.tags.json'), writeSidecar(sidecar));
  return dir;
}

/** A brat annotation of `words` as an organization, with extra note lines. */
function ann(words: string, notes = ''): string {
  const [start, end] = span(words);
  return `T1\tOrganization ${start} ${end}\t${words}\n${notes}`;
}

test('import refuses to write a sidecar readers would refuse, and leaves the tags already there', () => {
  for (const [what, notes] of [
    ['an empty free tag', '#1\tTag T1\t\n'],
    ['a verdict over the schema limit', `#1\tVerdict T1\t${'v'.repeat(201)}\n`],
    ['a 21 MB note', `#1\tAnnotatorNotes T1\t${'n'.repeat(21 * 1024 * 1024)}\n`],
  ]) {
    const dir = workspace();
    const before = readFileSync(join(dir, 'a.txt.tags.json'), 'utf8');
    writeFileSync(join(dir, 'a.ann'), ann('harbour council', notes));
    const r = cli('import', dir, '--format', 'brat');
    assert.equal(r.code, 1, `${what}: ${r.stderr}`);
    assert.match(r.stderr, /would not be valid/, what);
    assert.equal(readFileSync(join(dir, 'a.txt.tags.json'), 'utf8'), before, what);
    rmSync(dir, { recursive: true });
  }
});

function importAsync(dir: string, from: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'import', dir, '--format', 'brat', '--from', from], {
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' },
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

test('two import runs at once on one article both keep their tag (real concurrent processes)', async () => {
  for (let trial = 0; trial < 4; trial++) {
    const dir = workspace();
    const one = join(dir, 'from-one');
    const two = join(dir, 'from-two');
    mkdirSync(one);
    mkdirSync(two);
    writeFileSync(join(one, 'a.ann'), ann('harbour council'));
    writeFileSync(join(two, 'a.ann'), ann('Tomas Berg'));
    const results = await Promise.all([importAsync(dir, one), importAsync(dir, two)]);
    for (const r of results) assert.equal(r.code, 0, r.stderr);
    const read = readSidecar(readFileSync(join(dir, 'a.txt.tags.json'), 'utf8'));
    assert.ok(read.ok);
    assert.deepEqual(
      read.sidecar.tags.map((t) => t.target.quote).sort(),
      ['Ilse Varga', 'Tomas Berg', 'harbour council'],
      `trial ${trial}`,
    );
    rmSync(dir, { recursive: true });
  }
});

function mkfifo(path: string): void {
  const r = spawnSync('mkfifo', [path]);
  assert.equal(r.status, 0, 'mkfifo');
}

test('validate reports symbolic links, folders, FIFOs and unreadable articles, and goes on; export and import do not hang on a FIFO', () => {
  const dir = workspace();
  writeFileSync(join(dir, 'b.txt'), ARTICLE);
  mkfifo(join(dir, 'b.txt.tags.json'));
  writeFileSync(join(dir, 'c.txt'), ARTICLE);
  symlinkSync(join(dir, 'a.txt.tags.json'), join(dir, 'c.txt.tags.json'));
  writeFileSync(join(dir, 'd.txt'), ARTICLE);
  mkdirSync(join(dir, 'd.txt.tags.json'));
  mkdirSync(join(dir, 'e.txt'));
  writeFileSync(join(dir, 'e.txt.tags.json'), readFileSync(join(dir, 'a.txt.tags.json')));
  const r = cli('validate', dir);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /b\.txt\.tags\.json: it is a named pipe/);
  assert.match(r.stdout, /c\.txt\.tags\.json: it is a symbolic link/);
  assert.match(r.stdout, /d\.txt\.tags\.json: it is a folder/);
  assert.match(r.stdout, /e\.txt\.tags\.json: its article e\.txt cannot be checked: it is a folder/);
  assert.match(r.stderr, /5 sidecar\(s\) checked, 4 with problems/);

  const exported = cli('export', dir, '--format', 'csv', '--out', join(dir, 'out.csv'));
  assert.equal(exported.code, 1);
  assert.match(exported.stderr, /named pipe/);
  writeFileSync(join(dir, 'b.ann'), ann('Tomas Berg'));
  const imported = cli('import', dir, '--format', 'brat');
  assert.equal(imported.code, 1);
  assert.match(imported.stderr, /named pipe/);
  rmSync(dir, { recursive: true });
});

test('a sidecar with invalid UTF-8 is refused by validate and import, never rewritten', () => {
  const dir = workspace();
  const good = readFileSync(join(dir, 'a.txt.tags.json'));
  const bad = Buffer.concat([
    good.subarray(0, good.indexOf('"test"') + 2),
    Buffer.from([0xff, 0xfe]),
    good.subarray(good.indexOf('"test"') + 2),
  ]);
  writeFileSync(join(dir, 'a.txt.tags.json'), bad);
  assert.match(cli('validate', dir).stdout, /not valid UTF-8/);
  writeFileSync(join(dir, 'a.ann'), ann('Tomas Berg'));
  assert.equal(cli('import', dir, '--format', 'brat').code, 1);
  assert.deepEqual(readFileSync(join(dir, 'a.txt.tags.json')), bad);
  rmSync(dir, { recursive: true });
});

test('export --out naming the sidecar or article it reads is refused', () => {
  const dir = workspace();
  const before = readFileSync(join(dir, 'a.txt.tags.json'), 'utf8');
  for (const target of ['a.txt.tags.json', 'a.txt']) {
    const r = cli('export', dir, '--format', 'jsonl', '--out', join(dir, target));
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /which this export reads/);
  }
  assert.equal(readFileSync(join(dir, 'a.txt.tags.json'), 'utf8'), before);
  assert.equal(readFileSync(join(dir, 'a.txt'), 'utf8'), ARTICLE);
  rmSync(dir, { recursive: true });
});

test('detect refuses a 200 MB file politely, as the editor does, and analyses the others', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sa-integrity-'));
  const fd = openSync(join(dir, 'huge.txt'), 'w');
  ftruncateSync(fd, 200 * 1024 * 1024);
  closeSync(fd);
  writeFileSync(join(dir, 'small.txt'), ARTICLE);
  const r = cli('detect', dir);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /huge\.txt not analysed: it is 200\.0 MB, above the 5 MB limit/);
  assert.match(r.stdout, /small\.txt: \d+ entities/);
  rmSync(dir, { recursive: true });
});
