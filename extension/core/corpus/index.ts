import * as l10n from '@vscode/l10n';
import { calendarDate } from '../detect/temporal';
import { ENTITY_TYPES, type Analysis, type EntityMention, type EntityType, type KnownEntity } from '../detect/types';
import type { Sidecar, Tag } from '../sidecar/types';
import { claimFeatures, isNegative, PREDICATE_KINDS, type Assertion, type ClaimFeatures, type NumberFact } from './features';
import { emptyKnowledgeBase, type CanonicalEntity, type KnowledgeBase } from './kb';
import { contextLine, isWholeWord, normalizeName } from './normalize';

/**
 * The workspace's articles as one searchable whole: who is mentioned where, and which claims tell the
 * same thing (or the opposite) in other articles. Pure and synchronous; the editor feeds it documents
 * (text, the detector's analysis, the sidecar) as they are read or change, one at a time.
 */
export interface CorpusIndex {
  /** Adds or replaces one article. Only that article's entries are touched (unless its rejections change what is rejected workspace-wide). */
  updateDocument(path: string, text: string, analysis: Analysis, sidecar: Sidecar | null): void;
  removeDocument(path: string): void;
  /** Replaces the knowledge base: mentions are linked again to entities by name and alias. */
  setKnowledgeBase(kb: KnowledgeBase): void;
  documents(): string[];
  /** The mention under an offset (a confirmed tag first), for a hover. */
  mentionAt(path: string, offset: number): MentionRef | undefined;
  /** An entity by knowledge-base id, else by name or alias (normalized); undefined if the corpus never mentions it and the knowledge base lacks it. */
  entityLookup(nameOrId: string, options?: { excludePath?: string; limit?: number }): EntityInfo | undefined;
  /** Every mention of an entity, by article then position ("Find all mentions"). */
  allMentions(nameOrId: string): MentionRef[];
  /** One line per entity (or unlinked name) in the corpus, most mentioned first, for the Entities view. */
  entities(): EntitySummary[];
  /** The claim at [start, end) (or, if none is indexed there, the text itself) against the claims of the other articles. */
  claimLookup(path: string, start: number, end: number, options?: { limit?: number }): ClaimLookup | undefined;
  claimsOf(path: string): ClaimRef[];
  /** Claims told in two or more articles, each group with its members; the biggest first. Computed on demand, cached until the next change. */
  claimGroups(): ClaimGroup[];
  tagsByName(): Map<string, TagRef[]>;
  /** The sidecar tags of one article, as last indexed. */
  tagsOf(path: string): readonly Tag[];
  orphanedTags(): TagRef[];
  /** What the detector should find everywhere: the knowledge base plus names confirmed in any article, less rejected ones (kept until one of those changes: do not modify the list). */
  knownEntities(): KnownEntity[];
  /** Names (normalized) rejected for the whole workspace: in the knowledge base, or in any article when rejection is workspace-wide. */
  rejectedNames(): string[];
  /** Line (0-based) and character of an offset in an indexed article, for links that open it there. */
  positionIn(path: string, offset: number): { line: number; character: number } | undefined;
  /** Whether a name found in an article is rejected there (in the knowledge base, in that article, or anywhere when rejection is workspace-wide). */
  isRejected(path: string, name: string): boolean;
  /** Occurrences in one article of names confirmed or linked elsewhere that no tag covers yet: pending suggestions. */
  suggestionsFor(path: string): Suggestion[];
  stats(): IndexStats;
}

export interface CorpusIndexOptions {
  kb?: KnowledgeBase;
  /** 'workspace' (default): rejecting a name in one article stops it being suggested in all; 'article': only there. */
  rejectionScope?: 'workspace' | 'article';
  /** Combined similarity from which two claims tell the same thing (0..1). */
  matchThreshold?: number;
  /**
   * Combined similarity from which two claims of opposite polarity on a shared word or with different numbers
   * may contradict: as alike as a match, for below it a shared name and a different figure are mostly two events.
   */
  contradictionThreshold?: number;
}

export interface MentionRef {
  path: string;
  start: number;
  end: number;
  text: string;
  type: EntityType;
  /** 'tag' for a confirmed tag, else where the detector found it. */
  origin: EntityMention['origin'] | 'tag';
  tagId: string | null;
  entityId: string | null;
  /** The line around the mention, for a list or a hover. */
  line: string;
}

export interface EntityInfo {
  entityId: string | null;
  name: string;
  type: EntityType;
  aliases: string[];
  description: string;
  externalId: string | null;
  mentionCount: number;
  articleCount: number;
  /** The first mention in each of up to `limit` other articles. */
  others: MentionRef[];
}

export interface EntitySummary {
  entityId: string | null;
  name: string;
  type: EntityType;
  mentionCount: number;
  articleCount: number;
}

export interface ClaimRef {
  path: string;
  start: number;
  end: number;
  text: string;
  origin: 'detector' | 'tag';
  tagId: string | null;
  source: string | null;
  cue: string | null;
  hedges: string[];
  verdict: string | null;
  /** Whether the claim is told in the negative ("have not been impacted", "denied"). */
  negative: boolean;
  /** The date the claim is about, for the timeline: the first calendar date in it (a Date tag's value, else the detector's); null when none. */
  date: string | null;
}

export interface MatchExplanation {
  sharedEntities: string[];
  sharedWords: string[];
  sharedNumbers: string[];
  /** Numbers of the same kind that differ: "eight months" here, "six months" there. */
  conflictingNumbers: { here: string[]; there: string[] };
  /** When one side negates a shared word the other asserts: the negating words of each side and the words concerned. */
  polarity: { here: string[]; there: string[]; words: string[] } | null;
  /** When clauses of both assert one predicate with opposite signs about the same thing ("was compromised" / "not … impacted"): the predicates as written and what they share. */
  opposed: { here: string; there: string; about: string[] } | null;
  /** The parts of the score: word (TF-IDF cosine), entity and number overlap, each 0..1. */
  similarity: { words: number; entities: number; numbers: number };
  summary: string;
}

export interface ClaimMatch extends ClaimRef {
  score: number;
  explanation: MatchExplanation;
}

export interface ClaimLookup {
  claim: ClaimRef;
  /** The same thing told in other articles. */
  matches: ClaimMatch[];
  /** Claims about the same subject that may say otherwise. */
  contradictions: ClaimMatch[];
}

