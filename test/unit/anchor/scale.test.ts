import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anchorTags } from '../../../extension/core/anchor';
import { forEachOccurrence, occurrenceIndex, occurrences } from '../../../extension/core/anchor/occurrences';
import { random } from '../../../scripts/stress/groundTruth';
import { makeTag } from '../../../scripts/stress/scenario';

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'ta', 'vo', 'shi', 'pe', 'dan', 'mor', 'el', 'ist', 'ur', 'gan', 'ho', 'be', 'dra'];
const COMMON = ['the', 'of', 'and', 'a', 'to', 'in', 'said', 'on', 'that'];

/** An invented article of `paragraphs` paragraphs: common words among names made of syllables, as news reads. */
function article(paragraphs: number, seed: number): string {
  const r = random(seed);
  const name = () => Array.from({ length: 3 + Math.floor(r() * 2) }, () => SYLLABLES[Math.floor(r() * SYLLABLES.length)]).join('');
  const out: string[] = [];
  for (let p = 0; p < paragraphs; p++) {
    const words = Array.from({ length: 40 }, () => (r() < 0.4 ? COMMON[Math.floor(r() * COMMON.length)] : name()));
    out.push(words.join(' ') + '.');
  }
  return out.join('\n\n');
}

test('occurrences: every start of a string, as indexOf finds them, overlapping ones too, up to a limit', () => {
  const text = 'aaaa banana bandana ana\r\nana 😀😀 x';
  const index = occurrenceIndex(text);
  for (const s of ['a', 'aa', 'aaa', 'ana', 'anana', 'band', 'ana\r\nana', '😀', '😀😀', 'x', 'zzz', 'anax']) {
    const expected: number[] = [];
    for (let i = text.indexOf(s); i >= 0; i = text.indexOf(s, i + 1)) expected.push(i);
    assert.deepEqual(occurrences(index, s), expected, s);
  }
  assert.deepEqual(occurrences(index, 'ana', 2), [6, 8]);
  const seen: number[] = [];
  forEachOccurrence(index, 'aa', (i) => seen.push(i) < 2);
  assert.deepEqual(seen, [0, 1]);
  assert.deepEqual(occurrences(occurrenceIndex(''), 'a'), []);
});

test('occurrences agree with indexOf on a long invented article', () => {
  const text = article(200, 3);
  const index = occurrenceIndex(text);
  const r = random(5);
  for (let k = 0; k < 300; k++) {
    const at = Math.floor(r() * (text.length - 20));
    const s = text.slice(at, at + 1 + Math.floor(r() * 12));
    const expected: number[] = [];
    for (let i = text.indexOf(s); i >= 0; i = text.indexOf(s, i + 1)) expected.push(i);
    assert.deepEqual(occurrences(index, s), expected, s);
  }
});

/**
 * A paragraph written on top of a long article moves every tag: each is looked for by its quote. One
 * scan of the whole text per string looked up made that quadratic: this case took 4.9 s (quiet machine)
 * to 7.3 s (busy) so, 0.6 to 1.0 s with the occurrence index, on a 2-core machine shared with other jobs.
 */
test('anchoring a long article whose every tag moved is near-linear in its length', (t) => {
  const text = article(4000, 11);
  // Tags on names, two words or three: a phrase like "of the", found hundreds of times, costs more (bounded) work.
  const names = [...text.matchAll(/[a-z]{4,} [a-z]+ [a-z]+/g)].filter((m) => !COMMON.includes(m[0].split(' ')[0]));
  const tags = Array.from({ length: 8000 }, (_, i) => {
    const m = names[Math.floor((i / 8000) * names.length)];
    const words = m[0]
      .split(' ')
      .slice(0, 2 + (i % 2))
      .join(' ');
    return makeTag(text, m.index, m.index + words.length, `t${i}`);
  });
  const edited = 'A paragraph written on top, before everything else.\n\n' + text;
  // CPU time, not wall time: the test runner runs the other test files at the same time on the same cores.
  const started = process.cpuUsage();
  const anchored = anchorTags(tags, edited);
  const used = process.cpuUsage(started);
  const seconds = (used.user + used.system) / 1e6;
  const shift = edited.length - text.length;
  assert.ok(anchored.every((t, i) => t.anchoring === 'orphaned' || t.target.start === tags[i].target.start + shift));
  assert.ok(anchored.filter((t) => t.anchoring === 'moved').length > 7900);
  const took = `${seconds.toFixed(2)} s of CPU for ${tags.length} tags on ${edited.length} UTF-16 units`;
  t.diagnostic(took);
  assert.ok(seconds < 3, took);
});
