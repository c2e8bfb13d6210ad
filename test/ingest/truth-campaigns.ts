/**
 * A seeded generator of small YCSB campaigns whose truth is known: which run invocations are
 * repetitions of one configuration. For issue 19's property test (campaign-property.test.ts).
 *
 * Each campaign draws 1–3 factors that vary, each shown the way real campaigns show them:
 * - in the content only: the binding (db), the workload file, `-threads`, `-p fieldcount`, and
 *   `-p operationcount` (1000 vs 10000 under the same names: only the content tells them apart);
 * - in the names only: rf, a deployment (sibling folders vm / vm_dockered / …), a scenario folder
 *   above it, a key-value token with a non-numeric value (`raftrue`);
 * - in both (names agree with the content): `tc8` / `8_threads`, `fc10`, `cassandra/`.
 * Repetitions are marked by start-time folders (`201805030726/`), `run<k>` files, `rep<k>` tokens,
 * invocations appended to one file (`>>`), or a bare trailing number (`-3`, which could also be a
 * step: the one layout where the tool may ask for a scheme). A run may be driven by 2–3 clients at
 * once (one file each, disjoint insertstart/insertcount, start times within 3 s), each load may
 * precede its run (in its folder, or in the same file), and one run may be cut off.
 *
 * What varies between repetitions of one configuration, as it does in real campaigns: the server's
 * address (a host property) and the start time. Nothing else.
 *
 * Files are YCSB 0.17 text: the echoed java line (sometimes), `Command line:`, the client banner,
 * status lines every 10 s (`2018-11-23 04:29:16:517 10 sec: …`), the `[OVERALL]` summary and
 * per-operation sections. Numbers are invented; only the format is YCSB's.
 */
import { createRng, type Rng } from '../../src/stats/rng.js';
import { combined, type TruthClass } from './truth-partition.js';

export type RepStyle = 'timestamp-folder' | 'run-file' | 'rep-token' | 'appended' | 'trailing-number';

export interface GeneratedCampaign {
  seed: number;
  files: { path: string; text: string }[];
  /** Every configuration (loads too), with the identities of its runs (see truth-partition.ts). */
  truth: TruthClass[];
  repStyle: RepStyle;
  clients: number;
  loads: boolean;
  partial: boolean;
  /** What varies and how it shows, for messages: `deployment(folder) opcount(content) …`. */
  layout: string;
  /** Names mark repetitions without doubt (all styles but a bare trailing number). */
  unambiguous: boolean;
  /** Per run configuration: what tells it apart from the others (names shown, content), for the self-check. */
  visible: Map<string, string>;
  /** Content-only factors vary (the names do not separate every configuration). */
  hidden: boolean;
}

interface Content {
  db: string;
  workload: string;
  threads?: number;
  recordcount: number;
  operationcount: number;
  fieldcount?: number;
}

type Render = 'folder' | 'token' | 'none';

interface Dim {
  id: string;
  render: Render;
  levels: { label: string; folder: string; token: string; apply: (c: Content) => void }[];
}

const BINDINGS: Record<string, string> = {
  cassandra: 'site.ycsb.db.CassandraCQLClient',
  mongodb: 'site.ycsb.db.MongoDbClient',
  redis: 'site.ycsb.db.RedisClient',
  hbase: 'site.ycsb.db.hbase2.HBaseClient2',
};
const MIX: Record<string, [string, number][]> = {
  a: [['READ', 0.5], ['UPDATE', 0.5]],
  b: [['READ', 0.95], ['UPDATE', 0.05]],
  c: [['READ', 1]],
};

function pick<T>(rng: Rng, xs: readonly T[]): T {
  return xs[rng.randomInt(xs.length)];
}
function sample<T>(rng: Rng, xs: readonly T[], k: number): T[] {
  const pool = [...xs];
  const out: T[] = [];
  while (out.length < k && pool.length > 0) out.push(pool.splice(rng.randomInt(pool.length), 1)[0]);
  return out;
}
const chance = (rng: Rng, p: number) => rng.random() < p;

