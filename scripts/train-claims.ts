// Trains the claim finder's models and writes media/models/claims.bin: the attribution tagger on
// PolNeAR train (a tenth of its articles held out to pick the epoch), and the check-worthiness
// classifier on the CLEF 2019 debates that are not held out for evaluation (scripts/train/clef.ts).
// PolNeAR dev and the held-out debates are never read here.
// Usage: node scripts/run-ts.mjs scripts/train-claims.ts [DATA_DIR] [--out PATH] [--epochs N] [--bits B] [--keep-tagger]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeClaimsModel, encodeClaimsModel } from '../extension/core/detect/claimsModel';
import { entityFinder, isHeldOutArticle, learnAttribution, learnCueWords } from './train/attribution';
import { isHeldOutDebate, readDebates } from './train/clef';
import { dataDir, option, repoRoot } from './train/paths';
import { quantize } from './train/perceptron';
import { readPolnear } from './train/polnear';
import { trainWorthiness, WORTHINESS_BUCKETS } from './train/worthiness';

function main(): void {
  const args = process.argv.slice(2);
  const data = dataDir(args);
  const out = option(args, '--out') ?? join(repoRoot, 'media/models/claims.bin');
  const epochs = Number(option(args, '--epochs') ?? 12);
  const buckets = 1 << Number(option(args, '--bits') ?? 16);
  const log = (line: string): void => console.log(line);
  const t0 = Date.now();

  // --keep-tagger keeps the attribution tagger's weights of the existing file and relearns the rest.
  const articles = readPolnear(join(data, 'polnear-train'));
  const tagger = args.includes('--keep-tagger')
    ? decodeClaimsModel(new Uint8Array(readFileSync(out)), true).attribution
    : learnAttribution(articles, entityFinder(), buckets, epochs, log);
  const cueWords = learnCueWords(
    articles.filter((a, i) => !isHeldOutArticle(a, i)),
    articles.filter(isHeldOutArticle),
    log,
  );
  const attribution = { ...tagger, cueWords };

  const debates = readDebates(join(data, 'clef2019-train'));
  const trainDebates = debates.filter((_, i) => !isHeldOutDebate(i));
  log(`check-worthiness: training on ${trainDebates.length} of ${debates.length} CLEF 2019 debates`);
  const worthy = trainWorthiness(trainDebates, WORTHINESS_BUCKETS, log);
  const w = quantize(Float32Array.from(worthy.weights));

  const bytes = encodeClaimsModel({
    attribution,
    worthiness: { buckets: WORTHINESS_BUCKETS, scale: w.scale, bias: worthy.bias, weights: w.emissions, threshold: worthy.threshold },
    trainedOn: {
      attribution: 'polnear-train (articles 1-9 of every 10; the 10th picked the epoch)',
      worthiness: trainDebates.map((d) => d.file),
    },
  });
  writeFileSync(out, bytes);
  log(`wrote ${out} (${(bytes.length / 1024).toFixed(0)} KB, ${((Date.now() - t0) / 1000).toFixed(0)} s)`);
}

main();
