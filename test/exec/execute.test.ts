/**
 * `executePlan` against the cluster simulator (fixtures/exec/sim): the REAL rpicloud scripts run
 * in a sandboxed client pod, a fake YCSB prints what YCSB prints for the arguments the scripts
 * give it, and kubectl behaves like kubectl (objects validated against the Kubernetes schema). The
 * plans come from the shipped experiment template placed beside a copy of the rpicloud checkout,
 * so a wrong script name, argument order, output name or manifest path fails here.
 *
 * Faults, each on its own: readiness never reached; a missing manifest (nothing torn down); the
 * client pod missing; a lost connection (the work left in the pod is stopped before the retry); a
 * run that hangs (stopped in the pod by its timeout); a run killed mid-campaign with the whole
 * command (SIGKILL) and resumed; a failed Job (evidence saved, Job deleted); a Citus Job.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { designFromExperiment, inferNaming } from '../../src/analysis/design.js';
import { findGaps } from '../../src/analysis/gaps.js';
import { planFill } from '../../src/analysis/plan.js';
import { materialize, type AdapterName } from '../../src/exec/adapters.js';
import { executePlan, PreflightError, type ExecuteOptions } from '../../src/exec/execute.js';
import { parseExperiment } from '../../src/ingest/experiment.js';
import { loadRuns } from '../../src/ingest/load.js';
import { parseYcsb } from '../../src/ingest/parse.js';
import type { CompareOutput } from '../../src/model/index.js';
import { CITUS_MANIFESTS, recordCassandraCampaign, recordCitusCampaign, writeExperiment } from '../../fixtures/exec/sim/campaign.js';
import { createSimulator, hasCluster, placeRpicloud, type SimScenario, type Simulator } from '../../fixtures/exec/sim/cluster.js';

if (!hasCluster) console.log('test/exec/execute.test.ts: skipped: ../shared/cluster/rpicloud is not beside the repository');

const SHORT = { teardown: 60, deploy: 60, ready: 60, load: 60, run: 60, fetch: 60 };
let recorded: string;
let citusRecorded: string;
let root: string;
let sim: Simulator;
let stderr: string[];

beforeAll(() => {
  if (!hasCluster) return;
  // The campaigns, recorded once with the real scripts: Cassandra workload a, rf 1, reps 1-4 with
  // reps 2 and 4 missing; Citus workload a, rf 1, reps 1-2 with rep 2 missing.
  const base = mkdtempSync(join(tmpdir(), 'fill-rec-'));
  const rec = createSimulator(base);
  recorded = join(base, 'cassandra');
  recordCassandraCampaign(rec, recorded, { workloads: ['a'], rfs: [1], reps: 4, skip: ['a-2-1', 'a-4-1'] });
  citusRecorded = join(base, 'citus');
  recordCitusCampaign(rec, citusRecorded, { workloads: ['a'], rfs: [1], reps: 2, skip: ['a-2-1'] });
}, 180_000);
afterAll(() => {
  if (recorded) rmSync(join(recorded, '..'), { recursive: true, force: true });
});
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

/** A fresh cluster, the user's folder (experiment file beside rpicloud/) and a copy of the campaign. */
function setup(scenario: SimScenario = {}, edit: (exp: any) => void = () => {}, db: 'cassandra' | 'citus' = 'cassandra', dbs: string[] = [db]) {
  root = mkdtempSync(join(tmpdir(), 'fill-sim-'));
  sim = createSimulator(root, scenario);
  placeRpicloud(root, db === 'citus' ? CITUS_MANIFESTS : {});
  cpSync(db === 'citus' ? citusRecorded : recorded, join(root, 'campaign'), { recursive: true });
  writeExperiment(join(root, 'experiment.yaml'), { dbs, workloads: ['a'], rfs: [1], reps: db === 'citus' ? 2 : 4 }, (e) => {
    e.cluster.timeouts = { ...SHORT };
    edit(e);
  });
  stderr = [];
}

