/**
 * Finds an imported span in the article as it is now. Trust the position when the quote sits
 * there; else search the exact quote; when several places match and neither the context nor a
 * clearly nearest position decides, give up and say so — a wrong guess is worse than an orphan
 * (Hypothesis' lookalike matches, hypothesis/h#2634).
 */
import * as l10n from '@vscode/l10n';
import { codePointMap, lineFeedView, type OffsetMap } from '../units';
import type { Locator } from './types';

export type Anchored = { start: number; end: number; anchoring: 'exact' | 'moved' } | { problem: string };

/** Converts locators of one article text; build once per article. */
export function anchorer(text: string): (at: Locator) => Anchored {
  const cp = codePointMap(text);
  let lf: { cp: OffsetMap; map: OffsetMap } | undefined;
  const toUtf16 = (offset: number, unit: Locator['unit']): number => {
    if (unit === 'codepoint') return cp.back(offset);
    if (!lf) {
      const view = lineFeedView(text);
      lf = { cp: codePointMap(view.text), map: view.map };
    }
    return lf.map.back(lf.cp.back(offset));
  };
  return (at) => anchor(text, at, toUtf16);
}

function anchor(text: string, at: Locator, toUtf16: (offset: number, unit: Locator['unit']) => number): Anchored {
  if (at.quote === '') return { problem: l10n.t('its quote is empty') };
  let expected: number | null = null;
  if (at.start !== null && at.end !== null && at.start >= 0 && at.end > at.start) {
    const start = toUtf16(at.start, at.unit);
    const end = toUtf16(at.end, at.unit);
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
  if (expected !== null) {
    const byDistance = found.map((i) => ({ i, d: Math.abs(i - expected) })).sort((a, b) => a.d - b.d);
    if (byDistance[0].d * 2 < byDistance[1].d) return at1(byDistance[0].i);
  }
  return { problem: l10n.t('{0} occurs {1} times and nothing tells which one', quoted, found.length) };
}

/** Equal, or equal once every run of white space is one space (brat joins line fragments with a space). */
function sameText(a: string, b: string): boolean {
  return a === b || a.replace(/\s+/g, ' ') === b.replace(/\s+/g, ' ');
}