/** The factors a campaign may vary, with how names can show them. */
const DIMS: Record<string, (rng: Rng, n: number) => Dim> = {
  db: (rng, n) => ({
    id: 'db',
    render: pick<Render>(rng, ['folder', 'token', 'none']),
    levels: sample(rng, Object.keys(BINDINGS), n).map((d) => ({ label: d, folder: d, token: d, apply: (c) => void (c.db = d) })),
  }),
  workload: (rng, n) => ({
    id: 'workload',
    render: pick<Render>(rng, ['folder', 'none']),
    levels: sample(rng, ['a', 'b', 'c'], n).map((w) => ({ label: w, folder: `workload${w.toUpperCase()}`, token: `workload${w}`, apply: (c) => void (c.workload = w) })),
  }),
  threads: (rng, n) => {
    const render = pick<Render>(rng, ['folder', 'token', 'none']);
    const folderStyle = pick(rng, ['%_threads', 'tc%']);
    return {
      id: 'threads',
      render,
      levels: sample(rng, [1, 2, 4, 8, 16, 32], n)
        .sort((a, b) => a - b)
        .map((t) => ({ label: String(t), folder: folderStyle.replace('%', String(t)), token: `tc${t}`, apply: (c) => void (c.threads = t) })),
    };
  },
  rf: (rng, n) => ({
    id: 'rf',
    render: pick<Render>(rng, ['folder', 'token']),
    levels: sample(rng, [1, 2, 3], n)
      .sort()
      .map((r) => ({ label: String(r), folder: `rf${r}`, token: `rf${r}`, apply: () => {} })),
  }),
  deployment: (rng, n) => ({
    id: 'deployment',
    render: 'folder',
    levels: sample(rng, ['vm', 'vm_dockered', 'baremetal', 'baremetal_dockered', 'k8s_pod'], n).map((d) => ({ label: d, folder: d, token: d, apply: () => {} })),
  }),
  scenario: (rng, n) => ({
    id: 'scenario',
    render: 'folder',
    levels: sample(rng, ['disk-bound', 'memory-bound', 'network-bound'], n).map((s) => ({ label: s, folder: s, token: s, apply: () => {} })),
  }),
  raf: (rng) => ({
    id: 'raf',
    render: pick<Render>(rng, ['folder', 'token']),
    levels: ['true', 'false'].map((v) => ({ label: v, folder: `raf${v}`, token: `raf${v}`, apply: () => {} })),
  }),
  fieldcount: (rng, n) => ({
    id: 'fieldcount',
    render: pick<Render>(rng, ['folder', 'token', 'none']),
    levels: sample(rng, [10, 20, 50], n)
      .sort((a, b) => a - b)
      .map((f) => ({ label: String(f), folder: `fc${f}`, token: `fc${f}`, apply: (c) => void (c.fieldcount = f) })),
  }),
  opcount: (rng, n) => ({
    id: 'opcount',
    render: 'none',
    levels: sample(rng, [1000, 10000, 100000], n)
      .sort((a, b) => a - b)
      .map((o) => ({ label: String(o), folder: '', token: '', apply: (c) => void (c.operationcount = o) })),
  }),
};

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
function statusStamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}:${pad(d.getUTCMilliseconds(), 3)}`;
}
function folderStamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}`;
}
function dayStamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

interface Invocation {
  phase: 'run' | 'load';
  content: Content;
  host: string;
  split?: { start: number; count: number };
  start: number;
  seconds: number;
  ops: number;
  cut: boolean;
  java: boolean;
  /** Filled when the file's invocations are counted. */
  id?: string;
}

/** The arguments YCSB prints after `Command line:`. */
function args(v: Invocation): string {
  const c = v.content;
  const parts = [`-db ${BINDINGS[c.db]}`, '-s', `-P workloads/workload${c.workload}`, `-p recordcount=${c.recordcount}`, `-p operationcount=${c.operationcount}`];
  if (c.threads !== undefined) parts.push(`-threads ${c.threads}`);
  if (c.fieldcount !== undefined) parts.push(`-p fieldcount=${c.fieldcount}`);
  if (c.db === 'cassandra') parts.push(`-p hosts=${v.host}`);
  else if (c.db === 'mongodb') parts.push(`-p mongodb.url=mongodb://${v.host}:27017/ycsb?w=1`);
  else if (c.db === 'redis') parts.push(`-p redis.host=${v.host}`, '-p redis.port=6379');
  else parts.push('-p columnfamily=family');
  if (v.split) parts.push(`-p insertstart=${v.split.start}`, `-p insertcount=${v.split.count}`);
  parts.push(v.phase === 'load' ? '-load' : '-t');
  return parts.join(' ');
}

