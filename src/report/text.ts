/**
 * The report's prose, as plain text (the HTML layer escapes it): the summary sentences and the
 * methods paragraph. Pure.
 */
import type { AnalysisResult, PairResult, StratumResult } from '../analysis/types.js';
import { factorName, factorsLabel, fmtFixed, fmtP, levelLabel, metricLabel, sortLevels } from './labels.js';
import { changePointSentence, deploymentSentence, independenceSentences } from './independence.js';

const TEST_NAMES: Record<'anova' | 'welch' | 'kruskal', string> = {
  anova: 'one-way ANOVA',
  welch: 'Welch ANOVA',
  kruskal: 'Kruskal–Wallis test',
};

/** The omnibus test a stratum is summarised by: the recommended one, else Welch, else ANOVA, else Kruskal. */
export function stratumTest(s: StratumResult): { name: string; p: number } | undefined {
  const pick = s.recommended?.test;
  if (pick && s[pick]) return { name: TEST_NAMES[pick], p: s[pick]!.p };
  for (const t of ['welch', 'anova', 'kruskal'] as const) if (s[t]) return { name: TEST_NAMES[t], p: s[t]!.p };
  return undefined;
}

/** The pair from the first to the last level of a stratum (the headline comparison). */
export function headlinePair(s: StratumResult): PairResult | undefined {
  if (s.pairs.length === 0) return undefined;
  const lv = s.levels.length ? s.levels : sortLevels(s.pairs.flatMap((p) => [p.a, p.b]));
  const first = lv[0];
  const last = lv[lv.length - 1];
  return s.pairs.find((p) => p.a === first && p.b === last) ?? s.pairs.find((p) => p.a === last && p.b === first) ?? s.pairs[0];
}

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
      out.push(`${go} ${verb} ${subject}${where} by ${fmtFixed(Math.abs(c), 1)}%${ciAbs}${omnibus ? `, ${omnibus}` : ''} (${pairText}).`);
    } else {
      out.push(
        `${go} changes ${subject}${where} by ${fmtFixed(c, 1)}%${ci}, not significant at ${conf}% confidence (${pairText})${omnibus ? `; across all levels of ${factorName(compare)}: ${omnibus}` : ''}.`,
      );
    }
  }
  return out;
}

export interface Software {
  name: string;
  version: string;
}

/** The methods paragraph to paste into a thesis. */
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
  p.push(...[...independenceSentences(a), deploymentSentence(a), changePointSentence(a)].filter((x) => x !== ''));
  const used = { anova: 0, welch: 0, kruskal: 0 };
  for (const s of a.strata) if (s.recommended) used[s.recommended.test]++;
  const usedText = Object.entries(used)
    .filter(([, n]) => n > 0)
    .map(([t, n]) => `${TEST_NAMES[t as keyof typeof TEST_NAMES]} in ${n} ${n === 1 ? 'stratum' : 'strata'}`)
    .join(', ');
  const hasLevene = a.strata.some((s) => s.levene);
  const hasBf = a.strata.some((s) => s.brownForsythe);
  const hasShapiro = a.groups.some((g) => g.shapiro);
  p.push(
    `Levels of ${compare} were compared within each stratum with Welch's ANOVA, which does not assume equal variances; the Kruskal–Wallis rank test was read instead only where some configuration had fewer than 15 runs and the Shapiro–Wilk test rejected normality (p < 0.05)${usedText ? ` (read: ${usedText})` : ''}. One-way ANOVA and Kruskal–Wallis are reported beside it as sensitivity checks${hasShapiro ? ', Shapiro–Wilk per configuration as a diagnostic' : ''}${hasLevene ? `, and Levene's test${hasBf ? ' with its Brown–Forsythe (median-centred) variant' : ''} for equality of variances` : ''}; none of these decided the test otherwise.`,
  );
  const adj = { holm: "Holm's step-down method", bonferroni: 'the Bonferroni correction', BH: 'the Benjamini–Hochberg false-discovery-rate procedure' }[o.adjust];
  const scope = o.adjustScope === 'all' ? 'over all pairs of all strata' : `within each stratum (the pairs of levels of ${compare}); not across strata or metrics`;
  const extras: string[] = [];
  const pairs = a.strata.flatMap((s) => s.pairs);
  if (pairs.some((x) => x.gamesHowell)) extras.push('Games–Howell');
  if (pairs.some((x) => x.tukey)) extras.push("Tukey's HSD (each adjusted for its own family of pairs)");
  if (pairs.some((x) => x.wilcoxon)) extras.push('the Wilcoxon rank-sum test (unadjusted) as a non-parametric check');
  p.push(
    `Pairs of levels were compared with Welch's t-test, p-values adjusted by ${adj} ${scope}${extras.length ? `; ${joinAnd(extras)} ${extras.length === 1 ? 'is' : 'are'} reported beside it` : ''}. Effects are given as the difference of means (Welch ${conf}% CI), the percent change of the mean relative to the lower level (Fieller ${conf}% CI with Welch–Satterthwaite degrees of freedom) and Hedges' g (noncentral-t ${conf}% CI, pooled standard deviation); these intervals are per comparison, not adjusted for multiplicity.`,
  );
  if (o.excludeOutliers) {
    const m = { iqr: 'the 1.5 × IQR rule', mad: 'the median absolute deviation rule', grubbs: "Grubbs' test" }[o.excludeOutliers];
    p.push(`Runs flagged as outliers by ${m} were excluded before computing (${a.groups.reduce((n, g) => n + g.runs.filter((r) => r.excluded).length, 0)} runs; each is listed in the runs CSV file).`);
  } else {
    p.push('Outliers were flagged (1.5 × IQR, median absolute deviation, Grubbs) but kept.');
  }
  if (o.twoway && a.twoway.length) {
    p.push(`A two-way ANOVA with type II sums of squares over ${a.twoway[0].factors.map(factorName).join(' and ')}${a.twoway.some((t) => t.key) ? ', within each stratum,' : ''} on the raw scale tests their interaction.`);
  }
  p.push(
    `Intervals are at ${conf}% nominal confidence; the order-statistic intervals of the median have exact coverage of at least ${conf}%. Analysis with ${software.map((s) => `${s.name} ${s.version}`).join(', ')}.`,
  );
  return [p.join(' ')];
}

function joinAnd(xs: string[]): string {
  return xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}
