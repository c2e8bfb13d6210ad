/** Adjustment methods of {@link pAdjust}, named as in R. */
export type PAdjustMethod = 'holm' | 'bonferroni' | 'BH';

/**
 * Adjusted p-values for multiple comparisons, exactly as R's `p.adjust(p, method)`:
 * - `bonferroni`: min(1, n·p);
 * - `holm` (Holm's step-down): sorted ascending, min(1, cummax((n + 1 − i)·p₍ᵢ₎));
 * - `BH` (Benjamini–Hochberg false discovery rate): sorted descending, min(1, cummin(n/i·p₍ᵢ₎)).
 * NaN entries (R's NA/NaN) stay NaN and are not counted in n (R's default n = length of the
 * non-missing p). With n <= 1 the input is returned unchanged. The result is in the input order.
 *
 * References: Holm, S. (1979). A simple sequentially rejective multiple test procedure. Scand. J.
 * Statist. 6, 65–70; Benjamini, Y. & Hochberg, Y. (1995). Controlling the false discovery rate.
 * JRSS B 57, 289–300; R Core Team, `p.adjust` (R 4.2).
 * @throws {RangeError} for an unknown method.
 * @example pAdjust([0.01, 0.04, 0.03], 'holm') // [0.03, 0.06, 0.06]
 */
export function pAdjust(p: readonly number[], method: PAdjustMethod): number[] {
  if (method !== 'holm' && method !== 'bonferroni' && method !== 'BH') {
    throw new RangeError(`pAdjust: unknown method '${String(method)}' (holm, bonferroni or BH)`);
  }
  const out = p.slice();
  const idx: number[] = [];
  for (let i = 0; i < p.length; i++) if (!Number.isNaN(p[i])) idx.push(i);
  const n = idx.length;
  if (n <= 1) return out;
  if (method === 'bonferroni') {
    for (const i of idx) out[i] = Math.min(1, n * p[i]);
    return out;
  }
  if (method === 'holm') {
    // Stable ascending order, as R's order(p).
    const o = idx.slice().sort((a, b) => p[a] - p[b] || a - b);
    let run = -Infinity;
    o.forEach((k, r) => {
      run = Math.max(run, (n - r) * p[k]);
      out[k] = Math.min(1, run);
    });
    return out;
  }
  // BH: descending order (ties keep the same adjusted value whatever their order).
  const o = idx.slice().sort((a, b) => p[b] - p[a] || a - b);
  let run = Infinity;
  o.forEach((k, r) => {
    run = Math.min(run, (n / (n - r)) * p[k]);
    out[k] = Math.min(1, run);
  });
  return out;
}
