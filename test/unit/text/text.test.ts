import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { escapeHtml, escapeMarkdown } from '../../../extension/core/text/escape';
import { contentHash } from '../../../extension/core/text/hash';
import { codePointToUtf16Mapper, utf16ToCodePointMapper } from '../../../extension/core/text/offsets';
import fc from 'fast-check';
import { parsedProseView, proseView } from '../../../extension/core/text/structure';
import { analysisRefusal } from '../../../extension/core/text/suitability';

test('offsets convert both ways across emoji, CJK and plain text', () => {
  const text = 'a🎉b中文😀😀c';
  const toCp = utf16ToCodePointMapper(text);
  const toU16 = codePointToUtf16Mapper(text);
  const cps = [...text];
  let u16 = 0;
  for (let cp = 0; cp <= cps.length; cp++) {
    assert.equal(toCp(u16), cp);
    assert.equal(toU16(cp), u16);
    u16 += cp < cps.length ? cps[cp].length : 0;
  }
});

test('content hash is sha256 of the UTF-8 bytes', () => {
  assert.equal(contentHash(''), 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  for (const sample of ['é', 'a🎉b', '中文\r\n']) {
    assert.equal(contentHash(sample), 'sha256:' + createHash('sha256').update(sample, 'utf8').digest('hex'));
  }
  assert.notEqual(contentHash('a\r\nb'), contentHash('a\nb'));
});

test('escaped Markdown keeps no link, HTML or emphasis syntax', () => {
  const evil = '[x](command:workbench.action.quit) <img src=x onerror=alert(1)> **b** `c`';
  const out = escapeMarkdown(evil);
  for (const bad of ['[', ']', '(', ')', '<', '>', '*', '`']) assert.ok(!out.includes(bad), `no raw ${bad}`);
  assert.equal(escapeHtml('<a href="x">&</a>'), '&#60;a href=&#34;x&#34;&#62;&#38;&#60;/a&#62;');
});

test('the prose view blanks Markdown markup and keeps offsets', () => {
  const md = '# Title here\n\n**Dr. Lena Brandt:** said [Meridian](https://x.org/a) *was* fine.\n\n- item one\n- item two\n';
  const view = proseView(md, 'markdown');
  assert.equal(view.text.length, md.length);
  assert.equal(view.text.slice(view.text.indexOf('Dr.'), view.text.indexOf('Dr.') + 16), 'Dr. Lena Brandt:');
  assert.ok(!view.text.includes('**'));
  assert.ok(!view.text.includes('https'));
  assert.ok(!view.text.includes('#'));
  assert.equal(view.text.indexOf('Meridian'), md.indexOf('Meridian'));
  assert.deepEqual(
    view.blocks.map((b) => b.kind),
    ['heading', 'paragraph', 'paragraph', 'paragraph'],
  );
  assert.equal(md.slice(view.blocks[0].start, view.blocks[0].end), 'Title here');
});

test('in plain text every line is a block, CRLF included', () => {
  const txt = 'Headline In Title Case\r\nFirst line. Second sentence.\r\n\r\nThird line\n';
  const view = proseView(txt, 'plaintext');
  assert.deepEqual(
    view.blocks.map((b) => txt.slice(b.start, b.end)),
    ['Headline In Title Case', 'First line. Second sentence.', 'Third line'],
  );
  assert.equal(view.text.length, txt.length);
});

test('in plain text, double backticks are quotation marks, not code: what they enclose stays prose', () => {
  const txt = "The minister called it ``a necessary step\nfor Varnholt'' and ``overdue'' and left.\nNo `code` here either.\n";
  const view = proseView(txt, 'plaintext');
  assert.ok(view.text.includes('a necessary step'), view.text);
  assert.ok(view.text.includes("for Varnholt'' and"), view.text);
  assert.ok(view.text.includes('code'), view.text);
  assert.ok(!proseView(txt, 'markdown').text.includes('for Varnholt'), 'Markdown keeps its code spans');
});

test('bold labels, snake_case and a Setext underline are read without the parser, as CommonMark reads them', () => {
  const md = 'Talks at AT&T\n--\n**Interviewer:** Thank you, Dr. Lena Brandt.\n**Dr. Brandt:** The var_name_x is *not* 2 * 3.\n';
  for (const format of ['plaintext', 'markdown'] as const) {
    const view = proseView(md, format);
    assert.deepEqual(view, parsedProseView(md, format));
    assert.equal(
      view.text,
      'Talks at AT&T\n  \n  Interviewer:   Thank you, Dr. Lena Brandt.\n  Dr. Brandt:   The var_name_x is  not  2 * 3.\n',
    );
    assert.equal(view.blocks[0].kind, 'heading');
  }
});

test('the fast paths (markup-free text; emphasis and Setext underlines only) agree with the Markdown parse', () => {
  const words = ['Ana', 'said', ' ', '  ', '   ', '    ', '\n', '\n\n', '\r\n', '.', 'é', '🎉', '中文', 'Board', ',', '!', '"', '(', '—'];
  const markup = ['*', '**', '***', '_', '__', '-', '--', '=', '==', '&', 'AT&T', '&amp;', '#', '|', '~', '>', '1.', '+', '[', '`'];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...words, ...markup), { maxLength: 60 }), (parts) => {
      const text = parts.join('');
      for (const format of ['plaintext', 'markdown'] as const) assert.deepEqual(proseView(text, format), parsedProseView(text, format));
    }),
    { numRuns: 3000 },
  );
});

test('articles too large, binary or not UTF-8 are refused for analysis with a reason', () => {
  assert.equal(analysisRefusal('A plain article about Lisbon.', 5), null);
  assert.match(analysisRefusal('x'.repeat(2 * 1024 * 1024), 1)!, /larger than 1 MB/);
  assert.match(analysisRefusal('PK\u0003\u0004\u0000\u0000', 5)!, /binary/);
  assert.match(analysisRefusal('Caf\ufffd cr\ufffdme '.repeat(30), 5)!, /not look like UTF-8/);
  assert.equal(analysisRefusal('One odd \ufffd in a long text. '.repeat(1) + 'word '.repeat(500), 5), null);
});
