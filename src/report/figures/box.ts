/**
 * 2. Box plot per configuration with every run as a point: a grid (rows: the database, columns:
 * the other factors) when it fits, else wrapped panels. One legend explains it all: the box
 * colours, the run markers (how many of the three outlier rules flag a run) and the failed-run
 * marker.
 */
import type { AnalysisResult, GroupResult } from '../../analysis/types.js';
import { factorName, jitter, metricLabel } from '../labels.js';
import {
  axisWidth,
  colourScale,
  colourValue,
  COLUMN_HEADER,
  FAILED_COLOUR,
  labelWidth,
  layout,
  rowHeader,
  THESIS_WIDTH,
  Y_TITLE_WIDTH,
  tickChars,
  top,
  yTitle,
  type Figure,
} from './common.js';

/** Legend entries of the runs: how many of the three outlier rules (IQR fences, MAD, Grubbs) flag a run. */
export const RUN_KEYS = ['run', 'outlier by 1 rule', 'outlier by 2 rules', 'outlier by all 3 rules'] as const;
const RUN_COLOURS = ['#5a5a5a', '#000000', '#000000', '#000000'];
const RUN_SHAPES = ['circle', 'triangle-up', 'triangle-down', 'diamond'];
/** The legend entry of the failed-run marker. */
export const FAILED_KEY = '✕n: n failed runs';
/** A filled ✕ in the unit square, for the legend symbol of the failed-run marker. */
const CROSS = 'M-1,-0.6L-0.6,-1L0,-0.4L0.6,-1L1,-0.6L0.4,0L1,0.6L0.6,1L0,0.4L-0.6,1L-1,0.6L-0.4,0Z';

/** How many of the three rules flag a run: 0–3. */
export function rulesFlagging(o: GroupResult['runs'][number]['outlier']): number {
  return (o.iqr !== 'none' ? 1 : 0) + (o.mad ? 1 : 0) + (o.grubbs ? 1 : 0);
}

