/**
 * What the parser has seen so far of one YCSB invocation: the state every dialect reader
 * (formats/java.ts, formats/go-ycsb.ts, formats/ycsb-cpp.ts) and the failure classification
 * (classify.ts) read and write, line after line, and the few helpers they share.
 *
 * One {@link Invocation} per invocation read (see readInvocation in parse.ts): it holds the evidence
 * of every dialect at once, because which dialect the output is becomes known only at its end.
 *
 * Pure: no I/O.
 */
import type { Diagnostic, OperationStats, ParsedRun, RunHeader, RunStatus, StatusSample, YcsbFormat } from '../model/run.js';
import type { GoBlock, GoYcsbLine } from './formats/go-ycsb.js';
import type { ClientArgs } from './formats/header.js';
import type { OpAcc } from './formats/java-metrics.js';
import type { JsonScanState } from './formats/json-records.js';
import type { StatusOps } from './formats/status.js';
import type { CppSummary } from './formats/ycsb-cpp.js';

/** `s`, cut to `n` characters with an ellipsis, for messages. */
export function clip(s: string, n = 160): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

/** Metric name of an operation: lower case (READ-MODIFY-WRITE -> read-modify-write). */
export function opKey(op: string): string {
  return op.toLowerCase();
}

/** The metric names of one operation (`read.count`, `read.p99`, `read.return.ok`, …). */
interface OperationMetricNames {
  count: string;
  avg: string;
  min: string;
  max: string;
  /** percentile key -> `<op>.p<key>`; return code -> `<op>.return.<code in lower case>`. */
  percentile: Map<string, string>;
  returns: Map<string, string>;
}

/** Operation name -> its metric names: a campaign's runs share a few operations, whose names are
 * built once (strings of their own) instead of per run. Bounded. */
const metricNames = new Map<string, OperationMetricNames>();
const METRIC_NAMES_CAP = 1_000;

/** A string of its own (not a slice of a file's text, which a kept slice would keep alive). */
function own(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string;
}

function namesOf(operation: string): OperationMetricNames {
  let names = metricNames.get(operation);
  if (names === undefined) {
    const key = own(opKey(operation));
    names = { count: `${key}.count`, avg: `${key}.avg`, min: `${key}.min`, max: `${key}.max`, percentile: new Map(), returns: new Map() };
    if (metricNames.size < METRIC_NAMES_CAP) metricNames.set(own(operation), names);
  }
  return names;
}

/** `<op>.p<key>` for a percentile key of `operation`. */
function percentileName(names: OperationMetricNames, operation: string, p: string): string {
  let name = names.percentile.get(p);
  if (name === undefined) {
    name = own(`${opKey(operation)}.p${p}`);
    if (names.percentile.size < METRIC_NAMES_CAP) names.percentile.set(own(p), name);
  }
  return name;
}

/** `<op>.return.<code>` (the code in lower case) for a return code of `operation`. */
export function returnMetricName(operation: string, code: string): string {
  const names = namesOf(operation);
  let name = names.returns.get(code);
  if (name === undefined) {
    name = own(`${opKey(operation)}.return.${code.toLowerCase()}`);
    if (names.returns.size < METRIC_NAMES_CAP) names.returns.set(own(code), name);
  }
  return name;
}

/** An operation's summary as metrics: `<op>.count` and, unless it did no operation, `<op>.avg`,
 * `.min`, `.max` and `.p<k>` for each percentile it has. */
export function addOperationMetrics(metrics: Record<string, number>, s: OperationStats): void {
  const names = namesOf(s.operation);
  if (s.count !== undefined) metrics[names.count] = s.count;
  if (s.count === 0) return;
  if (s.avg !== undefined) metrics[names.avg] = s.avg;
  if (s.min !== undefined) metrics[names.min] = s.min;
  if (s.max !== undefined) metrics[names.max] = s.max;
  const pct = s.percentiles;
  // (for-in: the keys in the order Object.entries gives them)
  for (const p in pct) metrics[percentileName(names, s.operation, p)] = pct[p];
}

/** Throughput of the samples that have none, from the change in operations since the one before
 * (for series of running totals: go-ycsb blocks, YCSB-cpp status lines). */
export function fillThroughput(samples: StatusSample[]): void {
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i];
    if (s.throughput !== undefined) continue;
    const prevT = i > 0 ? samples[i - 1].t : 0;
    const prevOps = i > 0 ? samples[i - 1].operations : 0;
    if (s.t > prevT && s.operations >= prevOps) s.throughput = (s.operations - prevOps) / (s.t - prevT);
  }
}

/**
 * What the parser notes of a whole text, across its invocations: git merge-conflict markers
 * (`<<<<<<< ours`, `=======`, `>>>>>>> theirs`, each at the start of a line), 1-based lines.
 */
export class TextScan {
  /** The first `<<<<<<<` line. */
  conflictStart?: number;
  /** The first `=======` line after it. */
  conflictMid?: number;
  /** The first `>>>>>>>` line after the `<<<<<<<`. */
  conflictEnd?: number;

