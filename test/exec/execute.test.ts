/**
 * Integration tests of `executePlan` against a fake kubectl on PATH (fixtures/exec/fake-kubectl.mjs)
 * that records its arguments and simulates success, failed results, lost connections, hangs and
 * a run killed midway.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { designFromRuns, inferNaming } from '../../src/analysis/design.js';
import { findGaps } from '../../src/analysis/gaps.js';
import { planFill } from '../../src/analysis/plan.js';
import { materialize, type ExecPlan } from '../../src/exec/adapters.js';
import { ContextError, executePlan } from '../../src/exec/execute.js';
import { parseYcsb } from '../../src/ingest/parse.js';
import { installFakeKubectl } from '../../fixtures/exec/cli.js';
import { studyCampaign } from '../../fixtures/exec/runs.js';

let root: string;
let env: Record<string, string | undefined>;
let stderr: string[];

function setup(scenario: object) {
  root = mkdtempSync(join(tmpdir(), 'fill-exec-'));
  env = installFakeKubectl(root);
  writeFileSync(join(root, 'scenario.json'), JSON.stringify(scenario));
  mkdirSync(join(root, 'campaign'));
  stderr = [];
}

afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

/** Cassandra rf=1 workload a with reps 2 and 4 missing (of 4), and an existing file to protect. */
function plan(reps = 4, drop = [2, 4], retries = 1): ExecPlan {
  const runs = studyCampaign(['cassandra'], ['a'], reps).filter(
    (r) => !(r.factors.rf === '1' && r.factors.phase === 'run' && drop.includes(Number(r.factors.rep))) && !(r.factors.rf !== '1'),
  );
  // The existing files, so "never overwrite" can be checked.
  for (const r of runs) writeFileSync(join(root, 'campaign', r.file), `original ${r.file}\n`);
  const core = planFill(findGaps(runs, designFromRuns(runs, reps)), inferNaming(runs), { order: 'sequential' });
  return materialize(core, { adapter: 'kubectl-exec', campaign: 'campaign', retries, context: 'rpicloud' });
}

