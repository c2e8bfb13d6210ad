/**
 * Tables as input: a CSV of runs read with papaparse, pure (text in, rows out).
 *
 * Two shapes are recognised:
 * - the old summary script's CSV: `DB,Replication,Index,Workload,Size,RunTime,Throughput,ReadLatency,WriteLatency`
 *   (mapped to db, rf, rep, workload, recordcount; runtime, throughput, read.avg, write.avg);
 * - any tidy CSV: one row per run, factor columns and metric columns. Factor columns are the ones
 *   named in `factors`, else every column whose name is a known factor or whose values are not all
 *   numbers; metric columns are the ones named in `metrics`, else every other numeric column.
 *   A long CSV (one row per run × metric, as `analyze export --format csv` writes) is recognised
 *   by its `metric` and `value` columns and folded back into one row per run.
 */
import Papa from 'papaparse';
import { CANONICAL_FACTORS, canonicalFactor, type Diagnostic, type Factors } from '../model/index.js';

export interface TableRow {
  /** 1-based line of the row in the file (header is line 1). */
  line: number;
  factors: Factors;
  metrics: Record<string, number>;
  diagnostics: Diagnostic[];
}

export interface TableOptions {
  /** Columns to read as factors (names are matched case-insensitively, aliases allowed). */
  factors?: string[];
  /** Columns to read as metrics. */
  metrics?: string[];
}

export interface ParsedTable {
  rows: TableRow[];
  /** Problems with the table as a whole (no header, no metric column, …). */
  diagnostics: Diagnostic[];
  shape: 'seed-csv' | 'tidy' | 'long' | 'none';
}

/** The old script's columns, and what each one means here. */
export const SEED_CSV_COLUMNS: ReadonlyArray<[string, { factor?: string; metric?: string }]> = [
  ['DB', { factor: 'db' }],
  ['Replication', { factor: 'rf' }],
  ['Index', { factor: 'rep' }],
  ['Workload', { factor: 'workload' }],
  ['Size', { factor: 'recordcount' }],
  ['RunTime', { metric: 'runtime' }],
  ['Throughput', { metric: 'throughput' }],
  ['ReadLatency', { metric: 'read.avg' }],
  ['WriteLatency', { metric: 'write.avg' }],
];

const KNOWN_FACTORS = new Set<string>([...CANONICAL_FACTORS]);

function toNumber(s: string): number | undefined {
  const t = s.trim();
  if (t === '') return undefined;
  if (/^nan$/i.test(t)) return NaN;
  const v = Number(t);
  return Number.isNaN(v) ? undefined : v;
}

/** Canonical metric name for a column header: `Throughput(ops/sec)` -> throughput, `read.p99` stays. */
function metricName(column: string): string {
  const c = column.trim();
  const lower = c.toLowerCase();
  if (/^throughput/.test(lower)) return 'throughput';
  if (/^runtime/.test(lower)) return 'runtime';
  return lower.replace(/\s+/g, '_');
}

/**
 * Parse a CSV table of runs.
 * @example parseTable('db,rf,throughput\ncassandra,1,50.5\n', 'x.csv').rows[0].metrics.throughput // 50.5
 */
