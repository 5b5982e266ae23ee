// Runs the built CLI (dist/cli.js) on a temp folder: export in every format, import back, validate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sharedDir } from '../../../scripts/train/paths';
import { writeSidecar } from '../../../extension/core/sidecar/write';
import { readSidecar } from '../../../extension/core/sidecar/read';
import { EXPORT_FORMATS } from '../../../extension/core/export/index';
import { writeCorrections } from '../../../extension/core/detect/feedback';
import { createDetector } from '../../../extension/core/detect/index';
import { addTag, emptySidecar } from '../../../extension/core/sidecar/model';
import { FIXTURES, mixedDoc, notesDoc } from './fixtures';

const CLI = join(__dirname, '../../../../dist/cli.js');

function cli(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A workspace: news/mixed.txt and notes.md, with sidecars when `tagged`. */
function workspace(tagged: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'sa-export-'));
  mkdirSync(join(dir, 'news'));
  copyFileSync(join(FIXTURES, 'mixed.txt'), join(dir, 'news/mixed.txt'));
  copyFileSync(join(FIXTURES, 'notes.md'), join(dir, 'notes.md'));
  if (tagged) {
    writeFileSync(join(dir, 'news/mixed.txt.tags.json'), writeSidecar(mixedDoc().sidecar));
    writeFileSync(join(dir, 'notes.md.tags.json'), writeSidecar(notesDoc().sidecar));
  }
  return dir;
}

function tagsOf(dir: string, article: string): string[] {
  const read = readSidecar(readFileSync(join(dir, article + '.tags.json'), 'utf8'));
  assert.ok(read.ok);
  return read.sidecar.tags.map((t) => `${t.label}:${t.target.start}-${t.target.end}:${t.verdict}:${[...t.tags].sort().join('|')}`).sort();
}

test('export writes every format; single files and folders; summary on stderr', () => {
  const dir = workspace(true);
  for (const format of EXPORT_FORMATS) {
    const out = join(dir, 'out-' + format);
    const r = cli('export', dir, '--format', format, '--out', out);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, new RegExp(`exported 2 article\\(s\\), 14 tag\\(s\\) as ${format}`));
    assert.ok(existsSync(out));
  }
  assert.deepEqual(readdirSync(join(dir, 'out-brat')).sort(), ['annotation.conf', 'news', 'notes.md.ann', 'notes.md.txt']);
  assert.deepEqual(readdirSync(join(dir, 'out-labelstudio')).sort(), ['labels-config.xml', 'tasks.json']);
  assert.equal(readFileSync(join(dir, 'out-csv'), 'utf8').charCodeAt(0), 0xfeff);
  rmSync(dir, { recursive: true });
});

test('export refuses bad input clearly and leaves no partial output', () => {
  const dir = workspace(true);
  assert.equal(cli('export', dir, '--format', 'xml', '--out', join(dir, 'x')).code, 2);
  assert.equal(cli('export', join(dir, 'missing'), '--format', 'csv', '--out', join(dir, 'x')).code, 1);
  mkdirSync(join(dir, 'full'));
  writeFileSync(join(dir, 'full/keep.txt'), 'x');
  const busy = cli('export', dir, '--format', 'brat', '--out', join(dir, 'full'));
  assert.equal(busy.code, 1);
  assert.match(busy.stderr, /not an empty folder/);
  writeFileSync(join(dir, 'notes.md.tags.json'), '{"version": 1, "tags": ');
  const broken = cli('export', dir, '--format', 'csv', '--out', join(dir, 'out.csv'));
  assert.equal(broken.code, 1);
  assert.match(broken.stderr, /notes\.md\.tags\.json: it is not valid JSON/);
  assert.ok(!existsSync(join(dir, 'out.csv')));
  assert.deepEqual(
    readdirSync(dir).filter((n) => n.includes('.tmp-')),
    [],
  );
  rmSync(dir, { recursive: true });
});

test('import brat, w3c and labelstudio exports into untagged copies reproduces the tags', () => {
  const source = workspace(true);
  for (const format of ['brat', 'w3c', 'labelstudio'] as const) {
    const out = join(source, 'exp-' + format);
    assert.equal(cli('export', source, '--format', format, '--out', out).code, 0);
    const target = workspace(false);
    const from = format === 'brat' ? out : format === 'w3c' ? out : join(out, 'tasks.json');
    const r = cli('import', target, '--format', format, '--from', from, '--author', 'Importer');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /news\/mixed\.txt: 8 added/);
    for (const article of ['news/mixed.txt', 'notes.md'])
      assert.deepEqual(tagsOf(target, article), tagsOf(source, article), `${format} ${article}`);
    const again = cli('import', target, '--format', format, '--from', from);
    assert.match(again.stderr, /0 added, 0 updated, 8 already there/);
    assert.equal(cli('validate', target).code, 0);
    rmSync(target, { recursive: true });
  }
  rmSync(source, { recursive: true });
});

