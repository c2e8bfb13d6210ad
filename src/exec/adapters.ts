/**
 * kubectl adapters: a fill plan in, the exact commands out (argv arrays, never a shell line).
 *
 * ```
 * FillPlanCore + settings ──kubectl-exec──► per cluster configuration:
 *     teardown  kubectl delete statefulset <sts> --cascade=foreground; kubectl delete pvc -l <label>
 *     deploy    kubectl create -f <manifest>; kubectl scale statefulset <sts> --replicas=<nodes>
 *     ready     kubectl rollout status statefulset/<sts>; [kubectl exec <sts>-0 -- nodetool status: every node UN]
 *     load      kubectl exec <client> -- <load script …>      then fetch its output
 *     run × n   kubectl exec <client> -- <run script … rep …>  then fetch, parse, place
 *                        ──kubectl-job──► the same, with each run as a Job (create, wait, logs/volume)
 * ```
 * The defaults reproduce the study's cluster procedure (joao-lima/rpicloud: ycsb/scripts/*.sh,
 * cassandra/cassandra-statefulset.yaml, ycsb/benchmark.yml); everything is overridable in the
 * experiment file.
 */
import { posix } from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import {
  DEFAULT_TIMEOUTS,
  checkLevel,
  fillTemplate,
  fnv1a,
  type ClusterSettings,
  type DatabaseSettings,
  type Experiment,
  type Factors,
  type FillPlanCore,
  type FillRun,
} from '../model/index.js';

export type AdapterName = 'kubectl-exec' | 'kubectl-job';

/** What a command's output must show for the step to succeed. */
export type Expect = { kind: 'nodetool-up'; nodes: number };

export interface Command {
  /** argv[0] is the program (kubectl); passed to spawn as an array, never through a shell. */
  argv: string[];
  /** Poll this command until `expect` holds or the step times out. */
  expect?: Expect;
}

export type Fetch =
  | { kind: 'hostPath'; path: string }
  | { kind: 'cp'; argv: string[] } // the last element is the local destination
  | { kind: 'logs'; argv: string[] };

export interface ExecStep {
  /** Stable id for the journal: `<kind>:<group key>` or `run:<run id>`. */
  id: string;
  kind: 'teardown' | 'deploy' | 'ready' | 'load' | 'run';
  group: string;
  title: string;
  commands: Command[];
  timeoutSeconds: number;
  /** Files written before the commands run (a Job manifest). */
  files?: { path: string; content: string }[];
  /** Bring the output back, parse it and place it. */
  fetch?: Fetch;
  /** Campaign-relative target; absent for a load whose output the campaign already has (kept aside). */
  output?: string;
  /** The file name used for the copy kept in the journal folder. */
  name?: string;
  rep?: number;
  factors?: Factors;
  reason?: FillRun['reason'];
  replaces?: string;
}

export interface ExecGroup {
  key: string;
  factors: Factors;
  steps: ExecStep[];
}

export interface ExecPlan {
  schema: 'ycsb-analyze/fill-plan@1';
  adapter: AdapterName;
  /** The campaign folder as given (outputs are placed under it); kubectl runs in the working directory. */
  campaign: string;
  /** Journal folder (journal, staging copies, Job manifests, side copies): <campaign>/.analyze-fill. */
  journalDir: string;
  kube: { context?: string; namespace?: string; kubeconfig?: string };
  order: FillPlanCore['order'];
  seed?: number;
  retries: number;
  totals: { groups: number; runs: number; steps: number };
  groups: ExecGroup[];
}

/** The study's databases, as its scripts and manifests run them. */
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
    load: ['/scripts/cassandra_load.sh', '{host}', '{workload}', '{recordcount}', '{nodes}', '{rf}'],
    run: ['/scripts/cassandra_run.sh', '{host}', '{workload}', '{recordcount}', '{nodes}', '{rep}', '{rf}'],
    remoteOutput: {
      run: 'out-{nodes}-{recordcount}-rf{rf}-{workload}-{rep}.txt',
      load: 'out-load-{nodes}-{recordcount}-rf{rf}-{workload}.txt',
    },
  },
  hbase: {
    factors: {},
    params: {},
    statefulset: 'hbase',
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
    manifest: 'citus/citus-statefulset.yaml',
    label: 'app=citus',
    replicas: '{nodes}',
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
  /** The Job template's text (kubectl-job), read by the caller. */
  jobTemplate?: string;
  /** Turn a manifest path of the settings into one kubectl can open from the working directory
   * (the experiment file's paths are relative to its folder). */
  resolvePath?: (path: string) => string;
}

/** Thrown when the plan cannot be turned into commands (a setting is missing or unsafe). */
export class AdapterError extends Error {
  override name = 'AdapterError';
}

export const JOURNAL_DIR = '.analyze-fill';

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
  const base = ['ycsb', f.db, f.workload, f.rf && `rf${f.rf}`, `r${run.rep}`]
    .filter(Boolean)
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-');
  return `${base.slice(0, 50)}-${fnv1a(run.id).toString(36)}`.replace(/-+/g, '-');
}

