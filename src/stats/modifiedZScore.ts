import { mean } from './mean.js';
import { median } from './median.js';

/** Which spread estimate the scores were scaled by. */
export type ModifiedZScale = 'mad' | 'meanAD' | 'none';

/** Result of {@link modifiedZScore}. */
export interface ModifiedZScoreResult {
  /** Sample median of x. */
  median: number;
  /** Raw median absolute deviation median(|x − median|), R `mad(x, constant = 1)`. */
  mad: number;
  /** Mean absolute deviation about the median, mean(|x − median|) (used only when MAD = 0). */
  meanAD: number;
  /** 'mad' normally; 'meanAD' when MAD = 0 but MeanAD > 0; 'none' when all values are equal. */
  scale: ModifiedZScale;
  /** Modified z-score per input index (all 0 when scale is 'none'). */
  scores: number[];
  /** Per input index: |score| > threshold. */
  outlier: boolean[];
  /** The threshold used (default 3.5). */
  threshold: number;
  /** Why the usual MAD scaling was not used, when it was not. */
  reason?: string;
}

/** Consistency constant of the MAD: Φ⁻¹(0.75) ≈ 0.6745, as printed by Iglewicz & Hoaglin. */
const MAD_CONSTANT = 0.6745;
/** sqrt(π/2) ≈ 1.253314: MeanAD × this estimates σ for normal data (IBM SPSS / Cognos). */
const MEANAD_CONSTANT = 1.253314;

/**
 * Modified z-score of Iglewicz & Hoaglin: M_i = 0.6745 (x_i − median) / MAD with MAD the raw median
 * absolute deviation (R `mad(x, constant = 1)`); |M_i| > 3.5 flags a potential outlier.
 *
 * MAD = 0 (at least half of the values equal the median): the MAD scaling is undefined, so we fall back, as IBM
 * SPSS Statistics/Cognos do, to M_i = (x_i − median) / (1.253314 · MeanAD) with MeanAD the mean
 * absolute deviation about the median (1.253314 = sqrt(π/2), which makes 1.253314·MeanAD estimate σ
 * for normal data) and set `scale: 'meanAD'` and a `reason`. When MeanAD is also 0 every value equals
 * the median: all scores are 0, nothing is flagged, `scale: 'none'` with a reason.
 *
 * Reference: Iglewicz, B. & Hoaglin, D. C. (1993), How to Detect and Handle Outliers, ASQC Basic
 * References in Quality Control 16, §3.4; IBM Cognos Analytics docs, "Modified z score". Tested
 * against R (`median`, `mad(constant = 1)`) in test/stats/reference/outliers.R.
 *
 * @param threshold flag |M| > threshold (default 3.5, Iglewicz & Hoaglin's recommendation).
 * @throws {RangeError} when `x` is empty or contains NaN or ±Infinity.
 * @example
 * modifiedZScore([10, 11, 12, 12, 13, 14, 35])
 * // median 12, mad 1, scale 'mad', scores [-1.349, -0.6745, 0, 0, 0.6745, 1.349, 15.5135],
 * // outlier [false ×6, true]
 */
export function modifiedZScore(x: readonly number[], threshold = 3.5): ModifiedZScoreResult {
  if (x.length === 0) throw new RangeError('modifiedZScore: expected at least 1 value, found 0');
  if (x.some(Number.isNaN)) throw new RangeError('modifiedZScore: x contains NaN');
  // ±Infinity would make the median or the deviations NaN (∞ − ∞): no score means anything then
  const inf = x.findIndex((v) => !Number.isFinite(v));
  if (inf >= 0) throw new RangeError(`modifiedZScore: x[${inf}] is not finite (${x[inf]})`);
  const med = median(x);
  const absDev = x.map((v) => Math.abs(v - med));
  const mad = median(absDev);
  const meanAD = mean(absDev);
  let scale: ModifiedZScale;
  let scores: number[];
  let reason: string | undefined;
  if (mad > 0) {
    scale = 'mad';
    scores = x.map((v) => (MAD_CONSTANT * (v - med)) / mad);
  } else if (meanAD > 0) {
    scale = 'meanAD';
    scores = x.map((v) => (v - med) / (MEANAD_CONSTANT * meanAD));
    reason = 'MAD is 0 (at least half of the values equal the median): scaled by 1.253314 × mean absolute deviation';
  } else {
    scale = 'none';
    scores = x.map(() => 0);
    reason = 'all values are equal: no spread, no outlier';
  }
  const outlier = scores.map((m) => Math.abs(m) > threshold);
  const result: ModifiedZScoreResult = { median: med, mad, meanAD, scale, scores, outlier, threshold };
  if (reason !== undefined) result.reason = reason;
  return result;
}