export interface ClaimGroup {
  /** The member most likely to be worth checking, to name the group. */
  label: string;
  claims: ClaimRef[];
  articleCount: number;
}

export interface TagRef {
  path: string;
  tag: Tag;
}

export interface Suggestion {
  start: number;
  end: number;
  text: string;
  type: EntityType;
  entityId: string | null;
  reason: 'knowledge base' | 'confirmed elsewhere';
}

export interface IndexStats {
  documents: number;
  mentions: number;
  subjects: number;
  claims: number;
  terms: number;
}

interface Mention {
  doc: Doc;
  start: number;
  end: number;
  text: string;
  type: EntityType;
  origin: MentionRef['origin'];
  tagId: string | null;
  /** "e:ID" for a knowledge-base entity, "n:normalized name" otherwise. */
  subject: string;
}

interface Claim {
  doc: Doc;
  start: number;
  end: number;
  origin: ClaimRef['origin'];
  tagId: string | null;
  source: string | null;
  cue: string | null;
  hedges: string[];
  verdict: string | null;
  checkWorthiness: number;
  /** Each term packed with its count and whether it is negated (see packTerm): one small array per claim. */
  terms: Int32Array;
  numbers: NumberFact[];
  negations: string[];
  subjects: string[];
  /** What the claim's clauses assert with an opposable predicate (null when nothing), and one bit per predicate kind and sign. */
  assertions: ClaimAssertion[] | null;
  assertionBits: number;
  alive: boolean;
  /** Position in the index's claim table, for scoring candidates in flat arrays rather than maps. */
  serial: number;
}

/** An assertion (see features.ts) with its words as term ids and its offsets in the article. */
interface ClaimAssertion {
  predicate: string;
  negative: boolean;
  words: string;
  /** Term ids (a plain array: most claims have one or two assertions of a few words, and typed arrays cost more per object). */
  about: number[];
  /** The entities named where the assertion's words lie, and the one its pronoun stands for. */
  subjects: string[];
  start: number;
  end: number;
  pronounAt: number;
}

/** Two assertions of one predicate with opposite signs about the same thing: the clause-level reason two claims disagree. */
interface Opposition {
  here: ClaimAssertion;
  there: ClaimAssertion;
  sharedSubjects: string[];
  sharedTerms: number[];
}

interface Doc {
  path: string;
  text: string;
  analysis: Analysis;
  sidecar: Sidecar | null;
  mentions: Mention[];
  bySubject: Map<string, Mention[]>;
  claims: Claim[];
  /** Normalized names of this article's rejected entity tags. */
  rejectedNames: Set<string>;
  /** Quotes of this article's confirmed entity tags, with their type and entity. */
  confirmed: Map<string, { type: EntityType; entityId: string | null }>;
}

interface Subject {
  docs: Map<Doc, number>;
  mentions: number;
  typeCounts: number[];
  display: string;
}

interface Scored {
  claim: Claim;
  score: number;
  words: number;
  entities: number;
  numbers: number;
  sharedTerms: number[];
  sharedSubjects: string[];
  sharedNumbers: string[];
  conflicts: { here: string[]; there: string[] };
  /** Shared terms negated on one side only, common ones left out. */
  polarityTerms: number[];
  /** Whether common shared words are negated on one side only: then the claims may not tell the same thing either. */
  polarityUnsure: boolean;
  opposition: Opposition | null;
}

/** Query terms found in more than this share of all claims only weigh in scoring, not in finding candidates. */
const COMMON_TERM_SHARE = 0.01;
/** Names whose normalized key is remembered; past this the memo starts over. */
const MAX_CACHED_NAMES = 200_000;
/** Shared words from which coverage of the shorter claim may stand in for the cosine, and how much it counts. */
const MIN_SHARED_FOR_COVERAGE = 3;
const COVERAGE_WEIGHT = 0.7;
/** Posting entries read per claim lookup at most, so a lookup stays fast whatever the corpus size. */
const POSTINGS_BUDGET = 1500;
/** Candidates scored exactly per lookup, taken by their partial score. */
const CANDIDATES = 32;
/** Candidates that may contradict the query, scored exactly beyond those, at most. */
const OPPOSED_CANDIDATES = 24;
/** Lookups remembered until the next change to the index (a hover is often asked for again at once). */
const CACHED_LOOKUPS = 200;
/** How far back (UTF-16 units) a pronoun's organization or person may have been named. */
const PRONOUN_REACH = 400;
/** Words two opposed assertions must share, when they name no entity in common, to be about the same thing. */
const MIN_SHARED_ABOUT_WORDS = 2;

