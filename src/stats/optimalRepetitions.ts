import { tQuantile } from './distributions.js';

/** Inputs of {@link optimalRepetitions}: two variance components and the costs of the two levels. */
export interface OptimalRepetitionsInput {
  /** σ²_between: variance of the deployment effect (e.g. varianceComponents().between), ≥ 0. */
  between: number;
  /** σ²_within: variance of repetitions within one deployment, ≥ 0. */
  within: number;
  /** Cost of one deployment beyond its repetitions (teardown + load), > 0, any unit of time. */
  deploymentCost: number;
  /** Cost of one repetition (one run), > 0, same unit. */
  repetitionCost: number;
  /** Current design: number of deployments k (integer ≥ 2), with `repetitions`. */
  deployments?: number;
  /** Current design: repetitions per deployment r (integer ≥ 1), with `deployments`. */
  repetitions?: number;
  /** Confidence level of the intervals compared, default 0.95. */
  confidence?: number;
  /** The mean, to plan the number of deployments for `targetRelativeHalfWidth`. */
  mean?: number;
  /** Target half-width of the interval as a fraction of |mean| (e.g. 0.05), with `mean`. */
  targetRelativeHalfWidth?: number;
}

/** One design k × r and its interval of the mean (t on k − 1 df over the deployment means). */
export interface NestedDesign {
  deployments: number;
  repetitions: number;
  /** Var(mean) = (σ²_b + σ²_w/r)/k. */
  varianceOfMean: number;
  /** qt(1 − α/2, k − 1)·√Var(mean). */
  halfWidth: number;
  /** k·(deploymentCost + r·repetitionCost). */
  cost: number;
}

/** A step from the current design, and what it buys. */
export interface DesignStep extends NestedDesign {
  /** Cost of the step (the new design's cost minus the current one's). */
  extraCost: number;
  /** (current half-width − new half-width) / extraCost. */
  halfWidthReductionPerCost: number;
}

/** Result of {@link optimalRepetitions}. */
export interface OptimalRepetitionsResult {
  /** r* = √(deploymentCost·σ²_w / (repetitionCost·σ²_b)): Infinity when σ²_b = 0, 0 when σ²_w = 0. */
  optimal: number;
  /** Kalibera & Jones' count: ⌈r*⌉, at least 1 (Infinity when r* is). */
  kaliberaJones: number;
  /** The integer r ≥ 1 (⌊r*⌋ or ⌈r*⌉) that minimises Var(mean) × cost (Infinity when r* is). */
  repetitions: number;
  /** The current design, when `deployments` and `repetitions` were given. */
  current?: NestedDesign;
  /** One more deployment of r repetitions. */
  moreDeployments?: DesignStep;
  /** One more repetition in each of the k deployments. */
  moreRepetitions?: DesignStep;
  /** Which step shrinks the half-width more per unit cost (ties go to deployments). */
  shrinksMost?: 'deployments' | 'repetitions';
  /**
   * Deployments needed, each of `repetitions` runs (the integer optimum; the current r when r* is
   * infinite and a current design is given), for a half-width ≤ target·|mean|: the smallest k ≥ 2
   * with qt(1 − α/2, k − 1)·√((σ²_b + σ²_w/r)/k) ≤ target·|mean| (Infinity beyond 100000).
   */
  deploymentsNeeded?: number;
  /** Why an answer is missing or should be read with care. */
  warnings: string[];
}

const CAP = 100000;

function design(k: number, r: number, inp: OptimalRepetitionsInput, conf: number): NestedDesign {
  const varianceOfMean = (inp.between + inp.within / r) / k;
  return {
    deployments: k,
    repetitions: r,
    varianceOfMean,
    halfWidth: tQuantile(1 - (1 - conf) / 2, k - 1) * Math.sqrt(varianceOfMean),
    cost: k * (inp.deploymentCost + r * inp.repetitionCost),
  };
}

function step(from: NestedDesign, to: NestedDesign): DesignStep {
  const extraCost = to.cost - from.cost;
  return { ...to, extraCost, halfWidthReductionPerCost: (from.halfWidth - to.halfWidth) / extraCost };
}

/**
 * How many repetitions per deployment make the best use of experiment time when repetitions are
 * nested in deployments, following Kalibera & Jones' two-level cost model, and whether more
 * deployments or more repetitions per deployment shrink the confidence interval of the mean faster.
 *
 * 1. With k deployments of r repetitions the mean of the deployment means has variance
 *    V = (σ²_b + σ²_w/r)/k and the experiment costs C = k(c_d + r·c_r) (c_d a deployment's teardown
 *    and load, c_r a run). V·C = (σ²_b + σ²_w/r)(c_d + r·c_r) does not depend on k and is smallest at
 *    r* = √(c_d·σ²_w / (c_r·σ²_b)): for any budget, r* repetitions per deployment give the narrowest
 *    interval (the classical optimum of two-stage sampling). Kalibera & Jones round it up (⌈r*⌉);
 *    `repetitions` is whichever of ⌊r*⌋ and ⌈r*⌉ (≥ 1) has the smaller V·C.
 * 2. Given the current design k × r: one more deployment of r runs (extra cost c_d + r·c_r) against
 *    one more run in each deployment (extra cost k·c_r), each judged by the reduction of the
 *    half-width qt(1 − α/2, k − 1)·√V per unit of extra cost. Ignoring the change of the t quantile
 *    (large k), repetitions win exactly when r < r*.
 * 3. With `mean` and `targetRelativeHalfWidth`: the number of deployments of `repetitions` runs that
 *    reaches the target (a planning estimate that takes the components as the truth).
 *
 * σ²_b = 0 (no detectable deployment effect) makes r* infinite: all runs could share one deployment,
 * but then nothing would check that; a warning says so and the integer answers are Infinity.
 *
 * Reference: Kalibera, T. & Jones, R. (2013), "Rigorous benchmarking in reasonable time", ISMM'13,
 * 63–74 (optimal repetition counts: r_i = ⌈√(c_{i+1}T_i² / (c_i T_{i+1}²))⌉, with level 1 the
 * repetitions, level 2 the deployments); Cochran, W. G. (1977), *Sampling Techniques*, 3rd ed.,
 * §10.6 (optimum m in two-stage sampling, m_opt = S₂/S_u·√(c₁/c₂)).
 * @throws {RangeError} a variance negative or not finite, a cost not positive and finite, a current
 * design with k < 2 or r < 1 (or only one of the two given), confidence not in (0, 1), or a target
 * that is not positive.
 * @example
 * optimalRepetitions({ between: 4, within: 25, deploymentCost: 600, repetitionCost: 60 })
 * // { optimal: 7.905694150420948, kaliberaJones: 8, repetitions: 8, warnings: [] }
 */
