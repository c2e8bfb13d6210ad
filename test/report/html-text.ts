/**
 * Test helpers for the report's HTML: the text a committee reads, and the print layout measured in
 * Chromium (at the PDF's page width).
 */
import type { Browser } from 'playwright-core';
import { pathToFileURL } from 'node:url';
import { PAGE_WIDTH_PX } from '../../src/report/html.js';

/** The visible text of the body, without the "How to reproduce" line, and that line (as text). */
export function committeeText(html: string): { text: string; reproduce: string } {
  const body = html.slice(html.indexOf('<body'));
  const reproduce = /<p class="reproduce">[\s\S]*?<\/p>/.exec(body)?.[0] ?? '';
  const text = body
    .replace(reproduce, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<style[\s\S]*?<\/style>/gi, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  return { text, reproduce: reproduceText(reproduce) };
}

/** The visible text of a "How to reproduce" line (its flags are wrapped in spans that keep them on one line). */
export function reproduceText(html: string): string {
  return html.replace(/<[^>]+>/g, '').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export interface PrintLayout {
  /** The page's text width and the document's width: wider means Chromium shrinks every page. */
  pageWidth: number;
  docWidth: number;
  /** Elements wider than the page (tag, section, start of text). */
  tooWide: string[];
  /** Intervals ([lo, hi]) laid out on more than one line. */
  brokenIntervals: string[];
  intervals: number;
  /** Appendix rows taller than one line, and the number of rows. */
  tallRows: string[];
  appendixRows: number;
}

/** Lay the report out as it prints (print media, the A4 text width) and measure what must not break. */
export async function printLayout(browser: Browser, htmlFile: string): Promise<PrintLayout> {
  const page = await browser.newPage({ viewport: { width: Math.floor(PAGE_WIDTH_PX), height: 1000 } });
  try {
    await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    // A string, evaluated in the page (the test build has no DOM types).
    return (await page.evaluate(`(() => {
      const W = document.body.clientWidth;
      const tooWide = [];
      for (const el of document.querySelectorAll('main table, main p, main li, main figure, main pre')) {
        if (el.getBoundingClientRect().right > W + 1) tooWide.push(el.tagName + ' in #' + (el.closest('section') || {}).id + ': ' + (el.textContent || '').slice(0, 60));
      }
      const spans = [...document.querySelectorAll('span.ci')];
      const brokenIntervals = spans.filter((s) => s.getClientRects().length !== 1).map((s) => s.textContent || '');
      const rows = [...document.querySelectorAll('table.appendix tbody tr')];
      const tallRows = rows
        .filter((r) => r.getBoundingClientRect().height > 1.6 * 1.2 * parseFloat(getComputedStyle(r.querySelector('td')).fontSize))
        .map((r) => r.textContent || '');
      return { pageWidth: W, docWidth: document.documentElement.scrollWidth, tooWide, brokenIntervals, intervals: spans.length, tallRows, appendixRows: rows.length };
    })()`)) as PrintLayout;
  } finally {
    await page.close();
  }
}
