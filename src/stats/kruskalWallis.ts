import { chisqSf } from './distributions.js';

/** Result of the Kruskal–Wallis rank sum test. */
export interface KruskalWallisResult {
  /** H statistic, corrected for ties. */
  H: number;
  /** Degrees of freedom, k − 1. */
  df: number;
  /** Upper tail P(χ²(df) > H) (asymptotic), computed directly. */
  p: number;
  /** Why a value is NaN or should be read with care. */
  warnings: string[];
}

/**
 * Kruskal–Wallis rank sum test of k groups, with the correction for ties and the chi-squared
 * approximation, as R's `kruskal.test`.
 *
 * Ranks are mid-ranks over the pooled sample; H = 12 / (N(N + 1)) Σ n_i (R̄_i − (N + 1)/2)²,
 * divided by 1 − Σ(t³ − t)/(N³ − N) over the tie groups t. (R writes the same H as
 * 12 Σ R_i²/n_i / (N(N+1)) − 3(N + 1); the centred form used here avoids that subtraction.)
 *
 * Reference: Kruskal, W. H. & Wallis, W. A. (1952), "Use of ranks in one-criterion variance
 * analysis", JASA 47, 583–621; Hollander & Wolfe (1973), *Nonparametric Statistical Methods*,
 * pp. 115–120; R Core Team, `kruskal.test` (stats).
 *
 * When all values are equal the tie correction is 0/0: H and p are NaN with a warning.
 * @throws {RangeError} fewer than 2 groups, an empty group, or a non-finite value.
 * @example
 * kruskalWallis([[3, 5, 5, 7, 8], [5, 6, 6, 9, 10, 10], [1, 2, 3, 3, 5]])
 * // { H: 9.037274096385541, df: 2, p: 0.010903875001569018, warnings: [] }
 */
export function kruskalWallis(groups: readonly (readonly number[])[]): KruskalWallisResult {
  if (groups.length < 2) throw new RangeError(`kruskalWallis: expected at least 2 groups, found ${groups.length}`);
  groups.forEach((g, i) => {
    if (g.length === 0) throw new RangeError(`kruskalWallis: group ${i + 1} is empty`);
    const bad = g.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new RangeError(`kruskalWallis: group ${i + 1} value ${bad + 1} is not finite (${g[bad]})`);
  });
  const k = groups.length;
  const df = k - 1;
  const values: { v: number; g: number }[] = [];
  groups.forEach((grp, gi) => grp.forEach((v) => values.push({ v, g: gi })));
  values.sort((x, y) => x.v - y.v);
  const n = values.length;
  const rankSum = new Array<number>(k).fill(0);
  let ties = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && values[j + 1].v === values[i].v) j++;
    const t = j - i + 1;
    const r = (i + j) / 2 + 1; // mid-rank of positions i..j (1-based)
    for (let q = i; q <= j; q++) rankSum[values[q].g] += r;
    if (t > 1) ties += t * t * t - t;
    i = j + 1;
  }
  const correction = 1 - ties / (n * n * n - n);
  if (!(correction > 0)) {
    return { H: NaN, df, p: NaN, warnings: ['all values are equal: the rank test is undefined'] };
  }
  const centre = (n + 1) / 2;
  let s = 0;
  for (let i = 0; i < k; i++) {
    const d = rankSum[i] / groups[i].length - centre;
    s += groups[i].length * d * d;
  }
  const H = (12 / (n * (n + 1))) * s / correction;
  const warnings: string[] = [];
  if (groups.some((g) => g.length < 5)) {
    warnings.push('some groups have fewer than 5 values: the chi-squared approximation of the p-value is rough');
  }
  return { H, df, p: chisqSf(H, df), warnings };
}
