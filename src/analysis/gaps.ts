/**
 * Gap detection: the holes a campaign has against its design.
 *
 * ```
 * Run[] + Design ──► per configuration (with deployments: per deployment × repetition): ok reps,
 *                    missing reps, failed/partial reps, duplicates, extra reps the CI target needs
 *                    ──► toRun (what a fill must run; with deployments, in which deployment)
 *                 ──► per cluster configuration: the load output (present, failed, missing)
 * ```
 * Pure. A failed repetition's file is evidence and is never overwritten: the fill replaces it with a
 * new repetition number after the last one used (31, 32, … in a 30-repetition design), so a
 * configuration is complete when it has as many usable repetitions as the design asks for.
 *
 * A configuration is what `summary` groups by: every factor of a run, the content's included. A
 * run whose content factors (operationcount…) differ from those of most of its configuration's runs
 * is listed as not comparable and not counted, like a failed one: gaps and summary agree.
 */
import type { Factors, Run, RunStatus, ToRunReason } from '../model/index.js';
import { compareLevels, formatDiagnostic } from '../model/index.js';
import {
  clusterFactors,
  configKey,
  DEPLOYMENT,
  deploymentOf,
  designFactors,
  phaseOf,
  placeable,
  type Design,
} from './design.js';

export interface FailedRep {
  rep: number;
  /** With deployments: the deployment of the repetition. */
  deployment?: string;
  file: string;
  status: RunStatus;
  reason: string;
}

export interface DuplicateRep {
  rep: number;
  deployment?: string;
  /** Every file that claims this configuration and rep (the first is the one counted: the first
   * usable one, else the first found). */
  files: string[];
  /** Byte-identical copies, when the loader found them; false: the repetition was run again (a
   * re-run: two outputs of their own). */
  identical: boolean;
}

export interface NotComparableRep {
  rep: number;
  deployment?: string;
  file: string;
  /** `operationcount 1000 vs 10000`: this run's value first, then the configuration's. */
  differences: string;
}

export interface ToRun {
  /** With deployments, the repetition within its deployment. */
  rep: number;
  reason: ToRunReason;
  /** With deployments: the deployment it runs in (a new one, or one still standing). */
  deployment?: string;
  /** For a replacement: the failed file(s) it stands in for. */
  replaces?: string;
}

/** The repetitions of a configuration, or of one of its deployments, as findGaps counts them. */
export interface RepetitionGaps {
  /** Distinct repetitions with a usable (ok) output. */
  usable: number;
  okReps: number[];
  /** Repetitions 1..expected with no file at all. */
  missing: number[];
  /** Repetitions that ran but are unusable (failed, partial, unreadable), with no ok file beside them. */
  failed: FailedRep[];
  duplicates: DuplicateRep[];
  /** Usable runs whose content factors differ from the configuration's (present only when there are some). */
  notComparable?: NotComparableRep[];
  /** n usable repetitions. */
  complete: boolean;
}

export interface ConfigGaps extends RepetitionGaps {
  key: string;
  factors: Factors;
  /** Key of the cluster configuration (the factors less the run factors). */
  clusterKey: string;
  expected: number;
  /** The CI target's requirement, when asked. */
  ci?: { target: number; metric: string; n: number; mean: number; sd: number; needed: number; additional: number; warnings: string[] };
  /** With deployments: each deployment's repetitions (the flat lists then carry the deployment,
   * and okReps and missing are in here). */
  deployments?: DeploymentGaps[];
  toRun: ToRun[];
}

/** One deployment of a configuration: its repetitions as findGaps counts them. */
export interface DeploymentGaps extends RepetitionGaps {
  deployment: string;
  /** The cluster still holds it (the fill journal says so): its gaps are filled on it. */
  standing?: boolean;
}

export interface LoadGap {
  clusterKey: string;
  factors: Factors;
  /** With deployments: the deployment whose load it is. */
  deployment?: string;
  status: 'ok' | 'failed' | 'missing';
  files: string[];
  /** Why a missing load is not filled (not counted as a gap). */
  unfillable?: string;
}

