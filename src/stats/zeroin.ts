/**
 * Brent's root finder ("zeroin"): a root of a continuous f in [a, b] where f(a) and f(b) differ in
 * sign, by inverse quadratic interpolation and secant steps that fall back to bisection whenever
 * they would not shrink the bracket fast enough. It keeps the guarantee of bisection (the root
 * stays bracketed; never more than about (log2((b − a)/δ))² evaluations) and usually needs 8–15
 * evaluations where bisection to the last bit needs ~60.
 *
 * `tol` 0 (the default) iterates until the bracket is 4·ε·|x| wide (ε = 2⁻⁵²): the last bits. A
 * root at exactly 0 then has no relative scale to stop at: the search ends after 1,000 steps, within
 * ~1e-90 of it; give an absolute `tol` when roots near 0 are expected.
 *
 * Reference: Brent, R. P. (1973), *Algorithms for Minimization without Derivatives*, ch. 4
 * (procedure zero); the same algorithm as R's `uniroot` (R_zeroin2) and netlib's zeroin.f.
 * @throws {RangeError} when a or b is not finite, or f(a) and f(b) have the same sign (or one is NaN).
 * @example zeroin((x) => x * x - 2, 0, 2) // 1.4142135623730951
 */
export function zeroin(f: (x: number) => number, a: number, b: number, tol = 0, fa = f(a), fb = f(b)): number {
  if (!Number.isFinite(a) || !Number.isFinite(b)) throw new RangeError(`zeroin: the bracket must be finite, got [${a}, ${b}]`);
  if (fa === 0) return a;
  if (fb === 0) return b;
  if (!((fa < 0 && fb > 0) || (fa > 0 && fb < 0))) {
    throw new RangeError(`zeroin: f(a) and f(b) must differ in sign, got f(${a}) = ${fa}, f(${b}) = ${fb}`);
  }
  const EPS = Number.EPSILON;
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let iter = 0; iter < 1000; iter++) {
    if (Math.abs(fc) < Math.abs(fb)) {
      // b is the best estimate so far, c the other end of the bracket
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol1 = 2 * EPS * Math.abs(b) + 0.5 * tol;
    const m = 0.5 * (c - b);
    if (Math.abs(m) <= tol1 || fb === 0) return b;
    if (Math.abs(e) >= tol1 && Math.abs(fa) > Math.abs(fb)) {
      // interpolation: secant (a === c) or inverse quadratic
      let p: number;
      let q: number;
      const s = fb / fa;
      if (a === c) {
        p = 2 * m * s;
        q = 1 - s;
      } else {
        const qa = fa / fc;
        const r = fb / fc;
        p = s * (2 * m * qa * (qa - r) - (b - a) * (r - 1));
        q = (qa - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * m * q - Math.abs(tol1 * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = m;
        e = m;
      }
    } else {
      d = m;
      e = m;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol1 ? d : m > 0 ? tol1 : -tol1;
    fb = f(b);
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
  }
  return b;
}
