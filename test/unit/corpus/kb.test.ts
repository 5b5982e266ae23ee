import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addAlias,
  createEntity,
  emptyKnowledgeBase,
  isRejected,
  knownEntitiesOf,
  linkMention,
  mergeEntities,
  readKnowledgeBase,
  rejectName,
  relinkTags,
  searchEntities,
  tagsToRelink,
  unrejectName,
  updateEntity,
  writeKnowledgeBase,
  type KnowledgeBase,
} from '../../../extension/core/corpus/kb';
import { addTag, emptySidecar, updateTag } from '../../../extension/core/sidecar/model';

const stamp = { author: 'tester', now: '2026-01-02T03:04:05Z' };

function sampleKb(): KnowledgeBase {
  let kb = emptyKnowledgeBase();
  kb = createEntity(kb, { name: 'Ilse Brandt', type: 'Person', aliases: ['Mayor Brandt'] }, 'e-brandt').kb;
  kb = createEntity(kb, { name: 'Valdoria Harbor Authority', type: 'Organization', aliases: ['VHA'] }, 'e-vha').kb;
  kb = createEntity(kb, { name: 'Valdoria', type: 'Location' }, 'e-valdoria').kb;
  return kb;
}

test('a written knowledge base reads back equal and validates against the schema', () => {
  const kb = rejectName(sampleKb(), 'Breaking News');
  const raw = writeKnowledgeBase(kb);
  const read = readKnowledgeBase(raw);
  assert.ok(read.ok);
  assert.equal(writeKnowledgeBase(read.kb), raw);
  assert.ok(raw.endsWith('\n'));
});

test('serialization is stable: entity order, alias order and key order do not change the bytes', () => {
  const kb = sampleKb();
  const shuffled: KnowledgeBase = {
    rejected: ['b', 'a'],
    entities: [...kb.entities].reverse().map((e) => ({
      externalId: e.externalId,
      description: e.description,
      aliases: [...e.aliases].reverse(),
      type: e.type,
      name: e.name,
      id: e.id,
    })),
    version: 1,
  };
  assert.equal(writeKnowledgeBase(shuffled), writeKnowledgeBase({ ...kb, rejected: ['a', 'b'] }));
  assert.deepEqual(
    JSON.parse(writeKnowledgeBase(kb)).entities.map((e: { id: string }) => e.id),
    ['e-brandt', 'e-valdoria', 'e-vha'],
  );
});

test('reading reports what is wrong, and opens a newer version read-only', () => {
  assert.deepEqual(readKnowledgeBase(''), { ok: false, problem: 'it is empty', readOnly: false });
  assert.match((readKnowledgeBase('{') as { problem: string }).problem, /not valid JSON/);
  const newer = readKnowledgeBase('{"version": 2, "entities": [], "rejected": []}');
  assert.equal(newer.ok, false);
  assert.equal((newer as { readOnly: boolean }).readOnly, true);
  const badType = readKnowledgeBase(
    JSON.stringify({
      version: 1,
      rejected: [],
      entities: [{ id: 'x', name: 'X', type: 'Planet', aliases: [], description: '', externalId: null }],
    }),
  );
  assert.match((badType as { problem: string }).problem, /entities\.0\.type/);
  const extra = readKnowledgeBase(JSON.stringify({ version: 1, rejected: [], entities: [], extra: 1 }));
  assert.equal(extra.ok, false);
  const twice = { id: 'x', name: 'X', type: 'Person', aliases: [], description: '', externalId: null };
  assert.match(
    (readKnowledgeBase(JSON.stringify({ version: 1, rejected: [], entities: [twice, twice] })) as { problem: string }).problem,
    /more than once/,
  );
  assert.ok(readKnowledgeBase('\uFEFF' + writeKnowledgeBase(sampleKb())).ok);
});

test('creating an entity gives it a fresh id, trims names, and refuses an empty name', () => {
  const { kb, entity } = createEntity(emptyKnowledgeBase(), { name: '  Otto Kessel ', type: 'Person', externalId: ' Q42 ' });
  assert.match(entity.id, /^e[a-z2-7]{18}$/);
  assert.equal(entity.name, 'Otto Kessel');
  assert.equal(entity.externalId, 'Q42');
  assert.equal(kb.entities.length, 1);
  assert.throws(() => createEntity(kb, { name: ' ', type: 'Person' }));
  assert.throws(() => createEntity(kb, { name: 'Other', type: 'Person' }, entity.id));
});

test('linking a mention adds its text as an alias unless the name already covers it', () => {
  let kb = sampleKb();
  kb = linkMention(kb, 'e-brandt', 'Brandt');
  kb = linkMention(kb, 'e-brandt', 'ILSE BRANDT’s');
  kb = linkMention(kb, 'e-brandt', 'brandt');
  assert.deepEqual(kb.entities.find((e) => e.id === 'e-brandt')?.aliases, ['Mayor Brandt', 'Brandt']);
  assert.throws(() => addAlias(kb, 'missing', 'x'));
});

