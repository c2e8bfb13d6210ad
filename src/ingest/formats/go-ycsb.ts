/**
 * go-ycsb's measurement output (pkg/measurement, histograms.Output), in its three output styles
 * (`-p measurement.output_style=plain|table|json`, default plain). The columns are the same in
 * all three: Operation, Takes(s), Count, OPS, Avg(us), Min(us), Max(us), 50th(us), 90th(us),
 * 95th(us), 99th(us), 99.9th(us), 99.99th(us) (older versions print fewer percentiles).
 *
 * - plain (util.RenderString, `%-6s - %s`), one line per operation:
 *
 *     READ   - Takes(s): 10.0, Count: 1000, OPS: 100.0, Avg(us): 123, Min(us): 10, Max(us): 900, …
 *
 * - table (util.RenderTable, olekukonko/tablewriter v0.0.5): headers upper-cased by the table
 *   writer, numbers right-aligned:
 *
 *     +-----------+----------+-------+-------+---------+-----
 *     | OPERATION | TAKES(S) | COUNT |  OPS  | AVG(US) | …
 *     +-----------+----------+-------+-------+---------+-----
 *     | READ      |     10.0 |  1000 | 100.0 |     123 | …
 *     +-----------+----------+-------+-------+---------+-----
 *
 * - json (util.RenderJson, encoding/json of []map[string]string): one line per block, keys sorted,
 *   every value a string: `[{"50th(us)":"100",…,"Count":"1000",…,"Operation":"READ",…}]`.
 *
 * Each block is printed every status interval (running totals) and once more after
 * `Run finished, takes 1m26.2s`. Before the blocks, go-ycsb prints its properties:
 * `***************** properties *****************` then `"key"="value"` lines.
 *
 * Here: the line readers (one line -> a {@link GoYcsbLine}), then the dialect reader that groups
 * them into interval blocks and the final block of one invocation, and the run it gives.
 *
 * Pure: no I/O.
 */
import type { OperationStats, ParsedRun, StatusSample } from '../../model/run.js';
import { exceptionText, noSummary, warnExceptionsInOkRun, type Missing } from '../classify.js';
import { addOperationMetrics, clip, fillThroughput, type Invocation } from '../invocation.js';
import { latencyUnitFactor, NO_VALUE_THRESHOLD, parseGoDuration, parseNumber } from './numbers.js';

export interface GoYcsbLine {
  /** Operation as printed (READ, TOTAL, READ_MODIFY_WRITE, READ_ERROR…). */
  op: string;
  takesSec?: number;
  count?: number;
  ops?: number;
  avg?: number;
  min?: number;
  max?: number;
  /** Percentile ('99.9') -> latency in µs. */
  percentiles: Record<string, number>;
  /** Fields whose value could not be read: [key, text]. */
  bad: [string, string][];
}

function isOpChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45;
}

/** An operation name as go-ycsb prints it: upper case, digits, `_`, `-`. */
function isOpName(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) if (!isOpChar(s.charCodeAt(i))) return false;
  return true;
}

/**
 * Store one `key: value` field of a measurement row (key as printed in any style: `Takes(s)`,
 * `TAKES(S)`, `99.9th(us)`, `99.9TH(US)`). Latencies are converted to µs. Unknown keys are ignored.
 */
export function setGoField(out: GoYcsbLine, key: string, text: string): void {
  const v = parseNumber(text);
  if (v === undefined) {
    out.bad.push([key, text]);
    return;
  }
  const k = key.toLowerCase();
  if (k === 'takes(s)') out.takesSec = v;
  else if (k === 'count') out.count = v;
  else if (k === 'ops') out.ops = v;
  else {
    const us = v * latencyUnitFactor(k).factor;
    if (k.startsWith('avg(')) out.avg = us;
    else if (k.startsWith('min(')) out.min = us;
    else if (k.startsWith('max(')) out.max = us;
    else {
      const th = k.indexOf('th(');
      if (th > 0) out.percentiles[k.slice(0, th)] = us;
    }
  }
}

/**
 * Parse one plain-style go-ycsb measurement line; undefined when the line is not one. Never throws.
 *
 * @example parseGoYcsbLine('READ   - Takes(s): 10.0, Count: 5, OPS: 0.5, Avg(us): 12')?.count // 5
 */
