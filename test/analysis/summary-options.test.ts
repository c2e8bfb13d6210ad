/**
 * The options by which the terminal skips what it does not print (AnalysisOptions `view`,
 * `pairIntervals`) change nothing it prints, also where a test is not defined (a stratum notes it):
 * the text equals the full analysis' text in the default view (`view: 'summary'`) and the --detail
 * view (`view: 'detail'`), on hand-built strata with the degenerate cases, the adjustment within
 * each stratum and across all.
 * And compareLevels, which orders without ICU's collator where it can, orders as the collator does.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/analyze.js';
import type { AnalysisOptions } from '../../src/analysis/types.js';
import { formatAnalysis } from '../../src/cli/render.js';
import { compareLevels, RUN_STATUSES, type Factors, type Inventory, type Run } from '../../src/model/index.js';
import { checkGamesHowell, gamesHowell } from '../../src/stats/gamesHowell.js';
import { checkTukeyHsd, tukeyHsd } from '../../src/stats/tukeyHsd.js';
import { makeRun } from '../../fixtures/exec/runs.js';

function run(factors: Factors, throughput: number, start?: string): Run {
  const file = `${factors.db}-${factors.workload}-rf_${factors.rf}-${factors.rep}.txt`;
  return makeRun(file, factors, 'ok', {
    factors: { phase: 'run', ...factors },
    metrics: { throughput, operations: 1000, runtime: (1000 / throughput) * 1000 },
    ...(start ? { start: { iso: start, source: 'status-line' as const } } : {}),
  });
}

/** One stratum per workload: rf level -> throughputs (reps 1..n), with start times one minute apart. */
function inventory(strata: Record<string, Record<string, number[]>>): Inventory {
  const runs: Run[] = [];
  let minute = 0;
  for (const [workload, levels] of Object.entries(strata)) {
    for (const [rf, values] of Object.entries(levels)) {
      values.forEach((v, i) => {
        const t = minute++;
        runs.push(run({ db: 'cassandra', workload, rf, rep: String(i + 1) }, v, `2024-01-01T${String(10 + Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}:00`));
      });
    }
  }
  const counts = Object.fromEntries(RUN_STATUSES.map((s) => [s, runs.filter((r) => r.status === s).length])) as Inventory['counts'];
  return { roots: ['/campaign'], runs, scanErrors: [], counts };
}

const STRATA = {
  // three levels, every test defined
  a: { '1': [60.1, 61.3, 59.8, 60.9, 62.0, 58.7], '2': [55.2, 54.1, 56.3, 55.0, 53.9, 54.4], '3': [52.3, 51.8, 53.9, 52.2, 50.7, 52.6] },
  // a level with one run: no Games–Howell for it, Tukey HSD keeps it
  b: { '1': [40.2, 41.1, 39.5, 40.8], '2': [38.7], '3': [36.1, 35.2, 37.4, 36.6] },
  // one run and two: Tukey HSD's residual df is 1 (not defined), Games–Howell has one level
  c: { '1': [30.5], '2': [29.1, 28.4] },
  // one run each: nothing with a variance
  d: { '1': [20.5], '2': [19.1] },
  // a level with zero variance
  e: { '1': [10, 10, 10], '2': [11.2, 10.9, 11.5] },
  // no difference: the findings say what could have been detected
  f: { '1': [50.2, 52.1, 48.3, 51.0], '2': [49.4, 53.0, 47.2, 50.1], '3': [51.3, 49.1, 50.2, 52.4] },
};