test('a linked name stops being rejected; rejecting compares normalized names', () => {
  let kb = rejectName(sampleKb(), 'Harbor');
  assert.ok(isRejected(kb, 'harbor'));
  assert.equal(rejectName(kb, 'HARBOR'), kb);
  kb = linkMention(kb, 'e-vha', 'Harbor');
  assert.equal(isRejected(kb, 'Harbor'), false);
  kb = unrejectName(rejectName(kb, 'Port News'), 'port news');
  assert.deepEqual(kb.rejected, []);
});

test('renaming keeps the old name as an alias', () => {
  const kb = updateEntity(sampleKb(), 'e-vha', { name: 'Harbor Authority of Valdoria', description: 'port operator' });
  const vha = kb.entities.find((e) => e.id === 'e-vha');
  assert.equal(vha?.name, 'Harbor Authority of Valdoria');
  assert.deepEqual(vha?.aliases, ['VHA', 'Valdoria Harbor Authority']);
  assert.equal(vha?.description, 'port operator');
});

test('merging folds names into the kept entity and tells which tags to relink', () => {
  let kb = sampleKb();
  kb = createEntity(kb, { name: 'I. Brandt', type: 'Person', aliases: ['Brandt'], externalId: 'Q99', description: 'mayor' }, 'e-dup').kb;
  const { kb: merged, rename } = mergeEntities(kb, 'e-brandt', 'e-dup');
  assert.deepEqual(rename, { from: 'e-dup', to: 'e-brandt' });
  const kept = merged.entities.find((e) => e.id === 'e-brandt');
  assert.deepEqual(kept?.aliases, ['Mayor Brandt', 'I. Brandt', 'Brandt']);
  assert.equal(kept?.externalId, 'Q99');
  assert.equal(kept?.description, 'mayor');
  assert.equal(
    merged.entities.some((e) => e.id === 'e-dup'),
    false,
  );
  assert.throws(() => mergeEntities(kb, 'e-brandt', 'e-brandt'));

  const text = 'Brandt met I. Brandt.';
  let sidecar = emptySidecar('a.txt', text);
  const first = addTag(sidecar, text, { kind: 'entity', label: 'Person', status: 'confirmed', start: 0, end: 6 }, stamp);
  sidecar = updateTag(first.sidecar, first.tag.id, { entityId: 'e-dup' }, stamp);
  const second = addTag(sidecar, text, { kind: 'entity', label: 'Person', status: 'confirmed', start: 11, end: 20 }, stamp);
  sidecar = updateTag(second.sidecar, second.tag.id, { entityId: 'e-brandt' }, stamp);
  assert.deepEqual(tagsToRelink(sidecar, rename), [first.tag.id]);
  const relinked = relinkTags(sidecar, rename, { author: 'merger', now: '2026-02-02T00:00:00Z' });
  assert.deepEqual(
    relinked.tags.map((t) => t.entityId),
    ['e-brandt', 'e-brandt'],
  );
  assert.equal(relinked.tags[0].author, 'merger');
});

test('search ranks exact, prefix, word, substring and scattered-letter matches in that order', () => {
  let kb = sampleKb();
  kb = createEntity(kb, { name: 'Valdorian Fishers Union', type: 'Organization' }, 'e-union').kb;
  kb = createEntity(kb, { name: 'New Valdoria Times', type: 'Organization' }, 'e-times').kb;
  assert.deepEqual(
    searchEntities(kb, 'valdoria').map((h) => [h.entity.id, h.how]),
    [
      ['e-valdoria', 'exact'],
      // Both start with the query; the shorter name first.
      ['e-union', 'prefix'],
      ['e-vha', 'prefix'],
      ['e-times', 'word'],
    ],
  );
  assert.deepEqual(
    searchEntities(kb, 'vha').map((h) => [h.entity.id, h.matched, h.how]),
    [['e-vha', 'VHA', 'exact']],
  );
  assert.deepEqual(
    searchEntities(kb, 'har auth').map((h) => h.entity.id),
    ['e-vha'],
  );
  assert.equal(searchEntities(kb, 'randt')[0].how, 'substring');
  assert.equal(searchEntities(kb, 'ibrdt')[0].entity.id, 'e-brandt');
  assert.equal(searchEntities(kb, 'ibrdt')[0].how, 'letters');
  assert.deepEqual(searchEntities(kb, 'zzz'), []);
  assert.equal(searchEntities(kb, '').length, 5);
  assert.equal(searchEntities(kb, '', 2).length, 2);
});

test("the knowledge base becomes the detector's known entities", () => {
  assert.deepEqual(knownEntitiesOf(sampleKb())[0], { name: 'Ilse Brandt', type: 'Person', aliases: ['Mayor Brandt'] });
});
