import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tukeyFences } from '../../src/stats/tukeyFences.js';
import { modifiedZScore } from '../../src/stats/modifiedZScore.js';
import { grubbs } from '../../src/stats/grubbs.js';

// Expected values produced by test/stats/reference/outliers.R (R version recorded in the JSON).
interface RStep {
  value: number;
  G: number;
  t: number | string;
  p: number;
  pPackage: number;
  bonferroniOneSided: number;
  index: number;
  n: number;
}
interface RCase {
  name: string;
  source: 'hand' | 'study';
  x: number[];
  tukey: {
    q1: number;
    q3: number;
    iqr: number;
    lowerInner: number;
    upperInner: number;
    lowerOuter: number;
    upperOuter: number;
    classes: string[];
    boxplotHinges: number[];
    boxplotOut: number[];
  };
  modifiedZ: { median: number; mad: number; meanAD: number; scale: string; scores: number[]; outlier: boolean[] };
  grubbs: { alpha: number; steps: RStep[]; flagged: number[]; stopReason: string | null };
}
const ref = JSON.parse(
  readFileSync(new URL('./reference/outliers.json', import.meta.url), 'utf8'),
) as { R: string; cases: RCase[] };

const STAT_TOL = 1e-9;
const P_TOL = 1e-6;
/** Relative error; exact 0 expected means exact 0 required. */
const rel = (actual: number, expected: number): number =>
  expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
/** Statistics near 0 (a value at the median, a quartile of 0) get an absolute floor scaled to the data. */
const relOrAbs = (actual: number, expected: number, scale: number): number =>
  Math.abs(actual - expected) / Math.max(Math.abs(expected), scale);

const byName = (name: string): RCase => {
  const c = ref.cases.find((k) => k.name === name);
  if (!c) throw new Error(`missing reference case ${name}`);
  return c;
};
const dataScale = (x: number[]): number => Math.max(...x.map(Math.abs));

describe('reference file', () => {
  it('was produced by R and covers hand vectors and at least six study strata', () => {
    expect(ref.R).toMatch(/^R version 4\./);
    expect(ref.cases.filter((c) => c.source === 'hand').length).toBeGreaterThanOrEqual(10);
    expect(ref.cases.filter((c) => c.source === 'study').length).toBeGreaterThanOrEqual(6);
  });
});

describe('tukeyFences matches R quantile(type = 7) fences', () => {
  for (const c of ref.cases) {
    it(c.name, () => {
      const r = tukeyFences(c.x);
      const e = c.tukey;
      const sc = dataScale(c.x) * 1e-3;
      for (const k of ['q1', 'q3', 'iqr', 'lowerInner', 'upperInner', 'lowerOuter', 'upperOuter'] as const) {
        expect(relOrAbs(r[k], e[k], sc), k).toBeLessThan(STAT_TOL);
      }
      expect(r.classes).toEqual(e.classes);
    });
  }
  it('differs from R boxplot hinges where documented (n = 10: hinges are order statistics 3 and 8)', () => {
    const c = byName('ties');
    const r = tukeyFences(c.x);
    expect(c.tukey.boxplotHinges).toEqual([5, 7]);
    expect(r.q1).toBe(5.25);
    expect(r.q1).not.toBe(c.tukey.boxplotHinges[0]);
  });
  it('throws RangeError on empty input and NaN', () => {
    expect(() => tukeyFences([])).toThrow(RangeError);
    expect(() => tukeyFences([1, Number.NaN])).toThrow(RangeError);
  });
  it('a value exactly on the inner fence is not an outlier', () => {
    // n = 9: q1 = x(3) = 3, q3 = x(7) = 7, IQR = 4 → inner fence 13, outer fence 19
    const base = [1, 2, 3, 4, 5, 6, 7, 8];
    const on = tukeyFences([...base, 13]);
    expect(on.upperInner).toBe(13);
    expect(on.classes[8]).toBe('none');
    expect(tukeyFences([...base, 13.5]).classes[8]).toBe('mild');
    expect(tukeyFences([...base, 19]).classes[8]).toBe('mild');
    expect(tukeyFences([...base, 19.5]).classes[8]).toBe('severe');
  });
});

