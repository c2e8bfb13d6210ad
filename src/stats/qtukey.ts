/**
 * The studentized range distribution computed exactly as R does: `ptukeyR` ports R's `ptukey`
 * (Copenhaver & Holland 1988: Gauss–Legendre quadrature of Hartley's form of the range, 12-point
 * in `wprob`, 16-point over the chi density, the same cut-offs), and `qtukeyR` ports R's `qtukey`
 * (Odeh & Evans 1974, AS 70, initial value, then the secant iteration stopped when two iterates
 * differ by less than 1e-4, R's eps). R's quantile is therefore the last secant iterate, not the
 * exact root (off by up to ~1e-6 relative for small df); reproducing both the cdf and the
 * iteration gives R's value to ~1e-13, which Tukey HSD and Games–Howell intervals need in order to
 * agree with R's `TukeyHSD` / rstatix to 1e-9. (@stdlib's studentized-range cdf, wrapped in
 * ./distributions.js, differs from R's by up to ~4e-11 absolute for small df, enough to move the
 * secant iterates by 1e-6.) `ptukeyQuantile` in ./distributions.js is the exact root instead.
 *
 * Precision: upper tails are computed, as in R, as 1 − cdf, so their error is absolute and depends
 * on df: measured at most 4.9e-10 for 12 <= df <= 100, but 1e-3 at df 2 and 1e-5 above df 25000
 * (test/stats/reference/ptukey-accuracy.R; studentizedRangePFloor in ./studentizedRangePairs.ts
 * holds the bounds). R's TukeyHSD prints ~3e-10 at df 87 however large the effect.
 *
 * Reference: Copenhaver, M. D. & Holland, B. S. (1988). Computation of the distribution of the
 * maximum studentized range statistic with application to multiple significance testing of
 * simple effects. J. Statist. Comput. Simul. 30, 1–15; Odeh, R. E. & Evans, J. O. (1974).
 * Algorithm AS 70. Appl. Statist. 23, 96–97; R Core Team, nmath `ptukey.c`, `qtukey.c` (R 4.2).
 */
import gammaln from '@stdlib/math-base-special-gammaln';
import { normalCdf } from './distributions.js';

const M_1_SQRT_2PI = 0.398942280401432677939946059934;
const XLEG = [
  0.981560634246719250690549090149, 0.904117256370474856678465866119, 0.769902674194304687036893833213,
  0.587317954286617447296702418941, 0.367831498998180193752691536644, 0.125233408511468915472441369464,
];
const ALEG = [
  0.047175336386511827194615961485, 0.106939325995318430960254718194, 0.160078328543346226334652529543,
  0.20316742672306592174906445581, 0.233492536538354808760849898925, 0.249147045813402785000562436043,
];
const XLEGQ = [
  0.98940093499164993259615417345, 0.944575023073232576077988415535, 0.865631202387831743880467897712,
  0.755404408355003033895101194847, 0.617876244402643748446671764049, 0.458016777657227386342419442984,
  0.28160355077925891323046050146, 0.950125098376374401853193354250e-1,
];
const ALEGQ = [
  0.27152459411754094851780572456e-1, 0.622535239386478928628438369944e-1, 0.951585116824927848099251076022e-1,
  0.124628971255533872052476282192, 0.149595988816576732081501730547, 0.16915651939500253818931207903,
  0.182603415044923588866763667969, 0.189450610455068496285396723208,
];

