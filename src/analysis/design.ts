/**
 * The expected design of a campaign: which configurations, how many repetitions, how outputs are named.
 *
 * ```
 * experiment.yaml ──parseExperiment (ingest)──► Experiment ──designFromExperiment──┐
 *                                                                                  ├──► Design ──► gaps ──► plan
 * Run[] (observed) ─────────────────────────────────────────designFromRuns────────┘
 * Run[] ──inferNaming──► Naming (factors + rep -> the campaign's own file name)
 * ```
 * Pure: no file system. The experiment file's types and defaults are in src/model/experiment.ts,
 * its reading and validation in src/ingest/experiment.ts.
 */
import type { Experiment, Factors, Run } from '../model/index.js';
import { compareLevels, DEFAULT_RUN_FACTORS, fillTemplate, placeholders } from '../model/index.js';

// ---------------------------------------------------------------------------------------------
// Factor keys

/** Stable key of a set of factors: `db=cassandra,nodes=15,rf=1` (db first, then names sorted). */
export function configKey(factors: Factors): string {
  return Object.keys(factors)
    .sort((a, b) => (a === 'db' ? -1 : b === 'db' ? 1 : a < b ? -1 : a > b ? 1 : 0))
    .map((k) => `${k}=${factors[k]}`)
    .join(',');
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
  /** Repetitions per configuration; with `deployments`, per deployment. */
  repetitions: number;
  /** Deployments per configuration, when the experiment file declares them: the repetitions are
   * nested in deployments 1..k, and gaps counts per deployment × repetition. */
  deployments?: number;
  /** Every expected run-phase configuration, in a stable order. */
  configurations: DesignConfiguration[];
  /** Factors that vary between runs of one deployment (the rest define the cluster configuration). */
  runFactors: string[];
  /** Whether one load output per cluster configuration is expected. */
  loadOutputs: boolean;
  /** For a design observed from the runs: how many combinations of the levels seen there are (per
   * database), when that is more than the configurations observed (which alone are expected). */
  combinations?: number;
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
    ...(exp.deployments !== undefined ? { deployments: exp.deployments } : {}),
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

/** The factor that marks repetitions sharing one deployment (the analysis nests them in it). */
export const DEPLOYMENT = 'deployment';
/** The folder fill places a deployment's outputs in when the name template has no {deployment}:
 * `deployment/<d>/<name>`, which the loader reads as the factor deployment = d. */
const DEPLOYMENT_FOLDER = /(?:^|\/)deployment\/([^/]+)\//;

/** A run's deployment: its deployment factor (from the name, or its `deployment/<d>/` folder), or
 * undefined when it has none. */
export function deploymentOf(run: Pick<Run, 'file' | 'factors' | 'origin'>): string | undefined {
  return run.factors[DEPLOYMENT] ?? run.origin?.fromName?.[DEPLOYMENT] ?? DEPLOYMENT_FOLDER.exec(run.file)?.[1];
}

/** The file's path without the `deployment/<d>/` folder fill puts a deployment's outputs in. */
function withoutDeploymentFolder(file: string): string {
  return file.replace(DEPLOYMENT_FOLDER, (m) => (m.startsWith('/') ? '/' : ''));
}

/** The phase of a run (run unless it says load). */
export function phaseOf(run: Run): 'load' | 'run' {
  return (run.factors.phase ?? run.origin?.fromName?.phase) === 'load' ? 'load' : 'run';
}

/** Runs that can be placed in a design: YCSB outputs (or attempts at one) with a rep number; not
 * texts that are no output, empty files, two outputs mixed by a merge conflict, files skipped
 * unread, nor the client outputs combined into another run (that run is placed). */
export function placeable(run: Run): boolean {
  return run.status !== 'not-ycsb' && run.status !== 'empty' && run.status !== 'conflict' && run.status !== 'skipped' && run.combinedInto === undefined;
}

/**
 * The design implied by the data: the configurations observed (every run-phase configuration with
 * at least one output, usable or not) × `reps` repetitions (default: the largest rep seen).
 *
 * Not the product of every level seen: a real campaign varies its factors in a pattern of its own
 * (392 configurations of 3 repetitions, whose levels crossed make 51,462 "configurations"), and a
 * configuration that was never run is not missing from a design nobody declared. A configuration
 * whose every output was lost cannot be told from one never planned; an experiment file
 * (designFromExperiment) declares the design when that matters. `combinations` says how many
 * combinations of the levels seen (crossed within each database, whose factors are its own) there
 * are when they outnumber the configurations observed; the study, a full factorial, has none more.
 */
export function designFromRuns(runs: Run[], reps?: number): Design {
  const byKey = new Map<string, DesignConfiguration>();
  const byDb = new Map<string, Map<string, Set<string>>>();
  let maxRep = 0;
  let loads = false;
  for (const run of runs) {
    if (!placeable(run)) continue;
    if (phaseOf(run) === 'load') {
      loads = true;
      continue;
    }
    // A byte-identical copy names no configuration of its own (its name may read fewer factors
    // than the file it copies: `… (copy).txt`); findGaps still reports it beside its original.
    if (run.status === 'duplicate') continue;
    const f = designFactors(run);
    const key = configKey(f);
    if (!byKey.has(key)) {
      // db first, then the names in order (as the levels crossed would name them)
      const factors: Factors = f.db !== undefined ? { db: f.db } : {};
      for (const k of Object.keys(f).filter((n) => n !== 'db').sort((x, y) => x.localeCompare(y))) factors[k] = f[k];
      byKey.set(key, { key, factors });
    }
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
  let combinations = 0;
  for (const m of byDb.values()) combinations += [...m.values()].reduce((n, s) => n * s.size, 1);
  const design: Design = {
    source: 'observed',
    repetitions: reps ?? maxRep,
    configurations: sortConfigs([...byKey.values()]),
    runFactors: DEFAULT_RUN_FACTORS,
    loadOutputs: loads,
  };
  if (combinations > byKey.size) design.combinations = combinations;
  return design;
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
  /** The file name (relative to the campaign folder) for these factors and rep, or an error. With a
   * `deployment` factor the name carries it: the template's {deployment}, else the folder
   * `deployment/<d>/` in front of the name. */
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
    // A deployment folder fill made is not part of the campaign's naming (name() puts it back).
    const tokens = tokenize(withoutDeploymentFolder(run.file));
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
    const dep = factors[DEPLOYMENT];
    const place = (template: string): { name: string } => {
      const filled = fillTemplate(template, values);
      return { name: dep !== undefined && !placeholders(template).includes(DEPLOYMENT) ? `deployment/${dep}/${filled}` : filled };
    };
    const given = explicit?.(phase, factors.db ?? '');
    if (given) {
      try {
        return place(given);
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
    return place(shapeTemplate(shape));
  };
  return { name, shapes };
}
