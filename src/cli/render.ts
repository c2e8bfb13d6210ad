/**
 * Terminal and CSV renderings of an AnalysisResult, within a width.
 *
 * The default view answers first: one line of findings per stratum, then the configurations'
 * table with the columns that fit (the dropped ones are named), then the notes. `detail` adds the
 * full table, every group note and each stratum's tests and pairs (today's full output). Every line
 * of either fits `width` display columns: wide tables are wrapped into blocks, prose is wrapped.
 */
import Papa from 'papaparse';
import type { AnalysisResult, GroupResult, PairResult, StratumResult } from '../analysis/types.js';
import { findings, stratumLabels } from '../report/text.js';
import { columnsThatFit, num, pval, stars, table, wrapLines, wrapText } from './format.js';
import { median } from '../stats/median.js';

/** How to render: the width every line must fit, and whether to show everything. */
export interface ViewOptions {
  width: number;
  detail: boolean;
}

/** Today's full output at any width (the library's default). */
const FULL: ViewOptions = { width: Infinity, detail: true };

/** A diagnostic's text without a leading "status:" that repeats the status column. */
export function withoutStatus(status: string, text: string): string {
  return text.startsWith(`${status}: `) ? text.slice(status.length + 2) : text;
}

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

/** Column priorities of the group table in the default view: higher is kept longer. */
const GROUP_COLUMN_PRIORITY: Record<string, number> = { bca: 7, failed: 6, reps: 5, cv: 4, sd: 3, outliers: 2, median: 1 };

/**
 * The per-group table: n, mean ± CI, sd, CV, median, outliers, failed, reps needed. In the default
 * view the columns that do not fit are dropped (lowest priority first) and named below the table;
 * with `detail` every column is shown, wrapped into blocks when too wide.
 */
export function formatGroups(a: AnalysisResult, view: ViewOptions = FULL): string {
  return groupTable(a, view).text;
}

/** The group table and the ids of the columns it shows. */
function groupTable(a: AnalysisResult, view: ViewOptions): { text: string; shown: Set<string>; names: string[] } {
  const seen = new Set(a.groups.flatMap((g) => Object.keys(g.factors)));
  const names = [...a.stratifiedBy, ...a.options.group].filter((n, i, all) => seen.has(n) && all.indexOf(n) === i);
  const conf = `${Math.round(a.options.confidence * 100)}% CI`;
  const boot = a.options.bootstrap !== undefined;
  const cols: { head: string; id: string; align: 'l' | 'r'; cell: (g: GroupResult) => string }[] = [
    ...names.map((n) => ({ head: n, id: 'factor', align: 'l' as const, cell: (g: GroupResult) => g.factors[n] ?? '' })),
    { head: 'n', id: 'n', align: 'r', cell: (g) => String(g.n) },
    { head: `mean (${a.unit})`, id: 'mean', align: 'r', cell: (g) => num(g.mean) },
    { head: conf, id: 'ci', align: 'r', cell: (g) => (Number.isNaN(g.meanCi.lo) ? '–' : `[${num(g.meanCi.lo)}, ${num(g.meanCi.hi)}]`) },
    ...(boot ? [{ head: `BCa ${conf}`, id: 'bca', align: 'r' as const, cell: (g: GroupResult) => (!g.bootstrapCi || Number.isNaN(g.bootstrapCi.lo) ? '–' : `[${num(g.bootstrapCi.lo)}, ${num(g.bootstrapCi.hi)}]`) }] : []),
    { head: 'sd', id: 'sd', align: 'r', cell: (g) => num(g.sd, 3) },
    { head: 'CV', id: 'cv', align: 'r', cell: (g) => (Number.isNaN(g.cv) ? '–' : `${(g.cv * 100).toFixed(1)}%`) },
    { head: 'median', id: 'median', align: 'r', cell: (g) => num(g.median) },
    { head: 'outliers', id: 'outliers', align: 'l', cell: outlierMark },
    { head: 'failed', id: 'failed', align: 'r', cell: (g) => (g.failed.length ? String(g.failed.length) : '') },
    {
      head: 'reps for ±' + +(a.options.targetCi * 100).toPrecision(6) + '%',
      id: 'reps',
      align: 'r',
      cell: (g) => (g.repetitions ? (g.repetitions.additional > 0 ? `${g.repetitions.needed} (+${g.repetitions.additional})` : `${g.repetitions.needed} ✓`) : '–'),
    },
  ];
  const rows = [cols.map((c) => c.head), ...a.groups.map((g) => cols.map((c) => c.cell(g)))];
  const align = cols.map((c) => c.align);
  if (view.detail) return { text: table(rows, align, { width: view.width, repeat: names.length }), shown: new Set(cols.map((c) => c.id)), names };
  const { keep, dropped } = columnsThatFit(rows, cols.map((c) => GROUP_COLUMN_PRIORITY[c.id] ?? Infinity), view.width);
  let text = table(rows.map((r) => keep.map((i) => r[i])), keep.map((i) => align[i]), { width: view.width, repeat: names.length });
  if (dropped.length) text += wrapText(`(not shown, to fit ${view.width} columns: ${dropped.join(', ')}; --detail or --json has them)`, view.width, '  ').join('\n') + '\n';
  return { text, shown: new Set(keep.map((i) => cols[i].id)), names };
}

