/**
 * The real `kubectl` binary against a mock Kubernetes API server on 127.0.0.1
 * (fixtures/exec/mock-apiserver.ts), for the non-streaming verbs the fill plans use: delete
 * (StatefulSet with foreground cascade, PVCs by label), create, scale, rollout status, and for the
 * Job adapter delete/create/wait. The commands come from a materialized plan, unchanged except for
 * the manifest path. Skipped, with the reason printed, when kubectl is not installed.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { designFromRuns, inferNaming } from '../../src/analysis/design.js';
import { findGaps } from '../../src/analysis/gaps.js';
import { planFill } from '../../src/analysis/plan.js';
import { materialize, type ExecPlan } from '../../src/exec/adapters.js';
import { checkContext, ContextError } from '../../src/exec/execute.js';
import { runCommand } from '../../src/exec/kubectl.js';
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

  beforeAll(async () => {
    server = await startMockApiServer();
    dir = mkdtempSync(join(tmpdir(), 'kubectl-real-'));
    writeFileSync(join(dir, 'cassandra-statefulset.yaml'), STATEFULSET);
    const runs = studyCampaign(['cassandra'], ['a'], 3).filter((r) => r.file !== 'cassandra-exec-15-1000000-a-2-rf_1.txt');
    const core = planFill(findGaps(runs, designFromRuns(runs, 3)), inferNaming(runs), { order: 'sequential' });
    const common = { campaign: 'campaign', retries: 0, context: 'mock', namespace: 'default', kubeconfig: server.kubeconfig, resolvePath: (p: string) => join(dir, p.split('/').pop()!) };
    plan = materialize(core, { ...common, adapter: 'kubectl-exec' });
    jobPlan = materialize(core, { ...common, adapter: 'kubectl-job', jobTemplate: readFileSync('templates/job.yaml', 'utf8') });
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

  it('the Job adapter: delete (none), create the rendered manifest, wait for Complete', async () => {
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
    expect(jobs[0].spec.template.spec.containers[0].command).toEqual(['/scripts/cassandra_run.sh', 'cassandra-0.cassandra.default.svc.cluster.local', 'a', '1000000', '15', '2', '1']);
  });
});
