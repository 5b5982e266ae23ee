// npm run eval [-- DATA_DIR]: the detector's figures on the shared evaluation data.
//   entities: P/R/F1 per type, exact span and type (conlleval style), on CoNLL-2003 dev and on the
//             seed annotations of the sample articles (code-point offsets);
//   claims:   attribution sentence F1 and cue/source/content span F1 (exact, overlap) on PolNeAR dev
//             (never trained or tuned on); claim P/R/F1 and source accuracy on the seed claims;
//   check-worthiness: mean average precision on the CLEF 2019 train debates the model was not
//             trained on, with a keyword baseline on the same debates.
// DATA_DIR defaults to /work/shared/eval or ../shared/eval; the sample articles are DATA_DIR/../corpus.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDetector } from '../extension/core/detect/index';
import type { Detector } from '../extension/core/detect/types';
import { readClaimsModelFile, readModelFile } from './eval/model';
import { evaluateClaimsPolnear, evaluateClaimsSeeds, evaluateClef } from './eval/claims';
import { evaluateConll, evaluateEntitySeeds } from './eval/entities';
import { dataDir } from './train/paths';

function main(): void {
  const data = dataDir(process.argv.slice(2));
  const t0 = Date.now();
  const claimsModel = readClaimsModelFile();
  const detector: Detector = createDetector(readModelFile(), null, claimsModel);
  console.log(`data: ${data}`);
  evaluateConll(detector, join(data, 'conll2003-dev.txt'));
  const corpus = join(data, '../corpus');
  const articles = readdirSync(corpus)
    .filter((f) => /\.(?:txt|md)$/.test(f))
    .map((name) => ({ name, text: readFileSync(join(corpus, name), 'utf8') }));
  evaluateEntitySeeds(detector, articles, join(data, 'seeds-entities.json'));
  evaluateClaimsSeeds(detector, articles, join(data, 'seeds-claims.json'));
  evaluateClaimsPolnear(detector, join(data, 'polnear-dev'));
  evaluateClef(detector, join(data, 'clef2019-train'), claimsModel);
  // The baseline in the same run: the claim finder without claims.bin (cue words and hand-set weights).
  const cueWords = createDetector(readModelFile());
  const label = ' (baseline: without claims.bin, cue words)';
  evaluateClaimsSeeds(cueWords, articles, join(data, 'seeds-claims.json'), label);
  evaluateClaimsPolnear(cueWords, join(data, 'polnear-dev'), label);
  evaluateClef(cueWords, join(data, 'clef2019-train'), claimsModel, label);
  console.log(`(evaluation took ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

main();
