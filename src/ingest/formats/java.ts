/**
 * The Java YCSB client (site.ycsb.Client): its header and its summary as the exporters print it.
 *
 * - text exporter: `[READ], AverageLatency(us), 123.4`; also the old `histogram` buckets
 *   `[INSERT], 0, 84` … `[INSERT], >1000, 3` and the `timeseries` rows `[READ], 0, 1234.5`;
 *   `[`-prefixed lines that are not `[NAME], measurement, value` (driver logs such as
 *   `[Thread-2] INFO …`) are neither metrics nor errors;
 * - JSON / JSON-array exporters, see json-records.ts;
 * - the header: `Command line:`, the java command, `YCSB Client x.y`, see header.ts.
 * Its `-s` status lines (status.ts) are read by the dispatcher (parse.ts), as YCSB-cpp's are.
 *
 * `operations` = sum of the operation sections' counts, excluding CLEANUP, the JVM pseudo
 * operations (THREAD_COUNT, USED_MEM_MB, SYS_LOAD_AVG, GCS, GCS_TIME) and `Intended-X` copies of X
 * (measurement.interval=both),
 * minus READ-MODIFY-WRITE (whose read and update are also counted under READ and UPDATE). This
 * equals YCSB's own count (Throughput × RunTime); a shortfall means the summary was cut.
 *
 * Pure: no I/O.
 */
import type { OperationStats, ParsedRun, YcsbFormat } from '../../model/run.js';
import { noSummary, warnExceptionsInOkRun, exceptionText, type Missing } from '../classify.js';
import { addOperationMetrics, clip, opKey, type Invocation } from '../invocation.js';
import { applyClientArgs, clientArgsFromJavaLine, isJavaClientLine, splitClientArgs } from './header.js';
import { javaClasspath } from '../signature.js';
import { mayHoldJsonKey, scanJsonLine } from './json-records.js';
import { latencyUnitFactor, NO_VALUE_THRESHOLD, parseNumber } from './numbers.js';
import { CPP_SUMMARY } from './ycsb-cpp.js';

/** One row of the `timeseries` measurement: offset (ms since start) -> mean latency (µs). */
type TimeseriesPoint = NonNullable<OperationStats['timeseries']>[number];

const JAVA_SUMMARY: Missing = { short: 'summary', full: 'summary ([OVERALL], RunTime(ms) / Throughput(ops/sec))' };

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

// ---------------------------------------------------------------------------------------------
// Lines

/**
 * A `[`-prefixed line that is not go-ycsb's json style: a text-exporter line, the start of the
 * JSON-array export, or a driver log line such as `[Thread-2] INFO …` (neither metric nor error).
 */
export function javaBracketLine(p: Invocation, line: string, n: number): void {
  if (textMetricLine(p, line, n)) return;
  const t = line.trim();
  if (t === '[' || t.startsWith('[ {') || t.startsWith('[{')) {
    if (p.jsonRecords === 0) p.jsonArray = true;
    if (mayHoldJsonKey(line)) jsonLine(p, line, n);
  }
}

/** A line of the JSON exporters (`{`, `"metric" : …`); false when it cannot be one. */
export function javaJsonLine(p: Invocation, line: string, n: number, c0: number): boolean {
  if (c0 === 123 /* { */ && p.jsonRecords === 0 && !p.jsonArray) p.jsonObjectSeen = true;
  if (!mayHoldJsonKey(line)) return false;
  jsonLine(p, line, n);
  return true;
}

function jsonLine(p: Invocation, line: string, n: number): void {
  scanJsonLine(line, n, p.json, (r) => {
    if (metric(p, r.metric, r.measurement, r.value, r.line)) p.jsonRecords++;
  });
}

/** A header line of the Java client (or of a binding it loads); false when it is not one. */
export function javaHeaderLine(p: Invocation, line: string, n: number, c0: number): boolean {
  if (c0 === 67 /* C */ && line.startsWith('Command line:')) {
    const rest = line.slice(13).trim();
    p.header.commandLine = rest;
    p.headerLine ??= n;
    const split = splitClientArgs(rest);
    p.noteRejoined(split, n);
    applyClientArgs(split.args, p.header, n, p.diagnostics);
    return true;
  }
  if (c0 === 89 /* Y */ && line.startsWith('YCSB Client ')) {
    p.header.version = line.slice(12).trim();
    p.headerLine ??= n;
    return true;
  }
  if (line.indexOf('ycsb.Client') >= 0) {
    if (p.javaEchoLine === undefined && isJavaClientLine(line)) p.javaEchoLine = n;
    const split = clientArgsFromJavaLine(line);
    if (split && !p.javaArgs) {
      p.javaArgs = { split, line: n };
      const classpath = javaClasspath(line);
      if (classpath !== undefined) p.header.classpath = classpath;
      p.headerLine ??= n;
    }
    if (split) return true;
  }
  if (line === 'Loading workload...' || line === 'Starting test.') {
    p.headerLine ??= n;
    return true;
  }
  if (line.startsWith('DBWrapper: report latency for each error')) {
    p.headerLine ??= n;
    return true;
  }
  if (line.startsWith('mongo client connection created with ')) {
    p.bannerLine ??= n;
    p.bannerDb = 'mongodb';
    return true;
  }
  return false;
}

