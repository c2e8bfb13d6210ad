import { levene, type LeveneResult } from './levene.js';

/**
 * Brown–Forsythe test for homogeneity of variance: Levene's test with the group median as centre,
 * i.e. a one-way ANOVA of |x_ij − median_i|; robust to skewed data. Same as
 * `car::leveneTest(y, group)` (whose default centre is the median).
 *
 * Reference: Brown, M. B. & Forsythe, A. B. (1974), Robust tests for the equality of variances,
 * JASA 69(346), 364–367. Tested against car 3.1 in test/stats/reference/homogeneity.R.
 *
 * @throws {RangeError} as {@link levene}: fewer than 2 groups, an empty group, a non-finite value,
 * or every group of size 1.
 * @example
 * brownForsythe([[4.2, 5.1, 3.9, 4.8, 5.5, 4.4], [6.1, 5.2, 6.8, 5.9, 6.3, 5.5]])
 * // { F: 0.0831792975…, df1: 1, df2: 10, p: 0.778923859…, center: 'median' }
 */
export function brownForsythe(groups: readonly (readonly number[])[]): LeveneResult {
  return levene(groups, 'median');
}
