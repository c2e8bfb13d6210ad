/**
 * `analyze fill`: the plan on the study's data (each affected cluster configuration rebuilt once,
 * exactly the missing repetitions, campaign names), and --execute end to end against the cluster
 * simulator (fixtures/exec/sim: the real rpicloud scripts in a sandboxed client pod), as the
 * study's owner runs it: the shipped experiment template beside a copy of the rpicloud checkout.
 *
 * Acceptance (issue 20): the lucas-fs campaign missing Cassandra repetitions
 * - the plan says before running that today's cassandra_run.sh is not comparable (operationcount
 *   1000 vs 10000; hosts may differ), and --execute refuses;
 * - run anyway (no scripts folder to read), each new output is reported "not comparable:
 *   … operationcount 1000 vs 10000", kept aside, nothing overwritten, and `gaps` does not count it;
 * - with --accept-different the outputs are placed under the campaign's names, and `gaps` and
 *   `summary` agree that they are another configuration;
 * and a campaign recorded with today's scripts is filled under its own names and complete after.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecPlan } from '../../src/exec/adapters.js';
import { cli, FAILED, holedCopy, REMOVED, REMOVED_LOAD, study } from '../../fixtures/exec/cli.js';
import { recordCassandraCampaign, writeExperiment } from '../../fixtures/exec/sim/campaign.js';
import { createSimulator, hasCluster, placeRpicloud, type Simulator } from '../../fixtures/exec/sim/cluster.js';

const SHORT = { teardown: 60, deploy: 60, ready: 60, load: 60, run: 60, fetch: 60 };

/** name -> size and mtime of every file of a folder (hidden ones left out). */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir)) {
    if (f.startsWith('.')) continue;
    const st = statSync(join(dir, f));
    out[f] = `${st.size} ${st.mtimeMs}`;
  }
  return out;
}

describe.skipIf(!existsSync(study))('analyze fill on the study (lucas-fs) with files removed', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'fill-study-'));
    holedCopy(root);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('plans one rebuild per affected cluster configuration and exactly the missing repetitions', async () => {
    const r = await cli(['fill', 'YCSB-outputs', '--reps', '30', '--context', 'rpicloud', '--order', 'sequential', '--plan-out', 'plan.json'], root);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(3);
    const plan = JSON.parse(readFileSync(join(root, 'plan.json'), 'utf8')) as ExecPlan;
    expect(plan.schema).toBe('ycsb-analyze/fill-plan@3');
    expect(plan).toMatchObject({ order: 'sequential', reload: 'deployment' });
    expect('seed' in plan).toBe(false);
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
    // The printout has the same commands, in the scripts' argument orders.
    expect(r.stdout).toContain(' /scripts/cassandra_run.sh cassandra-0.cassandra.default.svc.cluster.local b 1000000 15 7 2\n');
    expect(r.stdout).toContain(' /scripts/hbase_run.sh d 1000000 3 30\n');
    expect(r.stdout).toContain('#   the file that appeared or changed (expected cassandra-15-1000000-rf2-b-7.txt)');
    // Citus: the coordinator and the workers, each torn down once per configuration.
    expect(r.stdout.match(/ delete statefulset /g)).toHaveLength(1 + 3 * 2 + 3);
    // HBase's and Citus' manifests are required inputs, checked before anything is torn down.
    expect(r.stdout).toContain('# must exist here: hbase/hbase-statefulset.yaml (databases.hbase.manifest)\n');
    expect(r.stdout).toContain('# must exist here: citus/citus-coordinator.yaml (databases.citus.rebuildAlso[0].manifest)\n');
  });

  it('by default the cluster configurations come in a seeded random order, recorded in the plan and shown; --order sequential sorts them', async () => {
    const plan = async (...extra: string[]) => {
      const r = await cli(['fill', 'YCSB-outputs', '--reps', '30', '--context', 'rpicloud', '--json', ...extra], root);
      expect(r.stderr).toBe('');
      return JSON.parse(r.stdout) as ExecPlan;
    };
    const runIds = (p: ExecPlan) => p.groups.map((g) => `${g.key}: ${g.steps.map((s) => s.id).join(' ')}`);
    const byDefault = await plan();
    expect(byDefault).toMatchObject({ order: 'randomized', seed: 1 });
    const sequential = await plan('--order', 'sequential');
    const keys = (p: ExecPlan) => p.groups.map((g) => g.key);
    // The same work, in another order: every group still one rebuild with its own steps.
    expect([...runIds(byDefault)].sort()).not.toEqual(runIds(byDefault));
    expect(keys(sequential)).toEqual([...keys(sequential)].sort());
    expect([...keys(byDefault)].sort()).toEqual(keys(sequential));
    // Reproducible: the same seed, the same plan; another seed, another order.
    expect(runIds(await plan('--seed', '1'))).toEqual(runIds(byDefault));
    expect(keys(await plan('--seed', '2'))).not.toEqual(keys(byDefault));
    const text = await cli(['fill', 'YCSB-outputs', '--reps', '30', '--context', 'rpicloud'], root);
    expect(text.stdout.split('\n').slice(0, 2)).toEqual([
      '# fill plan (ycsb-analyze/fill-plan@3): 8 runs in 7 cluster configurations, 36 steps, adapter kubectl-exec, order randomized (seed 1)',
      "# order: the cluster configurations in a random order (seed 1; --seed N for another, --order sequential for the sorted one); within each, its configurations' runs interleaved at random, each configuration's repetitions in increasing order",
    ]);
  });

  it('reads a plan written by the previous version (@2), refuses an older one clearly', async () => {
    const r = await cli(['fill', 'YCSB-outputs', '--reps', '30', '--context', 'rpicloud', '--order', 'sequential', '--json'], root);
    const plan = JSON.parse(r.stdout);
    // @2 had no reload key (one load per configuration) and no deployments.
    const old = { ...plan, schema: 'ycsb-analyze/fill-plan@2' };
    delete old.reload;
    writeFileSync(join(root, 'old.json'), JSON.stringify(old));
    const again = await cli(['fill', '--plan', 'old.json'], root);
    expect(again.code).toBe(3);
    expect(again.stdout).toBe(
      (await cli(['fill', 'YCSB-outputs', '--reps', '30', '--context', 'rpicloud', '--order', 'sequential'], root)).stdout.replace('fill-plan@3', 'fill-plan@2'),
    );
    writeFileSync(join(root, 'older.json'), JSON.stringify({ ...plan, schema: 'ycsb-analyze/fill-plan@1' }));
    const refused = await cli(['fill', '--plan', 'older.json'], root);
    expect(refused).toEqual({
      code: 1,
      stdout: '',
      stderr: 'analyze: --plan older.json: expected a plan with schema "ycsb-analyze/fill-plan@2" or "ycsb-analyze/fill-plan@3", found "ycsb-analyze/fill-plan@1" (a plan written by an earlier version: plan again with --plan-out)\n',
    });
  });
});

