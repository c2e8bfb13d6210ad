/**
 * Running a fill plan, one step at a time, safely.
 *
 * ```
 * 1. check the kubectl context ──► 2. read the journal ──► 3. preflight (before any teardown)
 * 4. for each group (a cluster configuration, or one deployment of it) with work left:
 *      skip what is done; rebuild only when the cluster does not already hold this group (a group
 *      planned to resume a deployment still standing is refused if the cluster no longer holds it)
 *      a reload before a run (reload: repetition) is done exactly when its run is, and again
 *      before a retry of that run
 *      teardown / deploy / ready: commands (argv, timeout, retries with backoff, polling)
 *      load and each run, per attempt:
 *        a. stop what an earlier attempt may have left running (the script's process group, the Job)
 *        b. list the output folder   c. run the script (under `timeout` in the pod) or the Job
 *        d. list again: the new or changed file is the output (a name other than the expected one
 *           is reported)   e. fetch it   f. classify (the caller's parser)
 *        g. compare with the configuration's runs (the caller's check): not comparable ─► kept in
 *           .analyze-fill/not-comparable/, reported, not counted (unless --accept-different)
 *        h. place it with an exclusive create (never over a file) + a provenance file beside it
 *      a failed or timed-out attempt: its work stopped, evidence saved beside the journal, retried
 *   every start/done/failure is appended to the journal (fsync) before going on
 * ```
 */
import { constants } from 'node:fs';
import { copyFile, mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { provenanceName, type CompareOutput, type ParsedRun } from '../model/index.js';
import { copyArgv, execArgv, kubectlArgv, listArgv, type Command, type ExecPlan, type ExecStep } from './adapters.js';
import { Journal } from './journal.js';
import { describeResult, nodetoolAllUp, runCommand, type SpawnResult } from './kubectl.js';
import { PreflightError, preflight } from './preflight.js';
import { Progress, type ProgressOut } from './progress.js';
import { PROVENANCE_SCHEMA, matchesSelector, nodesOf, podsOf, sha256Of, type NodeInfo, type Provenance } from './provenance.js';
import { changedFiles, jobState, parseListing, pickOutput, podLimits, type RemoteFile } from './remote.js';

export { PreflightError } from './preflight.js';

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
  /** Retries of a failing command (non-zero exit, lost connection) before the step fails (default 2). */
  commandRetries?: number;
  /** First backoff delay in ms, doubled at each retry (default 5000). */
  backoffMs?: number;
  /** Interval between readiness and Job polls in ms (default 10000). */
  pollMs?: number;
  /** Timeout of each step in seconds, overriding the plan's (tests use short ones). */
  stepTimeoutSeconds?: number;
  signal?: AbortSignal;
  /** Judges a fetched output; the CLI passes the YCSB parser (parseYcsb). */
  classify: OutputClassifier;
  /** Judges whether a new output measures what the configuration's runs measured; the CLI
   * compares YCSB header signatures. */
  compare: CompareOutput;
  now?: () => number;
}

export interface ExecuteResult {
  /** Outputs placed in the campaign (campaign-relative). */
  placed: string[];
  /** Steps skipped because the journal or the file system says they are done. */
  skipped: string[];
  /** Steps that failed for good, with the reason. */
  failed: { step: string; reason: string }[];
  /** Outputs that are not comparable with their configuration's runs: kept aside, not counted. */
  notComparable: { step: string; output?: string; keptAs: string; differences: string }[];
  /** Things to know that did not stop anything (a script wrote another name than expected). */
  notes: string[];
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

/** `x.txt` -> `x.not-comparable.txt`: a name no campaign file has. */
function notComparableName(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? `${name.slice(0, dot)}.not-comparable${name.slice(dot)}` : `${name}.not-comparable`;
}

/** Where the provenance of `file` goes: beside it, hidden when in the campaign (so it is not read as an output). */
function provenancePath(file: string, inCampaign: boolean): string {
  return inCampaign ? join(dirname(file), provenanceName(basename(file))) : `${file}.provenance.json`;
}

/** A local folder's files as a listing (for outputs read from a hostPath folder). */
async function listLocal(dir: string): Promise<Map<string, RemoteFile>> {
  const out = new Map<string, RemoteFile>();
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (!e.isFile()) continue;
    const st = await stat(join(dir, e.name));
    out.set(e.name, { size: st.size, mtime: String(st.mtimeMs) });
  }
  return out;
}

