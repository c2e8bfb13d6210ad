/**
 * Step 6 of the analysis (analyze.ts): within each stratum, the levels of the compared factor tested
 * against each other — the omnibus tests, then every pair of levels.
 *
 * ```
 * groups of one stratum ──1 levels──► sorted; a level with n = 0 is in no test, n = 1 only in the
 *                                     tests that need no variance per level
 *                       ──2 omnibus─► Levene, Brown–Forsythe, one-way ANOVA, Welch's ANOVA (primary),
 *                                     Kruskal–Wallis; the recommendation and its disagreements
 *                       ──3 pairs───► Welch t (+ adjustment), percent change, Hedges' g, Wilcoxon,
 *                                     minimum detectable difference; Games–Howell and Tukey HSD
 * ```
 * For the terminal's default view (`view: 'summary'`) a pair has its Welch test only, and the
 * headline pairs their minimum detectable difference when not significant (headlineDetectable,
 * once the p-values are adjusted: it completes the pairs it is given).
 * Pure otherwise: groups and options in, the stratum's result out.
 */
import { compareLevels, type Factors, type Summary } from '../model/index.js';
import { levene } from '../stats/levene.js';
import { oneWayAnova } from '../stats/oneWayAnova.js';
import { welchAnova } from '../stats/welchAnova.js';
import { kruskalWallis } from '../stats/kruskalWallis.js';
import { welchTTest } from '../stats/welchTTest.js';
import { pAdjust } from '../stats/pAdjust.js';
import { checkGamesHowell, gamesHowell } from '../stats/gamesHowell.js';
import { checkTukeyHsd, tukeyHsd } from '../stats/tukeyHsd.js';
import { wilcoxonRankSum } from '../stats/wilcoxonRankSum.js';
import { hedgesG } from '../stats/hedgesG.js';
import { percentChange } from '../stats/percentChange.js';
import { welchMinimumDetectable } from '../stats/power.js';
import type { AnalysisOptions, GroupResult, PairResult, StratumResult } from './types.js';
import { attempt } from './series.js';

function summary(center: number, lo: number, hi: number, confidence: number, warnings: string[] = []): Summary {
  return { center, lo, hi, confidence, warnings };
}

/** The values of a group's runs that count (not excluded as outliers). */
export function valuesOf(g: GroupResult): number[] {
  return g.runs.filter((r) => !r.excluded).map((r) => r.value);
}

/** Tests that keep a level with a single run, and those that need a variance per level. */
const KEEP_SINGLETONS = 'one-way ANOVA, Kruskal–Wallis, Levene, Brown–Forsythe and Tukey HSD';
const NEED_VARIANCE = "Welch's ANOVA, Games–Howell and the Welch t-tests of its pairs";

/**
 * Step 6 for one stratum: the levels of the compared factor, tested against each other.
 *
 * Levels are kept wherever a test is defined for them, as R does: a level with one run enters
 * one-way ANOVA (`aov`), Kruskal–Wallis (`kruskal.test`), Levene and Brown–Forsythe
 * (`car::leveneTest`) and Tukey HSD (`TukeyHSD`), but not Welch's ANOVA, Games–Howell or a Welch
 * t-test, which need a variance per level; the stratum says so. A level with no run is in no test.
 * Welch's ANOVA is the primary test (see {@link recommend}); when it is undefined the stratum says
 * "not testable" and why (`notTestable`).
 */