  /** A line starting with `<`, `=` or `>` (c0: its first character): a marker? */
  marker(line: string, n: number, c0: number): void {
    if (c0 === 60 /* < */) {
      if (this.conflictStart === undefined && isMarker(line, '<<<<<<<')) this.conflictStart = n;
    } else if (c0 === 61 /* = */) {
      if (this.conflictStart !== undefined && this.conflictMid === undefined && line.trimEnd() === '=======') this.conflictMid = n;
    } else if (this.conflictStart !== undefined && this.conflictEnd === undefined && isMarker(line, '>>>>>>>')) this.conflictEnd = n;
  }

  /** The text holds a merge conflict: a `<<<<<<<` line and, after it, a `>>>>>>>` line. */
  get conflict(): boolean {
    return this.conflictStart !== undefined && this.conflictEnd !== undefined;
  }
}

/** `mark` alone, or followed by a space or tab (`<<<<<<< HEAD`), but not by an eighth `<`. */
function isMarker(line: string, mark: string): boolean {
  if (!line.startsWith(mark)) return false;
  const c = line.charCodeAt(mark.length);
  return Number.isNaN(c) || c === 32 || c === 9 || c === 13;
}

/** The notes that say which option values were read across spaces (YCSB echoes its arguments
 * unquoted), at line `n`. */
export function rejoinedNotes(split: ClientArgs, n: number): Diagnostic[] {
  return split.rejoined.map((r) => ({
    line: n,
    severity: 'info',
    message: `command line: ${r.option} ${JSON.stringify(clip(r.value, 80))} read as one value with spaces (YCSB echoes its arguments without quotes; the words after it do not start with -)`,
  }));
}

export class Invocation {
  readonly diagnostics: Diagnostic[] = [];
  readonly header: RunHeader = { factors: {}, properties: {} };
  readonly series: StatusSample[] = [];

  // Java text / JSON summary (formats/java.ts)
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

  // go-ycsb (formats/go-ycsb.ts)
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

  // YCSB-cpp (formats/ycsb-cpp.ts)
  cpp: { load?: CppSummary; run?: CppSummary } = {};
  cppAfterLoadLine?: number;

  // failures (classify.ts)
  exceptionHeads = 0;
  firstException?: { line: number; text: string };
  lastExceptionLine = 0;
  /** Exception heads since the last status line that showed progress (reset by progress). */
  exAfterProgress = 0;
  exAfterFirst?: { line: number; text: string };
  /** The first of them that stops the client itself (see fatalReason in classify.ts). */
  exAfterFatal?: { line: number; text: string; why: string };
  usageLine?: number;
  usageGo = false;
  pendingUsage?: number;

  lines = 0;
  lastNonEmptyLine = 0;
  lastNonEmptyText = '';

  // invocations (parse.ts): where this one begins, and what tells that another one begins
  /** Look for the start of another invocation (parseOutputs); false: the text is one (parseYcsb). */
  splitting = false;
  /** 1-based line of the file this invocation begins at. */
  firstLine = 1;
  /** The java command bin/ycsb echoes (`java … site.ycsb.Client …`, see isJavaClientLine). */
  javaEchoLine?: number;
  /** go-ycsb's properties banner (`***** properties *****`). */
  goPropsLine?: number;
  /** YCSB-cpp: this invocation is the run phase that followed the load summary (ending at this
   * line) of the one before it (the same process, `-load -run`). */
  cppAfterLoadSummary?: number;
  /** A date alone on a line of the header (before any status line or summary). */
  headerStamp?: { iso: string; line: number };

  constructor(
    readonly name: string,
    /** The markers of the whole text, shared by its invocations. */
    readonly scan: TextScan = new TextScan(),
  ) {}

  /** YCSB-cpp: the load summary was printed and no run summary (yet). */
  cppAfterLoad(): boolean {
    const cpp = this.cpp;
    return cpp.load !== undefined && cpp.run === undefined;
  }

  diag(d: Diagnostic): void {
    this.diagnostics.push(d);
  }

  /** A status line (or go-ycsb block) that showed operations progressing. */
  progress(n: number): void {
    this.lastProgressLine = n;
    this.exAfterProgress = 0;
    this.exAfterFirst = undefined;
    this.exAfterFatal = undefined;
  }

  /** A status line's sample, appended to the series (a moved operation count is progress). */
  addSample(n: number, t: number, operations: number, ops: StatusOps, throughput: number | undefined): void {
    // one literal per case: a property added after the literal would go to a separate backing store
    const sample: StatusSample = throughput !== undefined ? { t, operations, line: n, ops, throughput } : { t, operations, line: n, ops };
    const prev = this.series[this.series.length - 1];
    // progress: the operation count moved (a new phase restarts from 0); time alone is not
    if (operations > 0 && (!prev || operations !== prev.operations)) this.progress(n);
    this.series.push(sample);
  }

  /** Say which option values were read across spaces (YCSB echoes its arguments unquoted). */
  noteRejoined(split: ClientArgs, n: number): void {
    for (const d of rejoinedNotes(split, n)) this.diag(d);
  }

  /** The run as far as every dialect agrees: name, status, format, header, series, diagnostics. */
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
}