export function parseGoYcsbLine(line: string): GoYcsbLine | undefined {
  const dash = line.indexOf(' - ');
  if (dash < 1) return undefined;
  let end = dash;
  while (end > 0 && line.charCodeAt(end - 1) === 32) end--;
  if (end === 0) return undefined;
  for (let i = 0; i < end; i++) if (!isOpChar(line.charCodeAt(i))) return undefined;
  const body = line.slice(dash + 3);
  if (!body.startsWith('Takes(s): ') && !body.startsWith('Count: ')) return undefined;
  const out: GoYcsbLine = { op: line.slice(0, end), percentiles: {}, bad: [] };
  for (const field of body.split(', ')) {
    const colon = field.indexOf(': ');
    if (colon <= 0) continue;
    setGoField(out, field.slice(0, colon), field.slice(colon + 2));
  }
  return out;
}

/**
 * Parse one json-style go-ycsb block (`[{"Operation":"READ","Count":"5",…},…]`, one line);
 * undefined when the line is not one (not JSON, not an array of objects with an "Operation" key).
 * Never throws.
 *
 * @example parseGoYcsbJson('[{"Count":"5","Operation":"READ","Takes(s)":"1.0"}]')?.[0].count // 5
 */
export function parseGoYcsbJson(line: string): GoYcsbLine[] | undefined {
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!Array.isArray(data) || data.length === 0) return undefined;
  const out: GoYcsbLine[] = [];
  for (const row of data) {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) return undefined;
    const rec = row as Record<string, unknown>;
    const op = rec.Operation;
    if (typeof op !== 'string' || !isOpName(op)) return undefined;
    const g: GoYcsbLine = { op, percentiles: {}, bad: [] };
    for (const key of Object.keys(rec)) {
      if (key === 'Operation') continue;
      const v = rec[key];
      setGoField(g, key, typeof v === 'string' ? v : typeof v === 'number' ? String(v) : JSON.stringify(v));
    }
    out.push(g);
  }
  return out;
}

/** The trimmed cells of a `| a | b |` table line; undefined when the line is not one. */
export function tableCells(line: string): string[] | undefined {
  let end = line.length;
  while (end > 0 && (line.charCodeAt(end - 1) === 32 || line.charCodeAt(end - 1) === 9)) end--;
  if (line.charCodeAt(0) !== 124 || end < 2 || line.charCodeAt(end - 1) !== 124) return undefined;
  const parts = line.slice(1, end - 1).split('|');
  for (let i = 0; i < parts.length; i++) parts[i] = parts[i].trim();
  return parts;
}

/**
 * The column keys of a table-style header (`| OPERATION | TAKES(S) | COUNT | … |`), or undefined
 * when the line is not a go-ycsb measurement table header (first cell OPERATION and a COUNT column).
 *
 * @example goTableHeader('| OPERATION | TAKES(S) | COUNT |') // ['OPERATION', 'TAKES(S)', 'COUNT']
 */
export function goTableHeader(line: string): string[] | undefined {
  const cells = tableCells(line);
  if (!cells || cells.length < 2 || cells[0].toUpperCase() !== 'OPERATION') return undefined;
  if (!cells.some((c) => c.toUpperCase() === 'COUNT')) return undefined;
  return cells;
}

/**
 * One table-style row (`| READ      |     10.0 |  1000 | … |`) under the given header columns;
 * undefined when the line is not a row of that table (wrong cell count, not an operation name).
 *
 * @example parseGoYcsbTableRow('| READ | 10.0 | 5 |', ['OPERATION', 'TAKES(S)', 'COUNT'])?.count // 5
 */
export function parseGoYcsbTableRow(line: string, columns: readonly string[]): GoYcsbLine | undefined {
  const cells = tableCells(line);
  if (!cells || cells.length !== columns.length || !isOpName(cells[0])) return undefined;
  const g: GoYcsbLine = { op: cells[0], percentiles: {}, bad: [] };
  for (let i = 1; i < cells.length; i++) setGoField(g, columns[i], cells[i]);
  return g;
}

// ---------------------------------------------------------------------------------------------
// The dialect: blocks of one invocation

/** One interval block (or the final one): its lines by operation, and where it starts. */
export interface GoBlock {
  lines: Map<string, GoYcsbLine>;
  line: number;
}

const GO_SUMMARY: Missing = { short: 'final go-ycsb block', full: 'final go-ycsb block ("Run finished, takes …" followed by the TOTAL line)' };

