/**
 * Issue 19, "What one run is", through the loader: a file of several invocations is several runs
 * (`path#k`, factors from the path), empty files are never duplicates, the kept one of identical
 * files is the one whose path says most, the file's modification time is the last resort for the
 * start, skipped files are counted.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRuns } from '../../src/ingest/load.js';
import { localIso } from '../../src/ingest/read.js';
import type { Inventory, Run } from '../../src/model/index.js';

const tmp = mkdtempSync(join(tmpdir(), 'ycsb-load-inv-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
function campaign(files: Record<string, string | Buffer>): string {
  const dir = join(tmp, `c${++n}`);
  for (const [rel, body] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), body);
  }
  return dir;
}

/** A small YCSB output: header, [two status lines with stamps,] summary. */
function output(args: string, opts: { status?: boolean; runtime?: number } = {}): string {
  const ms = opts.runtime ?? 20000;
  const op = args.endsWith('-load') ? 'INSERT' : 'READ';
  const lines = [`Command line: ${args}`, 'YCSB Client 0.17.0', 'Loading workload...', 'Starting test.'];
  if (opts.status !== false) lines.push('2024-05-27 17:27:29:120 0 sec: 0 operations; ', `2024-05-27 17:27:39:120 10 sec: 1000 operations; 100 current ops/sec; [${op}: Count=1000, Max=900, Min=100, Avg=300.0, 90=400, 99=800, 99.9=900, 99.99=900] `);
  lines.push(`[OVERALL], RunTime(ms), ${ms}`, `[OVERALL], Throughput(ops/sec), ${2_000_000 / ms}`, `[${op}], Operations, 2000`, `[${op}], AverageLatency(us), 300.0`);
  return lines.join('\n') + '\n';
}

const byFile = (inv: Inventory): Map<string, Run> => new Map(inv.runs.map((r) => [r.file, r]));

describe('loadRuns: one run per YCSB invocation', () => {
  it('a load then a run in one file: path#1 and path#2 with their lines, factors from the path (issue 19: the load was lost; names without a client index, which would combine the runs)', async () => {
    const load = output('-db site.ycsb.db.RedisClient -P workloads/workloada -p recordcount=1000 -load');
    const run = output('-db site.ycsb.db.RedisClient -P workloads/workloada -p recordcount=1000 -p operationcount=2000 -t');
    const dir = campaign({ 'redis-rf3/first.txt': load + '+ sleep 10\n' + run, 'redis-rf3/second.txt': run });
    const inv = await loadRuns([dir]);
    expect(inv.runs.map((r) => [r.file, r.status, r.factors.phase])).toEqual([
      ['redis-rf3/first.txt#1', 'ok', 'load'],
      ['redis-rf3/first.txt#2', 'ok', 'run'],
      ['redis-rf3/second.txt', 'ok', 'run'],
    ]);
    expect(inv.counts.ok).toBe(3);
    const [a, b, c] = inv.runs;
    const loadLines = load.split('\n').length - 1;
    expect([a.invocation, b.invocation, c.invocation]).toEqual([
      { index: 1, of: 2, path: 'redis-rf3/first.txt', fromLine: 1, toLine: loadLines + 1 },
      { index: 2, of: 2, path: 'redis-rf3/first.txt', fromLine: loadLines + 2, toLine: loadLines + 1 + run.split('\n').length - 1 },
      undefined,
    ]);
    // the name's factors are read from the path, the same for both invocations and the other file
    expect(a.origin.fromName).toEqual(c.origin.fromName);
    expect(b.origin.fromName).toEqual(c.origin.fromName);
    expect(a.origin.scheme).toBe(c.origin.scheme);
    expect(a.sha256).toBe(b.sha256);
  });

  it('a decoding warning goes to the invocation holding its line', async () => {
    const run = output('-db x -t');
    const bad = Buffer.concat([Buffer.from(run + run), Buffer.from('# r\xe9sum\xe9\n', 'latin1')]);
    const inv = await loadRuns([campaign({ 'r.txt': bad })]);
    expect(inv.runs.map((r) => r.file)).toEqual(['r.txt#1', 'r.txt#2']);
    expect(inv.runs.map((r) => r.diagnostics.some((d) => d.message.includes('not valid UTF-8')))).toEqual([false, true]);
  });

  it("the start: from the status lines, else the file's modification time (source mtime)", async () => {
    const dir = campaign({ 'with-status.txt': output('-db x -t'), 'without.txt': output('-db x -t', { status: false }) });
    const when = new Date(Date.UTC(2021, 2, 4, 5, 6, 7, 0));
    utimesSync(join(dir, 'without.txt'), when, when);
    const inv = byFile(await loadRuns([dir]));
    expect(inv.get('with-status.txt')!.start).toEqual({ iso: '2024-05-27T17:27:29.120', source: 'status-line' });
    expect(inv.get('without.txt')!.start).toEqual({ iso: localIso(when.getTime()), source: 'mtime' });
    // naive local time of this machine, as date(1) would print it here
    const d = when;
    expect(localIso(when.getTime()).slice(0, 19)).toBe(`${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}T${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}:${String(d.getSeconds()).padStart(2, '0')}`);
  });
});

