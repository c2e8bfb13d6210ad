import { mean } from './mean.js';
import { variance } from './variance.js';
import { tQuantile } from './distributions.js';
import { noncentralTCdf, noncentralTSf } from './noncentralT.js';

/** Result of {@link welchPower}. */
export interface WelchPowerResult {
  /** P(|T'| > qt(1 − α/2, df)) for T' noncentral t(df, ncp). */
  power: number;
  /** Noncentrality: (mean x − mean y) / sqrt(s²x/nx + s²y/ny). */
  ncp: number;
  /** Welch–Satterthwaite degrees of freedom. */
  df: number;
  /** Critical value qt(1 − α/2, df). */
  crit: number;
  /** Significance level used. */
  alpha: number;
  /** Why values are NaN; absent when all is well. */
  reason?: string;
}

/**
 * Power of the two-sided Welch t-test at the observed difference ("observed power"): with
 * ncp = (x̄ − ȳ)/sqrt(s²x/nx + s²y/ny) and Welch df, power = P(T' > c) + P(T' < −c), c = qt(1 − α/2, df),
 * T' ~ noncentral t(df, ncp), as R's `pt(c, df, ncp, lower.tail = FALSE) + pt(-c, df, ncp)`.
 * Observed power is a monotone function of the observed p-value and says nothing new about the
 * data; it is offered for planning how many repetitions a comparison of this size would need.
 *
 * Reference: Lenth, R. V. (1989), AS 243 (./noncentralT.js); Hoenig, J. M. & Heisey, D. M. (2001).
 * The abuse of power: the pervasive fallacy of power calculations for data analysis. Am. Stat. 55, 19–24.
 * @throws {RangeError} when a value is not finite or alpha is not in (0, 1).
 * @example welchPower([4.1, 5.3, 6.2], [7.9, 8.4, 9.6, 10.2]).power // 0.9505305141243732
 */
export function welchPower(x: readonly number[], y: readonly number[], alpha = 0.05): WelchPowerResult {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`welchPower: alpha must be in (0, 1), got ${alpha}`);
  for (const v of [...x, ...y]) {
    if (!Number.isFinite(v)) throw new RangeError(`welchPower: values must be finite, found ${v}`);
  }
  const nx = x.length;
  const ny = y.length;
  if (nx < 2 || ny < 2) {
    return { power: NaN, ncp: NaN, df: NaN, crit: NaN, alpha, reason: `needs at least 2 values per group (got ${nx} and ${ny})` };
  }
  const a = variance(x) / nx;
  const b = variance(y) / ny;
  const se = Math.sqrt(a + b);
  if (!(se > 0)) return { power: NaN, ncp: NaN, df: NaN, crit: NaN, alpha, reason: 'both groups are constant: the t statistic is undefined' };
  const df = (se * se * se * se) / ((a * a) / (nx - 1) + (b * b) / (ny - 1));
  const ncp = (mean(x) - mean(y)) / se;
  const crit = tQuantile(1 - alpha / 2, df);
  return { power: noncentralTSf(crit, df, ncp) + noncentralTCdf(-crit, df, ncp), ncp, df, crit, alpha };
}

/**
 * Power of the two-sided, two-sample equal-variance t-test with n per group, as R's
 * `power.t.test(n, delta, sd, sig.level = alpha)$power` (strict = FALSE: the far tail is ignored):
 * P(T' > qt(1 − α/2, 2(n − 1))) with ncp = sqrt(n/2)·|delta|/sd. n may be fractional (> 1).
 * @throws {RangeError} when n <= 1, sd <= 0, or alpha is not in (0, 1).
 * @example powerTTest(17, 1, 1) // 0.807035889516565 (R: 0.80703588951656369)
 */
export function powerTTest(n: number, delta: number, sd: number, alpha = 0.05): number {
  if (!(n > 1)) throw new RangeError(`powerTTest: n must be > 1, got ${n}`);
  if (!(sd > 0)) throw new RangeError(`powerTTest: sd must be > 0, got ${sd}`);
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`powerTTest: alpha must be in (0, 1), got ${alpha}`);
  const nu = (n - 1) * 2;
  return noncentralTSf(tQuantile(1 - alpha / 2, nu), nu, (Math.sqrt(n / 2) * Math.abs(delta)) / sd);
}

/** Result of {@link powerTTestN}. */
export interface PowerTTestNResult {
  /** Per-group sample size solving power(n) = target, to full precision (fractional). */
  n: number;
  /** Repetitions to run per group: ceil(n). */
  ceiling: number;
}

/**
 * Sample size per group of a two-sided, two-sample t-test to reach `power` for a true difference
 * `delta` with common standard deviation `sd`, as R's `power.t.test(delta =, sd =, power =,
 * sig.level = alpha)$n`. R finds the root with `uniroot(tol = .Machine$double.eps^0.25)` on
 * [2, 1e7], so R's printed n is only good to ~1e-4; here the root is found by bisection to the last
 * bit (R with `tol = 1e-12` agrees to ~1e-12), and `ceiling` is the number of repetitions to run.
 * Below n = 2 the search continues down towards 1 (R's extendInt = "upX").
 *
 * Reference: R Core Team, `power.t.test` (R 4.2); Cohen, J. (1988). Statistical Power Analysis for
 * the Behavioral Sciences, 2nd ed.
 * @throws {RangeError} when delta is 0 or not finite, sd <= 0, power not in (alpha, 1), alpha not in
 *   (0, 1), or more than 1e7 per group would be needed.
 * @example powerTTestN(1, 1) // { n: 16.71475983115782, ceiling: 17 } (R, tol = 1e-12: 16.71475983115794)
 */
export function powerTTestN(delta: number, sd: number, power = 0.8, alpha = 0.05): PowerTTestNResult {
  if (!Number.isFinite(delta) || delta === 0) throw new RangeError(`powerTTestN: delta must be finite and non-zero, got ${delta}`);
  if (!(sd > 0) || !Number.isFinite(sd)) throw new RangeError(`powerTTestN: sd must be > 0, got ${sd}`);
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`powerTTestN: alpha must be in (0, 1), got ${alpha}`);
  if (!(power > alpha / 2 && power < 1)) throw new RangeError(`powerTTestN: power must be in (alpha/2, 1), got ${power}`);
  const f = (n: number) => powerTTest(n, delta, sd, alpha) - power; // increasing in n
  let lo = 2;
  let hi = 1e7;
  if (f(hi) < 0) throw new RangeError(`powerTTestN: more than 1e7 per group would be needed`);
  if (f(lo) > 0) {
    // Extend downwards towards the limit n -> 1 (df -> 0), as extendInt = "upX" would.
    hi = lo;
    lo = 1 + 1e-9;
    if (f(lo) > 0) return { n: lo, ceiling: 2 };
  }
  for (let i = 0; i < 2000; i++) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    const fm = f(mid);
    if (fm === 0) {
      lo = mid;
      hi = mid;
      break;
    }
    if (fm < 0) lo = mid;
    else hi = mid;
  }
  const n = 0.5 * (lo + hi);
  return { n, ceiling: Math.ceil(n) };
}
