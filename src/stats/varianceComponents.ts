import { mean } from './mean.js';
import { zeroin } from './zeroin.js';

/** ANOVA (method-of-moments) estimates of the one-way random-effects model. */
export interface AnovaComponents {
  /** (MSB − MSW)/n₀, as it comes (negative when the groups differ less than the within variance implies). */
  between: number;
  /** MSW. */
  within: number;
  msBetween: number;
  msWithin: number;
  /** n₀ = (N − Σ n_i²/N)/(k − 1): the group size for a balanced design, a weighted one otherwise. */
  n0: number;
  dfBetween: number;
  dfWithin: number;
}

/** Restricted maximum likelihood (REML) estimates of the one-way random-effects model. */
export interface RemlComponents {
  /** σ²_between ≥ 0 (0 when the maximum lies on the boundary). */
  between: number;
  /** σ²_within. */
  within: number;
  /** The generalised-least-squares mean Σ w_i ȳ_i / Σ w_i, w_i = n_i/(σ²_w + n_i σ²_b). */
  mean: number;
  /**
   * The restricted log-likelihood at the estimate, −½[(N − 1)(log 2π + log σ̂²_w + 1) + Σ log(1 + n_i λ) + log W]
   * with W = Σ n_i/(1 + n_i λ): R's logLik() of the lme or lmer REML fit.
   */
  logLik: number;
  /** True when σ²_between = 0 is the maximum (the score is ≤ 0 there). */
  boundary: boolean;
}

/** Result of {@link varianceComponents}. */
export interface VarianceComponentsResult {
  /** The estimates reported: 'anova' for a balanced design, 'reml' for an unbalanced one. */
  method: 'anova' | 'reml';
  /** σ²_between of the chosen method, truncated at 0. */
  between: number;
  /** σ²_within of the chosen method. */
  within: number;
  /** Intraclass correlation σ²_b/(σ²_b + σ²_w) with the truncated σ²_b (NaN when both are 0). */
  icc: number;
  /** Number of groups k. */
  groups: number;
  /** Number of values N. */
  n: number;
  /** True when every group has the same size. */
  balanced: boolean;
  anova: AnovaComponents;
  /** REML estimates (computed for balanced designs too, where they equal the ANOVA ones when MSB ≥ MSW). */
  reml: RemlComponents;
  /** Why a value should be read with care. */
  warnings: string[];
}

/**
 * Variance components of the one-way random-effects model y_ij = μ + a_i + e_ij, a_i ~ N(0, σ²_b),
 * e_ij ~ N(0, σ²_w) — repetitions j nested in deployments (groups) i — and the intraclass correlation.
 *
 * 1. ANOVA estimates: MSB and MSW of the one-way ANOVA (R's `aov(y ~ group)`),
 *    σ²_w = MSW, σ²_b = (MSB − MSW)/n₀ with n₀ = (N − Σ n_i²/N)/(k − 1) (= n for k groups of n).
 *    For k groups of n these are Kalibera & Jones' T² estimates (T₁² = S₁², T₂² = S₂² − T₁²/n).
 * 2. REML: with λ = σ²_b/σ²_w, w_i = n_i/(1 + n_i λ), W = Σ w_i, μ̂ = Σ w_i ȳ_i/W and
 *    Q(λ) = SSW + Σ w_i (ȳ_i − μ̂)², the restricted log-likelihood profiled over σ²_w (σ̂²_w = Q/(N − 1))
 *    is ℓ(λ) = −½[(N − 1) log Q + Σ log(1 + n_i λ) + log W]; its score
 *    2ℓ'(λ) = (N − 1) Σ w_i²(ȳ_i − μ̂)²/Q − W + Σ w_i²/W is solved for λ ≥ 0 by Brent's method to the
 *    last bits (λ = 0 when the score is ≤ 0 there). σ²_b = λ σ̂²_w. This is what
 *    `nlme::lme(y ~ 1, random = ~ 1 | group, method = "REML")` maximises (lme stops at its own,
 *    looser, tolerance).
 * 3. The reported pair: ANOVA for a balanced design, REML for an unbalanced one (ANOVA estimates
 *    are unbiased but not efficient there); σ²_b truncated at 0 with a warning when negative;
 *    ICC = σ²_b/(σ²_b + σ²_w).
 *
 * When every group is constant (SSW = 0) REML has no interior maximum: its estimates are NaN, with a
 * warning (the ANOVA ones are still given).
 *
 * Reference: Searle, S. R., Casella, G. & McCulloch, C. E. (1992), *Variance Components*, §3.5–3.6
 * (ANOVA estimators, n₀) and §6.6 (REML); Patterson, H. D. & Thompson, R. (1971), "Recovery of
 * inter-block information when block sizes are unequal", Biometrika 58, 545–554; Kalibera, T. &
 * Jones, R. (2013), "Rigorous benchmarking in reasonable time", ISMM'13, 63–74; Pinheiro, J. C. &
 * Bates, D. M. (2000), *Mixed-Effects Models in S and S-PLUS*, §2.2 (R package `nlme`).
 * @throws {RangeError} fewer than 2 groups, an empty group, a non-finite value, or no group with at
 * least 2 values (σ²_within cannot be estimated).
 * @example
 * varianceComponents([[10.1, 10.3, 9.9], [11.2, 11.0, 11.5], [10.6, 10.4, 10.9]])
 * // { method: 'anova', between: 0.30296296296296266, within: 0.0555555555555556,
 * //   icc: 0.8450413223140494, groups: 3, n: 9, balanced: true, anova: {…}, reml: {…}, warnings: [] }
 */
