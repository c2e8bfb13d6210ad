import { mean, meanRange } from './mean.js';
import { medianInPlace } from './median.js';

/** Options of {@link pelt}. */
export interface PeltOptions {
  /**
   * Penalty per change. 'MBIC' (default): 3·log(n) plus log(segment length) in each segment's cost,
   * as changepoint's MBIC for a change in mean; 'BIC': 2·log(n); a number: that value (≥ 0).
   */
  penalty?: number | 'MBIC' | 'BIC';
  /** Minimum segment length (integer ≥ 1, default 1). */
  minSegment?: number;
  /** Noise variance σ² the squared deviations are divided by. Default: a robust estimate,
   * (1.4826·MAD of the first differences)² / 2, or var(diff)/2 when that MAD is 0. */
  variance?: number;
}

/** A segment [start, end) of the series and its mean. */
export interface PeltSegment {
  start: number;
  end: number;
  mean: number;
}

/** Result of {@link pelt}. */
export interface PeltResult {
  /** Indices τ (0 < τ < n) where a new segment starts: y[τ] is the first value after a change
   * (this is also changepoint's 1-based `cpts`, without the final n). */
  changepoints: number[];
  segments: PeltSegment[];
  /** Minimised penalised cost: Σ segment costs + penalty × number of changes. */
  cost: number;
  /** The penalty per change that was used. */
  penalty: number;
  /** The variance σ² that was used. */
  variance: number;
  /** Whether the MBIC segment-length term log(len) was in the segment cost. */
  mbic: boolean;
  warnings: string[];
}

/**
 * Robust noise variance of a series with level shifts: (1.4826·MAD of the first differences)²/2
 * (differencing removes the piecewise-constant mean except at the few changes). Falls back to
 * var(diff)/2 when the MAD is 0; returns 0 for a constant series.
 */
function diffVariance(y: ArrayLike<number>): number {
  if (y.length < 3) return 0;
  const n = y.length - 1;
  const d = scratch(SCRATCH.d, n, Float64Array);
  for (let i = 0; i < n; i++) d[i] = y[i + 1] - y[i];
  // medians by selection in a scratch copy (the same values as median(): order statistics)
  const work = scratch(SCRATCH.work, n, Float64Array);
  for (let i = 0; i < n; i++) work[i] = d[i];
  const md = medianInPlace(work, n);
  for (let i = 0; i < n; i++) work[i] = Math.abs(d[i] - md);
  const mad = 1.4826 * medianInPlace(work, n);
  if (mad > 0) return (mad * mad) / 2;
  const m = meanRange(d, 0, n);
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (d[i] - m) * (d[i] - m);
  return ss / (n - 1) / 2;
}

/**
 * Buffers reused from call to call for series up to SCRATCH_MAX values (pelt is synchronous and calls
 * nothing that could call it again): allocating seven typed arrays per call took ~15% of the time on
 * the 50- to 100-point series of status lines. Longer series get their own (their O(n²) search
 * dwarfs an allocation, and a long series should not pin megabytes). Every buffer is written before
 * it is read in each call.
 */
const SCRATCH_MAX = 4096;
/** The least size a buffer (and the log table) grows to: series of status lines up to 1,024 points
 * then never make them grow again, which an optimised caller would meet as new code (a deopt). */
const SCRATCH_MIN = 1024;
const SCRATCH = {
  d: [new Float64Array(0)],
  work: [new Float64Array(0)],
  s1: [new Float64Array(0)],
  s2: [new Float64Array(0)],
  F: [new Float64Array(0)],
  pruneAt: [new Float64Array(0)],
  vals: [new Float64Array(0)],
};
const SCRATCH_INT = { last: [new Int32Array(0)], cand: [new Int32Array(0)] };

