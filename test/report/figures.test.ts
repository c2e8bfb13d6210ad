/**
 * What issue 21 asks of the figures, checked on the specs: every axis titled (once per grid),
 * no text under 8 pt, the colour of failure used for failure only, the means on one y scale
 * unless asked, one legend in the box plot, small multiples of at most 12 panels, latency in the
 * tables' unit, captions that say what the marks are. On the fixture and on the fixture widened
 * to the study's shape (3 databases × 4 workloads × 3 RF).
 */
import { describe, it, expect } from 'vitest';
import { compile, type TopLevelSpec } from 'vega-lite';
import { buildFixture } from './fixture.js';
import { buildWide } from './wide.js';
import { axisTitleProblems, fontSizes } from './axes.js';
import {
  allFigures,
  boxSpec,
  FAILED_KEY,
  FONT_SIZE,
  LATENCY_UNIT,
  latencyFigures,
  latencyTable,
  MAX_PANELS,
  meansSpec,
  OKABE_ITO,
  qqFigures,
  RUN_KEYS,
  SERIES_KEYS,
  seriesFigures,
  type Figure,
} from '../../src/report/specs.js';
import { validateSpec } from '../../src/report/render.js';

const f = buildFixture();
const wide = buildWide();
const variants: [string, Figure[]][] = [
  ['fixture', allFigures(f.analysis, f.inventory.runs, f.completeness)],
  ['fixture, independent scales', allFigures(f.analysis, f.inventory.runs, f.completeness, { independentScales: true })],
  ['fixture, one series figure per configuration', allFigures(f.analysis, f.inventory.runs, f.completeness, { seriesPerConfiguration: true })],
  ['study-shaped', allFigures(wide.analysis, wide.runs)],
  ['study-shaped, independent scales', allFigures(wide.analysis, wide.runs, undefined, { independentScales: true })],
];
type Spec = Record<string, unknown> & { data: { values: Record<string, unknown>[] } };
const specOf = (fig: Figure) => fig.spec as unknown as Spec;
/** Distinct panels (row × column cells, or wrapped facets) of a figure with data. */
function panels(fig: Figure): number {
  const s = specOf(fig);
  const facet = s.facet as Record<string, { field?: string }> | undefined;
  if (!facet) return 1;
  const fields = facet.field ? [facet.field as unknown as string] : [facet.row?.field, facet.column?.field].filter((x): x is string => !!x);
  return new Set(s.data.values.map((v) => fields.map((k) => String(v[k])).join('\u0000'))).size;
}

describe.each(variants)('figures (%s)', (_, figures) => {
  it('validate against the Vega-Lite schema', () => {
    for (const fig of figures) expect(validateSpec(fig.spec), fig.name).toEqual([]);
  });

  it('give every x and y axis a title: its own, or its grid row’s or column’s', () => {
    for (const fig of figures) expect(axisTitleProblems(fig.spec), fig.name).toEqual([]);
  });

  it('set no text smaller than 11 px (8 pt when printed at their size)', () => {
    for (const fig of figures) {
      const sizes = fontSizes(fig.spec);
      expect(sizes.length, fig.name).toBeGreaterThan(0);
      expect(sizes.filter((s) => s.size < FONT_SIZE), fig.name).toEqual([]);
    }
  });

  it('have a caption that says what the marks are, and unique names', () => {
    const marks: Record<string, RegExp> = { means: /Point:.*bar:/, box: /Box:.*Point:/, series: /Line:.*Shaded:/, timeline: /Point:.*Dashed rule, numbered: a change point/, latency: /Point:.*bar:/, pairs: /Cell:.*Number:/, qq: /Point:.*dashed line:/, completeness: /Cell:/ };
    for (const fig of figures) {
      const kind = Object.keys(marks).find((k) => fig.name === k || fig.name.startsWith(`${k}-`))!;
      expect(kind, fig.name).toBeDefined();
      expect(fig.caption, fig.name).toMatch(marks[kind]);
    }
    expect(new Set(figures.map((x) => x.name)).size).toBe(figures.length);
  });

  it('use the colour of failure (vermillion) for failures only', () => {
    for (const fig of figures) {
      const scales: { domain: unknown[]; range: unknown[] }[] = [];
      const visit = (n: unknown): void => {
        if (Array.isArray(n)) n.forEach(visit);
        else if (n && typeof n === 'object') {
          const o = n as Record<string, unknown>;
          if (Array.isArray(o.domain) && Array.isArray(o.range)) scales.push({ domain: o.domain, range: o.range });
          for (const [k, v] of Object.entries(o)) if (k !== 'data') visit(v);
        }
      };
      visit(fig.spec);
      for (const s of scales) s.range.forEach((c, i) => c === OKABE_ITO.vermillion && expect(String(s.domain[i]), fig.name).toMatch(/fail/));
    }
  });
});

