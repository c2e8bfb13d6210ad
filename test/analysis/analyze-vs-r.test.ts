/**
 * End-to-end acceptance of "statistics that match R": loadRuns + analyze on whole campaigns, every
 * number compared with what R computes from the same raw files (test/analysis/reference/analysis.R,
 * which reads the files itself; its output analysis.json holds inputs and expected values).
 *
 * Tolerances (relative, in each comparison): 1e-9 for statistics and interval bounds, 1e-6 for
 * p-values; Tukey p-values 1e-6 relative + 1e-12 absolute (R's ptukey upper tail is 1 − cdf, noise
 * below ~1e-9, see src/stats/qtukey.ts); below that floor only the bound is reported, and R's noise
 * must lie under it.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRuns } from '../../src/ingest/load.js';
import { analyze } from '../../src/analysis/analyze.js';
import type { AnalysisResult, GroupResult, StratumResult } from '../../src/analysis/types.js';
import type { Inventory } from '../../src/model/index.js';

const STAT = 1e-9;
const PVAL = 1e-6;
const TUKEY_ABS = 1e-12;

type Num = number | null;
interface RGroup {
  db: string;
  workload: string;
  rf: string;
  key: string;
  n: number;
  files: string[];
  values: number[];
  mean: number;
  sd: Num;
  se: Num;
  median: number;
  min: number;
  max: number;
  cv: Num;
  ci?: [number, number];
  medianCi: [Num, Num];
  shapiro?: { W: number; p: number };
  withoutIqrOutliers: { excludedFiles: string[]; excludedValues: number[]; n: number; mean: number; sd: Num; ci?: [number, number] };
  failed: string[];
}
interface RTest {
  F: number;
  df1: number;
  df2: number;
  p: number;
}
interface RPair {
  a: string;
  b: string;
  diff: number;
  lo: number;
  hi: number;
  t: number;
  df: number;
  p: number;
  pHolm: number;
  tukey: { diff: number; lo: number; hi: number; p: number };
  wilcoxon: { W: number; p: number; exact: boolean };
}
interface RStratum {
  db: string;
  workload: string;
  key: string;
  levels: string[];
  levene: RTest;
  brownForsythe: RTest;
  anova: RTest & { etaSquared: number; omegaSquared: number };
  welch: RTest;
  kruskal: { H: number; df: number; p: number };
  pairs: RPair[];
}
interface RCampaign {
  dir: string;
  files: number;
  duplicates: { dropped: string; kept: string }[];
  failed: string[];
  metrics: Record<string, { metric: string; groups: RGroup[]; strata: RStratum[] }>;
}
const ref = JSON.parse(readFileSync(path.join(__dirname, 'reference', 'analysis.json'), 'utf8')) as {
  R: string;
  confidence: number;
  campaigns: { fixture: RCampaign; study: RCampaign };
};

const FIXTURE_DIR = path.resolve(__dirname, '../../fixtures/campaign');
const STUDY_DIR = path.resolve(__dirname, '../../../shared/data/ycsb/lucas-fs-ycsb-prom-metrics/YCSB-outputs');

/** |found − expected| ≤ rel·|expected| + abs; R's null (no value) must be NaN or absent here. */
function near(found: number | undefined, expected: Num, rel: number, abs: number, what: string): void {
  if (expected === null) {
    expect(found === undefined || Number.isNaN(found), `${what}: R has no value, found ${found}`).toBe(true);
    return;
  }
  expect(typeof found === 'number' && Number.isFinite(found), `${what}: expected a number, found ${found}`).toBe(true);
  expect(Math.abs((found as number) - expected), `${what}: found ${found}, R ${expected}`).toBeLessThanOrEqual(rel * Math.abs(expected) + abs);
}
const stat = (found: number | undefined, expected: Num, what: string) => near(found, expected, STAT, 0, what);
const pv = (found: number | undefined, expected: Num, what: string) => near(found, expected, PVAL, 0, what);

