/**
 * Gap detection: the holes a campaign has against its design.
 *
 * ```
 * Run[] + Design ──► per configuration: ok reps, missing reps, failed/partial reps, duplicates,
 *                    extra reps the CI target needs ──► toRun (what a fill must run)
 *                 ──► per cluster configuration: the load output (present, failed, missing)
 * ```
 * Pure. A failed repetition's file is evidence and is never overwritten: the fill replaces it with a
 * new repetition number after the last one used (31, 32, … in a 30-repetition design), so a
 * configuration is complete when it has as many usable repetitions as the design asks for.
 *
 * A configuration is what `summary` groups by: every factor of a run, the content's included. A
 * run whose content factors (operationcount…) differ from those of most of its configuration's runs
 * is listed as not comparable and not counted, like a failed one: gaps and summary agree.
 */
import type { Factors, Run, RunStatus, ToRunReason } from '../model/index.js';
import { compareLevels, formatDiagnostic } from '../model/index.js';
import {
  clusterFactors,
  configKey,
  designFactors,
  phaseOf,
  placeable,
  type Design,
} from './design.js';

export interface FailedRep {
  rep: number;
  file: string;
  status: RunStatus;
  reason: string;
}

export interface DuplicateRep {
  rep: number;
  /** Every file that claims this configuration and rep (the first is the one counted: the first
   * usable one, else the first found). */
  files: string[];
  /** Byte-identical copies, when the loader found them; false: the repetition was run again (a
   * re-run: two outputs of their own). */
  identical: boolean;
}

export interface NotComparableRep {
  rep: number;
  file: string;
  /** `operationcount 1000 vs 10000`: this run's value first, then the configuration's. */
  differences: string;
}

export interface ToRun {
  rep: number;
  reason: ToRunReason;
  /** For a replacement: the failed file(s) it stands in for. */
  replaces?: string;
}

export interface ConfigGaps {
  key: string;
  factors: Factors;
  /** Key of the cluster configuration (the factors less the run factors). */
  clusterKey: string;
  expected: number;
  /** Distinct repetitions with a usable (ok) output. */
  usable: number;
  okReps: number[];
  /** Repetitions 1..expected with no file at all. */
  missing: number[];
  /** Repetitions that ran but are unusable (failed, partial, unreadable), with no ok file beside them. */
  failed: FailedRep[];
  duplicates: DuplicateRep[];
  /** Usable runs whose content factors differ from the configuration's (present only when there are some). */
  notComparable?: NotComparableRep[];
  /** The CI target's requirement, when asked. */
  ci?: { target: number; metric: string; n: number; mean: number; sd: number; needed: number; additional: number; warnings: string[] };
  toRun: ToRun[];
  complete: boolean;
}

export interface LoadGap {
  clusterKey: string;
  factors: Factors;
  status: 'ok' | 'failed' | 'missing';
  files: string[];
}

export interface GapReport {
  schema: 'ycsb-analyze/gaps@1';
  design: {
    source: Design['source'];
    repetitions: number;
    configurations: number;
    runFactors: string[];
    loadOutputs: boolean;
    /** Observed designs: the combinations of the levels seen, when more than the configurations (not expected). */
    combinations?: number;
  };
  totals: {
    configurations: number;
    complete: number;
    missing: number;
    failed: number;
    /** Present only when some run is not comparable with its configuration. */
    notComparable?: number;
    duplicates: number;
    ciExtra: number;
    loadsMissing: number;
    /** Repetitions (and loads) a fill would run. */
    toRun: number;
  };
  complete: boolean;
  configurations: ConfigGaps[];
  loads: LoadGap[];
  /** Files that fit no configuration of the design (other factors, no rep number). */
  unexpected: { file: string; reason: string }[];
}

/** What --target-ci needs: a metric and the sample-size function from src/stats. */
export interface CiTarget {
  /** Relative half-width, 0.05 for ±5%. */
  target: number;
  confidence: number;
  metric: string;
  repetitionsNeeded: (
    sd: number,
    mean: number,
    target: number,
    confidence: number,
    currentN: number,
  ) => { needed: number; additional: number; warnings?: string[] };
}

