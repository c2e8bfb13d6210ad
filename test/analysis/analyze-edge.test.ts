/**
 * analyze() on hand-built inventories with the degenerate cases a real campaign produces:
 * n = 1, n = 2, zero variance, every value equal, a configuration whose every run failed, nothing at
 * all. The contract: warnings that say what is missing and why, never a throw, and no made-up numbers.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, chooseStrata, varyingFactors } from '../../src/analysis/analyze.js';
import type { AnalysisOptions, AnalysisResult, GroupResult } from '../../src/analysis/types.js';
import { RUN_STATUSES, type Factors, type Inventory, type Run, type RunStatus } from '../../src/model/index.js';

let seq = 0;
function run(factors: Factors, throughput: number | undefined, status: RunStatus = 'ok'): Run {
  const file = `${factors.db ?? 'db'}-${factors.workload ?? 'w'}-rf_${factors.rf ?? 'x'}-${factors.rep ?? ++seq}.txt`;
  const metrics: Record<string, number> = {};
  if (throughput !== undefined) {
    metrics.throughput = throughput;
    metrics.operations = 1000;
    metrics.runtime = throughput > 0 ? (1000 / throughput) * 1000 : 10_000;
  }
  return {
    name: file,
    status,
    diagnostics: status === 'ok' ? [] : [{ message: `${status}: Throughput(ops/sec) is 0.0`, severity: 'error' }],
    format: 'ycsb-text',
    header: { factors: {}, properties: {} },
    metrics,
    operations: {},
    series: [],
    sourceLatencyUnit: 'us',
    lines: 10,
    file,
    root: '/campaign',
    factors: { phase: 'run', ...factors },
    origin: { scheme: 'test', fromName: factors, fromContent: {}, conflicts: [], ambiguities: [] },
  };
}

function inventory(runs: Run[]): Inventory {
  const counts = Object.fromEntries(RUN_STATUSES.map((s) => [s, runs.filter((r) => r.status === s).length])) as Inventory['counts'];
  return { roots: ['/campaign'], runs, scanErrors: [], counts };
}

/** Runs of one db/workload at rf level `rf` with these throughputs (reps 1..n). */
function level(rf: string, values: number[], extra: Factors = {}): Run[] {
  return values.map((v, i) => run({ db: 'cassandra', workload: 'a', rf, rep: String(i + 1), ...extra }, v));
}

function analyse(runs: Run[], options: Partial<AnalysisOptions> = {}): AnalysisResult {
  let result: AnalysisResult | undefined;
  expect(() => {
    result = analyze(inventory(runs), { group: ['rf', 'workload'], ...options });
  }).not.toThrow();
  return result!;
}

function group(a: AnalysisResult, rf: string): GroupResult {
  const g = a.groups.find((x) => x.factors.rf === rf);
  expect(g, `group rf=${rf}`).toBeDefined();
  return g!;
}

/** No number in the result is made up: each is finite or NaN, never ±Infinity. */
function noInfinities(a: AnalysisResult): void {
  const bad: string[] = [];
  JSON.stringify(a, (k, v) => {
    if (typeof v === 'number' && (v === Infinity || v === -Infinity)) bad.push(k);
    return v;
  });
  expect(bad).toEqual([]);
}