describe('the axis-title check', () => {
  it('is not vacuous: a missing title, a removed grid title and axis: null are found', () => {
    const means = meansSpec(f.analysis).spec as unknown as Spec;
    const noY = JSON.parse(JSON.stringify(means).replaceAll('"title":"mean throughput (ops/s)"', '"title":null'));
    expect(axisTitleProblems(noY).length).toBeGreaterThan(0);
    const series = seriesFigures(f.analysis, f.inventory.runs)[0].spec as unknown as Spec & { facet: { row: { title: unknown } } };
    expect(axisTitleProblems(series)).toEqual([]);
    expect(axisTitleProblems({ ...series, facet: { ...series.facet, row: { ...series.facet.row, title: null } } }).length).toBeGreaterThan(0);
    expect(axisTitleProblems({ mark: 'point', encoding: { x: { field: 'a', type: 'quantitative' } } })).toHaveLength(1);
    expect(axisTitleProblems({ mark: 'point', encoding: { x: { field: 'a', type: 'quantitative', title: 'a', axis: null } } })).toHaveLength(1);
  });
});

describe('means', () => {
  const vg = (spec: TopLevelSpec) => compile(spec).spec as { scales?: { name: string }[] };
  it('share one y scale across the panels by default; independentScales gives each panel its own', () => {
    const shared = meansSpec(f.analysis);
    const own = meansSpec(f.analysis, { independentScales: true });
    expect((vg(shared.spec).scales ?? []).map((s) => s.name)).toContain('y');
    expect((vg(own.spec).scales ?? []).map((s) => s.name)).not.toContain('y');
    expect(shared.caption).toContain('all on one y scale');
    expect(own.caption).toContain('its own y scale');
    // The y title once: the axis of the first panel (shared) or the grid's row title (independent).
    expect(axisTitleProblems(own.spec)).toEqual([]);
    expect((own.spec as unknown as { facet: { row: { title: string } } }).facet.row.title).toBe('mean throughput (ops/s)');
  });

  it('show n: the usual n in a note, a different n above its interval', () => {
    const fig = meansSpec(f.analysis);
    const spec = fig.spec as unknown as Spec & { title: { text: string } };
    // The fixture: 5 repetitions, 4 where one failed (Citus · workload b · RF 2) or is missing (Citus · workload a · RF 3).
    expect(spec.title.text).toMatch(/^n = 5 repetitions per point; 4 where a number is written above the interval/);
    const labelled = spec.data.values.filter((v) => v.nLabel !== '');
    expect(labelled.map((v) => [v.facet, v.colour, v.level, v.nLabel])).toEqual([
      ['workload a', 'Citus', '3', '4'],
      ['workload b', 'Citus', '2', '4'],
    ]);
  });

  it('colour the databases with Okabe–Ito colours and shapes', () => {
    const spec = JSON.stringify(meansSpec(f.analysis).spec);
    expect(spec).toContain(`"range":["${OKABE_ITO.blue}","${OKABE_ITO.orange}"]`);
    expect(spec).toContain('"range":["circle","square"]');
  });
});

describe('box', () => {
  it('has one legend: the databases, the run markers and the failed-run marker', () => {
    const vg = compile(boxSpec(f.analysis).spec).spec as { legends?: { values?: string[] }[] };
    expect(vg.legends).toHaveLength(1);
    expect(vg.legends![0].values).toEqual(['Cassandra', 'Citus', RUN_KEYS[0], RUN_KEYS[3], FAILED_KEY]);
  });
});

