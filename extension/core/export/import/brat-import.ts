/**
 * Reads a brat `.ann` file into imported tags. Offsets are code points into the `.txt` brat
 * annotated, counted as brat counts (no line-end translation: "\r\n" is two); a discontinuous
 * span becomes the one range from its first start to its last end. Given that `.txt`
 * (`bratText`), every span is checked against it, and the article's offsets are mapped from it
 * (see anchor.ts); without it, the `.txt` is taken to be the article itself. Types are our labels, or the CoNLL ones (PER, ORG, LOC, MISC, DATE,
 * MONEY); Source, Cue and Hedge spans join the claim an `R` line (HasSource, HasCue, HasHedge) ties
 * them to. Spans marked `Suggested` are not imported: they were never a researcher's decision.
 */
import * as l10n from '@vscode/l10n';
import { ENTITY_TYPES, type EntityType } from '../../detect/types';
import type { TagLabel } from '../../sidecar/types';
import { BRAT_NOTES, BRAT_RELATIONS } from '../brat';
import { CLAIM_PART_FIELD } from '../types';
import { CONLL_TYPES } from '../conll';
import { codePointMap, type OffsetMap } from '../units';
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

export function parseBratAnn(article: string, ann: string, bratText?: string): ImportedArticle {
  const bratCp = bratText === undefined ? null : codePointMap(bratText);
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
        const at: Locator = {
          start: offsets[0],
          end: offsets[offsets.length - 1],
          unit: 'codepoint',
          quote: cols.slice(2).join('\t'),
          noNearest: true,
        };
        if (bratText !== undefined && bratCp && !spanHolds(bratText, bratCp, offsets, at.quote)) {
          return void problems.push(
            l10n.t('{0}: {1} is not at {2} in the .txt beside the .ann', id, JSON.stringify(at.quote.slice(0, 60)), match[2]),
          );
        }
        bounds.set(id, { id, type: match[1], at });
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
    else claim[CLAIM_PART_FIELD[role]] = part.at;
  }
  for (const n of notes) {
    const tag = tags.get(n.target);
    if (!tag) continue;
    if (n.type === BRAT_NOTES.note) tag.note = tag.note === null ? n.value : `${tag.note}\n${n.value}`;
    else if (n.type === BRAT_NOTES.verdict) tag.verdict = n.value;
    else if (n.type === BRAT_NOTES.tag) tag.tags.push(n.value);
    else if (n.type === BRAT_NOTES.entityId) tag.entityId = n.value;
  }
  const imported: ImportedArticle = { article, text: null, tags: [...tags.values()], problems };
  if (bratText !== undefined) imported.offsetsText = bratText;
  return imported;
}

/** Whether brat's text field matches the fragments at their offsets (joined by a space, as brat writes them). */
function spanHolds(text: string, cp: OffsetMap, offsets: number[], quote: string): boolean {
  const pieces: string[] = [];
  for (let i = 0; i + 1 < offsets.length; i += 2) {
    const start = cp.back(offsets[i]);
    const end = cp.back(offsets[i + 1]);
    if (end > text.length || end < start) return false;
    pieces.push(text.slice(start, end));
  }
  return pieces.join(' ') === quote;
}
