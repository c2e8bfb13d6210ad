/**
 * The one pure parser: the text of one YCSB output -> a {@link ParsedRun}. This file dispatches;
 * the dialects read (formats/java.ts, formats/go-ycsb.ts, formats/ycsb-cpp.ts, with the status
 * lines of formats/status.ts), and classify.ts says why an output is not a usable run.
 *
 * ```
 * parseYcsb(text)
 *   1. not text, empty, binary ──► not-ycsb (classify.ts)
 *   2. BOM dropped, split into lines (LF, CRLF or CR alone)
 *   3. the invocation: today one per file, lines [0, n) ──► readInvocation
 *        every line, in this order, to:
 *          go-ycsb table rows `| … |` · `[`-lines: go-ycsb json blocks, else the Java text exporter
 *          · `-s` status lines (Java and YCSB-cpp) · go-ycsb plain lines · the JSON exporters
 *          · usage texts · Java header lines · go-ycsb properties and `Run finished`
 *          · YCSB-cpp's `Load|Run …` summary · exceptions and stack traces
 *        at its end, the dialect whose evidence it holds: go-ycsb, YCSB-cpp, else Java
 *          ──► its run (ok, or failed / partial / not-ycsb with the reason: classify.ts)
 *   4. the last word on ok (a summary with an unusable throughput or run time is failed)
 * ```
 *
 * Units after normalisation: latencies µs (a `(ms)` label or the old histogram's ms buckets set
 * sourceLatencyUnit 'ms'), runtime ms, throughput ops/s.
 *
 * Pure: no file system, never throws.
 */
import type { ParsedRun } from '../model/run.js';
import { afterUsageLine, binaryReason, checkOverall, exceptionLine, notYcsb, usageLine } from './classify.js';
import { finishGo, flushGoBlock, goHeaderLine, goJsonLine, goPlainLine, goTableLine, isGoYcsb } from './formats/go-ycsb.js';
import { endJavaText, finishJava, javaBracketLine, javaHeaderLine, javaJsonLine } from './formats/java.js';
import { parseStatusLine } from './formats/status.js';
import { cppAfterLoad, cppSummaryLine, finishCpp } from './formats/ycsb-cpp.js';
import { clip, Invocation } from './invocation.js';

export { BINDING_DB, dbFromBinding, workloadName } from './formats/header.js';

/** Options of {@link parseYcsb}. */
export interface ParseOptions {
  /** false: the per-operation stats of Java status lines (hdrhistogram blocks) are not read; each
   * sample's `ops` then has an empty entry per operation (a frozen object, shared by samples with the
   * same operations). For callers that keep only t, operations
   * and throughput of the series (the loader's `series: 'throughput'`). Default true. */
  statusOps?: boolean;
}

/** Object.keys(o).length > 0 without the array. */
function hasKeys(o: object): boolean {
  for (const _ in o) return true;
  return false;
}

/** One line of an invocation (n: its number in the file), offered to the dialects in turn. */
function readLine(p: Invocation, raw: string, n: number): void {
  const line = raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw;
  if (line.length === 0) return;
  const c0 = line.charCodeAt(0);
  if (c0 === 32 || c0 === 9) {
    if (line.trim().length === 0) return;
  }
  p.lastNonEmptyLine = n;
  p.lastNonEmptyText = line;
  cppAfterLoad(p, line, n);
  if (p.pendingUsage !== undefined) afterUsageLine(p, line);

  if (c0 === 124 /* | */ && goTableLine(p, line, n)) return;
  if (c0 === 91 /* [ */) {
    if (!goJsonLine(p, line, n)) javaBracketLine(p, line, n);
    return;
  }

  const secAt = line.indexOf(' sec: ');
  if (secAt > 0) {
    const s = parseStatusLine(line, secAt, p.statusOps);
    if (s) {
      if (s.style === 'cpp') p.cppStyleStatus = true;
      else if (s.throughput !== undefined || hasKeys(s.ops)) p.javaStyleStatus = true;
      if (s.sawMs) p.sawMsLabel = true;
      p.addSample(n, s.t, s.operations, s.ops, s.throughput);
      return;
    }
  }

  if (goPlainLine(p, line, n)) return;
  if (javaJsonLine(p, line, n, c0)) return;
  if (c0 === 85 /* U */ && line.startsWith('Usage:')) {
    usageLine(p, line, n);
    return;
  }
  if (javaHeaderLine(p, line, n, c0)) return;
  if (goHeaderLine(p, line, n, c0)) return;
  if ((c0 === 76 /* L */ && line.startsWith('Load ')) || (c0 === 82 /* R */ && line.startsWith('Run '))) {
    if (cppSummaryLine(p, line, n)) return;
  }
  exceptionLine(p, line, n);
}

/**
 * One YCSB invocation, the lines [from, to) of a file (numbered as in the file): every line to the
 * dialects, then the run of the dialect whose evidence the invocation holds. May throw (parseYcsb
 * catches).
 */
function readInvocation(lines: readonly string[], from: number, to: number, name: string, options: ParseOptions): ParsedRun {
  const p = new Invocation(name);
  p.statusOps = options.statusOps ?? true;
  p.lines = to - from;
  for (let i = from; i < to; i++) readLine(p, lines[i], i + 1);
  if (p.lastNonEmptyLine === 0) {
    return notYcsb(name, 'not a YCSB output: the file holds only blank lines', p.lines);
  }
  flushGoBlock(p);
  endJavaText(p);
  const run = isGoYcsb(p) ? finishGo(p) : p.cpp.load || p.cpp.run ? finishCpp(p) : finishJava(p);
  return checkOverall(run);
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
export function parseYcsb(text: string, name: string, options: ParseOptions = {}): ParsedRun {
  let lineCount = 0;
  try {
    // 1. Not text, empty, binary.
    if (typeof text !== 'string') return notYcsb(name, 'not a YCSB output: the input is not text', 0);
    if (text.length === 0) return notYcsb(name, 'not a YCSB output: the file is empty', 0);
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    const sep = body.indexOf('\n') < 0 && body.indexOf('\r') >= 0 ? '\r' : '\n';
    const bin = binaryReason(body);
    if (bin) return notYcsb(name, `not a YCSB output: ${bin}`, 0);
    // 2. Lines.
    const lines = body.split(sep);
    if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    lineCount = lines.length;
    // 3–4. The invocation (one per file).
    return readInvocation(lines, 0, lines.length, name, options);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return notYcsb(name, `not a YCSB output: the parser failed on it (${clip(why, 120)}); please report this file`, lineCount);
  }
}