type StepResult = { ok: true } | { ok: false; reason: string; notComparable?: string; final?: boolean };

/**
 * Run the plan. Checks the context first (throws ContextError), then the preflight (throws
 * PreflightError; nothing torn down). Never throws for a failing step: the result lists it; the
 * journal has every detail.
 */
export async function executePlan(plan: ExecPlan, options: ExecuteOptions): Promise<ExecuteResult> {
  const { cwd, env, classify, compare, signal } = options;
  const now = options.now ?? Date.now;
  const commandRetries = options.commandRetries ?? 2;
  const backoff = options.backoffMs ?? 5000;
  const pollMs = options.pollMs ?? 10_000;

  // 1. The context.
  await checkContext(plan, cwd, env);

  // 2. The journal: what is done, what the cluster holds.
  const campaignDir = resolve(cwd, plan.campaign);
  const journalDir = resolve(cwd, plan.journalDir);
  const journal = new Journal(join(journalDir, 'journal.jsonl'));
  const done = journal.done();
  const result: ExecuteResult = { placed: [], skipped: [], failed: [], notComparable: [], notes: [], interrupted: false };

  const finished = new Set<string>();
  const work = new Set<string>();
  for (const g of plan.groups) {
    let left = false;
    for (const s of g.steps) {
      if (s.kind === 'run') {
        if (done.has(s.id) || (s.output && (await exists(resolve(campaignDir, s.output))))) finished.add(s.id);
        else left = true;
      } else if (s.kind === 'load' && s.output && !done.has(s.id) && !(await exists(resolve(campaignDir, s.output)))) left = true;
    }
    if (left) work.add(g.key);
  }

  // 3. Preflight, before anything is torn down.
  if (work.size) {
    const problems = await preflight(plan, work, cwd, env);
    if (problems.length) throw new PreflightError(problems);
  }

  const totalSteps = plan.groups.reduce((s, g) => s + g.steps.length, 0);
  const progress = new Progress(options.progress, totalSteps, plan.totals.runs, now);
  let stepNo = 0;
  const stepTimeout = (s: ExecStep) => options.stepTimeoutSeconds ?? s.timeoutSeconds;
  const kubectl = (...args: string[]) => kubectlArgv(plan.kube, ...args);

  /** A command's argv, with the in-pod time limits of --step-timeout when it overrides the plan's. */
  const argvOf = (step: ExecStep, c: Command): string[] => {
    if (!c.podTimeout || options.stepTimeoutSeconds === undefined) return c.argv;
    const lim = podLimits(stepTimeout(step));
    const a = [...c.argv];
    a[c.podTimeout.seconds] = String(lim.seconds);
    a[c.podTimeout.killAfter] = String(lim.killAfter);
    return a;
  };

  /** Run one command with retries and backoff; polls until `expect` holds. */
  const command = async (step: ExecStep, c: Command, deadline: number, limit = stepTimeout(step)): Promise<{ ok: true; r: SpawnResult } | { ok: false; reason: string; r?: SpawnResult }> => {
    const argv = argvOf(step, c);
    let attempt = 0;
    for (;;) {
      const left = deadline - now();
      if (left <= 0) return { ok: false, reason: `step timed out after ${limit} s` };
      const r = await runCommand(argv, { cwd, env, timeoutMs: left, signal });
      if (r.aborted || signal?.aborted) return { ok: false, reason: 'interrupted', r };
      if (r.code === 0 && !r.timedOut) {
        if (!c.expect) return { ok: true, r };
        let waiting: string;
        if (c.expect.kind === 'nodetool-up') {
          const st = nodetoolAllUp(r.stdout, c.expect.nodes);
          if (st.ok) return { ok: true, r };
          waiting = `not ready: ${st.up} of ${c.expect.nodes} nodes UN (${st.listed} listed) when the step timed out`;
        } else {
          const st = jobState(r.stdout);
          if ('error' in st) return { ok: false, reason: st.error, r };
          if (st.state === 'complete') return { ok: true, r };
          if (st.state === 'failed') return { ok: false, reason: `the Job failed: ${st.reason}`, r };
          waiting = `the Job had not finished when the step timed out after ${limit} s`;
        }
        // Not there yet: poll (this is waiting, not a failure).
        if (deadline - now() <= pollMs) return { ok: false, reason: waiting, r };
        await sleep(pollMs, signal);
        continue;
      }
      const reason = r.timedOut ? `timed out after ${limit} s` : describeResult(r, left);
      if (r.timedOut || c.once || attempt >= commandRetries) return { ok: false, reason: `${argv.slice(0, 6).join(' ')}…: ${reason}`, r };
      attempt++;
      progress.note(`  retry ${attempt}/${commandRetries} in ${Math.round((backoff * 2 ** (attempt - 1)) / 1000)} s: ${reason}`);
      await sleep(backoff * 2 ** (attempt - 1), signal);
    }
  };

  /** A short command outside the step's budget (stopping work, evidence, provenance), never aborted. */
  const aside = (argv: string[], seconds = 120) => runCommand(argv, { cwd, env, timeoutMs: seconds * 1000 });

  /** End whatever the step may have left running in the cluster. */
  const stopWork = async (step: ExecStep): Promise<void> => {
    for (const c of step.stop ?? []) {
      const r = await aside(c.argv, Math.max(60, Math.min(stepTimeout(step), 900)));
      if (r.code !== 0) progress.note(`  ${step.id}: stopping its work: ${describeResult(r, 60_000)}`);
    }
  };

  /** Save what explains a failed attempt beside the journal. */
  const saveEvidence = async (step: ExecStep, attempt: number, failing?: SpawnResult, argv?: string[]): Promise<string> => {
    const dir = await freeName(join(journalDir, 'evidence'), `${(step.name ?? step.id).replace(/[^A-Za-z0-9._-]+/g, '_')}.attempt-${attempt}`);
    await mkdir(dir, { recursive: true });
    if (failing && argv) {
      await writeFile(join(dir, 'command.txt'), `${JSON.stringify(argv)}\nexit: ${failing.code ?? failing.signal}${failing.timedOut ? ' (timed out)' : ''}\n--- stdout\n${failing.stdout}\n--- stderr\n${failing.stderr}`);
    }
    for (const e of step.evidence ?? []) {
      const r = await aside(e.argv, 60);
      await writeFile(join(dir, e.file), `${JSON.stringify(e.argv)}\nexit: ${r.code ?? r.signal}\n${r.stdout}${r.stderr ? `--- stderr\n${r.stderr}` : ''}`);
    }
    return dir;
  };

  // Provenance: the nodes once, each script's checksum once.
  let nodes: { list: NodeInfo[] } | { error: string } | undefined;
  const sums = new Map<string, { sha256?: string; error?: string }>();
  const provenance = async (step: ExecStep, attempt: number, output: string, start: number, remote: Provenance['remote'], comparison: { comparable: boolean | 'not checked'; differences?: string }): Promise<Provenance> => {
    const errors: string[] = [];
    if (!nodes) {
      const r = await aside(kubectl('get', 'nodes', '-o', 'json'), 60);
      try {
        nodes = r.code === 0 ? { list: nodesOf(r.stdout) } : { error: describeResult(r, 60_000) };
      } catch (e) {
        nodes = { error: `unreadable: ${(e as Error).message}` };
      }
    }
    if ('error' in nodes) errors.push(`kubectl get nodes: ${nodes.error}`);
    let pods: Provenance['pods'] = [];
    if (step.pods) {
      const sel = step.pods;
      const r = await aside(kubectl('get', 'pods', '-o', 'json'), 60);
      try {
        if (r.code !== 0) throw new Error(describeResult(r, 60_000));
        pods = podsOf(r.stdout, (name, labels) => sel.names.includes(name) || sel.selectors.some((s) => matchesSelector(labels, s)));
      } catch (e) {
        errors.push(`kubectl get pods: ${(e as Error).message}`);
      }
    }
    let script: Provenance['script'];
    const client = step.pods?.names[0];
    if (step.script && client) {
      let sum = sums.get(step.script);
      if (!sum) {
        const container = step.fetch?.via.kind === 'pod' && step.fetch.via.pod === client ? step.fetch.via.container : undefined;
        const r = await aside(execArgv(plan.kube, client, container, ['sha256sum', step.script]), 60);
        const sha256 = r.code === 0 ? sha256Of(r.stdout) : undefined;
        sum = sha256 ? { sha256 } : { error: `sha256sum ${step.script}: ${describeResult(r, 60_000)}` };
        sums.set(step.script, sum);
      }
      if (sum.error) errors.push(sum.error);
      script = { path: step.script, ...(sum.sha256 ? { sha256: sum.sha256 } : {}) };
    }
    return {
      schema: PROVENANCE_SCHEMA,
      output,
      step: step.id,
      attempt,
      ...(plan.kube.context ? { context: plan.kube.context } : {}),
      namespace: plan.kube.namespace ?? 'default',
      start: new Date(start).toISOString(),
      end: new Date(now()).toISOString(),
      command: step.runs ?? [],
      ...(remote ? { remote } : {}),
      ...(script ? { script } : {}),
      nodes: 'list' in nodes ? nodes.list : [],
      pods,
      comparable: comparison.comparable,
      ...(comparison.differences ? { differences: comparison.differences } : {}),
      errors,
    };
  };
  const writeProvenance = async (p: Provenance, file: string, inCampaign: boolean) => {
    await writeFile(provenancePath(file, inCampaign), JSON.stringify(p, null, 2) + '\n');
  };

  /** Place a staged output under its campaign name, never over an existing file. */
  const place = async (staged: string, output: string): Promise<{ ok: true; target: string } | { ok: false; reason: string }> => {
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
    return { ok: true, target };
  };

  /** Keep a staged file in a folder of the journal under a free name. */
  const keep = async (staged: string, folder: string, name: string): Promise<string> => {
    const to = await freeName(join(journalDir, folder), name);
    await mkdir(dirname(to), { recursive: true });
    await rename(staged, to);
    return to;
  };

  /** The limit of a listing, a copy or a stop around a script. */
  const aroundLimit = (step: ExecStep) => Math.min(step.fetchTimeoutSeconds ?? 300, Math.max(stepTimeout(step), 30));

  /** The folder listing of the step's output folder. */
  const list = async (step: ExecStep): Promise<{ ok: true; files: Map<string, RemoteFile> } | { ok: false; reason: string }> => {
    const f = step.fetch!;
    if (f.via.kind === 'hostPath') {
      try {
        return { ok: true, files: await listLocal(f.via.path) };
      } catch (e) {
        return { ok: false, reason: `cannot list ${f.via.path}: ${(e as Error).message}` };
      }
    }
    const r = await command(step, { argv: listArgv(plan.kube, f)! }, now() + aroundLimit(step) * 1000, aroundLimit(step));
    if (!r.ok) return { ok: false, reason: `listing ${f.dir}: ${r.reason}` };
    return { ok: true, files: parseListing(r.r.stdout) };
  };

  /** Bring `file` of the output folder into the staging folder; return its text. */
  const fetch = async (step: ExecStep, file: string): Promise<{ ok: true; text: string; staged: string } | { ok: false; reason: string }> => {
    const f = step.fetch!;
    const staged = join(journalDir, 'staging', step.name ?? 'output.txt');
    await mkdir(dirname(staged), { recursive: true });
    await rm(staged, { force: true });
    if (f.via.kind === 'hostPath') {
      try {
        await copyFile(join(f.via.path, file), staged);
      } catch (e) {
        return { ok: false, reason: `cannot read ${join(f.via.path, file)}: ${(e as Error).message}` };
      }
    } else {
      const c = await command(step, { argv: copyArgv(plan.kube, f, file, relative(cwd, staged) || staged)! }, now() + aroundLimit(step) * 1000, aroundLimit(step));
      if (!c.ok) return c;
    }
    try {
      return { ok: true, text: await readFile(staged, 'utf8'), staged };
    } catch (e) {
      return { ok: false, reason: `the fetched output is missing: ${(e as Error).message}` };
    }
  };

  /** One attempt of a load or run: stop leftovers, list, run, list, fetch, classify, compare, place. */
  const attemptOutput = async (step: ExecStep, attempt: number, start: number): Promise<StepResult> => {
    const before = await list(step);
    if (!before.ok) return before;
    // The step's limit is the script's (or the Job's), from when it starts.
    const deadline = now() + stepTimeout(step) * 1000;
    for (const c of step.commands) {
      const r = await command(step, c, deadline);
      if (!r.ok) {
        if (r.reason !== 'interrupted') {
          // Evidence first (the Job's logs, describe, events), then end the work (delete the Job).
          const ev = await saveEvidence(step, attempt, r.r, argvOf(step, c));
          await stopWork(step);
          return { ok: false, reason: `${r.reason} (its work was stopped; evidence in ${relative(cwd, ev) || ev})` };
        }
        return r;
      }
    }
    const after = await list(step);
    if (!after.ok) return after;
    const f = step.fetch!;
    const picked = pickOutput(changedFiles(before.files, after.files), f.expected, f.dir);
    if ('error' in picked) return { ok: false, reason: picked.error };
    if (picked.note) {
      result.notes.push(`${step.id}: ${picked.note}`);
      progress.note(`  ${step.id}: ${picked.note}`);
    }
    const got = await fetch(step, picked.name);
    if (!got.ok) return got;
    const remote = { dir: f.dir, file: picked.name, expected: f.expected };
    const parsed = classify(got.text, step.name ?? '');
    if (parsed.status !== 'ok') {
      // Keep the evidence in the journal folder, never in the campaign.
      const kept = await keep(got.staged, 'failed', `${step.name}.attempt-${attempt}`);
      await writeProvenance(await provenance(step, attempt, relative(campaignDir, kept), start, remote, { comparable: 'not checked' }), kept, false);
      return { ok: false, reason: `the output parses as ${parsed.status}: ${reasonOf(parsed)} (kept as ${kept})` };
    }
    const cmp = step.configuration ? compare(got.text, step.configuration) : ({ comparable: true } as const);
    if (!cmp.comparable && !plan.acceptDifferent) {
      const kept = await keep(got.staged, 'not-comparable', notComparableName(step.name ?? 'output.txt'));
      await writeProvenance(await provenance(step, attempt, relative(campaignDir, kept), start, remote, { comparable: false, differences: cmp.differences }), kept, false);
      result.notComparable.push({ step: step.id, ...(step.output ? { output: step.output } : {}), keptAs: relative(cwd, kept) || kept, differences: cmp.differences });
      journal.append({ event: 'not-comparable', step: step.id, kind: step.kind, group: step.group, attempt, message: `not comparable: ${cmp.differences}`, keptAs: relative(campaignDir, kept) });
      return { ok: false, reason: `not comparable: ${cmp.differences} (kept as ${relative(cwd, kept) || kept}, not counted)`, notComparable: cmp.differences };
    }
    const comparison = cmp.comparable ? { comparable: true } : { comparable: false, differences: `${cmp.differences} (placed with --accept-different)` };
    if (step.output && !(step.kind === 'load' && (await exists(resolve(campaignDir, step.output))))) {
      const p = await place(got.staged, step.output);
      if (!p.ok) return { ok: false, reason: p.reason, final: true }; // an existing file is not a reason to run again
      result.placed.push(step.output);
      await writeProvenance(await provenance(step, attempt, step.output, start, remote, comparison), p.target, true);
    } else {
      // A load whose output the campaign already has (or has since): keep this one aside.
      const kept = await keep(got.staged, 'loads', step.name ?? 'load.txt');
      await writeProvenance(await provenance(step, attempt, relative(campaignDir, kept), start, remote, comparison), kept, false);
    }
    if (!cmp.comparable) result.notes.push(`${step.id}: not comparable (${cmp.differences}), placed as --accept-different asks`);
    return { ok: true };
  };

  /** Run one step to the end, with result retries for run/load. */
  /** reload: repetition: the load that prepares each run (done again before a retry of the run). */
  const reloadFor = new Map<string, ExecStep>();
  for (const g of plan.groups) for (const s of g.steps) if (s.before) reloadFor.set(s.before, s);

  const runStep = async (step: ExecStep): Promise<StepResult> => {
    const resultRetries = step.kind === 'run' || step.kind === 'load' ? plan.retries : 0;
    let last = '';
    for (let attempt = 1; attempt <= resultRetries + 1; attempt++) {
      const reload = reloadFor.get(step.id);
      if (attempt > 1 && reload) {
        // The failed attempt worked on the data: the retry gets freshly loaded data too.
        progress.note(`  ${step.id}: ${reload.title} again before attempt ${attempt}`);
        const l = await runStep(reload);
        if (!l.ok) return l.reason === 'interrupted' ? l : { ok: false, reason: `not retried: the reload before attempt ${attempt} failed: ${l.reason}` };
      }
      const start = now();
      journal.append({ event: 'start', step: step.id, kind: step.kind, group: step.group, attempt });
      for (const f of step.files ?? []) {
        const p = resolve(cwd, f.path);
        await mkdir(dirname(p), { recursive: true });
        await writeFile(p, f.content);
      }
      let r: StepResult;
      if (step.fetch) {
        // Nothing of an earlier attempt (or of a fill that crashed) may still be running.
        await stopWork(step);
        r = await attemptOutput(step, attempt, start);
      } else {
        const deadline = start + stepTimeout(step) * 1000;
        r = { ok: true };
        for (const c of step.commands) {
          const x = await command(step, c, deadline);
          if (!x.ok) {
            r = x;
            break;
          }
        }
      }
      if (r.ok) {
        journal.append({ event: 'done', step: step.id, kind: step.kind, group: step.group, attempt, ...(step.output ? { output: step.output } : {}) });
        return r;
      }
      if (signal?.aborted || r.reason === 'interrupted') {
        await stopWork(step);
        journal.append({ event: 'interrupted', step: step.id, kind: step.kind, group: step.group, attempt });
        return { ok: false, reason: 'interrupted' };
      }
      // Not comparable: running it again would measure the same other thing.
      if (r.notComparable) return r;
      if (r.final) {
        journal.append({ event: 'failed', step: step.id, kind: step.kind, group: step.group, attempt, message: r.reason });
        return r;
      }
      last = r.reason;
      if (attempt <= resultRetries) {
        journal.append({ event: 'attempt-failed', step: step.id, kind: step.kind, group: step.group, attempt, message: r.reason });
        progress.note(`  ${step.id}: attempt ${attempt} failed: ${r.reason}; retrying`);
        await sleep(backoff * 2 ** (attempt - 1), signal);
        if (signal?.aborted) return { ok: false, reason: 'interrupted' };
      }
    }
    journal.append({ event: 'failed', step: step.id, kind: step.kind, group: step.group, message: last });
    return { ok: false, reason: last };
  };

  // 4. The cluster configurations.
  groups: for (const g of plan.groups) {
    if (!work.has(g.key)) {
      for (const s of g.steps) {
        stepNo++;
        result.skipped.push(s.id);
        if (s.kind === 'run') progress.runFinished(0);
      }
      progress.note(`${g.key}: nothing left to do (journal or files say done)`);
      continue;
    }
    const cluster = journal.cluster();
    const holds = cluster.deployed === g.key;
    const loaded = holds && cluster.loaded === g.key;
    if (g.resume && !holds) {
      // Planned to run on a deployment still standing: on a new one they would not be its repetitions.
      const why = `not run: the plan fills deployment ${g.deployment ?? g.key} in place, but the cluster no longer holds it (${cluster.deployed ? `the journal says it holds ${cluster.deployed}` : 'the journal says it was torn down or never finished deploying'}); plan again`;
      for (const s of g.steps) {
        stepNo++;
        if (s.kind !== 'run' || finished.has(s.id)) continue;
        result.failed.push({ step: s.id, reason: why });
        progress.runFinished(0);
      }
      progress.note(`${g.key}: ${why}`);
      continue;
    }
    for (const s of g.steps) {
      stepNo++;
      // A reload (reload: repetition) is done again exactly when the run it prepares is.
      const loadDone = async () => (s.before ? finished.has(s.before) && (!s.output || done.has(s.id) || (await exists(resolve(campaignDir, s.output)))) : loaded);
      const skip = s.kind === 'teardown' || s.kind === 'deploy' ? holds : s.kind === 'load' ? await loadDone() : s.kind === 'run' ? finished.has(s.id) : false;
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
      if (r.ok) {
        progress.show(stepNo, `${s.kind} done: ${s.title}`);
        continue;
      }
      if (r.notComparable) {
        progress.note(`[${stepNo}/${totalSteps}] ${s.id} NOT COMPARABLE: ${r.notComparable}`);
        if (s.kind === 'run') {
          // The same script makes the same configuration: the other runs here would not be comparable either.
          for (const rest of g.steps.slice(g.steps.indexOf(s) + 1)) {
            stepNo++;
            if (rest.kind !== 'run') continue;
            result.failed.push({ step: rest.id, reason: `not run: ${s.id} was not comparable (${r.notComparable}); fix the script or use --accept-different` });
            progress.runFinished(0);
          }
          continue groups;
        }
        continue;
      }
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
    }
  }
  progress.finish();
  return result;
}