/** Which columns of the default group table a group warning repeats (then it is not printed).
 * 'dependence': the dependence warning, which the default view gives as a table of its own. */
function shownByColumn(w: string): 'reps' | 'failed' | 'dependence' | undefined {
  if (/^the \d+(\.\d+)?% CI half-width is ±/.test(w)) return 'reps';
  if (/^\d+ runs? failed or partial and left out/.test(w)) return 'failed';
  if (/: the repetitions are not independent, so /.test(w)) return 'dependence';
  return undefined;
}

/** A stratum warning that two compared levels ran in different periods (analysis/dependence.ts). */
const isPeriodNote = (w: string) => /\) ran in different periods: /.test(w);

/**
 * For the default view: the configurations whose repetitions are not independent (a trend in run
 * order or lag-1 correlation: Kendall or Ljung–Box p < 0.01), one table row each with the interval
 * that accounts for it, in place of one paragraph each (`--detail` has the paragraphs).
 */
function dependenceTable(a: AnalysisResult, names: string[], width: number): string {
  const dependent = a.groups.filter((g) => g.dependence?.significant);
  if (dependent.length === 0) return '';
  const conf = `${Math.round(a.options.confidence * 100)}%`;
  const order = { 'start-time': 'start-time', rep: 'repetition', file: 'file-name' }[dependent[0].dependence!.order];
  const signed = (x: number | undefined, d: number) => (x === undefined || Number.isNaN(x) ? '–' : `${x > 0 ? '+' : x < 0 ? '−' : ''}${num(Math.abs(x), d)}`);
  const head = [...names, 'trend/rep', 'Kendall p', 'lag-1 r', 'Ljung–Box p', 'n eff', `${conf} CI with it`];
  const rows = dependent.map((g) => {
    const d = g.dependence!;
    const ci = d.adjustedCi;
    return [
      ...names.map((n) => g.factors[n] ?? ''),
      signed(d.sensSlope?.slope, 3),
      pval(d.kendall?.p),
      signed(d.acf1, 2),
      pval(d.ljungBox?.p),
      ci ? ci.nEff.toFixed(1) : '–',
      ci && Number.isFinite(ci.lo) ? `[${num(ci.lo)}, ${num(ci.hi)}]` : '–',
    ];
  });
  const priority = [...names.map(() => Infinity), 3, 4, 1, 2, 5, Infinity];
  const { keep, dropped } = columnsThatFit([head, ...rows], priority, width);
  let out = '\n' + wrapText(`Repetitions not independent in ${dependent.length} ${dependent.length === 1 ? 'configuration' : 'configurations'} (in ${order} order, Kendall or Ljung–Box p < 0.01): the ${conf} CI above is too narrow; the interval accounting for the dependence (AR(1)) is:`, width).join('\n') + '\n';
  out += table([head, ...rows].map((r) => keep.map((i) => r[i])), keep.map((i) => (i < names.length ? 'l' : 'r')), { width, repeat: names.length });
  const trends = dependent.filter((g) => (g.dependence!.kendall?.p ?? 1) < 0.01).length;
  const notes = [
    ...(trends > 0 ? [`with a trend (${trends}), no interval covers the trend itself: the mean depends on how many repetitions ran`] : []),
    ...(dropped.length ? [`not shown, to fit ${width} columns: ${dropped.join(', ')}`] : []),
    'each in words: --detail',
  ];
  out += wrapText(`(${notes.join('; ')})`, width, '  ', '   ').join('\n') + '\n';
  return out;
}

