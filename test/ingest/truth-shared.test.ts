/**
 * Issue 19's acceptance on the real campaigns under ../shared/data: the default summary (no
 * options) groups exactly the true configurations, never pooling runs of different ones.
 *
 * The truth of each dataset is written here from reading its files (folder layout, names, the
 * `Command line:` or echoed java line, the summaries), never from what the tool does. Each dataset
 * has a first test that checks the facts the truth rests on against the raw text, so that the truth
 * is not a hard-coded belief: if a file changed, that test says which fact no longer holds.
 *
 * Runs are named as test/ingest/truth-partition.ts says (`path`, `path#k`, combined client files
 * joined by ` + `); groups are compared as sets of runs, whatever their keys or factor names.
 *
 * Small synthetic inputs for the issue's "Bad input" cases are written to a temporary folder.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/analyze.js';
import type { AnalysisResult, GroupResult } from '../../src/analysis/types.js';
import { loadRuns } from '../../src/ingest/load.js';
import { compareLevels, type Inventory } from '../../src/model/index.js';
import {
  combined,
  comparePartition,
  describeReport,
  groupMembers,
  lineRange,
  printedThroughput,
  runIdentity,
  singleRuns,
  type TruthClass,
} from './truth-partition.js';

const shared = path.resolve(__dirname, '../../../shared/data');
const present = existsSync(shared);
if (!present) console.warn(`truth-shared.test.ts skipped: ${shared} does not exist (the shared data set sits beside the checkout)`);

// ---------------------------------------------------------------------------------------------
// Reading the data

/** Every file under `dir`, relative to it, POSIX separators, sorted. */
function walk(dir: string, base = dir, out: string[] = []): string[] {
  for (const e of readdirSync(dir)) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) walk(p, base, out);
    else out.push(path.relative(base, p).split(path.sep).join('/'));
  }
  return out.sort();
}

const texts = new Map<string, string>();
function text(root: string, rel: string): string {
  const p = path.join(root, rel);
  let t = texts.get(p);
  if (t === undefined) texts.set(p, (t = readFileSync(p, 'utf8')));
  return t;
}

/** YCSB's `Command line:` (or, without one, the arguments after the echoed java `…Client`). */
function commandLine(t: string): string | undefined {
  const m = /^Command line: (.*)$/m.exec(t);
  if (m) return m[1].trim();
  const j = /(?:com\.yahoo|site)\.ycsb\.Client (.*)$/m.exec(t);
  return j ? j[1].trim() : undefined;
}

function prop(cmd: string, key: string): string | undefined {
  const m = new RegExp(`-p ${key.replace('.', '\\.')}=(\\S+)`).exec(cmd);
  return m?.[1];
}

/** The run's start from its first status line: `2018-11-23 04:29:16:517 0 sec: …` minus the seconds (ms since epoch, naive UTC). */
function startOf(t: string): number | undefined {
  const m = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d):(\d{3}) (\d+) sec:/m.exec(t);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s, ms, secs] = m.slice(1).map(Number);
  return Date.UTC(y, mo - 1, d, h, mi, s, ms) - secs * 1000;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

// ---------------------------------------------------------------------------------------------
// Loading and analysing (each root once)

const loaded = new Map<string, Promise<Inventory>>();
function load(root: string): Promise<Inventory> {
  let p = loaded.get(root);
  if (!p) loaded.set(root, (p = loadRuns([root])));
  return p;
}

function expectPartition(result: AnalysisResult, truth: TruthClass[], phases: ('run' | 'load')[] = ['run'], optionalFailures: string[] = []): void {
  const report = comparePartition(result.groups, truth, { phases, optionalFailures });
  expect(report.pooled, `runs of different configurations pooled:\n${describeReport(report)}`).toEqual([]);
  expect(report.exact, describeReport(report)).toBe(true);
}

/** The group that holds `id` among its runs. */
function groupOf(result: AnalysisResult, id: string): GroupResult | undefined {
  return result.groups.find((g) => groupMembers(g).runs.includes(id));
}

/** Every group's mean equals the mean of the throughputs its runs print (a combined run: the sum of its clients'). */
function expectMeansFromText(result: AnalysisResult, valueOf: (id: string) => number | undefined): void {
  for (const g of result.groups) {
    if (g.n === 0) continue;
    const values = groupMembers(g).runs.map((id) => valueOf(id));
    expect(values.every((v) => v !== undefined), `${g.key}: a run without a printed throughput`).toBe(true);
    const want = mean(values as number[]);
    expect(Math.abs(g.mean - want), `${g.key}: mean ${g.mean}, the files print a mean of ${want}`).toBeLessThanOrEqual(1e-9 * Math.abs(want));
  }
}

/** No group is told apart by a start-time folder: timestamps are not factor levels. */
function expectNoTimestampLevels(result: AnalysisResult, stamps: Set<string>): void {
  for (const g of result.groups) {
    for (const [f, v] of Object.entries(g.factors)) {
      expect(stamps.has(v) || /^\d{12}$/.test(v), `group ${g.key}: factor ${f}=${v} is a start time`).toBe(false);
    }
  }
}

