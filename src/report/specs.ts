/**
 * Vega-Lite specs for the report's charts, data inline, one file per chart under figures/.
 * Pure and deterministic: no randomness (jitter is a hash of the file name), no dates, stable
 * orders. Sized for a thesis column: at most THESIS_WIDTH px wide, no text under 11 px (8 pt).
 *
 * allFigures, in reading order:
 * 1. means         mean ± CI per level, one shared y scale (FigureOptions.independentScales: one per panel)
 * 2. box           box plots with every run, one legend (databases, outlier rules, failed runs)
 * 3. series[-part] throughput over time, at most MAX_PANELS panels a figure
 *                  (FigureOptions.seriesPerConfiguration: one figure per configuration)
 * 4. timeline      every run against its start time, one row per database, with the campaign's
 *                  change points (AnalysisResult.timeline) as numbered rules
 * 5. latency[-part] latency per operation in µs, at most MAX_PANELS panels a figure
 * 6. pairs         pairwise matrix (Hedges' g, adjusted p)
 * 7. qq[-part]     normal Q–Q plots
 * 8. completeness  configurations × repetitions
 */
import type { AnalysisResult } from '../analysis/types.js';
import type { Run } from '../model/index.js';
import type { Completeness } from './types.js';
import { meansSpec } from './figures/means.js';
import { boxSpec } from './figures/box.js';
import { seriesFigures } from './figures/series.js';
import { timelineFigures } from './figures/timeline.js';
import { latencyFigures, latencyTable } from './figures/latency.js';
import { pairsSpec } from './figures/pairs.js';
import { qqFigures } from './figures/qq.js';
import { completenessFromAnalysis, completenessSpec } from './figures/completeness.js';
import type { Figure, FigureOptions } from './figures/common.js';

export { CONFIG, FONT_SIZE, MAX_PANELS, OKABE_ITO, THESIS_WIDTH, VEGA_LITE_SCHEMA, type Figure, type FigureOptions } from './figures/common.js';
export { meansSpec } from './figures/means.js';
export { boxSpec, FAILED_KEY, RUN_KEYS, rulesFlagging } from './figures/box.js';
export { seriesFigures, SERIES_KEYS } from './figures/series.js';
export { naiveMillis, TIMELINE_X_TITLE, timelineFigures } from './figures/timeline.js';
export { LATENCY_UNIT, latencyFigures, latencyTable, type LatencyRow } from './figures/latency.js';
export { pairsSpec } from './figures/pairs.js';
export { ppoints, qqFigures } from './figures/qq.js';
export { completenessFromAnalysis, completenessSpec } from './figures/completeness.js';

/** Every chart of the report, in reading order (charts without data are left out). */
export function allFigures(a: AnalysisResult, runs: Run[], completeness?: Completeness, options: FigureOptions = {}): Figure[] {
  const out: Figure[] = [meansSpec(a, options), boxSpec(a)];
  const byFile = new Map(runs.map((r) => [r.file, r]));
  const hasSeries = a.groups.some((g) => g.runs.some((r) => (byFile.get(r.file)?.series.length ?? 0) > 1));
  if (hasSeries) out.push(...seriesFigures(a, runs, options));
  out.push(...timelineFigures(a, runs, options));
  if (latencyTable(a, runs).length > 0) out.push(...latencyFigures(a, runs));
  if (a.strata.some((s) => s.pairs.length > 0)) out.push(pairsSpec(a));
  if (a.groups.some((g) => g.runs.length >= 3)) out.push(...qqFigures(a));
  out.push(completenessSpec(completeness ?? completenessFromAnalysis(a, runs)));
  return out;
}
