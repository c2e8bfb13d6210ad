import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kendallTau, type KendallAlternative } from '../../src/stats/kendallTau.js';
import { sensSlope } from '../../src/stats/sensSlope.js';
import { createRng } from '../../src/stats/rng.js';
import {
  autocorrelation,
  autocorrelations,
  autocorrelationWhiteNoiseBound,
  autocovariances,
} from '../../src/stats/autocorrelation.js';
import { ljungBox } from '../../src/stats/ljungBox.js';
import {
  dependenceAdjustedMeanInterval,
  neweyWestDefaultLag,
  type DependenceAdjustment,
} from '../../src/stats/dependenceAdjustedMeanInterval.js';
import { tConfidenceInterval } from '../../src/stats/tConfidenceInterval.js';

// Expected values written by test/stats/reference/dependence.R (R 4.2.2: cor.test, acf, Box.test,
// t.test, sandwich::NeweyWest; trend::sens.slope's formula written out in base R, trend not being
// installed) with "%.17g"; non-finite values as the strings "NaN", "NA", "Inf", "-Inf".
const NONFINITE: Record<string, number> = { NaN: NaN, NA: NaN, Inf: Infinity, '-Inf': -Infinity };
interface KendallRef {
  alternative: KendallAlternative;
  exact: 'default' | boolean;
  continuity: boolean;
  method: 'exact' | 'normal';
  tau: number;
  statistic: number;
  pCorTest: number;
  p: number;
}
interface IntervalRef {
  method: DependenceAdjustment;
  confidence: number;
  mean: number;
  se: number;
  nEff: number;
  df: number;
  halfWidth: number;
  lo: number;
  hi: number;
  rho1?: number;
  inflation?: number;
  naiveSe?: number;
  lag?: number;
  longRunVariance?: number;
  batches?: number;
  batchSize?: number;
  used?: number;
  batchMeans?: number[];
}
interface Case {
  name: string;
  source: string;
  x: number[];
  n: number;
  kendall: KendallRef[];
  sens: { confidence: number; slope: number; lo: number; hi: number; varianceS: number; lowerRank: number; upperRank: number }[];
  acf: { maxLag: number; acf: number[]; acov: number[] };
  whiteNoiseBound: number;
  ljungBox: { lag: number; type: 'Ljung-Box' | 'Box-Pierce'; statistic: number; df: number; pBoxTest: number; p: number }[];
  intervals?: IntervalRef[];
}
const ref = JSON.parse(readFileSync(new URL('./reference/dependence.json', import.meta.url), 'utf8'), (_k, v) =>
  typeof v === 'string' && v in NONFINITE ? NONFINITE[v] : v,
) as { R: string; sandwich: string; cases: Case[] };

const STAT = 1e-9;
const PVAL = 1e-6;
/** R's p-values taken as 1 − cdf have an absolute error near 1e-16: below this they are not compared. */
const R_ONE_MINUS_FLOOR = 1e-9;
const rel = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));
function close(actual: number, expected: number, tol: number, what: string): void {
  if (!Number.isFinite(expected)) {
    expect(actual, what).toBe(expected);
    return;
  }
  expect(rel(actual, expected), `${what}: ${actual} vs R ${expected}`).toBeLessThanOrEqual(tol);
}
/** Values that R computes as differences of near-equal numbers (an acf near 0, a slope near 0): relative, with an absolute floor. */
function closeAbs(actual: number, expected: number, tol: number, scale: number, what: string): void {
  if (!Number.isFinite(expected)) {
    expect(actual, what).toBe(expected);
    return;
  }
  expect(Math.abs(actual - expected), `${what}: ${actual} vs R ${expected}`).toBeLessThanOrEqual(tol * Math.max(Math.abs(expected), scale));
}

describe('dependence reference file', () => {
  it('was produced by R, holds the 36 study configurations and the issue’s counts', () => {
    expect(ref.R).toMatch(/^R version 4\./);
    const study = ref.cases.filter((c) => c.source === 'study');
    expect(study.length).toBe(36);
    // issue 22: τ significant at p < 0.01 in 13 of 36, lag-1 autocorrelation above 0.3 in 16
    expect(study.filter((c) => kendallTau(c.x.map((_, i) => i + 1), c.x).pValue < 0.01).length).toBe(13);
    expect(study.filter((c) => autocorrelation(c.x) > 0.3).length).toBe(16);
    const ns = ref.cases.map((c) => c.n);
    expect(Math.min(...ns)).toBe(3);
    expect(Math.max(...ns)).toBe(60);
  });
});

