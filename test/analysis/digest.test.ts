/**
 * The series digest (digestSeries in src/analysis/analyze.ts): what a lean run keeps of its status
 * samples, the findings of seriesOf; and the warm-up rule's warnings, worded by src/stats/warmup.ts.
 */
import { describe, expect, it } from 'vitest';
import { digestSeries, seriesOf } from '../../src/analysis/analyze.js';
import type { RunSeriesResult } from '../../src/analysis/types.js';
import type { Run, StatusSample } from '../../src/model/index.js';
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
