import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { levene } from '../../src/stats/levene.js';
import { brownForsythe } from '../../src/stats/brownForsythe.js';

// Expected values produced by car::leveneTest in test/stats/reference/homogeneity.R (R and car
// versions recorded in the JSON).
interface RTest {
  F: number;
  df1: number;
  df2: number;
  p: number;
}
interface RCase {
  name: string;
  source: 'hand' | 'study';
  labels: number[];
  groups: number[][];
  mean: RTest;
  median: RTest;
}
const ref = JSON.parse(
  readFileSync(new URL('./reference/homogeneity.json', import.meta.url), 'utf8'),
) as { R: string; car: string; cases: RCase[] };

const STAT_TOL = 1e-9;
const P_TOL = 1e-6;
const rel = (actual: number, expected: number): number => Math.abs(actual - expected) / Math.abs(expected);

describe('reference file', () => {
  it('was produced by R with car and covers at least six study strata', () => {
    expect(ref.R).toMatch(/^R version 4\./);
    expect(ref.car).toMatch(/^\d+\.\d+/);
    expect(ref.cases.filter((c) => c.source === 'study').length).toBeGreaterThanOrEqual(6);
  });
});

describe('levene (centre = mean) matches car::leveneTest(center = mean)', () => {
  for (const c of ref.cases) {
    it(c.name, () => {
      const r = levene(c.groups, 'mean');
      expect(r.df1).toBe(c.mean.df1);
      expect(r.df2).toBe(c.mean.df2);
      expect(rel(r.F, c.mean.F), 'F').toBeLessThan(STAT_TOL);
      expect(rel(r.p, c.mean.p), 'p').toBeLessThan(P_TOL);
      expect(r.center).toBe('mean');
      expect(r.warning).toBeUndefined();
    });
  }
  it('defaults to the mean', () => {
    const c = ref.cases[1];
    expect(levene(c.groups).F).toBe(levene(c.groups, 'mean').F);
  });
});

describe('brownForsythe and levene(centre = median) match car::leveneTest(center = median)', () => {
  for (const c of ref.cases) {
    it(c.name, () => {
      const r = brownForsythe(c.groups);
      expect(r.df1).toBe(c.median.df1);
      expect(r.df2).toBe(c.median.df2);
      expect(rel(r.F, c.median.F), 'F').toBeLessThan(STAT_TOL);
      expect(rel(r.p, c.median.p), 'p').toBeLessThan(P_TOL);
      expect(r.center).toBe('median');
      expect(levene(c.groups, 'median')).toEqual(r);
    });
  }
  it('keeps tiny p-values (p ≈ 8.7e-27 is not 0)', () => {
    const c = ref.cases.find((k) => k.name === 'tinyP')!;
    expect(brownForsythe(c.groups).p).toBeGreaterThan(1e-27);
    expect(brownForsythe(c.groups).p).toBeLessThan(1e-26);
  });
});

describe('levene edge cases', () => {
  it('throws RangeError on invalid input', () => {
    expect(() => levene([[1, 2, 3]])).toThrow(RangeError);
    expect(() => levene([[1, 2], []])).toThrow(RangeError);
    expect(() => levene([[1], [2], [3]])).toThrow(RangeError);
    expect(() => levene([[1, Number.NaN], [2, 3]])).toThrow(RangeError);
  });
  it('constant deviations within groups give F = Infinity, p = 0 and a warning', () => {
    // deviations from the mean: group 1 all 1, group 2 all 3
    const r = levene([[1, 3], [2, 8]]);
    expect(r.F).toBe(Infinity);
    expect(r.p).toBe(0);
    expect(r.warning).toMatch(/constant within each group/);
  });
  it('all deviations equal gives NaN with a warning', () => {
    const r = levene([[1, 3], [5, 7]]);
    expect(r.F).toBeNaN();
    expect(r.p).toBeNaN();
    expect(r.warning).toMatch(/undefined/);
  });
});
