/**
 * The range forms of mean and median (src/stats/mean.ts, median.ts) and the interval columns of
 * src/stats/stalls.ts: the same values as the whole-array forms they stand for, bit for bit.
 */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../fixtures/generator.js';
import { mean, meanRange } from '../../src/stats/mean.js';
import { median, medianRange } from '../../src/stats/median.js';
import { intervalColumns, intervals, stalls, type ThroughputSample } from '../../src/stats/stalls.js';
import { warmup } from '../../src/stats/warmup.js';

/** Values with ties, zeros of both signs, large offsets and (when `nan`) NaN. */
function values(r: () => number, n: number, nan: boolean): number[] {
  return Array.from({ length: n }, () => {
    const u = r();
    if (nan && u < 0.02) return NaN;
    if (u < 0.1) return 0;
    if (u < 0.13) return -0;
    if (u < 0.4) return Math.floor(r() * 5);
    return 1e6 + (r() - 0.5) * 1000;
  });
}

describe('meanRange and medianRange', () => {
  it('equal mean and median of the slice, on arrays and typed arrays', () => {
    const r = mulberry32(11);
    for (let c = 0; c < 2000; c++) {
      const x = values(r, 1 + Math.floor(r() * 60), c % 3 === 0);
      const from = Math.floor(r() * x.length);
      const to = from + 1 + Math.floor(r() * (x.length - from));
      const part = x.slice(from, to);
      for (const xs of [x, Float64Array.from(x)]) {
        expect(Object.is(meanRange(xs, from, to), mean(part))).toBe(true);
        expect(Object.is(medianRange(xs, from, to), median(part))).toBe(true);
      }
    }
  });

  it('throw on an empty part, as mean and median of an empty array do', () => {
    expect(() => meanRange([1, 2], 1, 1)).toThrow(RangeError);
    expect(() => medianRange([1, 2], 2, 2)).toThrow(RangeError);
  });
});

describe('intervalColumns', () => {
  it('holds the intervals of intervals(), and stalls and warmup read them as they read the samples', () => {
    const r = mulberry32(5);
    for (let c = 0; c < 300; c++) {
      const samples: ThroughputSample[] = [];
      let t = 0;
      let ops = 0;
      for (let i = 0; i < 5 + Math.floor(r() * 40); i++) {
        t += r() < 0.05 ? 0 : 10;
        ops += r() < 0.15 ? 0 : Math.floor(r() * 1000);
        samples.push(r() < 0.2 ? { t, operations: ops } : { t, operations: ops, throughput: Math.floor(r() * 100) });
      }
      const iv = intervalColumns(samples);
      const objects = intervals(samples);
      expect(iv.length).toBe(objects.length);
      expect(iv.samples).toBe(samples.length);
      objects.forEach((o, k) => {
        expect([iv.index[k], iv.start[k], iv.end[k], iv.throughput[k], iv.known[k] === 1 ? iv.operations[k] : undefined]).toEqual([
          o.index,
          o.start,
          o.end,
          o.throughput,
          o.operations,
        ]);
      });
      expect(stalls(iv)).toEqual(stalls(samples));
      expect(warmup(iv)).toEqual(warmup(samples));
    }
  });
});