/** Every file under the root is accounted for: read as one or more runs, or listed as skipped. */
function expectNothingLost(inv: Inventory, files: string[]): void {
  const sources = new Set(inv.runs.map((r) => r.file.replace(/#\d+$/, '')));
  const skipped = new Set((inv.skipped ?? []).map((s) => s.path));
  const lost = files.filter((f) => !sources.has(f) && !skipped.has(f));
  expect(lost, 'files found neither as runs nor as skipped').toEqual([]);
}

/** Statuses of the runs read from one file or invocation, by identity. */
function expectStatuses(inv: Inventory, expected: Map<string, string>): void {
  const got = singleRuns(inv);
  const wrong: string[] = [];
  for (const [id, status] of expected) {
    const r = got.get(id);
    if (!r) wrong.push(`${id}: not in the inventory (expected ${status})`);
    else if (r.status !== status) wrong.push(`${id}: ${r.status}, expected ${status}`);
  }
  const extra = [...got.keys()].filter((id) => !expected.has(id));
  expect(wrong, 'statuses').toEqual([]);
  expect(extra, 'inventory runs the truth does not know').toEqual([]);
}

/** Build truth classes from (id, class key, phase, ok). */
function classes(entries: { id: string; key: string; phase: 'run' | 'load'; ok: boolean }[]): TruthClass[] {
  const by = new Map<string, TruthClass>();
  for (const e of entries) {
    let c = by.get(e.key);
    if (!c) by.set(e.key, (c = { key: e.key, phase: e.phase, ok: [], notOk: [] }));
    expect(c.phase, `${e.key}: one phase`).toBe(e.phase);
    (e.ok ? c.ok : c.notOk).push(e.id);
  }
  return [...by.values()];
}

// =============================================================================================
// lucas-fs: the study. Its default summary stays exactly what it is today.

const STUDY = path.join(shared, 'ycsb/lucas-fs-ycsb-prom-metrics/YCSB-outputs');
const STUDY_NAME = /^(cassandra|citus|hbase)-(exec|load)-(\d+)-(\d+)-([a-d])-(\d+)-rf_([123])(-bs_7000-fs_3000)?\.txt$/;

function studyTruth() {
  const files = walk(STUDY);
  const entries = files.map((f) => {
    const m = STUDY_NAME.exec(f);
    expect(m, `${f}: the study's name pattern`).not.toBeNull();
    const [, db, phase, nodes, , wl, , rf] = m!;
    const t = text(STUDY, f);
    const thr = printedThroughput(t);
    return { id: f, db, nodes, wl, rf, phase: phase === 'exec' ? ('run' as const) : ('load' as const), key: `${db}/${phase}/${wl}/rf${rf}`, ok: thr !== undefined && thr > 0, cmd: commandLine(t) ?? '' };
  });
  return { files, entries };
}

describe.skipIf(!present)('truth: lucas-fs (the study)', () => {
  it('the data: 36 run configurations (db × workload a–d × rf 1–3) × 30 repetitions, 2 failed; 9 loads (db × rf)', () => {
    const { files, entries } = studyTruth();
    expect(files.length).toBe(1089);
    const runs = classes(entries.filter((e) => e.phase === 'run'));
    const loads = classes(entries.filter((e) => e.phase === 'load'));
    expect(runs.length).toBe(36);
    expect(loads.length).toBe(9);
    for (const c of runs) expect(c.ok.length + c.notOk.length, c.key).toBe(30);
    for (const c of loads) expect([c.ok.length, c.notOk.length], c.key).toEqual([1, 0]);
    // the two failed runs print Throughput 0.0
    expect(runs.flatMap((c) => c.notOk).sort()).toEqual([
      'citus-exec-14-1000000-c-6-rf_1-bs_7000-fs_3000.txt',
      'citus-exec-14-1000000-d-1-rf_2-bs_7000-fs_3000.txt',
    ]);
    // what the content says agrees with the names: the phase and the workload
    for (const e of entries) {
      expect(e.cmd.endsWith(e.phase === 'run' ? ' -t' : ' -load'), e.id).toBe(true);
      expect(e.cmd, e.id).toMatch(new RegExp(`workloads/workload${e.wl} `));
    }
    // within a configuration the command lines agree but for the hosts
    const cmdOf = new Map<string, Set<string>>();
    for (const e of entries) {
      const set = cmdOf.get(e.key) ?? new Set<string>();
      set.add(e.cmd.replace(/hosts=\S+/, 'hosts=*'));
      cmdOf.set(e.key, set);
    }
    for (const [k, set] of cmdOf) expect(set.size, k).toBe(1);
  });

  it('the default summary: today\'s 36 groups (rf, workload, db within nodes), 30 runs each but the 2 failed', async () => {
    const { entries } = studyTruth();
    const inv = await load(STUDY);
    expect(inv.runs.length).toBe(1089);
    expect(inv.counts.ok).toBe(1087);
    expect(inv.counts.failed).toBe(2);
    const result = analyze(inv);
    // as today (the study's output stays byte-identical)
    expect(result.options.group).toEqual(['rf', 'workload', 'db']);
    expect(result.stratifiedBy).toEqual(['nodes']);
    const runEntries = entries.filter((e) => e.phase === 'run');
    const keyOf = (e: (typeof runEntries)[number]) => `nodes=${e.nodes},rf=${e.rf},workload=${e.wl},db=${e.db}`;
    const expectedKeys = [...new Set(runEntries.map(keyOf))].sort((a, b) => {
      const pa = a.split(',').map((x) => x.split('=')[1]);
      const pb = b.split(',').map((x) => x.split('=')[1]);
      for (let i = 0; i < pa.length; i++) {
        const c = compareLevels(pa[i], pb[i]);
        if (c !== 0) return c;
      }
      return 0;
    });
    expect(result.groups.map((g) => g.key)).toEqual(expectedKeys);
    for (const g of result.groups) {
      const mine = runEntries.filter((e) => keyOf(e) === g.key);
      expect(g.n, g.key).toBe(mine.filter((e) => e.ok).length);
      expect(g.failed.map((f) => f.file).sort(), g.key).toEqual(mine.filter((e) => !e.ok).map((e) => e.id).sort());
    }
    expectPartition(result, classes(entries));
    expectMeansFromText(result, (id) => printedThroughput(text(STUDY, id)));
  });

  it('with the load phase: 9 more groups, one load each', async () => {
    const { entries } = studyTruth();
    const result = analyze(await load(STUDY), { includeLoad: true });
    expectPartition(result, classes(entries), ['run', 'load']);
  });
});

// =============================================================================================
// rpicloud: 5 files, 5 configurations (4 loads, 1 run)

const RPI = path.join(shared, 'ycsb/rpicloud');

function rpiTruth() {
  const files = walk(RPI);
  const entries = files.map((f) => {
    const t = text(RPI, f);
    const cmd = commandLine(t) ?? '';
    const m = /out-(load-)?(\d+)-(\d+)-rf(\d)-([a-f])(?:-(\d+))?\.txt$/.exec(f);
    expect(m, f).not.toBeNull();
    const phase = cmd.endsWith(' -load') ? ('load' as const) : ('run' as const);
    expect(Boolean(m![1]), `${f}: the name's phase agrees with the content`).toBe(phase === 'load');
    expect(prop(cmd, 'recordcount'), f).toBe(m![3]);
    return { id: f, key: `${phase} nodes=${m![2]} recordcount=${m![3]} rf=${m![4]} workload=${m![5]} operationcount=${prop(cmd, 'operationcount') ?? 'unset'}`, phase, ok: (printedThroughput(t) ?? 0) > 0 };
  });
  return { files, entries };
}

describe.skipIf(!present)('truth: rpicloud', () => {
  it('the data: 5 files, each its own configuration (one run, four loads)', () => {
    const { files, entries } = rpiTruth();
    expect(files).toEqual([
      'ycsb/out/out-13-100000-rf3-a-1.txt',
      'ycsb/out/out-load-1-1000-rf1-a.txt',
      'ycsb/out/out-load-1-10000-rf1-a.txt',
      'ycsb/out/out-load-1-100000-rf1-a.txt',
      'ycsb/out/out-load-13-100000-rf3-a.txt',
    ]);
    expect(classes(entries).map((c) => c.ok.length)).toEqual([1, 1, 1, 1, 1]);
  });

  it('the default summary: one group of the one run; with loads, 5 groups of one', async () => {
    const { entries } = rpiTruth();
    const inv = await load(RPI);
    expectStatuses(inv, new Map(entries.map((e) => [e.id, 'ok'])));
    expectPartition(analyze(inv), classes(entries));
    expectPartition(analyze(inv, { includeLoad: true }), classes(entries), ['run', 'load']);
  });
});

// =============================================================================================
// omi-uulm: scenario × deployment × phase, repetitions in start-time folders

const OMI = path.join(shared, 'ycsb/more/omi-uulm__Containerized-DBMS-Evaluation');

function omiTruth() {
  const files = walk(OMI);
  const entries = files.map((f) => {
    const parts = f.split('/');
    // results/mongodb/<scenario (1 or 2 folders)>/<deployment>/8_threads/<YYYYMMDDhhmm>/<load.txt | run_workloadB.txt>
    const [file, stamp, threads, deployment] = parts.slice(-4).reverse();
    const scenario = parts.slice(2, -4).join('/');
    expect(parts.slice(0, 2), f).toEqual(['results', 'mongodb']);
    expect(threads, f).toBe('8_threads');
    expect(stamp, f).toMatch(/^20180[45]\d{6}$/);
    const t = text(OMI, f);
    const cmd = commandLine(t) ?? '';
    const phase = file === 'load.txt' ? ('load' as const) : ('run' as const);
    expect(file === 'load.txt' || file === 'run_workloadB.txt', f).toBe(true);
    expect(cmd.endsWith(phase === 'load' ? ' -load' : ' -t'), f).toBe(true);
    return { id: f, scenario, deployment, stamp, phase, key: `${phase} ${scenario}/${deployment}`, ok: printedThroughput(t) !== undefined, cmd, start: startOf(t) };
  });
  return { files, entries };
}

/** Repetitions per scenario/deployment cell (run phase), counted from the folders: [all, ok]. */
const OMI_CELLS: Record<string, [number, number]> = {
  'disk-bound-docker-network/memory-bound/dockered': [10, 10],
  'disk-bound-docker-network/memory-bound/dockered_attached_vol': [10, 10],
  'disk-bound-docker-network/memory-bound/vm': [10, 10],
  'disk-bound-workload/baremetal_dockered': [10, 10],
  'disk-bound-workload/baremetal_dockered_attached_vol': [10, 10],
  'disk-bound-workload/vm': [10, 10],
  'disk-bound-workload/vm_dockered': [10, 10],
  'disk-bound-workload/vm_dockered_attached_vol': [10, 10],
  'memory-bound-workload/baremetal_dockered': [5, 5],
  'memory-bound-workload/baremetal_dockered_attached_vol': [9, 6], // 3 runs cut after 10 s
  'memory-bound-workload/vm': [10, 10],
  'memory-bound-workload/vm_dockered': [10, 10],
  'memory-bound-workload/vm_dockered_attached_vol': [10, 10],
};

describe.skipIf(!present)('truth: omi-uulm (scenario × deployment × phase, start-time folders)', () => {
  it('the data: 13 scenario/deployment cells × load and run, 10 repetitions in most, 3 runs cut off', () => {
    const { files, entries } = omiTruth();
    expect(files.length).toBe(248);
    const runs = classes(entries.filter((e) => e.phase === 'run'));
    const loads = classes(entries.filter((e) => e.phase === 'load'));
    expect(Object.fromEntries(runs.map((c) => [c.key.slice(4), [c.ok.length + c.notOk.length, c.ok.length]]))).toEqual(OMI_CELLS);
    // every start-time folder holds one load and one run; every load is complete
    expect(loads.map((c) => [c.key.slice(5), c.ok.length + c.notOk.length])).toEqual(runs.map((c) => [c.key.slice(4), c.ok.length + c.notOk.length]));
    expect(loads.every((c) => c.notOk.length === 0)).toBe(true);
    // the 3 partial runs: a status line at 10 s, then nothing
    const cut = entries.filter((e) => !e.ok).map((e) => e.id);
    expect(cut).toEqual([
      'results/mongodb/memory-bound-workload/baremetal_dockered_attached_vol/8_threads/201805030726/run_workloadB.txt',
      'results/mongodb/memory-bound-workload/baremetal_dockered_attached_vol/8_threads/201805030732/run_workloadB.txt',
      'results/mongodb/memory-bound-workload/baremetal_dockered_attached_vol/8_threads/201805030759/run_workloadB.txt',
    ]);
    for (const id of cut) expect(text(OMI, id).trimEnd().split('\n').pop(), id).toMatch(/ 10 sec: \d+ operations;/);
    // the folder is the start time: each run starts 0–15 minutes after its folder's minute
    for (const e of entries) {
      const s = e.stamp;
      const folder = Date.UTC(+s.slice(0, 4), +s.slice(4, 6) - 1, +s.slice(6, 8), +s.slice(8, 10), +s.slice(10, 12));
      expect(e.start! - folder, e.id).toBeGreaterThanOrEqual(0);
      expect(e.start! - folder, e.id).toBeLessThan(15 * 60_000);
    }
    // the deployments differ only in the server's address: content alone cannot tell them apart
    const byScenario = new Map<string, Set<string>>();
    for (const e of entries.filter((x) => x.phase === 'run')) {
      const set = byScenario.get(e.scenario) ?? new Set<string>();
      set.add(e.cmd.replace(/mongodb:\/\/[^/]+\//, 'mongodb://*/'));
      byScenario.set(e.scenario, set);
    }
    for (const [s, set] of byScenario) expect(set.size, s).toBe(1);
  });

  it('the default summary: 13 groups (scenario × deployment), n as counted, the 3 cut-off runs listed as partial', async () => {
    const { entries } = omiTruth();
    const inv = await load(OMI);
    expectStatuses(inv, new Map(entries.map((e) => [e.id, e.ok ? 'ok' : 'partial'])));
    const result = analyze(inv);
    expectPartition(result, classes(entries));
    expect(result.groups.filter((g) => g.n > 0).length).toBe(13);
    expectMeansFromText(result, (id) => printedThroughput(text(OMI, id)));
    expectNoTimestampLevels(result, new Set(entries.map((e) => e.stamp)));
  });

  it('repetitions are numbered by start time within their cell', async () => {
    const { entries } = omiTruth();
    const result = analyze(await load(OMI));
    const stampOf = new Map(entries.map((e) => [e.id, e.stamp]));
    for (const g of result.groups) {
      if (g.n < 2) continue;
      const reps = g.runs.map((r) => r.rep);
      expect(reps.every((r) => r !== undefined), `${g.key}: every run has a repetition number`).toBe(true);
      expect(new Set(reps).size, `${g.key}: repetition numbers are distinct`).toBe(reps.length);
      const byRep = [...g.runs].sort((a, b) => compareLevels(a.rep!, b.rep!)).map((r) => stampOf.get(runIdentity(r))!);
      expect(byRep, `${g.key}: repetition order is start-time order`).toEqual([...byRep].sort());
    }
  });

  it('with the load phase: 13 more groups of loads', async () => {
    const { entries } = omiTruth();
    const result = analyze(await load(OMI), { includeLoad: true });
    expectPartition(result, classes(entries), ['run', 'load']);
    expectNoTimestampLevels(result, new Set(entries.map((e) => e.stamp)));
  });
});

// =============================================================================================
// KowsarAtz: 6 variants × 2 workloads × 3 record counts × 4 thread counts × 5 repetitions

const KOW = path.join(shared, 'ycsb/more/KowsarAtz__ycsb-autorun');
const KOW_PATH = /^previous results\/latest results\/([^/]+)\/([AB])\/rc(\d+)-op(\d+)\/tc(\d+)\/run(\d+)\.txt$/;

function kowTruth() {
  const files = walk(KOW);
  const entries = files.map((f) => {
    const m = KOW_PATH.exec(f);
    expect(m, f).not.toBeNull();
    const [, variant, wl, rc, op, tc, k] = m!;
    const t = text(KOW, f);
    const cmd = commandLine(t) ?? '';
    const phase = op === '0' ? ('load' as const) : ('run' as const);
    return { id: f, variant, wl, rc, op, tc, k, phase, cmd, key: phase === 'load' ? `load ${variant}/${wl}/rc${rc}` : `run ${variant}/${wl}/rc${rc}/tc${tc}`, ok: printedThroughput(t) !== undefined };
  });
  return { files, entries };
}

const KOW_PARTIAL = 'previous results/latest results/elastic5-nothreading/B/rc100000-op100000/tc1/run5.txt';

describe.skipIf(!present)('truth: KowsarAtz (variant × workload × recordcount × threads, run<k> repetitions)', () => {
  it('the data: 141 run cells of 5 repetitions (elastic5-nothreading/B/rc100000 has tc1 only), 36 loads, 1 cut-off run', () => {
    const { files, entries } = kowTruth();
    expect(files.length).toBe(741);
    for (const e of entries) {
      // the content agrees with the folders: phase, workload file, record and operation counts
      expect(e.cmd, e.id).toMatch(e.phase === 'load' ? /^-load / : /^-t /);
      expect(e.cmd, e.id).toContain(`workloads/workload${e.wl} `);
      expect(prop(e.cmd, 'recordcount'), e.id).toBe(e.rc);
      expect(prop(e.cmd, 'operationcount'), e.id).toBe(e.phase === 'load' ? undefined : e.op);
      expect(e.k === '0', e.id).toBe(e.phase === 'load');
      // -threads as the folder says, except elastic5-nothreading, which never passes it (YCSB then runs 1 thread)
      const threads = /-threads (\d+)/.exec(e.cmd)?.[1];
      expect(threads, e.id).toBe(e.variant === 'elastic5-nothreading' ? undefined : e.tc);
    }
    const runs = classes(entries.filter((e) => e.phase === 'run'));
    const loads = classes(entries.filter((e) => e.phase === 'load'));
    expect(runs.length).toBe(6 * 2 * 3 * 4 - 3);
    expect(runs.filter((c) => c.key.startsWith('run elastic5-nothreading/B/rc100000/')).map((c) => c.key)).toEqual(['run elastic5-nothreading/B/rc100000/tc1']);
    for (const c of runs) expect(c.ok.length + c.notOk.length, c.key).toBe(5);
    expect(runs.flatMap((c) => c.notOk)).toEqual([KOW_PARTIAL]);
    expect(loads.length).toBe(36);
    for (const c of loads) expect([c.ok.length, c.notOk.length], c.key).toEqual([1, 0]);
    // loads sit in op0/tc4/run0.txt, except elastic5's, in op0/tc1/run0.txt
    for (const e of entries.filter((x) => x.phase === 'load')) expect(e.tc, e.id).toBe(e.variant === 'elastic5' ? '1' : '4');
    // six variants, five bindings: mongodb / mongodb-async differ in the class; mariadb / mssql in the -P config;
    // elastic5 / elastic5-nothreading only in -threads (absent: 1 thread) and the folder
    const klass = (v: string) => new Set(entries.filter((e) => e.variant === v).map((e) => /-db (\S+)/.exec(e.cmd)![1]));
    expect([...klass('mongodb')]).toEqual(['com.yahoo.ycsb.db.MongoDbClient']);
    expect([...klass('mongodb-async')]).toEqual(['com.yahoo.ycsb.db.AsyncMongoDbClient']);
    expect([...klass('mariadb')]).toEqual([...klass('mssql')]);
    expect([...klass('elastic5')]).toEqual([...klass('elastic5-nothreading')]);
    // the cut-off run: the echoed java command, then nothing
    const cut = text(KOW, KOW_PARTIAL);
    expect(cut.trimEnd().split('\n').length).toBe(1);
    expect(cut).toMatch(/ -t -db \S+ElasticsearchRestClient .* -p operationcount=100000\s*$/);
  });

  it('the default summary: 141 groups, one per variant × workload × recordcount × thread folder; n = 5 but 4 (+1 partial)', async () => {
    const { entries } = kowTruth();
    const inv = await load(KOW);
    expectStatuses(inv, new Map(entries.map((e) => [e.id, e.ok ? 'ok' : 'partial'])));
    const result = analyze(inv);
    expectPartition(result, classes(entries));
    expect(result.groups.filter((g) => g.n > 0).length).toBe(141);
    expectMeansFromText(result, (id) => printedThroughput(text(KOW, id)));
    const cut = result.groups.find((g) => g.failed.some((f) => runIdentity(f) === KOW_PARTIAL));
    expect(cut?.n).toBe(4);
  });

  it('with the load phase: 36 more groups, one load each', async () => {
    const { entries } = kowTruth();
    expectPartition(analyze(await load(KOW), { includeLoad: true }), classes(entries), ['run', 'load']);
  });

  it('elastic5-nothreading: the folder says tc2/tc4/tc8, the content runs 1 thread — the disagreement is reported', async () => {
    const { entries } = kowTruth();
    const inv = await load(KOW);
    const byId = singleRuns(inv);
    const mislabelled = entries.filter((e) => e.variant === 'elastic5-nothreading' && e.phase === 'run' && e.tc !== '1');
    expect(mislabelled.length).toBe(75);
    for (const e of mislabelled) {
      const r = byId.get(e.id)!;
      const said = r.origin.conflicts.some((c) => c.factor === 'threads' && c.name === e.tc && c.content === '1');
      expect(said, `${e.id}: no threads conflict (name ${e.tc}, content 1) recorded`).toBe(true);
    }
  });
});

// =============================================================================================
// derrl: one run driven by 8 clients at once; each file holds a load then a run

const DERRL = path.join(shared, 'ycsb/more/derrl__3am');

function derrlTruth() {
  const files = walk(DERRL);
  const invocations = files.flatMap((f, i) => {
    const t = text(DERRL, f);
    const lines = t.split('\n');
    const heads = lines.flatMap((l, n) => (l.startsWith('Command line: ') ? [n] : []));
    expect(heads.length, `${f}: two invocations`).toBe(2);
    return heads.map((h, k) => {
      const end = k + 1 < heads.length ? heads[k + 1] : lines.length;
      const body = lines.slice(h, end).join('\n');
      const cmd = lines[h].slice('Command line: '.length);
      const overall = lines.flatMap((l, n) => (n >= h && n < end && l.startsWith('[OVERALL]') ? [n + 1] : []));
      return { id: `${f}#${k + 1}`, file: f, client: i + 1, k: k + 1, cmd, headLine: h + 1, overall, start: startOf(body)!, throughput: printedThroughput(body)!, runtime: Number(/RunTime\(ms\), (\d+)/.exec(body)![1]) };
    });
  });
  return { files, invocations };
}

describe.skipIf(!present)('truth: derrl (8 clients, each file a load then a run)', () => {
  it('the data: 8 clients with disjoint key ranges, started together; load then run in each file', () => {
    const { files, invocations } = derrlTruth();
    expect(files.length).toBe(8);
    for (const v of invocations) {
      expect(v.cmd.endsWith(v.k === 1 ? ' -load' : ' -t'), v.id).toBe(true);
      expect(prop(v.cmd, 'insertstart'), v.id).toBe(String((v.client - 1) * 500000));
      expect(prop(v.cmd, 'insertcount'), v.id).toBe('500000');
      expect(prop(v.cmd, 'recordcount'), v.id).toBe('4000000');
      expect(v.overall.length, v.id).toBeGreaterThanOrEqual(2);
    }
    // beyond the key range and the server each client drives, the clients ran the same command
    const same = (k: number) => new Set(invocations.filter((v) => v.k === k).map((v) => v.cmd.replace(/-p (insertstart|insertcount|redis\.host)=\S+ /g, '')));
    expect(same(1).size).toBe(1);
    expect(same(2).size).toBe(1);
    // started together: the spread of start times is far below any one client's run time
    for (const k of [1, 2]) {
      const mine = invocations.filter((v) => v.k === k);
      const spread = Math.max(...mine.map((v) => v.start)) - Math.min(...mine.map((v) => v.start));
      expect(spread, `invocation ${k}: start spread`).toBeLessThan(15_000);
      expect(spread).toBeLessThan(Math.min(...mine.map((v) => v.runtime)) / 10);
    }
    // each client runs after its own load; there is no barrier between the phases: client 3's run
    // starts 5.5 s before client 2's load ends (the phases differ in content, -load vs -t)
    for (let c = 1; c <= 8; c++) {
      const [l, r] = [1, 2].map((k) => invocations.find((v) => v.client === c && v.k === k)!);
      expect(r.start, `client ${c}`).toBeGreaterThan(l.start + l.runtime);
    }
    const loadsEnd = Math.max(...invocations.filter((v) => v.k === 1).map((v) => v.start + v.runtime));
    expect(loadsEnd - Math.min(...invocations.filter((v) => v.k === 2).map((v) => v.start))).toBe(5500);
  });

  it('the inventory: 16 invocations (file#1 load, file#2 run), all ok, with their line ranges; it says which were combined', async () => {
    const { invocations } = derrlTruth();
    const inv = await load(DERRL);
    expectStatuses(inv, new Map(invocations.map((v) => [v.id, 'ok'])));
    for (const k of [1, 2]) {
      const parts = combined(invocations.filter((v) => v.k === k).map((v) => v.id));
      expect(inv.runs.some((r) => runIdentity(r) === parts), `the inventory lists the combination ${parts}`).toBe(true);
    }
    const byId = singleRuns(inv);
    for (const v of invocations) {
      const r = byId.get(v.id)!;
      expect(r.factors.phase, v.id).toBe(v.k === 1 ? 'load' : 'run');
      const range = lineRange(r);
      expect(range, `${v.id}: a line range`).toBeDefined();
      expect(range!.from, v.id).toBeLessThanOrEqual(v.headLine);
      for (const l of v.overall) expect(range!.to, `${v.id}: [OVERALL] at line ${l}`).toBeGreaterThanOrEqual(l);
    }
    for (let c = 1; c <= 8; c++) {
      const [a, b] = [1, 2].map((k) => lineRange(byId.get(invocations.find((v) => v.client === c && v.k === k)!.id)!)!);
      expect(a.to, `client ${c}: the load ends before the run begins`).toBeLessThan(b.from);
    }
  });

  it('the default summary: one group holding one run combined from the 8 clients (throughput adds up)', async () => {
    const { invocations } = derrlTruth();
    const runIds = invocations.filter((v) => v.k === 2).map((v) => v.id);
    const loadIds = invocations.filter((v) => v.k === 1).map((v) => v.id);
    const truth: TruthClass[] = [
      { key: 'run of 8 clients', phase: 'run', ok: [combined(runIds)], notOk: [] },
      { key: 'load of 8 clients', phase: 'load', ok: [combined(loadIds)], notOk: [] },
    ];
    const result = analyze(await load(DERRL));
    expectPartition(result, truth);
    const g = groupOf(result, combined(runIds))!;
    expect(g.n).toBe(1);
    const sum = invocations.filter((v) => v.k === 2).reduce((s, v) => s + v.throughput, 0);
    expect(Math.abs(g.mean - sum)).toBeLessThanOrEqual(1e-9 * sum);
    expectPartition(analyze(await load(DERRL), { includeLoad: true }), truth, ['run', 'load']);
  });
});

// =============================================================================================
// mongodb-naming-trap: the trailing number is a record-count step; no two files are repetitions

const TRAP = path.join(shared, 'ycsb/mongodb-naming-trap');

function trapTruth() {
  const files = walk(TRAP).filter((f) => f !== 'LICENSE');
  const entries = files.map((f) => {
    const t = text(TRAP, f);
    const ops = Object.fromEntries([...t.matchAll(/^\[([A-Z-]+)\], Operations, (\d+)/gm)].map((m) => [m[1], Number(m[2])]));
    const kinds = Object.keys(ops).filter((k) => k !== 'CLEANUP');
    const hasSummary = printedThroughput(t) !== undefined;
    // phase from the content: a summary of inserts only is a load
    const phase = kinds.length === 1 && kinds[0] === 'INSERT' ? ('load' as const) : ('run' as const);
    // outputLoadA2.txt, outputRunB3.txt (letter, then step) and test/output1A.txt (step, then letter)
    const m = /output(?:(Load|Run)([A-F])(\d*)|(\d*)([A-F])?)\.txt$/.exec(f)!;
    const digits = m[3] ?? m[4] ?? '';
    const step = digits === '' ? 1 : Number(digits);
    return { id: f, t, ops, phase, hasSummary, nameSaysLoad: m[1] === 'Load', step, key: `${phase} ${f}` };
  });
  return { files, entries };
}

describe.skipIf(!present)('truth: mongodb-naming-trap (every file its own configuration)', () => {
  it('the data: the trailing number k is the size step (k × 100,000 operations), not a repetition', () => {
    const { files, entries } = trapTruth();
    expect(files.length).toBe(66);
    for (const e of entries) {
      if (!e.hasSummary) continue;
      if (e.id.startsWith('Workload ')) expect(e.phase === 'load', e.id).toBe(e.nameSaysLoad);
      const total = e.phase === 'load' ? e.ops.INSERT : (e.ops.READ ?? 0) + (e.ops.UPDATE ?? 0) + (e.ops.INSERT ?? 0) + (e.ops.SCAN ?? 0);
      // workload F: each read-modify-write is a READ and an UPDATE; its reads alone are the operation count
      const count = e.id.includes('F') && e.phase === 'run' ? e.ops.READ : total;
      expect(count, e.id).toBe(e.step * 100000);
    }
    // test/output.txt is a load by its content (inserts only), whatever its name
    expect(entries.find((e) => e.id === 'test/output.txt')!.phase).toBe('load');
    // test/output1D.txt: one line, the driver's connection message, then nothing
    expect(entries.find((e) => e.id === 'test/output1D.txt')!.t.trim().split('\n')).toEqual(['mongo client connection created with mongodb://localhost:27017/ycsb?w=1']);
  });

  it('the default summary: 34 runs, each alone in its group; nothing pooled', async () => {
    const { entries } = trapTruth();
    const inv = await load(TRAP);
    expectStatuses(inv, new Map(entries.map((e) => [e.id, e.hasSummary ? 'ok' : 'partial'])));
    const truth = classes(entries.map((e) => ({ id: e.id, key: e.key, phase: e.phase, ok: e.hasSummary })));
    const result = analyze(inv);
    // the cut-off test/output1D.txt says nothing of its phase: it may be left out of the groups
    expectPartition(result, truth, ['run'], ['test/output1D.txt']);
    expect(result.groups.filter((g) => g.n > 0).length).toBe(34);
    expectPartition(analyze(inv, { includeLoad: true }), truth, ['run', 'load'], ['test/output1D.txt']);
  });
});

// =============================================================================================
// variants: go-ycsb, YCSB-cpp, YCSB 0.1.4 — no repetitions anywhere

const GO = path.join(shared, 'ycsb/variants/go-ycsb');
const CPP = path.join(shared, 'ycsb/variants/ycsb-cpp');
const OLD = path.join(shared, 'ycsb/variants/ycsb-0.1.4');

function goTruth() {
  const files = walk(GO).filter((f) => f !== 'LICENSE');
  const entries = files.map((f) => {
    const t = text(GO, f);
    const props = /\*+ properties \*+\n([\s\S]*?)\n\*+\n/.exec(t)?.[1];
    const command = props ? /"command"="(\w+)"/.exec(props)?.[1] : undefined;
    return { id: f, props, phase: command === 'load' ? ('load' as const) : ('run' as const), ok: props !== undefined && /^Run finished, takes /m.test(t), usage: props === undefined };
  });
  return { files, entries };
}

describe.skipIf(!present)('truth: go-ycsb (every file its own configuration)', () => {
  it('the data: 120 outputs, 8 loads, 111 runs, 1 usage text; five t32 runs repeat another experiment\'s content', () => {
    const { files, entries } = goTruth();
    expect(files.length).toBe(120);
    expect(entries.filter((e) => e.ok && e.phase === 'load').length).toBe(8);
    expect(entries.filter((e) => e.ok && e.phase === 'run').length).toBe(111);
    expect(entries.filter((e) => e.usage).map((e) => e.id)).toEqual(['pebble-data/initial_tests/pebbledensity-insert-zipf-smalltest-cache512.out']);
    // same properties (but the data folder) in two experiment folders: told apart by the folder only
    const norm = (p: string) => p.split('\n').filter((l) => !l.startsWith('"pebble.dir"')).sort().join('\n');
    const seen = new Map<string, string[]>();
    for (const e of entries.filter((x) => x.props)) seen.set(norm(e.props!), [...(seen.get(norm(e.props!)) ?? []), e.id]);
    const twins = [...seen.values()].filter((l) => l.length > 1);
    expect(twins.length).toBe(5);
    for (const pair of twins) expect(pair.map((p) => p.split('/')[0]).sort()).toEqual(['MultithreadScaling-Async-TestResults', 'WorkloadVsDistribution-Async-TestResults']);
  });

  it('the default summary: 111 groups of one run; the usage text in no group with a run', async () => {
    const { entries } = goTruth();
    const inv = await load(GO);
    expectStatuses(inv, new Map(entries.map((e) => [e.id, e.ok ? 'ok' : 'failed'])));
    const truth = classes(entries.map((e) => ({ id: e.id, key: `${e.phase} ${e.id}`, phase: e.phase, ok: e.ok })));
    const usage = entries.filter((e) => e.usage).map((e) => e.id);
    expectPartition(analyze(inv), truth, ['run'], usage);
    expectPartition(analyze(inv, { includeLoad: true }), truth, ['run', 'load'], usage);
  });
});

describe.skipIf(!present)('truth: YCSB-cpp nohup.out (a complete load, then a run cut off)', () => {
  it('the data: the load summary is complete; the run phase prints only its threads', () => {
    const t = text(CPP, 'nohup.out');
    expect(t).toMatch(/^Load runtime\(sec\): 632\.041$/m);
    expect(t).toMatch(/^Load throughput\(ops\/sec\): 9888\.6$/m);
    const after = t.slice(t.indexOf('starting client threadpool'));
    expect(after).not.toMatch(/ sec: \d+ operations/);
    expect(after).not.toMatch(/^Run /m);
  });

  it('two runs: nohup.out#1 the load (ok), nohup.out#2 the run (partial); the load is not lost', async () => {
    const inv = await load(CPP);
    expectStatuses(inv, new Map([['nohup.out#1', 'ok'], ['nohup.out#2', 'partial']]));
    const byId = singleRuns(inv);
    expect(byId.get('nohup.out#1')!.factors.phase).toBe('load');
    expect(byId.get('nohup.out#1')!.metrics.throughput).toBe(9888.6);
  });
});

describe.skipIf(!present)('truth: YCSB 0.1.4 (four files, four configurations)', () => {
  it('statuses and phases from the content; nothing grouped with anything else', async () => {
    const files = walk(OLD);
    expect(files).toEqual(['aborted-load.dat', 'aborted-result.dat', 'histogram-load.dat', 'usage-only.dat']);
    expect(commandLine(text(OLD, 'aborted-load.dat'))).toMatch(/ -load$/);
    expect(commandLine(text(OLD, 'aborted-result.dat'))).toMatch(/ -t$/);
    expect(commandLine(text(OLD, 'histogram-load.dat'))).toMatch(/ -load$/);
    const inv = await load(OLD);
    expectStatuses(inv, new Map([['aborted-load.dat', 'partial'], ['aborted-result.dat', 'partial'], ['histogram-load.dat', 'ok'], ['usage-only.dat', 'failed']]));
    const truth: TruthClass[] = [
      { key: 'load redis (cut off)', phase: 'load', ok: [], notOk: ['aborted-load.dat'] },
      { key: 'run heterodb (cut off)', phase: 'run', ok: [], notOk: ['aborted-result.dat'] },
      { key: 'load heterodb', phase: 'load', ok: ['histogram-load.dat'], notOk: [] },
      { key: 'usage text', phase: 'run', ok: [], notOk: ['usage-only.dat'] },
    ];
    expectPartition(analyze(inv), truth, ['run'], ['usage-only.dat']);
    expectPartition(analyze(inv, { includeLoad: true }), truth, ['run', 'load'], ['usage-only.dat']);
  });
});

describe.skipIf(!present)('every dataset: every file found is accounted for', () => {
  it.each([STUDY, RPI, OMI, KOW, DERRL, TRAP, GO, CPP, OLD].map((root) => [path.relative(shared, root), root]))('%s', async (_, root) => {
    expectNothingLost(await load(root), walk(root));
  });
});

// =============================================================================================
// Bad input (issue 19): small synthetic cases in a temporary folder

const tmpRoot = mkdtempSync(path.join(tmpdir(), 'ycsb-truth-'));
afterAll(() => rmSync(tmpRoot, { recursive: true, force: true }));
let tmpCount = 0;
function campaign(files: Record<string, string>): string {
  const dir = path.join(tmpRoot, `case${++tmpCount}`);
  for (const [rel, body] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), body);
  }
  return dir;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
function stamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}:${pad(d.getUTCMilliseconds(), 3)}`;
}

/** A YCSB 0.17 run output (header, status lines every 10 s, summary), or cut off after its 10 s line. */
function ycsb(o: { start: number; args: string; ops: number; seconds: number; cut?: boolean; java?: boolean }): string {
  const load = / -load$/.test(o.args);
  const kinds = load ? ['INSERT'] : ['READ', 'UPDATE'];
  const out: string[] = [];
  if (o.java) out.push(`/usr/bin/java -cp /opt/ycsb/conf:/opt/ycsb/lib/core-0.17.0.jar site.ycsb.Client ${o.args}`);
  out.push(`Command line: ${o.args}`, 'YCSB Client 0.17.0', '', 'Loading workload...', 'Starting test.');
  out.push(`${stamp(o.start)} 0 sec: 0 operations; est completion in 0 second `);
  const rate = o.ops / o.seconds;
  for (let s = 10; s < o.seconds; s += 10) {
    const done = Math.round(rate * s);
    const sections = kinds.map((k) => `[${k}: Count=${Math.round((rate * 10) / kinds.length)}, Max=9000, Min=150, Avg=${(1e6 / rate).toFixed(2)}, 90=900, 99=3000, 99.9=7000, 99.99=9000]`);
    out.push(`${stamp(o.start + s * 1000)} ${s} sec: ${done} operations; ${rate.toFixed(1)} current ops/sec; est completion in ${Math.round(o.seconds - s)} seconds ${sections.join(' ')} `);
    if (o.cut) return out.join('\n') + '\n';
  }
  const ms = o.seconds * 1000;
  out.push(`${stamp(o.start + ms)} ${o.seconds} sec: ${o.ops} operations; ${rate.toFixed(1)} current ops/sec; [CLEANUP: Count=1, Max=2000, Min=2000, Avg=2000, 90=2000, 99=2000, 99.9=2000, 99.99=2000] `);
  out.push(`[OVERALL], RunTime(ms), ${ms}`, `[OVERALL], Throughput(ops/sec), ${(o.ops * 1000) / ms}`);
  out.push('[TOTAL_GCs], Count, 4', '[TOTAL_GC_TIME], Time(ms), 40', '[TOTAL_GC_TIME_%], Time(%), 0.1');
  for (const k of kinds) {
    const n = Math.round(o.ops / kinds.length);
    out.push(`[${k}], Operations, ${n}`, `[${k}], AverageLatency(us), ${(1e6 / rate).toFixed(3)}`, `[${k}], MinLatency(us), 150`, `[${k}], MaxLatency(us), 9000`);
    out.push(`[${k}], 95thPercentileLatency(us), 2000`, `[${k}], 99thPercentileLatency(us), 3000`, `[${k}], Return=OK, ${n}`);
  }
  return out.join('\n') + '\n';
}

const T0 = Date.UTC(2024, 4, 27, 17, 27, 29, 120);
const ARGS = '-db site.ycsb.db.RedisClient -s -threads 8 -P workloads/workloada -p redis.host=10.0.0.5 -p recordcount=10000 -p operationcount=20000 -t';

describe('bad input: merge-conflict files', () => {
  it('a file with merge-conflict markers is rejected, the marker line named, and it counts in no group', async () => {
    const a = ycsb({ start: T0, args: ARGS, ops: 20000, seconds: 30 }).split('\n');
    const b = ycsb({ start: T0 + 3600_000, args: ARGS, ops: 20000, seconds: 40 }).split('\n');
    const at = a.findIndex((l) => l.startsWith('[OVERALL]')); // the conflict begins with the summaries
    const conflicted = [...a.slice(0, at), '<<<<<<< HEAD', ...a.slice(at, -1), '=======', ...b.slice(b.findIndex((l) => l.startsWith('[OVERALL]')), -1), '>>>>>>> results-node2', ''].join('\n');
    const markerLine = at + 1;
    const dir = campaign({ 'redis/run1.txt': ycsb({ start: T0 - 7200_000, args: ARGS, ops: 20000, seconds: 30 }), 'redis/run2.txt': conflicted });
    const inv = await loadRuns([dir]);
    const r = inv.runs.find((x) => x.file === 'redis/run2.txt');
    expect(r, 'the conflicted file is in the inventory').toBeDefined();
    expect(r!.status).not.toBe('ok');
    expect(r!.status).not.toBe('duplicate');
    const d = r!.diagnostics.find((x) => x.severity === 'error' && /merge|conflict/i.test(x.message));
    expect(d, 'an error naming the merge conflict').toBeDefined();
    expect(d!.line === markerLine || d!.message.includes(`line ${markerLine}`), `the line of <<<<<<< (${markerLine}) is named: ${JSON.stringify(d)}`).toBe(true);
    const result = analyze(inv);
    expect(result.groups.flatMap((g) => groupMembers(g).runs)).toEqual(['redis/run1.txt']);
  });
});

describe('bad input: empty files', () => {
  it('empty files have the status empty, never duplicate of one another', async () => {
    const dir = campaign({ 'a/run1.txt': '', 'a/run2.txt': '', 'a/run3.txt': ycsb({ start: T0, args: ARGS, ops: 20000, seconds: 30 }) });
    const inv = await loadRuns([dir]);
    const status = Object.fromEntries(inv.runs.map((r) => [r.file, [r.status as string, r.duplicateOf]]));
    expect(status).toEqual({ 'a/run1.txt': ['empty', undefined], 'a/run2.txt': ['empty', undefined], 'a/run3.txt': ['ok', undefined] });
  });
});

describe('bad input: byte-identical files', () => {
  it('of several identical files, the one whose path carries the most factors is kept', async () => {
    const body = ycsb({ start: T0, args: ARGS, ops: 20000, seconds: 30 });
    const other = ycsb({ start: T0 + 600_000, args: ARGS, ops: 20000, seconds: 31 });
    const dir = campaign({ 'redis/rf3/tc8/run1.txt': body, 'redis/rf3/tc8/run2.txt': other, 'run1.txt': body });
    const inv = await loadRuns([dir]);
    const byFile = new Map(inv.runs.map((r) => [r.file, r]));
    expect(byFile.get('redis/rf3/tc8/run1.txt')!.status).toBe('ok');
    expect(byFile.get('run1.txt')!.status).toBe('duplicate');
    expect(byFile.get('run1.txt')!.duplicateOf).toBe('redis/rf3/tc8/run1.txt');
  });
});

describe('bad input: appended runs', () => {
  const noise = ['', '+ sleep 60', "[WARN]  Running against a source checkout. In order to get our runtime dependencies we'll have to invoke Maven.", ''];
  function appended(cutLast: boolean): { body: string; heads: number[]; overall: number[][] } {
    const parts = [0, 1, 2].map((k) => ycsb({ start: T0 + k * 900_000, args: ARGS, ops: 20000, seconds: 30 + k, cut: cutLast && k === 2, java: true }).trimEnd().split('\n'));
    const lines: string[] = [];
    const heads: number[] = [];
    const overall: number[][] = [];
    parts.forEach((p, k) => {
      if (k > 0) lines.push(...noise);
      heads.push(lines.length + 2); // the Command line: follows the java line
      overall.push(p.flatMap((l, i) => (l.startsWith('[OVERALL]') ? [lines.length + i + 1] : [])));
      lines.push(...p);
    });
    return { body: lines.join('\n') + '\n', heads, overall };
  }

  it('3 runs appended in one file are 3 runs, file#1..3, with their line ranges; shell noise is no run', async () => {
    const { body, heads, overall } = appended(false);
    const dir = campaign({ 'redis/tc8/results.txt': body });
    const inv = await loadRuns([dir]);
    const ids = [1, 2, 3].map((k) => `redis/tc8/results.txt#${k}`);
    expectStatuses(inv, new Map(ids.map((id) => [id, 'ok'])));
    const byId = singleRuns(inv);
    let prevTo = 0;
    ids.forEach((id, k) => {
      const r = lineRange(byId.get(id)!);
      expect(r, `${id}: a line range`).toBeDefined();
      expect(r!.from, id).toBeGreaterThan(prevTo);
      expect(r!.from, id).toBeLessThanOrEqual(heads[k]);
      expect(r!.to, id).toBeGreaterThanOrEqual(Math.max(...overall[k]));
      prevTo = r!.to;
    });
    const result = analyze(inv);
    expectPartition(result, [{ key: 'redis tc8', phase: 'run', ok: ids, notOk: [] }]);
    expect(result.groups[0].n).toBe(3);
  });

  it('appended runs whose last one is cut off: the others ok, the last partial, nothing lost', async () => {
    const { body } = appended(true);
    const dir = campaign({ 'redis/tc8/results.txt': body });
    const inv = await loadRuns([dir]);
    const ids = [1, 2, 3].map((k) => `redis/tc8/results.txt#${k}`);
    expectStatuses(inv, new Map([[ids[0], 'ok'], [ids[1], 'ok'], [ids[2], 'partial']]));
    const result = analyze(inv);
    expectPartition(result, [{ key: 'redis tc8', phase: 'run', ok: ids.slice(0, 2), notOk: [ids[2]] }]);
  });
});

