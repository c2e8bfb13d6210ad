/**
 * AssemblyScript source of PELT's search for minSegment 1 (src/stats/pelt.ts calls it; the same
 * loop is there in JavaScript, for when WebAssembly is not available). Compiled by
 * `npm run build:wasm` into src/stats/pelt-wasm.ts; test/wasm/build.test.ts checks that the
 * embedded module is this source's, test/stats/pelt-wasm.test.ts that both loops give the same F and
 * argmins.
 *
 * The arithmetic is pelt.ts's, operation for operation (IEEE doubles, no fused operations in
 * WebAssembly): the values, the bounds, the pruning test and the tie rule are the same, so F and
 * `last` come out bit for bit as the JavaScript loop leaves them (see the loop's comments there).
 *
 * Arrays at the given addresses, n + 1 entries each: s1, s2 (centred prefix sums), logLen
 * (log(length), or zeros without MBIC), F (out), vals (scratch) as f64; last (out), cand (scratch)
 * as i32.
 */
export function search(n: i32, beta: f64, variance: f64, mbic: i32, slack: f64, s1: usize, s2: usize, logLen: usize, F: usize, last: usize, cand: usize, vals: usize): void {
  for (let t = 0; t <= n; t++) {
    store<f64>(F + (<usize>t << 3), Infinity);
    store<i32>(last + (<usize>t << 2), -1);
  }
  store<f64>(F, -beta);
  let nc = 1;
  store<i32>(cand, 0);
  store<f64>(vals, -Infinity);
  let prevBest: f64 = Infinity;
  for (let t = 1; t <= n; t++) {
    let best: f64 = Infinity;
    let arg: i32 = -1;
    const s1t = load<f64>(s1 + (<usize>t << 3));
    const s2t = load<f64>(s2 + (<usize>t << 3));
    const prev = load<i32>(last + (<usize>(t - 1) << 2));
    if (prev >= 0) {
      const len = t - prev;
      const sx = s1t - load<f64>(s1 + (<usize>prev << 3));
      const ss = max<f64>(0, s2t - load<f64>(s2 + (<usize>prev << 3)) - (sx * sx) / <f64>len);
      best = load<f64>(F + (<usize>prev << 3)) + (ss / variance + load<f64>(logLen + (<usize>len << 3))) + beta;
      arg = prev;
    }
    let w = 0;
    const tp = t - 1;
    const lnt: f64 = mbic ? load<f64>(logLen + (<usize>(n - tp) << 3)) : 0;
    // pruneLimit(prevBest, slack)
    const limit = prevBest + 1e-12 * (abs<f64>(prevBest) + 1) + slack;
    let k = 0;
    for (; k < nc; k++) {
      const tau = load<i32>(cand + (<usize>k << 2));
      const f = load<f64>(F + (<usize>tau << 3));
      if (f + beta > best) break;
      const vk = load<f64>(vals + (<usize>k << 3));
      if (mbic ? vk - beta - (load<f64>(logLen + (<usize>(tp - tau) << 3)) + lnt - load<f64>(logLen + (<usize>(n - tau) << 3))) > limit : vk - beta > limit) continue;
      const len = t - tau;
      const ll = load<f64>(logLen + (<usize>len << 3));
      const bound = f + ll + beta;
      if (bound > best || (bound == best && tau > arg)) {
        store<i32>(cand + (<usize>w << 2), tau);
        store<f64>(vals + (<usize>w << 3), bound);
        w++;
        continue;
      }
      const sx = s1t - load<f64>(s1 + (<usize>tau << 3));
      const ss = max<f64>(0, s2t - load<f64>(s2 + (<usize>tau << 3)) - (sx * sx) / <f64>len);
      const v = f + (ss / variance + ll) + beta;
      store<i32>(cand + (<usize>w << 2), tau);
      store<f64>(vals + (<usize>w << 3), v);
      w++;
      if (v < best || (v == best && tau < arg)) {
        best = v;
        arg = tau;
      }
    }
    if (w < k) {
      for (; k < nc; k++) {
        store<i32>(cand + (<usize>w << 2), load<i32>(cand + (<usize>k << 2)));
        store<f64>(vals + (<usize>w << 3), load<f64>(vals + (<usize>k << 3)));
        w++;
      }
    } else w = nc;
    store<f64>(F + (<usize>t << 3), best);
    store<i32>(last + (<usize>t << 2), arg);
    if (isFinite<f64>(best)) {
      let i = w;
      while (i > 0 && load<f64>(F + (<usize>load<i32>(cand + (<usize>(i - 1) << 2)) << 3)) > best) {
        store<i32>(cand + (<usize>i << 2), load<i32>(cand + (<usize>(i - 1) << 2)));
        store<f64>(vals + (<usize>i << 3), load<f64>(vals + (<usize>(i - 1) << 3)));
        i--;
      }
      store<i32>(cand + (<usize>i << 2), t);
      store<f64>(vals + (<usize>i << 3), -Infinity);
      w++;
    }
    nc = w;
    prevBest = best;
  }
}

/** The first address the caller may use, 16-aligned. */
export function heapBase(): usize {
  return (__heap_base + 15) & ~15;
}
