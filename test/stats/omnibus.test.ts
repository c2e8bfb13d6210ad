import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { oneWayAnova } from '../../src/stats/oneWayAnova.js';
import { welchAnova } from '../../src/stats/welchAnova.js';
import { kruskalWallis } from '../../src/stats/kruskalWallis.js';

// Expected values produced by R (test/stats/reference/omnibus.R -> omnibus.json): summary(aov),
// oneway.test(var.equal = FALSE), kruskal.test, on hand vectors and 12 strata of the real study.
interface Case {
  name: string;
  groups: number[][];
  anova: Record<string, number>;
  welch?: { F: number; df1: number; df2: number; p: number };
  kruskal: { H: number; df: number; p: number };
}
const ref = JSON.parse(readFileSync(new URL('./reference/omnibus.json', import.meta.url), 'utf8')) as {
  R: string;
  cases: Case[];
};

const STAT = 1e-9;
const PVAL = 1e-6;
const rel = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));

describe('omnibus reference file', () => {
  it('was produced by R and holds the real study strata', () => {
    expect(ref.R).toMatch(/^R version 4\./);
    const names = ref.cases.map((c) => c.name);
    expect(names).toContain('study-cassandra-a-rf');
    expect(names.filter((n) => n.startsWith('study-')).length).toBeGreaterThanOrEqual(6);
  });
});

describe('oneWayAnova matches summary(aov(y ~ g))', () => {
  for (const c of ref.cases) {
    it(c.name, () => {
      const r = oneWayAnova(c.groups);
      expect(r.df1).toBe(c.anova.df1);
      expect(r.df2).toBe(c.anova.df2);
      for (const key of ['F', 'ssBetween', 'ssWithin', 'ssTotal', 'msBetween', 'msWithin', 'etaSquared', 'omegaSquared'] as const) {
        expect(rel(r[key], c.anova[key]), key).toBeLessThan(STAT);
      }
      expect(rel(r.p, c.anova.p)).toBeLessThan(PVAL);
      expect(r.p).toBeGreaterThan(0);
      expect(r.warnings).toEqual([]);
    });
  }
});

describe("welchAnova matches oneway.test(var.equal = FALSE)", () => {
  for (const c of ref.cases.filter((x) => x.welch)) {
    it(c.name, () => {
      const r = welchAnova(c.groups);
      const w = c.welch!;
      expect(r.df1).toBe(w.df1);
      expect(rel(r.F, w.F)).toBeLessThan(STAT);
      expect(rel(r.df2, w.df2)).toBeLessThan(STAT);
      expect(rel(r.p, w.p)).toBeLessThan(PVAL);
      expect(r.warnings).toEqual([]);
    });
  }
  it('gives p = 1.6e-20 (not 0) for Cassandra workload a across rf 1..3', () => {
    const c = ref.cases.find((x) => x.name === 'study-cassandra-a-rf')!;
    expect(c.groups.map((g) => g.length)).toEqual([30, 30, 30]);
    const r = welchAnova(c.groups);
    expect(r.p).toBeGreaterThan(1.58e-20);
    expect(r.p).toBeLessThan(1.59e-20);
  });
});

describe('kruskalWallis matches kruskal.test (with the tie correction)', () => {
  for (const c of ref.cases) {
    it(c.name, () => {
      const r = kruskalWallis(c.groups);
      expect(r.df).toBe(c.kruskal.df);
      expect(rel(r.H, c.kruskal.H)).toBeLessThan(STAT);
      expect(rel(r.p, c.kruskal.p)).toBeLessThan(PVAL);
    });
  }
  it('the tied case is one where omitting the tie correction would fail the tolerance', () => {
    const c = ref.cases.find((x) => x.name === 'k3-ties')!;
    const all = c.groups.flat();
    const n = all.length;
    const counts = new Map<number, number>();
    for (const v of all) counts.set(v, (counts.get(v) ?? 0) + 1);
    let t3 = 0;
    for (const t of counts.values()) t3 += t ** 3 - t;
    const uncorrected = c.kruskal.H * (1 - t3 / (n ** 3 - n));
    expect(rel(uncorrected, c.kruskal.H)).toBeGreaterThan(1e-3);
    expect(rel(kruskalWallis(c.groups).H, c.kruskal.H)).toBeLessThan(STAT);
  });
});

describe('tiny p-values are computed, not rounded to 0', () => {
  it('k4-extreme-p: ANOVA p near 1e-235', () => {
    const c = ref.cases.find((x) => x.name === 'k4-extreme-p')!;
    expect(c.anova.p).toBeLessThan(1e-200);
    const r = oneWayAnova(c.groups);
    expect(rel(r.p, c.anova.p)).toBeLessThan(PVAL);
  });
});

describe('edge cases', () => {
  it('throw RangeError on invalid input', () => {
    for (const f of [oneWayAnova, welchAnova, kruskalWallis]) {
      expect(() => f([[1, 2, 3]])).toThrow(RangeError);
      expect(() => f([[1, 2], []])).toThrow(RangeError);
      expect(() => f([[1, 2], [3, NaN]])).toThrow(RangeError);
      expect(() => f([[1, 2], [3, Infinity]])).toThrow(RangeError);
    }
  });
  it('one-way ANOVA: zero within-group variance gives F = Infinity, p = 0 and a warning', () => {
    const r = oneWayAnova([[5, 5, 5], [7, 7]]);
    expect(r.F).toBe(Infinity);
    expect(r.p).toBe(0);
    expect(r.warnings.length).toBe(1);
  });
  it('one-way ANOVA: all values equal, or one value per group, give NaN and a warning', () => {
    const a = oneWayAnova([[5, 5], [5, 5, 5]]);
    expect(a.F).toBeNaN();
    expect(a.warnings.length).toBe(1);
    const b = oneWayAnova([[1], [2], [4]]);
    expect(b.df2).toBe(0);
    expect(b.F).toBeNaN();
    expect(b.p).toBeNaN();
    expect(b.warnings.length).toBe(1);
  });
  it('Welch: a group with one value or zero variance gives NaN and a warning', () => {
    const a = welchAnova([[1, 2, 3], [4]]);
    expect(a.F).toBeNaN();
    expect(a.warnings[0]).toMatch(/group\(s\) 2 have fewer than 2 values/);
    const b = welchAnova([[1, 2, 3], [4, 4, 4]]);
    expect(b.p).toBeNaN();
    expect(b.warnings[0]).toMatch(/zero variance/);
  });
  it('Kruskal-Wallis: all values equal gives NaN and a warning; small groups warn', () => {
    const a = kruskalWallis([[3, 3], [3, 3, 3]]);
    expect(a.H).toBeNaN();
    expect(a.warnings.length).toBe(1);
    const b = kruskalWallis([[1, 2], [3, 4]]);
    // two groups of 2, no ties: H = 12/(4*5) * (2*(1.5-2.5)^2 + 2*(3.5-2.5)^2) = 2.4
    expect(rel(b.H, 2.4)).toBeLessThan(1e-15);
    expect(b.warnings[0]).toMatch(/fewer than 5/);
  });
});
