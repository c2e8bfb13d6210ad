import { describe, expect, it } from 'vitest';
import { fSf, normalSf, tQuantile, tSf, tTwoSided, chisqSf } from '../../src/stats/distributions.js';

// Values printed by R 4.2.2 with options(digits = 17); see test/stats/reference/ for the scripts.
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('distribution tails match R far into the tail', () => {
  it('normal upper tail at z = 10 is not 0', () => {
    expect(rel(normalSf(10), 7.6198530241605269e-24)).toBeLessThan(1e-12);
  });
  it('t upper tail, two-sided p and quantile', () => {
    expect(rel(tSf(2, 10), 3.6694017385370196e-2)).toBeLessThan(1e-12);
    expect(rel(tTwoSided(2, 10), 7.3388034770740393e-2)).toBeLessThan(1e-12);
    expect(rel(tQuantile(0.975, 10), 2.2281388519862739)).toBeLessThan(1e-12);
    expect(rel(tSf(40, 50), 6.2062118921864156e-40)).toBeLessThan(1e-9);
  });
  it('F and chi-squared upper tails', () => {
    expect(rel(fSf(3, 2, 20), 7.2538150286405631e-2)).toBeLessThan(1e-12);
    expect(rel(fSf(200, 2, 87), 2.8945274737064365e-33)).toBeLessThan(1e-9);
    expect(rel(chisqSf(3.84, 1), 5.0043521248705224e-2)).toBeLessThan(1e-12);
  });
});
