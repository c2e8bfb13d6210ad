import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { welchTTest } from '../../src/stats/welchTTest.js';
import { pAdjust } from '../../src/stats/pAdjust.js';
import { gamesHowell } from '../../src/stats/gamesHowell.js';
import { tukeyHsd } from '../../src/stats/tukeyHsd.js';
import { wilcoxonRankSum } from '../../src/stats/wilcoxonRankSum.js';
import { ptukeyR, ptukeyRSf, qtukeyR } from '../../src/stats/qtukey.js';
import { studentizedRangePFloor } from '../../src/stats/studentizedRangePairs.js';

// Expected values: test/stats/reference/pairwise.R (R 4.2.2) -> pairwise.json (inputs included;
// NA/NaN written as null). Tolerances (relative, in each comparison): 1e-9 for statistics and
// interval bounds, 1e-6 for p-values. Studentized-range p-values (Tukey, Games-Howell, ptukey) are
// 1 - a quadrature in R and here, so they are compared with 1e-6 relative + 1e-12 absolute:
// measured |difference| <= 5e-14 everywhere, but R's own algorithm is only good to ~1e-11
// absolute, so a relative comparison of a p-value of 1e-13 would test noise.
const ref: any = JSON.parse(readFileSync(new URL('./reference/pairwise.json', import.meta.url), 'utf8'));
const nanOf = (v: number | null): number => (v === null ? NaN : v);
const near = (actual: number, expected: number, rel: number, abs = 0) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected) + abs);

it('reference was produced by R', () => {
  expect(ref.R).toMatch(/^R version 4\.2\.2/);
});

describe('welchTTest matches t.test(x, y)', () => {
  for (const c of ref.welch) {
    it(c.name, () => {
      const r = welchTTest(c.x, c.y, c.confidence);
      for (const f of ['t', 'df', 'meanDiff', 'lo', 'hi', 'se'] as const) near(r[f], c[f], 1e-9);
      near(r.p, c.p, 1e-6);
      expect(r.reason).toBeUndefined();
    });
  }
  it('a p-value below 1e-30 survives (no 1 - cdf)', () => {
    const c = ref.welch.find((w: any) => w.name === 'tiny');
    expect(c.p).toBeLessThan(1e-30);
    near(welchTTest(c.x, c.y).p, c.p, 1e-6);
  });
  for (const c of ref.welchConstant) {
    it(`R stops with '${c.error}' (${c.name}): NaN with the reason`, () => {
      const r = welchTTest(c.x, c.y);
      expect(c.error).toBe('data are essentially constant');
      expect(r.reason).toMatch(/data are essentially constant/);
      for (const f of ['t', 'df', 'p', 'lo', 'hi', 'se'] as const) expect(r[f]).toBeNaN();
    });
  }
  it('fewer than 2 values: NaN with a reason, not a throw', () => {
    const r = welchTTest([1], [2, 3, 4]);
    expect(r.reason).toMatch(/not enough 'x' observations/);
    expect(r.p).toBeNaN();
  });
  it('rejects non-finite values and a bad confidence', () => {
    expect(() => welchTTest([1, NaN], [2, 3])).toThrow(RangeError);
    expect(() => welchTTest([1, 2], [2, 3], 1)).toThrow(RangeError);
  });
});

describe('pAdjust matches p.adjust', () => {
  ref.pAdjust.forEach((c: any, k: number) => {
    for (const m of ['holm', 'bonferroni', 'BH'] as const) {
      it(`case ${k + 1}, ${m}`, () => {
        const r = pAdjust(c.p.map(nanOf), m);
        const e: number[] = c[m].map(nanOf);
        expect(r.length).toBe(e.length);
        r.forEach((v, i) => {
          if (Number.isNaN(e[i])) expect(v).toBeNaN();
          else near(v, e[i], 1e-12);
        });
      });
    }
  });
  it('keeps tiny p-values tiny', () => {
    const c = ref.pAdjust[3];
    const r = pAdjust(c.p, 'holm');
    expect(r[3]).toBeGreaterThan(0);
    near(r[3], c.holm[3], 1e-12);
  });
  it('rejects an unknown method', () => {
    expect(() => pAdjust([0.1, 0.2], 'hommel' as never)).toThrow(RangeError);
  });
});