function num(x: number): string {
  return Number.isInteger(x) ? `${x}.0` : String(x);
}

/** One invocation's output, YCSB 0.17 style. */
function ycsbText(rng: Rng, v: Invocation): string {
  const a = args(v);
  const out: string[] = [];
  if (v.java) out.push(`/usr/lib/jvm/java-11-openjdk/bin/java -cp /opt/ycsb/conf:/opt/ycsb/lib/core-0.17.0.jar:/opt/ycsb/lib/HdrHistogram-2.1.4.jar site.ycsb.Client ${a}`);
  out.push(`Command line: ${a}`, 'YCSB Client 0.17.0', '', 'Loading workload...', 'Starting test.');
  out.push(`${statusStamp(v.start)} 0 sec: 0 operations; est completion in 0 second `);
  out.push('DBWrapper: report latency for each error is false and specific error codes to track for latency are: []');
  const mix: [string, number][] = v.phase === 'load' ? [['INSERT', 1]] : MIX[v.content.workload];
  const rate = v.ops / v.seconds;
  const avg = (1e6 * (v.content.threads ?? 1)) / rate;
  const section = (op: string, count: number, k: number) => {
    const mean = avg * (0.9 + 0.2 * rng.random()) * k;
    return `[${op}: Count=${count}, Max=${Math.round(mean * 12)}, Min=${Math.max(1, Math.round(mean / 6))}, Avg=${mean.toFixed(2)}, 90=${Math.round(mean * 1.7)}, 99=${Math.round(mean * 3.1)}, 99.9=${Math.round(mean * 6)}, 99.99=${Math.round(mean * 10)}]`;
  };
  let done = 0;
  for (let s = 10; s < v.seconds; s += 10) {
    const n = Math.round(rate * 10 * (0.9 + 0.2 * rng.random()));
    done = Math.min(v.ops - 1, done + n);
    const sections = mix.map(([op, share]) => section(op, Math.round(n * share), 1));
    out.push(`${statusStamp(v.start + s * 1000 + rng.randomInt(30))} ${s} sec: ${done} operations; ${(n / 10).toFixed(1)} current ops/sec; est completion in ${Math.ceil(v.seconds - s)} seconds ${sections.join(' ')} `);
    if (v.cut) return out.join('\n') + '\n';
  }
  const ms = Math.round(v.seconds * 1000);
  const last = v.ops - done;
  const tail = Math.max(0.001, v.seconds - 10 * Math.floor((v.seconds - 0.001) / 10)); // seconds since the last 10 s line
  const closing = [...mix.map(([op, share]) => section(op, Math.round(last * share), 1)), section('CLEANUP', 1, 3)];
  out.push(`${statusStamp(v.start + ms)} ${Math.floor(v.seconds)} sec: ${v.ops} operations; ${(last / tail).toFixed(2)} current ops/sec; ${closing.join(' ')} `);
  out.push(`[OVERALL], RunTime(ms), ${ms}`, `[OVERALL], Throughput(ops/sec), ${(v.ops * 1000) / ms}`);
  const gcs = 3 + rng.randomInt(20);
  out.push(`[TOTAL_GCS_G1_Young_Generation], Count, ${gcs}`, `[TOTAL_GC_TIME_G1_Young_Generation], Time(ms), ${gcs * 7}`, `[TOTAL_GCs], Count, ${gcs}`, `[TOTAL_GC_TIME], Time(ms), ${gcs * 7}`);
  const counts = mix.map(([op, share]) => [op, Math.round(v.ops * share)] as [string, number]);
  counts[counts.length - 1][1] = v.ops - counts.slice(0, -1).reduce((s, [, c]) => s + c, 0);
  const sections: [string, number][] = [...counts, ['CLEANUP', v.content.threads ?? 1]];
  for (const [op, count] of sections) {
    if (count === 0) continue;
    const mean = avg * (op === 'CLEANUP' ? 3 : 1) * (0.95 + 0.1 * rng.random());
    out.push(`[${op}], Operations, ${count}`, `[${op}], AverageLatency(us), ${num(Math.round(mean * 1000) / 1000)}`);
    out.push(`[${op}], MinLatency(us), ${Math.max(1, Math.round(mean / 6))}`, `[${op}], MaxLatency(us), ${Math.round(mean * 14)}`);
    out.push(`[${op}], 95thPercentileLatency(us), ${Math.round(mean * 2.2)}`, `[${op}], 99thPercentileLatency(us), ${Math.round(mean * 3.3)}`);
    if (op !== 'CLEANUP') out.push(`[${op}], Return=OK, ${count}`);
  }
  return out.join('\n') + '\n';
}

