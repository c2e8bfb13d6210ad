/**
 * kubectl adapters: a fill plan in, the exact commands out (argv arrays, never a shell line).
 *
 * ```
 * FillPlanCore + settings ──materialize──► ExecPlan
 *   preflight (before anything is torn down): the context; every manifest exists here; the client
 *     pod runs; every script is executable in it (`test -x`); the output folder is writable
 *   per cluster configuration (with deployments, per deployment of it: each one rebuild):
 *     teardown  kubectl delete statefulset <each sts> --cascade=foreground; kubectl delete pvc -l <label>
 *     deploy    kubectl apply -f <service…>; kubectl create -f <manifest>; kubectl scale … (coordinator first)
 *     ready     kubectl rollout status statefulset/<each sts>; [nodetool status: every node UN]
 *     load      kubectl exec <client> -- <load script …>   (under `timeout`, in its own process group;
 *               reload: repetition: before each run instead, both adapters)
 *     run × n   kubectl exec <client> -- <run script … rep …>       ──kubectl-exec
 *               kubectl create -f <Job>; poll kubectl get job -o json  ──kubectl-job
 *   each load and run: the output folder listed before and after; the new or changed file is fetched
 * ```
 * The defaults reproduce the study's cluster procedure (joao-lima/rpicloud: ycsb/scripts/*.sh,
 * cassandra/cassandra-statefulset.yaml, ycsb/benchmark.yml); everything is overridable in the
 * experiment file (templates/experiment.yaml).
 */
import { posix } from 'node:path';
import {
  DEFAULT_TIMEOUTS,
  FILL_DIR,
  checkLevel,
  fillTemplate,
  fnv1a,
  type ClusterSettings,
  type DatabaseSettings,
  type Experiment,
  type Factors,
  type FillPlanCore,
  type FillRun,
  type OutputConfiguration,
} from '../model/index.js';
import { buildJob, renderJob } from './job.js';
import type { MeasuredCosts } from './journal.js';
import { STOP, WRAPPED_KILL_AFTER, WRAPPED_SECONDS, listCommand, podLimits, wrapScript } from './remote.js';

export type AdapterName = 'kubectl-exec' | 'kubectl-job';

/** What a command's output must show for the step to go on (polled until the step times out). */
export type Expect = { kind: 'nodetool-up'; nodes: number } | { kind: 'job-finished' };

export interface Command {
  /** argv[0] is the program (kubectl); passed to spawn as an array, never through a shell. */
  argv: string[];
  /** Poll this command until `expect` holds or the step times out. */
  expect?: Expect;
  /** Never retried on its own: a script (a retry could overlap a run still going in the pod) or a
   * Job creation. The step's attempt is retried instead, after its work was stopped. */
  once?: boolean;
  /** Positions in argv of the in-pod `timeout` values, recomputed when --step-timeout overrides. */
  podTimeout?: { seconds: number; killAfter: number };
}

/** Where a step's output is read back: the folder the scripts write in, listed before and after. */
export interface OutputFetch {
  dir: string;
  /** The name the experiment file expects (remoteOutput); a different new file is used and reported. */
  expected: string;
  via: { kind: 'pod'; pod: string; container?: string } | { kind: 'hostPath'; path: string };
}

export interface ExecStep {
  /** Stable id for the journal: `<kind>:<group key>` or `run:<run id>`. */
  id: string;
  kind: 'teardown' | 'deploy' | 'ready' | 'load' | 'run';
  group: string;
  title: string;
  commands: Command[];
  /** The commands' time limit (for a load or run: the script's, from when it starts). */
  timeoutSeconds: number;
  /** For a load or run: the limit of each listing, copy and stop around the script. */
  fetchTimeoutSeconds?: number;
  /** Files written before the commands run (a Job manifest). */
  files?: { path: string; content: string }[];
  /** Bring the output back, check it and place it. */
  fetch?: OutputFetch;
  /** For a load made again before a repetition (reload: repetition): the id of the run step it
   * prepares (the load is done again exactly when that run is). */
  before?: string;
  /** Campaign-relative target; absent for a load whose output the campaign already has (kept aside). */
  output?: string;
  /** The file name used for the copies kept in the journal folder. */
  name?: string;
  rep?: number;
  factors?: Factors;
  reason?: FillRun['reason'];
  replaces?: string;
  /** Ends the step's work in the cluster (the script's process group, or the Job and its pods):
   * run before each attempt, and after a failure, a timeout or an interruption. */
  stop?: Command[];
  /** Saved beside the journal when an attempt fails or times out (a Job's logs, describe, events). */
  evidence?: { argv: string[]; file: string }[];
  /** The script the step runs, as the client pod sees it (its checksum goes in the provenance). */
  script?: string;
  /** The exact command that runs the script (for the provenance). */
  runs?: string[];
  /** Pods whose node and images the provenance records. */
  pods?: { selectors: string[]; names: string[] };
  /** What the new output must be comparable with. */
  configuration?: OutputConfiguration;
}

