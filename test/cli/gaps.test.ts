/**
 * `analyze gaps` on the study's data: a copy of lucas-fs YCSB-outputs with some files removed must
 * list exactly those plus the two failed Citus runs (read from ../shared, skipped when absent).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GapReport } from '../../src/analysis/gaps.js';
import { cli, FAILED, holedCopy, present, REMOVED } from '../../fixtures/exec/cli.js';

describe.skipIf(!present)('analyze gaps on the study (lucas-fs) with files removed', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'gaps-study-'));
    holedCopy(root);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('--json lists exactly the removed repetitions, the removed load and the two failed Citus runs; exit 3', async () => {
    const r = await cli(['gaps', 'YCSB-outputs', '--reps', '30', '--json'], root);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(3);
    const report = JSON.parse(r.stdout) as GapReport;
    expect(report.design.configurations).toBe(36);
    // Rebuild each missing file's name from the configuration and rep the report gives.
    const missingNames = report.configurations.flatMap((c) =>
      c.missing.map(
        (rep) =>
          `${c.factors.db}-exec-${c.factors.nodes}-${c.factors.recordcount}-${c.factors.workload}-${rep}-rf_${c.factors.rf}${c.factors.bs ? `-bs_${c.factors.bs}-fs_${c.factors.fs}` : ''}.txt`,
      ),
    );
    expect(missingNames.sort()).toEqual([...REMOVED].sort());
    expect(report.configurations.flatMap((c) => c.failed.map((f) => f.file)).sort()).toEqual(FAILED);
    expect(report.configurations.flatMap((c) => c.failed.map((f) => f.reason))).toEqual([
      expect.stringContaining('PSQLException'),
      expect.stringContaining('PSQLException'),
    ]);
    expect(report.loads.filter((l) => l.status !== 'ok').map((l) => l.clusterKey)).toEqual(['db=hbase,nodes=15,recordcount=1000000,rf=2']);
    expect(report.totals).toMatchObject({ missing: 6, failed: 2, duplicates: 0, loadsMissing: 1, toRun: 9 });
    expect(report.unexpected).toEqual([]);
  });

  it('text: the one-line total first, then each configuration with holes', async () => {
    const r = await cli(['gaps', 'YCSB-outputs', '--reps', '30'], root);
    expect(r.code).toBe(3);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('gaps: 7 of 36 configurations incomplete, 6 missing, 2 failed, 0 duplicated, 1 load missing, 9 runs to fill');
    expect(lines).toContain('db=cassandra,nodes=15,recordcount=1000000,rf=2,workload=b: 28/30 usable');
    expect(lines).toContain('  missing reps: 7-8');
    expect(lines).toContain('db=hbase,nodes=15,recordcount=1000000,rf=2: load output missing');
    expect(r.stdout).toContain(
      '  failed rep 6: citus-exec-14-1000000-c-6-rf_1-bs_7000-fs_3000.txt: line 67: the run did no useful work',
    );
  });

  it('--target-ci asks for the extra repetitions the statistics need', async () => {
    const r = await cli(['gaps', 'YCSB-outputs', '--reps', '30', '--target-ci', '1%', '--json'], root);
    const report = JSON.parse(r.stdout) as GapReport;
    const withCi = report.configurations.filter((c) => c.ci);
    expect(withCi).toHaveLength(36);
    const c = report.configurations.find((x) => x.key === 'db=citus,bs=7000,fs=3000,nodes=14,recordcount=1000000,rf=1,workload=c')!;
    // The failed run is not part of the statistics: 29 usable runs.
    expect(c.ci!.n).toBe(29);
    expect(report.totals.ciExtra).toBe(report.configurations.reduce((s, x) => s + x.toRun.filter((t) => t.reason === 'ci-target').length, 0));
  });
});

describe('analyze gaps on small campaigns', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'gaps-small-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  // Distinct contents: byte-identical files would be duplicates of one another.
  const ok = (wl: string, n: number) => {
    const ops = 10000 + n;
    return `Command line: -db site.ycsb.db.CassandraCQLClient -s -P workloads/workload${wl} -p recordcount=1000000 -t\n[OVERALL], RunTime(ms), 20000\n[OVERALL], Throughput(ops/sec), ${ops / 20}\n[READ], Operations, ${ops}\n[READ], AverageLatency(us), 1500.5\n[READ], Return=OK, ${ops}\n`;
  };

  it('exit 0 and a one-line total when complete (golden)', async () => {
    const dir = join(root, 'complete');
    mkdirSync(dir);
    for (let rep = 1; rep <= 3; rep++) for (const rf of [1, 2]) writeFileSync(join(dir, `cassandra-exec-15-1000000-c-${rep}-rf_${rf}.txt`), ok('c', rep * 10 + rf));
    const r = await cli(['gaps', 'complete'], root);
    expect(r).toEqual({ code: 0, stdout: 'complete: 2 configurations × 3 repetitions\n', stderr: '' });
  });

  it('--reps larger than seen: every configuration lacks the rest (golden)', async () => {
    const r = await cli(['gaps', 'complete', '--reps', '4'], root);
    expect(r).toEqual({
      code: 3,
      stdout: [
        'gaps: 2 of 2 configurations incomplete, 2 missing, 0 failed, 0 duplicated, 2 runs to fill',
        'db=cassandra,nodes=15,recordcount=1000000,rf=1,workload=c: 3/4 usable',
        '  missing reps: 4',
        'db=cassandra,nodes=15,recordcount=1000000,rf=2,workload=c: 3/4 usable',
        '  missing reps: 4',
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it('an experiment file with a wrong key: exit 1, the key path and what was expected', async () => {
    writeFileSync(join(root, 'bad.yaml'), 'version: 1\nrepetitions: 3\ndatabases:\n  cassandra:\n    factors: { nodes: [15] }\n    manifests: x.yaml\n');
    const r = await cli(['gaps', 'complete', '--experiment', 'bad.yaml'], root);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'analyze: bad.yaml: invalid experiment file:\n  databases.cassandra.manifests: unknown key (expected one of: factors, params, statefulset, manifest, label, replicas, rebuildAlso, apply, ready, readyPod, host, load, run, remoteOutput, output) (line 6)\n',
    );
  });

  it('a folder that does not exist: one line without --experiment; with one, a campaign not run yet (everything missing)', async () => {
    const alone = await cli(['gaps', 'not-run-yet'], root);
    expect(alone).toEqual({ code: 1, stdout: '', stderr: 'analyze: not-run-yet: no such file or folder\n' });
    writeFileSync(join(root, 'plan.yaml'), 'version: 1\nrepetitions: 2\nfactors:\n  workload: [c]\n  rf: [1]\ndatabases:\n  cassandra:\n    factors: { nodes: [15] }\n');
    const r = await cli(['gaps', 'not-run-yet', '--experiment', 'plan.yaml'], root);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('analyze: not-run-yet: no such file or folder\n');
    expect(r.stdout).toMatch(/^gaps: 1 of 1 configurations incomplete, 2 missing/);
  });

  it('a bad --reps is a usage error', async () => {
    const r = await cli(['gaps', 'complete', '--reps', 'x'], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('analyze: --reps x: expected a whole number ≥ 1, found "x"\n');
  });
});
