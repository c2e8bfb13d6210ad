/**
 * 5. Pairwise matrix per stratum: Hedges' g as colour (a colour-blind-safe blue–orange scale),
 * the adjusted Welch p-value as text. A grid (rows: database, columns: the other factors) when it
 * fits, else wrapped panels.
 */
import type { AnalysisResult } from '../../analysis/types.js';
import { factorName, factorsLabel, levelLabel, metricLabel } from '../labels.js';
import { colourScale, COLUMN_HEADER, labelWidth, layout, rowHeader, THESIS_WIDTH, top, type Figure } from './common.js';

export function pairsSpec(a: AnalysisResult): Figure {
  const L = layout(a);
  const values: Record<string, unknown>[] = [];
  let gmax = 0.5;
  const byKey = new Map(a.groups.map((g) => [g.key, g]));
  for (const s of a.strata) {
    const g0 = s.groups.map((k) => byKey.get(k)).find((g) => g !== undefined);
    const facet = g0 ? (L.stratum.get(g0.key) ?? '') : factorsLabel(Object.fromEntries(Object.entries(s.factors).filter(([k]) => k !== L.compare)));
    const rowOf = g0 && L.colour ? levelLabel(L.colour, g0.factors[L.colour]) : '';
    const colOf = g0 ? (L.facet.get(g0.key) ?? '') : '';
    for (const p of s.pairs) {
      const g = p.hedgesG.center;
      if (Number.isFinite(g)) gmax = Math.max(gmax, Math.abs(g));
      const pa = p.welch.pAdjusted;
      values.push({ a: p.a, b: p.b, g: Number.isFinite(g) ? g : null, label: pa < 0.001 ? '<.001' : Number.isFinite(pa) ? pa.toFixed(3).replace(/^0/, '') : 'NA', facet, row: rowOf, col: colOf });
    }
  }
  gmax = Math.min(4, Math.ceil(gmax));
  const present = new Set(values.map((v) => v.facet as string));
  const facets = L.strata.filter((f) => f && present.has(f));
  const n = L.levels.length;
  const cell = 38;
  const from = `from ${factorName(L.compare)}`;
  const to = `to ${factorName(L.compare)}`;
  const cs = colourScale(L);
  const cols = L.facets.filter(Boolean);
  const gridMode = !!L.colour && cols.length >= 1 && facets.length > 1;
  const levelsFrom = L.levels.slice(0, -1);
  const levelsTo = L.levels.slice(1);
  const inner = {
    width: cell * Math.max(1, n - 1),
    height: cell * Math.max(1, n - 1),
    layer: [
      {
        mark: { type: 'rect', stroke: 'white' },
        encoding: {
          x: { field: 'a', type: 'ordinal', sort: levelsFrom, title: gridMode ? null : from, axis: { labelAngle: 0 } },
          y: { field: 'b', type: 'ordinal', sort: levelsTo, title: gridMode ? null : to },
          color: { field: 'g', type: 'quantitative', title: "Hedges' g", scale: { scheme: 'blueorange', domain: [-gmax, gmax], clamp: true }, legend: { orient: 'bottom', direction: 'horizontal', gradientLength: 160, titleOrient: 'left', titleAnchor: 'middle' } },
        },
      },
      {
        mark: { type: 'text' },
        encoding: {
          x: { field: 'a', type: 'ordinal', sort: levelsFrom, title: gridMode ? null : from },
          y: { field: 'b', type: 'ordinal', sort: levelsTo, title: gridMode ? null : to },
          text: { field: 'label', type: 'nominal' },
          color: { condition: { test: `abs(datum.g) > ${gmax * 0.7}`, value: 'white' }, value: 'black' },
        },
      },
    ],
  };
  let spec: Record<string, unknown>;
  if (gridMode) {
    const rowW = labelWidth(cs.domain) + 6;
    spec = {
      data: { values },
      facet: {
        row: { field: 'row', type: 'ordinal', title: to, sort: cs.domain, header: rowHeader(rowW) },
        column: { field: 'col', type: 'ordinal', title: from, sort: L.facets, header: { ...COLUMN_HEADER, labelLimit: inner.width + 30 } },
      },
      spacing: { row: 8, column: 10 },
      spec: inner,
    };
  } else if (facets.length > 1) {
    const columns = Math.max(1, Math.min(facets.length, Math.floor((THESIS_WIDTH - 40) / (inner.width + 70))));
    spec = { data: { values }, facet: { field: 'facet', type: 'ordinal', title: null, sort: facets, header: { labelExpr: "split(datum.value, ' · ')", labelLimit: inner.width + 60 } }, columns, spec: inner };
  } else {
    spec = { data: { values }, ...inner };
  }
  return {
    name: 'pairs',
    title: 'Pairwise comparisons',
    caption:
      `Cell: one pair of ${factorName(L.compare)} levels. Colour: Hedges' g of the second level (row) against the first (column); orange: the second has the higher ${metricLabel(a.metric)}, blue: the lower; colours saturate at |g| = ${gmax}. ` +
      `Number: the Welch t-test p-value, adjusted by ${a.options.adjust}.`,
    spec: top(spec, 'pairwise matrix'),
  };
}
