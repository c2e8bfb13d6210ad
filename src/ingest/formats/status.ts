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

/** Where {@link readPlain} stopped. */
let plainEnd = 0;

/**
 * The one number reader of status lines, fast path: read `[-]digits[(.|,)digits]` (at most 15
 * digits, a decimal point or comma followed by a digit, no exponent) from s[i, end) without slicing,
 * and stop at the first other character (its index in plainEnd). The digits as an exact integer
 * divided by an exact power of ten are correctly rounded, as Number() would give. NaN when there
 * is no such number there: the caller then takes the general path ({@link readNumber}).
 */
function readPlain(s: string, i: number, end: number): number {
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
    } else if ((c === 46 || c === 44) && frac < 0 && i + 1 < end && isDigit(s.charCodeAt(i + 1))) frac = 0;
    else break;
  }
  plainEnd = i;
  if (digits === 0 || digits > 15) return NaN;
  const v = frac > 0 ? mant / POW10[frac] : mant;
  return neg ? -v : v;
}

/**
 * The number that is exactly s[start, end): {@link readPlain} when it reads all of it, otherwise
 * parseLocaleNumber (exponents, NaN, Long.MAX, more than 15 digits, a trailing separator …).
 */
function readNumber(s: string, start: number, end: number): number | undefined {
  const v = readPlain(s, start, end);
  if (v === v && plainEnd === end) return v;
  return parseLocaleNumber(s.slice(start, end));
}

/** Percentile keys and operation names YCSB prints, as (internalised) literals. */
const PERCENTILE_KEYS = ['90', '99', '99.9', '99.99', '95', '50', '75', '99.999', '25', '10', '5', '1'];
const OP_NAMES = [
  'READ',
  'UPDATE',
  'INSERT',
  'SCAN',
  'READ-MODIFY-WRITE',
  'CLEANUP',
  'DELETE',
  'READ-FAILED',
  'UPDATE-FAILED',
  'INSERT-FAILED',
  'SCAN-FAILED',
  'DELETE-FAILED',
  'READ-MODIFY-WRITE-FAILED',
];

/** s[start, start + lit.length) === lit, by char codes (no String.prototype call). */
function eqAt(s: string, start: number, lit: string): boolean {
  for (let i = 0; i < lit.length; i++) if (s.charCodeAt(start + i) !== lit.charCodeAt(i)) return false;
  return true;
}

/**
 * s[start, end) as a string: one of `known` when it matches (no new string, and an object key
 * that needs no internalising on every store), else a slice.
 */
function keyAt(s: string, start: number, end: number, known: readonly string[]): string {
  const len = end - start;
  for (let k = 0; k < known.length; k++) {
    const cand = known[k];
    if (cand.length === len && eqAt(s, start, cand)) return cand;
  }
  return s.slice(start, end);
}

/** The value of the digits s[start, end), as Number(s.slice(start, end)) gives it. */
function digitsValue(s: string, start: number, end: number): number {
  if (end - start > 15) return Number(s.slice(start, end));
  let v = 0;
  for (let i = start; i < end; i++) v = v * 10 + (s.charCodeAt(i) - 48);
  return v;
}

/** Index in `known` of s[start, end), or -1. */
function knownIndex(s: string, start: number, end: number, known: readonly string[]): number {
  const len = end - start;
  for (let k = 0; k < known.length; k++) {
    const cand = known[k];
    if (cand.length === len && eqAt(s, start, cand)) return k;
  }
  return -1;
}

/**
 * Fast path for the hdrhistogram block as Java YCSB prints it, from just after `NAME: ` to the
 * closing `]`: `Count=…, Max=…, Min=…, Avg=…[, 90=…, 99=…, …]` with plain numbers. Gives the
 * same entry the general loop gives (same values, same key order), or undefined when the block
 * is anything else (Long.MAX, NaN, E notation, other keys or spacing): the general loop reads it.
 */
