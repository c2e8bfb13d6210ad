/**
 * What the loader keeps of a run holds no slice of its file's text: every string is copied out once
 * and shared between runs (factor levels, properties, command lines).
 */
import type { Run } from '../model/index.js';

/**
 * Strings parsed out of a file's text may be V8 slices that keep the whole text alive (a 24 KB file
 * held for each 20-character property value). Every string kept in a run goes through here: it is
 * copied out of the text once and shared between runs (factor levels, properties, command lines).
 */
export class StringPool {
  private readonly map = new Map<string, string>();
  constructor(private readonly cap = 200_000) {}
  get(s: string): string {
    const hit = this.map.get(s);
    if (hit !== undefined) return hit;
    // V8 copies substrings shorter than 13 characters; longer ones may be slices: copy them.
    const own = s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
    if (this.map.size < this.cap) this.map.set(own, own);
    return own;
  }
}

/** Replace, in place, every string reachable from `v` by its pooled copy. */
export function detach<T>(v: T, pool: StringPool): T {
  if (typeof v === 'string') return pool.get(v) as T;
  if (v === null || typeof v !== 'object' || Object.isFrozen(v)) return v;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (typeof x === 'string' || (x !== null && typeof x === 'object')) v[i] = detach(x, pool);
    }
    return v;
  }
  const o = v as Record<string, unknown>;
  for (const k in o) {
    const x = o[k];
    if (typeof x === 'string' || (x !== null && typeof x === 'object')) o[k] = detach(x, pool);
  }
  return v;
}

/** Fields of a run that hold no slice of its file's text: name, file and root (from discovery: the
 * name is the path, `path#k` for one of several invocations, or `path:line` for a table row), the
 * sha256 (computed), the metrics (numbers only), the series digest (computed; its factors are the
 * run's own object), the invocation (the path and line numbers) and the start time (built). */
const NOT_FROM_TEXT = new Set(['name', 'file', 'root', 'sha256', 'metrics', 'seriesDigest', 'invocation', 'start']);

/**
 * Make a run safe to keep: every string it holds copied out of its file's text (pooled). After the
 * loader's hook, so that what the hook drops (a lean run's samples, per-operation stats, command
 * line) is never copied. A thinned series holds no strings and is not walked.
 */
export function keepRun(run: Run, pool: StringPool, thinned: boolean): void {
  const o = run as unknown as Record<string, unknown>;
  for (const k in o) {
    if (NOT_FROM_TEXT.has(k) || (thinned && k === 'series')) continue;
    const x = o[k];
    if (typeof x === 'string' || (x !== null && typeof x === 'object')) o[k] = detach(x, pool);
  }
}