export interface ExecGroup {
  /** The cluster configuration's key; with deployments, `<cluster key>,deployment=<d>`. */
  key: string;
  factors: Factors;
  /** The deployment this group builds, when the design has deployments. */
  deployment?: string;
  /** The deployment was still standing when planned: its repetitions are run on it, so executing
   * refuses the group if the cluster no longer holds it. */
  resume?: boolean;
  steps: ExecStep[];
  /** Said before anything runs, e.g. that the scripts' arguments differ from the campaign's runs. */
  warnings?: string[];
  /** The scripts' arguments say the outputs would not be comparable (see `warnings`). */
  notComparable?: string;
}

/** A check made before any destructive step; all of them are made and every failure is reported. */
export interface PreflightCheck {
  what: string;
  /** Group keys that need it (the check is skipped when none of them has work left). */
  groups: string[];
  check:
    | { kind: 'file'; path: string; setting: string }
    | { kind: 'command'; argv: string[]; expect?: 'pod-running' }
    | { kind: 'dir'; path: string; need: 'read' | 'write' };
}

/** The plan schema written; plans of FILL_PLAN_READABLE are read too. */
export const FILL_PLAN_SCHEMA = 'ycsb-analyze/fill-plan@3';
/** @2: no deployments, one load per group (read as reload 'deployment'). */
export const FILL_PLAN_READABLE = ['ycsb-analyze/fill-plan@2', FILL_PLAN_SCHEMA] as const;

export interface ExecPlan {
  /** @3 added reload, deployments, ExecGroup.deployment/resume and ExecStep.before (@2 plans are
   * read as reload 'deployment' without deployments). */
  schema: (typeof FILL_PLAN_READABLE)[number];
  adapter: AdapterName;
  /** The campaign folder as given (outputs are placed under it); kubectl runs in the working directory. */
  campaign: string;
  /** Journal folder (journal, staging copies, Job manifests, side copies, evidence): <campaign>/.analyze-fill. */
  journalDir: string;
  kube: { context?: string; namespace?: string; kubeconfig?: string };
  order: FillPlanCore['order'];
  seed?: number;
  /** When the data is loaded: once per group, or again before every repetition (absent in @2: once). */
  reload?: FillPlanCore['reload'];
  /** Deployments per configuration, when the design declares them (each group is one). */
  deployments?: number;
  /** Said before anything runs, about the plan as a whole (e.g. how the gaps were counted). */
  notes?: string[];
  /** What earlier fills' steps took, per database, from the journal (median seconds). */
  costs?: MeasuredCosts;
  retries: number;
  /** Place outputs that are not comparable with the configuration's runs anyway (a new series). */
  acceptDifferent?: boolean;
  totals: { groups: number; runs: number; steps: number };
  preflight: PreflightCheck[];
  groups: ExecGroup[];
}

