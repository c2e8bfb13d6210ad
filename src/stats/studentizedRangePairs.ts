/**
 * Shared by ./gamesHowell.ts and ./tukeyHsd.ts (k-group pairwise comparisons on the studentized
 * range): input checks, the pairs in TukeyHSD order, and the interval and p-value of one pair.
 * Reference: R Core Team, `TukeyHSD.aov` and `ptukey`/`qtukey` (R 4.2); see ./qtukey.ts.
 */
import { ptukeyRSf } from './qtukey.js';

/** A pair of levels i < j (0-based indices): `b` (later, j) against `a` (earlier, i). */
export interface LevelPair {
  i: number;
  j: number;
  a: string;
  b: string;
  /** "b-a", as R's TukeyHSD row names. */
  pair: string;
}

/**
 * Checks the inputs of a k-group pairwise procedure named `name` (used in the messages).
 * @throws {RangeError} when fewer than 2 groups, labels do not match groups, confidence is not in
 *   (0, 1), a group has fewer than `minSize` values, or a value is not finite.
 * @example checkPairwiseInput('tukeyHsd', [[1, 2], [3]], ['a', 'b'], 0.95, 1) // returns undefined
 */
export function checkPairwiseInput(
  name: string,
  groups: readonly (readonly number[])[],
  labels: readonly string[],
  confidence: number,
  minSize: number,
): void {
  const k = groups.length;
  if (k < 2) throw new RangeError(`${name}: need at least 2 groups, got ${k}`);
  if (labels.length !== k) throw new RangeError(`${name}: ${labels.length} labels for ${k} groups`);
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`${name}: confidence must be in (0, 1), got ${confidence}`);
  }
  groups.forEach((g, i) => {
    if (g.length < minSize) {
      throw new RangeError(minSize === 1
        ? `${name}: group '${labels[i]}' is empty`
        : `${name}: group '${labels[i]}' has ${g.length} value(s), needs at least ${minSize}`);
    }
    for (const v of g) if (!Number.isFinite(v)) throw new RangeError(`${name}: values must be finite, found ${v}`);
  });
}

/**
 * The pairs i < j of the levels in R's TukeyHSD order: (2−1), (3−1), …, (k−1), (3−2), ….
 * @example levelPairs(['x', 'y', 'z']).map((p) => p.pair) // ['y-x', 'z-x', 'z-y']
 */
export function levelPairs(labels: readonly string[]): LevelPair[] {
  const out: LevelPair[] = [];
  for (let i = 0; i < labels.length - 1; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      out.push({ i, j, a: labels[i], b: labels[j], pair: `${labels[j]}-${labels[i]}` });
    }
  }
  return out;
}

/**
 * R's ptukey upper tail (1 − a quadrature, ported in ./qtukey.ts) has an absolute error that depends
 * on df. Measured against exact values (k = 2: ptukey(q, 2, df, lower = FALSE) = 2·pt(−q/√2, df)) and
 * direct integration of the upper tail (k = 3) in test/stats/reference/ptukey-accuracy.R, the largest
 * error per df range is: 9.5e-4 (df 2–3), 7.3e-5 (3–4), 1.6e-5 (4–5), 1.9e-6 (5–6), 4.4e-7 (6–8),
 * 2.5e-8 (8–10), 1.8e-9 (10–12), 4.9e-10 (12–100), 7.4e-9 (100–800), 4.4e-8 (800–5000), 5.3e-7
 * (5000–25000), 1.7e-5 (above 25000, where R replaces the integral over df by its limit). The
 * breakpoints 100, 800, 5000 and 25000 are R's own (its step along the chi density halves at each).
 * Each bound below is at least twice the largest error of its range and at least 1e-9, so a p-value
 * at or above it is right to within half its size, and one below it is reported only as "< bound".
 * R's documentation states no accuracy for ptukey (only that qtukey "will be accurate to the 4th
 * decimal place"); R's TukeyHSD prints such noise as p-values (~3e-10 at df 87 however large the
 * difference, 0 at df 3000).
 */
const P_FLOORS: [maxDf: number, floor: number, inclusive: boolean][] = [
  [3, 2e-3, false],
  [4, 2e-4, false],
  [5, 5e-5, false],
  [6, 5e-6, false],
  [8, 1e-6, false],
  [10, 1e-7, false],
  [12, 5e-9, false],
  [100, 1e-9, true],
  [800, 2e-8, true],
  [5000, 1e-7, true],
  [25000, 2e-6, true],
];

/**
 * The smallest studentized-range p-value (Tukey HSD, Games–Howell) that is more than noise at `df`
 * degrees of freedom: 1e-9 for 12 <= df <= 100 (the usual case), larger for few or very many df
 * (see P_FLOORS above for the measurements). NaN for df < 2 (no p-value).
 * @example studentizedRangePFloor(87) // 1e-9
 */
export function studentizedRangePFloor(df: number): number {
  if (!(df >= 2)) return NaN;
  for (const [max, floor, inclusive] of P_FLOORS) if (df < max || (inclusive && df === max)) return floor;
  return 5e-5;
}

/**
 * Simultaneous interval diff ∓ crit·se (crit = qtukey(confidence, k, df)) and the family-wise
 * p-value P(Q_{k,df} > |diff|/se) (R's ptukey(q, k, df, lower.tail = FALSE)); p is NaN when se = 0.
 * @throws {RangeError} as ptukeyRSf (df < 2, k < 2).
 * @example studentizedRange(3.83, 0.42, 3, 6.75, 4.23)
 * // { q: 9.11904761904762, lo: 2.0534, hi: 5.6066, p: 0.0010178259437269022 }
 */
export function studentizedRange(
  diff: number, se: number, k: number, df: number, crit: number,
): { q: number; lo: number; hi: number; p: number } {
  const q = Math.abs(diff) / se;
  return { q, lo: diff - crit * se, hi: diff + crit * se, p: se > 0 ? ptukeyRSf(q, k, df) : NaN };
}
