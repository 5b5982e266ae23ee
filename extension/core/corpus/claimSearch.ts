import { calendarDate } from '../detect/temporal';
import type { EntityMention } from '../detect/types';
import type { Tag } from '../sidecar/types';
import { claimFeatures, isNegative, type ClaimFeatures } from './features';
import { explainMatch } from './claimExplanation';
import { groupClaims, groupClaimSteps } from './claimGroups';
import { oncePerClaim } from './oncePerClaim';
import { claimText, COUNT_WEIGHT, countOf, grow, isNegatedTerm, kthLargest, overlapsMostly, termOf, vectorOf } from './claimTerms';
import { assertionBit, assertionOf, compareNumbers, opposite, opposition } from './contradiction';
import { createClaimJudge } from './claimRelation';
import { placesIn } from './compare/sentence';
import { assertionSubjects, eventSubjects, subjectsIn } from './mentions';
import { liveTags, type Claim, type ClaimAssertion, type ClaimFields, type Doc, type Scored } from './records';
import type {
  ArticleFeatures,
  ClaimGroup,
  ClaimLookup,
  ClaimMatch,
  ClaimRef,
  CorpusIndex,
  DatedClaim,
  GroupedClaim,
  KeptClaimGroups,
} from './types';

/** Query terms found in more than this share of all claims only weigh in scoring, not in finding candidates. */
const COMMON_TERM_SHARE = 0.01;
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

const STANCES: readonly unknown[] = ['asserts', 'hedged', 'denies'] satisfies GroupedClaim['stance'][];

/** Shared by every claim without hedges (most): a reopen of 10,000 articles indexes 200,000 claims. Nothing changes them. */
const NO_HEDGES: string[] = [];
/** Shared empty lists for the many articles without a dated claim, a Date tag or a Date mention. */
const NO_CLAIMS: Claim[] = [];
const NO_DATE_TAGS: Tag[] = [];
const NO_DATE_MENTIONS: EntityMention[] = [];

/** What a looked-up selection that is no indexed claim has for attribution: nothing. */
const AD_HOC: ClaimFields = { origin: 'detector', tagId: null, source: null, cue: null, hedges: [], verdict: null, checkWorthiness: 0 };

/** The part of the corpus index that finds the same claim (or its opposite) in other articles. */
export type ClaimIndex = Pick<
  CorpusIndex,
  'claimLookup' | 'claimsOf' | 'datedClaims' | 'claimGroups' | 'computedClaimGroups' | 'claimGroupSteps'
> & {
  /** The groups computed since the last change, as kept between sessions (`digest`: of what they were computed from). */
  keptGroups(digest: string): KeptClaimGroups | undefined;
  /** Takes kept groups as the current ones (the caller checked their digest); false when a member is no indexed claim. */
  restoreGroups(kept: KeptClaimGroups): boolean;
  /**
   * Indexes the article's claims: its confirmed claim tags, and the detector's claims no tag covers (`features`: those
   * claims' features by their order in the analysis, when worked out before).
   */
  addClaims(doc: Doc, features?: ArticleFeatures['claims']): void;
  removeClaims(doc: Doc): void;
  /** Every change to the index may change the answers remembered: call it on each. */
  forgetAnswers(): void;
  stats(): { claims: number; terms: number };
};

/**
 * An inverted index of the claims' word stems, with a claim table by serial and flat scratch arrays,
 * so a lookup reads a bounded number of postings and scores a few candidates exactly. `docs`: the
 * index's articles, owned by the caller and read here; `subjectName` names an entity for explanations.
 */