/** Fill every {placeholder} of a job template's strings; `{command}` alone becomes the argv list. */
function renderJob(template: string, values: Record<string, string>, command: string[]): string {
  const doc = parseYaml(template) as unknown;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      if (v === '{command}') return command;
      return fillTemplate(v, values);
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return stringifyYaml(walk(doc));
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
  const kubectl = (...args: string[]): string[] => [
    'kubectl',
    ...(kube.kubeconfig ? ['--kubeconfig', kube.kubeconfig] : []),
    ...(kube.context ? ['--context', kube.context] : []),
    ...(kube.namespace ? ['--namespace', kube.namespace] : []),
    ...args,
  ];
  const t = cluster.timeouts;
  const ns = kube.namespace ?? 'default';
  const journalDir = posix.join(options.campaign.replace(/\\/g, '/'), JOURNAL_DIR);
  const staging = `${journalDir}/staging`;
  const resolvePath = options.resolvePath ?? ((p: string) => p);
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
    const need = <K extends keyof DatabaseSettings>(k: K): NonNullable<DatabaseSettings[K]> => {
      const v = s[k];
      if (v === undefined) throw new AdapterError(`databases.${g.db}.${String(k)} is needed to rebuild ${g.key}; set it in the experiment file`);
      return v as NonNullable<DatabaseSettings[K]>;
    };
    const sts = need('statefulset');
    const steps: ExecStep[] = [];
    const gk = g.key;
    steps.push({
      id: `teardown:${gk}`,
      kind: 'teardown',
      group: gk,
      title: `tear down ${sts} and its volumes`,
      commands: [
        { argv: kubectl('delete', 'statefulset', sts, '--cascade=foreground', '--ignore-not-found', '--wait=true', `--timeout=${t.teardown}s`) },
        { argv: kubectl('delete', 'pvc', '-l', need('label'), '--ignore-not-found', '--wait=true', `--timeout=${t.teardown}s`) },
      ],
      timeoutSeconds: t.teardown,
    });
    const replicas = fill(need('replicas'), g.factors, undefined, 'replicas');
    if (!/^\d+$/.test(replicas)) throw new AdapterError(`databases.${g.db}.replicas: expected a whole number for ${gk}, found ${JSON.stringify(replicas)}`);
    steps.push({
      id: `deploy:${gk}`,
      kind: 'deploy',
      group: gk,
      title: `deploy ${sts} with ${replicas} replicas`,
      commands: [
        { argv: kubectl('create', '-f', resolvePath(need('manifest'))) },
        { argv: kubectl('scale', 'statefulset', sts, `--replicas=${replicas}`) },
      ],
      timeoutSeconds: t.deploy,
    });
    const ready: Command[] = [{ argv: kubectl('rollout', 'status', `statefulset/${sts}`, `--timeout=${t.ready}s`) }];
    if (s.ready === 'nodetool') {
      ready.push({ argv: kubectl('exec', s.readyPod ?? `${sts}-0`, '--', 'nodetool', 'status'), expect: { kind: 'nodetool-up', nodes: Number(replicas) } });
    }
    steps.push({ id: `ready:${gk}`, kind: 'ready', group: gk, title: `wait until ${sts} is ready`, commands: ready, timeoutSeconds: t.ready });

    const execIn = (argv: string[]): string[] =>
      kubectl('exec', cluster.clientPod, ...(cluster.clientContainer ? ['-c', cluster.clientContainer] : []), '--', ...argv);
    const fetchFrom = (remote: string, local: string): Fetch =>
      cluster.outputs.hostPath
        ? { kind: 'hostPath', path: `${cluster.outputs.hostPath.replace(/\/$/, '')}/${remote}` }
        : {
            kind: 'cp',
            argv: kubectl('cp', `${cluster.outputs.pod ?? cluster.clientPod}:${cluster.outputs.path.replace(/\/$/, '')}/${remote}`, ...(cluster.clientContainer ? ['-c', cluster.clientContainer] : []), local),
          };

    const loadArgv = need('load').map((a, i) => fill(a, g.load.factors, undefined, `load[${i}]`));
    const loadRemote = fill(need('remoteOutput').load ?? '', g.load.factors, undefined, 'remoteOutput.load');
    steps.push({
      id: `load:${gk}`,
      kind: 'load',
      group: gk,
      title: `load ${g.load.factors.recordcount ?? ''} records${g.load.factors.workload ? ` (workload ${g.load.factors.workload})` : ''}`.replace('load  records', 'load the data'),
      commands: [{ argv: execIn(loadArgv) }],
      timeoutSeconds: t.load,
      fetch: fetchFrom(loadRemote, `${staging}/${g.load.name}`),
      name: g.load.name,
      factors: g.load.factors,
      ...(g.load.output ? { output: g.load.output } : {}),
    });

    for (const r of g.runs) {
      runs++;
      const runArgv = need('run').map((a, i) => fill(a, r.factors, r.rep, `run[${i}]`));
      const remote = fill(need('remoteOutput').run ?? '', r.factors, r.rep, 'remoteOutput.run');
      const base = {
        id: `run:${r.id}`,
        kind: 'run' as const,
        group: gk,
        title: `run ${Object.entries(r.factors).filter(([k]) => !(k in g.factors)).map(([k, v]) => `${k}=${v}`).join(' ')}`,
        timeoutSeconds: t.run,
        output: r.output,
        name: r.output.split('/').pop() ?? r.output,
        rep: r.rep,
        factors: r.factors,
        reason: r.reason,
        ...(r.replaces ? { replaces: r.replaces } : {}),
      };
      if (options.adapter === 'kubectl-exec') {
        steps.push({ ...base, commands: [{ argv: execIn(runArgv) }], fetch: fetchFrom(remote, `${staging}/${base.name}`) });
      } else {
        const job = cluster.job;
        if (!options.jobTemplate) throw new AdapterError('the kubectl-job adapter needs a Job template (cluster.job.template, default templates/job.yaml)');
        const name = jobName(r);
        const vol = job.outputVolume;
        const manifest = renderJob(
          options.jobTemplate,
          {
            name,
            namespace: ns,
            image: job.image ?? 'ycsb-benchmark',
            db: g.db,
            rep: String(r.rep),
            outputsHostPath: vol?.hostPath ?? '/tmp/ycsb_outputs',
            outputsMountPath: vol?.mountPath ?? cluster.outputs.path,
          },
          runArgv,
        );
        const file = `${journalDir}/jobs/${name}.yaml`;
        steps.push({
          ...base,
          files: [{ path: file, content: manifest }],
          commands: [
            { argv: kubectl('delete', 'job', name, '--ignore-not-found', '--wait=true') },
            { argv: kubectl('create', '-f', file) },
            { argv: kubectl('wait', '--for=condition=complete', `job/${name}`, `--timeout=${t.run}s`) },
          ],
          fetch: vol ? { kind: 'hostPath', path: `${vol.hostPath.replace(/\/$/, '')}/${remote}` } : { kind: 'logs', argv: kubectl('logs', `job/${name}`) },
        });
      }
    }
    groups.push({ key: gk, factors: g.factors, steps });
  }
  return {
    schema: 'ycsb-analyze/fill-plan@1',
    adapter: options.adapter,
    campaign: options.campaign,
    journalDir,
    kube,
    order: core.order,
    ...(core.seed !== undefined ? { seed: core.seed } : {}),
    retries: options.retries,
    totals: { groups: groups.length, runs, steps: groups.reduce((s, g) => s + g.steps.length, 0) },
    groups,
  };
}

