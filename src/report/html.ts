/**
 * The self-contained HTML report: a template (templates/report.html, user-editable) with
 * `{{placeholder}}`s filled by escaped HTML fragments. No scripts, no external URLs: charts are
 * inline SVG, CSS is inline, and a Content-Security-Policy forbids scripts, so a hostile file name
 * can only ever appear as text. Pure: same input, same bytes (no time unless a stamp is given).
 *
 * Placeholders (each replaced once, in a single pass, so data can never inject one):
 *   {{title}} {{subtitle}} {{css}} {{csp}} {{stamp}} {{toc}} {{summary}} {{methods}} {{reproduce}}
 *   {{checklist}} {{quality}} {{figures}} {{tables}} {{assumptions}} {{appendix}} {{files}} {{software}}
 *
 * The text is for a committee: messages of the analysis pass through inWords (no command-line
 * flags); the command that made the report appears once, in the "How to reproduce" line. Every
 * interval is kept on one line. The per-run appendix is optional (one compact line per file).
 */
import type { AnalysisResult, GroupResult } from '../analysis/types.js';
import { RARE_STATUSES, RUN_STATUSES, type Inventory, type ProvenanceSet, type Run } from '../model/index.js';
import type { Figure } from './specs.js';
import { factorName, factorsLabel, fmtFixed, fmtNum, fmtPCell, levelLabel, metricLabel, sortLevels } from './labels.js';
import { groupLetters } from './latex.js';
import { provenanceParagraph } from './provenance.js';
import { headlinePair, methodsParagraph, stratumTest, studentizedPCell, summarySentences, type Software } from './text.js';
import { HOEFLER_BELLI, reportingChecklist, type ChecklistItem } from './checklist.js';
import type { Completeness } from './types.js';
import { inWords } from './words.js';

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

export const PLACEHOLDERS = ['title', 'subtitle', 'css', 'csp', 'stamp', 'toc', 'summary', 'methods', 'reproduce', 'checklist', 'quality', 'figures', 'tables', 'assumptions', 'appendix', 'files', 'software'] as const;
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
  /** The completeness grid (for the checklist's repetitions). */
  completeness?: Completeness;
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
  /** Add the appendix: one compact line per input file. Off: the per-run table is in the CSV files only. */
  appendix?: boolean;
  /** The exact command that made the report, shown once as "How to reproduce". */
  reproduce?: string;
  /** The provenance of the runs `fill` produced: a paragraph of the methods. */
  provenance?: ProvenanceSet;
}

const e = escapeHtml;

function table(head: string[], rows: string[][], cls = ''): string {
  return `<table${cls ? ` class="${cls}"` : ''}><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>\n${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n')}\n</tbody></table>`;
}

/** An interval as HTML that never breaks across lines: [lo,&nbsp;hi] in a nowrap span. */
function ciHtml(lo: number, hi: number, fmt: (x: number) => string = (x) => fmtNum(x, 4)): string {
  return Number.isFinite(lo) && Number.isFinite(hi) ? `<span class="ci">[${e(fmt(lo))},\u00a0${e(fmt(hi))}]</span>` : '—';
}

/** Escaped text with every "[a, b]" interval kept on one line. */
export function textHtml(s: string): string {
  return e(s)
    .replace(/\[([^\[\],;<>]{1,24}), ([^\[\],;<>]{1,24})\]/g, '<span class="ci">[$1,\u00a0$2]</span>');
}

/** Messages of the analysis, in words (no command-line flags). */
function warningsList(ws: string[]): string {
  return ws.length ? `<ul class="warnings">${ws.map((w) => `<li>${textHtml(inWords(w))}</li>`).join('')}</ul>` : '';
}

function groupLabel(a: AnalysisResult, g: GroupResult): string {
  return factorsLabel(g.factors);
}

/** Both means of a stratum's headline comparison: 'RF 1: 60.96 ops/s (n = 30); RF 3: 52.43 ops/s (n = 30).' */
function headlineMeans(a: AnalysisResult, s: AnalysisResult['strata'][number]): string {
  const p = headlinePair(s);
  if (!p) return '';
  const byKey = new Map(a.groups.map((g) => [g.key, g]));
  const gs = s.groups.map((k) => byKey.get(k)).filter((g): g is GroupResult => !!g);
  const order = (l: string) => (s.levels.indexOf(l) < 0 ? Infinity : s.levels.indexOf(l));
  const levels = [p.a, p.b].sort((x, y) => order(x) - order(y));
  const parts = levels.map((l) => gs.find((g) => g.level === l)).filter((g): g is GroupResult => !!g);
  if (parts.length !== 2) return '';
  const unit = a.unit ? ` ${a.unit}` : '';
  return `Means: ${parts.map((g) => `${levelLabel(a.options.compare, g.level)} ${fmtNum(g.mean)}${unit} (n = ${g.n})`).join('; ')}.`;
}

