import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as l10n from '@vscode/l10n';
import { describeMark } from '../../../extension/core/present/describe';
import { readSidecar } from '../../../extension/core/sidecar/read';
import { escapeMarkdown } from '../../../extension/core/text/escape';
import { analysisRefusal } from '../../../extension/core/text/suitability';

// The core speaks English until the editor hands @vscode/l10n the bundle VS Code loaded (the CLI never does).
// Tests run in order: English first, then with a pseudo-translation configured for the rest of this file.
const [Y, X] = [escapeMarkdown('Alt+Y'), escapeMarkdown('Alt+X')];
const mark = {
  kind: 'entity',
  label: 'Person',
  state: 'suggested',
  start: 0,
  end: 3,
  entity: { text: 'Ada', type: 'Person', start: 0, end: 3, score: 1 },
} as unknown as Parameters<typeof describeMark>[0];

test('without a bundle the core says its messages in English, placeholders filled', () => {
  assert.equal(
    describeMark(mark, { confirmKey: 'Alt+Y', rejectKey: 'Alt+X' }).split('  \n')[0],
    `**Person** · _suggestion_ — confirm with ${Y}, reject with ${X}`,
  );
  assert.equal(analysisRefusal('\u0000', 5), 'it looks like a binary file; its tags are shown, suggestions are off');
  const read = readSidecar('{"version": 99}');
  assert.ok(!read.ok && read.problem.includes('format version 99; this one reads up to'));
});

test('with a bundle the core says the translations, escaping what fills them', () => {
  l10n.config({
    contents: {
      '**{0}** · _suggestion_ — confirm with {1}, reject with {2}': '**{0}** · _Vorschlag_ — {1} bestätigt, {2} verwirft',
      'it looks like a binary file; its tags are shown, suggestions are off': 'sieht binär aus',
      'it was written by a newer Source Annotator (format version {0}; this one reads up to {1}). Update the extension to change its tags':
        'Format {0} > {1}',
    },
  });
  assert.equal(
    describeMark(mark, { confirmKey: 'Alt+Y', rejectKey: 'Alt+X' }).split('  \n')[0],
    `**Person** · _Vorschlag_ — ${Y} bestätigt, ${X} verwirft`,
  );
  assert.equal(analysisRefusal('\u0000', 5), 'sieht binär aus');
  const read = readSidecar('{"version": 99}');
  assert.ok(!read.ok && read.problem === 'Format 99 > 1');
  // A message the bundle lacks falls back to English.
  assert.match(analysisRefusal('x'.repeat(2 * 1024 * 1024), 1)!, /^it is larger than 1 MB/);
});