test('import brat reads X.ann beside X.txt in the folder itself', () => {
  const dir = workspace(false);
  writeFileSync(join(dir, 'news/mixed.ann'), 'T1\tPerson 20 26\tLi Wei\nT2\tLocation 0 4\tNope\n');
  const r = cli('import', dir, '--format', 'brat');
  assert.equal(r.code, 1, 'something was left out');
  assert.match(r.stderr, /news\/mixed\.txt: 1 added.*1 not anchored/);
  assert.match(r.stderr, /T2: "Nope" is not in the article/);
  assert.deepEqual(tagsOf(dir, 'news/mixed.txt'), ['Person:21-27:null:'], 'code points 20–26 are UTF-16 21–27 after the emoji');
  rmSync(dir, { recursive: true });
});

test('import never overwrites an unreadable sidecar', () => {
  const dir = workspace(true);
  const out = join(dir, 'w3c.jsonld');
  assert.equal(cli('export', dir, '--format', 'w3c', '--out', out).code, 0);
  writeFileSync(join(dir, 'notes.md.tags.json'), 'not json');
  const r = cli('import', dir, '--format', 'w3c', '--from', out);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /notes\.md\.tags\.json: it is not valid JSON.*left as it is/);
  assert.equal(readFileSync(join(dir, 'notes.md.tags.json'), 'utf8'), 'not json');
  rmSync(dir, { recursive: true });
});

test('validate: zero on good sidecars, per-file messages and exit 1 on problems', () => {
  const dir = workspace(true);
  const ok = cli('validate', dir);
  assert.equal(ok.code, 0, ok.stdout);
  assert.match(ok.stderr, /2 sidecar\(s\) checked, 0 with problems/);
  writeFileSync(join(dir, 'news/mixed.txt'), readFileSync(join(dir, 'news/mixed.txt'), 'utf8').replace('Monday', 'Sunday'));
  writeFileSync(join(dir, 'notes.md.tags.json'), JSON.stringify({ version: 1, tags: [] }));
  writeFileSync(join(dir, 'gone.txt.tags.json'), writeSidecar(notesDoc().sidecar));
  const bad = cli('validate', dir);
  assert.equal(bad.code, 1);
  assert.match(bad.stdout, /^news\/mixed\.txt\.tags\.json: contentHash does not match/m);
  assert.match(bad.stdout, /^news\/mixed\.txt\.tags\.json: tag \S+ \(Date "Monday"\): the text at \d+–\d+ is "Sunday"/m);
  assert.match(bad.stdout, /^notes\.md\.tags\.json: it does not match the sidecar schema/m);
  assert.match(bad.stdout, /^gone\.txt\.tags\.json: its article gone\.txt does not exist/m);
  assert.match(bad.stderr, /3 sidecar\(s\) checked, 3 with problems/);
  rmSync(dir, { recursive: true });
});

test("detect --corrections tags with what the model learned from a workspace's tags; a bad file is refused", () => {
  const dir = mkdtempSync(join(tmpdir(), 'sa-detect-'));
  // A sentence where the shipped model types the name a person too, so that there is something to learn.
  const learned = 'Halvard Pemberton, the broadband provider, said its customers were affected.';
  const start = learned.indexOf('Halvard Pemberton');
  const sidecar = addTag(
    emptySidecar('a.txt', learned),
    learned,
    { kind: 'entity', label: 'Organization', status: 'confirmed', start, end: start + 'Halvard Pemberton'.length },
    { author: 't', now: '2026-01-01T00:00:00Z' },
  ).sidecar;
  const detector = createDetector(new Uint8Array(readFileSync(join(__dirname, '../../../../media/models/detector.bin'))));
  const corrections = detector.learnCorrections([{ text: learned, format: 'plaintext', tags: sidecar.tags }]);
  assert.ok(corrections);
  writeFileSync(join(dir, 'model-corrections.json'), writeCorrections(corrections));
  writeFileSync(join(dir, 'elsewhere.txt'), 'A spokesperson for Halvard Pemberton declined to comment on the outage.\n');
  const typeOf = (...extra: string[]): string | undefined => {
    const r = cli('detect', join(dir, 'elsewhere.txt'), '--json', ...extra);
    assert.equal(r.code, 0, r.stderr);
    return (JSON.parse(r.stdout) as { entities: { text: string; type: string }[] }[])[0].entities.find(
      (e) => e.text === 'Halvard Pemberton',
    )?.type;
  };
  assert.notEqual(typeOf(), 'Organization', 'the shipped model alone gets it wrong');
  assert.equal(typeOf('--corrections', join(dir, 'model-corrections.json')), 'Organization');
  writeFileSync(join(dir, 'bad.json'), '{"version": 99}');
  const bad = cli('detect', join(dir, 'elsewhere.txt'), '--corrections', join(dir, 'bad.json'));
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /cannot use the corrections .*bad\.json/);
  rmSync(dir, { recursive: true, force: true });
});

