/**
 * Distribution functions used by the tests, with upper tails computed directly (never as `1 - cdf`,
 * which underflows to 0 below ~1e-16). Built on the `@stdlib` special functions, which match R to
 * ~1e-15 relative; jstat was measured and rejected (`studentt.inv` is off by 1.5e-8, tails underflow).
 *
 * Reference: R Core Team, `pt`, `qt`, `pf`, `pchisq`, `pnorm`, `ptukey` (R 4.2, nmath).
 */
import betainc from '@stdlib/math-base-special-betainc';
import gammainc from '@stdlib/math-base-special-gammainc';
import tQuantileStd from '@stdlib/stats-base-dists-t-quantile';
import normalQuantileStd from '@stdlib/stats-base-dists-normal-quantile';

// Cody's rational Chebyshev approximations of the normal integral (ANORM), coefficients as published
// in Cody, W. J. (1993), "Algorithm 715: SPECFUN", ACM TOMS 19, 22–32, from Cody, W. J. (1969),
// "Rational Chebyshev approximations for the error function", Math. Comp. 23, 631–637.
const NA = [2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249, 0.065682337918207449113];
const NB = [47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956];
const NC = [
  0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226, 2494.5375852903726711, 6848.1904505362823326,
  11602.651437647350124, 9842.7148383839780218, 1.0765576773720192317e-8,
];
const ND = [22.266688044328115691, 235.38790178262499861, 1519.3775994075548050, 6485.5582982667607550, 18615.571640885098091, 34900.952721145977266, 38912.003286093271411, 19685.429676859990727];
const NP = [0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466, 2.9112874951168792e-5, 0.02307344176494017303];
const NQ = [1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244, 7.29751555083966205e-5];
const ONE_OVER_SQRT_2PI = 0.398942280401432677939946059934;

/**
 * P(Z <= x) for the standard normal, by Cody's algorithm with R's regions (`pnorm_both` in R's
 * nmath): |x| ≤ 0.67448975 a rational function of x²; up to √32 a rational function of |x| times
 * exp(−x²/2), the exponential split at x rounded to 1/16 so that it keeps full precision; beyond,
 * an asymptotic rational function of 1/x², down to x = −37.5193 (below, 0; above 8.2924, 1).
 * The upper tail is the lower tail of −x (the algorithm is symmetric), so it never underflows early.
 */
function pnormLower(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const y = Math.abs(x);
  if (y <= 0.67448975) {
    let xnum = 0;
    let xden = 0;
    if (y > Number.EPSILON * 0.5) {
      const xsq = x * x;
      xnum = NA[4] * xsq;
      xden = xsq;
      for (let i = 0; i < 3; i++) {
        xnum = (xnum + NA[i]) * xsq;
        xden = (xden + NB[i]) * xsq;
      }
    }
    return 0.5 + (x * (xnum + NA[3])) / (xden + NB[3]);
  }
  let tail: number; // P(Z > |x|)
  if (y <= Math.sqrt(32)) {
    let xnum = NC[8] * y;
    let xden = y;
    for (let i = 0; i < 7; i++) {
      xnum = (xnum + NC[i]) * y;
      xden = (xden + ND[i]) * y;
    }
    const r = (xnum + NC[7]) / (xden + ND[7]);
    const xsq = Math.trunc(y * 16) / 16;
    const del = (y - xsq) * (y + xsq);
    tail = Math.exp(-xsq * xsq * 0.5) * Math.exp(-del * 0.5) * r;
  } else if (-37.5193 < x && x < 8.2924) {
    const xsq1 = 1 / (x * x);
    let xnum = NP[5] * xsq1;
    let xden = xsq1;
    for (let i = 0; i < 4; i++) {
      xnum = (xnum + NP[i]) * xsq1;
      xden = (xden + NQ[i]) * xsq1;
    }
    let r = (xsq1 * (xnum + NP[4])) / (xden + NQ[4]);
    r = (ONE_OVER_SQRT_2PI - r) / y;
    const xsq = Math.trunc(x * 16) / 16;
    const del = (x - xsq) * (x + xsq);
    tail = Math.exp(-xsq * xsq * 0.5) * Math.exp(-del * 0.5) * r;
  } else {
    return x > 0 ? 1 : 0;
  }
  return x > 0 ? 1 - tail : tail;
}

/**
 * Standard normal lower tail P(Z <= z), as R's `pnorm(z)` (same algorithm: Cody 1993, in R's regions).
 * @example normalCdf(1.959963984540054) // 0.975
 */
export function normalCdf(z: number): number {
  return pnormLower(z);
}

/**
 * Standard normal upper tail P(Z > z), as R's `pnorm(z, lower.tail = FALSE)`; exact far in the tail.
 * @example normalSf(10) // 7.619853024160527e-24
 */
export function normalSf(z: number): number {
  return pnormLower(-z);
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
 * Student t quantile, as R's `qt(p, df)`. Each (p, df) is computed once (an iterative inversion of
 * the incomplete beta function) and then remembered: an analysis asks for the same few again and
 * again (the interval of every configuration of n runs, the repetitions search's cap).
 * @example tQuantile(0.975, 10) // 2.228138851986274
 */
export function tQuantile(p: number, df: number): number {
  if (df === Infinity) return normalQuantile(p);
  let byP = tQuantiles.get(df);
  if (byP === undefined) {
    byP = new Map();
    if (tQuantiles.size < 4096) tQuantiles.set(df, byP);
  }
  let q = byP.get(p);
  if (q === undefined) {
    q = tQuantileStd(p, df);
    if (byP.size < 64) byP.set(p, q);
  }
  return q;
}

/** df -> p -> qt(p, df), as computed (see tQuantile); at most 4,096 df and 64 p each. */
const tQuantiles = new Map<number, Map<number, number>>();

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
