import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { designFromRuns, inferNaming } from '../../src/analysis/design.js';
import { parseExperiment } from '../../src/ingest/experiment.js';
import { findGaps } from '../../src/analysis/gaps.js';
import { planFill, randomKey } from '../../src/analysis/plan.js';
import { AdapterError, formatPlan, materialize } from '../../src/exec/adapters.js';
import { studyCampaign } from '../../fixtures/exec/runs.js';

function campaignWithHoles() {
  let runs = studyCampaign(['cassandra', 'citus'], ['a', 'b'], 4);
  runs = runs.filter(
    (r) =>
      ![
        'cassandra-exec-15-1000000-a-2-rf_1.txt',
        'cassandra-exec-15-1000000-b-4-rf_1.txt',
        'citus-exec-14-1000000-b-1-rf_3-bs_7000-fs_3000.txt',
      ].includes(r.file),
  );
  runs = runs.map((r) => (r.file === 'citus-exec-14-1000000-a-3-rf_2-bs_7000-fs_3000.txt' ? { ...r, status: 'failed' as const } : r));
  return runs;
}

describe('planFill', () => {
  const runs = campaignWithHoles();
  const report = findGaps(runs, designFromRuns(runs));
  const core = planFill(report, inferNaming(runs), { order: 'sequential' });

  it('groups by cluster configuration, one group per configuration with holes', () => {
    expect(core.errors).toEqual([]);
    expect(core.groups.map((g) => g.key)).toEqual([
      'db=cassandra,nodes=15,recordcount=1000000,rf=1',
      'db=citus,bs=7000,fs=3000,nodes=14,recordcount=1000000,rf=2',
      'db=citus,bs=7000,fs=3000,nodes=14,recordcount=1000000,rf=3',
    ]);
    expect(core.groups[0].runs.map((r) => r.output)).toEqual(['cassandra-exec-15-1000000-a-2-rf_1.txt', 'cassandra-exec-15-1000000-b-4-rf_1.txt']);
    expect(core.groups[1].runs.map((r) => [r.output, r.reason])).toEqual([['citus-exec-14-1000000-a-5-rf_2-bs_7000-fs_3000.txt', 'replaces-failed']]);
    // The load output exists: it is re-done (the cluster is new) but not placed in the campaign.
    expect(core.groups[0].load).toEqual({
      factors: { db: 'cassandra', nodes: '15', recordcount: '1000000', rf: '1', workload: 'a' },
      name: 'cassandra-load-15-1000000-a-1-rf_1.txt',
    });
  });

  it('randomizes within a group reproducibly with a seed', () => {
    const many = studyCampaign(['cassandra'], ['a', 'b', 'c'], 2);
    const r = findGaps(many, designFromRuns(many, 6));
    const a = planFill(r, inferNaming(many), { order: 'randomized', seed: 7 });
    const b = planFill(r, inferNaming(many), { order: 'randomized', seed: 7 });
    const c = planFill(r, inferNaming(many), { order: 'randomized', seed: 8 });
    const ids = (p: typeof a) => p.groups.flatMap((g) => g.runs.map((x) => x.id));
    expect(ids(a)).toEqual(ids(b));
    expect(ids(a)).not.toEqual(ids(c));
    expect([...ids(a)].sort()).toEqual([...ids(planFill(r, inferNaming(many), { order: 'sequential' }))].sort());
  });

  it('refuses a factor value that would make a bad file name or argument', () => {
    const bad = studyCampaign(['cassandra'], ['a'], 2).map((r) =>
      r.factors.rf === '1' && r.factors.phase === 'run' ? { ...r, factors: { ...r.factors, workload: 'a;rm -rf' }, origin: { ...r.origin, fromName: { ...r.origin.fromName, workload: 'a;rm -rf' } } } : r,
    );
    const c = planFill(findGaps(bad, designFromRuns(bad, 3)), inferNaming(bad), { order: 'sequential' });
    expect(c.errors).toContain(
      `factor workload: value "a;rm -rf" cannot be used in a file name or a command argument (expected letters, digits, '.', '_' or '-', not starting with '.' or '-', at most 100 characters)`,
    );
    expect(c.groups.flatMap((g) => g.runs).some((r) => r.factors.workload === 'a;rm -rf')).toBe(false);
  });

  it('randomKey orders items at random, the same for a seed whatever else is in the list', () => {
    const xs = Array.from({ length: 50 }, (_, i) => `g${i}`);
    const order = (items: string[], seed: number) => [...items].sort((a, b) => randomKey(seed, a) - randomKey(seed, b));
    const s = order(xs, 3);
    expect(s).not.toEqual(xs);
    expect(new Set(s).size).toBe(50);
    expect(order(xs, 4)).not.toEqual(s);
    // Removing items (groups done) leaves the others in the same relative order.
    const left = xs.filter((_, i) => i % 3 !== 0);
    expect(order(left, 3)).toEqual(s.filter((x) => left.includes(x)));
  });
});