/** One measurement line, into the current interval block or, after `Run finished`, the final one. */
function goLine(p: Invocation, g: GoYcsbLine, n: number): void {
  p.goSeen = true;
  for (const [key, text] of g.bad) {
    p.diag({
      line: n,
      severity: 'error',
      message: 'unreadable value',
      expected: `a number after "${g.op} - … ${key}:"`,
      found: JSON.stringify(clip(text, 60)),
    });
  }
  if (p.goFinishedLine !== undefined) {
    if (p.goFinalLine === undefined) p.goFinalLine = n;
    p.goFinal.set(g.op, g);
    return;
  }
  if (!p.goBlock || p.goBlock.lines.has(g.op)) {
    if (p.goBlock) p.goSeries.push(p.goBlock);
    p.goBlock = { lines: new Map(), line: n };
  }
  p.goBlock.lines.set(g.op, g);
}

/** Close the current interval block. */
export function flushGoBlock(p: Invocation): void {
  if (p.goBlock) p.goSeries.push(p.goBlock);
  p.goBlock = undefined;
}

/** A `|`-line: a go-ycsb table header or row (output_style=table); false when neither. */
export function goTableLine(p: Invocation, line: string, n: number): boolean {
  const header = goTableHeader(line);
  if (header) {
    // every block is a whole table: a header starts a new block
    flushGoBlock(p);
    p.goTableColumns = header;
    p.goSeen = true;
    return true;
  }
  const columns = p.goTableColumns;
  if (!columns) return false;
  const g = parseGoYcsbTableRow(line, columns);
  if (g) {
    goLine(p, g, n);
    p.progress(n);
    return true;
  }
  p.diag({
    line: n,
    severity: 'warning',
    message: 'unreadable go-ycsb table row: skipped',
    expected: `"| OP | …" with ${columns.length} cells, as in the header`,
    found: JSON.stringify(clip(line, 80)),
  });
  return true;
}

/** A `[`-line that is a json-style block (output_style=json: one line, one block); false otherwise. */
export function goJsonLine(p: Invocation, line: string, n: number): boolean {
  if (line.charCodeAt(1) !== 123 /* { */ || line.indexOf('"Operation":') <= 0) return false;
  const rows = parseGoYcsbJson(line);
  if (!rows) return false;
  flushGoBlock(p);
  for (const g of rows) goLine(p, g, n);
  flushGoBlock(p);
  p.progress(n);
  return true;
}

/** A plain-style measurement line (`READ   - Takes(s): …`); false when it is not one. */
export function goPlainLine(p: Invocation, line: string, n: number): boolean {
  if (line.indexOf(' - ') > 0 && (line.indexOf('Takes(s): ') > 0 || line.indexOf(' - Count: ') > 0)) {
    const g = parseGoYcsbLine(line);
    if (g) {
      goLine(p, g, n);
      p.progress(n);
      return true;
    }
  }
  return false;
}

/** The properties banner, a `"key"="value"` property, or `Run finished, takes …`; false otherwise. */
export function goHeaderLine(p: Invocation, line: string, n: number, c0: number): boolean {
  if (c0 === 42 /* * */) {
    if (line.indexOf(' properties ') > 0) {
      p.goPropsOpen = true;
      p.goSeen = true;
      p.headerLine ??= n;
      p.goPropsLine ??= n;
    } else p.goPropsOpen = false;
    return true;
  }
  if (p.goPropsOpen && c0 === 34 /* " */) {
    const sep = line.indexOf('"="');
    if (sep > 0 && line.endsWith('"')) {
      const key = line.slice(1, sep);
      const value = line.slice(sep + 3, -1);
      p.header.properties[key] = value;
      const f = p.header.factors;
      if (key === 'recordcount' || key === 'operationcount' || key === 'target') f[key] = value;
      else if (key === 'threadcount') f.threads = value;
      else if (key === 'command' && (value === 'load' || value === 'run')) f.phase = value;
      else if (key === 'dotransactions' && f.phase === undefined) f.phase = value === 'false' ? 'load' : 'run';
    }
    return true;
  }
  if (c0 === 82 /* R */ && line.startsWith('Run finished, takes ')) {
    flushGoBlock(p);
    p.goSeen = true;
    p.goFinishedLine = n;
    p.goFinishedMs = parseGoDuration(line.slice(20));
    p.goFinal = new Map();
    p.goFinalLine = undefined;
    return true;
  }
  return false;
}

/** Whether the invocation is go-ycsb's: its final block began, or its blocks came without a Java summary. */
export function isGoYcsb(p: Invocation): boolean {
  return p.goFinishedLine !== undefined || (p.goSeen && p.ops.size === 0 && p.runtime === undefined);
}

