/**
 * The Java client's summary lines, as the text exporter prints them (`[READ], AverageLatency(us),
 * 123.4`) and as the JSON exporters give them (json-records.ts): `[NAME], measurement, value`.
 *
 * ```
 * [NAME], measurement ──describeMetric──► what the line is (runtime, throughput, GC, JVM, an
 *                                          operation's count / latency / percentile / return code /
 *                                          histogram row), once per distinct prefix
 *   value ──parseNumber──► the Invocation: [OVERALL] fields, GC totals, the operation's section (OpAcc)
 * ```
 * The repetitions of a campaign print the same few dozen prefixes: what a prefix is, is decided
 * once (a bounded map, the prefix copied) and every line then only reads its value.
 *
 * Pure: no I/O.
 */
import type { OperationStats } from '../../model/run.js';
import { clip, type Invocation } from '../invocation.js';
import { latencyUnitFactor, NO_VALUE_THRESHOLD, parseNumber } from './numbers.js';

/** Operation names YCSB measures that are not client operations (measurement.trackjvm). */
const JVM_PSEUDO_OPS = new Set(['THREAD_COUNT', 'USED_MEM_MB', 'SYS_LOAD_AVG', 'GCS', 'GCS_TIME']);
/** Summary-only JVM lines (measurement.trackjvm). */
const JVM_SUMMARY = new Set([
  'MAX_MEM_USED',
  'MIN_MEM_USED',
  'MAX_THREADS',
  'MIN_THREADS',
  'MAX_SYS_LOAD_AVG',
  'MIN_SYS_LOAD_AVG',
]);

/** A histogram bucket, timeseries row or hdrhistogram verbose bucket: `[READ], <key>, <value>`. */
interface Row {
  key: string;
  value: number;
  text: string;
  line: number;
}

