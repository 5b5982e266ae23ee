import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUILDING_SHARE } from '../../../extension/core/corpus/claimGroups';
import { createCorpusIndex, type CorpusIndex, type KeptClaimGroups } from '../../../extension/core/corpus/index';
import { createEntity, emptyKnowledgeBase, linkMention, rejectName } from '../../../extension/core/corpus/kb';
import { createDetector } from '../../../extension/core/detect/index';
import type { Analysis, EntityType } from '../../../extension/core/detect/types';
import { namesAndSentences } from './fixtures';
import { addTag, emptySidecar, updateTag } from '../../../extension/core/sidecar/model';
import type { Sidecar, TagStatus } from '../../../extension/core/sidecar/types';

// An invented event told three ways, plus an unrelated article.
const A = [
  'Mayor Ilse Brandt said the Valdoria Harbor Authority closed the east pier on March 3 after the storm.',
  'The storm damaged 40 fishing boats in the old port, the Valdoria Harbor Authority said.',
  'Officials confirmed that the fuel depot near the east pier was flooded.',
].join(' ');
const B = [
  'The Valdoria Harbor Authority closed the east pier on March 3, Mayor Brandt told reporters.',
  'According to the coast guard, 25 fishing boats in the old port were damaged by the storm.',
  'The Valdoria Harbor Authority denied that the fuel depot was flooded.',
].join('\n');
const C = 'A bakery in Ostmark opened a second shop on Linden Street. Ilse Brandt visited the bakery and praised its rye bread.';

const NAMES: [string, EntityType][] = [
  ['Ilse Brandt', 'Person'],
  ['Mayor Brandt', 'Person'],
  ['Valdoria Harbor Authority', 'Organization'],
  ['Ostmark', 'Location'],
  ['Linden Street', 'Location'],
  ['March 3', 'Date'],
];

const analysisOf = (text: string): Analysis => namesAndSentences(text, NAMES);

const stamp = { author: 'tester', now: '2026-01-01T00:00:00Z' };

function tagged(
  name: string,
  text: string,
  quote: string,
  label: EntityType,
  status: TagStatus,
  entityId: string | null = null,
  from = 0,
): Sidecar {
  const start = text.indexOf(quote, from);
  const { sidecar, tag } = addTag(
    emptySidecar(name, text),
    text,
    { kind: 'entity', label, status, start, end: start + quote.length },
    stamp,
  );
  return entityId ? updateTag(sidecar, tag.id, { entityId }, stamp) : sidecar;
}

function corpus(options: Parameters<typeof createCorpusIndex>[0] = {}) {
  const index = createCorpusIndex(options);
  index.updateDocument('a.txt', A, analysisOf(A), null);
  index.updateDocument('b.txt', B, analysisOf(B), null);
  index.updateDocument('c.txt', C, analysisOf(C), null);
  return index;
}

test('entities of some articles: those they mention, most mentioned there first', () => {
  const index = corpus();
  assert.equal(index.entities()[0].name, 'Valdoria Harbor Authority');
  const inC = index.entities({ paths: ['c.txt'] });
  assert.deepEqual(inC.map((e) => e.name).sort(), ['Ilse Brandt', 'Linden Street', 'Ostmark']);
  const D = 'Ostmark is cold. Ostmark is far. Ostmark is old.';
  index.updateDocument('d.txt', D, analysisOf(D), null);
  assert.deepEqual(
    index.entities({ limit: 2 }).map((e) => e.name),
    ['Ostmark', 'Valdoria Harbor Authority'],
  );
  const inBoth = index.entities({ paths: ['c.txt', 'd.txt', 'gone.txt'], limit: 2 });
  assert.deepEqual(
    inBoth.map((e) => [e.name, e.mentionCount]),
    [
      ['Ostmark', 4],
      ['Ilse Brandt', 2],
    ],
    'ranked by their mentions in those articles; each line keeps the corpus’s counts',
  );
});

