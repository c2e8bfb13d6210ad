/**
 * The identity step (src/ingest/identity.ts, folders.ts): what one configuration is. Small
 * campaigns written to a temporary folder, loaded with loadRuns: the factors the step adds, the
 * notices it prints, the start times and repetition numbers it gives. Each case is built so that
 * the wrong answer is possible (content that differs under one name, time order against name order).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/analyze.js';
import { contentSignature, identifyRuns } from '../../src/ingest/identity.js';
import { loadRuns } from '../../src/ingest/load.js';
import { parseYcsb } from '../../src/ingest/parse.js';
import type { Inventory, Run } from '../../src/model/index.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'ycsb-identity-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let count = 0;
function campaign(files: Record<string, string>): string {
  const dir = path.join(tmp, `c${++count}`);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** `2018-05-03 07:26:15:120` */
function stamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}:${pad(d.getUTCMilliseconds(), 3)}`;
}

/** A YCSB 0.17 run of 2000 operations: header, one status line (with its time when `start` is given), summary. */
function ycsb(args: string, throughput: number, o: { start?: number; java?: string } = {}): string {
  const lines: string[] = [];
  if (o.java) lines.push(o.java);
  lines.push(`Command line: ${args}`, 'YCSB Client 0.17.0', '', 'Loading workload...', 'Starting test.');
  if (o.start !== undefined) lines.push(`${stamp(o.start + 10_000)} 10 sec: 1000 operations; 100 current ops/sec; [READ: Count=1000, Max=900, Min=100, Avg=300, 90=500, 99=800, 99.9=900, 99.99=900] `);
  // (run time and throughput agree with the 2000 operations)
  lines.push(`[OVERALL], RunTime(ms), ${2_000_000 / throughput}`, `[OVERALL], Throughput(ops/sec), ${throughput}`);
  lines.push('[READ], Operations, 2000', '[READ], AverageLatency(us), 300.0', '[READ], MinLatency(us), 100', '[READ], MaxLatency(us), 900');
  lines.push('[READ], 95thPercentileLatency(us), 600', '[READ], 99thPercentileLatency(us), 800', '[READ], Return=OK, 2000');
  return lines.join('\n') + '\n';
}

const ARGS = (extra = '') => `-db site.ycsb.db.RedisClient -s -P workloads/workloadc -p redis.host=10.0.0.${1 + (count % 200)} -p recordcount=1000 -p operationcount=2000 -threads 4${extra} -t`;

function byFile(inv: Inventory, file: string): Run {
  const r = inv.runs.find((x) => x.file === file);
  if (!r) throw new Error(`no run ${file}; have ${inv.runs.map((x) => x.file).join(', ')}`);
  return r;
}

/** Group keys and their runs (files), from the default summary. */
function groups(inv: Inventory): Record<string, string[]> {
  return Object.fromEntries(analyze(inv, { pairIntervals: false }).groups.map((g) => [g.key, g.runs.map((r) => r.file).sort()]));
}

describe('content: properties that vary under one name become factors', () => {
  it('operationcount 1000 vs 10000 in files named alike: two groups, and one notice line that says so', async () => {
    const dir = campaign({
      'a/rep1.txt': ycsb(ARGS().replace('operationcount=2000', 'operationcount=1000'), 100),
      'a/rep2.txt': ycsb(ARGS().replace('operationcount=2000', 'operationcount=10000'), 200),
      'a/rep3.txt': ycsb(ARGS().replace('operationcount=2000', 'operationcount=1000'), 110),
      'a/rep4.txt': ycsb(ARGS().replace('operationcount=2000', 'operationcount=10000'), 210),
    });
    const inv = await loadRuns([dir]);
    // operationcount is a factor of the content already: the group never pooled them
    expect(Object.values(groups(inv)).map((g) => g.length)).toEqual([2, 2]);
    expect(inv.notices ?? []).toEqual([]);
  });

  it('fieldcount, a property no factor reads: becomes the factor fieldcount, said in one line', async () => {
    const dir = campaign({
      'rep1.txt': ycsb(ARGS(' -p fieldcount=10'), 100),
      'rep2.txt': ycsb(ARGS(' -p fieldcount=20'), 200),
      'rep3.txt': ycsb(ARGS(' -p fieldcount=10'), 110),
      'rep4.txt': ycsb(ARGS(' -p fieldcount=20'), 210),
      'rep5.txt': ycsb(ARGS(), 300),
    });
    const inv = await loadRuns([dir]);
    expect(inv.notices).toEqual(['content separates runs the names do not: fieldcount (10, 20, unset) is a factor']);
    expect(groups(inv)).toEqual({
      'fieldcount=10': ['rep1.txt', 'rep3.txt'],
      'fieldcount=20': ['rep2.txt', 'rep4.txt'],
      'fieldcount=unset': ['rep5.txt'],
    });
  });

  it('mongodb vs mongodb-async (one database, two bindings): the binding is a factor; hosts are not', async () => {
    const args = (klass: string, host: string) => `-db com.yahoo.ycsb.db.${klass} -s -P workloads/workloada -p mongodb.url=mongodb://${host}:27017/ycsb?w=1 -p recordcount=1000 -p operationcount=1000 -t`;
    const dir = campaign({
      'mongo/run1.txt': ycsb(args('MongoDbClient', '10.1.1.1'), 100),
      'mongo/run2.txt': ycsb(args('AsyncMongoDbClient', '10.1.1.2'), 200),
      'mongo/run3.txt': ycsb(args('MongoDbClient', '10.1.1.3'), 110),
      'mongo/run4.txt': ycsb(args('AsyncMongoDbClient', '10.1.1.4'), 210),
    });
    const inv = await loadRuns([dir]);
    expect(inv.notices).toEqual(['content separates runs the names do not: binding (mongodb, mongodb-async) is a factor']);
    expect(byFile(inv, 'mongo/run2.txt').factors).toMatchObject({ db: 'mongodb', binding: 'mongodb-async', rep: '2' });
    expect(Object.values(groups(inv))).toEqual([
      ['mongo/run1.txt', 'mongo/run3.txt'],
      ['mongo/run2.txt', 'mongo/run4.txt'],
    ]);
  });

  it('no notice and no new factor where the content agrees within every group', async () => {
    const dir = campaign({ 'x/rep1.txt': ycsb(ARGS(), 100), 'x/rep2.txt': ycsb(ARGS(), 110), 'y/rep1.txt': ycsb(ARGS(' -p fieldcount=5'), 120) });
    const inv = await loadRuns([dir]);
    expect((inv.notices ?? []).filter((n) => n.startsWith('content'))).toEqual([]);
    expect(Object.keys(byFile(inv, 'x/rep1.txt').factors).sort()).toEqual(['db', 'folder1', 'operationcount', 'phase', 'recordcount', 'rep', 'threads', 'workload']);
  });
});

