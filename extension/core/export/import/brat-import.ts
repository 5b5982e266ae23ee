/**
 * Reads a brat `.ann` file into imported tags. Offsets are code points into brat's view of the
 * text (line ends as "\n", see ../brat.ts); a discontinuous span becomes the one range from its
 * first start to its last end. Types are our labels, or the CoNLL ones (PER, ORG, LOC, MISC, DATE,
 * MONEY); Source, Cue and Hedge spans join the claim an `R` line (HasSource, HasCue, HasHedge) ties
 * them to. Spans marked `Suggested` are not imported: they were never a researcher's decision.
 */
import * as l10n from '@vscode/l10n';
import { ENTITY_TYPES, type EntityType } from '../../detect/types';
import type { TagLabel } from '../../sidecar/types';
import { BRAT_NOTES, BRAT_RELATIONS } from '../brat';
import { CONLL_TYPES } from '../conll';
import type { ImportedArticle, ImportedTag, Locator } from './types';

interface TextBound {
  id: string;
  type: string;
  at: Locator;
}

const LABELS = new Map<string, TagLabel>([
  ...ENTITY_TYPES.map((t): [string, TagLabel] => [t, t]),
  ...Object.entries(CONLL_TYPES).map(([ours, conll]): [string, TagLabel] => [conll, ours as EntityType]),
  ['Claim', 'Claim'],
]);
const PART_OF_RELATION = new Map<string, keyof typeof BRAT_RELATIONS>(
  Object.entries(BRAT_RELATIONS).map(([role, rel]) => [rel, role as keyof typeof BRAT_RELATIONS]),
);

export function parseBratAnn(article: string, ann: string): ImportedArticle {
  const problems: string[] = [];
  const bounds = new Map<string, TextBound>();
  const suggested = new Set<string>();
  const relations: { type: string; from: string; to: string; line: number }[] = [];
  const notes: { type: string; target: string; value: string }[] = [];
  ann.split(/\r?\n/).forEach((line, index) => {
    const where = `line ${index + 1}`;
    if (line.trim() === '') return;
    const cols = line.split('\t');
    const id = cols[0];
    const head = (cols[1] ?? '').split(' ');
    switch (id[0]) {
      case 'T': {
        const match = /^(\S+) (\d+ \d+(?:;\d+ \d+)*)$/.exec(cols[1] ?? '');
        if (!match || cols.length < 3) return void problems.push(l10n.t('{0}: cannot read the text-bound annotation "{1}"', where, line));
        const offsets = match[2].split(/[ ;]/).map(Number);
        bounds.set(id, {
          id,
          type: match[1],
          at: { start: offsets[0], end: offsets[offsets.length - 1], unit: 'codepoint-lf', quote: cols.slice(2).join('\t') },
        });
        return;
      }
      case 'A':
      case 'M':
        if (head[0] === 'Suggested' && head[1]) suggested.add(head[1]);
        return;
      case 'R': {
        const from = /^Arg1:(\S+)$/.exec(head[1] ?? '');
        const to = /^Arg2:(\S+)$/.exec(head[2] ?? '');
        if (!from || !to) return void problems.push(l10n.t('{0}: cannot read the relation "{1}"', where, line));
        relations.push({ type: head[0], from: from[1], to: to[1], line: index + 1 });
        return;
      }
      case '#':
        if (head[1]) notes.push({ type: head[0], target: head[1], value: cols.slice(2).join('\t') });
        return;
      default:
        problems.push(
          id[0] === 'E'
            ? l10n.t('{0}: events cannot be imported ("{1}")', where, line.slice(0, 40))
            : l10n.t('{0}: this kind of line cannot be imported ("{1}")', where, line.slice(0, 40)),
        );
    }
  });

  const tags = new Map<string, ImportedTag>();
  const partIds = new Set<string>();
  for (const r of relations) {
    const role = PART_OF_RELATION.get(r.type);
    if (role) partIds.add(r.to);
  }
  for (const b of bounds.values()) {
    if (suggested.has(b.id)) continue;
    const label = LABELS.get(b.type);
    if (!label) {
      if (!partIds.has(b.id)) problems.push(l10n.t('{0}: type "{1}" is not a Source Annotator label', b.id, b.type));
      continue;
    }
    tags.set(b.id, {
      origin: b.id,
      kind: label === 'Claim' ? 'claim' : 'entity',
      label,
      at: b.at,
      tags: [],
      verdict: null,
      note: null,
      entityId: null,
      claim: label === 'Claim' ? { source: null, cue: null, hedges: [] } : null,
      author: null,
    });
  }
  for (const r of relations) {
    const role = PART_OF_RELATION.get(r.type);
    const claim = tags.get(r.from)?.claim;
    const part = bounds.get(r.to);
    if (!role || !claim || !part) {
      if (!suggested.has(r.from))
        problems.push(l10n.t("line {0}: relation {1} from {2} to {3} is not a claim's source, cue or hedge", r.line, r.type, r.from, r.to));
      continue;
    }
    if (role === 'Hedge') claim.hedges.push(part.at);
    else claim[role === 'Source' ? 'source' : 'cue'] = part.at;
  }
  for (const n of notes) {
    const tag = tags.get(n.target);
    if (!tag) continue;
    if (n.type === BRAT_NOTES.note) tag.note = tag.note === null ? n.value : `${tag.note}\n${n.value}`;
    else if (n.type === BRAT_NOTES.verdict) tag.verdict = n.value;
    else if (n.type === BRAT_NOTES.tag) tag.tags.push(n.value);
    else if (n.type === BRAT_NOTES.entityId) tag.entityId = n.value;
  }
  return { article, text: null, tags: [...tags.values()], problems };
}
