import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addTag, emptySidecar, updateTag } from '../../../extension/core/sidecar/model';
import type { Sidecar, TagLabel } from '../../../extension/core/sidecar/types';
import { agreementReport, articleAgreement } from '../../../extension/core/team/agreement';
import { renderAgreementText } from '../../../extension/core/team/agreement-text';

// Emoji before the names: offsets are UTF-16, units are code points.
const TEXT = '🎉 Ada Ruiz of Kestrel Labs said, "Prices rose 4%." Reuters reported it.';
const stamp = { author: 'a', now: '2026-01-01T00:00:00.000Z' };

function span(word: string): { start: number; end: number } {
  const start = TEXT.indexOf(word);
  assert.ok(start >= 0, word);
  return { start, end: start + word.length };
}

function sidecar(tags: { word: string; label: TagLabel; status?: 'confirmed' | 'rejected'; verdict?: string; note?: string }[]): Sidecar {
  let s = emptySidecar('a.txt', TEXT);
  for (const t of tags) {
    const kind = t.label === 'Claim' ? 'claim' : 'entity';
    const added = addTag(s, TEXT, { kind, label: t.label, status: t.status ?? 'confirmed', ...span(t.word) }, stamp);
    s = added.sidecar;
    if (t.verdict || t.note) s = updateTag(s, added.tag.id, { verdict: t.verdict ?? null, note: t.note ?? null }, stamp);
  }
  return s;
}

test('identical sidecars agree perfectly, and a note alone is no disagreement', () => {
  const a = sidecar([
    { word: 'Ada Ruiz', label: 'Person' },
    { word: 'Kestrel Labs', label: 'Organization' },
  ]);
  const b = sidecar([
    { word: 'Ada Ruiz', label: 'Person', note: 'checked' },
    { word: 'Kestrel Labs', label: 'Organization' },
  ]);
  const r = articleAgreement({ path: 'a.txt', a, b, text: TEXT });
  assert.deepEqual(r.disagreements, []);
  for (const l of [...r.labels, r.overall]) {
    assert.equal(l.kappa, 1);
    assert.equal(l.ac1, 1);
    assert.equal(l.exact.f1, 1);
  }
  // Units: non-space code points (the emoji is one unit).
  assert.equal(r.unitCount, [...TEXT].filter((c) => !/\s/.test(c)).length);
});

test('kappa and AC1 match hand-computed values', () => {
  const a = sidecar([{ word: 'Ada Ruiz', label: 'Person' }]);
  const b = sidecar([{ word: 'Ada', label: 'Person' }]);
  const r = articleAgreement({ path: 'a.txt', a, b, text: TEXT });
  const [person] = r.labels;
  const n = r.unitCount;
  assert.deepEqual(person.units, { both: 3, onlyA: 4, onlyB: 0, neither: n - 7 });
  const po = (n - 4) / n;
  const pA = 7 / n;
  const pB = 3 / n;
  const pe = pA * pB + (1 - pA) * (1 - pB);
  const pi = (pA + pB) / 2;
  const pe1 = 2 * pi * (1 - pi);
  assert.ok(Math.abs(person.kappa! - (po - pe) / (1 - pe)) < 1e-12);
  assert.ok(Math.abs(person.ac1! - (po - pe1) / (1 - pe1)) < 1e-12);
  assert.ok(person.ac1! > person.kappa!, 'AC1 does not collapse on a rare label');
  assert.equal(person.exact.f1, 0);
  assert.deepEqual(
    r.disagreements.map((d) => d.kind),
    ['boundary'],
  );
});

test('relaxed span match tolerates punctuation and spaces at the edges', () => {
  const a = sidecar([{ word: 'Reuters', label: 'Organization' }]);
  const b = sidecar([{ word: ' Reuters ', label: 'Organization' }]);
  const [org] = articleAgreement({ path: 'a.txt', a, b, text: TEXT }).labels;
  assert.equal(org.exact.matched, 0);
  assert.equal(org.relaxed.matched, 1);
  assert.equal(org.relaxed.f1, 1);
  assert.equal(org.kappa, 1, 'whitespace is not a unit');
});

test('each kind of disagreement is found; rejected and orphaned tags are not counted', () => {
  const a = sidecar([
    { word: 'Ada Ruiz', label: 'Person' },
    { word: 'Kestrel Labs', label: 'Organization' },
    { word: 'Reuters', label: 'Organization' },
    { word: '"Prices rose 4%."', label: 'Claim', verdict: 'true' },
  ]);
  let b = sidecar([
    { word: 'Ada Ruiz', label: 'Person', status: 'rejected' },
    { word: 'Kestrel Labs', label: 'Location' },
    { word: '"Prices rose 4%."', label: 'Claim', verdict: 'false' },
    { word: 'it', label: 'Other' },
  ]);
  b = { ...b, tags: [...b.tags, { ...sidecar([{ word: 'Reuters', label: 'Organization' }]).tags[0], anchoring: 'orphaned' }] };
  const r = articleAgreement({ path: 'a.txt', a, b, text: TEXT });
  const kinds = r.disagreements.map((d) => `${d.kind}:${(d.a ?? d.b)!.quote}`);
  assert.deepEqual(kinds, ['status:Ada Ruiz', 'label:Kestrel Labs', 'verdict:"Prices rose 4%."', 'only-a:Reuters', 'only-b:it']);
  assert.deepEqual(r.ignored, { a: { orphaned: 0, rejected: 0 }, b: { orphaned: 1, rejected: 1 } });
  const claim = r.labels.find((l) => l.label === 'Claim')!;
  assert.equal(claim.exact.f1, 1, 'a verdict is not part of the span');
  assert.equal(r.labels.find((l) => l.label === 'Person')!.exact.b, 0);
});

test('aggregate pools units across articles, counting a label as "no" where it is unused', () => {
  const a1 = sidecar([{ word: 'Ada Ruiz', label: 'Person' }]);
  const b1 = sidecar([{ word: 'Ada Ruiz', label: 'Person' }]);
  const a2 = sidecar([{ word: 'Reuters', label: 'Organization' }]);
  const b2 = sidecar([]);
  const report = agreementReport(
    [
      { path: 'one.txt', a: a1, b: b1, text: TEXT },
      { path: 'two.txt', a: a2, b: b2, text: TEXT },
    ],
    { a: 'alice', b: 'bob' },
  );
  const person = report.labels.find((l) => l.label === 'Person')!;
  assert.equal(person.units.both + person.units.onlyA + person.units.onlyB + person.units.neither, 2 * report.articles[0].unitCount);
  assert.equal(person.kappa, 1);
  const org = report.labels.find((l) => l.label === 'Organization')!;
  assert.equal(org.relaxed.recall, 0);
  assert.equal(org.relaxed.precision, null, 'no spans in B: precision undefined');
  assert.equal(report.disagreements.length, 1);
  const text = renderAgreementText(report);
  assert.match(text, /All 2 articles/);
  assert.match(text, /two\.txt:\d+ only-a: Organization "Reuters" only in alice/);
});

test('without the article text, offsets are the units', () => {
  const a = sidecar([{ word: 'Ada Ruiz', label: 'Person' }]);
  const r = articleAgreement({ path: 'a.txt', a, b: a });
  assert.equal(r.unitBasis, 'offsets');
  assert.equal(r.unitCount, span('Ada Ruiz').end);
  assert.match(renderAgreementText(agreementReport([{ path: 'a.txt', a, b: a }])), /offsets; no article text/);
});
