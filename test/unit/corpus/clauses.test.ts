import { test } from 'node:test';
import assert from 'node:assert/strict';
import { claimFeatures } from '../../../extension/core/corpus/features';
import { createCorpusIndex } from '../../../extension/core/corpus/index';
import type { Analysis, EntityType } from '../../../extension/core/detect/types';
import { namesAndSentences } from './fixtures';
import { claimText, placeTerm, termOf, vectorOf } from '../../../extension/core/corpus/claimTerms';
import { placesIn } from '../../../extension/core/corpus/compare/sentence';

/** The assertions of a sentence as "predicate±: about words", for comparing at a glance. */
function asserted(text: string): string[] {
  return claimFeatures(text).assertions.map((a) => `${a.predicate}${a.negative ? '-' : '+'}: ${a.about.join(' ')}`);
}

test('a passive or state predicate is about what comes before it, an active one about what follows', () => {
  assert.deepEqual(asserted('The harbor payment system was compromised by intruders.'), ['harm+: system payment harbor']);
  assert.deepEqual(asserted('The payment system remained secure.'), ['harm-: system payment']);
  assert.deepEqual(asserted('The ministry closed the east pier.'), ['open-: east pier']);
  assert.deepEqual(asserted('The east pier was not closed.'), ['open+: pier east']);
});

test('a negation before the predicate, or a word that keeps it from happening, turns its sign', () => {
  assert.deepEqual(asserted('Intruders did not access the payment system.'), ['harm-: payment system']);
  assert.deepEqual(asserted('The new firewall prevented access to the ledgers.'), ['harm-: ledger']);
  assert.deepEqual(asserted('Nobody was harmed.'), ['harm-: ']);
  // A denial reaches over the whole of what is denied.
  assert.deepEqual(asserted('The ministry denied claims by several rival groups that its agents had hacked the archive.'), [
    'harm-: archiv',
  ]);
});

test('clauses split at "but", semicolons and ", and"; commas alone do not', () => {
  assert.deepEqual(asserted('The network was breached, but customer records remained safe.'), ['harm+: network', 'harm-: record custom']);
  assert.deepEqual(asserted('The depot, a Valdoria landmark, was damaged.'), ['harm+: landmark valdoria depot']);
  assert.deepEqual(asserted('The mayor opened the pier, and the council closed the market.'), ['open+: pier', 'open-: market']);
});

test('"broke into" is a breach; "break" alone asserts nothing', () => {
  assert.deepEqual(asserted('Intruders broke into the harbor ledger system.'), ['harm+: harbor ledger system']);
  assert.deepEqual(asserted('The ferry clerk broke the news to the harbor staff.'), []);
});

test('adverbs and unrelated words that share a stem with a predicate assert nothing', () => {
  assert.deepEqual(asserted('The council is closely watching the harbor.'), []);
  assert.deepEqual(asserted('Fishermen crowded the quay at dawn.'), []);
});

test('a pronoun among the words an assertion is about is kept, for the index to resolve', () => {
  const [a] = claimFeatures('The authority confirmed that it was compromised.').assertions;
  assert.equal(a.pronounAt, 'The authority confirmed that '.length);
});

const NAMES: [string, EntityType][] = [
  ['Valdoria Harbor Authority', 'Organization'],
  ['Ostmark Rail', 'Organization'],
  ['Ilse Brandt', 'Person'],
];

const analysisOf = (text: string): Analysis => namesAndSentences(text, NAMES);

function indexOf(articles: Record<string, string>) {
  const index = createCorpusIndex();
  for (const [path, text] of Object.entries(articles)) index.updateDocument(path, text, analysisOf(text), null);
  return index;
}

const FILLER = 'Ferries left the old port on time. A bakery on the quay sold rye bread.';

test('claims sharing few words but asserting one predicate with opposite signs about one entity may contradict', () => {
  const a = `The Valdoria Harbor Authority confirmed that it was compromised by intruders in May. ${FILLER}`;
  const b = `${FILLER} At this time, Valdoria Harbor Authority ledgers and accounts have not been impacted in any way.`;
  const index = indexOf({ 'a.txt': a, 'b.txt': b });
  const lookup = index.claimLookup('a.txt', 5, 5);
  assert.ok(lookup);
  assert.equal(lookup.matches.length, 0);
  assert.equal(lookup.contradictions.length, 1);
  const [c] = lookup.contradictions;
  assert.equal(c.path, 'b.txt');
  assert.deepEqual(c.explanation.opposed, { here: 'compromised', there: 'not … impacted', about: ['Valdoria Harbor Authority'] });
  assert.match(c.explanation.summary, /says the opposite about Valdoria Harbor Authority: "compromised" here, "not … impacted" there/);
  // And from the other side.
  assert.equal(index.claimLookup('b.txt', b.indexOf('At this time'), b.indexOf('At this time'))?.contradictions[0]?.path, 'a.txt');
});

