/**
 * Are the repetitions independent? The report's words for the check the analysis made
 * (src/analysis/dependence.ts, groups[].dependence) and for the campaign's change points
 * (src/analysis/timeline.ts, timeline): what was checked, at which level, and what came out on
 * this campaign; whether the repetitions of a configuration shared one deployment. Used by the
 * methods paragraph (text.ts) and by the reporting checklist (checklist.ts). Plain text, no
 * command-line flags. Pure.
 */
import type { AnalysisResult, GroupDependence } from '../analysis/types.js';
import { DEPENDENCE_ALPHA } from '../analysis/dependence.js';
import { fmtFixed, metricLabel, plural } from './labels.js';
import { shortTime } from './figures/timeline.js';

const ORDER_WORDS: Record<GroupDependence['order'], string> = {
  'start-time': 'their start times',
  rep: 'their repetition numbers (no start time was recorded for every run)',
  file: 'their file names (neither start times nor repetition numbers were found for every run)',
};

function signed(v: number): string {
  return v < 0 ? `−${fmtFixed(-v, 2)}` : `+${fmtFixed(v, 2)}`;
}

/** The counts the sentences state, from the groups' dependence results. */
export function independenceCounts(a: AnalysisResult): {
  checked: number;
  trend: number;
  correlated: number;
  above03: number;
  flagged: number;
  adjusted: number;
  orders: Map<GroupDependence['order'], number>;
  tau?: { lo: number; hi: number };
  nEff?: { lo: number; hi: number; n: number };
} {
  const deps = a.groups.map((g) => g.dependence).filter((d): d is GroupDependence => d !== undefined && d.kendall !== undefined);
  const trend = deps.filter((d) => d.kendall!.p < DEPENDENCE_ALPHA);
  const orders = new Map<GroupDependence['order'], number>();
  for (const d of deps) orders.set(d.order, (orders.get(d.order) ?? 0) + 1);
  const adjusted = deps.filter((d) => d.adjustedCi && Number.isFinite(d.adjustedCi.nEff));
  const taus = trend.map((d) => d.kendall!.tau);
  const nEffs = adjusted.map((d) => d.adjustedCi!.nEff);
  return {
    checked: deps.length,
    trend: trend.length,
    correlated: deps.filter((d) => d.ljungBox !== undefined && d.ljungBox.p < DEPENDENCE_ALPHA).length,
    above03: deps.filter((d) => (d.acf1 ?? 0) > 0.3).length,
    flagged: deps.filter((d) => d.significant).length,
    adjusted: adjusted.length,
    orders,
    ...(taus.length ? { tau: { lo: Math.min(...taus), hi: Math.max(...taus) } } : {}),
    ...(nEffs.length ? { nEff: { lo: Math.min(...nEffs), hi: Math.max(...nEffs), n: Math.max(...adjusted.map((d) => d.n)) } } : {}),
  };
}

/**
 * The independence check and its outcome, as sentences: how the repetitions were ordered, the two
 * tests and α, how many configurations show a trend and a lag-1 dependence, and that their
 * intervals are also given corrected for the dependence (`where`: where the report lists them).
 * Empty when no configuration was checked.
 */
