/**
 * AssemblyScript source of a run's series digest in one call (src/analysis/digest.ts calls it): what
 * `seriesOf` in src/analysis/analyze.ts computes from a run's status samples when nothing in them
 * calls for a warning. Compiled by `npm run build:wasm` (wasm/build.mjs) into
 * src/analysis/digest-wasm.ts; test/wasm/build.test.ts checks that the embedded module is this
 * source's, test/analysis/digest.test.ts that its findings are the JavaScript's, bit for bit.
 *
 * ```
 * samples t, operations, throughput ──throughputSamples──► count; the sample intervals' y and ends
 *                                    ──stalls (intervals of the samples)──► count, seconds, episodes
 * y ──PELT (MBIC, minSegment 1; the search of wasm/pelt.ts)──► segments ──warm-up rule──► seconds
 * warm-up seconds ──rateAfter──► steady throughput
 * ```
 * Every step mirrors the JavaScript it names, operation for operation (IEEE doubles; WebAssembly
 * fuses nothing): sums in the same order, the same divisions, the same comparisons. The medians are
 * order statistics, the same values whatever the selection, given no NaN and no −0 (declined).
 * Logarithms are the caller's (Math.log, in `logTab`): WebAssembly has none of its own.
 *
 * It declines (returns 1, and the caller runs the JavaScript) whenever the JavaScript would throw
 * or warn, except for the warm-up rule's two warnings (their numbers are returned, the caller words
 * them), and on the inputs it does not take: a time that is not finite, negative at the start or
 * going back; an operation count that is not finite; an interval throughput of −0; fewer than
 * `minIntervals` intervals; a series without variation. The caller declines, before calling, on a
 * throughput that is present but not finite (NaN here means "absent").
 *
 * Memory: regions of 8·(cap + 1) bytes from `base`, region r at base + r·8·(cap + 1) (see REGION_*):
 * the caller writes t, operations, throughput (n values each) and logTab (log(i) for i = 0 … cap,
 * log(0) taken as 0, as pelt.ts's table); the results are in OUT (see `digest`).
 */
import { search } from './pelt';

// Regions (in units of cap + 1 doubles). OUT spans four: 10 + 3·n values.
const REGION_T = 0;
const REGION_OPS = 1;
const REGION_THR = 2;
const REGION_LOG = 3;
const REGION_OUT = 4;
const REGION_Y = 8;
const REGION_YEND = 9;
const REGION_D = 10;
const REGION_WORK = 11;
const REGION_S1 = 12;
const REGION_S2 = 13;
const REGION_F = 14;
const REGION_VALS = 15;
const REGION_LAST = 16;
const REGION_CAND = 17;
const REGION_SEGEND = 18;
const REGION_SEGMEAN = 19;
const REGION_IVSTART = 20;
const REGION_IVEND = 21;
const REGION_ZERO = 22;
/** Regions in all (the caller sizes the memory with it). */
export function regions(): i32 {
  return 23;
}

let stride: usize = 0;
let mem: usize = 0;

@inline function at(region: i32): usize {
  return mem + <usize>region * stride;
}
@inline function f(region: i32, i: i32): f64 {
  return load<f64>(at(region) + (<usize>i << 3));
}
@inline function setF(region: i32, i: i32, v: f64): void {
  store<f64>(at(region) + (<usize>i << 3), v);
}
@inline function n32(region: i32, i: i32): i32 {
  return load<i32>(at(region) + (<usize>i << 2));
}
@inline function setN32(region: i32, i: i32, v: i32): void {
  store<i32>(at(region) + (<usize>i << 2), v);
}

/** mean.ts's `mean` of region[from, to): the sum, then its correction, in index order. */
function meanOf(region: i32, from: i32, to: i32): f64 {
  const len = <f64>(to - from);
  let s: f64 = 0;
  for (let i = from; i < to; i++) s += f(region, i);
  const m = s / len;
  if (!isFinite<f64>(m)) return m;
  let c: f64 = 0;
  for (let i = from; i < to; i++) c += f(region, i) - m;
  return m + c / len;
}

