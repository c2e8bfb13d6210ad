/**
 * The one pure parser: the text of one YCSB output -> a {@link ParsedRun}.
 *
 * One pass over the lines; every line is offered, in this order, to:
 * - the text exporter (`[READ], AverageLatency(us), 123.4`; also the old `histogram` buckets
 *   `[INSERT], 0, 84` … `[INSERT], >1000, 3` and the `timeseries` rows `[READ], 0, 1234.5`);
 *   `[`-prefixed lines that are not `[NAME], measurement, value` (driver logs such as
 *   `[Thread-2] INFO …`) are neither metrics nor errors;
 * - the `-s` status lines (Java StatusThread and YCSB-cpp), see formats/status.ts;
 * - go-ycsb measurement blocks in its plain, table (`| OPERATION | …`) and json (`[{"Operation":…}]`)
 *   output styles, see formats/go-ycsb.ts;
 * - the JSON / JSON-array exporters, see formats/json-records.ts;
 * - the header (`Command line:`, the java command, `YCSB Client x.y`), see formats/header.ts;
 * - YCSB-cpp's `Load|Run runtime(sec)/operations(ops)/throughput(ops/sec)` summary;
 * - exceptions and stack traces, and usage texts.
 *
 * Status (see RunStatus in the model):
 * - ok: a summary with runtime, throughput and at least one operation;
 * - failed: the run ended without useful work: Throughput 0 or no operation, an exception and
 *   no summary before any progress, an exception that stops the client itself (main thread,
 *   WorkloadException, out of memory, Go panic), or a usage text only (the diagnostic says which);
 * - partial: status lines or a header, but the summary is missing or truncated (series kept),
 *   including an ordinary exception after progress (YCSB prints its summary despite client-thread
 *   exceptions, so the text was cut: see Parser.exceptionWithoutSummary);
 * - not-ycsb: nothing YCSB-like (including binary content and empty text).
 *
 * Units after normalisation: latencies µs (a `(ms)` label or the old histogram's ms buckets set
 * sourceLatencyUnit 'ms'), runtime ms, throughput ops/s.
 *
 * `operations` = sum of the operation sections' counts, excluding CLEANUP, the JVM pseudo
 * operations (THREAD_COUNT, USED_MEM_MB, SYS_LOAD_AVG, GCS, GCS_TIME) and `Intended-X` copies of X
 * (measurement.interval=both),
 * minus READ-MODIFY-WRITE (whose read and update are also counted under READ and UPDATE). This
 * equals YCSB's own count (Throughput × RunTime); a shortfall means the summary was cut.
 *
 * Pure: no file system, never throws.
 */
import type {
  Diagnostic,
  OperationStats,
  ParsedRun,
  RunHeader,
  RunStatus,
  StatusSample,
  YcsbFormat,
} from '../model/run.js';
import { emptyParsedRun } from '../model/run.js';
import {
  goTableHeader,
  parseGoYcsbJson,
  parseGoYcsbLine,
  parseGoYcsbTableRow,
  type GoYcsbLine,
} from './formats/go-ycsb.js';
import { applyClientArgs, clientArgsFromJavaLine, splitClientArgs, type ClientArgs } from './formats/header.js';
import { mayHoldJsonKey, scanJsonLine, type JsonScanState } from './formats/json-records.js';
import { latencyUnitFactor, NO_VALUE_THRESHOLD, parseGoDuration, parseNumber } from './formats/numbers.js';
import { parseStatusLine, type StatusOps } from './formats/status.js';

export { BINDING_DB, dbFromBinding, workloadName } from './formats/header.js';

/** One row of the `timeseries` measurement: offset (ms since start) -> mean latency (µs). */
type TimeseriesPoint = NonNullable<OperationStats['timeseries']>[number];

/** The part of an output that is missing: named in short in a message, in full as the expected part. */
interface Missing {
  short: string;
  full: string;
}
const JAVA_SUMMARY: Missing = { short: 'summary', full: 'summary ([OVERALL], RunTime(ms) / Throughput(ops/sec))' };
const GO_SUMMARY: Missing = { short: 'final go-ycsb block', full: 'final go-ycsb block ("Run finished, takes …" followed by the TOTAL line)' };
const CPP_SUMMARY: Missing = {
  short: 'summary',
  full: 'summary ("Run runtime(sec): …", "Run operations(ops): …", "Run throughput(ops/sec): …", or the same for Load)',
};

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

interface Row {
  key: string;
  value: number;
  text: string;
  line: number;
}

interface OpAcc {
  stats: OperationStats;
  firstLine: number;
  lastLine: number;
  hasAvg: boolean;
  /** Which summary lines the section had ('count', 'avg', 'min', 'max', 'p95', …), read or not. */
  seen: Set<string>;
  rows: Row[];
}

interface CppSummary {
  runtimeSec?: number;
  operations?: number;
  throughput?: number;
  line: number;
  /** series.length when the summary was printed (samples before it belong to this phase). */
  seriesEnd: number;
}

