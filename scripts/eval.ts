// npm run eval [-- DATA_DIR]: the detector's figures on the shared evaluation data.
//   entities: P/R/F1 per type, exact span and type (conlleval style), on CoNLL-2003 dev, on the
//             report half of the OntoNotes dev copy (scripts/eval/ontonotes.ts) and on the seed
//             annotations of the sample articles (code-point offsets);
//   claims:   sentence P/R/F1, source/cue/hedge span F1 on PolNeAR dev and on the seed claims;
//   check-worthiness: mean average precision on CLEF 2019 train (never trained on);
//   claim pairs: MRPC, RTE-3, FNC-1 and CLEF 2020 task 2 on the parts the compare model was not fitted on
//             (--pairs prints only these; --set mrpc|rte|fnc|clef only one of them).
// `--ontonotes-half tune` scores the OntoNotes half the date and money grammar was written against
// instead (for development; never report it).
// DATA_DIR defaults to /work/shared/eval or ../shared/eval; the sample articles are DATA_DIR/../corpus.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDetector } from '../extension/core/detect/index';
import type { Detector } from '../extension/core/detect/types';
import { readModelFile } from './eval/model';
import { evaluateClaimsPolnear, evaluateClaimsSeeds, evaluateClef } from './eval/claims';
import { evaluateConll, evaluateEntitySeeds } from './eval/entities';
import { evaluateOntonotes } from './eval/ontonotes';
import { evaluatePairs } from './eval/pairs';
import { dataDir, option } from './train/paths';

function main(): void {
  const args = process.argv.slice(2);
  const data = dataDir(args);
  const t0 = Date.now();
  if (args.includes('--pairs')) {
    evaluatePairs(data, option(args, '--set'));
    console.log(`(evaluation took ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    return;
  }
  const detector: Detector = createDetector(readModelFile());
  console.log(`data: ${data}`);
  evaluateConll(detector, join(data, 'conll2003-dev.txt'));
  evaluateOntonotes(detector, join(data, 'ontonotes-dev.txt'), option(process.argv, '--ontonotes-half') === 'tune' ? 'tune' : 'report');
  const corpus = join(data, '../corpus');
  const articles = readdirSync(corpus)
    .filter((f) => /\.(?:txt|md)$/.test(f))
    .map((name) => ({ name, text: readFileSync(join(corpus, name), 'utf8') }));
  evaluateEntitySeeds(detector, articles, join(data, 'seeds-entities.json'));
  evaluateClaimsSeeds(detector, articles, join(data, 'seeds-claims.json'));
  evaluateClaimsPolnear(detector, join(data, 'polnear-dev'));
  evaluateClef(detector, join(data, 'clef2019-train'));
  evaluatePairs(data);
  console.log(`(evaluation took ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

main();