function textMetricLine(p: Invocation, line: string, n: number): boolean {
  const close = line.indexOf('], ');
  if (close < 2) return false;
  for (let i = 1; i < close; i++) {
    const c = line.charCodeAt(i);
    if (c === 32 || c === 91 || c === 9) return false;
  }
  const name = line.slice(1, close);
  const rest = line.slice(close + 3);
  const last = rest.lastIndexOf(', ');
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
  const ok = metric(p, name, rest.slice(0, last), rest.slice(last + 2), n);
  if (ok) p.textMetricLines++;
  return ok;
}

// ---------------------------------------------------------------------------------------------
// Summary metrics (text and JSON exporters)

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

function number(p: Invocation, name: string, measurement: string, text: string, line: number): number | undefined {
  const v = parseNumber(text);
  if (v === undefined) {
    p.diag({
      line,
      severity: 'error',
      message: 'unreadable value',
      expected: `a number after "[${name}], ${measurement},"`,
      found: JSON.stringify(clip(text, 60)),
    });
    p.unreadable.push({ what: `[${name}], ${measurement}`, line });
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

/** One `[NAME], measurement, value` of the summary; false when it is not a summary line. */
function metric(p: Invocation, name: string, measurement: string, valueText: string, line: number): boolean {
  if (name === 'OVERALL') {
    if (measurement.startsWith('RunTime')) {
      maybeNewSummary(p, line);
      if (p.overallLine === undefined || p.runtime === undefined) p.overallLine = line;
      const v = number(p, name, measurement, valueText, line);
      const unit = latencyUnitFactor(measurement).unit;
      if (v !== undefined && !Number.isNaN(v)) p.runtime = unit === 's' ? v * 1000 : v;
      p.runtimeLine = line;
    } else if (measurement.startsWith('Throughput')) {
      if (p.overallLine === undefined) p.overallLine = line;
      const v = number(p, name, measurement, valueText, line);
      if (v !== undefined && !Number.isNaN(v)) p.throughput = v;
      p.throughputLine = line;
      p.throughputText = valueText.trim();
    } else return false;
    p.lastSummaryLine = line;
    return true;
  }
  if (name.startsWith('TOTAL_GC')) {
    const v = number(p, name, measurement, valueText, line);
    p.lastSummaryLine = line;
    if (v === undefined || Number.isNaN(v)) return true;
    if (name === 'TOTAL_GCs' || name === 'TOTAL_GCS') {
      if (measurement === 'Count') p.gcCount = v;
    } else if (name === 'TOTAL_GC_TIME') {
      if (measurement.startsWith('Time(ms)')) p.gcTime = v;
    } else if (name.startsWith('TOTAL_GCS_')) {
      p.gcCollectorCount += v;
      p.gcCollectorsSeen = true;
    } else if (name.startsWith('TOTAL_GC_TIME_') && !name.startsWith('TOTAL_GC_TIME_%')) {
      p.gcCollectorTime += v;
    }
    return true;
  }
  if (JVM_SUMMARY.has(name)) {
    p.lastSummaryLine = line;
    return true;
  }
  if (JVM_PSEUDO_OPS.has(name)) {
    if (!p.jvmPseudoSkipped) {
      p.jvmPseudoSkipped = true;
      p.diag({
        line,
        severity: 'info',
        message: `JVM measurements ([${name}] and the like, measurement.trackjvm) are not operations: skipped`,
      });
    }
    p.lastSummaryLine = line;
    return true;
  }

  const c0 = measurement.charCodeAt(0);
  let kind: 'count' | 'avg' | 'min' | 'max' | 'pct' | 'ret' | 'row' | 'var' | undefined;
  if (measurement === 'Operations') kind = 'count';
  else if (measurement.startsWith('AverageLatency(')) kind = 'avg';
  else if (measurement.startsWith('MinLatency(')) kind = 'min';
  else if (measurement.startsWith('MaxLatency(')) kind = 'max';
  else if (measurement.startsWith('Return=')) kind = 'ret';
  else if (measurement.startsWith('LatencyVariance(')) kind = 'var';
  else if (measurement.indexOf('PercentileLatency(') > 0) kind = 'pct';
  else if (isDigit(c0) || (c0 === 62 /* > */ && isDigit(measurement.charCodeAt(1)))) kind = 'row';
  if (kind === undefined) return false;

  const acc = op(p, name, line);
  p.lastSummaryLine = line;
  if (kind === 'avg') acc.hasAvg = true;
  if (kind === 'pct') acc.seen.add(`p${percentileKey(measurement.slice(0, measurement.indexOf('PercentileLatency(')))}`);
  else if (kind !== 'ret' && kind !== 'row') acc.seen.add(kind);
  const v = number(p, name, measurement, valueText, line);
  if (v === undefined) return true;
  const s = acc.stats;
  switch (kind) {
    case 'count':
      if (!Number.isNaN(v)) s.count = v;
      break;
    case 'avg':
    case 'min':
    case 'max': {
      const u = latencyUnitFactor(measurement);
      if (u.unit === 'ms') p.sawMsLabel = true;
      if (Number.isNaN(v) || !Number.isFinite(v) || Math.abs(v) >= NO_VALUE_THRESHOLD) break;
      s[kind] = v * u.factor;
      break;
    }
    case 'pct': {
      const at = measurement.indexOf('PercentileLatency(');
      const key = percentileKey(measurement.slice(0, at));
      const u = latencyUnitFactor(measurement);
      if (u.unit === 'ms') p.sawMsLabel = true;
      if (key === '' || Number.isNaN(v) || !Number.isFinite(v) || Math.abs(v) >= NO_VALUE_THRESHOLD) break;
      s.percentiles[key] = v * u.factor;
      break;
    }
    case 'ret':
      if (!Number.isNaN(v)) s.returns[measurement.slice(7)] = v;
      break;
    case 'row':
      acc.rows.push({ key: measurement, value: v, text: valueText, line });
      break;
    case 'var':
      break;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// End of the invocation

/**
 * What the Java header and JSON export leave to the end: the command line from the java command
 * when no `Command line:` was printed, the default phase, the database from a binding's banner,
 * and a JSON export cut inside a record. For every dialect (a header is a header), before the
 * dialect's own end.
 */
export function endJavaText(p: Invocation): void {
  if (!p.header.commandLine && p.javaArgs) {
    p.header.commandLine = p.javaArgs.split.args.join(' ');
    p.noteRejoined(p.javaArgs.split, p.javaArgs.line);
    applyClientArgs(p.javaArgs.split.args, p.header, p.javaArgs.line, p.diagnostics);
  }
  if (p.header.commandLine !== undefined && p.header.factors.phase === undefined) {
    p.header.factors.phase = 'run'; // site.ycsb.Client: -t (transactions) is the default
  }
  if (p.header.factors.db === undefined && p.header.binding === undefined && p.bannerDb) {
    p.header.factors.db = p.bannerDb;
  }
  if (p.json.metric !== undefined || p.json.measurement !== undefined) {
    p.diag({
      line: p.lastNonEmptyLine,
      severity: 'warning',
      message: 'the JSON export ends inside a record',
      expected: '"metric", "measurement" and "value"',
      found: 'end of text',
    });
  }
}

/** Histogram buckets, timeseries rows or hdrhistogram verbose buckets, per operation. */
function classifyRows(p: Invocation, acc: OpAcc): 'histogram' | 'timeseries' | 'hdr' | undefined {
  const rows = acc.rows;
  if (rows.length === 0) return undefined;
  const mt = (p.header.properties.measurementtype ?? '').toLowerCase();
  let overflow = false;
  for (const r of rows) if (r.key.charCodeAt(0) === 62) overflow = true;
  let kind: 'histogram' | 'timeseries' | 'hdr';
  if (overflow) kind = 'histogram';
  else if (mt === 'timeseries') kind = 'timeseries';
  else if (mt.startsWith('hdrhistogram')) kind = 'hdr';
  else if (mt === 'histogram') kind = 'histogram';
  else {
    // timeseries offsets start at 0 and step by the granularity; hdr buckets do not
    const keys = rows.map((r) => Number(r.key));
    let regular = keys[0] === 0;
    const step = keys.length > 1 ? keys[1] - keys[0] : 0;
    for (let i = 1; regular && i < keys.length; i++) if (keys[i] - keys[i - 1] !== step || step <= 0) regular = false;
    kind = regular ? 'timeseries' : 'hdr';
  }
  if (kind === 'timeseries') {
    acc.stats.timeseries = rows.map((r) => {
      const pt: TimeseriesPoint = { t: Number(r.key), line: r.line };
      if (!Number.isNaN(r.value) && Number.isFinite(r.value)) pt.avg = r.value;
      return pt;
    });
  } else {
    acc.stats.histogram = rows.map((r) => ({ bucket: r.key, count: r.value }));
  }
  return kind;
}

/**
 * The run of a Java client's output (or of YCSB-cpp status lines without its summary): its format
 * (text, JSON, JSON array, histogram), the summary's metrics, and whether the summary is there,
 * complete, and shows useful work.
 */
export function finishJava(p: Invocation): ParsedRun {
  let histogram = false;
  const operations: Record<string, OperationStats> = {};
  const metrics: Record<string, number> = {};
  let total = 0;
  let rmw = 0;
  let opSections = 0;
  let lastOp: OpAcc | undefined;
  for (const acc of p.ops.values()) {
    const kind = classifyRows(p, acc);
    if (kind === 'histogram') histogram = true;
    const s = acc.stats;
    operations[s.operation] = s;
    addOperationMetrics(metrics, s);
    const key = opKey(s.operation);
    for (const [code, v] of Object.entries(s.returns)) metrics[`${key}.return.${code.toLowerCase()}`] = v;
    if (!lastOp || acc.lastLine > lastOp.lastLine) lastOp = acc;
    if (s.operation === 'CLEANUP') continue;
    // measurement.interval=both measures every operation twice: READ and Intended-READ
    if (s.operation.startsWith('Intended-') && p.ops.has(s.operation.slice(9))) continue;
    opSections++;
    if (s.operation === 'READ-MODIFY-WRITE') rmw += s.count ?? 0;
    else total += s.count ?? 0;
  }
  const operationsTotal = Math.max(0, total - rmw);
  const latencyMs = histogram || p.sawMsLabel;
  const format: YcsbFormat =
    p.jsonRecords > 0 && p.textMetricLines === 0
      ? p.jsonArray || !p.jsonObjectSeen
        ? 'ycsb-json-array'
        : 'ycsb-json'
      : latencyMs
        ? 'ycsb-histogram'
        : p.cppStyleStatus && !p.javaStyleStatus && p.headerLine === undefined
          ? 'ycsb-cpp'
          : p.runtime !== undefined ||
              p.throughput !== undefined ||
              p.ops.size > 0 ||
              p.series.length > 0 ||
              p.headerLine !== undefined ||
              p.bannerLine !== undefined ||
              p.usageLine !== undefined
            ? 'ycsb-text'
            : 'unknown';

  const hasSummary = p.runtime !== undefined || p.throughput !== undefined || p.overallLine !== undefined;
  if (!hasSummary) {
    if (p.ops.size > 0) {
      p.diag({
        line: p.ops.values().next().value?.firstLine,
        severity: 'warning',
        message: 'operation sections without the [OVERALL] lines: the summary is incomplete',
      });
    }
    const r = noSummary(p, format, format === 'ycsb-cpp' ? CPP_SUMMARY : JAVA_SUMMARY);
    if (r.status === 'partial' || r.status === 'failed') {
      r.operations = operations;
      r.metrics = metrics;
      r.sourceLatencyUnit = latencyMs ? 'ms' : 'us';
    }
    return r;
  }

  if (p.runtime !== undefined) metrics.runtime = p.runtime;
  if (p.throughput !== undefined) metrics.throughput = p.throughput;
  if (opSections > 0) metrics.operations = operationsTotal;
  const gcCount = p.gcCount ?? (p.gcCollectorsSeen ? p.gcCollectorCount : undefined);
  const gcTime = p.gcTime ?? (p.gcCollectorsSeen ? p.gcCollectorTime : undefined);
  if (gcCount !== undefined) metrics['gc.count'] = gcCount;
  if (gcTime !== undefined) metrics['gc.time'] = gcTime;

  const run = p.base('ok', format === 'unknown' ? 'ycsb-text' : format);
  run.metrics = metrics;
  run.operations = operations;
  run.sourceLatencyUnit = latencyMs ? 'ms' : 'us';

  const at = p.overallLine;
  if (p.runtime === undefined || p.throughput === undefined) {
    const missing = p.runtime === undefined ? 'RunTime(ms)' : 'Throughput(ops/sec)';
    run.status = 'partial';
    p.diag({
      line: at,
      severity: 'warning',
      message: `partial: the summary has no readable [OVERALL], ${missing}`,
      expected: `"[OVERALL], ${missing}, <number>"`,
      found: p.unreadable.length > 0 ? `unreadable at line ${p.unreadable[0].line}` : 'no such line',
    });
    return run;
  }
  if (p.throughput === 0 || (opSections > 0 && operationsTotal === 0)) {
    run.status = 'failed';
    const why =
      p.throughput === 0
        ? `Throughput(ops/sec) is ${p.throughputText ?? p.throughput} (line ${p.throughputLine})`
        : `every operation section counts 0 operations`;
    const sections = opSections === 0 ? 'no operation section' : `${opSections} operation section(s), ${operationsTotal} operation(s)`;
    p.diag({
      line: p.throughput === 0 ? p.throughputLine : at,
      severity: 'error',
      message: `failed: the run did no useful work: ${why}, ${sections}${p.firstException ? `; first exception at ${exceptionText(p)}` : ''}`,
    });
    return run;
  }
  if (opSections === 0) {
    run.status = 'partial';
    p.diag({
      line: p.lastSummaryLine,
      severity: 'warning',
      message: `partial: the summary stops after the [OVERALL] lines: Throughput is ${p.throughput} but no operation section follows`,
      expected: 'operation sections ([READ], Operations, …)',
      found: 'end of text',
    });
    return run;
  }
  if (p.malformedMetricLine !== undefined && p.malformedMetricLine >= p.lastSummaryLine) {
    run.status = 'partial';
    p.diag({
      line: p.malformedMetricLine,
      severity: 'warning',
      message: 'partial: the summary is cut in its last line',
    });
    return run;
  }
  if (lastOp && (lastOp.stats.count === undefined || (!lastOp.hasAvg && lastOp.rows.length === 0))) {
    run.status = 'partial';
    p.diag({
      line: lastOp.lastLine,
      severity: 'warning',
      message: `partial: the summary is cut inside the [${lastOp.stats.operation}] section`,
      expected: lastOp.stats.count === undefined ? `"[${lastOp.stats.operation}], Operations, <n>"` : `"[${lastOp.stats.operation}], AverageLatency(us), <x>"`,
      found: 'end of the section',
    });
    return run;
  }
  if (lastOp && lastOp.stats.count !== 0) {
    // the last section lacks a line every other section has: cut inside it (the old histogram
    // measurement may legitimately skip a percentile, so only count/avg/min/max count there)
    let common: Set<string> | undefined;
    for (const acc of p.ops.values()) {
      if (acc === lastOp) continue;
      common = common ? new Set([...common].filter((k) => acc.seen.has(k))) : new Set(acc.seen);
    }
    const missing = common ? [...common].filter((k) => !lastOp.seen.has(k) && !(latencyMs && k.startsWith('p'))) : [];
    if (missing.length > 0) {
      run.status = 'partial';
      p.diag({
        line: lastOp.lastLine,
        severity: 'warning',
        message: `partial: the summary is cut inside the [${lastOp.stats.operation}] section (it lacks ${missing.join(', ')}, which every other section has)`,
        expected: `more [${lastOp.stats.operation}] lines`,
        found: 'end of the section',
      });
      return run;
    }
  }
  const expected = (p.throughput * p.runtime) / 1000;
  if (operationsTotal + 1 < expected * (1 - 1e-9)) {
    run.status = 'partial';
    p.diag({
      line: p.lastSummaryLine,
      severity: 'warning',
      message: `partial: the operation sections count ${operationsTotal} operations but Throughput × RunTime gives ${Math.round(expected)}: sections are missing (the summary was cut)`,
      expected: `${Math.round(expected)} operations`,
      found: `${operationsTotal}`,
    });
    return run;
  }
  if (operationsTotal > expected * (1 + 1e-9) + 1) {
    p.diag({
      line: p.lastSummaryLine,
      severity: 'warning',
      message: `the operation sections count ${operationsTotal} operations, more than Throughput × RunTime (${Math.round(expected)})`,
    });
  }
  if (p.unreadable.length > 0) {
    p.diag({
      line: p.unreadable[0].line,
      severity: 'warning',
      message: `${p.unreadable.length} summary value(s) unreadable and left out`,
    });
  }
  warnExceptionsInOkRun(p);
  return run;
}
