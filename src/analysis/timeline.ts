/**
 * The campaign's timeline: every analysed run in the order it started, and the points in time where
 * the whole campaign's level changed (drift of the cluster over days, a slow start after each load).
 *
 * ```
 * groups + runs ──1 place──► the analysed runs (kept, not excluded) that have a start time, in
 *                            start-time order (ties by file name)
 *               ──2 scale──► each run as a z-score within its configuration: (value − mean) / sd over
 *                            the configuration's placed runs (configurations with fewer than 3 placed
 *                            runs, or no spread, are left out: they have no scale)
 *               ──3 segment► PELT (src/stats/pelt.ts), changes in mean, MBIC penalty, noise variance 1
 *                            (the z-scores' own), segments of at least MIN_SEGMENT runs
 *               ──────────► CampaignTimeline: the change points with their start times and levels
 * ```
 * Why z-scores: the configurations' means differ by far more than any drift, and their spreads
 * differ too; within a configuration the z-scores have mean 0 and variance 1 by construction, so
 * one noise variance holds for the whole sequence and a change is a move of the level that the
 * configurations running at that time share. Variance 1 is an upper bound of the noise around a
 * segment's level (a change inflates the configurations' sd), so the search errs towards fewer
 * changes. What it cannot see: a change at the time the campaign moved from one set of
 * configurations to another (the z-scores remove every configuration's mean, and with it any level
 * that only those configurations had).
 *
 * Pure: runs and groups in, the timeline out.
 */
import { compareLevels, type Run, type RunTime } from '../model/index.js';
import { pelt } from '../stats/pelt.js';
import type { CampaignTimeline, GroupResult } from './types.js';

/** A change must last at least this many runs: one or two outlying runs are not a change. */
export const TIMELINE_MIN_SEGMENT = 3;
/** Configurations need at least this many placed runs to be scaled (an sd from 2 values is no scale). */
const MIN_RUNS = 3;

/** One run placed on the timeline. */
export interface PlacedRun {
  file: string;
  start: RunTime;
  /** Key of its configuration (GroupResult.key). */
  key: string;
  value: number;
  /** (value − configuration mean) / configuration sd. */
  z: number;
}

/**
 * The analysed runs with a start time, in start-time order, each with its z-score within its
 * configuration; and how many were left out, and why.
 */
export function placeRuns(
  groups: readonly Pick<GroupResult, 'key' | 'runs'>[],
  runs: readonly Pick<Run, 'file' | 'start'>[],
): { placed: PlacedRun[]; noStart: number; fewRuns: number } {
  const startOf = new Map<string, RunTime>();
  for (const r of runs) if (r.start?.iso) startOf.set(r.file, r.start);
  const placed: PlacedRun[] = [];
  let noStart = 0;
  let fewRuns = 0;
  for (const g of groups) {
    const kept = g.runs.filter((r) => !r.excluded && Number.isFinite(r.value));
    const timed = kept.filter((r) => startOf.has(r.file));
    noStart += kept.length - timed.length;
    const n = timed.length;
    const m = timed.reduce((s, r) => s + r.value, 0) / Math.max(1, n);
    const sd = n >= 2 ? Math.sqrt(timed.reduce((s, r) => s + (r.value - m) ** 2, 0) / (n - 1)) : 0;
    if (n < MIN_RUNS || !(sd > 0)) {
      fewRuns += n;
      continue;
    }
    for (const r of timed) placed.push({ file: r.file, start: startOf.get(r.file)!, key: g.key, value: r.value, z: (r.value - m) / sd });
  }
  placed.sort((a, b) => (a.start.iso < b.start.iso ? -1 : a.start.iso > b.start.iso ? 1 : compareLevels(a.file, b.file)));
  return { placed, noStart, fewRuns };
}

/**
 * The campaign's change points (see the module comment). Undefined when no analysed run has a
 * start time: there is no timeline to speak of.
 * @example campaignTimeline(result.groups, inventory.runs)?.changePoints.map((c) => c.start)
 */
export function campaignTimeline(
  groups: readonly Pick<GroupResult, 'key' | 'runs'>[],
  runs: readonly Pick<Run, 'file' | 'start'>[],
): CampaignTimeline | undefined {
  const { placed, noStart, fewRuns } = placeRuns(groups, runs);
  if (placed.length === 0 && fewRuns === 0) return undefined;
  const sources: CampaignTimeline['sources'] = {};
  for (const p of placed) sources[p.start.source] = (sources[p.start.source] ?? 0) + 1;
  const n = placed.length;
  const out: CampaignTimeline = {
    n,
    sources,
    leftOut: { noStart, fewRuns },
    ...(n > 0 ? { first: placed[0].start.iso, last: placed[n - 1].start.iso } : {}),
    method: { scale: 'z-score', penalty: 'MBIC', penaltyValue: 3 * Math.log(Math.max(n, 1)), variance: 1, minSegment: TIMELINE_MIN_SEGMENT },
    changePoints: [],
    segments: [],
  };
  if (n < 2 * TIMELINE_MIN_SEGMENT) {
    out.note = `${n} runs with a start time in configurations of at least ${MIN_RUNS}: too few to look for a change (at least ${2 * TIMELINE_MIN_SEGMENT} are needed)`;
    return out;
  }
  const r = pelt(
    placed.map((p) => p.z),
    { penalty: 'MBIC', variance: 1, minSegment: TIMELINE_MIN_SEGMENT },
  );
  out.method.penaltyValue = r.penalty;
  out.segments = r.segments.map((s) => ({ first: placed[s.start].start.iso, last: placed[s.end - 1].start.iso, runs: s.end - s.start, level: s.mean }));
  out.changePoints = r.changepoints.map((t, i) => ({
    index: t,
    file: placed[t].file,
    start: placed[t].start.iso,
    before: r.segments[i].mean,
    after: r.segments[i + 1].mean,
  }));
  return out;
}
