import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createRng, createRngFromState } from '../../src/stats/rng.js';
import { bcaFromReplicates, bootstrapBca, type Statistic } from '../../src/stats/bootstrapBca.js';
import { mean } from '../../src/stats/mean.js';
import { median } from '../../src/stats/median.js';

// Expected values written by test/stats/reference/bootstrap.R (R 4.2.2, boot) with "%.17g".
const NONFINITE: Record<string, number> = { NaN: NaN, NA: NaN, Inf: Infinity, '-Inf': -Infinity };
const ref = JSON.parse(
  readFileSync(fileURLToPath(new URL('./reference/bootstrap.json', import.meta.url)), 'utf8'),
  (_k, v) => (typeof v === 'string' && v in NONFINITE ? NONFINITE[v] : v),
);

const REL = 1e-9;
/** |actual − expected| ≤ rel · |expected| + abs. */
function expectClose(actual: number, expected: number, rel = REL, abs = 0): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected) + abs);
}
const STATISTICS: Record<string, Statistic> = { mean, median };

interface BcaCase {
  name: string;
  statistic: string;
  x: number[];
  B: number;
  confidence: number;
  t0: number;
  lo: number;
  hi: number;
  z0: number;
  acceleration: number;
  adjustedLevels: [number, number];
  extreme: boolean;
}

/** Checks a BCa result against boot.ci. The acceleration is a ratio whose numerator Σ L³ cancels to
 * rounding noise (~1e-15) when the jackknife values are symmetric, so it gets an absolute floor of 1e-12. */
function expectMatchesBootCi(got: ReturnType<typeof bcaFromReplicates>, e: BcaCase): void {
  expectClose(got.center, e.t0);
  expectClose(got.lo, e.lo);
  expectClose(got.hi, e.hi);
  expectClose(got.z0, e.z0);
  expectClose(got.acceleration, e.acceleration, REL, 1e-12);
  expectClose(got.adjustedLevels[0], e.adjustedLevels[0]);
  expectClose(got.adjustedLevels[1], e.adjustedLevels[1]);
  expect(got.confidence).toBe(e.confidence);
  expect(got.warnings.some((w) => /extreme order statistics/.test(w))).toBe(e.extreme);
}

describe('rng: xoshiro128** seeded by SplitMix32', () => {
  it('reproduces the published test vector from state {1, 2, 3, 4}', () => {
    const r = createRngFromState([1, 2, 3, 4]);
    const got = ref.rng.testVector1234.map(() => r.nextUint32());
    expect(got).toEqual(ref.rng.testVector1234);
    expect(ref.rng.testVector1234).toEqual([11520, 0, 5927040, 70819200, 2031721883]);
  });
  for (const s of ref.rng.streams as { seed: number; state: number[]; uint32: number[]; randomIntN: number[]; randomInt: number[] }[]) {
    it(`seed ${s.seed}: raw outputs and randomInt match the R reimplementation`, () => {
      const viaState = createRngFromState(s.state as [number, number, number, number]);
      const r = createRng(s.seed);
      const raw = s.uint32.map(() => r.nextUint32());
      expect(raw).toEqual(s.uint32);
      expect(s.uint32.map(() => viaState.nextUint32())).toEqual(s.uint32);
      const r2 = createRng(s.seed);
      expect(s.randomIntN.map((n) => r2.randomInt(n))).toEqual(s.randomInt);
    });
  }
  it('random() is in [0, 1) and the seed is validated', () => {
    const r = createRng(5);
    for (let i = 0; i < 1000; i++) {
      const u = r.random();
      expect(u >= 0 && u < 1).toBe(true);
    }
    expect(() => createRng(-1)).toThrow(RangeError);
    expect(() => createRng(1.5)).toThrow(RangeError);
    expect(() => createRng(2 ** 32)).toThrow(RangeError);
    expect(() => createRng(1).randomInt(0)).toThrow(RangeError);
    expect(() => createRngFromState([0, 0, 0, 0])).toThrow(RangeError);
  });
  it('randomInt is roughly uniform (chi-squared over 10 cells, 100000 draws)', () => {
    const r = createRng(99);
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 100000; i++) counts[r.randomInt(10)]++;
    const chi2 = counts.reduce((s, c) => s + (c - 10000) ** 2 / 10000, 0);
    expect(chi2).toBeLessThan(27.88); // qchisq(0.999, 9)
  });
});

