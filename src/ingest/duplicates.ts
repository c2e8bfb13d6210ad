/**
 * Duplicates among the files read (a step of loadRuns, ./load.ts): byte-identical files are counted
 * once, the others marked `duplicate` with the file they repeat.
 *
 * ```
 * FileResult.hash per file (empty files left out: an empty file repeats nothing)
 *   ──group──► files with equal keys
 *   (hash 'crc32': `<size>:<CRC-32>` keys confirmed by the sha256 of the bytes read again)
 *   ──rank──► kept: the path that carries the most factors, then the name a scheme reads fully,
 *             then the shortest, then the first found
 *   ──► every run of the others: status duplicate, duplicateOf, an info diagnostic
 * ```
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentKey, type FileResult, type ReadSettings } from './read.js';

/**
 * Mark, in place, the runs of every file byte-identical to another. Among them the one kept is the
 * one whose path carries the most factors (as the file-name schemes read them: `redis/rf3/tc8/run1.txt`
 * rather than a stray `run1.txt`), then the one whose name a scheme reads fully (no ambiguity, not
 * merely inferred), then the shortest name, then the first found: `run-1 (copy).txt` is the
 * duplicate of `run-1.txt`, whatever the listing order. Empty files (status empty: no bytes, or only
 * white space) are never duplicates of one another. `results[i]` is what `files[i]` became, read
 * with `hash`.
 */
export function markDuplicates(files: { root: string; path: string }[], results: FileResult[], hash: ReadSettings['hash']): void {
  const byHash = new Map<string, number[]>();
  for (let i = 0; i < results.length; i++) {
    const key = results[i].hash;
    if (!key || results[i].runs[0]?.status === 'empty') continue;
    const list = byHash.get(key) ?? [];
    list.push(i);
    byHash.set(key, list);
  }
  const identical = hash === 'crc32' ? [...byHash.values()].filter((list) => list.length > 1).flatMap((list) => bySha256Again(files, list)) : byHash.values();
  // smaller is better: fewer factors from the name (negated), a weaker scheme, a longer path, found later
  const quality = (i: number): [number, number, number, number] => {
    const run = results[i].runs[0];
    let factors = 0;
    for (const _ in run.origin.fromName) factors++;
    const named = run.origin.ambiguities.length > 0 ? 2 : run.origin.scheme === 'inferred' ? 1 : 0;
    return [-factors, named, files[i].path.length, i];
  };
  for (const list of identical) {
    if (list.length < 2) continue;
    const ranked = [...list].sort((a, b) => {
      const qa = quality(a);
      const qb = quality(b);
      return qa[0] - qb[0] || qa[1] - qb[1] || qa[2] - qb[2] || qa[3] - qb[3];
    });
    const keep = ranked[0];
    for (const i of ranked.slice(1)) {
      const under = files[keep].root !== files[i].root ? ` (under ${files[keep].root})` : '';
      for (const run of results[i].runs) {
        run.diagnostics.unshift({
          message: `byte-identical to ${files[keep].path}${under}; not counted again`,
          severity: 'info',
        });
        run.status = 'duplicate';
        run.duplicateOf = files[keep].path;
      }
    }
  }
}

/**
 * Files of `list` (indices into `files` with equal `<size>:<CRC-32>` keys) grouped by the sha256 of
 * their bytes read again: the byte-identical ones. A file that cannot be read again is left out.
 */
function bySha256Again(files: { root: string; path: string }[], list: number[]): number[][] {
  const groups = new Map<string, number[]>();
  for (const i of list) {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(join(files[i].root, files[i].path));
    } catch {
      continue;
    }
    const sha = contentKey(bytes, 'sha256');
    const g = groups.get(sha);
    if (g) g.push(i);
    else groups.set(sha, [i]);
  }
  return [...groups.values()];
}
