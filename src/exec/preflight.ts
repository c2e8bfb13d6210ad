/**
 * Preflight: every check the plan lists, made before any destructive step (no teardown has run
 * yet), all of them, so one refusal names everything that is missing.
 *
 * ```
 * plan.preflight ──only checks a group with work left needs──► file exists | folder readable/writable
 *                                                              | kubectl … exits 0 (| the pod is Running)
 *                ──► [] (go on) or the problems (PreflightError: nothing was torn down)
 * ```
 */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ExecPlan, PreflightCheck } from './adapters.js';
import { describeResult, runCommand } from './kubectl.js';

/** Preflight failed: nothing was torn down or run. */
export class PreflightError extends Error {
  override name = 'PreflightError';
  constructor(readonly problems: string[]) {
    super(`preflight failed, nothing was torn down or run:\n  ${problems.join('\n  ')}`);
  }
}

async function checkOne(p: PreflightCheck, cwd: string, env: Record<string, string | undefined> | undefined): Promise<string | undefined> {
  const c = p.check;
  if (c.kind === 'file') {
    const abs = resolve(cwd, c.path);
    try {
      if (!(await stat(abs)).isFile()) return `${c.setting}: ${c.path} is not a file (looked at ${abs})`;
      await access(abs, constants.R_OK);
      return undefined;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return code === 'ENOENT'
        ? `${c.setting}: ${c.path} does not exist (looked for ${abs}); this manifest is a required input: write it, or set ${c.setting} in the experiment file (paths are relative to it)`
        : `${c.setting}: cannot read ${abs}: ${(e as Error).message}`;
    }
  }
  if (c.kind === 'dir') {
    const abs = resolve(cwd, c.path);
    try {
      if (!(await stat(abs)).isDirectory()) return `${p.what}: ${abs} is not a folder`;
      await access(abs, c.need === 'write' ? constants.W_OK : constants.R_OK);
      return undefined;
    } catch (e) {
      return `${p.what}: no (${abs}: ${(e as Error).message})`;
    }
  }
  const r = await runCommand(c.argv, { cwd, env, timeoutMs: 60_000 });
  if (r.code !== 0 || r.timedOut || r.error) {
    const why = r.code === 1 && !r.stderr.trim() && c.argv.includes('test') ? 'no' : describeResult(r, 60_000);
    return `${p.what}: ${why} (${c.argv.slice(1).join(' ')})`;
  }
  if (c.expect === 'pod-running') {
    try {
      const phase = JSON.parse(r.stdout)?.status?.phase;
      if (phase !== 'Running') return `${p.what}: its phase is ${JSON.stringify(phase)}, expected "Running"`;
    } catch {
      return `${p.what}: kubectl get pod printed no JSON`;
    }
  }
  return undefined;
}

/** Run the checks the groups with work left need; the problems found, in the plan's order. */
export async function preflight(plan: ExecPlan, groupsWithWork: Set<string>, cwd: string, env?: Record<string, string | undefined>): Promise<string[]> {
  const problems: string[] = [];
  for (const p of plan.preflight ?? []) {
    if (!p.groups.some((g) => groupsWithWork.has(g))) continue;
    const problem = await checkOne(p, cwd, env);
    if (problem) problems.push(problem);
  }
  return problems;
}
