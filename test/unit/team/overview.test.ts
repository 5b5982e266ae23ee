import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { addTag, emptySidecar } from '../../../extension/core/sidecar/model';
import type { Tag } from '../../../extension/core/sidecar/types';
import {
  articlesInScope,
  buildOverviewData,
  columnRuns,
  isOverviewMessage,
  MAX_CELL_CLAIMS,
  MAX_TIMELINE_CLAIMS,
  parseClaimDate,
  type OverviewClaimGroupInput,
} from '../../../extension/core/team/overview-data';
import { overviewCsp, overviewHtml } from '../../../extension/core/team/overview-html';
import { collectOverview } from '../../../extension/core/team/overview-collect';
import { createCorpusIndex } from '../../../extension/core/corpus/index';
import { namesAndSentences } from '../corpus/fixtures';
import { createDetector } from '../../../extension/core/detect/index';
import { analysisOf, analyzeAll } from '../../../extension/core/detect/incremental';

const TEXT = 'Ada Ruiz said prices rose. Kestrel denied prices rose.';
const stamp = { author: 'a', now: '2026-01-01T00:00:00.000Z' };

function tags(): Tag[] {
  let s = emptySidecar('one.txt', TEXT);
  s = addTag(s, TEXT, { kind: 'entity', label: 'Person', status: 'confirmed', start: 0, end: 8 }, stamp).sidecar;
  s = addTag(s, TEXT, { kind: 'claim', label: 'Claim', status: 'rejected', start: 14, end: 25 }, stamp).sidecar;
  s = addTag(s, TEXT, { kind: 'entity', label: 'Organization', status: 'confirmed', start: 27, end: 34 }, stamp).sidecar;
  return s.tags.map((t, i) => (i === 2 ? { ...t, anchoring: 'orphaned' as const } : t));
}

/** The corpus index's MentionColumns from rows of [article's place in the list, count, first offset]. */
function mentionColumns(...rows: [number, number, number][]) {
  return {
    articles: Int32Array.from(rows, (r) => r[0]),
    counts: Int32Array.from(rows, (r) => r[1]),
    firstOffsets: Int32Array.from(rows, (r) => r[2]),
  };
}

function sample() {
  return buildOverviewData({
    articles: [
      {
        path: 'news/one.txt',
        tags: tags(),
        claimCount: 2,
        claims: [
          { start: 14, end: 25, text: 'prices rose', date: '2024-05-02' },
          { start: 35, end: 53, text: 'denied prices rose', date: 'spring' },
        ],
      },
      { path: 'news/two.md', tags: [], claimCount: 1, claims: [{ start: 0, end: 5, text: 'rose', date: '2023' }] },
    ],
    entities: [
      { name: 'Ada Ruiz', type: 'Person', mentions: mentionColumns([0, 1, 0]) },
      { name: 'Kestrel', type: 'Organization', mentions: mentionColumns([0, 2, 27], [1, 3, 4]) },
      { name: 'Nobody', type: 'Other', mentions: mentionColumns() },
    ],
    claimGroups: [
      {
        label: 'prices rose',
        claims: [
          { path: 'news/one.txt', start: 14, end: 25, text: 'prices rose', verdict: 'true', stance: 'asserts', differs: null },
          {
            path: 'news/one.txt',
            start: 35,
            end: 53,
            text: 'denied prices rose',
            verdict: null,
            stance: 'denies',
            differs: 'the other claim denies what this one states',
          },
          { path: 'news/two.md', start: 0, end: 5, text: 'rose', verdict: 'false', stance: 'hedged', differs: null },
        ],
      },
    ],
  });
}

