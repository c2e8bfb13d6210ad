import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { noncentralTCdf, noncentralTNcp, noncentralTSf } from '../../src/stats/noncentralT.js';
import { powerTTest, powerTTestDelta, powerTTestN, welchMinimumDetectable, welchPowerAt } from '../../src/stats/power.js';

// Expected values: test/stats/reference/pairwise.R (R 4.2.2: pt(q, df, ncp), power.t.test).
// The noncentral t (AS 243) is compared with 1e-9 relative + 2e-15 absolute: R sums the series in
// long double, this port in double; measured |difference| <= 5e-16 on the 168-point grid. Tails that
// AS 243 obtains as 1 - (series), as R does, have only absolute accuracy (e.g. R's upper tail 1e-14
// at t = 12 is 1 - 0.99999999999999), so a purely relative comparison would test rounding noise.
// powerTTestN: R run with tol = 1e-12, 1e-9 relative.
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

// Minimum detectable difference: test/stats/reference/mde.R -> mde.json (R 4.2.2). Equal sizes and
// sds: power.t.test(n, sd, power, sig.level, tol = 1e-12)$delta, 1e-9 relative (and R's default
// tolerance, ~1.2e-4, at 1e-4); unequal ones: a direct uniroot (tol 1e-14·se) on the noncentral t
// power with Welch–Satterthwaite df, 1e-9 relative for delta and df.
const mde: any = JSON.parse(readFileSync(new URL('./reference/mde.json', import.meta.url), 'utf8'));

describe('minimum detectable difference of the Welch test', () => {
  it('reference was produced by R', () => expect(mde.R).toMatch(/^R version 4\.2\.2/));
  for (const c of mde.equal) {
    it(`equal sizes: power.t.test(n = ${c.n}, sd = ${c.sd}, power = ${c.power}, sig.level = ${c.alpha})$delta`, () => {
      near(powerTTestDelta(c.n, c.sd, c.power, c.alpha), c.delta, 1e-9);
      near(welchMinimumDetectable(c.n, c.sd, c.n, c.sd, c.power, c.alpha).delta, c.delta, 1e-9);
      near(powerTTestDelta(c.n, c.sd, c.power, c.alpha), c.deltaDefaultTol, 1e-4);
    });
  }
  for (const c of mde.unequal) {
    it(`unequal: n ${c.nA}/${c.nB}, sd ${c.sdA}/${c.sdB}, power ${c.power}, alpha ${c.alpha}: R's uniroot`, () => {
      const r = welchMinimumDetectable(c.nA, c.sdA, c.nB, c.sdB, c.power, c.alpha);
      near(r.delta, c.delta, 1e-9);
      near(r.df, c.df, 1e-12);
      near(r.crit, c.crit, 1e-12);
      near(welchPowerAt(r.delta, c.nA, c.sdA, c.nB, c.sdB, c.alpha), c.power, 1e-12);
      expect(c.achieved).toBeCloseTo(c.power, 10);
    });
  }
  for (const s of mde.study) {
    it(`study ${s.db} ${s.workload}: rf ${s.a} vs ${s.b}`, () => {
      near(welchMinimumDetectable(s.nA, s.sdA, s.nB, s.sdB).delta, s.delta, 1e-9);
    });
  }
  it('the approximation: R\'s Welch t.test on simulated normal samples rejects at the computed MDE within 0.015 of the power', () => {
    expect(mde.simulated.length).toBeGreaterThanOrEqual(5);
    for (const s of mde.simulated) {
      near(welchMinimumDetectable(s.nA, s.sdA, s.nB, s.sdB, s.power, s.alpha).delta, s.delta, 1e-9);
      // 20,000 samples: standard error of the rate ~0.003, so 0.015 is 5 standard errors.
      expect(Math.abs(s.rejected - s.power), `n ${s.nA}/${s.nB} sd ${s.sdA}/${s.sdB}: ${s.rejected}`).toBeLessThanOrEqual(0.015);
    }
  });
  it('grows as the runs get fewer or noisier, and is symmetric in the groups', () => {
    const base = welchMinimumDetectable(10, 1, 10, 2).delta;
    expect(welchMinimumDetectable(5, 1, 10, 2).delta).toBeGreaterThan(base);
    expect(welchMinimumDetectable(10, 1.5, 10, 2).delta).toBeGreaterThan(base);
    expect(welchMinimumDetectable(10, 2, 10, 1).delta).toBe(base);
  });
  it('degenerate groups: NaN with a reason, never a throw; bad power or alpha throw', () => {
    expect(welchMinimumDetectable(1, 0, 10, 1).reason).toMatch(/at least 2 values per group/);
    expect(welchMinimumDetectable(5, 0, 5, 0).reason).toMatch(/both standard deviations are 0/);
    expect(welchMinimumDetectable(5, 0, 5, 0).delta).toBeNaN();
    // one constant group: the other one's spread carries the test (df = its n − 1)
    expect(welchMinimumDetectable(5, 0, 6, 1).df).toBe(5);
    expect(() => welchMinimumDetectable(5, 1, 5, 1, 1)).toThrow(RangeError);
    expect(() => welchMinimumDetectable(5, 1, 5, 1, 0.8, 0)).toThrow(RangeError);
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
