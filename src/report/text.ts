/**
 * The report's prose, as plain text (the HTML layer escapes it): the summary sentences and the
 * methods paragraph. Pure.
 */
import type { AnalysisResult, StratumResult } from '../analysis/types.js';
import { factorName, factorsLabel, fmtFixed, fmtP, fmtPCell, levelLabel, metricLabel, joinAnd } from './labels.js';
import { changePointSentence, deploymentSentence, independenceSentences } from './independence.js';
import { headlinePair } from '../analysis/compare.js';

/** The omnibus test a stratum is read by: Welch's ANOVA when it is defined, else none ("not testable",
 * `s.notTestable` says why). One-way ANOVA and Kruskal–Wallis are sensitivity checks, never read instead. */
export function stratumTest(s: StratumResult): { name: string; p: number } | undefined {
  return s.recommended && s.welch && Number.isFinite(s.welch.p) ? { name: 'Welch ANOVA', p: s.welch.p } : undefined;
}

/** A Tukey or Games–Howell p-value for a table cell: the bound when p is below the noise floor of
 * the studentized-range algorithm ('< 1e-9'), never the noise itself. */
export function studentizedPCell(t: { p: number; pUpper?: number }): string {
  if (t.pUpper !== undefined) return `< ${t.pUpper.toExponential(0)}`;
  return fmtPCell(t.p);
}

// The pair from the first to the last level of a stratum (the headline comparison).
export { headlinePair };

/**
 * One sentence per stratum, from the first level of the compared factor to the last: the percent
 * change of the mean with its (per-comparison) CI, the omnibus test across all levels, and the
 * pair's own test, which alone decides "lowers/raises" versus "not significant":
 * "Going from RF 1 to RF 3 lowers Cassandra's throughput in workload a by 14.0% [12.3, 15.7],
 * p < 0.001, Welch ANOVA (RF 1 vs RF 3: p < 0.001, Welch t-test, Holm-adjusted within the stratum)."
 */
export function summarySentences(a: AnalysisResult): string[] {
  const compare = a.options.compare;
  const conf = Math.round(a.options.confidence * 100);
  const alpha = 1 - a.options.confidence;
  const scope = a.options.adjustScope === 'all' ? 'across all strata' : 'within the stratum';
  const adjust = { holm: 'Holm', bonferroni: 'Bonferroni', BH: 'Benjamini–Hochberg' }[a.options.adjust];
  const out: string[] = [];
  for (const s of a.strata) {
    const pair = headlinePair(s);
    if (!pair) continue;
    const flip = s.levels.length > 0 && pair.a === s.levels[s.levels.length - 1] && pair.b === s.levels[0];
    const from = flip ? pair.b : pair.a;
    const to = flip ? pair.a : pair.b;
    let c = pair.percent.center;
    let lo = pair.percent.lo;
    let hi = pair.percent.hi;
    if (flip) {
      // b→a: percent relative to the other base: 100 (a/b − 1) = −100 d / (100 + d) for d = 100 (b/a − 1).
      const inv = (d: number) => (-100 * d) / (100 + d);
      [c, lo, hi] = [inv(c), inv(hi), inv(lo)];
    }
    const db = s.factors.db ?? (a.options.filter.db?.length === 1 ? a.options.filter.db[0] : undefined);
    const subject = db !== undefined && compare !== 'db' ? `${levelLabel('db', db)}'s ${metricLabel(a.metric)}` : `the ${metricLabel(a.metric)}`;
    const rest: Record<string, string> = {};
    for (const [k, v] of Object.entries(s.factors)) if (k !== 'db' && k !== compare) rest[k] = v;
    const where = Object.keys(rest).length ? ` in ${factorsLabel(rest).split(' · ').join(', ')}` : '';
    const test = stratumTest(s);
    const untestable = !test && s.notTestable ? `; across all levels of ${factorName(compare)}, Welch's ANOVA is not testable (${s.notTestable})` : '';
    const pairP = pair.welch.pAdjusted;
    const pairText = `${levelLabel(compare, from)} vs ${levelLabel(compare, to)}: ${fmtP(pairP)}, Welch t-test, ${adjust}-adjusted ${scope}`;
    const go = `Going from ${levelLabel(compare, from)} to ${levelLabel(compare, to)}`;
    if (!Number.isFinite(c)) {
      out.push(`${go}: the change in ${subject}${where} cannot be computed (${pair.warnings[0] ?? 'no estimate'}).`);
      continue;
    }
    const hasCi = Number.isFinite(lo) && Number.isFinite(hi);
    const ci = hasCi ? ` [${fmtFixed(lo, 1)}, ${fmtFixed(hi, 1)}]` : '';
    const omnibus = test ? `${fmtP(test.p)}, ${test.name}` : '';
    if (Number.isFinite(pairP) && pairP < alpha) {
      const verb = c < 0 ? 'lowers' : 'raises';
      const [l, h] = c < 0 ? [-hi, -lo] : [lo, hi];
      const ciAbs = hasCi ? ` [${fmtFixed(l, 1)}, ${fmtFixed(h, 1)}]` : '';
      out.push(`${go} ${verb} ${subject}${where} by ${fmtFixed(Math.abs(c), 1)}%${ciAbs}${omnibus ? `, ${omnibus}` : ''} (${pairText})${untestable}.`);
    } else {
      out.push(
        `${go} changes ${subject}${where} by ${fmtFixed(c, 1)}%${ci}, not significant at ${conf}% confidence (${pairText})${omnibus ? `; across all levels of ${factorName(compare)}: ${omnibus}` : untestable}.`,
      );
    }
  }
  return out;
}

