// CLEF 2019 CheckThat! task 1 debates: reading them, and which are held out from training (every
// third debate in name order), so that the evaluation reports only on debates no weight saw.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DebateLine {
  speaker: string;
  text: string;
  checkWorthy: boolean;
}

export interface Debate {
  file: string;
  lines: DebateLine[];
}

export function readDebates(dir: string): Debate[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.tsv'))
    .sort()
    .map((file) => ({
      file,
      lines: readFileSync(join(dir, file), 'utf8')
        .split('\n')
        .map((line) => line.split('\t'))
        .filter((cols) => cols.length >= 4)
        .map((cols) => ({ speaker: cols[1], text: cols[2], checkWorthy: cols[3].trim() === '1' })),
    }));
}

/** Debates the check-worthiness model never trains on: every third in name order. */
export function isHeldOutDebate(index: number): boolean {
  return index % 3 === 2;
}

/** Mean average precision of rankings (each: the labels in ranked order); debates without a positive are skipped. */
export function meanAveragePrecision(rankings: readonly boolean[][]): { map: number; debates: number } {
  const aps: number[] = [];
  for (const ranked of rankings) {
    let hits = 0;
    let sum = 0;
    ranked.forEach((label, k) => {
      if (label) {
        hits++;
        sum += hits / (k + 1);
      }
    });
    if (hits) aps.push(sum / hits);
  }
  return { map: aps.reduce((a, b) => a + b, 0) / (aps.length || 1), debates: aps.length };
}
