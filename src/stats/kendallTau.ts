import { normalCdf, normalSf } from './distributions.js';

/** Which departure from independence the p-value of {@link kendallTau} looks for. */
export type KendallAlternative = 'two.sided' | 'greater' | 'less';

/** Options of {@link kendallTau}; the defaults are R's `cor.test(x, y, method = "kendall")`. */
export interface KendallTauOptions {
  /** 'two.sided' (default), 'greater' (τ > 0: y rises with x) or 'less' (τ < 0). */
  alternative?: KendallAlternative;
  /**
   * Exact null distribution of T when there are no ties. Default (undefined): exact when n < 50, as
   * R. `true` asks for it at any n ≤ 170 (time O(n²·q), q ≤ n(n − 1)/4); with ties the normal
   * approximation is used anyway, with a warning (R warns the same). `false`: always normal.
   */
  exact?: boolean;
  /** Continuity correction of the normal approximation, S → sign(S)(|S| − 1). Default false, as R. */
  continuity?: boolean;
}

/** Result of {@link kendallTau}. */
export interface KendallTauResult {
  /** Kendall's τ-b: S / √((n₀ − n₁)(n₀ − n₂)), n₀ = n(n − 1)/2, n₁ and n₂ the tied pairs of x and y. */
  tau: number;
  /** 'exact': T, the number of concordant pairs; 'normal': z = S / √Var(S). */
  statistic: number;
  /** S = Σ_{i<j} sign(x_j − x_i)·sign(y_j − y_i), concordant minus discordant pairs (an integer). */
  S: number;
  /** P-value for `alternative`; every tail summed or computed directly (never 1 − cdf). */
  pValue: number;
  /** How pValue was computed. */
  method: 'exact' | 'normal';
  alternative: KendallAlternative;
  /** Number of pairs (x_i, y_i). */
  n: number;
  /** Why a value is NaN or should be read with care. */
  warnings: string[];
}

/** Largest n for which n! (and so the exact distribution as R computes it) is a finite double. */
const EXACT_MAX_N = 170;

/**
 * P(T ≤ q) for T the number of concordant pairs among n values in random order (no ties): the
 * Mahonian distribution (permutations of n by their number of inversions), built one element at a
 * time as probabilities, p_m(k) = (1/m) Σ_{j=0}^{min(k, m−1)} p_{m−1}(k − j), and summed up to q.
 * Only k ≤ q are needed (callers pass q ≤ n(n − 1)/4 and use the symmetry T ↔ n₀ − T for the upper
 * tail), every term is a sum of non-negative numbers, so tiny tails keep full relative precision.
 * R computes the same numbers as counts (ckendall) divided by n! (pkendall).
 */
function kendallLowerTail(q: number, n: number): number {
  if (q < 0) return 0;
  const top = Math.min(q, (n * (n - 1)) / 2);
  const pn = inversionProbabilities(n, top);
  let p = 0;
  for (let k = 0; k <= top; k++) p += pn[k];
  return Math.min(1, p);
}

/**
 * p_n(k) for k = 0 … at least `atLeast` (see kendallLowerTail). p_m(k) reads only p_{m−1}(k − j) for
 * j ≥ 0: the values up to any k are the same whatever longer table they are computed in, so the
 * table of each n is kept and reused while it is long enough (a trend test per configuration asks
 * for the same n again and again), and computed again, longer, when it is not.
 */
function inversionProbabilities(n: number, atLeast: number): Float64Array {
  const known = inversionTables.get(n);
  if (known !== undefined && known.length > atLeast) return known;
  // below n = 50 (the default exact range, a few thousand values at most) at least half of the
  // n(n − 1)/2 inversions: a two-sided test asks for no more
  const n0 = (n * (n - 1)) / 2;
  const top = Math.min(n0, n < 50 ? Math.max(atLeast, Math.floor(n0 / 2)) : atLeast);
  let prev = new Float64Array(top + 1);
  let next = new Float64Array(top + 1);
  prev[0] = 1; // m = 1: one permutation, no inversion
  for (let m = 2; m <= n; m++) {
    const kmax = Math.min(top, (m * (m - 1)) / 2);
    for (let k = 0; k <= kmax; k++) {
      let s = 0;
      const jmax = Math.min(k, m - 1);
      for (let j = 0; j <= jmax; j++) s += prev[k - j];
      next[k] = s / m;
    }
    for (let k = kmax + 1; k <= top; k++) next[k] = 0;
    [prev, next] = [next, prev];
  }
  if (inversionTables.size < 64 || known !== undefined) inversionTables.set(n, prev);
  return prev;
}