describe('kendallTau matches cor.test(1:n, y, method = "kendall")', () => {
  for (const c of ref.cases) {
    it(c.name, () => {
      const order = c.x.map((_, i) => i + 1);
      for (const k of c.kendall) {
        const what = `${k.alternative} exact=${k.exact} continuity=${k.continuity}`;
        const r = kendallTau(order, c.x, {
          alternative: k.alternative,
          continuity: k.continuity,
          ...(k.exact === 'default' ? {} : { exact: k.exact }),
        });
        expect(r.method, what).toBe(k.method);
        close(r.tau, k.tau, STAT, `${what} tau`);
        close(r.statistic, k.statistic, STAT, `${what} statistic`);
        // the tail summed directly (R's own pkendall by symmetry, or pnorm's tails)
        close(r.pValue, k.p, PVAL, `${what} p`);
        if (k.pCorTest > R_ONE_MINUS_FLOOR) close(r.pValue, k.pCorTest, PVAL, `${what} p (cor.test)`);
        expect(r.pValue, what).toBeGreaterThan(0);
      }
    });
  }
  it('computes tails that cor.test loses to 1 − cdf (p = 2/20! and 2/49!)', () => {
    const m20 = ref.cases.find((c) => c.name === 'monotone-n20')!;
    const k20 = m20.kendall[0];
    expect(k20.pCorTest).toBeLessThan(1e-15); // R: 1 − pkendall(189, 20), rounding noise (here negative)
    const r20 = kendallTau(m20.x.map((_, i) => i + 1), m20.x);
    // 2 / 20! = 8.22e-19
    close(r20.pValue, 2 / 2432902008176640000, 1e-12, '2/20!');
    const m49 = ref.cases.find((c) => c.name === 'monotone-n49')!;
    const r49 = kendallTau(m49.x.map((_, i) => i + 1), m49.x);
    expect(r49.pValue).toBeGreaterThan(1e-63);
    expect(r49.pValue).toBeLessThan(1e-62);
  });
  it('the tied cases are ones where dropping the tie terms would fail the tolerance', () => {
    for (const name of ['ties-n12', 'ties-n30', 'ties-n55']) {
      const c = ref.cases.find((x) => x.name === name)!;
      const n = c.n;
      const r = kendallTau(c.x.map((_, i) => i + 1), c.x);
      expect(r.method).toBe('normal');
      const naiveZ = r.S / Math.sqrt((n * (n - 1) * (2 * n + 5)) / 18);
      expect(rel(naiveZ, c.kendall[0].statistic), name).toBeGreaterThan(1e-4);
    }
  });
  it('symmetric in x and y, and general x (not only 1..n)', () => {
    const c = ref.cases.find((x) => x.name === 'ties-n30')!;
    const order = c.x.map((_, i) => i + 1);
    const a = kendallTau(order, c.x);
    const b = kendallTau(c.x, order);
    expect(rel(b.tau, a.tau)).toBeLessThan(1e-15);
    expect(rel(b.pValue, a.pValue)).toBeLessThan(1e-12);
    // a monotone transform of x changes nothing
    const e = kendallTau(order.map((t) => Math.exp(t / 7)), c.x);
    expect(e.tau).toBe(a.tau);
    expect(e.pValue).toBe(a.pValue);
  });
});

describe("sensSlope matches trend::sens.slope's formula", () => {
  for (const c of ref.cases) {
    it(c.name, () => {
      const scale = Math.max(...c.x.map(Math.abs)) * 1e-12;
      for (const s of c.sens) {
        const r = sensSlope(c.x, s.confidence);
        closeAbs(r.slope, s.slope, STAT, scale, `slope ${s.confidence}`);
        closeAbs(r.lo, s.lo, STAT, scale, `lo ${s.confidence}`);
        closeAbs(r.hi, s.hi, STAT, scale, `hi ${s.confidence}`);
        if (Number.isNaN(s.lo) || Number.isNaN(s.hi)) {
          expect(Number.isNaN(r.lo) || Number.isNaN(r.hi)).toBe(true);
          expect(r.warnings.length).toBe(1);
        } else expect(r.warnings).toEqual([]);
        close(r.varianceS, s.varianceS, STAT, 'varS');
        expect(r.lowerRank + 0).toBe(s.lowerRank + 0); // R writes round(-0.375) as -0
        expect(r.upperRank).toBe(s.upperRank);
      }
    });
  }
});

