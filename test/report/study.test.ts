/**
 * Acceptance of the report on the real study: `analyze <study> --group rf,workload --report DIR --pdf`
 * writes the whole report (HTML, PDF, every figure as SVG/PDF/Vega-Lite, LaTeX tables, CSV data).
 * Skipped, with the reason printed, when ../shared or Chromium is absent.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';

const STUDY = path.resolve(__dirname, '../../../shared/data/ycsb/lucas-fs-ycsb-prom-metrics/YCSB-outputs');
const CHROMIUM = '/usr/bin/chromium';
const ready = existsSync(STUDY) && existsSync(CHROMIUM);
if (!ready) console.log(`skipped the study report test: ${existsSync(STUDY) ? `no browser at ${CHROMIUM}` : `${STUDY} is absent`}`);

const out = mkdtempSync(path.join(tmpdir(), 'ycsb-study-report-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe.skipIf(!ready)('the whole report on the study (--group rf,workload --pdf)', () => {
  it('writes HTML, PDF, 11 figures × svg/pdf/vl.json, tables and data, and the PDF holds the key numbers', async () => {
    const chunks: string[] = [];
    const errs: string[] = [];
    const code = await run([STUDY, '--group', 'rf,workload', '--report', out, '--pdf'], { write: (s: string) => chunks.push(s) }, { write: (s: string) => errs.push(s) });
    expect(errs.join('')).toMatch(/report: wrote \d+ files/);
    expect(code).toBe(0);
    const figures = readdirSync(path.join(out, 'figures'));
    // Throughput over time and latency: one figure per database (at most 12 panels a figure).
    for (const name of ['means', 'box', 'series-cassandra', 'series-citus', 'series-hbase', 'latency-cassandra', 'latency-citus', 'latency-hbase', 'pairs', 'qq', 'completeness']) {
      for (const ext of ['svg', 'pdf', 'vl.json']) expect(figures).toContain(`${name}.${ext}`);
    }
    expect(readdirSync(path.join(out, 'tables'))).toEqual(expect.arrayContaining(['throughput.tex', 'throughput-pairs.tex', 'read-avg.tex']));
    expect(readdirSync(path.join(out, 'data'))).toEqual(expect.arrayContaining(['throughput-groups.csv', 'throughput-runs.csv', 'series.csv']));
    const html = readFileSync(path.join(out, 'index.html'), 'utf8');
    expect(html).toContain('Going from RF 1 to RF 3 lowers Cassandra');
    const text = execFileSync('pdftotext', [path.join(out, 'report.pdf'), '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    // The mean of cassandra/a/rf1 and the sentence for it, as the terminal prints them.
    expect(text).toContain('60.96');
    expect(text).toMatch(/Going from RF 1 to RF 3 lowers Cassandra.s throughput in workload a by 14\.0%/);
  }, 240_000);
});