describe('bad input: client files', () => {
  const client = (i: number, k: number, start: number) =>
    ycsb({ start, args: `-db site.ycsb.db.RedisClient -s -threads 16 -P workloads/workloada -p redis.host=server${i} -p recordcount=40000 -p operationcount=20000 -p insertstart=${(i - 1) * (40000 / k)} -p insertcount=${40000 / k} -t`, ops: 20000, seconds: 40 + i });

  it('client files started together are one run: combined, throughput summed', async () => {
    const dir = campaign({ 'exp/client1': client(1, 3, T0), 'exp/client2': client(2, 3, T0 + 800), 'exp/client3': client(3, 3, T0 + 2100) });
    const result = analyze(await loadRuns([dir]));
    const id = combined(['exp/client1', 'exp/client2', 'exp/client3']);
    expectPartition(result, [{ key: 'run of 3 clients', phase: 'run', ok: [id], notOk: [] }]);
    const sum = [1, 2, 3].reduce((s, i) => s + 20000 / (40 + i), 0);
    expect(Math.abs(groupOf(result, id)!.mean - sum)).toBeLessThanOrEqual(1e-9 * sum);
  });

  it('client files whose start times do not overlap are not combined, and the reason is given', async () => {
    const dir = campaign({ 'exp/client1': client(1, 2, T0), 'exp/client2': client(2, 2, T0 + 2 * 3600_000) });
    const inv = await loadRuns([dir]);
    const result = analyze(inv);
    // not one run, and not two repetitions of one configuration either: each did half the work
    for (const g of result.groups) {
      const m = groupMembers(g);
      const ids = [...m.runs, ...m.failed].flatMap((x) => x.split(' + '));
      expect(ids.includes('exp/client1') && ids.includes('exp/client2'), `group ${g.key} holds both clients`).toBe(false);
    }
    // both files are in the inventory, and something says why they were not combined
    expect(inv.runs.map((r) => r.file).sort()).toEqual(['exp/client1', 'exp/client2']);
    const said = [...inv.runs.flatMap((r) => r.diagnostics.map((d) => d.message)), ...result.warnings].filter((m) => /overlap|start time|started/i.test(m));
    expect(said.length, 'a reason mentioning the start times').toBeGreaterThan(0);
  });
});
