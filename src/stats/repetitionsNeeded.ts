import { normalQuantile, tQuantile } from './distributions.js';

/** How many runs a target precision of the mean needs. */
export interface RepetitionsNeeded {
  /** Smallest n ≥ 2 that reaches the target (Infinity beyond the cap, NaN when sd or mean is not finite). */
  needed: number;
  /** needed − currentN, at least 0 (needed itself when currentN is not given). */
  additional: number;
  /** True when even the cap of 100000 runs does not reach the target. */
  capped: boolean;
  /** Why the answer is missing or unusual. */
  warnings: string[];
}

/** Largest n searched. */
export const REPETITIONS_CAP = 100000;

/**
 * Number of repetitions needed for a Student-t confidence interval of the mean whose half-width is
 * at most a target fraction of the mean: the smallest n ≥ 2 with
 * qt(1 − α/2, n − 1) · sd / √n ≤ target · |mean|, α = 1 − confidence, taking the sample sd and mean
 * as the truth (a planning estimate, not a guarantee). The left side decreases with n, so a search
 * from the normal-theory estimate ⌈(z·sd/target)²⌉ (a lower bound, since qt > qnorm) upwards gives the
 * same n as trying n = 2, 3, … in turn.
 *
 * sd = 0 needs n = 2. When 100000 runs are not enough (e.g. a mean of 0) `needed` and `additional`
 * are Infinity, `capped` is true and a warning says so. A non-finite sd or mean (e.g. the sd of a
 * single run) gives NaN and a warning.
 *
 * Reference: Jain, R. (1991), The Art of Computer Systems Performance Analysis, §13.9 (determining
 * sample size); Montgomery, D. C. (2017), Design and Analysis of Experiments, 9th ed., §2.4.
 * @throws {RangeError} when sd < 0, target ≤ 0, confidence is not in (0, 1), or currentN is not a
 * non-negative integer.
 * @example repetitionsNeeded(1, 10, 0.05, 0.95, 5) // { needed: 18, additional: 13, capped: false, warnings: [] }
 */
export function repetitionsNeeded(
  sd: number,
  mean: number,
  targetRelativeHalfWidth = 0.05,
  confidence = 0.95,
  currentN?: number,
): RepetitionsNeeded {
  if (sd < 0) throw new RangeError(`repetitionsNeeded: expected sd >= 0, found ${sd}`);
  if (!(targetRelativeHalfWidth > 0)) {
    throw new RangeError(`repetitionsNeeded: expected a positive target relative half-width, found ${targetRelativeHalfWidth}`);
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`repetitionsNeeded: expected confidence in (0, 1), found ${confidence}`);
  }
  if (currentN !== undefined && !(Number.isInteger(currentN) && currentN >= 0)) {
    throw new RangeError(`repetitionsNeeded: expected currentN to be a non-negative integer, found ${currentN}`);
  }
  const have = currentN ?? 0;
  if (!Number.isFinite(sd) || !Number.isFinite(mean)) {
    return {
      needed: NaN,
      additional: NaN,
      capped: false,
      warnings: [`the standard deviation (${sd}) and mean (${mean}) must be finite to plan repetitions (at least 2 runs are needed to estimate them)`],
    };
  }
  const p = 1 - (1 - confidence) / 2;
  const target = targetRelativeHalfWidth * Math.abs(mean);
  const ok = (n: number) => (tQuantile(p, n - 1) * sd) / Math.sqrt(n) <= target;
  if (!ok(REPETITIONS_CAP)) {
    const pct = +(targetRelativeHalfWidth * 100).toPrecision(6);
    return {
      needed: Infinity,
      additional: Infinity,
      capped: true,
      warnings: [
        `more than ${REPETITIONS_CAP} runs would be needed for a ${+(confidence * 100).toPrecision(6)}% interval within ±${pct}% of the mean ${mean} (sd ${sd})`,
      ],
    };
  }
  // The answer is at least n0 = ⌈(z·sd/target)²⌉ (qt > qnorm), usually n0 or a few more: gallop up
  // from there to an n that reaches the target, then bisect (ok is monotone). A handful of qt calls
  // instead of the ~17 of a bisection over [2, cap]; the same n.
  const z = normalQuantile(p);
  const est = Math.ceil(((z * sd) / target) ** 2);
  let lo = est >= 2 ? Math.min(est, REPETITIONS_CAP) : 2;
  if (!ok(lo)) {
    lo++;
    let step = 1;
    let hi = Math.min(REPETITIONS_CAP, lo);
    while (!ok(hi)) {
      lo = hi + 1;
      step *= 2;
      hi = Math.min(REPETITIONS_CAP, lo + step - 1);
    }
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (ok(mid)) hi = mid;
      else lo = mid + 1;
    }
  }
  return { needed: lo, additional: Math.max(0, lo - have), capped: false, warnings: [] };
}