export function createCorpusIndex(options: CorpusIndexOptions = {}): CorpusIndex {
  const matchThreshold = options.matchThreshold ?? 0.3;
  const contradictionThreshold = options.contradictionThreshold ?? 0.3;
  const workspaceRejection = (options.rejectionScope ?? 'workspace') === 'workspace';
  const docs = new Map<string, Doc>();
  const subjects = new Map<string, Subject>();
  let kb = options.kb ?? emptyKnowledgeBase();
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

  const termIds = new Map<string, number>();
  const termStems: string[] = [];
  const df: number[] = [];
  /** Serials of the claims holding each term: flat numbers, read fast and kept small. */
  const postings: number[][] = [];
  const deadInPosting: number[] = [];
  let liveClaims = 0;
  /** Claims by serial; removed ones leave a hole. */
  const bySerial: (Claim | undefined)[] = [];
  /** Per-lookup scratch, indexed by serial: partial scores and how many discriminating words each candidate shares. */
  let partialScore = new Float64Array(1024);
  let sharedCount = new Uint8Array(1024);
  /** Vector lengths by serial, for ranking candidates by an approximate cosine; set when a claim is added, refreshed whenever it is scored. */
  let claimNorm: Float64Array = new Float64Array(1024);
  /** Each claim's assertion bits by serial, so candidates asserting the opposite are found without reading every claim record. */
  let bitsBySerial = new Int32Array(1024);
  let groupsCache: ClaimGroup[] | undefined;
  /** Claim lookups already answered, by claim: any change to the index may change them, so every change empties it. */
  const lookups = new Map<Claim, { limit: number; result: ClaimLookup }>();
  const forgetAnswers = (): void => {
    groupsCache = undefined;
    lookups.clear();
  };

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

  // ---- mentions ----

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
      if (key && !isRejectedName(key, doc)) mentions.push({ doc, start: e.start, end: e.end, text: e.text, type: e.type, origin: e.origin, tagId: null, subject });
    }
    mentions.sort((a, b) => a.start - b.start || a.end - b.end);
    doc.mentions = mentions;
    doc.bySubject = new Map();
    for (const m of mentions) {
      const list = doc.bySubject.get(m.subject);
      if (list) list.push(m);
      else doc.bySubject.set(m.subject, [m]);
    }
    // One update per subject of the article, not per mention: the subjects' maps are large and shared by many articles.
    for (const [subject, list] of doc.bySubject) {
      let s = subjects.get(subject);
      if (!s) subjects.set(subject, (s = { docs: new Map(), mentions: 0, typeCounts: ENTITY_TYPES.map(() => 0), display: list[0].text }));
      s.docs.set(doc, list.length);
      s.mentions += list.length;
      for (const m of list) s.typeCounts[ENTITY_TYPES.indexOf(m.type)]++;
    }
    for (const claim of doc.claims) {
      claim.subjects = subjectsIn(doc, claim.start, claim.end);
      for (const a of claim.assertions ?? []) a.subjects = assertionSubjects(doc, a);
    }
  };

  const removeMentions = (doc: Doc): void => {
    for (const [subject, list] of doc.bySubject) {
      const s = subjects.get(subject);
      if (!s) continue;
      s.mentions -= list.length;
      for (const m of list) s.typeCounts[ENTITY_TYPES.indexOf(m.type)]--;
      s.docs.delete(doc);
      if (s.mentions === 0) subjects.delete(subject);
    }
    doc.mentions = [];
    doc.bySubject = new Map();
  };

  /** Re-links every article's mentions after the knowledge base or the workspace rejections changed. */
  const relinkAll = (): void => {
    for (const doc of docs.values()) removeMentions(doc);
    for (const doc of docs.values()) addMentions(doc);
  };

  // ---- claims ----

  const termId = (stem: string): number => {
    let id = termIds.get(stem);
    if (id === undefined) {
      id = df.length;
      termIds.set(stem, id);
      termStems.push(stem);
      df.push(0);
      postings.push([]);
      deadInPosting.push(0);
    }
    return id;
  };

  /** A claim's record; every claim is made here, so all share one shape (property reads stay fast when scoring). */
  const makeClaim = (doc: Doc, start: number, end: number, fields: ClaimFields, features: ClaimFeatures, idOf: (stem: string) => number | undefined, serial: number): Claim => {
    const vector = vectorOf(features, idOf);
    const assertions = features.assertions.length ? features.assertions.map((a) => assertionOf(a, start, idOf)) : null;
    return {
      doc,
      start,
      end,
      origin: fields.origin,
      tagId: fields.tagId,
      source: fields.source,
      cue: fields.cue,
      hedges: fields.hedges,
      verdict: fields.verdict,
      checkWorthiness: fields.checkWorthiness,
      terms: vector.terms,
      numbers: vector.numbers,
      negations: vector.negations,
      subjects: [],
      assertions,
      assertionBits: assertions ? assertions.reduce((bits, a) => bits | assertionBit(a), 0) : 0,
      alive: serial >= 0,
      serial,
    };
  };

  /** `sourceSpan`: who the claim is attributed to, whose name says who claims, not what (blanked for reading the claim's words). */
  const addClaim = (doc: Doc, start: number, end: number, fields: ClaimFields, sourceSpan: { start: number; end: number } | null | undefined): void => {
    const claim = makeClaim(doc, start, end, fields, claimFeatures(claimText(doc.text, start, end, sourceSpan)), termId, bySerial.length);
    bySerial.push(claim);
    if (claimNorm.length < bySerial.length) {
      claimNorm = grow(claimNorm);
      const bits = new Int32Array(claimNorm.length);
      bits.set(bitsBySerial);
      bitsBySerial = bits;
    }
    bitsBySerial[claim.serial] = claim.assertionBits;
    let sum = 0;
    for (const x of claim.terms) {
      const id = termOf(x);
      df[id]++;
      postings[id].push(claim.serial);
      sum += (COUNT_WEIGHT[countOf(x)] * plainIdf(id)) ** 2;
    }
    doc.claims.push(claim);
    liveClaims++;
    claimNorm[claim.serial] = Math.sqrt(sum) || 1;
  };

  const addClaims = (doc: Doc): void => {
    const tags = liveTags(doc.sidecar).filter((t) => t.kind === 'claim');
    for (const tag of tags) {
      if (tag.status !== 'confirmed') continue;
      addClaim(doc, tag.target.start, tag.target.end, {
        origin: 'tag',
        tagId: tag.id,
        source: tag.claim?.source?.text ?? null,
        cue: tag.claim?.cue?.text ?? null,
        hedges: tag.claim?.hedges.map((h) => h.text) ?? [],
        verdict: tag.verdict,
        checkWorthiness: 1,
      }, tag.claim?.source);
    }
    for (const c of doc.analysis.claims) {
      if (tags.some((t) => overlapsMostly(t.target.start, t.target.end, c.start, c.end))) continue;
      addClaim(doc, c.start, c.end, {
        origin: 'detector',
        tagId: null,
        source: c.source?.text ?? null,
        cue: c.cue?.text ?? null,
        hedges: c.hedges.map((h) => h.text),
        verdict: null,
        checkWorthiness: c.score,
      }, c.source);
    }
  };

  const removeClaims = (doc: Doc): void => {
    for (const claim of doc.claims) {
      claim.alive = false;
      bySerial[claim.serial] = undefined;
      bitsBySerial[claim.serial] = 0;
      liveClaims--;
      for (const x of claim.terms) {
        const id = termOf(x);
        df[id]--;
        // Postings drop dead claims lazily, once they are half dead, so a removal costs O(1) amortized.
        if (++deadInPosting[id] * 2 > postings[id].length) {
          postings[id] = postings[id].filter((k) => bySerial[k] !== undefined);
          deadInPosting[id] = 0;
        }
      }
    }
    doc.claims = [];
  };

  const subjectsIn = (doc: Doc, start: number, end: number, alsoLeaveOut?: EntityType): string[] => {
    const out = new Set<string>();
    const mentions = doc.mentions;
    for (let i = firstMentionFrom(mentions, start); i < mentions.length && mentions[i].start < end; i++) {
      const m = mentions[i];
      if (m.end > start && m.type !== 'Date' && m.type !== 'Money' && m.type !== alsoLeaveOut) out.add(m.subject);
    }
    return [...out];
  };

  /**
   * The entities an assertion is about: organizations, people and others named among its words (places say
   * where, not what: "closed the school in X" and "opened a plant near X" are about different things), and
   * the organization or person its pronoun stands for (the last one named before it).
   */
  const assertionSubjects = (doc: Doc, a: ClaimAssertion): string[] => {
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
  };

  /** Inverse document frequencies, remembered for one lookup (the corpus does not change during it). */
  let idfCache = new Float64Array(0);
  let idfLookup = new Int32Array(0);
  let lookupNumber = 0;
  const plainIdf = (id: number): number => Math.log(1 + liveClaims / Math.max(1, df[id]));
  const idf = (id: number): number => {
    if (idfLookup[id] === lookupNumber) return idfCache[id];
    const value = plainIdf(id);
    idfCache[id] = value;
    idfLookup[id] = lookupNumber;
    return value;
  };

  /** Terms in too many claims to tell what a claim is about ("worth", "million"); they still weigh in similarity. */
  const isCommon = (term: number): boolean => df[term] > Math.max(200, liveClaims * COMMON_TERM_SHARE);

  const weightOf = (x: number): number => COUNT_WEIGHT[countOf(x)] * idf(termOf(x));

  /** Per-lookup scratch by term id: the query's weight of each of its terms, and whether the query negates it. */
  let queryWeight = new Float64Array(1024);
  let queryNegated = new Uint8Array(1024);

  /**
   * Claims of other articles ranked by combined similarity to the query. Candidates come from the inverted
   * index (terms too common to discriminate are skipped there); only the best of them are scored exactly.
   */
  const similarClaims = (query: Claim, exclude: Doc | undefined): Scored[] => {
    if (idfCache.length < df.length) {
      idfCache = new Float64Array(df.length * 2);
      idfLookup = new Int32Array(df.length * 2);
    }
    if (queryWeight.length < df.length) {
      queryWeight = new Float64Array(df.length * 2);
      queryNegated = new Uint8Array(df.length * 2);
    }
    lookupNumber++;
    const queryTerms: number[] = [];
    let querySum = 0;
    for (const x of query.terms) {
      const id = termOf(x);
      const w = weightOf(x);
      queryWeight[id] = w;
      queryNegated[id] = isNegatedTerm(x) ? 1 : 0;
      queryTerms.push(id);
      querySum += w * w;
    }
    try {
      return querySum === 0 ? [] : rankCandidates(query, exclude, queryTerms, querySum);
    } finally {
      for (const id of queryTerms) queryWeight[id] = 0;
    }
  };

  const rankCandidates = (query: Claim, exclude: Doc | undefined, queryTerms: number[], querySum: number): Scored[] => {
    const queryNorm = Math.sqrt(querySum);
    const maxDf = Math.max(200, liveClaims * COMMON_TERM_SHARE);
    if (partialScore.length < bySerial.length) {
      partialScore = new Float64Array(bySerial.length * 2);
      sharedCount = new Uint8Array(bySerial.length * 2);
    }
    const touched: number[] = [];
    const excludeFrom = exclude?.claims[0]?.serial ?? -1;
    const excludeTo = exclude?.claims[exclude.claims.length - 1]?.serial ?? -1;
    // Rarest words first, within a budget of postings read: they name the event; common ones only weigh in scoring.
    let budget = POSTINGS_BUDGET;
    for (const id of queryTerms.sort((a, b) => df[a] - df[b])) {
      if (df[id] > maxDf || (budget -= postings[id].length) < 0) break;
      const wi = queryWeight[id] * idf(id);
      for (const k of postings[id]) {
        // A document's claims have consecutive serials, so excluding it is a range test.
        if ((k >= excludeFrom && k <= excludeTo) || bySerial[k] === undefined) continue;
        if (partialScore[k] === 0) touched.push(k);
        partialScore[k] += wi;
        sharedCount[k]++;
      }
    }
    // Ranked by an approximate cosine: a claim sharing one rare name with the query should not crowd out one telling the same thing.
    const partials = touched.map((k) => (partialScore[k] /= claimNorm[k]));
    const cut = kthLargest(partials, CANDIDATES);
    const candidates: Claim[] = [];
    const opposed: number[] = [];
    // Contradictions share little but a subject and a word one side negates ("was compromised" / "have not been
    // impacted"), or an assertion of the other sign: such claims are candidates however low they rank.
    const oppositeBits = opposite(query.assertionBits);
    const opposes = (c: Claim): boolean => {
      if (query.negations.length && c.negations.length) return false;
      for (const x of c.terms) {
        const id = termOf(x);
        if (queryWeight[id] !== 0 && queryNegated[id] !== (isNegatedTerm(x) ? 1 : 0)) return true;
      }
      return false;
    };
    for (const k of touched) {
      if (partialScore[k] >= cut && candidates.length < CANDIDATES) candidates.push(bySerial[k] as Claim);
      else if ((bitsBySerial[k] & oppositeBits) !== 0 ? opposition(query.assertions as ClaimAssertion[], (bySerial[k] as Claim).assertions as ClaimAssertion[], isCommon) : sharedCount[k] >= 2 && opposes(bySerial[k] as Claim)) opposed.push(k);
    }
    if (opposed.length > OPPOSED_CANDIDATES) opposed.sort((a, b) => partialScore[b] - partialScore[a]);
    for (const k of opposed.slice(0, OPPOSED_CANDIDATES)) candidates.push(bySerial[k] as Claim);
    for (const k of touched) {
      partialScore[k] = 0;
      sharedCount[k] = 0;
    }
    const scored: Scored[] = [];
    for (const claim of candidates) scored.push(scoreCandidate(query, claim, queryNorm, querySum));
    return scored.sort((a, b) => b.score - a.score);
  };

  /** The exact similarity of one candidate to the query (whose weights are in the scratch arrays). */
  const scoreCandidate = (query: Claim, claim: Claim, queryNorm: number, querySum: number): Scored => {
    let dot = 0;
    let sum = 0;
    let sharedHere = 0;
    let sharedThere = 0;
    const sharedTerms: number[] = [];
    const polarityTerms: number[] = [];
    let opposedCommonWords = false;
    const terms = claim.terms;
    for (let i = 0; i < terms.length; i++) {
      const x = terms[i];
      const id = termOf(x);
      const w = COUNT_WEIGHT[countOf(x)] * idf(id);
      sum += w * w;
      const wq = queryWeight[id];
      if (wq === 0) continue;
      dot += w * wq;
      sharedHere += wq * wq;
      sharedThere += w * w;
      sharedTerms.push(id);
      if (queryNegated[id] !== (isNegatedTerm(x) ? 1 : 0)) {
        // Only a telling word makes a contradiction ("not … worth" against "worth" says nothing), but any keeps a match from being claimed.
        if (isCommon(id)) opposedCommonWords = true;
        else polarityTerms.push(id);
      }
    }
    // When both claims negate something, where each negation's reach ends is too rough to oppose them.
    if (query.negations.length > 0 && claim.negations.length > 0) {
      polarityTerms.length = 0;
      opposedCommonWords = false;
    }
    // A quote inside a longer sentence ("X said A, and B") is the same claim though the cosine is diluted:
    // how much of either claim the shared words cover counts too, once three words or more are shared.
    claimNorm[claim.serial] = Math.sqrt(sum) || 1;
    const cosine = sum && dot / (queryNorm * Math.sqrt(sum));
    const coverage = sum && Math.max(sharedHere / querySum, sharedThere / sum);
    const words = sharedTerms.length >= MIN_SHARED_FOR_COVERAGE ? Math.max(cosine, COVERAGE_WEIGHT * coverage) : cosine;
    const sharedSubjects = query.subjects.filter((s) => claim.subjects.includes(s));
    const subjectUnion = query.subjects.length + claim.subjects.length - sharedSubjects.length;
    const entities = subjectUnion ? sharedSubjects.length / subjectUnion : 0;
    const numbers = compareNumbers(query.numbers, claim.numbers);
    // Each part counts only when either side has something of that kind: two claims without numbers are not less alike for it.
    // Words weigh most: two claims naming the same one organization may still tell different things.
    let score = 0.8 * words;
    let weights = 0.8;
    if (subjectUnion) {
      score += 0.1 * entities;
      weights += 0.1;
    }
    if (query.numbers.length || claim.numbers.length) {
      score += 0.1 * numbers.overlap;
      weights += 0.1;
    }
    sharedTerms.sort((a, b) => queryWeight[b] - queryWeight[a]);
    return {
      claim,
      score: score / weights,
      words,
      entities,
      numbers: numbers.overlap,
      sharedTerms,
      sharedSubjects,
      sharedNumbers: numbers.shared,
      conflicts: numbers.conflicts,
      polarityTerms,
      polarityUnsure: opposedCommonWords,
      opposition: query.assertions && claim.assertions && (query.assertionBits & opposite(claim.assertionBits)) !== 0 ? opposition(query.assertions, claim.assertions, isCommon) : null,
    };
  };

  /**
   * Opposite polarity on a shared word, or different numbers of the same kind, about the same subject: a
   * shared entity or at least one more shared word than the ones in question.
   */
  const relation = (s: Scored): 'match' | 'contradiction' | undefined => {
    if (s.opposition) return 'contradiction';
    if (s.polarityTerms.length > 0 || s.conflicts.here.length > 0) {
      const sameSubject = s.sharedSubjects.length > 0 || s.sharedTerms.length > s.polarityTerms.length;
      return sameSubject && s.score >= contradictionThreshold ? 'contradiction' : undefined;
    }
    return s.score >= matchThreshold && !s.polarityUnsure ? 'match' : undefined;
  };

  const claimRef = (c: Claim): ClaimRef => ({
    path: c.doc.path,
    start: c.start,
    end: c.end,
    text: c.doc.text.slice(c.start, c.end),
    origin: c.origin,
    tagId: c.tagId,
    source: c.source,
    cue: c.cue,
    hedges: c.hedges,
    verdict: c.verdict,
    negative: isNegative(c),
    date: claimDate(c.doc, c.start, c.end),
  });

  const subjectName = (subject: string): string => (subject.startsWith('e:') ? entitiesById.get(subject.slice(2))?.name : undefined) ?? subjects.get(subject)?.display ?? subject.slice(2);

  /** `surfaces`: the query's own words for its stems, so the explanation quotes the claim the user is reading. */
  const explain = (s: Scored, here: Pick<Claim, 'negations'>, surfaces: Map<string, string>): MatchExplanation => {
    const word = (id: number): string => surfaces.get(termStems[id]) ?? termStems[id];
    const sharedEntities = s.sharedSubjects.map(subjectName);
    const sharedWords = s.sharedTerms.filter((id) => !termStems[id].startsWith('#')).slice(0, 8).map(word);
    const polarity = s.polarityTerms.length ? { here: here.negations, there: s.claim.negations, words: s.polarityTerms.map(word) } : null;
    const said: string[] = [];
    if (sharedEntities.length) said.push(l10n.t('both name {0}', sharedEntities.join(', ')));
    if (sharedWords.length) said.push(l10n.t('shared words: {0}', sharedWords.join(', ')));
    if (s.sharedNumbers.length) said.push(l10n.t('same numbers: {0}', s.sharedNumbers.join(', ')));
    if (s.conflicts.here.length) said.push(l10n.t('different numbers: {0} here, {1} there', s.conflicts.here.join(', '), s.conflicts.there.join(', ')));
    if (polarity) {
      const words = (list: string[]): string => (list.length ? list.map((w) => `"${w}"`).join(', ') : l10n.t('no negation'));
      said.push(l10n.t('opposite polarity on {0}: {1} here, {2} there', polarity.words.join(', '), words(polarity.here), words(polarity.there)));
    }
    const o = s.opposition;
    const opposed = o && {
      here: o.here.words,
      there: o.there.words,
      about: aboutWords(o.sharedSubjects.map(subjectName), o.sharedTerms.filter((id) => !termStems[id].startsWith('#')).map(word)),
    };
    if (opposed) said.push(`says the opposite about ${opposed.about.join(', ')}: "${opposed.here}" here, "${opposed.there}" there`);
    return {
      opposed,
      sharedEntities,
      sharedWords,
      sharedNumbers: [...s.sharedNumbers],
      conflictingNumbers: { here: [...s.conflicts.here], there: [...s.conflicts.there] },
      polarity,
      similarity: { words: round(s.words), entities: round(s.entities), numbers: round(s.numbers) },
      summary: said.join('; '),
    };
  };

  /** A selection that is no indexed claim, read as one (words the corpus lacks are left out: they match nothing). */
  const adHocClaim = (doc: Doc, start: number, end: number, features: ClaimFeatures): Claim => {
    const claim = makeClaim(doc, start, end, AD_HOC, features, (stem) => termIds.get(stem), -1);
    claim.subjects = subjectsIn(doc, start, end);
    for (const a of claim.assertions ?? []) a.subjects = assertionSubjects(doc, a);
    return claim;
  };

  const findClaim = (doc: Doc, start: number, end: number): Claim | undefined => {
    let best: Claim | undefined;
    let bestOverlap = -1;
    for (const c of doc.claims) {
      const overlap = start === end ? (c.start <= start && start <= c.end ? 0 : -1) : Math.min(end, c.end) - Math.max(start, c.start);
      if (overlap > bestOverlap || (overlap === bestOverlap && best && c.end - c.start < best.end - best.start)) {
        if (overlap >= 0) {
          best = c;
          bestOverlap = overlap;
        }
      }
    }
    return best;
  };

  // ---- documents ----

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

  const removeDoc = (doc: Doc): void => {
    removeMentions(doc);
    removeClaims(doc);
    countConfirmed(doc, -1);
    docs.delete(doc.path);
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
      articleCount: s?.docs.size ?? 0,
    };
  };

  return {
    updateDocument(path, text, analysis, sidecar) {
      forgetAnswers();
      const old = docs.get(path);
      const oldRejected = old?.rejectedNames ?? new Set<string>();
      if (old) removeDoc(old);
      const tags = liveTags(sidecar).filter((t) => t.kind === 'entity');
      const doc: Doc = {
        path,
        text,
        analysis,
        sidecar,
        mentions: [],
        bySubject: new Map(),
        claims: [],
        rejectedNames: new Set(tags.filter((t) => t.status === 'rejected').map((t) => normalizeName(t.target.quote)).filter(Boolean)),
        confirmed: new Map(tags.filter((t) => t.status === 'confirmed').map((t) => [t.target.quote, { type: t.label as EntityType, entityId: t.entityId }])),
      };
      docs.set(path, doc);
      countConfirmed(doc, 1);
      addClaims(doc);
      if (recountRejections(oldRejected, doc.rejectedNames)) relinkAll();
      else addMentions(doc);
    },

    removeDocument(path) {
      const doc = docs.get(path);
      if (!doc) return;
      forgetAnswers();
      removeDoc(doc);
      if (recountRejections(doc.rejectedNames, new Set())) relinkAll();
    },

    setKnowledgeBase(next) {
      forgetAnswers();
      loadKnowledgeBase(next);
      relinkAll();
    },

    documents: () => [...docs.keys()].sort(),

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
      const others: MentionRef[] = [];
      for (const doc of s?.docs.keys() ?? []) {
        if (others.length >= limit) break;
        if (doc.path === excludePath) continue;
        const first = doc.bySubject.get(subject)?.[0];
        if (first) others.push(mentionRef(first));
      }
      return {
        ...summary(subject, s),
        aliases: entity?.aliases ?? [],
        description: entity?.description ?? '',
        externalId: entity?.externalId ?? null,
        others,
      };
    },

    allMentions(nameOrId) {
      const subject = subjectFor(nameOrId);
      const s = subject ? subjects.get(subject) : undefined;
      if (!subject || !s) return [];
      return [...s.docs.keys()]
        .sort((a, b) => compare(a.path, b.path))
        .flatMap((doc) => (doc.bySubject.get(subject) ?? []).map(mentionRef));
    },

    entities() {
      return [...subjects].map(([subject, s]) => summary(subject, s)).sort((a, b) => b.mentionCount - a.mentionCount || compare(a.name, b.name));
    },

    claimLookup(path, start, end, { limit = 10 } = {}) {
      const doc = docs.get(path);
      if (!doc) return undefined;
      const indexed = findClaim(doc, start, end);
      if (!indexed && end <= start) return undefined;
      const cached = indexed && lookups.get(indexed);
      if (cached && cached.limit === limit) return cached.result;
      // Not a claim the index knows: the selected text is looked up as if it were one.
      const adHoc = indexed ? undefined : claimFeatures(doc.text.slice(start, end));
      const claim = indexed ?? adHocClaim(doc, start, end, adHoc as ClaimFeatures);
      const matches: ClaimMatch[] = [];
      const contradictions: ClaimMatch[] = [];
      let surfaces: Map<string, string> | undefined;
      for (const s of similarClaims(claim, doc)) {
        const kind = relation(s);
        if (!kind) continue;
        const list = kind === 'contradiction' ? contradictions : matches;
        if (list.length >= limit) continue;
        surfaces ??= (adHoc ?? claimFeatures(doc.text.slice(claim.start, claim.end))).surfaces;
        const match: ClaimMatch = Object.assign(claimRef(s.claim), { score: round(s.score), explanation: explain(s, claim, surfaces) });
        list.push(match);
      }
      const result = { claim: claimRef(claim), matches, contradictions };
      if (indexed) {
        if (lookups.size >= CACHED_LOOKUPS) lookups.clear();
        lookups.set(indexed, { limit, result });
      }
      return result;
    },

    claimsOf(path) {
      return [...(docs.get(path)?.claims ?? [])].sort((a, b) => a.start - b.start).map(claimRef);
    },

    claimGroups() {
      if (groupsCache) return groupsCache;
      const all = [...docs.values()].flatMap((d) => d.claims);
      const index = new Map(all.map((c, i) => [c, i]));
      const parent = all.map((_, i) => i);
      const find = (i: number): number => {
        while (parent[i] !== i) i = parent[i] = parent[parent[i]];
        return i;
      };
      for (const [i, claim] of all.entries()) {
        for (const s of similarClaims(claim, claim.doc)) {
          if (s.score < matchThreshold) break;
          if (relation(s) !== 'match') continue;
          const j = index.get(s.claim);
          if (j !== undefined) parent[find(i)] = find(j);
        }
      }
      const members = new Map<number, Claim[]>();
      for (const [i, claim] of all.entries()) {
        const root = find(i);
        const list = members.get(root);
        if (list) list.push(claim);
        else members.set(root, [claim]);
      }
      groupsCache = [...members.values()]
        .map((claims) => ({ claims, articles: new Set(claims.map((c) => c.doc)).size }))
        .filter((g) => g.articles > 1)
        .map(({ claims, articles }) => {
          const sorted = claims.sort((a, b) => compare(a.doc.path, b.doc.path) || a.start - b.start);
          const best = sorted.reduce((a, b) => (b.checkWorthiness > a.checkWorthiness ? b : a));
          return { label: best.doc.text.slice(best.start, best.end), claims: sorted.map(claimRef), articleCount: articles };
        })
        .sort((a, b) => b.articleCount - a.articleCount || b.claims.length - a.claims.length || compare(a.label, b.label));
      return groupsCache;
    },

    tagsOf(path) {
      return docs.get(path)?.sidecar?.tags ?? [];
    },

    tagsByName() {
      const out = new Map<string, TagRef[]>();
      for (const doc of [...docs.values()].sort((a, b) => compare(a.path, b.path))) {
        for (const tag of doc.sidecar?.tags ?? []) {
          for (const name of tag.tags) {
            const list = out.get(name);
            if (list) list.push({ path: doc.path, tag });
            else out.set(name, [{ path: doc.path, tag }]);
          }
        }
      }
      return out;
    },

    orphanedTags() {
      return [...docs.values()]
        .sort((a, b) => compare(a.path, b.path))
        .flatMap((doc) => (doc.sidecar?.tags ?? []).filter((t) => t.anchoring === 'orphaned').map((tag) => ({ path: doc.path, tag })));
    },

    knownEntities() {
      if (knownCache) return knownCache;
      const known: KnownEntity[] = kb.entities.map((e) => ({ name: e.name, type: e.type, aliases: [...e.aliases] }));
      const kbNames = new Set(kb.entities.flatMap((e) => [e.name, ...e.aliases].map(normalizeName)));
      for (const [quote, info] of confirmedNames) {
        const key = normalizeName(quote);
        if (!kbNames.has(key) && !kbRejected.has(key) && !(workspaceRejection && tagRejected.has(key))) known.push({ name: quote, type: info.type });
      }
      knownCache = known;
      return known;
    },

    rejectedNames() {
      return [...new Set([...kbRejected, ...(workspaceRejection ? tagRejected.keys() : [])])].sort();
    },

    positionIn(path, offset) {
      const doc = docs.get(path);
      if (!doc) return undefined;
      let line = 0;
      let lineStart = 0;
      for (let i = doc.text.indexOf('\n'); i >= 0 && i < offset; i = doc.text.indexOf('\n', i + 1)) {
        line++;
        lineStart = i + 1;
      }
      return { line, character: offset - lineStart };
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
      for (const e of kb.entities) for (const name of [e.name, ...e.aliases]) names.set(name, { type: e.type, entityId: e.id, reason: 'knowledge base' });
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

    stats: () => ({
      documents: docs.size,
      mentions: [...subjects.values()].reduce((n, s) => n + s.mentions, 0),
      subjects: subjects.size,
      claims: liveClaims,
      terms: termIds.size,
    }),
  };
}

