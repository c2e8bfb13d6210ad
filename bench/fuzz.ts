/**
 * Fuzz the ingest: mutate real and generated YCSB files and check that nothing crashes and every
 * file ends with a status and a reason.
 *
 * ```
 * seeds: fixtures/formats/*, fixtures/campaign/*, generated runs (1-s and 10-s status lines),
 *        and the study's files when ../shared/data is there
 * case i (seeded): pick a seed file, apply 1–3 mutations:
 *   truncate · flip bytes · duplicate lines · delete lines · huge numbers · NaN/Infinity ·
 *   invalid UTF-8 · NUL byte · CRLF/CR line ends · shuffle lines · empty · splice two files ·
 *   status-line edits at the edges of the lean status-line path (formats/status.ts)
 * fast path (every case): decode (the loader's) → parseOutputs; invariants checked; the lean parse
 *   (no per-operation stats) must read the same status, format and series (but for the samples'
 *   per-operation stats) as the full one
 * loader path (every `batch` cases): the batch written to a temp folder → loadRuns; every file
 *   must come back once with a status (as `file`, or as `file#1` … `#n` when it holds several
 *   invocations: a splice of two outputs); counts must add up
 * big lines (through the real loader): a 100 MB line of digits, of op blocks, of '[', appended to a run
 * ```
 * `npx tsx bench/fuzz.ts [--cases 10000] [--seed 1] [--batch 250] [--big-mb 100] [--no-big]`
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decode } from '../src/ingest/decode.js';
import { loadRuns } from '../src/ingest/load.js';
import { parseOutputs } from '../src/ingest/parse.js';
import { isDeepStrictEqual } from 'node:util';
import { RARE_STATUSES, RUN_STATUSES, type ParsedRun, type RunStatus } from '../src/model/index.js';
import { generateCampaign, mulberry32 } from '../fixtures/generator.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const STUDY = resolve(REPO, '../shared/data/ycsb/lucas-fs-ycsb-prom-metrics/YCSB-outputs');

export interface SeedFile {
  name: string;
  bytes: Uint8Array;
}

/** The seed corpus: the project's format fixtures, the demo campaign, generated runs, and up to `study` real files. */
export function seedCorpus(opts: { study?: number } = {}): SeedFile[] {
  const out: SeedFile[] = [];
  for (const dir of ['fixtures/formats', 'fixtures/campaign']) {
    const abs = join(REPO, dir);
    if (!existsSync(abs)) continue;
    for (const n of readdirSync(abs).sort()) out.push({ name: `${dir}/${n}`, bytes: readFileSync(join(abs, n)) });
  }
  for (const every of [1, 10]) {
    const gen = generateCampaign({ dbs: ['hbase'], workloads: ['a', 'c'], rfs: [2], reps: 2, seed: 99 + every, intervals: 30, statusInterval: every, failures: ['hbase/a/2/2'], truncations: ['hbase/c/2/1'] });
    for (const g of gen) out.push({ name: `generated-${every}s/${g.name}`, bytes: Buffer.from(g.text) });
  }
  const k = opts.study ?? 40;
  if (k > 0 && existsSync(STUDY)) {
    const names = readdirSync(STUDY).sort();
    // A spread over the study, including its two failed Citus runs and workload-d files.
    const picks = new Set<string>(names.filter((n) => /citus-exec-14-1000000-c-6-rf_1|citus-exec-14-1000000-d-1-rf_2/.test(n)));
    for (let i = 0; picks.size < k && i < names.length; i += Math.max(1, Math.floor(names.length / k))) picks.add(names[i]);
    for (const n of [...picks].sort()) out.push({ name: `study/${n}`, bytes: readFileSync(join(STUDY, n)) });
  }
  return out;
}

type Rand = () => number;
const int = (rand: Rand, n: number) => Math.floor(rand() * n);
const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[int(rand, xs.length)];

function lines(b: Uint8Array): string[] {
  return Buffer.from(b).toString('latin1').split('\n');
}
function join1(ls: string[]): Uint8Array {
  return Buffer.from(ls.join('\n'), 'latin1');
}

