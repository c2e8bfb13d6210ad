/**
 * The thin loader: the only part of ingest that reads files.
 *
 * ```
 * roots ──discover──► files ──read bytes──► sha256 (duplicates) ──decode──► text
 *                                                                         │
 *             .csv ──parseTable──► one Run per row                       │
 *             else ──parseYcsb───► one Run ◄──assignFactors(name)────────┘
 *                                     │  content fills what the name lacks; conflicts kept
 *                                     ▼
 *                               Inventory (every file with a status)
 * ```
 * Texts are parsed as they are read and then dropped: the inventory never holds every file's text.
 */
import { Buffer, isAscii } from 'node:buffer';
import zlib from 'node:zlib';
import { closeSync, constants as fsConstants, existsSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Worker, WorkerOptions } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import {
  emptyParsedRun,
  RUN_STATUSES,
  type Diagnostic,
  type Factors,
  type Inventory,
  type ParsedRun,
  type Run,
  type RunStatus,
  type StatusSample,
} from '../model/index.js';
import { median } from '../stats/median.js';
import { discover } from './discover.js';
import { parseYcsb } from './parse.js';
import { READAHEAD_STATE } from './readahead-state.js';
import { assignFactors } from './scheme.js';
import { parseTable, type TableOptions } from './table.js';

export interface LoadOptions {
  include?: string[];
  exclude?: string[];
  /** User file-name templates, tried before the built-in schemes. */
  schemes?: string[];
  /** How to read .csv tables. */
  table?: TableOptions;
  /** Called after each file, for progress displays. */
  onProgress?: (done: number, total: number) => void;
  /** Kept for compatibility; files are read one at a time (on a local disk, synchronous reads in
   * a loop measured ~2× faster than 16 concurrent async reads, and parsing is the bottleneck). */
  concurrency?: number;
  /**
   * What to keep of each run's status-line series (`-s`):
   * - 'full' (default): every sample with its per-operation interval stats (`ops`);
   * - 'throughput': t, operations, throughput and line of each sample, `ops` left empty — what the
   *   analysis and the report use, at about a tenth of the memory (for large campaigns).
   */
  series?: 'full' | 'throughput';
  /**
   * How byte-identical files are found:
   * - 'sha256' (default): by the sha256 of each file's bytes, which its runs keep (`Run.sha256`);
   * - 'crc32': by size and CRC-32 (zlib's, about a third of sha256's cost); files that agree on both
   *   are read again and compared by the sha256 of those bytes. Runs keep no sha256. A file rewritten
   *   between the two reads is compared by its new bytes; one that vanished is no duplicate. (Node <
   *   20.15 has no zlib.crc32: sha256 is used, and kept.) The CLI's summary uses it (it prints no sha256).
   */
  hash?: 'sha256' | 'crc32';
  /** Files larger than this are not read (status unreadable, with the size in the reason).
   * Default 512 MiB, about the longest string V8 can hold. */
  maxFileBytes?: number;
  /**
   * Called once for every run as soon as it is built (before duplicates are marked, and before its
   * strings are copied out of its file's text, so that what it drops is never copied). It may change
   * the run: e.g. the CLI reduces the series to what the analysis reads of it (`run.seriesDigest`)
   * and drops the samples, so that a campaign of 100,000 files never holds millions of samples at once.
   * It sees the run as parsed: its strings may still be slices of the file's text (keep none of them
   * outside the run) and, with `series: 'throughput'`, its samples are not thinned yet.
   */
  onRun?: (run: Run) => void;
  /**
   * Read-ahead for files that are not in the page cache (a campaign just copied, or not read for a
   * while): a thread reads the files ahead of the ones being parsed, several at once, so that parsing
   * does not wait for the disk one file at a time. What it reads is thrown away; results are the
   * same either way.
   * - 'auto' (default): on when there are at least 64 files and reading the first 4 KiB of 8 of
   *   them, spread over the list, takes more than 100 µs a file (median; ~15–30 µs from the page
   *   cache, 150–600 µs from disk on the machines measured);
   * - 'on': whenever there are files; 'off': never.
   * It needs the built module dist/ingest/readahead-worker.js (run from the TypeScript sources, it
   * does not start: `onReadAhead` says so). Its reads go through libuv's thread pool, which the
   * whole process shares (UV_THREADPOOL_SIZE, 4 threads by default): two reads in flight per pool
   * thread, at most 64; at most 4,096 files and 256 MiB (each file counted whole when its reading
   * starts) beyond the files the parsing threads have taken (with worker threads, that includes the
   * ranges queued for them: the first ~128 files are not read ahead). Files that are not regular
   * files or are over `maxFileBytes` are skipped.
   */
  readAhead?: 'auto' | 'on' | 'off';
  /** Called once the files are read (not when the load fails), with what the read-ahead did: its
   * probe reads (µs, 'auto' only), whether it started, and how many files it had read when it was
   * stopped (it may finish a few more reads after). */
  onReadAhead?: (stats: ReadAheadStats) => void;
}