/** One operation's section of the summary, as read so far. */
export interface OpAcc {
  stats: OperationStats;
  firstLine: number;
  lastLine: number;
  hasAvg: boolean;
  /** Which summary lines the section had ('count', 'avg', 'min', 'max', 'p95', …), read or not. */
  seen: Set<string>;
  rows: Row[];
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** `99.9` from `99.9PercentileLatency(us)`, `95` from `95thPercentileLatency(us)`, `1` from `1st…`. */
function percentileKey(prefix: string): string {
  let end = prefix.length;
  while (end > 0 && !isDigit(prefix.charCodeAt(end - 1))) end--;
  return prefix.slice(0, end);
}

/** What an operation's summary line gives its section. */
type OpKind = 'count' | 'avg' | 'min' | 'max' | 'pct' | 'ret' | 'row' | 'var';

/**
 * What a summary line `[NAME], measurement, …` is, decided from its name and measurement alone:
 * - 'runtime', 'throughput': `[OVERALL], RunTime(ms)` / `Throughput(ops/sec)`;
 * - 'gc': a `[TOTAL_GC…]` line, `gc` saying what its value adds to (none: only seen);
 * - 'jvm': a summary-only JVM line (measurement.trackjvm); 'pseudo': a JVM pseudo operation;
 * - 'op': a line of an operation's section, of `kind`;
 * - 'none': not a summary line.
 */
interface MetricDesc {
  name: string;
  measurement: string;
  target: 'runtime' | 'throughput' | 'gc' | 'jvm' | 'pseudo' | 'op' | 'none';
  /** runtime: printed in seconds (`RunTime(s)`). */
  seconds: boolean;
  gc: 'count' | 'time' | 'collectorCount' | 'collectorTime' | undefined;
  kind: OpKind | undefined;
  /** The key the line adds to its section's `seen` (undefined for return codes and rows). */
  seen: string | undefined;
  /** avg, min, max, pct: the latency's unit as a factor to µs, and whether it is ms. */
  factor: number;
  ms: boolean;
  /** pct: the percentile ('' when the measurement names none). */
  pct: string;
  /** ret: the return code (`OK` of `Return=OK`). */
  ret: string;
}

/** What `[name], measurement, …` is (see MetricDesc). */
function describeMetric(name: string, measurement: string): MetricDesc {
  const d: MetricDesc = { name, measurement, target: 'none', seconds: false, gc: undefined, kind: undefined, seen: undefined, factor: 1, ms: false, pct: '', ret: '' };
  if (name === 'OVERALL') {
    if (measurement.startsWith('RunTime')) {
      d.target = 'runtime';
      d.seconds = latencyUnitFactor(measurement).unit === 's';
    } else if (measurement.startsWith('Throughput')) d.target = 'throughput';
    return d;
  }
  if (name.startsWith('TOTAL_GC')) {
    d.target = 'gc';
    if (name === 'TOTAL_GCs' || name === 'TOTAL_GCS') d.gc = measurement === 'Count' ? 'count' : undefined;
    else if (name === 'TOTAL_GC_TIME') d.gc = measurement.startsWith('Time(ms)') ? 'time' : undefined;
    else if (name.startsWith('TOTAL_GCS_')) d.gc = 'collectorCount';
    else if (name.startsWith('TOTAL_GC_TIME_') && !name.startsWith('TOTAL_GC_TIME_%')) d.gc = 'collectorTime';
    return d;
  }
  if (JVM_SUMMARY.has(name)) {
    d.target = 'jvm';
    return d;
  }
  if (JVM_PSEUDO_OPS.has(name)) {
    d.target = 'pseudo';
    return d;
  }
  const c0 = measurement.charCodeAt(0);
  let kind: OpKind | undefined;
  if (measurement === 'Operations') kind = 'count';
  else if (measurement.startsWith('AverageLatency(')) kind = 'avg';
  else if (measurement.startsWith('MinLatency(')) kind = 'min';
  else if (measurement.startsWith('MaxLatency(')) kind = 'max';
  else if (measurement.startsWith('Return=')) kind = 'ret';
  else if (measurement.startsWith('LatencyVariance(')) kind = 'var';
  else if (measurement.indexOf('PercentileLatency(') > 0) kind = 'pct';
  else if (isDigit(c0) || (c0 === 62 /* > */ && isDigit(measurement.charCodeAt(1)))) kind = 'row';
  if (kind === undefined) return d;
  d.target = 'op';
  d.kind = kind;
  if (kind === 'pct') {
    d.pct = percentileKey(measurement.slice(0, measurement.indexOf('PercentileLatency(')));
    d.seen = `p${d.pct}`;
  } else if (kind !== 'ret' && kind !== 'row') d.seen = kind;
  if (kind === 'avg' || kind === 'min' || kind === 'max' || kind === 'pct') {
    const u = latencyUnitFactor(measurement);
    d.factor = u.factor;
    d.ms = u.unit === 'ms';
  }
  if (kind === 'ret') d.ret = measurement.slice(7);
  return d;
}

/** `[NAME], measurement` prefixes of text summary lines -> what they are (copies of the strings). */
const prefixes = new Map<string, MetricDesc>();
const PREFIXES_CAP = 4_096;

/** A text-exporter line `[NAME], measurement, value`; false when it is not one. */
export function textMetricLine(p: Invocation, line: string, n: number): boolean {
  const close = line.indexOf('], ');
  if (close < 2) return false;
  // the last `, ` after the name: where the value begins (-1: none)
  const lastComma = line.lastIndexOf(', ');
  const last = lastComma >= close + 3 ? lastComma : -1;
  if (last >= 0) {
    const known = prefixes.get(line.slice(0, last));
    if (known !== undefined) {
      const ok = metric(p, known, line.slice(last + 2), n);
      if (ok) p.textMetricLines++;
      return ok;
    }
  }
  for (let i = 1; i < close; i++) {
    const c = line.charCodeAt(i);
    if (c === 32 || c === 91 || c === 9) return false;
  }
  const name = line.slice(1, close);
  const rest = line.slice(close + 3);
  if (last < 0) {
    // `[READ], AverageLatency(us)` with no value: cut, or not a metric at all
    const looksLikeOurs =
      name === 'OVERALL' ||
      rest.startsWith('Operations') ||
      rest.indexOf('Latency(') >= 0 ||
      rest.startsWith('Return=') ||
      rest.startsWith('RunTime') ||
      rest.startsWith('Throughput');
    if (!looksLikeOurs) return false;
    p.malformedMetricLine = n;
    p.lastSummaryLine = n;
    p.diag({
      line: n,
      severity: 'error',
      message: 'incomplete summary line',
      expected: `"[${name}], ${rest}, <value>"`,
      found: JSON.stringify(clip(line, 80)),
    });
    return true;
  }
  let desc: MetricDesc;
  if (prefixes.size < PREFIXES_CAP) {
    // the prefix as a string of its own (not a slice of the file's text, which it would keep alive)
    const own = JSON.parse(JSON.stringify(line.slice(0, last))) as string;
    desc = describeMetric(own.slice(1, close), own.slice(close + 3));
    prefixes.set(own, desc);
  } else desc = describeMetric(name, line.slice(close + 3, last));
  const ok = metric(p, desc, line.slice(last + 2), n);
  if (ok) p.textMetricLines++;
  return ok;
}

/** A record of the JSON exporters; false when it is not a summary line. */
export function jsonMetric(p: Invocation, name: string, measurement: string, valueText: string, line: number): boolean {
  return metric(p, describeMetric(name, measurement), valueText, line);
}

function op(p: Invocation, name: string, line: number): OpAcc {
  let acc = p.ops.get(name);
  if (!acc) {
    acc = {
      stats: { operation: name, percentiles: {}, returns: {} },
      firstLine: line,
      lastLine: line,
      hasAvg: false,
      seen: new Set(),
      rows: [],
    };
    p.ops.set(name, acc);
  }
  acc.lastLine = line;
  return acc;
}

function number(p: Invocation, d: MetricDesc, text: string, line: number): number | undefined {
  const v = parseNumber(text);
  if (v === undefined) {
    p.diag({
      line,
      severity: 'error',
      message: 'unreadable value',
      expected: `a number after "[${d.name}], ${d.measurement},"`,
      found: JSON.stringify(clip(text, 60)),
    });
    p.unreadable.push({ what: `[${d.name}], ${d.measurement}`, line });
  }
  return v;
}

/** Start a new summary when a second `[OVERALL], RunTime` follows a complete one. */
function maybeNewSummary(p: Invocation, line: number): void {
  if (p.runtime === undefined && p.throughput === undefined) return;
  p.diag({
    line,
    severity: 'warning',
    message: `a second summary starts here (the first at line ${p.overallLine}): the file holds more than one run; the last one is used`,
  });
  p.runtime = p.throughput = undefined;
  p.runtimeLine = p.throughputLine = undefined;
  p.gcCount = p.gcTime = undefined;
  p.gcCollectorCount = p.gcCollectorTime = 0;
  p.gcCollectorsSeen = false;
  p.ops = new Map();
}

/** One summary line of what `d` describes, with its value; false when it is not a summary line. */
function metric(p: Invocation, d: MetricDesc, valueText: string, line: number): boolean {
  switch (d.target) {
    case 'none':
      return false;
    case 'runtime': {
      maybeNewSummary(p, line);
      if (p.overallLine === undefined || p.runtime === undefined) p.overallLine = line;
      const v = number(p, d, valueText, line);
      if (v !== undefined && !Number.isNaN(v)) p.runtime = d.seconds ? v * 1000 : v;
      p.runtimeLine = line;
      p.lastSummaryLine = line;
      return true;
    }
    case 'throughput': {
      if (p.overallLine === undefined) p.overallLine = line;
      const v = number(p, d, valueText, line);
      if (v !== undefined && !Number.isNaN(v)) p.throughput = v;
      p.throughputLine = line;
      p.throughputText = valueText.trim();
      p.lastSummaryLine = line;
      return true;
    }
    case 'gc': {
      const v = number(p, d, valueText, line);
      p.lastSummaryLine = line;
      if (v === undefined || Number.isNaN(v)) return true;
      if (d.gc === 'count') p.gcCount = v;
      else if (d.gc === 'time') p.gcTime = v;
      else if (d.gc === 'collectorCount') {
        p.gcCollectorCount += v;
        p.gcCollectorsSeen = true;
      } else if (d.gc === 'collectorTime') p.gcCollectorTime += v;
      return true;
    }
    case 'jvm':
      p.lastSummaryLine = line;
      return true;
    case 'pseudo':
      if (!p.jvmPseudoSkipped) {
        p.jvmPseudoSkipped = true;
        p.diag({
          line,
          severity: 'info',
          message: `JVM measurements ([${d.name}] and the like, measurement.trackjvm) are not operations: skipped`,
        });
      }
      p.lastSummaryLine = line;
      return true;
    case 'op':
      break;
  }
  const kind = d.kind;
  const acc = op(p, d.name, line);
  p.lastSummaryLine = line;
  if (kind === 'avg') acc.hasAvg = true;
  if (d.seen !== undefined) acc.seen.add(d.seen);
  const v = number(p, d, valueText, line);
  if (v === undefined) return true;
  const s = acc.stats;
  switch (kind) {
    case 'count':
      if (!Number.isNaN(v)) s.count = v;
      break;
    case 'avg':
    case 'min':
    case 'max':
      if (d.ms) p.sawMsLabel = true;
      if (Number.isNaN(v) || !Number.isFinite(v) || Math.abs(v) >= NO_VALUE_THRESHOLD) break;
      s[kind] = v * d.factor;
      break;
    case 'pct':
      if (d.ms) p.sawMsLabel = true;
      if (d.pct === '' || Number.isNaN(v) || !Number.isFinite(v) || Math.abs(v) >= NO_VALUE_THRESHOLD) break;
      s.percentiles[d.pct] = v * d.factor;
      break;
    case 'ret':
      if (!Number.isNaN(v)) s.returns[d.ret] = v;
      break;
    case 'row':
      acc.rows.push({ key: d.measurement, value: v, text: valueText, line });
      break;
    case 'var':
      break;
  }
  return true;
}