/** The study's databases, as its scripts and manifests run them (joao-lima/rpicloud). */
export const STUDY_DATABASES: Record<string, DatabaseSettings> = {
  cassandra: {
    factors: {},
    params: {},
    statefulset: 'cassandra',
    manifest: 'cassandra/cassandra-statefulset.yaml',
    label: 'app=cassandra',
    replicas: '{nodes}',
    ready: 'nodetool',
    host: 'cassandra-0.cassandra.default.svc.cluster.local',
    // cassandra_load.sh <seed-host> <workload> <recordcount> <nodes> <rf>
    load: ['/scripts/cassandra_load.sh', '{host}', '{workload}', '{recordcount}', '{nodes}', '{rf}'],
    // cassandra_run.sh <seed-host> <workload> <recordcount> <nodes> <rep> <rf>
    run: ['/scripts/cassandra_run.sh', '{host}', '{workload}', '{recordcount}', '{nodes}', '{rep}', '{rf}'],
    remoteOutput: {
      run: 'cassandra-{nodes}-{recordcount}-rf{rf}-{workload}-{rep}.txt',
      load: 'cassandra-load-{nodes}-{recordcount}-rf{rf}-{workload}.txt',
    },
  },
  hbase: {
    factors: {},
    params: {},
    statefulset: 'hbase',
    // Not published with the study: a required input (fill refuses before any teardown without it).
    manifest: 'hbase/hbase-statefulset.yaml',
    label: 'app=hbase',
    replicas: '{nodes}',
    ready: 'none',
    // hbase_run.sh <workload> <recordcount> <replicas> <rep>: "replicas" is the replication factor.
    load: ['/scripts/hbase_load.sh', '{workload}', '{recordcount}', '{rf}'],
    run: ['/scripts/hbase_run.sh', '{workload}', '{recordcount}', '{rf}', '{rep}'],
    remoteOutput: {
      run: 'hbase-out-{rf}-{recordcount}-{workload}-{rep}.txt',
      load: 'hbase-out-load-{rf}-{recordcount}-{workload}.txt',
    },
  },
  citus: {
    factors: {},
    params: { commutative: 'off' },
    statefulset: 'citus-worker',
    // Not published with the study: required inputs, the workers' and the coordinator's.
    manifest: 'citus/citus-worker.yaml',
    label: 'app=citus-worker',
    replicas: '{nodes}',
    rebuildAlso: [{ statefulset: 'citus-coordinator', manifest: 'citus/citus-coordinator.yaml', label: 'app=citus-coordinator', replicas: '1' }],
    ready: 'none',
    host: 'citus-coordinator',
    load: ['/scripts/citus_load.sh', '{host}', '{workload}', '{recordcount}', '{nodes}', '{rf}', '{bs}', '{fs}'],
    run: ['/scripts/citus_run.sh', '{host}', '{workload}', '{recordcount}', '{nodes}', '{rep}', '{rf}', '{bs}', '{fs}', '{commutative}'],
    remoteOutput: {
      run: 'citus-out-{nodes}-{recordcount}-{workload}-{rep}-rf{rf}-bs{bs}-fs{fs}-commutative-{commutative}.txt',
      load: 'citus-out-load-{nodes}-{recordcount}-{workload}-rf{rf}-bs{bs}-fs{fs}.txt',
    },
  },
};

export const DEFAULT_CLUSTER: ClusterSettings = {
  clientPod: 'ycsb-benchmark',
  outputs: { path: '/ycsb_outputs' },
  timeouts: { ...DEFAULT_TIMEOUTS },
  job: {},
};

export interface AdapterOptions {
  adapter: AdapterName;
  campaign: string;
  retries: number;
  /** Settings from the experiment file; the study's defaults otherwise. */
  experiment?: Experiment;
  /** Overrides from the command line. */
  context?: string;
  namespace?: string;
  kubeconfig?: string;
  acceptDifferent?: boolean;
  /** Turn a manifest path of the settings into one kubectl can open from the working directory
   * (the experiment file's paths are relative to its folder). */
  resolvePath?: (path: string) => string;
}

/** Thrown when the plan cannot be turned into commands (a setting is missing or unsafe). */
export class AdapterError extends Error {
  override name = 'AdapterError';
}

/** The folder of fill's journal beside the campaign (the model's FILL_DIR). */
export const JOURNAL_DIR = FILL_DIR;

function settingsFor(db: string, exp?: Experiment): DatabaseSettings {
  const own = exp?.databases[db];
  const base = STUDY_DATABASES[db];
  if (!own && !base) {
    throw new AdapterError(`no cluster settings for database ${JSON.stringify(db)}: describe it under databases.${db} in an experiment file (see templates/experiment.yaml)`);
  }
  const merged: DatabaseSettings = { ...(base ?? { factors: {}, params: {}, ready: 'none' }) };
  if (own) {
    for (const [k, v] of Object.entries(own) as [keyof DatabaseSettings, unknown][]) {
      if (v === undefined) continue;
      if (k === 'params') merged.params = { ...merged.params, ...(v as Record<string, string>) };
      else if (k === 'remoteOutput' || k === 'output') (merged as any)[k] = { ...((merged as any)[k] ?? {}), ...(v as object) };
      else (merged as any)[k] = v;
    }
    // An explicit ready: none in the file must win over the default nodetool check.
    merged.ready = own.ready;
  }
  return merged;
}

/** A DNS-1123 label for a Job name. */
function jobName(run: FillRun): string {
  const f = run.factors;
  const base = ['ycsb', f.db, f.workload, f.rf && `rf${f.rf}`, f.deployment !== undefined && `d${f.deployment}`, `r${run.rep}`]
    .filter(Boolean)
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-');
  return `${base.slice(0, 50)}-${fnv1a(run.id).toString(36)}`.replace(/-+/g, '-');
}

