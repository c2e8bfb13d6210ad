/**
 * Spawning kubectl: an argv array in (never a shell line), exit code and output out, with a
 * timeout that kills the process (SIGTERM, then SIGKILL) and an AbortSignal for Ctrl-C.
 */
import { spawn } from 'node:child_process';

export interface SpawnResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  aborted: boolean;
  /** The program could not be started (ENOENT …). */
  error?: string;
}

export interface SpawnOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Keep at most this many bytes of stdout (default 256 MiB). */
  maxStdout?: number;
}

const KEEP_STDERR = 64 * 1024;

/** Run argv[0] with argv[1..] (shell: false). Never throws; the result says what happened. */
export function runCommand(argv: string[], options: SpawnOptions): Promise<SpawnResult> {
  return new Promise((resolve) => {
    if (options.signal?.aborted) {
      resolve({ code: null, signal: null, stdout: '', stderr: '', timedOut: false, aborted: true });
      return;
    }
    const [program, ...args] = argv;
    const child = spawn(program, args, {
      cwd: options.cwd,
      env: (options.env ?? process.env) as NodeJS.ProcessEnv,
      shell: false,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group, so a timeout can end what it started too
    });
    const out: Buffer[] = [];
    let outBytes = 0;
    let err = '';
    const maxOut = options.maxStdout ?? 256 * 1024 * 1024;
    child.stdout.on('data', (b: Buffer) => {
      if (outBytes < maxOut) out.push(b);
      outBytes += b.length;
    });
    child.stderr.on('data', (b: Buffer) => {
      err += b.toString('utf8');
      if (err.length > KEEP_STDERR) err = err.slice(-KEEP_STDERR);
    });
    let timedOut = false;
    let aborted = false;
    let killTimer: NodeJS.Timeout | undefined;
    const kill = () => {
      const pid = child.pid;
      if (pid === undefined) return;
      try {
        process.kill(-pid, 'SIGTERM');
      } catch {
        child.kill('SIGTERM');
      }
      killTimer = setTimeout(() => {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      }, 2000);
      killTimer.unref?.();
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, options.timeoutMs);
    const onAbort = () => {
      aborted = true;
      kill();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    let startError: string | undefined;
    child.on('error', (e) => {
      startError = e.message;
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (killTimer) clearTimeout(killTimer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: err,
        timedOut,
        aborted,
        ...(startError ? { error: startError } : {}),
      });
    });
  });
}

/** One line saying how a command ended, for messages. */
export function describeResult(r: SpawnResult, timeoutMs: number): string {
  if (r.error) return `could not start: ${r.error}`;
  if (r.aborted) return 'interrupted';
  if (r.timedOut) return `timed out after ${Math.round(timeoutMs / 1000)} s`;
  const last = r.stderr.trim().split('\n').pop() ?? '';
  if (r.code !== 0) return `exit code ${r.code ?? r.signal}${last ? `: ${last}` : ''}`;
  return 'ok';
}

/**
 * Read `nodetool status`: true when at least `nodes` nodes are listed and every one is UN.
 * Lines look like `UN  10.0.2.5  1.2 GiB  256  ?  <host id>  Rack1`.
 */
export function nodetoolAllUp(text: string, nodes: number): { ok: boolean; up: number; listed: number } {
  const rows = text.split('\n').filter((l) => /^[UD][NLJM]\s+\S/.test(l.trim()));
  const up = rows.filter((l) => l.trim().startsWith('UN')).length;
  return { ok: rows.length >= nodes && up === rows.length, up, listed: rows.length };
}
