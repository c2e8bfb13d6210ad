/**
 * Why a YCSB output is not a usable run: the failure classification the dialect readers end with.
 *
 * Status (see RunStatus in the model):
 * - ok: a summary with runtime, throughput and at least one operation;
 * - failed: the run ended without useful work: Throughput 0 or no operation, an exception and
 *   no summary before any progress, an exception that stops the client itself (main thread,
 *   WorkloadException, out of memory, Go panic), or a usage text only (the diagnostic says which);
 * - partial: status lines or a header, but the summary is missing or truncated (series kept),
 *   including an ordinary exception after progress (YCSB prints its summary despite client-thread
 *   exceptions, so the text was cut: see exceptionWithoutSummary);
 * - not-ycsb: nothing YCSB-like (including binary content and empty text).
 *
 * Here: the evidence of failure as lines are read (exceptions, usage texts), the verdict when the
 * summary is missing ({@link noSummary}), binary content, and the last word on `ok`
 * ({@link checkOverall}). What a summary that is there but cut looks like is each dialect's own
 * (formats/java.ts, go-ycsb.ts, ycsb-cpp.ts).
 *
 * Pure: no I/O.
 */
import type { ParsedRun, YcsbFormat } from '../model/run.js';
import { emptyParsedRun } from '../model/run.js';
import { clip, type Invocation } from './invocation.js';

/** The part of an output that is missing: named in short in a message, in full as the expected part. */
export interface Missing {
  short: string;
  full: string;
}

// ---------------------------------------------------------------------------------------------
// Evidence, line by line

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

/** A line no dialect took: counted when it is an exception head or a stack frame. */
export function exceptionLine(p: Invocation, line: string, n: number): void {
  const fatal = fatalReason(line);
  const ex = fatal ? 'head' : exceptionKind(line);
  if (ex) {
    if (ex === 'head') {
      const e = { line: n, text: clip(line.trim()) };
      p.exceptionHeads++;
      p.firstException ??= e;
      p.exAfterProgress++;
      p.exAfterFirst ??= e;
      if (fatal) p.exAfterFatal ??= { ...e, why: fatal };
    }
    p.lastExceptionLine = n;
  }
}

/** A `Usage:` line: a usage text when it or the line after it names YCSB. */
export function usageLine(p: Invocation, line: string, n: number): void {
  if (line.toLowerCase().indexOf('ycsb') >= 0) {
    p.usageLine ??= n;
    if (line.indexOf('go-ycsb') >= 0) p.usageGo = true;
  } else p.pendingUsage = n;
}

/** The non-empty line after a `Usage:` line that did not name YCSB (p.pendingUsage set). */
export function afterUsageLine(p: Invocation, line: string): void {
  if (line.toLowerCase().indexOf('ycsb') >= 0) {
    p.usageLine ??= p.pendingUsage;
    if (line.indexOf('go-ycsb') >= 0) p.usageGo = true;
  }
  p.pendingUsage = undefined;
}

// ---------------------------------------------------------------------------------------------
// Verdicts

/** `line 10: java.net.…`: where the first exception was, or ''. */
export function exceptionText(p: Invocation): string {
  const e = p.firstException;
  if (!e) return '';
  return `line ${e.line}: ${e.text}`;
}

/**
 * No summary: failed (usage, exception), partial (status lines, header) or not-ycsb. `what`: the
 * missing part, `short` in a message ("summary") and `full` where no expected/found follows or as
 * the expected part (so that a message with both names it once in each form).
 */
