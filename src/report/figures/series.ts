/**
 * 3. Throughput over time, one line per run, one panel per configuration: small multiples of at
 * most MAX_PANELS panels a figure (rows: the strata of one database, columns: the compared
 * levels), or one figure per configuration on request. Shading: the warm-up, the time without
 * operations at the start or the end of a run (client start-up, shut-down) and stalls mid-run,
 * none of them in the colour of failure, which only failed runs' lines use.
 */
import type { AnalysisResult } from '../../analysis/types.js';
import type { Run } from '../../model/index.js';
import { levelLabel, slug } from '../labels.js';
import {
  axisWidth,
  chunkStrata,
  COLUMN_HEADER,
  FAILED_COLOUR,
  labelWidth,
  layout,
  levelLabels,
  MAX_PANELS,
  OKABE_ITO,
  partName,
  rowHeader,
  THESIS_WIDTH,
  Y_TITLE_WIDTH,
  tickChars,
  top,
  type Figure,
  type FigureOptions,
} from './common.js';

/** What a line or a shaded interval is: the legend's entries, in its order, with their colours. */
export const SERIES_KEYS = {
  run: { label: 'run', colour: OKABE_ITO.blue },
  failed: { label: 'failed run', colour: FAILED_COLOUR },
  warmup: { label: 'warm-up', colour: '#d4d4d4' },
  idle: { label: 'no operations (start/end)', colour: '#bfe1f5' },
  stall: { label: 'stall (mid-run)', colour: '#f2cf7a' },
} as const;
type SeriesKey = keyof typeof SERIES_KEYS;

const X_TITLE = 'time since the start of the run (s)';
const Y_TITLE = 'throughput (ops/s)';

/** Stall intervals of a series: consecutive samples with zero throughput (used when the analysis
 * has no stall episodes for the run). Leading and trailing ones are idle time, not stalls. */
function stalls(series: Run['series']): { t0: number; t1: number; key: SeriesKey }[] {
  const out: { t0: number; t1: number; key: SeriesKey }[] = [];
  let seenOps = false;
  for (let i = 0; i < series.length; i++) {
    const s = series[i];
    if (s.throughput === 0 && i > 0) {
      const t0 = series[i - 1].t;
      const last = out[out.length - 1];
      if (last && last.t1 === t0) last.t1 = s.t;
      else out.push({ t0, t1: s.t, key: seenOps ? 'stall' : 'idle' });
    }
    if ((s.throughput ?? 0) > 0) seenOps = true;
  }
  const last = out[out.length - 1];
  if (last && series.length > 0 && last.t1 === series[series.length - 1].t) last.key = 'idle';
  return out;
}

interface Panel {
  row: string;
  col: string;
  /** Group key. */
  key: string;
}

/** The rows of every run of the groups, their stalls and the panel's warm-up, as chart data. */
function seriesValues(a: AnalysisResult, runs: Run[], panels: Panel[]): Record<string, unknown>[] {
  const byFile = new Map(runs.map((r) => [r.file, r]));
  const byKey = new Map(a.groups.map((g) => [g.key, g]));
  const warm = new Map(a.series.map((s) => [s.file, s.warmupSeconds]));
  const episodesByFile = new Map(a.series.filter((s) => s.stallEpisodes).map((s) => [s.file, s.stallEpisodes]));
  const values: Record<string, unknown>[] = [];
  for (const p of panels) {
    const g = byKey.get(p.key);
    if (!g) continue;
    const { row, col } = p;
    const failed = new Set(g.failed.map((f) => f.file));
    const files = [...g.runs.map((r) => r.file), ...failed];
    const warmups: number[] = [];
    for (const f of files) {
      const r = byFile.get(f);
      if (!r || r.series.length === 0) continue;
      const key: SeriesKey = failed.has(f) ? 'failed' : 'run';
      for (const s of r.series) if (s.throughput !== undefined) values.push({ kind: 'line', t: s.t, tp: s.throughput, file: f, key: SERIES_KEYS[key].label, row, col });
      if (key === 'failed') continue;
      const episodes = episodesByFile.get(f);
      const shaded = episodes
        ? episodes.map((e) => ({ t0: e.start, t1: e.end, key: (e.position === 'leading' || e.position === 'trailing' ? 'idle' : 'stall') as SeriesKey }))
        : stalls(r.series);
      for (const st of shaded) values.push({ kind: 'shade', t0: st.t0, t1: st.t1, key: SERIES_KEYS[st.key].label, file: f, row, col });
      const w = warm.get(f);
      if (w !== undefined && w > 0) warmups.push(w);
    }
    if (warmups.length) {
      warmups.sort((x, y) => x - y);
      values.push({ kind: 'shade', t0: 0, t1: warmups[Math.floor((warmups.length - 1) / 2)], key: SERIES_KEYS.warmup.label, row, col });
    }
  }
  // Warm-up first, then idle, then stalls: the later ones are drawn on top.
  const order = [SERIES_KEYS.warmup.label, SERIES_KEYS.idle.label, SERIES_KEYS.stall.label] as string[];
  const shades = values.filter((v) => v.kind === 'shade').sort((x, y) => order.indexOf(x.key as string) - order.indexOf(y.key as string));
  return [...shades, ...values.filter((v) => v.kind === 'line')];
}

