/**
 * A point estimate with its interval. Every statistic the tool reports that has an interval uses it;
 * results carry warnings instead of failing (too few repetitions says how many are needed).
 */
export interface Summary {
  /** The estimate (mean, median, difference, effect size, …). NaN when it cannot be computed. */
  center: number;
  /** Lower bound of the interval; NaN when none can be given (and a warning says why). */
  lo: number;
  /** Upper bound of the interval. */
  hi: number;
  /** Confidence level of [lo, hi], e.g. 0.95. */
  confidence: number;
  /** Why a value is missing or should be read with care, in words a person can act on. */
  warnings: string[];
}

/** A Summary with no interval, carrying the reason. */
export function noInterval(center: number, confidence: number, warning: string): Summary {
  return { center, lo: NaN, hi: NaN, confidence, warnings: [warning] };
}
