// Checks the exports the way the formats' own tools read them: the W3C Web Annotation test suite
// (its JSON Schemas, read by path from ../shared/interop), brat's and Python's line and white-space
// rules, spaCy's token boundaries, spreadsheets' formulas and schema.org's property definitions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { exportCsv, CSV_COLUMNS } from '../../../extension/core/export/csv';
import { exportW3c } from '../../../extension/core/export/w3c';
import { exportBrat } from '../../../extension/core/export/brat';
import { exportConll } from '../../../extension/core/export/conll';
import { exportSpacy, spacyExamples } from '../../../extension/core/export/spacy';
import { exportReport, exportTags } from '../../../extension/core/export/index';
import { parseBratAnn } from '../../../extension/core/export/import/brat-import';
import { mergeImported, parseJsonExport } from '../../../extension/core/export/import/index';
import { emptySidecar } from '../../../extension/core/sidecar/model';
import type { ExportDocument } from '../../../extension/core/export/types';
import { sharedDir } from '../../../scripts/train/paths';
import { cpSlice, find, mixedDoc, notesDoc, STAMP, tagged } from './fixtures';

const confirmed = { include: 'confirmed' } as const;
const repo = resolve(__dirname, '../../../..');

/** Python's str.splitlines() line boundaries, which brat's .ann reader follows. */
const PY_LINE_BREAK = /\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/;
/** Python's str.split() with no argument: runs of str.isspace() characters. */
const PY_SPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

/**
 * An invented article full of what breaks line- and space-based readers: NEL (U+0085), LINE and
 * PARAGRAPH SEPARATOR, form feed, vertical tab, CRLF, ZWJ emoji, a flag, directional marks and ZWNJ.
 */
const RARE =
  'Mayor Ida Brun\u0085said on Monday that Norlund\u2028will spend $4 million.\r\n' +
  'The \u200eBrenna Council\u200f met\u2029in Velby.\f Its chair 👩‍👩‍👧 Tove Lind\u000bdisagreed 🇳🇴.\r\n' +
  'A zero\u200dwidth joiner alone: \u200d and a Persian word: می\u200cخواهم.\n';

function rareDoc(): ExportDocument & { sidecar: ReturnType<typeof tagged> } {
  const text = RARE;
  const sidecar = tagged(text, 'rare.txt', [
    { label: 'Person', span: find(text, 'Ida Brun'), note: 'line\u2028break\u0085in\u000bthe\fnote\u2029here\ttoo', tags: ['x\u0085y'] },
    { label: 'Date', span: find(text, 'Monday') },
    { label: 'Location', span: find(text, 'Norlund') },
    { label: 'Money', span: find(text, '$4 million') },
    { label: 'Organization', span: find(text, 'Brenna Council') },
    { label: 'Location', span: find(text, 'Velby') },
    { label: 'Person', span: find(text, 'Tove Lind') },
    {
      label: 'Claim',
      span: find(text, 'Mayor Ida Brun', 0, '$4 million.'),
      verdict: 'disputed\u2028twice',
      claim: { source: find(text, 'Mayor Ida Brun'), cue: find(text, 'said'), hedges: [] },
    },
    {
      label: 'Claim',
      span: find(text, 'The \u200eBrenna', 0, 'in Velby.'),
      claim: { source: find(text, 'Brenna Council'), cue: find(text, 'met'), hedges: [] },
    },
  ]);
  return { path: 'rare.txt', text, tags: sidecar.tags, sidecar, uri: 'file:///home/ana/ws/rare.txt' };
}

// --- W3C Web Annotation test suite -------------------------------------------------------------

const SUITE = (() => {
  const shared = sharedDir(repo);
  assert.ok(shared, `the shared folder (../shared beside ${repo}) holds the W3C test suite; it is not there`);
  return join(shared, 'interop/web-annotation-tests');
})();

