/**
 * A run's series findings (stalls, warm-up, steady throughput) in one WebAssembly call: the fast path
 * of `seriesOf` (./analyze.ts), which digests every run's status samples as the loader builds it.
 *
 * ```
 * run.series ──t, operations, throughput into the module's memory──► digest (wasm/digest.ts)
 *   0: the findings, read back ──► RunSeriesResult (the warm-up rule's warnings worded here)
 *   1: declined (the JavaScript would warn, or an input it does not take) ──► undefined: seriesOf
 * ```
 * The module mirrors the JavaScript step by step (see wasm/digest.ts): its findings are the
 * JavaScript's, bit for bit (test/analysis/digest.test.ts compares them on real, generated and
 * random series). Why: on a campaign the size of the study, ~1,100 short series digested by cold
 * JavaScript (a dozen functions that V8 has not optimised yet) cost more than the rest of the
 * analysis; one WebAssembly function is compiled at once.
 */
import type { Run } from '../model/index.js';
import { logTable } from '../stats/pelt.js';
import { risesLateWarning, startsAboveWarning, WARMUP_DEFAULTS } from '../stats/warmup.js';
import { growMemory, instantiateEmbedded, type WasmMemory } from '../stats/wasm.js';
import { DIGEST_WASM } from './digest-wasm.js';
import type { RunSeriesResult } from './types.js';

/** Switch and counter, for the tests: `wasm` false runs the JavaScript only. */
export const DIGEST_ENGINE = { wasm: true, /** digests made by the module so far */ digests: 0, /** declined so far */ declined: 0 };

interface DigestModule {
  memory: WasmMemory;
  digest: (n: number, cap: number, base: number, minIntervals: number, maxFraction: number, keep: number) => number;
  regions: () => number;
  heapBase: () => number;
}

/** warmup()'s defaults, as seriesOf calls it. */
const { minIntervals: MIN_INTERVALS, maxFraction: MAX_FRACTION, minDrop: MIN_DROP } = WARMUP_DEFAULTS;

/** Longer series go to the JavaScript (the module's memory would pass 23 × 8 × 2²⁰ bytes). */
const MAX_SAMPLES = 1 << 20;

const POSITIONS = ['leading', 'inner', 'trailing', 'whole'] as const;

interface Views {
  cap: number;
  base: number;
  t: Float64Array;
  ops: Float64Array;
  thr: Float64Array;
  out: Float64Array;
}

let digestModule: DigestModule | null | undefined;
let views: Views | undefined;

/** The module and its views for series of n samples (memory grown, log table written), or undefined. */
function viewsFor(n: number): Views | undefined {
  if (digestModule === undefined) digestModule = instantiateEmbedded<DigestModule>(DIGEST_WASM, 'digest');
  if (digestModule === null) return undefined;
  if (views === undefined || views.cap < n) {
    const cap = Math.max(n, Math.min(MAX_SAMPLES, 2 * (views?.cap ?? 512)));
    const base = digestModule.heapBase();
    const stride = 8 * (cap + 1);
    if (!growMemory(digestModule.memory, base + digestModule.regions() * stride)) return undefined;
    const buf = digestModule.memory.buffer;
    const region = (r: number, length: number) => new Float64Array(buf, base + r * stride, length);
    // log(i) for i = 0 … cap: pelt.ts's own table
    region(3, cap + 1).set(logTable(cap).subarray(0, cap + 1));
    views = { cap, base, t: region(0, cap), ops: region(1, cap), thr: region(2, cap), out: region(4, 4 * (cap + 1)) };
  }
  return views;
}

/**
 * seriesOf(run) by the module, or undefined when it is not available or declines (the caller then
 * runs seriesOf). Only for a non-empty series.
 */
export function digestFast(run: Run): RunSeriesResult | undefined {
  const series = run.series;
  const n = series.length;
  if (!DIGEST_ENGINE.wasm || n === 0 || n > MAX_SAMPLES) return undefined;
  const v = viewsFor(n);
  if (v === undefined) return undefined;
  const { t, ops, thr, out } = v;
  for (let i = 0; i < n; i++) {
    const s = series[i];
    t[i] = s.t;
    ops[i] = s.operations;
    const h = s.throughput;
    if (h === undefined) thr[i] = NaN;
    else if (h - h === 0) thr[i] = h; // finite (NaN in the module means "absent")
    else return decline();
  }
  if (digestModule!.digest(n, v.cap, v.base, MIN_INTERVALS, MAX_FRACTION, 1 - MIN_DROP) !== 0) return decline();
  DIGEST_ENGINE.digests++;
  const episodes = out[5];
  const stallEpisodes: RunSeriesResult['stallEpisodes'] = new Array(episodes);
  for (let e = 0; e < episodes; e++) stallEpisodes[e] = { start: out[10 + 3 * e], end: out[11 + 3 * e], position: POSITIONS[out[12 + 3 * e]] };
  const warning = out[6];
  const warnings = warning === 0 ? [] : [warning === 1 ? startsAboveWarning(out[7], out[8], out[9]) : risesLateWarning(out[8], MAX_FRACTION)];
  // the keys in seriesOf's order (JSON output)
  return {
    file: run.file,
    factors: run.factors,
    samples: out[0],
    stallCount: out[1],
    stallSeconds: out[2],
    stallEpisodes,
    warmupSeconds: out[3],
    steadyThroughput: out[4],
    warnings,
  };
}

function decline(): undefined {
  DIGEST_ENGINE.declined++;
  return undefined;
}