/**
 * A short label per stratum for one-line findings, in the CLI's terms: the database bare, other
 * factors as "name level" ('cassandra, workload a'). A factor that varies across the strata but
 * whose level follows from the others (nodes = 15 for every Cassandra stratum) is left out.
 */
export function stratumLabels(a: AnalysisResult): Map<string, string> {
  const compare = a.options.compare;
  const names = [...new Set(a.strata.flatMap((s) => Object.keys(s.factors)))].filter((f) => f !== compare);
  names.sort((x, y) => (x === 'db' ? -1 : y === 'db' ? 1 : 0));
  let kept = [...names];
  // drop, last first, a factor whose level is a function of the remaining ones
  for (const f of [...names].reverse()) {
    const rest = kept.filter((k) => k !== f);
    if (rest.length === 0) continue;
    const seen = new Map<string, string>();
    let follows = true;
    for (const s of a.strata) {
      const k = rest.map((r) => s.factors[r] ?? '').join('\u0001');
      const v = s.factors[f] ?? '';
      if (seen.has(k) && seen.get(k) !== v) follows = false;
      seen.set(k, v);
    }
    if (follows && new Set(a.strata.map((st) => st.factors[f])).size > 1) kept = rest;
  }
  const out = new Map<string, string>();
  for (const s of a.strata) {
    const parts = kept.filter((f) => s.factors[f] !== undefined).map((f) => (f === 'db' ? s.factors[f] : `${f} ${s.factors[f]}`));
    out.set(s.key, parts.length ? parts.join(', ') : 'all runs');
  }
  return out;
}

/** 'faster' when a larger value of the metric is faster (throughput); other metrics are said to be
 * higher or lower, by name (a "20% slower" latency would be ambiguous). */
function direction(metric: string, unit: string): 'faster' | undefined {
  return metric === 'throughput' || unit === 'ops/s' ? 'faster' : undefined;
}

/**
 * One line per stratum, answer first, for the terminal: the first level of the compared factor
 * against the last, with the pair's Welch t-test (adjusted as asked):
 *   "cassandra, workload a: rf 3 is 14.0% slower than rf 1 (60.96 → 52.40 ops/s, p < 0.001, Welch)"
 *   "hbase, workload a: rf 3 vs rf 1: −4.5%, not significant (p = 0.434, Welch; could detect ±13.6%)"
 * "could detect ±x%": the pair's minimum detectable difference (80% power), relative to the first level.
 * A stratum where Welch's ANOVA is undefined says "not testable" and why.
 */
