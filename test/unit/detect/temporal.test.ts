import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDetector } from '../../../extension/core/detect/index';
import {
  articleDate,
  calendarDate,
  findTemporal,
  firstFullDate,
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

/** The dates (or amounts) found in `text`, as their text. */
function texts(text: string, type: 'Date' | 'Money'): string[] {
  return found(text)
    .filter(([, t]) => t === type)
    .map(([t]) => t);
}

test('counts of units as OntoNotes spans them: a bare "few", scales, halves, spaced hyphens; "over" is left out', () => {
  assert.deepEqual(texts('Talks stalled over the past few days and may resume in the next few weeks.', 'Date'), [
    'the past few days',
    'the next few weeks',
  ]);
  assert.deepEqual(texts('In the sixty - two years since the charter, little changed.', 'Date'), ['the sixty - two years']);
  assert.deepEqual(normalizeDate('the sixty - two years'), { kind: 'duration', iso: 'P62Y' });
  assert.deepEqual(texts('The crater formed three billion years ago.', 'Date'), ['three billion years ago']);
  assert.deepEqual(normalizeDate('three billion years ago', '2024-05-10'), { kind: 'relative' }, 'no calendar year that far back');
  assert.deepEqual(texts('The lease ran for three and a half years.', 'Date'), ['three and a half years']);
  assert.deepEqual(normalizeDate('three and a half years'), { kind: 'duration', iso: 'P42M' });
  assert.deepEqual(texts('She has led the choir for over 20 years.', 'Date'), ['20 years']);
});

test('a date takes in the part of a period before it and the period it ends; the day of a time is a time', () => {
  assert.deepEqual(texts('Shops close on the first day of Easter and reopen in the last week of June.', 'Date'), [
    'the first day of Easter',
    'the last week of June',
  ]);
  assert.deepEqual(normalizeDate('the last week of June', '2024-05-10'), { kind: 'absolute', iso: '2024-06' });
  assert.deepEqual(texts('Profit rose in the year ended March 31, 2019.', 'Date'), ['the year ended March 31, 2019']);
  assert.deepEqual(texts('Nobody called until Thursday afternoon; on the morning of June 4 the office opened.', 'Date'), []);
});

test('a range of dates joined by "to" or "through" is one date; a length before a date is not a range', () => {
  assert.deepEqual(texts('Rents rose from April to May and the mill ran from 2001 through 2009.', 'Date'), [
    'April to May',
    '2001 through 2009',
  ]);
  assert.deepEqual(normalizeDate('2001 through 2009'), { kind: 'absolute', iso: '2001' });
  assert.deepEqual(texts('Sales for the nine months to June 30 rose.', 'Date'), ['the nine months', 'June 30']);
});

test('ages after a name, short years after a month, unit compounds and spoken days are dates; rates and ordinals of names are not', () => {
  assert.deepEqual(texts('The mayor, Ruth Okafor, 58, and her deputy spoke.', 'Date'), ['58']);
  assert.deepEqual(normalizeDate('58'), { kind: 'duration', iso: 'P58Y' });
  assert.deepEqual(texts('On May 5, 12 people signed.', 'Date'), ['May 5']);
  assert.deepEqual(texts("Traders feared another March '93.", 'Date'), ["March '93"]);
  assert.deepEqual(normalizeDate("March '93"), { kind: 'absolute', iso: '1993-03' });
  assert.deepEqual(texts('Sales beat year-earlier levels after a week-long strike.', 'Date'), ['year-earlier', 'week-long']);
  assert.deepEqual(normalizeDate('year-earlier', '2024-05-10'), { kind: 'relative', iso: '2023' });
  assert.deepEqual(texts('The once-a-year audit is due.', 'Date'), []);
  assert.deepEqual(texts('We land on the twelfth and leave on the twenty first of August.', 'Date'), [
    'the twelfth',
    'the twenty first of August',
  ]);
  assert.deepEqual(normalizeDate('the twelfth', '2024-05-10'), { kind: 'relative', iso: '2024-05-12' });
  assert.deepEqual(texts('She won the 7th Nordic Games in 2011.', 'Date'), ['2011']);
});

test('"the summer" is a season; "the fall" and "the spring" only after a preposition of time', () => {
  assert.deepEqual(texts('During the summer, and again in the fall, the fall in rents slowed.', 'Date'), ['the summer', 'the fall']);
  assert.deepEqual(texts('By the end of last October the plant was shut.', 'Date'), ['the end of last October']);
});

test('money: more currency names, hedges, and "of" amounts; a nationality before a currency stays a name of its own', () => {
  assert.deepEqual(texts('It raised 40 million Hong Kong dollars, 300 guilders, 9,000 zlotys and 15 bucks.', 'Money'), [
    '40 million Hong Kong dollars',
    '300 guilders',
    '9,000 zlotys',
    '15 bucks',
  ]);
  assert.deepEqual(texts('It raised 40 million Swiss francs.', 'Money'), []);
  assert.deepEqual(normalizeMoney('300 guilders'), { currency: 'NLG', amount: 300 });
  assert.deepEqual(normalizeMoney('9,000 zlotys'), { currency: 'PLN', amount: 9000 });
  assert.deepEqual(normalizeMoney('15 bucks'), { currency: 'USD', amount: 15 });
  assert.deepEqual(texts('Fines of as much as $ 2 million, close to 80 million euros and tens of millions of dollars.', 'Money'), [
    'as much as $ 2 million',
    'close to 80 million euros',
    'tens of millions of dollars',
  ]);
  assert.deepEqual(texts('He paid US $ 700 and 30 staff left.', 'Money'), ['US $ 700']);
});

test('share prices with fractions, seasons of two years, "the year 2000", the current and this past period', () => {
  assert.deepEqual(texts('The stock rose to $ 12 1/4 from 87 1/2 cents.', 'Money'), ['$ 12 1/4', '87 1/2 cents']);
  assert.deepEqual(normalizeMoney('$ 12 1/4'), { currency: 'USD', amount: 12.25 });
  assert.deepEqual(texts('In the 1996-97 season, well before the year 2030, and in 1984 - 85.', 'Date'), [
    '1996-97',
    'the year 2030',
    '1984 - 85',
  ]);
  assert.deepEqual(normalizeDate('1996-97'), { kind: 'absolute', iso: '1996' });
  assert.deepEqual(texts('Orders fell this past weekend, in the current fiscal year and early next month.', 'Date'), [
    'this past weekend',
    'the current fiscal year',
    'early next month',
  ]);
});

test('"this season" and "last term" are dates; a four-digit count after "more than" is no year', () => {
  assert.deepEqual(texts('Shoppers spent less this season, and last term the court sat rarely.', 'Date'), ['this season', 'last term']);
  assert.deepEqual(texts('More than 1800 firms and at least 2500 workers left in 1999.', 'Date'), ['1999']);
});

test('money: currency abbreviations before an amount, "grand", and no range across "and"', () => {
  assert.deepEqual(texts('They paid DM 25 million, SFr 4 billion, NIS 90 and ten grand before a grand jury.', 'Money'), [
    'DM 25 million',
    'SFr 4 billion',
    'NIS 90',
    'ten grand',
  ]);
  assert.deepEqual(normalizeMoney('DM 25 million'), { currency: 'DEM', amount: 2.5e7 });
  assert.deepEqual(normalizeMoney('ten grand'), { currency: 'USD', amount: 10000 });
  assert.deepEqual(texts('It cost $ 40 million and € 3 billion.', 'Money'), ['$ 40 million', '€ 3 billion']);
});

test('uncounted units before "ago", "earlier" or "later" are dates', () => {
  assert.deepEqual(texts('The mill closed years ago and reopened decades later, weeks and weeks later than planned.', 'Date'), [
    'years ago',
    'decades later',
    'weeks and weeks later',
  ]);
});

test('the currency of an amount is the first on the list its text names, in any case but "R$"', () => {
  const cases: [string, string | undefined][] = [
    ['$5', 'USD'],
    ['US$5', 'USD'],
    ['U.S. $5', 'USD'],
    ['5 US dollars', 'USD'],
    ['NT$ 300', 'TWD'],
    ['HK$1.2 billion', 'HKD'],
    ['A$40', 'AUD'],
    ['AU$ 40', 'AUD'],
    ['C$ 7', 'CAD'],
    ['NZ$9', 'NZD'],
    ['S$ 3', 'SGD'],
    ['R$ 10', 'BRL'],
    ['r$ 10', 'USD'],
    ['€5', 'EUR'],
    ['5 euros', 'EUR'],
    ['EUR 5', 'EUR'],
    ['£3', 'GBP'],
    ['3 pounds sterling', 'GBP'],
    ['50 pence', 'GBP'],
    ['¥100', 'JPY'],
    ['100 yen', 'JPY'],
    ['5 yuan', 'CNY'],
    ['5 RMB', 'CNY'],
    ['Rs. 500', 'INR'],
    ['500 rupees', 'INR'],
    ['₩1000', 'KRW'],
    ['5 won', 'KRW'],
    ['7 rubles', 'RUB'],
    ['7 roubles', 'RUB'],
    ['5 French francs', 'FRF'],
    ['5 Belgian francs', 'BEF'],
    ['5 Swiss francs', 'CHF'],
    ['CHF 5', 'CHF'],
    ['5 francs', 'CHF'],
    ['5 Philippine pesos', 'PHP'],
    ['5 Argentine pesos', 'ARS'],
    ['5 pesos', 'MXN'],
    ['5 marks', 'DEM'],
    ['DM 5', 'DEM'],
    ['SFr 5', 'CHF'],
    ['FFr 5', 'FRF'],
    ['NIS 5', 'ILS'],
    ['5 guilders', 'NLG'],
    ['5 lire', 'ITL'],
    ['5 lira', 'ITL'],
    ['5 pesetas', 'ESP'],
    ['5 shekels', 'ILS'],
    ['5 rand', 'ZAR'],
    ['5 riyals', 'SAR'],
    ['5 baht', 'THB'],
    ['5 ringgit', 'MYR'],
    ['5 rupiah', 'IDR'],
    ['5 Swedish kronor', 'SEK'],
    ['5 Norwegian kroner', 'NOK'],
    ['5 Danish kroner', 'DKK'],
    ['5 zlotys', 'PLN'],
    ['5 forints', 'HUF'],
    ['5 naira', 'NGN'],
    ['5 taka', 'BDT'],
    ['5 dirhams', 'AED'],
    ['5 escudos', 'PTE'],
    ['5 drachmas', 'GRD'],
    ['5 dollars', 'USD'],
    ['33 cents', 'USD'],
    ['five grand', 'USD'],
    ['5 bucks', 'USD'],
    ['5 pennies', 'USD'],
    ['US$5 or HK$40', 'USD'],
    ['5 million', undefined],
    ['€5 ($6)', 'EUR'],
    ['HK$ 5 and ¥ 3', 'HKD'],
    ['$5 to 10 euros', 'EUR'],
    ['five', undefined],
    ['about $ 18 a barrel', 'USD'],
    ['USD 4', 'USD'],
    ['5 Hong Kong dollars', 'HKD'],
    ['5 Canadian dollars', 'CAD'],
    // The same in other cases, read by the patterns without the u flag (ASCII text).
    ['5 EUROS', 'EUR'],
    ['us$5', 'USD'],
    ['Hk$ 5', 'HKD'],
    ['5 FRENCH FRANCS', 'FRF'],
    ['5 Swiss Francs', 'CHF'],
    ['ntd 5', 'TWD'],
    ['5 U.S. Dollars', 'USD'],
    ['sfr 5', 'CHF'],
    ['nis 40', 'ILS'],
    ['5 Pesos', 'MXN'],
    ['5 RAND', 'ZAR'],
    ['rs 50', 'INR'],
    ['50 P', undefined],
    ['10 Kroner', undefined],
    ['$5 Or 10 Marks', 'DEM'],
    ['5 ZLOTY', 'PLN'],
  ];
  assert.deepEqual(
    cases.map(([text]) => [text, normalizeMoney(text).currency]),
    cases,
  );
});

test('without an anchor no date expression lacking a digit is a full calendar date, which firstFullDate skips unread', () => {
  const words = [
    'May fifth, nineteen ninety-nine',
    'the fifth of May this year',
    'Christmas Day',
    "New Year's Eve",
    'the day before yesterday',
    'today',
    'last Tuesday',
    'the eighteenth',
    'March third of last year',
    'the first quarter of next year',
    'two thousand and five',
    'a year earlier',
    'the spring of nineteen eighty',
    'this past weekend',
  ];
  for (const expression of words) assert.doesNotMatch(normalizeDate(expression).iso ?? '', /^\d{4}-\d\d-\d\d$/, expression);
  const mentions = [...words, 'March 3, 2021', 'May 4, 2020'].map((text, i) => ({ start: i * 10, type: 'Date', text }));
  const read: string[] = [];
  const date = firstFullDate(mentions, (expression) => (read.push(expression), normalizeDate(expression)));
  assert.equal(date, '2021-03-03');
  assert.deepEqual(read, ['March 3, 2021']);
});
