import { mean } from './mean.js';
import { variance } from './variance.js';
import { tQuantile } from './distributions.js';

/** Result of {@link percentChange}. */
export interface PercentChangeResult {
  /** 100·(mean y / mean x − 1). */
  pct: number;
  /** Lower confidence bound (percent). NaN when the Fieller set is unbounded (see `reason`). */
  lo: number;
  /** Upper confidence bound (percent). */
  hi: number;
  /** mean y / mean x. */
  ratio: number;
  /** Welch–Satterthwaite df used for the t quantile. */
  df: number;
  /** Confidence level of [lo, hi]. */
  confidence: number;
  /** Why a value is NaN; absent when all is well. */
  reason?: string;
}

/**
 * Percent change of the mean of y relative to the mean of x (x is the baseline),
 * 100·(ȳ/x̄ − 1), with a confidence interval from Fieller's theorem for the ratio ρ = μy/μx of two
 * independent means: the set of ρ with (ȳ − ρx̄)² <= t²·(s²y/ny + ρ²s²x/nx), i.e.
 * ρ = [x̄ȳ ± t·sqrt(x̄²·s²y/ny + ȳ²·s²x/nx − t²·(s²x/nx)(s²y/ny))] / (x̄² − t²·s²x/nx),
 * with t = qt(1 − α/2, ν) and Welch–Satterthwaite ν for the pivot ȳ − ρx̄ evaluated at ρ = ȳ/x̄:
 * ν = (s²y/ny + ρ²s²x/nx)² / ((s²y/ny)²/(ny − 1) + (ρ²s²x/nx)²/(nx − 1))
 * (Tamhane & Logan 2004; mratios::ttestratio with var.equal = FALSE). Chosen over the delta
 * method on log(ȳ/x̄) because it is exact under normality for any variance of the denominator,
 * keeps the natural asymmetry of a ratio, needs no positivity of the data, and tells when the
 * baseline mean is not significantly different from 0 (then the set is unbounded: lo/hi NaN).
 *
 * Reference: Fieller, E. C. (1954). Some problems in interval estimation. JRSS B 16, 175–185;
 * Tamhane, A. C. & Logan, B. R. (2004). Finding the maximum safe dose level for heteroscedastic
 * data. J. Biopharm. Statist. 14, 843–856.
 * @throws {RangeError} when a value is not finite or confidence is not in (0, 1).
 * @example percentChange([10.2, 11.5, 9.8, 10.9, 12.1, 10.4, 11.0, 9.5], [11.9, 12.4, 10.8, 13.1, 12.0, 11.6, 12.8, 11.2])
 * // { pct: 12.177985948477744, lo: 3.662470598587264, hi: 21.564474907260255, ratio: 1.1217798594847774,
 * //   df: 13.340407410373512, confidence: 0.95 }
 */
export function percentChange(x: readonly number[], y: readonly number[], confidence = 0.95): PercentChangeResult {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`percentChange: confidence must be in (0, 1), got ${confidence}`);
  }
  for (const v of [...x, ...y]) {
    if (!Number.isFinite(v)) throw new RangeError(`percentChange: values must be finite, found ${v}`);
  }
  const nx = x.length;
  const ny = y.length;
  if (nx < 1 || ny < 1) throw new RangeError(`percentChange: both samples need at least 1 value (got ${nx} and ${ny})`);
  const mx = mean(x);
  const my = mean(y);
  const ratio = my / mx;
  const pct = 100 * (ratio - 1);
  const none = (reason: string, df = NaN): PercentChangeResult => ({ pct, lo: NaN, hi: NaN, ratio, df, confidence, reason });
  if (mx === 0) return { ...none('the baseline mean is 0: the percent change is undefined'), pct: NaN, ratio: NaN };
  if (nx < 2 || ny < 2) return none(`an interval needs at least 2 values per group (got ${nx} and ${ny})`);
  const a = variance(x) / nx;
  const b = variance(y) / ny;
  if (a === 0 && b === 0) return none('both groups are constant: no interval (the ratio is known without error)');
  const ra = ratio * ratio * a;
  const df = ((b + ra) * (b + ra)) / ((b * b) / (ny - 1) + (ra * ra) / (nx - 1));
  const t = tQuantile(1 - (1 - confidence) / 2, df);
  const A = mx * mx - t * t * a;
  const disc = mx * mx * b + my * my * a - t * t * a * b;
  if (!(A > 0)) {
    return none('the baseline mean is not significantly different from 0: the Fieller interval is unbounded', df);
  }
  const s = t * Math.sqrt(disc);
  return {
    pct,
    lo: 100 * ((mx * my - s) / A - 1),
    hi: 100 * ((mx * my + s) / A - 1),
    ratio,
    df,
    confidence,
  };
}