/** The suite's assertions of one .test file, compiled as the W3C harness does (ajv, draft-04, all errors, formats). */
function musts(testFile: string): { name: string; expected: boolean; validate: (data: unknown) => boolean; errors: () => unknown }[] {
  const ajv = new Ajv04({ allErrors: true, strict: false });
  addFormats(ajv);
  for (const def of readdirSync(join(SUITE, 'definitions')).filter((f) => f.endsWith('.json'))) {
    ajv.addSchema(JSON.parse(readFileSync(join(SUITE, 'definitions', def), 'utf8')), def);
  }
  const listed: string[] = JSON.parse(readFileSync(join(SUITE, testFile), 'utf8')).assertions;
  return listed.map((path) => {
    const schema = JSON.parse(readFileSync(join(SUITE, path), 'utf8'));
    const validate = ajv.compile(schema);
    return {
      name: path,
      expected: (schema.expectedResult ?? 'valid') === 'valid',
      validate: (d) => validate(d),
      errors: () => validate.errors,
    };
  });
}

const ANNOTATION_MUSTS = musts('annotations/annotationMusts.test');
const COLLECTION_MUSTS = musts('collections/collectionMusts.test');
const PAGE_MUSTS = musts('collections/pages/pageMusts.test');

function failedMusts(jsonld: string): string[] {
  const collection = JSON.parse(jsonld);
  const failed: string[] = [];
  const check = (assertions: typeof ANNOTATION_MUSTS, data: unknown, what: string): void => {
    for (const a of assertions) if (a.validate(data) !== a.expected) failed.push(`${what}: ${a.name} ${JSON.stringify(a.errors())}`);
  };
  check(COLLECTION_MUSTS, collection, 'collection');
  // pageMusts take "a single Annotation Page or an Annotation Collection with an embedded Page".
  check(PAGE_MUSTS, collection, 'collection with its embedded page');
  collection.first.items.forEach((anno: unknown, i: number) =>
    check(ANNOTATION_MUSTS, { '@context': collection['@context'], ...(anno as object) }, `annotation ${i}`),
  );
  return failed;
}

test('W3C suite: its MUST assertions are all loaded, and it fails a relative target source', () => {
  assert.equal(ANNOTATION_MUSTS.length + COLLECTION_MUSTS.length + PAGE_MUSTS.length, 54 + 10 + 15);
  const relative = JSON.parse(exportW3c([mixedDoc()], confirmed));
  relative.first.items[0].target.source = 'news/mixed.txt';
  assert.ok(failedMusts(JSON.stringify(relative)).some((f) => f.includes('3.2-targetObjectsRecognized')));
});

test('W3C suite: every W3C export passes annotationMusts, collectionMusts and pageMusts', () => {
  const withSuggestions = {
    ...notesDoc(),
    suggestions: [{ kind: 'entity' as const, label: 'Location' as const, start: 0, end: 5, score: null, claim: null }],
  };
  const exports: [string, string][] = [
    [
      'file URIs',
      exportW3c([{ ...mixedDoc(), uri: 'file:///home/ana/ws/news/mixed.txt' }, rareDoc()], {
        include: 'confirmed',
        collectionUri: 'file:///tmp/annotations.jsonld',
      }),
    ],
    [
      'base URI',
      exportW3c([{ ...notesDoc(), uri: 'https://example.org/corpus/notes.md' }], {
        include: 'confirmed',
        collectionUri: 'https://example.org/corpus/annotations.jsonld',
      }),
    ],
    ['no URI given (URNs)', exportW3c([mixedDoc(), notesDoc()], confirmed)],
    ['suggestions', exportW3c([withSuggestions], { include: 'all' })],
    ['nothing to export', exportW3c([], confirmed)],
  ];
  for (const [what, jsonld] of exports) assert.deepEqual(failedMusts(jsonld), [], what);
});