describe.skipIf(!existsSync(study) || !hasCluster)('acceptance: the lucas-fs campaign on the simulated cluster (real scripts)', { timeout: 300_000 }, () => {
  let root: string;
  let sim: Simulator;
  const campaign = () => join(root, 'YCSB-outputs');
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'fill-accept-'));
    sim = createSimulator(root);
    placeRpicloud(root);
    holedCopy(root);
    // The template as shipped, for the study's Cassandra campaign (HBase and Citus have no manifests here).
    writeExperiment(join(root, 'experiment.yaml'), { dbs: ['cassandra'] }, (e) => {
      e.cluster.timeouts = SHORT;
    });
    writeExperiment(join(root, 'no-scripts.yaml'), { dbs: ['cassandra'] }, (e) => {
      e.cluster.timeouts = SHORT;
      delete e.cluster.scripts;
    });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('the plan says before running that today’s script would not be comparable; --execute refuses and runs nothing', async () => {
    const plan = await cli(['fill', 'YCSB-outputs', '--experiment', 'experiment.yaml'], root, sim.env);
    expect(plan.code).toBe(3);
    expect(plan.stderr).toBe('');
    expect(plan.stdout).toContain(
      `# WARNING: not comparable before running: cassandra_run.sh passes operationcount 1000 vs 10000 (the new value first, then the campaign's); its outputs would not count. Fix ${join(root, 'rpicloud/ycsb/scripts/cassandra_run.sh')}, or give --accept-different to start a new series\n`,
    );
    const run = await cli(['fill', 'YCSB-outputs', '--experiment', 'experiment.yaml', '--execute'], root, sim.env);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "analyze: refusing to execute: the scripts' arguments say these outputs would not be comparable with the campaign's runs, so they would not fill its gaps:\n" +
        '  db=cassandra,nodes=15,recordcount=1000000,rf=2: operationcount 1000 vs 10000\n' +
        'fix the scripts (cluster.scripts), or give --accept-different to start a new series\n',
    );
    expect(sim.calls()).toEqual([]);
  });

  it('run anyway: each new output is reported not comparable, kept aside, nothing overwritten, and gaps does not count it', async () => {
    const before = snapshot(campaign());
    const r = await cli(['fill', 'YCSB-outputs', '--experiment', 'no-scripts.yaml', '--execute', '--backoff', '0'], root, sim.env);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('placed 0 outputs, skipped 0 steps already done, 1 failed, 2 not comparable');
    expect(r.stdout).toContain(
      '  NOT COMPARABLE cassandra-exec-15-1000000-b-7-rf_2.txt: not comparable: operationcount 1000 vs 10000; kept as YCSB-outputs/.analyze-fill/not-comparable/cassandra-exec-15-1000000-b-7-rf_2.not-comparable.txt, not counted\n',
    );
    // The load differs too (today's load script sets cassandra.maxconnections=1 and operationcount=1000).
    expect(r.stdout).toMatch(/ {2}NOT COMPARABLE load:db=cassandra,nodes=15,recordcount=1000000,rf=2: not comparable: cassandra\.maxconnections 1 vs unset, operationcount 1000 vs 10000;/);
    expect(r.stdout).toContain('  FAILED run:db=cassandra,nodes=15,recordcount=1000000,rf=2,workload=b,rep=8: not run: run:db=cassandra,nodes=15,recordcount=1000000,rf=2,workload=b,rep=7 was not comparable');
    expect(snapshot(campaign())).toEqual(before);
    expect(readdirSync(join(campaign(), '.analyze-fill', 'not-comparable')).sort()).toEqual([
      'cassandra-exec-15-1000000-b-7-rf_2.not-comparable.txt',
      'cassandra-exec-15-1000000-b-7-rf_2.not-comparable.txt.provenance.json',
      'cassandra-load-15-1000000-a-1-rf_2.not-comparable.txt',
      'cassandra-load-15-1000000-a-1-rf_2.not-comparable.txt.provenance.json',
    ]);
    const gaps = await cli(['gaps', 'YCSB-outputs', '--experiment', 'no-scripts.yaml'], root, sim.env);
    expect(gaps.code).toBe(3);
    expect(gaps.stdout.split('\n').slice(0, 3)).toEqual(['gaps: 1 of 12 configurations incomplete, 2 missing, 0 failed, 0 duplicated, 0 loads missing, 2 runs to fill', 'db=cassandra,nodes=15,recordcount=1000000,rf=2,workload=b: 28/30 usable', '  missing reps: 7-8']);
  });

  it('--accept-different starts a new series: placed under the campaign’s names, and gaps and summary both see another configuration', async () => {
    const before = snapshot(campaign());
    const r = await cli(['fill', 'YCSB-outputs', '--experiment', 'experiment.yaml', '--execute', '--accept-different', '--backoff', '0'], root, sim.env);
    expect(r.stderr).not.toContain('FAILED');
    expect(r.code).toBe(0);
    // The cluster still held this configuration (the journal says so): not torn down again.
    expect(r.stdout.split('\n').slice(0, 3)).toEqual(['placed 2 outputs, skipped 2 steps already done, 0 failed', '  placed cassandra-exec-15-1000000-b-7-rf_2.txt', '  placed cassandra-exec-15-1000000-b-8-rf_2.txt']);
    const after = snapshot(campaign());
    for (const [f, v] of Object.entries(before)) expect(after[f], f).toBe(v);
    const prov = JSON.parse(readFileSync(join(campaign(), '.cassandra-exec-15-1000000-b-7-rf_2.txt.provenance.json'), 'utf8'));
    expect(prov).toMatchObject({ comparable: false, differences: 'operationcount 1000 vs 10000 (placed with --accept-different)' });
    // gaps: the two new files are not repetitions of the campaign's configuration.
    const gaps = await cli(['gaps', 'YCSB-outputs', '--experiment', 'experiment.yaml'], root, sim.env);
    expect(gaps.stdout).toContain('db=cassandra,nodes=15,recordcount=1000000,rf=2,workload=b: 28/30 usable\n');
    expect(gaps.stdout).toContain('  not comparable rep 7: cassandra-exec-15-1000000-b-7-rf_2.txt: operationcount 1000 vs 10000 (not counted)\n');
    // summary: the same two files form a group of their own.
    const summary = await cli(['YCSB-outputs', '--include', 'cassandra-exec-15-1000000-b-*-rf_2.txt', '--group', 'operationcount', '--json'], root, sim.env);
    expect(summary.code).toBe(0);
    const groups = (JSON.parse(summary.stdout).groups as { n: number; factors: Record<string, string> }[]).map((g) => [g.factors.operationcount, g.n]);
    expect(groups.sort()).toEqual([['1000', 2], ['10000', 28]]);
  });
});

