/**
 * The one pure parser: the text of a YCSB output -> one {@link ParsedRun} per YCSB invocation it
 * holds. This file dispatches; the dialects read (formats/java.ts, formats/go-ycsb.ts,
 * formats/ycsb-cpp.ts, with the status lines of formats/status.ts), and classify.ts says why an
 * output is not a usable run.
 *
 * ```
 * parseOutputs(text, name)                       (parseYcsb: the same, the text read as one invocation)
 *   1. not text, binary ──► not-ycsb (classify.ts); no bytes ──► empty
 *   2. BOM dropped, split into lines (LF, CRLF or CR alone)
 *   3. one loop over the lines; each line, in this order:
 *        · git merge-conflict markers noted (`<<<<<<<`, `=======`, `>>>>>>>` at the start of a line)
 *        · does it begin another invocation? (see beginsInvocation) ──► the one before is closed
 *        · to the dialects: go-ycsb table rows `| … |` · `[`-lines: go-ycsb json blocks, else the
 *          Java text exporter · `-s` status lines (Java and YCSB-cpp) · go-ycsb plain lines · the
 *          JSON exporters · usage texts · Java header lines · go-ycsb properties and `Run finished`
 *          · YCSB-cpp's `Load|Run …` summary · a date alone on a header line · exceptions
 *   4. a merge conflict ──► one run, conflict (the line of `<<<<<<<` named); only white space ──► empty
 *   5. each invocation, at its end: the dialect whose evidence it holds: go-ycsb, YCSB-cpp, else Java
 *        ──► its run (ok, or failed / partial / not-ycsb with the reason: classify.ts)
 *        ──► the last word on ok (a summary with an unusable throughput or run time is failed)
 *        ──► the phase from an INSERT-only summary when nothing else names it; the start time
 *   6. one invocation: its run, named `name`; several: `name#1`, `name#2`, … with their line ranges
 * ```
 *
 * Where an invocation begins (only ever at a line that YCSB prints once per invocation, and only
 * when the one being read already has that line or has run: status lines, a summary, a usage
 * text): a `Command line:`, a `YCSB Client x.y` banner, go-ycsb's properties banner, a second java
 * command as the bin/ycsb wrapper echoes it (`java … site.ycsb.Client …` or com.yahoo.ycsb.Client;
 * YCSB 0.1.4's wrapper printed it after the run, so the first one may come at either end); a
 * status line counting from the start again, or a second `[OVERALL], RunTime`, after a complete
 * summary; and YCSB-cpp's run phase after its load summary (`-load -run`: one process, two
 * phases). What comes between two invocations (shell noise, `Pseudo-terminal will not be
 * allocated…`, a directory listing) is read with the invocation before it: it is never a run.
 *
 * Units after normalisation: latencies µs (a `(ms)` label or the old histogram's ms buckets set
 * sourceLatencyUnit 'ms'), runtime ms, throughput ops/s.
 *
 * Pure: no file system, never throws.
 */
import type { ParsedRun } from '../model/run.js';
import { emptyParsedRun } from '../model/run.js';
import { afterUsageLine, binaryReason, checkOverall, exceptionLine, notYcsb, usageLine } from './classify.js';
import { finishGo, flushGoBlock, goHeaderLine, goJsonLine, goPlainLine, goTableLine, isGoYcsb } from './formats/go-ycsb.js';
import { headerDate, isJavaClientLine } from './formats/header.js';
import { endJavaText, finishJava, javaBracketLine, javaHeaderLine, javaJsonLine } from './formats/java.js';
import { readStatusLine, STATUS_LINE } from './formats/status.js';
import { cppAfterLoad, cppSummaryLine, finishCpp } from './formats/ycsb-cpp.js';
import { clip, Invocation, TextScan } from './invocation.js';
import { startFromStatus, statusTimestamp } from './timestamps.js';

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

/** A digit (0–9)? */
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The invocation has run: status lines, a summary (or part of one), go-ycsb blocks, a usage text. */
function hasRun(p: Invocation): boolean {
  return (
    p.series.length > 0 ||
    p.overallLine !== undefined ||
    p.ops.size > 0 ||
    p.jsonRecords > 0 ||
    p.goBlock !== undefined ||
    p.goSeries.length > 0 ||
    p.goFinishedLine !== undefined ||
    p.cpp.load !== undefined ||
    p.cpp.run !== undefined ||
    p.usageLine !== undefined
  );
}

/** The invocation printed its summary: `[OVERALL]` lines, go-ycsb's `Run finished`, YCSB-cpp's `Run …`. */
function summaryDone(p: Invocation): boolean {
  return p.runtime !== undefined || p.throughput !== undefined || p.goFinishedLine !== undefined || p.cpp.run !== undefined;
}

