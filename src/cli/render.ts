/** Terminal and CSV renderings of an AnalysisResult. */
import Papa from 'papaparse';
import type { AnalysisResult, GroupResult, StratumResult } from '../analysis/types.js';
import { num, pval, stars, table } from './format.js';

/** Below this, studentized-range p-values (Tukey, Games–Howell) are noise in R's algorithm too. */
const STUDENTIZED_RANGE_FLOOR = 1e-9;

/** A diagnostic's text without a leading "status:" that repeats the status column. */
export function withoutStatus(status: string, text: string): string {
  return text.startsWith(`${status}: `) ? text.slice(status.length + 2) : text;
}

const TEST_NAMES = { anova: 'ANOVA', welch: 'Welch ANOVA', kruskal: 'Kruskal–Wallis' } as const;

function outlierMark(g: GroupResult): string {
  const marks: string[] = [];
  const iqr = g.runs.filter((r) => r.outlier.iqr !== 'none').length;
  const mad = g.runs.filter((r) => r.outlier.mad).length;
  const gr = g.runs.filter((r) => r.outlier.grubbs).length;
  if (iqr) marks.push(`${iqr} iqr`);
  if (mad) marks.push(`${mad} mad`);
  if (gr) marks.push(`${gr} grubbs`);
  return marks.join(', ');
}

/** The per-group table: n, mean ± CI, sd, CV, median, outliers, failed, reps needed. */
export function formatGroups(a: AnalysisResult): string {
  const seen = new Set(a.groups.flatMap((g) => Object.keys(g.factors)));
  const names = [...a.stratifiedBy, ...a.options.group].filter((n, i, all) => seen.has(n) && all.indexOf(n) === i);
  const conf = `${Math.round(a.options.confidence * 100)}% CI`;
  const boot = a.options.bootstrap !== undefined;
  const header = [...names, 'n', `mean (${a.unit})`, conf, ...(boot ? [`BCa ${conf}`] : []), 'sd', 'CV', 'median', 'outliers', 'failed', 'reps for ±' + +(a.options.targetCi * 100).toPrecision(6) + '%'];
  const rows = a.groups.map((g) => [
    ...names.map((n) => g.factors[n] ?? ''),
    String(g.n),
    num(g.mean),
    Number.isNaN(g.meanCi.lo) ? '–' : `[${num(g.meanCi.lo)}, ${num(g.meanCi.hi)}]`,
    ...(boot ? [!g.bootstrapCi || Number.isNaN(g.bootstrapCi.lo) ? '–' : `[${num(g.bootstrapCi.lo)}, ${num(g.bootstrapCi.hi)}]`] : []),
    num(g.sd, 3),
    Number.isNaN(g.cv) ? '–' : `${(g.cv * 100).toFixed(1)}%`,
    num(g.median),
    outlierMark(g),
    g.failed.length ? String(g.failed.length) : '',
    g.repetitions ? (g.repetitions.additional > 0 ? `${g.repetitions.needed} (+${g.repetitions.additional})` : `${g.repetitions.needed} ✓`) : '–',
  ]);
  const align = header.map((_, i) => (i < names.length || i === header.length - 3 ? 'l' : 'r')) as ('l' | 'r')[];
  return table([header, ...rows], align);
}

function testLine(name: string, t: { statistic: number; df1?: number; df2?: number; p: number } | undefined, stat: string): string {
  if (!t) return `${name}: –`;
  const df = t.df2 !== undefined ? `(${num(t.df1, 3)}, ${num(t.df2, 4)})` : t.df1 !== undefined ? `(${num(t.df1, 3)})` : '';
  return `${name}: ${stat}${df} = ${num(t.statistic, 4)}, p = ${pval(t.p)} ${stars(t.p)}`;
}

