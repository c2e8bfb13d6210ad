/**
 * What every command that reads a campaign shares: its input options, declared by
 * {@link addInputOptions}, and one loader, {@link loadInputs}, that reads the folders with them.
 */
import { isAbsolute, resolve } from 'node:path';
import type { Command } from 'commander';
import { loadRuns, loadRunsThreaded, type LoadOptions } from '../ingest/load.js';
import { checkTemplate, type TemplateProblem } from '../ingest/scheme/index.js';
import { compareLevels, formatDiagnostic, RARE_STATUSES, RUN_STATUSES, type Inventory, type Run, type RunStatus } from '../model/index.js';
import { CliError, EXIT, type Io } from './io.js';
import { truncate, wrapText } from './format.js';
import { withoutStatus } from './render.js';
import { leanRun, leanRunExceptLoad } from './lean.js';
import { collect, list, parseChoice } from './options.js';

/** An ambiguity text without a leading repetition of the file name. */
function withoutFile(file: string, text: string): string {
  return text.startsWith(`${file}: `) ? text.slice(file.length + 2) : text;
}

/** The input options as commander parses them (see {@link addInputOptions}). */
export interface InputOptions {
  include?: string[];
  exclude?: string[];
  scheme?: string[];
  /** Only where the command reads CSV tables (`tables: true`). */
  factors?: string;
}

/**
 * Declare the input options of a command that reads a campaign: --include, --exclude and --scheme,
 * and with `tables` (the commands that read CSV tables of runs too) --factors. Its action loads the
 * folders with {@link loadInputs}.
 */
export function addInputOptions(cmd: Command, { tables = true }: { tables?: boolean } = {}): Command {
  cmd
    .option('--include <glob>', 'only files matching this glob (repeatable)', collect)
    .option('--exclude <glob>', 'skip files matching this glob (repeatable)', collect)
    .option('--scheme <template>', "file-name template, e.g. '{db}-exec-{nodes}-{recordcount}-{workload}-{rep}-rf_{rf}' (repeatable; {_} ignores a token)", collect);
  if (tables) cmd.option('--factors <list>', 'for CSV input: the factor columns, comma-separated');
  return cmd;
}

/** How a command loads, besides its input options. */
export interface LoadHow {
  /** For CSV input: metric columns to read (the summary's --metric). */
  metricColumns?: string[];
  /** See LoadOptions.onRun (e.g. leanRun of ./lean.ts). */
  onRun?: (run: Run) => void;
  /** What to keep of the status-line series (see LoadOptions.series). Default 'throughput' (what the
   * analysis and the report read); 'full' for `export --format json`, which writes every sample. */
  series?: 'full' | 'throughput';
  /**
   * What a campaign with no run in it is: 'error' (the default: nothing to analyse), or 'allowed' for
   * gaps and fill, which can plan a campaign not run yet from its experiment file.
   */
  empty?: 'error' | 'allowed';
  /**
   * What it is when no folder given can be read (e.g. does not exist): 'error' (the default: one line
   * naming each folder and why), or 'allowed' for a campaign not run yet whose experiment file says
   * what it lacks (the folder is still named on stderr).
   */
  absent?: 'error' | 'allowed';
}

/** A --scheme that cannot be what the user meant, as one line that says what to write instead. */
function schemeError(template: string, p: TemplateProblem): CliError {
  const t = `--scheme '${template}'`;
  if (p.kind === 'near-miss') {
    const alias = p.canonical !== p.known ? ` (${p.canonical})` : '';
    return new CliError(
      `${t}: {${p.placeholder}} is not a factor the tool knows; did you mean {${p.known}}${alias}? Write --scheme '${p.fixed}' (a factor of your own needs a name that is not one or two letters off a known one)`,
      EXIT.usage,
    );
  }
  const fix = p.suggestion !== undefined ? `e.g. --scheme '${p.suggestion}'` : 'see the patterns with `analyze scheme <dir>`';
  return new CliError(
    `${t} reads none of the ${p.files} ${p.files === 1 ? 'file' : 'files'} found (e.g. '${p.example}'): a scheme matches the end of each path (the file name, and the folders above it when it holds '/'); write one for names such as that one, ${fix}`,
    EXIT.usage,
  );
}

/**
 * --scheme templates checked against the data (see checkTemplate): before loading, a factor name
 * one or two letters off a known one; after (`paths` given: the files read), a template that reads
 * none of them. A template that does not compile is left to the loader, which says where it fails.
 */
export function checkSchemes(templates: readonly string[], paths?: readonly string[]): void {
  for (const t of templates) {
    let problem: TemplateProblem | undefined;
    try {
      problem = checkTemplate(t, paths);
    } catch {
      continue;
    }
    if (problem) throw schemeError(t, problem);
  }
}

