/**
 * From gaps to a fill plan: what to run, grouped so each cluster configuration is built once.
 *
 * ```
 * GapReport ──1 group by cluster configuration (factors less run factors); with deployments, by
 *              cluster configuration × deployment: each group is one rebuild──► FillGroup[]
 *   each: the load (always, after a rebuild; its output kept only when the campaign lacks it)
 *         the repetitions to run, each with the campaign's own output name (with deployments, the
 *         name carries the deployment: the template's {deployment}, else the folder deployment/<d>/)
 *          ──2 order──► sequential: groups by key, runs by configuration then rep
 *                       randomized (seeded): groups in a random order; within a group the runs of
 *                       its configurations interleaved at random, each configuration's repetitions
 *                       in increasing order; a group still standing (resume) first
 * ```
 * Pure: the commands are added by an adapter in src/exec (which adds a load before each
 * repetition when `reload` is 'repetition').
 */
import type { Factors, FillGroup, FillPlanCore, FillRun, ReloadPolicy } from '../model/index.js';
import { checkLevel, compareLevels, fnv1a } from '../model/index.js';
import { createRng } from '../stats/rng.js';
import { DEPLOYMENT, type Naming } from './design.js';
import type { GapReport } from './gaps.js';

export interface PlanOptions {
  order: 'sequential' | 'randomized';
  /** Seed of the randomized order (default 1). */
  seed?: number;
  /** When the data is loaded (the experiment file's `reload`; default once per deployment). */
  reload?: ReloadPolicy;
  /** The workload the load phase uses when no load output says (default: the first level seen). */
  loadWorkload?: string;
  /** The load's factors found in the campaign (workload and rep it used), by cluster key, and with
   * deployments also by `<cluster key>#<deployment>`. */
  existingLoads?: Map<string, Factors>;
}

/**
 * A random sort key for `item` under `seed`: items sorted by it are in a random order that does not
 * change when other items are added or removed (a plan made again after some groups were done keeps
 * the order of what is left, unlike a shuffle of the list).
 */
export function randomKey(seed: number, item: string): number {
  return createRng((seed ^ fnv1a(item)) >>> 0).nextUint32();
}

/** The group key of a cluster configuration's deployment. */
export function groupKey(clusterKey: string, deployment: string | undefined): string {
  return deployment === undefined ? clusterKey : `${clusterKey},${DEPLOYMENT}=${deployment}`;
}

/**
 * Group what the gap report asks for by cluster configuration (and deployment) and name every output.
 * Unsafe factor values and names that cannot be made are collected in `errors` (nothing is planned
 * for those repetitions); the caller refuses to go on when there are any.
 */