/**
 * median.ts's `medianInPlace` on WORK[0, n): the (n − 1) >> 1-th order statistic, and for an even n
 * (1 − 0.5)·lo + 0.5·hi with hi the next one. Hoare selection; after 2·⌈log₂(n + 1)⌉ + 4 rounds the
 * part left is sorted by insertion (the values are the same order statistics either way).
 */
function medianWork(n: i32): f64 {
  const a = at(REGION_WORK);
  const k = (n - 1) >> 1;
  let l = 0;
  let r = n - 1;
  let rounds = 2 * (32 - clz<i32>(n)) + 4; // 2·⌈log₂(n + 1)⌉ + 4
  while (r > l) {
    if (rounds-- == 0) {
      for (let i = l + 1; i <= r; i++) {
        const v = load<f64>(a + (<usize>i << 3));
        let j = i - 1;
        while (j >= l && load<f64>(a + (<usize>j << 3)) > v) {
          store<f64>(a + (<usize>(j + 1) << 3), load<f64>(a + (<usize>j << 3)));
          j--;
        }
        store<f64>(a + (<usize>(j + 1) << 3), v);
      }
      break;
    }
    const pivot = load<f64>(a + (<usize>((l + r) >> 1) << 3));
    let i = l;
    let j = r;
    while (i <= j) {
      while (load<f64>(a + (<usize>i << 3)) < pivot) i++;
      while (load<f64>(a + (<usize>j << 3)) > pivot) j--;
      if (i <= j) {
        const t = load<f64>(a + (<usize>i << 3));
        store<f64>(a + (<usize>i << 3), load<f64>(a + (<usize>j << 3)));
        store<f64>(a + (<usize>j << 3), t);
        i++;
        j--;
      }
    }
    if (k <= j) r = j;
    else if (k >= i) l = i;
    else break;
  }
  const lo = load<f64>(a + (<usize>k << 3));
  if ((n - 1) % 2 == 0) return lo;
  let hi = load<f64>(a + (<usize>(k + 1) << 3));
  for (let i = k + 2; i < n; i++) {
    const v = load<f64>(a + (<usize>i << 3));
    if (v < hi) hi = v;
  }
  return (1 - 0.5) * lo + 0.5 * hi;
}

/** median.ts's `median` of Y[from, m) (no NaN, no −0: checked). */
function medianOfY(from: i32, m: i32): f64 {
  for (let i = from; i < m; i++) setF(REGION_WORK, i - from, f(REGION_Y, i));
  return medianWork(m - from);
}

/** pelt.ts's `diffVariance` of Y[0, m). */
function diffVariance(m: i32): f64 {
  if (m < 3) return 0;
  const n = m - 1;
  for (let i = 0; i < n; i++) setF(REGION_D, i, f(REGION_Y, i + 1) - f(REGION_Y, i));
  for (let i = 0; i < n; i++) setF(REGION_WORK, i, f(REGION_D, i));
  const md = medianWork(n);
  for (let i = 0; i < n; i++) setF(REGION_WORK, i, abs<f64>(f(REGION_D, i) - md));
  const mad = 1.4826 * medianWork(n);
  if (mad > 0) return (mad * mad) / 2;
  const mean = meanOf(REGION_D, 0, n);
  let ss: f64 = 0;
  for (let i = 0; i < n; i++) ss += (f(REGION_D, i) - mean) * (f(REGION_D, i) - mean);
  return ss / <f64>(n - 1) / 2;
}

/**
 * The digest of samples 0 … n − 1. Returns 0 with the findings in OUT, or 1: declined (see above).
 * OUT: [0] throughput samples, [1] stall intervals, [2] stall seconds, [3] warm-up seconds,
 * [4] steady throughput, [5] episodes E, [6] warm-up warning (0 none, 1 the run starts above its
 * later level, 2 it rises too late), [7] the first segment's mean, [8] its end (s), [9] the later
 * level (7–9 when there are two segments or more and no warm-up); from [10], per episode start, end,
 * position (0 leading, 1 inner, 2 trailing, 3 whole).
 * `maxFraction` and `keep` (= 1 − minDrop) are warmup()'s options, `minIntervals` its minimum.
 */
