/**
 * Exports of the inventory, pure (inventory in, text out):
 * - `seed-csv`: exactly the old summary script's columns, one row per run, so existing plotting keeps working;
 * - `csv`: tidy long format, one row per run × metric with every factor;
 * - `json`: the runs with their factors, metrics, diagnostics and status-line time series, and the
 *   files skipped unread.
 */
import Papa from 'papaparse';
import { compareLevels, formatDiagnostic, metricUnit, type Inventory, type Run } from '../model/index.js';

export type ExportFormat = 'seed-csv' | 'csv' | 'json';

/** The old script's header, in its order. */
export const SEED_CSV_HEADER = ['DB', 'Replication', 'Index', 'Workload', 'Size', 'RunTime', 'Throughput', 'ReadLatency', 'WriteLatency'];

/** Runs that are repetitions of the run phase and ran (ok, failed or partial): what the old script saw
 * (a run combined from several client outputs once, not its parts). */
function runPhase(inv: Inventory): Run[] {
  return inv.runs.filter((r) => r.factors.phase !== 'load' && r.combinedInto === undefined && (r.status === 'ok' || r.status === 'failed' || r.status === 'partial'));
}

const cell = (v: number | string | undefined) => (v === undefined || (typeof v === 'number' && Number.isNaN(v)) ? '' : String(v));

/**
 * A double as Java's Double.toString writes it, which is how YCSB prints throughput and latencies
 * (and so how the old script, which copies the text, wrote them): the shortest digits that read
 * back as the same double, at least one after the point ('71116.0', '0.0'), and the computerized
 * scientific form outside [1e-3, 1e7) ('1.0E7', '2.5E-4'). Empty for a missing value.
 * @example javaDouble(71116) // '71116.0'
 */
export function javaDouble(x: number | undefined): string {
  if (x === undefined || Number.isNaN(x)) return '';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const a = Math.abs(x);
  if (a >= 1e-3 && a < 1e7) {
    const s = String(x);
    return s.includes('.') ? s : `${s}.0`;
  }
  const [m, e] = x.toExponential().split('e');
  return `${m.includes('.') ? m : `${m}.0`}E${Number(e)}`;
}

/** A row of the seed CSV that is not a measurement: a failed run (its throughput, usually 0.0, kept as
 * the old script wrote it) or a partial one (empty cells). `line` is its line in the CSV (header = 1). */
export interface SeedCsvNote {
  line: number;
  file: string;
  status: 'failed' | 'partial';
  reason: string;
}

/**
 * The old script's CSV (bench/old-summary.sh), row for row: one row per run of the run phase that
 * ran (ok, failed or partial), failed runs included with the throughput they printed (0.0), as the
 * old script wrote them; `notes` says which rows those are. Numbers are written as YCSB prints them
 * (RunTime a whole number of ms, the others as Java doubles), so on YCSB's own text output each cell
 * is the old script's text. WriteLatency is the UPDATE average, else the INSERT average (µs).
 * Byte-identical copies of a file are one row (the old script, which reads every file, repeats them).
 */
export function seedCsv(inv: Inventory): { text: string; notes: SeedCsvNote[] } {
  const runs = runPhase(inv);
  const rows = runs.map((r) => [
    cell(r.factors.db),
    cell(r.factors.rf),
    cell(r.factors.rep),
    cell(r.factors.workload),
    cell(r.factors.recordcount),
    cell(r.metrics.runtime),
    javaDouble(r.metrics.throughput),
    javaDouble(r.metrics['read.avg']),
    javaDouble(r.metrics['update.avg'] ?? r.metrics['insert.avg']),
  ]);
  const notes: SeedCsvNote[] = [];
  runs.forEach((r, i) => {
    if (r.status !== 'failed' && r.status !== 'partial') return;
    const d = r.diagnostics.find((x) => x.severity === 'error') ?? r.diagnostics[0];
    notes.push({ line: i + 2, file: r.file, status: r.status, reason: d ? d.message.replace(new RegExp(`^${r.status}: `), '') : r.status });
  });
  return { text: Papa.unparse({ fields: SEED_CSV_HEADER, data: rows }, { newline: '\n' }) + '\n', notes };
}