/** For the default view: the strata whose compared levels ran in different periods, in one note. */
function periodSummary(a: AnalysisResult, labels: Map<string, string>, width: number): string {
  const strata = a.strata.filter((s) => s.warnings.some(isPeriodNote));
  if (strata.length === 0) return '';
  const which = strata.length === a.strata.length ? `all ${a.strata.length} strata` : `${strata.length} of ${a.strata.length} strata (${strata.map((s) => labels.get(s.key) ?? s.key).join('; ')})`;
  return wrapText(`in ${which}, levels of ${a.options.compare} ran in different periods (their start times do not overlap): part of a difference may be a change of the system over time (--detail gives the periods)`, width, '  ! ', '    ').join('\n') + '\n';
}

function testLine(name: string, t: { statistic: number; df1?: number; df2?: number; p: number } | undefined, stat: string): string {
  if (!t) return `${name}: –`;
  const df = t.df2 !== undefined ? `(${num(t.df1, 3)}, ${num(t.df2, 4)})` : t.df1 !== undefined ? `(${num(t.df1, 3)})` : '';
  return `${name}: ${stat}${df} = ${num(t.statistic, 4)}, p = ${pval(t.p)} ${stars(t.p)}`;
}

/** A studentized-range p-value cell: the bound when below the algorithm's noise floor. */
function srP(t: { p: number; pUpper?: number } | undefined): string {
  return t ? pval(t.p, t.pUpper) : '–';
}

function detectable(p: PairResult): string {
  const d = p.minDetectable;
  return d ? `${num(d.diff)} (${d.percent.toFixed(1)}%)` : '–';
}

/** One stratum's comparison in full: diagnostics, the primary test and its checks, then every pair. */
export function formatStratum(s: StratumResult, a: AnalysisResult, view: ViewOptions = FULL): string {
  const c = a.options.compare;
  const width = view.width;
  const lines: string[] = [];
  const say = (head: string, text: string) => lines.push(...wrapText(text, width, `  ${head.padEnd(11)}  `, ' '.repeat(15)));
  lines.push('', ...wrapText(`${s.key ? s.key.replaceAll(',', ', ') : 'all runs'}: ${c} ${s.levels.join(' vs ')}`, width));
  if (s.levene) say('variances', testLine('Levene', s.levene, 'F'));
  if (s.brownForsythe) say(s.levene ? '' : 'variances', testLine('Brown–Forsythe', s.brownForsythe, 'F'));
  const groups = a.groups.filter((g) => s.groups.includes(g.key));
  const tested = groups.filter((g) => g.shapiro);
  if (tested.length) {
    say('normality', `Shapiro–Wilk rejects (p < 0.05) in ${tested.filter((g) => g.shapiro!.p < 0.05).length} of ${tested.length} groups (a diagnostic: it chooses no test)`);
  }
  say('primary', s.welch ? testLine('Welch ANOVA', s.welch, 'F') : `Welch ANOVA: not testable: ${s.notTestable ?? 'no result'}`);
  say('sensitivity', `${testLine('ANOVA', s.anova, 'F')}${s.anova ? `, η² = ${num(s.anova.etaSquared, 3)}, ω² = ${num(s.anova.omegaSquared, 3)}` : ''}`);
  say('', testLine('Kruskal–Wallis', s.kruskal, 'H'));
  if (s.recommended && s.welch) {
    const verdict = s.welch.p < 0.05 ? `${c} changes ${a.metric}` : `no evidence that ${c} changes ${a.metric}`;
    lines.push(...wrapText(`${verdict} (Welch ANOVA, p = ${pval(s.welch.p)}): ${s.recommended.reason}`, width, '  → ', '    '));
  } else if (s.notTestable) {
    lines.push(...wrapText(`not testable: ${s.notTestable}; ANOVA and Kruskal–Wallis above are sensitivity checks, not read instead`, width, '  → ', '    '));
  }
  let out = lines.join('\n') + '\n';
  if (s.pairs.length > 0) {
    const conf = `${Math.round(a.options.confidence * 100)}%`;
    const power = s.pairs.find((p) => p.minDetectable)?.minDetectable?.power ?? 0.8;
    const header = ['pair', 'diff', `${conf} CI`, 'change', `${conf} CI`, "Hedges' g", `p (${a.options.adjust})`, '', 'Games–Howell p', 'Tukey p', 'Wilcoxon p', `detectable (${Math.round(power * 100)}% power)`];
    const rows = s.pairs.map((p) => [
      `${p.a} → ${p.b}`,
      num(p.diff.center),
      Number.isNaN(p.diff.lo) ? '–' : `[${num(p.diff.lo)}, ${num(p.diff.hi)}]`,
      Number.isNaN(p.percent.center) ? '–' : `${p.percent.center >= 0 ? '+' : ''}${p.percent.center.toFixed(1)}%`,
      Number.isNaN(p.percent.lo) ? '–' : `[${p.percent.lo.toFixed(1)}, ${p.percent.hi.toFixed(1)}]`,
      num(p.hedgesG.center, 3),
      pval(p.welch.pAdjusted),
      stars(p.welch.pAdjusted),
      srP(p.gamesHowell),
      srP(p.tukey),
      pval(p.wilcoxon?.p),
      detectable(p),
    ]);
    out += table([header, ...rows], ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'l', 'r', 'r', 'r', 'r'], { width, indent: '  ' });
  }
  for (const w of s.warnings) out += wrapText(w, width, '  ! ', '    ').join('\n') + '\n';
  return out;
}

