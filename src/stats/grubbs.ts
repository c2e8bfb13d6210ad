import { mean } from './mean.js';
import { variance } from './variance.js';
import { tSf } from './distributions.js';

/** One step of the iterated Grubbs test (on the values still in the sample). */
export interface GrubbsStep {
  /** Sample size at this step. */
  n: number;
  /** Index in the original input of the value tested (the first one, if the extreme is tied). */
  index: number;
  /** The value tested: the one farthest from the mean. */
  value: number;
  /** G = |value − mean| / sd of the current sample. */
  G: number;
  /** Two-sided p-value, min(1, 2 n P(T_{n−2} > t)) (see {@link grubbs}). */
  p: number;
}

/** Why the iteration stopped. */
export type GrubbsStopReason = 'not significant' | 'fewer than 3 values' | 'zero variance';

/** Result of {@link grubbs}. */
export interface GrubbsResult {
  alpha: number;
  /** Every test performed, in order; the last one is the first with p ≥ alpha, unless the
   * iteration ran out of values or of variance. */
  steps: GrubbsStep[];
  /** Original indices of the values removed as outliers, in removal order. */
  flagged: number[];
  stopReason: GrubbsStopReason;
}

/**
 * Grubbs' test for one outlier (Grubbs 1950, 1969), two-sided, iterated: at each step test the value
 * farthest from the mean with G = max|x_i − x̄| / s; while p < alpha, remove it and test again;
 * stop when p ≥ alpha, when fewer than 3 values remain, or when the remaining values are all equal.
 *
 * p-value: the statistic of R package `outliers` 0.15 (L. Komsta), `grubbs.test(x, type = 10,
 * two.sided = TRUE)`, files R/grubbs.test.R and `qgrubbs(..., rev = TRUE)`: with
 * t² = n (n − 2) G² / ((n − 1)² − n G²), the one-sided p is min(1, n P(T_{n−2} > t)) (Pearson &
 * Sekar 1936; Bonferroni bound, exact in the upper tail) and the two-sided p doubles it. The upper
 * tail is computed directly, so p-values such as 1e-45 keep full relative precision, where the
 * package's `1 - pt(t, n - 2)` bottoms out near 1e-16. Where 2 n P(T > t) > 1 the package folds the
 * two-sided value to 2 − 2·min(1, n P(T > t)), which is small again (0 for the evenly spaced 1..20)
 * and would flag non-outliers in an iteration; we return 1 there. Whenever 2 n P(T > t) ≤ 1, i.e.
 * for every p that can fall below alpha ≤ 1, the two agree.
 * When the other n − 1 values are all equal, G attains its maximum (n − 1)/√n and p = 0 exactly.
 * The most extreme value is the lowest if (max − x̄) < (x̄ − min), else the highest, as in the package.
 *
 * Reference: Grubbs, F. E. (1969), Procedures for detecting outlying observations in samples,
 * Technometrics 11(1), 1–21; Komsta, L., R package `outliers` 0.15 (CRAN 2022-03-26). Tested against
 * base-R code of the same formula (test/stats/reference/outliers.R).
 *
 * @param alpha significance level of each step (default 0.05).
 * @throws {RangeError} when `x` contains a non-finite value or alpha is not in (0, 1).
 * @example
 * grubbs([9.8, 10.1, 10.0, 9.9, 10.2, 10.05, 9.95, 10.1, 25])
 * // steps: [{ n: 9, index: 8, value: 25, G: 2.66590739…, p: 1.15389002e-11 },
 * //         { n: 8, index: 0, value: 9.8, G: 1.66698714…, p: 0.53649426… }],
 * // flagged: [8], stopReason: 'not significant'
 */
export function grubbs(x: readonly number[], alpha = 0.05): GrubbsResult {
  if (!x.every(Number.isFinite)) throw new RangeError('grubbs: x contains a non-finite value');
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`grubbs: expected alpha in (0, 1), found ${alpha}`);
  let idx = x.map((_, i) => i);
  const steps: GrubbsStep[] = [];
  const flagged: number[] = [];
  for (;;) {
    if (idx.length < 3) return { alpha, steps, flagged, stopReason: 'fewer than 3 values' };
    const cur = idx.map((i) => x[i]);
    const n = cur.length;
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of cur) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (lo === hi) return { alpha, steps, flagged, stopReason: 'zero variance' };
    const m = mean(cur);
    const s = Math.sqrt(variance(cur));
    const value = hi - m < m - lo ? lo : hi;
    const pos = cur.indexOf(value);
    const G = Math.abs(value - m) / s;
    const rest = cur.filter((_, k) => k !== pos);
    const othersEqual = rest.every((v) => v === rest[0]);
    const den = (n - 1) * (n - 1) - n * G * G;
    const t = othersEqual || den <= 0 ? Infinity : Math.sqrt((n * (n - 2) * G * G) / den);
    const p = Math.min(1, 2 * n * tSf(t, n - 2));
    steps.push({ n, index: idx[pos], value, G, p });
    if (!(p < alpha)) return { alpha, steps, flagged, stopReason: 'not significant' };
    flagged.push(idx[pos]);
    idx = idx.filter((_, k) => k !== pos);
  }
}
