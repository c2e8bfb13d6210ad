/**
 * The analysis: from an inventory of runs to statistics across factors.
 *
 * ```
 * Inventory ──1 select──► runs that count (phase, filter, status, metric present; not the client outputs
 *                         combined into another run)
 *           ──2 strata──► factors that vary but are not in --group stratify too (never pooled)
 *           ──3 group───► one group per configuration; failed/partial runs listed as missing reps
 *           ──4 outliers► Tukey fences, MAD z, Grubbs: flagged; removed only with --exclude-outliers
 *           ──5 describe► n, mean, sd, se, median, min, max, CV, t CI, BCa CI, median CI, ratio of sums,
 *                         Shapiro–Wilk, repetitions needed; in run order: trend, lag-1 dependence, the
 *                         deployment-nested interval (dependence.ts)
 *           ──6 compare─► per stratum (compare.ts): Levene, Brown–Forsythe, ANOVA, Welch (primary),
 *                         Kruskal–Wallis, pairwise Welch (+ adjustment), Games–Howell, Tukey HSD,
 *                         Wilcoxon, effects, minimum detectable difference
 *           ──7 two-way─► type II two-way ANOVA with interaction (--twoway)
 *           ──8 series──► stalls, warm-up and steady-state throughput per run
 *           ──9 timeline► the runs in start-time order as z-scores in their configuration; PELT's
 *                         change points of the whole campaign (timeline.ts)
 *           ──────────► AnalysisResult (warnings instead of failures)
 * ```
 * For a terminal view (`options.view`) what it does not print is not computed: the timeline, and for
 * the default view some of steps 5 and 6 (see AnalysisOptions.view).
 */
import { compareLevels, factorKey, metricUnit, type Factors, type Inventory, type Run, type Summary } from '../model/index.js';
import { describe } from '../stats/describe.js';
import { tConfidenceInterval } from '../stats/tConfidenceInterval.js';
import { bootstrapBca } from '../stats/bootstrapBca.js';
import { medianConfidenceInterval } from '../stats/medianConfidenceInterval.js';
import { ratioOfSums } from '../stats/ratioOfSums.js';
import { repetitionsNeeded } from '../stats/repetitionsNeeded.js';
import { tukeyFences } from '../stats/tukeyFences.js';
import { modifiedZScore } from '../stats/modifiedZScore.js';
import { grubbs } from '../stats/grubbs.js';
import { shapiroWilk } from '../stats/shapiroWilk.js';
import { twoWayAnova } from '../stats/twoWayAnova.js';
import { pAdjust } from '../stats/pAdjust.js';
import type {
  AnalysisOptions,
  AnalysisResult,
  GroupResult,
  GroupRun,
  RunSeriesResult,
  StratumResult,
  TwoWayResult,
} from './types.js';
import { FIXES } from './fixes.js';
import { attempt, seriesOf, steadyState } from './series.js';
import { qualityWarnings } from './quality.js';
import { campaignTimeline } from './timeline.js';
import { compareStratum, headlineDetectable, valuesOf } from './compare.js';
import { DEPLOYMENT, deploymentCostFor, deploymentNotice, groupDependence, nestedDeployments, periodNotes, runOrder, startRange } from './dependence.js';

export { digestSeries, seriesOf, steadyState, throughputSamples } from './series.js';
export { DETECT_POWER } from './compare.js';

/** Defaults for every option; `analyze` fills what the caller leaves out. */
export const DEFAULT_OPTIONS: AnalysisOptions = {
  group: [],
  compare: '',
  metric: 'throughput',
  filter: {},
  confidence: 0.95,
  adjust: 'holm',
  adjustScope: 'stratum',
  twoway: false,
  targetCi: 0.05,
  trimWarmup: false,
  includeLoad: false,
};

/** Factors that never form groups by themselves. */
const NOT_A_GROUP = new Set(['rep', DEPLOYMENT]);

function summary(center: number, lo: number, hi: number, confidence: number, warnings: string[] = []): Summary {
  return { center, lo, hi, confidence, warnings };
}

/** The value of the metric for one run, from the steady part of the series when asked. */
function metricValue(run: Run, metric: string, trim: boolean): number | undefined {
  if (trim && metric === 'throughput') {
    const steady = steadyState(run);
    if (steady) return steady.throughput;
  }
  const v = run.metrics[metric];
  return v === undefined || Number.isNaN(v) ? undefined : v;
}