describe('sensSlope selects the same order statistics as sorting every slope', () => {
  // the reference: all n(n − 1)/2 slopes sorted, then the middle one(s) and the bound ranks read
  const sorted = (y: number[], confidence: number) => {
    const d: number[] = [];
    for (let i = 0; i < y.length - 1; i++) for (let j = i + 1; j < y.length; j++) d.push((y[j] - y[i]) / (j - i));
    const a = Float64Array.from(d).sort();
    const N = a.length;
    const r = sensSlope(y, confidence);
    const pick = (k: number) => (k >= 1 && k <= N ? a[k - 1] : NaN);
    return { slope: N % 2 === 1 ? a[(N - 1) / 2] : 0.5 * a[N / 2 - 1] + 0.5 * a[N / 2], lo: pick(r.lowerRank), hi: pick(r.upperRank) };
  };
  const rng = createRng(7);
  const series: [string, number[]][] = [];
  for (const n of [2, 3, 4, 5, 8, 30, 31, 200, 801]) {
    series.push([`n = ${n}, continuous`, Array.from({ length: n }, () => 1000 + 50 * rng.random())]);
    // few distinct values: many tied slopes, the bounds and the middle often equal
    series.push([`n = ${n}, ties`, Array.from({ length: n }, () => Math.round(3 * rng.random()))]);
    // a rising then falling series (the order that made a middle-pivot selection quadratic)
    series.push([`n = ${n}, rise and fall`, Array.from({ length: n }, (_, i) => (i < n / 2 ? i : n - i))]);
  }
  // −0 among the slopes: (−0 − 0)/1; the sort puts it before +0
  series.push(['a −0 slope', [0, -0, 0, 1, -0, 2]]);
  for (const [name, y] of series) {
    it(name, () => {
      for (const confidence of [0.5, 0.95, 0.999]) {
        const r = sensSlope(y, confidence);
        const e = sorted(y, confidence);
        expect(Object.is(r.slope, e.slope), `slope ${r.slope} vs ${e.slope}`).toBe(true);
        expect(Object.is(r.lo, e.lo), `lo ${r.lo} vs ${e.lo}`).toBe(true);
        expect(Object.is(r.hi, e.hi), `hi ${r.hi} vs ${e.hi}`).toBe(true);
      }
    });
  }
});

describe("autocorrelation matches acf; ljungBox matches Box.test", () => {
  for (const c of ref.cases) {
    it(c.name, () => {
      const L = c.acf.maxLag;
      const r = autocorrelations(c.x, L);
      const g = autocovariances(c.x, L);
      expect(r.length).toBe(L + 1);
      // acf near 0 is a difference of near-equal sums: compared with an absolute floor of 1e-9 · 1e-6
      for (let k = 0; k <= L; k++) {
        closeAbs(r[k], c.acf.acf[k], STAT, 1e-6, `acf lag ${k}`);
        closeAbs(g[k], c.acf.acov[k], STAT, 1e-6 * c.acf.acov[0], `acov lag ${k}`);
      }
      closeAbs(autocorrelation(c.x), c.acf.acf[1], STAT, 1e-6, 'lag 1');
      close(autocorrelationWhiteNoiseBound(c.n), c.whiteNoiseBound, STAT, 'white-noise bound');
      for (const b of c.ljungBox) {
        const lb = ljungBox(c.x, b.lag, b.type);
        expect(lb.df).toBe(b.df);
        closeAbs(lb.statistic, b.statistic, STAT, 1e-12, `${b.type} ${b.lag} Q`);
        if (b.statistic > 1e-9) {
          close(lb.pValue, b.p, PVAL, `${b.type} ${b.lag} p`);
          if (b.pBoxTest > R_ONE_MINUS_FLOOR) close(lb.pValue, b.pBoxTest, PVAL, `${b.type} ${b.lag} p (Box.test)`);
        }
      }
    });
  }
});

