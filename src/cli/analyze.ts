/**
 * `analyze <dir>... [--group rf,workload] [...]`: the main command.
 *
 * 1. load every file (inventory first: nothing silently dropped)
 * 2. print the factor levels found
 * 3. analyse (groups, strata, tests) and print, or write --json / --csv
 * 4. with --report DIR, write the HTML/PDF report, figures and tables
 */
import { deploymentSecondsFromJournals } from './journal-costs.js';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { analyze } from '../analysis/analyze.js';
import type { AnalysisOptions, OutlierMethod, PAdjustMethod } from '../analysis/types.js';
import { canonicalFactor, compareLevels, type Inventory } from '../model/index.js';
import { addInputOptions, formatInventory, formatInventoryCompact, formatLevels, inventoryJson, loadInputs, type InputOptions } from './common.js';
import { inCliTerms } from './flags.js';
import { CliError, EXIT, type Io } from './io.js';
import { badValue, choiceOption, collect, parseFactors, parseFilter, parseFraction, parseWhole } from './options.js';
import { analysisCsv, analysisJson, fitWidth, formatAnalysis, type ViewOptions } from './render.js';
import { outputWidth } from './format.js';
import type { ReportCliOptions } from './report.js';
import { formatExplanationFor } from './scheme.js';
import { leanRun, leanRunExceptLoad } from './lean.js';

export interface AnalyzeCliOptions extends InputOptions, ReportCliOptions {
  group?: string;
  compare?: string;
  filter?: string[];
  metric: string;
  confidence: string;
  bootstrap?: string;
  seed: string;
  excludeOutliers?: OutlierMethod;
  adjust: PAdjustMethod;
  adjustScope: 'stratum' | 'all';
  twoway?: boolean;
  targetCi: string;
  trimWarmup?: boolean;
  includeLoad?: boolean;
  json?: boolean;
  csv?: boolean;
  explain?: boolean;
  detail?: boolean;
}

/** Turn CLI options into analysis options (validated). */
export function analysisOptions(o: AnalyzeCliOptions): Partial<AnalysisOptions> {
  const group = parseFactors(o.group);
  const compare = o.compare ? canonicalFactor(o.compare) : group[0] ?? '';
  if (o.compare && group.length > 0 && !group.includes(compare)) {
    throw badValue(`--compare ${o.compare}`, `one of the --group factors (${group.join(', ')})`, compare);
  }
  const filter = parseFilter(o.filter);
  const full = o.json === true || o.report !== undefined;
  return {
    group,
    compare,
    filter,
    metric: o.metric.trim(),
    confidence: parseFraction('--confidence', o.confidence),
    bootstrap: o.bootstrap ? { resamples: parseWhole('--bootstrap', o.bootstrap, 100), seed: parseWhole('--seed', o.seed, 0) } : undefined,
    excludeOutliers: o.excludeOutliers,
    adjust: o.adjust,
    adjustScope: o.adjustScope,
    twoway: o.twoway === true,
    targetCi: parseFraction('--target-ci', o.targetCi, ['0.05', '5%']),
    trimWarmup: o.trimWarmup === true,
    includeLoad: o.includeLoad === true || (filter.phase?.includes('load') ?? false),
    // The text summary and the CSV print the Games–Howell and Tukey p-values and Hedges' g, not
    // their intervals, nor the campaign's timeline; the default view prints less still (see
    // AnalysisOptions.view). --json and the report show everything.
    pairIntervals: full,
    ...(full ? {} : { view: o.detail === true || o.csv === true ? 'detail' : 'summary' }),
  };
}

/** The inventory as the summary prints it first: compact, or in full with --detail; within the width. */
export function formatInventoryView(inv: Inventory, view: ViewOptions): string {
  if (!view.detail) return formatInventoryCompact(inv, view.width);
  return fitWidth(formatInventory(inv) + formatLevels(inv), view.width);
}

/** Usable runs (ok, failed, partial) of the phases analysed. */
function usableRuns(inv: Inventory, o: Partial<AnalysisOptions>): Inventory['runs'] {
  return inv.runs.filter((r) => (r.status === 'ok' || r.status === 'failed' || r.status === 'partial') && (o.includeLoad || r.factors.phase !== 'load'));
}

/**
 * Refuse options that match nothing in the data, saying what exists: --group/--compare factors,
 * --filter factors and levels, the --metric.
 */
