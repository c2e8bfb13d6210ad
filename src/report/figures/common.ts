/**
 * What every chart of the report shares: the Figure type and its options, the page size and the
 * style (fonts, the Okabe–Ito palette), the campaign's shape as the charts see it (which factor
 * is compared, coloured, faceted) and the grid of small multiples with its axis titles once.
 * Pure and deterministic.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { AnalysisResult, GroupResult } from '../../analysis/types.js';
import type { Factors } from '../../model/index.js';
import { compareLevels, factorName, factorsLabel, levelLabel, metricLabel, slug, sortLevels, textWidth } from '../labels.js';

/** Total width of a figure in CSS px (96 dpi): 500 px ≈ 13.2 cm, a thesis text width. */
export const THESIS_WIDTH = 500;
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const FONT = 'Helvetica, Arial, sans-serif';
/** Smallest text of any figure, px: 11 px = 8.25 pt when the figure is printed at its size (1 px = 0.75 pt). */
export const FONT_SIZE = 11;
/** Room for a y title beside its axis (or a row title beside the grid), px. */
export const Y_TITLE_WIDTH = 22;
/** Most panels in one figure of small multiples; more are split over several figures. */
export const MAX_PANELS = 12;

/** One chart of the report. */
export interface Figure {
  /** File name stem: figures/NAME.svg. */
  name: string;
  title: string;
  /** What the chart shows, as a caption: what a point, a bar, an interval and a colour are. */
  caption: string;
  spec: TopLevelSpec;
}

/** Choices for the figures (the defaults suit a thesis). */
export interface FigureOptions {
  /**
   * Give every panel of the means and the throughput-over-time figures its own y scale. By
   * default the panels of a figure share one y scale, so they compare at a glance.
   */
  independentScales?: boolean;
  /**
   * Throughput over time: one figure per configuration (one panel, the full width) instead of
   * small multiples of at most MAX_PANELS panels a figure.
   */
  seriesPerConfiguration?: boolean;
}

/** Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision deficiency. */
export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;
/** Colours of categories (databases, operations). Vermillion is left out: it means failure. */
export const CATEGORY_COLOURS = [OKABE_ITO.blue, OKABE_ITO.orange, OKABE_ITO.bluishGreen, OKABE_ITO.reddishPurple, OKABE_ITO.skyBlue, OKABE_ITO.black, OKABE_ITO.yellow];
/** Shapes of the same categories, so that they also read in black and white. */
export const CATEGORY_SHAPES = ['circle', 'square', 'triangle-up', 'diamond', 'triangle-down', 'triangle-left', 'triangle-right'];
/** The one colour of failure (failed runs), in every figure. */
export const FAILED_COLOUR = OKABE_ITO.vermillion;

export const CONFIG = {
  font: FONT,
  background: 'white',
  padding: 4,
  view: { stroke: '#bbb' },
  axis: { labelFontSize: FONT_SIZE, titleFontSize: FONT_SIZE, titleFontWeight: 'normal', labelColor: '#222', titleColor: '#111', gridColor: '#e6e6e6', tickColor: '#888', domainColor: '#888', labelOverlap: true, labelSeparation: 4 },
  legend: { labelFontSize: FONT_SIZE, titleFontSize: FONT_SIZE, titleFontWeight: 'bold', symbolSize: 70, orient: 'bottom', direction: 'horizontal', columns: 3, labelLimit: 240, columnPadding: 12, rowPadding: 4 },
  header: { labelFontSize: FONT_SIZE, titleFontSize: FONT_SIZE, labelFontWeight: 'bold', titleFontWeight: 'normal', labelPadding: 4, titlePadding: 0 },
  title: { fontSize: FONT_SIZE + 1, anchor: 'start', fontWeight: 'bold' },
  text: { fontSize: FONT_SIZE },
  errorbar: { thickness: 1.2 },
} as const;

export function top(spec: Record<string, unknown>, description: string): TopLevelSpec {
  return { $schema: VEGA_LITE_SCHEMA, description, config: CONFIG, ...spec } as unknown as TopLevelSpec;
}

/** The shape of the campaign as the charts see it. */
export interface Layout {
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
  /** The varying factors of each stratum label (without the compared one). */
  strataFactors: Map<string, Factors>;
}

export function layout(a: AnalysisResult): Layout {
  const compare = a.options.compare;
  const varying = (f: string) => new Set(a.groups.map((g) => g.factors[f])).size > 1;
  const colour = a.groups.some((g) => g.factors.db !== undefined) && varying('db') && compare !== 'db' ? 'db' : '';
  const facet = new Map<string, string>();
  const stratum = new Map<string, string>();
  const strataFactors = new Map<string, Factors>();
  for (const g of a.groups) {
    const others: Factors = {};
    for (const [k, v] of Object.entries(g.factors)) if (k !== compare && varying(k)) others[k] = v;
    stratum.set(g.key, factorsLabel(others));
    strataFactors.set(factorsLabel(others), others);
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
    strataFactors,
  };
}

export function colourValue(L: Layout, factors: Factors): string {
  return L.colour ? levelLabel(L.colour, factors[L.colour]) : 'all';
}
/** The colour factor's levels with their colours and shapes (the same in every figure). */
export function colourScale(L: Layout): { domain: string[]; range: string[]; shapes: string[] } {
  const domain = L.colours.length ? L.colours.map((c) => levelLabel(L.colour, c)) : ['all'];
  return { domain, range: domain.map((_, i) => CATEGORY_COLOURS[i % CATEGORY_COLOURS.length]), shapes: domain.map((_, i) => CATEGORY_SHAPES[i % CATEGORY_SHAPES.length]) };
}