test('detect --json gives dates and amounts their normalized value, relative dates against the article date', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sa-detect-'));
  writeFileSync(join(dir, 'pier.txt'), 'Published 3 March 2025.\nThe council met on Tuesday and approved $2.5 million for the pier.\n');
  const r = cli('detect', join(dir, 'pier.txt'), '--json');
  assert.equal(r.code, 0, r.stderr);
  const entities = (JSON.parse(r.stdout) as { entities: { text: string; type: string; value?: unknown }[] }[])[0].entities;
  const valueOf = (text: string): unknown => entities.find((e) => e.text === text)?.value;
  assert.deepEqual(valueOf('3 March 2025'), { kind: 'absolute', iso: '2025-03-03' });
  assert.deepEqual(valueOf('Tuesday'), { kind: 'relative', iso: '2025-02-25' });
  assert.deepEqual(valueOf('$2.5 million'), { currency: 'USD', amount: 2_500_000 });
  assert.ok(entities.filter((e) => e.type !== 'Date' && e.type !== 'Money').every((e) => e.value === undefined));
  rmSync(dir, { recursive: true, force: true });
});

test('export --include suggestions pre-annotates every article of ../shared/corpus, in every format', () => {
  const shared = sharedDir(resolve(__dirname, '../../../..'));
  assert.ok(shared, 'the shared folder beside the repository holds the sample corpus');
  const corpus = join(shared, 'corpus');
  const articles = readdirSync(corpus)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  assert.equal(articles.length, 5);
  const out = mkdtempSync(join(tmpdir(), 'sa-preannotate-'));
  for (const format of EXPORT_FORMATS) {
    const target = join(out, format);
    const r = cli('export', corpus, '--include', 'suggestions', '--format', format, '--out', target);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, new RegExp(`exported 5 article\\(s\\), [1-9]\\d* suggestion\\(s\\) as ${format}`));
    const each = (texts: string[]): void =>
      assert.deepEqual(
        texts.map((t) => articles.filter((a) => t.includes(a)).length),
        texts.map(() => 1),
      );
    switch (format) {
      case 'csv':
      case 'jsonl':
      case 'w3c': {
        const content = readFileSync(target, 'utf8');
        for (const a of articles) assert.ok(content.includes(a), `${format} has suggestions of ${a}`);
        break;
      }
      case 'brat':
        for (const a of articles) assert.match(readFileSync(join(target, a.replace(/\.txt$/, '.ann')), 'utf8'), /^A1\tSuggested T1$/m);
        break;
      case 'conll':
        assert.equal(readFileSync(target, 'utf8').split('-DOCSTART- O').length - 1, 5);
        assert.match(readFileSync(target, 'utf8'), / B-(PER|ORG|LOC|MISC|DATE|MONEY)$/m);
        break;
      case 'spacy': {
        const examples = JSON.parse(readFileSync(target, 'utf8'));
        assert.equal(examples.length, 5);
        assert.ok(examples.every((e: [string, { entities: unknown[] }]) => e[1].entities.length > 0));
        break;
      }
      case 'labelstudio': {
        const tasks = JSON.parse(readFileSync(join(target, 'tasks.json'), 'utf8'));
        each(tasks.map((t: { data: { file: string } }) => t.data.file));
        assert.ok(tasks.every((t: { predictions: { result: unknown[] }[] }) => t.predictions[0].result.length > 0));
        break;
      }
      case 'claimreview':
        // Suggestions have no verdict: a ClaimReview is a fact-checker's decision, never a suggestion.
        assert.deepEqual(JSON.parse(readFileSync(target, 'utf8')), []);
        break;
    }
  }
  const w3c = JSON.parse(readFileSync(join(out, 'w3c'), 'utf8'));
  assert.ok(
    w3c.first.items.every((a: { target: { source: string } }) => a.target.source.startsWith('file:///')),
    'targets are file:// URIs',
  );
  rmSync(out, { recursive: true, force: true });
});

