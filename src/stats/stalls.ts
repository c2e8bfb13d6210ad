/**
 * One point of a run's time series, as YCSB's `-s` status lines give it: seconds since the start,
 * the current throughput of the interval ending at `t`, and/or the cumulative operation count.
 * (`StatusSample` of src/model has this shape; YCSB omits the throughput while no operation has
 * completed yet, so either field may be missing on a line.)
 */
export interface ThroughputSample {
  /** Seconds since the start of the run. */
  t: number;
  /** Current throughput (ops/s) of the interval ending at t. */
  throughput?: number;
  /** Cumulative operations completed at t. */
  operations?: number;
}

/** The interval (start, end] that ends at `samples[index]`. */
export interface ThroughputInterval {
  /** Index in the input array of the sample that closes the interval. */
  index: number;
  start: number;
  end: number;
  seconds: number;
  /** Operations completed in the interval, when the cumulative counts are known. */
  operations?: number;
  /** ops/s: the sample's throughput, or operations / seconds when only counts are given. */
  throughput: number;
}

/**
 * The intervals of {@link intervals} as columns, without an object per interval: interval k
 * (k < length) is (start[k], end[k]], closed by samples[index[k]], with throughput[k] ops/s and,
 * when known[k] is 1, operations[k] operations. The arrays may be longer than `length`.
 */
export interface IntervalColumns {
  /** Number of intervals. */
  length: number;
  /** Number of samples they were read from. */
  samples: number;
  index: Int32Array;
  start: Float64Array;
  end: Float64Array;
  throughput: Float64Array;
  operations: Float64Array;
  /** 1 when the interval's operations are known (both cumulative counts given), else 0. */
  known: Uint8Array;
}

/**
 * The intervals between consecutive status samples (the first opens at t = 0), dropping
 * zero-length ones (YCSB prints a last line at the same second after clean-up) and those with
 * neither a throughput nor operation counts, as columns (what {@link stalls} and warmup read; see
 * {@link intervals} for one object per interval). Written into the arrays of `reuse` when they are
 * long enough (for a caller that reads many series one after the other), else into new ones.
 * @throws {RangeError} when a time is not finite or the times decrease.
 * @example intervalColumns([{ t: 0, operations: 0 }, { t: 10, operations: 0 }, { t: 20, operations: 500, throughput: 50 }])
 * // { length: 2, samples: 3, index: Int32Array(3) [ 1, 2, 0 ], start: Float64Array(3) [ 0, 10, 0 ],
 * //   end: Float64Array(3) [ 10, 20, 0 ], throughput: Float64Array(3) [ 0, 50, 0 ],
 * //   operations: Float64Array(3) [ 0, 500, 0 ], known: Uint8Array(3) [ 1, 1, 0 ] }
 */
export function intervalColumns(samples: readonly ThroughputSample[], reuse?: IntervalColumns): IntervalColumns {
  const n = samples.length;
  const iv: IntervalColumns =
    reuse !== undefined && reuse.index.length >= n
      ? reuse
      : {
          length: 0,
          samples: 0,
          index: new Int32Array(n),
          start: new Float64Array(n),
          end: new Float64Array(n),
          throughput: new Float64Array(n),
          operations: new Float64Array(n),
          known: new Uint8Array(n),
        };
  let k = 0;
  let prevT = 0;
  let prevOps: number | undefined = 0;
  for (let index = 0; index < n; index++) {
    const s = samples[index];
    const t = s.t;
    if (!Number.isFinite(t)) throw new RangeError(`intervals: sample ${index} has a non-finite time (${t})`);
    if (t < prevT) throw new RangeError(`intervals: time goes backwards at sample ${index} (${prevT} then ${t})`);
    const seconds = t - prevT;
    const ops = s.operations !== undefined && prevOps !== undefined ? s.operations - prevOps : undefined;
    let throughput = s.throughput;
    if (throughput === undefined && ops !== undefined && seconds > 0) throughput = ops / seconds;
    if (seconds > 0 && throughput !== undefined && Number.isFinite(throughput)) {
      iv.index[k] = index;
      iv.start[k] = prevT;
      iv.end[k] = t;
      iv.throughput[k] = throughput;
      iv.operations[k] = ops ?? 0;
      iv.known[k] = ops !== undefined ? 1 : 0;
      k++;
    }
    prevT = t;
    prevOps = s.operations;
  }
  iv.length = k;
  iv.samples = n;
  return iv;
}

/**
 * The intervals between consecutive status samples (the first opens at t = 0), dropping
 * zero-length ones (YCSB prints a last line at the same second after clean-up) and those with
 * neither a throughput nor operation counts: {@link intervalColumns}, one object per interval.
 * @throws {RangeError} when a time is not finite or the times decrease.
 * @example intervals([{ t: 0, operations: 0 }, { t: 10, operations: 0 }, { t: 20, operations: 500, throughput: 50 }])
 * // [ { index: 1, start: 0, end: 10, seconds: 10, operations: 0, throughput: 0 },
 * //   { index: 2, start: 10, end: 20, seconds: 10, operations: 500, throughput: 50 } ]
 */
