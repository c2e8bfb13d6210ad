import { mean } from './mean.js';
import { createRng } from './rng.js';
import { normalCdf, normalQuantile } from './distributions.js';

/** A statistic of one sample, e.g. `mean` or `median`. */
export type Statistic = (values: readonly number[]) => number;

/** A BCa interval; structurally a `Summary` (center = statistic of the sample) with its ingredients. */
export interface BcaInterval {
  /** The statistic of the original sample, t0. */
  center: number;
  /** Lower bound (NaN when no interval can be given; a warning says why). */
  lo: number;
  /** Upper bound (NaN when no interval can be given). */
  hi: number;
  /** Confidence level of [lo, hi]. */
  confidence: number;
  /** Bias correction z0 = Φ⁻¹(#{t* < t0} / R) (R's `w`). */
  z0: number;
  /** Acceleration a = Σ L³ / (6 (Σ L²)^{3/2}) from jackknife influence values Lⱼ = (n − 1)(t0 − t₍ⱼ₎) (R's `a`). */
  acceleration: number;
  /** The adjusted tail levels Φ(z0 + (z0 + z_α)/(1 − a (z0 + z_α))) for the lower and upper bound. */
  adjustedLevels: [number, number];
  /** Number of finite replicates used. */
  replicates: number;
  /** Why the interval is missing or should be read with care. */
  warnings: string[];
}

/** Options of `bootstrapBca`. */
export interface BootstrapOptions {
  /** Number of bootstrap resamples (default 10000). */
  B?: number;
  /** Seed of the xoshiro128** generator of ./rng.ts (default 1). */
  seed?: number;
  /** Confidence level (default 0.95). */
  confidence?: number;
  /** Statistic to bootstrap (default the mean). */
  statistic?: Statistic;
}

/**
 * Interpolation of bootstrap order statistics on the normal-quantile scale, as `boot:::norm.inter`:
 * with R' = #replicates and rk = (R' + 1) · level, k = ⌊rk⌋, the bound is t*(k) when rk is an
 * integer, t*(1) when k = 0, t*(R') when k = R', and otherwise
 * t*(k) + (Φ⁻¹(level) − Φ⁻¹(k/(R'+1))) / (Φ⁻¹((k+1)/(R'+1)) − Φ⁻¹(k/(R'+1))) · (t*(k+1) − t*(k)).
 */
function normInter(sorted: readonly number[], level: number): { value: number; extreme: boolean } {
  const R = sorted.length;
  const rk = (R + 1) * level;
  const extreme = !(rk > 1 && rk < R);
  const k = Math.trunc(rk);
  // 1-based order statistic t*(i) is sorted[i - 1].
  if (k === 0) return { value: sorted[0], extreme };
  if (k === R) return { value: sorted[R - 1], extreme };
  if (k === rk) return { value: sorted[k - 1], extreme };
  const z = normalQuantile(level);
  const zk = normalQuantile(k / (R + 1));
  const zk1 = normalQuantile((k + 1) / (R + 1));
  const tk = sorted[k - 1];
  const tk1 = sorted[k];
  return { value: tk + ((z - zk) / (zk1 - zk)) * (tk1 - tk), extreme };
}

function failed(
  center: number,
  confidence: number,
  z0: number,
  acceleration: number,
  replicates: number,
  warnings: string[],
): BcaInterval {
  return {
    center, lo: NaN, hi: NaN, confidence, z0, acceleration, adjustedLevels: [NaN, NaN], replicates, warnings,
  };
}

/**
 * Bias-corrected and accelerated (BCa) bootstrap confidence interval from given bootstrap
 * replicates, computed exactly as R's `boot::boot.ci(type = "bca")` with jackknife influence values
 * (`L = empinf(b, type = "jack")`, i.e. `boot:::bca.ci`):
 *
 * - t0 = statistic(x); non-finite replicates are dropped (R' remain);
 * - z0 = Φ⁻¹(#{t* < t0} / R');
 * - jackknife (as `boot:::usual.jack`): t₍ⱼ₎ = statistic(x without xⱼ), Lⱼ = (n − 1)(t0 − t₍ⱼ₎),
 *   a = Σ L³ / (6 (Σ L²)^{3/2});
 * - for z_α = Φ⁻¹((1 ∓ confidence)/2): level = Φ(z0 + (z0 + z_α)/(1 − a (z0 + z_α)));
 * - each bound by `boot:::norm.inter` (interpolation between order statistics on the
 *   normal-quantile scale; see `normInter`).
 *
 * Where R stops (z0 infinite: every replicate on one side of t0, e.g. all values equal; a not
 * finite) the result has no interval (lo = hi = NaN) and a warning. Where R warns ("extreme order
 * statistics used as endpoints") a warning says to use more resamples.
 *
 * Reference: Efron, B. (1987), Better bootstrap confidence intervals, JASA 82(397), 171–185;
 * Davison, A. C. & Hinkley, D. V. (1997), Bootstrap Methods and their Application, §5.3.2;
 * R package boot 1.3 (`boot.ci`, `bca.ci`, `norm.inter`, `empinf`).
 * @throws {RangeError} when `confidence` is not in (0, 1) or `replicates` is empty; errors thrown
 * by `statistic` propagate.
 * @example bcaFromReplicates([1, 2, 3, 4], mean, [1.75, 2, 2.25, 2.5, 2.75, 3, 3.25], 0.5)
 * // { center: 2.5, lo: 1.810855598609362, hi: 2.7467248605902235, confidence: 0.5,
 * //   z0: -0.1800123697927051, acceleration: 0, replicates: 7, warnings: [], … }
 * // (boot:::bca.ci(NULL, 0.5, t0 = 2.5, t = that, L = empinf(type = "jack")) gives the same bounds)
 */
