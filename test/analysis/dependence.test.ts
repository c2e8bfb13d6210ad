/**
 * Issue 22 wired into the analysis (src/analysis/dependence.ts): per-configuration trend and lag-1
 * dependence on the study against R (test/stats/reference/dependence.json, study cases), a nested
 * CSV end to end against R (test/stats/reference/nested.json), and generated campaigns: the trend
 * warning's false-positive rate on stationary ones, its power on trending ones.
 */
import { mkdtempSync, readFileSync, copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, present, study } from '../../fixtures/exec/cli.js';
import { analyze } from '../../src/analysis/analyze.js';
import { DEPENDENCE_ALPHA, runOrder } from '../../src/analysis/dependence.js';
import type { AnalysisResult } from '../../src/analysis/types.js';
import type { Factors, Inventory, Run } from '../../src/model/index.js';
import { createRng } from '../../src/stats/rng.js';

const ROOT = path.resolve(__dirname, '../..');
const STAT = 1e-9;
const PVAL = 1e-6;
const rel = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));
const near = (found: number, expected: number, tol: number, what: string) =>
  expect(rel(found, expected), `${what}: found ${found}, R ${expected}`).toBeLessThanOrEqual(tol);

interface StudyCase { name: string; source: string; n: number; kendall: { alternative: string; exact: unknown; continuity: boolean; tau: number; p: number }[]; acf: { acf: number[] } }
const depRef = JSON.parse(readFileSync(path.join(ROOT, 'test/stats/reference/dependence.json'), 'utf8')) as { cases: StudyCase[] };

describe.skipIf(!present)('the study: τ, p and the lag-1 autocorrelation per configuration, as R', () => {
  it('--json carries R’s cor.test and acf for each of the 36 configurations; 13 trends, 16 flagged', async () => {
    const r = await cli([study, '--json'], ROOT);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as AnalysisResult;
    const cases = depRef.cases.filter((c) => c.source === 'study');
    expect(cases).toHaveLength(36);
    for (const c of cases) {
      const [db, workload, rf] = c.name.split('/');
      const g = doc.groups.find((x) => x.factors.db === db && x.factors.workload === workload && `rf${x.factors.rf}` === rf)!;
      expect(g, c.name).toBeDefined();
      const d = g.dependence!;
      // start times from the status lines (issue 22: in the study, start-time order is repetition order, so R's rep-order references apply)
      expect(d.order, c.name).toBe('start-time');
      expect(d.n, c.name).toBe(c.n);
      const k = c.kendall.find((x) => x.alternative === 'two.sided' && x.exact === 'default' && !x.continuity)!;
      near(d.kendall!.tau, k.tau, STAT, `${c.name} τ`);
      near(d.kendall!.p, k.p, PVAL, `${c.name} p`);
      near(d.acf1!, c.acf.acf[1], STAT, `${c.name} acf1`);
      expect(d.significant, c.name).toBe(d.kendall!.p < DEPENDENCE_ALPHA || d.ljungBox!.p < DEPENDENCE_ALPHA);
      if (d.significant) {
        expect(d.adjustedCi!.nEff, c.name).toBeLessThanOrEqual(c.n);
        expect(g.warnings.some((w) => w.includes('the repetitions are not independent')), c.name).toBe(true);
      } else expect(d.adjustedCi, c.name).toBeUndefined();
    }
    expect(doc.groups.filter((g) => g.dependence!.kendall!.p < 0.01)).toHaveLength(13);
    expect(doc.groups.filter((g) => g.dependence!.significant)).toHaveLength(16);
    expect(doc.warnings.filter((w) => w.includes('no deployment factor'))).toHaveLength(1);
  });
});

interface NestedCase { config: string; between: number; within: number; icc: number; method: string; groupMeans: number[]; tInterval: { confidence: number; mean: number; lo: number; hi: number; df: number }[] }
const nestedRef = JSON.parse(readFileSync(path.join(ROOT, 'test/stats/reference/nested.json'), 'utf8')) as { cases: NestedCase[] };

