import { mean } from './mean.js';
import { variance } from './variance.js';
import { qtukeyR } from './qtukey.js';
import { checkPairwiseInput, levelPairs, studentizedRange, studentizedRangePFloor } from './studentizedRangePairs.js';

/** One pair of {@link tukeyHsd}: level `b` (later) against level `a` (earlier). */
export interface TukeyHsdPair {
  /** Earlier level (i). */
  a: string;
  /** Later level (j > i). */
  b: string;
  /** "b-a", R's row name. */
  pair: string;
  /** mean(b) − mean(a) (R's `diff`). */
  diff: number;
  /** Lower simultaneous bound (R's `lwr`). */
  lo: number;
  /** Upper simultaneous bound (R's `upr`). */
  hi: number;
  /** Family-wise adjusted p-value (R's `p adj`, as R computes it, noise included). */
  p: number;
  /** Set when p is below the accuracy of the studentized-range tail at this df
   * (studentizedRangePFloor): p is then only known to be below pUpper. */
  pUpper?: number;
  /** Residual degrees of freedom N − k (the same for every pair). */
  df: number;
  /** Residual mean square, the pooled within-group variance (the same for every pair). */
  mse: number;
  /** Why p is NaN (every group constant); absent when all is well. */
  reason?: string;
}

/**
 * Tukey's honestly significant differences (Tukey–Kramer for unequal sizes) after a one-way
 * ANOVA, as R's `TukeyHSD(aov(y ~ g), conf.level = confidence)`: with the pooled residual mean
 * square MSE on N − k df, for each pair i < j, diff = mean_j − mean_i, se = sqrt(MSE/2·(1/n_i + 1/n_j)),
 * interval diff ± qtukey(confidence, k, N − k)·se and p = ptukey(|diff|/se, k, N − k, lower = FALSE).
 * Pairs in R's order: (2−1), (3−1), …, (k−1), (3−2), …. qtukey is iterated as R does (./qtukey.js).
 *
 * Precision: p inherits R's ptukey algorithm, whose absolute error depends on df (~3e-10 at df 87,
 * where R returns ~3e-10 instead of 0 for very large differences): below
 * studentizedRangePFloor(df) (1e-9 for 12 <= df <= 100) p is noise, and `pUpper` says so.
 *
 * `options.intervals` false: lo and hi are NaN and qtukey is not computed (p-values only).
 *
 * Reference: Tukey, J. W. (1953). The problem of multiple comparisons; Kramer, C. Y. (1956).
 * Extension of multiple range tests to group means with unequal numbers of replications.
 * Biometrics 12, 307–310; R Core Team, `TukeyHSD.aov` (R 4.2).
 * @throws {RangeError} when fewer than 2 groups, labels do not match groups, a group is empty,
 *   N − k < 2, a value is not finite, or confidence is not in (0, 1).
 * @example tukeyHsd([[4.1, 5.3, 6.2, 5.0], [7.9, 8.4, 9.6, 10.2, 8.8], [5.5, 12, 3.1, 9.9, 7.7, 6.4]], ['A', 'B', 'C'])[0]
 * // { a: 'A', b: 'B', pair: 'B-A', diff: 3.83, lo: -0.044767732855071074, hi: 7.704767732855071,
 * //   p: 0.05278060774335036, df: 12, mse: 4.687611111111111 }
 */
export function tukeyHsd(
  groups: readonly (readonly number[])[],
  labels: readonly string[],
  confidence = 0.95,
  options: { intervals?: boolean } = {},
): TukeyHsdPair[] {
  checkTukeyHsd(groups, labels, confidence);
  const k = groups.length;
  const n = groups.map((g) => g.length);
  const N = n.reduce((a, b) => a + b, 0);
  const df = N - k;
  const m = groups.map((g) => mean(g));
  let ss = 0;
  groups.forEach((g, i) => {
    if (g.length >= 2) ss += (g.length - 1) * variance(g);
  });
  const mse = ss / df;
  const crit = (options.intervals ?? true) ? qtukeyR(confidence, k, df) : NaN;
  return levelPairs(labels).map(({ i, j, a, b, pair }) => {
    const diff = m[j] - m[i];
    const se = Math.sqrt((mse / 2) * (1 / n[i] + 1 / n[j]));
    const { lo, hi, p } = studentizedRange(diff, se, k, df, crit);
    const out: TukeyHsdPair = { a, b, pair, diff, lo, hi, p, df, mse };
    const floor = studentizedRangePFloor(df);
    if (p < floor) out.pUpper = floor;
    if (!(se > 0)) out.reason = 'zero residual variance (every group is constant): the p-value is undefined';
    return out;
  });
}

/**
 * Throws what {@link tukeyHsd} throws for these inputs, and computes nothing else (it is tukeyHsd's
 * first step): for a caller that reports whether the test is defined without its p-values.
 * @throws {RangeError} as tukeyHsd.
 * @example checkTukeyHsd([[1], [2, 3]], ['A', 'B']) // throws: residual df = 1
 */
export function checkTukeyHsd(groups: readonly (readonly number[])[], labels: readonly string[], confidence = 0.95): void {
  checkPairwiseInput('tukeyHsd', groups, labels, confidence, 1);
  let N = 0;
  for (const g of groups) N += g.length;
  const df = N - groups.length;
  if (df < 2) throw new RangeError(`tukeyHsd: residual df = ${df}; needs N − k >= 2 (R's ptukey/qtukey return NaN)`);
}
