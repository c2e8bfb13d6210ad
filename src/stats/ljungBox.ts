import { autocorrelations } from './autocorrelation.js';
import { chisqSf } from './distributions.js';

/** Result of {@link ljungBox}. */
export interface LjungBoxResult {
  /** Q = n(n + 2) Σ_{k=1}^{h} r_k²/(n − k) (Ljung–Box) or n Σ r_k² (Box–Pierce). */
  statistic: number;
  /** Degrees of freedom, h (the number of lags). */
  df: number;
  /** Upper tail P(χ²(h) > Q), computed directly (R's Box.test takes 1 − pchisq). */
  pValue: number;
  /** The autocorrelations r_1..r_h used. */
  autocorrelations: number[];
  type: 'Ljung-Box' | 'Box-Pierce';
}

/**
 * Ljung–Box portmanteau test that the first h autocorrelations of a series are all 0 (independent
 * values), as R's `Box.test(x, lag = h, type = "Ljung-Box")` (fitdf = 0): Q = n(n + 2) Σ r_k²/(n − k)
 * with the sample autocorrelations r_k of R's `acf`, referred to χ²(h). `type: 'Box-Pierce'` gives
 * Q = n Σ r_k² instead (R's default type; Ljung–Box is closer to χ² in small samples).
 * With h = 1 it is a test of the lag-1 autocorrelation. A constant series gives NaN.
 *
 * Reference: Ljung, G. M. & Box, G. E. P. (1978), "On a measure of lack of fit in time series
 * models", Biometrika 65, 297–303; Box, G. E. P. & Pierce, D. A. (1970), JASA 65, 1509–1526;
 * R Core Team, `Box.test` (R 4.2).
 * @throws {RangeError} fewer than 3 values, a non-finite value, or h not an integer in 1..n − 1.
 * @example
 * ljungBox([1, 3, 2, 5, 4, 6, 8, 7, 9, 10], 1)
 * // { statistic: 4.466605448423631, df: 1, pValue: 0.03456359441855771,
 * //   autocorrelations: [ 0.5787878787878789 ], type: 'Ljung-Box' }
 */
export function ljungBox(x: readonly number[], lag = 1, type: 'Ljung-Box' | 'Box-Pierce' = 'Ljung-Box'): LjungBoxResult {
  const n = x.length;
  if (n < 3) throw new RangeError(`ljungBox: expected at least 3 values, found ${n}`);
  if (!Number.isInteger(lag) || lag < 1 || lag > n - 1) {
    throw new RangeError(`ljungBox: expected a lag that is an integer in 1..${n - 1} (n − 1), found ${lag}`);
  }
  if (type !== 'Ljung-Box' && type !== 'Box-Pierce') {
    throw new RangeError(`ljungBox: expected type 'Ljung-Box' or 'Box-Pierce', found '${String(type)}'`);
  }
  const r = autocorrelations(x, lag).slice(1);
  let q = 0;
  if (type === 'Ljung-Box') {
    for (let k = 1; k <= lag; k++) q += (1 / (n - k)) * r[k - 1] * r[k - 1];
    q *= n * (n + 2);
  } else {
    for (const v of r) q += v * v;
    q *= n;
  }
  return { statistic: q, df: lag, pValue: chisqSf(q, lag), autocorrelations: r, type };
}
