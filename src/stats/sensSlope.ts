import { normalQuantile } from './distributions.js';
import { selectInPlace } from './median.js';

/** Result of {@link sensSlope}. */
export interface SensSlopeResult {
  /** Sen's slope: the median of the n(n − 1)/2 pairwise slopes (y_j − y_i)/(j − i), i < j. */
  slope: number;
  /** Lower confidence bound: the `lowerRank`-th smallest slope (NaN when that rank is below 1). */
  lo: number;
  /** Upper confidence bound: the `upperRank`-th smallest slope (NaN when above the number of slopes). */
  hi: number;
  /** Confidence level of [lo, hi] (nominal: it rests on the normal approximation of Kendall's S). */
  confidence: number;
  /** Number of values. */
  n: number;
  /** Var(S) of the Mann–Kendall S with the tie correction over the tie groups of y. */
  varianceS: number;
  /** round((N − C)/2), N = n(n − 1)/2, C = z_{1−α/2}·√Var(S) (R's round: halves to even). */
  lowerRank: number;
  /** round((N + C)/2 + 1). */
  upperRank: number;
  /** Why a bound is NaN. */
  warnings: string[];
}

/**
 * The slopes' buffer, reused from call to call up to SLOPES_KEPT slopes (longer series get their
 * own): on the machines measured, a fresh 30 MB array (n = 2,750) cost more in page faults than
 * computing the slopes written into it. Every slope is written before it is read.
 */
let slopes = new Float64Array(0);
const SLOPES_KEPT = 2 ** 23;

/** A buffer of exactly `size` values (contents undefined). */
function slopeBuffer(size: number): Float64Array {
  if (size > SLOPES_KEPT) return new Float64Array(size);
  if (slopes.length < size) slopes = new Float64Array(size);
  return slopes.subarray(0, size);
}

/** R's round(x) to an integer: IEC 60559 rounding, halves to the even neighbour. */
function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/**
 * Sen's slope of a series in run order (the change per repetition) and its nonparametric
 * confidence interval, as `trend::sens.slope(y, conf.level)` (trend 1.1.x).
 *
 * 1. The N = n(n − 1)/2 slopes d_ij = (y_j − y_i)/(j − i), 1 ≤ i < j ≤ n; the estimate is their median.
 * 2. Var(S) = (n(n − 1)(2n + 5) − Σ t(t − 1)(2t + 5))/18 over the tie groups t of y (Mann–Kendall).
 * 3. C = z_{1−α/2}·√Var(S), α = 1 − confidence; the bounds are the slopes of ranks
 *    M₁ = round((N − C)/2) and M₂ = round((N + C)/2 + 1) among the sorted slopes (Gilbert's M₁-th
 *    and (M₂ + 1)-th with the ranks rounded, as trend does, rather than interpolated).
 * A rank outside 1..N (n too small for the confidence asked: at 95 %, n ≤ 3 for both bounds) leaves
 * that bound NaN, with a warning (trend returns an empty or NA bound there).
 *
 * Time and memory O(n²) (all slopes are kept; the few order statistics needed are selected, not
 * sorted): meant for the repetitions of one configuration, not for series of many thousands.
 *
 * Times are the positions 1..n (equally spaced runs). The interval inverts the Mann–Kendall test,
 * so it assumes independent values; under serial correlation it is too narrow.
 *
 * Reference: Sen, P. K. (1968), "Estimates of the regression coefficient based on Kendall's tau",
 * JASA 63, 1379–1389; Theil, H. (1950), "A rank-invariant method of linear and polynomial regression
 * analysis", Indagationes Math. 12; Gilbert, R. O. (1987), *Statistical Methods for Environmental
 * Pollution Monitoring*, §16.5; Pohlert, T., R package `trend`, `sens.slope` (not installed where the
 * reference values were made: test/stats/reference/dependence.R writes its formula in base R).
 * @throws {RangeError} fewer than 2 values, a non-finite value, or confidence not in (0, 1).
 * @example
 * sensSlope([10.1, 10.4, 10.2, 10.9, 11.3, 11.0, 11.6, 11.4])
 * // { slope: 0.23666666666666647, lo: 0.04999999999999982, hi: 0.3000000000000007, confidence: 0.95, n: 8,
 * //   varianceS: 65.33333333333333, lowerRank: 6, upperRank: 23, warnings: [] }
 */
export function sensSlope(y: readonly number[], confidence = 0.95): SensSlopeResult {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`sensSlope: expected confidence in (0, 1), found ${confidence}`);
  }
  const n = y.length;
  if (n < 2) throw new RangeError(`sensSlope: expected at least 2 values, found ${n}`);
  const bad = y.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new RangeError(`sensSlope: value ${bad + 1} is not finite (${y[bad]})`);
  // 1. pairwise slopes
  const N = (n * (n - 1)) / 2;
  const d = slopeBuffer(N);
  let k = 0;
  let negativeZero = false;
  for (let i = 0; i < n - 1; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = (y[j] - y[i]) / (j - i);
      d[k++] = v;
      if (v === 0 && 1 / v < 0) negativeZero = true;
    }
  }
  // 2. Var(S) with ties in y
  const s = Float64Array.from(y).sort();
  let tieTerm = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && s[j + 1] === s[i]) j++;
    const t = j - i + 1;
    tieTerm += t * (t - 1) * (2 * t + 5);
    i = j + 1;
  }
  const varianceS = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18;
  // 3. ranks of the bounds
  const C = normalQuantile(1 - (1 - confidence) / 2) * Math.sqrt(varianceS);
  const lowerRank = roundHalfEven((N - C) / 2);
  const upperRank = roundHalfEven((N + C) / 2 + 1);
  // the slopes of those ranks and the middle ones: by selection, in rank order (each found in what
  // lies above the one before), the same values as in the sorted slopes in linear expected time
  // instead of a sort of all N (n = 3,000 runs: 4.5 million slopes); with a −0 among them the
  // slopes are sorted (the sort puts −0 before +0, which the selection holds equal)
  const mid = N % 2 === 1 ? [(N - 1) / 2] : [N / 2 - 1, N / 2];
  const wanted = [...mid, lowerRank - 1, upperRank - 1].filter((r) => r >= 0 && r < N).sort((a, b) => a - b);
  if (negativeZero) d.sort();
  else {
    let from = 0;
    for (const r of wanted) {
      if (r < from) continue; // (the same rank twice)
      selectInPlace(d, from, N - 1, r);
      from = r + 1;
    }
  }
  // the median as R's median(): the middle slope, or the mean of the two middle ones (½a + ½b, one rounding)
  const slope = N % 2 === 1 ? d[(N - 1) / 2] : 0.5 * d[N / 2 - 1] + 0.5 * d[N / 2];
  const warnings: string[] = [];
  const pick = (r: number) => (r >= 1 && r <= N ? d[r - 1] : NaN);
  const lo = pick(lowerRank);
  const hi = pick(upperRank);
  if (Number.isNaN(lo) || Number.isNaN(hi)) {
    warnings.push(
      `${n} values give ${N} slopes: the ${+(confidence * 100).toPrecision(6)}% bound ranks ${lowerRank} and ${upperRank} fall outside 1..${N}, so ${Number.isNaN(lo) && Number.isNaN(hi) ? 'neither bound exists' : Number.isNaN(lo) ? 'there is no lower bound' : 'there is no upper bound'}`,
    );
  }
  return { slope, lo, hi, confidence, n, varianceS, lowerRank, upperRank, warnings };
}