/** See LoadOptions.onReadAhead. */
export interface ReadAheadStats {
  /** The probe reads' times, µs ('auto' with at least 64 files; empty otherwise). */
  probeMicros: number[];
  /** Whether the read-ahead thread was launched. */
  started: boolean;
  /** Whether it had begun reading when the loader stopped it (a short load can end first). */
  running: boolean;
  /** Files it had read to their end when the loader stopped it (it may finish a few more). */
  filesRead: number;
  /** Why it did not start, or how it failed, if the loader heard of it before stopping it (a
   * failure costs only the speed-up). */
  error?: string;
}

/** Shared by every thinned status sample: no per-operation interval stats kept. */
const NO_OPS: StatusSample['ops'] = Object.freeze({}) as StatusSample['ops'];

/** Default for {@link LoadOptions.maxFileBytes}. */
export const MAX_FILE_BYTES = 512 * 2 ** 20;

/**
 * Strings parsed out of a file's text may be V8 slices that keep the whole text alive (a 24 KB file
 * held for each 20-character property value). Every string kept in a run goes through here: it is
 * copied out of the text once and shared between runs (factor levels, properties, command lines).
 */
export class StringPool {
  private readonly map = new Map<string, string>();
  constructor(private readonly cap = 200_000) {}
  get(s: string): string {
    const hit = this.map.get(s);
    if (hit !== undefined) return hit;
    // V8 copies substrings shorter than 13 characters; longer ones may be slices: copy them.
    const own = s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
    if (this.map.size < this.cap) this.map.set(own, own);
    return own;
  }
}

/** Replace, in place, every string reachable from `v` by its pooled copy. */
export function detach<T>(v: T, pool: StringPool): T {
  if (typeof v === 'string') return pool.get(v) as T;
  if (v === null || typeof v !== 'object' || Object.isFrozen(v)) return v;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (typeof x === 'string' || (x !== null && typeof x === 'object')) v[i] = detach(x, pool);
    }
    return v;
  }
  const o = v as Record<string, unknown>;
  for (const k in o) {
    const x = o[k];
    if (typeof x === 'string' || (x !== null && typeof x === 'object')) o[k] = detach(x, pool);
  }
  return v;
}

/** Keep only what the analysis and report read of a series. */
function thinSeries(series: StatusSample[]): StatusSample[] {
  const out: StatusSample[] = new Array(series.length);
  for (let i = 0; i < series.length; i++) {
    const s = series[i];
    out[i] =
      s.throughput === undefined
        ? { t: s.t, operations: s.operations, throughput: undefined, line: s.line, ops: NO_OPS }
        : { t: s.t, operations: s.operations, throughput: s.throughput, line: s.line, ops: NO_OPS };
  }
  return out;
}

/** Fields of a run that hold no slice of its file's text: name, file and root (from discovery: the
 * name is the path, or `path:line` for a table row), the sha256 (computed), the metrics (numbers
 * only) and the series digest (computed; its factors are the run's own object). */
const NOT_FROM_TEXT = new Set(['name', 'file', 'root', 'sha256', 'metrics', 'seriesDigest']);

/**
 * Make a run safe to keep: every string it holds copied out of its file's text (pooled). After the
 * loader's hook, so that what the hook drops (a lean run's samples, per-operation stats, command
 * line) is never copied. A thinned series holds no strings and is not walked.
 */
function keepRun(run: Run, pool: StringPool, thinned: boolean): void {
  const o = run as unknown as Record<string, unknown>;
  for (const k in o) {
    if (NOT_FROM_TEXT.has(k) || (thinned && k === 'series')) continue;
    const x = o[k];
    if (typeof x === 'string' || (x !== null && typeof x === 'object')) o[k] = detach(x, pool);
  }
}

/** Factors whose content value may differ from the name without it being a conflict. */
const CONTENT_ONLY_HINTS = new Set(['target']);