/** One stratum's comparison: assumptions, omnibus tests with the advice, then pairs. */
export function formatStratum(s: StratumResult, a: AnalysisResult): string {
  const c = a.options.compare;
  let out = `\n${s.key ? s.key.replaceAll(',', ', ') : 'all runs'}: ${c} ${s.levels.join(' vs ')}\n`;
  if (s.levene || s.brownForsythe) {
    out += `  variances  ${testLine('Levene', s.levene, 'F')};  ${testLine('Brown–Forsythe', s.brownForsythe, 'F')}\n`;
  }
  out += `  ${testLine('ANOVA', s.anova, 'F')}${s.anova ? `, η² = ${num(s.anova.etaSquared, 3)}, ω² = ${num(s.anova.omegaSquared, 3)}` : ''}\n`;
  out += `  ${testLine('Welch ANOVA', s.welch, 'F')}\n`;
  out += `  ${testLine('Kruskal–Wallis', s.kruskal, 'H')}\n`;
  if (s.recommended) {
    const chosen = s.recommended.test === 'anova' ? s.anova : s.recommended.test === 'welch' ? s.welch : s.kruskal;
    const verdict = chosen ? (chosen.p < 0.05 ? `${c} changes ${a.metric} (p = ${pval(chosen.p)})` : `no evidence that ${c} changes ${a.metric} (p = ${pval(chosen.p)})`) : '';
    out += `  → read ${TEST_NAMES[s.recommended.test]}: ${s.recommended.reason}. ${verdict}\n`;
  }
  if (s.pairs.length > 0) {
    const conf = `${Math.round(a.options.confidence * 100)}%`;
    const header = ['pair', 'diff', `${conf} CI`, 'change', `${conf} CI`, "Hedges' g", `p (${a.options.adjust})`, '', 'Games–Howell p', 'Tukey p', 'Wilcoxon p', 'obs. power'];
    const rows = s.pairs.map((p) => [
      `${p.a} → ${p.b}`,
      num(p.diff.center),
      Number.isNaN(p.diff.lo) ? '–' : `[${num(p.diff.lo)}, ${num(p.diff.hi)}]`,
      Number.isNaN(p.percent.center) ? '–' : `${p.percent.center >= 0 ? '+' : ''}${p.percent.center.toFixed(1)}%`,
      Number.isNaN(p.percent.lo) ? '–' : `[${p.percent.lo.toFixed(1)}, ${p.percent.hi.toFixed(1)}]`,
      num(p.hedgesG.center, 3),
      pval(p.welch.pAdjusted),
      stars(p.welch.pAdjusted),
      pval(p.gamesHowell?.p, STUDENTIZED_RANGE_FLOOR),
      pval(p.tukey?.p, STUDENTIZED_RANGE_FLOOR),
      pval(p.wilcoxon?.p),
      p.power === undefined ? '–' : p.power.toFixed(2),
    ]);
    out += table([header, ...rows], ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'l', 'r', 'r', 'r', 'r'])
      .split('\n')
      .map((l) => (l ? `  ${l}` : l))
      .join('\n');
  }
  for (const w of s.warnings) out += `  ! ${w}\n`;
  return out;
}