const HUGE = ['1e400', '-1e400', '99999999999999999999999999999', '9223372036854775807', '-9223372036854775808', '1.7976931348623157E308', '4.9E-324', '-0', '0x1F', '1e-400', '123456789012345678901234567890.5'];
const NANS = ['NaN', 'Infinity', '-Infinity', '∞', '', ' ', 'null', '-', '1,5', '1.2.3', '--3', '+7', '.5', '5.'];
const BAD_UTF8 = [[0xff], [0xc3], [0xe2, 0x82], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf5, 0x80, 0x80, 0x80], [0x80], [0xf0, 0x9f, 0x98]];

const THROUGHPUTS = ['-0', '0', '1,5', '12.', '.5', '1e3', '1234567890123456', '123456789012345', '0.000000000000001', 'NaN', '', '--1', '-12.5', '1.2.3', '7,', ',7'];
const TIMES = ['1234567890123456', '123456789012345', '0', '00012', '-5', '1.5', ''];
const BLOCK_NAMES = ['READ', 'UPDATE', 'INSERT', 'SCAN', 'READ-MODIFY-WRITE', 'CLEANUP', 'DELETE', 'READ-FAILED', 'READ-MODIFY-WRITE-FAILED', 'read', 'READS', 'FOO', 'INSERT-FAILED', ''];
/** Edits of one status line, each at an edge of the lean path (leanJavaBlocks, javaBlockShape in formats/status.ts). */
const STATUS_EDITS: ((line: string, rand: Rand) => string)[] = [
  (l, rand) => l.replace(/[^ ;]* current ops\/sec/, `${pick(rand, THROUGHPUTS)} current ops/sec`),
  (l, rand) => l.replace(/\d+ sec: /, `${pick(rand, TIMES)} sec: `),
  (l, rand) => l.replace(/sec: \d+ operations/, `sec: ${pick(rand, TIMES)} operations`),
  (l, rand) => {
    const at = int(rand, l.length + 1);
    return l.slice(0, at) + pick(rand, [' AverageLatency(us)=5', 'AverageLatency', ' sec: ', ' current ops/sec', '[', ']', ':', ' operations', '\r', '\t']) + l.slice(at);
  },
  (l, rand) => {
    // more blocks (up to 10), or fewer
    const m = l.match(/\[[^\]]*\]/g) ?? [];
    if (m.length === 0) return l;
    const extra = Array.from({ length: int(rand, 9) }, () => pick(rand, m)).join(' ');
    return rand() < 0.3 ? l.replace(/\[[^\]]*\]/, '') : `${l} ${extra}`;
  },
  (l, rand) => l.replace(/\[([A-Z-]+):/, `[${pick(rand, BLOCK_NAMES)}:`),
  (l, rand) => l.replace(/Count=\d+, Max=/, pick(rand, ['Count=, Max=', 'Count=5 Max=', 'Count=5,Max=', 'Count=x, Max=', 'Count=7, Max='])),
  (l, rand) => pick(rand, [' ', '\t', '[x] ', 'x', '|', '{']) + l,
  (l) => l.replace(/\]\s*$/, ''),
  (l) => `${l}\r`,
];

