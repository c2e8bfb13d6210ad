/**
 * PDF printing with headless Chromium through playwright-core, using the system browser
 * (/usr/bin/chromium or a given path; nothing is downloaded). Returns bytes; the caller writes them.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const INSTALL_HINT = 'install it with `apt-get install -y chromium` (Debian/Ubuntu; `apt-get install -y chromium-browser` on older Ubuntu), or pass --chromium PATH';

/** No usable Chromium: the message says how to install one. The HTML report does not need it. */
export class ChromiumMissingError extends Error {
  readonly code = 'CHROMIUM_MISSING';
  /** Files already written when the error was raised (set by writeReport). */
  written: string[] = [];
  constructor(
    readonly executablePath: string,
    cause?: string,
  ) {
    super(`cannot print PDF: no usable Chromium at ${executablePath}${cause ? ` (${cause.split('\n')[0]})` : ''}; ${INSTALL_HINT}. The HTML report is written without it.`);
    this.name = 'ChromiumMissingError';
  }
}

/** Launch the system Chromium. Throws ChromiumMissingError when it is absent or will not start. */
export async function launchChromium(executablePath = DEFAULT_CHROMIUM): Promise<Browser> {
  if (!existsSync(executablePath)) throw new ChromiumMissingError(executablePath, 'file not found');
  try {
    return await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true, timeout: 60_000 });
  } catch (err) {
    throw new ChromiumMissingError(executablePath, (err as Error).message);
  }
}

/** Run fn with a browser, closing it afterwards. */
export async function withChromium<T>(executablePath: string | undefined, fn: (b: Browser) => Promise<T>): Promise<T> {
  const browser = await launchChromium(executablePath);
  try {
    return await fn(browser);
  } finally {
    await browser.close();
  }
}

/** The size an SVG declares (width/height attributes, px). */
export function svgSize(svg: string): { width: number; height: number } {
  const m = /^<svg\b[^>]*>/.exec(svg.replace(/^<\?xml[^>]*\?>\s*/, ''));
  const tag = m ? m[0] : '';
  const w = /\swidth="([\d.]+)"/.exec(tag);
  const h = /\sheight="([\d.]+)"/.exec(tag);
  return { width: w ? Number(w[1]) : 500, height: h ? Number(h[1]) : 300 };
}

/** One figure on one page of exactly its size (vector PDF). */
export async function figurePdf(browser: Browser, svg: string): Promise<Buffer> {
  const { width, height } = svgSize(svg);
  const page = await browser.newPage();
  try {
    // The SVG comes from vega (text escaped); no network, no scripts needed.
    await page.setContent(`<!DOCTYPE html><html><head><meta charset="utf-8"><style>@page{margin:0}html,body{margin:0;padding:0}svg{display:block}</style></head><body>${svg}</body></html>`, { waitUntil: 'load' });
    return await page.pdf({ width: `${Math.ceil(width)}px`, height: `${Math.ceil(height) + 1}px`, printBackground: true, pageRanges: '1', margin: { top: '0', bottom: '0', left: '0', right: '0' } });
  } finally {
    await page.close();
  }
}

/** The whole HTML report printed to A4 with page numbers. */
export async function reportPdf(browser: Browser, htmlFile: string): Promise<Buffer> {
  const page = await browser.newPage();
  try {
    await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      margin: { top: '16mm', bottom: '16mm', left: '15mm', right: '15mm' },
      displayHeaderFooter: true,
      headerTemplate: '<div></div>',
      footerTemplate: '<div style="font-size:8px;width:100%;text-align:center;color:#666"><span class="pageNumber"></span> / <span class="totalPages"></span></div>',
    });
  } finally {
    await page.close();
  }
}
