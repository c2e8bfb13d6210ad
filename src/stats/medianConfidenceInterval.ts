import betainc from '@stdlib/math-base-special-betainc';
import { median } from './median.js';

/** A distribution-free interval for the median; structurally a `Summary` (center = sample median). */
export interface MedianInterval {
  /** The sample median (NaN when n = 0). */
  center: number;
  /** Lower bound x₍r₎ (NaN when no interval exists at this level for this n). */
  lo: number;
  /** Upper bound x₍n+1−r₎ (NaN when no interval exists). */
  hi: number;
  /** The requested confidence level. */
  confidence: number;
  /** Exact coverage of [x₍r₎, x₍n+1−r₎] for a continuous distribution: 1 − 2·P(Bin(n, ½) ≤ r − 1). */
  achievedCoverage: number;
  /** 1-based rank r of the lower bound (NaN when no interval). */
  lowerRank: number;
  /** 1-based rank n + 1 − r of the upper bound (NaN when no interval). */
  upperRank: number;
  /** Smallest number of runs for which an interval at this level exists (reported when n is too small). */
  runsNeeded?: number;
  /** Why the interval is missing or should be read with care. */
  warnings: string[];
}

const EXACT_LIMIT = 1000;
/** Relative tolerance on α in the rank rule. */
const FUZZ = 1e-12;

/**
 * P(Bin(n, ½) ≤ k): exact (big-integer sum of binomial coefficients, then one rounding) for
 * n ≤ 1000, otherwise the regularized incomplete beta I_½(n − k, k + 1), as R's `pbinom`.
 */
function pbinomHalf(k: number, n: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  if (n <= EXACT_LIMIT) {
    let c = 1n;
    let sum = 1n;
    const bn = BigInt(n);
    for (let i = 1n; i <= BigInt(k); i++) {
      c = (c * (bn - i + 1n)) / i;
      sum += c;
    }
    // sum < 2^n, so sum / 2^n rounds once (Number(bigint) rounds to nearest) and the scaling is exact.
    return Number(sum) / 2 ** n;
  }
  return betainc(0.5, n - k, k + 1, true, false);
}

/**
 * Exact distribution-free confidence interval of the median from order statistics (the sign-test
 * interval): [x₍r₎, x₍n+1−r₎] for the sorted sample x₍1₎ ≤ … ≤ x₍n₎, whose coverage for any
 * continuous distribution is exactly 1 − 2·P(Bin(n, ½) ≤ r − 1).
 *
 * The rule: with α = 1 − confidence, r is the **largest** integer 1 ≤ r ≤ (n + 1)/2 with
 * 2·P(Bin(n, ½) ≤ r − 1) ≤ α·(1 + 1e-12), so the achieved coverage is ≥ confidence and as close to
 * it as the order statistics allow (the shortest such interval). The 1e-12 relative fuzz (like the
 * one in R's `qbinom`) keeps exact ties such as n = 3 at 75 % (coverage exactly 0.75), which R's
 * `pbinom` misses by one rounding. Equivalently r = qbinom(α/2, n, ½), plus one when
 * P(Bin(n, ½) ≤ r) equals α/2. With ties in the data the interval is still valid (conservative).
 * P(Bin(n, ½) ≤ k) is computed exactly (one rounding) for n ≤ 1000 and by the regularized
 * incomplete beta function beyond.
 *
 * When even [min, max] falls short (2·½ⁿ > α·(1 + 1e-12), e.g. n < 6 at 95 %) there is no interval:
 * lo = hi = NaN, and the warning and `runsNeeded` give the smallest n that has one (⌈log₂(2/α)⌉).
 *
 * Reference: Conover, W. J. (1999), Practical Nonparametric Statistics, 3rd ed., §3.2 (confidence
 * interval for a quantile); Hollander, M., Wolfe, D. A. & Chicken, E. (2014), Nonparametric
 * Statistical Methods, 3rd ed., §3.6.
 * @throws {RangeError} when `confidence` is not in (0, 1) or `x` contains NaN.
 * @example medianConfidenceInterval([3, 1, 4, 1, 5, 9, 2, 6])
 * // { center: 3.5, lo: 1, hi: 9, confidence: 0.95, achievedCoverage: 0.9921875,
 * //   lowerRank: 1, upperRank: 8, warnings: [] }
 */
export function medianConfidenceInterval(x: readonly number[], confidence = 0.95): MedianInterval {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`medianConfidenceInterval: expected confidence in (0, 1), found ${confidence}`);
  }
  if (x.some(Number.isNaN)) {
    throw new RangeError('medianConfidenceInterval: expected numbers, found NaN');
  }
  const n = x.length;
  const alpha = 1 - confidence;
  const limit = alpha * (1 + FUZZ);
  const center = n > 0 ? median(x) : NaN;
  // 2 · P(Bin(n, ½) ≤ 0) = 2 · 2^-n ≤ α(1 + 1e-12) is needed for r = 1.
  if (n === 0 || 2 * pbinomHalf(0, n) > limit) {
    let needed = Math.max(n, 1);
    while (2 * 0.5 ** needed > limit) needed++;
    const widest = n > 0 ? 1 - 2 * pbinomHalf(0, n) : 0;
    const pct = (v: number) => `${+(v * 100).toPrecision(6)}%`;
    return {
      center,
      lo: NaN,
      hi: NaN,
      confidence,
      achievedCoverage: NaN,
      lowerRank: NaN,
      upperRank: NaN,
      runsNeeded: needed,
      warnings: [
        `n = ${n} is too few for a distribution-free ${pct(confidence)} interval of the median` +
          (n > 0 ? ` (even [min, max] covers only ${pct(widest)})` : '') +
          `: at least ${needed} runs are needed (${needed - n} more)`,
      ],
    };
  }
  // Largest r in [1, floor((n + 1) / 2)] with 2 · P(B ≤ r − 1) ≤ α(1 + 1e-12); the cdf increases with r.
  let lo = 1;
  let hi = Math.floor((n + 1) / 2);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (2 * pbinomHalf(mid - 1, n) <= limit) lo = mid;
    else hi = mid - 1;
  }
  const r = lo;
  const sorted = [...x].sort((a, b) => a - b);
  return {
    center,
    lo: sorted[r - 1],
    hi: sorted[n - r],
    confidence,
    achievedCoverage: 1 - 2 * pbinomHalf(r - 1, n),
    lowerRank: r,
    upperRank: n + 1 - r,
    warnings: [],
  };
}
