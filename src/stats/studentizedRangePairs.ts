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