export function digest(n: i32, cap: i32, base: usize, minIntervals: i32, maxFraction: f64, keep: f64): i32 {
  stride = <usize>(cap + 1) << 3;
  mem = base;

  // 0. What the JavaScript would throw on (intervals: "non-finite time", "time goes backwards").
  let prevT: f64 = 0;
  for (let i = 0; i < n; i++) {
    const t = f(REGION_T, i);
    if (!isFinite<f64>(t) || t < prevT || !isFinite<f64>(f(REGION_OPS, i))) return 1;
    prevT = t;
  }

  // 1. throughputSamples(series), and intervals() of those samples as warmup() takes them: the
  //    interval throughputs y and their end times (a sample's operations are absent there).
  let samples = 0;
  let m = 0;
  prevT = 0;
  for (let i = 0; i < n; i++) {
    const t = f(REGION_T, i);
    let th = f(REGION_THR, i);
    let has = false;
    if (th == th) has = true;
    else if (i > 0 && t > f(REGION_T, i - 1)) {
      th = (f(REGION_OPS, i) - f(REGION_OPS, i - 1)) / (t - f(REGION_T, i - 1));
      has = true;
    }
    if (!has) continue;
    samples++;
    const seconds = t - prevT;
    if (seconds > 0 && isFinite<f64>(th)) {
      if (th == 0 && 1 / th < 0) return 1; // −0: the JavaScript median sorts it apart
      setF(REGION_Y, m, th);
      setF(REGION_YEND, m, t);
      m++;
    }
    prevT = t;
  }

  // 2. stalls(series): intervals() of the samples themselves, then the maximal runs of zero intervals.
  let nIv = 0;
  prevT = 0;
  let prevOps: f64 = 0;
  for (let i = 0; i < n; i++) {
    const t = f(REGION_T, i);
    const o = f(REGION_OPS, i);
    const seconds = t - prevT;
    const ops = o - prevOps;
    let th = f(REGION_THR, i);
    if (th != th && seconds > 0) th = ops / seconds;
    if (seconds > 0 && isFinite<f64>(th)) {
      setF(REGION_IVSTART, nIv, prevT);
      setF(REGION_IVEND, nIv, t);
      setN32(REGION_ZERO, nIv, ops == 0 ? 1 : 0);
      nIv++;
    }
    prevT = t;
    prevOps = o;
  }
  let episodes = 0;
  let count: f64 = 0;
  let total: f64 = 0;
  for (let i = 0; i < nIv; ) {
    if (n32(REGION_ZERO, i) == 0) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < nIv && n32(REGION_ZERO, j + 1) != 0) j++;
    const first = i == 0;
    const last = j == nIv - 1;
    const position = first && last ? 3 : first ? 0 : last ? 2 : 1;
    const start = f(REGION_IVSTART, i);
    const end = f(REGION_IVEND, j);
    setF(REGION_OUT, 10 + 3 * episodes, start);
    setF(REGION_OUT, 11 + 3 * episodes, end);
    setF(REGION_OUT, 12 + 3 * episodes, <f64>position);
    episodes++;
    count += <f64>(j - i + 1);
    total += end - start;
    i = j + 1;
  }

  // 3. warmup(samples): too short, or pelt() without variation, warns: declined.
  if (m < minIntervals) return 1;
  const beta = 3 * f(REGION_LOG, m);
  const variance = diffVariance(m);
  if (!(variance > 0)) return 1;
  // pelt(): the centred prefix sums, the rounding slack, the search (minSegment 1, MBIC)
  const c = meanOf(REGION_Y, 0, m);
  setF(REGION_S1, 0, 0);
  setF(REGION_S2, 0, 0);
  for (let i = 0; i < m; i++) {
    const d = f(REGION_Y, i) - c;
    setF(REGION_S1, i + 1, f(REGION_S1, i) + d);
    setF(REGION_S2, i + 1, f(REGION_S2, i) + d * d);
  }
  const slack = 64 * f64.EPSILON * (f(REGION_S2, m) / variance + <f64>m);
  search(m, beta, variance, 1, slack, at(REGION_S1), at(REGION_S2), at(REGION_LOG), at(REGION_F), at(REGION_LAST), at(REGION_CAND), at(REGION_VALS));
  // result(): the changepoints back from last[m], then the segments' ends (in time order) and means
  let segments = 0;
  for (let t = n32(REGION_LAST, m); t > 0; t = n32(REGION_LAST, t)) segments++;
  segments++; // the last segment ends at m
  setN32(REGION_SEGEND, segments - 1, m);
  {
    let s = segments - 2;
    for (let t = n32(REGION_LAST, m); t > 0; t = n32(REGION_LAST, t)) setN32(REGION_SEGEND, s--, t);
  }
  for (let s = 0; s < segments; s++) setF(REGION_SEGMEAN, s, meanOf(REGION_Y, s == 0 ? 0 : n32(REGION_SEGEND, s - 1), n32(REGION_SEGEND, s)));
  // the rule (warmup.ts): a rising staircase of leading segments, short, below the later level
  let j = 0;
  for (let cand = 1; cand < segments; cand++) {
    if (!(f(REGION_SEGMEAN, cand - 1) < f(REGION_SEGMEAN, cand))) break;
    const end = n32(REGION_SEGEND, cand - 1);
    if (<f64>end > maxFraction * <f64>m) break;
    const level = medianOfY(end, m);
    let below = true;
    for (let s = 0; s < cand; s++) {
      if (!(f(REGION_SEGMEAN, s) < keep * level)) {
        below = false;
        break;
      }
    }
    if (below) j = cand;
  }
  // its two warnings, with what the caller writes them from (warmup.ts's startsAbove, risesLate)
  let warning = 0;
  if (j == 0 && segments > 1) {
    const level = medianOfY(n32(REGION_SEGEND, 0), m);
    const mu0 = f(REGION_SEGMEAN, 0);
    if (mu0 > level) warning = 1;
    else if (mu0 < f(REGION_SEGMEAN, 1) && <f64>n32(REGION_SEGEND, 0) > maxFraction * <f64>m) warning = 2;
    setF(REGION_OUT, 7, mu0);
    setF(REGION_OUT, 8, f(REGION_YEND, n32(REGION_SEGEND, 0) - 1));
    setF(REGION_OUT, 9, level);
  }
  const k = j > 0 ? n32(REGION_SEGEND, j - 1) : 0;
  const warmupSeconds: f64 = k > 0 ? f(REGION_YEND, k - 1) : 0;

  // 4. rateAfter(series, warm-up): from the first sample at or after it to the last one.
  let steady: f64 = NaN;
  for (let i = 0; i < n; i++) {
    if (f(REGION_T, i) >= warmupSeconds) {
      const t0 = f(REGION_T, i);
      const t1 = f(REGION_T, n - 1);
      if (t1 > t0) steady = (f(REGION_OPS, n - 1) - f(REGION_OPS, i)) / (t1 - t0);
      break;
    }
  }

  setF(REGION_OUT, 0, <f64>samples);
  setF(REGION_OUT, 1, count);
  setF(REGION_OUT, 2, total);
  setF(REGION_OUT, 3, warmupSeconds);
  setF(REGION_OUT, 4, steady);
  setF(REGION_OUT, 5, <f64>episodes);
  setF(REGION_OUT, 6, <f64>warning);
  return 0;
}

/** The first address the caller may use, 16-aligned. */
export function heapBase(): usize {
  return (__heap_base + 15) & ~15;
}