export function compareStratum(key: string, list: GroupResult[], opts: AnalysisOptions): StratumResult {
  const warnings: string[] = [];
  const c = opts.compare;
  const sorted = [...list].sort((a, b) => compareLevels(a.level, b.level));
  const present = sorted.filter((g) => g.n >= 1);
  const withVariance = sorted.filter((g) => g.n >= 2);
  for (const g of sorted) {
    if (g.n === 0) warnings.push(`level ${c}=${g.level} has n = 0: in no test`);
    else if (g.n === 1) warnings.push(`level ${c}=${g.level} has n = 1: kept in ${KEEP_SINGLETONS}; left out of ${NEED_VARIANCE}, which need a variance per level`);
  }
  const factors: Factors = {};
  if (sorted[0]) for (const [k, v] of Object.entries(sorted[0].factors)) if (k !== c) factors[k] = v;
  const result: StratumResult = {
    key,
    factors,
    levels: sorted.map((g) => g.level),
    groups: sorted.map((g) => g.key),
    pairs: [],
    warnings,
  };
  if (present.length < 2) {
    warnings.push(`fewer than 2 levels of ${c} with data: nothing to compare`);
    result.notTestable = `fewer than 2 levels of ${c} have runs`;
    return result;
  }
  const xs = present.map(valuesOf);
  const allConstant = xs.every((x) => x.every((v) => v === xs[0][0]));
  // Variance tests are reported only when they mean something: with 2 runs per group (or no spread
  // of the deviations within groups) F is infinite or undefined, and R warns the fit is perfect.
  const lev = attempt('Levene', warnings, () => levene(xs, 'mean'));
  if (lev?.warning) warnings.push(`Levene not reported: ${lev.warning}`);
  else if (lev) result.levene = { statistic: lev.F, df1: lev.df1, df2: lev.df2, p: lev.p };
  const bf = attempt('Brown–Forsythe', warnings, () => levene(xs, 'median'));
  if (bf?.warning) warnings.push(`Brown–Forsythe not reported: ${bf.warning}`);
  else if (bf) result.brownForsythe = { statistic: bf.F, df1: bf.df1, df2: bf.df2, p: bf.p };
  const an = attempt('ANOVA', warnings, () => oneWayAnova(xs));
  if (an) {
    result.anova = { statistic: an.F, df1: an.df1, df2: an.df2, p: an.p, etaSquared: an.etaSquared, omegaSquared: an.omegaSquared };
    warnings.push(...an.warnings);
  }
  const welchXs = withVariance.map(valuesOf);
  if (allConstant) {
    result.notTestable = `every value is the same in every level of ${c}`;
  } else if (withVariance.length < 2) {
    result.notTestable = `fewer than 2 levels of ${c} have 2 or more runs, and Welch's ANOVA needs a variance per level`;
  } else {
    const flat = withVariance.filter((g, i) => welchXs[i].every((v) => v === welchXs[i][0]));
    if (flat.length > 0) {
      const which = flat.map((g) => `${c}=${g.level} (its ${g.n} runs all equal ${g.mean})`).join(', ');
      result.notTestable = `zero variance in ${which}: Welch's weights n/s² are infinite`;
    } else {
      const w = attempt('Welch ANOVA', warnings, () => welchAnova(welchXs));
      if (w && Number.isFinite(w.p)) result.welch = { statistic: w.F, df1: w.df1, df2: w.df2, p: w.p };
      else result.notTestable = w?.warnings[0] ?? "Welch's ANOVA could not be computed";
    }
  }
  if (allConstant) warnings.push('every value is the same in every group: no test is meaningful');
  const kw = attempt('Kruskal–Wallis', warnings, () => kruskalWallis(xs));
  if (kw) {
    result.kruskal = { statistic: kw.H, df1: kw.df, p: kw.p };
    warnings.push(...kw.warnings);
  }
  result.recommended = recommend(result, withVariance.length < present.length ? withVariance.map((g) => g.level) : undefined, c);

  // Pairwise, every pair of levels with runs (a = lower level, b = higher).
  const pairs: PairResult[] = [];
  const intervals = { intervals: opts.pairIntervals ?? true };
  const ghLevels = withVariance.map((g) => g.level);
  const thLevels = present.map((g) => g.level);
  let gh: PairTable | undefined;
  let th: PairTable | undefined;
  if (opts.view === 'summary') {
    // no Games–Howell or Tukey p-values: only whether they are defined, which the stratum's notes say
    if (withVariance.length >= 2) attempt('Games–Howell', warnings, () => checkGamesHowell(welchXs, ghLevels, opts.confidence));
    attempt('Tukey HSD', warnings, () => checkTukeyHsd(xs, thLevels, opts.confidence));
  } else {
    gh = withVariance.length >= 2 ? attempt('Games–Howell', warnings, () => gamesHowell(welchXs, ghLevels, opts.confidence, intervals)) : undefined;
    th = attempt('Tukey HSD', warnings, () => tukeyHsd(xs, thLevels, opts.confidence, intervals));
  }
  for (let i = 0; i < present.length; i++) {
    for (let j = i + 1; j < present.length; j++) {
      pairs.push(pairOf(present[i], present[j], xs[i], xs[j], opts, gh, th));
    }
  }
  const adjusted = pAdjust(pairs.map((p) => p.welch.p), opts.adjust);
  pairs.forEach((p, i) => (p.welch.pAdjusted = adjusted[i]));
  result.pairs = pairs;
  return result;
}