/** A typed array of at least `size` values (contents undefined): the slot's reused one, or a new one. */
function scratch<T extends Float64Array | Int32Array>(slot: T[], size: number, make: new (length: number) => T): T {
  if (size > SCRATCH_MAX) return new make(size);
  if (slot[0].length < size) slot[0] = new make(Math.min(SCRATCH_MAX, Math.max(size, 2 * slot[0].length, SCRATCH_MIN)));
  return slot[0];
}

/** log(len) for len = 0…, shared by every call (Math.log gives the same value each time). */
let LOG_LEN = new Float64Array(0);
/** log(len) for len = 0 … n (log(0) taken as 0), at least n + 1 entries. */
function logTable(n: number): Float64Array {
  if (n > SCRATCH_MAX) {
    const t = new Float64Array(n + 1);
    for (let len = 1; len <= n; len++) t[len] = Math.log(len);
    return t;
  }
  if (LOG_LEN.length <= n) {
    const size = Math.min(SCRATCH_MAX + 1, Math.max(n + 1, 2 * LOG_LEN.length, SCRATCH_MIN + 1));
    LOG_LEN = new Float64Array(size);
    for (let len = 1; len < size; len++) LOG_LEN[len] = Math.log(len);
  }
  return LOG_LEN;
}

/**
 * The value a candidate must exceed to be pruned, given the step's best F: beyond the rounding error
 * of the costs compared (`slack`, see pelt()) and 1e-12 relative to `best`.
 */
function pruneLimit(best: number, slack: number): number {
  return best + 1e-12 * (Math.abs(best) + 1) + slack;
}

/** The one-segment result (no change). */
function wholeSeries(y: ArrayLike<number>, variance: number, beta: number, mbic: boolean, warnings: string[]): PeltResult {
  const n = y.length;
  const my = mean(y);
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (y[i] - my) ** 2;
  const cost = variance > 0 ? ss / variance + (mbic ? Math.log(n) : 0) : mbic ? Math.log(n) : 0;
  return { changepoints: [], segments: [{ start: 0, end: n, mean: my }], cost, penalty: beta, variance, mbic, warnings };
}

/**
 * PELT, the Pruned Exact Linear Time search for multiple changes in the mean of a series with
 * normal errors: it finds exactly the segmentation minimising Σ C(segment) + β·(number of changes),
 * with C = Σ (y − ȳ_segment)² / σ² (+ log(length) for MBIC).
 *
 * Mirrors `changepoint::cpt.mean(y / σ, method = 'PELT', penalty = 'MBIC')` (cost `mbic_mean`,
 * β = 3·log n); changepoint assumes σ = 1, here the data are scaled by an estimated σ unless
 * `variance` is given. Unlike changepoint's C code, pruning stays exact with the MBIC term and with
 * `minSegment` > 1 (a candidate pruned at time t is kept until t + minSegment). The pruning constant
 * K must satisfy C(τ, T) ≥ C(τ, t) + C(t, T) + K for every T in (t, n]: the squared deviations are
 * superadditive and the MBIC terms give log(T − τ) − log(t − τ) − log(T − t) = −log(ab/(a + b)) with
 * a = t − τ, b = T − t, least at T = n; so K(τ, t) = −log((t − τ)(n − t)/(n − τ)) (minSegment 1;
 * the general loop uses the weaker K = −log(n/4), since ab/(a + b) ≤ n/4). On a steady series,
 * where PELT prunes little, the tight K drops candidates near t in the second half of the series.
 *
 * Reference: Killick, R., Fearnhead, P. & Eckley, I. A. (2012), "Optimal detection of changepoints
 * with a linear computational cost", JASA 107(500), 1590–1598 (Theorem 3.1); Zhang, N. R. &
 * Siegmund, D. O. (2007), "A modified Bayes information criterion with applications to the
 * analysis of comparative genomic hybridization data", Biometrics 63, 22–32 (MBIC); robust σ from
 * differences as in Fryzlewicz, P. (2014), "Wild binary segmentation", Ann. Statist. 42, 2243–2281.
 *
 * A constant series (σ̂ = 0), or one shorter than 2·minSegment, gives a single segment (with a
 * warning for the former).
 * @throws {RangeError} empty or non-finite `y`, `minSegment` not an integer ≥ 1, a negative or
 *   non-finite penalty, a variance ≤ 0.
 * @example
 * pelt([10, 11, 9, 10, 10, 20, 21, 19, 20, 20], { variance: 1 }).changepoints // [5]
 */
