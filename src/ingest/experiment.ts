/**
 * The experiment file: YAML (or JSON) text in, a validated Experiment out.
 *
 * ```
 * text ──1. YAML (line counter)──► document ──2. JSON schema (ajv)──► raw object
 *      ──3. levels and names checked safe, defaults filled in──► Experiment
 *      ──4. every template may name only known {placeholders}──► Experiment (or ExperimentError)
 * ```
 * Pure: no file system (the caller reads the file). Every error names the key path, its line, what
 * was expected and what was found.
 */
import { Ajv, type ErrorObject } from 'ajv';
import { LineCounter, parseDocument, isNode } from 'yaml';
import {
  canonicalFactor,
  checkLevel,
  DEFAULT_RUN_FACTORS,
  DEFAULT_TIMEOUTS,
  placeholders,
  type DatabaseSettings,
  type Experiment,
} from '../model/index.js';

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
    deployments: { type: 'integer', minimum: 1, maximum: 1000 },
    reload: { enum: ['deployment', 'repetition'] },
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
          rebuildAlso: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['statefulset', 'manifest'],
              properties: {
                statefulset: { type: 'string' },
                manifest: { type: 'string' },
                label: { type: 'string' },
                replicas: { type: ['string', 'integer'] },
              },
            },
          },
          apply: { type: 'array', items: { type: 'string' } },
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
        scripts: { type: 'string' },
        job: {
          type: 'object',
          additionalProperties: false,
          properties: {
            image: { type: 'string' },
            imagePullPolicy: { enum: ['Always', 'IfNotPresent', 'Never'] },
            nodeName: { type: 'string' },
            nodeSelector: { type: 'object', additionalProperties: { type: 'string' } },
            resources: {
              type: 'object',
              additionalProperties: false,
              properties: {
                requests: { type: 'object', additionalProperties: { type: ['string', 'number'] } },
                limits: { type: 'object', additionalProperties: { type: ['string', 'number'] } },
              },
            },
            backoffLimit: { type: 'integer', minimum: 0 },
            activeDeadlineSeconds: { type: 'integer', minimum: 1 },
            ttlSecondsAfterFinished: { type: 'integer', minimum: 0 },
            volumes: {
              type: 'array',
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['name', 'hostPath', 'mountPath'],
                properties: { name: { type: 'string' }, hostPath: { type: 'string' }, mountPath: { type: 'string' }, type: { type: 'string' } },
              },
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

function describeError(e: ErrorObject, data: unknown): { path: string[]; text: string } {
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
      return { path, text: `${where}: expected one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}, found ${found(valueAt(data, path))}` };
    case 'const':
      return { path, text: `${where}: expected ${JSON.stringify(p.allowedValue)}` };
    case 'type':
      return { path, text: `${where}: expected ${String(p.type).replace(/,/g, ' or ')}` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
      return { path, text: `${where}: expected a number ${String(p.comparison)} ${String(p.limit)}, found ${found(valueAt(data, path))}` };
    default:
      return { path, text: `${where}: ${e.message ?? e.keyword}` };
  }
}

function valueAt(data: unknown, path: string[]): unknown {
  let v: any = data;
  for (const k of path) v = v?.[k];
  return v;
}

function found(v: unknown): string {
  return v === undefined ? 'nothing' : JSON.stringify(v);
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

/** cluster.job as settings: resource quantities as text (`memory: 3Gi`, `cpu: 2`). */
function jobSettings(j: any): Experiment['cluster']['job'] {
  const quantities = (o: Record<string, unknown> | undefined) => (o ? Object.fromEntries(Object.entries(o).map(([k, v]) => [k, str(v)])) : undefined);
  const out: Experiment['cluster']['job'] = { ...j };
  if (j.resources) {
    out.resources = {
      ...(j.resources.requests ? { requests: quantities(j.resources.requests) } : {}),
      ...(j.resources.limits ? { limits: quantities(j.resources.limits) } : {}),
    };
  }
  return out;
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
      const d = describeError(e, data);
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
      rebuildAlso: s.rebuildAlso?.map((c: any) => ({ ...c, ...(c.replicas !== undefined ? { replicas: str(c.replicas) } : {}) })),
      apply: s.apply,
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
    ...(raw.deployments !== undefined ? { deployments: raw.deployments } : {}),
    reload: raw.reload ?? 'deployment',
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
      scripts: c.scripts,
      timeouts: { ...DEFAULT_TIMEOUTS, ...(c.timeouts ?? {}) },
      job: jobSettings(c.job ?? {}),
    },
  };
  // Templates may only name known placeholders.
  for (const [db, s] of Object.entries(databases)) {
    const known = new Set(['db', 'rep', 'deployment', 'phase', 'host', ...Object.keys(factors), ...Object.keys(s.factors), ...Object.keys(s.params)]);
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
    s.rebuildAlso?.forEach((c, i) => check(['databases', db, 'rebuildAlso', String(i), 'replicas'], c.replicas));
  }
  if (problems.length) throw new ExperimentError(source, [...new Set(problems)]);
  return exp;
}
