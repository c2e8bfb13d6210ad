/**
 * LaTeX tables for a thesis (booktabs): mean ± CI half-width, n, adjusted p-value against the first
 * level and significance letters per configuration; pairwise comparisons. Every string from the
 * data is escaped. Needs \usepackage{booktabs} (and \usepackage[T1]{fontenc} for < >).
 */
import type { AnalysisResult, GroupResult } from '../analysis/types.js';
import { compareLevels, factorName, factorsLabel, fmtFixed, fmtNum, levelLabel, metricLabel, sortLevels } from './labels.js';
import { letters } from './letters.js';

const LATEX_SPECIALS: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '{': '\\{',
  '}': '\\}',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  '<': '\\textless{}',
  '>': '\\textgreater{}',
  '|': '\\textbar{}',
  '"': "''",
  '·': '\\textperiodcentered{}',
  '−': '\\ensuremath{-}',
  '±': '\\ensuremath{\\pm}',
  'µ': '\\ensuremath{\\mu}',
  '–': '--',
  '✕': 'x',
};

/** Escape a string from the data for LaTeX text mode. */
export function escapeLatex(s: string): string {
  let out = '';
  for (const ch of String(s)) {
    if (LATEX_SPECIALS[ch] !== undefined) out += LATEX_SPECIALS[ch];
    else if (ch === '\n' || ch === '\r' || ch === '\t') out += ' ';
    else out += ch;
  }
  return out;
}

/** Decimals that show a half-width with two significant digits. */
export function decimalsFor(halfWidth: number): number {
  if (!(halfWidth > 0) || !Number.isFinite(halfWidth)) return 2;
  return Math.max(0, Math.min(6, 1 - Math.floor(Math.log10(halfWidth))));
}

/** 'mean ± half-width' in LaTeX math, digits from the half-width. */
export function meanPm(g: Pick<GroupResult, 'mean' | 'meanCi'>): string {
  const hw = (g.meanCi.hi - g.meanCi.lo) / 2;
  if (!Number.isFinite(hw)) return `$${fmtFixed(g.mean, 2).replace('−', '-')}$`;
  const d = decimalsFor(hw);
  return `$${g.mean.toFixed(d)} \\pm ${hw.toFixed(d)}$`;
}

function pLatex(p: number | undefined): string {
  if (p === undefined || !Number.isFinite(p)) return '--';
  return p < 0.001 ? '$<0.001$' : `$${p.toFixed(3)}$`;
}

/** Significance letters per group key, from the adjusted Welch p-values of each stratum. */
export function groupLetters(a: AnalysisResult): Map<string, string> {
  const out = new Map<string, string>();
  const alpha = 1 - a.options.confidence;
  const byKey = new Map(a.groups.map((g) => [g.key, g]));
  for (const s of a.strata) {
    const gs = s.groups.map((k) => byKey.get(k)).filter((g): g is GroupResult => !!g && g.n > 0);
    // Letters follow the means, highest first.
    const ordered = [...gs].sort((x, y) => y.mean - x.mean || compareLevels(x.level, y.level));
    const l = letters(
      ordered.map((g) => g.level),
      s.pairs.map((p) => ({ a: p.a, b: p.b, p: p.welch.pAdjusted })),
      alpha,
    );
    for (const g of gs) out.set(g.key, l[g.level] ?? '');
  }
  return out;
}