export function pelt(y: ArrayLike<number>, options: PeltOptions = {}): PeltResult {
  const n = y.length;
  if (n === 0) throw new RangeError('pelt: empty series');
  for (let i = 0; i < n; i++) if (!Number.isFinite(y[i])) throw new RangeError(`pelt: y[${i}] is not finite (${y[i]})`);
  const m = options.minSegment ?? 1;
  if (!Number.isInteger(m) || m < 1) throw new RangeError(`pelt: minSegment must be an integer >= 1, found ${m}`);
  const pen = options.penalty ?? 'MBIC';
  const mbic = pen === 'MBIC';
  const beta = pen === 'MBIC' ? 3 * Math.log(n) : pen === 'BIC' ? 2 * Math.log(n) : pen;
  if (typeof beta !== 'number' || !(beta >= 0) || !Number.isFinite(beta)) {
    throw new RangeError(`pelt: penalty must be 'MBIC', 'BIC' or a finite number >= 0, found ${String(pen)}`);
  }
  if (options.variance !== undefined && !(options.variance > 0 && Number.isFinite(options.variance))) {
    throw new RangeError(`pelt: variance must be a finite number > 0, found ${options.variance}`);
  }
  const warnings: string[] = [];
  const variance = options.variance ?? diffVariance(y);
  if (!(variance > 0)) {
    warnings.push('the series has no variation: no change can be detected');
    return wholeSeries(y, variance, beta, mbic, warnings);
  }
  if (n < 2 * m) return wholeSeries(y, variance, beta, mbic, warnings);

  // prefix sums of the centred series (centring keeps S2 − S1²/len accurate for large means)
  const c = mean(y);
  const s1 = scratch(SCRATCH.s1, n + 1, Float64Array);
  const s2 = scratch(SCRATCH.s2, n + 1, Float64Array);
  s1[0] = 0;
  s2[0] = 0;
  for (let i = 0; i < n; i++) {
    const d = y[i] - c;
    s1[i + 1] = s1[i] + d;
    s2[i + 1] = s2[i] + d * d;
  }
  // log(segment length) of the MBIC cost, once per length
  const logLen = mbic ? logTable(n) : new Float64Array(n + 1);
  // Pruning compares sums of rounded segment costs: a candidate is dropped only when it loses by
  // more than their rounding error (about ε·S2/σ² per cost, S2 the total sum of squares, plus the
  // log terms; and 1e-12 relative to the value compared), so that near-ties (e.g. penalty 0, where
  // F stays near 0) are never decided by rounding. Pruning less than the theorem allows keeps the
  // search exact.
  const slack = 64 * Number.EPSILON * (s2[n] / variance + n);
  const F = scratch(SCRATCH.F, n + 1, Float64Array).fill(Infinity, 0, n + 1);
  const last = scratch(SCRATCH_INT.last, n + 1, Int32Array).fill(-1, 0, n + 1);
  F[0] = -beta;
  const search: PeltSearch = { n, s1, s2, variance, beta, mbic, logLen, slack, F, last };
  if (m === 1) searchSingle(search);
  else searchGeneral(search, m);
  return result(y, last, F[n], beta, variance, mbic, warnings);
}

/**
 * What the two searches of {@link pelt} share: the series' prefix sums of the centred values and of
 * their squares (s1, s2), σ², the penalty β, whether the cost has MBIC's log-length term (logLen: its
 * table), the rounding slack of pruning; they fill F (the optimal cost of y[0, t)) and last (the
 * last change before t).
 */