export function bcaFromReplicates(
  x: readonly number[],
  statistic: Statistic,
  replicates: readonly number[],
  confidence = 0.95,
): BcaInterval {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`bcaFromReplicates: expected confidence in (0, 1), found ${confidence}`);
  }
  if (replicates.length === 0) {
    throw new RangeError('bcaFromReplicates: expected at least 1 bootstrap replicate, found 0');
  }
  const warnings: string[] = [];
  const n = x.length;
  const t0 = n > 0 ? statistic(x) : NaN;
  const t = replicates.filter((v) => Number.isFinite(v));
  if (t.length < replicates.length) {
    warnings.push(`${replicates.length - t.length} of ${replicates.length} bootstrap replicates were not finite and were dropped`);
  }
  const R = t.length;
  if (n < 2) {
    warnings.push(`only ${n} value${n === 1 ? '' : 's'}: a bootstrap interval needs at least 2 (${2 - n} more run${n === 1 ? '' : 's'} needed)`);
    return failed(t0, confidence, NaN, NaN, R, warnings);
  }
  if (R === 0) {
    warnings.push('no finite bootstrap replicate: no interval');
    return failed(t0, confidence, NaN, NaN, R, warnings);
  }
  let below = 0;
  for (const v of t) if (v < t0) below++;
  const z0 = normalQuantile(below / R);
  // Jackknife influence values as boot:::usual.jack: L_j = (n - 1)(t0 - t_(j)), centred on t0
  // (not on the mean of the t_(j): the two differ for a statistic such as the median).
  const tj = new Array<number>(n);
  const rest = new Array<number>(n - 1);
  for (let j = 0; j < n; j++) {
    for (let i = 0, k = 0; i < n; i++) if (i !== j) rest[k++] = x[i];
    tj[j] = statistic(rest);
  }
  let s2 = 0;
  let s3 = 0;
  for (const v of tj) {
    const l = (n - 1) * (t0 - v);
    s2 += l * l;
    s3 += l * l * l;
  }
  const a = s3 / (6 * Math.pow(s2, 1.5));
  if (!Number.isFinite(z0)) {
    warnings.push(
      `every bootstrap replicate is ${below === 0 ? 'at or above' : 'below'} the estimate ${t0} (the values may all be equal): the bias correction is infinite and there is no BCa interval`,
    );
    return failed(t0, confidence, z0, a, R, warnings);
  }
  if (!Number.isFinite(a)) {
    warnings.push('the jackknife acceleration is undefined (the leave-one-out estimates are all equal or not finite): no BCa interval');
    return failed(t0, confidence, z0, a, R, warnings);
  }
  const levels = [(1 - confidence) / 2, (1 + confidence) / 2].map((alpha) => {
    const za = normalQuantile(alpha);
    return normalCdf(z0 + (z0 + za) / (1 - a * (z0 + za)));
  }) as [number, number];
  const sorted = [...t].sort((p, q) => p - q);
  const lo = normInter(sorted, levels[0]);
  const hi = normInter(sorted, levels[1]);
  if (lo.extreme || hi.extreme) {
    warnings.push(
      `extreme order statistics used as endpoints: ${R} bootstrap resamples are too few for a ${confidence * 100}% BCa interval here; use more`,
    );
  }
  return {
    center: t0, lo: lo.value, hi: hi.value, confidence, z0, acceleration: a, adjustedLevels: levels, replicates: R, warnings,
  };
}

/**
 * BCa bootstrap confidence interval of a statistic (default the mean): draws `B` resamples of `x`
 * with replacement using the seeded xoshiro128** generator of ./rng.ts (resample b takes, for
 * j = 1…n in order, `x[rng.randomInt(n)]`), computes the statistic of each, and passes the
 * replicates to `bcaFromReplicates` (R's `boot.ci(type = "bca")` with jackknife acceleration).
 * The same seed gives the same interval on every run and platform.
 *
 * Reference: Efron (1987), JASA 82(397), 171–185; Davison & Hinkley (1997), §5.3.2.
 * @throws {RangeError} when `B` is not a positive integer, `seed` is not an integer in [0, 2^32),
 * or `confidence` is not in (0, 1); errors thrown by `statistic` propagate.
 * @example bootstrapBca([10.1, 9.8, 10.4, 10.0, 9.7, 10.3, 10.2, 9.9])
 * // { center: 10.05, lo: 9.875, hi: 10.2, confidence: 0.95, replicates: 10000, warnings: [], … }
 */
export function bootstrapBca(x: readonly number[], options: BootstrapOptions = {}): BcaInterval {
  const B = options.B ?? 10000;
  const seed = options.seed ?? 1;
  const confidence = options.confidence ?? 0.95;
  const statistic = options.statistic ?? mean;
  if (!Number.isInteger(B) || B < 1) {
    throw new RangeError(`bootstrapBca: expected a positive integer number of resamples B, found ${B}`);
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`bootstrapBca: expected confidence in (0, 1), found ${confidence}`);
  }
  const rng = createRng(seed);
  const n = x.length;
  if (n === 0) {
    return failed(NaN, confidence, NaN, NaN, 0, ['no values: no estimate and no bootstrap interval']);
  }
  const replicates = new Array<number>(B);
  const resample = new Array<number>(n);
  for (let b = 0; b < B; b++) {
    for (let j = 0; j < n; j++) resample[j] = x[rng.randomInt(n)];
    replicates[b] = statistic(resample);
  }
  return bcaFromReplicates(x, statistic, replicates, confidence);
}
