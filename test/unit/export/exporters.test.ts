import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exportCsv, CSV_COLUMNS } from '../../../extension/core/export/csv';
import { exportJsonl } from '../../../extension/core/export/jsonl';
import { exportW3c, type WebAnnotation } from '../../../extension/core/export/w3c';
import { exportBrat } from '../../../extension/core/export/brat';
import { exportConll } from '../../../extension/core/export/conll';
import { spacyExamples } from '../../../extension/core/export/spacy';
import { labelStudioConfig, labelStudioTasks } from '../../../extension/core/export/labelstudio';
import { exportDocument, exportItems } from '../../../extension/core/export/types';
import { exportTags, EXPORT_FORMATS } from '../../../extension/core/export/index';
import type { Analysis } from '../../../extension/core/detect/types';
import { cpSlice, find, mixedDoc, notesDoc } from './fixtures';

const confirmed = { include: 'confirmed' } as const;

/** A small RFC 4180 reader, to check the writer from the other side. */
function parseCsv(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i];
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && csv[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

test('CSV: BOM, RFC 4180 quoting, CRLF rows, code-point offsets', () => {
  const doc = mixedDoc();
  const csv = exportCsv([doc], confirmed);
  assert.equal(csv.charCodeAt(0), 0xfeff);
  const rows = parseCsv(csv.slice(1));
  assert.deepEqual(rows[0], [...CSV_COLUMNS]);
  assert.equal(rows.length, 1 + doc.tags.length);
  const col = (name: (typeof CSV_COLUMNS)[number]): number => CSV_COLUMNS.indexOf(name);
  for (const row of rows.slice(1)) {
    assert.equal(row[col('offset unit')], 'codepoint');
    assert.equal(cpSlice(doc.text, Number(row[col('start')]), Number(row[col('end')])), row[col('text')]);
  }
  const claim = rows.find((r) => r[col('verdict')] === 'Mostly true');
  assert.ok(claim);
  assert.equal(claim[col('tags')], '🌳; budget; needs "source", check'.split('; ').sort().join('; '));
  assert.equal(claim[col('note')], 'Council minutes say $58 million.\nAsk the press office.');
  assert.equal(claim[col('source')], 'Reuters');
  assert.equal(cpSlice(doc.text, Number(claim[col('cue start')]), Number(claim[col('cue end')])), 'According to');
  const crossing = rows.find((r) => r[col('text')].startsWith('officials called'));
  assert.ok(crossing);
  assert.ok(crossing?.[col('text')].includes('\r\n'), 'a span across a CRLF keeps its line break inside one quoted field');
  assert.equal(crossing[col('hedges')], 'reportedly');
});

test('JSONL: one object a line, code points, claim links kept', () => {
  const doc = mixedDoc();
  const lines = exportJsonl([doc], confirmed)
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.equal(lines.length, doc.tags.length);
  for (const l of lines) {
    assert.equal(l.offsetUnit, 'codepoint');
    assert.equal(cpSlice(doc.text, l.start, l.end), l.text);
    for (const part of l.claim ? [l.claim.source, l.claim.cue, ...l.claim.hedges].filter(Boolean) : []) {
      assert.equal(cpSlice(doc.text, part.start, part.end), part.text);
    }
  }
  const money = lines.find((l) => l.label === 'Money');
  assert.equal(money.text, '$60 million 💰');
  assert.equal(money.end - money.start, 13, 'the emoji counts once');
});

test('W3C: TextPositionSelector in code points, TextQuoteSelector, purposes, attribution', () => {
  const doc = { ...mixedDoc(), uri: 'file:///home/ana/ws/news/mixed.txt' };
  const collection = JSON.parse(exportW3c([doc], confirmed));
  assert.equal(collection['@context'][0], 'http://www.w3.org/ns/anno.jsonld');
  assert.equal(collection.type, 'AnnotationCollection');
  const items: WebAnnotation[] = collection.first.items;
  assert.equal(collection.total, items.length);
  for (const a of items) {
    const [quote, position] = a.target.selector as unknown as [
      { exact: string; prefix: string; suffix: string },
      { start: number; end: number },
    ];
    assert.equal(cpSlice(doc.text, position.start, position.end), quote.exact);
    assert.ok(doc.text.includes(quote.prefix + quote.exact + quote.suffix));
    assert.equal(a.target.source, doc.uri, "the target is the article's absolute URI");
  }
  const claim = items.find((a) => a.body.some((b) => b.purpose === 'assessing'));
  assert.ok(claim);
  assert.deepEqual(
    claim.body
      .filter((b) => b.purpose === 'tagging')
      .map((b) => b.value)
      .sort(),
    ['budget', 'needs "source", check', '🌳'].sort(),
  );
  assert.equal(claim.body.find((b) => b.purpose === 'commenting')?.value, 'Council minutes say $58 million.\nAsk the press office.');
  assert.equal(claim.body.find((b) => b.purpose === 'classifying')?.value, 'Claim');
  assert.equal((claim['sa:source']?.selector[0] as { exact: string }).exact, 'Reuters');
  const hedged = items.find((a) => a['sa:hedge']);
  assert.equal((hedged?.['sa:hedge']?.[0].selector[0] as { exact: string }).exact, 'reportedly');
});

test('W3C: quote context never splits a surrogate pair', () => {
  const text = '🔍'.repeat(40) + 'Reuters' + '💰'.repeat(40);
  const doc = { path: 'e.txt', text, tags: mixedDoc().tags.slice(0, 0) };
  const span = find(text, 'Reuters');
  const withTag = {
    ...doc,
    tags: [{ ...mixedDoc().tags[0], target: { start: span.start, end: span.end, quote: 'Reuters', prefix: '', suffix: '' } }],
  };
  const anno = JSON.parse(exportW3c([withTag], confirmed)).first.items[0];
  const quote = anno.target.selector[0];
  assert.ok(!/^[\udc00-\udfff]/.test(quote.prefix) && !/[\ud800-\udbff]$/.test(quote.suffix));
  assert.equal(anno.target.selector[1].start, 40);
});

test('brat: .ann beside a copy of the text, code points (CRLF two), fragments across line breaks, relations and notes', () => {
  const doc = mixedDoc();
  const files = exportBrat([doc, notesDoc()], confirmed);
  assert.deepEqual(
    files.map((f) => f.path),
    ['annotation.conf', 'news/mixed.ann', 'news/mixed.txt', 'notes.md.ann', 'notes.md.txt'],
  );
  const lf = files[2].content;
  assert.equal(lf, doc.text, 'the copy is the article as it is: brat counts its CRLF as two characters');
  const ann = files[1].content.trimEnd().split('\n');
  const bounds = ann.filter((l) => l.startsWith('T')).map((l) => l.split('\t'));
  for (const [, typeAndSpans, text] of bounds) {
    const fragments = typeAndSpans
      .split(' ')
      .slice(1)
      .join(' ')
      .split(';')
      .map((f) => f.split(' ').map(Number));
    assert.equal(fragments.map(([s, e]) => cpSlice(lf, s, e)).join(' '), text);
  }
  const crossing = bounds.find(([, , text]) => text.startsWith('officials called'));
  assert.ok(crossing && crossing[1].includes(';'), 'a span across a line break is discontinuous');
  const claimId = bounds.find(([, , text]) => text.startsWith('According to'))?.[0];
  const sourceId = bounds.find(([, type, text]) => type.startsWith('Source ') && text === 'Reuters')?.[0];
  assert.ok(ann.some((l) => new RegExp(`^R\\d+\\tHasSource Arg1:${claimId} Arg2:${sourceId}$`).test(l)));
  assert.ok(ann.some((l) => /^#\d+\t/.test(l) && l.endsWith(`\tVerdict ${claimId}\tMostly true`)));
  assert.ok(
    ann.some((l) => /^#\d+\t/.test(l) && l.endsWith(`AnnotatorNotes ${claimId}\tCouncil minutes say $58 million. Ask the press office.`)),
  );
  assert.ok(ann.some((l) => /^#\d+\t/.test(l) && l.endsWith(`Tag ${claimId}\t🌳`)));
  assert.match(files[0].content, /HasSource\tArg1:Claim, Arg2:Source/);
});

test('CoNLL: tokens per line, BIO tags, DOCSTART, sentences, CJK characters as tokens', () => {
  const out = exportConll([mixedDoc(), notesDoc()], confirmed);
  const docs = out.split('-DOCSTART- O\n\n').slice(1);
  assert.equal(docs.length, 2);
  const lines = docs[0].split('\n');
  assert.ok(lines.includes('Li B-PER') && lines.includes('Wei I-PER'));
  assert.ok(lines.includes('北 B-LOC') && lines.includes('京 I-LOC'));
  assert.ok(lines.includes('$ B-MONEY') && lines.includes('💰 I-MONEY'));
  assert.ok(lines.includes('Monday O') === false && lines.includes('Monday B-DATE'));
  assert.ok(lines.includes('. O'));
  assert.ok(docs[1].split('\n').includes('Dr. O'), 'abbreviations keep their dot');
  for (const line of out.split('\n')) assert.ok(line === '' || /^\S+ (O|[BI]-[A-Z]+)$/.test(line), line);
  const sentences = docs[0].trim().split('\n\n');
  assert.ok(sentences.length >= 3);
});

test('spaCy: [text, {entities}] in code points, no overlapping entities, claims in span groups', () => {
  const doc = mixedDoc();
  const [[text, ann]] = spacyExamples([doc], confirmed);
  assert.equal(text, doc.text);
  for (const [s, e, label] of ann.entities) assert.ok(cpSlice(text, s, e).length > 0 && label !== 'Claim');
  assert.deepEqual(
    ann.entities.map(([s, e]) => cpSlice(text, s, e)),
    ['Li Wei', '北京', 'Monday', 'Reuters', '$60 million 💰', 'Li Wei'],
  );
  for (let i = 1; i < ann.entities.length; i++) assert.ok(ann.entities[i][0] >= ann.entities[i - 1][1]);
  assert.equal(ann.spans.claims.length, 2);
  assert.deepEqual(
    ann.spans.attribution.map(([s, e, l]) => `${l}:${cpSlice(text, s, e)}`),
    ['Source:Reuters', 'Cue:According to', 'Source:Li Wei', 'Cue:said', 'Hedge:reportedly'],
  );
});

test('Label Studio: code points of data.text, regions, per-region text areas, relations, config', () => {
  const doc = mixedDoc();
  const [task] = labelStudioTasks([doc], confirmed);
  assert.equal(task.data.text, doc.text);
  assert.equal(task.predictions.length, 0);
  const result = task.annotations[0].result;
  for (const r of result) {
    if (r.type === 'labels') assert.equal(cpSlice(doc.text, r.value.start, r.value.end), r.value.text);
  }
  const claim = result.find((r) => r.type === 'textarea' && r.from_name === 'verdict');
  assert.ok(claim && claim.type === 'textarea');
  assert.ok(result.some((r) => r.type === 'relation' && r.from_id === claim.id && r.labels[0] === 'source'));
  const config = labelStudioConfig();
  assert.match(config, /<Labels name="label" toName="text">/);
  assert.match(config, /<TextArea name="verdict" toName="text" perRegion="true"/);
  assert.equal((config.match(/<Label value=/g) ?? []).length, 10);
});

test("include 'all' adds the untriaged suggestions, marked as such", () => {
  const doc = mixedDoc();
  const analysis: Analysis = {
    entities: [
      { ...find(doc.text, 'Li Wei'), type: 'Person', origin: 'model' }, // already tagged: not a suggestion
      { ...find(doc.text, 'Mayor'), type: 'Other', origin: 'pattern' },
    ],
    claims: [{ ...find(doc.text, 'Fact check', 0, 'Monday.'), score: 0.75, source: null, cue: null, content: null, hedges: [] }],
  };
  const withSuggestions = exportDocument(doc.path, doc.text, doc.sidecar, analysis);
  assert.equal(withSuggestions.suggestions?.length, 2);
  assert.equal(exportItems(withSuggestions, confirmed).length, doc.tags.length);
  const all = exportItems(withSuggestions, { include: 'all' });
  assert.equal(all.filter((i) => i.status === 'suggested').length, 2);
  const [task] = labelStudioTasks([withSuggestions], { include: 'all' });
  assert.equal(task.predictions[0].score, 0.75);
  assert.equal(task.predictions[0].result.filter((r) => r.type === 'labels').length, 2);
  assert.match(exportBrat([withSuggestions], { include: 'all' })[1].content, /^A1\tSuggested T\d+$/m);
  const jsonl = exportJsonl([withSuggestions], { include: 'all' })
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.equal(jsonl.filter((l) => l.status === 'suggested').length, 2);
});

test('rejected, orphaned and stale tags are left out of every format', () => {
  const doc = mixedDoc();
  const [first, second, third, ...rest] = doc.tags;
  const tags = [
    { ...first, status: 'rejected' as const },
    { ...second, anchoring: 'orphaned' as const },
    { ...third, target: { ...third.target, start: third.target.start + 1, end: third.target.end + 1 } },
    ...rest,
  ];
  const items = exportItems({ ...doc, tags }, confirmed);
  assert.equal(items.length, doc.tags.length - 3);
  for (const format of EXPORT_FORMATS) assert.ok(exportTags(format, [{ ...doc, tags }], confirmed).length >= 1);
});
