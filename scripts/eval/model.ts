// The shipped weights files, read the way the CLI reads them.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../train/paths';

export const MODEL_PATH = join(repoRoot, 'media/models/detector.bin');
export const CLAIMS_MODEL_PATH = join(repoRoot, 'media/models/claims.bin');
export const DATES_MODEL_PATH = join(repoRoot, 'media/models/dates.bin');

export function readModelFile(path = MODEL_PATH): Uint8Array | null {
  return existsSync(path) ? new Uint8Array(readFileSync(path)) : null;
}

export function readClaimsModelFile(): Uint8Array | null {
  return readModelFile(CLAIMS_MODEL_PATH);
}

export function readDatesModelFile(): Uint8Array | null {
  return readModelFile(DATES_MODEL_PATH);
}