/** Probability integral of Hartley's form of the range over (0, w), cc means, rr ranges (R's wprob). */
function wprob(w: number, rr: number, cc: number): number {
  const C1 = -30;
  const C2 = -50;
  const C3 = 60;
  const bb = 8;
  const qsqz = w * 0.5;
  if (qsqz >= bb) return 1.0;
  let prW = 2 * normalCdf(qsqz) - 1;
  prW = prW >= Math.exp(C2 / cc) ? Math.pow(prW, cc) : 0;
  const wincr = w > 3 ? 2 : 3;
  let blb = qsqz;
  const binc = (bb - qsqz) / wincr;
  let bub = blb + binc;
  let einsum = 0;
  const cc1 = cc - 1;
  for (let wi = 1; wi <= wincr; wi++) {
    let elsum = 0;
    const a = 0.5 * (bub + blb);
    const b = 0.5 * (bub - blb);
    for (let jj = 1; jj <= 12; jj++) {
      let j: number;
      let xx: number;
      if (6 < jj) {
        j = 12 - jj + 1;
        xx = XLEG[j - 1];
      } else {
        j = jj;
        xx = -XLEG[j - 1];
      }
      const ac = a + b * xx;
      const qexpo = ac * ac;
      if (qexpo > C3) break;
      const pplus = 2 * normalCdf(ac);
      const pminus = 2 * normalCdf(ac - w);
      let rinsum = pplus * 0.5 - pminus * 0.5;
      if (rinsum >= Math.exp(C1 / cc1)) {
        rinsum = ALEG[j - 1] * Math.exp(-(0.5 * qexpo)) * Math.pow(rinsum, cc1);
        elsum += rinsum;
      }
    }
    elsum *= 2.0 * b * cc * M_1_SQRT_2PI;
    einsum += elsum;
    blb = bub;
    bub += binc;
  }
  prW += einsum;
  if (prW <= Math.exp(C1 / rr)) return 0;
  prW = Math.pow(prW, rr);
  return prW >= 1 ? 1 : prW;
}

/** R's ptukey lower-tail integral for one range (rr = 1); NaN where R returns NaN. */
function ptukeyLower(q: number, cc: number, df: number): number {
  const rr = 1;
  if (Number.isNaN(q) || Number.isNaN(cc) || Number.isNaN(df)) return NaN;
  if (q <= 0) return 0;
  if (df < 2 || cc < 2) return NaN;
  if (!Number.isFinite(q)) return 1;
  if (df > 25000) return wprob(q, rr, cc);
  const f2 = df * 0.5;
  let f2lf = f2 * Math.log(df) - df * Math.LN2 - gammaln(f2);
  const f21 = f2 - 1.0;
  const ff4 = df * 0.25;
  const ulen = df <= 100 ? 1 : df <= 800 ? 0.5 : df <= 5000 ? 0.25 : 0.125;
  f2lf += Math.log(ulen);
  let ans = 0;
  for (let i = 1; i <= 50; i++) {
    let otsum = 0;
    const twa1 = (2 * i - 1) * ulen;
    for (let jj = 1; jj <= 16; jj++) {
      let j: number;
      let t1: number;
      if (8 < jj) {
        j = jj - 8 - 1;
        t1 = f2lf + f21 * Math.log(twa1 + XLEGQ[j] * ulen) - (XLEGQ[j] * ulen + twa1) * ff4;
      } else {
        j = jj - 1;
        t1 = f2lf + f21 * Math.log(twa1 - XLEGQ[j] * ulen) + (XLEGQ[j] * ulen - twa1) * ff4;
      }
      if (t1 >= -30) {
        const qsqz = 8 < jj ? q * Math.sqrt((XLEGQ[j] * ulen + twa1) * 0.5) : q * Math.sqrt((-(XLEGQ[j] * ulen) + twa1) * 0.5);
        otsum += wprob(qsqz, rr, cc) * ALEGQ[j] * Math.exp(t1);
      }
    }
    if (i * ulen >= 1.0 && otsum <= 1e-14) break;
    ans += otsum;
  }
  return ans > 1 ? 1 : ans;
}

/**
 * Studentized range cdf P(Q <= q) for `nmeans` means and `df` degrees of freedom (one range), as
 * R's `ptukey(q, nmeans, df)`. NaN for df < 2 or nmeans < 2 (as R).
 * @example ptukeyR(3.5, 3, 20) // 0.944108150917939 (R: 0.94410815091794065)
 */
export function ptukeyR(q: number, nmeans: number, df: number): number {
  return ptukeyLower(q, nmeans, df);
}

