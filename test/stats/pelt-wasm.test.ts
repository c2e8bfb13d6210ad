/**
 * PELT's minSegment-1 search as WebAssembly (wasm/pelt.ts) against the same loop in JavaScript
 * (src/stats/pelt.ts, PELT_ENGINE.wasm false): the same changepoints, costs and segment means, bit
 * for bit. test/stats/timeseries.test.ts checks the default engine against exhaustive search and
 * unpruned optimal partitioning (also on near-ties); here the JavaScript loop is checked against the
 * same reference (pelt-reference.ts), so that both stay exact.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { pelt, PELT_ENGINE, type PeltOptions } from '../../src/stats/pelt.js';
import { mulberry32 } from '../../fixtures/generator.js';
import { sameArithmeticOP } from './pelt-reference.js';

afterEach(() => {
  PELT_ENGINE.wasm = true;
});

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

describe('the WebAssembly search and the JavaScript loop give the same segmentation', () => {
  it('on 6,000 series × 8 penalties and variances (lengths 2–150), bit for bit', () => {
    const r = mulberry32(2026);
    const before = PELT_ENGINE.searches;
    const differ: string[] = [];
    let withChanges = 0;
    for (let c = 0; c < 6000; c++) {
      const y = series(r, c % 6, 2 + Math.floor(r() * 149));
      for (const o of OPTIONS) {
        PELT_ENGINE.wasm = true;
        const a = pelt(y, o);
        PELT_ENGINE.wasm = false;
        const b = pelt(y, o);
        if (!Object.is(a.cost, b.cost) || a.changepoints.join() !== b.changepoints.join() || a.segments.some((s, i) => !Object.is(s.mean, b.segments[i].mean))) {
          differ.push(`${JSON.stringify(y)} ${JSON.stringify(o)}: ${a.changepoints} (${a.cost}) vs ${b.changepoints} (${b.cost})`);
        }
        if (a.changepoints.length > 0) withChanges++;
      }
    }
    expect(differ.slice(0, 3)).toEqual([]);
    // the comparison ran the module (not two JavaScript loops) on most cases, and found changes
    expect(PELT_ENGINE.searches - before).toBeGreaterThan(40_000);
    expect(withChanges).toBeGreaterThan(20_000);
  });
  it('a long series (n = 5,000) and short ones in turn: buffers grow and are reused without carry-over', () => {
    const r = mulberry32(9);
    for (const n of [5000, 10, 3000, 80, 5000, 2]) {
      const y = series(r, 2, n);
      PELT_ENGINE.wasm = true;
      const a = pelt(y);
      PELT_ENGINE.wasm = false;
      expect([n, a.changepoints, a.cost]).toEqual([n, pelt(y).changepoints, pelt(y).cost]);
    }
  });
});

describe('the JavaScript loop alone stays exact', () => {
  it('matches unpruned optimal partitioning on 1,500 series, near-ties included', () => {
    PELT_ENGINE.wasm = false;
    const r = mulberry32(77);
    let checked = 0;
    for (let c = 0; c < 1500; c++) {
      const y = series(r, c % 5, 3 + Math.floor(r() * 60));
      const o = OPTIONS[c % OPTIONS.length];
      const got = pelt(y, o);
      if (!(got.variance > 0)) continue;
      const { cps, cost } = sameArithmeticOP(y, got.penalty, 1, got.variance, got.mbic);
      expect([c, got.changepoints]).toEqual([c, cps]);
      expect([c, got.cost]).toEqual([c, cost]);
      checked++;
    }
    expect(checked).toBeGreaterThan(1000);
  });
});