export interface GapReport {
  schema: 'ycsb-analyze/gaps@1';
  design: {
    source: Design['source'];
    repetitions: number;
    /** Deployments per configuration, when declared (repetitions is then per deployment). */
    deployments?: number;
    configurations: number;
    runFactors: string[];
    loadOutputs: boolean;
    /** Observed designs: the combinations of the levels seen, when more than the configurations (not expected). */
    combinations?: number;
  };
  totals: {
    configurations: number;
    complete: number;
    missing: number;
    failed: number;
    /** Present only when some run is not comparable with its configuration. */
    notComparable?: number;
    duplicates: number;
    ciExtra: number;
    loadsMissing: number;
    /** Repetitions (and loads) a fill would run. */
    toRun: number;
  };
  complete: boolean;
  configurations: ConfigGaps[];
  loads: LoadGap[];
  /** Files that fit no configuration of the design (other factors, no rep number). */
  unexpected: { file: string; reason: string }[];
  /** Things to know about how the runs were counted (present only when there are some). */
  notes?: string[];
}

/** What --target-ci needs: a metric and the sample-size function from src/stats. */
export interface CiTarget {
  /** Relative half-width, 0.05 for ±5%. */
  target: number;
  confidence: number;
  metric: string;
  repetitionsNeeded: (
    sd: number,
    mean: number,
    target: number,
    confidence: number,
    currentN: number,
  ) => { needed: number; additional: number; warnings?: string[] };
}

/** Numbers compared as numbers (1e6 = 1000000), text as it is. */
function norm(v: string): string {
  const t = v.trim();
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return String(Number(t));
  return t;
}

function normKey(factors: Factors, names: string[]): string | undefined {
  const picked: Factors = {};
  for (const n of names) {
    if (factors[n] === undefined) return undefined;
    picked[n] = norm(factors[n]);
  }
  return configKey(picked);
}

/** The content factors most of a configuration's usable runs have (ties: the earliest rep's). */
function contentReference(extras: Factors[]): Factors {
  const counts = new Map<string, { n: number; f: Factors }>();
  for (const f of extras) {
    const k = JSON.stringify(Object.entries(f).sort());
    const e = counts.get(k);
    if (e) e.n++;
    else counts.set(k, { n: 1, f });
  }
  let best: { n: number; f: Factors } | undefined;
  for (const e of counts.values()) if (!best || e.n > best.n) best = e;
  return best?.f ?? {};
}

/** `operationcount 1000 vs 10000, …` (this run's value first); '' when they agree. */
function differencesFrom(f: Factors, reference: Factors): string {
  return [...new Set([...Object.keys(f), ...Object.keys(reference)])]
    .sort()
    .filter((k) => f[k] !== reference[k])
    .map((k) => `${k} ${f[k] ?? '(none)'} vs ${reference[k] ?? '(none)'}`)
    .join(', ');
}

function reasonOf(run: Run): string {
  const d = run.diagnostics.find((x) => x.severity === 'error') ?? run.diagnostics[0];
  if (!d) return run.status;
  const prefix = `${run.status}: `;
  const s = formatDiagnostic(run.file, d.message.startsWith(prefix) ? { ...d, message: d.message.slice(prefix.length) } : d);
  return s.startsWith(`${run.file}:`) ? s.slice(run.file.length + 1).replace(/^(\d+): /, 'line $1: ').trimStart() : s;
}

function mean(xs: number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

function sd(xs: number[]): number {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) * (x - m), 0) / (xs.length - 1));
}

/** What the runs of one configuration (or of one of its deployments) give, by repetition. */
interface Tally {
  okReps: number[];
  failed: FailedRep[];
  duplicates: DuplicateRep[];
  notComparable: NotComparableRep[];
  /** Repetitions 1..expected with no file. */
  missing: number[];
  /** The usable runs' values of the CI metric, when asked. */
  okValues: number[];
  /** The largest repetition number used (at least `expected`). */
  maxRep: number;
}