/** The plan `fill` makes: the campaign's gaps against the experiment file, through an adapter. */
async function plan(adapter: AdapterName = 'kubectl-exec', retries = 1) {
  const exp = parseExperiment(readFileSync(join(root, 'experiment.yaml'), 'utf8'), 'experiment.yaml');
  const inv = await loadRuns([join(root, 'campaign')], {});
  const naming = inferNaming(inv.runs, (phase, db) => exp.databases[db]?.output?.[phase] ?? exp.output[phase]);
  const core = planFill(findGaps(inv.runs, designFromExperiment(exp)), naming, { order: 'sequential', reload: exp.reload });
  return materialize(core, { adapter, campaign: 'campaign', retries, experiment: exp });
}

const comparable: CompareOutput = () => ({ comparable: true });
const opts = (extra: Partial<ExecuteOptions> = {}): ExecuteOptions => ({
  cwd: root,
  env: sim.env,
  progress: { write: (s: string) => stderr.push(s), isTTY: false },
  backoffMs: 5,
  pollMs: 200,
  classify: parseYcsb,
  compare: comparable,
  ...extra,
});

function snapshot(): Record<string, { sha: string; mtime: number }> {
  const out: Record<string, { sha: string; mtime: number }> = {};
  for (const f of readdirSync(join(root, 'campaign'))) {
    const p = join(root, 'campaign', f);
    if (statSync(p).isFile()) out[f] = { sha: createHash('sha256').update(readFileSync(p)).digest('hex'), mtime: statSync(p).mtimeMs };
  }
  return out;
}

const verbs = () => sim.calls().map((c) => c.filter((a, i) => !(['--context', '--namespace'].includes(a) || ['--context', '--namespace'].includes(c[i - 1]))));
const starts = (output: string) => sim.ycsb().filter((e) => e.event === 'start' && e.output === output);
/** Whether a process is still running: a zombie (exited, its parent has not reaped it yet) answers
 * signal 0 too, but does no work. */
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