/** The configurations table of one analysis: one row per group, a rule between strata. */
export function groupsTable(a: AnalysisResult, label = `tab:${a.metric}`): string {
  const compare = a.options.compare;
  const byKey = new Map(a.groups.map((g) => [g.key, g]));
  const lett = groupLetters(a);
  const conf = Math.round(a.options.confidence * 100);
  const lines: string[] = [];
  lines.push('\\begin{table}[htbp]', '\\centering', '\\small');
  lines.push(
    `\\caption{${escapeLatex(metricLabel(a.metric))}${a.unit ? ` (${escapeLatex(a.unit)})` : ''}: mean $\\pm$ half-width of the ${conf}\\,\\% confidence interval, number of repetitions $n$, Welch $p$ against ${escapeLatex(levelLabel(compare, firstLevel(a)))} (${escapeLatex(a.options.adjust)}-adjusted over all pairs of levels ${a.options.adjustScope === 'all' ? 'of all strata' : 'within the stratum'}) and significance letters (levels sharing a letter do not differ at $\\alpha = ${(1 - a.options.confidence).toFixed(2)}$).}`,
  );
  lines.push(`\\label{${escapeLatex(label)}}`);
  lines.push('\\begin{tabular}{llrrrl}', '\\toprule');
  lines.push(`Configuration & ${escapeLatex(factorName(compare))} & $n$ & Mean $\\pm$ CI & $p_{\\mathrm{adj}}$ & Letters \\\\`);
  lines.push('\\midrule');
  const strata = a.strata.length ? a.strata : [{ key: '', factors: {}, groups: a.groups.map((g) => g.key), pairs: [] as AnalysisResult['strata'][number]['pairs'] }];
  strata.forEach((s, i) => {
    if (i > 0) lines.push('\\midrule');
    const gs = s.groups.map((k) => byKey.get(k)).filter((g): g is GroupResult => !!g);
    gs.sort((x, y) => compareLevels(x.level, y.level));
    const first = gs[0]?.level;
    gs.forEach((g, j) => {
      const pair = s.pairs.find((p) => p.a === first && p.b === g.level) ?? s.pairs.find((p) => p.b === first && p.a === g.level);
      const stratumLabel = j === 0 ? escapeLatex(factorsLabel(omit(s.factors, compare)).split(' · ').join(', ')) : '';
      lines.push(`${stratumLabel} & ${escapeLatex(g.level)} & ${g.n} & ${meanPm(g)} & ${g.level === first ? '--' : pLatex(pair?.welch.pAdjusted)} & ${escapeLatex(lett.get(g.key) ?? '')} \\\\`);
    });
  });
  lines.push('\\bottomrule', '\\end{tabular}', '\\end{table}', '');
  return lines.join('\n');
}

/** The pairwise table: both means, the difference in percent with its CI, Hedges' g, adjusted Welch p. */
export function pairsTable(a: AnalysisResult, label = `tab:${a.metric}-pairs`): string {
  const compare = a.options.compare;
  const conf = Math.round(a.options.confidence * 100);
  const lines: string[] = ['\\begin{table}[htbp]', '\\centering', '\\small'];
  lines.push(
    `\\caption{Pairwise comparisons of ${escapeLatex(factorName(compare))} levels for ${escapeLatex(metricLabel(a.metric))}: the two means${a.unit ? ` (${escapeLatex(a.unit)})` : ''}, the change in percent with its ${conf}\\,\\% CI, Hedges' $g$ and the Welch $t$-test $p$-value (${escapeLatex(a.options.adjust)}-adjusted ${a.options.adjustScope === 'all' ? 'over all pairs of all strata' : 'within each stratum'}); intervals are per comparison.}`,
  );
  lines.push(`\\label{${escapeLatex(label)}}`, '\\begin{tabular}{llrrrr}', '\\toprule');
  lines.push('Configuration & Comparison & Means & Change (\\%) & $g$ & $p_{\\mathrm{adj}}$ \\\\', '\\midrule');
  const byKey = new Map(a.groups.map((g) => [g.key, g]));
  a.strata.forEach((s, i) => {
    if (i > 0 && s.pairs.length) lines.push('\\midrule');
    const gs = s.groups.map((k) => byKey.get(k)).filter((g): g is GroupResult => !!g);
    const mean = (level: string) => {
      const g = gs.find((x) => x.level === level);
      return g && Number.isFinite(g.mean) ? fmtNum(g.mean).replace('−', '-') : '\\mathrm{NA}';
    };
    s.pairs.forEach((p, j) => {
      const pct = p.percent;
      const ci = Number.isFinite(pct.lo) ? ` [${fmtFixed(pct.lo, 1)}, ${fmtFixed(pct.hi, 1)}]` : '';
      const g = p.hedgesG.center;
      lines.push(
        `${j === 0 ? escapeLatex(factorsLabel(omit(s.factors, compare)).split(' · ').join(', ')) : ''} & ${escapeLatex(p.a)} $\\to$ ${escapeLatex(p.b)} & $${mean(p.a)} \\to ${mean(p.b)}$ & $${fmtFixed(pct.center, 1).replace('−', '-')}$${escapeLatex(ci)} & ${Number.isFinite(g) ? `$${g.toFixed(2)}$` : '--'} & ${pLatex(p.welch.pAdjusted)} \\\\`,
      );
    });
  });
  lines.push('\\bottomrule', '\\end{tabular}', '\\end{table}', '');
  return lines.join('\n');
}

function omit(f: Record<string, string>, k: string): Record<string, string> {
  const o = { ...f };
  delete o[k];
  return o;
}

function firstLevel(a: AnalysisResult): string {
  return sortLevels(a.groups.map((g) => g.level))[0] ?? '';
}
