/**
 * The Java YCSB client (site.ycsb.Client): its header and its summary as the exporters print it.
 *
 * - text exporter: `[READ], AverageLatency(us), 123.4`; also the old `histogram` buckets
 *   `[INSERT], 0, 84` … `[INSERT], >1000, 3` and the `timeseries` rows `[READ], 0, 1234.5`;
 *   `[`-prefixed lines that are not `[NAME], measurement, value` (driver logs such as
 *   `[Thread-2] INFO …`) are neither metrics nor errors;
 * - JSON / JSON-array exporters, see json-records.ts;
 * - what each summary line is and gives, see java-metrics.ts;
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
import type { Diagnostic, OperationStats, ParsedRun, RunHeader, YcsbFormat } from '../../model/run.js';
import { noSummary, warnExceptionsInOkRun, exceptionText, type Missing } from '../classify.js';
import { addOperationMetrics, clip, rejoinedNotes, returnMetricName, type Invocation } from '../invocation.js';
import { applyClientArgs, clientArgsFromJavaLine, isJavaClientLine, splitClientArgs, type ClientArgs } from './header.js';
import { javaClasspath } from '../signature.js';
import { mayHoldJsonKey, scanJsonLine } from './json-records.js';
import { jsonMetric, textMetricLine, type OpAcc } from './java-metrics.js';
import { CPP_SUMMARY } from './ycsb-cpp.js';

/** One row of the `timeseries` measurement: offset (ms since start) -> mean latency (µs). */
type TimeseriesPoint = NonNullable<OperationStats['timeseries']>[number];

const JAVA_SUMMARY: Missing = { short: 'summary', full: 'summary ([OVERALL], RunTime(ms) / Throughput(ops/sec))' };

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
    if (jsonMetric(p, r.metric, r.measurement, r.value, r.line)) p.jsonRecords++;
  });
}

/** A header line of the Java client (or of a binding it loads); false when it is not one. */
export function javaHeaderLine(p: Invocation, line: string, n: number, c0: number): boolean {
  if (c0 === 67 /* C */ && line.startsWith('Command line:')) {
    const rest = line.slice(13).trim();
    p.header.commandLine = rest;
    p.headerLine ??= n;
    readCommandLine(p, rest, n);
    return true;
  }
  if (c0 === 89 /* Y */ && line.startsWith('YCSB Client ')) {
    p.header.version = line.slice(12).trim();
    p.headerLine ??= n;
    return true;
  }
  if (line.indexOf('ycsb.Client') >= 0) {
    if (p.javaEchoLine === undefined && isJavaClientLine(line)) p.javaEchoLine = n;
    const java = javaLine(line);
    if (java && !p.javaArgs) {
      p.javaArgs = { split: java.split, line: n };
      if (java.classpath !== undefined) p.header.classpath = java.classpath;
      p.headerLine ??= n;
    }
    if (java) return true;
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

/** What the arguments of a `Command line:` give a header that holds nothing yet (see readCommandLine). */
interface CommandLineEffect {
  factors: [string, string][];
  properties: [string, string][];
  binding: string | undefined;
  /** The diagnostics it adds, in order, at line 0. */
  diagnostics: Diagnostic[];
}

/** Command-line texts read so far -> their effect on an empty header (at most COMMAND_LINES_CAP). */
const commandLines = new Map<string, CommandLineEffect>();
/** Java command lines read so far -> their client arguments and classpath (undefined: not one). */
const javaLines = new Map<string, { split: ClientArgs; classpath: string | undefined } | undefined>();
const COMMAND_LINES_CAP = 1_000;

/** Object.keys(o).length > 0 without the array. */
function hasKeys(o: object): boolean {
  for (const _ in o) return true;
  return false;
}

/**
 * The client arguments after `Command line:` into the header: split (splitClientArgs), the values
 * re-joined across spaces noted, then applied (applyClientArgs). The repetitions of a
 * configuration print the same command line: on a header that holds nothing yet (no factor,
 * property or binding: the usual case), what a text gives is computed once and copied, in the
 * same order, with its diagnostics at line `n`. What is kept holds copies of the strings, not
 * slices of the file's text.
 */
function readCommandLine(p: Invocation, text: string, n: number): void {
  const h = p.header;
  if (h.binding !== undefined || hasKeys(h.factors) || hasKeys(h.properties)) {
    const split = splitClientArgs(text);
    p.noteRejoined(split, n);
    applyClientArgs(split.args, h, n, p.diagnostics);
    return;
  }
  let effect = commandLines.get(text);
  if (effect === undefined) {
    const header: RunHeader = { factors: {}, properties: {} };
    const split = splitClientArgs(text);
    const diagnostics = rejoinedNotes(split, 0);
    applyClientArgs(split.args, header, 0, diagnostics);
    effect = JSON.parse(
      JSON.stringify({ factors: Object.entries(header.factors), properties: Object.entries(header.properties), binding: header.binding, diagnostics }),
    ) as CommandLineEffect;
    if (commandLines.size < COMMAND_LINES_CAP) commandLines.set(JSON.parse(JSON.stringify(text)) as string, effect);
  }
  for (const [k, v] of effect.factors) h.factors[k] = v;
  for (const [k, v] of effect.properties) h.properties[k] = v;
  if (effect.binding !== undefined) h.binding = effect.binding;
  for (const d of effect.diagnostics) p.diagnostics.push(Object.assign({}, d, { line: n }));
}

/**
 * The client arguments and the classpath of a `java … site.ycsb.Client …` line (see
 * clientArgsFromJavaLine, javaClasspath), or undefined; remembered per line (the repetitions of a
 * configuration print the same one), as copies.
 */
function javaLine(line: string): { split: ClientArgs; classpath: string | undefined } | undefined {
  if (javaLines.has(line)) return javaLines.get(line);
  const split = clientArgsFromJavaLine(line);
  const read = split ? (JSON.parse(JSON.stringify({ split, classpath: javaClasspath(line) })) as { split: ClientArgs; classpath: string | undefined }) : undefined;
  if (javaLines.size < COMMAND_LINES_CAP) javaLines.set(JSON.parse(JSON.stringify(line)) as string, read);
  return read;
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
    const returns = s.returns;
    for (const code in returns) metrics[returnMetricName(s.operation, code)] = returns[code];
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
    // (the lines every other section has, in the order the first of them had them)
    const missing: string[] = [];
    let first: OpAcc | undefined;
    for (const acc of p.ops.values()) {
      if (acc !== lastOp) {
        first = acc;
        break;
      }
    }
    if (first) {
      for (const k of first.seen) {
        if (lastOp.seen.has(k) || (latencyMs && k.startsWith('p'))) continue;
        let everywhere = true;
        for (const acc of p.ops.values()) {
          if (acc !== lastOp && !acc.seen.has(k)) {
            everywhere = false;
            break;
          }
        }
        if (everywhere) missing.push(k);
      }
    }
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
