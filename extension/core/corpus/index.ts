import type { Analysis, EntityType } from '../detect/types';
import { createClaimIndex } from './claimSearch';
import { createMentionIndex } from './mentions';
import { normalizeName } from './normalize';
import { compare, liveTags, type Doc } from './records';
import { quickDigest } from '../text/hash';
import { analysisDigest } from './articleFeatures';
import type { CorpusIndex, CorpusIndexOptions, TagRef } from './types';

export type {
  ClaimContradiction,
  ClaimGroup,
  ClaimLookup,
  ClaimMatch,
  ClaimPlace,
  ClaimRef,
  CorpusIndex,
  DatedClaim,
  CorpusIndexOptions,
  EntityInfo,
  EntitySummary,
  GroupedClaim,
  IndexStats,
  KeptClaimGroups,
  Stance,
  MatchExplanation,
  MentionColumns,
  MentionRef,
  Suggestion,
  TagRef,
} from './types';

/**
 * The corpus index (see CorpusIndex), made of two parts over one table of articles: who is mentioned
 * where with the knowledge base and rejections (mentions.ts), and which claims tell the same thing or
 * the opposite (claimSearch.ts, with contradiction.ts and claimGroups.ts). Here each article is added
 * to or removed from both, in the order they depend on: claims first, then the mentions that give
 * claims their subjects.
 */
export function createCorpusIndex(options: CorpusIndexOptions = {}): CorpusIndex {
  const docs = new Map<string, Doc>();
  let nextSerial = 0;
  /** The paths sorted, until an article comes or goes: sorting 100,000 paths at each overview took 56 ms. */
  let sortedPaths: string[] | undefined;
  const mentions = createMentionIndex(docs, options.kb, (options.rejectionScope ?? 'workspace') === 'workspace');
  const claims = createClaimIndex(docs, mentions.subjectName);
  /** Per article, a digest of what it was indexed from; with the knowledge base's, what claim groups are computed from. */
  const digests = new Map<string, string>();
  let kbDigest = quickDigest(JSON.stringify(options.kb ?? null));
  const corpusDigest = (): string => {
    const parts = [options.rejectionScope ?? 'workspace', kbDigest];
    for (const path of [...digests.keys()].sort(compare)) parts.push(path, digests.get(path) as string);
    return quickDigest(parts.join('\n'));
  };

  const removeDoc = (doc: Doc): void => {
    mentions.removeMentions(doc);
    claims.removeClaims(doc);
    mentions.countConfirmed(doc, -1);
    docs.delete(doc.path);
    digests.delete(doc.path);
    sortedPaths = undefined;
  };

  return {
    updateDocument(path, text, analysis, sidecar, features) {
      const old = docs.get(path);
      const digest = `${features?.digest ?? analysisDigest(text, analysis)}:${sidecar ? quickDigest(JSON.stringify(sidecar)) : '-'}`;
      // The same article indexed again (an open one analysed again to the same result, say): the answers stand, and the
      // claim groups need not be computed again.
      if (old && old.text === text && digests.get(path) === digest && sameAnalysis(old.analysis, analysis)) {
        old.sidecar = sidecar;
        return;
      }
      claims.forgetAnswers();
      const oldRejected = old?.rejectedNames ?? new Set<string>();
      if (old) removeDoc(old);
      const tags = liveTags(sidecar).filter((t) => t.kind === 'entity');
      const doc: Doc = {
        path,
        serial: nextSerial++,
        text,
        analysis,
        sidecar,
        mentions: [],
        subjects: [],
        slots: [],
        claims: [],
        dates: undefined,
        datedClaims: [],
        rejectedNames: new Set(
          tags
            .filter((t) => t.status === 'rejected')
            .map((t) => normalizeName(t.target.quote))
            .filter(Boolean),
        ),
        confirmed: new Map(
          tags.filter((t) => t.status === 'confirmed').map((t) => [t.target.quote, { type: t.label as EntityType, entityId: t.entityId }]),
        ),
      };
      docs.set(path, doc);
      sortedPaths = undefined;
      digests.set(path, digest);
      mentions.countConfirmed(doc, 1);
      claims.addClaims(doc, features?.claims);
      if (mentions.recountRejections(oldRejected, doc.rejectedNames)) mentions.relinkAll();
      else mentions.addMentions(doc);
    },

    removeDocument(path) {
      const doc = docs.get(path);
      if (!doc) return;
      claims.forgetAnswers();
      removeDoc(doc);
      if (mentions.recountRejections(doc.rejectedNames, new Set())) mentions.relinkAll();
    },

    setKnowledgeBase(next) {
      claims.forgetAnswers();
      kbDigest = quickDigest(JSON.stringify(next));
      mentions.loadKnowledgeBase(next);
      mentions.relinkAll();
    },

    documents: () => (sortedPaths ??= [...docs.keys()].sort()).slice(),
    digestOf: (path) => digests.get(path),

    mentionAt: mentions.mentionAt,
    entityLookup: mentions.entityLookup,
    allMentions: mentions.allMentions,
    mentionColumns: mentions.mentionColumns,
    entities: mentions.entities,
    claimLookup: claims.claimLookup,
    claimsOf: claims.claimsOf,
    claimCount: (path) => docs.get(path)?.claims.length ?? 0,
    datedClaims: claims.datedClaims,
    claimGroups: claims.claimGroups,
    computedClaimGroups: claims.computedClaimGroups,
    claimGroupSteps: claims.claimGroupSteps,
    keptClaimGroups: () => claims.keptGroups(corpusDigest()),
    restoreClaimGroups: (kept) => kept.digest === corpusDigest() && claims.restoreGroups(kept),

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

    knownEntities: mentions.knownEntities,
    rejectedNames: mentions.rejectedNames,

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

    isRejected: mentions.isRejected,
    suggestionsFor: mentions.suggestionsFor,

    stats: () => ({ documents: docs.size, ...mentions.stats(), ...claims.stats() }),
  };
}

/** Whether two analyses say the same in every field, not only in the spans the digest covers (a date's value, say). */
function sameAnalysis(a: Analysis, b: Analysis): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
