/**
 * ycsb-analyze as a library. The CLI is built on exactly these functions.
 *
 * ```
 * loadRuns(dirs) ──► Inventory ──► analyze(inventory, options) ──► AnalysisResult ──► writeReport(dir, …)
 *        │                 └──────► designFromRuns / findGaps ──► planFill ──► exec (kubectl)
 *        └─ parseOutputs(text, name) (a run per invocation), parseYcsb(text, name) (one run),
 *           assignFactors(path), parseTable(csv)   (pure)
 * ```
 */
export * from './model/index.js';
// Ingest
export { parseOutputs, parseYcsb } from './ingest/parse.js';
export { loadRuns, type LoadOptions } from './ingest/load.js';
export { assignFactors, compileTemplate, explainSchemes } from './ingest/scheme/index.js';
export { formatExplanation } from './cli/scheme-text.js';
export { discover } from './ingest/discover.js';
export { parseTable } from './ingest/table.js';
export { parseExperiment, ExperimentError } from './ingest/experiment.js';
// Analysis
export { analyze, DEFAULT_OPTIONS } from './analysis/analyze.js';
export type { AnalysisOptions, AnalysisResult, GroupResult, GroupRun, PairResult, StratumResult, TestResult, TwoWayResult, TwoWayRow, RunSeriesResult, OutlierMethod } from './analysis/types.js';
export { exportInventory, toSeedCsv, toLongCsv, toJson, type ExportFormat } from './analysis/export.js';
export { designFromRuns, designFromExperiment } from './analysis/design.js';
export { findGaps, formatGaps } from './analysis/gaps.js';
export { planFill } from './analysis/plan.js';
// Report
export { writeReport } from './report/write.js';
// Statistics, one per file
export * from './stats/bootstrapBca.js';
export * from './stats/brownForsythe.js';
export * from './stats/coefficientOfVariation.js';
export * from './stats/describe.js';
export * from './stats/distributions.js';
export * from './stats/gamesHowell.js';
export * from './stats/grubbs.js';
export * from './stats/hedgesG.js';
export * from './stats/kruskalWallis.js';
export * from './stats/levene.js';
export * from './stats/mean.js';
export * from './stats/median.js';
export * from './stats/medianConfidenceInterval.js';
export * from './stats/modifiedZScore.js';
export * from './stats/noncentralT.js';
export * from './stats/oneWayAnova.js';
export * from './stats/pAdjust.js';
export * from './stats/pelt.js';
export * from './stats/percentChange.js';
export * from './stats/power.js';
export * from './stats/qtukey.js';
export * from './stats/quantile.js';
export * from './stats/ratioOfSums.js';
export * from './stats/repetitionsNeeded.js';
export * from './stats/rng.js';
export * from './stats/shapiroWilk.js';
export * from './stats/stalls.js';
export * from './stats/standardDeviation.js';
export * from './stats/standardError.js';
export * from './stats/tConfidenceInterval.js';
export * from './stats/tukeyFences.js';
export * from './stats/tukeyHsd.js';
export * from './stats/twoWayAnova.js';
export * from './stats/variance.js';
export * from './stats/warmup.js';
export * from './stats/welchAnova.js';
export * from './stats/welchTTest.js';
export * from './stats/wilcoxonRankSum.js';