test('W3C import reads old files (relative sources) and new ones (file URIs, base URIs, URNs)', () => {
  const doc = mixedDoc();
  const now = exportW3c([{ ...doc, uri: 'file:///home/ana/ws/news/mixed.txt' }], confirmed);
  const old = now.replaceAll('"file:///home/ana/ws/news/mixed.txt"', '"news/mixed.txt"');
  const based = now.replaceAll('file:///home/ana/ws/news/mixed.txt', 'https://example.org/c%20orpus/news/mixed.txt');
  const urn = exportW3c([doc], confirmed);
  const names = [now, old, based, urn].map((f) => parseJsonExport('w3c', f)[0].article);
  assert.deepEqual(names, ['/home/ana/ws/news/mixed.txt', 'news/mixed.txt', '/c orpus/news/mixed.txt', 'news/mixed.txt']);
  for (const file of [now, old]) {
    const [article] = parseJsonExport('w3c', file);
    const result = mergeImported(emptySidecar('mixed.txt', doc.text), doc.text, article.tags, STAMP);
    assert.equal(result.added, doc.tags.length);
    assert.deepEqual(result.unanchored, []);
  }
});

// --- brat --------------------------------------------------------------------------------------

test('brat: an article full of line-ending characters gives an .ann brat reads line by line, and imports back exactly', () => {
  const doc = rareDoc();
  const files = exportBrat([doc], confirmed);
  const ann = files.find((f) => f.path === 'rare.ann')?.content ?? '';
  const txt = files.find((f) => f.path === 'rare.txt')?.content ?? '';
  assert.equal(txt, doc.text);
  const lines = ann.replace(/\n$/, '').split(PY_LINE_BREAK);
  assert.equal(lines.length, ann.replace(/\n$/, '').split('\n').length, 'splitlines() sees no more lines than we wrote');
  for (const line of lines.filter((l) => l.startsWith('T'))) {
    const [, typeAndSpans, text] = line.split('\t');
    const fragments = typeAndSpans
      .split(' ')
      .slice(1)
      .join(' ')
      .split(';')
      .map((f) => f.split(' ').map(Number));
    assert.equal(fragments.map(([s, e]) => cpSlice(txt, s, e)).join(' '), text, `brat finds the text of ${line}`);
  }
  assert.match(ann, /AnnotatorNotes T\d+\tline break in the note here too$/m);
  assert.match(ann, /Verdict T\d+\tdisputed twice$/m);
  const imported = parseBratAnn('rare.txt', ann, txt);
  assert.deepEqual(imported.problems, []);
  const result = mergeImported(emptySidecar('rare.txt', doc.text), doc.text, imported.tags, STAMP, imported.offsetsText);
  assert.deepEqual(result.unanchored, []);
  assert.equal(result.added, doc.tags.length, 'no claim truncated or lost');
  assert.ok(result.sidecar.tags.every((t) => t.anchoring === 'exact'));
});

test('brat import: offsets on a CRLF file count CRLF as two, as brat does; every tag lands on its own line', () => {
  const text = Array.from({ length: 14 }, (_, i) => `Line ${i}: Okafor met Okafor.`).join('\r\n') + '\r\n';
  const ann: string[] = [];
  const expected: number[] = [];
  for (let i = 0; i < 14; i++) {
    const start = text.indexOf('Okafor', text.indexOf(`Line ${i}:`)); // no astral characters: UTF-16 = code points
    expected.push(start);
    ann.push(`T${i + 1}\tPerson ${start} ${start + 6}\tOkafor`);
  }
  const imported = parseBratAnn('crlf.txt', ann.join('\n'));
  const result = mergeImported(emptySidecar('crlf.txt', text), text, imported.tags, STAMP);
  assert.deepEqual(
    result.sidecar.tags.map((t) => t.target.start).sort((a, b) => a - b),
    expected,
  );
  assert.ok(result.sidecar.tags.every((t) => t.anchoring === 'exact'));
});

