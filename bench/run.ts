/**
 * `npm run bench [-- --large] [-- --repeat N]`: ycsb-analyze against `cat`, against the lightest
 * script a user would write instead (bench/light-summary.sh) and against the old summary script, on
 * the same files, paired, in one run.
 *
 * ```
 * inputs: the study (../shared/data/…/YCSB-outputs, 1,089 files), a generated campaign (bench/generate.ts),
 *         with --large a generated 100,000-file campaign with 1-s status lines (> 2 GB; needs disk;
 *         --large-files N for a smaller one, to check the bench itself)
 *   for each input, page cache warmed first (one untimed cat), then N rounds, each running one after
 *   the other (ycsb-analyze and the light script K times a round: --analyze-runs), in child
 *   processes, without NODE_OPTIONS and NODE_EXTRA_CA_CERTS (see NODE_START_VARS; when the machine
 *   sets them, the study's ycsb-analyze is timed with them too, and an empty node program's start
 *   both ways):
 *     cat            find DIR -type f -exec cat {} + > /dev/null                  (the I/O floor)
 *     light script   bash bench/light-summary.sh DIR > /dev/null   ([OVERALL] throughput, mean and sd
 *                    per configuration: find + awk)
 *     light (Python) PY bench/light-summary.py DIR > /dev/null   (the same in Python, as most users
 *                    would write it; PY = the interpreter python3 runs, sys.executable, so that a
 *                    pyenv shim's start is not timed; left out without python3). Both print the same
 *                    lines: checked once per input, a difference is said on stderr
 *     ycsb-analyze   node dist/cli/bin.js DIR --group db,workload,rf > /dev/null   (the built CLI:
 *                    discover + read + parse + full analysis and text output; no report, no PDF)
 *     old script     bash bench/old-summary.sh DIR > /dev/null   (not with --no-old; on more than
 *                    --old-sample files, once on a sample, scaled)
 *   each measured with /usr/bin/time: wall and user+sys CPU (medians of all the runs), peak RSS;
 *   ratios (analyze/light, analyze/cat, old/analyze) of the medians, the bounds judged on them, and
 *   beside them the least–greatest of the ratios within each round (ycsb-analyze's and the light
 *   script's side: the median of the round's K runs). Bounds (issue 18): the study within 5× the
 *   light script; the large campaign within 3× of it and under 512 MB peak RSS; judged against each
 *   light script (the awk one is the lighter: the issue's own figures, 3.2× at 0.48–0.62 s, imply a
 *   script of 0.15–0.19 s, which is what the Python one takes on the machine measured)
 *   plus a stage breakdown in-process (bench/stages.ts on dist: discover+ingest vs analysis)
 *   then, when python3 can empty the page cache (posix_fadvise DONTNEED), one run each from a cold
 *   cache: cat, ycsb-analyze (read-ahead 'auto', the default: on when its probe reads look cold),
 *   ycsb-analyze with YCSB_ANALYZE_READAHEAD=off
 * ```
 * Options: --large (100,000 files), --large-files N (the large campaign's size instead of 100,000:
 * a small N checks the bench; its bounds are still printed, for the record, but they are the
 * 100,000 files'), --large-dir DIR (reuse or create it there), --keep (leave the generated
 * campaigns), --repeat N (rounds, default 3), --analyze-runs K (runs of ycsb-analyze and of the light
 * script a round, default 3; on the large campaign 1: a run of under a second is moved by a burst of
 * other work on the host far more than the old script's 40 s are), --large-repeat N (rounds on the
 * large campaign, default 3), --old-sample N (on --large, run the old script once on the first N
 * exec files and scale linearly; default 2000), --no-old (leave the old script out: its 40 s a
 * round on the study dominate a quick run), --no-generated (leave the generated 1,089-file
 * campaign out), --no-study.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MARKER, STUDY_SHAPE, writeCampaign } from './generate.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const STUDY = resolve(REPO, '../shared/data/ycsb/lucas-fs-ycsb-prom-metrics/YCSB-outputs');
const BIN = join(REPO, 'dist/cli/bin.js');
const STAGES = join(REPO, 'bench/stages.mjs');
const TIME = '/usr/bin/time';
const LOAD_AT_START = loadavg();
/** The interpreter `python3` runs (sys.executable: past a pyenv shim, whose start is not the
 * script's), or undefined without python3. */
const PYTHON: string | undefined = (() => {
  const r = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' });
  const exe = r.status === 0 ? r.stdout.trim() : '';
  return exe !== '' ? exe : undefined;
})();