export function intervals(samples: readonly ThroughputSample[]): ThroughputInterval[] {
  const iv = intervalColumns(samples);
  const out: ThroughputInterval[] = [];
  for (let k = 0; k < iv.length; k++) {
    const start = iv.start[k];
    const end = iv.end[k];
    // two literals rather than a spread: same keys in the same order, no temporary object
    out.push(iv.known[k] === 1
      ? { index: iv.index[k], start, end, seconds: end - start, operations: iv.operations[k], throughput: iv.throughput[k] }
      : { index: iv.index[k], start, end, seconds: end - start, throughput: iv.throughput[k] });
  }
  return out;
}

/** Series up to this many samples reuse the columns of the previous call (longer ones get their own). */
const REUSE_MAX = 4096;
/** The interval columns {@link stalls} reuses from call to call (it is synchronous and calls nothing that could call it again). */
let columns: IntervalColumns | undefined;

/**
 * The intervals of `samples` ({@link intervalColumns}), or `samples` themselves when they are such
 * intervals already; series up to REUSE_MAX samples are read into the columns of the previous call.
 */
function columnsOf(samples: readonly ThroughputSample[] | IntervalColumns): IntervalColumns {
  if (!Array.isArray(samples)) return samples as IntervalColumns;
  const iv = intervalColumns(samples, columns);
  if (samples.length <= REUSE_MAX) columns = iv;
  return iv;
}

/** Whether no operation completed in interval k: its operations when known, else its throughput. */
function idle(iv: IntervalColumns, k: number): boolean {
  return iv.known[k] === 1 ? iv.operations[k] === 0 : iv.throughput[k] === 0;
}

/** A maximal run of consecutive intervals without any operation. */
export interface StallEpisode {
  start: number;
  end: number;
  seconds: number;
  /** Number of status intervals in the episode. */
  intervals: number;
  /** leading: from the first interval (e.g. client start-up); trailing: up to the last one
   * (e.g. YCSB's clean-up line); inner: in the middle of the run (a real stall); whole: the entire run. */
  position: 'leading' | 'inner' | 'trailing' | 'whole';
}

/** Zero-operation intervals of a run. */
export interface StallsResult {
  /** Number of status intervals with zero operations (all positions). */
  count: number;
  /** Their total duration in seconds. */
  totalSeconds: number;
  /** Same, restricted to inner episodes (stalls in the middle of the run). */
  innerCount: number;
  innerSeconds: number;
  /** Consecutive zero intervals merged, in time order. */
  episodes: StallEpisode[];
  /** Number of intervals examined. */
  intervals: number;
  warnings: string[];
}

/**
 * Stalls of a run: status intervals during which no operation completed (interval throughput 0,
 * or an unchanged cumulative operation count), counted, timed and merged into episodes.
 *
 * An interval is (t_{i−1}, t_i]; its operations are the difference of the cumulative counts when
 * both are known, otherwise its throughput decides. Zero-length intervals are ignored.
 * Reference: YCSB `StatusThread` (site.ycsb.Client), which prints the status lines every 10 s.
 * `samples` may also be their {@link intervalColumns} (for a caller that reads them for warmup too).
 * @throws {RangeError} when a time is not finite or the times decrease.
 * @example
 * stalls([{ t: 0, operations: 0 }, { t: 10, operations: 0 }, { t: 20, operations: 600, throughput: 60 },
 *         { t: 30, operations: 600, throughput: 0 }, { t: 40, operations: 1300, throughput: 70 }])
 * // { count: 2, totalSeconds: 20, innerCount: 1, innerSeconds: 10, intervals: 4, warnings: [],
 * //   episodes: [ { start: 0, end: 10, seconds: 10, intervals: 1, position: 'leading' },
 * //               { start: 20, end: 30, seconds: 10, intervals: 1, position: 'inner' } ] }
 */
export function stalls(samples: readonly ThroughputSample[] | IntervalColumns): StallsResult {
  const iv = columnsOf(samples);
  const n = iv.length;
  const warnings: string[] = [];
  const episodes: StallEpisode[] = [];
  let count = 0;
  let totalSeconds = 0;
  let innerCount = 0;
  let innerSeconds = 0;
  for (let i = 0; i < n; ) {
    if (!idle(iv, i)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < n && idle(iv, j + 1)) j++;
    const first = i === 0;
    const last = j === n - 1;
    const position = first && last ? 'whole' : first ? 'leading' : last ? 'trailing' : 'inner';
    const seconds = iv.end[j] - iv.start[i];
    const intervals = j - i + 1;
    episodes.push({ start: iv.start[i], end: iv.end[j], seconds, intervals, position });
    // the sums in episode order, each from 0 (adding 0 for an episode that is not inner: the same
    // sums, and the same additions for every episode, which optimised code need not learn anew)
    const inner = position === 'inner';
    count += intervals;
    totalSeconds += seconds;
    innerCount += inner ? intervals : 0;
    innerSeconds += inner ? seconds : 0;
    i = j + 1;
  }
  if (n === 0) warnings.push('no status intervals: the run printed no usable status lines');
  else if (episodes.length === 1 && episodes[0].position === 'whole') warnings.push('no operation completed in any status interval');
  return { count, totalSeconds, innerCount, innerSeconds, episodes, intervals: n, warnings };
}