interface PeltSearch {
  n: number;
  s1: Float64Array;
  s2: Float64Array;
  variance: number;
  beta: number;
  mbic: boolean;
  logLen: Float64Array;
  slack: number;
  F: Float64Array;
  last: Int32Array;
}

/**
 * The search of {@link pelt} for minSegment 1: fills F (the optimal cost of y[0, t) for each t) and
 * last (its last change), given F[0] = −β and the rest of F Infinity.
 *
 * Every candidate τ < t has a segment of length ≥ 1 and is never kept pending (pruneAt stays
 * Infinity), so {@link searchGeneral} reduces to this loop (same arithmetic). One pass per t: a
 * candidate is pruned by the previous step's value and best (the test the general loop makes right
 * after that step) as it is reached, then evaluated and kept in place. A candidate added at the
 * previous step was not evaluated there: its value is −∞ (kept).
 *
 * Order: the candidates are kept sorted by F[τ] (a new one is inserted in place; compaction keeps
 * the order). The step starts from the previous step's argmin (seed: it is never pruned, its
 * value − β + K < its value = prevBest) as the best so far. Every value is at least F[τ] + β (ss
 * and log(len) are ≥ 0; rounding is monotone), so once F[τ] + β exceeds the best, no candidate
 * from there on can reach it: they are kept as they are, with their values from an earlier step
 * (a value only grows with t: a lower bound, which prunes less, never wrongly), and not visited.
 *
 * Bounding: F[τ] + log(len) + β (the value with ss = 0) bounds a candidate's value from below; a
 * candidate whose bound is above the best so far cannot be the minimum: it is kept without
 * computing its segment cost, with its bound in place of its value.
 *
 * Ties go to the smallest τ, explicitly (the candidates are not visited in τ order): the first
 * strict minimum over ascending τ, as the full loop finds it. F and the argmins are the full
 * loop's; fewer candidates are pruned.
 */
function searchSingle(search: PeltSearch): void {
  const { n, s1, s2, variance, beta, mbic, logLen, slack, F, last } = search;
  // candidates: last-change positions τ with F[τ] finite, and their values (or lower bounds); typed
  // buffers compacted in place (at most one candidate per time step is added)
  const cand = scratch(SCRATCH_INT.cand, n + 1, Int32Array);
  const vals = scratch(SCRATCH.vals, n + 1, Float64Array);
  let nc = 1;
  cand[0] = 0;
  let prevBest = Infinity;
  vals[0] = -Infinity;
  for (let t = 1; t <= n; t++) {
    let best = Infinity;
    let arg = -1;
    const s1t = s1[t];
    const s2t = s2[t];
    const prev = last[t - 1];
    if (prev >= 0) {
      const len = t - prev;
      const sx = s1t - s1[prev];
      const ss = Math.max(0, s2t - s2[prev] - (sx * sx) / len);
      best = F[prev] + (ss / variance + logLen[len]) + beta;
      arg = prev;
    }
    let w = 0;
    const tp = t - 1;
    const lnt = mbic ? logLen[n - tp] : 0;
    const limit = pruneLimit(prevBest, slack);
    let k = 0;
    for (; k < nc; k++) {
      const tau = cand[k];
      const f = F[tau];
      if (f + beta > best) break; // this one and every later one: F ≥ f, value ≥ f + β > best
      // pruned after step t − 1 (tp): F(τ) + C(τ, tp) + K(τ, tp) > F(tp), with the tight MBIC
      // constant K(τ, tp) = −log((tp − τ)(n − tp)/(n − τ)) (see pelt), beyond the rounding slack
      if (mbic ? vals[k] - beta - (logLen[tp - tau] + lnt - logLen[n - tau]) > limit : vals[k] - beta > limit) continue;
      const len = t - tau;
      const bound = f + logLen[len] + beta;
      if (bound > best || (bound === best && tau > arg)) {
        cand[w] = tau;
        vals[w] = bound;
        w++;
        continue;
      }
      const sx = s1t - s1[tau];
      const ss = Math.max(0, s2t - s2[tau] - (sx * sx) / len);
      const v = f + (ss / variance + logLen[len]) + beta;
      cand[w] = tau;
      vals[w] = v;
      w++;
      if (v < best || (v === best && tau < arg)) {
        best = v;
        arg = tau;
      }
    }
    // the candidates not visited, kept in order
    if (w < k) for (; k < nc; k++) (cand[w] = cand[k]), (vals[w] = vals[k]), w++;
    else w = nc;
    F[t] = best;
    last[t] = arg;
    if (Number.isFinite(best)) {
      let i = w;
      for (; i > 0 && F[cand[i - 1]] > best; i--) (cand[i] = cand[i - 1]), (vals[i] = vals[i - 1]);
      cand[i] = t;
      vals[i] = -Infinity;
      w++;
    }
    nc = w;
    prevBest = best;
  }
}

