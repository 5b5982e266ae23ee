import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ModelFiles } from '../analysis/protocol';

/** The tagger's weights ship as media/models/detector.bin beside the bundle (dist/cli.js reads ../media/models). */
export const DEFAULT_MODEL_PATH = join(__dirname, '../media/models/detector.bin');

/** The tagger's weights at `modelPath` and the claims model's (claims.bin) and date tagger's (dates.bin) beside them; a missing file is null. */
export function readModelFiles(modelPath: string = DEFAULT_MODEL_PATH): ModelFiles {
  const read = (path: string): Uint8Array | null => (existsSync(path) ? new Uint8Array(readFileSync(path)) : null);
  return {
    tagger: read(modelPath),
    claims: read(join(dirname(modelPath), 'claims.bin')),
    dates: read(join(dirname(modelPath), 'dates.bin')),
  };
}
