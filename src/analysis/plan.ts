/**
 * From gaps to a fill plan: what to run, grouped so each cluster configuration is built once.
 *
 * ```
 * GapReport ──group by cluster configuration (factors less run factors)──► FillGroup[]
 *   each: the load (always, after a rebuild; its output kept only when the campaign lacks it)
 *         the repetitions to run, each with the campaign's own output name
 *   order: sequential (by factors, then rep) or randomized within a group (seeded)
 * ```
 * Pure: the commands are added by an adapter in src/exec.
 */
import type { Factors, FillGroup, FillPlanCore } from '../model/index.js';
import { checkLevel, compareLevels, fnv1a } from '../model/index.js';
import { createRng } from '../stats/rng.js';
import { configKey, type Naming } from './design.js';
import type { GapReport } from './gaps.js';

export interface PlanOptions {
  order: 'sequential' | 'randomized';
  seed?: number;
  /** The workload the load phase uses when no load output says (default: the first level seen). */
  loadWorkload?: string;
  /** The load's factors found in the campaign, by cluster key (workload and rep it used). */
  existingLoads?: Map<string, Factors>;
}

/** Fisher–Yates with the project's seeded generator. */
export function shuffle<T>(xs: T[], seed: number): T[] {
  const rng = createRng(seed >>> 0);
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.randomInt(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * Group what the gap report asks for by cluster configuration and name every output.
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

  const group = (clusterKey: string, cluster: Factors): FillGroup | undefined => {
    let g = groups.get(clusterKey);
    if (g) return g;
    const existing = options.existingLoads?.get(clusterKey);
    const loadFactors: Factors = { ...cluster };
    const wl = existing?.workload ?? options.loadWorkload ?? workloads[0];
    if (wl !== undefined && runFactors.includes('workload')) loadFactors.workload = wl;
    if (!safe(loadFactors)) return undefined;
    const loadRep = Number(existing?.rep ?? 1);
    const named = naming.name('load', loadFactors, Number.isInteger(loadRep) ? loadRep : 1);
    const loadName = 'name' in named ? named.name : '';
    const loadGap = report.loads.find((l) => l.clusterKey === clusterKey);
    const missingLoad = loadGap !== undefined && loadGap.status === 'missing';
    if (missingLoad && 'error' in named) errors.push(named.error);
    g = {
      key: clusterKey,
      factors: cluster,
      db: cluster.db ?? '',
      load: { factors: loadFactors, name: loadName || `load-${clusterKey.replace(/[^A-Za-z0-9._-]+/g, '_')}.txt`, ...(missingLoad && loadName ? { output: loadName } : {}) },
      runs: [],
    };
    groups.set(clusterKey, g);
    return g;
  };

  for (const c of report.configurations) {
    if (c.toRun.length === 0) continue;
    const cluster: Factors = {};
    for (const [k, v] of Object.entries(c.factors)) if (!runFactors.includes(k)) cluster[k] = v;
    const g = group(c.clusterKey, cluster);
    if (!g || !safe(c.factors)) continue;
    for (const t of c.toRun) {
      const named = naming.name('run', c.factors, t.rep);
      if ('error' in named) {
        errors.push(named.error);
        continue;
      }
      g.runs.push({
        id: `${c.key},rep=${t.rep}`,
        factors: { ...c.factors, rep: String(t.rep) },
        rep: t.rep,
        reason: t.reason,
        ...(t.replaces ? { replaces: t.replaces } : {}),
        output: named.name,
      });
    }
  }
  // A missing load with every repetition present still needs its cluster built once.
  for (const l of report.loads) {
    if (l.status !== 'missing' || groups.has(l.clusterKey)) continue;
    group(l.clusterKey, l.factors);
  }

  const sorted = [...groups.values()].sort((a, b) => compareLevels(a.key, b.key));
  for (const g of sorted) {
    g.runs.sort((a, b) => compareLevels(configKey(withoutRep(a.factors)), configKey(withoutRep(b.factors))) || a.rep - b.rep);
    if (options.order === 'randomized') {
      // Each group gets its own stream, so one group's order does not depend on another's size.
      g.runs = shuffle(g.runs, ((options.seed ?? 1) ^ fnv1a(g.key)) >>> 0);
    }
  }
  return { order: options.order, ...(options.seed !== undefined ? { seed: options.seed } : {}), groups: sorted, errors: [...new Set(errors)] };
}

function withoutRep(f: Factors): Factors {
  const { rep: _rep, ...rest } = f;
  return rest;
}

