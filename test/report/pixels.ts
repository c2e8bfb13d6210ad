/**
 * Pictures of figures for the tests, made and compared in headless Chromium (no PNG library):
 * an SVG is screenshotted as a PNG at 1 CSS px per pixel; two PNGs are decoded by the browser,
 * drawn on white canvases of the larger size and compared pixel by pixel.
 */
import type { Browser, Page } from 'playwright-core';

/** A pixel differs when one of its channels differs by more than this (0–255). */
export const CHANNEL_THRESHOLD = 48;
/** A picture matches its baseline when it has the same size and at most this share of its pixels differ. */
export const TOLERANCE = 0.01;

export interface PixelDiff {
  /** Sizes of the two pictures, px. */
  a: { width: number; height: number };
  b: { width: number; height: number };
  sameSize: boolean;
  /** Pixels (of the larger size) where a channel differs by more than CHANNEL_THRESHOLD. */
  differing: number;
  fraction: number;
}

/** Whether a diff is within the tolerance: same size, at most TOLERANCE of the pixels differ. */
export function matches(d: PixelDiff): boolean {
  return d.sameSize && d.fraction <= TOLERANCE;
}

export function describeDiff(d: PixelDiff): string {
  return `${d.a.width}×${d.a.height} vs ${d.b.width}×${d.b.height}, ${d.differing} pixels differ (${(100 * d.fraction).toFixed(2)}%; tolerance ${100 * TOLERANCE}%, same size required)`;
}

/** A page to draw on, 1 CSS px = 1 pixel. */
export async function newPicturePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ deviceScaleFactor: 1, viewport: { width: 800, height: 600 } });
  return context.newPage();
}

/** The SVG as a PNG of exactly its size. */
export async function svgToPng(page: Page, svg: string): Promise<Buffer> {
  await page.setContent(`<!DOCTYPE html><html><head><meta charset="utf-8"><style>html,body{margin:0;padding:0;background:white}svg{display:block}</style></head><body>${svg}</body></html>`, { waitUntil: 'load' });
  const el = await page.$('svg');
  if (!el) throw new Error('svgToPng: the page holds no <svg> element');
  return el.screenshot({ type: 'png' });
}

/**
 * The comparison as it runs in the page, plain JavaScript in a string (so that no compiler
 * helper is inlined into a function sent to the browser): decode both PNGs, draw each on a
 * white canvas of the larger size, count the pixels where a channel differs by more than the threshold.
 */
const COMPARE_IN_PAGE = `async ([a64, b64, threshold]) => {
  const load = (src) => new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('comparePng: cannot decode a PNG'));
    img.src = src;
  });
  const [ia, ib] = await Promise.all([load('data:image/png;base64,' + a64), load('data:image/png;base64,' + b64)]);
  const width = Math.max(ia.width, ib.width);
  const height = Math.max(ia.height, ib.height);
  const pixels = (img) => {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.drawImage(img, 0, 0);
    return ctx.getImageData(0, 0, width, height).data;
  };
  const pa = pixels(ia);
  const pb = pixels(ib);
  let differing = 0;
  for (let i = 0; i < pa.length; i += 4) {
    for (let c = 0; c < 4; c++) {
      if (Math.abs(pa[i + c] - pb[i + c]) > threshold) {
        differing++;
        break;
      }
    }
  }
  return {
    a: { width: ia.width, height: ia.height },
    b: { width: ib.width, height: ib.height },
    sameSize: ia.width === ib.width && ia.height === ib.height,
    differing,
    fraction: differing / (width * height),
  };
}`;

/** Compare two PNGs in the browser. */
export async function comparePng(page: Page, a: Buffer, b: Buffer): Promise<PixelDiff> {
  const args = JSON.stringify([a.toString('base64'), b.toString('base64'), CHANNEL_THRESHOLD]);
  return (await page.evaluate(`(${COMPARE_IN_PAGE})(${args})`)) as PixelDiff;
}

/**
 * Text that cannot be read, as Chromium lays it out: a visible text over another one (by more
 * than 1 × 2 px: "normal quantilenormal quantile"), or out of the picture. Vega keeps labels it
 * hides for overlap in the SVG with opacity 0: those are skipped.
 */
const TEXT_IN_PAGE = `() => {
  const svg = document.querySelector('svg');
  const box = svg.getBoundingClientRect();
  const texts = [...svg.querySelectorAll('text')]
    .filter((t) => t.getAttribute('opacity') !== '0' && getComputedStyle(t).opacity !== '0')
    .map((t) => ({ text: t.textContent, b: t.getBoundingClientRect() }))
    .filter((t) => t.b.width > 0);
  const out = [];
  for (const t of texts) {
    if (t.b.left < box.left - 0.5 || t.b.right > box.right + 0.5 || t.b.top < box.top - 0.5 || t.b.bottom > box.bottom + 0.5) out.push('"' + t.text + '" leaves the picture');
  }
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      const a = texts[i].b;
      const c = texts[j].b;
      const ox = Math.min(a.right, c.right) - Math.max(a.left, c.left);
      const oy = Math.min(a.bottom, c.bottom) - Math.max(a.top, c.top);
      if (ox > 1 && oy > 2) out.push('"' + texts[i].text + '" overlaps "' + texts[j].text + '" by ' + ox.toFixed(1) + ' × ' + oy.toFixed(1) + ' px');
    }
  }
  return out;
}`;

/** Problems with the text of an SVG as Chromium draws it ([] when none). */
export async function textProblems(page: Page, svg: string): Promise<string[]> {
  await page.setContent(`<!DOCTYPE html><html><head><meta charset="utf-8"><style>html,body{margin:0;padding:0}svg{display:block}</style></head><body>${svg}</body></html>`, { waitUntil: 'load' });
  return (await page.evaluate(`(${TEXT_IN_PAGE})()`)) as string[];
}
