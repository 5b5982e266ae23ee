import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  clusterCodes,
  clusterOf,
  coarseCluster,
  compileClusters,
  compileGazetteer,
  fineCluster,
  gazetteerCodes,
  sentenceProps,
  wordKey,
} from '../../../extension/core/detect/features';
import { tokenize } from '../../../extension/core/detect/tokens';
import { learnClusters } from '../../../scripts/train/clusters';
import { nameConventions } from '../../../scripts/eval/ontonotes';
import { conllTagOf, conllSentenceOf } from '../../../scripts/train/ontonotes';

test('compiled clusters give each word its fine and coarse cluster, whatever its case', () => {
  const clusters = compileClusters({ words: 'oslo lima\nsaid added', groups: [3, 0] });
  const oslo = clusterOf(clusters, wordKey('Oslo'));
  assert.equal(fineCluster(oslo), 1);
  assert.equal(coarseCluster(oslo), 4);
  assert.equal(fineCluster(clusterOf(clusters, wordKey('ADDED'))), 2);
  assert.equal(coarseCluster(clusterOf(clusters, wordKey('added'))), 1);
  assert.equal(clusterOf(clusters, wordKey('Quito')), 0);
  assert.equal(clusters.size, 4);
  assert.equal(clusterOf(compileClusters(undefined), wordKey('Oslo')), 0);
});

test('cluster codes are read for the tokens the tagger reads and their neighbours only', () => {
  const text = 'officials in Oslo said nothing more';
  const props = sentenceProps(text, tokenize(text));
  const clusters = compileClusters({ words: 'oslo\nsaid\nofficials\nmore', groups: [0, 1, 1, 1] });
  const skip = Uint8Array.from([1, 0, 0, 0, 1, 1]);
  const out = new Int32Array(props.length).fill(-1);
  clusterCodes(props, clusters, out, skip);
  assert.deepEqual(
    Array.from(out, (c) => (c < 0 ? 'unread' : fineCluster(c))),
    [3, 0, 1, 2, 0, 'unread'],
  );
});

test('words that keep the same company fall in the same cluster', () => {
  // An invented corpus: city names after "in"/"to" and before "officials", verbs after "she".
  const cities = ['oslo', 'lima', 'quito', 'hanoi'];
  const verbs = ['wrote', 'spoke', 'left', 'slept'];
  const documents: string[][] = [];
  for (let round = 0; round < 6; round++)
    for (let i = 0; i < 4; i++)
      documents.push([
        'we',
        'flew',
        'to',
        cities[i],
        'officials',
        'and',
        'she',
        verbs[(i + round) % 4],
        'then',
        'in',
        cities[(i + round) % 4],
        'officials',
      ]);
  const { lines, groups } = learnClusters(documents, { fine: 4, coarse: 2 });
  const clusterOf = (w: string): number => lines.findIndex((line) => line.split(' ').includes(w));
  assert.ok(
    cities.every((c) => clusterOf(c) === clusterOf('oslo')),
    lines.join(' | '),
  );
  assert.ok(
    verbs.every((v) => clusterOf(v) === clusterOf('wrote')),
    lines.join(' | '),
  );
  assert.notEqual(clusterOf('oslo'), clusterOf('wrote'));
  assert.equal(groups.length, lines.length);
});

test('OntoNotes types map onto the tagger’s, and its names are drawn without a leading "the" or a trailing "\'s"', () => {
  assert.equal(conllTagOf('B-GPE'), 'B-LOC');
  assert.equal(conllTagOf('I-NORP'), 'I-MISC');
  assert.equal(conllTagOf('B-DATE'), 'O');
  assert.equal(conllTagOf('O'), 'O');
  const sentence = {
    words: ['the', 'United', 'Nations', 'met', 'in', 'the', 'Hague'],
    tags: ['B-ORG', 'I-ORG', 'I-ORG', 'O', 'O', 'B-GPE', 'I-GPE'],
  };
  assert.deepEqual(conllSentenceOf(sentence).tags, ['O', 'B-ORG', 'I-ORG', 'O', 'O', 'O', 'B-LOC']);
  const possessive = {
    words: ['Bill', 'Clinton', "'s", 'campaign', 'cost', 'the', 'most'],
    tags: ['B-PERSON', 'I-PERSON', 'I-PERSON', 'O', 'O', 'O', 'O'],
  };
  assert.deepEqual(conllSentenceOf(possessive).tags, ['B-PER', 'I-PER', 'O', 'O', 'O', 'O', 'O']);
  // A name that is only "the" stays, and dates keep OntoNotes' own edges (the date grammar follows them).
  const dated = { words: ['The', 'the', 'weekend'], tags: ['B-WORK_OF_ART', 'B-DATE', 'I-DATE'] };
  assert.deepEqual(conllSentenceOf(dated).tags, ['B-MISC', 'O', 'O']);
  assert.deepEqual(nameConventions(dated).tags, ['B-WORK_OF_ART', 'B-DATE', 'I-DATE']);
});

test('the gazetteer marks company names beside places and first names, one base-5 digit per list', () => {
  const gazetteer = compileGazetteer({ places: 'New York', nationalities: 'Dutch', firstNames: 'Maria', companies: 'Verizon' });
  const text = 'Maria of Verizon met Dutch officials in New York';
  const props = sentenceProps(text, tokenize(text));
  const codes = Array.from(gazetteerCodes(props, gazetteer, new Uint16Array(props.length)));
  // Digits: places 1, nationalities 5, first names 25, companies 125; alone 1, first 2, last 4.
  assert.deepEqual(codes, [25, 0, 125, 0, 5, 0, 0, 2, 4]);
});