export function noSummary(p: Invocation, format: YcsbFormat, what: Missing): ParsedRun {
  if (p.usageLine !== undefined) {
    p.diag({
      line: p.usageLine,
      severity: 'error',
      message: 'failed: the output is a usage text: the client did not start a run',
    });
    const usageFormat: YcsbFormat = p.goSeen || p.usageGo ? 'go-ycsb' : 'ycsb-text';
    return p.base('failed', format === 'unknown' || p.usageGo ? usageFormat : format);
  }
  const hasEvidence = p.series.length > 0 || p.headerLine !== undefined || p.bannerLine !== undefined || p.goSeen;
  if (p.firstException && hasEvidence && p.lastProgressLine < p.lastExceptionLine) {
    const r = exceptionWithoutSummary(p, format, what);
    if (r) return r;
  }
  if (hasEvidence) {
    const found: string[] = [];
    if (p.series.length > 0) found.push(`${p.series.length} status line(s), the last at line ${p.series[p.series.length - 1].line}`);
    if (p.goSeries.length > 0) found.push(`${p.goSeries.length} go-ycsb interval block(s)`);
    if (p.headerLine !== undefined) found.push(`a header at line ${p.headerLine}`);
    if (p.bannerLine !== undefined) found.push(`a binding banner at line ${p.bannerLine}`);
    p.diag({
      line: p.lastNonEmptyLine || undefined,
      severity: 'warning',
      message: `partial: ${found.join(', ')}, but the output stops before the ${what.short}`,
      expected: what.full,
      found: p.lastNonEmptyLine ? `end of text after ${JSON.stringify(clip(p.lastNonEmptyText, 60))}` : 'end of text',
    });
    if (p.firstException) {
      p.diag({ line: p.firstException.line, severity: 'warning', message: `exception logged: ${p.firstException.text}` });
    }
    return p.base('partial', format === 'unknown' ? 'ycsb-text' : format);
  }
  p.diag({
    severity: 'warning',
    message: `not a YCSB output: none of its ${p.lines} line(s) is a YCSB summary, status line, header, go-ycsb or YCSB-cpp line`,
  });
  return p.base('not-ycsb', 'unknown');
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
function exceptionWithoutSummary(p: Invocation, format: YcsbFormat, what: Missing): ParsedRun | undefined {
  const fmt = format === 'unknown' ? 'ycsb-text' : format;
  const first = p.exAfterFirst ?? p.firstException;
  if (!first) return undefined;
  const count = p.exAfterProgress || p.exceptionHeads;
  const lastEx = p.lastExceptionLine;
  if (p.lastProgressLine === 0) {
    p.diag({
      line: first.line,
      severity: 'error',
      message: `failed: an exception and no ${what.full}, and no status line ever showed operations done (${count} exception line(s), first at line ${first.line}: ${first.text}; last exception line ${lastEx})`,
    });
    return p.base('failed', fmt);
  }
  const progress = progressText(p);
  const fatal = p.exAfterFatal;
  if (fatal) {
    p.diag({
      line: fatal.line,
      severity: 'error',
      message: `failed: the client stopped itself: line ${fatal.line}: ${fatal.text} (${fatal.why}), after ${progress}; no ${what.full} follows`,
    });
    return p.base('failed', fmt);
  }
  p.diag({
    line: p.lastNonEmptyLine,
    severity: 'warning',
    message: `partial: ${progress}; then ${count} exception line(s) (first at line ${first.line}: ${first.text}; the last exception line is ${lastEx}) and no ${what.short}. A client-thread exception does not stop YCSB, which still prints its summary (the study's failed Citus runs do), so the output was cut off`,
    expected: what.full,
    found: `end of text at line ${p.lastNonEmptyLine}`,
  });
  return p.base('partial', fmt);
}

/** `operations progressed until line 7 (1400 operations at 20 s)`. */
function progressText(p: Invocation): string {
  const n = p.lastProgressLine;
  const s = p.series.find((x) => x.line === n);
  const what = s ? ` (${s.operations} operations at ${s.t} s)` : '';
  return `operations progressed until line ${n}${what}`;
}

/** An ok run that logged exceptions: say so, with the first. */
export function warnExceptionsInOkRun(p: Invocation): void {
  if (!p.firstException) return;
  p.diag({
    line: p.firstException.line,
    severity: 'warning',
    message: `${p.exceptionHeads} exception line(s) logged during the run (the summary is complete); first: ${p.firstException.text}`,
  });
}

/**
 * The last word on `ok`, whatever the format: a run whose throughput or run time is negative, NaN
 * or infinite (a corrupted or overflowed summary, e.g. `Throughput(ops/sec), -9223372036854775808`)
 * is not usable: failed, with the value found.
 */
export function checkOverall(run: ParsedRun): ParsedRun {
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

// ---------------------------------------------------------------------------------------------
// Not YCSB at all

/** A not-ycsb run with one warning, `message`. */
export function notYcsb(name: string, message: string, lines: number): ParsedRun {
  return emptyParsedRun(name, 'not-ycsb', { severity: 'warning', message }, lines);
}

/** A character binaryReason counts: NUL, a control other than tab/LF/FF/CR, or U+FFFD. */
const SUSPECT_CHAR = /[\x00-\x08\x0B\x0E-\x1F\uFFFD]/;

/** Looks like binary data: NUL bytes or many control / replacement characters. */
export function binaryReason(text: string): string | undefined {
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