/**
 * Analyse a campaign.
 * @example analyze(inventory, { group: ['rf', 'workload'] }).groups.length
 */
export function analyze(inventory: Inventory, options: Partial<AnalysisOptions> = {}): AnalysisResult {
  const opts: AnalysisOptions = { ...DEFAULT_OPTIONS, ...options };
  if (!opts.compare) opts.compare = opts.group[0] ?? '';
  const warnings: string[] = [];
  const excluded: { file: string; reason: string }[] = [];

  // 1. Select the runs that count.
  const counting: Run[] = [];
  const unusable: Run[] = [];
  const valueOf = new Map<Run, number>();
  const filters = Object.entries(opts.filter);
  for (const run of inventory.runs) {
    if (run.combinedInto !== undefined) {
      excluded.push({ file: run.file, reason: `combined into ${run.combinedInto}` });
      continue;
    }
    if (run.status === 'duplicate' || run.status === 'not-ycsb' || run.status === 'unreadable' || run.status === 'empty' || run.status === 'conflict') {
      excluded.push({ file: run.file, reason: run.status === 'duplicate' ? `duplicate of ${run.duplicateOf}` : run.status });
      continue;
    }
    if (!opts.includeLoad && run.factors.phase === 'load') {
      excluded.push({ file: run.file, reason: `load phase (${FIXES.includeLoad})` });
      continue;
    }
    const failedFilter = filters.length === 0 ? undefined : filters.find(([f, levels]) => !levels.includes(run.factors[f] ?? ''));
    if (failedFilter) {
      excluded.push({ file: run.file, reason: `${FIXES.filter} ${failedFilter[0]}=${failedFilter[1].join('|')}` });
      continue;
    }
    if (run.status !== 'ok') {
      unusable.push(run);
      continue;
    }
    // The value is computed once per run (with --trim-warmup it runs the warm-up search).
    const value = metricValue(run, opts.metric, opts.trimWarmup);
    if (value === undefined) {
      excluded.push({ file: run.file, reason: `no value for metric ${opts.metric}` });
      continue;
    }
    valueOf.set(run, value);
    counting.push(run);
  }
  const noMetric = excluded.filter((e) => e.reason.startsWith('no value for metric')).length;
  if (counting.length === 0 && noMetric > 0) {
    const known = new Set<string>();
    for (const r of inventory.runs) if (r.status === 'ok') for (const m of Object.keys(r.metrics)) known.add(m);
    warnings.push(`no run has a value for metric ${JSON.stringify(opts.metric)}; metrics found: ${[...known].sort().join(', ') || 'none'}`);
  } else if (noMetric > 0) {
    warnings.push(`${noMetric} ok ${noMetric === 1 ? 'run has' : 'runs have'} no value for ${opts.metric} and ${noMetric === 1 ? 'is' : 'are'} left out (${FIXES.excludedList})`);
  }
  const all = [...counting, ...unusable];
  if (opts.group.length === 0) {
    // Default grouping: every factor that varies (less rep, phase and the factors that follow
    // another), the likeliest thing to compare first (rf, then nodes, threads, …).
    const candidates = varyingFactors(all).filter((f) => !NOT_A_GROUP.has(f) && f !== 'phase');
    const { stratifiedBy: independent } = chooseStrata(all, candidates);
    opts.group = independent.sort((a, b) => groupRank(a) - groupRank(b) || compareLevels(a, b));
    if (!options.compare) opts.compare = opts.group[0] ?? '';
  }
  for (const g of opts.group) {
    if (!all.some((r) => r.factors[g] !== undefined)) {
      warnings.push(`${FIXES.unknownGroup} ${g}: no run has this factor; known factors: ${varyingFactors(counting).join(', ') || 'none'}`);
    }
  }

  // 2. Stratifying factors: vary among the runs but are not grouped on (rep never counts).
  const varying = varyingFactors(all);
  const { stratifiedBy, followers } = chooseStrata(
    all,
    varying.filter((f) => !opts.group.includes(f) && !NOT_A_GROUP.has(f)),
  );
  if (stratifiedBy.length > 0) {
    warnings.push(`${stratifiedBy.join(', ')} ${stratifiedBy.length === 1 ? 'varies' : 'vary'} in the data but ${stratifiedBy.length === 1 ? 'is' : 'are'} ${FIXES.notGrouped}: each level is analysed separately, never pooled`);
  }
  for (const [f, by] of followers) {
    warnings.push(`${f} has one level per ${by.join(', ')} (it follows ${by.length === 1 ? 'it' : 'them'}): not a separate stratum`);
  }
  const groupFactors = [...stratifiedBy, ...opts.group];
  const stratumFactors = groupFactors.filter((f) => f !== opts.compare);

  // 3. Group.
  const byKey = new Map<string, { factors: Factors; runs: Run[]; failed: Run[] }>();
  const slot = (run: Run) => {
    // (the key of the group's factors, read from the run's: no object per run)
    const key = factorKey(run.factors, groupFactors);
    let g = byKey.get(key);
    if (!g) {
      const factors: Factors = {};
      for (const f of groupFactors) if (run.factors[f] !== undefined) factors[f] = run.factors[f];
      g = { factors, runs: [], failed: [] };
      byKey.set(key, g);
    }
    return g;
  };
  for (const run of counting) slot(run).runs.push(run);
  for (const run of unusable) slot(run).failed.push(run);

  const loads = all.some((r) => r.factors[DEPLOYMENT] !== undefined) ? inventory.runs.filter((r) => r.status === 'ok' && r.factors.phase === 'load') : [];
  const keys = [...byKey.keys()].sort((a, b) => compareKeys(byKey.get(a)!.factors, byKey.get(b)!.factors, groupFactors));
  const groups: GroupResult[] = keys.map((key) => {
    const g = byKey.get(key)!;
    const runs = [...g.runs].sort((a, b) => compareLevels(a.factors.rep ?? a.file, b.factors.rep ?? b.file));
    return describeGroup(key, g.factors, runs, runs.map((r) => valueOf.get(r)!), g.failed, opts, stratumFactors, loads);
  });
  warnings.push(...deploymentNotice(all, groups));

  // 6. Compare within strata.
  const strata: StratumResult[] = [];
  if (opts.compare) {
    const byStratum = new Map<string, GroupResult[]>();
    for (const g of groups) {
      if (g.factors[opts.compare] === undefined) continue;
      const list = byStratum.get(g.stratum) ?? [];
      list.push(g);
      byStratum.set(g.stratum, list);
    }
    for (const [key, list] of byStratum) {
      const st = compareStratum(key, list, opts);
      st.warnings.push(...periodNotes(list, opts.compare));
      strata.push(st);
    }
    if (opts.adjustScope === 'all') {
      // One family for every pair of every stratum (stricter than per stratum).
      const pairs = strata.flatMap((st) => st.pairs);
      const adjusted = pAdjust(pairs.map((p) => p.welch.p), opts.adjust);
      pairs.forEach((p, i) => (p.welch.pAdjusted = adjusted[i]));
    }
    // the default view prints the detectable difference of the headline pairs not significant only
    if (opts.view === 'summary') headlineDetectable(strata, groups, opts);
  }

  // 7. Two-way ANOVA.
  const twoway: TwoWayResult[] = [];
  if (opts.twoway) {
    if (opts.group.length < 2) warnings.push(FIXES.twowayNeedsTwo);
    else twoway.push(...twoWay(groups, opts, [...stratifiedBy, ...opts.group.slice(2)]));
  }

  // 8. Runs over time (from the digest made while loading, when the samples were not kept).
  const series: RunSeriesResult[] = [];
  for (const r of counting) {
    if (r.seriesDigest) {
      if (r.seriesDigest.samples > 0) series.push(r.seriesDigest.findings as RunSeriesResult);
    } else if (r.series.length > 0) series.push(seriesOf(r));
  }

  // 9. Data quality that changes how the numbers read.
  warnings.push(...qualityWarnings(counting, series));
  const timeline = opts.view ? undefined : campaignTimeline(groups, counting);

  return {
    schema: 'ycsb-analyze/analysis@1',
    options: opts,
    metric: opts.metric,
    unit: metricUnit(opts.metric),
    stratifiedBy,
    groups,
    strata,
    twoway,
    series,
    excluded,
    // the campaign in start-time order, its change points (timeline.ts)
    ...(timeline ? { timeline } : {}),
    warnings,
  };
}