/** `kubectl [--kubeconfig K] [--context C] [--namespace N] args…`. */
export function kubectlArgv(kube: ExecPlan['kube'], ...args: string[]): string[] {
  return [
    'kubectl',
    ...(kube.kubeconfig ? ['--kubeconfig', kube.kubeconfig] : []),
    ...(kube.context ? ['--context', kube.context] : []),
    ...(kube.namespace ? ['--namespace', kube.namespace] : []),
    ...args,
  ];
}

/** `kubectl exec <pod> [-c container] -- argv…` for the plan's client pod. */
export function execArgv(kube: ExecPlan['kube'], pod: string, container: string | undefined, argv: string[]): string[] {
  return kubectlArgv(kube, 'exec', pod, ...(container ? ['-c', container] : []), '--', ...argv);
}

/** The command that lists an output folder (in the pod), or undefined for a local hostPath folder. */
export function listArgv(kube: ExecPlan['kube'], f: OutputFetch): string[] | undefined {
  return f.via.kind === 'pod' ? execArgv(kube, f.via.pod, f.via.container, listCommand(f.dir)) : undefined;
}

/** The command that copies `file` of the output folder to `local` (`kubectl cp`). */
export function copyArgv(kube: ExecPlan['kube'], f: OutputFetch, file: string, local: string): string[] | undefined {
  if (f.via.kind !== 'pod') return undefined;
  return kubectlArgv(kube, 'cp', `${f.via.pod}:${posix.join(f.dir, file)}`, ...(f.via.container ? ['-c', f.via.container] : []), local);
}

