/**
 * Are the repetitions of a configuration independent? Drift, serial dependence, deployments.
 *
 * Every interval of the analysis assumes independent repetitions. This module checks it, per
 * configuration, and says what it means for the interval:
 *
 * ```
 * runs of one group ──1 order────► the order they ran: start time (when every run has one), else
 *                                  the repetition number, else the file name
 *                   ──2 trend────► Kendall's τ of the metric against that order (R's cor.test),
 *                                  Sen's slope (change per repetition) with its CI
 *                   ──3 depend───► lag-1 autocorrelation (R's acf), Ljung–Box test at lag 1
 *                   ──4 judge────► significant: Kendall p < 0.01 or Ljung–Box p < 0.01; then the
 *                                  AR(1)-adjusted interval with its effective n, and a warning
 *                   ──5 nested───► with a `deployment` factor: the interval from the deployment means,
 *                                  variance components and ICC, more deployments or more repetitions
 * ```
 * Pure: runs and values in, results and warnings out.
 */
import type { Run, Summary } from '../model/index.js';
import { compareLevels } from '../model/index.js';
import { kendallTau } from '../stats/kendallTau.js';
import { sensSlope } from '../stats/sensSlope.js';
import { autocorrelation } from '../stats/autocorrelation.js';
import { ljungBox } from '../stats/ljungBox.js';
import { dependenceAdjustedMeanInterval } from '../stats/dependenceAdjustedMeanInterval.js';
import { nestedMeanInterval } from '../stats/nestedMeanInterval.js';
import { varianceComponents } from '../stats/varianceComponents.js';
import { optimalRepetitions } from '../stats/optimalRepetitions.js';
import type { GroupDependence, GroupNested, GroupResult } from './types.js';

/** Significance level of the trend and dependence checks (each; stated in the warning and docs). */
export const DEPENDENCE_ALPHA = 0.01;
/** The factor that marks repetitions sharing one deployment (aliases load, deploy). */
export const DEPLOYMENT = 'deployment';

/**
 * The runs in the order they ran, and which order that is: by start time when every run has one,
 * else by repetition number (numerically; within deployments, in deployment order, when there is a
 * deployment factor) when every run has one, else by file name.
 */
export function runOrder<T extends Pick<Run, 'file' | 'factors' | 'start'>>(runs: readonly T[]): { order: GroupDependence['order']; runs: T[] } {
  if (runs.length > 0 && runs.every((r) => r.start?.iso)) {
    return { order: 'start-time', runs: [...runs].sort((a, b) => (a.start!.iso < b.start!.iso ? -1 : a.start!.iso > b.start!.iso ? 1 : compareLevels(a.file, b.file))) };
  }
  if (runs.length > 0 && runs.every((r) => r.factors.rep !== undefined)) {
    // Nested in deployments, repetition numbers restart in each: deployments in order, then reps.
    const byRep = (a: T, b: T) => compareLevels(a.factors[DEPLOYMENT] ?? '', b.factors[DEPLOYMENT] ?? '') || compareLevels(a.factors.rep, b.factors.rep) || compareLevels(a.file, b.file);
    return { order: 'rep', runs: [...runs].sort(byRep) };
  }
  return { order: 'file', runs: [...runs].sort((a, b) => compareLevels(a.file, b.file)) };
}

