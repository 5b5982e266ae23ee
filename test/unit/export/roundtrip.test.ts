import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exportBrat } from '../../../extension/core/export/brat';
import { exportW3c } from '../../../extension/core/export/w3c';
import { exportLabelStudio } from '../../../extension/core/export/labelstudio';
import { parseBratAnn } from '../../../extension/core/export/import/brat-import';
import { anchorer, mergeImported, parseJsonExport, type ImportedArticle } from '../../../extension/core/export/import/index';
import { emptySidecar } from '../../../extension/core/sidecar/model';
import { readSidecar } from '../../../extension/core/sidecar/read';
import { writeSidecar } from '../../../extension/core/sidecar/write';
import type { Sidecar, Tag } from '../../../extension/core/sidecar/types';
import { mixedDoc, notesDoc, STAMP } from './fixtures';

const confirmed = { include: 'confirmed' } as const;

/** What a round trip must keep of a tag: everything but ids, authorship and times. */
function essence(tags: readonly Tag[]): string[] {
  return tags
    .map((t) =>
      JSON.stringify([
        t.kind,
        t.label,
        t.target.start,
        t.target.end,
        t.target.quote,
        [...t.tags].sort(),
        t.verdict,
        t.note,
        t.entityId,
        t.claim,
      ]),
    )
    .sort();
}

function importInto(doc: { text: string; sidecar: Sidecar }, article: ImportedArticle) {
  const result = mergeImported(emptySidecar(doc.sidecar.article, doc.text), doc.text, article.tags, STAMP);
  const reread = readSidecar(writeSidecar(result.sidecar));
  assert.ok(reread.ok, 'the merged sidecar passes the schema');
  return result;
}

for (const make of [mixedDoc, notesDoc]) {
  const doc = make();

  test(`brat round trip reproduces the tags (${doc.path})`, () => {
    const files = exportBrat([doc], confirmed);
    const imported = parseBratAnn(doc.path, files[1].content);
    assert.deepEqual(imported.problems, []);
    const result = importInto(doc, imported);
    assert.deepEqual(result.unanchored, []);
    // brat has no line breaks in notes: compare with the note as brat keeps it.
    const expected = doc.tags.map((t) => ({ ...t, note: t.note && t.note.replace(/[\r\n\t]+/g, ' ') }));
    assert.deepEqual(essence(result.sidecar.tags), essence(expected));
    assert.ok(result.sidecar.tags.every((t) => t.anchoring === 'exact'));
  });

  test(`W3C round trip reproduces the tags (${doc.path})`, () => {
    const [article] = parseJsonExport('w3c', exportW3c([doc], confirmed));
    assert.equal(article.article, doc.path);
    const result = importInto(doc, article);
    assert.deepEqual(result.unanchored, []);
    assert.deepEqual(essence(result.sidecar.tags), essence(doc.tags));
    assert.ok(result.sidecar.tags.every((t) => t.author === STAMP.author));
  });

  test(`Label Studio round trip reproduces the tags (${doc.path})`, () => {
    const [article] = parseJsonExport('labelstudio', exportLabelStudio([doc], confirmed)[0].content);
    assert.equal(article.text, doc.text);
    const result = importInto(doc, article);
    assert.deepEqual(result.unanchored, []);
    assert.deepEqual(essence(result.sidecar.tags), essence(doc.tags));
  });
}

test('importing the same file twice changes nothing the second time', () => {
  const doc = mixedDoc();
  const [article] = parseJsonExport('w3c', exportW3c([doc], confirmed));
  const first = mergeImported(emptySidecar('mixed.txt', doc.text), doc.text, article.tags, STAMP);
  const second = mergeImported(first.sidecar, doc.text, article.tags, STAMP);
  assert.equal(second.added, 0);
  assert.equal(second.updated, 0);
  assert.equal(second.unchanged, doc.tags.length);
  assert.deepEqual(second.sidecar, first.sidecar);
});

test('a second pass in another tool updates labels, verdicts and tags in place', () => {
  const doc = mixedDoc();
  const tasks = JSON.parse(exportLabelStudio([doc], confirmed)[0].content);
  const region = tasks[0].annotations[0].result.find((r: { value?: { text?: string } }) => r.value?.text === 'Monday');
  region.value.labels = ['Other'];
  const [article] = parseJsonExport('labelstudio', JSON.stringify(tasks));
  const result = mergeImported(doc.sidecar, doc.text, article.tags, STAMP);
  assert.equal(result.added, 0);
  assert.equal(result.updated, 1);
  assert.equal(result.sidecar.tags.find((t) => t.target.quote === 'Monday')?.label, 'Other');
});

test('tags whose text moved are re-anchored by quote; missing and ambiguous quotes are reported', () => {
  const doc = mixedDoc();
  const [article] = parseJsonExport('w3c', exportW3c([doc], confirmed));
  const edited = 'Editor’s note: updated. 🆕\r\n' + doc.text.replace('北京', '上海');
  const result = mergeImported(emptySidecar('mixed.txt', edited), edited, article.tags, STAMP);
  assert.equal(result.unanchored.length, 1);
  assert.match(result.unanchored[0].problem, /"北京" is not in the article/);
  const moved = result.sidecar.tags.find((t) => t.target.quote === 'Reuters');
  assert.equal(moved?.anchoring, 'moved');
  assert.equal(edited.slice(moved.target.start, moved.target.end), 'Reuters');

  const find = anchorer('a cat and a cat and a cat');
  assert.deepEqual(find({ start: null, end: null, unit: 'codepoint', quote: 'cat' }), {
    problem: '"cat" occurs 3 times and nothing tells which one',
  });
  assert.deepEqual(find({ start: 20, end: 23, unit: 'codepoint', quote: 'cat' }), { start: 22, end: 25, anchoring: 'moved' });
  assert.deepEqual(find({ start: null, end: null, unit: 'codepoint', quote: 'cat', prefix: 'and a ', suffix: ' and' }), {
    start: 12,
    end: 15,
    anchoring: 'moved',
  });
});

test('brat input from other projects: CoNLL types, events and unknown types are reported', () => {
  const text = 'Ana met Bo in Porto.\r\nThen 🎉 Bo left.';
  const ann = [
    'T1\tPER 0 3\tAna',
    'T2\tLOC 14 19\tPorto',
    'T3\tPER 29 31\tBo',
    'T4\tVehicle 8 10\tBo',
    'E1\tMeet:T1 Agent:T3',
    'garbage',
  ].join('\n');
  const article = parseBratAnn('x.txt', ann);
  assert.deepEqual(
    article.tags.map((t) => t.label),
    ['Person', 'Location', 'Person'],
  );
  assert.equal(article.problems.length, 3);
  const result = mergeImported(emptySidecar('x.txt', text), text, article.tags, STAMP);
  assert.deepEqual(result.sidecar.tags.map((t) => t.target.quote).sort(), ['Ana', 'Bo', 'Porto']);
  const bo = result.sidecar.tags.find((t) => t.target.quote === 'Bo');
  assert.equal(bo?.target.start, text.lastIndexOf('Bo'), 'code points as brat counts them (CRLF two, the emoji one) map back');
  assert.equal(bo?.anchoring, 'exact');
});
