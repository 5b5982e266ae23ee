// Learns attribution cues from PolNeAR: every cue span of up to three words is a candidate, scored by
// how often its occurrences in the articles are cues, P(cue | words). The detector reads these from
// the model header; the claim finder calls a sentence an attribution when its best cue passes the
// threshold chosen here for the best sentence F1 on the training split.
import { attributionFeatures, cueScores, normalizeWord, SENTENCE_FEATURE_BITS, type CueLexicon } from '../../extension/core/detect/claims';
import { sentenceProps } from '../../extension/core/detect/features';
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
      // A longer cue ("reserved his most eloquent passion for") counts for its first word, usually the verb.
      const w = words(a.text, attr.cue.start, attr.cue.end);
      const key = w.length <= MAX_WORDS ? w.join(' ') : w[0];
      if (key) cueCounts.set(key, (cueCounts.get(key) ?? 0) + 1);
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
  const threshold = bestThreshold(articles, { cues, threshold: 0 });
  return { cues, threshold, sentence: trainSentenceClassifier(articles, { cues, threshold }) };
}

/** Sentences of the articles with their cue hits and whether a gold cue lies in them. */
function labelledSentences(articles: PolnearArticle[], lexicon: CueLexicon): { features: number[]; gold: boolean }[] {
  const out: { features: number[]; gold: boolean }[] = [];
  for (const a of articles) {
    const view = proseView(a.text, 'plaintext');
    for (const s of splitSentences(view.text, view.blocks)) {
      const props = sentenceProps(view.text, tokenize(view.text, s.start, s.end));
      const gold = a.attributions.some((attr) => attr.cue && attr.cue.start >= s.start && attr.cue.start < s.end);
      out.push({ features: attributionFeatures(props, cueScores(props, lexicon)), gold });
    }
  }
  return out;
}

/**
 * Logistic regression by SGD over the hashed sentence features, trained on nine tenths of the
 * articles; the cutoff is the one with the best F1 on the remaining tenth (the training sentences
 * themselves would make it too confident).
 */
function trainSentenceClassifier(articles: PolnearArticle[], lexicon: CueLexicon): { weights: number[]; cutoff: number } {
  const heldOut = articles.filter((_, i) => i % 10 === 9);
  const data = labelledSentences(
    articles.filter((_, i) => i % 10 !== 9),
    lexicon,
  );
  const weights = new Float64Array(1 << SENTENCE_FEATURE_BITS);
  const probability = (features: number[]): number => 1 / (1 + Math.exp(-features.reduce((z, f) => z + weights[f], 0)));
  for (let epoch = 0; epoch < 8; epoch++) {
    const rate = 0.1 / (1 + epoch);
    for (const { features, gold } of data) {
      const g = (gold ? 1 : 0) - probability(features);
      for (const f of features) weights[f] += rate * g - rate * 1e-4 * weights[f];
    }
  }
  const scored = labelledSentences(heldOut, lexicon).map((d) => ({ p: probability(d.features), gold: d.gold }));
  const positives = scored.filter((s) => s.gold).length;
  let best = { f1: -1, cutoff: 0.5 };
  for (let c = 0.1; c < 0.8; c += 0.02) {
    const tp = scored.filter((s) => s.gold && s.p >= c).length;
    const fp = scored.filter((s) => !s.gold && s.p >= c).length;
    const { f1 } = prf({ tp, fp, fn: positives - tp });
    if (f1 > best.f1) best = { f1, cutoff: Math.round(c * 100) / 100 };
  }
  return { weights: Array.from(weights, (w) => Math.round(w * 1000) / 1000), cutoff: best.cutoff };
}

/** The threshold on a sentence's best cue score that gives the best attribution-sentence F1. */
function bestThreshold(articles: PolnearArticle[], lexicon: CueLexicon): number {
  const scored: { score: number; gold: boolean }[] = [];
  for (const a of articles) {
    const view = proseView(a.text, 'plaintext');
    for (const s of splitSentences(view.text, view.blocks)) {
      const gold = a.attributions.some((attr) => attr.cue && attr.cue.start < s.end && attr.cue.end > s.start);
      const best = cueScores(sentenceProps(view.text, tokenize(view.text, s.start, s.end)), lexicon).reduce(
        (m, c) => Math.max(m, c.score),
        0,
      );
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
