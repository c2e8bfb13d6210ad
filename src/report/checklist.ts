/**
 * The reporting checklist, after Hoefler & Belli, "Scientific Benchmarking of Parallel Computing
 * Systems" (SC'15): what a reader needs to judge the numbers, stated with this study's own values,
 * never as boilerplate. Pure: the analysis, the inventory and the completeness grid in, plain-text
 * items out (the HTML layer escapes them).
 *
 * 1. factors and levels, and what each configuration ran (YCSB's command line)   (rule 9)
 * 2. the absolute values beside every ratio                                      (rules 1, 4)
 * 3. how results were summarised: the mean across repetitions, rates             (rules 3, 5)
 * 4. normality diagnostics                                                       (rule 6)
 * 5. independence of the repetitions: trend, lag-1 dependence, deployments       (rules 5, 6)
 * 6. percentiles for latency                                                     (rule 7)
 * 7. the number of repetitions, and why                                          (rule 5)
 * 8. what was excluded, and why                                                  (rule 2)
 */
import type { AnalysisResult, GroupResult } from '../analysis/types.js';
import type { Inventory, Run } from '../model/index.js';
import { compareLevels, factorName, factorsLabel, fmtFixed, fmtNum, levelLabel, metricLabel, joinAnd, plural, sortLevels } from './labels.js';
import { headlinePair, stratumTest } from './text.js';
import type { Completeness } from './types.js';
import { inWords } from './words.js';
import { independenceItemText } from './independence.js';

export interface ChecklistItem {
  id: 'factors' | 'ratios' | 'summary' | 'normality' | 'independence' | 'percentiles' | 'repetitions' | 'excluded';
  title: string;
  /** Hoefler & Belli's rule(s) the item answers. */
  rule: string;
  /** Sentences, in order. */
  text: string[];
  /** Command lines, each with the configurations that ran it. */
  commands?: { label: string; command: string }[];
}

export interface ChecklistInput {
  analysis: AnalysisResult;
  /** Further metrics (latencies) analysed with the same grouping. */
  more?: AnalysisResult[];
  inventory: Inventory;
  completeness?: Completeness;
  /** The names of the figures in the report, in order (Figure 1 is the first). */
  figures?: string[];
}

/** At most this many command lines are listed; the rest are counted. */
const MAX_COMMANDS = 12;
/** At most this many examples in a list of configurations or files. */
const MAX_LIST = 4;

export const HOEFLER_BELLI = 'Hoefler & Belli, "Scientific Benchmarking of Parallel Computing Systems", SC\'15';


/** 'a, b, c, d and 3 more'. */
function someOf(xs: string[], max = MAX_LIST): string {
  return xs.length <= max ? joinAnd(xs) : `${xs.slice(0, max).join(', ')} and ${xs.length - max} more`;
}

function range(ns: number[]): string {
  if (!ns.length) return '0';
  const lo = Math.min(...ns);
  const hi = Math.max(...ns);
  return lo === hi ? String(lo) : `${lo}–${hi}`;
}

/** Whether the metric is a rate (per second) rather than a cost (a time). */
function isRate(a: AnalysisResult): boolean {
  return /\/s$/.test(a.unit) || a.metric === 'throughput';
}

function configLabel(g: GroupResult): string {
  return factorsLabel(g.factors);
}

/** The runs that entered the analysis' groups, from the inventory. */
function analysedRuns(a: AnalysisResult, inv: Inventory): Run[] {
  const byFile = new Map(inv.runs.map((r) => [r.file, r]));
  const out: Run[] = [];
  for (const g of a.groups) for (const r of g.runs) if (!r.excluded && byFile.has(r.file)) out.push(byFile.get(r.file)!);
  return out;
}

function figureRef(figures: string[] | undefined, name: string): string {
  const i = figures?.indexOf(name) ?? -1;
  return i >= 0 ? `Figure ${i + 1}` : '';
}