export function findings(a: AnalysisResult): string[] {
  const c = a.options.compare;
  const alpha = 1 - a.options.confidence;
  const labels = stratumLabels(a);
  const dir = direction(a.metric, a.unit);
  const meanOf = (s: StratumResult, level: string) => a.groups.find((g) => s.groups.includes(g.key) && g.level === level)?.mean ?? NaN;
  const out: string[] = [];
  for (const s of a.strata) {
    const label = labels.get(s.key) ?? s.key;
    const untestable = s.notTestable ? `Welch's ANOVA not testable: ${s.notTestable}` : '';
    const pair = headlinePair(s);
    if (!pair) {
      out.push(`${label}: nothing to compare${untestable ? ` (${untestable})` : ''}`);
      continue;
    }
    const flip = s.levels.length > 0 && pair.a === s.levels[s.levels.length - 1] && pair.b === s.levels[0];
    const [from, to] = flip ? [pair.b, pair.a] : [pair.a, pair.b];
    const mFrom = meanOf(s, from);
    const mTo = meanOf(s, to);
    const pct = 100 * (mTo / mFrom - 1);
    const p = pair.welch.pAdjusted;
    const tail = untestable ? `; ${untestable}` : '';
    if (!Number.isFinite(pct)) {
      out.push(`${label}: ${c} ${to} vs ${from}: no estimate${tail}`);
    } else if (!Number.isFinite(p)) {
      const few = [from, to].map((l) => a.groups.find((g) => s.groups.includes(g.key) && g.level === l)).filter((g) => g && g.n < 2);
      const why = few.length
        ? few.map((g) => `${c} ${g!.level} has ${g!.n} ${g!.n === 1 ? 'run' : 'runs'}`).join(', ')
        : (pair.warnings.find((w) => w.startsWith('Welch t'))?.replace(/^Welch t: /, '') ?? 'not computable');
      out.push(`${label}: ${c} ${to} vs ${from}: ${signed(pct)}, not testable (${why}; Welch's t-test needs 2 runs per level)`);
    } else if (p < alpha) {
      const size = `${fmtFixed(Math.abs(pct), 1)}%`;
      const verb = dir
        ? `is ${size} ${pct < 0 ? 'slower' : 'faster'} than`
        : `has ${size} ${pct < 0 ? 'lower' : 'higher'} ${a.metric} than`;
      out.push(`${label}: ${c} ${to} ${verb} ${c} ${from} (${num(mFrom)} → ${num(mTo)}${a.unit ? ` ${a.unit}` : ''}, ${fmtP(p)}, Welch)${tail}`);
    } else {
      const mde = pair.minDetectable ? `; could detect ±${fmtFixed((100 * pair.minDetectable.diff) / Math.abs(mFrom), 1)}%` : '';
      out.push(`${label}: ${c} ${to} vs ${from}: ${signed(pct)}, not significant (${fmtP(p)}, Welch${mde})${tail}`);
    }
  }
  return out;
}

function signed(pct: number): string {
  return `${pct > 0 ? '+' : ''}${fmtFixed(pct, 1)}%`;
}

/** Four significant digits, as the terminal's tables. */
function num(x: number): string {
  if (!Number.isFinite(x)) return 'NA';
  const a = Math.abs(x);
  if (a >= 1e4 || a === 0) return String(Math.round(x));
  return x.toFixed(Math.max(0, 3 - Math.floor(Math.log10(a))));
}

export interface Software {
  name: string;
  version: string;
}

/** The methods to paste into a thesis, in paragraphs: the summaries, the independence of the
 * repetitions, the tests, then outliers, confidence and software. */