describe('folders as factors', () => {
  it('siblings that vary (vm / vm_dockered) under scenarios: two factors; single-child chains are one level; tc8 and dates are not factors', async () => {
    const t0 = Date.UTC(2018, 4, 3, 7, 26);
    const files: Record<string, string> = {};
    let k = 0;
    for (const scenario of ['disk-bound/memory-bound', 'memory-bound-workload']) {
      for (const dep of ['vm', 'vm_dockered']) {
        for (const rep of [0, 1]) {
          const start = t0 + (k++ * 17 + rep * 60) * 60_000;
          const d = new Date(start);
          const folder = `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}`;
          files[`results/mongodb/${scenario}/${dep}/8_threads/${folder}/run_workloadC.txt`] = ycsb(ARGS(), 100 + k);
        }
      }
    }
    const inv = await loadRuns([campaign(files)]);
    expect(inv.notices?.[0]).toBe('folders separate runs the file names do not: folder1 (disk-bound/memory-bound, memory-bound-workload), folder2 (vm, vm_dockered) are factors');
    const g = groups(inv);
    expect(Object.keys(g)).toHaveLength(4);
    for (const files of Object.values(g)) {
      expect(files).toHaveLength(2);
      expect(new Set(files.map((f) => f.split('/').slice(2, -3).join('/'))).size, files.join(', ')).toBe(1);
    }
    const run = inv.runs[0];
    expect(run.factors.threads).toBe('8');
    expect(Object.values(run.factors).some((v) => /^\d{12}$/.test(v))).toBe(false);
  });

  it('a factor named after its parent folder when every sibling shares it and it is a plain word', async () => {
    const dir = campaign({
      'platform/vm/rep1.txt': ycsb(ARGS(), 100),
      'platform/vm/rep2.txt': ycsb(ARGS(), 101),
      'platform/k8s_pod/rep1.txt': ycsb(ARGS(), 200),
      'platform/k8s_pod/rep2.txt': ycsb(ARGS(), 201),
    });
    const inv = await loadRuns([dir]);
    expect(byFile(inv, 'platform/k8s_pod/rep2.txt').factors).toMatchObject({ platform: 'k8s_pod', rep: '2' });
    expect(Object.keys(groups(inv))).toEqual(['platform=k8s_pod', 'platform=vm']);
  });

  it('folders the scheme reads (tc1/tc2, rc…-op…, run<k>, workload letters) are not folder factors', async () => {
    const dir = campaign({
      'A/rc1000-op2000/tc1/run1.txt': ycsb(ARGS().replace('-threads 4', '-threads 1'), 100),
      'A/rc1000-op2000/tc1/run2.txt': ycsb(ARGS().replace('-threads 4', '-threads 1'), 101),
      'A/rc1000-op2000/tc2/run1.txt': ycsb(ARGS().replace('-threads 4', '-threads 2'), 200),
      'B/rc1000-op2000/tc2/run1.txt': ycsb(ARGS().replace('-threads 4', '-threads 2').replace('workloadc', 'workloadb'), 300),
    });
    const inv = await loadRuns([dir]);
    expect(inv.notices).toBeUndefined();
    expect(byFile(inv, 'A/rc1000-op2000/tc2/run1.txt').factors).toEqual({ workload: 'a', recordcount: '1000', operationcount: '2000', threads: '2', rep: '1', db: 'redis', phase: 'run' });
    // the name says workload a, the content c: a conflict, reported
    expect(byFile(inv, 'A/rc1000-op2000/tc2/run1.txt').origin.conflicts).toEqual([{ factor: 'workload', name: 'a', content: 'c' }]);
  });

  it('six-digit yymmdd folders are start dates only when every sibling is one', async () => {
    const dated = await loadRuns([campaign({ '180503/run.txt': ycsb(ARGS(), 100), '180504/run.txt': ycsb(ARGS(), 110) })]);
    expect(dated.runs.map((r) => r.start)).toEqual([
      { iso: '2018-05-03', source: 'name' },
      { iso: '2018-05-04', source: 'name' },
    ]);
    expect(dated.runs.map((r) => r.factors.rep)).toEqual(['1', '2']);
    const mixed = await loadRuns([campaign({ '180503/run.txt': ycsb(ARGS(), 100), 'other/run.txt': ycsb(ARGS(), 110) })]);
    // not dates: the start stays the loader's last resort, the files' modification time
    expect(mixed.runs.map((r) => r.start?.source)).toEqual(['mtime', 'mtime']);
    expect(mixed.runs.map((r) => r.factors.folder1)).toEqual(['180503', 'other']);
  });
});

