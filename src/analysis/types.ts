/**
 * The analysis result: what `analyze <dir> --group …` computes, what `--json` prints and what the
 * report renders. Everything a reader needs travels in it: values, intervals, warnings, provenance.
 */
import type { Factors, RunStatus, Summary } from '../model/index.js';

export type PAdjustMethod = 'holm' | 'bonferroni' | 'BH';
export type OutlierMethod = 'iqr' | 'mad' | 'grubbs';

export interface AnalysisOptions {
  /** Factors that form groups, e.g. ['rf', 'workload']. */
  group: string[];
  /** The factor whose levels are compared (default: group[0]). */
  compare: string;
  /** Metric name: throughput, runtime, read.avg, read.p95, update.p99, … */
  metric: string;
  /** factor -> allowed levels. */
  filter: Record<string, string[]>;
  /** Confidence level of every interval (default 0.95). */
  confidence: number;
  /** BCa bootstrap of the mean, when asked. */
  bootstrap?: { resamples: number; seed: number };
  /** Remove the runs flagged by this method before computing (listed in `excluded`). */
  excludeOutliers?: OutlierMethod;
  adjust: PAdjustMethod;
  /** The family the adjustment runs over: the pairs of one stratum (default) or every pair of every stratum. */
  adjustScope: 'stratum' | 'all';
  /** Two-way ANOVA over the first two group factors. */
  twoway: boolean;
  /** Target relative CI half-width for the repetitions-needed computation (0.05 = ±5%). */
  targetCi: number;
  /** Compute per-run metrics from the steady-state part of the status-line series. */
  trimWarmup: boolean;
  /** Include the load phase (excluded by default). */
  includeLoad: boolean;
  /** false: the pairwise intervals the text summary does not print are not computed — the
   * Games–Howell and Tukey simultaneous intervals and Hedges' g's noncentral-t interval (their
   * `lo`/`hi` are NaN; the p-values and g are there). Each costs root finding over an expensive cdf
   * (qtukey over ptukey integrals, the noncentral t). Default true. */
  pairIntervals?: boolean;
  /**
   * The terminal view the result is for: what it does not print is not computed. Unset (the
   * default): everything, as --json and the report need.
   * - 'detail' (the --detail view, and the CSV): no campaign timeline (`timeline` absent).
   * - 'summary' (the default view): no timeline either; per group no median interval (`medianCi`
   *   bounds NaN) and no Shapiro–Wilk (absent); per pair only Welch's t-test: no percent-change
   *   interval, no Hedges' g (NaN), no Wilcoxon, Games–Howell or Tukey HSD (absent; a stratum still
   *   notes when Games–Howell or Tukey HSD is not defined for its data), and the minimum detectable
   *   difference only for a stratum's headline pair (first level against last: headlinePair of
   *   compare.ts) when it is not significant.
   */
  view?: 'detail' | 'summary';
  /**
   * What one deployment costs, in seconds, per database (the `db` level), as measured by fill's
   * journal: teardown + deploy + readiness + load (medians of the steps that finished). For the
   * advice on more deployments or more repetitions; without it a deployment costs its load run's time.
   */
  deploymentSeconds?: Record<string, { seconds: number; steps: number }>;
}

/** One run as it enters a group. */
export interface GroupRun {
  file: string;
  rep?: string;
  value: number;
  outlier: { iqr: 'none' | 'mild' | 'severe'; mad: boolean; grubbs: boolean };
  /** Why it was excluded from the statistics, if it was. */
  excluded?: string;
  /** For a run combined from several client outputs: the outputs (Run.combined.clients). */
  clients?: string[];
}

