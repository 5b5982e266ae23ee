import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeMark } from '../../../extension/core/present/describe';
import type { ClaimMention } from '../../../extension/core/detect/types';

const KEYS = { confirmKey: 'Alt+Y', rejectKey: 'Alt+X' };
const span = (text: string, start: number) => ({ text, start, end: start + text.length });

function claimCard(claim: Partial<ClaimMention>): string {
  const mention: ClaimMention = {
    ...span('The pumps failed.', 0),
    score: 0.5,
    source: null,
    cue: null,
    content: null,
    hedges: [],
    ...claim,
  };
  return describeMark(
    { kind: 'claim', label: 'Claim', state: 'suggested', start: 0, end: mention.end, claim: mention } as unknown as Parameters<
      typeof describeMark
    >[0],
    KEYS,
  );
}

test('a claim nobody is said to have said is the author’s; one reported by someone the sentence does not name is not', () => {
  assert.match(claimCard({}), /Source: _the author_/);
  const reported = claimCard({ ...span('It was announced that the pumps failed.', 0), cue: span('was announced', 3) });
  assert.match(reported, /Source: _not named_/);
  assert.doesNotMatch(reported, /the author/);
  const named = claimCard({ source: span('The board', 0), cue: span('said', 10) });
  assert.match(named, /Source: “The board”/);
});
