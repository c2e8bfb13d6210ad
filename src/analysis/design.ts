/**
 * The expected design of a campaign: which configurations, how many repetitions, how outputs are named.
 *
 * ```
 * experiment.yaml ──parseExperiment──► Experiment ──designFromExperiment──┐
 *                                                                          ├──► Design ──► gaps ──► plan
 * Run[] (observed) ─────────────────────────────────designFromRuns────────┘
 * Run[] ──inferNaming──► Naming (factors + rep -> the campaign's own file name)
 * ```
 * Pure: no file system. The experiment file is validated with a JSON schema; every error names the
 * key path, its line, what was expected and what was found.
 */
import { Ajv, type ErrorObject } from 'ajv';
import { LineCounter, parseDocument, isNode } from 'yaml';
import type { Factors, Run } from '../model/index.js';
import { canonicalFactor, compareLevels } from '../model/index.js';

// ---------------------------------------------------------------------------------------------
// Factor values and keys

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

/** Stable key of a set of factors: `db=cassandra,nodes=15,rf=1` (db first, then names sorted). */
export function configKey(factors: Factors): string {
  return Object.keys(factors)
    .sort((a, b) => (a === 'db' ? -1 : b === 'db' ? 1 : a < b ? -1 : a > b ? 1 : 0))
    .map((k) => `${k}=${factors[k]}`)
    .join(',');
}


// ---------------------------------------------------------------------------------------------
// The experiment file

/** An argv template: each element is text with {placeholders}. */
export type ArgvTemplate = string[];

export interface DatabaseSettings {
  /** Factors only this database has (nodes, bs, fs…), crossed with the common factors. */
  factors: Record<string, string[]>;
  /** Constants available to the templates (e.g. commutative: off). */
  params: Record<string, string>;
  /** Name of the StatefulSet torn down and deployed for each configuration. */
  statefulset?: string;
  /** Manifest file created at deploy time (relative to the experiment file). */
  manifest?: string;
  /** Label selector of the StatefulSet's PersistentVolumeClaims. */
  label?: string;
  /** Replica count template, e.g. "{nodes}". */
  replicas?: string;
  /** Extra readiness check after `rollout status`: nodetool (every node UN) or none. */
  ready: 'nodetool' | 'none';
  /** Pod that runs nodetool (default: <statefulset>-0). */
  readyPod?: string;
  /** The host the client scripts connect to ({host} in the templates). */
  host?: string;
  /** Script argv templates, run inside the client pod (kubectl-exec) or as a Job (kubectl-job). */
  load?: ArgvTemplate;
  run?: ArgvTemplate;
  /** The file name the scripts write inside the outputs folder. */
  remoteOutput?: { run?: string; load?: string };
  /** The campaign's own naming for this database (overrides output). */
  output?: { run?: string; load?: string };
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
  /** Seconds per step. */
  timeouts: { teardown: number; deploy: number; ready: number; load: number; run: number; fetch: number };
  /** kubectl-job adapter settings. */
  job: { template?: string; image?: string; outputVolume?: { hostPath: string; mountPath: string } };
}

export interface Experiment {
  version: 1;
  /** Where it came from (a path), for messages. */
  source: string;
  repetitions: number;
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

const levelList = { type: 'array', items: { type: ['string', 'number'] }, minItems: 1 };
const argv = { type: 'array', items: { type: 'string' }, minItems: 1 };
const naming = {
  type: 'object',
  additionalProperties: false,
  properties: { run: { type: 'string' }, load: { type: 'string' } },
};

/** JSON schema of the experiment file (version 1). */
export const EXPERIMENT_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['version', 'databases'],
  properties: {
    version: { const: 1 },
    repetitions: { type: 'integer', minimum: 1, maximum: 100000 },
    factors: { type: 'object', additionalProperties: levelList },
    runFactors: { type: 'array', items: { type: 'string' } },
    loadOutputs: { type: 'boolean' },
    adapter: { enum: ['kubectl-exec', 'kubectl-job'] },
    output: naming,
    databases: {
      type: 'object',
      minProperties: 1,
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: {
          factors: { type: 'object', additionalProperties: levelList },
          params: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } },
          statefulset: { type: 'string' },
          manifest: { type: 'string' },
          label: { type: 'string' },
          replicas: { type: ['string', 'integer'] },
          ready: { enum: ['nodetool', 'none'] },
          readyPod: { type: 'string' },
          host: { type: 'string' },
          load: argv,
          run: argv,
          remoteOutput: naming,
          output: naming,
        },
      },
    },
    cluster: {
      type: 'object',
      additionalProperties: false,
      properties: {
        context: { type: 'string' },
        namespace: { type: 'string' },
        kubeconfig: { type: 'string' },
        clientPod: { type: 'string' },
        clientContainer: { type: 'string' },
        outputs: {
          type: 'object',
          additionalProperties: false,
          properties: { hostPath: { type: 'string' }, pod: { type: 'string' }, path: { type: 'string' } },
        },
        timeouts: {
          type: 'object',
          additionalProperties: false,
          properties: Object.fromEntries(
            ['teardown', 'deploy', 'ready', 'load', 'run', 'fetch'].map((k) => [k, { type: 'number', exclusiveMinimum: 0 }]),
          ),
        },
        job: {
          type: 'object',
          additionalProperties: false,
          properties: {
            template: { type: 'string' },
            image: { type: 'string' },
            outputVolume: {
              type: 'object',
              additionalProperties: false,
              required: ['hostPath', 'mountPath'],
              properties: { hostPath: { type: 'string' }, mountPath: { type: 'string' } },
            },
          },
        },
      },
    },
  },
} as const;