/** Merge factors from the name and from the content; the name wins, conflicts are recorded. */
export function mergeFactors(fromName: Factors, fromContent: Factors): {
  factors: Factors;
  conflicts: { factor: string; name: string; content: string }[];
} {
  const factors: Factors = Object.assign({}, fromName); // (not a spread: see toRun)
  const conflicts: { factor: string; name: string; content: string }[] = [];
  for (const [k, v] of Object.entries(fromContent)) {
    if (factors[k] === undefined) factors[k] = v;
    else if (!CONTENT_ONLY_HINTS.has(k) && !sameLevel(factors[k], v)) conflicts.push({ factor: k, name: factors[k], content: v });
  }
  return { factors, conflicts };
}

function sameLevel(a: string, b: string): boolean {
  if (a.toLowerCase() === b.toLowerCase()) return true;
  const na = Number(a);
  const nb = Number(b);
  return a.trim() !== '' && b.trim() !== '' && !Number.isNaN(na) && na === nb;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const LATIN1 = new TextDecoder('latin1');

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence (-1: none). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) (need = 1), (min = 0x80);
    else if (b >= 0xe0 && b <= 0xef) (need = 2), (min = 0x800);
    else if (b >= 0xf0 && b <= 0xf4) (need = 3), (min = 0x10000);
    else return i;
    if (i + need >= n) return i; // a sequence cut by the end of the file
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Decode bytes as UTF-8; on invalid UTF-8, fall back to Latin-1 and say where it broke. */
export function decode(bytes: Uint8Array): { text: string; diagnostic?: Diagnostic; binary?: Diagnostic } {
  const probe = bytes.subarray(0, Math.min(bytes.length, 65536));
  const nul = probe.indexOf(0);
  if (nul >= 0) {
    return {
      text: '',
      binary: { message: 'binary file', expected: 'text', found: `a NUL byte at offset ${nul}`, severity: 'error' },
    };
  }
  // ASCII (most outputs) reads the same as UTF-8 and as Latin-1: a byte-for-byte copy, after a
  // vectorised check, takes about half the time of the validating UTF-8 decoder
  if (isAscii(bytes)) return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1') };
  try {
    return { text: UTF8.decode(bytes) };
  } catch {
    const text = LATIN1.decode(bytes);
    const found = firstInvalidUtf8(bytes);
    const bad = found < 0 ? 0 : found;
    let line = 1;
    for (let i = 0; i < bad; i++) if (bytes[i] === 10) line++;
    return {
      text,
      diagnostic: {
        line,
        message: 'not valid UTF-8; read as Latin-1',
        expected: 'UTF-8 text',
        found: `byte 0x${bytes[bad].toString(16)} at offset ${bad}`,
        severity: 'warning',
      },
    };
  }
}

function toRun(parsed: ParsedRun, file: string, root: string, sha256: string | undefined, templates: string[]): Run {
  const named = assignFactors(file, { templates });
  const fromContent = parsed.header.factors;
  const { factors, conflicts } = mergeFactors(named.factors, fromContent);
  const diagnostics = [...parsed.diagnostics];
  for (const c of conflicts) {
    diagnostics.push({
      message: `factor ${c.factor}: the name says ${JSON.stringify(c.name)}, the content says ${JSON.stringify(c.content)} (the name is used)`,
      severity: 'warning',
    });
  }
  for (const a of named.ambiguities) diagnostics.push({ message: a, severity: 'warning' });
  // Object.assign and plain stores rather than `{ ...parsed, file, … }`: V8 (Node 20) gives every
  // object built by a spread its own hidden class, so 100,000 runs had 100,000 classes (~1 KB each
  // with their descriptors and enumeration caches) and every property read in the analysis missed
  // its inline cache. Built this way the runs share one class: the same keys in the same order.
  const run = Object.assign({}, parsed) as Run;
  run.diagnostics = diagnostics;
  run.file = file;
  run.root = root;
  run.sha256 = sha256;
  run.factors = factors;
  run.origin = { scheme: named.scheme, fromName: named.factors, fromContent, conflicts, ambiguities: named.ambiguities };
  return run;
}