describe('bcaFromReplicates matches boot.ci(type = "bca", L = empinf(type = "jack")) on R-drawn replicates', () => {
  for (const c of ref.replicateCases as (BcaCase & { replicates: number[] })[]) {
    it(`${c.name}, ${c.statistic}, B = ${c.B}, ${c.confidence * 100}%`, () => {
      expect(c.replicates.length).toBe(c.B);
      const got = bcaFromReplicates(c.x, STATISTICS[c.statistic], c.replicates, c.confidence);
      expect(got.replicates).toBe(c.B);
      expectMatchesBootCi(got, c);
    });
  }
  it('the default statistic of the seeded path is the mean and the default level 95 %', () => {
    const c = (ref.replicateCases as (BcaCase & { replicates: number[] })[]).find(
      (k) => k.statistic === 'mean' && k.confidence === 0.95,
    )!;
    expectClose(bcaFromReplicates(c.x, mean, c.replicates).lo, c.lo);
  });
});

describe('bootstrapBca (seeded) matches boot.ci on the same xoshiro128** resamples', () => {
  for (const c of ref.seededCases as (BcaCase & { seed: number; firstResample: number[]; replicateHead: number[] })[]) {
    it(`${c.name}, ${c.statistic}, B = ${c.B}, seed ${c.seed}, ${c.confidence * 100}%`, () => {
      // The first resample's indices are those R drew from the same stream.
      const r = createRng(c.seed);
      expect(c.x.map(() => r.randomInt(c.x.length))).toEqual(c.firstResample);
      const got = bootstrapBca(c.x, { B: c.B, seed: c.seed, confidence: c.confidence, statistic: STATISTICS[c.statistic] });
      expect(got.replicates).toBe(c.B);
      expectMatchesBootCi(got, c);
    });
  }
  it('uses B = 10000, seed 1, 95 % and the mean by default', () => {
    const c = (ref.seededCases as (BcaCase & { seed: number })[]).find((k) => k.B === 10000 && k.seed === 1)!;
    expect(c.statistic).toBe('mean');
    const got = bootstrapBca(c.x);
    expectClose(got.lo, c.lo);
    expectClose(got.hi, c.hi);
  });
  it('is identical run to run and differs across seeds', () => {
    const x = (ref.seededCases as BcaCase[])[1].x;
    const a = bootstrapBca(x, { B: 2000, seed: 11 });
    const b = bootstrapBca(x, { B: 2000, seed: 11 });
    expect(b).toEqual(a);
    const c = bootstrapBca(x, { B: 2000, seed: 12 });
    expect(c.lo === a.lo && c.hi === a.hi).toBe(false);
    expect(c.center).toBe(a.center);
  });
});

describe('bootstrapBca edge cases give warnings instead of throwing', () => {
  it('all values equal: no interval (R stops: w infinite)', () => {
    const got = bootstrapBca([5, 5, 5, 5], { B: 200 });
    expect(got.center).toBe(5);
    expect(got.lo).toBeNaN();
    expect(got.hi).toBeNaN();
    expect(got.warnings.join(' ')).toMatch(/bias correction is infinite/);
  });
  it('n = 1 and n = 0: no interval, with a warning', () => {
    const one = bootstrapBca([3], { B: 50 });
    expect(one.center).toBe(3);
    expect(one.lo).toBeNaN();
    expect(one.warnings.join(' ')).toMatch(/at least 2/);
    expect(bootstrapBca([], { B: 50 }).center).toBeNaN();
  });
  it('non-finite replicates are dropped with a warning', () => {
    const c = (ref.replicateCases as (BcaCase & { replicates: number[] })[])[0];
    const got = bcaFromReplicates(c.x, mean, [...c.replicates, NaN, Infinity], c.confidence);
    expect(got.replicates).toBe(c.B);
    expectClose(got.lo, c.lo);
    expect(got.warnings.join(' ')).toMatch(/2 of 1002 bootstrap replicates were not finite/);
  });
  it('rejects invalid B, seed and confidence', () => {
    expect(() => bootstrapBca([1, 2, 3], { B: 0 })).toThrow(RangeError);
    expect(() => bootstrapBca([1, 2, 3], { B: 10.5 })).toThrow(RangeError);
    expect(() => bootstrapBca([1, 2, 3], { seed: -3 })).toThrow(RangeError);
    expect(() => bootstrapBca([1, 2, 3], { confidence: 1 })).toThrow(RangeError);
    expect(() => bcaFromReplicates([1, 2, 3], mean, [], 0.95)).toThrow(RangeError);
  });
});