test('an entity lookup counts mentions and articles and lists the other articles with a line of context', () => {
  const index = corpus();
  const info = index.entityLookup('Valdoria Harbor Authority', { excludePath: 'a.txt' });
  assert.ok(info);
  assert.equal(info.type, 'Organization');
  assert.equal(info.mentionCount, 4);
  assert.equal(info.articleCount, 2);
  assert.deepEqual(
    info.others.map((o) => [o.path, o.start, o.text]),
    [['b.txt', 4, 'Valdoria Harbor Authority']],
  );
  assert.match(info.others[0].line, /closed the east pier/);
  assert.equal(index.entityLookup('the valdoria harbor authority’s')?.mentionCount, 4);
  assert.equal(index.entityLookup('Nobody at all'), undefined);
});

test('the knowledge base joins aliases into one entity; linking in one article reaches the others', () => {
  const index = corpus();
  assert.equal(index.entityLookup('Ilse Brandt')?.articleCount, 2);
  let kb = createEntity(emptyKnowledgeBase(), { name: 'Ilse Brandt', type: 'Person' }, 'e-brandt').kb;
  kb = linkMention(kb, 'e-brandt', 'Mayor Brandt');
  index.setKnowledgeBase(kb);
  const info = index.entityLookup('e-brandt', { excludePath: 'c.txt' });
  assert.ok(info);
  assert.equal(info.name, 'Ilse Brandt');
  assert.deepEqual(info.aliases, ['Mayor Brandt']);
  assert.equal(info.mentionCount, 3);
  assert.equal(info.articleCount, 3);
  assert.deepEqual(info.others.map((o) => o.path).sort(), ['a.txt', 'b.txt']);
  assert.equal(index.entityLookup('Mayor Brandt')?.entityId, 'e-brandt');
  assert.deepEqual(
    index.allMentions('e-brandt').map((m) => [m.path, m.text]),
    [
      ['a.txt', 'Ilse Brandt'],
      ['b.txt', 'Mayor Brandt'],
      ['c.txt', 'Ilse Brandt'],
    ],
  );
  assert.equal(index.mentionAt('b.txt', B.indexOf('Mayor Brandt') + 3)?.entityId, 'e-brandt');
});

test('a confirmed tag is a mention with its own type and entity, and is learned for the other articles', () => {
  const index = corpus();
  const kb = createEntity(emptyKnowledgeBase(), { name: 'Coast Guard of Valdoria', type: 'Organization' }, 'e-guard').kb;
  index.setKnowledgeBase(kb);
  index.updateDocument('b.txt', B, analysisOf(B), tagged('b.txt', B, 'coast guard', 'Organization', 'confirmed', 'e-guard'));
  const info = index.entityLookup('e-guard');
  assert.equal(info?.mentionCount, 1);
  assert.equal(index.mentionAt('b.txt', B.indexOf('coast guard'))?.origin, 'tag');
  // Learned: a new article saying "coast guard" is offered the same entity.
  const D = 'Later the coast guard towed two boats.';
  index.updateDocument('d.txt', D, { entities: [], claims: [] }, null);
  assert.deepEqual(
    index.suggestionsFor('d.txt').map((s) => [s.text, s.type, s.entityId, s.reason]),
    [['coast guard', 'Organization', 'e-guard', 'confirmed elsewhere']],
  );
  assert.ok(index.knownEntities().some((k) => k.name === 'coast guard' && k.type === 'Organization'));
});

test('suggestions skip tagged spans and partial words, and prefer the longest name', () => {
  const index = corpus();
  const kb = createEntity(emptyKnowledgeBase(), { name: 'Ilse Brandt', type: 'Person', aliases: ['Brandt'] }, 'e-brandt').kb;
  index.setKnowledgeBase(kb);
  const text = 'Ilse Brandt and Brandtner met. Brandt left.';
  index.updateDocument('e.txt', text, { entities: [], claims: [] }, tagged('e.txt', text, 'Brandt', 'Person', 'confirmed', 'e-brandt', 30));
  assert.deepEqual(
    index.suggestionsFor('e.txt').map((s) => [s.start, s.text, s.entityId, s.reason]),
    [[0, 'Ilse Brandt', 'e-brandt', 'knowledge base']],
  );
});

