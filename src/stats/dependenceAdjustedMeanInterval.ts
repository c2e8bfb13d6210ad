import { autocorrelations, autocovariances } from './autocorrelation.js';
import { tQuantile } from './distributions.js';
import { mean } from './mean.js';
import { variance } from './variance.js';

/** How {@link dependenceAdjustedMeanInterval} accounts for serial dependence. */
export type DependenceAdjustment = 'ar1' | 'newey-west' | 'batch-means';

/** Options of {@link dependenceAdjustedMeanInterval}. */
export interface DependenceAdjustedOptions {
  /** Confidence level, default 0.95. */
  confidence?: number;
  /** 'newey-west': the truncation lag L (integer in 0..n − 1); default ⌊4(n/100)^(2/9)⌋. */
  lag?: number;
  /** 'batch-means': the number of batches b (integer in 2..n); default ⌊√n⌋. */
  batches?: number;
}

/** A confidence interval of the mean of a serially dependent series, with its effective n. */
export interface DependenceAdjustedMeanInterval {
  method: DependenceAdjustment;
  /** The point estimate: the sample mean ('batch-means': the mean of the values in whole batches). */
  mean: number;
  /** Lower bound, mean − halfWidth (NaN when the effective n leaves no degrees of freedom). */
  lo: number;
  /** Upper bound, mean + halfWidth. */
  hi: number;
  /** t_{1−α/2}(df) · se. */
  halfWidth: number;
  /** Standard error of the mean accounting for the dependence. */
  se: number;
  /** The naive standard error sd/√n, which assumes independent values. */
  naiveSe: number;
  /** Effective number of independent values: s²/se² ('ar1', 'newey-west': n / max(1, inflation)). */
  nEff: number;
  /** Degrees of freedom of the t quantile: nEff − 1, or b − 1 for batch means. */
  df: number;
  confidence: number;
  /**
   * Variance inflation of the mean against independence, before any capping: 'ar1' (1 + ρ)/(1 − ρ)
   * with ρ = max(0, r₁); 'newey-west' 1 + 2 Σ_{j≤L} (1 − j/(L + 1)) r_j; 'batch-means' (se/se_naive)²
   * over the values used.
   */
  inflation: number;
  /** 'ar1': the lag-1 autocorrelation r₁ (R's acf), before truncation at 0. */
  rho1?: number;
  /** 'newey-west': the truncation lag L. */
  lag?: number;
  /** 'newey-west': the long-run variance γ₀ + 2 Σ (1 − j/(L + 1)) γ_j (divisor n); √(it/n) is sandwich's NeweyWest SE. */
  longRunVariance?: number;
  /** 'batch-means': the number of batches b. */
  batches?: number;
  /** 'batch-means': values per batch, m = ⌊n/b⌋. */
  batchSize?: number;
  /** 'batch-means': the b batch means. */
  batchMeans?: number[];
  /** Values used: n, or b·m for batch means (the last n − b·m are left out). */
  used: number;
  /** Why the interval is missing or should be read with care. */
  warnings: string[];
}

/** ⌊4(n/100)^(2/9)⌋, Newey & West's (1994) rule of thumb for the Bartlett kernel, at most n − 1. */
export function neweyWestDefaultLag(n: number): number {
  return Math.min(n - 1, Math.floor(4 * Math.pow(n / 100, 2 / 9)));
}

/**
 * Confidence interval of the mean of a series whose values are serially dependent (repetitions run one
 * after another on one deployment), with the standard error and effective n that account for it.
 * Three estimators of the variance of the mean, chosen by `method`:
 *
 * 1. 'ar1' — the first-order autoregressive correction: ρ = max(0, r₁), r₁ the lag-1 autocorrelation
 *    (R's acf); n_eff = n(1 − ρ)/(1 + ρ), se = s/√n_eff (s the sample sd), t on n_eff − 1 df. Exact
 *    for the variance of the mean of a long AR(1) series; biased when the dependence is not AR(1).
 * 2. 'newey-west' — the Bartlett-kernel long-run variance LRV = γ₀ + 2 Σ_{j=1}^{L} (1 − j/(L + 1)) γ_j
 *    (autocovariances with divisor n, L = ⌊4(n/100)^(2/9)⌋ unless given), the variance sandwich's
 *    `NeweyWest(lm(x ~ 1), lag = L, prewhite = FALSE, adjust = FALSE)` gives as LRV/n. The inflation
 *    f = LRV/γ₀ = 1 + 2 Σ (1 − j/(L + 1)) r_j scales the sample variance: n_eff = n/f,
 *    se = s/√n_eff (so f = 1 gives the naive t interval), t on n_eff − 1 df.
 * 3. 'batch-means' — the first b·m values (m = ⌊n/b⌋, b = ⌊√n⌋ unless given) cut into b consecutive
 *    batches of m; the interval is the t interval of the b batch means (R's `t.test(batchMeans)`),
 *    t on b − 1 df, centred on their mean; n_eff = s²/se² over the values used. Valid when batches
 *    are long enough to be nearly independent.
 *
 * For 'ar1' and 'newey-west' a negative dependence (f < 1) is not used to narrow the interval:
 * n_eff = n/max(1, f) (the raw f is reported as `inflation`). When n_eff ≤ 1 there are no degrees of
 * freedom left: lo, hi and halfWidth are NaN, with a warning. A constant series has se = 0 and an
 * interval of zero width, with a warning.
 *
 * Reference: Bayley, G. V. & Hammersley, J. M. (1946), "The 'effective' number of independent
 * observations in an autocorrelated time series", JRSS Suppl. 8, 184–197; Zwiers, F. W. & von
 * Storch, H. (1995), "Taking serial correlation into account in tests of the mean", J. Climate 8,
 * 336–351; Newey, W. K. & West, K. D. (1987), Econometrica 55, 703–708, and (1994), "Automatic lag
 * selection in covariance matrix estimation", Rev. Econ. Stud. 61, 631–653; Schmeiser, B. (1982),
 * "Batch size effects in the analysis of simulation output", Oper. Res. 30, 556–568; Law, A. M. &
 * Kelton, W. D. (2000), *Simulation Modeling and Analysis*, 3rd ed., §9.5.3; Zeileis, A. (2004),
 * R package `sandwich`, `NeweyWest`.
 * @throws {RangeError} fewer than 3 values (4 for batch means with the default b), a non-finite
 * value, an unknown method, confidence not in (0, 1), lag not an integer in 0..n − 1, or batches not
 * an integer in 2..n.
 * @example
 * dependenceAdjustedMeanInterval([10, 12, 11, 13, 15, 14, 16, 18, 17, 19], 'ar1').nEff
 * // 2.5714285714285716 (r₁ = 0.59: ten values worth about 2.6 independent ones; the interval is
 * // 14.5 ± 10.66 against ± 2.17 for the naive one)
 */