test('opposite predicates about different things, or with another subject acting, are no contradiction', () => {
  const index = indexOf({
    'a.txt': 'The Valdoria Harbor Authority closed the east pier after the storm.',
    'b.txt': 'The Valdoria Harbor Authority opened a new ferry terminal in spring.',
    'c.txt': 'Ostmark Rail opened a depot near the west gate.',
  });
  const lookup = index.claimLookup('a.txt', 5, 5);
  assert.deepEqual(
    lookup?.contradictions.map((c) => c.path),
    [],
  );
});

test('two articles telling both sides of the same sentence repeat it rather than contradict it', () => {
  const told = 'Ostmark Rail servers were breached, but Ostmark Rail passenger records remained safe.';
  const index = indexOf({ 'a.txt': told, 'b.txt': `Officials said: ${told}` });
  const lookup = index.claimLookup('a.txt', 5, 5);
  assert.deepEqual(
    lookup?.matches.map((m) => m.path),
    ['b.txt'],
  );
  assert.deepEqual(lookup?.contradictions, []);
});

test('a shared speaker and different figures alone are no contradiction: the source is who claims, not what', () => {
  const a = 'Ilse Brandt said the harbor fee rose to $40 in March.';
  const b = 'Ilse Brandt said the ferry company sold 25 boats.';
  const source = () => ({ start: 0, end: 'Ilse Brandt'.length, text: 'Ilse Brandt' });
  const index = createCorpusIndex();
  for (const [path, text] of [
    ['a.txt', a],
    ['b.txt', b],
  ]) {
    const analysis = analysisOf(text);
    analysis.claims = analysis.claims.map((c) => ({ ...c, source: source() }));
    index.updateDocument(path, text, analysis, null);
  }
  const lookup = index.claimLookup('a.txt', 5, 5);
  assert.deepEqual(lookup?.matches, []);
  assert.deepEqual(lookup?.contradictions, []);
});

test("the index reads a claim without a speaking person's name, with an agency's", () => {
  const text = 'Ilse Brandt said the fee rose. The Keln Coast Guard confirmed the closure.';
  const entities = [
    { start: 0, end: 11, type: 'Person' },
    { start: text.indexOf('Keln'), end: text.indexOf(' confirmed'), type: 'Organization' },
  ];
  const second = text.indexOf('The Keln');
  assert.equal(claimText(text, 0, second - 1, { start: 0, end: 11 }, entities), `${' '.repeat(11)} said the fee rose.`);
  assert.equal(
    claimText(text, second, text.length, { start: second, end: text.indexOf(' confirmed') }, entities),
    'The Keln Coast Guard confirmed the closure.',
  );
});

test("a claim's source is part of which statement it is: two outlets' reports of one agency's statement meet, however each sets its source apart", () => {
  const articles: Record<string, string> = {
    'a.txt': 'The Keln Coast Guard and the Valdoria Port Agency confirmed that smugglers used the north ferry.',
    'b.txt': 'In a joint statement, the Valdoria Port Agency and the Keln Coast Guard confirmed that smugglers had used a ferry.',
  };
  // Other reports sharing the statement's words but not its source, more of them than the model reads for one lookup.
  const others = [
    'a fisherman',
    'a captain',
    'a harbor pilot',
    'a ferry clerk',
    'a dock worker',
    'a customs officer',
    'a boatman',
    'a trader',
  ];
  others.forEach((who, i) => (articles[`o${i}.txt`] = `Smugglers used the north ferry at night, ${who} confirmed.`));
  const sources: Record<string, string> = { 'a.txt': 'The Keln Coast Guard and the Valdoria Port Agency', 'b.txt': 'the Keln Coast Guard' };
  const index = createCorpusIndex();
  for (const [path, text] of Object.entries(articles)) {
    const analysis = namesAndSentences(text, [
      ['Keln Coast Guard', 'Organization'],
      ['Valdoria Port Agency', 'Organization'],
    ]);
    const source = sources[path];
    if (source) {
      const at = text.indexOf(source);
      analysis.claims = analysis.claims.map((c) => ({ ...c, source: { start: at, end: at + source.length, text: source } }));
    }
    index.updateDocument(path, text, analysis, null);
  }
  assert.ok(index.claimLookup('a.txt', 5, 5)?.matches.some((m) => m.path === 'b.txt'));
});

test('claims naming one country by its capital and by a demonym share its term in the index', () => {
  const ids = new Map<string, number>();
  const idOf = (stem: string): number => ids.get(stem) ?? ids.set(stem, ids.size).get(stem)!;
  const termsOf = (text: string): number[] => [...vectorOf(claimFeatures(text), idOf, placesIn(text)).terms].map(termOf);
  const denial = termsOf('Moscow has denied that it uses hackers.');
  const report = termsOf('Russian state-linked crews breached the Keln port network.');
  assert.ok(denial.includes(idOf(placeTerm('russia'))) && report.includes(idOf(placeTerm('russia'))));
});