// 1. Factors and levels, and what each configuration ran.
function factorsItem(a: AnalysisResult, inv: Inventory): ChecklistItem {
  const o = a.options;
  const runs = analysedRuns(a, inv);
  const levels = (f: string) => sortLevels(runs.map((r) => r.factors[f]).filter((v): v is string => v !== undefined));
  const show = (f: string) => `${factorName(f)} (${levels(f).map((l) => (f === 'db' ? levelLabel(f, l) : l)).join(', ')})`;
  const text: string[] = [];
  const grouped = o.group.filter((f) => f !== o.compare);
  text.push(
    `${plural(a.groups.length, 'configuration')}, ${plural(runs.length, 'run')} analysed. Compared: ${show(o.compare)}.` +
      (grouped.length ? ` Grouped by ${joinAnd(grouped.map(show))}.` : '') +
      (a.stratifiedBy.length ? ` Analysed separately for each ${joinAnd(a.stratifiedBy.map(show))}, never pooled.` : ''),
  );
  const roles = new Set([o.compare, ...o.group, ...a.stratifiedBy, 'rep']);
  const others = sortLevels(runs.flatMap((r) => Object.keys(r.factors))).filter((f) => !roles.has(f));
  const fixed: string[] = [];
  const following: string[] = [];
  for (const f of others) {
    const lv = levels(f);
    const lacking = runs.filter((r) => r.factors[f] === undefined).length;
    if (lv.length === 1 && lacking === 0) {
      fixed.push(`${factorName(f)} ${lv[0]}`);
      continue;
    }
    // A factor that varies without being a stratum follows another one: say which level goes with which stratum.
    const parts = lv.map((l) => {
      const where = sortLevels(runs.filter((r) => r.factors[f] === l).map((r) => factorsLabel(Object.fromEntries(a.stratifiedBy.map((s) => [s, r.factors[s] ?? '']))))).filter((x) => x !== 'all runs');
      return where.length ? `${l} (${where.join(', ')})` : l;
    });
    following.push(`${factorName(f)} ${parts.join(', ')}${lacking ? ` (not in the file names of the other ${lacking} runs)` : ''}`);
  }
  if (fixed.length) text.push(`The same in every run: ${fixed.join(', ')}.`);
  if (following.length) text.push(`Set with the ${a.stratifiedBy.length ? joinAnd(a.stratifiedBy.map(factorName)) : 'configuration'}: ${following.join('; ')}.`);
  // What each configuration ran: YCSB's command line as the output records it.
  const byCommand = new Map<string, Set<string>>();
  const groupOf = new Map<string, GroupResult>();
  for (const g of a.groups) for (const r of g.runs) groupOf.set(r.file, g);
  let without = 0;
  for (const r of runs) {
    const c = r.header.commandLine?.trim();
    if (!c) {
      without++;
      continue;
    }
    (byCommand.get(c) ?? byCommand.set(c, new Set()).get(c)!).add(groupOf.get(r.file)!.key);
  }
  const versions = sortLevels(runs.map((r) => r.header.version).filter((v): v is string => !!v));
  const commands: ChecklistItem['commands'] = [];
  const byKey = new Map(a.groups.map((g) => [g.key, g]));
  const entries = [...byCommand].map(([command, keys]) => ({ command, groups: [...keys].map((k) => byKey.get(k)!).filter(Boolean) }));
  entries.sort((x, y) => compareLevels(configLabel(x.groups[0]), configLabel(y.groups[0])) || (x.command < y.command ? -1 : 1));
  const merged = mergeCommands(entries);
  for (const e of merged.slice(0, MAX_COMMANDS)) commands.push({ label: commonLabel(e.groups), command: e.command });
  if (byCommand.size) {
    const shown = merged.length < byCommand.size ? `, shown as ${merged.length} where they differ in one word only (its variants in braces, {a|b})` : '';
    text.push(
      `What each configuration ran: YCSB's command line as its output records it${versions.length ? ` (YCSB client ${versions.join(', ')})` : ''}; ${plural(byCommand.size, 'distinct command line')}${shown}${merged.length > MAX_COMMANDS ? `; the first ${MAX_COMMANDS} are listed` : ''}.` +
        (without ? ` ${plural(without, 'run')} recorded none.` : '') +
        ` Factors not on the command line (such as ${factorName(a.options.compare)}) come from the file names.`,
    );
  } else {
    text.push(`The outputs do not record YCSB's command line; the configurations are known only from the file names${versions.length ? ` (YCSB client ${versions.join(', ')})` : ''}.`);
  }
  return { id: 'factors', title: 'Factors, levels and what each configuration ran', rule: 'rule 9', text, commands: commands.length ? commands : undefined };
}

/**
 * Command lines that differ in one word only, as one line with that word's variants in braces:
 * `-P /opt/ycsb/workloads/workload{a|b|c|d}` (a word: a run of non-space characters). Lines that
 * differ in more stay apart, so each line still says what its configurations ran.
 */