const calls = (): string[][] => (existsSync(join(root, 'calls.jsonl')) ? readFileSync(join(root, 'calls.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l)) : []);
const runCalls = (rep?: string) => calls().filter((c) => c.some((a) => a.endsWith('cassandra_run.sh')) && (rep === undefined || c[c.length - 2] === rep));
const opts = (extra: object = {}) => ({
  cwd: root,
  env,
  progress: { write: (s: string) => stderr.push(s), isTTY: false },
  backoffMs: 5,
  pollMs: 5,
  classify: parseYcsb,
  ...extra,
});

function snapshot(): Record<string, { text: string; mtime: number }> {
  const out: Record<string, { text: string; mtime: number }> = {};
  for (const f of readdirSync(join(root, 'campaign'))) {
    if (f.startsWith('.')) continue;
    const p = join(root, 'campaign', f);
    out[f] = { text: readFileSync(p, 'utf8'), mtime: statSync(p).mtimeMs };
  }
  return out;
}

describe('executePlan against a fake kubectl', () => {
  beforeEach(() => setup({}));

  it('runs the study procedure once and places each missing repetition under its campaign name', async () => {
    const p = plan();
    const before = snapshot();
    const r = await executePlan(p, opts());
    expect(r.failed).toEqual([]);
    expect(r.placed).toEqual(['cassandra-exec-15-1000000-a-2-rf_1.txt', 'cassandra-exec-15-1000000-a-4-rf_1.txt']);
    // The context check has no --context flag; every other call starts with --context rpicloud.
    const seq = calls().map((c) => (c[0] === '--context' ? c.slice(2, 4) : c).join(' '));
    expect(seq).toEqual([
      'config current-context',
      'delete statefulset',
      'delete pvc',
      'create -f',
      'scale statefulset',
      'rollout status',
      'exec cassandra-0',
      'exec ycsb-benchmark',
      'cp ycsb-benchmark:/ycsb_outputs/out-load-15-1000000-rf1-a.txt',
      'exec ycsb-benchmark',
      'cp ycsb-benchmark:/ycsb_outputs/out-15-1000000-rf1-a-2.txt',
      'exec ycsb-benchmark',
      'cp ycsb-benchmark:/ycsb_outputs/out-15-1000000-rf1-a-4.txt',
    ]);
    const placed = readFileSync(join(root, 'campaign', 'cassandra-exec-15-1000000-a-2-rf_1.txt'), 'utf8');
    expect(placed).toMatch(/^\[OVERALL\], Throughput\(ops\/sec\), \d+(\.\d+)?$/m);
    // Existing files untouched; the existing load output went aside, not over the campaign's.
    const after = snapshot();
    for (const [f, v] of Object.entries(before)) expect(after[f]).toEqual(v);
    expect(readdirSync(join(root, 'campaign', '.analyze-fill', 'loads'))).toEqual(['cassandra-load-15-1000000-a-1-rf_1.txt']);
    // Progress: plain lines on a non-TTY stream.
    expect(stderr.join('')).toMatch(/^\[1\/6\] teardown: tear down cassandra and its volumes \(db=cassandra,nodes=15,recordcount=1000000,rf=1\) · reps 0\/2 · elapsed 0:00:0\d · ETA \?\n/);
    expect(stderr.join('')).toContain('· reps 2/2 ·');
    expect(stderr.join('')).not.toContain('\r');
  });

  it('refuses to execute in another kubectl context, before any other command', async () => {
    writeFileSync(join(root, 'scenario.json'), JSON.stringify({ context: 'production' }));
    await expect(executePlan(plan(), opts())).rejects.toThrow(ContextError);
    await expect(executePlan(plan(), opts())).rejects.toThrow(/current kubectl context is "production" but the plan names "rpicloud"/);
    expect(calls().every((c) => c.includes('current-context'))).toBe(true);
  });

  it('retries a run whose output parses as failed, keeping the failed output out of the campaign', async () => {
    writeFileSync(join(root, 'scenario.json'), JSON.stringify({ runs: { 'cassandra_run.sh:2': ['fail'] } }));
    const r = await executePlan(plan(), opts());
    expect(r.failed).toEqual([]);
    expect(runCalls('2')).toHaveLength(2);
    expect(readFileSync(join(root, 'campaign', 'cassandra-exec-15-1000000-a-2-rf_1.txt'), 'utf8')).toMatch(/\[READ\], Operations, \d+/);
    expect(readdirSync(join(root, 'campaign', '.analyze-fill', 'failed'))).toEqual(['cassandra-exec-15-1000000-a-2-rf_1.txt.attempt-1']);
  });

  it('reports a run that keeps failing after --retries and goes on with the others', async () => {
    writeFileSync(join(root, 'scenario.json'), JSON.stringify({ runs: { 'cassandra_run.sh:2': ['fail', 'fail', 'fail'] } }));
    const r = await executePlan(plan(4, [2, 4], 1), opts());
    expect(runCalls('2')).toHaveLength(2);
    expect(r.failed).toHaveLength(1);
    expect(r.failed[0].step).toBe('run:db=cassandra,nodes=15,recordcount=1000000,rf=1,workload=a,rep=2');
    expect(r.failed[0].reason).toMatch(/^the output parses as failed: failed: the run did no useful work/);
    expect(r.placed).toEqual(['cassandra-exec-15-1000000-a-4-rf_1.txt']);
    expect(existsSync(join(root, 'campaign', 'cassandra-exec-15-1000000-a-2-rf_1.txt'))).toBe(false);
  });

  it('judges each fetched output with the classifier it is given, not a parser of its own', async () => {
    const seen: string[] = [];
    const classify = (text: string, name: string) => {
      seen.push(name);
      return name.includes('-a-4-')
        ? { status: 'partial' as const, diagnostics: [{ severity: 'error' as const, message: 'judged partial by the test classifier' }] }
        : parseYcsb(text, name);
    };
    const r = await executePlan(plan(4, [2, 4], 0), opts({ classify }));
    // The load's output and both repetitions went through it.
    expect(seen).toEqual(['cassandra-load-15-1000000-a-1-rf_1.txt', 'cassandra-exec-15-1000000-a-2-rf_1.txt', 'cassandra-exec-15-1000000-a-4-rf_1.txt']);
    expect(r.placed).toEqual(['cassandra-exec-15-1000000-a-2-rf_1.txt']);
    expect(r.failed.map((f) => f.step)).toEqual(['run:db=cassandra,nodes=15,recordcount=1000000,rf=1,workload=a,rep=4']);
    expect(r.failed[0].reason).toMatch(/^the output parses as partial: judged partial by the test classifier \(kept as /);
    expect(existsSync(join(root, 'campaign', 'cassandra-exec-15-1000000-a-4-rf_1.txt'))).toBe(false);
  });

  it('retries a command that lost its connection, with backoff', async () => {
    writeFileSync(join(root, 'scenario.json'), JSON.stringify({ runs: { 'cassandra_run.sh:4': ['exit'] }, flaky: { create: 1 } }));
    const r = await executePlan(plan(), opts());
    expect(r.failed).toEqual([]);
    expect(runCalls('4')).toHaveLength(2);
    expect(calls().filter((c) => c[2] === 'create')).toHaveLength(2);
    expect(stderr.join('')).toContain('retry 1/2 in 0 s: exit code 1: error: the server is currently unable to handle the request (create)');
  });

  it('waits until every Cassandra node is UN', async () => {
    writeFileSync(join(root, 'scenario.json'), JSON.stringify({ notReady: 2 }));
    const r = await executePlan(plan(), opts());
    expect(r.failed).toEqual([]);
    expect(calls().filter((c) => c.includes('nodetool'))).toHaveLength(3);
  });

  it('gives up on a step that hangs past its timeout and kills it', async () => {
    writeFileSync(join(root, 'scenario.json'), JSON.stringify({ runs: { 'cassandra_run.sh:2': ['hang'] } }));
    const t0 = Date.now();
    const p = plan(4, [2, 4], 0);
    // A short timeout on the hanging repetition only (the other steps keep theirs, so a loaded machine cannot fail them).
    const hanging = p.groups[0].steps.find((s) => s.id.endsWith('rep=2'))!;
    hanging.timeoutSeconds = 2;
    const r = await executePlan(p, opts());
    expect(Date.now() - t0).toBeLessThan(20_000);
    expect(r.failed.map((f) => f.step)).toEqual(['run:db=cassandra,nodes=15,recordcount=1000000,rf=1,workload=a,rep=2']);
    expect(r.failed[0].reason).toMatch(/timed out/);
    expect(r.placed).toEqual(['cassandra-exec-15-1000000-a-4-rf_1.txt']);
  });

  it('resumes after a run killed midway: nothing finished runs twice, nothing is overwritten, the cluster is not rebuilt', async () => {
    writeFileSync(join(root, 'scenario.json'), JSON.stringify({ runs: { 'cassandra_run.sh:5': ['hang'] } }));
    const p = plan(6, [2, 4, 5, 6]);
    const controller = new AbortController();
    const watcher = setInterval(() => {
      if (runCalls('5').length > 0) controller.abort();
    }, 20);
    const first = await executePlan(p, opts({ signal: controller.signal }));
    clearInterval(watcher);
    expect(first.interrupted).toBe(true);
    expect(first.placed).toEqual(['cassandra-exec-15-1000000-a-2-rf_1.txt', 'cassandra-exec-15-1000000-a-4-rf_1.txt']);
    const mid = snapshot();
    const journal = readFileSync(join(root, 'campaign', '.analyze-fill', 'journal.jsonl'), 'utf8');
    expect(journal).toContain('"event":"interrupted"');

    const second = await executePlan(p, opts());
    expect(second.interrupted).toBe(false);
    expect(second.failed).toEqual([]);
    expect(second.placed).toEqual(['cassandra-exec-15-1000000-a-5-rf_1.txt', 'cassandra-exec-15-1000000-a-6-rf_1.txt']);
    // Each repetition ran once, except the one killed midway (whose output was never placed).
    expect(runCalls('2')).toHaveLength(1);
    expect(runCalls('4')).toHaveLength(1);
    expect(runCalls('5')).toHaveLength(2);
    expect(runCalls('6')).toHaveLength(1);
    // The cluster was built once: the resume only re-checked readiness.
    expect(calls().filter((c) => c[2] === 'create')).toHaveLength(1);
    expect(calls().filter((c) => c[2] === 'rollout')).toHaveLength(2);
    expect(calls().filter((c) => c.some((a) => a.endsWith('cassandra_load.sh')))).toHaveLength(1);
    const after = snapshot();
    for (const [f, v] of Object.entries(mid)) expect(after[f]).toEqual(v);

    // A third time: everything is done, nothing runs but the context check.
    const n = calls().length;
    const third = await executePlan(p, opts());
    expect(third.placed).toEqual([]);
    expect(calls().slice(n)).toEqual([['config', 'current-context']]);
  });

  it('never overwrites: an output that appeared since planning counts as done and is left alone', async () => {
    const p = plan();
    writeFileSync(join(root, 'campaign', 'cassandra-exec-15-1000000-a-4-rf_1.txt'), 'someone else\n');
    const r = await executePlan(p, opts());
    expect(r.placed).toEqual(['cassandra-exec-15-1000000-a-2-rf_1.txt']);
    expect(runCalls('4')).toHaveLength(0);
    expect(readFileSync(join(root, 'campaign', 'cassandra-exec-15-1000000-a-4-rf_1.txt'), 'utf8')).toBe('someone else\n');
  });
});

describe('a crash of the whole command (SIGKILL) mid-run', () => {
  beforeEach(() => setup({}));

  it('the same command resumes: finished repetitions are not run again, nothing is overwritten', async () => {
    const { spawn } = await import('node:child_process');
    const { pathToFileURL } = await import('node:url');
    // One process (node with the tsx loader), so SIGKILL ends the whole command like a crash would.
    const node = (args: string[]) => spawn(process.execPath, ['--import', pathToFileURL(resolve('node_modules/tsx/dist/loader.mjs')).href, ...args], { cwd: root, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    const bin = resolve('src/cli/bin.ts');
    // A campaign on disk: cassandra workload a rf 1, reps 1, 3 and 5 of 5 present, plus its load.
    const text = (n: number) =>
      `Command line: -db site.ycsb.db.CassandraCQLClient -s -P workloads/workloada -t\n[OVERALL], RunTime(ms), 20000\n[OVERALL], Throughput(ops/sec), ${(10000 + n) / 20}\n[READ], Operations, ${10000 + n}\n[READ], AverageLatency(us), 1500.5\n[READ], Return=OK, ${10000 + n}\n`;
    for (const rep of [1, 3, 5]) writeFileSync(join(root, 'campaign', `cassandra-exec-15-1000000-a-${rep}-rf_1.txt`), text(rep));
    writeFileSync(join(root, 'campaign', 'cassandra-load-15-1000000-a-1-rf_1.txt'), text(77));
    writeFileSync(join(root, 'scenario.json'), JSON.stringify({ runs: { 'cassandra_run.sh:4': ['hang'] } }));
    const before = snapshot();
    const args = [bin, 'fill', 'campaign', '--execute', '--context', 'rpicloud', '--backoff', '0'];

    const child = node(args);
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    const pidFile = join(root, 'remote', 'hang.pid');
    let closed = false;
    child.on('close', () => (closed = true));
    const deadline = Date.now() + 30_000;
    while (!existsSync(pidFile) && !closed && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect({ hanging: existsSync(pidFile), stderr: existsSync(pidFile) ? '' : err }).toEqual({ hanging: true, stderr: '' });
    const exited = new Promise((r) => child.on('close', r));
    child.kill('SIGKILL'); // a crash: no handler runs, the journal ends on "start"
    await exited;
    // The orphaned kubectl. Only a real pid: process.kill(0) would signal this test's own process group.
    const orphan = Number(readFileSync(pidFile, 'utf8'));
    expect(Number.isInteger(orphan) && orphan > 1).toBe(true);
    try {
      process.kill(orphan, 'SIGKILL');
    } catch {
      /* already gone */
    }
    expect(existsSync(join(root, 'campaign', 'cassandra-exec-15-1000000-a-2-rf_1.txt'))).toBe(true);
    expect(existsSync(join(root, 'campaign', 'cassandra-exec-15-1000000-a-4-rf_1.txt'))).toBe(false);
    const mid = snapshot();

    const again = node(args);
    let out = '';
    again.stdout.on('data', (b: Buffer) => (out += b.toString()));
    again.stderr.on('data', (b: Buffer) => (err += b.toString()));
    const code = await new Promise((r) => again.on('close', r));
    expect(code).toBe(0);
    // The fresh plan has only rep 4 left; teardown, deploy and load are skipped (the cluster still holds it).
    expect(out).toBe('placed 1 outputs, skipped 3 steps already done, 0 failed\n  placed cassandra-exec-15-1000000-a-4-rf_1.txt\n');
    expect(runCalls('2')).toHaveLength(1);
    expect(runCalls('4')).toHaveLength(2);
    expect(calls().filter((c) => c[2] === 'create')).toHaveLength(1);
    const after = snapshot();
    for (const [f, v] of Object.entries({ ...before, ...mid })) expect(after[f]).toEqual(v);
  });
});