test('brat import: files from before (offsets in an LF copy) still land exactly; a .txt that differs gives positions no weight', () => {
  const text = 'Okafor spoke.\r\nOkafor left.\r\nThen Okafor returned.\r\n';
  const lf = text.replace(/\r\n/g, '\n');
  const at = (t: string, nth: number): number => find(t, 'Okafor', nth).start;
  const old = parseBratAnn('a.txt', `T1\tPerson ${at(lf, 2)} ${at(lf, 2) + 6}\tOkafor`, lf);
  const placed = mergeImported(emptySidecar('a.txt', text), text, old.tags, STAMP, old.offsetsText);
  assert.equal(placed.sidecar.tags[0].target.start, at(text, 2));
  assert.equal(placed.sidecar.tags[0].anchoring, 'exact');
  // brat's .txt had a line more: its context ("Then ", " returned") still finds the one place.
  const other = 'Intro.\n' + lf;
  const moved = parseBratAnn('a.txt', `T1\tPerson ${at(other, 2)} ${at(other, 2) + 6}\tOkafor`, other);
  const found = mergeImported(emptySidecar('a.txt', text), text, moved.tags, STAMP, moved.offsetsText);
  assert.equal(found.sidecar.tags[0]?.target.start, at(text, 2));
  // Where the context does not decide, it is reported, not guessed.
  const twin = 'Okafor.\nOkafor.\n';
  const ambiguous = parseBratAnn('b.txt', 'T1\tPerson 8 14\tOkafor', 'Intro\n' + twin.slice(6));
  const reported = mergeImported(emptySidecar('b.txt', twin), twin, ambiguous.tags, STAMP, ambiguous.offsetsText);
  assert.equal(reported.added, 0);
  assert.equal(reported.unanchored.length, 1);
  // Offsets that miss (counted on another version of the text, no .txt to tell) are not taken for the nearest lookalike.
  const shifted = parseBratAnn('a.txt', `T1\tPerson ${at(text, 1) + 3} ${at(text, 1) + 9}\tOkafor`);
  const notGuessed = mergeImported(emptySidecar('a.txt', text), text, shifted.tags, STAMP);
  assert.deepEqual([notGuessed.added, notGuessed.unanchored.length], [0, 1]);
  // A span whose text is not at its offsets in brat's own .txt is reported.
  assert.equal(parseBratAnn('a.txt', 'T1\tPerson 0 6\tNobody', text).problems.length, 1);
});

// --- CoNLL -------------------------------------------------------------------------------------

test('CoNLL: grapheme clusters as tokens, no invisible or white-space tokens, every line two fields for Python', () => {
  const out = exportConll([rareDoc()], confirmed);
  const lines = out.split('\n').filter((l) => l !== '');
  for (const line of lines) {
    assert.equal(line.split(PY_SPACE).length, 2, `Python's split() gives token and tag: ${JSON.stringify(line)}`);
    assert.ok(!/^[\p{Cf}\p{Cc}]+ /u.test(line), `no token of invisible characters: ${JSON.stringify(line)}`);
  }
  const tokens = lines.map((l) => l.slice(0, l.lastIndexOf(' ')));
  assert.ok(tokens.includes('👩‍👩‍👧'), 'a ZWJ emoji sequence is one token');
  assert.ok(tokens.includes('🇳🇴'), 'a flag is one token');
  assert.ok(tokens.includes('می\u200cخواهم'), 'a word with a ZWNJ is one token');
  assert.ok(lines.includes('Brenna B-ORG') && lines.includes('Council I-ORG'));
  assert.ok(lines.includes('Tove B-PER') && lines.includes('Lind I-PER'));
});

// --- spaCy -------------------------------------------------------------------------------------

test('spaCy: spans inside a word are reported (spaCy would drop them); spans on token boundaries are not', () => {
  const text = '4 天前I met Ana in Porto.';
  const sidecar = tagged(text, 'cjk.txt', [
    { label: 'Person', span: find(text, 'I') },
    { label: 'Person', span: find(text, 'Ana') },
  ]);
  const { problems } = exportReport('spacy', [{ path: 'cjk.txt', text, tags: sidecar.tags }], confirmed);
  assert.equal(problems.length, 1);
  assert.match(problems[0], /cjk\.txt: Person "I" at 4–5 does not fall on spaCy token boundaries/);
  assert.deepEqual(exportReport('spacy', [rareDoc()], confirmed).problems, []);
  const [[exported, ann]] = spacyExamples([rareDoc()], confirmed);
  for (const [start, end, label] of ann.entities) assert.ok(cpSlice(exported, start, end).length > 0, label);
  assert.ok(JSON.parse(exportSpacy([rareDoc(), mixedDoc()], confirmed)).length === 2);
});