/** 4 significant digits, as the tables print means (no exponent below 1e21). */
function num(v: number, digits = 4): string {
  if (!Number.isFinite(v)) return String(v);
  return Math.abs(v) >= 10 ** digits ? v.toFixed(0) : v.toPrecision(digits);
}
function signed(v: number): string {
  return v < 0 ? `−${(-v).toFixed(2)}` : v.toFixed(2);
}
function fmtP(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toPrecision(2)}`;
}
function interval(lo: number, hi: number): string {
  return `[${num(lo)}, ${num(hi)}]`;
}
const ORDER_WORDS: Record<GroupDependence['order'], string> = { 'start-time': 'start time', rep: 'repetition number', file: 'file name' };

/**
 * Trend and serial dependence of one configuration's repetitions (values in run order), and the
 * warning that says what they mean for the naive interval `meanCi`.
 * @example groupDependence('rep', [5, 4.8, 4.7, 4.5, 4.4, 4.2], 'throughput', 'ops/s', meanCi).dependence.kendall.tau // -1
 */
export function groupDependence(
  order: GroupDependence['order'],
  values: readonly number[],
  metric: string,
  unit: string,
  meanCi: Summary,
  start?: { first: string; last: string },
): { dependence: GroupDependence; warnings: string[] } {
  const n = values.length;
  const conf = meanCi.confidence;
  const dep: GroupDependence = { order, n, significant: false, ...(start ? { period: start } : {}) };
  const warnings: string[] = [];
  if (n < 3) {
    dep.note = `n = ${n}: the trend and dependence checks need at least 3 repetitions`;
    return { dependence: dep, warnings };
  }
  const x = values.map((_, i) => i + 1);
  try {
    const k = kendallTau(x, values);
    dep.kendall = { tau: k.tau, p: k.pValue, method: k.method };
  } catch (e) {
    dep.note = `Kendall's τ: ${(e as Error).message}`;
  }
  try {
    const s = sensSlope(values, conf);
    dep.sensSlope = { slope: s.slope, lo: s.lo, hi: s.hi };
  } catch {
    /* n ≥ 3 and finite values: not reached */
  }
  dep.acf1 = autocorrelation(values, 1);
  const lb = ljungBox(values, 1);
  dep.ljungBox = { statistic: lb.statistic, p: lb.pValue };
  const trend = dep.kendall !== undefined && dep.kendall.p < DEPENDENCE_ALPHA;
  const correlated = lb.pValue < DEPENDENCE_ALPHA;
  dep.significant = trend || correlated;
  if (!dep.significant) return { dependence: dep, warnings };

  const adj = dependenceAdjustedMeanInterval(values, 'ar1', { confidence: conf });
  dep.adjustedCi = { center: adj.mean, lo: adj.lo, hi: adj.hi, confidence: conf, warnings: adj.warnings, method: 'ar1', nEff: adj.nEff };
  const u = unit ? ` ${unit}` : '';
  const what: string[] = [];
  if (trend) {
    const s = dep.sensSlope!.slope;
    what.push(
      `${metric} ${s < 0 ? 'falls' : s > 0 ? 'rises' : 'drifts'}${s !== 0 ? ` by ${num(Math.abs(s), 3)}${u}` : ''} per repetition in ${ORDER_WORDS[order]} order (Kendall τ = ${signed(dep.kendall!.tau)}, ${fmtP(dep.kendall!.p)})`,
    );
  }
  if (correlated) what.push(`each repetition is correlated with the one before (lag-1 autocorrelation ${signed(dep.acf1)}, Ljung–Box ${fmtP(lb.pValue)})`);
  const pct = `${Math.round(conf * 100)}%`;
  let consequence: string;
  if (!(adj.nEff < n)) {
    consequence = `the lag-1 autocorrelation is not positive, so the AR(1) correction leaves the ${pct} CI ${interval(meanCi.lo, meanCi.hi)} as it is`;
  } else if (!Number.isFinite(adj.lo)) {
    consequence = `the ${pct} CI ${interval(meanCi.lo, meanCi.hi)} is too narrow; accounting for the dependence (AR(1), effective n = ${adj.nEff.toFixed(1)}) leaves too few independent values for an interval`;
  } else {
    consequence = `the ${pct} CI ${interval(meanCi.lo, meanCi.hi)} is too narrow; accounting for the dependence (AR(1), effective n = ${adj.nEff.toFixed(1)}) it is ${interval(adj.lo, adj.hi)}`;
  }
  if (trend) consequence += '; no interval covers the trend itself: the mean depends on how many repetitions ran';
  warnings.push(`${what.join('; ')}: the repetitions are not independent, so ${consequence}`);
  return { dependence: dep, warnings };
}

/** Start-time range of a group's runs, when every run has a start time. */
export function startRange(runs: readonly Pick<Run, 'start'>[]): { first: string; last: string } | undefined {
  if (runs.length === 0 || !runs.every((r) => r.start?.iso)) return undefined;
  const isos = runs.map((r) => r.start!.iso).sort();
  return { first: isos[0], last: isos[isos.length - 1] };
}

/**
 * Notes for a stratum whose compared levels ran in different periods (their start-time ranges do
 * not overlap): part of a difference between them may be a difference between periods.
 */
