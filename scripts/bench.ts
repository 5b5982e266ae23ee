// npm run bench: prints every benchmark's figures, each with a baseline timed in the same run.
import { bench as detect } from './bench/detect';
import { bench as editor } from './bench/editor';
import { bench as corpus } from './bench/corpus';
import { bench as exporters } from './bench/export';
import { bench as incremental } from './bench/incremental';
import { bench as feedback } from './bench/feedback';
import { bench as scale } from './bench/scale';

async function main(): Promise<void> {
  const only = process.argv[2];
  const all: Record<string, () => Promise<void>> = { detect, incremental, corpus, export: exporters, editor, feedback, scale };
  for (const [name, run] of Object.entries(all)) {
    // The scale bench takes an hour at 100,000 articles: it runs only when named.
    if (only ? only !== name : name === 'scale') continue;
    console.log(`== ${name}`);
    await run();
  }
}

void main();
