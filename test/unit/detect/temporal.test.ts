import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDetector } from '../../../extension/core/detect/index';
import {
  articleDate,
  calendarDate,
  findTemporal,
  normalizeDate,
  normalizeMoney,
  startPositions,
} from '../../../extension/core/detect/temporal';
import { describeMark } from '../../../extension/core/present/describe';
import { addTag, emptySidecar } from '../../../extension/core/sidecar/model';
import { readSidecar } from '../../../extension/core/sidecar/read';
import { writeSidecar } from '../../../extension/core/sidecar/write';

const detector = createDetector(new Uint8Array(readFileSync(join(__dirname, '../../../../media/models/detector.bin'))));

function found(text: string): [string, string][] {
  return findTemporal(text).map((m) => [text.slice(m.start, m.end), m.type]);
}

test('dates as OntoNotes marks them: calendar dates, years, weekdays, decades, quarters, relative dates and durations', () => {
  const text =
    'On March 3, 2024 the board met; in 1987 and during the 1990s it had grown. Sales fell in the third quarter of last year, ' +
    'shares rose on Tuesday and two years ago the plant closed for three weeks. Fiscal 1989 was weak; recent years were better.';
  assert.deepEqual(
    found(text)
      .filter(([, type]) => type === 'Date')
      .map(([t]) => t),
    [
      'March 3, 2024',
      '1987',
      'the 1990s',
      'the third quarter of last year',
      'Tuesday',
      'two years ago',
      'three weeks',
      'Fiscal 1989',
      'recent years',
    ],
  );
});

test('money: symbols, codes, cents, spelled-out amounts, ranges', () => {
  const text =
    'It cost $1.2 billion, then US$5 more, NT$ 60 million, £40, €3.5m, Rs 500, 33 cents, seventy five thousand dollars and $5 to $10 million.';
  assert.deepEqual(
    found(text)
      .filter(([, type]) => type === 'Money')
      .map(([t]) => t),
    ['$1.2 billion', 'US$5', 'NT$ 60 million', '£40', '€3.5m', 'Rs 500', '33 cents', 'seventy five thousand dollars', '$5 to $10 million'],
  );
  assert.deepEqual(normalizeMoney('$1.2 billion'), { currency: 'USD', amount: 1.2e9 });
  assert.deepEqual(normalizeMoney('NT$ 60 million'), { currency: 'TWD', amount: 6e7 });
  assert.deepEqual(normalizeMoney('33 cents'), { currency: 'USD', amount: 0.33 });
  assert.deepEqual(normalizeMoney('seventy five thousand dollars'), { currency: 'USD', amount: 75000 });
  assert.deepEqual(normalizeMoney('$5 to $10 million'), { currency: 'USD', amount: 5e6, upTo: 1e7 });
});

test('"US" inside "US$5" is part of the amount, not a place', () => {
  const { entities } = detector.analyze('The fund lost US$5 million in Ohio last year.', { format: 'plaintext' });
  assert.ok(!entities.some((e) => e.text === 'US'), JSON.stringify(entities));
  assert.ok(
    entities.some((e) => e.type === 'Money' && e.text === 'US$5 million' && e.money?.currency === 'USD' && e.money.amount === 5e6),
    JSON.stringify(entities),
  );
});

test("each date has a kind and an ISO value; relative ones resolve against the article's own date", () => {
  assert.deepEqual(normalizeDate('March 3, 2024'), { kind: 'absolute', iso: '2024-03-03' });
  assert.deepEqual(normalizeDate('the 1990s'), { kind: 'absolute', iso: '199X' });
  assert.deepEqual(normalizeDate('three weeks'), { kind: 'duration', iso: 'P3W' });
  assert.deepEqual(normalizeDate('yesterday'), { kind: 'relative' });
  assert.deepEqual(normalizeDate('yesterday', '2024-11-15'), { kind: 'relative', iso: '2024-11-14' });
  assert.deepEqual(normalizeDate('two years ago', '2024-11-15'), { kind: 'relative', iso: '2022' });
  assert.deepEqual(normalizeDate('last month', '2024-01-10'), { kind: 'relative', iso: '2023-12' });
  assert.deepEqual(normalizeDate('Tuesday', '2024-11-15'), { kind: 'relative', iso: '2024-11-12' });
  // "Last Tuesday" in an article of Monday 3 March 2025 is six days back, not thirteen.
  assert.deepEqual(normalizeDate('last Tuesday', '2025-03-03'), { kind: 'relative', iso: '2025-02-25' });
  assert.deepEqual(normalizeDate('last Monday', '2025-03-03'), { kind: 'relative', iso: '2025-02-24' });
  assert.deepEqual(normalizeDate('Monday', '2025-03-03'), { kind: 'relative', iso: '2025-03-03' });
  const article = 'Published November 15, 2024\nThe outage began yesterday and lasted two days.';
  assert.equal(articleDate(article), '2024-11-15');
  const dates = detector.analyze(article, { format: 'plaintext' }).entities.filter((e) => e.type === 'Date');
  assert.deepEqual(
    dates.map((d) => [d.text, d.date]),
    [
      ['November 15, 2024', { kind: 'absolute', iso: '2024-11-15' }],
      ['yesterday', { kind: 'relative', iso: '2024-11-14' }],
      ['two days', { kind: 'duration', iso: 'P2D' }],
    ],
  );
  assert.equal(calendarDate(dates[1].date), '2024-11-14');
  assert.equal(calendarDate(dates[2].date), undefined, 'a duration is not a point on the timeline');
});