export function periodNotes(groups: readonly GroupResult[], compare: string): string[] {
  const withPeriod = groups.filter((g) => g.dependence?.period);
  const out: string[] = [];
  for (let i = 0; i < withPeriod.length; i++) {
    for (let j = i + 1; j < withPeriod.length; j++) {
      const a = withPeriod[i];
      const b = withPeriod[j];
      const pa = a.dependence!.period!;
      const pb = b.dependence!.period!;
      if (pa.last < pb.first || pb.last < pa.first) {
        out.push(
          `${compare}=${a.level} (${pa.first} to ${pa.last}) and ${compare}=${b.level} (${pb.first} to ${pb.last}) ran in different periods: part of their difference may be a change of the system over time`,
        );
      }
    }
  }
  return out;
}

/**
 * The analysis-level notice when no run has a deployment factor: every repetition of a
 * configuration shares one deployment, so its interval covers only the variation within it.
 */
export function deploymentNotice(runs: readonly Pick<Run, 'factors'>[], groups: readonly GroupResult[]): string[] {
  if (runs.some((r) => r.factors[DEPLOYMENT] !== undefined)) return [];
  if (!groups.some((g) => g.n >= 2)) return [];
  return [
    'all repetitions of a configuration ran on one deployment (no deployment factor): each interval covers only the variation within that deployment, not between deployments (a new load or cluster); a factor named deployment marks repetitions nested in several deployments',
  ];
}

/**
 * Repetitions nested in deployments (the `deployment` factor): the interval of the configuration's
 * mean from the deployment means (t on k − 1 df), the variance components with the ICC, and whether
 * more deployments or more repetitions per deployment shrink the interval most per unit of time.
 *
 * Costs: a repetition costs its mean run time; a deployment costs `deployment` ({@link deploymentCostFor}:
 * fill's journal, or the load run's run time), else the cost is unknown and equal costs are assumed
 * (said in a warning).
 */
export function nestedDeployments(
  runs: readonly Pick<Run, 'factors' | 'metrics'>[],
  values: readonly number[],
  confidence: number,
  deployment?: { seconds: number; source: 'journal' | 'load-runtime' },
): { nested?: GroupNested; warnings: string[] } {
  const warnings: string[] = [];
  if (!runs.some((r) => r.factors[DEPLOYMENT] !== undefined)) return { warnings };
  const byDeployment = new Map<string, number[]>();
  runs.forEach((r, i) => {
    const d = r.factors[DEPLOYMENT] ?? '(none)';
    const list = byDeployment.get(d) ?? [];
    list.push(values[i]);
    byDeployment.set(d, list);
  });
  const levels = [...byDeployment.keys()].sort(compareLevels);
  const groups = levels.map((l) => byDeployment.get(l)!);
  const k = groups.length;
  if (k < 2) {
    warnings.push(`all repetitions ran on one deployment (${levels[0]}): the interval covers only the variation within it`);
    return { warnings };
  }
  const t = nestedMeanInterval(groups, confidence);
  const nested: GroupNested = {
    deployments: levels,
    sizes: groups.map((g) => g.length),
    deploymentMeans: t.groupMeans,
    meanCi: { center: t.mean, lo: t.lo, hi: t.hi, confidence, warnings: [...t.warnings], df: t.df },
  };
  if (groups.some((g) => g.length >= 2)) {
    const vc = varianceComponents(groups);
    nested.components = { method: vc.method, between: vc.between, within: vc.within, icc: vc.icc };
    warnings.push(...vc.warnings);
    const secs = runs.map((r) => (r.metrics.runtime ?? NaN) / 1000).filter((s) => Number.isFinite(s) && s > 0);
    const repetitionCost = secs.length > 0 ? secs.reduce((a, b) => a + b, 0) / secs.length : 1;
    const known = deployment !== undefined && Number.isFinite(deployment.seconds) && deployment.seconds > 0;
    const deploymentCost = known ? deployment!.seconds : repetitionCost;
    const sizes = nested.sizes;
    const balanced = sizes.every((s) => s === sizes[0]);
    try {
      const o = optimalRepetitions({
        between: vc.between,
        within: vc.within,
        deploymentCost,
        repetitionCost,
        confidence,
        ...(balanced ? { deployments: k, repetitions: sizes[0] } : {}),
      });
      // Unbalanced: no current k × r to step from; repetitions win when the mean size is below r*.
      const meanSize = sizes.reduce((p, q) => p + q, 0) / k;
      nested.advice = {
        repetitionsPerDeployment: o.repetitions,
        optimal: o.optimal,
        shrinksMost: o.shrinksMost ?? (Number.isFinite(o.optimal) ? (meanSize < o.optimal ? 'repetitions' : 'deployments') : undefined),
        deploymentCost,
        repetitionCost,
        costSource: known ? deployment!.source : 'assumed-equal',
      };
      warnings.push(...o.warnings);
    } catch (e) {
      warnings.push(`more deployments or more repetitions: ${(e as Error).message}`);
    }
  }
  const pct = `${Math.round(confidence * 100)}%`;
  const c = nested.components;
  let text = `repetitions are nested in ${k} deployments: the ${pct} CI of the mean from the deployment means (t, ${k - 1} df) is ${interval(t.lo, t.hi)}`;
  if (c) text += `; variance between deployments ${num(c.between)}, within ${num(c.within)} (ICC ${num(c.icc, 2)}, ${c.method === 'anova' ? 'ANOVA' : 'REML'})`;
  const a = nested.advice;
  if (a) {
    const cost =
      a.costSource === 'journal'
        ? `a deployment costs its teardown, deployment, readiness and load (${num(a.deploymentCost)} s, as fill's journal measured them), a repetition ${num(a.repetitionCost)} s`
        : a.costSource === 'load-runtime'
          ? `a deployment costs its load time (${num(a.deploymentCost)} s, teardown not measured), a repetition ${num(a.repetitionCost)} s`
          : 'cost of a deployment unknown without a load output: equal costs assumed';
    if (a.shrinksMost) text += `; more ${a.shrinksMost === 'deployments' ? 'deployments' : 'repetitions per deployment'} shrink the interval most`;
    if (Number.isFinite(a.repetitionsPerDeployment)) text += `; ${a.repetitionsPerDeployment === 1 ? '1 repetition per deployment uses' : `${a.repetitionsPerDeployment} repetitions per deployment use`} the time best`;
    text += ` (${cost})`;
  }
  warnings.push(text);
  return { nested, warnings };
}