/**
 * The old script's CSV (see {@link seedCsv}).
 * @example toSeedCsv(inv).split('\n')[0] // 'DB,Replication,Index,Workload,Size,RunTime,Throughput,ReadLatency,WriteLatency'
 */
export function toSeedCsv(inv: Inventory): string {
  return seedCsv(inv).text;
}

/** Every factor name used by any run, canonical ones first. */
export function factorNames(runs: readonly Run[]): string[] {
  const first = ['db', 'phase', 'nodes', 'recordcount', 'operationcount', 'threads', 'workload', 'rf', 'rep'];
  const seen = new Set<string>();
  for (const r of runs) for (const k of Object.keys(r.factors)) seen.add(k);
  return [...first.filter((f) => seen.has(f)), ...[...seen].filter((f) => !first.includes(f)).sort()];
}

/** Tidy long CSV: file, status, [lines,] factors…, metric, value, unit. `lines` (`40-80`: the lines
 * of the file a run was read from) is there when some file holds several YCSB invocations (runs
 * named `file#k`); empty for the runs of the others. */
export function toLongCsv(inv: Inventory): string {
  const factors = factorNames(inv.runs);
  const withLines = inv.runs.some((r) => r.invocation !== undefined);
  const fields = ['file', 'status', ...(withLines ? ['lines'] : []), ...factors, 'metric', 'value', 'unit'];
  const data: string[][] = [];
  for (const r of inv.runs) {
    const lines = withLines ? [r.invocation ? `${r.invocation.fromLine}-${r.invocation.toLine}` : ''] : [];
    const base = [r.file, r.status, ...lines, ...factors.map((f) => cell(r.factors[f]))];
    const metrics = Object.keys(r.metrics).sort(compareLevels);
    if (metrics.length === 0) data.push([...base, '', '', '']);
    for (const m of metrics) data.push([...base, m, cell(r.metrics[m]), metricUnit(m)]);
  }
  return Papa.unparse({ fields, data }, { newline: '\n' }) + '\n';
}

/** JSON with everything: runs (with the lines of their file when it holds several YCSB invocations),
 * factors, metrics, diagnostics and time series; and the files skipped unread, with the status
 * skipped and the rule that skipped them. */
export function toJson(inv: Inventory): string {
  const doc = {
    schema: 'ycsb-analyze/runs@1',
    roots: inv.roots,
    counts: inv.counts,
    scanErrors: inv.scanErrors,
    skipped: (inv.skipped ?? []).map((s) => ({ file: s.path, status: 'skipped', reason: s.reason })),
    runs: inv.runs.map((r) => ({
      file: r.file,
      status: r.status,
      invocation: r.invocation,
      format: r.format,
      duplicateOf: r.duplicateOf,
      combined: r.combined,
      combinedInto: r.combinedInto,
      factors: r.factors,
      origin: r.origin,
      header: { version: r.header.version, binding: r.header.binding, commandLine: r.header.commandLine },
      metrics: r.metrics,
      units: Object.fromEntries(Object.keys(r.metrics).map((m) => [m, metricUnit(m)])),
      sourceLatencyUnit: r.sourceLatencyUnit,
      diagnostics: r.diagnostics.map((d) => ({ ...d, text: formatDiagnostic(r.file, d) })),
      series: r.series,
    })),
  };
  return JSON.stringify(doc, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n';
}

export function exportInventory(inv: Inventory, format: ExportFormat): string {
  switch (format) {
    case 'seed-csv':
      return toSeedCsv(inv);
    case 'csv':
      return toLongCsv(inv);
    case 'json':
      return toJson(inv);
  }
}
