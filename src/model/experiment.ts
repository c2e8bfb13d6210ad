/**
 * The experiment file as data: the settings it holds and the defaults of the keys it leaves out,
 * and the two rules every part that uses it shares: which factor levels are safe in a file name and
 * a command argument, and how {placeholders} are filled.
 *
 * Read and validated by src/ingest/experiment.ts (parseExperiment); turned into a design by
 * src/analysis/design.ts; turned into kubectl commands by src/exec/adapters.ts. Imports nothing.
 */

// ---------------------------------------------------------------------------------------------
// Factor values

/** A level that can go into a file name and a command argument as it is. */
const SAFE_LEVEL = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/** A factor value (or parameter) that would make a bad file name or argument. */
export class UnsafeValueError extends Error {
  constructor(
    readonly factor: string,
    readonly value: string,
  ) {
    super(
      `factor ${factor}: value ${JSON.stringify(value)} cannot be used in a file name or a command argument ` +
        `(expected letters, digits, '.', '_' or '-', not starting with '.' or '-', at most 100 characters)`,
    );
    this.name = 'UnsafeValueError';
  }
}

/** Throw an UnsafeValueError unless `value` is safe as a file-name part and a command argument. */
export function checkLevel(factor: string, value: string): void {
  if (!SAFE_LEVEL.test(value) || value.length > 100) throw new UnsafeValueError(factor, value);
}

// ---------------------------------------------------------------------------------------------
// The experiment file

/** An argv template: each element is text with {placeholders}. */
export type ArgvTemplate = string[];

/** A StatefulSet rebuilt with a database's main one (the Citus coordinator beside its workers). */
export interface ComponentSettings {
  statefulset: string;
  /** Manifest created at deploy time (relative to the experiment file). */
  manifest: string;
  /** Label selector of its PersistentVolumeClaims, deleted at teardown. */
  label?: string;
  /** Replica count template, e.g. "1"; the manifest's own count when absent. */
  replicas?: string;
}

export interface DatabaseSettings {
  /** Factors only this database has (nodes, bs, fs…), crossed with the common factors. */
  factors: Record<string, string[]>;
  /** Constants available to the templates (e.g. commutative: off). */
  params: Record<string, string>;
  /** Name of the StatefulSet torn down and deployed for each configuration. */
  statefulset?: string;
  /** Manifest file created at deploy time (relative to the experiment file). A required input:
   * fill refuses before any teardown when it does not exist. */
  manifest?: string;
  /** Label selector of the StatefulSet's PersistentVolumeClaims. */
  label?: string;
  /** Replica count template, e.g. "{nodes}". */
  replicas?: string;
  /** Other StatefulSets torn down and rebuilt with this one, created before it (Citus: the coordinator). */
  rebuildAlso?: ComponentSettings[];
  /** Manifests applied (`kubectl apply -f`, idempotent) before the deploy and never torn down
   * (Cassandra's headless Service). Relative to the experiment file. */
  apply?: string[];
  /** Extra readiness check after `rollout status`: nodetool (every node UN) or none. */
  ready: 'nodetool' | 'none';
  /** Pod that runs nodetool (default: <statefulset>-0). */
  readyPod?: string;
  /** The host the client scripts connect to ({host} in the templates). */
  host?: string;
  /** Script argv templates, run inside the client pod (kubectl-exec) or as a Job (kubectl-job). */
  load?: ArgvTemplate;
  run?: ArgvTemplate;
  /** The file name the scripts are expected to write inside the outputs folder. The output is the
   * file that appears or changes there during the run; a different name is reported, not fatal. */
  remoteOutput?: { run?: string; load?: string };
  /** The campaign's own naming for this database (overrides output). */
  output?: { run?: string; load?: string };
}

/** How each repetition runs as a Kubernetes Job (`--adapter kubectl-job`): the fields of the Job
 * the tool builds (as data, never from a text template). */
export interface JobSettings {
  image?: string;
  imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
  /** Pin the Job's pod to a node (the study's client runs on `rpicloud`). */
  nodeName?: string;
  nodeSelector?: Record<string, string>;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  /** Pod retries inside the Job (default 0: a failed run is retried by fill, after its evidence is saved). */
  backoffLimit?: number;
  /** Seconds before Kubernetes stops the Job (default: the run step's timeout). */
  activeDeadlineSeconds?: number;
  /** Seconds a finished Job is kept before Kubernetes deletes it (default 3600). */
  ttlSecondsAfterFinished?: number;
  /** hostPath volumes mounted in the Job's container (default: the study's scripts and outputs folders). */
  volumes?: { name: string; hostPath: string; mountPath: string; type?: string }[];
}

export interface ClusterSettings {
  context?: string;
  namespace?: string;
  kubeconfig?: string;
  /** Pod the scripts run in (kubectl exec). */
  clientPod: string;
  /** Container of the client pod, when it has several. */
  clientContainer?: string;
  /** Where the scripts' outputs are read back: a local hostPath folder, or `kubectl cp` from the pod. */
  outputs: { hostPath?: string; pod?: string; path: string };
  /** A local copy of the scripts folder the client pod mounts (relative to the experiment file):
   * lets the plan read the arguments the scripts fix (operationcount…) before anything runs. */
  scripts?: string;
  /** Seconds per step. */
  timeouts: { teardown: number; deploy: number; ready: number; load: number; run: number; fetch: number };
  /** kubectl-job adapter settings. */
  job: JobSettings;
}

/** When the data is loaded: once per deployment (after its deploy), or again before every repetition. */
export type ReloadPolicy = 'deployment' | 'repetition';

export interface Experiment {
  version: 1;
  /** Where it came from (a path), for messages. */
  source: string;
  /** Repetitions per configuration; with `deployments`, per deployment. */
  repetitions: number;
  /** Deployments per configuration (each a teardown, deploy and load, then its repetitions): the
   * repetitions are nested in them (the `deployment` factor). Absent: one deployment, not a factor. */
  deployments?: number;
  /** When the data is loaded (default 'deployment': once, after the deploy). */
  reload: ReloadPolicy;
  /** Common factors, crossed for every database. */
  factors: Record<string, string[]>;
  databases: Record<string, DatabaseSettings>;
  /** Factors that change from run to run without rebuilding the cluster. */
  runFactors: string[];
  /** Whether one load output per cluster configuration is expected. */
  loadOutputs: boolean;
  output: { run?: string; load?: string };
  cluster: ClusterSettings;
  adapter: 'kubectl-exec' | 'kubectl-job';
}

export const DEFAULT_RUN_FACTORS = ['workload', 'threads', 'operationcount', 'target'];
export const DEFAULT_TIMEOUTS = { teardown: 900, deploy: 600, ready: 1800, load: 7200, run: 3600, fetch: 300 };

// ---------------------------------------------------------------------------------------------
// Templates

/** The {names} used by a template. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]);
}

/**
 * Fill a template's {placeholders}.
 * @throws Error naming the placeholder when a value is missing.
 */
export function fillTemplate(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{([^{}]+)\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`template ${JSON.stringify(template)}: no value for {${name}}`);
    return String(v);
  });
}
