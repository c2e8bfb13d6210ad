/**
 * Checking a user's file-name template against what it is meant for, before it is used: a factor
 * name one or two letters off a known one (`{wrkload}`), a template that reads none of the files.
 * Each problem says what to write instead, in words (the CLI names its flag). Pure.
 */
import { CANONICAL_FACTORS, FACTOR_ALIASES, canonicalFactor } from '../../model/run.js';
import { inferFactors } from './infer.js';
import { compileTemplate, EXTENSION } from './template.js';

/**
 * The Damerau–Levenshtein distance (optimal string alignment: insertions, deletions, substitutions
 * and transpositions of two adjacent characters, each costing 1; no substring edited twice).
 * @example damerauLevenshtein('wrkload', 'workload') // 1
 * @example damerauLevenshtein('worklaod', 'workload') // 1
 */
export function damerauLevenshtein(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** Every factor name the tool knows: the canonical ones and their aliases. */
const KNOWN_NAMES: readonly string[] = [...CANONICAL_FACTORS, ...Object.keys(FACTOR_ALIASES)];

/**
 * How far off a known name a factor name may be to be taken for a typing slip: 2 edits from 6
 * letters on, 1 edit for 4–5 letters, none below. Short names are a user's own factors (the study's
 * `{bs}` and `{fs}` are 2 edits from `rc` and `rf`; `{step}`, which the tool itself suggests, and
 * `{mode}` are 2 from `rep` and `nodes`).
 */
function tolerance(name: string): number {
  return name.length >= 6 ? 2 : name.length >= 4 ? 1 : 0;
}

/**
 * The known factor name that `name` is a near miss of (see {@link tolerance}), or undefined when it
 * is known itself, `_`, or not near any.
 * @example nearMissFactor('wrkload') // 'workload'
 * @example nearMissFactor('bs') // undefined
 */
export function nearMissFactor(name: string): string | undefined {
  const n = name.trim().toLowerCase();
  if (n === '_' || KNOWN_NAMES.includes(n) || (CANONICAL_FACTORS as readonly string[]).includes(canonicalFactor(n))) return undefined;
  const max = tolerance(n);
  if (max === 0) return undefined;
  let best: { name: string; d: number } | undefined;
  for (const k of KNOWN_NAMES) {
    const d = damerauLevenshtein(n, k);
    if (d <= max && (best === undefined || d < best.d)) best = { name: k, d };
  }
  return best?.name;
}

/** The placeholder names of a template as written (`{{` and `}}` are literal braces). */
function placeholderNames(template: string): string[] {
  return [...template.replace(/\{\{|\}\}/g, '').matchAll(/\{([^{}/]*)\}/g)].map((m) => m[1].trim());
}

/** What is wrong with a template (see {@link checkTemplate}). */
export type TemplateProblem =
  | { kind: 'near-miss'; placeholder: string; known: string; canonical: string; fixed: string }
  | { kind: 'no-match'; files: number; example?: string; suggestion?: string };

/**
 * A template for the file name of `relPath` (its last segment) from what inference reads in it:
 * each factor read there a placeholder, numbers no factor took and dates `{_}`. Returned only if it
 * compiles, reads the file, and gives the factors inference gave there. Undefined otherwise.
 * @example fileTemplate('results/hbase-rf3-7.txt') // '{db}-rf{rf}-{_}'
 */
export function fileTemplate(relPath: string): string | undefined {
  const base = relPath.slice(relPath.lastIndexOf('/') + 1);
  const baseStart = relPath.length - base.length;
  const ext = EXTENSION.exec(base)?.[0] ?? '';
  const stem = base.slice(0, base.length - ext.length);
  const inf = inferFactors(relPath);
  const parts: { start: number; end: number; text: string }[] = [];
  for (const s of inf.spans) {
    if (s.start < baseStart || s.end > baseStart + stem.length) continue;
    if (s.factor === 'date' || s.factor === 'version') parts.push({ start: s.start - baseStart, end: s.end - baseStart, text: '{_}' });
    else if (inf.factors[s.factor] !== undefined) parts.push({ start: s.start - baseStart, end: s.end - baseStart, text: `{${s.factor}}` });
  }
  for (const m of stem.matchAll(/\d+/g)) {
    const at = m.index ?? 0;
    if (!parts.some((p) => at < p.end && p.start < at + m[0].length)) parts.push({ start: at, end: at + m[0].length, text: '{_}' });
  }
  parts.sort((a, b) => a.start - b.start);
  let out = '';
  let pos = 0;
  for (const p of parts) {
    if (p.start < pos) continue;
    out += stem.slice(pos, p.start).replace(/[{}]/g, (c) => c + c) + p.text;
    pos = p.end;
  }
  out += stem.slice(pos).replace(/[{}]/g, (c) => c + c);
  if (/[*?\\]/.test(out) || !/\{(?!_\})[^{}]+\}/.test(out)) return undefined;
  try {
    const m = compileTemplate(out).match(relPath);
    if (!m) return undefined;
    for (const [k, v] of Object.entries(m.factors)) if (inf.factors[k] !== undefined && inf.factors[k] !== v) return undefined;
    return out;
  } catch {
    return undefined;
  }
}

/**
 * Check a user template before and after the files are found:
 * 1. a placeholder one or two letters off a known factor name (`{wrkload}`): a near miss, with the
 *    template as it was probably meant (`fixed`);
 * 2. given `paths` (the files found, relative to their roots): a template that reads none of them,
 *    with an example file and a template that reads it (when one can be made).
 * Undefined when neither applies. Throws the template's own Error when it does not compile.
 */
export function checkTemplate(template: string, paths?: readonly string[]): TemplateProblem | undefined {
  for (const raw of placeholderNames(template)) {
    const known = nearMissFactor(raw);
    if (known !== undefined) {
      const fixed = template.replace(`{${raw}}`, `{${known}}`);
      return { kind: 'near-miss', placeholder: raw, known, canonical: canonicalFactor(known), fixed };
    }
  }
  const compiled = compileTemplate(template);
  if (paths === undefined || paths.length === 0) return undefined;
  if (paths.some((p) => compiled.match(p) !== undefined)) return undefined;
  const example = paths[0];
  return { kind: 'no-match', files: paths.length, example, suggestion: fileTemplate(example) };
}