/**
 * Does `line` (not blank; c0 its first character) begin another invocation than `p`? Only lines
 * YCSB prints once per invocation, and only when `p` already has that line or has run (see the
 * module comment). Cheap for the lines that do not: a look at the first character and a few
 * fields of `p`; for a line no dialect takes by its first character, after the invocation's own
 * java command, a look at its first word (isJavaClientLine).
 */
function beginsInvocation(p: Invocation, line: string, c0: number): boolean {
  if (isDigit(c0)) {
    if (p.cppAfterLoad()) return true;
    return summaryDone(p) && restartedStatusLine(p, line);
  }
  // YCSB-cpp `-load -run`: the run phase follows the load summary in the same output
  if (p.cppAfterLoad()) return !(c0 === 76 /* L */ && line.startsWith('Load '));
  switch (c0) {
    case 91 /* [ */:
      return (p.runtime !== undefined || p.throughput !== undefined) && line.startsWith('[OVERALL], RunTime');
    case 67 /* C */:
      if (line.startsWith('Command line:')) return p.header.commandLine !== undefined || hasRun(p);
      break;
    case 89 /* Y */:
      if (line.startsWith('YCSB Client ')) return p.header.version !== undefined || hasRun(p);
      break;
    case 42 /* * */:
      return line.indexOf(' properties ') > 0 && (p.goPropsLine !== undefined || hasRun(p));
    case 9:
    case 32:
    case 34 /* " */:
    case 123 /* { */:
    case 124 /* | */:
      return false;
  }
  // the java command bin/ycsb echoes: a second one. (Only a second: YCSB 0.1.4's wrapper printed
  // its echo after the client's output, so an echo after a run may still be that run's own.)
  return p.javaEchoLine !== undefined && isJavaClientLine(line);
}

/** A status line (`… <s> sec: …`) whose seconds are fewer than the last sample's: a new run's. */
function restartedStatusLine(p: Invocation, line: string): boolean {
  const at = line.indexOf(' sec: ');
  if (at <= 0) return false;
  let i = at;
  let seconds = 0;
  let scale = 1;
  while (i > 0 && isDigit(line.charCodeAt(i - 1))) {
    seconds += (line.charCodeAt(i - 1) - 48) * scale;
    scale *= 10;
    i--;
  }
  if (i === at || line.indexOf(' operations', at) < 0) return false;
  const last = p.series[p.series.length - 1];
  return last === undefined || seconds < last.t;
}

/**
 * One line of an invocation (n: its number in the file), offered to the dialects in turn. False
 * when the line begins another invocation (p.splitting): then nothing of it was read.
 *
 * Kept short: the lines of nearly every output are status lines and summary lines, read here or
 * one call away; every other kind of line goes to {@link otherLine}. (A function optimised by the
 * JIT is optimised again when a kind of line it never saw arrives: the rare kinds are read in a
 * function of their own, so that this one is not.)
 */
function readLine(p: Invocation, raw: string, n: number): boolean {
  const len = raw.length;
  if (len === 0) return true;
  const line = raw.charCodeAt(len - 1) === 13 ? raw.slice(0, -1) : raw;
  if (line.length === 0) return true;
  const c0 = line.charCodeAt(0);
  if ((c0 === 32 || c0 === 9) && isBlank(line)) return true;
  if (c0 >= 60 && c0 <= 62) p.scan.marker(line, n, c0);
  if (p.splitting && beginsInvocation(p, line, c0)) return false;
  p.lastNonEmptyLine = n;
  p.lastNonEmptyText = line;
  cppAfterLoad(p, line, n);
  if (p.pendingUsage !== undefined) afterUsageLine(p, line);

  if (c0 === 91 /* [ */) {
    if (!goJsonLine(p, line, n)) javaBracketLine(p, line, n);
    return true;
  }
  if (c0 === 124 /* | */ && goTableLine(p, line, n)) return true;
  const secAt = line.indexOf(' sec: ');
  if (secAt > 0 && statusLine(p, line, secAt, n)) return true;
  otherLine(p, line, n, c0);
  return true;
}

/** Only white space? */
function isBlank(line: string): boolean {
  return line.trim().length === 0;
}

/** A `-s` status line (Java or YCSB-cpp) into the series; false when `line` is not one. */
function statusLine(p: Invocation, line: string, secAt: number, n: number): boolean {
  if (!readStatusLine(line, secAt, p.statusOps)) return false;
  const s = STATUS_LINE;
  if (s.style === 'cpp') p.cppStyleStatus = true;
  else if (s.throughput !== undefined || hasKeys(s.ops)) p.javaStyleStatus = true;
  if (s.sawMs) p.sawMsLabel = true;
  p.addSample(n, s.t, s.operations, s.ops, s.throughput);
  return true;
}

