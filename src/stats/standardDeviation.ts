import { variance } from './variance.js';

/**
 * Sample standard deviation: the square root of the sample variance with the n − 1 denominator,
 * as R's `sd`.
 *
 * Reference: R Core Team, `sd` (`sqrt(var(x))`), R 4.2.
 * @throws {RangeError} when fewer than 2 values are given (use `describe` for a NaN instead).
 * @example standardDeviation([1, 2, 3, 4]) // 1.2909944487358056
 */
export function standardDeviation(x: readonly number[]): number {
  return Math.sqrt(variance(x));
}
