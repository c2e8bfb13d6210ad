/**
 * 6. Normal Q–Q plot per configuration of the standardised values: rows are the strata (labels
 * on the right, clear of the tick labels), columns the compared levels; one axis title each,
 * once. Its panels are simple (a line and points), so up to QQ_PANELS fit in one figure.
 */
import type { AnalysisResult } from '../../analysis/types.js';
import { normalQuantile } from '../../stats/distributions.js';
import { chunkStrata, COLUMN_HEADER, labelWidth, layout, levelLabels, partName, rowHeader, THESIS_WIDTH, Y_TITLE_WIDTH, top, axisWidth, type Figure } from './common.js';
import { levelLabel } from '../labels.js';

/** Most Q–Q panels in one figure. */
const QQ_PANELS = 36;

/** R's ppoints: (i − a)/(n + 1 − 2a), a = 3/8 for n ≤ 10, else 1/2. */
export function ppoints(n: number): number[] {
  const a = n <= 10 ? 3 / 8 : 1 / 2;
  return Array.from({ length: n }, (_, i) => (i + 1 - a) / (n + 1 - 2 * a));
}

export function qqFigures(a: AnalysisResult): Figure[] {
  const L = layout(a);
  const levels = levelLabels(L);
  const cols = levels.length;
  const out: Figure[] = [];
  for (const chunk of chunkStrata(L, Math.floor(QQ_PANELS / Math.max(1, cols)))) {
    const inChunk = new Set(chunk.strata);
    const values: Record<string, unknown>[] = [];
    for (const g of a.groups) {
      const stratum = L.stratum.get(g.key) ?? '';
      if (!inChunk.has(stratum)) continue;
      const v = g.runs
        .filter((r) => !r.excluded)
        .map((r) => r.value)
        .sort((p, q) => p - q);
      if (v.length < 3) continue;
      const m = v.reduce((p, q) => p + q, 0) / v.length;
      const s = Math.sqrt(v.reduce((p, q) => p + (q - m) ** 2, 0) / (v.length - 1));
      if (!(s > 0)) continue;
      const pp = ppoints(v.length);
      v.forEach((x, i) => values.push({ th: normalQuantile(pp[i]), z: (x - m) / s, row: chunk.rowLabel(stratum), col: levelLabel(L.compare, g.level) }));
    }
    const rows = chunk.strata.map(chunk.rowLabel);
    const rowW = labelWidth(rows) + 6;
    const spacing = 6;
    const fit = Math.floor((THESIS_WIDTH - 12 - Y_TITLE_WIDTH - axisWidth(2) - rowW - (cols - 1) * spacing) / Math.max(1, cols));
    const size = Math.max(44, Math.min(rows.length > 6 ? 56 : 90, fit));
    const x = { field: 'th', type: 'quantitative', title: null, scale: { domain: [-3, 3] }, axis: { values: [-2, 0, 2], grid: false } };
    const y = { field: 'z', type: 'quantitative', title: null, scale: { domain: [-3.5, 3.5] }, axis: { values: [-2, 0, 2], grid: false } };
    const spec = {
      data: { values },
      facet: {
        row: { field: 'row', type: 'ordinal', title: 'standardised value, (x − mean) / sd', sort: rows, header: rowHeader(rowW) },
        column: { field: 'col', type: 'ordinal', title: 'normal quantile', sort: levels, header: COLUMN_HEADER },
      },
      spacing: { row: spacing, column: spacing },
      spec: {
        width: size,
        height: size,
        layer: [
          { mark: { type: 'rule', color: '#888', strokeDash: [3, 2] }, encoding: { x: { datum: -3, type: 'quantitative', title: null }, y: { datum: -3, type: 'quantitative', title: null }, x2: { datum: 3 }, y2: { datum: 3 } } },
          { mark: { type: 'point', filled: true, size: 14, color: '#0072B2', clip: true }, encoding: { x, y } },
        ],
      },
    };
    out.push({
      name: partName('qq', chunk),
      title: `Normal Q–Q plots${chunk.label ? `: ${chunk.label}` : ''}`,
      caption:
        "Point: one repetition, its standardised value (x − mean)/sd against the normal quantile of its rank (R's ppoints); dashed line: where the points of normally distributed values lie. " +
        'Configurations with fewer than 3 values or without variation are left out.',
      spec: top(spec, 'normal QQ plots'),
    });
  }
  return out;
}
