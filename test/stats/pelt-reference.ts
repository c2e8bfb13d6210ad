/**
 * The reference PELT is checked against (test/stats/timeseries.test.ts, pelt-exact.test.ts): plain
 * optimal partitioning, unpruned, O(n²), with pelt's own arithmetic.
 */
import { mean } from '../../src/stats/mean.js';

/**
 * Optimal partitioning with pelt's own arithmetic (centred prefix sums, the same expression for a
 * candidate's value, the first strict minimum over ascending τ): what pruning and skipping must not
 * change, down to ties (F and the argmin at every t).
 */
export function sameArithmeticOP(y: number[], beta: number, minSeg: number, variance: number, mbic: boolean) {
  const n = y.length;
  const c = mean(y);
  const s1 = new Float64Array(n + 1);
  const s2 = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const d = y[i] - c;
    s1[i + 1] = s1[i] + d;
    s2[i + 1] = s2[i] + d * d;
  }
  const F = new Float64Array(n + 1).fill(Infinity);
  const last = new Int32Array(n + 1).fill(-1);
  F[0] = -beta;
  for (let t = minSeg; t <= n; t++) {
    let best = Infinity;
    let arg = -1;
    for (let tau = 0; tau <= t - minSeg; tau++) {
      if (!Number.isFinite(F[tau])) continue;
      const len = t - tau;
      const sx = s1[t] - s1[tau];
      const ss = Math.max(0, s2[t] - s2[tau] - (sx * sx) / len);
      const v = F[tau] + (ss / variance + (mbic ? Math.log(len) : 0)) + beta;
      if (v < best) {
        best = v;
        arg = tau;
      }
    }
    F[t] = best;
    last[t] = arg;
  }
  const cps: number[] = [];
  for (let t = last[n]; t > 0; t = last[t]) cps.unshift(t);
  return { cps, cost: F[n] };
}

