import type { Analysis, EntityMention, EntityType, KnownEntity } from '../detect/types';
import type { Sidecar, Tag } from '../sidecar/types';
import type { ClaimFeatures } from './features';
import type { KnowledgeBase } from './kb';

/**
 * The workspace's articles as one searchable whole: who is mentioned where, and which claims tell the
 * same thing (or the opposite) in other articles. Pure and synchronous; the editor feeds it documents
 * (text, the detector's analysis, the sidecar) as they are read or change, one at a time.
 */
export interface CorpusIndex {
  /**
   * Adds or replaces one article. Only that article's entries are touched (unless its rejections change what is rejected workspace-wide).
   * `features`: what the index would read from the text and analysis, worked out before (kept in the corpus cache), so it is not read again.
   */
  updateDocument(path: string, text: string, analysis: Analysis, sidecar: Sidecar | null, features?: ArticleFeatures): void;
  removeDocument(path: string): void;
  /** Replaces the knowledge base: mentions are linked again to entities by name and alias. */
  setKnowledgeBase(kb: KnowledgeBase): void;
  /** The indexed articles' paths, sorted (code units, as Array.sort). */
  documents(): string[];
  /** A digest of what the article was indexed from (its text, analysis and sidecar); undefined when it is not indexed. */
  digestOf(path: string): string | undefined;
  /** The mention under an offset (a confirmed tag first), for a hover. */
  mentionAt(path: string, offset: number): MentionRef | undefined;
  /** An entity by knowledge-base id, else by name or alias (normalized); undefined if the corpus never mentions it and the knowledge base lacks it. */
  entityLookup(nameOrId: string, options?: { excludePath?: string; limit?: number }): EntityInfo | undefined;
  /** Every mention of an entity, by article then position ("Find all mentions"). */
  allMentions(nameOrId: string): MentionRef[];
  /**
   * For each entity (knowledge-base id, else name or alias), how often each of the articles `paths` mentions it and where
   * first, in the order the articles were indexed: what allMentions would count, without reading each mention's line.
   */
  mentionColumns(namesOrIds: readonly string[], paths: readonly string[]): MentionColumns[];
  /**
   * One line per entity (or unlinked name) in the corpus, most mentioned first, for the Entities view; with `paths`,
   * those the articles mention, most mentioned in them first (the counts in each line stay the corpus's); at most `limit`.
   */
  entities(options?: { paths?: readonly string[]; limit?: number }): EntitySummary[];
  /**
   * The claim at [start, end) (or, if none is indexed there, the text itself) against the claims of the other articles; the
   * claims that may contradict it and tell one claim between them are listed once (see ClaimContradiction).
   */
  claimLookup(path: string, start: number, end: number, options?: { limit?: number }): ClaimLookup | undefined;
  claimsOf(path: string): ClaimRef[];
  /** How many claims of the article are indexed: what claimsOf would list, without making them. */
  claimCount(path: string): number;
  /**
   * The article's claims about a known date (see ClaimRef.date), in text order: what the timeline needs, without making
   * the others (the overview asks for every article's, a million claims at 100,000 articles).
   */
  datedClaims(path: string): DatedClaim[];
  /** Claims told in two or more articles, each group with its members; the biggest first. Computed on demand, cached until the next change. */
  claimGroups(): ClaimGroup[];
  /** The claim groups if they are computed (or restored) since the last change, without computing them. */
  computedClaimGroups(): ClaimGroup[] | undefined;
  /**
   * Computes the claim groups in small steps (one claim's candidates read, one match joined, one group built), for a
   * caller that must not be held up for the whole (a model reads each claim's candidates: minutes for a corpus of
   * 10,000 articles): each step says how far it got. Returns
   * the groups, then kept as claimGroups() would keep them; or undefined once the index changed meanwhile, which
   * leaves the groups to be computed again. Nothing is computed before the first step.
   */
  claimGroupSteps(): Generator<GroupingProgress, ClaimGroup[] | undefined>;
  /**
   * The claim groups in the form the corpus cache keeps them, with a digest of all they were computed from
   * (each article's text, analysis and sidecar, the knowledge base); undefined until they are computed after a change.
   */
  keptClaimGroups(): KeptClaimGroups | undefined;
  /**
   * Gives back groups kept by an earlier session, which saves their computing (a model reads each claim's
   * candidates): taken only when computed from exactly what is indexed now, else false (they are computed when asked).
   */
  restoreClaimGroups(kept: KeptClaimGroups): boolean;
  tagsByName(): Map<string, TagRef[]>;
  /** The sidecar tags of one article, as last indexed. */
  tagsOf(path: string): readonly Tag[];
  orphanedTags(): TagRef[];
  /**
   * What the detector should find everywhere: the knowledge base plus names confirmed in any article, less rejected ones
   * (kept until one of those changes: do not modify the list).
   */
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

/**
 * Which articles mention an entity, how often and where first: three columns of one length, an article a row. Columns
 * of integers rather than an object per article: the overview counts 150 entities over 100,000 articles, 7 million pairs.
 */
export interface MentionColumns {
  /** Each article's place in the list of paths asked about. */
  articles: Int32Array;
  counts: Int32Array;
  /** UTF-16 offset of the article's first mention of the entity. */
  firstOffsets: Int32Array;
}

export interface EntitySummary {
  entityId: string | null;
  name: string;
  type: EntityType;
  mentionCount: number;
  articleCount: number;
}

export interface ClaimRef extends ClaimPlace {
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

/** A claim on the timeline: where it is, what it says, and the date it is about. */
export interface DatedClaim {
  start: number;
  end: number;
  text: string;
  date: string;
}

export interface MatchExplanation {
  sharedEntities: string[];
  sharedWords: string[];
  sharedNumbers: string[];
  /** Numbers of the same kind that differ: "eight months" here, "six months" there. */
  conflictingNumbers: { here: string[]; there: string[] };
  /** When one side negates a shared word the other asserts: the negating words of each side and the words concerned. */
  polarity: { here: string[]; there: string[]; words: string[] } | null;
  /**
   * When clauses of both assert one predicate with opposite signs about the same thing ("was compromised" / "not … impacted"):
   * the predicates as written and what they share.
   */
  opposed: { here: string; there: string; about: string[] } | null;
  /** The parts of the score: word (TF-IDF cosine), entity and number overlap, each 0..1. */
  similarity: { words: number; entities: number; numbers: number };
  summary: string;
}

export interface ClaimMatch extends ClaimRef {
  score: number;
  explanation: MatchExplanation;
}

/** Where a claim is told: its article and offsets. */
export interface ClaimPlace {
  path: string;
  start: number;
  end: number;
}

/**
 * A claim of another article that may contradict the looked-up one, standing for all those found contradicting it
 * that tell the same claim: one statement told by four outlets is one contradiction, not four.
 */
export interface ClaimContradiction extends ClaimMatch {
  /** The other articles (by path, each once) that tell this same contradicting claim; empty when only this one does. */
  alsoIn: ClaimPlace[];
}

export interface ClaimLookup {
  claim: ClaimRef;
  /** The same thing told in other articles. */
  matches: ClaimMatch[];
  /** Claims about the same subject that may say otherwise, once per claim they tell (see ClaimContradiction). */
  contradictions: ClaimContradiction[];
}

/** How an article tells a claim of a group: as its own, with a hedge ("reportedly", "believed"), or the opposite. */
export type Stance = 'asserts' | 'hedged' | 'denies';

export interface GroupedClaim extends ClaimRef {
  stance: Stance;
  /** For a claim denying the group's: what differs, in words. */
  differs: string | null;
}

/** How far a computing of the claim groups got, as a share of the whole (0 to 1). */
export interface GroupingProgress {
  share: number;
}

export interface ClaimGroup {
  /** The member most likely to be worth checking, to name the group. */
  label: string;
  /** The members, and claims of other articles contradicting one of them, each with how it tells the claim (and for those, what differs). */
  claims: GroupedClaim[];
  /** Articles telling the claim (asserting it, with a hedge or not). */
  articleCount: number;
  /** The articles of its claims (those telling it and those denying it), each once: read without making the claims' records. */
  paths: string[];
}

/** Claim groups as kept between sessions: members by article and offsets (their text and fields are read again from the index). */
export interface KeptClaimGroups {
  /** Digest of everything the groups depend on (see CorpusIndex.keptClaimGroups). */
  digest: string;
  paths: string[];
  groups: {
    label: string;
    articleCount: number;
    /** Index in `paths`, start, end, stance, what differs (denials only). */
    claims: [number, number, number, Stance, string | null][];
  }[];
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

/**
 * What the corpus index reads from an article's text and analysis before it can index it, worked out once
 * (in an analysis worker, with the analysis) and kept in the corpus cache beside the analysis: the features
 * of each claim the detector found (its words' stems, numbers, negations, assertions) and a digest of the text
 * and the analysis. A reopened workspace then indexes an unchanged article without reading its claims again,
 * which was most of the time a reopen took.
 */
export interface ArticleFeatures {
  /** Of the text and the analysis's spans (see analysisDigest in articleFeatures.ts); the sidecar's part is added when the article is indexed. */
  digest: string;
  /** Per claim of the analysis, in its order: the features of its text with its source's name blanked (as the index reads it). */
  claims: readonly (ClaimFeatures | KeptClaimFeatures)[];
}

/**
 * A claim's features as read back from the corpus cache: its words left as stored, read by the index straight into its
 * own term ids (see vectorOf). A reopen of 10,000 articles reads 200,000 claims' features: a map of stems and a set of
 * negated ones made for each, only to be read once, were a good part of its time.
 */
export interface KeptClaimFeatures extends Pick<ClaimFeatures, 'numbers' | 'negations' | 'assertions'> {
  /** Its stems with their counts, as one text: "stem stem*2 …" (a count after "*" when above one; stems hold no space and no "*"). */
  storedTerms: string;
  /** Its negated stems, as one text (space between them). */
  storedNegated: string;
}
