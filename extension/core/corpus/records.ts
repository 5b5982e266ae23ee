import type { Analysis, EntityMention, EntityType } from '../detect/types';
import type { Sidecar, Tag } from '../sidecar/types';
import type { NumberFact } from './features';
import type { ClaimRef, MentionRef } from './types';

/* The corpus index's own records of articles, mentions and claims, shared by its parts (mentions.ts, claimSearch.ts). */

export interface Mention {
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

export interface Claim {
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
  /**
   * Each term packed with its count and whether it is negated (see packTerm): one small array of small integers per
   * claim. A plain array, not an Int32Array: a typed array is three objects (with its buffer and the buffer's memory
   * outside the heap), which a reopen of 10,000 articles made 200,000 times over for the collector to track.
   */
  terms: number[];
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
export interface ClaimAssertion {
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
export interface Opposition {
  here: ClaimAssertion;
  there: ClaimAssertion;
  sharedSubjects: string[];
  sharedTerms: number[];
}

export interface Doc {
  path: string;
  /** Its number in the order the index took articles in, never given twice: tables by article are arrays indexed by it. */
  serial: number;
  text: string;
  analysis: Analysis;
  sidecar: Sidecar | null;
  /** Sorted by start. */
  mentions: Mention[];
  /**
   * The subjects it mentions, each once, in the order of their first mention; in the same order, where this article is
   * in each one's `docs` (`slots`). Arrays rather than maps by subject: a reopen makes them for every article, and two
   * maps with a list per subject cost an article 9 KB; a subject's mentions themselves are found by reading `mentions`.
   */
  subjects: Subject[];
  slots: number[];
  claims: Claim[];
  /** Its confirmed Date tags by position, and the analysis's Date mentions in order: picked out when a claim's date is first asked for (see claimDate). */
  dates: { tagged: Tag[]; detected: EntityMention[] } | undefined;
  /** Its claims about a known date (see claimDate), in text order. */
  datedClaims: Claim[];
  /** Normalized names of this article's rejected entity tags. */
  rejectedNames: Set<string>;
  /** Quotes of this article's confirmed entity tags, with their type and entity. */
  confirmed: Map<string, { type: EntityType; entityId: string | null }>;
}

export interface Subject {
  /** Its key among the index's subjects: "e:ID" for a knowledge-base entity, "n:normalized name" otherwise. */
  key: string;
  /**
   * The articles mentioning it, in the order they were indexed; a removed one leaves a hole (undefined) until half are
   * holes. An array rather than a map: a reopen adds every article to the tables of its few dozen subjects, and appending
   * to an array costs a fraction of inserting into a large map.
   */
  docs: (Doc | undefined)[];
  /**
   * Beside each of `docs`: the article's serial (-1 for a hole), how often it mentions the subject, and the UTF-16 offset
   * of its first mention. Kept here rather than in each article: counting an entity's mentions per article then reads
   * these arrays in order instead of visiting each article's object (the overview counts 150 entities over 100,000
   * articles, and a visit to an article's object missed the processor's caches at nearly every one).
   */
  serials: number[];
  counts: number[];
  firsts: number[];
  /** The serial of the article indexed last among `docs`: whether a mention is its article's first of the subject is read here, not at the end of `docs`. */
  lastSerial: number;
  /** Holes in `docs`. */
  removed: number;
  mentions: number;
  typeCounts: number[];
  display: string;
}

export interface Scored {
  claim: Claim;
  score: number;
  words: number;
  entities: number;
  numbers: number;
  sharedTerms: number[];
  sharedSubjects: string[];
  /** Term ids of the countries both claims name, however each names them ("Beijing", "China-linked"). */
  sharedPlaces: number[];
  sharedNumbers: string[];
  conflicts: { here: string[]; there: string[] };
  /** Shared terms negated on one side only, common ones left out. */
  polarityTerms: number[];
  /** Whether common shared words are negated on one side only: then the claims may not tell the same thing either. */
  polarityUnsure: boolean;
  opposition: Opposition | null;
  /**
   * One claim denies something and both name one country ("Beijing has denied …" / "China-linked hackers …"): an
   * attribution the other states may be what is denied.
   */
  deniedAttribution: boolean;
}

export type ClaimFields = Pick<Claim, 'origin' | 'tagId' | 'source' | 'cue' | 'hedges' | 'verdict' | 'checkWorthiness'>;

/** Tags still anchored in the text: orphaned ones have no place to index. */
export function liveTags(sidecar: Sidecar | null): Tag[] {
  return sidecar?.tags.filter((t) => t.anchoring !== 'orphaned') ?? [];
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The array with no room to spare. An array grown by push has room for half as many again and 16 more, 8 bytes a
 * slot: for the few dozen mentions and subjects of each article, and each claim's terms and numbers, kept as long as
 * the article is indexed, that room was tens of megabytes of a reopened 10,000-article corpus's heap.
 */
export function exactly<T>(array: T[]): T[] {
  return array.slice();
}