describe('start times and repetitions', () => {
  it('timestamps in folder or file names are start times; repetitions numbered 1..n by start time, not by name', async () => {
    // name order (first < second < third) is the reverse of time order
    const dir = campaign({
      'redis/first-2025-05-28_08-00-00.txt': ycsb(ARGS(), 100),
      'redis/second-2025-05-27_17-27-29.txt': ycsb(ARGS(), 110),
      'redis/third-2025-05-27_09-00-00.txt': ycsb(ARGS(), 120),
    });
    const inv = await loadRuns([dir]);
    const rep = (f: string) => byFile(inv, f).factors.rep;
    expect([rep('redis/third-2025-05-27_09-00-00.txt'), rep('redis/second-2025-05-27_17-27-29.txt'), rep('redis/first-2025-05-28_08-00-00.txt')]).toEqual(['1', '2', '3']);
    expect(byFile(inv, 'redis/second-2025-05-27_17-27-29.txt').start).toEqual({ iso: '2025-05-27T17:27:29', source: 'name' });
    expect(inv.notices).toEqual(['rep: 3 runs numbered by start time within their configuration (no name numbers them)']);
    expect(Object.keys(groups(inv))).toEqual(['']);
  });

  it('the content\'s start time comes first; the name fills in only where the content gives none', async () => {
    const dir = campaign({ 'a/201805030726/run.txt': ycsb(ARGS(), 100), 'a/201805030741/run.txt': ycsb(ARGS(), 110) });
    const inv = await loadRuns([dir]);
    for (const r of inv.runs) {
      expect(r.start?.source, r.file).toBe('name');
      r.start = { iso: r.file.includes('0726') ? '2018-05-03T08:00:00.000' : '2018-05-03T07:59:00.000', source: 'status-line' };
    }
    // the identity step keeps a start it is given (what the parser reads from the status lines)
    for (const r of inv.runs) delete r.factors.rep;
    identifyRuns(inv.runs);
    expect(inv.runs.map((r) => [r.file, r.factors.rep])).toEqual([
      ['a/201805030726/run.txt', '2'],
      ['a/201805030741/run.txt', '1'],
    ]);
  });

  it('a name that numbers repetitions keeps its numbers', async () => {
    const dir = campaign({ '201805030741/rep1.txt': ycsb(ARGS(), 100), '201805030726/rep2.txt': ycsb(ARGS(), 110) });
    const inv = await loadRuns([dir]);
    expect(inv.runs.map((r) => [r.file, r.factors.rep])).toEqual([
      ['201805030726/rep2.txt', '2'],
      ['201805030741/rep1.txt', '1'],
    ]);
  });
});

