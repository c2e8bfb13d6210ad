import { mean } from './mean.js';
import { variance } from './variance.js';
import { qtukeyR } from './qtukey.js';
import { checkPairwiseInput, levelPairs, studentizedRange, studentizedRangePFloor } from './studentizedRangePairs.js';

/** One pair of {@link gamesHowell}: level `b` (later) against level `a` (earlier). */
export interface GamesHowellPair {
  /** Earlier level (i). */
  a: string;
  /** Later level (j > i). */
  b: string;
  /** "b-a", as R's TukeyHSD row names. */
  pair: string;
  /** mean(b) − mean(a). */
  diff: number;
  /** Lower simultaneous confidence bound for diff: diff − qtukey(conf, k, df)·sqrt((s²a/na + s²b/nb)/2). */
  lo: number;
  /** Upper simultaneous confidence bound. */
  hi: number;
  /** Welch t = diff / sqrt(s²a/na + s²b/nb) (signed). */
  t: number;
  /** Studentized range statistic q = |t|·√2 = |diff| / sqrt((s²a/na + s²b/nb)/2). */
  q: number;
  /** Welch–Satterthwaite degrees of freedom of the pair. */
  df: number;
  /** P(Q_{k,df} > q), already adjusted for the k-group family (do not adjust again); as R
   * computes it, noise included. */
  p: number;
  /** Set when p is below the accuracy of the studentized-range tail at this pair's df
   * (studentizedRangePFloor): p is then only known to be below pUpper. */
  pUpper?: number;
  /** Why values are NaN (e.g. both groups constant); absent when all is well. */
  reason?: string;
}

/**
 * Games–Howell pairwise comparisons of k group means with unequal variances and sizes: for each
 * pair i < j, Welch's standard error and degrees of freedom, the studentized range statistic
 * q = |mean_j − mean_i| / sqrt((s²_i/n_i + s²_j/n_j)/2), p = ptukey(q, k, df, lower.tail = FALSE)
 * and the simultaneous interval diff ± qtukey(confidence, k, df)·sqrt((s²_i/n_i + s²_j/n_j)/2).
 * This is the convention of PMCMRplus::gamesHowellTest (q = dif/sqrt(A)·√2, p from ptukey with
 * nmeans = k) and rstatix::games_howell_test (p = ptukey(t·√2, k, df, lower = FALSE); the same
 * interval), with |·| taken as PMCMRplus does. Pairs come in TukeyHSD order: (2−1), (3−1), …,
 * (k−1), (3−2), …; diff is the later level minus the earlier one.
 *
 * Precision: p inherits R's ptukey algorithm (Copenhaver & Holland), whose absolute error depends
 * on df: below studentizedRangePFloor(df) (1e-9 for 12 <= df <= 100; more for fewer df) p is at the
 * noise floor of the algorithm in R as well, and `pUpper` says so.
 *
 * `options.intervals` false: lo and hi are NaN and qtukey is not computed (each pair has its own
 * df, so its quantile costs several ptukey integrals; for callers that need only the p-values).
 *
 * Reference: Games, P. A. & Howell, J. F. (1976). Pairwise multiple comparison procedures with
 * unequal n's and/or variances: a Monte Carlo study. J. Educ. Statist. 1, 113–125.
 * @throws {RangeError} when fewer than 2 groups, labels do not match groups, a group has fewer
 *   than 2 values, a value is not finite, or confidence is not in (0, 1).
 * @example gamesHowell([[4.1, 5.3, 6.2, 5.0], [7.9, 8.4, 9.6, 10.2, 8.8], [5.5, 12, 3.1, 9.9, 7.7, 6.4]], ['A', 'B', 'C'])[0]
 * // { a: 'A', b: 'B', pair: 'B-A', diff: 3.83, lo: 2.052104331202553, hi: 5.607895668797447,
 * //   t: 6.402033240870553, q: 9.053842236002517, df: 6.749595711618682, p: 0.0010617795929143137 }
 */
export function gamesHowell(
  groups: readonly (readonly number[])[],
  labels: readonly string[],
  confidence = 0.95,
  options: { intervals?: boolean } = {},
): GamesHowellPair[] {
  checkGamesHowell(groups, labels, confidence);
  const intervals = options.intervals ?? true;
  const k = groups.length;
  const n = groups.map((g) => g.length);
  const m = groups.map((g) => mean(g));
  const v = groups.map((g) => variance(g));
  const out: GamesHowellPair[] = [];
  for (const { i, j, a, b, pair: name } of levelPairs(labels)) {
    const vi = v[i] / n[i];
    const vj = v[j] / n[j];
    const A = vi + vj;
    const diff = m[j] - m[i];
    const base = { a, b, pair: name, diff };
    if (!(A > 0)) {
      out.push({ ...base, lo: NaN, hi: NaN, t: NaN, q: NaN, df: NaN, p: NaN,
        reason: `groups '${a}' and '${b}' both have zero variance` });
      continue;
    }
    const df = (A * A) / ((vi * vi) / (n[i] - 1) + (vj * vj) / (n[j] - 1));
    const se = Math.sqrt(A / 2);
    const t = diff / Math.sqrt(A);
    if (df >= 2) {
      const r = studentizedRange(diff, se, k, df, intervals ? qtukeyR(confidence, k, df) : NaN);
      const floor = studentizedRangePFloor(df);
      out.push({ ...base, lo: r.lo, hi: r.hi, t, q: r.q, df, p: r.p, ...(r.p < floor ? { pUpper: floor } : {}) });
    } else {
      out.push({ ...base, lo: NaN, hi: NaN, t, q: Math.abs(diff) / se, df, p: NaN,
        reason: `Welch df = ${df.toPrecision(3)} < 2: no studentized-range p-value or interval (R's ptukey and qtukey return NaN)` });
    }
  }
  return out;
}

/**
 * Throws what {@link gamesHowell} throws for these inputs, and computes nothing else (it is
 * gamesHowell's first step): for a caller that reports whether the test is defined without its p-values.
 * @throws {RangeError} as gamesHowell.
 * @example checkGamesHowell([[1], [2, 3]], ['A', 'B']) // throws: group 'A' has 1 value(s)
 */
export function checkGamesHowell(groups: readonly (readonly number[])[], labels: readonly string[], confidence = 0.95): void {
  checkPairwiseInput('gamesHowell', groups, labels, confidence, 2);
}
