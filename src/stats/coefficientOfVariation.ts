import { mean } from './mean.js';
import { standardDeviation } from './standardDeviation.js';

/**
 * Coefficient of variation: the sample standard deviation (n − 1) divided by the mean, as a
 * fraction (0.05 = 5 %), R's `sd(x) / mean(x)`. It keeps the sign of the mean; a mean of 0
 * gives ±Infinity (or NaN when the standard deviation is 0 too), as the division does in R.
 *
 * Reference: Everitt, B. S. & Skrondal, A. (2010), The Cambridge Dictionary of Statistics, 4th ed.,
 * "coefficient of variation"; R `sd(x) / mean(x)`.
 * @throws {RangeError} when fewer than 2 values are given (use `describe` for a NaN instead).
 * @example coefficientOfVariation([1, 2, 3, 4]) // 0.5163977794943222
 */
export function coefficientOfVariation(x: readonly number[]): number {
  return standardDeviation(x) / mean(x);
}
