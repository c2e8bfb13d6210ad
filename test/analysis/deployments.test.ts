/**
 * Deployments as a level of repetition, and the run order, in gaps and the fill plan (issue 22):
 * an experiment file that declares `deployments: k` is counted per deployment × repetition; a
 * deployment not begun is planned whole, one begun and incomplete is replaced by a new one (unless
 * it is still standing); every output name carries its deployment; `reload: repetition` puts a load
 * before each repetition; the randomized order is seeded, stable, and keeps each configuration's
 * repetitions in increasing order.
 */
import { describe, it, expect } from 'vitest';
import { designFromExperiment, deploymentOf, inferNaming } from '../../src/analysis/design.js';
import { findGaps, formatGaps, gapSummaryLine } from '../../src/analysis/gaps.js';
import { planFill } from '../../src/analysis/plan.js';
import { formatPlan, materialize } from '../../src/exec/adapters.js';
import { parseExperiment } from '../../src/ingest/experiment.js';
import type { Run } from '../../src/model/index.js';
import { studyRun } from '../../fixtures/exec/runs.js';

const experiment = (extra = '', reps = 2) => `
version: 1
repetitions: ${reps}
${extra}
factors:
  recordcount: [1000000]
  workload: [a, b]
  rf: [1]
runFactors: [workload]
databases:
  cassandra:
    factors: { nodes: [15] }
`;

/** A run of the study's naming, moved into `deployment/<d>/` (as fill places it), or left where it is. */
function inDeployment(d: number | undefined, w: string, rep: number, phase: 'run' | 'load' = 'run', status: Run['status'] = 'ok'): Run {
  const r = studyRun('cassandra', w, rep, 1, status, phase);
  return d === undefined ? r : { ...r, file: `deployment/${d}/${r.file}`, name: `deployment/${d}/${r.file}` };
}

/** Deployment 1: the campaign's runs before deployments were declared (no deployment, top level);
 * deployment 2: complete for a, b rep 2 missing; deployment 3: nothing. */
function campaign(): Run[] {
  return [
    inDeployment(undefined, 'a', 1, 'load'),
    ...['a', 'b'].flatMap((w) => [1, 2].map((rep) => inDeployment(undefined, w, rep))),
    inDeployment(2, 'a', 1, 'load'),
    inDeployment(2, 'a', 1),
    inDeployment(2, 'a', 2),
    inDeployment(2, 'b', 1),
  ];
}

const CLUSTER = 'db=cassandra,nodes=15,recordcount=1000000,rf=1';

