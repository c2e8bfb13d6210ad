/**
 * Vega-Lite specs for the report's charts, one function per chart, data inline. Pure and
 * deterministic: no randomness (jitter is a hash of the file name), no dates, stable orders.
 * Sized for a thesis column: THESIS_WIDTH px ≈ 13 cm at 96 dpi, 10–11 px fonts.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { AnalysisResult, GroupResult } from '../analysis/types.js';
import type { Run, Factors } from '../model/index.js';
import { normalQuantile, tQuantile } from '../stats/distributions.js';
import { compareLevels, factorName, factorsLabel, jitter, levelLabel, metricLabel, sortLevels } from './labels.js';
import type { Completeness, CellStatus } from './types.js';

/** Total width of a figure in CSS px (96 dpi): 500 px ≈ 13.2 cm. */
export const THESIS_WIDTH = 500;
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const FONT = 'Helvetica, Arial, sans-serif';

/** One chart of the report. */
export interface Figure {
  /** File name stem: figures/NAME.svg. */
  name: string;
  title: string;
  /** What the chart shows, as a caption. */
  caption: string;
  spec: TopLevelSpec;
}

export const CONFIG = {
  font: FONT,
  background: 'white',
  padding: 4,
  view: { stroke: '#bbb' },
  axis: { labelFontSize: 10, titleFontSize: 11, titleFontWeight: 'normal', labelColor: '#222', titleColor: '#111', gridColor: '#e6e6e6', tickColor: '#888', domainColor: '#888' },
  legend: { labelFontSize: 10, titleFontSize: 10, titleFontWeight: 'bold', symbolSize: 60, orient: 'bottom', direction: 'horizontal', columns: 4, labelLimit: 220 },
  header: { labelFontSize: 10, titleFontSize: 11, labelFontWeight: 'bold', titleFontWeight: 'normal', labelPadding: 3 },
  title: { fontSize: 12, anchor: 'start', fontWeight: 'bold' },
  text: { fontSize: 9 },
  errorbar: { thickness: 1.2 },
} as const;

/** Row headers: horizontal, one line per factor ('Cassandra · workload a' on two lines). */
const ROW_HEADER = { labelAngle: 0, labelAlign: 'left', labelBaseline: 'middle', labelLimit: 110, labelExpr: "split(datum.value, ' · ')" };

const DB_COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#17becf', '#7f7f7f'];

function top(spec: Record<string, unknown>, description: string): TopLevelSpec {
  return { $schema: VEGA_LITE_SCHEMA, description, config: CONFIG, ...spec } as unknown as TopLevelSpec;
}

/** The shape of the campaign as the charts see it. */
interface Layout {
  compare: string;
  /** Factor the colour shows: 'db' when it varies, else ''. */
  colour: string;
  levels: string[];
  colours: string[];
  /** Facet label (stratum minus the colour factor) per group key. */
  facet: Map<string, string>;
  facets: string[];
  /** Full stratum label per group key. */
  stratum: Map<string, string>;
  strata: string[];
}

function layout(a: AnalysisResult): Layout {
  const compare = a.options.compare;
  const varying = (f: string) => new Set(a.groups.map((g) => g.factors[f])).size > 1;
  const colour = a.groups.some((g) => g.factors.db !== undefined) && varying('db') && compare !== 'db' ? 'db' : '';
  const facet = new Map<string, string>();
  const stratum = new Map<string, string>();
  for (const g of a.groups) {
    const others: Factors = {};
    for (const [k, v] of Object.entries(g.factors)) if (k !== compare && varying(k)) others[k] = v;
    stratum.set(g.key, factorsLabel(others));
    const f: Factors = { ...others };
    if (colour) delete f[colour];
    facet.set(g.key, Object.keys(f).length ? factorsLabel(f) : '');
  }
  const order = (labels: Iterable<string>) => {
    // Order labels by their groups' factor levels (numeric-aware), not by text.
    const first = new Map<string, GroupResult>();
    for (const g of a.groups) {
      for (const m of [facet, stratum]) {
        const l = m.get(g.key)!;
        if (!first.has(l)) first.set(l, g);
      }
    }
    return [...new Set(labels)].sort((x, y) => {
      const gx = first.get(x);
      const gy = first.get(y);
      if (gx && gy) {
        const keys = sortLevels([...Object.keys(gx.factors), ...Object.keys(gy.factors)]).sort((p, q) => (p === 'db' ? -1 : q === 'db' ? 1 : p < q ? -1 : 1));
        for (const k of keys) {
          const c = compareLevels(gx.factors[k] ?? '', gy.factors[k] ?? '');
          if (c !== 0) return c;
        }
      }
      return compareLevels(x, y);
    });
  };
  return {
    compare,
    colour,
    levels: sortLevels(a.groups.map((g) => g.level)),
    colours: colour ? sortLevels(a.groups.map((g) => g.factors[colour])) : [],
    facet,
    facets: order(facet.values()),
    stratum,
    strata: order(stratum.values()),
  };
}