/** The whole analysis for the terminal. */
export function formatAnalysis(a: AnalysisResult): string {
  let out = `\n${a.metric} (${a.unit || 'no unit'}) by ${a.options.group.join(', ') || '(no grouping)'}`;
  if (a.stratifiedBy.length) out += `, stratified by ${a.stratifiedBy.join(', ')}`;
  out += '\n';
  out += formatGroups(a);
  const groupWarnings = a.groups.filter((g) => g.warnings.length > 0);
  for (const g of groupWarnings) for (const w of g.warnings) out += `  ! ${g.key || 'all runs'}: ${w}\n`;
  for (const g of a.groups) for (const f of g.failed) out += `  ✗ ${g.key}: ${f.file} ${f.status}: ${withoutStatus(f.status, f.reason)}\n`;
  if (a.strata.length > 0) {
    out += `\nComparisons of ${a.options.compare} within each ${a.strata[0].key ? 'stratum' : 'group set'} (*** p<0.001, ** p<0.01, * p<0.05, ns not significant)\n`;
    for (const s of a.strata) out += formatStratum(s, a);
  }
  for (const t of a.twoway) {
    out += `\nTwo-way ANOVA (type II) ${t.factors.join(' × ')}${t.key ? ` within ${t.key}` : ''}\n`;
    out += table(
      [['term', 'SS', 'df', 'F', 'p', ''], ...t.rows.map((r) => [r.term, num(r.ss, 6), String(r.df), num(r.F, 4), pval(r.p), stars(r.p)])],
      ['l', 'r', 'r', 'r', 'r', 'l'],
    )
      .split('\n')
      .map((l) => (l ? `  ${l}` : l))
      .join('\n');
    for (const w of t.warnings) out += `  ! ${w}\n`;
  }
  if (a.options.trimWarmup) out += `\nPer-run values computed from the steady state (warm-up trimmed, --trim-warmup).\n`;
  if (a.series.length > 0) {
    const secs = (s: (typeof a.series)[number], inner: boolean) =>
      s.stallEpisodes.filter((e) => (e.position === 'inner') === inner).reduce((t, e) => t + (e.end - e.start), 0);
    const inner = a.series.filter((s) => secs(s, true) > 0);
    const edge = a.series.filter((s) => secs(s, false) > 0);
    out += `\nRuns over time: ${a.series.length} runs with status lines; ${inner.length} stall mid-run (intervals with 0 operations, ${inner.reduce((t, s) => t + secs(s, true), 0)} s in all); ${edge.length} have 0 operations at the start or end (start-up, ${edge.reduce((t, s) => t + secs(s, false), 0)} s); median warm-up ${num(medianOf(a.series.map((s) => s.warmupSeconds)), 3)} s\n`;
  }
  const reasons = new Map<string, number>();
  for (const e of a.excluded) {
    const r = e.reason.startsWith('duplicate of') ? 'duplicate' : e.reason;
    reasons.set(r, (reasons.get(r) ?? 0) + 1);
  }
  if (reasons.size > 0) out += `\nNot in the statistics: ${[...reasons].map(([r, n]) => `${n} ${r}`).join('; ')}\n`;
  for (const w of a.warnings) out += `! ${w}\n`;
  return out;
}

function medianOf(x: number[]): number {
  if (x.length === 0) return NaN;
  const s = [...x].sort((p, q) => p - q);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** One row per group with every statistic, for spreadsheets. */
export function analysisCsv(a: AnalysisResult): string {
  const names = [...new Set(a.groups.flatMap((g) => Object.keys(g.factors)))];
  const fields = [...names, 'metric', 'unit', 'n', 'mean', 'ci_lo', 'ci_hi', 'confidence', 'bca_lo', 'bca_hi', 'sd', 'se', 'median', 'median_ci_lo', 'median_ci_hi', 'min', 'max', 'cv', 'ratio_of_sums', 'shapiro_W', 'shapiro_p', 'reps_needed', 'reps_additional', 'failed', 'outliers_iqr', 'outliers_mad', 'outliers_grubbs', 'warnings'];
  const data = a.groups.map((g) => [
    ...names.map((n) => g.factors[n] ?? ''),
    a.metric,
    a.unit,
    g.n,
    g.mean,
    g.meanCi.lo,
    g.meanCi.hi,
    a.options.confidence,
    g.bootstrapCi?.lo ?? '',
    g.bootstrapCi?.hi ?? '',
    g.sd,
    g.se,
    g.median,
    g.medianCi.lo,
    g.medianCi.hi,
    g.min,
    g.max,
    g.cv,
    g.ratioOfSums ?? '',
    g.shapiro?.W ?? '',
    g.shapiro?.p ?? '',
    g.repetitions?.needed ?? '',
    g.repetitions?.additional ?? '',
    g.failed.length,
    g.runs.filter((r) => r.outlier.iqr !== 'none').length,
    g.runs.filter((r) => r.outlier.mad).length,
    g.runs.filter((r) => r.outlier.grubbs).length,
    g.warnings.join(' | '),
  ].map((v) => (typeof v === 'number' && Number.isNaN(v) ? '' : String(v))));
  return Papa.unparse({ fields, data }, { newline: '\n' }) + '\n';
}

/** JSON with non-finite numbers as null (JSON has no NaN). */
export function analysisJson(a: AnalysisResult, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ ...a, ...extra }, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n';
}
