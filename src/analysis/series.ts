/**
 * A run's status-line series (step 8 of the analysis, src/analysis/analyze.ts): its stalls, its
 * warm-up (PELT) and the steady throughput after it. The loader's lean runs digest the series with
 * {@link digestSeries} while reading, so that large campaigns need not keep the samples.
 */
import type { Run, SeriesDigest } from '../model/index.js';
import { stalls } from '../stats/stalls.js';
import { warmup } from '../stats/warmup.js';
import type { RunSeriesResult } from './types.js';

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
  const samples = throughputSamples(series);
  const w = attempt('warm-up', [], () => warmup(samples));
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

/** Σ operations / Σ seconds from the first status line at or after `t0` to the last one. */
function rateAfter(series: Run['series'], t0: number): number {
  const start = series.find((s) => s.t >= t0);
  const end = series[series.length - 1];
  if (!start || !end || !(end.t > start.t)) return NaN;
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
  const samples = throughputSamples(run.series);
  // stalls reads only t, throughput and operations of each sample: the samples themselves will do
  const st = attempt('stalls', warnings, () => stalls(run.series));
  const w = attempt('warm-up', warnings, () => warmup(samples));
  if (w?.warnings) warnings.push(...w.warnings);
  return {
    file: run.file,
    factors: run.factors,
    samples: samples.length,
    stallCount: st?.count ?? 0,
    stallSeconds: st?.totalSeconds ?? 0,
    stallEpisodes: (st?.episodes ?? []).map((e) => ({ start: e.start, end: e.end, position: e.position })),
    warmupSeconds: w?.warmupSeconds ?? 0,
    steadyThroughput: w ? rateAfter(run.series, w.warmupSeconds) : NaN,
    warnings,
  };
}
