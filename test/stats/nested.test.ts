import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { varianceComponents } from '../../src/stats/varianceComponents.js';
import { nestedMeanInterval } from '../../src/stats/nestedMeanInterval.js';
import { optimalRepetitions, type OptimalRepetitionsInput } from '../../src/stats/optimalRepetitions.js';
import { tQuantile } from '../../src/stats/distributions.js';
import { createRng } from '../../src/stats/rng.js';

// Expected values written by test/stats/reference/nested.R (R 4.2.2): aov, t.test, REML solved in R
// from the generic matrix score to the last bits, nlme::lme and lme4::lmer as cross-checks (they stop
// at their own tolerances, ~1e-6), Kalibera & Jones' formulas written out; the data are nested.csv.
const NONFINITE: Record<string, number> = { NaN: NaN, NA: NaN, Inf: Infinity, '-Inf': -Infinity };
interface Components { between: number; within: number; mean?: number; logLik?: number }
interface OptimalRef {
  input: Required<OptimalRepetitionsInput>;
  optimal: number;
  kaliberaJones: number;
  repetitions: number;
  current: Record<string, number>;
  moreDeployments: Record<string, number>;
  moreRepetitions: Record<string, number>;
  shrinksMost: 'deployments' | 'repetitions';
  deploymentsNeeded: number;
}
interface Case {
  config: string;
  groups: number[][];
  balanced: boolean;
  method: 'anova' | 'reml';
  anova: Record<string, number>;
  reml: Components & { boundary: boolean };
  crossCheck: { lme?: Components; lmer: Components };
  between: number;
  within: number;
  icc: number;
  groupMeans: number[];
  tInterval: { confidence: number; mean: number; lo: number; hi: number; df: number; halfWidth: number }[];
  optimal: OptimalRef[];
}
const ref = JSON.parse(readFileSync(new URL('./reference/nested.json', import.meta.url), 'utf8'), (_k, v) =>
  typeof v === 'string' && v in NONFINITE ? NONFINITE[v] : v,
) as { R: string; nlme: string; lme4: string; cases: Case[] };

const STAT = 1e-9;
/** nlme::lme and lme4::lmer stop their optimisers early: agreement measured at up to 1.2e-6. */
const LME = 2e-6;
const rel = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));
function close(actual: number, expected: number, tol: number, what: string): void {
  if (!Number.isFinite(expected)) {
    expect(actual, what).toBe(expected);
    return;
  }
  expect(rel(actual, expected), `${what}: ${actual} vs R ${expected}`).toBeLessThanOrEqual(tol);
}

