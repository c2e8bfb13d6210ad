import { describe, it, expect } from 'vitest';
import type { AnalysisResult, PairResult, StratumResult } from '../../src/analysis/types.js';
import { findings, methodsParagraph, stratumLabels, studentizedPCell, summarySentences } from '../../src/report/text.js';
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
      welch: { statistic: 1.2, df1: 2, df2: 30.1, p: 0.2346 },
      kruskal: { statistic: 6.5, df1: 2, p: 0.039 },
      recommended: { test: 'welch', reason: 'the primary test' },
    });
    expect(summarySentences(a)[0]).toBe(
      "Going from RF 1 to RF 3 changes Cassandra's throughput in workload a by 2.5% [−1.3, 6.3], not significant at 95% confidence (RF 1 vs RF 3: p = 0.200, Welch t-test, Holm-adjusted within the stratum); across all levels of RF: p = 0.235, Welch ANOVA.",
    );
  });

  it('raises: an increase is reported with its interval', () => {
    const a = withStratum({ pairs: [pair('1', '3', [10, 5, 15], 0.0123)], welch: { statistic: 9, df1: 2, df2: 20, p: 0.0123 }, recommended: { test: 'welch', reason: 'ok' } });
    expect(summarySentences(a)[0]).toBe(
      "Going from RF 1 to RF 3 raises Cassandra's throughput in workload a by 10.0% [5.0, 15.0], p = 0.012, Welch ANOVA (RF 1 vs RF 3: p = 0.012, Welch t-test, Holm-adjusted within the stratum).",
    );
  });

  it('classic ANOVA and Kruskal–Wallis are never read in place of Welch; "not testable" says why', () => {
    const a = withStratum({
      pairs: [pair('1', '3', [2.5, -1.25, 6.25], 0.2)],
      anova: { statistic: 9, df1: 2, df2: 20, p: 0.0123, etaSquared: 0.4, omegaSquared: 0.3 },
      kruskal: { statistic: 6.5, df1: 2, p: 0.039 },
      notTestable: "zero variance in rf=1 (its 4 runs all equal 50): Welch's weights n/s² are infinite",
    });
    const text = summarySentences(a)[0];
    expect(text).toMatch(/; across all levels of RF, Welch's ANOVA is not testable \(zero variance in rf=1 \(its 4 runs all equal 50\): Welch's weights n\/s² are infinite\)\.$/);
    expect(text).not.toMatch(/one-way ANOVA|Kruskal/);
  });

  it('regression: a significant omnibus never makes a non-significant pair read as a change (review H1)', () => {
    const a = withStratum({
      pairs: [pair('1', '3', [-3.7, -8.8, 1.6], 0.43)],
      welch: { statistic: 6.5, df1: 2, df2: 12.2, p: 0.039 },
      recommended: { test: 'welch', reason: 'the primary test' },
    });
    const text = summarySentences(a)[0];
    expect(text).toContain('not significant at 95% confidence (RF 1 vs RF 3: p = 0.430');
    expect(text).not.toMatch(/lowers|raises/);
  });

  it('the methods paragraph names the tests, the confidence, the adjustment and the software', () => {
    const a = buildFixture().analysis;
    const text = methodsParagraph(a, [{ name: 'ycsb-analyze', version: '9.9.9' }, { name: 'Node.js', version: 'v20.0.0' }]).join(' ');
    for (const s of ['Student-t 95% confidence interval', "Welch's t-test", "Holm's step-down method", 'Shapiro–Wilk', "Levene's test", 'Hedges', 'ycsb-analyze 9.9.9', 'Node.js v20.0.0', "with Welch's ANOVA, chosen before seeing the data", 'no test of normality or of variances decided', 'sensitivity checks', 'within each stratum', 'Fieller', 'not adjusted for multiplicity', 'minimum detectable difference', 'with 80% power', 'Hoenig & Heisey']) {
      expect(text).toContain(s);
    }
    expect(text).not.toMatch(/read instead only where|fewer than 15 runs|not testable|single run/);
    expect(text).not.toMatch(/--[a-z]/);
  });

  it('the methods paragraph says where Welch was not testable and how single runs were used', () => {
    const base = buildFixture().analysis;
    const s0 = { ...base.strata[0], welch: undefined, recommended: undefined, notTestable: 'zero variance in rf=1' };
    const g0 = base.groups.find((g) => g.key === s0.groups[0])!;
    const a = { ...base, strata: [s0, ...base.strata.slice(1)], groups: base.groups.map((g) => (g === g0 ? { ...g, n: 1 } : g)) };
    const text = methodsParagraph(a, []).join(' ');
    expect(text).toContain('reported as not testable (1 stratum); no other test stands in for it');
    expect(text).toContain("A level with a single run enters one-way ANOVA, Kruskal–Wallis, Levene's test and Tukey's HSD, as in R, but not Welch's ANOVA, Games–Howell or the Welch t-tests");
  });
});

describe('one-line findings for the terminal', () => {
  it('answer first: slower/faster with the means, p and test; not significant with what the test could detect', () => {
    const a = buildFixture({ hostile: false }).analysis;
    const lines = findings(a);
    expect(lines).toHaveLength(a.strata.length);
    const labels = stratumLabels(a);
    a.strata.forEach((s, i) => {
      const label = labels.get(s.key)!;
      expect(lines[i].startsWith(`${label}: rf `), lines[i]).toBe(true);
      const p = s.pairs.find((x) => x.a === s.levels[0] && x.b === s.levels[s.levels.length - 1])!;
      const g = (l: string) => a.groups.find((x) => s.groups.includes(x.key) && x.level === l)!;
      const pct = 100 * (g(p.b).mean / g(p.a).mean - 1);
      if (p.welch.pAdjusted < 0.05) {
        expect(lines[i]).toBe(`${label}: rf ${p.b} is ${Math.abs(pct).toFixed(1)}% ${pct < 0 ? 'slower' : 'faster'} than rf ${p.a} (${g(p.a).mean.toPrecision(4)} → ${g(p.b).mean.toPrecision(4)} ops/s, ${p.welch.pAdjusted < 0.001 ? 'p < 0.001' : `p = ${p.welch.pAdjusted.toFixed(3)}`}, Welch)`);
      } else {
        expect(lines[i]).toMatch(/not significant \(p = 0\.\d{3}, Welch; could detect ±\d+\.\d%\)$/);
      }
    });
  });
  it('labels: the database bare, other factors by name, a factor that follows the others left out', () => {
    const a = withStratum({});
    const two = { ...a, strata: [
      { ...a.strata[0], key: 'db=cassandra,nodes=15,workload=a', factors: { db: 'cassandra', nodes: '15', workload: 'a' } },
      { ...a.strata[0], key: 'db=citus,nodes=14,workload=a', factors: { db: 'citus', nodes: '14', workload: 'a' } },
    ] };
    expect([...stratumLabels(two).values()]).toEqual(['cassandra, workload a', 'citus, workload a']);
  });
  it('a stratum with nothing testable says so', () => {
    const a = withStratum({ pairs: [], notTestable: 'fewer than 2 levels of rf have runs' });
    expect(findings(a)).toEqual(["cassandra, workload a: nothing to compare (Welch's ANOVA not testable: fewer than 2 levels of rf have runs)"]);
  });
  it('Tukey and Games–Howell cells show the bound, never the noise below it', () => {
    expect(studentizedPCell({ p: NaN, pUpper: 1e-9 })).toBe('< 1e-9');
    expect(studentizedPCell({ p: 0.0321 })).toBe('0.032');
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