function tableRuns(text: string, file: string, root: string, sha256: string | undefined, tableOptions: TableOptions | undefined): Run[] {
  const table = parseTable(text, file, tableOptions);
  if (table.rows.length === 0) {
    const p = emptyParsedRun(file, 'not-ycsb', table.diagnostics[0] ?? { message: 'table without rows', severity: 'error' });
    p.format = 'table';
    return [{ ...p, file, root, sha256, factors: {}, origin: { scheme: 'table', fromName: {}, fromContent: {}, conflicts: [], ambiguities: [] } }];
  }
  return table.rows.map((row) => {
    const ok = Object.keys(row.metrics).length > 0 && !(row.metrics.throughput === 0);
    const status: RunStatus = ok ? 'ok' : 'failed';
    const diagnostics = [...row.diagnostics];
    // (no line here: the run's name is already `file.csv:LINE`)
    if (!ok) diagnostics.push({ message: row.metrics.throughput === 0 ? 'throughput 0' : 'no metric values', severity: 'error' });
    const name = `${file}:${row.line}`;
    return {
      name,
      status,
      diagnostics,
      format: 'table' as const,
      header: { factors: {}, properties: {} },
      metrics: row.metrics,
      operations: {},
      series: [],
      sourceLatencyUnit: 'us' as const,
      lines: 1,
      file: name,
      root,
      sha256,
      factors: { phase: 'run', ...row.factors },
      origin: { scheme: `table:${table.shape}`, fromName: {}, fromContent: row.factors, conflicts: [], ambiguities: [] },
    };
  });
}

/**
 * What one file became: its runs (usually one) and, if its bytes were read, their sha256, or with
 * ReadSettings.hash 'crc32' their size and CRC-32 (`<size>:<crc>`, see contentKey).
 */
export interface FileResult {
  runs: Run[];
  hash?: string;
}

/** Read-only and non-blocking (O_NONBLOCK changes nothing for regular files; a FIFO opens at once). */
const OPEN_FLAGS = fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0);
/**
 * node:crypto and node:worker_threads when first needed: a load may need neither (the CLI's summary
 * keys files by CRC-32 and starts threads only for large campaigns), and loading them costs every
 * start a few milliseconds of Node's own module compilation (~30 internal modules).
 */
const requireBuiltin = createRequire(import.meta.url);

function sha256Hex(bytes: Uint8Array): string {
  return (requireBuiltin('node:crypto') as typeof import('node:crypto')).createHash('sha256').update(bytes).digest('hex');
}

function newWorker(url: URL, options: WorkerOptions): Worker {
  return new (requireBuiltin('node:worker_threads') as typeof import('node:worker_threads')).Worker(url, options);
}

/** zlib.crc32 (Node ≥ 20.15 and 22.2), or undefined. */
const CRC32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

/** The key duplicates are grouped by: the sha256 of the bytes, or `<size>:<CRC-32>`. */
function contentKey(bytes: Uint8Array, hash: ReadSettings['hash']): string {
  return hash === 'crc32' && CRC32 !== undefined ? `${bytes.length}:${CRC32(bytes)}` : sha256Hex(bytes);
}

/** Files up to this size are read into one buffer per thread, reused from file to file. */
const READ_BUFFER_MAX = 4 * 2 ** 20;
let readBuffer = Buffer.allocUnsafe(64 * 1024);

/**
 * The bytes of the regular file open as `fd`, of `size` bytes by its fstat, as readFileSync(fd)
 * reads them (up to `size` bytes; fewer when it shrank; a file of size 0 is read to its end) but
 * without a second fstat and, up to READ_BUFFER_MAX, into the reused buffer: no allocation and
 * release of every file's size (~25% of a 23 KB file's read). The bytes are valid until the next
 * call: the caller hashes and decodes them (copies) before reading another file.
 */
function readAll(fd: number, size: number): Uint8Array {
  if (size === 0) return readFileSync(fd);
  let buf: Buffer;
  if (size <= READ_BUFFER_MAX) {
    if (readBuffer.length < size) readBuffer = Buffer.allocUnsafe(Math.min(READ_BUFFER_MAX, Math.max(size, 2 * readBuffer.length)));
    buf = readBuffer;
  } else buf = Buffer.allocUnsafe(size);
  let pos = 0;
  let n: number;
  do {
    n = readSync(fd, buf, pos, size - pos, null);
    pos += n;
  } while (n !== 0 && pos < size);
  return buf.subarray(0, pos);
}

/** Settings of reading one file, the same in every thread. */
export interface ReadSettings {
  templates: string[];
  /** LoadOptions.hash (resolved: 'crc32' only where zlib.crc32 exists). */
  hash: 'sha256' | 'crc32';
  series: 'full' | 'throughput';
  maxBytes: number;
  table?: TableOptions;
}

/**
 * Read, hash, decode and parse one file (never throws for a bad file). What is kept of its runs holds
 * no slice of its text (see StringPool).
 */