/** One mutation; its name says what it did (for reproducing a failure). */
export const MUTATIONS: Record<string, (b: Uint8Array, rand: Rand, other: Uint8Array) => Uint8Array> = {
  truncate: (b, rand) => b.subarray(0, int(rand, b.length + 1)),
  flipBytes: (b, rand) => {
    const c = Uint8Array.from(b);
    const n = 1 + int(rand, 8);
    for (let k = 0; k < n && c.length > 0; k++) c[int(rand, c.length)] ^= 1 << int(rand, 8);
    return c;
  },
  randomBytes: (b, rand) => {
    const c = Uint8Array.from(b);
    const n = 1 + int(rand, 8);
    for (let k = 0; k < n && c.length > 0; k++) c[int(rand, c.length)] = int(rand, 256);
    return c;
  },
  duplicateLines: (b, rand) => {
    const ls = lines(b);
    const i = int(rand, ls.length);
    const n = 1 + int(rand, 5);
    const times = 1 + int(rand, 3);
    const block = ls.slice(i, i + n);
    for (let t = 0; t < times; t++) ls.splice(i, 0, ...block);
    return join1(ls);
  },
  deleteLines: (b, rand) => {
    const ls = lines(b);
    ls.splice(int(rand, ls.length), 1 + int(rand, 6));
    return join1(ls);
  },
  shuffleLines: (b, rand) => {
    const ls = lines(b);
    for (let k = 0; k < 5 && ls.length > 1; k++) {
      const i = int(rand, ls.length);
      const j = int(rand, ls.length);
      [ls[i], ls[j]] = [ls[j], ls[i]];
    }
    return join1(ls);
  },
  hugeNumbers: (b, rand) => {
    const s = Buffer.from(b).toString('latin1');
    let k = 0;
    const out = s.replace(/-?\d+(\.\d+)?(E-?\d+)?/g, (m) => (rand() < 0.15 && k++ < 20 ? pick(rand, HUGE) : m));
    return Buffer.from(out, 'latin1');
  },
  nanValues: (b, rand) => {
    const s = Buffer.from(b).toString('latin1');
    let k = 0;
    const out = s.replace(/-?\d+(\.\d+)?/g, (m) => (rand() < 0.1 && k++ < 20 ? pick(rand, NANS) : m));
    return Buffer.from(out, 'latin1');
  },
  invalidUtf8: (b, rand) => {
    const bad = pick(rand, BAD_UTF8);
    const at = int(rand, b.length + 1);
    return Buffer.concat([b.subarray(0, at), Buffer.from(bad), b.subarray(at)]);
  },
  nulByte: (b, rand) => {
    const at = int(rand, b.length + 1);
    return Buffer.concat([b.subarray(0, at), Buffer.from([0]), b.subarray(at)]);
  },
  lineEnds: (b, rand) => {
    const s = Buffer.from(b).toString('latin1');
    const mode = int(rand, 3);
    return Buffer.from(mode === 0 ? s.replace(/\n/g, '\r\n') : mode === 1 ? s.replace(/\n/g, '\r') : s.replace(/\n/g, '\n\n'), 'latin1');
  },
  longLine: (b, rand) => {
    const ls = lines(b);
    const i = int(rand, ls.length);
    ls[i] = ls[i] + (pick(rand, ['9', ' [READ: Count=1, Max=2, Min=1, Avg=1.5, 90=2]', '[', ', ', 'x']) as string).repeat(1000 + int(rand, 20000));
    return join1(ls);
  },
  statusEdit: (b, rand) => {
    // edits at the edges of the lean path of status lines (leanJavaBlocks in src/ingest/formats/status.ts)
    const ls = lines(b);
    const status = ls.map((l, i) => (l.includes(' sec: ') ? i : -1)).filter((i) => i >= 0);
    if (status.length === 0) return b;
    const n = 1 + int(rand, 4);
    for (let k = 0; k < n; k++) {
      const i = pick(rand, status);
      ls[i] = pick(rand, STATUS_EDITS)(ls[i], rand);
    }
    return join1(ls);
  },
  empty: () => new Uint8Array(0),
  splice: (b, rand, other) => Buffer.concat([b.subarray(0, int(rand, b.length + 1)), other.subarray(int(rand, other.length + 1))]),
  bom: (b) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b]),
};
const MUTATION_NAMES = Object.keys(MUTATIONS);

export interface FuzzCase {
  id: number;
  seed: string;
  mutations: string[];
  bytes: Uint8Array;
}

/** The i-th case of a seeded run: deterministic for (seed, i, corpus). */
export function makeCase(corpus: SeedFile[], seed: number, id: number): FuzzCase {
  const rand = mulberry32((seed * 0x9e3779b1 + id * 0x85ebca6b) >>> 0);
  const base = pick(rand, corpus);
  const other = pick(rand, corpus);
  let bytes: Uint8Array = base.bytes;
  const mutations: string[] = [];
  const n = 1 + int(rand, 3);
  for (let k = 0; k < n; k++) {
    const m = pick(rand, MUTATION_NAMES);
    mutations.push(m);
    bytes = MUTATIONS[m](bytes, rand, other.bytes);
  }
  return { id, seed: base.name, mutations, bytes };
}

