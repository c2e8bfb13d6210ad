/**
 * Comparing what the analysis grouped with a known truth (issue 19's acceptance), independent of how
 * groups or factors are named.
 *
 * The truth of a campaign is a partition of its run invocations into configurations. A run is named
 * by its identity (see {@link runIdentity}):
 * - a file holding one YCSB invocation: its path, relative to the root loaded (`a/b/run1.txt`);
 * - the k-th of several invocations in one file (1-based): `path#k`;
 * - one run combined from several client files: the identities of its parts, sorted, joined by
 *   ` + ` (`c1#2 + c2#2 + …`).
 *
 * ADAPTER. The API for `file#k` and for combined runs does not exist yet; the issue says only
 * "identified as `file#k` with its line range in every output" and "the inventory says which files
 * were combined". The functions below are the one place that reads those fields, so that the
 * implementation can name them otherwise by changing this file only:
 * - `file` may already be `path#k`; otherwise a 1-based `invocation` number (when there are several
 *   in the file) makes it `path#k`;
 * - a combined run (an inventory Run, a GroupRun or a group's `failed` entry) lists its parts in
 *   `files` (identities as above); `file` is then ignored;
 * - a run's line range is `lineRange` as `{ from, to }` or `[from, to]` (1-based, inclusive).
 */
import type { AnalysisResult, GroupResult } from '../../src/analysis/types.js';
import type { Inventory, Run } from '../../src/model/index.js';

/** The fields of a run, a group's run or a group's failed entry that say which inputs it stands for. */
export interface RunSource {
  file: string;
  invocation?: number;
  files?: string[];
}

/** The identity of one run (see the module comment). */
export function runIdentity(r: RunSource | { file: string }): string {
  const s = r as RunSource;
  if (Array.isArray(s.files) && s.files.length > 0) return [...s.files].sort().join(' + ');
  if (s.file.includes('#') || s.invocation === undefined) return s.file;
  return `${s.file}#${s.invocation}`;
}

/** The identity of a combined run from its parts. */
export function combined(parts: string[]): string {
  return [...parts].sort().join(' + ');
}

/** A run's line range (1-based, inclusive), when the implementation gives one. */
export function lineRange(run: Run): { from: number; to: number } | undefined {
  const lr = (run as unknown as { lineRange?: unknown }).lineRange;
  if (Array.isArray(lr) && lr.length === 2 && lr.every((x) => typeof x === 'number')) return { from: lr[0] as number, to: lr[1] as number };
  if (lr && typeof lr === 'object' && typeof (lr as { from?: unknown }).from === 'number' && typeof (lr as { to?: unknown }).to === 'number') {
    return { from: (lr as { from: number }).from, to: (lr as { to: number }).to };
  }
  return undefined;
}

/** Inventory runs read from one source (not combined ones), by identity. */
export function singleRuns(inv: Inventory): Map<string, Run> {
  const out = new Map<string, Run>();
  for (const r of inv.runs) {
    const s = r as unknown as RunSource;
    if (Array.isArray(s.files) && s.files.length > 1) continue;
    out.set(runIdentity(r), r);
  }
  return out;
}

/** One configuration of the truth: its usable runs and those that failed or were cut off. */
export interface TruthClass {
  /** A readable name of the configuration (for messages only; never compared with group keys). */
  key: string;
  phase: 'run' | 'load';
  ok: string[];
  notOk: string[];
}

export interface PartitionReport {
  /** Groups holding runs of more than one true configuration: the defect issue 19 forbids. */
  pooled: string[];
  /** True configurations (with usable runs) not found as exactly one group. */
  notRecovered: string[];
  /** Runs in the groups that the truth does not expect there (a load, an unknown identity). */
  unexpected: string[];
  /** Runs or failures of the expected configurations that appear in no group. */
  lost: string[];
  /** Nothing pooled, every configuration recovered exactly, nothing unexpected or lost. */
  exact: boolean;
}

/** Members of a group as identities: its counted runs and its failed/partial ones. */
export function groupMembers(g: GroupResult): { runs: string[]; failed: string[] } {
  return { runs: g.runs.map(runIdentity), failed: g.failed.map(runIdentity) };
}

/**
 * Compare the analysis' groups with the truth. `truth` holds every configuration (loads too);
 * `expected` says which phases the analysis should show (the default summary: runs only).
 * `optionalFailures`: failed/partial runs that may be left out of every group (when nothing tells
 * their phase, e.g. a file cut off before its header).
 */