/** Turn a fill plan into the exact commands. */
export function materialize(core: FillPlanCore, options: AdapterOptions): ExecPlan {
  const exp = options.experiment;
  const cluster: ClusterSettings = exp?.cluster ?? DEFAULT_CLUSTER;
  const kube = {
    ...(options.context ?? cluster.context ? { context: options.context ?? cluster.context } : {}),
    ...(options.namespace ?? cluster.namespace ? { namespace: options.namespace ?? cluster.namespace } : {}),
    ...(options.kubeconfig ?? cluster.kubeconfig ? { kubeconfig: options.kubeconfig ?? cluster.kubeconfig } : {}),
  };
  for (const [k, v] of Object.entries(kube)) {
    if (k !== 'kubeconfig') checkLevel(k, v);
  }
  const kubectl = (...args: string[]) => kubectlArgv(kube, ...args);
  const t = cluster.timeouts;
  const ns = kube.namespace ?? 'default';
  const journalDir = posix.join(options.campaign.replace(/\\/g, '/'), JOURNAL_DIR);
  const staging = `${journalDir}/staging`;
  const resolvePath = options.resolvePath ?? ((p: string) => p);
  const client = cluster.clientPod;
  const container = cluster.clientContainer;
  const execIn = (argv: string[]) => execArgv(kube, client, container, argv);
  const outDir = cluster.outputs.path.replace(/\/$/, '') || '/';
  const via: OutputFetch['via'] = cluster.outputs.hostPath
    ? { kind: 'hostPath', path: cluster.outputs.hostPath.replace(/\/$/, '') }
    : { kind: 'pod', pod: cluster.outputs.pod ?? client, ...(container && !cluster.outputs.pod ? { container } : {}) };

  // Preflight checks, merged across groups (the same script or manifest is checked once).
  const preflight = new Map<string, PreflightCheck>();
  const need = (what: string, group: string, check: PreflightCheck['check']) => {
    const key = JSON.stringify(check);
    const c = preflight.get(key);
    if (c) {
      if (!c.groups.includes(group)) c.groups.push(group);
    } else preflight.set(key, { what, groups: [group], check });
  };

  const groups: ExecGroup[] = [];
  let runs = 0;
  for (const g of core.groups) {
    const s = settingsFor(g.db, exp);
    const values = (f: Factors, rep?: number): Record<string, string> => {
      const v: Record<string, string> = { ...s.params, ...f, db: g.db, namespace: ns };
      if (rep !== undefined) v.rep = String(rep);
      if (s.host !== undefined) v.host = fillTemplate(s.host, v);
      return v;
    };
    const fill = (tpl: string, f: Factors, rep?: number, what = 'template'): string => {
      try {
        return fillTemplate(tpl, values(f, rep));
      } catch (e) {
        throw new AdapterError(`databases.${g.db}.${what}: ${(e as Error).message}`);
      }
    };
    const setting = <K extends keyof DatabaseSettings>(k: K): NonNullable<DatabaseSettings[K]> => {
      const v = s[k];
      if (v === undefined) throw new AdapterError(`databases.${g.db}.${String(k)} is needed to rebuild ${g.key}; set it in the experiment file`);
      return v as NonNullable<DatabaseSettings[K]>;
    };
    const gk = g.key;
    /** The cluster configuration's key (the group's, less its deployment). */
    const clusterKey = g.deployment !== undefined ? gk.slice(0, gk.length - `,deployment=${g.deployment}`.length) : gk;
    const replicasOf = (tpl: string, what: string): string => {
      const r = fill(tpl, g.factors, undefined, what);
      if (!/^\d+$/.test(r)) throw new AdapterError(`databases.${g.db}.${what}: expected a whole number for ${gk}, found ${JSON.stringify(r)}`);
      return r;
    };
    // The StatefulSets rebuilt, in creation order (the Citus coordinator before its workers).
    const components = [
      ...(s.rebuildAlso ?? []).map((c, i) => ({ ...c, setting: `databases.${g.db}.rebuildAlso[${i}].manifest`, replicas: c.replicas === undefined ? undefined : replicasOf(c.replicas, `rebuildAlso[${i}].replicas`) })),
      { statefulset: setting('statefulset'), manifest: setting('manifest'), label: setting('label'), setting: `databases.${g.db}.manifest`, replicas: replicasOf(setting('replicas'), 'replicas') },
    ];
    const main = components[components.length - 1];
    const labels = [...new Set(components.map((c) => c.label).filter((l): l is string => !!l))];
    for (const c of components) need(`${c.setting}: ${c.manifest}`, gk, { kind: 'file', path: resolvePath(c.manifest), setting: c.setting });
    (s.apply ?? []).forEach((m, i) => need(`databases.${g.db}.apply[${i}]: ${m}`, gk, { kind: 'file', path: resolvePath(m), setting: `databases.${g.db}.apply[${i}]` }));

    const steps: ExecStep[] = [];
    const names = components.map((c) => c.statefulset);
    steps.push({
      id: `teardown:${gk}`,
      kind: 'teardown',
      group: gk,
      title: `tear down ${names.join(' and ')} and ${labels.length === 1 ? 'its' : 'their'} volumes`,
      commands: [
        ...[...components].reverse().map((c) => ({ argv: kubectl('delete', 'statefulset', c.statefulset, '--cascade=foreground', '--ignore-not-found', '--wait=true', `--timeout=${t.teardown}s`) })),
        ...labels.map((l) => ({ argv: kubectl('delete', 'pvc', '-l', l, '--ignore-not-found', '--wait=true', `--timeout=${t.teardown}s`) })),
      ],
      timeoutSeconds: t.teardown,
    });
    steps.push({
      id: `deploy:${gk}`,
      kind: 'deploy',
      group: gk,
      title: `deploy ${components.map((c) => (c.replicas ? `${c.statefulset} with ${c.replicas} ${c.replicas === '1' ? 'replica' : 'replicas'}` : c.statefulset)).join(', then ')}`,
      commands: [
        ...(s.apply ?? []).map((m) => ({ argv: kubectl('apply', '-f', resolvePath(m)) })),
        ...components.flatMap((c) => [
          { argv: kubectl('create', '-f', resolvePath(c.manifest)) },
          ...(c.replicas ? [{ argv: kubectl('scale', 'statefulset', c.statefulset, `--replicas=${c.replicas}`) }] : []),
        ]),
      ],
      timeoutSeconds: t.deploy,
    });
    const ready: Command[] = components.map((c) => ({ argv: kubectl('rollout', 'status', `statefulset/${c.statefulset}`, `--timeout=${t.ready}s`) }));
    if (s.ready === 'nodetool') {
      ready.push({ argv: kubectl('exec', s.readyPod ?? `${main.statefulset}-0`, '--', 'nodetool', 'status'), expect: { kind: 'nodetool-up', nodes: Number(main.replicas) } });
    }
    steps.push({ id: `ready:${gk}`, kind: 'ready', group: gk, title: `wait until ${names.join(' and ')} ${names.length === 1 ? 'is' : 'are'} ready`, commands: ready, timeoutSeconds: t.ready });

    const pods = { selectors: labels, names: [client] };
    const stopInPod: Command[] = [{ argv: execIn(['sh', '-c', STOP, 'ycsb-analyze-fill-stop']) }];
    const scriptChecks = (argv: string[]) => need(`${argv[0]} is executable in ${client}`, gk, { kind: 'command', argv: execIn(['test', '-x', argv[0]]) });
    const inPod = (argv: string[], seconds: number): Command => {
      const wrapped = execIn(wrapScript(argv, seconds));
      const at = wrapped.indexOf('--') + 1;
      return { argv: wrapped, once: true, podTimeout: { seconds: at + WRAPPED_SECONDS, killAfter: at + WRAPPED_KILL_AFTER } };
    };

    const loadArgv = setting('load').map((a, i) => fill(a, g.load.factors, undefined, `load[${i}]`));
    scriptChecks(loadArgv);
    const loadCmd = inPod(loadArgv, t.load);
    const loadTitle = `${g.load.factors.recordcount ?? ''} records${g.load.factors.workload ? ` (workload ${g.load.factors.workload})` : ''}`;
    /** The load: once after the deploy, or (reload: repetition) again before each run it names. */
    const loadStep = (before?: FillRun, withOutput = true): ExecStep => ({
      id: before ? `load:${before.id}` : `load:${gk}`,
      kind: 'load',
      group: gk,
      title: before
        ? `reload ${loadTitle} before ${runTitle(before)}`.replace('reload  records', 'reload the data')
        : `load ${loadTitle}`.replace('load  records', 'load the data'),
      commands: [loadCmd],
      timeoutSeconds: t.load,
      fetchTimeoutSeconds: t.fetch,
      fetch: { dir: outDir, expected: fill(setting('remoteOutput').load ?? '', g.load.factors, undefined, 'remoteOutput.load'), via },
      name: g.load.name,
      factors: g.load.factors,
      ...(g.load.output && withOutput ? { output: g.load.output } : {}),
      ...(before ? { before: `run:${before.id}` } : {}),
      stop: stopInPod,
      script: loadArgv[0],
      runs: loadCmd.argv,
      pods,
      configuration: { phase: 'load', key: clusterKey, clusterKey, factors: g.load.factors },
    });
    const runTitle = (r: FillRun) => `run ${Object.entries(r.factors).filter(([k]) => !(k in g.factors) && k !== 'deployment').map(([k, v]) => `${k}=${v}`).join(' ')}`;
    const reloadEach = core.reload === 'repetition' && g.runs.length > 0;
    if (!reloadEach) steps.push(loadStep());

    for (const [i, r] of g.runs.entries()) {
      runs++;
      // The first reload is the deployment's load: its output goes to the campaign when it lacks one.
      if (reloadEach) steps.push(loadStep(r, i === 0));
      const runArgv = setting('run').map((a, i) => fill(a, r.factors, r.rep, `run[${i}]`));
      scriptChecks(runArgv);
      const base = {
        id: `run:${r.id}`,
        kind: 'run' as const,
        group: gk,
        title: runTitle(r),
        timeoutSeconds: t.run,
        fetchTimeoutSeconds: t.fetch,
        output: r.output,
        name: r.output.split('/').pop() ?? r.output,
        rep: r.rep,
        factors: r.factors,
        reason: r.reason,
        ...(r.replaces ? { replaces: r.replaces } : {}),
        fetch: { dir: outDir, expected: fill(setting('remoteOutput').run ?? '', r.factors, r.rep, 'remoteOutput.run'), via },
        script: runArgv[0],
        configuration: { phase: 'run' as const, key: r.id.replace(/(,deployment=[^,]*)?,rep=[^,]*$/, ''), clusterKey, factors: r.factors },
      };
      if (options.adapter === 'kubectl-exec') {
        const cmd = inPod(runArgv, t.run);
        steps.push({ ...base, commands: [cmd], stop: stopInPod, runs: cmd.argv, pods });
      } else {
        const name = jobName(r);
        const limits = podLimits(t.run);
        const command = ['timeout', `--kill-after=${limits.killAfter}`, String(limits.seconds), ...runArgv];
        const job = buildJob({
          name,
          namespace: ns,
          labels: { app: 'ycsb-fill', db: g.db },
          command,
          deadlineSeconds: t.run,
          settings: cluster.job,
        });
        const file = `${journalDir}/jobs/${name}.yaml`;
        const deleteJob = kubectl('delete', 'job', name, '--ignore-not-found', '--wait=true', '--cascade=foreground', `--timeout=${t.teardown}s`);
        steps.push({
          ...base,
          files: [{ path: file, content: renderJob(job) }],
          commands: [
            { argv: kubectl('create', '-f', file), once: true },
            { argv: kubectl('get', 'job', name, '-o', 'json'), expect: { kind: 'job-finished' } },
          ],
          stop: [{ argv: deleteJob }],
          evidence: [
            { argv: kubectl('logs', '-l', `job-name=${name}`, '--all-containers', '--prefix', '--tail=-1'), file: 'logs.txt' },
            { argv: kubectl('describe', 'job', name), file: 'describe-job.txt' },
            { argv: kubectl('describe', 'pods', '-l', `job-name=${name}`), file: 'describe-pods.txt' },
            { argv: kubectl('get', 'events', '--field-selector', `involvedObject.name=${name}`), file: 'events.txt' },
          ],
          runs: command,
          pods: { selectors: [...labels, `job-name=${name}`], names: [client] },
        });
      }
    }
    groups.push({ key: gk, factors: g.factors, ...(g.deployment !== undefined ? { deployment: g.deployment } : {}), ...(g.resume ? { resume: true } : {}), steps });
  }

  const all = groups.map((g) => g.key);
  const checks: PreflightCheck[] = [
    { what: `the campaign folder ${options.campaign} is writable`, groups: all, check: { kind: 'dir', path: options.campaign, need: 'write' } },
    { what: `the client pod ${client} exists and is running`, groups: all, check: { kind: 'command', argv: kubectl('get', 'pod', client, '-o', 'json'), expect: 'pod-running' } },
    ...preflight.values(),
    via.kind === 'pod'
      ? { what: `the output folder ${outDir} is writable in ${via.pod}`, groups: all, check: { kind: 'command' as const, argv: execArgv(kube, via.pod, via.container, ['test', '-d', outDir, '-a', '-w', outDir]) } }
      : { what: `the output folder ${via.path} can be read here`, groups: all, check: { kind: 'dir' as const, path: via.path, need: 'read' as const } },
  ];
  return {
    schema: FILL_PLAN_SCHEMA,
    adapter: options.adapter,
    campaign: options.campaign,
    journalDir,
    kube,
    order: core.order,
    ...(core.seed !== undefined ? { seed: core.seed } : {}),
    reload: core.reload,
    ...(core.deployments !== undefined ? { deployments: core.deployments } : {}),
    retries: options.retries,
    ...(options.acceptDifferent ? { acceptDifferent: true } : {}),
    totals: { groups: groups.length, runs, steps: groups.reduce((s, g) => s + g.steps.length, 0) },
    preflight: groups.length ? checks : [],
    groups,
  };
}