describe('materialize (kubectl-exec)', () => {
  const runs = campaignWithHoles();
  const report = findGaps(runs, designFromRuns(runs));
  const core = planFill(report, inferNaming(runs), { order: 'sequential' });
  const plan = materialize(core, { adapter: 'kubectl-exec', campaign: 'out', retries: 2, context: 'rpicloud', namespace: 'default' });
  const k = ['kubectl', '--context', 'rpicloud', '--namespace', 'default'];

  it('reproduces the study’s procedure as argv arrays, the scripts’ argument orders', () => {
    const g = plan.groups[0];
    expect(g.steps.map((s) => s.kind)).toEqual(['teardown', 'deploy', 'ready', 'load', 'run', 'run']);
    expect(g.steps[0].commands.map((c) => c.argv)).toEqual([
      [...k, 'delete', 'statefulset', 'cassandra', '--cascade=foreground', '--ignore-not-found', '--wait=true', '--timeout=900s'],
      [...k, 'delete', 'pvc', '-l', 'app=cassandra', '--ignore-not-found', '--wait=true', '--timeout=900s'],
    ]);
    expect(g.steps[1].commands.map((c) => c.argv)).toEqual([
      [...k, 'create', '-f', 'cassandra/cassandra-statefulset.yaml'],
      [...k, 'scale', 'statefulset', 'cassandra', '--replicas=15'],
    ]);
    expect(g.steps[2].commands[1]).toEqual({ argv: [...k, 'exec', 'cassandra-0', '--', 'nodetool', 'status'], expect: { kind: 'nodetool-up', nodes: 15 } });
    // cassandra_load.sh <seed-host> <workload> <recordcount> <nodes> <rf>, under `timeout` in its own process group.
    const load = g.steps[3].commands[0];
    expect(load.argv.slice(0, k.length + 3)).toEqual([...k, 'exec', 'ycsb-benchmark', '--']);
    expect(load.argv.slice(k.length + 3, k.length + 5)).toEqual(['sh', '-c']);
    expect(load.argv.slice(-6)).toEqual(['/scripts/cassandra_load.sh', 'cassandra-0.cassandra.default.svc.cluster.local', 'a', '1000000', '15', '1']);
    expect(load.once).toBe(true);
    expect(g.steps[3].output).toBeUndefined();
    const run = g.steps[4];
    expect(run.commands[0].argv.slice(-7)).toEqual(['/scripts/cassandra_run.sh', 'cassandra-0.cassandra.default.svc.cluster.local', 'a', '1000000', '15', '2', '1']);
    // The in-pod limit: the run step's 3600 s less the kill grace (30 s) and a margin (30 s).
    expect(run.commands[0].argv[run.commands[0].podTimeout!.seconds]).toBe('3540');
    expect(run.commands[0].argv[run.commands[0].podTimeout!.killAfter]).toBe('30');
    // The output is what appears in the folder; the name the scripts write is only expected.
    expect(run.fetch).toEqual({ dir: '/ycsb_outputs', expected: 'cassandra-15-1000000-rf1-a-2.txt', via: { kind: 'pod', pod: 'ycsb-benchmark' } });
    expect(run.stop![0].argv.slice(k.length, k.length + 5)).toEqual(['exec', 'ycsb-benchmark', '--', 'sh', '-c']);
    expect(run.output).toBe('cassandra-exec-15-1000000-a-2-rf_1.txt');
    expect(run.configuration).toEqual({ phase: 'run', key: 'db=cassandra,nodes=15,recordcount=1000000,rf=1,workload=a', clusterKey: g.key, factors: run.factors });
    const citus = plan.groups[1].steps.find((s) => s.kind === 'run')!;
    expect(citus.commands[0].argv.slice(-10)).toEqual(['/scripts/citus_run.sh', 'citus-coordinator', 'a', '1000000', '14', '5', '2', '7000', '3000', 'off']);
    expect(citus.fetch!.expected).toBe('citus-out-14-1000000-a-5-rf2-bs7000-fs3000-commutative-off.txt');
    expect(plan.totals).toEqual({ groups: 3, runs: 4, steps: 3 * 4 + 4 });
  });

  it('Citus: the coordinator and the workers are both torn down and rebuilt, the coordinator first', () => {
    const g = plan.groups[1];
    expect(g.steps[0].commands.map((c) => c.argv.slice(k.length, k.length + 3))).toEqual([
      ['delete', 'statefulset', 'citus-worker'],
      ['delete', 'statefulset', 'citus-coordinator'],
      ['delete', 'pvc', '-l'],
      ['delete', 'pvc', '-l'],
    ]);
    expect(g.steps[1].commands.map((c) => c.argv.slice(k.length))).toEqual([
      ['create', '-f', 'citus/citus-coordinator.yaml'],
      ['scale', 'statefulset', 'citus-coordinator', '--replicas=1'],
      ['create', '-f', 'citus/citus-worker.yaml'],
      ['scale', 'statefulset', 'citus-worker', '--replicas=14'],
    ]);
    expect(g.steps[2].commands.map((c) => c.argv.slice(k.length))).toEqual([
      ['rollout', 'status', 'statefulset/citus-coordinator', '--timeout=1800s'],
      ['rollout', 'status', 'statefulset/citus-worker', '--timeout=1800s'],
    ]);
  });

  it('lists the preflight: every manifest, the client pod, every script (test -x), the output folder', () => {
    const checks = plan.preflight.map((p) => (p.check.kind === 'command' ? p.check.argv.slice(k.length).join(' ') : `${p.check.kind} ${p.check.path}`));
    expect(checks).toEqual([
      'dir out',
      'get pod ycsb-benchmark -o json',
      'file cassandra/cassandra-statefulset.yaml',
      'exec ycsb-benchmark -- test -x /scripts/cassandra_load.sh',
      'exec ycsb-benchmark -- test -x /scripts/cassandra_run.sh',
      'file citus/citus-coordinator.yaml',
      'file citus/citus-worker.yaml',
      'exec ycsb-benchmark -- test -x /scripts/citus_load.sh',
      'exec ycsb-benchmark -- test -x /scripts/citus_run.sh',
      'exec ycsb-benchmark -- test -d /ycsb_outputs -a -w /ycsb_outputs',
    ]);
    const worker = plan.preflight.find((p) => p.check.kind === 'file' && p.check.path === 'citus/citus-worker.yaml')!;
    expect(worker.groups).toEqual([plan.groups[1].key, plan.groups[2].key]);
  });

  it('prints the plan as the commands, each cluster configuration once', () => {
    const text = formatPlan(plan);
    expect(text.split('\n').slice(0, 3)).toEqual([
      '# fill plan (ycsb-analyze/fill-plan@3): 4 runs in 3 cluster configurations, 16 steps, adapter kubectl-exec, order sequential',
      '# kubectl context: rpicloud, namespace default',
      '# nothing has run: add --execute to run these steps',
    ]);
    expect(text.match(/ create -f /g)).toHaveLength(5);
    expect(text).toContain(' /scripts/cassandra_run.sh cassandra-0.cassandra.default.svc.cluster.local b 1000000 15 4 1\n');
    expect(text).toContain("#   before and after: kubectl --context rpicloud --namespace default exec ycsb-benchmark -- find /ycsb_outputs -maxdepth 1 -type f -printf '%f\\t%s\\t%T@\\n'\n");
    expect(text).toContain('#   the file that appeared or changed (expected cassandra-15-1000000-rf1-b-4.txt): kubectl --context rpicloud --namespace default cp ycsb-benchmark:/ycsb_outputs/cassandra-15-1000000-rf1-b-4.txt out/.analyze-fill/staging/cassandra-exec-15-1000000-b-4-rf_1.txt\n');
  });

  it('refuses a database it has no settings for', () => {
    const hb = studyCampaign(['hbase'], ['a'], 2);
    const c = planFill(findGaps(hb, designFromRuns(hb, 3)), inferNaming(hb), { order: 'sequential' });
    expect(() => materialize(c, { adapter: 'kubectl-exec', campaign: '.', retries: 0 })).not.toThrow();
    const renamed = { ...c, groups: c.groups.map((g) => ({ ...g, db: 'mongo' })) };
    expect(() => materialize(renamed, { adapter: 'kubectl-exec', campaign: '.', retries: 0 })).toThrow(AdapterError);
  });
});

