// npm run eval [-- DATA_DIR]: the detector's figures on the shared evaluation data.
//   entities: P/R/F1 per type, exact span and type (conlleval style), on CoNLL-2003 dev, on the
//             report half of the OntoNotes dev copy (scripts/eval/ontonotes.ts) and on the seed
//             annotations of the sample articles (code-point offsets);
//   claims:   attribution sentence F1 and cue/source/content span F1 (exact, overlap) on PolNeAR dev
//             (never trained or tuned on); claim P/R/F1 and source accuracy on the seed claims;
//   check-worthiness: mean average precision on the CLEF 2019 train debates the model was not
//             trained on, with a keyword baseline on the same debates;
//   claim pairs: MRPC, RTE-3, FNC-1 and CLEF 2020 task 2 on the parts the compare model was not fitted on
//             (--pairs prints only these; --set mrpc|rte|fnc|clef only one of them).
//             `--pairs --fit` prints them on the parts it was fitted and tuned on: for checking a change there first.
// `--model PATH` scores another detector.bin than media/models/detector.bin.
// `--entities` prints only the entity figures (CoNLL dev, OntoNotes, seeds).
// `--ontonotes-half tune` scores the OntoNotes half the date and money grammar was written against
// (and the tagger trained on) instead, `--ontonotes-half held-out` the part of it the tagger's
// settings are chosen on (for development; never report either); with it, `--fold F` scores the fold of
// tuning blocks that a model trained with the same `--fold` held out (cross-validation, see train-ner.ts).
// VERBOSE=1 (or VERBOSE=DATE,MONEY, only those types) lists the errors of a tuning half with the
// overlapping span of the other side and their context; the report half's are never listed.
// DATA_DIR defaults to ../shared/eval beside the repository; the sample articles are DATA_DIR/../corpus.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDetector } from '../extension/core/detect/index';
import type { Detector } from '../extension/core/detect/types';
import { readClaimsModelFile, readDatesModelFile, readModelFile } from './eval/model';
import { evaluateClaimsPolnear, evaluateClaimsSeeds, evaluateClef } from './eval/claims';
import { evaluateConll, evaluateEntitySeeds } from './eval/entities';
import { evaluateOntonotes, SHIPPED_FOLD } from './eval/ontonotes';
import { evaluatePairs } from './eval/pairs';
import { dataDir, option } from './train/paths';

function main(): void {
  const args = process.argv.slice(2);
  const data = dataDir(args);
  const t0 = Date.now();
  if (args.includes('--pairs')) {
    evaluatePairs(data, option(args, '--set'), args.includes('--fit') ? 'fit' : 'report');
    console.log(`(evaluation took ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    return;
  }
  const claimsModel = readClaimsModelFile();
  const detector: Detector = createDetector(readModelFile(option(args, '--model')), null, claimsModel, readDatesModelFile());
  console.log(`data: ${data}`);
  evaluateConll(detector, join(data, 'conll2003-dev.txt'));
  const half = option(args, '--ontonotes-half') ?? 'report';
  if (half !== 'report' && half !== 'tune' && half !== 'held-out')
    throw new Error(`--ontonotes-half: report, tune or held-out, not ${half}`);
  evaluateOntonotes(detector, join(data, 'ontonotes-dev.txt'), half, Number(option(args, '--fold') ?? SHIPPED_FOLD));
  const corpus = join(data, '../corpus');
  const articles = readdirSync(corpus)
    .filter((f) => /\.(?:txt|md)$/.test(f))
    .map((name) => ({ name, text: readFileSync(join(corpus, name), 'utf8') }));
  evaluateEntitySeeds(detector, articles, join(data, 'seeds-entities.json'));
  if (args.includes('--entities')) {
    console.log(`(evaluation took ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    return;
  }
  evaluateClaimsSeeds(detector, articles, join(data, 'seeds-claims.json'));
  evaluateClaimsPolnear(detector, join(data, 'polnear-dev'));
  evaluateClef(detector, join(data, 'clef2019-train'), claimsModel);
  // The baseline in the same run: the claim finder without claims.bin (cue words and hand-set weights).
  const cueWords = createDetector(readModelFile());
  const label = ' (baseline: without claims.bin, cue words)';
  evaluateClaimsSeeds(cueWords, articles, join(data, 'seeds-claims.json'), label);
  evaluateClaimsPolnear(cueWords, join(data, 'polnear-dev'), label);
  evaluateClef(cueWords, join(data, 'clef2019-train'), claimsModel, label);
  evaluatePairs(data);
  console.log(`(evaluation took ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

main();
