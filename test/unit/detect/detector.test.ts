import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDetector } from '../../../extension/core/detect/index';
import type { Analysis, EntityMention } from '../../../extension/core/detect/types';
import { utf16ToCodePointMapper } from '../../../extension/core/text/offsets';

// The bundled test runs from out/test/unit/detect/; the shipped weights are in media/models/.
const model = new Uint8Array(readFileSync(join(__dirname, '../../../../media/models/detector.bin')));
const detector = createDetector(model);

function analyze(text: string, format: 'plaintext' | 'markdown' = 'plaintext'): Analysis {
  return detector.analyze(text, { format });
}

function names(entities: EntityMention[], type?: string): string[] {
  return entities.filter((e) => !type || e.type === type).map((e) => e.text);
}

test('every span’s text is the text at its offsets', () => {
  const text = 'Dr. Maria Keller of Siemens said on March 3, 2024 that Berlin paid $4 million. 🙂 Her office in Munich confirmed it.';
  const { entities, claims } = analyze(text);
  for (const s of [...entities, ...claims, ...claims.flatMap((c) => [c.source, c.cue, ...c.hedges].filter((x) => x !== null))])
    assert.equal(text.slice(s.start, s.end), s.text);
});

test('titles are not part of a person’s span', () => {
  const { entities } = analyze('Yesterday Dr. Maria Keller and Mr. John Abbott met reporters in Vienna.');
  const people = names(entities, 'Person');
  assert.ok(people.includes('Maria Keller'), people.join('|'));
  assert.ok(people.includes('John Abbott'), people.join('|'));
  assert.ok(!people.some((p) => p.startsWith('Dr') || p.startsWith('Mr')));
});

test('a title spelled out, as transcripts write it, is not part of the name either', () => {
  const { entities } = analyze('Thank you , Mister Abbott . And Mister John Keller , what did the inspectors find ?');
  const people = names(entities, 'Person');
  assert.ok(people.includes('Abbott'), people.join('|'));
  assert.ok(people.includes('John Keller'), people.join('|'));
  assert.ok(!people.some((p) => p.startsWith('Mister')), people.join('|'));
});

test('a possessive is not part of the span; hyphen and ampersand names stay whole', () => {
  const { entities } = analyze('Analysts said Vodafone’s network and AT&T’s systems were hit, and T-Mobile’s shares fell in New York.');
  const found = names(entities);
  assert.ok(found.includes('Vodafone'), found.join('|'));
  assert.ok(found.includes('AT&T'), found.join('|'));
  assert.ok(found.includes('T-Mobile'), found.join('|'));
  assert.ok(!found.some((n) => /’s$/.test(n)));
});

test('threat actors and names ending in an organization word are organizations', () => {
  const { entities } = analyze(
    'Investigators linked Volt Typhoon to the intrusion at Lumen Technologies, a report published by The Wall Street Journal said.',
  );
  const types = new Map(entities.map((e) => [e.text, e.type]));
  assert.equal(types.get('Volt Typhoon'), 'Organization');
  assert.equal(types.get('Lumen Technologies'), 'Organization');
  assert.equal(types.get('The Wall Street Journal'), 'Organization');
});

test('known entities win over the model, everywhere, with the researcher’s type', () => {
  const text = 'Volt Panda struck again. Analysts tied Volt Panda to the attack on Orion Bank; VP denied it.';
  const { entities } = detector.analyze(text, {
    format: 'plaintext',
    knownEntities: [{ name: 'Volt Panda', type: 'Organization', aliases: ['VP'] }],
  });
  const known = entities.filter((e) => e.origin === 'knowledge');
  assert.deepEqual(
    known.map((e) => [e.text, e.type]),
    [
      ['Volt Panda', 'Organization'],
      ['Volt Panda', 'Organization'],
      ['VP', 'Organization'],
    ],
  );
});

test('a Title Case headline is not a row of entities', () => {
  const text =
    'Hackers Breach Major Phone Networks In Latest Attack\nHackers breached major phone networks, officials said on Friday, in the latest attack on the industry.';
  const { entities } = analyze(text);
  const inHeadline = entities.filter((e) => e.end <= text.indexOf('\n'));
  assert.deepEqual(names(inHeadline), []);
});

