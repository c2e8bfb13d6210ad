/**
 * `analyze fill`: the plan on the study's data (each affected cluster configuration rebuilt once,
 * exactly the missing repetitions, campaign names), golden plan text, and --execute end to end
 * against the fake kubectl (fixtures/exec/fake-kubectl.mjs) put first on PATH.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecPlan } from '../../src/exec/adapters.js';
import { cli, FAILED, holedCopy, installFakeKubectl, REMOVED, REMOVED_LOAD, study } from '../../fixtures/exec/cli.js';

describe.skipIf(!existsSync(study))('analyze fill on the study (lucas-fs) with files removed', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'fill-study-'));
    holedCopy(root);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('plans one rebuild per affected cluster configuration and exactly the missing repetitions', async () => {
    const r = await cli(['fill', 'YCSB-outputs', '--reps', '30', '--context', 'rpicloud', '--plan-out', 'plan.json'], root);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(3);
    const plan = JSON.parse(readFileSync(join(root, 'plan.json'), 'utf8')) as ExecPlan;
    expect(plan.schema).toBe('ycsb-analyze/fill-plan@1');
    expect(plan.kube).toEqual({ context: 'rpicloud' });
    const keys = plan.groups.map((g) => g.key);
    expect(keys).toEqual([
      'db=cassandra,nodes=15,recordcount=1000000,rf=2',
      'db=citus,bs=7000,fs=3000,nodes=14,recordcount=1000000,rf=1',
      'db=citus,bs=7000,fs=3000,nodes=14,recordcount=1000000,rf=2',
      'db=citus,bs=7000,fs=3000,nodes=14,recordcount=1000000,rf=3',
      'db=hbase,nodes=15,recordcount=1000000,rf=1',
      'db=hbase,nodes=15,recordcount=1000000,rf=2',
      'db=hbase,nodes=15,recordcount=1000000,rf=3',
    ]);
    for (const g of plan.groups) {
      expect(g.steps.filter((s) => s.kind === 'teardown')).toHaveLength(1);
      expect(g.steps.filter((s) => s.kind === 'deploy')).toHaveLength(1);
    }
    const outputs = plan.groups.flatMap((g) => g.steps.filter((s) => s.kind === 'run').map((s) => s.output));
    // The removed files by their own names; each failed Citus run replaced by rep 31 (the failed file is kept).
    expect(outputs.sort()).toEqual(
      [...REMOVED, 'citus-exec-14-1000000-c-31-rf_1-bs_7000-fs_3000.txt', 'citus-exec-14-1000000-d-31-rf_2-bs_7000-fs_3000.txt'].sort(),
    );
    const replaced = plan.groups.flatMap((g) => g.steps.filter((s) => s.replaces).map((s) => s.replaces));
    expect(replaced.sort()).toEqual(FAILED);
    // Loads: re-done after each rebuild; only the removed one is placed in the campaign.
    expect(plan.groups.flatMap((g) => g.steps.filter((s) => s.kind === 'load' && s.output).map((s) => s.output))).toEqual([REMOVED_LOAD]);
    // The printout has the same commands.
    expect(r.stdout).toContain('kubectl --context rpicloud exec ycsb-benchmark -- /scripts/cassandra_run.sh cassandra-0.cassandra.default.svc.cluster.local b 1000000 15 7 2\n');
    expect(r.stdout).toContain('kubectl --context rpicloud exec ycsb-benchmark -- /scripts/hbase_run.sh d 1000000 3 30\n');
    expect(r.stdout.match(/ delete statefulset /g)).toHaveLength(7);
  });
});

describe('analyze fill with a fake kubectl', () => {
  let root: string;
  let env: Record<string, string | undefined>;
  const ycsb = (n: number) =>
    `Command line: -db site.ycsb.db.CassandraCQLClient -s -P workloads/workloada -p recordcount=1000000 -t\n[OVERALL], RunTime(ms), 20000\n[OVERALL], Throughput(ops/sec), ${(10000 + n) / 20}\n[READ], Operations, ${10000 + n}\n[READ], AverageLatency(us), 1500.5\n[READ], Return=OK, ${10000 + n}\n`;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'fill-cli-'));
    env = installFakeKubectl(root);
    writeFileSync(join(root, 'scenario.json'), JSON.stringify({ context: 'rpicloud' }));
    // Cassandra, workload a, rf 1: reps 1, 2 and 4 of 4 (rep 3 missing), and the load output.
    mkdirSync(join(root, 'campaign'));
    for (const rep of [1, 2, 4]) writeFileSync(join(root, 'campaign', `cassandra-exec-15-1000000-a-${rep}-rf_1.txt`), ycsb(rep));
    writeFileSync(join(root, 'campaign', 'cassandra-load-15-1000000-a-1-rf_1.txt'), ycsb(99).replace('workloada -p', 'workloada -load -p'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('prints the plan (golden) and runs nothing without --execute', async () => {
    const r = await cli(['fill', 'campaign', '--context', 'rpicloud'], root, env);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        '# fill plan (ycsb-analyze/fill-plan@1): 1 runs in 1 cluster configurations, 5 steps, adapter kubectl-exec, order sequential',
        '# kubectl context: rpicloud',
        '# nothing has run: add --execute to run these steps',
        '',
        '## db=cassandra,nodes=15,recordcount=1000000,rf=1',
        '# teardown: tear down cassandra and its volumes',
        'kubectl --context rpicloud delete statefulset cassandra --cascade=foreground --ignore-not-found --wait=true --timeout=900s',
        'kubectl --context rpicloud delete pvc -l app=cassandra --ignore-not-found --wait=true --timeout=900s',
        '# deploy: deploy cassandra with 15 replicas',
        'kubectl --context rpicloud create -f cassandra/cassandra-statefulset.yaml',
        'kubectl --context rpicloud scale statefulset cassandra --replicas=15',
        '# ready: wait until cassandra is ready',
        'kubectl --context rpicloud rollout status statefulset/cassandra --timeout=1800s',
        'kubectl --context rpicloud exec cassandra-0 -- nodetool status   # until every one of 15 nodes is UN',
        '# load: load 1000000 records (workload a)',
        'kubectl --context rpicloud exec ycsb-benchmark -- /scripts/cassandra_load.sh cassandra-0.cassandra.default.svc.cluster.local a 1000000 15 1',
        'kubectl --context rpicloud cp ycsb-benchmark:/ycsb_outputs/out-load-15-1000000-rf1-a.txt campaign/.analyze-fill/staging/cassandra-load-15-1000000-a-1-rf_1.txt',
        '#   -> campaign/.analyze-fill/loads/cassandra-load-15-1000000-a-1-rf_1.txt (the campaign already has its load output)',
        '# run: run workload=a rep=3',
        'kubectl --context rpicloud exec ycsb-benchmark -- /scripts/cassandra_run.sh cassandra-0.cassandra.default.svc.cluster.local a 1000000 15 3 1',
        'kubectl --context rpicloud cp ycsb-benchmark:/ycsb_outputs/out-15-1000000-rf1-a-3.txt campaign/.analyze-fill/staging/cassandra-exec-15-1000000-a-3-rf_1.txt',
        '#   -> cassandra-exec-15-1000000-a-3-rf_1.txt',
        '',
      ].join('\n'),
    );
    expect(existsSync(join(root, 'calls.jsonl'))).toBe(false);
  });

  it('--execute refuses a plan that names no context, and another context', async () => {
    const none = await cli(['fill', 'campaign', '--execute'], root, env);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/^analyze: the plan names no kubectl context: give --context NAME/);
    const other = await cli(['fill', 'campaign', '--execute', '--context', 'lab'], root, env);
    expect(other.code).toBe(1);
    expect(other.stderr).toBe(
      'analyze: the current kubectl context is "rpicloud" but the plan names "lab"; refusing to execute (switch with `kubectl config use-context lab`)\n',
    );
    expect(readFileSync(join(root, 'calls.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l))).toEqual([
      ['config', 'current-context'],
    ]);
  });

  it('--execute fills the hole, then the campaign is complete and a second fill has nothing to do', async () => {
    const r = await cli(['fill', 'campaign', '--execute', '--context', 'rpicloud', '--backoff', '0'], root, env);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('placed 1 outputs, skipped 0 steps already done, 0 failed\n  placed cassandra-exec-15-1000000-a-3-rf_1.txt\n');
    expect(r.stderr.split('\n')[0]).toMatch(/^\[1\/5\] teardown: tear down cassandra and its volumes \(db=cassandra,nodes=15,recordcount=1000000,rf=1\) · reps 0\/1 · elapsed \d:\d\d:\d\d · ETA \?$/);
    expect(readFileSync(join(root, 'campaign', 'cassandra-load-15-1000000-a-1-rf_1.txt'), 'utf8')).toBe(ycsb(99).replace('workloada -p', 'workloada -load -p'));
    const gaps = await cli(['gaps', 'campaign'], root, env);
    expect(gaps).toEqual({ code: 0, stdout: 'complete: 1 configurations × 4 repetitions\n', stderr: '' });
    const again = await cli(['fill', 'campaign', '--execute', '--context', 'rpicloud'], root, env);
    expect(again).toEqual({ code: 0, stdout: 'nothing to fill: the campaign is complete\n', stderr: '' });
  });

  it('--plan runs a saved plan; --adapter kubectl-job creates and waits for a Job per repetition', async () => {
    rmSync(join(root, 'campaign', 'cassandra-exec-15-1000000-a-2-rf_1.txt'));
    const planned = await cli(['fill', 'campaign', '--context', 'rpicloud', '--adapter', 'kubectl-job', '--plan-out', 'job-plan.json', '--json'], root, env);
    expect(planned.code).toBe(3);
    const plan = JSON.parse(planned.stdout) as ExecPlan;
    expect(JSON.parse(readFileSync(join(root, 'job-plan.json'), 'utf8'))).toEqual(plan);
    const before = readFileSync(join(root, 'calls.jsonl'), 'utf8').trim().split('\n').length;
    const r = await cli(['fill', '--plan', 'job-plan.json', '--execute', '--backoff', '0'], root, env);
    expect(r.stderr).not.toContain('FAILED');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('placed cassandra-exec-15-1000000-a-2-rf_1.txt');
    const calls = readFileSync(join(root, 'calls.jsonl'), 'utf8').trim().split('\n').slice(before).map((l) => JSON.parse(l) as string[]);
    const jobCalls = calls.filter((c) => c.includes('job') || c.some((a) => a.startsWith('job/') || a.includes('/jobs/')));
    expect(jobCalls.map((c) => c[2])).toEqual(['delete', 'create', 'wait', 'logs']);
    expect(calls.find((c) => c[2] === 'wait')).toContain('--for=condition=complete');
    expect(readdirSync(join(root, 'campaign', '.analyze-fill', 'jobs'))).toHaveLength(1);
  });
});
