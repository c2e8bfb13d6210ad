/**
 * Arithmetic mean, computed with a second correction pass so that it is exact to rounding for
 * values with a large common offset (as R's `mean`, which also makes a second pass).
 *
 * Reference: R Core Team, `mean.default` (summary.c, long-double accumulation then correction).
 * @throws {RangeError} when `x` is empty.
 * @example mean([1, 2, 3, 4]) // 2.5
 */
export function mean(x: ArrayLike<number>): number {
  return meanRange(x, 0, x.length);
}

/**
 * {@link mean} of x[from, to), without a copy of the part: the same sums in the same order as
 * mean(x.slice(from, to)), so the same value.
 * @throws {RangeError} when the part is empty.
 * @example meanRange([1, 2, 3, 4], 1, 3) // 2.5
 */
export function meanRange(x: ArrayLike<number>, from: number, to: number): number {
  const n = to - from;
  if (!(n > 0)) throw new RangeError('mean: expected at least 1 value, found 0');
  // indexed loops (the same sums in the same order as for…of, without the iterator protocol, which
  // costs more than the additions when callers pass both arrays and typed arrays)
  let s = 0;
  for (let i = from; i < to; i++) s += x[i];
  const m = s / n;
  if (!Number.isFinite(m)) return m;
  let c = 0;
  for (let i = from; i < to; i++) c += x[i] - m;
  return m + c / n;
}
