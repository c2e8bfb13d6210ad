/**
 * Shared types for one YCSB run, from raw text to the factors that place it in a campaign.
 *
 * `model` imports nothing of ours: it is the contract between ingest, analysis, report and exec.
 */

/** Factor name -> level, as text. Canonical names: db, phase, nodes, recordcount, operationcount,
 * threads, workload, rf, rep, deployment (repetitions sharing one deployment); any other key found (bs, fs, …) is kept under its own name. */
export type Factors = Record<string, string>;

/** The factor names the tool knows by meaning; others pass through untouched. */
export const CANONICAL_FACTORS = [
  'db',
  'phase',
  'nodes',
  'recordcount',
  'operationcount',
  'threads',
  'workload',
  'rf',
  'rep',
  'deployment',
] as const;

/** Aliases accepted anywhere a factor name is given (file templates, CSV headers, --group). */
export const FACTOR_ALIASES: Readonly<Record<string, string>> = {
  size: 'recordcount',
  records: 'recordcount',
  rc: 'recordcount',
  oc: 'operationcount',
  ops: 'operationcount',
  replication: 'rf',
  replicas: 'nodes',
  th: 'threads',
  threadcount: 'threads',
  wl: 'workload',
  repetition: 'rep',
  index: 'rep',
  iter: 'rep',
  iteration: 'rep',
  run: 'rep',
  database: 'db',
  binding: 'db',
  // Repetitions that share one deployment (one load, one StatefulSet). `load` is also a phase word in
  // file names: the inferred schemes keep it a phase; only a factor named so (a template
  // placeholder, a CSV column, a grouping factor) means the deployment.
  load: 'deployment',
  deploy: 'deployment',
};

/** The name a factor is known by, after aliases (lower case). */
export function canonicalFactor(name: string): string {
  const n = name.trim().toLowerCase();
  return FACTOR_ALIASES[n] ?? n;
}

/**
 * How a file ended up. Every file found gets exactly one.
 * - ok: a complete summary was parsed.
 * - failed: the run happened but produced nothing usable (no operations, 0 throughput,
 *   an exception and no summary, a usage text).
 * - partial: truncated: status lines but no summary.
 * - duplicate: byte-identical to another file (the first one keeps its status).
 * - not-ycsb: readable text that is not a YCSB output.
 * - unreadable: could not be read or decoded.
 * - empty: no bytes, or only white space (never a duplicate of another empty file).
 * - conflict: the text holds git merge-conflict markers (two outputs mixed together): rejected.
 * - skipped: not read at all: a non-output by the default skip list or --exclude (inventory only).
 */
export type RunStatus = 'ok' | 'failed' | 'partial' | 'duplicate' | 'not-ycsb' | 'unreadable' | 'empty' | 'conflict' | 'skipped';

/** The statuses every inventory line shows, in this order, zero or not. */
export const RUN_STATUSES: readonly RunStatus[] = [
  'ok',
  'failed',
  'partial',
  'duplicate',
  'not-ycsb',
  'unreadable',
];

/** Statuses an inventory line shows only when some input has them. */
export const RARE_STATUSES: readonly RunStatus[] = ['empty', 'conflict', 'skipped'];

/**
 * Where a run sits in its file when the file holds several YCSB invocations (a load then a run,
 * or runs appended with `>>`): the run is then named `path#index` (1-based) in every output.
 */
export interface InvocationRange {
  /** 1-based position among the file's invocations. */
  index: number;
  /** How many invocations the file holds. */
  of: number;
  /** The file's own path (the run's `file` is `path#index`). */
  path: string;
  /** 1-based first and last line of this invocation in the file. */
  fromLine: number;
  toLine: number;
}

/** When a run started (or ended), and what says so. */
export interface RunTime {
  /** ISO 8601 local time as the source wrote it, no zone (e.g. 2018-11-23T04:29:16.517). */
  iso: string;
  /** status-line: the timestamps YCSB prints on its status lines; header: a date in the output's
   * header; name: a timestamp in the file or folder name; mtime: the file's modification time. */
  source: 'status-line' | 'header' | 'name' | 'mtime';
}

/** A run combined from the outputs of several clients started together (one run over several files). */
export interface ClientCombination {
  /** The client outputs combined, as run names (`file` or `file#k`), in client order. */
  clients: string[];
  /** Per-client values that cannot be combined from summaries (percentiles, maxima), by client. */
  perClient: { client: string; metrics: Record<string, number> }[];
  /** Why some metrics have no combined value (e.g. percentiles of different clients). */
  notes: string[];
}

/** A finding about an input, precise enough to act on: `file:line: expected …, found …`. */
export interface Diagnostic {
  /** 1-based line number, when one applies. */
  line?: number;
  message: string;
  expected?: string;
  found?: string;
  severity: 'error' | 'warning' | 'info';
}

/** Which output format the parser recognised. */
export type YcsbFormat =
  | 'ycsb-text'
  | 'ycsb-histogram'
  | 'ycsb-json'
  | 'ycsb-json-array'
  | 'go-ycsb'
  | 'ycsb-cpp'
  | 'table'
  | 'unknown';

