/**
 * 4. The campaign timeline: the metric of every run against the time it started, one row per
 * database (each row its own stretch of time), colour and shape by the other factors, and the
 * campaign's change points (AnalysisResult.timeline, src/analysis/timeline.ts) as numbered
 * vertical rules. Runs whose start time is only their file's modification time are drawn open.
 *
 * Times are naive local times as the outputs wrote them (no zone): they are placed on a UTC scale
 * as if they were UTC, so that the axis shows the clock time written in the outputs whatever the
 * zone of the machine that renders the figure.
 */
import type { AnalysisResult, CampaignTimeline } from '../../analysis/types.js';
import type { Run } from '../../model/index.js';
import { factorName, fmtFixed, levelLabel, metricLabel, sortLevels } from '../labels.js';
import {
  axisWidth,
  CATEGORY_COLOURS,
  CATEGORY_SHAPES,
  FONT_SIZE,
  labelWidth,
  OKABE_ITO,
  rowHeader,
  THESIS_WIDTH,
  Y_TITLE_WIDTH,
  tickChars,
  top,
  yTitle,
  type Figure,
  type FigureOptions,
} from './common.js';

/** The x axis: the clock time the outputs wrote, whose zone they do not say. */
export const TIMELINE_X_TITLE = 'run start (local time of the outputs; no zone recorded)';
/** Tick labels on the 24-hour clock ('06:00', '06:00:30' between minutes), the date at midnight ('Sep 13'), the year on 1 January, in the UTC frame the times are placed in. */
const TIME_LABEL =
  "utcFormat(datum.value, utcseconds(datum.value) !== 0 ? '%H:%M:%S' : utchours(datum.value) !== 0 || utcminutes(datum.value) !== 0 ? '%H:%M' : utcmonth(datum.value) === 0 && utcdate(datum.value) === 1 ? '%Y' : '%b %d')";
/** Rules closer than this (px) share one label ("1, 2"), so that labels never overlap. */
const LABEL_GAP = 18;

/** A naive ISO time ('2021-09-13T06:43:56.789', '2021-09-13') as milliseconds on a UTC clock; NaN when it is not one. */
export function naiveMillis(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?$/.exec(iso);
  if (!m) return NaN;
  const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), ms);
}

/** '2021-09-13T06:43:56.789' → '2021-09-13 06:43' (a day alone stays a day). */
export function shortTime(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}))?/.exec(iso);
  return m ? (m[2] ? `${m[1]} ${m[2]}` : m[1]) : iso;
}

/**
 * The factors that tell configurations apart within a row, most levels first: colour, then shape,
 * each with at most as many levels as there are distinct colours (shapes); the rest are not told apart.
 */
function markFactors(a: AnalysisResult, row: string): { colour: string; shape: string; others: string[] } {
  const varying = sortLevels(new Set(a.groups.flatMap((g) => Object.keys(g.factors))))
    .filter((f) => f !== row && new Set(a.groups.map((g) => g.factors[f])).size > 1)
    .map((f) => ({ f, n: new Set(a.groups.map((g) => g.factors[f])).size }))
    .sort((x, y) => y.n - x.n || (x.f < y.f ? -1 : 1));
  const colour = varying.find((x) => x.n <= CATEGORY_COLOURS.length)?.f ?? '';
  const shape = varying.find((x) => x.f !== colour && x.n <= CATEGORY_SHAPES.length)?.f ?? '';
  return { colour, shape, others: varying.map((x) => x.f).filter((f) => f !== colour && f !== shape) };
}

/** A legend at most `room` px wide: as many columns of the labels as fit. */
function legendFor(labels: string[], room: number): Record<string, unknown> {
  const entry = 16 + 12; // symbol and column padding
  const limit = Math.max(20, Math.min(labelWidth(labels, FONT_SIZE, false), room - entry));
  const columns = Math.max(1, Math.min(labels.length, Math.floor(room / (limit + entry))));
  return { columns, labelLimit: Math.ceil(limit), titleLimit: room };
}

/** Consecutive rules of a row closer than LABEL_GAP px, labelled once: '1', '2, 3'. */
function ruleLabels(rules: { t: number; n: number }[], t0: number, t1: number, width: number): { t: number; label: string; end: boolean }[] {
  const px = (t: number) => (t1 > t0 ? ((t - t0) / (t1 - t0)) * width : 0);
  const out: { t: number; label: string; end: boolean; last: number }[] = [];
  for (const r of rules) {
    const prev = out[out.length - 1];
    if (prev && px(r.t) - px(prev.last) < LABEL_GAP) {
      prev.label += `, ${r.n}`;
      prev.last = r.t;
    } else out.push({ t: r.t, label: String(r.n), end: px(r.t) > width - 24, last: r.t });
  }
  return out.map(({ t, label, end }) => ({ t, label, end }));
}