export function optimalRepetitions(input: OptimalRepetitionsInput): OptimalRepetitionsResult {
  const name = 'optimalRepetitions';
  const { between, within, deploymentCost: cd, repetitionCost: cr } = input;
  const confidence = input.confidence ?? 0.95;
  for (const [label, v] of [['between', between], ['within', within]] as const) {
    if (!(Number.isFinite(v) && v >= 0)) throw new RangeError(`${name}: expected a finite variance ${label} >= 0, found ${v}`);
  }
  for (const [label, v] of [['deploymentCost', cd], ['repetitionCost', cr]] as const) {
    if (!(Number.isFinite(v) && v > 0)) throw new RangeError(`${name}: expected a finite ${label} > 0, found ${v}`);
  }
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`${name}: expected confidence in (0, 1), found ${confidence}`);
  const { deployments: k, repetitions: r } = input;
  if ((k === undefined) !== (r === undefined)) {
    throw new RangeError(`${name}: give both deployments and repetitions for the current design, or neither`);
  }
  if (k !== undefined && !(Number.isInteger(k) && k >= 2)) throw new RangeError(`${name}: expected an integer deployments >= 2, found ${k}`);
  if (r !== undefined && !(Number.isInteger(r) && r >= 1)) throw new RangeError(`${name}: expected an integer repetitions >= 1, found ${r}`);
  const target = input.targetRelativeHalfWidth;
  if (target !== undefined && !(target > 0)) throw new RangeError(`${name}: expected a positive targetRelativeHalfWidth, found ${target}`);
  if (target !== undefined && !Number.isFinite(input.mean)) {
    throw new RangeError(`${name}: a targetRelativeHalfWidth needs a finite mean, found ${input.mean}`);
  }
  const warnings: string[] = [];

  // 1. the optimum
  let optimal: number;
  if (within === 0) optimal = 0;
  else if (between === 0) optimal = Infinity;
  else optimal = Math.sqrt((cd * within) / (cr * between));
  let kaliberaJones = Math.max(1, Math.ceil(optimal));
  let repetitions = kaliberaJones;
  if (Number.isFinite(optimal)) {
    const lo = Math.max(1, Math.floor(optimal));
    const vc = (m: number) => (between + within / m) * (cd + m * cr);
    repetitions = vc(lo) <= vc(kaliberaJones) ? lo : kaliberaJones;
  } else {
    kaliberaJones = Infinity;
    repetitions = Infinity;
    warnings.push(
      'no variance between deployments: more repetitions per deployment are always cheaper, but at least 2 deployments are needed to see a deployment effect',
    );
  }
  const out: OptimalRepetitionsResult = { optimal, kaliberaJones, repetitions, warnings };

  // 2. the next step from the current design
  if (k !== undefined && r !== undefined) {
    const current = design(k, r, input, confidence);
    const moreDeployments = step(current, design(k + 1, r, input, confidence));
    const moreRepetitions = step(current, design(k, r + 1, input, confidence));
    out.current = current;
    out.moreDeployments = moreDeployments;
    out.moreRepetitions = moreRepetitions;
    out.shrinksMost =
      moreRepetitions.halfWidthReductionPerCost > moreDeployments.halfWidthReductionPerCost ? 'repetitions' : 'deployments';
  }

  // 3. deployments for a target half-width
  if (target !== undefined) {
    const reps = Number.isFinite(repetitions) ? repetitions : r;
    if (reps === undefined) {
      warnings.push('the number of deployments needed is not planned: r* is infinite and no current design was given');
    } else {
      const goal = target * Math.abs(input.mean as number);
      const ok = (kk: number) => design(kk, reps, input, confidence).halfWidth <= goal;
      let need = Infinity;
      if (ok(CAP)) {
        let lo = 2;
        let hi = CAP;
        while (lo < hi) {
          const mid = Math.floor((lo + hi) / 2);
          if (ok(mid)) hi = mid;
          else lo = mid + 1;
        }
        need = lo;
      } else {
        warnings.push(`more than ${CAP} deployments would be needed for the target half-width`);
      }
      out.deploymentsNeeded = need;
    }
  }
  return out;
}
