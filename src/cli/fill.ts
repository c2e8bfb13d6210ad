/**
 * `analyze fill <dir> [gaps options] [--adapter kubectl-exec|kubectl-job] [--plan-out FILE] [--execute] [--accept-different]`
 *
 * ```
 * 1. gaps ──planFill──► groups by cluster configuration (with deployments: × deployment), in a
 *    seeded random order by default (--order sequential: sorted), the experiment file's reload
 *    ──materialize (adapter)──► ExecPlan (+ the journal's measured step times, per database)
 * 2. the scripts' arguments (cluster.scripts) ──probeScript──► a warning on each group whose runs
 *    would not be comparable with the campaign's (operationcount 1000 vs 10000)
 * 3. printed as the exact commands (stdout), or --json; --plan-out FILE writes the JSON
 * 4. --execute: refuse a plan predicted not comparable (unless --accept-different), then
 *    executePlan: context, preflight, step by step with the journal (resumable); each new output
 *    classified (parseYcsb) and compared with its configuration's runs (campaignComparator)
 * --plan FILE --execute: run a saved plan
 * ```
 * Exit codes: without --execute, 0 when there is nothing to fill and 3 when there is; with
 * --execute, 0 when every step succeeded, 1 when some failed or an output was not comparable,
 * 130 when interrupted.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import type { AdapterName, ExecPlan } from '../exec/adapters.js';
import { UnsafeValueError, type CompareOutput, type Factors, type OutputConfiguration, type Run, type RunHeader } from '../model/index.js';
import { addGapOptions, computeGaps, type GapCliOptions } from './gaps.js';
import { canonicalValue, configurationSignature, formatSignatureDifferences, isIgnoredProperty, signatureDifferences } from '../ingest/signature.js';
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
  acceptDifferent?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Comparability: what was run, as src/ingest/signature.ts reads it from a header (properties that
// vary legitimately between repetitions, such as hosts, are not part of it).
function signatureOf(header: RunHeader): Record<string, string> {
  return { ...(configurationSignature(header) ?? {}) };
}

/** `operationcount 1000 vs 10000, …` (the new value first), over the keys not in `skip`; '' when equal. */
function describeDifferences(next: Record<string, string>, reference: Record<string, string>, skip: Set<string> = new Set()): string {
  return formatSignatureDifferences(signatureDifferences(next, reference).filter((d) => !skip.has(d.key)));
}

/** The -p values a script fixes, in the signature's terms: ignored properties left out, values canonical. */
function scriptProperties(props: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(props)) if (!isIgnoredProperty(k, v)) out[k === 'threadcount' ? 'threads' : k] = canonicalValue(v);
  return out;
}

/**
 * The reference of each configuration (the most common signature of its usable runs), and the
 * comparability check executePlan is given. A configuration without runs of its own is compared
 * with its database's runs of the same phase, leaving out the keys that name its factors.
 */
function campaignComparator(runs: Run[], designFactors: (r: Run) => Factors, phaseOf: (r: Run) => 'run' | 'load') {
  const norm = (v: string | undefined) => (v !== undefined && v.trim() !== '' && !Number.isNaN(Number(v)) ? String(Number(v)) : v);
  const usable = runs.filter((r) => r.status === 'ok' && r.header?.commandLine !== undefined);
  const cache = new Map<string, { sig: Record<string, string>; skip: Set<string> } | null>();
  const reference = (c: OutputConfiguration) => {
    const cached = cache.get(`${c.phase}|${c.key}`);
    if (cached !== undefined) return cached;
    const keys = Object.keys(c.factors).filter((k) => k !== 'rep' && k !== 'deployment' && !(c.phase === 'load' && k === 'workload'));
    const samePhase = usable.filter((r) => phaseOf(r) === c.phase);
    let matching = samePhase.filter((r) => {
      const f = designFactors(r);
      return keys.every((k) => norm(f[k]) === norm(c.factors[k]));
    });
    let skip = new Set<string>();
    if (matching.length === 0) {
      matching = samePhase.filter((r) => designFactors(r).db === c.factors.db);
      skip = new Set([...Object.keys(c.factors).filter((k) => k !== 'deployment'), 'workload', 'recordcount']);
    }
    const counts = new Map<string, { n: number; sig: Record<string, string> }>();
    for (const r of matching) {
      const sig = signatureOf(r.header);
      const k = JSON.stringify(Object.entries(sig).sort());
      const e = counts.get(k);
      if (e) e.n++;
      else counts.set(k, { n: 1, sig });
    }
    const best = [...counts.values()].sort((a, b) => b.n - a.n)[0];
    const ref = best ? { sig: best.sig, skip } : null;
    cache.set(`${c.phase}|${c.key}`, ref);
    return ref;
  };
  const compare = (parse: (text: string, name: string) => { header: RunHeader }): CompareOutput => (text, c) => {
    const ref = reference(c);
    if (!ref) return { comparable: true }; // nothing measured to compare with
    const differences = describeDifferences(signatureOf(parse(text, 'output').header), ref.sig, ref.skip);
    return differences ? { comparable: false, differences } : { comparable: true };
  };
  /** What the scripts' fixed arguments would change, against the configuration's runs. */
  const predict = (props: Record<string, string>, c: OutputConfiguration): string => {
    const ref = reference(c);
    if (!ref) return '';
    const fixed = scriptProperties(props);
    const known = new Set(Object.keys(fixed));
    return describeDifferences(fixed, ref.sig, new Set([...ref.skip, ...Object.keys(ref.sig).filter((k) => !known.has(k))]));
  };
  return { compare, predict };
}

