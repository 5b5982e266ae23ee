/**
 * Finds an imported span in the article as it is now. Trust the position when the quote sits
 * there; else search the exact quote; when several places match and neither the context nor a
 * clearly nearest position decides, give up and say so — a wrong guess is worse than an orphan
 * (Hypothesis' lookalike matches, hypothesis/h#2634).
 */
import * as l10n from '@vscode/l10n';
import { quoteContext } from '../../sidecar/target';
import { codePointMap, lineFeedView } from '../units';
import type { Locator } from './types';

export type Anchored = { start: number; end: number; anchoring: 'exact' | 'moved' } | { problem: string };

/**
 * Converts locators of one article text; build once per article. `offsetsText` is the text the
 * imported file counts its offsets in, when it is not the article itself (brat's `.txt` beside the
 * `.ann`): the article with "\n" line ends (brat files we wrote before brat was found to count
 * "\r\n" as two) is mapped exactly; any other text makes the positions meaningless here, so the
 * span is found by its quote and its context in that text, or reported.
 */
export function anchorer(text: string, offsetsText?: string): (at: Locator) => Anchored {
  const cp = codePointMap(text);
  let toUtf16: ((offset: number) => number) | null = (offset) => cp.back(offset);
  let contextFrom: string | null = null;
  if (offsetsText !== undefined && offsetsText !== text) {
    const view = lineFeedView(text);
    if (offsetsText === view.text) {
      const lfCp = codePointMap(view.text);
      toUtf16 = (offset) => view.map.back(lfCp.back(offset));
    } else {
      toUtf16 = null;
      contextFrom = offsetsText;
    }
  }
  return (at) => anchor(text, contextFrom === null ? at : withContext(at, contextFrom), toUtf16);
}

/** The locator without its positions (they count in another text), with the quote's context in that text. */
function withContext(at: Locator, other: string): Locator {
  const out: Locator = { ...at, start: null, end: null };
  if (at.start !== null && at.end !== null && at.prefix === undefined && at.suffix === undefined) {
    const cp = codePointMap(other);
    const start = cp.back(at.start);
    const end = cp.back(at.end);
    if (end <= other.length && sameText(other.slice(start, end), at.quote)) {
      // Only the context on the span's own line(s): line ends may differ between the two texts.
      const { prefix, suffix } = quoteContext(other, start, end);
      out.prefix = prefix.split(LINE_END).pop() ?? '';
      out.suffix = suffix.split(LINE_END)[0];
    }
  }
  return out;
}

function anchor(text: string, at: Locator, toUtf16: ((offset: number) => number) | null): Anchored {
  if (at.quote === '') return { problem: l10n.t('its quote is empty') };
  let expected: number | null = null;
  if (toUtf16 && at.start !== null && at.end !== null && at.start >= 0 && at.end > at.start) {
    const start = toUtf16(at.start);
    const end = toUtf16(at.end);
    if (end <= text.length && sameText(text.slice(start, end), at.quote)) return { start, end, anchoring: 'exact' };
    expected = start;
  }
  const found: number[] = [];
  for (let i = text.indexOf(at.quote); i !== -1; i = text.indexOf(at.quote, i + 1)) found.push(i);
  const quoted = JSON.stringify(at.quote.length > 60 ? at.quote.slice(0, 57) + '…' : at.quote);
  if (found.length === 0) return { problem: l10n.t('{0} is not in the article', quoted) };
  const at1 = (start: number): Anchored => ({ start, end: start + at.quote.length, anchoring: 'moved' });
  if (found.length === 1) return at1(found[0]);
  const inContext = found.filter(
    (i) => (!at.prefix || text.slice(0, i).endsWith(at.prefix)) && (!at.suffix || text.startsWith(at.suffix, i + at.quote.length)),
  );
  if ((at.prefix || at.suffix) && inContext.length === 1) return at1(inContext[0]);
  if (expected !== null && !at.noNearest) {
    const byDistance = found.map((i) => ({ i, d: Math.abs(i - expected) })).sort((a, b) => a.d - b.d);
    if (byDistance[0].d * 2 < byDistance[1].d) return at1(byDistance[0].i);
  }
  return { problem: l10n.t('{0} occurs {1} times and nothing tells which one', quoted, found.length) };
}

const LINE_END = /\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/;
/** White space as Python counts it (brat replaces its line ends with a space in a span's text). */
const SPACES = /[\s\x85\x1c-\x1f]+/g;

/** Equal, or equal once every run of white space is one space (brat joins line fragments with a space). */
function sameText(a: string, b: string): boolean {
  return a === b || a.replace(SPACES, ' ') === b.replace(SPACES, ' ');
}
