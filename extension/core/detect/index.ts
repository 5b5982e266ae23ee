import { splitSentences, type Sentence } from '../text/sentences';
import { proseView } from '../text/structure';
import { DEFAULT_CUES, findClaims, type CueLexicon } from './claims';
import { Casing, commonWords, documentFacts, FEATURES_PER_TOKEN, sentenceCasing, sentenceFeatures, type CommonWords } from './features';
import { findPatterns } from './rules';
import { allowedTransitions, decodeModel, emissionScores, finalAllowed, pathSpans, viterbi, type TaggerModel } from './tagger';
import { tokenize, type Token } from './tokens';
import type { Analysis, AnalyzeOptions, Detector, EntityMention, EntityType, KnownEntity } from './types';

/** CoNLL-2003 types as the detector's. */
const TYPE_OF: Record<string, EntityType> = { PER: 'Person', ORG: 'Organization', LOC: 'Location', MISC: 'Other' };
/** Titles that precede a name but are not part of it ("Dr. Jane Thompson" → "Jane Thompson"). */
const TITLE = /^(?:Dr|Mr|Mrs|Ms|Mx|Prof|Sir|Dame|Lord|Lady|Sen|Rep|Gov|Gen|Col|Lt|Sgt|Capt|Adm|Maj|Rev|Hon|Pres|President|Senator|Representative|Governor|General|Colonel|Captain|Professor|Doctor|Judge|Justice|Minister|Secretary|Chancellor|CEO|Chairman|Chairwoman|Director)\.?$/;
/** Claims scoring below this are bare opinions or furniture rather than checkable assertions. */
const MIN_CLAIM_SCORE = 0.35;

/**
 * The detector the editor and the CLI use. `model` is the weights file (media/models/detector.bin),
 * read by the host so that the browser build can fetch it too; without it the detector finds only
 * patterns, known entities and claims with the built-in cue list. Throws when the bytes are not a
 * model this version can read.
 */
export function createDetector(model?: Uint8Array | null): Detector {
  const tagger = model ? new Tagger(decodeModel(model)) : null;
  const lexicon = tagger?.model.header.cues ?? DEFAULT_CUES;
  return { analyze: (text, options) => analyze(text, options, tagger, lexicon) };
}

interface SentenceTokens {
  sentence: Sentence;
  tokens: Token[];
  casing: Casing;
}

class Tagger {
  private readonly tags: string[];
  private readonly allowed: Uint8Array;
  private readonly final: Uint8Array;
  private readonly common: CommonWords;
  private feats = new Int32Array(256 * FEATURES_PER_TOKEN);
  private scores = new Float32Array(256 * 17);

  constructor(readonly model: TaggerModel) {
    this.tags = model.header.tags;
    this.allowed = allowedTransitions(this.tags);
    this.final = finalAllowed(this.tags);
    this.common = commonWords(model.header.commonWords.split(' '));
  }

  /** Entity spans of one document's sentences. */
  entities(text: string, sentences: readonly SentenceTokens[]): EntityMention[] {
    const facts = documentFacts(text, sentences);
    const out: EntityMention[] = [];
    const T = this.tags.length;
    for (const { tokens, casing } of sentences) {
      const n = tokens.length;
      if (!n) continue;
      if (this.feats.length < n * FEATURES_PER_TOKEN) this.feats = new Int32Array(n * 2 * FEATURES_PER_TOKEN);
      if (this.scores.length < n * T) this.scores = new Float32Array(n * 2 * T);
      const feats = sentenceFeatures(text, tokens, casing, facts, this.common, this.model.header.buckets, this.feats);
      const scores = emissionScores(feats, n, this.model.emissions, T, this.model.header.scale, this.scores);
      const path = viterbi(scores, n, T, this.model.transitions, this.allowed, this.final);
      for (const span of pathSpans(path, this.tags)) {
        let first = span.first;
        const type = TYPE_OF[span.type] ?? 'Other';
        if (type === 'Person') while (first < span.last && TITLE.test(text.slice(tokens[first].start, tokens[first].end))) first++;
        const start = tokens[first].start;
        const end = tokens[span.last].end;
        out.push({ start, end, type, text: text.slice(start, end), origin: 'model' });
      }
    }
    return out;
  }
}

function analyze(text: string, options: AnalyzeOptions, tagger: Tagger | null, lexicon: CueLexicon): Analysis {
  const view = proseView(text, options.format);
  const prose = view.text;
  const sentences = splitSentences(prose, view.blocks).map((sentence) => {
    const tokens = tokenize(prose, sentence.start, sentence.end);
    return { sentence, tokens, casing: sentenceCasing(prose, tokens) };
  });
  const known = knownMentions(prose, options.knownEntities ?? []);
  const patterns = findPatterns(prose).map((m) => ({ ...m, text: text.slice(m.start, m.end), origin: 'pattern' as const }));
  const model = tagger ? tagger.entities(prose, sentences) : [];
  const entities = mergeByPriority(prose.length, [known, patterns, model]).map((m) => ({ ...m, text: text.slice(m.start, m.end) }));
  const claims = findClaims(text, prose, sentences.map((s) => s.sentence), entities, { lexicon, minScore: MIN_CLAIM_SCORE });
  return { entities, claims };
}

/** Every whole-word occurrence of the researcher's names and aliases, longest names first. */
function knownMentions(prose: string, known: readonly KnownEntity[]): EntityMention[] {
  const names = known.flatMap((k) => [k.name, ...(k.aliases ?? [])].filter((n) => n.trim()).map((name) => ({ name, type: k.type })));
  names.sort((a, b) => b.name.length - a.name.length);
  const out: EntityMention[] = [];
  for (const { name, type } of names) {
    for (let at = prose.indexOf(name); at >= 0; at = prose.indexOf(name, at + 1)) {
      const end = at + name.length;
      if (isWordEdge(prose, at - 1) && isWordEdge(prose, end)) out.push({ start: at, end, type, text: name, origin: 'knowledge' });
    }
  }
  return out;
}

function isWordEdge(text: string, i: number): boolean {
  return i < 0 || i >= text.length || !/[\p{L}\p{N}_]/u.test(text[i]);
}

/** Earlier lists win: a span overlapping one already taken is dropped (longer spans first within a list). */
function mergeByPriority(length: number, lists: readonly EntityMention[][]): EntityMention[] {
  const taken = new Uint8Array(length);
  const out: EntityMention[] = [];
  for (const list of lists) {
    const sorted = [...list].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
    for (const m of sorted) {
      if (taken.subarray(m.start, m.end).some((v) => v === 1)) continue;
      taken.fill(1, m.start, m.end);
      out.push(m);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
