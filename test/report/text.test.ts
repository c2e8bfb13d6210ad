import { describe, it, expect } from 'vitest';
import type { AnalysisResult, PairResult, StratumResult } from '../../src/analysis/types.js';
import { summarySentences, methodsParagraph } from '../../src/report/text.js';
import { letters } from '../../src/report/letters.js';
import { escapeHtml, fillTemplate } from '../../src/report/html.js';
import { escapeLatex, meanPm, decimalsFor } from '../../src/report/latex.js';
import { buildFixture, HOSTILE } from './fixture.js';

function pair(a: string, b: string, pct: [number, number, number], p: number): PairResult {
  const s = (c: number, lo: number, hi: number) => ({ center: c, lo, hi, confidence: 0.95, warnings: [] });
  return { a, b, diff: s(-1, -2, 0), percent: s(...pct), hedgesG: s(-3, -4, -2), welch: { t: -5, df: 50, p, pAdjusted: p }, warnings: [] };
}

function withStratum(st: Partial<StratumResult>): AnalysisResult {
  const a = buildFixture({ hostile: false }).analysis;
  const base: StratumResult = { key: 'db=cassandra,workload=a', factors: { db: 'cassandra', workload: 'a' }, levels: ['1', '2', '3'], groups: [], pairs: [], warnings: [] };
  return { ...a, strata: [{ ...base, ...st }] };
}

describe('summary sentences', () => {
  it('reads like the issue example', () => {
    const a = withStratum({
      pairs: [pair('1', '2', [-7, -8, -6], 0.01), pair('1', '3', [-14.0, -15.4, -12.6], 1e-9)],
      welch: { statistic: 80, df1: 2, df2: 40, p: 2e-12 },
      recommended: { test: 'welch', reason: 'unequal variances' },
    });
    expect(summarySentences(a)).toEqual([
      "Going from RF 1 to RF 3 lowers Cassandra's throughput in workload a by 14.0% [12.6, 15.4], p < 0.001, Welch ANOVA (RF 1 vs RF 3: p < 0.001, Welch t-test, Holm-adjusted within the stratum).",
    ]);
  });

  it('says when the pair is not significant, with its own test, and gives the omnibus apart', () => {
    const a = withStratum({
      pairs: [pair('1', '3', [2.5, -1.25, 6.25], 0.2)],
      kruskal: { statistic: 1.2, df1: 2, p: 0.2346 },
      recommended: { test: 'kruskal', reason: 'non-normal' },
    });
    expect(summarySentences(a)[0]).toBe(
      "Going from RF 1 to RF 3 changes Cassandra's throughput in workload a by 2.5% [−1.3, 6.3], not significant at 95% confidence (RF 1 vs RF 3: p = 0.200, Welch t-test, Holm-adjusted within the stratum); across all levels of RF: p = 0.235, Kruskal–Wallis test.",
    );
  });

  it('raises: an increase is reported with its interval', () => {
    const a = withStratum({ pairs: [pair('1', '3', [10, 5, 15], 0.0123)], anova: { statistic: 9, df1: 2, df2: 20, p: 0.0123, etaSquared: 0.4, omegaSquared: 0.3 }, recommended: { test: 'anova', reason: 'ok' } });
    expect(summarySentences(a)[0]).toBe(
      "Going from RF 1 to RF 3 raises Cassandra's throughput in workload a by 10.0% [5.0, 15.0], p = 0.012, one-way ANOVA (RF 1 vs RF 3: p = 0.012, Welch t-test, Holm-adjusted within the stratum).",
    );
  });

  it('regression: a significant omnibus never makes a non-significant pair read as a change (review H1)', () => {
    const a = withStratum({
      pairs: [pair('1', '3', [-3.7, -8.8, 1.6], 0.43)],
      kruskal: { statistic: 6.5, df1: 2, p: 0.039 },
      recommended: { test: 'kruskal', reason: 'small, non-normal' },
    });
    const text = summarySentences(a)[0];
    expect(text).toContain('not significant at 95% confidence (RF 1 vs RF 3: p = 0.430');
    expect(text).not.toMatch(/lowers|raises/);
  });

  it('the methods paragraph names the tests, the confidence, the adjustment and the software', () => {
    const a = buildFixture().analysis;
    const text = methodsParagraph(a, [{ name: 'ycsb-analyze', version: '9.9.9' }, { name: 'Node.js', version: 'v20.0.0' }]).join(' ');
    for (const s of ['Student-t 95% confidence interval', "Welch's t-test", "Holm's step-down method", 'Shapiro–Wilk', "Levene's test", 'Hedges', 'ycsb-analyze 9.9.9', 'Node.js v20.0.0', 'Welch ANOVA in 4 strata', 'within each stratum', 'Fieller', 'not adjusted for multiplicity']) {
      expect(text).toContain(s);
    }
  });
});