/** Quote one argument for display the way a POSIX shell would read it back (display only). */
export function shellQuote(arg: string): string {
  if (arg !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The plan as the commands it would run, grouped by cluster configuration. */
export function formatPlan(plan: ExecPlan): string {
  const lines: string[] = [];
  lines.push(
    `# fill plan (${plan.schema}): ${plan.totals.runs} runs in ${plan.totals.groups} cluster configurations, ${plan.totals.steps} steps, adapter ${plan.adapter}, order ${plan.order}${plan.seed !== undefined ? ` (seed ${plan.seed})` : ''}`,
  );
  lines.push(`# kubectl context: ${plan.kube.context ?? 'none named: --execute refuses until the plan names one (--context NAME or cluster.context in the experiment file)'}${plan.kube.namespace ? `, namespace ${plan.kube.namespace}` : ''}`);
  lines.push('# nothing has run: add --execute to run these steps');
  for (const g of plan.groups) {
    lines.push('', `## ${g.key}`);
    for (const s of g.steps) {
      lines.push(`# ${s.kind}: ${s.title}${s.reason && s.reason !== 'missing' ? ` (${s.reason === 'ci-target' ? 'for the CI target' : `replaces ${s.replaces ?? 'a failed run'}`})` : ''}`);
      for (const f of s.files ?? []) lines.push(`#   writes ${f.path}`);
      for (const c of s.commands) {
        lines.push(c.argv.map(shellQuote).join(' ') + (c.expect ? `   # until every one of ${c.expect.nodes} nodes is UN` : ''));
      }
      if (s.fetch) {
        const dest = s.output ?? `${plan.journalDir}/loads/${s.name} (the campaign already has its load output)`;
        if (s.fetch.kind === 'hostPath') lines.push(`#   read ${s.fetch.path} -> ${dest}`);
        else lines.push(`${s.fetch.argv.map(shellQuote).join(' ')}${s.fetch.kind === 'logs' ? ` > ${shellQuote(`${plan.journalDir}/staging/${s.name}`)}` : ''}`, `#   -> ${dest}`);
      }
    }
  }
  return lines.join('\n') + '\n';
}