describe('materialize (kubectl-job)', () => {
  it('one Job per repetition, built from the experiment file, polled until Complete or Failed', () => {
    const runs = campaignWithHoles();
    const exp = parseExperiment(readFileSync('templates/experiment.yaml', 'utf8'), 'templates/experiment.yaml');
    const core = planFill(findGaps(runs, designFromRuns(runs)), inferNaming(runs), { order: 'sequential' });
    const plan = materialize(core, { adapter: 'kubectl-job', campaign: 'c', retries: 0, experiment: exp });
    const run = plan.groups[0].steps.find((s) => s.kind === 'run')!;
    const file = run.files![0];
    expect(file.path).toMatch(/^c\/\.analyze-fill\/jobs\/ycsb-cassandra-a-rf1-r2-[a-z0-9]+\.yaml$/);
    const name = file.path.split('/').pop()!.replace('.yaml', '');
    const k = ['kubectl', '--context', 'default', '--namespace', 'default'];
    expect(run.commands.map((c) => c.argv.slice(k.length))).toEqual([
      ['create', '-f', file.path],
      ['get', 'job', name, '-o', 'json'],
    ]);
    expect(run.commands[1].expect).toEqual({ kind: 'job-finished' });
    expect(run.stop!.map((c) => c.argv.slice(k.length))).toEqual([['delete', 'job', name, '--ignore-not-found', '--wait=true', '--cascade=foreground', '--timeout=1800s']]);
    expect(run.evidence!.map((e) => e.file)).toEqual(['logs.txt', 'describe-job.txt', 'describe-pods.txt', 'events.txt']);
    // Outputs come from the file the script writes (the client pod mounts the same folder), not from logs.
    expect(run.fetch).toEqual({ dir: '/ycsb_outputs', expected: 'cassandra-15-1000000-rf1-a-2.txt', via: { kind: 'pod', pod: 'ycsb-benchmark' } });
    expect(run.runs).toEqual(['timeout', '--kill-after=30', '3540', '/scripts/cassandra_run.sh', 'cassandra-0.cassandra.default.svc.cluster.local', 'a', '1000000', '15', '2', '1']);
  });
});