/** The one group of analyze's result that R calls db/rf/workload. */
function groupFor(a: AnalysisResult, r: { db: string; rf: string; workload: string }): GroupResult {
  const found = a.groups.filter((g) => g.factors.db === r.db && g.factors.rf === r.rf && g.factors.workload === r.workload);
  expect(found.map((g) => g.key), `groups for db=${r.db} rf=${r.rf} workload=${r.workload}`).toHaveLength(1);
  return found[0];
}

function stratumFor(a: AnalysisResult, r: { db: string; workload: string }): StratumResult {
  const found = a.strata.filter((s) => s.factors.db === r.db && s.factors.workload === r.workload);
  expect(found.map((s) => s.key), `strata for db=${r.db} workload=${r.workload}`).toHaveLength(1);
  return found[0];
}

/** A file R kept, or its byte-identical twin (which of the two is kept depends on the order). */
function sameRun(c: RCampaign, file: string): string {
  const d = c.duplicates.find((x) => x.dropped === file || x.kept === file);
  return d ? d.kept : file;
}

function checkGroup(a: AnalysisResult, c: RCampaign, r: RGroup): void {
  const g = groupFor(a, r);
  const w = r.key;
  expect(g.n, `${w} n`).toBe(r.n);
  // The same runs with the same values (in rep order, as both sort them).
  expect(g.runs.filter((x) => !x.excluded).map((x) => sameRun(c, x.file)).sort(), `${w} files`).toEqual(r.files.map((f) => sameRun(c, f)).sort());
  const byFile = new Map(g.runs.map((x) => [sameRun(c, x.file), x.value]));
  r.files.forEach((f, i) => stat(byFile.get(sameRun(c, f)), r.values[i], `${w} value of ${f}`));
  stat(g.mean, r.mean, `${w} mean`);
  stat(g.sd, r.sd, `${w} sd`);
  stat(g.se, r.se, `${w} se`);
  stat(g.median, r.median, `${w} median`);
  stat(g.min, r.min, `${w} min`);
  stat(g.max, r.max, `${w} max`);
  stat(g.cv, r.cv, `${w} cv`);
  stat(g.meanCi.center, r.mean, `${w} t CI center`);
  stat(g.meanCi.lo, r.ci ? r.ci[0] : null, `${w} t CI lo`);
  stat(g.meanCi.hi, r.ci ? r.ci[1] : null, `${w} t CI hi`);
  expect(g.meanCi.confidence).toBe(ref.confidence);
  stat(g.medianCi.center, r.median, `${w} median CI center`);
  stat(g.medianCi.lo, r.medianCi[0], `${w} median CI lo`);
  stat(g.medianCi.hi, r.medianCi[1], `${w} median CI hi`);
  if (r.shapiro) {
    stat(g.shapiro?.W, r.shapiro.W, `${w} Shapiro–Wilk W`);
    pv(g.shapiro?.p, r.shapiro.p, `${w} Shapiro–Wilk p`);
  } else expect(g.shapiro, `${w} Shapiro–Wilk (R has none)`).toBeUndefined();
  // Failed and partial runs: left out of the statistics and listed as missing repetitions.
  expect(g.failed.map((f) => f.file).sort(), `${w} failed`).toEqual([...r.failed].sort());
  for (const f of g.failed) expect(['failed', 'partial'], `${w} status of ${f.file}`).toContain(f.status);
}

