/**
 * PELT (src/stats/pelt.ts) against unpruned optimal partitioning with its own arithmetic
 * (pelt-reference.ts) on throughput-like and adversarial series: the same changepoints and cost,
 * down to near-ties; and its reused buffers carry nothing from one call to the next.
 * test/stats/timeseries.test.ts checks it against exhaustive search and the same reference too.
 */
import { describe, expect, it } from 'vitest';
import { pelt, type PeltOptions } from '../../src/stats/pelt.js';
import { mulberry32 } from '../../fixtures/generator.js';
import { sameArithmeticOP } from './pelt-reference.js';

/** Throughput-like and adversarial series: noise with shifts, stalls to 0, ramps, 0/1 and tied values. */
function series(r: () => number, kind: number, n: number): number[] {
  let level = 1000;
  return Array.from({ length: n }, (_, i) => {
    if (kind === 0) return r() < 0.5 ? 0 : 1;
    if (kind === 1) return r() < 0.1 ? 0 : 1000 + Math.floor(r() * 3);
    if (kind === 2) {
      if (r() < 0.1) level = 500 + Math.floor(r() * 1000);
      return level + Math.round((r() - 0.5) * 40);
    }
    if (kind === 3) return i < n / 5 ? Math.round((1000 * i) / (n / 5)) : 1000 + Math.round((r() - 0.5) * 30);
    if (kind === 4) return Math.round(r() * 5);
    return 5000 + (r() - 0.5) * 1e-6 * (i % 7); // large mean, tiny spread
  });
}

const OPTIONS: PeltOptions[] = [{}, { penalty: 'BIC' }, { penalty: 0 }, { penalty: 1e-9 }, { penalty: 2 }, { variance: 1 }, { penalty: 0, variance: 0.25 }, { penalty: 50 }];

describe('PELT stays exact', () => {
  it('matches unpruned optimal partitioning on 1,500 series, near-ties included', () => {
    const r = mulberry32(77);
    let checked = 0;
    let withChanges = 0;
    for (let c = 0; c < 1500; c++) {
      const y = series(r, c % 5, 3 + Math.floor(r() * 60));
      const o = OPTIONS[c % OPTIONS.length];
      const got = pelt(y, o);
      if (!(got.variance > 0)) continue;
      const { cps, cost } = sameArithmeticOP(y, got.penalty, 1, got.variance, got.mbic);
      expect([c, got.changepoints]).toEqual([c, cps]);
      expect([c, got.cost]).toEqual([c, cost]);
      checked++;
      if (cps.length > 0) withChanges++;
    }
    expect(checked).toBeGreaterThan(1000);
    expect(withChanges).toBeGreaterThan(300);
  });

  it('a long series (n = 5,000) and short ones in turn: buffers grow and are reused without carry-over', () => {
    const r = mulberry32(9);
    for (const n of [5000, 10, 3000, 80, 5000, 2]) {
      const y = series(r, 2, n);
      const got = pelt(y);
      if (!(got.variance > 0)) continue;
      const { cps, cost } = sameArithmeticOP(y, got.penalty, 1, got.variance, got.mbic);
      expect([n, got.changepoints, got.cost]).toEqual([n, cps, cost]);
    }
  });
});
