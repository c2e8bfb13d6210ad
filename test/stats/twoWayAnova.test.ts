import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { twoWayAnova } from '../../src/stats/twoWayAnova.js';

// Expected values produced by R (test/stats/reference/twoway.R -> twoway.json):
// car::Anova(lm(y ~ A * B), type = 2), or base-R model comparison for the empty-cell design.
interface Row {
  term: string;
  ss: number;
  df: number;
  F: number | null;
  p: number | null;
}
interface Case {
  name: string;
  reference: string;
  y: number[];
  a: string[];
  b: string[];
  rows: Row[];
}
const ref = JSON.parse(readFileSync(new URL('./reference/twoway.json', import.meta.url), 'utf8')) as {
  R: string;
  cases: Case[];
};

const STAT = 1e-9;
const PVAL = 1e-6;
const rel = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));

describe('twoWayAnova matches R (type II sums of squares)', () => {
  it('reference file was produced by R', () => {
    expect(ref.R).toMatch(/^R version 4\./);
    expect(ref.cases.length).toBeGreaterThanOrEqual(7);
  });
  for (const c of ref.cases) {
    it(`${c.name} (${c.reference})`, () => {
      const r = twoWayAnova(c.y, c.a, c.b);
      expect(r.rows.map((x) => x.term)).toEqual(['A', 'B', 'A:B', 'Residuals']);
      c.rows.forEach((e, k) => {
        const got = r.rows[k];
        expect(got.df).toBe(e.df);
        expect(rel(got.ss, e.ss), `${e.term} ss`).toBeLessThan(STAT);
        if (e.F === null) {
          expect(got.F).toBeNaN();
          expect(got.p).toBeNaN();
        } else {
          expect(rel(got.F, e.F), `${e.term} F`).toBeLessThan(STAT);
          expect(rel(got.p, e.p!), `${e.term} p`).toBeLessThan(PVAL);
        }
      });
      if (c.name.includes('empty-cell')) {
        expect(r.emptyCells).toEqual([['rf3', 'd']]);
        expect(r.warnings.join(' ')).toMatch(/1 empty cell\(s\) \(rf3\/d\).*5 df instead of 6/);
      } else {
        expect(r.emptyCells).toEqual([]);
        expect(r.warnings).toEqual([]);
      }
    });
  }
  it('the unbalanced cases really are unbalanced, and type II differs from sequential (type I) SS there', () => {
    const c = ref.cases.find((x) => x.name === 'hand-2x3-unbalanced-large-mean')!;
    const r = twoWayAnova(c.y, c.a, c.b);
    const counts = r.cellCounts.flat();
    expect(new Set(counts).size).toBeGreaterThan(1);
    // type I SS for A (A first) is the plain between-A SS; with unbalanced cells it differs from SS(A|B)
    const grand = c.y.reduce((s, v) => s + v, 0) / c.y.length;
    let ssA1 = 0;
    for (const lev of r.levelsA) {
      const v = c.y.filter((_, k) => c.a[k] === lev);
      const m = v.reduce((s, x) => s + x, 0) / v.length;
      ssA1 += v.length * (m - grand) ** 2;
    }
    expect(rel(ssA1, c.rows[0].ss)).toBeGreaterThan(1e-3);
  });
});

describe('twoWayAnova numerics and edge cases', () => {
  it('is unchanged (1e-9) by adding a large constant to every value', () => {
    const c = ref.cases.find((x) => x.name === 'hand-3x3-unbalanced-nearly-additive')!;
    const shifted = twoWayAnova(c.y.map((v) => v + 50000), c.a, c.b);
    c.rows.forEach((e, k) => expect(rel(shifted.rows[k].ss, e.ss), e.term).toBeLessThan(STAT));
  });
  it('does not depend on the order of the observations', () => {
    const c = ref.cases.find((x) => x.name === 'study-citus-rf-x-workload')!;
    const idx = c.y.map((_, k) => k).reverse();
    const r = twoWayAnova(idx.map((k) => c.y[k]), idx.map((k) => c.a[k]), idx.map((k) => c.b[k]));
    c.rows.forEach((e, k) => expect(rel(r.rows[k].ss, e.ss), e.term).toBeLessThan(STAT));
  });
  it('throws RangeError on invalid input', () => {
    expect(() => twoWayAnova([1, 2], ['x', 'y'], ['p'])).toThrow(RangeError);
    expect(() => twoWayAnova([], [], [])).toThrow(RangeError);
    expect(() => twoWayAnova([1, NaN, 3, 4], ['x', 'x', 'y', 'y'], ['p', 'q', 'p', 'q'])).toThrow(RangeError);
    expect(() => twoWayAnova([1, 2, 3], ['x', 'x', 'x'], ['p', 'q', 'p'])).toThrow(/factor A needs at least 2 levels/);
  });
  it('throws when the cells do not connect the levels (A and B confounded)', () => {
    // only cells x/p and y/q: A and B are the same split
    expect(() => twoWayAnova([1, 2, 5, 6], ['x', 'x', 'y', 'y'], ['p', 'p', 'q', 'q'])).toThrow(/do not connect/);
  });
  it('one observation per cell: no residual df, NaN F and p with a warning', () => {
    const r = twoWayAnova([1, 2, 4, 7], ['x', 'x', 'y', 'y'], ['p', 'q', 'p', 'q']);
    expect(r.rows[3].df).toBe(0);
    expect(r.rows[0].F).toBeNaN();
    expect(r.rows[0].p).toBeNaN();
    expect(r.warnings[0]).toMatch(/no residual degrees of freedom/);
  });
});
