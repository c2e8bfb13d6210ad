/**
 * Opens the written report (with its appendix) in headless Chromium (playwright-core, the system
 * browser): every chart is an SVG with marks, no console error, the hostile file name is text and
 * runs nothing; laid out for print, nothing is wider than the page, no interval breaks and every
 * appendix row is one line; the PDF holds the key numbers (pdftotext). Skipped, with the reason
 * printed, when Chromium is absent.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { buildFixture, HOSTILE } from './fixture.js';
import { writeReport } from '../../src/report/write.js';
import { DEFAULT_CHROMIUM, launchChromium, svgSize } from '../../src/report/pdf.js';
import { headlinePair } from '../../src/report/text.js';
import { printLayout } from './html-text.js';

const hasChromium = existsSync(DEFAULT_CHROMIUM);
const hasPoppler = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasChromium) console.log(`test/report/browser.test.ts skipped: no Chromium at ${DEFAULT_CHROMIUM} (apt-get install -y chromium)`);
if (!hasPoppler) console.log('PDF text checks skipped: pdftotext not found (apt-get install -y poppler-utils)');

describe.skipIf(!hasChromium)('the report in a browser', () => {
  const f = buildFixture();
  let dir: string;
  let browser: Browser;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ycsb-report-browser-'));
    await writeReport(dir, { ...f, options: { pdf: true, appendix: true } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('renders every chart as an SVG with marks, with no console error, and runs no script', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    let dialogs = 0;
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', async (d) => {
      dialogs++;
      await d.dismiss();
    });
    await page.goto(pathToFileURL(join(dir, 'index.html')).href, { waitUntil: 'load' });
    const charts = await page.$$eval('figure.chart', (figs) =>
      figs.map((fig) => {
        const svg = fig.querySelector('svg');
        const marks = svg ? svg.querySelectorAll('g.role-mark > *').length : 0;
        const box = svg?.getBoundingClientRect();
        return { id: fig.id, svg: !!svg, marks, w: box?.width ?? 0, h: box?.height ?? 0 };
      }),
    );
    expect(charts.map((c) => c.id)).toEqual(['fig-means', 'fig-box', 'fig-series', 'fig-timeline', 'fig-latency', 'fig-pairs', 'fig-qq', 'fig-completeness']);
    for (const c of charts) {
      expect(c.svg, c.id).toBe(true);
      expect(c.marks, c.id).toBeGreaterThan(0);
      expect(c.w, c.id).toBeGreaterThan(100);
      expect(c.h, c.id).toBeGreaterThan(50);
    }
    // The hostile name is visible text; no <img> exists; no dialog opened.
    const body = await page.textContent('body');
    expect(body).toContain(HOSTILE);
    expect(await page.evaluate('document.images.length')).toBe(0);
    expect(await page.evaluate('document.scripts.length')).toBe(0);
    await page.waitForTimeout(200);
    expect(dialogs).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the CSP would block a script even if one slipped in', async () => {
    const page = await browser.newPage();
    let dialogs = 0;
    page.on('dialog', async (d) => {
      dialogs++;
      await d.dismiss();
    });
    const html = readFileSync(join(dir, 'index.html'), 'utf8').replace('</main>', '<img src=x onerror=alert(1)><script>alert(2)</script></main>');
    await page.setContent(html, { waitUntil: 'load' });
    await page.waitForTimeout(200);
    expect(dialogs).toBe(0);
    await page.close();
    // Control, in a fresh page (a CSP stays with its document): without the CSP the injected
    // script does run, so the check above is not vacuous.
    const control = await browser.newPage();
    control.on('dialog', async (d) => {
      dialogs++;
      await d.dismiss();
    });
    await control.setContent(html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, ''), { waitUntil: 'load' });
    await control.waitForTimeout(200);
    expect(dialogs).toBeGreaterThan(0);
    await control.close();
  });

  it('laid out for print: nothing wider than the page, every interval and every appendix row on one line', async () => {
    const l = await printLayout(browser, join(dir, 'index.html'));
    expect(l.tooWide).toEqual([]);
    expect(l.docWidth).toBeLessThanOrEqual(l.pageWidth + 1);
    // Every group's CI, every pair's CI and means, and the summary's intervals.
    const pairs = f.analysis.strata.reduce((n, s) => n + s.pairs.length, 0);
    expect(l.intervals).toBeGreaterThanOrEqual(f.analysis.groups.length + 2 * pairs);
    expect(l.brokenIntervals).toEqual([]);
    expect(l.appendixRows).toBe(f.inventory.runs.length);
    expect(l.tallRows).toEqual([]);
  });

  it('the layout measure itself sees a broken interval, a too-wide table and a two-line row', async () => {
    const bad = join(dir, 'bad.html');
    writeFileSync(
      bad,
      '<!DOCTYPE html><html><body><main><section id="x"><table style="width:40px"><tr><td><span class="ci">[62.51, 63.18]</span></td></tr></table>' +
        '<table style="width:2000px"><tr><td>wide</td></tr></table>' +
        '<table class="appendix"><tbody><tr><td style="width:30px">two words here</td></tr></tbody></table></section></main></body></html>',
    );
    const l = await printLayout(browser, bad);
    expect(l.brokenIntervals).toEqual(['[62.51, 63.18]']);
    expect(l.tooWide).toEqual(['TABLE in #x: wide']);
    expect(l.docWidth).toBeGreaterThan(l.pageWidth);
    expect(l.tallRows).toEqual(['two words here']);
  });

  it('each figure PDF is one page of the figure size', () => {
    if (!hasPoppler) return;
    for (const n of ['means', 'box', 'completeness']) {
      const info = execFileSync('pdfinfo', [join(dir, 'figures', `${n}.pdf`)], { encoding: 'utf8' });
      expect(info).toMatch(/Pages:\s+1\n/);
      const m = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!;
      const { width } = svgSize(readFileSync(join(dir, 'figures', `${n}.svg`), 'utf8'));
      // 1 CSS px = 0.75 pt.
      expect(Math.abs(Number(m[1]) - Math.ceil(width) * 0.75)).toBeLessThan(1.5);
    }
  });

  it('report.pdf holds the key numbers (pdftotext)', () => {
    if (!hasPoppler) return;
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'report.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    // The headline change of the first stratum, as the fixture's numbers give it.
    const p = headlinePair(f.analysis.strata[0])!;
    const pct = Math.abs(p.percent.center).toFixed(1);
    expect(text).toContain(`by ${pct}%`);
    expect(text).toContain(`[${(-p.percent.hi).toFixed(1)}, ${(-p.percent.lo).toFixed(1)}]`);
    expect(text).toContain('Welch ANOVA');
    // The hostile name is printed as text (table cells wrap it, so compare without whitespace).
    const raw = execFileSync('pdftotext', ['-raw', join(dir, 'report.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(raw).toContain(HOSTILE.replace(/\s+/g, ''));
    expect(text).toContain('Methods');
    expect(text).toContain('Appendix');
  });
});
