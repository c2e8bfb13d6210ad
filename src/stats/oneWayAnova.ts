import { fSf } from './distributions.js';
import { mean } from './mean.js';

/** Result of a classic one-way analysis of variance. */
export interface OneWayAnovaResult {
  /** F = MS_between / MS_within; Infinity when there is no within-group variation but the means differ. */
  F: number;
  /** Between-groups degrees of freedom, k − 1. */
  df1: number;
  /** Within-groups (residual) degrees of freedom, N − k. */
  df2: number;
  /** Upper tail P(F(df1, df2) > F), computed directly (not 1 − cdf), so tiny p-values are not 0. */
  p: number;
  ssBetween: number;
  ssWithin: number;
  /** ssBetween + ssWithin. */
  ssTotal: number;
  msBetween: number;
  msWithin: number;
  /** η² = SS_between / SS_total (proportion of variance explained in the sample; biased upwards). */
  etaSquared: number;
  /** ω² = (SS_between − (k − 1)·MS_within) / (SS_total + MS_within), less biased; may be negative. */
  omegaSquared: number;
  /** Why a value is NaN/Infinity or should be read with care. */
  warnings: string[];
}

/** Checks shared by the k-group tests: at least 2 groups, none empty, all values finite. */
function checkGroups(name: string, groups: readonly (readonly number[])[]): void {
  if (groups.length < 2) throw new RangeError(`${name}: expected at least 2 groups, found ${groups.length}`);
  groups.forEach((g, i) => {
    if (g.length === 0) throw new RangeError(`${name}: group ${i + 1} is empty`);
    const bad = g.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new RangeError(`${name}: group ${i + 1} value ${bad + 1} is not finite (${g[bad]})`);
  });
}

/**
 * Classic one-way analysis of variance (Fisher's F test of equal means, equal variances assumed),
 * with the effect sizes η² and ω².
 *
 * Matches R's `summary(aov(y ~ g))` and `oneway.test(y ~ g, var.equal = TRUE)`. Sums of squares are
 * computed from group means (two-pass, exact to rounding for large means with small spread), never
 * from raw sums of squares.
 *
 * References: R Core Team, `aov`, `oneway.test` (stats); ω² after Hays (1963), *Statistics for
 * Psychologists*, and Olejnik & Algina (2003), "Generalized eta and omega squared statistics",
 * Psychological Methods 8(4), 434–447: ω² = (SS_b − (k − 1) MS_w) / (SS_t + MS_w).
 *
 * Degenerate data does not throw: with N = k (no residual df) F and p are NaN; with no within-group
 * variation F is Infinity (p = 0) or NaN when the means are equal too; each case adds a warning.
 * @throws {RangeError} fewer than 2 groups, an empty group, or a non-finite value.
 * @example
 * oneWayAnova([[12.1, 14.3, 11.8, 13.5, 12.9], [15.2, 16.1, 14.8, 15.9, 16.4, 15.0, 14.9]])
 * // { F: 28.413752066586863, df1: 1, df2: 10, p: 0.0003327446060334476, ssBetween: 18.986880952380957,
 * //   ssWithin: 6.6822857142857135, ssTotal: 25.66916666666667, msBetween: 18.986880952380957,
 * //   msWithin: 0.6682285714285714, etaSquared: 0.739676562115935, omegaSquared: 0.6955377407427029, warnings: [] }
 */
export function oneWayAnova(groups: readonly (readonly number[])[]): OneWayAnovaResult {
  checkGroups('oneWayAnova', groups);
  const warnings: string[] = [];
  const k = groups.length;
  const all = groups.flat();
  const n = all.length;
  const grand = mean(all);
  let ssBetween = 0;
  let ssWithin = 0;
  for (const g of groups) {
    const m = mean(g);
    ssBetween += g.length * (m - grand) * (m - grand);
    for (const v of g) ssWithin += (v - m) * (v - m);
  }
  const ssTotal = ssBetween + ssWithin;
  const df1 = k - 1;
  const df2 = n - k;
  const msBetween = ssBetween / df1;
  const msWithin = df2 > 0 ? ssWithin / df2 : NaN;
  let F: number;
  let p: number;
  if (df2 === 0) {
    warnings.push('every group has a single value: no residual degrees of freedom, F and p are undefined');
    F = NaN;
    p = NaN;
  } else if (ssWithin === 0) {
    if (ssBetween === 0) {
      warnings.push('all values are equal: F and p are undefined');
      F = NaN;
      p = NaN;
    } else {
      warnings.push('no variation within groups: F is infinite and p = 0; check that the values are real measurements');
      F = Infinity;
      p = 0;
    }
  } else {
    F = msBetween / msWithin;
    p = fSf(F, df1, df2);
  }
  const etaSquared = ssTotal > 0 ? ssBetween / ssTotal : NaN;
  const omegaSquared = ssTotal > 0 && df2 > 0 ? (ssBetween - df1 * msWithin) / (ssTotal + msWithin) : NaN;
  return { F, df1, df2, p, ssBetween, ssWithin, ssTotal, msBetween, msWithin, etaSquared, omegaSquared, warnings };
}