interface GoBlock {
  lines: Map<string, GoYcsbLine>;
  line: number;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Object.keys(o).length > 0 without the array. */
function hasKeys(o: object): boolean {
  for (const _ in o) return true;
  return false;
}

function clip(s: string, n = 160): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

/** `99.9` from `99.9PercentileLatency(us)`, `95` from `95thPercentileLatency(us)`, `1` from `1st…`. */
function percentileKey(prefix: string): string {
  let end = prefix.length;
  while (end > 0 && !isDigit(prefix.charCodeAt(end - 1))) end--;
  return prefix.slice(0, end);
}

/** Metric name of an operation: lower case (READ-MODIFY-WRITE -> read-modify-write). */
function opKey(op: string): string {
  return op.toLowerCase();
}

/** An operation's summary as metrics: `<op>.count` and, unless it did no operation, `<op>.avg`,
 * `.min`, `.max` and `.p<k>` for each percentile it has. */
function addOperationMetrics(metrics: Record<string, number>, s: OperationStats): void {
  const key = opKey(s.operation);
  if (s.count !== undefined) metrics[`${key}.count`] = s.count;
  if (s.count === 0) return;
  if (s.avg !== undefined) metrics[`${key}.avg`] = s.avg;
  if (s.min !== undefined) metrics[`${key}.min`] = s.min;
  if (s.max !== undefined) metrics[`${key}.max`] = s.max;
  for (const [p, v] of Object.entries(s.percentiles)) metrics[`${key}.p${p}`] = v;
}

/** An exception head line: `java.net.UnknownHostException: x`, `Caused by: …`, `Exception in thread …`. */
function exceptionKind(line: string): 'head' | 'frame' | undefined {
  const c = line.charCodeAt(0);
  if (c === 9 /* tab */) {
    if (line.startsWith('\tat ') || line.startsWith('\t... ')) return 'frame';
    return undefined;
  }
  if (line.startsWith('Caused by: ')) return 'frame';
  if (line.startsWith('Exception in thread ')) return 'head';
  if (line.startsWith('Error in ') || line.startsWith('Error: ') || line.startsWith('ERROR: ')) return 'head';
  const colon = line.indexOf(':');
  if (colon <= 0) {
    // `java.lang.NullPointerException` alone on a line
    if (line.indexOf(' ') < 0 && (line.endsWith('Exception') || line.endsWith('Error')) && line.indexOf('.') > 0) {
      return 'head';
    }
    return undefined;
  }
  const head = line.slice(0, colon);
  if (head.indexOf(' ') >= 0) return undefined;
  if (head.endsWith('Exception') || head.endsWith('Error')) return 'head';
  return undefined;
}

/**
 * Why a line means the client stopped itself (no summary can follow), or undefined:
 * `Exception in thread "main"`, a WorkloadException (site.ycsb.Client exits on it without a
 * summary), the export failing, out of memory, YCSB's own exits (`Error initializing datastore
 * bindings.`, `Could not export measurements`), a Go panic / fatal error (go-ycsb).
 */
function fatalReason(line: string): string | undefined {
  const c = line.charCodeAt(0);
  if (c === 9 || c === 32) return undefined;
  if (line.startsWith('Exception in thread "main"')) return 'the main thread died';
  if (line.startsWith('Error initializing datastore bindings')) return 'YCSB exits when a binding cannot be created';
  if (line.startsWith('Could not export measurements')) return 'YCSB exits when it cannot write the summary';
  if (line.startsWith('panic: ') || line.startsWith('fatal error: ')) return 'a Go panic ends the process';
  const colon = line.indexOf(':');
  const head = colon > 0 ? line.slice(0, colon) : line;
  if (head.indexOf(' ') >= 0 && !head.startsWith('Exception in thread ')) return undefined;
  if (head.endsWith('.WorkloadException') || head === 'WorkloadException') {
    return 'YCSB exits on a WorkloadException without printing a summary';
  }
  if (line.indexOf('java.lang.OutOfMemoryError') >= 0) return 'the JVM ran out of memory';
  return undefined;
}

/** A character binaryReason counts: NUL, a control other than tab/LF/FF/CR, or U+FFFD. */
const SUSPECT_CHAR = /[\x00-\x08\x0B\x0E-\x1F\uFFFD]/;

/** Looks like binary data: NUL bytes or many control / replacement characters. */
function binaryReason(text: string): string | undefined {
  const n = Math.min(text.length, 4096);
  // the usual case, in one native scan: no NUL, control (other than \t \n \f \r) or U+FFFD
  if (!SUSPECT_CHAR.test(n === text.length ? text : text.slice(0, n))) return undefined;
  let nul = 0;
  let ctrl = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) nul++;
    else if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) ctrl++;
  }
  if (nul > 0) return `binary content: ${nul} NUL character(s) in the first ${n} characters`;
  if (ctrl > 0 && ctrl / n > 0.05) {
    return `binary content: ${ctrl} control or undecodable characters in the first ${n} characters`;
  }
  return undefined;
}

class Parser {
  readonly diagnostics: Diagnostic[] = [];
  readonly header: RunHeader = { factors: {}, properties: {} };
  readonly series: StatusSample[] = [];

  // Java text / JSON summary
  runtime?: number;
  runtimeLine?: number;
  throughput?: number;
  throughputLine?: number;
  throughputText?: string;
  overallLine?: number;
  gcCount?: number;
  gcTime?: number;
  gcCollectorCount = 0;
  gcCollectorTime = 0;
  gcCollectorsSeen = false;
  ops = new Map<string, OpAcc>();
  textMetricLines = 0;
  jsonRecords = 0;
  jsonArray = false;
  jsonObjectSeen = false;
  sawMsLabel = false;
  /** Read the per-operation stats of Java status lines (ParseOptions.statusOps). */
  statusOps = true;
  unreadable: { what: string; line: number }[] = [];
  lastSummaryLine = 0;
  jvmPseudoSkipped = false;
  malformedMetricLine?: number;
  readonly json: JsonScanState = {};

  // header evidence
  javaArgs?: { split: ClientArgs; line: number };
  headerLine?: number;
  bannerLine?: number;
  bannerDb?: string;

  // status lines
  cppStyleStatus = false;
  javaStyleStatus = false;
  lastProgressLine = 0;

  // go-ycsb
  goPropsOpen = false;
  goSeen = false;
  goFinishedLine?: number;
  goFinishedMs?: number;
  goFinal = new Map<string, GoYcsbLine>();
  goFinalLine?: number;
  goBlock?: GoBlock;
  goSeries: GoBlock[] = [];
  /** Column keys of the last table-style header (measurement.output_style=table). */
  goTableColumns?: string[];

  // YCSB-cpp
  cpp: { load?: CppSummary; run?: CppSummary } = {};
  cppAfterLoadLine?: number;

  // failures
  exceptionHeads = 0;
  firstException?: { line: number; text: string };
  lastExceptionLine = 0;
  /** Exception heads since the last status line that showed progress (reset by progress). */
  exAfterProgress = 0;
  exAfterFirst?: { line: number; text: string };
  /** The first of them that stops the client itself (see fatalReason). */
  exAfterFatal?: { line: number; text: string; why: string };
  usageLine?: number;
  usageGo = false;
  pendingUsage?: number;

  lines = 0;
  lastNonEmptyLine = 0;
  lastNonEmptyText = '';

  constructor(readonly name: string) {}

  diag(d: Diagnostic): void {
    this.diagnostics.push(d);
  }

  // ---------------------------------------------------------------------------------------------
  // Text exporter lines and JSON records

  op(name: string, line: number): OpAcc {
    let acc = this.ops.get(name);
    if (!acc) {
      acc = {
        stats: { operation: name, percentiles: {}, returns: {} },
        firstLine: line,
        lastLine: line,
        hasAvg: false,
        seen: new Set(),
        rows: [],
      };
      this.ops.set(name, acc);
    }
    acc.lastLine = line;
    return acc;
  }

  number(name: string, measurement: string, text: string, line: number): number | undefined {
    const v = parseNumber(text);
    if (v === undefined) {
      this.diag({
        line,
        severity: 'error',
        message: 'unreadable value',
        expected: `a number after "[${name}], ${measurement},"`,
        found: JSON.stringify(clip(text, 60)),
      });
      this.unreadable.push({ what: `[${name}], ${measurement}`, line });
    }
    return v;
  }