/** The subjects of an assertion naming none, shared by all such assertions (never changed in place). */
const NO_SUBJECTS: string[] = [];

/** Shared entities, then shared words that are not part of their names ("Harbor" of "Valdoria Harbor Authority"). */
function aboutWords(entities: string[], words: string[]): string[] {
  const inNames = new Set(entities.flatMap((e) => e.toLowerCase().split(/\s+/)));
  return [...entities, ...new Set(words.filter((w) => !inNames.has(w.toLowerCase())))];
}

/** A claim's text with its source's name blanked to spaces (same offsets), when the source lies inside it. */
function claimText(text: string, start: number, end: number, source: { start: number; end: number } | null | undefined): string {
  const claim = text.slice(start, end);
  if (!source || source.start < start || source.end > end || source.end <= source.start) return claim;
  return claim.slice(0, source.start - start) + ' '.repeat(source.end - source.start) + claim.slice(source.end - start);
}

/** Tags still anchored in the text: orphaned ones have no place to index. */
function liveTags(sidecar: Sidecar | null): Tag[] {
  return sidecar?.tags.filter((t) => t.anchoring !== 'orphaned') ?? [];
}

/** Whether two spans share at least half of the shorter one: a tag that covers the detector's sentence replaces it. */
function overlapsMostly(aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  const overlap = Math.min(aEnd, bEnd) - Math.max(aStart, bStart);
  return overlap > 0 && overlap * 2 >= Math.min(aEnd - aStart, bEnd - bStart);
}

