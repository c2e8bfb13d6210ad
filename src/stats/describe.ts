import { mean } from './mean.js';
import { median } from './median.js';
import { standardDeviation } from './standardDeviation.js';

/** The usual one-group summary, with NaN where a value is undefined for the sample size. */
export interface Description {
  /** Number of values. */
  n: number;
  /** Arithmetic mean (NaN when n = 0). */
  mean: number;
  /** Sample standard deviation, n − 1 denominator (NaN when n < 2). */
  sd: number;
  /** Standard error of the mean, sd / √n (NaN when n < 2). */
  se: number;
  /** Sample median (NaN when n = 0). */
  median: number;
  /** Smallest value (NaN when n = 0). */
  min: number;
  /** Largest value (NaN when n = 0). */
  max: number;
  /** Coefficient of variation sd / mean (NaN when n < 2; ±Infinity when the mean is 0). */
  cv: number;
}

/**
 * Descriptive statistics of one group — n, mean, standard deviation, standard error, median,
 * minimum, maximum and coefficient of variation — as R's `length`, `mean`, `sd`,
 * `sd / sqrt(n)`, `median`, `min`, `max` and `sd / mean`.
 *
 * Never throws for a small sample: a value that is undefined for n (sd, se, cv for n < 2;
 * everything but n for n = 0) is NaN, so the caller can attach its own warning.
 *
 * Reference: R Core Team, `mean`, `sd`, `median`, `range` (R 4.2).
 * Throws nothing: NaN inputs propagate into NaN results.
 * @example describe([1, 2, 3, 4])
 * // { n: 4, mean: 2.5, sd: 1.2909944487358056, se: 0.6454972243679028, median: 2.5,
 * //   min: 1, max: 4, cv: 0.5163977794943222 }
 */
export function describe(x: readonly number[]): Description {
  const n = x.length;
  if (n === 0) {
    return { n: 0, mean: NaN, sd: NaN, se: NaN, median: NaN, min: NaN, max: NaN, cv: NaN };
  }
  const m = mean(x);
  const sd = n >= 2 ? standardDeviation(x) : NaN;
  let min = Infinity;
  let max = -Infinity;
  let sawNaN = false;
  for (const v of x) {
    if (Number.isNaN(v)) sawNaN = true;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (sawNaN) {
    min = NaN;
    max = NaN;
  }
  return {
    n,
    mean: m,
    sd,
    se: sd / Math.sqrt(n),
    median: sawNaN ? NaN : median(x),
    min,
    max,
    cv: sd / m,
  };
}