type Slot = { runs: Run[] };

/** A tally's repetitions as a configuration's or a deployment's gaps give them (all but `complete`). */
function counted(t: Tally): Omit<RepetitionGaps, 'complete'> {
  return {
    usable: t.okReps.length,
    okReps: t.okReps,
    missing: t.missing,
    failed: t.failed,
    duplicates: t.duplicates,
    ...(t.notComparable.length ? { notComparable: t.notComparable } : {}),
  };
}

/** Sort the runs of each repetition into usable, failed, not comparable and duplicated. */
function tally(slots: Map<number, Slot>, expected: number, usableOf: (r: Run) => boolean, differences: (r: Run) => string, metric?: string): Tally {
  const t: Tally = { okReps: [], failed: [], duplicates: [], notComparable: [], missing: [], okValues: [], maxRep: expected };
  for (const [rep, slot] of [...slots.entries()].sort((a, b) => a[0] - b[0])) {
    if (rep > t.maxRep) t.maxRep = rep;
    const counted = slot.runs.filter((r) => r.status !== 'duplicate');
    const oks = counted.filter((r) => r.status === 'ok');
    // the usable one: ok, and the same configuration as the campaign's runs
    const ok = oks.find(usableOf);
    if (slot.runs.length > 1) {
      // the one counted first: the usable one
      const first = ok ?? oks[0];
      const order = first ? [first, ...counted.filter((r) => r !== first)] : counted;
      t.duplicates.push({
        rep,
        files: [...order, ...slot.runs.filter((r) => r.status === 'duplicate')].map((r) => r.file),
        identical: slot.runs.some((r) => r.status === 'duplicate'),
      });
    }
    if (!ok && oks.length) {
      for (const r of oks) t.notComparable.push({ rep, file: r.file, differences: differences(r) });
    } else if (ok) {
      t.okReps.push(rep);
      if (metric !== undefined) {
        const v = ok.metrics[metric];
        if (Number.isFinite(v)) t.okValues.push(v);
      }
    } else if (counted.length > 0) {
      for (const r of counted) t.failed.push({ rep, file: r.file, status: r.status, reason: reasonOf(r) });
    } else {
      // Only byte-identical copies of another file: not a repetition of its own.
      const r = slot.runs[0];
      t.failed.push({ rep, file: r.file, status: 'duplicate', reason: `byte-identical to ${r.duplicateOf ?? 'another file'}` });
    }
  }
  for (let rep = 1; rep <= expected; rep++) if (!slots.has(rep)) t.missing.push(rep);
  return t;
}

/** The repetitions that complete a tally to `expected` usable ones: the missing numbers, then new
 * numbers after the last one used, each standing in for an unusable repetition. */
function toComplete(t: Tally, expected: number): ToRun[] {
  const toRun: ToRun[] = t.missing.map((rep) => ({ rep, reason: 'missing' as const }));
  let nextRep = t.maxRep + 1;
  const unusable = [...t.failed, ...t.notComparable].sort((a, b) => a.rep - b.rep);
  const failedReps = [...new Set(unusable.map((f) => f.rep))];
  const short = expected - t.okReps.length - t.missing.length;
  for (let i = 0; i < short; i++) {
    const replaces = failedReps[i] !== undefined ? unusable.filter((f) => f.rep === failedReps[i]).map((f) => f.file).join(', ') : undefined;
    toRun.push({ rep: nextRep++, reason: 'replaces-failed', ...(replaces ? { replaces } : {}) });
  }
  return toRun;
}

/** Deployment levels in order: numbers numerically, then the rest. */
function byLevel(a: string, b: string): number {
  return compareLevels(a, b);
}

export interface GapOptions {
  ci?: CiTarget;
  /** The deployment the cluster still holds (the fill journal says so): its missing repetitions
   * are filled on it, in place, instead of in a new deployment. */
  standing?: { clusterKey: string; deployment: string };
}

