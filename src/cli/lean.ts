/**
 * Lean runs for the commands that only analyse (the summary without --report or --trim-warmup).
 *
 * ```
 * loadRuns ──each run, as soon as it is built (LoadOptions.onRun)──► leanRun
 *   series (status samples) ──digestSeries──► run.seriesDigest (stalls, warm-up, steady throughput)
 *   samples, per-operation summaries, command line and -p properties ──► dropped
 *   factors ──► a compact copy; the content's factors and the header ──► shared between runs
 * ```
 * A campaign of 100,000 files with 1-s status lines holds about 7.5 million samples: kept, they
 * cost a gigabyte; digested as they are read, nothing of them stays.
 */
import { digestSeries } from '../analysis/analyze.js';
import type { Factors, Run } from '../model/index.js';

/** Shared by every lean run (nothing writes to a run's series, operations or properties once it is built). */
const NO_SAMPLES: Run['series'] = Object.freeze([]) as unknown as Run['series'];
const NO_OPERATIONS: Run['operations'] = Object.freeze({}) as Run['operations'];
const NO_PROPERTIES: Run['header']['properties'] = Object.freeze({}) as Run['header']['properties'];
const NO_STRINGS: string[] = Object.freeze([]) as unknown as string[];

/** Headers (content factors, version, binding) seen so far: most runs of a campaign share a few. */
const headers = new Map<string, Run['header']>();
const HEADERS_CAP = 10_000;

/** The same factors, same order, in a fresh object: V8 keeps a loader-built one in a slow
 * dictionary (~0.5 KB); a copy built in order takes a shared shape (~0.1 KB). */
function compact(f: Factors): Factors {
  const c: Factors = {};
  for (const k in f) c[k] = f[k];
  return c;
}

/**
 * Keep of a run what the summary's text, CSV and JSON read: status, factors, metrics, diagnostics,
 * origin, and the analysis' findings on its series (for ok runs, the only ones it analyses).
 * Dropped: `series` (the samples), `operations` (its numbers are in `metrics`), the header's
 * command line and properties, and the sha256 (duplicates are found from the loader's own copy).
 * The header and the content's factors are shared by the runs that have the same ones.
 */
export function leanRun(run: Run): void {
  run.factors = compact(run.factors);
  if (run.status === 'ok' && run.series.length > 0) run.seriesDigest = digestSeries(run);
  run.series = NO_SAMPLES;
  run.operations = NO_OPERATIONS;
  run.sha256 = undefined;
  const { factors, version, binding } = run.header;
  const fromContentIsHeader = run.origin.fromContent === factors;
  const key = JSON.stringify([factors, version ?? null, binding ?? null]);
  let header = headers.get(key);
  if (header === undefined) {
    header = { factors: compact(factors), properties: NO_PROPERTIES };
    if (version !== undefined) header.version = version;
    if (binding !== undefined) header.binding = binding;
    if (headers.size < HEADERS_CAP) headers.set(key, header);
  }
  run.header = header;
  if (fromContentIsHeader) run.origin.fromContent = header.factors;
  if (run.origin.conflicts.length === 0) run.origin.conflicts = NO_STRINGS as unknown as Run['origin']['conflicts'];
  if (run.origin.ambiguities.length === 0) run.origin.ambiguities = NO_STRINGS;
}

/**
 * {@link leanRun}, except that the series of a load-phase run is dropped without a digest: for the
 * summary without --include-load, which leaves load runs out of the analysis. Their series are the
 * long ones (the study's 9 load files hold 23% of its status samples and, PELT being quadratic on a
 * steady series, 83% of the warm-up search's work).
 */
export function leanRunExceptLoad(run: Run): void {
  if (run.factors.phase === 'load') run.series = NO_SAMPLES;
  leanRun(run);
}

/** The hooks the loader's worker threads call on every run (src/ingest/worker.ts). */
export const onRun = leanRun;
export { leanRunExceptLoad as onRunExceptLoad };
