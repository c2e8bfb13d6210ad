/**
 * Running a fill plan, one step at a time, safely.
 *
 * ```
 * check the kubectl context ──► read the journal ──► for each cluster configuration:
 *   skip what is done; rebuild only when the cluster does not already hold this configuration
 *   each step: commands (argv, timeout, retries with backoff) ─► fetch ─► classify ─► place
 *       place = copy with COPYFILE_EXCL: an existing file is never overwritten or deleted
 *       a result classified as not ok: kept in the journal folder, the run retried up to `retries`
 *   every start/done/failure is appended to the journal (fsync) before going on
 * ```
 */
import { constants } from 'node:fs';
import { copyFile, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { ParsedRun } from '../model/index.js';
import type { ExecPlan, ExecStep } from './adapters.js';
import { Journal } from './journal.js';
import { describeResult, nodetoolAllUp, runCommand, type SpawnResult } from './kubectl.js';
import { Progress, type ProgressOut } from './progress.js';

/**
 * Judges a fetched output from its text and file name: only `status: 'ok'` is placed in the campaign;
 * otherwise the first error diagnostic (or the first diagnostic, or the status) is the step's reason.
 */
export type OutputClassifier = (text: string, name: string) => Pick<ParsedRun, 'status' | 'diagnostics'>;

export interface ExecuteOptions {
  /** Working directory: kubectl runs here and the plan's paths are relative to it. */
  cwd: string;
  env?: Record<string, string | undefined>;
  /** Where progress goes (stderr). */
  progress: ProgressOut;
  /** Retries of a failing command (non-zero exit, timeout) before the step fails (default 2). */
  commandRetries?: number;
  /** First backoff delay in ms, doubled at each retry (default 5000). */
  backoffMs?: number;
  /** Interval between readiness polls in ms (default 10000). */
  pollMs?: number;
  /** Timeout of each step in seconds, overriding the plan's (tests use short ones). */
  stepTimeoutSeconds?: number;
  signal?: AbortSignal;
  /** Judges a fetched output; the CLI passes the YCSB parser (parseYcsb). */
  classify: OutputClassifier;
  now?: () => number;
}

export interface ExecuteResult {
  /** Outputs placed in the campaign (campaign-relative). */
  placed: string[];
  /** Steps skipped because the journal or the file system says they are done. */
  skipped: string[];
  /** Steps that failed for good, with the reason. */
  failed: { step: string; reason: string }[];
  interrupted: boolean;
}

/** The plan's context is not the current one, or cannot be checked. */
export class ContextError extends Error {
  override name = 'ContextError';
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((res) => {
    if (signal?.aborted || ms <= 0) return res();
    const t = setTimeout(res, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      res();
    }, { once: true });
  });

/** `kubectl config current-context`, with the plan's kubeconfig. */
export async function currentContext(plan: Pick<ExecPlan, 'kube'>, cwd: string, env?: Record<string, string | undefined>): Promise<{ context?: string; error?: string }> {
  const argv = ['kubectl', ...(plan.kube.kubeconfig ? ['--kubeconfig', plan.kube.kubeconfig] : []), 'config', 'current-context'];
  const r = await runCommand(argv, { cwd, env, timeoutMs: 30_000 });
  if (r.code === 0 && r.stdout.trim()) return { context: r.stdout.trim() };
  return { error: describeResult(r, 30_000) };
}

/** Refuse unless the current kubectl context is the one the plan names. */
export async function checkContext(plan: ExecPlan, cwd: string, env?: Record<string, string | undefined>): Promise<void> {
  if (!plan.kube.context) {
    throw new ContextError('the plan names no kubectl context: give --context NAME (or cluster.context in the experiment file) so it cannot run against the wrong cluster');
  }
  const cur = await currentContext(plan, cwd, env);
  if (cur.context === undefined) throw new ContextError(`cannot read the current kubectl context (${cur.error}); refusing to execute`);
  if (cur.context !== plan.kube.context) {
    throw new ContextError(`the current kubectl context is ${JSON.stringify(cur.context)} but the plan names ${JSON.stringify(plan.kube.context)}; refusing to execute (switch with \`kubectl config use-context ${plan.kube.context}\`)`);
  }
}

function reasonOf(p: Pick<ParsedRun, 'status' | 'diagnostics'>): string {
  const d = p.diagnostics.find((x) => x.severity === 'error') ?? p.diagnostics[0];
  return d ? d.message : p.status;
}

/** Does a file exist (lstat, so a dangling link counts too)? */
async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

/** A name in `dir` that does not exist yet: name, name.2, name.3, … */
async function freeName(dir: string, name: string): Promise<string> {
  let candidate = join(dir, name);
  for (let i = 2; await exists(candidate); i++) candidate = join(dir, `${name}.${i}`);
  return candidate;
}

/**
 * Run the plan. Checks the context first (throws ContextError). Never throws for a failing step:
 * the result lists it; the journal has every detail.
 */
export async function executePlan(plan: ExecPlan, options: ExecuteOptions): Promise<ExecuteResult> {
  const cwd = options.cwd;
  const env = options.env;
  const now = options.now ?? Date.now;
  const classify = options.classify;
  const commandRetries = options.commandRetries ?? 2;
  const backoff = options.backoffMs ?? 5000;
  const pollMs = options.pollMs ?? 10_000;
  const signal = options.signal;

  await checkContext(plan, cwd, env);

  const campaignDir = resolve(cwd, plan.campaign);
  const journalDir = resolve(cwd, plan.journalDir);
  const journal = new Journal(join(journalDir, 'journal.jsonl'));
  const done = journal.done();
  const result: ExecuteResult = { placed: [], skipped: [], failed: [], interrupted: false };

  const totalSteps = plan.groups.reduce((s, g) => s + g.steps.length, 0);
  const totalRuns = plan.totals.runs;
  const progress = new Progress(options.progress, totalSteps, totalRuns, now);
  let stepNo = 0;

  /** Run one command with retries and backoff; polls until `expect` holds. */
  const command = async (step: ExecStep, argv: string[], deadline: number, expect?: ExecStep['commands'][number]['expect']): Promise<{ ok: true; r: SpawnResult } | { ok: false; reason: string }> => {
    let attempt = 0;
    for (;;) {
      const left = deadline - now();
      if (left <= 0) return { ok: false, reason: `step timed out after ${stepTimeout(step)} s` };
      const r = await runCommand(argv, { cwd, env, timeoutMs: left, signal });
      if (r.aborted || signal?.aborted) return { ok: false, reason: 'interrupted' };
      if (r.code === 0 && !r.timedOut) {
        if (!expect) return { ok: true, r };
        const st = nodetoolAllUp(r.stdout, expect.nodes);
        if (st.ok) return { ok: true, r };
        // Not ready yet: poll (this is waiting, not a failure).
        if (deadline - now() <= pollMs) return { ok: false, reason: `not ready: ${st.up} of ${expect.nodes} nodes UN (${st.listed} listed) when the step timed out` };
        await sleep(pollMs, signal);
        continue;
      }
      const reason = describeResult(r, left);
      if (r.timedOut || attempt >= commandRetries) return { ok: false, reason: `${argv.slice(0, 6).join(' ')}…: ${reason}` };
      attempt++;
      progress.note(`  retry ${attempt}/${commandRetries} in ${Math.round((backoff * 2 ** (attempt - 1)) / 1000)} s: ${reason}`);
      await sleep(backoff * 2 ** (attempt - 1), signal);
    }
  };

  const stepTimeout = (s: ExecStep) => options.stepTimeoutSeconds ?? s.timeoutSeconds;

  /** Bring a step's output back into the staging folder; return its text. */
  const fetch = async (step: ExecStep, deadline: number): Promise<{ ok: true; text: string; staged: string } | { ok: false; reason: string }> => {
    const f = step.fetch!;
    const staged = join(journalDir, 'staging', step.name ?? 'output.txt');
    await mkdir(dirname(staged), { recursive: true });
    await rm(staged, { force: true });
    if (f.kind === 'hostPath') {
      try {
        await copyFile(f.path, staged);
      } catch (e) {
        return { ok: false, reason: `cannot read ${f.path}: ${(e as Error).message}` };
      }
    } else {
      const c = await command(step, f.argv, deadline);
      if (!c.ok) return c;
      if (f.kind === 'logs') await writeFile(staged, c.r.stdout);
      else if (resolve(cwd, f.argv[f.argv.length - 1]) !== staged) {
        return { ok: false, reason: `kubectl cp destination ${f.argv[f.argv.length - 1]} is not the staging file` };
      }
    }
    try {
      return { ok: true, text: await readFile(staged, 'utf8'), staged };
    } catch (e) {
      return { ok: false, reason: `the fetched output is missing: ${(e as Error).message}` };
    }
  };

  /** Place a staged output under its campaign name, never over an existing file. */
  const place = async (staged: string, output: string): Promise<{ ok: true } | { ok: false; reason: string }> => {
    const target = resolve(campaignDir, output);
    if (!target.startsWith(campaignDir + '/') && target !== campaignDir) return { ok: false, reason: `output ${output} is outside the campaign folder` };
    await mkdir(dirname(target), { recursive: true });
    try {
      await copyFile(staged, target, constants.COPYFILE_EXCL);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return { ok: false, reason: `${output} already exists; not overwritten` };
      return { ok: false, reason: `cannot write ${output}: ${(e as Error).message}` };
    }
    await rm(staged, { force: true });
    return { ok: true };
  };

  /** Run one step to the end (commands, fetch, classify, place), with result retries for run/load. */
  const runStep = async (step: ExecStep): Promise<{ ok: true } | { ok: false; reason: string }> => {
    const resultRetries = step.kind === 'run' || step.kind === 'load' ? plan.retries : 0;
    let last = '';
    for (let attempt = 1; attempt <= resultRetries + 1; attempt++) {
      const deadline = now() + stepTimeout(step) * 1000;
      journal.append({ event: 'start', step: step.id, kind: step.kind, group: step.group, attempt });
      for (const f of step.files ?? []) {
        const p = resolve(cwd, f.path);
        await mkdir(dirname(p), { recursive: true });
        await writeFile(p, f.content);
      }
      let failedReason: string | undefined;
      for (const c of step.commands) {
        const r = await command(step, c.argv, deadline, c.expect);
        if (!r.ok) {
          failedReason = r.reason;
          break;
        }
      }
      if (failedReason === undefined && step.fetch) {
        const f = await fetch(step, deadline);
        if (!f.ok) failedReason = f.reason;
        else {
          const parsed = classify(f.text, step.name ?? '');
          if (parsed.status !== 'ok') {
            // Keep the evidence in the journal folder, never in the campaign.
            const keep = await freeName(join(journalDir, 'failed'), `${step.name}.attempt-${attempt}`);
            await mkdir(dirname(keep), { recursive: true });
            await rename(f.staged, keep);
            failedReason = `the output parses as ${parsed.status}: ${reasonOf(parsed)} (kept as ${keep})`;
          } else if (step.output && !(step.kind === 'load' && (await exists(resolve(campaignDir, step.output))))) {
            const p = await place(f.staged, step.output);
            if (!p.ok) {
              journal.append({ event: 'failed', step: step.id, kind: step.kind, group: step.group, attempt, message: p.reason });
              return p; // an existing file is not a reason to run again
            }
            result.placed.push(step.output);
          } else {
            // A load whose output the campaign already has (or has since): keep this one aside.
            const keep = await freeName(join(journalDir, 'loads'), step.name ?? 'load.txt');
            await mkdir(dirname(keep), { recursive: true });
            await rename(f.staged, keep);
          }
        }
      }
      if (signal?.aborted) {
        journal.append({ event: 'interrupted', step: step.id, kind: step.kind, group: step.group, attempt });
        return { ok: false, reason: 'interrupted' };
      }
      if (failedReason === undefined) {
        journal.append({ event: 'done', step: step.id, kind: step.kind, group: step.group, attempt, ...(step.output ? { output: step.output } : {}) });
        return { ok: true };
      }
      last = failedReason;
      if (attempt <= resultRetries) {
        journal.append({ event: 'attempt-failed', step: step.id, kind: step.kind, group: step.group, attempt, message: failedReason });
        progress.note(`  ${step.id}: attempt ${attempt} failed: ${failedReason}; retrying`);
        await sleep(backoff * 2 ** (attempt - 1), signal);
        if (signal?.aborted) return { ok: false, reason: 'interrupted' };
      }
    }
    journal.append({ event: 'failed', step: step.id, kind: step.kind, group: step.group, message: last });
    return { ok: false, reason: last };
  };

  groups: for (const g of plan.groups) {
    const pending = g.steps.filter((s) => s.kind === 'run' || s.kind === 'load');
    // Runs already finished: by the journal, or by the file being there.
    const finished = new Set<string>();
    for (const s of g.steps) {
      if (s.kind !== 'run') continue;
      if (done.has(s.id) || (s.output && (await exists(resolve(campaignDir, s.output))))) finished.add(s.id);
    }
    const runsLeft = g.steps.filter((s) => s.kind === 'run' && !finished.has(s.id));
    const cluster = journal.cluster();
    let loadLeft = false;
    for (const s of pending) {
      if (s.kind === 'load' && s.output && !done.has(s.id) && !(await exists(resolve(campaignDir, s.output)))) loadLeft = true;
    }
    if (runsLeft.length === 0 && !loadLeft) {
      for (const s of g.steps) {
        stepNo++;
        result.skipped.push(s.id);
        if (s.kind === 'run') progress.runFinished(0);
      }
      progress.note(`${g.key}: nothing left to do (journal or files say done)`);
      continue;
    }
    const holds = cluster.deployed === g.key;
    const loaded = holds && cluster.loaded === g.key;
    for (const s of g.steps) {
      stepNo++;
      const skip =
        (s.kind === 'teardown' || s.kind === 'deploy') ? holds : s.kind === 'load' ? loaded : s.kind === 'run' ? finished.has(s.id) : false;
      if (skip) {
        result.skipped.push(s.id);
        if (s.kind === 'run') progress.runFinished(0);
        progress.note(`[${stepNo}/${totalSteps}] ${s.kind} ${s.title}: already done, skipped`);
        continue;
      }
      progress.show(stepNo, `${s.kind}: ${s.title} (${g.key})`);
      const t0 = now();
      const r = await runStep(s);
      if (!r.ok && r.reason === 'interrupted') {
        result.interrupted = true;
        progress.note(`interrupted during ${s.id}; run the same command again to resume`);
        break groups;
      }
      if (s.kind === 'run') progress.runFinished(now() - t0);
      if (!r.ok) {
        result.failed.push({ step: s.id, reason: r.reason });
        progress.note(`[${stepNo}/${totalSteps}] ${s.id} FAILED: ${r.reason}`);
        if (s.kind !== 'run') {
          // Without a healthy, loaded cluster the runs of this configuration are meaningless.
          for (const rest of g.steps.slice(g.steps.indexOf(s) + 1)) {
            stepNo++;
            if (rest.kind === 'run') {
              result.failed.push({ step: rest.id, reason: `not run: ${s.kind} failed` });
              progress.runFinished(0);
            }
          }
          continue groups;
        }
      } else {
        progress.show(stepNo, `${s.kind} done: ${s.title}`);
      }
    }
  }
  progress.finish();
  return result;
}
