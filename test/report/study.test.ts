/**
 * Acceptance of the report on the real study: `analyze <study> --group rf,workload --report DIR --pdf`
 * writes the whole report (HTML, PDF, every figure as SVG/PDF/Vega-Lite, LaTeX tables, CSV data),
 * and the PDF is a document a committee reads: at most 40 pages, no interval broken across lines,
 * nothing wider than the page, no command-line flag outside the "How to reproduce" line, and the
 * reporting checklist with the study's values. One build, one browser; skipped, with the reason
 * printed, when ../shared or Chromium is absent.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { launchChromium } from '../../src/report/pdf.js';
import { committeeText, printLayout } from './html-text.js';

const STUDY = path.resolve(__dirname, '../../../shared/data/ycsb/lucas-fs-ycsb-prom-metrics/YCSB-outputs');
const CHROMIUM = '/usr/bin/chromium';
const ready = existsSync(STUDY) && existsSync(CHROMIUM);
if (!ready) console.log(`skipped the study report test: ${existsSync(STUDY) ? `no browser at ${CHROMIUM}` : `${STUDY} is absent`}`);

const out = mkdtempSync(path.join(tmpdir(), 'ycsb-study-report-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe.skipIf(!ready)('the whole report on the study (--group rf,workload --pdf)', () => {
  it('writes HTML, PDF, 12 figures × svg/pdf/vl.json, tables and data, and the PDF holds the key numbers', async () => {
    const chunks: string[] = [];
    const errs: string[] = [];
    const code = await run([STUDY, '--group', 'rf,workload', '--report', out, '--pdf'], { write: (s: string) => chunks.push(s) }, { write: (s: string) => errs.push(s) });
    expect(errs.join('')).toMatch(/report: wrote \d+ files/);
    expect(code).toBe(0);
    const figures = readdirSync(path.join(out, 'figures'));
    // Throughput over time and latency: one figure per database (at most 12 panels a figure).
    for (const name of ['means', 'box', 'series-cassandra', 'series-citus', 'series-hbase', 'timeline', 'latency-cassandra', 'latency-citus', 'latency-hbase', 'pairs', 'qq', 'completeness']) {
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
  }, 400_000);

  it('the PDF has at most 40 pages (it had 209 with the per-run appendix)', () => {
    const info = execFileSync('pdfinfo', [path.join(out, 'report.pdf')], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    console.log(`study report.pdf: ${pages} pages`);
    expect(pages).toBeGreaterThan(5);
    expect(pages).toBeLessThanOrEqual(40);
  });

  it('no command-line flag in the text, except the one reproduce line, which is the command as given', () => {
    const html = readFileSync(path.join(out, 'index.html'), 'utf8');
    const { text, reproduce } = committeeText(html);
    expect(text.match(/--[a-z][a-z-]*/g)).toBeNull();
    expect(reproduce).toContain(`--group rf,workload --report ${out} --pdf`);
    // The analysis' warning about start-up stalls reached the page, in words.
    expect(text).toContain('the steady-state measure (after the warm-up) avoids this');
  });

  it('has the reporting checklist with the study\'s own values', () => {
    const html = readFileSync(path.join(out, 'index.html'), 'utf8');
    const { text } = committeeText(html);
    // From the checklist's opening line to the data-quality section's first sentence.
    const checklist = text.slice(text.indexOf('After Hoefler & Belli'), text.indexOf('files found under'));
    expect(checklist.length).toBeGreaterThan(1000);
    // The study's design: 3 databases × 4 workloads × RF 1–3, 30 repetitions; 2 runs failed.
    expect(checklist).toContain('36 configurations');
    expect(checklist).toContain('Compared: RF (1, 2, 3)');
    expect(checklist).toContain('Grouped by workload (a, b, c, d)');
    expect(checklist).toContain('each database (Cassandra, Citus, HBase)');
    expect(checklist).toContain('YCSB client 0.18.0-SNAPSHOT');
    expect(checklist).toContain('-P /opt/ycsb/workloads/workload{a|b|c|d}');
    expect(checklist).toContain('The campaign holds 30 repetitions per configuration');
    expect(checklist).toContain('2 failed repetitions and 0 missing repetitions leave n = 29–30');
    expect(checklist).toMatch(/normality doubtful \(p < 0\.05\) in \d+ of 36 configurations/);
    expect(checklist).toContain('READ average, p95 and p99');
    expect(checklist).toContain('9 files: load phase');
    expect(checklist).toContain('citus-exec-14-1000000-c-6-rf_1-bs_7000-fs_3000.txt');
  });

  it('states the independence check and its outcome in the methods paragraph and the checklist (issue 22)', () => {
    const html = readFileSync(path.join(out, 'index.html'), 'utf8');
    const { text } = committeeText(html);
    const methods = text.slice(text.indexOf('Runs were grouped by'), text.indexOf('After Hoefler & Belli'));
    const checklist = text.slice(text.indexOf('After Hoefler & Belli'), text.indexOf('files found under'));
    // The issue's counts on the study: 13 of 36 trends at p < 0.01 (test/analysis/dependence.test.ts checks them against R), 16 flagged in all.
    for (const part of [methods, checklist]) {
      expect(part).toContain("Kendall's τ of throughput against the run order tests for a trend, and the Ljung–Box test of the lag-1 autocorrelation");
      expect(part).toContain('each at α = 0.01');
      expect(part).toMatch(/13 of 36 configurations show a significant trend \(τ from −0\.\d\d to \+0\.\d\d\), \d+ a significant lag-1 autocorrelation \(it is above 0\.3 in 16\)/);
      expect(part).toContain("for these 16 configurations the mean's interval is also given corrected for the dependence");
      expect(part.match(/All repetitions of a configuration ran on one deployment/g)).toHaveLength(1);
      expect(part).toMatch(/Changes of the whole campaign over time were sought with PELT .* on the 1078 runs in start-time order/);
    }
    expect(checklist).toMatch(/Figure \d+ shows every run against its start time, the change points marked/);
  });

  it('laid out for print: nothing wider than the page, no interval broken across lines', async () => {
    const browser = await launchChromium();
    try {
      const l = await printLayout(browser, path.join(out, 'index.html'));
      expect(l.tooWide).toEqual([]);
      expect(l.docWidth).toBeLessThanOrEqual(l.pageWidth + 1);
      // Every configuration's CI and every pair's means and CI, for each metric, and the summary's intervals.
      expect(l.intervals).toBeGreaterThan(500);
      expect(l.brokenIntervals).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
