/**
 * 1. Mean with its confidence interval per compared level, one panel per stratum (without the
 * colour factor), coloured and shaped by database. One y scale for all panels unless
 * `independentScales`; the y title once, the x title once; n in a note under the chart.
 */
import type { AnalysisResult } from '../../analysis/types.js';
import { factorName, metricLabel } from '../labels.js';
import { axisWidth, colourScale, colourValue, COLUMN_HEADER, facetFactors, layout, prose, THESIS_WIDTH, Y_TITLE_WIDTH, tickChars, top, yTitle, type Figure, type FigureOptions } from './common.js';

/** Most panels side by side; more wrap onto further rows (each row then has its own y title). */
const MAX_COLUMNS = 4;

/** The most common n, and the groups whose n differs from it. */
function nSummary(ns: number[]): { mode: number; others: number[] } {
  const count = new Map<number, number>();
  for (const n of ns) count.set(n, (count.get(n) ?? 0) + 1);
  let mode = ns[0] ?? 0;
  for (const [n, c] of count) if (c > (count.get(mode) ?? 0) || (c === count.get(mode) && n > mode)) mode = n;
  return { mode, others: [...new Set(ns.filter((n) => n !== mode))].sort((p, q) => p - q) };
}

export function meansSpec(a: AnalysisResult, opts: FigureOptions = {}): Figure {
  const L = layout(a);
  const groups = a.groups.filter((g) => g.n > 0);
  const ns = nSummary(groups.map((g) => g.n));
  const values = groups.map((g) => ({
    level: g.level,
    mean: g.mean,
    lo: Number.isFinite(g.meanCi.lo) ? g.meanCi.lo : g.mean,
    hi: Number.isFinite(g.meanCi.hi) ? g.meanCi.hi : g.mean,
    n: g.n,
    nLabel: g.n === ns.mode ? '' : String(g.n),
    colour: colourValue(L, g.factors),
    facet: L.facet.get(g.key) ?? '',
  }));
  const cs = colourScale(L);
  const yt = `mean ${yTitle(a)}`;
  const xt = factorName(L.compare);
  const facets = L.facets.filter(Boolean);
  const grid = facets.length >= 2 && facets.length <= MAX_COLUMNS;
  const wrapped = facets.length > MAX_COLUMNS;
  const independent = !!opts.independentScales && facets.length >= 2;
  // In a one-row grid the x title is the columns' title (once, under the grid); with independent
  // scales the y title is a one-row header title (once, left), each panel keeping its own axis.
  const xTitle = grid ? null : xt;
  const yAxisTitle = grid && independent ? null : yt;
  const x = { field: 'level', type: 'ordinal', sort: L.levels, title: xTitle, axis: { labelAngle: 0 } };
  const colour = { field: 'colour', type: 'nominal', title: L.colour ? factorName(L.colour) : null, scale: { domain: cs.domain, range: cs.range }, legend: L.colour ? { symbolOpacity: 1 } : null };
  const shape = { field: 'colour', type: 'nominal', title: L.colour ? factorName(L.colour) : null, scale: { domain: cs.domain, range: cs.shapes }, legend: L.colour ? { symbolOpacity: 1 } : null };
  const xOffset = { field: 'colour', type: 'nominal', sort: cs.domain, scale: { paddingOuter: 0.2 } };
  const y = (field: string) => ({ field, type: 'quantitative', title: yAxisTitle, scale: { zero: false } });
  const layer = [
    { mark: { type: 'rule', strokeWidth: 1.4 }, encoding: { x, xOffset, y: y('lo'), y2: { field: 'hi' }, color: colour } },
    { mark: { type: 'tick', thickness: 1.4, size: 7 }, encoding: { x, xOffset, y: y('lo'), color: colour } },
    { mark: { type: 'tick', thickness: 1.4, size: 7 }, encoding: { x, xOffset, y: y('hi'), color: colour } },
    { mark: { type: 'point', filled: true, size: 40, opacity: 1 }, encoding: { x, xOffset, y: y('mean'), color: colour, shape } },
    ...(ns.others.length ? [{ mark: { type: 'text', baseline: 'bottom', dy: -3, color: '#333' }, encoding: { x, xOffset, y: y('hi'), text: { field: 'nLabel', type: 'nominal' } } }] : []),
  ];
  const maxValue = Math.max(...values.map((v) => v.hi), 1);
  const axisW = axisWidth(tickChars(maxValue)) + Y_TITLE_WIDTH;
  const note = `n = ${ns.mode} repetitions per point${ns.others.length ? `; ${prose(ns.others.map(String))} where a number is written above the interval` : ''}`;
  const title = { text: note, orient: 'bottom', anchor: 'start', fontSize: 11, fontWeight: 'normal', color: '#333', offset: 8 };
  let spec: Record<string, unknown>;
  const height = 170;
  if (grid) {
    const columns = facets.length;
    const spacing = independent ? 8 : 10;
    const width = Math.floor((THESIS_WIDTH - 12 - (independent ? Y_TITLE_WIDTH + columns * (axisW - Y_TITLE_WIDTH) : axisW) - (columns - 1) * spacing) / columns);
    const facet: Record<string, unknown> = { column: { field: 'facet', type: 'ordinal', sort: facets, title: xt, header: COLUMN_HEADER } };
    if (independent) facet.row = { field: 'all', type: 'nominal', title: yt, header: { labels: false, titleOrient: 'left' } };
    spec = {
      data: { values: independent ? values.map((v) => ({ ...v, all: '' })) : values },
      facet,
      spacing: { column: spacing, row: 0 },
      spec: { width, height, layer },
      ...(independent ? { resolve: { scale: { y: 'independent' } } } : {}),
    };
  } else if (wrapped) {
    const columns = MAX_COLUMNS;
    const width = Math.floor((THESIS_WIDTH - 12 - columns * axisW - (columns - 1) * 8) / columns);
    spec = {
      data: { values },
      facet: { field: 'facet', type: 'ordinal', title: null, sort: facets, header: { labelLimit: width + 20 } },
      columns,
      spec: { width, height, layer },
      ...(independent ? { resolve: { scale: { y: 'independent' } } } : {}),
    };
  } else {
    spec = { data: { values }, width: THESIS_WIDTH - 12 - axisW, height, layer };
  }
  const conf = Math.round(a.options.confidence * 100);
  const panels = facets.length >= 2 ? ` One panel per ${prose(facetFactors(L))}${independent ? ', each with its own y scale' : ', all on one y scale'}.` : '';
  return {
    name: 'means',
    title: `Mean ${metricLabel(a.metric)} with ${conf}% confidence intervals`,
    caption:
      `Point: the mean ${metricLabel(a.metric)} of the repetitions of one configuration (n = ${ns.mode}${ns.others.length ? `, or the number above the interval` : ''}); ` +
      `bar: the Student-t ${conf}% confidence interval of that mean; x: the ${factorName(L.compare)}` +
      `${L.colour ? `; colour and shape: the ${factorName(L.colour)}` : ''}.${panels}`,
    spec: top({ ...spec, title }, 'mean with CI per level'),
  };
}