/**
 * What one deployment of a configuration costs: fill's journal's measure for its database when there
 * is one (teardown + deploy + readiness + load), else the median run time of its load runs
 * ({@link loadSecondsFor}), else undefined.
 */
export function deploymentCostFor(
  groupFactors: Readonly<Record<string, string>>,
  loads: readonly Pick<Run, 'factors' | 'metrics'>[],
  measured?: Readonly<Record<string, { seconds: number }>>,
  runs: readonly Pick<Run, 'factors'>[] = [],
): { seconds: number; source: 'journal' | 'load-runtime' } | undefined {
  // the database: a group factor, or (one database in the campaign: not a factor) the runs' own
  const dbs = new Set(runs.map((r) => r.factors.db).filter((d) => d !== undefined));
  const db = groupFactors.db ?? (dbs.size === 1 ? [...dbs][0] : undefined);
  const j = db !== undefined && measured && Object.prototype.hasOwnProperty.call(measured, db) ? measured[db].seconds : undefined;
  if (j !== undefined && Number.isFinite(j) && j > 0) return { seconds: j, source: 'journal' };
  const l = loads.length > 0 ? loadSecondsFor(groupFactors, loads) : undefined;
  return l !== undefined ? { seconds: l, source: 'load-runtime' } : undefined;
}

/**
 * Seconds one deployment costs for a configuration: the median run time of the ok load runs that
 * share its factors (all factors a load run has, except phase, workload, rep, operationcount and the
 * deployment itself). Undefined when there is none.
 */
export function loadSecondsFor(groupFactors: Readonly<Record<string, string>>, loads: readonly Pick<Run, 'factors' | 'metrics'>[]): number | undefined {
  const skip = new Set(['phase', 'workload', 'rep', 'operationcount', DEPLOYMENT]);
  const secs = loads
    .filter((l) => Object.entries(l.factors).every(([f, v]) => skip.has(f) || groupFactors[f] === undefined || groupFactors[f] === v))
    .map((l) => (l.metrics.runtime ?? NaN) / 1000)
    .filter((s) => Number.isFinite(s) && s > 0)
    .sort((a, b) => a - b);
  if (secs.length === 0) return undefined;
  const m = secs.length >> 1;
  return secs.length % 2 ? secs[m] : (secs[m - 1] + secs[m]) / 2;
}