const GROUP_ORDER = ['rf', 'nodes', 'threads', 'recordcount', 'operationcount', 'workload', 'db'];
function groupRank(f: string): number {
  const i = GROUP_ORDER.indexOf(f);
  return i < 0 ? GROUP_ORDER.length : i;
}

const STRATUM_ORDER = ['db', 'phase', 'workload', 'rf', 'nodes', 'recordcount', 'operationcount', 'threads'];

/**
 * Pick the stratifying factors: a candidate whose level is fully determined by the ones already
 * chosen (e.g. nodes = 15 for every cassandra run, 14 for every citus run) adds no stratum and is
 * reported as following them instead. Candidates are taken in a fixed order (db first; the others
 * in the levels' order, compareLevels).
 */
export function chooseStrata(runs: readonly Run[], candidates: string[]): { stratifiedBy: string[]; followers: [string, string[]][] } {
  const ordered = [...candidates].sort((a, b) => rank(a) - rank(b) || compareLevels(a, b));
  const chosen: string[] = [];
  const followers: [string, string[]][] = [];
  for (const f of ordered) {
    if (chosen.length > 0 && determinedBy(runs, chosen, f)) followers.push([f, [...chosen]]);
    else chosen.push(f);
  }
  return { stratifiedBy: chosen.sort(), followers };
}

