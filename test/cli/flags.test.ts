/**
 * The library speaks in words, the CLI adds its flags: analyze() names the settings its warnings and
 * exclusion reasons ask for in words (src/analysis/fixes.ts), and inCliTerms (src/cli/flags.ts)
 * puts the CLI's flags in their place, giving the texts the CLI has always printed.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/analyze.js';
import { FIXES, type Fix } from '../../src/analysis/fixes.js';
import type { AnalysisOptions, AnalysisResult } from '../../src/analysis/types.js';
import { FLAGS, inCliTerms, withFlags } from '../../src/cli/flags.js';
import { RUN_STATUSES, type Factors, type Inventory, type Run } from '../../src/model/index.js';

let seq = 0;
/** An ok run-phase run with this throughput (none: no throughput metric). */
function run(factors: Factors, throughput?: number): Run {
  const file = `${Object.values(factors).join('-')}-${++seq}.txt`;
  const metrics: Record<string, number> = { operations: 1000 };
  if (throughput !== undefined) Object.assign(metrics, { throughput, runtime: (1000 / throughput) * 1000 });
  return {
    name: file,
    status: 'ok',
    diagnostics: [],
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

/** Reps 1..n of rf 1 and 2, workload a, with throughputs around 100 and 200. */
function campaign(extra: Factors = {}): Run[] {
  const runs: Run[] = [];
  for (const rf of ['1', '2']) for (let rep = 1; rep <= 4; rep++) runs.push(run({ db: 'cassandra', workload: 'a', rf, rep: String(rep), ...extra }, Number(rf) * 100 + rep));
  return runs;
}

/** A run whose status lines show no completed operation for its first 40 s of 100. */
function stalled(rep: string): Run {
  const r = run({ db: 'cassandra', workload: 'a', rf: '1', rep }, 100);
  r.metrics.runtime = 100_000;
  for (let t = 0; t <= 100; t += 10) r.series.push({ t, operations: t <= 40 ? 0 : (t - 40) * 100, line: t / 10 + 1, ops: {} });
  return r;
}

function analyse(runs: Run[], options: Partial<AnalysisOptions> = {}): AnalysisResult {
  const counts = Object.fromEntries(RUN_STATUSES.map((s) => [s, runs.filter((r) => r.status === s).length])) as Inventory['counts'];
  return analyze({ roots: ['/campaign'], runs, scanErrors: [], counts }, { group: ['rf', 'workload'], ...options });
}

/** Every text of a result the CLI prints that the analysis words: warnings and exclusion reasons. */
function texts(a: AnalysisResult): string[] {
  return [
    ...a.warnings,
    ...a.excluded.map((e) => e.reason),
    ...a.groups.flatMap((g) => g.warnings),
    ...a.strata.flatMap((s) => [...s.warnings, ...s.pairs.flatMap((p) => p.warnings)]),
    ...a.twoway.flatMap((t) => t.warnings),
    ...a.series.flatMap((s) => s.warnings),
  ];
}

// Each phrase: a result whose texts have it, and the text the CLI prints (as before the library
// stopped speaking in flags).
const cases: [Fix, () => AnalysisResult, string][] = [
  ['includeLoad', () => analyse([...campaign(), run({ db: 'cassandra', workload: 'a', rf: '1', rep: '1', phase: 'load' }, 50)]), 'load phase (use --include-load to analyse it)'],
  ['filter', () => analyse([...campaign(), run({ db: 'cassandra', workload: 'c', rf: '1', rep: '1' }, 50)], { filter: { workload: ['a'] } }), 'not matching --filter workload=a'],
  ['excludedList', () => analyse([...campaign(), run({ db: 'cassandra', workload: 'a', rf: '1', rep: '9' })]), '1 ok run has no value for throughput and is left out (see --json "excluded")'],
  ['unknownGroup', () => analyse(campaign(), { group: ['rf', 'threads'] }), '--group threads: no run has this factor; known factors: '],
  ['notGrouped', () => analyse([...campaign(), ...campaign({ db: 'hbase' })]), 'db varies in the data but is not in --group: each level is analysed separately, never pooled'],
  ['twowayNeedsTwo', () => analyse(campaign(), { group: ['rf'], twoway: true }), '--twoway needs two factors in --group'],
  ['trimWarmup', () => analyse([...campaign(), stalled('5'), stalled('6')]), '; --trim-warmup measures the steady state instead'],
  [
    'scheme',
    () => analyse([run({ db: 'cassandra', workload: 'a', rf: '1' }, 100), run({ db: 'cassandra', workload: 'a', rf: '1' }, 101), ...campaign().filter((r) => r.factors.rf === '2')]),
    '2 runs of this group have no repetition number: they are pooled as repetitions but may be different configurations; name the factors with --scheme (see `analyze scheme`)',
  ],
];

describe('analysis warnings in words, CLI output with flags', () => {
  for (const [fix, result, cli] of cases) {
    it(`${fix}: the library says "${FIXES[fix]}", the CLI "${FLAGS[fix]}"`, () => {
      const a = result();
      const before = JSON.stringify(a);
      const words = texts(a);
      expect(words.some((t) => t.includes(FIXES[fix])), words.join('\n')).toBe(true);
      for (const t of words) expect(t).not.toMatch(/--[a-z]|`analyze /);
      const flagged = inCliTerms(a);
      expect(texts(flagged).some((t) => t.includes(cli)), texts(flagged).join('\n')).toBe(true);
      expect(texts(flagged).some((t) => t.includes(FIXES[fix]))).toBe(false);
      // the result given is left as it was
      expect(JSON.stringify(a)).toBe(before);
    });
  }

  it('each phrase is replaced alone: none is part of another, and no flag text holds a phrase', () => {
    const keys = Object.keys(FIXES) as Fix[];
    for (const a of keys) {
      for (const b of keys) if (a !== b) expect(FIXES[a].includes(FIXES[b]), `${a} holds ${b}`).toBe(false);
      for (const b of keys) expect(FLAGS[a].includes(FIXES[b]), `flag of ${a} holds ${b}`).toBe(false);
    }
  });

  it('a text without a phrase is kept as it is, and a result without one is not copied deeper', () => {
    expect(withFlags('rf=3 has n = 0: left out')).toBe('rf=3 has n = 0: left out');
    const a = analyse(campaign());
    const flagged = inCliTerms(a);
    expect(flagged.groups.every((g, i) => g === a.groups[i])).toBe(true);
    expect(flagged.excluded.every((e, i) => e === a.excluded[i])).toBe(true);
  });
});