describe('modifiedZScore matches R median/mad(constant = 1)', () => {
  for (const c of ref.cases) {
    it(c.name, () => {
      const r = modifiedZScore(c.x);
      const e = c.modifiedZ;
      const sc = dataScale(c.x) * 1e-3;
      expect(relOrAbs(r.median, e.median, sc)).toBeLessThan(STAT_TOL);
      expect(relOrAbs(r.mad, e.mad, sc)).toBeLessThan(STAT_TOL);
      expect(relOrAbs(r.meanAD, e.meanAD, sc)).toBeLessThan(STAT_TOL);
      expect(r.scale).toBe(e.scale);
      expect(r.scores.length).toBe(e.scores.length);
      r.scores.forEach((z, i) => expect(relOrAbs(z, e.scores[i], 1e-6), `score ${i}`).toBeLessThan(STAT_TOL));
      expect(r.outlier).toEqual(e.outlier);
    });
  }
  it('MAD = 0 falls back to 1.253314·MeanAD and says why', () => {
    const r = modifiedZScore(byName('madZero').x);
    expect(r.mad).toBe(0);
    expect(r.scale).toBe('meanAD');
    expect(r.reason).toMatch(/MAD is 0/);
    // median 3, MeanAD = (1 + 6) / 8 → the value 9 scores 6 / (1.253314 · 0.875)
    expect(rel(r.scores[7], 6 / (1.253314 * 0.875))).toBeLessThan(STAT_TOL);
    expect(r.outlier[7]).toBe(true);
  });
  it('all values equal: no outlier, scale none, a reason', () => {
    const r = modifiedZScore([7, 7, 7, 7]);
    expect(r.scale).toBe('none');
    expect(r.outlier).toEqual([false, false, false, false]);
    expect(r.reason).toMatch(/all values are equal/);
  });
  it('throws RangeError on empty input and NaN', () => {
    expect(() => modifiedZScore([])).toThrow(RangeError);
    expect(() => modifiedZScore([1, Number.NaN, 2])).toThrow(RangeError);
    expect(() => modifiedZScore([-Infinity, Infinity, 0, Infinity, Infinity])).toThrow(/x\[0\] is not finite/);
  });
});

describe('grubbs (two-sided, iterated at 0.05) matches the outliers-package formula in base R', () => {
  for (const c of ref.cases) {
    it(c.name, () => {
      const r = grubbs(c.x, 0.05);
      const e = c.grubbs;
      expect(r.steps.length).toBe(e.steps.length);
      r.steps.forEach((s, k) => {
        const es = e.steps[k];
        expect(s.n).toBe(es.n);
        expect(s.index).toBe(es.index);
        expect(s.value).toBe(es.value);
        expect(rel(s.G, es.G), `G step ${k}`).toBeLessThan(STAT_TOL);
        expect(rel(s.p, es.p), `p step ${k}`).toBeLessThan(P_TOL);
        // where the package does not fold (2 n P(T > t) <= 1) and its 1 - pt has not lost the
        // digits (p > 1e-9), our p is also the package's
        if (2 * es.bonferroniOneSided <= 1 && es.pPackage > 1e-9) {
          expect(rel(s.p, es.pPackage), `package p step ${k}`).toBeLessThan(P_TOL);
        }
      });
      expect(r.flagged).toEqual(e.flagged);
      const reason = e.stopReason === null ? 'not significant' : e.stopReason === 'zero variance' ? 'zero variance' : 'fewer than 3 values';
      expect(r.stopReason).toBe(reason);
    });
  }
  it('keeps tiny p-values (no 1 - cdf): p ≈ 1.8e-45 is not 0', () => {
    const r = grubbs(byName('tinyP').x);
    expect(r.steps[0].p).toBeGreaterThan(1e-46);
    expect(r.steps[0].p).toBeLessThan(1e-44);
  });
  it('masking: two close high values hide each other, nothing is flagged', () => {
    const r = grubbs(byName('masking').x);
    expect(r.flagged).toEqual([]);
    expect(r.steps[0].p).toBeGreaterThan(0.05);
  });
  it('returns 1 where the package folds its two-sided p to 0 (evenly spaced 1..20)', () => {
    const e = byName('evenlySpaced').grubbs.steps[0];
    expect(e.pPackage).toBe(0);
    expect(grubbs(byName('evenlySpaced').x).steps[0].p).toBe(1);
  });
  it('n < 3 and constant samples stop without a test; bad input throws', () => {
    expect(grubbs([1, 2])).toEqual({ alpha: 0.05, steps: [], flagged: [], stopReason: 'fewer than 3 values' });
    expect(grubbs([4, 4, 4]).stopReason).toBe('zero variance');
    expect(() => grubbs([1, 2, Number.NaN])).toThrow(RangeError);
    expect(() => grubbs([1, 2, 3], 0)).toThrow(RangeError);
  });
});