function colourValue(L: Layout, factors: Factors): string {
  return L.colour ? levelLabel(L.colour, factors[L.colour]) : 'all';
}
function colourScale(L: Layout) {
  const domain = L.colours.map((c) => levelLabel(L.colour, c));
  return { domain, range: DB_COLOURS.slice(0, Math.max(1, domain.length)) };
}

/** Wrap a unit/layer spec in a facet when there is more than one facet value. */
function facetWrap(
  values: Record<string, unknown>[],
  inner: Record<string, unknown>,
  facets: string[],
  opts: { columns?: number; height: number; independentY?: boolean; extra?: Record<string, unknown> },
): Record<string, unknown> {
  const n = facets.filter((f) => f !== '').length;
  if (n <= 1) {
    return { data: { values }, width: THESIS_WIDTH - 70, height: opts.height, ...inner, ...(opts.extra ?? {}) };
  }
  const columns = Math.min(opts.columns ?? 4, n);
  const width = Math.floor((THESIS_WIDTH - 60) / columns) - 30;
  return {
    data: { values },
    facet: { field: 'facet', type: 'ordinal', title: null, sort: facets, header: { labelLimit: width + 20 } },
    columns,
    spec: { width, height: opts.height, ...inner },
    ...(opts.independentY ? { resolve: { scale: { y: 'independent' } } } : {}),
    ...(opts.extra ?? {}),
  };
}

function yTitle(a: AnalysisResult): string {
  return a.unit ? `${metricLabel(a.metric)} (${a.unit})` : metricLabel(a.metric);
}

/** 1. Mean with its CI per compared level, faceted by the other factors, coloured by db. */
export function meansSpec(a: AnalysisResult): Figure {
  const L = layout(a);
  const values = a.groups
    .filter((g) => g.n > 0)
    .map((g) => ({
      level: g.level,
      mean: g.mean,
      lo: Number.isFinite(g.meanCi.lo) ? g.meanCi.lo : g.mean,
      hi: Number.isFinite(g.meanCi.hi) ? g.meanCi.hi : g.mean,
      n: g.n,
      colour: colourValue(L, g.factors),
      facet: L.facet.get(g.key) ?? '',
    }));
  const x = { field: 'level', type: 'ordinal', sort: L.levels, title: factorName(L.compare), axis: { labelAngle: 0 } };
  const colour = { field: 'colour', type: 'nominal', title: L.colour ? factorName(L.colour) : null, scale: colourScale(L), legend: L.colour ? {} : null };
  const xOffset = { field: 'colour', type: 'nominal', sort: colourScale(L).domain };
  const y = { field: 'mean', type: 'quantitative', title: yTitle(a), scale: { zero: false } };
  const inner = {
    layer: [
      { mark: { type: 'rule', strokeWidth: 1.4 }, encoding: { x, xOffset, y: { field: 'lo', type: 'quantitative', title: yTitle(a), scale: { zero: false } }, y2: { field: 'hi' }, color: colour } },
      { mark: { type: 'tick', thickness: 1.4, size: 7 }, encoding: { x, xOffset, y: { field: 'lo', type: 'quantitative' }, color: colour } },
      { mark: { type: 'tick', thickness: 1.4, size: 7 }, encoding: { x, xOffset, y: { field: 'hi', type: 'quantitative' }, color: colour } },
      { mark: { type: 'point', filled: true, size: 36, opacity: 1 }, encoding: { x, xOffset, y, color: colour } },
    ],
  };
  const conf = Math.round(a.options.confidence * 100);
  return {
    name: 'means',
    title: `Mean ${metricLabel(a.metric)} with ${conf}% confidence intervals`,
    caption: `Mean ${metricLabel(a.metric)} per ${factorName(L.compare)} level with Student-t ${conf}% confidence intervals of the mean${L.colour ? `, coloured by ${factorName(L.colour)}` : ''}. Panels: ${L.facets.filter(Boolean).join(', ') || 'all runs'}.`,
    spec: top(facetWrap(values, inner, L.facets, { height: 150, independentY: true }), 'mean with CI per level'),
  };
}