/** Summary statistics of one operation type ([READ], [UPDATE], [INSERT], …). Latencies in µs. */
export interface OperationStats {
  /** Upper-case YCSB name: READ, UPDATE, INSERT, SCAN, READ-MODIFY-WRITE, CLEANUP, READ-FAILED, … */
  operation: string;
  count?: number;
  avg?: number;
  min?: number;
  max?: number;
  /** Percentile (as written, e.g. '95', '99', '99.9') -> latency in µs. */
  percentiles: Record<string, number>;
  /** Return code (OK, NOT_FOUND, ERROR, BATCHED_OK, '0', '-1', …) -> count. */
  returns: Record<string, number>;
  /** Old `histogram` measurement: bucket upper bound in the source unit ('>1000' kept as text) -> count. */
  histogram?: { bucket: string; count: number }[];
  /** Timeseries measurement rows (`[READ], 0, 1234.5`): offset in ms -> average latency in µs. */
  timeseries?: { t: number; avg?: number; line: number }[];
}

/** One `-s` status line, a point of the per-run time series. */
export interface StatusSample {
  /** Seconds since the start of the run, as YCSB printed it. */
  t: number;
  /** Operations completed so far (cumulative). */
  operations: number;
  /** Current throughput in the interval ending at t (ops/sec); absent on the first line. */
  throughput?: number;
  /** 1-based line number in the file. */
  line: number;
  /** Per-operation interval stats: Count, Max, Min, Avg, percentiles, all latencies in µs. */
  ops: Record<string, { count?: number; max?: number; min?: number; avg?: number; percentiles: Record<string, number> }>;
}

/** What the header tells of the run (the `Command line:` and the client version). */
export interface RunHeader {
  commandLine?: string;
  version?: string;
  /** YCSB binding class or name, e.g. site.ycsb.db.CassandraCQLClient. */
  binding?: string;
  /** Factors read from the content (db, workload, phase, recordcount, operationcount, threads, target). */
  factors: Factors;
  /** Every -p key=value seen. */
  properties: Record<string, string>;
  /** The java classpath (`-cp`) of the java command bin/ycsb echoed, when the output shows one: its
   * binding and driver jars refine the binding identity (src/ingest/bindings.ts). */
  classpath?: string;
}

/** The result of parsing one file's text: pure, no file system. */
export interface ParsedRun {
  /** The name given to the parser (a path relative to the scanned root, usually). */
  name: string;
  status: RunStatus;
  /** Why the status is what it is, and anything odd found on the way. */
  diagnostics: Diagnostic[];
  format: YcsbFormat;
  header: RunHeader;
  /** Flat metric name -> value, normalised units (see METRIC_UNITS). e.g. throughput, runtime,
   * operations, read.avg, read.p95, read.p99.9, update.count, gc.time. */
  metrics: Record<string, number>;
  /** Per-operation summaries, keyed by upper-case operation name. */
  operations: Record<string, OperationStats>;
  /** Status-line time series (empty when the run printed none). */
  series: StatusSample[];
  /** True when the per-operation stats of `series` are running totals since the start
   * (go-ycsb, YCSB-cpp) rather than per-interval values (YCSB's StatusThread). */
  seriesCumulative?: boolean;
  /** Latency unit of the source before normalisation. */
  sourceLatencyUnit: 'us' | 'ms' | 'ns';
  /** Number of lines read. */
  lines: number;
  /** Set when the file holds several invocations: which one this is (see {@link InvocationRange}). */
  invocation?: InvocationRange;
  /** When the run started, and from what (see {@link RunTime}); absent when nothing tells. */
  start?: RunTime;
}

/** Where a run's factors came from. */
export interface FactorOrigin {
  /** The scheme that matched the file name: a built-in name, a user template, or 'inferred'. */
  scheme: string;
  /** Factors taken from the file name/folders. */
  fromName: Factors;
  /** Factors taken from the content header. */
  fromContent: Factors;
  /** Name and content disagree: both values kept, the name wins in `factors`. */
  conflicts: { factor: string; name: string; content: string }[];
  /** Things the scheme could not decide (e.g. a number that might be a rep or a size step). */
  ambiguities: string[];
  /** Numbers of the file name no factor took (set only when there are some): the runs they tell
   * apart are never pooled (src/ingest/identity.ts). */
  unplaced?: string[];
}

/**
 * What the analysis reads of a run's status-line series, computed while loading when the samples
 * themselves are not kept (LoadOptions.onRun; the CLI does so unless a report needs the samples).
 * The run's `series` is then empty and `samples` tells how many samples it had.
 */
export interface SeriesDigest {
  /** series.length before the samples were dropped. */
  samples: number;
  /** The analysis' findings on the series (a RunSeriesResult of src/analysis/types.ts); opaque here. */
  findings: unknown;
}

