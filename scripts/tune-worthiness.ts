// Development loop for check-worthiness: cross-validation over the CLEF 2019 debates the shipped
// model trains on (the held-out third, which npm run eval reports on, is never read here). Each
// training debate is scored by a model fitted on the other training debates (settings picked by
// cross-validation among those, as train-claims.ts does), through the whole detector as npm run
// eval scores it, and by the model alone on every line, with the keyword baseline on the same debates.
// Usage: node scripts/run-ts.mjs scripts/tune-worthiness.ts [DATA_DIR] [--folds N] [--alone]
//   --alone: the model alone (faster); VERBOSE=1 prints every setting tried.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeClaimsModel, encodeClaimsModel } from '../extension/core/detect/claimsModel';
import { createDetector } from '../extension/core/detect/index';
import { keywordScore } from './eval/claims';
import { CLAIMS_MODEL_PATH, readModelFile } from './eval/model';
import { isHeldOutDebate, meanAveragePrecision, readDebates, type Debate } from './train/clef';
import { dataDir, option } from './train/paths';
import { quantize } from './train/perceptron';
import { trainWorthiness, WORTHINESS_BUCKETS } from './train/worthiness';

function rank(debates: readonly Debate[], score: (text: string) => number): boolean[][] {
  return debates.map((d) =>
    d.lines
      .map((l, i) => ({ i, label: l.checkWorthy, score: score(l.text) }))
      .sort((a, b) => b.score - a.score || a.i - b.i)
      .map((r) => r.label),
  );
}

function main(): void {
  const args = process.argv.slice(2);
  const data = dataDir(args);
  const folds = Number(option(args, '--folds') ?? 5);
  const alone = args.includes('--alone');
  const train = readDebates(join(data, 'clef2019-train')).filter((_, i) => !isHeldOutDebate(i));
  const shipped = decodeClaimsModel(new Uint8Array(readFileSync(CLAIMS_MODEL_PATH)), true);
  const entities = readModelFile();
  const detectorRanks: boolean[][] = [];
  const modelRanks: boolean[][] = [];
  const logPicks = (line: string): void => {
    if (process.env.VERBOSE || line.startsWith('picked')) console.log(`    ${line}`);
  };
  for (let fold = 0; fold < folds; fold++) {
    const test = train.filter((_, i) => i % folds === fold);
    const fitted = trainWorthiness(
      train.filter((_, i) => i % folds !== fold),
      WORTHINESS_BUCKETS,
      logPicks,
    );
    const w = quantize(Float32Array.from(fitted.weights));
    const worthiness = {
      buckets: WORTHINESS_BUCKETS,
      scale: w.scale,
      bias: fitted.bias,
      weights: w.emissions,
      threshold: fitted.threshold,
    };
    const bytes = encodeClaimsModel({ ...shipped, worthiness });
    const detector = createDetector(entities, null, bytes);
    const ranks = alone
      ? []
      : rank(test, (text) => detector.analyze(text, { format: 'plaintext' }).claims.reduce((m, c) => Math.max(m, c.score), -1));
    detectorRanks.push(...ranks);
    modelRanks.push(...rank(test, (text) => fitted.scoreText(text)));
    const m = meanAveragePrecision(ranks).map;
    console.log(`fold ${fold} (${test.map((d) => d.file.replace(/\.tsv$/, '')).join(', ')}): detector MAP ${m.toFixed(4)}`);
  }
  console.log(`CLEF 2019 train debates not held out (${train.length}), ${folds}-fold cross-validation:`);
  console.log(`  detector claim score        MAP ${meanAveragePrecision(detectorRanks).map.toFixed(4)}`);
  console.log(`  model alone (every line)    MAP ${meanAveragePrecision(modelRanks).map.toFixed(4)}`);
  console.log(`  keyword baseline            MAP ${meanAveragePrecision(rank(train, keywordScore)).map.toFixed(4)}`);
}

main();
