/**
 * A realistic, hand-built AnalysisResult + Inventory for developing and testing the report without
 * the analysis layer: 2 databases × 2 workloads × RF 1–3 × 5 repetitions, with a failed run, an
 * outlier, a stall in a status series and a hostile file name. Values come from a seeded generator;
 * the statistics are computed here with textbook formulas (they are inputs to the report, not
 * results under test).
 */
import type {
  AnalysisResult,
  CampaignTimeline,
  GroupResult,
  GroupRun,
  PairResult,
  StratumResult,
} from '../../src/analysis/types.js';
import type { Factors, Inventory, Run, RunStatus, StatusSample, Summary } from '../../src/model/index.js';
import { tQuantile, tTwoSided, normalQuantile } from '../../src/stats/distributions.js';
import type { Completeness } from '../../src/report/types.js';
import { groupDependence } from '../../src/analysis/dependence.js';

export const HOSTILE = '<img src=x onerror=alert(1)>-1.txt';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
function gauss(rnd: () => number): number {
  const u = Math.max(rnd(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
}
const mean = (x: number[]) => x.reduce((a, b) => a + b, 0) / x.length;
const sd = (x: number[]) => {
  const m = mean(x);
  return Math.sqrt(x.reduce((a, b) => a + (b - m) ** 2, 0) / (x.length - 1));
};
function tci(x: number[], conf = 0.95): Summary {
  const m = mean(x);
  const h = tQuantile(1 - (1 - conf) / 2, x.length - 1) * (sd(x) / Math.sqrt(x.length));
  return { center: m, lo: m - h, hi: m + h, confidence: conf, warnings: [] };
}

export interface Fixture {
  analysis: AnalysisResult;
  inventory: Inventory;
  completeness: Completeness;
}

/** Build the fixture. `hostile` puts the hostile file name on one run (default true). */
export function buildFixture(opts: { hostile?: boolean } = {}): Fixture {
  const hostile = opts.hostile ?? true;
  const rnd = lcg(42);
  const dbs = ['cassandra', 'citus'];
  const workloads = ['a', 'b'];
  const rfs = ['1', '2', '3'];
  const reps = 5;
  const base: Record<string, number> = { cassandra: 520, citus: 310 };
  const runs: Run[] = [];
  const groups: GroupResult[] = [];
  const strata: StratumResult[] = [];
  const completeness: Completeness = { configurations: [] };
  for (const db of dbs) {
    for (const wl of workloads) {
      const stratumKey = `db=${db},workload=${wl}`;
      const groupKeys: string[] = [];
      const values: Record<string, number[]> = {};
      for (const rf of rfs) {
        const key = `db=${db},rf=${rf},workload=${wl}`;
        groupKeys.push(key);
        const gr: GroupRun[] = [];
        const failed: GroupResult['failed'] = [];
        const cells: Completeness['configurations'][number]['reps'] = [];
        const mu = base[db] * (1 - 0.07 * (Number(rf) - 1)) * (wl === 'b' ? 1.3 : 1);
        for (let rep = 1; rep <= reps; rep++) {
          let file = `${db}-exec-15-1000000-${wl}-${rep}-rf_${rf}.txt`;
          if (hostile && db === 'cassandra' && wl === 'a' && rf === '1' && rep === 1) file = HOSTILE;
          const isFailed = db === 'citus' && wl === 'b' && rf === '2' && rep === 3;
          const isMissing = db === 'citus' && wl === 'a' && rf === '3' && rep === 5;
          const isOutlier = db === 'cassandra' && wl === 'b' && rf === '3' && rep === 2;
          if (isMissing) {
            cells.push({ rep: String(rep), status: 'missing' });
            continue;
          }
          let value = mu * (1 + 0.03 * gauss(rnd));
          if (isOutlier) value = mu * 0.7;
          const status: RunStatus = isFailed ? 'failed' : 'ok';
          const factors: Factors = { db, phase: 'run', nodes: '15', recordcount: '1000000', workload: wl, rep: String(rep), rf };
          runs.push(makeRun(file, factors, status, isFailed ? 0 : value, rnd, db === 'cassandra' && rep === 4));
          if (isFailed) {
            failed.push({ file, status: 'failed', reason: 'Throughput(ops/sec) is 0 and a PSQLException was printed' });
            cells.push({ rep: String(rep), status: 'failed', file });
            continue;
          }
          gr.push({
            file,
            rep: String(rep),
            value,
            outlier: { iqr: isOutlier ? 'severe' : 'none', mad: isOutlier, grubbs: isOutlier },
          });
          cells.push({ rep: String(rep), status: isOutlier ? 'outlier' : 'ok', file });
        }
        completeness.configurations.push({ factors: { db, rf, workload: wl }, reps: cells });
        const v = gr.map((r) => r.value);
        values[rf] = v;
        const s = [...v].sort((a, b) => a - b);
        const m = mean(v);
        const sdev = sd(v);
        const shapW = 0.9 + 0.08 * rnd();
        groups.push({
          key,
          factors: { db, rf, workload: wl },
          level: rf,
          stratum: stratumKey,
          n: v.length,
          mean: m,
          sd: sdev,
          se: sdev / Math.sqrt(v.length),
          median: s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2,
          min: s[0],
          max: s[s.length - 1],
          cv: sdev / m,
          meanCi: tci(v),
          medianCi: { center: s[Math.floor(s.length / 2)], lo: NaN, hi: NaN, confidence: 0.95, warnings: ['n = 5 is too few for a 95% median CI: at least 6 repetitions are needed'] },
          ratioOfSums: m * 1.001,
          shapiro: { W: shapW, p: shapW > 0.95 ? 0.6 : 0.03 },
          repetitions: { needed: 4, additional: 0, target: 0.05 },
          runs: gr,
          failed,
          warnings: failed.length ? [`${failed.length} failed repetition(s) left out`] : [],
        });
      }
      const pairs: PairResult[] = [];
      for (let i = 0; i < rfs.length; i++) {
        for (let j = i + 1; j < rfs.length; j++) {
          const a = values[rfs[i]];
          const b = values[rfs[j]];
          const ma = mean(a);
          const mb = mean(b);
          const va = sd(a) ** 2 / a.length;
          const vb = sd(b) ** 2 / b.length;
          const se = Math.sqrt(va + vb);
          const df = (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
          const t = (mb - ma) / se;
          const q = tQuantile(0.975, df);
          const p = tTwoSided(t, df);
          const sp = Math.sqrt(((a.length - 1) * sd(a) ** 2 + (b.length - 1) * sd(b) ** 2) / (a.length + b.length - 2));
          const g = ((mb - ma) / sp) * (1 - 3 / (4 * (a.length + b.length) - 9));
          pairs.push({
            a: rfs[i],
            b: rfs[j],
            diff: { center: mb - ma, lo: mb - ma - q * se, hi: mb - ma + q * se, confidence: 0.95, warnings: [] },
            percent: {
              center: 100 * (mb / ma - 1),
              lo: 100 * ((mb - ma - q * se) / ma),
              hi: 100 * ((mb - ma + q * se) / ma),
              confidence: 0.95,
              warnings: [],
            },
            hedgesG: { center: g, lo: g - 1.2, hi: g + 1.2, confidence: 0.95, warnings: [] },
            welch: { t, df, p, pAdjusted: Math.min(1, p * 3) },
            gamesHowell: { p: Math.min(1, p * 2.5), lo: mb - ma - 1.3 * q * se, hi: mb - ma + 1.3 * q * se },
            wilcoxon: { W: 3, p: 0.056, method: 'exact' },
            minDetectable: { diff: 2.5 * se, percent: (100 * 2.5 * se) / ma, power: 0.8, alpha: 0.05 },
            warnings: [],
          });
        }
      }
      strata.push({
        key: stratumKey,
        factors: { db, workload: wl },
        levels: rfs,
        groups: groupKeys,
        levene: { statistic: 0.8, df1: 2, df2: 12, p: 0.47 },
        brownForsythe: { statistic: 0.6, df1: 2, df2: 12, p: 0.56 },
        anova: { statistic: 40.1, df1: 2, df2: 11, p: 8.2e-6, etaSquared: 0.88, omegaSquared: 0.85 },
        welch: { statistic: 52.3, df1: 2, df2: 7.1, p: 5.1e-5 },
        kruskal: { statistic: 10.2, df1: 2, p: 0.006 },
        recommended: { test: 'welch', reason: 'variances may differ and n is small; Welch ANOVA does not assume equal variances' },
        pairs,
        warnings: [],
      });
    }
  }
  const series = runs
    .filter((r) => r.status === 'ok')
    .map((r) => ({
      file: r.file,
      factors: r.factors,
      samples: r.series.length,
      stallCount: r.series.some((s) => s.throughput === 0) ? 1 : 0,
      stallSeconds: r.series.some((s) => s.throughput === 0) ? 20 : 0,
      stallEpisodes: stallEpisodes(r.series),
      warmupSeconds: 20,
      steadyThroughput: r.metrics.throughput,
      warnings: [],
    }));
  const timeline = placeInTime(runs, groups);
  // Trend and lag-1 dependence per configuration, as the analysis computes them (runs in start order = rep order).
  const startOf = new Map(runs.map((r) => [r.file, r.start!.iso]));
  for (const g of groups) {
    const isos = g.runs.map((r) => startOf.get(r.file)!);
    g.dependence = groupDependence('start-time', g.runs.map((r) => r.value), 'throughput', 'ops/s', g.meanCi, { first: isos[0], last: isos[isos.length - 1] }).dependence;
  }
  const counts = { ok: 0, failed: 0, partial: 0, duplicate: 0, 'not-ycsb': 0, unreadable: 0 } as Record<RunStatus, number>;
  for (const r of runs) counts[r.status] = (counts[r.status] ?? 0) + 1;
  const analysis: AnalysisResult = {
    schema: 'ycsb-analyze/analysis@1',
    options: {
      group: ['rf', 'workload'],
      compare: 'rf',
      metric: 'throughput',
      filter: {},
      confidence: 0.95,
      adjust: 'holm',
      adjustScope: 'stratum',
      twoway: true,
      targetCi: 0.05,
      trimWarmup: false,
      includeLoad: false,
    },
    metric: 'throughput',
    unit: 'ops/s',
    stratifiedBy: ['db'],
    groups,
    strata,
    twoway: [
      {
        key: 'db=cassandra',
        factors: ['rf', 'workload'],
        rows: [
          { term: 'rf', ss: 41000, df: 2, F: 61.2, p: 3.1e-10 },
          { term: 'workload', ss: 120000, df: 1, F: 358.1, p: 1.2e-16 },
          { term: 'rf:workload', ss: 900, df: 2, F: 1.3, p: 0.29 },
          { term: 'Residuals', ss: 8000, df: 24, F: NaN, p: NaN },
        ],
        warnings: [],
      },
    ],
    series,
    excluded: [{ file: 'citus-exec-15-1000000-b-3-rf_2.txt', reason: 'failed: Throughput(ops/sec) is 0' }],
    timeline,
    warnings: ['1 configuration has fewer repetitions than the others (citus, rf 3, workload a: 4 of 5)'],
  };
  const inventory: Inventory = { roots: ['fixtures/campaign'], runs, scanErrors: [], counts };
  void normalQuantile;
  return { analysis, inventory, completeness };
}

/**
 * Start times, as a campaign would run them: database by database, RF by RF, the workloads
 * interleaved repetition by repetition, a run every 7 minutes, a night's pause between the
 * databases; Citus' workload b at RF 1 has only its files' modification times (weak evidence). And
 * the timeline the analysis would give, by hand (an input of the report, not a result under test):
 * one change point, at the first run of Citus RF 2.
 */
function placeInTime(runs: Run[], groups: GroupResult[]): CampaignTimeline {
  const order = ['db', 'rf', 'rep', 'workload'];
  const ordered = [...runs].sort((a, b) => {
    for (const f of order) {
      const c = f === 'rep' || f === 'rf' ? Number(a.factors[f]) - Number(b.factors[f]) : a.factors[f] < b.factors[f] ? -1 : a.factors[f] > b.factors[f] ? 1 : 0;
      if (c !== 0) return c;
    }
    return 0;
  });
  let minutes = 0;
  ordered.forEach((r, i) => {
    if (i > 0 && r.factors.db !== ordered[i - 1].factors.db) minutes += 12 * 60;
    const iso = new Date(Date.UTC(2024, 2, 4, 8, 0) + minutes * 60_000).toISOString().replace('Z', '');
    r.start = { iso, source: r.factors.db === 'citus' && r.factors.workload === 'b' && r.factors.rf === '1' ? 'mtime' : 'status-line' };
    minutes += 7;
  });
  const kept = new Set(groups.flatMap((g) => g.runs.map((r) => r.file)));
  const placed = ordered.filter((r) => kept.has(r.file));
  const at = placed.findIndex((r) => r.factors.db === 'citus' && r.factors.rf === '2');
  const mtime = placed.filter((r) => r.start!.source === 'mtime').length;
  return {
    n: placed.length,
    sources: { 'status-line': placed.length - mtime, mtime },
    leftOut: { noStart: 0, fewRuns: 0 },
    first: placed[0].start!.iso,
    last: placed[placed.length - 1].start!.iso,
    method: { scale: 'z-score', penalty: 'MBIC', penaltyValue: 3 * Math.log(placed.length), variance: 1, minSegment: 3 },
    changePoints: [{ index: at, file: placed[at].file, start: placed[at].start!.iso, before: 0.21, after: -0.64 }],
    segments: [
      { first: placed[0].start!.iso, last: placed[at - 1].start!.iso, runs: at, level: 0.21 },
      { first: placed[at].start!.iso, last: placed[placed.length - 1].start!.iso, runs: placed.length - at, level: -0.64 },
    ],
  };
}

/** Intervals without operations (status samples with throughput 0), as the analysis reports them. */
function stallEpisodes(series: StatusSample[]): { start: number; end: number; position: 'leading' | 'inner' | 'trailing' | 'whole' }[] {
  const out: { start: number; end: number; position: 'leading' | 'inner' | 'trailing' | 'whole' }[] = [];
  for (let i = 1; i < series.length; i++) {
    if (series[i].throughput !== 0) continue;
    const last = out[out.length - 1];
    if (last && last.end === series[i - 1].t) last.end = series[i].t;
    else out.push({ start: series[i - 1].t, end: series[i].t, position: 'inner' });
  }
  return out;
}

function makeRun(file: string, factors: Factors, status: RunStatus, throughput: number, rnd: () => number, stall: boolean): Run {
  const series: StatusSample[] = [];
  let ops = 0;
  for (let t = 10, i = 0; t <= 120; t += 10, i++) {
    const warm = i < 2 ? 0.6 + 0.2 * i : 1;
    const tp = status === 'failed' ? 0 : stall && (t === 60 || t === 70) ? 0 : throughput * warm * (1 + 0.05 * gauss(rnd));
    ops += tp * 10;
    series.push({ t, operations: Math.round(ops), throughput: tp, line: 8 + i, ops: {} });
  }
  const lat = (m: number) => (status === 'failed' ? 0 : m * (1 + 0.1 * gauss(rnd)));
  const readAvg = lat(1800);
  const updAvg = lat(2400);
  return {
    name: file,
    file,
    root: 'fixtures/campaign',
    status,
    diagnostics: status === 'failed' ? [{ message: 'Throughput is 0', severity: 'error', line: 40 }] : [],
    format: 'ycsb-text',
    header: { factors: {}, properties: {} },
    metrics: status === 'failed' ? { throughput: 0 } : { throughput, runtime: 1e7 / throughput, 'read.avg': readAvg, 'update.avg': updAvg },
    operations:
      status === 'failed'
        ? {}
        : {
            READ: { operation: 'READ', count: 5000, avg: readAvg, percentiles: { '95': lat(4200), '99': lat(9000) }, returns: { OK: 5000 } },
            UPDATE: { operation: 'UPDATE', count: 5000, avg: updAvg, percentiles: { '95': lat(5200), '99': lat(12000) }, returns: { OK: 5000 } },
          },
    series,
    sourceLatencyUnit: 'us',
    lines: 60,
    factors,
    origin: { scheme: 'lucas-fs', fromName: factors, fromContent: {}, conflicts: [], ambiguities: [] },
  };
}