/** The one-line findings, their legend, and the strata's notes. */
function formatFindings(a: AnalysisResult, view: ViewOptions): string {
  if (a.strata.length === 0) return '';
  const c = a.options.compare;
  const alpha = +(1 - a.options.confidence).toPrecision(6);
  const adjust = { holm: 'Holm', bonferroni: 'Bonferroni', BH: 'Benjamini–Hochberg' }[a.options.adjust];
  const scope = a.options.adjustScope === 'all' ? 'across all strata' : 'within each stratum';
  let out = '\n';
  out += wrapText(`Findings: ${c}, first level vs last (p: Welch t-test, ${adjust}-adjusted ${scope})`, view.width, '', '  ').join('\n') + '\n';
  const lines = findings(a);
  for (const f of lines) out += wrapText(f, view.width, '  ', '      ').join('\n') + '\n';
  if (lines.some((f) => f.includes('could detect ±'))) {
    out += wrapText(`(could detect ±x%: the smallest true difference this test finds with 80% power at α = ${alpha}, given the runs' number and spread)`, view.width, '  ', '   ').join('\n') + '\n';
  }
  return out;
}

/** The strata's warnings for the default view (the detail prints them per stratum): the notes that
 * levels ran in different periods as one, the others one each. */
function stratumNotes(a: AnalysisResult, view: ViewOptions): string {
  const labels = stratumLabels(a);
  let out = periodSummary(a, labels, view.width);
  for (const s of a.strata) for (const w of s.warnings) if (!isPeriodNote(w)) out += wrapText(`${labels.get(s.key) ?? s.key}: ${w}`, view.width, '  ! ', '    ').join('\n') + '\n';
  return out;
}

/**
 * The whole analysis for the terminal, within `view.width` columns: findings first, then the
 * configurations, notes, and (with `view.detail`) every stratum's tests and pairs.
 */
