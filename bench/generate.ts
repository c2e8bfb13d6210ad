/**
 * Write a synthetic campaign in the study's format (fixtures/generator.ts), seeded, to a folder
 * under /tmp or reports/. Files are generated and written one at a time: a campaign of 100,000
 * files never sits in memory.
 *
 * ```
 * npx tsx bench/generate.ts --out /tmp/camp --reps 30                       # the study's shape: 36 configurations × 30
 * npx tsx bench/generate.ts --out /tmp/big --files 100000 --status 1 --seconds 60
 * npx tsx bench/generate.ts --out /tmp/x --dbs cassandra,hbase --workloads a,b,c --rfs 1,2 --reps 5 \
 *     --failure-rate 0.01 --truncate-rate 0.01 --stall-rate 0.05 --seed 7
 * ```
 * Configurations are dbs × workloads × rfs (default: cassandra, hbase, citus × a–d × 1–3 = 36, the study);
 * `--files N` picks the repetitions so that configurations × reps ≥ N. Run length: `--intervals K`
 * status lines, or `--seconds S` (S / status interval). The folder must be new, empty, or one this
 * script wrote before (it carries a `.ycsb-bench-campaign` marker); it is emptied first.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { iterateCampaign, type CampaignSpec } from '../fixtures/generator.js';

export const MARKER = '.ycsb-bench-campaign';
const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface WriteResult {
  dir: string;
  files: number;
  bytes: number;
  kinds: Record<string, number>;
  seconds: number;
}

function inside(child: string, parent: string): boolean {
  const r = relative(parent, child);
  return r !== '' && !r.startsWith('..') && !r.startsWith(sep) && r !== '..';
}

/** Refuse any folder outside /tmp (os.tmpdir()) and <repo>/reports, and any non-empty folder we did not write. */
export function checkOutDir(dir: string): string {
  const abs = resolve(dir);
  const roots = [...new Set([resolve(tmpdir()), '/tmp', join(REPO, 'reports')])];
  if (!roots.some((r) => inside(abs, r))) {
    throw new Error(`--out ${dir}: expected a folder under ${roots.join(' or ')}, found ${abs}`);
  }
  if (existsSync(abs)) {
    const entries = readdirSync(abs);
    if (entries.length > 0 && !entries.includes(MARKER)) {
      throw new Error(`--out ${dir}: the folder is not empty and was not written by bench/generate.ts; choose a new folder`);
    }
  }
  return abs;
}

/** Write the campaign to `dir` (emptied first, see {@link checkOutDir}). */
export function writeCampaign(dir: string, spec: CampaignSpec, onFile?: (n: number) => void): WriteResult {
  const abs = checkOutDir(dir);
  const t0 = performance.now();
  rmSync(abs, { recursive: true, force: true });
  mkdirSync(abs, { recursive: true });
  writeFileSync(join(abs, MARKER), JSON.stringify(spec) + '\n');
  let files = 0;
  let bytes = 0;
  const kinds: Record<string, number> = {};
  for (const f of iterateCampaign(spec)) {
    writeFileSync(join(abs, f.name), f.text);
    files++;
    bytes += Buffer.byteLength(f.text);
    kinds[f.kind] = (kinds[f.kind] ?? 0) + 1;
    onFile?.(files);
  }
  return { dir: abs, files, bytes, kinds, seconds: (performance.now() - t0) / 1000 };
}

/** The study's shape: Cassandra, HBase, Citus × workloads a–d × rf 1–3. */
export const STUDY_SHAPE = { dbs: ['cassandra', 'hbase', 'citus'], workloads: ['a', 'b', 'c', 'd'], rfs: [1, 2, 3] };

export interface GenerateArgs {
  out: string;
  spec: CampaignSpec;
}

/** Parse the command line (see the header comment). */
export function parseArgs(argv: string[]): GenerateArgs {
  const get = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`expected --option value, found ${JSON.stringify(a)}`);
    const eq = a.indexOf('=');
    if (eq > 0) get.set(a.slice(2, eq), a.slice(eq + 1));
    else {
      if (i + 1 >= argv.length) throw new Error(`${a}: expected a value`);
      get.set(a.slice(2), argv[++i]);
    }
  }
  const known = ['out', 'dbs', 'workloads', 'rfs', 'reps', 'files', 'intervals', 'seconds', 'status', 'failure-rate', 'truncate-rate', 'stall-rate', 'seed', 'operationcount', 'load-files'];
  for (const k of get.keys()) if (!known.includes(k)) throw new Error(`--${k}: unknown option; expected one of ${known.map((x) => `--${x}`).join(', ')}`);
  const out = get.get('out');
  if (!out) throw new Error('--out DIR is required (a folder under /tmp or reports/)');
  const listOf = (k: string, d: string[]) => (get.has(k) ? get.get(k)!.split(',').map((s) => s.trim()).filter(Boolean) : d);
  const num = (k: string, d: number, ok: (v: number) => boolean = (v) => Number.isFinite(v)) => {
    if (!get.has(k)) return d;
    const v = Number(get.get(k));
    if (!ok(v)) throw new Error(`--${k}: invalid value ${JSON.stringify(get.get(k))}`);
    return v;
  };
  const int1 = (v: number) => Number.isInteger(v) && v >= 1;
  const rate = (v: number) => v >= 0 && v <= 1;
  const dbs = listOf('dbs', STUDY_SHAPE.dbs);
  const workloads = listOf('workloads', STUDY_SHAPE.workloads);
  const rfs = listOf('rfs', STUDY_SHAPE.rfs.map(String)).map(Number);
  if (rfs.some((r) => !int1(r))) throw new Error('--rfs: expected whole numbers ≥ 1');
  const configs = dbs.length * workloads.length * rfs.length;
  const files = num('files', 0, (v) => Number.isInteger(v) && v >= 0);
  const reps = files > 0 ? Math.ceil(files / configs) : num('reps', 30, int1);
  const status = num('status', 10, int1);
  const intervals = get.has('seconds') ? Math.max(1, Math.round(num('seconds', 0, (v) => v > 0) / status)) : num('intervals', 22, int1);
  return {
    out,
    spec: {
      dbs,
      workloads,
      rfs,
      reps,
      intervals,
      statusInterval: status,
      // Large enough that every run lasts its full length.
      operationcount: num('operationcount', 1_000_000_000, int1),
      failureRate: num('failure-rate', 0.005, rate),
      truncateRate: num('truncate-rate', 0.005, rate),
      stallRate: num('stall-rate', 0.03, rate),
      seed: num('seed', 1, (v) => Number.isInteger(v)),
      loadFiles: get.get('load-files') !== 'false',
    },
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const { out, spec } = parseArgs(process.argv.slice(2));
    const tty = process.stderr.isTTY;
    const r = writeCampaign(out, spec, tty ? (n) => n % 1000 === 0 && process.stderr.write(`\r${n} files`) : undefined);
    if (tty) process.stderr.write('\r\x1b[K');
    const configs = spec.dbs!.length * spec.workloads!.length * spec.rfs!.length;
    console.log(
      `wrote ${r.files} files (${configs} configurations × ${spec.reps} reps${spec.loadFiles ? " + load files" : ""}; ${JSON.stringify(r.kinds)}), ` +
        `${(r.bytes / 2 ** 20).toFixed(1)} MiB, status every ${spec.statusInterval} s × ${spec.intervals}, to ${r.dir} in ${r.seconds.toFixed(1)} s`,
    );
  } catch (err) {
    console.error(`bench/generate: ${(err as Error).message}`);
    process.exit(2);
  }
}
