import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { hedgesG } from '../../src/stats/hedgesG.js';
import { percentChange } from '../../src/stats/percentChange.js';

// Expected values: test/stats/reference/pairwise.R (R 4.2.2, base R: lgamma for J, uniroot on
// pt(t, df, ncp) with tol 1e-14 for the noncentral-t interval, Fieller's quadratic for the ratio).
// Tolerance: 1e-9 relative for estimates and interval bounds.
const ref: any = JSON.parse(readFileSync(new URL('./reference/pairwise.json', import.meta.url), 'utf8'));
const near = (actual: number, expected: number, rel: number, abs = 0) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected) + abs);
const PAIRS = [[0, 1], [0, 2], [1, 2]];

describe("hedgesG: exact-J Hedges' g with a noncentral-t interval", () => {
  for (const c of ref.hedges) {
    it(c.name, () => {
      const r = hedgesG(c.x, c.y, c.confidence);
      for (const f of ['g', 'lo', 'hi', 'd', 'J'] as const) near(r[f], c[f], 1e-9);
      expect(r.lo).toBeLessThan(r.g);
      expect(r.hi).toBeGreaterThan(r.g);
    });
  }
  it('interval: false gives the same g, d and J, and NaN bounds', () => {
    for (const c of ref.hedges) {
      const full = hedgesG(c.x, c.y, c.confidence);
      const lean = hedgesG(c.x, c.y, c.confidence, { interval: false });
      expect([lean.g, lean.d, lean.J]).toEqual([full.g, full.d, full.J]);
      expect([lean.lo, lean.hi]).toEqual([NaN, NaN]);
    }
  });
  it('the exact J is not the 1 - 3/(4 df - 1) approximation', () => {
    const c = ref.hedges.find((h: any) => h.name === 'small'); // df = 5
    const approx = 1 - 3 / (4 * 5 - 1);
    expect(Math.abs(hedgesG(c.x, c.y).J - approx)).toBeGreaterThan(1e-3);
  });
  it('constant groups and n < 2 give NaN with a reason', () => {
    expect(hedgesG([3, 3, 3], [3, 3]).reason).toMatch(/pooled standard deviation is 0/);
    const r = hedgesG([1], [2, 3]);
    expect(r.g).toBeNaN();
    expect(r.reason).toMatch(/at least 2 values/);
  });
  it('rejects a bad confidence', () => {
    expect(() => hedgesG([1, 2], [3, 4], 0)).toThrow(RangeError);
  });
});

describe('percentChange: Fieller interval with Welch df', () => {
  for (const c of ref.percentChange) {
    it(c.name, () => {
      const r = percentChange(c.x, c.y, c.confidence);
      for (const f of ['pct', 'lo', 'hi', 'ratio', 'df'] as const) near(r[f], c[f], 1e-9);
      expect(r.reason).toBeUndefined();
    });
  }
  it('a baseline mean indistinguishable from 0 gives an unbounded set: NaN bounds and a reason', () => {
    const r = percentChange([-1, 1.2, -0.9, 1.1], [5, 6, 7]);
    expect(Number.isFinite(r.pct)).toBe(true);
    expect(r.lo).toBeNaN();
    expect(r.reason).toMatch(/unbounded/);
  });
  it('a zero baseline mean gives NaN', () => {
    expect(percentChange([-1, 1], [5, 6]).pct).toBeNaN();
  });
});

describe('the real study: effect sizes of rf 1 vs 2 vs 3 within each (db, workload)', () => {
  for (const s of ref.strata) {
    it(`${s.db} ${s.workload}`, () => {
      s.extras.forEach((e: any, k: number) => {
        const [i, j] = PAIRS[k];
        const h = hedgesG(s.groups[i], s.groups[j]);
        for (const f of ['g', 'lo', 'hi'] as const) near(h[f], e.hedges[f], 1e-9);
        const p = percentChange(s.groups[i], s.groups[j]);
        for (const f of ['pct', 'lo', 'hi'] as const) near(p[f], e.percentChange[f], 1e-9);
      });
    });
  }
});