/** The statuses a parsed or loaded run may have (skipped is for files never read). */
const READ_STATUSES: readonly RunStatus[] = [...RUN_STATUSES, ...RARE_STATUSES.filter((s) => s !== 'skipped')];

/** What every parse must satisfy; returns the broken invariants (empty when fine). `name`: the file's
 * name; the run's is that, or `name#k` for the k-th of several invocations. */
export function checkParsed(p: ParsedRun, name: string): string[] {
  const bad: string[] = [];
  if (!p || typeof p !== 'object') return ['no result'];
  if (!READ_STATUSES.includes(p.status)) bad.push(`status ${JSON.stringify(p.status)} is not one of ${READ_STATUSES.join(', ')}`);
  const expected = p.invocation ? `${name}#${p.invocation.index}` : name;
  if (p.name !== expected) bad.push(`name ${JSON.stringify(p.name)} != ${JSON.stringify(expected)}`);
  if (p.invocation && !(p.invocation.of >= 2 && p.invocation.fromLine >= 1 && p.invocation.toLine >= p.invocation.fromLine)) bad.push(`invocation ${JSON.stringify(p.invocation)}`);
  if (!Array.isArray(p.diagnostics)) bad.push('diagnostics is not an array');
  else {
    if (p.status !== 'ok' && p.diagnostics.length === 0) bad.push(`status ${p.status} without a reason`);
    for (const d of p.diagnostics) if (typeof d.message !== 'string' || !['error', 'warning', 'info'].includes(d.severity)) bad.push(`malformed diagnostic ${JSON.stringify(d)}`);
  }
  if (!Array.isArray(p.series)) bad.push('series is not an array');
  else for (const s of p.series) if (typeof s.t !== 'number' || typeof s.operations !== 'number') { bad.push(`malformed sample ${JSON.stringify(s)}`); break; }
  if (!p.metrics || typeof p.metrics !== 'object') bad.push('metrics missing');
  else for (const [k, v] of Object.entries(p.metrics)) if (typeof v !== 'number') { bad.push(`metric ${k} is ${typeof v}`); break; }
  if (p.status === 'ok' && !(Number.isFinite(p.metrics?.throughput) && p.metrics.throughput > 0)) bad.push(`ok without a finite positive throughput (${p.metrics?.throughput})`);
  if (!Number.isInteger(p.lines) || p.lines < 0) bad.push(`lines = ${p.lines}`);
  return bad;
}

export interface FuzzFailure {
  id: number;
  seed: string;
  mutations: string[];
  problem: string;
}

export interface FuzzReport {
  cases: number;
  loaderFiles: number;
  statuses: Record<string, number>;
  failures: FuzzFailure[];
  slowest: { id: number; ms: number; seed: string; mutations: string[] };
  big: { what: string; ms: number; status: string; rssMB: number }[];
  /** Cases whose lean parse (no per-operation stats) was compared with the full one, and the
   * status samples in them. */
  lean: { cases: number; samples: number };
  seconds: number;
}

/**
 * What the lean parse (ParseOptions.statusOps false) must read as the full one does: the status and
 * format, and the series with each sample's per-operation stats reduced to the operations' names, in
 * order. (Not the summary: a YCSB-cpp summary takes its per-operation stats from the last status
 * line, which a lean parse of Java-style blocks does not read.)
 */
function withoutStatusOps(p: ParsedRun): unknown {
  return { status: p.status, format: p.format, series: p.series.map((x) => ({ ...x, ops: Object.keys(x.ops) })) };
}

/** Where two parses first differ (a path and both values), for the failure message. */
function firstDifference(a: unknown, b: unknown, path = ''): string {
  if (isDeepStrictEqual(a, b)) return '';
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
  }
  return `${path || '(root)'}: ${String(JSON.stringify(a)).slice(0, 200)} vs ${String(JSON.stringify(b)).slice(0, 200)}`;
}

