import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { shapiroWilk } from '../../src/stats/shapiroWilk.js';

// Expected values produced by R's shapiro.test in test/stats/reference/normality.R (R version in the JSON).
interface RCase {
  name: string;
  source: 'hand' | 'study';
  x: number[];
  W: number;
  p: number;
}
interface RError {
  name: string;
  x?: number[];
  n?: number;
  error: string;
}
const ref = JSON.parse(
  readFileSync(new URL('./reference/normality.json', import.meta.url), 'utf8'),
) as { R: string; cases: RCase[]; errors: RError[] };

const STAT_TOL = 1e-9;
const P_TOL = 1e-6;
/** Relative error; an expected exact 0 requires an exact 0. */
const rel = (actual: number, expected: number): number =>
  expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);

describe('reference file', () => {
  it('was produced by R and covers hand vectors and at least six study strata', () => {
    expect(ref.R).toMatch(/^R version 4\./);
    expect(ref.cases.filter((c) => c.source === 'study').length).toBeGreaterThanOrEqual(6);
    expect(ref.cases.some((c) => c.x.length === 5000)).toBe(true);
    expect(ref.cases.some((c) => c.p < 1e-20 && c.p > 0)).toBe(true);
  });
});

describe('shapiroWilk matches R shapiro.test', () => {
  for (const c of ref.cases) {
    it(`${c.name} (n = ${c.x.length})`, () => {
      const r = shapiroWilk(c.x);
      expect(rel(r.W, c.W), 'W').toBeLessThan(STAT_TOL);
      expect(rel(r.p, c.p), 'p').toBeLessThan(P_TOL);
    });
  }
  it('keeps tiny p-values: the skewed n = 5000 sample has p ≈ 3.9e-91, not 0', () => {
    const c = ref.cases.find((k) => k.name === 'skewed5000');
    expect(c).toBeDefined();
    const r = shapiroWilk(c!.x);
    expect(r.p).toBeGreaterThan(1e-92);
    expect(r.p).toBeLessThan(1e-90);
  });
  it('does not depend on the input order', () => {
    const c = ref.cases.find((k) => k.name === 'oneOutlier')!;
    const a = shapiroWilk(c.x);
    const b = shapiroWilk([...c.x].reverse());
    expect(b.W).toBe(a.W);
    expect(b.p).toBe(a.p);
  });
});

describe('shapiroWilk throws RangeError where R stops', () => {
  for (const e of ref.errors) {
    it(`${e.name}: R says "${e.error}"`, () => {
      const x = e.x ?? Array.from({ length: e.n ?? 0 }, (_, i) => Math.sin(i));
      expect(() => shapiroWilk(x)).toThrow(RangeError);
      expect(() => shapiroWilk(x)).toThrow(e.error);
    });
  }
  it('non-finite values', () => {
    expect(() => shapiroWilk([1, 2, Number.NaN, 4])).toThrow(RangeError);
    expect(() => shapiroWilk([1, 2, Infinity, 4])).toThrow(RangeError);
  });
});