describe('wilcoxonRankSum matches wilcox.test(x, y)', () => {
  for (const c of ref.wilcoxon) {
    it(`${c.name} (${c.method})`, () => {
      const r = wilcoxonRankSum(c.x, c.y);
      expect(r.W).toBe(c.W);
      expect(r.method).toBe(c.method);
      near(r.p, c.p, 1e-6);
    });
  }
  it('covers both methods and ties', () => {
    const methods = new Set(ref.wilcoxon.map((c: any) => c.method));
    expect(methods).toEqual(new Set(['exact', 'normal']));
  });
  it('all values equal: NaN with a reason', () => {
    const r = wilcoxonRankSum([2, 2, 2], [2, 2]);
    expect(r.p).toBeNaN();
    expect(r.reason).toMatch(/all values are equal/);
  });
});

describe('studentized range as R computes it', () => {
  for (const c of ref.ptukey) {
    it(`ptukey(${c.q}, ${c.nmeans}, ${c.df})`, () => {
      near(ptukeyR(c.q, c.nmeans, c.df), c.lower, 1e-6, 1e-12);
      near(ptukeyRSf(c.q, c.nmeans, c.df), c.upper, 1e-6, 1e-12);
    });
  }
  for (const c of ref.qtukey) {
    it(`qtukey(${c.p}, ${c.nmeans}, ${c.df}) reproduces R's secant iterate`, () => {
      near(qtukeyR(c.p, c.nmeans, c.df), c.q, 1e-9);
    });
  }
  it('rejects df < 2 as R (NaN there)', () => {
    expect(() => qtukeyR(0.95, 3, 1.5)).toThrow(RangeError);
    expect(ptukeyR(2, 3, 1.5)).toBeNaN();
  });
});

// test/stats/reference/ptukey-accuracy.R: the largest absolute error of R's ptukey upper tail per df,
// against exact values (k = 2) and direct integration of the tail (k = 3).
const accuracy: any = JSON.parse(readFileSync(new URL('./reference/ptukey-accuracy.json', import.meta.url), 'utf8'));

describe('the studentized-range p-value floor (below it Tukey and Games–Howell p are reported as a bound)', () => {
  it('is at least twice R\'s measured error at every df measured, and at least 1e-9', () => {
    const entries = [...accuracy.k2, ...accuracy.k3];
    expect(entries.length).toBeGreaterThan(300);
    for (const e of entries) {
      const floor = studentizedRangePFloor(e.df);
      expect(floor, `k = ${e.k}, df = ${e.df}: error ${e.maxAbsError}`).toBeGreaterThanOrEqual(2 * e.maxAbsError);
      expect(floor).toBeGreaterThanOrEqual(1e-9);
    }
  });
  it('is 1e-9 where the study\'s tests are (df 12 to 100), larger for few df, NaN below 2', () => {
    for (const df of [12, 29.5, 57.2, 87, 100]) expect(studentizedRangePFloor(df)).toBe(1e-9);
    expect(studentizedRangePFloor(5.5)).toBeGreaterThan(1e-6);
    expect(studentizedRangePFloor(1.5)).toBeNaN();
  });
  it('Tukey and Games–Howell set pUpper exactly when p is below the floor of their df', () => {
    let bounded = 0;
    for (const s of ref.strata) {
      for (const r of [...tukeyHsd(s.groups, s.labels), ...gamesHowell(s.groups, s.labels, 0.95, { intervals: false })]) {
        const floor = studentizedRangePFloor(r.df);
        if (r.p < floor) {
          expect(r.pUpper, `${s.db} ${s.workload} ${r.pair}`).toBe(floor);
          bounded++;
        } else expect(r.pUpper).toBeUndefined();
      }
    }
    // the study has p-values at R's noise floor (R prints ~3e-10 and 0 there)
    expect(bounded).toBeGreaterThan(10);
  });
});

function checkGamesHowell(c: any, confidence: number) {
  const r = gamesHowell(c.groups, c.labels, confidence);
  expect(r.map((p) => p.pair)).toEqual(c.gamesHowell.map((p: any) => p.pair));
  r.forEach((p, i) => {
    const e = c.gamesHowell[i];
    for (const f of ['diff', 'lo', 'hi', 't', 'q', 'df'] as const) near(p[f], e[f], 1e-9);
    near(p.p, e.p, 1e-6, 1e-12);
  });
}

