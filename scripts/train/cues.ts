// Learns attribution cues from PolNeAR: every cue span of up to three words is a candidate, scored by
// how often its occurrences in the articles are cues, P(cue | words). The detector reads these from
// the model header; the claim finder calls a sentence an attribution when its best cue passes the
// threshold chosen here for the best sentence F1 on the training split.
import { cueScores, normalizeWord, type CueLexicon } from '../../extension/core/detect/claims';
import { tokenize } from '../../extension/core/detect/tokens';
import { proseView } from '../../extension/core/text/structure';
import { splitSentences } from '../../extension/core/text/sentences';
import { readPolnear, type PolnearArticle } from './polnear';
import { prf } from '../eval/score';

const MAX_WORDS = 3;
const MIN_COUNT = 3;

function words(text: string, start: number, end: number): string[] {
  return tokenize(text, start, end).map((t) => normalizeWord(text.slice(t.start, t.end)));
}

export function learnCues(dir: string): CueLexicon {
  const articles = readPolnear(dir);
  const cueCounts = new Map<string, number>();
  for (const a of articles) {
    for (const attr of a.attributions) {
      if (!attr.cue) continue;
      const w = words(a.text, attr.cue.start, attr.cue.end);
      if (w.length && w.length <= MAX_WORDS) cueCounts.set(w.join(' '), (cueCounts.get(w.join(' ')) ?? 0) + 1);
    }
  }
  const occurrences = new Map<string, number>();
  for (const a of articles) {
    const w = words(a.text, 0, a.text.length);
    for (let i = 0; i < w.length; i++) {
      for (let n = 1; n <= MAX_WORDS && i + n <= w.length; n++) {
        const key = w.slice(i, i + n).join(' ');
        if (cueCounts.has(key)) occurrences.set(key, (occurrences.get(key) ?? 0) + 1);
      }
    }
  }
  const cues: Record<string, number> = {};
  for (const [key, count] of cueCounts) {
    if (count < MIN_COUNT) continue;
    const p = count / ((occurrences.get(key) ?? count) + 1);
    if (p >= 0.05) cues[key] = Math.round(p * 1000) / 1000;
  }
  return { cues, threshold: bestThreshold(articles, { cues, threshold: 0 }) };
}

/** The threshold on a sentence's best cue score that gives the best attribution-sentence F1. */
function bestThreshold(articles: PolnearArticle[], lexicon: CueLexicon): number {
  const scored: { score: number; gold: boolean }[] = [];
  for (const a of articles) {
    const view = proseView(a.text, 'plaintext');
    for (const s of splitSentences(view.text, view.blocks)) {
      const gold = a.attributions.some((attr) => attr.cue && attr.cue.start < s.end && attr.cue.end > s.start);
      const best = cueScores(view.text, tokenize(view.text, s.start, s.end), lexicon).reduce((m, c) => Math.max(m, c.score), 0);
      scored.push({ score: best, gold });
    }
  }
  const positives = scored.filter((s) => s.gold).length;
  let best = { f1: -1, threshold: 0.5 };
  for (let t = 0.02; t < 0.9; t += 0.01) {
    const tp = scored.filter((s) => s.gold && s.score >= t).length;
    const fp = scored.filter((s) => !s.gold && s.score >= t).length;
    const { f1 } = prf({ tp, fp, fn: positives - tp });
    if (f1 > best.f1) best = { f1, threshold: Math.round(t * 100) / 100 };
  }
  return best.threshold;
}
