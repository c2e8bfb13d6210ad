/**
 * Write a report folder:
 * ```
 * DIR/index.html              self-contained (inline SVG + CSS, no scripts, no URLs)
 * DIR/report.pdf              with options.pdf (headless Chromium)
 * DIR/figures/NAME.svg|.pdf|.vl.json   one chart each; .vl.json is the Vega-Lite spec, data inline
 * DIR/tables/NAME.tex         booktabs tables
 * DIR/data/NAME.csv           pgfplots-ready data
 * ```
 * Every file is written to a temporary name in its folder and renamed: no half-written output.
 * With a missing browser every other file is written, then ChromiumMissingError is thrown.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allFigures } from './specs.js';
import { renderSvg, rendererVersions } from './render.js';
import { renderHtml, type RenderedFigure } from './html.js';
import { groupsTable, pairsTable } from './latex.js';
import { groupsCsv, latencyCsv, pairsCsv, runsCsv, seriesCsv } from './csv.js';
import { ChromiumMissingError, DEFAULT_CHROMIUM, figurePdf, reportPdf, withChromium } from './pdf.js';
import { slug } from './labels.js';
import type { ReportInput } from './types.js';
import type { Software } from './text.js';

/** The templates folder shipped with the package. */
export function defaultTemplateDir(): string {
  return fileURLToPath(new URL('../../templates/', import.meta.url));
}

/** Template and CSS: a file (CSS beside it, else the default CSS) or a folder with report.html and report.css. */
export function loadTemplate(template?: string): { html: string; css: string } {
  const def = defaultTemplateDir();
  const defCss = readFileSync(join(def, 'report.css'), 'utf8');
  if (!template) return { html: readFileSync(join(def, 'report.html'), 'utf8'), css: defCss };
  const isDir = existsSync(template) && statSync(template).isDirectory();
  const htmlFile = isDir ? join(template, 'report.html') : template;
  const cssFile = join(isDir ? template : dirname(template), 'report.css');
  return { html: readFileSync(htmlFile, 'utf8'), css: existsSync(cssFile) ? readFileSync(cssFile, 'utf8') : defCss };
}

function ownVersion(): string {
  try {
    const pj = fileURLToPath(new URL('../../package.json', import.meta.url));
    return (JSON.parse(readFileSync(pj, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** Software and versions for the methods paragraph. */
export function softwareVersions(): Software[] {
  const r = rendererVersions();
  return [
    { name: 'ycsb-analyze', version: ownVersion() },
    { name: 'Node.js', version: process.version },
    { name: 'Vega-Lite', version: r.vegaLite },
    { name: 'Vega', version: r.vega },
  ];
}

/** Write bytes to path atomically (temp file in the same folder, then rename). */
export function writeAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${process.pid}.${Math.floor(performance.now() * 1000)}.tmp`);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** A spec as JSON to read and restyle: indented, with each inline data row on one line. */
export function specJson(spec: object): string {
  const s = spec as { data?: { values?: unknown[] } };
  const rows = s.data?.values;
  if (!Array.isArray(rows)) return JSON.stringify(spec, null, 2) + '\n';
  const marker = '__ycsb_analyze_rows__';
  const text = JSON.stringify({ ...s, data: { ...s.data, values: marker } }, null, 2);
  const body = rows.length ? `[\n${rows.map((r) => `      ${JSON.stringify(r)}`).join(',\n')}\n    ]` : '[]';
  return text.replace(`"${marker}"`, () => body) + '\n';
}

export interface WriteReportResult {
  /** Paths written, relative to dir, in the order written. */
  files: string[];
}

/** Build and write the whole report into dir. */
export async function writeReport(dir: string, input: ReportInput): Promise<WriteReportResult> {
  const opts = input.options ?? {};
  const a = input.analysis;
  const runs = input.inventory.runs;
  const figures = allFigures(a, runs, input.completeness);
  const rendered: RenderedFigure[] = [];
  for (const f of figures) rendered.push({ figure: f, svg: await renderSvg(f.spec, f.name) });

  const outputs = new Map<string, string>();
  for (const r of rendered) {
    outputs.set(`figures/${r.figure.name}.svg`, r.svg);
    outputs.set(`figures/${r.figure.name}.vl.json`, specJson(r.figure.spec));
  }
  for (const an of [a, ...(input.more ?? [])]) {
    const s = slug(an.metric);
    outputs.set(`tables/${s}.tex`, groupsTable(an, `tab:${s}`));
    if (an.strata.some((x) => x.pairs.length)) outputs.set(`tables/${s}-pairs.tex`, pairsTable(an, `tab:${s}-pairs`));
    outputs.set(`data/${s}-groups.csv`, groupsCsv(an));
    outputs.set(`data/${s}-runs.csv`, runsCsv(an));
    if (an.strata.some((x) => x.pairs.length)) outputs.set(`data/${s}-pairs.csv`, pairsCsv(an));
  }
  outputs.set('data/latency.csv', latencyCsv(a, runs));
  outputs.set('data/series.csv', seriesCsv(a, runs));

  const listed = [...outputs.keys()];
  if (opts.pdf) listed.unshift('report.pdf', ...rendered.map((r) => `figures/${r.figure.name}.pdf`));
  const { html: template, css } = loadTemplate(opts.template);
  const stamp = opts.stamp === true ? new Date().toISOString() : typeof opts.stamp === 'string' ? opts.stamp : undefined;
  const html = renderHtml({
    analysis: a,
    more: input.more,
    inventory: input.inventory,
    figures: rendered,
    template,
    css,
    software: softwareVersions(),
    files: listed.sort(),
    title: opts.title,
    stamp,
  });

  const root = resolve(dir);
  const written: string[] = [];
  for (const [rel, text] of outputs) {
    writeAtomic(join(root, rel), text);
    written.push(rel);
  }
  writeAtomic(join(root, 'index.html'), html);
  written.push('index.html');

  if (opts.pdf) {
    try {
      await withChromium(opts.chromium ?? DEFAULT_CHROMIUM, async (browser) => {
        for (const r of rendered) {
          writeAtomic(join(root, 'figures', `${r.figure.name}.pdf`), await figurePdf(browser, r.svg));
          written.push(`figures/${r.figure.name}.pdf`);
        }
        writeAtomic(join(root, 'report.pdf'), await reportPdf(browser, join(root, 'index.html')));
        written.push('report.pdf');
      });
    } catch (err) {
      if (err instanceof ChromiumMissingError) err.written = [...written];
      throw err;
    }
  }
  return { files: written };
}
