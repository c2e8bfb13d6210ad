/**
 * `-s` status lines, as YCSB's StatusThread (Java) and YCSB-cpp print them:
 *
 *   [label][yyyy-MM-dd HH:mm:ss:SSS ]<sec> sec: <ops> operations; [<cur> current ops/sec; ]
 *     [est completion in …] [READ: Count=339, Max=…, Min=…, Avg=…, 90=…, 99=…, 99.9=…, 99.99=…] …
 *
 * Op blocks: hdrhistogram `[OP: Count=…, Max=…]` (comma separated; a comma locale prints `Avg=19,59`),
 * histogram/timeseries `[OP AverageLatency(us)=1.23]`, YCSB-cpp `[OP: Count=… Max=…]` (space separated,
 * cumulative since the phase began). Latencies are returned in µs.
 *
 * Pure: no I/O.
 */
import type { StatusSample } from '../../model/run.js';
import { latencyUnitFactor, NO_VALUE_THRESHOLD, parseLocaleNumber } from './numbers.js';

export type StatusOps = StatusSample['ops'];

export interface ParsedStatusLine {
  t: number;
  operations: number;
  throughput?: number;
  ops: StatusOps;
  /** 'cpp' when op blocks are space separated (YCSB-cpp), 'java' otherwise. */
  style: 'java' | 'cpp';
  /** A latency label in ms was seen (`AverageLatency(ms)=`). */
  sawMs: boolean;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function usable(v: number | undefined): v is number {
  return v !== undefined && !Number.isNaN(v) && Number.isFinite(v) && Math.abs(v) < NO_VALUE_THRESHOLD;
}

/**
 * Parse one status line; undefined when the line is not one. Never throws.
 *
 * @example parseStatusLine('10 sec: 678 operations; 67.8 current ops/sec;')?.throughput // 67.8
 */
export function parseStatusLine(line: string): ParsedStatusLine | undefined {
  const secAt = line.indexOf(' sec: ');
  if (secAt < 1) return undefined;
  let j = secAt - 1;
  while (j >= 0 && isDigit(line.charCodeAt(j))) j--;
  if (j === secAt - 1) return undefined;
  if (j >= 0 && line.charCodeAt(j) !== 32) return undefined;
  const t = Number(line.slice(j + 1, secAt));
  let k = secAt + 6;
  const opsStart = k;
  while (k < line.length && isDigit(line.charCodeAt(k))) k++;
  if (k === opsStart) return undefined;
  if (!line.startsWith(' operations', k)) return undefined;
  const operations = Number(line.slice(opsStart, k));
  const rest = line.slice(k + 11);
  const out: ParsedStatusLine = { t, operations, ops: {}, style: 'java', sawMs: false };

  const cur = rest.indexOf(' current ops/sec');
  if (cur >= 0) {
    let b = cur - 1;
    while (b >= 0 && rest.charCodeAt(b) !== 32 && rest.charCodeAt(b) !== 59) b--;
    const v = parseLocaleNumber(rest.slice(b + 1, cur));
    if (v !== undefined && !Number.isNaN(v)) out.throughput = v;
  }

  let pos = 0;
  let spaceSeparatedBlocks = 0;
  let commaSeparatedBlocks = 0;
  for (;;) {
    const open = rest.indexOf('[', pos);
    if (open < 0) break;
    const close = rest.indexOf(']', open + 1);
    if (close < 0) break;
    pos = close + 1;
    const content = rest.slice(open + 1, close);
    const colon = content.indexOf(':');
    const space = content.indexOf(' ');
    let name: string;
    let body: string;
    if (colon > 0 && (space < 0 || colon < space)) {
      name = content.slice(0, colon);
      body = content.slice(colon + 1);
    } else if (space > 0) {
      name = content.slice(0, space);
      body = content.slice(space + 1);
    } else continue;
    let count: number | undefined;
    let max: number | undefined;
    let min: number | undefined;
    let avg: number | undefined;
    const percentiles: Record<string, number> = {};
    let pairs = 0;
    let commaEnded = 0;
    let tokStart = -1;
    for (let i = 0; i <= body.length; i++) {
      const c = i < body.length ? body.charCodeAt(i) : 32;
      if (c !== 32) {
        if (tokStart < 0) tokStart = i;
        continue;
      }
      if (tokStart < 0) continue;
      let tok = body.slice(tokStart, i);
      tokStart = -1;
      if (tok.endsWith(',')) {
        tok = tok.slice(0, -1);
        commaEnded++;
      }
      const eq = tok.indexOf('=');
      if (eq <= 0) continue;
      const key = tok.slice(0, eq);
      const value = parseLocaleNumber(tok.slice(eq + 1));
      pairs++;
      if (key === 'Count') count = value;
      else if (key === 'Max') max = value;
      else if (key === 'Min') min = value;
      else if (key === 'Avg') avg = value;
      else if (key.startsWith('AverageLatency')) {
        const u = latencyUnitFactor(key);
        if (u.unit === 'ms') out.sawMs = true;
        avg = value === undefined ? undefined : value * u.factor;
      } else if (isDigit(key.charCodeAt(0))) {
        if (usable(value)) percentiles[key] = value;
      }
    }
    if (pairs === 0) continue;
    if (pairs > 1) {
      if (commaEnded === 0) spaceSeparatedBlocks++;
      else commaSeparatedBlocks++;
    }
    const entry: StatusOps[string] = {
      // Not printed by the histogram/timeseries measurements: unknown, hence NaN.
      count: count === undefined || Number.isNaN(count) ? NaN : count,
      percentiles: {},
    };
    if (count !== 0) {
      if (usable(max)) entry.max = max;
      if (usable(min)) entry.min = min;
      if (usable(avg)) entry.avg = avg;
      entry.percentiles = percentiles;
    }
    out.ops[name] = entry;
  }
  if (spaceSeparatedBlocks > 0 && commaSeparatedBlocks === 0) out.style = 'cpp';
  return out;
}