describe('dependenceAdjustedMeanInterval matches the formulas in R (sandwich::NeweyWest, t.test of batch means)', () => {
  for (const c of ref.cases.filter((x) => x.intervals)) {
    it(c.name, () => {
      for (const iv of c.intervals!) {
        const what = `${iv.method} ${iv.confidence} ${iv.lag ?? ''}${iv.batches ?? ''}`;
        const r = dependenceAdjustedMeanInterval(c.x, iv.method, {
          confidence: iv.confidence,
          ...(iv.method === 'newey-west' ? { lag: iv.lag } : {}),
          ...(iv.method === 'batch-means' ? { batches: iv.batches } : {}),
        });
        close(r.mean, iv.mean, STAT, `${what} mean`);
        close(r.se, iv.se, STAT, `${what} se`);
        close(r.nEff, iv.nEff, STAT, `${what} nEff`);
        close(r.df, iv.df, STAT, `${what} df`);
        close(r.halfWidth, iv.halfWidth, STAT, `${what} halfWidth`);
        close(r.lo, iv.lo, STAT, `${what} lo`);
        close(r.hi, iv.hi, STAT, `${what} hi`);
        if (iv.method === 'ar1') {
          closeAbs(r.rho1!, iv.rho1!, STAT, 1e-6, `${what} rho1`);
          close(r.inflation, iv.inflation!, STAT, `${what} inflation`);
          close(r.naiveSe, iv.naiveSe!, STAT, `${what} naiveSe`);
        }
        if (iv.method === 'newey-west') {
          expect(r.lag).toBe(iv.lag);
          close(r.longRunVariance!, iv.longRunVariance!, STAT, `${what} LRV`);
          close(r.inflation, iv.inflation!, STAT, `${what} inflation`);
        }
        if (iv.method === 'batch-means') {
          expect(r.batches).toBe(iv.batches);
          expect(r.batchSize).toBe(iv.batchSize);
          expect(r.used).toBe(iv.used);
          r.batchMeans!.forEach((v, i) => close(v, iv.batchMeans![i], STAT, `${what} batch mean ${i + 1}`));
        }
      }
    });
  }
  it('the default Newey–West lag is ⌊4(n/100)^(2/9)⌋ and R used it', () => {
    for (const c of ref.cases.filter((x) => x.intervals)) {
      expect(neweyWestDefaultLag(c.n)).toBe(c.intervals!.find((i) => i.method === 'newey-west')!.lag);
    }
    expect([3, 10, 30, 60, 100, 1000].map(neweyWestDefaultLag)).toEqual([1, 2, 3, 3, 4, 6]);
  });
  it('a trending study configuration gets a much wider interval than the naive one', () => {
    const c = ref.cases.find((x) => x.name === 'citus/c/rf2')!;
    const naive = tConfidenceInterval(c.x);
    const ar1 = dependenceAdjustedMeanInterval(c.x, 'ar1');
    expect(ar1.nEff).toBeLessThan(c.n / 4);
    expect(ar1.halfWidth).toBeGreaterThan(2 * naive.halfWidth);
    // f = 1 reproduces the naive t interval exactly (se = s/√n, df = n − 1)
    const iid = ref.cases.find((x) => x.name === 'ar1-neg-n40')!;
    const a = dependenceAdjustedMeanInterval(iid.x, 'ar1');
    expect(a.rho1!).toBeLessThan(0);
    expect(a.nEff).toBe(iid.n);
    const t = tConfidenceInterval(iid.x);
    expect(rel(a.halfWidth, t.halfWidth)).toBeLessThan(1e-14);
  });
});