export function planFill(report: GapReport, naming: Naming, options: PlanOptions): FillPlanCore {
  const errors: string[] = [];
  const groups = new Map<string, FillGroup>();
  const runFactors = report.design.runFactors;
  const safe = (factors: Factors): boolean => {
    let ok = true;
    for (const [k, v] of Object.entries(factors)) {
      try {
        checkLevel(k, v);
      } catch (e) {
        errors.push((e as Error).message);
        ok = false;
      }
    }
    return ok;
  };
  const workloads = [...new Set(report.configurations.map((c) => c.factors.workload).filter((w): w is string => !!w))].sort(compareLevels);

  // 1. Groups: one per cluster configuration, or per cluster configuration × deployment.
  const group = (clusterKey: string, cluster: Factors, deployment?: string): FillGroup | undefined => {
    const key = groupKey(clusterKey, deployment);
    let g = groups.get(key);
    if (g) return g;
    const existing = (deployment !== undefined ? options.existingLoads?.get(`${clusterKey}#${deployment}`) : undefined) ?? options.existingLoads?.get(clusterKey);
    const loadFactors: Factors = { ...cluster };
    const wl = existing?.workload ?? options.loadWorkload ?? workloads[0];
    if (wl !== undefined && runFactors.includes('workload')) loadFactors.workload = wl;
    if (deployment !== undefined) loadFactors[DEPLOYMENT] = deployment;
    if (!safe(loadFactors)) return undefined;
    const loadRep = Number(existing?.rep ?? 1);
    const named = naming.name('load', loadFactors, Number.isInteger(loadRep) ? loadRep : 1);
    const loadName = 'name' in named ? named.name : '';
    const loadGap = report.loads.find((l) => l.clusterKey === clusterKey && l.deployment === deployment);
    // A new deployment (numbered after the design's) has no load gap listed: its load is its own.
    const missingLoad = loadGap !== undefined ? loadGap.status === 'missing' && !loadGap.unfillable : deployment !== undefined && report.design.loadOutputs;
    if (missingLoad && 'error' in named) errors.push(named.error);
    g = {
      key,
      factors: cluster,
      db: cluster.db ?? '',
      ...(deployment !== undefined ? { deployment } : {}),
      load: { factors: loadFactors, name: loadName || `load-${key.replace(/[^A-Za-z0-9._-]+/g, '_')}.txt`, ...(missingLoad && loadName ? { output: loadName } : {}) },
      runs: [],
    };
    groups.set(key, g);
    return g;
  };

  for (const c of report.configurations) {
    if (c.toRun.length === 0) continue;
    const cluster: Factors = {};
    for (const [k, v] of Object.entries(c.factors)) if (!runFactors.includes(k)) cluster[k] = v;
    if (!safe(c.factors)) continue;
    for (const t of c.toRun) {
      const g = group(c.clusterKey, cluster, t.deployment);
      if (!g) continue;
      if (c.deployments?.some((d) => d.deployment === t.deployment && d.standing)) g.resume = true;
      const factors: Factors = { ...c.factors, ...(t.deployment !== undefined ? { [DEPLOYMENT]: t.deployment } : {}) };
      const named = naming.name('run', factors, t.rep);
      if ('error' in named) {
        errors.push(named.error);
        continue;
      }
      g.runs.push({
        id: `${c.key},${t.deployment !== undefined ? `${DEPLOYMENT}=${t.deployment},` : ''}rep=${t.rep}`,
        factors: { ...factors, rep: String(t.rep) },
        rep: t.rep,
        reason: t.reason,
        ...(t.replaces ? { replaces: t.replaces } : {}),
        output: named.name,
      });
    }
  }
  // A missing load with every repetition present still needs its cluster built once (without
  // deployments: with them, a deployment's load is made only with its runs).
  for (const l of report.loads) {
    if (l.status !== 'missing' || l.unfillable || groups.has(groupKey(l.clusterKey, l.deployment))) continue;
    group(l.clusterKey, l.factors, l.deployment);
  }

  // 2. The order.
  let sorted = [...groups.values()].sort((a, b) => compareLevels(a.key, b.key));
  for (const g of sorted) g.runs.sort((a, b) => compareLevels(configOf(a), configOf(b)) || a.rep - b.rep);
  const seed = options.seed ?? 1;
  if (options.order === 'randomized') {
    const keyOf = new Map(sorted.map((g) => [g, randomKey(seed, g.key)]));
    sorted = sorted.sort((a, b) => keyOf.get(a)! - keyOf.get(b)! || compareLevels(a.key, b.key));
    for (const g of sorted) g.runs = interleave(g.runs, seed, g.key);
  }
  // A deployment still standing goes first: any other group would tear it down.
  sorted = [...sorted.filter((g) => g.resume), ...sorted.filter((g) => !g.resume)];
  return {
    order: options.order,
    ...(options.order === 'randomized' ? { seed } : {}),
    reload: options.reload ?? 'deployment',
    ...(report.design.deployments !== undefined ? { deployments: report.design.deployments } : {}),
    groups: sorted,
    errors: [...new Set(errors)],
  };
}

/** The run's configuration (its id without the rep). */
function configOf(r: FillRun): string {
  return r.id.replace(/,rep=[^,]*$/, '');
}

/**
 * The runs of one group in a random order in which the repetitions of each configuration still
 * come in increasing order: every run draws a random key; each configuration's keys, sorted, go to
 * its repetitions in order; the runs are sorted by key. The configurations (workloads) are thus
 * interleaved at random, so none is confounded with its position in the deployment's life (the
 * data changing under the runs), and the repetition numbers follow the order the runs ran in.
 */
function interleave(runs: FillRun[], seed: number, groupKeyText: string): FillRun[] {
  const byConfig = new Map<string, FillRun[]>();
  for (const r of runs) byConfig.set(configOf(r), [...(byConfig.get(configOf(r)) ?? []), r]);
  const keyed: { run: FillRun; key: number }[] = [];
  for (const list of byConfig.values()) {
    const keys = list.map((r) => randomKey(seed, `${groupKeyText}|${r.id}`)).sort((a, b) => a - b);
    [...list].sort((a, b) => a.rep - b.rep).forEach((run, i) => keyed.push({ run, key: keys[i] }));
  }
  return keyed.sort((a, b) => a.key - b.key || compareLevels(a.run.id, b.run.id)).map((x) => x.run);
}
