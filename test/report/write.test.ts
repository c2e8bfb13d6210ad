import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, existsSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { buildFixture, HOSTILE } from './fixture.js';
import { writeReport } from '../../src/report/write.js';
import { ChromiumMissingError } from '../../src/report/pdf.js';

const f = buildFixture();
const tmp = () => mkdtempSync(join(tmpdir(), 'ycsb-report-'));

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
    for (const n of ['means', 'box', 'series', 'latency', 'pairs', 'qq', 'completeness']) {
      expect(existsSync(join(d1, 'figures', `${n}.svg`))).toBe(true);
      const spec = JSON.parse(readFileSync(join(d1, 'figures', `${n}.vl.json`), 'utf8'));
      expect(spec.data.values.length).toBeGreaterThan(0);
    }
    expect(readdirSync(join(d1, 'tables')).sort()).toEqual(['throughput-pairs.tex', 'throughput.tex']);
    expect(readdirSync(join(d1, 'data')).sort()).toEqual(['latency.csv', 'series.csv', 'throughput-groups.csv', 'throughput-pairs.csv', 'throughput-runs.csv']);
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

  it('shows the hostile file name as text and nowhere as markup', () => {
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;-1.txt');
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/onerror=alert\(1\)>/);
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
  });
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