test('a denial naming a country by its capital is read against a report naming it by a demonym before other signs of disagreement', () => {
  const articles: Record<string, string> = {
    'a.txt': 'Moscow has denied claims that it uses hackers to breach foreign networks.',
    'b.txt':
      'Investigators said on Friday that Russian state-linked hackers breached the ledgers of the Keln port authority, its customs office and three shipping agents during the winter storm.',
  };
  // Reports more like the denial in their words, naming no country: more of them than the model reads for one lookup.
  const crews = ['Marsh Wolves', 'Grey Herons', 'Salt Crows', 'Iron Gulls', 'Dune Foxes', 'Reed Cats', 'Mud Larks', 'Tide Owls'];
  [...crews, 'Sand Rats', 'Fog Bats', 'Rock Doves', 'Bog Hares'].forEach(
    (crew, i) => (articles[`o${i}.txt`] = `The ${crew} crew uses hackers on foreign networks to move money, analysts said.`),
  );
  const index = indexOf(articles);
  const contradiction = index.claimLookup('a.txt', 5, 5)?.contradictions.find((c) => c.path === 'b.txt');
  assert.ok(contradiction);
  // The hover says which country links them, though neither side names it so.
  assert.ok(contradiction.explanation.sharedEntities.includes('Russia'), JSON.stringify(contradiction.explanation));
  assert.match(contradiction.explanation.summary, /both name [^;]*Russia/);
});

test('a country a shared entity already names is not named twice', () => {
  const index = createCorpusIndex();
  const articles = {
    'a.txt': 'Officials in Russia said on Friday that the Keln port network was breached by hackers.',
    'b.txt': 'Officials in Russia confirmed that the Keln port network was breached by hackers last week.',
  };
  for (const [path, text] of Object.entries(articles))
    index.updateDocument(path, text, namesAndSentences(text, [...NAMES, ['Russia', 'Location']]), null);
  const match = index.claimLookup('a.txt', 5, 5)?.matches.find((m) => m.path === 'b.txt');
  assert.ok(match);
  assert.deepEqual(match.explanation.sharedEntities, ['Russia']);
});

test('a denial whose predicate opposes the query about other things is still a candidate when it negates a word both share', () => {
  const articles: Record<string, string> = {
    'a.txt': 'Investigators confirmed that Russian state-linked hackers intercepted cargo data of the Keln port.',
    'b.txt': 'Moscow has denied claims that it uses hackers to breach foreign networks.',
  };
  // More reports like the query than the index scores exactly for one lookup.
  for (let i = 0; i < 40; i++)
    articles[`o${i}.txt`] = `Investigators confirmed that hackers sent cargo data of the Keln port to berth ${i + 1}.`;
  const index = indexOf(articles);
  assert.ok(index.claimLookup('a.txt', 5, 5)?.contradictions.some((c) => c.path === 'b.txt'));
});

test('a lookup is answered again from memory until the index changes', () => {
  const index = indexOf({
    'a.txt': 'The Valdoria Harbor Authority closed the east pier.',
    'b.txt': 'The Valdoria Harbor Authority closed the east pier on Monday.',
  });
  const first = index.claimLookup('a.txt', 5, 5);
  assert.equal(index.claimLookup('a.txt', 5, 5), first);
  index.updateDocument(
    'c.txt',
    'The Valdoria Harbor Authority closed the east pier again.',
    analysisOf('The Valdoria Harbor Authority closed the east pier again.'),
    null,
  );
  const again = index.claimLookup('a.txt', 5, 5);
  assert.notEqual(again, first);
  assert.deepEqual(again?.matches.map((m) => m.path).sort(), ['b.txt', 'c.txt']);
});

test('one contradicting statement told by several articles is listed once, with where else it is told; another stays apart', () => {
  const statement = 'At this time, Valdoria Harbor Authority ledgers and accounts have not been impacted in any way.';
  const a = `The Valdoria Harbor Authority confirmed that it was compromised by intruders in May, and Ostmark Rail closed the east pier. ${FILLER}`;
  const index = indexOf({
    'a.txt': a,
    'b.txt': `${FILLER} ${statement}`,
    'c.txt': `A spokeswoman said: ${statement}`,
    'd.txt': `${statement} ${FILLER}`,
    'e.txt': 'Ostmark Rail denied that it closed the east pier.',
  });
  const lookup = index.claimLookup('a.txt', 5, 5);
  assert.ok(lookup);
  const listed = JSON.stringify(lookup.contradictions.map((c) => [c.path, c.alsoIn]));
  const told = lookup.contradictions.filter((c) => ['b.txt', 'c.txt', 'd.txt'].includes(c.path));
  assert.equal(told.length, 1, listed);
  assert.deepEqual([told[0].path, ...told[0].alsoIn.map((p) => p.path)].sort(), ['b.txt', 'c.txt', 'd.txt']);
  // Each other place named leads to the statement there.
  for (const p of told[0].alsoIn)
    assert.ok(index.claimsOf(p.path).some((c) => c.start === p.start && c.text.includes('not been impacted')));
  const denial = lookup.contradictions.find((c) => c.path === 'e.txt');
  assert.ok(denial, listed);
  assert.deepEqual(denial.alsoIn, []);
  assert.equal(lookup.contradictions.length, 2, listed);
});
