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
 * The intervals between consecutive status samples (the first opens at t = 0), dropping
 * zero-length ones (YCSB prints a last line at the same second after clean-up) and those with
 * neither a throughput nor operation counts.
 * @throws {RangeError} when a time is not finite or the times decrease.
 * @example intervals([{ t: 0, operations: 0 }, { t: 10, operations: 0 }, { t: 20, operations: 500, throughput: 50 }])
 * // [ { index: 1, start: 0, end: 10, seconds: 10, operations: 0, throughput: 0 },
 * //   { index: 2, start: 10, end: 20, seconds: 10, operations: 500, throughput: 50 } ]
 */
export function intervals(samples: readonly ThroughputSample[]): ThroughputInterval[] {
  const out: ThroughputInterval[] = [];
  let prevT = 0;
  let prevOps: number | undefined = 0;
  for (let index = 0; index < samples.length; index++) {
    const s = samples[index];
    if (!Number.isFinite(s.t)) throw new RangeError(`intervals: sample ${index} has a non-finite time (${s.t})`);
    if (s.t < prevT) throw new RangeError(`intervals: time goes backwards at sample ${index} (${prevT} then ${s.t})`);
    const seconds = s.t - prevT;
    const ops = s.operations !== undefined && prevOps !== undefined ? s.operations - prevOps : undefined;
    let throughput = s.throughput;
    if (throughput === undefined && ops !== undefined && seconds > 0) throughput = ops / seconds;
    if (seconds > 0 && throughput !== undefined && Number.isFinite(throughput)) {
      // two literals rather than a spread: same keys in the same order, no temporary object
      out.push(ops !== undefined
        ? { index, start: prevT, end: s.t, seconds, operations: ops, throughput }
        : { index, start: prevT, end: s.t, seconds, throughput });
    }
    prevT = s.t;
    prevOps = s.operations;
  }
  return out;
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
 * @throws {RangeError} when a time is not finite or the times decrease.
 * @example
 * stalls([{ t: 0, operations: 0 }, { t: 10, operations: 0 }, { t: 20, operations: 600, throughput: 60 },
 *         { t: 30, operations: 600, throughput: 0 }, { t: 40, operations: 1300, throughput: 70 }])
 * // { count: 2, totalSeconds: 20, innerCount: 1, innerSeconds: 10, intervals: 4, warnings: [],
 * //   episodes: [ { start: 0, end: 10, seconds: 10, intervals: 1, position: 'leading' },
 * //               { start: 20, end: 30, seconds: 10, intervals: 1, position: 'inner' } ] }
 */
export function stalls(samples: readonly ThroughputSample[]): StallsResult {
  const iv = intervals(samples);
  const warnings: string[] = [];
  const zero = iv.map((x) => (x.operations !== undefined ? x.operations === 0 : x.throughput === 0));
  const episodes: StallEpisode[] = [];
  for (let i = 0; i < iv.length; ) {
    if (!zero[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < iv.length && zero[j + 1]) j++;
    const first = i === 0;
    const last = j === iv.length - 1;
    const position = first && last ? 'whole' : first ? 'leading' : last ? 'trailing' : 'inner';
    episodes.push({ start: iv[i].start, end: iv[j].end, seconds: iv[j].end - iv[i].start, intervals: j - i + 1, position });
    i = j + 1;
  }
  if (iv.length === 0) warnings.push('no status intervals: the run printed no usable status lines');
  else if (episodes.some((e) => e.position === 'whole')) warnings.push('no operation completed in any status interval');
  const sum = (es: StallEpisode[], f: (e: StallEpisode) => number) => es.reduce((s, e) => s + f(e), 0);
  const inner = episodes.filter((e) => e.position === 'inner');
  return {
    count: sum(episodes, (e) => e.intervals),
    totalSeconds: sum(episodes, (e) => e.seconds),
    innerCount: sum(inner, (e) => e.intervals),
    innerSeconds: sum(inner, (e) => e.seconds),
    episodes,
    intervals: iv.length,
    warnings,
  };
}