/** A line that is neither a status line nor `[`- or `|`-prefixed (see readLine): go-ycsb plain
 * lines, the JSON exporters, usage texts, headers, YCSB-cpp's summary, a date, exceptions. */
function otherLine(p: Invocation, line: string, n: number, c0: number): void {
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
  // a date alone on a line before the run (e.g. the output of `date` in the script): its start
  if (p.headerStamp === undefined && p.series.length === 0 && p.overallLine === undefined && line.length <= 40) {
    const iso = headerDate(line);
    if (iso !== undefined) {
      p.headerStamp = { iso, line: n };
      return;
    }
  }
  exceptionLine(p, line, n);
}

/** The phase of a run whose content names none (no -load, -t, dotransactions or go-ycsb command): a
 * summary of INSERT operations only is a load. */
function phaseFromSummary(run: ParsedRun): void {
  if (run.header.factors.phase !== undefined) return;
  let inserts = false;
  for (const op in run.operations) {
    if (op === 'CLEANUP') continue;
    if (op === 'INSERT' || op.startsWith('INSERT-') || op === 'Intended-INSERT') inserts = true;
    else return;
  }
  if (!inserts) return;
  run.header.factors.phase = 'load';
  run.diagnostics.push({
    severity: 'info',
    message: 'phase load: the summary counts INSERT operations only, and no command line names the phase (-load or -t)',
  });
}

/** When the run started: its first status line's time less the seconds it counts, else a date in
 * its header (the file's modification time is the loader's last resort). */
function startOf(p: Invocation, run: ParsedRun, lines: readonly string[]): void {
  const series = run.series;
  for (let i = 0; i < series.length && i < 3; i++) {
    const raw = lines[series[i].line - 1];
    if (raw === undefined || !isDigit(raw.charCodeAt(0))) continue;
    const st = statusTimestamp(raw);
    if (st === undefined) continue;
    const seconds = st.secondsSinceStart ?? series[i].t;
    // (the first status line usually counts 0 seconds: its time is the start, no arithmetic)
    run.start = { iso: seconds === 0 ? st.iso : startFromStatus(st.iso, seconds), source: 'status-line' };
    return;
  }
  if (p.headerStamp !== undefined) run.start = { iso: p.headerStamp.iso, source: 'header' };
}

/** The end of an invocation: the run of the dialect whose evidence it holds. May throw. */
function finishInvocation(p: Invocation, lines: readonly string[]): ParsedRun {
  flushGoBlock(p);
  endJavaText(p);
  const run = isGoYcsb(p) ? finishGo(p) : p.cpp.load || p.cpp.run || p.cppAfterLoadSummary !== undefined ? finishCpp(p) : finishJava(p);
  checkOverall(run);
  phaseFromSummary(run);
  startOf(p, run, lines);
  return run;
}

/** A text holding git merge-conflict markers: two outputs mixed together, one run, rejected. */
function conflictRun(name: string, scan: TextScan, lines: number): ParsedRun {
  const mid = scan.conflictMid !== undefined ? `, "=======" at line ${scan.conflictMid}` : '';
  return emptyParsedRun(
    name,
    'conflict',
    {
      line: scan.conflictStart,
      severity: 'error',
      message: `git merge-conflict marker: two outputs mixed together ("<<<<<<<" here${mid}, ">>>>>>>" at line ${scan.conflictEnd}); resolve the conflict or keep one side`,
    },
    lines,
  );
}

/**
 * The lines of a text, read in one loop: one run per invocation (`splitting`), or the whole text as
 * one. May throw (the entry points catch).
 */