/**
 * Variables that change how any `node` starts, whatever the program: NODE_OPTIONS (flags, preloads)
 * and NODE_EXTRA_CA_CERTS (Node ≤ 22 reads and parses that certificate file at every start, before
 * any JavaScript: on the machine measured, where it names the 200 KB system bundle, +60 ms a start;
 * the CLI makes no TLS connection). The timed contenders run without them (the old script and cat
 * are unaffected either way); what they cost here is measured and printed beside the results.
 */
const NODE_START_VARS = ['NODE_OPTIONS', 'NODE_EXTRA_CA_CERTS'] as const;
const CHILD_ENV: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !(NODE_START_VARS as readonly string[]).includes(k)));
/** The machine's own settings of NODE_START_VARS (empty when none is set). */
const MACHINE_NODE_VARS = NODE_START_VARS.filter((k) => process.env[k] !== undefined && process.env[k] !== '');

interface Measure {
  wall: number;
  cpu: number;
  rssMB: number;
  exit: number;
  stderr: string;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const flag = (name: string) => process.argv.includes(name);

/** A whole number ≥ 1 given as `name N`, or `fallback`; anything else stops the bench. */
function countArg(name: string, fallback: number): number {
  const v = arg(name);
  if (v === undefined) return fallback;
  if (!/^[1-9]\d*$/.test(v)) throw new Error(`${name}: expected a whole number of at least 1, found ${JSON.stringify(v)}`);
  return Number(v);
}

/** Run a shell command under /usr/bin/time (or without it: wall only), stdout to /dev/null; in
 * CHILD_ENV (`env`: another environment, e.g. the machine's own). */
function timed(cmd: string, env: NodeJS.ProcessEnv = CHILD_ENV): Measure {
  const hasTime = existsSync(TIME);
  const script = hasTime ? `${TIME} -f '@@TIME %e %U %S %M' sh -c '${cmd.replace(/'/g, `'\\''`)}' > /dev/null` : `${cmd} > /dev/null`;
  const t0 = performance.now();
  const r = spawnSync('sh', ['-c', script], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20, env });
  const wallJs = (performance.now() - t0) / 1000;
  const m = /@@TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr ?? '');
  return {
    wall: m ? Number(m[1]) : wallJs,
    cpu: m ? Number(m[2]) + Number(m[3]) : NaN,
    rssMB: m ? Number(m[4]) / 1024 : NaN,
    exit: r.status ?? -1,
    stderr: (r.stderr ?? '').replace(/@@TIME.*\n?/, '').slice(0, 2000),
  };
}

function q(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * The median wall and CPU (of the runs that succeeded, when any did), the largest RSS, and the first
 * failure of several runs of one command.
 */
function summarize(ms: Measure[]): Measure {
  const bad = ms.find((m) => m.exit !== 0);
  const good = ms.filter((m) => m.exit === 0);
  const use = good.length > 0 ? good : ms;
  return {
    wall: median(use.map((m) => m.wall)),
    cpu: median(use.map((m) => m.cpu)),
    rssMB: Math.max(...ms.map((m) => m.rssMB)),
    exit: bad?.exit ?? 0,
    stderr: bad?.stderr ?? '',
  };
}

function repeat(cmd: string, n: number, env?: NodeJS.ProcessEnv): Measure {
  const ms: Measure[] = [];
  for (let i = 0; i < n; i++) ms.push(timed(cmd, env));
  return summarize(ms);
}

/**
 * A wall-clock ratio two ways: of the medians (`ofMedians`, as every earlier pass measured it; the
 * targets are judged on it) and round by round (`rounds`: in each round the two sides ran one after
 * the other; a round where either side failed is left out and counted in `failed`).
 */
interface Ratio {
  ofMedians: number;
  rounds: number[];
  failed: number;
}

function ratio(ofMedians: number, pairs: [Measure, Measure][]): Ratio {
  const ok = pairs.filter(([a, b]) => a.exit === 0 && b.exit === 0);
  return { ofMedians, rounds: ok.map(([a, b]) => a.wall / Math.max(b.wall, 0.001)), failed: pairs.length - ok.length };
}

/** The rounds' least–greatest (`3.29–3.98`), `digits` after the point; `n/a` without rounds. */
function fmtRounds(r: Ratio, digits: number): string {
  if (r.rounds.length === 0) return 'n/a';
  const f = (x: number) => x.toFixed(digits);
  const lo = f(Math.min(...r.rounds));
  const hi = f(Math.max(...r.rounds));
  return (lo === hi ? lo : `${lo}–${hi}`) + (r.failed > 0 ? ` (${r.failed} failed)` : '');
}

/** `k of N rounds: a×, b×, c×`: how many rounds pass `ok` (judged on the value as printed, `digits` after the point), then every round. */
function roundsHeld(r: Ratio, digits: number, ok: (x: number) => boolean): string {
  const shown = r.rounds.map((x) => Number(x.toFixed(digits)));
  return `${shown.filter(ok).length} of ${shown.length} rounds: ${shown.map((x) => `${x.toFixed(digits)}×`).join(', ')}${r.failed > 0 ? `; ${r.failed} failed, left out` : ''}`;
}

function folderStats(dir: string): { files: number; bytes: number; exec: number } {
  let files = 0;
  let bytes = 0;
  let exec = 0;
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.')) continue;
    const st = statSync(join(dir, name));
    if (!st.isFile()) continue;
    files++;
    bytes += st.size;
    if (/-exec-.*\.txt$/.test(name)) exec++;
  }
  return { files, bytes, exec };
}

const fmtS = (s: number) => (s < 10 ? `${s.toFixed(2)} s` : `${s.toFixed(1)} s`);
const fmtMB = (m: number) => (Number.isFinite(m) ? `${Math.round(m)} MB` : 'n/a');

interface Row {
  input: string;
  files: number;
  mib: number;
  analyze: Measure;
  /** The same with --json: every interval computed (the text skips those it does not print). */
  analyzeJson?: Measure;
  /** The same (text) in the machine's own environment (opts.machineEnv: the study), when it sets NODE_START_VARS. */
  analyzeMachineEnv?: Measure;
  /** The old script (undefined with --no-old). */
  old?: Measure & { note?: string };
  cat: Measure;
  /** bench/light-summary.sh: the lightest script a user would write instead. */
  light: Measure;
  /** bench/light-summary.py: the same in Python (undefined without python3). */
  lightPy?: Measure;
  /** ycsb-analyze's wall over the Python light script's. */
  analyzeOverLightPy?: Ratio;
  /** The old script's wall over ycsb-analyze's (on a sampled input the one scaled estimate, also
   * in each round), ycsb-analyze's over cat's and over the light script's: of the medians, and
   * round by round. */
  oldOverAnalyze?: Ratio;
  analyzeOverCat: Ratio;
  analyzeOverLight: Ratio;
  /** The large campaign (--large): judged on its own bounds. */
  large: boolean;
  /** Rounds run. */
  rounds: number;
  /** ycsb-analyze's wall in each run that succeeded (K a round), in order. */
  analyzeRuns: number[];
  /** ycsb-analyze's runs a round. */
  perRound: number;
  stages?: string;
  /** Share of the input's bytes in the page cache right after the timed runs (fincore), if known. */
  resident?: number;
  /** One run each from a cold page cache (see evict), when the cache could be emptied; resident:
   * the largest share of the input fincore found cached just before one of the three runs. */
  cold?: { cat: Measure; analyze: Measure; noReadAhead: Measure; resident?: number };
}

/** Drops the page cache of each file under a folder: posix_fadvise(DONTNEED), which Node lacks. */
const EVICT_PY = `
import os, sys
for d, _, fs in os.walk(sys.argv[1]):
    for f in fs:
        try:
            fd = os.open(os.path.join(d, f), os.O_RDONLY)
            try: os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally: os.close(fd)
        except OSError: pass
`;

/**
 * Empty the page cache of the files under `dir` (python3's os.posix_fadvise: no root needed, clean
 * pages only); false when python3 is not there or fails. fincore, when there, says how well it worked.
 */
function evict(dir: string): boolean {
  const r = spawnSync('python3', ['-c', EVICT_PY, dir], { encoding: 'utf8' });
  return r.status === 0;
}

/**
 * Share of the bytes of the files under `dir` that are in the page cache (util-linux fincore), or
 * undefined when fincore is not there. "Warm page cache" is the method, but a machine may not keep
 * it: on the 2-core VMs used here DAMON reclaim pages out memory left untouched for a while, page
 * cache included (a campaign read a few minutes earlier can be two-thirds back on disk), and a
 * contender that reads from disk is timed with its disk.
 */
function residentShare(dir: string): number | undefined {
  const r = spawnSync('find', [dir, '-type', 'f', '-exec', 'fincore', '--bytes', '--noheadings', '--raw', '--output', 'RES,SIZE', '{}', '+'], {
    encoding: 'utf8',
    maxBuffer: 256 * 2 ** 20,
  });
  // (a file fincore cannot read makes find exit non-zero: the others' lines still count)
  if (!r.stdout) return undefined;
  let res = 0;
  let size = 0;
  for (const line of r.stdout.split('\n')) {
    const [a, b] = line.trim().split(/\s+/).map(Number);
    if (Number.isFinite(a) && Number.isFinite(b)) {
      res += Math.min(a, b);
      size += b;
    }
  }
  return size > 0 ? res / size : undefined;
}

function benchInput(input: string, dir: string, opts: { repeat: number; perRound: number; oldSample?: number; noOld: boolean; large?: boolean; group: string; json?: boolean; machineEnv?: boolean }): Row {
  const st = folderStats(dir);
  process.stderr.write(`\n${input}: ${st.files} files, ${(st.bytes / 2 ** 20).toFixed(1)} MiB in ${dir}\n`);
  // Warm the page cache so every contender reads from memory.
  const catCmd = `find ${q(dir)} -type f -exec cat {} + `;
  const analyzeCmd = `node ${q(BIN)} ${q(dir)} --group ${opts.group}`;
  const lightCmd = `bash ${q(join(REPO, 'bench/light-summary.sh'))} ${q(dir)}`;
  const lightPyCmd = PYTHON !== undefined ? `${q(PYTHON)} ${q(join(REPO, 'bench/light-summary.py'))} ${q(dir)}` : undefined;
  if (lightPyCmd !== undefined) {
    // the two light scripts print the same lines (same files, same arithmetic)
    const a = spawnSync('sh', ['-c', lightCmd], { encoding: 'utf8', maxBuffer: 256 * 2 ** 20, env: CHILD_ENV }).stdout;
    const b = spawnSync('sh', ['-c', lightPyCmd], { encoding: 'utf8', maxBuffer: 256 * 2 ** 20, env: CHILD_ENV }).stdout;
    if (a !== b) process.stderr.write('  the two light scripts print different lines: compare bench/light-summary.sh and .py on this input\n');
  }
  const oldCmd = (d: string) => `bash ${q(join(REPO, 'bench/old-summary.sh'))} ${q(d)}`;
  const sampled = opts.oldSample !== undefined && st.exec > opts.oldSample;
  const oldInRounds = !opts.noOld && !sampled;
  timed(catCmd);
  // Rounds: cat, the light script K times, ycsb-analyze K times (and the old script, unless it is
  // sampled or left out), one after the other: each round's ratios compare neighbours in time.
  const cats: Measure[] = [];
  const lights: Measure[] = []; // a round's K runs summarized (median wall and CPU)
  const lightAll: Measure[] = [];
  const lightPys: Measure[] = [];
  const lightPyAll: Measure[] = [];
  const analyses: Measure[] = []; // a round's K runs summarized (median wall and CPU)
  const analyzeAll: Measure[] = [];
  const olds: Measure[] = [];
  const times = opts.perRound > 1 ? ` ×${opts.perRound}` : '';
  for (let i = 0; i < opts.repeat; i++) {
    process.stderr.write(`  round ${i + 1}/${opts.repeat}: cat, light script${times}${lightPyCmd ? `, light (Python)${times}` : ''}, ycsb-analyze${times}${oldInRounds ? ', old script' : ''} …\n`);
    cats.push(timed(catCmd));
    const light: Measure[] = [];
    for (let k = 0; k < opts.perRound; k++) light.push(timed(lightCmd));
    lightAll.push(...light);
    lights.push(summarize(light));
    if (lightPyCmd !== undefined) {
      const py: Measure[] = [];
      for (let k = 0; k < opts.perRound; k++) py.push(timed(lightPyCmd));
      lightPyAll.push(...py);
      lightPys.push(summarize(py));
    }
    const mine: Measure[] = [];
    for (let k = 0; k < opts.perRound; k++) mine.push(timed(analyzeCmd));
    analyzeAll.push(...mine);
    analyses.push(summarize(mine));
    if (oldInRounds) olds.push(timed(oldCmd(dir)));
  }
  const cat = summarize(cats);
  const light = summarize(lightAll);
  if (light.exit !== 0) process.stderr.write(`  light script exited ${light.exit}: ${light.stderr}\n`);
  const lightPy = lightPyAll.length > 0 ? summarize(lightPyAll) : undefined;
  if (lightPy && lightPy.exit !== 0) process.stderr.write(`  light script (Python) exited ${lightPy.exit}: ${lightPy.stderr}\n`);
  const analyze = summarize(analyzeAll);
  if (analyze.exit !== 0) process.stderr.write(`  ycsb-analyze exited ${analyze.exit}: ${analyze.stderr}\n`);
  const analyzeJson = opts.json ? repeat(`${analyzeCmd} --json`, opts.repeat) : undefined;
  const analyzeMachineEnv = opts.machineEnv && MACHINE_NODE_VARS.length > 0 ? repeat(analyzeCmd, opts.repeat, process.env) : undefined;
  const resident = residentShare(dir);
  process.stderr.write('  stages …\n');
  const stages = spawnSync('node', ['--expose-gc', STAGES, dir, opts.group], { encoding: 'utf8', env: CHILD_ENV });
  let old: Row['old'];
  if (opts.noOld) {
    old = undefined;
  } else if (sampled) {
    // The old script on 100,000 files spawns over a million processes: run it on a sample of
    // the exec files (same folder, a glob that selects the first N) and scale linearly.
    process.stderr.write('  old script (sample) …\n');
    const sampleDir = mkdtempSync(join(tmpdir(), 'ycsb-old-sample-'));
    const names = readdirSync(dir).filter((n) => /-exec-.*\.txt$/.test(n)).slice(0, opts.oldSample);
    for (const n of names) spawnSync('ln', ['-s', join(dir, n), join(sampleDir, n)]);
    const m = timed(oldCmd(sampleDir));
    rmSync(sampleDir, { recursive: true, force: true });
    const k = st.exec / names.length;
    old = { ...m, wall: m.wall * k, cpu: m.cpu * k, note: `extrapolated ×${k.toFixed(1)} from ${names.length} files` };
  } else {
    old = summarize(olds);
  }
  const oldOverAnalyze = old
    ? ratio(
        old.wall / Math.max(analyze.wall, 0.001),
        analyses.map((m, i) => [sampled ? old : olds[i], m]),
      )
    : undefined;
  const analyzeOverCat = ratio(
    analyze.wall / Math.max(cat.wall, 0.001),
    analyses.map((m, i) => [m, cats[i]]),
  );
  const analyzeOverLight = ratio(
    analyze.wall / Math.max(light.wall, 0.001),
    analyses.map((m, i) => [m, lights[i]]),
  );
  const analyzeOverLightPy = lightPy
    ? ratio(
        analyze.wall / Math.max(lightPy.wall, 0.001),
        analyses.map((m, i) => [m, lightPys[i]]),
      )
    : undefined;
  // From a cold page cache (as a campaign just copied or not read for a while): one run each,
  // the cache emptied before each; the CLI with its read-ahead (the default) and without it.
  let cold: Row['cold'];
  if (evict(dir)) {
    process.stderr.write('  cold: cat, ycsb-analyze, ycsb-analyze without read-ahead …\n');
    // fincore before each run (when there): how much of the input was still cached, the largest share shown
    const shares: (number | undefined)[] = [residentShare(dir)];
    const coldCat = timed(`find ${q(dir)} -type f -exec cat {} + `);
    const evicted = evict(dir);
    shares.push(residentShare(dir));
    const coldAnalyze = timed(`node ${q(BIN)} ${q(dir)} --group ${opts.group}`);
    const evictedAgain = evict(dir);
    shares.push(residentShare(dir));
    const noReadAhead = evicted && evictedAgain ? timed(`YCSB_ANALYZE_READAHEAD=off node ${q(BIN)} ${q(dir)} --group ${opts.group}`) : undefined;
    const known = shares.filter((x): x is number => x !== undefined);
    if (noReadAhead) cold = { cat: coldCat, analyze: coldAnalyze, noReadAhead, resident: known.length > 0 ? Math.max(...known) : undefined };
    else process.stderr.write('  (the page cache could not be emptied again: cold runs left out)\n');
  } else process.stderr.write('  (no cold runs: python3 is needed to empty the page cache)\n');
  return { input, files: st.files, mib: st.bytes / 2 ** 20, analyze, analyzeJson, analyzeMachineEnv, old, cat, light, lightPy, oldOverAnalyze, analyzeOverCat, analyzeOverLight, analyzeOverLightPy, large: opts.large ?? false, rounds: opts.repeat, analyzeRuns: analyzeAll.filter((m) => m.exit === 0).map((m) => m.wall), perRound: opts.perRound, stages: (stages.stdout || stages.stderr).trim(), resident, cold };
}

/** `node -e 0` without NODE_START_VARS and, when the machine sets some, with them. */
interface NodeStartUp {
  clean: number;
  machine?: number;
}

/** A text table: the first column left-aligned, the others right-aligned, a rule under the head. */
function printTable(head: string[], table: string[][]): void {
  const w = head.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 1 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ');
  console.log(line(head));
  console.log(w.map((n) => '-'.repeat(n)).join('  '));
  for (const t of table) console.log(line(t));
}

function printRows(rows: Row[], startUp: NodeStartUp): void {
  const cpu = cpus();
  console.log(`\nycsb-analyze benchmark — ${new Date().toISOString().slice(0, 10)}`);
  console.log(
    `machine: ${cpu.length} cores (${cpu[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${process.platform}; ` +
      `load average at start ${LOAD_AT_START.map((x) => x.toFixed(1)).join(' ')} (other work on the machine inflates wall times)`,
  );
  console.log(
    `method: warm page cache; rounds of cat, the light script (K runs), ycsb-analyze (K runs) and the old script (once, on a sample, where marked *; "—" where left out) one after the other (${rows.map((r) => `${r.input}: ${r.rounds} rounds, K = ${r.perRound}`).join('; ')}); ` +
      'wall and CPU = median of all the runs (failed runs left out, marked "exit N"); CPU = user+sys; RSS = peak resident set (/usr/bin/time); ' +
      "wall ratios = ratio of the medians (bounds are judged on it), then the least–greatest of the ratios within each round (ycsb-analyze and the light script: the median of the round's K runs)",
  );
  console.log('ycsb-analyze = the built CLI (node dist/cli/bin.js DIR --group …): discover, read, parse, full analysis, text output; no report/PDF');
  console.log('light script = bench/light-summary.sh DIR: each run file\'s [OVERALL] throughput, mean and sd per configuration (find + awk); light (py) = bench/light-summary.py, the same in Python');
  console.log(
    `environment: every contender runs without ${NODE_START_VARS.join(' and ')} (they change how any node program starts); ` +
      (startUp.machine !== undefined
        ? `this machine sets ${MACHINE_NODE_VARS.join(', ')}: an empty node program starts in ${fmtS(startUp.clean)} without, ${fmtS(startUp.machine)} with (median of 7); the study is also timed with them, below\n`
        : `this machine sets neither: an empty node program starts in ${fmtS(startUp.clean)} (median of 7)\n`),
  );
  const head = ['input', 'files', 'MiB', 'ycsb-analyze', 'CPU', 'peak RSS', 'light script', 'CPU', 'light (py)', 'CPU', 'cat', 'CPU', 'analyze/light wall', 'by round', 'analyze/light py', 'by round', 'analyze/cat wall', 'by round', 'old script', 'old/analyze wall', 'by round'];
  const table = rows.map((r) => [
    r.input,
    String(r.files),
    r.mib.toFixed(1),
    fmtS(r.analyze.wall) + exit(r.analyze),
    fmtS(r.analyze.cpu),
    fmtMB(r.analyze.rssMB),
    fmtS(r.light.wall) + exit(r.light),
    fmtS(r.light.cpu),
    r.lightPy ? fmtS(r.lightPy.wall) + exit(r.lightPy) : '—',
    r.lightPy ? fmtS(r.lightPy.cpu) : '—',
    fmtS(r.cat.wall) + exit(r.cat),
    fmtS(r.cat.cpu),
    `${r.analyzeOverLight.ofMedians.toFixed(2)}×`,
    fmtRounds(r.analyzeOverLight, 2),
    r.analyzeOverLightPy ? `${r.analyzeOverLightPy.ofMedians.toFixed(2)}×` : '—',
    r.analyzeOverLightPy ? fmtRounds(r.analyzeOverLightPy, 2) : '—',
    `${r.analyzeOverCat.ofMedians.toFixed(2)}×`,
    fmtRounds(r.analyzeOverCat, 2),
    r.old ? fmtS(r.old.wall) + (r.old.note ? '*' : '') + exit(r.old) : '—',
    r.old && r.oldOverAnalyze ? `${r.oldOverAnalyze.ofMedians.toFixed(0)}×` : '—',
    // (on a sampled input the old script ran once: the range is ycsb-analyze's alone)
    r.oldOverAnalyze ? fmtRounds(r.oldOverAnalyze, 0) + (r.old?.note ? '*' : '') : '—',
  ]);
  printTable(head, table);
  for (const r of rows) if (r.old?.note) console.log(`* ${r.input}: old script ${r.old.note} (run once: its "by round" range is ycsb-analyze's alone)`);
  for (const r of rows) {
    if (r.resident !== undefined) console.log(`page cache after the ycsb-analyze runs: ${(100 * r.resident).toFixed(0)}% of ${r.input}'s bytes resident${r.resident < 0.95 ? ' (not all warm: read partly from disk, by every contender)' : ''}`);
  }
  const colds = rows.filter((r) => r.cold);
  if (colds.length > 0) {
    console.log('\ncold page cache (emptied with posix_fadvise before each run; one run each):');
    const ch = ['input', 'cat', 'ycsb-analyze', 'CPU', 'without read-ahead', 'analyze/cat', 'cached before (most of 3)'];
    const ct = colds.map((r) => [
      r.input,
      fmtS(r.cold!.cat.wall),
      fmtS(r.cold!.analyze.wall) + (r.cold!.analyze.exit !== 0 ? ` (exit ${r.cold!.analyze.exit})` : ''),
      fmtS(r.cold!.analyze.cpu),
      fmtS(r.cold!.noReadAhead.wall) + (r.cold!.noReadAhead.exit !== 0 ? ` (exit ${r.cold!.noReadAhead.exit})` : ''),
      `${(r.cold!.analyze.wall / Math.max(r.cold!.cat.wall, 0.001)).toFixed(1)}×`,
      r.cold!.resident === undefined ? 'n/a' : `${(100 * r.cold!.resident).toFixed(0)}%`,
    ]);
    printTable(ch, ct);
  }
  console.log('\nstages (in-process, dist library, one run):');
  for (const r of rows) console.log(`  ${r.input}: ${r.stages}`);
  console.log('\nbounds (issue 18; judged on the medians, then in how many rounds they held):');
  const verdict = (ok: boolean, m: Measure) => (m.exit !== 0 ? `FAILED (ycsb-analyze exit ${m.exit})` : ok ? 'MET' : 'MISSED');
  for (const r of rows) {
    const l = r.analyzeOverLight;
    if (r.input.startsWith('study')) {
      console.log(`  study within 5× the light script: ${l.ofMedians.toFixed(2)}× ${verdict(l.ofMedians <= 5, r.analyze)} (${roundsHeld(l, 2, (x) => x <= 5)})`);
      const p = r.analyzeOverLightPy;
      if (p) console.log(`  study within 5× the light script in Python: ${p.ofMedians.toFixed(2)}× ${verdict(p.ofMedians <= 5, r.analyze)} (${roundsHeld(p, 2, (x) => x <= 5)})`);
      if (r.old && r.oldOverAnalyze) {
        const o = r.oldOverAnalyze;
        console.log(
          `  (issue 6's targets: end to end < 1 s: ${fmtS(r.analyze.wall)}, ${r.analyzeRuns.filter((x) => x < 1).length} of ${r.analyzeRuns.length} runs; ` +
            `≥ 50× faster than the old script: ${o.ofMedians.toFixed(1)}× wall, ${(r.old.cpu / r.analyze.cpu).toFixed(0)}× CPU, ${roundsHeld(o, 1, (x) => x >= 50)})`,
        );
      } else {
        console.log(`  (the study end to end: ${fmtS(r.analyze.wall)}; ${r.analyzeRuns.filter((x) => x < 1).length} of ${r.analyzeRuns.length} runs under 1 s)`);
      }
      if (r.analyzeMachineEnv) {
        console.log(
          `  (with this machine's ${MACHINE_NODE_VARS.join(', ')}: ${fmtS(r.analyzeMachineEnv.wall)}${exit(r.analyzeMachineEnv)}, ${(r.analyzeMachineEnv.wall / Math.max(r.light.wall, 0.001)).toFixed(2)}× the light script, ratio of the medians)`,
        );
      }
      if (r.analyzeJson) {
        console.log(`  (with --json, every pairwise interval computed: ${fmtS(r.analyzeJson.wall)}${exit(r.analyzeJson)}, ${(r.analyzeJson.wall / Math.max(r.light.wall, 0.001)).toFixed(2)}× the light script, ratio of the medians)`);
      }
    }
    if (r.large) {
      const c = r.analyzeOverCat;
      const small = r.files < 100_000 ? ` [${r.files} files, not 100,000: the bounds are the 100,000 files', shown for the record]` : '';
      console.log(
        `  ${r.input}${small}: peak RSS < 512 MB: ${fmtMB(r.analyze.rssMB)} ${verdict(r.analyze.rssMB < 512, r.analyze)}; ` +
          `within 3× of the light script: ${l.ofMedians.toFixed(2)}× ${verdict(l.ofMedians <= 3, r.analyze)} (${roundsHeld(l, 2, (x) => x <= 3)}); ` +
          (r.analyzeOverLightPy ? `of the Python one: ${r.analyzeOverLightPy.ofMedians.toFixed(2)}× ${verdict(r.analyzeOverLightPy.ofMedians <= 3, r.analyze)}; ` : '') +
          `analyze/cat ${c.ofMedians.toFixed(2)}× (at 3× or less in ${roundsHeld(c, 2, (x) => x <= 3)})`,
      );
    }
  }
}

function exit(m: Measure): string {
  return m.exit !== 0 ? ` (exit ${m.exit})` : '';
}

async function main(): Promise<void> {
  if (!existsSync(BIN)) throw new Error(`${BIN} not found: run \`npm run build\` first (npm run bench does)`);
  const repeatN = countArg('--repeat', 3);
  const largeRepeat = countArg('--large-repeat', 3);
  const perRound = countArg('--analyze-runs', 3);
  const oldSample = countArg('--old-sample', 2000);
  const largeFiles = countArg('--large-files', 100_000);
  const noOld = flag('--no-old');
  const group = 'db,workload,rf';
  const work = mkdtempSync(join(tmpdir(), 'ycsb-bench-'));
  const rows: Row[] = [];
  const cleanup: string[] = [work];
  // an empty node program's start, median of 7
  const startUp: NodeStartUp = { clean: repeat('node -e 0', 7).wall, machine: MACHINE_NODE_VARS.length > 0 ? repeat('node -e 0', 7, process.env).wall : undefined };
  try {
    if (!flag('--no-study')) {
      if (existsSync(STUDY)) rows.push(benchInput('study (lucas-fs, real)', STUDY, { repeat: repeatN, perRound, noOld, group, json: true, machineEnv: true }));
      else process.stderr.write(`study data not found at ${STUDY}; skipped\n`);
    }
    if (!flag('--no-generated')) {
      // A generated campaign the size of the study, with 1-s status lines (a denser, harder input).
      const gen = join(work, 'generated');
      const g = writeCampaign(gen, { ...STUDY_SHAPE, reps: 30, intervals: 200, statusInterval: 1, operationcount: 1_000_000_000, failureRate: 0.005, truncateRate: 0.005, stallRate: 0.03, seed: 1 });
      process.stderr.write(`generated ${g.files} files in ${g.seconds.toFixed(1)} s\n`);
      rows.push(benchInput('generated 36×30, 1-s status, 200 s', gen, { repeat: repeatN, perRound, noOld, group }));
    }
    if (flag('--large')) {
      const largeDir = arg('--large-dir') ?? join(work, 'large');
      const configs = STUDY_SHAPE.dbs.length * STUDY_SHAPE.workloads.length * STUDY_SHAPE.rfs.length;
      const largeSpec = { ...STUDY_SHAPE, reps: Math.ceil(largeFiles / configs), intervals: 80, statusInterval: 1, operationcount: 1_000_000_000, failureRate: 0.005, truncateRate: 0.005, stallRate: 0.03, seed: 2, loadFiles: false };
      const expected = configs * largeSpec.reps;
      // reuse a folder this bench wrote with the same spec (the marker holds it), complete
      const marker = join(largeDir, MARKER);
      const reuse = existsSync(marker) && readFileSync(marker, 'utf8').trim() === JSON.stringify(largeSpec) && readdirSync(largeDir).length > expected;
      if (!reuse) {
        const df = spawnSync('df', ['-Pk', dirname(largeDir)], { encoding: 'utf8' }).stdout.trim().split('\n').pop()?.split(/\s+/);
        const freeGiB = Number(df?.[3] ?? 0) / 2 ** 20;
        const needGiB = 6 * (expected / 100_000);
        if (freeGiB < needGiB) throw new Error(`--large needs about ${(needGiB / 2).toFixed(1)} GiB free beside ${largeDir} (twice that to be safe); df says ${freeGiB.toFixed(1)} GiB`);
        process.stderr.write(`generating ${expected} files in ${largeDir} …\n`);
        const r = writeCampaign(largeDir, largeSpec);
        process.stderr.write(`generated ${r.files} files, ${(r.bytes / 2 ** 30).toFixed(2)} GiB in ${r.seconds.toFixed(0)} s\n`);
        if (!arg('--large-dir') || !flag('--keep')) cleanup.push(largeDir);
      }
      rows.push(benchInput(`generated ${expected.toLocaleString('en')} files, 1-s status, 80 s`, largeDir, { repeat: largeRepeat, perRound: 1, oldSample, noOld, large: true, group }));
    }
    printRows(rows, startUp);
  } finally {
    if (!flag('--keep')) for (const d of cleanup) rmSync(d, { recursive: true, force: true });
    else process.stderr.write(`kept ${cleanup.join(', ')}\n`);
  }
}

main().catch((err) => {
  console.error(`bench: ${(err as Error).message}`);
  process.exit(1);
});
