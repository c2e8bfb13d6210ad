import { fSf } from './distributions.js';
import { mean } from './mean.js';

/** One line of the ANOVA table. */
export interface TwoWayAnovaRow {
  term: 'A' | 'B' | 'A:B' | 'Residuals';
  /** Type II sum of squares (residual sum of squares for `Residuals`). */
  ss: number;
  df: number;
  /** F = (ss/df) / MS_residual; NaN for `Residuals` and when undefined. */
  F: number;
  /** Upper tail P(F(df, df_residual) > F), computed directly; NaN for `Residuals` and when undefined. */
  p: number;
}

/** Result of a two-way ANOVA with type II sums of squares. */
export interface TwoWayAnovaResult {
  /** Rows A, B, A:B, Residuals, in that order. */
  rows: TwoWayAnovaRow[];
  /** Levels of A and B in order of first appearance. */
  levelsA: string[];
  levelsB: string[];
  /** cellCounts[i][j] = number of observations with A = levelsA[i] and B = levelsB[j]. */
  cellCounts: number[][];
  /** Cells (A level, B level) without any observation. */
  emptyCells: [string, string][];
  /** Why a value is NaN or should be read with care (empty cells, no residual df, …). */
  warnings: string[];
}

/**
 * Householder QR least squares for a small dense system (rows × cols, rows ≥ cols), with one step
 * of iterative refinement. Returns null when X has not full column rank.
 */
function leastSquares(X: number[][], z: number[]): number[] | null {
  const m = X.length;
  const p = X[0].length;
  if (m < p) return null;
  const R = X.map((r) => r.slice());
  const vs: number[][] = [];
  const betas: number[] = [];
  let maxDiag = 0;
  for (let k = 0; k < p; k++) {
    let norm = 0;
    for (let i = k; i < m; i++) norm = Math.hypot(norm, R[i][k]);
    const alpha = R[k][k] > 0 ? -norm : norm;
    const v = new Array<number>(m).fill(0);
    for (let i = k; i < m; i++) v[i] = R[i][k];
    v[k] -= alpha;
    let vv = 0;
    for (let i = k; i < m; i++) vv += v[i] * v[i];
    const beta = vv > 0 ? 2 / vv : 0;
    for (let j = k; j < p; j++) {
      let s = 0;
      for (let i = k; i < m; i++) s += v[i] * R[i][j];
      s *= beta;
      for (let i = k; i < m; i++) R[i][j] -= s * v[i];
    }
    vs.push(v);
    betas.push(beta);
    maxDiag = Math.max(maxDiag, Math.abs(R[k][k]));
  }
  for (let k = 0; k < p; k++) if (!(Math.abs(R[k][k]) > 1e-10 * maxDiag)) return null;
  const solve = (rhs: number[]): number[] => {
    const qz = rhs.slice();
    for (let k = 0; k < p; k++) {
      const v = vs[k];
      let s = 0;
      for (let i = k; i < m; i++) s += v[i] * qz[i];
      s *= betas[k];
      for (let i = k; i < m; i++) qz[i] -= s * v[i];
    }
    const b = new Array<number>(p).fill(0);
    for (let k = p - 1; k >= 0; k--) {
      let s = qz[k];
      for (let j = k + 1; j < p; j++) s -= R[k][j] * b[j];
      b[k] = s / R[k][k];
    }
    return b;
  };
  const b = solve(z);
  const r = z.map((zi, i) => zi - X[i].reduce((s, x, j) => s + x * b[j], 0));
  const db = solve(r);
  return b.map((bj, j) => bj + db[j]);
}

/**
 * Two-way analysis of variance with interaction, with type II sums of squares (valid for
 * unbalanced data): SS(A | B), SS(B | A), SS(A:B | A, B), residual SS from the full model.
 * Matches R's `car::Anova(lm(y ~ A * B), type = 2)`; equivalently, by model comparison,
 * SS(A|B) = RSS(~B) − RSS(~A+B), SS(B|A) = RSS(~A) − RSS(~A+B), SS(A:B) = RSS(~A+B) − RSS(~A*B).
 *
 * How it is computed (accurate for large means with small spread): the full model ~A*B is the cell
 * means, so the residual SS is the within-cell SS (two-pass). The additive model ~A+B is fitted by
 * weighted least squares (Householder QR plus one refinement step) on the centred cell means with
 * weights n_ij. Each type II SS is then the squared distance between two fitted vectors
 * (e.g. SS(A|B) = Σ n_ij (f_ij − ȳ_.j)²), never a difference of two large residual sums.
 *
 * Empty cells: the interaction then has (non-empty cells − a − b + 1) df, as in R's model
 * comparison, and a warning names the empty cells (car::Anova refuses such designs: aliased
 * coefficients). With no residual df or no residual variation, F and p are NaN with a warning.
 *
 * Reference: Fox, J. & Weisberg, S. (2019), *An R Companion to Applied Regression*, 3rd ed., §5.3.4
 * (type II tests); Langsrud, Ø. (2003), "ANOVA for unbalanced data: use Type II instead of Type III
 * sums of squares", Statistics and Computing 13, 163–167.
 * @throws {RangeError} when y, a and b differ in length, y is empty or not finite, A or B has fewer
 *   than 2 levels, or the non-empty cells do not connect the levels (additive model not identifiable).
 * @example
 * twoWayAnova([1, 2, 3, 4, 5, 6, 7, 9], ['x', 'x', 'x', 'x', 'y', 'y', 'y', 'y'], ['p', 'p', 'q', 'q', 'p', 'p', 'q', 'q']).rows
 * // [ { term: 'A', ss: 36.125, df: 1, F: 41.285714285714285, p: 0.0030163829306506956 },
 * //   { term: 'B', ss: 10.125, df: 1, F: 11.571428571428571, p: 0.027235139688243502 },
 * //   { term: 'A:B', ss: 0.125, df: 1, F: 0.14285714285714285, p: 0.7246586364960952 },
 * //   { term: 'Residuals', ss: 3.5, df: 4, F: NaN, p: NaN } ]
 */