/** One input file after loading: what it is, where it sits in the campaign, what it measured. */
export interface Run extends ParsedRun {
  /** Path as found, relative to the root it was found under (POSIX separators). */
  file: string;
  /** The root directory (as given) the file was found under. */
  root: string;
  /** sha256 of the bytes, for duplicate detection. */
  sha256?: string;
  /** For a duplicate, the file it repeats. */
  duplicateOf?: string;
  factors: Factors;
  origin: FactorOrigin;
  /** Set when the series was reduced while loading (see {@link SeriesDigest}); absent otherwise. */
  seriesDigest?: SeriesDigest;
  /** What was run, from the content (src/ingest/signature.ts): absent when the content does not say. */
  signature?: Readonly<Record<string, string>>;
  /** Set on a run combined from several client outputs (see {@link ClientCombination}). */
  combined?: ClientCombination;
  /** Set on a client output that was combined with the others of its run: the combined run's name
   * (its `file`). It stays in the inventory with its own status and is left out of the analysis. */
  combinedInto?: string;
}

/** A ParsedRun with nothing read: the shape of a file rejected before or instead of parsing. */
export function emptyParsedRun(name: string, status: RunStatus, diagnostic: Diagnostic, lines = 0): ParsedRun {
  return {
    name,
    status,
    diagnostics: [diagnostic],
    format: 'unknown',
    header: { factors: {}, properties: {} },
    metrics: {},
    operations: {},
    series: [],
    sourceLatencyUnit: 'us',
    lines,
  };
}

/** Units of the flat metrics after normalisation. */
export const METRIC_UNITS: Readonly<Record<string, string>> = {
  throughput: 'ops/s',
  runtime: 'ms',
  operations: 'ops',
  avg: 'µs',
  min: 'µs',
  max: 'µs',
  count: 'ops',
  'gc.time': 'ms',
  'gc.count': 'collections',
};

/** Unit of any flat metric name (read.p99 -> µs). */
export function metricUnit(metric: string): string {
  if (METRIC_UNITS[metric]) return METRIC_UNITS[metric];
  const last = metric.split('.').pop() ?? '';
  if (/^p\d/.test(last) || ['avg', 'min', 'max'].includes(last)) return 'µs';
  if (last === 'count' || last.startsWith('return')) return 'ops';
  return '';
}

/** Format a diagnostic the way every error in the tool reads: `file:line: message`. */
export function formatDiagnostic(file: string, d: Diagnostic): string {
  const where = d.line !== undefined ? `${file}:${d.line}` : file;
  let text = d.message;
  if (d.expected !== undefined || d.found !== undefined) {
    const parts: string[] = [];
    if (d.expected !== undefined) parts.push(`expected ${d.expected}`);
    if (d.found !== undefined) parts.push(`found ${d.found}`);
    text = text ? `${text}: ${parts.join(', ')}` : parts.join(', ');
  }
  return `${where}: ${text}`;
}

/** The collator of {@link compareLevels}, made once: `localeCompare` with options builds one per call. */
let levelCollator: Intl.Collator | undefined;

/**
 * Order factor levels and file names as a person expects: numbers numerically (rep 2 before rep 10).
 * The order of `a.localeCompare(b, 'en', { numeric: true, sensitivity: 'variant' })`.
 *
 * The usual levels, whole numbers without leading zeros and lowercase ASCII words, are compared
 * without the collator, in the order it gives them (numbers by value, numbers before words, words
 * letter by letter): the first collator of a process loads ICU's collation data, ~8 ms of a summary.
 */
export function compareLevels(a: string, b: string): number {
  const ka = plainKind(a);
  const kb = ka === OTHER ? OTHER : plainKind(b);
  if (kb !== OTHER) {
    if (ka !== kb) return ka < kb ? -1 : 1;
    if (ka === NUMBER && a.length !== b.length) return a.length < b.length ? -1 : 1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  levelCollator ??= new Intl.Collator('en', { numeric: true, sensitivity: 'variant' });
  return levelCollator.compare(a, b);
}

/** Kinds of level {@link compareLevels} orders itself, in the collator's order of them. */
const EMPTY = 0;
const NUMBER = 1;
const WORD = 2;
const OTHER = 3;

/** '' (EMPTY); 1 to 15 digits, no leading zero (NUMBER); a to z only (WORD); else OTHER. */
function plainKind(s: string): number {
  const n = s.length;
  if (n === 0) return EMPTY;
  const c0 = s.charCodeAt(0);
  if (c0 >= 48 && c0 <= 57) {
    if (n > 15 || (c0 === 48 && n > 1)) return OTHER;
    for (let i = 1; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57) return OTHER;
    }
    return NUMBER;
  }
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 97 || c > 122) return OTHER;
  }
  return WORD;
}

/** A stable key for a set of factors: `a=1,b=x` in the order given (or sorted by name). */
export function factorKey(factors: Factors, names: readonly string[] = Object.keys(factors).sort()): string {
  // (one string built in a loop: called per run, e.g. to group them, it allocates no array)
  let key = '';
  for (const n of names) {
    const v = factors[n];
    if (v === undefined) continue;
    key += (key === '' ? '' : ',') + n + '=' + v;
  }
  return key;
}
