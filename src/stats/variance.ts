import { mean } from './mean.js';

/**
 * Sample variance with the n − 1 denominator (Bessel's correction), two-pass, as R's `var`.
 *
 * Reference: R Core Team, `var` (cov.c, two-pass with mean correction).
 * @throws {RangeError} when fewer than 2 values are given.
 * @example variance([1, 2, 3, 4]) // 1.6666666666666667
 */
export function variance(x: readonly number[]): number {
  const n = x.length;
  if (n < 2) throw new RangeError(`variance: expected at least 2 values, found ${n}`);
  const m = mean(x);
  let ss = 0;
  for (const v of x) ss += (v - m) * (v - m);
  return ss / (n - 1);
}