function rank(f: string): number {
  const i = STRATUM_ORDER.indexOf(f);
  return i < 0 ? STRATUM_ORDER.length : i;
}

function determinedBy(runs: readonly Run[], by: string[], f: string): boolean {
  const seen = new Map<string, string>();
  for (const r of runs) {
    // the levels of `by` joined by U+0001 (built without an array per run)
    let k = String(r.factors[by[0]] ?? '\u0000');
    for (let i = 1; i < by.length; i++) k += '\u0001' + (r.factors[by[i]] ?? '\u0000');
    const v = r.factors[f] ?? '\u0000';
    const prev = seen.get(k);
    if (prev === undefined) seen.set(k, v);
    else if (prev !== v) return false;
  }
  return true;
}

/** Factors with more than one level (a factor missing in some runs counts as varying). */
export function varyingFactors(runs: readonly Run[]): string[] {
  // per factor: its first value, whether another value was seen, and in how many runs it is set
  // (one pass and no Set: the analysis of 100,000 runs calls this twice)
  const levels = new Map<string, { first: string | undefined; many: boolean; defined: number }>();
  for (const r of runs) {
    const f = r.factors;
    for (const k in f) {
      if (!Object.prototype.hasOwnProperty.call(f, k)) continue;
      const v = f[k];
      let l = levels.get(k);
      if (l === undefined) levels.set(k, (l = { first: v, many: false, defined: 0 }));
      else if (v !== l.first) l.many = true;
      if (v !== undefined) l.defined++;
    }
  }
  const out: string[] = [];
  // missing somewhere: some run without a value for it
  for (const [k, l] of levels) if (l.many || l.defined < runs.length) out.push(k);
  return out.sort();
}

function compareKeys(a: Factors, b: Factors, names: string[]): number {
  for (const n of names) {
    const c = compareLevels(a[n] ?? '', b[n] ?? '');
    if (c !== 0) return c;
  }
  return 0;
}

