// Writes the detector's entities and claims on the sample articles, CoNLL-2003 dev (one story per
// document), the OntoNotes report half and PolNeAR dev, with the claims of the trained claims model
// and the date and money tagger (claims.bin and dates.bin, as the editor and the CLI run) and of the
// cue rules and the date grammar alone (without them),
// to a JSON file, or compares them with an earlier snapshot: a speed change must not change output.
// Usage: node scripts/run-ts.mjs scripts/detect-snapshot.ts write|compare FILE
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { createDetector } from '../extension/core/detect/index';
import type { Analysis, AnalyzeOptions } from '../extension/core/detect/types';
import { readClaimsModelFile, readDatesModelFile, readModelFile } from './eval/model';
import { dataDir } from './train/paths';
import { layOut, readConll } from './train/conll';
import { ontonotesArticles } from './eval/ontonotes';

function inputs(): { name: string; text: string }[] {
  const evalDir = dataDir([]);
  const dir = (d: string): { name: string; text: string }[] =>
    readdirSync(d)
      .sort()
      .map((f) => ({ name: f, text: readFileSync(join(d, f), 'utf8') }));
  const conll = readConll(join(evalDir, 'conll2003-dev.txt')).map((doc, i) => ({ name: `conll-dev#${i}`, text: layOut(doc).text }));
  const ontonotes = ontonotesArticles(join(evalDir, 'ontonotes-dev.txt'), 'report').map((a, i) => ({
    name: `ontonotes-report#${i}`,
    text: a.text,
  }));
  return [...dir(join(evalDir, '../corpus')), ...conll, ...ontonotes, ...dir(join(evalDir, 'polnear-dev/text'))];
}

const KNOWN: AnalyzeOptions['knownEntities'] = [
  { name: 'T-Mobile', type: 'Organization', aliases: ['T-Mobile US'] },
  { name: 'Salt Typhoon', type: 'Organization' },
  { name: 'Clinton', type: 'Person', aliases: ['Hillary'] },
];

function snapshot(): Record<string, Analysis> {
  const model = readModelFile();
  const detectors = [
    { name: '', detector: createDetector(model) },
    { name: ' claims-model', detector: createDetector(model, null, readClaimsModelFile(), readDatesModelFile()) },
  ];
  const out: Record<string, Analysis> = {};
  for (const { name, text } of inputs()) {
    for (const { name: variant, detector } of detectors) {
      for (const format of ['plaintext', 'markdown'] as AnalyzeOptions['format'][])
        out[`${name} ${format}${variant}`] = detector.analyze(text, { format });
      // A chunk read with the whole article's evidence, and known names, as the editor asks.
      const half = text.slice(text.indexOf('\n', text.length >> 1) + 1);
      out[`${name} chunk${variant}`] = detector.analyze(half, { format: 'plaintext', documentText: text, knownEntities: KNOWN });
    }
  }
  return out;
}

const [mode, file] = process.argv.slice(2);
if (mode === 'write') {
  writeFileSync(file, JSON.stringify(snapshot()));
} else {
  const before = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Analysis>;
  const now = JSON.parse(JSON.stringify(snapshot())) as Record<string, Analysis>;
  const differ = Object.keys({ ...before, ...now }).filter((k) => !isDeepStrictEqual(before[k], now[k]));
  console.log(
    differ.length
      ? `${differ.length} of ${Object.keys(before).length} analyses differ: ${differ.slice(0, 10).join(', ')}`
      : `all ${Object.keys(before).length} analyses identical`,
  );
  process.exitCode = differ.length ? 1 : 0;
}