export function varianceComponents(groups: readonly (readonly number[])[]): VarianceComponentsResult {
  const name = 'varianceComponents';
  const k = groups.length;
  if (k < 2) throw new RangeError(`${name}: expected at least 2 groups (deployments), found ${k}`);
  groups.forEach((g, i) => {
    if (g.length === 0) throw new RangeError(`${name}: group ${i + 1} is empty`);
    const bad = g.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new RangeError(`${name}: group ${i + 1} value ${bad + 1} is not finite (${g[bad]})`);
  });
  const sizes = groups.map((g) => g.length);
  const N = sizes.reduce((s, v) => s + v, 0);
  if (N - k < 1) {
    throw new RangeError(`${name}: every group has a single value: the within-group variance needs a group with at least 2`);
  }
  const warnings: string[] = [];
  const means = groups.map((g) => mean(g));
  const all: number[] = groups.flat();
  const grand = mean(all);
  let ssw = 0;
  let ssb = 0;
  groups.forEach((g, i) => {
    for (const v of g) ssw += (v - means[i]) * (v - means[i]);
    ssb += sizes[i] * (means[i] - grand) * (means[i] - grand);
  });
  // 1. ANOVA
  const dfBetween = k - 1;
  const dfWithin = N - k;
  const msBetween = ssb / dfBetween;
  const msWithin = ssw / dfWithin;
  const n0 = (N - sizes.reduce((s, v) => s + v * v, 0) / N) / (k - 1);
  const anova: AnovaComponents = {
    between: (msBetween - msWithin) / n0, within: msWithin, msBetween, msWithin, n0, dfBetween, dfWithin,
  };
  // 2. REML
  const reml = remlOneWay(sizes, means, ssw, N);
  if (ssw === 0) warnings.push('every group is constant (no within-group variation): REML has no interior maximum');
  // 3. choice
  const balanced = sizes.every((s) => s === sizes[0]);
  const method = balanced ? 'anova' : 'reml';
  const chosen = balanced ? anova : reml;
  let between = chosen.between;
  if (between < 0) {
    warnings.push(
      `the ANOVA estimate of the between-group variance is negative (${between.toPrecision(4)}): the groups differ less than the within-group variance implies; taken as 0`,
    );
    between = 0;
  }
  const within = chosen.within;
  const icc = between + within > 0 ? between / (between + within) : NaN;
  return { method, between, within, icc, groups: k, n: N, balanced, anova, reml, warnings };
}

/** REML of the one-way model from the group sizes, group means, SSW and N (see varianceComponents). */
function remlOneWay(sizes: readonly number[], means: readonly number[], ssw: number, N: number): RemlComponents {
  const k = sizes.length;
  const at = (lambda: number) => {
    let W = 0;
    let wy = 0;
    let w2 = 0;
    const w = sizes.map((n) => n / (1 + n * lambda));
    for (let i = 0; i < k; i++) {
      W += w[i];
      wy += w[i] * means[i];
      w2 += w[i] * w[i];
    }
    const mu = wy / W;
    let q = ssw;
    let w2d2 = 0;
    for (let i = 0; i < k; i++) {
      const d = means[i] - mu;
      q += w[i] * d * d;
      w2d2 += w[i] * w[i] * d * d;
    }
    const score = ((N - 1) * w2d2) / q - W + w2 / W;
    let logDet = 0;
    for (const n of sizes) logDet += Math.log1p(n * lambda);
    // profiled over σ²_w = Q/(N − 1): −½[(N − 1)(log 2π + log(Q/(N − 1)) + 1) + log|H| + log W]
    const logLik = -0.5 * ((N - 1) * (Math.log(2 * Math.PI) + Math.log(q / (N - 1)) + 1) + logDet + Math.log(W));
    return { mu, q, score, logLik };
  };
  if (ssw === 0) return { between: NaN, within: NaN, mean: NaN, logLik: NaN, boundary: false };
  const s0 = at(0);
  let lambda = 0;
  let boundary = true;
  if (s0.score > 0) {
    boundary = false;
    // the score is positive at 0 and negative for large λ (it behaves as −(k − 1)/λ there): bracket
    // the root by doubling, then Brent to the last bits
    let hi = 1;
    let fhi = at(hi).score;
    while (fhi > 0 && hi < 1e300) {
      hi *= 4;
      fhi = at(hi).score;
    }
    lambda = zeroin((l) => at(l).score, 0, hi, 0, s0.score, fhi);
    // a root of the score is a maximum of ℓ on [0, hi]; keep the boundary if it were higher
    if (at(lambda).logLik < s0.logLik) {
      lambda = 0;
      boundary = true;
    }
  }
  const r = at(lambda);
  const within = r.q / (N - 1);
  return { between: lambda * within, within, mean: r.mu, logLik: r.logLik, boundary };
}