/** An experiment file that does not validate; `problems` are full sentences with key path and line. */
export class ExperimentError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source}: invalid experiment file:\n  ${problems.join('\n  ')}`);
    this.name = 'ExperimentError';
  }
}

let compiled: ReturnType<Ajv['compile']> | undefined;
function validator() {
  if (!compiled) compiled = new Ajv({ allErrors: true, strict: false }).compile(EXPERIMENT_SCHEMA);
  return compiled;
}

function describeError(e: ErrorObject): { path: string[]; text: string } {
  const path = e.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const where = path.length ? path.join('.') : '(top level)';
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(p.additionalProperty);
      const parent = schemaAt(path);
      const allowed = parent ? Object.keys(parent).join(', ') : '';
      return {
        path: [...path, key],
        text: `${[...path, key].join('.')}: unknown key${allowed ? ` (expected one of: ${allowed})` : ''}`,
      };
    }
    case 'required':
      return { path, text: `${where}: missing key ${String(p.missingProperty)}` };
    case 'enum':
      return { path, text: `${where}: expected one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'const':
      return { path, text: `${where}: expected ${JSON.stringify(p.allowedValue)}` };
    case 'type':
      return { path, text: `${where}: expected ${String(p.type).replace(/,/g, ' or ')}` };
    default:
      return { path, text: `${where}: ${e.message ?? e.keyword}` };
  }
}

/** The `properties` of the schema object at a data path (for "expected one of" lists). */
function schemaAt(path: string[]): Record<string, unknown> | undefined {
  let s: any = EXPERIMENT_SCHEMA;
  for (const key of path) {
    if (s?.properties?.[key]) s = s.properties[key];
    else if (s?.additionalProperties && typeof s.additionalProperties === 'object') s = s.additionalProperties;
    else return undefined;
  }
  return s?.properties;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : String(v);
}

/**
 * Parse and validate an experiment file (YAML or JSON text).
 * @throws ExperimentError listing every problem: `key.path (line N): what was expected`.
 */