  /** Start a new summary when a second `[OVERALL], RunTime` follows a complete one. */
  maybeNewSummary(line: number): void {
    if (this.runtime === undefined && this.throughput === undefined) return;
    this.diag({
      line,
      severity: 'warning',
      message: `a second summary starts here (the first at line ${this.overallLine}): the file holds more than one run; the last one is used`,
    });
    this.runtime = this.throughput = undefined;
    this.runtimeLine = this.throughputLine = undefined;
    this.gcCount = this.gcTime = undefined;
    this.gcCollectorCount = this.gcCollectorTime = 0;
    this.gcCollectorsSeen = false;
    this.ops = new Map();
  }

  metric(name: string, measurement: string, valueText: string, line: number): boolean {
    if (name === 'OVERALL') {
      if (measurement.startsWith('RunTime')) {
        this.maybeNewSummary(line);
        if (this.overallLine === undefined || this.runtime === undefined) this.overallLine = line;
        const v = this.number(name, measurement, valueText, line);
        const unit = latencyUnitFactor(measurement).unit;
        if (v !== undefined && !Number.isNaN(v)) this.runtime = unit === 's' ? v * 1000 : v;
        this.runtimeLine = line;
      } else if (measurement.startsWith('Throughput')) {
        if (this.overallLine === undefined) this.overallLine = line;
        const v = this.number(name, measurement, valueText, line);
        if (v !== undefined && !Number.isNaN(v)) this.throughput = v;
        this.throughputLine = line;
        this.throughputText = valueText.trim();
      } else return false;
      this.lastSummaryLine = line;
      return true;
    }
    if (name.startsWith('TOTAL_GC')) {
      const v = this.number(name, measurement, valueText, line);
      this.lastSummaryLine = line;
      if (v === undefined || Number.isNaN(v)) return true;
      if (name === 'TOTAL_GCs' || name === 'TOTAL_GCS') {
        if (measurement === 'Count') this.gcCount = v;
      } else if (name === 'TOTAL_GC_TIME') {
        if (measurement.startsWith('Time(ms)')) this.gcTime = v;
      } else if (name.startsWith('TOTAL_GCS_')) {
        this.gcCollectorCount += v;
        this.gcCollectorsSeen = true;
      } else if (name.startsWith('TOTAL_GC_TIME_') && !name.startsWith('TOTAL_GC_TIME_%')) {
        this.gcCollectorTime += v;
      }
      return true;
    }
    if (JVM_SUMMARY.has(name)) {
      this.lastSummaryLine = line;
      return true;
    }
    if (JVM_PSEUDO_OPS.has(name)) {
      if (!this.jvmPseudoSkipped) {
        this.jvmPseudoSkipped = true;
        this.diag({
          line,
          severity: 'info',
          message: `JVM measurements ([${name}] and the like, measurement.trackjvm) are not operations: skipped`,
        });
      }
      this.lastSummaryLine = line;
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

    const acc = this.op(name, line);
    this.lastSummaryLine = line;
    if (kind === 'avg') acc.hasAvg = true;
    if (kind === 'pct') acc.seen.add(`p${percentileKey(measurement.slice(0, measurement.indexOf('PercentileLatency(')))}`);
    else if (kind !== 'ret' && kind !== 'row') acc.seen.add(kind);
    const v = this.number(name, measurement, valueText, line);
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
        if (u.unit === 'ms') this.sawMsLabel = true;
        if (Number.isNaN(v) || !Number.isFinite(v) || Math.abs(v) >= NO_VALUE_THRESHOLD) break;
        s[kind] = v * u.factor;
        break;
      }
      case 'pct': {
        const at = measurement.indexOf('PercentileLatency(');
        const key = percentileKey(measurement.slice(0, at));
        const u = latencyUnitFactor(measurement);
        if (u.unit === 'ms') this.sawMsLabel = true;
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

  textMetricLine(line: string, n: number): boolean {
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
      this.malformedMetricLine = n;
      this.lastSummaryLine = n;
      this.diag({
        line: n,
        severity: 'error',
        message: 'incomplete summary line',
        expected: `"[${name}], ${rest}, <value>"`,
        found: JSON.stringify(clip(line, 80)),
      });
      return true;
    }
    const ok = this.metric(name, rest.slice(0, last), rest.slice(last + 2), n);
    if (ok) this.textMetricLines++;
    return ok;
  }

  // ---------------------------------------------------------------------------------------------
  // go-ycsb

  goLine(g: GoYcsbLine, n: number): void {
    this.goSeen = true;
    for (const [key, text] of g.bad) {
      this.diag({
        line: n,
        severity: 'error',
        message: 'unreadable value',
        expected: `a number after "${g.op} - … ${key}:"`,
        found: JSON.stringify(clip(text, 60)),
      });
    }
    if (this.goFinishedLine !== undefined) {
      if (this.goFinalLine === undefined) this.goFinalLine = n;
      this.goFinal.set(g.op, g);
      return;
    }
    if (!this.goBlock || this.goBlock.lines.has(g.op)) {
      if (this.goBlock) this.goSeries.push(this.goBlock);
      this.goBlock = { lines: new Map(), line: n };
    }
    this.goBlock.lines.set(g.op, g);
  }

  flushGoBlock(): void {
    if (this.goBlock) this.goSeries.push(this.goBlock);
    this.goBlock = undefined;
  }

  /** A `|`-line: a go-ycsb table header or row (output_style=table); false when neither. */
  goTableLine(line: string, n: number): boolean {
    const header = goTableHeader(line);
    if (header) {
      // every block is a whole table: a header starts a new block
      this.flushGoBlock();
      this.goTableColumns = header;
      this.goSeen = true;
      return true;
    }
    const columns = this.goTableColumns;
    if (!columns) return false;
    const g = parseGoYcsbTableRow(line, columns);
    if (g) {
      this.goLine(g, n);
      this.progress(n);
      return true;
    }
    this.diag({
      line: n,
      severity: 'warning',
      message: 'unreadable go-ycsb table row: skipped',
      expected: `"| OP | …" with ${columns.length} cells, as in the header`,
      found: JSON.stringify(clip(line, 80)),
    });
    return true;
  }

  /** A go-ycsb json-style block (output_style=json): one line, one block. */
  goJsonBlock(rows: GoYcsbLine[], n: number): void {
    this.flushGoBlock();
    for (const g of rows) this.goLine(g, n);
    this.flushGoBlock();
    this.progress(n);
  }

  // ---------------------------------------------------------------------------------------------
  // One line

  /** A status line's sample, appended to the series (a moved operation count is progress). */
  addSample(n: number, t: number, operations: number, ops: StatusOps, throughput: number | undefined): void {
    const sample: StatusSample = { t, operations, line: n, ops };
    if (throughput !== undefined) sample.throughput = throughput;
    const prev = this.series[this.series.length - 1];
    // progress: the operation count moved (a new phase restarts from 0); time alone is not
    if (operations > 0 && (!prev || operations !== prev.operations)) this.progress(n);
    this.series.push(sample);
  }

  line(raw: string, n: number): void {
    const line = raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw;
    if (line.length === 0) return;
    const c0 = line.charCodeAt(0);
    if (c0 === 32 || c0 === 9) {
      if (line.trim().length === 0) return;
    }
    this.lastNonEmptyLine = n;
    this.lastNonEmptyText = line;
    if (this.cpp.load && !this.cpp.run && this.cppAfterLoadLine === undefined && n > this.cpp.load.line) {
      if (!line.startsWith('Load ')) this.cppAfterLoadLine = n;
    }

    if (this.pendingUsage !== undefined) {
      if (line.toLowerCase().indexOf('ycsb') >= 0) {
        this.usageLine ??= this.pendingUsage;
        if (line.indexOf('go-ycsb') >= 0) this.usageGo = true;
      }
      this.pendingUsage = undefined;
    }

    if (c0 === 124 /* | */ && this.goTableLine(line, n)) return;

    if (c0 === 91 /* [ */) {
      if (line.charCodeAt(1) === 123 /* { */ && line.indexOf('"Operation":') > 0) {
        const rows = parseGoYcsbJson(line);
        if (rows) {
          this.goJsonBlock(rows, n);
          return;
        }
      }
      if (this.textMetricLine(line, n)) return;
      const t = line.trim();
      if (t === '[' || t.startsWith('[ {') || t.startsWith('[{')) {
        if (this.jsonRecords === 0) this.jsonArray = true;
        if (mayHoldJsonKey(line)) this.jsonLine(line, n);
      }
      return; // a driver log line such as `[Thread-2] INFO …`: neither metric nor error
    }

    const secAt = line.indexOf(' sec: ');
    if (secAt > 0) {
      const s = parseStatusLine(line, secAt, this.statusOps);
      if (s) {
        if (s.style === 'cpp') this.cppStyleStatus = true;
        else if (s.throughput !== undefined || hasKeys(s.ops)) this.javaStyleStatus = true;
        if (s.sawMs) this.sawMsLabel = true;
        this.addSample(n, s.t, s.operations, s.ops, s.throughput);
        return;
      }
    }

    if (line.indexOf(' - ') > 0 && (line.indexOf('Takes(s): ') > 0 || line.indexOf(' - Count: ') > 0)) {
      const g = parseGoYcsbLine(line);
      if (g) {
        this.goLine(g, n);
        this.progress(n);
        return;
      }
    }

    if (c0 === 123 /* { */ && this.jsonRecords === 0 && !this.jsonArray) this.jsonObjectSeen = true;
    if (mayHoldJsonKey(line)) {
      this.jsonLine(line, n);
      return;
    }

    this.headerOrOther(line, n, c0);
  }

  jsonLine(line: string, n: number): void {
    scanJsonLine(line, n, this.json, (r) => {
      if (this.metric(r.metric, r.measurement, r.value, r.line)) this.jsonRecords++;
    });
  }

  headerOrOther(line: string, n: number, c0: number): void {
    if (c0 === 67 /* C */ && line.startsWith('Command line:')) {
      const rest = line.slice(13).trim();
      this.header.commandLine = rest;
      this.headerLine ??= n;
      const split = splitClientArgs(rest);
      this.noteRejoined(split, n);
      applyClientArgs(split.args, this.header, n, this.diagnostics);
      return;
    }
    if (c0 === 89 /* Y */ && line.startsWith('YCSB Client ')) {
      this.header.version = line.slice(12).trim();
      this.headerLine ??= n;
      return;
    }
    if (c0 === 85 /* U */ && line.startsWith('Usage:')) {
      if (line.toLowerCase().indexOf('ycsb') >= 0) {
        this.usageLine ??= n;
        if (line.indexOf('go-ycsb') >= 0) this.usageGo = true;
      } else this.pendingUsage = n;
      return;
    }
    if (line.indexOf('ycsb.Client') >= 0) {
      const split = clientArgsFromJavaLine(line);
      if (split && !this.javaArgs) {
        this.javaArgs = { split, line: n };
        this.headerLine ??= n;
      }
      if (split) return;
    }
    if (line === 'Loading workload...' || line === 'Starting test.') {
      this.headerLine ??= n;
      return;
    }
    if (line.startsWith('DBWrapper: report latency for each error')) {
      this.headerLine ??= n;
      return;
    }
    if (line.startsWith('mongo client connection created with ')) {
      this.bannerLine ??= n;
      this.bannerDb = 'mongodb';
      return;
    }
    // go-ycsb
    if (c0 === 42 /* * */) {
      if (line.indexOf(' properties ') > 0) {
        this.goPropsOpen = true;
        this.goSeen = true;
        this.headerLine ??= n;
      } else this.goPropsOpen = false;
      return;
    }
    if (this.goPropsOpen && c0 === 34 /* " */) {
      const sep = line.indexOf('"="');
      if (sep > 0 && line.endsWith('"')) {
        const key = line.slice(1, sep);
        const value = line.slice(sep + 3, -1);
        this.header.properties[key] = value;
        const f = this.header.factors;
        if (key === 'recordcount' || key === 'operationcount' || key === 'target') f[key] = value;
        else if (key === 'threadcount') f.threads = value;
        else if (key === 'command' && (value === 'load' || value === 'run')) f.phase = value;
        else if (key === 'dotransactions' && f.phase === undefined) f.phase = value === 'false' ? 'load' : 'run';
      }
      return;
    }
    if (c0 === 82 /* R */ && line.startsWith('Run finished, takes ')) {
      this.flushGoBlock();
      this.goSeen = true;
      this.goFinishedLine = n;
      this.goFinishedMs = parseGoDuration(line.slice(20));
      this.goFinal = new Map();
      this.goFinalLine = undefined;
      return;
    }
    // YCSB-cpp summary
    if ((c0 === 76 /* L */ && line.startsWith('Load ')) || (c0 === 82 && line.startsWith('Run '))) {
      if (this.cppSummaryLine(line, n)) return;
    }
    const fatal = fatalReason(line);
    const ex = fatal ? 'head' : exceptionKind(line);
    if (ex) {
      if (ex === 'head') {
        const e = { line: n, text: clip(line.trim()) };
        this.exceptionHeads++;
        this.firstException ??= e;
        this.exAfterProgress++;
        this.exAfterFirst ??= e;
        if (fatal) this.exAfterFatal ??= { ...e, why: fatal };
      }
      this.lastExceptionLine = n;
    }
  }

  /** A status line (or go-ycsb block) that showed operations progressing. */
  progress(n: number): void {
    this.lastProgressLine = n;
    this.exAfterProgress = 0;
    this.exAfterFirst = undefined;
    this.exAfterFatal = undefined;
  }

  /** Say which option values were read across spaces (YCSB echoes its arguments unquoted). */
  noteRejoined(split: ClientArgs, n: number): void {
    for (const r of split.rejoined) {
      this.diag({
        line: n,
        severity: 'info',
        message: `command line: ${r.option} ${JSON.stringify(clip(r.value, 80))} read as one value with spaces (YCSB echoes its arguments without quotes; the words after it do not start with -)`,
      });
    }
  }

  cppSummaryLine(line: string, n: number): boolean {
    const phase = line.startsWith('Load ') ? 'load' : 'run';
    const rest = line.slice(phase === 'load' ? 5 : 4);
    let field: 'runtimeSec' | 'operations' | 'throughput';
    let valueText: string;
    if (rest.startsWith('runtime(sec): ')) {
      field = 'runtimeSec';
      valueText = rest.slice(14);
    } else if (rest.startsWith('operations(ops): ')) {
      field = 'operations';
      valueText = rest.slice(17);
    } else if (rest.startsWith('throughput(ops/sec): ')) {
      field = 'throughput';
      valueText = rest.slice(21);
    } else return false;
    let s = this.cpp[phase];
    if (!s) {
      s = { line: n, seriesEnd: this.series.length };
      this.cpp[phase] = s;
    }
    s.seriesEnd = this.series.length;
    const v = parseNumber(valueText);
    if (v === undefined) {
      this.diag({
        line: n,
        severity: 'error',
        message: 'unreadable value',
        expected: `a number after "${line.slice(0, line.length - valueText.length).trimEnd()}"`,
        found: JSON.stringify(clip(valueText, 60)),
      });
    } else s[field] = v;
    s.line = n;
    return true;
  }

  // ---------------------------------------------------------------------------------------------
  // End of text

  /** Histogram buckets, timeseries rows or hdrhistogram verbose buckets, per operation. */
  classifyRows(acc: OpAcc): 'histogram' | 'timeseries' | 'hdr' | undefined {
    const rows = acc.rows;
    if (rows.length === 0) return undefined;
    const mt = (this.header.properties.measurementtype ?? '').toLowerCase();
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
        const p: TimeseriesPoint = { t: Number(r.key), line: r.line };
        if (!Number.isNaN(r.value) && Number.isFinite(r.value)) p.avg = r.value;
        return p;
      });
    } else {
      acc.stats.histogram = rows.map((r) => ({ bucket: r.key, count: r.value }));
    }
    return kind;
  }

  finish(): ParsedRun {
    this.flushGoBlock();
    if (!this.header.commandLine && this.javaArgs) {
      this.header.commandLine = this.javaArgs.split.args.join(' ');
      this.noteRejoined(this.javaArgs.split, this.javaArgs.line);
      applyClientArgs(this.javaArgs.split.args, this.header, this.javaArgs.line, this.diagnostics);
    }
    if (this.header.commandLine !== undefined && this.header.factors.phase === undefined) {
      this.header.factors.phase = 'run'; // site.ycsb.Client: -t (transactions) is the default
    }
    if (this.header.factors.db === undefined && this.header.binding === undefined && this.bannerDb) {
      this.header.factors.db = this.bannerDb;
    }
    if (this.json.metric !== undefined || this.json.measurement !== undefined) {
      this.diag({
        line: this.lastNonEmptyLine,
        severity: 'warning',
        message: 'the JSON export ends inside a record',
        expected: '"metric", "measurement" and "value"',
        found: 'end of text',
      });
    }

    if (this.goFinishedLine !== undefined || (this.goSeen && this.ops.size === 0 && this.runtime === undefined)) {
      return this.finishGo();
    }
    if (this.cpp.load || this.cpp.run) return this.finishCpp();
    return this.finishJava();
  }

  base(status: RunStatus, format: YcsbFormat): ParsedRun {
    const run: ParsedRun = {
      name: this.name,
      status,
      diagnostics: this.diagnostics,
      format,
      header: this.header,
      metrics: {},
      operations: {},
      series: this.series,
      sourceLatencyUnit: 'us',
      lines: this.lines,
    };
    // go-ycsb interval blocks and YCSB-cpp status lines are running totals since the start
    if (format === 'go-ycsb' || format === 'ycsb-cpp') run.seriesCumulative = true;
    return run;
  }

  exceptionText(): string {
    const e = this.firstException;
    if (!e) return '';
    return `line ${e.line}: ${e.text}`;
  }

  /**
   * No summary: failed (usage, exception), partial (status lines, header) or not-ycsb. `what`: the
   * missing part, `short` in a message ("summary") and `full` where no expected/found follows or as
   * the expected part (so that a message with both names it once in each form).
   */
  noSummary(format: YcsbFormat, what: Missing): ParsedRun {
    if (this.usageLine !== undefined) {
      this.diag({
        line: this.usageLine,
        severity: 'error',
        message: 'failed: the output is a usage text: the client did not start a run',
      });
      const usageFormat: YcsbFormat = this.goSeen || this.usageGo ? 'go-ycsb' : 'ycsb-text';
      return this.base('failed', format === 'unknown' || this.usageGo ? usageFormat : format);
    }
    const hasEvidence =
      this.series.length > 0 || this.headerLine !== undefined || this.bannerLine !== undefined || this.goSeen;
    if (this.firstException && hasEvidence && this.lastProgressLine < this.lastExceptionLine) {
      const r = this.exceptionWithoutSummary(format, what);
      if (r) return r;
    }
    if (hasEvidence) {
      const found: string[] = [];
      if (this.series.length > 0) found.push(`${this.series.length} status line(s), the last at line ${this.series[this.series.length - 1].line}`);
      if (this.goSeries.length > 0) found.push(`${this.goSeries.length} go-ycsb interval block(s)`);
      if (this.headerLine !== undefined) found.push(`a header at line ${this.headerLine}`);
      if (this.bannerLine !== undefined) found.push(`a binding banner at line ${this.bannerLine}`);
      this.diag({
        line: this.lastNonEmptyLine || undefined,
        severity: 'warning',
        message: `partial: ${found.join(', ')}, but the output stops before the ${what.short}`,
        expected: what.full,
        found: this.lastNonEmptyLine ? `end of text after ${JSON.stringify(clip(this.lastNonEmptyText, 60))}` : 'end of text',
      });
      if (this.firstException) {
        this.diag({ line: this.firstException.line, severity: 'warning', message: `exception logged: ${this.firstException.text}` });
      }
      return this.base('partial', format === 'unknown' ? 'ycsb-text' : format);
    }
    this.diag({
      severity: 'warning',
      message: `not a YCSB output: none of its ${this.lines} line(s) is a YCSB summary, status line, header, go-ycsb or YCSB-cpp line`,
    });
    return this.base('not-ycsb', 'unknown');
  }

  /**
   * An exception after the last status line that showed progress, and no summary: failed or
   * partial? Evidence: site.ycsb.Client joins its client threads and then prints the summary
   * whatever they threw (a ClientThread that fails catches, prints and returns); the study's two
   * failed Citus runs log a PSQLException (line 10) in every client thread and still end with
   * their [OVERALL] lines (line 66); and the aborted YCSB 0.1.4 runs (killed) end with no exception
   * at all. So a client-thread exception does not end the output: when the run had made progress,
   * the missing summary means the text was cut off (partial). Only what stops the client itself
   * (see fatalReason: the main thread dying, a WorkloadException, a failed export, out of memory,
   * a Go panic) or a run that never made progress is failed. Undefined: not this case.
   */
  exceptionWithoutSummary(format: YcsbFormat, what: Missing): ParsedRun | undefined {
    const fmt = format === 'unknown' ? 'ycsb-text' : format;
    const first = this.exAfterFirst ?? this.firstException;
    if (!first) return undefined;
    const count = this.exAfterProgress || this.exceptionHeads;
    const lastEx = this.lastExceptionLine;
    if (this.lastProgressLine === 0) {
      this.diag({
        line: first.line,
        severity: 'error',
        message: `failed: an exception and no ${what.full}, and no status line ever showed operations done (${count} exception line(s), first at line ${first.line}: ${first.text}; last exception line ${lastEx})`,
      });
      return this.base('failed', fmt);
    }
    const progress = this.progressText();
    const fatal = this.exAfterFatal;
    if (fatal) {
      this.diag({
        line: fatal.line,
        severity: 'error',
        message: `failed: the client stopped itself: line ${fatal.line}: ${fatal.text} (${fatal.why}), after ${progress}; no ${what.full} follows`,
      });
      return this.base('failed', fmt);
    }
    this.diag({
      line: this.lastNonEmptyLine,
      severity: 'warning',
      message: `partial: ${progress}; then ${count} exception line(s) (first at line ${first.line}: ${first.text}; the last exception line is ${lastEx}) and no ${what.short}. A client-thread exception does not stop YCSB, which still prints its summary (the study's failed Citus runs do), so the output was cut off`,
      expected: what.full,
      found: `end of text at line ${this.lastNonEmptyLine}`,
    });
    return this.base('partial', fmt);
  }

  /** `operations progressed until line 7 (1400 operations at 20 s)`. */
  progressText(): string {
    const n = this.lastProgressLine;
    const s = this.series.find((x) => x.line === n);
    const what = s ? ` (${s.operations} operations at ${s.t} s)` : '';
    return `operations progressed until line ${n}${what}`;
  }

  warnExceptionsInOkRun(): void {
    if (!this.firstException) return;
    this.diag({
      line: this.firstException.line,
      severity: 'warning',
      message: `${this.exceptionHeads} exception line(s) logged during the run (the summary is complete); first: ${this.firstException.text}`,
    });
  }

  finishJava(): ParsedRun {
    let histogram = false;
    const operations: Record<string, OperationStats> = {};
    const metrics: Record<string, number> = {};
    let total = 0;
    let rmw = 0;
    let opSections = 0;
    let lastOp: OpAcc | undefined;
    for (const acc of this.ops.values()) {
      const kind = this.classifyRows(acc);
      if (kind === 'histogram') histogram = true;
      const s = acc.stats;
      operations[s.operation] = s;
      addOperationMetrics(metrics, s);
      const key = opKey(s.operation);
      for (const [code, v] of Object.entries(s.returns)) metrics[`${key}.return.${code.toLowerCase()}`] = v;
      if (!lastOp || acc.lastLine > lastOp.lastLine) lastOp = acc;
      if (s.operation === 'CLEANUP') continue;
      // measurement.interval=both measures every operation twice: READ and Intended-READ
      if (s.operation.startsWith('Intended-') && this.ops.has(s.operation.slice(9))) continue;
      opSections++;
      if (s.operation === 'READ-MODIFY-WRITE') rmw += s.count ?? 0;
      else total += s.count ?? 0;
    }
    const operationsTotal = Math.max(0, total - rmw);
    const latencyMs = histogram || this.sawMsLabel;
    const format: YcsbFormat =
      this.jsonRecords > 0 && this.textMetricLines === 0
        ? this.jsonArray || !this.jsonObjectSeen
          ? 'ycsb-json-array'
          : 'ycsb-json'
        : latencyMs
          ? 'ycsb-histogram'
          : this.cppStyleStatus && !this.javaStyleStatus && this.headerLine === undefined
            ? 'ycsb-cpp'
            : this.runtime !== undefined ||
                this.throughput !== undefined ||
                this.ops.size > 0 ||
                this.series.length > 0 ||
                this.headerLine !== undefined ||
                this.bannerLine !== undefined ||
                this.usageLine !== undefined
              ? 'ycsb-text'
              : 'unknown';

    const hasSummary = this.runtime !== undefined || this.throughput !== undefined || this.overallLine !== undefined;
    if (!hasSummary) {
      if (this.ops.size > 0) {
        this.diag({
          line: this.ops.values().next().value?.firstLine,
          severity: 'warning',
          message: 'operation sections without the [OVERALL] lines: the summary is incomplete',
        });
      }
      const r = this.noSummary(format, format === 'ycsb-cpp' ? CPP_SUMMARY : JAVA_SUMMARY);
      if (r.status === 'partial' || r.status === 'failed') {
        r.operations = operations;
        r.metrics = metrics;
        r.sourceLatencyUnit = latencyMs ? 'ms' : 'us';
      }
      return r;
    }

    if (this.runtime !== undefined) metrics.runtime = this.runtime;
    if (this.throughput !== undefined) metrics.throughput = this.throughput;
    if (opSections > 0) metrics.operations = operationsTotal;
    const gcCount = this.gcCount ?? (this.gcCollectorsSeen ? this.gcCollectorCount : undefined);
    const gcTime = this.gcTime ?? (this.gcCollectorsSeen ? this.gcCollectorTime : undefined);
    if (gcCount !== undefined) metrics['gc.count'] = gcCount;
    if (gcTime !== undefined) metrics['gc.time'] = gcTime;

    const run = this.base('ok', format === 'unknown' ? 'ycsb-text' : format);
    run.metrics = metrics;
    run.operations = operations;
    run.sourceLatencyUnit = latencyMs ? 'ms' : 'us';

    const at = this.overallLine;
    if (this.runtime === undefined || this.throughput === undefined) {
      const missing = this.runtime === undefined ? 'RunTime(ms)' : 'Throughput(ops/sec)';
      run.status = 'partial';
      this.diag({
        line: at,
        severity: 'warning',
        message: `partial: the summary has no readable [OVERALL], ${missing}`,
        expected: `"[OVERALL], ${missing}, <number>"`,
        found: this.unreadable.length > 0 ? `unreadable at line ${this.unreadable[0].line}` : 'no such line',
      });
      return run;
    }
    if (this.throughput === 0 || (opSections > 0 && operationsTotal === 0)) {
      run.status = 'failed';
      const why =
        this.throughput === 0
          ? `Throughput(ops/sec) is ${this.throughputText ?? this.throughput} (line ${this.throughputLine})`
          : `every operation section counts 0 operations`;
      const sections = opSections === 0 ? 'no operation section' : `${opSections} operation section(s), ${operationsTotal} operation(s)`;
      this.diag({
        line: this.throughput === 0 ? this.throughputLine : at,
        severity: 'error',
        message: `failed: the run did no useful work: ${why}, ${sections}${this.firstException ? `; first exception at ${this.exceptionText()}` : ''}`,
      });
      return run;
    }
    if (opSections === 0) {
      run.status = 'partial';
      this.diag({
        line: this.lastSummaryLine,
        severity: 'warning',
        message: `partial: the summary stops after the [OVERALL] lines: Throughput is ${this.throughput} but no operation section follows`,
        expected: 'operation sections ([READ], Operations, …)',
        found: 'end of text',
      });
      return run;
    }
    if (this.malformedMetricLine !== undefined && this.malformedMetricLine >= this.lastSummaryLine) {
      run.status = 'partial';
      this.diag({
        line: this.malformedMetricLine,
        severity: 'warning',
        message: 'partial: the summary is cut in its last line',
      });
      return run;
    }
    if (lastOp && (lastOp.stats.count === undefined || (!lastOp.hasAvg && lastOp.rows.length === 0))) {
      run.status = 'partial';
      this.diag({
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
      for (const acc of this.ops.values()) {
        if (acc === lastOp) continue;
        common = common ? new Set([...common].filter((k) => acc.seen.has(k))) : new Set(acc.seen);
      }
      const missing = common
        ? [...common].filter((k) => !lastOp.seen.has(k) && !(latencyMs && k.startsWith('p')))
        : [];
      if (missing.length > 0) {
        run.status = 'partial';
        this.diag({
          line: lastOp.lastLine,
          severity: 'warning',
          message: `partial: the summary is cut inside the [${lastOp.stats.operation}] section (it lacks ${missing.join(', ')}, which every other section has)`,
          expected: `more [${lastOp.stats.operation}] lines`,
          found: 'end of the section',
        });
        return run;
      }
    }
    const expected = (this.throughput * this.runtime) / 1000;
    if (operationsTotal + 1 < expected * (1 - 1e-9)) {
      run.status = 'partial';
      this.diag({
        line: this.lastSummaryLine,
        severity: 'warning',
        message: `partial: the operation sections count ${operationsTotal} operations but Throughput × RunTime gives ${Math.round(expected)}: sections are missing (the summary was cut)`,
        expected: `${Math.round(expected)} operations`,
        found: `${operationsTotal}`,
      });
      return run;
    }
    if (operationsTotal > expected * (1 + 1e-9) + 1) {
      this.diag({
        line: this.lastSummaryLine,
        severity: 'warning',
        message: `the operation sections count ${operationsTotal} operations, more than Throughput × RunTime (${Math.round(expected)})`,
      });
    }
    if (this.unreadable.length > 0) {
      this.diag({
        line: this.unreadable[0].line,
        severity: 'warning',
        message: `${this.unreadable.length} summary value(s) unreadable and left out`,
      });
    }
    this.warnExceptionsInOkRun();
    return run;
  }

  goOps(lines: Map<string, GoYcsbLine>): StatusSample['ops'] {
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

  fillThroughput(samples: StatusSample[]): void {
    for (let i = 0; i < samples.length; i++) {
      const s = samples[i];
      if (s.throughput !== undefined) continue;
      const prevT = i > 0 ? samples[i - 1].t : 0;
      const prevOps = i > 0 ? samples[i - 1].operations : 0;
      if (s.t > prevT && s.operations >= prevOps) s.throughput = (s.operations - prevOps) / (s.t - prevT);
    }
  }

  finishGo(): ParsedRun {
    // go-ycsb interval blocks -> series (running totals)
    for (const b of this.goSeries) {
      const tot = b.lines.get('TOTAL');
      const first = b.lines.values().next().value as GoYcsbLine;
      let sum = 0;
      for (const g of b.lines.values()) if (g.op !== 'TOTAL') sum += g.count ?? 0;
      this.series.push({
        t: tot?.takesSec ?? first.takesSec ?? 0,
        operations: tot?.count ?? sum,
        line: b.line,
        ops: this.goOps(b.lines),
      });
    }
    this.series.sort((a, b) => a.line - b.line);
    this.fillThroughput(this.series);
    if (this.goSeries.length > 0) {
      this.diag({
        severity: 'info',
        message: 'go-ycsb interval blocks are running totals since the start: each sample\'s per-operation stats are cumulative; throughput is computed from the change in operations',
      });
    }
    if (this.goFinishedLine === undefined || this.goFinal.size === 0) {
      return this.noSummary('go-ycsb', GO_SUMMARY);
    }
    const run = this.base('ok', 'go-ycsb');
    const operations: Record<string, OperationStats> = {};
    const metrics: Record<string, number> = {};
    let sum = 0;
    for (const g of this.goFinal.values()) {
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
    const tot = this.goFinal.get('TOTAL');
    const runtime = this.goFinishedMs ?? (tot?.takesSec !== undefined ? tot.takesSec * 1000 : undefined);
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
      this.diag({
        line: this.goFinishedLine,
        severity: 'warning',
        message: 'partial: the final go-ycsb block gives no runtime or throughput',
      });
    } else if (opsTotal === 0 || throughput === 0) {
      run.status = 'failed';
      this.diag({
        line: this.goFinalLine ?? this.goFinishedLine,
        severity: 'error',
        message: `failed: the run did no useful work: ${opsTotal} operations, ${throughput} ops/sec${this.firstException ? `; first exception at ${this.exceptionText()}` : ''}`,
      });
    } else this.warnExceptionsInOkRun();
    return run;
  }

  finishCpp(): ParsedRun {
    const chosen = this.cpp.run ?? this.cpp.load;
    const phase = this.cpp.run ? 'run' : 'load';
    if (!chosen) return this.noSummary('ycsb-cpp', CPP_SUMMARY);
    this.header.factors.phase = phase;
    // samples of the chosen phase: after the load summary when the run is chosen
    const from = phase === 'run' && this.cpp.load ? this.cpp.load.seriesEnd : 0;
    const phaseSamples = this.series.slice(from, chosen.seriesEnd);
    this.fillThroughput(this.series);
    this.diag({
      severity: 'info',
      message: 'YCSB-cpp status lines carry cumulative per-operation stats since the phase began; throughput is computed from the change in operations',
    });
    const run = this.base('ok', 'ycsb-cpp');
    const metrics: Record<string, number> = {};
    const operations: Record<string, OperationStats> = {};
    const last = phaseSamples[phaseSamples.length - 1];
    if (last) {
      for (const [name, o] of Object.entries(last.ops)) {
        const s: OperationStats = { operation: name, percentiles: o.percentiles, returns: {} };
        if (o.count !== undefined) s.count = o.count;
        if (o.avg !== undefined) s.avg = o.avg;
        if (o.min !== undefined) s.min = o.min;
        if (o.max !== undefined) s.max = o.max;
        operations[name] = s;
        addOperationMetrics(metrics, s);
      }
    }
    if (chosen.runtimeSec !== undefined) metrics.runtime = chosen.runtimeSec * 1000;
    if (chosen.throughput !== undefined) metrics.throughput = chosen.throughput;
    if (chosen.operations !== undefined) metrics.operations = chosen.operations;
    run.metrics = metrics;
    run.operations = operations;
    if (phase === 'load' && this.cppAfterLoadLine !== undefined) {
      run.status = 'partial';
      this.diag({
        line: this.cppAfterLoadLine,
        severity: 'warning',
        message: `partial: the load summary is complete (line ${chosen.line}), but the run phase that follows has no summary`,
        expected: '"Run runtime(sec): …", "Run operations(ops): …", "Run throughput(ops/sec): …"',
        found: 'end of text',
      });
      return run;
    }
    if (chosen.runtimeSec === undefined || chosen.throughput === undefined || chosen.operations === undefined) {
      run.status = 'partial';
      this.diag({
        line: chosen.line,
        severity: 'warning',
        message: `partial: the ${phase} summary is incomplete (runtime, operations and throughput expected)`,
      });
      return run;
    }
    if (chosen.operations === 0 || chosen.throughput === 0) {
      run.status = 'failed';
      this.diag({
        line: chosen.line,
        severity: 'error',
        message: `failed: the ${phase} did no useful work: ${chosen.operations} operations, ${chosen.throughput} ops/sec`,
      });
      return run;
    }
    this.warnExceptionsInOkRun();
    return run;
  }
}

function notYcsb(name: string, message: string, lines: number): ParsedRun {
  return emptyParsedRun(name, 'not-ycsb', { severity: 'warning', message }, lines);
}

/**
 * Parse the text of one YCSB output (Java text/JSON exporters with hdrhistogram, histogram or
 * timeseries measurements, `-s` status lines, go-ycsb, YCSB-cpp). Pure and total: never throws;
 * anything unrecognisable ends as `not-ycsb` with a reason.
 *
 * @param text the decoded file content (CRLF or LF line ends, optional BOM)
 * @param name the name to report (a path relative to the scanned root, usually)
 * @example
 * parseYcsb('[OVERALL], RunTime(ms), 1000\n[OVERALL], Throughput(ops/sec), 10.0\n[READ], Operations, 10\n', 'x').status // 'ok'
 */
/**
 * The last word on `ok`, whatever the format: a run whose throughput or run time is negative, NaN
 * or infinite (a corrupted or overflowed summary, e.g. `Throughput(ops/sec), -9223372036854775808`)
 * is not usable: failed, with the value found.
 */
function checkOverall(run: ParsedRun): ParsedRun {
  if (run.status !== 'ok') return run;
  for (const [metric, label] of [
    ['throughput', 'throughput (ops/sec)'],
    ['runtime', 'run time (ms)'],
  ] as const) {
    const v = run.metrics[metric];
    if (v !== undefined && !(Number.isFinite(v) && v >= 0)) {
      run.status = 'failed';
      run.diagnostics.push({
        severity: 'error',
        message: `failed: the summary's ${label} is not a usable value`,
        expected: 'a finite number ≥ 0',
        found: String(v),
      });
      return run;
    }
  }
  return run;
}

/** Options of {@link parseYcsb}. */
export interface ParseOptions {
  /** false: the per-operation stats of Java status lines (hdrhistogram blocks) are not read; each
   * sample's `ops` then has an empty entry per operation (a frozen object, shared by samples with the
   * same operations). For callers that keep only t, operations
   * and throughput of the series (the loader's `series: 'throughput'`). Default true. */
  statusOps?: boolean;
}

export function parseYcsb(text: string, name: string, options: ParseOptions = {}): ParsedRun {
  let lineCount = 0;
  try {
    if (typeof text !== 'string') return notYcsb(name, 'not a YCSB output: the input is not text', 0);
    if (text.length === 0) return notYcsb(name, 'not a YCSB output: the file is empty', 0);
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    const sep = body.indexOf('\n') < 0 && body.indexOf('\r') >= 0 ? '\r' : '\n';
    const bin = binaryReason(body);
    if (bin) return notYcsb(name, `not a YCSB output: ${bin}`, 0);
    const p = new Parser(name);
    p.statusOps = options.statusOps ?? true;
    const lines = body.split(sep);
    if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    lineCount = p.lines = lines.length;
    for (let i = 0; i < lines.length; i++) p.line(lines[i], i + 1);
    if (p.lastNonEmptyLine === 0) {
      return notYcsb(name, 'not a YCSB output: the file holds only blank lines', lineCount);
    }
    return checkOverall(p.finish());
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return notYcsb(name, `not a YCSB output: the parser failed on it (${clip(why, 120)}); please report this file`, lineCount);
  }
}
