/**
 * Lean runs for the commands that only analyse (the summary without --report or --trim-warmup).
 *
 * ```
 * loadRuns ──each run, as soon as it is built (LoadOptions.onRun)──► leanRun
 *   series (status samples) ──digestSeries──► run.seriesDigest (stalls, warm-up, steady throughput)
 *   samples, per-operation summaries, command line and -p properties ──► dropped
 * ```
 * A campaign of 100,000 files with 1-s status lines holds about 7.5 million samples: kept, they
 * cost a gigabyte; digested as they are read, nothing of them stays.
 */
import { digestSeries } from '../analysis/analyze.js';
import type { Run } from '../model/index.js';

/**
 * Keep of a run what the summary's text, CSV and JSON read: status, factors, metrics, diagnostics,
 * origin, and the analysis' findings on its series (for ok runs, the only ones it analyses).
 * Dropped: `series` (the samples), `operations` (its numbers are in `metrics`), and the header's
 * command line and properties.
 */
export function leanRun(run: Run): void {
  if (run.status === 'ok' && run.series.length > 0) run.seriesDigest = digestSeries(run);
  run.series = [];
  run.operations = {};
  const { factors, version, binding } = run.header;
  run.header = { factors, properties: {} };
  if (version !== undefined) run.header.version = version;
  if (binding !== undefined) run.header.binding = binding;
}
