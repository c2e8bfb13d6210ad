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

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * Read the number in s[start, end) without slicing in the common case (up to 15 digits, a
 * decimal point or comma, no exponent): the digits as an exact integer divided by an exact power
 * of ten is correctly rounded, as Number() would give. Anything else goes through
 * parseLocaleNumber.
 */
function readNumber(s: string, start: number, end: number): number | undefined {
  let i = start;
  let neg = false;
  if (i < end && s.charCodeAt(i) === 45) {
    neg = true;
    i++;
  }
  let mant = 0;
  let digits = 0;
  let frac = -1;
  for (; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mant = mant * 10 + (c - 48);
      digits++;
      if (frac >= 0) frac++;
    } else if ((c === 46 || c === 44) && frac < 0) frac = 0;
    else break;
  }
  if (i === end && digits > 0 && digits <= 15) {
    const v = frac > 0 ? mant / POW10[frac] : mant;
    return neg ? -v : v;
  }
  return parseLocaleNumber(s.slice(start, end));
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
  const restStart = k + 11;
  const out: ParsedStatusLine = { t, operations, ops: {}, style: 'java', sawMs: false };

  const cur = line.indexOf(' current ops/sec', restStart);
  if (cur >= 0) {
    let b = cur - 1;
    while (b >= restStart && line.charCodeAt(b) !== 32 && line.charCodeAt(b) !== 59) b--;
    const v = readNumber(line, b + 1, cur);
    if (v !== undefined && !Number.isNaN(v)) out.throughput = v;
  }

  let pos = restStart;
  let spaceSeparatedBlocks = 0;
  let commaSeparatedBlocks = 0;
  for (;;) {
    const open = line.indexOf('[', pos);
    if (open < 0) break;
    const close = line.indexOf(']', open + 1);
    if (close < 0) break;
    pos = close + 1;
    let colon = line.indexOf(':', open + 1);
    if (colon >= close) colon = -1;
    let space = line.indexOf(' ', open + 1);
    if (space >= close) space = -1;
    let nameEnd: number;
    if (colon > open + 1 && (space < 0 || colon < space)) nameEnd = colon;
    else if (space > open + 1) nameEnd = space;
    else continue;
    const name = line.slice(open + 1, nameEnd);
    let count: number | undefined;
    let max: number | undefined;
    let min: number | undefined;
    let avg: number | undefined;
    const percentiles: Record<string, number> = {};
    let pairs = 0;
    let commaEnded = 0;
    const n = close;
    let i = nameEnd + 1;
    while (i < n) {
      while (i < n && line.charCodeAt(i) === 32) i++;
      if (i >= n) break;
      const tokStart = i;
      let eq = -1;
      while (i < n) {
        const c = line.charCodeAt(i);
        if (c === 32) break;
        if (c === 61 /* = */ && eq < 0) eq = i;
        i++;
      }
      let tokEnd = i;
      if (line.charCodeAt(tokEnd - 1) === 44 /* , */) {
        tokEnd--;
        commaEnded++;
      }
      if (eq <= tokStart) continue;
      const value = readNumber(line, eq + 1, tokEnd);
      pairs++;
      const k0 = line.charCodeAt(tokStart);
      const klen = eq - tokStart;
      if (isDigit(k0)) {
        if (usable(value)) percentiles[line.slice(tokStart, eq)] = value;
      } else if (klen === 5 && line.startsWith('Count', tokStart)) count = value;
      else if (klen === 3 && line.startsWith('Max', tokStart)) max = value;
      else if (klen === 3 && line.startsWith('Min', tokStart)) min = value;
      else if (klen === 3 && line.startsWith('Avg', tokStart)) avg = value;
      else if (line.startsWith('AverageLatency', tokStart)) {
        const u = latencyUnitFactor(line.slice(tokStart, eq));
        if (u.unit === 'ms') out.sawMs = true;
        avg = value === undefined ? undefined : value * u.factor;
      }
    }
    if (pairs === 0) continue;
    if (pairs > 1) {
      if (commaEnded === 0) spaceSeparatedBlocks++;
      else commaSeparatedBlocks++;
    }
    // Count is not printed by the histogram/timeseries measurements: left undefined (unknown).
    const entry: StatusOps[string] =
      count !== undefined && !Number.isNaN(count) ? { count, percentiles: {} } : { percentiles: {} };
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