describe('edge cases', () => {
  it('kendallTau throws on invalid input and reports constant series as NaN', () => {
    expect(() => kendallTau([1], [2])).toThrow(RangeError);
    expect(() => kendallTau([1, 2], [2])).toThrow(/same length/);
    expect(() => kendallTau([1, 2, 3], [2, NaN, 3])).toThrow(/y value 2 is not finite/);
    expect(() => kendallTau([1, 2, Infinity], [2, 1, 3])).toThrow(/x value 3/);
    expect(() => kendallTau([1, 2, 3], [1, 2, 3], { alternative: 'up' as KendallAlternative })).toThrow(RangeError);
    const big = Array.from({ length: 171 }, (_, i) => i);
    expect(() => kendallTau(big, big, { exact: true })).toThrow(/n <= 170/);
    const k = kendallTau([1, 2, 3, 4], [5, 5, 5, 5]);
    expect(k.tau).toBeNaN();
    expect(k.pValue).toBeNaN();
    expect(k.warnings[0]).toMatch(/y is constant/);
    const t = kendallTau([1, 2, 3, 4, 5], [1, 3, 2, 3, 5]);
    expect(t.method).toBe('normal');
    expect(t.warnings[0]).toMatch(/exact p-value with ties/);
    expect(kendallTau([1, 2, 3, 4, 5], [1, 3, 2, 3, 5], { exact: false }).warnings).toEqual([]);
  });
  it('kendallTau exact with n = 2: p = 1 two-sided, 1/2 one-sided', () => {
    expect(kendallTau([1, 2], [3, 4]).pValue).toBe(1);
    expect(kendallTau([1, 2], [3, 4], { alternative: 'greater' }).pValue).toBe(0.5);
    expect(kendallTau([1, 2], [3, 4], { alternative: 'less' }).pValue).toBe(1);
  });
  it('sensSlope, autocorrelation, ljungBox, dependenceAdjustedMeanInterval throw on invalid input', () => {
    expect(() => sensSlope([1])).toThrow(/at least 2/);
    expect(() => sensSlope([1, NaN, 3])).toThrow(/value 2 is not finite/);
    expect(() => sensSlope([1, 2, 3], 1)).toThrow(/confidence/);
    expect(() => autocorrelation([1])).toThrow(/at least 2/);
    expect(() => autocorrelation([1, 2, 3], 3)).toThrow(/0\.\.2/);
    expect(() => autocorrelations([1, 2, 3], 1.5)).toThrow(RangeError);
    expect(() => autocovariances([1, Infinity], 0)).toThrow(/not finite/);
    expect(() => autocorrelationWhiteNoiseBound(0)).toThrow(RangeError);
    expect(() => ljungBox([1, 2], 1)).toThrow(/at least 3/);
    expect(() => ljungBox([1, 2, 3, 4], 4)).toThrow(/1\.\.3/);
    const f = dependenceAdjustedMeanInterval;
    expect(() => f([1, 2], 'ar1')).toThrow(/at least 3/);
    expect(() => f([1, 2, NaN], 'ar1')).toThrow(/value 3 is not finite/);
    expect(() => f([1, 2, 3], 'bogus' as DependenceAdjustment)).toThrow(/method/);
    expect(() => f([1, 2, 3], 'newey-west', { lag: 3 })).toThrow(/0\.\.2/);
    expect(() => f([1, 2, 3], 'batch-means')).toThrow(/2\.\.3/); // ⌊√3⌋ = 1 batch
    expect(() => f([1, 2, 3, 4], 'ar1', { confidence: 0 })).toThrow(/confidence/);
  });
  it('constant and tiny series', () => {
    expect(autocorrelations([4, 4, 4], 2)).toEqual([1, NaN, NaN]);
    const c = dependenceAdjustedMeanInterval([4, 4, 4, 4], 'newey-west');
    expect(c.halfWidth).toBe(0);
    expect(c.warnings[0]).toMatch(/zero width/);
    const s = sensSlope([1, 2, 3]);
    expect(s.slope).toBe(1);
    expect(s.lo).toBeNaN();
    expect(s.hi).toBeNaN();
    expect(s.warnings[0]).toMatch(/neither bound/);
    // nearly a straight line: r₁ near 1, n_eff below 1, no interval
    const strong = dependenceAdjustedMeanInterval([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 'ar1');
    expect(strong.nEff).toBeLessThan(2);
    const line = dependenceAdjustedMeanInterval([1, 2, 3], 'ar1');
    expect(line.nEff).toBe(3); // r₁ = 0 for three points on a line (acf), so no inflation
    const b = dependenceAdjustedMeanInterval([1, 2, 3, 4, 5, 6, 7], 'batch-means', { batches: 3 });
    expect(b.used).toBe(6);
    expect(b.warnings[0]).toMatch(/1 value\(s\) after the last whole batch/);
  });
});
