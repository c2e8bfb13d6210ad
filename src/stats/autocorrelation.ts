import { mean } from './mean.js';
import { normalQuantile } from './distributions.js';

function check(name: string, x: readonly number[], maxLag: number): void {
  const n = x.length;
  if (n < 2) throw new RangeError(`${name}: expected at least 2 values, found ${n}`);
  const bad = x.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new RangeError(`${name}: value ${bad + 1} is not finite (${x[bad]})`);
  if (!Number.isInteger(maxLag) || maxLag < 0 || maxLag > n - 1) {
    throw new RangeError(`${name}: expected a lag that is an integer in 0..${n - 1} (n − 1), found ${maxLag}`);
  }
}

/**
 * Sample autocovariances γ_0..γ_maxLag of a series, as R's
 * `acf(x, lag.max = maxLag, type = "covariance", plot = FALSE)$acf`:
 * γ_k = (1/n) Σ_{t=1}^{n−k} (x_t − x̄)(x_{t+k} − x̄), the divisor n at every lag (which keeps the
 * sequence positive semi-definite).
 *
 * Reference: Box, G. E. P. & Jenkins, G. M. (1976), *Time Series Analysis*, §2.1.5; Venables, W. N. &
 * Ripley, B. D. (2002), *Modern Applied Statistics with S*, §14.1; R Core Team, `acf` (filter.c, R 4.2).
 * @throws {RangeError} fewer than 2 values, a non-finite value, or maxLag not an integer in 0..n − 1.
 * @example autocovariances([1, 3, 2, 5, 4, 6, 8, 7, 9, 10], 2) // [ 8.25, 4.775, 3.45 ]
 */
export function autocovariances(x: readonly number[], maxLag: number): number[] {
  check('autocovariances', x, maxLag);
  const n = x.length;
  const m = mean(x);
  const d = x.map((v) => v - m);
  const out: number[] = [];
  for (let lag = 0; lag <= maxLag; lag++) {
    let s = 0;
    for (let i = 0; i < n - lag; i++) s += d[i + lag] * d[i];
    out.push(s / n);
  }
  return out;
}

/**
 * Sample autocorrelations r_0..r_maxLag of a series (r_0 = 1), as R's
 * `acf(x, lag.max = maxLag, plot = FALSE)$acf`: r_k = γ_k / γ_0 with the autocovariances of
 * {@link autocovariances} (demeaned, divisor n at every lag), kept within [−1, 1] as R keeps them.
 * A constant series gives NaN beyond lag 0 (0/0; R gives NaN too).
 *
 * Reference: Box & Jenkins (1976), §2.1.5; R Core Team, `acf` (R 4.2).
 * @throws {RangeError} fewer than 2 values, a non-finite value, or maxLag not an integer in 0..n − 1.
 * @example autocorrelations([1, 3, 2, 5, 4, 6, 8, 7, 9, 10], 2) // [ 1, 0.5787878787878789, 0.4181818181818182 ]
 */
export function autocorrelations(x: readonly number[], maxLag: number): number[] {
  check('autocorrelations', x, maxLag);
  const g = autocovariances(x, maxLag);
  const g0 = g[0];
  if (g0 === 0) return g.map((_, k) => (k === 0 ? 1 : NaN));
  return g.map((v) => Math.min(1, Math.max(-1, v / g0)));
}

/**
 * The lag-`lag` sample autocorrelation of a series (default lag 1), as R's
 * `acf(x, plot = FALSE)$acf[lag + 1]`: see {@link autocorrelations}.
 *
 * Reference: Box & Jenkins (1976), §2.1.5; R Core Team, `acf` (R 4.2).
 * @throws {RangeError} fewer than 2 values, a non-finite value, or lag not an integer in 0..n − 1.
 * @example autocorrelation([1, 3, 2, 5, 4, 6, 8, 7, 9, 10]) // 0.5787878787878789
 */
export function autocorrelation(x: readonly number[], lag = 1): number {
  check('autocorrelation', x, lag);
  return autocorrelations(x, lag)[lag];
}

/**
 * The white-noise band of a sample autocorrelation: ±z_{(1+confidence)/2}/√n, the dashed lines of R's
 * `plot(acf(x))` (`qnorm((1 + ci)/2)/sqrt(n.used)`). Under independence each r_k (k ≥ 1) lies
 * within it with probability ≈ confidence (Bartlett's large-sample variance 1/n); a test of several
 * lags at once is {@link ljungBox}'s.
 *
 * Reference: Bartlett, M. S. (1946), "On the theoretical specification and sampling properties of
 * autocorrelated time-series", JRSS Suppl. 8, 27–41; R Core Team, `plot.acf` (R 4.2).
 * @throws {RangeError} n not an integer ≥ 1, or confidence not in (0, 1).
 * @example autocorrelationWhiteNoiseBound(30) // 0.35783882874343137
 */
export function autocorrelationWhiteNoiseBound(n: number, confidence = 0.95): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`autocorrelationWhiteNoiseBound: expected an integer n >= 1, found ${n}`);
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`autocorrelationWhiteNoiseBound: expected confidence in (0, 1), found ${confidence}`);
  }
  return normalQuantile((1 + confidence) / 2) / Math.sqrt(n);
}
