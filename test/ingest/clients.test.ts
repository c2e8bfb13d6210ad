/**
 * One run over several files (src/ingest/clients.ts): the client outputs of one run combined.
 *
 * derrl (../shared, skipped when absent): 8 client machines, each file a load then a run. The split of
 * a file into its invocations is the parser's job (P, in parallel); here the runs are built from the
 * invocations directly (the text split at the second `Command line:`, each part parsed with
 * parseYcsb, its start read from its first status line), so that this step is tested on its own.
 * The end-to-end truth (test/ingest/truth-shared.test.ts, derrl) needs both.
 */
import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { analyze } from '../../src/analysis/analyze.js';
import { formatInventory } from '../../src/cli/common.js';
import { bucketPercentile, combinedName, combineClientRuns } from '../../src/ingest/clients.js';
import { parseYcsb } from '../../src/ingest/parse.js';
import { startFromStatus, statusTimestamp } from '../../src/ingest/timestamps.js';
import { toRun } from '../../src/ingest/to-run.js';
import type { Inventory, Run } from '../../src/model/index.js';

const shared = path.resolve(__dirname, '../../../shared/data');
const DERRL = path.join(shared, 'ycsb/more/derrl__3am/benchmark-scripts/redis-benchmark/ycsb-redis-64-only');
const OLD = path.join(shared, 'ycsb/variants/ycsb-0.1.4/histogram-load.dat');

/** The start of a text's run from its first timestamped status line (what the parser will record). */
function startOf(text: string): string | undefined {
  for (const line of text.split('\n')) {
    const s = statusTimestamp(line);
    if (s && s.secondsSinceStart !== undefined) return startFromStatus(s.iso, s.secondsSinceStart);
  }
  return undefined;
}

/** A Run from one invocation's text, as the loader builds it (factors from the name). */
function runOf(text: string, file: string): Run {
  const parsed = parseYcsb(text, file);
  const start = startOf(text);
  if (start) parsed.start = { iso: start, source: 'status-line' };
  return toRun(parsed, file, 'root', undefined, {});
}

