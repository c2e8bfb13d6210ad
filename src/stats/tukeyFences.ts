import { quantileSorted } from './quantile.js';

/** Classification of one value against Tukey's fences. */
export type FenceClass = 'none' | 'mild' | 'severe';

/** Quartiles, fences and the per-index classification returned by {@link tukeyFences}. */
export interface TukeyFencesResult {
  /** First quartile, R `quantile(x, 0.25, type = 7)`. */
  q1: number;
  /** Third quartile, R `quantile(x, 0.75, type = 7)`. */
  q3: number;
  /** Interquartile range q3 − q1. */
  iqr: number;
  /** Inner fences q1 − 1.5·IQR and q3 + 1.5·IQR (beyond them: mild outlier). */
  lowerInner: number;
  upperInner: number;
  /** Outer fences q1 − 3·IQR and q3 + 3·IQR (beyond them: severe outlier). */
  lowerOuter: number;
  upperOuter: number;
  /** One entry per input index: 'severe' outside an outer fence, 'mild' outside an inner fence only. */
  classes: FenceClass[];
}

/**
 * Tukey's fences (Tukey 1977, Exploratory Data Analysis, ch. 2): inner fences at 1.5·IQR and outer
 * fences at 3·IQR beyond the quartiles. A value strictly outside an outer fence is a severe
 * ("far out") outlier, strictly outside an inner fence only a mild one; values on a fence are not
 * outliers.
 *
 * Quartiles are the type-7 sample quantiles (Hyndman & Fan 1996), R's default
 * `quantile(x, c(0.25, 0.75))`. R's `boxplot`/`boxplot.stats` use Tukey's hinges instead
 * (`fivenum`: medians of the lower and upper halves, the middle value counted in both when n is
 * odd), which differ from type-7 quartiles for most n (e.g. n = 6, 8, 10). We use type 7 so that the
 * fences agree with the quartiles reported everywhere else in this tool (summaries, tables) and with
 * `quantile()` in R, Python/NumPy ('linear') and spreadsheets (`QUARTILE.INC`); the reference is
 * R `quantile(x, type = 7)` (test/stats/reference/outliers.R).
 *
 * @throws {RangeError} when `x` is empty or contains NaN.
 * @example
 * tukeyFences([1, 2, 3, 4, 5, 6, 7, 8, 9, 30])
 * // { q1: 3.25, q3: 7.75, iqr: 4.5, lowerInner: -3.5, upperInner: 14.5, lowerOuter: -10.25,
 * //   upperOuter: 21.25, classes: [ 'none' ×9, 'severe' ] }
 */
export function tukeyFences(x: readonly number[]): TukeyFencesResult {
  if (x.length === 0) throw new RangeError('tukeyFences: expected at least 1 value, found 0');
  if (x.some(Number.isNaN)) throw new RangeError('tukeyFences: x contains NaN');
  const sorted = [...x].sort((a, b) => a - b);
  const q1 = quantileSorted(sorted, 0.25);
  const q3 = quantileSorted(sorted, 0.75);
  const iqr = q3 - q1;
  const lowerInner = q1 - 1.5 * iqr;
  const upperInner = q3 + 1.5 * iqr;
  const lowerOuter = q1 - 3 * iqr;
  const upperOuter = q3 + 3 * iqr;
  const classes = x.map((v): FenceClass => {
    if (v < lowerOuter || v > upperOuter) return 'severe';
    if (v < lowerInner || v > upperInner) return 'mild';
    return 'none';
  });
  return { q1, q3, iqr, lowerInner, upperInner, lowerOuter, upperOuter, classes };
}
