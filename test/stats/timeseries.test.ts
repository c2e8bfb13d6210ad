import { describe, expect, it } from 'vitest';
import type { StatusSample } from '../../src/model/index.js';
import { intervals, stalls, type ThroughputSample } from '../../src/stats/stalls.js';
import { pelt, type PeltOptions } from '../../src/stats/pelt.js';
import { mulberry32 } from '../../fixtures/generator.js';
import { warmup } from '../../src/stats/warmup.js';
import { readFileSync } from 'node:fs';
import { sameArithmeticOP } from './pelt-reference.js';

// No R reference here: changepoint is not installed. PELT is checked against exhaustive search
// (every partition, for small n) and against plain optimal partitioning (O(n²) dynamic programming),
// both written below from the definition, with segment costs computed two-pass.

const rel = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));

/** A small seeded generator (the fixtures' mulberry32), so every run draws the same data. */
const rng = mulberry32;
function normals(r: () => number, n: number): number[] {
  const out: number[] = [];
  while (out.length < n) {
    const u = 1 - r();
    const v = r();
    out.push(Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
  }
  return out;
}
/** Piecewise-constant levels plus noise. */
function series(seed: number, n: number, sd: number): number[] {
  const r = rng(seed);
  const e = normals(r, n);
  let level = 100 * r();
  return e.map((x) => {
    if (r() < 0.15) level += (r() - 0.5) * 8 * sd;
    return level + sd * x;
  });
}

/** Segment cost from the definition: two-pass SS / σ² (+ log length for MBIC). */
function segCost(y: number[], a: number, b: number, variance: number, mbic: boolean): number {
  const seg = y.slice(a, b);
  const m = seg.reduce((s, v) => s + v, 0) / seg.length;
  return seg.reduce((s, v) => s + (v - m) ** 2, 0) / variance + (mbic ? Math.log(b - a) : 0);
}

/** Every partition of 0..n into segments of length ≥ minSeg: the best total cost and its changes. */
function exhaustive(y: number[], beta: number, minSeg: number, variance: number, mbic: boolean) {
  const n = y.length;
  let best = { cost: Infinity, cps: [] as number[] };
  for (let mask = 0; mask < 1 << (n - 1); mask++) {
    const cps: number[] = [];
    for (let i = 1; i < n; i++) if (mask & (1 << (i - 1))) cps.push(i);
    const b = [0, ...cps, n];
    if (b.slice(1).some((e, i) => e - b[i] < minSeg)) continue;
    let c = beta * cps.length;
    for (let i = 0; i + 1 < b.length; i++) c += segCost(y, b[i], b[i + 1], variance, mbic);
    if (c < best.cost) best = { cost: c, cps };
  }
  return best;
}

/** Optimal partitioning (Jackson et al. 2005): the unpruned O(n²) recursion. */
function optimalPartitioning(y: number[], beta: number, minSeg: number, variance: number, mbic: boolean) {
  const n = y.length;
  const F = new Array<number>(n + 1).fill(Infinity);
  const last = new Array<number>(n + 1).fill(-1);
  F[0] = -beta;
  for (let t = minSeg; t <= n; t++) {
    for (let s = 0; s <= t - minSeg; s++) {
      if (!Number.isFinite(F[s])) continue;
      const v = F[s] + segCost(y, s, t, variance, mbic) + beta;
      if (v < F[t]) {
        F[t] = v;
        last[t] = s;
      }
    }
  }
  const cps: number[] = [];
  for (let t = last[n]; t > 0; t = last[t]) cps.unshift(t);
  return { cost: F[n], cps };
}

describe('pelt finds exactly the optimal segmentation', () => {
  const configs: { name: string; opts: PeltOptions; mbic: boolean }[] = [
    { name: 'MBIC', opts: {}, mbic: true },
    { name: 'BIC', opts: { penalty: 'BIC' }, mbic: false },
    { name: 'penalty 1', opts: { penalty: 1 }, mbic: false },
    { name: 'penalty 0.2', opts: { penalty: 0.2 }, mbic: false },
    { name: 'MBIC, minSegment 2', opts: { minSegment: 2 }, mbic: true },
    { name: 'penalty 0.5, minSegment 3', opts: { penalty: 0.5, minSegment: 3 }, mbic: false },
  ];
  for (const cfg of configs) {
    it(`matches exhaustive search over all partitions, n = 6..13 (${cfg.name})`, () => {
      let withChanges = 0;
      for (let seed = 1; seed <= 24; seed++) {
        const n = 6 + (seed % 8);
        const y = series(seed, n, 1 + (seed % 3));
        const r = pelt(y, cfg.opts);
        const ex = exhaustive(y, r.penalty, cfg.opts.minSegment ?? 1, r.variance, cfg.mbic);
        expect(r.mbic).toBe(cfg.mbic);
        expect(r.changepoints).toEqual(ex.cps);
        expect(rel(r.cost, ex.cost)).toBeLessThan(1e-9);
        if (ex.cps.length > 0) withChanges++;
      }
      expect(withChanges).toBeGreaterThan(3); // the comparison covers segmentations with changes
    });
  }
  it('matches unpruned optimal partitioning on longer series (n = 60..200, large means)', () => {
    for (let seed = 100; seed < 112; seed++) {
      const n = 60 + ((seed * 37) % 141);
      const y = series(seed, n, 2).map((v) => v + 5000);
      for (const opts of [{}, { minSegment: 3 }, { penalty: 4, minSegment: 2 }] as PeltOptions[]) {
        const r = pelt(y, opts);
        const op = optimalPartitioning(y, r.penalty, opts.minSegment ?? 1, r.variance, r.mbic);
        expect(r.changepoints).toEqual(op.cps);
        expect(rel(r.cost, op.cost)).toBeLessThan(1e-9);
      }
    }
  });
});

describe('pelt pruning stays exact with the MBIC term and with minSegment > 1', () => {
  // Pruning with K = 0 under MBIC's log(length) term, or pruning a candidate at once when
  // minSegment > 1 (as changepoint's C code does), loses the optimum on some of these series.
  it('matches optimal partitioning on 150 noisy series with bumps', () => {
    const opts: PeltOptions[] = [{}, { variance: 0.5 }, { minSegment: 2 }, { minSegment: 2, penalty: 0.5 }, { minSegment: 3, penalty: 1 }];
    for (let seed = 1; seed <= 150; seed++) {
      const r = rng(seed);
      const n = 8 + (seed % 30);
      const y = normals(r, n).map((x) => x + (r() < 0.3 ? 3 * r() : 0));
      for (const o of opts) {
        const got = pelt(y, o);
        const op = optimalPartitioning(y, got.penalty, o.minSegment ?? 1, got.variance, got.mbic);
        expect(got.changepoints, `seed ${seed} ${JSON.stringify(o)}`).toEqual(op.cps);
        expect(rel(got.cost, op.cost)).toBeLessThan(1e-9);
      }
    }
  });

  // The minSegment-1 loop prunes with the tight MBIC constant −log((t − τ)(n − t)/(n − τ)) and skips
  // candidates by a lower bound: the series where that matters are the steady ones (no change: PELT's
  // usual pruning drops nothing), steady ones with a warm-up ramp, and ones with stalls to zero.
  it('matches optimal partitioning on 120 steady, ramp-up and stalling throughput series (n = 30..180)', () => {
    for (let seed = 1; seed <= 120; seed++) {
      const r = rng(1000 + seed);
      const n = 30 + ((seed * 53) % 151);
      const kind = seed % 3;
      const y = normals(r, n).map((x, i) => {
        let v = 1000 + 40 * x;
        if (kind === 1 && i < n / 6) v *= i / (n / 6);
        if (kind === 2 && r() < 0.05) v = 0;
        return Math.round(v);
      });
      const got = pelt(y);
      const op = optimalPartitioning(y, got.penalty, 1, got.variance, got.mbic);
      expect(got.changepoints, `seed ${seed}, kind ${kind}, n ${n}`).toEqual(op.cps);
      expect(rel(got.cost, op.cost)).toBeLessThan(1e-9);
    }
  });

  // Near-ties decided by rounding: with a penalty of 0 (or 1e-9) and integer series with long equal
  // runs, many segmentations cost the same up to rounding. Pruning must then keep every candidate the
  // unpruned search could pick (regression: pelt([0, 1001, 1001, 1001, 1001], { penalty: 0,
  // variance: 1 }) gave [1, 4] where the unpruned search gives [1, 2]).
  it('gives the unpruned search\'s own answer on near-ties (penalty 0 or 1e-9, 0/1 and 0/1000 series)', () => {
    expect(pelt([0, 1001, 1001, 1001, 1001], { penalty: 0, variance: 1 }).changepoints).toEqual(
      sameArithmeticOP([0, 1001, 1001, 1001, 1001], 0, 1, 1, false).cps,
    );
    let s = 11;
    const r = () => ((s = (s * 48271) % 2147483647) / 2147483647);
    let checked = 0;
    for (let it = 0; it < 400; it++) {
      const n = 3 + Math.floor(r() * 40);
      const y = Array.from({ length: n }, () => (it % 2 === 0 ? (r() < 0.5 ? 0 : 1) : r() < 0.15 ? 0 : 1000 + Math.floor(r() * 2)));
      for (const o of [{ penalty: 0 }, { penalty: 1e-9 }, { penalty: 0, variance: 0.25 }, { penalty: 0, minSegment: 2 }, { penalty: 1e-9, minSegment: 3 }, {}] as PeltOptions[]) {
        const got = pelt(y, o);
        if (!(got.variance > 0) || n < 2 * (o.minSegment ?? 1)) continue;
        const op = sameArithmeticOP(y, got.penalty, o.minSegment ?? 1, got.variance, got.mbic);
        expect(got.changepoints, `${JSON.stringify(y)} ${JSON.stringify(o)}`).toEqual(op.cps);
        expect(got.cost, `${JSON.stringify(y)} ${JSON.stringify(o)}`).toBe(op.cost);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1500);
  });
});

const varianceRef = JSON.parse(readFileSync(new URL('./reference/pelt-variance.json', import.meta.url), 'utf8')) as {
  r_version: string;
  cases: { y: number[]; variance: number; mad_zero: boolean }[];
};

describe('pelt reuses its buffers between calls without carrying anything over', () => {
  // Series up to 4,096 values share typed buffers (grown as needed), longer ones get their own: a
  // call must give the unpruned search's own answer whatever came before it.
  it('long, short and medium series in turn (n = 5 … 5,000), MBIC and minSegment 2', () => {
    const lengths = [5, 300, 40, 4096, 7, 5000, 64, 4097, 33, 1000, 6, 80];
    const r = rng(4242);
    for (const [i, n] of lengths.entries()) {
      const y = normals(r, n).map((x, j) => 1000 + 20 * x + (j > n / 3 ? 60 : 0) + (j > (2 * n) / 3 ? -30 : 0));
      const o: PeltOptions = i % 3 === 2 ? { minSegment: 2 } : {};
      const got = pelt(y, o);
      const op = sameArithmeticOP(y, got.penalty, o.minSegment ?? 1, got.variance, got.mbic);
      expect({ n, cps: got.changepoints, cost: got.cost }).toEqual({ n, cps: op.cps, cost: op.cost });
      // and the same as a call that comes first after a long one
      pelt(normals(r, 4000));
      expect(pelt(y, o).changepoints).toEqual(got.changepoints);
    }
  });
});

describe('pelt: the default noise variance equals R (test/stats/reference/pelt-variance.R)', () => {
  // (mad(diff(y)))² / 2, or var(diff(y)) / 2 when the MAD is 0; medians by selection, odd and even
  it(`matches ${varianceRef.cases.length} series from ${varianceRef.r_version}, to 1e-9`, () => {
    expect(varianceRef.cases.some((c) => c.mad_zero)).toBe(true);
    expect(varianceRef.cases.some((c) => c.y.length % 2 === 0) && varianceRef.cases.some((c) => c.y.length % 2 === 1)).toBe(true);
    for (const c of varianceRef.cases) {
      const got = pelt(c.y).variance;
      expect(rel(got, c.variance), `n = ${c.y.length}: ${got} vs R ${c.variance}`).toBeLessThanOrEqual(1e-9);
    }
  });
});

describe('pelt on known synthetic cases', () => {
  it('finds two clear shifts at their exact positions', () => {
    const e = normals(rng(7), 200);
    const y = e.map((x, i) => (i < 50 ? 10 : i < 120 ? 20 : 5) + 0.5 * x);
    const r = pelt(y);
    expect(r.changepoints).toEqual([50, 120]);
    expect(r.segments.map((s) => [s.start, s.end])).toEqual([[0, 50], [50, 120], [120, 200]]);
    expect(Math.abs(r.segments[1].mean - 20)).toBeLessThan(0.2);
    // the robust variance estimate is close to the true 0.25 despite the shifts
    expect(Math.abs(r.variance - 0.25)).toBeLessThan(0.08);
  });
  it('finds no change in pure noise', () => {
    expect(pelt(normals(rng(11), 300)).changepoints).toEqual([]);
  });
  it('a constant series gives one segment and a warning', () => {
    const r = pelt([3, 3, 3, 3, 3]);
    expect(r.changepoints).toEqual([]);
    expect(r.warnings[0]).toMatch(/no variation/);
  });
  it('a series shorter than 2 × minSegment cannot change', () => {
    expect(pelt([1, 100, 1], { minSegment: 2, variance: 1 }).changepoints).toEqual([]);
  });
  it('throws RangeError on invalid input', () => {
    expect(() => pelt([])).toThrow(RangeError);
    expect(() => pelt([1, NaN])).toThrow(RangeError);
    expect(() => pelt([1, 2, 3], { minSegment: 0 })).toThrow(RangeError);
    expect(() => pelt([1, 2, 3], { minSegment: 1.5 })).toThrow(RangeError);
    expect(() => pelt([1, 2, 3], { penalty: -1 })).toThrow(RangeError);
    expect(() => pelt([1, 2, 3], { variance: 0 })).toThrow(RangeError);
  });
});

/** A YCSB-like status series: t every 10 s from 0, cumulative operations from the per-interval rates. */
function ycsb(rates: number[], opts: { omitZeroThroughput?: boolean } = {}): ThroughputSample[] {
  const out: ThroughputSample[] = [{ t: 0, operations: 0 }];
  let ops = 0;
  rates.forEach((r, i) => {
    ops += r * 10;
    const s: ThroughputSample = { t: 10 * (i + 1), operations: ops };
    if (!(opts.omitZeroThroughput && ops === 0)) s.throughput = r;
    out.push(s);
  });
  return out;
}

describe('stalls', () => {
  it('counts, times and places zero-operation intervals (YCSB omits the rate before the first operation)', () => {
    const s = ycsb([0, 0, 0, 40, 70, 0, 0, 72, 71, 0, 70], { omitZeroThroughput: true });
    // YCSB's clean-up line: same second, nothing new -> a zero-length interval, ignored
    s.push({ t: 110, operations: s[s.length - 1].operations, throughput: 0 });
    // then a 2 s tail after the last operation
    s.push({ t: 112, operations: s[s.length - 1].operations, throughput: 0 });
    const r = stalls(s);
    expect(r.intervals).toBe(12);
    expect(r.count).toBe(3 + 2 + 1 + 1);
    expect(r.totalSeconds).toBe(30 + 20 + 10 + 2);
    expect(r.innerCount).toBe(3);
    expect(r.innerSeconds).toBe(30);
    expect(r.episodes).toEqual([
      { start: 0, end: 30, seconds: 30, intervals: 3, position: 'leading' },
      { start: 50, end: 70, seconds: 20, intervals: 2, position: 'inner' },
      { start: 90, end: 100, seconds: 10, intervals: 1, position: 'inner' },
      { start: 110, end: 112, seconds: 2, intervals: 1, position: 'trailing' },
    ]);
    expect(r.warnings).toEqual([]);
  });
  it('works from throughput alone, and from operations alone', () => {
    const byRate = stalls([0, 50, 0, 50].map((v, i) => ({ t: 10 * (i + 1), throughput: v })));
    expect(byRate.count).toBe(2);
    expect(byRate.episodes.map((e) => e.position)).toEqual(['leading', 'inner']);
    const byOps = stalls([0, 0, 500, 500, 900].map((v, i) => ({ t: 10 * i, operations: v })));
    expect(byOps.count).toBe(2);
    expect(byOps.episodes.map((e) => [e.start, e.end, e.position])).toEqual([[0, 10, 'leading'], [20, 30, 'inner']]);
  });
  it('a run without any operation is one whole-run episode with a warning; no samples warn too', () => {
    const r = stalls(ycsb([0, 0, 0], { omitZeroThroughput: true }));
    expect(r.episodes).toEqual([{ start: 0, end: 30, seconds: 30, intervals: 3, position: 'whole' }]);
    expect(r.warnings.length).toBe(1);
    expect(stalls([]).warnings[0]).toMatch(/no status intervals/);
  });
  it('derives interval throughput from the counts when the rate is missing', () => {
    const iv = intervals([{ t: 0, operations: 0 }, { t: 10, operations: 0 }, { t: 15, operations: 300 }]);
    expect(iv.map((x) => [x.index, x.seconds, x.operations, x.throughput])).toEqual([[1, 10, 0, 0], [2, 5, 300, 60]]);
  });
  it('throws RangeError when time goes backwards or is not finite', () => {
    expect(() => stalls([{ t: 10, throughput: 1 }, { t: 5, throughput: 1 }])).toThrow(RangeError);
    expect(() => stalls([{ t: NaN, throughput: 1 }])).toThrow(RangeError);
  });
  it("accepts the model's StatusSample", () => {
    const s: StatusSample[] = [
      { t: 0, operations: 0, line: 6, ops: {} },
      { t: 10, operations: 0, line: 7, ops: {} },
      { t: 20, operations: 616, throughput: 61.6, line: 20, ops: {} },
    ];
    expect(stalls(s).count).toBe(1);
    expect(warmup(s).method).toBe('none');
  });
});

describe('warmup', () => {
  const noise = normals(rng(3), 60);
  it('leading zeros then a ramp: warm-up ends where the steady level starts', () => {
    const rates = [0, 0, 0, 0, 0, 0, 20, 45, ...noise.slice(0, 18).map((e) => 75 + 1.5 * e)];
    const r = warmup(ycsb(rates, { omitZeroThroughput: true }));
    expect(r.method).toBe('pelt');
    expect(r.warmupSeconds).toBe(80);
    expect(r.steadyStart).toBe(9); // samples[9] (t = 90) closes the first steady interval
    const steady = rates.slice(8);
    expect(rel(r.steadyThroughput, steady.reduce((s, v) => s + v, 0) / steady.length)).toBeLessThan(1e-12);
    expect(r.warnings).toEqual([]);
  });
  it('a flat run has no warm-up', () => {
    const rates = noise.slice(0, 25).map((e) => 60 + 2 * e);
    const r = warmup(ycsb(rates));
    expect(r.warmupSeconds).toBe(0);
    expect(r.steadyStart).toBe(1);
    expect(rel(r.steadyThroughput, rates.reduce((s, v) => s + v, 0) / rates.length)).toBeLessThan(1e-12);
  });
  it('mid-run stalls are not a warm-up, and count in the steady mean', () => {
    const rates = noise.slice(20, 45).map((e) => 60 + 2 * e);
    rates[9] = 0;
    rates[10] = 0;
    rates[17] = 0;
    const r = warmup(ycsb(rates));
    expect(r.warmupSeconds).toBe(0);
    expect(rel(r.steadyThroughput, rates.reduce((s, v) => s + v, 0) / rates.length)).toBeLessThan(1e-12);
  });
  it('a short low start below the steady level is a warm-up even without zeros', () => {
    const rates = [30, 32, 31, ...noise.slice(0, 20).map((e) => 60 + e)];
    expect(warmup(ycsb(rates)).warmupSeconds).toBe(30);
  });
  it('a drift of a few per cent is not a warm-up (minDrop), unless minDrop is 0', () => {
    const rates = [...noise.slice(0, 8).map((e) => 58.5 + 0.3 * e), ...noise.slice(8, 30).map((e) => 60 + 0.3 * e)];
    const r = warmup(ycsb(rates));
    expect(r.segmentMeans.length).toBe(2);
    expect(r.warmupSeconds).toBe(0);
    expect(warmup(ycsb(rates), { minDrop: 0 }).warmupSeconds).toBe(80);
  });
  it('a start above the later level is not a warm-up, with a warning', () => {
    const rates = [...noise.slice(0, 6).map((e) => 90 + e), ...noise.slice(6, 30).map((e) => 60 + e)];
    const r = warmup(ycsb(rates));
    expect(r.warmupSeconds).toBe(0);
    expect(r.warnings[0]).toMatch(/starts above its later level/);
  });
  it('a rise after more than half the run is not a warm-up, with a warning', () => {
    const rates = [...noise.slice(0, 20).map((e) => 30 + e), ...noise.slice(20, 30).map((e) => 60 + e)];
    const r = warmup(ycsb(rates));
    expect(r.warmupSeconds).toBe(0);
    expect(r.warnings[0]).toMatch(/more than 50% of the run/);
  });
  it('short runs (< 5 intervals): no detection, a warning, the mean of all', () => {
    const r = warmup(ycsb([0, 10, 50, 52]));
    expect(r.method).toBe('none');
    expect(r.warmupSeconds).toBe(0);
    expect(r.steadyThroughput).toBe(28);
    expect(r.warnings[0]).toMatch(/only 4 status interval/);
    const none = warmup([]);
    expect(none.steadyThroughput).toBeNaN();
    expect(none.steadyStart).toBe(0);
  });
  it('rejects invalid options', () => {
    expect(() => warmup(ycsb([1, 2, 3, 4, 5, 6]), { maxFraction: 0 })).toThrow(RangeError);
    expect(() => warmup(ycsb([1, 2, 3, 4, 5, 6]), { minDrop: 1 })).toThrow(RangeError);
  });
});