test('a rejected name disappears from every article (or only its own, if so set)', () => {
  const rejectedInC = tagged('c.txt', C, 'Ostmark', 'Location', 'rejected');
  const shared = corpus();
  const D = 'Ostmark is quiet.';
  shared.updateDocument('d.txt', D, analysisOf(D), null);
  assert.equal(shared.entityLookup('Ostmark')?.articleCount, 2);
  shared.updateDocument('c.txt', C, analysisOf(C), rejectedInC);
  assert.equal(shared.entityLookup('Ostmark'), undefined);
  assert.ok(!shared.knownEntities().some((k) => k.name === 'Ostmark'));
  shared.removeDocument('c.txt');
  assert.equal(shared.entityLookup('Ostmark')?.articleCount, 1);

  const local = corpus({ rejectionScope: 'article' });
  local.updateDocument('d.txt', D, analysisOf(D), null);
  local.updateDocument('c.txt', C, analysisOf(C), rejectedInC);
  assert.deepEqual(
    local.allMentions('Ostmark').map((m) => m.path),
    ['d.txt'],
  );

  const byKb = corpus();
  byKb.setKnowledgeBase(rejectName(emptyKnowledgeBase(), 'linden street'));
  assert.equal(byKb.entityLookup('Linden Street'), undefined);
});

test('a claim lookup lists the same claim in another article and explains the match', () => {
  const index = corpus();
  const at = A.indexOf('closed the east pier');
  const result = index.claimLookup('a.txt', at, at);
  assert.ok(result);
  assert.match(result.claim.text, /^Mayor Ilse Brandt said/);
  assert.equal(result.matches.length, 1);
  const match = result.matches[0];
  assert.equal(match.path, 'b.txt');
  assert.match(match.text, /^The Valdoria Harbor Authority closed the east pier/);
  assert.ok(match.score > 0.3);
  assert.deepEqual(match.explanation.sharedEntities, ['Valdoria Harbor Authority']);
  assert.ok(match.explanation.sharedWords.includes('pier'));
  assert.deepEqual(match.explanation.sharedNumbers, ['March 3']);
  assert.match(match.explanation.summary, /both name Valdoria Harbor Authority/);
  // The unrelated bakery article mentions the mayor but tells nothing alike.
  assert.ok(!result.matches.some((m) => m.path === 'c.txt'));
});

test('a denial of what another article states is a contradiction, with the denial shown', () => {
  const index = corpus();
  const at = A.indexOf('fuel depot');
  const result = index.claimLookup('a.txt', at, at);
  assert.ok(result);
  assert.deepEqual(result.matches, []);
  assert.equal(result.contradictions.length, 1);
  const c = result.contradictions[0];
  assert.equal(c.path, 'b.txt');
  assert.ok(c.negative);
  assert.deepEqual(c.explanation.polarity?.there, ['denied']);
  assert.ok(c.explanation.polarity?.words.includes('flooded'));
  assert.match(c.explanation.summary, /the other claim denies what this one states/, 'the hover says what differs');
});

test('different numbers of the same kind are a possible contradiction', () => {
  const index = corpus();
  const at = A.indexOf('40 fishing boats');
  const result = index.claimLookup('a.txt', at, at + 2);
  assert.ok(result);
  const c = result.contradictions.find((x) => x.path === 'b.txt');
  assert.ok(c, JSON.stringify(result));
  assert.deepEqual(c.explanation.conflictingNumbers, { here: ['40 fishing'], there: ['25 fishing'] });
});

test('a clause naming no one that refers back to an event ("The breach …") is about who suffered it, for contradictions', () => {
  // Invented: one outlet tells of the breach in two sentences, the second naming no one; the harbor authority denies it.
  const told =
    'Officials of the Valdoria Harbor Authority confirmed that it was hacked by a criminal gang. The breach, which was found on Monday, exposed passenger records and booking data.';
  const denied = 'The Valdoria Harbor Authority said the intruders did not access its passenger records or booking data.';
  const unrelated =
    'A hotel in Ostmark admitted its guest records were hacked. Its staff said the intruders did not access passenger records.';
  const index = createCorpusIndex();
  index.updateDocument('told.txt', told, analysisOf(told), null);
  index.updateDocument('denied.txt', denied, analysisOf(denied), null);
  index.updateDocument('other.txt', unrelated, namesAndSentences(unrelated, [['Ostmark', 'Location']]), null);
  const at = told.indexOf('The breach');
  const result = index.claimLookup('told.txt', at, at);
  assert.ok(result);
  assert.deepEqual(
    result.contradictions.map((c) => c.path),
    ['denied.txt'],
    'the authority denies what the breach is said to have done to it; the hotel is someone else',
  );
});