test('the overview aligns entity and claim cells on the article columns', () => {
  const d = sample();
  assert.deepEqual(
    d.columns.map((c) => c.name),
    ['one.txt', 'two.md'],
  );
  assert.deepEqual(
    d.entities.map((e) => [e.name, e.total, e.articleCount]),
    [
      ['Kestrel', 5, 2],
      ['Ada Ruiz', 1, 1],
    ],
    'sorted by mentions; entities without mentions left out',
  );
  assert.deepEqual(d.entities[0].cells, [
    { count: 2, articles: 1, path: 'news/one.txt', offset: 27 },
    { count: 3, articles: 1, path: 'news/two.md', offset: 4 },
  ]);
  assert.deepEqual(d.entities[1].cells, [{ count: 1, articles: 1, path: 'news/one.txt', offset: 0 }, null]);
  const [group] = d.claimGroups;
  assert.equal(group.contradiction, true);
  assert.deepEqual(group.verdicts, ['false', 'true']);
  assert.deepEqual(
    [group.cells[0]?.count, group.cells[0]?.stance, group.cells[0]?.verdicts],
    [2, 'asserts', ['true']],
    'an article that also asserts the claim asserts it',
  );
  assert.deepEqual(
    group.cells[1]?.claims.map((c) => c.stance),
    ['hedged'],
    'each cell keeps how its article tells the claim',
  );
  assert.equal(group.articleCount, 2);
});

test('totals count tags by kind and status, orphans, and reviewed claims', () => {
  const t = sample().totals;
  assert.equal(t.articles, 2);
  assert.equal(t.articlesWithTags, 1);
  assert.equal(t.tags, 3);
  assert.deepEqual(t.byKindAndStatus, { entity: { confirmed: 2, rejected: 0 }, claim: { confirmed: 0, rejected: 1 } });
  assert.equal(t.orphaned, 1);
  assert.equal(t.claims, 3);
  assert.equal(t.reviewedClaims, 1, 'a rejected claim tag is a review');
  assert.equal(t.undatedClaims, 1);
});

test('the timeline holds the claims with a readable date, in order', () => {
  const d = sample();
  assert.deepEqual(
    d.timeline.map((c) => c.date),
    ['2023', '2024-05-02'],
  );
  assert.equal(parseClaimDate('2024-13'), null);
  assert.equal(parseClaimDate('2024-02-03T10:00:00Z'), Date.UTC(2024, 1, 3, 10));
  assert.equal(parseClaimDate('May 2'), null);
});

test('messages from the page are checked before use', () => {
  assert.ok(isOverviewMessage({ type: 'ready' }));
  assert.ok(isOverviewMessage({ type: 'open', path: 'a.txt', offset: 3 }));
  assert.ok(!isOverviewMessage({ type: 'open', path: 'a.txt', offset: -1 }));
  assert.ok(!isOverviewMessage({ type: 'open', path: 3, offset: 0 }));
  assert.ok(!isOverviewMessage({ type: 'run', command: 'rm' }));
  assert.ok(isOverviewMessage({ type: 'zoom', into: { first: 'a/1.txt', last: 'a/9.txt', name: 'a/' } }));
  assert.ok(isOverviewMessage({ type: 'zoom', depth: 0 }));
  assert.ok(!isOverviewMessage({ type: 'zoom', depth: -1 }));
  assert.ok(!isOverviewMessage({ type: 'zoom', into: { first: 'b', last: 'a', name: 'x' } }), 'a scope runs forwards');
  assert.ok(!isOverviewMessage({ type: 'zoom', into: { first: 'a', last: 'b' } }));
  assert.ok(!isOverviewMessage({ type: 'open', path: 'a'.repeat(5000), offset: 0 }));
  assert.ok(!isOverviewMessage(null));
});