function describeGroup(
  key: string,
  factors: Factors,
  runs: Run[],
  values: number[],
  failed: Run[],
  opts: AnalysisOptions,
  stratumFactors: string[],
  loads: Run[] = [],
): GroupResult {
  const warnings: string[] = [];

  // 4. Outliers: flagged by every method, removed only when asked.
  const n0 = values.length;
  const iqr = n0 >= 1 ? attempt('Tukey fences', warnings, () => tukeyFences(values)) : undefined;
  const mad = n0 >= 1 ? attempt('MAD z-score', warnings, () => modifiedZScore(values)) : undefined;
  if (mad?.reason) warnings.push(`MAD z-score: ${mad.reason}`);
  const gr = n0 >= 3 ? attempt('Grubbs', warnings, () => grubbs(values)) : undefined;
  const grubbsFlag = new Set(gr?.flagged ?? []);
  const groupRuns: GroupRun[] = runs.map((r, i) => {
    const gr0: GroupRun = {
      file: r.file,
      rep: r.factors.rep,
      value: values[i],
      outlier: { iqr: iqr?.classes[i] ?? 'none', mad: mad?.outlier[i] ?? false, grubbs: grubbsFlag.has(i) },
    };
    if (r.combined) gr0.clients = r.combined.clients;
    return gr0;
  });
  if (opts.excludeOutliers) {
    for (const gr0 of groupRuns) {
      const flagged = opts.excludeOutliers === 'iqr' ? gr0.outlier.iqr !== 'none' : opts.excludeOutliers === 'mad' ? gr0.outlier.mad : gr0.outlier.grubbs;
      if (flagged) gr0.excluded = `outlier (${opts.excludeOutliers})`;
    }
  }
  const kept = groupRuns.filter((r) => !r.excluded);
  const x = kept.map((r) => r.value);
  const keptRuns = runs.filter((_, i) => !groupRuns[i].excluded);

  // 5. Describe.
  const d = x.length > 0 ? describe(x) : { n: 0, mean: NaN, sd: NaN, se: NaN, median: NaN, min: NaN, max: NaN, cv: NaN };
  const conf = opts.confidence;
  let meanCi: Summary;
  if (x.length >= 2) {
    const t = attempt('t interval', warnings, () => tConfidenceInterval(x, conf));
    meanCi = t ? summary(t.mean, t.lo, t.hi, conf, t.warnings) : summary(d.mean, NaN, NaN, conf, ['no interval']);
  } else {
    meanCi = summary(d.mean, NaN, NaN, conf, [`n = ${x.length}: a confidence interval needs at least 2 repetitions`]);
  }
  const nest = nestedDeployments(keptRuns, x, conf, deploymentCostFor(factors, loads, opts.deploymentSeconds, keptRuns));
  if (nest.nested) meanCi = nest.nested.meanCi;
  if (x.length >= 2 && d.sd === 0) meanCi.warnings.push('all values are equal: zero variance, the interval has no width');
  let bootstrapCi: Summary | undefined;
  if (opts.bootstrap && x.length >= 3) {
    const b = attempt('bootstrap', warnings, () => bootstrapBca(x, { B: opts.bootstrap!.resamples, seed: opts.bootstrap!.seed, confidence: conf }));
    if (b) bootstrapCi = summary(b.center, b.lo, b.hi, conf, b.warnings);
  } else if (opts.bootstrap) {
    bootstrapCi = summary(d.mean, NaN, NaN, conf, [`n = ${x.length}: the bootstrap needs at least 3 repetitions`]);
  }
  // (the default view prints neither the median's interval nor Shapiro–Wilk)
  const summaryView = opts.view === 'summary';
  let medianCi: Summary;
  if (summaryView) {
    medianCi = summary(d.median, NaN, NaN, conf, ['not computed']);
  } else {
    const m = x.length > 0 ? attempt('median interval', warnings, () => medianConfidenceInterval(x, conf)) : undefined;
    medianCi = m ? summary(m.center, m.lo, m.hi, conf, m.warnings) : summary(d.median, NaN, NaN, conf, ['no values']);
  }
  let ratio: number | undefined;
  if (opts.metric === 'throughput' && !opts.trimWarmup) {
    const ops = keptRuns.map((r) => r.metrics.operations);
    const secs = keptRuns.map((r) => (r.metrics.runtime ?? NaN) / 1000);
    if (ops.length > 0 && ops.every((o) => Number.isFinite(o)) && secs.every((s) => Number.isFinite(s) && s > 0)) {
      ratio = attempt('ratio of sums', warnings, () => ratioOfSums(ops, secs));
    }
  }
  let shapiro: { W: number; p: number } | undefined;
  if (x.length >= 3 && x.length <= 5000 && d.sd > 0 && !summaryView) {
    const sw = attempt('Shapiro–Wilk', warnings, () => shapiroWilk(x));
    if (sw) shapiro = { W: sw.W, p: sw.p };
  }
  let repetitions: GroupResult['repetitions'];
  if (x.length >= 2 && Number.isFinite(d.sd) && d.mean !== 0 && !nest.nested) {
    const r = attempt('repetitions needed', warnings, () => repetitionsNeeded(d.sd, d.mean, opts.targetCi, conf, x.length));
    if (r) {
      repetitions = { needed: r.needed, additional: r.additional, target: opts.targetCi };
      warnings.push(...r.warnings);
      if (r.additional > 0) {
        warnings.push(`the ${Math.round(conf * 100)}% CI half-width is ±${pct(meanCi.hi - meanCi.center, d.mean)} of the mean; ±${+(opts.targetCi * 100).toPrecision(6)}% needs ${r.needed} repetitions (${r.additional} more)`);
      }
    }
  }
  if (x.length < 3) warnings.push(`n = ${x.length}: at least 3 repetitions are needed for outlier and normality checks, 6 for a median interval`);
  // Are these really repetitions of one configuration?
  const noRep = keptRuns.filter((r) => r.factors.rep === undefined);
  if (noRep.length >= 2) {
    const ambiguous = noRep.filter((r) => r.origin.ambiguities.length > 0).length;
    warnings.push(
      `${noRep.length} runs of this group have no repetition number${ambiguous ? ` (${ambiguous} with ambiguous names)` : ''}: they are pooled as repetitions but may be different configurations; ${FIXES.scheme}`,
    );
  }
  const ops = keptRuns.map((r) => r.metrics.operations).filter((o) => Number.isFinite(o) && o > 0);
  if (ops.length >= 2 && Math.max(...ops) > 1.5 * Math.min(...ops)) {
    warnings.push(`the runs of this group did different amounts of work (${Math.min(...ops)} to ${Math.max(...ops)} operations): are they repetitions of one configuration?`);
  }
  if (failed.length > 0) {
    warnings.push(`${failed.length} ${failed.length === 1 ? 'run' : 'runs'} failed or partial and left out (missing repetitions, not outliers)`);
  }
  const excludedRuns = groupRuns.filter((r) => r.excluded);
  if (excludedRuns.length > 0) {
    warnings.push(`excluded as outliers (${opts.excludeOutliers}): ${excludedRuns.map((r) => `${r.file} = ${r.value}`).join('; ')}`);
  }
  warnings.push(...nest.warnings);
  const ordered = runOrder(keptRuns.map((r, i) => ({ file: r.file, factors: r.factors, start: r.start, value: x[i] })));
  const dep = groupDependence(ordered.order, ordered.runs.map((r) => r.value), opts.metric, metricUnit(opts.metric), meanCi, startRange(keptRuns));
  warnings.push(...dep.warnings);
  const level = factors[opts.compare] ?? '';
  const stratum: Factors = {};
  for (const f of stratumFactors) if (factors[f] !== undefined) stratum[f] = factors[f];
  return {
    key,
    factors,
    level,
    stratum: factorKey(stratum, stratumFactors),
    n: x.length,
    mean: d.mean,
    sd: d.sd,
    se: d.se,
    median: d.median,
    min: d.min,
    max: d.max,
    cv: d.cv,
    meanCi,
    bootstrapCi,
    medianCi,
    ratioOfSums: ratio,
    shapiro,
    repetitions,
    runs: groupRuns,
    dependence: dep.dependence,
    nested: nest.nested,
    failed: failed.map((r) => ({
      file: r.file,
      status: r.status,
      reason: (r.diagnostics.find((dd) => dd.severity === 'error') ?? r.diagnostics[0])?.message ?? r.status,
      ...(r.combined ? { clients: r.combined.clients } : {}),
    })),
    warnings,
  };
}

