// Relearns the claim finder's attribution cues and sentence classifier from PolNeAR train and writes
// them into the header of the existing weights file, leaving the entity tagger's weights as they are
// (scripts/train-ner.ts learns both; this is the quick path when only the claim side changed).
// Usage: node scripts/run-ts.mjs scripts/train-cues.ts [DATA_DIR] [--model PATH]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeModel, encodeModel } from '../extension/core/detect/tagger';
import { learnCues } from './train/cues';
import { dataDir, option, repoRoot } from './train/paths';

function main(): void {
  const args = process.argv.slice(2);
  const path = option(args, '--model') ?? join(repoRoot, 'media/models/detector.bin');
  const model = decodeModel(new Uint8Array(readFileSync(path)));
  const t0 = Date.now();
  const cues = learnCues(join(dataDir(args), 'polnear-train'));
  // The emission table may be a view into the file's bytes: copy it before the file is rewritten.
  const bytes = encodeModel({ ...model, emissions: model.emissions.slice(), header: { ...model.header, cues } });
  writeFileSync(path, bytes);
  console.log(
    `cues: ${Object.keys(cues.cues).length} cue words and phrases, sentence classifier cutoff ${cues.sentence?.cutoff} (${Date.now() - t0} ms); wrote ${path}`,
  );
}

main();