/** The search of {@link pelt} for minSegment m > 1 (F and last as for {@link searchSingle}). */
function searchGeneral(search: PeltSearch, m: number): void {
  const { n, s1, s2, variance, beta, mbic, logLen, slack, F, last } = search;
  const K = mbic ? -Math.max(0, Math.log(n / 4)) : 0;
  // candidates: last-change positions τ with F[τ] finite; pruneAt: time from which τ is dominated
  // (typed buffers compacted in place: at most one candidate per time step is added)
  const cand = scratch(SCRATCH_INT.cand, n + 1, Int32Array);
  const pruneAt = scratch(SCRATCH.pruneAt, n + 1, Float64Array);
  const vals = scratch(SCRATCH.vals, n + 1, Float64Array);
  let nc = 1;
  cand[0] = 0;
  pruneAt[0] = Infinity;
  for (let t = m; t <= n; t++) {
    let best = Infinity;
    let arg = -1;
    for (let k = 0; k < nc; k++) {
      const tau = cand[k];
      const len = t - tau;
      if (len < m) {
        vals[k] = NaN;
        continue;
      }
      // segment y[tau..t): Σ (y − ȳ)² / σ² (+ log length for MBIC)
      const sx = s1[t] - s1[tau];
      const ss = Math.max(0, s2[t] - s2[tau] - (sx * sx) / len);
      const v = F[tau] + (ss / variance + logLen[len]) + beta;
      vals[k] = v;
      if (v < best) {
        best = v;
        arg = tau;
      }
    }
    F[t] = best;
    last[t] = arg;
    // pruning (Theorem 3.1): τ with F[τ] + C(τ, t) + K > F[t] can never be optimal from t + m on
    const limit = pruneLimit(best, slack);
    let w = 0;
    for (let k = 0; k < nc; k++) {
      let pa = pruneAt[k];
      const v = vals[k];
      if (v === v && v - beta + K > limit) pa = Math.min(pa, t + m);
      if (pa > t + 1) {
        cand[w] = cand[k];
        pruneAt[w] = pa;
        w++;
      }
    }
    if (Number.isFinite(best)) {
      cand[w] = t;
      pruneAt[w] = Infinity;
      w++;
    }
    nc = w;
  }
}

/** The segmentation the argmins `last` trace back from n, and its cost. */
function result(y: ArrayLike<number>, last: Int32Array, cost: number, beta: number, variance: number, mbic: boolean, warnings: string[]): PeltResult {
  const n = y.length;
  const changepoints: number[] = [];
  for (let t = last[n]; t > 0; t = last[t]) changepoints.push(t);
  changepoints.reverse();
  const segments: PeltSegment[] = [];
  for (let i = 0; i <= changepoints.length; i++) {
    const start = i === 0 ? 0 : changepoints[i - 1];
    const end = i < changepoints.length ? changepoints[i] : n;
    segments.push({ start, end, mean: meanRange(y, start, end) });
  }
  return { changepoints, segments, cost, penalty: beta, variance, mbic, warnings };
}
