/**
 * `analyze fill <dir> [gaps options] [--adapter kubectl-exec|kubectl-job] [--plan-out FILE] [--execute]`
 *
 * ```
 * gaps ──planFill──► groups by cluster configuration ──materialize (adapter)──► ExecPlan
 *   ├─ printed as the exact commands (stdout), or --json; --plan-out FILE writes the JSON
 *   └─ --execute: check the context, run step by step with the journal (resumable)
 * --plan FILE --execute: run a saved plan
 * ```
 * Exit codes: without --execute, 0 when there is nothing to fill and 3 when there is; with
 * --execute, 0 when every step succeeded, 1 when some failed, 130 when interrupted.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import type { AdapterName, ExecPlan } from '../exec/adapters.js';
import { UnsafeValueError, type Factors } from '../model/index.js';
import { addGapOptions, computeGaps, type GapCliOptions } from './gaps.js';
import { CliError, EXIT, type Io } from './io.js';
import { choiceOption, parseSeconds, parseWhole } from './options.js';

interface FillCliOptions extends GapCliOptions {
  adapter?: AdapterName;
  planOut?: string;
  plan?: string;
  execute?: boolean;
  retries: string;
  order: 'sequential' | 'randomized';
  seed: string;
  context?: string;
  namespace?: string;
  kubeconfig?: string;
  stepTimeout?: string;
  backoff: string;
}

/** The Job template shipped with the package (templates/job.yaml). */
function defaultJobTemplate(): string {
  return fileURLToPath(new URL('../../templates/job.yaml', import.meta.url));
}

async function buildPlan(dir: string, o: FillCliOptions, io: Io): Promise<ExecPlan> {
  // Loaded here, not at start-up (every command's module is imported to list it in --help).
  const [{ planFill }, { AdapterError, materialize }] = await Promise.all([
    import('../analysis/plan.js'),
    import('../exec/adapters.js'),
  ]);
  const ctx = await computeGaps(dir, o, io);
  const existingLoads = new Map<string, Factors>();
  for (const l of ctx.report.loads) {
    const run = ctx.inventory.runs.find((r) => l.files.includes(r.file));
    if (run) existingLoads.set(l.clusterKey, run.factors);
  }
  const seed = parseWhole('--seed', o.seed, 0);
  const core = planFill(ctx.report, ctx.naming, { order: o.order, ...(o.order === 'randomized' ? { seed } : {}), existingLoads });
  if (core.errors.length) throw new CliError(`cannot plan the fill:\n  ${core.errors.join('\n  ')}`);
  const exp = ctx.experiment;
  const expDir = ctx.experimentPath ? dirname(ctx.experimentPath) : io.cwd;
  const resolvePath = (p: string) => (isAbsolute(p) || !ctx.experimentPath ? p : relative(io.cwd, resolve(expDir, p)) || p);
  const adapter: AdapterName = o.adapter ?? exp?.adapter ?? 'kubectl-exec';
  let jobTemplate: string | undefined;
  if (adapter === 'kubectl-job') {
    const path = exp?.cluster.job.template ? resolve(expDir, exp.cluster.job.template) : defaultJobTemplate();
    try {
      jobTemplate = await readFile(path, 'utf8');
    } catch (e) {
      throw new CliError(`cannot read the Job template ${path}: ${(e as Error).message}`);
    }
  }
  try {
    return materialize(core, {
      adapter,
      campaign: dir,
      retries: parseWhole('--retries', o.retries, 0),
      experiment: exp,
      context: o.context,
      namespace: o.namespace,
      kubeconfig: o.kubeconfig,
      jobTemplate,
      resolvePath,
    });
  } catch (e) {
    if (e instanceof AdapterError || e instanceof UnsafeValueError) throw new CliError(e.message);
    throw e;
  }
}

async function readPlan(path: string, io: Io): Promise<ExecPlan> {
  let data: ExecPlan;
  try {
    data = JSON.parse(await readFile(resolve(io.cwd, path), 'utf8')) as ExecPlan;
  } catch (e) {
    throw new CliError(`--plan ${path}: cannot read a plan: ${(e as Error).message}`);
  }
  if (data?.schema !== 'ycsb-analyze/fill-plan@1') {
    throw new CliError(`--plan ${path}: expected a plan with schema "ycsb-analyze/fill-plan@1", found ${JSON.stringify(data?.schema)}`);
  }
  return data;
}