function pct(halfWidth: number, mean: number): string {
  return `${((100 * halfWidth) / Math.abs(mean)).toFixed(1)}%`;
}

function twoWay(groups: GroupResult[], opts: AnalysisOptions, stratifiedBy: string[]): TwoWayResult[] {
  const [fa, fb] = opts.group;
  const byStratum = new Map<string, { y: number[]; a: string[]; b: string[]; factors: Factors }>();
  for (const g of groups) {
    const sf: Factors = {};
    for (const f of stratifiedBy) if (g.factors[f] !== undefined) sf[f] = g.factors[f];
    const key = factorKey(sf, stratifiedBy);
    const entry = byStratum.get(key) ?? { y: [], a: [], b: [], factors: sf };
    for (const v of valuesOf(g)) {
      entry.y.push(v);
      entry.a.push(g.factors[fa] ?? '');
      entry.b.push(g.factors[fb] ?? '');
    }
    byStratum.set(key, entry);
  }
  const out: TwoWayResult[] = [];
  for (const [key, e] of byStratum) {
    const warnings: string[] = [];
    const t = attempt('two-way ANOVA', warnings, () => twoWayAnova(e.y, e.a, e.b));
    const rows = (t?.rows ?? []).map((r: { term: string; ss: number; df: number; F?: number; p?: number }) => ({
      term: r.term.replace(/^A$/, fa).replace(/^B$/, fb).replace(/^A:B$/, `${fa}:${fb}`),
      ss: r.ss,
      df: r.df,
      F: r.F ?? NaN,
      p: r.p ?? NaN,
    }));
    if (t?.warnings) warnings.push(...t.warnings);
    out.push({ key, factors: [fa, fb], rows, warnings });
  }
  return out;
}