describe('significance letters (Piepho 2004)', () => {
  it('separates significantly different levels and lets overlapping ones share', () => {
    const l = letters(['1', '2', '3'], [{ a: '1', b: '2', p: 0.001 }, { a: '1', b: '3', p: 0.0001 }, { a: '2', b: '3', p: 0.4 }], 0.05);
    expect(l).toEqual({ '1': 'a', '2': 'b', '3': 'b' });
  });
  it('a chain: 1 differs from 3 only', () => {
    const l = letters(['1', '2', '3'], [{ a: '1', b: '2', p: 0.2 }, { a: '1', b: '3', p: 0.01 }, { a: '2', b: '3', p: 0.3 }], 0.05);
    expect(l).toEqual({ '1': 'a', '2': 'ab', '3': 'b' });
  });
  it('no difference: one letter for all', () => {
    expect(letters(['x', 'y'], [{ a: 'x', b: 'y', p: 0.5 }], 0.05)).toEqual({ x: 'a', y: 'a' });
  });
  it('all different', () => {
    const l = letters(['1', '2', '3'], [{ a: '1', b: '2', p: 0.001 }, { a: '1', b: '3', p: 0.001 }, { a: '2', b: '3', p: 0.001 }], 0.05);
    expect(l).toEqual({ '1': 'a', '2': 'b', '3': 'c' });
  });
});

describe('escaping', () => {
  it('escapeHtml turns the hostile file name into text', () => {
    expect(escapeHtml(HOSTILE)).toBe('&lt;img src=x onerror=alert(1)&gt;-1.txt');
    expect(escapeHtml(`"'&`)).toBe('&quot;&#39;&amp;');
  });
  it('fillTemplate replaces each placeholder once and never expands placeholders found in data', () => {
    const out = fillTemplate('<h1>{{title}}</h1><p>{{summary}}</p>{{unknown}}', { title: '{{summary}}', summary: 'S' });
    expect(out).toBe('<h1>{{summary}}</h1><p>S</p>{{unknown}}');
  });
  it('escapeLatex escapes every special', () => {
    expect(escapeLatex('a_b&c%d$e#f{g}h~i^j\\k<l>')).toBe('a\\_b\\&c\\%d\\$e\\#f\\{g\\}h\\textasciitilde{}i\\textasciicircum{}j\\textbackslash{}k\\textless{}l\\textgreater{}');
  });
  it('mean ± half-width shows the half-width with two significant digits', () => {
    expect(decimalsFor(12.8)).toBe(0);
    expect(decimalsFor(0.31)).toBe(2);
    expect(decimalsFor(9.98)).toBe(1);
    expect(meanPm({ mean: 523.7, meanCi: { center: 523.7, lo: 510.9, hi: 536.5, confidence: 0.95, warnings: [] } })).toBe('$524 \\pm 13$');
    expect(meanPm({ mean: 3.1234, meanCi: { center: 3.1234, lo: 2.81, hi: 3.4368, confidence: 0.95, warnings: [] } })).toBe('$3.12 \\pm 0.31$');
  });
});