/** IQR category of a run (point shape). */
function iqrCategory(o: GroupResult['runs'][number]['outlier']): string {
  return o.iqr === 'severe' ? 'severe' : o.iqr === 'mild' ? 'mild' : 'inside fences';
}
/** MAD / Grubbs agreement of a run (point colour). */
function otherCategory(o: GroupResult['runs'][number]['outlier']): string {
  return o.mad && o.grubbs ? 'MAD + Grubbs' : o.mad ? 'MAD' : o.grubbs ? 'Grubbs' : 'neither';
}

/** 2. Box plot per group, every run a jittered point, outliers marked by method, failed runs apart. */
export function boxSpec(a: AnalysisResult): Figure {
  const L = layout(a);
  const values: Record<string, unknown>[] = [];
  for (const g of a.groups) {
    const facet = L.stratum.get(g.key) ?? '';
    const col = L.facet.get(g.key) ?? '';
    const colour = colourValue(L, g.factors);
    for (const r of g.runs) {
      values.push({ kind: 'run', level: g.level, value: r.value, jitter: jitter(r.file, 0.5), iqr: iqrCategory(r.outlier), other: otherCategory(r.outlier), file: r.file, excluded: r.excluded ? 'excluded' : 'used', colour, facet, col });
    }
    if (g.failed.length > 0) values.push({ kind: 'failed', level: g.level, label: `✕${g.failed.length}`, colour, facet, col });
  }
  // A grid (rows: the colour factor, named in the row headers, so no colour legend) when it fits.
  const gridMode = !!L.colour && L.facets.filter(Boolean).length >= 1 && L.facets.filter(Boolean).length <= 5;
  const x = { field: 'level', type: 'band', sort: L.levels } as Record<string, unknown>;
  const xAxis = { ...x, type: 'ordinal', title: factorName(L.compare), axis: { labelAngle: 0 } };
  const inner = {
    layer: [
      {
        transform: [{ filter: "datum.kind === 'run'" }],
        mark: { type: 'boxplot', extent: 1.5, outliers: false, size: 18, opacity: 0.35, median: { color: '#000', strokeWidth: 1.5 }, rule: { color: '#555' } },
        encoding: { x: xAxis, y: { field: 'value', type: 'quantitative', title: yTitle(a), scale: { zero: false } }, color: { field: 'colour', type: 'nominal', title: L.colour ? factorName(L.colour) : null, scale: colourScale(L), legend: L.colour && !gridMode ? {} : null } },
      },
      {
        transform: [{ filter: "datum.kind === 'run'" }],
        mark: { type: 'point', filled: true, size: 18, strokeWidth: 1 },
        encoding: {
          x: xAxis,
          xOffset: { field: 'jitter', type: 'quantitative', scale: { domain: [-0.5, 0.5] }, title: null },
          y: { field: 'value', type: 'quantitative' },
          shape: { field: 'iqr', type: 'nominal', title: 'IQR rule', scale: { domain: ['inside fences', 'mild', 'severe'], range: ['circle', 'triangle-up', 'diamond'] } },
          fill: { field: 'other', type: 'nominal', title: 'MAD / Grubbs', scale: { domain: ['neither', 'MAD', 'Grubbs', 'MAD + Grubbs'], range: ['#333333', '#e6550d', '#6a3d9a', '#d62728'] } },
          opacity: { field: 'excluded', type: 'ordinal', sort: ['used', 'excluded'], scale: { domain: ['used', 'excluded'], range: [0.85, 0.3] }, legend: null },
        },
      },
      {
        transform: [{ filter: "datum.kind === 'failed'" }],
        mark: { type: 'text', color: '#b10026', fontSize: 9, fontWeight: 'bold', baseline: 'bottom', dy: -2 },
        encoding: { x: xAxis, y: { value: 0 }, text: { field: 'label', type: 'nominal' } },
      },
    ],
    resolve: { scale: { xOffset: 'independent' } },
  };
  // A grid (rows: colour factor, columns: the other factors) when it fits; else wrapped panels.
  const cols = L.facets.filter(Boolean);
  let grid: Record<string, unknown> | undefined;
  if (gridMode) {
    const width = Math.max(50, Math.floor((THESIS_WIDTH - 110) / cols.length) - 30);
    grid = {
      data: { values },
      facet: {
        row: { field: 'colour', type: 'ordinal', title: null, sort: colourScale(L).domain, header: ROW_HEADER },
        column: { field: 'col', type: 'ordinal', title: null, sort: L.facets, header: { labelPadding: 14 } },
      },
      spacing: { row: 18, column: 12 },
      spec: { width, height: 110, ...inner },
      resolve: { scale: { y: 'independent' } },
    };
  }
  return {
    name: 'box',
    title: `Distribution of ${metricLabel(a.metric)} per configuration`,
    caption: `Box plots (Tukey whiskers at 1.5 IQR) of ${metricLabel(a.metric)} with every repetition as a point (horizontal jitter from a hash of the file name). Point shape: the 1.5/3 × IQR fences (mild/severe); colour: flagged by the MAD rule and/or Grubbs' test; faded points were excluded. ✕n above a box: n failed repetitions, not plotted (they have no value).`,
    spec: top(grid ?? facetWrap(values, inner, L.strata, { height: 140, columns: 3, independentY: true }), 'box plot with runs'),
  };
}