describe('a nested CSV (config, deployment, rep, throughput) end to end', () => {
  it('the mean, its interval from the deployment means and both variance components are R’s', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nested-'));
    try {
      copyFileSync(path.join(ROOT, 'test/stats/reference/nested.csv'), path.join(dir, 'nested.csv'));
      const r = await cli([dir, '--json'], ROOT);
      expect(r.code).toBe(0);
      const doc = JSON.parse(r.stdout) as AnalysisResult;
      expect(doc.options.group).toEqual(['config']); // deployment (like rep) never forms groups
      expect(doc.warnings.some((w) => w.includes('no deployment factor'))).toBe(false);
      expect(doc.groups).toHaveLength(nestedRef.cases.length);
      for (const c of nestedRef.cases) {
        const g = doc.groups.find((x) => x.factors.config === c.config)!;
        const t = c.tInterval.find((x) => x.confidence === 0.95)!;
        const nested = g.nested!;
        expect(nested.deployments.length, c.config).toBe(c.groupMeans.length);
        nested.deploymentMeans.forEach((m, i) => near(m, c.groupMeans[i], STAT, `${c.config} deployment mean ${i + 1}`));
        near(g.meanCi.center, t.mean, STAT, `${c.config} mean`);
        near(g.meanCi.lo, t.lo, STAT, `${c.config} lo`);
        near(g.meanCi.hi, t.hi, STAT, `${c.config} hi`);
        expect(nested.meanCi.df, c.config).toBe(t.df);
        expect(nested.components!.method, c.config).toBe(c.method);
        // R: (MSB − MSW)/n₀ from aov (truncated at 0) and MSW for balanced designs; lme's REML otherwise.
        if (c.between === 0) expect(nested.components!.between, c.config).toBe(0);
        else near(nested.components!.between, c.between, c.method === 'anova' ? STAT : 1e-6, `${c.config} between`);
        near(nested.components!.within, c.within, c.method === 'anova' ? STAT : 1e-6, `${c.config} within`);
        expect(nested.advice?.costSource, c.config).toBe('assumed-equal');
        expect(g.warnings.some((w) => w.startsWith(`repetitions are nested in ${c.groupMeans.length} deployments`)), c.config).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

let seq = 0;
function run(factors: Factors, throughput: number): Run {
  const file = `gen-${factors.config}-${factors.rep}-${++seq}.txt`;
  return {
    name: file, status: 'ok', diagnostics: [], format: 'ycsb-text', header: { factors: {}, properties: {} },
    metrics: { throughput, operations: 1000, runtime: (1000 / throughput) * 1000 }, operations: {}, series: [],
    sourceLatencyUnit: 'us', lines: 10, file, root: '/gen', factors: { phase: 'run', ...factors },
    origin: { scheme: 'test', fromName: factors, fromContent: {}, conflicts: [], ambiguities: [] },
  };
}
function campaign(seed: number, configs: number, n: number, slope: number): Inventory {
  const rng = createRng(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rng.random())) * Math.cos(2 * Math.PI * rng.random());
  const runs: Run[] = [];
  for (let c = 0; c < configs; c++) for (let i = 1; i <= n; i++) runs.push(run({ config: `c${c}`, rep: String(i) }, 100 + slope * i + normal()));
  // shuffled, so that the order must come from the repetition numbers
  for (let i = runs.length - 1; i > 0; i--) {
    const j = Math.floor(rng.random() * (i + 1));
    [runs[i], runs[j]] = [runs[j], runs[i]];
  }
  return { runs } as unknown as Inventory;
}
/** P(X ≥ k) for X ~ Binomial(m, p). */
function binomialUpper(k: number, m: number, p: number): number {
  let term = Math.pow(1 - p, m); // P(X = 0)
  let cdf = 0;
  for (let x = 0; x < k; x++) {
    cdf += term;
    term *= ((m - x) / (x + 1)) * (p / (1 - p));
  }
  return 1 - cdf;
}

// The configurations are not compared with each other (no run has the compared factor): only the
// per-configuration statistics are computed.
const NO_COMPARISON = { group: ['config'], compare: 'not-a-factor' };

describe('generated campaigns (seeded)', () => {
  const M = 200;
  const N = 30;
  it('stationary: trend warnings within the false-positive rate α = 0.01 (binomial bound at 0.001)', () => {
    const result = analyze(campaign(22, M, N, 0), NO_COMPARISON);
    expect(result.groups).toHaveLength(M);
    for (const g of result.groups) expect(g.dependence!.order).toBe('rep');
    const trends = result.groups.filter((g) => g.warnings.some((w) => w.includes('per repetition'))).length;
    // the exact test has size ≤ α: more than `bound` false alarms happens with probability < 0.001
    let bound = 0;
    while (binomialUpper(bound + 1, M, DEPENDENCE_ALPHA) >= 0.001) bound++;
    expect(trends).toBeLessThanOrEqual(bound);
    expect(bound).toBeLessThan(10);
  });
  it('trending (0.1 sd per repetition, 3 sd over the campaign): the trend is caught in (nearly) every configuration', () => {
    const result = analyze(campaign(23, 50, N, -0.1), NO_COMPARISON);
    const caught = result.groups.filter((g) => g.dependence!.significant && g.dependence!.kendall!.tau < 0);
    expect(caught.length).toBeGreaterThanOrEqual(48);
    for (const g of caught) {
      expect(g.warnings.some((w) => /throughput falls by [0-9.]+ ops\/s per repetition/.test(w))).toBe(true);
      expect(g.dependence!.sensSlope!.lo).toBeLessThan(-0.1 / 2);
    }
  });
});

describe('run order', () => {
  const r = (file: string, factors: Factors, iso?: string) => ({ file, factors, start: iso ? { iso, source: 'status-line' as const } : undefined });
  it('start times when every run has one, else repetition numbers (numerically), else file names', () => {
    const a = r('b.txt', { rep: '10' }, '2024-01-01T10:00:00');
    const b = r('a.txt', { rep: '2' }, '2024-01-01T11:00:00');
    expect(runOrder([b, a])).toEqual({ order: 'start-time', runs: [a, b] });
    const c = r('c.txt', { rep: '9' });
    expect(runOrder([a, b, c]).order).toBe('rep');
    expect(runOrder([a, b, c]).runs.map((x) => x.factors.rep)).toEqual(['2', '9', '10']);
    const d = r('d.txt', {});
    expect(runOrder([d, c, b])).toEqual({ order: 'file', runs: [b, c, d] });
  });
});
