/**
 * The series digest as WebAssembly (wasm/digest.ts, through src/analysis/digest.ts) against the
 * JavaScript it replaces (seriesOf in src/analysis/analyze.ts): wherever the module takes a series,
 * the same findings, bit for bit (Object.is on every number, the same warnings, the same keys in
 * the same order); where it declines, the JavaScript runs. On every real file of ../shared/data,
 * on the fixtures, and on 48,000 random series built to hit each branch (warm-ups, stalls at each
 * position, equal times, absent throughputs, tied values, near-ties, values whose sums overflow) and each
 * reason to decline.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { digestSeries, seriesOf } from '../../src/analysis/analyze.js';
import { DIGEST_ENGINE, digestFast } from '../../src/analysis/digest.js';
import type { RunSeriesResult } from '../../src/analysis/types.js';
import { loadRuns } from '../../src/ingest/load.js';
import type { Run, StatusSample } from '../../src/model/index.js';
import { risesLateWarning, startsAboveWarning, warmup } from '../../src/stats/warmup.js';
import { mulberry32 } from '../../fixtures/generator.js';

const SHARED = path.resolve(__dirname, '../../../shared/data');
const FIXTURES = path.resolve(__dirname, '../../fixtures');

afterEach(() => {
  DIGEST_ENGINE.wasm = true;
});

/** Every difference between two findings: numbers by Object.is, then the JSON (key order). */
function differences(a: RunSeriesResult, b: RunSeriesResult): string[] {
  const out: string[] = [];
  const walk = (x: unknown, y: unknown, at: string) => {
    if (typeof x === 'number' || typeof y === 'number') {
      if (!Object.is(x, y)) out.push(`${at}: ${String(x)} vs ${String(y)}`);
    } else if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length) out.push(`${at}: length ${x.length} vs ${y.length}`);
      else x.forEach((v, i) => walk(v, y[i], `${at}[${i}]`));
    } else if (x !== null && typeof x === 'object' && y !== null && typeof y === 'object') {
      const kx = Object.keys(x);
      const ky = Object.keys(y);
      if (kx.join() !== ky.join()) out.push(`${at}: keys ${kx.join()} vs ${ky.join()}`);
      else for (const k of kx) walk((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k], `${at}.${k}`);
    } else if (x !== y) out.push(`${at}: ${String(x)} vs ${String(y)}`);
  };
  walk(a, b, '');
  return out;
}

/** A run holding `series` (only what the digest reads). */
function runOf(series: Partial<StatusSample>[], file = 'r.txt'): Run {
  return { file, factors: { rf: '1' }, series: series as StatusSample[] } as unknown as Run;
}

/** Compare the module with the JavaScript on `runs`: the differences, and how many it took. */
function compare(runs: Run[]): { differ: string[]; taken: number; declined: number; warned: number } {
  const differ: string[] = [];
  let taken = 0;
  let declined = 0;
  let warned = 0;
  for (const run of runs) {
    if (run.series.length === 0) continue;
    const fast = digestFast(run);
    if (fast === undefined) {
      declined++;
      continue;
    }
    taken++;
    if (fast.warnings.length > 0) warned++;
    const js = seriesOf(run);
    const d = differences(fast, js);
    if (d.length > 0) differ.push(`${run.file}: ${d.slice(0, 3).join('; ')} (series ${JSON.stringify(run.series.map((s) => [s.t, s.operations, s.throughput]))})`);
  }
  return { differ, taken, declined, warned };
}

describe('the module gives the JavaScript findings on real files', () => {
  it('on the fixtures (every run with status lines)', async () => {
    const inv = await loadRuns([FIXTURES], { series: 'throughput' });
    const r = compare(inv.runs);
    expect(r.differ).toEqual([]);
    expect(r.taken).toBeGreaterThan(50);
  });

  it.skipIf(!existsSync(SHARED))('on every file of ../shared/data (the study: all 1,087 series of ok runs, 61 with a warm-up warning)', async () => {
    const inv = await loadRuns([SHARED], { series: 'throughput' });
    const r = compare(inv.runs);
    expect(r.differ).toEqual([]);
    const study = compare(inv.runs.filter((run) => run.status === 'ok' && run.file.includes('lucas-fs-ycsb-prom-metrics/YCSB-outputs/')));
    // the module takes every series of the study's ok runs (the ones the summary digests), those
    // with the warm-up rule's warnings included
    expect([study.taken, study.declined, study.warned]).toEqual([1087, 0, 61]);
  }, 60_000);
});

/**
 * A random series of `kind`: status lines every `step` s (some at the same second), cumulative
 * operations, a throughput on most lines (absent on some, as YCSB prints none while the count is 0).
 */