// --- CSV ---------------------------------------------------------------------------------------

test('CSV: cells a spreadsheet would run as a formula start with a quote (OWASP); numbers are left alone', () => {
  const text = '=HYPERLINK("http://x.example","y") +1 -2 @SUM(A1) and Ana.';
  const sidecar = tagged(text, 'f.txt', [
    {
      label: 'Other',
      span: find(text, '=HYPERLINK("http://x.example","y")'),
      note: '@cmd',
      tags: ['+tag', '-tag', '\tindented', '\rcr', 'plain'],
      verdict: '-1',
    },
    { label: 'Person', span: find(text, 'Ana') },
  ]);
  const csv = exportCsv([{ path: '=f.txt', text, tags: sidecar.tags }], confirmed);
  const rows = csv.slice(1).split('\r\n');
  const col = (name: (typeof CSV_COLUMNS)[number]): number => CSV_COLUMNS.indexOf(name);
  const formula = rows[1];
  assert.ok(formula.startsWith("'=f.txt,"), formula);
  assert.ok(formula.includes(`,"'=HYPERLINK(""http://x.example"",""y"")",`), 'the quote is prefixed, then the field is RFC 4180 quoted');
  assert.ok(formula.includes(",'@cmd,"));
  assert.ok(formula.includes(",'-1,"));
  assert.ok(formula.includes(`"'+tag; '-tag; '\tindented; '\rcr; plain"`) || formula.includes("'+tag"), formula);
  const plain = rows[2].split(',');
  assert.equal(plain[col('text')], 'Ana');
  assert.equal(plain[col('start')], String(text.indexOf('Ana')));
});

// --- ClaimReview and schema.org ----------------------------------------------------------------

/**
 * schema.org's definitions of every property the export uses: the types it may be used on
 * (domainIncludes) and the types of its values (rangeIncludes), as on https://schema.org/<property>
 * (schema.org vocabulary, release 29), with the type hierarchy they rely on.
 */
const SCHEMA_PROPERTIES: Record<string, { domain: string[]; range: string[] }> = {
  claimReviewed: { domain: ['ClaimReview'], range: ['Text'] },
  itemReviewed: { domain: ['AggregateRating', 'Review'], range: ['Thing'] },
  reviewRating: { domain: ['Review'], range: ['Rating'] },
  author: { domain: ['CreativeWork', 'Rating'], range: ['Organization', 'Person'] },
  appearance: { domain: ['Claim'], range: ['CreativeWork'] },
  datePublished: { domain: ['CreativeWork'], range: ['Date', 'DateTime'] },
  url: { domain: ['Thing'], range: ['URL'] },
  name: { domain: ['Thing'], range: ['Text'] },
  alternateName: { domain: ['Thing'], range: ['Text'] },
  ratingValue: { domain: ['Rating'], range: ['Number', 'Text'] },
  bestRating: { domain: ['Rating'], range: ['Number', 'Text'] },
  worstRating: { domain: ['Rating'], range: ['Number', 'Text'] },
};
/** Each type's parent (https://schema.org/<Type>, "Thing > …" breadcrumb). */
const SCHEMA_PARENT: Record<string, string> = {
  ClaimReview: 'Review',
  Review: 'CreativeWork',
  Claim: 'CreativeWork',
  CreativeWork: 'Thing',
  Rating: 'Intangible',
  Intangible: 'Thing',
  Person: 'Thing',
  Organization: 'Thing',
  AggregateRating: 'Rating',
};
const isA = (type: string, wanted: string): boolean =>
  type === wanted || (SCHEMA_PARENT[type] !== undefined && isA(SCHEMA_PARENT[type], wanted));