export function twoWayAnova(y: readonly number[], a: readonly string[], b: readonly string[]): TwoWayAnovaResult {
  const n = y.length;
  if (a.length !== n || b.length !== n) {
    throw new RangeError(`twoWayAnova: y, a and b must have the same length, found ${n}, ${a.length}, ${b.length}`);
  }
  if (n === 0) throw new RangeError('twoWayAnova: no observations');
  const bad = y.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new RangeError(`twoWayAnova: y[${bad}] is not finite (${y[bad]})`);
  const levelsA = [...new Set(a)];
  const levelsB = [...new Set(b)];
  const la = levelsA.length;
  const lb = levelsB.length;
  if (la < 2) throw new RangeError(`twoWayAnova: factor A needs at least 2 levels, found ${la}`);
  if (lb < 2) throw new RangeError(`twoWayAnova: factor B needs at least 2 levels, found ${lb}`);
  const ia = new Map(levelsA.map((l, i) => [l, i]));
  const ib = new Map(levelsB.map((l, j) => [l, j]));

  const cellValues: number[][][] = levelsA.map(() => levelsB.map(() => []));
  const aValues: number[][] = levelsA.map(() => []);
  const bValues: number[][] = levelsB.map(() => []);
  for (let k = 0; k < n; k++) {
    const i = ia.get(a[k])!;
    const j = ib.get(b[k])!;
    cellValues[i][j].push(y[k]);
    aValues[i].push(y[k]);
    bValues[j].push(y[k]);
  }
  const grand = mean(y);
  const meanA = aValues.map((v) => mean(v) - grand);
  const meanB = bValues.map((v) => mean(v) - grand);
  const cellCounts = cellValues.map((row) => row.map((v) => v.length));
  const emptyCells: [string, string][] = [];
  const cells: { i: number; j: number; n: number; c: number }[] = [];
  let ssRes = 0;
  for (let i = 0; i < la; i++) {
    for (let j = 0; j < lb; j++) {
      const v = cellValues[i][j];
      if (v.length === 0) {
        emptyCells.push([levelsA[i], levelsB[j]]);
        continue;
      }
      const m = mean(v);
      for (const x of v) ssRes += (x - m) * (x - m);
      cells.push({ i, j, n: v.length, c: m - grand });
    }
  }

  // additive model on the centred cell means, weights n_ij, treatment coding
  const p = la + lb - 1;
  const X = cells.map(({ i, j, n: nij }) => {
    const w = Math.sqrt(nij);
    const row = new Array<number>(p).fill(0);
    row[0] = w;
    if (i > 0) row[i] = w;
    if (j > 0) row[la - 1 + j] = w;
    return row;
  });
  const coef = leastSquares(X, cells.map(({ n: nij, c }) => Math.sqrt(nij) * c));
  if (coef === null) {
    throw new RangeError(
      'twoWayAnova: the non-empty cells do not connect the levels of A and B, so their effects cannot be separated (additive model not identifiable)',
    );
  }
  let ssA = 0;
  let ssB = 0;
  let ssAB = 0;
  for (const { i, j, n: nij, c } of cells) {
    const f = coef[0] + (i > 0 ? coef[i] : 0) + (j > 0 ? coef[la - 1 + j] : 0);
    ssA += nij * (f - meanB[j]) ** 2;
    ssB += nij * (f - meanA[i]) ** 2;
    ssAB += nij * (c - f) ** 2;
  }

  const warnings: string[] = [];
  const dfA = la - 1;
  const dfB = lb - 1;
  const dfAB = cells.length - la - lb + 1;
  const dfRes = n - cells.length;
  if (emptyCells.length > 0) {
    warnings.push(
      `${emptyCells.length} empty cell(s) (${emptyCells.map(([x, z]) => `${x}/${z}`).join(', ')}): the interaction A:B is tested on ${dfAB} df instead of ${dfA * dfB}`,
    );
  }
  const msRes = dfRes > 0 ? ssRes / dfRes : NaN;
  if (dfRes === 0) warnings.push('every cell has a single observation: no residual degrees of freedom, F and p are undefined');
  else if (ssRes === 0) warnings.push('no variation within cells: F and p are undefined');
  const row = (term: 'A' | 'B' | 'A:B', ss: number, df: number): TwoWayAnovaRow => {
    if (df === 0) return { term, ss: 0, df, F: NaN, p: NaN };
    const F = msRes > 0 ? ss / df / msRes : NaN;
    return { term, ss, df, F, p: Number.isNaN(F) ? NaN : fSf(F, df, dfRes) };
  };
  const rows = [
    row('A', ssA, dfA),
    row('B', ssB, dfB),
    row('A:B', ssAB, dfAB),
    { term: 'Residuals' as const, ss: ssRes, df: dfRes, F: NaN, p: NaN },
  ];
  return { rows, levelsA, levelsB, cellCounts, emptyCells, warnings };
}