describe('series', () => {
  it('splits the study-shaped campaign into one figure per database, 12 panels each', () => {
    const figs = seriesFigures(wide.analysis, wide.runs);
    expect(figs.map((x) => x.name)).toEqual(['series-cassandra', 'series-citus', 'series-hbase']);
    expect(figs.map(panels)).toEqual([12, 12, 12]);
    expect(figs[0].title).toBe('Throughput over time per run: Cassandra');
    // Rows are named without the database the figure is about.
    expect(new Set(specOf(figs[0]).data.values.map((v) => v.row))).toEqual(new Set(['workload a', 'workload b', 'workload c', 'workload d']));
  });

  it('never puts more than MAX_PANELS panels in a figure', () => {
    for (const [, figures] of variants) for (const fig of figures) if (/^(series|latency)/.test(fig.name)) expect(panels(fig), fig.name).toBeLessThanOrEqual(MAX_PANELS);
  });

  it('on request draws one figure per configuration', () => {
    const figs = seriesFigures(wide.analysis, wide.runs, { seriesPerConfiguration: true });
    expect(figs).toHaveLength(36);
    expect(figs[0].name).toBe('series-cassandra-workload-a-rf-1');
    for (const fig of figs) expect(specOf(fig).facet).toBeUndefined();
  });

  it('shades a start-up without operations as idle time and a mid-run stall as a stall, neither in the colour of failure', () => {
    const file = f.analysis.series[0].file;
    const a = { ...f.analysis, series: f.analysis.series.map((s) => (s.file === file ? { ...s, stallEpisodes: [{ start: 0, end: 30, position: 'leading' as const }, { start: 60, end: 70, position: 'inner' as const }] } : s)) };
    const fig = seriesFigures(a, f.inventory.runs)[0];
    const shades = specOf(fig).data.values.filter((v) => v.kind === 'shade' && v.file === file);
    expect(shades.map((v) => [v.t0, v.t1, v.key])).toEqual([
      [0, 30, SERIES_KEYS.idle.label],
      [60, 70, SERIES_KEYS.stall.label],
    ]);
    for (const k of ['idle', 'stall', 'warmup'] as const) expect(SERIES_KEYS[k].colour).not.toBe(OKABE_ITO.vermillion);
    expect(SERIES_KEYS.failed.colour).toBe(OKABE_ITO.vermillion);
  });
});

describe('latency', () => {
  it('is in µs, the unit of the tables and the CSV: the figure holds latencyTable’s numbers and says so', () => {
    expect(LATENCY_UNIT).toBe('µs');
    const [fig] = latencyFigures(f.analysis, f.inventory.runs);
    const rows = latencyTable(f.analysis, f.inventory.runs);
    const means = specOf(fig).data.values.map((v) => v.mean as number).sort((p, q) => p - q);
    expect(means).toEqual(rows.map((r) => r.mean).sort((p, q) => p - q));
    expect(JSON.stringify(fig.spec)).toContain('"title":"latency (µs)"');
    expect(fig.caption).toContain('in µs');
  });
});

describe('qq', () => {
  it('titles each axis once (the grid’s) and puts the row labels on the right, clear of the tick labels', () => {
    const [fig] = qqFigures(f.analysis);
    const facet = (fig.spec as unknown as { facet: { row: { title: string; header: { labelOrient: string } }; column: { title: string; header: { titleOrient: string } } } }).facet;
    expect(facet.row.header.labelOrient).toBe('right');
    expect(facet.column.title).toBe('normal quantile');
    expect(facet.column.header.titleOrient).toBe('bottom');
    expect(facet.row.title).toMatch(/standardised value/);
  });
});

describe('completeness', () => {
  it('shows every configuration label (regression: the study-sized grid of 36 rows hid every other one, the axes drop labels closer than their size)', async () => {
    const { renderSvg } = await import('../../src/report/render.js');
    const { completenessSpec } = await import('../../src/report/specs.js');
    const configurations = [];
    for (const db of ['cassandra', 'citus', 'hbase'])
      for (const rf of ['1', '2', '3'])
        for (const workload of ['a', 'b', 'c', 'd'])
          configurations.push({ factors: { db, rf, workload }, reps: Array.from({ length: 30 }, (_, i) => ({ rep: String(i + 1), status: 'ok' as const })) });
    const svg = await renderSvg(completenessSpec({ configurations }).spec);
    const labels = [...svg.matchAll(/<text[^>]*opacity="([\d.]+)"[^>]*>([^<]*workload [a-d])<\/text>/g)];
    expect(labels).toHaveLength(36);
    expect(labels.filter((m) => Number(m[1]) === 0).map((m) => m[2])).toEqual([]);
  });
});