export function parseTable(text: string, _name: string, options: TableOptions = {}): ParsedTable {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const diagnostics: Diagnostic[] = [];
  for (const e of parsed.errors) {
    diagnostics.push({
      line: e.row !== undefined ? e.row + 1 : undefined,
      message: `CSV: ${e.message}`,
      severity: 'warning',
    });
  }
  const data = parsed.data;
  if (data.length === 0) {
    return { rows: [], diagnostics: [{ message: 'empty table', expected: 'a header row', found: 'nothing', severity: 'error' }], shape: 'none' };
  }
  const header = data[0].map((h) => h.trim());
  const body = data.slice(1);
  const isSeed = SEED_CSV_COLUMNS.every(([c], i) => header[i] === c) && header.length >= SEED_CSV_COLUMNS.length;
  const lowerHeader = header.map((h) => h.toLowerCase());

  // Long format: factor columns + metric + value.
  if (lowerHeader.includes('metric') && lowerHeader.includes('value') && !options.metrics) {
    return parseLong(header, body, diagnostics, options);
  }

  const roles: ({ factor: string } | { metric: string } | null)[] = header.map((h, i) => {
    if (isSeed && i < SEED_CSV_COLUMNS.length) {
      const r = SEED_CSV_COLUMNS[i][1];
      return r.factor ? { factor: r.factor } : { metric: r.metric! };
    }
    const canon = canonicalFactor(h);
    const wantedF = options.factors?.some((f) => canonicalFactor(f) === canon);
    const wantedM = options.metrics?.some((m) => m.trim().toLowerCase() === h.toLowerCase() || metricName(m) === metricName(h));
    if (wantedF) return { factor: canon };
    if (wantedM) return { metric: metricName(h) };
    if (options.factors && options.metrics) return null;
    if (KNOWN_FACTORS.has(canon) && !options.factors) return { factor: canon };
    const numeric = body.every((r) => (r[i] ?? '').trim() === '' || toNumber(r[i] ?? '') !== undefined);
    if (options.metrics) return options.factors ? null : numeric ? null : { factor: canon };
    if (options.factors) return numeric ? { metric: metricName(h) } : null;
    return numeric ? { metric: metricName(h) } : { factor: canon };
  });
  if (!roles.some((r) => r && 'metric' in r)) {
    diagnostics.push({
      line: 1,
      message: 'no metric column',
      expected: 'a numeric column (or name one with --metric)',
      found: header.join(','),
      severity: 'error',
    });
    return { rows: [], diagnostics, shape: 'none' };
  }
  const rows: TableRow[] = body.map((r, idx) => {
    const line = idx + 2;
    const factors: Factors = {};
    const metrics: Record<string, number> = {};
    const rowDiag: Diagnostic[] = [];
    if (r.length !== header.length) {
      rowDiag.push({ line, message: 'row length', expected: `${header.length} fields`, found: `${r.length}`, severity: 'warning' });
    }
    roles.forEach((role, i) => {
      if (!role) return;
      const cell = (r[i] ?? '').trim();
      if ('factor' in role) {
        if (cell !== '') factors[role.factor] = cell;
      } else {
        const v = toNumber(cell);
        if (v === undefined) {
          if (cell !== '') rowDiag.push({ line, message: `column ${header[i]}`, expected: 'a number', found: JSON.stringify(cell), severity: 'warning' });
        } else metrics[role.metric] = v;
      }
    });
    return { line, factors, metrics, diagnostics: rowDiag };
  });
  return { rows, diagnostics, shape: isSeed ? 'seed-csv' : 'tidy' };
}

function parseLong(header: string[], body: string[][], diagnostics: Diagnostic[], options: TableOptions): ParsedTable {
  const lower = header.map((h) => h.toLowerCase());
  const mi = lower.indexOf('metric');
  const vi = lower.indexOf('value');
  const skip = new Set(['metric', 'value', 'unit', 'status']);
  const factorCols = header
    .map((h, i) => ({ h, i }))
    .filter(({ h }) => !skip.has(h.toLowerCase()))
    .filter(({ h }) => !options.factors || options.factors.some((f) => canonicalFactor(f) === canonicalFactor(h)));
  const byRun = new Map<string, TableRow>();
  body.forEach((r, idx) => {
    const line = idx + 2;
    const factors: Factors = {};
    for (const { h, i } of factorCols) {
      const cell = (r[i] ?? '').trim();
      if (cell !== '') factors[h.toLowerCase() === 'file' ? 'file' : canonicalFactor(h)] = cell;
    }
    const key = JSON.stringify(factors);
    let row = byRun.get(key);
    if (!row) {
      row = { line, factors, metrics: {}, diagnostics: [] };
      byRun.set(key, row);
    }
    const v = toNumber(r[vi] ?? '');
    const m = (r[mi] ?? '').trim();
    if (v === undefined || m === '') {
      row.diagnostics.push({ line, message: 'long row', expected: 'a metric name and a number', found: JSON.stringify(`${m},${r[vi] ?? ''}`), severity: 'warning' });
    } else row.metrics[m] = v;
  });
  const rows = [...byRun.values()];
  for (const row of rows) delete row.factors.file;
  return { rows, diagnostics, shape: 'long' };
}
