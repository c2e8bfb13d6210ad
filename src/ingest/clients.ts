/**
 * One run over several files (step 5 of loadRuns, ./load.ts): the outputs of the clients that drove
 * one run together, from several machines or processes, become one combined run. Pure: no I/O.
 *
 * ```
 * runs ──1 candidates: ok, failed or partial runs with a content signature and a client mark: a client
 *        │  index in the name (`client1`, `client-3`: factor `client`) or a key range in the content
 *        │  (insertstart / insertcount, CLIENT_SPLIT_PROPERTIES)
 *      ──2 buckets: the same signature less the key range (so the same phase), the same name factors
 *        │  less `client`, and, for a client index, the same path with the index masked
 *      ──3 per bucket holding at least two clients: runs whose intervals [start, start + run time]
 *        │  overlap, transitively (clients started together)
 *      ──4 a set of distinct clients that ran at the same time ──combineClients──► one Run named after
 *        │  its parts (`dir/ycsb-redis-client[1-8]#2`); every part keeps its status and is marked
 *        │  `combinedInto` (left out of the analysis, like a duplicate)
 *        ├─ a client alone in its time ──► warning: did not run at the same time as the others, not combined
 *        ├─ the same client twice at once ──► warning: not combined
 *        └─ no start time (or only a day, or a file's modification time) ──► warning: cannot tell
 *           whether they ran together, not combined
 * ```
 *
 * How the clients' numbers combine (as YCSB users combine them by hand):
 * - throughput, operations, per-operation counts, return codes and GC counts/times add up;
 * - the run time is the longest one, the start the earliest;
 * - latency averages are weighted by the operation counts;
 * - min and max are the smallest minimum and the largest maximum: exact, they are the extremes of
 *   all the operations;
 * - percentiles cannot be combined from summaries: when every client printed the old `histogram`
 *   measurement's buckets (YCSB 0.1.4 …: 1 ms buckets `0`…`N-1` and `>N`), the buckets are summed
 *   and the percentiles read from the sum as YCSB reads its own; otherwise (HdrHistogram prints only
 *   its percentiles) there is no combined percentile: each client's is listed in
 *   `combined.perClient` and `combined.notes` says why. Percentiles are never averaged.
 */
import type { ClientCombination, Diagnostic, OperationStats, Run, RunStatus } from '../model/index.js';
import { compareLevels } from '../model/index.js';
import { CLIENT_SPLIT_PROPERTIES, configurationSignature, signatureKey, withoutKeys, type ConfigurationSignature } from './signature.js';

/** A client index in a path segment: `client1`, `client-3`, `Client_02` (the factor `client`). */
const CLIENT_TOKEN = /(?<![A-Za-z0-9])(client)([\s_=-]?)(\d+)(?![0-9])/gi;

/** Statuses of runs that ran (and so may be one client of a run). */
const RAN: ReadonlySet<RunStatus> = new Set(['ok', 'failed', 'partial']);

/** A candidate client output. */
interface Candidate {
  run: Run;
  /** Index in the input list. */
  index: number;
  /** Which client it is: its index in the name, or its key range. */
  client: string;
  /** Start and end, ms since the epoch of the naive calendar time; undefined when unknown. */
  from?: number;
  to?: number;
}

/**
 * Combine the client outputs of one run into one run (see the module comment for the steps). The
 * parts are marked in place (`combinedInto`, an info diagnostic); client outputs that share a
 * configuration but are not combined get a warning saying why. Returns the runs with each combined
 * run inserted after its last part; the input order is kept otherwise.
 */
