// Reads a PolNeAR split: text/*.txt articles and attributions/*.ann brat standoff (offsets in code points).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codePointToUtf16Mapper } from '../../extension/core/text/offsets';

export interface Attribution {
  source: { start: number; end: number } | null;
  cue: { start: number; end: number } | null;
}

export interface PolnearArticle {
  name: string;
  text: string;
  attributions: Attribution[];
}

/** Articles with their attributions (UTF-16 offsets). An article annotated twice uses its first .ann file. */
export function readPolnear(dir: string): PolnearArticle[] {
  const annFiles = readdirSync(join(dir, 'attributions')).filter((f) => f.endsWith('.ann')).sort();
  const byArticle = new Map<string, string>();
  for (const f of annFiles) {
    const article = f.replace(/_[0-9a-f]+\.ann$/, '');
    if (!byArticle.has(article)) byArticle.set(article, f);
  }
  const out: PolnearArticle[] = [];
  for (const [article, ann] of [...byArticle].sort()) {
    const text = readFileSync(join(dir, 'text', `${article}.txt`), 'utf8');
    const toUtf16 = codePointToUtf16Mapper(text);
    const spans = new Map<string, { start: number; end: number }>();
    const events: string[] = [];
    for (const line of readFileSync(join(dir, 'attributions', ann), 'utf8').split('\n')) {
      const [id, body] = line.split('\t');
      if (!id || !body) continue;
      if (id[0] === 'T') {
        const [, start, end] = body.split(/[ ;]/);
        spans.set(id, { start: toUtf16(Number(start)), end: toUtf16(Number(end)) });
      } else if (id[0] === 'E') events.push(body);
    }
    const attributions = events.map((body) => {
      const role = (name: string): { start: number; end: number } | null => {
        const ref = body.split(' ').find((part) => part.startsWith(`${name}:`));
        return ref ? (spans.get(ref.slice(name.length + 1)) ?? null) : null;
      };
      return { source: role('Source'), cue: role('Cue') };
    });
    out.push({ name: article, text, attributions });
  }
  return out;
}
