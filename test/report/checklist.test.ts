/**
 * The reporting checklist (after Hoefler & Belli, SC'15) states this study's values, and the
 * committee's text carries no command-line flag. Expected values are computed here from the
 * fixture's own numbers, never copied from an output.
 */
import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../src/analysis/types.js';
import { mergeCommands, reportingChecklist } from '../../src/report/checklist.js';
import { renderHtml } from '../../src/report/html.js';
import { factorsLabel, fmtFixed, fmtNum } from '../../src/report/labels.js';
import { headlinePair } from '../../src/report/text.js';
import { loadTemplate } from '../../src/report/write.js';
import { inWords } from '../../src/report/words.js';
import { buildFixture } from './fixture.js';
import { committeeText, reproduceText } from './html-text.js';

/** The messages of today's analysis and loader that name flags (src/analysis/analyze.ts, src/ingest/scheme.ts). */
const FLAGGED = [
  'load phase (use --include-load to analyse it)',
  'not matching --filter db=cassandra',
  '3 ok runs have no value for read.p99 and are left out (see --json "excluded")',
  '--group threads: no run has this factor; known factors: db, rf',
  'db varies in the data but is not in --group: each level is analysed separately, never pooled',
  '--twoway needs two factors in --group',
  '360 runs start with more than 10% of their run time without a completed operation (median 60 s; client start-up): [OVERALL] throughput includes it, which dilutes differences; --trim-warmup measures the steady state instead',
  '5 runs of this group have no repetition number: they are pooled as repetitions but may be different configurations; name the factors with --scheme (see `analyze scheme`)',
  "a.txt: 7 in name could be a repetition or a step of another factor (record count, threads, …): not used, rep left unset. If it is the repetition, say so: --scheme '{db}-{rep}' (write {recordcount})",
  'a.txt: nothing in the name says which run this is; give --scheme',
  'a numeric column (or name one with --metric)',
  'try --independent-scales for separate axes',
];

describe('inWords', () => {
  it('leaves no flag in any message the analysis or the loader writes today', () => {
    for (const m of FLAGGED) {
      const w = inWords(m);
      expect(w, m).not.toMatch(/--[a-z]/);
      // The rest of the message is kept.
      expect(w.length, m).toBeGreaterThan(m.length / 2);
    }
    expect(inWords(FLAGGED[6])).toContain('the steady-state measure (after the warm-up) avoids this');
    expect(inWords(FLAGGED[0])).toBe('load phase (the load phase is analysed only on request)');
    expect(inWords('try --independent-scales for separate axes')).toBe("try the option 'independent scales' for separate axes");
  });

  it('changes nothing without a flag (a minus sign, an en dash, a range stay)', () => {
    for (const m in { 'p − 1': 0, 'n = 29–30': 0, 'from -5 to 5': 0, 'a -- b': 0 }) expect(inWords(m)).toBe(m);
  });
});

describe('mergeCommands', () => {
  it('writes command lines that differ in one word once, the differing part in braces', () => {
    const out = mergeCommands([
      { command: '-db X -P /w/workloada -p n=1', groups: ['a'] },
      { command: '-db X -P /w/workloadb -p n=1', groups: ['b'] },
      { command: '-db Y -P /w/workloada -p n=1 -p z=2', groups: ['c'] },
    ]);
    expect(out).toEqual([
      { command: '-db X -P /w/workload{a|b} -p n=1', groups: ['a', 'b'] },
      { command: '-db Y -P /w/workloada -p n=1 -p z=2', groups: ['c'] },
    ]);
  });

  it('keeps lines that differ in more than one word apart', () => {
    const out = mergeCommands([
      { command: 'a b c d', groups: [1] },
      { command: 'x b z d', groups: [2] },
    ]);
    expect(out.map((x) => x.command)).toEqual(['a b c d', 'x b z d']);
  });
});