/** `41 s`, `12 min`, `3.2 h`. */
function duration(seconds: number): string {
  if (seconds < 90) return `${+seconds.toPrecision(2)} s`;
  if (seconds < 5400) return `${+(seconds / 60).toPrecision(2)} min`;
  return `${+(seconds / 3600).toPrecision(2)} h`;
}

/** What the journal measured, per database, and about how long this plan's steps of it take. */
function costLines(plan: ExecPlan): string[] {
  const lines: string[] = [];
  for (const [db, c] of Object.entries(plan.costs ?? {})) {
    const kinds = (['teardown', 'deploy', 'ready', 'load'] as const).filter((k) => c[k]);
    const parts: string[] = [];
    if (kinds.length) parts.push(`a deployment (${kinds.join(', ')}) ${duration(kinds.reduce((s, k) => s + c[k]!.seconds, 0))}`);
    if (c.run) parts.push(`a repetition ${duration(c.run.seconds)}`);
    if (!parts.length) continue;
    let estimate = 0;
    let all = true;
    for (const g of plan.groups) {
      if (g.factors.db !== db) continue;
      for (const s of g.steps) {
        const m = c[s.kind];
        if (m) estimate += m.seconds;
        else all = false;
      }
    }
    const counts = [c.load && `${c.load.n} ${c.load.n === 1 ? 'load' : 'loads'}`, c.run && `${c.run.n} ${c.run.n === 1 ? 'run' : 'runs'}`].filter(Boolean).join(', ');
    lines.push(`# measured in the journal (${db}, medians of ${counts}): ${parts.join(', ')}${estimate > 0 ? `; this plan's ${db} steps ${all ? 'about' : 'at least'} ${duration(estimate)}` : ''}`);
  }
  return lines;
}

/** Quote one argument for display the way a POSIX shell would read it back (display only). */
export function shellQuote(arg: string): string {
  if (arg !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

const line = (argv: string[]) => argv.map(shellQuote).join(' ');

/** The plan as the commands it would run, grouped by cluster configuration. */
export function formatPlan(plan: ExecPlan): string {
  const lines: string[] = [];
  const clusters = new Set(plan.groups.map((g) => (g.deployment !== undefined ? g.key.slice(0, g.key.length - `,deployment=${g.deployment}`.length) : g.key))).size;
  const where = plan.deployments !== undefined
    ? `${plan.totals.groups} deployments of ${clusters} cluster configurations`
    : `${plan.totals.groups} cluster configurations`;
  lines.push(
    `# fill plan (${plan.schema}): ${plan.totals.runs} runs in ${where}, ${plan.totals.steps} steps, adapter ${plan.adapter}, order ${plan.order}${plan.seed !== undefined ? ` (seed ${plan.seed})` : ''}`,
  );
  if (plan.order === 'randomized') {
    lines.push(`# order: the ${plan.deployments !== undefined ? 'deployments' : 'cluster configurations'} in a random order (seed ${plan.seed ?? 1}; --seed N for another, --order sequential for the sorted one); within each, its configurations' runs interleaved at random, each configuration's repetitions in increasing order`);
  }
  if (plan.deployments !== undefined) lines.push(`# deployments: ${plan.deployments} per configuration, each a teardown, deploy and load, then its repetitions`);
  if (plan.reload === 'repetition') lines.push('# reload: repetition: the data is loaded again before every repetition');
  for (const n of plan.notes ?? []) lines.push(`# note: ${n}`);
  lines.push(...costLines(plan));
  lines.push(`# kubectl context: ${plan.kube.context ?? 'none named: --execute refuses until the plan names one (--context NAME or cluster.context in the experiment file)'}${plan.kube.namespace ? `, namespace ${plan.kube.namespace}` : ''}`);
  lines.push('# nothing has run: add --execute to run these steps');
  if (plan.acceptDifferent) lines.push('# --accept-different: outputs that are not comparable with the campaign’s runs are placed anyway (a new series)');
  if (plan.preflight.length) {
    lines.push('', '## preflight (before anything is torn down; every failure is reported and nothing runs)');
    for (const p of plan.preflight) {
      if (p.check.kind === 'command') lines.push(`${line(p.check.argv)}   # ${p.what}`);
      else if (p.check.kind === 'file') lines.push(`# must exist here: ${p.check.path} (${p.check.setting})`);
      else lines.push(`# ${p.what}`);
    }
  }
  for (const g of plan.groups) {
    lines.push('', `## ${g.key}`);
    if (g.resume) lines.push('# still deployed (the journal says the cluster holds it): its missing repetitions run on it; --execute refuses them if it is no longer standing');
    for (const w of g.warnings ?? []) lines.push(`# WARNING: ${w}`);
    for (const s of g.steps) {
      lines.push(`# ${s.kind}: ${s.title}${s.reason && s.reason !== 'missing' ? ` (${s.reason === 'ci-target' ? 'for the CI target' : `replaces ${s.replaces ?? 'a failed run'}`})` : ''}`);
      for (const f of s.files ?? []) lines.push(`#   writes ${f.path}`);
      for (const c of s.commands) {
        lines.push(line(c.argv) + (c.expect?.kind === 'nodetool-up' ? `   # until every one of ${c.expect.nodes} nodes is UN` : c.expect?.kind === 'job-finished' ? '   # polled until the Job is Complete or Failed' : ''));
      }
      if (s.fetch) {
        const f = s.fetch;
        const dest = s.output ?? `${plan.journalDir}/loads/${s.name} (the campaign already has its load output)`;
        const list = listArgv(plan.kube, f);
        lines.push(list ? `#   before and after: ${line(list)}` : `#   before and after: list ${f.via.kind === 'hostPath' ? f.via.path : f.dir} here`);
        const cp = copyArgv(plan.kube, f, f.expected, `${plan.journalDir}/staging/${s.name}`);
        lines.push(`#   the file that appeared or changed (expected ${f.expected})${cp ? `: ${line(cp)}` : `, read from ${f.via.kind === 'hostPath' ? f.via.path : f.dir}`}`);
        lines.push(`#   -> ${dest}, if comparable with the configuration's runs${plan.acceptDifferent ? ' (or --accept-different)' : ''}`);
      }
    }
  }
  return lines.join('\n') + '\n';
}
