import { decodeModel, emissionScores } from '../../extension/core/detect/tagger';
import { sentenceFeatures, documentFacts, sentenceCasing, FEATURES_PER_TOKEN } from '../../extension/core/detect/features';
import { tokenize } from '../../extension/core/detect/tokens';
import { readModelFile } from './model';
const m = decodeModel(readModelFile()!);
const text = process.argv[2];
const tokens = tokenize(text);
const casing = sentenceCasing(text, tokens);
const facts = documentFacts(text, [{ tokens, casing }]);
const feats = sentenceFeatures(text, tokens, casing, facts, m.header.buckets);
const T = m.header.tags.length;
const sc = emissionScores(feats, tokens.length, m.emissions, T, m.header.scale);
console.log(tokens.map(t => text.slice(t.start, t.end)), 'casing', casing, 'scale', m.header.scale);
for (let i = 0; i < 2; i++) {
  console.log(text.slice(tokens[i].start, tokens[i].end), m.header.tags.map((t, k) => `${t}:${sc[i * T + k].toFixed(1)}`).join(' '));
  const per = [];
  for (let f = 0; f < FEATURES_PER_TOKEN; f++) { const b = feats[i * FEATURES_PER_TOKEN + f] * T; per.push(`${f}:${m.emissions[b]}/${m.emissions[b + 4]}`); }
  console.log(per.join(' '));
}
console.log(Array.from(m.transitions.slice(T * T, T * T + T)).map((x) => x.toFixed(1)).join(' '));