/** Statistics of one group (one configuration). */
export interface GroupResult {
  /** Stable key, e.g. `db=cassandra,rf=1,workload=a`. */
  key: string;
  /** The levels of the group factors and the stratifying factors. */
  factors: Factors;
  /** The level of the compared factor. */
  level: string;
  /** Key of the stratum it is compared within (the other factors), '' when none. */
  stratum: string;
  n: number;
  mean: number;
  sd: number;
  se: number;
  median: number;
  min: number;
  max: number;
  cv: number;
  /** Student-t CI of the mean. */
  meanCi: Summary;
  /** BCa bootstrap CI of the mean (with --bootstrap). */
  bootstrapCi?: Summary;
  /** Exact order-statistic CI of the median (none below n = 6 at 95%). */
  medianCi: Summary;
  /** Σ operations / Σ seconds, for throughput. */
  ratioOfSums?: number;
  /** Shapiro–Wilk, when 3 <= n <= 5000 and the values are not all equal. */
  shapiro?: { W: number; p: number };
  /** Repetitions needed for a CI half-width within ±targetCi of the mean. */
  repetitions?: { needed: number; additional: number; target: number };
  runs: GroupRun[];
  /** Are the repetitions independent? Trend and lag-1 dependence in run order (src/analysis/dependence.ts). */
  dependence?: GroupDependence;
  /** Repetitions nested in deployments (a `deployment` factor): the interval from the deployment means. */
  nested?: GroupNested;
  /** Runs of this configuration that failed or were partial: missing repetitions, not outliers. */
  failed: { file: string; status: RunStatus; reason: string; clients?: string[] }[];
  warnings: string[];
}

/** Trend and serial dependence of a configuration's repetitions, in the order they ran. */
export interface GroupDependence {
  /** The order used: start times (every run has one), else repetition numbers, else file names. */
  order: 'start-time' | 'rep' | 'file';
  /** Repetitions checked (the ones kept). */
  n: number;
  /** Kendall's τ of the metric against the run order, as R's cor.test (exact for n < 50 without ties). */
  kendall?: { tau: number; p: number; method: 'exact' | 'normal' };
  /** Sen's slope: the change per repetition, with its CI (trend::sens.slope). */
  sensSlope?: { slope: number; lo: number; hi: number };
  /** Lag-1 autocorrelation, as R's acf. */
  acf1?: number;
  /** Ljung–Box test of the lag-1 autocorrelation (R's Box.test, lag 1). */
  ljungBox?: { statistic: number; p: number };
  /** Kendall p < 0.01 or Ljung–Box p < 0.01. */
  significant: boolean;
  /** When significant: the AR(1)-adjusted interval of the mean with its effective n. */
  adjustedCi?: Summary & { method: 'ar1'; nEff: number };
  /** First and last start time of the runs (ISO), when every run has one. */
  period?: { first: string; last: string };
  /** Why a statistic is missing (e.g. n < 3). */
  note?: string;
}

/** A configuration whose repetitions are nested in deployments. */
export interface GroupNested {
  /** The deployment levels, and how many repetitions each has (same order). */
  deployments: string[];
  sizes: number[];
  deploymentMeans: number[];
  /** t interval of the deployment means (k − 1 df); also the group's meanCi. */
  meanCi: Summary & { df: number };
  /** Variance components: ANOVA for a balanced design, REML for an unbalanced one. */
  components?: { method: 'anova' | 'reml'; between: number; within: number; icc: number };
  /** Kalibera & Jones: repetitions per deployment, and which step shrinks the interval most per second. */
  advice?: {
    repetitionsPerDeployment: number;
    optimal: number;
    shrinksMost?: 'deployments' | 'repetitions';
    /** Seconds. */
    deploymentCost: number;
    repetitionCost: number;
    /** journal: teardown, deploy, readiness and load as fill's journal measured them; load-runtime: the
     * load run's run time (teardown not measured); assumed-equal: neither, a deployment costs one run. */
    costSource: 'journal' | 'load-runtime' | 'assumed-equal';
  };
}

export interface TestResult {
  statistic: number;
  df1?: number;
  df2?: number;
  p: number;
}

export interface PairResult {
  /** Level compared from (baseline) and to. */
  a: string;
  b: string;
  /** mean(b) − mean(a) with its Welch CI. */
  diff: Summary;
  /** 100 (mean(b) / mean(a) − 1) with its CI. */
  percent: Summary;
  /** Hedges' g of b vs a with its CI. */
  hedgesG: Summary;
  welch: { t: number; df: number; p: number; pAdjusted: number };
  /** Games–Howell (absent when a level has one run). Below the studentized-range noise floor of its
   * df (1e-9 for df 12–100) there is no point value: `p` is NaN (null in JSON) and `pUpper` is the
   * bound (p < pUpper). */
  gamesHowell?: { p: number; pUpper?: number; lo: number; hi: number };
  /** Tukey HSD, with `p`/`pUpper` as for gamesHowell. */
  tukey?: { p: number; pUpper?: number; lo: number; hi: number };
  wilcoxon?: { W: number; p: number; method: 'exact' | 'normal' };
  /** The smallest true difference of means the two-sided Welch t-test at α = `alpha` (1 −
   * confidence, not adjusted for multiplicity) detects with probability `power` (0.8) at these
   * groups' n and standard deviations: `diff` in the metric's unit, `percent` of mean(a). Absent
   * when a group has fewer than 2 runs or both have zero spread. */
  minDetectable?: { diff: number; percent: number; power: number; alpha: number };
  warnings: string[];
}

