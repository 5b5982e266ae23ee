import * as l10n from '@vscode/l10n';
import { ENTITY_TYPES, type Analysis, type EntityMention, type EntityType, type KnownEntity } from '../detect/types';
import type { Sidecar, Tag } from '../sidecar/types';
import { claimFeatures, isNegative, type ClaimFeatures, type NumberFact } from './features';
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
  /** What the detector should find everywhere: the knowledge base plus names confirmed in any article, less rejected ones. */
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
  /** Combined similarity from which two claims of opposite polarity or different numbers may contradict. */
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
}

export interface MatchExplanation {
  sharedEntities: string[];
  sharedWords: string[];
  sharedNumbers: string[];
  /** Numbers of the same kind that differ: "eight months" here, "six months" there. */
  conflictingNumbers: { here: string[]; there: string[] };
  /** When one side negates a shared word the other asserts: the negating words of each side and the words concerned. */
  polarity: { here: string[]; there: string[]; words: string[] } | null;
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
  alive: boolean;
  /** Position in the index's claim table, for scoring candidates in flat arrays rather than maps. */
  serial: number;
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
  /** Shared terms negated on one side only. */
  polarityTerms: number[];
}

/** Query terms found in more than this share of all claims only weigh in scoring, not in finding candidates. */
const COMMON_TERM_SHARE = 0.01;
/** Names whose normalized key is remembered; past this the memo starts over. */
const MAX_CACHED_NAMES = 200_000;
/** Shared words from which coverage of the shorter claim may stand in for the cosine, and how much it counts. */
const MIN_SHARED_FOR_COVERAGE = 3;
const COVERAGE_WEIGHT = 0.7;
/** Posting entries read per claim lookup at most, so a lookup stays fast whatever the corpus size. */
const POSTINGS_BUDGET = 4000;
/** Candidates scored exactly per lookup, taken by their partial score. */
const CANDIDATES = 64;