/** Below this many files, starting worker threads costs more than it saves. */
const THREADS_MIN_FILES = 2_000;

/** YCSB_ANALYZE_READAHEAD=auto|on|off (see LoadOptions.readAhead); unset or empty: auto. */
export function readAheadMode(value: string | undefined): 'auto' | 'on' | 'off' {
  if (value === undefined || value === '') return 'auto';
  return parseChoice('YCSB_ANALYZE_READAHEAD', value, ['auto', 'on', 'off'], 'YCSB_ANALYZE_READAHEAD');
}

/**
 * The one loader of the commands that read a campaign.
 *
 * 1. resolve the folders against the working directory
 * 2. load every file with the input options (--include, --exclude, --scheme, --factors), the
 *    read-ahead mode of YCSB_ANALYZE_READAHEAD, and progress on a terminal; with many files and a
 *    lean-run hook, on worker threads
 * 3. name the folders as the user gave them; none can be read: an error in one line (unless
 *    `how.absent` allows it), else each that cannot be read is said on stderr
 * 4. a --scheme that reads none of the files: an error (a near miss of a known factor name is
 *    one before step 2; see checkSchemes)
 * 5. no run at all: an error, unless `how.empty` allows it
 */
export async function loadInputs(dirs: string[], opts: InputOptions, io: Io, how: LoadHow = {}): Promise<Inventory> {
  const { metricColumns, onRun } = how;
  if (dirs.length === 0) throw new CliError('expected at least one folder or file to read, found none (try `analyze fixtures/campaign`)', EXIT.usage);
  const roots = dirs.map((d) => (isAbsolute(d) ? d : resolve(io.cwd, d)));
  checkSchemes(opts.scheme ?? []);
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
      // ambiguities name their fix as this flag
      templateFlag: '--scheme',
      table: { factors: opts.factors ? list(opts.factors) : undefined, metrics: metricColumns },
      series: how.series ?? 'throughput',
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
  if (rootErrors.length === dirs.length && how.absent !== 'allowed') {
    throw new CliError(rootErrors.length === 1 ? said(rootErrors[0]) : `none of the folders can be read: ${rootErrors.map(said).join('; ')}`, EXIT.error);
  }
  for (const e of rootErrors) io.stderr.write(`analyze: ${said(e)}\n`);
  if ((opts.scheme?.length ?? 0) > 0 && inventory.runs.length > 0) {
    // the files a scheme could be meant for: outputs first (the example named is one of them)
    const usable = (r: Run) => r.status === 'ok' || r.status === 'failed' || r.status === 'partial';
    const paths = [...new Set([...inventory.runs.filter(usable), ...inventory.runs.filter((r) => !usable(r))].filter((r) => r.format !== 'table').map((r) => r.invocation?.path ?? r.file))];
    checkSchemes(opts.scheme ?? [], paths);
  }
  if (inventory.runs.length === 0 && how.empty !== 'allowed') {
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

/** The statuses an inventory line shows: every one of RUN_STATUSES, and a rare one (empty,
 * conflict, skipped) only when some input has it. */
export function shownStatuses(inv: Inventory): RunStatus[] {
  return [...RUN_STATUSES, ...RARE_STATUSES.filter((s) => (inv.counts[s] ?? 0) > 0)];
}

/** `a.txt: 2 YCSB invocations, read as runs #1 (lines 1–40), #2 (lines 41–80)` for each file read as
 * several runs (named a.txt#1, a.txt#2), in order. */
export function invocationLines(inv: Inventory): string[] {
  const byPath = new Map<string, Run[]>();
  for (const r of inv.runs) {
    if (!r.invocation) continue;
    const list = byPath.get(r.invocation.path);
    if (list) list.push(r);
    else byPath.set(r.invocation.path, [r]);
  }
  return [...byPath].map(([path, runs]) => `${path}: ${runs.length} YCSB invocations, read as runs ${runs.map((r) => `#${r.invocation!.index} (lines ${r.invocation!.fromLine}–${r.invocation!.toLine})`).join(', ')}`);
}

/**
 * The inventory as `--json` prints it: roots, counts, scan errors, the skipped files, and every
 * input in `files`: each run (`file`, or `file#k` with its `invocation` and line range when the
 * file holds several), then each skipped file with the status skipped and the rule that skipped it.
 */
export function inventoryJson(inv: Inventory): Record<string, unknown> {
  const files: Record<string, unknown>[] = inv.runs.map((r) => ({ file: r.file, status: r.status, invocation: r.invocation, factors: r.factors, diagnostics: r.diagnostics }));
  for (const s of inv.skipped ?? []) files.push({ file: s.path, status: 'skipped', reason: s.reason });
  // (notices only when there are some: the key is absent otherwise)
  return { roots: inv.roots, counts: inv.counts, scanErrors: inv.scanErrors, skipped: inv.skipped, ...(inv.notices ? { notices: inv.notices } : {}), files };
}

/** The inventory block: counts, the loader's notices, then every file that is not ok with its reason,
 * then the runs combined from several client outputs (one line each). */
export function formatInventory(inv: Inventory): string {
  const inputs = inv.runs.filter((r) => r.combined === undefined);
  const skippedCount = inv.counts.skipped ?? 0;
  const total = inputs.length + skippedCount;
  const parts = shownStatuses(inv).map((s) => `${inv.counts[s] ?? 0} ${s}`);
  const load = inputs.filter((r) => r.status === 'ok' && r.factors.phase === 'load').length;
  let out = `Inventory: ${total} ${total === 1 ? 'input' : 'inputs'} — ${parts.join(', ')}`;
  if (load > 0) out += ` (${load} of the ok ones are load-phase files)`;
  out += '\n';
  for (const e of inv.scanErrors) out += `  scan-error  ${e.path}: ${e.message}\n`;
  const skipped = inv.skipped ?? [];
  if (skipped.length > 0) {
    const shown = skipped.slice(0, 5).map((s) => `${s.path} (${s.reason})`).join(', ');
    out += `  skipped     ${skipped.length} ${skipped.length === 1 ? 'file that is not an output' : 'files that are not outputs'}: ${shown}${skipped.length > 5 ? ', …' : ''} (--include '**/*' reads them)\n`;
  }
  // what the loader decided about the campaign as a whole (folders or content properties that became factors …)
  for (const n of inv.notices ?? []) out += `  notice      ${n}\n`;
  const split = invocationLines(inv);
  for (const l of split.slice(0, 5)) out += `  split       ${l}\n`;
  if (split.length > 5) out += `  … and ${split.length - 5} more files holding several YCSB invocations (see --json)\n`;
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
  // a name's ambiguity once per file (the runs of a file's several invocations share its name)
  const ambiguousPaths = new Set<string>();
  const ambiguous = inv.runs.filter((r) => {
    if (r.origin.ambiguities.length === 0 || !(r.status === 'ok' || r.status === 'failed' || r.status === 'partial')) return false;
    const path = r.invocation?.path ?? r.file;
    if (ambiguousPaths.has(path)) return false;
    ambiguousPaths.add(path);
    return true;
  });
  for (const r of ambiguous.slice(0, 5)) {
    const path = r.invocation?.path ?? r.file;
    out += `  ambiguous   ${path}: ${withoutFile(path, r.origin.ambiguities[0])}\n`;
  }
  if (ambiguous.length > 5) out += `  … and ${ambiguous.length - 5} more files with ambiguous names (run \`analyze scheme <dir>\`)\n`;
  for (const r of inv.runs) {
    if (r.combined) out += `  combined    ${r.file}: ${r.combined.clients.length} client outputs that ran at the same time, counted as one run: ${r.combined.clients.join(', ')}\n`;
  }
  return out;
}

/**
 * The inventory in a few lines, for the summary's default view, within `width`: the counts, the
 * loader's notices in full (wrapped), up to five inputs that are not ok (one line each, cut to the
 * width), a count of the conflicting, ambiguous, split and combined files, and the factor levels on
 * a few lines. `--detail` prints {@link formatInventory} and {@link formatLevels} instead.
 */
export function formatInventoryCompact(inv: Inventory, width: number): string {
  // what the lines below count, in one pass over the runs
  let inputs = 0;
  let load = 0;
  let conflicts = 0;
  const bad: Run[] = [];
  const combined: Run[] = [];
  const ambiguous: Run[] = [];
  const split = new Set<string>(); // files read as several runs (invocationLines)
  for (const r of inv.runs) {
    if (r.invocation) split.add(r.invocation.path);
    if (r.combined === undefined) {
      inputs++;
      if (r.status === 'ok' && r.factors.phase === 'load') load++;
    } else {
      combined.push(r);
    }
    if (r.status !== 'ok') bad.push(r);
    if (r.origin.conflicts.length > 0) conflicts++;
    if (r.origin.ambiguities.length > 0 && (r.status === 'ok' || r.status === 'failed' || r.status === 'partial')) ambiguous.push(r);
  }
  const total = inputs + (inv.counts.skipped ?? 0);
  const parts = shownStatuses(inv).filter((s) => (inv.counts[s] ?? 0) > 0).map((s) => `${inv.counts[s]} ${s}`);
  let out = wrapText(`Inventory: ${total} ${total === 1 ? 'input' : 'inputs'} — ${parts.join(', ') || 'none'}${load > 0 ? ` (${load} of the ok ones are load-phase files)` : ''}`, width).join('\n') + '\n';
  const line = (status: string, text: string) => (out += truncate(`  ${status.padEnd(10)}  ${text}`, width) + '\n');
  const count = (text: string) => (out += wrapText(text, width, '  ', '    ').join('\n') + '\n');
  for (const e of inv.scanErrors) line('scan-error', `${e.path}: ${e.message}`);
  const skipped = inv.skipped ?? [];
  if (skipped.length > 0) line('skipped', `${skipped.length} ${skipped.length === 1 ? 'file that is not an output' : 'files that are not outputs'} (--include '**/*' reads them)`);
  // what the loader decided about the campaign as a whole: said in full, it changes what a run is
  for (const n of inv.notices ?? []) out += wrapText(n, width, `  ${'notice'.padEnd(10)}  `, ' '.repeat(14)).join('\n') + '\n';
  for (const r of bad.slice(0, 5)) {
    const d = r.diagnostics.find((x) => x.severity === 'error') ?? r.diagnostics[0];
    line(r.status, d ? formatDiagnostic(r.file, { ...d, message: withoutStatus(r.status, d.message) }) : r.file);
  }
  if (bad.length > 5) count(`… and ${bad.length - 5} more inputs that are not ok (--detail lists each with its reason)`);
  if (split.size) count(`${split.size} ${split.size === 1 ? 'file holds' : 'files hold'} several YCSB invocations, read as one run each (--detail)`);
  if (combined.length) {
    const clients = combined.reduce((t, r) => t + r.combined!.clients.length, 0);
    count(`${combined.length} ${combined.length === 1 ? 'run is' : 'runs are'} combined from ${clients} client outputs that ran at the same time (--detail)`);
  }
  if (conflicts) count(`${conflicts} ${conflicts === 1 ? 'file has' : 'files have'} factors that differ between name and content (--detail)`);
  // the first ambiguous name in full (it says what to write), the others counted
  const ambiguousPaths = new Set(ambiguous.map((r) => r.invocation?.path ?? r.file));
  if (ambiguous.length > 0) {
    const path = ambiguous[0].invocation?.path ?? ambiguous[0].file;
    out += wrapText(`${path}: ${withoutFile(path, ambiguous[0].origin.ambiguities[0])}`, width, `  ${'ambiguous'.padEnd(10)}  `, ' '.repeat(14)).join('\n') + '\n';
    if (ambiguousPaths.size > 1) count(`… and ${ambiguousPaths.size - 1} more files with ambiguous names (run \`analyze scheme <dir>\`)`);
  }
  const levels = factorLevels(inv);
  if (levels.size === 0) return out + 'Factors: none found\n';
  const shown = sortedFactors(levels).map((n) => {
    const vals = [...levels.get(n)!].sort(compareLevels);
    return `${n} ${vals.length > 12 && vals.every((v) => /^\d+$/.test(v)) ? `${vals[0]}..${vals[vals.length - 1]}` : vals.join(', ')}`;
  });
  out += wrapText(`Factors: ${shown.join('; ')}`, width, '', '  ').join('\n') + '\n';
  return out;
}

/** Factor levels found among the runs that count (ok, failed, partial). */
function factorLevels(inv: Inventory): Map<string, Set<string>> {
  const levels = new Map<string, Set<string>>();
  for (const r of inv.runs) {
    if (r.status === 'duplicate' || r.status === 'not-ycsb' || r.status === 'unreadable' || r.status === 'empty' || r.status === 'conflict') continue;
    const factors = r.factors;
    for (const k in factors) {
      let seen = levels.get(k);
      if (seen === undefined) levels.set(k, (seen = new Set()));
      seen.add(factors[k]);
    }
  }
  return levels;
}

/** Factor names in the usual order (db, phase, workload, rf, …), the others after them in the
 * levels' order (alphabetically, numbers by value: the same in every locale). */
function sortedFactors(levels: Map<string, Set<string>>): string[] {
  return [...levels.keys()].sort((a, b) => order(a) - order(b) || compareLevels(a, b));
}

/** Factor levels found among the runs that count (ok, failed, partial). */
export function formatLevels(inv: Inventory): string {
  const levels = factorLevels(inv);
  if (levels.size === 0) return 'Factors: none found\n';
  let out = 'Factors:\n';
  const names = sortedFactors(levels);
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
