import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createCompareModel } from '../../../extension/core/corpus/compare/model';
import { readSentence, type Sentence } from '../../../extension/core/corpus/compare/sentence';
import { SAMPLE_ARTICLES, SAMPLE_CLAIMS, sampleFigures, sentenceSpans, type ListedClaim, type SampleClaim } from './sample-pairs';

/** The sample articles, read where the shared folder lies (beside the repository, or /work/shared); absent, the test skips. */
function sampleDir(): string | undefined {
  return [resolve(__dirname, '../../../../../shared/corpus'), resolve(__dirname, '../../../../shared/corpus'), '/work/shared/corpus'].find(
    (d) => existsSync(join(d, SAMPLE_ARTICLES[0])),
  );
}

const dir = sampleDir();

test(
  'sample articles: the pair model finds the hand-labelled same claims and contradictions, and lists few others',
  { skip: dir ? false : 'no ../shared/corpus' },
  () => {
    const model = createCompareModel();
    const claims: (ListedClaim & { sentence: Sentence })[] = [];
    for (const path of SAMPLE_ARTICLES) {
      const text = readFileSync(join(dir as string, path), 'utf8');
      for (const s of sentenceSpans(text)) claims.push({ path, ...s, sentence: readSentence(text.slice(s.start, s.end)) });
    }
    const at = (h: SampleClaim): (typeof claims)[number] => {
      const found = claims.find((c) => c.path === SAMPLE_ARTICLES[h.article] && c.start <= h.at && h.at < c.end);
      assert.ok(found, `no sentence at ${h.article}@${h.at}`);
      return found;
    };
    const listed: [ListedClaim, ListedClaim][] = [];
    for (const [i, x] of claims.entries()) {
      for (const y of claims.slice(i + 1))
        if (x.path !== y.path && model.relation(x.sentence, y.sentence, 'claim').relation === 'contradicts') listed.push([x, y]);
    }
    const figures = sampleFigures((x, y) => model.relation(at(x).sentence, at(y).sentence, 'claim').relation, listed);
    const report = JSON.stringify({
      ...figures,
      wrong: figures.wrong.map(([p, q]) => `${p.path.slice(0, 3)}@${p.start} / ${q.path.slice(0, 3)}@${q.start}`),
    });
    // The goals for same claims (32 of 38) and for the share of listed contradictions that are right (85%) are met; those
    // for contradictions found (3 of 4) and listed (at most 10) are not yet: these floors keep what is reached from getting worse.
    assert.ok(figures.sameFound >= 32, report);
    assert.ok(figures.contradictionsFound >= 2, report);
    assert.ok(figures.contradictionsListed <= 30, report);
    assert.ok(figures.contradictionsRight >= 0.85 * figures.contradictionsListed, report);
  },
);

test('sample figures: contradictions listed are also counted once per pair of claim groups, right only when every pair is', () => {
  const claim = (path: string, start: number): ListedClaim => ({ path, start, end: start + 10 });
  // Claims around hand anchors (by offset only): both of Beijing's denials against one report putting the hack on China.
  const anchored = (id: string): ListedClaim => claim(SAMPLE_ARTICLES[SAMPLE_CLAIMS[id].article], SAMPLE_CLAIMS[id].at - 1);
  const [denial, persisting, report] = [anchored('beijing-denies/3'), anchored('beijing-denies/1-persists'), anchored('fbi-cisa/2')];
  // Invented articles: one statement told by two of them, contradicted by a third; and an unrelated pair.
  const [told, retold, against] = [claim('told.md', 0), claim('retold.md', 40), claim('against.md', 5)];
  const [lone, other] = [claim('lone.md', 0), claim('other.md', 0)];
  const listed: [ListedClaim, ListedClaim][] = [
    [denial, report],
    [persisting, report],
    [told, against],
    [retold, against],
    [against, told],
    [lone, other],
  ];
  const groups = new Map([denial, persisting, told, retold].map((c, i) => [c, i < 2 ? 'denials' : 'statement']));
  const figures = sampleFigures(
    () => 'none',
    listed,
    (c) => groups.get(c) ?? `${c.path}@${c.start}`,
  );
  assert.equal(figures.contradictionsListed, 5);
  assert.equal(figures.contradictionsRight, 2);
  assert.equal(figures.groupPairsListed, 3);
  assert.equal(figures.groupPairsRight, 1);
  const apart = sampleFigures(() => 'none', listed);
  assert.equal(apart.groupPairsListed, 5);
  assert.equal(apart.groupPairsRight, 2);
});