describe('numbers no scheme reads, name and content', () => {
  it('a trailing number that could be a repetition or a step separates runs (never pooled), and the ambiguity still asks', async () => {
    const dir = campaign({ 'outputRunA.txt': ycsb(ARGS(), 100), 'outputRunA2.txt': ycsb(ARGS(), 200), 'outputRunA3.txt': ycsb(ARGS(), 300) });
    const inv = await loadRuns([dir], { templateFlag: '--scheme' });
    // (no start time in these names or texts: no repetition numbers either)
    expect(inv.notices).toEqual(['numbers in file names that no scheme reads separate runs (a repetition or a step?): number (2, 3) is a factor until you say what it is with --scheme']);
    expect(Object.values(groups(inv))).toEqual([['outputRunA.txt'], ['outputRunA2.txt'], ['outputRunA3.txt']]);
    expect(byFile(inv, 'outputRunA2.txt').origin.ambiguities[0]).toMatch(/could be a repetition or a step/);
  });

  it('the client default (1 thread) against a name that says tc4: a conflict, the name kept', async () => {
    const dir = campaign({ 'tc4/run1.txt': ycsb(ARGS().replace(' -threads 4', ''), 100), 'tc1/run1.txt': ycsb(ARGS().replace(' -threads 4', ''), 100) });
    const inv = await loadRuns([dir]);
    expect(byFile(inv, 'tc4/run1.txt').origin.conflicts).toEqual([{ factor: 'threads', name: '4', content: '1' }]);
    expect(byFile(inv, 'tc4/run1.txt').factors.threads).toBe('4');
    expect(byFile(inv, 'tc1/run1.txt').origin.conflicts).toEqual([]);
  });

  it('JDBC: the database its URL names when the name says none; the name wins otherwise, without a conflict', async () => {
    const jdbc = (url: string) => `-db site.ycsb.db.JdbcDBClient -s -P workloads/workloada -p db.url=${url} -p recordcount=1000 -p operationcount=1000 -t`;
    const dir = campaign({ 'run1.txt': ycsb(jdbc('jdbc:postgresql://10.0.0.1:5432/ycsb'), 100), 'citus-run2.txt': ycsb(jdbc('jdbc:postgresql://10.0.0.1:5432/ycsb'), 100) });
    const inv = await loadRuns([dir]);
    expect(byFile(inv, 'run1.txt').factors.db).toBe('postgres');
    expect(byFile(inv, 'run1.txt').signature?.binding).toBe('jdbc:postgresql');
    expect(byFile(inv, 'citus-run2.txt').factors.db).toBe('citus');
    expect(byFile(inv, 'citus-run2.txt').origin.conflicts).toEqual([]);
  });

  it('the signature takes the java classpath: JDBC against SQL Server told by its driver jar', () => {
    const java = '/usr/bin/java -classpath /y/conf:/y/core-0.17.0.jar:/y/mssql/target/dependency/mssql-jdbc-7.2.2.jre8.jar com.yahoo.ycsb.Client -t -db com.yahoo.ycsb.db.JdbcDBClient -s -P /y/jdbc/db.properties -P /y/workloads/workloadA -p recordcount=1000';
    const p = parseYcsb(`${java}\n${ycsb('', 1).split('\n').slice(1).join('\n')}`, 'x.txt');
    expect(p.header.classpath).toContain('mssql-jdbc-7.2.2.jre8.jar');
    expect(contentSignature(p)?.binding).toBe('jdbc:sqlserver');
    // one shared object per distinct signature
    expect(contentSignature(parseYcsb(`${java}\n`, 'y.txt'))).toBe(contentSignature(p));
  });
});