export function readOne(root: string, path: string, settings: ReadSettings, pool: StringPool, onRun?: (run: Run) => void): FileResult {
  const { templates, maxBytes } = settings;
  const done = (runs: Run[], hash?: string): FileResult => {
    for (const run of runs) {
      onRun?.(run);
      // thinned after the hook: a hook that digests the samples and drops them (lean runs) reads
      // t, operations and throughput, which thinning keeps, and leaves nothing to thin
      const thinned = settings.series === 'throughput';
      if (thinned && run.series.length > 0) run.series = thinSeries(run.series);
      keepRun(run, pool, thinned);
    }
    return { runs, hash };
  };
  const unreadable = (message: string, hash?: string): FileResult =>
    done([toRun(emptyParsedRun(path, 'unreadable', { message, severity: 'error' }), path, root, undefined, templates)], hash);
  const full = join(root, path);
  let bytes: Uint8Array | undefined;
  let fd: number | undefined;
  let failure: string | undefined;
  try {
    // one open, then the size and the bytes from the descriptor (no second lookup of the path);
    // non-blocking: a FIFO put where a file was found must not hang the load (no effect on files)
    fd = openSync(full, OPEN_FLAGS);
    const st = fstatSync(fd);
    if (!st.isFile()) failure = 'cannot read: not a regular file (a pipe, socket or device where a file was found)';
    else if (st.size > maxBytes) failure = `too large to read: ${st.size} bytes, more than the ${maxBytes}-byte limit`;
    else bytes = readAll(fd, st.size);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const why = e.code === 'ENOENT' ? 'the file disappeared after it was found' : e.code === 'EACCES' || e.code === 'EPERM' ? 'permission denied' : e.code === 'EISDIR' ? 'a folder, not a file' : '';
    failure = `cannot read: ${[e.code, why || e.message].filter(Boolean).join(' ')}`;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  // (outside the try: an exception of the hook, which unreadable() calls, is not a read error)
  if (failure !== undefined || bytes === undefined) return unreadable(failure ?? 'cannot read');
  const hash = contentKey(bytes, settings.hash);
  const sha256 = settings.hash === 'sha256' ? hash : undefined;
  let decoded: ReturnType<typeof decode>;
  try {
    decoded = decode(bytes);
  } catch (err) {
    // e.g. a file that decodes to more characters than a string can hold.
    return unreadable(`cannot decode: ${(err as Error).message}`, hash);
  }
  bytes = undefined;
  const { text, diagnostic, binary } = decoded;
  if (binary) return done([toRun(emptyParsedRun(path, 'not-ycsb', binary), path, root, sha256, templates)], hash);
  if (/\.csv$/i.test(path)) return done(tableRuns(text, path, root, sha256, settings.table), hash);
  const parsed = parseYcsb(text, path, { statusOps: settings.series === 'full' });
  if (diagnostic) parsed.diagnostics.unshift(diagnostic);
  return done([toRun(parsed, path, root, sha256, templates)], hash);
}

/**
 * Files of `list` (indices into `files` with equal `<size>:<CRC-32>` keys) grouped by the sha256 of
 * their bytes read again: the byte-identical ones. A file that cannot be read again is left out.
 */
function bySha256Again(files: { root: string; path: string }[], list: number[]): number[][] {
  const groups = new Map<string, number[]>();
  for (const i of list) {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(join(files[i].root, files[i].path));
    } catch {
      continue;
    }
    const sha = contentKey(bytes, 'sha256');
    const g = groups.get(sha);
    if (g) g.push(i);
    else groups.set(sha, [i]);
  }
  return [...groups.values()];
}

/**
 * Load every file under the roots into an inventory. Never throws for a bad file: each one ends as
 * ok, failed, partial, duplicate, not-ycsb or unreadable, with a reason.
 * @throws only when `roots` is empty.
 */
export async function loadRuns(roots: string[], options: LoadOptions = {}): Promise<Inventory> {
  return loadWith(roots, options);
}

/**
 * {@link loadRuns} with the files read and parsed by a pool of worker threads when there are at least
 * `threads.min` of them: `threads.hook` is the URL of a module whose `onRun` export (or the export
 * named by `threads.hookExport`) each worker calls on every run it builds (in place of
 * `options.onRun`, a function, which cannot cross threads). The
 * results are reassembled in discovery order: same statuses, duplicates and runs as in one thread.
 * Falls back to one thread when the worker module is not built (e.g. running from the sources).
 */
export async function loadRunsThreaded(
  roots: string[],
  options: LoadOptions,
  threads: LoadThreads,
): Promise<Inventory> {
  return loadWith(roots, options, threads);
}

/** Where the worker script is (the same place relative to tsc's dist/ingest/load.js and the bundled dist/cli/*.js). */
const WORKER_URL = new URL('../ingest/worker.js', import.meta.url);