/** n -> p_n(0 … k) (see inversionProbabilities); at most 64 values of n kept. */
const inversionTables = new Map<number, Float64Array>();

/** Sizes (≥ 2) of the groups of equal values of v. */
function tieGroups(v: readonly number[]): number[] {
  const s = Float64Array.from(v).sort();
  const out: number[] = [];
  for (let i = 0; i < s.length; ) {
    let j = i;
    while (j + 1 < s.length && s[j + 1] === s[i]) j++;
    if (j > i) out.push(j - i + 1);
    i = j + 1;
  }
  return out;
}

/**
 * Kendall's rank correlation τ of y against x (for a trend: x the run order 1..n, y the metric) and
 * its test of τ = 0, as R's `cor.test(x, y, method = "kendall")`.
 *
 * 1. S = Σ_{i<j} sign(x_j − x_i)·sign(y_j − y_i); τ = S / √((n₀ − n₁)(n₀ − n₂)) (τ-b: with ties,
 *    n₁ = Σ t(t − 1)/2 over the tie groups t of x, n₂ of y; R's `cor(method = "kendall")`).
 * 2. Exact, when n < 50 (or `exact: true`) and neither x nor y has ties: T = (S + n₀)/2 concordant
 *    pairs, whose null distribution (all n! orders equally likely) is Kendall's (R's ckendall):
 *    'greater' P(T' ≥ T), 'less' P(T' ≤ T), 'two.sided' min(1, 2·(the tail T is in)). The upper
 *    tail is summed as the lower tail of n₀ − T (R computes 1 − pkendall(T − 1), which loses all
 *    digits below ~1e-16; the two agree above that).
 * 3. Otherwise the normal approximation z = S/√Var(S) with Kendall's tie-corrected variance
 *    Var(S) = (v₀ − v_t − v_u)/18 + v₁/(2n(n − 1)) + v₂/(9n(n − 1)(n − 2)), v₀ = n(n − 1)(2n + 5),
 *    v_t = Σ t(t − 1)(2t + 5) over x's tie groups, v_u the same over y's,
 *    v₁ = Σ t(t − 1) · Σ u(u − 1), v₂ = Σ t(t − 1)(t − 2) · Σ u(u − 1)(u − 2);
 *    with `continuity`, S → sign(S)(|S| − 1). 'less' Φ(z), 'greater' 1 − Φ(z) (computed as the upper
 *    tail), 'two.sided' 2·min of both.
 *
 * When x or y is constant τ is 0/0: τ, the statistic and the p-value are NaN, with a warning.
 *
 * Reference: Kendall, M. G. (1938), "A new measure of rank correlation", Biometrika 30, 81–93;
 * Kendall, M. G. (1970), *Rank Correlation Methods*, 4th ed., ch. 4 (variance with ties);
 * Hollander, M. & Wolfe, D. A. (1973), *Nonparametric Statistical Methods*, pp. 185–194;
 * Mann, H. B. (1945), "Nonparametric tests against trend", Econometrica 13, 245–259;
 * R Core Team, `cor.test.default` and `kendall.c` (R 4.2).
 * @throws {RangeError} x and y of different lengths, fewer than 2 pairs, a non-finite value, or
 * `exact: true` with n > 170.
 * @example
 * kendallTau([1, 2, 3, 4, 5, 6], [10.1, 10.4, 10.2, 10.9, 11.3, 11.0])
 * // { tau: 0.7333333333333333, statistic: 13, S: 11, pValue: 0.05555555555555555,
 * //   method: 'exact', alternative: 'two.sided', n: 6, warnings: [] }
 */
