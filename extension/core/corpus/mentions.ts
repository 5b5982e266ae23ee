import { ENTITY_TYPES, type EntityType, type KnownEntity } from '../detect/types';
import { emptyKnowledgeBase, type CanonicalEntity, type KnowledgeBase } from './kb';
import { contextLine, isWholeWord, normalizeName } from './normalize';
import { NO_SUBJECTS } from './contradiction';
import { compare, exactly, liveTags, type Claim, type ClaimAssertion, type Doc, type Mention, type Subject } from './records';
import { positivePredicateOf } from './features';
import type { CorpusIndex, EntitySummary, MentionColumns, MentionRef, Suggestion } from './types';
import { lowerBound } from '../text/sorted';

/** Names whose normalized key is remembered; past this the memo starts over. */
const MAX_CACHED_NAMES = 200_000;
/** How far back (UTF-16 units) a pronoun's organization or person may have been named. */
const PRONOUN_REACH = 400;

/** The part of the corpus index about who is mentioned where: the knowledge base, confirmed and rejected names. */
export type MentionIndex = Pick<
  CorpusIndex,
  | 'mentionAt'
  | 'entityLookup'
  | 'allMentions'
  | 'mentionColumns'
  | 'entities'
  | 'knownEntities'
  | 'rejectedNames'
  | 'isRejected'
  | 'suggestionsFor'
> & {
  /** Replaces the knowledge base (the caller links the mentions again: `relinkAll`). */
  loadKnowledgeBase(kb: KnowledgeBase): void;
  /** Indexes the article's mentions (its claims, already added, get their subjects). */
  addMentions(doc: Doc): void;
  removeMentions(doc: Doc): void;
  /** Re-links every article's mentions after the knowledge base or the workspace rejections changed. */
  relinkAll(): void;
  /** Moves one article's rejected names from `before` to `after` in the workspace counts; true if what is rejected workspace-wide changed. */
  recountRejections(before: Set<string>, after: Set<string>): boolean;
  /** Counts the article's confirmed names in (1) or out (-1). */
  countConfirmed(doc: Doc, delta: 1 | -1): void;
  /** A subject's name for people: the entity's, else the name as first mentioned. */
  subjectName: (subject: string) => string;
  stats(): { mentions: number; subjects: number };
};

