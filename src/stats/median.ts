import { quantileSorted } from './quantile.js';

/**
 * Sample median: the middle order statistic, or the mean of the two middle ones, as R's `median`.
 *
 * Reference: R Core Team, `median.default`.
 * @throws {RangeError} when `x` is empty.
 * @example median([3, 1, 4, 1, 5]) // 3
 */
export function median(x: readonly number[]): number {
  return quantileSorted([...x].sort((a, b) => a - b), 0.5);
}
