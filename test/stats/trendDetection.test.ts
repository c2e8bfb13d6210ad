import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kendallTau } from '../../src/stats/kendallTau.js';
import { createRng, type Rng } from '../../src/stats/rng.js';

// Property checks of Kendall's trend test on generated campaigns (issue 22: "a stationary campaign
// raises no trend warning beyond the stated false-positive rate; a trending one is caught").
// Series are drawn from the project's seeded xoshiro128** generator, so every run sees the same ones.

const ALPHA = 0.01;
const SERIES = 2000;

function normals(rng: Rng, n: number): number[] {
  const out: number[] = [];
  while (out.length < n) {
    const u = 1 - rng.random(); // (0, 1]
    const v = rng.random();
    const r = Math.sqrt(-2 * Math.log(u));
    out.push(r * Math.cos(2 * Math.PI * v), r * Math.sin(2 * Math.PI * v));
  }
  return out.slice(0, n);
}

/** P(X ≤ k) and P(X ≥ k) for X ~ Binomial(N, p), by summing the pmf (recurrence from P(X = 0)). */
function binomialTails(N: number, p: number, k: number): { lower: number; upper: number } {
  let pmf = Math.pow(1 - p, N);
  let lower = 0;
  let upper = 0;
  for (let j = 0; j <= N; j++) {
    if (j <= k) lower += pmf;
    if (j >= k) upper += pmf;
    pmf *= ((N - j) / (j + 1)) * (p / (1 - p));
  }
  return { lower, upper };
}

/**
 * The exact size of the two-sided exact test at level ALPHA for n values: the null probability of
 * the T whose p-value is ≤ ALPHA. Counted here independently of kendallTau, with exact integers
 * (BigInt): the number of permutations of n with k inversions (Mahonian numbers).
 */
function exactSize(n: number): number {
  let counts: bigint[] = [1n];
  for (let m = 2; m <= n; m++) {
    const next: bigint[] = new Array((m * (m - 1)) / 2 + 1).fill(0n);
    counts.forEach((c, k) => {
      for (let j = 0; j < m; j++) next[k + j] += c;
    });
    counts = next;
  }
  const total = counts.reduce((s, c) => s + c, 0n); // n!
  const n0 = counts.length - 1;
  const cdf: bigint[] = [];
  counts.reduce((s, c, i) => (cdf[i] = s + c), 0n);
  // two-sided p(T) = min(1, 2·P(T' ≤ min(T, n0 − T))) ≤ α  ⟺  2·cdf[min(T, n0 − T)]·10^6 ≤ α·10^6·n!
  const scale = 1000000n;
  const alphaScaled = BigInt(Math.round(ALPHA * 1e6));
  let rejected = 0n;
  for (let t = 0; t <= n0; t++) {
    if (2n * cdf[Math.min(t, n0 - t)] * scale <= alphaScaled * total) rejected += counts[t];
  }
  return Number((rejected * 10n ** 15n) / total) / 1e15;
}

function rejections(seed: number, n: number, slope: number): number {
  const rng = createRng(seed);
  const order = Array.from({ length: n }, (_, i) => i + 1);
  let count = 0;
  for (let s = 0; s < SERIES; s++) {
    const y = normals(rng, n).map((e, i) => 1000 + slope * (i + 1) + e);
    if (kendallTau(order, y).pValue <= ALPHA) count++;
  }
  return count;
}

/** 1e-6 two-sided: a correct implementation fails such a bound once in ~500,000 seeds. */
const TAIL = 1e-6;

describe('Kendall trend test on stationary normal series: false-positive rate', () => {
  it(`n = 30 (exact test): ${SERIES} series, rejections at α = ${ALPHA} consistent with the exact size`, () => {
    const size = exactSize(30);
    // the exact test is discrete: its size is a little below α
    expect(size).toBeLessThanOrEqual(ALPHA);
    expect(size).toBeGreaterThan(0.9 * ALPHA);
    const x = rejections(20240622, 30, 0);
    const t = binomialTails(SERIES, size, x);
    expect(t.lower, `${x} rejections: too few for size ${size}`).toBeGreaterThan(TAIL);
    expect(t.upper, `${x} rejections: too many for size ${size}`).toBeGreaterThan(TAIL);
  });
  it(`n = 60 (normal approximation): ${SERIES} series, rejections consistent with α = ${ALPHA}`, () => {
    const x = rejections(7, 60, 0);
    const t = binomialTails(SERIES, ALPHA, x);
    expect(t.lower, `${x} rejections`).toBeGreaterThan(TAIL);
    expect(t.upper, `${x} rejections`).toBeGreaterThan(TAIL);
  });
  it('the bound has teeth: 2,000 series flag a rejection rate of 2.25α or more', () => {
    // the smallest count the upper bound refuses is below 2.25·α·N = 45 (a doubled rate, mean 40,
    // is refused about half the time: 2,000 series cannot tell apart rates closer than that)
    const size = exactSize(30);
    let x = 0;
    while (binomialTails(SERIES, size, x).upper > TAIL) x++;
    expect(x).toBeLessThanOrEqual(2.25 * ALPHA * SERIES);
    expect(x).toBeGreaterThan(ALPHA * SERIES);
  });
});

describe('Kendall trend test on trending series: power agrees with R', () => {
  const ref = JSON.parse(readFileSync(new URL('./reference/dependence.json', import.meta.url), 'utf8')) as {
    power: { n: number; slope: number; alpha: number; reps: number; rejections: number }[];
  };
  for (const p of ref.power) {
    it(`n = ${p.n}, slope ${p.slope} sd per repetition: rejection rate against R's cor.test on ${p.reps} series`, () => {
      expect(p.alpha).toBe(ALPHA);
      const x = rejections(1000 + Math.round(p.slope * 100), p.n, p.slope);
      // two proportions, pooled z-test, |z| ≤ 4.89 (two-sided 1e-6)
      const pooled = (x + p.rejections) / (SERIES + p.reps);
      const se = Math.sqrt(Math.max(pooled * (1 - pooled), 1 / (SERIES + p.reps)) * (1 / SERIES + 1 / p.reps));
      const z = (x / SERIES - p.rejections / p.reps) / se;
      expect(Math.abs(z), `TypeScript ${x}/${SERIES}, R ${p.rejections}/${p.reps}`).toBeLessThanOrEqual(4.89);
    });
  }
});