/** Stall intervals of a series: consecutive samples with zero throughput (used when the analysis
 * has no stall episodes for the run, e.g. a failed run). */
function stalls(series: Run['series']): { t0: number; t1: number }[] {
  const out: { t0: number; t1: number }[] = [];
  for (let i = 0; i < series.length; i++) {
    const s = series[i];
    if (s.throughput === 0 && i > 0) {
      const t0 = series[i - 1].t;
      const last = out[out.length - 1];
      if (last && last.t1 === t0) last.t1 = s.t;
      else out.push({ t0, t1: s.t });
    }
  }
  return out;
}

/** 3. Throughput over time per run, one panel per configuration, stalls and warm-up shaded. */
export function seriesSpec(a: AnalysisResult, runs: Run[]): Figure {
  const L = layout(a);
  const byFile = new Map(runs.map((r) => [r.file, r]));
  const warm = new Map(a.series.map((s) => [s.file, s.warmupSeconds]));
  const stallsByFile = new Map(a.series.filter((s) => s.stallEpisodes).map((s) => [s.file, s.stallEpisodes]));
  const values: Record<string, unknown>[] = [];
  for (const g of a.groups) {
    const row = L.stratum.get(g.key) ?? '';
    const col = levelLabel(L.compare, g.level);
    const failed = new Set(g.failed.map((f) => f.file));
    const files = [...g.runs.map((r) => r.file), ...failed];
    const warmups: number[] = [];
    for (const f of files) {
      const r = byFile.get(f);
      if (!r || r.series.length === 0) continue;
      const status = failed.has(f) ? 'failed' : 'ok';
      for (const s of r.series) if (s.throughput !== undefined) values.push({ kind: 'line', t: s.t, tp: s.throughput, file: f, status, row, col });
      if (status === 'failed') continue;
      const episodes = stallsByFile.get(f);
      const shaded = episodes ? episodes.map((e) => ({ t0: e.start, t1: e.end })) : stalls(r.series);
      for (const st of shaded) values.push({ kind: 'stall', t0: st.t0, t1: st.t1, file: f, row, col });
      const w = warm.get(f);
      if (w !== undefined && w > 0) warmups.push(w);
    }
    if (warmups.length) {
      warmups.sort((p, q) => p - q);
      values.push({ kind: 'warmup', t0: 0, t1: warmups[Math.floor((warmups.length - 1) / 2)], row, col });
    }
  }
  const cols = L.levels.length;
  const width = Math.max(60, Math.floor((THESIS_WIDTH - 110) / cols) - 12);
  const x = { field: 't', type: 'quantitative', title: null, axis: { tickCount: 3, labelFontSize: 8 } };
  const spec = {
    data: { values },
    facet: {
      row: { field: 'row', type: 'ordinal', title: null, sort: L.strata, header: ROW_HEADER },
      column: { field: 'col', type: 'ordinal', title: null, sort: L.levels.map((l) => levelLabel(L.compare, l)) },
    },
    spacing: { row: 6, column: 10 },
    spec: {
      width,
      height: 38,
      layer: [
        { transform: [{ filter: "datum.kind === 'warmup'" }], mark: { type: 'rect', color: '#999', opacity: 0.25 }, encoding: { x: { field: 't0', type: 'quantitative', title: null }, x2: { field: 't1' } } },
        { transform: [{ filter: "datum.kind === 'stall'" }], mark: { type: 'rect', color: '#d62728', opacity: 0.12 }, encoding: { x: { field: 't0', type: 'quantitative' }, x2: { field: 't1' } } },
        {
          transform: [{ filter: "datum.kind === 'line'" }],
          mark: { type: 'line', strokeWidth: 0.7, opacity: 0.55, interpolate: 'linear' },
          encoding: {
            x,
            y: { field: 'tp', type: 'quantitative', title: null, axis: { tickCount: 3, labelFontSize: 8 } },
            detail: { field: 'file', type: 'nominal' },
            color: { field: 'status', type: 'nominal', title: 'run', scale: { domain: ['ok', 'failed'], range: ['#1f4e79', '#d62728'] } },
          },
        },
      ],
    },
    resolve: { scale: { x: 'independent', y: 'independent' } },
  };
  return {
    name: 'series',
    title: 'Throughput over time per run',
    caption: `Throughput (ops/s) against time (s) from the status lines of every run (one line per repetition), one panel per configuration, each with its own scales. Grey: warm-up (median over the runs of the panel); red: stalls (intervals with no completed operation; overlapping stalls of several runs look darker). Failed runs are drawn in red and not counted as stalls.`,
    spec: top(spec, 'throughput time series'),
  };
}