export function formatAnalysis(a: AnalysisResult, view: ViewOptions = FULL): string {
  const width = view.width;
  let out = '\n';
  out += wrapText(`${a.metric} (${a.unit || 'no unit'}) by ${a.options.group.join(', ') || '(no grouping)'}${a.stratifiedBy.length ? `, stratified by ${a.stratifiedBy.join(', ')}` : ''}`, width).join('\n') + '\n';
  out += formatFindings(a, view);
  out += `\nConfigurations\n`;
  const groups = groupTable(a, view);
  out += groups.text;
  for (const g of a.groups) {
    for (const w of g.warnings) {
      const col = shownByColumn(w);
      if (!view.detail && col && (groups.shown.has(col) || col === 'dependence')) continue;
      out += wrapText(`${g.key || 'all runs'}: ${w}`, width, '  ! ', '    ').join('\n') + '\n';
    }
  }
  if (!view.detail) out += dependenceTable(a, groups.names, width);
  if (view.detail) {
    for (const g of a.groups) for (const f of g.failed) out += wrapText(`${g.key}: ${f.file} ${f.status}: ${withoutStatus(f.status, f.reason)}`, width, '  ✗ ', '    ').join('\n') + '\n';
    if (a.strata.length > 0) {
      out += '\n' + wrapText(`Comparisons of ${a.options.compare} within each ${a.strata[0].key ? 'stratum' : 'group set'} (*** p<0.001, ** p<0.01, * p<0.05, ns not significant)`, width).join('\n') + '\n';
      for (const s of a.strata) out += formatStratum(s, a, view);
    }
  } else {
    const notes = stratumNotes(a, view);
    if (notes) out += `\nNotes on the comparisons\n${notes}`;
    if (a.strata.length > 0) out += '\n' + wrapText(`Each stratum's tests (Levene, Welch ANOVA, ANOVA, Kruskal–Wallis) and every pair (Games–Howell, Tukey, Wilcoxon, detectable difference): --detail`, width).join('\n') + '\n';
  }
  for (const t of a.twoway) {
    out += '\n' + wrapText(`Two-way ANOVA (type II) ${t.factors.join(' × ')}${t.key ? ` within ${t.key}` : ''}`, width).join('\n') + '\n';
    out += table(
      [['term', 'SS', 'df', 'F', 'p', ''], ...t.rows.map((r) => [r.term, num(r.ss, 6), String(r.df), num(r.F, 4), pval(r.p), stars(r.p)])],
      ['l', 'r', 'r', 'r', 'r', 'l'],
      { width, indent: '  ' },
    );
    for (const w of t.warnings) out += wrapText(w, width, '  ! ', '    ').join('\n') + '\n';
  }
  if (a.options.trimWarmup) out += `\nPer-run values computed from the steady state (warm-up trimmed, --trim-warmup).\n`;
  if (a.series.length > 0) {
    // runs that stall mid-run and runs with 0 operations at an edge, with their seconds (one pass)
    let inner = 0;
    let innerSecs = 0;
    let edge = 0;
    let edgeSecs = 0;
    const warmups: number[] = [];
    for (const s of a.series) {
      let i = 0;
      let e = 0;
      for (const ep of s.stallEpisodes) {
        if (ep.position === 'inner') i += ep.end - ep.start;
        else e += ep.end - ep.start;
      }
      if (i > 0) {
        inner++;
        innerSecs += i;
      }
      if (e > 0) {
        edge++;
        edgeSecs += e;
      }
      warmups.push(s.warmupSeconds);
    }
    out += '\n' + wrapText(`Runs over time: ${a.series.length} runs with status lines; ${inner} stall mid-run (intervals with 0 operations, ${innerSecs} s in all); ${edge} have 0 operations at the start or end (start-up, ${edgeSecs} s); median warm-up ${num(medianOf(warmups), 3)} s`, width).join('\n') + '\n';
  }
  const reasons = new Map<string, number>();
  for (const e of a.excluded) {
    const r = e.reason.startsWith('duplicate of') ? 'duplicate' : e.reason;
    reasons.set(r, (reasons.get(r) ?? 0) + 1);
  }
  if (reasons.size > 0) out += '\n' + wrapText(`Not in the statistics: ${[...reasons].map(([r, n]) => `${n} ${r}`).join('; ')}`, width).join('\n') + '\n';
  for (const w of a.warnings) out += wrapText(w, width, '! ', '  ').join('\n') + '\n';
  return out;
}

/** Every line of `text` within `width` (for blocks rendered elsewhere: the full inventory, --explain). */
export function fitWidth(text: string, width: number): string {
  return Number.isFinite(width) ? wrapLines(text, width) : text;
}

/** The median, NaN for none (stats' median throws on an empty list). */
function medianOf(x: number[]): number {
  return x.length === 0 ? NaN : median(x);
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