/**
 * Compare the runs with the design.
 * Runs of status not-ycsb, empty or conflict are ignored (no run to place); a byte-identical copy (status duplicate) is listed as a
 * duplicate and never counted as a repetition.
 *
 * With deployments (Design.deployments = k, n repetitions each), each configuration is counted per
 * deployment × repetition: a run's deployment is its `deployment` factor (or the `deployment/<d>/`
 * folder fill puts it in); a run without one counts as deployment 1. A deployment is complete with
 * n usable repetitions. A deployment with no run at all (of 1..k) is planned whole under its own
 * number. A deployment begun but incomplete cannot be completed later (its cluster and data are
 * gone): it is kept, and a new deployment, numbered after the last one used in the cluster
 * configuration, replaces it; unless `standing` says the cluster still holds it, when its missing
 * repetitions are run on it. A configuration is complete with k complete deployments.
 */
export function findGaps(runs: Run[], design: Design, options: GapOptions = {}): GapReport {
  // The sets of factor names per database (an observed design may name some configurations with
  // more factors than others), most specific first, to project each run onto the design.
  const namesByDb = new Map<string, string[][]>();
  const configByKey = new Map<string, (typeof design.configurations)[number]>();
  for (const c of design.configurations) {
    const db = c.factors.db ?? '';
    const names = Object.keys(c.factors).sort();
    const sets = namesByDb.get(db) ?? [];
    if (!sets.some((x) => x.join(',') === names.join(','))) sets.push(names);
    namesByDb.set(db, sets);
    configByKey.set(normKey(c.factors, names)!, c);
  }
  for (const sets of namesByDb.values()) sets.sort((a, b) => b.length - a.length);
  const clusterKeys = new Set(
    design.configurations.map((c) => {
      const cf = clusterFactors(c.factors, design.runFactors);
      return normKey(cf, Object.keys(cf).sort())!;
    }),
  );
  const k = design.deployments;
  /** A run's deployment level ('' without deployments; a run without one is in deployment 1). */
  const levelOf = (run: Run): string => (k === undefined ? '' : norm(deploymentOf(run) ?? '1'));

  // config key -> deployment level -> rep -> runs
  const byConfig = new Map<string, Map<string, Map<number, Slot>>>();
  // normalized cluster key (+ '#' + deployment level) -> load runs
  const loadsByCluster = new Map<string, Run[]>();
  const unexpected: GapReport['unexpected'] = [];

  for (const run of runs) {
    if (!placeable(run)) continue;
    const f = designFactors(run);
    const nameSets = namesByDb.get(f.db ?? '') ?? namesByDb.get('');
    if (phaseOf(run) === 'load') {
      // the first projection that is a cluster configuration of the design; else the first defined
      let key: string | undefined;
      for (const names of nameSets ?? []) {
        const kk = normKey(f, names.filter((n) => !design.runFactors.includes(n)));
        if (kk === undefined) continue;
        if (key === undefined || clusterKeys.has(kk)) key = kk;
        if (clusterKeys.has(kk)) break;
      }
      if (key === undefined || !nameSets) {
        unexpected.push({ file: run.file, reason: 'a load output of no configuration in the design' });
        continue;
      }
      const lk = `${key}#${levelOf(run)}`;
      let l = loadsByCluster.get(lk);
      if (!l) loadsByCluster.set(lk, (l = []));
      l.push(run);
      continue;
    }
    let config: (typeof design.configurations)[number] | undefined;
    for (const names of nameSets ?? []) {
      const kk = normKey(f, names);
      config = kk === undefined ? undefined : configByKey.get(kk);
      if (config) break;
    }
    const names = nameSets;
    if (!config) {
      unexpected.push({
        file: run.file,
        reason: run.status === 'duplicate'
          ? `byte-identical to ${run.duplicateOf ?? 'another file'} (not counted)`
          : names
          ? `factors ${configKey(f)} are not a configuration of the design`
          : `database ${JSON.stringify(f.db ?? '')} is not in the design`,
      });
      continue;
    }
    const rep = Number(run.factors.rep);
    if (!Number.isInteger(rep) || rep < 1) {
      unexpected.push({ file: run.file, reason: `no repetition number (found ${JSON.stringify(run.factors.rep ?? '')})` });
      continue;
    }
    let byLevelMap = byConfig.get(config.key);
    if (!byLevelMap) byConfig.set(config.key, (byLevelMap = new Map()));
    const level = levelOf(run);
    let m = byLevelMap.get(level);
    if (!m) byLevelMap.set(level, (m = new Map()));
    let slot = m.get(rep);
    if (!slot) m.set(rep, (slot = { runs: [] }));
    slot.runs.push(run);
  }

  // With deployments: the next free deployment number of each cluster configuration (after k and
  // after every number its runs and loads use).
  const nextDeployment = new Map<string, number>();
  if (k !== undefined) {
    const bump = (key: string, level: string) => {
      if (/^\d+$/.test(level)) nextDeployment.set(key, Math.max(nextDeployment.get(key) ?? k + 1, Number(level) + 1));
    };
    for (const c of design.configurations) {
      const cf = clusterFactors(c.factors, design.runFactors);
      const key = configKey(cf);
      if (!nextDeployment.has(key)) nextDeployment.set(key, k + 1);
      for (const level of byConfig.get(c.key)?.keys() ?? []) bump(key, level);
      const nk = `${normKey(cf, Object.keys(cf).sort())}#`;
      for (const lk of loadsByCluster.keys()) if (lk.startsWith(nk)) bump(key, lk.slice(nk.length));
    }
  }

  const configurations: ConfigGaps[] = [];
  for (const c of design.configurations) {
    const levels = byConfig.get(c.key) ?? new Map<string, Map<number, Slot>>();
    const clusterKey = configKey(clusterFactors(c.factors, design.runFactors));
    const names = new Set(Object.keys(c.factors));
    const extrasOf = (r: Run): Factors => {
      const out: Factors = {};
      for (const [kk, v] of Object.entries(r.factors)) if (!names.has(kk) && kk !== 'rep' && kk !== 'phase' && kk !== DEPLOYMENT) out[kk] = norm(v);
      return out;
    };
    const all = [...levels.entries()].sort((a, b) => byLevel(a[0], b[0])).flatMap(([, slots]) => [...slots.entries()].sort((a, b) => a[0] - b[0]));
    const reference = contentReference(all.flatMap(([, s]) => s.runs.filter((r) => r.status === 'ok')).map(extrasOf));
    const usableOf = (r: Run) => differencesFrom(extrasOf(r), reference) === '';
    const differences = (r: Run) => differencesFrom(extrasOf(r), reference);

    if (k === undefined) {
      const t = tally(levels.get('') ?? new Map(), design.repetitions, usableOf, differences, options.ci?.metric);
      const toRun = toComplete(t, design.repetitions);
      let nextRep = Math.max(t.maxRep, ...toRun.map((x) => x.rep)) + 1;
      let ci: ConfigGaps['ci'];
      if (options.ci && t.okValues.length >= 2) {
        const m = mean(t.okValues);
        const s = sd(t.okValues);
        const r = options.ci.repetitionsNeeded(s, m, options.ci.target, options.ci.confidence, t.okValues.length);
        // Repetitions already planned count towards the target.
        const planned = toRun.length;
        const additional = Number.isFinite(r.additional) ? Math.max(0, r.additional - planned) : 0;
        ci = { target: options.ci.target, metric: options.ci.metric, n: t.okValues.length, mean: m, sd: s, needed: r.needed, additional, warnings: r.warnings ?? [] };
        for (let i = 0; i < additional; i++) toRun.push({ rep: nextRep++, reason: 'ci-target' });
      }
      configurations.push({
        key: c.key,
        factors: c.factors,
        clusterKey,
        expected: design.repetitions,
        ...counted(t),
        ...(ci ? { ci } : {}),
        toRun,
        complete: toRun.length === 0,
      });
      continue;
    }

    // Deployments: count per deployment × repetition.
    const n = design.repetitions;
    const allLevels = [...new Set([...Array.from({ length: k }, (_, i) => String(i + 1)), ...levels.keys()])].sort(byLevel);
    const deployments: DeploymentGaps[] = [];
    const toRun: ToRun[] = [];
    let have = 0;
    const partial: DeploymentGaps[] = [];
    for (const level of allLevels) {
      const slots = levels.get(level);
      const t = tally(slots ?? new Map(), n, usableOf, differences, options.ci?.metric);
      const standing = options.standing !== undefined && options.standing.clusterKey === clusterKey && norm(options.standing.deployment) === level;
      const d: DeploymentGaps = {
        deployment: level,
        ...counted(t),
        complete: t.okReps.length >= n,
        ...(standing ? { standing: true } : {}),
      };
      deployments.push(d);
      if (d.complete) have++;
      else if (!slots && have < k) {
        // Not begun: planned whole, under its own number.
        for (let rep = 1; rep <= n; rep++) toRun.push({ rep, reason: 'missing', deployment: level });
        have++;
      } else if (slots && standing) {
        for (const x of toComplete(t, n)) toRun.push({ ...x, deployment: level });
        have++;
      } else if (slots) partial.push(d);
    }
    // A begun deployment that is incomplete is replaced by a new one (its cluster and data are gone).
    for (let i = 0; have < k; i++, have++) {
      const next = nextDeployment.get(clusterKey)! + i;
      const p = partial[i];
      const replaces = p ? `deployment ${p.deployment} (${p.usable} of ${n} usable)` : undefined;
      for (let rep = 1; rep <= n; rep++) toRun.push({ rep, reason: 'replaces-failed', deployment: String(next), ...(replaces ? { replaces } : {}) });
    }
    let ci: ConfigGaps['ci'];
    const okValues = options.ci ? all.flatMap(([, slot]) => slot.runs.filter((r) => r.status === 'ok' && usableOf(r)).map((r) => r.metrics[options.ci!.metric])).filter(Number.isFinite) : [];
    if (options.ci && okValues.length >= 2) {
      // The nested interval's needs are analyze's (more deployments or more repetitions); not planned here.
      const m = mean(okValues);
      ci = { target: options.ci.target, metric: options.ci.metric, n: okValues.length, mean: m, sd: sd(okValues), needed: okValues.length, additional: 0, warnings: ['with deployments the CI target is not planned: analyze says whether more deployments or more repetitions per deployment shrink the interval most'] };
    }
    const flat = <T extends { rep: number }>(pick: (d: DeploymentGaps) => T[] | undefined) => deployments.flatMap((d) => (pick(d) ?? []).map((x) => ({ ...x, deployment: d.deployment })));
    const notComparable = flat((d) => d.notComparable);
    configurations.push({
      key: c.key,
      factors: c.factors,
      clusterKey,
      expected: k * n,
      usable: deployments.reduce((s2, d) => s2 + d.usable, 0),
      okReps: [],
      missing: [],
      failed: flat((d) => d.failed),
      duplicates: flat((d) => d.duplicates),
      ...(notComparable.length ? { notComparable } : {}),
      ...(ci ? { ci } : {}),
      deployments,
      toRun,
      complete: toRun.length === 0,
    });
  }

  // Loads: one per cluster configuration (with deployments, per deployment), when the design expects them.
  const loads: LoadGap[] = [];
  if (design.loadOutputs) {
    const seen = new Set<string>();
    for (const c of design.configurations) {
      const cf = clusterFactors(c.factors, design.runFactors);
      const key = configKey(cf);
      if (seen.has(key)) continue;
      seen.add(key);
      const nk = normKey(cf, Object.keys(cf).sort())!;
      const levelsHere = k === undefined ? [''] : [...new Set([...Array.from({ length: k }, (_, i) => String(i + 1)), ...[...loadsByCluster.keys()].filter((lk) => lk.startsWith(`${nk}#`)).map((lk) => lk.slice(nk.length + 1))])].sort(byLevel);
      for (const level of levelsHere) {
        const found = loadsByCluster.get(`${nk}#${level}`) ?? [];
        const counted = found.filter((r) => r.status !== 'duplicate');
        const status: LoadGap['status'] = counted.some((r) => r.status === 'ok') ? 'ok' : found.length ? 'failed' : 'missing';
        const gap: LoadGap = { clusterKey: key, factors: cf, status, files: found.map((r) => r.file), ...(k !== undefined ? { deployment: level } : {}) };
        if (k !== undefined && status === 'missing') {
          // A deployment's load is made only with its deployment.
          const runsToo = configurations.some((x) => x.clusterKey === key && x.toRun.some((t) => t.deployment === level));
          if (!runsToo) gap.unfillable = 'its deployment has nothing left to run: a new load would be another deployment';
        }
        loads.push(gap);
      }
    }
    loads.sort((a, b) => compareLevels(a.clusterKey, b.clusterKey) || byLevel(a.deployment ?? '', b.deployment ?? ''));
  }

  const sum = (f: (c: ConfigGaps) => number) => configurations.reduce((s, c) => s + f(c), 0);
  // A failed load output is listed but is not a gap: its name is taken (never overwritten) and the
  // runs measured after it stand on their own; only a missing one is filled.
  const loadsMissing = loads.filter((l) => l.status === 'missing' && !l.unfillable).length;
  const slotsOf = (xs: { rep: number; deployment?: string }[]) => new Set(xs.map((f) => `${f.deployment ?? ''}#${f.rep}`)).size;
  const notComparableTotal = sum((c) => slotsOf(c.notComparable ?? []));
  const totals = {
    configurations: configurations.length,
    complete: configurations.filter((c) => c.complete).length,
    missing: sum((c) => (c.deployments ? c.deployments.reduce((s2, d) => s2 + d.missing.length, 0) : c.missing.length)),
    failed: sum((c) => slotsOf(c.failed)),
    ...(notComparableTotal ? { notComparable: notComparableTotal } : {}),
    duplicates: sum((c) => c.duplicates.length),
    ciExtra: sum((c) => c.toRun.filter((t) => t.reason === 'ci-target').length),
    loadsMissing,
    toRun: sum((c) => c.toRun.length) + loadsMissing,
  };
  const notes: string[] = [];
  if (k !== undefined) {
    const without = runs.filter((r) => placeable(r) && r.status !== 'duplicate' && deploymentOf(r) === undefined);
    if (without.length) {
      notes.push(
        `${without.length} ${without.length === 1 ? 'run has' : 'runs have'} no deployment (no deployment factor, not in a deployment/<d>/ folder), e.g. ${without[0].file}: ` +
          'counted as deployment 1 (they ran on one deployment); analyze nests repetitions in deployments only when every run has one: move them into deployment/1/',
      );
    }
  }
  return {
    schema: 'ycsb-analyze/gaps@1',
    design: {
      source: design.source,
      repetitions: design.repetitions,
      ...(k !== undefined ? { deployments: k } : {}),
      configurations: design.configurations.length,
      runFactors: design.runFactors,
      loadOutputs: design.loadOutputs,
      ...(design.combinations !== undefined ? { combinations: design.combinations } : {}),
    },
    totals,
    complete: totals.toRun === 0,
    configurations,
    loads,
    unexpected,
    ...(notes.length ? { notes } : {}),
  };
}

// The text of the report (the total line, each configuration and deployment) is in ./gaps-text.ts.
export { compactRanges, formatGaps, gapSummaryLine } from './gaps-text.js';