export function mergeCommands<T>(entries: { command: string; groups: T[] }[]): { command: string; groups: T[] }[] {
  const clusters: { tokens: string[][]; groups: T[]; diff: Set<number> }[] = [];
  for (const e of entries) {
    const t = e.command.split(/\s+/);
    const home = clusters.find((c) => {
      if (c.tokens[0].length !== t.length) return false;
      const diff = new Set(c.diff);
      t.forEach((x, i) => {
        if (x !== c.tokens[0][i]) diff.add(i);
      });
      if (diff.size > 1) return false;
      c.diff = diff;
      return true;
    });
    if (home) {
      home.tokens.push(t);
      home.groups.push(...e.groups);
    } else clusters.push({ tokens: [t], groups: [...e.groups], diff: new Set() });
  }
  return clusters.map((c) => ({ command: c.tokens[0].map((x, i) => (c.diff.has(i) ? alternatives(c.tokens.map((t) => t[i])) : x)).join(' '), groups: c.groups }));
}

/** 'workloada', 'workloadb' -> 'workload{a|b}'. */
function alternatives(words: string[]): string {
  const u = sortLevels(words);
  let p = 0;
  while (u.every((w) => w.length > p && w[p] === u[0][p])) p++;
  let q = 0;
  while (u.every((w) => w.length - q > p && w[w.length - 1 - q] === u[0][u[0].length - 1 - q])) q++;
  return `${u[0].slice(0, p)}{${u.map((w) => w.slice(p, w.length - q)).join('|')}}${u[0].slice(u[0].length - q)}`;
}

/** The factors shared by a set of configurations, with the levels that vary among them: 'Cassandra · workload a (RF 1, 2, 3)'. */
function commonLabel(groups: GroupResult[]): string {
  const keys = sortLevels(groups.flatMap((g) => Object.keys(g.factors)));
  const common: Record<string, string> = {};
  const varying: string[] = [];
  for (const k of keys) {
    const lv = sortLevels(groups.map((g) => g.factors[k] ?? ''));
    if (lv.length === 1) common[k] = lv[0];
    else varying.push(`${factorName(k)} ${lv.join(', ')}`);
  }
  const base = Object.keys(common).length ? factorsLabel(common) : 'all configurations';
  return varying.length ? `${base} (${varying.join('; ')})` : base;
}

// 2. The absolute values beside every ratio.
function ratiosItem(a: AnalysisResult): ChecklistItem {
  const text: string[] = [];
  const unit = a.unit ? ` ${a.unit}` : '';
  const pairs = a.strata.reduce((n, s) => n + s.pairs.length, 0);
  text.push(
    `Every change in percent is shown beside the two means it compares: each summary sentence ends with both means, and the ${plural(pairs, 'pairwise comparison')} in the tables give the mean of each level (${metricLabel(a.metric)}${unit}) beside the change.`,
  );
  const s = a.strata.find((x) => headlinePair(x));
  if (s) {
    const p = headlinePair(s)!;
    const byKey = new Map(a.groups.map((g) => [g.key, g]));
    const gs = s.groups.map((k) => byKey.get(k)).filter((g): g is GroupResult => !!g);
    const ga = gs.find((g) => g.level === p.a);
    const gb = gs.find((g) => g.level === p.b);
    if (ga && gb) {
      const where = factorsLabel(Object.fromEntries(Object.entries(s.factors).filter(([k]) => k !== a.options.compare)));
      const ci = Number.isFinite(p.percent.lo) ? ` [${fmtFixed(p.percent.lo, 1)}, ${fmtFixed(p.percent.hi, 1)}]` : '';
      text.push(
        `For example, ${where}: ${levelLabel(a.options.compare, p.a)} ${fmtNum(ga.mean)}${unit} (n = ${ga.n}) against ${levelLabel(a.options.compare, p.b)} ${fmtNum(gb.mean)}${unit} (n = ${gb.n}), a change of ${fmtFixed(p.percent.center, 1)}%${ci}.`,
      );
    }
  }
  text.push('No ratio is averaged: each change is computed from the two means, with a Fieller interval; speed-ups are not summarised across configurations or strata.');
  return { id: 'ratios', title: 'Absolute values beside every ratio', rule: 'rules 1 and 4', text };
}

