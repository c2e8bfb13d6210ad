import { mean } from './mean.js';
import { median } from './median.js';
import { fSf } from './distributions.js';

/** Centre subtracted within each group: 'mean' (Levene 1960) or 'median' (Brown & Forsythe 1974). */
export type LeveneCenter = 'mean' | 'median';

/** Result of {@link levene}: the one-way ANOVA F test on absolute deviations. */
export interface LeveneResult {
  /** F statistic (Infinity when the deviations are constant within every group but differ between
   * groups; NaN when they are all equal, see `warning`). */
  F: number;
  /** Numerator degrees of freedom k − 1. */
  df1: number;
  /** Denominator degrees of freedom N − k. */
  df2: number;
  /** Upper-tail p-value P(F_{df1,df2} > F), computed directly (not as 1 − cdf). */
  p: number;
  center: LeveneCenter;
  /** Set when the within-group spread of the deviations is 0, so the F ratio is degenerate. */
  warning?: string;
}

/**
 * Levene's test for homogeneity of variance: a one-way ANOVA of z_ij = |x_ij − c_i| across the
 * groups, where c_i is the mean (Levene 1960, `center = 'mean'`) or the median (Brown & Forsythe
 * 1974, `center = 'median'`, see brownForsythe.ts) of group i. Matches
 * `car::leveneTest(y, group, center = mean)` / `(center = median)` and base R
 * `anova(lm(abs(y - centre[group]) ~ group))`.
 *
 * F = [Σ n_i (z̄_i − z̄)² / (k − 1)] / [Σ_i Σ_j (z_ij − z̄_i)² / (N − k)], p = P(F_{k−1, N−k} > F).
 * Groups of one value are allowed (their deviation is 0, as in R).
 *
 * Reference: Levene, H. (1960), Robust tests for equality of variances, in Contributions to
 * Probability and Statistics, Stanford Univ. Press, 278–292; Brown, M. B. & Forsythe, A. B. (1974),
 * Robust tests for the equality of variances, JASA 69(346), 364–367; Fox & Weisberg, R package
 * car, `leveneTest`. Tested against car 3.1 in test/stats/reference/homogeneity.R.
 *
 * @throws {RangeError} when fewer than 2 groups are given, a group is empty, a value is not finite,
 * or there are no within-group degrees of freedom (N ≤ k, i.e. every group has one value).
 * @example
 * levene([[4.2, 5.1, 3.9, 4.8, 5.5, 4.4], [6.1, 5.2, 6.8, 5.9, 6.3, 5.5]])
 * // { F: 0.0852272727…, df1: 1, df2: 10, p: 0.776301388…, center: 'mean' }
 */
export function levene(groups: readonly (readonly number[])[], center: LeveneCenter = 'mean'): LeveneResult {
  const k = groups.length;
  if (k < 2) throw new RangeError(`levene: expected at least 2 groups, found ${k}`);
  groups.forEach((g, i) => {
    if (g.length === 0) throw new RangeError(`levene: group ${i} is empty`);
    if (!g.every(Number.isFinite)) throw new RangeError(`levene: group ${i} contains a non-finite value`);
  });
  const N = groups.reduce((s, g) => s + g.length, 0);
  if (N <= k) throw new RangeError(`levene: no within-group degrees of freedom (N = ${N}, k = ${k} groups)`);

  const z = groups.map((g) => {
    const c = center === 'mean' ? mean(g) : median(g);
    return g.map((v) => Math.abs(v - c));
  });
  const zbar = z.map((zi) => mean(zi));
  const grand = mean(z.flat());
  let ssb = 0;
  let ssw = 0;
  z.forEach((zi, i) => {
    const d = zbar[i] - grand;
    ssb += zi.length * d * d;
    for (const v of zi) ssw += (v - zbar[i]) * (v - zbar[i]);
  });
  const df1 = k - 1;
  const df2 = N - k;
  if (ssw === 0) {
    if (ssb === 0) {
      return { F: NaN, df1, df2, p: NaN, center, warning: 'all absolute deviations are equal: F is undefined' };
    }
    return { F: Infinity, df1, df2, p: 0, center, warning: 'absolute deviations are constant within each group: F is infinite' };
  }
  const F = ssb / df1 / (ssw / df2);
  return { F, df1, df2, p: fSf(F, df1, df2), center };
}
