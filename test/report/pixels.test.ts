/**
 * Every figure of the fixture, rendered (vega → SVG) and drawn by headless Chromium as a PNG,
 * matches its picture in test/report/baseline/ within a tolerance (same size, at most 1% of the
 * pixels differing by more than 48 of 255 in a channel), so that a layout regression fails.
 * The tests below show that the comparison catches a removed axis title, a changed panel size
 * and a moved legend, and lets a sub-pixel data change through.
 *
 * The baselines depend on the fonts Chromium finds (here DejaVu Sans for Helvetica/Arial).
 * After an intended change of a figure, look at the new pictures and re-make them:
 *   UPDATE_BASELINES=1 npx vitest run test/report/pixels.test.ts
 * Skipped, with the reason printed, when Chromium is absent.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { TopLevelSpec } from 'vega-lite';
import { buildFixture } from './fixture.js';
import { allFigures, meansSpec, qqFigures } from '../../src/report/specs.js';
import { renderSvg } from '../../src/report/render.js';
import { DEFAULT_CHROMIUM, launchChromium } from '../../src/report/pdf.js';
import { comparePng, describeDiff, matches, newPicturePage, svgToPng, textProblems, TOLERANCE } from './pixels.js';
import { buildWide } from './wide.js';

const BASELINE = join(__dirname, 'baseline');
const UPDATE = process.env.UPDATE_BASELINES === '1';
const hasChromium = existsSync(DEFAULT_CHROMIUM);
if (!hasChromium) console.log(`test/report/pixels.test.ts skipped: no Chromium at ${DEFAULT_CHROMIUM} (apt-get install -y chromium)`);

const f = buildFixture();
const figures = allFigures(f.analysis, f.inventory.runs, f.completeness);
const clone = (s: TopLevelSpec) => JSON.parse(JSON.stringify(s)) as Record<string, unknown>;

describe.skipIf(!hasChromium)('figures as pictures', () => {
  let browser: Browser;
  let page: Page;
  const png = async (spec: TopLevelSpec) => svgToPng(page, await renderSvg(spec));
  beforeAll(async () => {
    browser = await launchChromium();
    page = await newPicturePage(browser);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each(figures.map((x) => [x.name, x] as const))('%s matches its baseline picture', async (name, fig) => {
    const file = join(BASELINE, `${name}.png`);
    const picture = await png(fig.spec);
    if (UPDATE) {
      mkdirSync(BASELINE, { recursive: true });
      writeFileSync(file, picture);
      return;
    }
    expect(existsSync(file), `${file} is missing: make it with UPDATE_BASELINES=1 npx vitest run test/report/pixels.test.ts`).toBe(true);
    const diff = await comparePng(page, picture, readFileSync(file));
    expect(matches(diff), `${name}: ${describeDiff(diff)}`).toBe(true);
  });

  describe('the comparison', () => {
    const means = figures.find((x) => x.name === 'means')!;
    let base: Buffer;
    beforeAll(async () => {
      base = await png(means.spec);
    });

    it('finds no difference between two renderings of the same figure', async () => {
      const diff = await comparePng(page, await png(means.spec), base);
      expect(diff.sameSize).toBe(true);
      expect(diff.differing).toBe(0);
    });

    it('lets a small data change through: one mean moved by about a pixel', async () => {
      // Cassandra, workload a, RF 2 (a mean inside the y range, so the scale stays).
      const g = f.analysis.groups.find((x) => x.key === 'db=cassandra,rf=2,workload=a')!;
      const moved = { ...f.analysis, groups: f.analysis.groups.map((x) => (x === g ? { ...x, mean: x.mean + 3, meanCi: { ...x.meanCi, lo: x.meanCi.lo + 3, hi: x.meanCi.hi + 3 } } : x)) };
      const diff = await comparePng(page, await png(meansSpec(moved).spec), base);
      expect(diff.sameSize).toBe(true);
      expect(diff.differing).toBeGreaterThan(0);
      expect(diff.fraction).toBeLessThanOrEqual(TOLERANCE);
      expect(matches(diff)).toBe(true);
    });

    it('fails when the y axis title is removed', async () => {
      const spec = JSON.parse(JSON.stringify(means.spec).replaceAll('"title":"mean throughput (ops/s)"', '"title":null')) as TopLevelSpec;
      const diff = await comparePng(page, await png(spec), base);
      expect(matches(diff), describeDiff(diff)).toBe(false);
    });

    it('fails when the panels are 20 px taller', async () => {
      const spec = clone(means.spec) as { spec: { height: number } };
      spec.spec.height += 20;
      const diff = await comparePng(page, await png(spec as unknown as TopLevelSpec), base);
      expect(matches(diff), describeDiff(diff)).toBe(false);
    });

    it('fails on layout changes that keep the size: the legend moved to the top, the panels 5 px narrower with a wider gap', async () => {
      const top = clone(means.spec) as { config: { legend: Record<string, unknown> } };
      top.config = { ...top.config, legend: { ...top.config.legend, orient: 'top' } };
      const narrow = clone(means.spec) as { spec: { width: number }; spacing: { column: number } };
      narrow.spec.width -= 5;
      narrow.spacing.column += 10;
      for (const spec of [top, narrow]) {
        const diff = await comparePng(page, await png(spec as unknown as TopLevelSpec), base);
        expect(diff.sameSize, describeDiff(diff)).toBe(true);
        expect(diff.fraction, describeDiff(diff)).toBeGreaterThan(TOLERANCE);
      }
    });
  });

  describe('text as Chromium draws it', () => {
    it('overlaps no other text and stays in the picture, in every figure (fixture and study-shaped, both scale options)', async () => {
      const wide = buildWide();
      const all = [
        ...figures,
        ...allFigures(f.analysis, f.inventory.runs, f.completeness, { independentScales: true }),
        ...allFigures(wide.analysis, wide.runs),
        ...allFigures(wide.analysis, wide.runs, undefined, { independentScales: true }),
      ];
      for (const fig of all) expect(await textProblems(page, await renderSvg(fig.spec)), fig.name).toEqual([]);
    });

    it('finds the overlaps of the old Q–Q layout: an x title under each narrow column, row labels left of the tick labels', async () => {
      const wide = buildWide();
      const spec = clone(qqFigures(wide.analysis)[0].spec) as { facet: { row: { header: Record<string, unknown> }; column: { title: unknown } }; spec: { width: number; layer: { encoding: { x: { title: unknown } } }[] } };
      spec.facet.column.title = null;
      spec.spec.layer[1].encoding.x.title = 'normal quantile';
      spec.facet.row.header = { ...spec.facet.row.header, labelOrient: 'left', labelAlign: 'left' };
      const problems = await textProblems(page, await renderSvg(spec as unknown as TopLevelSpec));
      expect(problems.some((p) => /"normal quantile" overlaps "normal quantile"/.test(p)), problems.join('\n')).toBe(true);
    });
  });
});