/** A block's per-operation stats as a sample's `ops` (TOTAL left out). */
function goOps(lines: Map<string, GoYcsbLine>): StatusSample['ops'] {
  const ops: StatusSample['ops'] = {};
  for (const g of lines.values()) {
    if (g.op === 'TOTAL') continue;
    const e: StatusSample['ops'][string] =
      g.count !== undefined && !Number.isNaN(g.count) ? { count: g.count, percentiles: g.percentiles } : { percentiles: g.percentiles };
    if (g.count !== 0) {
      if (g.avg !== undefined) e.avg = g.avg;
      if (g.min !== undefined && Math.abs(g.min) < NO_VALUE_THRESHOLD) e.min = g.min;
      if (g.max !== undefined && Math.abs(g.max) < NO_VALUE_THRESHOLD) e.max = g.max;
    } else e.percentiles = {};
    ops[g.op.replace(/_/g, '-')] = e;
  }
  return ops;
}

/** The run of a go-ycsb output: the interval blocks as its series, the final block as its summary. */
export function finishGo(p: Invocation): ParsedRun {
  // go-ycsb interval blocks -> series (running totals)
  for (const b of p.goSeries) {
    const tot = b.lines.get('TOTAL');
    const first = b.lines.values().next().value as GoYcsbLine;
    let sum = 0;
    for (const g of b.lines.values()) if (g.op !== 'TOTAL') sum += g.count ?? 0;
    p.series.push({
      t: tot?.takesSec ?? first.takesSec ?? 0,
      operations: tot?.count ?? sum,
      line: b.line,
      ops: goOps(b.lines),
    });
  }
  p.series.sort((a, b) => a.line - b.line);
  fillThroughput(p.series);
  if (p.goSeries.length > 0) {
    p.diag({
      severity: 'info',
      message: 'go-ycsb interval blocks are running totals since the start: each sample\'s per-operation stats are cumulative; throughput is computed from the change in operations',
    });
  }
  if (p.goFinishedLine === undefined || p.goFinal.size === 0) {
    return noSummary(p, 'go-ycsb', GO_SUMMARY);
  }
  const run = p.base('ok', 'go-ycsb');
  const operations: Record<string, OperationStats> = {};
  const metrics: Record<string, number> = {};
  let sum = 0;
  for (const g of p.goFinal.values()) {
    if (g.op === 'TOTAL') continue;
    const name = g.op.replace(/_/g, '-');
    const s: OperationStats = { operation: name, percentiles: {}, returns: {} };
    if (g.count !== undefined) s.count = g.count;
    if (g.count !== 0) {
      if (g.avg !== undefined) s.avg = g.avg;
      if (g.min !== undefined && Math.abs(g.min) < NO_VALUE_THRESHOLD) s.min = g.min;
      if (g.max !== undefined && Math.abs(g.max) < NO_VALUE_THRESHOLD) s.max = g.max;
      s.percentiles = g.percentiles;
    }
    operations[name] = s;
    addOperationMetrics(metrics, s);
    if (name !== 'CLEANUP') sum += g.count ?? 0;
  }
  const tot = p.goFinal.get('TOTAL');
  const runtime = p.goFinishedMs ?? (tot?.takesSec !== undefined ? tot.takesSec * 1000 : undefined);
  const opsTotal = tot?.count ?? sum;
  let throughput = tot?.ops;
  if (throughput === undefined && runtime !== undefined && runtime > 0) throughput = (opsTotal * 1000) / runtime;
  if (runtime !== undefined) metrics.runtime = runtime;
  if (throughput !== undefined) metrics.throughput = throughput;
  metrics.operations = opsTotal;
  run.metrics = metrics;
  run.operations = operations;
  if (runtime === undefined || throughput === undefined) {
    run.status = 'partial';
    p.diag({
      line: p.goFinishedLine,
      severity: 'warning',
      message: 'partial: the final go-ycsb block gives no runtime or throughput',
    });
  } else if (opsTotal === 0 || throughput === 0) {
    run.status = 'failed';
    p.diag({
      line: p.goFinalLine ?? p.goFinishedLine,
      severity: 'error',
      message: `failed: the run did no useful work: ${opsTotal} operations, ${throughput} ops/sec${p.firstException ? `; first exception at ${exceptionText(p)}` : ''}`,
    });
  } else warnExceptionsInOkRun(p);
  return run;
}