export function combineClientRuns(runs: Run[]): Run[] {
  // 1-2. Candidates, by bucket.
  const buckets = new Map<string, Candidate[]>();
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i];
    if (!RAN.has(run.status) || run.format === 'table' || run.combinedInto !== undefined || run.combined !== undefined) continue;
    // (cheap test first: most runs have neither a client index nor a key range)
    if (run.factors.client === undefined && !CLIENT_SPLIT_PROPERTIES.some((k) => run.header.properties[k] !== undefined)) continue;
    const sig = run.signature ?? configurationSignature(run.header, { format: run.format });
    if (!sig) continue;
    const key = bucketKey(run, sig);
    if (!key) continue;
    const c: Candidate = { run, index: i, client: key.client };
    const start = startMillis(run);
    if (start !== undefined) {
      c.from = start;
      c.to = start + durationMs(run);
    }
    const list = buckets.get(key.bucket);
    if (list) list.push(c);
    else buckets.set(key.bucket, [c]);
  }

  // 3-4. Per bucket: runs that ran together, combined.
  const after = new Map<number, Run[]>();
  for (const bucket of buckets.values()) {
    if (new Set(bucket.map((c) => c.client)).size < 2) continue; // one client: repetitions, not parts
    const timed = bucket.filter((c) => c.from !== undefined).sort((a, b) => a.from! - b.from! || compareLevels(a.run.file, b.run.file));
    for (const c of bucket) {
      if (c.from !== undefined) continue;
      const others = bucket.filter((o) => o !== c && o.client !== c.client).map((o) => o.run.file);
      const why = c.run.start === undefined ? 'has no start time' : c.run.start.source === 'mtime' ? 'has no start time but its file’s modification time' : `has only a start day (${c.run.start.iso})`;
      warn(c.run, `client outputs ${listNames([c.run.file, ...others])} share a configuration but ${c.run.file} ${why}: cannot tell whether they ran at the same time; not combined`);
    }
    for (const component of overlapping(timed)) {
      const clients = new Set(component.map((c) => c.client));
      if (component.length === 1) {
        const c = component[0];
        const others = nearest(c, timed.filter((o) => o.client !== c.client && !component.includes(o)), 2);
        if (others.length === 0) continue;
        warn(
          c.run,
          `client outputs ${listNames([c.run.file, ...others.map((o) => o.run.file)])} share a configuration but did not run at the same time ` +
            `(${[c, ...others].map((o, k) => `${k === 0 ? `${o.run.file} ran` : o.run.file} ${interval(o, [c, ...others])}`).join(', ')}; the times do not overlap): not combined`,
        );
        continue;
      }
      if (clients.size < component.length) {
        const twice = [...clients].find((id) => component.filter((c) => c.client === id).length > 1)!;
        const same = component.filter((c) => c.client === twice).map((c) => c.run.file);
        for (const c of component) {
          warn(c.run, `client outputs ${listNames(component.map((o) => o.run.file))} ran at the same time but ${listNames(same)} are the same client (${twice}): not combined`);
        }
        continue;
      }
      const parts = [...component].sort((a, b) => compareLevels(a.client, b.client) || compareLevels(a.run.file, b.run.file));
      const combined = combineClients(parts.map((c) => c.run));
      for (const c of parts) {
        c.run.combinedInto = combined.file;
        c.run.diagnostics.push({ message: `one of ${parts.length} client outputs that ran at the same time: combined into ${combined.file}`, severity: 'info' });
      }
      const last = Math.max(...parts.map((c) => c.index));
      const list = after.get(last);
      if (list) list.push(combined);
      else after.set(last, [combined]);
    }
  }
  if (after.size === 0) return runs;
  const out: Run[] = [];
  for (let i = 0; i < runs.length; i++) {
    out.push(runs[i]);
    const extra = after.get(i);
    if (extra) out.push(...extra);
  }
  return out;
}