describe.skipIf(!hasCluster)('executePlan against the cluster simulator (real scripts)', { timeout: 300_000 }, () => {
  it('fills the missing repetitions with the real scripts, under the campaign’s names: nothing overwritten, provenance beside each', async () => {
    setup();
    const p = await plan();
    const before = snapshot();
    const r = await executePlan(p, opts());
    expect(r.failed).toEqual([]);
    expect(r.notComparable).toEqual([]);
    expect(r.notes).toEqual([]);
    expect(r.placed).toEqual(['cassandra-exec-15-1000000-a-2-rf_1.txt', 'cassandra-exec-15-1000000-a-4-rf_1.txt']);
    const after = snapshot();
    for (const [f, v] of Object.entries(before)) expect(after[f], f).toEqual(v);
    // The scripts ran with the study's argument order and wrote the names they write.
    expect(starts('cassandra-15-1000000-rf1-a-2.txt')).toHaveLength(1);
    expect(starts('cassandra-15-1000000-rf1-a-4.txt')).toHaveLength(1);
    expect(starts('cassandra-load-15-1000000-rf1-a.txt')).toHaveLength(1);
    const placed = readFileSync(join(root, 'campaign', 'cassandra-exec-15-1000000-a-2-rf_1.txt'), 'utf8');
    expect(parseYcsb(placed, 'x').status).toBe('ok');
    expect(placed).toMatch(/^Command line: -db site\.ycsb\.db\.CassandraCQLClient -s -p hosts=cassandra-0\.cassandra\.default\.svc\.cluster\.local -P \/opt\/ycsb\/workloads\/workloada -p recordcount=1000000 .* -p operationcount=1000 -t$/m);
    // The load the campaign already has went aside.
    expect(readdirSync(join(root, 'campaign', '.analyze-fill', 'loads'))).toEqual(['cassandra-load-15-1000000-a-1-rf_1.txt', 'cassandra-load-15-1000000-a-1-rf_1.txt.provenance.json']);
    // Rebuilt in the study's order; each output found by listing the folder before and after its run.
    const seq = verbs()
      .map((c) => (c[0] !== 'exec' ? c.slice(0, 2).join(' ') : c[3] === 'test' || c[3] === 'sha256sum' ? `exec ${c[3]}` : `exec ${c.find((a) => a.startsWith('/scripts/'))?.split('/').pop() ?? c[3]}`))
      .filter((v) => !v.startsWith('get') && v !== 'exec test' && v !== 'exec sha256sum');
    expect(seq).toEqual([
      'config current-context',
      'delete statefulset',
      'delete pvc',
      'apply -f',
      'create -f',
      'scale statefulset',
      'rollout status',
      'exec nodetool',
      // each: stop leftovers (sh -c STOP), list, the script, list, copy the new file
      ...['exec sh', 'exec find', 'exec cassandra_load.sh', 'exec find', 'cp ycsb-benchmark:/ycsb_outputs/cassandra-load-15-1000000-rf1-a.txt'],
      ...['exec sh', 'exec find', 'exec cassandra_run.sh', 'exec find', 'cp ycsb-benchmark:/ycsb_outputs/cassandra-15-1000000-rf1-a-2.txt'],
      ...['exec sh', 'exec find', 'exec cassandra_run.sh', 'exec find', 'cp ycsb-benchmark:/ycsb_outputs/cassandra-15-1000000-rf1-a-4.txt'],
    ]);
    const runCall = verbs().find((c) => c.includes('-c') && c.includes('/scripts/cassandra_run.sh'))!;
    expect(runCall.slice(runCall.indexOf('/scripts/cassandra_run.sh'))).toEqual(['/scripts/cassandra_run.sh', 'cassandra-0.cassandra.default.svc.cluster.local', 'a', '1000000', '15', '2', '1']);
    // Provenance, hidden beside the output.
    const prov = JSON.parse(readFileSync(join(root, 'campaign', '.cassandra-exec-15-1000000-a-2-rf_1.txt.provenance.json'), 'utf8'));
    expect(prov).toMatchObject({
      schema: 'ycsb-analyze/provenance@1',
      output: 'cassandra-exec-15-1000000-a-2-rf_1.txt',
      context: 'default',
      namespace: 'default',
      remote: { dir: '/ycsb_outputs', file: 'cassandra-15-1000000-rf1-a-2.txt', expected: 'cassandra-15-1000000-rf1-a-2.txt' },
      comparable: true,
      errors: [],
    });
    expect(prov.command).toEqual(p.groups[0].steps.find((s) => s.output === 'cassandra-exec-15-1000000-a-2-rf_1.txt')!.runs);
    expect(prov.script).toEqual({ path: '/scripts/cassandra_run.sh', sha256: createHash('sha256').update(readFileSync(join(sim.pod, 'scripts', 'cassandra_run.sh'))).digest('hex') });
    expect(prov.nodes).toHaveLength(15);
    expect(prov.nodes.find((n: any) => n.name === 'rpicloud')).toMatchObject({ kubeletVersion: 'v1.25.5+k3s2', architecture: 'arm64' });
    expect(prov.pods.find((x: any) => x.name === 'ycsb-benchmark')).toMatchObject({ node: 'rpicloud', containers: [{ image: '127.0.0.1:5000/ycsb-benchmark', imageID: expect.stringMatching(/@sha256:[0-9a-f]{64}$/) }] });
    expect(prov.pods.filter((x: any) => x.name.startsWith('cassandra-'))).toHaveLength(15);
    expect(Date.parse(prov.end)).toBeGreaterThanOrEqual(Date.parse(prov.start));
    // The pod's work always ran under `timeout`, in its own process group: nothing left alive.
    expect(sim.overlaps()).toEqual([]);
  });

  it('the output is the file the script wrote, whatever name the experiment file expected (reported, not fatal)', async () => {
    setup({}, (e) => {
      e.databases.cassandra.remoteOutput = { run: 'out-{nodes}-{recordcount}-rf{rf}-{workload}-{rep}.txt', load: 'out-load-{nodes}-{recordcount}-rf{rf}-{workload}.txt' };
    });
    const r = await executePlan(await plan(), opts());
    expect(r.failed).toEqual([]);
    expect(r.placed).toEqual(['cassandra-exec-15-1000000-a-2-rf_1.txt', 'cassandra-exec-15-1000000-a-4-rf_1.txt']);
    expect(r.notes).toContain(
      'run:db=cassandra,nodes=15,recordcount=1000000,rf=1,workload=a,rep=2: the script wrote cassandra-15-1000000-rf1-a-2.txt, not out-15-1000000-rf1-a-2.txt as the experiment file expects (remoteOutput); cassandra-15-1000000-rf1-a-2.txt is used',
    );
    // The load ran once: a wrong expected name no longer re-runs it.
    expect(starts('cassandra-load-15-1000000-rf1-a.txt')).toHaveLength(1);
    expect(r.notes.filter((n) => n.startsWith('load:'))).toHaveLength(1);
  });

  it('uses the comparability verdict it is given: a not comparable output is kept aside under another name, not counted, and the configuration’s other runs are not run', async () => {
    setup();
    const seen: string[] = [];
    const compare: CompareOutput = (text, c) => {
      seen.push(`${c.phase} ${c.key}`);
      return c.phase === 'run' ? { comparable: false, differences: 'operationcount 1000 vs 10000' } : { comparable: true };
    };
    const r = await executePlan(await plan(), opts({ compare }));
    expect(seen).toEqual(['load db=cassandra,nodes=15,recordcount=1000000,rf=1', 'run db=cassandra,nodes=15,recordcount=1000000,rf=1,workload=a']);
    expect(r.placed).toEqual([]);
    expect(r.notComparable).toEqual([
      {
        step: 'run:db=cassandra,nodes=15,recordcount=1000000,rf=1,workload=a,rep=2',
        output: 'cassandra-exec-15-1000000-a-2-rf_1.txt',
        keptAs: 'campaign/.analyze-fill/not-comparable/cassandra-exec-15-1000000-a-2-rf_1.not-comparable.txt',
        differences: 'operationcount 1000 vs 10000',
      },
    ]);
    expect(r.failed).toEqual([{ step: 'run:db=cassandra,nodes=15,recordcount=1000000,rf=1,workload=a,rep=4', reason: expect.stringMatching(/^not run: .*rep=2 was not comparable \(operationcount 1000 vs 10000\)/) }]);
    expect(existsSync(join(root, 'campaign', 'cassandra-exec-15-1000000-a-2-rf_1.txt'))).toBe(false);
    expect(starts('cassandra-15-1000000-rf1-a-4.txt')).toHaveLength(0);
    const prov = JSON.parse(readFileSync(join(root, 'campaign', '.analyze-fill', 'not-comparable', 'cassandra-exec-15-1000000-a-2-rf_1.not-comparable.txt.provenance.json'), 'utf8'));
    expect(prov).toMatchObject({ comparable: false, differences: 'operationcount 1000 vs 10000' });
    // The journal says so; a later fill runs it again (after the script is fixed).
    const journal = readFileSync(join(root, 'campaign', '.analyze-fill', 'journal.jsonl'), 'utf8');
    expect(journal).toContain('"event":"not-comparable"');
  });

  it('a result that parses as failed is kept out of the campaign and retried; an output that appeared since planning is left alone', async () => {
    setup({ ycsb: { 'cassandra-15-1000000-rf1-a-2.txt': ['fail'] } });
    const p = await plan();
    writeFileSync(join(root, 'campaign', 'cassandra-exec-15-1000000-a-4-rf_1.txt'), 'someone else\n');
    const r = await executePlan(p, opts());
    expect(r.failed).toEqual([]);
    expect(r.placed).toEqual(['cassandra-exec-15-1000000-a-2-rf_1.txt']);
    expect(starts('cassandra-15-1000000-rf1-a-2.txt').map((x) => x.action)).toEqual(['fail', 'ok']);
    expect(readdirSync(join(root, 'campaign', '.analyze-fill', 'failed')).sort()).toEqual(['cassandra-exec-15-1000000-a-2-rf_1.txt.attempt-1', 'cassandra-exec-15-1000000-a-2-rf_1.txt.attempt-1.provenance.json']);
    expect(stderr.join('')).toMatch(/attempt 1 failed: the output parses as failed: /);
    expect(starts('cassandra-15-1000000-rf1-a-4.txt')).toEqual([]);
    expect(readFileSync(join(root, 'campaign', 'cassandra-exec-15-1000000-a-4-rf_1.txt'), 'utf8')).toBe('someone else\n');
  });

  it('readiness never reached: the ready step fails at its timeout, nothing is loaded or run', async () => {
    setup({ neverReady: true }, (e) => {
      e.cluster.timeouts.ready = 3;
    });
    const t0 = Date.now();
    const r = await executePlan(await plan(), opts({ commandRetries: 0 }));
    expect(Date.now() - t0).toBeLessThan(45_000);
    expect(r.placed).toEqual([]);
    expect(r.failed[0]).toEqual({ step: 'ready:db=cassandra,nodes=15,recordcount=1000000,rf=1', reason: expect.stringMatching(/timed out/) });
    expect(r.failed.slice(1).map((f) => f.reason)).toEqual(['not run: ready failed', 'not run: ready failed']);
    expect(sim.ycsb()).toEqual([]);
  });

  it('a missing manifest: refused before anything is torn down, naming the path it needs', async () => {
    // HBase joins the design, as the template describes it: its manifest is not in rpicloud.
    setup({}, () => {}, 'cassandra', ['cassandra', 'hbase']);
    const p = await plan();
    expect(p.groups.map((g) => g.key)).toEqual(['db=cassandra,nodes=15,recordcount=1000000,rf=1', 'db=hbase,nodes=15,recordcount=1000000,rf=1']);
    const err = await executePlan(p, opts()).catch((e) => e);
    expect(err).toBeInstanceOf(PreflightError);
    expect(err.problems).toEqual([
      `databases.hbase.manifest: rpicloud/hbase/hbase-statefulset.yaml does not exist (looked for ${join(root, 'rpicloud/hbase/hbase-statefulset.yaml')}); this manifest is a required input: write it, or set databases.hbase.manifest in the experiment file (paths are relative to it)`,
    ]);
    // Only reads happened: the context, the pod, the scripts, the output folder.
    const done = verbs().map((c) => c[0]);
    expect(new Set(done)).toEqual(new Set(['config', 'get', 'exec']));
    expect(verbs().filter((c) => c[0] === 'exec').every((c) => c.includes('test'))).toBe(true);
    expect(Object.keys(sim.state().statefulsets)).toEqual([]);
  });

  it('the client pod missing: refused before anything is torn down, every problem listed', async () => {
    setup({ clientPod: false });
    const err = await executePlan(await plan(), opts()).catch((e) => e);
    expect(err).toBeInstanceOf(PreflightError);
    expect(err.problems[0]).toMatch(/^the client pod ycsb-benchmark exists and is running: exit code 1: Error from server \(NotFound\): pods "ycsb-benchmark" not found/);
    expect(err.problems.some((p: string) => p.startsWith('/scripts/cassandra_run.sh is executable in ycsb-benchmark'))).toBe(true);
    expect(err.problems.some((p: string) => p.startsWith('the output folder /ycsb_outputs is writable in ycsb-benchmark'))).toBe(true);
    expect(verbs().some((c) => c[0] === 'delete' || c[0] === 'create')).toBe(false);
  });

  it('a lost connection: the work still running in the pod is stopped before the retry, which never overlaps it', async () => {
    setup({ drop: { 'cassandra_run.sh': 1 }, dropAfterMs: 300, ycsbMs: 3000 });
    const r = await executePlan(await plan(), opts());
    expect(r.failed).toEqual([]);
    expect(r.placed).toEqual(['cassandra-exec-15-1000000-a-2-rf_1.txt', 'cassandra-exec-15-1000000-a-4-rf_1.txt']);
    const first = starts('cassandra-15-1000000-rf1-a-2.txt');
    expect(first).toHaveLength(2);
    // The cut-off run was killed (it never ended), and nothing started while it was alive.
    expect(sim.ycsb().filter((e) => e.event === 'end' && e.pid === first[0].pid)).toEqual([]);
    expect(alive(first[0].pid)).toBe(false);
    expect(sim.overlaps()).toEqual([]);
    expect(stderr.join('')).toMatch(/attempt 1 failed: .*connection reset by peer.*its work was stopped/);
    expect(readdirSync(join(root, 'campaign', '.analyze-fill', 'evidence'))).toEqual(['cassandra-exec-15-1000000-a-2-rf_1.txt.attempt-1']);
  });

  it('a run that hangs: its timeout stops it inside the pod, and the retry does not overlap it', async () => {
    setup({ ycsb: { 'cassandra-15-1000000-rf1-a-2.txt': ['hang'] } }, (e) => {
      e.cluster.timeouts.run = 6; // in the pod: timeout --kill-after=1 4
    });
    const t0 = Date.now();
    const r = await executePlan(await plan(), opts());
    expect(Date.now() - t0).toBeLessThan(60_000);
    expect(r.failed).toEqual([]);
    expect(r.placed).toEqual(['cassandra-exec-15-1000000-a-2-rf_1.txt', 'cassandra-exec-15-1000000-a-4-rf_1.txt']);
    const hung = starts('cassandra-15-1000000-rf1-a-2.txt');
    expect(hung.map((h) => h.action)).toEqual(['hang', 'ok']);
    expect(alive(hung[0].pid)).toBe(false);
    expect(sim.overlaps()).toEqual([]);
    // Stopped by `timeout` in the pod (exit 124), not by the local timeout.
    expect(stderr.join('')).toMatch(/attempt 1 failed: .*exit code 124/);
  });

  it('a run killed mid-campaign (the whole command, SIGKILL) and resumed: no run twice, nothing overwritten, no overlap', async () => {
    setup({ ycsb: { 'cassandra-15-1000000-rf1-a-4.txt': ['hang'] } });
    const before = snapshot();
    const node = (args: string[]) =>
      spawn(process.execPath, ['--import', pathToFileURL(resolve('node_modules/tsx/dist/loader.mjs')).href, resolve('src/cli/bin.ts'), ...args], { cwd: root, env: sim.env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    const args = ['fill', 'campaign', '--experiment', 'experiment.yaml', '--execute', '--backoff', '0'];
    const child = node(args);
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    let closed = false;
    child.on('close', () => (closed = true));
    const deadline = Date.now() + 90_000;
    while (starts('cassandra-15-1000000-rf1-a-4.txt').length === 0 && !closed && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect({ hanging: starts('cassandra-15-1000000-rf1-a-4.txt').length, stderr: closed ? err : '' }).toEqual({ hanging: 1, stderr: '' });
    const exited = new Promise((r) => child.on('close', r));
    child.kill('SIGKILL'); // a crash: no handler runs, the journal ends on "start", the run goes on in the pod
    await exited;
    const hung = starts('cassandra-15-1000000-rf1-a-4.txt')[0];
    expect(alive(hung.pid)).toBe(true);
    expect(existsSync(join(root, 'campaign', 'cassandra-exec-15-1000000-a-2-rf_1.txt'))).toBe(true);
    const mid = snapshot();

    const again = node(args);
    let out = '';
    again.stdout.on('data', (b: Buffer) => (out += b.toString()));
    again.stderr.on('data', (b: Buffer) => (err += b.toString()));
    const code = await new Promise((r) => again.on('close', r));
    expect({ code, out }).toEqual({ code: 0, out: 'placed 1 outputs, skipped 3 steps already done, 0 failed\n  placed cassandra-exec-15-1000000-a-4-rf_1.txt\n' });
    // The run left in the pod was stopped before the new one started.
    expect(alive(hung.pid)).toBe(false);
    expect(sim.overlaps()).toEqual([]);
    expect(starts('cassandra-15-1000000-rf1-a-2.txt')).toHaveLength(1);
    expect(starts('cassandra-15-1000000-rf1-a-4.txt')).toHaveLength(2);
    // The cluster was built and loaded once.
    expect(verbs().filter((c) => c[0] === 'create')).toHaveLength(1);
    expect(starts('cassandra-load-15-1000000-rf1-a.txt')).toHaveLength(1);
    const after = snapshot();
    for (const [f, v] of Object.entries({ ...before, ...mid })) expect(after[f], f).toEqual(v);
  });

  for (const adapter of ['kubectl-exec', 'kubectl-job'] as const) {
    it(`reload: repetition (${adapter}): the real load script runs again before each repetition, and before its retry; a resumed fill reloads only for what it runs`, async () => {
      // Rep 4 fails twice: with --retries 1, each attempt gets freshly loaded data.
      setup({ ycsb: { 'cassandra-15-1000000-rf1-a-4.txt': ['fail', 'fail'] } }, (e) => {
        e.reload = 'repetition';
      });
      const p = await plan(adapter);
      expect(p.reload).toBe('repetition');
      expect(p.groups[0].steps.map((s) => s.kind).join(' ')).toBe('teardown deploy ready load run load run');
      const first = await executePlan(p, opts());
      expect(first.placed).toEqual(['cassandra-exec-15-1000000-a-2-rf_1.txt']);
      expect(first.failed).toEqual([{ step: 'run:db=cassandra,nodes=15,recordcount=1000000,rf=1,workload=a,rep=4', reason: expect.stringMatching(/^the output parses as failed/) }]);
      // L: a load (the real cassandra_load.sh: keyspace dropped and made again); R<n>: a run after n runs on that data.
      const seq = () => sim.ycsb().filter((e) => e.event === 'start').map((e) => (e.output.startsWith('cassandra-load') ? 'L' : `R${e.sinceLoad}`)).join(' ');
      expect(seq()).toBe('L R0 L R0 L R0');
      expect(sim.overlaps()).toEqual([]);
      // Resumed: the cluster still holds the configuration; rep 2 is done, so is its reload; rep 4's reload runs again.
      const again = await executePlan(p, opts());
      expect(again.failed).toEqual([]);
      expect(again.placed).toEqual(['cassandra-exec-15-1000000-a-4-rf_1.txt']);
      expect(again.skipped).toEqual(['teardown:db=cassandra,nodes=15,recordcount=1000000,rf=1', 'deploy:db=cassandra,nodes=15,recordcount=1000000,rf=1', 'load:db=cassandra,nodes=15,recordcount=1000000,rf=1,workload=a,rep=2', 'run:db=cassandra,nodes=15,recordcount=1000000,rf=1,workload=a,rep=2']);
      expect(seq()).toBe('L R0 L R0 L R0 L R0');
      expect(verbs().filter((c) => c[0] === 'create' && !c.some((a) => a.includes('/jobs/')))).toHaveLength(1);
      // The campaign has its load output: every load's output went aside, none overwritten.
      expect(readdirSync(join(root, 'campaign', '.analyze-fill', 'loads')).filter((f) => !f.endsWith('.provenance.json'))).toHaveLength(4);
      if (adapter === 'kubectl-job') expect(sim.validated().filter((v) => v.kind === 'Job').map((j) => j.valid)).toEqual([true, true, true, true]);
    });
  }

  it('the Job adapter: each repetition a Job validated by the schema, read back from the output folder', async () => {
    setup();
    const r = await executePlan(await plan('kubectl-job'), opts());
    expect(r.failed).toEqual([]);
    expect(r.placed).toEqual(['cassandra-exec-15-1000000-a-2-rf_1.txt', 'cassandra-exec-15-1000000-a-4-rf_1.txt']);
    const jobs = sim.validated().filter((v) => v.kind === 'Job');
    expect(jobs.map((j) => j.valid)).toEqual([true, true]);
    expect(jobs[0].object.spec.template.spec).toMatchObject({ nodeName: 'rpicloud', containers: [{ imagePullPolicy: 'Never', resources: { requests: { memory: '3Gi' } } }] });
    expect(starts('cassandra-15-1000000-rf1-a-2.txt')).toHaveLength(1);
    expect(parseYcsb(readFileSync(join(root, 'campaign', 'cassandra-exec-15-1000000-a-4-rf_1.txt'), 'utf8'), 'x').status).toBe('ok');
  });

  it('a failed Job: seen as failed at once, its logs, describe and events saved beside the journal, then deleted', async () => {
    setup({ jobs: 'fail' }, (e) => {
      e.cluster.timeouts.run = 900;
    });
    const r = await executePlan(await plan('kubectl-job', 1), opts());
    expect(r.placed).toEqual([]);
    expect(r.failed.map((f) => f.reason)).toEqual([expect.stringMatching(/^the Job failed: BackoffLimitExceeded: Job has reached the specified backoff limit \(its work was stopped; evidence in campaign\/\.analyze-fill\/evidence\//), expect.stringMatching(/^the Job failed/)]);
    // Each attempt ended as soon as the Job failed, not at the 900 s timeout.
    const journal = readFileSync(join(root, 'campaign', '.analyze-fill', 'journal.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const runEvents = journal.filter((e) => e.kind === 'run');
    expect(runEvents.map((e) => e.event)).toEqual(['start', 'attempt-failed', 'start', 'failed', 'start', 'attempt-failed', 'start', 'failed']);
    for (let i = 0; i < runEvents.length; i += 2) expect(Date.parse(runEvents[i + 1].t) - Date.parse(runEvents[i].t)).toBeLessThan(60_000);
    const evidence = readdirSync(join(root, 'campaign', '.analyze-fill', 'evidence'));
    expect(evidence).toHaveLength(4); // 2 runs × 2 attempts
    expect(readdirSync(join(root, 'campaign', '.analyze-fill', 'evidence', evidence[0])).sort()).toEqual(['command.txt', 'describe-job.txt', 'describe-pods.txt', 'events.txt', 'logs.txt']);
    expect(readFileSync(join(root, 'campaign', '.analyze-fill', 'evidence', evidence[0], 'events.txt'), 'utf8')).toContain('BackoffLimitExceeded');
    expect(sim.state().jobs).toEqual({});
    expect(verbs().filter((c) => c[0] === 'delete' && c[1] === 'job')).toHaveLength(8); // before and after each attempt
  });

  it('Citus as a Job: the coordinator and the workers rebuilt, the Job (with commutative "off") fits the schema', async () => {
    setup({}, () => {}, 'citus');
    const r = await executePlan(await plan('kubectl-job'), opts());
    expect(r.failed).toEqual([]);
    expect(r.placed).toEqual(['citus-exec-14-1000000-a-2-rf_1-bs_7000-fs_3000.txt']);
    const jobs = sim.validated().filter((v) => v.kind === 'Job');
    expect(jobs).toHaveLength(1);
    expect(jobs[0].valid).toBe(true);
    expect(jobs[0].object.spec.template.spec.containers[0].command.slice(-1)).toEqual(['off']);
    const created = sim.validated().filter((v) => v.kind === 'StatefulSet').map((v) => v.name);
    expect(created).toEqual(['citus-coordinator', 'citus-worker']);
    expect(verbs().filter((c) => c[0] === 'delete' && c[1] === 'statefulset').map((c) => c[2])).toEqual(['citus-worker', 'citus-coordinator']);
    expect(sim.state().statefulsets).toMatchObject({ 'citus-coordinator': { replicas: 1 }, 'citus-worker': { replicas: 14 } });
    expect(starts('citus-out-14-1000000-a-2-rf1-bs7000-fs3000-commutative-off.txt')).toHaveLength(1);
  });
});
