/**
 * Explanation for `analyze scheme <dir>`: the files grouped by the scheme that matched and the
 * shape of their names, with the levels each group gave, its ambiguities, and the files that get
 * the same factors. Data only; the CLI words it (src/cli/scheme-text.ts). Pure.
 */
import type { Factors } from '../../model/run.js';
import { assignFactors, type AssignOptions, type FactorAssignment } from './assign.js';

/**
 * The shape of the part of `relPath` a scheme read: db -> `<db>`, workload -> `<w>`, numbers ->
 * `<n>`, dates -> `<date>`, other text factors -> `<name>`, ignored `{_}` parts -> `<_>`; digits
 * outside any factor also -> `<n>`; versions stay as written.
 * @example shapeOf(assignFactors('hbase-exec-15-1000000-b-22-rf_1.txt'), 'hbase-exec-15-1000000-b-22-rf_1.txt')
 *   // '<db>-exec-<n>-<n>-<w>-<n>-rf_<n>.txt'
 */
export function shapeOf(a: FactorAssignment, relPath: string): string {
  let out = '';
  let pos = a.matchedFrom;
  const plain = (s: string): string => s.replace(/\d+/g, '<n>');
  for (const s of [...a.spans].sort((x, y) => x.start - y.start)) {
    if (s.start < pos) continue;
    out += plain(relPath.slice(pos, s.start));
    const text = relPath.slice(s.start, s.end);
    let label: string;
    if (s.factor === 'db') label = '<db>';
    else if (s.factor === 'workload') label = '<w>';
    else if (s.factor === 'date') label = '<date>';
    else if (s.factor === 'version') label = text;
    else if (s.factor === '_') label = /^\d+$/.test(text) ? '<n>' : '<_>';
    else if (/^\d+(?:\.\d+)?[kmgb]?$/i.test(text)) label = '<n>';
    else label = `<${s.factor}>`;
    out += label;
    pos = s.end;
  }
  out += plain(relPath.slice(pos));
  return out;
}

export interface SchemeGroup {
  scheme: string;
  shape: string;
  /** First file of the group in natural order. */
  example: string;
  count: number;
  /** Factor -> distinct levels found, in natural order. */
  factors: Record<string, string[]>;
  /** Distinct ambiguity messages of the group's files. */
  ambiguities: string[];
  /** How many files of the group have at least one ambiguity. */
  ambiguousFiles: number;
}

export interface SchemeExplanation {
  files: number;
  /** Largest groups first (ties: user templates, built-ins, inferred). */
  groups: SchemeGroup[];
  /** Files that end up with exactly the same factors (something in their names is not read). */
  collisions: { factors: Factors; files: string[] }[];
}

function naturalKeyCompare(a: string, b: string): number {
  const ca = a.split(/(\d+)/);
  const cb = b.split(/(\d+)/);
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    if (ca[i] === cb[i]) continue;
    if (i % 2 === 1) {
      const x = ca[i].replace(/^0+(?=\d)/, '');
      const y = cb[i].replace(/^0+(?=\d)/, '');
      if (x.length !== y.length) return x.length - y.length;
      if (x !== y) return x < y ? -1 : 1;
    } else return ca[i] < cb[i] ? -1 : 1;
  }
  if (ca.length !== cb.length) return ca.length - cb.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

const FACTOR_ORDER = ['db', 'phase', 'nodes', 'recordcount', 'operationcount', 'threads', 'workload', 'rf', 'rep'];

/** Factor names in reading order: db, phase, nodes, …, rep, then the others alphabetically. */
export function factorOrder(a: string, b: string): number {
  const ia = FACTOR_ORDER.indexOf(a);
  const ib = FACTOR_ORDER.indexOf(b);
  if (ia >= 0 || ib >= 0) return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Group files by the scheme that matched and the shape of their names, for `analyze scheme`.
 * Throws if a user template is invalid (the template's own Error).
 */
export function explainSchemes(relPaths: string[], opts: AssignOptions = {}): SchemeExplanation {
  const groups = new Map<string, SchemeGroup & { levelSets: Map<string, Set<string>>; ambSet: Set<string> }>();
  const byFactors = new Map<string, { factors: Factors; files: string[] }>();
  const sorted = [...relPaths].sort(naturalKeyCompare);
  for (const p of sorted) {
    const a = assignFactors(p, opts);
    const shape = shapeOf(a, p);
    const key = `${a.scheme}\0${shape}`;
    let g = groups.get(key);
    if (!g) {
      g = { scheme: a.scheme, shape, example: p, count: 0, factors: {}, ambiguities: [], ambiguousFiles: 0, levelSets: new Map(), ambSet: new Set() };
      groups.set(key, g);
    }
    g.count++;
    for (const [k, v] of Object.entries(a.factors)) {
      const s = g.levelSets.get(k) ?? new Set<string>();
      s.add(v);
      g.levelSets.set(k, s);
    }
    if (a.ambiguities.length > 0) g.ambiguousFiles++;
    for (const m of a.ambiguities) g.ambSet.add(m);
    if (Object.keys(a.factors).length > 0) {
      const fk = JSON.stringify(Object.entries(a.factors).sort(([x], [y]) => (x < y ? -1 : 1)));
      const c = byFactors.get(fk) ?? { factors: a.factors, files: [] };
      c.files.push(p);
      byFactors.set(fk, c);
    }
  }
  const out: SchemeGroup[] = [...groups.values()].map((g) => {
    const factors: Record<string, string[]> = {};
    for (const k of [...g.levelSets.keys()].sort(factorOrder)) factors[k] = [...(g.levelSets.get(k) ?? [])].sort(naturalKeyCompare);
    return { scheme: g.scheme, shape: g.shape, example: g.example, count: g.count, factors, ambiguities: [...g.ambSet], ambiguousFiles: g.ambiguousFiles };
  });
  // Largest first; on equal counts user templates, then built-ins, then inferred; then by name.
  const rank = (s: string): number => (s.startsWith('template:') ? 0 : s === 'inferred' ? 2 : 1);
  out.sort(
    (a, b) =>
      b.count - a.count ||
      rank(a.scheme) - rank(b.scheme) ||
      (a.scheme < b.scheme ? -1 : a.scheme > b.scheme ? 1 : 0) ||
      (a.shape < b.shape ? -1 : a.shape > b.shape ? 1 : 0),
  );
  const collisions = [...byFactors.values()].filter((c) => c.files.length > 1);
  return { files: relPaths.length, groups: out, collisions };
}