type ClaimFields = Pick<Claim, 'origin' | 'tagId' | 'source' | 'cue' | 'hedges' | 'verdict' | 'checkWorthiness'>;

/** What a looked-up selection that is no indexed claim has for attribution: nothing. */
const AD_HOC: ClaimFields = { origin: 'detector', tagId: null, source: null, cue: null, hedges: [], verdict: null, checkWorthiness: 0 };

/** An assertion with its words as term ids (those the corpus knows) and its offsets moved from the claim's text to the article's. */
function assertionOf(a: Assertion, claimStart: number, idOf: (stem: string) => number | undefined): ClaimAssertion {
  const about: number[] = [];
  for (const stem of a.about) {
    const id = idOf(stem);
    if (id !== undefined && !about.includes(id)) about.push(id);
  }
  return {
    predicate: a.predicate,
    negative: a.negative,
    words: a.words,
    about,
    subjects: NO_SUBJECTS,
    start: claimStart + a.start,
    end: claimStart + a.end,
    pronounAt: a.pronounAt < 0 ? -1 : claimStart + a.pronounAt,
  };
}

/** One bit per predicate kind and sign, so claims asserting the opposite of the query are found with one test. */
function assertionBit(a: { predicate: string; negative: boolean }): number {
  return 1 << (PREDICATE_KINDS.indexOf(a.predicate) * 2 + (a.negative ? 1 : 0));
}

