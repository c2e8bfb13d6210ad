/** Options and steps shared by the commands that read a campaign. */
import { isAbsolute, resolve } from 'node:path';
import type { Command } from 'commander';
import { loadRuns, loadRunsThreaded, type LoadOptions } from '../ingest/load.js';
import { compareLevels, formatDiagnostic, RUN_STATUSES, type Inventory, type Run } from '../model/index.js';
import { CliError, EXIT, type Io } from './io.js';
import { withoutStatus } from './render.js';
import { leanRun, leanRunExceptLoad } from './lean.js';

/** An ambiguity text without a leading repetition of the file name. */
function withoutFile(file: string, text: string): string {
  return text.startsWith(`${file}: `) ? text.slice(file.length + 2) : text;
}

export interface InputOptions {
  include?: string[];
  exclude?: string[];
  scheme?: string[];
  factors?: string;
  metric?: string;
  /** What to keep of the status-line series (see LoadOptions.series). Default: 'throughput' (what the
   * analysis and the report read), except 'full' for `export --format json`, which writes every sample. */
  series?: 'full' | 'throughput';
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** Add the input options every reading command takes. */
export function addInputOptions(cmd: Command): Command {
  return cmd
    .option('--include <glob>', 'only files matching this glob (repeatable)', collect)
    .option('--exclude <glob>', 'skip files matching this glob (repeatable)', collect)
    .option('--scheme <template>', "file-name template, e.g. '{db}-exec-{nodes}-{recordcount}-{workload}-{rep}-rf_{rf}' (repeatable; {_} ignores a token)", collect)
    .option('--factors <list>', 'for CSV input: the factor columns, comma-separated');
}

/** Split `a,b , c` into names. */
export function list(s: string | undefined): string[] {
  return (s ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

/** Below this many files, starting worker threads costs more than it saves. */
const THREADS_MIN_FILES = 2_000;

/** YCSB_ANALYZE_READAHEAD=auto|on|off (see LoadOptions.readAhead); unset or empty: auto. */
export function readAheadMode(value: string | undefined): 'auto' | 'on' | 'off' {
  if (value === undefined || value === '' || value === 'auto') return 'auto';
  if (value === 'on' || value === 'off') return value;
  throw new CliError(`YCSB_ANALYZE_READAHEAD: expected auto, on or off, found ${JSON.stringify(value)}`, EXIT.usage);
}

/** Resolve the roots, load every file, and show progress on a terminal. */
/** `onRun`: see LoadOptions.onRun (e.g. leanRun of ./lean.ts). */
export async function loadInputs(dirs: string[], opts: InputOptions, io: Io, metricColumns?: string[], onRun?: (run: Run) => void): Promise<Inventory> {
  if (dirs.length === 0) throw new CliError('expected at least one folder or file to read, found none (try `analyze fixtures/campaign`)', EXIT.usage);
  const roots = dirs.map((d) => (isAbsolute(d) ? d : resolve(io.cwd, d)));
  const tty = io.stderr.isTTY === true;
  let last = 0;
  const started = Date.now();
  let inventory: Inventory;
  const readAhead = readAheadMode(io.env.YCSB_ANALYZE_READAHEAD);
  try {
    // lean runs (the summary's): small to send between threads, and they keep no sha256
    const hookExport = onRun === leanRun ? 'onRun' : onRun === leanRunExceptLoad ? 'onRunExceptLoad' : undefined;
    const load: LoadOptions = {
      include: opts.include,
      exclude: opts.exclude,
      schemes: opts.scheme,
      table: { factors: opts.factors ? list(opts.factors) : undefined, metrics: metricColumns },
      series: opts.series ?? ((opts as { format?: string }).format === 'json' ? 'full' : 'throughput'),
      onRun,
      // duplicates by size and CRC-32, confirmed by sha256 (see LoadOptions.hash)
      hash: hookExport !== undefined ? 'crc32' : 'sha256',
      readAhead,
      onProgress: tty
        ? (done, total) => {
            const now = Date.now();
            if (now - last < 200 && done !== total) return;
            last = now;
            const rate = done / Math.max(0.001, (now - started) / 1000);
            io.stderr.write(`\r\x1b[Kreading ${done}/${total} files (${Math.round(rate)} files/s)`);
            if (done === total) io.stderr.write('\r\x1b[K');
          }
        : undefined,
    };
    // with many files, two threads read and parse lean runs
    inventory =
      hookExport !== undefined
        ? await loadRunsThreaded(roots, load, { hook: new URL('../cli/lean.js', import.meta.url).href, hookExport, min: THREADS_MIN_FILES })
        : await loadRuns(roots, load);
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  // Report roots in the terms the user gave them; a root that cannot be read is an error worth stderr.
  inventory.roots = dirs;
  const rootErrors = inventory.scanErrors.filter((e) => roots.includes(e.path));
  const said = (e: { path: string; message: string }) => `${dirs[roots.indexOf(e.path)]}: ${e.message}`;
  // No root can be read: one line that says which and why (e.g. "out/: no such file or folder").
  if (rootErrors.length === dirs.length) {
    throw new CliError(rootErrors.length === 1 ? said(rootErrors[0]) : `none of the folders can be read: ${rootErrors.map(said).join('; ')}`, EXIT.error);
  }
  for (const e of rootErrors) io.stderr.write(`analyze: ${said(e)}\n`);
  if (inventory.runs.length === 0) {
    const where = dirs.join(', ');
    throw new CliError(
      `no output files found under ${where}${(inventory.skipped?.length ?? 0) > 0 ? ` (${inventory.skipped!.length} skipped as non-outputs; --include '**/*' reads them)` : ''}`,
      EXIT.error,
    );
  }
  return inventory;
}

/** Where a run came from, as the user would type it. */
export function runPath(run: Run): string {
  return run.file;
}

/** The inventory block: counts, then every file that is not ok with its reason. */
export function formatInventory(inv: Inventory): string {
  const total = inv.runs.length;
  const parts = RUN_STATUSES.map((s) => `${inv.counts[s]} ${s}`);
  const load = inv.runs.filter((r) => r.status === 'ok' && r.factors.phase === 'load').length;
  let out = `Inventory: ${total} ${total === 1 ? 'input' : 'inputs'} — ${parts.join(', ')}`;
  if (load > 0) out += ` (${load} of the ok ones are load-phase files)`;
  out += '\n';
  for (const e of inv.scanErrors) out += `  scan-error  ${e.path}: ${e.message}\n`;
  const skipped = inv.skipped ?? [];
  if (skipped.length > 0) {
    const shown = skipped.slice(0, 5).map((s) => `${s.path} (${s.reason})`).join(', ');
    out += `  skipped     ${skipped.length} ${skipped.length === 1 ? 'file that is not an output' : 'files that are not outputs'}: ${shown}${skipped.length > 5 ? ', …' : ''} (--include '**/*' reads them)\n`;
  }
  const bad = inv.runs.filter((r) => r.status !== 'ok');
  for (const r of bad) {
    const d = r.diagnostics.find((x) => x.severity === 'error') ?? r.diagnostics[0];
    const reason = d ? formatDiagnostic(r.file, { ...d, message: withoutStatus(r.status, d.message) }) : `${r.file}: (no reason given)`;
    out += `  ${r.status.padEnd(10)}  ${reason}\n`;
  }
  const conflicts = inv.runs.filter((r) => r.origin.conflicts.length > 0);
  for (const r of conflicts.slice(0, 10)) {
    for (const c of r.origin.conflicts) {
      out += `  conflict    ${r.file}: ${c.factor} is ${JSON.stringify(c.name)} in the name but ${JSON.stringify(c.content)} in the content\n`;
    }
  }
  if (conflicts.length > 10) out += `  … and ${conflicts.length - 10} more files with name/content conflicts (see --json)\n`;
  const ambiguous = inv.runs.filter((r) => r.origin.ambiguities.length > 0 && (r.status === 'ok' || r.status === 'failed' || r.status === 'partial'));
  for (const r of ambiguous.slice(0, 5)) out += `  ambiguous   ${r.file}: ${withoutFile(r.file, r.origin.ambiguities[0])}\n`;
  if (ambiguous.length > 5) out += `  … and ${ambiguous.length - 5} more files with ambiguous names (run \`analyze scheme <dir>\`)\n`;
  return out;
}

/** Factor levels found among the runs that count (ok, failed, partial). */
export function formatLevels(inv: Inventory): string {
  const levels = new Map<string, Set<string>>();
  for (const r of inv.runs) {
    if (r.status === 'duplicate' || r.status === 'not-ycsb' || r.status === 'unreadable') continue;
    for (const [k, v] of Object.entries(r.factors)) {
      if (!levels.has(k)) levels.set(k, new Set());
      levels.get(k)!.add(v);
    }
  }
  if (levels.size === 0) return 'Factors: none found\n';
  let out = 'Factors:\n';
  const names = [...levels.keys()].sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  const w = Math.max(...names.map((n) => n.length));
  for (const n of names) {
    const vals = [...levels.get(n)!].sort(compareLevels);
    const shown = vals.length > 12 && vals.every((v) => /^\d+$/.test(v)) ? `${vals[0]}..${vals[vals.length - 1]} (${vals.length} levels)` : vals.join(', ');
    out += `  ${n.padEnd(w)}  ${shown}\n`;
  }
  return out;
}

const FACTOR_ORDER = ['db', 'phase', 'workload', 'rf', 'nodes', 'recordcount', 'operationcount', 'threads', 'rep'];
function order(name: string): number {
  const i = FACTOR_ORDER.indexOf(name);
  return i < 0 ? FACTOR_ORDER.length : i;
}