describe('loadRuns: empty, identical and conflicted files', () => {
  it('empty files (no bytes, or white space only) are status empty, never duplicates of one another (issue 19)', async () => {
    const inv = await loadRuns([campaign({ 'a/run1.txt': '', 'a/run2.txt': '', 'a/run3.txt': ' \n\n', 'a/run4.txt': ' \n\n', 'a/run5.txt': output('-db x -t') })]);
    expect(inv.runs.map((r) => [r.file, r.status, r.duplicateOf])).toEqual([
      ['a/run1.txt', 'empty', undefined],
      ['a/run2.txt', 'empty', undefined],
      ['a/run3.txt', 'empty', undefined],
      ['a/run4.txt', 'empty', undefined],
      ['a/run5.txt', 'ok', undefined],
    ]);
    expect(inv.counts).toEqual({ ok: 1, failed: 0, partial: 0, duplicate: 0, 'not-ycsb': 0, unreadable: 0, empty: 4 });
  });

  it('of byte-identical files the one whose path carries the most factors is kept (issue 19), else the shorter name as before', async () => {
    const body = output('-db site.ycsb.db.RedisClient -t');
    const inv = byFile(await loadRuns([campaign({ 'redis/rf3/tc8/run1.txt': body, 'run1.txt': body, 'redis/rf3/tc8/run2.txt': output('-db x -t', { runtime: 30000 }) })]));
    expect(Object.keys(inv.get('redis/rf3/tc8/run1.txt')!.origin.fromName).length).toBeGreaterThan(Object.keys(inv.get('run1.txt')!.origin.fromName).length);
    expect([inv.get('redis/rf3/tc8/run1.txt')!.status, inv.get('run1.txt')!.status, inv.get('run1.txt')!.duplicateOf]).toEqual(['ok', 'duplicate', 'redis/rf3/tc8/run1.txt']);
    // as many factors: the shorter name is kept, as before
    const same = byFile(await loadRuns([campaign({ 'run-1 (copy).txt': body, 'run-1.txt': body })]));
    expect(Object.keys(same.get('run-1 (copy).txt')!.origin.fromName)).toEqual(Object.keys(same.get('run-1.txt')!.origin.fromName));
    expect(same.get('run-1 (copy).txt')!.duplicateOf).toBe('run-1.txt');
  });

  it('a file with git merge-conflict markers: status conflict, the line of <<<<<<< named, factors from its name', async () => {
    const [x, y] = [output('-db x -t'), output('-db x -t', { runtime: 40000 })].map((t) => t.trimEnd().split('\n'));
    const text = [...x.slice(0, 6), '<<<<<<< HEAD', ...x.slice(6), '=======', ...y.slice(6), '>>>>>>> other', ''].join('\n');
    const inv = await loadRuns([campaign({ 'redis-rf3/run2.txt': text })]);
    const r = inv.runs[0];
    expect([r.file, r.status]).toEqual(['redis-rf3/run2.txt', 'conflict']);
    expect(r.diagnostics[0]).toMatchObject({ line: 7, severity: 'error' });
    expect(r.diagnostics[0].message).toMatch(/^git merge-conflict marker: two outputs mixed together .*; resolve the conflict or keep one side$/);
    expect(inv.counts.conflict).toBe(1);
  });

  it('files skipped unread are counted as skipped, and only when there are some', async () => {
    const run = output('-db x -t');
    const some = await loadRuns([campaign({ 'r1.txt': run, 'README.md': '# notes\n', 'run.sh': 'echo\n' })]);
    expect(some.counts.skipped).toBe(2);
    expect(some.skipped?.map((s) => s.path)).toEqual(['README.md', 'run.sh']);
    const none = await loadRuns([campaign({ 'r1.txt': run })]);
    expect(Object.keys(none.counts)).toEqual(['ok', 'failed', 'partial', 'duplicate', 'not-ycsb', 'unreadable']);
  });
});
