import { quantileSorted } from './quantile.js';

/**
 * Sample median: the middle order statistic, or the mean of the two middle ones, as R's `median`.
 *
 * Reference: R Core Team, `median.default`.
 * @throws {RangeError} when `x` is empty.
 * @example median([3, 1, 4, 1, 5]) // 3
 */
export function median(x: readonly number[]): number {
  // a numeric typed-array sort: the same order as sort((a, b) => a - b) for numbers, without a
  // comparator call per comparison
  return quantileSorted(Float64Array.from(x).sort() as unknown as number[], 0.5);
}