/**
 * Studentized range upper tail P(Q > q), as R's `ptukey(q, nmeans, df, lower.tail = FALSE)`:
 * like R, 1 − the cdf integral, so accurate to ~1e-11 absolute, not relative.
 * @example ptukeyRSf(8, 3, 30) // 1.068731401587808e-5 (R: 1.0687314018986704e-05)
 */
export function ptukeyRSf(q: number, nmeans: number, df: number): number {
  const v = ptukeyLower(q, nmeans, df);
  return 0.5 - v + 0.5;
}

function qinv(p: number, c: number, v: number): number {
  const p0 = 0.322232421088;
  const q0 = 0.99348462606e-1;
  const p1 = -1.0;
  const q1 = 0.588581570495;
  const p2 = -0.342242088547;
  const q2 = 0.531103462366;
  const p3 = -0.204231210125;
  const q3 = 0.10353775285;
  const p4 = -0.453642210148e-4;
  const q4 = 0.38560700634e-2;
  const c1 = 0.8832;
  const c2 = 0.2368;
  const c3 = 1.214;
  const c4 = 1.208;
  const c5 = 1.4142;
  const vmax = 120.0;
  const ps = 0.5 - 0.5 * p;
  const yi = Math.sqrt(Math.log(1.0 / (ps * ps)));
  let t = yi + ((((yi * p4 + p3) * yi + p2) * yi + p1) * yi + p0) / ((((yi * q4 + q3) * yi + q2) * yi + q1) * yi + q0);
  if (v < vmax) t += (t * t * t + t) / v / 4.0;
  let q = c1 - c2 * t;
  if (v < vmax) q += -c3 / v + (c4 * t) / v;
  return t * (q * Math.log(c - 1.0) + c5);
}

/**
 * Quantile of the studentized range for `nmeans` means and `df` error degrees of freedom (may be
 * fractional, as for Games–Howell), lower tail probability `p`, iterated as R does.
 * @throws {RangeError} when p is not in [0, 1], nmeans < 2 or df < 2.
 * @example qtukeyR(0.95, 3, 20) // 3.5779345815255925 (R: 3.577934581525569)
 */
export function qtukeyR(p: number, nmeans: number, df: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`qtukeyR: p must be in [0, 1], got ${p}`);
  if (!(nmeans >= 2)) throw new RangeError(`qtukeyR: nmeans must be >= 2, got ${nmeans}`);
  if (!(df >= 2)) throw new RangeError(`qtukeyR: df must be >= 2, got ${df}`);
  if (p === 0) return 0;
  if (p === 1) return Infinity;
  // A pure function of (p, nmeans, df): remembered, since an analysis asks for the same critical
  // value many times (one Tukey HSD per stratum and metric, Games–Howell pairs with equal df).
  const key = `${p} ${nmeans} ${df}`;
  const known = qtukeyCache.get(key);
  if (known !== undefined) return known;
  const ans = qtukeyIterate(p, nmeans, df);
  if (qtukeyCache.size >= 4096) qtukeyCache.clear();
  qtukeyCache.set(key, ans);
  return ans;
}

const qtukeyCache = new Map<string, number>();

function qtukeyIterate(p: number, nmeans: number, df: number): number {
  const eps = 0.0001;
  const maxiter = 50;
  let x0 = qinv(p, nmeans, df);
  let valx0 = ptukeyR(x0, nmeans, df) - p;
  let x1 = valx0 > 0 ? Math.max(0, x0 - 1) : x0 + 1;
  let valx1 = ptukeyR(x1, nmeans, df) - p;
  let ans = 0;
  for (let iter = 1; iter < maxiter; iter++) {
    ans = x1 - (valx1 * (x1 - x0)) / (valx1 - valx0);
    valx0 = valx1;
    x0 = x1;
    if (ans < 0) ans = 0;
    valx1 = ptukeyR(ans, nmeans, df) - p;
    x1 = ans;
    if (Math.abs(x1 - x0) < eps) return ans;
  }
  return ans; // R warns of non-convergence and returns the last iterate
}