describe('nested reference files', () => {
  it('nested.csv (config, deployment, rep, throughput) holds exactly the groups of nested.json', () => {
    const lines = readFileSync(new URL('./reference/nested.csv', import.meta.url), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('config,deployment,rep,throughput');
    const byConfig = new Map<string, number[][]>();
    for (const line of lines.slice(1)) {
      const [config, dep, rep, y] = line.split(',');
      const groups = byConfig.get(config) ?? [];
      byConfig.set(config, groups);
      (groups[Number(dep) - 1] ??= [])[Number(rep) - 1] = Number(y);
    }
    expect([...byConfig.keys()]).toEqual(ref.cases.map((c) => c.config));
    for (const c of ref.cases) expect(byConfig.get(c.config), c.config).toEqual(c.groups);
    expect(ref.cases.some((c) => !c.balanced && c.groups.some((g) => g.length === 1))).toBe(true);
  });
});

describe('varianceComponents matches aov (ANOVA) and REML (R, lme, lmer)', () => {
  for (const c of ref.cases) {
    it(c.config, () => {
      const r = varianceComponents(c.groups);
      expect(r.balanced).toBe(c.balanced);
      expect(r.method).toBe(c.method);
      for (const key of ['between', 'within', 'msBetween', 'msWithin', 'n0'] as const) {
        close(r.anova[key], c.anova[key], STAT, `anova ${key}`);
      }
      expect(r.anova.dfBetween).toBe(c.anova.dfBetween);
      expect(r.anova.dfWithin).toBe(c.anova.dfWithin);
      expect(r.reml.boundary).toBe(c.reml.boundary);
      if (c.reml.boundary) expect(r.reml.between).toBe(0);
      else close(r.reml.between, c.reml.between, STAT, 'reml between');
      close(r.reml.within, c.reml.within, STAT, 'reml within');
      close(r.reml.mean, c.reml.mean!, STAT, 'reml mean');
      for (const [name, fit] of Object.entries(c.crossCheck)) {
        if (!fit) continue;
        const scale = c.reml.between + c.reml.within;
        expect(Math.abs(r.reml.between - fit.between) / scale, `${name} between`).toBeLessThanOrEqual(LME);
        close(r.reml.within, fit.within, LME, `${name} within`);
        close(r.reml.mean, fit.mean!, LME, `${name} mean`);
        // the likelihood is flat at its maximum: lme's and lmer's early stops cost it ~1e-12
        close(r.reml.logLik, fit.logLik!, STAT, `${name} logLik`);
      }
      if (c.between === 0) expect(r.between).toBe(0);
      else close(r.between, c.between, STAT, 'between');
      close(r.within, c.within, STAT, 'within');
      if (c.icc === 0) expect(r.icc).toBe(0);
      else close(r.icc, c.icc, STAT, 'icc');
      expect(r.warnings.length).toBe(c.method === 'anova' && c.anova.between < 0 ? 1 : 0);
    });
  }
  it('the REML estimate maximises the restricted likelihood (neighbours are lower)', () => {
    for (const c of ref.cases.filter((x) => !x.balanced && !x.reml.boundary)) {
      const r = varianceComponents(c.groups).reml;
      // the restricted log-likelihood profiled over σ²_w, at λ(1 ± 1e-3), computed here from its definition
      const N = c.groups.flat().length;
      const ll = (lambda: number) => {
        const w = c.groups.map((g) => g.length / (1 + g.length * lambda));
        const m = c.groups.map((g) => g.reduce((s, v) => s + v, 0) / g.length);
        const W = w.reduce((s, v) => s + v, 0);
        const mu = w.reduce((s, v, i) => s + v * m[i], 0) / W;
        let q = 0;
        c.groups.forEach((g, i) => g.forEach((v) => (q += (v - m[i]) ** 2)));
        w.forEach((v, i) => (q += v * (m[i] - mu) ** 2));
        const logDet = c.groups.reduce((s, g) => s + Math.log(1 + g.length * lambda), 0);
        return -0.5 * ((N - 1) * (Math.log(2 * Math.PI) + Math.log(q / (N - 1)) + 1) + logDet + Math.log(W));
      };
      const lambda = r.between / r.within;
      expect(ll(lambda)).toBeGreaterThan(ll(lambda * 1.001));
      expect(ll(lambda)).toBeGreaterThan(ll(lambda * 0.999));
      expect(rel(ll(lambda), r.logLik)).toBeLessThan(1e-12);
    }
  });
});

describe('nestedMeanInterval matches t.test(deployment means)', () => {
  for (const c of ref.cases) {
    it(c.config, () => {
      for (const t of c.tInterval) {
        const r = nestedMeanInterval(c.groups, t.confidence);
        expect(r.groups).toBe(c.groups.length);
        expect(r.df).toBe(t.df);
        r.groupMeans.forEach((m, i) => close(m, c.groupMeans[i], STAT, `mean ${i + 1}`));
        for (const key of ['mean', 'lo', 'hi', 'halfWidth'] as const) close(r[key], t[key], STAT, `${t.confidence} ${key}`);
        expect(r.warnings).toEqual([]);
      }
    });
  }
});

describe("optimalRepetitions matches Kalibera & Jones' formulas in R", () => {
  for (const c of ref.cases) {
    it(c.config, () => {
      for (const o of c.optimal) {
        const r = optimalRepetitions(o.input);
        close(r.optimal, o.optimal, STAT, 'r*');
        expect(r.kaliberaJones).toBe(o.kaliberaJones);
        expect(r.repetitions).toBe(o.repetitions);
        for (const [mine, theirs] of [
          [r.current!, o.current],
          [r.moreDeployments!, o.moreDeployments],
          [r.moreRepetitions!, o.moreRepetitions],
        ] as const) {
          for (const [key, v] of Object.entries(theirs)) close((mine as unknown as Record<string, number>)[key], v, STAT, key);
        }
        expect(r.shrinksMost).toBe(o.shrinksMost);
        expect(r.deploymentsNeeded).toBe(o.deploymentsNeeded);
      }
    });
  }
  it('the reference covers both answers and an infinite r*', () => {
    const all = ref.cases.flatMap((c) => c.optimal);
    expect(new Set(all.map((o) => o.shrinksMost))).toEqual(new Set(['deployments', 'repetitions']));
    expect(all.some((o) => o.optimal === Infinity)).toBe(true);
    expect(all.some((o) => o.optimal < 1)).toBe(true);
  });
  it('the integer r minimises Var(mean)·cost over 1..2000 (brute force, 500 random settings)', () => {
    const rng = createRng(22);
    for (let i = 0; i < 500; i++) {
      const inp = {
        between: 10 ** (4 * rng.random() - 2),
        within: 10 ** (4 * rng.random() - 2),
        deploymentCost: 10 ** (3 * rng.random()),
        repetitionCost: 10 ** (3 * rng.random()),
      };
      const r = optimalRepetitions(inp);
      const vc = (m: number) => (inp.between + inp.within / m) * (inp.deploymentCost + m * inp.repetitionCost);
      let best = 1;
      for (let m = 2; m <= 2000; m++) if (vc(m) < vc(best)) best = m;
      if (best < 2000) expect(vc(r.repetitions)).toBeLessThanOrEqual(vc(best) * (1 + 1e-12));
      expect(r.kaliberaJones).toBe(Math.max(1, Math.ceil(r.optimal)));
    }
  });
  it('with many deployments, repetitions win below r* and deployments above it', () => {
    const inp = { between: 4, within: 100, deploymentCost: 900, repetitionCost: 100 }; // r* = 15
    expect(optimalRepetitions(inp).optimal).toBe(15);
    for (const [r, want] of [[3, 'repetitions'], [7, 'repetitions'], [30, 'deployments'], [60, 'deployments']] as const) {
      expect(optimalRepetitions({ ...inp, deployments: 1000, repetitions: r }).shrinksMost, `r = ${r}`).toBe(want);
    }
  });
  it('deploymentsNeeded is the smallest k reaching the target', () => {
    const inp = { between: 4, within: 25, deploymentCost: 600, repetitionCost: 60, mean: 100, targetRelativeHalfWidth: 0.02 };
    const r = optimalRepetitions(inp);
    const k = r.deploymentsNeeded!;
    const hw = (kk: number) => tQuantile(0.975, kk - 1) * Math.sqrt((4 + 25 / r.repetitions) / kk);
    expect(hw(k)).toBeLessThanOrEqual(2);
    expect(hw(k - 1)).toBeGreaterThan(2);
  });
});

describe('edge cases', () => {
  it('varianceComponents throws on invalid input', () => {
    expect(() => varianceComponents([[1, 2, 3]])).toThrow(/at least 2 groups/);
    expect(() => varianceComponents([[1, 2], []])).toThrow(/group 2 is empty/);
    expect(() => varianceComponents([[1, 2], [3, NaN]])).toThrow(/group 2 value 2 is not finite/);
    expect(() => varianceComponents([[1], [2], [3]])).toThrow(/single value/);
  });
  it('varianceComponents: constant groups give REML NaN with a warning; ANOVA still given', () => {
    const r = varianceComponents([[5, 5], [7, 7, 7]]);
    expect(r.reml.between).toBeNaN();
    expect(r.anova.within).toBe(0);
    expect(r.warnings[0]).toMatch(/every group is constant/);
  });
  it('nestedMeanInterval: one group has no interval, with a warning in deployment words', () => {
    const r = nestedMeanInterval([[1, 2, 3]]);
    expect(r.lo).toBeNaN();
    expect(r.warnings[0]).toMatch(/1 more deployment needed/);
    expect(() => nestedMeanInterval([])).toThrow(RangeError);
    expect(() => nestedMeanInterval([[1], [NaN]])).toThrow(/group 2 value 1/);
  });
  it('optimalRepetitions throws on invalid input and handles zero components', () => {
    const base = { between: 1, within: 1, deploymentCost: 1, repetitionCost: 1 };
    expect(() => optimalRepetitions({ ...base, between: -1 })).toThrow(/between/);
    expect(() => optimalRepetitions({ ...base, within: NaN })).toThrow(/within/);
    expect(() => optimalRepetitions({ ...base, deploymentCost: 0 })).toThrow(/deploymentCost/);
    expect(() => optimalRepetitions({ ...base, deployments: 3 })).toThrow(/both/);
    expect(() => optimalRepetitions({ ...base, deployments: 1, repetitions: 3 })).toThrow(/deployments >= 2/);
    expect(() => optimalRepetitions({ ...base, targetRelativeHalfWidth: 0.1 })).toThrow(/finite mean/);
    const noWithin = optimalRepetitions({ ...base, within: 0 });
    expect(noWithin.optimal).toBe(0);
    expect(noWithin.repetitions).toBe(1);
    const noBetween = optimalRepetitions({ ...base, between: 0 });
    expect(noBetween.repetitions).toBe(Infinity);
    expect(noBetween.warnings[0]).toMatch(/no variance between deployments/);
  });
});