describe.skipIf(!hasCluster)('analyze fill --execute on a campaign recorded with today’s scripts', { timeout: 300_000 }, () => {
  let root: string;
  let sim: Simulator;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'fill-cli-'));
    sim = createSimulator(root);
    placeRpicloud(root);
    // Cassandra, workload a, rf 1: reps 1, 2 and 4 of 4 (rep 3 missing), and the load output.
    recordCassandraCampaign(sim, join(root, 'campaign'), { workloads: ['a'], rfs: [1], reps: 4, skip: ['a-3-1'] });
    writeExperiment(join(root, 'experiment.yaml'), { workloads: ['a'], rfs: [1], reps: 4 }, (e) => {
      e.cluster.timeouts = SHORT;
    });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('the plan says nothing is in the way, and runs nothing without --execute', async () => {
    const n = sim.calls().length;
    const r = await cli(['fill', 'campaign', '--experiment', 'experiment.yaml'], root, sim.env);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toContain('WARNING');
    expect(r.stdout).toContain('# run: run workload=a rep=3\n');
    expect(r.stdout).toContain('#   -> cassandra-exec-15-1000000-a-3-rf_1.txt, if comparable with the configuration\'s runs\n');
    expect(sim.calls().length).toBe(n);
  });

  it('--execute refuses another kubectl context before any other command', async () => {
    const n = sim.calls().length;
    const r = await cli(['fill', 'campaign', '--experiment', 'experiment.yaml', '--execute', '--context', 'rpicloud'], root, sim.env);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('analyze: the current kubectl context is "default" but the plan names "rpicloud"; refusing to execute (switch with `kubectl config use-context rpicloud`)\n');
    expect(sim.calls().slice(n)).toEqual([['config', 'current-context']]);
  });

  it('--execute fills the hole under the campaign’s name; gaps is then complete and a second fill has nothing to do', async () => {
    const before = snapshot(join(root, 'campaign'));
    const r = await cli(['fill', 'campaign', '--experiment', 'experiment.yaml', '--execute', '--backoff', '0'], root, sim.env);
    expect(r.stdout).toBe('placed 1 outputs, skipped 0 steps already done, 0 failed\n  placed cassandra-exec-15-1000000-a-3-rf_1.txt\n');
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n')[0]).toMatch(/^\[1\/5\] teardown: tear down cassandra and its volumes \(db=cassandra,nodes=15,recordcount=1000000,rf=1\) · reps 0\/1 · elapsed \d:\d\d:\d\d · ETA \?$/);
    const after = snapshot(join(root, 'campaign'));
    for (const [f, v] of Object.entries(before)) expect(after[f], f).toBe(v);
    expect(existsSync(join(root, 'campaign', '.cassandra-exec-15-1000000-a-3-rf_1.txt.provenance.json'))).toBe(true);
    const gaps = await cli(['gaps', 'campaign', '--experiment', 'experiment.yaml'], root, sim.env);
    expect(gaps).toEqual({ code: 0, stdout: 'complete: 1 configurations × 4 repetitions\n', stderr: '' });
    const again = await cli(['fill', 'campaign', '--experiment', 'experiment.yaml', '--execute'], root, sim.env);
    expect(again).toEqual({ code: 0, stdout: 'nothing to fill: the campaign is complete\n', stderr: '' });
  });

  it('--plan runs a saved plan (compared with the campaign as it is then)', async () => {
    rmSync(join(root, 'campaign', 'cassandra-exec-15-1000000-a-2-rf_1.txt'));
    const planned = await cli(['fill', 'campaign', '--experiment', 'experiment.yaml', '--plan-out', 'plan.json', '--json'], root, sim.env);
    expect(planned.code).toBe(3);
    expect(JSON.parse(readFileSync(join(root, 'plan.json'), 'utf8'))).toEqual(JSON.parse(planned.stdout));
    const r = await cli(['fill', '--plan', 'plan.json', '--execute', '--backoff', '0'], root, sim.env);
    // The journal says the cluster still holds this configuration, loaded: teardown, deploy and load are skipped.
    expect(r.stdout).toBe('placed 1 outputs, skipped 3 steps already done, 0 failed\n  placed cassandra-exec-15-1000000-a-2-rf_1.txt\n');
    expect(r.code).toBe(0);
  });
});
