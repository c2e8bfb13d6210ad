import { normalQuantile, normalSf } from './distributions.js';

/** Result of {@link shapiroWilk}. */
export interface ShapiroWilkResult {
  /** The W statistic, in (0, 1]. */
  W: number;
  /** p-value of W (Royston's normalising approximation; exact for n = 3). */
  p: number;
}

/** Polynomial c[0] + c[1] x + … (AS 181.2 `poly`, evaluated as in swilk.c). */
function poly(cc: readonly number[], x: number): number {
  const nord = cc.length;
  let ret = cc[0];
  if (nord > 1) {
    let p = x * cc[nord - 1];
    for (let j = nord - 2; j > 0; j--) p = (p + cc[j]) * x;
    ret += p;
  }
  return ret;
}

const sign = (v: number): number => (v > 0 ? 1 : v === 0 ? 0 : -1);

// Polynomial coefficients of AS R94 (Royston 1995), as in R's swilk.c.
const G = [-2.273, 0.459];
const C1 = [0, 0.221157, -0.147981, -2.07119, 4.434685, -2.706056];
const C2 = [0, 0.042981, -0.293762, -1.752461, 5.682633, -3.582633];
const C3 = [0.544, -0.39978, 0.025054, -6.714e-4];
const C4 = [1.3822, -0.77857, 0.062767, -0.0020322];
const C5 = [-1.5861, -0.31082, -0.083751, 0.0038915];
const C6 = [-0.4803, -0.082676, 0.0030302];
const SMALL = 1e-19;

/**
 * Shapiro–Wilk test of normality, W statistic and p-value, a faithful port of R's
 * `shapiro.test` (src/library/stats/R/shapiro.test.R) and its C routine swilk.c, which implements
 * Royston's algorithm AS R94: coefficients from normal order-statistic approximations, W as the
 * squared correlation of the sorted data with them (1 − W computed without cancellation), and the
 * p-value from a normalising transformation of W (log(1 − W) for n ≥ 12, −log(γ − log(1 − W)) for
 * 4 ≤ n ≤ 11, where R returns p = 1e-99 if log(1 − W) ≥ γ), exact for n = 3. As in R, samples with a
 * range below 1e-10 are rescaled by it first. The p-value is an upper normal tail computed directly.
 *
 * Reference: Royston, P. (1995), Remark AS R94: A remark on algorithm AS 181: the W-test for
 * normality, Applied Statistics 44(4), 547–551; Shapiro, S. S. & Wilk, M. B. (1965), Biometrika
 * 52, 591–611; R Core Team, stats/src/swilk.c (R 4.2).
 *
 * @throws {RangeError} when n is outside 3..5000 (R: "sample size must be between 3 and 5000"),
 * when all values are equal (R: "all 'x' values are identical"), or when x contains a non-finite
 * value (R drops NA first; drop missing values before calling). Callers report these as warnings.
 * @example
 * shapiroWilk([2.1, 3.4, 1.9, 5.6, 4.4, 3.3, 2.8, 4.0, 3.9, 12.5])
 * // { W: 0.7044244760449494, p: 0.00099668854668077 } (R: W = 0.70442, p-value = 0.0009967)
 */
export function shapiroWilk(x: readonly number[]): ShapiroWilkResult {
  const n = x.length;
  if (n < 3 || n > 5000) throw new RangeError(`shapiroWilk: sample size must be between 3 and 5000, found ${n}`);
  if (!x.every(Number.isFinite)) throw new RangeError('shapiroWilk: x contains a non-finite value');
  let xs = [...x].sort((a, b) => a - b);
  const rng = xs[n - 1] - xs[0];
  if (rng === 0) throw new RangeError("shapiroWilk: all 'x' values are identical");
  if (rng < 1e-10) xs = xs.map((v) => v / rng);

  const nn2 = Math.floor(n / 2);
  const a = new Array<number>(nn2 + 1).fill(0); // 1-based as in swilk.c
  const an = n;
  if (n === 3) {
    a[1] = 0.70710678; // sqrt(1/2), truncated as in swilk.c
  } else {
    const an25 = an + 0.25;
    let summ2 = 0;
    for (let i = 1; i <= nn2; i++) {
      a[i] = normalQuantile((i - 0.375) / an25);
      summ2 += a[i] * a[i];
    }
    summ2 *= 2;
    const ssumm2 = Math.sqrt(summ2);
    const rsn = 1 / Math.sqrt(an);
    const a1 = poly(C1, rsn) - a[1] / ssumm2;
    let i1: number;
    let fac: number;
    if (n > 5) {
      i1 = 3;
      const a2 = -a[2] / ssumm2 + poly(C2, rsn);
      fac = Math.sqrt((summ2 - 2 * (a[1] * a[1]) - 2 * (a[2] * a[2])) / (1 - 2 * (a1 * a1) - 2 * (a2 * a2)));
      a[2] = a2;
    } else {
      i1 = 2;
      fac = Math.sqrt((summ2 - 2 * (a[1] * a[1])) / (1 - 2 * (a1 * a1)));
    }
    a[1] = a1;
    for (let i = i1; i <= nn2; i++) a[i] /= -fac;
  }

  const range = xs[n - 1] - xs[0];
  if (range < SMALL) throw new RangeError("shapiroWilk: all 'x' values are identical");

  // Sums of the range-scaled data and of the antisymmetric coefficient vector.
  // (swilk.c also flags unsorted input here, ifault = 7, which R ignores; xs is sorted.)
  let sx = xs[0] / range;
  let sa = -a[1];
  for (let i = 1, j = n - 1; i < n; j--) {
    sx += xs[i] / range;
    i++;
    if (i !== j) sa += sign(i - j) * a[Math.min(i, j)];
  }
  sa /= n;
  sx /= n;
  let ssa = 0;
  let ssx = 0;
  let sax = 0;
  for (let i = 0, j = n - 1; i < n; i++, j--) {
    const asa = i !== j ? sign(i - j) * a[1 + Math.min(i, j)] - sa : -sa;
    const xsx = xs[i] / range - sx;
    ssa += asa * asa;
    ssx += xsx * xsx;
    sax += asa * xsx;
  }
  // w1 = 1 − W without cancellation for W near 1.
  const ssassx = Math.sqrt(ssa * ssx);
  const w1 = ((ssassx - sax) * (ssassx + sax)) / (ssa * ssx);
  const W = 1 - w1;

  if (n === 3) {
    const pi6 = 1.90985931710274; // 6/pi
    const stqr = 1.0471975511966; // asin(sqrt(3/4))
    const p = pi6 * (Math.asin(Math.sqrt(W)) - stqr);
    return { W, p: p < 0 ? 0 : p };
  }
  let y = Math.log(w1);
  const lxx = Math.log(an);
  let m: number;
  let s: number;
  if (n <= 11) {
    const gamma = poly(G, an);
    if (y >= gamma) return { W, p: 1e-99 }; // R's "obvious" value
    y = -Math.log(gamma - y);
    m = poly(C3, an);
    s = Math.exp(poly(C4, an));
  } else {
    m = poly(C5, lxx);
    s = Math.exp(poly(C6, lxx));
  }
  return { W, p: normalSf((y - m) / s) };
}