/** The layers of one panel: shaded intervals under the lines, one colour scale (one legend). */
function panelLayers(values: Record<string, unknown>[], independentY: boolean): { layer: unknown[] } {
  const present = new Set(values.map((v) => v.key as string));
  const entries = Object.values(SERIES_KEYS).filter((k) => present.has(k.label));
  const color = { field: 'key', type: 'nominal', title: null, scale: { domain: entries.map((e) => e.label), range: entries.map((e) => e.colour) }, legend: { symbolType: 'square', symbolOpacity: 1 } };
  const x = { field: 't', type: 'quantitative', title: null, axis: { tickCount: 3, grid: false, labelFlush: true, labelBound: 1 } };
  return {
    layer: [
      { transform: [{ filter: "datum.kind === 'shade'" }], mark: { type: 'rect' }, encoding: { x: { field: 't0', type: 'quantitative', title: null }, x2: { field: 't1' }, color } },
      {
        transform: [{ filter: "datum.kind === 'line'" }],
        mark: { type: 'line', opacity: 0.6, interpolate: 'linear' },
        encoding: {
          x,
          y: { field: 'tp', type: 'quantitative', title: null, axis: { tickCount: independentY ? 3 : 4 } },
          detail: { field: 'file', type: 'nominal' },
          color,
          strokeWidth: { condition: { test: `datum.key === '${SERIES_KEYS.failed.label}'`, value: 1.8 }, value: 0.8 },
        },
      },
    ],
  };
}

function caption(perConfiguration: boolean, independentY: boolean): string {
  return (
    `Line: the throughput of one repetition over time, from its status lines (one point per reporting interval); failed repetitions are drawn in the colour of failure. ` +
    `Shaded: the warm-up (grey, the median over the repetitions of the panel), time without any completed operation at the start or the end of a run (client start-up or shut-down; light blue) and stalls mid-run (amber); overlapping intervals of several repetitions are drawn once. ` +
    (perConfiguration ? '' : `Each panel has its own time axis${independentY ? ' and its own throughput scale' : '; the throughput scale is shared by the panels of the figure'}.`)
  ).trim();
}

export function seriesFigures(a: AnalysisResult, runs: Run[], opts: FigureOptions = {}): Figure[] {
  const L = layout(a);
  const independentY = !!opts.independentScales;
  const levels = levelLabels(L);
  const byFile = new Map(runs.map((r) => [r.file, r]));
  const maxTp = Math.max(1, ...runs.flatMap((r) => r.series.map((s) => s.throughput ?? 0)));
  const axisW = axisWidth(tickChars(maxTp));
  const out: Figure[] = [];
  if (opts.seriesPerConfiguration) {
    // In reading order: stratum by stratum, level by level.
    const strataOrder = new Map(L.strata.map((s, i) => [s, i]));
    const levelOrder = new Map(L.levels.map((l, i) => [l, i]));
    const ordered = [...a.groups].sort((p, q) => (strataOrder.get(L.stratum.get(p.key) ?? '') ?? 0) - (strataOrder.get(L.stratum.get(q.key) ?? '') ?? 0) || (levelOrder.get(p.level) ?? 0) - (levelOrder.get(q.level) ?? 0));
    for (const g of ordered) {
      if (!g.runs.some((r) => (byFile.get(r.file)?.series.length ?? 0) > 1)) continue;
      const label = [L.stratum.get(g.key), levelLabel(L.compare, g.level)].filter((s) => s && s !== 'all runs').join(' · ');
      const values = seriesValues(a, runs, [{ row: '', col: '', key: g.key }]);
      const layers = panelLayers(values, independentY);
      (layers.layer[0] as { encoding: { x: { title: string | null } } }).encoding.x.title = X_TITLE;
      const line = layers.layer[1] as { encoding: { x: { title: string | null }; y: { title: string | null } } };
      line.encoding.x.title = X_TITLE;
      line.encoding.y.title = Y_TITLE;
      out.push({
        name: `series-${slug(label)}`,
        title: `Throughput over time: ${label}`,
        caption: caption(true, independentY),
        spec: top({ data: { values }, width: THESIS_WIDTH - 12 - axisW - Y_TITLE_WIDTH, height: 180, ...layers }, 'throughput time series'),
      });
    }
    return out;
  }
  const rowsPerFigure = Math.max(1, Math.floor(MAX_PANELS / Math.max(1, levels.length)));
  for (const chunk of chunkStrata(L, rowsPerFigure)) {
    const inChunk = new Set(chunk.strata);
    const panels = a.groups
      .filter((g) => inChunk.has(L.stratum.get(g.key) ?? ''))
      .map((g) => ({ row: chunk.rowLabel(L.stratum.get(g.key) ?? ''), col: levelLabel(L.compare, g.level), key: g.key }));
    const values = seriesValues(a, runs, panels);
    const rows = chunk.strata.map(chunk.rowLabel);
    const rowW = labelWidth(rows) + 6;
    const spacing = 8;
    const cols = levels.length;
    // The x tick labels at the ends are flush with the panel, others that would stand out past it are left out.
    const width = Math.max(60, Math.floor((THESIS_WIDTH - 12 - Y_TITLE_WIDTH - rowW - (independentY ? cols * axisW : axisW) - (cols - 1) * spacing) / cols));
    const spec = {
      data: { values },
      facet: {
        row: { field: 'row', type: 'ordinal', title: Y_TITLE, sort: rows, header: rowHeader(rowW) },
        column: { field: 'col', type: 'ordinal', title: X_TITLE, sort: levels, header: COLUMN_HEADER },
      },
      spacing: { row: 10, column: spacing },
      spec: { width, height: rows.length > 3 ? 64 : 80, ...panelLayers(values, independentY) },
      resolve: { scale: { x: 'independent', y: independentY ? 'independent' : 'shared' } },
    };
    out.push({
      name: partName('series', chunk),
      title: `Throughput over time per run${chunk.label ? `: ${chunk.label}` : ''}`,
      caption: caption(false, independentY),
      spec: top(spec, 'throughput time series'),
    });
  }
  return out;
}