const LATENCY_STATS: { key: string; label: string; get: (o: Run['operations'][string]) => number | undefined }[] = [
  { key: 'avg', label: 'average', get: (o) => o.avg },
  { key: 'p95', label: 'p95', get: (o) => o.percentiles['95'] ?? o.percentiles['95.0'] },
  { key: 'p99', label: 'p99', get: (o) => o.percentiles['99'] ?? o.percentiles['99.0'] },
];
const SKIP_OPS = /FAILED|CLEANUP/;

export interface LatencyRow {
  group: string;
  operation: string;
  stat: string;
  n: number;
  /** Mean across repetitions, µs. */
  mean: number;
  lo: number;
  hi: number;
}

/** Mean of each operation's avg/p95/p99 latency across the repetitions of each group, with a t CI. */
export function latencyTable(a: AnalysisResult, runs: Run[]): LatencyRow[] {
  const byFile = new Map(runs.map((r) => [r.file, r]));
  const out: LatencyRow[] = [];
  for (const g of a.groups) {
    const per = new Map<string, number[]>();
    for (const gr of g.runs) {
      const r = byFile.get(gr.file);
      if (!r || gr.excluded) continue;
      for (const [op, o] of Object.entries(r.operations)) {
        if (SKIP_OPS.test(op)) continue;
        for (const st of LATENCY_STATS) {
          const v = st.get(o);
          if (v === undefined || !Number.isFinite(v)) continue;
          const k = `${op}\u0000${st.key}`;
          if (!per.has(k)) per.set(k, []);
          per.get(k)!.push(v);
        }
      }
    }
    for (const k of [...per.keys()].sort()) {
      const [operation, stat] = k.split('\u0000');
      const v = per.get(k)!;
      const n = v.length;
      const m = v.reduce((p, q) => p + q, 0) / n;
      let lo = m;
      let hi = m;
      if (n >= 2) {
        const s = Math.sqrt(v.reduce((p, q) => p + (q - m) ** 2, 0) / (n - 1));
        const h = tQuantile(1 - (1 - a.options.confidence) / 2, n - 1) * (s / Math.sqrt(n));
        lo = m - h;
        hi = m + h;
      }
      out.push({ group: g.key, operation, stat, n, mean: m, lo, hi });
    }
  }
  return out;
}

