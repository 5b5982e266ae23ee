// The shipped weights file, read the way the CLI reads it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../train/paths';

export const MODEL_PATH = join(repoRoot, 'media/models/detector.bin');

export function readModelFile(): Uint8Array | null {
  return existsSync(MODEL_PATH) ? new Uint8Array(readFileSync(MODEL_PATH)) : null;
}
