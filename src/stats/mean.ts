/**
 * Arithmetic mean, computed with a second correction pass so that it is exact to rounding for
 * values with a large common offset (as R's `mean`, which also makes a second pass).
 *
 * Reference: R Core Team, `mean.default` (summary.c, long-double accumulation then correction).
 * @throws {RangeError} when `x` is empty.
 * @example mean([1, 2, 3, 4]) // 2.5
 */
export function mean(x: ArrayLike<number>): number {
  const n = x.length;
  if (n === 0) throw new RangeError('mean: expected at least 1 value, found 0');
  // indexed loops (the same sums in the same order as for…of, without the iterator protocol, which
  // costs more than the additions when callers pass both arrays and typed arrays)
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i];
  const m = s / n;
  if (!Number.isFinite(m)) return m;
  let c = 0;
  for (let i = 0; i < n; i++) c += x[i] - m;
  return m + c / n;
}