function readLines(lines: readonly string[], name: string, options: ParseOptions, splitting: boolean): ParsedRun[] {
  const scan = new TextScan();
  const statusOps = options.statusOps ?? true;
  const open = (firstLine: number): Invocation => {
    const q = new Invocation(name, scan);
    q.statusOps = statusOps;
    q.splitting = splitting;
    q.firstLine = firstLine;
    return q;
  };
  const read: Invocation[] = [];
  let p = open(1);
  for (let i = 0; i < lines.length; i++) {
    if (readLine(p, lines[i], i + 1)) continue;
    // line i + 1 begins another invocation
    p.lines = i + 1 - p.firstLine;
    read.push(p);
    const next = open(i + 1);
    if (p.cpp.load !== undefined && p.cpp.run === undefined) next.cppAfterLoadSummary = p.cpp.load.line;
    p = next;
    readLine(p, lines[i], i + 1);
  }
  p.lines = lines.length - p.firstLine + 1;
  read.push(p);
  // 4. A merge conflict; nothing but white space.
  if (scan.conflict) return [conflictRun(name, scan, lines.length)];
  if (read.length === 1) {
    if (p.lastNonEmptyLine === 0) {
      return [emptyParsedRun(name, 'empty', { severity: 'warning', message: `empty: the file holds only white space (${lines.length} line(s))` }, lines.length)];
    }
    return [finishInvocation(p, lines)];
  }
  // 5–6. Several invocations: `name#k`, with their lines.
  return read.map((q, k) => {
    const run = finishInvocation(q, lines);
    run.name = `${name}#${k + 1}`;
    run.invocation = { index: k + 1, of: read.length, path: name, fromLine: q.firstLine, toLine: q.lastNonEmptyLine };
    return run;
  });
}

/** Steps 1–2 of the parsers: the text's lines, or the run it is when it has none to read. */
function textLines(text: string, name: string): string[] | ParsedRun {
  if (typeof text !== 'string') return notYcsb(name, 'not a YCSB output: the input is not text', 0);
  if (text.length === 0) return emptyParsedRun(name, 'empty', { severity: 'warning', message: 'empty: the file has no bytes' }, 0);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const sep = body.indexOf('\n') < 0 && body.indexOf('\r') >= 0 ? '\r' : '\n';
  const bin = binaryReason(body);
  if (bin) return notYcsb(name, `not a YCSB output: ${bin}`, 0);
  const lines = body.split(sep);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** What a parser that failed on a text returns (a bug, never expected). */
function parserFailed(name: string, e: unknown, lines: number): ParsedRun {
  const why = e instanceof Error ? e.message : String(e);
  return notYcsb(name, `not a YCSB output: the parser failed on it (${clip(why, 120)}); please report this file`, lines);
}

/**
 * Parse the text of a YCSB output file into one run per YCSB invocation it holds (Java text/JSON
 * exporters with hdrhistogram, histogram or timeseries measurements, `-s` status lines, go-ycsb,
 * YCSB-cpp). A text with one invocation gives one run named `name`, exactly as {@link parseYcsb};
 * one with several (a load then a run, runs appended with `>>`, YCSB-cpp's `-load -run`) gives
 * `name#1`, `name#2`, … each with its `invocation` (index, count, line range). A text with git
 * merge-conflict markers is one run, `conflict`; one with no bytes or only white space, `empty`.
 * Pure and total: never throws, never returns an empty list.
 *
 * @param text the decoded file content (CRLF or LF line ends, optional BOM)
 * @param name the name to report (a path relative to the scanned root, usually)
 * @example
 * parseOutputs('Command line: -db x -load\n[OVERALL], RunTime(ms), 10\n[OVERALL], Throughput(ops/sec), 100\n[INSERT], Operations, 1\n' +
 *   'Command line: -db x -t\n[OVERALL], RunTime(ms), 10\n[OVERALL], Throughput(ops/sec), 100\n[READ], Operations, 1\n', 'f').map((r) => r.name)
 *   // ['f#1', 'f#2']
 */
export function parseOutputs(text: string, name: string, options: ParseOptions = {}): ParsedRun[] {
  let lineCount = 0;
  try {
    const lines = textLines(text, name);
    if (!Array.isArray(lines)) return [lines];
    lineCount = lines.length;
    return readLines(lines, name, options, true);
  } catch (e) {
    return [parserFailed(name, e, lineCount)];
  }
}

/**
 * Parse the text of one YCSB output as one run: the whole text is read as one invocation (a second
 * summary replaces the first, with a warning). For a text known to hold one run (a fetched output);
 * files use {@link parseOutputs}. Pure and total: never throws; anything unrecognisable ends as
 * `not-ycsb` with a reason, a merge conflict as `conflict`, no bytes or only white space as `empty`.
 *
 * @param text the decoded file content (CRLF or LF line ends, optional BOM)
 * @param name the name to report (a path relative to the scanned root, usually)
 * @example
 * parseYcsb('[OVERALL], RunTime(ms), 1000\n[OVERALL], Throughput(ops/sec), 10.0\n[READ], Operations, 10\n', 'x').status // 'ok'
 */
export function parseYcsb(text: string, name: string, options: ParseOptions = {}): ParsedRun {
  let lineCount = 0;
  try {
    const lines = textLines(text, name);
    if (!Array.isArray(lines)) return lines;
    lineCount = lines.length;
    return readLines(lines, name, options, false)[0];
  } catch (e) {
    return parserFailed(name, e, lineCount);
  }
}
