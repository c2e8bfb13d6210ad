/**
 * The self-contained HTML report: a template (templates/report.html, user-editable) with
 * `{{placeholder}}`s filled by escaped HTML fragments. No scripts, no external URLs: charts are
 * inline SVG, CSS is inline, and a Content-Security-Policy forbids scripts, so a hostile file name
 * can only ever appear as text. Pure: same input, same bytes (no time unless a stamp is given).
 *
 * Placeholders (each replaced once, in a single pass, so data can never inject one):
 *   {{title}} {{subtitle}} {{css}} {{csp}} {{stamp}} {{toc}} {{summary}} {{methods}} {{quality}}
 *   {{figures}} {{tables}} {{assumptions}} {{appendix}} {{files}} {{software}}
 */
import type { AnalysisResult, GroupResult } from '../analysis/types.js';
import { formatDiagnostic, RUN_STATUSES, type Inventory } from '../model/index.js';
import type { Figure } from './specs.js';
import { factorName, factorsLabel, fmtFixed, fmtNum, fmtPCell, levelLabel, metricLabel, sortLevels } from './labels.js';
import { groupLetters } from './latex.js';
import { methodsParagraph, stratumTest, studentizedPCell, summarySentences, type Software } from './text.js';

/** Escape text for HTML content and attribute values. */
export function escapeHtml(s: unknown): string {
  return String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** No script, no remote anything: only inline styles and data: images. */
export const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'";

export const PLACEHOLDERS = ['title', 'subtitle', 'css', 'csp', 'stamp', 'toc', 'summary', 'methods', 'quality', 'figures', 'tables', 'assumptions', 'appendix', 'files', 'software'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** Fill `{{name}}` placeholders in one pass; unknown names are left as they are. */
export function fillTemplate(template: string, values: Partial<Record<Placeholder, string>>): string {
  return template.replace(/\{\{\s*([a-z]+)\s*\}\}/g, (m, name: string) => ((values as Record<string, string | undefined>)[name] ?? m));
}

/** An SVG produced by vega, made safe to inline: drop any XML prolog, any script or foreignObject. */
export function inlineSvg(svg: string, label: string): string {
  const clean = svg
    .replace(/<\?xml[^>]*\?>/g, '')
    .replace(/<script[\s\S]*?<\/script>/gi, '')
    .replace(/<foreignObject[\s\S]*?<\/foreignObject>/gi, '')
    .replace(/\son[a-z]+\s*=\s*("[^"]*"|'[^']*')/gi, '');
  return clean.replace(/^<svg\b/, `<svg role="img" aria-label="${escapeHtml(label)}"`);
}

export interface RenderedFigure {
  figure: Figure;
  svg: string;
}

export interface HtmlInput {
  analysis: AnalysisResult;
  more?: AnalysisResult[];
  inventory: Inventory;
  figures: RenderedFigure[];
  /** The template text and its CSS. */
  template: string;
  css: string;
  software: Software[];
  /** Files written beside the report (relative paths), listed with links. */
  files?: string[];
  title?: string;
  /** A generation time to print; nothing is printed without it. */
  stamp?: string;
}

const e = escapeHtml;

function table(head: string[], rows: string[][], cls = ''): string {
  return `<table${cls ? ` class="${cls}"` : ''}><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>\n${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n')}\n</tbody></table>`;
}

function ciText(lo: number, hi: number, digits = 4): string {
  return Number.isFinite(lo) && Number.isFinite(hi) ? `[${fmtNum(lo, digits)}, ${fmtNum(hi, digits)}]` : '—';
}

function warningsList(ws: string[]): string {
  return ws.length ? `<ul class="warnings">${ws.map((w) => `<li>${e(w)}</li>`).join('')}</ul>` : '';
}

function groupLabel(a: AnalysisResult, g: GroupResult): string {
  return factorsLabel(g.factors);
}

function summarySection(a: AnalysisResult): string {
  const s = summarySentences(a);
  const body = s.length ? `<ul class="summary">${s.map((x) => `<li>${e(x)}</li>`).join('\n')}</ul>` : '<p>No comparison could be made (a single level, or too few repetitions).</p>';
  return body + warningsList(a.warnings);
}

function qualitySection(a: AnalysisResult, inv: Inventory): string {
  const parts: string[] = [];
  parts.push(`<p>${e(inv.runs.length)} files found under ${inv.roots.map((r) => `<code>${e(r)}</code>`).join(', ')}.</p>`);
  parts.push(table(['Status', 'Files'], RUN_STATUSES.map((s) => [e(s), e(inv.counts[s] ?? 0)]), 'narrow'));
  if (inv.scanErrors.length) parts.push(`<h3>Could not be listed</h3>${table(['Path', 'Error'], inv.scanErrors.map((x) => [`<code>${e(x.path)}</code>`, e(x.message)]))}`);
  const notOk = inv.runs.filter((r) => r.status !== 'ok');
  if (notOk.length) {
    parts.push(
      `<h3>Files that are not complete runs</h3>${table(
        ['File', 'Status', 'Why'],
        notOk.map((r) => [`<code>${e(r.file)}</code>`, e(r.status), e(r.diagnostics.filter((d) => d.severity === 'error')[0] ? formatDiagnostic(r.file, r.diagnostics.filter((d) => d.severity === 'error')[0]) : r.duplicateOf ? `duplicate of ${r.duplicateOf}` : '')]),
      )}`,
    );
  }
  const warned = inv.runs.filter((r) => r.diagnostics.some((d) => d.severity === 'warning'));
  if (warned.length) parts.push(`<p>${e(warned.length)} files carry warnings (listed in the appendix).</p>`);
  const conflicts = inv.runs.filter((r) => r.origin.conflicts.length);
  if (conflicts.length) {
    parts.push(
      `<h3>File name and content disagree</h3>${table(
        ['File', 'Factor', 'Name', 'Content'],
        conflicts.flatMap((r) => r.origin.conflicts.map((c) => [`<code>${e(r.file)}</code>`, e(c.factor), e(c.name), e(c.content)])),
      )}`,
    );
  }
  if (a.excluded.length) {
    const reasons = new Map<string, number>();
    for (const x of a.excluded) reasons.set(x.reason, (reasons.get(x.reason) ?? 0) + 1);
    parts.push(`<h3>Left out of the analysis</h3>${table(['Reason', 'Runs'], [...reasons].sort((p, q) => q[1] - p[1] || (p[0] < q[0] ? -1 : 1)).map(([r, n]) => [e(r), e(n)]), 'narrow')}`);
  }
  const gw = a.groups.filter((g) => g.warnings.length);
  if (gw.length) parts.push(`<h3>Configuration warnings</h3>${table(['Configuration', 'Warnings'], gw.map((g) => [e(groupLabel(a, g)), e(g.warnings.join('; '))]))}`);
  return parts.join('\n');
}

function metricTables(a: AnalysisResult): string {
  const conf = Math.round(a.options.confidence * 100);
  const lett = groupLetters(a);
  const byKey = new Map(a.groups.map((g) => [g.key, g]));
  const unit = a.unit ? ` (${e(a.unit)})` : '';
  const ordered = a.strata.length ? a.strata.flatMap((s) => s.groups.map((k) => byKey.get(k)).filter((g): g is GroupResult => !!g)) : a.groups;
  const seen = new Set(ordered.map((g) => g.key));
  for (const g of a.groups) if (!seen.has(g.key)) ordered.push(g);
  const rows = ordered.map((g) => [
    e(groupLabel(a, g)),
    e(g.n),
    e(fmtNum(g.mean)),
    e(ciText(g.meanCi.lo, g.meanCi.hi)),
    e(fmtNum(g.sd)),
    e(fmtFixed(100 * g.cv, 1)),
    e(fmtNum(g.median)),
    e(lett.get(g.key) ?? ''),
    e(g.failed.length || ''),
    e(g.repetitions ? `${g.repetitions.needed}${g.repetitions.additional ? ` (+${g.repetitions.additional})` : ''}` : ''),
  ]);
  const groups = table(['Configuration', 'n', `Mean${unit}`, `${conf}% CI`, 'SD', 'CV %', 'Median', 'Letters', 'Failed', 'Reps for ±' + e(fmtFixed(100 * a.options.targetCi, 0)) + '%'], rows, 'num');
  const prow: string[][] = [];
  for (const s of a.strata) {
    for (const p of s.pairs) {
      prow.push([
        e(factorsLabel(Object.fromEntries(Object.entries(s.factors).filter(([k]) => k !== a.options.compare)))),
        e(`${levelLabel(a.options.compare, p.a)} → ${p.b}`),
        e(fmtNum(p.diff.center)),
        e(`${fmtFixed(p.percent.center, 1)}%`),
        e(Number.isFinite(p.percent.lo) ? `[${fmtFixed(p.percent.lo, 1)}, ${fmtFixed(p.percent.hi, 1)}]` : '—'),
        e(Number.isFinite(p.hedgesG.center) ? fmtFixed(p.hedgesG.center, 2) : 'NA'),
        e(fmtPCell(p.welch.pAdjusted)),
        e(p.gamesHowell ? studentizedPCell(p.gamesHowell) : ''),
        e(p.wilcoxon ? fmtPCell(p.wilcoxon.p) : ''),
      ]);
    }
  }
  const pairs = prow.length
    ? `<h4>Pairwise comparisons</h4>${table(['Stratum', 'Comparison', 'Δ mean', 'Δ %', `${conf}% CI of Δ %`, "Hedges' g", `p Welch (${e(a.options.adjust)})`, 'p Games–Howell', 'p Wilcoxon'], prow, 'num')}`
    : '';
  return `<section class="metric"><h3>${e(metricLabel(a.metric))}${unit}</h3>${groups}${pairs}</section>`;
}

function assumptionsSection(a: AnalysisResult): string {
  const parts: string[] = [];
  const srows = a.strata.map((s) => {
    const t = stratumTest(s);
    return [
      e(factorsLabel(Object.fromEntries(Object.entries(s.factors).filter(([k]) => k !== a.options.compare)))),
      e(s.levene ? fmtPCell(s.levene.p) : ''),
      e(s.brownForsythe ? fmtPCell(s.brownForsythe.p) : ''),
      e(s.anova ? fmtPCell(s.anova.p) : ''),
      e(s.welch ? fmtPCell(s.welch.p) : ''),
      e(s.kruskal ? fmtPCell(s.kruskal.p) : ''),
      e(t ? t.name : ''),
      e(s.recommended?.reason ?? ''),
    ];
  });
  if (srows.length) parts.push(`<h3>Variances and omnibus tests per stratum</h3>${table(['Stratum', 'Levene p', 'Brown–Forsythe p', 'ANOVA p', 'Welch p', 'Kruskal p', 'Test used', 'Why'], srows, 'num')}`);
  const grows = a.groups.map((g) => [e(groupLabel(a, g)), e(g.n), e(g.shapiro ? fmtFixed(g.shapiro.W, 3) : '—'), e(g.shapiro ? fmtPCell(g.shapiro.p) : '—'), e(g.shapiro && g.shapiro.p < 0.05 ? 'doubtful' : g.shapiro ? 'plausible' : 'not tested')]);
  parts.push(`<h3>Normality per configuration (Shapiro–Wilk)</h3>${table(['Configuration', 'n', 'W', 'p', 'Normality'], grows, 'num')}`);
  for (const t of a.twoway) {
    parts.push(
      `<h3>Two-way ANOVA ${e(t.factors.map(factorName).join(' × '))}${t.key ? ` — ${e(factorsLabel(parseKey(t.key)))}` : ''}</h3>${table(
        ['Term', 'SS', 'df', 'F', 'p'],
        t.rows.map((r) => [e(r.term), e(fmtNum(r.ss)), e(r.df), e(Number.isFinite(r.F) ? fmtFixed(r.F, 2) : ''), e(Number.isFinite(r.p) ? fmtPCell(r.p) : '')]),
        'num',
      )}${warningsList(t.warnings)}`,
    );
  }
  return parts.join('\n');
}

function appendixSection(a: AnalysisResult, inv: Inventory): string {
  const value = new Map<string, { v: number; flags: string; excluded?: string }>();
  for (const g of a.groups)
    for (const r of g.runs) {
      const f: string[] = [];
      if (r.outlier.iqr !== 'none') f.push(`IQR ${r.outlier.iqr}`);
      if (r.outlier.mad) f.push('MAD');
      if (r.outlier.grubbs) f.push('Grubbs');
      value.set(r.file, { v: r.value, flags: f.join(', '), excluded: r.excluded });
    }
  const excluded = new Map(a.excluded.map((x) => [x.file, x.reason]));
  const factorKeys = sortLevels(inv.runs.flatMap((r) => Object.keys(r.factors)));
  const showThroughput = a.metric !== 'throughput';
  const rows = inv.runs.map((r) => {
    const v = value.get(r.file);
    const notes = [...(v?.excluded ? [`excluded: ${v.excluded}`] : []), ...(excluded.has(r.file) ? [excluded.get(r.file)!] : []), ...r.diagnostics.filter((d) => d.severity !== 'info').map((d) => formatDiagnostic(r.file, d))];
    return [
      `<code>${e(r.file)}</code>`,
      e(r.status),
      ...factorKeys.map((k) => e(r.factors[k] ?? '')),
      ...(showThroughput ? [e(r.metrics.throughput !== undefined ? fmtNum(r.metrics.throughput) : '')] : []),
      e(v ? fmtNum(v.v) : r.metrics[a.metric] !== undefined ? fmtNum(r.metrics[a.metric]) : ''),
      e(v?.flags ?? ''),
      notes.length ? `<details><summary>${e(notes.length)}</summary>${e(notes.slice(0, 10).join('\n'))}</details>` : '',
    ];
  });
  const unit = a.unit ? ` (${a.unit})` : '';
  return table(['File', 'Status', ...factorKeys.map((k) => e(factorName(k))), ...(showThroughput ? ['Throughput (ops/s)'] : []), e(metricLabel(a.metric) + unit), 'Outlier', 'Notes'], rows, 'num small appendix');
}

function figuresSection(figs: RenderedFigure[]): string {
  return figs
    .map(
      (f, i) =>
        `<figure id="fig-${e(f.figure.name)}" class="chart">\n<h3>Figure ${i + 1}. ${e(f.figure.title)}</h3>\n${inlineSvg(f.svg, f.figure.title)}\n<figcaption>${e(f.figure.caption)} <span class="files">Files: figures/${e(f.figure.name)}.svg, .pdf, .vl.json</span></figcaption>\n</figure>`,
    )
    .join('\n');
}

/** The whole report as one HTML string. */
export function renderHtml(input: HtmlInput): string {
  const a = input.analysis;
  const title = input.title ?? `YCSB analysis: ${metricLabel(a.metric)} by ${a.options.group.map(factorName).join(', ')}`;
  const subtitle = `${metricLabel(a.metric)}${a.unit ? ` (${a.unit})` : ''}; compared: ${factorName(a.options.compare)}; grouped by ${a.options.group.map(factorName).join(', ')}${a.stratifiedBy.length ? `; stratified by ${a.stratifiedBy.map(factorName).join(', ')}` : ''}; ${Math.round(a.options.confidence * 100)}% confidence; ${a.options.adjust} adjustment ${a.options.adjustScope === 'all' ? 'over all pairs of all strata' : 'within each stratum'}.`;
  const sections: [string, string][] = [
    ['summary', 'Summary'],
    ['methods', 'Methods'],
    ['quality', 'Data quality'],
    ['figures', 'Figures'],
    ['tables', 'Tables'],
    ['assumptions', 'Assumption checks'],
    ['appendix', 'Appendix: every run'],
  ];
  const toc = `<ol>${sections.map(([id, t]) => `<li><a href="#${id}">${e(t)}</a></li>`).join('')}</ol>`;
  const files = input.files?.length ? `<ul class="files">${input.files.map((f) => `<li><a href="${e(encodeURI(f))}">${e(f)}</a></li>`).join('')}</ul>` : '';
  return fillTemplate(input.template, {
    title: e(title),
    subtitle: e(subtitle),
    css: input.css.replace(/<\/style/gi, '<\\/style'),
    csp: e(CSP),
    stamp: input.stamp ? `<p class="stamp">Generated ${e(input.stamp)}</p>` : '',
    toc,
    summary: summarySection(a),
    methods: methodsParagraph(a, input.software).map((p) => `<p>${e(p)}</p>`).join('\n'),
    quality: qualitySection(a, input.inventory),
    figures: figuresSection(input.figures),
    tables: [a, ...(input.more ?? [])].map(metricTables).join('\n'),
    assumptions: assumptionsSection(a),
    appendix: appendixSection(a, input.inventory),
    files,
    software: e(input.software.map((s) => `${s.name} ${s.version}`).join(', ')),
  });
}

/** 'db=cassandra,workload=a' -> factors (the analysis' stable key format). */
export function parseKey(key: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of key.split(',')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i)] = part.slice(i + 1);
  }
  return out;
}
