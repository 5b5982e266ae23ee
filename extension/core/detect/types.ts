import type { DateValue, MoneyValue } from './temporal';

/** What a detector finds in an article. Offsets are UTF-16 code units into the text given, end exclusive. */

export const ENTITY_TYPES = ['Person', 'Organization', 'Location', 'Date', 'Money', 'Other'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

import type { Span } from '../text/span';
export type { Span };

export interface EntityMention extends Span {
  type: EntityType;
  /** Where the mention came from, so the user (and the evaluation) can tell them apart. */
  origin: 'model' | 'pattern' | 'knowledge';
  /** A Date's kind and ISO value (relative dates resolved against the article's own date). */
  date?: DateValue;
  /** A Money amount's currency and value. */
  money?: MoneyValue;
}

export interface ClaimMention extends Span {
  /** Check-worthiness in [0, 1]. */
  score: number;
  /** Who the claim is attributed to; null when the author asserts it. */
  source: Span | null;
  /** The attribution cue: "said", "according to", a quotation mark… */
  cue: Span | null;
  /** The asserted content, when it is narrower than the sentence. */
  content: Span | null;
  hedges: Span[];
  /** The named person or organization a pronoun or description source stands for ("she" → "Jane Thompson"). */
  resolvedSource?: Span | null;
  /** Every attribution in the sentence, the one above first (a sentence may report several). */
  attributions?: ClaimAttribution[];
  /** Shown by default: attributed, or check-worthy enough; the others are shown on request. Absent: shown. */
  prominent?: boolean;
}

export interface ClaimAttribution {
  source: Span | null;
  resolvedSource: Span | null;
  cue: Span | null;
  content: Span | null;
}

export interface Analysis {
  entities: EntityMention[];
  claims: ClaimMention[];
  /** The analysis ran out of its time limit (AnalyzeOptions.timeLimitMs): what was found so far, the rest not looked at. */
  incomplete?: boolean;
}

/** Names the researcher has confirmed; found everywhere, with the researcher's type, ahead of the model. */
export interface KnownEntity {
  name: string;
  type: EntityType;
  aliases?: string[];
}

export interface AnalyzeOptions {
  /** Markdown files get their markup kept out of spans; plain text is taken as prose. */
  format: 'markdown' | 'plaintext';
  knownEntities?: readonly KnownEntity[];
  /**
   * The whole article, when `text` is one chunk of it (incremental analysis): the tagger reads
   * document-wide evidence from it (which words also occur in lowercase, which are capitalized
   * mid-sentence), so that a chunk is tagged as it would be in the whole article.
   */
  documentText?: string;
  /**
   * The article's date (YYYY-MM-DD) that relative dates ("yesterday", "last week") resolve against;
   * by default the first full calendar date the article states.
   */
  articleDate?: string;
  /**
   * Milliseconds the model's tagging and the claims of one analysis may take (reading the text and
   * the patterns are linear and not counted). Past it, the model stops tagging and claims are not
   * looked for: what was found is returned, marked `incomplete`, so that no file can freeze the editor. No limit when absent.
   */
  timeLimitMs?: number;
}

/** The one seam between the editor (or CLI) and whatever finds entities and claims. */
export interface Detector {
  analyze(text: string, options: AnalyzeOptions): Analysis;
}
