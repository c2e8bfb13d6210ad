/**
 * Data-quality findings that change how an analysis' numbers read (step 9 of src/analysis/analyze.ts).
 */
import type { Run } from '../model/index.js';
import { FIXES } from './fixes.js';
import type { RunSeriesResult } from './types.js';

/** Share of failed operations above which a run is called out (YCSB counts them in throughput). */
export const FAILED_OPERATIONS_WARN = 0.01;
/** Share of the run time in a leading stall (client start-up) above which runs are called out. */
export const LEADING_STALL_WARN = 0.1;

/**
 * Data-quality findings that change how the numbers read: runs where many operations failed
 * (YCSB's throughput counts failed operations too), and runs whose [OVERALL] throughput includes a
 * long stretch with no completed operation at the start (client start-up, e.g. a driver time-out).
 */
export function qualityWarnings(runs: Run[], series: RunSeriesResult[]): string[] {
  const out: string[] = [];
  const failing: string[] = [];
  for (const r of runs) {
    let failed = 0;
    const m = r.metrics;
    for (const k in m) {
      if (!k.endsWith('-failed.count')) continue;
      const v = m[k];
      if (Number.isFinite(v)) failed += v;
    }
    const total = r.metrics.operations;
    if (failed > 0 && total > 0 && failed / total > FAILED_OPERATIONS_WARN) failing.push(`${r.file} (${((100 * failed) / total).toFixed(1)}%)`);
  }
  if (failing.length > 0) {
    out.push(
      `${failing.length} ${failing.length === 1 ? 'run has' : 'runs have'} more than ${FAILED_OPERATIONS_WARN * 100}% failed operations, which YCSB counts in its throughput: ${failing.slice(0, 5).join(', ')}${failing.length > 5 ? ', …' : ''}`,
    );
  }
  let runtime: Map<string, number> | undefined; // built when a run starts with a stall (few do)
  const slow: number[] = [];
  let affected = 0;
  for (const s of series) {
    let lead = 0;
    for (const e of s.stallEpisodes) if (e.position === 'leading') lead += e.end - e.start;
    if (!(lead > 0)) continue;
    runtime ??= new Map(runs.map((r) => [r.file, (r.metrics.runtime ?? NaN) / 1000]));
    const rt = runtime.get(s.file) ?? NaN;
    if (rt > 0 && lead / rt > LEADING_STALL_WARN) {
      affected++;
      slow.push(lead);
    }
  }
  if (affected > 0) {
    slow.sort((a, b) => a - b);
    out.push(
      `${affected} ${affected === 1 ? 'run starts' : 'runs start'} with more than ${LEADING_STALL_WARN * 100}% of ${affected === 1 ? 'its' : 'their'} run time without a completed operation (median ${slow[Math.floor((slow.length - 1) / 2)]} s; client start-up): [OVERALL] throughput includes it, which dilutes differences; ${FIXES.trimWarmup}`,
    );
  }
  return out;
}