/** 4. Latency per operation (average, p95, p99) per level with CIs across repetitions. */
export function latencySpec(a: AnalysisResult, runs: Run[]): Figure {
  const L = layout(a);
  const byKey = new Map(a.groups.map((g) => [g.key, g]));
  const rows = latencyTable(a, runs);
  const ops = sortLevels(rows.map((r) => r.operation));
  const statLabel = new Map(LATENCY_STATS.map((s) => [s.key, s.label]));
  const values = rows.map((r) => {
    const g = byKey.get(r.group)!;
    return { level: g.level, row: L.stratum.get(g.key) ?? '', stat: `${statLabel.get(r.stat)} (ms)`, operation: r.operation, mean: r.mean / 1000, lo: r.lo / 1000, hi: r.hi / 1000, n: r.n };
  });
  const x = { field: 'level', type: 'ordinal', sort: L.levels, title: factorName(L.compare), axis: { labelAngle: 0 } };
  const xOffset = { field: 'operation', type: 'nominal', sort: ops };
  const color = { field: 'operation', type: 'nominal', title: 'operation', sort: ops, scale: { scheme: 'dark2' } };
  const cols = LATENCY_STATS.length;
  const width = Math.floor((THESIS_WIDTH - 120) / cols) - 30;
  const spec = {
    data: { values },
    facet: {
      row: { field: 'row', type: 'ordinal', title: null, sort: L.strata, header: ROW_HEADER },
      column: { field: 'stat', type: 'ordinal', title: null, sort: LATENCY_STATS.map((s) => `${s.label} (ms)`) },
    },
    spacing: { row: 8, column: 16 },
    spec: {
      width,
      height: 42,
      layer: [
        { mark: { type: 'rule', strokeWidth: 1.2 }, encoding: { x, xOffset, y: { field: 'lo', type: 'quantitative', title: null, scale: { zero: false }, axis: { tickCount: 3, labelFontSize: 8 } }, y2: { field: 'hi' }, color } },
        { mark: { type: 'point', filled: true, size: 22 }, encoding: { x, xOffset, y: { field: 'mean', type: 'quantitative' }, color } },
      ],
    },
    resolve: { scale: { y: 'independent' } },
  };
  const conf = Math.round(a.options.confidence * 100);
  return {
    name: 'latency',
    title: 'Latency per operation',
    caption: `Average, 95th and 99th percentile latency per operation (ms): mean over the repetitions of each configuration with a Student-t ${conf}% confidence interval. Each panel has its own scale.`,
    spec: top(spec, 'latency per operation'),
  };
}

/** 5. Pairwise matrix: Hedges' g as colour, adjusted Welch p-value as text, one matrix per stratum. */
export function pairsSpec(a: AnalysisResult): Figure {
  const L = layout(a);
  const values: Record<string, unknown>[] = [];
  let gmax = 0.5;
  for (const s of a.strata) {
    const facet = factorsLabel(Object.fromEntries(Object.entries(s.factors).filter(([k]) => k !== L.compare)));
    for (const p of s.pairs) {
      const g = p.hedgesG.center;
      if (Number.isFinite(g)) gmax = Math.max(gmax, Math.abs(g));
      const pa = p.welch.pAdjusted;
      values.push({ a: p.a, b: p.b, g: Number.isFinite(g) ? g : null, label: pa < 0.001 ? '<.001' : Number.isFinite(pa) ? pa.toFixed(3).replace(/^0/, '') : 'NA', facet });
    }
  }
  gmax = Math.min(4, Math.ceil(gmax));
  const facets = sortLevels(values.map((v) => v.facet as string));
  const n = L.levels.length;
  const cell = 26;
  const inner = {
    width: cell * Math.max(1, n - 1),
    height: cell * Math.max(1, n - 1),
    layer: [
      {
        mark: { type: 'rect', stroke: 'white' },
        encoding: {
          x: { field: 'a', type: 'ordinal', sort: L.levels, title: `from ${factorName(L.compare)}`, axis: { labelAngle: 0 } },
          y: { field: 'b', type: 'ordinal', sort: L.levels, title: `to ${factorName(L.compare)}` },
          color: { field: 'g', type: 'quantitative', title: "Hedges' g", scale: { scheme: 'redblue', domain: [-gmax, gmax], clamp: true }, legend: { orient: 'right', direction: 'vertical', gradientLength: 80 } },
        },
      },
      {
        mark: { type: 'text', fontSize: 8 },
        encoding: {
          x: { field: 'a', type: 'ordinal', sort: L.levels },
          y: { field: 'b', type: 'ordinal', sort: L.levels },
          text: { field: 'label', type: 'nominal' },
          color: { condition: { test: `abs(datum.g) > ${gmax * 0.6}`, value: 'white' }, value: 'black' },
        },
      },
    ],
  };
  const facetsUsed = facets.filter(Boolean);
  const columns = Math.max(1, Math.min(facetsUsed.length, Math.floor((THESIS_WIDTH - 80) / (inner.width + 60))));
  const spec =
    facetsUsed.length > 1
      ? { data: { values }, facet: { field: 'facet', type: 'ordinal', title: null, sort: facets, header: { labelExpr: "split(datum.value, ' · ')", labelLimit: inner.width + 60 } }, columns, spec: inner }
      : { data: { values }, ...inner };
  return {
    name: 'pairs',
    title: 'Pairwise comparisons',
    caption: `Pairwise comparisons of ${factorName(L.compare)} levels: colour is Hedges' g of the second level against the first (blue: higher, red: lower ${metricLabel(a.metric)}; colours saturate at |g| = ${gmax}); the number is the Welch t-test p-value adjusted by ${a.options.adjust}.`,
    spec: top(spec, 'pairwise matrix'),
  };
}