/** The comparison of the compared factor's levels within one stratum. */
export interface StratumResult {
  /** Key of the stratum, e.g. `db=cassandra,workload=a` ('' when there is one stratum). */
  key: string;
  factors: Factors;
  levels: string[];
  /** Keys of the groups compared, in level order. */
  groups: string[];
  levene?: TestResult;
  brownForsythe?: TestResult;
  anova?: TestResult & { etaSquared: number; omegaSquared: number };
  welch?: TestResult;
  kruskal?: TestResult;
  /** The test to read: Welch's ANOVA whenever it is defined (one-way ANOVA and Kruskal–Wallis are
   * sensitivity checks, never substitutes). */
  recommended?: { test: 'welch'; reason: string };
  /** Set when Welch's ANOVA is undefined: why (then no omnibus test is read). */
  notTestable?: string;
  pairs: PairResult[];
  warnings: string[];
}

export interface TwoWayRow {
  term: string;
  ss: number;
  df: number;
  F: number;
  p: number;
}

export interface TwoWayResult {
  /** Stratum key (other factors), '' when none. */
  key: string;
  factors: [string, string];
  rows: TwoWayRow[];
  warnings: string[];
}

/** Per-run time-series findings (from -s status lines). */
export interface RunSeriesResult {
  file: string;
  factors: Factors;
  samples: number;
  stallCount: number;
  stallSeconds: number;
  /** The stalls themselves, in seconds since the start (leading = client start-up, trailing = end of run). */
  stallEpisodes: { start: number; end: number; position: 'leading' | 'inner' | 'trailing' | 'whole' }[];
  warmupSeconds: number;
  steadyThroughput: number;
  warnings: string[];
}

export interface AnalysisResult {
  schema: 'ycsb-analyze/analysis@1';
  options: AnalysisOptions;
  metric: string;
  unit: string;
  /** Factors that vary in the data but are not in --group: they stratify too (never pooled). */
  stratifiedBy: string[];
  groups: GroupResult[];
  strata: StratumResult[];
  twoway: TwoWayResult[];
  series: RunSeriesResult[];
  /** Runs left out before grouping, with the reason (filter, load phase, failed, no metric). */
  excluded: { file: string; reason: string }[];
  /** The campaign in start-time order and its change points (src/analysis/timeline.ts); absent when no analysed run has a start time. */
  timeline?: CampaignTimeline;
  warnings: string[];
}

/**
 * The analysed runs in start-time order, each as a z-score within its configuration, segmented by
 * PELT: where the level shared by the configurations running at the time changed.
 */
export interface CampaignTimeline {
  /** Runs placed on the timeline: kept runs with a start time, in configurations of at least 3 such runs with spread. */
  n: number;
  /** Where the placed runs' start times came from (mtime: the file's modification time, weak evidence). */
  sources: Partial<Record<'status-line' | 'header' | 'name' | 'mtime', number>>;
  /** Kept runs left out: without a start time; in a configuration with fewer than 3 placed runs or no spread. */
  leftOut: { noStart: number; fewRuns: number };
  /** First and last start time (ISO, as the outputs wrote it, no zone). */
  first?: string;
  last?: string;
  /** How the change points were found: PELT over the z-scores, the penalty per change (3·ln n, plus ln of each segment's length), noise variance, shortest segment. */
  method: { scale: 'z-score'; penalty: 'MBIC'; penaltyValue: number; variance: number; minSegment: number };
  /** Each change: the first run after it (its index in start-time order, its file and start), and the mean z-score before and after. */
  changePoints: { index: number; file: string; start: string; before: number; after: number }[];
  /** The segments between the changes: first and last start, runs, mean z-score. */
  segments: { first: string; last: string; runs: number; level: number }[];
  /** Why no change was looked for (too few runs). */
  note?: string;
}