export function independenceSentences(a: AnalysisResult, where = ''): string[] {
  const c = independenceCounts(a);
  if (c.checked === 0) return [];
  const unchecked = a.groups.filter((g) => g.n > 0).length - c.checked;
  const metric = metricLabel(a.metric);
  const alpha = String(DEPENDENCE_ALPHA);
  const orders = [...c.orders];
  const byWhat = orders.length === 1 ? ORDER_WORDS[orders[0][0]] : orders.map(([o, n]) => `${ORDER_WORDS[o]} in ${n}`).join(', ');
  const out: string[] = [];
  out.push(
    `Whether the repetitions of a configuration are independent, as every interval here assumes, was checked in the order they ran (by ${byWhat}): Kendall's τ of ${metric} against the run order tests for a trend, and the Ljung–Box test of the lag-1 autocorrelation for a dependence of each repetition on the one before, each at α = ${alpha}.`,
  );
  const of = `of ${c.checked}`;
  const trend = c.trend
    ? `${c.trend} ${of} configurations show a significant trend (τ from ${signed(c.tau!.lo)} to ${signed(c.tau!.hi)})`
    : `${c.checked === 1 ? 'The configuration shows no' : `None of the ${c.checked} configurations shows a`} significant trend`;
  const corr = `${c.correlated ? `${c.correlated} a significant lag-1 autocorrelation` : 'none a significant lag-1 autocorrelation'} (it is above 0.3 in ${c.above03 || 'none'})`;
  let consequence: string;
  if (c.flagged === 0) consequence = 'the intervals are read as they are.';
  else {
    const eff = c.nEff ? `, with effective sample sizes from ${fmtFixed(c.nEff.lo, 1)} to ${fmtFixed(c.nEff.hi, 1)} of up to ${c.nEff.n} repetitions` : '';
    consequence = `for ${c.flagged === 1 ? 'that configuration' : `these ${c.flagged} configurations`} the mean's interval is also given corrected for the dependence${where} (AR(1) model${eff}), and a trend means the mean depends on how many repetitions ran.`;
  }
  const rest = unchecked > 0 ? ` ${plural(unchecked, 'configuration')} with fewer than 3 repetitions could not be checked.` : '';
  out.push(`${trend}, ${corr}; ${consequence}${rest}`);
  return out;
}

/**
 * The deployments the repetitions ran on: with no configuration nested in deployments, the one
 * sentence that all repetitions of a configuration shared one deployment; else how the intervals
 * of the nested ones were made. '' when no configuration has two repetitions.
 */
export function deploymentSentence(a: AnalysisResult): string {
  const nested = a.groups.filter((g) => g.nested);
  if (!a.groups.some((g) => g.n >= 2)) return '';
  if (nested.length === 0) {
    return 'All repetitions of a configuration ran on one deployment (one load of the data, one cluster), so each interval covers only the variation within that deployment, not between deployments.';
  }
  const ks = nested.map((g) => g.nested!.deployments.length);
  const k = Math.min(...ks) === Math.max(...ks) ? String(ks[0]) : `${Math.min(...ks)}–${Math.max(...ks)}`;
  return `In ${plural(nested.length, 'configuration')} the repetitions are nested in ${k} deployments: the interval of the mean comes from the deployment means (Student-t with one degree of freedom fewer than the deployments), and the variance between and within deployments is given with the intraclass correlation.`;
}

/** The campaign's change points in one sentence ('Figure 4': the timeline figure that shows them), or '' without a timeline. */
export function changePointSentence(a: AnalysisResult, figure?: string): string {
  const t = a.timeline;
  if (!t || t.note) return '';
  const k = t.changePoints.length;
  const count = k === 0 ? 'none was found' : `${k} ${k === 1 ? 'was' : 'were'} found`;
  const when = k === 0 ? '' : ` (${t.changePoints.slice(0, 6).map((c) => shortTime(c.start)).join(', ')}${k > 6 ? ', …' : ''})`;
  return `Changes of the whole campaign over time were sought with PELT (changes in mean, MBIC penalty) on the ${t.n} runs in start-time order, each as a z-score within its configuration: ${count}${when}${figure ? `; ${figure} shows every run against its start time, the change points marked` : ''}.`;
}

/** The reporting checklist's item: the independence check, its outcome, the deployments, the change points. */
export function independenceItemText(a: AnalysisResult, figure?: string): string[] {
  const check = independenceSentences(a, ', among the configuration warnings of the data-quality section');
  const text = [
    ...(check.length ? check : ['The independence of the repetitions could not be checked: no configuration has the 3 repetitions the check needs.']),
    deploymentSentence(a),
    changePointSentence(a, figure),
  ];
  return text.filter((x) => x !== '');
}