/** The bits of the same predicates with the other sign. */
function opposite(bits: number): number {
  return ((bits & 0x15555555) << 1) | ((bits >> 1) & 0x15555555);
}

/**
 * The first pair of assertions, one each side, of one predicate with opposite signs about the same thing (an
 * entity in common, or enough words other than common ones: "worth", "million"); none when another pair agrees about the same thing (then both claims
 * tell both sides, and the one shared is a repeat).
 */
function opposition(here: ClaimAssertion[], there: ClaimAssertion[], isCommon: (term: number) => boolean): Opposition | null {
  let found: [ClaimAssertion, ClaimAssertion] | null = null;
  for (const a of here) {
    for (const b of there) {
      if (a.predicate !== b.predicate || !aboutTheSame(a, b, isCommon)) continue;
      if (a.negative === b.negative) return null;
      found ??= [a, b];
    }
  }
  if (!found) return null;
  const [a, b] = found;
  return { here: a, there: b, sharedSubjects: a.subjects.filter((x) => b.subjects.includes(x)), sharedTerms: a.about.filter((x) => b.about.includes(x) && !isCommon(x)) };
}

/** Whether two assertions are about the same thing: an entity in common, or enough words. Called for many candidates, so it allocates nothing. */
function aboutTheSame(a: ClaimAssertion, b: ClaimAssertion, isCommon: (term: number) => boolean): boolean {
  for (const x of a.subjects) if (b.subjects.includes(x)) return true;
  let shared = 0;
  for (const x of a.about) if (b.about.includes(x) && !isCommon(x) && ++shared >= MIN_SHARED_ABOUT_WORDS) return true;
  return false;
}