/** The read-ahead thread's script (found as WORKER_URL is). */
const READAHEAD_URL = new URL('../ingest/readahead-worker.js', import.meta.url);
/** Read-ahead ('auto'): at least this many files, and a median probe read slower than READAHEAD_COLD_MICROS. */
const READAHEAD_MIN_FILES = 64;
const READAHEAD_COLD_MICROS = 100;
/** At most this many files and bytes read ahead of the parsing threads (they stay in the page cache). */
const READAHEAD_FILES = 4096;
const READAHEAD_BYTES = 256 * 2 ** 20;

/**
 * Whether probe reads look like reads from disk rather than from the page cache: their median
 * (µs, one per file) above `thresholdMicros`. False without probes.
 * @example looksCold([20, 15, 300, 25, 18, 22, 17, 19]) // false (one slow file)
 */
export function looksCold(micros: readonly number[], thresholdMicros = READAHEAD_COLD_MICROS): boolean {
  return micros.length > 0 && median(micros) > thresholdMicros;
}

/** Time (µs) to open each of up to 8 files spread over `files`, read its first 4 KiB and close it. */
function probeReads(files: readonly { root: string; path: string }[]): number[] {
  const buf = Buffer.allocUnsafe(4096);
  const out: number[] = [];
  const k = Math.min(8, files.length);
  for (let j = 0; j < k; j++) {
    const f = files[Math.floor(((j + 0.5) / k) * files.length)];
    const t0 = performance.now();
    let fd: number | undefined;
    try {
      fd = openSync(join(f.root, f.path), OPEN_FLAGS);
      if (!fstatSync(fd).isFile()) continue;
      readSync(fd, buf, 0, buf.length, 0);
    } catch {
      continue; // (the loader reports the file when it reads it)
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
    out.push((performance.now() - t0) * 1000);
  }
  return out;
}

/** A running read-ahead thread (see LoadOptions.readAhead and ./readahead-worker.ts), or none. */
interface ReadAhead {
  /** The parsing threads have taken every file before index `i`. */
  taken(i: number): void;
  /** Ask it to stop (each lane ends after its current read and closes its file; the thread then
   * exits by itself, and never keeps the process alive); what it did so far. */
  stop(): ReadAheadStats;
}

/** Start the read-ahead thread for `files` when `mode` asks for it (see LoadOptions.readAhead). */
function startReadAhead(files: readonly { root: string; path: string }[], mode: 'auto' | 'on' | 'off', maxBytes: number): ReadAhead {
  const none = (probeMicros: number[] = [], error?: string): ReadAhead => ({
    taken: () => undefined,
    stop: () => ({ probeMicros, started: false, running: false, filesRead: 0, ...(error !== undefined ? { error } : {}) }),
  });
  // (one file: the parsing thread takes it at once, nothing is left to read ahead)
  if (mode === 'off' || files.length < 2 || (mode === 'auto' && files.length < READAHEAD_MIN_FILES)) return none();
  const probeMicros = mode === 'auto' ? probeReads(files) : [];
  if (mode === 'auto' && !looksCold(probeMicros)) return none(probeMicros);
  if (READAHEAD_URL.protocol !== 'file:' || !existsSync(fileURLToPath(READAHEAD_URL))) return none(probeMicros, 'the read-ahead module is not built');
  const paths = files.map((f) => join(f.root, f.path));
  const { FRONTIER, STOP, READ, RUNNING, SLOTS } = READAHEAD_STATE;
  const state = new Int32Array(new SharedArrayBuffer(4 * SLOTS));
  // libuv's pool (UV_THREADPOOL_SIZE, 4 by default) is the whole process's: about two reads queued
  // per pool thread keep it busy without holding back other users' requests for long
  const poolSize = Math.max(1, Math.min(1024, Number(process.env.UV_THREADPOOL_SIZE) || 4));
  const lanes = Math.min(64, 2 * poolSize);
  let error: string | undefined;
  let worker: Worker;
  try {
    worker = newWorker(READAHEAD_URL, { workerData: { paths, state, lanes, ahead: READAHEAD_FILES, aheadBytes: READAHEAD_BYTES, maxBytes }, resourceLimits: { maxYoungGenerationSizeMb: 4 } });
  } catch (e) {
    return none(probeMicros, (e as Error).message);
  }
  worker.unref();
  // (a read-ahead that fails costs only its speed-up: it is reported in the stats)
  worker.on('error', (e) => (error = e.message));
  return {
    taken: (i) => Atomics.store(state, FRONTIER, i),
    stop: () => {
      Atomics.store(state, STOP, 1);
      return { probeMicros, started: true, running: Atomics.load(state, RUNNING) === 1, filesRead: Atomics.load(state, READ), ...(error !== undefined ? { error } : {}) };
    },
  };
}

/** Worker threads of {@link loadRunsThreaded}. */
export interface LoadThreads {
  /** URL of the module whose export each worker calls on every run (in place of `options.onRun`). */
  hook?: string;
  /** That export's name (default 'onRun'). */
  hookExport?: string;
  /** Fewer files than this: one thread (default 200). */
  min?: number;
  /** Threads in all, this one included (default 2). */
  workers?: number;
}

async function loadWith(roots: string[], options: LoadOptions, threads?: LoadThreads): Promise<Inventory> {
  if (roots.length === 0) throw new Error('loadRuns: expected at least one folder or file, found none');
  const templates = options.schemes ?? [];

  // 1. Discover.
  const found = await discover(roots, { include: options.include, exclude: options.exclude });
  const files = found.files;

  // 2. Read, hash, decode and parse each file, one at a time: only one file's bytes and text are
  //    alive at once; what is kept of a run holds no slice of its text (see StringPool).
  const results: Run[][] = new Array(files.length);
  const order: { i: number; hash?: string }[] = new Array(files.length);
  const pool = new StringPool();
  const settings: ReadSettings = { templates, hash: options.hash === 'crc32' && CRC32 !== undefined ? 'crc32' : 'sha256', series: options.series ?? 'full', maxBytes: options.maxFileBytes ?? MAX_FILE_BYTES, table: options.table };
  const nWorkers = threads?.workers ?? 2;
  const useThreads = threads !== undefined && nWorkers > 1 && files.length >= (threads.min ?? 200) && WORKER_URL.protocol === 'file:' && existsSync(fileURLToPath(WORKER_URL));
  // files on disk rather than in the page cache: a thread reads ahead (results unchanged)
  const ahead = startReadAhead(files, options.readAhead ?? 'auto', settings.maxBytes);
  let aheadStats: ReadAheadStats;
  try {
    if (useThreads) {
      const put = (i: number, r: FileResult) => {
        results[i] = r.runs;
        order[i] = { i, hash: r.hash };
      };
      await readShared(files, settings, threads!, nWorkers, pool, put, options.onRun, options.onProgress, ahead);
    } else {
      let lastYield = performance.now();
      for (let i = 0; i < files.length; i++) {
        ahead.taken(i + 1);
        const r = readOne(files[i].root, files[i].path, settings, pool, options.onRun);
        results[i] = r.runs;
        order[i] = { i, hash: r.hash };
        options.onProgress?.(i + 1, files.length);
        // Let timers and I/O callbacks (progress, signals) run now and then.
        if (performance.now() - lastYield > 100) {
          await new Promise((res) => setImmediate(res));
          lastYield = performance.now();
        }
      }
    }
  } finally {
    aheadStats = ahead.stop();
  }
  options.onReadAhead?.(aheadStats);

  // 3. Duplicates. Among byte-identical files the one kept is the one whose name a scheme reads
  //    fully (no ambiguity, not merely inferred), then the shortest name, then the first found:
  //    `run-1 (copy).txt` is the duplicate of `run-1.txt`, whatever the listing order.
  const byHash = new Map<string, number[]>();
  for (const { i, hash } of order) {
    if (!hash) continue;
    const list = byHash.get(hash) ?? [];
    list.push(i);
    byHash.set(hash, list);
  }
  const identical = settings.hash === 'crc32' ? [...byHash.values()].filter((list) => list.length > 1).flatMap((list) => bySha256Again(files, list)) : byHash.values();
  const quality = (i: number): [number, number, number] => {
    const run = results[i][0];
    const named = run.origin.ambiguities.length > 0 ? 2 : run.origin.scheme === 'inferred' ? 1 : 0;
    return [named, files[i].path.length, i];
  };
  for (const list of identical) {
    if (list.length < 2) continue;
    const ranked = [...list].sort((a, b) => {
      const qa = quality(a);
      const qb = quality(b);
      return qa[0] - qb[0] || qa[1] - qb[1] || qa[2] - qb[2];
    });
    const keep = ranked[0];
    for (const i of ranked.slice(1)) {
      const under = files[keep].root !== files[i].root ? ` (under ${files[keep].root})` : '';
      for (const run of results[i]) {
        run.diagnostics.unshift({
          message: `byte-identical to ${files[keep].path}${under}; not counted again`,
          severity: 'info',
        });
        run.status = 'duplicate';
        run.duplicateOf = files[keep].path;
      }
    }
  }

  // 4. Stable order and counts.
  const runs = results.flat();
  const counts = Object.fromEntries(RUN_STATUSES.map((s) => [s, 0])) as Record<RunStatus, number>;
  for (const r of runs) counts[r.status]++;
  const skipped = found.skipped.map((f) => ({ path: roots.length > 1 ? join(f.root, f.path) : f.path, reason: f.reason }));
  return { roots, runs, scanErrors: found.errors, skipped, counts };
}

/**
 * Read the files in this thread and `nWorkers - 1` worker threads (src/ingest/worker.ts): ranges of
 * file indices are handed out as threads finish theirs; each worker result comes back by index
 * (structured clone) and its strings are pooled again here, so runs share their factor levels as in
 * one thread. This thread reads ranges too (with `onRun`), between the workers' messages. A worker
 * that fails or stops gives its unanswered ranges back to this thread.
 */
async function readShared(
  files: { root: string; path: string }[],
  settings: ReadSettings,
  threads: LoadThreads,
  nWorkers: number,
  pool: StringPool,
  put: (i: number, r: FileResult) => void,
  onRun: ((run: Run) => void) | undefined,
  onProgress: ((done: number, total: number) => void) | undefined,
  ahead: ReadAhead,
): Promise<void> {
  // 32 files a message: one structured clone per range costs ~25% less a run than at 8 (fewer
  // messages, shared header objects sent once), and 3 ranges in flight keep the worker busy
  const CHUNK = 32;
  let next = 0;
  let done = 0;
  let wake: (() => void) | undefined;
  const workers: Worker[] = [];
  const pending: Map<number, number>[] = []; // per worker: start -> end of the ranges sent, not answered
  const alive: boolean[] = [];
  const retry: [number, number][] = [];
  const take = (): [number, number] | undefined => {
    if (retry.length > 0) return retry.pop();
    if (next >= files.length) return undefined;
    const start = next;
    next = Math.min(files.length, next + CHUNK);
    ahead.taken(next);
    return [start, next];
  };
  const send = (k: number) => {
    if (!alive[k] || retry.length > 0) return;
    const r = take();
    if (!r) return;
    pending[k].set(r[0], r[1]);
    workers[k].postMessage({ start: r[0], end: r[1] });
  };
  const lose = (k: number) => {
    if (!alive[k]) return;
    alive[k] = false;
    for (const [start, end] of pending[k]) retry.push([start, end]);
    pending[k].clear();
    void workers[k].terminate();
    wake?.();
  };
  for (let k = 0; k < nWorkers - 1; k++) {
    // A small young generation: a worker keeps nothing between ranges, and every MB counts at 100,000 files.
    const w = newWorker(WORKER_URL, { workerData: { files, settings, hook: threads.hook, hookExport: threads.hookExport }, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
    workers.push(w);
    pending.push(new Map());
    alive.push(true);
    w.on('message', (m: { start: number; results: FileResult[] }) => {
      if (!alive[k] || !pending[k].delete(m.start)) return;
      for (let j = 0; j < m.results.length; j++) {
        const r = m.results[j];
        for (const run of r.runs) {
          // a structured clone: every string a fresh copy. Factor levels and the like are shared with
          // the runs read so far, as in one thread; the fields keepRun leaves alone hold nothing to
          // share, except the root, the same for every file of a folder.
          keepRun(run, pool, settings.series === 'throughput');
          run.root = pool.get(run.root);
        }
        put(m.start + j, r);
      }
      done += m.results.length;
      onProgress?.(done, files.length);
      send(k);
      if (pending[k].size === 0) {
        alive[k] = false;
        void w.terminate();
      }
      wake?.();
    });
    w.on('error', () => lose(k));
    w.on('exit', () => lose(k));
    // Three ranges in flight per worker: it never waits for the next one while this thread parses.
    for (let n = 0; n < 3; n++) send(k);
  }
  try {
    // This thread's share, one range at a time; the workers' results are taken in between.
    while (done < files.length) {
      const r = take();
      if (!r) {
        await new Promise<void>((res) => (wake = res));
        wake = undefined;
        continue;
      }
      for (let i = r[0]; i < r[1]; i++) {
        const res = readOne(files[i].root, files[i].path, settings, pool, onRun);
        put(i, res);
      }
      done += r[1] - r[0];
      onProgress?.(done, files.length);
      await new Promise((res) => setImmediate(res));
    }
  } finally {
    for (let k = 0; k < workers.length; k++) {
      alive[k] = false;
      void workers[k].terminate();
    }
  }
}