/** R's ppoints: (i − a)/(n + 1 − 2a), a = 3/8 for n ≤ 10, else 1/2. */
export function ppoints(n: number): number[] {
  const a = n <= 10 ? 3 / 8 : 1 / 2;
  return Array.from({ length: n }, (_, i) => (i + 1 - a) / (n + 1 - 2 * a));
}

/** 6. Normal Q–Q plot per group of the standardised values. */
export function qqSpec(a: AnalysisResult): Figure {
  const L = layout(a);
  const values: Record<string, unknown>[] = [];
  for (const g of a.groups) {
    const v = g.runs.filter((r) => !r.excluded).map((r) => r.value).sort((p, q) => p - q);
    if (v.length < 3) continue;
    const m = v.reduce((p, q) => p + q, 0) / v.length;
    const s = Math.sqrt(v.reduce((p, q) => p + (q - m) ** 2, 0) / (v.length - 1));
    if (!(s > 0)) continue;
    const pp = ppoints(v.length);
    v.forEach((x, i) => values.push({ th: normalQuantile(pp[i]), z: (x - m) / s, row: L.stratum.get(g.key) ?? '', col: levelLabel(L.compare, g.level) }));
  }
  const cols = L.levels.length;
  const size = L.strata.length > 6 ? 46 : Math.max(50, Math.min(90, Math.floor((THESIS_WIDTH - 110) / cols) - 14));
  const spec = {
    data: { values },
    facet: {
      row: { field: 'row', type: 'ordinal', title: null, sort: L.strata, header: ROW_HEADER },
      column: { field: 'col', type: 'ordinal', title: null, sort: L.levels.map((l) => levelLabel(L.compare, l)) },
    },
    spacing: { row: 6, column: 8 },
    spec: {
      width: size,
      height: size,
      layer: [
        { mark: { type: 'rule', color: '#999', strokeDash: [3, 2] }, encoding: { x: { datum: -3, type: 'quantitative' }, y: { datum: -3, type: 'quantitative' }, x2: { datum: 3 }, y2: { datum: 3 } } },
        {
          mark: { type: 'point', filled: true, size: 12, color: '#1f4e79', clip: true },
          encoding: {
            x: { field: 'th', type: 'quantitative', title: 'normal quantile', scale: { domain: [-3, 3] }, axis: { values: [-2, 0, 2], labelFontSize: 8 } },
            y: { field: 'z', type: 'quantitative', title: null, scale: { domain: [-3.5, 3.5] }, axis: { values: [-2, 0, 2], labelFontSize: 8 } },
          },
        },
      ],
    },
  };
  return {
    name: 'qq',
    title: 'Normal Q–Q plots',
    caption: 'Normal Q–Q plot of each configuration: standardised values (vertical) ((x − mean)/sd) against normal quantiles at R\'s ppoints; points on the dashed line look normal. Groups with fewer than 3 values or no variation are left out.',
    spec: top(spec, 'normal QQ plots'),
  };
}

const STATUS_COLOURS: Record<CellStatus, string> = { ok: '#4daf4a', outlier: '#ff9f1c', failed: '#d62728', missing: '#d9d9d9' };

/**
 * The completeness grid from the analysis' groups, for when the gap analysis gives none: reps from
 * the runs' factors, and every rep number seen anywhere but absent from a configuration is missing.
 */
export function completenessFromAnalysis(a: AnalysisResult, runs: Run[] = []): Completeness {
  const method = a.options.excludeOutliers;
  const repOf = new Map(runs.map((r) => [r.file, r.factors.rep]));
  const configs = a.groups.map((g) => {
    const reps: Completeness['configurations'][number]['reps'] = [];
    for (const r of g.runs) {
      const flagged = method ? (method === 'iqr' ? r.outlier.iqr !== 'none' : r.outlier[method]) : r.outlier.iqr === 'severe';
      reps.push({ rep: r.rep ?? repOf.get(r.file) ?? r.file, status: flagged || r.excluded ? 'outlier' : 'ok', file: r.file });
    }
    for (const f of g.failed) reps.push({ rep: repOf.get(f.file) ?? f.file, status: 'failed', file: f.file });
    return { factors: g.factors, reps };
  });
  const all = sortLevels(configs.flatMap((c) => c.reps.map((r) => r.rep)));
  for (const c of configs) {
    const have = new Set(c.reps.map((r) => r.rep));
    for (const rep of all) if (!have.has(rep)) c.reps.push({ rep, status: 'missing' });
  }
  return { configurations: configs };
}