test('a Date or Money tag keeps its normalized value in the sidecar, and the hover shows it', () => {
  const text = 'Filed on 2 May 2023, the claim was for £40 million.';
  let sidecar = emptySidecar('a.txt', text);
  const stamp = { author: 't', now: '2026-01-01T00:00:00Z' };
  for (const quote of ['2 May 2023', '£40 million']) {
    const start = text.indexOf(quote);
    sidecar = addTag(
      sidecar,
      text,
      { kind: 'entity', label: quote.startsWith('£') ? 'Money' : 'Date', status: 'confirmed', start, end: start + quote.length },
      stamp,
    ).sidecar;
  }
  const read = readSidecar(writeSidecar(sidecar));
  assert.ok(read.ok, JSON.stringify(read));
  const tags = read.ok ? read.sidecar.tags : [];
  assert.deepEqual(
    tags.map((t) => t.value),
    [
      { kind: 'absolute', iso: '2023-05-02' },
      { currency: 'GBP', amount: 4e7 },
    ],
  );
  const card = describeMark({
    state: 'confirmed',
    kind: 'entity',
    label: 'Money',
    start: tags[1].target.start,
    end: tags[1].target.end,
    tag: tags[1],
  } as unknown as Parameters<typeof describeMark>[0]);
  assert.match(card, /Value: GBP 40,000,000/);
  const person = addTag(
    emptySidecar('b.txt', 'Ada spoke.'),
    'Ada spoke.',
    { kind: 'entity', label: 'Person', status: 'confirmed', start: 0, end: 3 },
    stamp,
  ).tag;
  assert.equal(person.value, undefined);
  assert.ok(!writeSidecar({ ...sidecar, tags: [person] }).includes('"value"'), 'tags without a value keep the bytes they had');
});

test('where dates and amounts may start: digit runs, currency signs and whole trigger words in any case, not parts of words', () => {
  const text = 'In May, about $5 and 5may; may_be labour_day, LABOUR Day. Q3 covid19 €2 mayday';
  const starts = [...startPositions(text)];
  const at = (word: string, from = 0) => text.indexOf(word, from);
  // Whole words of the trigger list, any case; their lead words are starts too ("about $5").
  for (const word of ['May', 'LABOUR', 'Day']) assert.ok(starts.includes(at(word)), word);
  assert.ok(starts.includes(at('about')));
  assert.ok(!starts.includes(at('In')));
  // Digit runs, also inside words, and currency signs.
  for (const piece of ['$', '5 and', '5may', '3', '19', '€', '2 may']) assert.ok(starts.includes(at(piece)), piece);
  // A trigger word joined to letters, digits or "_" is no trigger ("may_be", "mayday", the "may" of "5may").
  for (const word of ['may_be', 'labour_day', 'mayday']) assert.ok(!starts.includes(at(word)), word);
  assert.ok(!starts.includes(at('may;')));
  assert.deepEqual(
    starts,
    [...starts].sort((a, b) => a - b).filter((s, i, all) => all.indexOf(s) === i),
    'in order, each once',
  );
});

test('amounts and dates in token-dense text are found as in prose', () => {
  assert.deepEqual(found('$1,$2,$3'), [
    ['$1', 'Money'],
    ['$2', 'Money'],
    ['$3', 'Money'],
  ]);
  assert.deepEqual(found('$5 million $5 million'), [
    ['$5 million', 'Money'],
    ['$5 million', 'Money'],
  ]);
});
