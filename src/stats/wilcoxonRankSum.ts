import { normalCdf, normalSf } from './distributions.js';

/** Result of {@link wilcoxonRankSum}. */
export interface WilcoxonRankSumResult {
  /** R's W: sum of the ranks of x minus nx(nx + 1)/2 (the Mann–Whitney U of x). */
  W: number;
  /** Two-sided p-value. */
  p: number;
  /** 'exact' (permutation distribution) or 'normal' (approximation with continuity and tie correction). */
  method: 'exact' | 'normal';
  /** Why p is NaN (all values equal); absent when all is well. */
  reason?: string;
}

/** Counts of the Mann–Whitney statistic U = 0..m·n over all C(m + n, m) rank assignments, memoised. */
const countCache = new Map<string, Float64Array>();

function mannWhitneyCounts(m: number, n: number): Float64Array {
  const key = `${m},${n}`;
  const hit = countCache.get(key);
  if (hit) return hit;
  // dp[j][u]: ways to pick j of the first i items (ranks 1..i) with U-contribution u, where an
  // item of rank r picked as the j-th smallest chosen adds r − j to U (U = Σ ranks − m(m+1)/2).
  // Adding item i as the j-th chosen item contributes (i − j), the number of unchosen items below it.
  const N = m + n;
  const maxU = m * n;
  const dp: Float64Array[] = [];
  for (let j = 0; j <= m; j++) dp.push(new Float64Array(maxU + 1));
  dp[0][0] = 1;
  for (let i = 1; i <= N; i++) {
    for (let j = Math.min(i, m); j >= 1; j--) {
      const add = i - j; // unchosen items among the first i − 1 (all below item i)
      if (add > n) continue;
      const src = dp[j - 1];
      const dst = dp[j];
      // src counts j − 1 items picked among the first i − 1, each adding at most min(i − j, n):
      // above (j − 1)·min(i − j, n) it is 0, and the loop starts there
      for (let u = Math.min(maxU - add, (j - 1) * Math.min(add, n)); u >= 0; u--) {
        const c = src[u];
        if (c !== 0) dst[u + add] += c;
      }
    }
  }
  countCache.set(key, dp[m]);
  return dp[m];
}

/**
 * Wilcoxon rank-sum (Mann–Whitney) test of two independent samples, two-sided, as R's
 * `wilcox.test(x, y)` (mu = 0, correct = TRUE):
 * - exact when nx < 50, ny < 50 and there are no ties in the pooled sample: the permutation
 *   distribution of W (counted by recursion as R's cwilcox/pwilcox), p = min(1, 2·P(W' >= W)) when
 *   W > nx·ny/2, else min(1, 2·P(W' <= W)), each tail summed directly (no 1 − cdf);
 * - otherwise the normal approximation z = (W − nx·ny/2 − sign·0.5) / σ with the tie-corrected
 *   σ² = nx·ny/12·((N + 1) − Σ(t³ − t)/(N(N − 1))), p = 2·min(Φ(z), 1 − Φ(z)) (both tails direct).
 * Ranks of tied values are averaged. W is the statistic of x (large W: x tends to be larger).
 *
 * Reference: Wilcoxon, F. (1945). Individual comparisons by ranking methods. Biometrics Bulletin 1,
 * 80–83; Mann, H. B. & Whitney, D. R. (1947). Ann. Math. Statist. 18, 50–60; R Core Team,
 * `wilcox.test.default` and nmath `wilcox.c` (R 4.2).
 * @throws {RangeError} when a sample is empty or a value is not finite.
 * @example wilcoxonRankSum([4.1, 5.3, 6.2], [7.9, 8.4, 9.6, 10.2]) // { W: 0, p: 0.05714285714285714, method: 'exact' }
 */
export function wilcoxonRankSum(x: readonly number[], y: readonly number[]): WilcoxonRankSumResult {
  const nx = x.length;
  const ny = y.length;
  if (nx < 1 || ny < 1) throw new RangeError(`wilcoxonRankSum: both samples need at least 1 value (got ${nx} and ${ny})`);
  for (const v of [...x, ...y]) {
    if (!Number.isFinite(v)) throw new RangeError(`wilcoxonRankSum: values must be finite, found ${v}`);
  }
  const all = [...x, ...y];
  const N = all.length;
  const order = all.map((_, i) => i).sort((a, b) => all[a] - all[b]);
  const rank = new Float64Array(N);
  const tieSizes: number[] = [];
  for (let s = 0; s < N; ) {
    let e = s + 1;
    while (e < N && all[order[e]] === all[order[s]]) e++;
    const r = (s + 1 + e) / 2; // average of ranks s+1..e
    for (let k = s; k < e; k++) rank[order[k]] = r;
    tieSizes.push(e - s);
    s = e;
  }
  let rx = 0;
  for (let i = 0; i < nx; i++) rx += rank[i];
  const W = rx - (nx * (nx + 1)) / 2;
  const ties = tieSizes.length !== N;
  if (nx < 50 && ny < 50 && !ties) {
    const counts = mannWhitneyCounts(nx, ny);
    let total = 0;
    for (const c of counts) total += c;
    let tail = 0;
    if (W > (nx * ny) / 2) for (let u = W; u <= nx * ny; u++) tail += counts[u];
    else for (let u = 0; u <= W; u++) tail += counts[u];
    return { W, p: Math.min(1, (2 * tail) / total), method: 'exact' };
  }
  let tieSum = 0;
  for (const t of tieSizes) tieSum += t * t * t - t;
  const sigma = Math.sqrt(((nx * ny) / 12) * (N + 1 - tieSum / (N * (N - 1))));
  const d = W - (nx * ny) / 2;
  if (!(sigma > 0)) return { W, p: NaN, method: 'normal', reason: 'all values are equal: the rank-sum test is undefined' };
  const z = (d - Math.sign(d) * 0.5) / sigma;
  return { W, p: 2 * Math.min(normalCdf(z), normalSf(z)), method: 'normal' };
}