/** The bucket a run falls in and which client it is, or undefined when nothing marks it as a client. */
function bucketKey(run: Run, sig: ConfigurationSignature): { bucket: string; client: string } | undefined {
  const split = CLIENT_SPLIT_PROPERTIES.filter((k) => sig[k] !== undefined);
  const index = run.factors.client;
  if (index === undefined && split.length === 0) return undefined;
  const factors = Object.keys(run.factors)
    .filter((k) => k !== 'client')
    .sort()
    .map((k) => [k, run.factors[k]]);
  const common = signatureKey(withoutKeys(sig, CLIENT_SPLIT_PROPERTIES));
  if (index !== undefined) {
    // A client index in the name: the same place with the index masked (and the invocation number,
    // which appended runs need not share).
    const place = run.file.replace(/#\d+$/, '').replace(CLIENT_TOKEN, '$1$2*');
    return { bucket: JSON.stringify(['index', common, factors, place]), client: `client ${index}` };
  }
  const range = CLIENT_SPLIT_PROPERTIES.map((k) => `${k}=${sig[k] ?? ''}`).join(' ');
  return { bucket: JSON.stringify(['range', common, factors]), client: range };
}

/**
 * When a run started, ms (see {@link isoMillis}), when that is known to the minute or better: not from
 * a file's modification time (a copy changes it; it is rather the end), nor from a day alone.
 */
function startMillis(run: Run): number | undefined {
  const s = run.start;
  if (!s || s.source === 'mtime' || !s.iso.includes('T')) return undefined;
  return isoMillis(s.iso);
}

/** How long a run ran, ms: its run time, else the last status line's time, else 0. */
function durationMs(run: Run): number {
  const rt = run.metrics.runtime;
  if (Number.isFinite(rt) && rt > 0) return rt;
  const last = run.series[run.series.length - 1];
  return last ? last.t * 1000 : 0;
}

/** Runs (sorted by start) in groups whose intervals overlap, transitively. */
function overlapping(sorted: Candidate[]): Candidate[][] {
  const out: Candidate[][] = [];
  let current: Candidate[] = [];
  let end = -Infinity;
  for (const c of sorted) {
    if (current.length > 0 && c.from! >= end) {
      out.push(current);
      current = [];
      end = -Infinity;
    }
    current.push(c);
    end = Math.max(end, c.to!);
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** The `max` runs of `others` whose start is closest to `c`'s. */
function nearest(c: Candidate, others: Candidate[], max: number): Candidate[] {
  return [...others].sort((a, b) => Math.abs(a.from! - c.from!) - Math.abs(b.from! - c.from!)).slice(0, max);
}

function warn(run: Run, message: string): void {
  run.diagnostics.push({ message, severity: 'warning' });
}

function listNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** `04:29–05:10`; with the date when the runs named do not all start on one day. */
function interval(c: Candidate, all: Candidate[]): string {
  const days = new Set(all.map((o) => millisIso(o.from!).slice(0, 10)));
  const from = millisIso(c.from!);
  const to = millisIso(c.to!);
  const day = days.size > 1 ? `${from.slice(0, 10)} ` : '';
  const toText = to.slice(0, 10) === from.slice(0, 10) ? to.slice(11, 16) : `${to.slice(0, 10)} ${to.slice(11, 16)}`;
  return `${day}${from.slice(11, 16)}–${toText}`;
}

const ISO_NAIVE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/;

/** A naive ISO time (no zone) as ms of the same calendar time in UTC; undefined when not one. */
export function isoMillis(iso: string): number | undefined {
  const m = ISO_NAIVE.exec(iso);
  if (!m) return undefined;
  const f = m.slice(1, 7).map((g) => (g === undefined ? 0 : Number(g)));
  const ms = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0'));
  return Date.UTC(f[0], f[1] - 1, f[2], f[3], f[4], f[5], ms);
}

function millisIso(t: number): string {
  return new Date(t).toISOString().slice(0, 23);
}

// ---------------------------------------------------------------------------------------------
// The combined run

/**
 * The name of a run combined from parts: their common beginning and end around what differs, a
 * client index range in brackets (`dir/ycsb-redis-client[1-8]#2`, `out-client[1,3,5].txt`), other
 * differences in braces (`host-{a,b}/run.txt`). Numbers are never cut in the middle.
 */
export function combinedName(files: string[]): string {
  if (files.length === 0) return '';
  if (files.length === 1) return files[0];
  const shortest = Math.min(...files.map((f) => f.length));
  let p = 0;
  while (p < shortest && files.every((f) => f[p] === files[0][p])) p++;
  let s = 0;
  while (s < shortest - p && files.every((f) => f[f.length - 1 - s] === files[0][files[0].length - 1 - s])) s++;
  const isDigit = (ch: string | undefined) => ch !== undefined && ch >= '0' && ch <= '9';
  while (p > 0 && isDigit(files[0][p - 1])) p--;
  while (s > 0 && isDigit(files[0][files[0].length - s])) s--;
  const prefix = files[0].slice(0, p);
  const suffix = files[0].slice(files[0].length - s);
  const middles = files.map((f) => f.slice(p, f.length - s));
  if (middles.every((m) => /^\d+$/.test(m))) {
    const nums = [...new Set(middles.map(Number))].sort((a, b) => a - b);
    const contiguous = nums.every((n, i) => i === 0 || n === nums[i - 1] + 1) && new Set(middles).size === middles.length && middles.every((m) => m === String(Number(m)));
    return `${prefix}[${contiguous ? `${nums[0]}-${nums[nums.length - 1]}` : [...new Set(middles)].join(',')}]${suffix}`;
  }
  return `${prefix}{${[...new Set(middles)].join(',')}}${suffix}`;
}

/** Metrics that add up over the clients. */
const SUMMED = /^(throughput|operations|gc\.count|gc\.time)$|\.count$|\.return\./;

/**
 * One run from the outputs of the clients that ran it together, in client order (see the module
 * comment for how each number combines). Its status is ok when every part is ok, else failed when
 * one failed, else partial; it has no status-line series (the clients' are not merged).
 */
export function combineClients(parts: Run[]): Run {
  if (parts.length < 2) throw new Error(`combineClients: expected at least 2 client outputs, found ${parts.length}`);
  const names = parts.map((r) => r.file);
  const file = combinedName(names);
  const first = parts[0];
  const { metrics, operations, perClient, notes } = combineMetrics(parts);
  if (parts.some((r) => r.series.length > 0 || (r.seriesDigest?.samples ?? 0) > 0)) {
    notes.push('the clients’ status-line series are not merged: the combined run has none');
  }

  const diagnostics: Diagnostic[] = [
    { message: `combined from ${parts.length} client outputs that ran at the same time: ${names.join(', ')}`, severity: 'info' },
  ];
  let status: RunStatus = 'ok';
  for (const r of parts) {
    if (r.status === 'ok') continue;
    if (r.status === 'failed' || status === 'ok') status = r.status;
    const d = r.diagnostics.find((x) => x.severity === 'error') ?? r.diagnostics.find((x) => x.severity === 'warning');
    diagnostics.push({
      message: `client output ${r.file} is ${r.status}${d ? ` (${d.line !== undefined ? `line ${d.line}: ` : ''}${d.message})` : ''}: the combined run is ${r.status === 'failed' ? 'failed' : 'incomplete'}`,
      severity: r.status === 'failed' ? 'error' : 'warning',
    });
  }

  const factors = { ...first.factors };
  delete factors.client;
  const fromName = { ...first.origin.fromName };
  delete fromName.client;
  const properties = { ...first.header.properties };
  for (const k of CLIENT_SPLIT_PROPERTIES) delete properties[k];
  const starts = parts.filter((r) => r.start !== undefined).sort((a, b) => (isoMillis(a.start!.iso) ?? 0) - (isoMillis(b.start!.iso) ?? 0));
  const sig = first.signature ?? configurationSignature(first.header, { format: first.format });
  const combination: ClientCombination = { clients: names, perClient, notes };

  const run: Run = {
    name: file,
    status,
    diagnostics,
    format: first.format,
    header: { ...first.header, factors: { ...first.header.factors }, properties },
    metrics,
    operations,
    series: [],
    sourceLatencyUnit: first.sourceLatencyUnit,
    lines: parts.reduce((s, r) => s + r.lines, 0),
    file,
    root: first.root,
    factors,
    origin: { ...first.origin, fromName },
    combined: combination,
  };
  if (starts.length > 0) run.start = { ...starts[0].start! };
  if (sig) run.signature = withoutKeys(sig, CLIENT_SPLIT_PROPERTIES);
  return run;
}

/** Each metric combined by its rule; what cannot be combined is listed per client, with the reason. */
function combineMetrics(parts: Run[]): {
  metrics: Record<string, number>;
  operations: Record<string, OperationStats>;
  perClient: ClientCombination['perClient'];
  notes: string[];
} {
  const metrics: Record<string, number> = {};
  const perClientKeys = new Set<string>();
  const missing: string[] = [];
  const unknown: string[] = [];
  const hdr: string[] = [];
  const merged: string[] = [];
  const beyond: string[] = [];
  const keys = new Set<string>();
  for (const r of parts) for (const k of Object.keys(r.metrics)) keys.add(k);
  const value = (r: Run, k: string) => (Number.isFinite(r.metrics[k]) ? r.metrics[k] : undefined);
  /** An operation absent from a client's output did no operation there: its count and return codes are 0. */
  const opsOf = parts.map((r) => new Set(Object.keys(r.operations).map((o) => o.toLowerCase())));
  const countOf = (r: Run, op: string) => value(r, `${op}.count`) ?? (opsOf[parts.indexOf(r)].has(op) ? undefined : 0);

  // Per operation: merged histograms, where every client has one.
  const operations: Record<string, OperationStats> = {};
  const opNames = new Set<string>();
  for (const r of parts) for (const op of Object.keys(r.operations)) opNames.add(op);
  const histogramPercentiles = new Map<string, Record<string, number | undefined>>();
  for (const op of opNames) {
    const stats = parts.map((r) => r.operations[op]);
    const combined: OperationStats = { operation: op, percentiles: {}, returns: {} };
    const counts = stats.map((s) => s?.count ?? 0);
    if (stats.every((s) => s === undefined || s.count !== undefined)) combined.count = counts.reduce((a, b) => a + b, 0);
    for (const s of stats) for (const [code, n] of Object.entries(s?.returns ?? {})) combined.returns[code] = (combined.returns[code] ?? 0) + n;
    const present = stats.filter((s): s is OperationStats => s !== undefined && (s.count ?? 0) > 0);
    if (present.length > 0 && present.every((s) => s.avg !== undefined)) {
      const n = present.reduce((a, s) => a + s.count!, 0);
      combined.avg = present.reduce((a, s) => a + s.count! * s.avg!, 0) / n;
    }
    if (present.length > 0 && present.every((s) => s.min !== undefined)) combined.min = Math.min(...present.map((s) => s.min!));
    if (present.length > 0 && present.every((s) => s.max !== undefined)) combined.max = Math.max(...present.map((s) => s.max!));
    const buckets = mergeBuckets(stats);
    if (buckets) {
      combined.histogram = buckets.rows;
      const unit = LATENCY_SCALE[parts[0].sourceLatencyUnit];
      const wanted = new Set<string>();
      for (const s of stats) for (const p of Object.keys(s?.percentiles ?? {})) wanted.add(p);
      const values: Record<string, number | undefined> = {};
      for (const p of wanted) {
        const at = bucketPercentile(buckets.counts, buckets.overflow, Number(p));
        values[p] = at === undefined ? undefined : at * unit;
        if (at !== undefined) combined.percentiles[p] = at * unit;
      }
      histogramPercentiles.set(op.toLowerCase(), values);
    }
    operations[op] = combined;
  }

  for (const k of [...keys].sort()) {
    const m = k.startsWith('gc.') ? null : /^(.*)\.(count|avg|min|max|p[0-9.]+)$/.exec(k);
    const op = m?.[1];
    const kind = m?.[2];
    if (kind?.startsWith('p') && op !== undefined) {
      const fromBuckets = histogramPercentiles.get(op);
      if (fromBuckets && Object.prototype.hasOwnProperty.call(fromBuckets, kind.slice(1))) {
        const v = fromBuckets[kind.slice(1)];
        if (v !== undefined) {
          metrics[k] = v;
          merged.push(k);
        } else {
          beyond.push(k);
          perClientKeys.add(k);
        }
      } else {
        hdr.push(k);
        perClientKeys.add(k);
      }
      continue;
    }
    if (kind === 'avg' && op !== undefined) {
      const withOps = parts.filter((r) => (countOf(r, op) ?? 1) > 0);
      const pairs = withOps.map((r) => [countOf(r, op), value(r, k)] as const);
      if (pairs.length > 0 && pairs.every(([n, v]) => n !== undefined && v !== undefined)) {
        const n = pairs.reduce((a, [c]) => a + c!, 0);
        metrics[k] = pairs.reduce((a, [c, v]) => a + c! * v!, 0) / n;
      } else {
        missing.push(k);
        perClientKeys.add(k);
      }
      continue;
    }
    if ((kind === 'min' || kind === 'max') && op !== undefined) {
      const vs = parts.filter((r) => (countOf(r, op) ?? 1) > 0).map((r) => value(r, k));
      if (vs.length > 0 && vs.every((v) => v !== undefined)) metrics[k] = kind === 'min' ? Math.min(...(vs as number[])) : Math.max(...(vs as number[]));
      else {
        missing.push(k);
        perClientKeys.add(k);
      }
      continue;
    }
    if (k === 'runtime') {
      const vs = parts.map((r) => value(r, k));
      if (vs.every((v) => v !== undefined)) metrics[k] = Math.max(...(vs as number[]));
      else {
        missing.push(k);
        perClientKeys.add(k);
      }
      continue;
    }
    if (SUMMED.test(k)) {
      // an operation or a return code absent from a client's output counts 0 there
      const vs = parts.map((r) => (kind === 'count' && op !== undefined ? countOf(r, op) : (value(r, k) ?? (k.includes('.return.') ? 0 : undefined))));
      if (vs.every((v) => v !== undefined)) metrics[k] = (vs as number[]).reduce((a, b) => a + b, 0);
      else {
        missing.push(k);
        perClientKeys.add(k);
      }
      continue;
    }
    unknown.push(k);
    perClientKeys.add(k);
  }

  const notes: string[] = [];
  if (hdr.length > 0) {
    notes.push(
      `no combined ${hdr.join(', ')}: percentiles of different clients cannot be combined from their summaries and the outputs hold no raw histogram to merge (HdrHistogram prints only its percentiles); each client's values are listed`,
    );
  }
  if (merged.length > 0) notes.push(`${merged.join(', ')} from the clients' histogram buckets, summed (the buckets are 1 ms wide)`);
  if (beyond.length > 0) notes.push(`no combined ${beyond.join(', ')}: the percentile lies beyond the last histogram bucket (in the overflow); each client's values are listed`);
  if (missing.length > 0) notes.push(`no combined ${missing.join(', ')}: not in every client's output; each client's values are listed`);
  if (unknown.length > 0) notes.push(`no combined ${unknown.join(', ')}: no rule to combine it over clients; each client's values are listed`);
  const perClient = perClientKeys.size === 0
    ? []
    : parts.map((r) => {
        const own: Record<string, number> = {};
        for (const k of [...perClientKeys].sort()) if (r.metrics[k] !== undefined) own[k] = r.metrics[k];
        return { client: r.file, metrics: own };
      });
  return { metrics, operations, perClient, notes };
}

/** µs per source latency unit (the metrics are in µs). */
const LATENCY_SCALE: Readonly<Record<Run['sourceLatencyUnit'], number>> = { us: 1, ms: 1000, ns: 0.001 };

/**
 * The summed buckets of the old `histogram` measurement when every client has them with the same
 * buckets: `0` … `N-1` (1 ms each) and the overflow `>N`; undefined otherwise (an HdrHistogram's
 * verbose buckets, a client without buckets, other bucket counts).
 */
function mergeBuckets(stats: (OperationStats | undefined)[]): { counts: number[]; overflow: number; rows: { bucket: string; count: number }[] } | undefined {
  let size: number | undefined;
  let counts: number[] = [];
  let overflow = 0;
  for (const s of stats) {
    const h = s?.histogram;
    if (!h || h.length < 2) return undefined;
    const last = h[h.length - 1];
    const n = h.length - 1;
    if (last.bucket !== `>${n}`) return undefined;
    for (let i = 0; i < n; i++) if (h[i].bucket !== String(i)) return undefined;
    if (size === undefined) {
      size = n;
      counts = new Array<number>(n).fill(0);
    } else if (size !== n) return undefined;
    for (let i = 0; i < n; i++) counts[i] += h[i].count;
    overflow += last.count;
  }
  if (size === undefined) return undefined;
  const rows = counts.map((count, i) => ({ bucket: String(i), count }));
  rows.push({ bucket: `>${size}`, count: overflow });
  return { counts, overflow, rows };
}

/**
 * The `p`-th percentile of bucket counts as YCSB's histogram measurement prints it
 * (OneMeasurementHistogram.exportMeasurements): the first bucket `i` where the running count
 * reaches p % of all operations (overflow included); undefined when it is only reached in the
 * overflow (YCSB then prints no such line).
 */
export function bucketPercentile(counts: readonly number[], overflow: number, p: number): number | undefined {
  const total = counts.reduce((a, b) => a + b, 0) + overflow;
  if (total === 0 || !Number.isFinite(p)) return undefined;
  let running = 0;
  for (let i = 0; i < counts.length; i++) {
    running += counts[i];
    if (running / total >= p / 100) return i;
  }
  return undefined;
}