test('a selection that is no indexed claim is looked up as text', () => {
  const index = createCorpusIndex();
  const text = 'Notes: harbor east pier closed March 3 by Valdoria Harbor Authority';
  index.updateDocument('a.txt', A, analysisOf(A), null);
  index.updateDocument('n.txt', text, { entities: [], claims: [] }, null);
  const result = index.claimLookup('n.txt', 7, text.length);
  assert.ok(result);
  assert.equal(result.matches[0]?.path, 'a.txt');
  assert.equal(index.claimLookup('n.txt', 3, 3), undefined);
});

test('confirmed claim tags replace the detector sentence they cover; rejected ones remove it', () => {
  const index = corpus();
  const start = B.indexOf('The Valdoria Harbor Authority denied');
  let sidecar = emptySidecar('b.txt', B);
  sidecar = addTag(sidecar, B, { kind: 'claim', label: 'Claim', status: 'rejected', start, end: B.length }, stamp).sidecar;
  const tag = addTag(sidecar, B, { kind: 'claim', label: 'Claim', status: 'confirmed', start: 0, end: B.indexOf('\n') }, stamp);
  sidecar = updateTag(tag.sidecar, tag.tag.id, { verdict: 'accurate' }, stamp);
  index.updateDocument('b.txt', B, analysisOf(B), sidecar);
  const claims = index.claimsOf('b.txt');
  assert.equal(claims.length, 2);
  assert.deepEqual([claims[0].origin, claims[0].verdict, claims[0].tagId], ['tag', 'accurate', tag.tag.id]);
  const at = A.indexOf('fuel depot');
  assert.deepEqual(index.claimLookup('a.txt', at, at)?.contradictions, []);
});

test('updating and removing a document touches only its own entries', () => {
  const index = corpus();
  const before = index.stats();
  index.updateDocument('b.txt', B, analysisOf(B), null);
  assert.deepEqual(index.stats(), before);
  index.removeDocument('b.txt');
  assert.equal(index.entityLookup('Valdoria Harbor Authority')?.articleCount, 1);
  const at = A.indexOf('closed the east pier');
  assert.deepEqual(index.claimLookup('a.txt', at, at)?.matches, []);
  assert.deepEqual(index.documents(), ['a.txt', 'c.txt']);
  index.removeDocument('b.txt');
  index.updateDocument('b.txt', B, analysisOf(B), null);
  assert.deepEqual(index.stats(), before);
  assert.equal(index.claimLookup('a.txt', at, at)?.matches[0]?.path, 'b.txt');
});

test('many updates of one article keep lookups right after postings are compacted', () => {
  const index = corpus();
  for (let i = 0; i < 50; i++) index.updateDocument('b.txt', B, analysisOf(B), null);
  const at = A.indexOf('closed the east pier');
  assert.equal(index.claimLookup('a.txt', at, at)?.matches.length, 1);
  assert.equal(index.stats().claims, 3 + 3 + 2);
});

test('a name in many claims does not crowd out the same event told in other words', () => {
  const index = createCorpusIndex();
  const noEntities = (text: string): Analysis => ({ entities: [], claims: analysisOf(text).claims });
  // One spokesman speaks in 150 articles about 150 different things: more than the candidates scored exactly.
  for (let i = 0; i < 150; i++) {
    const text = `Spokesman Odo Quillfeather said the council approved project ${i} for the ${['north', 'south', 'west'][i % 3]} district.`;
    index.updateDocument(`noise${i}.txt`, text, noEntities(text), null);
  }
  const query = 'Spokesman Odo Quillfeather said the Ostmark tram depot closed after the flood damaged 14 carriages.';
  const retold = [
    'The Ostmark tram depot closed because the flood damaged 14 carriages, officials said.',
    'Flood damage to 14 carriages closed the Ostmark tram depot.',
  ];
  index.updateDocument('query.txt', query, noEntities(query), null);
  retold.forEach((text, i) => index.updateDocument(`retold${i}.txt`, text, noEntities(text), null));
  const result = index.claimLookup('query.txt', 0, 0);
  assert.deepEqual(
    result?.matches
      .slice(0, 2)
      .map((m) => m.path)
      .sort(),
    ['retold0.txt', 'retold1.txt'],
  );
});