type PairTable = { a: string; b: string; diff: number; lo: number; hi: number; p: number; pUpper?: number }[];

/** A studentized-range pair as the result reports it: no point value below the noise floor. */
function findPair(table: PairTable | undefined, a: string, b: string): PairResult['tukey'] {
  if (!table) return undefined;
  const direct = table.find((r) => r.a === a && r.b === b);
  const rev = direct ? undefined : table.find((r) => r.a === b && r.b === a);
  const r = direct ?? rev;
  if (!r) return undefined;
  const [lo, hi] = direct ? [r.lo, r.hi] : [-r.hi, -r.lo];
  return r.pUpper !== undefined ? { p: NaN, pUpper: r.pUpper, lo, hi } : { p: r.p, lo, hi };
}

function pairOf(ga: GroupResult, gb: GroupResult, xa: number[], xb: number[], opts: AnalysisOptions, gh: PairTable | undefined, th: PairTable | undefined): PairResult {
  const warnings: string[] = [];
  const conf = opts.confidence;
  const t = attempt('Welch t', warnings, () => welchTTest(xb, xa, conf));
  if (t?.reason) warnings.push(`Welch t: ${t.reason}`);
  const diff = summary(gb.mean - ga.mean, t?.lo ?? NaN, t?.hi ?? NaN, conf, t && !t.reason ? [] : ['no interval']);
  const welch = { t: t?.t ?? NaN, df: t?.df ?? NaN, p: t?.p ?? NaN, pAdjusted: NaN };
  if (opts.view === 'summary') {
    // the default view prints a pair's Welch test only (and see headlineDetectable)
    const percent = summary(100 * (gb.mean / ga.mean - 1), NaN, NaN, conf, ['not computed']);
    return { a: ga.level, b: gb.level, diff, percent, hedgesG: summary(NaN, NaN, NaN, conf, ['not computed']), welch, warnings };
  }
  const pc = attempt('percent change', warnings, () => percentChange(xa, xb, conf));
  const percent = pc ? summary(pc.pct, pc.lo, pc.hi, conf) : summary(100 * (gb.mean / ga.mean - 1), NaN, NaN, conf, ['no interval']);
  const g = attempt("Hedges' g", warnings, () => hedgesG(xb, xa, conf, { interval: opts.pairIntervals ?? true }));
  const hedges = g ? summary(g.g, g.lo, g.hi, conf) : summary(NaN, NaN, NaN, conf, ['not computable']);
  const w = attempt('Wilcoxon', warnings, () => wilcoxonRankSum(xb, xa));
  return {
    a: ga.level,
    b: gb.level,
    diff,
    percent,
    hedgesG: hedges,
    welch,
    gamesHowell: findPair(gh, ga.level, gb.level),
    tukey: findPair(th, ga.level, gb.level),
    wilcoxon: w ? { W: w.W, p: w.p, method: w.method } : undefined,
    minDetectable: minDetectable(ga, xa.length, gb, xb.length, conf, warnings),
    warnings,
  };
}