function checkTukey(c: any, confidence: number) {
  const r = tukeyHsd(c.groups, c.labels, confidence);
  expect(r.map((p) => p.pair)).toEqual(c.tukey.map((p: any) => p.pair));
  r.forEach((p, i) => {
    const e = c.tukey[i];
    for (const f of ['diff', 'lo', 'hi'] as const) near(p[f], e[f], 1e-9);
    expect(p.df).toBe(e.df);
    near(p.p, e.p, 1e-6, 1e-12);
  });
}

describe('gamesHowell and tukeyHsd on hand groups', () => {
  for (const c of ref.multiple) {
    it(`${c.name}: Games-Howell (base-R reference of PMCMRplus/rstatix)`, () => checkGamesHowell(c, c.confidence));
    it(`${c.name}: TukeyHSD(aov(y ~ g))`, () => checkTukey(c, c.confidence));
  }
  it('both groups constant: NaN with a reason', () => {
    const r = gamesHowell([[1, 1, 1], [2, 2], [3, 4, 5]], ['a', 'b', 'c']);
    expect(r[0].p).toBeNaN();
    expect(r[0].reason).toMatch(/zero variance/);
    expect(Number.isFinite(r[1].p)).toBe(true);
  });
  it('intervals: false gives the same p-values, q and df, and NaN bounds (no qtukey)', () => {
    for (const c of ref.multiple) {
      const conf = c.confidence;
      const full = gamesHowell(c.groups, c.labels, conf);
      const lean = gamesHowell(c.groups, c.labels, conf, { intervals: false });
      expect(lean.map((r) => [r.pair, r.p, r.q, r.df, r.diff])).toEqual(full.map((r) => [r.pair, r.p, r.q, r.df, r.diff]));
      expect(full.every((r) => Number.isFinite(r.lo) || r.reason !== undefined)).toBe(true);
      expect(lean.every((r) => Number.isNaN(r.lo) && Number.isNaN(r.hi))).toBe(true);
      const tFull = tukeyHsd(c.groups, c.labels, conf);
      const tLean = tukeyHsd(c.groups, c.labels, conf, { intervals: false });
      expect(tLean.map((r) => [r.pair, r.p, r.diff])).toEqual(tFull.map((r) => [r.pair, r.p, r.diff]));
      expect(tLean.every((r) => Number.isNaN(r.lo) && Number.isNaN(r.hi))).toBe(true);
    }
  });
  it('rejects a group of 1 and mismatched labels', () => {
    expect(() => gamesHowell([[1], [2, 3]], ['a', 'b'])).toThrow(RangeError);
    expect(() => tukeyHsd([[1, 2], [2, 3]], ['a'])).toThrow(RangeError);
  });
});

describe('the real study: rf 1 vs 2 vs 3 within each (db, workload)', () => {
  it('has at least six strata and dropped the two failed Citus runs', () => {
    expect(ref.strata.length).toBeGreaterThanOrEqual(6);
    expect(ref.study.dropped.length).toBe(2);
  });
  for (const s of ref.strata) {
    describe(`${s.db} ${s.workload}`, () => {
      it('Welch t-tests for all three pairs, Holm-adjusted', () => {
        const ps: number[] = [];
        for (const e of s.welch) {
          const r = welchTTest(s.groups[e.i - 1], s.groups[e.j - 1]);
          for (const f of ['t', 'df', 'meanDiff', 'lo', 'hi', 'se'] as const) near(r[f], e[f], 1e-9);
          near(r.p, e.p, 1e-6);
          ps.push(r.p);
        }
        pAdjust(ps, 'holm').forEach((v, i) => near(v, s.welchHolm[i], 1e-6));
      });
      it('Games-Howell', () => checkGamesHowell(s, 0.95));
      it('Tukey HSD', () => checkTukey(s, 0.95));
      it('Wilcoxon rank-sum for all three pairs', () => {
        s.extras.forEach((e: any, k: number) => {
          const [i, j] = [[0, 1], [0, 2], [1, 2]][k];
          const r = wilcoxonRankSum(s.groups[i], s.groups[j]);
          expect(r.W).toBe(e.wilcoxon.W);
          expect(r.method).toBe(e.wilcoxon.method);
          near(r.p, e.wilcoxon.p, 1e-6);
        });
      });
    });
  }
});