export function checkAgainstData(inv: Inventory, o: Partial<AnalysisOptions>): void {
  const runs = usableRuns(inv, o);
  if (runs.length === 0) {
    // nothing else has been printed yet: the inventory the message points to comes with it
    const loadOnly = !o.includeLoad && inv.runs.some((r) => r.status === 'ok' && r.factors.phase === 'load');
    const what = loadOnly
      ? 'every run that ran is of the load phase (--include-load analyses it)'
      : `every input is ${Object.entries(inv.counts).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}`).join(', ')}`;
    throw new CliError(`no usable run to analyse: ${what} (see the inventory below)\n${formatInventory(inv).trimEnd()}`, EXIT.error);
  }
  if (!runs.some((r) => r.status === 'ok')) {
    // (not a --metric problem: no run of the phases analysed is complete)
    const by = new Map<string, number>();
    for (const r of runs) by.set(r.status, (by.get(r.status) ?? 0) + 1);
    const loads = o.includeLoad ? 0 : inv.runs.filter((r) => r.status === 'ok' && r.factors.phase === 'load').length;
    const more = loads > 0 ? `; ${loads} load-phase ${loads === 1 ? 'run is' : 'runs are'} complete (--include-load analyses ${loads === 1 ? 'it' : 'them'})` : '';
    throw new CliError(`no complete run to analyse: the runs are ${[...by].map(([s, n]) => `${n} ${s}`).join(', ')}${more} (see the inventory below)\n${formatInventory(inv).trimEnd()}`, EXIT.error);
  }
  const levels = new Map<string, Set<string>>();
  for (const r of runs) for (const [k, v] of Object.entries(r.factors)) (levels.get(k) ?? levels.set(k, new Set()).get(k)!).add(v);
  const known = () => [...levels.keys()].sort().join(', ');
  for (const f of [...(o.group ?? []), ...(o.compare ? [o.compare] : [])]) {
    if (!levels.has(f)) throw new CliError(`--group/--compare ${f}: expected a factor of the data (${known()}), found ${JSON.stringify(f)}`, EXIT.usage);
  }
  for (const [f, wanted] of Object.entries(o.filter ?? {})) {
    const have = levels.get(f);
    if (!have) throw new CliError(`--filter ${f}=…: expected a factor of the data (${known()}), found ${JSON.stringify(f)}`, EXIT.usage);
    const missing = wanted.filter((w) => !have.has(w));
    if (missing.length === wanted.length) {
      throw new CliError(`--filter ${f}=${wanted.join('|')}: expected one of the levels of ${f} (${[...have].sort(compareLevels).join(', ')}), found ${missing.map((m) => JSON.stringify(m)).join(', ')}`, EXIT.usage);
    }
  }
  const metric = o.metric ?? 'throughput';
  if (!runs.some((r) => r.status === 'ok' && r.metrics[metric] !== undefined)) {
    const metrics = new Set<string>();
    for (const r of runs) if (r.status === 'ok') for (const m of Object.keys(r.metrics)) metrics.add(m);
    throw new CliError(`--metric ${metric}: expected a metric some run has (${[...metrics].sort(compareLevels).join(', ')}), found ${JSON.stringify(metric)}`, EXIT.usage);
  }
}

export function register(program: Command, io: Io, setExit: (code: number) => void): void {
  const cmd = program
    .command('summary', { isDefault: true })
    .usage('<dirs...> [options]   (the default command: `analyze ycsb/out --group rf,workload`)')
    .description('inventory, statistics and comparisons across factors (the default command)')
    .argument('<dirs...>', 'folders or files with YCSB outputs (or CSV tables of runs)')
    .option('--group <factors>', 'factors that form groups, e.g. rf,workload (default: every factor that varies, except rep)')
    .option('--compare <factor>', 'factor whose levels are tested against each other (default: the first in --group)')
    .option('--filter <spec>', 'keep only runs matching factor=level[|level], comma-separated (repeatable)', collect)
    .option('--metric <name>', 'throughput, runtime, or a latency such as read.avg, read.p95, update.p99', 'throughput')
    .option('--confidence <level>', 'confidence level of every interval', '0.95')
    .option('--bootstrap <resamples>', 'add a BCa bootstrap CI of the mean with this many resamples')
    .option('--seed <n>', 'seed of the bootstrap', '1')
    .addOption(choiceOption('--exclude-outliers <method>', 'remove the runs this method flags (each one is listed)', ['iqr', 'mad', 'grubbs']))
    .addOption(choiceOption('--adjust <method>', 'p-value adjustment for pairwise tests', ['holm', 'bonferroni', 'BH']).default('holm'))
    .addOption(choiceOption('--adjust-scope <scope>', 'the family adjusted together: the pairs of each stratum, or all pairs of all strata', ['stratum', 'all']).default('stratum'))
    .option('--twoway', 'two-way ANOVA (type II, with interaction) over the first two --group factors')
    .option('--target-ci <pct>', 'target CI half-width relative to the mean, for repetitions needed', '5%')
    .option('--trim-warmup', 'compute throughput from the steady state after the detected warm-up')
    .option('--include-load', 'analyse load-phase files too (excluded by default)')
    .option('--json', 'print everything as JSON (schema in README)')
    .option('--csv', 'print the per-group table as CSV')
    .option('--explain', 'show which naming scheme matched each file pattern')
    .option('--detail', "every column, every note, and each stratum's tests and pairs (the default shows the findings and the configurations)");
  addInputOptions(cmd);
  cmd
    .option('--report <dir>', 'write an HTML report, figures, LaTeX tables and CSV data to this folder')
    .option('--pdf', 'with --report: also print report.pdf and per-figure PDFs with headless Chromium')
    .option('--chromium <path>', 'Chromium executable for --pdf (default /usr/bin/chromium)')
    .option('--template <file>', 'with --report: an HTML template to use instead of templates/report.html')
    .option('--stamp', 'with --report: put the date and time in the report (off: byte-identical output)')
    .option('--independent-scales', 'with --report: each panel of the means and series figures on its own y scale (default: one shared scale)')
    .option('--series-per-configuration', 'with --report: one throughput-over-time figure per configuration')
    .option('--appendix', 'with --report: end the report with one compact line per input file (always in data/files.csv)')
    .option('--force', 'with --report: write into a folder holding files ycsb-analyze did not write; that folder is kept as DIR.backup-N')
    .addHelpText(
      'after',
      `