function plainJavaBlock(s: string, i: number, close: number): StatusOps[string] | undefined {
  // `Count=` (C o u n t =), compared by char codes
  if (
    s.charCodeAt(i) !== 67 ||
    s.charCodeAt(i + 1) !== 111 ||
    s.charCodeAt(i + 2) !== 117 ||
    s.charCodeAt(i + 3) !== 110 ||
    s.charCodeAt(i + 4) !== 116 ||
    s.charCodeAt(i + 5) !== 61
  ) {
    return undefined;
  }
  const count = readPlain(s, i + 6, close);
  if (count !== count || s.charCodeAt(plainEnd) !== 44 || s.charCodeAt(plainEnd + 1) !== 32) return undefined;
  i = plainEnd + 2;
  if (s.charCodeAt(i) !== 77 || s.charCodeAt(i + 1) !== 97 || s.charCodeAt(i + 2) !== 120 || s.charCodeAt(i + 3) !== 61) return undefined; // Max=
  const max = readPlain(s, i + 4, close);
  if (max !== max || s.charCodeAt(plainEnd) !== 44 || s.charCodeAt(plainEnd + 1) !== 32) return undefined;
  i = plainEnd + 2;
  if (s.charCodeAt(i) !== 77 || s.charCodeAt(i + 1) !== 105 || s.charCodeAt(i + 2) !== 110 || s.charCodeAt(i + 3) !== 61) return undefined; // Min=
  const min = readPlain(s, i + 4, close);
  if (min !== min || s.charCodeAt(plainEnd) !== 44 || s.charCodeAt(plainEnd + 1) !== 32) return undefined;
  i = plainEnd + 2;
  if (s.charCodeAt(i) !== 65 || s.charCodeAt(i + 1) !== 118 || s.charCodeAt(i + 2) !== 103 || s.charCodeAt(i + 3) !== 61) return undefined; // Avg=
  const avg = readPlain(s, i + 4, close);
  if (avg !== avg) return undefined;
  // percentiles: the usual 90, 99, 99.9, 99.99 in that order go to one object literal
  let pn = 0;
  let p0 = 0;
  let p1 = 0;
  let p2 = 0;
  let p3 = 0;
  let pct: Record<string, number> | undefined;
  for (;;) {
    i = plainEnd;
    if (i === close) break;
    if (s.charCodeAt(i) !== 44 || s.charCodeAt(i + 1) !== 32) return undefined;
    i += 2;
    const keyStart = i;
    if (!isDigit(s.charCodeAt(i))) return undefined;
    while (i < close) {
      const c = s.charCodeAt(i);
      if ((c >= 48 && c <= 57) || c === 46) i++;
      else break;
    }
    if (s.charCodeAt(i) !== 61 /* = */) return undefined;
    const v = readPlain(s, i + 1, close);
    if (v !== v) return undefined;
    const ki = knownIndex(s, keyStart, i, PERCENTILE_KEYS);
    if (pct === undefined && ki === pn && pn < 4) {
      if (pn === 0) p0 = v;
      else if (pn === 1) p1 = v;
      else if (pn === 2) p2 = v;
      else p3 = v;
      pn++;
    } else {
      if (pct === undefined) {
        pct = {};
        if (pn > 0) pct[PERCENTILE_KEYS[0]] = p0;
        if (pn > 1) pct[PERCENTILE_KEYS[1]] = p1;
        if (pn > 2) pct[PERCENTILE_KEYS[2]] = p2;
        if (pn > 3) pct[PERCENTILE_KEYS[3]] = p3;
      }
      pct[ki >= 0 ? PERCENTILE_KEYS[ki] : s.slice(keyStart, i)] = v;
    }
  }
  if (count === 0) return { count, percentiles: {} };
  let percentiles: Record<string, number>;
  if (pct) percentiles = pct;
  else if (pn === 4) percentiles = { '90': p0, '99': p1, '99.9': p2, '99.99': p3 };
  else {
    percentiles = {};
    if (pn > 0) percentiles[PERCENTILE_KEYS[0]] = p0;
    if (pn > 1) percentiles[PERCENTILE_KEYS[1]] = p1;
    if (pn > 2) percentiles[PERCENTILE_KEYS[2]] = p2;
  }
  return { count, percentiles, max, min, avg };
}

/** The head of a Java hdrhistogram block after `NAME: `, as a pattern (also in LEAN_BLOCK). */
const JAVA_HEAD_SOURCE = 'Count=\\d+, Max=';
const JAVA_BLOCK_HEAD = new RegExp(JAVA_HEAD_SOURCE, 'y');

/**
 * Whether s[i, close) is `Count=<digits>, Max=…` without an AverageLatency label: a block the
 * general loop would count as comma-separated (at least two pairs, the first ending with a comma)
 * and that cannot set sawMs.
 */
function javaBlockShape(s: string, i: number, close: number, latencyLabelAt: number): boolean {
  // (the head holds no ']': matched from i < close, it ends inside the block)
  JAVA_BLOCK_HEAD.lastIndex = i;
  if (i >= close || !JAVA_BLOCK_HEAD.test(s)) return false;
  if (latencyLabelAt < 0) return true; // no AverageLatency anywhere in the rest of the line
  const lat = s.indexOf('AverageLatency', JAVA_BLOCK_HEAD.lastIndex);
  return lat < 0 || lat >= close;
}