function inventoryOf(runs: Run[]): Inventory {
  const counts = { ok: 0, failed: 0, partial: 0, duplicate: 0, 'not-ycsb': 0, unreadable: 0 } as Inventory['counts'];
  for (const r of runs) if (!r.combined) counts[r.status]++;
  return { roots: ['root'], runs, scanErrors: [], skipped: [], counts };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

// ---------------------------------------------------------------------------------------------
// derrl

function derrlRuns(): { runs: Run[]; byK: Map<number, Run[]> } {
  const files = readdirSync(DERRL).sort();
  const runs: Run[] = [];
  const byK = new Map<number, Run[]>([[1, []], [2, []]]);
  for (const f of files) {
    const text = readFileSync(path.join(DERRL, f), 'utf8');
    const lines = text.split('\n');
    const heads = lines.flatMap((l, n) => (l.startsWith('Command line: ') ? [n] : []));
    expect(heads.length, f).toBe(2);
    // first invocation: from the top to the line before the second command line's echo
    const parts = [lines.slice(0, heads[1]).join('\n'), lines.slice(heads[1]).join('\n')];
    parts.forEach((t, i) => {
      const r = runOf(t, `ycsb-redis-64-only/${f}#${i + 1}`);
      runs.push(r);
      byK.get(i + 1)!.push(r);
    });
  }
  return { runs, byK };
}

describe.skipIf(!existsSync(DERRL))('derrl: 8 client machines, a load then a run in each file', () => {
  it('the 8 loads and the 8 runs become one combined load and one combined run; the parts stay, marked', () => {
    const { runs, byK } = derrlRuns();
    expect(runs.every((r) => r.status === 'ok' && r.start !== undefined)).toBe(true);
    expect(runs.map((r) => r.factors.client)).toEqual(['1', '1', '2', '2', '3', '3', '4', '4', '5', '5', '6', '6', '7', '7', '8', '8']);
    const out = combineClientRuns(runs);
    const combined = out.filter((r) => r.combined);
    expect(combined.map((r) => r.file)).toEqual(['ycsb-redis-64-only/ycsb-redis-client[1-8]#1', 'ycsb-redis-64-only/ycsb-redis-client[1-8]#2']);
    // every input accounted for: the 16 parts are still there, each marked with the run it went into
    expect(out.length).toBe(18);
    for (const [k, parts] of byK) {
      const c = combined[k - 1];
      expect(c.combined!.clients).toEqual(parts.map((r) => r.file));
      for (const p of parts) {
        expect(p.status).toBe('ok');
        expect(p.combinedInto).toBe(c.file);
      }
      expect(c.factors.phase).toBe(k === 1 ? 'load' : 'run');
      expect(c.factors.client).toBeUndefined();
      expect(c.signature?.insertstart).toBeUndefined();
      expect(c.signature?.recordcount).toBe('4000000');
      // throughput and operations add up, the run time is the longest
      expect(c.metrics.throughput).toBeCloseTo(sum(parts.map((r) => r.metrics.throughput)), 9);
      expect(c.metrics.operations).toBe(sum(parts.map((r) => r.metrics.operations)));
      expect(c.metrics.runtime).toBe(Math.max(...parts.map((r) => r.metrics.runtime)));
      // the earliest client start
      expect(c.start!.iso).toBe(parts.map((r) => r.start!.iso).sort()[0]);
      // inserts (load) or reads (run): the average weighted by each client's count
      const op = k === 1 ? 'insert' : 'read';
      const n = sum(parts.map((r) => r.metrics[`${op}.count`]));
      expect(c.metrics[`${op}.count`]).toBe(n);
      expect(c.metrics[`${op}.avg`]).toBeCloseTo(sum(parts.map((r) => r.metrics[`${op}.count`] * r.metrics[`${op}.avg`])) / n, 6);
      expect(c.metrics[`${op}.max`]).toBe(Math.max(...parts.map((r) => r.metrics[`${op}.max`])));
      // hdr percentiles: no combined value (never averaged), each client's listed, with the reason
      expect(c.metrics[`${op}.p95`]).toBeUndefined();
      expect(c.metrics[`${op}.p99`]).toBeUndefined();
      expect(c.combined!.perClient.map((p) => p.client)).toEqual(parts.map((r) => r.file));
      expect(c.combined!.perClient.map((p) => p.metrics[`${op}.p99`])).toEqual(parts.map((r) => r.metrics[`${op}.p99`]));
      expect(c.combined!.notes.join('\n')).toMatch(new RegExp(`no combined [^\\n]*${op}\\.p99[^\\n]*cannot be combined from their summaries`));
    }
  });

  it('the analysis counts the combined run once and leaves the parts out, saying why', () => {
    const { runs, byK } = derrlRuns();
    const inv = inventoryOf(combineClientRuns(runs));
    const result = analyze(inv);
    expect(result.groups.length).toBe(1);
    const g = result.groups[0];
    expect(g.n).toBe(1);
    expect(g.runs[0].clients).toEqual(byK.get(2)!.map((r) => r.file));
    const want = sum(byK.get(2)!.map((r) => r.metrics.throughput));
    expect(Math.abs(g.mean - want)).toBeLessThanOrEqual(1e-9 * want);
    for (const r of runs) expect(result.excluded).toContainEqual({ file: r.file, reason: `combined into ${r.combinedInto}` });
    // the text inventory counts the 16 inputs and says which were combined, one line per combined run
    const text = formatInventory(inv);
    expect(text.split('\n')[0]).toMatch(/^Inventory: 16 inputs — 16 ok,/);
    const lines = text.split('\n').filter((l) => l.startsWith('  combined '));
    expect(lines).toEqual([
      `  combined    ycsb-redis-64-only/ycsb-redis-client[1-8]#1: 8 client outputs that ran at the same time, counted as one run: ${byK.get(1)!.map((r) => r.file).join(', ')}`,
      `  combined    ycsb-redis-64-only/ycsb-redis-client[1-8]#2: 8 client outputs that ran at the same time, counted as one run: ${byK.get(2)!.map((r) => r.file).join(', ')}`,
    ]);
  });

  it('the same clients run at different times are not combined, and each says so', () => {
    const { byK } = derrlRuns();
    const [a, b] = byK.get(2)!;
    // client 2 moved 2 hours later: it no longer overlaps client 1
    const later = { ...b, diagnostics: [...b.diagnostics], start: { iso: b.start!.iso.replace(/T04:/, 'T06:'), source: 'status-line' as const } };
    expect(later.start.iso).not.toBe(b.start!.iso);
    const out = combineClientRuns([a, later]);
    expect(out.length).toBe(2);
    expect(out.some((r) => r.combined || r.combinedInto)).toBe(false);
    const hhmm = (iso: string, plusMs = 0) => new Date(Date.parse(`${iso}Z`) + plusMs).toISOString().slice(11, 16);
    const want = `client outputs ${a.file} and ${later.file} share a configuration but did not run at the same time (${a.file} ran ${hhmm(a.start!.iso)}–${hhmm(a.start!.iso, a.metrics.runtime)}, ${later.file} ${hhmm(later.start.iso)}–${hhmm(later.start.iso, later.metrics.runtime)}; the times do not overlap): not combined`;
    expect(a.diagnostics.at(-1)).toEqual({ message: want, severity: 'warning' });
    expect(later.diagnostics.at(-1)!.message).toContain('did not run at the same time');
  });
});

// ---------------------------------------------------------------------------------------------
// Synthetic clients

/** A YCSB 0.17 text output (hdr percentiles) of one client. */
function hdrText(o: { client: number; start: string; seconds: number; ops: number; avg: number; p95: number; p99: number; max: number; insertstart?: number; threads?: number }): string {
  const stamp = o.start.replace('T', ' ').replace(/\.(\d{3})$/, ':$1');
  const range = o.insertstart !== undefined ? ` -p insertstart=${o.insertstart} -p insertcount=1000` : '';
  return [
    `Command line: -db site.ycsb.db.RedisClient -s -threads ${o.threads ?? 8} -P workloads/workloadc -p redis.host=10.0.0.${o.client} -p recordcount=4000${range} -t`,
    'YCSB Client 0.17.0',
    '',
    'Loading workload...',
    'Starting test.',
    `${stamp} 0 sec: 0 operations; est completion in 0 second `,
    `[OVERALL], RunTime(ms), ${o.seconds * 1000}`,
    `[OVERALL], Throughput(ops/sec), ${o.ops / o.seconds}`,
    `[READ], Operations, ${o.ops}`,
    `[READ], AverageLatency(us), ${o.avg}`,
    `[READ], MinLatency(us), 100`,
    `[READ], MaxLatency(us), ${o.max}`,
    `[READ], 95thPercentileLatency(us), ${o.p95}`,
    `[READ], 99thPercentileLatency(us), ${o.p99}`,
    `[READ], Return=OK, ${o.ops}`,
    '',
  ].join('\n');
}

/** A YCSB 0.1.4 text output (the old `histogram` measurement: 1 ms buckets, latencies in ms). */
function oldText(o: { start: string; buckets: number[]; overflow: number; insertstart: number }): string {
  const ops = sum(o.buckets) + o.overflow;
  const lines = [
    `Command line: -db com.yahoo.ycsb.BasicDB -P workloads/workloada -p insertstart=${o.insertstart} -p insertcount=${ops} -s -load`,
    'YCSB Client 0.1',
    'Loading workload...',
    'Starting test.',
    `${o.start.replace('T', ' ').replace(/\.(\d{3})$/, ':$1')} 0 sec: 0 operations; `,
    `[OVERALL], RunTime(ms), 60000.0`,
    `[OVERALL], Throughput(ops/sec), ${ops / 60}`,
    `[INSERT], Operations, ${ops}`,
    `[INSERT], AverageLatency(us), 2500.5`,
    `[INSERT], MinLatency(us), 400`,
    `[INSERT], MaxLatency(us), ${(o.buckets.length + 5) * 1000}`,
  ];
  // the percentiles YCSB printed for this client alone (what a naive tool would average)
  const p95 = bucketPercentile(o.buckets, o.overflow, 95);
  const p99 = bucketPercentile(o.buckets, o.overflow, 99);
  if (p95 !== undefined) lines.push(`[INSERT], 95thPercentileLatency(ms), ${p95}`);
  if (p99 !== undefined) lines.push(`[INSERT], 99thPercentileLatency(ms), ${p99}`);
  lines.push(`[INSERT], Return=0, ${ops}`);
  o.buckets.forEach((n, i) => lines.push(`[INSERT], ${i}, ${n}`));
  lines.push(`[INSERT], >${o.buckets.length}, ${o.overflow}`, '');
  return lines.join('\n');
}

/** The first bucket where the running count reaches p % (the rule, written out once more for the check). */
function percentileOfCounts(counts: number[], overflow: number, p: number): number | undefined {
  const total = sum(counts) + overflow;
  let run = 0;
  for (let i = 0; i < counts.length; i++) {
    run += counts[i];
    if (run * 100 >= p * total) return i;
  }
  return undefined;
}

describe('client outputs with the old histogram buckets: the buckets merge', () => {
  it('the percentile rule reproduces what YCSB 0.1.4 printed for its own buckets', { skip: !existsSync(OLD) }, () => {
    const r = parseYcsb(readFileSync(OLD, 'utf8'), 'histogram-load.dat');
    const h = r.operations.INSERT.histogram!;
    const counts = h.slice(0, -1).map((b) => b.count);
    const overflow = h[h.length - 1].count;
    expect(bucketPercentile(counts, overflow, 95)! * 1000).toBe(r.metrics['insert.p95']);
    expect(bucketPercentile(counts, overflow, 99)! * 1000).toBe(r.metrics['insert.p99']);
  });

  it('3 clients: the combined percentiles are those of the summed buckets, not an average of the clients’', () => {
    const B = 40;
    // each client: most operations in one bucket, a tail in another, 3 slow ones near the end
    const shape = (peak: number, n: number, tailAt: number, tail: number) =>
      Array.from({ length: B }, (_, i) => (i === peak ? n : i === tailAt ? tail : i === B - 2 ? 3 : 0));
    const clients = [
      { start: '2020-01-01T10:00:00.000', buckets: shape(2, 900, 3, 50), overflow: 0, insertstart: 0 },
      { start: '2020-01-01T10:00:01.200', buckets: shape(20, 400, 21, 300), overflow: 2, insertstart: 1000 },
      { start: '2020-01-01T10:00:02.900', buckets: shape(5, 700, 30, 100), overflow: 1, insertstart: 2000 },
    ];
    const runs = clients.map((c, i) => runOf(oldText(c), `old/host${'abc'[i]}.txt`));
    expect(runs.every((r) => r.status === 'ok' && r.format === 'ycsb-histogram')).toBe(true);
    const out = combineClientRuns(runs);
    const c = out.find((r) => r.combined)!;
    expect(c).toBeDefined();
    expect(c.file).toBe('old/host{a,b,c}.txt');
    const summed = Array.from({ length: B }, (_, i) => sum(clients.map((x) => x.buckets[i])));
    const overflow = sum(clients.map((x) => x.overflow));
    for (const p of [95, 99]) {
      const want = percentileOfCounts(summed, overflow, p)! * 1000; // µs
      expect(c.metrics[`insert.p${p}`], `p${p}`).toBe(want);
      // the average of the clients' percentiles is a different number: the test can tell them apart
      const avg = sum(runs.map((r) => r.metrics[`insert.p${p}`])) / runs.length;
      expect(Math.abs(avg - want)).toBeGreaterThan(500);
    }
    expect(c.operations.INSERT.histogram!.map((b) => b.count)).toEqual([...summed, overflow]);
    expect(c.combined!.perClient).toEqual([]);
    expect(c.combined!.notes.join('\n')).toContain('insert.p95, insert.p99 from the clients\' histogram buckets, summed');
  });
});

describe('client outputs with hdr percentiles, and what is not combined', () => {
  const base = { seconds: 100, ops: 10_000, avg: 1000, p95: 2000, p99: 5000, max: 9000 };

  it('2 hdr clients: no combined p95/p99, each client’s listed and the note says why; averages weighted', () => {
    const a = runOf(hdrText({ ...base, client: 1, start: '2021-03-01T04:29:00.000' }), 'x/run-client1.txt');
    const b = runOf(hdrText({ ...base, client: 2, start: '2021-03-01T04:29:05.000', ops: 30_000, avg: 3000, p95: 4000, p99: 8000, max: 12000 }), 'x/run-client2.txt');
    const out = combineClientRuns([a, b]);
    const c = out.find((r) => r.combined)!;
    expect(c.file).toBe('x/run-client[1-2].txt');
    expect(c.metrics['read.p95']).toBeUndefined();
    expect(c.metrics['read.p99']).toBeUndefined();
    expect(c.combined!.perClient).toEqual([
      { client: 'x/run-client1.txt', metrics: { 'read.p95': 2000, 'read.p99': 5000 } },
      { client: 'x/run-client2.txt', metrics: { 'read.p95': 4000, 'read.p99': 8000 } },
    ]);
    expect(c.combined!.notes[0]).toMatch(/^no combined read\.p95, read\.p99: percentiles of different clients cannot be combined from their summaries/);
    expect(c.metrics['read.avg']).toBeCloseTo((10_000 * 1000 + 30_000 * 3000) / 40_000, 9);
    expect(c.metrics['read.count']).toBe(40_000);
    expect(c.metrics['read.max']).toBe(12000);
    expect(c.metrics.throughput).toBeCloseTo(100 + 300, 9);
  });

  it('clients told apart only by their key range (insertstart) are combined too', () => {
    const a = runOf(hdrText({ ...base, client: 1, start: '2021-03-01T04:29:00.000', insertstart: 0 }), 'hosta/out.txt');
    const b = runOf(hdrText({ ...base, client: 2, start: '2021-03-01T04:29:01.000', insertstart: 1000 }), 'hostb/out.txt');
    const c = combineClientRuns([a, b]).find((r) => r.combined)!;
    expect(c.file).toBe('host{a,b}/out.txt');
    expect(c.combined!.clients).toEqual(['hosta/out.txt', 'hostb/out.txt']);
  });

  it('repetitions of one client, different configurations, and one client twice at once are not combined', () => {
    // one client's repetitions: one after the other, the same client index
    const r1 = runOf(hdrText({ ...base, client: 1, start: '2021-03-01T04:00:00.000' }), 'y/rep1-client1.txt');
    const r2 = runOf(hdrText({ ...base, client: 1, start: '2021-03-01T05:00:00.000' }), 'y/rep2-client1.txt');
    expect(combineClientRuns([r1, r2]).length).toBe(2);
    expect([...r1.diagnostics, ...r2.diagnostics].filter((d) => d.severity === 'warning')).toEqual([]);
    // different content (threads) at the same time: two configurations, not clients of one run
    const t8 = runOf(hdrText({ ...base, client: 1, start: '2021-03-01T04:00:00.000' }), 'z/run-client1.txt');
    const t16 = runOf(hdrText({ ...base, client: 2, start: '2021-03-01T04:00:00.000', threads: 16 }), 'z/run-client2.txt');
    expect(combineClientRuns([t8, t16]).some((r) => r.combined)).toBe(false);
    // the same key range twice at once (two copies of one client's run): not combined, said so
    const k1 = runOf(hdrText({ ...base, client: 1, start: '2021-03-01T04:00:00.000', insertstart: 0 }), 'w/p.txt');
    const k2 = runOf(hdrText({ ...base, client: 2, start: '2021-03-01T04:00:09.000', insertstart: 0 }), 'w/q.txt');
    const k3 = runOf(hdrText({ ...base, client: 3, start: '2021-03-01T04:00:03.000', insertstart: 1000 }), 'w/r.txt');
    const out = combineClientRuns([k1, k2, k3]);
    expect(out.some((r) => r.combined)).toBe(false);
    expect(k1.diagnostics.at(-1)!.message).toBe(
      'client outputs w/p.txt, w/r.txt and w/q.txt ran at the same time but w/p.txt and w/q.txt are the same client (insertstart=0 insertcount=1000): not combined',
    );
  });

  it('a start known only from a file’s modification time does not say the clients ran together', () => {
    const a = runOf(hdrText({ ...base, client: 1, start: '2021-03-01T04:29:00.000' }), 'm/run-client1.txt');
    const b = runOf(hdrText({ ...base, client: 2, start: '2021-03-01T04:29:00.000' }), 'm/run-client2.txt');
    for (const r of [a, b]) r.start = { iso: '2021-03-02T10:00:00.000', source: 'mtime' };
    expect(combineClientRuns([a, b]).some((r) => r.combined)).toBe(false);
    expect(a.diagnostics.at(-1)!.message).toBe(
      'client outputs m/run-client1.txt and m/run-client2.txt share a configuration but m/run-client1.txt has no start time but its file’s modification time: cannot tell whether they ran at the same time; not combined',
    );
  });

  it('a failed client makes the combined run failed, with the reason', () => {
    const a = runOf(hdrText({ ...base, client: 1, start: '2021-03-01T04:29:00.000' }), 'g/run-client1.txt');
    const bad = hdrText({ ...base, client: 2, start: '2021-03-01T04:29:02.000' }).replace(/Throughput\(ops\/sec\), [0-9.]+/, 'Throughput(ops/sec), 0.0');
    const b = runOf(bad, 'g/run-client2.txt');
    expect(b.status).toBe('failed');
    const c = combineClientRuns([a, b]).find((r) => r.combined)!;
    expect(c.status).toBe('failed');
    expect(c.diagnostics.find((d) => d.severity === 'error')!.message).toMatch(/^client output g\/run-client2\.txt is failed \(line \d+: failed: the run did no useful work/);
  });
});

describe('combinedName', () => {
  it('names the parts by what they share, never cutting a number', () => {
    expect(combinedName(['d/ycsb-redis-client1#2', 'd/ycsb-redis-client2#2', 'd/ycsb-redis-client3#2'])).toBe('d/ycsb-redis-client[1-3]#2');
    expect(combinedName(['c10.txt', 'c11.txt', 'c12.txt'])).toBe('c[10-12].txt');
    expect(combinedName(['c1.txt', 'c3.txt', 'c5.txt'])).toBe('c[1,3,5].txt');
    expect(combinedName(['run3/client1.txt', 'run3/client2.txt'])).toBe('run3/client[1-2].txt');
    expect(combinedName(['node-a/out', 'node-b/out'])).toBe('node-{a,b}/out');
  });
});
