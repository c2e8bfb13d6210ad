/**
 * Reading one file into runs, the same in every thread (this one and ./worker.ts): never throws for
 * a bad file.
 *
 * ```
 * root/path ──open, fstat──► a regular file of at most maxBytes? (else: unreadable, with the reason)
 *   ──read bytes──► content key (sha256, or size + CRC-32)
 *   ──decode (./decode.ts)──► text (binary: not-ycsb)
 *       .csv ──tableRuns──► one Run per row
 *       else ──parseOutputs──► one ParsedRun per YCSB invocation (`path`, or `path#k` when several)
 *            ──► start time: the file's modification time when the content tells none
 *            ──► toRun (./to-run.ts, factors from `path`) ──► one Run each
 *   ──per run: onRun hook, series thinned ('throughput'), strings copied out of the text (./strings.ts)
 * ```
 */
import { Buffer } from 'node:buffer';
import zlib from 'node:zlib';
import { closeSync, constants as fsConstants, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { sep } from 'node:path';
import { emptyParsedRun, type Run, type StatusSample } from '../model/index.js';
import { decode } from './decode.js';
import { parseOutputs } from './parse.js';
import type { AssignOptions } from './scheme/index.js';
import { keepRun, type StringPool } from './strings.js';
import type { TableOptions } from './table.js';
import { tableRuns, toRun } from './to-run.js';

/** Shared by every thinned status sample: no per-operation interval stats kept. */
const NO_OPS: StatusSample['ops'] = Object.freeze({}) as StatusSample['ops'];

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

/**
 * What one file became: its runs (usually one) and, if its bytes were read, their sha256, or with
 * ReadSettings.hash 'crc32' their size and CRC-32 (`<size>:<crc>`, see contentKey).
 */
export interface FileResult {
  runs: Run[];
  hash?: string;
}

/** Read-only and non-blocking (O_NONBLOCK changes nothing for regular files; a FIFO opens at once). */
export const OPEN_FLAGS = fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0);

/**
 * node:crypto when first needed: a load may not need it (the CLI's summary keys files by CRC-32),
 * and loading it costs every start a few milliseconds of Node's own module compilation.
 */
const requireBuiltin = createRequire(import.meta.url);

function sha256Hex(bytes: Uint8Array): string {
  return (requireBuiltin('node:crypto') as typeof import('node:crypto')).createHash('sha256').update(bytes).digest('hex');
}

/** zlib.crc32 (Node ≥ 20.15 and 22.2), or undefined. */
const CRC32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

/** LoadOptions.hash as every thread reads files: 'crc32' only where zlib.crc32 exists. */
export function resolveHash(hash: 'sha256' | 'crc32' | undefined): 'sha256' | 'crc32' {
  return hash === 'crc32' && CRC32 !== undefined ? 'crc32' : 'sha256';
}

/** The key duplicates are grouped by: the sha256 of the bytes, or `<size>:<CRC-32>`. */
export function contentKey(bytes: Uint8Array, hash: ReadSettings['hash']): string {
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
  /** LoadOptions.templateFlag. */
  templateFlag?: string;
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
  const { maxBytes } = settings;
  const naming: AssignOptions = { templates: settings.templates, templateFlag: settings.templateFlag };
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
    done([toRun(emptyParsedRun(path, 'unreadable', { message, severity: 'error' }), path, root, undefined, naming)], hash);
  // (discovery's paths are relative, '/'-separated and hold no `.` or `..`: joined without
  // path.join's normalisation, ~10 µs a file in a cold process)
  const full = root.endsWith('/') || root.endsWith(sep) ? root + path : root + sep + path;
  let bytes: Uint8Array | undefined;
  let fd: number | undefined;
  let failure: string | undefined;
  let mtimeMs: number | undefined;
  try {
    // one open, then the size and the bytes from the descriptor (no second lookup of the path);
    // non-blocking: a FIFO put where a file was found must not hang the load (no effect on files)
    fd = openSync(full, OPEN_FLAGS);
    const st = fstatSync(fd);
    if (!st.isFile()) failure = 'cannot read: not a regular file (a pipe, socket or device where a file was found)';
    else if (st.size > maxBytes) failure = `too large to read: ${st.size} bytes, more than the ${maxBytes}-byte limit`;
    else bytes = readAll(fd, st.size);
    mtimeMs = st.mtimeMs;
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
  if (binary) return done([toRun(emptyParsedRun(path, 'not-ycsb', binary), path, root, sha256, naming)], hash);
  if (/\.csv$/i.test(path)) return done(tableRuns(text, path, root, sha256, settings.table), hash);
  const parsed = parseOutputs(text, path, { statusOps: settings.series === 'full' });
  if (diagnostic) {
    // the decoding warning goes to the invocation holding its line (the first when none does)
    const line = diagnostic.line ?? 0;
    const at = parsed.findIndex((r) => r.invocation !== undefined && line >= r.invocation.fromLine && line <= r.invocation.toLine);
    parsed[Math.max(0, at)].diagnostics.unshift(diagnostic);
  }
  const runs: Run[] = new Array(parsed.length);
  for (let k = 0; k < parsed.length; k++) {
    const one = parsed[k];
    if (one.start === undefined && mtimeMs !== undefined) one.start = { iso: localIso(mtimeMs), source: 'mtime' };
    // factors from the file's path; the run is named `path#k` when the file holds several invocations
    const run = toRun(one, path, root, sha256, naming);
    if (one.invocation) run.file = one.name;
    runs[k] = run;
  }
  return done(runs, hash);
}

/** A time (ms since the epoch) as this machine's naive local ISO time, with milliseconds. */
export function localIso(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${p(d.getFullYear(), 4)}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}