function usable(v: number | undefined): v is number {
  return v !== undefined && !Number.isNaN(v) && Number.isFinite(v) && Math.abs(v) < NO_VALUE_THRESHOLD;
}

/** Stands for an hdrhistogram block whose values were not read (see parseStatusLine's `ops`). */
const UNREAD_BLOCK: StatusOps[string] = Object.freeze({ percentiles: Object.freeze({}) as Record<string, number> });

/**
 * The `ops` of lean status lines, one frozen object per sequence of operation names (e.g. READ then
 * UPDATE): such lines are most of a campaign's and share it. Key: the names' indices in OP_NAMES
 * plus one, as digits in base 16 (at most 8 blocks). At most LEAN_OPS_CAP sequences are kept (a
 * real campaign has a handful; beyond the cap a line gets an object of its own).
 */
const LEAN_OPS = new Map<number, StatusOps>();
const LEAN_OPS_CAP = 4096;
/** Scratch of leanOps: the indices in OP_NAMES a key names, last block first. */
const leanSeq = new Int32Array(8);

/**
 * `[NAME: Count=<digits>, Max=` with NAME one of OP_NAMES, at lastIndex: the block shape the lean
 * path skips (see javaBlockShape). One native match instead of a comparison per character: the line
 * is a slice of the file's text, whose characters cost several times more to read one by one.
 */
const LEAN_BLOCK = new RegExp(`\\[(?:${OP_NAMES.join('|')}): ${JAVA_HEAD_SOURCE}`, 'y'); // (names: letters and '-')

/** Index in OP_NAMES by first character × 32 + length (unique for every name; -1: none). */
const OP_BY_CHAR_LEN = new Int8Array(128 * 32).fill(-1);
for (let i = 0; i < OP_NAMES.length; i++) OP_BY_CHAR_LEN[OP_NAMES[i].charCodeAt(0) * 32 + OP_NAMES[i].length] = i;

/**
 * The lean path's blocks when every block of the line, from `pos`, is a Java hdrhistogram block
 * `[NAME: Count=<digits>, Max=…]` with a name of OP_NAMES (at most 8), and the line holds no
 * `AverageLatency` (the caller checks): the shared `ops` the general loop would build for them (an
 * unread entry per name, in order; style java; sawMs unchanged). Undefined otherwise (no block, or
 * any other block): the general loop reads the line.
 */
function leanJavaBlocks(line: string, pos: number): StatusOps | undefined {
  let n = 0;
  let key = 0;
  for (;;) {
    const open = line.indexOf('[', pos);
    if (open < 0) break;
    const close = line.indexOf(']', open + 1);
    if (close < 0) break;
    // the name ends at the block's first ':' (the general loop's nameEnd: names hold no ':' or ' '),
    // and `Count=<digits>, Max=` holds no ']': the match lies inside the block
    LEAN_BLOCK.lastIndex = open;
    if (n === 8 || !LEAN_BLOCK.test(line)) return undefined;
    const colon = line.indexOf(':', open + 1);
    const ki = OP_BY_CHAR_LEN[line.charCodeAt(open + 1) * 32 + (colon - open - 1)];
    n++;
    key = key * 16 + ki + 1;
    pos = close + 1;
  }
  if (n === 0) return undefined;
  return leanOps(key);
}

/**
 * The shared `ops` of a lean line whose blocks are, in order, the operations the key's base-16
 * digits name (each an index in OP_NAMES plus one, the first block the most significant digit):
 * an unread entry per name (see leanJavaBlocks).
 * @example Object.keys(leanOps(0x12)) // ['READ', 'UPDATE']
 */
function leanOps(key: number): StatusOps {
  let ops = LEAN_OPS.get(key);
  if (ops === undefined) {
    let n = 0;
    for (let k = key; k > 0; k = Math.floor(k / 16)) leanSeq[n++] = (k % 16) - 1;
    const o: StatusOps = {};
    for (let k = n - 1; k >= 0; k--) o[OP_NAMES[leanSeq[k]]] = UNREAD_BLOCK;
    ops = Object.freeze(o);
    if (LEAN_OPS.size < LEAN_OPS_CAP) LEAN_OPS.set(key, ops);
  }
  return ops;
}

