/**
 * The lower-bound binary search, once: the first index in [0, length) at which `isBefore` stops holding,
 * for a predicate that holds on a prefix of the indexes (length when it holds everywhere).
 */
export function lowerBound(length: number, isBefore: (index: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (isBefore(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many values of an ascending list are below `limit`. */
export function countBelow(sorted: readonly number[], limit: number): number {
  return lowerBound(sorted.length, (i) => sorted[i] < limit);
}
