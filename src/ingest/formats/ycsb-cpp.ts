/**
 * YCSB-cpp (github.com/ls4154/YCSB-cpp): its status lines are read with Java's (status.ts: op
 * blocks `[READ: Count=… Max=…]` space separated, cumulative since the phase began); here its
 * summary, one per phase, and the run it gives:
 *
 *     Load runtime(sec): 12.3          Run runtime(sec): 60.1
 *     Load operations(ops): 100000     Run operations(ops): 600000
 *     Load throughput(ops/sec): 8130   Run throughput(ops/sec): 9983
 *
 * A file may hold both phases (`-load -run`, one process). Read as one invocation (parseYcsb), the
 * run phase is the one reported, with the status lines after the load summary; read as a file
 * (parseOutputs), the phases are two invocations: the load, and the run that follows its summary.
 *
 * Pure: no I/O.
 */
import type { OperationStats, ParsedRun } from '../../model/run.js';
import { noSummary, warnExceptionsInOkRun, type Missing } from '../classify.js';
import { addOperationMetrics, clip, fillThroughput, type Invocation } from '../invocation.js';
import { parseNumber } from './numbers.js';

/** One phase's summary lines, as read so far. */
export interface CppSummary {
  runtimeSec?: number;
  operations?: number;
  throughput?: number;
  line: number;
  /** series.length when the summary was printed (samples before it belong to this phase). */
  seriesEnd: number;
}

export const CPP_SUMMARY: Missing = {
  short: 'summary',
  full: 'summary ("Run runtime(sec): …", "Run operations(ops): …", "Run throughput(ops/sec): …", or the same for Load)',
};

/** Every non-empty line: the first line after a load summary that is not one of its lines (the run
 * phase began there). */
export function cppAfterLoad(p: Invocation, line: string, n: number): void {
  if (p.cpp.load && !p.cpp.run && p.cppAfterLoadLine === undefined && n > p.cpp.load.line) {
    if (!line.startsWith('Load ')) p.cppAfterLoadLine = n;
  }
}

/** A `Load …` or `Run …` line of the summary; false when it is not one. */
export function cppSummaryLine(p: Invocation, line: string, n: number): boolean {
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
  let s = p.cpp[phase];
  if (!s) {
    s = { line: n, seriesEnd: p.series.length };
    p.cpp[phase] = s;
  }
  s.seriesEnd = p.series.length;
  const v = parseNumber(valueText);
  if (v === undefined) {
    p.diag({
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

const CPP_RUN_SUMMARY = '"Run runtime(sec): …", "Run operations(ops): …", "Run throughput(ops/sec): …"';

/** The run of a YCSB-cpp output with a summary: the run phase's, else the load phase's; or the run
 * phase that followed a load summary (p.cppAfterLoadSummary) and stops before its own. */
export function finishCpp(p: Invocation): ParsedRun {
  const chosen = p.cpp.run ?? p.cpp.load;
  const phase = p.cpp.run ? 'run' : 'load';
  if (!chosen) return p.cppAfterLoadSummary !== undefined ? runAfterLoadCut(p, p.cppAfterLoadSummary) : noSummary(p, 'ycsb-cpp', CPP_SUMMARY);
  p.header.factors.phase = phase;
  // samples of the chosen phase: after the load summary when the run is chosen
  const from = phase === 'run' && p.cpp.load ? p.cpp.load.seriesEnd : 0;
  const phaseSamples = p.series.slice(from, chosen.seriesEnd);
  fillThroughput(p.series);
  p.diag({
    severity: 'info',
    message: 'YCSB-cpp status lines carry cumulative per-operation stats since the phase began; throughput is computed from the change in operations',
  });
  const run = p.base('ok', 'ycsb-cpp');
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
  if (phase === 'load' && p.cppAfterLoadLine !== undefined) {
    run.status = 'partial';
    p.diag({
      line: p.cppAfterLoadLine,
      severity: 'warning',
      message: `partial: the load summary is complete (line ${chosen.line}), but the run phase that follows has no summary`,
      expected: CPP_RUN_SUMMARY,
      found: 'end of text',
    });
    return run;
  }
  if (chosen.runtimeSec === undefined || chosen.throughput === undefined || chosen.operations === undefined) {
    run.status = 'partial';
    p.diag({
      line: chosen.line,
      severity: 'warning',
      message: `partial: the ${phase} summary is incomplete (runtime, operations and throughput expected)`,
    });
    return run;
  }
  if (chosen.operations === 0 || chosen.throughput === 0) {
    run.status = 'failed';
    p.diag({
      line: chosen.line,
      severity: 'error',
      message: `failed: the ${phase} did no useful work: ${chosen.operations} operations, ${chosen.throughput} ops/sec`,
    });
    return run;
  }
  warnExceptionsInOkRun(p);
  return run;
}

/** The run phase of `-load -run` after the load summary (its last line `loadLine`), cut before its own summary: partial. */
function runAfterLoadCut(p: Invocation, loadLine: number): ParsedRun {
  p.header.factors.phase = 'run';
  fillThroughput(p.series);
  p.diag({
    line: p.lastNonEmptyLine,
    severity: 'warning',
    message: `partial: the run phase that follows the load summary (ending at line ${loadLine}) stops before its summary${p.series.length > 0 ? ` (${p.series.length} status line(s))` : ''}`,
    expected: CPP_RUN_SUMMARY,
    found: `end of text after ${JSON.stringify(clip(p.lastNonEmptyText, 60))}`,
  });
  return p.base('partial', 'ycsb-cpp');
}
