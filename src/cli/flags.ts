/**
 * The analysis in the CLI's terms: the library names the settings its warnings ask for in words
 * (src/analysis/fixes.ts); the CLI names its flags instead, in everything it prints or writes (text,
 * CSV, --json, the report).
 *
 * ```
 * AnalysisResult ──each warning, exclusion reason: FIXES[k] ──► FLAGS[k]──► AnalysisResult
 * ```
 */
import { FIXES, type Fix } from '../analysis/fixes.js';
import type { AnalysisResult } from '../analysis/types.js';

/** Each of the library's phrases as the CLI says it. */
export const FLAGS: Record<Fix, string> = {
  includeLoad: 'use --include-load to analyse it',
  filter: 'not matching --filter',
  excludedList: 'see --json "excluded"',
  unknownGroup: '--group',
  notGrouped: 'not in --group',
  twowayNeedsTwo: '--twoway needs two factors in --group',
  trimWarmup: '--trim-warmup measures the steady state instead',
  scheme: 'name the factors with --scheme (see `analyze scheme`)',
};

const PAIRS = (Object.keys(FIXES) as Fix[]).map((k) => [FIXES[k], FLAGS[k]] as const);

/** A warning or reason with the library's phrases replaced by the CLI's flags. */
export function withFlags(text: string): string {
  let out = text;
  for (const [words, flag] of PAIRS) if (out.includes(words)) out = out.replaceAll(words, flag);
  return out;
}

/**
 * The result with every warning and exclusion reason in the CLI's terms (a copy: the result given
 * is left as it is; what has nothing to replace is shared, not copied).
 */
export function inCliTerms(a: AnalysisResult): AnalysisResult {
  // Exclusion reasons repeat (every load-phase run has the same one): each distinct one is worded once.
  const reasons = new Map<string, string>();
  const reason = (r: string) => {
    let t = reasons.get(r);
    if (t === undefined) reasons.set(r, (t = withFlags(r)));
    return t;
  };
  const warnings = <T extends { warnings: string[] }>(x: T): T => {
    if (x.warnings.length === 0) return x;
    const w = x.warnings.map(withFlags);
    return w.some((t, i) => t !== x.warnings[i]) ? { ...x, warnings: w } : x;
  };
  return {
    ...a,
    groups: a.groups.map(warnings),
    strata: a.strata.map((s) => {
      const pairs = s.pairs.map(warnings);
      const t = warnings(s);
      return pairs.some((p, i) => p !== s.pairs[i]) ? { ...t, pairs } : t;
    }),
    twoway: a.twoway.map(warnings),
    series: a.series.map(warnings),
    excluded: a.excluded.map((e) => {
      const r = reason(e.reason);
      return r === e.reason ? e : { ...e, reason: r };
    }),
    warnings: a.warnings.map(withFlags),
  };
}
