import { test } from 'node:test';
import assert from 'node:assert/strict';
import { claimFeatures, isNegative } from '../../../extension/core/corpus/features';
import { contextLine, normalizeName } from '../../../extension/core/corpus/normalize';

test('names normalize across case, possessives, dots, hyphens and a leading "the"', () => {
  assert.equal(normalizeName('The Valdoria Harbor Authority’s'), 'valdoria harbor authority');
  assert.equal(normalizeName('V.H.A.'), 'vha');
  assert.equal(normalizeName('Ost-Mark'), normalizeName('ost mark'));
  assert.equal(normalizeName('  '), '');
});

test('content words are stemmed; stopwords, attribution and hedges are left out', () => {
  const f = claimFeatures('The harbor authority reportedly said it was closing the piers.');
  // "authority" folds into the family of "official".
  assert.deepEqual([...f.terms.keys()].sort(), ['close', 'harbor', 'offici', 'pier']);
  assert.equal(f.surfaces.get('pier'), 'piers');
});

test('hyphenated and joined compounds meet; words of one family fold together', () => {
  const a = claimFeatures('a harbor-wide alert');
  const b = claimFeatures('a harborwide alert');
  assert.ok(a.terms.has('harborwid') && b.terms.has('harborwid'));
  assert.ok(claimFeatures('hackers infiltrated the depot').terms.has('compromis'));
  const fold = (s: string): string[] => [...claimFeatures(s).terms.keys()];
  assert.deepEqual(fold('breached'), fold('compromised'));
  assert.deepEqual(fold('impacted'), fold('affected'));
});

test('negations are found, and only the words in their clause are negated', () => {
  const f = claimFeatures('The pier is closely watched, and the fuel depot was not flooded at any point.');
  assert.deepEqual(f.negations, ['not']);
  assert.ok(f.negated.has('flood'));
  assert.ok(f.negated.has('point'));
  assert.equal(f.negated.has('pier'), false);
  assert.equal(f.negated.has('depot'), false);
  assert.ok(isNegative(f));
  assert.equal(isNegative(claimFeatures('The depot flooded.')), false);
  assert.deepEqual(claimFeatures("The mayor didn't close it").negations, ["n't"]);
  assert.ok(claimFeatures('The authority denied flooding').negated.has('flood'));
  const untouched = claimFeatures('the boats remained untouched');
  assert.deepEqual([...untouched.negated], [...claimFeatures('the boats were not affected').negated]);
});

test('numbers are read with their kind: money, percent, dates, years and counted nouns', () => {
  const f = claimFeatures(
    'On March 3, 2025 the storm sank 40 boats, caused $2.5 million in damage and cut traffic 12%; eight piers closed in 2024-03-04.',
  );
  const got = f.numbers.map((n) => `${n.unit}=${n.value}`).sort();
  assert.deepEqual(got, ['boat=40', 'date=303', 'date=304', 'money=2500000', 'percent=12', 'pier=8', 'year=2024', 'year=2025'].sort());
  assert.deepEqual(claimFeatures('It may rain.').numbers, []);
});

test('a context line is cut at word boundaries around the span', () => {
  const text = 'first line\n' + 'word '.repeat(30) + 'TARGET ' + 'word '.repeat(30) + '\nlast';
  const at = text.indexOf('TARGET');
  const { line, lineStart } = contextLine(text, at, at + 6, 20);
  assert.match(line, /^…(word ){3,4}TARGET( word){3,4}…$/);
  assert.equal(text.slice(lineStart, lineStart + 4), 'word');
  assert.equal(contextLine('short TARGET here', 6, 12).line, 'short TARGET here');
});
