import * as l10n from '@vscode/l10n';
import type { EntityType, KnownEntity } from '../detect/types';
import { updateTag, type Stamp } from '../sidecar/model';
import type { Sidecar } from '../sidecar/types';
import { stripBom } from '../text/bom';
import { normalizeName } from './normalize';
// Generated at build time by scripts/build.mjs from entities-schema.json (ajv standalone code, no eval).
import validateEntitiesV1 from './generated/validate-entities-v1.js';
import { randomId } from '../text/randomId';

/** The knowledge-base format this build writes. */
export const KB_VERSION = 1;
/** Where the knowledge base lives, relative to the workspace folder. */
export const KB_PATH = '.source-annotator/entities.json';
/** A knowledge base above this size is not opened: parsing it would stall the editor. */
export const MAX_KB_BYTES = 50 * 1024 * 1024;

/** One real-world thing the researcher has named: what tags point at through their entityId. */
export interface CanonicalEntity {
  id: string;
  name: string;
  type: EntityType;
  /** Other names it goes by in the articles ("Simon" for "Jeff Simon", "WSJ" for "The Wall Street Journal"). */
  aliases: string[];
  description: string;
  /** An identifier in an outside knowledge base typed by the researcher, e.g. a Wikidata QID. */
  externalId: string | null;
}

export interface KnowledgeBase {
  version: number;
  entities: CanonicalEntity[];
  /** Strings the researcher said are not entities, anywhere in the workspace. */
  rejected: string[];
}

export type KbRead = { ok: true; kb: KnowledgeBase } | { ok: false; problem: string; readOnly: boolean };

export interface NewEntity {
  name: string;
  type: EntityType;
  aliases?: string[];
  description?: string;
  externalId?: string | null;
}

export type EntityChange = Partial<Pick<CanonicalEntity, 'name' | 'type' | 'description' | 'externalId'>>;

/** After a merge every tag linked to `from` must point at `to`; `relinkTags` does it for one sidecar. */
export interface EntityRename {
  from: string;
  to: string;
}

export type MatchKind = 'exact' | 'prefix' | 'word' | 'substring' | 'letters';

export interface EntitySearchHit {
  entity: CanonicalEntity;
  /** The name or alias that matched best. */
  matched: string;
  how: MatchKind;
  score: number;
}

interface AjvError {
  instancePath: string;
  message?: string;
}

export function emptyKnowledgeBase(): KnowledgeBase {
  return { version: KB_VERSION, entities: [], rejected: [] };
}

