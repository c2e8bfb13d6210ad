import { fSf } from './distributions.js';
import { mean } from './mean.js';
import { variance } from './variance.js';

/** Result of Welch's heteroscedastic one-way ANOVA. */
export interface WelchAnovaResult {
  /** Welch's F statistic. */
  F: number;
  /** Numerator degrees of freedom, k − 1. */
  df1: number;
  /** Denominator degrees of freedom (Welch–Satterthwaite type, not an integer). */
  df2: number;
  /** Upper tail P(F(df1, df2) > F), computed directly so that tiny p-values are not 0. */
  p: number;
  /** Why a value is NaN or should be read with care. */
  warnings: string[];
}

/**
 * Welch's one-way analysis of means not assuming equal variances (Welch's ANOVA).
 *
 * With w_i = n_i / s_i², m = Σ w_i x̄_i / Σ w_i and λ = Σ (1 − w_i/Σw)² / (n_i − 1) / (k² − 1):
 * F = Σ w_i (x̄_i − m)² / ((k − 1)(1 + 2(k − 2)λ)), df = (k − 1, 1 / (3λ)).
 * Matches R's `oneway.test(y ~ g, var.equal = FALSE)`.
 *
 * Reference: Welch, B. L. (1951), "On the comparison of several mean values: an alternative
 * approach", Biometrika 38, 330–336; R Core Team, `oneway.test` (stats).
 *
 * Does not throw on degenerate groups: a group with fewer than 2 values or zero variance makes the
 * weights undefined, so F, df2 and p are NaN with a warning.
 * @throws {RangeError} fewer than 2 groups, an empty group, or a non-finite value.
 * @example
 * welchAnova([[12.1, 14.3, 11.8, 13.5, 12.9], [15.2, 16.1, 14.8, 15.9, 16.4, 15.0, 14.9]])
 * // { F: 24.2663535760293, df1: 1, df2: 6.282499742725383, p: 0.002318556725416619, warnings: [] }
 */
export function welchAnova(groups: readonly (readonly number[])[]): WelchAnovaResult {
  if (groups.length < 2) throw new RangeError(`welchAnova: expected at least 2 groups, found ${groups.length}`);
  groups.forEach((g, i) => {
    if (g.length === 0) throw new RangeError(`welchAnova: group ${i + 1} is empty`);
    const bad = g.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new RangeError(`welchAnova: group ${i + 1} value ${bad + 1} is not finite (${g[bad]})`);
  });
  const k = groups.length;
  const df1 = k - 1;
  const warnings: string[] = [];
  const small = groups.map((g, i) => (g.length < 2 ? i + 1 : 0)).filter((i) => i > 0);
  if (small.length > 0) {
    warnings.push(`group(s) ${small.join(', ')} have fewer than 2 values: Welch's ANOVA needs a variance per group`);
    return { F: NaN, df1, df2: NaN, p: NaN, warnings };
  }
  const n = groups.map((g) => g.length);
  const m = groups.map((g) => mean(g));
  const v = groups.map((g) => variance(g));
  const flat = v.map((x, i) => (x === 0 ? i + 1 : 0)).filter((i) => i > 0);
  if (flat.length > 0) {
    warnings.push(`group(s) ${flat.join(', ')} have zero variance: Welch's weights n/s² are infinite, F is undefined`);
    return { F: NaN, df1, df2: NaN, p: NaN, warnings };
  }
  const w = n.map((ni, i) => ni / v[i]);
  const sw = w.reduce((s, x) => s + x, 0);
  let mw = 0;
  for (let i = 0; i < k; i++) mw += w[i] * m[i];
  mw /= sw;
  let lambda = 0;
  for (let i = 0; i < k; i++) lambda += (1 - w[i] / sw) ** 2 / (n[i] - 1);
  lambda /= k * k - 1;
  let between = 0;
  for (let i = 0; i < k; i++) between += w[i] * (m[i] - mw) ** 2;
  const F = between / ((k - 1) * (1 + 2 * (k - 2) * lambda));
  const df2 = 1 / (3 * lambda);
  return { F, df1, df2, p: fSf(F, df1, df2), warnings };
}
