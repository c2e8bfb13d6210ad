/**
 * 4. Latency per operation: the mean over the repetitions of each run's average, 95th and 99th
 * percentile latency, with a t interval, in µs as in the tables and the CSV. Rows: strata (at
 * most MAX_PANELS panels a figure, split by database), columns: the statistic.
 */
import type { AnalysisResult } from '../../analysis/types.js';
import type { Run } from '../../model/index.js';
import { tQuantile } from '../../stats/distributions.js';
import { factorName, sortLevels } from '../labels.js';
import {
  axisWidth,
  CATEGORY_COLOURS,
  CATEGORY_SHAPES,
  chunkStrata,
  COLUMN_HEADER,
  labelWidth,
  layout,
  MAX_PANELS,
  partName,
  rowHeader,
  THESIS_WIDTH,
  Y_TITLE_WIDTH,
  top,
  type Figure,
} from './common.js';

/** The unit of every latency the report shows (figures, tables, CSV): the unit YCSB-analyze keeps them in. */
export const LATENCY_UNIT = 'µs';

const LATENCY_STATS: { key: string; label: string; get: (o: Run['operations'][string]) => number | undefined }[] = [
  { key: 'avg', label: 'average', get: (o) => o.avg },
  { key: 'p95', label: '95th percentile', get: (o) => o.percentiles['95'] ?? o.percentiles['95.0'] },
  { key: 'p99', label: '99th percentile', get: (o) => o.percentiles['99'] ?? o.percentiles['99.0'] },
];
/** Tick labels with k (thousand) and M (million): 1.5k, 10M, 0. */
const SI_LABEL = "abs(datum.value) >= 1e6 ? format(datum.value / 1e6, '~g') + 'M' : abs(datum.value) >= 1e3 ? format(datum.value / 1e3, '~g') + 'k' : format(datum.value, '~g')";
const SKIP_OPS = /FAILED|CLEANUP/;
/** Operations in this order get the same colour and shape in every report. */
const KNOWN_OPS = ['READ', 'UPDATE', 'INSERT', 'SCAN', 'READ-MODIFY-WRITE'];

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

/** Operations in a stable order (the known ones first) with their colours and shapes. */
function operationScale(ops: string[]): { domain: string[]; colours: string[]; shapes: string[] } {
  const known = KNOWN_OPS.filter((o) => ops.includes(o));
  const domain = [...known, ...sortLevels(ops.filter((o) => !KNOWN_OPS.includes(o)))];
  const index = (o: string) => (KNOWN_OPS.includes(o) ? KNOWN_OPS.indexOf(o) : KNOWN_OPS.length + domain.indexOf(o));
  return {
    domain,
    colours: domain.map((o) => CATEGORY_COLOURS[index(o) % CATEGORY_COLOURS.length]),
    shapes: domain.map((o) => CATEGORY_SHAPES[index(o) % CATEGORY_SHAPES.length]),
  };
}

export function latencyFigures(a: AnalysisResult, runs: Run[]): Figure[] {
  const L = layout(a);
  const byKey = new Map(a.groups.map((g) => [g.key, g]));
  const rows = latencyTable(a, runs);
  const ops = operationScale([...new Set(rows.map((r) => r.operation))]);
  const statLabel = new Map(LATENCY_STATS.map((s) => [s.key, s.label]));
  const stats = LATENCY_STATS.map((s) => s.label);
  const yt = `latency (${LATENCY_UNIT})`;
  const conf = Math.round(a.options.confidence * 100);
  const out: Figure[] = [];
  for (const chunk of chunkStrata(L, Math.floor(MAX_PANELS / stats.length))) {
    const inChunk = new Set(chunk.strata);
    const values = rows
      .filter((r) => inChunk.has(L.stratum.get(r.group) ?? ''))
      .map((r) => {
        const g = byKey.get(r.group)!;
        return { level: g.level, row: chunk.rowLabel(L.stratum.get(g.key) ?? ''), stat: statLabel.get(r.stat), operation: r.operation, mean: r.mean, lo: Math.max(0, r.lo), hi: r.hi, n: r.n };
      });
    const rowLabels = chunk.strata.map(chunk.rowLabel);
    const x = { field: 'level', type: 'ordinal', sort: L.levels, title: null, axis: { labelAngle: 0 } };
    const xOffset = { field: 'operation', type: 'nominal', sort: ops.domain, scale: { paddingOuter: 0.3 } };
    const color = { field: 'operation', type: 'nominal', title: 'operation', scale: { domain: ops.domain, range: ops.colours }, legend: { symbolOpacity: 1 } };
    const shape = { field: 'operation', type: 'nominal', title: 'operation', scale: { domain: ops.domain, range: ops.shapes }, legend: { symbolOpacity: 1 } };
    const y = (field: string) => ({ field, type: 'quantitative', title: null, scale: { zero: false }, axis: { tickCount: 3, labelExpr: SI_LABEL } });
    const rowW = labelWidth(rowLabels) + 6;
    const axisW = axisWidth(3);
    const spacing = 8;
    const cols = stats.length;
    const width = Math.floor((THESIS_WIDTH - 12 - Y_TITLE_WIDTH - rowW - cols * axisW - (cols - 1) * spacing) / cols);
    const spec = {
      data: { values },
      facet: {
        row: { field: 'row', type: 'ordinal', title: yt, sort: rowLabels, header: rowHeader(rowW) },
        column: { field: 'stat', type: 'ordinal', title: factorName(L.compare), sort: stats, header: COLUMN_HEADER },
      },
      spacing: { row: 10, column: spacing },
      spec: {
        width,
        height: 70,
        layer: [
          { mark: { type: 'rule', strokeWidth: 1.3 }, encoding: { x, xOffset, y: y('lo'), y2: { field: 'hi' }, color } },
          { mark: { type: 'point', filled: true, size: 34, opacity: 1 }, encoding: { x, xOffset, y: y('mean'), color, shape } },
        ],
      },
      resolve: { scale: { y: 'independent' } },
    };
    out.push({
      name: partName('latency', chunk),
      title: `Latency per operation${chunk.label ? `: ${chunk.label}` : ''}`,
      caption:
        `Point: the mean over the repetitions of a configuration of each run's average, 95th or 99th percentile latency of an operation, in ${LATENCY_UNIT} (as in the tables; on the axes k = thousand, M = million); ` +
        `bar: its Student-t ${conf}% confidence interval (cut at 0). Colour and shape: the operation. Each panel has its own y scale.`,
      spec: top(spec, 'latency per operation'),
    });
  }
  return out;
}
