/**
 * `analyze fill` with deployments as a level of repetition (issue 22), end to end against the
 * cluster simulator (fixtures/exec/sim: the real rpicloud scripts in a sandboxed client pod): the
 * experiment file declares `deployments: 2` and 3 repetitions; a campaign not run yet is filled
 * deployment by deployment (teardown, deploy, load, then its repetitions), its outputs named so
 * that `analyze` reads the deployment factor and nests the repetitions in it (groups[].nested);
 * a deployment left incomplete while the cluster still holds it is finished on it, not rebuilt.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecPlan } from '../../src/exec/adapters.js';
import { cli } from '../../fixtures/exec/cli.js';
import { writeExperiment } from '../../fixtures/exec/sim/campaign.js';
import { createSimulator, hasCluster, placeRpicloud, type Simulator } from '../../fixtures/exec/sim/cluster.js';

const SHORT = { teardown: 60, deploy: 60, ready: 60, load: 60, run: 60, fetch: 60 };
const CLUSTER = 'db=cassandra,nodes=15,recordcount=1000000,rf=1';

/** Seconds of one deployment by a journal: for each of teardown, deploy, ready and load, the median
 * time from an attempt's start to its done; their sum. */
function journalDeploymentSeconds(path: string): number {
  const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const start = new Map<string, number>();
  const byKind: Record<string, number[]> = {};
  for (const e of lines) {
    const key = `${e.step}#${e.attempt}`;
    if (e.event === 'start') start.set(key, Date.parse(e.t));
    if (e.event === 'done' && start.has(key)) (byKind[e.kind] ??= []).push((Date.parse(e.t) - start.get(key)!) / 1000);
  }
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  return ['teardown', 'deploy', 'ready', 'load'].filter((k) => byKind[k]).reduce((sum, k) => sum + median(byKind[k]), 0);
}

/** The files of a folder tree (hidden ones left out), relative to it. */
function files(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .filter((e) => !e.name.startsWith('.'))
    .flatMap((e) => (e.isDirectory() ? files(dir, join(prefix, e.name)) : [join(prefix, e.name)]))
    .sort();
}

