import { describe, it, expect, beforeAll } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, existsSync, writeFileSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { buildFixture, HOSTILE } from './fixture.js';
import { MANIFEST, ReportFolderError, writeReport, type Manifest } from '../../src/report/write.js';
import { ChromiumMissingError, DEFAULT_CHROMIUM } from '../../src/report/pdf.js';
import type { AnalysisResult } from '../../src/analysis/types.js';

const f = buildFixture();
const tmp = () => mkdtempSync(join(tmpdir(), 'ycsb-report-'));

/** Every file under dir, relative, sorted (folders end with '/'). */
function tree(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const rel = p.slice(base.length + 1);
    if (statSync(p).isDirectory()) out.push(`${rel}/`, ...tree(p, base));
    else out.push(rel);
  }
  return out;
}

describe('writeReport (no PDF)', () => {
  let d1: string;
  let d2: string;
  let html: string;
  beforeAll(async () => {
    d1 = tmp();
    d2 = tmp();
    await writeReport(d1, { ...f });
    await writeReport(d2, { ...buildFixture() });
    html = readFileSync(join(d1, 'index.html'), 'utf8');
  });

  it('writes the HTML, every figure as SVG and Vega-Lite JSON, the LaTeX tables and the CSV', () => {
    for (const n of ['means', 'box', 'series', 'timeline', 'latency', 'pairs', 'qq', 'completeness']) {
      expect(existsSync(join(d1, 'figures', `${n}.svg`))).toBe(true);
      const spec = JSON.parse(readFileSync(join(d1, 'figures', `${n}.vl.json`), 'utf8'));
      expect(spec.data.values.length).toBeGreaterThan(0);
    }
    expect(readdirSync(join(d1, 'tables')).sort()).toEqual(['throughput-pairs.tex', 'throughput.tex']);
    expect(readdirSync(join(d1, 'data')).sort()).toEqual(['files.csv', 'latency.csv', 'series.csv', 'throughput-groups.csv', 'throughput-pairs.csv', 'throughput-runs.csv']);
  });

  it('lists every file it wrote in the manifest, with its sha256', () => {
    const m = JSON.parse(readFileSync(join(d1, MANIFEST), 'utf8')) as Manifest;
    expect(m.generator).toBe('ycsb-analyze');
    const files = tree(d1).filter((p) => !p.endsWith('/') && p !== MANIFEST);
    expect(Object.keys(m.files).sort()).toEqual(files);
    for (const p of files) expect(m.files[p], p).toBe(createHash('sha256').update(readFileSync(join(d1, p))).digest('hex'));
  });

  it('data/files.csv has one row per input file, with its status and notes', () => {
    const rows = Papa.parse<Record<string, string>>(readFileSync(join(d1, 'data', 'files.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
    expect(rows.map((r) => r.file)).toEqual(f.inventory.runs.map((r) => r.file));
    const failed = rows.find((r) => r.status === 'failed')!;
    expect(failed.notes).toContain('Throughput is 0');
  });

  it('has no appendix unless asked; with it, one table row per input file', async () => {
    expect(html).not.toContain('id="appendix"');
    const d = tmp();
    await writeReport(d, { ...f, options: { appendix: true } });
    const withApp = readFileSync(join(d, 'index.html'), 'utf8');
    const table = /<table class="appendix" style="font-size:[\d.]+px">[\s\S]*?<\/table>/.exec(withApp)![0];
    expect(table.match(/<tr>/g)!.length).toBe(f.inventory.runs.length + 1);
    // Factors with one level everywhere are said once, not repeated in a column.
    expect(withApp).toContain('The same in every file: nodes 15, phase run, record count 1000000.');
    expect(table).not.toContain('<th>nodes</th>');
  });

  it('leaves no temporary file behind', () => {
    for (const sub of ['.', 'figures', 'tables', 'data']) expect(readdirSync(join(d1, sub)).filter((x) => x.endsWith('.tmp'))).toEqual([]);
  });

  it('same input, byte-identical HTML and SVG, and no timestamp', () => {
    expect(readFileSync(join(d2, 'index.html'), 'utf8')).toBe(html);
    for (const n of readdirSync(join(d1, 'figures'))) expect(readFileSync(join(d2, 'figures', n), 'utf8')).toBe(readFileSync(join(d1, 'figures', n), 'utf8'));
    expect(html).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
    expect(html).not.toContain('class="stamp"');
  });

  it('shows the hostile file name as text and nowhere as markup (appendix included)', async () => {
    const d = tmp();
    await writeReport(d, { ...f, options: { appendix: true } });
    const withApp = readFileSync(join(d, 'index.html'), 'utf8');
    for (const h of [html, withApp]) {
      expect(h).not.toContain('<img');
      expect(h).not.toMatch(/onerror=alert\(1\)>/);
    }
    expect(withApp).toContain('<code>&lt;img src=x onerror=alert(1)&gt;-1.txt</code>');
  });

  it('is self-contained: no script, no external URL', () => {
    expect(html).not.toMatch(/<script/i);
    // Only the SVG namespace names may mention http (they are identifiers, never fetched).
    const stripped = html.replace(/xmlns(:xlink)?="http:\/\/www\.w3\.org\/[^"]*"/g, '');
    expect(stripped).not.toMatch(/https?:\/\//);
    expect(html).toContain('http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;');
  });

  it('the CSV reads back with the exact numbers (pgfplots-ready header)', () => {
    const parsed = Papa.parse<Record<string, string>>(readFileSync(join(d1, 'data', 'throughput-groups.csv'), 'utf8'), { header: true, skipEmptyLines: true });
    for (const h of parsed.meta.fields!) expect(h).toMatch(/^[A-Za-z0-9_]+$/);
    expect(parsed.data).toHaveLength(f.analysis.groups.length);
    parsed.data.forEach((row, i) => {
      const g = f.analysis.groups[i];
      expect(Number(row.mean)).toBe(g.mean);
      expect(Number(row.lo)).toBe(g.meanCi.lo);
      expect(row.level).toBe(g.level);
    });
    const runs = Papa.parse<Record<string, string>>(readFileSync(join(d1, 'data', 'throughput-runs.csv'), 'utf8'), { header: true, skipEmptyLines: true });
    expect(runs.data.some((r) => r.file === HOSTILE)).toBe(true);
  });

  it('the LaTeX table uses booktabs and has one row per configuration', () => {
    const tex = readFileSync(join(d1, 'tables', 'throughput.tex'), 'utf8');
    expect(tex).toContain('\\toprule');
    expect(tex).toContain('\\bottomrule');
    expect(tex.match(/\\pm \d/g)).toHaveLength(f.analysis.groups.length);
  });

  it('a stamp is printed only when asked', async () => {
    const d = tmp();
    await writeReport(d, { ...f, options: { stamp: '2024-01-02T03:04:05Z' } });
    expect(readFileSync(join(d, 'index.html'), 'utf8')).toContain('Generated 2024-01-02T03:04:05Z');
  });

  it('uses a user template folder (report.html + report.css)', async () => {
    const t = tmp();
    mkdirSync(join(t, 'tpl'));
    writeFileSync(join(t, 'tpl', 'report.html'), '<html><head><style>{{css}}</style></head><body><h1 id="t">{{title}}</h1>{{summary}}</body></html>');
    writeFileSync(join(t, 'tpl', 'report.css'), 'h1 { color: rebeccapurple; }');
    const d = join(t, 'out');
    await writeReport(d, { ...f, options: { template: join(t, 'tpl'), title: 'My <thesis>' } });
    const out = readFileSync(join(d, 'index.html'), 'utf8');
    expect(out).toContain('rebeccapurple');
    expect(out).toContain('<h1 id="t">My &lt;thesis&gt;</h1>');
    expect(out).toContain('Going from RF 1 to RF 3');
  });
});

describe('fittingFontPx', () => {
  it('keeps the largest size when the table fits, and shrinks it in proportion when it does not', async () => {
    const { fittingFontPx, PAGE_WIDTH_PX } = await import('../../src/report/html.js');
    expect(PAGE_WIDTH_PX).toBeCloseTo((180 / 25.4) * 96, 6);
    expect(fittingFontPx([{ cells: ['short'] }])).toBe(8.67);
    const cols = (chars: number) => [{ cells: ['x'.repeat(chars)], mono: true }, { cells: ['y'.repeat(chars)] }];
    const a = fittingFontPx(cols(70));
    const b = fittingFontPx(cols(140));
    expect(a).toBeLessThan(8.67);
    // Twice the text, about half the size (the padding does not scale).
    expect(b / a).toBeGreaterThan(0.45);
    expect(b / a).toBeLessThan(0.55);
    // At that size the estimated width fits 96% of the page.
    expect(a * (70 * 0.6 * 0.92 + 70 * 0.56) + 2 * 5).toBeLessThanOrEqual(0.96 * PAGE_WIDTH_PX + 0.01);
    // Never below 4 px (a longer table is then wider than the page).
    expect(fittingFontPx(cols(1000))).toBe(4);
  });
});

describe('writeReport with --pdf and no browser', () => {
  it('throws ChromiumMissingError with the install command, after writing the HTML', async () => {
    const d = tmp();
    const err = await writeReport(d, { ...f, options: { pdf: true, chromium: '/nonexistent/chromium' } }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ChromiumMissingError);
    expect((err as Error).message).toContain('apt-get install -y chromium');
    expect((err as ChromiumMissingError).written).toContain('index.html');
    expect(existsSync(join(d, 'index.html'))).toBe(true);
    expect(existsSync(join(d, 'report.pdf'))).toBe(false);
    // The HTML does not list PDFs that were never printed.
    expect(readFileSync(join(d, 'index.html'), 'utf8')).not.toContain('report.pdf');
  });
});

describe('the report folder is written whole: no stale file, nothing foreign deleted', () => {
  /** The fixture with a second metric, as the CLI adds latency tables. */
  const withMore = () => {
    const g = buildFixture();
    const more: AnalysisResult = { ...g.analysis, metric: 'read.p99', unit: 'µs' };
    return { ...g, more: [more] };
  };

  it('a file not written this time is gone (fewer outputs on the second run)', async () => {
    const d = join(tmp(), 'report');
    await writeReport(d, withMore());
    expect(existsSync(join(d, 'tables', 'read-p99.tex'))).toBe(true);
    const r = await writeReport(d, { ...f });
    expect(existsSync(join(d, 'tables', 'read-p99.tex'))).toBe(false);
    expect(existsSync(join(d, 'data', 'read-p99-groups.csv'))).toBe(false);
    // Exactly the files of the second run, and its manifest.
    expect(tree(d).filter((p) => !p.endsWith('/')).sort()).toEqual([...r.files].sort());
    expect(r.backup).toBeUndefined();
    expect(r.leftover).toBeUndefined();
  });

  it('leaves no temporary or old folder beside the report', async () => {
    const parent = tmp();
    const d = join(parent, 'report');
    await writeReport(d, { ...f });
    await writeReport(d, { ...f });
    expect(readdirSync(parent)).toEqual(['report']);
  });

  it('writes into an existing empty folder', async () => {
    const d = tmp();
    await writeReport(d, { ...f });
    expect(existsSync(join(d, 'index.html'))).toBe(true);
  });

  it('refuses a folder holding a file it did not write, saying what it found, and touches nothing', async () => {
    const parent = tmp();
    const d = join(parent, 'report');
    await writeReport(d, { ...f });
    writeFileSync(join(d, 'notes.txt'), 'mine');
    mkdirSync(join(d, 'drafts'));
    const before = tree(d);
    const html = readFileSync(join(d, 'index.html'), 'utf8');
    const err = await writeReport(d, withMore()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ReportFolderError);
    const e = err as ReportFolderError;
    expect(e.kind).toBe('foreign');
    expect(e.found.map((x) => x.path)).toEqual(['drafts/', 'notes.txt']);
    expect(e.message).toContain('notes.txt (not listed as written by ycsb-analyze)');
    expect(e.message).toContain('force option');
    expect(e.message).toContain(`${d}.backup-1`);
    expect(tree(d)).toEqual(before);
    expect(readFileSync(join(d, 'index.html'), 'utf8')).toBe(html);
    expect(readdirSync(parent)).toEqual(['report']);
  });

  it('counts a file it wrote but someone changed as foreign', async () => {
    const d = join(tmp(), 'report');
    await writeReport(d, { ...f });
    writeFileSync(join(d, 'tables', 'throughput.tex'), '% my edits\n');
    const err = (await writeReport(d, { ...f }).catch((x: unknown) => x)) as ReportFolderError;
    expect(err.found).toEqual([{ path: 'tables/throughput.tex', why: 'changed since ycsb-analyze wrote it' }]);
  });

  it('recognises a report of an earlier version (no manifest) and says so', async () => {
    const d = join(tmp(), 'report');
    await writeReport(d, { ...f });
    const { unlinkSync } = await import('node:fs');
    unlinkSync(join(d, MANIFEST));
    const err = (await writeReport(d, { ...f }).catch((x: unknown) => x)) as ReportFolderError;
    expect(err.kind).toBe('foreign');
    expect(err.earlierReport).toBe(true);
    expect(err.message).toContain('an earlier ycsb-analyze');
  });

  it('with force, keeps the folder as it was, untouched, as DIR.backup-N, and writes the new one in its place', async () => {
    const parent = tmp();
    const d = join(parent, 'report');
    await writeReport(d, withMore());
    writeFileSync(join(d, 'notes.txt'), 'mine');
    const before = tree(d);
    const oldHtml = readFileSync(join(d, 'index.html'));
    const r = await writeReport(d, { ...f, options: { force: true } });
    expect(r.backup).toBe(`${d}.backup-1`);
    expect(tree(r.backup!)).toEqual(before);
    expect(readFileSync(join(r.backup!, 'notes.txt'), 'utf8')).toBe('mine');
    expect(readFileSync(join(r.backup!, 'index.html')).equals(oldHtml)).toBe(true);
    expect(existsSync(join(d, 'notes.txt'))).toBe(false);
    expect(existsSync(join(d, 'tables', 'read-p99.tex'))).toBe(false);
    // A second forced run with foreign files again: the first backup stays, a second one is made.
    writeFileSync(join(d, 'notes.txt'), 'again');
    const r2 = await writeReport(d, { ...f, options: { force: true } });
    expect(r2.backup).toBe(`${d}.backup-2`);
    expect(readFileSync(join(`${d}.backup-1`, 'notes.txt'), 'utf8')).toBe('mine');
    expect(readdirSync(parent).sort()).toEqual(['report', 'report.backup-1', 'report.backup-2']);
    // Force without foreign files replaces the folder and makes no backup.
    const r3 = await writeReport(d, { ...f, options: { force: true } });
    expect(r3.backup).toBeUndefined();
  });

  it('refuses a file in place of the folder, and the working folder itself', async () => {
    const p = join(tmp(), 'a-file');
    writeFileSync(p, 'x');
    await expect(writeReport(p, { ...f })).rejects.toMatchObject({ kind: 'not-a-folder' });
    expect(readFileSync(p, 'utf8')).toBe('x');
    await expect(writeReport(process.cwd(), { ...f })).rejects.toMatchObject({ kind: 'holds-working-folder' });
  });
});

describe.skipIf(!existsSync(DEFAULT_CHROMIUM))('stale PDFs (needs Chromium)', () => {
  it('a report written with PDFs, then without: no report.pdf and no figures/*.pdf remain', async () => {
    const d = join(tmp(), 'report');
    await writeReport(d, { ...f, options: { pdf: true } });
    expect(existsSync(join(d, 'report.pdf'))).toBe(true);
    expect(readdirSync(join(d, 'figures')).filter((x) => x.endsWith('.pdf')).length).toBeGreaterThan(0);
    await writeReport(d, { ...f });
    expect(existsSync(join(d, 'report.pdf'))).toBe(false);
    expect(readdirSync(join(d, 'figures')).filter((x) => x.endsWith('.pdf'))).toEqual([]);
    expect(readFileSync(join(d, 'index.html'), 'utf8')).not.toContain('report.pdf');
  }, 120_000);
});

describe('specJson', () => {
  it('keeps the spec equal while putting each data row on one line', async () => {
    const { specJson } = await import('../../src/report/write.js');
    const { allFigures } = await import('../../src/report/specs.js');
    for (const fig of allFigures(f.analysis, f.inventory.runs, f.completeness)) {
      const text = specJson(fig.spec);
      expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(fig.spec)));
      const rows = (fig.spec as unknown as { data: { values: unknown[] } }).data.values;
      expect(text.split('\n').length).toBeLessThan(rows.length + 400);
    }
  });
});
