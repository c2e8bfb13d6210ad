/**
 * The real `kubectl` binary against a mock Kubernetes API server on 127.0.0.1
 * (fixtures/exec/mock-apiserver.ts), for the non-streaming verbs the fill plans use: delete
 * (StatefulSet with foreground cascade, PVCs by label), create, scale, rollout status, and for the
 * Job adapter delete/create/wait. The commands come from a materialized plan, unchanged except for
 * the manifest path. Skipped, with the reason printed, when kubectl is not installed.
 *
 * The server validates what it receives against the Kubernetes schema: the real kubectl reads the
 * rendered Job files with its own YAML rules, so a Citus Job whose `off` were unquoted would be
 * refused here as on the cluster. Its faults (a failing Job, readiness never reached, a lost
 * connection) are seen through the real kubectl the way the executor reads them.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { designFromRuns, inferNaming } from '../../src/analysis/design.js';
import { findGaps } from '../../src/analysis/gaps.js';
import { planFill } from '../../src/analysis/plan.js';
import { materialize, type ExecPlan } from '../../src/exec/adapters.js';
import { checkContext, ContextError } from '../../src/exec/execute.js';
import { runCommand } from '../../src/exec/kubectl.js';
import { jobState } from '../../src/exec/remote.js';
import { parse, stringify } from 'yaml';
import { startMockApiServer, type MockApiServer } from '../../fixtures/exec/mock-apiserver.js';
import { studyCampaign } from '../../fixtures/exec/runs.js';

const hasKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
if (!hasKubectl) console.log('test/exec/kubectl-real.test.ts: skipped: kubectl is not installed (.ci/run installs it)');

const STATEFULSET = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: cassandra
  labels:
    app: cassandra
spec:
  serviceName: cassandra
  replicas: 3
  selector:
    matchLabels:
      app: cassandra
  template:
    metadata:
      labels:
        app: cassandra
    spec:
      containers:
        - name: cassandra
          image: cassandra:4
`;

describe.skipIf(!hasKubectl)('real kubectl against a mock API server', () => {
  let server: MockApiServer;
  let dir: string;
  let plan: ExecPlan;
  let jobPlan: ExecPlan;
  let citusPlan: ExecPlan;

  beforeAll(async () => {
    server = await startMockApiServer();
    dir = mkdtempSync(join(tmpdir(), 'kubectl-real-'));
    writeFileSync(join(dir, 'cassandra-statefulset.yaml'), STATEFULSET);
    const runs = studyCampaign(['cassandra'], ['a'], 3).filter((r) => r.file !== 'cassandra-exec-15-1000000-a-2-rf_1.txt');
    const core = planFill(findGaps(runs, designFromRuns(runs, 3)), inferNaming(runs), { order: 'sequential' });
    const common = { campaign: 'campaign', retries: 0, context: 'mock', namespace: 'default', kubeconfig: server.kubeconfig, resolvePath: (p: string) => join(dir, p.split('/').pop()!) };
    plan = materialize(core, { ...common, adapter: 'kubectl-exec' });
    jobPlan = materialize(core, { ...common, adapter: 'kubectl-job' });
    const citus = studyCampaign(['citus'], ['a'], 2).filter((r) => r.file !== 'citus-exec-14-1000000-a-2-rf_1-bs_7000-fs_3000.txt');
    citusPlan = materialize(planFill(findGaps(citus, designFromRuns(citus, 2)), inferNaming(citus), { order: 'sequential' }), { ...common, adapter: 'kubectl-job' });
  });
  afterAll(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const exec = async (argv: string[]) => {
    const n = server.requests.length;
    const r = await runCommand(argv, { cwd: dir, timeoutMs: 60_000 });
    return { ...r, requests: server.requests.slice(n).map((q) => `${q.method} ${q.path}`) };
  };

  it('the context check reads the plan’s kubeconfig', async () => {
    await expect(checkContext(plan, dir)).resolves.toBeUndefined();
    await expect(checkContext({ ...plan, kube: { ...plan.kube, context: 'production' } }, dir)).rejects.toThrow(ContextError);
  });

  it('teardown, deploy and ready (rollout status) run as planned', async () => {
    const steps = plan.groups[0].steps;
    const teardown = steps.find((s) => s.kind === 'teardown')!;
    const deploy = steps.find((s) => s.kind === 'deploy')!;
    const ready = steps.find((s) => s.kind === 'ready')!;

    // Nothing there yet: both deletes are no-ops thanks to --ignore-not-found.
    for (const c of teardown.commands) {
      const r = await exec(c.argv);
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    }
    const [create, scale] = deploy.commands;
    const c1 = await exec(create.argv);
    expect(c1.code).toBe(0);
    expect(c1.stdout).toBe('statefulset.apps/cassandra created\n');
    expect(c1.requests).toContain('POST /apis/apps/v1/namespaces/default/statefulsets');
    const c2 = await exec(scale.argv);
    expect(c2.code).toBe(0);
    expect(c2.requests).toContain('PATCH /apis/apps/v1/namespaces/default/statefulsets/cassandra/scale');
    expect(server.store.get('apps/v1/statefulsets/default/cassandra')!.spec.replicas).toBe(15);

    const rollout = ready.commands[0];
    expect(rollout.argv).toContain('rollout');
    const c3 = await exec(rollout.argv);
    expect(c3.stderr).toBe('');
    expect(c3.code).toBe(0);
    expect(c3.stdout).toMatch(/partitioned roll out complete|roll out complete|15 new pods/);

    // A PVC of the StatefulSet, then the teardown again: both go.
    server.store.set('v1/persistentvolumeclaims/default/cassandra-data-cassandra-0', {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'cassandra-data-cassandra-0', namespace: 'default', labels: { app: 'cassandra' }, uid: 'pvc-1', resourceVersion: '50' },
      spec: {},
    });
    for (const c of teardown.commands) {
      const r = await exec(c.argv);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/deleted/);
    }
    expect([...server.store.keys()]).toEqual([]);
    expect(server.requests.some((q) => q.method === 'DELETE' && q.path === '/api/v1/namespaces/default/persistentvolumeclaims/cassandra-data-cassandra-0')).toBe(true);
  });

  it('the Job adapter: create the rendered manifest, read its state until Complete', async () => {
    const run = jobPlan.groups[0].steps.find((s) => s.kind === 'run')!;
    for (const f of run.files ?? []) {
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.content);
    }
    for (const c of run.commands) {
      const r = await exec(c.argv);
      expect({ argv: c.argv.slice(7, 9), code: r.code, stderr: r.stderr }).toEqual({ argv: c.argv.slice(7, 9), code: 0, stderr: '' });
    }
    const jobs = [...server.store.values()].filter((o) => o.kind === 'Job');
    expect(jobs).toHaveLength(1);
    expect(jobs[0].spec.template.spec.containers[0].command).toEqual(['timeout', '--kill-after=30', '3540', '/scripts/cassandra_run.sh', 'cassandra-0.cassandra.default.svc.cluster.local', 'a', '1000000', '15', '2', '1']);
    expect(jobState((await exec(run.commands[1].argv)).stdout)).toEqual({ state: 'complete' });
  });

  const writeJob = (content: string, name: string) => {
    const p = join(dir, 'jobs', name);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
    return p;
  };

  it('the Citus Job, read by the real kubectl, fits the schema on the server; written without YAML 1.1 rules it is refused', async () => {
    const run = citusPlan.groups[0].steps.find((s) => s.kind === 'run')!;
    const file = run.files![0];
    const ok = await exec(run.commands[0].argv.map((a) => (a === file.path ? writeJob(file.content, 'citus.yaml') : a)));
    expect({ code: ok.code, stderr: ok.stderr }).toEqual({ code: 0, stderr: '' });
    const job = [...server.store.values()].find((o) => o.kind === 'Job' && o.metadata.name.startsWith('ycsb-citus'))!;
    expect(job.spec.template.spec.containers[0].command.slice(-1)).toEqual(['off']);
    // The control: the same object written by YAML 1.2 rules says `off` bare, which kubectl reads as false.
    const naive = parse(file.content, { version: '1.1' });
    naive.metadata.name = 'naive-citus';
    const bad = await exec(['kubectl', '--kubeconfig', server.kubeconfig, 'create', '-f', writeJob(stringify(naive), 'naive.yaml')]);
    expect(bad.code).not.toBe(0);
    expect(server.validated.find((v) => v.name === 'naive-citus')).toMatchObject({ valid: false, error: expect.stringMatching(/command\/\d+ must be string/) });
  });

  it('a failing Job is read as failed from `kubectl get job -o json` (no waiting until a timeout)', async () => {
    server.faults.failJobs = true;
    try {
      const run = citusPlan.groups[0].steps.find((s) => s.kind === 'run')!;
      const name = run.files![0].path.split('/').pop()!.replace('.yaml', '');
      await exec(['kubectl', '--kubeconfig', server.kubeconfig, 'delete', 'job', name, '--ignore-not-found']);
      const created = await exec(run.commands[0].argv.map((a) => (a === run.files![0].path ? writeJob(run.files![0].content, 'citus-fail.yaml') : a)));
      expect(created.code).toBe(0);
      const got = await exec(run.commands[1].argv);
      expect(got.code).toBe(0);
      expect(jobState(got.stdout)).toEqual({ state: 'failed', reason: 'BackoffLimitExceeded: Job has reached the specified backoff limit' });
    } finally {
      server.faults.failJobs = false;
    }
  });

  it('readiness never reached: rollout status gives up at its timeout', async () => {
    server.faults.neverReady = true;
    try {
      server.store.delete('apps/v1/statefulsets/default/cassandra');
      const create = plan.groups[0].steps.find((s) => s.kind === 'deploy')!.commands[0];
      expect((await exec(create.argv)).code).toBe(0);
      const rollout = plan.groups[0].steps.find((s) => s.kind === 'ready')!.commands[0].argv.map((a) => (a.startsWith('--timeout=') ? '--timeout=2s' : a));
      const r = await exec(rollout);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/timed out waiting for the condition/);
    } finally {
      server.faults.neverReady = false;
      server.store.delete('apps/v1/statefulsets/default/cassandra');
    }
  });

  it('a lost connection fails the command; the next one goes through', async () => {
    server.faults.dropNext = 10;
    const lost = await exec(['kubectl', '--kubeconfig', server.kubeconfig, 'get', 'job', 'nothing', '-o', 'json', '--request-timeout=5s']);
    expect(lost.code).not.toBe(0);
    server.faults.dropNext = 0;
    const again = await exec(['kubectl', '--kubeconfig', server.kubeconfig, 'get', 'job', 'nothing', '-o', 'json']);
    expect(again.stderr).toMatch(/not found/);
  });
});
