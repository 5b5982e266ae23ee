import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { anchorTags, shiftTags } from '../../../extension/core/anchor';
import type { Tag } from '../../../extension/core/sidecar/types';
import { editArticle, random } from '../../../scripts/stress/groundTruth';

// Reopening a workspace anchors each sidecar's tags on the article's text: anchoring its own result
// again must change nothing, or every reopen would rewrite sidecars (and the corpus' digests with them).
// Our own invented articles, edited as the ground-truth stress test edits real news (typos, rewording,
// paragraphs copied, sentences moved, paragraphs deleted), with tags on repeated phrases.
const root = process.cwd();
const ARTICLES = [
  'test/fixtures/anchoring/harbour-council.txt',
  'test/fixtures/workspace/attribution.txt',
  'test/fixtures/workspace/harbor.txt',
].map((path) => readFileSync(join(root, path), 'utf8'));

const editedArb = fc
  .record({ article: fc.constantFrom(...ARTICLES), seed: fc.integer(), edits: fc.integer({ min: 1, max: 9 }) })
  .map(({ article, seed, edits }) => editArticle(article, random(seed), 16, edits))
  .filter((edited) => edited !== null)
  .map(({ originals, events, doc }) => ({ originals, events, text: doc.text }));

test('disk path: anchoring the same tags on the same text twice, and its result once more, gives identical tags', () => {
  fc.assert(
    fc.property(editedArb, (edited) => {
      const text = edited.text;
      const once = anchorTags(edited.originals, text);
      assert.deepEqual(anchorTags(edited.originals, text), once);
      assert.deepEqual(anchorTags(once, text), once);
    }),
    { numRuns: 60 },
  );
});

test("editor path: anchoring the editor's tags on its text keeps every placed tag as it is, and is then settled", () => {
  fc.assert(
    fc.property(editedArb, (edited) => {
      let tags: Tag[] = edited.originals;
      for (const { changes, text } of edited.events) tags = shiftTags(tags, changes, text);
      const text = edited.text;
      const once = anchorTags(tags, text);
      // Only an orphan may change: its words may be found again by quote and context.
      once.forEach((t, i) => {
        if (tags[i].anchoring !== 'orphaned') assert.deepEqual(t, tags[i]);
      });
      assert.deepEqual(anchorTags(once, text), once);
    }),
    { numRuns: 60 },
  );
});
