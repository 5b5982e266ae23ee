import { resolveClaimSources } from './attribution';
import { DEFAULT_CUES, findClaims, type CueLexicon } from './claims';
import { decodeClaimsModel, type ClaimsModel } from './claimsModel';
import { decodeDateTagger, tagDatesAndMoney, type DateTaggerModel } from './dateTagger';
import { readSentences, type SentenceTokens } from './document';
import {
  addCorrectionScores,
  compileCorrections,
  isEmptyCorrections,
  learnCorrections,
  type CompiledCorrections,
  type LearnOptions,
  type TaggedArticle,
  type TaggerCorrections,
} from './feedback';
import { Casing, documentFacts, type DocumentFacts, FEATURES_PER_TOKEN, plainTokens, sentenceFeatures, type WordLists } from './features';
import { furnitureAt } from './furniture';
import { findModelClaims } from './modelClaims';
import { refineEntities } from './refine';
import { findLaws, findPatterns } from './rules';
import { articleDate, firstFullDate, normalizeDate, normalizeMoney, type DateValue, type MoneyValue, type TemporalMatch } from './temporal';
import {
  allowedTransitions,
  bilouEmissionScores,
  bilouViterbi,
  decodeModel,
  emissionScores,
  finalAllowed,
  isBilouOfFourTypes,
  liveRows,
  pathSpans,
  rowStore,
  viterbi,
  wordListsOf,
  type RowStore,
  type TaggerModel,
} from './tagger';
import type { Analysis, AnalyzeOptions, Detector, EntityMention, EntityType, KnownEntity } from './types';

/** CoNLL-2003 types as the detector's. */
const TYPE_OF: Record<string, EntityType> = { PER: 'Person', ORG: 'Organization', LOC: 'Location', MISC: 'Other' };
/**
 * Titles that precede a name but are not part of it ("Dr. Jane Thompson" → "Jane Thompson"),
 * abbreviated or written out as transcripts write them ("Mister Freeh").
 */
const TITLE =
  /^(?:Dr|Mr|Mrs|Ms|Mx|Prof|Sir|Dame|Lord|Lady|Sen|Rep|Gov|Gen|Col|Lt|Sgt|Capt|Adm|Maj|Rev|Hon|Pres|Mister|Missus|Miss|Madam|Madame|Reverend|Sergeant|Lieutenant|Admiral|Honorable|President|Senator|Representative|Governor|General|Colonel|Captain|Professor|Doctor|Judge|Justice|Minister|Secretary|Chancellor|CEO|Chairman|Chairwoman|Director)\.?$/;
/**
 * Last words that make a name an organization whatever the tagger thought ("Lumen Technologies",
 * "Cisco Systems"), including the weather and animal words of threat-actor names ("Salt Typhoon",
 * "Fancy Bear") that 1996 news never saw.
 */
const ORGANIZATION_HEAD =
  /\s(?:Technologies|Technology|Systems|Networks|Communications|Telecom|Telecommunications|Holdings|Group|Corp\.?|Corporation|Inc\.?|Ltd\.?|LLC|plc|Co\.|Company|Labs|Laboratories|Software|Security|Airlines|Agency|Bureau|Ministry|Department|Commission|Committee|Council|Institute|University|Association|Foundation|Journal|Times|Post|News|Typhoon|Blizzard|Sandstorm|Sleet|Tempest|Panda|Bear|Kitten|Spider|Chollima)$/;
/** Claims scoring below this are bare opinions or furniture rather than checkable assertions. */
const MIN_CLAIM_SCORE = 0.35;

/**
 * The detector the editor and the CLI use. `model` is the weights file (media/models/detector.bin),
 * read by the host so that the browser build can fetch it too; without it the detector finds only
 * patterns, known entities and claims with the built-in cue list. Throws when the bytes are not a
 * model this version can read. `claims` is the claim finder's weights file (media/models/claims.bin),
 * read the same way; without it claims come from the cue words of `model`. `dates` is the date and money
 * tagger's weights file (media/models/dates.bin, see dateTagger.ts), read the same way; without it the
 * grammar of temporal.ts alone decides the spans of dates and amounts.
 */
export function createDetector(
  model?: Uint8Array | null,
  corrections?: TaggerCorrections | null,
  claims?: Uint8Array | null,
  dates?: Uint8Array | null,
): CorrectableDetector {
  return correctable(
    model ? decodeModel(model) : null,
    corrections ?? null,
    claims ? decodeClaimsModel(claims) : null,
    dates ? decodeDateTagger(dates) : null,
  );
}