export function dependenceAdjustedMeanInterval(
  x: readonly number[],
  method: DependenceAdjustment,
  options: DependenceAdjustedOptions = {},
): DependenceAdjustedMeanInterval {
  const confidence = options.confidence ?? 0.95;
  const name = 'dependenceAdjustedMeanInterval';
  if (method !== 'ar1' && method !== 'newey-west' && method !== 'batch-means') {
    throw new RangeError(`${name}: expected method 'ar1', 'newey-west' or 'batch-means', found '${String(method)}'`);
  }
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`${name}: expected confidence in (0, 1), found ${confidence}`);
  const n = x.length;
  if (n < 3) throw new RangeError(`${name}: expected at least 3 values, found ${n}`);
  const bad = x.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new RangeError(`${name}: value ${bad + 1} is not finite (${x[bad]})`);
  const q = (df: number) => tQuantile(1 - (1 - confidence) / 2, df);
  const m = mean(x);
  const s2 = variance(x);
  const naiveSe = Math.sqrt(s2 / n);
  const warnings: string[] = [];
  const finish = (
    centre: number,
    se: number,
    nEff: number,
    df: number,
    inflation: number,
    used: number,
    extra: Partial<DependenceAdjustedMeanInterval>,
  ): DependenceAdjustedMeanInterval => {
    let halfWidth = NaN;
    if (!(df > 0)) {
      warnings.push(
        `the effective number of independent values is ${nEff.toPrecision(3)}: with no degrees of freedom left there is no interval (the values are too strongly dependent, or too few)`,
      );
    } else {
      halfWidth = q(df) * se;
      if (se === 0) warnings.push('all values are equal (zero variance): the interval has zero width and understates the uncertainty');
    }
    return {
      method, mean: centre, lo: centre - halfWidth, hi: centre + halfWidth, halfWidth, se, naiveSe, nEff, df, confidence,
      inflation, ...extra, used, warnings,
    };
  };

  if (method === 'ar1') {
    const rho1 = autocorrelations(x, 1)[1];
    const rho = Math.max(0, rho1);
    const inflation = s2 === 0 ? 1 : (1 + rho) / (1 - rho);
    const nEff = n / Math.max(1, inflation);
    return finish(m, Math.sqrt(s2 / nEff), nEff, nEff - 1, inflation, n, { rho1 });
  }

  if (method === 'newey-west') {
    const lag = options.lag ?? neweyWestDefaultLag(n);
    if (!Number.isInteger(lag) || lag < 0 || lag > n - 1) {
      throw new RangeError(`${name}: expected a Newey–West lag that is an integer in 0..${n - 1}, found ${lag}`);
    }
    const g = autocovariances(x, lag);
    let lrv = g[0];
    for (let j = 1; j <= lag; j++) lrv += 2 * (1 - j / (lag + 1)) * g[j];
    const inflation = g[0] === 0 ? 1 : lrv / g[0];
    const nEff = n / Math.max(1, inflation);
    return finish(m, Math.sqrt(s2 / nEff), nEff, nEff - 1, inflation, n, { lag, longRunVariance: lrv });
  }

  // batch means
  const b = options.batches ?? Math.floor(Math.sqrt(n));
  if (!Number.isInteger(b) || b < 2 || b > n) {
    throw new RangeError(`${name}: expected a number of batches that is an integer in 2..${n} (n), found ${b}`);
  }
  const size = Math.floor(n / b);
  const used = b * size;
  const batchMeans: number[] = [];
  for (let i = 0; i < b; i++) batchMeans.push(mean(x.slice(i * size, (i + 1) * size)));
  const centre = mean(batchMeans);
  const se = Math.sqrt(variance(batchMeans) / b);
  const s2used = used >= 2 ? variance(x.slice(0, used)) : NaN;
  const nEff = se === 0 ? used : s2used / (se * se);
  if (used < n) warnings.push(`${n - used} value(s) after the last whole batch (${b} batches of ${size}) are left out`);
  return finish(centre, se, nEff, b - 1, se === 0 ? 1 : used / nEff, used, { batches: b, batchSize: size, batchMeans });
}
