import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeAll } from '../../../extension/core/detect/incremental';
import type { Analysis, ClaimMention, Detector, EntityMention } from '../../../extension/core/detect/types';
import { overlay } from '../../../extension/core/present/overlay';
import { countMarks, suggestable } from '../../../extension/core/present/suggestions';
import { addTag, emptySidecar } from '../../../extension/core/sidecar/model';
import type { Sidecar } from '../../../extension/core/sidecar/types';

// An invented article, one paragraph per chunk so that counting goes through several chunks.
const TEXT = [
  'Mayor Ana Ruiz said the bridge will reopen in May.',
  'The council of Westbrook denied that the budget was cut.',
  'Ana Ruiz added that Westbrook will pay for the repairs.',
].join('\n\n');

/** Finds the names and sentences above wherever they occur: stands in for the real detector. */
const detector: Detector = {
  analyze(text: string): Analysis {
    const entities: EntityMention[] = [];
    for (const [name, origin] of [
      ['Ana Ruiz', 'model'],
      ['May', 'model'],
      ['Westbrook', 'knowledge'],
    ] as const) {
      for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
        entities.push({ start: at, end: at + name.length, text: name, type: origin === 'model' ? 'Person' : 'Location', origin });
      }
    }
    const claims: ClaimMention[] = [];
    let start = 0;
    for (const sentence of text.split(/(?<=\.)/)) {
      const lead = sentence.length - sentence.trimStart().length;
      if (sentence.trim())
        claims.push({
          start: start + lead,
          end: start + sentence.length,
          text: sentence.trim(),
          score: sentence.includes('said') ? 0.9 : 0.4,
          source: null,
          cue: null,
          content: null,
          hedges: [],
        });
      start += sentence.length;
    }
    return { entities: entities.sort((a, b) => a.start - b.start), claims };
  },
};

const STAMP = { author: 'tester', now: '2026-01-01T00:00:00Z' };

function tagged(): Sidecar {
  let sidecar = emptySidecar('article.txt', TEXT);
  const first = TEXT.indexOf('Ana Ruiz');
  sidecar = addTag(
    sidecar,
    TEXT,
    { kind: 'entity', label: 'Person', status: 'confirmed', start: first, end: first + 'Ana Ruiz'.length },
    STAMP,
  ).sidecar;
  const claim = TEXT.indexOf('The council');
  sidecar = addTag(
    sidecar,
    TEXT,
    { kind: 'claim', label: 'Claim', status: 'rejected', start: claim, end: TEXT.indexOf('cut.') + 4 },
    STAMP,
  ).sidecar;
  // A tag of the researcher's own, on no suggestion.
  const bridge = TEXT.indexOf('bridge');
  sidecar = addTag(
    sidecar,
    TEXT,
    { kind: 'entity', label: 'Other', status: 'confirmed', start: bridge, end: bridge + 'bridge'.length },
    STAMP,
  ).sidecar;
  return sidecar;
}

test('suggestable leaves out weak claims and rejected names, never names from the knowledge base', () => {
  const analysis = detector.analyze(TEXT, { format: 'plaintext' });
  const shown = suggestable(analysis, 0.5, (name) => name === 'Ana Ruiz' || name === 'May' || name === 'Westbrook');
  assert.deepEqual(
    shown.entities.map((e) => e.text),
    ['Westbrook', 'Westbrook'],
  );
  assert.deepEqual(
    shown.claims.map((c) => c.score),
    [0.9],
  );
});

test('suggestable returns the analysis itself when nothing is left out', () => {
  const analysis = detector.analyze(TEXT, { format: 'plaintext' });
  assert.equal(
    suggestable(analysis, 0, () => false),
    analysis,
  );
});

for (const minClaimScore of [0, 0.5]) {
  for (const rejectName of [false, true]) {
    test(`countMarks from the chunks equals counting every mark (min score ${minClaimScore}, a name rejected: ${rejectName})`, () => {
      const incremental = analyzeAll(detector, TEXT, { format: 'plaintext' });
      assert.ok(incremental.chunks.length > 1, 'the fixture spans several chunks');
      const tags = tagged().tags;
      const shown = (analysis: Analysis): Analysis => suggestable(analysis, minClaimScore, (name) => rejectName && name === 'May');
      const whole = shown(detector.analyze(TEXT, { format: 'plaintext', documentText: TEXT }));
      const marks = overlay(whole, tags);
      const expected = countMarks({ marks, incremental, tags, minClaimScore, shown });
      assert.deepEqual(countMarks({ incremental, tags, minClaimScore, shown }), expected);
      assert.ok(expected.suggested > 0 && expected.confirmed === 2);
    });
  }
}

test('countMarks without an analysis counts the confirmed tags only; orphaned tags are not counted', () => {
  const sidecar = tagged();
  const tags = sidecar.tags.map((t, i) => (i === 0 ? { ...t, anchoring: 'orphaned' as const } : t));
  assert.deepEqual(countMarks({ incremental: null, tags, minClaimScore: 0, shown: (a) => a }), {
    suggested: 0,
    suggestedClaims: 0,
    confirmed: 1,
    claims: 0,
  });
});