/** A claim's terms as packed ids; `idOf` may leave out words the corpus lacks (they cannot match anything). */
function vectorOf(features: ClaimFeatures, idOf: (stem: string) => number | undefined): Pick<Claim, 'terms' | 'numbers' | 'negations'> {
  const terms: number[] = [];
  for (const [stem, count] of features.terms) {
    const id = idOf(stem);
    if (id !== undefined) terms.push(packTerm(id, features.negated.has(stem), count));
  }
  return { terms: Int32Array.from(terms), numbers: features.numbers, negations: features.negations };
}

/** A term of a claim in one integer: its id, whether the claim negates it, and how often it occurs (up to 15). */
function packTerm(id: number, negated: boolean, count: number): number {
  return (id << 5) | (negated ? 16 : 0) | Math.min(count, 15);
}

function termOf(packed: number): number {
  return packed >> 5;
}

function isNegatedTerm(packed: number): boolean {
  return (packed & 16) !== 0;
}

function grow(array: Float64Array): Float64Array {
  const bigger = new Float64Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

function countOf(packed: number): number {
  return packed & 15;
}

/** 1 + ln(count), the sublinear weight of a repeated word, for the counts a packed term holds. */
const COUNT_WEIGHT = Array.from({ length: 16 }, (_, n) => (n ? 1 + Math.log(n) : 0));

/** The k-th largest of the values (the smallest when there are fewer), by quickselect: O(n), for choosing candidates without sorting them all. */
function kthLargest(values: number[], k: number): number {
  if (values.length <= k) return values.length ? Math.min(...values) : Infinity;
  let lo = 0;
  let hi = values.length - 1;
  const target = k - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i] > pivot) i++;
      while (values[j] < pivot) j--;
      if (i <= j) {
        [values[i], values[j]] = [values[j], values[i]];
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return values[target];
}