describe.each(['stratum', 'all'] as const)('the view options change nothing the view prints (adjusted within %s)', (adjustScope) => {
  const inv = inventory(STRATA);
  const base: Partial<AnalysisOptions> = { group: ['rf', 'workload'], adjustScope };
  const full = analyze(inv, base);
  const summary = analyze(inv, { ...base, view: 'summary', pairIntervals: false });
  const detail = analyze(inv, { ...base, view: 'detail', pairIntervals: false });

  it('the full analysis has what the views skip', () => {
    expect(full.timeline).toBeDefined();
    expect(summary.timeline).toBeUndefined();
    expect(detail.timeline).toBeUndefined();
    const pairs = full.strata.flatMap((s) => s.pairs);
    expect(pairs.some((p) => p.wilcoxon && p.tukey && p.gamesHowell && p.minDetectable && Number.isFinite(p.hedgesG.center))).toBe(true);
    const short = summary.strata.flatMap((s) => s.pairs);
    expect(short.every((p) => !p.wilcoxon && !p.tukey && !p.gamesHowell && Number.isNaN(p.hedgesG.center))).toBe(true);
    // the headline pairs not significant have their detectable difference, the others none
    expect(short.filter((p) => p.minDetectable).length).toBeGreaterThan(0);
    expect(short.filter((p) => p.minDetectable).length).toBeLessThan(pairs.filter((p) => p.minDetectable).length);
    expect(summary.groups.some((g) => g.shapiro)).toBe(false);
    expect(full.groups.some((g) => g.shapiro)).toBe(true);
  });

  it("the strata's and the groups' notes are the same, where Tukey HSD or Games–Howell is not defined too", () => {
    expect(summary.strata.map((s) => s.warnings)).toEqual(full.strata.map((s) => s.warnings));
    expect(full.strata.flatMap((s) => s.warnings).some((w) => w.startsWith('Tukey HSD: tukeyHsd: residual df = 1'))).toBe(true);
    expect(summary.groups.map((g) => g.warnings)).toEqual(full.groups.map((g) => g.warnings));
    expect(detail.groups).toEqual(full.groups);
  });

  it('the default view and the --detail view print the same', () => {
    expect(formatAnalysis(summary, { width: 100, detail: false })).toMatch(/could detect ±/);
    for (const width of [100, Infinity]) {
      expect(formatAnalysis(summary, { width, detail: false })).toBe(formatAnalysis(full, { width, detail: false }));
      expect(formatAnalysis(detail, { width, detail: true })).toBe(formatAnalysis(full, { width, detail: true }));
    }
  });
});

describe('checkTukeyHsd and checkGamesHowell throw what the tests throw', () => {
  const cases: [number[][], string[], number][] = [
    [[[1, 2], [3, 4]], ['a', 'b'], 0.95],
    [[[1], [2, 3]], ['a', 'b'], 0.95],
    [[[1], [2]], ['a', 'b'], 0.95],
    [[[1, 2]], ['a'], 0.95],
    [[[1, 2], [3, 4]], ['a'], 0.95],
    [[[1, 2], []], ['a', 'b'], 0.95],
    [[[1, Infinity], [3, 4]], ['a', 'b'], 0.95],
    [[[1, 2], [3, 4]], ['a', 'b'], 1.5],
  ];
  const thrown = (f: () => unknown) => {
    try {
      f();
      return undefined;
    } catch (e) {
      return (e as Error).message;
    }
  };
  it.each(cases)('%j', (groups, labels, confidence) => {
    expect(thrown(() => checkTukeyHsd(groups, labels, confidence))).toBe(thrown(() => tukeyHsd(groups, labels, confidence)));
    expect(thrown(() => checkGamesHowell(groups, labels, confidence))).toBe(thrown(() => gamesHowell(groups, labels, confidence)));
  });
});

describe('compareLevels', () => {
  it("orders as the collator does (localeCompare 'en', numeric, variant), the plain levels included", () => {
    const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'variant' });
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = (chars: string, n: number) => Array.from({ length: n }, () => chars[Math.floor(rnd() * chars.length)]).join('');
    const levels = ['', '0', '00', '01', '1', '2', '9', '10', '100', '999999999999999', '1000000000000000', 'a', 'b', 'z', 'aa', 'ab', 'ba', 'ch', 'h', 'y', 'i', 'A', 'B', 'a1', '1a', 'a-b', 'a_b', 'é', 'rep 2'];
    for (let i = 0; i < 400; i++) {
      const k = rnd();
      levels.push(k < 0.3 ? pick('0123456789', 1 + Math.floor(rnd() * 17)) : k < 0.6 ? pick('abcdefghijklmnopqrstuvwxyz', 1 + Math.floor(rnd() * 5)) : k < 0.8 ? pick('ab19', 1 + Math.floor(rnd() * 3)) : pick('a1-_B. ', 1 + Math.floor(rnd() * 4)));
    }
    const wrong: string[][] = [];
    for (const a of levels) for (const b of levels) if (Math.sign(compareLevels(a, b)) !== Math.sign(collator.compare(a, b))) wrong.push([a, b]);
    expect(wrong).toEqual([]);
  });
});
