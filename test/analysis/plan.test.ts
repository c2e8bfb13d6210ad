import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { designFromRuns, inferNaming } from '../../src/analysis/design.js';
import { parseExperiment } from '../../src/ingest/experiment.js';
import { findGaps } from '../../src/analysis/gaps.js';
import { planFill, shuffle } from '../../src/analysis/plan.js';
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

  it('shuffle is a permutation', () => {
    const xs = Array.from({ length: 50 }, (_, i) => i);
    const s = shuffle(xs, 3);
    expect(s).not.toEqual(xs);
    expect([...s].sort((a, b) => a - b)).toEqual(xs);
  });
});

describe('materialize (kubectl-exec)', () => {
  const runs = campaignWithHoles();
  const report = findGaps(runs, designFromRuns(runs));
  const core = planFill(report, inferNaming(runs), { order: 'sequential' });
  const plan = materialize(core, { adapter: 'kubectl-exec', campaign: 'out', retries: 2, context: 'rpicloud', namespace: 'default' });

  it('reproduces the study’s procedure as argv arrays', () => {
    const g = plan.groups[0];
    expect(g.steps.map((s) => s.kind)).toEqual(['teardown', 'deploy', 'ready', 'load', 'run', 'run']);
    const k = ['kubectl', '--context', 'rpicloud', '--namespace', 'default'];
    expect(g.steps[0].commands.map((c) => c.argv)).toEqual([
      [...k, 'delete', 'statefulset', 'cassandra', '--cascade=foreground', '--ignore-not-found', '--wait=true', '--timeout=900s'],
      [...k, 'delete', 'pvc', '-l', 'app=cassandra', '--ignore-not-found', '--wait=true', '--timeout=900s'],
    ]);
    expect(g.steps[1].commands.map((c) => c.argv)).toEqual([
      [...k, 'create', '-f', 'cassandra/cassandra-statefulset.yaml'],
      [...k, 'scale', 'statefulset', 'cassandra', '--replicas=15'],
    ]);
    expect(g.steps[2].commands[1]).toEqual({ argv: [...k, 'exec', 'cassandra-0', '--', 'nodetool', 'status'], expect: { kind: 'nodetool-up', nodes: 15 } });
    expect(g.steps[3].commands[0].argv).toEqual([...k, 'exec', 'ycsb-benchmark', '--', '/scripts/cassandra_load.sh', 'cassandra-0.cassandra.default.svc.cluster.local', 'a', '1000000', '15', '1']);
    expect(g.steps[3].output).toBeUndefined();
    expect(g.steps[4].commands[0].argv).toEqual([...k, 'exec', 'ycsb-benchmark', '--', '/scripts/cassandra_run.sh', 'cassandra-0.cassandra.default.svc.cluster.local', 'a', '1000000', '15', '2', '1']);
    expect(g.steps[4].fetch).toEqual({ kind: 'cp', argv: [...k, 'cp', 'ycsb-benchmark:/ycsb_outputs/out-15-1000000-rf1-a-2.txt', 'out/.analyze-fill/staging/cassandra-exec-15-1000000-a-2-rf_1.txt'] });
    expect(g.steps[4].output).toBe('cassandra-exec-15-1000000-a-2-rf_1.txt');
    const citus = plan.groups[1].steps.find((s) => s.kind === 'run')!;
    expect(citus.commands[0].argv.slice(k.length + 3)).toEqual(['/scripts/citus_run.sh', 'citus-coordinator', 'a', '1000000', '14', '5', '2', '7000', '3000', 'off']);
    expect(plan.totals).toEqual({ groups: 3, runs: 4, steps: 3 * 4 + 4 });
  });

  it('prints the plan as the commands, each cluster configuration once', () => {
    const text = formatPlan(plan);
    expect(text.split('\n').slice(0, 3)).toEqual([
      '# fill plan (ycsb-analyze/fill-plan@1): 4 runs in 3 cluster configurations, 16 steps, adapter kubectl-exec, order sequential',
      '# kubectl context: rpicloud, namespace default',
      '# nothing has run: add --execute to run these steps',
    ]);
    expect(text.match(/ create -f /g)).toHaveLength(3);
    expect(text).toContain('kubectl --context rpicloud --namespace default exec ycsb-benchmark -- /scripts/cassandra_run.sh cassandra-0.cassandra.default.svc.cluster.local b 1000000 15 4 1\n');
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
  it('renders one Job per repetition and waits for it', () => {
    const runs = campaignWithHoles();
    const exp = parseExperiment(readFileSync('templates/experiment.yaml', 'utf8'), 'templates/experiment.yaml');
    const core = planFill(findGaps(runs, designFromRuns(runs)), inferNaming(runs), { order: 'sequential' });
    const plan = materialize(core, { adapter: 'kubectl-job', campaign: 'c', retries: 0, experiment: exp, jobTemplate: readFileSync('templates/job.yaml', 'utf8') });
    const run = plan.groups[0].steps.find((s) => s.kind === 'run')!;
    const file = run.files![0];
    expect(file.path).toMatch(/^c\/\.analyze-fill\/jobs\/ycsb-cassandra-a-rf1-r2-[a-z0-9]+\.yaml$/);
    expect(file.content).toContain('command:\n            - /scripts/cassandra_run.sh\n');
    expect(file.content).toContain('image: 127.0.0.1:5000/ycsb-benchmark');
    const name = file.path.split('/').pop()!.replace('.yaml', '');
    expect(run.commands.map((c) => c.argv.slice(5))).toEqual([
      ['delete', 'job', name, '--ignore-not-found', '--wait=true'],
      ['create', '-f', file.path],
      ['wait', '--for=condition=complete', `job/${name}`, '--timeout=3600s'],
    ]);
    expect(run.fetch).toEqual({ kind: 'hostPath', path: '/home/pi/ycsb/out/out-15-1000000-rf1-a-2.txt' });
  });
});
