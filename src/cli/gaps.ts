/**
 * `analyze gaps <dir> [--reps N] [--experiment FILE] [--target-ci 5%] [--json]`: what the campaign
 * lacks against its design. Exit code 0 when complete, 3 when gaps exist.
 *
 * ```
 * dir ──loadInputs──► Run[] ─┐
 * --experiment FILE ─────────┼──► Design ──findGaps──► GapReport ──► text (total line first) or --json
 * --reps N (observed) ───────┘                                    └──► exit 0 | 3
 * ```
 * Also holds what `fill` shares with it: options, loading, the design and the gap report.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import type { Command } from 'commander';
import type { Design, Naming } from '../analysis/design.js';
import type { GapOptions, GapReport } from '../analysis/gaps.js';
import type { Experiment, Inventory } from '../model/index.js';
import { repetitionsNeeded } from '../stats/repetitionsNeeded.js';
import { addInputOptions, loadInputs, type InputOptions } from './common.js';
import { CliError, EXIT, type Io } from './io.js';
import { parseFraction, parseWhole } from './options.js';

export interface GapCliOptions extends InputOptions {
  reps?: string;
  experiment?: string;
  targetCi?: string;
  confidence: string;
  metric: string;
  json?: boolean;
}

/** The options gaps and fill share (the input options of {@link addInputOptions} among them). */
export function addGapOptions(cmd: Command): Command {
  cmd
    .option('--reps <n>', 'repetitions expected per configuration (default: the experiment file, else the largest rep seen)')
    .option('--experiment <file>', 'experiment file (YAML): factors, levels, repetitions, naming, cluster and adapter settings')
    .option('--target-ci <pct>', 'also ask for the repetitions a CI half-width within ±pct of the mean needs, e.g. 5%')
    .option('--confidence <level>', 'confidence level for --target-ci', '0.95')
    .option('--metric <name>', 'metric for --target-ci', 'throughput');
  return addInputOptions(cmd, { tables: false }).option('--json', 'print JSON instead of text');
}

export interface GapContext {
  dir: string;
  inventory: Inventory;
  experiment?: Experiment;
  experimentPath?: string;
  design: Design;
  naming: Naming;
  report: GapReport;
}

/**
 * The deployment the cluster still holds, from the campaign's fill journal (the group last
 * deployed and not torn down since), when it is one deployment of a cluster configuration: its
 * missing repetitions can still be run on it.
 */
async function standingDeployment(dir: string, io: Io): Promise<GapOptions['standing']> {
  const [{ Journal }, { JOURNAL_DIR }] = await Promise.all([import('../exec/journal.js'), import('../exec/adapters.js')]);
  const deployed = new Journal(resolve(io.cwd, dir, JOURNAL_DIR, 'journal.jsonl')).cluster().deployed;
  const m = deployed === undefined ? null : /^(.*),deployment=([^,]+)$/.exec(deployed);
  return m ? { clusterKey: m[1], deployment: m[2] } : undefined;
}

/** Load the campaign, build the design (experiment file or observed × --reps) and find the gaps
 * (with deployments, the one the fill journal says is still standing is filled in place). */
export async function computeGaps(dir: string, o: GapCliOptions, io: Io): Promise<GapContext> {
  // Loaded here, not at start-up: the experiment-file reader brings a YAML parser and a JSON-schema validator.
  const [{ ExperimentError, parseExperiment }, { designFromExperiment, designFromRuns, inferNaming }, { findGaps }] = await Promise.all([
    import('../ingest/experiment.js'),
    import('../analysis/design.js'),
    import('../analysis/gaps.js'),
  ]);
  let experiment: Experiment | undefined;
  let experimentPath: string | undefined;
  if (o.experiment) {
    experimentPath = isAbsolute(o.experiment) ? o.experiment : resolve(io.cwd, o.experiment);
    let text: string;
    try {
      text = await readFile(experimentPath, 'utf8');
    } catch (e) {
      throw new CliError(`--experiment ${o.experiment}: cannot read: ${(e as Error).message}`);
    }
    try {
      experiment = parseExperiment(text, o.experiment);
    } catch (e) {
      if (e instanceof ExperimentError) throw new CliError(e.message);
      throw e;
    }
  }
  const reps = o.reps !== undefined ? parseWhole('--reps', o.reps) : undefined;
  // A campaign not run yet has no file: its experiment file alone says what it lacks.
  // Without one, a folder that does not exist is an error in one line (loadInputs).
  const inventory = await loadInputs([dir], o, io, { empty: 'allowed', absent: experiment ? 'allowed' : 'error' });
  let design: Design;
  if (experiment) {
    design = designFromExperiment(experiment);
    if (reps !== undefined) design = { ...design, repetitions: reps };
  } else {
    design = designFromRuns(inventory.runs, reps);
    if (design.configurations.length === 0) {
      throw new CliError(`${dir}: no YCSB run found to infer a design from (give --experiment FILE)`);
    }
  }
  const ci = o.targetCi
    ? {
        target: parseFraction('--target-ci', o.targetCi, ['0.05', '5%']),
        confidence: parseFraction('--confidence', o.confidence),
        metric: o.metric,
        repetitionsNeeded,
      }
    : undefined;
  const standing = design.deployments !== undefined ? await standingDeployment(dir, io) : undefined;
  const report = findGaps(inventory.runs, design, { ...(ci ? { ci } : {}), ...(standing ? { standing } : {}) });
  const naming = inferNaming(
    inventory.runs,
    experiment ? (phase, db) => experiment!.databases[db]?.output?.[phase] ?? experiment!.output[phase] : undefined,
  );
  return { dir, inventory, experiment, experimentPath, design, naming, report };
}

export function register(program: Command, io: Io, setExit: (code: number) => void): void {
  const cmd = program
    .command('gaps')
    .description('list what the campaign lacks against its design: missing, failed and duplicated repetitions (exit 0 complete, 3 gaps)')
    .argument('<dir>', 'campaign folder');
  addGapOptions(cmd).action(async (dir: string, o: GapCliOptions) => {
    const ctx = await computeGaps(dir, o, io);
    const { formatGaps } = await import('../analysis/gaps.js');
    if (o.json) io.stdout.write(JSON.stringify(ctx.report, null, 2) + '\n');
    else io.stdout.write(formatGaps(ctx.report));
    setExit(ctx.report.complete ? EXIT.ok : EXIT.gaps);
  });
}