test('claim groups gather the same claim across articles', () => {
  const index = corpus();
  const groups = index.claimGroups();
  assert.ok(groups.length >= 1);
  const pier = groups.find((g) => g.label.includes('east pier'));
  assert.ok(pier);
  assert.equal(pier.articleCount, 2);
  assert.deepEqual(
    pier.claims.map((c) => c.path),
    ['a.txt', 'b.txt'],
  );
  // Contradicting claims are never grouped together.
  assert.ok(!groups.some((g) => g.claims.some((c) => c.text.includes('denied'))));
  assert.equal(index.claimGroups(), groups);
});

test('claim groups computed in small steps are those computed at once, and are then kept', () => {
  const index = corpus();
  assert.equal(index.computedClaimGroups(), undefined, 'nothing is computed before it is asked for');
  const steps = index.claimGroupSteps();
  const progress: number[] = [];
  let step = steps.next();
  for (; !step.done; step = steps.next()) progress.push(step.value.share);
  assert.ok(progress.length >= index.stats().claims, 'a step per claim at least');
  assert.deepEqual(
    progress,
    [...progress].sort((a, b) => a - b),
    'the share done only grows',
  );
  // The first step only puts the claims in order: nothing is read yet.
  assert.ok(progress.every((share) => share >= 0 && share <= 1));
  assert.ok(step.value);
  assert.equal(index.computedClaimGroups(), step.value);
  assert.equal(index.claimGroups(), step.value);
  assert.deepEqual(step.value, corpus().claimGroups());
});

test('a claim told in many articles is built into its group a member at a time, not in one step', () => {
  const index = createCorpusIndex();
  const names: [string, EntityType][] = [['Brannock Ferry Company', 'Organization']];
  for (let i = 0; i < 12; i++) {
    const text = `The Brannock Ferry Company said on Tuesday that its ${i % 2 ? 'night' : 'evening'} crossing to Selm will stop in March, report ${i} says.`;
    index.updateDocument(`ferry${i}.txt`, text, namesAndSentences(text, names), null);
  }
  const steps = index.claimGroupSteps();
  let building = 0;
  let step = steps.next();
  for (; !step.done; step = steps.next()) if (step.value.share >= BUILDING_SHARE) building++;
  const members = (step.value ?? []).reduce((n, g) => n + g.claims.length, 0);
  assert.ok(members >= 12, `one group of the twelve reports (${members} members)`);
  assert.ok(building >= members, `${building} building steps for ${members} members`);
});

test('a computing of the claim groups that the index changed under gives nothing and keeps nothing', () => {
  const index = corpus();
  const steps = index.claimGroupSteps();
  assert.equal(steps.next().done, false);
  index.updateDocument('c.txt', C + ' The bakery closed.', analysisOf(C + ' The bakery closed.'), null);
  const last = steps.next();
  assert.deepEqual(last, { done: true, value: undefined });
  assert.equal(index.computedClaimGroups(), undefined);
  // Asked again, they are computed from the index as it is now.
  const again = index.claimGroupSteps();
  let step = again.next();
  while (!step.done) step = again.next();
  assert.ok(step.value?.some((g) => g.label.includes('east pier')));
});

