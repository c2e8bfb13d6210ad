import { tQuantile } from './distributions.js';
import { noncentralTNcp, noncentralTSf } from './noncentralT.js';

/** Result of {@link welchMinimumDetectable}. */
export interface MinimumDetectableResult {
  /** The smallest true difference of means (> 0, in the data's units) rejected with `power`. */
  delta: number;
  /** Its noncentrality delta / sqrt(sdA²/nA + sdB²/nB). */
  ncp: number;
  /** Welch–Satterthwaite degrees of freedom of the sizes and standard deviations given. */
  df: number;
  /** Critical value qt(1 − α/2, df). */
  crit: number;
  power: number;
  alpha: number;
  /** Why values are NaN; absent when all is well. */
  reason?: string;
}

/**
 * Power of the two-sided Welch t-test at level `alpha` for a true difference of means `delta`, when
 * the groups have these sizes and standard deviations: P(T' > qt(1 − α/2, ν)) for T' noncentral
 * t with ν = (a + b)² / (a²/(nA − 1) + b²/(nB − 1)), a = sdA²/nA, b = sdB²/nB, and noncentrality
 * |delta| / sqrt(a + b). Rejections in the direction opposite to the difference are not counted
 * (as R's `power.t.test`, strict = FALSE; they add less than 1e-5 at 80% power). A planning
 * quantity for an assumed difference, not "observed power" at the observed one (Hoenig & Heisey
 * 2001). With nA = nB = n and sdA = sdB = sd it is `power.t.test(n, delta, sd, sig.level = alpha)$power`.
 * @throws {RangeError} when a size is below 2, an sd is negative or both are 0, or alpha is not in (0, 1).
 * @example welchPowerAt(1, 10, 1, 10, 1) // 0.5619846 (R: power.t.test(10, 1, 1)$power)
 */
export function welchPowerAt(delta: number, nA: number, sdA: number, nB: number, sdB: number, alpha = 0.05): number {
  const { se, df } = welchScale('welchPowerAt', nA, sdA, nB, sdB, alpha);
  return noncentralTSf(tQuantile(1 - alpha / 2, df), df, Math.abs(delta) / se);
}

/** Welch's standard error and degrees of freedom, after the checks both entry points share. */
function welchScale(name: string, nA: number, sdA: number, nB: number, sdB: number, alpha: number): { se: number; df: number } {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`${name}: alpha must be in (0, 1), got ${alpha}`);
  if (!(nA >= 2 && nB >= 2)) throw new RangeError(`${name}: needs at least 2 values per group, got ${nA} and ${nB}`);
  if (!(sdA >= 0 && sdB >= 0) || !Number.isFinite(sdA) || !Number.isFinite(sdB)) {
    throw new RangeError(`${name}: standard deviations must be finite and >= 0, got ${sdA} and ${sdB}`);
  }
  const a = (sdA * sdA) / nA;
  const b = (sdB * sdB) / nB;
  if (!(a + b > 0)) throw new RangeError(`${name}: both standard deviations are 0: the t statistic is undefined`);
  return { se: Math.sqrt(a + b), df: ((a + b) * (a + b)) / ((a * a) / (nA - 1) + (b * b) / (nB - 1)) };
}

/**
 * The minimum detectable difference of the two-sided Welch t-test: the smallest true difference of
 * means that the test at level `alpha` rejects with probability `power`, at the sizes and standard
 * deviations given — what the comparison could have found, stated before looking at its outcome
 * (unlike post-hoc "observed power", a function of the p-value alone; Hoenig & Heisey 2001).
 * It solves welchPowerAt(δ) = power for δ: with ν and the critical value c = qt(1 − α/2, ν) fixed by
 * the sizes and standard deviations, the noncentrality λ with P(T'(ν, λ) > c) = power is found by
 * Brent's method on the noncentral t (./noncentralT.ts), and δ = λ·sqrt(sdA²/nA + sdB²/nB).
 *
 * Approximation: the sample standard deviations are taken as the true ones and the Welch statistic
 * as noncentral t on the Welch–Satterthwaite df, as MESS::power_t_test(df.method = "welch") does
 * (Ekstrøm). At equal sizes and standard deviations this is exactly R's two-sample model, so the
 * result is `power.t.test(n, sd = sd, power = power, sig.level = alpha)$delta`; unequal ones are
 * checked against a direct `uniroot` on R's `pt(qt(1 − α/2, ν), ν, ncp, lower.tail = FALSE)`, and
 * the rejection rate of R's `t.test` on simulated normal samples at the result is within 0.01 of
 * `power` (test/stats/reference/mde.R).
 *
 * Reference: Cohen, J. (1988), Statistical Power Analysis for the Behavioral Sciences, 2nd ed.;
 * Hoenig, J. M. & Heisey, D. M. (2001), The abuse of power: the pervasive fallacy of power
 * calculations for data analysis, Am. Stat. 55, 19–24; R Core Team, `power.t.test` (R 4.2).
 * Does not throw on degenerate groups (fewer than 2 values, both sds 0): NaN with a reason.
 * @throws {RangeError} when power is not in (alpha/2, 1) or alpha is not in (0, 1).
 * @example welchMinimumDetectable(30, 1, 30, 1).delta // 0.7356219641258… (R: power.t.test(n = 30, sd = 1, power = 0.8)$delta)
 */
export function welchMinimumDetectable(nA: number, sdA: number, nB: number, sdB: number, power = 0.8, alpha = 0.05): MinimumDetectableResult {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`welchMinimumDetectable: alpha must be in (0, 1), got ${alpha}`);
  if (!(power > alpha / 2 && power < 1)) throw new RangeError(`welchMinimumDetectable: power must be in (alpha/2, 1), got ${power}`);
  let scale: { se: number; df: number };
  try {
    scale = welchScale('welchMinimumDetectable', nA, sdA, nB, sdB, alpha);
  } catch (err) {
    return { delta: NaN, ncp: NaN, df: NaN, crit: NaN, power, alpha, reason: (err as Error).message.replace(/^welchMinimumDetectable: /, '') };
  }
  const { se, df } = scale;
  const crit = tQuantile(1 - alpha / 2, df);
  // P(T' > c) = power  <=>  P(T' <= c) = 1 − power, solved for the noncentrality.
  const ncp = noncentralTNcp(crit, df, 1 - power);
  return { delta: ncp * se, ncp, df, crit, power, alpha };
}

/**
 * The difference of means a two-sided, two-sample t-test with `n` runs per group and common
 * standard deviation `sd` detects with `power`, as R's `power.t.test(n = n, sd = sd, power = power,
 * sig.level = alpha)$delta` (R's uniroot stops at ~1e-4 relative by default; this is the exact root).
 * @throws {RangeError} when n < 2, sd <= 0, power not in (alpha/2, 1) or alpha not in (0, 1).
 * @example powerTTestDelta(30, 1) // 0.7356219641258… (R, tol = 1e-12: 0.73562196412584935)
 */
export function powerTTestDelta(n: number, sd: number, power = 0.8, alpha = 0.05): number {
  if (!(sd > 0)) throw new RangeError(`powerTTestDelta: sd must be > 0, got ${sd}`);
  if (!(n >= 2)) throw new RangeError(`powerTTestDelta: n must be >= 2, got ${n}`);
  return welchMinimumDetectable(n, sd, n, sd, power, alpha).delta;
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