type Comparator = ReturnType<typeof campaignComparator>;

async function buildPlan(dir: string, o: FillCliOptions, io: Io): Promise<{ plan: ExecPlan; comparator: Comparator }> {
  // Loaded here, not at start-up (every command's module is imported to list it in --help).
  const [{ planFill }, { AdapterError, materialize }, { designFactors, phaseOf }, { probeScript }] = await Promise.all([
    import('../analysis/plan.js'),
    import('../exec/adapters.js'),
    import('../analysis/design.js'),
    import('../exec/probe.js'),
  ]);
  const ctx = await computeGaps(dir, o, io);
  const existingLoads = new Map<string, Factors>();
  for (const l of ctx.report.loads) {
    const run = ctx.inventory.runs.find((r) => l.files.includes(r.file));
    if (!run) continue;
    if (!existingLoads.has(l.clusterKey)) existingLoads.set(l.clusterKey, run.factors);
    if (l.deployment !== undefined) existingLoads.set(`${l.clusterKey}#${l.deployment}`, run.factors);
  }
  const seed = parseWhole('--seed', o.seed, 0);
  const core = planFill(ctx.report, ctx.naming, { order: o.order, seed, reload: ctx.experiment?.reload, existingLoads });
  if (core.errors.length) throw new CliError(`cannot plan the fill:\n  ${core.errors.join('\n  ')}`);
  const exp = ctx.experiment;
  const expDir = ctx.experimentPath ? dirname(ctx.experimentPath) : io.cwd;
  const resolvePath = (p: string) => (isAbsolute(p) || !ctx.experimentPath ? p : relative(io.cwd, resolve(expDir, p)) || p);
  const adapter: AdapterName = o.adapter ?? exp?.adapter ?? 'kubectl-exec';
  let plan: ExecPlan;
  try {
    plan = materialize(core, {
      adapter,
      campaign: dir,
      retries: parseWhole('--retries', o.retries, 0),
      experiment: exp,
      context: o.context,
      namespace: o.namespace,
      kubeconfig: o.kubeconfig,
      acceptDifferent: o.acceptDifferent,
      resolvePath,
    });
  } catch (e) {
    if (e instanceof AdapterError || e instanceof UnsafeValueError) throw new CliError(e.message);
    throw e;
  }
  if (ctx.report.notes) plan.notes = [...ctx.report.notes];
  // What earlier fills of this campaign took (teardown, deploy, ready, load; run), for the plan to say.
  const { Journal, measuredCosts } = await import('../exec/journal.js');
  const costs = measuredCosts(new Journal(resolve(io.cwd, plan.journalDir, 'journal.jsonl')).entries);
  if (Object.keys(costs).length) plan.costs = costs;
  const comparator = campaignComparator(ctx.inventory.runs, designFactors, phaseOf);
  if (exp?.cluster.scripts) await predictComparability(plan, resolve(expDir, exp.cluster.scripts), comparator.predict, probeScript);
  return { plan, comparator };
}

/**
 * Read each group's run script from the local copy of the scripts folder and say, before anything
 * runs, when the arguments it fixes differ from the configuration's runs.
 */
async function predictComparability(
  plan: ExecPlan,
  scriptsDir: string,
  predict: (props: Record<string, string>, c: OutputConfiguration) => string,
  probeScript: typeof import('../exec/probe.js').probeScript,
): Promise<void> {
  for (const g of plan.groups) {
    const step = g.steps.find((s) => s.kind === 'run' && s.script && s.configuration);
    if (!step) continue;
    const script = step.script!;
    const path = resolve(scriptsDir, basename(script));
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      (g.warnings ??= []).push(`cannot tell before running whether the outputs are comparable: no ${basename(script)} in ${scriptsDir} (cluster.scripts)`);
      continue;
    }
    const runs = step.runs ?? [];
    const args = runs.slice(runs.lastIndexOf(script) + 1);
    const differences = predict(probeScript(text, args).properties, step.configuration!);
    if (differences) {
      g.notComparable = differences;
      (g.warnings ??= []).push(`not comparable before running: ${basename(script)} passes ${differences} (the new value first, then the campaign's); its outputs would not count. Fix ${path}, or give --accept-different to start a new series`);
    }
  }
}

