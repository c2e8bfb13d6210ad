import { quantileSorted } from './quantile.js';

/**
 * Sample median: the middle order statistic, or the mean of the two middle ones, as R's `median`.
 *
 * Computed by selection (quickselect) in a copy (a buffer reused from call to call), which finds
 * the same order statistics as a sort in linear expected time; a series with NaN or −0 is sorted
 * instead (NaN has no place in the selection's comparisons, and the sort puts −0 before +0, which
 * compare equal in the selection).
 * Without them, values that compare equal are the same double, so the selection's order statistics
 * are the sort's bit for bit (+0 alone, as in throughput series with stalls, is selected).
 *
 * Reference: R Core Team, `median.default`; Hoare, C. A. R. (1961), "Algorithm 65: Find", CACM 4(7), 321.
 * @throws {RangeError} when `x` is empty.
 * @example median([3, 1, 4, 1, 5]) // 3
 */
export function median(x: ArrayLike<number>): number {
  return medianRange(x, 0, x.length);
}

/**
 * {@link median} of x[from, to), without a copy of the part to pass (the same value as
 * median(x.slice(from, to))).
 * @throws {RangeError} when the part is empty.
 * @example medianRange([9, 3, 1, 4, 1, 5], 1, 6) // 3
 */
export function medianRange(x: ArrayLike<number>, from: number, to: number): number {
  const n = to - from;
  const a = copy(x, from, to);
  for (let i = 0; i < n; i++) {
    const v = a[i];
    // a numeric typed-array sort: the same order as sort((a, b) => a - b), without a comparator call
    if (v !== v || (v === 0 && 1 / v < 0)) return quantileSorted(a.subarray(0, n).sort() as unknown as number[], 0.5);
  }
  if (!(n > 0)) return quantileSorted([], 0.5);
  return medianInPlace(a, n);
}

/** Series up to this many values are copied into the buffer of the previous call (longer ones get their own). */
const SCRATCH_MAX = 4096;
/** The copy {@link medianRange} selects in, reused from call to call (it is synchronous and calls
 * nothing that could call it again): a new typed array costs more than the selection in a short one. */
let scratch = new Float64Array(0);

/** x[from, to) copied into the start of a buffer of at least to − from values (the reused one up to SCRATCH_MAX). */
function copy(x: ArrayLike<number>, from: number, to: number): Float64Array {
  const n = Math.max(0, to - from);
  let a: Float64Array;
  if (n > SCRATCH_MAX) a = new Float64Array(n);
  else {
    if (scratch.length < n) scratch = new Float64Array(Math.min(SCRATCH_MAX, Math.max(n, 2 * scratch.length, 1024)));
    a = scratch;
  }
  for (let i = 0; i < n; i++) a[i] = x[from + i];
  return a;
}

/**
 * The median of a[0, n), n ≥ 1, with no NaN in it (reordered in place; a may be a longer buffer,
 * whose tail is not read), as quantileSorted(sorted values, 0.5) computes it: the middle order
 * statistic, or (1 − ½)·a₍ₖ₎ + ½·a₍ₖ₊₁₎ for an even length. Hoare's selection finds a₍ₖ₎; a₍ₖ₊₁₎
 * is then the least value right of it. (−0 and +0 compare equal here: either may be returned.)
 * Linear expected time, O(n log n) at worst (see {@link selectInPlace}).
 * @example medianInPlace(new Float64Array([4, 1, 3, 2]), 4) // 2.5
 */
export function medianInPlace(a: Float64Array, n: number): number {
  const k = (n - 1) >> 1;
  const lo = selectInPlace(a, 0, n - 1, k);
  if ((n - 1) % 2 === 0) return lo;
  let hi = a[k + 1];
  for (let i = k + 2; i < n; i++) if (a[i] < hi) hi = a[i];
  return (1 - 0.5) * lo + 0.5 * hi;
}

/**
 * The k-th smallest value of a[from, to] (k an index in that range, 0-based over the whole array),
 * with no NaN in it, by Hoare's selection in place: afterwards a[k] holds it, a[from, k) holds no
 * larger value and a(k, to] no smaller one, so that further order statistics above k are selected
 * in a(k, to] alone. (−0 and +0 compare equal here.) Linear expected time; introselect: after
 * 2·log₂(length) + 4 partitions the part still holding a₍ₖ₎ is sorted instead (the middle element as
 * pivot can take quadratic time on some orders, e.g. rising then falling), O(n log n) at worst.
 * @example selectInPlace(new Float64Array([5, 1, 4, 2, 3]), 0, 4, 3) // 4
 */
export function selectInPlace(a: Float64Array, from: number, to: number, k: number): number {
  let l = from;
  let r = to;
  let rounds = 2 * Math.ceil(Math.log2(to - from + 2)) + 4;
  while (r > l) {
    if (rounds-- === 0) {
      a.subarray(l, r + 1).sort();
      break;
    }
    const pivot = a[(l + r) >> 1];
    let i = l;
    let j = r;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) r = j;
    else if (k >= i) l = i;
    else break;
  }
  return a[k];
}