export function createCorpusIndex(options: CorpusIndexOptions = {}): CorpusIndex {
  const matchThreshold = options.matchThreshold ?? 0.3;
  const contradictionThreshold = options.contradictionThreshold ?? 0.15;
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
  let groupsCache: ClaimGroup[] | undefined;

  const loadKnowledgeBase = (next: KnowledgeBase): void => {
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
      let s = subjects.get(m.subject);
      if (!s) subjects.set(m.subject, (s = { docs: new Map(), mentions: 0, typeCounts: ENTITY_TYPES.map(() => 0), display: m.text }));
      s.docs.set(doc, (s.docs.get(doc) ?? 0) + 1);
      s.mentions++;
      s.typeCounts[ENTITY_TYPES.indexOf(m.type)]++;
    }
    for (const claim of doc.claims) claim.subjects = subjectsIn(doc, claim.start, claim.end);
  };

  const removeMentions = (doc: Doc): void => {
    for (const m of doc.mentions) {
      const s = subjects.get(m.subject);
      if (!s) continue;
      s.mentions--;
      s.typeCounts[ENTITY_TYPES.indexOf(m.type)]--;
      const n = (s.docs.get(doc) ?? 1) - 1;
      if (n > 0) s.docs.set(doc, n);
      else s.docs.delete(doc);
      if (s.mentions === 0) subjects.delete(m.subject);
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

  const addClaim = (doc: Doc, start: number, end: number, fields: ClaimFields): void => {
    const features = claimFeatures(doc.text.slice(start, end));
    const claim: Claim = { doc, start, end, ...fields, ...vectorOf(features, termId), subjects: [], alive: true, serial: bySerial.length };
    bySerial.push(claim);
    if (claimNorm.length < bySerial.length) claimNorm = grow(claimNorm);
    for (const x of claim.terms) {
      const id = termOf(x);
      df[id]++;
      postings[id].push(claim.serial);
    }
    doc.claims.push(claim);
    liveClaims++;
    let sum = 0;
    for (const x of claim.terms) sum += (COUNT_WEIGHT[countOf(x)] * plainIdf(termOf(x))) ** 2;
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
      });
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
      });
    }
  };

  const removeClaims = (doc: Doc): void => {
    for (const claim of doc.claims) {
      claim.alive = false;
      bySerial[claim.serial] = undefined;
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

  const subjectsIn = (doc: Doc, start: number, end: number): string[] => {
    const out = new Set<string>();
    for (const m of doc.mentions) {
      if (m.start >= end) break;
      if (m.end > start && m.type !== 'Date' && m.type !== 'Money') out.add(m.subject);
    }
    return [...out];
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

  const weightOf = (x: number): number => COUNT_WEIGHT[countOf(x)] * idf(termOf(x));

  /**
   * Claims of other articles ranked by combined similarity to the query. Candidates come from the inverted
   * index (terms too common to discriminate are skipped there); only the best of them are scored exactly.
   */
  const similarClaims = (query: Pick<Claim, 'terms' | 'numbers' | 'negations' | 'subjects'>, exclude: Doc | undefined): Scored[] => {
    if (idfCache.length < df.length) {
      idfCache = new Float64Array(df.length * 2);
      idfLookup = new Int32Array(df.length * 2);
    }
    lookupNumber++;
    const queryWeights = new Map<number, number>();
    const queryNegated = new Set<number>();
    let querySum = 0;
    for (const x of query.terms) {
      const w = weightOf(x);
      queryWeights.set(termOf(x), w);
      querySum += w * w;
      if (isNegatedTerm(x)) queryNegated.add(termOf(x));
    }
    if (querySum === 0) return [];
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
    for (const id of [...queryWeights.keys()].sort((a, b) => df[a] - df[b])) {
      if (df[id] > maxDf || (budget -= postings[id].length) < 0) break;
      const wi = (queryWeights.get(id) as number) * idf(id);
      for (const k of postings[id]) {
        // A document's claims have consecutive serials, so excluding it is a range test.
        if ((k >= excludeFrom && k <= excludeTo) || bySerial[k] === undefined) continue;
        if (partialScore[k] === 0) touched.push(k);
        partialScore[k] += wi;
        sharedCount[k]++;
      }
    }
    // Ranked by an approximate cosine: a claim sharing one rare name with the query should not crowd out one telling the same thing.
    for (const k of touched) partialScore[k] /= claimNorm[k];
    const cut = kthLargest(touched.map((k) => partialScore[k]), CANDIDATES);
    const candidates: Claim[] = [];
    const opposed: number[] = [];
    // Contradictions share little but a subject and a word one side negates ("was compromised" / "have not been
    // impacted"): claims sharing two discriminating words, one in the other polarity, are candidates however low they rank.
    const opposes = (c: Claim): boolean =>
      !(query.negations.length && c.negations.length) && c.terms.some((x) => queryWeights.has(termOf(x)) && queryNegated.has(termOf(x)) !== isNegatedTerm(x));
    for (const k of touched) {
      if (partialScore[k] >= cut && candidates.length < CANDIDATES) candidates.push(bySerial[k] as Claim);
      else if (sharedCount[k] >= 2 && opposes(bySerial[k] as Claim)) opposed.push(k);
    }
    if (opposed.length > CANDIDATES) opposed.sort((a, b) => partialScore[b] - partialScore[a]);
    for (const k of opposed.slice(0, CANDIDATES)) candidates.push(bySerial[k] as Claim);
    for (const k of touched) {
      partialScore[k] = 0;
      sharedCount[k] = 0;
    }
    const scored: Scored[] = [];
    for (const claim of candidates) {
      let dot = 0;
      let sum = 0;
      let sharedHere = 0;
      let sharedThere = 0;
      const sharedTerms: number[] = [];
      const polarityTerms: number[] = [];
      for (const x of claim.terms) {
        const id = termOf(x);
        const w = weightOf(x);
        sum += w * w;
        const wq = queryWeights.get(id);
        if (wq === undefined) continue;
        dot += w * wq;
        sharedHere += wq * wq;
        sharedThere += w * w;
        sharedTerms.push(id);
        if (queryNegated.has(id) !== isNegatedTerm(x)) polarityTerms.push(id);
      }
      // When both claims negate something, where each negation's reach ends is too rough to oppose them.
      if (query.negations.length > 0 && claim.negations.length > 0) polarityTerms.length = 0;
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
      sharedTerms.sort((a, b) => (queryWeights.get(b) ?? 0) - (queryWeights.get(a) ?? 0));
      scored.push({
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
      });
    }
    return scored.sort((a, b) => b.score - a.score);
  };

  /**
   * Opposite polarity on a shared word, or different numbers of the same kind, about the same subject: a
   * shared entity or at least one more shared word than the ones in question.
   */
  const relation = (s: Scored): 'match' | 'contradiction' | undefined => {
    if (s.polarityTerms.length > 0 || s.conflicts.here.length > 0) {
      const sameSubject = s.sharedSubjects.length > 0 || s.sharedTerms.length > s.polarityTerms.length;
      return sameSubject && s.score >= contradictionThreshold ? 'contradiction' : undefined;
    }
    return s.score >= matchThreshold ? 'match' : undefined;
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
    return {
      sharedEntities,
      sharedWords,
      sharedNumbers: [...s.sharedNumbers],
      conflictingNumbers: { here: [...s.conflicts.here], there: [...s.conflicts.there] },
      polarity,
      similarity: { words: round(s.words), entities: round(s.entities), numbers: round(s.numbers) },
      summary: said.join('; '),
    };
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
      groupsCache = undefined;
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
      groupsCache = undefined;
      removeDoc(doc);
      if (recountRejections(doc.rejectedNames, new Set())) relinkAll();
    },

    setKnowledgeBase(next) {
      groupsCache = undefined;
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
      // Not a claim the index knows: the selected text is looked up as if it were one.
      const adHoc = indexed ? undefined : claimFeatures(doc.text.slice(start, end));
      const claim = indexed ?? { doc, start, end, ...AD_HOC, ...vectorOf(adHoc as ClaimFeatures, (stem) => termIds.get(stem)), subjects: subjectsIn(doc, start, end), alive: false, serial: -1 };
      const matches: ClaimMatch[] = [];
      const contradictions: ClaimMatch[] = [];
      let surfaces: Map<string, string> | undefined;
      for (const s of similarClaims(claim, doc)) {
        const kind = relation(s);
        if (!kind) continue;
        const list = kind === 'contradiction' ? contradictions : matches;
        if (list.length >= limit) continue;
        surfaces ??= (adHoc ?? claimFeatures(doc.text.slice(claim.start, claim.end))).surfaces;
        list.push({ ...claimRef(s.claim), score: round(s.score), explanation: explain(s, claim, surfaces) });
      }
      return { claim: claimRef(claim), matches, contradictions };
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
      const known: KnownEntity[] = kb.entities.map((e) => ({ name: e.name, type: e.type, aliases: [...e.aliases] }));
      const kbNames = new Set(kb.entities.flatMap((e) => [e.name, ...e.aliases].map(normalizeName)));
      for (const [quote, info] of confirmedNames) {
        const key = normalizeName(quote);
        if (!kbNames.has(key) && !kbRejected.has(key) && !(workspaceRejection && tagRejected.has(key))) known.push({ name: quote, type: info.type });
      }
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