const NO_NUMBERS_IN_COMMON = Object.freeze({ overlap: 0, shared: [], conflicts: Object.freeze({ here: [], there: [] }) }) as ReturnType<typeof compareNumbers>;

/** Shared numbers (same kind, same value) and conflicting ones (same kind, no value in common). */
function compareNumbers(here: NumberFact[], there: NumberFact[]): { overlap: number; shared: string[]; conflicts: { here: string[]; there: string[] } } {
  if (!here.length || !there.length || !here.some((h) => there.some((t) => t.unit === h.unit))) return NO_NUMBERS_IN_COMMON;
  const conflicts = { here: [] as string[], there: [] as string[] };
  const shared: string[] = [];
  for (const h of here) if (there.some((t) => t.unit === h.unit && t.value === h.value)) shared.push(h.text);
  for (const unit of new Set(here.map((h) => h.unit))) {
    const hs = here.filter((h) => h.unit === unit);
    const ts = there.filter((t) => t.unit === unit);
    if (ts.length && !hs.some((h) => ts.some((t) => t.value === h.value))) {
      conflicts.here.push(...hs.map((h) => h.text));
      conflicts.there.push(...ts.map((t) => t.text));
    }
  }
  return { overlap: shared.length / Math.max(here.length, there.length), shared, conflicts };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The first mention (sorted by start) that may reach `offset`: the first starting at or after it, or an earlier one still running there. */
function firstMentionFrom(mentions: readonly { start: number; end: number }[], offset: number): number {
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (mentions[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  while (lo > 0 && mentions[lo - 1].end > offset) lo--;
  return lo;
}

/** The first calendar date inside [start, end): a confirmed Date tag's value first, else a detected Date's. */
function claimDate(doc: Doc, start: number, end: number): string | null {
  const inside = (s: number, e: number): boolean => start <= s && e <= end;
  const tagged = liveTags(doc.sidecar)
    .filter((t) => t.kind === 'entity' && t.label === 'Date' && t.status === 'confirmed' && inside(t.target.start, t.target.end))
    .sort((a, b) => a.target.start - b.target.start);
  for (const t of tagged) {
    const date = calendarDate(t.value);
    if (date) return date;
  }
  for (const e of doc.analysis.entities) {
    if (e.type !== 'Date' || !inside(e.start, e.end)) continue;
    const date = calendarDate(e.date);
    if (date) return date;
  }
  return null;
}