function checkStratum(a: AnalysisResult, r: RStratum): void {
  const s = stratumFor(a, r);
  const w = r.key;
  expect(s.levels, `${w} levels`).toEqual(r.levels);
  for (const [name, found, exp] of [
    ['Levene', s.levene, r.levene],
    ['Brown–Forsythe', s.brownForsythe, r.brownForsythe],
    ['ANOVA', s.anova, r.anova],
    ['Welch ANOVA', s.welch, r.welch],
  ] as const) {
    stat(found?.statistic, exp.F, `${w} ${name} F`);
    stat(found?.df1, exp.df1, `${w} ${name} df1`);
    stat(found?.df2, exp.df2, `${w} ${name} df2`);
    pv(found?.p, exp.p, `${w} ${name} p`);
  }
  stat(s.anova?.etaSquared, r.anova.etaSquared, `${w} η²`);
  stat(s.anova?.omegaSquared, r.anova.omegaSquared, `${w} ω²`);
  stat(s.kruskal?.statistic, r.kruskal.H, `${w} Kruskal–Wallis H`);
  stat(s.kruskal?.df1, r.kruskal.df, `${w} Kruskal–Wallis df`);
  pv(s.kruskal?.p, r.kruskal.p, `${w} Kruskal–Wallis p`);
  expect(s.pairs.map((p) => `${p.a}-${p.b}`), `${w} pairs`).toEqual(r.pairs.map((p) => `${p.a}-${p.b}`));
  for (const rp of r.pairs) {
    const p = s.pairs.find((x) => x.a === rp.a && x.b === rp.b)!;
    const pw = `${w} rf ${rp.a}→${rp.b}`;
    stat(p.diff.center, rp.diff, `${pw} Welch diff`);
    stat(p.diff.lo, rp.lo, `${pw} Welch CI lo`);
    stat(p.diff.hi, rp.hi, `${pw} Welch CI hi`);
    stat(p.welch.t, rp.t, `${pw} Welch t`);
    stat(p.welch.df, rp.df, `${pw} Welch df`);
    pv(p.welch.p, rp.p, `${pw} Welch p`);
    pv(p.welch.pAdjusted, rp.pHolm, `${pw} Welch p (Holm)`);
    stat(rp.tukey.diff, rp.diff, `${pw} R's Tukey diff is the same difference`);
    stat(p.tukey?.lo, rp.tukey.lo, `${pw} Tukey lo`);
    stat(p.tukey?.hi, rp.tukey.hi, `${pw} Tukey hi`);
    if (p.tukey?.pUpper !== undefined) {
      // below the noise floor of the studentized-range tail only the bound is reported; R's value
      // there is noise, but below the bound too
      expect(p.tukey.p, `${pw} Tukey p is not a point value`).toBeNaN();
      expect(rp.tukey.p, `${pw} R's Tukey p under the bound ${p.tukey.pUpper}`).toBeLessThan(p.tukey.pUpper);
    } else near(p.tukey?.p, rp.tukey.p, PVAL, TUKEY_ABS, `${pw} Tukey p`);
    stat(p.wilcoxon?.W, rp.wilcoxon.W, `${pw} Wilcoxon W`);
    pv(p.wilcoxon?.p, rp.wilcoxon.p, `${pw} Wilcoxon p`);
    expect(p.wilcoxon?.method, `${pw} Wilcoxon method`).toBe(rp.wilcoxon.exact ? 'exact' : 'normal');
  }
}