const NOISE = [
  ['+ sleep 30'],
  ["[WARN]  Running against a source checkout. In order to get our runtime dependencies we'll have to invoke Maven. Depending on the state of your system, this may take ~30-45 seconds", "[DEBUG]  Running 'mvn -pl site.ycsb:redis-binding -am package -DskipTests dependency:build-classpath -DincludeScope=compile -Dmdep.outputFilterFile=true'"],
  ['Pseudo-terminal will not be allocated because stdin is not a terminal.'],
  ['done', ''],
];

/**
 * Generate the campaign of a seed (pure: names and texts; same seed, same campaign).
 * @example generateTruthCampaign(7).files.length // ≤ 60
 */
export function generateTruthCampaign(seed: number): GeneratedCampaign {
  const rng = createRng(seed);
  const repStyle = pick<RepStyle>(rng, ['timestamp-folder', 'timestamp-folder', 'run-file', 'rep-token', 'appended', 'appended', 'trailing-number']);
  const clients = repStyle !== 'trailing-number' && chance(rng, 0.3) ? 2 + rng.randomInt(2) : 1;
  const loads = (repStyle === 'timestamp-folder' || repStyle === 'appended') && chance(rng, 0.35);
  let reps = 2 + rng.randomInt(3);
  // most campaigns small (the test loads 200 of them), some up to 60 files
  const cap = chance(rng, 0.2) ? 60 : 24;

  // 1. What varies, and how the names show it.
  const ids = Object.keys(DIMS);
  const wanted = 1 + rng.randomInt(3);
  const chosen = sample(rng, ids, wanted);
  const dims: Dim[] = chosen.map((id) => DIMS[id](rng, 2 + (chance(rng, 0.3) ? 1 : 0)));
  const filesPer = () => {
    const configs = dims.reduce((p, d) => p * d.levels.length, 1);
    const perRun = clients * (loads ? 2 : 1);
    return repStyle === 'appended' ? configs * clients : configs * reps * perRun;
  };
  while (filesPer() > cap) {
    if (reps > 2) reps--;
    else {
      const widest = dims.reduce((a, b) => (b.levels.length > a.levels.length ? b : a));
      if (widest.levels.length > 2) widest.levels.pop();
      else dims.pop();
    }
  }
  const base: Content = { db: pick(rng, Object.keys(BINDINGS)), workload: pick(rng, ['a', 'b', 'c']), recordcount: pick(rng, [10000, 50000]), operationcount: pick(rng, [1000, 5000]) };
  if (chance(rng, 0.5)) base.threads = pick(rng, [4, 8, 16]);
  // a constant folder above it all (naming the database only when every run uses it)
  const prefix = pick(rng, [['results'], dims.some((d) => d.id === 'db') ? ['ycsb-out'] : ['ycsb-out', base.db], ['exp'], ['benchmarks', 'ycsb', 'out'], []]);
  const ext = pick(rng, ['.txt', '.txt', '.log', '.out']);
  const java = chance(rng, 0.5);
  // folder factors in a random order (scenario above deployment when both are there, as people nest them)
  const folderDims = sample(rng, dims.filter((d) => d.render === 'folder'), dims.length);
  const si = folderDims.findIndex((d) => d.id === 'scenario');
  const di = folderDims.findIndex((d) => d.id === 'deployment');
  if (si > di && di >= 0) [folderDims[si], folderDims[di]] = [folderDims[di], folderDims[si]];
  const tokenDims = dims.filter((d) => d.render === 'token');
  const hiddenDims = dims.filter((d) => d.render === 'none');
  const hidden = hiddenDims.length > 0;
  const sep = pick(rng, ['-', '_']);
  const plainName = repStyle === 'appended' ? pick(rng, ['results', 'ycsb', 'out']) : pick(rng, ['output', 'run', 'ycsb']);

  // 2. The configurations.
  type Config = { key: string; levels: number[]; content: Content };
  let configs: Config[] = [{ key: '', levels: [], content: { ...base } }];
  for (const d of dims) {
    configs = configs.flatMap((c) =>
      d.levels.map((l, i) => {
        const content = { ...c.content };
        l.apply(content);
        return { key: `${c.key}${c.key ? ' ' : ''}${d.id}=${l.label}`, levels: [...c.levels, i], content };
      }),
    );
  }
  if (configs[0].key === '') configs[0].key = 'the one configuration';
  const levelOf = (c: Config, d: Dim) => d.levels[c.levels[dims.indexOf(d)]];
  const hiddenIndex = (c: Config) => hiddenDims.reduce((acc, d) => acc * d.levels.length + c.levels[dims.indexOf(d)], 0);

  // 3. Schedule: rep-major or config-major, one day per combination of content-only levels.
  const order: [Config, number][] = [];
  if (chance(rng, 0.5)) for (let k = 1; k <= reps; k++) for (const c of configs) order.push([c, k]);
  else for (const c of configs) for (let k = 1; k <= reps; k++) order.push([c, k]);
  order.sort((x, y) => hiddenIndex(x[0]) - hiddenIndex(y[0]));
  // a repetition missing now and then (a gap, not a failure)
  if (reps > 2 && chance(rng, 0.2)) order.splice(rng.randomInt(order.length), 1);
  // one run cut off now and then; appended to a file, it is the file's last (the writer died)
  let partialAt = clients === 1 && chance(rng, 0.3) ? rng.randomInt(order.length) : -1;
  if (partialAt >= 0 && repStyle === 'appended') {
    const c = order[partialAt][0];
    partialAt = order.map(([x]) => x).lastIndexOf(c);
  }
  const year = 2018 + rng.randomInt(7);
  const month = rng.randomInt(12);

  // 4. Files: each a list of invocations.
  const files = new Map<string, Invocation[]>();
  const addTo = (p: string, v: Invocation) => {
    const list = files.get(p) ?? [];
    list.push(v);
    files.set(p, list);
  };
  type RunRec = { key: string; phase: 'run' | 'load'; parts: Invocation[]; ok: boolean };
  const runs: RunRec[] = [];
  const clock = new Map<number, number>();
  const appendedOrder: [Config, number][] = [];
  for (let i = 0; i < order.length; i++) {
    const [c, k] = order[i];
    const h = hiddenIndex(c);
    let t = clock.get(h) ?? Date.UTC(year, month, 3 + h, 8, rng.randomInt(60), rng.randomInt(60), rng.randomInt(1000));
    const folders = [...prefix];
    if (hidden && repStyle !== 'timestamp-folder') folders.push(dayStamp(t));
    for (const d of folderDims) folders.push(levelOf(c, d).folder);
    const tokens = tokenDims.map((d) => levelOf(c, d).token);
    const stem = tokens.join(sep);
    const clientSuffix = (j: number) => (clients > 1 ? `${sep}client${j}` : '');
    const seconds = () => 12 + rng.randomInt(34) + rng.randomInt(1000) / 1000;
    const host = `10.${rng.randomInt(4)}.${rng.randomInt(256)}.${1 + rng.randomInt(254)}`;
    const makeParts = (phase: 'run' | 'load', start: number, cut: boolean) =>
      Array.from({ length: clients }, (_, j) => {
        const share = Math.floor(c.content.recordcount / clients);
        const split = clients > 1 ? { start: j * share, count: j === clients - 1 ? c.content.recordcount - j * share : share } : undefined;
        const s = seconds();
        return { phase, content: c.content, host: clients > 1 ? `10.9.${j}.${1 + rng.randomInt(254)}` : host, split, start: start + (j === 0 ? 0 : rng.randomInt(3000)), seconds: s, ops: phase === 'load' ? (split?.count ?? c.content.recordcount) : c.content.operationcount, cut, java } as Invocation;
      });
    const folderTime = t;
    t += rng.randomInt(90_000);
    const load = loads ? makeParts('load', t, false) : undefined;
    if (load) t += Math.max(...load.map((v) => v.seconds * 1000 + 3000)) + 20_000 + rng.randomInt(40_000);
    const run = makeParts('run', t, i === partialAt);
    t += Math.max(...run.map((v) => v.seconds * 1000 + 3000)) + 150_000 + rng.randomInt(300_000);
    clock.set(h, t);
    let paths: string[];
    let loadPaths: string[] = [];
    switch (repStyle) {
      case 'timestamp-folder': {
        const dir = [...folders, folderStamp(folderTime)].join('/');
        const name = stem || plainName;
        paths = run.map((_, j) => `${dir}/${name}${clientSuffix(j + 1)}${ext}`);
        loadPaths = run.map((_, j) => `${dir}/load${stem ? sep + stem : ''}${clientSuffix(j + 1)}${ext}`);
        break;
      }
      case 'run-file': {
        const dir = [...folders, ...(stem ? [stem] : [])].join('/');
        paths = run.map((_, j) => (clients > 1 ? `${dir}/run${k}/client${j + 1}${ext}` : `${dir}/run${k}${ext}`));
        break;
      }
      case 'rep-token': {
        const dir = folders.join('/');
        paths = run.map((_, j) => `${dir}${dir ? '/' : ''}${stem ? stem + sep : ''}rep${k}${clientSuffix(j + 1)}${ext}`);
        break;
      }
      case 'trailing-number': {
        const dir = folders.join('/');
        paths = run.map(() => `${dir}${dir ? '/' : ''}${stem || 'output'}${sep}${k}${ext}`);
        break;
      }
      case 'appended': {
        const dir = folders.join('/');
        const name = stem || plainName;
        paths = run.map((_, j) => `${dir}${dir ? '/' : ''}${name}${clientSuffix(j + 1)}${ext}`);
        loadPaths = paths;
        appendedOrder.push([c, k]);
        break;
      }
    }
    if (load) {
      load.forEach((v, j) => addTo(loadPaths[j], v));
      runs.push({ key: `load ${c.key}`, phase: 'load', parts: load, ok: true });
    }
    run.forEach((v, j) => addTo(paths[j], v));
    runs.push({ key: `run ${c.key}`, phase: 'run', parts: run, ok: i !== partialAt });
  }

  // 5. Texts and identities.
  const out: { path: string; text: string }[] = [];
  for (const [p, list] of files) {
    list.sort((a, b) => a.start - b.start);
    list.forEach((v, k) => (v.id = list.length > 1 ? `${p}#${k + 1}` : p));
    const parts = list.map((v, k) => (k === 0 ? '' : NOISE[rng.randomInt(NOISE.length)].join('\n') + '\n') + ycsbText(rng, v));
    out.push({ path: p, text: parts.join('') });
  }
  if (new Set(out.map((f) => f.path)).size !== out.length) throw new Error(`generateTruthCampaign(${seed}): two files share a path`);
  const byKey = new Map<string, TruthClass>();
  for (const r of runs) {
    let cls = byKey.get(r.key);
    if (!cls) byKey.set(r.key, (cls = { key: r.key, phase: r.phase, ok: [], notOk: [] }));
    const id = r.parts.length > 1 ? combined(r.parts.map((v) => v.id!)) : r.parts[0].id!;
    (r.ok ? cls.ok : cls.notOk).push(id);
  }
  const visible = new Map<string, string>();
  for (const c of configs) {
    const names = dims.filter((d) => d.render !== 'none').map((d) => `${d.id}=${levelOf(c, d).label}`);
    const content = args({ phase: 'run', content: c.content, host: '*', start: 0, seconds: 0, ops: 0, cut: false, java: false });
    visible.set(`run ${c.key}`, `${names.join(' ')} | ${content}`);
  }
  const layout = `${repStyle}${clients > 1 ? ` ×${clients} clients` : ''}${loads ? ' +loads' : ''}${partialAt >= 0 ? ' +1 cut off' : ''}; ${dims.map((d) => `${d.id}(${d.render}:${d.levels.map((l) => l.label).join('/')})`).join(' ') || 'nothing varies'}; ${reps} reps`;
  return {
    seed,
    files: out.sort((a, b) => (a.path < b.path ? -1 : 1)),
    truth: [...byKey.values()],
    repStyle,
    clients,
    loads,
    partial: partialAt >= 0,
    layout,
    unambiguous: repStyle !== 'trailing-number',
    visible,
    hidden,
  };
}