/** Numbers compared as numbers (1e6 = 1000000), text as it is. */
function norm(v: string): string {
  const t = v.trim();
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return String(Number(t));
  return t;
}

function normKey(factors: Factors, names: string[]): string | undefined {
  const picked: Factors = {};
  for (const n of names) {
    if (factors[n] === undefined) return undefined;
    picked[n] = norm(factors[n]);
  }
  return configKey(picked);
}

/** The content factors most of a configuration's usable runs have (ties: the earliest rep's). */
function contentReference(extras: Factors[]): Factors {
  const counts = new Map<string, { n: number; f: Factors }>();
  for (const f of extras) {
    const k = JSON.stringify(Object.entries(f).sort());
    const e = counts.get(k);
    if (e) e.n++;
    else counts.set(k, { n: 1, f });
  }
  let best: { n: number; f: Factors } | undefined;
  for (const e of counts.values()) if (!best || e.n > best.n) best = e;
  return best?.f ?? {};
}

/** `operationcount 1000 vs 10000, …` (this run's value first); '' when they agree. */
function differencesFrom(f: Factors, reference: Factors): string {
  return [...new Set([...Object.keys(f), ...Object.keys(reference)])]
    .sort()
    .filter((k) => f[k] !== reference[k])
    .map((k) => `${k} ${f[k] ?? '(none)'} vs ${reference[k] ?? '(none)'}`)
    .join(', ');
}

function reasonOf(run: Run): string {
  const d = run.diagnostics.find((x) => x.severity === 'error') ?? run.diagnostics[0];
  if (!d) return run.status;
  const prefix = `${run.status}: `;
  const s = formatDiagnostic(run.file, d.message.startsWith(prefix) ? { ...d, message: d.message.slice(prefix.length) } : d);
  return s.startsWith(`${run.file}:`) ? s.slice(run.file.length + 1).replace(/^(\d+): /, 'line $1: ').trimStart() : s;
}

function mean(xs: number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

function sd(xs: number[]): number {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) * (x - m), 0) / (xs.length - 1));
}

/**
 * Compare the runs with the design.
 * Runs of status not-ycsb, empty or conflict are ignored (no run to place); a byte-identical copy (status duplicate) is listed as a
 * duplicate and never counted as a repetition.
 */
