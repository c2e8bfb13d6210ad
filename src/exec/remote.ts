/**
 * What the tool runs inside the client pod besides the scripts, and how it reads the answers.
 *
 * - The output folder is listed before and after each run (`find … -printf`): the file that
 *   appeared or changed is the run's output, whatever its name ({@link changedFiles},
 *   {@link pickOutput}); the name the experiment file expects is only checked.
 * - Each script runs under `timeout` in its own process group, whose id is kept in a pid file
 *   ({@link wrapScript}); {@link stopCommand} ends that group, so a timed-out or cut-off run never
 *   keeps running beside its retry.
 * - A Job's state is read from `kubectl get job -o json` ({@link jobState}).
 * Pure: the executor runs the commands.
 */

/** Where the pid of the running script's process group is kept, inside the client pod. */
export const PID_FILE = '/tmp/ycsb-analyze-fill.pid';

/**
 * Fixed shell text (no value is ever put into it: the values are its positional arguments):
 * `sh -c WRAPPER ycsb-analyze-fill <kill-after> <seconds> <script> <args…>` runs the script under
 * `timeout`, which makes its own process group, and records the group id.
 */
export const WRAPPER =
  `f=${PID_FILE}; k=$1; t=$2; shift 2; ` +
  'timeout --kill-after="$k" "$t" "$@" & p=$!; echo "$p" > "$f"; wait "$p"; s=$?; rm -f "$f"; exit "$s"';

/** Fixed shell text: end the recorded process group (TERM, then KILL), if any. */
export const STOP =
  `f=${PID_FILE}; [ -f "$f" ] || exit 0; p=$(cat "$f"); ` +
  'case "$p" in ""|*[!0-9]*) rm -f "$f"; exit 0;; esac; ' +
  'if kill -s TERM -- "-$p" 2>/dev/null; then i=0; while kill -s 0 -- "-$p" 2>/dev/null && [ "$i" -lt 20 ]; do sleep 1; i=$((i+1)); done; ' +
  'kill -s KILL -- "-$p" 2>/dev/null; echo "stopped process group $p"; fi; rm -f "$f"; exit 0';

/** The in-pod time limits for a step of `stepSeconds`: the script is stopped before the local timeout. */
export function podLimits(stepSeconds: number): { seconds: number; killAfter: number } {
  const killAfter = stepSeconds >= 120 ? 30 : 1;
  const margin = stepSeconds >= 120 ? 30 : 1;
  return { seconds: Math.max(1, Math.floor(stepSeconds - killAfter - margin)), killAfter };
}

/** The argv that runs `script args…` in the pod under the wrapper. Element 4 is the seconds. */
export function wrapScript(argv: string[], stepSeconds: number): string[] {
  const { seconds, killAfter } = podLimits(stepSeconds);
  return ['sh', '-c', WRAPPER, 'ycsb-analyze-fill', String(killAfter), String(seconds), ...argv];
}

/** Index of the seconds in a wrapped argv (after the `kubectl … exec pod --` prefix). */
export const WRAPPED_SECONDS = 5;
export const WRAPPED_KILL_AFTER = 4;

/** The argv that lists a folder: one `name<TAB>size<TAB>mtime` line per file. */
export function listCommand(dir: string): string[] {
  return ['find', dir, '-maxdepth', '1', '-type', 'f', '-printf', '%f\\t%s\\t%T@\\n'];
}

export interface RemoteFile {
  size: number;
  /** Seconds since the epoch, with the fraction find prints. */
  mtime: string;
}

/** Read what {@link listCommand} printed. */
export function parseListing(text: string): Map<string, RemoteFile> {
  const out = new Map<string, RemoteFile>();
  for (const line of text.split('\n')) {
    if (!line) continue;
    const parts = line.split('\t');
    if (parts.length < 3) continue;
    const mtime = parts.pop()!;
    const size = Number(parts.pop());
    out.set(parts.join('\t'), { size, mtime });
  }
  return out;
}

/** Files that are new in `after`, or whose size or modification time changed. Sorted by name. */
export function changedFiles(before: Map<string, RemoteFile>, after: Map<string, RemoteFile>): string[] {
  const out: string[] = [];
  for (const [name, f] of after) {
    const b = before.get(name);
    if (!b || b.size !== f.size || b.mtime !== f.mtime) out.push(name);
  }
  return out.sort();
}

/**
 * The run's output among the changed files: the expected name when it is one of them, else the
 * only changed file (with a note that the name differs). No changed file, or several without the
 * expected one, is an error naming what was found.
 */
export function pickOutput(changed: string[], expected: string, dir: string): { name: string; note?: string } | { error: string } {
  if (changed.includes(expected)) {
    return changed.length === 1 ? { name: expected } : { name: expected, note: `other files changed in ${dir} during the run too: ${changed.filter((c) => c !== expected).join(', ')}` };
  }
  if (changed.length === 1) {
    return { name: changed[0], note: `the script wrote ${changed[0]}, not ${expected} as the experiment file expects (remoteOutput); ${changed[0]} is used` };
  }
  if (changed.length === 0) return { error: `no file appeared or changed in ${dir} during the run (expected ${expected})` };
  return { error: `${changed.length} files appeared or changed in ${dir} during the run and none is the expected ${expected}: ${changed.join(', ')}` };
}

/** A Job's state from `kubectl get job <name> -o json`. */
export function jobState(json: string): { state: 'running' | 'complete' | 'failed'; reason?: string } | { error: string } {
  let job: any;
  try {
    job = JSON.parse(json);
  } catch {
    return { error: `kubectl get job printed no JSON: ${JSON.stringify(json.slice(0, 200))}` };
  }
  const conditions: any[] = Array.isArray(job?.status?.conditions) ? job.status.conditions : [];
  const on = (type: string) => conditions.find((c) => c?.type === type && c?.status === 'True');
  const failed = on('Failed') ?? on('FailureTarget');
  if (failed) return { state: 'failed', reason: [failed.reason, failed.message].filter(Boolean).join(': ') || 'the Job failed' };
  if (on('Complete')) return { state: 'complete' };
  return { state: 'running' };
}