function campaignTests(label: 'fixture' | 'study', dir: string, metrics: string[]): () => Record<string, AnalysisResult> {
  const c = ref.campaigns[label];
  let inventory: Inventory;
  const results: Record<string, AnalysisResult> = {};
  beforeAll(async () => {
    inventory = await loadRuns([dir]);
    for (const m of metrics) results[m] = analyze(inventory, { group: ['rf', 'workload'], metric: m });
  }, 120_000);

  it(`finds the runs R counts as failed (${c.failed.length}) and leaves out byte-identical duplicates`, () => {
    const failed = inventory.runs.filter((r) => r.status === 'failed' || r.status === 'partial').map((r) => r.file);
    expect(failed.sort()).toEqual([...c.failed].sort());
    const dups = inventory.runs.filter((r) => r.status === 'duplicate');
    expect(dups).toHaveLength(c.duplicates.length);
    for (const d of dups) {
      const pair = c.duplicates.find((x) => x.dropped === d.file || x.kept === d.file);
      expect(pair, `${d.file} is a duplicate R knows`).toBeDefined();
      expect([pair!.dropped, pair!.kept]).toContain(d.duplicateOf);
    }
  });

  for (const m of metrics) {
    describe(`${m} by rf, workload (db stratifies)`, () => {
      it('stratifies by db (varies, not grouped) instead of pooling it', () => {
        const a = results[m];
        expect(a.stratifiedBy).toContain('db');
        expect(a.warnings.some((x) => x.includes('db') && x.includes('never pooled'))).toBe(true);
        for (const g of a.groups) expect(g.factors.db, g.key).toBeDefined();
        for (const s of a.strata) {
          expect(s.factors.db, s.key).toBeDefined();
          const dbs = new Set(s.groups.map((k) => a.groups.find((g) => g.key === k)!.factors.db));
          expect([...dbs], `${s.key} compares groups of one db`).toEqual([s.factors.db]);
        }
      });
      it('has one group per db × workload × rf, as R', () => {
        const a = results[m];
        const expected = c.metrics[m].groups.map((g) => `${g.db}/${g.workload}/${g.rf}`).sort();
        expect(a.groups.map((g) => `${g.factors.db}/${g.factors.workload}/${g.factors.rf}`).sort()).toEqual(expected);
      });
      for (const r of c.metrics[m].groups) {
        it(`group ${r.key}: n, mean, sd, se, median, min, max, cv, t CI, median CI, Shapiro–Wilk, failed runs`, () => {
          checkGroup(results[m], c, r);
        });
      }
      for (const r of c.metrics[m].strata) {
        it(`stratum ${r.key}: Levene, Brown–Forsythe, ANOVA, Welch, Kruskal–Wallis, pairs (Welch, Holm, Tukey, Wilcoxon)`, () => {
          checkStratum(results[m], r);
        });
      }
    });
  }

  it('--exclude-outliers iqr removes exactly the runs outside R\'s type-7 fences, lists each with its value, and recomputes', () => {
    const a = analyze(inventory, { group: ['rf', 'workload'], excludeOutliers: 'iqr' });
    let excludedSomewhere = 0;
    for (const r of c.metrics.throughput.groups) {
      const g = groupFor(a, r);
      const x = r.withoutIqrOutliers;
      const ex = g.runs.filter((run) => run.excluded);
      expect(ex.map((run) => run.file).sort(), `${r.key} excluded`).toEqual([...x.excludedFiles].sort());
      for (const run of ex) {
        expect(run.excluded, run.file).toBe('outlier (iqr)');
        const i = x.excludedFiles.indexOf(run.file);
        stat(run.value, x.excludedValues[i], `${r.key} excluded value of ${run.file}`);
        // The warning names every excluded run with its value.
        expect(g.warnings.some((w) => w.startsWith('excluded as outliers (iqr)') && w.includes(`${run.file} = ${run.value}`)), `${r.key} warning for ${run.file}`).toBe(true);
      }
      excludedSomewhere += ex.length;
      expect(g.n, `${r.key} n without outliers`).toBe(x.n);
      stat(g.mean, x.mean, `${r.key} mean without outliers`);
      stat(g.sd, x.sd, `${r.key} sd without outliers`);
      stat(g.meanCi.lo, x.ci ? x.ci[0] : null, `${r.key} CI lo without outliers`);
      stat(g.meanCi.hi, x.ci ? x.ci[1] : null, `${r.key} CI hi without outliers`);
    }
    expect(excludedSomewhere).toBe(c.metrics.throughput.groups.reduce((s, r) => s + r.withoutIqrOutliers.excludedFiles.length, 0));
    expect(excludedSomewhere).toBeGreaterThan(0);
  });

  it('--bootstrap with a seed gives identical intervals on two runs, and another seed different ones', () => {
    const opts = { group: ['rf', 'workload'], bootstrap: { resamples: 999, seed: 20240601 } };
    const one = analyze(inventory, opts).groups.map((g) => [g.key, g.bootstrapCi]);
    const two = analyze(inventory, opts).groups.map((g) => [g.key, g.bootstrapCi]);
    expect(two).toEqual(one);
    const withCi = analyze(inventory, opts).groups.filter((g) => g.n >= 3);
    expect(withCi.length).toBeGreaterThan(0);
    for (const g of withCi) {
      expect(Number.isFinite(g.bootstrapCi?.lo) && Number.isFinite(g.bootstrapCi?.hi), g.key).toBe(true);
      expect(g.bootstrapCi!.lo, g.key).toBeLessThan(g.mean);
      expect(g.bootstrapCi!.hi, g.key).toBeGreaterThan(g.mean);
    }
    const other = analyze(inventory, { ...opts, bootstrap: { resamples: 999, seed: 7 } }).groups.map((g) => [g.key, g.bootstrapCi]);
    expect(other).not.toEqual(one);
  });
  return () => results;
}