test('claim groups never hold two claims that contradict each other, however the matches chain', () => {
  // One report matches both others (it says neither damaged nor intact); those two contradict each other.
  const texts: Record<string, string> = {
    'damaged.txt': 'The Norvik Port Authority said its fuel depot was damaged by the storm on Monday night.',
    'hit.txt': 'The storm on Monday night hit the fuel depot of the Norvik Port Authority, the authority said.',
    'intact.txt': 'The Norvik Port Authority said its fuel depot remained intact after the storm on Monday night.',
  };
  const names: [string, EntityType][] = [['Norvik Port Authority', 'Organization']];
  const index = createCorpusIndex();
  for (const [path, text] of Object.entries(texts)) index.updateDocument(path, text, namesAndSentences(text, names), null);
  const damaged = index.claimsOf('damaged.txt')[0];
  const lookup = index.claimLookup('damaged.txt', damaged.start, damaged.end);
  assert.deepEqual(
    lookup?.contradictions.map((c) => c.path),
    ['intact.txt'],
  );
  assert.deepEqual(
    lookup?.matches.map((c) => c.path),
    ['hit.txt'],
  );
  const groups = index.claimGroups().map((g) => g.claims.map((c) => [c.path, c.stance]));
  // The match with the contradicting claim is not taken (the two matches are equally strong: the first in article order
  // wins). The intact depot is not shown denying the group either: it contradicts one of its claims but tells the other.
  assert.deepEqual(groups, [
    [
      ['damaged.txt', 'asserts'],
      ['hit.txt', 'asserts'],
    ],
  ]);
});

test('claim groups kept by one session are taken by the next only if computed from exactly what it indexes', () => {
  const first = corpus();
  assert.equal(first.keptClaimGroups(), undefined, 'nothing to keep before they are computed');
  const groups = first.claimGroups();
  // As the cache keeps them: plain JSON.
  const kept = JSON.parse(JSON.stringify(first.keptClaimGroups())) as KeptClaimGroups;
  const reopened = corpus();
  assert.ok(groups.length > 0);
  for (const g of groups) assert.deepEqual(g.paths, [...new Set(g.claims.map((c) => c.path))], 'each article of its claims, once');
  assert.ok(reopened.restoreClaimGroups(kept));
  assert.deepEqual(reopened.claimGroups(), groups, 'paths included');
  // An article edited, or tagged, since: computed again, not taken.
  const edited = corpus();
  edited.updateDocument('c.txt', C + ' The bakery also sells cakes.', analysisOf(C + ' The bakery also sells cakes.'), null);
  assert.equal(edited.restoreClaimGroups(kept), false);
  const tagging = corpus();
  tagging.updateDocument('c.txt', C, analysisOf(C), emptySidecar('c.txt', C));
  assert.equal(tagging.restoreClaimGroups(kept), false);
  // Groups of another shape (a damaged entry) are refused, not trusted.
  const damaged = { ...kept, groups: [{ ...kept.groups[0], claims: [[0, 'x']] }] } as unknown as KeptClaimGroups;
  assert.equal(corpus().restoreClaimGroups(damaged), false);
  const otherKb = corpus();
  otherKb.setKnowledgeBase(createEntity(emptyKnowledgeBase(), { name: 'Ilse Brandt', type: 'Person' }).kb);
  assert.equal(otherKb.restoreClaimGroups(kept), false);
});

test('restored claim groups make a record of each member only when it is read, and are kept again as they came', () => {
  const first = corpus();
  const groups = first.claimGroups();
  const kept = JSON.parse(JSON.stringify(first.keptClaimGroups())) as KeptClaimGroups;
  const reopened = corpus();
  assert.ok(reopened.restoreClaimGroups(kept));
  // A reopened workspace of 10,000 articles keeps about 240,000 grouped claims: none is made into a record until read.
  const restored = reopened.computedClaimGroups() ?? [];
  assert.ok(restored.length > 0);
  for (const group of restored) assert.equal(typeof Object.getOwnPropertyDescriptor(group, 'claims')?.get, 'function');
  // Handed back to the cache without reading the members either, and forgotten with the groups at the next change.
  assert.equal(reopened.keptClaimGroups()?.groups, kept.groups);
  assert.deepEqual(restored, groups);
  reopened.updateDocument('c.txt', C + ' The bakery also sells cakes.', analysisOf(C + ' The bakery also sells cakes.'), null);
  assert.equal(reopened.keptClaimGroups(), undefined);
});