test('the HTML shell has a strict CSP, the nonce on its only script, and no inline handlers or styles', () => {
  const nonce = 'abcDEF0123456789xyz';
  const html = overviewHtml({
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    nonce,
    scriptUri: 'https://x/dist/overview.js',
    styleUri: 'https://x/media/overview/overview.css',
  });
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
  assert.ok(csp, 'CSP meta tag present');
  const policy = csp[1].replace(/&#39;/g, "'");
  assert.equal(policy, overviewCsp('https://file+.vscode-resource.vscode-cdn.net', nonce));
  assert.match(policy, /^default-src 'none';/);
  assert.match(policy, new RegExp(`script-src 'nonce-${nonce}';`));
  assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval/);
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  assert.deepEqual(scripts, [`<script nonce="${nonce}" src="https://x/dist/overview.js">`]);
  assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no inline event handlers');
  assert.doesNotMatch(html, /\sstyle\s*=|<style/i, 'no inline styles');
  const loaded = [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
  assert.deepEqual(
    loaded,
    ['https://x/media/overview/overview.css', 'https://x/dist/overview.js'],
    'nothing loaded but the two given resources',
  );
  assert.throws(() => overviewHtml({ cspSource: 'c', nonce: 'short', scriptUri: 's', styleUri: 't' }));
});

test('URIs and the title are escaped into the shell', () => {
  const html = overviewHtml({ cspSource: 'c', nonce: 'n'.repeat(32), scriptUri: 'x"><img src=y>', styleUri: 's', title: '<b>' });
  assert.doesNotMatch(html, /<img|<b>/);
});

/** `n` articles named by their folder and number, sorted as the overview gets them. */
function paths(folders: Record<string, number>): string[] {
  return Object.entries(folders)
    .flatMap(([folder, n]) => Array.from({ length: n }, (_, i) => `${folder}/${String(i).padStart(4, '0')}.txt`))
    .sort();
}

test('articles that fit are a column each; more are grouped by the deepest folders that fit, else in runs of equal size', () => {
  const few = paths({ news: 3 });
  assert.deepEqual(
    columnRuns(few, 80).map((r) => [r.start, r.end]),
    [
      [0, 1],
      [1, 2],
      [2, 3],
    ],
  );
  // Two years of months: one column per month, not per year (too few) nor per article (too many).
  const months = paths(Object.fromEntries(['2023', '2024'].flatMap((y) => Array.from({ length: 12 }, (_, m) => [`${y}/${m + 1}`, 20]))));
  const byMonth = columnRuns(months, 80);
  assert.equal(byMonth.length, 24);
  assert.deepEqual(byMonth[0], { start: 0, end: 20, folder: '2023/1' });
  assert.ok(
    byMonth.every((r, i) => i === 0 || r.start === byMonth[i - 1].end),
    'the runs cover the articles in order',
  );
  // One flat folder: runs of equal size, every article in one.
  const flat = columnRuns(paths({ wire: 1000 }), 80);
  assert.ok(flat.length <= 80 && flat.length > 40);
  assert.equal(flat[flat.length - 1].end, 1000);
  assert.ok(flat.every((r) => r.folder === null));
});

test('a corpus of 200,000 articles falls into columns (no list of that size is spread into a call: it overflowed the stack)', () => {
  const many = Array.from(
    { length: 200_000 },
    (_, i) => `${String(Math.floor(i / 1000)).padStart(3, '0')}/a${String(i).padStart(6, '0')}.txt`,
  );
  const runs = columnRuns(many, 80);
  assert.ok(runs.length <= 80 && runs.length > 40);
  assert.equal(runs[runs.length - 1].end, 200_000);
});

test('a grouped column sums its articles’ mentions and opens the first; a claim cell keeps each member’s article', () => {
  const all = paths({ a: 50, b: 50 });
  const d = buildOverviewData({
    articles: all.map((path) => ({ path, tags: [], claimCount: 0, claims: [] })),
    entities: [
      {
        name: 'Kestrel',
        type: 'Organization',
        mentions: mentionColumns([all.indexOf('b/0007.txt'), 2, 9], [all.indexOf('b/0003.txt'), 1, 4], [all.indexOf('a/0001.txt'), 5, 0]),
      },
    ],
    claimGroups: [
      {
        label: 'prices rose',
        claims: [
          { path: 'b/0009.txt', start: 3, end: 8, text: 'rose', verdict: null, stance: 'asserts', differs: null },
          { path: 'b/0002.txt', start: 0, end: 5, text: 'rose!', verdict: null, stance: 'hedged', differs: null },
        ],
      },
    ],
  });
  assert.deepEqual(
    d.columns.map((c) => [c.name, c.title, c.first, c.last, c.folder, c.articleCount]),
    [
      ['a', 'a/', 'a/0000.txt', 'a/0049.txt', true, 50],
      ['b', 'b/', 'b/0000.txt', 'b/0049.txt', true, 50],
    ],
  );
  assert.deepEqual(d.entities[0].cells, [
    { count: 5, articles: 1, path: 'a/0001.txt', offset: 0 },
    { count: 3, articles: 2, path: 'b/0003.txt', offset: 4 },
  ]);
  assert.equal(d.entities[0].articleCount, 3);
  const [group] = d.claimGroups;
  assert.equal(group.cells[0], null);
  assert.deepEqual(
    group.cells[1]?.claims.map((c) => c.path),
    ['b/0002.txt', 'b/0009.txt'],
    'in article order',
  );
  assert.equal(group.cells[1]?.stance, 'asserts');
  assert.equal(group.articleCount, 2, 'articles, not columns');
});

test('a zoom shows the articles of its folder or run, and its trail says where the page is', () => {
  const all = paths({ a: 3, 'a-b': 1, b: 2 });
  assert.deepEqual(articlesInScope(all, { first: 'a/0000.txt', last: 'a/0002.txt', name: 'a/' }), [
    'a/0000.txt',
    'a/0001.txt',
    'a/0002.txt',
  ]);
  assert.deepEqual(articlesInScope(all, undefined), all);
  const d = buildOverviewData({
    articles: articlesInScope(all, { first: 'b/0000.txt', last: 'b/0001.txt', name: 'b/' }).map((path) => ({
      path,
      tags: [],
      claimCount: 0,
      claims: [],
    })),
    entities: [],
    claimGroups: [],
    trail: [{ first: 'b/0000.txt', last: 'b/0001.txt', name: 'b/', articleCount: 2 }],
  });
  assert.deepEqual(
    d.columns.map((c) => c.first),
    ['b/0000.txt', 'b/0001.txt'],
  );
  assert.deepEqual(d.trail, [{ first: 'b/0000.txt', last: 'b/0001.txt', name: 'b/', articleCount: 2 }]);
});

test('a timeline of more dated claims than can be drawn one by one is counted in bins, each opening its earliest claim', () => {
  const day = 86400000;
  const n = MAX_TIMELINE_CLAIMS + 1;
  const d = buildOverviewData({
    articles: [
      {
        path: 'a.txt',
        tags: [],
        claimCount: n,
        claims: Array.from({ length: n }, (_, i) => ({
          start: i,
          end: i + 1,
          text: `claim ${i}`,
          date: new Date(Date.UTC(2024, 0, 1) + (n - 1 - i) * day).toISOString().slice(0, 10),
        })),
      },
    ],
    entities: [],
    claimGroups: [],
  });
  assert.deepEqual(d.timeline, []);
  assert.equal(d.datedClaims, n);
  assert.equal(
    d.timelineBins.reduce((sum, b) => sum + b.count, 0),
    n,
    'every claim in a bin',
  );
  assert.equal(d.timelineBins[0].first.date, '2024-01-01');
  assert.ok(
    d.timelineBins.every((b, i) => i === 0 || b.from >= d.timelineBins[i - 1].to),
    'bins in order, apart',
  );
  assert.ok(d.timelineBins.every((b) => b.first.time >= b.from && b.first.time <= b.to));
});

test('zoomed into a folder, the overview shows its articles, the entities they mention most, and a trail back out', () => {
  const index = createCorpusIndex();
  const texts: Record<string, string> = {
    'east/a.txt': 'Ada Ruiz met Kestrel. Kestrel said prices rose.',
    'east/b.txt': 'Kestrel opened a shop.',
    'west/c.txt': 'Ostmark is cold. Ostmark is far.',
  };
  for (const [path, text] of Object.entries(texts))
    index.updateDocument(
      path,
      text,
      namesAndSentences(text, [
        ['Ada Ruiz', 'Person'],
        ['Kestrel', 'Organization'],
        ['Ostmark', 'Location'],
      ]),
      null,
    );
  const west = { first: 'west/c.txt', last: 'west/c.txt', name: 'west/' };
  const d = collectOverview(index, { trail: [west], claimGroups: [] });
  assert.deepEqual(
    d.columns.map((c) => c.first),
    ['west/c.txt'],
  );
  assert.deepEqual(
    d.entities.map((e) => e.name),
    ['Ostmark'],
  );
  assert.deepEqual(d.trail, [{ ...west, articleCount: 1 }]);
  const whole = collectOverview(index, { trail: [], claimGroups: undefined });
  assert.equal(whole.columns.length, 3);
  assert.equal(whole.claimGroupsPending, true);
  // A zoom whose articles are gone is left for the nearest one out that still has some.
  const gone = collectOverview(index, { trail: [{ first: 'north/a.txt', last: 'north/z.txt', name: 'north/' }], claimGroups: [] });
  assert.deepEqual(gone.trail, []);
  assert.equal(gone.columns.length, 3);
});

test('the overview counts every claim and reads only those with a date or in an article with claim tags, as claimsOf gives them', () => {
  const detector = createDetector(new Uint8Array(readFileSync(join(__dirname, '../../../../media/models/detector.bin'))));
  const index = createCorpusIndex();
  // Invented articles.
  const texts: Record<string, string> = {
    'a.txt': 'The mayor of Ostvik said on 3 March 2024 that the pier would close. Officials said the ferry would be late.',
    'b.txt': 'The council said the old bridge was safe. The harbor authority said on 5 May 2023 that the fees would rise.',
    'c.txt': 'Farmers near Lindholm said the grain price fell by a third.',
  };
  for (const [path, text] of Object.entries(texts)) {
    const analysis = analysisOf(analyzeAll(detector, text, { format: 'plaintext' }));
    let sidecar = null;
    if (path === 'b.txt') {
      const first = analysis.claims[0];
      sidecar = addTag(
        emptySidecar(path, text),
        text,
        { kind: 'claim', label: 'Claim', status: 'confirmed', start: first.start, end: first.end },
        stamp,
      ).sidecar;
    }
    index.updateDocument(path, text, analysis, sidecar);
  }
  const every = index.documents().flatMap((path) => index.claimsOf(path).map((c) => ({ ...c, path })));
  const dated = every.filter((c) => c.date !== null);
  assert.ok(dated.length >= 2 && dated.length < every.length, `${dated.length} of ${every.length} claims dated`);
  for (const path of index.documents()) {
    assert.equal(index.claimCount(path), index.claimsOf(path).length);
    assert.deepEqual(
      index.datedClaims(path),
      index.claimsOf(path).flatMap((c) => (c.date ? [{ start: c.start, end: c.end, text: c.text, date: c.date }] : [])),
    );
  }
  const d = collectOverview(index, { trail: [], claimGroups: [] });
  assert.equal(d.totals.claims, every.length);
  assert.equal(d.totals.reviewedClaims, 1, 'the claim its claim tag confirmed');
  assert.deepEqual(
    d.timeline.map((c) => [c.path, c.start, c.text, c.date]),
    dated.sort((a, b) => a.date!.localeCompare(b.date!)).map((c) => [c.path, c.start, c.text, c.date]),
  );
});

test('a claim-matrix cell of many claims quotes the first few, and counts them all', () => {
  const all = paths({ a: 100 });
  const claims: OverviewClaimGroupInput['claims'][number][] = all.map((path) => ({
    path,
    start: 0,
    end: 4,
    text: 'rose',
    verdict: null,
    stance: 'hedged',
    differs: null,
  }));
  claims.push({ path: 'a/0050.txt', start: 9, end: 13, text: 'fell', verdict: 'false', stance: 'denies', differs: 'opposite' });
  const d = buildOverviewData({
    articles: all.map((path) => ({ path, tags: [], claimCount: 0, claims: [] })),
    entities: [],
    claimGroups: [{ label: 'prices rose', claims }],
    maxColumns: 2,
  });
  const [first, second] = d.claimGroups[0].cells;
  assert.equal(first?.count, 50);
  assert.equal(first?.claims.length, MAX_CELL_CLAIMS);
  assert.equal(first?.stance, 'hedged');
  assert.deepEqual([second?.count, second?.articles, second?.stance, second?.verdicts], [51, 50, 'hedged', ['false']]);
  assert.equal(d.claimGroups[0].contradiction, true, 'from all the claims, not those quoted');
});