/** The change points in words, for the caption: '1: 2021-09-13 06:43, from +0.0 to −3.2 SD'. */
function changeWords(t: CampaignTimeline): string {
  const signed = (v: number) => (v < 0 ? '−' : '+') + fmtFixed(Math.abs(v), 1);
  const shown = t.changePoints.slice(0, 20).map((c, i) => `${i + 1}: ${shortTime(c.start)} (from ${signed(c.before)} to ${signed(c.after)} SD)`);
  const more = t.changePoints.length > shown.length ? `; ${t.changePoints.length - shown.length} more in the JSON output` : '';
  return `${shown.join('; ')}${more}`;
}

/**
 * The campaign timeline figure, or none when no analysed run has a start time (or the analysis
 * has no timeline).
 */
export function timelineFigures(a: AnalysisResult, runs: readonly Run[], opts: FigureOptions = {}): Figure[] {
  const t = a.timeline;
  if (!t) return [];
  const byFile = new Map(runs.map((r) => [r.file, r]));
  const dbs = sortLevels(a.groups.map((g) => g.factors.db).filter((d): d is string => d !== undefined));
  const row = dbs.length > 1 ? 'db' : '';
  const { colour, shape, others } = markFactors(a, row);
  const colourLevels = colour ? sortLevels(a.groups.map((g) => g.factors[colour] ?? '')) : [];
  const shapeLevels = shape ? sortLevels(a.groups.map((g) => g.factors[shape] ?? '')) : [];
  const label = (f: string, v: string) => (f ? levelLabel(f, v) : 'run');
  const rows = row ? dbs.map((d) => levelLabel('db', d)) : [''];

  // 1. Every kept run with a start time, as a point.
  const points: Record<string, unknown>[] = [];
  const span = new Map<string, { t0: number; t1: number }>();
  let weak = 0;
  let maxValue = 1;
  for (const g of a.groups) {
    const rowLabel = row ? levelLabel('db', g.factors.db ?? '') : '';
    for (const r of g.runs) {
      if (r.excluded || !Number.isFinite(r.value)) continue;
      const start = byFile.get(r.file)?.start;
      const ms = start ? naiveMillis(start.iso) : NaN;
      if (!start || !Number.isFinite(ms)) continue;
      const isWeak = start.source === 'mtime';
      if (isWeak) weak++;
      maxValue = Math.max(maxValue, r.value);
      points.push({ kind: 'run', t: ms, value: r.value, colour: label(colour, g.factors[colour] ?? ''), shape: label(shape, g.factors[shape] ?? ''), weak: isWeak, row: rowLabel, col: '', file: r.file });
      const s = span.get(rowLabel);
      span.set(rowLabel, s ? { t0: Math.min(s.t0, ms), t1: Math.max(s.t1, ms) } : { t0: ms, t1: ms });
    }
  }
  if (points.length === 0) return [];
  points.sort((p, q) => (p.t as number) - (q.t as number) || ((p.file as string) < (q.file as string) ? -1 : 1));

  // 2. Sizes: row labels on the right, the y title once on the left.
  // rows in the order they ran (by their first run), so the figure reads as the campaign went
  const usedRows = rows.filter((r) => span.has(r)).sort((p, q) => span.get(p)!.t0 - span.get(q)!.t0 || rows.indexOf(p) - rows.indexOf(q));
  const rowW = row ? labelWidth(usedRows) + 6 : 0;
  const axisW = axisWidth(tickChars(maxValue));
  const width = Math.max(120, THESIS_WIDTH - 12 - Y_TITLE_WIDTH - rowW - axisW);
  const height = usedRows.length > 1 ? Math.max(70, Math.floor(300 / usedRows.length)) : 180;

  // 3. The change points, as rules in every row whose time span holds them, labelled by number.
  const rules: Record<string, unknown>[] = [];
  for (const r of usedRows) {
    const { t0, t1 } = span.get(r)!;
    const inRow = t.changePoints.map((c, i) => ({ t: naiveMillis(c.start), n: i + 1 })).filter((c) => c.t >= t0 && c.t <= t1);
    for (const c of inRow) rules.push({ kind: 'rule', t: c.t, row: r, col: '' });
    for (const l of ruleLabels(inRow, t0, t1, width)) rules.push({ kind: l.end ? 'label-end' : 'label', t: l.t, label: l.label, row: r, col: '' });
  }

  // The legends side by side under the plot, within the figure's width.
  const colourLabels = colourLevels.map((v) => label(colour, v));
  const shapeLabels = shapeLevels.map((v) => label(shape, v));
  const legendRoom = THESIS_WIDTH - 24;
  const colourRoom = shape ? Math.floor(legendRoom * 0.6) : legendRoom;
  const colourEnc = {
    field: 'colour',
    type: 'nominal',
    title: colour ? factorName(colour) : null,
    scale: { domain: colourLabels.length ? colourLabels : ['run'], range: colourLevels.length ? colourLevels.map((_, i) => CATEGORY_COLOURS[i]) : [OKABE_ITO.blue] },
    legend: colour ? legendFor(colourLabels, colourRoom) : null,
  };
  const shapeEnc = shape
    ? { field: 'shape', type: 'nominal', title: factorName(shape), scale: { domain: shapeLabels, range: shapeLevels.map((_, i) => CATEGORY_SHAPES[i]) }, legend: legendFor(shapeLabels, legendRoom - colourRoom - 12) }
    : { value: 'circle' };
  const x = { field: 't', type: 'temporal', title: null, scale: { type: 'utc' }, axis: { tickCount: 6, labelFlush: true, labelBound: 1, labelExpr: TIME_LABEL } };
  const y = { field: 'value', type: 'quantitative', title: null, scale: { zero: false }, axis: { tickCount: 4 } };
  const point = (isWeak: boolean) => ({
    transform: [{ filter: `datum.kind === 'run' && ${isWeak ? '' : '!'}datum.weak` }],
    mark: { type: 'point', filled: !isWeak, size: 18, strokeWidth: isWeak ? 1 : 0, opacity: 0.75 },
    encoding: { x, y, color: colourEnc, shape: shapeEnc },
  });
  const text = (kind: string, align: 'left' | 'right') => ({
    transform: [{ filter: `datum.kind === '${kind}'` }],
    mark: { type: 'text', align, baseline: 'top', dx: align === 'left' ? 2 : -2, color: OKABE_ITO.black },
    encoding: { x, y: { value: 2 }, text: { field: 'label', type: 'nominal' } },
  });
  const layer: unknown[] = [point(false)];
  if (weak > 0) layer.push(point(true));
  if (rules.length > 0) {
    layer.push(
      { transform: [{ filter: "datum.kind === 'rule'" }], mark: { type: 'rule', color: OKABE_ITO.black, strokeWidth: 1, strokeDash: [4, 3] }, encoding: { x } },
      text('label', 'left'),
      text('label-end', 'right'),
    );
  }
  // Each row its own y scale: the rows are different databases in different periods, and what the
  // figure shows is the change within a row (the means figure compares the databases).
  const independentY = usedRows.length > 1 || !!opts.independentScales;
  const spec = {
    data: { values: [...points, ...rules] },
    facet: {
      row: { field: 'row', type: 'ordinal', title: yTitle(a), sort: usedRows, header: row ? rowHeader(rowW) : { labels: false, titleOrient: 'left' } },
      column: { field: 'col', type: 'ordinal', title: TIMELINE_X_TITLE, header: { labels: false, titleOrient: 'bottom' } },
    },
    spacing: { row: 10 },
    spec: { width, height, layer },
    resolve: { scale: { x: 'independent', y: independentY ? 'independent' : 'shared' }, axis: { x: 'independent' } },
  };

  // 4. The caption: what a point and a rule are, the method, the change points.
  const sources = Object.entries(t.sources).filter(([, n]) => (n ?? 0) > 0);
  const what = `Point: one repetition, its ${metricLabel(a.metric)} at the time it started${colour ? `; colour: ${factorName(colour)}` : ''}${shape ? `; shape: ${factorName(shape)}` : ''}${others.length ? ` (${others.map(factorName).join(', ')} not told apart)` : ''}.`;
  const rowsText = row ? ` One row per database, each with its own stretch of time and its own ${metricLabel(a.metric)} scale.` : '';
  const weakText = weak > 0 ? ` Open symbols: ${weak} runs whose start time is only their file’s modification time (weak evidence: copying a file changes it).` : '';
  const method =
    ` Dashed rule, numbered: a change point of the whole campaign, at the start of the first run after it. To find them, the runs are put in start-time order and each is expressed as its distance from its configuration’s mean in standard deviations of that configuration (a z-score), so that configurations compare; PELT then segments that sequence of ${t.n} runs into stretches of constant mean (changes in mean, noise variance 1, MBIC penalty ${fmtFixed(t.method.penaltyValue, 1)} per change plus the log of each segment’s length, segments of at least ${t.method.minSegment} runs).` +
    ' A change at the moment the campaign moves from one set of configurations to another cannot be told from a difference between those configurations, and is not found.';
  const found = t.note ? ` No change was looked for: ${t.note}.` : t.changePoints.length ? ` Change points (level before and after, in SD): ${changeWords(t)}.` : ' PELT found no change point.';
  const src = sources.length ? ` Start times from ${sources.map(([s, n]) => `${SOURCE_WORDS[s] ?? s} (${n})`).join(', ')}.` : '';
  return [
    {
      name: 'timeline',
      title: `The campaign over time: ${metricLabel(a.metric)} of every run and the change points`,
      caption: `${what}${rowsText}${weakText}${method}${found}${src}`,
      spec: top(spec, 'campaign timeline'),
    },
  ];
}

const SOURCE_WORDS: Record<string, string> = {
  'status-line': 'the status lines’ timestamps',
  header: 'the date in the output’s header',
  name: 'a timestamp in the file or folder name',
  mtime: 'the file’s modification time',
};