export function boxSpec(a: AnalysisResult): Figure {
  const L = layout(a);
  const cs = colourScale(L);
  const values: Record<string, unknown>[] = [];
  const flags = new Set<number>();
  let anyFailed = false;
  let anyExcluded = false;
  for (const g of a.groups) {
    const facet = L.stratum.get(g.key) ?? '';
    const col = L.facet.get(g.key) ?? '';
    const colour = colourValue(L, g.factors);
    for (const r of g.runs) {
      const k = rulesFlagging(r.outlier);
      flags.add(k);
      if (r.excluded) anyExcluded = true;
      values.push({ kind: 'run', level: g.level, value: r.value, jitter: jitter(r.file, 0.5), key: RUN_KEYS[k], file: r.file, excluded: r.excluded ? 'excluded' : 'used', colour, facet, col });
    }
    if (g.failed.length > 0) {
      anyFailed = true;
      values.push({ kind: 'failed', level: g.level, label: `✕${g.failed.length}`, key: FAILED_KEY, colour, facet, col });
    }
  }
  // One colour scale for boxes, runs and the failed marker, so one legend lists them all.
  const keys: string[] = [];
  const colours: string[] = [];
  const shapes: string[] = [];
  if (L.colour) {
    keys.push(...cs.domain);
    colours.push(...cs.range);
    shapes.push(...cs.domain.map(() => 'square'));
  }
  for (let k = 0; k < RUN_KEYS.length; k++) {
    if (!flags.has(k)) continue;
    keys.push(RUN_KEYS[k]);
    colours.push(RUN_COLOURS[k]);
    shapes.push(RUN_SHAPES[k]);
  }
  if (anyFailed) {
    keys.push(FAILED_KEY);
    colours.push(FAILED_COLOUR);
    shapes.push(CROSS);
  }
  const colourEnc = (field: string) => ({ field, type: 'nominal', title: null, scale: { domain: keys, range: colours }, legend: { symbolOpacity: 1 } });
  const facets = L.facets.filter(Boolean);
  const gridMode = !!L.colour && facets.length >= 1 && facets.length <= 5;
  const yt = yTitle(a);
  const xt = factorName(L.compare);
  const x = { field: 'level', type: 'ordinal', sort: L.levels, title: gridMode ? null : xt, axis: { labelAngle: 0 } };
  // Padding: room at the top of each panel for the failed-run marker, clear of the data.
  const y = { field: 'value', type: 'quantitative', title: gridMode ? null : yt, scale: { zero: false, padding: anyFailed ? 14 : 4 } };
  const inner = {
    layer: [
      {
        transform: [{ filter: "datum.kind === 'run'" }, { calculate: 'datum.colour', as: 'key' }],
        mark: { type: 'boxplot', extent: 1.5, outliers: false, size: 20, opacity: 0.4, median: { color: '#000', strokeWidth: 1.5, opacity: 1 }, rule: { color: '#555', opacity: 1 } },
        encoding: { x, y, color: L.colour ? colourEnc('key') : { value: '#999' } },
      },
      {
        transform: [{ filter: "datum.kind === 'run'" }],
        mark: { type: 'point', filled: true, size: 22, strokeWidth: 0 },
        encoding: {
          x,
          xOffset: { field: 'jitter', type: 'quantitative', scale: { domain: [-0.5, 0.5] }, title: null },
          y,
          color: colourEnc('key'),
          shape: { field: 'key', type: 'nominal', title: null, scale: { domain: keys, range: shapes }, legend: { symbolOpacity: 1 } },
          opacity: { field: 'excluded', type: 'ordinal', sort: ['used', 'excluded'], scale: { domain: ['used', 'excluded'], range: [0.85, 0.3] }, legend: null },
        },
      },
      {
        transform: [{ filter: "datum.kind === 'failed'" }],
        mark: { type: 'text', fontWeight: 'bold', baseline: 'top', dy: 2 },
        encoding: { x, y: { value: 0 }, text: { field: 'label', type: 'nominal' }, color: colourEnc('key') },
      },
    ],
    resolve: { scale: { xOffset: 'independent' } },
  };
  const maxValue = Math.max(1, ...values.filter((v) => v.kind === 'run').map((v) => v.value as number));
  const axisW = axisWidth(tickChars(maxValue));
  let spec: Record<string, unknown>;
  if (gridMode) {
    const rowW = labelWidth(cs.domain) + 6;
    const spacing = 8;
    const width = Math.max(50, Math.floor((THESIS_WIDTH - 12 - Y_TITLE_WIDTH - rowW - facets.length * axisW - (facets.length - 1) * spacing) / facets.length));
    spec = {
      data: { values },
      facet: {
        row: { field: 'colour', type: 'ordinal', title: yt, sort: cs.domain, header: rowHeader(rowW) },
        column: { field: 'col', type: 'ordinal', title: xt, sort: L.facets, header: COLUMN_HEADER },
      },
      spacing: { row: 12, column: spacing },
      spec: { width, height: 120, ...inner },
      resolve: { scale: { y: 'independent' } },
    };
  } else if (L.strata.filter(Boolean).length > 1) {
    const columns = Math.min(3, L.strata.length);
    const width = Math.floor((THESIS_WIDTH - 12 - columns * (axisW + Y_TITLE_WIDTH) - (columns - 1) * 10) / columns);
    spec = {
      data: { values },
      facet: { field: 'facet', type: 'ordinal', title: null, sort: L.strata, header: { labelLimit: width + 20, labelExpr: "split(datum.value, ' · ')" } },
      columns,
      spec: { width, height: 130, ...inner },
      resolve: { scale: { y: 'independent' } },
    };
  } else {
    spec = { data: { values }, width: THESIS_WIDTH - 12 - axisW - Y_TITLE_WIDTH, height: 160, ...inner };
  }
  const rules = "three outlier rules: Tukey's 1.5 × IQR fences, the median absolute deviation (MAD) rule and Grubbs' test";
  return {
    name: 'box',
    title: `Distribution of ${metricLabel(a.metric)} per configuration`,
    caption:
      `Box: the middle half of the repetitions (interquartile range, IQR), the line in it the median, the whiskers the furthest repetitions within 1.5 × IQR of the box${L.colour ? `, coloured by ${factorName(L.colour)}` : ''}. ` +
      `Point: one repetition (spread sideways by a hash of its file name, so that points do not hide each other); its shape tells how many of the ${rules} flag it${anyExcluded ? '; faded points were excluded from the statistics' : ''}. ` +
      `${anyFailed ? '✕n at the top of a panel: n failed repetitions of that configuration, which have no value and are not plotted. ' : ''}Each panel has its own y scale.`,
    spec: top(spec, 'box plot with runs'),
  };
}
