import { mean } from './mean.js';
import { variance } from './variance.js';
import { tQuantile } from './distributions.js';

/** A Student-t interval for the mean; structurally a `Summary` (center = mean) with extras. */
export interface TInterval {
  /** The sample mean (NaN when n = 0). */
  mean: number;
  /** Same as `mean`, so the result can be used where a `Summary` is expected. */
  center: number;
  /** Lower bound (NaN when n < 2). */
  lo: number;
  /** Upper bound (NaN when n < 2). */
  hi: number;
  /** qt(1 − α/2, n − 1) · sd / √n (NaN when n < 2; 0 when all values are equal). */
  halfWidth: number;
  /** Degrees of freedom, n − 1 (NaN when n = 0). */
  df: number;
  /** Confidence level of [lo, hi]. */
  confidence: number;
  /** Why the interval is missing or should be read with care. */
  warnings: string[];
}

/**
 * Student-t confidence interval of the mean, as R's `t.test(x, conf.level = confidence)$conf.int`:
 * `mean ± qt(1 − α/2, n − 1) · sd / √n` with α = 1 − confidence (the bounds are formed as R forms
 * them, `(mean/se ± q) · se`).
 *
 * For n < 2 there is no interval (lo = hi = NaN) and a warning says so. When all values are equal
 * (R stops with "data are essentially constant") the interval collapses to the mean, with a warning
 * that it understates the uncertainty.
 *
 * Reference: Student (1908), The probable error of a mean, Biometrika 6(1), 1–25;
 * R Core Team, `t.test.default` (R 4.2).
 * @throws {RangeError} when `confidence` is not strictly between 0 and 1.
 * @example tConfidenceInterval([1, 2, 3, 4])
 * // { mean: 2.5, center: 2.5, lo: 0.44573974323947896, hi: 4.5542602567605215,
 * //   halfWidth: 2.054260256760521, df: 3, confidence: 0.95, warnings: [] }
 */
export function tConfidenceInterval(x: readonly number[], confidence = 0.95): TInterval {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`tConfidenceInterval: expected confidence in (0, 1), found ${confidence}`);
  }
  const n = x.length;
  if (n === 0) {
    return {
      mean: NaN, center: NaN, lo: NaN, hi: NaN, halfWidth: NaN, df: NaN, confidence,
      warnings: ['no values: no mean and no confidence interval'],
    };
  }
  const m = mean(x);
  if (n < 2) {
    return {
      mean: m, center: m, lo: NaN, hi: NaN, halfWidth: NaN, df: 0, confidence,
      warnings: [
        `only 1 value: a t confidence interval of the mean needs at least 2 (1 more run needed)`,
      ],
    };
  }
  const df = n - 1;
  const se = Math.sqrt(variance(x) / n);
  const q = tQuantile(1 - (1 - confidence) / 2, df);
  const warnings: string[] = [];
  if (se === 0 || !Number.isFinite(m / se)) {
    if (se === 0) {
      warnings.push(
        `all ${n} values are equal (zero variance): the interval has zero width and understates the uncertainty`,
      );
    }
    return { mean: m, center: m, lo: m - q * se, hi: m + q * se, halfWidth: q * se, df, confidence, warnings };
  }
  // R: tstat <- mx / stderr; cint <- tstat + c(-q, q); cint <- cint * stderr
  const tstat = m / se;
  return {
    mean: m,
    center: m,
    lo: (tstat - q) * se,
    hi: (tstat + q) * se,
    halfWidth: q * se,
    df,
    confidence,
    warnings,
  };
}