/** `docs`: the index's articles, owned by the caller and read here. */
export function createMentionIndex(
  docs: ReadonlyMap<string, Doc>,
  kbAtStart: KnowledgeBase | undefined,
  workspaceRejection: boolean,
): MentionIndex {
  const subjects = new Map<string, Subject>();
  let kb = kbAtStart ?? emptyKnowledgeBase();
  let entitiesById = new Map<string, CanonicalEntity>();
  /** Normalized name → entity id, or null when two entities share the name (then neither is linked by name). */
  let entityByName = new Map<string, string | null>();
  let kbRejected = new Set<string>();
  /** Normalized name → number of articles rejecting it. */
  const tagRejected = new Map<string, number>();
  /**
   * What the detector should find everywhere, worked out again only when the knowledge base, a confirmed
   * name or a rejection changes: the editor asks for it before analysing each article it indexes.
   */
  let knownCache: KnownEntity[] | undefined;
  /** Quote → articles confirming it as an entity. */
  const confirmedNames = new Map<string, { type: EntityType; entityId: string | null; count: number }>();

  const loadKnowledgeBase = (next: KnowledgeBase): void => {
    knownCache = undefined;
    kb = next;
    entitiesById = new Map(kb.entities.map((e) => [e.id, e]));
    entityByName = new Map();
    for (const entity of kb.entities) {
      for (const name of new Set([entity.name, ...entity.aliases].map(normalizeName))) {
        const owner = entityByName.get(name);
        entityByName.set(name, owner === undefined || owner === entity.id ? entity.id : null);
      }
    }
    kbRejected = new Set(kb.rejected.map(normalizeName));
    names = new Map();
  };
  /** Normalized key and subject by mention text: names repeat across a corpus, so each is worked out once per knowledge base. */
  let names = new Map<string, { key: string; subject: string }>();
  const nameOf = (text: string): { key: string; subject: string } => {
    let name = names.get(text);
    if (!name) {
      if (names.size >= MAX_CACHED_NAMES) names = new Map();
      const key = normalizeName(text);
      const owner = entityByName.get(key);
      name = { key, subject: owner ? 'e:' + owner : 'n:' + key };
      names.set(text, name);
    }
    return name;
  };

  loadKnowledgeBase(kb);

  const subjectOf = (text: string, entityId: string | null): string | undefined => {
    if (entityId && entitiesById.has(entityId)) return 'e:' + entityId;
    const name = nameOf(text);
    return name.key ? name.subject : undefined;
  };

  const isRejectedName = (key: string, doc: Doc): boolean =>
    kbRejected.has(key) || doc.rejectedNames.has(key) || (workspaceRejection && tagRejected.has(key));

  const addMentions = (doc: Doc): void => {
    const tags = liveTags(doc.sidecar);
    const confirmedTags = tags.filter((t) => t.kind === 'entity' && t.status === 'confirmed');
    const rejectedTags = tags.filter((t) => t.kind === 'entity' && t.status === 'rejected');
    const mentions: Mention[] = [];
    for (const tag of confirmedTags) {
      const subject = subjectOf(tag.target.quote, tag.entityId);
      if (!subject) continue;
      const { start, end, quote } = tag.target;
      mentions.push({ doc, start, end, text: quote, type: tag.label as EntityType, origin: 'tag', tagId: tag.id, subject });
    }
    const covered = (start: number, end: number): boolean => confirmedTags.some((t) => t.target.start < end && start < t.target.end);
    for (const e of doc.analysis.entities) {
      if (covered(e.start, e.end) || rejectedTags.some((t) => t.target.start === e.start && t.target.end === e.end)) continue;
      const { key, subject } = nameOf(e.text);
      if (key && !isRejectedName(key, doc))
        mentions.push({ doc, start: e.start, end: e.end, text: e.text, type: e.type, origin: e.origin, tagId: null, subject });
    }
    mentions.sort((a, b) => a.start - b.start || a.end - b.end);
    doc.mentions = exactly(mentions);
    clearSubjects(doc);
    for (const m of mentions) {
      let s = subjects.get(m.subject);
      if (!s)
        subjects.set(
          m.subject,
          (s = {
            key: m.subject,
            docs: [],
            serials: [],
            counts: [],
            firsts: [],
            lastSerial: -1,
            removed: 0,
            mentions: 0,
            typeCounts: ENTITY_TYPES.map(() => 0),
            display: m.text,
          }),
        );
      // The article is added to a subject's articles at its first mention of it, so it is the last of them at the next.
      if (s.lastSerial !== doc.serial) {
        s.lastSerial = doc.serial;
        doc.subjects.push(s);
        doc.slots.push(s.docs.push(doc) - 1);
        s.serials.push(doc.serial);
        s.counts.push(1);
        s.firsts.push(m.start);
      } else s.counts[s.counts.length - 1]++;
      s.mentions++;
      s.typeCounts[ENTITY_TYPES.indexOf(m.type)]++;
    }
    doc.subjects = exactly(doc.subjects);
    doc.slots = exactly(doc.slots);
    for (const claim of doc.claims) {
      const subjects = subjectsIn(doc, claim.start, claim.end);
      // One shared empty list for the claims naming no one, as for assertions: a reopen indexes 200,000 claims.
      claim.subjects = subjects.length ? subjects : NO_SUBJECTS;
      for (const a of claim.assertions ?? []) a.subjects = assertionSubjects(doc, a);
    }
    // After every claim has its own subjects: an event referred back to takes those of the clause telling it.
    for (const claim of doc.claims) {
      for (const a of claim.assertions ?? []) if (a.subjects.length === 0) a.subjects = eventSubjects(doc, claim, a);
    }
  };

  const removeMentions = (doc: Doc): void => {
    for (const m of doc.mentions) {
      const s = subjects.get(m.subject);
      if (!s) continue;
      s.mentions--;
      s.typeCounts[ENTITY_TYPES.indexOf(m.type)]--;
    }
    for (const [i, s] of doc.subjects.entries()) {
      s.docs[doc.slots[i]] = undefined;
      s.serials[doc.slots[i]] = -1;
      if (s.lastSerial === doc.serial) s.lastSerial = -1;
      s.removed++;
      if (s.mentions === 0) subjects.delete(s.key);
      else if (s.removed * 2 > s.docs.length) compact(s);
    }
    doc.mentions = [];
    clearSubjects(doc);
  };

  const clearSubjects = (doc: Doc): void => {
    doc.subjects = [];
    doc.slots = [];
  };

  /** Closes a subject's holes, in order (each article told its new place): removals stay O(1) amortized. */
  const compact = (s: Subject): void => {
    let live = 0;
    s.docs.forEach((doc, k) => {
      if (!doc) return;
      doc.slots[doc.subjects.indexOf(s)] = live;
      s.docs[live] = doc;
      s.serials[live] = s.serials[k];
      s.counts[live] = s.counts[k];
      s.firsts[live++] = s.firsts[k];
    });
    s.docs.length = s.serials.length = s.counts.length = s.firsts.length = live;
    s.removed = 0;
  };

  /** The first mention in each of up to `limit` articles (but `excludePath`), in the order they were indexed. */
  const firstMentions = (subject: string, s: Subject, excludePath: string | undefined, limit: number): MentionRef[] => {
    const out: MentionRef[] = [];
    for (const doc of s.docs) {
      if (out.length >= limit) break;
      if (!doc || doc.path === excludePath) continue;
      const first = doc.mentions.find((m) => m.subject === subject);
      if (first) out.push(mentionRef(first));
    }
    return out;
  };

  /** The articles mentioning a subject, in the order they were indexed. */
  const docsOf = (s: Subject | undefined): Doc[] => (s ? (s.removed ? (s.docs.filter(Boolean) as Doc[]) : (s.docs as Doc[])) : []);

  /** Re-links every article's mentions after the knowledge base or the workspace rejections changed. */
  const relinkAll = (): void => {
    for (const doc of docs.values()) removeMentions(doc);
    for (const doc of docs.values()) addMentions(doc);
  };

  const subjectName = (subject: string): string =>
    (subject.startsWith('e:') ? entitiesById.get(subject.slice(2))?.name : undefined) ?? subjects.get(subject)?.display ?? subject.slice(2);

  /** Moves one article's rejected names from `before` to `after` in the workspace counts; true if what is rejected workspace-wide changed. */
  const recountRejections = (before: Set<string>, after: Set<string>): boolean => {
    if (before.size || after.size) knownCache = undefined;
    let changed = false;
    for (const key of before) {
      if (after.has(key)) continue;
      const n = (tagRejected.get(key) ?? 1) - 1;
      if (n > 0) tagRejected.set(key, n);
      else {
        tagRejected.delete(key);
        changed = true;
      }
    }
    for (const key of after) {
      if (before.has(key)) continue;
      const n = tagRejected.get(key) ?? 0;
      tagRejected.set(key, n + 1);
      if (n === 0) changed = true;
    }
    return changed && workspaceRejection;
  };

  const countConfirmed = (doc: Doc, delta: 1 | -1): void => {
    if (doc.confirmed.size) knownCache = undefined;
    for (const [quote, info] of doc.confirmed) {
      const entry = confirmedNames.get(quote) ?? { ...info, count: 0 };
      entry.count += delta;
      if (delta > 0) Object.assign(entry, info);
      if (entry.count > 0) confirmedNames.set(quote, entry);
      else confirmedNames.delete(quote);
    }
  };

  const mentionRef = (m: Mention): MentionRef => ({
    path: m.doc.path,
    start: m.start,
    end: m.end,
    text: m.text,
    type: m.type,
    origin: m.origin,
    tagId: m.tagId,
    entityId: m.subject.startsWith('e:') ? m.subject.slice(2) : null,
    line: contextLine(m.doc.text, m.start, m.end).line,
  });

  const subjectFor = (nameOrId: string): string | undefined => (entitiesById.has(nameOrId) ? 'e:' + nameOrId : subjectOf(nameOrId, null));

  const majorityType = (s: Subject | undefined): EntityType => {
    if (!s) return 'Other';
    let best = 0;
    for (let i = 1; i < s.typeCounts.length; i++) if (s.typeCounts[i] > s.typeCounts[best]) best = i;
    return ENTITY_TYPES[best];
  };

  const summary = (subject: string, s: Subject | undefined): EntitySummary => {
    const entity = subject.startsWith('e:') ? entitiesById.get(subject.slice(2)) : undefined;
    return {
      entityId: entity?.id ?? null,
      name: entity?.name ?? s?.display ?? subject.slice(2),
      type: entity?.type ?? majorityType(s),
      mentionCount: s?.mentions ?? 0,
      articleCount: s ? s.docs.length - s.removed : 0,
    };
  };

  return {
    loadKnowledgeBase,
    addMentions,
    removeMentions,
    relinkAll,
    recountRejections,
    countConfirmed,
    subjectName,

    mentionAt(path, offset) {
      const doc = docs.get(path);
      const hits = doc?.mentions.filter((m) => m.start <= offset && offset <= m.end) ?? [];
      const best = hits.find((m) => m.origin === 'tag') ?? hits[0];
      return best && mentionRef(best);
    },

    entityLookup(nameOrId, { excludePath, limit = 5 } = {}) {
      const subject = subjectFor(nameOrId);
      if (!subject) return undefined;
      const s = subjects.get(subject);
      const entity = subject.startsWith('e:') ? entitiesById.get(subject.slice(2)) : undefined;
      if (!s && !entity) return undefined;
      return {
        ...summary(subject, s),
        aliases: entity?.aliases ?? [],
        description: entity?.description ?? '',
        externalId: entity?.externalId ?? null,
        others: s ? firstMentions(subject, s, excludePath, limit) : [],
      };
    },

    allMentions(nameOrId) {
      const subject = subjectFor(nameOrId);
      const s = subject ? subjects.get(subject) : undefined;
      if (!subject || !s) return [];
      return [...docsOf(s)]
        .sort((a, b) => compare(a.path, b.path))
        .flatMap((doc) => doc.mentions.filter((m) => m.subject === subject).map(mentionRef));
    },

    mentionColumns(namesOrIds, paths) {
      // An article's place in `paths` by its serial: one array read per pair instead of a lookup by path.
      const inView = paths.map((path) => docs.get(path));
      const placeOf = new Int32Array(inView.reduce((n, doc) => Math.max(n, doc ? doc.serial + 1 : 0), 0)).fill(-1);
      inView.forEach((doc, i) => {
        if (doc) placeOf[doc.serial] = i;
      });
      return namesOrIds.map((nameOrId): MentionColumns => {
        const subject = subjectFor(nameOrId);
        const s = subject ? subjects.get(subject) : undefined;
        if (!s) return { articles: new Int32Array(0), counts: new Int32Array(0), firstOffsets: new Int32Array(0) };
        const rows = s.docs.length;
        const articles = new Int32Array(rows);
        const counts = new Int32Array(rows);
        const firstOffsets = new Int32Array(rows);
        let n = 0;
        for (let k = 0; k < rows; k++) {
          const serial = s.serials[k];
          const at = serial >= 0 && serial < placeOf.length ? placeOf[serial] : -1;
          if (at < 0) continue;
          articles[n] = at;
          counts[n] = s.counts[k];
          firstOffsets[n++] = s.firsts[k];
        }
        if (n === rows) return { articles, counts, firstOffsets };
        return { articles: articles.slice(0, n), counts: counts.slice(0, n), firstOffsets: firstOffsets.slice(0, n) };
      });
    },

    entities(options = {}) {
      const { paths, limit = Infinity } = options;
      let ranked: { summary: EntitySummary; mentions: number }[];
      if (paths) {
        const inThem = new Map<Subject, number>();
        for (const path of paths) {
          const doc = docs.get(path);
          doc?.subjects.forEach((s, i) => inThem.set(s, (inThem.get(s) ?? 0) + s.counts[doc.slots[i]]));
        }
        ranked = [...inThem].map(([s, mentions]) => ({ summary: summary(s.key, s), mentions }));
      } else ranked = [...subjects].map(([subject, s]) => ({ summary: summary(subject, s), mentions: s.mentions }));
      return ranked
        .sort((a, b) => b.mentions - a.mentions || compare(a.summary.name, b.summary.name))
        .slice(0, limit)
        .map((r) => r.summary);
    },

    knownEntities() {
      if (knownCache) return knownCache;
      const known: KnownEntity[] = kb.entities.map((e) => ({ name: e.name, type: e.type, aliases: [...e.aliases] }));
      const kbNames = new Set(kb.entities.flatMap((e) => [e.name, ...e.aliases].map(normalizeName)));
      for (const [quote, info] of confirmedNames) {
        const key = normalizeName(quote);
        if (!kbNames.has(key) && !kbRejected.has(key) && !(workspaceRejection && tagRejected.has(key)))
          known.push({ name: quote, type: info.type });
      }
      knownCache = known;
      return known;
    },

    rejectedNames() {
      return [...new Set([...kbRejected, ...(workspaceRejection ? tagRejected.keys() : [])])].sort();
    },

    isRejected(path, name) {
      const key = normalizeName(name);
      const doc = docs.get(path);
      return doc ? isRejectedName(key, doc) : kbRejected.has(key) || (workspaceRejection && tagRejected.has(key));
    },

    suggestionsFor(path) {
      const doc = docs.get(path);
      if (!doc) return [];
      const names = new Map<string, Omit<Suggestion, 'start' | 'end' | 'text'>>();
      for (const e of kb.entities)
        for (const name of [e.name, ...e.aliases]) names.set(name, { type: e.type, entityId: e.id, reason: 'knowledge base' });
      for (const [quote, info] of confirmedNames) {
        if (!names.has(quote)) names.set(quote, { type: info.type, entityId: info.entityId, reason: 'confirmed elsewhere' });
      }
      const tags = doc.sidecar?.tags.filter((t) => t.anchoring !== 'orphaned' && t.kind === 'entity') ?? [];
      const taken = (start: number, end: number): boolean => tags.some((t) => t.target.start < end && start < t.target.end);
      const found: Suggestion[] = [];
      // Longest names first, so "Jeff Simon" is suggested rather than "Simon" inside it.
      for (const [name, info] of [...names].sort((a, b) => b[0].length - a[0].length)) {
        const key = normalizeName(name);
        if (!key || isRejectedName(key, doc)) continue;
        for (let at = doc.text.indexOf(name); at >= 0; at = doc.text.indexOf(name, at + name.length)) {
          const end = at + name.length;
          if (!isWholeWord(doc.text, at, name.length) || taken(at, end) || found.some((f) => f.start < end && at < f.end)) continue;
          found.push({ start: at, end, text: name, ...info, entityId: info.entityId ?? entityByName.get(key) ?? null });
        }
      }
      return found.sort((a, b) => a.start - b.start);
    },

    stats: () => ({ mentions: [...subjects.values()].reduce((n, s) => n + s.mentions, 0), subjects: subjects.size }),
  };
}