export function parseExperiment(text: string, source: string): Experiment {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length) {
    throw new ExperimentError(
      source,
      doc.errors.map((e) => `line ${lineCounter.linePos(e.pos[0]).line}: ${e.message.split('\n')[0]}`),
    );
  }
  const data = doc.toJS() as unknown;
  const lineOf = (path: string[]): string => {
    for (let n = path.length; n > 0; n--) {
      const node = doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return ` (line ${lineCounter.linePos(node.range[0]).line})`;
      // A key that is itself the problem: find the pair in the parent map.
      const parent = doc.getIn(path.slice(0, n - 1), true) as any;
      const pair = parent?.items?.find((it: any) => it?.key?.value === path[n - 1]);
      if (pair?.key?.range) return ` (line ${lineCounter.linePos(pair.key.range[0]).line})`;
    }
    return '';
  };
  const validate = validator();
  if (!validate(data)) {
    const problems = (validate.errors ?? []).map((e) => {
      const d = describeError(e);
      return `${d.text}${lineOf(d.path)}`;
    });
    throw new ExperimentError(source, [...new Set(problems)]);
  }
  const raw = data as any;
  const problems: string[] = [];
  const levels = (where: string, obj: Record<string, unknown[]> | undefined): Record<string, string[]> => {
    const out: Record<string, string[]> = {};
    for (const [k, vs] of Object.entries(obj ?? {})) {
      const name = canonicalFactor(k);
      out[name] = vs.map(str);
      for (const v of out[name]) {
        try {
          checkLevel(name, v);
        } catch (e) {
          problems.push(`${where}.${k}: ${(e as Error).message}${lineOf([...where.split('.'), k])}`);
        }
      }
    }
    return out;
  };
  const factors = levels('factors', raw.factors);
  const databases: Record<string, DatabaseSettings> = {};
  for (const [db, s] of Object.entries<any>(raw.databases)) {
    try {
      checkLevel('db', db);
    } catch (e) {
      problems.push(`databases.${db}: ${(e as Error).message}${lineOf(['databases', db])}`);
    }
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(s.params ?? {})) params[k] = str(v);
    databases[db] = {
      factors: levels(`databases.${db}.factors`, s.factors),
      params,
      statefulset: s.statefulset,
      manifest: s.manifest,
      label: s.label,
      replicas: s.replicas === undefined ? undefined : str(s.replicas),
      ready: s.ready ?? 'none',
      readyPod: s.readyPod,
      host: s.host,
      load: s.load,
      run: s.run,
      remoteOutput: s.remoteOutput,
      output: s.output,
    };
  }
  const c = raw.cluster ?? {};
  const exp: Experiment = {
    version: 1,
    source,
    repetitions: raw.repetitions ?? 30,
    factors,
    databases,
    runFactors: (raw.runFactors ?? DEFAULT_RUN_FACTORS).map(canonicalFactor),
    loadOutputs: raw.loadOutputs ?? true,
    output: raw.output ?? {},
    adapter: raw.adapter ?? 'kubectl-exec',
    cluster: {
      context: c.context,
      namespace: c.namespace,
      kubeconfig: c.kubeconfig,
      clientPod: c.clientPod ?? 'ycsb-benchmark',
      clientContainer: c.clientContainer,
      outputs: { path: '/ycsb_outputs', ...(c.outputs ?? {}) },
      timeouts: { ...DEFAULT_TIMEOUTS, ...(c.timeouts ?? {}) },
      job: c.job ?? {},
    },
  };
  // Templates may only name known placeholders.
  for (const [db, s] of Object.entries(databases)) {
    const known = new Set(['db', 'rep', 'phase', 'host', ...Object.keys(factors), ...Object.keys(s.factors), ...Object.keys(s.params)]);
    const check = (where: string[], t: string | undefined) => {
      if (t === undefined) return;
      for (const name of placeholders(t)) {
        if (!known.has(name)) problems.push(`${where.join('.')}: unknown placeholder {${name}} (expected one of: ${[...known].map((k) => `{${k}}`).join(', ')})${lineOf(where)}`);
      }
    };
    s.load?.forEach((t, i) => check(['databases', db, 'load', String(i)], t));
    s.run?.forEach((t, i) => check(['databases', db, 'run', String(i)], t));
    for (const k of ['run', 'load'] as const) {
      check(['databases', db, 'remoteOutput', k], s.remoteOutput?.[k]);
      check(['databases', db, 'output', k], s.output?.[k]);
      check(['output', k], exp.output[k]);
    }
    check(['databases', db, 'replicas'], s.replicas);
  }
  if (problems.length) throw new ExperimentError(source, [...new Set(problems)]);
  return exp;
}

export const DEFAULT_RUN_FACTORS = ['workload', 'threads', 'operationcount', 'target'];
export const DEFAULT_TIMEOUTS = { teardown: 900, deploy: 600, ready: 1800, load: 7200, run: 3600, fetch: 300 };

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

// ---------------------------------------------------------------------------------------------
// The design

export interface DesignConfiguration {
  /** configKey(factors). */
  key: string;
  /** The run-phase factors, without rep and phase. */
  factors: Factors;
}

export interface Design {
  source: 'experiment' | 'observed';
  repetitions: number;
  /** Every expected run-phase configuration, in a stable order. */
  configurations: DesignConfiguration[];
  /** Factors that vary between runs of one deployment (the rest define the cluster configuration). */
  runFactors: string[];
  /** Whether one load output per cluster configuration is expected. */
  loadOutputs: boolean;
}

function cross(levels: [string, string[]][]): Factors[] {
  let out: Factors[] = [{}];
  for (const [name, values] of levels) {
    const next: Factors[] = [];
    for (const f of out) for (const v of values) next.push({ ...f, [name]: v });
    out = next;
  }
  return out;
}

function sortConfigs(configs: DesignConfiguration[]): DesignConfiguration[] {
  return configs.sort((a, b) => compareLevels(a.key, b.key));
}

