/**
 * A run's status-line series (step 8 of the analysis, src/analysis/analyze.ts): its stalls, its
 * warm-up (PELT) and the steady throughput after it. The loader's lean runs digest the series with
 * {@link digestSeries} while reading, so that large campaigns need not keep the samples.
 */
import type { Run, SeriesDigest } from '../model/index.js';
import { intervalColumns, stalls, type IntervalColumns } from '../stats/stalls.js';
import { warmup, type WarmupResult } from '../stats/warmup.js';
import type { RunSeriesResult } from './types.js';

/** The interval columns {@link seriesOf} reuses from run to run (series up to 4,096 samples). */
let columns: IntervalColumns | undefined;

/** Run a computation that may throw on degenerate input; turn the throw into a warning. */
export function attempt<T>(what: string, warnings: string[], f: () => T): T | undefined {
  try {
    return f();
  } catch (err) {
    warnings.push(`${what}: ${(err as Error).message}`);
    return undefined;
  }
}

/**
 * The steady state of a run: the warm-up is the end of the leading segments PELT finds in the
 * status-line throughput (src/stats/warmup.ts); the steady throughput is then Σ operations / Σ
 * seconds from the cumulative operation counts over the rest of the run (stalls included, every
 * interval weighted by its length), not a mean of interval rates.
 * Undefined when the run has fewer than 5 status lines.
 */
export function steadyState(run: Run): { warmupSeconds: number; throughput: number } | undefined {
  const series = run.series;
  if (series.length < 5) return undefined;
  const w = attempt('warm-up', [], () => warmupOf(series));
  if (!w || !Number.isFinite(w.warmupSeconds)) return undefined;
  const throughput = rateAfter(series, w.warmupSeconds);
  return Number.isFinite(throughput) ? { warmupSeconds: w.warmupSeconds, throughput } : undefined;
}

/**
 * The interval throughput of each status line. YCSB prints no "current ops/sec" while the total is
 * still 0 (the client is starting up): those intervals count as 0 here, from the unchanged
 * cumulative count, so a start-up stall belongs to the warm-up instead of vanishing from the series.
 */
export function throughputSamples(series: Run['series']): { t: number; throughput: number }[] {
  const out: { t: number; throughput: number }[] = [];
  for (let i = 0; i < series.length; i++) {
    const s = series[i];
    if (s.throughput !== undefined) out.push({ t: s.t, throughput: s.throughput });
    else if (i > 0 && s.t > series[i - 1].t) out.push({ t: s.t, throughput: (s.operations - series[i - 1].operations) / (s.t - series[i - 1].t) });
  }
  return out;
}

/** The number of {@link throughputSamples} of a series, without building them (the same tests). */
function throughputSampleCount(series: Run['series']): number {
  let count = 0;
  for (let i = 0; i < series.length; i++) {
    const s = series[i];
    if (s.throughput !== undefined || (i > 0 && s.t > series[i - 1].t)) count++;
  }
  return count;
}

/**
 * The warm-up of a series: warmup() of its {@link throughputSamples}, read from the series itself
 * when warmup() finds the same intervals there, with the same times and throughputs (only their
 * `index`, and warmup's `steadyStart`, count other samples): when every time is finite and none is
 * before the previous one (or before 0: neither array throws then), and the first sample is at t = 0
 * or has a throughput. Why: throughputSamples leaves out (a) the first sample when it has no
 * throughput and (b) a later one without throughput at the time of the previous one; it keeps the
 * others, a missing throughput filled with Δoperations / Δt from the previous sample, the very value
 * warmup's intervals compute from the counts. A sample of kind (b) closes a zero-length interval,
 * which the intervals drop, and leaves the previous time as it was (the time of a sample kept, or of
 * one of kind (a), at 0, where the intervals start anyway); so does one of kind (a) at t = 0.
 * The series itself spares an object per sample.
 */
function warmupOf(series: Run['series']): WarmupResult {
  return warmup(sameIntervals(series) ? series : throughputSamples(series));
}

/** The condition of {@link warmupOf}: finite times from 0 on, never decreasing, the first at 0 or with a throughput. */
function sameIntervals(series: Run['series']): boolean {
  if (series.length === 0 || !(series[0].t === 0 || series[0].throughput !== undefined)) return false;
  let prev = 0;
  for (let i = 0; i < series.length; i++) {
    const t = series[i].t;
    if (!(Number.isFinite(t) && t >= prev)) return false;
    prev = t;
  }
  return true;
}

/** Σ operations / Σ seconds from the first status line at or after `t0` to the last one. */
function rateAfter(series: Run['series'], t0: number): number {
  let i = 0;
  while (i < series.length && !(series[i].t >= t0)) i++;
  if (i === series.length) return NaN;
  const start = series[i];
  const end = series[series.length - 1];
  if (!(end.t > start.t)) return NaN;
  return (end.operations - start.operations) / (end.t - start.t);
}

/**
 * Step 8 for one run ahead of the analysis: its series' stalls, warm-up and steady throughput, to be
 * kept as `run.seriesDigest` by a loader hook so that the samples themselves need not be (large
 * campaigns). `analyze` then reads the digest instead of the series. Undefined without a series.
 * Not for `trimWarmup`, which reads the samples.
 */
export function digestSeries(run: Run): SeriesDigest | undefined {
  if (run.series.length === 0) return undefined;
  return { samples: run.series.length, findings: seriesOf(run) };
}

/**
 * A run's series findings: the stalls of its status intervals, its warm-up (PELT) and the steady
 * throughput after it, with their warnings.
 */
export function seriesOf(run: Run): RunSeriesResult {
  const warnings: string[] = [];
  const series = run.series;
  // stalls reads only t, throughput and operations of each sample: the samples themselves will do;
  // and the warm-up reads the same intervals when they are those of the throughput samples (see
  // warmupOf): read once for both then (they cannot throw)
  let iv: IntervalColumns | undefined;
  if (sameIntervals(series)) {
    iv = intervalColumns(series, columns);
    if (series.length <= 4096) columns = iv;
  }
  const st = attempt('stalls', warnings, () => stalls(iv ?? series));
  const w = attempt('warm-up', warnings, () => (iv ? warmup(iv) : warmupOf(series)));
  if (w) for (const x of w.warnings) warnings.push(x);
  return {
    file: run.file,
    factors: run.factors,
    samples: throughputSampleCount(series),
    stallCount: st?.count ?? 0,
    stallSeconds: st?.totalSeconds ?? 0,
    stallEpisodes: (st?.episodes ?? []).map((e) => ({ start: e.start, end: e.end, position: e.position })),
    warmupSeconds: w?.warmupSeconds ?? 0,
    steadyThroughput: w ? rateAfter(series, w.warmupSeconds) : NaN,
    warnings,
  };
}