/** The subjects named in [start, end) of an article, dates and amounts left out (and `alsoLeaveOut`). */
export function subjectsIn(doc: Doc, start: number, end: number, alsoLeaveOut?: EntityType): string[] {
  const out = new Set<string>();
  const mentions = doc.mentions;
  for (let i = firstMentionFrom(mentions, start); i < mentions.length && mentions[i].start < end; i++) {
    const m = mentions[i];
    if (m.end > start && m.type !== 'Date' && m.type !== 'Money' && m.type !== alsoLeaveOut) out.add(m.subject);
  }
  return [...out];
}

/**
 * The entities an assertion is about: organizations, people and others named among its words (places say
 * where, not what: "closed the school in X" and "opened a plant near X" are about different things), and
 * the organization or person its pronoun stands for (the last one named before it).
 */
export function assertionSubjects(doc: Doc, a: ClaimAssertion): string[] {
  const out = subjectsIn(doc, a.start, a.end, 'Location');
  if (a.pronounAt < 0) return out.length ? out : NO_SUBJECTS;
  const mentions = doc.mentions;
  for (let i = firstMentionFrom(mentions, a.pronounAt) - 1; i >= 0 && a.pronounAt - mentions[i].end < PRONOUN_REACH; i--) {
    const m = mentions[i];
    if (m.type !== 'Organization' && m.type !== 'Person') continue;
    if (!out.includes(m.subject)) out.push(m.subject);
    break;
  }
  return out;
}

