/**
 * Sample quantile by linear interpolation between order statistics (Hyndman & Fan type 7),
 * the default of R's `quantile`.
 *
 * Reference: Hyndman, R. J. & Fan, Y. (1996), Sample quantiles in statistical packages,
 * The American Statistician 50(4), 361–365; R `quantile(type = 7)`.
 * @throws {RangeError} when `x` is empty or `p` is outside [0, 1].
 * @example quantile([1, 2, 3, 4], 0.25) // 1.75
 */
export function quantile(x: readonly number[], p: number): number {
  return quantileSorted([...x].sort((a, b) => a - b), p);
}

/**
 * Type-7 quantile of values already sorted ascending (no copy, no check of the order).
 * @throws {RangeError} when `sorted` is empty or `p` is outside [0, 1].
 * @example quantileSorted([1, 2, 3, 4], 0.5) // 2.5
 */
export function quantileSorted(sorted: readonly number[], p: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('quantile: expected at least 1 value, found 0');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile: expected p in [0, 1], found ${p}`);
  // R: index <- 1 + (n - 1) * probs; lo <- floor(index); hi <- ceiling(index); h <- index - lo
  // with a fuzz of 4 * .Machine$double.eps on the fractional part, as R does.
  const index = (n - 1) * p;
  let lo = Math.floor(index);
  let h = index - lo;
  if (Math.abs(h) < 4 * Number.EPSILON) h = 0;
  if (Math.abs(1 - h) < 4 * Number.EPSILON) {
    h = 0;
    lo += 1;
  }
  const hi = Math.min(lo + 1, n - 1);
  const a = sorted[Math.min(lo, n - 1)];
  if (h === 0) return a;
  return (1 - h) * a + h * sorted[hi];
}