export function findGaps(runs: Run[], design: Design, options: { ci?: CiTarget } = {}): GapReport {
  // The sets of factor names per database (an observed design may name some configurations with
  // more factors than others), most specific first, to project each run onto the design.
  const namesByDb = new Map<string, string[][]>();
  const configByKey = new Map<string, (typeof design.configurations)[number]>();
  for (const c of design.configurations) {
    const db = c.factors.db ?? '';
    const names = Object.keys(c.factors).sort();
    const sets = namesByDb.get(db) ?? [];
    if (!sets.some((x) => x.join(',') === names.join(','))) sets.push(names);
    namesByDb.set(db, sets);
    configByKey.set(normKey(c.factors, names)!, c);
  }
  for (const sets of namesByDb.values()) sets.sort((a, b) => b.length - a.length);
  const clusterKeys = new Set(
    design.configurations.map((c) => {
      const cf = clusterFactors(c.factors, design.runFactors);
      return normKey(cf, Object.keys(cf).sort())!;
    }),
  );

  type Slot = { runs: Run[] };
  const byConfig = new Map<string, Map<number, Slot>>();
  const loadsByCluster = new Map<string, Run[]>();
  const unexpected: GapReport['unexpected'] = [];

  for (const run of runs) {
    if (!placeable(run)) continue;
    const f = designFactors(run);
    const nameSets = namesByDb.get(f.db ?? '') ?? namesByDb.get('');
    if (phaseOf(run) === 'load') {
      // the first projection that is a cluster configuration of the design; else the first defined
      let k: string | undefined;
      for (const names of nameSets ?? []) {
        const kk = normKey(f, names.filter((n) => !design.runFactors.includes(n)));
        if (kk === undefined) continue;
        if (k === undefined || clusterKeys.has(kk)) k = kk;
        if (clusterKeys.has(kk)) break;
      }
      if (k === undefined || !nameSets) {
        unexpected.push({ file: run.file, reason: 'a load output of no configuration in the design' });
        continue;
      }
      let l = loadsByCluster.get(k);
      if (!l) loadsByCluster.set(k, (l = []));
      l.push(run);
      continue;
    }
    let config: (typeof design.configurations)[number] | undefined;
    for (const names of nameSets ?? []) {
      const k = normKey(f, names);
      config = k === undefined ? undefined : configByKey.get(k);
      if (config) break;
    }
    const names = nameSets;
    if (!config) {
      unexpected.push({
        file: run.file,
        reason: run.status === 'duplicate'
          ? `byte-identical to ${run.duplicateOf ?? 'another file'} (not counted)`
          : names
          ? `factors ${configKey(f)} are not a configuration of the design`
          : `database ${JSON.stringify(f.db ?? '')} is not in the design`,
      });
      continue;
    }
    const rep = Number(run.factors.rep);
    if (!Number.isInteger(rep) || rep < 1) {
      unexpected.push({ file: run.file, reason: `no repetition number (found ${JSON.stringify(run.factors.rep ?? '')})` });
      continue;
    }
    let m = byConfig.get(config.key);
    if (!m) byConfig.set(config.key, (m = new Map()));
    let slot = m.get(rep);
    if (!slot) m.set(rep, (slot = { runs: [] }));
    slot.runs.push(run);
  }

  const configurations: ConfigGaps[] = [];
  for (const c of design.configurations) {
    const slots = byConfig.get(c.key) ?? new Map<number, Slot>();
    const names = new Set(Object.keys(c.factors));
    const extrasOf = (r: Run): Factors => {
      const out: Factors = {};
      for (const [k, v] of Object.entries(r.factors)) if (!names.has(k) && k !== 'rep' && k !== 'phase') out[k] = norm(v);
      return out;
    };
    const reference = contentReference([...slots.entries()].sort((a, b) => a[0] - b[0]).flatMap(([, s]) => s.runs.filter((r) => r.status === 'ok')).map(extrasOf));
    const notComparable: NotComparableRep[] = [];
    const okReps: number[] = [];
    const failed: FailedRep[] = [];
    const duplicates: DuplicateRep[] = [];
    const missing: number[] = [];
    const okValues: number[] = [];
    let maxRep = design.repetitions;
    for (const [rep, slot] of [...slots.entries()].sort((a, b) => a[0] - b[0])) {
      if (rep > maxRep) maxRep = rep;
      const counted = slot.runs.filter((r) => r.status !== 'duplicate');
      const oks = counted.filter((r) => r.status === 'ok');
      // the usable one: ok, and the same configuration as the campaign's runs
      const ok = oks.find((r) => differencesFrom(extrasOf(r), reference) === '');
      if (slot.runs.length > 1) {
        // the one counted first: the usable one
        const first = ok ?? oks[0];
        const order = first ? [first, ...counted.filter((r) => r !== first)] : counted;
        duplicates.push({
          rep,
          files: [...order, ...slot.runs.filter((r) => r.status === 'duplicate')].map((r) => r.file),
          identical: slot.runs.some((r) => r.status === 'duplicate'),
        });
      }
      if (!ok && oks.length) {
        for (const r of oks) notComparable.push({ rep, file: r.file, differences: differencesFrom(extrasOf(r), reference) });
      } else if (ok) {
        okReps.push(rep);
        if (options.ci) {
          const v = ok.metrics[options.ci.metric];
          if (Number.isFinite(v)) okValues.push(v);
        }
      } else if (counted.length > 0) {
        for (const r of counted) failed.push({ rep, file: r.file, status: r.status, reason: reasonOf(r) });
      } else {
        // Only byte-identical copies of another file: not a repetition of its own.
        const r = slot.runs[0];
        failed.push({ rep, file: r.file, status: 'duplicate', reason: `byte-identical to ${r.duplicateOf ?? 'another file'}` });
      }
    }
    for (let rep = 1; rep <= design.repetitions; rep++) if (!slots.has(rep)) missing.push(rep);

    const toRun: ToRun[] = missing.map((rep) => ({ rep, reason: 'missing' as const }));
    let nextRep = maxRep + 1;
    const unusable = [...failed, ...notComparable].sort((a, b) => a.rep - b.rep);
    const failedReps = [...new Set(unusable.map((f) => f.rep))];
    const short = design.repetitions - okReps.length - missing.length;
    for (let i = 0; i < short; i++) {
      const replaces = failedReps[i] !== undefined ? unusable.filter((f) => f.rep === failedReps[i]).map((f) => f.file).join(', ') : undefined;
      toRun.push({ rep: nextRep++, reason: 'replaces-failed', ...(replaces ? { replaces } : {}) });
    }
    let ci: ConfigGaps['ci'];
    if (options.ci && okValues.length >= 2) {
      const m = mean(okValues);
      const s = sd(okValues);
      const r = options.ci.repetitionsNeeded(s, m, options.ci.target, options.ci.confidence, okValues.length);
      // Repetitions already planned count towards the target.
      const planned = toRun.length;
      const additional = Number.isFinite(r.additional) ? Math.max(0, r.additional - planned) : 0;
      ci = { target: options.ci.target, metric: options.ci.metric, n: okValues.length, mean: m, sd: s, needed: r.needed, additional, warnings: r.warnings ?? [] };
      for (let i = 0; i < additional; i++) toRun.push({ rep: nextRep++, reason: 'ci-target' });
    }
    configurations.push({
      key: c.key,
      factors: c.factors,
      clusterKey: configKey(clusterFactors(c.factors, design.runFactors)),
      expected: design.repetitions,
      usable: okReps.length,
      okReps,
      missing,
      failed,
      duplicates,
      ...(notComparable.length ? { notComparable } : {}),
      ...(ci ? { ci } : {}),
      toRun,
      complete: toRun.length === 0,
    });
  }

  // Loads: one per cluster configuration, when the design expects them.
  const loads: LoadGap[] = [];
  if (design.loadOutputs) {
    const seen = new Set<string>();
    for (const c of design.configurations) {
      const cf = clusterFactors(c.factors, design.runFactors);
      const key = configKey(cf);
      if (seen.has(key)) continue;
      seen.add(key);
      const found = loadsByCluster.get(normKey(cf, Object.keys(cf).sort())!) ?? [];
      const counted = found.filter((r) => r.status !== 'duplicate');
      const status: LoadGap['status'] = counted.some((r) => r.status === 'ok') ? 'ok' : found.length ? 'failed' : 'missing';
      loads.push({ clusterKey: key, factors: cf, status, files: found.map((r) => r.file) });
    }
    loads.sort((a, b) => compareLevels(a.clusterKey, b.clusterKey));
  }

  const sum = (f: (c: ConfigGaps) => number) => configurations.reduce((s, c) => s + f(c), 0);
  // A failed load output is listed but is not a gap: its name is taken (never overwritten) and the
  // runs measured after it stand on their own; only a missing one is filled.
  const loadsMissing = loads.filter((l) => l.status === 'missing').length;
  const notComparableTotal = sum((c) => new Set((c.notComparable ?? []).map((f) => f.rep)).size);
  const totals = {
    configurations: configurations.length,
    complete: configurations.filter((c) => c.complete).length,
    missing: sum((c) => c.missing.length),
    failed: sum((c) => new Set(c.failed.map((f) => f.rep)).size),
    ...(notComparableTotal ? { notComparable: notComparableTotal } : {}),
    duplicates: sum((c) => c.duplicates.length),
    ciExtra: sum((c) => c.toRun.filter((t) => t.reason === 'ci-target').length),
    loadsMissing,
    toRun: sum((c) => c.toRun.length) + loadsMissing,
  };
  return {
    schema: 'ycsb-analyze/gaps@1',
    design: {
      source: design.source,
      repetitions: design.repetitions,
      configurations: design.configurations.length,
      runFactors: design.runFactors,
      loadOutputs: design.loadOutputs,
      ...(design.combinations !== undefined ? { combinations: design.combinations } : {}),
    },
    totals,
    complete: totals.toRun === 0,
    configurations,
    loads,
    unexpected,
  };
}