/** A detector that can learn from the researcher's tags (see feedback.ts). */
export interface CorrectableDetector extends Detector {
  /** The corrections it tags with (null: the shipped weights alone). */
  readonly corrections: TaggerCorrections | null;
  /** The same model tagging with these corrections instead. Throws when they were learned on a model of another layout. */
  withCorrections(corrections: TaggerCorrections | null): CorrectableDetector;
  /**
   * Corrections learned from the articles' entity tags, starting from this detector's own; null
   * without a model. Pass every tagged article of the workspace to a detector without corrections
   * to get the workspace's corrections afresh.
   */
  learnCorrections(articles: readonly TaggedArticle[], options?: LearnOptions): TaggerCorrections | null;
}

function correctable(
  model: TaggerModel | null,
  corrections: TaggerCorrections | null,
  claimsModel: ClaimsModel | null,
  datesModel: DateTaggerModel | null,
): CorrectableDetector {
  const applied = model && corrections && !isEmptyCorrections(corrections) ? compileCorrections(model, corrections) : null;
  const tagger = model ? new Tagger(model, applied) : null;
  const lexicon = model?.header.cues ?? DEFAULT_CUES;
  const articleDateOf = lastFew(DOCUMENT_CACHE_SIZE, articleDate);
  return {
    corrections,
    analyze: (text, options) => analyze(text, options, { tagger, lexicon, claimsModel, datesModel }, articleDateOf),
    withCorrections: (next) => correctable(model, next, claimsModel, datesModel),
    learnCorrections: (articles, options) => (model ? learnCorrections(model, corrections, articles, options) : null),
  };
}

const DOCUMENT_CACHE_SIZE = 8;

/**
 * `compute` remembered for the last `size` texts it was asked about: every chunk of an article asks the
 * same about the whole article (its date), and the corpus index analyses other articles in between.
 */
function lastFew<T>(size: number, compute: (text: string) => T): (text: string) => T {
  let recent: { text: string; value: T }[] = [];
  return (text) => {
    const known = recent.find((r) => r.text === text);
    if (known) return known.value;
    const value = compute(text);
    recent = [{ text, value }, ...recent.slice(0, size - 1)];
    return value;
  };
}

class Tagger {
  private readonly tags: string[];
  private readonly allowed: Uint8Array;
  private readonly final: Uint8Array;
  readonly lists: WordLists;
  /** Whether the tags are the shipped ones, which bilouViterbi decodes. */
  private readonly bilou: boolean;
  /** The emission rows with a weight other than zero (see liveRows). */
  private readonly live: Uint8Array;
  /** The emission rows as the shipped tags' scores read them (see rowStore). */
  private readonly rows: RowStore;
  private feats = new Int32Array(256 * FEATURES_PER_TOKEN);
  private scores = new Float32Array(256 * 17);
  private plain = new Uint8Array(256);
  /**
   * Document facts of the last few `documentText`s of each format, reused while chunks of the same article come in.
   * Several: the editor analyses one article's chunks while the corpus index analyses others in between.
   */
  private readonly factsOf: Record<AnalyzeOptions['format'], (documentText: string) => DocumentFacts> = {
    markdown: lastFew(DOCUMENT_CACHE_SIZE, (text) => documentFacts(readSentences(text, 'markdown').sentences)),
    plaintext: lastFew(DOCUMENT_CACHE_SIZE, (text) => documentFacts(readSentences(text, 'plaintext').sentences)),
  };

  constructor(
    readonly model: TaggerModel,
    private readonly corrections: CompiledCorrections | null,
  ) {
    this.tags = model.header.tags;
    this.allowed = allowedTransitions(this.tags);
    this.final = finalAllowed(this.tags);
    this.lists = wordListsOf(model.header);
    this.bilou = isBilouOfFourTypes(this.tags);
    this.live = liveRows(model.emissions, model.header.buckets, this.tags.length);
    this.rows = rowStore(model.emissions, model.header.buckets, this.tags.length);
  }