// 3. How results were summarised.
function summaryItem(a: AnalysisResult): ChecklistItem {
  const o = a.options;
  const conf = Math.round(o.confidence * 100);
  const ns = a.groups.map((g) => g.n).filter((n) => n > 0);
  const text: string[] = [];
  text.push(
    `Each configuration is summarised by the arithmetic mean of its repetitions (n = ${range(ns)}) with a Student-t ${conf}% confidence interval${o.bootstrap ? ` and a BCa bootstrap interval (${o.bootstrap.resamples} resamples, seed ${o.bootstrap.seed})` : ''}; the median is shown beside it. Repetitions are never pooled into one long run, and levels of ${joinAnd(a.stratifiedBy.map(factorName)) || 'the other factors'} are never pooled.`,
  );
  if (isRate(a)) {
    const trim = o.trimWarmup ? ' after the warm-up (the steady state: the operations completed after it divided by the time)' : ', its operations divided by its run time, start-up included';
    text.push(`${capital(metricLabel(a.metric))} is a rate: each run's value is YCSB's overall throughput${trim}. The mean gives every repetition the same weight.`);
    const diffs = a.groups
      .filter((g) => g.ratioOfSums !== undefined && Number.isFinite(g.ratioOfSums) && g.mean > 0)
      .map((g) => ({ g, d: 100 * (g.ratioOfSums! / g.mean - 1) }))
      .sort((x, y) => Math.abs(y.d) - Math.abs(x.d));
    if (diffs.length) {
      const w = diffs[0];
      const over = diffs.filter((x) => Math.abs(x.d) > 1).length;
      text.push(
        `Hoefler & Belli recommend the harmonic mean for rates; the ratio of sums (all operations of a configuration over all its run time, the operation-weighted harmonic mean) differs from the arithmetic mean by up to ${fmtFixed(Math.abs(w.d), 2)}% (${configLabel(w.g)}: ${fmtNum(w.g.ratioOfSums!)} against ${fmtNum(w.g.mean)} ${a.unit}), by more than 1% in ${over} of ${diffs.length} configurations; both are in the groups CSV file.`,
      );
    }
  } else {
    text.push(`${capital(metricLabel(a.metric))} is a cost${a.unit ? ` (${a.unit})` : ''}; the arithmetic mean is the summary Hoefler & Belli recommend for costs.`);
  }
  text.push(
    `The ${o.includeLoad ? 'load and run phases are' : 'run phase is'} analysed${o.includeLoad ? '' : '; the load phase is not'}. Changes between levels are the percent change of the means; p-values of pairs are ${o.adjust === 'BH' ? 'Benjamini–Hochberg' : o.adjust === 'holm' ? 'Holm' : 'Bonferroni'}-adjusted ${o.adjustScope === 'all' ? 'over all pairs of all strata' : 'within each stratum'}.`,
  );
  return { id: 'summary', title: 'How results were summarised', rule: 'rules 3 and 5', text };
}

/** A reason cut at a clause boundary before `max` characters. */
function shorten(s: string, max = 110): string {
  if (s.length <= max) return s;
  const cut = Math.max(s.lastIndexOf(', ', max), s.lastIndexOf('; ', max), s.lastIndexOf(': ', max));
  return `${s.slice(0, cut > max / 3 ? cut : max - 1)}…`;
}

