// Development loop for the attribution tagger: trains it as train-claims.ts does (nine of every ten
// PolNeAR train articles; the tenth picks the epoch) and scores the whole detector on that held-out
// tenth with the measures npm run eval reports on PolNeAR dev; VERBOSE=1 lists the cue errors.
// --shipped scores the tagger of media/models/claims.bin instead; --save writes the claims file
// (without a check-worthiness model). Error analysis and tuning happen here, on PolNeAR train only: PolNeAR dev stays the report split.
// Usage: node scripts/run-ts.mjs scripts/tune-attribution.ts [DATA_DIR] [--epochs N] [--bits B] [--save PATH] [--shipped]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeClaimsModel, encodeClaimsModel } from '../extension/core/detect/claimsModel';
import { createDetector } from '../extension/core/detect/index';
import { printPolnear, scorePolnear } from './eval/claims';
import { CLAIMS_MODEL_PATH, readModelFile } from './eval/model';
import { entityFinder, isHeldOutArticle, learnAttribution, learnCueWords } from './train/attribution';
import { dataDir, option } from './train/paths';
import { readPolnear } from './train/polnear';

function main(): void {
  const args = process.argv.slice(2);
  const data = dataDir(args);
  const epochs = Number(option(args, '--epochs') ?? 12);
  const buckets = 1 << Number(option(args, '--bits') ?? 16);
  const log = (line: string): void => console.log(line);
  const articles = readPolnear(join(data, 'polnear-train'));
  const heldOut = articles.filter(isHeldOutArticle);
  const tagger = args.includes('--shipped')
    ? decodeClaimsModel(new Uint8Array(readFileSync(CLAIMS_MODEL_PATH))).attribution
    : learnAttribution(articles, entityFinder(), buckets, epochs, log);
  const cueWords = learnCueWords(
    articles.filter((a, i) => !isHeldOutArticle(a, i)),
    heldOut,
    log,
  );
  // Check-worthiness does not decide which attributions are reported: a model that scores nothing stands in for it.
  const worthiness = { buckets: 2, scale: 1, bias: 0, weights: new Int16Array(2), threshold: 1 };
  const bytes = encodeClaimsModel({
    attribution: { ...tagger, cueWords },
    worthiness,
    trainedOn: { attribution: 'tuning', worthiness: [] },
  });
  const save = option(args, '--save');
  if (save) writeFileSync(save, bytes);
  const errors = { fp: [] as string[], fn: [] as string[] };
  const scores = scorePolnear(createDetector(readModelFile(), null, bytes), heldOut, errors);
  printPolnear(`PolNeAR train, held-out tenth (${heldOut.length} articles; picks the epoch, tuned on):`, scores);
  if (process.env.VERBOSE) {
    for (const [kind, list] of Object.entries(errors)) {
      console.log(`cue ${kind} (${list.length}):`);
      for (const line of list) console.log(`  ${line}`);
    }
  }
}

main();