describe('analyze on degenerate inventories: warnings, never a throw', () => {
  it('n = 1: the mean is the value, no interval; the level stays in the tests defined for it, Welch\'s ANOVA is not testable', () => {
    const a = analyse([...level('1', [42]), ...level('2', [40, 41, 43])]);
    const g = group(a, '1');
    expect(g.n).toBe(1);
    expect(g.mean).toBe(42);
    expect(g.median).toBe(42);
    expect(Number.isNaN(g.sd)).toBe(true);
    expect(Number.isNaN(g.meanCi.lo) && Number.isNaN(g.meanCi.hi)).toBe(true);
    expect(g.meanCi.warnings.join(' ')).toMatch(/n = 1.*at least 2/);
    expect(Number.isNaN(g.medianCi.lo)).toBe(true);
    expect(g.shapiro).toBeUndefined();
    expect(g.warnings.join(' ')).toMatch(/n = 1: at least 3 repetitions/);
    // The stratum keeps the level where R does (aov, kruskal.test, leveneTest, TukeyHSD; the numbers
    // are checked against R below) and says which tests cannot use it.
    expect(a.strata).toHaveLength(1);
    const s = a.strata[0];
    expect(s.warnings.join(' ')).toMatch(/rf=1 has n = 1: kept in one-way ANOVA, Kruskal–Wallis, Levene, Brown–Forsythe and Tukey HSD; left out of Welch's ANOVA, Games–Howell and the Welch t-tests of its pairs, which need a variance per level/);
    expect(s.anova?.df2).toBe(2);
    expect(s.welch).toBeUndefined();
    expect(s.recommended).toBeUndefined();
    expect(s.notTestable).toMatch(/fewer than 2 levels of rf have 2 or more runs/);
    expect(s.pairs.map((p) => `${p.a}-${p.b}`)).toEqual(['1-2']);
    expect(s.pairs[0].welch.p).toBeNaN();
    expect(s.pairs[0].gamesHowell).toBeUndefined();
    expect(Number.isFinite(s.pairs[0].tukey?.p)).toBe(true);
    noInfinities(a);
  });

  it('n = 2 in each level: t interval and Welch t-test, but no Shapiro–Wilk, no median interval, no Grubbs', () => {
    const a = analyse([...level('1', [10, 12]), ...level('2', [20, 23])]);
    const g = group(a, '1');
    expect(g.n).toBe(2);
    expect(g.mean).toBe(11);
    // R: t.test(c(10, 12))$conf.int = [-1.7062047361746941, 23.706204736174694].
    expect(Math.abs(g.meanCi.lo - -1.7062047361746941)).toBeLessThanOrEqual(1e-9 * 1.7062047361746941);
    expect(Math.abs(g.meanCi.hi - 23.706204736174694)).toBeLessThanOrEqual(1e-9 * 23.706204736174694);
    expect(g.shapiro).toBeUndefined();
    expect(Number.isNaN(g.medianCi.lo)).toBe(true);
    expect(g.medianCi.warnings.join(' ')).toMatch(/too few/);
    expect(g.runs.every((r) => r.outlier.grubbs === false)).toBe(true);
    expect(g.warnings.join(' ')).toMatch(/n = 2/);
    const s = a.strata[0];
    expect(s.pairs).toHaveLength(1);
    const p = s.pairs[0];
    expect([p.a, p.b]).toEqual(['1', '2']);
    expect(p.diff.center).toBe(10.5);
    // R: t.test(c(20, 23), c(10, 12)): p = 0.038420674099810363, CI [1.5329382319186424, 19.467061768081358].
    expect(Math.abs(p.welch.p - 0.038420674099810363)).toBeLessThanOrEqual(1e-6 * 0.038420674099810363);
    expect(Math.abs(p.diff.lo - 1.5329382319186424)).toBeLessThanOrEqual(1e-9 * 1.5329382319186424);
    expect(Math.abs(p.diff.hi - 19.467061768081358)).toBeLessThanOrEqual(1e-9 * 19.467061768081358);
  });

  // Reported bug (src/analysis/analyze.ts:416-418 and recommend() at 503-508): with two runs per level
  // the absolute deviations from the centre are equal within each group, so Levene / Brown–Forsythe
  // divide by a zero within-group sum of squares: F = Infinity, p = 0, no warning (R warns "ANOVA
  // F-tests on an essentially perfect fit are unreliable"), and the advice then reads "variances
  // differ (Brown–Forsythe p = 0.0)". Make this an `it` once the tests are skipped or warned about.
  it('n = 2: Levene and Brown–Forsythe are not reported as F = ∞, p = 0, nor used for the advice', () => {
    const a = analyse([...level('1', [10, 12]), ...level('2', [20, 23])]);
    noInfinities(a);
    const s = a.strata[0];
    expect(s.recommended?.reason ?? '').not.toMatch(/p = 0\.0/);
  });

  it('zero variance within a group: sd 0, an interval of width 0 with a warning, no Shapiro–Wilk, no outliers', () => {
    const a = analyse([...level('1', [50, 50, 50, 50]), ...level('2', [40, 41, 42, 43])]);
    const g = group(a, '1');
    expect(g.sd).toBe(0);
    expect(g.cv).toBe(0);
    expect(g.meanCi.lo).toBe(50);
    expect(g.meanCi.hi).toBe(50);
    expect(g.meanCi.warnings.join(' ')).toMatch(/zero variance|all values are equal/);
    expect(g.shapiro).toBeUndefined();
    expect(g.runs.every((r) => r.outlier.iqr === 'none' && !r.outlier.mad && !r.outlier.grubbs)).toBe(true);
    const s = a.strata[0];
    expect(s.pairs).toHaveLength(1);
    // Welch's t with one zero variance is still defined (the other group's variance carries it).
    expect(Number.isFinite(s.pairs[0].welch.p)).toBe(true);
    expect(s.pairs[0].diff.center).toBe(-8.5);
    noInfinities(a);
  });

  it('every value equal in every group: descriptive statistics, no test pretends to mean anything', () => {
    const a = analyse([...level('1', [7, 7, 7]), ...level('2', [7, 7, 7]), ...level('3', [7, 7, 7])]);
    for (const g of a.groups) {
      expect([g.n, g.mean, g.sd, g.median, g.min, g.max]).toEqual([3, 7, 0, 7, 7, 7]);
      expect(g.shapiro).toBeUndefined();
    }
    const s = a.strata[0];
    expect(s.welch).toBeUndefined();
    expect(s.warnings.join(' ')).toMatch(/every value is the same/);
    // Whatever the tests that ran report must not claim a difference.
    for (const t of [s.anova, s.kruskal, s.levene, s.brownForsythe]) if (t && !Number.isNaN(t.p)) expect(t.p).toBeGreaterThanOrEqual(0.05);
    for (const p of s.pairs) {
      expect(p.diff.center).toBe(0);
      if (!Number.isNaN(p.welch.p)) expect(p.welch.p).toBeGreaterThanOrEqual(0.05);
    }
    noInfinities(a);
  });

  it('a configuration whose every run failed: it is listed with its failed runs and n = 0, and left out of the tests', () => {
    const failed = [1, 2, 3].map((rep) => run({ db: 'cassandra', workload: 'a', rf: '3', rep: String(rep) }, 0, 'failed'));
    const a = analyse([...level('1', [10, 11, 12]), ...level('2', [20, 21, 23]), ...failed]);
    const g = group(a, '3');
    expect(g.n).toBe(0);
    expect(Number.isNaN(g.mean)).toBe(true);
    expect(g.runs).toEqual([]);
    expect(g.failed.map((f) => [f.file, f.status])).toEqual(failed.map((r) => [r.file, 'failed']));
    expect(g.failed[0].reason).toMatch(/Throughput/);
    expect(g.warnings.join(' ')).toMatch(/3 runs failed or partial/);
    const s = a.strata[0];
    expect(s.levels).toEqual(['1', '2', '3']);
    expect(s.warnings.join(' ')).toMatch(/rf=3 has n = 0: in no test/);
    expect(s.pairs.map((p) => `${p.a}-${p.b}`)).toEqual(['1-2']);
    noInfinities(a);
  });

  it('nothing to analyse (no runs, only failed runs, or a factor nobody has): empty results and a warning', () => {
    const empty = analyse([]);
    expect(empty.groups).toEqual([]);
    expect(empty.strata).toEqual([]);
    expect(empty.warnings.join(' ')).toMatch(/cannot group by rf: no run has this factor/);
    const allFailed = analyse([run({ db: 'citus', workload: 'c', rf: '1', rep: '1' }, 0, 'failed')]);
    expect(allFailed.groups.map((g) => [g.n, g.failed.length])).toEqual([[0, 1]]);
    const unknown = analyse(level('1', [1, 2, 3]), { group: ['threads'] });
    expect(unknown.warnings.join(' ')).toMatch(/cannot group by threads: no run has this factor/);
  });

  it('degenerate groups next to healthy ones do not disturb the healthy comparison', () => {
    const healthy = [...level('1', [10, 11, 12, 13]), ...level('2', [20, 21, 22, 24])];
    const alone = analyse(healthy).strata[0].pairs[0];
    const withOthers = analyse([...healthy, ...level('3', [99])]).strata[0].pairs.find((p) => p.a === '1' && p.b === '2')!;
    expect(withOthers.welch.p).toBe(alone.welch.p);
    expect(withOthers.diff).toEqual(alone.diff);
  });
});

// test/analysis/reference/singletons.R -> singletons.json (R 4.2.2, car): levels with one run kept
// in aov, kruskal.test, car::leveneTest and TukeyHSD; Welch's ANOVA, Games–Howell and Welch's t on
// the levels with a variance. Tolerances: 1e-9 relative for statistics, 1e-6 for p-values (Tukey and
// Games–Howell also 1e-12 absolute, see test/stats/pairwise.test.ts).
const singletons = JSON.parse(readFileSync(path.join(__dirname, 'reference', 'singletons.json'), 'utf8')) as {
  R: string;
  cases: {
    name: string;
    groups: number[][];
    withVariance: string[];
    welchWithSingletons: string;
    anova: RTest;
    kruskal: { H: number; df: number; p: number };
    levene: RTest;
    brownForsythe: RTest;
    tukey: { a: string; b: string; diff: number; lo: number; hi: number; p: number }[];
    welch?: RTest;
    gamesHowell?: { a: string; b: string; p: number }[];
    welchT?: { a: string; b: string; p: number }[];
  }[];
};
interface RTest {
  F: number;
  df1: number;
  df2: number;
  p: number;
}
const close = (found: number | undefined, expected: number, rel: number, what: string, abs = 0) =>
  expect(Math.abs((found ?? NaN) - expected), `${what}: found ${found}, R ${expected}`).toBeLessThanOrEqual(rel * Math.abs(expected) + abs);

describe(`levels with a single run, against R (${singletons.R})`, () => {
  for (const c of singletons.cases) {
    it(`${c.name}: kept in ANOVA, Kruskal–Wallis, Levene, Brown–Forsythe and Tukey HSD; not in Welch's ANOVA, Games–Howell or Welch t`, () => {
      const a = analyse(c.groups.flatMap((values, i) => level(String(i + 1), values)));
      const s = a.strata[0];
      expect(s.levels).toEqual(c.groups.map((_, i) => String(i + 1)));
      for (const [name, found, r] of [['ANOVA', s.anova, c.anova], ['Levene', s.levene, c.levene], ['Brown–Forsythe', s.brownForsythe, c.brownForsythe]] as const) {
        close(found?.statistic, r.F, 1e-9, `${name} F`);
        expect([found?.df1, found?.df2], `${name} df`).toEqual([r.df1, r.df2]);
        close(found?.p, r.p, 1e-6, `${name} p`);
      }
      close(s.kruskal?.statistic, c.kruskal.H, 1e-9, 'Kruskal–Wallis H');
      close(s.kruskal?.p, c.kruskal.p, 1e-6, 'Kruskal–Wallis p');
      for (const t of c.tukey) {
        const p = s.pairs.find((x) => x.a === t.a && x.b === t.b)!;
        expect(p, `pair ${t.a}-${t.b}`).toBeDefined();
        close(p.diff.center, t.diff, 1e-9, `Tukey diff ${t.a}-${t.b}`);
        close(p.tukey?.lo, t.lo, 1e-9, `Tukey lo ${t.a}-${t.b}`);
        close(p.tukey?.hi, t.hi, 1e-9, `Tukey hi ${t.a}-${t.b}`);
        close(p.tukey?.p, t.p, 1e-6, `Tukey p ${t.a}-${t.b}`, 1e-12);
      }
      // R's oneway.test stops with the singleton in: Welch's ANOVA runs on the levels with a variance.
      expect(c.welchWithSingletons).toBe('not enough observations');
      const single = c.groups.map((g, i) => (g.length === 1 ? String(i + 1) : '')).filter((x) => x);
      for (const l of single) expect(s.warnings.join(' ')).toContain(`rf=${l} has n = 1: kept in`);
      if (c.welch) {
        close(s.welch?.statistic, c.welch.F, 1e-9, 'Welch F');
        close(s.welch?.df2, c.welch.df2, 1e-9, 'Welch df2');
        close(s.welch?.p, c.welch.p, 1e-6, 'Welch p');
        expect(s.recommended?.reason).toContain(`over rf ${c.withVariance.join(', ')} (the levels with a variance)`);
        for (const gh of c.gamesHowell!) close(s.pairs.find((x) => x.a === gh.a && x.b === gh.b)?.gamesHowell?.p, gh.p, 1e-6, `Games–Howell ${gh.a}-${gh.b}`, 1e-12);
        for (const wt of c.welchT!) close(s.pairs.find((x) => x.a === wt.a && x.b === wt.b)?.welch.p, wt.p, 1e-6, `Welch t ${wt.a}-${wt.b}`);
      } else {
        expect(s.welch).toBeUndefined();
        expect(s.notTestable).toMatch(/fewer than 2 levels/);
      }
      // pairs with a singleton: no Welch t, no Games–Howell, but Tukey
      for (const p of s.pairs.filter((x) => single.includes(x.a) || single.includes(x.b))) {
        expect(p.welch.p, `${p.a}-${p.b}`).toBeNaN();
        expect(p.gamesHowell, `${p.a}-${p.b}`).toBeUndefined();
        expect(p.minDetectable, `${p.a}-${p.b}`).toBeUndefined();
        expect(p.tukey?.p ?? p.tukey?.pUpper, `${p.a}-${p.b}`).toBeGreaterThan(0);
      }
      noInfinities(a);
    });
  }
});

describe('which test to read: Welch\'s ANOVA whenever it is defined, never switched', () => {
  it('small, non-normal groups still read Welch\'s ANOVA (no switch on Shapiro–Wilk); Kruskal–Wallis is a check', () => {
    // every group strongly skewed (Shapiro–Wilk rejects), n = 8 < 15: the old rule read Kruskal–Wallis
    const skew = (base: number) => [0, 0.1, 0.2, 0.3, 0.4, 0.5, 3, 9].map((v) => base + v);
    const a = analyse([...level('1', skew(10)), ...level('2', skew(14)), ...level('3', skew(18))]);
    const s = a.strata[0];
    expect(a.groups.every((g) => g.shapiro && g.shapiro.p < 0.05)).toBe(true);
    expect(s.recommended?.test).toBe('welch');
    expect(s.notTestable).toBeUndefined();
    expect(s.kruskal).toBeDefined();
  });
  it('a level with zero variance: not testable, with the level named; no fall-back to classic ANOVA', () => {
    const a = analyse([...level('1', [50, 50, 50, 50]), ...level('2', [40, 41, 42, 43]), ...level('3', [30, 32, 31, 35])]);
    const s = a.strata[0];
    expect(s.welch).toBeUndefined();
    expect(s.recommended).toBeUndefined();
    expect(s.notTestable).toBe("zero variance in rf=1 (its 4 runs all equal 50): Welch's weights n/s² are infinite");
    expect(s.anova).toBeDefined(); // still reported, as a sensitivity check
  });
  it('a sensitivity check that disagrees at α = 0.05 is named in the stratum, and does not replace Welch', () => {
    // 7 of 8 runs of level 2 above every run of level 1, one far below: the ranks differ
    // (Kruskal–Wallis p ≈ 0.012), the means do not (Welch p ≈ 0.50, ANOVA p ≈ 0.49)
    const a = analyse([...level('1', [1, 2, 3, 4, 5, 6, 7, 8]), ...level('2', [9, 10, 11, 12, 13, 14, 15, -200])]);
    const s = a.strata[0];
    expect(s.recommended?.test).toBe('welch');
    expect(s.welch!.p).toBeGreaterThan(0.05);
    expect(s.kruskal!.p).toBeLessThan(0.05);
    expect(s.warnings.filter((w) => w.includes("disagrees with Welch's ANOVA"))).toEqual([
      `Kruskal–Wallis (p = ${s.kruskal!.p.toPrecision(2)}) disagrees with Welch's ANOVA (p = ${s.welch!.p.toPrecision(2)}) at α = 0.05: read the result as uncertain`,
    ]);
  });
});

describe('varyingFactors and chooseStrata, against their definitions on random factor tables', () => {
  // definitions, written plainly: a factor varies when it has two levels or some run lacks it (a
  // factor set to undefined is lacking); f
  // follows `by` when no two runs agree on every factor of `by` and differ on f
  const varyingDef = (runs: Run[]) => {
    const keys = new Set(runs.flatMap((r) => Object.keys(r.factors)));
    return [...keys].filter((k) => new Set(runs.map((r) => r.factors[k])).size > 1 || runs.some((r) => r.factors[k] === undefined)).sort();
  };
  const followsDef = (runs: Run[], by: string[], f: string) =>
    runs.every((a) => runs.every((b) => by.some((x) => a.factors[x] !== b.factors[x]) || a.factors[f] === b.factors[f]));

  it('agree on 300 tables with missing factors, one-level factors and followers', () => {
    let s = 7;
    const r = () => ((s = (s * 48271) % 2147483647) / 2147483647);
    let followers = 0;
    let pairs = 0;
    for (let t = 0; t < 300; t++) {
      const runs: Run[] = [];
      const n = 1 + Math.floor(r() * 12);
      for (let i = 0; i < n; i++) {
        const f: Factors = {};
        if (r() < 0.9) f.db = r() < 0.5 ? 'cassandra' : 'citus';
        if (r() < 0.8) f.rf = String(1 + Math.floor(r() * (t % 3 === 0 ? 1 : 3)));
        if (r() < 0.5) f.threads = '8';
        else if (r() < 0.2) f.threads = undefined as unknown as string; // set, but to nothing
        if (f.db !== undefined && t % 2 === 0) f.nodes = f.db === 'cassandra' ? '15' : '14'; // follows db
        if (r() < 0.3) f.rep = String(i);
        if (t % 5 === 1) {
          // levels that run together when joined without a separator: zz follows (rf, threads)
          delete f.db;
          delete f.nodes;
          f.rf = r() < 0.5 ? '1' : '11';
          f.threads = r() < 0.5 ? '1' : '11';
          f.zz = `${f.rf}/${f.threads}`;
        }
        const x = run({}, 100 + i);
        x.factors = f;
        runs.push(x);
      }
      expect(varyingFactors(runs), `table ${t}`).toEqual(varyingDef(runs));
      const candidates = varyingDef(runs);
      const { stratifiedBy, followers: fl } = chooseStrata(runs, candidates);
      for (const [f, by] of fl) {
        expect(followsDef(runs, by, f), `table ${t}: ${f} follows ${by.join(',')}`).toBe(true);
        followers++;
      }
      expect([...stratifiedBy, ...fl.map(([f]) => f)].sort()).toEqual(candidates);
      if (t % 5 === 1 && candidates.includes('zz') && stratifiedBy.includes('rf') && stratifiedBy.includes('threads')) {
        expect(fl.map(([f]) => f), `table ${t}`).toContain('zz');
        pairs++;
      }
    }
    expect(followers).toBeGreaterThan(20);
    expect(pairs).toBeGreaterThan(5);
  });
});

describe('data-quality warnings', () => {
  /** A run whose status lines show no completed operation for its first `lead` seconds of 100. */
  function stalled(rep: string, lead: number): Run {
    const r = run({ db: 'cassandra', workload: 'a', rf: '1', rep }, 100);
    r.metrics.runtime = 100_000;
    for (let t = 0; t <= 100; t += 10) r.series.push({ t, operations: t <= lead ? 0 : (t - lead) * 100, line: t / 10 + 1, ops: {} });
    return r;
  }
  it('names the runs with more than 1% failed operations and counts those that start stalled', () => {
    const failing = run({ db: 'cassandra', workload: 'a', rf: '1', rep: '9' }, 100);
    failing.metrics['read-failed.count'] = 30;
    failing.metrics['update-failed.count'] = 20; // 50 of 1,000: 5.0%
    const fine = run({ db: 'cassandra', workload: 'a', rf: '1', rep: '8' }, 100);
    fine.metrics['read-failed.count'] = 10; // 1.0%: not more than 1%
    const a = analyse([stalled('1', 30), stalled('2', 50), stalled('3', 0), failing, fine]);
    expect(a.warnings.filter((w) => w.includes('failed operations'))).toEqual([
      `1 run has more than 1% failed operations, which YCSB counts in its throughput: ${failing.file} (5.0%)`,
    ]);
    const lead = a.warnings.filter((w) => w.includes('without a completed operation'));
    expect(lead).toHaveLength(1);
    // leading stalls of 30 s and 50 s of 100 s (the one of 0 s is none); the median is the lower middle
    expect(lead[0]).toMatch(/^2 runs start with more than 10% of their run time without a completed operation \(median 30 s; client start-up\)/);
  });
  it('says nothing when no run fails operations or starts stalled', () => {
    const a = analyse([stalled('1', 0), stalled('2', 0), ...level('2', [100, 101, 102])]);
    expect(a.warnings.filter((w) => w.includes('failed operations') || w.includes('without a completed operation'))).toEqual([]);
  });
});