function capital(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

// 4. Normality diagnostics.
function normalityItem(a: AnalysisResult, figures?: string[]): ChecklistItem {
  const tested = a.groups.filter((g) => g.shapiro);
  const doubtful = tested.filter((g) => g.shapiro!.p < 0.05);
  const untested = a.groups.length - tested.length;
  const qq = figureRef(figures, 'qq');
  const text: string[] = [];
  if (tested.length) {
    text.push(
      `Shapiro–Wilk per configuration: normality doubtful (p < 0.05) in ${doubtful.length} of ${tested.length} configurations${doubtful.length ? ` (${someOf(doubtful.map(configLabel))})` : ''}, plausible in the other ${tested.length - doubtful.length}${untested ? `; ${untested} not tested (fewer than 3 values, or all equal)` : ''}. Even if every configuration were normal, about ${fmtFixed(0.05 * tested.length, 1)} would be flagged at this level.${qq ? ` ${qq} shows the normal Q–Q plots.` : ''}`,
    );
  } else {
    text.push(`No configuration could be tested for normality (each has fewer than 3 values, or all equal).`);
  }
  const used = new Map<string, number>();
  for (const s of a.strata) {
    const t = stratumTest(s);
    if (t) used.set(t.name, (used.get(t.name) ?? 0) + 1);
  }
  const checks = [a.strata.some((s) => s.kruskal) ? 'Kruskal–Wallis' : '', a.strata.some((s) => s.pairs.some((p) => p.wilcoxon)) ? 'the Wilcoxon rank-sum test' : ''].filter(Boolean);
  const untestable = a.strata.filter((s) => !stratumTest(s)).length;
  if (used.size || untestable) {
    const read = [...used].map(([t, n]) => `${t} in ${plural(n, 'stratum', 'strata')}`);
    if (untestable) read.push(`not testable in ${plural(untestable, 'stratum', 'strata')} (the table of omnibus tests says why)`);
    text.push(
      `The omnibus test read, chosen before seeing the data and not by these diagnostics: ${read.join(', ')}${checks.length ? `; ${joinAnd(checks)}, which assume no normality, ${checks.length === 1 ? 'is' : 'are'} reported beside it as a check` : ''}.`,
    );
  }
  return { id: 'normality', title: 'Normality diagnostics', rule: 'rule 6', text };
}

// 5. Percentiles for latency.
function percentilesItem(a: AnalysisResult, more: AnalysisResult[], figures?: string[]): ChecklistItem {
  const all = [a, ...more].filter((x) => x.metric.includes('.'));
  const text: string[] = [];
  if (!all.length) {
    text.push(`The outputs hold no latency percentile that the report could use; only ${metricLabel(a.metric)} is reported.`);
    return { id: 'percentiles', title: 'Percentiles for latency', rule: 'rule 7', text };
  }
  const byOp = new Map<string, string[]>();
  for (const x of all) {
    const i = x.metric.lastIndexOf('.');
    const op = x.metric.slice(0, i).toUpperCase();
    const stat = x.metric.slice(i + 1);
    (byOp.get(op) ?? byOp.set(op, []).get(op)!).push(stat === 'avg' ? 'average' : stat);
  }
  const units = sortLevels(all.map((x) => x.unit).filter(Boolean));
  const fig = figureRef(figures, 'latency');
  text.push(
    `Latency is reported per operation as ${[...byOp].map(([op, st]) => `${op} ${joinAnd(st)}`).join('; ')}${units.length ? ` (${units.join(', ')})` : ''}: one table each${fig ? `, and ${fig}` : ''}. Each value is the mean across repetitions of YCSB's per-run value: a mean of per-run percentiles, not a percentile of all operations pooled.`,
  );
  // One configuration's numbers, so the tail is visible beside the average.
  const g0 = a.groups.find((g) => g.n > 0);
  if (g0) {
    const vals = all
      .map((x) => ({ x, g: x.groups.find((g) => g.key === g0.key) }))
      .filter((v): v is { x: AnalysisResult; g: GroupResult } => !!v.g && v.g.n > 0)
      .slice(0, 6)
      .map(({ x, g }) => `${metricLabel(x.metric)} ${fmtNum(g.mean)}${x.unit ? ` ${x.unit}` : ''}`);
    if (vals.length) text.push(`For example, ${configLabel(g0)}: ${vals.join(', ')}.`);
  }
  return { id: 'percentiles', title: 'Percentiles for latency', rule: 'rule 7', text };
}

// 6. The number of repetitions, and why.
function repetitionsItem(a: AnalysisResult, completeness?: Completeness): ChecklistItem {
  const text: string[] = [];
  const conf = Math.round(a.options.confidence * 100);
  const target = +(a.options.targetCi * 100).toPrecision(6);
  const ns = a.groups.map((g) => g.n);
  if (completeness?.configurations.length) {
    const planned = completeness.configurations.map((c) => c.reps.length);
    const count = (s: string) => completeness.configurations.reduce((n, c) => n + c.reps.filter((r) => r.status === s).length, 0);
    const failed = count('failed');
    const missing = count('missing');
    text.push(
      `The campaign holds ${range(planned)} repetitions per configuration (${completeness.configurations.length} configurations, the highest repetition number found); ${failed || missing ? `${plural(failed, 'failed repetition')} and ${plural(missing, 'missing repetition')} leave` : 'all of them completed, leaving'} n = ${range(ns)} in the analysis.`,
    );
  } else {
    text.push(`n = ${range(ns)} repetitions per configuration are analysed.`);
  }
  const withReps = a.groups.filter((g) => g.repetitions);
  const short = withReps.filter((g) => g.repetitions!.additional > 0).sort((x, y) => y.repetitions!.needed - x.repetitions!.needed);
  if (withReps.length) {
    text.push(
      `Why this number: it is the campaign's design; the report checks it against a target ${conf}% interval of ±${target}% of the mean. ${withReps.length - short.length} of ${withReps.length} configurations reach it with their n` +
        (short.length
          ? `; ${short.length} would need ${range(short.map((g) => g.repetitions!.needed))} repetitions (${someOf(short.map((g) => `${configLabel(g)}: ${g.repetitions!.needed}`))}).`
          : '.'),
    );
  }
  return { id: 'repetitions', title: 'Number of repetitions, and why', rule: 'rule 5', text };
}

// 7. What was excluded, and why.
function excludedItem(a: AnalysisResult, inv: Inventory): ChecklistItem {
  const text: string[] = [];
  const reasons = new Map<string, number>();
  for (const x of a.excluded) {
    const r = inWords(x.reason.startsWith('duplicate of ') ? 'duplicate of another file' : x.reason);
    reasons.set(r, (reasons.get(r) ?? 0) + 1);
  }
  if (reasons.size) {
    text.push(`Left out before grouping: ${[...reasons].sort((p, q) => q[1] - p[1] || (p[0] < q[0] ? -1 : 1)).map(([r, n]) => `${plural(n, 'file')}: ${r}`).join('; ')}.`);
  }
  const failed = a.groups.flatMap((g) => g.failed.map((f) => ({ g, f })));
  if (failed.length) {
    text.push(
      `${plural(failed.length, 'run')} failed or stopped early and ${failed.length === 1 ? 'counts' : 'count'} as a missing repetition, not as a value: ${someOf(
        failed.map(({ g, f }) => `${f.file} (${configLabel(g)}; ${shorten(inWords(f.reason))})`),
      )}.`,
    );
  } else {
    text.push('No run of an analysed configuration failed.');
  }
  const flagged = a.groups.flatMap((g) => g.runs);
  const iqr = flagged.filter((r) => r.outlier.iqr !== 'none').length;
  const mad = flagged.filter((r) => r.outlier.mad).length;
  const grubbs = flagged.filter((r) => r.outlier.grubbs).length;
  const dropped = flagged.filter((r) => r.excluded).length;
  if (a.options.excludeOutliers) {
    const m = { iqr: 'the 1.5 × IQR rule', mad: 'the median absolute deviation rule', grubbs: "Grubbs' test" }[a.options.excludeOutliers];
    text.push(`Outliers by ${m} were excluded: ${plural(dropped, 'run')}. Flagged in all: ${iqr} by the IQR fences, ${mad} by MAD, ${grubbs} by Grubbs' test.`);
  } else {
    text.push(`No outlier was excluded: ${plural(iqr, 'run is', 'runs are')} flagged by the 1.5 × IQR fences, ${mad} by the MAD rule and ${grubbs} by Grubbs' test, and all are kept.`);
  }
  const filters = Object.entries(a.options.filter);
  if (filters.length) text.push(`Only runs with ${joinAnd(filters.map(([f, l]) => `${factorName(f)} ${l.join(' or ')}`))} were analysed.`);
  const odd = (['duplicate', 'not-ycsb', 'unreadable'] as const).filter((s) => (inv.counts[s] ?? 0) > 0);
  text.push(
    odd.length
      ? `Of the ${inv.runs.length} files found, ${joinAnd(odd.map((s) => `${inv.counts[s]} ${s === 'not-ycsb' ? 'are not YCSB outputs' : s === 'duplicate' ? 'repeat another file byte for byte' : 'could not be read'}`))}.`
      : `Every one of the ${inv.runs.length} files found is a YCSB output; none repeats another or is unreadable.`,
  );
  return { id: 'excluded', title: 'What was excluded, and why', rule: 'rule 2', text };
}

// 5. Independence of the repetitions (independence.ts).
function independenceItem(a: AnalysisResult, figures?: string[]): ChecklistItem {
  const fig = figureRef(figures, 'timeline');
  return { id: 'independence', title: 'Independence of the repetitions', rule: 'rules 5 and 6', text: independenceItemText(a, fig || undefined) };
}

/** The eight items, in the order of the list above. */
export function reportingChecklist(input: ChecklistInput): ChecklistItem[] {
  const a = input.analysis;
  return [
    factorsItem(a, input.inventory),
    ratiosItem(a),
    summaryItem(a),
    normalityItem(a, input.figures),
    independenceItem(a, input.figures),
    percentilesItem(a, input.more ?? [], input.figures),
    repetitionsItem(a, input.completeness),
    excludedItem(a, input.inventory),
  ];
}