Examples:
  analyze fixtures/campaign
  analyze ycsb/out --group rf,workload
  analyze ycsb/out --group rf,workload --metric read.p99 --filter db=cassandra
  analyze ycsb/out --group rf,workload --bootstrap 10000 --seed 1 --json > analysis.json
  analyze ycsb/out --group rf,workload --report reports/run1 --pdf
`,
    )
    .action(async (dirs: string[], o: AnalyzeCliOptions, command: Command) => {
      const aopts = analysisOptions(o);
      // A report folder that will be refused is refused now, not after the analysis.
      if (o.report) (await import('./report.js')).checkReportTarget(o, io);
      // 1. Load.
      // Without a report or --trim-warmup nothing reads the status samples after the analysis' per-run
      // findings on them: lean runs (src/cli/lean.ts) keep large campaigns small.
      const lean = !o.report && !o.trimWarmup;
      // Load-phase runs left out of the analysis need no digest of their (long) series.
      const hook = !lean ? undefined : aopts.includeLoad ? leanRun : leanRunExceptLoad;
      const inventory = await loadInputs(dirs, o, io, { metricColumns: o.metric !== 'throughput' ? [o.metric] : undefined, onRun: hook });
      // 2. Check the options against what was found: a name that matches nothing is a usage error.
      checkAgainstData(inventory, aopts);
      const view: ViewOptions = { width: outputWidth(io.env, io.stdout), detail: o.detail === true };
      if (!o.json && !o.csv) {
        io.stdout.write(formatInventoryView(inventory, view));
        if (o.explain) io.stdout.write(fitWidth(formatExplanationFor(inventory, o.scheme ?? []), view.width));
      }
      // 3. Analyse and print: on the terminal the inventory and the levels came first.
      // (warnings name the settings in words; the CLI names its flags; a deployment costs what
      // fill's journal measured, when the campaign has one)
      const measured = deploymentSecondsFromJournals(inventory.roots.map((d) => resolve(io.cwd, d)));
      const result = inCliTerms(analyze(inventory, measured ? { ...aopts, deploymentSeconds: measured } : aopts));
      if (o.json) {
        io.stdout.write(analysisJson(result, { inventory: inventoryJson(inventory) }));
      } else if (o.csv) {
        io.stdout.write(analysisCsv(result));
      } else {
        io.stdout.write(formatAnalysis(result, view));
      }
      // 4. Report.
      // (loaded only when asked: the report pulls in Vega, Vega-Lite and the PDF printer)
      // The report's "How to reproduce" line: commander keeps the argv it parsed as rawArgs (not in its types).
      if (o.report) await (await import('./report.js')).writeReportFromCli(inventory, result, { ...o, argv: (command.parent as { rawArgs?: string[] } | null)?.rawArgs }, io);
      if (inventory.runs.length === 0) setExit(EXIT.error);
    });
}