  /** Entity spans of one document's sentences, as far as `outOfTime` lets it go. */
  entities(
    text: string,
    sentences: readonly SentenceTokens[],
    options: AnalyzeOptions,
    outOfTime: () => boolean = () => false,
  ): EntityMention[] {
    const facts =
      options.documentText !== undefined && options.documentText !== text
        ? this.factsOf[options.format](options.documentText)
        : documentFacts(sentences);
    const out: EntityMention[] = [];
    const T = this.tags.length;
    for (const { tokens, props, casing } of sentences) {
      const n = tokens.length;
      if (!n) continue;
      if (outOfTime()) break;
      if (this.feats.length < n * FEATURES_PER_TOKEN) this.feats = new Int32Array(n * 2 * FEATURES_PER_TOKEN);
      if (this.scores.length < n * T) this.scores = new Float32Array(n * 2 * T);
      if (this.plain.length < n) this.plain = new Uint8Array(n * 2);
      const plain = plainTokens(props, this.plain);
      const feats = sentenceFeatures(props, casing, facts, this.lists, this.model.header.buckets, this.feats, plain);
      const scores = this.bilou
        ? bilouEmissionScores(feats, n, this.model.emissions, this.rows, this.model.header.scale, this.scores, plain)
        : emissionScores(feats, n, this.model.emissions, T, this.model.header.scale, this.scores, plain, this.live);
      if (this.corrections) addCorrectionScores(scores, feats, n, T, this.corrections.rows, plain);
      const path = this.decode(scores, n, plain);
      for (const span of pathSpans(path, this.tags)) {
        let first = span.first;
        let type = TYPE_OF[span.type] ?? 'Other';
        if (type === 'Person') while (first < span.last && TITLE.test(text.slice(tokens[first].start, tokens[first].end))) first++;
        let start = tokens[first].start;
        const end = tokens[span.last].end;
        if (ORGANIZATION_HEAD.test(text.slice(start, end))) type = 'Organization';
        // A capital "The" inside a sentence belongs to the name ("published by The Wall Street Journal").
        if (type === 'Organization' && first >= 2 && text.slice(tokens[first - 1].start, tokens[first - 1].end) === 'The')
          start = tokens[first - 1].start;
        out.push({ start, end, type, text: text.slice(start, end), origin: 'model' });
      }
    }
    return refineEntities(text, sentences, out, facts, this.lists.common);
  }

  /** The best tag path of a sentence's scores (`plain`: the tokens left out). */
  private decode(scores: Float32Array, n: number, plain: Uint8Array): Uint8Array {
    const transitions = this.corrections?.transitions ?? this.model.transitions;
    return this.bilou
      ? bilouViterbi(scores, n, transitions, plain)
      : viterbi(scores, n, this.tags.length, transitions, this.allowed, this.final, plain);
  }
}

/** The clock for time limits: `performance` exists in Node, browsers and web workers alike. */
const now = (): number => performance.now();

/** The detector's models: what each is, null when its file was not given. */
interface Models {
  tagger: Tagger | null;
  lexicon: CueLexicon;
  claimsModel: ClaimsModel | null;
  datesModel: DateTaggerModel | null;
}

function analyze(
  text: string,
  options: AnalyzeOptions,
  { tagger, lexicon, claimsModel, datesModel }: Models,
  articleDateOf: (documentText: string) => string | undefined,
): Analysis {
  // The clock starts at the first check, in the model's loop: reading the text, the patterns (linear)
  // and the document-wide facts the model computes once per article do not count, so that whether a
  // chunk of an ordinary article finishes never depends on which chunk came first or how busy the machine is.
  let started: number | undefined;
  let incomplete = false;
  const outOfTime = (): boolean => {
    if (options.timeLimitMs === undefined) return false;
    started ??= now();
    return (incomplete ||= now() - started >= options.timeLimitMs);
  };
  const { prose, sentences } = readSentences(text, options.format);
  const known = knownMentions(prose, options.knownEntities ?? []);
  const { patterns, valueFrom } = patternMentions(text, prose, sentences, datesModel);
  // Law names are typed by the rule only where the model found nothing: it comes last.
  const laws = findLaws(
    prose,
    sentences.filter((s) => s.casing === Casing.Normal).map((s) => s.sentence),
  ).map((m) => ({ ...m, text: text.slice(m.start, m.end), origin: 'pattern' as const }));
  const model = tagger ? tagger.entities(prose, sentences, options, outOfTime) : [];
  // A year inside a law's name belongs to the name ("the Telecommunications Act of 1996"), and so
  // does a shorter name the model found in it ("Public Law" of "Public Law 104-104").
  const insideLaw = (m: { start: number; end: number }): boolean =>
    laws.some((l) => l.start <= m.start && m.end <= l.end && l.end - l.start > m.end - m.start);
  const outsideLaws = patterns.filter((p) => p.type !== 'Date' || !insideLaw(p));
  const modelOutsideLaws = model.filter((m) => m.type !== 'Other' || !insideLaw(m));
  // Page furniture (comments, profile lines) gets no suggestions: only the names the researcher confirmed.
  const furniture = new Map<number, boolean>();
  const merged = mergeByPriority(prose.length, [known, outsideLaws, modelOutsideLaws, laws])
    .filter((m) => m.origin === 'knowledge' || !furnitureAt(prose, m.start, furniture))
    .map((m) => ({ ...m, text: text.slice(m.start, m.end) }));
  const entities = normalizeValues(merged, options, prose, articleDateOf, valueFrom);
  const claims = outOfTime()
    ? []
    : claimsModel
      ? resolveClaimSources(findModelClaims(text, prose, sentences, entities, claimsModel, tagger?.lists.clusters ?? null), entities)
      : findClaims(text, prose, sentences, entities, { lexicon, minScore: MIN_CLAIM_SCORE });
  return incomplete ? { entities, claims, incomplete } : { entities, claims };
}

