/**
 * pgfplots-ready CSV (papaparse `unparse`): one header line of plain column names (letters, digits,
 * underscores), numbers in full precision with a '.' decimal point, `nan` for a missing number
 * (pgfplots reads it as a gap), factors as text columns. Quoting only where a text needs it.
 */
import Papa from 'papaparse';
import type { AnalysisResult } from '../analysis/types.js';
import type { Inventory, Run } from '../model/index.js';
import { latencyTable } from './specs.js';
import { sortLevels } from './labels.js';

type Cell = string | number | undefined;

function num(x: number | undefined): string {
  return x === undefined || x === null || !Number.isFinite(x) ? 'nan' : String(x);
}

/** Column-safe name: 'read.p99' -> 'read_p99'. */
export function column(name: string): string {
  return name.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'x';
}

function toCsv(fields: string[], rows: Cell[][]): string {
  return Papa.unparse({ fields, data: rows.map((r) => r.map((c) => (typeof c === 'number' ? num(c) : (c ?? '')))) }, { newline: '\n', quotes: false, escapeFormulae: false }) + '\n';
}

function factorNames(a: AnalysisResult): string[] {
  return sortLevels(a.groups.flatMap((g) => Object.keys(g.factors)));
}

/** One row per configuration: factors, level, n, mean, CI, sd, median, min, max, cv and, for
 * throughput, the ratio of sums (Σ operations / Σ seconds, `nan` otherwise). */
export function groupsCsv(a: AnalysisResult): string {
  const fs = factorNames(a);
  const fields = [...fs.map(column), 'level', 'n', 'mean', 'lo', 'hi', 'halfwidth', 'sd', 'se', 'median', 'min', 'max', 'cv', 'ratio_of_sums'];
  const rows = a.groups.map((g) => [
    ...fs.map((f) => g.factors[f]),
    g.level,
    g.n,
    g.mean,
    g.meanCi.lo,
    g.meanCi.hi,
    (g.meanCi.hi - g.meanCi.lo) / 2,
    g.sd,
    g.se,
    g.median,
    g.min,
    g.max,
    g.cv,
    g.ratioOfSums,
  ]);
  return toCsv(fields, rows);
}

/**
 * Every input file, one row each (the report's appendix as data): file, status, every factor, the
 * metric's value as analysed (or as read), outlier flags, and every note (why it was left out, the
 * loader's warnings and errors) joined by ' | '.
 */
export function filesCsv(a: AnalysisResult, inv: Inventory): string {
  const fs = sortLevels(inv.runs.flatMap((r) => Object.keys(r.factors)));
  const fields = ['file', 'status', ...fs.map(column), 'value', 'iqr', 'mad', 'grubbs', 'excluded', 'notes'];
  const inGroup = new Map(a.groups.flatMap((g) => g.runs.map((r) => [r.file, r] as const)));
  const left = new Map(a.excluded.map((x) => [x.file, x.reason]));
  const rows = inv.runs.map((r): Cell[] => {
    const g = inGroup.get(r.file);
    const notes = [...(g?.excluded ? [`excluded: ${g.excluded}`] : []), ...(left.has(r.file) ? [left.get(r.file)!] : []), ...r.diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.line ? `line ${d.line}: ` : ''}${d.message}`)];
    return [
      r.file,
      r.status,
      ...fs.map((f) => r.factors[f]),
      g ? g.value : r.metrics[a.metric],
      g ? g.outlier.iqr : '',
      g ? (g.outlier.mad ? 1 : 0) : '',
      g ? (g.outlier.grubbs ? 1 : 0) : '',
      g ? (g.excluded ? 1 : 0) : left.has(r.file) ? 1 : '',
      notes.join(' | ').replace(/[\r\n]+/g, ' '),
    ];
  });
  return toCsv(fields, rows);
}

/** One row per run value in a group: factors, level, rep, value, outlier flags, excluded. */
export function runsCsv(a: AnalysisResult): string {
  const fs = factorNames(a);
  const fields = [...fs.map(column), 'level', 'rep', 'value', 'iqr', 'mad', 'grubbs', 'excluded', 'file'];
  const rows: Cell[][] = [];
  for (const g of a.groups) for (const r of g.runs) rows.push([...fs.map((f) => g.factors[f]), g.level, r.rep ?? '', r.value, r.outlier.iqr, r.outlier.mad ? 1 : 0, r.outlier.grubbs ? 1 : 0, r.excluded ? 1 : 0, r.file]);
  return toCsv(fields, rows);
}

/** One row per pair: stratum factors, a, b, diff and percent with CIs, g, p. */
export function pairsCsv(a: AnalysisResult): string {
  const fs = sortLevels(a.strata.flatMap((s) => Object.keys(s.factors)));
  const fields = [...fs.map(column), 'a', 'b', 'diff', 'diff_lo', 'diff_hi', 'percent', 'percent_lo', 'percent_hi', 'g', 'g_lo', 'g_hi', 't', 'df', 'p', 'p_adj'];
  const rows: Cell[][] = [];
  for (const s of a.strata)
    for (const p of s.pairs)
      rows.push([...fs.map((f) => s.factors[f]), p.a, p.b, p.diff.center, p.diff.lo, p.diff.hi, p.percent.center, p.percent.lo, p.percent.hi, p.hedgesG.center, p.hedgesG.lo, p.hedgesG.hi, p.welch.t, p.welch.df, p.welch.p, p.welch.pAdjusted]);
  return toCsv(fields, rows);
}

/** Latency per operation and statistic (µs): mean across repetitions with its CI. */
export function latencyCsv(a: AnalysisResult, runs: Run[]): string {
  const byKey = new Map(a.groups.map((g) => [g.key, g]));
  const fs = factorNames(a);
  const fields = [...fs.map(column), 'level', 'operation', 'stat', 'n', 'mean_us', 'lo_us', 'hi_us'];
  const rows = latencyTable(a, runs).map((r) => {
    const g = byKey.get(r.group)!;
    return [...fs.map((f) => g.factors[f]), g.level, r.operation, r.stat, r.n, r.mean, r.lo, r.hi];
  });
  return toCsv(fields, rows);
}

/** Status-line time series of every run in the analysis: file, t, throughput. */
export function seriesCsv(a: AnalysisResult, runs: Run[]): string {
  const byFile = new Map(runs.map((r) => [r.file, r]));
  const fs = factorNames(a);
  const fields = [...fs.map(column), 'level', 'rep', 't', 'throughput', 'operations', 'file'];
  const rows: Cell[][] = [];
  for (const g of a.groups)
    for (const gr of g.runs) {
      const r = byFile.get(gr.file);
      if (!r) continue;
      for (const s of r.series) rows.push([...fs.map((f) => g.factors[f]), g.level, gr.rep ?? '', s.t, s.throughput, s.operations, gr.file]);
    }
  return toCsv(fields, rows);
}