export function createClaimIndex(docs: ReadonlyMap<string, Doc>, subjectName: (subject: string) => string): ClaimIndex {
  const judge = createClaimJudge();
  const termIds = new Map<string, number>();
  const termStems: string[] = [];
  /** Whether each term, by id, is a country's (placeTerm). */
  const isPlace: number[] = [];
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
  /** Whether each claim, by serial, says any of its words negated: one that does not cannot oppose a query that does not either. */
  let negatesBySerial = new Uint8Array(1024);
  let groupsCache: ClaimGroup[] | undefined;
  /** The kept groups taken by restoreGroups, while they are the current ones: keptGroups gives them back as they came. */
  let restored: KeptClaimGroups | undefined;
  /** Counts the changes to the index (and groups restored): a computing of the groups begun before one is of no use. */
  let groupsGeneration = 0;
  /** Claim lookups already answered, by claim: any change to the index may change them, so every change empties it. */
  const lookups = new Map<Claim, { limit: number; result: ClaimLookup }>();
  const forgetAnswers = (): void => {
    groupsCache = undefined;
    restored = undefined;
    groupsGeneration++;
    lookups.clear();
  };

  const termId = (stem: string): number => {
    let id = termIds.get(stem);
    if (id === undefined) {
      id = df.length;
      termIds.set(stem, id);
      termStems.push(stem);
      isPlace.push(stem.startsWith('@') ? 1 : 0);
      df.push(0);
      postings.push([]);
      deadInPosting.push(0);
    }
    return id;
  };

  /** A claim's record; every claim is made here, so all share one shape (property reads stay fast when scoring). */
  const makeClaim = (
    doc: Doc,
    start: number,
    end: number,
    fields: ClaimFields,
    features: ArticleFeatures['claims'][number],
    idOf: (stem: string) => number | undefined,
    serial: number,
  ): Claim => {
    // A claim naming a country by its capital or a demonym ("Beijing has denied …") is found from one naming it otherwise ("China-linked hackers").
    const vector = vectorOf(features, idOf, placesIn(doc.text.slice(start, end)));
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

  /** `sourceSpan`: who the claim is attributed to, read as claimText says. */
  const addClaim = (
    doc: Doc,
    start: number,
    end: number,
    fields: ClaimFields,
    sourceSpan: { start: number; end: number } | null | undefined,
    features: ArticleFeatures['claims'][number] = claimFeatures(claimText(doc.text, start, end, sourceSpan, doc.analysis.entities)),
  ): void => {
    const claim = makeClaim(doc, start, end, fields, features, termId, bySerial.length);
    bySerial.push(claim);
    if (claimNorm.length < bySerial.length) {
      claimNorm = grow(claimNorm);
      const bits = new Int32Array(claimNorm.length);
      bits.set(bitsBySerial);
      bitsBySerial = bits;
      const negates = new Uint8Array(claimNorm.length);
      negates.set(negatesBySerial);
      negatesBySerial = negates;
    }
    bitsBySerial[claim.serial] = claim.assertionBits;
    negatesBySerial[claim.serial] = claim.terms.some(isNegatedTerm) ? 1 : 0;
    let sum = 0;
    for (const x of claim.terms) {
      const id = termOf(x);
      df[id]++;
      postings[id].push(claim.serial);
      if (isPlace[id] === 0) sum += (COUNT_WEIGHT[countOf(x)] * plainIdf(id)) ** 2;
    }
    doc.claims.push(claim);
    liveClaims++;
    claimNorm[claim.serial] = Math.sqrt(sum) || 1;
  };

  const addClaims = (doc: Doc, features?: ArticleFeatures['claims']): void => {
    const tags = liveTags(doc.sidecar).filter((t) => t.kind === 'claim');
    for (const tag of tags) {
      if (tag.status !== 'confirmed') continue;
      addClaim(
        doc,
        tag.target.start,
        tag.target.end,
        {
          origin: 'tag',
          tagId: tag.id,
          source: tag.claim?.source?.text ?? null,
          cue: tag.claim?.cue?.text ?? null,
          hedges: tag.claim?.hedges.map((h) => h.text) ?? [],
          verdict: tag.verdict,
          checkWorthiness: 1,
        },
        tag.claim?.source,
      );
    }
    for (const [i, c] of doc.analysis.claims.entries()) {
      if (tags.some((t) => overlapsMostly(t.target.start, t.target.end, c.start, c.end))) continue;
      addClaim(
        doc,
        c.start,
        c.end,
        {
          origin: 'detector',
          tagId: null,
          source: c.source?.text ?? null,
          cue: c.cue?.text ?? null,
          hedges: c.hedges.length ? c.hedges.map((h) => h.text) : NO_HEDGES,
          verdict: null,
          checkWorthiness: c.score,
        },
        c.source,
        features?.[i],
      );
    }
    // Found now, while the article's records are fresh in the processor's caches: the overview's timeline asks every
    // article, and reading each claim and Date mention again then took a fifth of its time at 100,000 articles.
    const dated = doc.claims.filter((c) => claimDate(c.doc, c.start, c.end) !== null);
    doc.datedClaims = dated.length ? dated.sort((a, b) => a.start - b.start) : NO_CLAIMS;
  };

  const removeClaims = (doc: Doc): void => {
    for (const claim of doc.claims) {
      claim.alive = false;
      bySerial[claim.serial] = undefined;
      bitsBySerial[claim.serial] = 0;
      negatesBySerial[claim.serial] = 0;
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
    doc.datedClaims = NO_CLAIMS;
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
      if (isPlace[id] === 0) querySum += w * w;
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
      // A country finds candidates but weighs nothing in similarity: most claims of one story name it.
      const wi = isPlace[id] === 1 ? 0 : queryWeight[id] * idf(id);
      for (const k of postings[id]) {
        // A document's claims have consecutive serials, so excluding it is a range test.
        if ((k >= excludeFrom && k <= excludeTo) || bySerial[k] === undefined) continue;
        if (sharedCount[k] === 0 && partialScore[k] === 0) touched.push(k);
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
    const queryNegates = query.terms.some(isNegatedTerm);
    const opposes = (k: number): boolean => {
      // Told without reading the claim's record when neither side negates a word.
      if (!queryNegates && negatesBySerial[k] === 0) return false;
      const c = bySerial[k] as Claim;
      if (query.negations.length && c.negations.length) return false;
      for (const x of c.terms) {
        const id = termOf(x);
        if (queryWeight[id] !== 0 && queryNegated[id] !== (isNegatedTerm(x) ? 1 : 0)) return true;
      }
      return false;
    };
    // Predicates of opposite signs about different things are two events, unless one side denies: a denial reaches over
    // all it denies, so shared words it negates may still oppose the other ("denied … hackers" / "hackers intercepted").
    const queryDenies = denies(query);
    const mayOppose = (k: number): boolean => {
      if ((bitsBySerial[k] & oppositeBits) === 0) return sharedCount[k] >= 2 && opposes(k);
      const c = bySerial[k] as Claim;
      if (opposition(query.assertions as ClaimAssertion[], c.assertions as ClaimAssertion[], isCommon)) return true;
      return (queryDenies || denies(c)) && sharedCount[k] >= 2 && opposes(k);
    };
    for (const k of touched) {
      if (partialScore[k] >= cut && candidates.length < CANDIDATES) candidates.push(bySerial[k] as Claim);
      else if (mayOppose(k)) opposed.push(k);
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
    const sharedPlaces: number[] = [];
    const terms = claim.terms;
    for (let i = 0; i < terms.length; i++) {
      const x = terms[i];
      const id = termOf(x);
      const wq = queryWeight[id];
      if (isPlace[id] === 1) {
        if (wq !== 0) sharedPlaces.push(id);
        continue;
      }
      const w = COUNT_WEIGHT[countOf(x)] * idf(id);
      sum += w * w;
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
      sharedPlaces,
      deniedAttribution: sharedPlaces.length > 0 && denies(query) !== denies(claim),
      opposition:
        query.assertions && claim.assertions && (query.assertionBits & opposite(claim.assertionBits)) !== 0
          ? opposition(query.assertions, claim.assertions, isCommon)
          : null,
    };
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

  /** A selection that is no indexed claim, read as one (words the corpus lacks are left out: they match nothing). */
  const adHocClaim = (doc: Doc, start: number, end: number, features: ClaimFeatures): Claim => {
    const claim = makeClaim(doc, start, end, AD_HOC, features, (stem) => termIds.get(stem), -1);
    claim.subjects = subjectsIn(doc, start, end);
    for (const a of claim.assertions ?? []) {
      a.subjects = assertionSubjects(doc, a);
      if (a.subjects.length === 0) a.subjects = eventSubjects(doc, claim, a);
    }
    return claim;
  };

  /**
   * The claim's own words for its stems, as claimFeatures reads its text: taken from the model's reading of it
   * (just made to judge the candidates) when cleaning left its text as it was, so a hover reads the claim once.
   */
  const surfacesOf = (claim: Claim): Map<string, string> => {
    const text = claim.doc.text.slice(claim.start, claim.end);
    const read = judge.sentenceOf(claim);
    return read.text === text ? read.surfaces : claimFeatures(text).surfaces;
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

  /**
   * A kept group with its members found (`members`, in the kept order), whose members' records are made when first read:
   * a reopened workspace of 10,000 articles keeps about 240,000 grouped claims, whose records cost two seconds and a
   * peak 200 MB higher before the first hover was answered, and the overview reads only the biggest groups' members.
   */
  const restoredGroup = (kept: KeptClaimGroups['groups'][number], members: Claim[]): ClaimGroup => {
    let claims: GroupedClaim[] | undefined;
    return {
      label: kept.label,
      articleCount: kept.articleCount,
      paths: [...new Set(members.map((claim) => claim.doc.path))],
      get claims() {
        claims ??= members.map((claim, i) => ({ ...claimRef(claim), stance: kept.claims[i][3], differs: kept.claims[i][4] }));
        return claims;
      },
    };
  };

  return {
    addClaims,
    removeClaims,
    forgetAnswers,

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
      const opposed: { match: ClaimMatch; claim: Claim }[] = [];
      let surfaces: Map<string, string> | undefined;
      for (const { candidate: s, judged } of judge.judgeAll(claim, similarClaims(claim, doc))) {
        surfaces ??= adHoc?.surfaces ?? surfacesOf(claim);
        const match: ClaimMatch = Object.assign(claimRef(s.claim), {
          score: judged.pair.score,
          explanation: explainMatch(s, claim, surfaces, termStems, subjectName, judged.pair),
        });
        if (judged.kind === 'contradiction') opposed.push({ match, claim: s.claim });
        else matches.push(match);
      }
      // Most likely first: the model's probability of what it says, not the index's similarity.
      matches.sort((a, b) => b.score - a.score);
      matches.length = Math.min(matches.length, limit);
      opposed.sort((a, b) => b.match.score - a.match.score);
      // Told the same by several articles, a contradiction is listed once, with where else it is told: the model
      // judges "the same claim" as it does when it groups claims (the few found here, without the corpus's groups,
      // which take seconds to compute).
      const contradictions = oncePerClaim(
        opposed.map((o) => o.match),
        (i, j) => judge.sameClaim(opposed[i].claim, opposed[j].claim),
      );
      contradictions.length = Math.min(contradictions.length, limit);
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

    datedClaims(path) {
      return (docs.get(path)?.datedClaims ?? NO_CLAIMS).map((c): DatedClaim => ({
        start: c.start,
        end: c.end,
        text: c.doc.text.slice(c.start, c.end),
        date: claimDate(c.doc, c.start, c.end)!,
      }));
    },

    claimGroups() {
      groupsCache ??= groupClaims(docs, similarClaims, judge, claimRef);
      return groupsCache;
    },

    computedClaimGroups: () => groupsCache,

    *claimGroupSteps() {
      if (groupsCache) return groupsCache;
      const generation = groupsGeneration;
      const steps = groupClaimSteps(docs, similarClaims, judge, claimRef);
      // Checked before each step too: a step on an article removed meanwhile would read claims no longer indexed.
      while (generation === groupsGeneration) {
        const step = steps.next();
        if (generation !== groupsGeneration) return undefined;
        if (step.done) return (groupsCache = step.value);
        yield step.value;
      }
      return undefined;
    },

    keptGroups(digest) {
      // As they came: made again from the groups, their members' records would all be made (see restoredGroup).
      if (restored) return { ...restored, digest };
      if (!groupsCache) return undefined;
      const paths: string[] = [];
      const pathIndex = new Map<string, number>();
      const at = (path: string): number => {
        let i = pathIndex.get(path);
        if (i === undefined) pathIndex.set(path, (i = paths.push(path) - 1));
        return i;
      };
      return {
        digest,
        paths,
        groups: groupsCache.map((g) => ({
          label: g.label,
          articleCount: g.articleCount,
          claims: g.claims.map((c): [number, number, number, GroupedClaim['stance'], string | null] => [
            at(c.path),
            c.start,
            c.end,
            c.stance,
            c.differs,
          ]),
        })),
      };
    },

    restoreGroups(kept) {
      // Each article looked up once, not once per member: a reopened corpus of 10,000 articles keeps about 240,000.
      const claimsByPath = kept.paths.map((path) => (typeof path === 'string' ? docs.get(path)?.claims : undefined));
      // The last of an article's claims at those offsets (an article has a few dozen: a scan, no key made per member).
      const claimAt = (p: unknown, start: unknown, end: unknown): Claim | undefined => {
        const claims = typeof p === 'number' ? (claimsByPath[p] ?? []) : [];
        for (let i = claims.length - 1; i >= 0; i--) if (claims[i].start === start && claims[i].end === end) return claims[i];
        return undefined;
      };
      const groups: ClaimGroup[] = [];
      for (const g of kept.groups) {
        // Read back from a file: anything not of the kept shape is refused (the groups are then computed again).
        if (!Array.isArray(g?.claims) || typeof g.label !== 'string' || typeof g.articleCount !== 'number') return false;
        const members: Claim[] = [];
        for (const entry of g.claims) {
          if (!Array.isArray(entry)) return false;
          const [p, start, end, stance, differs] = entry;
          const claim = claimAt(p, start, end);
          if (!claim || !STANCES.includes(stance) || (differs !== null && typeof differs !== 'string')) return false;
          members.push(claim);
        }
        groups.push(restoredGroup(g, members));
      }
      groupsCache = groups;
      restored = kept;
      groupsGeneration++;
      return true;
    },

    stats: () => ({ claims: liveClaims, terms: termIds.size }),
  };
}

/** Whether a claim denies something ("denied", "refutes"): its attribution to someone may be what another claim states. */
function denies(claim: Claim): boolean {
  for (const word of claim.negations) if (DENIAL_WORD.test(word)) return true;
  return false;
}

const DENIAL_WORD = /^(?:den|refut)/;

/** An article's confirmed Date tags by position and its detected Date mentions; the many empty lists shared. */
function datesOf(doc: Doc): NonNullable<Doc['dates']> {
  const tagged = liveTags(doc.sidecar).filter((t) => t.kind === 'entity' && t.label === 'Date' && t.status === 'confirmed');
  const detected = doc.analysis.entities.filter((m) => m.type === 'Date');
  return {
    tagged: tagged.length ? tagged.sort((a, b) => a.target.start - b.target.start) : NO_DATE_TAGS,
    detected: detected.length ? detected : NO_DATE_MENTIONS,
  };
}

/** The first calendar date inside [start, end): a confirmed Date tag's value first, else a detected Date's. */
function claimDate(doc: Doc, start: number, end: number): string | null {
  const inside = (s: number, e: number): boolean => start <= s && e <= end;
  // Picked out once per article: the index asks for every claim's date, and a tagged article can have thousands of tags.
  const dates = (doc.dates ??= datesOf(doc));
  for (const t of dates.tagged) {
    if (!inside(t.target.start, t.target.end)) continue;
    const date = calendarDate(t.value);
    if (date) return date;
  }
  for (const e of dates.detected) {
    if (!inside(e.start, e.end)) continue;
    const date = calendarDate(e.date);
    if (date) return date;
  }
  return null;
}