function summarySection(a: AnalysisResult): string {
  // One stratum at a time, so each sentence is followed by the two means it compares.
  const items: string[] = [];
  for (const s of a.strata) {
    for (const sentence of summarySentences({ ...a, strata: [s] })) {
      const abs = headlineMeans(a, s);
      items.push(`<li>${textHtml(sentence)}${abs ? ` <span class="abs">${textHtml(abs)}</span>` : ''}</li>`);
    }
  }
  const body = items.length ? `<ul class="summary">${items.join('\n')}</ul>` : '<p>No comparison could be made (a single level, or too few repetitions).</p>';
  return body + warningsList(a.warnings);
}

/** Why a file is not a complete run: its first error (with the line), or what it duplicates. */
function whyNotComplete(r: Run): string {
  const d = r.diagnostics.find((x) => x.severity === 'error') ?? (r.status === 'empty' ? r.diagnostics[0] : undefined);
  if (d) return `${d.line ? `line ${d.line}: ` : ''}${d.message}${d.expected ? `; expected ${d.expected}` : ''}${d.found ? `, found ${d.found}` : ''}`;
  return r.duplicateOf ? `duplicate of ${r.duplicateOf}` : '';
}

function qualitySection(a: AnalysisResult, inv: Inventory, appendix: boolean): string {
  const parts: string[] = [];
  parts.push(`<p>${e(inv.runs.filter((r) => r.combined === undefined).length)} files found under ${inv.roots.map((r) => `<code>${e(r)}</code>`).join(', ')}.</p>`);
  // the usual statuses always, a rare one (empty, conflict, skipped) only when some input has it
  const statuses = [...RUN_STATUSES, ...RARE_STATUSES.filter((s) => (inv.counts[s] ?? 0) > 0)];
  parts.push(table(['Status', 'Files'], statuses.map((s) => [e(s), e(inv.counts[s] ?? 0)]), 'narrow'));
  if (inv.notices?.length) parts.push(`<h3>How runs were told apart</h3><ul>${inv.notices.map((n) => `<li>${e(n)}</li>`).join('')}</ul>`);
  if (inv.scanErrors.length) parts.push(`<h3>Could not be listed</h3>${table(['Path', 'Error'], inv.scanErrors.map((x) => [`<code>${e(x.path)}</code>`, e(x.message)]))}`);
  const skipped = inv.skipped ?? [];
  if (skipped.length) parts.push(`<h3>Skipped: not outputs</h3>${table(['File', 'Why'], skipped.map((x) => [`<code>${e(x.path)}</code>`, e(x.reason)]))}`);
  const split = inv.runs.filter((r) => r.invocation);
  if (split.length) {
    parts.push(
      `<h3>Files holding several YCSB invocations (one run each)</h3>${table(
        ['Run', 'Status', 'Lines'],
        split.map((r) => [`<code>${e(r.file)}</code>`, e(r.status), e(`${r.invocation!.fromLine}–${r.invocation!.toLine} of ${r.invocation!.path}`)]),
      )}`,
    );
  }
  const notOk = inv.runs.filter((r) => r.status !== 'ok');
  if (notOk.length) {
    parts.push(
      `<h3>Files that are not complete runs</h3>${table(
        ['File', 'Status', 'Why'],
        notOk.map((r) => [`<code>${e(r.file)}</code>`, e(r.status), textHtml(inWords(whyNotComplete(r)))]),
        'files',
      )}`,
    );
  }
  const warned = inv.runs.filter((r) => r.diagnostics.some((d) => d.severity === 'warning'));
  if (warned.length) parts.push(`<p>${e(warned.length)} ${warned.length === 1 ? 'file carries' : 'files carry'} warnings (listed in ${appendix ? 'the appendix and ' : ''}the CSV file of every input file, data/files.csv).</p>`);
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
    for (const x of a.excluded) {
      const r = inWords(x.reason);
      reasons.set(r, (reasons.get(r) ?? 0) + 1);
    }
    parts.push(`<h3>Left out of the analysis</h3>${table(['Reason', 'Runs'], [...reasons].sort((p, q) => q[1] - p[1] || (p[0] < q[0] ? -1 : 1)).map(([r, n]) => [e(r), e(n)]), 'narrow')}`);
  }
  const gw = a.groups.filter((g) => g.warnings.length);
  if (gw.length) parts.push(`<h3>Configuration warnings</h3>${table(['Configuration', 'Warnings'], gw.map((g) => [e(groupLabel(a, g)), textHtml(g.warnings.map(inWords).join('; '))]))}`);
  return parts.join('\n');
}