/** The fixture with the YCSB command lines a real output records, and flagged messages everywhere the report shows them. */
function studyLike() {
  const f = buildFixture();
  for (const r of f.inventory.runs) {
    r.header.commandLine = `-db site.ycsb.db.${r.factors.db === 'cassandra' ? 'CassandraCQLClient' : 'JdbcDBClient'} -s -P /opt/ycsb/workloads/workload${r.factors.workload} -p recordcount=1000000 -t`;
    r.header.version = '0.18.0-SNAPSHOT';
  }
  const a = f.analysis;
  a.warnings.push(FLAGGED[4], FLAGGED[6]);
  a.excluded.push({ file: 'cassandra-load-15-1000000-a-1-rf_1.txt', reason: FLAGGED[0] });
  a.groups[0].warnings.push(FLAGGED[7]);
  a.strata[0].recommended = { test: 'welch', reason: FLAGGED[5] };
  a.twoway[0].warnings.push(FLAGGED[5]);
  // A latency analysis, as the CLI adds for the report: the same groups with another metric.
  const p99: AnalysisResult = { ...a, metric: 'read.p99', unit: 'µs', groups: a.groups.map((g) => ({ ...g, mean: g.mean * 20 })) };
  return { ...f, more: [p99] };
}

describe('reportingChecklist', () => {
  const f = studyLike();
  const a = f.analysis;
  const items = reportingChecklist({ analysis: a, more: f.more, inventory: f.inventory, completeness: f.completeness, figures: ['means', 'box', 'series', 'latency', 'pairs', 'qq'] });
  const item = (id: string) => {
    const it = items.find((x) => x.id === id)!;
    return { ...it, all: it.text.join(' ') };
  };

  it('has the eight items, in order', () => {
    expect(items.map((x) => x.id)).toEqual(['factors', 'ratios', 'summary', 'normality', 'independence', 'percentiles', 'repetitions', 'excluded']);
  });

  it('the independence check and its outcome, counted from the configurations’ trend and lag-1 results; one deployment', () => {
    const it = item('independence');
    const deps = a.groups.map((g) => g.dependence!);
    const trends = deps.filter((d) => d.kendall!.p < 0.01).length;
    expect(it.all).toContain("Kendall's τ of throughput against the run order tests for a trend, and the Ljung–Box test of the lag-1 autocorrelation");
    expect(it.all).toContain('each at α = 0.01');
    expect(it.all).toContain(trends === 0 ? `None of the ${deps.length} configurations shows a significant trend` : `${trends} of ${deps.length} configurations show a significant trend`);
    expect(it.all).toContain('All repetitions of a configuration ran on one deployment');
    // the fixture's hand-set timeline: one change point; no timeline figure among this call's figures
    expect(it.all).toContain(`on the ${a.timeline!.n} runs in start-time order, each as a z-score within its configuration: 1 was found (2024-03-05 00:40).`);
  });

  it('1. the factors and their levels, with the command line each configuration ran', () => {
    const it = item('factors');
    const analysed = a.groups.reduce((n, g) => n + g.runs.length, 0);
    expect(it.all).toContain(`${a.groups.length} configurations, ${analysed} runs analysed`);
    expect(it.all).toContain('Compared: RF (1, 2, 3)');
    expect(it.all).toContain('Grouped by workload (a, b)');
    expect(it.all).toContain('each database (Cassandra, Citus)');
    expect(it.all).toContain('The same in every run: nodes 15, phase run, record count 1000000');
    expect(it.all).toContain('YCSB client 0.18.0-SNAPSHOT');
    // 4 distinct lines (2 bindings × 2 workloads), shown as one per binding.
    expect(it.all).toContain('4 distinct command lines, shown as 2');
    expect(it.commands).toEqual([
      { label: 'Cassandra (RF 1, 2, 3; workload a, b)', command: '-db site.ycsb.db.CassandraCQLClient -s -P /opt/ycsb/workloads/workload{a|b} -p recordcount=1000000 -t' },
      { label: 'Citus (RF 1, 2, 3; workload a, b)', command: '-db site.ycsb.db.JdbcDBClient -s -P /opt/ycsb/workloads/workload{a|b} -p recordcount=1000000 -t' },
    ]);
  });

  it('1. says so when the outputs record no command line', () => {
    const g = buildFixture();
    const [first] = reportingChecklist({ analysis: g.analysis, inventory: g.inventory });
    expect(first.text.join(' ')).toContain("do not record YCSB's command line");
    expect(first.commands).toBeUndefined();
  });

  it('2. the absolute values beside a ratio, from the first stratum', () => {
    const s = a.strata[0];
    const p = headlinePair(s)!;
    const ga = a.groups.find((g) => g.key === s.groups[s.levels.indexOf(p.a)])!;
    const gb = a.groups.find((g) => g.key === s.groups[s.levels.indexOf(p.b)])!;
    expect(item('ratios').all).toContain(`RF ${p.a} ${fmtNum(ga.mean)} ops/s (n = ${ga.n}) against RF ${p.b} ${fmtNum(gb.mean)} ops/s (n = ${gb.n}), a change of ${fmtFixed(p.percent.center, 1)}%`);
  });

  it('3. the mean across repetitions, and how the rates compare with the ratio of sums', () => {
    const it = item('summary');
    const ns = a.groups.map((g) => g.n);
    expect(it.all).toContain(`arithmetic mean of its repetitions (n = ${Math.min(...ns)}–${Math.max(...ns)})`);
    expect(it.all).toContain('is a rate');
    // The fixture's ratio of sums is 1.001 × the mean in every configuration.
    expect(it.all).toContain('by up to 0.10%');
    expect(it.all).toContain(`by more than 1% in 0 of ${a.groups.length} configurations`);
  });

  it('4. the normality diagnostics, counted from the Shapiro–Wilk p-values', () => {
    const doubtful = a.groups.filter((g) => g.shapiro && g.shapiro.p < 0.05).length;
    expect(doubtful).toBeGreaterThan(0);
    expect(item('normality').all).toContain(`normality doubtful (p < 0.05) in ${doubtful} of ${a.groups.length} configurations`);
    expect(item('normality').all).toContain('Figure 6 shows the normal Q–Q plots');
    expect(item('normality').all).toContain('Welch ANOVA in 4 strata');
  });

  it('5. the latency percentiles reported, with a configuration\'s values', () => {
    const it = item('percentiles');
    expect(it.all).toContain('READ p99 (µs)');
    expect(it.all).toContain('Figure 4');
    expect(it.all).toContain(`READ p99 latency ${fmtNum(a.groups[0].mean * 20)} µs`);
  });

  it('6. the repetitions, from the completeness grid, and the target interval', () => {
    const it = item('repetitions');
    expect(it.all).toContain('The campaign holds 5 repetitions per configuration (12 configurations');
    expect(it.all).toContain('1 failed repetition and 1 missing repetition leave n = 4–5');
    expect(it.all).toContain('±5% of the mean');
  });

  it('7. what was excluded and why, in words', () => {
    const it = item('excluded');
    expect(it.all).toContain('1 file: failed: Throughput(ops/sec) is 0');
    expect(it.all).toContain('1 file: load phase (the load phase is analysed only on request)');
    expect(it.all).toContain('1 run failed or stopped early');
    const iqr = a.groups.flatMap((g) => g.runs).filter((r) => r.outlier.iqr !== 'none').length;
    expect(it.all).toContain(`No outlier was excluded: ${iqr} ${iqr === 1 ? 'run is' : 'runs are'} flagged by the 1.5 × IQR fences`);
    expect(it.all).not.toMatch(/--[a-z]/);
  });

  it('is rendered in the report, after the methods, with the reproduce line', () => {
    const { html: template, css } = loadTemplate();
    const html = renderHtml({ ...f, figures: [], template, css, software: [{ name: 'ycsb-analyze', version: '0' }], reproduce: 'analyze data --group rf,workload --report out' });
    const methods = html.indexOf('<section id="methods">');
    const checklist = html.indexOf('<section id="checklist"><h2>Reporting checklist</h2>');
    expect(methods).toBeGreaterThan(0);
    expect(checklist).toBeGreaterThan(methods);
    expect(html).toContain('Hoefler &amp; Belli');
    const line = /<p class="reproduce">[\s\S]*?<\/p>/.exec(html)?.[0] ?? '';
    expect(reproduceText(line)).toBe('How to reproduce: analyze data --group rf,workload --report out');
    // a flag is kept whole on one line (regression: the PDF broke "--group" after "--")
    expect(line).toContain('<span class="nw">--group</span>');
  });
});