describe.skipIf(!hasCluster)('fill with deployments: k deployments × n repetitions on the simulated cluster', { timeout: 300_000 }, () => {
  let root: string;
  let sim: Simulator;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'fill-deploy-'));
    sim = createSimulator(root);
    placeRpicloud(root);
    mkdirSync(join(root, 'campaign'));
    writeExperiment(join(root, 'experiment.yaml'), { workloads: ['a', 'b'], rfs: [1], reps: 3 }, (e) => {
      e.deployments = 2;
      e.cluster.timeouts = SHORT;
    });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('plans one rebuild per deployment, each output named with its deployment', async () => {
    const r = await cli(['fill', 'campaign', '--experiment', 'experiment.yaml', '--json'], root, sim.env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(3);
    const plan = JSON.parse(r.stdout) as ExecPlan;
    expect(plan).toMatchObject({ schema: 'ycsb-analyze/fill-plan@3', order: 'randomized', seed: 1, deployments: 2, reload: 'deployment' });
    expect(plan.groups.map((g) => g.key).sort()).toEqual([`${CLUSTER},deployment=1`, `${CLUSTER},deployment=2`]);
    for (const g of plan.groups) {
      expect(g.steps.map((s) => s.kind).join(' ')).toBe('teardown deploy ready load run run run run run run');
      const outputs = g.steps.filter((s) => s.output).map((s) => s.output!);
      expect(outputs.every((o) => o.startsWith(`deployment/${g.deployment}/`))).toBe(true);
      // Randomized within the deployment: workloads interleaved, each one's reps in increasing order.
      for (const w of ['a', 'b']) expect(g.steps.filter((s) => s.kind === 'run' && s.factors!.workload === w).map((s) => s.rep)).toEqual([1, 2, 3]);
    }
  });

  it('--execute builds each deployment, loads it once and runs its repetitions; gaps is then complete', async () => {
    const r = await cli(['fill', 'campaign', '--experiment', 'experiment.yaml', '--execute', '--backoff', '0'], root, sim.env);
    expect(r.stdout.split('\n')[0]).toBe('placed 14 outputs, skipped 0 steps already done, 0 failed');
    expect(r.code).toBe(0);
    expect(files(join(root, 'campaign'))).toEqual(
      [1, 2].flatMap((d) => [
        `deployment/${d}/cassandra-exec-15-1000000-a-1-rf_1.txt`,
        `deployment/${d}/cassandra-exec-15-1000000-a-2-rf_1.txt`,
        `deployment/${d}/cassandra-exec-15-1000000-a-3-rf_1.txt`,
        `deployment/${d}/cassandra-exec-15-1000000-b-1-rf_1.txt`,
        `deployment/${d}/cassandra-exec-15-1000000-b-2-rf_1.txt`,
        `deployment/${d}/cassandra-exec-15-1000000-b-3-rf_1.txt`,
        `deployment/${d}/cassandra-load-15-1000000-a-1-rf_1.txt`,
      ]),
    );
    // Two rebuilds, two loads; each deployment's runs on the data its own load made.
    expect(sim.calls().filter((c) => c.includes('create'))).toHaveLength(2);
    const ycsb = sim.ycsb().filter((e) => e.event === 'start');
    expect(ycsb.map((e) => (e.output.startsWith('cassandra-load') ? 'L' : String(e.sinceLoad))).join('')).toBe('L012345L012345');
    const gaps = await cli(['gaps', 'campaign', '--experiment', 'experiment.yaml'], root, sim.env);
    expect(gaps).toEqual({ code: 0, stdout: 'complete: 2 configurations × 2 deployments × 3 repetitions\n', stderr: '' });
  });

  it('analyze reads the deployment factor from the names and nests the repetitions in the deployments', async () => {
    const r = await cli(['campaign', '--json'], root, sim.env);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.groups.map((g: any) => g.factors.workload)).toEqual(['a', 'b']);
    for (const g of doc.groups) {
      expect(g.n).toBe(6);
      expect(g.nested).toMatchObject({ deployments: ['1', '2'], sizes: [3, 3] });
      expect(g.nested.meanCi.df).toBe(1);
      // fill's journal gives a deployment its cost: teardown + deploy + ready + load, each the median
      // of its finished steps (recomputed here from the journal's lines).
      expect(g.nested.advice?.costSource).toBe('journal');
      expect(g.nested.advice.deploymentCost).toBeCloseTo(journalDeploymentSeconds(join(root, 'campaign', '.analyze-fill', 'journal.jsonl')), 9);
      expect(g.dependence).toBeDefined();
    }
    expect(doc.warnings.some((w: string) => w.includes('no deployment factor'))).toBe(false);
    // Without the journal, the load outputs give a deployment its cost.
    renameSync(join(root, 'campaign', '.analyze-fill', 'journal.jsonl'), join(root, 'journal.jsonl'));
    try {
      const nojournal = JSON.parse((await cli(['campaign', '--json'], root, sim.env)).stdout);
      for (const g of nojournal.groups) expect(g.nested.advice?.costSource).toBe('load-runtime');
    } finally {
      renameSync(join(root, 'journal.jsonl'), join(root, 'campaign', '.analyze-fill', 'journal.jsonl'));
    }
  });

  it('a deployment left incomplete while the cluster still holds it is finished on it, not rebuilt', async () => {
    // Deployment 2 loses its rep 2 of workload a: the run fails (no retry), the cluster stays up.
    rmSync(join(root, 'campaign', 'deployment', '2'), { recursive: true });
    rmSync(join(root, 'campaign', '.analyze-fill'), { recursive: true });
    const remote = 'cassandra-15-1000000-rf1-a-2.txt';
    rmSync(join(sim.root, 'remote', 'ycsb-counters.json')); // the scenario counts runs per output name from here
    sim.scenario({ ycsb: { [remote]: ['fail'] } });
    const first = await cli(['fill', 'campaign', '--experiment', 'experiment.yaml', '--execute', '--backoff', '0', '--retries', '0'], root, sim.env);
    expect(first.code).toBe(1);
    expect(first.stdout).toContain(`  FAILED run:${CLUSTER},workload=a,deployment=2,rep=2: the output parses as failed`);
    const gaps = await cli(['gaps', 'campaign', '--experiment', 'experiment.yaml'], root, sim.env);
    expect(gaps.stdout).toBe(
      'gaps: 1 of 2 configurations incomplete, 1 missing, 0 failed, 0 duplicated, 0 loads missing, 1 runs to fill\n' +
        `${CLUSTER},workload=a: 1/2 deployments complete (3 repetitions each), 5 usable runs\n  deployment 2: 2/3 usable, missing reps: 2, still deployed: filled in place\n  to run: deployment 2: reps 2\n`,
    );
    const plan = await cli(['fill', 'campaign', '--experiment', 'experiment.yaml'], root, sim.env);
    expect(plan.stdout).toContain(`## ${CLUSTER},deployment=2\n# still deployed (the journal says the cluster holds it)`);
    // The journal's step times: what a deployment and a repetition cost, and about how long this plan takes.
    expect(plan.stdout).toMatch(/^# measured in the journal \(cassandra, medians of 1 load, 5 runs\): a deployment \(teardown, deploy, ready, load\) [\d.]+ s, a repetition [\d.]+ s; this plan's cassandra steps about [\d.]+ s$/m);
    const creates = sim.calls().filter((c) => c.includes('create')).length;
    const again = await cli(['fill', 'campaign', '--experiment', 'experiment.yaml', '--execute', '--backoff', '0'], root, sim.env);
    expect(again.stdout).toBe(`placed 1 outputs, skipped 3 steps already done, 0 failed\n  placed deployment/2/cassandra-exec-15-1000000-a-2-rf_1.txt\n`);
    expect(again.code).toBe(0);
    expect(sim.calls().filter((c) => c.includes('create'))).toHaveLength(creates);
    expect(existsSync(join(root, 'campaign', 'deployment', '2', 'cassandra-exec-15-1000000-a-2-rf_1.txt'))).toBe(true);
    expect((await cli(['gaps', 'campaign', '--experiment', 'experiment.yaml'], root, sim.env)).code).toBe(0);
  });
});