test('Markdown emphasis and headings are kept out of spans', () => {
  const text = '# Report\n\n**Dr. Thompson:** The attack on **Siemens** was confirmed by the *German* government.';
  const { entities } = analyze(text, 'markdown');
  for (const e of entities) assert.ok(!/[*#]/.test(e.text), e.text);
  assert.ok(names(entities).includes('Siemens'));
});

test('Chinese text neither crashes nor yields garbage spans; offsets convert across emoji', () => {
  const text = '评论：这家公司的网络被黑了。😀😀 The breach at Verizon was confirmed by the FBI on Monday.';
  const { entities } = analyze(text);
  for (const e of entities) assert.ok(!/[\u4e00-\u9fff]/.test(e.text), e.text);
  const fbi = entities.find((e) => e.text === 'FBI');
  assert.ok(fbi);
  const toCp = utf16ToCodePointMapper(text);
  assert.equal([...text].slice(toCp(fbi.start), toCp(fbi.end)).join(''), 'FBI');
});

test('patterns: dates, money, e-mail, URL, CVE and IP address; a percentage is a quantity, not an entity', () => {
  const text =
    'On November 15, 2024 the firm paid $60 million (3.5% of revenue) after CVE-2024-3400 was exploited from 203.0.113.7; write to press@example.com or see https://example.com/report.';
  const byText = new Map(analyze(text).entities.map((e) => [e.text, e.type]));
  assert.equal(byText.get('November 15, 2024'), 'Date');
  assert.equal(byText.get('$60 million'), 'Money');
  assert.ok(![...byText.keys()].some((t) => t.includes('3.5')), [...byText.keys()].join('|'));
  assert.equal(byText.get('CVE-2024-3400'), 'Other');
  assert.equal(byText.get('203.0.113.7'), 'Other');
  assert.equal(byText.get('press@example.com'), 'Other');
  assert.equal(byText.get('https://example.com/report'), 'Other');
});

test('"May" alone is a modal verb, not a date', () => {
  const { entities } = analyze('The outage may last for days, and it may spread.');
  assert.deepEqual(names(entities, 'Date'), []);
});

test('claims: attribution with source, cue and hedge; questions and advice are not claims', () => {
  const text =
    'Officials at Verizon said the attackers reportedly stole 2 million records in March. Should customers worry? Customers must change their passwords now.';
  const { claims } = analyze(text);
  assert.equal(claims.length, 1);
  const [c] = claims;
  assert.equal(c.cue?.text, 'said');
  assert.equal(c.source?.text, 'Officials at Verizon');
  assert.deepEqual(
    c.hedges.map((h) => h.text),
    ['reportedly'],
  );
  assert.ok(c.score > 0.5);
});

test('"according to" takes its source from the phrase after it', () => {
  const { claims } = analyze('According to Reuters, the company paid a $5 million fine in 2023.');
  assert.equal(claims[0].cue?.text, 'According to');
  assert.equal(claims[0].source?.text, 'Reuters');
});

test('a bare opinion scores below a concrete, attributed statement', () => {
  const opinion = analyze('Collaboration is crucial.').claims[0]?.score ?? 0;
  const concrete = analyze('The FBI said on Monday that hackers stole 40,000 files from Boeing in 2023.').claims[0]?.score ?? 0;
  assert.ok(concrete > opinion, `${concrete} vs ${opinion}`);
});

test('without a model file the detector still finds patterns and claims', () => {
  const plain = createDetector(null);
  const { entities, claims } = plain.analyze('The company said it paid $2 million on June 3, 2024.', { format: 'plaintext' });
  assert.deepEqual(
    entities.map((e) => e.type),
    ['Money', 'Date'],
  );
  assert.equal(claims[0].cue?.text, 'said');
});

test('a file that is not a model is refused', () => {
  assert.throws(() => createDetector(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])));
});

test('a chunk analysed with its whole article is tagged with the article’s document evidence', () => {
  const article = 'Breach Hits Carrier Networks\nA breach hit the carrier, and the breach spread to other networks on Monday.';
  const chunk = article.slice(0, article.indexOf('\n'));
  const inArticle = detector.analyze(chunk, { format: 'plaintext', documentText: article }).entities;
  assert.deepEqual(names(inArticle), names(analyze(article).entities.filter((e) => e.end <= chunk.length)));
});