export function register(program: Command, io: Io, setExit: (code: number) => void): void {
  const cmd = program
    .command('fill')
    .description('plan (and with --execute, run) exactly the missing repetitions through kubectl, one cluster rebuild per configuration')
    .argument('[dir]', 'campaign folder (the outputs are placed in it)');
  addGapOptions(cmd)
    .addOption(choiceOption('--adapter <name>', 'how runs are started', ['kubectl-exec', 'kubectl-job']))
    .option('--plan-out <file>', 'write the plan (JSON) to this file')
    .option('--plan <file>', 'use a plan written before with --plan-out instead of planning again')
    .option('--execute', 'run the plan (nothing runs without it)')
    .option('--retries <n>', 'retries of a run whose output parses as failed', '2')
    .addOption(choiceOption('--order <order>', 'run order within a configuration', ['sequential', 'randomized']).default('sequential'))
    .option('--seed <n>', 'seed of --order randomized', '1')
    .option('--context <name>', 'kubectl context the plan must run in (default: cluster.context of the experiment file)')
    .option('--namespace <ns>', 'namespace (default: cluster.namespace of the experiment file)')
    .option('--kubeconfig <file>', 'kubeconfig file (default: cluster.kubeconfig, else kubectl’s own)')
    .option('--step-timeout <seconds>', 'timeout of every step, overriding the experiment file’s per-step timeouts')
    .option('--backoff <seconds>', 'first delay before retrying a failed command (doubled each time)', '5')
    .action(async (dir: string | undefined, o: FillCliOptions) => {
      let plan: ExecPlan;
      if (o.plan) plan = await readPlan(o.plan, io);
      else {
        if (!dir) throw new CliError('expected the campaign folder (or --plan FILE)', EXIT.usage);
        plan = await buildPlan(dir, o, io);
      }
      if (o.planOut) await writeFile(resolve(io.cwd, o.planOut), JSON.stringify(plan, null, 2) + '\n');
      if (!o.execute) {
        const { formatPlan } = await import('../exec/adapters.js');
        io.stdout.write(o.json ? JSON.stringify(plan, null, 2) + '\n' : formatPlan(plan));
        setExit(plan.totals.steps === 0 ? EXIT.ok : EXIT.gaps);
        return;
      }
      if (plan.totals.steps === 0) {
        io.stdout.write('nothing to fill: the campaign is complete\n');
        setExit(EXIT.ok);
        return;
      }
      // The only path that spawns: the executor is loaded only for --execute.
      const [{ ContextError, executePlan }, { parseYcsb }] = await Promise.all([import('../exec/execute.js'), import('../ingest/parse.js')]);
      const controller = new AbortController();
      const onSigint = () => controller.abort();
      process.once('SIGINT', onSigint);
      process.once('SIGTERM', onSigint);
      try {
        const stepTimeout = o.stepTimeout !== undefined ? parseWhole('--step-timeout', o.stepTimeout) : undefined;
        const backoff = parseSeconds('--backoff', o.backoff);
        const r = await executePlan(plan, {
          cwd: io.cwd,
          env: io.env,
          progress: io.stderr,
          classify: (text, name) => parseYcsb(text, name),
          signal: controller.signal,
          backoffMs: backoff * 1000,
          ...(stepTimeout ? { stepTimeoutSeconds: stepTimeout } : {}),
        });
        const lines = [`placed ${r.placed.length} outputs, skipped ${r.skipped.length} steps already done, ${r.failed.length} failed`];
        for (const p of r.placed) lines.push(`  placed ${p}`);
        for (const f of r.failed) lines.push(`  FAILED ${f.step}: ${f.reason}`);
        if (r.interrupted) lines.push('interrupted: run the same command again to resume (the journal is in ' + plan.journalDir + ')');
        io.stdout.write(lines.join('\n') + '\n');
        setExit(r.interrupted ? 130 : r.failed.length ? EXIT.error : EXIT.ok);
      } catch (e) {
        if (e instanceof ContextError) throw new CliError(e.message);
        throw e;
      } finally {
        process.removeListener('SIGINT', onSigint);
        process.removeListener('SIGTERM', onSigint);
      }
    });
}