/** A table whose rows come in blocks, each under a heading row that spans the table ("Cassandra · workload a"). */
function blockTable(head: string[], blocks: { title: string; rows: string[][] }[], cls: string): string {
  const body = blocks
    .map((b) => `${b.title ? `<tr class="block"><th colspan="${head.length}" scope="rowgroup">${b.title}</th></tr>\n` : ''}${b.rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n')}`)
    .join('\n');
  return `<table class="${cls}"><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/**
 * The tables of one metric: the configurations, then the pairwise comparisons, each in blocks of
 * one stratum (a heading row such as "Cassandra · workload a", then one row per level), so every
 * row stays on one line.
 */
function metricTables(a: AnalysisResult): string {
  const conf = Math.round(a.options.confidence * 100);
  const compare = a.options.compare;
  const lett = groupLetters(a);
  const byKey = new Map(a.groups.map((g) => [g.key, g]));
  const unit = a.unit ? ` (${e(a.unit)})` : '';
  const stratumTitle = (f: Record<string, string>) => e(factorsLabel(Object.fromEntries(Object.entries(f).filter(([k]) => k !== compare))));
  const groupRow = (g: GroupResult, label: string) => [
    e(label),
    e(g.n),
    e(fmtNum(g.mean)),
    ciHtml(g.meanCi.lo, g.meanCi.hi),
    e(fmtNum(g.sd)),
    e(fmtFixed(100 * g.cv, 1)),
    e(fmtNum(g.median)),
    e(lett.get(g.key) ?? ''),
    e(g.failed.length || ''),
    e(g.repetitions ? `${g.repetitions.needed}${g.repetitions.additional ? ` (+${g.repetitions.additional})` : ''}` : ''),
  ];
  const blocks: { title: string; rows: string[][] }[] = [];
  const seen = new Set<string>();
  for (const s of a.strata) {
    const gs = s.groups.map((k) => byKey.get(k)).filter((g): g is GroupResult => !!g);
    gs.forEach((g) => seen.add(g.key));
    const title = stratumTitle(s.factors);
    blocks.push({ title: title === 'all runs' ? '' : title, rows: gs.map((g) => groupRow(g, levelLabel(compare, g.level))) });
  }
  const rest = a.groups.filter((g) => !seen.has(g.key));
  if (rest.length) blocks.push({ title: '', rows: rest.map((g) => groupRow(g, groupLabel(a, g))) });
  const groups = blockTable(['Configuration', 'n', `Mean${unit}`, `${conf}% CI`, 'SD', 'CV %', 'Median', 'Letters', 'Failed', 'Reps for ±' + e(fmtFixed(100 * a.options.targetCi, 0)) + '%'], blocks, 'num blocks');
  const pblocks: { title: string; rows: string[][] }[] = [];
  for (const s of a.strata) {
    if (!s.pairs.length) continue;
    const inStratum = new Map(s.groups.map((k) => byKey.get(k)).filter((g): g is GroupResult => !!g).map((g) => [g.level, g]));
    const meanOf = (l: string) => {
      const g = inStratum.get(l);
      return g ? fmtNum(g.mean) : 'NA';
    };
    const title = stratumTitle(s.factors);
    pblocks.push({
      title: title === 'all runs' ? '' : title,
      rows: s.pairs.map((p) => [
        `<span class="ci">${e(`${levelLabel(compare, p.a)}\u00a0→\u00a0${p.b}`)}</span>`,
        `<span class="ci">${e(meanOf(p.a))}\u00a0→\u00a0${e(meanOf(p.b))}</span>`,
        e(`${fmtFixed(p.percent.center, 1)}%`),
        ciHtml(p.percent.lo, p.percent.hi, (x) => fmtFixed(x, 1)),
        e(Number.isFinite(p.hedgesG.center) ? fmtFixed(p.hedgesG.center, 2) : 'NA'),
        e(fmtPCell(p.welch.pAdjusted)),
        e(p.gamesHowell ? studentizedPCell(p.gamesHowell) : ''),
        e(p.wilcoxon ? fmtPCell(p.wilcoxon.p) : ''),
      ]),
    });
  }
  const pairs = pblocks.length
    ? `<h4>Pairwise comparisons</h4>${blockTable(['Comparison', `Means${unit}`, 'Δ %', `${conf}% CI of Δ %`, "Hedges' g", `p Welch (${e(a.options.adjust)})`, 'p Games–Howell', 'p Wilcoxon'], pblocks, 'num blocks')}`
    : '';
  return `<section class="metric"><h3>${e(metricLabel(a.metric))}${unit}</h3>${groups}${pairs}</section>`;
}

function assumptionsSection(a: AnalysisResult): string {
  const parts: string[] = [];
  // Welch's ANOVA is the test read (chosen before seeing the data); the others are checks beside it.
  const srows = a.strata.map((s) => {
    const t = stratumTest(s);
    const why = t ? (s.recommended?.reason ?? '') : (s.notTestable ?? "Welch's ANOVA could not be computed");
    return [
      e(factorsLabel(Object.fromEntries(Object.entries(s.factors).filter(([k]) => k !== a.options.compare)))),
      e(s.welch ? fmtPCell(s.welch.p) : '—'),
      e(t ? t.name : 'not testable'),
      textHtml(inWords(why)),
      e(s.anova ? fmtPCell(s.anova.p) : ''),
      e(s.kruskal ? fmtPCell(s.kruskal.p) : ''),
      e(s.levene ? fmtPCell(s.levene.p) : ''),
      e(s.brownForsythe ? fmtPCell(s.brownForsythe.p) : ''),
    ];
  });
  if (srows.length) {
    const intro =
      "<p>The test read in each stratum is Welch's ANOVA, chosen before seeing the data because it does not assume equal variances; where it is undefined the stratum is not testable, and the reason is given. One-way ANOVA and Kruskal–Wallis are sensitivity checks beside it, Levene and Brown–Forsythe diagnostics of the variances: none of them chooses the test.</p>";
    parts.push(
      `<h3>Omnibus tests and variances per stratum</h3>${intro}${table(['Stratum', "Welch's ANOVA p", 'Test read', 'Why', 'ANOVA p (check)', 'Kruskal–Wallis p (check)', 'Levene p', 'Brown–Forsythe p'], srows, 'num')}`,
    );
  }
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

/** The printed page's text width in CSS px: A4 (210 mm) less the PDF's 15 mm margins, at 96 px per inch. */
export const PAGE_WIDTH_PX = ((210 - 2 * 15) / 25.4) * 96;

/**
 * The font size (px) at which a table of one-line cells fits the page: each column as wide as its
 * widest cell (about 0.56 em a character, 0.6 em in monospace), plus padding; never above `max`.
 * Chromium would otherwise shrink the whole PDF to fit one wide table.
 */
export function fittingFontPx(columns: { cells: string[]; mono?: boolean }[], max = 8.67, padPx = 5): number {
  let em = 0;
  for (const c of columns) em += Math.max(0, ...c.cells.map((x) => [...x].length)) * (c.mono ? 0.6 * 0.92 : 0.56);
  const room = 0.96 * PAGE_WIDTH_PX - padPx * columns.length;
  return Math.max(4, Math.min(max, Math.floor((100 * room) / Math.max(em, 1)) / 100));
}

/**
 * The optional appendix: one line per input file, nothing wrapping. Factors with one level in
 * every file are stated once above the table; the others are columns. Notes are numbered below the
 * table, each text once; every note is also in data/files.csv. The font is chosen so the table
 * fits the page width.
 */
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
  const allKeys = sortLevels(inv.runs.flatMap((r) => Object.keys(r.factors)));
  const constant = allKeys.filter((k) => inv.runs.length > 0 && inv.runs.every((r) => r.factors[k] !== undefined && r.factors[k] === inv.runs[0].factors[k]));
  const factorKeys = allKeys.filter((k) => !constant.includes(k));
  const unit = a.unit ? ` (${a.unit})` : '';
  const noteIds = new Map<string, number>();
  const cells = inv.runs.map((r: Run) => {
    const v = value.get(r.file);
    const notes = [
      ...(v?.excluded ? [`excluded: ${v.excluded}`] : []),
      ...(excluded.has(r.file) ? [excluded.get(r.file)!] : []),
      ...r.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.message),
    ].map(inWords);
    const ids = [...new Set(notes.map((n) => noteIds.get(n) ?? noteIds.set(n, noteIds.size + 1).get(n)!))];
    const shown = v ? fmtNum(v.v) : r.metrics[a.metric] !== undefined ? fmtNum(r.metrics[a.metric]) : '';
    return [r.file, r.status, ...factorKeys.map((k) => r.factors[k] ?? ''), shown, v?.flags ?? '', ids.length ? `[${ids.join(', ')}]` : ''];
  });
  const head = ['File', 'Status', ...factorKeys.map(factorName), `${metricLabel(a.metric)}${unit}`, 'Outlier', 'Note'];
  const valueCol = head.length - 3;
  // Headers may wrap at spaces: a column is as wide as its longest header word or cell.
  const px = fittingFontPx(head.map((h, c) => ({ cells: [...h.split(' '), ...cells.map((row) => row[c])], mono: c === 0 })));
  const rows = cells.map(
    (row) => `<tr>${row.map((x, c) => (c === 0 ? `<td><code>${e(x)}</code></td>` : `<td${c === valueCol ? ' class="n"' : ''}>${e(x)}</td>`)).join('')}</tr>`,
  );
  const same = constant.length ? ` The same in every file: ${constant.map((k) => `${factorName(k)} ${inv.runs[0].factors[k]}`).join(', ')}.` : '';
  const notes = noteIds.size ? `<ol class="appendix-notes">${[...noteIds.keys()].map((n) => `<li>${textHtml(n)}</li>`).join('')}</ol>` : '';
  return `<section id="appendix"><h2>Appendix: every input file</h2>
<p class="note">One line per file (${e(inv.runs.length)} files).${e(same)} Outlier: flagged by the 1.5 × IQR fences (mild or severe), the MAD rule or Grubbs' test. Note: the numbered notes below the table; every note is also in data/files.csv.</p>
<table class="appendix" style="font-size:${px}px"><thead><tr>${head.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>
${rows.join('\n')}
</tbody></table>
${notes}
</section>`;
}

function checklistSection(items: ChecklistItem[]): string {
  const li = items.map((it) => {
    const commands = it.commands?.length
      ? `<table class="commands"><tbody>${it.commands.map((c) => `<tr><td>${e(c.label)}</td><td><code>${e(c.command)}</code></td></tr>`).join('')}</tbody></table>`
      : '';
    return `<li id="checklist-${e(it.id)}"><strong>${e(it.title)}</strong> <span class="rule">(${e(it.rule)})</span>. ${it.text.map(textHtml).join(' ')}${commands}</li>`;
  });
  return `<p class="note">After ${e(HOEFLER_BELLI)}: each item states what this report did, with its values.</p>\n<ol class="checklist">\n${li.join('\n')}\n</ol>`;
}

function figuresSection(figs: RenderedFigure[]): string {
  return figs
    .map(
      (f, i) =>
        `<figure id="fig-${e(f.figure.name)}" class="chart">\n<h3>Figure ${i + 1}. ${e(inWords(f.figure.title))}</h3>\n${inlineSvg(f.svg, f.figure.title)}\n<figcaption>${textHtml(inWords(f.figure.caption))} <span class="files">Files: figures/${e(f.figure.name)}.svg, .pdf, .vl.json</span></figcaption>\n</figure>`,
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
    ['checklist', 'Reporting checklist'],
    ['quality', 'Data quality'],
    ['figures', 'Figures'],
    ['tables', 'Tables'],
    ['assumptions', 'Assumption checks'],
    ...(input.appendix ? [['appendix', 'Appendix: every input file'] as [string, string]] : []),
  ];
  const checklist = reportingChecklist({ analysis: a, more: input.more, inventory: input.inventory, completeness: input.completeness, figures: input.figures.map((f) => f.figure.name) });
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
    methods: [...methodsParagraph(a, input.software), ...provenanceParagraph(input.provenance, input.inventory.runs.filter((r) => r.combined === undefined).length)].map((p) => `<p>${textHtml(inWords(p))}</p>`).join('\n'),
    // (a line never breaks inside a flag such as --group; long paths still may)
    reproduce: input.reproduce ? `<p class="reproduce"><strong>How to reproduce:</strong> <code>${input.reproduce.split(' ').map((w) => (w.startsWith('-') ? `<span class="nw">${e(w)}</span>` : e(w))).join(' ')}</code></p>` : '',
    checklist: checklistSection(checklist),
    quality: qualitySection(a, input.inventory, input.appendix === true),
    figures: figuresSection(input.figures),
    tables: [a, ...(input.more ?? [])].map(metricTables).join('\n'),
    assumptions: assumptionsSection(a),
    appendix: input.appendix ? appendixSection(a, input.inventory) : '',
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