function randomSeries(r: () => number, kind: number): Partial<StatusSample>[] {
  const n = kind === 9 ? 1 + Math.floor(r() * 2500) : 1 + Math.floor(r() * 120);
  const step = [10, 1, 0.5, 10, 7, 10, 10, 10, 3, 10, 10, 10][kind];
  const warm = Math.floor(r() * n * 0.6);
  const base = [1000, 50, 0, 1e6, 3, 1000, 1000, 1e-3, 1000, 700, 9e307, 5000][kind];
  const out: Partial<StatusSample>[] = [];
  let t = kind === 8 && r() < 0.5 ? 0 : step;
  let ops = 0;
  for (let i = 0; i < n; i++) {
    const u = r();
    let rate: number;
    if (kind === 2) rate = r() < 0.5 ? 0 : 1; // 0/1 ties
    else if (kind === 4) rate = Math.round(r() * 5);
    else if (kind === 5) rate = i < warm ? (base * i) / Math.max(1, warm) : base + Math.round((r() - 0.5) * 30); // ramp
    else if (kind === 6) rate = i < warm ? base * 2 : base + Math.round((r() - 0.5) * 30); // starts above
    else if (kind === 7) rate = base * (1 + r()); // tiny values
    else rate = u < 0.12 ? 0 : base + Math.round((r() - 0.5) * base * 0.1); // stalls anywhere
    if (kind === 6 && i > n * 0.7) rate = base * 3; // a late rise
    if (kind === 11) rate = base + (r() - 0.5) * 1e-6 * (i % 7); // a large mean, a tiny spread: near-ties
    const dt = r() < 0.05 ? 0 : step; // repeated times: zero-length intervals
    t += dt;
    // kinds 10, 11: throughputs given (near the largest double: sums and means overflow; near-ties), small counts
    const done = kind >= 10 ? Math.round(r() * 3) : Math.round(rate * dt);
    ops += done;
    const s: Partial<StatusSample> = { t, operations: ops, line: i + 1, ops: {} };
    const absent = ops === 0 ? r() < 0.8 : r() < 0.03;
    if (!absent) s.throughput = kind < 10 && dt > 0 && r() < 0.9 ? done / dt : rate;
    out.push(s);
  }
  return out;
}

describe('the module gives the JavaScript findings on random series', () => {
  it('on 48,000 series of 12 kinds (lengths 1–2,500), bit for bit, both warm-up warnings included', () => {
    const r = mulberry32(20261122);
    const runs: Run[] = [];
    for (let c = 0; c < 48_000; c++) runs.push(runOf(randomSeries(r, c % 12), `case-${c}`));
    const before = DIGEST_ENGINE.digests;
    const res = compare(runs);
    expect(res.differ.slice(0, 3)).toEqual([]);
    // most go through the module, and the comparison saw each of its outcomes
    expect(res.taken).toBeGreaterThan(30_000);
    expect(res.declined).toBeGreaterThan(1_000);
    expect(DIGEST_ENGINE.digests - before).toBe(res.taken);
    const words = runs.flatMap((run) => seriesOf(run).warnings.map((w) => w.slice(0, 20)));
    expect(words.filter((w) => w === 'the run starts above').length).toBeGreaterThan(100);
    expect(words.filter((w) => w === 'throughput rises onl').length).toBeGreaterThan(100);
  }, 120_000);
});

describe('the module declines what it does not take, and the JavaScript answers', () => {
  const steady = (): Partial<StatusSample>[] => Array.from({ length: 12 }, (_, i) => ({ t: 10 * (i + 1), operations: 1000 * (i + 1) + (i % 3), throughput: 100 + (i % 3), line: i + 1, ops: {} }));
  const cases: [string, (s: Partial<StatusSample>[]) => void][] = [
    ['a time that is not finite', (s) => (s[3].t = NaN)],
    ['an infinite time', (s) => (s[5].t = Infinity)],
    ['time going back', (s) => (s[4].t = 5)],
    ['a negative first time', (s) => (s[0].t = -1)],
    ['an operation count that is not finite', (s) => (s[2].operations = NaN)],
    ['an absent operation count', (s) => delete s[2].operations],
    ['a throughput of NaN', (s) => (s[6].throughput = NaN)],
    ['an infinite throughput', (s) => (s[6].throughput = Infinity)],
    ['a throughput of −0', (s) => (s[6].throughput = -0)],
    ['fewer than 5 intervals', (s) => s.splice(4)],
    ['a series without variation', (s) => s.forEach((x, i) => ((x.throughput = 100), (x.operations = 1000 * (i + 1))))],
  ];
  for (const [what, mutate] of cases) {
    it(`declines ${what}`, () => {
      const s = steady();
      expect(digestFast(runOf(steady()))).toBeDefined(); // the unmutated series is taken
      mutate(s);
      const run = runOf(s);
      expect(digestFast(run)).toBeUndefined();
      // and digestSeries answers with the JavaScript's findings (warnings included)
      const d = digestSeries(run);
      expect(d && differences(d.findings as RunSeriesResult, seriesOf(run))).toEqual([]);
    });
  }

  it('runs nothing as WebAssembly when switched off (DIGEST_ENGINE.wasm false)', () => {
    DIGEST_ENGINE.wasm = false;
    const before = DIGEST_ENGINE.digests;
    const run = runOf(steady());
    expect(digestFast(run)).toBeUndefined();
    expect(differences(digestSeries(run)!.findings as RunSeriesResult, seriesOf(run))).toEqual([]);
    expect(DIGEST_ENGINE.digests).toBe(before);
  });
});

describe("the warm-up rule's warnings are worded once (src/stats/warmup.ts)", () => {
  it('warmup() words them with startsAboveWarning and risesLateWarning', () => {
    // a first level above the rest; then a rise after more than half of the run
    const above = [300, 300, 300, 100, 101, 99, 100, 102, 98, 100, 101].map((v, i) => ({ t: 10 * (i + 1), throughput: v }));
    expect(warmup(above).warnings).toEqual([startsAboveWarning(300, 30, 100)]);
    const late = [10, 11, 9, 10, 12, 10, 11, 9, 500, 510, 505].map((v, i) => ({ t: 10 * (i + 1), throughput: v }));
    expect(warmup(late).warnings).toEqual([risesLateWarning(80, 0.5)]);
  });
});
