import { mean } from './mean.js';
import { variance } from './variance.js';
import { tQuantile, tTwoSided } from './distributions.js';

/** Result of {@link welchTTest}. Every number is NaN when `reason` is set. */
export interface WelchTTestResult {
  /** t statistic (mean x − mean y) / se. */
  t: number;
  /** Welch–Satterthwaite degrees of freedom. */
  df: number;
  /** Two-sided p-value, P(|T| >= |t|), never rounded to 0 by cancellation. */
  p: number;
  /** mean(x) − mean(y). */
  meanDiff: number;
  /** Lower bound of the confidence interval for mean(x) − mean(y). */
  lo: number;
  /** Upper bound of that interval. */
  hi: number;
  /** Standard error sqrt(var x / nx + var y / ny). */
  se: number;
  /** Confidence level of [lo, hi]. */
  confidence: number;
  /** Why the test could not be computed (R stops with this message); absent when it could. */
  reason?: string;
}

/**
 * Welch's unequal-variances two-sample t-test (two-sided), with the Welch–Satterthwaite degrees of
 * freedom and a confidence interval for the difference of means, exactly as R's `t.test(x, y)`
 * (var.equal = FALSE, mu = 0): se = sqrt(vx/nx + vy/ny), df = se⁴ / ((vx/nx)²/(nx−1) + (vy/ny)²/(ny−1)),
 * p = 2·P(T_df > |t|), interval (t ∓ qt(1 − α/2, df))·se.
 *
 * Where R stops with an error the result carries NaN and a `reason` instead: fewer than 2 values
 * in a group ("not enough 'x' observations"), or se < 10·ε·max(|mean x|, |mean y|) ("data are
 * essentially constant", e.g. both groups have zero variance).
 *
 * Reference: Welch, B. L. (1947). The generalization of "Student's" problem when several different
 * population variances are involved. Biometrika 34, 28–35; R Core Team, `t.test.default` (R 4.2).
 * @throws {RangeError} when a value is not finite or confidence is not in (0, 1).
 * @example welchTTest([4.1, 5.3, 6.2], [7.9, 8.4, 9.6, 10.2])
 * // { t: -4.742049314409139, df: 4.470034937583955, p: 0.0068433472750436646, meanDiff: -3.825,
 * //   lo: -5.974632911941096, hi: -1.6753670880589044, se: 0.8066132902450839, confidence: 0.95 }
 */
export function welchTTest(x: readonly number[], y: readonly number[], confidence = 0.95): WelchTTestResult {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`welchTTest: confidence must be in (0, 1), got ${confidence}`);
  }
  for (const v of [...x, ...y]) {
    if (!Number.isFinite(v)) throw new RangeError(`welchTTest: values must be finite, found ${v}`);
  }
  const nan = (reason: string): WelchTTestResult => ({
    t: NaN, df: NaN, p: NaN, meanDiff: NaN, lo: NaN, hi: NaN, se: NaN, confidence, reason,
  });
  if (x.length < 2) return nan(`not enough 'x' observations (${x.length}; Welch's test needs at least 2 per group)`);
  if (y.length < 2) return nan(`not enough 'y' observations (${y.length}; Welch's test needs at least 2 per group)`);
  const nx = x.length;
  const ny = y.length;
  const mx = mean(x);
  const my = mean(y);
  const sx2 = variance(x) / nx;
  const sy2 = variance(y) / ny;
  const se = Math.sqrt(sx2 + sy2);
  if (se < 10 * Number.EPSILON * Math.max(Math.abs(mx), Math.abs(my)) || se === 0) {
    return { ...nan('data are essentially constant (both groups have zero variance)'), meanDiff: mx - my };
  }
  const df = (se * se * se * se) / ((sx2 * sx2) / (nx - 1) + (sy2 * sy2) / (ny - 1));
  const t = (mx - my) / se;
  const q = tQuantile(1 - (1 - confidence) / 2, df);
  return {
    t,
    df,
    p: tTwoSided(t, df),
    meanDiff: mx - my,
    lo: (t - q) * se,
    hi: (t + q) * se,
    se,
    confidence,
  };
}
