/**
 * The series digest (digestSeries in src/analysis/analyze.ts): what a lean run keeps of its status
 * samples, the findings of seriesOf; and the warm-up rule's warnings, worded by src/stats/warmup.ts.
 */
import { describe, expect, it } from 'vitest';
import { digestSeries, seriesOf, throughputSamples } from '../../src/analysis/analyze.js';
import type { RunSeriesResult } from '../../src/analysis/types.js';
import type { Run, StatusSample } from '../../src/model/index.js';
import { stalls } from '../../src/stats/stalls.js';
import { risesLateWarning, startsAboveWarning, warmup } from '../../src/stats/warmup.js';

/** A run holding `series` (only what the digest reads). */
function runOf(series: Partial<StatusSample>[], file = 'r.txt'): Run {
  return { file, factors: { rf: '1' }, series: series as StatusSample[] } as unknown as Run;
}

describe('digestSeries', () => {
  it('is undefined without a series', () => {
    expect(digestSeries(runOf([]))).toBeUndefined();
  });

  it("keeps the number of samples and seriesOf's findings (a warm-up, then steady throughput)", () => {
    // 10 s status lines: 3 intervals at 100 ops/s, then 9 at 1,000 ops/s
    let ops = 0;
    const series = Array.from({ length: 12 }, (_, i) => {
      const rate = i < 3 ? 100 : 1000 + (i % 3);
      ops += rate * 10;
      return { t: 10 * (i + 1), operations: ops, throughput: rate, line: i + 1, ops: {} };
    });
    const run = runOf(series);
    const d = digestSeries(run);
    expect(d?.samples).toBe(12);
    expect(d?.findings).toEqual(seriesOf(run));
    expect((d?.findings as RunSeriesResult).warmupSeconds).toBe(30);
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

describe('seriesOf reads the warm-up from the series itself only where that changes nothing', () => {
  it('equals warmup() of the throughput samples and stalls() of the series, first sample at 0 or later, with or without a rate', () => {
    let seed = 3;
    const r = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let c = 0; c < 400; c++) {
      const series: Partial<StatusSample>[] = [];
      let t = [0, 0, 10, 5][c % 4];
      let ops = 0;
      for (let i = 0; i < 4 + Math.floor(r() * 40); i++) {
        if (i > 0) t += r() < 0.08 ? 0 : 10;
        if (i > 2 || r() < 0.5) ops += r() < 0.1 ? 0 : Math.floor(r() * (i < 5 ? 200 : 1000));
        const s: Partial<StatusSample> = { t, operations: ops, line: i + 1, ops: {} };
        if (i > 0 && ops > 0 && r() < 0.9) s.throughput = Math.floor(r() * 100) + (i < 5 ? 0 : 900);
        series.push(s);
      }
      const run = runOf(series);
      const f = seriesOf(run);
      const samples = throughputSamples(run.series);
      const w = warmup(samples);
      const st = stalls(run.series);
      expect([c, f.samples, f.warmupSeconds, f.warnings, f.stallCount, f.stallSeconds]).toEqual([c, samples.length, w.warmupSeconds, w.warnings, st.count, st.totalSeconds]);
    }
  });
});
