// Reads a PolNeAR split: text/*.txt articles and attributions/*.ann brat standoff (offsets in code points).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codePointToUtf16Mapper } from '../../extension/core/text/offsets';

interface Range {
  start: number;
  end: number;
}

export interface Attribution {
  source: Range | null;
  cue: Range | null;
  content: Range | null;
  /** Every fragment of each role's span (a span may be discontinuous: "has, he said, never…"). */
  fragments: { role: 'Source' | 'Cue' | 'Content'; start: number; end: number }[];
}

export interface PolnearArticle {
  name: string;
  text: string;
  attributions: Attribution[];
}

/** Articles with their attributions (UTF-16 offsets). An article annotated twice uses its first .ann file. */
export function readPolnear(dir: string): PolnearArticle[] {
  const annFiles = readdirSync(join(dir, 'attributions'))
    .filter((f) => f.endsWith('.ann'))
    .sort();
  const byArticle = new Map<string, string>();
  for (const f of annFiles) {
    const article = f.replace(/_[0-9a-f]+\.ann$/, '');
    if (!byArticle.has(article)) byArticle.set(article, f);
  }
  const out: PolnearArticle[] = [];
  for (const [article, ann] of [...byArticle].sort()) {
    const text = readFileSync(join(dir, 'text', `${article}.txt`), 'utf8');
    const toUtf16 = codePointToUtf16Mapper(text);
    const spans = new Map<string, Range>();
    const pieces = new Map<string, Range[]>();
    const events: string[] = [];
    for (const line of readFileSync(join(dir, 'attributions', ann), 'utf8').split('\n')) {
      const [id, body] = line.split('\t');
      if (!id || !body) continue;
      if (id[0] === 'T') {
        const [, start, end] = body.split(/[ ;]/);
        spans.set(id, { start: toUtf16(Number(start)), end: toUtf16(Number(end)) });
        const ranges = body
          .slice(body.indexOf(' ') + 1)
          .split(';')
          .map((r) => r.trim().split(' ').map(Number));
        pieces.set(
          id,
          ranges.map(([s, e]) => ({ start: toUtf16(s), end: toUtf16(e) })),
        );
      } else if (id[0] === 'E') events.push(body);
    }
    const attributions = events.map((body) => {
      const ref = (name: string): string | undefined =>
        body
          .split(' ')
          .find((part) => part.startsWith(`${name}:`))
          ?.slice(name.length + 1);
      const role = (name: string): Range | null => spans.get(ref(name) ?? '') ?? null;
      const roles = ['Source', 'Cue', 'Content'] as const;
      const fragments = roles.flatMap((r) => (pieces.get(ref(r) ?? '') ?? []).map((p) => ({ role: r, ...p })));
      return { source: role('Source'), cue: role('Cue'), content: role('Content'), fragments };
    });
    out.push({ name: article, text, attributions });
  }
  return out;
}