/** A claim opening with a definite event noun ("The breach, which …", "This attack …"): its head noun. */
const EVENT_REFERENCE = /^\s*(?:the|this|that)\s+(\p{L}+)\b/iu;
/** How far back (UTF-16 units) the event referred to may have been told. */
const EVENT_REACH = 600;

/**
 * Who a clause naming no one is about, when its claim opens by referring back to an event ("The breach … exposed customer
 * data"): the subjects of the clause that last told an event of that kind, positively, shortly before ("… confirmed
 * that it was compromised"). The noun must name the very kind of the predicate ("breach" for a harm): the event's
 * victim is then who the clause is about. Anything else stays about no one.
 */
export function eventSubjects(doc: Doc, claim: Claim, a: ClaimAssertion): string[] {
  const head = EVENT_REFERENCE.exec(doc.text.slice(claim.start, Math.min(claim.end, claim.start + 80)))?.[1];
  if (!head || positivePredicateOf(head) !== a.predicate) return NO_SUBJECTS;
  let antecedent: ClaimAssertion | undefined;
  for (const other of doc.claims) {
    if (other === claim || other.end > claim.start || claim.start - other.end > EVENT_REACH) continue;
    for (const b of other.assertions ?? [])
      if (b.predicate === a.predicate && !b.negative && b.subjects.length > 0 && (!antecedent || b.end > antecedent.end)) antecedent = b;
  }
  return antecedent ? antecedent.subjects : NO_SUBJECTS;
}

/** The first mention (sorted by start) that may reach `offset`: the first starting at or after it, or an earlier one still running there. */
function firstMentionFrom(mentions: readonly { start: number; end: number }[], offset: number): number {
  let lo = lowerBound(mentions.length, (i) => mentions[i].start < offset);
  while (lo > 0 && mentions[lo - 1].end > offset) lo--;
  return lo;
}