/** The one-line total printed first by `analyze gaps`. */
export function gapSummaryLine(r: GapReport): string {
  const t = r.totals;
  if (r.complete) {
    return `complete: ${t.configurations} configurations × ${r.design.repetitions} repetitions${t.duplicates ? `, ${t.duplicates} duplicated repetitions to check` : ''}`;
  }
  const parts = [
    `${t.configurations - t.complete} of ${t.configurations} configurations incomplete`,
    `${t.missing} missing`,
    `${t.failed} failed`,
    ...(t.notComparable ? [`${t.notComparable} not comparable`] : []),
    `${t.duplicates} duplicated`,
  ];
  if (t.ciExtra) parts.push(`${t.ciExtra} more for the CI target`);
  if (r.design.loadOutputs) parts.push(`${t.loadsMissing} ${t.loadsMissing === 1 ? 'load' : 'loads'} missing`);
  parts.push(`${t.toRun} runs to fill`);
  return `gaps: ${parts.join(', ')}`;
}

/** The text `analyze gaps` prints: the total, what the design is when it is not every combination
 * of the levels seen, then each configuration with something to say. */
export function formatGaps(r: GapReport): string {
  const lines = [gapSummaryLine(r)];
  if (r.design.combinations !== undefined) {
    lines.push(
      `design: the ${r.design.configurations} configurations observed, not all ${r.design.combinations} combinations of the levels seen ` +
        `(a configuration never run is not counted missing; an experiment file declares the design)`,
    );
  }
  const list = (xs: number[]) => compactRanges(xs);
  for (const c of r.configurations) {
    if (c.complete && c.duplicates.length === 0 && c.failed.length === 0 && !c.notComparable) continue;
    lines.push(`${c.key}: ${c.usable}/${c.expected} usable`);
    if (c.missing.length) lines.push(`  missing reps: ${list(c.missing)}`);
    for (const f of c.failed) lines.push(`  ${f.status} rep ${f.rep}: ${f.file}: ${f.reason}`);
    for (const f of c.notComparable ?? []) lines.push(`  not comparable rep ${f.rep}: ${f.file}: ${f.differences} (not counted)`);
    for (const d of c.duplicates) {
      if (d.identical) lines.push(`  duplicate rep ${d.rep} (byte-identical): ${d.files.join(', ')}`);
      else lines.push(`  re-run rep ${d.rep}: ${d.files.length} outputs of this configuration and repetition: ${d.files.join(', ')} (${d.files[0]} counted)`);
    }
    if (c.ci) {
      lines.push(
        `  CI target ±${fmtPct(c.ci.target)} on ${c.ci.metric}: n=${c.ci.n}, needs ${c.ci.needed} → ${c.ci.additional} more` +
          (c.ci.warnings.length ? ` (${c.ci.warnings.join('; ')})` : ''),
      );
    }
    const extra = c.toRun.filter((t) => t.reason !== 'missing');
    if (extra.length) lines.push(`  new reps to run: ${extra.map((t) => `${t.rep} (${t.reason === 'ci-target' ? 'CI target' : `replaces ${t.replaces ?? 'a failed rep'}`})`).join(', ')}`);
  }
  for (const l of r.loads) if (l.status !== 'ok') lines.push(`${l.clusterKey}: load output ${l.status}${l.files.length ? `: ${l.files.join(', ')}` : ''}`);
  for (const u of r.unexpected) lines.push(`not in the design: ${u.file}: ${u.reason}`);
  return lines.join('\n') + '\n';
}

function fmtPct(x: number): string {
  return `${+(x * 100).toPrecision(6)}%`;
}

/** 1,2,3,5,7,8 -> "1-3, 5, 7-8". */
export function compactRanges(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < s.length; ) {
    let j = i;
    while (j + 1 < s.length && s[j + 1] === s[j] + 1) j++;
    out.push(j > i ? `${s[i]}-${s[j]}` : `${s[i]}`);
    i = j + 1;
  }
  return out.join(', ');
}