/** schema.org's data types, as JSON-LD values. */
const DATA_TYPES: Record<string, (v: unknown) => boolean> = {
  Text: (v) => typeof v === 'string',
  URL: (v) => typeof v === 'string' && /^[a-z][a-z0-9+.-]*:/i.test(v),
  Number: (v) => typeof v === 'number',
  Date: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v),
  DateTime: (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)) && /T/.test(v),
};

/** Every property of a node is defined by schema.org, allowed on its type, with a value of an allowed type; recursively. */
function schemaProblems(node: Record<string, unknown>, path = '$'): string[] {
  const type = node['@type'];
  if (typeof type !== 'string' || !SCHEMA_PARENT[type]) return [`${path}: @type ${String(type)} is not a type this check knows`];
  const out: string[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === '@type' || key === '@context') continue;
    const def = SCHEMA_PROPERTIES[key];
    if (!def) {
      out.push(`${path}.${key}: not a property this check knows`);
      continue;
    }
    if (!def.domain.some((d) => isA(type, d))) out.push(`${path}.${key}: not a property of ${type}`);
    if (typeof value === 'object' && value !== null) {
      const valueType = (value as Record<string, unknown>)['@type'];
      if (typeof valueType !== 'string' || !def.range.some((r) => isA(valueType, r)))
        out.push(`${path}.${key}: a ${String(valueType)} is not one of ${def.range.join(', ')}`);
      else out.push(...schemaProblems(value as Record<string, unknown>, `${path}.${key}`));
    } else if (!def.range.some((r) => DATA_TYPES[r]?.(value))) {
      out.push(`${path}.${key}: ${JSON.stringify(value)} is not one of ${def.range.join(', ')}`);
    }
  }
  return out;
}

test('ClaimReview: confirmed claims with a verdict, valid against schema.org property definitions', () => {
  const doc = { ...mixedDoc(), uri: 'file:///home/ana/ws/news/mixed.txt' };
  const scale = { worstRating: 1, bestRating: 5, ratings: { False: 1, 'Mostly true': 4, True: 5 } };
  const { files, problems } = exportReport('claimreview', [doc, rareDoc()], { include: 'confirmed', ratingScale: scale });
  const reviews = JSON.parse(files[0].content);
  assert.equal(reviews.length, 1, 'the one claim with a verdict on the scale');
  assert.deepEqual(problems.length, 1, 'the verdict off the scale is reported');
  const [review] = reviews;
  assert.equal(review['@context'], 'https://schema.org');
  assert.equal(review['@type'], 'ClaimReview');
  assert.deepEqual(schemaProblems(review), []);
  assert.equal(review.claimReviewed, doc.tags.find((t) => t.verdict === 'Mostly true')?.target.quote);
  assert.deepEqual(review.itemReviewed.author, { '@type': 'Organization', name: 'Reuters' }, 'Reuters is tagged as an Organization');
  assert.deepEqual(review.itemReviewed.appearance, { '@type': 'CreativeWork', url: doc.uri });
  assert.deepEqual(review.reviewRating, { '@type': 'Rating', ratingValue: 4, bestRating: 5, worstRating: 1, alternateName: 'Mostly true' });
  assert.deepEqual(review.author, { '@type': 'Person', name: STAMP.author });
  assert.equal(review.datePublished, STAMP.now.slice(0, 10));
  assert.ok(review.url.startsWith(doc.uri + '#'));
  // The check itself fails a property used on the wrong type and a value of the wrong type.
  assert.equal(schemaProblems({ '@type': 'Claim', reviewRating: { '@type': 'Rating' }, datePublished: 'Monday' }).length, 2);
  // Suggestions have no verdict: never a ClaimReview.
  assert.equal(JSON.parse(exportTags('claimreview', [doc], { include: 'suggestions' })[0].content).length, 0);
});