async function readPlan(path: string, io: Io): Promise<ExecPlan> {
  let data: ExecPlan;
  try {
    data = JSON.parse(await readFile(resolve(io.cwd, path), 'utf8')) as ExecPlan;
  } catch (e) {
    throw new CliError(`--plan ${path}: cannot read a plan: ${(e as Error).message}`);
  }
  const { FILL_PLAN_READABLE } = await import('../exec/adapters.js');
  if (!(FILL_PLAN_READABLE as readonly string[]).includes(data?.schema)) {
    const old = (data?.schema as string) === 'ycsb-analyze/fill-plan@1' ? ' (a plan written by an earlier version: plan again with --plan-out)' : '';
    throw new CliError(`--plan ${path}: expected a plan with schema ${FILL_PLAN_READABLE.map((x) => JSON.stringify(x)).join(' or ')}, found ${JSON.stringify(data?.schema)}${old}`);
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
    .addOption(choiceOption('--order <order>', 'randomized: the cluster configurations (deployments) in a seeded random order, and their runs interleaved, each configuration’s repetitions in increasing order; sequential: sorted', ['sequential', 'randomized']).default('randomized'))
    .option('--seed <n>', 'seed of --order randomized (the plan records it)', '1')
    .option('--context <name>', 'kubectl context the plan must run in (default: cluster.context of the experiment file)')
    .option('--namespace <ns>', 'namespace (default: cluster.namespace of the experiment file)')
    .option('--kubeconfig <file>', 'kubeconfig file (default: cluster.kubeconfig, else kubectl’s own)')
    .option('--step-timeout <seconds>', 'timeout of every step, overriding the experiment file’s per-step timeouts')
    .option('--backoff <seconds>', 'first delay before retrying a failed command (doubled each time)', '5')
    .option('--accept-different', 'place outputs that are not comparable with the configuration’s runs anyway (start a new series)')
    .action(async (dir: string | undefined, o: FillCliOptions) => {
      let plan: ExecPlan;
      let comparator: Comparator | undefined;
      if (o.plan) {
        plan = await readPlan(o.plan, io);
        if (o.acceptDifferent) plan.acceptDifferent = true;
      } else {
        if (!dir) throw new CliError('expected the campaign folder (or --plan FILE)', EXIT.usage);
        ({ plan, comparator } = await buildPlan(dir, o, io));
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
      const predicted = plan.groups.filter((g) => g.notComparable);
      if (predicted.length && !plan.acceptDifferent) {
        throw new CliError(
          `refusing to execute: the scripts' arguments say these outputs would not be comparable with the campaign's runs, so they would not fill its gaps:\n` +
            predicted.map((g) => `  ${g.key}: ${g.notComparable}`).join('\n') +
            `\nfix the scripts (cluster.scripts), or give --accept-different to start a new series`,
        );
      }
      // The only path that spawns: the executor is loaded only for --execute.
      const [{ ContextError, PreflightError, executePlan }, { parseYcsb }, { designFactors, phaseOf }] = await Promise.all([
        import('../exec/execute.js'),
        import('../ingest/parse.js'),
        import('../analysis/design.js'),
      ]);
      if (!comparator) {
        // A saved plan: compare with the campaign as it is now.
        const { loadRuns } = await import('../ingest/load.js');
        const inv = await loadRuns([resolve(io.cwd, plan.campaign)], {});
        comparator = campaignComparator(inv.runs, designFactors, phaseOf);
      }
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
          compare: comparator.compare(parseYcsb),
          signal: controller.signal,
          backoffMs: backoff * 1000,
          ...(stepTimeout ? { stepTimeoutSeconds: stepTimeout } : {}),
        });
        const nc = r.notComparable.length;
        const lines = [`placed ${r.placed.length} outputs, skipped ${r.skipped.length} steps already done, ${r.failed.length} failed${nc ? `, ${nc} not comparable` : ''}`];
        for (const p of r.placed) lines.push(`  placed ${p}`);
        for (const n of r.notComparable) lines.push(`  NOT COMPARABLE ${n.output ?? n.step}: not comparable: ${n.differences}; kept as ${n.keptAs}, not counted`);
        for (const f of r.failed) lines.push(`  FAILED ${f.step}: ${f.reason}`);
        for (const n of r.notes) lines.push(`  note: ${n}`);
        if (r.interrupted) lines.push('interrupted: run the same command again to resume (the journal is in ' + plan.journalDir + ')');
        io.stdout.write(lines.join('\n') + '\n');
        setExit(r.interrupted ? 130 : r.failed.length || nc ? EXIT.error : EXIT.ok);
      } catch (e) {
        if (e instanceof ContextError || e instanceof PreflightError) throw new CliError(e.message);
        throw e;
      } finally {
        process.removeListener('SIGINT', onSigint);
        process.removeListener('SIGTERM', onSigint);
      }
    });
}
