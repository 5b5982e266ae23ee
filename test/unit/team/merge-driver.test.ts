import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { addTag, emptySidecar, updateTag } from '../../../extension/core/sidecar/model';
import { readSidecar } from '../../../extension/core/sidecar/read';
import type { Sidecar } from '../../../extension/core/sidecar/types';
import { writeSidecar } from '../../../extension/core/sidecar/write';

// The bundled test runs from out/test/unit/team; the CLI it drives is the built dist/cli.js.
const cli = resolve(__dirname, '../../../../dist/cli.js');
const TEXT = 'Ada Ruiz of Kestrel Labs said prices rose 4% in Lisbon.\n';
const SIDECAR = 'article.txt.tags.json';
const temps: string[] = [];
after(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

function stamp(author: string) {
  return { author, now: new Date().toISOString() };
}

function git(repo: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: repo } });
}

function tagWord(s: Sidecar, word: string, label: 'Person' | 'Organization' | 'Location' | 'Claim', author: string): Sidecar {
  const start = TEXT.indexOf(word);
  return addTag(
    s,
    TEXT,
    { kind: label === 'Claim' ? 'claim' : 'entity', label, status: 'confirmed', start, end: start + word.length },
    stamp(author),
  ).sidecar;
}

function read(repo: string): Sidecar {
  const r = readSidecar(readFileSync(join(repo, SIDECAR), 'utf8'));
  assert.ok(r.ok, r.ok ? '' : r.problem);
  return r.sidecar;
}

function commit(repo: string, s: Sidecar, message: string): void {
  writeFileSync(join(repo, SIDECAR), writeSidecar(s));
  git(repo, 'commit', '-qam', message);
}

/** A repository with the article and a sidecar holding one claim, the driver configured, and a branch "other". */
function repository(): { repo: string; base: Sidecar } {
  const repo = mkdtempSync(join(tmpdir(), 'sa-merge-'));
  temps.push(repo);
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'config', 'user.name', 'Test');
  git(repo, 'config', 'user.email', 'test@example.com');
  git(repo, 'config', 'merge.source-annotator.driver', `node ${JSON.stringify(cli)} merge-driver %O %A %B`);
  writeFileSync(join(repo, '.gitattributes'), '*.tags.json merge=source-annotator\n');
  writeFileSync(join(repo, 'article.txt'), TEXT);
  const base = tagWord(emptySidecar('article.txt', TEXT), 'prices rose 4%', 'Claim', 'lead');
  writeFileSync(join(repo, SIDECAR), writeSidecar(base));
  git(repo, 'add', '.');
  git(repo, 'commit', '-qm', 'article and a claim');
  git(repo, 'branch', 'other');
  return { repo, base };
}

function merge(repo: string): { status: number | null; stderr: string } {
  const r = spawnSync('git', ['merge', '--no-edit', 'other'], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: repo },
  });
  return { status: r.status, stderr: r.stderr + r.stdout };
}

test('the built CLI exists (run the build first)', () => {
  assert.ok(existsSync(cli), `${cli} is missing`);
});

test('git merges tags added on two branches with the driver, no conflict', () => {
  const { repo, base } = repository();
  commit(repo, tagWord(base, 'Ada Ruiz', 'Person', 'alice'), 'alice tags a person');
  git(repo, 'checkout', '-q', 'other');
  commit(repo, tagWord(base, 'Lisbon', 'Location', 'bob'), 'bob tags a place');
  git(repo, 'checkout', '-q', 'main');
  const result = merge(repo);
  assert.equal(result.status, 0, result.stderr);
  const merged = read(repo);
  assert.deepEqual(merged.tags.map((t) => t.target.quote).sort(), ['Ada Ruiz', 'Lisbon', 'prices rose 4%']);
  assert.equal(git(repo, 'status', '--porcelain'), '', 'merge committed cleanly');
});

test('a verdict changed differently on both branches is a conflict, and the file stays valid', () => {
  const { repo, base } = repository();
  const claimId = base.tags[0].id;
  commit(repo, updateTag(base, claimId, { verdict: 'true' }, stamp('alice')), 'alice: true');
  git(repo, 'checkout', '-q', 'other');
  commit(repo, tagWord(updateTag(base, claimId, { verdict: 'false' }, stamp('bob')), 'Kestrel Labs', 'Organization', 'bob'), 'bob: false');
  git(repo, 'checkout', '-q', 'main');
  const result = merge(repo);
  assert.notEqual(result.status, 0);
  assert.match(result.stderr, /conflicting tag change/);
  assert.match(result.stderr, /verdict: this branch "true", other branch "false"/);
  assert.match(git(repo, 'status', '--porcelain'), /^UU article\.txt\.tags\.json/m);
  const merged = read(repo);
  assert.equal(merged.tags.find((t) => t.id === claimId)!.verdict, 'true', "this branch's value kept");
  assert.ok(
    merged.tags.some((t) => t.target.quote === 'Kestrel Labs'),
    'the clean part of the other side merged too',
  );
});

test('an unreadable version leaves the current file untouched and exits non-zero', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sa-driver-'));
  temps.push(dir);
  const mine = writeSidecar(tagWord(emptySidecar('article.txt', TEXT), 'Lisbon', 'Location', 'me'));
  writeFileSync(join(dir, 'O'), '');
  writeFileSync(join(dir, 'A'), mine);
  writeFileSync(join(dir, 'B'), '{"version": 1, "tags": [');
  const r = spawnSync(process.execPath, [cli, 'merge-driver', join(dir, 'O'), join(dir, 'A'), join(dir, 'B')], { encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /other branch’s version .* cannot be merged: it is not valid JSON/);
  assert.equal(readFileSync(join(dir, 'A'), 'utf8'), mine);
});

test('without a common ancestor (empty %O) both sides are kept', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sa-driver-'));
  temps.push(dir);
  writeFileSync(join(dir, 'O'), '');
  writeFileSync(join(dir, 'A'), writeSidecar(tagWord(emptySidecar('article.txt', TEXT), 'Lisbon', 'Location', 'me')));
  writeFileSync(join(dir, 'B'), writeSidecar(tagWord(emptySidecar('article.txt', TEXT), 'Ada Ruiz', 'Person', 'you')));
  const r = spawnSync(process.execPath, [cli, 'merge-driver', join(dir, 'O'), join(dir, 'A'), join(dir, 'B')], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const merged = readSidecar(readFileSync(join(dir, 'A'), 'utf8'));
  assert.ok(merged.ok);
  assert.equal(merged.sidecar.tags.length, 2);
});