/** The design an experiment file describes: per database, its factors × the common ones. */
export function designFromExperiment(exp: Experiment): Design {
  const configurations: DesignConfiguration[] = [];
  for (const [db, s] of Object.entries(exp.databases)) {
    const levels: [string, string[]][] = Object.entries({ ...exp.factors, ...s.factors });
    for (const f of cross(levels)) {
      const factors = { db, ...f };
      configurations.push({ key: configKey(factors), factors });
    }
  }
  return {
    source: 'experiment',
    repetitions: exp.repetitions,
    configurations: sortConfigs(configurations),
    runFactors: exp.runFactors,
    loadOutputs: exp.loadOutputs,
  };
}

/** The factors that place a run in the design: from its name when the name gave any, without rep. */
export function designFactors(run: Run): Factors {
  const named = run.origin?.fromName && Object.keys(run.origin.fromName).length > 0 ? run.origin.fromName : run.factors;
  const out: Factors = {};
  for (const [k, v] of Object.entries(named)) if (k !== 'rep' && k !== 'phase') out[k] = v;
  if (out.db === undefined && run.factors.db !== undefined) out.db = run.factors.db;
  return out;
}

/** The phase of a run (run unless it says load). */
export function phaseOf(run: Run): 'load' | 'run' {
  return (run.factors.phase ?? run.origin?.fromName?.phase) === 'load' ? 'load' : 'run';
}

/** Runs that can be placed in a design: YCSB outputs (or attempts at one) with a rep number. */
export function placeable(run: Run): boolean {
  return run.status !== 'not-ycsb';
}

/**
 * The design implied by the data: per database, the levels observed of each factor, crossed,
 * × `reps` repetitions (default: the largest rep seen). Factors are crossed within a database
 * because databases often have factors of their own (Citus' batch and fetch sizes, node counts).
 */
export function designFromRuns(runs: Run[], reps?: number): Design {
  const byDb = new Map<string, Map<string, Set<string>>>();
  let maxRep = 0;
  let loads = false;
  for (const run of runs) {
    if (!placeable(run)) continue;
    if (phaseOf(run) === 'load') {
      loads = true;
      continue;
    }
    const f = designFactors(run);
    const db = f.db ?? '';
    let m = byDb.get(db);
    if (!m) byDb.set(db, (m = new Map()));
    for (const [k, v] of Object.entries(f)) {
      if (k === 'db') continue;
      let s = m.get(k);
      if (!s) m.set(k, (s = new Set()));
      s.add(v);
    }
    const rep = Number(run.factors.rep);
    if (Number.isInteger(rep) && rep > maxRep) maxRep = rep;
  }
  const configurations: DesignConfiguration[] = [];
  for (const [db, m] of byDb) {
    const levels: [string, string[]][] = [...m.entries()]
      .sort((a, b) => a[0].localeCompare(b[0]))
      .map(([k, s]) => [k, [...s].sort(compareLevels)]);
    for (const f of cross(levels)) {
      const factors = db === '' ? f : { db, ...f };
      configurations.push({ key: configKey(factors), factors });
    }
  }
  return {
    source: 'observed',
    repetitions: reps ?? maxRep,
    configurations: sortConfigs(configurations),
    runFactors: DEFAULT_RUN_FACTORS,
    loadOutputs: loads,
  };
}