export function methodsParagraph(a: AnalysisResult, software: Software[]): string[] {
  const o = a.options;
  const conf = Math.round(o.confidence * 100);
  const compare = factorName(o.compare);
  const ns = a.groups.map((g) => g.n).filter((n) => n > 0);
  const nMin = ns.length ? Math.min(...ns) : 0;
  const nMax = ns.length ? Math.max(...ns) : 0;
  const nText = nMin === nMax ? `n = ${nMin}` : `n = ${nMin}–${nMax}`;
  const strat = a.stratifiedBy.length ? `, stratified by ${a.stratifiedBy.map(factorName).join(', ')} (never pooled)` : '';
  const grouping = o.group.map(factorName).join(' × ');
  const p: string[] = [];
  p.push(
    `Runs were grouped by ${grouping}${strat}; each configuration has ${nText} repetitions of ${metricLabel(a.metric)}${a.unit ? ` (${a.unit})` : ''}${o.includeLoad ? '' : ', load phase excluded'}${o.trimWarmup ? ', computed from the steady state of each run: the warm-up is the run of rising leading segments that PELT (changes in mean, MBIC penalty) finds in the status-line throughput, each at least 5% below the median of the rest and together at most half the run; the steady throughput is the operations completed after it divided by the time' : ''}. Failed or truncated runs were counted as missing repetitions, not as values.`,
  );
  const ci: string[] = [`Each configuration is summarised by its mean with a Student-t ${conf}% confidence interval`];
  if (o.bootstrap) ci.push(`a BCa bootstrap interval (${o.bootstrap.resamples} resamples, seed ${o.bootstrap.seed})`);
  ci.push('and its median with an exact order-statistic interval');
  p.push(`${ci.join(', ')}.`);
  // Are the repetitions independent? The check, its outcome, the deployments (independence.ts).
  const independence = [...independenceSentences(a), deploymentSentence(a), changePointSentence(a)].filter((x) => x !== '');
  const tests: string[] = [];
  const untestable = a.strata.filter((s) => !stratumTest(s) && s.notTestable).length;
  const singletons = a.strata.some((s) => s.groups.some((k) => a.groups.find((g) => g.key === k)?.n === 1));
  const hasLevene = a.strata.some((s) => s.levene);
  const hasBf = a.strata.some((s) => s.brownForsythe);
  const hasShapiro = a.groups.some((g) => g.shapiro);
  tests.push(
    `Levels of ${compare} were compared within each stratum with Welch's ANOVA, chosen before seeing the data because it does not assume equal variances; no test of normality or of variances decided which test to read. One-way ANOVA and the Kruskal–Wallis rank test are reported beside it as sensitivity checks${hasShapiro ? ', Shapiro–Wilk per configuration as a diagnostic' : ''}${hasLevene ? `, and Levene's test${hasBf ? ' with its Brown–Forsythe (median-centred) variant' : ''} for equality of variances` : ''}.${untestable ? ` Where Welch's ANOVA is undefined (a level with zero variance, or fewer than two levels with two or more runs) the stratum is reported as not testable (${untestable} ${untestable === 1 ? 'stratum' : 'strata'}); no other test stands in for it.` : ''}${singletons ? " A level with a single run enters one-way ANOVA, Kruskal–Wallis, Levene's test and Tukey's HSD, as in R, but not Welch's ANOVA, Games–Howell or the Welch t-tests, which need a variance per level." : ''}`,
  );
  const adj = { holm: "Holm's step-down method", bonferroni: 'the Bonferroni correction', BH: 'the Benjamini–Hochberg false-discovery-rate procedure' }[o.adjust];
  const scope = o.adjustScope === 'all' ? 'over all pairs of all strata' : `within each stratum (the pairs of levels of ${compare}); not across strata or metrics`;
  const extras: string[] = [];
  const pairs = a.strata.flatMap((s) => s.pairs);
  if (pairs.some((x) => x.gamesHowell)) extras.push('Games–Howell');
  if (pairs.some((x) => x.tukey)) extras.push("Tukey's HSD (each adjusted for its own family of pairs; p-values below the accuracy of the studentized-range algorithm, 1e-9 at 12 to 100 degrees of freedom, are given as bounds)");
  if (pairs.some((x) => x.wilcoxon)) extras.push('the Wilcoxon rank-sum test (unadjusted) as a non-parametric check');
  tests.push(
    `Pairs of levels were compared with Welch's t-test, p-values adjusted by ${adj} ${scope}${extras.length ? `; ${joinAnd(extras)} ${extras.length === 1 ? 'is' : 'are'} reported beside it` : ''}. Effects are given as the difference of means (Welch ${conf}% CI), the percent change of the mean relative to the lower level (Fieller ${conf}% CI with Welch–Satterthwaite degrees of freedom) and Hedges' g (noncentral-t ${conf}% CI, pooled standard deviation); these intervals are per comparison, not adjusted for multiplicity.${pairs.some((x) => x.minDetectable) ? ` For each pair, the minimum detectable difference is the smallest true difference of means that Welch's t-test (two-sided, α = ${fmtAlpha(1 - o.confidence)}, not adjusted for multiplicity) detects with ${Math.round(100 * (pairs.find((x) => x.minDetectable)!.minDetectable!.power))}% power at the observed numbers of runs and standard deviations; it is reported instead of post-hoc power, which is a function of the p-value and adds nothing to it (Hoenig & Heisey, 2001).` : ''}`,
  );
  const rest: string[] = [];
  if (o.excludeOutliers) {
    const m = { iqr: 'the 1.5 × IQR rule', mad: 'the median absolute deviation rule', grubbs: "Grubbs' test" }[o.excludeOutliers];
    rest.push(`Runs flagged as outliers by ${m} were excluded before computing (${a.groups.reduce((n, g) => n + g.runs.filter((r) => r.excluded).length, 0)} runs; each is listed in the runs CSV file).`);
  } else {
    rest.push('Outliers were flagged (1.5 × IQR, median absolute deviation, Grubbs) but kept.');
  }
  if (o.twoway && a.twoway.length) {
    rest.push(`A two-way ANOVA with type II sums of squares over ${a.twoway[0].factors.map(factorName).join(' and ')}${a.twoway.some((t) => t.key) ? ', within each stratum,' : ''} on the raw scale tests their interaction.`);
  }
  rest.push(
    `Intervals are at ${conf}% nominal confidence; the order-statistic intervals of the median have exact coverage of at least ${conf}%. Analysis with ${software.map((s) => `${s.name} ${s.version}`).join(', ')}.`,
  );
  // Four paragraphs: what was summarised, whether repetitions are independent, the tests, the rest.
  return [p, independence, tests, rest].filter((x) => x.length > 0).map((x) => x.join(' '));
}

function fmtAlpha(x: number): string {
  return String(+x.toPrecision(6));
}

