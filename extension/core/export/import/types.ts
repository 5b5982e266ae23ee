/** What the importers read out of other tools' files, before it is anchored in an article. */
import type { TagKind, TagLabel } from '../../sidecar/types';

/**
 * Where an imported span claims to be. Positions are code points, of the article text or of the
 * text the file came with (`ImportedArticle.offsetsText`).
 */
export interface Locator {
  start: number | null;
  end: number | null;
  unit: 'codepoint';
  /** The text the span should cover; for brat spans across lines, fragments joined by a space. */
  quote: string;
  prefix?: string;
  suffix?: string;
  /**
   * When the quote is not at the position and occurs several times, do not take the nearest one
   * (brat: its offsets are exact where they are right, so a shifted position means a changed text
   * or a miscount, and a nearby lookalike is a guess; issue 16 found 6 of 14 such guesses wrong).
   */
  noNearest?: boolean;
}

export interface ImportedTag {
  /** Where it came from in the imported file ("T3", an annotation id…), for the report. */
  origin: string;
  kind: TagKind;
  label: TagLabel;
  at: Locator;
  tags: string[];
  verdict: string | null;
  note: string | null;
  entityId: string | null;
  claim: {
    source: Locator | null;
    cue: Locator | null;
    hedges: Locator[];
    resolvedSource?: Locator | null;
    content?: Locator | null;
  } | null;
  author: string | null;
}

/** The imported tags of one article, and what in its file could not be read. */
export interface ImportedArticle {
  /** How the file names the article (path, URL or brat's .txt name); matched to a workspace file by the caller. */
  article: string;
  /** The article text the file itself holds (Label Studio tasks), if any. */
  text: string | null;
  /** The text the file's offsets count in, when it came with one that may differ from the article (brat's `.txt`). */
  offsetsText?: string;
  tags: ImportedTag[];
  problems: string[];
}
