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
 * `Run finished, takes 1m26.2s`.
 *
 * Pure: no I/O.
 */
import { latencyUnitFactor, parseNumber } from './numbers.js';

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
