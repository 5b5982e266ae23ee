import { countBelow } from '../text/sorted';

/**
 * Page furniture: the lines of a scraped page that are not the article's prose — reader comments
 * (which open with their relative timestamp), profile and navigation lines of fields separated by
 * bars, and lines with nothing to read. Structural tests of one line, so that a line is judged the
 * same whether the article is analysed whole or line by line.
 */

/** A relative timestamp opening a line: "22 hours ago", "4 天前", "hace 3 días" … */
const RELATIVE_TIME =
  /^\s*(?:\d{1,3}\s*(?:s|sec|secs|seconds?|m|min|mins|minutes?|h|hr|hrs|hours?|d|days?|w|wk|weeks?|mo|months?|y|yr|years?)\.?\s+ago\b|\d{1,3}\s*(?:秒|分钟|分鐘|分|小时|小時|時間|天|日|周|週|个月|個月|か月|月|年)\s*前|\d{1,3}\s*(?:秒|分|時間|日|週間|か月|年)前|(?:hace|il y a|vor)\s+\d{1,3}\s+\p{L}+)/iu;
/** Separators of fields: "Head of IT | Digital Transformation | …". */
const BARS = ['|', '｜', '·', '•'];
const LETTERS = /\p{L}/u;

/** Whether the line (one block of prose) is page furniture rather than the article's text. */
export function isFurnitureLine(line: string): boolean {
  if (!LETTERS.test(line)) return true;
  return RELATIVE_TIME.test(line) || barFields(line);
}

/** Whether the line has two or more bars with a space on each side between words (an indexOf scan: this runs on every line). */
function barFields(line: string): boolean {
  let bars = 0;
  for (const bar of BARS) {
    for (let at = line.indexOf(bar); at >= 0; at = line.indexOf(bar, at + 1)) {
      if (
        at > 1 &&
        at + 2 < line.length &&
        line[at - 1] === ' ' &&
        line[at + 1] === ' ' &&
        line[at - 2] !== ' ' &&
        line[at + 2] !== ' ' &&
        ++bars >= 2
      )
        return true;
    }
  }
  return false;
}

/**
 * The line feeds of the prose each cache is used with, found once: a line's bounds are then a binary
 * search, where a scan back from each mention to its line start took time quadratic in a long line's length.
 */
const lineFeedsFor = new WeakMap<Map<number, boolean>, number[]>();

/** The furniture test of the line around `at` in the prose, cached by line start (one cache per prose text). */
export function furnitureAt(prose: string, at: number, cache: Map<number, boolean>): boolean {
  let lineFeeds = lineFeedsFor.get(cache);
  if (!lineFeeds) {
    lineFeeds = [];
    for (let i = prose.indexOf('\n'); i >= 0; i = prose.indexOf('\n', i + 1)) lineFeeds.push(i);
    lineFeedsFor.set(cache, lineFeeds);
  }
  const before = countBelow(lineFeeds, at);
  const start = before > 0 ? lineFeeds[before - 1] + 1 : 0;
  let known = cache.get(start);
  if (known === undefined) {
    known = isFurnitureLine(prose.slice(start, before < lineFeeds.length ? lineFeeds[before] : prose.length));
    cache.set(start, known);
  }
  return known;
}