/** Run the fuzz: `cases` seeded cases through decode+parseOutputs, batches through loadRuns, and big lines. */
export async function fuzz(opts: { seed: number; cases: number; batch?: number; bigMB?: number; study?: number; onProgress?: (done: number) => void }): Promise<FuzzReport> {
  const t0 = performance.now();
  const corpus = seedCorpus({ study: opts.study });
  const batchSize = opts.batch ?? 250;
  const statuses: Record<string, number> = {};
  const failures: FuzzFailure[] = [];
  let slowest = { id: -1, ms: 0, seed: '', mutations: [] as string[] };
  let loaderFiles = 0;
  let leanCases = 0;
  let leanSamples = 0;
  const tmp = mkdtempSync(join(tmpdir(), 'ycsb-fuzz-'));
  try {
    let batch: FuzzCase[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const dir = mkdtempSync(join(tmp, 'b-'));
      // .txt names; the case id makes them unique, so every file must come back exactly once.
      for (const c of batch) writeFileSync(join(dir, `case-${c.id}.txt`), c.bytes);
      try {
        const inv = await loadRuns([dir]);
        // each file comes back once, as `case-<id>.txt`, or as `case-<id>.txt#1` … `#n` (n ≥ 2 invocations)
        const seen = new Map<string, string[]>();
        for (const r of inv.runs) {
          const path = r.invocation?.path ?? r.file;
          seen.set(path, [...(seen.get(path) ?? []), r.file]);
        }
        for (const c of batch) {
          const name = `case-${c.id}.txt`;
          const got = seen.get(name) ?? [];
          const want = got.length === 1 ? [name] : got.map((_, k) => `${name}#${k + 1}`);
          if (got.length === 0 || got.join('\n') !== want.join('\n')) failures.push({ id: c.id, seed: c.seed, mutations: c.mutations, problem: `loader returned the file as ${JSON.stringify(got)}` });
        }
        const sum = Object.values(inv.counts).reduce((a, b) => a + b, 0);
        if (sum !== inv.runs.length || seen.size !== batch.length) {
          failures.push({ id: batch[0].id, seed: 'batch', mutations: [], problem: `loader: ${inv.runs.length} runs from ${seen.size} of ${batch.length} files, counts sum ${sum}` });
        }
        for (const r of inv.runs) if (!READ_STATUSES.includes(r.status) || (r.status !== 'ok' && r.diagnostics.length === 0)) failures.push({ id: -1, seed: r.file, mutations: [], problem: `loader: status ${r.status} with ${r.diagnostics.length} reasons` });
        loaderFiles += seen.size;
      } catch (err) {
        failures.push({ id: batch[0].id, seed: 'batch', mutations: [], problem: `loadRuns threw: ${(err as Error).stack}` });
      }
      rmSync(dir, { recursive: true, force: true });
      batch = [];
    };
    for (let id = 0; id < opts.cases; id++) {
      const c = makeCase(corpus, opts.seed, id);
      const name = `case-${id}.txt`;
      const s0 = performance.now();
      try {
        const { text, diagnostic, binary } = decode(c.bytes);
        if (binary) statuses['not-ycsb'] = (statuses['not-ycsb'] ?? 0) + 1;
        else {
          const runs = parseOutputs(text, name);
          // the loader's lean parse: the same status, format and series but for per-operation stats
          const lean = parseOutputs(text, name, { statusOps: false }).map(withoutStatusOps);
          const full = runs.map(withoutStatusOps);
          leanCases++;
          for (const p of runs) leanSamples += p.series.length;
          if (!isDeepStrictEqual(lean, full)) failures.push({ id, seed: c.seed, mutations: c.mutations, problem: `the lean parse differs from the full one: ${firstDifference(lean, full)}` });
          if (runs.length === 0) failures.push({ id, seed: c.seed, mutations: c.mutations, problem: 'no run' });
          if (diagnostic) runs[0].diagnostics.unshift(diagnostic);
          for (const p of runs) {
            for (const problem of checkParsed(p, name)) failures.push({ id, seed: c.seed, mutations: c.mutations, problem });
            statuses[p.status] = (statuses[p.status] ?? 0) + 1;
          }
          JSON.stringify(runs); // must serialise (no cycles, no BigInt)
        }
      } catch (err) {
        failures.push({ id, seed: c.seed, mutations: c.mutations, problem: `threw: ${(err as Error).stack}` });
      }
      const ms = performance.now() - s0;
      if (ms > slowest.ms) slowest = { id, ms, seed: c.seed, mutations: c.mutations };
      batch.push(c);
      if (batch.length >= batchSize) await flush();
      opts.onProgress?.(id + 1);
    }
    await flush();

    // Big lines, through the real loader (read, hash, decode, parse, keep).
    const big: FuzzReport['big'] = [];
    const mb = opts.bigMB ?? 100;
    if (mb > 0) {
      const base = corpus.find((f) => f.name.startsWith('generated-1s/') && f.name.includes('-exec-'))!.bytes;
      const n = mb * 2 ** 20;
      const variants: [string, () => Uint8Array][] = [
        [`${mb} MB line of digits in a run`, () => Buffer.concat([base, Buffer.alloc(n, '7'), Buffer.from('\n')])],
        [`${mb} MB status line of op blocks`, () => Buffer.concat([Buffer.from('2021-09-10 12:05:10:000 10 sec: 348 operations; 34.8 current ops/sec; '), Buffer.alloc(n, '[READ: Count=174, Max=71777, Min=6464, Avg=21547.27, 90=34476] '), Buffer.from('\n')])],
        [`${mb} MB line of '[' and invalid UTF-8`, () => Buffer.concat([base.subarray(0, 2000), Buffer.alloc(n, '[\xff', 'latin1'), Buffer.from('\n')])],
      ];
      for (const [what, make] of variants) {
        const dir = mkdtempSync(join(tmp, 'big-'));
        writeFileSync(join(dir, 'big.txt'), make());
        const s0 = performance.now();
        try {
          const inv = await loadRuns([dir]);
          const r = inv.runs[0];
          if (inv.runs.length !== 1) failures.push({ id: -1, seed: what, mutations: [], problem: `loader returned ${inv.runs.length} runs` });
          if (r && r.status !== 'ok' && r.diagnostics.length === 0) failures.push({ id: -1, seed: what, mutations: [], problem: `${r.status} without a reason` });
          big.push({ what, ms: performance.now() - s0, status: r?.status ?? 'none', rssMB: process.resourceUsage().maxRSS / 1024 });
        } catch (err) {
          failures.push({ id: -1, seed: what, mutations: [], problem: `loadRuns threw: ${(err as Error).stack}` });
        }
        rmSync(dir, { recursive: true, force: true });
      }
    }
    return { cases: opts.cases, loaderFiles, statuses, failures, slowest, big, lean: { cases: leanCases, samples: leanSamples }, seconds: (performance.now() - t0) / 1000 };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (k: string, d: number) => {
    const i = process.argv.indexOf(k);
    return i >= 0 ? Number(process.argv[i + 1]) : d;
  };
  const cases = arg('--cases', 10_000);
  const tty = process.stderr.isTTY;
  const r = await fuzz({
    seed: arg('--seed', 1),
    cases,
    batch: arg('--batch', 250),
    bigMB: process.argv.includes('--no-big') ? 0 : arg('--big-mb', 100),
    onProgress: tty ? (d) => d % 200 === 0 && process.stderr.write(`\r${d}/${cases} cases`) : undefined,
  });
  if (tty) process.stderr.write('\r\x1b[K');
  console.log(`fuzz: ${r.cases} cases (seed ${arg('--seed', 1)}) in ${r.seconds.toFixed(1)} s; ${r.loaderFiles} of them also through loadRuns`);
  console.log(`statuses: ${JSON.stringify(r.statuses)}`);
  console.log(`lean parse: ${r.lean.cases} compared with the full parse, ${r.lean.samples} status samples`);
  console.log(`slowest case: #${r.slowest.id} ${r.slowest.ms.toFixed(0)} ms (${r.slowest.seed}: ${r.slowest.mutations.join(' + ')})`);
  for (const b of r.big) console.log(`big: ${b.what}: ${b.status} in ${(b.ms / 1000).toFixed(1)} s, peak RSS so far ${Math.round(b.rssMB)} MB`);
  if (r.failures.length === 0) console.log('failures: none');
  else {
    console.log(`failures: ${r.failures.length}`);
    for (const f of r.failures.slice(0, 30)) console.log(`  #${f.id} ${f.seed} [${f.mutations.join(' + ')}]: ${f.problem.split('\n').slice(0, 4).join(' | ')}`);
    process.exitCode = 1;
  }
}