/** What the Welch test of a pair could detect at these n and sds: α = 1 − confidence, two-sided, unadjusted. */
function minDetectable(ga: GroupResult, na: number, gb: GroupResult, nb: number, conf: number, warnings: string[]): PairResult['minDetectable'] {
  const alpha = +(1 - conf).toPrecision(12);
  const mde = attempt('minimum detectable difference', warnings, () => welchMinimumDetectable(na, ga.sd, nb, gb.sd, DETECT_POWER, alpha));
  if (mde?.reason) warnings.push(`minimum detectable difference: ${mde.reason}`);
  return mde && !mde.reason ? { diff: mde.delta, percent: (100 * mde.delta) / Math.abs(ga.mean), power: DETECT_POWER, alpha } : undefined;
}

/** The pair from the first to the last level of a stratum (the headline comparison). */
export function headlinePair(s: StratumResult): PairResult | undefined {
  if (s.pairs.length === 0) return undefined;
  const lv = s.levels.length ? s.levels : [...new Set(s.pairs.flatMap((p) => [p.a, p.b]))].sort(compareLevels);
  const first = lv[0];
  const last = lv[lv.length - 1];
  return s.pairs.find((p) => p.a === first && p.b === last) ?? s.pairs.find((p) => p.a === last && p.b === first) ?? s.pairs[0];
}

/**
 * For the default view (`view: 'summary'`), after the p-values are adjusted: the minimum detectable
 * difference of each stratum's headline pair that is not significant, the only ones it prints.
 */
export function headlineDetectable(strata: readonly StratumResult[], groups: readonly GroupResult[], opts: AnalysisOptions): void {
  const byKey = new Map(groups.map((g) => [g.key, g]));
  const alpha = 1 - opts.confidence;
  for (const s of strata) {
    const pair = headlinePair(s);
    if (!pair || pair.welch.pAdjusted < alpha) continue;
    const ga = byKey.get(s.groups[s.levels.indexOf(pair.a)]);
    const gb = byKey.get(s.groups[s.levels.indexOf(pair.b)]);
    if (ga && gb) pair.minDetectable = minDetectable(ga, ga.n, gb, gb.n, opts.confidence, pair.warnings);
  }
}

/** The power at which the minimum detectable difference of a pair is stated. */
export const DETECT_POWER = 0.8;

/**
 * Which omnibus test to read: Welch's ANOVA, always, when it is defined. It does not assume equal
 * variances and loses almost nothing when they are equal, so it is chosen before looking at the data:
 * no pre-test of normality or of variances decides for it (choosing a test after testing its
 * assumptions distorts error rates, and Shapiro–Wilk at α = 0.05 across k groups rejects somewhere
 * in 1 − 0.95^k of normal data sets, 14% at k = 3). One-way ANOVA and Kruskal–Wallis are sensitivity
 * checks: where one disagrees with Welch's ANOVA at α = 0.05 the stratum says so. When Welch's ANOVA
 * is undefined (a level with zero variance, fewer than two levels with a variance, every value
 * equal) nothing is recommended: `notTestable` says why, and no other test stands in for it.
 * `subset`: the levels Welch's ANOVA used when some level (n = 1) could not enter it.
 */
function recommend(s: StratumResult, subset: string[] | undefined, compare: string): StratumResult['recommended'] {
  const usable = (t: { p: number } | undefined): t is { p: number } => t !== undefined && Number.isFinite(t.p);
  if (!usable(s.welch)) return undefined;
  const over = subset ? `, over ${compare} ${subset.join(', ')} (the levels with a variance)` : '';
  const rec: NonNullable<StratumResult['recommended']> = {
    test: 'welch',
    reason: `the primary test, chosen before seeing the data (it does not assume equal variances)${over}`,
  };
  const others: [string, { p: number } | undefined][] = [
    ['one-way ANOVA', s.anova],
    ['Kruskal–Wallis', s.kruskal],
  ];
  for (const [name, t] of others) {
    if (!usable(t)) continue;
    if (t.p < 0.05 !== s.welch.p < 0.05) {
      s.warnings.push(`${name} (p = ${fmtP(t.p)}) disagrees with Welch's ANOVA (p = ${fmtP(s.welch.p)}) at α = 0.05: read the result as uncertain`);
    }
  }
  return rec;
}

function fmtP(p: number): string {
  return p < 1e-4 ? p.toExponential(1) : p.toPrecision(2);
}
