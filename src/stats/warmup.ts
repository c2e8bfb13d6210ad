import { mean, meanRange } from './mean.js';
import { medianRange } from './median.js';
import { pelt, type PeltOptions } from './pelt.js';
import { intervalColumns, type IntervalColumns, type ThroughputSample } from './stalls.js';

/** Series up to this many samples reuse the interval columns of the previous call (longer ones get their own). */
const REUSE_MAX = 4096;
/** The interval columns {@link warmup} reuses from call to call (nothing it calls can call it again). */
let columns: IntervalColumns | undefined;

/** Options of {@link warmup}. */
export interface WarmupOptions {
  /** Fewer status intervals than this: no detection, a warning (default 5). */
  minIntervals?: number;
  /** A warm-up may cover at most this fraction of the intervals (default 0.5). */
  maxFraction?: number;
  /** A warm-up segment must lie below (1 − minDrop) × the steady level (default 0.05): a drift of
   * a few per cent is not a warm-up. */
  minDrop?: number;
  /** Passed to {@link pelt} (default: MBIC penalty, minSegment 1, robust σ). */
  pelt?: PeltOptions;
}

/** The defaults of {@link WarmupOptions}. */
export const WARMUP_DEFAULTS = Object.freeze({ minIntervals: 5, maxFraction: 0.5, minDrop: 0.05 });

/** Result of {@link warmup}. */
export interface WarmupResult {
  /** Seconds from the start of the run to the end of the warm-up (0 when none was found). */
  warmupSeconds: number;
  /** Index in `samples` of the first sample whose interval belongs to the steady part
   * (`samples.slice(steadyStart)` is the steady part); `samples.length` when nothing is left. */
  steadyStart: number;
  /** Mean of the current throughput (ops/s) over the steady intervals, stalls included; NaN if none. */
  steadyThroughput: number;
  /** 'pelt' when the change-point search ran, 'none' when the run was too short for it. */
  method: 'pelt' | 'none';
  /** Number of PELT segments in the warm-up (0 when none). */
  warmupSegments: number;
  /** Means (ops/s) of the PELT segments, in time order. */
  segmentMeans: number[];
  warnings: string[];
}

/**
 * Warm-up of a YCSB run from its status-line time series: the initial period before throughput
 * reaches its steady level, found with PELT (change in mean, MBIC penalty) on the interval
 * throughputs.
 *
 * Rule. PELT splits the series into segments of constant mean. The warm-up is the longest run of
 * leading segments S1 … Sj such that
 *   (1) the means rise strictly from S1 up to S(j+1) (a warm-up climbs to the steady level:
 *       leading zeros while the client connects, then a ramp as caches and connections fill),
 *   (2) every one of them lies below (1 − minDrop) × the median throughput of the rest of the run
 *       (the steady level; the median ignores stalls and spikes later in the run; minDrop = 5 %
 *       by default, so a slow drift of a few per cent is not called a warm-up), and
 *   (3) together they cover at most `maxFraction` of the intervals (a warm-up is short; a level
 *       that rises late in the run is a regime change, not a warm-up).
 * Otherwise the warm-up is 0. A first segment above the steady level (the run starts fast and
 * slows down) is not a warm-up and is reported as a warning. Requiring a rise, rather than any
 * difference, keeps mid-run stalls (zero intervals, which PELT isolates as short low segments) and
 * the short final interval from being taken as warm-up; because those stalls follow a higher
 * segment, they break the staircase.
 *
 * Runs with fewer than `minIntervals` (default 5) intervals get no detection and a warning.
 * Reference: Killick, Fearnhead & Eckley (2012) for PELT (see pelt.ts); the steady-state
 * definition follows the usual "discard the initial transient" practice of simulation output
 * analysis (Law, A. M. (2015), *Simulation Modeling and Analysis*, 5th ed., §9.5.1).
 * `samples` may also be their {@link intervalColumns} (for a caller that reads them for stalls too).
 * @throws {RangeError} when times are not finite or decrease (see `intervals`), or options are invalid.
 * @example
 * warmup([0, 0, 0, 0, 40, 70, 72, 71, 70, 73, 71, 72, 70, 71].map((v, i) => ({ t: 10 * i, throughput: v })))
 * // { warmupSeconds: 40, steadyStart: 5, steadyThroughput: 71.11111111111111, method: 'pelt',
 * //   warmupSegments: 2, segmentMeans: [0, 40, 71.11111111111111], warnings: [] }
 */