/**
 * Parse one status line; undefined when the line is not one. Never throws. `secAt`: the index of
 * `' sec: '` in the line, when the caller has it. `ops` false: the Java hdrhistogram blocks
 * (`[OP: Count=…, Max=…, …]`) are not read: each gives a shared empty entry `{ percentiles: {} }`
 * (the block is still seen: same keys, same style); other blocks are read as usual. A line whose
 * blocks are all such blocks of known operations (the usual line) gets one frozen `ops` object shared
 * with every line that has the same operations in the same order. For callers that keep only t,
 * operations and throughput (about a third of the parsing time of a status line).
 *
 * @example parseStatusLine('10 sec: 678 operations; 67.8 current ops/sec;')?.throughput // 67.8
 */
export function parseStatusLine(line: string, secAt = line.indexOf(' sec: '), ops = true): ParsedStatusLine | undefined {
  if (!readStatusLine(line, secAt, ops)) return undefined;
  const s = STATUS_LINE;
  const out: ParsedStatusLine = { t: s.t, operations: s.operations, ops: s.ops, style: s.style, sawMs: s.sawMs };
  if (s.throughput !== undefined) out.throughput = s.throughput;
  return out;
}

/**
 * The status line {@link readStatusLine} read last (overwritten by the next one): the parser reads
 * its fields at once, so that a status line allocates nothing but its sample.
 */
export const STATUS_LINE: { t: number; operations: number; throughput: number | undefined; ops: StatusOps; style: 'java' | 'cpp'; sawMs: boolean } = {
  t: 0,
  operations: 0,
  throughput: undefined,
  ops: {},
  style: 'java',
  sawMs: false,
};

/** {@link parseStatusLine} into {@link STATUS_LINE}; false (STATUS_LINE unchanged or partly
 * written) when the line is not a status line. */
export function readStatusLine(line: string, secAt: number, ops: boolean): boolean {
  if (secAt < 1) return false;
  let j = secAt - 1;
  while (j >= 0 && isDigit(line.charCodeAt(j))) j--;
  if (j === secAt - 1) return false;
  if (j >= 0 && line.charCodeAt(j) !== 32) return false;
  const t = digitsValue(line, j + 1, secAt);
  let k = secAt + 6;
  const opsStart = k;
  while (k < line.length && isDigit(line.charCodeAt(k))) k++;
  if (k === opsStart) return false;
  if (!line.startsWith(' operations', k)) return false;
  const out = STATUS_LINE;
  out.t = t;
  out.operations = digitsValue(line, opsStart, k);
  out.throughput = undefined;
  out.style = 'java';
  out.sawMs = false;
  const restStart = k + 11;

  const cur = line.indexOf(' current ops/sec', restStart);
  if (cur >= 0) {
    let b = cur - 1;
    while (b >= restStart && line.charCodeAt(b) !== 32 && line.charCodeAt(b) !== 59) b--;
    const v = readNumber(line, b + 1, cur);
    if (v !== undefined && !Number.isNaN(v)) out.throughput = v;
  }

  let pos = restStart;
  // searched once per line for the lean path's block test (per block only when the line has one)
  const latencyLabelAt = ops ? -1 : line.indexOf('AverageLatency', restStart);
  if (!ops && latencyLabelAt < 0) {
    // the usual line: Java hdrhistogram blocks only (one frozen `ops` shared by such lines)
    const lean = leanJavaBlocks(line, restStart);
    if (lean !== undefined) {
      out.ops = lean;
      return true;
    }
  }
  out.ops = {};
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
    const name = keyAt(line, open + 1, nameEnd, OP_NAMES);
    if (!ops && nameEnd === colon && line.charCodeAt(colon + 1) === 32 && javaBlockShape(line, colon + 2, close, latencyLabelAt)) {
      // what the fast path or the general loop would record for it: an entry, one comma-separated block
      out.ops[name] = UNREAD_BLOCK;
      commaSeparatedBlocks++;
      continue;
    }
    if (nameEnd === colon && line.charCodeAt(colon + 1) === 32) {
      const fast = plainJavaBlock(line, colon + 2, close);
      if (fast) {
        out.ops[name] = fast;
        commaSeparatedBlocks++;
        continue;
      }
    }
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
        if (usable(value)) percentiles[keyAt(line, tokStart, eq, PERCENTILE_KEYS)] = value;
      } else if (klen === 5 && eqAt(line, tokStart, 'Count')) count = value;
      else if (klen === 3 && eqAt(line, tokStart, 'Max')) max = value;
      else if (klen === 3 && eqAt(line, tokStart, 'Min')) min = value;
      else if (klen === 3 && eqAt(line, tokStart, 'Avg')) avg = value;
      else if (klen >= 14 && eqAt(line, tokStart, 'AverageLatency')) {
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
  return true;
}