/** The cluster configuration of a run configuration: its factors less the run factors. */
export function clusterFactors(factors: Factors, runFactors: string[]): Factors {
  const out: Factors = {};
  for (const [k, v] of Object.entries(factors)) if (!runFactors.includes(k)) out[k] = v;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Naming: the campaign's own file names, learnt from the files

/** A learnt file-name shape: literal parts and factor slots. */
export interface NameShape {
  phase: 'load' | 'run';
  db?: string;
  /** Literal text or a {factor} slot, in order. */
  parts: ({ text: string } | { factor: string })[];
  /** How many files it was learnt from. */
  support: number;
}

export interface Naming {
  /** The file name (relative to the campaign folder) for these factors and rep, or an error. */
  name(phase: 'load' | 'run', factors: Factors, rep: number): { name: string } | { error: string };
  shapes: NameShape[];
}

const TOKEN = /([A-Za-z0-9]+)|([^A-Za-z0-9]+)/g;

function tokenize(name: string): string[] {
  return [...name.matchAll(TOKEN)].map((m) => m[0]);
}

/** The template text of a shape, e.g. `{db}-exec-{nodes}-{recordcount}-{workload}-{rep}-rf_{rf}.txt`. */
export function shapeTemplate(shape: NameShape): string {
  return shape.parts.map((p) => ('text' in p ? p.text : `{${p.factor}}`)).join('');
}

/**
 * Learn how the campaign names its files: files are grouped by shape (same literal tokens where
 * values do not vary), and each varying token is tied to the factor whose value it always equals.
 * Templates given explicitly (from the experiment file) win.
 */
export function inferNaming(
  runs: Run[],
  explicit?: (phase: 'load' | 'run', db: string) => string | undefined,
): Naming {
  // 1. Group names by token skeleton: tokens, with alphanumeric runs that equal some factor value blanked.
  type Sample = { tokens: string[]; factors: Factors; phase: 'load' | 'run' };
  const groups = new Map<string, Sample[]>();
  for (const run of runs) {
    if (!placeable(run) || run.factors.rep === undefined) continue;
    const phase = phaseOf(run);
    const factors: Factors = { ...designFactors(run), rep: run.factors.rep };
    const tokens = tokenize(run.file);
    const values = new Set(Object.values(factors));
    const skeleton = tokens.map((t) => (/^[A-Za-z0-9]+$/.test(t) && values.has(t) ? '\u0000' : t)).join('');
    const k = `${phase}\u0001${factors.db ?? ''}\u0001${Object.keys(factors).sort().join(',')}\u0001${tokens.length}\u0001${skeleton}`;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push({ tokens, factors, phase });
  }
  // 2. Per group, decide each token: literal when constant and tied to no factor that varies.
  const shapes: NameShape[] = [];
  for (const samples of groups.values()) {
    const first = samples[0];
    const parts: NameShape['parts'] = [];
    let ok = true;
    for (let i = 0; i < first.tokens.length; i++) {
      const tok = first.tokens[i];
      const constant = samples.every((s) => s.tokens[i] === tok);
      // Candidate factors: equal to the token in every sample.
      const candidates = Object.keys(first.factors).filter((f) => samples.every((s) => s.tokens[i] === s.factors[f]));
      if (!/^[A-Za-z0-9]+$/.test(tok) || (constant && candidates.length === 0)) {
        if (!constant) {
          ok = false;
          break;
        }
        parts.push({ text: tok });
        continue;
      }
      if (candidates.length === 0) {
        ok = false;
        break;
      }
      // Prefer a factor that varies in the group; then the rep; then canonical order.
      const varies = (f: string) => new Set(samples.map((s) => s.factors[f])).size > 1;
      const order = ['db', 'nodes', 'recordcount', 'workload', 'rep', 'rf'];
      candidates.sort((a, b) => {
        const va = varies(a) ? 0 : 1;
        const vb = varies(b) ? 0 : 1;
        if (va !== vb) return va - vb;
        const oa = order.indexOf(a) < 0 ? 99 : order.indexOf(a);
        const ob = order.indexOf(b) < 0 ? 99 : order.indexOf(b);
        return oa - ob;
      });
      // A constant token that equals a factor which never varies here: keep it a slot only if that
      // factor is the database's own (db) or is a recognised factor; else a literal would do as well.
      parts.push({ factor: candidates[0] });
    }
    if (!ok) continue;
    // The rep must have a slot in run names (else every repetition would share one name).
    if (first.phase === 'run' && !parts.some((p) => 'factor' in p && p.factor === 'rep')) continue;
    shapes.push({ phase: first.phase, db: first.factors.db, parts, support: samples.length });
  }
  shapes.sort((a, b) => b.support - a.support);

  const name = (phase: 'load' | 'run', factors: Factors, rep: number): { name: string } | { error: string } => {
    const values: Record<string, string> = { ...factors, rep: String(rep), phase };
    const given = explicit?.(phase, factors.db ?? '');
    if (given) {
      try {
        return { name: fillTemplate(given, values) };
      } catch (e) {
        return { error: (e as Error).message };
      }
    }
    const fits = shapes.filter(
      (s) =>
        s.phase === phase &&
        (s.db === undefined || s.db === factors.db) &&
        s.parts.every((p) => 'text' in p || values[p.factor] !== undefined),
    );
    // Prefer the shape that uses the most factors (the most specific).
    fits.sort((a, b) => b.parts.filter((p) => 'factor' in p).length - a.parts.filter((p) => 'factor' in p).length || b.support - a.support);
    const shape = fits[0];
    if (!shape) {
      return {
        error: `cannot tell how this campaign names ${phase} outputs of ${configKey(factors)}: no existing file of that database and phase to learn from; give output.${phase} in an experiment file`,
      };
    }
    return { name: fillTemplate(shapeTemplate(shape), values) };
  };
  return { name, shapes };
}
