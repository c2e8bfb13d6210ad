import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { noncentralTCdf, noncentralTNcp, noncentralTSf } from '../../src/stats/noncentralT.js';
import { powerTTest, powerTTestN, welchPower } from '../../src/stats/power.js';

// Expected values: test/stats/reference/pairwise.R (R 4.2.2: pt(q, df, ncp), power.t.test).
// The noncentral t (AS 243) is compared with 1e-9 relative + 2e-15 absolute: R sums the series in
// long double, this port in double; measured |difference| <= 5e-16 on the 168-point grid. Tails that
// AS 243 obtains as 1 - (series), as R does, have only absolute accuracy (e.g. R's upper tail 1e-14
// at t = 12 is 1 - 0.99999999999999), so a purely relative comparison would test rounding noise.
// Power values: 1e-9 relative (measured <= 3e-14). powerTTestN: R run with tol = 1e-12, 1e-9 relative.
const ref: any = JSON.parse(readFileSync(new URL('./reference/pairwise.json', import.meta.url), 'utf8'));
const near = (actual: number, expected: number, rel: number, abs = 0) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected) + abs);

describe('noncentral t matches pt(t, df, ncp)', () => {
  for (const c of ref.pnt) {
    it(`t=${c.t} df=${c.df} ncp=${c.ncp}`, () => {
      near(noncentralTCdf(c.t, c.df, c.ncp), c.lower, 1e-9, 2e-15);
      near(noncentralTSf(c.t, c.df, c.ncp), c.upper, 1e-9, 2e-15);
    });
  }
  it('the grid reaches the normal approximation (|ncp| > 37.62) and non-integer df', () => {
    expect(ref.pnt.some((c: any) => c.ncp > 37.62 && c.t > 0)).toBe(true);
    expect(ref.pnt.some((c: any) => !Number.isInteger(c.df))).toBe(true);
  });
  it('ncp inversion: pt(t, df, noncentralTNcp(t, df, p)) = p', () => {
    for (const [t, df, p] of [[2, 10, 0.975], [-1.3, 7.5, 0.025], [25, 58, 0.5]]) {
      near(noncentralTCdf(t, df, noncentralTNcp(t, df, p)), p, 1e-12);
    }
    expect(() => noncentralTNcp(1, 10, 1)).toThrow(RangeError);
  });
  it('NaN for df <= 0', () => {
    expect(noncentralTCdf(1, 0, 1)).toBeNaN();
  });
});

describe('welchPower matches pt(crit, df, ncp, lower = FALSE) + pt(-crit, df, ncp)', () => {
  for (const c of ref.welchPower) {
    it(c.name, () => {
      const r = welchPower(c.x, c.y, c.alpha);
      for (const f of ['power', 'ncp', 'df', 'crit'] as const) near(r[f], c[f], 1e-9);
    });
  }
  for (const s of ref.strata) {
    it(`study ${s.db} ${s.workload}: rf pairs`, () => {
      s.extras.forEach((e: any, k: number) => {
        const [i, j] = [[0, 1], [0, 2], [1, 2]][k];
        const r = welchPower(s.groups[i], s.groups[j]);
        near(r.power, e.power.power, 1e-9);
        near(r.ncp, e.power.ncp, 1e-9);
      });
    });
  }
  it('constant groups: NaN with a reason', () => {
    expect(welchPower([1, 1], [2, 2]).reason).toMatch(/constant/);
  });
});

describe('powerTTestN matches power.t.test(delta, sd, power)$n', () => {
  for (const c of ref.powerTTestN) {
    it(`delta=${c.delta} sd=${c.sd} power=${c.power} alpha=${c.alpha}`, () => {
      const r = powerTTestN(c.delta, c.sd, c.power, c.alpha);
      near(r.n, c.n, 1e-9);
      expect(r.ceiling).toBe(c.ceiling);
      near(powerTTest(r.n, c.delta, c.sd, c.alpha), c.power, 1e-9);
      near(r.n, c.nDefaultTol, 1e-4); // R's default uniroot tolerance is ~1.2e-4
    });
  }
  it('rejects delta = 0 and power outside (alpha/2, 1)', () => {
    expect(() => powerTTestN(0, 1)).toThrow(RangeError);
    expect(() => powerTTestN(1, 1, 1)).toThrow(RangeError);
  });
});
