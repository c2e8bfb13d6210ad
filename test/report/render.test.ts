import { describe, it, expect } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { buildFixture } from './fixture.js';
import { allFigures } from '../../src/report/specs.js';
import { renderSvg, SpecValidationError, textWidth } from '../../src/report/render.js';
import { svgSize } from '../../src/report/pdf.js';
import { THESIS_WIDTH, FONT_SIZE } from '../../src/report/specs.js';
import { buildWide } from './wide.js';
import { svgAxisProblems } from './axes.js';

describe('SVG rendering', () => {
  const f = buildFixture();
  const figures = allFigures(f.analysis, f.inventory.runs, f.completeness);

  it('renders every chart to the same bytes twice (ids reset, no randomness)', async () => {
    for (const fig of figures) {
      const a = await renderSvg(fig.spec, fig.name);
      const b = await renderSvg(fig.spec, fig.name);
      expect(a.startsWith('<svg')).toBe(true);
      expect(b).toBe(a);
    }
  });

  it('a chart with a gradient legend renders identically after other charts (def ids do not leak)', async () => {
    const pairs = figures.find((x) => x.name === 'pairs')!;
    const first = await renderSvg(pairs.spec);
    await renderSvg(figures[0].spec);
    expect(await renderSvg(pairs.spec)).toBe(first);
    expect(first).toMatch(/linearGradient|gradient/i);
  });

  it('the hostile file name stays text inside the SVG', async () => {
    const box = figures.find((x) => x.name === 'box')!;
    const hostileSpec = JSON.parse(JSON.stringify(box.spec).replaceAll('workload a', '<img src=x onerror=alert(1)>')) as TopLevelSpec;
    const svg = await renderSvg(hostileSpec);
    expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(svg).not.toContain('<img');
  });

  it('refuses a spec that does not validate', async () => {
    await expect(renderSvg({ mark: 'nonsense' } as unknown as TopLevelSpec, 'bad')).rejects.toBeInstanceOf(SpecValidationError);
  });

  it('measures text with Helvetica widths (plus a margin for wider fallback fonts)', () => {
    // Helvetica: 'i' 222/1000 em, 'W' 944/1000 em.
    expect(textWidth('i', 10)).toBeCloseTo(0.222 * 10 * 1.12, 10);
    expect(textWidth('W', 10)).toBeCloseTo(0.944 * 10 * 1.12, 10);
    expect(textWidth('W', 10, true)).toBeGreaterThan(textWidth('W', 10));
  });

  it('every figure fits the thesis width, prints no text under 11 px and draws no axis without a title (fixture and study-shaped)', async () => {
    const wide = buildWide();
    const all = [...figures, ...allFigures(wide.analysis, wide.runs, undefined, { independentScales: true }), ...allFigures(wide.analysis, wide.runs)];
    for (const fig of all) {
      const svg = await renderSvg(fig.spec, fig.name);
      const { width } = svgSize(svg);
      expect(width, fig.name).toBeLessThanOrEqual(THESIS_WIDTH);
      const sizes = [...svg.matchAll(/font-size="([\d.]+)px"/g)].map((m) => Number(m[1]));
      expect(sizes.length, fig.name).toBeGreaterThan(0);
      expect(Math.min(...sizes), fig.name).toBeGreaterThanOrEqual(FONT_SIZE);
      expect(svgAxisProblems(svg), fig.name).toEqual([]);
    }
  });

  it('the SVG axis check finds an axis without a title', async () => {
    const means = figures.find((x) => x.name === 'means')!;
    const svg = await renderSvg(JSON.parse(JSON.stringify(means.spec).replaceAll('"title":"mean throughput (ops/s)"', '"title":null')) as TopLevelSpec);
    expect(svgAxisProblems(svg)).toEqual(['Y-axis without a title, in a figure without a row title']);
  });
});