/** 7. Campaign completeness: configurations × repetitions, each cell ok / failed / missing / outlier. */
export function completenessSpec(c: Completeness): Figure {
  const values: Record<string, unknown>[] = [];
  const labels: { label: string; factors: Factors }[] = [];
  // Label rows by what tells them apart: leave out factors with one level overall, and factors
  // with one level per database (nodes 15 for Cassandra, 14 for Citus), which only lengthen the label.
  const names = [...new Set(c.configurations.flatMap((conf) => Object.keys(conf.factors)))];
  const omit = names.filter((n) => {
    if (n === 'db') return false;
    const perDb = new Map<string, Set<string>>();
    for (const conf of c.configurations) {
      const db = conf.factors.db ?? '';
      if (!perDb.has(db)) perDb.set(db, new Set());
      perDb.get(db)!.add(conf.factors[n] ?? '');
    }
    return [...perDb.values()].every((levels) => levels.size === 1);
  });
  for (const conf of c.configurations) {
    const label = factorsLabel(conf.factors, omit);
    labels.push({ label, factors: conf.factors });
    for (const r of conf.reps) values.push({ config: label, rep: r.rep, status: r.status, file: r.file ?? '' });
  }
  labels.sort((x, y) => {
    const keys = sortLevels([...Object.keys(x.factors), ...Object.keys(y.factors)]).sort((p, q) => (p === 'db' ? -1 : q === 'db' ? 1 : p < q ? -1 : 1));
    for (const k of keys) {
      const cmp = compareLevels(x.factors[k] ?? '', y.factors[k] ?? '');
      if (cmp !== 0) return cmp;
    }
    return 0;
  });
  const reps = sortLevels(values.map((v) => v.rep as string));
  const order: CellStatus[] = ['ok', 'outlier', 'failed', 'missing'];
  const rowH = labels.length > 40 ? 9 : 12;
  const cellW = Math.max(6, Math.min(18, Math.floor((THESIS_WIDTH - 200) / Math.max(1, reps.length))));
  const spec = {
    data: { values },
    width: cellW * reps.length,
    height: rowH * labels.length,
    mark: { type: 'rect', stroke: 'white', strokeWidth: 0.5 },
    encoding: {
      x: { field: 'rep', type: 'ordinal', sort: reps, title: 'repetition', axis: { labelAngle: 0, labelFontSize: 9, values: reps.length > 12 ? reps.filter((_, i) => i === 0 || (i + 1) % 5 === 0) : reps } },
      y: { field: 'config', type: 'ordinal', sort: labels.map((l) => l.label), title: null, axis: { labelFontSize: labels.length > 40 ? 7 : 9, labelLimit: 190 } },
      color: { field: 'status', type: 'nominal', title: 'repetition', scale: { domain: order, range: order.map((s) => STATUS_COLOURS[s]) } },
    },
  };
  const count = (s: CellStatus) => values.filter((v) => v.status === s).length;
  return {
    name: 'completeness',
    title: 'Campaign completeness',
    caption: `Every configuration × repetition: ${count('ok')} ok, ${count('outlier')} ${count('outlier') === 1 ? 'outlier' : 'outliers'}, ${count('failed')} failed, ${count('missing')} missing.`,
    spec: top(spec, 'campaign completeness'),
  };
}

/** Every chart of the report, in reading order (charts without data are left out). */
export function allFigures(a: AnalysisResult, runs: Run[], completeness?: Completeness): Figure[] {
  const out: Figure[] = [meansSpec(a), boxSpec(a)];
  const byFile = new Map(runs.map((r) => [r.file, r]));
  const hasSeries = a.groups.some((g) => g.runs.some((r) => (byFile.get(r.file)?.series.length ?? 0) > 1));
  if (hasSeries) out.push(seriesSpec(a, runs));
  if (latencyTable(a, runs).length > 0) out.push(latencySpec(a, runs));
  if (a.strata.some((s) => s.pairs.length > 0)) out.push(pairsSpec(a));
  if (a.groups.some((g) => g.runs.length >= 3)) out.push(qqSpec(a));
  out.push(completenessSpec(completeness ?? completenessFromAnalysis(a, runs)));
  return out;
}