describe('no command-line flag in the text for the committee', () => {
  it('summary, methods, checklist, quality, captions, tables and appendix: flags only in the reproduce line', () => {
    const f = studyLike();
    const { html: template, css } = loadTemplate();
    const figures = [{ figure: { name: 'means', title: 'Means', caption: 'One y scale; try --independent-scales for separate axes.', spec: {} as never }, svg: '<svg></svg>' }];
    const html = renderHtml({ ...f, figures, template, css, software: [{ name: 'ycsb-analyze', version: '0' }], appendix: true, reproduce: 'analyze data --group rf,workload --trim-warmup --report out' });
    const { text, reproduce } = committeeText(html);
    // The messages with flags did reach the page, in words.
    expect(text).toContain('the steady-state measure (after the warm-up) avoids this');
    expect(text).toContain('not a grouping factor');
    expect(text).toContain("try the option 'independent scales'");
    expect(text).toContain('name the factors with a file-name scheme');
    expect(text.match(/--[a-z][a-z-]*/g)).toBeNull();
    expect(reproduce).toContain('--group rf,workload --trim-warmup');
  });
});

describe('the omnibus tests in the report: Welch read, the others checks, "not testable" with why', () => {
  it("a Welch row, and a not-testable stratum that says why; the checklist counts both; no post-hoc power", () => {
    const f = buildFixture({ hostile: false });
    const a = f.analysis;
    const reason = "zero variance in rf=1 (its 5 runs all equal 520): Welch's weights n/s² are infinite";
    const first = a.strata[0];
    const second = a.strata[1];
    expect(first.welch && first.recommended).toBeTruthy();
    a.strata[1] = { ...second, welch: undefined, recommended: undefined, notTestable: reason };
    const { html: template, css } = loadTemplate();
    const html = renderHtml({ ...f, figures: [], template, css, software: [{ name: 'ycsb-analyze', version: '0' }], reproduce: 'analyze data --report out' });
    const { text } = committeeText(html);
    const rows = [...html.matchAll(/<tr>(.*?)<\/tr>/g)].map((m) => [...m[1].matchAll(/<td>(.*?)<\/td>/g)].map((c) => c[1].replace(/<[^>]+>/g, '')));
    const head = /<h3>Omnibus tests and variances per stratum<\/h3>[\s\S]*?<thead><tr>(.*?)<\/tr>/.exec(html)![1];
    expect([...head.matchAll(/<th>(.*?)<\/th>/g)].map((m) => m[1].replace(/&#39;/g, "'"))).toEqual([
      'Stratum',
      "Welch's ANOVA p",
      'Test read',
      'Why',
      'ANOVA p (check)',
      'Kruskal–Wallis p (check)',
      'Levene p',
      'Brown–Forsythe p',
    ]);
    const rowOf = (s: typeof first) => rows.find((r) => r.length === 8 && r[0] === factorsLabel(s.factors));
    expect(rowOf(first)!.slice(2, 4)).toEqual(['Welch ANOVA', first.recommended!.reason]);
    expect(rowOf(a.strata[1])![1]).toBe('—');
    expect(rowOf(a.strata[1])![2]).toBe('not testable');
    expect(rowOf(a.strata[1])![3].replace(/&#39;/g, "'")).toBe(reason);
    expect(text).toMatch(/The omnibus test read, chosen before seeing the data and not by these diagnostics: Welch ANOVA in 3 strata, not testable in 1 stratum \(the table of omnibus tests says why\)/);
    expect(text).not.toMatch(/obs\. power|observed power|Test used/);
  });
});