test('an article indexed again unchanged keeps the claim groups computed; a new analysis of it does not', () => {
  const index = corpus();
  const groups = index.claimGroups();
  const digest = index.keptClaimGroups()?.digest;
  // As an open article's editor hands over the same analysis again, in new objects.
  index.updateDocument('a.txt', A, analysisOf(A), null);
  assert.equal(index.keptClaimGroups()?.digest, digest, 'not computed again');
  assert.equal(index.claimGroups(), groups);
  const dated = analysisOf(A);
  // A field the digest does not cover: the whole analysis is compared.
  Object.assign(dated.entities[0], { money: { currency: 'EUR', value: 1 } });
  index.updateDocument('a.txt', A, dated, null);
  assert.equal(index.keptClaimGroups(), undefined, 'a new analysis of the same text is indexed');
});

test('claim groups do not depend on the order articles are read in, nor on edits elsewhere', () => {
  const shape = (index: ReturnType<typeof createCorpusIndex>): string =>
    JSON.stringify(index.claimGroups().map((g) => [g.label, g.claims.map((c) => [c.path, c.start, c.stance])]));
  const forward = corpus();
  const backward = createCorpusIndex();
  backward.updateDocument('c.txt', C, analysisOf(C), null);
  backward.updateDocument('b.txt', B, analysisOf(B), null);
  backward.updateDocument('a.txt', A, analysisOf(A), null);
  assert.equal(shape(backward), shape(forward));
  const edited = C.replace('second shop', 'third shop');
  forward.updateDocument('c.txt', edited, analysisOf(edited), null);
  assert.equal(shape(forward), shape(backward), 'an edit to an article none of the groups is in changes no group');
});

test('claim groups stay the same when an article they are in is edited outside their claims', () => {
  const shape = (index: ReturnType<typeof createCorpusIndex>): string =>
    JSON.stringify(index.claimGroups().map((g) => [g.label, g.claims.map((c) => [c.path, c.text, c.stance])]));
  const index = corpus();
  const before = shape(index);
  assert.ok(index.claimGroups().some((g) => g.claims.some((c) => c.path === 'a.txt')));
  // Sentences about something else, put before the group's claims (their offsets move) and after them.
  const edited = `Gulls circled over the quay. ${A} Nobody answered the phone at the harbor office on Sunday.`;
  index.updateDocument('a.txt', edited, analysisOf(edited), null);
  assert.equal(shape(index), before);
});

test('entities, tags by name and orphaned tags for the views', () => {
  const index = corpus();
  const summary = index.entities();
  assert.deepEqual(summary[0], {
    entityId: null,
    name: 'Valdoria Harbor Authority',
    type: 'Organization',
    mentionCount: 4,
    articleCount: 2,
  });
  let sidecar = tagged('c.txt', C, 'Ostmark', 'Location', 'confirmed');
  sidecar = updateTag(sidecar, sidecar.tags[0].id, { tags: ['place', 'check'] }, stamp);
  const orphan = addTag(sidecar, C, { kind: 'entity', label: 'Person', status: 'confirmed', start: 0, end: 1 }, stamp);
  sidecar = {
    ...orphan.sidecar,
    tags: orphan.sidecar.tags.map((t) => (t.id === orphan.tag.id ? { ...t, anchoring: 'orphaned' as const } : t)),
  };
  index.updateDocument('c.txt', C, analysisOf(C), sidecar);
  assert.deepEqual([...index.tagsByName().keys()].sort(), ['check', 'place']);
  assert.equal(index.tagsByName().get('place')?.[0].path, 'c.txt');
  assert.deepEqual(
    index.orphanedTags().map((t) => t.tag.id),
    [orphan.tag.id],
  );
  assert.equal(index.mentionAt('c.txt', 0), undefined);
});

test("the real detector's output indexes without errors (its internals may change)", () => {
  const detector = createDetector();
  const index = createCorpusIndex();
  for (const [path, text] of [
    ['a.txt', A],
    ['b.txt', B],
    ['c.txt', C],
  ])
    index.updateDocument(path, text, detector.analyze(text, { format: 'plaintext' }), null);
  assert.equal(index.documents().length, 3);
  for (const path of index.documents())
    for (const claim of index.claimsOf(path)) assert.ok(index.claimLookup(path, claim.start, claim.end));
});