/**
 * The patterns' mentions, with the dates and amounts the date tagger decides where it is given (its
 * spans are the model's); `valueFrom` maps a tagged span ("start:end") whose own text the grammar
 * cannot normalize to the grammar's span that gives its value.
 */
function patternMentions(
  text: string,
  prose: string,
  sentences: readonly SentenceTokens[],
  datesModel: DateTaggerModel | null,
): { patterns: EntityMention[]; valueFrom: Map<string, number[]> } {
  const found = findPatterns(prose);
  const valueFrom = new Map<string, number[]>();
  // Written out rather than spread: a text can hold a match every few characters.
  const mention = (m: { start: number; end: number; type: EntityMention['type'] }, origin: EntityMention['origin']): EntityMention => ({
    start: m.start,
    end: m.end,
    type: m.type,
    text: text.slice(m.start, m.end),
    origin,
  });
  if (!datesModel) return { patterns: found.map((m) => mention(m, 'pattern')), valueFrom };
  const grammar: TemporalMatch[] = [];
  const patterns: EntityMention[] = [];
  for (const m of found) {
    if (m.type === 'Date' || m.type === 'Money') grammar.push({ start: m.start, end: m.end, type: m.type });
    else patterns.push(mention(m, 'pattern'));
  }
  const grammarKeys = new Set(grammar.map((g) => `${g.start}:${g.end}:${g.type}`));
  for (const span of tagDatesAndMoney(prose, sentences, grammar, datesModel)) {
    patterns.push(mention(span, grammarKeys.has(`${span.start}:${span.end}:${span.type}`) ? 'pattern' : 'model'));
    if (span.valueFrom) valueFrom.set(`${span.start}:${span.end}`, [span.valueFrom.start, span.valueFrom.end]);
  }
  return { patterns, valueFrom };
}

/**
 * Dates with their kind and ISO value, resolved against the article's date (given, or the first
 * full date the article states); amounts of money with their currency and value. A span in
 * `valueFrom` takes the value of the grammar's span given there.
 */
function normalizeValues(
  mentions: EntityMention[],
  options: AnalyzeOptions,
  prose: string,
  articleDateOf: (documentText: string) => string | undefined,
  valueFrom: ReadonlyMap<string, readonly number[]>,
): EntityMention[] {
  let anchor: string | undefined | null = options.articleDate ?? null;
  // An article repeats its date expressions ("Tuesday", "2019"): each is resolved once per anchor.
  const dates = new Map<string, DateValue>();
  const dateOf = (expression: string, against?: string): DateValue => {
    const key = `${against ?? ''}\u0000${expression}`;
    let value = dates.get(key);
    if (!value) dates.set(key, (value = normalizeDate(expression, against)));
    return { ...value };
  };
  // And its amounts ("$5 million" in every paragraph of a budget), each read once.
  const amounts = new Map<string, MoneyValue>();
  const moneyOf = (expression: string): MoneyValue => {
    let value = amounts.get(expression);
    if (!value) amounts.set(expression, (value = normalizeMoney(expression)));
    return { ...value };
  };
  const valueText = (m: EntityMention): string => {
    const from = valueFrom.get(`${m.start}:${m.end}`);
    return from ? prose.slice(from[0], from[1]) : m.text;
  };
  return mentions.map((m) => {
    if (m.type === 'Money') return { ...m, money: moneyOf(valueText(m)) };
    if (m.type !== 'Date') return m;
    // The article's date is the first full date it states: among the mentions found, unless this is a chunk of a longer document.
    if (anchor === null)
      anchor =
        options.documentText !== undefined && options.documentText !== prose
          ? articleDateOf(options.documentText)
          : firstFullDate(mentions, (expression) => dateOf(expression));
    return { ...m, date: dateOf(valueText(m), anchor) };
  });
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
      if (isTaken(taken, m.start, m.end)) continue;
      taken.fill(1, m.start, m.end);
      out.push(m);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function isTaken(taken: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (taken[i] === 1) return true;
  return false;
}