test('export with 1 and 2 workers writes the same file; --base-uri names the articles; an unreadable sidecar stops it', () => {
  const dir = workspace(true);
  writeFileSync(join(dir, 'untagged.txt'), 'Mayor Ida Brun of Velby said on Monday that the port will reopen.\n');
  const one = cli(
    'export',
    dir,
    '--include',
    'all',
    '--format',
    'w3c',
    '--out',
    join(dir, 'one.jsonld'),
    '--workers',
    '1',
    '--base-uri',
    'https://example.org/corpus',
  );
  const two = cli(
    'export',
    dir,
    '--include',
    'all',
    '--format',
    'w3c',
    '--out',
    join(dir, 'two.jsonld'),
    '--workers',
    '2',
    '--base-uri',
    'https://example.org/corpus',
  );
  assert.equal(one.code, 0, one.stderr);
  assert.equal(two.code, 0, two.stderr);
  const read = (name: string): string => readFileSync(join(dir, name), 'utf8');
  assert.equal(read('one.jsonld').replaceAll('one.jsonld', 'two.jsonld'), read('two.jsonld'));
  const collection = JSON.parse(read('one.jsonld'));
  assert.equal(collection.id, 'https://example.org/corpus/one.jsonld');
  const sources = new Set(collection.first.items.map((a: { target: { source: string } }) => a.target.source));
  assert.deepEqual([...sources].sort(), [
    'https://example.org/corpus/news/mixed.txt',
    'https://example.org/corpus/notes.md',
    'https://example.org/corpus/untagged.txt',
  ]);
  writeFileSync(join(dir, 'untagged.txt.tags.json'), '{ broken');
  const broken = cli('export', dir, '--include', 'suggestions', '--format', 'brat', '--out', join(dir, 'brat'));
  assert.equal(broken.code, 1);
  assert.match(broken.stderr, /untagged\.txt\.tags\.json/);
  assert.ok(!existsSync(join(dir, 'brat')) && !readdirSync(dir).some((f) => f.includes('.tmp-')), 'nothing written, no temp left');
  rmSync(dir, { recursive: true, force: true });
});

test('no command lists every command with every option; detect explains a missing corrections file', () => {
  const r = cli();
  assert.equal(r.code, 2);
  for (const option of [
    '--include',
    '--workers',
    '--base-uri',
    '--rating-scale',
    '--corrections',
    '--model',
    '--from',
    '--author',
    '--json',
    '--article',
  ]) {
    assert.ok(r.stdout.includes(option), `usage lists ${option}`);
  }
  const dir = workspace(false);
  const missing = cli('detect', dir, '--corrections', join(dir, '.source-annotator/model-corrections.json'));
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /model-corrections\.json does not exist \(the editor writes/);
  assert.ok(!missing.stderr.includes('ENOENT'));
  rmSync(dir, { recursive: true, force: true });
});

/** A folder of invented articles whose detect --json output is far beyond a pipe's 64 KB buffer. */
function manyArticles(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sa-detect-many-'));
  const article = 'Officials at Harlow Mills said on March 3, 2024 that Dana Petrov would lead the $4 million review in Ostrava.\n'.repeat(
    20,
  );
  for (let i = 0; i < 60; i++) writeFileSync(join(dir, `article-${i}.txt`), article);
  return dir;
}

/** Runs the CLI into a pipe whose reader starts late, as `| jq` on a busy machine does. */
function throughSlowPipe(...args: string[]): { code: number; stdout: string } {
  const quoted = [process.execPath, CLI, ...args].map((a) => `'${a}'`).join(' ');
  const r = spawnSync('sh', ['-c', `${quoted} | (sleep 1; cat)`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status ?? -1, stdout: r.stdout };
}

test('detect --json writes all of a large output into a pipe', () => {
  const dir = manyArticles();
  const r = throughSlowPipe('detect', dir, '--json');
  assert.ok(r.stdout.length > 256 * 1024, `output of ${r.stdout.length} characters`);
  assert.equal((JSON.parse(r.stdout) as unknown[]).length, 60);
  rmSync(dir, { recursive: true, force: true });
});

test('detect --jsonl streams one article per line', () => {
  const dir = manyArticles();
  const r = throughSlowPipe('detect', dir, '--jsonl');
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 60);
  for (const line of lines) assert.ok((JSON.parse(line) as { entities: unknown[] }).entities.length > 0);
  const both = cli('detect', dir, '--json', '--jsonl');
  assert.equal(both.code, 2);
  rmSync(dir, { recursive: true, force: true });
});
