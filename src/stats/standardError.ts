import { standardDeviation } from './standardDeviation.js';

/**
 * Standard error of the mean: the sample standard deviation divided by √n, the `stderr` that R's
 * `t.test` uses (`sqrt(var(x) / n)`).
 *
 * Reference: R Core Team, `t.test.default` (`stderr <- sqrt(vx/nx)`), R 4.2.
 * @throws {RangeError} when fewer than 2 values are given (use `describe` for a NaN instead).
 * @example standardError([1, 2, 3, 4]) // 0.6454972243679028
 */
export function standardError(x: readonly number[]): number {
  return standardDeviation(x) / Math.sqrt(x.length);
}
