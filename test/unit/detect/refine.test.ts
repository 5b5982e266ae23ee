import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkWorthiness } from '../../../extension/core/detect/claims';
import { createDetector } from '../../../extension/core/detect/index';
import { findLaws } from '../../../extension/core/detect/rules';
import type { Analysis } from '../../../extension/core/detect/types';

// The rules that correct the tagger (refine.ts), the law names (rules.ts) and the claim finder's
// use of attribution confidence, each on sentences where the model alone gets it wrong.
const detector = createDetector(new Uint8Array(readFileSync(join(__dirname, '../../../../media/models/detector.bin'))));

function analyze(text: string): Analysis {
  return detector.analyze(text, { format: 'plaintext' });
}

function typeOf(analysis: Analysis, text: string): string | undefined {
  return analysis.entities.find((e) => e.text === text)?.type;
}

test('an adverb or a common word opening a sentence is not a name, also after a speaker label', () => {
  const result = analyze('Moderator: Lastly, the panel turned to water prices.\nWell, the mayor of Springfield opened the bridge.');
  const found = result.entities.map((e) => e.text);
  assert.ok(!found.includes('Lastly'), found.join('|'));
  assert.ok(!found.includes('Well'), found.join('|'));
  assert.equal(typeOf(result, 'Springfield'), 'Location');
});

test('an adverb made from a common word is not a name even where a missed sentence break capitalizes it mid-sentence', () => {
  const found = analyze('The mill closed in 1998.?Similarly the board sold its land.\nSimilarly, the town lost its school.').entities.map(
    (e) => e.text,
  );
  assert.ok(!found.includes('Similarly'), found.join('|'));
});

test('in a Title Case headline or tagline, only words the article also capitalizes in prose are names', () => {
  const text =
    'Voters Reject Costly Stadium Plan In Landmark Ballot\nSenior Editor | Local Politics | Helping Readers Understand Budgets\nVoters rejected the stadium plan on Sunday, officials in Denver said.';
  const found = analyze(text).entities.map((e) => e.text);
  assert.ok(!found.some((n) => /Voters|Ballot|Helping|Budgets/.test(n)), found.join('|'));
  assert.ok(found.includes('Denver'), found.join('|'));
});

test('"X-linked" names the place X', () => {
  const result = analyze('Officials blamed Beijing-linked hackers for the intrusion.');
  assert.equal(typeOf(result, 'Beijing'), 'Location');
  assert.equal(typeOf(result, 'Beijing-linked'), undefined);
});

test('a place listed among organizations is an organization', () => {
  // Alone beside one company, the model types Telstra a place ("Bids came from Telstra and Charter Communications.").
  const result = analyze('Bids came from Telstra, Comcast Corp. and Charter Communications.');
  assert.equal(typeOf(result, 'Telstra'), 'Organization');
  assert.equal(typeOf(result, 'Charter Communications'), 'Organization');
});

test('laws and treaties by name, with their year; "The Act" alone and a name before "Law School" are not', () => {
  const text = 'The bill amends the Safe Harbour Act of 1987, also known as Public Law 100-42. The Act was popular at Lakeside Law School.';
  const laws = findLaws(text, [{ start: 0, end: text.length }]).map((m) => text.slice(m.start, m.end));
  assert.deepEqual(laws, ['Safe Harbour Act of 1987', 'Public Law 100-42']);
});

test('a sure attribution is a claim even when it says little else', () => {
  const claims = analyze('“It is over,” she said.').claims;
  assert.equal(claims.length, 1);
  assert.equal(claims[0].cue?.text, 'said');
});

test('a weak cue word marks an attribution but does not raise check-worthiness', () => {
  const text = 'The council opposed the new parking fees in a vote on Tuesday.';
  const { claims, entities } = analyze(text);
  assert.equal(claims.length, 1);
  assert.equal(claims[0].cue?.text, 'opposed');
  assert.equal(claims[0].score, checkWorthiness(text, entities, false, false));
});

test('a name ending in a company or agency head word is an organization, a place named West Bank stays a place', () => {
  const result = analyze('Investors said Brenner Chemicals and Talvik Holdings would merge, while talks in the West Bank went on.');
  assert.equal(typeOf(result, 'Brenner Chemicals'), 'Organization');
  assert.equal(typeOf(result, 'Talvik Holdings'), 'Organization');
  assert.equal(typeOf(result, 'West Bank'), 'Location');
});