describe('the experiment file: deployments and reload', () => {
  it('reads deployments and reload, with today’s defaults when absent', () => {
    const exp = parseExperiment(experiment('deployments: 3\nreload: repetition'), 'e.yaml');
    expect(exp.deployments).toBe(3);
    expect(exp.reload).toBe('repetition');
    expect(designFromExperiment(exp).deployments).toBe(3);
    const plain = parseExperiment(experiment(), 'e.yaml');
    expect(plain.reload).toBe('deployment');
    expect('deployments' in plain).toBe(false);
    expect('deployments' in designFromExperiment(plain)).toBe(false);
  });

  it('a wrong value says which key, what is expected and what was found, with its line', () => {
    const msg = (text: string) => {
      try {
        parseExperiment(text, 'e.yaml');
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(msg(experiment('reload: sometimes'))).toContain('reload: expected one of "deployment", "repetition", found "sometimes" (line 4)');
    expect(msg(experiment('deployments: 0'))).toContain('deployments: expected a number >= 1, found 0 (line 4)');
    expect(msg(experiment('deployments: two'))).toContain('deployments: expected integer (line 4)');
  });

  it('{deployment} is a placeholder the templates may use', () => {
    const exp = parseExperiment(experiment('deployments: 2\noutput:\n  run: "{db}-{workload}-d{deployment}-{rep}.txt"'), 'e.yaml');
    expect(exp.output.run).toBe('{db}-{workload}-d{deployment}-{rep}.txt');
  });
});

describe('gaps per deployment × repetition', () => {
  const exp = parseExperiment(experiment('deployments: 3'), 'e.yaml');
  const report = findGaps(campaign(), designFromExperiment(exp));
  const byKey = Object.fromEntries(report.configurations.map((c) => [c.key, c]));
  const a = byKey[`${CLUSTER},workload=a`];
  const b = byKey[`${CLUSTER},workload=b`];

  it('reads the deployment from the folder fill puts it in (or the factor); a run without one is deployment 1', () => {
    expect(deploymentOf(inDeployment(2, 'a', 1))).toBe('2');
    expect(deploymentOf({ ...inDeployment(undefined, 'a', 1), factors: { deployment: '5' } })).toBe('5');
    expect(deploymentOf(inDeployment(undefined, 'a', 1))).toBeUndefined();
    expect(a.deployments!.map((d) => [d.deployment, d.usable, d.complete])).toEqual([['1', 2, true], ['2', 2, true], ['3', 0, false]]);
    expect(report.notes).toEqual([
      '5 runs have no deployment (no deployment factor, not in a deployment/<d>/ folder), e.g. cassandra-load-15-1000000-a-1-rf_1.txt: counted as deployment 1 (they ran on one deployment); analyze nests repetitions in deployments only when every run has one: move them into deployment/1/',
    ]);
  });

  it('a deployment not begun is planned whole under its own number', () => {
    expect(a.expected).toBe(6);
    expect(a.usable).toBe(4);
    expect(a.toRun).toEqual([{ rep: 1, reason: 'missing', deployment: '3' }, { rep: 2, reason: 'missing', deployment: '3' }]);
  });

  it('a deployment begun and incomplete is kept and replaced by a new one, numbered after the last used', () => {
    expect(b.deployments!.find((d) => d.deployment === '2')).toMatchObject({ usable: 1, missing: [2], complete: false });
    expect(b.toRun).toEqual([
      { rep: 1, reason: 'missing', deployment: '3' },
      { rep: 2, reason: 'missing', deployment: '3' },
      { rep: 1, reason: 'replaces-failed', deployment: '4', replaces: 'deployment 2 (1 of 2 usable)' },
      { rep: 2, reason: 'replaces-failed', deployment: '4', replaces: 'deployment 2 (1 of 2 usable)' },
    ]);
    expect(report.totals).toMatchObject({ configurations: 2, complete: 0, missing: 5, failed: 0, loadsMissing: 1, toRun: 6 + 1 });
  });

  it('a deployment the cluster still holds is filled in place, and nothing more is needed', () => {
    const standing = findGaps(campaign(), designFromExperiment(exp), { standing: { clusterKey: CLUSTER, deployment: '2' } });
    const sb = standing.configurations.find((c) => c.key === `${CLUSTER},workload=b`)!;
    expect(sb.deployments!.find((d) => d.deployment === '2')!.standing).toBe(true);
    expect(sb.toRun).toEqual([{ rep: 2, reason: 'missing', deployment: '2' }, { rep: 1, reason: 'missing', deployment: '3' }, { rep: 2, reason: 'missing', deployment: '3' }]);
  });

  it('loads are counted per deployment: a missing one is filled with its deployment only', () => {
    expect(report.loads.map((l) => [l.deployment, l.status, l.unfillable !== undefined])).toEqual([['1', 'ok', false], ['2', 'ok', false], ['3', 'missing', false]]);
    // Every repetition there, but a deployment's load lost: a new load would be another deployment.
    const complete = [...campaign().filter((r) => !r.file.startsWith('deployment/2/cassandra-load')), inDeployment(2, 'b', 2)];
    const two = findGaps(complete, designFromExperiment(parseExperiment(experiment('deployments: 2'), 'e.yaml')));
    expect(two.loads.find((l) => l.deployment === '2')).toMatchObject({ status: 'missing', unfillable: 'its deployment has nothing left to run: a new load would be another deployment' });
    expect(two.complete).toBe(true);
    expect(gapSummaryLine(two)).toBe('complete: 2 configurations × 2 deployments × 2 repetitions');
  });

  it('prints each deployment and what will run', () => {
    const text = formatGaps(report);
    expect(text).toContain(
      [
        `${CLUSTER},workload=b: 1/3 deployments complete (2 repetitions each), 3 usable runs`,
        '  deployment 2: 1/2 usable, missing reps: 2',
        '  deployment 3: 0/2 usable, not begun',
        '  to run: deployment 3: reps 1-2',
        '  to run: a new deployment 4 replacing deployment 2 (1 of 2 usable): reps 1-2',
      ].join('\n'),
    );
  });
});

describe('the fill plan with deployments', () => {
  const exp = parseExperiment(experiment('deployments: 3'), 'e.yaml');
  const runs = campaign();
  const report = findGaps(runs, designFromExperiment(exp));
  const core = planFill(report, inferNaming(runs), { order: 'sequential' });

  it('one group (one rebuild) per deployment, each output named with its deployment', () => {
    expect(core.errors).toEqual([]);
    expect(core.deployments).toBe(3);
    expect(core.groups.map((g) => [g.key, g.deployment])).toEqual([
      [`${CLUSTER},deployment=3`, '3'],
      [`${CLUSTER},deployment=4`, '4'],
    ]);
    const [g3, g4] = core.groups;
    expect(g3.runs.map((r) => [r.id, r.output])).toEqual([
      [`${CLUSTER},workload=a,deployment=3,rep=1`, 'deployment/3/cassandra-exec-15-1000000-a-1-rf_1.txt'],
      [`${CLUSTER},workload=a,deployment=3,rep=2`, 'deployment/3/cassandra-exec-15-1000000-a-2-rf_1.txt'],
      [`${CLUSTER},workload=b,deployment=3,rep=1`, 'deployment/3/cassandra-exec-15-1000000-b-1-rf_1.txt'],
      [`${CLUSTER},workload=b,deployment=3,rep=2`, 'deployment/3/cassandra-exec-15-1000000-b-2-rf_1.txt'],
    ]);
    // Each deployment's load is made with it and placed beside its runs (deployment 3's is a gap,
    // deployment 4 is new).
    expect(g3.load).toEqual({ factors: { db: 'cassandra', nodes: '15', recordcount: '1000000', rf: '1', workload: 'a', deployment: '3' }, name: 'deployment/3/cassandra-load-15-1000000-a-1-rf_1.txt', output: 'deployment/3/cassandra-load-15-1000000-a-1-rf_1.txt' });
    expect(g4.load.output).toBe('deployment/4/cassandra-load-15-1000000-a-1-rf_1.txt');
    expect(g4.runs.map((r) => [r.output, r.reason])).toEqual([
      ['deployment/4/cassandra-exec-15-1000000-b-1-rf_1.txt', 'replaces-failed'],
      ['deployment/4/cassandra-exec-15-1000000-b-2-rf_1.txt', 'replaces-failed'],
    ]);
  });

  it('a template with {deployment} names it itself (no folder)', () => {
    const named = parseExperiment(experiment('deployments: 3\noutput:\n  run: "{db}-{workload}-d{deployment}-{rep}.txt"\n  load: "{db}-load-d{deployment}.txt"'), 'e.yaml');
    const naming = inferNaming(runs, (phase) => named.output[phase]);
    const c = planFill(findGaps(runs, designFromExperiment(named)), naming, { order: 'sequential' });
    expect(c.groups[0].runs[0].output).toBe('cassandra-a-d3-1.txt');
    expect(c.groups[0].load.output).toBe('cassandra-load-d3.txt');
  });

  it('materialized: each deployment a teardown, deploy, ready and load, then its runs; the plan says so', () => {
    const plan = materialize(core, { adapter: 'kubectl-exec', campaign: 'c', retries: 0, context: 'default' });
    expect(plan.schema).toBe('ycsb-analyze/fill-plan@3');
    expect(plan.deployments).toBe(3);
    expect(plan.groups.map((g) => [g.deployment, g.steps.map((s) => s.kind).join(' ')])).toEqual([
      ['3', 'teardown deploy ready load run run run run'],
      ['4', 'teardown deploy ready load run run'],
    ]);
    const run = plan.groups[0].steps[4];
    // The script gets the repetition within the deployment; the comparability check the configuration.
    expect(run.commands[0].argv.slice(-7)).toEqual(['/scripts/cassandra_run.sh', 'cassandra-0.cassandra.default.svc.cluster.local', 'a', '1000000', '15', '1', '1']);
    expect(run.configuration).toMatchObject({ phase: 'run', key: `${CLUSTER},workload=a`, clusterKey: CLUSTER });
    expect(run.title).toBe('run workload=a rep=1');
    expect(plan.groups[0].steps[3].configuration).toMatchObject({ phase: 'load', key: CLUSTER, clusterKey: CLUSTER });
    const text = formatPlan(plan);
    expect(text.split('\n').slice(0, 2)).toEqual([
      '# fill plan (ycsb-analyze/fill-plan@3): 6 runs in 2 deployments of 1 cluster configurations, 14 steps, adapter kubectl-exec, order sequential',
      '# deployments: 3 per configuration, each a teardown, deploy and load, then its repetitions',
    ]);
  });

  it('a deployment still standing goes first and is marked to resume', () => {
    const standing = findGaps(runs, designFromExperiment(exp), { standing: { clusterKey: CLUSTER, deployment: '2' } });
    const c = planFill(standing, inferNaming(runs), { order: 'randomized', seed: 1 });
    expect(c.groups.map((g) => [g.deployment, g.resume ?? false])).toEqual([['2', true], ['3', false]]);
    expect(c.groups[0].runs.map((r) => r.output)).toEqual(['deployment/2/cassandra-exec-15-1000000-b-2-rf_1.txt']);
    const plan = materialize(c, { adapter: 'kubectl-exec', campaign: 'c', retries: 0, context: 'default' });
    expect(plan.groups[0].resume).toBe(true);
    expect(formatPlan(plan)).toContain(`## ${CLUSTER},deployment=2\n# still deployed (the journal says the cluster holds it)`);
  });
});

describe('reload: repetition', () => {
  const exp = parseExperiment(experiment('reload: repetition', 3), 'e.yaml');
  // workload a: rep 2 missing; workload b: reps 1 and 3 missing; the load output missing too.
  const runs = [inDeployment(undefined, 'a', 1), inDeployment(undefined, 'a', 3), inDeployment(undefined, 'b', 2)];
  const core = planFill(findGaps(runs, designFromExperiment(exp)), inferNaming([...runs, inDeployment(undefined, 'a', 1, 'load')]), { order: 'sequential', reload: exp.reload });

  for (const adapter of ['kubectl-exec', 'kubectl-job'] as const) {
    it(`${adapter}: a load before each repetition, done again exactly when its run is`, () => {
      const plan = materialize(core, { adapter, campaign: 'c', retries: 0, context: 'default', experiment: exp });
      expect(plan.reload).toBe('repetition');
      const steps = plan.groups[0].steps;
      expect(steps.map((s) => s.kind).join(' ')).toBe('teardown deploy ready load run load run load run');
      const loads = steps.filter((s) => s.kind === 'load');
      const runSteps = steps.filter((s) => s.kind === 'run');
      expect(loads.map((s) => s.before)).toEqual(runSteps.map((s) => s.id));
      expect(loads.map((s) => s.id)).toEqual(runSteps.map((s) => s.id.replace(/^run:/, 'load:')));
      // The first is the deployment's load: its output goes to the campaign, which lacks it.
      expect(loads.map((s) => s.output)).toEqual(['cassandra-load-15-1000000-a-1-rf_1.txt', undefined, undefined]);
      expect(loads[1].title).toBe('reload 1000000 records (workload a) before run workload=b rep=1');
      // Every load runs the load script in the client pod, whatever the adapter.
      for (const l of loads) expect(l.commands[0].argv.slice(-6)).toEqual(['/scripts/cassandra_load.sh', 'cassandra-0.cassandra.default.svc.cluster.local', 'a', '1000000', '15', '1']);
      expect(formatPlan(plan)).toContain('# reload: repetition: the data is loaded again before every repetition\n');
    });
  }

  it('reload: deployment (the default) keeps one load after the deploy', () => {
    const once = planFill(findGaps(runs, designFromExperiment(parseExperiment(experiment('', 3), 'e.yaml'))), inferNaming(runs), { order: 'sequential' });
    expect(once.reload).toBe('deployment');
    const plan = materialize(once, { adapter: 'kubectl-exec', campaign: 'c', retries: 0, context: 'default' });
    expect(plan.groups[0].steps.map((s) => s.kind).join(' ')).toBe('teardown deploy ready load run run run');
  });
});

describe('the run order', () => {
  // Three cluster configurations (rf 1-3), each with workloads a-c and reps 1-4 missing.
  const exp = parseExperiment(experiment('', 4).replace('rf: [1]', 'rf: [1, 2, 3]').replace('workload: [a, b]', 'workload: [a, b, c]'), 'e.yaml');
  const report = findGaps([], designFromExperiment(exp));
  const naming = inferNaming([], (phase) => (phase === 'run' ? '{db}-{workload}-{rep}-rf{rf}.txt' : '{db}-load-rf{rf}.txt'));

  it('randomized: the cluster configurations in a seeded order, the same each time, another for another seed', () => {
    const plan = (seed: number) => planFill(report, naming, { order: 'randomized', seed });
    const keys = (seed: number) => plan(seed).groups.map((g) => g.key);
    expect(plan(1).seed).toBe(1);
    expect(keys(1)).toEqual(keys(1));
    const seeds = Array.from({ length: 8 }, (_, i) => keys(i + 1).join('|'));
    expect(new Set(seeds).size).toBeGreaterThan(1);
    expect([...keys(1)].sort()).toEqual(planFill(report, naming, { order: 'sequential' }).groups.map((g) => g.key));
  });

  it('randomized: within a group the configurations are interleaved, each one’s repetitions in increasing order', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const g = planFill(report, naming, { order: 'randomized', seed }).groups[0];
      const workloads = g.runs.map((r) => r.factors.workload);
      for (const w of ['a', 'b', 'c']) expect(g.runs.filter((r) => r.factors.workload === w).map((r) => r.rep)).toEqual([1, 2, 3, 4]);
      // Not in blocks: the workload changes more often than the 2 times three blocks would.
      const changes = workloads.filter((w, i) => i > 0 && w !== workloads[i - 1]).length;
      expect(changes, workloads.join('')).toBeGreaterThan(2);
    }
  });

  it('sequential: groups by key, runs by configuration then rep', () => {
    const c = planFill(report, naming, { order: 'sequential' });
    expect(c.seed).toBeUndefined();
    expect(c.groups.map((g) => g.key)).toEqual([1, 2, 3].map((rf) => `db=cassandra,nodes=15,recordcount=1000000,rf=${rf}`));
    expect(c.groups[0].runs.map((r) => `${r.factors.workload}${r.rep}`).join(' ')).toBe('a1 a2 a3 a4 b1 b2 b3 b4 c1 c2 c3 c4');
  });

  it('a plan made again after some groups are done keeps the order of the rest', () => {
    const before = planFill(report, naming, { order: 'randomized', seed: 9 }).groups.map((g) => g.key);
    const done = before[0];
    const rf = done.slice(done.lastIndexOf('=') + 1);
    const runs = ['a', 'b', 'c'].flatMap((w) => [1, 2, 3, 4].map((rep) => ({ ...studyRun('cassandra', w, rep, Number(rf)), file: `cassandra-${w}-${rep}-rf${rf}.txt` })));
    runs.push({ ...studyRun('cassandra', 'a', 1, Number(rf), 'ok', 'load'), file: `cassandra-load-rf${rf}.txt` });
    const after = planFill(findGaps(runs, designFromExperiment(exp)), naming, { order: 'randomized', seed: 9 }).groups.map((g) => g.key);
    expect(after).toEqual(before.slice(1));
  });
});