/** Parses and validates entities.json. Never throws: a failure is a sentence for the user. */
export function readKnowledgeBase(raw: string, byteLength = raw.length): KbRead {
  const fail = (problem: string, readOnly = false): KbRead => ({ ok: false, problem, readOnly });
  if (byteLength > MAX_KB_BYTES)
    return fail(l10n.t('it is {0} MB, above the {1} MB limit', (byteLength / 1048576).toFixed(1), MAX_KB_BYTES / 1048576));
  let data: unknown;
  try {
    data = JSON.parse(stripBom(raw));
  } catch (e) {
    return fail(
      raw.trim() === '' ? l10n.t('it is empty') : l10n.t('it is not valid JSON ({0})', e instanceof Error ? e.message : String(e)),
    );
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return fail(l10n.t('it is not a JSON object'));
  const version = (data as { version?: unknown }).version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    return fail(l10n.t('its "version" is missing or not a positive whole number'));
  if (version > KB_VERSION) {
    return fail(
      l10n.t('it was written by a newer Source Annotator (format version {0}; this one reads up to {1})', version, KB_VERSION),
      true,
    );
  }
  if (!validateEntitiesV1(data)) {
    const errors = ((validateEntitiesV1 as unknown as { errors?: AjvError[] }).errors ?? []).slice(0, 3);
    const where = (e: AjvError): string =>
      e.instancePath ? e.instancePath.replace(/^\//, '').replace(/\//g, '.') : l10n.t('the top level');
    return fail(
      l10n.t(
        'it does not match the entities schema: {0}',
        errors.map((e) => `${where(e)} ${e.message ?? l10n.t('is invalid')}`).join('; '),
      ),
    );
  }
  const kb = data as KnowledgeBase;
  const seen = new Set<string>();
  for (const entity of kb.entities) {
    if (seen.has(entity.id)) return fail(l10n.t('entity id "{0}" appears more than once', entity.id));
    seen.add(entity.id);
  }
  return { ok: true, kb };
}

/** Serializes for git: entities by id, keys in a fixed order, aliases and rejections sorted, final newline. */
export function writeKnowledgeBase(kb: KnowledgeBase): string {
  const ordered = {
    version: kb.version,
    entities: [...kb.entities]
      .sort((a, b) => compare(a.id, b.id))
      .map((e) => ({
        id: e.id,
        name: e.name,
        type: e.type,
        aliases: [...e.aliases].sort(compare),
        description: e.description,
        externalId: e.externalId,
      })),
    rejected: [...kb.rejected].sort(compare),
  };
  return JSON.stringify(ordered, null, 2) + '\n';
}

/** A random id, unique across researchers, so two people's knowledge bases merge by id. */
export function newEntityId(): string {
  return randomId('e');
}

export function createEntity(kb: KnowledgeBase, input: NewEntity, id = newEntityId()): { kb: KnowledgeBase; entity: CanonicalEntity } {
  const name = input.name.trim();
  if (!name) throw new Error('an entity needs a name');
  if (kb.entities.some((e) => e.id === id)) throw new Error(`entity id "${id}" is taken`);
  const entity: CanonicalEntity = {
    id,
    name,
    type: input.type,
    aliases: withoutDuplicates(name, [], input.aliases ?? []),
    description: input.description ?? '',
    externalId: input.externalId?.trim() || null,
  };
  return { kb: unreject({ ...kb, entities: [...kb.entities, entity] }, [name, ...entity.aliases]), entity };
}

export function entityById(kb: KnowledgeBase, id: string): CanonicalEntity | undefined {
  return kb.entities.find((e) => e.id === id);
}

export function updateEntity(kb: KnowledgeBase, id: string, change: EntityChange): KnowledgeBase {
  return mapEntity(kb, id, (e) => {
    const name = change.name?.trim() || e.name;
    // A renamed entity keeps its old name as an alias: the articles still say it.
    const aliases = name === e.name ? e.aliases : withoutDuplicates(name, [], [...e.aliases, e.name]);
    return {
      ...e,
      ...change,
      name,
      aliases,
      externalId: change.externalId === undefined ? e.externalId : change.externalId?.trim() || null,
    };
  });
}

/** Links a mention's text to an entity: a name it does not know yet becomes an alias, and stops being rejected. */
export function linkMention(kb: KnowledgeBase, entityId: string, mentionText: string): KnowledgeBase {
  return addAlias(kb, entityId, mentionText);
}

export function addAlias(kb: KnowledgeBase, entityId: string, alias: string): KnowledgeBase {
  const text = alias.trim();
  if (!text) return kb;
  return unreject(
    mapEntity(kb, entityId, (e) => ({ ...e, aliases: withoutDuplicates(e.name, e.aliases, [text]) })),
    [text],
  );
}

/**
 * Folds `mergedId` into `keepId`: the kept entity gains the other's name and aliases (and its external
 * id if it had none), the other is removed. Tags linked to `mergedId` must be relinked (see relinkTags).
 */
export function mergeEntities(kb: KnowledgeBase, keepId: string, mergedId: string): { kb: KnowledgeBase; rename: EntityRename } {
  const keep = entityById(kb, keepId);
  const merged = entityById(kb, mergedId);
  if (!keep || !merged) throw new Error(`no entity "${keep ? mergedId : keepId}"`);
  if (keepId === mergedId) throw new Error('an entity cannot be merged with itself');
  const description = [keep.description, merged.description].filter((d) => d.trim()).join('\n\n');
  const combined: CanonicalEntity = {
    ...keep,
    aliases: withoutDuplicates(keep.name, keep.aliases, [merged.name, ...merged.aliases]),
    description,
    externalId: keep.externalId ?? merged.externalId,
  };
  return {
    kb: { ...kb, entities: kb.entities.filter((e) => e.id !== mergedId).map((e) => (e.id === keepId ? combined : e)) },
    rename: { from: mergedId, to: keepId },
  };
}

/** Ids of the tags in a sidecar that a rename touches: what the editor must rewrite and save. */
export function tagsToRelink(sidecar: Sidecar, rename: EntityRename): string[] {
  return sidecar.tags.filter((t) => t.entityId === rename.from).map((t) => t.id);
}

export function relinkTags(sidecar: Sidecar, rename: EntityRename, stamp: Stamp): Sidecar {
  let out = sidecar;
  for (const id of tagsToRelink(sidecar, rename)) out = updateTag(out, id, { entityId: rename.to }, stamp);
  return out;
}

/** Rejects a string workspace-wide: the detector's mentions of it are no longer suggested anywhere. */
export function rejectName(kb: KnowledgeBase, text: string): KnowledgeBase {
  const trimmed = text.trim();
  if (!trimmed || isRejected(kb, trimmed)) return kb;
  return { ...kb, rejected: [...kb.rejected, trimmed] };
}

export function unrejectName(kb: KnowledgeBase, text: string): KnowledgeBase {
  return unreject(kb, [text]);
}

export function isRejected(kb: KnowledgeBase, text: string): boolean {
  const key = normalizeName(text);
  return kb.rejected.some((r) => normalizeName(r) === key);
}

/** The knowledge base as the detector takes it: every entity with its names, found everywhere ahead of the model. */
export function knownEntitiesOf(kb: KnowledgeBase): KnownEntity[] {
  return kb.entities.map((e) => ({ name: e.name, type: e.type, aliases: [...e.aliases] }));
}

/**
 * Entities for a quick pick, best first: a name equal to the query, then names starting with it,
 * names with a word starting with it (every query word must start a word), names containing it, and
 * names holding its letters in order. A canonical name beats an alias; ties go alphabetically.
 */
export function searchEntities(kb: KnowledgeBase, query: string, limit = 20): EntitySearchHit[] {
  const q = normalizeName(query);
  const hits: EntitySearchHit[] = [];
  for (const entity of kb.entities) {
    let best: EntitySearchHit | undefined;
    for (const [i, name] of [entity.name, ...entity.aliases].entries()) {
      const match = matchName(q, normalizeName(name));
      if (!match) continue;
      const score = match.score + (i === 0 ? 5 : 0);
      if (!best || score > best.score) best = { entity, matched: name, how: match.how, score };
    }
    if (best) hits.push(best);
  }
  return hits.sort((a, b) => b.score - a.score || compare(a.entity.name.toLowerCase(), b.entity.name.toLowerCase())).slice(0, limit);
}

function matchName(q: string, name: string): { how: MatchKind; score: number } | undefined {
  // Shorter names rank first among names matched the same way: "Simon" before "Simon & Schuster" for "sim".
  const brevity = 4 / (1 + Math.max(0, name.length - q.length) / 8);
  if (!q) return { how: 'prefix', score: 0 };
  if (name === q) return { how: 'exact', score: 100 };
  if (name.startsWith(q)) return { how: 'prefix', score: 80 + brevity };
  const words = name.split(' ');
  if (q.split(' ').every((qw) => words.some((w) => w.startsWith(qw)))) return { how: 'word', score: 60 + brevity };
  if (name.includes(q)) return { how: 'substring', score: 40 + brevity };
  const spread = lettersInOrder(q.replace(/ /g, ''), name);
  return spread === undefined ? undefined : { how: 'letters', score: 10 + 10 * (q.length / spread) };
}

/** The length of the shortest stretch of `name` from the first to the last letter of `q` taken in order, or undefined. */
function lettersInOrder(q: string, name: string): number | undefined {
  let at = name.indexOf(q[0]);
  if (!q || at < 0) return undefined;
  const first = at;
  for (const c of q.slice(1)) {
    at = name.indexOf(c, at + 1);
    if (at < 0) return undefined;
  }
  return at - first + 1;
}

function mapEntity(kb: KnowledgeBase, id: string, change: (e: CanonicalEntity) => CanonicalEntity): KnowledgeBase {
  if (!entityById(kb, id)) throw new Error(`no entity "${id}"`);
  return { ...kb, entities: kb.entities.map((e) => (e.id === id ? change(e) : e)) };
}

/** `existing` plus those of `added` that are not the name or an existing alias under normalization. */
function withoutDuplicates(name: string, existing: string[], added: string[]): string[] {
  const keys = new Set([name, ...existing].map(normalizeName));
  const out = [...existing];
  for (const alias of added.map((a) => a.trim())) {
    const key = normalizeName(alias);
    if (!alias || keys.has(key)) continue;
    keys.add(key);
    out.push(alias);
  }
  return out;
}

function unreject(kb: KnowledgeBase, names: string[]): KnowledgeBase {
  const keys = new Set(names.map(normalizeName));
  const rejected = kb.rejected.filter((r) => !keys.has(normalizeName(r)));
  return rejected.length === kb.rejected.length ? kb : { ...kb, rejected };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
