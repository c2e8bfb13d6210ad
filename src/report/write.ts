/**
 * Write a report folder:
 * ```
 * DIR/index.html              self-contained (inline SVG + CSS, no scripts, no URLs)
 * DIR/report.pdf              with options.pdf (headless Chromium)
 * DIR/figures/NAME.svg|.pdf|.vl.json   one chart each; .vl.json is the Vega-Lite spec, data inline
 * DIR/tables/NAME.tex         booktabs tables
 * DIR/data/NAME.csv           pgfplots-ready data; data/files.csv has every input file
 * DIR/.ycsb-analyze-report.json   the manifest: every file written, with its sha256
 * ```
 * The whole folder is written at once, so no file of an earlier run survives (a LaTeX
 * \includegraphics never picks up a stale figure):
 *
 * 1. look at DIR as it is: every file must be in its manifest, unchanged; anything else is foreign
 *    and DIR is refused (ReportFolderError) unless options.force
 * 2. render everything in memory (figures, tables, data, HTML)
 * 3. write it into a fresh temporary folder beside DIR (same file system), PDFs included
 * 4. swap: DIR → a hidden old name, the new folder → DIR; then delete from the old folder only the
 *    files its manifest lists (unchanged), and the folders they leave empty. With options.force and
 *    foreign files, nothing is deleted: the old folder is kept whole as DIR.backup-N.
 *
 * With a missing browser the folder is written without PDFs, then ChromiumMissingError is thrown.
 */
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { allFigures } from './specs.js';
import { renderSvg, rendererVersions } from './render.js';
import { renderHtml, type RenderedFigure } from './html.js';
import { groupsTable, pairsTable } from './latex.js';
import { filesCsv, groupsCsv, latencyCsv, pairsCsv, runsCsv, seriesCsv } from './csv.js';
import { ChromiumMissingError, DEFAULT_CHROMIUM, figurePdf, launchChromium, reportPdf } from './pdf.js';
import { slug } from './labels.js';
import { provenanceCsv } from './provenance.js';
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

/** The manifest's file name, inside the report folder. */
export const MANIFEST = '.ycsb-analyze-report.json';

export interface Manifest {
  generator: 'ycsb-analyze';
  version: string;
  /** Path relative to the folder (POSIX separators) -> sha256 of the bytes written. */
  files: Record<string, string>;
}

/** Something in a report folder that this tool may not delete. */
export interface ForeignEntry {
  /** Path relative to the folder (POSIX separators; a folder ends with '/'). */
  path: string;
  why: 'not listed as written by ycsb-analyze' | 'changed since ycsb-analyze wrote it' | 'a symbolic link';
}

