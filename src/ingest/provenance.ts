/**
 * Read back the provenance files `fill` wrote beside the outputs it produced
 * (`.<name>.provenance.json`, see src/model/provenance.ts), for the report's methods.
 *
 * ```
 * 1. each input file of the inventory (once, whatever its status) ──► the hidden file beside it
 * 2. absent ──► nothing to say (the output was not produced by fill)
 * 3. present ──JSON.parse, checkProvenance──► a record, or a problem "path: expected …, found …"
 * ```
 * One unreadable provenance file never stops the report: it is listed with its reason.
 */
import { readFileSync } from 'node:fs';
import { posix, join } from 'node:path';
import { PROVENANCE_SCHEMA, provenanceName, type Inventory, type Provenance, type ProvenanceSet } from '../model/index.js';

/** Where the provenance of `file` (a path relative to its root, `/` separators) is, relative to the same root. */
export function provenancePathOf(file: string): string {
  const dir = posix.dirname(file);
  const name = provenanceName(posix.basename(file));
  return dir === '.' ? name : `${dir}/${name}`;
}

/**
 * Check that a parsed JSON value is a provenance record this version reads. Pure.
 * @returns the record, or the first thing wrong with it in words ("expected …, found …").
 * @example checkProvenance({ schema: 'x' }) // { error: 'expected schema "ycsb-analyze/provenance@1", found "x"' }
 */
export function checkProvenance(value: unknown): { provenance: Provenance } | { error: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: `expected a JSON object, found ${describe(value)}` };
  const v = value as Record<string, unknown>;
  if (v.schema !== PROVENANCE_SCHEMA) return { error: `expected schema "${PROVENANCE_SCHEMA}", found ${describe(v.schema)}` };
  const strings = ['output', 'step', 'namespace', 'start', 'end'] as const;
  for (const k of strings) if (typeof v[k] !== 'string') return { error: `expected "${k}" to be a string, found ${describe(v[k])}` };
  for (const k of ['start', 'end'] as const) {
    if (Number.isNaN(Date.parse(v[k] as string))) return { error: `expected "${k}" to be a date and time (ISO 8601), found ${describe(v[k])}` };
  }
  if (v.context !== undefined && typeof v.context !== 'string') return { error: `expected "context" to be a string, found ${describe(v.context)}` };
  if (!Array.isArray(v.command) || !v.command.every((c) => typeof c === 'string')) return { error: `expected "command" to be a list of strings, found ${describe(v.command)}` };
  for (const k of ['nodes', 'pods', 'errors'] as const) {
    if (!Array.isArray(v[k])) return { error: `expected "${k}" to be a list, found ${describe(v[k])}` };
  }
  if (!(v.nodes as unknown[]).every((n) => typeof n === 'object' && n !== null && typeof (n as { name?: unknown }).name === 'string')) {
    return { error: 'expected every entry of "nodes" to have a "name"' };
  }
  if (!(v.pods as unknown[]).every((p) => typeof p === 'object' && p !== null && typeof (p as { name?: unknown }).name === 'string' && Array.isArray((p as { containers?: unknown }).containers))) {
    return { error: 'expected every entry of "pods" to have a "name" and a list of "containers"' };
  }
  if (!(v.comparable === true || v.comparable === false || v.comparable === 'not checked')) {
    return { error: `expected "comparable" to be true, false or "not checked", found ${describe(v.comparable)}` };
  }
  return { provenance: value as Provenance };
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

/** The provenance files beside the inventory's inputs (see the pipeline above). */
export function readProvenance(inventory: Inventory): ProvenanceSet {
  const out: ProvenanceSet = { records: [], problems: [] };
  const seen = new Set<string>();
  for (const run of inventory.runs) {
    if (run.combined !== undefined) continue; // a combined run has no file of its own
    const key = `${run.root}\0${run.file}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const rel = provenancePathOf(run.file);
    const shown = inventory.roots.length > 1 ? join(run.root, rel) : rel;
    let text: string;
    try {
      text = readFileSync(join(run.root, rel), 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') continue;
      out.problems.push({ path: shown, message: `cannot read: ${(e as Error).message}` });
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      out.problems.push({ path: shown, message: `expected JSON, found text that does not parse (${(e as Error).message})` });
      continue;
    }
    const checked = checkProvenance(value);
    if ('error' in checked) out.problems.push({ path: shown, message: checked.error });
    else out.records.push({ file: inventory.roots.length > 1 ? join(run.root, run.file) : run.file, path: shown, provenance: checked.provenance });
  }
  return out;
}