/** The metric with its unit, as an axis reads it: 'throughput (ops/s)'. */
export function yTitle(a: AnalysisResult): string {
  return a.unit ? `${metricLabel(a.metric)} (${a.unit})` : metricLabel(a.metric);
}

/** The compared factor's levels as panel labels: 'RF 1'. */
export function levelLabels(L: Layout): string[] {
  return L.levels.map((l) => levelLabel(L.compare, l));
}

/**
 * Row headers of a grid: labels on the right of the panels, horizontal, one line per factor
 * ('Cassandra · workload a' on two lines); the y title once, on the left of the whole grid.
 */
export function rowHeader(labelWidth: number): Record<string, unknown> {
  return { labelOrient: 'right', labelAngle: 0, labelAlign: 'right', labelBaseline: 'middle', labelLimit: labelWidth, labelExpr: "split(datum.value, ' · ')", titleOrient: 'left' };
}
/** Column headers of a grid: labels on top, the x title once, under the whole grid. */
export const COLUMN_HEADER = { labelOrient: 'top', titleOrient: 'bottom', labelLimit: 160 };

/** Width of the widest line of any label (split at ' · '), bold header text, px. */
export function labelWidth(labels: Iterable<string>, fontSize = FONT_SIZE, bold = true): number {
  let w = 0;
  for (const l of labels) for (const line of l.split(' · ')) w = Math.max(w, textWidth(line, fontSize, bold));
  return Math.ceil(w);
}

/** Room for a y axis: tick labels of up to `chars` digits, the ticks and the padding, px. */
export function axisWidth(chars: number): number {
  return Math.ceil(textWidth('0'.repeat(chars), FONT_SIZE)) + 16;
}

/** Characters of the longest tick label of values up to max, with thousands separators ('1,500'). */
export function tickChars(max: number): number {
  return Math.max(1, Math.round(Math.abs(max)).toLocaleString('en-US').length);
}

/** A part of a figure split into several: some rows (strata) of the grid. */
export interface Chunk {
  strata: string[];
  /** The row label of a stratum in this part (without the factor the part is named by). */
  rowLabel: (stratum: string) => string;
  /** What the part shows, for its title ('Cassandra'), '' when the figure is not split. */
  label: string;
}

/**
 * Split the rows (strata) of a grid into parts of at most maxRows rows, at the colour factor's
 * levels where possible: Cassandra's rows, Citus' rows, … (several small ones may share a part;
 * a large one is split evenly). One part when everything fits.
 */
export function chunkStrata(L: Layout, maxRows: number): Chunk[] {
  const rows = Math.max(1, maxRows);
  if (L.strata.length <= rows) return [{ strata: L.strata, rowLabel: (s) => s, label: '' }];
  const byColour = new Map<string, string[]>();
  for (const s of L.strata) {
    const c = L.colour ? (L.strataFactors.get(s)?.[L.colour] ?? '') : '';
    if (!byColour.has(c)) byColour.set(c, []);
    byColour.get(c)!.push(s);
  }
  const pieces: { colour: string; strata: string[]; part: number; parts: number }[] = [];
  for (const [colour, strata] of byColour) {
    const parts = Math.ceil(strata.length / rows);
    const size = Math.ceil(strata.length / parts);
    for (let i = 0; i < parts; i++) pieces.push({ colour, strata: strata.slice(i * size, (i + 1) * size), part: i + 1, parts });
  }
  // Pack whole small pieces together while they fit.
  const packed: (typeof pieces)[] = [];
  for (const p of pieces) {
    const last = packed[packed.length - 1];
    if (last && p.parts === 1 && last.every((q) => q.parts === 1) && last.reduce((n, q) => n + q.strata.length, 0) + p.strata.length <= rows) last.push(p);
    else packed.push([p]);
  }
  let unnamed = 0;
  return packed.map((ps) => {
    const strata = ps.flatMap((p) => p.strata);
    const one = ps.length === 1 && L.colour !== '';
    const name = ps
      .filter((p) => p.colour !== '')
      .map((p) => levelLabel(L.colour, p.colour))
      .join(', ');
    const part = ps.length === 1 && ps[0].parts > 1 ? `part ${ps[0].part} of ${ps[0].parts}` : '';
    const label = name ? (part ? `${name}, ${part}` : name) : `part ${++unnamed} of ${packed.length}`;
    return {
      strata,
      rowLabel: one ? (s: string) => factorsLabel(Object.fromEntries(Object.entries(L.strataFactors.get(s) ?? {}).filter(([k]) => k !== L.colour))) : (s: string) => s,
      label,
    };
  });
}

/** The file name of one part of a split figure: series-cassandra, series-part-1-of-2. */
export function partName(name: string, c: Chunk): string {
  return c.label ? `${name}-${slug(c.label)}` : name;
}

/** The factors that tell the panels apart (strata without the colour factor), named: ['workload']. */
export function facetFactors(L: Layout): string[] {
  const names = new Set<string>();
  for (const f of L.strataFactors.values()) for (const k of Object.keys(f)) if (k !== L.colour) names.add(k);
  return sortLevels(names).map(factorName);
}

/** A list in prose: 'a, b and c'. */
export function prose(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
