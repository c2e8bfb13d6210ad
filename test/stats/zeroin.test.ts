import { describe, expect, it } from 'vitest';
import { zeroin } from '../../src/stats/zeroin.js';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('zeroin (Brent)', () => {
  it('finds roots to the last bits, in far fewer evaluations than bisection', () => {
    const cases: [string, (x: number) => number, number, number, number][] = [
      ['x² − 2', (x) => x * x - 2, 0, 2, Math.SQRT2],
      ['cos x − x', (x) => Math.cos(x) - x, 0, 1, 0.7390851332151607],
      ['eˣ − 10', (x) => Math.exp(x) - 10, -50, 50, Math.log(10)],
      ['x³ (a triple root)', (x) => x * x * x, -1, 3, 0],
      ['a decreasing step at 1/3', (x) => (x < 1 / 3 ? 1 : -1), 0, 1, 1 / 3],
    ];
    for (const [name, f, a, b, root] of cases) {
      let calls = 0;
      const x = zeroin((v) => {
        calls++;
        return f(v);
      }, a, b);
      // a root at 0 has no relative precision: tol1 = 2ε|b| shrinks with b and the search ends at the
      // iteration cap (1,000), far below any useful scale
      if (root === 0) expect({ name, x: Math.abs(x) < 1e-90 }).toEqual({ name, x: true });
      else expect({ name, rel: rel(x, root) < 4 * Number.EPSILON }).toEqual({ name, rel: true });
      // bisection from a width of (b − a) to a few ulps of the root needs > 50 evaluations
      if (!name.startsWith('a decreasing step') && root !== 0) expect({ name, calls: calls <= 20 }).toEqual({ name, calls: true });
    }
  });
  it('returns an end point that is a root, and honours a tolerance', () => {
    expect(zeroin((x) => x - 1, 1, 5)).toBe(1);
    expect(zeroin((x) => x - 5, 1, 5)).toBe(5);
    const x = zeroin((x) => x * x - 2, 0, 2, 1e-3);
    expect(Math.abs(x - Math.SQRT2)).toBeLessThan(1e-3);
  });
  it('refuses a bracket without a sign change or with an infinite end', () => {
    expect(() => zeroin((x) => x * x + 1, -1, 1)).toThrow(/differ in sign/);
    expect(() => zeroin((x) => NaN * x, -1, 1)).toThrow(/differ in sign/);
    expect(() => zeroin((x) => x, -Infinity, 1)).toThrow(/must be finite/);
  });
});