export function comparePartition(
  groups: GroupResult[],
  truth: TruthClass[],
  expected: { phases: ('run' | 'load')[]; optionalFailures?: string[] } = { phases: ['run'] },
): PartitionReport {
  // every run identity of the truth, and the configuration of each part (a file, or file#k, or one
  // client of a combined run); a path stands for all the invocations it holds
  const known = new Set<string>();
  const classOf = new Map<string, TruthClass>();
  const classesOfFile = new Map<string, Set<TruthClass>>();
  for (const c of truth) {
    for (const id of [...c.ok, ...c.notOk]) {
      known.add(id);
      for (const part of id.split(' + ')) {
        classOf.set(part, c);
        const file = part.replace(/#\d+$/, '');
        classesOfFile.set(file, (classesOfFile.get(file) ?? new Set()).add(c));
      }
    }
  }
  /** The configurations a run the tool made draws on: of each of its parts; a whole file that holds
   * several invocations, those of its invocations in the phases shown. */
  const classesOf = (id: string): Set<TruthClass> => {
    const out = new Set<TruthClass>();
    for (const part of id.split(' + ')) {
      const c = classOf.get(part);
      if (c) out.add(c);
      else {
        const all = [...(classesOfFile.get(part) ?? [])];
        const shown = all.filter((x) => expected.phases.includes(x.phase));
        for (const x of shown.length > 0 ? shown : all) out.add(x);
      }
    }
    return out;
  };
  const pooled: string[] = [];
  const unexpected: string[] = [];
  const seen = new Set<string>();
  const okSets = new Set<string>();
  const failedOf = new Map<string, string[]>();
  for (const g of groups) {
    const m = groupMembers(g);
    const all = [...m.runs, ...m.failed];
    for (const id of all) seen.add(id);
    const classes = new Set<TruthClass>();
    const count = new Map<TruthClass, number>();
    for (const id of all) {
      const cs = classesOf(id);
      for (const c of cs) {
        classes.add(c);
        count.set(c, (count.get(c) ?? 0) + 1);
      }
      if (!known.has(id)) unexpected.push(`${id} (in group ${g.key || '(all)'}: not a run the truth knows${cs.size > 0 ? `; of ${[...cs].map((c) => c.key).join(', ')}` : ''})`);
      else {
        const c = classOf.get(id.split(' + ')[0])!;
        if (!expected.phases.includes(c.phase)) unexpected.push(`${id} (in group ${g.key || '(all)'}: a ${c.phase} phase run)`);
      }
    }
    if (classes.size > 1) {
      pooled.push(`group ${g.key || '(all)'} (n=${g.n}) pools ${[...classes].map((c) => `${c.key} [${count.get(c)}]`).join(' with ')}`);
    }
    if (m.runs.length > 0) okSets.add([...m.runs].sort().join('\n'));
    for (const id of m.runs) failedOf.set(id, [...m.failed].sort());
  }
  const notRecovered: string[] = [];
  const lost: string[] = [];
  const optional = new Set(expected.optionalFailures ?? []);
  for (const c of truth) {
    if (!expected.phases.includes(c.phase)) continue;
    for (const id of [...c.ok, ...c.notOk]) if (!seen.has(id) && !optional.has(id)) lost.push(`${id} (${c.key})`);
    if (c.ok.length === 0) continue;
    const want = [...c.ok].sort().join('\n');
    const failedWant = [...c.notOk].sort();
    const failedGot = failedOf.get(c.ok[0]);
    if (!okSets.has(want)) notRecovered.push(`${c.key}: expected one group of n=${c.ok.length}`);
    else if (failedGot && failedGot.join('\n') !== failedWant.join('\n')) {
      notRecovered.push(`${c.key}: failed/partial runs listed ${JSON.stringify(failedGot)}, expected ${JSON.stringify(failedWant)}`);
    }
  }
  const exact = pooled.length === 0 && notRecovered.length === 0 && unexpected.length === 0 && lost.length === 0;
  return { pooled, notRecovered, unexpected, lost, exact };
}

/** Whether the tool says it cannot tell how to read the names (and asks for a file-name scheme). */
export function asksForScheme(inv: Inventory, result: AnalysisResult): boolean {
  if (result.warnings.some((w) => /scheme/i.test(w))) return true;
  return inv.runs.some((r) => r.origin.ambiguities.length > 0 && r.status !== 'duplicate');
}

/** A short text of a report, for assertion messages. */
export function describeReport(r: PartitionReport, max = 6): string {
  const part = (name: string, list: string[]) =>
    list.length === 0 ? '' : `${name} (${list.length}):\n  ${list.slice(0, max).join('\n  ')}${list.length > max ? '\n  …' : ''}\n`;
  return part('pooled', r.pooled) + part('not recovered', r.notRecovered) + part('unexpected', r.unexpected) + part('lost', r.lost) || 'exact';
}

/** The throughput a YCSB text prints in its last `[OVERALL], Throughput(ops/sec), x` line. */
export function printedThroughput(text: string): number | undefined {
  const all = [...text.matchAll(/^\[OVERALL\], Throughput\(ops\/sec\), ([0-9.eE+-]+)\s*$/gm)];
  return all.length === 0 ? undefined : Number(all[all.length - 1][1]);
}
