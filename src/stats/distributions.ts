/**
 * Distribution functions used by the tests, with upper tails computed directly (never as `1 - cdf`,
 * which underflows to 0 below ~1e-16). Built on the `@stdlib` special functions, which match R to
 * ~1e-15 relative; jstat was measured and rejected (`studentt.inv` is off by 1.5e-8, tails underflow).
 *
 * Reference: R Core Team, `pt`, `qt`, `pf`, `pchisq`, `pnorm`, `ptukey` (R 4.2, nmath).
 */
import betainc from '@stdlib/math-base-special-betainc';
import gammainc from '@stdlib/math-base-special-gammainc';
import erfc from '@stdlib/math-base-special-erfc';
import tQuantileStd from '@stdlib/stats-base-dists-t-quantile';
import normalQuantileStd from '@stdlib/stats-base-dists-normal-quantile';

/**
 * Standard normal lower tail P(Z <= z), as R's `pnorm(z)`.
 * @example normalCdf(1.959963984540054) // 0.975
 */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/**
 * Standard normal upper tail P(Z > z), as R's `pnorm(z, lower.tail = FALSE)`; exact far in the tail.
 * @example normalSf(10) // 7.619853024160527e-24
 */
export function normalSf(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/**
 * Standard normal quantile, as R's `qnorm(p)`.
 * @example normalQuantile(0.975) // 1.959963984540054
 */
export function normalQuantile(p: number): number {
  return normalQuantileStd(p, 0, 1);
}

/**
 * Student t upper tail P(T > t) with `df` degrees of freedom, as R's `pt(t, df, lower.tail = FALSE)`.
 * @example tSf(2, 10) // 0.03669401738537018
 */
export function tSf(t: number, df: number): number {
  if (Number.isNaN(t) || Number.isNaN(df) || df <= 0) return NaN;
  if (t === Infinity) return 0;
  if (t === -Infinity) return 1;
  const x = df / (df + t * t);
  const tail = 0.5 * betainc(x, df / 2, 0.5, true, false);
  return t > 0 ? tail : 1 - tail;
}

/**
 * Student t lower tail P(T <= t), as R's `pt(t, df)`.
 * @example tCdf(-2, 10) // 0.03669401738537018
 */
export function tCdf(t: number, df: number): number {
  return tSf(-t, df);
}

/**
 * Two-sided p-value of a t statistic: P(|T| >= |t|), computed without cancellation.
 * @example tTwoSided(2, 10) // 0.07338803477074036
 */
export function tTwoSided(t: number, df: number): number {
  if (Number.isNaN(t) || Number.isNaN(df) || df <= 0) return NaN;
  if (!Number.isFinite(t)) return 0;
  return Math.min(1, betainc(df / (df + t * t), df / 2, 0.5, true, false));
}

/**
 * Student t quantile, as R's `qt(p, df)`.
 * @example tQuantile(0.975, 10) // 2.228138851986274
 */
export function tQuantile(p: number, df: number): number {
  if (df === Infinity) return normalQuantile(p);
  return tQuantileStd(p, df);
}

/**
 * F distribution upper tail P(F > f), as R's `pf(f, df1, df2, lower.tail = FALSE)`.
 * @example fSf(3, 2, 20) // 0.07253855216313406
 */
export function fSf(f: number, df1: number, df2: number): number {
  if ([f, df1, df2].some(Number.isNaN) || df1 <= 0 || df2 <= 0) return NaN;
  if (f <= 0) return 1;
  if (f === Infinity) return 0;
  return betainc(df2 / (df2 + df1 * f), df2 / 2, df1 / 2, true, false);
}

/**
 * Chi-squared upper tail P(X > x), as R's `pchisq(x, df, lower.tail = FALSE)`.
 * @example chisqSf(3.84, 1) // 0.05004352124870519
 */
export function chisqSf(x: number, df: number): number {
  if (Number.isNaN(x) || Number.isNaN(df) || df <= 0) return NaN;
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  return gammainc(x / 2, df / 2, true, true);
}

// The studentized range (Tukey) lives in ./qtukey.ts: ports of R's ptukey.c and qtukey.c, so that
// Tukey HSD and Games–Howell intervals match R to 1e-12 (the @stdlib versions differ by up to 1e-6).