export function kendallTau(x: readonly number[], y: readonly number[], options: KendallTauOptions = {}): KendallTauResult {
  const alternative = options.alternative ?? 'two.sided';
  if (alternative !== 'two.sided' && alternative !== 'greater' && alternative !== 'less') {
    throw new RangeError(`kendallTau: expected alternative 'two.sided', 'greater' or 'less', found '${String(alternative)}'`);
  }
  const n = x.length;
  if (y.length !== n) throw new RangeError(`kendallTau: x and y must have the same length, found ${n} and ${y.length}`);
  if (n < 2) throw new RangeError(`kendallTau: expected at least 2 pairs, found ${n}`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i])) throw new RangeError(`kendallTau: x value ${i + 1} is not finite (${x[i]})`);
    if (!Number.isFinite(y[i])) throw new RangeError(`kendallTau: y value ${i + 1} is not finite (${y[i]})`);
  }
  if (options.exact === true && n > EXACT_MAX_N) {
    throw new RangeError(`kendallTau: the exact distribution needs n <= ${EXACT_MAX_N} (n! must be finite), found n = ${n}`);
  }
  // 1. S and the tie groups
  let S = 0;
  for (let i = 0; i < n - 1; i++) {
    const xi = x[i];
    const yi = y[i];
    for (let j = i + 1; j < n; j++) S += Math.sign(x[j] - xi) * Math.sign(y[j] - yi);
  }
  const tx = tieGroups(x);
  const ty = tieGroups(y);
  const n0 = (n * (n - 1)) / 2;
  const n1 = tx.reduce((s, t) => s + (t * (t - 1)) / 2, 0);
  const n2 = ty.reduce((s, t) => s + (t * (t - 1)) / 2, 0);
  const warnings: string[] = [];
  if (n0 - n1 === 0 || n0 - n2 === 0) {
    warnings.push(`${n0 - n1 === 0 ? 'x' : 'y'} is constant: Kendall's tau is undefined (0/0)`);
    return { tau: NaN, statistic: NaN, S, pValue: NaN, method: 'normal', alternative, n, warnings };
  }
  const tau = S / Math.sqrt((n0 - n1) * (n0 - n2));
  const ties = tx.length > 0 || ty.length > 0;
  const exact = options.exact ?? n < 50;
  if (exact && !ties) {
    // 2. exact: T concordant pairs; P(T' ≥ T) = P(T' ≤ n₀ − T) by symmetry
    const T = (S + n0) / 2;
    const lower = () => kendallLowerTail(T, n);
    const upper = () => kendallLowerTail(n0 - T, n);
    let p: number;
    if (alternative === 'greater') p = upper();
    else if (alternative === 'less') p = lower();
    else p = Math.min(1, 2 * (T > n0 / 2 ? upper() : lower()));
    return { tau, statistic: T, S, pValue: p, method: 'exact', alternative, n, warnings };
  }
  if (exact && ties) warnings.push('cannot compute the exact p-value with ties: normal approximation used');
  // 3. normal approximation with the tie-corrected variance
  const sum = (g: number[], f: (t: number) => number) => g.reduce((s, t) => s + f(t), 0);
  const v0 = n * (n - 1) * (2 * n + 5);
  const vt = sum(tx, (t) => t * (t - 1) * (2 * t + 5));
  const vu = sum(ty, (t) => t * (t - 1) * (2 * t + 5));
  const v1 = sum(tx, (t) => t * (t - 1)) * sum(ty, (t) => t * (t - 1));
  const v2 = sum(tx, (t) => t * (t - 1) * (t - 2)) * sum(ty, (t) => t * (t - 1) * (t - 2));
  const varS = (v0 - vt - vu) / 18 + v1 / (2 * n * (n - 1)) + (n > 2 ? v2 / (9 * n * (n - 1) * (n - 2)) : 0);
  const Sc = options.continuity ? Math.sign(S) * (Math.abs(S) - 1) : S;
  const z = Sc / Math.sqrt(varS);
  let p: number;
  if (alternative === 'less') p = normalCdf(z);
  else if (alternative === 'greater') p = normalSf(z);
  else p = 2 * Math.min(normalCdf(z), normalSf(z));
  return { tau, statistic: z, S, pValue: p, method: 'normal', alternative, n, warnings };
}