/** The report folder cannot be written as asked; the message says what was found and what to do. */
export class ReportFolderError extends Error {
  readonly code = 'REPORT_FOLDER';
  constructor(
    /** The folder, absolute. */
    readonly dir: string,
    readonly kind: 'foreign' | 'not-a-folder' | 'holds-working-folder',
    /** For 'foreign': what was found. */
    readonly found: ForeignEntry[],
    /** For 'foreign': the folder looks like a report of an earlier version (no manifest). */
    readonly earlierReport: boolean,
    message: string,
  ) {
    super(message);
    this.name = 'ReportFolderError';
  }
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
const posix = (p: string) => p.split(sep).join('/');

/** What is in an existing report folder: the files this tool wrote (unchanged) and everything else. */
export interface FolderState {
  exists: boolean;
  /** Files listed in the manifest with the bytes it records (relative, POSIX); the manifest itself too. */
  ours: string[];
  foreign: ForeignEntry[];
  /** No manifest, but an index.html made by ycsb-analyze: a report of a version without manifests. */
  earlierReport: boolean;
}

/** Read the folder (never following symbolic links) against its manifest. */
export function inspectReportFolder(dir: string): FolderState {
  const root = resolve(dir);
  let st;
  try {
    st = lstatSync(root);
  } catch {
    return { exists: false, ours: [], foreign: [], earlierReport: false };
  }
  if (!st.isDirectory()) {
    throw new ReportFolderError(root, 'not-a-folder', [], false, `cannot write the report to ${root}: expected a folder (or nothing), found ${st.isSymbolicLink() ? 'a symbolic link' : 'a file'}; give the path of a folder`);
  }
  let manifest: Manifest | undefined;
  try {
    const m = JSON.parse(readFileSync(join(root, MANIFEST), 'utf8')) as Manifest;
    if (m && m.generator === 'ycsb-analyze' && m.files && typeof m.files === 'object') manifest = m;
  } catch {
    manifest = undefined;
  }
  const listed = manifest?.files ?? {};
  const listedDirs = new Set<string>();
  for (const f of Object.keys(listed)) for (let d = dirname(f); d !== '.' && d !== '/' && d !== ''; d = dirname(d)) listedDirs.add(d);
  const ours: string[] = [];
  const foreign: ForeignEntry[] = [];
  const walk = (abs: string) => {
    for (const name of readdirSync(abs).sort()) {
      const p = join(abs, name);
      const rel = posix(relative(root, p));
      const s = lstatSync(p);
      if (s.isSymbolicLink()) foreign.push({ path: rel, why: 'a symbolic link' });
      else if (s.isDirectory()) {
        const before = foreign.length + ours.length;
        walk(p);
        if (foreign.length + ours.length === before && !listedDirs.has(rel)) foreign.push({ path: `${rel}/`, why: 'not listed as written by ycsb-analyze' });
      } else if (rel === MANIFEST && manifest) ours.push(rel);
      else if (listed[rel] === undefined) foreign.push({ path: rel, why: 'not listed as written by ycsb-analyze' });
      else if (sha256(readFileSync(p)) !== listed[rel]) foreign.push({ path: rel, why: 'changed since ycsb-analyze wrote it' });
      else ours.push(rel);
    }
  };
  walk(root);
  let earlierReport = false;
  if (!manifest && existsSync(join(root, 'index.html'))) {
    try {
      earlierReport = /<meta name="generator" content="ycsb-analyze">/.test(readFileSync(join(root, 'index.html'), 'utf8').slice(0, 4096));
    } catch {
      earlierReport = false;
    }
  }
  return { exists: true, ours, foreign, earlierReport };
}

/**
 * Refuse a folder with foreign files (unless force), one that holds the working folder, or a file
 * (ReportFolderError). writeReport calls it first; a caller may call it before a long analysis.
 */
export function checkReportFolder(dir: string, force: boolean): FolderState {
  const root = resolve(dir);
  const cwd = resolve(process.cwd());
  if (root === dirname(root) || cwd === root || cwd.startsWith(root + sep)) {
    throw new ReportFolderError(root, 'holds-working-folder', [], false, `cannot write the report to ${root}: it is, or holds, the working folder ${cwd}, and the report replaces its folder as a whole; give a folder of its own, such as ${join(root === cwd ? root : cwd, 'report')}`);
  }
  const state = inspectReportFolder(root);
  if (state.foreign.length && !force) {
    const shown = state.foreign.slice(0, 5).map((f) => `${f.path} (${f.why})`).join(', ');
    const more = state.foreign.length > 5 ? ` and ${state.foreign.length - 5} more` : '';
    const earlier = state.earlierReport ? ' It looks like a report of an earlier ycsb-analyze, which kept no list of the files it wrote.' : '';
    throw new ReportFolderError(
      root,
      'foreign',
      state.foreign,
      state.earlierReport,
      `will not write the report to ${root}: the report replaces the whole folder, and it holds ${state.foreign.length === 1 ? 'an entry' : `${state.foreign.length} entries`} this tool did not write: ${shown}${more}.${earlier} Give a new or empty folder, or allow it with the force option: the folder as it is now is then kept, untouched, as ${nextBackup(root)}.`,
    );
  }
  return state;
}

/** DIR.backup-1, or the first DIR.backup-N that does not exist. */
export function nextBackup(root: string): string {
  for (let n = 1; ; n++) {
    const b = `${root}.backup-${n}`;
    if (!existsSync(b)) return b;
  }
}

/** A name beside root that does not exist yet. */
function freeName(root: string, what: string): string {
  for (let n = 0; ; n++) {
    const p = join(dirname(root), `.${basename(root)}.ycsb-analyze-${what}-${process.pid}${n ? `-${n}` : ''}`);
    if (!existsSync(p)) return p;
  }
}

/** Delete from old only the files listed (ours, checked unchanged) and the folders that become empty. Returns whether old is gone. */
function removeOurs(old: string, ours: string[]): boolean {
  for (const rel of ours) {
    try {
      unlinkSync(join(old, ...rel.split('/')));
    } catch {
      // Already gone: nothing to do.
    }
  }
  const dirs: string[] = [];
  const walk = (abs: string) => {
    for (const name of readdirSync(abs)) {
      const p = join(abs, name);
      if (lstatSync(p).isDirectory()) {
        walk(p);
        dirs.push(p);
      }
    }
  };
  try {
    walk(old);
    for (const d of dirs) {
      try {
        rmdirSync(d); // only when empty
      } catch {
        // Not empty: something appeared meanwhile; it stays.
      }
    }
    rmdirSync(old);
    return true;
  } catch {
    return false;
  }
}

export interface WriteReportResult {
  /** Paths written, relative to dir, in the order written (the manifest last). */
  files: string[];
  /** With force and foreign files: where the folder as it was is kept. */
  backup?: string;
  /** The earlier folder, when something in it could not be removed (it holds only this tool's files, or files that appeared meanwhile). */
  leftover?: string;
}

/** Build the whole report and put it in place of dir (see the steps at the top of this file). */
export async function writeReport(dir: string, input: ReportInput): Promise<WriteReportResult> {
  const opts = input.options ?? {};
  const a = input.analysis;
  const runs = input.inventory.runs;
  const root = resolve(dir);
  // 1. What is there now.
  const state = checkReportFolder(root, opts.force === true);

  // 2. Everything in memory.
  const figures = allFigures(a, runs, input.completeness, {
    independentScales: input.options?.independentScales === true,
    seriesPerConfiguration: input.options?.seriesPerConfiguration === true,
  });
  const rendered: RenderedFigure[] = [];
  for (const f of figures) rendered.push({ figure: f, svg: await renderSvg(f.spec, f.name) });
  const outputs = new Map<string, string | Uint8Array>();
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
  outputs.set('data/files.csv', filesCsv(a, input.inventory));
  if (input.provenance && (input.provenance.records.length > 0 || input.provenance.problems.length > 0)) outputs.set('data/provenance.csv', provenanceCsv(input.provenance));

  let browser: Browser | undefined;
  let missing: ChromiumMissingError | undefined;
  if (opts.pdf) {
    try {
      browser = await launchChromium(opts.chromium ?? DEFAULT_CHROMIUM);
    } catch (err) {
      if (!(err instanceof ChromiumMissingError)) throw err;
      missing = err;
    }
  }
  const written: string[] = [];
  let tmp: string | undefined;
  try {
    const listed = [...outputs.keys()];
    if (browser) listed.unshift('report.pdf', ...rendered.map((r) => `figures/${r.figure.name}.pdf`));
    const { html: template, css } = loadTemplate(opts.template);
    const stamp = opts.stamp === true ? new Date().toISOString() : typeof opts.stamp === 'string' ? opts.stamp : undefined;
    const html = renderHtml({
      analysis: a,
      more: input.more,
      inventory: input.inventory,
      completeness: input.completeness,
      figures: rendered,
      template,
      css,
      software: softwareVersions(),
      files: listed.sort(),
      title: opts.title,
      stamp,
      appendix: opts.appendix === true,
      reproduce: opts.reproduce,
      provenance: input.provenance,
    });
    outputs.set('index.html', html);

    // 3. A fresh folder beside the target.
    mkdirSync(dirname(root), { recursive: true });
    // Not mkdtemp: its folder is private (0700); this one gets the usual permissions (umask).
    const fresh = freeName(root, 'new');
    mkdirSync(fresh); // throws if it appeared meanwhile: then it is not ours to remove
    tmp = fresh;
    const hashes: Record<string, string> = {};
    const put = (rel: string, data: string | Uint8Array) => {
      const abs = join(tmp!, ...rel.split('/'));
      mkdirSync(dirname(abs), { recursive: true });
      writeFileSync(abs, data);
      hashes[rel] = sha256(data);
      written.push(rel);
    };
    for (const [rel, data] of outputs) put(rel, data);
    if (browser) {
      for (const r of rendered) put(`figures/${r.figure.name}.pdf`, await figurePdf(browser, r.svg));
      put('report.pdf', await reportPdf(browser, join(tmp, 'index.html')));
    }
    const manifest: Manifest = { generator: 'ycsb-analyze', version: softwareVersions()[0].version, files: Object.fromEntries(Object.keys(hashes).sort().map((k) => [k, hashes[k]])) };
    writeFileSync(join(tmp, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
    written.push(MANIFEST);
  } catch (err) {
    if (tmp && existsSync(tmp)) rmSync(tmp, { recursive: true, force: true }); // made just above: only our files
    throw err;
  } finally {
    await browser?.close();
  }

  // 4. Swap.
  const result: WriteReportResult = { files: written };
  if (!state.exists) {
    renameSync(tmp, root);
  } else if (state.foreign.length) {
    const backup = nextBackup(root);
    renameSync(root, backup);
    renameSync(tmp, root);
    result.backup = backup;
  } else {
    const old = freeName(root, 'old');
    renameSync(root, old);
    try {
      renameSync(tmp, root);
    } catch (err) {
      renameSync(old, root);
      rmSync(tmp, { recursive: true, force: true });
      throw err;
    }
    if (!removeOurs(old, state.ours)) result.leftover = old;
  }
  if (missing) {
    missing.written = [...written];
    throw missing;
  }
  return result;
}