/** An entity's mention columns over `paths` as one row per article, in the order the columns give them. */
function mentionRows(index: CorpusIndex, nameOrId: string, paths: readonly string[] = index.documents()) {
  const [{ articles, counts, firstOffsets }] = index.mentionColumns([nameOrId], paths);
  return [...articles].map((at, k) => ({ path: paths[at], count: counts[k], firstOffset: firstOffsets[k] }));
}

test("mention columns are allMentions counted per article, each article's first offset its first mention", () => {
  const index = corpus();
  index.updateDocument(
    'd.txt',
    `${C} Ilse Brandt left. Ilse Brandt came back.`,
    analysisOf(`${C} Ilse Brandt left. Ilse Brandt came back.`),
    null,
  );
  for (const e of index.entities()) {
    const counted: { path: string; count: number; firstOffset: number }[] = [];
    for (const m of index.allMentions(e.entityId ?? e.name)) {
      const last = counted[counted.length - 1];
      if (last?.path === m.path) last.count++;
      else counted.push({ path: m.path, count: 1, firstOffset: m.start });
    }
    assert.deepEqual(
      mentionRows(index, e.entityId ?? e.name).sort((a, b) => (a.path < b.path ? -1 : 1)),
      counted,
      e.name,
    );
  }
  assert.deepEqual(
    mentionRows(index, 'Ilse Brandt')
      .map((c) => [c.path, c.count])
      .sort(),
    [
      ['a.txt', 1],
      ['c.txt', 1],
      ['d.txt', 3],
    ],
  );
  assert.deepEqual(mentionRows(index, 'Nobody Here'), []);
});

test('mention columns count only the articles asked about, each by its place in the list asked', () => {
  const index = corpus();
  const text = 'Ilse Brandt left. Ilse Brandt came back.';
  index.updateDocument('d.txt', text, analysisOf(text), null);
  const paths = ['d.txt', 'missing.txt', 'a.txt'];
  const [brandt, nobody] = index.mentionColumns(['Ilse Brandt', 'Nobody Here'], paths);
  assert.deepEqual(
    [...brandt.articles].map((at, k) => [at, brandt.counts[k]]).sort(),
    [
      [0, 2],
      [2, 1],
    ],
    'c.txt is not asked about; d.txt is first in the list',
  );
  assert.equal(nobody.articles.length, 0);
  assert.deepEqual(index.mentionColumns(['Ilse Brandt'], []), [
    { articles: new Int32Array(0), counts: new Int32Array(0), firstOffsets: new Int32Array(0) },
  ]);
});

test('articles removed and added again leave no trace in an entity’s articles, which stay in the order they were indexed', () => {
  const index = createCorpusIndex();
  const text = (i: number) => `Ilse Brandt visited Ostmark on day ${i}.`;
  for (let i = 0; i < 10; i++) index.updateDocument(`${i}.txt`, text(i), analysisOf(text(i)), null);
  for (const i of [0, 1, 2, 4, 5, 6, 8]) index.removeDocument(`${i}.txt`);
  index.updateDocument('1.txt', text(1), analysisOf(text(1)), null);
  const retold = `${text(3)} Again.`;
  index.updateDocument('3.txt', retold, analysisOf(retold), null);
  const info = index.entityLookup('Ilse Brandt', { limit: 10 });
  assert.equal(info?.articleCount, 4);
  assert.equal(info?.mentionCount, 4);
  assert.deepEqual(
    info?.others.map((o) => o.path),
    ['7.txt', '9.txt', '1.txt', '3.txt'],
    'the order they were (last) indexed in',
  );
  assert.deepEqual(
    mentionRows(index, 'Ilse Brandt').map((c) => c.path),
    ['7.txt', '9.txt', '1.txt', '3.txt'],
    'the order they were (last) indexed in',
  );
  for (const i of [1, 3, 7, 9]) index.removeDocument(`${i}.txt`);
  assert.equal(index.entityLookup('Ilse Brandt'), undefined);
  assert.deepEqual(index.entities(), []);
});
