/**
 * Issue 19, "What one run is", in the pure parser: several YCSB invocations in one file (parseOutputs),
 * git merge conflicts, empty texts, the phase and the start time from the content.
 *
 * The texts are written here line by line (YCSB 0.17's output as site.ycsb.Client prints it), so every
 * expected line number and value is read off the text, not off the parser.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { headerDate, isJavaClientLine } from '../../src/ingest/formats/header.js';
import { parseOutputs, parseYcsb } from '../../src/ingest/parse.js';
import type { ParsedRun } from '../../src/model/run.js';

const FORMATS = path.resolve(__dirname, '../../fixtures/formats');
const fixture = (name: string): string => readFileSync(path.join(FORMATS, name), 'utf8');

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
/** YCSB's status-line time: `2024-05-27 17:27:29:120`. */
function stamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}:${pad(d.getUTCMilliseconds(), 3)}`;
}

const T0 = Date.UTC(2024, 4, 27, 17, 27, 29, 120);
const RUN_ARGS = '-db site.ycsb.db.RedisClient -s -threads 8 -P workloads/workloada -p recordcount=10000 -p operationcount=20000 -t';
const LOAD_ARGS = '-db site.ycsb.db.RedisClient -s -threads 8 -P workloads/workloada -p recordcount=10000 -load';

/**
 * The lines of one YCSB 0.17 invocation: [the java command bin/ycsb echoes,] the header, status
 * lines every 10 s from `start`, the summary (`ops` operations in `seconds`); `cut`: it stops after
 * the 10 s status line.
 */
function invocation(o: { args: string; start: number; ops: number; seconds: number; echo?: boolean; cut?: boolean }): string[] {
  const kinds = o.args.endsWith(' -load') ? ['INSERT'] : ['READ', 'UPDATE'];
  const out: string[] = [];
  if (o.echo) out.push(`/usr/bin/java -cp /opt/ycsb/conf:/opt/ycsb/lib/core-0.17.0.jar site.ycsb.Client ${o.args}`);
  out.push(`Command line: ${o.args}`, 'YCSB Client 0.17.0', '', 'Loading workload...', 'Starting test.');
  out.push(`${stamp(o.start)} 0 sec: 0 operations; est completion in 0 second `);
  const rate = o.ops / o.seconds;
  for (let s = 10; s < o.seconds; s += 10) {
    out.push(`${stamp(o.start + s * 1000)} ${s} sec: ${Math.round(rate * s)} operations; ${rate.toFixed(1)} current ops/sec; [${kinds[0]}: Count=${Math.round(rate * 10)}, Max=900, Min=150, Avg=300.5, 90=400, 99=800, 99.9=900, 99.99=900] `);
    if (o.cut) return out;
  }
  out.push(`${stamp(o.start + o.seconds * 1000)} ${o.seconds} sec: ${o.ops} operations; ${rate.toFixed(1)} current ops/sec; [CLEANUP: Count=8, Max=20, Min=10, Avg=15, 90=20, 99=20, 99.9=20, 99.99=20] `);
  out.push(`[OVERALL], RunTime(ms), ${o.seconds * 1000}`, `[OVERALL], Throughput(ops/sec), ${(o.ops * 1000) / (o.seconds * 1000)}`);
  for (const k of kinds) {
    const n = o.ops / kinds.length;
    out.push(`[${k}], Operations, ${n}`, `[${k}], AverageLatency(us), 300.5`, `[${k}], MinLatency(us), 150`, `[${k}], MaxLatency(us), 900`);
    out.push(`[${k}], 95thPercentileLatency(us), 700`, `[${k}], 99thPercentileLatency(us), 800`, `[${k}], Return=OK, ${n}`);
  }
  return out;
}

/** 1-based number of the first line of `lines` at or after `from` (1-based) that starts with `prefix`. */
function lineOf(lines: string[], prefix: string, from = 1): number {
  const i = lines.findIndex((l, k) => k >= from - 1 && l.startsWith(prefix));
  expect(i, `a line starting with ${JSON.stringify(prefix)} after line ${from}`).toBeGreaterThanOrEqual(0);
  return i + 1;
}

const NOISE = ['', '+ sleep 60', "[WARN]  Running against a source checkout. In order to get our runtime dependencies we'll have to invoke Maven.", ''];

describe('several YCSB invocations in one file (parseOutputs)', () => {
  it('appended runs: the runs after the first were silently lost (issue 19)', () => {
    const parts = [0, 1, 2].map((k) => invocation({ args: RUN_ARGS, start: T0 + k * 900_000, ops: 20000, seconds: 30 + 10 * k }));
    const lines = [...parts[0], ...NOISE, ...parts[1], ...NOISE, ...parts[2]];
    const text = lines.join('\n') + '\n';
    const runs = parseOutputs(text, 'redis/results.txt');
    expect(runs.map((r) => [r.name, r.status])).toEqual([
      ['redis/results.txt#1', 'ok'],
      ['redis/results.txt#2', 'ok'],
      ['redis/results.txt#3', 'ok'],
    ]);
    // each run its own summary: 20000 operations in 30, 40 and 50 s
    expect(runs.map((r) => r.metrics.runtime)).toEqual([30000, 40000, 50000]);
    expect(runs.map((r) => r.metrics.throughput)).toEqual([20000 / 30, 500, 400]);
    // the lines: each begins at its `Command line:`; the shell noise between is read with the run before
    const heads = [lineOf(lines, 'Command line:'), lineOf(lines, 'Command line:', 2), 0];
    heads[2] = lineOf(lines, 'Command line:', heads[1] + 1);
    expect(runs.map((r) => r.invocation)).toEqual([
      { index: 1, of: 3, path: 'redis/results.txt', fromLine: 1, toLine: heads[1] - 2 }, // (the last noise line is blank)
      { index: 2, of: 3, path: 'redis/results.txt', fromLine: heads[1], toLine: heads[2] - 2 },
      { index: 3, of: 3, path: 'redis/results.txt', fromLine: heads[2], toLine: lines.length },
    ]);
    expect(lines[heads[1] - 3]).toBe(NOISE[2]);
    // the series of each run is its own: three 0-sec samples, one per run
    expect(runs.map((r) => r.series[0].line)).toEqual([6, heads[1] + 5, heads[2] + 5]);
    // read as one run (parseYcsb), the text keeps the last summary and says so
    const one = parseYcsb(text, 'redis/results.txt');
    expect(one.invocation).toBeUndefined();
    expect(one.metrics.runtime).toBe(50000);
    expect(one.diagnostics.some((d) => /a second summary starts here/.test(d.message))).toBe(true);
  });

  it('appended runs whose last one is cut off: the others ok, the last partial with its own reason and lines', () => {
    const a = invocation({ args: RUN_ARGS, start: T0, ops: 20000, seconds: 30 });
    const b = invocation({ args: RUN_ARGS, start: T0 + 900_000, ops: 20000, seconds: 30, cut: true });
    const lines = [...a, ...NOISE, ...b];
    const runs = parseOutputs(lines.join('\n') + '\n', 'r.txt');
    expect(runs.map((r) => r.status)).toEqual(['ok', 'partial']);
    const cut = runs[1];
    expect(cut.invocation).toMatchObject({ index: 2, of: 2, fromLine: a.length + NOISE.length + 1, toLine: lines.length });
    const why = cut.diagnostics.find((d) => d.severity === 'warning' && d.message.startsWith('partial:'))!;
    expect(why.line).toBe(lines.length); // its own last line (the 10 s status line), not the first run's
    expect(why.message).toMatch(/a header at line \d+/);
    expect(Number(/a header at line (\d+)/.exec(why.message)![1])).toBe(cut.invocation!.fromLine);
    expect(runs[0].diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('a load then a run after shell noise (derrl): each begins at the java command bin/ycsb echoed; the load was lost (issue 19)', () => {
    const head = ['Pseudo-terminal will not be allocated because stdin is not a terminal.', 'accumulo1.6', 'bin', 'core', 'workloads', '/home/cc/ycsb/YCSB'];
    const load = invocation({ args: LOAD_ARGS, start: T0, ops: 10000, seconds: 20, echo: true });
    const run = invocation({ args: RUN_ARGS, start: T0 + 60_000, ops: 20000, seconds: 30, echo: true });
    const lines = [...head, ...load, NOISE[2], ...run];
    const runs = parseOutputs(lines.join('\n') + '\n', 'ycsb-redis-client3');
    expect(runs.map((r) => [r.name, r.status, r.header.factors.phase])).toEqual([
      ['ycsb-redis-client3#1', 'ok', 'load'],
      ['ycsb-redis-client3#2', 'ok', 'run'],
    ]);
    const echo2 = head.length + load.length + 2;
    expect(lines[echo2 - 1]).toMatch(/^\/usr\/bin\/java .* site\.ycsb\.Client -db /);
    expect(runs.map((r) => [r.invocation!.fromLine, r.invocation!.toLine])).toEqual([
      [1, echo2 - 1],
      [echo2, lines.length],
    ]);
    expect(runs[0].metrics.operations).toBe(10000);
    expect(runs[1].metrics.operations).toBe(20000);
    expect(runs[1].header.commandLine).toBe(RUN_ARGS);
  });

  it("YCSB 0.1.4's wrapper echoes the java command after the run: still the same invocation", () => {
    const old = (args: string) => [
      'YCSB Client 0.1',
      `Command line: ${args}`,
      '[OVERALL], RunTime(ms), 1434.0',
      '[OVERALL], Throughput(ops/sec), 697.35',
      '[INSERT], Operations, 1000',
      '[INSERT], AverageLatency(ms), 1.2',
      `java -cp /home/zs/YCSB/core/target/core-0.1.4.jar com.yahoo.ycsb.Client ${args}`,
    ];
    const one = old('-db com.yahoo.ycsb.db.RedisClient -P workloads/workloada -load').join('\n') + '\n';
    expect(parseOutputs(one, 'h.dat')).toEqual([parseYcsb(one, 'h.dat')]);
    expect(parseOutputs(one, 'h.dat')[0].status).toBe('ok');
    // two of them appended: two runs, each with its own late echo
    const lines = [...old('-db x -P workloads/workloada -load'), ...old('-db x -P workloads/workloada -t')];
    const runs = parseOutputs(lines.join('\n'), 'h.dat');
    expect(runs.map((r) => [r.status, r.header.factors.phase, r.invocation!.fromLine, r.invocation!.toLine])).toEqual([
      ['ok', 'load', 1, 7],
      ['ok', 'run', 8, 14],
    ]);
  });

  it('the java command bin/ycsb echoes, and lines that only name the client class', () => {
    expect(isJavaClientLine('/usr/lib/jvm/java-8-oracle/bin/java -cp /a:/b com.yahoo.ycsb.Client -load -db x')).toBe(true);
    expect(isJavaClientLine('java -cp lib/* site.ycsb.Client')).toBe(true);
    expect(isJavaClientLine('WARNING: Illegal reflective access by site.ycsb.Client (file:/opt/ycsb/lib/core.jar)')).toBe(false);
    expect(isJavaClientLine('/usr/bin/java -cp x site.ycsb.ClientThread -t')).toBe(false);
    expect(isJavaClientLine('/usr/bin/java -cp x:mysite.ycsb.Client -t')).toBe(false);
    expect(isJavaClientLine('Command line: -db site.ycsb.db.RedisClient -t')).toBe(false);
  });

  it('YCSB-cpp -load -run: the load (then its summary) and the run are two invocations (issue 19: the load was dropped)', () => {
    const text = fixture('ycsb-cpp-run.txt');
    const lines = text.trimEnd().split('\n');
    const runs = parseOutputs(text, 'cpp.txt');
    expect(runs.map((r) => [r.name, r.status, r.format, r.header.factors.phase])).toEqual([
      ['cpp.txt#1', 'ok', 'ycsb-cpp', 'load'],
      ['cpp.txt#2', 'ok', 'ycsb-cpp', 'run'],
    ]);
    // "Load runtime(sec): 7.5 / operations(ops): 7000 / throughput(ops/sec): 933.333"; "Run …: 10.25 / 20000 / 1.95122e+03"
    expect([runs[0].metrics.runtime, runs[0].metrics.operations, runs[0].metrics.throughput]).toEqual([7500, 7000, 933.333]);
    expect([runs[1].metrics.runtime, runs[1].metrics.operations, runs[1].metrics.throughput]).toEqual([10250, 20000, 1951.22]);
    const runStart = lineOf(lines, 'Load throughput') + 1;
    expect(runs.map((r) => [r.invocation!.fromLine, r.invocation!.toLine])).toEqual([
      [1, runStart - 1],
      [runStart, lines.length],
    ]);
    expect(runs[0].series.map((s) => s.line)).toEqual([1, 2, 3]);
    expect(runs[1].series.map((s) => s.line)).toEqual([runStart, runStart + 1]);
    // each phase starts at its own first status line (YCSB-cpp prints no milliseconds)
    expect(runs.map((r) => r.start)).toEqual([
      { iso: '2024-01-02T03:04:05.000', source: 'status-line' },
      { iso: '2024-01-02T03:04:20.000', source: 'status-line' },
    ]);
  });

  it('YCSB-cpp: a run phase cut off after the load summary is a partial run of its own, the load ok', () => {
    const text = fixture('ycsb-cpp-cut.txt');
    const lines = text.trimEnd().split('\n');
    const runs = parseOutputs(text, 'nohup.out');
    expect(runs.map((r) => [r.name, r.status, r.header.factors.phase])).toEqual([
      ['nohup.out#1', 'ok', 'load'],
      ['nohup.out#2', 'partial', 'run'],
    ]);
    expect(runs[0].metrics.throughput).toBe(961.538);
    const loadSummaryEnd = lineOf(lines, 'Load throughput');
    const why = runs[1].diagnostics.find((d) => d.severity === 'warning')!;
    expect(why.message).toBe(`partial: the run phase that follows the load summary (ending at line ${loadSummaryEnd}) stops before its summary`);
    expect(why.line).toBe(lines.length);
    expect(runs[1].invocation).toMatchObject({ fromLine: lineOf(lines, 'starting client threadpool'), toLine: lines.length });
  });

  it('go-ycsb: a load then a run appended are two runs, each beginning at its properties banner', () => {
    const run = fixture('go-ycsb-run.txt');
    const load = run.replace('"command"="run"', '"command"="load"');
    const text = load + run;
    const runs = parseOutputs(text, 'go.out');
    expect(runs.map((r) => [r.status, r.format, r.header.factors.phase])).toEqual([
      ['ok', 'go-ycsb', 'load'],
      ['ok', 'go-ycsb', 'run'],
    ]);
    const lines = text.trimEnd().split('\n');
    const second = lineOf(lines, '*****************', lineOf(lines, 'Run finished'));
    expect(runs[1].invocation!.fromLine).toBe(second);
    expect(runs[0].metrics).toEqual(parseYcsb(load, 'x').metrics);
    expect(runs[1].metrics).toEqual(parseYcsb(run, 'x').metrics);
  });

  it('without a header: a second [OVERALL] summary, or a status line counting from 0 again after a summary, begins another run', () => {
    const summary = (ms: number) => [`[OVERALL], RunTime(ms), ${ms}`, `[OVERALL], Throughput(ops/sec), ${10_000_000 / ms}`, '[READ], Operations, 10000', '[READ], AverageLatency(us), 5.0'];
    const two = [...summary(1000), ...summary(2000)];
    const runs = parseOutputs(two.join('\n'), 's.txt');
    expect(runs.map((r) => [r.status, r.metrics.runtime, r.invocation!.fromLine, r.invocation!.toLine])).toEqual([
      ['ok', 1000, 1, 4],
      ['ok', 2000, 5, 8],
    ]);
    const status = (t: number) => `${stamp(T0 + t * 1000)} ${t} sec: ${t * 1000} operations; 1000 current ops/sec; `;
    const lines = [status(0), status(10), ...summary(10000), status(0), status(10), ...summary(10000)];
    expect(parseOutputs(lines.join('\n'), 's.txt').map((r) => [r.status, r.invocation!.fromLine])).toEqual([
      ['ok', 1],
      ['ok', 7],
    ]);
    // a status line after the summary that continues the count is no new run
    const late = [status(0), status(10), ...summary(10000), status(11)];
    expect(parseOutputs(late.join('\n'), 's.txt').map((r) => r.name)).toEqual(['s.txt']);
  });

  it('a header line printed once per invocation begins another only after a run or a second copy of itself', () => {
    // the study's order: the echo, then `Command line:`, then the banner: one invocation
    const study = invocation({ args: RUN_ARGS, start: T0, ops: 20000, seconds: 30, echo: true });
    expect(parseOutputs(study.join('\n'), 'a').map((r) => r.name)).toEqual(['a']);
    // a client that failed before running, then a retry: two invocations, the first failed; each
    // begins at its echo (bin/ycsb), or at its `Command line:` (bin/ycsb.sh echoes nothing)
    const failed = ['Command line: ' + RUN_ARGS, 'YCSB Client 0.17.0', 'Loading workload...', 'Exception in thread "main" java.lang.IllegalStateException: no connection'];
    const echo = study[0];
    for (const [first, retry] of [[[echo, ...failed], study], [failed, study.slice(1)]]) {
      const runs = parseOutputs([...first, ...retry].join('\n'), 'b');
      expect(runs.map((r) => [r.status, r.invocation!.fromLine])).toEqual([
        ['failed', 1],
        ['ok', first.length + 1],
      ]);
    }
  });

  it('every fixture with one invocation: the same run, under the same name, as parseYcsb', () => {
    const split: string[] = [];
    for (const f of readdirSync(FORMATS).sort()) {
      const text = fixture(f);
      const runs = parseOutputs(text, f);
      if (runs.length > 1) split.push(f);
      else expect(runs[0], f).toEqual(parseYcsb(text, f));
    }
    expect(split).toEqual(['ycsb-cpp-cut.txt', 'ycsb-cpp-run.txt']);
  });
});

describe('git merge conflicts (issue 19: two outputs mixed together were read as one run)', () => {
  const a = invocation({ args: RUN_ARGS, start: T0, ops: 20000, seconds: 30 });
  const b = invocation({ args: RUN_ARGS, start: T0 + 3600_000, ops: 20000, seconds: 40 });
  const at = a.findIndex((l) => l.startsWith('[OVERALL]'));
  const bAt = b.findIndex((l) => l.startsWith('[OVERALL]'));

  it('the markers <<<<<<<, ======= and >>>>>>>: status conflict, the line of <<<<<<< named, nothing read', () => {
    const lines = [...a.slice(0, at), '<<<<<<< HEAD', ...a.slice(at), '=======', ...b.slice(bAt), '>>>>>>> results-node2'];
    for (const r of [...parseOutputs(lines.join('\n'), 'run2.txt'), parseYcsb(lines.join('\n'), 'run2.txt')]) {
      expect(r.name).toBe('run2.txt');
      expect(r.status).toBe('conflict');
      expect(r.metrics).toEqual({});
      expect(r.diagnostics).toEqual([
        {
          line: at + 1,
          severity: 'error',
          message: `git merge-conflict marker: two outputs mixed together ("<<<<<<<" here, "=======" at line ${lines.indexOf('=======') + 1}, ">>>>>>>" at line ${lines.length}); resolve the conflict or keep one side`,
        },
      ]);
      expect(r.lines).toBe(lines.length);
    }
  });

  it('<<<<<<< and >>>>>>> without ======= is a conflict too; lone or longer marker-like lines are not', () => {
    const both = [...a.slice(0, at), '<<<<<<< ours', ...a.slice(at), '>>>>>>> theirs'];
    expect(parseOutputs(both.join('\n'), 'x').map((r) => r.status)).toEqual(['conflict']);
    const lone = [...a.slice(0, at), '<<<<<<< ours', ...a.slice(at)];
    expect(parseOutputs(lone.join('\n'), 'x').map((r) => r.status)).toEqual(['ok']);
    const end = ['>>>>>>> theirs', ...a, '<<<<<<< ours']; // the end before the start: no conflict
    expect(parseOutputs(end.join('\n'), 'x').map((r) => r.status)).toEqual(['ok']);
    const longer = [...a.slice(0, at), '<<<<<<<<', '=======================', ...a.slice(at), '>>>>>>>>>>'];
    expect(parseOutputs(longer.join('\n'), 'x').map((r) => r.status)).toEqual(['ok']);
  });

  it("go-ycsb's ===== lines are not markers", () => {
    const go = fixture('go-ycsb-run.txt').replace('Run finished', '=======================\nRun finished');
    expect(parseOutputs(go, 'g').map((r) => r.status)).toEqual(['ok']);
  });
});

describe('the phase from the content', () => {
  const summary = (ops: string[]) => ['[OVERALL], RunTime(ms), 1000', '[OVERALL], Throughput(ops/sec), 100.0', ...ops.flatMap((o) => [`[${o}], Operations, 50`, `[${o}], AverageLatency(us), 5.0`]), '[CLEANUP], Operations, 1'];
  const phase = (lines: string[]): [string | undefined, string[]] => {
    const r = parseYcsb(lines.join('\n'), 'p');
    return [r.header.factors.phase, r.diagnostics.filter((d) => d.message.startsWith('phase ')).map((d) => d.message)];
  };

  it('-load, -t, dotransactions: what the command line says', () => {
    expect(phase(['Command line: -db x -load', ...summary(['INSERT'])])[0]).toBe('load');
    expect(phase(['Command line: -db x -t', ...summary(['READ'])])[0]).toBe('run');
    expect(phase(['Command line: -db x -p dotransactions=false', ...summary(['INSERT'])])[0]).toBe('load');
    // a transaction phase of inserts only is still a run: the command line says so
    expect(phase(['Command line: -db x -t', ...summary(['INSERT'])])).toEqual(['run', []]);
    // the echoed java command counts as a command line
    expect(phase(['/usr/bin/java -cp a.jar site.ycsb.Client -db x -load', ...summary(['INSERT'])])[0]).toBe('load');
  });

  it('no command line: an INSERT-only summary is a load (issue 19: the phase came only from the name), anything else says nothing', () => {
    expect(phase(summary(['INSERT']))).toEqual(['load', ['phase load: the summary counts INSERT operations only, and no command line names the phase (-load or -t)']]);
    expect(phase(summary(['INSERT', 'INSERT-FAILED']))[0]).toBe('load');
    expect(phase(summary(['READ', 'UPDATE']))).toEqual([undefined, []]);
    expect(phase(summary(['INSERT', 'READ']))).toEqual([undefined, []]);
  });
});

describe('the start time from the content', () => {
  const sum = ['[OVERALL], RunTime(ms), 20000', '[OVERALL], Throughput(ops/sec), 100.0', '[READ], Operations, 2000'];
  const start = (lines: string[]): ParsedRun['start'] => parseOutputs(lines.join('\n'), 's')[0].start;

  it('the first status line: its stamp less the seconds it counts', () => {
    expect(start(['Command line: -db x -t', '2018-11-23 04:29:26:517 10 sec: 1601 operations; 160.1 current ops/sec; ', ...sum])).toEqual({ iso: '2018-11-23T04:29:16.517', source: 'status-line' });
    expect(start(['2018-12-31 23:59:59:999 0 sec: 0 operations; ', ...sum])).toEqual({ iso: '2018-12-31T23:59:59.999', source: 'status-line' });
    // across midnight
    expect(start(['2019-01-01 00:00:05:000 10 sec: 1000 operations; ', ...sum])).toEqual({ iso: '2018-12-31T23:59:55.000', source: 'status-line' });
  });

  it('else a date alone on a header line (`date` in the script); the status lines win; nothing tells: none', () => {
    expect(start(['Fri Nov 23 04:29:10 UTC 2018', 'Command line: -db x -t', ...sum])).toEqual({ iso: '2018-11-23T04:29:10', source: 'header' });
    expect(start(['2018-11-23T04:29:10.25+01:00', 'Command line: -db x -t', ...sum])).toEqual({ iso: '2018-11-23T04:29:10.250', source: 'header' });
    expect(start(['Fri Nov 23 04:29:10 UTC 2018', '2018-11-23 04:29:26:517 10 sec: 1601 operations; ', ...sum])?.source).toBe('status-line');
    expect(start(['Command line: -db x -t', ...sum])).toBeUndefined();
    // a date after the run is not its start
    expect(start(['Command line: -db x -t', ...sum, 'Fri Nov 23 05:29:10 UTC 2018'])).toBeUndefined();
  });

  it('headerDate: only a whole line that is a plausible date', () => {
    expect(headerDate('Fri Nov  2 04:29:10 2018')).toBe('2018-11-02T04:29:10');
    expect(headerDate('Thu Feb 29 10:00:00 CET 2024')).toBe('2024-02-29T10:00:00');
    expect(headerDate('Thu Feb 29 10:00:00 CET 2023')).toBeUndefined(); // no 29 February in 2023
    expect(headerDate('2018-11-23 04:29:16 INFO client started')).toBeUndefined();
    expect(headerDate('2018-13-23 04:29:16')).toBeUndefined();
    expect(headerDate('Loading workload...')).toBeUndefined();
  });
});