export function warmup(samples: readonly ThroughputSample[] | IntervalColumns, options: WarmupOptions = {}): WarmupResult {
  const minIntervals = options.minIntervals ?? WARMUP_DEFAULTS.minIntervals;
  const maxFraction = options.maxFraction ?? WARMUP_DEFAULTS.maxFraction;
  const minDrop = options.minDrop ?? WARMUP_DEFAULTS.minDrop;
  if (!(minDrop >= 0 && minDrop < 1)) throw new RangeError(`warmup: minDrop must be in [0, 1), found ${minDrop}`);
  if (!(maxFraction > 0 && maxFraction <= 1)) throw new RangeError(`warmup: maxFraction must be in (0, 1], found ${maxFraction}`);
  let iv: IntervalColumns;
  if (Array.isArray(samples)) {
    iv = intervalColumns(samples, columns);
    if (samples.length <= REUSE_MAX) columns = iv;
  } else iv = samples as IntervalColumns;
  const n = iv.length;
  // the interval throughputs: a view of the columns, read here and by pelt, kept by neither
  const y = iv.throughput.subarray(0, n);
  const warnings: string[] = [];
  if (n < minIntervals) {
    warnings.push(
      `only ${n} status interval(s): too short to detect a warm-up (need at least ${minIntervals}); the whole run is treated as steady`,
    );
    const all = n > 0 ? mean(y) : NaN;
    return {
      warmupSeconds: 0,
      steadyStart: n > 0 ? iv.index[0] : iv.samples,
      steadyThroughput: all,
      method: 'none',
      warmupSegments: 0,
      segmentMeans: n > 0 ? [all] : [],
      warnings,
    };
  }
  const seg = pelt(y, options.pelt);
  for (const w of seg.warnings) warnings.push(w);
  const segments = seg.segments;
  const mu: number[] = [];
  for (let i = 0; i < segments.length; i++) mu.push(segments[i].mean);
  let j = 0;
  // the steady level after the first segment (the warning below reads it again)
  let firstLevel: number | undefined;
  for (let cand = 1; cand < segments.length; cand++) {
    if (!(mu[cand - 1] < mu[cand])) break; // (1) rising staircase up to S(cand+1)
    const end = segments[cand - 1].end;
    if (end > maxFraction * n) break; // (3) short
    const level = medianRange(y, end, n);
    if (cand === 1) firstLevel = level;
    // (2) below the steady level: mu rises strictly up to mu[cand − 1] (1), the largest of S1 … S(cand)
    if (mu[cand - 1] < (1 - minDrop) * level) j = cand;
  }
  if (j === 0 && segments.length > 1) {
    const firstEnd = segments[0].end;
    const level = firstLevel ?? medianRange(y, firstEnd, n);
    if (mu[0] > level) warnings.push(startsAboveWarning(mu[0], iv.end[firstEnd - 1], level));
    else if (mu[0] < mu[1] && firstEnd > maxFraction * n) warnings.push(risesLateWarning(iv.end[firstEnd - 1], maxFraction));
  }
  const k = j > 0 ? segments[j - 1].end : 0;
  return {
    warmupSeconds: k > 0 ? iv.end[k - 1] : 0,
    steadyStart: k < n ? iv.index[k] : iv.samples,
    steadyThroughput: k < n ? meanRange(y, k, n) : NaN,
    method: 'pelt',
    warmupSegments: j,
    segmentMeans: mu,
    warnings,
  };
}

/**
 * The warning of {@link warmup} when the first PELT segment (mean `firstMean` ops/s, up to `firstEnd`
 * seconds) lies above the median `level` of the rest: the run starts fast and slows down.
 * @example startsAboveWarning(120, 30, 80)
 * // 'the run starts above its later level (120 ops/s in the first 30 s, then a median of 80 ops/s): not treated as a warm-up'
 */
export function startsAboveWarning(firstMean: number, firstEnd: number, level: number): string {
  return `the run starts above its later level (${fmt(firstMean)} ops/s in the first ${fmt(firstEnd)} s, then a median of ${fmt(level)} ops/s): not treated as a warm-up`;
}

/**
 * The warning of {@link warmup} when throughput first rises after `firstEnd` seconds, beyond
 * `maxFraction` of the run's intervals.
 * @example risesLateWarning(200, 0.5)
 * // 'throughput rises only after 200 s, more than 50% of the run: not treated as a warm-up; the run may not reach a steady state'
 */
export function risesLateWarning(firstEnd: number, maxFraction: number): string {
  return `throughput rises only after ${fmt(firstEnd)} s, more than ${fmt(maxFraction * 100)}% of the run: not treated as a warm-up; the run may not reach a steady state`;
}

function fmt(x: number): string {
  return Number(x.toPrecision(4)).toString();
}