describe(`analyze vs R (${ref.R}): fixtures/campaign`, () => {
  campaignTests('fixture', FIXTURE_DIR, ['throughput']);

  it('lists the partial and the failed run in their groups, with their status and a reason', async () => {
    const a = analyze(await loadRuns([FIXTURE_DIR]), { group: ['rf', 'workload'] });
    const partial = groupFor(a, { db: 'cassandra', rf: '2', workload: 'a' });
    expect(partial.failed).toHaveLength(1);
    expect(partial.failed[0].status).toBe('partial');
    expect(partial.failed[0].reason).toMatch(/summary/);
    expect(partial.warnings.some((w) => /1 run failed or partial/.test(w))).toBe(true);
    const failed = groupFor(a, { db: 'citus', rf: '1', workload: 'c' });
    expect(failed.failed.map((f) => [f.file, f.status])).toEqual([['citus-exec-14-1000000-c-4-rf_1-bs_7000-fs_3000.txt', 'failed']]);
    expect(failed.failed[0].reason).toMatch(/0\.0|Connection refused/);
    // A run that never happened is simply absent: citus a rf3 has 5 runs and nothing failed.
    const missing = groupFor(a, { db: 'citus', rf: '3', workload: 'a' });
    expect([missing.n, missing.failed.length]).toEqual([5, 0]);
    expect(a.excluded.some((e) => e.file === 'run-notes.txt' && e.reason === 'not-ycsb')).toBe(true);
  });
});

describe.skipIf(!existsSync(STUDY_DIR))(`analyze vs R (${ref.R}): the study (lucas-fs YCSB-outputs)`, () => {
  const results = campaignTests('study', STUDY_DIR, ['throughput', 'read.p95']);

  it('keeps p-values far below 1e-16 (Cassandra workload a: Welch ANOVA p ≈ 1.6e-20) instead of rounding them to 0', () => {
    const r = ref.campaigns.study.metrics.throughput.strata.find((s) => s.key === 'db=cassandra,workload=a')!;
    expect(r.welch.p).toBeLessThan(1e-19);
    const s = stratumFor(results().throughput, r);
    expect(s.welch!.p).toBeGreaterThan(0);
    pv(s.welch!.p, r.welch.p, 'Welch ANOVA p');
    pv(s.anova!.p, r.anova.p, 'ANOVA p (≈ 8.7e-28)');
    const p13 = s.pairs.find((p) => p.a === '1' && p.b === '3')!;
    pv(p13.welch.p, r.pairs.find((p) => p.a === '1' && p.b === '3')!.p, 'Welch t p rf 1→3 (≈ 7.1e-20)');
    // The smallest p-values of the study (citus a: ANOVA p ≈ 8e-101) are kept too.
    const citus = ref.campaigns.study.metrics.throughput.strata.find((x) => x.key === 'db=citus,workload=a')!;
    expect(citus.anova.p).toBeLessThan(1e-99);
    pv(stratumFor(results().throughput, citus).anova!.p, citus.anova.p, 'citus a ANOVA p');
  });

  it('citus/c/rf1 has n = 29: the failed repetition (rep 6) is listed, not averaged in', () => {
    const a = results().throughput;
    const g = groupFor(a, { db: 'citus', rf: '1', workload: 'c' });
    expect(g.n).toBe(29);
    expect(g.failed.map((f) => [f.file, f.status])).toEqual([['citus-exec-14-1000000-c-6-rf_1-bs_7000-fs_3000.txt', 'failed']]);
    expect(g.sd).toBeLessThan(0.5); // with the failed 0 averaged in it would be ≈ 2.55
    expect(g.runs.some((r) => r.value === 0)).toBe(false);
    const d = groupFor(a, { db: 'citus', rf: '2', workload: 'd' });
    expect(d.n).toBe(29);
    expect(d.failed.map((f) => f.file)).toEqual(['citus-exec-14-1000000-d-1-rf_2-bs_7000-fs_3000.txt']);
  });
});

if (!existsSync(STUDY_DIR)) {
  console.warn(`analyze-vs-r: the study part is skipped: ${STUDY_DIR} does not exist (the shared data folder is not mounted)`);
}
